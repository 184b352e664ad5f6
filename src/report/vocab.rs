//! The words every report for a person uses, in one place: the marks, the
//! status words (as a heading, in a sentence, in a table cell), the line
//! that says where a person stands, the headings and sentences that recur,
//! and the one order of statuses, "act on this first". The text, what-if,
//! table and HTML reports take their words from here, so they cannot drift
//! apart.

use std::fmt::{self, Display};

use crate::dates::{Date, days_between};
use crate::eval::plan::Goal;
use crate::eval::{CertResult, ProfileRef, RequirementResult, RoleCount, Route, Status};

use super::{count, ordinal};

/// A requirement (or path, category, renewal) that is met.
pub const MET: char = '✓';
/// One that is not.
pub const UNMET: char = '✗';
/// Marks what the assumptions of a what-if changed.
pub const CHANGED: &str = "*";

/// [`MET`] or [`UNMET`].
pub fn mark(met: bool) -> char {
    if met { MET } else { UNMET }
}

/// The statuses in the order to act on them: what can be awarded now,
/// what needs only an exam, what is not yet eligible, then what is held.
/// The screen table sorts by it (held certifications sharing one place, by
/// their deadline within it; see [`act_first`]) and the screen summary
/// counts the statuses in this order.
pub const ACT_FIRST: [Status; 6] = [
    Status::RequirementsMet,
    Status::Eligible,
    Status::NotEligible,
    Status::Certified,
    Status::Grace,
    Status::Lapsed,
];

/// A status's place in [`ACT_FIRST`], held certifications (certified, in
/// grace, lapsed) sharing the place of the first of them: a list orders
/// those by their deadline, which says best which to renew first.
pub fn act_first(s: Status) -> u8 {
    match s {
        Status::RequirementsMet => 0,
        Status::Eligible => 1,
        Status::NotEligible => 2,
        Status::Certified | Status::Grace | Status::Lapsed => 3,
    }
}

/// A status as a heading, and as the first words of its status line:
/// "Not eligible yet", "In grace period".
pub fn heading(s: Status) -> &'static str {
    match s {
        Status::NotEligible => "Not eligible yet",
        Status::Eligible => "Eligible",
        Status::RequirementsMet => "Requirements met",
        Status::Certified => "Certified",
        Status::Grace => "In grace period",
        Status::Lapsed => "Lapsed",
    }
}

/// A status in words, within a sentence and without its dates: "not
/// eligible yet", "eligible; an exam is still to pass".
pub fn words(s: Status) -> &'static str {
    match s {
        Status::NotEligible => "not eligible yet",
        Status::Eligible => "eligible; an exam is still to pass",
        Status::RequirementsMet => "requirements met; can be awarded",
        Status::Certified => "certified",
        Status::Grace => "in grace period",
        Status::Lapsed => "lapsed",
    }
}

/// A status in a few words, for a table cell: "not eligible".
pub fn short(s: Status) -> &'static str {
    match s {
        Status::NotEligible => "not eligible",
        Status::Eligible => "eligible",
        Status::RequirementsMet => "requirements met",
        Status::Certified => "certified",
        Status::Grace => "in grace period",
        Status::Lapsed => "lapsed",
    }
}

/// Where a person stands with one certification, in one sentence that
/// opens with the status's [`heading`]: "Not eligible yet: every
/// prerequisite will be met on 2027-09-30 (in 309 days) if your current
/// roles go on". Kept in two parts so a renderer can set the heading apart
/// (the text report colours it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub status: Status,
    /// [`heading`] of the status.
    pub heading: &'static str,
    /// The rest of the sentence, from the punctuation after the heading
    /// (": every prerequisite…"); empty when the heading says it all.
    pub rest: String,
}

impl Display for StatusLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.heading)?;
        f.write_str(&self.rest)
    }
}

/// The status line of one certification judged on `as_of`.
pub fn status_line(r: &CertResult, as_of: Date) -> StatusLine {
    status_line_with(r, as_of, UNMET)
}

/// [`status_line`], with [`UNMET`] (which one of the lines refers to)
/// written as `unmet`: the text report colours it.
pub fn status_line_with(r: &CertResult, as_of: Date, unmet: impl Display) -> StatusLine {
    StatusLine {
        status: r.status,
        heading: heading(r.status),
        rest: status_rest(r, as_of, unmet),
    }
}

fn status_rest(r: &CertResult, as_of: Date, unmet: impl Display) -> String {
    let rn = r.renewal.as_ref();
    match r.status {
        Status::NotEligible => match r.eligible_on {
            Some(d) => format!(
                ": every prerequisite will be met on {d} ({}) if your current roles go on",
                from_now(as_of, d)
            ),
            None => format!(
                ", and time alone will not change that: see what is missing ({unmet}) below"
            ),
        },
        Status::Eligible => match r.eligible_on {
            Some(d) => format!(": every prerequisite met since {d}; an exam is still to pass"),
            None => ": there are no prerequisites; an exam is still to pass".to_string(),
        },
        Status::RequirementsMet => match r.eligible_on {
            Some(d) => format!(
                ": every prerequisite (since {d}) and an exam path are met; the certification can be awarded"
            ),
            None => ": an exam path is met; the certification can be awarded".to_string(),
        },
        Status::Certified => match rn {
            Some(rn) => format!(
                ": the {} cycle runs {} to {}; {} (grace period until {})",
                ordinal(u64::from(rn.cycle) + 1),
                rn.cycle_start,
                rn.cycle_end,
                left(rn.days_left),
                rn.grace_until
            ),
            // a held certification whose rules have no recertification
            None => ": held for life, with no recertification".to_string(),
        },
        Status::Grace => match rn {
            // after the grace period, within renewal by exam
            Some(rn) if as_of > rn.grace_until => match rn.by_exam_until {
                Some(b) => format!(
                    ": the cycle ended on {} ({}) and its grace period on {}; renew by exam by {b} ({})",
                    rn.cycle_end,
                    ago(as_of, rn.cycle_end),
                    rn.grace_until,
                    left(days_between(as_of, b))
                ),
                None => String::new(),
            },
            // short, and units earned now go to the next cycle
            Some(rn) if rn.route == Some(Route::None) => format!(
                ": the cycle ended on {} ({}); units earned now will not renew it, and it lapses after {} ({})",
                rn.cycle_end,
                ago(as_of, rn.cycle_end),
                rn.grace_until,
                left(days_between(as_of, rn.grace_until))
            ),
            // short, units earned now go to the next cycle, and an exam
            // can still renew it
            Some(rn) if rn.route == Some(Route::Exam) => format!(
                ": the cycle ended on {} ({}); units earned now will not renew it; renew by exam by {} ({})",
                rn.cycle_end,
                ago(as_of, rn.cycle_end),
                rn.closes(),
                left(days_between(as_of, rn.closes()))
            ),
            Some(rn) => format!(
                ": the cycle ended on {} ({}); renew by {} ({})",
                rn.cycle_end,
                ago(as_of, rn.cycle_end),
                rn.grace_until,
                left(days_between(as_of, rn.grace_until))
            ),
            None => ": renew now".to_string(),
        },
        Status::Lapsed => match rn {
            Some(rn) => match rn.by_exam_until.filter(|b| *b > rn.grace_until) {
                Some(b) => format!(
                    ": the cycle ended on {}, its grace period on {} and renewal by exam on {b} ({})",
                    rn.cycle_end,
                    rn.grace_until,
                    ago(as_of, b)
                ),
                None => format!(
                    ": the cycle ended on {} and its grace period on {} ({})",
                    rn.cycle_end,
                    rn.grace_until,
                    ago(as_of, rn.grace_until)
                ),
            },
            None => String::new(),
        },
    }
}

/// "in 309 days" (or "today").
pub fn from_now(as_of: Date, d: Date) -> String {
    match days_between(as_of, d) {
        0 => "today".to_string(),
        n => format!("in {}", count(n, "day", "days")),
    }
}

/// Time left before a deadline `days` away: "249 days left", "today is
/// the last day", "12 days past it".
pub fn left(days: i64) -> String {
    match days {
        0 => "today is the last day".to_string(),
        n if n > 0 => format!("{} left", count(n, "day", "days")),
        n => format!("{} past it", count(-n, "day", "days")),
    }
}

/// "30 days ago" (or "today").
pub fn ago(as_of: Date, d: Date) -> String {
    match days_between(d, as_of) {
        0 => "today".to_string(),
        n => format!("{} ago", count(n, "day", "days")),
    }
}

/// Who a report is about: "Dana Whitfield (C-1042)", or the name alone
/// where the id is blank or the same.
pub fn who(p: &ProfileRef) -> String {
    if p.id.is_empty() || p.id == p.name {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, p.id)
    }
}

/// The heading over the warnings.
pub const WARNINGS: &str = "Warnings";
/// The heading over the dates a profile gives only to the month.
pub const MONTH_DATES: &str = "Dates known only to the month";
/// What a report says when it judged no certification.
pub const NOTHING_JUDGED: &str = "No certification was judged.";
/// The heading over a held certification's requirements to earn it.
pub const REQUIREMENTS_TO_EARN: &str = "Requirements to earn it";
/// The label of a held certification's renewal row.
pub const RENEWAL: &str = "Renewal";
/// The heading of a what-if.
pub const WHAT_IF: &str = "What if";
/// What the assumptions of a what-if are.
pub const ASSUMED: &str = "assumed, not in the profile";
/// The heading over the plans.
pub const PLAN: &str = "Plan";
/// The day of a plan option reached by passing an exam as soon as one can
/// (the width of a date, so the text columns line up).
pub const ON_PASSING: &str = "on passing";
/// A plan option with no change beyond the `--assume` facts.
pub const NOTHING_MORE: &str = "nothing more: the assumed facts get there on their own";

/// An unmet requirement's projection: "met on 2027-09-30 if your current
/// roles go on".
pub fn met_on_if_roles_go_on(d: Date) -> String {
    format!("met on {d} if your current roles go on")
}

/// What a plan aims at: "to become eligible".
pub fn goal(g: Goal) -> &'static str {
    match g {
        Goal::Eligible => "to become eligible",
        Goal::RequirementsMet => "to meet the exam requirement",
    }
}

/// A plan's heading: "CMQ/OE: ways to become eligible, soonest first".
pub fn plan_heading(short: &str, g: Goal) -> String {
    format!("{short}: ways {}, soonest first", goal(g))
}

/// What the plans say when there is nothing to plan.
pub const NOTHING_TO_PLAN: &str =
    "Nothing to plan: every certification judged is held or can be awarded.";

/// What a plan says when no change reaches its goal.
pub fn no_way(short: &str, g: Goal) -> String {
    format!(
        "{short}: no change considered here (degrees, a new role, training, exams) reaches the goal {}",
        goal(g)
    )
}

/// The rows and columns of a what-if's comparison.
pub mod comparison {
    /// The column of the profile as it is.
    pub const NOW: &str = "now";
    /// The column under the assumptions.
    pub const ASSUMED: &str = "with the assumptions";
    pub const STATUS: &str = "Status";
    pub const RENEWAL_READY_ON: &str = "Renewal ready on";
    pub const ELIGIBLE_ON: &str = "Prerequisites met on";
    pub const REQUIREMENTS_MET_ON: &str = "Can be awarded on";
}

/// A requirement in a comparison cell: met or not, and the words after the
/// mark ("met", "met on 2027-06-01", "not passed", "not by time alone").
pub fn requirement_state(q: &RequirementResult) -> (bool, String) {
    let words = if q.met {
        "met".to_string()
    } else {
        match q.met_on {
            Some(d) => format!("met on {d}"),
            None if q.id == "exam" => "not passed".to_string(),
            None => "not by time alone".to_string(),
        }
    };
    (q.met, words)
}

/// A requirement as one cell: "✓ met", "✗ met on 2027-06-01", "✗ not by
/// time alone".
pub fn requirement_cell(q: &RequirementResult) -> String {
    let (met, words) = requirement_state(q);
    format!("{} {words}", mark(met))
}

/// "counted" and "left out": the heads of an experience requirement's two
/// lists of roles.
pub const COUNTED: &str = "counted";
pub const LEFT_OUT: &str = "left out";

/// Why role `r` was left out, in words ("internship, not tagged `pmp`"),
/// with its missing tags written by `tag`.
pub fn left_out_why(r: &RoleCount, tag: impl Fn(&str) -> String) -> String {
    r.reasons
        .iter()
        .map(|id| match *id {
            "not-tagged" => format!(
                "not tagged {}",
                r.missing_tags
                    .iter()
                    .map(|t| tag(t))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            "not-decision-making" => "not decision-making".into(),
            "outside-window" => "outside the look-back window".into(),
            "after-as-of" => "starts after the as-of date".into(),
            other => other.into(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plan option's changes in words, joined (not capitalised);
/// [`NOTHING_MORE`] for an option with none beyond the `--assume` facts.
pub fn plan_option(o: &crate::eval::plan::PlanOption) -> String {
    if o.changes.is_empty() {
        return NOTHING_MORE.to_string();
    }
    let words: Vec<String> = o.changes.iter().map(|c| c.describe()).collect();
    words.join("; and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::report::fixtures::*;

    #[test]
    fn every_status_line_opens_with_its_heading() {
        let mut r = cmq_oe_not_eligible();
        for s in ACT_FIRST {
            r.status = s;
            let line = status_line(&r, date(2026, 11, 25));
            assert!(line.to_string().starts_with(heading(s)), "{line}");
            assert_eq!(line.heading, heading(s));
        }
    }

    #[test]
    fn act_first_follows_the_order() {
        let ranks: Vec<u8> = ACT_FIRST.into_iter().map(act_first).collect();
        assert!(ranks.is_sorted(), "{ranks:?}");
    }
}
