//! The recertification shapes of issue 14, through the command line: the
//! rule format (held for life, grace-period units, renewal by exam, a
//! carry-over window in days, a category maximum as a share, an edition's
//! phase-in) and what the evaluator makes of them, read back from the JSON
//! report. The small rule files are in tests/fixtures/shapes-recert/.

use crate::common::{run, stderr, stdout};

/// A rule file's head: id, names, an edition from 2024.
const HEAD: &str = r#"id = "shape"
name = "Shape"
issuer = "Test"

[edition]
name = "2024"
from = 2024-01-01
"#;

/// A recertification table with cycles, to which a test adds keys.
const CYCLES: &str = r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "PDUs"
grace_months = 12
source = "https://example.org/recert"
"#;

/// `certcheck rules validate` on `text` written to a file: the exit code,
/// and what it wrote (its report is on stdout) with the file's path shown
/// as `FILE`.
fn validate(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shape.toml");
    std::fs::write(&path, text).unwrap();
    let out = run(["rules".as_ref(), "validate".as_ref(), path.as_os_str()]);
    let err =
        format!("{}{}", stdout(&out), stderr(&out)).replace(&path.display().to_string(), "FILE");
    (out.status.code().unwrap_or(-1), err)
}

#[test]
fn held_for_life_stands_alone() {
    let alone = format!(
        "{HEAD}\n[recertification]\nheld_for_life = true\nsource = \"https://example.org/life\"\n"
    );
    let (code, err) = validate(&alone);
    assert_eq!(code, 0, "{err}");
    // beside a key about cycles: an error at each key, with a help line
    let (code, err) = validate(&format!(
        "{alone}cycle_years = 3\ngrace_units = \"overdue-cycle\"\n[recertification.carry_over]\nmax = 5\nwindow_days = 120\n"
    ));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("FILE:12:1: `cycle_years` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("FILE:13:1: `grace_units` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("`carry_over` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("help: a certification held for life has no cycles: remove `cycle_years`, or remove `held_for_life`"),
        "{err}"
    );
    // and without it, the keys about cycles are required
    let (code, err) = validate(&format!(
        "{HEAD}\n[recertification]\ncycle_years = 3\nunit = \"RU\"\nsource = \"https://example.org/r\"\n"
    ));
    assert_eq!(code, 1);
    assert!(err.contains("`[recertification]` needs `anchor`"), "{err}");
    assert!(
        err.contains("`[recertification]` needs `units_required`"),
        "{err}"
    );
    assert!(
        !err.contains("`[recertification]` needs `cycle_years`"),
        "{err}"
    );
    assert!(err.contains("write `held_for_life = true`"), "{err}");
}

#[test]
fn grace_units_by_exam_and_windows_are_checked() {
    let ok = format!(
        "{HEAD}{CYCLES}grace_units = \"overdue-cycle\"\nby_exam_months = 12\n[recertification.carry_over]\nmax = 20\nwindow_days = 120\n"
    );
    let (code, err) = validate(&ok);
    assert_eq!(code, 0, "{err}");
    // a misspelt value: the nearest one
    let (code, err) = validate(&ok.replace("\"overdue-cycle\"", "\"overdue\""));
    assert_eq!(code, 1);
    assert!(err.contains("unknown value `overdue`"), "{err}");
    assert!(err.contains("did you mean `overdue-cycle`?"), "{err}");
    // both lengths of one period
    let (code, err) = validate(&ok.replace(
        "by_exam_months = 12",
        "by_exam_months = 12\nby_exam_days = 365",
    ));
    assert_eq!(code, 1);
    assert!(
        err.contains("give `by_exam_months` or `by_exam_days`, not both"),
        "{err}"
    );
    let (code, err) =
        validate(&ok.replace("window_days = 120", "window_days = 120\nwindow_months = 4"));
    assert_eq!(code, 1);
    assert!(
        err.contains("give `window_months` or `window_days`, not both"),
        "{err}"
    );
    // a carry-over window is required, and at least 1
    let (code, err) = validate(&ok.replace("window_days = 120\n", ""));
    assert_eq!(code, 1);
    assert!(
        err.contains("`[recertification.carry_over]` needs `window_days` or `window_months`"),
        "{err}"
    );
    let (code, err) = validate(&ok.replace("window_days = 120", "window_days = 0"));
    assert_eq!(code, 1);
    assert!(err.contains("`window_days` must be at least 1"), "{err}");
}

#[test]
fn a_category_maximum_may_be_a_share() {
    let cat = |share: &str| {
        format!(
            "{HEAD}{CYCLES}\n[[recertification.category]]\nid = \"presentations\"\nname = \"Presentations\"\nmax_share = \"{share}\"\n"
        )
    };
    for share in ["60%", "60 %", "3/5", "100%"] {
        let (code, err) = validate(&cat(share));
        assert_eq!(code, 0, "{share}: {err}");
    }
    let (code, err) = validate(&cat("60 percent"));
    assert_eq!(code, 1);
    assert!(err.contains("`60 percent` is not a fraction"), "{err}");
    assert!(
        err.contains("or as a percentage, e.g. `\"2/3\"` or `\"60%\"`"),
        "{err}"
    );
    let (code, err) = validate(&cat("120%"));
    assert_eq!(code, 1);
    assert!(err.contains("`120%` is more than the whole"), "{err}");
    // groups take a percentage too
    let group = format!(
        "{HEAD}{CYCLES}\n[[recertification.category]]\nid = \"a\"\nname = \"A\"\n[[recertification.group]]\nid = \"g\"\nname = \"G\"\ncategories = [\"a\"]\nmin_share = \"60%\"\n"
    );
    let (code, err) = validate(&group);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_phase_in_falls_inside_its_edition() {
    let (code, err) = validate(&format!(
        "{}{CYCLES}",
        HEAD.replace(
            "from = 2024-01-01",
            "from = 2024-01-01\nrecertification_from = 2026-01-01"
        )
    ));
    assert_eq!(code, 0, "{err}");
    let (code, err) = validate(&format!(
        "{}{CYCLES}",
        HEAD.replace(
            "from = 2024-01-01",
            "from = 2024-01-01\nrecertification_from = 2023-01-01"
        )
    ));
    assert_eq!(code, 1);
    assert!(
        err.contains("`from` (`2024-01-01`) is after `recertification_from` (`2023-01-01`)"),
        "{err}"
    );
}
