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

use std::borrow::Cow;

use serde::Serialize;

use crate::dates::{Date, add_days, parse_date};
use crate::error::did_you_mean;
use crate::profile::Profile;
use crate::profile::model::{Activity, Education, ExamPass, Held, Role, Training};
use crate::rules::RuleSet;
use crate::rules::model::{Level, RoleKind, Rule};
use crate::units::Units;

use super::{
    CertResult, ProfileRef, Report, Selection, Status, eligibility, evaluate_with, exams, renewal,
};

/// One hypothetical change, as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Assumption {
    /// A degree completed on this day.
    Degree { level: Level, completed: Date },
    /// A new full-time, paid role from this day on (the roles still going
    /// on end the day before), with the decision-making flag and tags.
    Role {
        decision_making: bool,
        tags: Vec<String>,
        start: Date,
    },
    /// An exam passed on this day.
    Exam { id: String, passed: Date },
    /// Professional-development units in a category, on this day; they
    /// count towards every held certification whose rules define the
    /// category.
    Activity {
        category: String,
        units: Units,
        date: Date,
    },
    /// Training hours completed on this day.
    Training { hours: Units, completed: Date },
}

/// Examples shown when an `--assume` value cannot be read.
pub const EXAMPLES: &str = "degree=master@2027-06-01, role=decision-making@2027-01-01, role=2027-01-01, exam=cmq-oe@2027-03-01, activity=professional-development:6@2027-02-01, training=35@2027-02-01";

/// Why an `--assume` value was refused: a message and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssumeError {
    pub message: String,
    pub help: String,
}

fn refuse(text: &str, why: impl std::fmt::Display, example: &str) -> AssumeError {
    AssumeError {
        message: format!("cannot read `--assume {text}`: {why}"),
        help: format!("for example `--assume {example}`"),
    }
}

impl Assumption {
    /// Reads `KIND=VALUE@DATE` (see [`EXAMPLES`]). Ids are not checked
    /// against the rules here: see [`resolve`].
    pub fn parse(text: &str) -> Result<Assumption, AssumeError> {
        const KINDS: [&str; 5] = ["degree", "role", "exam", "activity", "training"];
        let Some((kind, rest)) = text.split_once('=') else {
            return Err(AssumeError {
                message: format!("cannot read `--assume {text}`: expected KIND=VALUE@DATE"),
                help: format!(
                    "KIND is one of degree, role, exam, activity, training; for example {EXAMPLES}"
                ),
            });
        };
        let kind = kind.trim();
        let example = match kind {
            "degree" => "degree=master@2027-06-01",
            "role" => "role=decision-making@2027-01-01",
            "exam" => "exam=cmq-oe@2027-03-01",
            "activity" => "activity=professional-development:6@2027-02-01",
            "training" => "training=35@2027-02-01",
            _ => {
                let near = did_you_mean(kind, KINDS.iter().copied())
                    .map_or(String::new(), |k| format!("did you mean `{k}`? "));
                return Err(AssumeError {
                    message: format!("cannot read `--assume {text}`: unknown kind `{kind}`"),
                    help: format!(
                        "{near}KIND is one of degree, role, exam, activity, training; for example {EXAMPLES}"
                    ),
                });
            }
        };
        // `role=DATE` has no value part
        let (value, day) = match rest.rsplit_once('@') {
            Some((v, d)) => (v.trim(), d.trim()),
            None if kind == "role" => ("", rest.trim()),
            None => return Err(refuse(text, "missing `@DATE`", example)),
        };
        let Some(day) = parse_date(day) else {
            return Err(refuse(
                text,
                format!("`{day}` is not a date like 2027-06-01"),
                example,
            ));
        };
        let units = |s: &str, what: &str| -> Result<Units, AssumeError> {
            match s.parse::<Units>() {
                Ok(u) if u.is_positive() => Ok(u),
                Ok(_) => Err(refuse(text, format!("{what} must be more than 0"), example)),
                Err(e) => Err(refuse(text, format!("{what} `{s}`: {e}"), example)),
            }
        };
        match kind {
            "degree" => match Level::from_id(value) {
                Some(level) => Ok(Assumption::Degree {
                    level,
                    completed: day,
                }),
                None => {
                    let ids: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
                    let near = did_you_mean(value, ids.iter().copied())
                        .map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
                    Err(refuse(
                        text,
                        format!(
                            "unknown degree level `{value}`{near}; levels: {}",
                            ids.join(", ")
                        ),
                        example,
                    ))
                }
            },
            "role" => {
                let mut decision_making = false;
                let mut tags = Vec::new();
                for flag in value.split(['+', ',']).map(str::trim) {
                    match flag {
                        "" => {}
                        "decision-making" | "decision_making" => decision_making = true,
                        t if t
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
                        {
                            tags.push(t.to_string());
                        }
                        t => {
                            return Err(refuse(
                                text,
                                format!("`{t}` is neither `decision-making` nor a tag"),
                                example,
                            ));
                        }
                    }
                }
                Ok(Assumption::Role {
                    decision_making,
                    tags,
                    start: day,
                })
            }
            "exam" if !value.is_empty() => Ok(Assumption::Exam {
                id: value.to_string(),
                passed: day,
            }),
            "exam" => Err(refuse(text, "missing the exam id", example)),
            "activity" => {
                let Some((category, amount)) = value.rsplit_once(':') else {
                    return Err(refuse(text, "expected CATEGORY:UNITS before `@`", example));
                };
                let category = category.trim();
                if category.is_empty() {
                    return Err(refuse(text, "missing the category", example));
                }
                Ok(Assumption::Activity {
                    category: category.to_string(),
                    units: units(amount.trim(), "units")?,
                    date: day,
                })
            }
            _ => Ok(Assumption::Training {
                hours: units(value, "hours")?,
                completed: day,
            }),
        }
    }

    /// The day the assumed fact starts counting.
    pub fn date(&self) -> Date {
        match self {
            Assumption::Degree { completed, .. } | Assumption::Training { completed, .. } => {
                *completed
            }
            Assumption::Role { start, .. } => *start,
            Assumption::Exam { passed, .. } => *passed,
            Assumption::Activity { date, .. } => *date,
        }
    }

    /// In words: "a master's degree completed on 2027-06-01".
    pub fn describe(&self) -> String {
        match self {
            Assumption::Degree { level, completed } => {
                format!("{} completed on {completed}", level.phrase())
            }
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => {
                let mut what = String::from("a new full-time, paid");
                if *decision_making {
                    what.push_str(", decision-making");
                }
                what.push_str(" role");
                if !tags.is_empty() {
                    what.push_str(&format!(" tagged {}", tags.join(", ")));
                }
                format!(
                    "{what} from {start} (roles still going on end on {})",
                    add_days(*start, -1)
                )
            }
            Assumption::Exam { id, passed } => format!("exam `{id}` passed on {passed}"),
            Assumption::Activity {
                category,
                units,
                date,
            } => format!("{units} units of `{category}` on {date}"),
            Assumption::Training { hours, completed } => {
                format!("{hours} training hours completed on {completed}")
            }
        }
    }

    /// The command-line form: `degree=master@2027-06-01`.
    pub fn text(&self) -> String {
        match self {
            Assumption::Degree { level, completed } => format!("degree={}@{completed}", level.id()),
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => {
                let mut flags: Vec<&str> = Vec::new();
                if *decision_making {
                    flags.push("decision-making");
                }
                flags.extend(tags.iter().map(String::as_str));
                if flags.is_empty() {
                    format!("role={start}")
                } else {
                    format!("role={}@{start}", flags.join("+"))
                }
            }
            Assumption::Exam { id, passed } => format!("exam={id}@{passed}"),
            Assumption::Activity {
                category,
                units,
                date,
            } => format!("activity={category}:{units}@{date}"),
            Assumption::Training { hours, completed } => format!("training={hours}@{completed}"),
        }
    }
}

/// Assumed facts in the profile's own shapes, ready for the evaluator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assumed {
    pub education: Vec<Education>,
    pub roles: Vec<Role>,
    pub training: Vec<Training>,
    pub exams: Vec<ExamPass>,
    /// Activities, each naming the held certifications it counts towards.
    pub activities: Vec<Activity>,
    /// Every role of the profile ends on this day at the latest (used by
    /// the planner to see whether an option relies on the current roles).
    pub roles_end: Option<Date>,
}

/// No assumed fact: the plain evaluation.
pub static NO_ASSUMPTIONS: Assumed = Assumed {
    education: Vec::new(),
    roles: Vec::new(),
    training: Vec::new(),
    exams: Vec::new(),
    activities: Vec::new(),
    roles_end: None,
};

impl Assumed {
    pub fn is_empty(&self) -> bool {
        self.education.is_empty()
            && self.roles.is_empty()
            && self.training.is_empty()
            && self.exams.is_empty()
            && self.activities.is_empty()
            && self.roles_end.is_none()
    }

    /// The earliest day any assumed fact speaks of.
    pub fn first_date(&self) -> Option<Date> {
        let e = self.education.iter().map(|e| e.completed);
        let r = self.roles.iter().map(|r| r.start);
        let t = self.training.iter().map(|t| t.completed);
        let x = self.exams.iter().map(|x| x.passed);
        let a = self.activities.iter().map(|a| a.date);
        e.chain(r).chain(t).chain(x).chain(a).min()
    }

    /// The profile's activities followed by the assumed ones.
    pub fn activities_with<'a>(&self, profile: &'a Profile) -> Cow<'a, [Activity]> {
        if self.activities.is_empty() {
            Cow::Borrowed(&profile.activities)
        } else {
            let mut all = profile.activities.clone();
            all.extend(self.activities.iter().cloned());
            Cow::Owned(all)
        }
    }

    /// Adds one assumption; an activity counts towards `certifications`.
    pub fn push(&mut self, a: &Assumption, certifications: &[String]) {
        match a {
            Assumption::Degree { level, completed } => self.education.push(Education {
                level: *level,
                field: None,
                completed: *completed,
            }),
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => self.roles.push(Role {
                employer: None,
                title: Some(if *decision_making {
                    "assumed decision-making role".to_string()
                } else {
                    "assumed role".to_string()
                }),
                start: *start,
                end: None,
                decision_making: *decision_making,
                full_time: true,
                paid: true,
                kind: RoleKind::Employee,
                tags: tags.clone(),
            }),
            Assumption::Exam { id, passed } => self.exams.push(ExamPass {
                id: id.clone(),
                passed: *passed,
            }),
            Assumption::Activity {
                category,
                units,
                date,
            } => self.activities.push(Activity {
                date: *date,
                certifications: certifications.to_vec(),
                category: category.clone(),
                units: *units,
                description: Some("assumed".to_string()),
                evidence: None,
            }),
            Assumption::Training { hours, completed } => self.training.push(Training {
                title: Some("assumed training".to_string()),
                hours: *hours,
                completed: *completed,
            }),
        }
    }
}

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

/// Checks each assumption against the rules and the profile and turns them
/// into facts. Every problem is reported, each with a hint.
pub fn resolve(
    assumptions: &[Assumption],
    rules: &RuleSet,
    profile: &Profile,
    as_of: Date,
) -> Result<Assumed, Vec<AssumeError>> {
    let mut out = Assumed::default();
    let mut errors = Vec::new();
    for a in assumptions {
        let text = a.text();
        match a {
            Assumption::Exam { id, .. } if !rules.exam_ids().contains(&id.as_str()) => {
                let known = rules.exam_ids();
                let help = match did_you_mean(id, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("known exams: {}", known.join(", ")),
                };
                errors.push(AssumeError {
                    message: format!("cannot read `--assume {text}`: unknown exam `{id}`"),
                    help,
                });
            }
            Assumption::Activity { category, .. } => {
                let certs = holders_of(rules, profile, as_of, category);
                if certs.is_empty() {
                    let held: Vec<String> = profile
                        .certifications
                        .iter()
                        .filter(|h| h.earned <= as_of)
                        .flat_map(|h| rules.category_ids(&h.id))
                        .map(str::to_string)
                        .collect();
                    let help = if held.is_empty() {
                        "activities count only towards held certifications, and the profile holds none".to_string()
                    } else {
                        match did_you_mean(category, held.iter().map(String::as_str)) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => format!(
                                "categories of the held certifications: {}",
                                held.join(", ")
                            ),
                        }
                    };
                    errors.push(AssumeError {
                        message: format!(
                            "cannot read `--assume {text}`: no held certification has the category `{category}`"
                        ),
                        help,
                    });
                } else {
                    out.push(a, &certs);
                }
            }
            _ => out.push(a, &[]),
        }
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
    /// and by the end of the current cycle, on which its requirement is met
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
        Some(h) => m.renewal_ready_on = renewal_ready_on(rule, profile, h, as_of, assumed),
        None => {
            m.requirements_met_on = exams_met_from(rule, profile, as_of, assumed).and_then(|x| {
                eligibility::prerequisites_met_from(rules, rule, profile, as_of, assumed, x)
            });
        }
    }
    m
}

/// The first day on or after `as_of` on which an exam path of `rule` is met
/// (the as-of date for a rule without exams), with the profile's passes up
/// to the as-of date and the assumed ones from their dates.
fn exams_met_from(rule: &Rule, profile: &Profile, as_of: Date, assumed: &Assumed) -> Option<Date> {
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
    days.into_iter().find(|d| {
        rule.exam_paths
            .iter()
            .any(|p| exams::judge_path(rule, p, &passes, *d).met)
    })
}

/// The first day on or after `as_of`, up to the current cycle's end, on
/// which the held certification's cycle requirement is met.
fn renewal_ready_on(
    rule: &Rule,
    profile: &Profile,
    held: &Held,
    as_of: Date,
    assumed: &Assumed,
) -> Option<Date> {
    let rc = rule.recertification.as_ref()?;
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
    let end = renewal::current_cycle(rc, &held, as_of).end;
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
        .find(|d| renewal::renewal(rc, &held, &acts, *d).ready)
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
) -> Result<WhatIf<'r>, Vec<AssumeError>> {
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
