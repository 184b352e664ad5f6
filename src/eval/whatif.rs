//! What-if: hypothetical facts ("a master's degree on 2027-06-01") judged
//! beside the profile's real ones.
//!
//! The evaluator ignores facts dated after the as-of date: a plan is not a
//! fact. Assumptions are the one exception. An assumed fact counts from its
//! own date, which may lie after the as-of date: on the as-of date itself it
//! counts only if dated on or before it, and in every projection
//! (`eligible_on`, `met_on`, the day the requirements are met, the day a
//! renewal is ready) it counts from its date on. With no assumptions the
//! evaluation is exactly [`super::evaluate`].
//!
//! An assumed role is a new full-time, paid employee role starting on its
//! day and going on; the roles still going on that day end the day before
//! (a new job replaces the current one).

use serde::Serialize;

use crate::dates::Date;
use crate::error::did_you_mean;
use crate::profile::Profile;
use crate::profile::model::{Activity, ExamPass, Held};
use crate::rules::RuleSet;
use crate::rules::model::Rule;

pub use super::assume::{Assumed, Assumption, NO_ASSUMPTIONS};
use super::{
    CertResult, ProfileRef, Report, Selection, Status, eligibility, evaluate_with, exams, renewal,
};

/// The held certifications (earned on or before `as_of`) whose rules define
/// `category`.
fn holders_of(rules: &RuleSet, profile: &Profile, as_of: Date, category: &str) -> Vec<String> {
    profile
        .certifications
        .iter()
        .filter(|h| h.earned <= as_of)
        .filter(|h| rules.category_ids(&h.id).contains(&category))
        .map(|h| h.id.clone())
        .collect()
}

/// An assumption the rules or the profile cannot place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The assumption, as given.
    pub assumption: Assumption,
    pub problem: Problem,
}

/// What is wrong with an [`Unresolved`] assumption, with what the rules
/// offer instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An exam the rules do not define.
    UnknownExam {
        id: String,
        /// The nearest known exam id, if one is close.
        near: Option<String>,
        /// Every known exam id.
        known: Vec<String>,
    },
    /// An activity in a category no held certification has.
    NoHolder {
        category: String,
        /// The nearest category of a held certification, if one is close.
        near: Option<String>,
        /// The categories of the held certifications (empty: none held).
        held: Vec<String>,
    },
    /// A role or degree tag no loaded rule asks for: it could change
    /// nothing, and is most likely a slip (`decison-making`).
    UnknownTag {
        /// `role` or `degree`.
        of: &'static str,
        tag: String,
        /// The nearest tag the rules ask for of that kind (or, for a
        /// role, `decision-making`), if one is close.
        near: Option<String>,
        /// The tags the rules ask for of that kind.
        known: Vec<String>,
    },
}

/// The first tag of an assumed role or degree that no loaded rule asks
/// for, as a problem.
fn unknown_tag(a: &Assumption, rules: &RuleSet) -> Option<Problem> {
    use crate::rules::model::RequirementKind;
    let (of, tags) = match a {
        Assumption::Role { tags, .. } => ("role", tags),
        Assumption::Degree { tags, .. } => ("degree", tags),
        _ => return None,
    };
    let known = super::eligibility::tags_asked_for(rules, |k| match (k, of) {
        (RequirementKind::Experience { roles, .. }, "role") => &roles.tags,
        (RequirementKind::Degree { tags, .. }, "degree") => tags,
        _ => &[],
    });
    let tag = tags.iter().find(|t| !known.contains(&t.as_str()))?;
    // a role's flag is a tag too, spelt differently
    let flag: &[&str] = if of == "role" {
        &["decision-making"]
    } else {
        &[]
    };
    Some(Problem::UnknownTag {
        of,
        tag: tag.clone(),
        near: did_you_mean(tag, known.iter().chain(flag).copied()).map(str::to_string),
        known: known.iter().map(|k| (*k).to_string()).collect(),
    })
}

/// Checks each assumption against the rules and the profile and turns them
/// into facts. Every problem is reported.
pub fn resolve(
    assumptions: &[Assumption],
    rules: &RuleSet,
    profile: &Profile,
    as_of: Date,
) -> Result<Assumed, Vec<Unresolved>> {
    let mut out = Assumed::default();
    let mut errors = Vec::new();
    for a in assumptions {
        let problem = match a {
            Assumption::Exam { id, .. } if !rules.exam_ids().contains(&id.as_str()) => {
                let known = rules.exam_ids();
                Problem::UnknownExam {
                    id: id.clone(),
                    near: did_you_mean(id, known.iter().copied()).map(str::to_string),
                    known: known.iter().map(|k| (*k).to_string()).collect(),
                }
            }
            Assumption::Activity { category, .. } => {
                let certs = holders_of(rules, profile, as_of, category);
                if !certs.is_empty() {
                    out.push(a, &certs);
                    continue;
                }
                let held: Vec<String> = profile
                    .certifications
                    .iter()
                    .filter(|h| h.earned <= as_of)
                    .flat_map(|h| rules.category_ids(&h.id))
                    .map(str::to_string)
                    .collect();
                Problem::NoHolder {
                    category: category.clone(),
                    near: did_you_mean(category, held.iter().map(String::as_str))
                        .map(str::to_string),
                    held,
                }
            }
            _ => match unknown_tag(a, rules) {
                Some(p) => p,
                None => {
                    out.push(a, &[]);
                    continue;
                }
            },
        };
        errors.push(Unresolved {
            assumption: a.clone(),
            problem,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Judges `profile` with `assumed` facts added, on `as_of`.
pub fn evaluate_assuming<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    assumed: &Assumed,
) -> Report<'r> {
    evaluate_with(rules, profile, as_of, selection, assumed, true)
}

/// The days that matter for one certification, seen from the as-of date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Milestones {
    pub status: Status,
    /// As in the report: the day every prerequisite is (or was) met.
    pub eligible_on: Option<Date>,
    /// For a certification not held: the first day, on or after the as-of
    /// date, on which every prerequisite and an exam path are met, so that
    /// it can be awarded; `None` where that takes more than time.
    pub requirements_met_on: Option<Date>,
    /// For a held certification: the first day, on or after the as-of date
    /// and by the last day whose units count towards the current cycle (its
    /// end, or its grace period's end where grace-period units complete
    /// it), on which its requirement is met
    /// counting the activities dated up to that day; `None` if not by then.
    pub renewal_ready_on: Option<Date>,
}

/// Milestones of `result` (judged on `as_of` with `assumed`).
pub fn milestones(
    rules: &RuleSet,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
    result: &CertResult,
) -> Milestones {
    let mut m = Milestones {
        status: result.status,
        eligible_on: result.eligible_on,
        requirements_met_on: None,
        renewal_ready_on: None,
    };
    let Some(rule) = rules.get(result.certification, as_of) else {
        return m;
    };
    let held = profile
        .certifications
        .iter()
        .find(|h| h.id == rule.id && h.earned <= as_of);
    match held {
        Some(h) => {
            m.renewal_ready_on = renewal_ready_on(rules, rule, profile, h, as_of, assumed);
        }
        None => {
            m.requirements_met_on =
                exams_met_from(rules, rule, profile, as_of, assumed).and_then(|x| {
                    eligibility::prerequisites_met_from(rules, rule, profile, as_of, assumed, x)
                });
        }
    }
    m
}

/// The first day on or after `as_of` on which an exam path of `rule` is met
/// (the as-of date for a rule without exams), with the profile's passes up
/// to the as-of date and the assumed ones from their dates.
fn exams_met_from(
    rules: &RuleSet,
    rule: &Rule,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
) -> Option<Date> {
    if rule.exam_paths.is_empty() {
        return Some(as_of);
    }
    let passes: Vec<ExamPass> = profile
        .exams
        .iter()
        .filter(|p| p.passed <= as_of)
        .chain(assumed.exams.iter())
        .cloned()
        .collect();
    let mut days: Vec<Date> = assumed
        .exams
        .iter()
        .map(|p| p.passed)
        .filter(|d| *d > as_of)
        .collect();
    days.push(as_of);
    days.sort_unstable();
    days.dedup();
    // a path open only to holders: as they hold on the as-of date (no
    // assumption adds a certification)
    let open: Vec<bool> = rule
        .exam_paths
        .iter()
        .map(|p| {
            p.for_holders_of.is_empty()
                || eligibility::holds_any(rules, &p.for_holders_of, profile, as_of)
        })
        .collect();
    days.into_iter().find(|d| {
        rule.exam_paths
            .iter()
            .zip(&open)
            .any(|(p, open)| exams::judge_path(rule, p, &passes, *d, *open).met)
    })
}

/// The first day on or after `as_of`, up to the last day whose units count
/// towards the current cycle (its end, or its grace period's end where
/// grace-period units complete it), on which the held certification's cycle
/// requirement is met, each cycle judged by its own edition.
fn renewal_ready_on(
    rules: &RuleSet,
    rule: &Rule,
    profile: &Profile,
    held: &Held,
    as_of: Date,
    assumed: &Assumed,
) -> Option<Date> {
    let eds = renewal::Editions::of(rules, rule)?;
    let held = Held {
        renewals: renewal::renewals_through(held, as_of),
        ..held.clone()
    };
    let acts: Vec<Activity> = profile
        .activities
        .iter()
        .filter(|a| a.date <= as_of)
        .chain(assumed.activities.iter())
        .cloned()
        .collect();
    let end = eds.current(&held, as_of).last_counting_day();
    let mut days: Vec<Date> = acts
        .iter()
        .filter(|a| a.certifications.contains(&held.id))
        .map(|a| a.date)
        .filter(|d| *d > as_of && *d <= end)
        .collect();
    days.push(as_of);
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .find(|d| renewal::renewal_in(&eds, &held, &acts, *d).ready)
}

/// One certification, now and under the assumptions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub certification: String,
    pub name: String,
    pub baseline: Milestones,
    pub assumed: Milestones,
    /// What changed: `status`, `eligible_on`, `requirements_met_on`,
    /// `renewal_ready_on`, and the ids of requirements whose mark, day or
    /// figures changed.
    pub changed: Vec<String>,
}

/// One assumption as reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssumptionView {
    /// The command-line form.
    pub text: String,
    pub description: String,
    #[serde(flatten)]
    pub assumption: Assumption,
}

/// The answer to `check --assume`: the report without and with the
/// assumptions, and what changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIf<'r> {
    pub as_of: Date,
    pub profile: ProfileRef,
    pub assumptions: Vec<AssumptionView>,
    pub comparisons: Vec<Comparison>,
    /// Notes on the assumptions themselves (an exam no longer offered on
    /// the assumed day).
    pub notes: Vec<String>,
    pub baseline: Report<'r>,
    pub assumed: Report<'r>,
}

impl WhatIf<'_> {
    /// The exit code of the run: that of the report without assumptions
    /// (the person's real standing).
    pub fn exit_code(&self) -> i32 {
        self.baseline.exit_code()
    }
}

/// Judges `profile` without and with `assumptions` and compares.
pub fn what_if<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    assumptions: &[Assumption],
) -> Result<WhatIf<'r>, Vec<Unresolved>> {
    let assumed = resolve(assumptions, rules, profile, as_of)?;
    let baseline = super::evaluate(rules, profile, as_of, selection);
    let with = evaluate_assuming(rules, profile, as_of, selection, &assumed);
    let mut comparisons = Vec::new();
    for (b, a) in baseline.results.iter().zip(&with.results) {
        let mb = milestones(rules, profile, as_of, &NO_ASSUMPTIONS, b);
        let ma = milestones(rules, profile, as_of, &assumed, a);
        let mut changed = Vec::new();
        if mb.status != ma.status {
            changed.push("status".to_string());
        }
        if mb.eligible_on != ma.eligible_on {
            changed.push("eligible_on".to_string());
        }
        if mb.requirements_met_on != ma.requirements_met_on {
            changed.push("requirements_met_on".to_string());
        }
        if mb.renewal_ready_on != ma.renewal_ready_on {
            changed.push("renewal_ready_on".to_string());
        }
        for q in &a.requirements {
            let before = b.requirements.iter().find(|x| x.id == q.id);
            if before.is_none_or(|x| {
                x.met != q.met || x.met_on != q.met_on || x.summary() != q.summary()
            }) {
                changed.push(q.id.to_string());
            }
        }
        comparisons.push(Comparison {
            certification: a.certification.to_string(),
            name: a.name.to_string(),
            baseline: mb,
            assumed: ma,
            changed,
        });
    }
    Ok(WhatIf {
        as_of,
        profile: with.profile.clone(),
        assumptions: assumptions
            .iter()
            .map(|a| AssumptionView {
                text: a.text(),
                description: a.describe(),
                assumption: a.clone(),
            })
            .collect(),
        comparisons,
        notes: offer_notes(rules, assumptions, as_of),
        baseline,
        assumed: with,
    })
}

/// Notes for assumed exam passes on days the exam is not offered.
fn offer_notes(rules: &RuleSet, assumptions: &[Assumption], as_of: Date) -> Vec<String> {
    let mut out = Vec::new();
    for a in assumptions {
        let Assumption::Exam { id, passed } = a else {
            continue;
        };
        let exam = rules
            .ids()
            .into_iter()
            .filter_map(|c| rules.get(c, as_of))
            .find_map(|r| r.exam(id));
        let Some(exam) = exam else { continue };
        if exam.offered_to.is_some_and(|t| *passed > t) {
            out.push(format!(
                "exam `{id}` is offered only until {}; a pass on {passed} is not possible",
                exam.offered_to.map_or(String::new(), |t| t.to_string())
            ));
        } else if exam.offered_from.is_some_and(|f| *passed < f) {
            out.push(format!(
                "exam `{id}` is offered only from {}; a pass on {passed} is not possible",
                exam.offered_from.map_or(String::new(), |f| f.to_string())
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
