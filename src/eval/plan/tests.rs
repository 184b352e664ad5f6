//! Plans on the built-in rules and a hand-built PMP-like rule, with exact
//! days.

use std::path::Path;

use super::*;
use crate::profile;
use crate::rules::model::{Citation, Edition, ExamPath, PrereqPath, Requirement, RoleFilter};

fn rules() -> &'static RuleSet {
    crate::test_support::builtin_rules()
}

fn load(toml: &str, rules: &RuleSet) -> Profile {
    profile::parse_bytes(toml.as_bytes(), Path::new("p.toml"), rules).unwrap()
}

const AS_OF: Date = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

fn only(rules: &RuleSet, p: &Profile, id: &str) -> Plan {
    let mut plans = plan(rules, p, AS_OF, &Selection::Only(vec![id.into()]));
    assert_eq!(plans.len(), 1);
    plans.remove(0)
}

fn lines(p: &Plan) -> Vec<String> {
    p.options
        .iter()
        .map(|o| {
            let words: Vec<String> = o.changes.iter().map(Change::describe).collect();
            format!("{} {}", o.on, words.join(" + "))
        })
        .collect()
}

#[test]
fn keep_the_role_or_finish_a_degree() {
    // decision-making since 2018-01-01, no degree: 10 years on 2027-12-31;
    // an associate degree (8 years needed) brings it to tomorrow, and a
    // higher degree is no sooner; a trade diploma (9 years, 3287 days) to
    // 2026-12-31, with the role going on
    let r = rules();
    let p = load(
        r#"
name = "Noor"
targets = ["cmq-oe"]
[[employment]]
title = "Quality Manager"
employer = "Acme"
start = 2018-01-01
decision_making = true
"#,
        r,
    );
    let plan = only(r, &p, "cmq-oe");
    assert_eq!(plan.goal, Goal::Eligible);
    assert_eq!(
        lines(&plan),
        [
            "2026-11-26 complete an associate degree by 2026-11-26",
            "2026-12-31 keep your current decision-making role (Quality Manager at Acme) until 2026-12-31 + complete a trade diploma by 2026-12-31",
            "2027-12-31 keep your current decision-making role (Quality Manager at Acme) until 2027-12-31",
        ]
    );
    // the option's own --assume values reproduce its day
    assert_eq!(plan.options[0].assume, ["degree=associate@2026-11-26"]);
}

#[test]
fn a_decision_making_role_when_the_current_one_is_not() {
    // not decision-making since 2010, a bachelor's degree: the total is met;
    // 5 years of decision-making from tomorrow (2026-11-26) end on
    // 2031-11-25 (1826 days)
    let r = rules();
    let p = load(
        r#"
name = "Ravi"
targets = ["cmq-oe"]
[[education]]
level = "bachelor"
completed = 2009-06-01
[[employment]]
title = "Quality Engineer"
start = 2010-01-01
"#,
        r,
    );
    let plan = only(r, &p, "cmq-oe");
    assert_eq!(
        lines(&plan),
        ["2031-11-25 take a full-time, paid decision-making role from 2026-11-26 and keep it"]
    );
    assert_eq!(plan.options[0].assume, ["role=decision-making@2026-11-26"]);
}

#[test]
fn a_degree_and_a_role_together_beat_each_alone() {
    // 3 years of decision-making, then a plain role: the total and the
    // decision-making years are short, and there is no degree
    let r = rules();
    let p = load(
        r#"
name = "Kim"
targets = ["cmq-oe"]
[[employment]]
title = "Analyst"
start = 2020-01-01
end = 2022-12-31
decision_making = true
[[employment]]
title = "Planner"
start = 2023-01-01
"#,
        r,
    );
    // now: 2522 days in all (2020-01-01 .. 2026-11-25), 1096 of them
    // decision-making. Keeping the plain role never makes decision-making.
    // A decision-making role from 2026-11-26: 730 more days end on
    // 2028-11-24; the total (10 y = 3652 days) is reached on 2029-12-30,
    // with a trade diploma (9 y = 3287) on 2028-12-30, and with an
    // associate degree (8 y = 2922) on 2027-12-31, so that the
    // decision-making count is last, on 2028-11-24. Higher degrees are no
    // sooner.
    let plan = only(r, &p, "cmq-oe");
    let role = "take a full-time, paid decision-making role from 2026-11-26 and keep it";
    assert_eq!(
        lines(&plan),
        [
            format!("2028-11-24 complete an associate degree by 2028-11-24 + {role}"),
            format!("2028-12-30 complete a trade diploma by 2028-12-30 + {role}"),
            format!("2029-12-30 {role}"),
        ]
    );
    assert_eq!(
        plan.options[0].assume,
        [
            "degree=associate@2028-11-24",
            "role=decision-making@2026-11-26"
        ]
    );
}

#[test]
fn the_exam_when_eligible() {
    // Dana holds CMQ/OE and targets CPIM (no prerequisites; Part 1 passed,
    // Part 2 withdrawn): pass the single CPIM exam
    let r = rules();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/dana.toml"))
        .unwrap();
    let p = load(&text, r);
    let plans = plan(r, &p, AS_OF, &Selection::Default);
    assert_eq!(plans.len(), 1, "the held CMQ/OE has no plan");
    assert_eq!(plans[0].goal, Goal::RequirementsMet);
    assert_eq!(
        lines(&plans[0]),
        [
            "2026-11-26 pass `cpim` at the next sitting you can book; the goal is reached the day you pass"
        ]
    );
    assert!(plans[0].options[0].on_passing());
    assert_eq!(plans[0].options[0].assume, ["exam=cpim@2026-11-26"]);
}

fn cite() -> Citation {
    Citation {
        source: "https://example.org".into(),
        confirmed: true,
        note: None,
    }
}

/// PMP-like: 36 months of led projects within 8 years with a bachelor's
/// degree, 60 without; 35 training hours.
fn pmp() -> Rule {
    let led = RoleFilter {
        tags: vec!["project-leadership".into()],
        ..RoleFilter::default()
    };
    let exp = |m| RequirementKind::Experience {
        counting: crate::rules::model::Counting::Days,
        months: m,
        roles: led.clone(),
        lookback_years: Some(8),
        waivers: vec![],
    };
    let req = |id: &str, kind| Requirement {
        met_by: vec![],
        id: id.into(),
        name: id.into(),
        kind,
        citation: cite(),
    };
    Rule {
        held_for_life: None,
        id: "pmp".into(),
        name: "PMP".into(),
        issuer: "T".into(),
        edition: Edition::default(),
        requirements: vec![
            req(
                "degree",
                RequirementKind::Degree {
                    tags: vec![],
                    level: Level::Bachelor,
                },
            ),
            req("experience-36", exp(36)),
            req("experience-60", exp(60)),
            req(
                "training",
                RequirementKind::Training {
                    hours: "35".parse().unwrap(),
                },
            ),
        ],
        paths: vec![
            PrereqPath {
                id: "with-degree".into(),
                name: "With a degree".into(),
                requires: vec!["degree".into(), "experience-36".into(), "training".into()],
            },
            PrereqPath {
                id: "without-degree".into(),
                name: "Without a degree".into(),
                requires: vec!["experience-60".into(), "training".into()],
            },
        ],
        exams: vec![],
        exam_paths: vec![ExamPath {
            id: "exam".into(),
            name: "Exam".into(),
            exams: vec!["pmp".into()],
            within: None,
            valid: None,
            for_holders_of: vec![],
            citation: cite(),
        }],
        recertification: None,
        origin: "test".into(),
    }
}

#[test]
fn training_hours_and_a_degree_for_a_pmp_like_rule() {
    let mut r = vec![pmp()];
    r[0].exams = vec![crate::rules::model::Exam {
        id: "pmp".into(),
        name: "PMP".into(),
        offered_from: None,
        offered_to: None,
        citation: cite(),
    }];
    let r = RuleSet::from_rules(r);
    // led projects since 2022-01-01 (ongoing), 20 training hours
    let p = load(
        r#"
name = "Lee"
targets = ["pmp"]
[[employment]]
title = "Project Lead"
start = 2022-01-01
tags = ["project-leadership"]
[[training]]
hours = 20
completed = 2025-03-01
"#,
        &r,
    );
    let plan = only(&r, &p, "pmp");
    // with a bachelor's: 36 months (1095 days) were reached long ago, so
    // degree + 15 hours tomorrow; without: 60 months (1826 days) from
    // 2022-01-01 are reached on 2026-12-31, + 15 hours by then
    assert_eq!(
        lines(&plan),
        [
            "2026-11-26 complete a bachelor's degree by 2026-11-26 + complete 15 more training hours by 2026-11-26",
            "2026-12-31 keep your current role (Project Lead) until 2026-12-31 + complete 15 more training hours by 2026-12-31",
        ]
    );
    assert_eq!(plan.options[1].assume, ["training=15@2026-12-31"]);
}

#[test]
fn options_come_soonest_first_then_fewest_changes() {
    let r = rules();
    for text in [
        "name = \"A\"\ntargets = [\"cmq-oe\"]\n[[employment]]\nstart = 2019-03-04\n",
        "name = \"B\"\ntargets = [\"cmq-oe\"]\n[[employment]]\nstart = 2017-03-04\nend = 2020-01-01\ndecision_making = true\n[[employment]]\nstart = 2020-01-02\n",
        "name = \"C\"\ntargets = [\"cmq-oe\"]\n[[education]]\nlevel = \"associate\"\ncompleted = 2001-01-01\n[[employment]]\nstart = 2021-05-06\ndecision_making = true\n",
    ] {
        let p = load(text, r);
        let plan = only(r, &p, "cmq-oe");
        assert!(!plan.options.is_empty(), "{text}");
        // each option's `--assume` values reproduce its day: see
        // cli::assume's tests, which read them
        // soonest first, then fewest changes
        let keys: Vec<(Date, usize)> = plan
            .options
            .iter()
            .map(|o| (o.on, o.changes.len()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}

/// PMP as issue 14 has it: calendar months in an 8-year window; 24 months
/// with a GAC-accredited bachelor's, 36 with any bachelor's, 60 with a
/// secondary diploma; 35 training hours or a CAPM.
fn pmp_2021() -> RuleSet {
    let text = r#"id = "pmp"
name = "PMP"
issuer = "T"
[edition]
name = "2021"
[[requirement]]
id = "degree-gac"
name = "GAC degree"
kind = "degree"
level = "bachelor"
tags = ["gac-accredited"]
source = "https://example.org/p"
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/p"
[[requirement]]
id = "secondary"
name = "Secondary"
kind = "degree"
level = "secondary"
source = "https://example.org/p"
[[requirement]]
id = "experience-24"
name = "24 months"
kind = "experience"
months = 24
lookback_years = 8
counting = "calendar-months"
roles = { tags = ["project-leadership"] }
source = "https://example.org/p"
[[requirement]]
id = "experience-36"
name = "36 months"
kind = "experience"
months = 36
lookback_years = 8
counting = "calendar-months"
roles = { tags = ["project-leadership"] }
source = "https://example.org/p"
[[requirement]]
id = "experience-60"
name = "60 months"
kind = "experience"
months = 60
lookback_years = 8
counting = "calendar-months"
roles = { tags = ["project-leadership"] }
source = "https://example.org/p"
[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = ["capm"]
source = "https://example.org/p"
[[path]]
id = "gac"
name = "GAC"
requires = ["degree-gac", "experience-24", "training"]
[[path]]
id = "bachelor"
name = "Bachelor"
requires = ["degree", "experience-36", "training"]
[[path]]
id = "secondary"
name = "Secondary"
requires = ["secondary", "experience-60", "training"]
[[exam]]
id = "pmp"
name = "PMP"
source = "https://example.org/p"
[[exam_path]]
id = "exam"
name = "Exam"
exams = ["pmp"]
source = "https://example.org/p"
"#;
    let capm = "id = \"capm\"\nname = \"CAPM\"\nissuer = \"T\"\n[edition]\nname = \"1\"\n";
    let parse = |t: &str| crate::rules::load::parse_rule(t, "t.toml").unwrap();
    RuleSet::from_rules(vec![parse(text), parse(capm)])
}

#[test]
fn a_plan_suggests_the_degree_with_the_tags_the_rule_asks_for() {
    let r = pmp_2021();
    // a secondary diploma, led projects since 2024-06-01 (30 calendar
    // months on 2026-11-25), a CAPM in place of the training
    let p = load(
        r#"
name = "Kim"
targets = ["pmp"]
[[education]]
level = "secondary"
completed = 2010-06-30
[[employment]]
title = "Project Lead"
start = 2024-06-01
tags = ["project-leadership"]
[[certifications]]
id = "capm"
earned = 2023-01-10
"#,
        &r,
    );
    let plan = only(&r, &p, "pmp");
    assert_eq!(plan.goal, Goal::Eligible);
    // a GAC-accredited bachelor's: 24 months already counted; any
    // bachelor's: the 36th month is May 2027; none: the 60th is May 2029.
    // No option asks for training: the CAPM meets it.
    assert_eq!(
        lines(&plan),
        [
            "2026-11-26 complete a bachelor's degree tagged `gac-accredited` by 2026-11-26",
            "2027-05-01 keep your current role (Project Lead) until 2027-05-01 + complete a bachelor's degree by 2027-05-01",
            "2029-05-01 keep your current role (Project Lead) until 2029-05-01",
        ]
    );
    assert_eq!(
        plan.options[0].assume,
        ["degree=bachelor+gac-accredited@2026-11-26"]
    );
    // each option reaches eligibility on its day with its assumptions
    for o in &plan.options {
        let mut assumed = Assumed::default();
        for c in &o.changes {
            if let Change::Degree { level, tags, by } = c {
                assumed.push(
                    &Assumption::Degree {
                        level: *level,
                        tags: tags.clone(),
                        completed: *by,
                    },
                    &[],
                );
            }
        }
        let sel = Selection::Only(vec!["pmp".into()]);
        let day = whatif::evaluate_assuming(&r, &p, AS_OF, &sel, &assumed);
        let m = milestones(&r, &p, AS_OF, &assumed, &day.results[0]);
        assert_eq!(m.eligible_on, Some(o.on), "{:?}", o.changes);
    }
}

#[test]
fn without_the_capm_the_plan_asks_for_the_training_hours() {
    let r = pmp_2021();
    let p = load(
        r#"
name = "Kim"
targets = ["pmp"]
[[education]]
level = "bachelor"
tags = ["gac-accredited"]
completed = 2010-06-30
[[employment]]
title = "Project Lead"
start = 2024-06-01
tags = ["project-leadership"]
"#,
        &r,
    );
    let plan = only(&r, &p, "pmp");
    assert_eq!(
        lines(&plan),
        ["2026-11-26 complete 35 more training hours by 2026-11-26"]
    );
}
