//! What-if against a naive oracle: assumed degrees and roles count from
//! their own days, even after the as-of date; an assumed role ends the roles
//! still going on the day before it starts. The oracle marks every covered
//! day in an array and scans day by day.

use certcheck::dates::{Date, add_years, date, day_number, from_day_number};
use certcheck::eval::whatif::{Assumed, Assumption, evaluate_assuming};
use certcheck::eval::{Selection, Status, evaluate};
use certcheck::profile::Profile;
use certcheck::profile::model::Role;
use certcheck::rules::RuleSet;
use certcheck::rules::model::{Level, RoleKind};
use proptest::prelude::*;

use crate::common;
use common::oracle::{Oracle, arb_degree, counting_spans, degrees_by, rule, waiver_months};

/// The oracle for a profile with `assumed` facts: assumed degrees count
/// from their own day, and an assumed role ends the roles still going on
/// the day before it starts.
fn oracle(
    p: &Profile,
    as_of: Date,
    assumed: &[Assumption],
    lookback: Option<u32>,
    hi: i64,
) -> Oracle {
    let mut spans = counting_spans(p, as_of, hi);
    let mut new_roles: Vec<(i64, bool)> = assumed
        .iter()
        .filter_map(|x| match x {
            Assumption::Role {
                decision_making,
                start,
                ..
            } => Some((day_number(*start), *decision_making)),
            _ => None,
        })
        .collect();
    new_roles.sort_by_key(|r| r.0);
    for (start, dm) in new_roles {
        for sp in &mut spans {
            if sp.0 < start && sp.1 >= start {
                sp.1 = start - 1;
            }
        }
        spans.push((start, hi, dm));
    }
    let mut degrees = degrees_by(p, as_of);
    degrees.extend(assumed.iter().filter_map(|x| match x {
        Assumption::Degree {
            level, completed, ..
        } => Some((day_number(*completed), waiver_months(*level))),
        _ => None,
    }));
    Oracle::new(&spans, degrees, lookback, hi)
}

fn arb_role() -> impl Strategy<Value = Role> {
    (
        0i64..10_000,
        prop::option::weighted(0.7, 0i64..6_000),
        any::<bool>(),
        prop::bool::weighted(0.9),
        0usize..4,
    )
        .prop_map(|(start, len, dm, ft, kind)| {
            let s = from_day_number(day_number(date(2000, 1, 1)) + start);
            Role {
                employer: None,
                title: None,
                start: s,
                end: len.map(|l| from_day_number(day_number(s) + l)),
                decision_making: dm,
                full_time: ft,
                paid: true,
                kind: [
                    RoleKind::Employee,
                    RoleKind::Employee,
                    RoleKind::Contractor,
                    RoleKind::Internship,
                ][kind],
                tags: vec![],
            }
        })
}

/// An assumption dated `off` days from the as-of date (set later).
fn arb_assumption() -> impl Strategy<Value = (bool, usize, bool, i64)> {
    (
        any::<bool>(),
        0usize..Level::ALL.len(),
        any::<bool>(),
        -3_000i64..5_000,
    )
}

fn build(spec: &[(bool, usize, bool, i64)], as_of: Date) -> Vec<Assumption> {
    spec.iter()
        .map(|(degree, level, dm, off)| {
            let d = from_day_number(day_number(as_of) + off);
            if *degree {
                Assumption::Degree {
                    tags: vec![],
                    level: Level::ALL[*level],
                    completed: d,
                }
            } else {
                Assumption::Role {
                    decision_making: *dm,
                    tags: vec![],
                    start: d,
                }
            }
        })
        .collect()
}

/// What the oracle is compared with: the one result's status and day.
struct Judged {
    status: Status,
    eligible_on: Option<Date>,
}

fn judge(p: &Profile, as_of: Date, lookback: Option<u32>, assumed: &Assumed) -> Judged {
    let rules = RuleSet::from_rules(vec![rule(lookback)]);
    let rep = evaluate_assuming(
        &rules,
        p,
        as_of,
        &Selection::Only(vec!["x".into()]),
        assumed,
    );
    let r = rep.results.first().expect("one result");
    Judged {
        status: r.status,
        eligible_on: r.eligible_on,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn eligible_on_with_assumptions_matches_the_oracle(
        roles in prop::collection::vec(arb_role(), 0..4),
        degrees in prop::collection::vec(arb_degree(), 0..2),
        spec in prop::collection::vec(arb_assumption(), 0..3),
        as_of_off in 0i64..6_000,
        lookback in prop::option::weighted(0.3, 8u32..14),
    ) {
        let as_of = from_day_number(day_number(date(2012, 1, 1)) + as_of_off);
        let p = Profile { name: "p".into(), id: "p".into(), employment: roles, education: degrees, ..Profile::default() };
        let assumptions = build(&spec, as_of);
        let mut assumed = Assumed::default();
        for a in &assumptions {
            assumed.push(a, &[]);
        }
        let hi = day_number(add_years(as_of, 40));
        let o = oracle(&p, as_of, &assumptions, lookback, hi);
        let r = judge(&p, as_of, lookback, &assumed);
        let a = day_number(as_of);
        if o.met(a) {
            prop_assert_eq!(r.status, Status::RequirementsMet);
            let mut d = a;
            while d > o.lo && o.met(d - 1) { d -= 1; }
            prop_assert_eq!(r.eligible_on, Some(from_day_number(d)));
        } else {
            prop_assert_eq!(r.status, Status::NotEligible);
            let first = (a + 1..=hi).find(|&d| o.met(d));
            match first {
                Some(d) => prop_assert_eq!(r.eligible_on, Some(from_day_number(d))),
                None => prop_assert!(r.eligible_on.is_none_or(|e| day_number(e) > hi),
                    "evaluator says {:?}, oracle finds none", r.eligible_on),
            }
        }
    }

    #[test]
    fn no_assumption_is_the_plain_evaluation(
        roles in prop::collection::vec(arb_role(), 0..4),
        degrees in prop::collection::vec(arb_degree(), 0..2),
        as_of_off in 0i64..6_000,
        lookback in prop::option::of(8u32..14),
    ) {
        let as_of = from_day_number(day_number(date(2012, 1, 1)) + as_of_off);
        let p = Profile { name: "p".into(), id: "p".into(), employment: roles, education: degrees, ..Profile::default() };
        let rules = RuleSet::from_rules(vec![rule(lookback)]);
        let sel = Selection::Only(vec!["x".into()]);
        prop_assert_eq!(
            evaluate(&rules, &p, as_of, &sel),
            evaluate_assuming(&rules, &p, as_of, &sel, &Assumed::default())
        );
    }
}
