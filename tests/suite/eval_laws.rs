//! Laws the evaluator obeys, checked on random profiles against the built-in
//! rules: more experience never counts less, order and splitting do not
//! matter, a held certification only moves forward through its statuses, and
//! `eligible_on` is the first day the evaluator itself says yes.

use certcheck::dates::{Date, add_days, date, day_number, from_day_number};
use certcheck::eval::{CertResult, Detail, Report, Selection, Status, evaluate};
use certcheck::profile::Profile;
use certcheck::profile::model::{Activity, Education, ExamPass, Held, Role};
use certcheck::rules::RuleSet;
use certcheck::rules::model::{Level, RoleKind};
use certcheck::units::Units;
use proptest::prelude::*;

use crate::common;
use common::rules;

fn day(n: i64) -> Date {
    from_day_number(day_number(date(2000, 1, 1)) + n)
}

fn arb_role() -> impl Strategy<Value = Role> {
    (
        0i64..9_000,
        prop::option::weighted(0.7, 0i64..5_000),
        any::<bool>(),
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.9),
        0usize..4,
    )
        .prop_map(|(start, len, dm, ft, paid, kind)| Role {
            employer: Some("E".into()),
            title: Some(format!("T{start}")),
            start: day(start),
            end: len.map(|l| day(start + l)),
            decision_making: dm,
            full_time: ft,
            paid,
            kind: RoleKind::ALL[kind],
            tags: vec![],
        })
}

fn arb_profile() -> impl Strategy<Value = Profile> {
    (
        prop::collection::vec(arb_role(), 0..5),
        prop::option::of((0usize..Level::ALL.len(), 0i64..9_000)),
        prop::option::of(0i64..9_500),
    )
        .prop_map(|(roles, degree, exam)| Profile {
            name: "P".into(),
            id: "p".into(),
            employment: roles,
            education: degree
                .map(|(l, d)| Education {
                    tags: vec![],
                    level: Level::ALL[l],
                    field: None,
                    completed: day(d),
                })
                .into_iter()
                .collect(),
            exams: exam
                .map(|d| ExamPass {
                    id: "cmq-oe".into(),
                    passed: day(d),
                })
                .into_iter()
                .collect(),
            ..Profile::default()
        })
}

fn judge<'r>(rules: &'r RuleSet, p: &Profile, as_of: Date) -> CertResult<'r> {
    let r: Report = evaluate(rules, p, as_of, &Selection::Only(vec!["cmq-oe".into()]));
    r.results.into_iter().next().expect("one result")
}

/// `r` without the roles each experience requirement lists (they name the
/// profile's roles as written: reordered or split, they are listed so),
/// each list sorted apart.
fn without_roles(mut r: CertResult<'_>) -> (CertResult<'_>, Vec<Vec<String>>) {
    let mut lists = Vec::new();
    for q in &mut r.requirements {
        if let Detail::Experience { roles, .. } = &mut q.detail {
            let mut l: Vec<String> = roles.drain(..).map(|c| format!("{c:?}")).collect();
            l.sort();
            lists.push(l);
        }
    }
    (r, lists)
}

fn counted(r: &CertResult) -> Vec<i64> {
    r.requirements
        .iter()
        .filter_map(|q| match q.detail {
            Detail::Experience { counted_days, .. } => Some(counted_days),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)))]

    #[test]
    fn adding_a_role_never_lowers_counted_days(p in arb_profile(), extra in arb_role(), as_of in 3_000i64..9_500) {
        let rules = rules();
        let as_of = day(as_of);
        let before = counted(&judge(rules, &p, as_of));
        let mut more = p.clone();
        more.employment.push(extra);
        let after = counted(&judge(rules, &more, as_of));
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(a >= b, "{before:?} -> {after:?}");
        }
    }

    #[test]
    fn order_of_roles_does_not_matter(p in arb_profile(), as_of in 3_000i64..9_500, seed in any::<u64>()) {
        let rules = rules();
        let as_of = day(as_of);
        let mut shuffled = p.clone();
        let n = shuffled.employment.len();
        if n > 1 {
            shuffled.employment.rotate_left((seed as usize) % n);
            shuffled.employment.reverse();
        }
        // the same roles are listed, in the profile's order
        prop_assert_eq!(
            without_roles(judge(rules, &p, as_of)),
            without_roles(judge(rules, &shuffled, as_of))
        );
    }

    #[test]
    fn splitting_a_role_in_two_adjacent_ones_changes_nothing(
        p in arb_profile(), extra in arb_role(), which in any::<prop::sample::Index>(), cut in any::<u32>(), as_of in 3_000i64..9_500
    ) {
        let rules = rules();
        let as_of = day(as_of);
        let mut p = p;
        p.employment.push(extra);
        // a role that starts after the as-of date is a plan, not a fact: the
        // law holds for cuts after a role's first day, on or before the
        // as-of date and its last day
        let splittable: Vec<usize> = (0..p.employment.len())
            .filter(|&i| {
                let r = &p.employment[i];
                r.start < as_of && r.end.is_none_or(|e| r.start < e)
            })
            .collect();
        prop_assume!(!splittable.is_empty());
        let i = splittable[which.index(splittable.len())];
        let role = p.employment[i].clone();
        let last = role.end.map_or(as_of, |e| e.min(as_of));
        let room = (last - role.start).num_days();
        let cut_day = add_days(role.start, 1 + i64::from(cut) % room);
        let mut split = p.clone();
        let mut first = role.clone();
        first.end = Some(add_days(cut_day, -1));
        let mut second = role;
        second.start = cut_day;
        split.employment[i] = first;
        split.employment.push(second);
        // (the split role is listed twice)
        prop_assert_eq!(
            without_roles(judge(rules, &p, as_of)).0,
            without_roles(judge(rules, &split, as_of)).0
        );
    }

    #[test]
    fn eligible_on_is_the_first_day_the_evaluator_says_yes(p in arb_profile(), as_of in 3_000i64..9_500) {
        let rules = rules();
        let as_of = day(as_of);
        // only facts up to the as-of date (role ends may lie after it)
        let mut p = p;
        p.employment.retain(|r| r.start <= as_of);
        p.education.retain(|e| e.completed <= as_of);
        p.exams.clear();
        let r = judge(rules, &p, as_of);
        if let Some(e) = r.eligible_on {
            if r.status == Status::NotEligible {
                prop_assert!(e > as_of);
                prop_assert_eq!(judge(rules, &p, e).status, Status::Eligible);
                prop_assert_eq!(judge(rules, &p, add_days(e, -1)).status, Status::NotEligible);
            } else {
                prop_assert!(e <= as_of);
                prop_assert_eq!(judge(rules, &p, e).status, Status::Eligible);
                prop_assert_eq!(judge(rules, &p, add_days(e, -1)).status, Status::NotEligible);
            }
        } else {
            prop_assert_eq!(r.status, Status::NotEligible);
        }
    }

    #[test]
    fn a_held_certification_moves_forward_through_its_cycle(
        earned in 0i64..9_000, step in 1i64..60, units in prop::collection::vec((0i64..2_000, 1i64..5_000), 0..6)
    ) {
        let rules = rules();
        let earned = day(earned);
        let acts: Vec<Activity> = units
            .iter()
            .map(|(d, u)| Activity {
                date: add_days(earned, *d),
                certifications: vec!["cmq-oe".into()],
                category: "professional-development".into(),
                units: Units::from_thousandths(*u),
                description: None,
                evidence: None,
            })
            .collect();
        let p = Profile {
            name: "H".into(),
            id: "h".into(),
            certifications: vec![Held { id: "cmq-oe".into(), earned, renewals: vec![] }],
            activities: acts,
            ..Profile::default()
        };
        let rank = |s: Status| match s {
            Status::Certified => 0,
            Status::Grace => 1,
            Status::Lapsed => 2,
            other => panic!("a held certification is never {other:?}"),
        };
        // the order of activities does not matter
        let mut reversed = p.clone();
        reversed.activities.reverse();
        let end = add_days(earned, 1200);
        prop_assert_eq!(judge(rules, &p, end), judge(rules, &reversed, end));

        let mut last = 0;
        let mut counted = Units::ZERO;
        let mut d = earned;
        while d < add_days(earned, 4 * 366) {
            let r = judge(rules, &p, d);
            let now = rank(r.status);
            prop_assert!(now >= last, "status went back on {d}");
            let renewal = r.renewal.expect("held: renewal");
            prop_assert!(renewal.units_counted >= counted, "units went down on {d}");
            counted = renewal.units_counted;
            last = now;
            d = add_days(d, step);
        }
    }
}
