//! The worked examples of semantics.md, and the shapes of rules.md, judged
//! on hand-built rules (independent of the rule files).

use super::*;
use crate::dates::{Period, date};
use crate::profile::model::{Education, ExamPass, Held, Project, Role, Training};
use crate::rules::model::{
    Citation, Edition, Exam, ExamPath, PrereqPath, Requirement, RequirementKind, RoleFilter,
    RoleKind,
};

fn cite() -> Citation {
    Citation {
        source: "https://example.org".into(),
        confirmed: true,
        note: None,
    }
}

fn req(id: &str, kind: RequirementKind) -> Requirement {
    Requirement {
        met_by: vec![],
        id: id.into(),
        name: id.into(),
        kind,
        citation: cite(),
    }
}

fn asq_roles() -> RoleFilter {
    RoleFilter {
        full_time: Some(true),
        paid: Some(true),
        exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
        ..RoleFilter::default()
    }
}

fn asq_waivers() -> Vec<(Level, u32)> {
    vec![
        (Level::TradeDiploma, 12),
        (Level::Associate, 24),
        (Level::Bachelor, 48),
        (Level::Master, 60),
        (Level::Doctorate, 60),
    ]
}

fn rule(id: &str, requirements: Vec<Requirement>) -> Rule {
    Rule {
        held_for_life: None,
        id: id.into(),
        name: id.to_uppercase(),
        issuer: "Test".into(),
        edition: Edition::default(),
        requirements,
        paths: vec![],
        exams: vec![Exam {
            id: id.into(),
            name: id.into(),
            offered_from: None,
            offered_to: None,
            citation: cite(),
        }],
        exam_paths: vec![ExamPath {
            id: "exam".into(),
            name: "Exam".into(),
            exams: vec![id.into()],
            within: None,
            valid: None,
            for_holders_of: vec![],
            citation: cite(),
        }],
        recertification: None,
        origin: "test".into(),
    }
}

/// The CMQ/OE model: 10 years, 5 of them decision-making, one waiver.
fn cmq_oe() -> Rule {
    let dm = RoleFilter {
        decision_making: Some(true),
        ..asq_roles()
    };
    rule(
        "cmq-oe",
        vec![
            req(
                "experience",
                RequirementKind::Experience {
                    counting: crate::rules::model::Counting::Days,
                    months: 120,
                    roles: asq_roles(),
                    lookback_years: None,
                    waivers: asq_waivers(),
                },
            ),
            req(
                "decision-making",
                RequirementKind::Experience {
                    counting: crate::rules::model::Counting::Days,
                    months: 60,
                    roles: dm,
                    lookback_years: None,
                    waivers: vec![],
                },
            ),
        ],
    )
}

/// The PMP model: tagged roles within 8 years; 36 months with a bachelor's
/// degree or 60 without; 35 training hours.
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
    let mut r = rule(
        "pmp",
        vec![
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
    );
    r.paths = vec![
        PrereqPath {
            id: "with-degree".into(),
            name: "With a four-year degree".into(),
            requires: vec!["degree".into(), "experience-36".into(), "training".into()],
        },
        PrereqPath {
            id: "without-degree".into(),
            name: "Without a four-year degree".into(),
            requires: vec!["experience-60".into(), "training".into()],
        },
    ];
    r
}

fn set(rules: Vec<Rule>) -> RuleSet {
    RuleSet::from_rules(rules)
}

fn role(start: Date, end: Option<Date>, dm: bool) -> Role {
    Role {
        employer: Some("Acme".into()),
        title: None,
        start,
        end,
        decision_making: dm,
        full_time: true,
        paid: true,
        kind: RoleKind::Employee,
        tags: vec![],
    }
}

fn person(roles: Vec<Role>) -> Profile {
    Profile {
        name: "Test Person".into(),
        id: "t".into(),
        employment: roles,
        ..Profile::default()
    }
}

fn degree(level: Level, completed: Date) -> Education {
    Education {
        tags: vec![],
        level,
        field: None,
        completed,
    }
}

fn judge<'r>(rules: &'r RuleSet, id: &str, p: &Profile, as_of: Date) -> CertResult<'r> {
    let r = evaluate(rules, p, as_of, &Selection::Only(vec![id.into()]));
    r.results.into_iter().next().unwrap()
}

fn counted(r: &CertResult<'_>, id: &str) -> i64 {
    match r
        .requirements
        .iter()
        .find(|x| x.id == id)
        .map(|x| &x.detail)
    {
        Some(Detail::Experience { counted_days, .. }) => *counted_days,
        other => panic!("no experience detail for {id}: {other:?}"),
    }
}

fn met(r: &CertResult, id: &str) -> bool {
    r.requirements.iter().find(|x| x.id == id).unwrap().met
}

#[test]
fn five_calendar_years_meet_five_years() {
    // semantics.md: 2016-09-01 to 2021-08-31 are 1826 days and meet 5 years
    let rules = set(vec![cmq_oe()]);
    let p = person(vec![role(date(2016, 9, 1), Some(date(2021, 8, 31)), true)]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(counted(&r, "decision-making"), 1826);
    assert!(met(&r, "decision-making"));
    // one day less is not enough
    let p = person(vec![role(date(2016, 9, 1), Some(date(2021, 8, 30)), true)]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert!(!met(&r, "decision-making"));
}

#[test]
fn master_needs_five_years_all_decision_making() {
    let rules = set(vec![cmq_oe()]);
    // 5 years of decision-making exactly, with a master's degree: eligible
    let mut p = person(vec![role(date(2016, 9, 1), Some(date(2021, 8, 31)), true)]);
    p.education.push(degree(Level::Master, date(2016, 6, 1)));
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    // 5 years in all but only 4 decision-making: the waiver does not help
    let mut p = person(vec![
        role(date(2016, 9, 1), Some(date(2017, 8, 31)), false),
        role(date(2017, 9, 1), Some(date(2021, 8, 31)), true),
    ]);
    p.education.push(degree(Level::Master, date(2016, 6, 1)));
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert!(met(&r, "experience"));
    assert!(!met(&r, "decision-making"));
    assert_eq!(r.status, Status::NotEligible);
    // and no ongoing role: time alone will not do it
    assert_eq!(r.eligible_on, None);
}

#[test]
fn only_the_largest_waiver_applies() {
    let rules = set(vec![cmq_oe()]);
    // 6 years in all (2191 days needed with a bachelor's), all decision-making
    let mut p = person(vec![role(date(2018, 1, 1), None, true)]);
    p.education.push(degree(Level::Associate, date(2010, 6, 1)));
    p.education.push(degree(Level::Bachelor, date(2012, 6, 1)));
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    match &r.requirements[0].detail {
        Detail::Experience {
            required_days,
            waived_months,
            waiver_level,
            ..
        } => {
            assert_eq!(*required_days, 2191);
            assert_eq!(*waived_months, 48);
            assert_eq!(*waiver_level, Some(Level::Bachelor));
        }
        d => panic!("{d:?}"),
    }
}

#[test]
fn projection_when_roles_go_on() {
    let rules = set(vec![cmq_oe()]);
    // 2015-01-01 .. 2021-12-31 not decision-making, then decision-making, ongoing
    let p = person(vec![
        role(date(2015, 1, 1), Some(date(2021, 12, 31)), false),
        role(date(2022, 1, 1), None, true),
    ]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::NotEligible);
    // 10 years (3652 days) are reached on 2024-12-30; 5 years of
    // decision-making (1826 days) on 2026-12-31
    assert_eq!(r.eligible_on, Some(date(2026, 12, 31)));
    let dm = r
        .requirements
        .iter()
        .find(|x| x.id == "decision-making")
        .unwrap();
    assert_eq!(dm.met_on, Some(date(2026, 12, 31)));
    // judged later, eligible since that day
    let r = judge(&rules, "cmq-oe", &p, date(2027, 6, 1));
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.eligible_on, Some(date(2026, 12, 31)));
    // and the day before it, not yet
    let r = judge(&rules, "cmq-oe", &p, date(2026, 12, 30));
    assert_eq!(r.status, Status::NotEligible);
    assert_eq!(r.eligible_on, Some(date(2026, 12, 31)));
}

#[test]
fn a_role_ending_after_the_as_of_date_runs_to_its_end() {
    let rules = set(vec![cmq_oe()]);
    let p = person(vec![role(date(2022, 1, 1), Some(date(2026, 12, 30)), true)]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    // it stops one day short of 5 years: time alone will not do it
    assert_eq!(
        r.requirements[1].met_on, None,
        "decision-making cannot be met when the role ends first"
    );
    let p = person(vec![role(date(2022, 1, 1), Some(date(2026, 12, 31)), true)]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.requirements[1].met_on, Some(date(2026, 12, 31)));
}

#[test]
fn overlapping_roles_count_once_and_warn() {
    let rules = set(vec![cmq_oe()]);
    let p = person(vec![
        role(date(2020, 1, 1), Some(date(2020, 12, 31)), false),
        role(date(2020, 7, 1), Some(date(2021, 6, 30)), false),
        // adjacent: no overlap
        role(date(2021, 7, 1), Some(date(2021, 7, 31)), false),
    ]);
    let rep = evaluate(
        &rules,
        &p,
        date(2026, 11, 25),
        &Selection::Only(vec!["cmq-oe".into()]),
    );
    assert_eq!(counted(&rep.results[0], "experience"), 366 + 181 + 31);
    let overlaps: Vec<_> = rep
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("overlap"))
        .collect();
    assert_eq!(overlaps.len(), 1, "{:?}", rep.warnings);
    assert!(overlaps[0].contains("2020-07-01 to 2020-12-31"));
}

/// Without warnings, the report is the same but for its (empty) warnings.
#[test]
fn a_report_without_warnings_is_the_same_report() {
    let rules = set(vec![cmq_oe()]);
    let mut p = person(vec![
        role(date(2020, 1, 1), Some(date(2020, 12, 31)), true),
        role(date(2020, 7, 1), None, true),
    ]);
    p.education.push(degree(Level::Bachelor, date(2027, 5, 1)));
    for as_of in [date(2021, 1, 1), date(2026, 11, 25), date(2031, 2, 28)] {
        let full = evaluate(&rules, &p, as_of, &Selection::Default);
        assert!(
            !full.warnings.is_empty(),
            "{as_of}: the profile has warnings"
        );
        let quiet = crate::eval::evaluate_without_warnings(&rules, &p, as_of, &Selection::Default);
        assert!(quiet.warnings.is_empty());
        // nor the roles each experience requirement counted
        let mut full = full;
        let mut listed = 0;
        for q in full
            .results
            .iter_mut()
            .flat_map(|r| r.requirements.iter_mut())
        {
            if let Detail::Experience { roles, .. } = &mut q.detail {
                listed += roles.len();
                roles.clear();
            }
        }
        assert!(listed > 0, "{as_of}: the full report lists the roles");
        assert_eq!(
            quiet,
            Report {
                warnings: vec![],
                ..full
            }
        );
    }
}

#[test]
fn internships_part_time_and_unpaid_roles_do_not_count() {
    let rules = set(vec![cmq_oe()]);
    let mut intern = role(date(2010, 1, 1), Some(date(2010, 12, 31)), false);
    intern.kind = RoleKind::Internship;
    let mut coop = role(date(2011, 1, 1), Some(date(2011, 12, 31)), false);
    coop.kind = RoleKind::CoOp;
    let mut part = role(date(2012, 1, 1), Some(date(2012, 12, 31)), false);
    part.full_time = false;
    let mut unpaid = role(date(2013, 1, 1), Some(date(2013, 12, 31)), false);
    unpaid.paid = false;
    let mut contractor = role(date(2014, 1, 1), Some(date(2014, 12, 31)), false);
    contractor.kind = RoleKind::Contractor;
    let p = person(vec![intern, coop, part, unpaid, contractor]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(counted(&r, "experience"), 365);
}

#[test]
fn dates_after_the_as_of_date_do_not_count_even_in_projection() {
    let rules = set(vec![cmq_oe()]);
    // 6 years of decision-making by the as-of date, a bachelor's next year
    let mut p = person(vec![role(date(2020, 1, 1), None, true)]);
    p.education.push(degree(Level::Bachelor, date(2027, 5, 1)));
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::NotEligible);
    // without the degree: 10 years from 2020-01-01 are reached on 2029-12-30
    assert_eq!(r.eligible_on, Some(date(2029, 12, 30)));
    let rep = evaluate(&rules, &p, date(2026, 11, 25), &Selection::Default);
    assert!(
        rep.warnings
            .iter()
            .map(ToString::to_string)
            .any(|w| w.contains("2027-05-01") && w.contains("not counted"))
    );
}

#[test]
fn a_waiver_counts_from_its_degree_on() {
    let rules = set(vec![cmq_oe()]);
    // 7 years of decision-making by 2021-05-15, when a bachelor's is completed
    let mut p = person(vec![role(date(2014, 5, 15), None, true)]);
    p.education.push(degree(Level::Bachelor, date(2021, 5, 15)));
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.eligible_on, Some(date(2021, 5, 15)));
}

#[test]
fn look_back_window_drops_old_experience() {
    let rules = set(vec![pmp()]);
    let mut led = role(date(2010, 1, 1), Some(date(2014, 12, 31)), false);
    led.tags = vec!["project-leadership".into()];
    let mut p = person(vec![led.clone()]);
    p.education.push(degree(Level::Bachelor, date(2009, 6, 1)));
    p.training.push(Training {
        title: None,
        hours: "35".parse().unwrap(),
        completed: date(2020, 1, 1),
    });
    let r = judge(&rules, "pmp", &p, date(2026, 11, 25));
    assert_eq!(counted(&r, "experience-36"), 0);
    assert_eq!(r.status, Status::NotEligible);
    assert_eq!(r.eligible_on, None);
    // a new ongoing role: 36 months (1095 days) from 2025-01-01
    let mut now = role(date(2025, 1, 1), None, false);
    now.tags = vec!["project-leadership".into()];
    p.employment.push(now);
    let r = judge(&rules, "pmp", &p, date(2026, 11, 25));
    assert_eq!(r.eligible_on, Some(date(2027, 12, 31)));
    // judged on 2018-06-01 the window is the days after 2010-06-01
    let r = judge(&rules, "pmp", &p, date(2018, 6, 1));
    assert_eq!(counted(&r, "experience-36"), 213 + 1461);
    assert!(met(&r, "experience-36"));
    // the training was completed after that day: not counted then
    assert!(!met(&r, "training"));
    assert_eq!(r.status, Status::NotEligible);
    // the window moves with the day in a projection: an old role falls out
    let mut p2 = person(vec![]);
    let mut old = role(date(2016, 1, 1), Some(date(2018, 12, 31)), false);
    old.tags = vec!["project-leadership".into()];
    let mut cur = role(date(2026, 1, 1), None, false);
    cur.tags = vec!["project-leadership".into()];
    p2.employment = vec![old, cur];
    p2.education.push(degree(Level::Bachelor, date(2009, 6, 1)));
    p2.training = p.training.clone();
    let r = judge(&rules, "pmp", &p2, date(2026, 11, 25));
    // on 2026-11-25 the window starts 2018-11-26: 36 old days + 329 new ones
    assert_eq!(counted(&r, "experience-36"), 36 + 329);
    // every day after that, one old day leaves as one new day comes, until
    // the old role is out of the window on 2027-01-01; then only the new
    // role counts, and 1095 days of it are reached on 2028-12-30
    assert_eq!(r.eligible_on, Some(date(2028, 12, 30)));
}

#[test]
fn look_back_on_29_february() {
    let rules = set(vec![pmp()]);
    let mut led = role(date(2020, 2, 28), Some(date(2020, 3, 1)), false);
    led.tags = vec!["project-leadership".into()];
    let p = person(vec![led]);
    // on 2028-02-29 the window is the days after 2020-02-29: only 2020-03-01
    let r = judge(&rules, "pmp", &p, date(2028, 2, 29));
    assert_eq!(counted(&r, "experience-36"), 1);
    // on 2028-02-28 it is the days after 2020-02-28
    let r = judge(&rules, "pmp", &p, date(2028, 2, 28));
    assert_eq!(counted(&r, "experience-36"), 2);
}

#[test]
fn alternative_paths() {
    let rules = set(vec![pmp()]);
    let mut led = role(date(2021, 1, 1), Some(date(2024, 12, 31)), false);
    led.tags = vec!["project-leadership".into()];
    let mut p = person(vec![led]);
    p.training.push(Training {
        title: None,
        hours: "20".parse().unwrap(),
        completed: date(2022, 1, 1),
    });
    p.training.push(Training {
        title: None,
        hours: "15".parse().unwrap(),
        completed: date(2023, 3, 1),
    });
    // 4 years, no degree: the 60-month path is not met
    let r = judge(&rules, "pmp", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::NotEligible);
    assert!(!met(&r, "without-degree"));
    // with a degree: met since both the degree, 36 months and 35 hours hold
    p.education.push(degree(Level::Master, date(2024, 6, 1)));
    let r = judge(&rules, "pmp", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    assert!(met(&r, "with-degree"));
    assert_eq!(r.eligible_on, Some(date(2024, 6, 1)));
}

#[test]
fn projects_and_certification_prerequisites() {
    let mut cssbb = rule(
        "cssbb",
        vec![
            req(
                "two-projects",
                RequirementKind::Projects {
                    count: 2,
                    affidavit: true,
                },
            ),
            req(
                "one-project",
                RequirementKind::Projects {
                    count: 1,
                    affidavit: true,
                },
            ),
            req(
                "experience",
                RequirementKind::Experience {
                    counting: crate::rules::model::Counting::Days,
                    months: 36,
                    roles: asq_roles(),
                    lookback_years: None,
                    waivers: vec![],
                },
            ),
        ],
    );
    cssbb.paths = vec![
        PrereqPath {
            id: "two".into(),
            name: "two".into(),
            requires: vec!["two-projects".into()],
        },
        PrereqPath {
            id: "one".into(),
            name: "one".into(),
            requires: vec!["one-project".into(), "experience".into()],
        },
    ];
    let rules = set(vec![cssbb]);
    let mut p = person(vec![role(date(2020, 1, 1), None, false)]);
    p.projects.push(Project {
        title: None,
        completed: date(2021, 3, 1),
        affidavit: true,
    });
    p.projects.push(Project {
        title: None,
        completed: date(2022, 3, 1),
        affidavit: false,
    });
    let r = judge(&rules, "cssbb", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    // one project (2021-03-01) and 3 years (1095 days, 2022-12-30)
    assert_eq!(r.eligible_on, Some(date(2022, 12, 30)));

    let mut cscp = rule(
        "cscp",
        vec![req(
            "cpim",
            RequirementKind::Certification { id: "cpim".into() },
        )],
    );
    cscp.exam_paths.clear();
    let cpim = rule("cpim", vec![]);
    let rules = set(vec![cscp, cpim]);
    let mut p = person(vec![]);
    p.certifications.push(Held {
        id: "cpim".into(),
        earned: date(2019, 5, 3),
        renewals: vec![],
    });
    let r = judge(&rules, "cscp", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::RequirementsMet);
    assert_eq!(r.eligible_on, Some(date(2019, 5, 3)));
}

fn cpim() -> Rule {
    let exam = |id: &str, to: Option<Date>| Exam {
        id: id.into(),
        name: id.into(),
        offered_from: None,
        offered_to: to,
        citation: cite(),
    };
    let years = |y| Period {
        years: y,
        ..Period::default()
    };
    let mut r = rule("cpim", vec![]);
    r.exams = vec![
        exam("cpim", None),
        exam("cpim-part-1", Some(date(2024, 2, 1))),
        exam("cpim-part-2", Some(date(2024, 2, 1))),
    ];
    r.exam_paths = vec![
        ExamPath {
            id: "single-exam".into(),
            name: "CPIM 8.0".into(),
            exams: vec!["cpim".into()],
            within: None,
            valid: None,
            for_holders_of: vec![],
            citation: cite(),
        },
        ExamPath {
            id: "two-part".into(),
            name: "Part 1 and Part 2".into(),
            exams: vec!["cpim-part-1".into(), "cpim-part-2".into()],
            within: Some(years(3)),
            valid: None,
            for_holders_of: vec![],
            citation: cite(),
        },
    ];
    r
}

fn passes(list: &[(&str, Date)]) -> Vec<ExamPass> {
    list.iter()
        .map(|(id, d)| ExamPass {
            id: (*id).into(),
            passed: *d,
        })
        .collect()
}

#[test]
fn exam_windows() {
    let rules = set(vec![cpim()]);
    let mut p = person(vec![]);
    let r = judge(&rules, "cpim", &p, date(2026, 11, 25));
    // no prerequisites: eligible, and no eligible_on
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.eligible_on, None);
    // last pass exactly 3 years after the first: met
    p.exams = passes(&[
        ("cpim-part-1", date(2019, 1, 10)),
        ("cpim-part-2", date(2022, 1, 10)),
    ]);
    let r = judge(&rules, "cpim", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::RequirementsMet);
    // one day later: the window does not hold
    p.exams = passes(&[
        ("cpim-part-1", date(2019, 1, 10)),
        ("cpim-part-2", date(2022, 1, 11)),
    ]);
    let r = judge(&rules, "cpim", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    // a pass after the as-of date does not count
    p.exams = passes(&[("cpim", date(2027, 1, 1))]);
    let r = judge(&rules, "cpim", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::Eligible);
    // an only Part 1 pass: Part 2 is no longer offered
    p.exams = passes(&[("cpim-part-1", date(2023, 1, 10))]);
    let r = judge(&rules, "cpim", &p, date(2026, 11, 25));
    match &r.requirements.last().unwrap().detail {
        Detail::Exam { paths, .. } => {
            assert_eq!(paths[1].withdrawn, vec!["cpim-part-2".to_string()]);
            assert_eq!(paths[1].deadline, Some(date(2026, 1, 10)));
        }
        d => panic!("{d:?}"),
    }
}

#[test]
fn passes_valid_for_a_rolling_window() {
    // three exams, each pass valid 4 years: all three must be valid on the
    // day judged, however far apart they were passed
    let mut r = rule("cpsm", vec![]);
    r.exams = ["cpsm-1", "cpsm-2", "cpsm-3"]
        .into_iter()
        .map(|id| Exam {
            id: id.into(),
            name: id.into(),
            offered_from: None,
            offered_to: None,
            citation: cite(),
        })
        .collect();
    r.exam_paths = vec![ExamPath {
        id: "three-exams".into(),
        name: "Three exams".into(),
        exams: vec!["cpsm-1".into(), "cpsm-2".into(), "cpsm-3".into()],
        within: None,
        valid: Some(Period {
            years: 4,
            ..Period::default()
        }),
        for_holders_of: vec![],
        citation: cite(),
    }];
    let rules = set(vec![r]);
    let mut p = person(vec![]);
    p.exams = passes(&[
        ("cpsm-1", date(2020, 3, 1)),
        ("cpsm-2", date(2021, 6, 1)),
        ("cpsm-3", date(2023, 9, 1)),
    ]);
    // the first pass is valid through 2024-02-29, the day before its fourth
    // anniversary
    let r = judge(&rules, "cpsm", &p, date(2024, 2, 29));
    assert_eq!(r.status, Status::RequirementsMet);
    let r = judge(&rules, "cpsm", &p, date(2024, 3, 1));
    assert_eq!(r.status, Status::Eligible);
    match &r.requirements.last().unwrap().detail {
        Detail::Exam { paths, .. } => {
            assert_eq!(paths[0].missing, vec!["cpsm-1".to_string()]);
            // the earliest valid pass (2021-06-01) expires after 2025-05-31
            assert_eq!(paths[0].deadline, Some(date(2025, 5, 31)));
        }
        d => panic!("{d:?}"),
    }
    // a retake brings the path back
    p.exams.push(ExamPass {
        id: "cpsm-1".into(),
        passed: date(2024, 5, 1),
    });
    let r = judge(&rules, "cpsm", &p, date(2024, 6, 1));
    assert_eq!(r.status, Status::RequirementsMet);
}

#[test]
fn exam_status_for_cmq_oe() {
    let rules = set(vec![cmq_oe()]);
    let mut p = person(vec![role(date(2010, 1, 1), None, true)]);
    p.exams = passes(&[("cmq-oe", date(2024, 3, 14))]);
    let r = judge(&rules, "cmq-oe", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::RequirementsMet);
    assert_eq!(r.eligible_on, Some(date(2019, 12, 31)));
}

#[test]
fn selection_defaults_to_held_and_targets() {
    let rules = set(vec![cmq_oe(), cpim()]);
    let mut p = person(vec![]);
    let rep = evaluate(&rules, &p, date(2026, 11, 25), &Selection::Default);
    assert_eq!(rep.results.len(), 2);
    p.targets = vec!["cpim".into()];
    let rep = evaluate(&rules, &p, date(2026, 11, 25), &Selection::Default);
    let ids: Vec<&str> = rep.results.iter().map(|r| r.certification).collect();
    assert_eq!(ids, vec!["cpim"]);
    assert_eq!(rep.exit_code(), 0);
    p.targets = vec!["cmq-oe".into()];
    let rep = evaluate(&rules, &p, date(2026, 11, 25), &Selection::Default);
    assert_eq!(rep.exit_code(), 1);
}

#[test]
fn time_alone_will_not_bring_a_degree_or_training_hours() {
    let rules = set(vec![pmp()]);
    let mut led = role(date(2018, 1, 1), None, false);
    led.tags = vec!["project-leadership".into()];
    // plenty of ongoing experience, a degree, but only 20 training hours
    let mut p = person(vec![led.clone()]);
    p.education.push(degree(Level::Bachelor, date(2017, 6, 1)));
    p.training.push(Training {
        title: None,
        hours: "20".parse().unwrap(),
        completed: date(2020, 1, 1),
    });
    let r = judge(&rules, "pmp", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::NotEligible);
    assert_eq!(r.eligible_on, None, "missing training hours");

    // a degree-only requirement that is not met: none
    let mut needs_degree = rule(
        "deg",
        vec![req(
            "degree",
            RequirementKind::Degree {
                tags: vec![],
                level: Level::Master,
            },
        )],
    );
    needs_degree.exam_paths.clear();
    let rules = set(vec![needs_degree]);
    let r = judge(&rules, "deg", &p, date(2026, 11, 25));
    assert_eq!(r.status, Status::NotEligible);
    assert_eq!(r.eligible_on, None, "missing degree");
    assert_eq!(r.requirements[0].met_on, None);
}

#[test]
fn an_activity_after_the_cycle_end_belongs_to_the_next_cycle() {
    use crate::profile::model::Activity;
    use crate::rules::model::{Anchor, Category, Recertification};
    let mut r = cmq_oe();
    r.recertification = Some(Recertification {
        grace_units: Default::default(),
        by_exam: None,
        cycle_years: 3,
        anchor: Anchor::Anniversary,
        units_required: "18".parse().unwrap(),
        unit: "RU".into(),
        grace: Period {
            months: 6,
            ..Period::default()
        },
        window_before: None,
        late_units_per_year: None,
        categories: vec![Category {
            max_share: None,
            id: "professional-development".into(),
            name: "Professional development".into(),
            min: None,
            max: None,
            parent: None,
            units_per_hour: None,
            citation: None,
        }],
        groups: vec![],
        carry_over: None,
        citation: cite(),
    });
    let rules = set(vec![r]);
    let act = |d: Date, u: &str| Activity {
        date: d,
        certifications: vec!["cmq-oe".into()],
        category: "professional-development".into(),
        units: u.parse().unwrap(),
        description: None,
        evidence: None,
    };
    let mut p = person(vec![]);
    p.certifications.push(Held {
        id: "cmq-oe".into(),
        earned: date(2020, 4, 1),
        renewals: vec![date(2023, 3, 20)],
    });
    // the first cycle ends 2023-04-01 (included); the next starts 2023-04-02
    p.activities = vec![act(date(2023, 4, 1), "2"), act(date(2023, 4, 2), "3")];
    let res = judge(&rules, "cmq-oe", &p, date(2024, 1, 1));
    let renewal = res.renewal.clone().unwrap();
    assert_eq!(renewal.cycle, 1);
    assert_eq!(renewal.cycle_start, date(2023, 4, 2));
    assert_eq!(renewal.cycle_end, date(2026, 4, 1));
    assert_eq!(renewal.units_counted, "3".parse().unwrap());
    assert_eq!(renewal.units_needed, "15".parse().unwrap());
    assert_eq!(res.status, Status::Certified);
    assert_eq!(
        res.eligible_on, None,
        "held certifications have no eligible_on"
    );
    // without the renewal the holder is still in cycle 0, where the 2 units
    // count; the 3 units after its end count nowhere yet
    p.certifications[0].renewals.clear();
    let res = judge(&rules, "cmq-oe", &p, date(2023, 4, 5));
    assert_eq!(res.status, Status::Grace);
    let renewal = res.renewal.unwrap();
    assert_eq!(renewal.cycle, 0);
    assert_eq!(renewal.units_counted, "2".parse().unwrap());
}

#[test]
fn an_activity_in_a_category_of_another_edition_is_not_counted_and_said_so() {
    use crate::profile::model::Activity;
    let rules = crate::test_support::builtin_rules();
    let mut p = person(vec![]);
    p.certifications.push(Held {
        id: "pmp".into(),
        earned: date(2014, 3, 1),
        renewals: vec![date(2017, 2, 1), date(2020, 2, 1)],
    });
    p.activities = vec![Activity {
        date: date(2021, 5, 1),
        certifications: vec!["pmp".into()],
        category: "category-c".into(),
        units: "10".parse().unwrap(),
        description: Some("Reading".into()),
        evidence: None,
    }];
    let rep = evaluate(
        rules,
        &p,
        date(2021, 6, 1),
        &Selection::Only(vec!["pmp".into()]),
    );
    let r = &rep.results[0];
    assert_eq!(r.edition, "2015");
    assert_eq!(r.renewal.as_ref().unwrap().units_counted, Units::ZERO);
    assert_eq!(
        rep.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec![
            "the activity `Reading` on 2021-05-01 is in category `category-c`, which edition `2015` of the `pmp` rules does not define; it is not counted"
                .to_string()
        ]
    );
    // in a cycle ending under the 2011 edition (2015-09-01), it counts
    p.activities[0].date = date(2015, 5, 1);
    p.certifications[0].earned = date(2012, 9, 1);
    let rep = evaluate(
        rules,
        &p,
        date(2015, 6, 1),
        &Selection::Only(vec!["pmp".into()]),
    );
    assert_eq!(rep.results[0].edition, "2011");
    assert_eq!(
        rep.results[0].renewal.as_ref().unwrap().units_counted,
        "10".parse().unwrap()
    );
    assert!(
        rep.warnings
            .iter()
            .all(|w| !w.to_string().contains("category-c")),
        "{:?}",
        rep.warnings
    );
}

/// The second judgement of month dates: a warning only where the other end
/// of the month changes a status, naming the dates that change it alone,
/// and only where the warnings are asked for.
#[test]
fn month_dates_whose_other_end_changes_a_status_are_warned() {
    let rules = crate::test_support::builtin_rules();
    let text = "name = \"P\"\ntargets = [\"cpim\"]\n\
                [[exams]]\nid = \"cpim-part-1\"\npassed = \"2018-03\"\n\
                [[exams]]\nid = \"cpim-part-2\"\npassed = \"2021-03\"\n";
    let p = crate::profile::parse_toml(text, "p.toml", "p", rules).unwrap();
    let month_warnings = |r: &Report<'_>| -> Vec<String> {
        r.warnings
            .iter()
            .filter(|w| w.kind() == "month-date-decides")
            .map(ToString::to_string)
            .collect()
    };
    // on 2021-03-20 Part 2 read as 2021-03-31 is not yet passed; on its
    // month's first day it is, inside the window from 2018-03-01
    let r = evaluate(rules, &p, date(2021, 3, 20), &Selection::Default);
    assert_eq!(r.results[0].status, Status::Eligible);
    assert_eq!(r.month_dates.len(), 2);
    let w = month_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("give the exact day of `exams.passed` for `cpim-part-2`: it decides whether `cpim` is eligible or requirements-met"),
        "{}",
        w[0]
    );
    let quiet =
        crate::eval::evaluate_without_warnings(rules, &p, date(2021, 3, 20), &Selection::Default);
    assert!(quiet.warnings.is_empty());
    // once both ends of the month are past, the day no longer matters
    let r = evaluate(rules, &p, date(2021, 6, 1), &Selection::Default);
    assert_eq!(r.results[0].status, Status::RequirementsMet);
    assert!(month_warnings(&r).is_empty(), "{:?}", r.warnings);
}
