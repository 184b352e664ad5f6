//! `certcheck rules list | show | validate | test` end to end, and a made-up
//! certification written from docs/rules.md alone, validated, tested and
//! used by `check`.

use std::path::Path;
use std::process::Output;

use crate::common;
use common::{stderr, stdout};

fn certcheck(args: &[&str]) -> Output {
    common::run(args)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn list_names_every_edition_with_its_dates() {
    let o = certcheck(&["rules", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("id "), "{out}");
    for id in [
        "capm", "cmfge", "cmfgt", "cmq-oe", "cpim", "cpsd", "cpsm", "cqa", "cqe", "cqia", "cqpa",
        "cqt", "cre", "cscp", "csqe", "cssbb", "cssgb", "pmp",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(id)), "{id}: {out}");
    }
    let pmp: Vec<&&str> = lines.iter().filter(|l| l.starts_with("pmp ")).collect();
    assert_eq!(pmp.len(), 2, "{out}");
    assert!(pmp[0].contains("2011-03-01") && pmp[0].contains("2015-11-30"));
    assert!(pmp[1].contains("2015-12-01"));
    // the CPSM 2008 edition's first day is inferred
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("cpsm") && l.contains("2008-05-01 ?")),
        "{out}"
    );
    assert!(
        out.contains("? the edition's dates are not confirmed"),
        "{out}"
    );
}

#[test]
fn show_explains_each_figure_with_its_source() {
    let o = certcheck(&["rules", "show", "cmq-oe", "--as-of", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "Edition 2024: from 2024-01-01, still in force (in force on 2026-11-25)",
        "10 years of work (3652 days) in full-time, paid roles, not internship or co-op",
        "a bachelor's degree 4 years",
        "source: http://asq.org/cert/manager-of-quality/right-for-you (NOT CONFIRMED)",
        "18 RU per cycle of 3 years",
        "`employment`  Employment: at most 10.8",
    ] {
        assert!(out.contains(want), "missing `{want}` in:\n{out}");
    }
    // an older edition by date
    let o = certcheck(&["rules", "show", "pmp", "--as-of", "2014-01-01"]);
    let out = stdout(&o);
    assert!(
        out.contains("Edition 2011: from 2011-03-01 to 2015-11-30 (in force on 2014-01-01)"),
        "{out}"
    );
    assert!(out.contains("`category-c`  Category C: self-directed learning: at most 30"));
    // the catch-up points of CPIM's earlier rules
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "cpim",
        "--as-of",
        "2019-06-01",
    ]));
    assert!(
        out.contains("a year begun counting as a whole one, adds 15 points to the requirement"),
        "{out}"
    );
    // the rolling exam window
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "cpsm",
        "--as-of",
        "2026-01-01",
    ]));
    assert!(out.contains("a pass is valid for 4 years"), "{out}");
    // issue 14's shapes, each said in words
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "pmp",
        "--as-of",
        "2026-01-01",
    ]));
    for want in [
        "Its recertification requirements apply to cycles ending on or after 2017-12-01",
        "Units dated in the grace period count towards the overdue cycle, not the next.",
        "Figures: 0 of 18 confirmed by the body itself",
    ] {
        assert!(out.contains(want), "missing `{want}` in:\n{out}");
    }
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "cpim",
        "--as-of",
        "2026-01-01",
    ]));
    assert!(
        out.contains(
            "educational development: at most 60 % of the 75 required (45), 2 points per hour"
        ),
        "{out}"
    );
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "cmq-oe",
        "--as-of",
        "2026-01-01",
    ]));
    assert!(
        out.contains("Renewal by exam is accepted up to 12 months after a cycle's end (after"),
        "{out}"
    );
    let out = stdout(&certcheck(&[
        "rules",
        "show",
        "cpsm",
        "--as-of",
        "2026-01-01",
    ]));
    assert!(
        out.contains("in a cycle's last 120 days count in the next cycle"),
        "{out}"
    );
    // held for life: no recertification, and where that is said
    let out = stdout(&certcheck(&["rules", "show", "cqt"]));
    assert!(
        out.contains(
            "  None: the certification is for life.\n  source: https://www.asq.org/cert/faq/faq-recertification (confirmed)"
        ),
        "{out}"
    );
    // an unknown id is a usage error with a suggestion
    let o = certcheck(&["rules", "show", "psm"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

#[test]
fn validate_is_clean_on_the_built_in_files() {
    let files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .unwrap()
        .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut args = vec!["rules", "validate", "--deny-warnings"];
    args.extend(files.iter().map(String::as_str));
    let o = certcheck(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("ok: 0 errors, 0 warnings in {} files\n", files.len())
    );
}

const MINIMAL: &str = r#"id = "widget"
name = "Widget"
issuer = "Test"
[edition]
name = "1"
"#;

#[test]
fn validate_reports_every_problem_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.toml",
        &format!(
            "{MINIMAL}[[requirement]]\nid = \"held\"\nname = \"Held\"\nkind = \"certification\"\ncertification = \"gadgett\"\nsource = \"https://example.org\"\n"
        ),
    );
    let b = write(
        dir.path(),
        "b.toml",
        "id = \"gadget\"\nname = \"Gadget\"\nissuer = \"Test\"\n[edition]\nname = \"1\"\n[[exam]]\nid = \"g\"\nname = \"G\"\nsource = \"https://example.org\"\n[[exam_path]]\nid = \"p\"\nname = \"P\"\nexams = [\"gg\"]\nsource = \"https://example.org\"\n",
    );
    let o = certcheck(&["rules", "validate", &a, &b]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "error: {b}:7:6: exam `g` is not used by any exam path"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "error: {b}:13:10: unknown exam `gg`\n  help: did you mean `g`?"
        )),
        "{out}"
    );
    // a reference to a certification another file defines, misspelt
    assert!(
        out.contains(&format!(
            "error: {a}:10:17: unknown certification `gadgett`\n  help: did you mean `gadget`?"
        )),
        "{out}"
    );
    assert!(out.ends_with("3 errors, 0 warnings in 2 files\n"), "{out}");

    // warnings pass unless denied
    let w = write(
        dir.path(),
        "w.toml",
        &format!(
            "{MINIMAL}[[requirement]]\nid = \"d\"\nname = \"D\"\nkind = \"degree\"\nlevel = \"bachelor\"\nsource = \"https://example.org\"\nconfirmed = false\n"
        ),
    );
    let o = certcheck(&["rules", "validate", &w]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&format!(
        "warning: {w}:7:6: requirement `d` is marked `confirmed = false` but has no `note`"
    )));
    let o = certcheck(&["rules", "validate", "--deny-warnings", &w]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).ends_with("0 errors, 1 warning in 1 file\n"));

    // a file that cannot be read is bad input
    let o = certcheck(&["rules", "validate", "no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).starts_with("error: no-such-file.toml: cannot read"));
}

#[test]
fn test_runs_the_built_in_cases() {
    let o = certcheck(&["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ok    tests/rules/pmp/certified-carry-over.toml (rules edition 2015)"));
    assert!(
        out.lines().last().unwrap().ends_with(" passed, 0 failed"),
        "{out}"
    );
}

#[test]
fn test_exits_1_with_a_diff_on_failure_and_2_on_a_bad_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = r#"as_of = 2026-11-25
[profile]
name = "Max"
[expect]
status = "requirements-met"
eligible_on = "none"
"#;
    let path = write(dir.path(), "cpim/wrong.toml", case);
    let d = dir.path().display().to_string();
    let o = certcheck(&["rules", "test", &d]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "FAIL {path}\n  `cpim` as of 2026-11-25, rules edition 90-day suspension\n  (- expected, + got)\n  - status  requirements-met\n  + status  eligible\n  what the rules said:\n    ✗ exam: The CPIM 8.0 exam: still to pass `cpim`\n0 passed, 1 failed\n"
        )
    );
    write(
        dir.path(),
        "cpim/wrong.toml",
        &case.replace("as_of", "as-of"),
    );
    let o = certcheck(&["rules", "test", &d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).starts_with(&format!(
            "error: {path}:1:1: unknown key `as-of`\n  help: did you mean `as_of`?"
        )),
        "{}",
        stderr(&o)
    );
    let empty = tempfile::tempdir().unwrap();
    let o = certcheck(&["rules", "test", &empty.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no test cases"));
}

/// A made-up certification, written from docs/rules.md alone: a degree OR
/// 4 years of full-time experience, two exams within 2 years of each other,
/// and 30 points per 2 years with a capped category.
const MADE_UP: &str = r#"# The Example Guild's Certified Widget Inspector (made up).
id = "cwi"
name = "Certified Widget Inspector"
issuer = "Example Guild"

[edition]
name = "2025"
from = 2025-01-01
source = "https://example.org/cwi/2025"

[[requirement]]
id = "degree"
name = "An associate degree"
kind = "degree"
level = "associate"
source = "https://example.org/cwi/eligibility"

[[requirement]]
id = "experience"
name = "Inspection experience"
kind = "experience"
years = 4
source = "https://example.org/cwi/eligibility"

[requirement.roles]
full_time = true
exclude_kinds = ["internship"]

[[path]]
id = "with-degree"
name = "With a degree"
requires = ["degree"]

[[path]]
id = "with-experience"
name = "With four years"
requires = ["experience"]

[[exam]]
id = "cwi-theory"
name = "Theory"
source = "https://example.org/cwi/exams"

[[exam]]
id = "cwi-practice"
name = "Practice"
source = "https://example.org/cwi/exams"

[[exam_path]]
id = "both"
name = "Theory and practice"
exams = ["cwi-theory", "cwi-practice"]
within_years = 2
source = "https://example.org/cwi/exams"

# UNCERTAIN: the grace period is our reading.
[recertification]
cycle_years = 2
anchor = "month-end"
units_required = 30
unit = "points"
grace_days = 60
source = "https://example.org/cwi/renewal"
confirmed = false
note = "the page says \"about two months\""

[[recertification.category]]
id = "courses"
name = "Courses"

[[recertification.category]]
id = "meetings"
name = "Guild meetings"
max = 10
"#;

#[test]
fn a_made_up_certification_from_the_docs_alone() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let file = write(&rules, "cwi.toml", MADE_UP);
    let o = certcheck(&["rules", "validate", "--deny-warnings", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let cases = dir.path().join("cases");
    write(
        &cases,
        "cwi/not-eligible.toml",
        r#"as_of = 2026-11-25
[profile]
name = "Wen"
[[profile.employment]]
start = 2024-01-01
[[profile.employment]]
start = 2020-01-01
end = 2020-12-31
kind = "internship"
[expect]
status = "not-eligible"
eligible_on = 2027-12-31
edition = "2025"
"#,
    );
    write(
        &cases,
        "cwi/requirements-met.toml",
        r#"as_of = 2026-11-25
[profile]
name = "Wen"
[[profile.education]]
level = "associate"
completed = 2019-06-01
[[profile.exams]]
id = "cwi-theory"
passed = 2025-02-01
[[profile.exams]]
id = "cwi-practice"
passed = 2026-09-01
[expect]
status = "requirements-met"
eligible_on = 2019-06-01
"#,
    );
    write(
        &cases,
        "cwi/certified.toml",
        r#"as_of = 2026-11-25
[profile]
name = "Wen"
[[profile.certifications]]
id = "cwi"
earned = 2025-03-10
[[profile.activities]]
date = 2025-06-01
certifications = ["cwi"]
category = "meetings"
units = 12
[[profile.activities]]
date = 2026-06-01
certifications = ["cwi"]
category = "courses"
units = 15
[expect]
status = "certified"
eligible_on = "none"
[expect.renewal]
cycle_end = 2027-03-31
grace_until = 2027-05-30
units_counted = 25
units_needed = 5
ready = false
"#,
    );
    let r = rules.display().to_string();
    let o = certcheck(&["rules", "test", &cases.display().to_string(), "--rules", &r]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).ends_with("3 passed, 0 failed\n"));

    let o = certcheck(&["rules", "list", "--rules", &r]);
    assert!(
        stdout(&o).contains("cwi     Certified Widget Inspector"),
        "{}",
        stdout(&o)
    );

    let profile = write(
        dir.path(),
        "wen.toml",
        "name = \"Wen\"\ntargets = [\"cwi\"]\n[[education]]\nlevel = \"bachelor\"\ncompleted = 2019-06-01\n",
    );
    let o = certcheck(&["check", &profile, "--as-of", "2026-11-25", "--rules", &r]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(Example Guild, rules edition 2025)"),
        "{}",
        stdout(&o)
    );
}
