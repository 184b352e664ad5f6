//! `certcheck check` end to end: the binary on fixture profiles, its JSON read
//! back into structs that refuse unknown fields, and its exit codes.

// The mirror structs name every field so that an unknown one fails; not every
// field is asserted on.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    as_of: String,
    profile: ProfileRef,
    results: Vec<Result>,
    warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileRef {
    name: String,
    id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Result {
    certification: String,
    name: String,
    issuer: String,
    edition: String,
    status: String,
    eligible_on: Option<String>,
    requirements: Vec<Requirement>,
    renewal: Option<Renewal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Requirement {
    id: String,
    name: String,
    met: bool,
    summary: String,
    met_on: Option<String>,
    detail: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Renewal {
    cycle: u32,
    cycle_start: String,
    cycle_end: String,
    grace_until: String,
    days_left: i64,
    window_opens: Option<String>,
    unit: String,
    units_required: serde_json::Number,
    units_counted: serde_json::Number,
    units_needed: serde_json::Number,
    ready: bool,
    categories: Vec<Category>,
    groups: Vec<serde_json::Value>,
    carry_over: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Category {
    id: String,
    name: String,
    earned: serde_json::Number,
    counted: serde_json::Number,
    min: Option<serde_json::Number>,
    max: Option<serde_json::Number>,
    over_cap: serde_json::Number,
    needed: serde_json::Number,
    parent: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn certcheck() -> Command {
    let mut c = Command::cargo_bin("certcheck").expect("binary builds");
    c.current_dir(root());
    c
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
