//! `rules list` and `rules show` say how many of a certification's figures
//! the certifying body itself confirms (issue 14): every citation of a rule
//! is counted, and a figure is confirmed only where its citation says so.

use std::path::Path;

use crate::common;
use common::{stderr, stdout};

/// Six cited tables, three of them unconfirmed, and one category without a
/// citation of its own (covered by the recertification's, not counted).
const CWX: &str = r#"id = "cwx"
name = "Certified Widget Examiner"
issuer = "Example Guild"

# UNCERTAIN: the first day is our reading.
[edition]
name = "2025"
from = 2025-01-01
source = "https://example.org/cwx/news"
confirmed = false
note = "the first day is inferred"

[[requirement]]
id = "degree"
name = "Bachelor's degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/cwx/eligibility"

[[exam]]
id = "cwx"
name = "CWX exam"
source = "https://example.org/cwx/exam"

# UNCERTAIN: a study site's page.
[[exam_path]]
id = "exam"
name = "The CWX exam"
exams = ["cwx"]
source = "https://study.example.net/cwx"
confirmed = false
note = "seen only on a study site"

[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 30
unit = "credits"
source = "https://example.org/cwx/recertification"

# UNCERTAIN: a chapter's page.
[[recertification.category]]
id = "courses"
name = "Courses"
max = 20
source = "https://chapter.example.net/cwx"
confirmed = false
note = "seen only on a chapter's page"

[[recertification.category]]
id = "service"
name = "Service"
"#;

fn rules_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cwx.toml"), CWX).unwrap();
    dir
}

#[test]
fn list_has_a_column_of_figures_confirmed_by_the_body() {
    let dir = rules_dir();
    let d = dir.path().display().to_string();
    let o = common::run(["rules", "list", "--rules", &d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert!(header.trim_end().ends_with("confirmed"), "{out}");
    let row = out.lines().find(|l| l.starts_with("cwx ")).unwrap();
    assert!(row.trim_end().ends_with(" 3/6"), "{row}");
    assert!(
        out.contains("confirmed: figures confirmed by the certifying body's own page"),
        "{out}"
    );
}

#[test]
fn show_says_how_many_figures_the_body_confirms() {
    let dir = rules_dir();
    let d = dir.path().display().to_string();
    let o = common::run([
        "rules",
        "show",
        "cwx",
        "--as-of",
        "2026-01-01",
        "--rules",
        &d,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Figures: 3 of 6 confirmed by the body itself (the others"),
        "{out}"
    );
    // every figure confirmed: no remark about the others
    let all = CWX.replace("confirmed = false\n", "");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cwx.toml"), all).unwrap();
    let d = dir.path().display().to_string();
    let out = stdout(&common::run([
        "rules",
        "show",
        "cwx",
        "--as-of",
        "2026-01-01",
        "--rules",
        &d,
    ]));
    assert!(
        out.contains("Figures: 6 of 6 confirmed by the body itself\n"),
        "{out}"
    );
}

/// For each built-in file, the figures counted as not confirmed are exactly
/// the tables the file marks `confirmed = false`: the count misses none.
#[test]
fn built_in_counts_match_the_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for r in common::rules().all() {
        let file = r.origin.trim_start_matches("built-in ");
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let marked = text
            .lines()
            .filter(|l| l.trim() == "confirmed = false")
            .count();
        let n = r.citation_count();
        assert_eq!(n.total - n.confirmed, marked, "{file}");
        assert_eq!(
            r.citations()
                .iter()
                .filter(|c| !c.citation.confirmed)
                .count(),
            marked,
            "{file}"
        );
    }
}

/// `rules list` shows all eighteen certifications, each with its count.
#[test]
fn list_shows_all_eighteen_certifications() {
    let o = common::run(["rules", "list"]);
    let out = stdout(&o);
    let ids = [
        "capm", "cmfge", "cmfgt", "cmq-oe", "cpim", "cpsd", "cpsm", "cqa", "cqe", "cqia", "cqpa",
        "cqt", "cre", "cscp", "csqe", "cssbb", "cssgb", "pmp",
    ];
    for id in ids {
        let row = out
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("`{id}` missing:\n{out}"));
        let last = row.split_whitespace().last().unwrap();
        let (c, t) = last.split_once('/').unwrap_or_else(|| panic!("{row}"));
        let (c, t): (usize, usize) = (c.parse().unwrap(), t.parse().unwrap());
        assert!(c <= t && t > 0, "{row}");
    }
    assert_eq!(common::rules().ids(), ids);
}
