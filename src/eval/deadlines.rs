//! Deadlines: every dated obligation of a profile from one as-of date on,
//! soonest first. Pure, like the rest of the evaluator: built from
//! [`evaluate`]'s report, it never reads the clock.
//!
//! For each held certification with recertification rules: the day renewals
//! start being accepted (where the rule has a window), the cycle's end and
//! the grace period's end; for each target not held, the projected day every
//! prerequisite is met. Only days on or after the as-of date are listed; held
//! certifications in their grace period or lapsed are named on their own
//! ([`Schedule::attention`]), since a lapsed one has no deadline left.
//!
//! ```
//! use certcheck::dates::date;
//! use certcheck::eval::deadlines::{months_left, per_month};
//! use certcheck::units::Units;
//! // 5.5 RU over the 8 whole months from 2026-11-25 to 2027-07-31: 0.6875 a
//! // month, rounded up to 0.7.
//! let months = months_left(date(2026, 11, 25), date(2027, 7, 31));
//! assert_eq!(months, 8);
//! let needed: Units = "5.5".parse().unwrap();
//! assert_eq!(per_month(needed, months).to_string(), "0.7");
//! ```

use serde::Serialize;

use crate::dates::{Date, Period, add_months, days_between};
use crate::profile::Profile;
use crate::rules::RuleSet;
use crate::units::Units;

use super::{CertResult, ProfileRef, Renewal, Route, Selection, Status, evaluate};

/// What falls due on a deadline's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The first day a renewal is accepted (rules with a window before the
    /// cycle's end, such as ASQ's 6 months).
    RenewalWindowOpens,
    /// The last day of the current recertification cycle.
    CycleEnd,
    /// The last day of the grace (or suspension) period after the cycle: the
    /// last day to renew before the certification lapses (or, where the
    /// rule renews by exam for longer, the last day to renew by units).
    GraceEnd,
    /// The last day a renewal by exam is accepted, where that is after the
    /// grace period's end (ASQ: a year after the cycle's end).
    ByExamEnd,
    /// The projected day every prerequisite of a target is met, if the
    /// person's current roles go on.
    Eligible,
}

impl Kind {
    /// The stable id used in JSON and in calendar UIDs.
    pub fn id(self) -> &'static str {
        match self {
            Kind::RenewalWindowOpens => "renewal-window-opens",
            Kind::CycleEnd => "cycle-end",
            Kind::GraceEnd => "grace-end",
            Kind::ByExamEnd => "by-exam-end",
            Kind::Eligible => "eligible",
        }
    }
}

/// One dated obligation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: Date,
    /// Days from the as-of date to `date` (0: the deadline is today).
    pub days_left: i64,
    /// The certification's id and name.
    pub certification: String,
    pub name: String,
    pub issuer: String,
    pub kind: Kind,
    /// The recertification cycle the deadline belongs to (0 = the first);
    /// `None` for a target's eligibility.
    pub cycle: Option<u32>,
    /// The cycle's first and last days, for renewal deadlines.
    pub cycle_start: Option<Date>,
    pub cycle_end: Option<Date>,
    /// The last day of the grace period after the cycle, for renewal
    /// deadlines.
    pub grace_until: Option<Date>,
    /// The rule's unit ("RU", "points"), for renewal deadlines.
    pub unit: Option<String>,
    /// For renewal deadlines: the units still needed for the cycle, as of
    /// the as-of date (0 when the total is met).
    pub units_needed: Option<Units>,
    /// For a cycle's end or its grace period's end: the units still needed
    /// and the pace that gets them by `date`; `None` when no unit is missing
    /// (or for other kinds).
    pub pace: Option<Pace>,
    /// For renewal deadlines: whether the cycle's units and every minimum
    /// are already met.
    pub ready: Option<bool>,
    /// For renewal deadlines: the category and group minimums not met yet,
    /// each with what it still needs.
    pub minimums: Vec<Shortfall>,
    /// For renewal deadlines of a holder in grace who is not ready: what
    /// can still renew the overdue cycle (see `Renewal::route`).
    pub route: Option<Route>,
}

/// The units still needed by a deadline and the monthly pace that gets them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pace {
    pub unit: String,
    pub units_needed: Units,
    /// Whole calendar months from the as-of date to the deadline, at least 1
    /// (see [`months_left`]).
    pub months_left: u32,
    /// `units_needed / months_left`, rounded up to one decimal.
    pub per_month: Units,
}

impl Pace {
    /// "5.5 RU to go: 0.7 a month over the 8 months left"
    pub fn words(&self) -> String {
        format!(
            "{} {} to go: {} a month over the {} left",
            self.units_needed,
            crate::units::unit_word(self.units_needed, &self.unit),
            one_decimal(self.per_month),
            months(self.months_left)
        )
    }

    /// The same, shorter, for a table whose other columns say the days
    /// left: "5.5 RU to go: 0.7 a month over 8 months"
    pub fn short_words(&self) -> String {
        format!(
            "{} {} to go: {} a month over {}",
            self.units_needed,
            crate::units::unit_word(self.units_needed, &self.unit),
            one_decimal(self.per_month),
            months(self.months_left)
        )
    }
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

/// A per-month figure with exactly one decimal: `0.7`, `1.0`, `12.5`.
pub fn one_decimal(u: Units) -> String {
    let t = u.thousandths();
    let sign = if t < 0 { "-" } else { "" };
    let tenths = t.unsigned_abs().div_ceil(100);
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// A category or group minimum not met yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Shortfall {
    pub id: String,
    pub name: String,
    /// The minimum, and the units it still needs.
    pub min: Units,
    pub needed: Units,
}

/// A held certification past the end of its cycle: in its grace period or
/// lapsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attention {
    pub certification: String,
    pub name: String,
    pub status: Status,
    pub cycle_end: Date,
    pub grace_until: Date,
    /// The last day of renewal by exam, where the rule has one.
    pub by_exam_until: Option<Date>,
    /// In grace and not ready: what can still renew the cycle.
    pub route: Option<Route>,
}

/// Everything `certcheck deadlines` shows for one profile on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub as_of: Date,
    pub profile: ProfileRef,
    /// Held certifications in their grace period or lapsed, in the profile's
    /// order.
    pub attention: Vec<Attention>,
    /// Soonest first; on one day by certification id, then by kind.
    pub deadlines: Vec<Deadline>,
    /// The evaluator's warnings (facts not counted, or counted once).
    pub warnings: Vec<String>,
}

impl Schedule {
    /// 0 normally; 1 when a held certification is in its grace period or
    /// lapsed (as `check` would say). A target not yet eligible is what the
    /// deadlines are for, so it does not make the exit code 1.
    pub fn exit_code(&self) -> i32 {
        if self.attention.is_empty() { 0 } else { 1 }
    }

    /// Keeps the deadlines on or before `until` (the lapsed and in-grace
    /// certifications stay named).
    pub fn keep_until(&mut self, until: Date) {
        self.deadlines.retain(|d| d.date <= until);
    }
}

/// How far ahead to look (`--within`): a number of days, weeks, calendar
/// months or calendar years, such as `90d`, `12w`, `6m` or `1y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Within {
    pub amount: u32,
    pub unit: WithinUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WithinUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Within {
    /// Parses `90d`, `12w`, `6m`, `1y` (a whole number, then one letter);
    /// `None` for anything else.
    pub fn parse(s: &str) -> Option<Within> {
        let unit = match s.as_bytes().last()? {
            b'd' => WithinUnit::Days,
            b'w' => WithinUnit::Weeks,
            b'm' => WithinUnit::Months,
            b'y' => WithinUnit::Years,
            _ => return None,
        };
        let digits = &s[..s.len() - 1];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Within {
            amount: digits.parse().ok()?,
            unit,
        })
    }

    /// The last day kept: `from` moved on by this much (months and years
    /// clamped to the month's end, as everywhere).
    pub fn until(self, from: Date) -> Date {
        let n = self.amount;
        let period = match self.unit {
            WithinUnit::Days => Period {
                days: n,
                ..Period::default()
            },
            WithinUnit::Weeks => Period {
                days: n.saturating_mul(7),
                ..Period::default()
            },
            WithinUnit::Months => Period {
                months: n,
                ..Period::default()
            },
            WithinUnit::Years => Period {
                years: n,
                ..Period::default()
            },
        };
        period.after(from)
    }

    /// The text it was written as: `90d`.
    pub fn code(self) -> String {
        let letter = match self.unit {
            WithinUnit::Days => 'd',
            WithinUnit::Weeks => 'w',
            WithinUnit::Months => 'm',
            WithinUnit::Years => 'y',
        };
        format!("{}{letter}", self.amount)
    }
}

impl std::fmt::Display for Within {
    /// In words: `90 days`, `1 week`, `6 months`, `1 year`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.unit {
            WithinUnit::Days => "day",
            WithinUnit::Weeks => "week",
            WithinUnit::Months => "month",
            WithinUnit::Years => "year",
        };
        let s = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {word}{s}", self.amount)
    }
}

/// Every deadline of `profile` on or after `as_of`, soonest first.
pub fn deadlines(rules: &RuleSet, profile: &Profile, as_of: Date) -> Vec<Deadline> {
    schedule(rules, profile, as_of).deadlines
}

/// The deadlines of `profile` on `as_of`, with the held certifications that
/// need attention and the evaluator's warnings.
pub fn schedule(rules: &RuleSet, profile: &Profile, as_of: Date) -> Schedule {
    // The held certifications and the targets, never "every certification"
    // (what `check` judges for a profile with neither).
    let mut ids: Vec<String> = Vec::new();
    for id in profile
        .certifications
        .iter()
        .map(|h| &h.id)
        .chain(&profile.targets)
    {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let report = evaluate(rules, profile, as_of, &Selection::Only(ids));
    let mut attention = Vec::new();
    let mut deadlines = Vec::new();
    for r in &report.results {
        if let Some(rn) = &r.renewal {
            if matches!(r.status, Status::Grace | Status::Lapsed) {
                attention.push(Attention {
                    certification: r.certification.to_string(),
                    name: r.name.to_string(),
                    status: r.status,
                    cycle_end: rn.cycle_end,
                    grace_until: rn.grace_until,
                    by_exam_until: rn.by_exam_until,
                    route: rn.route,
                });
            }
            if r.status != Status::Lapsed {
                deadlines.extend(renewal_deadlines(r, rn, as_of));
            }
        } else if profile.targets.iter().any(|t| t == r.certification)
            && r.status == Status::NotEligible
            && let Some(on) = r.eligible_on.filter(|d| *d > as_of)
        {
            deadlines.push(deadline(r, Kind::Eligible, on, as_of));
        }
    }
    deadlines.retain(|d| d.date >= as_of);
    deadlines.sort_by(|a, b| {
        (a.date, &a.certification, a.kind).cmp(&(b.date, &b.certification, b.kind))
    });
    Schedule {
        as_of,
        profile: report.profile,
        attention,
        deadlines,
        warnings: report.warnings.iter().map(ToString::to_string).collect(),
    }
}

/// A deadline of `kind` for `r` on `date`, without the renewal figures.
fn deadline(r: &CertResult, kind: Kind, date: Date, as_of: Date) -> Deadline {
    Deadline {
        date,
        days_left: days_between(as_of, date),
        certification: r.certification.to_string(),
        name: r.name.to_string(),
        issuer: r.issuer.to_string(),
        kind,
        cycle: None,
        cycle_start: None,
        cycle_end: None,
        grace_until: None,
        unit: None,
        units_needed: None,
        pace: None,
        ready: None,
        minimums: Vec::new(),
        route: None,
    }
}

/// The window's opening, the cycle's end and the grace period's end of a
/// held certification (past ones included: the caller drops them).
fn renewal_deadlines(r: &CertResult, rn: &Renewal, as_of: Date) -> Vec<Deadline> {
    let minimums: Vec<Shortfall> = rn
        .categories
        .iter()
        .filter(|c| c.needed.is_positive())
        .filter_map(|c| {
            c.min.map(|min| Shortfall {
                id: c.id.to_string(),
                name: c.name.to_string(),
                min,
                needed: c.needed,
            })
        })
        .chain(
            rn.groups
                .iter()
                .filter(|g| g.needed.is_positive())
                .filter_map(|g| {
                    g.min.map(|min| Shortfall {
                        id: g.id.to_string(),
                        name: g.name.to_string(),
                        min,
                        needed: g.needed,
                    })
                }),
        )
        .collect();
    let with_figures = |kind: Kind, date: Date, paced: bool| Deadline {
        cycle: Some(rn.cycle),
        cycle_start: Some(rn.cycle_start),
        cycle_end: Some(rn.cycle_end),
        grace_until: Some(rn.grace_until),
        unit: Some(rn.unit.to_string()),
        units_needed: Some(rn.units_needed),
        pace: if paced {
            pace(rn.unit, rn.units_needed, as_of, date)
        } else {
            None
        },
        ready: Some(rn.ready),
        minimums: minimums.clone(),
        route: rn.route,
        ..deadline(r, kind, date, as_of)
    };
    let mut out = Vec::with_capacity(4);
    if let Some(opens) = rn.window_opens {
        out.push(with_figures(Kind::RenewalWindowOpens, opens, false));
    }
    out.push(with_figures(Kind::CycleEnd, rn.cycle_end, true));
    // units are paced to the grace period's end only where units dated in
    // it still count towards the cycle (`grace_units = "overdue-cycle"`);
    // otherwise they would go to the next cycle
    out.push(with_figures(
        Kind::GraceEnd,
        rn.grace_until,
        rn.grace_units_count,
    ));
    if let Some(b) = rn.by_exam_until.filter(|b| *b > rn.grace_until) {
        out.push(with_figures(Kind::ByExamEnd, b, false));
    }
    out
}

/// The pace for `needed` units by `by`, judged on `as_of`; `None` when no
/// unit is needed.
pub fn pace(unit: &str, needed: Units, as_of: Date, by: Date) -> Option<Pace> {
    if !needed.is_positive() {
        return None;
    }
    let months_left = months_left(as_of, by);
    Some(Pace {
        unit: unit.to_string(),
        units_needed: needed,
        months_left,
        per_month: per_month(needed, months_left),
    })
}

/// Whole calendar months from `from` to `to`: the largest m such that `from`
/// moved m months on (clamped to the month's end, as everywhere) is on or
/// before `to`; at least 1, so a deadline days away asks for everything
/// within the month.
pub fn months_left(from: Date, to: Date) -> u32 {
    use chrono::Datelike;
    let mut m = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    let shifted = |m: i64| add_months(from, i32::try_from(m).unwrap_or(i32::MAX));
    if m > 0 && shifted(m) > to {
        m -= 1;
    }
    u32::try_from(m.max(1)).unwrap_or(u32::MAX)
}

/// `needed / months`, rounded up to one decimal (exact: no floats).
pub fn per_month(needed: Units, months: u32) -> Units {
    let per_tenth = 100 * u64::from(months.max(1));
    let tenths = needed
        .thousandths()
        .max(0)
        .unsigned_abs()
        .div_ceil(per_tenth);
    Units::from_thousandths(i64::try_from(tenths.saturating_mul(100)).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::profile::parse_toml;

    fn u(s: &str) -> Units {
        s.parse().unwrap()
    }

    /// The built-in rules with a cmq-oe that accepts renewal by exam for
    /// 12 months after a cycle's end (ASQ's rule), whatever the built-in
    /// file says: these tests are about deadlines, not about that data.
    fn rules() -> &'static RuleSet {
        static RULES: std::sync::LazyLock<RuleSet> = std::sync::LazyLock::new(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/shapes-recert/renew");
            RuleSet::load(&[dir]).unwrap_or_else(|e| panic!("{e}"))
        });
        &RULES
    }

    fn profile(text: &str) -> Profile {
        parse_toml(text, "test.toml", "test", rules()).unwrap()
    }

    fn kinds(ds: &[Deadline]) -> Vec<(Date, &str, Kind)> {
        ds.iter()
            .map(|d| (d.date, d.certification.as_str(), d.kind))
            .collect()
    }

    /// Earned 2023-06-15: the first cycle ends on the anniversary
    /// 2026-06-15, renewals are accepted from 2025-12-15, grace to
    /// 2026-12-15; 12.5 of 18 units logged.
    fn gus() -> Profile {
        profile(
            r#"
name = "Gus"
[[certifications]]
id = "cmq-oe"
earned = 2023-06-15
[[activities]]
date = 2024-02-01
certifications = ["cmq-oe"]
category = "professional-development"
units = 12.5
"#,
        )
    }

    #[test]
    fn asq_anniversary_with_its_6_month_window() {
        let p = gus();
        let s = schedule(rules(), &p, date(2025, 11, 25));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2025, 12, 15), "cmq-oe", Kind::RenewalWindowOpens),
                (date(2026, 6, 15), "cmq-oe", Kind::CycleEnd),
                (date(2026, 12, 15), "cmq-oe", Kind::GraceEnd),
                (date(2027, 6, 15), "cmq-oe", Kind::ByExamEnd),
            ]
        );
        // renewal by exam: no pace
        assert_eq!(s.deadlines[3].pace, None);
        let window = &s.deadlines[0];
        assert_eq!(window.days_left, 20);
        assert_eq!(window.pace, None, "the window's opening asks for nothing");
        assert_eq!(window.cycle, Some(0));
        let end = &s.deadlines[1];
        assert_eq!(end.days_left, 202);
        assert_eq!(
            end.pace,
            Some(Pace {
                unit: "RU".into(),
                units_needed: u("5.5"),
                months_left: 6,
                per_month: u("1"),
            })
        );
        assert_eq!(
            end.pace.as_ref().unwrap().words(),
            "5.5 RU to go: 1.0 a month over the 6 months left"
        );
        // no pace to the grace period's end: units dated after the cycle's
        // end go to the next cycle (the rule keeps no grace-period units)
        let grace = &s.deadlines[2];
        assert_eq!(grace.pace, None);
        assert_eq!(grace.units_needed, Some(u("5.5")));
        assert_eq!(grace.ready, Some(false));
        assert!(s.attention.is_empty());
        assert_eq!(s.exit_code(), 0);

        // inside the window: its opening is past and no longer listed
        let s = schedule(rules(), &p, date(2026, 1, 1));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2026, 6, 15), "cmq-oe", Kind::CycleEnd),
                (date(2026, 12, 15), "cmq-oe", Kind::GraceEnd),
                (date(2027, 6, 15), "cmq-oe", Kind::ByExamEnd),
            ]
        );
    }

    #[test]
    fn asq_grace_period_then_lapse() {
        let p = gus();
        // in the grace period: the grace period's end, then the last day of
        // renewal by exam (ASQ: a year from the cycle's end)
        let s = schedule(rules(), &p, date(2026, 11, 25));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2026, 12, 15), "cmq-oe", Kind::GraceEnd),
                (date(2027, 6, 15), "cmq-oe", Kind::ByExamEnd),
            ]
        );
        // short, and units earned now go to the next cycle: no pace; the
        // route left is the exam
        assert_eq!(s.deadlines[0].pace, None);
        assert_eq!(s.deadlines[0].route, Some(Route::Exam));
        assert_eq!(s.attention.len(), 1);
        assert_eq!(s.attention[0].status, Status::Grace);
        assert_eq!(s.attention[0].route, Some(Route::Exam));
        assert_eq!(s.exit_code(), 1);

        // on the grace period's last day it is still listed, with 0 days left
        let s = schedule(rules(), &p, date(2026, 12, 15));
        assert_eq!(s.deadlines.len(), 2);
        assert_eq!(s.deadlines[0].days_left, 0);

        // after the grace period ASQ still accepts a renewal by exam for a
        // year from the cycle's end (rules/cmq-oe.toml, `by_exam_months`):
        // still in grace until 2027-06-15
        let s = schedule(rules(), &p, date(2027, 6, 15));
        assert_eq!(s.attention[0].status, Status::Grace);

        // lapsed: nothing dated is left, the certification is named apart
        let s = schedule(rules(), &p, date(2027, 6, 16));
        assert!(s.deadlines.is_empty());
        assert_eq!(
            s.attention,
            [Attention {
                by_exam_until: Some(date(2027, 6, 15)),
                route: None,
                certification: "cmq-oe".into(),
                name: "Certified Manager of Quality/Organizational Excellence".into(),
                status: Status::Lapsed,
                cycle_end: date(2026, 6, 15),
                grace_until: date(2026, 12, 15),
            }]
        );
        assert_eq!(s.exit_code(), 1);
    }

    #[test]
    fn asq_renewal_moves_to_the_next_cycle() {
        // renewed early: the next cycle still ends on the anniversary
        let p = profile(
            r#"
name = "Dana"
[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [2024-09-02]
"#,
        );
        let s = schedule(rules(), &p, date(2026, 11, 25));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2027, 4, 15), "cmq-oe", Kind::RenewalWindowOpens),
                (date(2027, 10, 15), "cmq-oe", Kind::CycleEnd),
                (date(2028, 4, 15), "cmq-oe", Kind::GraceEnd),
                (date(2028, 10, 15), "cmq-oe", Kind::ByExamEnd),
            ]
        );
        assert!(s.deadlines.iter().all(|d| d.cycle == Some(1)));
        assert_eq!(s.deadlines[1].cycle_start, Some(date(2024, 10, 16)));
        // nothing logged: all 18 RU over the 10 whole months to 2027-10-15
        let pace = s.deadlines[1].pace.as_ref().unwrap();
        assert_eq!(
            (pace.units_needed, pace.months_left, pace.per_month),
            (u("18"), 10, u("1.8"))
        );
    }

    #[test]
    fn ascm_month_end_with_90_days() {
        // earned 2022-03-04: the cycle ends at the end of the month five
        // years on, 2027-03-31; 90 days of grace run to 2027-06-29; ASCM
        // accepts renewals any time, so there is no window deadline
        let p = profile(
            r#"
name = "Theo"
[[certifications]]
id = "cpim"
earned = 2022-03-04
[[activities]]
date = 2024-05-02
certifications = ["cpim"]
category = "continuing-education"
units = 24
"#,
        );
        let s = schedule(rules(), &p, date(2026, 11, 25));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2027, 3, 31), "cpim", Kind::CycleEnd),
                (date(2027, 6, 29), "cpim", Kind::GraceEnd),
            ]
        );
        assert_eq!(s.deadlines[0].days_left, 126);
        // 51 points over 4 months (2026-11-25 + 4 = 2027-03-25): 12.75 → 12.8
        let pace = s.deadlines[0].pace.as_ref().unwrap();
        assert_eq!(
            (pace.units_needed, pace.months_left, pace.per_month),
            (u("51"), 4, u("12.8"))
        );
        assert_eq!(
            pace.words(),
            "51 points to go: 12.8 a month over the 4 months left"
        );
        // none to the grace period's end: points earned after the cycle's
        // end count towards the next cycle
        assert_eq!(s.deadlines[1].pace, None);
        assert_eq!(s.deadlines[1].grace_until, Some(date(2027, 6, 29)));
    }

    #[test]
    fn ascm_leap_and_month_end_edges() {
        // earned on 29 February: five years on is 28 February 2029 (no leap
        // day), the month's end is that same day; 90 days on is 2029-05-29
        let p = profile(
            r#"
name = "Ida"
[[certifications]]
id = "cpim"
earned = 2024-02-29
"#,
        );
        let s = schedule(rules(), &p, date(2028, 12, 31));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2029, 2, 28), "cpim", Kind::CycleEnd),
                (date(2029, 5, 29), "cpim", Kind::GraceEnd),
            ]
        );
        // 2028-12-31 + 1 month = 2029-01-31, + 2 = 2029-02-28 (clamped):
        // two whole months to the cycle's end
        assert_eq!(s.deadlines[0].pace.as_ref().unwrap().months_left, 2);
    }

    #[test]
    fn ready_cycles_have_no_pace() {
        let p = profile(
            r#"
name = "Ready"
[[certifications]]
id = "cmq-oe"
earned = 2023-06-15
[[activities]]
date = 2024-02-01
certifications = ["cmq-oe"]
category = "professional-development"
units = 18
"#,
        );
        let s = schedule(rules(), &p, date(2025, 11, 25));
        assert_eq!(s.deadlines.len(), 4);
        for d in &s.deadlines {
            assert_eq!(d.pace, None);
            assert_eq!(d.ready, Some(true));
            assert!(d.minimums.is_empty());
        }
    }

    #[test]
    fn pace_rounds_up_to_a_tenth() {
        assert_eq!(per_month(u("5.5"), 8), u("0.7"));
        assert_eq!(per_month(u("18"), 36), u("0.5"), "exact stays exact");
        assert_eq!(per_month(u("18"), 10), u("1.8"));
        assert_eq!(per_month(u("0.001"), 12), u("0.1"), "never rounds to 0");
        assert_eq!(per_month(u("9.5"), 10), u("1"));
        assert_eq!(per_month(u("10"), 3), u("3.4"));
        assert_eq!(per_month(u("0.3"), 3), u("0.1"));
        assert_eq!(per_month(u("0.301"), 3), u("0.2"));
        assert_eq!(per_month(u("75"), 1), u("75"));
        assert_eq!(per_month(u("7"), 0), u("7"), "0 months counts as 1");
        assert_eq!(one_decimal(u("1")), "1.0");
        assert_eq!(one_decimal(u("0.7")), "0.7");
        assert_eq!(one_decimal(u("12.8")), "12.8");
        assert_eq!(one_decimal(u("0")), "0.0");
    }

    #[test]
    fn months_left_are_whole_calendar_months_and_at_least_one() {
        let m = |a: (i32, u32, u32), b: (i32, u32, u32)| {
            months_left(date(a.0, a.1, a.2), date(b.0, b.1, b.2))
        };
        assert_eq!(m((2026, 11, 25), (2027, 7, 31)), 8);
        assert_eq!(m((2026, 11, 25), (2027, 7, 25)), 8, "the same day counts");
        assert_eq!(m((2026, 11, 25), (2027, 7, 24)), 7);
        assert_eq!(m((2026, 11, 25), (2026, 12, 24)), 1, "at least 1");
        assert_eq!(m((2026, 11, 25), (2026, 11, 25)), 1, "today: at least 1");
        assert_eq!(m((2026, 11, 25), (2026, 12, 1)), 1);
        assert_eq!(m((2026, 1, 31), (2026, 2, 28)), 1, "month-end clamping");
        assert_eq!(m((2026, 1, 31), (2026, 3, 30)), 1);
        assert_eq!(m((2026, 1, 31), (2026, 3, 31)), 2);
        assert_eq!(m((2026, 11, 25), (2029, 11, 25)), 36);
        assert_eq!(m((2026, 11, 25), (2020, 1, 1)), 1, "the past: 1");
        assert!(months_left(Date::MIN, Date::MAX) > 1000);
    }

    #[test]
    fn the_pace_phrase() {
        let p = pace("RU", u("5.5"), date(2026, 11, 25), date(2027, 7, 31)).unwrap();
        assert_eq!(
            p.words(),
            "5.5 RU to go: 0.7 a month over the 8 months left"
        );
        assert_eq!(p.short_words(), "5.5 RU to go: 0.7 a month over 8 months");
        let p = pace("PDUs", u("2"), date(2026, 11, 25), date(2026, 12, 10)).unwrap();
        assert_eq!(p.words(), "2 PDUs to go: 2.0 a month over the 1 month left");
        assert_eq!(
            pace("RU", Units::ZERO, date(2026, 1, 1), date(2027, 1, 1)),
            None
        );
    }

    #[test]
    fn targets_projected_eligibility() {
        // Sam: decision-making since 2023-01-09; 5 years (1826 days) are
        // reached on 2028-01-08 if the role goes on
        let text = r#"
name = "Sam"
targets = ["cmq-oe", "cpim"]
[[education]]
level = "associate"
completed = 2012-06-01
[[employment]]
title = "Supervisor"
start = 2014-08-01
end = 2023-01-08
[[employment]]
title = "Quality lead"
start = 2023-01-09
decision_making = true
"#;
        let p = profile(text);
        let s = schedule(rules(), &p, date(2026, 11, 25));
        // CPIM has no prerequisites: nothing to wait for, no deadline
        assert_eq!(
            kinds(&s.deadlines),
            [(date(2028, 1, 8), "cmq-oe", Kind::Eligible)]
        );
        let d = &s.deadlines[0];
        assert_eq!(d.days_left, 409);
        assert_eq!((d.cycle, &d.pace, d.ready), (None, &None, None));
        assert_eq!(s.exit_code(), 0, "a target not yet eligible is no problem");

        // on the day itself it is still listed; the day after, it is a fact
        // of the past and no deadline
        assert_eq!(deadlines(rules(), &p, date(2028, 1, 7)).len(), 1);
        assert!(deadlines(rules(), &p, date(2028, 1, 8)).is_empty());

        // time alone will not do it (the role has ended): no deadline
        let ended = profile(&text.replace(
            "decision_making = true",
            "decision_making = true\nend = 2026-06-30",
        ));
        assert!(deadlines(rules(), &ended, date(2026, 11, 25)).is_empty());

        // a certification held is no target: its renewal is what counts
        let both = profile(&format!(
            "{text}\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2025-01-10\n"
        ));
        let ds = deadlines(rules(), &both, date(2026, 11, 25));
        assert!(ds.iter().all(|d| d.kind != Kind::Eligible), "{ds:?}");
    }

    #[test]
    fn soonest_first_ties_by_certification_then_kind() {
        // both cycles end on 2027-03-31 (CMQ/OE earned 2024-03-31, CPIM in
        // March 2022); CMQ/OE's window opened on 2026-09-30, in the past
        let p = profile(
            r#"
name = "Tie"
[[certifications]]
id = "cpim"
earned = 2022-03-10
[[certifications]]
id = "cmq-oe"
earned = 2024-03-31
"#,
        );
        let s = schedule(rules(), &p, date(2026, 11, 25));
        assert_eq!(
            kinds(&s.deadlines),
            [
                (date(2027, 3, 31), "cmq-oe", Kind::CycleEnd),
                (date(2027, 3, 31), "cpim", Kind::CycleEnd),
                (date(2027, 6, 29), "cpim", Kind::GraceEnd),
                (date(2027, 9, 30), "cmq-oe", Kind::GraceEnd),
                (date(2028, 3, 31), "cmq-oe", Kind::ByExamEnd),
            ]
        );
    }

    #[test]
    fn within_keeps_the_near_ones_and_the_attention() {
        let p = profile(
            r#"
name = "Lena"
[[certifications]]
id = "cmq-oe"
earned = 2022-01-10
[[certifications]]
id = "cpim"
earned = 2022-03-04
"#,
        );
        let mut s = schedule(rules(), &p, date(2026, 11, 25));
        assert_eq!(s.attention.len(), 1, "CMQ/OE lapsed on 2025-07-11");
        assert_eq!(s.deadlines.len(), 2);
        s.keep_until(date(2027, 3, 31));
        assert_eq!(
            kinds(&s.deadlines),
            [(date(2027, 3, 31), "cpim", Kind::CycleEnd)]
        );
        assert_eq!(s.attention.len(), 1);
        assert_eq!(s.exit_code(), 1);
    }

    #[test]
    fn within_durations() {
        let w = |s: &str| Within::parse(s);
        let from = date(2026, 11, 25);
        assert_eq!(w("90d").unwrap().until(from), date(2027, 2, 23));
        assert_eq!(w("12w").unwrap().until(from), date(2027, 2, 17));
        assert_eq!(w("6m").unwrap().until(from), date(2027, 5, 25));
        assert_eq!(w("1y").unwrap().until(from), date(2027, 11, 25));
        assert_eq!(w("0d").unwrap().until(from), from);
        assert_eq!(w("1m").unwrap().until(date(2027, 1, 31)), date(2027, 2, 28));
        assert_eq!(w("1y").unwrap().until(date(2028, 2, 29)), date(2029, 2, 28));
        assert_eq!(w("4294967295y").unwrap().until(from), Date::MAX);
        for bad in [
            "",
            "d",
            "90",
            "90 d",
            " 90d",
            "90D",
            "-1d",
            "+1d",
            "1.5m",
            "6mo",
            "3x",
            "1e3d",
            "99999999999d",
            "６m",
        ] {
            assert_eq!(w(bad), None, "{bad:?}");
        }
        assert_eq!(w("90d").unwrap().to_string(), "90 days");
        assert_eq!(w("1w").unwrap().to_string(), "1 week");
        assert_eq!(w("6m").unwrap().to_string(), "6 months");
        assert_eq!(w("1y").unwrap().to_string(), "1 year");
        assert_eq!(w("12w").unwrap().code(), "12w");
    }

    #[test]
    fn unmet_minimums_are_listed() {
        use crate::dates::Period;
        use crate::rules::model::{Anchor, Category, Citation, Recertification};
        let mut rule = rules().get("cpim", date(2026, 1, 1)).unwrap().clone();
        rule.recertification = Some(Recertification {
            grace_units: Default::default(),
            by_exam: None,
            cycle_years: 3,
            anchor: Anchor::Anniversary,
            units_required: u("60"),
            unit: "PDUs".into(),
            grace: Period {
                months: 12,
                ..Period::default()
            },
            window_before: None,
            late_units_per_year: None,
            categories: vec![
                Category {
                    max_share: None,
                    id: "power-skills".into(),
                    name: "Power skills".into(),
                    min: Some(u("8")),
                    max: None,
                    parent: None,
                    units_per_hour: None,
                    citation: None,
                },
                Category {
                    max_share: None,
                    id: "giving-back".into(),
                    name: "Giving back".into(),
                    min: None,
                    max: None,
                    parent: None,
                    units_per_hour: None,
                    citation: None,
                },
            ],
            groups: vec![],
            carry_over: None,
            citation: Citation::default(),
        });
        let rs = RuleSet::from_rules(vec![rule]);
        let p = parse_toml(
            r#"
name = "Pat"
[[certifications]]
id = "cpim"
earned = 2025-01-10
[[activities]]
date = 2025-05-01
certifications = ["cpim"]
category = "giving-back"
units = 60
"#,
            "t.toml",
            "t",
            &rs,
        )
        .unwrap();
        let ds = deadlines(&rs, &p, date(2026, 11, 25));
        let end = ds.iter().find(|d| d.kind == Kind::CycleEnd).unwrap();
        assert_eq!(end.pace, None, "the total is met");
        assert_eq!(end.ready, Some(false));
        assert_eq!(
            end.minimums,
            [Shortfall {
                id: "power-skills".into(),
                name: "Power skills".into(),
                min: u("8"),
                needed: u("8"),
            }]
        );
    }
}
