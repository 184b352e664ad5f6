//! `certcheck check` end to end: the binary on fixture profiles, its JSON read
//! back into structs that refuse unknown fields, and its exit codes.

// The mirror structs name every field so that an unknown one fails; not every
// field is asserted on.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::common;
use common::{certcheck, root};

// The JSON report as read back, every field named (shared with
// shapes_recert.rs).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Report {
    pub(crate) as_of: String,
    pub(crate) profile: ProfileRef,
    pub(crate) results: Vec<Result>,
    pub(crate) warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileRef {
    pub(crate) name: String,
    pub(crate) id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Result {
    pub(crate) certification: String,
    pub(crate) name: String,
    pub(crate) issuer: String,
    pub(crate) edition: String,
    pub(crate) status: String,
    pub(crate) eligible_on: Option<String>,
    pub(crate) requirements: Vec<Requirement>,
    pub(crate) renewal: Option<Renewal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Requirement {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) met: bool,
    pub(crate) summary: String,
    pub(crate) met_on: Option<String>,
    pub(crate) detail: serde_json::Value,
    pub(crate) met_by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Renewal {
    pub(crate) cycle: u32,
    /// `cycle` + 1: the number the text and HTML reports say.
    pub(crate) cycle_number: u32,
    pub(crate) edition: String,
    pub(crate) cycle_start: String,
    pub(crate) cycle_end: String,
    pub(crate) grace_until: String,
    pub(crate) by_exam_until: Option<String>,
    pub(crate) route: Option<String>,
    pub(crate) days_left: i64,
    pub(crate) window_opens: Option<String>,
    pub(crate) unit: String,
    pub(crate) units_required: serde_json::Number,
    pub(crate) late_units: serde_json::Number,
    pub(crate) units_counted: serde_json::Number,
    pub(crate) units_needed: serde_json::Number,
    pub(crate) ready: bool,
    pub(crate) categories: Vec<Category>,
    pub(crate) groups: Vec<serde_json::Value>,
    pub(crate) carry_over: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Category {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) earned: serde_json::Number,
    pub(crate) counted: serde_json::Number,
    pub(crate) min: Option<serde_json::Number>,
    pub(crate) max: Option<serde_json::Number>,
    pub(crate) max_share: Option<String>,
    pub(crate) over_cap: serde_json::Number,
    pub(crate) needed: serde_json::Number,
    pub(crate) parent: Option<String>,
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Runs `check --format json` and returns (exit code, report).
fn check_json(profile: &Path, extra: &[&str]) -> (i32, Report) {
    let out = certcheck()
        .arg("check")
        .arg(profile)
        .args(["--format", "json", "--as-of", "2026-11-25"])
        .args(extra)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let report: Report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not a report: {e}\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().expect("exit code"), report)
}

fn only(report: &Report) -> &Result {
    assert_eq!(report.results.len(), 1, "{report:#?}");
    &report.results[0]
}

#[test]
fn every_status_of_both_certifications() {
    // (fixture, certification, status, eligible_on, exit code)
    let cases = [
        (
            "status/cmq-oe-eligible.toml",
            "cmq-oe",
            "eligible",
            Some("2024-05-30"),
            0,
        ),
        (
            "status/cmq-oe-requirements-met.toml",
            "cmq-oe",
            "requirements-met",
            Some("2022-01-01"),
            0,
        ),
        ("status/cmq-oe-grace.toml", "cmq-oe", "grace", None, 1),
        ("status/cmq-oe-lapsed.toml", "cmq-oe", "lapsed", None, 1),
        ("status/cpim-eligible.toml", "cpim", "eligible", None, 0),
        (
            "status/cpim-requirements-met.toml",
            "cpim",
            "requirements-met",
            None,
            0,
        ),
        ("status/cpim-certified.toml", "cpim", "certified", None, 0),
        ("status/cpim-grace.toml", "cpim", "grace", None, 1),
        ("status/cpim-lapsed.toml", "cpim", "lapsed", None, 1),
    ];
    for (file, cert, status, eligible_on, code) in cases {
        let (got_code, report) = check_json(&fixture(file), &[]);
        let r = only(&report);
        assert_eq!(r.certification, cert, "{file}");
        assert_eq!(r.status, status, "{file}");
        assert_eq!(r.eligible_on.as_deref(), eligible_on, "{file}");
        assert_eq!(got_code, code, "{file}");
        assert_eq!(report.as_of, "2026-11-25");
        assert!(
            !r.requirements.is_empty(),
            "{file}: every result lists its requirements"
        );
        for q in &r.requirements {
            assert!(!q.summary.is_empty(), "{file}: {} has a summary", q.id);
        }
    }
}

#[test]
fn not_eligible_with_the_day_it_will_be() {
    let (code, report) = check_json(&root().join("examples/sam.toml"), &["--cert", "cmq-oe"]);
    assert_eq!(code, 1);
    let r = only(&report);
    assert_eq!(r.status, "not-eligible");
    // decision-making since 2023-01-09: 1826 days are reached on 2028-01-08
    assert_eq!(r.eligible_on.as_deref(), Some("2028-01-08"));
    let dm = r
        .requirements
        .iter()
        .find(|q| q.id == "decision-making")
        .expect("decision-making");
    assert!(!dm.met);
    assert_eq!(dm.met_on.as_deref(), Some("2028-01-08"));
    let exp = r
        .requirements
        .iter()
        .find(|q| q.id == "experience")
        .expect("experience");
    assert!(
        exp.met,
        "the internship does not count, the rest is more than 8 years"
    );
    assert_eq!(exp.detail["waived_months"], 24);
    assert_eq!(report.profile.id, "sam", "the id defaults to the file stem");
}

#[test]
fn held_certification_renewal_figures() {
    let (code, report) = check_json(&fixture("status/cpim-certified.toml"), &[]);
    assert_eq!(code, 0);
    let r = only(&report);
    let renewal = r.renewal.as_ref().expect("held: renewal");
    assert_eq!(renewal.cycle, 0);
    assert_eq!(renewal.cycle_start, "2022-03-04");
    assert_eq!(renewal.cycle_end, "2027-03-31");
    assert_eq!(renewal.grace_until, "2027-06-29");
    assert_eq!(renewal.units_required.to_string(), "75");
    assert_eq!(renewal.late_units.to_string(), "0");
    assert_eq!(renewal.units_counted.to_string(), "30");
    assert_eq!(renewal.units_needed.to_string(), "45");
    assert_eq!(renewal.days_left, 126);
    assert_eq!(renewal.unit, "points");
    assert_eq!(
        renewal.window_opens, None,
        "ASCM accepts renewals any time in the cycle"
    );
    assert!(renewal.groups.is_empty());
    assert!(renewal.carry_over.is_none());
    assert!(!renewal.ready);
    let membership = renewal
        .categories
        .iter()
        .find(|c| c.id == "membership")
        .expect("membership");
    assert_eq!(membership.earned.to_string(), "6");

    // CMQ/OE: 6 months' grace on the anniversary anchor
    let (code, report) = check_json(&fixture("status/cmq-oe-grace.toml"), &[]);
    assert_eq!(code, 1);
    let renewal = only(&report).renewal.as_ref().expect("renewal");
    assert_eq!(renewal.cycle_end, "2026-06-15");
    assert_eq!(renewal.grace_until, "2026-12-15");
    assert_eq!(renewal.days_left, -163);
    assert_eq!(renewal.window_opens.as_deref(), Some("2025-12-15"));
    assert_eq!(renewal.units_counted.to_string(), "12.5");
    assert_eq!(renewal.units_needed.to_string(), "5.5");
    let names: Vec<&str> = renewal.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        names,
        ["professional-development", "employment", "giving-back"]
    );
}

#[test]
fn the_example_profile() {
    let (code, report) = check_json(&root().join("examples/dana.toml"), &[]);
    assert_eq!(report.profile.name, "Dana Whitfield");
    assert_eq!(report.profile.id, "C-1042");
    let ids: Vec<&str> = report
        .results
        .iter()
        .map(|r| r.certification.as_str())
        .collect();
    assert_eq!(
        ids,
        ["cmq-oe", "cpim"],
        "held certifications first, then targets"
    );
    let cmq = &report.results[0];
    assert_eq!(cmq.status, "certified");
    let renewal = cmq.renewal.as_ref().expect("renewal");
    assert_eq!(renewal.cycle, 1);
    assert_eq!(renewal.cycle_start, "2024-10-16");
    assert_eq!(renewal.cycle_end, "2027-10-15");
    assert_eq!(renewal.units_counted.to_string(), "8.5");
    assert_eq!(report.results[1].status, "eligible");
    assert_eq!(code, 0);
}

#[test]
fn text_report_speaks_to_a_person() {
    let out = certcheck()
        .args(["check", "examples/sam.toml", "--as-of", "2026-11-25"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("Sam Okafor"), "{text}");
    assert!(text.contains("2028-01-08"), "{text}");
    assert!(
        text.contains("2 y waived for an associate degree"),
        "{text}"
    );
}

#[test]
fn same_input_same_bytes() {
    let run = || {
        certcheck()
            .args([
                "check",
                "examples/dana.toml",
                "--as-of",
                "2026-11-25",
                "--format",
                "json",
            ])
            .output()
            .expect("runs")
            .stdout
    };
    assert_eq!(run(), run());
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BadCases {
    case: Vec<BadCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BadCase {
    file: String,
    /// `line:column`
    at: String,
    message: String,
    help: Option<String>,
}

/// Every error class of profile.md, kept as data: tests/fixtures/bad/*.toml
/// with the expected place and words in tests/fixtures/bad-profiles.toml.
#[test]
fn every_profile_error_exits_2_naming_file_line_and_column() {
    let text = std::fs::read_to_string(fixture("bad-profiles.toml")).expect("expectations");
    let cases: BadCases = toml::from_str(&text).expect("valid expectations");
    let mut files: Vec<String> = std::fs::read_dir(fixture("bad"))
        .expect("bad/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut named: Vec<String> = cases.case.iter().map(|c| c.file.clone()).collect();
    named.sort();
    assert_eq!(files, named, "every bad fixture has one expectation");

    for c in &cases.case {
        let path = format!("tests/fixtures/bad/{}", c.file);
        let out = certcheck()
            .args(["check", &path, "--as-of", "2026-11-25", "--format", "json"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", c.file);
        assert!(out.stdout.is_empty(), "{}: nothing on stdout", c.file);
        let first = stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("error: {path}:{}: {}", c.at, c.message),
            "{}",
            c.file
        );
        if let Some(help) = &c.help {
            assert!(
                stderr.contains(&format!("  help: {help}")),
                "{}: {stderr}",
                c.file
            );
        }
        assert!(!stderr.contains("panicked"), "{}: {stderr}", c.file);
    }
}

#[test]
fn several_problems_are_reported_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.toml");
    std::fs::write(
        &path,
        "name = \"Pat\"\nnickname = \"P\"\n\n[[education]]\nlevel = \"bachelors\"\ncompleted = 2012-05-15\n\n[[exams]]\nid = \"cmq-eo\"\npassed = 2020-03-14\n",
    )
    .expect("write");
    let out = certcheck()
        .arg("check")
        .arg(&path)
        .args(["--as-of", "2026-11-25"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(
        errors[0].ends_with(":2:1: unknown key `nickname` in the profile"),
        "{stderr}"
    );
    assert!(
        errors[1].contains(":5:9: unknown education level `bachelors`"),
        "{stderr}"
    );
    assert!(
        errors[2].contains(":9:6: unknown exam id `cmq-eo`"),
        "{stderr}"
    );
}

#[test]
fn warnings_are_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(
        &path,
        "name = \"Pat\"\ntargets = [\"cmq-oe\"]\n\n[[employment]]\ntitle = \"A\"\nstart = 2010-01-01\nend = 2015-12-31\n\n[[employment]]\ntitle = \"B\"\nstart = 2015-06-01\ndecision_making = true\n\n[[education]]\nlevel = \"master\"\ncompleted = 2027-06-01\n",
    )
    .expect("write");
    let (code, report) = check_json(&path, &[]);
    assert_eq!(code, 0, "{report:#?}");
    assert_eq!(only(&report).status, "eligible");
    assert_eq!(report.warnings.len(), 2, "{:#?}", report.warnings);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("overlap from 2015-06-01 to 2015-12-31"))
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("2027-06-01") && w.contains("not counted"))
    );
}

const DEMO_RULE: &str = r#"
id = "demo"
name = "Demo Certified Practitioner"
issuer = "Demo Institute"

[edition]
name = "1"

[[requirement]]
id = "experience"
name = "Work experience"
kind = "experience"
months = 18
source = "https://example.org/demo"

[[exam]]
id = "demo"
name = "Demo exam"
source = "https://example.org/demo"

[[exam_path]]
id = "exam"
name = "The demo exam"
exams = ["demo"]
source = "https://example.org/demo"
"#;

#[test]
fn rules_dir_adds_a_certification_and_replaces_a_built_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("demo.toml"), DEMO_RULE).expect("write");
    // a replacement CMQ/OE that needs 20 years
    let cmq = std::fs::read_to_string(root().join("rules/cmq-oe.toml")).expect("built-in");
    let cmq = cmq.replacen("years = 10", "years = 20", 1);
    std::fs::write(dir.path().join("cmq-oe.toml"), cmq).expect("write");
    // not in the rules folder: every *.toml there is read as a rule file
    let home = tempfile::tempdir().expect("tempdir");
    let profile = home.path().join("p.toml");
    std::fs::write(
        &profile,
        "name = \"Pat\"\ntargets = [\"demo\", \"cmq-oe\"]\n\n[[employment]]\nstart = 2010-01-01\ndecision_making = true\n",
    )
    .expect("write");
    let rules = dir.path().to_string_lossy().into_owned();
    let (code, report) = check_json(&profile, &["--rules", &rules]);
    assert_eq!(code, 1);
    let demo = &report.results[0];
    assert_eq!(
        (demo.certification.as_str(), demo.status.as_str()),
        ("demo", "eligible")
    );
    // 18 months = floor(18 x 365.25 / 12) = 547 days from 2010-01-01
    assert_eq!(demo.eligible_on.as_deref(), Some("2011-07-01"));
    let cmq = &report.results[1];
    assert_eq!(
        cmq.status, "not-eligible",
        "20 years from 2010 are not reached yet"
    );

    // without --rules the profile names an unknown certification: exit 2
    let out = certcheck()
        .arg("check")
        .arg(&profile)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown certification id `demo`"));
}

#[test]
fn a_broken_rules_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("demo.toml"),
        DEMO_RULE.replace("months = 18", "monts = 18"),
    )
    .expect("write");
    let rules = dir.path().to_string_lossy().into_owned();
    let out = certcheck()
        .args(["check", "examples/dana.toml", "--rules", &rules])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("demo.toml:13:1"), "{stderr}");
    assert!(stderr.contains("did you mean `months`?"), "{stderr}");
}

/// Shortfalls add up: Sam's 3 y 10 m of 5 y is 1 y 2 m short (409 days),
/// never "1 y 1 m" (issue 15, point 5), in the text and the JSON report.
#[test]
fn an_experience_shortfall_adds_up() {
    let sam = crate::common::example("sam.toml");
    let text = crate::common::run(["check", &sam, "--as-of", "2026-11-25"]);
    let text = crate::common::stdout(&text);
    assert!(
        text.contains("3 y 10 m of 5 y counted; 1 y 2 m short\n"),
        "{text}"
    );
    assert!(
        text.contains("in days: 1417 counted of the 1826 needed; 409 days short\n"),
        "{text}"
    );
    let json = crate::common::run(["check", &sam, "--as-of", "2026-11-25", "--format", "json"]);
    assert!(
        crate::common::stdout(&json)
            .contains("\"summary\": \"3 y 10 m of 5 y counted; 1 y 2 m short\"")
    );
}

/// Issue 15: the JSON report lists the roles each experience requirement
/// counted and those it left out, with the reasons.
#[test]
fn each_experience_requirement_lists_the_roles_it_counted_and_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    let lead = "tags = [\"project-leadership\"]";
    let role = |title: &str, start: &str, end: &str, extra: &str| {
        format!(
            "[[employment]]\ntitle = \"{title}\"\nemployer = \"Acme\"\nstart = {start}\nend = {end}\n{extra}\n"
        )
    };
    let text = [
        "name = \"Riley\"\n".to_string(),
        role(
            "Engineer",
            "2019-01-01",
            "2026-10-31",
            &format!("decision_making = true\n{lead}"),
        ),
        role("Lead", "2016-01-01", "2018-12-31", "decision_making = true"),
        role(
            "Co-op",
            "2015-01-01",
            "2015-08-31",
            &format!("kind = \"co-op\"\n{lead}"),
        ),
        role(
            "Part-timer",
            "2014-01-01",
            "2014-12-31",
            &format!("full_time = false\n{lead}"),
        ),
        role(
            "Volunteer",
            "2013-01-01",
            "2013-12-31",
            &format!("paid = false\n{lead}"),
        ),
    ]
    .concat();
    std::fs::write(&path, text).expect("write");
    let (_, report) = check_json(&path, &["--cert", "cre", "--cert", "pmp"]);
    let roles = |cert: &str, req: &str| -> Vec<(String, bool, Vec<String>)> {
        let r = report
            .results
            .iter()
            .find(|r| r.certification == cert)
            .expect(cert);
        let q = r.requirements.iter().find(|q| q.id == req).expect(req);
        q.detail["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .map(|c| {
                let mut reasons: Vec<String> = c["reasons"]
                    .as_array()
                    .expect("reasons")
                    .iter()
                    .map(|s| s.as_str().expect("id").to_string())
                    .collect();
                for t in c["missing_tags"].as_array().expect("missing_tags") {
                    reasons.push(format!("tag {}", t.as_str().expect("tag")));
                }
                (
                    c["role"].as_str().expect("label").to_string(),
                    c["counted"].as_bool().expect("counted"),
                    reasons,
                )
            })
            .collect()
    };
    let r = |l: &str, counted: bool, why: &[&str]| {
        (
            l.to_string(),
            counted,
            why.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    // CRE: full-time paid roles, no internships or co-ops
    assert_eq!(
        roles("cre", "experience"),
        [
            r("Engineer at Acme", true, &[]),
            r("Lead at Acme", true, &[]),
            r("Co-op at Acme", false, &["co-op"]),
            r("Part-timer at Acme", false, &["part-time"]),
            r("Volunteer at Acme", false, &["unpaid"]),
        ]
    );
    // PMP: roles tagged `project-leadership` in the last 8 years
    // (from 2018-11-26 on)
    assert_eq!(
        roles("pmp", "experience-36"),
        [
            r("Engineer at Acme", true, &[]),
            r(
                "Lead at Acme",
                false,
                &["not-tagged", "tag project-leadership"]
            ),
            r("Co-op at Acme", false, &["outside-window"]),
            r("Part-timer at Acme", false, &["outside-window"]),
            r("Volunteer at Acme", false, &["outside-window"]),
        ]
    );
    // and the text report says it in two lines
    let out = certcheck()
        .arg("check")
        .arg(&path)
        .args(["--as-of", "2026-11-25", "--cert", "pmp"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // (as wrapped: the words in order)
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "counted: Engineer at Acme left out: Lead at Acme (not tagged `project-leadership`), \
             Co-op at Acme (outside the look-back window),"
        ),
        "{text}"
    );
}
