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
