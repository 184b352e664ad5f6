//! `check --assume` and `check --plan` end to end, with exact days; and
//! `--color`.

use std::path::Path;

use serde_json::Value;

use crate::common;
use common::{certcheck, example};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// Decision-making since 2018-01-01 and no degree: 10 years on 2027-12-31.
const NOOR: &str = r#"name = "Noor Haddad"
id = "noor"
targets = ["cmq-oe"]

[[employment]]
employer = "Acme"
title = "Quality Manager"
start = 2018-01-01
decision_making = true
"#;

fn json(args: &[&str]) -> (Value, i32) {
    let out = certcheck().args(args).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap_or(-1))
}

#[test]
fn a_master_assumed_next_year_projects_eligibility_to_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "noor.toml", NOOR);
    let (v, code) = json(&[
        "check",
        &p,
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
        "--assume",
        "degree=master@2027-06-01",
    ]);
    assert_eq!(code, 1, "the exit code is the profile's own");
    let c = &v["comparisons"][0];
    assert_eq!(c["certification"], "cmq-oe");
    assert_eq!(c["baseline"]["eligible_on"], "2027-12-31");
    assert_eq!(c["assumed"]["eligible_on"], "2027-06-01");
    assert_eq!(c["assumed"]["status"], "not-eligible");
    assert_eq!(
        c["changed"],
        serde_json::json!(["eligible_on", "experience"])
    );
    assert_eq!(v["assumptions"][0]["text"], "degree=master@2027-06-01");
    assert_eq!(v["assumptions"][0]["kind"], "degree");
    assert_eq!(v["baseline"]["results"][0]["eligible_on"], "2027-12-31");
    assert_eq!(v["assumed"]["results"][0]["eligible_on"], "2027-06-01");
}

#[test]
fn what_if_as_text_marks_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "noor.toml", NOOR);
    let out = certcheck()
        .args([
            "check",
            &p,
            "--as-of",
            "2026-11-25",
            "--assume",
            "degree=master@2027-06-01",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("What if (assumed, not in the profile):\n  - a master's degree completed on 2027-06-01 [--assume degree=master@2027-06-01]\n"), "{text}");
    assert!(
        text.contains("  * Prerequisites met on        2027-12-31           2027-06-01\n"),
        "{text}"
    );
    assert!(
        text.contains("  * Work experience             ✗ met on 2027-12-31  ✗ met on 2027-06-01\n"),
        "{text}"
    );
    assert!(
        text.contains("    Decision-making experience  ✓ met                ✓ met\n"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn a_decision_making_role_and_an_exam() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "ravi.toml",
        "name = \"Ravi\"\ntargets = [\"cmq-oe\"]\n[[education]]\nlevel = \"bachelor\"\ncompleted = 2009-06-01\n[[employment]]\nstart = 2010-01-01\n",
    );
    let (v, _) = json(&[
        "check",
        &p,
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
        "--assume",
        "role=decision-making@2027-01-01",
        "--assume",
        "exam=cmq-oe@2032-03-01",
    ]);
    let c = &v["comparisons"][0];
    assert_eq!(c["baseline"]["eligible_on"], Value::Null);
    // 1826 days of decision-making from 2027-01-01
    assert_eq!(c["assumed"]["eligible_on"], "2031-12-31");
    assert_eq!(c["assumed"]["requirements_met_on"], "2032-03-01");
}

#[test]
fn an_activity_brings_the_renewal_ready_day() {
    let (v, code) = json(&[
        "check",
        &example("dana.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
        "--cert",
        "cmq-oe",
        "--assume",
        "activity=professional-development:9.5@2027-03-01",
    ]);
    assert_eq!(code, 0);
    let c = &v["comparisons"][0];
    assert_eq!(c["baseline"]["renewal_ready_on"], Value::Null);
    assert_eq!(c["assumed"]["renewal_ready_on"], "2027-03-01");
}

#[test]
fn bad_assume_values_are_usage_errors_with_an_example() {
    for (value, why) in [
        (
            "degree=masters@2027-06-01",
            "unknown degree level `masters` (did you mean `master`?)",
        ),
        ("degree=master", "missing `@DATE`"),
        (
            "role=decision-making@2027-13-01",
            "`2027-13-01` is not a date",
        ),
        ("exam=cmq-eo@2027-03-01", "unknown exam `cmq-eo`"),
        ("skill=lean@2027-01-01", "unknown kind `skill`"),
    ] {
        let out = certcheck()
            .args([
                "check",
                &example("dana.toml"),
                "--as-of",
                "2026-11-25",
                "--assume",
                value,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{value}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!("error: cannot read `--assume {value}`: ")),
            "{err}"
        );
        assert!(err.contains(why), "{value}: {err}");
        assert!(err.contains("\n  help: "), "{err}");
    }
}

#[test]
fn plan_lists_options_soonest_first_with_exact_days() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "noor.toml", NOOR);
    let out = certcheck()
        .args(["check", &p, "--as-of", "2026-11-25", "--plan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let plan = &text[text.find("\nPlan\n").unwrap()..];
    assert_eq!(
        plan,
        format!(
            "\nPlan
  CMQ/OE: ways to become eligible, soonest first
   1. 2026-11-26  Complete an associate degree by 2026-11-26
                  try: certcheck check {p} --as-of 2026-11-25 --assume degree=associate@2026-11-26
   2. 2026-12-31  Keep your current decision-making role (Quality Manager at Acme) until 2026-12-31;
                  and complete a trade diploma by 2026-12-31
                  try: certcheck check {p} --as-of 2026-11-25 --assume degree=trade-diploma@2026-12-31
   3. 2027-12-31  Keep your current decision-making role (Quality Manager at Acme) until 2027-12-31
"
        )
    );
    let (v, _) = json(&[
        "check",
        &p,
        "--as-of",
        "2026-11-25",
        "--plan",
        "--format",
        "json",
    ]);
    let days: Vec<&str> = v["plans"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["on"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2026-11-26", "2026-12-31", "2027-12-31"]);
    assert_eq!(v["plans"][0]["goal"], "eligible");
    // the report itself is all there
    assert_eq!(v["results"][0]["eligible_on"], "2027-12-31");
}

#[test]
fn color_always_never_and_no_color() {
    let run = |args: &[&str], no_color: Option<&str>| {
        let mut c = certcheck();
        c.args(["check", &example("sam.toml"), "--as-of", "2026-11-25"])
            .args(args);
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let always = run(&["--color", "always"], None);
    assert!(
        always.contains("\x1b[31m✗\x1b[0m Decision-making experience"),
        "{always}"
    );
    assert!(
        always.contains("\x1b[32m✓\x1b[0m Work experience"),
        "{always}"
    );
    assert!(
        always.contains("  \x1b[33mNot eligible yet\x1b[0m: every prerequisite"),
        "{always}"
    );
    // always wins over NO_COLOR; never and auto (not a terminal) are plain
    assert_eq!(run(&["--color", "always"], Some("1")), always);
    let plain = run(&["--color", "never"], None);
    assert!(!plain.contains('\x1b'));
    assert_eq!(run(&[], None), plain);
    assert_eq!(run(&["--color", "auto"], Some("1")), plain);
    // JSON is never coloured
    let j = run(&["--color", "always", "--format", "json"], None);
    assert!(!j.contains('\x1b'));
}

/// A suspended holder whose PDUs earned while suspended complete the
/// overdue cycle (`grace_units = "overdue-cycle"`): a PDU activity assumed in
/// the suspension makes the renewal ready on its day, although that day is
/// after the cycle's end.
#[test]
fn an_activity_in_the_suspension_brings_the_overdue_renewal_ready_day() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("pat.toml");
    std::fs::write(
        &profile,
        "name = \"Pat\"\n\
         [[certifications]]\nid = \"pmx\"\nearned = 2016-01-10\n\
         [[activities]]\ndate = 2018-01-01\ncertifications = [\"pmx\"]\n\
         category = \"ways-of-working\"\nunits = 30\ndescription = \"course\"\n",
    )
    .unwrap();
    let rules = format!(
        "{}/tests/fixtures/shapes-recert/rules",
        env!("CARGO_MANIFEST_DIR")
    );
    let (v, code) = json(&[
        "check",
        profile.to_str().unwrap(),
        "--rules",
        &rules,
        "--as-of",
        "2019-06-01",
        "--format",
        "json",
        "--assume",
        "activity=ways-of-working:30@2019-12-01",
    ]);
    // in suspension on the as-of date, 30 of 60 PDUs; the report without
    // the assumption stays where it always is (cli.md)
    assert_eq!(code, 1);
    assert_eq!(v["results"][0]["status"], "grace");
    assert_eq!(v["results"], v["baseline"]["results"]);
    assert_eq!(v["warnings"], v["baseline"]["warnings"]);
    let c = &v["comparisons"][0];
    assert_eq!(c["baseline"]["renewal_ready_on"], Value::Null);
    assert_eq!(c["assumed"]["renewal_ready_on"], "2019-12-01");
}
