//! `certcheck add` off a terminal (stdin a pipe, as in a script): every
//! field given as FIELD=VALUE is checked, what is missing or wrong is an
//! error with exit code 2 and the profile untouched, and what is added keeps
//! every byte the user wrote and loads with the strict loader. (On a
//! terminal: tests/suite/tmux_guided.rs.)

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common;

use certcheck::dates::date;
use common::editing::{leftovers, profile};
use common::{run_with_stdin, stderr, stdout};

/// Hand-written, with comments, odd spacing and an inline array of exams.
const HAND_WRITTEN: &str = "# Sam's profile, by hand\nname = 'Sam Okafor'   # literal\ntargets = [\"cmq-oe\"]\nexams = [\n  { id = \"cqia\", passed = 2015-04-11 },  # first\n]\n\n[[employment]]\n  employer = \"Brightline Components\"   # indented\n  title = \"Production Supervisor\"\n  start = 2023-01-09\n  decision_making = true\n\n# held\n[[certifications]]\nid = \"cqia\"\nearned = 2015-05-01\n\n# trailing comment\n";

/// `certcheck add ARGS` with a pipe, not a terminal, on stdin (answers
/// that would be read if the command asked: it must not).
fn add(path: &Path, args: &[&str]) -> Output {
    let mut all = vec!["add", path.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    run_with_stdin(all, "y\nQuality Intern\n2012-06\n")
}

fn unchanged(dir: &Path, path: &Path, out: &Output) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert_eq!(stdout(out), "", "nothing on stdout for an error");
    assert_eq!(
        fs::read_to_string(path).unwrap(),
        HAND_WRITTEN,
        "the profile is untouched"
    );
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

#[test]
fn missing_required_fields_are_one_error_listing_them_and_nothing_is_asked() {
    let (dir, path) = profile(HAND_WRITTEN);
    let out = add(&path, &["role", "employer=Northwind Plastics"]);
    unchanged(dir.path(), &path, &out);
    assert_eq!(
        stderr(&out),
        format!(
            "error: missing required field for the role: `start`\n  help: give each as FIELD=VALUE, such as `certcheck add {} role start=2016-09`, or run `certcheck add` on a terminal to be asked\n",
            path.display()
        )
    );
    let out = add(&path, &["training", "title=PM basics"]);
    unchanged(dir.path(), &path, &out);
    assert!(
        stderr(&out)
            .starts_with("error: missing required fields for the training: `hours`, `completed`\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_fields_are_each_an_error_with_what_was_meant() {
    let (dir, path) = profile(HAND_WRITTEN);
    let out = add(
        &path,
        &[
            "role",
            "strat=2012-06",
            "end=2012-02-30",
            "kind=intern",
            "paid=maybe",
            "title",
        ],
    );
    unchanged(dir.path(), &path, &out);
    let err = stderr(&out);
    for line in [
        "error: unknown field `strat` for a role\n  help: did you mean `start`? the fields of a role: employer, title, start, end, decision_making, full_time, paid, kind, tags\n",
        "error: invalid `end=2012-02-30`: `2012-02-30` is not a date like 2016-09-01, or a month like 2016-09\n",
        "error: invalid `kind=intern`: unknown kind `intern`: did you mean `internship`?\n",
        "error: invalid `paid=maybe`: answer y or n\n",
        "error: expected FIELD=VALUE, found `title`\n",
    ] {
        assert!(err.contains(line), "{line}\nin:\n{err}");
    }
    let out = add(&path, &["exam", "id=cmq-eo", "passed=2020-03"]);
    unchanged(dir.path(), &path, &out);
    assert_eq!(
        stderr(&out),
        "error: invalid `id=cmq-eo`: unknown exam `cmq-eo`: did you mean `cmq-oe`?\n"
    );
    // a role that ends before it starts; a certification held already
    let out = add(&path, &["role", "start=2016-09", "end=2016-08-31"]);
    unchanged(dir.path(), &path, &out);
    assert_eq!(
        stderr(&out),
        "error: the role cannot end (2016-08-31) before it starts (2016-09)\n"
    );
    let out = add(&path, &["certification", "id=CQIA", "earned=2016-01"]);
    unchanged(dir.path(), &path, &out);
    assert!(
        stderr(&out).contains("holds `cqia` already"),
        "{}",
        stderr(&out)
    );
    // an unknown kind is clap's usage error
    let out = add(&path, &["jobs", "start=2016-09"]);
    unchanged(dir.path(), &path, &out);
    assert!(
        stderr(&out).contains("invalid value 'jobs'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_entry_is_added_next_to_its_section_keeping_every_byte() {
    let (dir, path) = profile(HAND_WRITTEN);
    let out = add(
        &path,
        &[
            "role",
            "employer=Northwind Plastics",
            "title=Quality \"QC\" Technician",
            "start=2013-02",
            "end=2022-12-16",
            "decision_making=no",
            "kind=Employee",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), format!("saved `{}`\n", path.display()));
    assert_eq!(
        stdout(&out),
        format!(
            "added [[employment]] employer = \"Northwind Plastics\", title = \"Quality \\\"QC\\\" Technician\", start = \"2013-02\", end = 2022-12-16, decision_making = false, kind = \"employee\"\njudge it with: certcheck check {}\n",
            path.display()
        )
    );
    let role = "\n[[employment]]\nemployer = \"Northwind Plastics\"\ntitle = \"Quality \\\"QC\\\" Technician\"\nstart = \"2013-02\"\nend = 2022-12-16\ndecision_making = false\nkind = \"employee\"\n";
    let after_role = HAND_WRITTEN.replacen(
        "decision_making = true\n",
        &format!("decision_making = true\n{role}"),
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), after_role);

    // an exam into the inline array, its id as the rules spell it
    let out = add(&path, &["exam", "id=CMQ-OE", "passed=2020-03"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after_exam = after_role.replacen(
        "  { id = \"cqia\", passed = 2015-04-11 },  # first\n",
        "  { id = \"cqia\", passed = 2015-04-11 },  # first\n  { id = \"cmq-oe\", passed = \"2020-03\" },\n",
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), after_exam);
    assert!(leftovers(dir.path()).is_empty());

    // and what was added is read as semantics.md reads months
    let p = certcheck::profile::load_file(&path, common::rules()).unwrap();
    assert_eq!(p.employment[1].start, date(2013, 2, 1));
    assert_eq!(p.employment[1].end, Some(date(2022, 12, 16)));
    assert_eq!(p.exams[1].id, "cmq-oe");
    assert_eq!(p.exams[1].passed, date(2020, 3, 31));
}

#[test]
fn each_kind_can_be_added_and_the_profile_is_judged_with_it() {
    let (_dir, path) = profile("name = \"Pat\"\ntargets = [\"pmp\"]\n");
    for args in [
        &[
            "degree",
            "level=bachelor",
            "completed=2010-05",
            "tags=gac-accredited",
        ][..],
        &[
            "training",
            "title=PM fundamentals",
            "hours=35",
            "completed=2019-02-01",
        ],
        &[
            "project",
            "title=Scrap reduction",
            "completed=2022-10",
            "affidavit=yes",
        ],
        &["certification", "id=CQIA", "earned=2018-06-01"],
        &[
            "role",
            "employer=Acme",
            "title=Project Lead",
            "start=2015-01",
            "decision_making=y",
            "tags=project-leadership",
        ],
    ] {
        let out = add(&path, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let p = certcheck::profile::load_file(&path, common::rules()).unwrap();
    assert_eq!(p.education[0].tags, ["gac-accredited"]);
    assert_eq!(p.training[0].hours.to_string(), "35");
    assert!(p.projects[0].affidavit);
    assert_eq!(p.certifications[0].id, "cqia");
    assert_eq!(p.employment[0].tags, ["project-leadership"]);
    // `check` reads the entries: the degree's tag, the role's tag and the
    // training's hours make PMP's prerequisites met on the training's day
    let out = common::run([
        "check",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
        "--cert",
        "pmp",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(
        text.contains("Eligible: every prerequisite met since 2019-02-01"),
        "{text}"
    );
    assert!(text.contains("counted: Project Lead at Acme"), "{text}");
}

#[test]
fn a_bad_or_json_profile_is_refused_before_anything() {
    let (dir, path) = profile("name = \"Sam\"\nnmae = 1\n");
    let out = add(&path, &["exam", "id=cqia", "passed=2020-03"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown key `nmae`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "name = \"Sam\"\nnmae = 1\n"
    );
    assert!(leftovers(dir.path()).is_empty());
    let missing = dir.path().join("new.toml");
    let out = add(&missing, &["exam", "id=cqia", "passed=2020-03"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: `{0}` does not exist\n  help: `add` adds to a profile; start one with `certcheck init {0}`\n",
            missing.display()
        )
    );
    assert!(!missing.exists());
    let json = dir.path().join("p.json");
    fs::write(&json, "{\"name\": \"Sam\"}").unwrap();
    let out = add(&json, &["exam", "id=cqia", "passed=2020-03"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a JSON profile"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&json).unwrap(), "{\"name\": \"Sam\"}");
}

/// A rule file of one's own, as `--rules DIR` loads it.
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
id = "demo-exam"
name = "Demo exam"
source = "https://example.org/demo"

[[exam_path]]
id = "exam"
name = "The demo exam"
exams = ["demo-exam"]
source = "https://example.org/demo"
"#;

#[test]
fn rules_of_ones_own_give_their_exam_ids() {
    let rules = tempfile::tempdir().expect("tempdir");
    fs::write(rules.path().join("demo.toml"), DEMO_RULE).expect("write");
    let rules = rules.path().to_str().expect("utf-8 path").to_string();
    let (dir, path) = profile(HAND_WRITTEN);
    // without the folder the exam is unknown
    let out = add(&path, &["exam", "id=Demo-Exam", "passed=2024-05"]);
    unchanged(dir.path(), &path, &out);
    assert!(
        stderr(&out).contains("unknown exam `Demo-Exam`"),
        "{}",
        stderr(&out)
    );
    let out = add(
        &path,
        &["exam", "id=Demo-Exam", "passed=2024-05", "--rules", &rules],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let p = certcheck::profile::load_file(
        &path,
        &certcheck::rules::RuleSet::load(&[rules.into()]).unwrap(),
    )
    .unwrap();
    assert_eq!(p.exams[1].id, "demo-exam");
}
