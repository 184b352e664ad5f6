//! The evaluator: a pure function of (rules, profile, as-of date).
//!
//! It never reads the clock and never prints; see
//! ../shared/spec/semantics.md for what it counts and how.

pub mod activities;
mod assume;
mod eligibility;
mod exams;
#[cfg(test)]
pub(crate) mod fixtures;
mod renewal;
mod summary;
mod warning;

pub mod deadlines;
pub mod plan;
pub mod timeline;
pub mod whatif;

use serde::Serialize;

use crate::dates::Date;
use crate::profile::Profile;
use crate::profile::model::ExamPass;
use crate::rules::RuleSet;
use crate::rules::model::{Counting, Level, Rule};
use crate::units::Units;

pub use eligibility::Facts;
pub use summary::Summary;
pub use warning::{Fact, Warning};

/// Where a person stands with one certification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotEligible,
    Eligible,
    RequirementsMet,
    Certified,
    Grace,
    Lapsed,
}

impl Status {
    /// Every status, in the order they are declared (and listed in
    /// messages); `report::vocab::ACT_FIRST` is the order to act on them.
    pub const ALL: [Status; 6] = [
        Status::NotEligible,
        Status::Eligible,
        Status::RequirementsMet,
        Status::Certified,
        Status::Grace,
        Status::Lapsed,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::NotEligible => "not-eligible",
            Status::Eligible => "eligible",
            Status::RequirementsMet => "requirements-met",
            Status::Certified => "certified",
            Status::Grace => "grace",
            Status::Lapsed => "lapsed",
        }
    }
    /// Whether this status makes the run's exit code 1.
    pub fn is_problem(self) -> bool {
        matches!(self, Status::NotEligible | Status::Grace | Status::Lapsed)
    }
}

/// Which certifications to judge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The profile's held certifications and its targets; with neither,
    /// every loaded certification.
    Default,
    /// Exactly these ids, in this order.
    Only(Vec<String>),
}

/// The whole answer for one profile on one day. Its names and ids are
/// borrowed from the rules that judged it (`'r`): a roster's reports would
/// otherwise copy some forty strings each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report<'r> {
    pub as_of: Date,
    pub profile: ProfileRef,
    pub results: Vec<CertResult<'r>>,
    /// Suspicious but usable facts: not counted, or counted once.
    pub warnings: Vec<Warning<'r>>,
    /// The dates the profile gives only to the month, and the day each was
    /// read as (semantics.md, "Dates known only to the month"). Written
    /// out only when there is one, so that a profile with days only gets
    /// the report it always did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub month_dates: Vec<crate::profile::model::MonthDate>,
}

impl Report<'_> {
    /// 0 when every result is eligible, requirements-met or certified; else 1.
    pub fn exit_code(&self) -> i32 {
        if self.results.iter().any(|r| r.status.is_problem()) {
            1
        } else {
            0
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileRef {
    pub name: String,
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CertResult<'r> {
    pub certification: &'r str,
    pub name: &'r str,
    pub issuer: &'r str,
    /// The edition of the rules that judged it.
    pub edition: &'r str,
    pub status: Status,
    pub eligible_on: Option<Date>,
    /// Every requirement of the rule, met or not: prerequisites, then (where
    /// the rule has alternatives) one entry per path, then the exam.
    pub requirements: Vec<RequirementResult<'r>>,
    pub renewal: Option<Renewal<'r>>,
}

/// Serialized with `summary` written out (see [`Summary`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementResult<'r> {
    /// Stable id: the rule's requirement id, a path id, or `exam`.
    pub id: &'r str,
    /// A short label ("Decision-making experience").
    pub name: &'r str,
    pub met: bool,
    /// One line a person can read: the figures behind the mark; see
    /// [`RequirementResult::summary`].
    pub summary: Summary<'r>,
    /// For an unmet requirement: the day it alone would be met if every
    /// ongoing role goes on; `null` where time alone will not do it.
    pub met_on: Option<Date>,
    /// The figures, for programs and for the text report.
    pub detail: Detail<'r>,
    /// The certification that met it instead (`met_by_certification`),
    /// where its own test is not met on the as-of date and one of them is
    /// held, certified or in grace.
    pub met_by: Option<&'r str>,
    /// Every certification that would meet it instead (the rule's
    /// `met_by_certification`); the summary names them where it is not met.
    pub met_by_any: &'r [String],
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Detail<'r> {
    Experience {
        counted_days: i64,
        /// Days needed after the waiver.
        required_days: i64,
        /// Days needed before any waiver.
        base_required_days: i64,
        /// Months taken off by the waiver, and the degree that earned it.
        waived_months: u32,
        waiver_level: Option<Level>,
        /// First day counted, where the rule has a look-back window.
        window_from: Option<Date>,
        /// `days` or `calendar-months`: which figures decide.
        counting: Counting,
        /// Calendar months counted and needed (after the waiver), where the
        /// rule counts calendar months; `null` otherwise.
        counted_months: Option<u32>,
        required_months: Option<u32>,
        /// The profile's roles, each counted or left out with the reasons;
        /// empty where the report shows no warnings (`screen`'s table and
        /// CSV skip the labels' cost).
        roles: Vec<RoleCount<'r>>,
    },
    Degree {
        required: Level,
        /// Tags the degree must carry (`gac-accredited`); empty for none.
        tags: Vec<&'r str>,
        /// The highest level completed on or before the as-of date (among
        /// the degrees carrying every one of `tags`).
        highest: Option<Level>,
    },
    Training {
        hours_counted: Units,
        hours_required: Units,
    },
    Certification {
        id: &'r str,
        status: Option<Status>,
    },
    Projects {
        counted: u32,
        required: u32,
    },
    /// One alternative path over the prerequisites.
    Path {
        requires: Vec<&'r str>,
    },
    /// A held certification's units against the cycle's requirement (the
    /// full picture is in `renewal`).
    Recertification {
        units_counted: Units,
        units_required: Units,
    },
    Exam {
        /// The exam path that is met, if any.
        met_path: Option<&'r str>,
        paths: Vec<ExamPathResult<'r>>,
    },
}

/// One role of the profile as an experience requirement saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleCount<'r> {
    /// [`Role::label`](crate::profile::model::Role::label).
    pub role: String,
    pub counted: bool,
    /// Why it was left out (empty where counted), as stable ids: an
    /// excluded kind's id (`internship`, `co-op`), `part-time`, `unpaid`,
    /// `not-decision-making` (or `full-time`, `paid`, `decision-making`
    /// where a rule wants the opposite), `not-tagged`, `outside-window`
    /// (ends before the look-back window starts), `after-as-of` (starts
    /// after the day judged).
    pub reasons: Vec<&'static str>,
    /// The tags the rule wants that the role lacks (for `not-tagged`).
    pub missing_tags: Vec<&'r str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExamPathResult<'r> {
    pub id: &'r str,
    pub name: &'r str,
    pub met: bool,
    /// The exams of the path passed on or before the as-of date (the latest
    /// pass of each).
    pub passed: Vec<ExamPass>,
    /// Exam ids still to pass.
    pub missing: Vec<&'r str>,
    /// The last day the remaining exams may be passed for the window to hold.
    pub deadline: Option<Date>,
    /// Whether every pass is inside the window (false: the window was missed).
    pub window_ok: bool,
    /// Exams of the path no longer offered on the as-of date.
    pub withdrawn: Vec<&'r str>,
    /// The certifications one of which the path is open only to holders
    /// of (empty: open to all).
    pub for_holders_of: Vec<&'r str>,
    /// Whether the path is open to this person: no such condition, or one
    /// of `for_holders_of` held (certified or in grace) on the as-of date.
    pub open: bool,
}

/// What can still renew an overdue cycle, for a holder in grace who is
/// not ready (semantics.md, "Units in the grace period").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// Units dated in the grace period still count towards the cycle.
    Units,
    /// Only a renewal by exam, up to `by_exam_until`.
    Exam,
    /// Nothing: units earned now go to the next cycle, and the rule has no
    /// renewal by exam (or its period is over).
    None,
}

impl Route {
    pub const ALL: [Route; 3] = [Route::Units, Route::Exam, Route::None];
    pub fn id(self) -> &'static str {
        match self {
            Route::Units => "units",
            Route::Exam => "exam",
            Route::None => "none",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Renewal<'r> {
    /// 0 for the first cycle (the number of renewals recorded).
    pub cycle: u32,
    /// The cycle's number as every report shows it: 1 for the first
    /// ("the 1st cycle"), `cycle` + 1.
    pub cycle_number: u32,
    /// The edition of the rules whose recertification requirements judge
    /// this cycle (the one in force on its last day, or before a phase-in,
    /// the one before).
    pub edition: &'r str,
    pub cycle_start: Date,
    pub cycle_end: Date,
    pub grace_until: Date,
    /// The last day a renewal by exam is accepted, where the rule has one.
    pub by_exam_until: Option<Date>,
    /// For a holder in grace who is not ready: what can still renew the
    /// cycle; `None` otherwise.
    pub route: Option<Route>,
    /// Whether units dated in this cycle's grace period count towards it
    /// (`grace_units = "overdue-cycle"`); not written out (`route` says
    /// what a person needs).
    #[serde(skip)]
    pub grace_units_count: bool,
    /// Days from the as-of date to the cycle's end (negative once past).
    pub days_left: i64,
    /// The first day a renewal is accepted, where the rule has a window.
    pub window_opens: Option<Date>,
    pub unit: &'r str,
    /// Units required this cycle, `late_units` included.
    pub units_required: Units,
    /// Units added to the requirement for the years started since the
    /// cycle's end (0 where the rule has no catch-up).
    pub late_units: Units,
    /// Counted units, carry-over included.
    pub units_counted: Units,
    pub units_needed: Units,
    /// The requirement and every minimum are met.
    pub ready: bool,
    pub categories: Vec<CategoryResult<'r>>,
    pub groups: Vec<GroupResult<'r>>,
    pub carry_over: Option<CarryOverResult>,
}

impl Renewal<'_> {
    /// The last day the cycle can still be renewed: the later of
    /// `grace_until` and `by_exam_until` (the status is `grace` up to it).
    pub fn closes(&self) -> Date {
        self.by_exam_until
            .map_or(self.grace_until, |b| b.max(self.grace_until))
    }

    /// The next last day to renew, seen on `as_of` (past the cycle's end):
    /// the grace period's end while it lasts, then the last day of renewal
    /// by exam where that is later.
    pub fn renew_by(&self, as_of: Date) -> Date {
        if as_of <= self.grace_until {
            self.grace_until
        } else {
            self.closes()
        }
    }

    /// Each category and group minimum not met, as "8 more in `power-skills`".
    pub fn unmet_minimums(&self) -> Vec<String> {
        let categories = self.categories.iter().map(|c| (c.needed, &c.id));
        let groups = self.groups.iter().map(|g| (g.needed, &g.id));
        categories
            .chain(groups)
            .filter(|(needed, _)| needed.is_positive())
            .map(|(needed, id)| format!("{needed} more in `{id}`"))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryResult<'r> {
    pub id: &'r str,
    pub name: &'r str,
    /// Units logged in the cycle (an outer category includes its inner ones).
    pub earned: Units,
    /// Units that count after the caps.
    pub counted: Units,
    pub min: Option<Units>,
    /// The cap in force (a share resolved against the units required).
    pub max: Option<Units>,
    /// The cap as the rule writes it, where it is a share ("60 %").
    pub max_share: Option<String>,
    /// Units lost to the cap.
    pub over_cap: Units,
    /// Units still needed to meet `min`.
    pub needed: Units,
    pub parent: Option<&'r str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupResult<'r> {
    pub id: &'r str,
    pub name: &'r str,
    pub categories: Vec<&'r str>,
    pub counted: Units,
    /// The effective minimum and maximum (shares resolved against the
    /// units required).
    pub min: Option<Units>,
    pub max: Option<Units>,
    pub over_cap: Units,
    pub needed: Units,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CarryOverResult {
    pub units: Units,
    /// The previous cycle it came from.
    pub from_start: Date,
    pub from_end: Date,
}

/// Judges `profile` against `rules` on `as_of`.
pub fn evaluate<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
) -> Report<'r> {
    evaluate_with(
        rules,
        profile,
        as_of,
        selection,
        &whatif::NO_ASSUMPTIONS,
        true,
    )
}

/// [`evaluate`] without the warnings (`warnings` is empty): for outputs
/// that show none, such as `screen`'s table and CSV. A [`Warning`] is
/// written out only when shown, but collecting one still copies the
/// profile's names into it (two role labels for each overlap, about one
/// profile in two of a typical roster): a screening that shows none skips
/// that too.
pub fn evaluate_without_warnings<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
) -> Report<'r> {
    evaluate_with(
        rules,
        profile,
        as_of,
        selection,
        &whatif::NO_ASSUMPTIONS,
        false,
    )
}

/// Judges `profile` with `assumed` facts added (see [`whatif`]), with the
/// warnings or not.
fn evaluate_with<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    assumed: &whatif::Assumed,
    with_warnings: bool,
) -> Report<'r> {
    let mut warnings = if with_warnings {
        let mut w = eligibility::profile_warnings(profile, as_of);
        w.extend(eligibility::education_tag_warnings(rules, profile));
        w.extend(eligibility::role_tag_warnings(rules, profile));
        w
    } else {
        Vec::new()
    };
    let ids = selected_ids(rules, profile, selection);
    let mut results = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(rule) = rules.get(&id, as_of) else {
            continue;
        };
        let (result, mut w) =
            eligibility::evaluate_rule(rules, rule, profile, as_of, assumed, with_warnings);
        results.push(result);
        if with_warnings {
            warnings.append(&mut w);
        }
    }
    // Only a profile with month dates pays for the second judgement.
    if with_warnings && !profile.month_dates.is_empty() {
        warnings.extend(month_date_warnings(
            rules, profile, as_of, selection, assumed, &results,
        ));
    }
    Report {
        as_of,
        profile: ProfileRef {
            name: profile.name.clone(),
            id: profile.id.clone(),
        },
        results,
        warnings,
        month_dates: profile.month_dates.clone(),
    }
}

/// `profile` with the month dates `which` (indices into its
/// `month_dates`) moved to the other end of their months. A role whose end
/// would fall before its start (both in one month) ends on its start.
fn at_other_ends(profile: &Profile, which: &[usize]) -> Profile {
    let mut p = profile.clone();
    for &i in which {
        if let Some(m) = profile.month_dates.get(i) {
            m.set(&mut p, m.other_end);
        }
    }
    for r in &mut p.employment {
        if let Some(end) = r.end
            && end < r.start
        {
            r.end = Some(r.start);
        }
    }
    p
}

/// The statuses of `profile`'s certifications with the month dates `which`
/// at the other end of their months, by certification id.
fn statuses_at_other_ends<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    which: &[usize],
    as_of: Date,
    selection: &Selection,
    assumed: &whatif::Assumed,
) -> Vec<(&'r str, Status)> {
    let other = at_other_ends(profile, which);
    evaluate_with(rules, &other, as_of, selection, assumed, false)
        .results
        .into_iter()
        .map(|r| (r.certification, r.status))
        .collect()
}

/// The second judgement (semantics.md, "Dates known only to the month"):
/// every month date at the other end of its month; for each certification
/// whose status differs, a warning naming the dates that decide it (each
/// that flips the status alone, or all of them when none does).
fn month_date_warnings<'r>(
    rules: &'r RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    assumed: &whatif::Assumed,
    results: &[CertResult<'r>],
) -> Vec<Warning<'r>> {
    let all: Vec<usize> = (0..profile.month_dates.len()).collect();
    let others = statuses_at_other_ends(rules, profile, &all, as_of, selection, assumed);
    let changed: Vec<(&'r str, Status, Status)> = results
        .iter()
        .filter_map(|r| {
            let other = others.iter().find(|(c, _)| *c == r.certification)?.1;
            (other != r.status).then_some((r.certification, r.status, other))
        })
        .collect();
    if changed.is_empty() {
        return Vec::new();
    }
    // Each date alone at its other end (only when there is more than one).
    let alone: Vec<Vec<(&'r str, Status)>> = if all.len() > 1 {
        all.iter()
            .map(|&i| statuses_at_other_ends(rules, profile, &[i], as_of, selection, assumed))
            .collect()
    } else {
        Vec::new()
    };
    changed
        .into_iter()
        .map(|(certification, status, other)| {
            let deciding: Vec<&crate::profile::model::MonthDate> = profile
                .month_dates
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    alone.get(*i).is_some_and(|s| {
                        s.iter().any(|(c, st)| *c == certification && *st != status)
                    })
                })
                .map(|(_, m)| m)
                .collect();
            let dates = if deciding.is_empty() {
                profile.month_dates.iter().map(|m| m.describe()).collect()
            } else {
                deciding.iter().map(|m| m.describe()).collect()
            };
            Warning::MonthDateDecides {
                certification,
                dates,
                status,
                other,
            }
        })
        .collect()
}

/// The ids a selection names, deduplicated, in a stable order.
pub fn selected_ids(rules: &RuleSet, profile: &Profile, selection: &Selection) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| {
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_string());
        }
    };
    match selection {
        Selection::Only(v) => v.iter().for_each(|id| push(id)),
        Selection::Default => {
            profile.certifications.iter().for_each(|c| push(&c.id));
            profile.targets.iter().for_each(|t| push(t));
            if profile.certifications.is_empty() && profile.targets.is_empty() {
                rules.ids().into_iter().for_each(push);
            }
        }
    }
    ids
}

/// Judges one certification; returns the result and the warnings it raised.
pub fn evaluate_rule<'r>(
    rules: &'r RuleSet,
    rule: &'r Rule,
    profile: &Profile,
    as_of: Date,
) -> (CertResult<'r>, Vec<Warning<'r>>) {
    eligibility::evaluate_rule(rules, rule, profile, as_of, &whatif::NO_ASSUMPTIONS, true)
}

#[cfg(test)]
mod tests;
