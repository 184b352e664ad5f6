//! The eligibility shapes of issue 14 through the command line: small rule
//! files (tests/fixtures/shapes-eligibility/) with experience counted in
//! calendar months, a requirement met by a certification held, a degree
//! carrying a tag and the secondary level; `check --rules DIR --format json`
//! read back. And rule files that misuse them: an error with line and
//! column, exit code 2.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{certcheck, fixture, stderr};

fn rules_dir() -> PathBuf {
    fixture("shapes-eligibility/rules")
}

/// `check PROFILE --rules DIR --format json --as-of AS_OF --cert CERT`:
/// (exit code, the one result, the report).
fn check(profile: &str, cert: &str, as_of: &str) -> (i32, Value, Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    std::fs::write(&path, format!("name = \"Pat\"\n{profile}")).expect("write");
    let rules = rules_dir();
    let out = certcheck()
        .arg("check")
        .arg(&path)
        .arg("--rules")
        .arg(&rules)
        .args(["--format", "json", "--as-of", as_of, "--cert", cert])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let report: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not a report: {e}\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let result = report["results"][0].clone();
    (out.status.code().expect("exit code"), result, report)
}

fn requirement<'a>(result: &'a Value, id: &str) -> &'a Value {
    result["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no requirement `{id}` in {result:#}"))
}

fn role(start: &str, end: Option<&str>) -> String {
    let end = end.map_or(String::new(), |e| format!("end = {e}\n"));
    format!("[[employment]]\nstart = {start}\n{end}tags = [\"project-leadership\"]\n")
}

#[test]
fn january_to_april_are_four_calendar_months() {
    // 2024-01-15 to 2024-04-02: 79 days, four calendar months
    let (code, r, _) = check(
        "[[employment]]\nstart = 2024-01-15\nend = 2024-04-02\n",
        "demo-months",
        "2024-06-01",
    );
    assert_eq!(code, 0);
    assert_eq!(r["status"], "requirements-met");
    assert_eq!(r["eligible_on"], "2024-04-01");
    let q = requirement(&r, "experience");
    assert_eq!(q["detail"]["counting"], "calendar-months");
    assert_eq!(q["detail"]["counted_months"], 4);
    assert_eq!(q["detail"]["required_months"], 4);
    assert_eq!(q["detail"]["counted_days"], 79);
    assert_eq!(q["summary"], "4 of 4 calendar months counted");
}

#[test]
fn overlapping_roles_count_once() {
    // January to March twice over, and a fortnight in March: 3 months
    let (code, r, _) = check(
        "[[employment]]\nstart = 2023-01-10\nend = 2023-03-05\n\
         [[employment]]\nstart = 2023-01-01\nend = 2023-03-31\n\
         [[employment]]\nstart = 2023-03-15\nend = 2023-03-20\n",
        "demo-months",
        "2024-01-01",
    );
    assert_eq!(code, 1);
    assert_eq!(r["status"], "not-eligible");
    let q = requirement(&r, "experience");
    assert_eq!(q["detail"]["counted_months"], 3);
    assert_eq!(
        q["summary"],
        "3 of 4 calendar months counted; 1 month short"
    );
}

#[test]
fn the_windows_first_month_counts_for_a_day_inside_the_window() {
    // on 2024-06-15 the 8-year window starts on 2016-06-16: a role to
    // 2016-06-16 gives June 2016; one to 2016-06-15 gives nothing
    let (_, r, _) = check(
        &role("2016-01-01", Some("2016-06-16")),
        "demo-pmp",
        "2024-06-15",
    );
    let q = requirement(&r, "experience-24");
    assert_eq!(q["detail"]["window_from"], "2016-06-16");
    assert_eq!(q["detail"]["counted_months"], 1);
    let (_, r, _) = check(
        &role("2016-01-01", Some("2016-06-15")),
        "demo-pmp",
        "2024-06-15",
    );
    assert_eq!(
        requirement(&r, "experience-24")["detail"]["counted_months"],
        0
    );
}

#[test]
fn a_gac_degree_and_a_capm_make_24_calendar_months_enough() {
    // led projects since 2024-06-01 (ongoing): June 2024 to May 2026 are
    // 24 months on 2026-05-01; a GAC-accredited bachelor's; a CAPM in place
    // of the 35 hours
    let profile = format!(
        "{}[[education]]\nlevel = \"bachelor\"\ntags = [\"gac-accredited\"]\ncompleted = 2015-06-30\n\
         [[certifications]]\nid = \"demo-capm\"\nearned = 2025-01-10\n",
        role("2024-06-01", None)
    );
    let (code, r, report) = check(&profile, "demo-pmp", "2026-06-15");
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "eligible");
    assert_eq!(r["eligible_on"], "2026-05-01");
    let t = requirement(&r, "training");
    assert_eq!(t["met"], true);
    assert_eq!(t["met_by"], "demo-capm");
    assert_eq!(t["summary"], "met by holding `demo-capm`");
    assert_eq!(requirement(&r, "degree-gac")["met"], true);
    assert_eq!(requirement(&r, "gac")["met"], true);
    assert_eq!(
        requirement(&r, "experience-24")["summary"],
        "25 of 24 calendar months counted (in the window from 2018-06-16)"
    );
    assert_eq!(report["warnings"], Value::Array(vec![]));

    // the same degree without the tag: the 36 months of the bachelor's
    // route, reached on 2027-05-01
    let untagged = profile.replace("tags = [\"gac-accredited\"]\n", "");
    let (code, r, _) = check(&untagged, "demo-pmp", "2026-06-15");
    assert_eq!(code, 1);
    assert_eq!(r["status"], "not-eligible");
    assert_eq!(r["eligible_on"], "2027-05-01");
    let d = requirement(&r, "degree-gac");
    assert_eq!(d["met"], false);
    assert_eq!(
        d["summary"],
        "a bachelor's degree or higher tagged `gac-accredited` needed; none completed with the tags"
    );
    assert_eq!(d["detail"]["tags"], serde_json::json!(["gac-accredited"]));
}

#[test]
fn without_the_certification_the_summary_names_the_alternative() {
    let profile = format!(
        "{}[[education]]\nlevel = \"secondary\"\ncompleted = 2005-06-30\n\
         [[training]]\nhours = 20\ncompleted = 2020-01-01\n",
        role("2015-01-01", None)
    );
    let (code, r, _) = check(&profile, "demo-pmp", "2026-06-15");
    assert_eq!(code, 1);
    let t = requirement(&r, "training");
    assert_eq!(t["met"], false);
    assert_eq!(t["met_by"], Value::Null);
    assert_eq!(
        t["summary"],
        "20 of 35 training hours completed, 15 still needed; or hold `demo-capm`"
    );
    // the secondary route: 60 months in the window are met
    assert_eq!(requirement(&r, "secondary")["met"], true);
    assert_eq!(requirement(&r, "experience-60")["met"], true);

    // a lapsed CAPM (cycle ended 2025-01-10, no grace) does not meet it
    let lapsed = format!("{profile}[[certifications]]\nid = \"demo-capm\"\nearned = 2022-01-10\n");
    let (_, r, _) = check(&lapsed, "demo-pmp", "2026-06-15");
    assert_eq!(requirement(&r, "training")["met"], false);
    // judged while it was held: met by it, eligible since it was earned
    let (code, r, _) = check(&lapsed, "demo-pmp", "2024-06-15");
    assert_eq!(code, 0);
    assert_eq!(requirement(&r, "training")["met_by"], "demo-capm");
    assert_eq!(r["eligible_on"], "2022-01-10");
}

#[test]
fn the_text_report_says_calendar_months_and_met_by() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    std::fs::write(
        &path,
        format!(
            "name = \"Pat\"\n{}[[education]]\nlevel = \"bachelor\"\ntags = [\"gac-acredited\"]\ncompleted = 2015-06-30\n\
             [[certifications]]\nid = \"demo-capm\"\nearned = 2025-01-10\n",
            role("2025-01-01", None)
        ),
    )
    .expect("write");
    let out = certcheck()
        .arg("check")
        .arg(&path)
        .arg("--rules")
        .arg(rules_dir())
        .args(["--as-of", "2026-06-15", "--cert", "demo-pmp"])
        .output()
        .expect("runs");
    // (the report wraps its lines: compared with the spaces collapsed)
    let flat = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = flat(&out.stdout);
    assert!(
        text.contains(
            "18 of 24 calendar months counted (in the window from 2018-06-16); 6 months short"
        ),
        "{text}"
    );
    // said once: no second line of the same count
    assert_eq!(text.matches("6 months short").count(), 1, "{text}");
    assert!(text.contains("met by holding `demo-capm`"), "{text}");
    // the misspelt tag: a warning with the nearest one a rule asks for
    let all = format!("{text} {}", flat(&out.stderr));
    assert!(
        all.contains("the tag `gac-acredited` on the bachelor degree is asked for by no loaded rule; it has no effect (did you mean `gac-accredited`?)"),
        "{all}"
    );
}

/// `check` with a rules dir holding only `bad/NAME.toml`: stderr (exit
/// code 2, nothing on stdout) and where the rule file was.
fn bad_rule(name: &str) -> (String, PathBuf, [tempfile::TempDir; 2]) {
    let rules = tempfile::tempdir().expect("tempdir");
    let rule = rules.path().join(format!("{name}.toml"));
    std::fs::copy(
        fixture(&format!("shapes-eligibility/bad/{name}.toml")),
        &rule,
    )
    .expect("copy");
    let home = tempfile::tempdir().expect("tempdir");
    let profile = home.path().join("p.toml");
    std::fs::write(&profile, "name = \"Pat\"\n").expect("write");
    let out = certcheck()
        .args(["check", "--format", "json", "--as-of", "2026-06-15"])
        .arg(&profile)
        .arg("--rules")
        .arg(rules.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    (stderr(&out), rule, [rules, home])
}

#[test]
fn a_misspelt_counting_is_an_error_with_line_column_and_suggestion() {
    let (err, rule, _dir) = bad_rule("counting");
    assert!(
        err.contains(&format!(
            "{}:13:12: unknown `counting` value `calendar-month`\n  help: did you mean `calendar-months`?",
            rule.display()
        )),
        "{err}"
    );
}

#[test]
fn tags_on_a_training_requirement_are_refused() {
    let (err, rule, _dir) = bad_rule("tags-on-training");
    assert!(
        err.contains(&format!(
            "{}:13:1: `tags` is not allowed on a `training` requirement\n  help: a `training` requirement takes `hours`",
            rule.display()
        )),
        "{err}"
    );
}

#[test]
fn met_by_certification_needs_kebab_case_ids_of_loaded_certifications() {
    let (err, rule, _dir) = bad_rule("met-by-not-kebab");
    assert!(
        err.contains(&format!(
            "{}:13:25: `CAPM` is not a valid certification id",
            rule.display()
        )),
        "{err}"
    );
    let (err, rule, _dir) = bad_rule("met-by-unknown");
    assert!(
        err.contains(&format!(
            "{}:13:25: unknown certification `cmq-eo`\n  help: did you mean `cmq-oe`?",
            rule.display()
        )),
        "{err}"
    );
}

#[test]
fn the_rules_test_cases_of_the_shapes_pass() {
    // each shape has a `rules test` case on the small rule files
    let out = certcheck()
        .args(["rules", "test"])
        .arg(fixture("shapes-eligibility/cases"))
        .arg("--rules")
        .arg(rules_dir())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(text.ends_with("6 passed, 0 failed\n"), "{text}");
}

#[test]
fn rules_show_says_each_shape() {
    let out = certcheck()
        .args(["rules", "show", "demo-pmp", "--rules"])
        .arg(rules_dir())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for line in [
        "A completed degree: a bachelor's degree or higher, tagged `gac-accredited`.",
        "A completed degree: a secondary diploma or higher.",
        "24 calendar months of work in roles tagged `project-leadership` (a month counts when a role covers one of its days), counted in the 8 years before the day judged",
        "Or met by holding `demo-capm` (certified or in its grace period).",
    ] {
        assert!(text.contains(line), "{line}\nnot in\n{text}");
    }
}

#[test]
fn an_exam_path_for_holders_of_needs_loaded_certifications() {
    let (err, rule, _dir) = bad_rule("for-holders-of-unknown");
    assert!(
        err.contains(&format!(
            "{}:14:19: unknown certification `cspm`\n  help: did you mean `cpsm`?",
            rule.display()
        )),
        "{err}"
    );
}

/// ISM waives CPSD's Exam 1 for a CPSM holder: the path of Exam 2 alone is
/// met for a holder, and for anyone else listed as open only to holders.
#[test]
fn an_exam_path_for_holders_is_met_only_by_a_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = "name = \"Kai\"\n[[education]]\nlevel = \"bachelor\"\ncompleted = 2015-06-01\n\
                [[employment]]\nstart = 2016-01-04\n[[exams]]\nid = \"cpsd-2\"\npassed = 2026-03-10\n";
    let holder = format!("{base}[[certifications]]\nid = \"cpsm\"\nearned = 2024-05-01\n");
    let run = |text: &str| {
        let p = dir.path().join("p.toml");
        std::fs::write(&p, text).expect("write");
        let out = certcheck()
            .args([
                "check",
                "--cert",
                "cpsd",
                "--as-of",
                "2026-06-01",
                "--format",
                "json",
            ])
            .arg(&p)
            .output()
            .expect("runs");
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        let r = v["results"][0].clone();
        let path = requirement(&r, "exam")["detail"]["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .find(|p| p["id"] == "exam-1-waived")
            .cloned()
            .expect("the waived path");
        (r["status"].clone(), path)
    };
    let (status, path) = run(&holder);
    assert_eq!(status, "requirements-met");
    assert_eq!(
        (path["met"].clone(), path["open"].clone()),
        (true.into(), true.into())
    );
    let (status, path) = run(base);
    assert_eq!(status, "eligible");
    assert_eq!(
        (path["met"].clone(), path["open"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(path["for_holders_of"], serde_json::json!(["cpsm"]));
}

/// spec/profile.md: a tag that no loaded rule asks for is a warning with a
/// "did you mean" — on a role as on a degree — and the run still works.
#[test]
fn a_misspelt_role_tag_is_a_warning_with_the_nearest_tag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("r.toml");
    std::fs::write(
        &p,
        "name = \"R\"\ntargets = [\"pmp\"]\n[[employment]]\ntitle = \"PM\"\nstart = 2020-01-01\n\
         tags = [\"project-leadrship\"]\n",
    )
    .expect("write");
    let out = certcheck()
        .args(["check", "--as-of", "2026-01-01", "--format", "json"])
        .arg(&p)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["warnings"],
        serde_json::json!([
            "the tag `project-leadrship` on the role `PM` is asked for by no loaded rule; it has no effect (did you mean `project-leadership`?)"
        ])
    );
}
