//! What-if on the built-in rules, with exact expected days.

use std::path::Path;

use super::*;
use crate::dates::date;
use crate::eval::evaluate;
use crate::profile;
use crate::rules::model::Level;

/// The built-in rules, loaded once: reports borrow from them.
fn rules() -> &'static RuleSet {
    crate::test_support::builtin_rules()
}

fn load(toml: &str) -> Profile {
    profile::parse_bytes(toml.as_bytes(), Path::new("p.toml"), rules()).unwrap()
}

fn degree(level: &str, completed: Date) -> Assumption {
    Assumption::Degree {
        tags: vec![],
        level: Level::from_id(level).unwrap(),
        completed,
    }
}

fn role(decision_making: bool, start: Date) -> Assumption {
    Assumption::Role {
        decision_making,
        tags: vec![],
        start,
    }
}

fn exam(id: &str, passed: Date) -> Assumption {
    Assumption::Exam {
        id: id.into(),
        passed,
    }
}

fn activity(category: &str, units: &str, date: Date) -> Assumption {
    Assumption::Activity {
        category: category.into(),
        units: units.parse().unwrap(),
        date,
    }
}

fn cmq(p: &Profile, on: Date, assumptions: &[Assumption]) -> Comparison {
    let w = what_if(
        rules(),
        p,
        on,
        &Selection::Only(vec!["cmq-oe".into()]),
        assumptions,
    )
    .unwrap();
    w.comparisons.into_iter().next().unwrap()
}

const AS_OF: Date = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

/// Decision-making since 2018-01-01, no degree: 10 years are reached on
/// 2027-12-31; with a master's degree 5 years would do, and are there.
fn no_degree() -> Profile {
    load(
        r#"
name = "Noor"
targets = ["cmq-oe"]
[[employment]]
title = "Quality Manager"
start = 2018-01-01
decision_making = true
"#,
    )
}

/// Not decision-making since 2010, with a bachelor's degree: the total is
/// met, decision-making never will be in this role.
fn no_decision_making() -> Profile {
    load(
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
    )
}

#[test]
fn a_master_assumed_after_the_as_of_date_projects_to_its_day() {
    let p = no_degree();
    let c = cmq(&p, AS_OF, &[degree("master", date(2027, 6, 1))]);
    assert_eq!(c.baseline.status, Status::NotEligible);
    assert_eq!(c.baseline.eligible_on, Some(date(2027, 12, 31)));
    // on the as-of date nothing changes: the degree is not there yet
    assert_eq!(c.assumed.status, Status::NotEligible);
    assert_eq!(c.assumed.eligible_on, Some(date(2027, 6, 1)));
    // no exam passed: the day it could be awarded stays unknown
    assert_eq!(c.assumed.requirements_met_on, None);
    assert_eq!(c.changed, ["eligible_on", "experience"]);
    // a bachelor's (4 years off: 6 needed) does as well; so does an
    // associate degree (2 off: 8 needed, 8 y 10 m counted)
    for level in ["bachelor", "associate", "doctorate"] {
        let c = cmq(&p, AS_OF, &[degree(level, date(2027, 6, 1))]);
        assert_eq!(c.assumed.eligible_on, Some(date(2027, 6, 1)), "{level}");
    }
    // a trade diploma takes 1 year off (9 needed, 3287 days), counted since
    // 2018-01-01 by 2026-12-31: eligible on its day if completed by then,
    // on 2026-12-31 if completed before
    let c = cmq(&p, AS_OF, &[degree("trade-diploma", date(2027, 6, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2027, 6, 1)));
    let c = cmq(&p, AS_OF, &[degree("trade-diploma", date(2026, 12, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2026, 12, 31)));
    // a degree after the day time alone gets there changes nothing
    let c = cmq(&p, AS_OF, &[degree("master", date(2028, 3, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2027, 12, 31)));
    assert!(!c.changed.contains(&"eligible_on".to_string()));
}

#[test]
fn a_degree_assumed_in_the_past_counts_on_the_as_of_date() {
    let p = no_degree();
    let c = cmq(&p, AS_OF, &[degree("master", date(2020, 6, 1))]);
    assert_eq!(c.assumed.status, Status::Eligible);
    // 5 years of decision-making are reached on 2022-12-31
    assert_eq!(c.assumed.eligible_on, Some(date(2022, 12, 31)));
    assert_eq!(c.changed[0], "status");
}

#[test]
fn a_decision_making_role_assumed_from_a_day_reaches_1826_days() {
    let p = no_decision_making();
    let c = cmq(&p, AS_OF, &[role(true, date(2027, 1, 1))]);
    assert_eq!(c.baseline.eligible_on, None);
    // 2027-01-01 .. 2031-12-31 are 1826 days
    assert_eq!(c.assumed.eligible_on, Some(date(2031, 12, 31)));
    // the decision-making requirement alone, as its met_on
    let w = what_if(
        rules(),
        &p,
        AS_OF,
        &Selection::Only(vec!["cmq-oe".into()]),
        &[role(true, date(2027, 1, 1))],
    )
    .unwrap();
    let dm = w.assumed.results[0]
        .requirements
        .iter()
        .find(|q| q.id == "decision-making")
        .unwrap();
    assert_eq!(dm.met_on, Some(date(2031, 12, 31)));
}

#[test]
fn earlier_decision_making_days_count_with_the_new_role() {
    // 2012-01-01 .. 2014-12-31: 1096 days of decision-making; 730 more
    // from 2027-01-01 end on 2028-12-30
    let p = load(
        r#"
name = "Ravi"
targets = ["cmq-oe"]
[[education]]
level = "bachelor"
completed = 2009-06-01
[[employment]]
title = "Quality Lead"
start = 2012-01-01
end = 2014-12-31
decision_making = true
[[employment]]
title = "Quality Engineer"
start = 2015-01-01
"#,
    );
    let c = cmq(&p, AS_OF, &[role(true, date(2027, 1, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2028, 12, 30)));
}

#[test]
fn a_new_plain_role_ends_a_decision_making_one() {
    // Sam-like: decision-making since 2023-01-09, reached 5 years on
    // 2028-01-08; a plain role from 2027-01-01 stops that
    let p = load(
        r#"
name = "Sam"
targets = ["cmq-oe"]
[[education]]
level = "associate"
completed = 2014-06-10
[[employment]]
title = "Quality Technician"
start = 2014-07-01
end = 2023-01-08
[[employment]]
title = "Production Supervisor"
start = 2023-01-09
decision_making = true
"#,
    );
    let c = cmq(&p, AS_OF, &[]);
    assert_eq!(c.baseline.eligible_on, Some(date(2028, 1, 8)));
    assert_eq!(c.assumed, c.baseline);
    assert!(c.changed.is_empty());
    let c = cmq(&p, AS_OF, &[role(false, date(2027, 1, 1))]);
    assert_eq!(c.assumed.eligible_on, None);
    // and a decision-making one from the same day keeps the count going
    let c = cmq(&p, AS_OF, &[role(true, date(2027, 1, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2028, 1, 8)));
}

#[test]
fn an_assumed_exam_sets_the_day_the_requirements_are_met() {
    let p = no_degree();
    // with a master's degree in the past the person is eligible now
    let c = cmq(
        &p,
        AS_OF,
        &[
            degree("master", date(2020, 6, 1)),
            exam("cmq-oe", date(2027, 3, 1)),
        ],
    );
    assert_eq!(c.assumed.status, Status::Eligible);
    assert_eq!(c.assumed.requirements_met_on, Some(date(2027, 3, 1)));
    assert_eq!(c.baseline.requirements_met_on, None);
    // before eligibility: the later of the two days
    let c = cmq(&p, AS_OF, &[exam("cmq-oe", date(2027, 3, 1))]);
    assert_eq!(c.assumed.eligible_on, Some(date(2027, 12, 31)));
    assert_eq!(c.assumed.requirements_met_on, Some(date(2027, 12, 31)));
    // an exam in the past, when eligible: requirements met now
    let c = cmq(
        &p,
        AS_OF,
        &[
            degree("master", date(2020, 6, 1)),
            exam("cmq-oe", date(2026, 1, 10)),
        ],
    );
    assert_eq!(c.assumed.status, Status::RequirementsMet);
    assert_eq!(c.assumed.requirements_met_on, Some(AS_OF));
}

fn dana() -> Profile {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/dana.toml"))
        .unwrap();
    load(&text)
}

#[test]
fn assumed_activities_bring_the_renewal_ready_day() {
    // Dana: 8.5 of 18 RU counted on 2026-11-25
    let p = dana();
    let c = cmq(&p, AS_OF, &[]);
    assert_eq!(c.baseline.renewal_ready_on, None);
    let c = cmq(
        &p,
        AS_OF,
        &[activity("professional-development", "6", date(2027, 2, 1))],
    );
    assert_eq!(c.assumed.renewal_ready_on, None);
    let c = cmq(
        &p,
        AS_OF,
        &[
            activity("professional-development", "6", date(2027, 2, 1)),
            activity("giving-back", "3.5", date(2027, 5, 20)),
        ],
    );
    assert_eq!(c.assumed.renewal_ready_on, Some(date(2027, 5, 20)));
    assert_eq!(c.changed, ["renewal_ready_on"]);
    // after the cycle's end (2027-10-15) units belong to the next cycle
    let c = cmq(
        &p,
        AS_OF,
        &[activity(
            "professional-development",
            "9.5",
            date(2027, 10, 16),
        )],
    );
    assert_eq!(c.assumed.renewal_ready_on, None);
    let c = cmq(
        &p,
        AS_OF,
        &[activity(
            "professional-development",
            "9.5",
            date(2027, 10, 15),
        )],
    );
    assert_eq!(c.assumed.renewal_ready_on, Some(date(2027, 10, 15)));
    // dated on or before the as-of date, it counts now
    let c = cmq(
        &p,
        AS_OF,
        &[activity("giving-back", "9.5", date(2026, 11, 1))],
    );
    assert_eq!(c.assumed.renewal_ready_on, Some(AS_OF));
    assert!(c.changed.contains(&"recertification".to_string()));
}

#[test]
fn no_assumption_is_the_plain_evaluation() {
    for p in [dana(), no_degree(), no_decision_making()] {
        for on in [AS_OF, date(2030, 1, 1), date(2016, 5, 5)] {
            let plain = evaluate(rules(), &p, on, &Selection::Default);
            let assumed =
                evaluate_assuming(rules(), &p, on, &Selection::Default, &Assumed::default());
            assert_eq!(plain, assumed);
        }
    }
}

#[test]
fn unknown_ids_are_refused_against_the_rules() {
    let p = dana();
    let e = resolve(&[exam("cmq-eo", date(2027, 1, 1))], rules(), &p, AS_OF).unwrap_err();
    assert_eq!(e[0].assumption, exam("cmq-eo", date(2027, 1, 1)));
    assert!(
        matches!(&e[0].problem, Problem::UnknownExam { id, near: Some(n), known }
            if id == "cmq-eo" && n == "cmq-oe" && known.iter().any(|k| k == "cpim-part-2")),
        "{e:?}"
    );
    let giving_bak = activity("giving-bak", "1", date(2027, 1, 1));
    let e = resolve(std::slice::from_ref(&giving_bak), rules(), &p, AS_OF).unwrap_err();
    assert!(
        matches!(&e[0].problem, Problem::NoHolder { category, near: Some(n), held }
            if category == "giving-bak" && n == "giving-back" && held.iter().any(|h| h == "giving-back")),
        "{e:?}"
    );
    let giving_back = activity("giving-back", "1", date(2027, 1, 1));
    let e = resolve(&[giving_back], rules(), &no_degree(), AS_OF).unwrap_err();
    assert!(
        matches!(&e[0].problem, Problem::NoHolder { near: None, held, .. } if held.is_empty()),
        "{e:?}"
    );
}

#[test]
fn an_exam_no_longer_offered_is_noted() {
    let w = what_if(
        rules(),
        &dana(),
        AS_OF,
        &Selection::Default,
        &[exam("cpim-part-2", date(2027, 1, 10))],
    )
    .unwrap();
    assert_eq!(
        w.notes,
        [
            "exam `cpim-part-2` is offered only until 2024-02-01; a pass on 2027-01-10 is not possible"
        ]
    );
}
