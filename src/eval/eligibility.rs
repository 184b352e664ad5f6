//! Prerequisites: experience (union of roles, look-back windows, waivers),
//! degrees, training hours, projects, certifications held; the alternative
//! paths over them; and the day they are, or will be, met.

use crate::dates::{
    Date, DaySet, add_days, add_years, day_number, days_for_months, from_day_number,
};
use chrono::{Datelike, NaiveDate};

use crate::profile::Profile;
use crate::profile::model::{Activity, Education, ExamPass, Held, Role};
use crate::rules::RuleSet;
use crate::rules::model::{Counting, Level, Requirement, RequirementKind, RoleFilter, Rule};
use crate::units::Units;

use super::assume::{Assumed, NO_ASSUMPTIONS};
use super::{
    CertResult, Detail, Fact, RequirementResult, RoleCount, Status, Summary, Warning, exams,
    renewal,
};

/// The last day a projection looks at: far beyond any career.
const HORIZON_YEARS: i32 = 200;
/// A bound on the steps of every search, whatever the input.
const MAX_STEPS: usize = 100_000;

/// A profile's facts as the evaluator sees them on one as-of date: nothing
/// dated after it, roles continued in projection; plus assumed facts (see
/// [`Assumed`]), which count from their own dates even after the as-of date.
pub struct Facts<'a> {
    pub profile: &'a Profile,
    pub as_of: Date,
    assumed: &'a Assumed,
    /// Roles that started on or before the as-of date, and assumed roles,
    /// with their projected first and last day (day numbers; "ongoing" is
    /// the end of time). An assumed role ends the roles still going on the
    /// day it starts on the day before.
    roles: Vec<(&'a Role, i64, i64)>,
    as_of_n: i64,
}

impl<'a> Facts<'a> {
    pub fn new(profile: &'a Profile, as_of: Date) -> Facts<'a> {
        Facts::assuming(profile, as_of, &NO_ASSUMPTIONS)
    }

    /// The profile's facts with `assumed` facts added.
    pub fn assuming(profile: &'a Profile, as_of: Date, assumed: &'a Assumed) -> Facts<'a> {
        let end_of_time = day_number(Date::MAX);
        let span = |r: &'a Role| {
            (
                r,
                day_number(r.start),
                r.end.map_or(end_of_time, day_number),
            )
        };
        let mut roles: Vec<(&'a Role, i64, i64)> = profile
            .employment
            .iter()
            .filter(|r| r.start <= as_of)
            .map(span)
            .collect();
        if let Some(last) = assumed.roles_end.map(day_number) {
            for (_, _, b) in &mut roles {
                *b = (*b).min(last);
            }
        }
        let mut new_roles: Vec<&'a Role> = assumed.roles.iter().collect();
        new_roles.sort_by_key(|r| r.start);
        for r in new_roles {
            let start = day_number(r.start);
            for (_, a, b) in &mut roles {
                if *a < start && *b >= start {
                    *b = start - 1;
                }
            }
            roles.push(span(r));
        }
        Facts {
            profile,
            as_of,
            assumed,
            roles,
            as_of_n: day_number(as_of),
        }
    }

    /// Degrees that count in a projection: the profile's completed on or
    /// before the as-of date, and every assumed one from its date.
    fn degrees_projected(&self) -> impl Iterator<Item = (Level, Date)> + '_ {
        self.education_projected().map(|e| (e.level, e.completed))
    }

    /// The degrees of [`Facts::degrees_projected`], whole.
    fn education_projected(&self) -> impl Iterator<Item = &Education> + '_ {
        self.profile
            .education
            .iter()
            .filter(|e| e.completed <= self.as_of)
            .chain(self.assumed.education.iter())
    }

    /// Training that counts in a projection, as (day completed, hours).
    fn training_projected(&self) -> impl Iterator<Item = (Date, Units)> + '_ {
        self.profile
            .training
            .iter()
            .filter(|t| t.completed <= self.as_of)
            .chain(self.assumed.training.iter())
            .map(|t| (t.completed, t.hours))
    }

    /// Exam passes: the profile's, then the assumed ones (whoever judges
    /// them looks only at the passes dated on or before the day judged).
    fn exam_passes(&self) -> std::borrow::Cow<'a, [ExamPass]> {
        if self.assumed.exams.is_empty() {
            std::borrow::Cow::Borrowed(&self.profile.exams)
        } else {
            let mut all = self.profile.exams.clone();
            all.extend(self.assumed.exams.iter().cloned());
            std::borrow::Cow::Owned(all)
        }
    }
}

fn role_passes(role: &Role, f: &RoleFilter) -> bool {
    f.full_time.is_none_or(|v| role.full_time == v)
        && f.paid.is_none_or(|v| role.paid == v)
        && f.decision_making.is_none_or(|v| role.decision_making == v)
        && !f.exclude_kinds.contains(&role.kind)
        && f.tags.iter().all(|t| role.tags.contains(t))
}

/// Why `role` is left out by `f` (empty: it passes), and the tags it lacks.
fn role_reasons<'r>(role: &Role, f: &'r RoleFilter) -> (Vec<&'static str>, Vec<&'r str>) {
    let mut reasons = Vec::new();
    if f.exclude_kinds.contains(&role.kind) {
        reasons.push(role.kind.id());
    }
    let wants = |want: Option<bool>, has: bool, yes: &'static str, no: &'static str| match want {
        Some(w) if w != has => Some(if w { no } else { yes }),
        _ => None,
    };
    reasons.extend(wants(f.full_time, role.full_time, "full-time", "part-time"));
    reasons.extend(wants(f.paid, role.paid, "paid", "unpaid"));
    reasons.extend(wants(
        f.decision_making,
        role.decision_making,
        "decision-making",
        "not-decision-making",
    ));
    let missing: Vec<&'r str> = f
        .tags
        .iter()
        .filter(|t| !role.tags.contains(t))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        reasons.push("not-tagged");
    }
    (reasons, missing)
}

/// The roles of `facts` (and the profile's roles that start after the
/// as-of date), each counted by filter `f` with window start `window_from`
/// (a day number) or left out, with the reasons.
fn role_counts<'r>(
    facts: &Facts<'_>,
    f: &'r RoleFilter,
    window_from: Option<i64>,
) -> Vec<RoleCount<'r>> {
    let mut out: Vec<RoleCount<'r>> = facts
        .roles
        .iter()
        .map(|(r, _, b)| {
            let (mut reasons, missing_tags) = role_reasons(r, f);
            if window_from.is_some_and(|w| *b < w) {
                reasons.push("outside-window");
            }
            RoleCount {
                role: r.label(),
                counted: reasons.is_empty(),
                reasons,
                missing_tags,
            }
        })
        .collect();
    out.extend(
        facts
            .profile
            .employment
            .iter()
            .filter(|r| r.start > facts.as_of)
            .map(|r| {
                let (mut reasons, missing_tags) = role_reasons(r, f);
                reasons.push("after-as-of");
                RoleCount {
                    role: r.label(),
                    counted: false,
                    reasons,
                    missing_tags,
                }
            }),
    );
    out
}

/// One prerequisite prepared for judging on any day.
enum Judge {
    Experience(Experience),
    /// Met from this day on (or never).
    From(Option<i64>),
    /// Met on the days of this set.
    Days(DaySet),
    /// Met where the requirement's own judge is, or on the days a
    /// certification that meets it instead (`met_by_certification`) is held.
    OrHeld(Box<Judge>, DaySet),
}

/// The month of day `n`, as year × 12 + month − 1.
fn month_of(n: i64) -> i64 {
    let d = from_day_number(n);
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The first day of the month `m` (as [`month_of`] numbers it), saturating.
fn first_of_month(m: i64) -> i64 {
    let first = i32::try_from(m.div_euclid(12))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, u32::try_from(m.rem_euclid(12)).ok()? + 1, 1));
    match first {
        Some(d) => day_number(d),
        None if m < 0 => day_number(Date::MIN),
        None => day_number(Date::MAX),
    }
}

struct Experience {
    months: u32,
    lookback_years: Option<u32>,
    counting: Counting,
    days: DaySet,
    /// (day from which it applies, months waived), sorted by day.
    waivers: Vec<(i64, u32, Level)>,
}

impl Experience {
    fn window_from(&self, d: i64) -> Option<i64> {
        self.lookback_years.map(|n| {
            day_number(add_years(
                from_day_number(d),
                -i32::try_from(n).unwrap_or(i32::MAX),
            )) + 1
        })
    }
    /// The first day counted on day `d` (the window's, or the dawn of time).
    fn counted_from(&self, d: i64) -> i64 {
        self.window_from(d).unwrap_or(i64::MIN / 4)
    }
    /// What counts on day `d`, in the unit of [`Experience::needed`]: days,
    /// or calendar months.
    fn counted(&self, d: i64) -> i64 {
        match self.counting {
            Counting::Days => self.counted_days(d),
            Counting::CalendarMonths => self.months_in(self.counted_from(d), d),
        }
    }
    fn counted_days(&self, d: i64) -> i64 {
        self.days.count_in(self.counted_from(d), d)
    }
    /// The calendar months with at least one counted day in [from, to],
    /// each once however many roles cover it.
    fn months_in(&self, from: i64, to: i64) -> i64 {
        if to < from {
            return 0;
        }
        let spans = self.days.spans();
        let start = spans.partition_point(|(_, b)| *b < from);
        let mut count = 0;
        let mut last_month = i64::MIN;
        for &(a, b) in &spans[start..] {
            if a > to {
                break;
            }
            let (first, last) = (month_of(a.max(from)), month_of(b.min(to)));
            let first = first.max(last_month.saturating_add(1));
            if last >= first {
                count += last - first + 1;
            }
            last_month = last_month.max(last);
        }
        count
    }
    /// The largest waiver in force on day d (degrees count from their
    /// completion, and only those on or before the as-of date).
    fn waiver(&self, d: i64) -> Option<(i64, u32, Level)> {
        self.waivers
            .iter()
            .filter(|(from, _, _)| *from <= d)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .copied()
    }
    /// Months needed on day `d`, after the waiver in force.
    fn needed_months(&self, d: i64) -> u32 {
        let w = self.waiver(d).map_or(0, |w| w.1);
        self.months.saturating_sub(w)
    }
    /// What is needed on day `d`: days, or calendar months.
    fn needed(&self, d: i64) -> i64 {
        match self.counting {
            Counting::Days => days_for_months(self.needed_months(d)),
            Counting::CalendarMonths => i64::from(self.needed_months(d)),
        }
    }
    /// The figures on day `d` of a requirement of `months`, with `roles`.
    fn detail<'r>(&self, months: u32, d: i64, roles: Vec<RoleCount<'r>>) -> Detail<'r> {
        let waiver = self.waiver(d);
        let waived = waiver.map_or(0, |w| w.1.min(months));
        let in_months = self.counting == Counting::CalendarMonths;
        Detail::Experience {
            counted_days: self.counted_days(d),
            required_days: days_for_months(self.needed_months(d)),
            base_required_days: days_for_months(months),
            waived_months: waived,
            waiver_level: waiver.filter(|_| waived > 0).map(|w| w.2),
            window_from: self.window_from(d).map(from_day_number),
            counting: self.counting,
            counted_months: in_months.then(|| u32::try_from(self.counted(d)).unwrap_or(u32::MAX)),
            required_months: in_months.then(|| self.needed_months(d)),
            roles,
        }
    }

    /// For day `d`, on which `short` (> 0) calendar months are missing: the
    /// earliest day on which they could be counted. The count gains a month
    /// only on a counted day of a month not counted yet: at most the current
    /// month (where it is not counted yet) and one month for each month
    /// that starts; and none before the next counted day.
    fn next_possible_month(&self, d: i64, short: i64) -> i64 {
        let month = month_of(d);
        let this_month = self
            .days
            .count_in(first_of_month(month).max(self.counted_from(d)), d)
            > 0;
        let by_months = if this_month {
            first_of_month(month.saturating_add(short))
        } else {
            first_of_month(month.saturating_add(short - 1)).max(d + 1)
        };
        let next_day = self
            .days
            .spans()
            .iter()
            .find(|(_, b)| *b > d)
            .map_or(d + 1, |(a, _)| (*a).max(d + 1));
        by_months.max(next_day)
    }
}

impl Judge {
    fn met(&self, d: i64) -> bool {
        match self {
            Judge::Experience(e) => e.counted(d) >= e.needed(d),
            Judge::From(f) => f.is_some_and(|f| f <= d),
            Judge::Days(s) => s.contains(d),
            Judge::OrHeld(own, s) => s.contains(d) || own.met(d),
        }
    }

    /// For a day after the as-of date: the earliest day on or after `d` on
    /// which this could be met, `None` if never.
    fn next_possible(&self, d: i64, horizon: i64) -> Option<i64> {
        if d > horizon {
            return None;
        }
        match self {
            Judge::Experience(e) => {
                let short = e.needed(d) - e.counted(d);
                if short <= 0 {
                    return Some(d);
                }
                // the need only drops where a larger waiver starts (an
                // assumed degree completed after the as-of date)
                let current = e.waiver(d).map_or(0, |w| w.1);
                let next_waiver = e
                    .waivers
                    .iter()
                    .filter(|(from, m, _)| *from > d && *m > current)
                    .map(|w| w.0)
                    .min();
                // counted grows by at most one day a day
                if e.days.last().is_none_or(|last| last <= d) {
                    // no day to come; with a window, days only fall out
                    return next_waiver;
                }
                if e.counting == Counting::CalendarMonths {
                    // a window of N years touches at most 12 N + 1 months
                    let most = e.lookback_years.map(|n| i64::from(n) * 12 + 1);
                    if most.is_some_and(|m| e.needed(d) > m) {
                        return next_waiver;
                    }
                    let b = e.next_possible_month(d, short);
                    return Some(next_waiver.map_or(b, |w| w.min(b)));
                }
                if let (Some(_), Some(&(open_start, open_end))) =
                    (e.lookback_years, e.days.spans().last())
                {
                    // once the window lies inside the last open-ended role
                    // the count stops growing
                    let settled = e.window_from(d).is_some_and(|w| w > open_start + 366 * 4);
                    if open_end >= day_number(Date::MAX) && settled {
                        return next_waiver;
                    }
                }
                Some(next_waiver.map_or(d + short, |w| w.min(d + short)))
            }
            Judge::From(f) => f.map(|f| f.max(d)),
            Judge::Days(s) => Self::next_in(s, d),
            Judge::OrHeld(own, s) => match (own.next_possible(d, horizon), Self::next_in(s, d)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// The first day of `s` on or after `d`.
    fn next_in(s: &DaySet, d: i64) -> Option<i64> {
        if s.contains(d) {
            return Some(d);
        }
        s.spans()
            .iter()
            .find(|(_, b)| *b >= d)
            .map(|(a, _)| (*a).max(d))
    }

    /// For a day on which this is met: the earliest day `e` such that it is
    /// certainly met on every day of [e, d].
    fn met_since(&self, d: i64) -> i64 {
        match self {
            Judge::Experience(e) => {
                let spare = e.counted(d) - e.needed(d);
                // the need only changes where a waiver starts
                let waiver_from = e.waiver(d).map_or(i64::MIN / 4, |w| w.0);
                let since = match e.counting {
                    // going back a day loses at most one counted day
                    Counting::Days => d - spare.max(0),
                    // going back to day x loses at most the months of the
                    // days after it: `spare` of them back to the last day
                    // of the month `spare` months before d's
                    Counting::CalendarMonths => {
                        (first_of_month(month_of(d) - spare.max(0) + 1) - 1).min(d)
                    }
                };
                since.max(waiver_from)
            }
            Judge::From(f) => f.unwrap_or(d),
            Judge::Days(s) => Self::run_start(s, d),
            // on [e, d] one or the other holds throughout: the longer run
            Judge::OrHeld(own, s) => match (own.met(d), s.contains(d)) {
                (true, true) => own.met_since(d).min(Self::run_start(s, d)),
                (true, false) => own.met_since(d),
                (false, _) => Self::run_start(s, d),
            },
        }
    }

    /// The first day of the run of `s` that holds `d` (`d` where none does).
    fn run_start(s: &DaySet, d: i64) -> i64 {
        s.spans()
            .iter()
            .find(|(a, b)| *a <= d && d <= *b)
            .map_or(d, |(a, _)| *a)
    }
}

/// Prepares requirement `req` against `facts`: its own test, or (where it
/// may be met by a certification held) either.
fn judge(rules: &RuleSet, req: &Requirement, facts: &Facts<'_>) -> Judge {
    let own = judge_kind(rules, req, facts);
    if req.met_by.is_empty() {
        return own;
    }
    Judge::OrHeld(Box::new(own), held_days(rules, &req.met_by, facts))
}

/// The days on which the profile holds one of `ids` in good standing
/// (certified or in grace), as known on the as-of date.
fn held_days(rules: &RuleSet, ids: &[String], facts: &Facts<'_>) -> DaySet {
    let spans = facts
        .profile
        .certifications
        .iter()
        .filter(|h| ids.contains(&h.id) && h.earned <= facts.as_of)
        .flat_map(|h| good_standing(rules, h, facts.as_of))
        .collect();
    DaySet::from_intervals(spans)
}

/// Whether `profile` holds one of `ids` in good standing (certified or in
/// grace) on `as_of`.
pub(crate) fn holds_any(rules: &RuleSet, ids: &[String], profile: &Profile, as_of: Date) -> bool {
    held_on_as_of(rules, ids, &Facts::new(profile, as_of)).is_some()
}

/// The first of `ids` the profile holds in good standing on the as-of date.
fn held_on_as_of<'r>(rules: &RuleSet, ids: &'r [String], facts: &Facts<'_>) -> Option<&'r str> {
    ids.iter()
        .find(|id| held_days(rules, std::slice::from_ref(*id), facts).contains(facts.as_of_n))
        .map(String::as_str)
}

/// Prepares the requirement's own test (its kind) against `facts`.
fn judge_kind(rules: &RuleSet, req: &Requirement, facts: &Facts<'_>) -> Judge {
    let as_of = facts.as_of;
    match &req.kind {
        RequirementKind::Experience {
            months,
            roles,
            lookback_years,
            waivers,
            counting,
        } => Judge::Experience(Experience {
            months: *months,
            lookback_years: *lookback_years,
            counting: *counting,
            days: DaySet::from_intervals(
                facts
                    .roles
                    .iter()
                    .filter(|(r, _, _)| role_passes(r, roles))
                    .map(|(_, a, b)| (*a, *b))
                    .collect(),
            ),
            waivers: waivers_from(waivers, facts),
        }),
        RequirementKind::Degree { level, tags } => Judge::From(
            facts
                .education_projected()
                .filter(|e| e.level >= *level && carries(e, tags))
                .map(|e| day_number(e.completed))
                .min(),
        ),
        RequirementKind::Training { hours } => {
            let mut t: Vec<(Date, Units)> = facts.training_projected().collect();
            t.sort_unstable();
            let mut acc = Units::ZERO;
            let reached = t.into_iter().find_map(|(d, h)| {
                acc += h;
                (acc >= *hours).then_some(day_number(d))
            });
            Judge::From(if *hours <= Units::ZERO {
                Some(i64::MIN / 4)
            } else {
                reached
            })
        }
        RequirementKind::Projects { count, affidavit } => {
            let mut p: Vec<i64> = facts
                .profile
                .projects
                .iter()
                .filter(|p| p.completed <= as_of && (!affidavit || p.affidavit))
                .map(|p| day_number(p.completed))
                .collect();
            p.sort_unstable();
            Judge::From(if *count == 0 {
                Some(i64::MIN / 4)
            } else {
                p.get(*count as usize - 1).copied()
            })
        }
        RequirementKind::Certification { id } => {
            Judge::Days(held_days(rules, std::slice::from_ref(id), facts))
        }
    }
}

/// Whether the degree `e` carries every one of `tags`.
fn carries(e: &Education, tags: &[String]) -> bool {
    tags.iter().all(|t| e.tags.contains(t))
}

/// The waivers the degrees of `facts` earn, as (day from which it applies,
/// months waived, the degree's level), sorted by day.
fn waivers_from(waivers: &[(Level, u32)], facts: &Facts<'_>) -> Vec<(i64, u32, Level)> {
    let mut w: Vec<(i64, u32, Level)> = facts
        .degrees_projected()
        .filter_map(|(level, done)| {
            waivers
                .iter()
                .filter(|(l, _)| *l <= level)
                .map(|(_, m)| *m)
                .max()
                .map(|m| (day_number(done), m, level))
        })
        .collect();
    w.sort_unstable();
    w
}

/// The days on which a held certification is certified or in grace, as known
/// on the as-of date (recorded renewals only; projected without new ones).
fn good_standing(rules: &RuleSet, held: &Held, as_of: Date) -> Vec<(i64, i64)> {
    let Some(eds) = rules
        .get(&held.id, as_of)
        .and_then(|r| renewal::Editions::of(rules, r))
    else {
        return vec![(day_number(held.earned), day_number(Date::MAX))];
    };
    // a cycle's grace runs to the later of its grace period's end and its
    // last day of renewal by exam, under the edition judging it
    let renewals = renewal::renewals_through(held, as_of);
    let mut spans = Vec::new();
    let mut from = held.earned;
    for (k, r) in renewals.iter().enumerate() {
        let closes = eds
            .cycle(held.earned, u32::try_from(k).unwrap_or(u32::MAX))
            .closes();
        if *r > closes {
            spans.push((day_number(from), day_number(closes)));
            from = *r;
        }
    }
    let n = u32::try_from(renewals.len()).unwrap_or(u32::MAX);
    let closes = eds.cycle(held.earned, n).closes();
    spans.push((day_number(from), day_number(closes)));
    spans
}

/// OR of AND-sets of judges (indices into a judge list).
struct Paths {
    judges: Vec<Judge>,
    paths: Vec<Vec<usize>>,
}

impl Paths {
    fn met(&self, d: i64) -> bool {
        self.paths
            .iter()
            .any(|p| p.iter().all(|&i| self.judges[i].met(d)))
    }

    /// The first day after the as-of date on which some path is met, if time
    /// alone gets there.
    fn first_after(&self, as_of: i64, only: Option<&[usize]>) -> Option<i64> {
        self.first_from(as_of + 1, only)
    }

    /// The first day on or after `start` on which some path (or the path
    /// `only`) is met, if time alone gets there.
    fn first_from(&self, start: i64, only: Option<&[usize]>) -> Option<i64> {
        let horizon = day_number(add_years(from_day_number(start - 1), HORIZON_YEARS));
        let single;
        let paths: &[Vec<usize>] = match only {
            Some(p) => {
                single = vec![p.to_vec()];
                &single
            }
            None => &self.paths,
        };
        let mut d = start;
        for _ in 0..MAX_STEPS {
            let mut best: Option<i64> = None;
            for p in paths {
                let mut bound = Some(d);
                for &i in p {
                    bound = match (bound, self.judges[i].next_possible(d, horizon)) {
                        (Some(b), Some(n)) => Some(b.max(n)),
                        _ => None,
                    };
                }
                if let Some(b) = bound {
                    best = Some(best.map_or(b, |x: i64| x.min(b)));
                }
            }
            match best {
                None => return None,
                Some(b) if b == d => return Some(d),
                Some(b) => d = b,
            }
        }
        None
    }

    /// The first day of the unbroken run of met days that ends on `d` (where
    /// every path is met on `d`).
    fn met_since(&self, d: i64, floor: i64) -> i64 {
        let mut d = d;
        for _ in 0..MAX_STEPS {
            if !self.met(d) {
                return d + 1;
            }
            if d <= floor {
                return floor;
            }
            let since = self
                .paths
                .iter()
                .filter(|p| p.iter().all(|&i| self.judges[i].met(d)))
                .map(|p| {
                    p.iter()
                        .map(|&i| self.judges[i].met_since(d))
                        .max()
                        .unwrap_or(floor)
                })
                .min();
            match since {
                None => return d + 1,
                Some(s) if s >= d => d -= 1,
                Some(s) => d = s - 1,
            }
        }
        d + 1
    }
}

/// The earliest day any fact of the profile speaks of.
fn earliest_fact(p: &Profile, assumed: &Assumed) -> Option<Date> {
    let e = p.education.iter().map(|e| e.completed);
    let r = p.employment.iter().map(|r| r.start);
    let t = p.training.iter().map(|t| t.completed);
    let j = p.projects.iter().map(|j| j.completed);
    let c = p.certifications.iter().map(|c| c.earned);
    let a = assumed.first_date();
    e.chain(r).chain(t).chain(j).chain(c).chain(a).min()
}

/// The rule's prerequisites judged against `facts`, as OR of AND-sets.
fn build_paths(rules: &RuleSet, rule: &Rule, facts: &Facts<'_>) -> Paths {
    let judges: Vec<Judge> = rule
        .requirements
        .iter()
        .map(|r| judge(rules, r, facts))
        .collect();
    let index = |id: &str| rule.requirements.iter().position(|r| r.id == id);
    let paths: Vec<Vec<usize>> = if rule.paths.is_empty() {
        vec![(0..judges.len()).collect()]
    } else {
        rule.paths
            .iter()
            .map(|p| p.requires.iter().filter_map(|id| index(id)).collect())
            .collect()
    };
    Paths { judges, paths }
}

/// The first day on or after `from` on which every prerequisite of `rule`
/// holds (any day for a rule without prerequisites), with the profile's
/// facts and `assumed` ones; `None` where time alone will not get there.
pub(crate) fn prerequisites_met_from(
    rules: &RuleSet,
    rule: &Rule,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
    from: Date,
) -> Option<Date> {
    if rule.requirements.is_empty() {
        return Some(from);
    }
    let facts = Facts::assuming(profile, as_of, assumed);
    let paths = build_paths(rules, rule, &facts);
    let start = day_number(from);
    if paths.met(start) {
        return Some(from);
    }
    paths.first_from(start, None).map(from_day_number)
}

/// For each requirement of `rule`, in order: the first day of the unbroken
/// run of days ending on the as-of date on which it held (`None` where it
/// does not hold on the as-of date).
pub(crate) fn requirements_met_since(
    rules: &RuleSet,
    rule: &Rule,
    profile: &Profile,
    as_of: Date,
) -> Vec<Option<Date>> {
    let facts = Facts::new(profile, as_of);
    let paths = build_paths(rules, rule, &facts);
    let d = facts.as_of_n;
    let floor = earliest_fact(profile, &NO_ASSUMPTIONS)
        .map_or(d, |e| day_number(add_days(e, -1)))
        .min(d);
    (0..paths.judges.len())
        .map(|i| {
            let j = &paths.judges[i];
            if !j.met(d) {
                return None;
            }
            // walk back over runs, as Paths::met_since does for one judge
            let mut day = d;
            for _ in 0..MAX_STEPS {
                if day <= floor {
                    return Some(from_day_number(floor));
                }
                if !j.met(day) {
                    return Some(from_day_number(day + 1));
                }
                let since = j.met_since(day);
                day = if since >= day { day - 1 } else { since - 1 };
            }
            Some(from_day_number(day + 1))
        })
        .collect()
}

fn requirement_result<'r>(
    req: &'r Requirement,
    j: &Judge,
    facts: &Facts<'_>,
    met: bool,
    met_on: Option<Date>,
    rules: &'r RuleSet,
    with_roles: bool,
) -> RequirementResult<'r> {
    let d = facts.as_of_n;
    // the requirement's own judge (a certification held is told apart)
    let (own, held) = match j {
        Judge::OrHeld(own, _) => (&**own, held_on_as_of(rules, &req.met_by, facts)),
        j => (j, None),
    };
    let (summary, detail) = match (&req.kind, own) {
        (RequirementKind::Experience { months, roles, .. }, Judge::Experience(e)) => (
            Summary::Experience { months: *months },
            e.detail(
                *months,
                d,
                if with_roles {
                    role_counts(facts, roles, e.window_from(d))
                } else {
                    Vec::new()
                },
            ),
        ),
        (RequirementKind::Degree { level, tags }, _) => (
            Summary::FromDetail,
            Detail::Degree {
                required: *level,
                tags: tags.iter().map(String::as_str).collect(),
                highest: facts
                    .education_projected()
                    .filter(|e| e.completed <= facts.as_of && carries(e, tags))
                    .map(|e| e.level)
                    .max(),
            },
        ),
        (RequirementKind::Training { hours }, _) => {
            let counted: Units = facts
                .training_projected()
                .filter(|(d, _)| *d <= facts.as_of)
                .map(|(_, h)| h)
                .sum();
            (
                Summary::FromDetail,
                Detail::Training {
                    hours_counted: counted,
                    hours_required: *hours,
                },
            )
        }
        (RequirementKind::Projects { count, affidavit }, _) => {
            let n = facts
                .profile
                .projects
                .iter()
                .filter(|p| p.completed <= facts.as_of && (!affidavit || p.affidavit))
                .count();
            (
                Summary::Projects {
                    affidavit: *affidavit,
                },
                Detail::Projects {
                    counted: u32::try_from(n).unwrap_or(u32::MAX),
                    required: *count,
                },
            )
        }
        (RequirementKind::Certification { id }, _) => (
            Summary::FromDetail,
            Detail::Certification {
                id,
                status: held_status(rules, id, facts),
            },
        ),
        // a judge always matches its requirement's kind
        (_, _) => (
            Summary::Text(String::new()),
            Detail::Path { requires: vec![] },
        ),
    };
    RequirementResult {
        id: &req.id,
        name: &req.name,
        met,
        summary,
        met_on: if met { None } else { met_on },
        detail,
        // met that way only where its own test is not
        met_by: held.filter(|_| met && !own.met(d)),
        met_by_any: &req.met_by,
    }
}

/// The status on the as-of date of the certification `id` as the profile
/// holds it; `None` where it does not.
fn held_status(rules: &RuleSet, id: &str, facts: &Facts<'_>) -> Option<Status> {
    let held = facts
        .profile
        .certifications
        .iter()
        .find(|h| h.id == id && h.earned <= facts.as_of)?;
    let eds = rules
        .get(id, facts.as_of)
        .and_then(|r| renewal::Editions::of(rules, r));
    Some(renewal::held_status(eds.as_ref(), held, facts.as_of))
}

/// Warnings about the profile as a whole: facts after the as-of date and
/// overlapping roles.
pub(crate) fn profile_warnings<'r>(p: &Profile, as_of: Date) -> Vec<Warning<'r>> {
    let mut w = Vec::new();
    // `fact` is built only for the few facts dated after the as-of date.
    let mut after = |fact: &dyn Fn() -> Fact, on: Date| {
        if on > as_of {
            w.push(Warning::AfterAsOf {
                fact: fact(),
                on,
                as_of,
            });
        }
    };
    for e in &p.education {
        after(&|| Fact::Degree(e.level), e.completed);
    }
    for r in &p.employment {
        after(&|| Fact::Role(r.label()), r.start);
    }
    for t in &p.training {
        after(&|| Fact::Training(t.title.clone()), t.completed);
    }
    for j in &p.projects {
        after(&|| Fact::Project(j.title.clone()), j.completed);
    }
    for x in &p.exams {
        after(&|| Fact::ExamPass(x.id.clone()), x.passed);
    }
    for c in &p.certifications {
        after(&|| Fact::Certification(c.id.clone()), c.earned);
        for r in &c.renewals {
            after(&|| Fact::Renewal(c.id.clone()), *r);
        }
    }
    for a in &p.activities {
        after(&|| Fact::Activity(activity_label(a)), a.date);
    }
    // overlapping roles (on days up to the as-of date): counted once
    let mut roles: Vec<&Role> = p.employment.iter().filter(|r| r.start <= as_of).collect();
    roles.sort_by_key(|r| r.start);
    for (i, a) in roles.iter().enumerate() {
        let a_end = a.end.unwrap_or(as_of).min(as_of);
        for b in roles.iter().skip(i + 1) {
            if b.start > a_end {
                break;
            }
            let b_end = b.end.unwrap_or(as_of).min(as_of);
            w.push(Warning::RolesOverlap {
                first: a.label(),
                second: b.label(),
                from: b.start,
                to: a_end.min(b_end),
            });
        }
    }
    w
}

/// Warnings for tags on the profile's degrees that no loaded rule asks for
/// (a misspelt `gac-accredited` would otherwise silently not count), each
/// with the nearest tag a rule does ask for.
pub(crate) fn education_tag_warnings<'r>(rules: &'r RuleSet, p: &Profile) -> Vec<Warning<'r>> {
    if p.education.iter().all(|e| e.tags.is_empty()) {
        return Vec::new();
    }
    let known = tags_asked_for(rules, |k| match k {
        RequirementKind::Degree { tags, .. } => tags,
        _ => &[],
    });
    p.education
        .iter()
        .flat_map(|e| {
            unknown_tags(&e.tags, &known).map(|(tag, suggestion)| Warning::EducationTagUnknown {
                tag,
                level: e.level,
                suggestion,
            })
        })
        .collect()
}

/// Warnings for tags on the profile's roles that no loaded rule asks for (a
/// misspelt `project-leadrship` would otherwise silently count nothing),
/// each with the nearest tag a rule does ask for (spec/profile.md).
pub(crate) fn role_tag_warnings<'r>(rules: &'r RuleSet, p: &Profile) -> Vec<Warning<'r>> {
    if p.employment.iter().all(|r| r.tags.is_empty()) {
        return Vec::new();
    }
    let known = tags_asked_for(rules, |k| match k {
        RequirementKind::Experience { roles, .. } => &roles.tags,
        _ => &[],
    });
    p.employment
        .iter()
        .flat_map(|r| {
            unknown_tags(&r.tags, &known).map(|(tag, suggestion)| Warning::RoleTagUnknown {
                tag,
                role: r.label(),
                suggestion,
            })
        })
        .collect()
}

/// The tags that some loaded rule's requirements ask for (`of` picks them
/// from one requirement kind), sorted, each once.
pub(crate) fn tags_asked_for<'r>(
    rules: &'r RuleSet,
    of: impl Fn(&'r RequirementKind) -> &'r [String],
) -> Vec<&'r str> {
    let mut known: Vec<&'r str> = rules
        .all()
        .iter()
        .flat_map(|r| &r.requirements)
        .flat_map(|q| of(&q.kind))
        .map(String::as_str)
        .collect();
    known.sort_unstable();
    known.dedup();
    known
}

/// The tags of `tags` that are not in `known` (sorted), each with the
/// nearest one that is.
fn unknown_tags<'a, 'r>(
    tags: &'a [String],
    known: &'a [&'r str],
) -> impl Iterator<Item = (String, Option<&'r str>)> + 'a {
    tags.iter()
        .filter(|t| known.binary_search(&t.as_str()).is_err())
        .map(|t| {
            (
                t.clone(),
                crate::error::did_you_mean(t, known.iter().copied()),
            )
        })
}

/// How a warning names an activity: its description, or else its category.
fn activity_label(a: &Activity) -> String {
    a.description.as_deref().unwrap_or(&a.category).to_string()
}

/// Judges one certification on `as_of`.
pub(crate) fn evaluate_rule<'r>(
    rules: &'r RuleSet,
    rule: &'r Rule,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
    with_roles: bool,
) -> (CertResult<'r>, Vec<Warning<'r>>) {
    let held = profile
        .certifications
        .iter()
        .find(|h| h.id == rule.id && h.earned <= as_of);
    let mut warnings = activity_warnings(rules, rule, profile, held, as_of);
    let base = CertResult {
        certification: &rule.id,
        name: &rule.name,
        issuer: &rule.issuer,
        edition: &rule.edition.name,
        status: Status::NotEligible,
        eligible_on: None,
        requirements: Vec::new(),
        renewal: None,
    };
    let result = match held {
        Some(h) => held_result(base, rules, rule, h, profile, as_of, assumed, &mut warnings),
        None => {
            warnings.extend(exams::offer_warnings(rule, &profile.exams, as_of));
            warnings.extend(exams::edition_warnings(rules, rule, &profile.exams, as_of));
            target_result(base, rules, rule, profile, as_of, assumed, with_roles)
        }
    };
    (result, warnings)
}

/// Warnings for the activities for `rule`'s certification that fall
/// outside every cycle (`held`: the certification as held, if it is).
fn activity_warnings<'r>(
    rules: &'r RuleSet,
    rule: &'r Rule,
    profile: &Profile,
    held: Option<&Held>,
    as_of: Date,
) -> Vec<Warning<'r>> {
    let mut acts = profile
        .activities
        .iter()
        .filter(|a| a.date <= as_of && a.certifications.iter().any(|c| c == &rule.id))
        .peekable();
    let mut warnings = Vec::new();
    if acts.peek().is_none() {
        return warnings;
    }
    let eds = renewal::Editions::of(rules, rule);
    // the edition whose categories count an activity: that of the cycle
    // it counts towards
    let renewals = held.map_or(0, |h| renewal::renewals_through(h, as_of).len());
    let counting = eds
        .as_ref()
        .zip(held)
        .map(|(e, h)| renewal::CountingEditions::of(e, h.earned, renewals));
    let edition_on = |_: &Held, on: Date| counting.as_ref().and_then(|c| c.at(on));
    for a in acts {
        let activity = || activity_label(a);
        match held {
            // a category of another edition of the rules: not counted by this one
            Some(h)
                if a.date >= h.earned
                    && edition_on(h, a.date)
                        .is_some_and(|(_, rc)| rc.category(&a.category).is_none()) =>
            {
                warnings.push(Warning::ActivityCategoryUnknown {
                    activity: activity(),
                    on: a.date,
                    category: a.category.clone(),
                    edition: edition_on(h, a.date).map_or(&rule.edition.name, |(name, _)| name),
                    certification: &rule.id,
                });
            }
            Some(h) if a.date >= h.earned => {
                let renewed = counting
                    .as_ref()
                    .and_then(|c| c.in_renewed_grace(a.date, renewals));
                if let Some((cycle_end, grace_until)) = renewed {
                    warnings.push(Warning::ActivityInRenewedGrace {
                        activity: activity(),
                        on: a.date,
                        certification: &rule.id,
                        cycle_end,
                        grace_until,
                    });
                }
            }
            Some(h) => warnings.push(Warning::ActivityBeforeEarned {
                activity: activity(),
                on: a.date,
                certification: &rule.id,
                earned: h.earned,
            }),
            None => warnings.push(Warning::ActivityNotHeld {
                activity: activity(),
                on: a.date,
                certification: &rule.id,
            }),
        }
    }
    warnings
}

/// A held certification: its status and, where the rule has
/// recertification, the renewal.
#[allow(
    clippy::too_many_arguments,
    reason = "the evaluation's context, passed down"
)]
fn held_result<'r>(
    mut result: CertResult<'r>,
    rules: &'r RuleSet,
    rule: &'r Rule,
    h: &Held,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
    warnings: &mut Vec<Warning<'r>>,
) -> CertResult<'r> {
    let Some(eds) = renewal::Editions::of(rules, rule) else {
        // held for life
        result.status = Status::Certified;
        return result;
    };
    warnings.extend(renewal::renewal_warnings(&eds, &rule.id, h, as_of));
    let r = renewal::renewal_in(&eds, h, &assumed.activities_with(profile), as_of);
    result.status = renewal::held_status(Some(&eds), h, as_of);
    // the last day of the units that count: the grace period's end only
    // where units dated in it count towards the overdue cycle
    let by = if as_of > r.cycle_end && r.grace_units_count {
        r.grace_until
    } else {
        r.cycle_end
    };
    let summary = Summary::Recertification {
        unit: r.unit,
        base: r.units_required - r.late_units,
        late: r.late_units,
        needed: r.units_needed,
        by,
        past: by < as_of,
        minimums: r.unmet_minimums(),
    };
    result.requirements.push(RequirementResult {
        id: "recertification",
        name: "Recertification",
        met: r.ready,
        summary,
        met_on: None,
        detail: Detail::Recertification {
            units_counted: r.units_counted,
            units_required: r.units_required,
        },
        met_by: None,
        met_by_any: &[],
    });
    result.renewal = Some(r);
    result
}

/// A certification not held: its prerequisites, paths and exams, the
/// status they make and the day it is (or will be) eligible.
fn target_result<'r>(
    base: CertResult<'r>,
    rules: &'r RuleSet,
    rule: &'r Rule,
    profile: &Profile,
    as_of: Date,
    assumed: &Assumed,
    with_roles: bool,
) -> CertResult<'r> {
    let facts = Facts::assuming(profile, as_of, assumed);
    let paths = build_paths(rules, rule, &facts);
    let d = facts.as_of_n;
    let mut requirements: Vec<RequirementResult> = rule
        .requirements
        .iter()
        .enumerate()
        .map(|(i, req)| {
            let j = &paths.judges[i];
            let met = j.met(d);
            let met_on = if met {
                None
            } else {
                paths.first_after(d, Some(&[i])).map(from_day_number)
            };
            requirement_result(req, j, &facts, met, met_on, rules, with_roles)
        })
        .collect();
    if rule.paths.len() > 1 {
        requirements.extend(path_results(rule, &paths, d));
    }
    let prereqs_met = paths.met(d);

    let passes = facts.exam_passes();
    let exam_results: Vec<_> = rule
        .exam_paths
        .iter()
        .map(|p| {
            let open = p.for_holders_of.is_empty()
                || held_on_as_of(rules, &p.for_holders_of, &facts).is_some();
            exams::judge_path(rule, p, &passes, as_of, open)
        })
        .collect();
    let exam_met = exam_results.is_empty() || exam_results.iter().any(|p| p.met);
    if !exam_results.is_empty() {
        requirements.push(exam_requirement(exam_results));
    }

    let status = match (prereqs_met, exam_met) {
        (false, _) => Status::NotEligible,
        (true, false) => Status::Eligible,
        (true, true) => Status::RequirementsMet,
    };
    let eligible_on = if rule.requirements.is_empty() {
        None
    } else if prereqs_met {
        let floor = earliest_fact(profile, assumed).map_or(d, |e| day_number(add_days(e, -1)));
        Some(from_day_number(paths.met_since(d, floor.min(d))))
    } else {
        paths.first_after(d, None).map(from_day_number)
    };
    CertResult {
        status,
        eligible_on,
        requirements,
        ..base
    }
}

/// One requirement result per alternative path of `rule`, judged on day `d`.
fn path_results<'r>(rule: &'r Rule, paths: &Paths, d: i64) -> Vec<RequirementResult<'r>> {
    rule.paths
        .iter()
        .zip(&paths.paths)
        .map(|(p, idx)| {
            let met = idx.iter().all(|&i| paths.judges[i].met(d));
            let missing: Vec<&str> = idx
                .iter()
                .filter(|&&i| !paths.judges[i].met(d))
                .map(|&i| rule.requirements[i].id.as_str())
                .collect();
            let summary = if met {
                format!("met: {}", p.requires.join(", "))
            } else {
                format!("not met: {} missing", missing.join(", "))
            };
            RequirementResult {
                id: &p.id,
                name: &p.name,
                met,
                summary: summary.into(),
                met_on: if met {
                    None
                } else {
                    paths.first_after(d, Some(idx)).map(from_day_number)
                },
                detail: Detail::Path {
                    requires: p.requires.iter().map(String::as_str).collect(),
                },
                met_by: None,
                met_by_any: &[],
            }
        })
        .collect()
}

fn exam_requirement(paths: Vec<super::ExamPathResult>) -> RequirementResult {
    let met_path = paths.iter().find(|p| p.met);
    RequirementResult {
        id: "exam",
        name: "Exam",
        met: met_path.is_some(),
        summary: Summary::FromDetail,
        met_on: None,
        detail: Detail::Exam {
            met_path: met_path.map(|p| p.id),
            paths,
        },
        met_by: None,
        met_by_any: &[],
    }
}

#[cfg(test)]
mod tests;
