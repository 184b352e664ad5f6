//! A person's path as dated facts, for reports that draw it (the HTML page):
//! roles, degrees, exams, the day each requirement was or will be met, the
//! recertification cycles and the units accumulating in the current one.
//! Pure, like the rest of the evaluator.

use serde::Serialize;

use crate::dates::Date;
use crate::profile::Profile;
use crate::profile::model::Held;
use crate::rules::RuleSet;
use crate::rules::model::{Level, RoleKind, Rule};
use crate::units::Units;

use super::{CertResult, Report, eligibility, renewal};

/// Everything dated about one person, seen on the as-of date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    pub as_of: Date,
    /// The roles, in the profile's order.
    pub roles: Vec<RoleSpan>,
    pub education: Vec<DegreeMark>,
    pub exams: Vec<ExamMark>,
    /// One per certification of the report, in its order.
    pub certifications: Vec<CertTimeline>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleSpan {
    pub label: String,
    pub start: Date,
    /// `None` while ongoing.
    pub end: Option<Date>,
    pub decision_making: bool,
    /// Full-time, paid and not an internship or co-op.
    pub full_time_paid: bool,
    pub kind: RoleKind,
    /// Starts after the as-of date: not counted.
    pub after_as_of: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DegreeMark {
    pub level: Level,
    pub field: Option<String>,
    pub completed: Date,
    pub after_as_of: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExamMark {
    pub id: String,
    pub passed: Date,
    pub after_as_of: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CertTimeline {
    pub certification: String,
    pub requirements: Vec<RequirementDay>,
    /// Recertification cycles of a held certification, the first to the
    /// current one.
    pub cycles: Vec<CycleSpan>,
    /// The current cycle's units, step by step.
    pub progress: Option<Progress>,
    /// The rule's sources (edition, requirements, exams, recertification),
    /// each once, in that order.
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequirementDay {
    pub id: String,
    pub name: String,
    pub met: bool,
    /// Met: the first day of the unbroken run up to the as-of date on which
    /// it held. Not met: the day it will be met if current roles go on.
    pub day: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CycleSpan {
    pub index: u32,
    pub start: Date,
    pub end: Date,
    pub grace_until: Date,
    /// The last day a renewal by exam is accepted, where the edition judging
    /// the cycle has one.
    pub by_exam_until: Option<Date>,
    /// The renewal recorded for this cycle, if any.
    pub renewed_on: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub start: Date,
    pub end: Date,
    pub grace_until: Date,
    pub unit: String,
    pub required: Units,
    /// (day, units counted in the cycle up to that day, caps applied), from
    /// the cycle's start to the as-of date, at each day with an activity.
    pub points: Vec<(Date, Units)>,
}

/// The timeline of `profile` for the certifications of `report`.
pub fn timeline(rules: &RuleSet, profile: &Profile, report: &Report) -> Timeline {
    let as_of = report.as_of;
    let roles = profile
        .employment
        .iter()
        .map(|r| RoleSpan {
            label: r.label(),
            start: r.start,
            end: r.end,
            decision_making: r.decision_making,
            full_time_paid: r.full_time
                && r.paid
                && !matches!(r.kind, RoleKind::Internship | RoleKind::CoOp),
            kind: r.kind,
            after_as_of: r.start > as_of,
        })
        .collect();
    let education = profile
        .education
        .iter()
        .map(|e| DegreeMark {
            level: e.level,
            field: e.field.clone(),
            completed: e.completed,
            after_as_of: e.completed > as_of,
        })
        .collect();
    let exams = profile
        .exams
        .iter()
        .map(|x| ExamMark {
            id: x.id.clone(),
            passed: x.passed,
            after_as_of: x.passed > as_of,
        })
        .collect();
    let certifications = report
        .results
        .iter()
        .map(|r| cert_timeline(rules, profile, as_of, r))
        .collect();
    Timeline {
        as_of,
        roles,
        education,
        exams,
        certifications,
    }
}

/// The timeline of one judged certification: the day each requirement was
/// (or will be) met, and its cycles where it is held.
fn cert_timeline(rules: &RuleSet, profile: &Profile, as_of: Date, r: &CertResult) -> CertTimeline {
    let rule = rules.get(r.certification, as_of);
    let since = rule.map_or_else(Vec::new, |rule| {
        eligibility::requirements_met_since(rules, rule, profile, as_of)
    });
    let requirements = r
        .requirements
        .iter()
        .map(|q| {
            let i = rule.and_then(|rule| rule.requirements.iter().position(|x| x.id == q.id));
            let day = if q.met {
                i.and_then(|i| since.get(i).copied().flatten())
            } else {
                q.met_on
            };
            RequirementDay {
                id: q.id.to_string(),
                name: q.name.to_string(),
                met: q.met,
                day,
            }
        })
        .collect();
    let held = profile
        .certifications
        .iter()
        .find(|h| h.id == r.certification && h.earned <= as_of);
    let (cycles, progress) = match (rule, held) {
        (Some(rule), Some(h)) => cycles_of(rules, rule, profile, h, as_of),
        _ => (Vec::new(), None),
    };
    CertTimeline {
        certification: r.certification.to_string(),
        requirements,
        cycles,
        progress,
        sources: rule.map_or_else(Vec::new, sources),
    }
}

fn cycles_of(
    rules: &RuleSet,
    rule: &Rule,
    profile: &Profile,
    held: &Held,
    as_of: Date,
) -> (Vec<CycleSpan>, Option<Progress>) {
    // each cycle under the edition that judges it, as in the report
    let Some(eds) = renewal::Editions::of(rules, rule) else {
        return (Vec::new(), None);
    };
    let renewals = renewal::renewals_through(held, as_of);
    let n = u32::try_from(renewals.len()).unwrap_or(u32::MAX);
    let cycles: Vec<CycleSpan> = (0..=n.min(1000))
        .map(|k| {
            let j = eds.cycle(held.earned, k);
            let c = j.cycle;
            CycleSpan {
                index: k,
                start: c.start,
                end: c.end,
                grace_until: c.grace_until,
                by_exam_until: j.by_exam_until,
                renewed_on: renewals.get(k as usize).copied(),
            }
        })
        .collect();
    let judged = eds.cycle(held.earned, n);
    let (current, rc) = (judged.cycle, judged.rc);
    // The renewals only count towards the cycle number: recorded on the day
    // earned, they make cycle n current on every day of it, even before a
    // renewal recorded late in its grace period.
    let fixed = Held {
        renewals: vec![held.earned; renewals.len()],
        ..held.clone()
    };
    let acts: Vec<_> = profile
        .activities
        .iter()
        .filter(|a| a.date <= as_of)
        .cloned()
        .collect();
    // the last day whose units count: the grace period's end where
    // grace-period units complete the cycle
    let last = judged.last_counting_day().min(as_of);
    let mut days: Vec<Date> = acts
        .iter()
        .filter(|a| a.certifications.contains(&held.id))
        .map(|a| a.date)
        .filter(|d| *d >= current.start && *d <= last)
        .collect();
    if current.start <= as_of {
        days.push(current.start);
    }
    days.sort_unstable();
    days.dedup();
    let points = days
        .into_iter()
        .map(|d| (d, renewal::renewal_in(&eds, &fixed, &acts, d).units_counted))
        .collect();
    let progress = Progress {
        start: current.start,
        end: current.end,
        grace_until: current.grace_until,
        unit: rc.unit.clone(),
        required: rc.units_required,
        points,
    };
    (cycles, Some(progress))
}

/// The rule's source URLs, each once.
fn sources(rule: &Rule) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !s.is_empty() && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    };
    if let Some(c) = &rule.edition.citation {
        push(&c.source);
    }
    for q in &rule.requirements {
        push(&q.citation.source);
    }
    for p in &rule.exam_paths {
        push(&p.citation.source);
    }
    if let Some(rc) = &rule.recertification {
        push(&rc.citation.source);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::{Selection, evaluate};
    use std::path::Path;

    fn dana() -> (&'static RuleSet, Profile) {
        let rules = crate::test_support::builtin_rules();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/dana.toml"))
                .unwrap();
        let p =
            crate::profile::parse_bytes(text.as_bytes(), Path::new("dana.toml"), rules).unwrap();
        (rules, p)
    }

    #[test]
    fn dana_cycles_and_units_step_by_step() {
        let (rules, p) = dana();
        let as_of = date(2026, 11, 25);
        let report = evaluate(rules, &p, as_of, &Selection::Default);
        let t = timeline(rules, &p, &report);
        assert_eq!(t.roles.len(), 2);
        assert!(t.roles[1].decision_making && t.roles[1].end.is_none());
        let cmq = &t.certifications[0];
        assert_eq!(cmq.certification, "cmq-oe");
        let spans: Vec<(Date, Date, Option<Date>)> = cmq
            .cycles
            .iter()
            .map(|c| (c.start, c.end, c.renewed_on))
            .collect();
        assert_eq!(
            spans,
            [
                (
                    date(2021, 10, 15),
                    date(2024, 10, 15),
                    Some(date(2024, 9, 2))
                ),
                (date(2024, 10, 16), date(2027, 10, 15), None),
            ]
        );
        let pr = cmq.progress.as_ref().unwrap();
        let u = |s: &str| s.parse::<Units>().unwrap();
        assert_eq!(
            pr.points,
            [
                (date(2024, 10, 16), u("0")),
                (date(2024, 11, 7), u("1.5")),
                (date(2025, 3, 12), u("3.9")),
                (date(2025, 10, 15), u("7.5")),
                (date(2026, 6, 20), u("8.5")),
            ]
        );
        assert_eq!(pr.required, u("18"));
        assert!(cmq.sources.iter().all(|s| s.starts_with("http")));
        assert!(!cmq.sources.is_empty());
    }

    #[test]
    fn requirement_days_met_since_and_to_come() {
        let rules = crate::test_support::builtin_rules();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sam.toml"))
                .unwrap();
        let p = crate::profile::parse_bytes(text.as_bytes(), Path::new("sam.toml"), rules).unwrap();
        let as_of = date(2026, 11, 25);
        let report = evaluate(rules, &p, as_of, &Selection::Default);
        let t = timeline(rules, &p, &report);
        let days: Vec<(&str, bool, Option<Date>)> = t.certifications[0]
            .requirements
            .iter()
            .map(|q| (q.id.as_str(), q.met, q.day))
            .collect();
        // 8 years (2922 days, associate waiver) of full-time paid work from
        // 2014-07-01 were reached on 2022-06-30; decision-making: 2028-01-08
        assert_eq!(
            days,
            [
                ("experience", true, Some(date(2022, 6, 30))),
                ("decision-making", false, Some(date(2028, 1, 8))),
                ("exam", false, None),
            ]
        );
    }

    /// A PMP holder in suspension (grace-period units complete the overdue
    /// cycle): the units chart goes on through the suspension, and an ASQ
    /// holder's cycle says how long renewal by exam lasts.
    #[test]
    fn the_chart_counts_grace_period_units_and_the_cycle_its_exam_renewal() {
        let rules = crate::test_support::builtin_rules();
        let text = "name = \"Jo\"\n\
                    [[certifications]]\nid = \"pmp\"\nearned = 2020-03-01\n\
                    [[certifications]]\nid = \"cmq-oe\"\nearned = 2021-03-01\n\
                    [[activities]]\ndate = 2023-06-01\ncertifications = [\"pmp\"]\n\
                    category = \"ways-of-working\"\nunits = 20\n";
        let p = crate::profile::parse_bytes(text.as_bytes(), Path::new("jo.toml"), rules).unwrap();
        let as_of = date(2023, 9, 1);
        let report = evaluate(rules, &p, as_of, &Selection::Default);
        let t = timeline(rules, &p, &report);
        let pmp = t
            .certifications
            .iter()
            .find(|c| c.certification == "pmp")
            .unwrap();
        let pr = pmp.progress.as_ref().unwrap();
        // the cycle ended on 2023-03-01; the PDUs of 2023-06-01 still count
        assert_eq!(pr.points.last().map(|x| x.0), Some(date(2023, 6, 1)));
        assert_eq!(pr.points.last().map(|x| x.1), "20".parse::<Units>().ok());
        let cmq = t
            .certifications
            .iter()
            .find(|c| c.certification == "cmq-oe")
            .unwrap();
        let last = cmq.cycles.last().unwrap();
        assert_eq!(
            (last.end, last.grace_until, last.by_exam_until),
            (date(2024, 3, 1), date(2024, 9, 1), Some(date(2025, 3, 1)))
        );
    }
}
