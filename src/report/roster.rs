//! One row per profile and certification: what the table and CSV reports of
//! `screen` show, and the order the table sorts them in.

use std::fmt::{self, Display};

use crate::dates::Date;
use crate::error::Diagnostic;
use crate::eval::{CertResult, Detail, RequirementResult, Status};
use crate::screen::Screened;
use crate::units::Units;

use super::vocab;

/// The status column: a judged status, or a profile that could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    Judged(Status),
    /// The profile was judged, but no certification was selected for it.
    Nothing,
    Error,
}

impl RowStatus {
    pub fn id(self) -> &'static str {
        match self {
            RowStatus::Judged(s) => s.id(),
            RowStatus::Nothing => "none",
            RowStatus::Error => "error",
        }
    }
}

/// One profile and one certification (or one bad profile), borrowed from
/// its screened profile: what the table and the CSV are written from.
#[derive(Clone, Debug, PartialEq)]
pub struct RowRef<'a> {
    pub id: &'a str,
    /// Empty for a bad profile.
    pub name: &'a str,
    pub source: &'a str,
    /// Empty for a bad profile.
    pub certification: &'a str,
    pub status: RowStatus,
    pub eligible_on: Option<Date>,
    /// The main thing missing, in words and figures; for a bad profile, its
    /// problems, each at `file:line:col`.
    pub shortfall: Shortfall<'a>,
    /// For a held certification: the end of the current cycle.
    pub cycle_end: Option<Date>,
    /// For a held certification: the day that matters next (the cycle's
    /// end, or the end of the grace period once the cycle is over).
    pub deadline: Option<Date>,
    pub units_needed: Option<Units>,
}

/// A row's shortfall, written when it is shown (a roster writes hundreds
/// of thousands of them, straight into its output).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shortfall<'a> {
    /// Nothing is missing.
    None,
    /// The main requirement not met, as "label: summary".
    Requirement(&'a RequirementResult<'a>),
    /// A bad profile's problems, each at `file:line:col`, joined by "; ".
    Problems(&'a [Diagnostic]),
    /// A profile for which no certification was selected.
    NothingJudged,
}

impl Display for Shortfall<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shortfall::None => Ok(()),
            Shortfall::Requirement(q) => {
                f.write_str(super::name_or_id(q.name, q.id))?;
                f.write_str(": ")?;
                q.summary_display().fmt(f)
            }
            Shortfall::Problems(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    f.write_str(&d.location())?;
                    f.write_str(": ")?;
                    f.write_str(&d.message)?;
                }
                Ok(())
            }
            Shortfall::NothingJudged => f.write_str("no certification was judged"),
        }
    }
}

/// Calls `f` with each row of one screened profile, in the report's order:
/// one per certification judged, or one for a bad profile (its problems in
/// `shortfall`), or one saying that nothing was judged.
pub fn each_row<'a>(s: &'a Screened, mut f: impl FnMut(RowRef<'a>)) {
    let report = match &s.outcome {
        Ok(report) => report,
        Err(diags) => {
            f(RowRef {
                id: &s.id,
                name: "",
                source: &s.source,
                certification: "",
                status: RowStatus::Error,
                eligible_on: None,
                shortfall: Shortfall::Problems(diags),
                cycle_end: None,
                deadline: None,
                units_needed: None,
            });
            return;
        }
    };
    let row = |certification: &'a str, status: RowStatus| RowRef {
        id: &report.profile.id,
        name: &report.profile.name,
        source: &s.source,
        certification,
        status,
        eligible_on: None,
        shortfall: Shortfall::None,
        cycle_end: None,
        deadline: None,
        units_needed: None,
    };
    if report.results.is_empty() {
        let mut r = row("", RowStatus::Nothing);
        r.shortfall = Shortfall::NothingJudged;
        f(r);
        return;
    }
    for c in &report.results {
        let mut r = row(c.certification, RowStatus::Judged(c.status));
        r.eligible_on = c.eligible_on;
        r.shortfall = main_shortfall(c).map_or(Shortfall::None, Shortfall::Requirement);
        if let Some(rn) = &c.renewal {
            r.cycle_end = Some(rn.cycle_end);
            r.units_needed = Some(rn.units_needed);
            r.deadline = Some(match c.status {
                Status::Grace | Status::Lapsed => rn.renew_by(report.as_of),
                _ => rn.cycle_end,
            });
        }
        f(r);
    }
}

/// The main thing missing for one certification: for `not-eligible`, the
/// first unmet prerequisite of the path that will be met soonest (where the
/// rule has alternative paths; else of the rule), the exam for `eligible`,
/// the renewal's units for a held one; none when nothing is.
pub fn main_shortfall<'a, 'r>(c: &'a CertResult<'r>) -> Option<&'a RequirementResult<'r>> {
    let unmet = |q: &&RequirementResult| !q.met;
    let is_exam = |q: &RequirementResult| matches!(q.detail, Detail::Exam { .. });
    let is_path = |q: &RequirementResult| matches!(q.detail, Detail::Path { .. });
    match c.status {
        Status::NotEligible => soonest_path_shortfall(c).or_else(|| {
            c.requirements
                .iter()
                .filter(unmet)
                .find(|q| !is_exam(q) && !is_path(q))
                .or_else(|| c.requirements.iter().filter(unmet).find(|q| !is_exam(q)))
        }),
        Status::Eligible => c.requirements.iter().filter(unmet).find(|q| is_exam(q)),
        Status::RequirementsMet => None,
        Status::Certified | Status::Grace | Status::Lapsed => {
            c.requirements.iter().find(|q| !q.met)
        }
    }
}

/// Of a rule with alternative paths, the unmet path met soonest (any day
/// before none; the first in the rule's order among equals): its first unmet
/// prerequisite. A PMP candidate two months short of the 24-month path is
/// told that, not that the 60-month path is 38 months short.
fn soonest_path_shortfall<'a, 'r>(c: &'a CertResult<'r>) -> Option<&'a RequirementResult<'r>> {
    let path = c
        .requirements
        .iter()
        .filter(|q| !q.met && matches!(q.detail, Detail::Path { .. }))
        .min_by_key(|q| (q.met_on.is_none(), q.met_on))?;
    let Detail::Path { requires } = &path.detail else {
        return None;
    };
    requires
        .iter()
        .filter_map(|id| c.requirements.iter().find(|q| q.id == *id))
        .find(|q| !q.met)
}

/// Where a row goes in the table: in the order to act on
/// ([`vocab::act_first`]: requirements-met, eligible, not-eligible, held),
/// not-eligible ones by `eligible_on` and held ones by their deadline
/// (soonest first, none last), then profiles with nothing judged and bad
/// profiles; rows that tie keep their input order (see
/// [`super::table::sorted`]). The key: its group, then its date within the
/// group.
pub fn table_key(
    status: RowStatus,
    eligible_on: Option<Date>,
    deadline: Option<Date>,
) -> (u8, i64) {
    let day = |d: Option<Date>| d.map_or(i64::MAX, crate::dates::day_number);
    // after every status
    const NOTHING: u8 = vocab::ACT_FIRST.len() as u8;
    match status {
        RowStatus::Judged(s @ Status::NotEligible) => (vocab::act_first(s), day(eligible_on)),
        RowStatus::Judged(s @ (Status::Certified | Status::Grace | Status::Lapsed)) => {
            (vocab::act_first(s), day(deadline))
        }
        RowStatus::Judged(s) => (vocab::act_first(s), 0),
        RowStatus::Nothing => (NOTHING, 0),
        RowStatus::Error => (NOTHING + 1, 0),
    }
}
