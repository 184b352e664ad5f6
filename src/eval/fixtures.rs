//! Hand-built reports for the renderers' tests and the summaries' (the
//! evaluator is tested on its own; these only need to be plausible). Here,
//! below the renderers, so that the evaluator's tests can use them too.

use crate::dates::{Date, date};
use crate::eval::{
    CarryOverResult, CategoryResult, CertResult, Detail, ExamPathResult, GroupResult, ProfileRef,
    Renewal, Report, RequirementResult, Status, Warning,
};
use crate::rules::model::Level;
use crate::units::Units;

/// An exam path named after its id in capitals, met when nothing is
/// missing, with no deadline, its window holding and nothing withdrawn.
pub fn exam_path_passing<'a>(
    id: &'a str,
    passed: &[(&str, Date)],
    missing: &[&'a str],
) -> ExamPathResult<'a> {
    ExamPathResult {
        id,
        // (a report borrows its names from the rules; these tests have
        // none, and leak a few bytes instead)
        name: Box::leak(id.to_uppercase().into_boxed_str()),
        met: missing.is_empty(),
        passed: passed
            .iter()
            .map(|(e, d)| crate::profile::model::ExamPass {
                id: e.to_string(),
                passed: *d,
            })
            .collect(),
        missing: missing.to_vec(),
        deadline: None,
        window_ok: true,
        withdrawn: vec![],
        for_holders_of: vec![],
        open: true,
    }
}

pub fn u(s: &str) -> Units {
    s.parse().unwrap()
}

pub fn req<'a>(
    id: &'a str,
    name: &'a str,
    met: bool,
    summary: &str,
    detail: Detail<'a>,
) -> RequirementResult<'a> {
    RequirementResult {
        met_by: None,
        met_by_any: &[],
        id,
        name,
        met,
        summary: summary.into(),
        met_on: None,
        detail,
    }
}

pub fn report<'a>(as_of: Date, results: Vec<CertResult<'a>>, warnings: &[&str]) -> Report<'a> {
    Report {
        as_of,
        profile: ProfileRef {
            name: "Dana Whitfield".into(),
            id: "C-1042".into(),
        },
        results,
        warnings: warnings
            .iter()
            .map(|w| Warning::Text(w.to_string()))
            .collect(),
        month_dates: vec![],
    }
}

fn experience(counted: i64, required: i64, base: i64, waived: u32) -> Detail<'static> {
    Detail::Experience {
        counted_months: None,
        counting: crate::rules::model::Counting::Days,
        required_months: None,
        roles: vec![],
        counted_days: counted,
        required_days: required,
        base_required_days: base,
        waived_months: waived,
        waiver_level: (waived > 0).then_some(Level::Bachelor),
        window_from: None,
    }
}

fn exam_path<'a>(id: &'a str, name: &'a str, exams: &[&'a str]) -> ExamPathResult<'a> {
    ExamPathResult {
        id,
        name,
        met: false,
        passed: vec![],
        missing: exams.to_vec(),
        deadline: None,
        window_ok: true,
        withdrawn: vec![],
        for_holders_of: vec![],
        open: true,
    }
}

/// CMQ/OE, not held: total experience met thanks to a bachelor's waiver,
/// decision-making experience short, no exam yet.
pub fn cmq_oe_not_eligible() -> CertResult<'static> {
    let mut dm = req(
        "decision-making",
        "Decision-making experience",
        false,
        "3 y 8 m of 5 y in a decision-making position",
        experience(1546, 1826, 1826, 0),
    );
    dm.met_on = Some(date(2027, 9, 30));
    CertResult {
        certification: "cmq-oe",
        name: "Certified Manager of Quality/Organizational Excellence",
        issuer: "ASQ",
        edition: "2024",
        status: Status::NotEligible,
        eligible_on: Some(date(2027, 9, 30)),
        requirements: vec![
            req(
                "experience",
                "Work experience",
                true,
                "8 y 4 m of 6 y counted (10 y, 4 y waived for a bachelor's degree)",
                experience(3042, 2191, 3652, 48),
            ),
            dm,
            req(
                "exam",
                "Exam",
                false,
                "no exam path passed yet",
                Detail::Exam {
                    met_path: None,
                    paths: vec![exam_path("cmq-oe", "CMQ/OE exam", &["cmq-oe"])],
                },
            ),
        ],
        renewal: None,
    }
}

/// CPIM, held, second cycle: a capped category, an unmet minimum, a group,
/// carry-over.
pub fn cpim_certified() -> CertResult<'static> {
    CertResult {
        certification: "cpim",
        name: "Certified in Planning and Inventory Management",
        issuer: "ASCM",
        edition: "2023",
        status: Status::Certified,
        eligible_on: None,
        requirements: vec![],
        renewal: Some(Renewal {
            cycle: 1,
            cycle_number: 2,
            edition: "2023",
            cycle_start: date(2021, 8, 1),
            cycle_end: date(2026, 7, 31),
            grace_until: date(2026, 10, 29),
            by_exam_until: None,
            route: None,
            grace_units_count: false,
            days_left: 249,
            window_opens: None,
            unit: "points",
            units_required: u("75"),
            late_units: u("0"),
            units_counted: u("57.5"),
            units_needed: u("17.5"),
            ready: false,
            categories: vec![
                CategoryResult {
                    id: "continuing-education",
                    name: "Continuing education",
                    earned: u("40"),
                    counted: u("40"),
                    min: None,
                    max: None,
                    max_share: None,
                    over_cap: u("0"),
                    needed: u("0"),
                    parent: None,
                },
                CategoryResult {
                    id: "membership",
                    name: "Membership",
                    earned: u("18"),
                    counted: u("12.5"),
                    min: None,
                    max: Some(u("12.5")),
                    max_share: None,
                    over_cap: u("5.5"),
                    needed: u("0"),
                    parent: None,
                },
                CategoryResult {
                    id: "teaching",
                    name: "Teaching",
                    earned: u("0"),
                    counted: u("0"),
                    min: Some(u("8")),
                    max: None,
                    max_share: None,
                    over_cap: u("0"),
                    needed: u("8"),
                    parent: None,
                },
            ],
            groups: vec![GroupResult {
                id: "learning",
                name: "Learning",
                categories: vec!["continuing-education", "teaching"],
                counted: u("40"),
                min: Some(u("30")),
                max: None,
                over_cap: u("0"),
                needed: u("0"),
            }],
            carry_over: Some(CarryOverResult {
                units: u("5"),
                from_start: date(2016, 8, 1),
                from_end: date(2021, 7, 31),
            }),
        }),
    }
}

/// A held certification in `status` on `as_of`, ready or not.
pub fn held(status: Status, ready: bool) -> CertResult<'static> {
    let mut r = cpim_certified();
    r.status = status;
    let rn = r.renewal.as_mut().unwrap();
    rn.categories.clear();
    rn.groups.clear();
    rn.carry_over = None;
    if ready {
        rn.ready = true;
        rn.units_counted = u("75");
        rn.units_needed = u("0");
    }
    r
}

/// A report with every kind of requirement detail (for the JSON contract).
pub fn every_detail() -> Report<'static> {
    let mut exp = req(
        "experience",
        "experience name",
        false,
        "experience summary",
        Detail::Experience {
            counted_months: None,
            counting: crate::rules::model::Counting::Days,
            required_months: None,
            roles: vec![],
            counted_days: 3042,
            required_days: 2191,
            base_required_days: 3652,
            waived_months: 48,
            waiver_level: Some(Level::Bachelor),
            window_from: Some(date(2018, 11, 26)),
        },
    );
    exp.met_on = Some(date(2027, 9, 30));
    let mut parts = exam_path("parts", "Part 1 and Part 2", &["cpim-part-2"]);
    parts.passed = vec![crate::profile::model::ExamPass {
        id: "cpim-part-1".into(),
        passed: date(2022, 3, 1),
    }];
    parts.deadline = Some(date(2025, 3, 1));
    parts.withdrawn = vec!["cpim-part-2"];
    let not_held = CertResult {
        certification: "cmq-oe",
        name: "Certified Manager of Quality/Organizational Excellence",
        issuer: "ASQ",
        edition: "2024",
        status: Status::NotEligible,
        eligible_on: Some(date(2027, 9, 30)),
        requirements: vec![
            exp,
            req(
                "degree",
                "degree name",
                true,
                "degree summary",
                Detail::Degree {
                    tags: vec!["gac-accredited"],
                    required: Level::Bachelor,
                    highest: Some(Level::Master),
                },
            ),
            req(
                "training",
                "training name",
                false,
                "training summary",
                Detail::Training {
                    hours_counted: u("10.8"),
                    hours_required: u("35"),
                },
            ),
            req(
                "held",
                "held name",
                false,
                "held summary",
                Detail::Certification {
                    id: "cqe",
                    status: Some(Status::Lapsed),
                },
            ),
            req(
                "projects",
                "projects name",
                false,
                "projects summary",
                Detail::Projects {
                    counted: 1,
                    required: 2,
                },
            ),
            req(
                "with-degree",
                "with-degree name",
                false,
                "with-degree summary",
                Detail::Path {
                    requires: vec!["experience", "degree"],
                },
            ),
            req(
                "exam",
                "exam name",
                false,
                "exam summary",
                Detail::Exam {
                    met_path: None,
                    paths: vec![parts],
                },
            ),
        ],
        renewal: None,
    };
    let mut cpim = cpim_certified();
    {
        let rn = cpim.renewal.as_mut().unwrap();
        rn.units_counted = u("10.8");
        rn.units_needed = u("64.2");
        rn.categories.truncate(2);
        rn.categories.remove(0);
        rn.groups[0].categories = vec!["membership"];
        rn.groups[0].counted = u("12.5");
        rn.groups[0].min = Some(u("35"));
        rn.groups[0].needed = u("22.5");
        rn.groups[0].id = "education";
        rn.groups[0].name = "Education";
        rn.carry_over.as_mut().unwrap().units = u("0.125");
    }
    report(date(2026, 11, 25), vec![not_held, cpim], &["a warning"])
}
