//! `check --format html` end to end: one self-contained page on stdout,
//! the same bytes every time, the exit code of the report.

use crate::common;
use common::example;

fn run(args: &[&str]) -> (String, i32) {
    let out = common::run(args);
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_person_page_on_stdout() {
    let (html, code) = run(&[
        "check",
        &example("sam.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "html",
    ]);
    assert_eq!(code, 1);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    assert!(html.contains("<title>Sam Okafor (sam): certifications as of 2026-11-25</title>"));
    assert!(html.contains(
        "data-requirement=\"decision-making\" data-met=\"false\" data-day=\"2028-01-08\""
    ));
    // no colour codes even when asked: colour is for the text report
    let (again, _) = run(&[
        "check",
        &example("sam.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "html",
        "--color",
        "always",
    ]);
    assert_eq!(again, html);
    assert!(!html.contains('\x1b'));
}

#[test]
fn what_if_and_plan_in_the_page() {
    let (html, _) = run(&[
        "check",
        &example("sam.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "html",
        "--assume",
        "degree=bachelor@2027-06-01",
    ]);
    assert!(html.contains("<section id=\"what-if\">"));
    assert!(html.contains("<code>--assume degree=bachelor@2027-06-01</code>"));
    let (html, _) = run(&[
        "check",
        &example("sam.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "html",
        "--plan",
    ]);
    assert!(html.contains("<section id=\"plan\">"));
}

/// An ASQ holder past the grace period, inside the year of renewal by
/// exam: the timeline draws that year after the grace period, with its day.
#[test]
fn the_timeline_shows_renewal_by_exam_after_the_grace_period() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cy.toml");
    std::fs::write(
        &p,
        "name = \"Cy\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2022-03-01\n",
    )
    .unwrap();
    let (html, code) = run(&[
        "check",
        p.to_str().unwrap(),
        "--as-of",
        "2025-10-01",
        "--format",
        "html",
    ]);
    assert_eq!(code, 1);
    assert!(
        html.contains("<title>grace period until 2025-09-01</title>"),
        "{html}"
    );
    assert!(html.contains("class=\"by-exam\""), "{html}");
    assert!(
        html.contains("<title>renewal by exam until 2026-03-01</title>"),
        "{html}"
    );
}
