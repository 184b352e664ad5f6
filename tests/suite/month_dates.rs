//! Dates known only to the month (semantics.md): read through the CLI, the
//! report's `month_dates` read back, the warning where the exact day decides
//! a status, refusals with line and column, and `log` keeping them byte for
//! byte.

use std::fs;

use serde_json::Value;

use crate::common;
use common::editing::profile;
use common::{certcheck, stderr, stdout};

/// `check --format json` on `text` as of `as_of`: the exit code and the
/// report.
fn check_json(text: &str, as_of: &str) -> (i32, Value) {
    let (_dir, path) = profile(text);
    let out = certcheck()
        .args(["check", "--format", "json", "--as-of", as_of])
        .arg(&path)
        .output()
        .expect("run certcheck");
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    let report = serde_json::from_str(&stdout(&out)).expect("a JSON report");
    (out.status.code().unwrap_or(-1), report)
}

fn status(report: &Value, cert: &str) -> String {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["certification"] == cert)
        .map(|r| r["status"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// The warnings that ask for an exact day.
fn day_warnings(report: &Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(Value::as_str)
        .filter(|w| w.starts_with("give the exact day of "))
        .map(str::to_string)
        .collect()
}

const CMQ_ROLE: &str = r#"name = "Sam Ortiz"
targets = ["cmq-oe"]

[[employment]]
employer = "Acme"
title = "Quality Manager"
start = "2012-03"
end = "2022-02"
decision_making = true
"#;

#[test]
fn a_cmq_oe_role_given_to_the_month_whose_exact_days_decide_eligibility_is_warned() {
    // Read as 2012-03-01 to 2022-02-28: exactly 10 years (3652 days) on
    // 2022-02-28. At the other ends (2012-03-31 to 2022-02-01) it falls short.
    let (code, report) = check_json(CMQ_ROLE, "2022-02-28");
    assert_eq!(code, 0, "eligible");
    assert_eq!(status(&report, "cmq-oe"), "eligible");
    assert_eq!(
        report["month_dates"],
        serde_json::json!([
            {"field": "employment.start", "entry": 1, "of": "Quality Manager at Acme",
             "month": "2012-03", "read_as": "2012-03-01"},
            {"field": "employment.end", "entry": 1, "of": "Quality Manager at Acme",
             "month": "2022-02", "read_as": "2022-02-28"},
        ])
    );
    let warned = day_warnings(&report);
    assert_eq!(warned.len(), 1, "{warned:?}");
    // each date alone at its other end makes it not eligible: both are named
    assert!(
        warned[0].starts_with(
            "give the exact day of `employment.start` for `Quality Manager at Acme` and `employment.end` for `Quality Manager at Acme`: they decide whether `cmq-oe` is eligible or not-eligible"
        ),
        "{}",
        warned[0]
    );
    // a day earlier it is not eligible either way round: no warning
    let (_, before) = check_json(CMQ_ROLE, "2022-02-27");
    assert_eq!(status(&before, "cmq-oe"), "not-eligible");
    assert!(day_warnings(&before).is_empty(), "{before}");
}

#[test]
fn a_cmq_oe_role_given_to_the_month_whose_exact_days_do_not_matter_has_no_warning() {
    let text = CMQ_ROLE.replace("end = \"2022-02\"", "end = \"2022-12\"");
    let (_, report) = check_json(&text, "2023-06-01");
    assert_eq!(status(&report, "cmq-oe"), "eligible");
    assert_eq!(report["month_dates"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["month_dates"][1]["read_as"], "2022-12-31");
    assert!(day_warnings(&report).is_empty(), "{report}");
}

#[test]
fn a_cpim_exam_window_given_to_the_month_names_the_exam_whose_day_decides() {
    // Both parts in March, 3 years apart. On 2021-03-20 Part 2 read as
    // 2021-03-31 is not yet passed; on 2021-03-01 it is, and 3 years after
    // Part 1 on 2018-03-01: the window holds. Part 2's day decides.
    let text = r#"name = "Pat Lee"
targets = ["cpim"]

[[exams]]
id = "cpim-part-1"
passed = "2018-03"

[[exams]]
id = "cpim-part-2"
passed = "2021-03"
"#;
    let (_, report) = check_json(text, "2021-03-20");
    assert_eq!(status(&report, "cpim"), "eligible");
    assert_eq!(report["month_dates"][0]["read_as"], "2018-03-31");
    assert_eq!(report["month_dates"][1]["of"], "cpim-part-2");
    assert_eq!(report["month_dates"][1]["field"], "exams.passed");
    let warned = day_warnings(&report);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with(
            "give the exact day of `exams.passed` for `cpim-part-2`: it decides whether `cpim` is eligible or requirements-met"
        ),
        "{}",
        warned[0]
    );

    // Part 1 given to the month, Part 2 to the day: read as 2018-03-31, the
    // 3-year window holds for a pass on 2021-03-15; from 2018-03-01 it is
    // missed. Part 1's day decides.
    let text = text.replace("passed = \"2021-03\"", "passed = 2021-03-15");
    let (_, report) = check_json(&text, "2022-01-01");
    assert_eq!(status(&report, "cpim"), "requirements-met");
    let warned = day_warnings(&report);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with("give the exact day of `exams.passed` for `cpim-part-1`: it decides"),
        "{}",
        warned[0]
    );
    assert!(!warned[0].contains("cpim-part-2"), "{}", warned[0]);
}

#[test]
fn the_text_report_lists_the_dates_read_to_the_month() {
    let (_dir, path) = profile(CMQ_ROLE);
    let out = certcheck()
        .args(["check", "--as-of", "2023-06-01"])
        .arg(&path)
        .output()
        .expect("run certcheck");
    let text = stdout(&out);
    assert!(text.contains("Dates known only to the month\n"), "{text}");
    assert!(
        text.contains(
            "  - `employment.end` for `Quality Manager at Acme` 2022-02: read as 2022-02-28\n"
        ),
        "{text}"
    );
}

#[test]
fn a_month_in_renewals_or_a_malformed_month_is_refused_with_line_and_column() {
    let text = r#"name = "Dana"

[[exams]]
id = "cmq-oe"
passed = "2013-13"

[[certifications]]
id = "cmq-oe"
earned = "2020-04"
renewals = [2023-03-20, "2023-03"]
"#;
    let (_dir, path) = profile(text);
    let out = certcheck()
        .args(["check", "--as-of", "2024-01-01"])
        .arg(&path)
        .output()
        .expect("run certcheck");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let file = path.display().to_string();
    assert!(
        err.contains(&format!(
            "{file}:5:10: impossible month `2013-13` for `passed` in `[[exams]]` entry 1\n  help: write the month as `YYYY-MM`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:10:25: `renewals` in `[[certifications]]` entry 1 needs the exact day, found the month `2023-03`\n  help: renewals and activities always carry the day"
        )),
        "{err}"
    );
    // `earned` may be a month: no error for it
    assert!(!err.contains(":9:"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn log_keeps_month_dates_byte_for_byte() {
    let text = r#"name = "Dana"

[[employment]]
title = "Quality Manager"
start = "2008-06"   # only the month is known
end = '2013-08'
decision_making = true

[[exams]]
id = "cmq-oe"
passed = "2021-09"

[[certifications]]
id = "cmq-oe"
earned = "2021-10"
"#;
    let (_dir, path) = profile(text);
    let out = certcheck()
        .args([
            "log",
            "--cert",
            "cmq-oe",
            "--category",
            "professional-development",
            "--units",
            "2",
            "--date",
            "2022-05-01",
            "--description",
            "Seminar",
            "--as-of",
            "2022-06-01",
        ])
        .arg(&path)
        .output()
        .expect("run certcheck");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = fs::read_to_string(&path).expect("read");
    assert!(after.starts_with(text), "{after}");
    assert!(after[text.len()..].contains("date = 2022-05-01"), "{after}");
    // and the edited profile still reads, with its months
    let (_, report) = check_json(&after, "2022-06-01");
    assert_eq!(report["month_dates"].as_array().map(Vec::len), Some(4));
}

#[test]
fn screen_reads_month_dates_in_json_and_toml_profiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = r#"{"name": "Jo", "targets": ["cmq-oe"], "employment": [{"employer": "Acme", "title": "Quality Manager", "start": "2012-03", "end": "2022-02", "decision_making": true}]}"#;
    fs::write(dir.path().join("jo.json"), json).expect("write");
    fs::write(dir.path().join("sam.toml"), CMQ_ROLE).expect("write");
    let out = certcheck()
        .args(["screen", "--format", "json", "--as-of", "2022-02-28"])
        .arg(dir.path())
        .output()
        .expect("run certcheck");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(status(line, "cmq-oe"), "eligible");
        assert_eq!(line["month_dates"][1]["read_as"], "2022-02-28", "{line}");
        assert_eq!(day_warnings(line).len(), 1, "{line}");
    }
    // the table judges the same
    let out = certcheck()
        .args(["screen", "--as-of", "2022-02-28"])
        .arg(dir.path())
        .output()
        .expect("run certcheck");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn renew_keeps_month_dates_byte_for_byte_and_the_html_report_lists_them() {
    let text = r#"name = "Dana"

[[exams]]
id = "cmq-oe"
passed = "2021-09"    # the month is all I know

[[exams]]
id = "cmq-oe"
passed = "2024-08"

[[certifications]]
id = "cmq-oe"
earned = "2021-10"
"#;
    let (_dir, path) = profile(text);
    let out = certcheck()
        .args([
            "renew",
            "--cert",
            "cmq-oe",
            "--by-exam",
            "--date",
            "2024-09-02",
            "--as-of",
            "2024-09-10",
        ])
        .arg(&path)
        .output()
        .expect("run certcheck");
    let after = fs::read_to_string(&path).expect("read");
    assert_eq!(out.status.code(), Some(0), "{}\n{after}", stderr(&out));
    for kept in [
        "passed = \"2021-09\"    # the month is all I know\n",
        "earned = \"2021-10\"\n",
    ] {
        assert!(after.contains(kept), "{after}");
    }
    assert!(after.contains("2024-09-02"), "{after}");

    let out = certcheck()
        .args(["check", "--format", "html", "--as-of", "2024-09-10"])
        .arg(&path)
        .output()
        .expect("run certcheck");
    let html = stdout(&out);
    assert!(
        html.contains("<li><code>certifications.earned</code> for <code>cmq-oe</code> 2021-10: read as 2021-10-01</li>"),
        "{html}"
    );
}
