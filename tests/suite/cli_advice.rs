//! Advice a person can follow (issue 15, point 7): `check --plan` suggests
//! tagging a role already in the profile when the tag is all that is
//! missing, never an exam "by tomorrow", works with `--assume`; an
//! `--assume` value with a slip gets a "did you mean".

use serde_json::Value;

use crate::common::{certcheck, example, stderr, stdout};

const AS_OF: &str = "2026-11-25";
const TOMORROW: &str = "2026-11-26";

/// A project lead with a degree, 35 hours of training and years of
/// leading projects, whose role is not tagged `project-leadership`: PMP
/// leaves it out for that alone.
const UNTAGGED_LEAD: &str = r#"name = "Pat Okafor"
targets = ["pmp"]

[[education]]
level = "bachelor"
completed = 2010-05-01

[[employment]]
employer = "Acme"
title = "Line Supervisor"
start = 2011-01-01
end = 2017-12-31

[[employment]]
employer = "Acme"
title = "Project Lead"
start = 2018-01-01
decision_making = true

[[training]]
title = "PM course"
hours = 35
completed = 2024-01-01
"#;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn json(args: &[&str]) -> Value {
    let o = certcheck()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn plan_suggests_tagging_the_role_when_the_tag_is_all_that_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "pat.toml", UNTAGGED_LEAD);
    let o = certcheck()
        .args(["check", &path, "--as-of", AS_OF, "--plan"])
        .output()
        .unwrap();
    let text = stdout(&o);
    let plan = &text[text.find("\nPlan\n").expect("a plan")..];
    // the first, soonest option: today, by tagging the role it has
    let first = plan.lines().nth(3).unwrap();
    assert!(first.starts_with(&format!("   1. {AS_OF}  If your role Project Lead at Acme was `project-leadership` work, tag it so")), "{plan}");
    assert!(
        plan.contains(r#"([[employment]] entry 2: tags = ["project-leadership"])"#),
        "{plan}"
    );
    // only the role that would count: the supervisor role ended before
    // PMP's look-back window, and tagging it would change nothing
    let v = json(&["check", &path, "--as-of", AS_OF, "--plan"]);
    let option = &v["plans"][0]["options"][0];
    assert_eq!(option["on"], AS_OF);
    assert_eq!(option["changes"].as_array().unwrap().len(), 1, "{option}");
    assert_eq!(option["changes"][0]["kind"], "tag-roles");
    let entries: Vec<u64> = option["changes"][0]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entry"].as_u64().unwrap())
        .collect();
    assert_eq!(entries, [2], "{option}");
    // with nothing to reproduce it with `--assume`, no command to try
    assert!(
        !plan.lines().nth(5).unwrap_or("").contains("try:"),
        "{plan}"
    );

    // following the advice works: with the tags written as it says, PMP's
    // prerequisites are met on that day
    let mut tagged = UNTAGGED_LEAD.to_string();
    for r in option["changes"][0]["roles"].as_array().unwrap() {
        let entry = r["entry"].as_u64().unwrap() as usize;
        let tags: Vec<String> = r["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| format!("\"{}\"", t.as_str().unwrap()))
            .collect();
        let at = tagged
            .match_indices("[[employment]]\n")
            .nth(entry - 1)
            .unwrap()
            .0;
        tagged.insert_str(
            at + "[[employment]]\n".len(),
            &format!("tags = [{}]\n", tags.join(", ")),
        );
    }
    let path = write(&dir, "pat-tagged.toml", &tagged);
    let v = json(&["check", &path, "--as-of", AS_OF]);
    assert_eq!(v["results"][0]["status"], "eligible", "{tagged}");
}

#[test]
fn an_exam_is_for_the_next_sitting_you_can_book_never_tomorrow() {
    // Dana is eligible for CPIM; only the exam is left
    let dana = example("dana.toml");
    let o = certcheck()
        .args(["check", &dana, "--as-of", AS_OF, "--plan"])
        .output()
        .unwrap();
    let text = stdout(&o);
    let plan = &text[text.find("\nPlan\n").expect("a plan")..];
    assert!(
        plan.contains("   1. on passing  Pass `cpim` at the next sitting you can book; the goal is reached the day you pass"),
        "{plan}"
    );
    assert!(!plan.contains(&format!("by {TOMORROW}")), "{plan}");
    assert!(!plan.contains(&format!("1. {TOMORROW}")), "{plan}");
    let v = json(&["check", &dana, "--as-of", AS_OF, "--plan"]);
    let exams = &v["plans"][0]["options"][0]["changes"][0];
    assert_eq!(exams["kind"], "exams");
    assert_eq!(exams["soonest"], true);
    // the HTML page says it the same way
    let o = certcheck()
        .args([
            "check", &dana, "--as-of", AS_OF, "--plan", "--format", "html",
        ])
        .output()
        .unwrap();
    let html = stdout(&o);
    assert!(html.contains("<strong>on passing</strong>"), "{html}");
    assert!(html.contains("at the next sitting you can book"));
}

#[test]
fn an_assume_value_with_a_slip_gets_a_did_you_mean() {
    let dana = example("dana.toml");
    for (value, near) in [
        ("rol=2027-01-01", "`role`"),
        ("role=decison-making@2027-01-01", "`decision-making`"),
        ("role=projct-leadership@2027-01-01", "`project-leadership`"),
        (
            "degree=bachelor+gac-acredited@2027-01-01",
            "`gac-accredited`",
        ),
        ("degree=mastr@2027-01-01", "`master`"),
        ("exam=cpin@2027-01-01", "`cpim`"),
    ] {
        for plan in [false, true] {
            let mut c = certcheck();
            c.args(["check", &dana, "--as-of", AS_OF, "--assume", value]);
            if plan {
                c.arg("--plan");
            }
            let o = c.output().unwrap();
            assert_eq!(o.status.code(), Some(2), "{value}");
            assert_eq!(stdout(&o), "", "{value}");
            let err = stderr(&o);
            assert!(
                err.starts_with(&format!("error: cannot read `--assume {value}`")),
                "{err}"
            );
            assert!(
                err.contains(&format!("did you mean {near}?")),
                "{value}: {err}"
            );
        }
    }
}

/// `--plan` with `--assume` plans on top of the assumed facts: each option
/// keeps them, and its `--assume` values, given back to `check`, reach the
/// goal on the day the option says.
#[test]
fn plan_with_assume_plans_on_top_of_the_assumed_facts() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "a.toml",
        "name = \"Ari\"\ntargets = [\"cmq-oe\"]\n[[employment]]\nemployer = \"Acme\"\ntitle = \"Inspector\"\nstart = 2019-03-04\n",
    );
    let base = "role=decision-making@2026-12-01";
    let alone = json(&["check", &path, "--as-of", AS_OF, "--plan"]);
    let with = json(&["check", &path, "--as-of", AS_OF, "--plan", "--assume", base]);
    // the what-if report is still there, and the plans beside it
    assert_eq!(with["assumptions"][0]["text"], base);
    let options = with["plans"][0]["options"].as_array().unwrap();
    assert!(!options.is_empty());
    assert_ne!(with["plans"], alone["plans"]);
    // the assumed role alone gets there: an option with no more changes
    assert!(
        options
            .iter()
            .any(|o| o["changes"].as_array().unwrap().is_empty()),
        "{options:?}"
    );
    for o in options {
        let assume: Vec<&str> = o["assume"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(assume[0], base, "{o}");
        let mut args = vec!["check", path.as_str(), "--as-of", AS_OF];
        for a in &assume {
            args.extend(["--assume", a]);
        }
        let v = json(&args);
        assert_eq!(
            v["comparisons"][0]["assumed"]["eligible_on"], o["on"],
            "{o}"
        );
    }
    let o = certcheck()
        .args(["check", &path, "--as-of", AS_OF, "--plan", "--assume", base])
        .output()
        .unwrap();
    let text = stdout(&o);
    assert!(
        text.contains("Nothing more: the assumed facts get there on their own"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "try: certcheck check {path} --as-of {AS_OF} --assume {base}\n"
        )),
        "{text}"
    );
}

/// A tag on a role still going on that needs more time: the option tags it
/// and keeps it, and once tagged, the report projects the day the plan said.
#[test]
fn a_tag_on_a_current_role_comes_with_keeping_it_until_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let recent = UNTAGGED_LEAD.replace("start = 2018-01-01", "start = 2025-06-01");
    let path = write(&dir, "recent.toml", &recent);
    let v = json(&["check", &path, "--as-of", AS_OF, "--plan"]);
    let options = v["plans"][0]["options"].as_array().unwrap();
    let kinds = |o: &Value| -> Vec<String> {
        o["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let option = options
        .iter()
        .find(|o| kinds(o) == ["tag-roles", "keep-roles"])
        .unwrap_or_else(|| panic!("no tag-and-keep option: {options:?}"));
    let on = option["on"].as_str().unwrap();
    assert!(on > AS_OF, "{option}");
    assert_eq!(option["changes"][1]["until"], on);
    assert_eq!(option["changes"][1]["roles"][0], "Project Lead at Acme");
    let tagged = recent.replace(
        "title = \"Project Lead\"\n",
        "title = \"Project Lead\"\ntags = [\"project-leadership\"]\n",
    );
    let path = write(&dir, "recent-tagged.toml", &tagged);
    let v = json(&["check", &path, "--as-of", AS_OF]);
    assert_eq!(v["results"][0]["eligible_on"], on, "{tagged}");
}
