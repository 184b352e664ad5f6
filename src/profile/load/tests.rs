use proptest::prelude::*;

use super::*;
use crate::dates::{Period, date};
use crate::rules::model::{
    Anchor, Category, Citation, Edition, Exam, Level, Recertification, RoleKind, Rule,
};
use crate::units::Units;

fn rule(id: &str, exams: &[&str], categories: &[&str]) -> Rule {
    Rule {
        held_for_life: None,
        id: id.to_string(),
        name: id.to_uppercase(),
        issuer: "test".to_string(),
        edition: Edition::default(),
        requirements: vec![],
        paths: vec![],
        exams: exams
            .iter()
            .map(|e| Exam {
                id: e.to_string(),
                name: e.to_string(),
                offered_from: None,
                offered_to: None,
                citation: Citation::default(),
            })
            .collect(),
        exam_paths: vec![],
        recertification: Some(Recertification {
            grace_units: Default::default(),
            by_exam: None,
            cycle_years: 3,
            anchor: Anchor::Anniversary,
            units_required: Units::whole(18),
            unit: "RU".to_string(),
            grace: Period::default(),
            window_before: None,
            late_units_per_year: None,
            categories: categories
                .iter()
                .map(|c| Category {
                    max_share: None,
                    id: c.to_string(),
                    name: c.to_string(),
                    min: None,
                    max: None,
                    parent: None,
                    units_per_hour: None,
                    citation: None,
                })
                .collect(),
            groups: vec![],
            carry_over: None,
            citation: Citation::default(),
        }),
        origin: "test".to_string(),
    }
}

/// Two rules, built once for every test (and proptest case) of this file.
fn rules() -> &'static RuleSet {
    static RULES: std::sync::LazyLock<RuleSet> = std::sync::LazyLock::new(two_rules);
    &RULES
}

fn two_rules() -> RuleSet {
    RuleSet::from_rules(vec![
        rule(
            "cpim",
            &["cpim", "cpim-part-1", "cpim-part-2"],
            &[
                "continuing-education",
                "teaching",
                "service",
                "membership",
                "exams",
            ],
        ),
        rule(
            "cmq-oe",
            &["cmq-oe"],
            &["professional-development", "employment", "giving-back"],
        ),
    ])
}

/// The example of ../shared/spec/profile.md, as written there.
const EXAMPLE: &str = r#"name = "Dana Whitfield"          # required
id = "C-1042"                    # optional; screening output uses it (default: the file's stem)
targets = ["cmq-oe"]             # optional; the certifications this person is working towards

[[education]]
level = "bachelor"               # trade-diploma | associate | bachelor | master | doctorate
field = "Industrial Engineering" # optional
completed = 2012-05-15           # required

[[employment]]
employer = "Acme Fabrication"
title = "Production Supervisor"
start = 2012-06-01
end = 2016-08-31                 # omit while the role is ongoing
decision_making = false          # default false: authority to define, execute or control
                                 # projects/processes and responsibility for the outcome
full_time = true                 # default true
paid = true                      # default true
kind = "employee"                # employee (default) | contractor | internship | co-op
tags = ["project-leadership"]    # optional: qualities a rule may ask for (PMP counts
                                 # only roles that lead and direct projects)

[[employment]]
employer = "Acme Fabrication"
title = "Quality Manager"
start = 2016-09-01
decision_making = true

[[training]]                     # contact hours of formal education (e.g. PMP's 35 hours)
title = "Project management fundamentals"
hours = 35
completed = 2019-02-01

[[projects]]                     # completed improvement projects (CSSBB)
title = "Scrap reduction on line 4"
completed = 2022-10-01
affidavit = true                 # signed by the project's sponsor or champion

[[exams]]                        # passed exams only
id = "cmq-oe"                    # an exam id defined by a rule file
passed = 2020-03-14

[[certifications]]               # certifications held
id = "cmq-oe"
earned = 2020-04-01
renewals = [2023-03-20]          # each recorded renewal moves the holder one cycle on

[[activities]]                   # professional-development activities
date = 2021-05-10                # the day it was completed
certifications = ["cmq-oe"]      # the held certifications it counts towards
category = "professional-development"   # a category id that each listed certification's rules define
units = 1.5                      # exact decimal, up to 3 places
description = "Lean leadership seminar"
evidence = "receipts/lean-2021.pdf"      # optional
"#;

fn load(text: &str) -> Result<Profile, Vec<Diagnostic>> {
    parse_toml(text, "p.toml", "p", rules())
}

fn ok(text: &str) -> Profile {
    match load(text) {
        Ok(p) => p,
        Err(d) => panic!("expected a valid profile, got:\n{}", Error::Profile(d)),
    }
}

fn errs(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(p) => panic!("expected errors, got {p:?}"),
        Err(d) => d,
    }
}

/// The only diagnostic, as (line, column, message, help).
fn one(text: &str) -> (usize, usize, String, Option<String>) {
    let d = errs(text);
    assert_eq!(
        d.len(),
        1,
        "expected one diagnostic, got:\n{}",
        Error::Profile(d)
    );
    let d = &d[0];
    assert_eq!(d.file, "p.toml");
    (
        d.line.unwrap_or(0),
        d.column.unwrap_or(0),
        d.message.clone(),
        d.help.clone(),
    )
}

fn help(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// A minimal valid profile with `extra` appended.
fn with(extra: &str) -> String {
    format!("name = \"N\"\n{extra}")
}

#[test]
fn example_loads_with_its_values() {
    let p = ok(EXAMPLE);
    assert_eq!(p.name, "Dana Whitfield");
    assert_eq!(p.id, "C-1042");
    assert_eq!(p.targets, ["cmq-oe"]);

    assert_eq!(p.education.len(), 1);
    assert_eq!(p.education[0].level, Level::Bachelor);
    assert_eq!(
        p.education[0].field.as_deref(),
        Some("Industrial Engineering")
    );
    assert_eq!(p.education[0].completed, date(2012, 5, 15));

    assert_eq!(p.employment.len(), 2);
    let r = &p.employment[0];
    assert_eq!(r.employer.as_deref(), Some("Acme Fabrication"));
    assert_eq!(r.title.as_deref(), Some("Production Supervisor"));
    assert_eq!(r.start, date(2012, 6, 1));
    assert_eq!(r.end, Some(date(2016, 8, 31)));
    assert!(!r.decision_making && r.full_time && r.paid);
    assert_eq!(r.kind, RoleKind::Employee);
    assert_eq!(r.tags, ["project-leadership"]);
    let r = &p.employment[1];
    assert_eq!(r.label(), "Quality Manager at Acme Fabrication");
    assert_eq!(r.start, date(2016, 9, 1));
    assert_eq!(r.end, None);
    // defaults
    assert!(r.decision_making && r.full_time && r.paid);
    assert_eq!(r.kind, RoleKind::Employee);
    assert!(r.tags.is_empty());

    assert_eq!(p.training.len(), 1);
    assert_eq!(
        p.training[0].title.as_deref(),
        Some("Project management fundamentals")
    );
    assert_eq!(p.training[0].hours, Units::whole(35));
    assert_eq!(p.training[0].completed, date(2019, 2, 1));

    assert_eq!(p.projects.len(), 1);
    assert_eq!(p.projects[0].completed, date(2022, 10, 1));
    assert!(p.projects[0].affidavit);

    assert_eq!(p.exams.len(), 1);
    assert_eq!(p.exams[0].id, "cmq-oe");
    assert_eq!(p.exams[0].passed, date(2020, 3, 14));

    assert_eq!(p.certifications.len(), 1);
    assert_eq!(p.certifications[0].id, "cmq-oe");
    assert_eq!(p.certifications[0].earned, date(2020, 4, 1));
    assert_eq!(p.certifications[0].renewals, [date(2023, 3, 20)]);

    assert_eq!(p.activities.len(), 1);
    let a = &p.activities[0];
    assert_eq!(a.date, date(2021, 5, 10));
    assert_eq!(a.certifications, ["cmq-oe"]);
    assert_eq!(a.category, "professional-development");
    assert_eq!(a.units.thousandths(), 1500);
    assert_eq!(a.description.as_deref(), Some("Lean leadership seminar"));
    assert_eq!(a.evidence.as_deref(), Some("receipts/lean-2021.pdf"));
}

#[test]
fn defaults_and_minimal_profile() {
    let p = ok("name = \"N\"\n");
    assert_eq!(p.id, "p");
    assert!(p.targets.is_empty() && p.employment.is_empty() && p.activities.is_empty());
    let p = ok(&with(
        "[[projects]]\ncompleted = 2022-10-01\n[[certifications]]\nid = \"cpim\"\nearned = 2020-01-01\n",
    ));
    assert!(!p.projects[0].affidavit);
    assert!(p.certifications[0].renewals.is_empty());
    let p = ok(&with(
        "[[employment]]\nstart = 2020-01-01\nfull_time = false\npaid = false\nkind = \"co-op\"\n",
    ));
    let r = &p.employment[0];
    assert!(!r.full_time && !r.paid && !r.decision_making);
    assert_eq!(r.kind, RoleKind::CoOp);
}

#[test]
fn entries_keep_file_order() {
    let p = ok(&with(
        "[[exams]]\nid = \"cpim-part-2\"\npassed = 2021-01-01\n\
         [[exams]]\nid = \"cpim-part-1\"\npassed = 2020-01-01\n",
    ));
    let ids: Vec<&str> = p.exams.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["cpim-part-2", "cpim-part-1"]);
}

#[test]
fn inline_tables_are_entries_too() {
    let p = ok(&with(
        "education = [{ level = \"master\", completed = 2015-06-01 }]\n",
    ));
    assert_eq!(p.education[0].level, Level::Master);
}

#[test]
fn unknown_keys() {
    assert_eq!(
        one("nmae = \"N\"\nname = \"N\"\n"),
        (
            1,
            1,
            "unknown key `nmae` in the profile".into(),
            help("did you mean `name`?")
        )
    );
    assert_eq!(
        one(&with(
            "[[employment]]\nstart = 2012-06-01\n[[employment]]\nstart = 2016-09-01\n  decison_making = true\n"
        )),
        (
            6,
            3,
            "unknown key `decison_making` in `[[employment]]` entry 2".into(),
            help("did you mean `decision_making`?")
        )
    );
    assert_eq!(
        one(&with(
            "[[exams]]\nid = \"cpim\"\npassed = 2020-01-01\nzzz = 1\n"
        )),
        (
            5,
            1,
            "unknown key `zzz` in `[[exams]]` entry 1".into(),
            help("expected one of `id`, `passed`")
        )
    );
    // a misspelt section is an unknown key at its header
    assert_eq!(
        one(&with("[[educaton]]\nlevel = \"master\"\n")),
        (
            2,
            3,
            "unknown key `educaton` in the profile".into(),
            help("did you mean `education`?")
        )
    );
    // a dotted key names its first part
    let (l, c, m, _) = one(&with(
        "[[training]]\nhours = 1\ncompleted = 2020-01-01\nx.y = 1\n",
    ));
    assert_eq!(
        (l, c, m.as_str()),
        (5, 1, "unknown key `x` in `[[training]]` entry 1")
    );
}

#[test]
fn missing_required_keys() {
    assert_eq!(
        one("id = \"x\"\n"),
        (
            1,
            1,
            "missing required key `name` in the profile".into(),
            help("add a line such as `name = \"Dana Whitfield\"`")
        )
    );
    assert_eq!(
        one(""),
        (
            1,
            1,
            "missing required key `name` in the profile".into(),
            help("add a line such as `name = \"Dana Whitfield\"`")
        )
    );
    assert_eq!(
        one(&with(
            "[[employment]]\nstart = 2012-06-01\n\n[[employment]]\ntitle = \"T\"\n"
        )),
        (
            5,
            1,
            "missing required key `start` in `[[employment]]` entry 2".into(),
            help("add a line such as `start = 2012-06-01`")
        )
    );
    let d = errs(&with("[[activities]]\ndescription = \"x\"\n"));
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "missing required key `date` in `[[activities]]` entry 1",
            "missing required key `certifications` in `[[activities]]` entry 1",
            "missing required key `category` in `[[activities]]` entry 1",
            "missing required key `units` in `[[activities]]` entry 1",
        ]
    );
    assert!(d.iter().all(|d| (d.line, d.column) == (Some(2), Some(1))));
    for (section, keys) in [
        ("education", "level completed"),
        ("training", "hours completed"),
        ("projects", "completed"),
        ("exams", "id passed"),
        ("certifications", "id earned"),
    ] {
        let d = errs(&with(&format!("[[{section}]]\n")));
        let missing: Vec<String> = keys
            .split(' ')
            .map(|k| format!("missing required key `{k}` in `[[{section}]]` entry 1"))
            .collect();
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, missing, "{section}");
    }
}

#[test]
fn wrong_types() {
    assert_eq!(
        one("name = 42\n"),
        (
            1,
            8,
            "expected a string for `name`, found an integer".into(),
            None
        )
    );
    assert_eq!(
        one(&with(
            "[[employment]]\nstart = 2012-06-01\npaid = \"yes\"\n"
        )),
        (
            4,
            8,
            "expected a boolean for `paid` in `[[employment]]` entry 1, found a string".into(),
            help("write `paid = true` or `paid = false`")
        )
    );
    assert_eq!(
        one(&with("targets = \"cmq-oe\"\n")),
        (
            2,
            11,
            "expected an array of strings for `targets`, found a string".into(),
            help("write it as a list: `targets = [\"cmq-oe\"]`")
        )
    );
    assert_eq!(
        one(&with("[[employment]]\nstart = 2012-06-01\ntags = 3\n")).3,
        help("write a list such as `tags = [\"project-leadership\"]`")
    );
    assert_eq!(
        one(&with("targets = [\"cmq-oe\", 3]\n")),
        (
            2,
            22,
            "expected a string for `targets`, found an integer".into(),
            None
        )
    );
    assert_eq!(
        one(&with("[education]\nlevel = \"master\"\n")),
        (
            2,
            1,
            "expected an array of tables for `education`, found a table".into(),
            help("write each entry under its own `[[education]]` header")
        )
    );
    assert_eq!(
        one(&with("exams = [1]\n")),
        (
            2,
            10,
            "expected a table in `exams`, found an integer".into(),
            help("write each entry under its own `[[exams]]` header")
        )
    );
    assert_eq!(
        one(&with(
            "[[certifications]]\nid = \"cpim\"\nearned = 2020-01-01\nrenewals = 2023-01-01\n"
        )),
        (
            5,
            12,
            "expected an array of dates for `renewals` in `[[certifications]]` entry 1, found a date"
                .into(),
            help("write it as a list: `renewals = [2023-01-01]`")
        )
    );
    assert_eq!(
        one(&with(
            "[[training]]\nhours = true\ncompleted = 2020-01-01\n"
        )),
        (
            3,
            9,
            "expected a number for `hours` in `[[training]]` entry 1, found a boolean".into(),
            help("write a decimal number such as `hours = 1.5`")
        )
    );
    let (_, _, m, _) = one("name = \"  \"\n");
    assert_eq!(m, "`name` is empty");
}

#[test]
fn dates() {
    // a string date is accepted
    let p = ok(&with("[[projects]]\ncompleted = \"2022-10-01\"\n"));
    assert_eq!(p.projects[0].completed, date(2022, 10, 1));
    let p = ok(&with(
        "[[certifications]]\nid = \"cpim\"\nearned = \"2020-02-29\"\nrenewals = [\"2021-01-01\", 2022-01-01]\n",
    ));
    assert_eq!(p.certifications[0].earned, date(2020, 2, 29));
    assert_eq!(
        p.certifications[0].renewals,
        [date(2021, 1, 1), date(2022, 1, 1)]
    );

    assert_eq!(
        one(&with("[[projects]]\ncompleted = 2022-10-01T10:00:00\n")),
        (
            3,
            13,
            "expected a date like `2016-09-01` for `completed` in `[[projects]]` entry 1, found a date-time".into(),
            help("give the day alone: `completed = 2022-10-01`")
        )
    );
    let (l, c, m, _) = one(&with("[[projects]]\ncompleted = 2022-10-01T10:00:00Z\n"));
    assert_eq!((l, c), (3, 13));
    assert!(m.ends_with("found a date-time"), "{m}");
    let (l, c, m, _) = one(&with("[[projects]]\ncompleted = 10:00:00\n"));
    assert_eq!((l, c), (3, 13));
    assert!(m.ends_with("found a time"), "{m}");
    assert_eq!(
        one(&with("[[projects]]\ncompleted = \"2023-02-30\"\n")),
        (
            3,
            13,
            "impossible date `2023-02-30` for `completed` in `[[projects]]` entry 1".into(),
            help("there is no such day in the calendar")
        )
    );
    assert_eq!(
        one(&with("[[projects]]\ncompleted = \"2023-2-3\"\n")),
        (
            3,
            13,
            "expected a date like `2016-09-01` for `completed` in `[[projects]]` entry 1, found `2023-2-3`".into(),
            help("write dates as `YYYY-MM-DD`, or `YYYY-MM` where only the month is known")
        )
    );
    // a bare impossible date is already a TOML error
    assert_eq!(
        one(&with("[[projects]]\ncompleted = 2023-02-30\n")),
        (
            3,
            13,
            "impossible date `2023-02-30`".into(),
            help("expected day between 01 and 28")
        )
    );
    assert_eq!(
        one(&with("[[projects]]\ncompleted = 2023-2-03\n")),
        (
            3,
            13,
            "invalid date `2023-2-03`".into(),
            help("expected a two-digit month (MM)")
        )
    );
}

#[test]
fn end_before_start() {
    assert_eq!(
        one(&with(
            "[[employment]]\nstart = 2016-09-01\nend = 2016-08-31\n"
        )),
        (
            4,
            7,
            "`end = 2016-08-31` is before `start = 2016-09-01` in `[[employment]]` entry 1".into(),
            help("a role ends on or after the day it starts")
        )
    );
    // a one-day role is fine
    ok(&with(
        "[[employment]]\nstart = 2016-09-01\nend = 2016-09-01\n",
    ));
}

fn activity(units: &str) -> String {
    with(&format!(
        "[[activities]]\ndate = 2021-05-10\ncertifications = [\"cmq-oe\"]\ncategory = \"giving-back\"\nunits = {units}\n"
    ))
}

#[test]
fn units_are_exact() {
    let units = |s: &str| ok(&activity(s)).activities[0].units.thousandths();
    assert_eq!(units("0.1"), 100);
    assert_eq!(units("1.5"), 1500);
    assert_eq!(units("2"), 2000);
    assert_eq!(units("\"1.5\""), 1500);
    assert_eq!(units("0.125"), 125);
    assert_eq!(units("1.2500"), 1250);
    assert_eq!(units("1_0.5"), 10500);
    assert_eq!(units("0x10"), 16000);
    assert_eq!(units("+3"), 3000);

    let at = |s: &str| {
        let (l, c, m, h) = one(&activity(s));
        assert_eq!((l, c), (6, 9), "{m}");
        (m, h)
    };
    assert_eq!(
        at("1.0005"),
        (
            "`units` in `[[activities]]` entry 1 has more than 3 decimal places: `1.0005`".into(),
            help("amounts are exact to a thousandth")
        )
    );
    assert_eq!(
        at("\"0.0001\"").0,
        "`units` in `[[activities]]` entry 1 has more than 3 decimal places: `0.0001`"
    );
    assert_eq!(
        at("0").0,
        "`units` in `[[activities]]` entry 1 must be more than zero, found `0`"
    );
    assert_eq!(
        at("0.000").0,
        "`units` in `[[activities]]` entry 1 must be more than zero, found `0.000`"
    );
    assert_eq!(
        at("-2").0,
        "`units` in `[[activities]]` entry 1 must be more than zero, found `-2`"
    );
    assert_eq!(
        at("1.5e2"),
        (
            "expected a decimal number like `1.5` for `units` in `[[activities]]` entry 1, found `1.5e2`".into(),
            help("write digits with at most one `.` and no exponent")
        )
    );
    assert_eq!(
        at("nan").0,
        "expected a decimal number like `1.5` for `units` in `[[activities]]` entry 1, found `nan`"
    );
    assert_eq!(
        at("\"lots\"").0,
        "expected a decimal number like `1.5` for `units` in `[[activities]]` entry 1, found `lots`"
    );
    assert_eq!(
        at("99999999999999999").0,
        "`units` in `[[activities]]` entry 1 is too large: `99999999999999999`"
    );
    // hours follow the same rules
    let (l, c, m, _) = one(&with("[[training]]\nhours = 0\ncompleted = 2020-01-01\n"));
    assert_eq!(
        (l, c, m.as_str()),
        (
            3,
            9,
            "`hours` in `[[training]]` entry 1 must be more than zero, found `0`"
        )
    );
    let p = ok(&with(
        "[[training]]\nhours = 7.25\ncompleted = 2020-01-01\n",
    ));
    assert_eq!(p.training[0].hours.thousandths(), 7250);
}

#[test]
fn unknown_level_and_kind() {
    assert_eq!(
        one(&with(
            "[[education]]\nlevel = \"bachelors\"\ncompleted = 2012-05-15\n"
        )),
        (
            3,
            9,
            "unknown education level `bachelors`".into(),
            help("did you mean `bachelor`?")
        )
    );
    assert_eq!(
        one(&with(
            "[[education]]\nlevel = \"phd\"\ncompleted = 2012-05-15\n"
        ))
        .3,
        help(
            "expected one of `secondary`, `trade-diploma`, `associate`, `bachelor`, `master`, `doctorate`"
        )
    );
    assert_eq!(
        one(&with(
            "[[employment]]\nstart = 2012-06-01\nkind = \"contracter\"\n"
        )),
        (
            4,
            8,
            "unknown employment kind `contracter`".into(),
            help("did you mean `contractor`?")
        )
    );
}

#[test]
fn unknown_ids() {
    assert_eq!(
        one(&with("[[exams]]\nid = \"cmq-eo\"\npassed = 2020-03-14\n")),
        (
            3,
            6,
            "unknown exam id `cmq-eo`".into(),
            help("did you mean `cmq-oe`?")
        )
    );
    assert_eq!(
        one(&with("[[exams]]\nid = \"zzzz\"\npassed = 2020-03-14\n")).3,
        help("the loaded rules define the exams `cmq-oe`, `cpim`, `cpim-part-1`, `cpim-part-2`")
    );
    assert_eq!(
        one(&with(
            "[[certifications]]\nid = \"cpim \"\nearned = 2020-01-01\n"
        )),
        (
            3,
            6,
            "unknown certification id `cpim `".into(),
            help("did you mean `cpim`?")
        )
    );
    assert_eq!(
        one(&with("targets = [\"cmq-oe\", \"CPIM\"]\n")),
        (
            2,
            22,
            "unknown certification id `CPIM`".into(),
            help("did you mean `cpim`?")
        )
    );
    assert_eq!(
        one(&with("targets = [\"pmp\"]\n")).3,
        help("the loaded rules define `cmq-oe`, `cpim`")
    );
    assert_eq!(
        one(&with(
            "[[activities]]\ndate = 2021-05-10\ncertifications = [\"cmq-eo\"]\ncategory = \"giving-back\"\nunits = 1\n"
        )),
        (
            4,
            19,
            "unknown certification id `cmq-eo`".into(),
            help("did you mean `cmq-oe`?")
        )
    );
    // with no rules at all
    let d = parse_toml(
        &with("targets = [\"cmq-oe\"]\n"),
        "p.toml",
        "p",
        &RuleSet::default(),
    )
    .unwrap_err();
    assert_eq!(d[0].help.as_deref(), Some("no rule file is loaded"));
}

#[test]
fn activity_categories() {
    let both = |category: &str| {
        with(&format!(
            "[[activities]]\ndate = 2021-05-10\ncertifications = [\"cmq-oe\", \"cpim\"]\ncategory = \"{category}\"\nunits = 1\n"
        ))
    };
    // `teaching` is a CPIM category only
    assert_eq!(
        one(&both("teaching")),
        (
            5,
            12,
            "category `teaching` is not defined by `cmq-oe`".into(),
            help("`cmq-oe` defines `employment`, `giving-back`, `professional-development`")
        )
    );
    // a category neither defines: one diagnostic per certification
    let d = errs(&both("profesional-development"));
    let got: Vec<(&str, Option<&str>)> = d
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "category `profesional-development` is not defined by `cmq-oe`",
                Some("did you mean `professional-development`?")
            ),
            (
                "category `profesional-development` is not defined by `cpim`",
                Some(
                    "`cpim` defines `continuing-education`, `exams`, `membership`, `service`, `teaching`"
                )
            ),
        ]
    );
    ok(&with(
        "[[activities]]\ndate = 2021-05-10\ncertifications = [\"cpim\"]\ncategory = \"teaching\"\nunits = 1\n",
    ));
    assert_eq!(
        one(&with(
            "[[activities]]\ndate = 2021-05-10\ncertifications = []\ncategory = \"teaching\"\nunits = 1\n"
        )),
        (
            4,
            18,
            "`certifications` in `[[activities]]` entry 1 is empty".into(),
            help(
                "list the held certifications the activity counts towards, such as `certifications = [\"cmq-oe\"]`"
            )
        )
    );
}

#[test]
fn duplicate_certifications() {
    let text = with(
        "[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\n\n\
         [[certifications]]\nid = \"cpim\"\nearned = 2020-04-01\n\n\
         [[certifications]]\nid = \"cmq-oe\"\nearned = 2023-04-01\n",
    );
    assert_eq!(
        one(&text),
        (
            11,
            6,
            "duplicate certification `cmq-oe` in `[[certifications]]` entry 3".into(),
            help("`cmq-oe` is already listed at line 3; record each renewal in its `renewals`")
        )
    );
}

#[test]
fn every_problem_is_reported_in_order() {
    let text = "\
nmae = \"Dana\"
targets = [\"cmq-eo\"]

[[employment]]
start = 2016-09-01
end = 2015-01-01
kind = \"intern\"

[[exams]]
id = \"cpim-part1\"
passed = \"2020-02-30\"

[[activities]]
date = 2021-05-10
certifications = [\"cmq-oe\"]
category = \"teaching\"
units = 1.0005
";
    let d = errs(text);
    let got: Vec<(usize, usize, &str)> = d
        .iter()
        .map(|d| {
            (
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, 1, "unknown key `nmae` in the profile"),
            (1, 1, "missing required key `name` in the profile"),
            (2, 12, "unknown certification id `cmq-eo`"),
            (
                6,
                7,
                "`end = 2015-01-01` is before `start = 2016-09-01` in `[[employment]]` entry 1"
            ),
            (7, 8, "unknown employment kind `intern`"),
            (10, 6, "unknown exam id `cpim-part1`"),
            (
                11,
                10,
                "impossible date `2020-02-30` for `passed` in `[[exams]]` entry 1"
            ),
            (16, 12, "category `teaching` is not defined by `cmq-oe`"),
            (
                17,
                9,
                "`units` in `[[activities]]` entry 1 has more than 3 decimal places: `1.0005`"
            ),
        ]
    );
    assert_eq!(d[2].help.as_deref(), Some("did you mean `cmq-oe`?"));
    assert_eq!(d[4].help.as_deref(), Some("did you mean `internship`?"));
    assert_eq!(d[5].help.as_deref(), Some("did you mean `cpim-part-1`?"));
    for d in &d {
        assert!(!d.message.ends_with('.'), "{}", d.message);
        assert!(!d.message.starts_with(char::is_uppercase), "{}", d.message);
    }
}

#[test]
fn syntax_errors() {
    assert_eq!(
        one("name = \"N\"\nname = \"M\"\n"),
        (2, 1, "duplicate key `name`".into(), None)
    );
    // an unterminated string is reported where it is, not at a later error
    let (l, c, m, h) = one("name = \"N\nid = 3\n");
    assert_eq!((l, c), (1, 10), "{m}");
    assert_eq!(m, "invalid basic string");
    assert_eq!(h, help("expected `\"`"));
    let (l, c, m, _) = one("name = \"N\"\nx = \n");
    assert_eq!((l, c), (2, 5));
    assert!(m.starts_with("string values must be quoted"), "{m}");
}

#[test]
fn byte_order_mark() {
    let p = ok(&format!("\u{feff}{EXAMPLE}"));
    assert_eq!(p.name, "Dana Whitfield");
    assert_eq!(
        one("\u{feff}name = 1\n"),
        (
            1,
            8,
            "expected a string for `name`, found an integer".into(),
            None
        )
    );
}

#[test]
fn crlf_line_endings() {
    let p = ok(&EXAMPLE.replace('\n', "\r\n"));
    assert_eq!(p, ok(EXAMPLE));
    let text = "name = \"N\"\r\n[[employment]]\r\nstart = 2016-09-01\r\nend = 2015-01-01\r\n";
    let (l, c, _, _) = one(text);
    assert_eq!((l, c), (4, 7));
}

#[test]
fn load_file_reads_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("C-7.toml");
    std::fs::write(&path, "name = \"N\"\n").unwrap();
    let p = load_file(&path, rules()).unwrap();
    assert_eq!(p.id, "C-7");

    std::fs::write(&path, "name = 1\n").unwrap();
    match load_file(&path, rules()) {
        Err(Error::Profile(d)) => assert_eq!(d[0].location(), format!("{}:1:8", path.display())),
        other => panic!("{other:?}"),
    }

    std::fs::write(&path, b"name = \"N\"\nid = \"\xff\"\n").unwrap();
    match load_file(&path, rules()) {
        Err(Error::Profile(d)) => {
            assert_eq!(d.len(), 1);
            assert_eq!(
                d[0].message,
                format!("`{}` is not valid UTF-8 text", path.display())
            );
            assert_eq!((d[0].line, d[0].column), (Some(2), Some(7)));
        }
        other => panic!("{other:?}"),
    }

    match load_file(&dir.path().join("missing.toml"), rules()) {
        Err(Error::Read { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn line_index_matches_line_col() {
    let text = "a = 1\r\nbé = \"ü\"\n\nlast";
    let mut lines = Lines::new(text);
    for offset in 0..=text.len() + 2 {
        assert_eq!(
            lines.line_col(offset),
            crate::error::line_col(text, offset),
            "{offset}"
        );
    }
}

/// What the loader made of `text`: a profile only from TOML with a
/// `name` string (the profile's name), else problems that each name the
/// file and say where, in order.
fn read_or_located(text: &str) -> Result<(), TestCaseError> {
    match load(text) {
        Ok(p) => {
            let table: toml::Table = toml::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
                .map_err(|e| {
                    TestCaseError::fail(format!("read {text:?}, which is not TOML: {e}"))
                })?;
            prop_assert_eq!(
                table.get("name").and_then(|n| n.as_str()),
                Some(p.name.as_str())
            );
        }
        Err(d) => {
            prop_assert!(!d.is_empty());
            let lines = text.split('\n').count();
            for d in &d {
                prop_assert_eq!(&d.file, "p.toml");
                prop_assert!(
                    d.line.is_some_and(|l| l >= 1 && l <= lines),
                    "{d:?} in {text:?}"
                );
                prop_assert!(d.column.is_some_and(|c| c >= 1), "{d:?}");
            }
            let positions: Vec<_> = d.iter().map(|d| (d.line, d.column)).collect();
            let mut sorted = positions.clone();
            sorted.sort();
            prop_assert_eq!(positions, sorted);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn random_text_is_read_or_refused_where_it_goes_wrong(text in "\\PC{0,200}") {
        read_or_located(&text)?;
    }

    #[test]
    fn random_bytes_are_read_as_their_text_or_refused_as_not_utf8(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let text = String::from_utf8_lossy(&bytes);
        read_or_located(&text)?;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, &bytes).unwrap();
        let from_file = load_file(&path, rules());
        match std::str::from_utf8(&bytes) {
            // the same as the text, but for the id from the file's name
            Ok(text) => match (from_file, load(text)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a.name, b.name),
                (Err(Error::Profile(a)), Err(b)) => {
                    let messages = |d: &[Diagnostic]| -> Vec<(Option<usize>, Option<usize>, String)> {
                        d.iter().map(|d| (d.line, d.column, d.message.clone())).collect()
                    };
                    prop_assert_eq!(messages(&a), messages(&b));
                }
                (a, b) => prop_assert!(false, "from the file {a:?}, from the text {b:?}"),
            },
            Err(e) => {
                let Err(Error::Profile(d)) = from_file else {
                    return Err(TestCaseError::fail(format!("not UTF-8, yet {from_file:?}")));
                };
                prop_assert_eq!(d.len(), 1);
                prop_assert_eq!(&d[0].message, &format!("`{}` is not valid UTF-8 text", path.display()));
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap();
                let good = good.strip_prefix('\u{feff}').unwrap_or(good);
                let (line, column) = crate::error::line_col(good, good.len());
                prop_assert_eq!((d[0].line, d[0].column), (Some(line), Some(column)));
            }
        }
    }

    #[test]
    fn a_mutated_example_is_read_or_refused_where_it_goes_wrong(
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0..3u8, "[ -~\n]{0,8}"),
            1..6,
        )
    ) {
        let mut text = EXAMPLE.to_string();
        for (at, kind, s) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match kind {
                0 => text.insert_str(i, &s),
                1 => {
                    let mut end = (i + s.len()).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(i..end, "");
                }
                _ => {
                    let mut end = (i + s.len()).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(i..end, &s);
                }
            }
        }
        read_or_located(&text)?;
    }

    #[test]
    fn line_index_agrees(text in "[a\\n\\ré\u{1F600}]{0,40}", offset in 0usize..200) {
        prop_assert_eq!(Lines::new(&text).line_col(offset), crate::error::line_col(&text, offset));
    }
}

#[test]
fn month_dates_are_read_as_semantics_md_says() {
    use crate::profile::model::MonthField;
    let p = ok(&with(
        "[[education]]\nlevel = \"bachelor\"\ncompleted = \"2012-02\"\n\
         [[employment]]\ntitle = \"QM\"\nstart = \"2012-02\"\nend = \"2016-02\"\n\
         [[training]]\nhours = 35\ncompleted = \"2019-04\"\n\
         [[projects]]\ncompleted = \"2022-12\"\n\
         [[exams]]\nid = \"cmq-oe\"\npassed = \"2021-02\"\n\
         [[certifications]]\nid = \"cmq-oe\"\nearned = \"2020-02\"\n",
    ));
    // the month's last day, 29 February in a leap year
    assert_eq!(p.education[0].completed, date(2012, 2, 29));
    // a role covers whole months: its start month's first day, its end
    // month's last day (29 February 2016, a leap year)
    assert_eq!(p.employment[0].start, date(2012, 2, 1));
    assert_eq!(p.employment[0].end, Some(date(2016, 2, 29)));
    assert_eq!(p.training[0].completed, date(2019, 4, 30));
    assert_eq!(p.projects[0].completed, date(2022, 12, 31));
    // 28 February in a year without a 29th
    assert_eq!(p.exams[0].passed, date(2021, 2, 28));
    // earned: the month's first day
    assert_eq!(p.certifications[0].earned, date(2020, 2, 1));
    let fields: Vec<_> = p.month_dates.iter().map(|m| m.field).collect();
    assert_eq!(
        fields,
        [
            MonthField::EducationCompleted,
            MonthField::EmploymentStart,
            MonthField::EmploymentEnd,
            MonthField::TrainingCompleted,
            MonthField::ProjectsCompleted,
            MonthField::ExamsPassed,
            MonthField::CertificationsEarned,
        ]
    );
    let exam = &p.month_dates[5];
    assert_eq!(
        (exam.of.as_str(), exam.month.as_str(), exam.entry),
        ("cmq-oe", "2021-02", 1)
    );
    assert_eq!(
        (exam.read_as, exam.other_end),
        (date(2021, 2, 28), date(2021, 2, 1))
    );
    let role = &p.month_dates[1];
    assert_eq!(
        (role.read_as, role.other_end),
        (date(2012, 2, 1), date(2012, 2, 29))
    );
    assert_eq!(p.month_dates[6].other_end, date(2020, 2, 29));
    // a profile with days only has none
    assert!(ok(EXAMPLE).month_dates.is_empty());
}

#[test]
fn malformed_months_and_months_without_a_day_where_one_is_needed_are_errors() {
    assert_eq!(
        one(&with("[[exams]]\nid = \"cmq-oe\"\npassed = \"2013-13\"\n")),
        (
            4,
            10,
            "impossible month `2013-13` for `passed` in `[[exams]]` entry 1".into(),
            help("write the month as `YYYY-MM`, from `01` to `12`, e.g. `2016-09`")
        )
    );
    assert_eq!(
        one(&with("[[exams]]\nid = \"cmq-oe\"\npassed = \"2013-00\"\n")).2,
        "impossible month `2013-00` for `passed` in `[[exams]]` entry 1"
    );
    assert_eq!(
        one(&with("[[exams]]\nid = \"cmq-oe\"\npassed = \"2013-3\"\n")),
        (
            4,
            10,
            "expected a date like `2016-09-01` for `passed` in `[[exams]]` entry 1, found `2013-3`"
                .into(),
            help("write dates as `YYYY-MM-DD`, or `YYYY-MM` where only the month is known")
        )
    );
    assert_eq!(
        one(&with(
            "[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\nrenewals = [\"2023-03\"]\n"
        )),
        (
            5,
            13,
            "`renewals` in `[[certifications]]` entry 1 needs the exact day, found the month `2023-03`".into(),
            help("renewals and activities always carry the day: write `YYYY-MM-DD`")
        )
    );
    let (l, c, m, _) = one(&with(
        "[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\n\
         [[activities]]\ndate = \"2021-05\"\ncertifications = [\"cmq-oe\"]\n\
         category = \"professional-development\"\nunits = 1\n",
    ));
    assert_eq!((l, c), (6, 8));
    assert_eq!(
        m,
        "`date` in `[[activities]]` entry 1 needs the exact day, found the month `2021-05`"
    );
}

#[test]
fn an_unquoted_month_is_a_syntax_error_that_says_to_quote_it() {
    assert_eq!(
        one(&with("[[employment]]\nstart = 2013-03\n")),
        (
            3,
            9,
            "invalid date `2013-03`".into(),
            help("where only the month is known, write it as a string: `\"2013-03\"`")
        )
    );
}
