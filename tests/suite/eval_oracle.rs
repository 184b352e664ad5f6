//! The evaluator against a naive oracle that reads semantics.md literally:
//! it marks every covered day in an array and scans day by day for the
//! first day on which the prerequisites hold.

use certcheck::dates::{Date, add_years, date, day_number, from_day_number};
use certcheck::eval::{Selection, Status, evaluate};
use certcheck::profile::Profile;
use certcheck::profile::model::Role;
use certcheck::rules::RuleSet;
use certcheck::rules::model::RoleKind;
use proptest::prelude::*;

use crate::common;
use common::oracle::{Oracle, arb_degree, counting_spans, degrees_by, rule};

fn arb_role() -> impl Strategy<Value = Role> {
    (
        0i64..10_000,
        prop::option::weighted(0.7, 0i64..6_000),
        any::<bool>(),
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.95),
        0usize..6,
    )
        .prop_map(|(start, len, dm, ft, paid, kind)| {
            let s = from_day_number(day_number(date(2000, 1, 1)) + start);
            Role {
                employer: None,
                title: None,
                start: s,
                end: len.map(|l| from_day_number(day_number(s) + l)),
                decision_making: dm,
                full_time: ft,
                paid,
                kind: [
                    RoleKind::Employee,
                    RoleKind::Employee,
                    RoleKind::Employee,
                    RoleKind::Contractor,
                    RoleKind::Internship,
                    RoleKind::CoOp,
                ][kind],
                tags: vec![],
            }
        })
}

/// The status and eligible_on of the one result.
fn judge(p: &Profile, as_of: Date, lookback: Option<u32>) -> (Status, Option<Date>) {
    let rules = RuleSet::from_rules(vec![rule(lookback)]);
    let rep = evaluate(&rules, p, as_of, &Selection::Only(vec!["x".into()]));
    let r = rep.results.first().expect("one result");
    (r.status, r.eligible_on)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn eligible_on_matches_the_oracle(
        roles in prop::collection::vec(arb_role(), 0..5),
        degrees in prop::collection::vec(arb_degree(), 0..3),
        as_of_off in 0i64..6_000,
        lookback in prop::option::of(8u32..14),
    ) {
        let as_of = from_day_number(day_number(date(2012, 1, 1)) + as_of_off);
        let p = Profile { name: "p".into(), id: "p".into(), employment: roles, education: degrees, ..Profile::default() };
        let hi = day_number(add_years(as_of, 40));
        let o = Oracle::new(&counting_spans(&p, as_of, hi), degrees_by(&p, as_of), lookback, hi);
        let (status, eligible_on) = judge(&p, as_of, lookback);
        let a = day_number(as_of);
        if o.met(a) {
            // the rule has no exam: met prerequisites are all it takes
            prop_assert_eq!(status, Status::RequirementsMet);
            // the first day of the unbroken run that ends on the as-of date
            let mut d = a;
            while d > o.lo && o.met(d - 1) { d -= 1; }
            prop_assert_eq!(eligible_on, Some(from_day_number(d)));
        } else {
            prop_assert_eq!(status, Status::NotEligible);
            let first = (a + 1..=hi).find(|&d| o.met(d));
            match first {
                Some(d) => prop_assert_eq!(eligible_on, Some(from_day_number(d))),
                None => prop_assert!(eligible_on.is_none_or(|e| day_number(e) > hi),
                    "evaluator says {:?}, oracle finds none", eligible_on),
            }
        }
    }
}

/// A day of the calendar-months tests: any, or one that tests the edges
/// (29 February, month ends, first days).
fn arb_day(base: Date, span: i64) -> impl Strategy<Value = Date> {
    prop_oneof![
        3 => (0i64..span).prop_map(move |o| from_day_number(day_number(base) + o)),
        1 => (0usize..6).prop_map(|i| [
            date(2016, 2, 29),
            date(2020, 2, 29),
            date(2024, 2, 29),
            date(2021, 2, 28),
            date(2019, 12, 31),
            date(2023, 3, 1),
        ][i]),
    ]
}

fn arb_month_role() -> impl Strategy<Value = Role> {
    (
        arb_day(date(2008, 1, 1), 6_000),
        prop::option::weighted(0.7, 0i64..1_500),
        prop::bool::weighted(0.9),
        0usize..4,
    )
        .prop_map(|(s, len, ft, kind)| Role {
            employer: None,
            title: None,
            start: s,
            end: len.map(|l| from_day_number(day_number(s) + l)),
            decision_making: false,
            full_time: ft,
            paid: true,
            kind: [
                RoleKind::Employee,
                RoleKind::Employee,
                RoleKind::Contractor,
                RoleKind::Internship,
            ][kind],
            tags: vec![],
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Calendar months: the oracle marks the covered days and counts the
    /// distinct (year, month) pairs in the window, day by day.
    #[test]
    fn calendar_months_eligible_on_matches_the_oracle(
        roles in prop::collection::vec(arb_month_role(), 0..5),
        degrees in prop::collection::vec(arb_degree(), 0..2),
        as_of in arb_day(date(2012, 1, 1), 5_000),
        months in 1u32..60,
        lookback in prop::option::of(1u32..9),
    ) {
        let p = Profile { name: "p".into(), id: "p".into(), employment: roles, education: degrees, ..Profile::default() };
        let rules = RuleSet::from_rules(vec![common::oracle::months_rule(months, lookback)]);
        let rep = evaluate(&rules, &p, as_of, &Selection::Only(vec!["m".into()]));
        let r = rep.results.first().expect("one result");
        let a = day_number(as_of);
        let hi = day_number(add_years(as_of, 12));
        // before every fact (degrees from 1995, roles from 2008)
        let lo = day_number(date(1990, 1, 1));
        let spans: Vec<(i64, i64)> = counting_spans(&p, as_of, hi).into_iter().map(|(s, e, _)| (s, e)).collect();
        let degrees: Vec<(i64, u32)> = p.education.iter()
            .filter(|e| e.completed <= as_of)
            .map(|e| (day_number(e.completed), common::oracle::months_waiver(e.level)))
            .collect();
        let o = common::oracle::MonthsOracle::new(&spans, degrees, months, lookback, lo, hi);
        // the months counted on the as-of date
        match &r.requirements[0].detail {
            certcheck::eval::Detail::Experience { counted_months, .. } => {
                prop_assert_eq!(*counted_months, Some(o.counted(a)));
            }
            d => prop_assert!(false, "experience detail expected, got {:?}", d),
        }
        if o.met(a) {
            prop_assert_eq!(r.status, Status::RequirementsMet);
            let mut d = a;
            while d > lo && o.met(d - 1) { d -= 1; }
            // (nothing is marked before `lo`: the run cannot reach it)
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
}
