//! `certcheck check` in words about caps, minimums and carry-over, end to
//! end on a fixture (tests/fixtures/deadlines/asq-capped.toml).

use crate::common;

#[test]
fn units_over_a_cap_are_said_in_words() {
    let out = common::run([
        "check",
        "tests/fixtures/deadlines/asq-capped.toml",
        "--as-of",
        "2026-11-25",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // 14.8 RU of employment, 10.8 of them under the cap; 2 RU more elsewhere
    assert!(
        text.contains(
            "\
  ✗ Renewal          12.8 of 18 RU counted, 5.2 still needed by 2027-06-15
                     renewals are accepted from 2026-12-15 (in 20 days)
      category                  earned  counted  min   max
      Professional development       2        2    -     -
      Employment                  14.8     10.8    -  10.8
      Giving back                    0        0    -     -
      4 RU over the Employment cap of 10.8 do not count
"
        ),
        "{text}"
    );
}
