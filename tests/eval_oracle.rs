//! The evaluator against a naive oracle that reads semantics.md literally:
//! it marks every covered day in an array and scans day by day for the
//! first day on which the prerequisites hold.

use certcheck::dates::{Date, add_years, date, day_number, from_day_number};
use certcheck::eval::{CertResult, Selection, Status, evaluate};
use certcheck::profile::Profile;
use certcheck::profile::model::{Education, Role};
use certcheck::rules::RuleSet;
use certcheck::rules::model::{Level, RoleKind};
use proptest::prelude::*;

mod common;
use common::{rule, waiver_months};

struct Oracle {
    lo: i64,
    total: Vec<i64>, // prefix sums of covered days (all counting roles)
    dm: Vec<i64>,
    as_of: i64,
    lookback: Option<u32>,
    degrees: Vec<(i64, u32)>,
}

impl Oracle {
    fn new(p: &Profile, as_of: Date, lookback: Option<u32>, hi: i64) -> Oracle {
        let lo = day_number(date(1960, 1, 1));
        let n = (hi - lo + 2) as usize;
        let mut cov = vec![0u8; n];
        let mut cov_dm = vec![0u8; n];
        let a = day_number(as_of);
        for r in &p.employment {
            let s = day_number(r.start);
            if s > a
                || !r.full_time
                || !r.paid
                || matches!(r.kind, RoleKind::Internship | RoleKind::CoOp)
            {
                continue;
            }
            let e = r.end.map_or(hi, day_number).min(hi);
            for x in s..=e {
                cov[(x - lo) as usize] = 1;
                if r.decision_making {
                    cov_dm[(x - lo) as usize] = 1;
                }
            }
        }
        let prefix = |c: &[u8]| {
            let mut v = vec![0i64; c.len() + 1];
            for (i, x) in c.iter().enumerate() {
                v[i + 1] = v[i] + i64::from(*x);
            }
            v
        };
        Oracle {
            lo,
            total: prefix(&cov),
            dm: prefix(&cov_dm),
            as_of: a,
            lookback,
            degrees: p
                .education
                .iter()
                .filter(|e| e.completed <= as_of)
                .map(|e| (day_number(e.completed), waiver_months(e.level)))
                .collect(),
        }
    }
    fn count(&self, pre: &[i64], from: i64, to: i64) -> i64 {
        let f = (from.max(self.lo) - self.lo) as usize;
        let t = (to - self.lo + 1) as usize;
        if t <= f { 0 } else { pre[t] - pre[f] }
    }
    fn met(&self, d: i64) -> bool {
        let from = match self.lookback {
            Some(n) => day_number(add_years(from_day_number(d), -(n as i32))) + 1,
            None => self.lo,
        };
        let w = self
            .degrees
            .iter()
            .filter(|(c, _)| *c <= d)
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(0);
        let need_total = (i64::from(120 - w) * 1461) / 48;
        let need_dm = (60 * 1461) / 48;
        self.count(&self.total, from, d) >= need_total && self.count(&self.dm, from, d) >= need_dm
    }
}

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

fn arb_degree() -> impl Strategy<Value = Education> {
    (0usize..5, 0i64..14_000).prop_map(|(l, d)| Education {
        level: Level::ALL[l],
        field: None,
        completed: from_day_number(day_number(date(1995, 1, 1)) + d),
    })
}

fn judge(p: &Profile, as_of: Date, lookback: Option<u32>) -> CertResult {
    let rules = RuleSet::from_rules(vec![rule(lookback)]);
    let rep = evaluate(&rules, p, as_of, &Selection::Only(vec!["x".into()]));
    rep.results.into_iter().next().expect("one result")
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
        let o = Oracle::new(&p, as_of, lookback, hi);
        let r = judge(&p, as_of, lookback);
        let a = o.as_of;
        if o.met(a) {
            // the rule has no exam: met prerequisites are all it takes
            prop_assert_eq!(r.status, Status::RequirementsMet);
            // the first day of the unbroken run that ends on the as-of date
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
}
