//! The eligibility shapes of issue 14 judged on small rule files: experience
//! in calendar months, a requirement met by a certification held, degree
//! tags and the secondary level; and the judges' bounds checked day by day.

use std::path::Path;

use super::*;
use crate::dates::date;
use crate::eval::{Selection, evaluate};
use crate::rules::load::parse_rule;

const HEAD: &str = r#"name = "Test certification"
issuer = "Test body"
[edition]
name = "1"
"#;

fn rule(id: &str, body: &str) -> Rule {
    let text = format!("id = \"{id}\"\n{HEAD}{body}");
    parse_rule(&text, "t.toml").unwrap_or_else(|d| panic!("{d:#?}"))
}

/// `months` calendar months of roles tagged `lead` within `lookback` years
/// (a bachelor's waives a year where `months` is over 12).
fn months_rule(months: u32, lookback: Option<u32>) -> RuleSet {
    let waiver = if months > 12 {
        "waivers = { bachelor = 1 }\n"
    } else {
        ""
    };
    let lookback = lookback.map_or(String::new(), |n| format!("lookback_years = {n}\n"));
    RuleSet::from_rules(vec![rule(
        "m",
        &format!(
            r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
months = {months}
{lookback}counting = "calendar-months"
roles = {{ tags = ["lead"] }}
{waiver}source = "https://example.org/a"
"#
        ),
    )])
}

fn profile(rules: &RuleSet, toml: &str) -> Profile {
    let text = format!("name = \"P\"\n{toml}");
    crate::profile::parse_bytes(text.as_bytes(), Path::new("p.toml"), rules)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn roles(spans: &[(&str, Option<&str>)]) -> String {
    spans
        .iter()
        .map(|(a, b)| {
            let end = b.map_or(String::new(), |b| format!("end = {b}\n"));
            format!("[[employment]]\nstart = {a}\n{end}tags = [\"lead\"]\n")
        })
        .collect()
}

/// The result for `m` (the months rule) or else `p` (the shapes rule).
fn judged<'r>(rules: &'r RuleSet, p: &Profile, as_of: Date) -> CertResult<'r> {
    let id = if rules.contains("m") { "m" } else { "p" };
    let r = evaluate(rules, p, as_of, &Selection::Only(vec![id.into()]));
    r.results.into_iter().next().unwrap()
}

fn months_counted(r: &CertResult<'_>) -> (Option<u32>, Option<u32>) {
    match &r.requirements[0].detail {
        Detail::Experience {
            counted_months,
            required_months,
            ..
        } => (*counted_months, *required_months),
        d => panic!("{d:?}"),
    }
}

#[test]
fn january_to_april_are_four_calendar_months() {
    // 2024-01-15 to 2024-04-02: 79 days, but four calendar months
    let rules = months_rule(4, None);
    let p = profile(&rules, &roles(&[("2024-01-15", Some("2024-04-02"))]));
    let r = judged(&rules, &p, date(2024, 6, 1));
    assert_eq!(months_counted(&r), (Some(4), Some(4)));
    assert_eq!(r.status, Status::RequirementsMet);
    // the count reached 4 on the first day of April
    assert_eq!(r.eligible_on, Some(date(2024, 4, 1)));
    assert_eq!(
        r.requirements[0].summary(),
        "4 of 4 calendar months counted"
    );
    // judged on 2024-03-31: three months, one short
    let r = judged(&rules, &p, date(2024, 3, 31));
    assert_eq!(months_counted(&r), (Some(3), Some(4)));
    assert_eq!(r.status, Status::NotEligible);
    // the role runs to its end (after the as-of date) in the projection
    assert_eq!(r.eligible_on, Some(date(2024, 4, 1)));
    // a role that ended in March: time alone will not do it
    let ended = profile(&rules, &roles(&[("2024-01-15", Some("2024-03-20"))]));
    let r = judged(&rules, &ended, date(2024, 3, 31));
    assert_eq!(months_counted(&r), (Some(3), Some(4)));
    assert_eq!(r.eligible_on, None);
    assert_eq!(
        r.requirements[0].summary(),
        "3 of 4 calendar months counted; 1 month short"
    );
}

#[test]
fn overlapping_roles_count_each_month_once() {
    let rules = months_rule(6, None);
    let p = profile(
        &rules,
        &roles(&[
            ("2023-01-10", Some("2023-03-05")),
            ("2023-02-01", Some("2023-04-30")),
            ("2023-03-15", Some("2023-03-20")),
        ]),
    );
    let r = judged(&rules, &p, date(2024, 1, 1));
    assert_eq!(months_counted(&r), (Some(4), Some(6)));
}

#[test]
fn the_windows_first_month_counts_when_a_role_covers_a_day_of_it_inside_the_window() {
    // on 2024-06-15 an 8-year window starts on 2016-06-16
    let rules = months_rule(3, Some(8));
    let in_window = profile(&rules, &roles(&[("2016-01-01", Some("2016-06-16"))]));
    let r = judged(&rules, &in_window, date(2024, 6, 15));
    assert_eq!(months_counted(&r), (Some(1), Some(3)));
    // the day before the window: June 2016 does not count
    let before = profile(&rules, &roles(&[("2016-01-01", Some("2016-06-15"))]));
    let r = judged(&rules, &before, date(2024, 6, 15));
    assert_eq!(months_counted(&r), (Some(0), Some(3)));
    // a role covering only days of June 2016 before the window, and one
    // inside it: June counts once, for the day inside
    let both = profile(
        &rules,
        &roles(&[
            ("2016-06-01", Some("2016-06-10")),
            ("2016-06-30", Some("2016-07-01")),
        ]),
    );
    let r = judged(&rules, &both, date(2024, 6, 15));
    assert_eq!(months_counted(&r), (Some(2), Some(3)));
}

#[test]
fn eligible_on_is_the_first_day_of_the_month_that_completes_the_count() {
    // an ongoing role from 2024-01-31: January and February on 2024-02-10;
    // the third month is March, on its first day
    let rules = months_rule(3, None);
    let p = profile(&rules, &roles(&[("2024-01-31", None)]));
    let r = judged(&rules, &p, date(2024, 2, 10));
    assert_eq!(months_counted(&r), (Some(2), Some(3)));
    assert_eq!(r.eligible_on, Some(date(2024, 3, 1)));
    assert_eq!(r.requirements[0].met_on, Some(date(2024, 3, 1)));
}

#[test]
fn a_waiver_subtracts_months() {
    // 14 months, a bachelor's waives 12: 2 calendar months needed
    let rules = months_rule(14, None);
    let text = format!(
        "{}[[education]]\nlevel = \"bachelor\"\ncompleted = 2020-05-01\n",
        roles(&[("2024-01-31", Some("2024-02-01"))])
    );
    let p = profile(&rules, &text);
    let r = judged(&rules, &p, date(2024, 3, 1));
    assert_eq!(months_counted(&r), (Some(2), Some(2)));
    assert_eq!(r.status, Status::RequirementsMet);
    assert_eq!(r.eligible_on, Some(date(2024, 2, 1)));
    assert_eq!(
        r.requirements[0].summary(),
        "2 of 14 calendar months counted, 12 months waived for a bachelor's degree, so 2 needed"
    );
}

/// A PMP-like rule: 35 training hours or a CAPM; a GAC-accredited bachelor's
/// or any bachelor's; a secondary diploma.
fn shapes_rules() -> RuleSet {
    let main = rule(
        "p",
        r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = ["c"]
source = "https://example.org/a"
[[requirement]]
id = "degree-gac"
name = "GAC degree"
kind = "degree"
level = "bachelor"
tags = ["gac-accredited"]
source = "https://example.org/a"
[[requirement]]
id = "secondary"
name = "Secondary"
kind = "degree"
level = "secondary"
source = "https://example.org/a"
[[path]]
id = "gac"
name = "GAC"
requires = ["training", "degree-gac"]
[[path]]
id = "secondary"
name = "Secondary"
requires = ["training", "secondary"]
"#,
    );
    let capm = rule(
        "c",
        r#"[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 15
unit = "PDU"
grace_months = 0
source = "https://example.org/c"
"#,
    );
    RuleSet::from_rules(vec![main, capm])
}

fn requirement<'a>(r: &'a CertResult<'a>, id: &str) -> &'a RequirementResult<'a> {
    r.requirements.iter().find(|q| q.id == id).unwrap()
}

#[test]
fn a_requirement_met_by_holding_a_certification() {
    let rules = shapes_rules();
    let p = profile(
        &rules,
        "[[education]]\nlevel = \"secondary\"\ncompleted = 2010-06-30\n\
         [[certifications]]\nid = \"c\"\nearned = 2022-03-01\n",
    );
    let r = judged(&rules, &p, date(2024, 1, 1));
    let t = requirement(&r, "training");
    assert!(t.met);
    assert_eq!(t.met_by, Some("c"));
    assert_eq!(t.summary(), "met by holding `c`");
    assert_eq!(r.status, Status::RequirementsMet);
    assert_eq!(r.eligible_on, Some(date(2022, 3, 1)));
    let json = serde_json::to_value(t).unwrap();
    assert_eq!(json["met_by"], "c");

    // lapsed: no longer held (cycle to 2025-03-01, no grace, no renewal)
    let r = judged(&rules, &p, date(2025, 3, 2));
    let t = requirement(&r, "training");
    assert!(!t.met);
    assert_eq!(t.met_by, None);
    assert_eq!(
        t.summary(),
        "0 of 35 training hours completed, 35 still needed; or hold `c`"
    );
    assert_eq!(r.status, Status::NotEligible);

    // its own test met: met_by stays null
    let trained = profile(
        &rules,
        "[[education]]\nlevel = \"secondary\"\ncompleted = 2010-06-30\n\
         [[certifications]]\nid = \"c\"\nearned = 2022-03-01\n\
         [[training]]\nhours = 35\ncompleted = 2021-01-01\n",
    );
    let r = judged(&rules, &trained, date(2024, 1, 1));
    let t = requirement(&r, "training");
    assert!(t.met);
    assert_eq!(t.met_by, None);
    assert_eq!(r.eligible_on, Some(date(2021, 1, 1)));
}

#[test]
fn a_certification_earned_later_is_eligible_on_from_that_day() {
    // projected: a held certification's days are known from the as-of date;
    // a not-held one is not a fact, so not-eligible has no eligible_on
    let rules = shapes_rules();
    let p = profile(
        &rules,
        "[[education]]\nlevel = \"secondary\"\ncompleted = 2010-06-30\n",
    );
    let r = judged(&rules, &p, date(2024, 1, 1));
    assert_eq!(r.status, Status::NotEligible);
    assert_eq!(r.eligible_on, None);
}

#[test]
fn only_a_degree_carrying_every_tag_counts() {
    let rules = shapes_rules();
    let judge_with = |education: &str| {
        let p = profile(
            &rules,
            &format!("{education}[[training]]\nhours = 35\ncompleted = 2021-01-01\n"),
        );
        let r = judged(&rules, &p, date(2024, 1, 1));
        let q = requirement(&r, "degree-gac");
        (q.met, q.summary())
    };
    assert_eq!(
        judge_with("[[education]]\nlevel = \"master\"\ncompleted = 2015-06-30\n"),
        (
            false,
            "a bachelor's degree or higher tagged `gac-accredited` needed; none completed with the tags".into()
        )
    );
    assert_eq!(
        judge_with(
            "[[education]]\nlevel = \"master\"\ntags = [\"gac-accredited\"]\ncompleted = 2015-06-30\n"
        ),
        (
            true,
            "a bachelor's degree or higher tagged `gac-accredited`: holds a master's degree".into()
        )
    );
    assert_eq!(
        judge_with(
            "[[education]]\nlevel = \"associate\"\ntags = [\"gac-accredited\"]\ncompleted = 2015-06-30\n"
        ),
        (
            false,
            "a bachelor's degree or higher tagged `gac-accredited` needed; highest completed with the tags is an associate degree".into()
        )
    );
}

#[test]
fn secondary_is_the_lowest_level() {
    let rules = shapes_rules();
    let judge_with = |education: &str| {
        let p = profile(&rules, education);
        let r = judged(&rules, &p, date(2024, 1, 1));
        requirement(&r, "secondary").met
    };
    assert!(judge_with(
        "[[education]]\nlevel = \"secondary\"\ncompleted = 2010-06-30\n"
    ));
    assert!(judge_with(
        "[[education]]\nlevel = \"trade-diploma\"\ncompleted = 2010-06-30\n"
    ));
    assert!(!judge_with(""));
    // completed after the as-of date: not yet
    assert!(!judge_with(
        "[[education]]\nlevel = \"secondary\"\ncompleted = 2025-06-30\n"
    ));
}

#[test]
fn an_education_tag_no_rule_asks_for_is_a_warning() {
    let rules = shapes_rules();
    let p = profile(
        &rules,
        "[[education]]\nlevel = \"bachelor\"\ntags = [\"gac-acredited\", \"gac-accredited\"]\ncompleted = 2010-06-30\n",
    );
    let r = evaluate(&rules, &p, date(2024, 1, 1), &Selection::Default);
    let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        vec![
            "the tag `gac-acredited` on the bachelor degree is asked for by no loaded rule; it has no effect (did you mean `gac-accredited`?)"
        ]
    );
}

#[test]
fn an_exam_of_another_edition_is_a_warning() {
    let old = rule(
        "e",
        r#"[[exam]]
id = "e-old"
name = "Old exam"
source = "https://example.org/e"
[[exam_path]]
id = "old"
name = "Old"
exams = ["e-old"]
source = "https://example.org/e"
"#,
    );
    let mut old = old;
    old.edition.to = Some(date(2019, 12, 31));
    let mut new = rule(
        "e",
        r#"[[exam]]
id = "e"
name = "Exam"
source = "https://example.org/e"
[[exam_path]]
id = "new"
name = "New"
exams = ["e"]
source = "https://example.org/e"
"#,
    );
    new.edition.name = "2".into();
    new.edition.from = Some(date(2020, 1, 1));
    let rules = RuleSet::from_rules(vec![old, new]);
    let p = profile(&rules, "[[exams]]\nid = \"e-old\"\npassed = 2019-06-01\n");
    let r = evaluate(
        &rules,
        &p,
        date(2021, 1, 1),
        &Selection::Only(vec!["e".into()]),
    );
    assert_eq!(
        r.results[0].status,
        Status::Eligible,
        "the pass is not counted"
    );
    let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        vec![
            "exam `e-old` passed on 2019-06-01 is defined by another edition of the `e` rules, not by edition `2`, which judges it; it counts for no exam path"
        ]
    );
    // judged by the old edition: counted, no warning
    let r = evaluate(
        &rules,
        &p,
        date(2019, 7, 1),
        &Selection::Only(vec!["e".into()]),
    );
    assert_eq!(r.results[0].status, Status::RequirementsMet);
    assert!(r.warnings.is_empty());
}

// ----- the judges' bounds, day by day ------------------------------------------

/// A calendar-months judge over `spans` (day numbers, inclusive).
fn months_judge(spans: Vec<(i64, i64)>, months: u32, lookback: Option<u32>) -> Experience {
    Experience {
        months,
        lookback_years: lookback,
        counting: Counting::CalendarMonths,
        days: DaySet::from_intervals(spans),
        waivers: vec![],
    }
}

/// Distinct (year, month) of the days of `spans` in [from, to], literally.
fn literal_months(spans: &[(i64, i64)], from: i64, to: i64) -> i64 {
    let mut seen = std::collections::BTreeSet::new();
    for &(a, b) in spans {
        for x in a.max(from)..=b.min(to) {
            let d = from_day_number(x);
            seen.insert((d.year(), d.month()));
        }
    }
    i64::try_from(seen.len()).unwrap()
}

#[test]
fn the_months_judge_bounds_hold_day_by_day() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let base = day_number(date(2012, 1, 1));
    let mut runner = TestRunner::new(Config {
        cases: 1500,
        ..Config::default()
    });
    // short, nearby roles and small needs make the edges frequent: a month
    // not counted yet on the day judged, a role starting later in it
    let strategy = prop_oneof![
        (
            prop::collection::vec((0i64..2500, 0i64..400), 0..4),
            1u32..40,
            prop::option::of(1u32..4),
            0i64..3000,
            prop::option::of((0i64..3000, 1u32..30)),
        ),
        (
            prop::collection::vec((0i64..300, 0i64..40), 0..5),
            1u32..5,
            prop::option::of(Just(1u32)),
            0i64..300,
            prop::option::of((0i64..300, 1u32..3)),
        ),
    ];
    runner
        .run(&strategy, |(raw, months, lookback, at, waiver)| {
            let spans: Vec<(i64, i64)> = raw
                .iter()
                .map(|(s, len)| (base + s, base + s + len))
                .collect();
            let mut e = months_judge(spans.clone(), months, lookback);
            // a degree completed on that day waives that many months
            e.waivers = waiver
                .iter()
                .map(|(off, m)| (base + off, *m, Level::Bachelor))
                .collect();
            let need = |x: i64| {
                let w = waiver.filter(|(off, _)| base + off <= x).map_or(0, |w| w.1);
                i64::from(months.saturating_sub(w))
            };
            let judge = Judge::Experience(e);
            let Judge::Experience(e) = &judge else {
                unreachable!()
            };
            let d = base + at;
            let counted = literal_months(&spans, e.counted_from(d), d);
            prop_assert_eq!(e.counted(d), counted);
            let met = |x: i64| e.counted(x) >= need(x);
            let horizon = d + 3000;
            match judge.next_possible(d, horizon) {
                // nothing met before the bound
                Some(n) => {
                    prop_assert!(n >= d);
                    for x in d..n {
                        prop_assert!(!met(x), "met on {} before the bound {}", x, n);
                    }
                }
                None => {
                    for x in d..=(d + 1200) {
                        prop_assert!(!met(x), "met on {} though never", x);
                    }
                }
            }
            if met(d) {
                let since = judge.met_since(d);
                prop_assert!(since <= d);
                for x in since..=d {
                    prop_assert!(met(x), "not met on {} after since {}", x, since);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_window_of_n_years_touches_at_most_12_n_plus_1_months() {
    // an ongoing role for 10 years, window 2 years: 24 or 25 months
    let start = day_number(date(2010, 1, 1));
    let e = months_judge(vec![(start, day_number(Date::MAX))], 26, Some(2));
    let j = Judge::Experience(e);
    let d = day_number(date(2020, 3, 15));
    assert_eq!(j.next_possible(d, d + 100_000), None);
    let e = months_judge(vec![(start, day_number(Date::MAX))], 25, Some(2));
    let j = Judge::Experience(e);
    // on 2020-03-15 the window starts 2018-03-16: March 2018 to March 2020
    assert!(j.met(d));
    // on a month's last day the window starts on the next month's first
    let end = day_number(date(2020, 3, 31));
    assert!(!j.met(end));
    assert_eq!(j.next_possible(end, end + 100_000), Some(end + 1));
}

/// Issue 15: each experience requirement lists the profile's roles, counted
/// or left out with every reason.
#[test]
fn roles_are_listed_counted_or_left_out_with_each_reason() {
    let rules = RuleSet::from_rules(vec![rule(
        "r",
        r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
months = 12
lookback_years = 8
roles = { full_time = true, paid = true, decision_making = true, exclude_kinds = ["internship", "co-op"], tags = ["lead", "ops"] }
source = "https://example.org/a"
"#,
    )]);
    let role = |title: &str, start: &str, end: &str, extra: &str| {
        format!(
            "[[employment]]\ntitle = \"{title}\"\nemployer = \"Acme\"\nstart = {start}\n{end}\
             {extra}\n"
        )
    };
    let good = "decision_making = true\ntags = [\"lead\", \"ops\"]";
    let text = [
        role("Manager", "2020-01-01", "", good),
        role(
            "Co-op",
            "2021-01-01",
            "end = 2021-06-30\n",
            &format!("kind = \"co-op\"\n{good}"),
        ),
        role(
            "Intern",
            "2021-07-01",
            "end = 2021-08-31\n",
            &format!("kind = \"internship\"\n{good}"),
        ),
        role(
            "Part",
            "2019-01-01",
            "end = 2019-12-31\n",
            &format!("full_time = false\n{good}"),
        ),
        role(
            "Volunteer",
            "2019-01-01",
            "end = 2019-12-31\n",
            &format!("paid = false\n{good}"),
        ),
        role(
            "Clerk",
            "2018-01-01",
            "end = 2018-12-31\n",
            "tags = [\"lead\", \"ops\"]",
        ),
        role(
            "Untagged",
            "2018-01-01",
            "end = 2018-12-31\n",
            "decision_making = true\ntags = [\"ops\"]",
        ),
        role("Old", "2010-01-01", "end = 2017-06-30\n", good),
        role("Next", "2027-01-01", "", good),
    ]
    .concat();
    let p = profile(&rules, &text);
    let r = evaluate(
        &rules,
        &p,
        date(2026, 1, 1),
        &Selection::Only(vec!["r".into()]),
    );
    let Detail::Experience { roles, .. } = &r.results[0].requirements[0].detail else {
        panic!("experience expected")
    };
    let seen: Vec<(&str, bool, &[&str], &[&str])> = roles
        .iter()
        .map(|c| {
            (
                c.role.as_str(),
                c.counted,
                &c.reasons[..],
                &c.missing_tags[..],
            )
        })
        .collect();
    let none: &[&str] = &[];
    assert_eq!(
        seen,
        [
            ("Manager at Acme", true, none, none),
            ("Co-op at Acme", false, &["co-op"][..], none),
            ("Intern at Acme", false, &["internship"][..], none),
            ("Part at Acme", false, &["part-time"][..], none),
            ("Volunteer at Acme", false, &["unpaid"][..], none),
            ("Clerk at Acme", false, &["not-decision-making"][..], none),
            (
                "Untagged at Acme",
                false,
                &["not-tagged"][..],
                &["lead"][..]
            ),
            ("Old at Acme", false, &["outside-window"][..], none),
            ("Next at Acme", false, &["after-as-of"][..], none),
        ]
    );
    // a role left out for several reasons names each of them
    let p = profile(
        &rules,
        &role(
            "Summer",
            "2024-06-01",
            "end = 2024-08-31\n",
            "kind = \"internship\"\npaid = false\nfull_time = false",
        ),
    );
    let r = evaluate(
        &rules,
        &p,
        date(2026, 1, 1),
        &Selection::Only(vec!["r".into()]),
    );
    let Detail::Experience { roles, .. } = &r.results[0].requirements[0].detail else {
        panic!("experience expected")
    };
    assert_eq!(
        roles[0].reasons,
        [
            "internship",
            "part-time",
            "unpaid",
            "not-decision-making",
            "not-tagged"
        ]
    );
    assert_eq!(roles[0].missing_tags, ["lead", "ops"]);
    // a rule that wants the opposite says so
    let f = RoleFilter {
        full_time: Some(false),
        paid: Some(false),
        decision_making: Some(false),
        exclude_kinds: vec![],
        tags: vec![],
    };
    let manager = &p.employment[0];
    let mut full = manager.clone();
    full.full_time = true;
    full.paid = true;
    full.decision_making = true;
    assert_eq!(
        role_reasons(&full, &f).0,
        ["full-time", "paid", "decision-making"]
    );
}
