//! `certcheck renew` end to end: a renewal is recorded only when the cycle's
//! requirement is met on the day and the day is inside the window; the
//! profile keeps every byte; refusals write nothing.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common;

use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

/// CMQ/OE earned 2023-06-15: the first cycle ends 2026-06-15, renewals are
/// accepted from 2025-12-15 to 2026-12-15 (6 months' grace).
const GUS: &str = "# Gus: CMQ/OE since 2023-06-15
name = \"Gus Ramirez\"

[[certifications]]
id = \"cmq-oe\"
earned = 2023-06-15      # the first cycle ends 2026-06-15

[[exams]]
id = 'cmq-oe'
passed = 2023-05-20

[[activities]]
date = 2024-02-01
certifications = [\"cmq-oe\"]
category = \"professional-development\"
units = 12.5
description = \"Quality conference and workshops\"
";

/// What makes GUS ready: 5.5 more RU in the first cycle.
const MORE: &str = "
[[activities]]
date = 2026-03-01
certifications = [\"cmq-oe\"]
category = \"giving-back\"
units = 5.5
description = \"Section chair\"
";

fn run(args: &[&str], path: &Path) -> Output {
    certcheck().args(args).arg(path).output().expect("runs")
}

/// The rules these tests judge by: the built-in cmq-oe with ASQ's renewal
/// by exam for 12 months after a cycle's end (by_exam_until), whatever the
/// built-in file says.
const RULES: &str = "tests/fixtures/shapes-recert/renew";

/// `renew --cert cmq-oe --date DATE --as-of AS_OF` plus `extra`.
fn renew(path: &Path, date: &str, as_of: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "renew", "--cert", "cmq-oe", "--date", date, "--as-of", as_of, "--rules", RULES,
    ];
    args.extend_from_slice(extra);
    run(&args, path)
}

/// `check --format json` on `as_of`: (status, renewal.cycle, cycle_start).
fn judged(path: &Path, as_of: &str) -> (String, u64, String) {
    let o = run(
        &[
            "check", "--format", "json", "--cert", "cmq-oe", "--as-of", as_of, "--rules", RULES,
        ],
        path,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let r = &v["results"][0];
    (
        r["status"].as_str().unwrap_or_default().to_string(),
        r["renewal"]["cycle"].as_u64().unwrap_or(99),
        r["renewal"]["cycle_start"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

/// Exit code 1, the message on stderr, nothing on stdout, nothing written.
fn assert_refused(o: &Output, path: &Path, text: &str, expected: &str) {
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "{}", stdout(o));
    assert_eq!(stderr(o), expected);
    assert_eq!(fs::read_to_string(path).unwrap(), text);
}

#[test]
fn short_of_units_is_refused_with_the_shortfall() {
    let (dir, path) = profile(GUS);
    let o = renew(&path, "2026-05-01", "2026-11-25", &[]);
    assert_refused(
        &o,
        &path,
        GUS,
        "error: cannot renew `cmq-oe`: 5.5 RU still needed (12.5 of 18 counted)\n  help: log the missing RU with `certcheck log`; renewals of this cycle are accepted up to 2026-12-15; if it was renewed by passing the exam again, use `--by-exam`\n",
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_ready_cycle_is_renewed_and_the_next_one_begins() {
    let text = format!("{GUS}{MORE}");
    let (dir, path) = profile(&text);
    // before: the first cycle ended, in its grace period
    assert_eq!(
        judged(&path, "2026-11-25"),
        ("grace".into(), 0, "2023-06-15".into())
    );
    let o = renew(&path, "2026-05-01", "2026-11-25", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "renewed `cmq-oe` on 2026-05-01 with 18 of 18 RU counted in the cycle 2023-06-15 to 2026-06-15\n\
         cmq-oe: 0 of 18 RU counted in the cycle 2026-06-16 to 2029-06-15, 18 still needed\n"
    );
    // the renewals line goes after the entry's last key, its comment kept
    let expected = text.replacen(
        "# the first cycle ends 2026-06-15\n",
        "# the first cycle ends 2026-06-15\nrenewals = [2026-05-01]\n",
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(
        judged(&path, "2026-11-25"),
        ("certified".into(), 1, "2026-06-16".into())
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // the same renewal again: refused, nothing written
    let o = renew(&path, "2026-05-01", "2026-11-25", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: `cmq-oe` already has a renewal recorded on 2026-05-01, on or after 2026-05-01\n  help: renewals are recorded in order: a new one must be dated after 2026-05-01\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn the_date_defaults_to_the_as_of_date_and_the_array_grows() {
    let text = "name = \"Dana\"\r\ncertifications = [ { id = \"cmq-oe\", earned = 2020-04-01, renewals = [\"2023-03-20\"] } ]\r\n\r\n[[activities]]\r\ndate = 2024-01-10\r\ncertifications = [\"cmq-oe\"]\r\ncategory = \"professional-development\"\r\nunits = 18\r\ndescription = \"x\"";
    let (_dir, path) = profile(text);
    let o = run(
        &["renew", "--cert", "cmq-oe", "--as-of", "2026-03-01"],
        &path,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replacen("[\"2023-03-20\"]", "[\"2023-03-20\", \"2026-03-01\"]", 1)
    );
}

#[test]
fn outside_the_window_is_refused() {
    let text = format!("{GUS}{MORE}");
    let (_dir, path) = profile(&text);
    // too early: the window opens 6 months before the cycle's end
    let o = renew(&path, "2025-11-01", "2026-11-25", &[]);
    assert_refused(
        &o,
        &path,
        &text,
        "error: cannot renew `cmq-oe` on 2025-11-01: renewals of the cycle ending 2026-06-15 are accepted from 2025-12-15\n  help: the window runs from 2025-12-15 to 2027-06-15 (the last day of renewal by exam)\n",
    );
    // too late: after renewal by exam too, even by exam
    for extra in [&[][..], &["--by-exam"][..]] {
        let o = renew(&path, "2027-06-16", "2027-07-10", extra);
        assert_refused(
            &o,
            &path,
            &text,
            "error: cannot renew `cmq-oe` on 2027-06-16: the cycle ended on 2026-06-15 and its grace period on 2026-12-15, and renewal by exam on 2027-06-15\n  help: `cmq-oe` has lapsed. If it was earned again by exam, that is a new certification: set its `earned` to the day it was awarded again and remove its `renewals`\n",
        );
    }
    // the last day of the grace period is inside
    let o = renew(&path, "2026-12-15", "2026-12-15", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn by_exam_needs_a_pass_in_the_cycle_but_no_units() {
    let (_dir, path) = profile(GUS);
    // the pass that earned it is before the cycle: it does not count
    let o = renew(&path, "2026-05-01", "2026-11-25", &["--by-exam"]);
    assert_refused(
        &o,
        &path,
        GUS,
        "error: cannot renew `cmq-oe` by exam: no pass of `cmq-oe` is recorded between 2023-06-15 and 2026-05-01\n  help: add the pass to the profile first: an `[[exams]]` entry with `id = \"cmq-oe\"` and the day it was `passed`\n",
    );
    let text = format!("{GUS}\n[[exams]]\nid = \"cmq-oe\"\npassed = 2026-04-10\n");
    fs::write(&path, &text).unwrap();
    let o = renew(&path, "2026-05-01", "2026-11-25", &["--by-exam"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "renewed `cmq-oe` on 2026-05-01 by exam (`cmq-oe` passed on 2026-04-10)\n"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(judged(&path, "2026-11-25").1, 1);
}

#[test]
fn bad_requests_are_usage_errors_and_write_nothing() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--date", "2026-12-01", "--as-of", "2026-11-25"],
            "error: the date 2026-12-01 is after the as-of date 2026-11-25\n  help: record a renewal once it has happened\n",
        ),
        (
            vec!["--date", "2023-06-14", "--as-of", "2026-11-25"],
            "error: the date 2023-06-14 is before `cmq-oe` was earned (2023-06-15)\n  help: a renewal comes at the end of a cycle, after the certification was earned\n",
        ),
        (
            vec!["--date", "2026-13-01"],
            "error: invalid date `2026-13-01` for `--date`\n  help: expected a date like `2026-11-25`\n",
        ),
    ];
    for (extra, expected) in cases {
        let (dir, path) = profile(GUS);
        let mut args = vec!["renew", "--cert", "cmq-oe"];
        args.extend_from_slice(&extra);
        let o = run(&args, &path);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert_eq!(stderr(&o), expected, "{extra:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }
    let (_dir, path) = profile(GUS);
    let o = run(&["renew", "--cert", "cpim", "--as-of", "2026-11-25"], &path);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not hold `cpim`"),
        "{}",
        stderr(&o)
    );
    let o = run(&["renew", "--cert", "cmq", "--as-of", "2026-11-25"], &path);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown certification `cmq`\n  help: did you mean `cmq-oe`?"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
}

const DEMO_RULE: &str = r#"
id = "demo"
name = "Demo Certified Practitioner"
issuer = "Demo Institute"

[edition]
name = "1"

[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 10
unit = "PDUs"
source = "https://example.org/demo"

[[recertification.category]]
id = "education"
name = "Education"
min = 4

[[recertification.category]]
id = "service"
name = "Service"
"#;

#[test]
fn unmet_minimums_are_named() {
    let rules = tempfile::tempdir().unwrap();
    fs::write(rules.path().join("demo.toml"), DEMO_RULE).unwrap();
    let rules = rules.path().to_string_lossy().into_owned();
    let text = "name = \"Pat\"\n[[certifications]]\nid = \"demo\"\nearned = 2023-01-01\n\n[[activities]]\ndate = 2024-01-01\ncertifications = [\"demo\"]\ncategory = \"service\"\nunits = 4\ndescription = \"x\"\n";
    let (_dir, path) = profile(text);
    let args = [
        "renew",
        "--cert",
        "demo",
        "--date",
        "2025-12-01",
        "--as-of",
        "2025-12-01",
        "--rules",
        &rules,
    ];
    let o = run(&args, &path);
    assert_refused(
        &o,
        &path,
        text,
        "error: cannot renew `demo`: 6 PDUs still needed (4 of 10 counted); minimums not met: 4 more in `education`\n  help: log the missing PDUs with `certcheck log`; renewals of this cycle are accepted up to 2026-01-01\n",
    );
    // enough units, but not in the right category
    let text = text.replace("units = 4", "units = 12");
    fs::write(&path, &text).unwrap();
    let o = run(&args, &path);
    assert_refused(
        &o,
        &path,
        &text,
        "error: cannot renew `demo`: minimums not met: 4 more in `education`\n  help: log the missing PDUs with `certcheck log`; renewals of this cycle are accepted up to 2026-01-01\n",
    );
}

/// Exit code 2, the message on stderr, nothing on stdout, nothing written.
fn assert_bad(o: &Output, path: &Path, text: &str, expected: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "{}", stdout(o));
    assert_eq!(stderr(o), expected);
    assert_eq!(fs::read_to_string(path).unwrap(), text);
}

#[test]
fn after_the_grace_period_only_a_renewal_by_exam_is_accepted() {
    // ready by units, but the grace period (to 2026-12-15) is over: by
    // units it is bad usage, whatever the units
    let text = format!("{GUS}{MORE}");
    let (_dir, path) = profile(&text);
    let o = renew(&path, "2026-12-16", "2027-01-10", &[]);
    assert_bad(
        &o,
        &path,
        &text,
        "error: cannot renew `cmq-oe` on 2026-12-16 by units: the grace period of the cycle ending 2026-06-15 ended on 2026-12-15\n  help: after the grace period only a renewal by exam is accepted, up to 2027-06-15: record the pass in `[[exams]]` and add `--by-exam`\n",
    );
    // the status is still grace up to by_exam_until, then lapsed
    assert_eq!(judged(&path, "2027-06-15").0, "grace");
    assert_eq!(judged(&path, "2027-06-16").0, "lapsed");
    // by exam, with a pass in the cycle, on the last day of renewal by exam
    let text = format!("{text}\n[[exams]]\nid = \"cmq-oe\"\npassed = 2027-05-02\n");
    fs::write(&path, &text).unwrap();
    let o = renew(&path, "2027-06-15", "2027-06-20", &["--by-exam"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "renewed `cmq-oe` on 2027-06-15 by exam (`cmq-oe` passed on 2027-05-02)\n"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        judged(&path, "2027-06-20"),
        ("certified".into(), 1, "2026-06-16".into())
    );
}

#[test]
fn by_exam_where_the_rules_accept_none_is_bad_usage() {
    let text = format!("{GUS}\n[[exams]]\nid = \"cmq-oe\"\npassed = 2026-04-10\n");
    let (_dir, path) = profile(&text);
    let o = run(
        &[
            "renew",
            "--cert",
            "cmq-oe",
            "--date",
            "2026-05-01",
            "--as-of",
            "2026-11-25",
            "--by-exam",
            "--rules",
            "tests/fixtures/shapes-recert/renew-units-only",
        ],
        &path,
    );
    assert_bad(
        &o,
        &path,
        &text,
        "error: `cmq-oe` cannot be renewed by exam: edition `2024` of its rules accepts no renewal by exam\n  help: renew by units, without `--by-exam`\n",
    );
}
