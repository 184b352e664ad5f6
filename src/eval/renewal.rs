//! Recertification: cycles under both anchors, the edition that judges each
//! cycle, status of a held certification, and the units that count towards
//! the current cycle.

use crate::dates::{Date, add_days, add_years, month_end};
use crate::profile::model::{Activity, Held};
use crate::rules::RuleSet;
use crate::rules::model::{Anchor, GraceUnits, Group, Recertification, Rule, share_text};
use crate::units::Units;

use super::{CarryOverResult, CategoryResult, GroupResult, Renewal, Route, Status, Warning};

/// One recertification cycle, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub index: u32,
    pub start: Date,
    pub end: Date,
    pub grace_until: Date,
}

/// The end of cycle `k` for a certification earned on `earned`: the anchor of
/// earned + (k+1) x cycle years.
pub fn cycle_end(rc: &Recertification, earned: Date, k: u32) -> Date {
    let years = i32::try_from((k + 1).saturating_mul(rc.cycle_years)).unwrap_or(i32::MAX);
    let d = add_years(earned, years);
    match rc.anchor {
        Anchor::Anniversary => d,
        Anchor::MonthEnd => month_end(d),
    }
}

/// Cycle `k` (0 = the first, starting on `earned`) under one edition.
pub fn cycle(rc: &Recertification, earned: Date, k: u32) -> Cycle {
    let start = if k == 0 {
        earned
    } else {
        add_days(cycle_end(rc, earned, k - 1), 1)
    };
    let end = cycle_end(rc, earned, k);
    Cycle {
        index: k,
        start,
        end,
        grace_until: rc.grace.after(end),
    }
}

/// One edition's recertification as [`Editions`] looks it up.
#[derive(Clone, Copy, Debug)]
struct Ed<'r> {
    name: &'r str,
    from: Option<Date>,
    to: Option<Date>,
    recertification_from: Option<Date>,
    rc: Option<&'r Recertification>,
}

/// The editions of one certification's rules, as they judge a holder's
/// cycles (semantics.md, "Which edition judges a cycle"): the cycles'
/// boundaries come from the edition in force on the as-of date, each
/// cycle's requirements from the edition in force on its last day (before
/// that edition's phase-in, the one before it).
#[derive(Clone, Debug)]
pub struct Editions<'r> {
    /// The edition in force on the as-of date (its length and anchor make
    /// every cycle).
    current: Ed<'r>,
    boundaries: &'r Recertification,
    /// Every edition, oldest first.
    all: Vec<Ed<'r>>,
}

/// A cycle with the edition that judges it.
#[derive(Clone, Copy, Debug)]
pub struct Judged<'r> {
    pub cycle: Cycle,
    /// The edition's name and its recertification requirements.
    pub edition: &'r str,
    pub rc: &'r Recertification,
    /// The last day a renewal by exam is accepted, where the edition has one.
    pub by_exam_until: Option<Date>,
}

impl Judged<'_> {
    /// The last day the cycle can still be renewed: the later of
    /// `grace_until` and `by_exam_until`; the status is `grace` up to it.
    pub fn closes(&self) -> Date {
        self.by_exam_until
            .map_or(self.cycle.grace_until, |b| b.max(self.cycle.grace_until))
    }

    /// The last day whose activities count towards this cycle: its grace
    /// period's end where grace-period units complete it, else its end.
    pub fn last_counting_day(&self) -> Date {
        if self.keeps_grace_units() {
            self.cycle.grace_until
        } else {
            self.cycle.end
        }
    }

    /// Whether units dated in the grace period count towards this cycle.
    fn keeps_grace_units(&self) -> bool {
        self.rc.grace_units == GraceUnits::OverdueCycle
    }
}

fn ed(r: &Rule) -> Ed<'_> {
    Ed {
        name: &r.edition.name,
        from: r.edition.from,
        to: r.edition.to,
        recertification_from: r.edition.recertification_from,
        rc: r.recertification.as_ref(),
    }
}

impl<'r> Editions<'r> {
    /// One edition alone, named `name`.
    #[cfg(test)]
    pub fn single(name: &'r str, rc: &'r Recertification) -> Editions<'r> {
        let e = Ed {
            name,
            from: None,
            to: None,
            recertification_from: None,
            rc: Some(rc),
        };
        Editions {
            current: e,
            boundaries: rc,
            all: vec![e],
        }
    }

    /// The editions of `rule`'s certification in `rules`, `rule` being the
    /// one in force on the as-of date; `None` where it has no
    /// recertification (held for life). A rule that `rules` does not hold
    /// stands alone.
    pub fn of(rules: &'r RuleSet, rule: &'r Rule) -> Option<Editions<'r>> {
        let boundaries = rule.recertification.as_ref()?;
        let editions = rules.editions(&rule.id);
        let all: Vec<Ed<'r>> = if editions.iter().any(|r| std::ptr::eq(r, rule)) {
            editions.iter().map(ed).collect()
        } else {
            vec![ed(rule)]
        };
        Some(Editions {
            current: ed(rule),
            boundaries,
            all,
        })
    }

    /// The edition judging a cycle that ends on `end`: the edition in
    /// force on `end` (outside every edition's dates, the nearest one, as
    /// [`RuleSet::get`] finds it) or, while that edition's phase-in
    /// (`recertification_from`) is after `end`, the edition before it; the
    /// current one where that edition has no recertification.
    fn for_cycle_ending(&self, end: Date) -> (&'r str, &'r Recertification) {
        let in_force = |e: &Ed| e.from.is_none_or(|f| f <= end) && e.to.is_none_or(|t| end <= t);
        let i = self
            .all
            .iter()
            .position(in_force)
            .or_else(|| {
                self.all
                    .iter()
                    .rposition(|e| e.from.is_none_or(|f| f <= end))
            })
            .unwrap_or(0);
        let mut i = i.min(self.all.len().saturating_sub(1));
        while i > 0
            && self.all[i]
                .recertification_from
                .is_some_and(|from| from > end)
        {
            i -= 1;
        }
        match self.all.get(i) {
            Some(Ed {
                name, rc: Some(rc), ..
            }) => (name, rc),
            _ => (self.current.name, self.boundaries),
        }
    }

    /// Cycle `k` with the edition that judges it.
    pub fn cycle(&self, earned: Date, k: u32) -> Judged<'r> {
        let mut c = cycle(self.boundaries, earned, k);
        let (edition, rc) = self.for_cycle_ending(c.end);
        c.grace_until = rc.grace.after(c.end);
        Judged {
            cycle: c,
            edition,
            rc,
            by_exam_until: rc.by_exam.map(|p| p.after(c.end)),
        }
    }

    /// The current cycle on `on`: cycle n, n being the renewals recorded by then.
    pub fn current(&self, held: &Held, on: Date) -> Judged<'r> {
        let n = u32::try_from(renewals_through(held, on).len()).unwrap_or(u32::MAX);
        self.cycle(held.earned, n)
    }

    /// The first day whose activities count towards cycle `j` (the day
    /// after the previous cycle's grace period where that cycle keeps its
    /// grace-period units), and the last (its grace period's end where it
    /// keeps them itself, else its end).
    pub(super) fn counting_days(&self, earned: Date, j: &Judged<'r>) -> (Date, Date) {
        let from = match j.cycle.index.checked_sub(1) {
            Some(k) => {
                let prev = self.cycle(earned, k);
                if prev.keeps_grace_units() {
                    j.cycle.start.max(add_days(prev.cycle.grace_until, 1))
                } else {
                    j.cycle.start
                }
            }
            None => j.cycle.start,
        };
        (from, j.last_counting_day())
    }
}

/// For each cycle up to the one after the current: the last day whose
/// activities count towards it, and the edition judging it. Built once
/// per held certification, so that finding the edition of each activity
/// costs no cycle arithmetic.
pub struct CountingEditions<'r> {
    /// (last counting day, edition name, its recertification, the cycle's
    /// end), by cycle.
    spans: Vec<(Date, &'r str, &'r Recertification, Date)>,
}

impl<'r> CountingEditions<'r> {
    /// The cycles 0 to `renewals` + 1 of a certification earned on
    /// `earned` (at most 1001 of them).
    pub fn of(eds: &Editions<'r>, earned: Date, renewals: usize) -> CountingEditions<'r> {
        let last = u32::try_from(renewals)
            .unwrap_or(u32::MAX)
            .saturating_add(1)
            .min(1000);
        let spans = (0..=last)
            .map(|k| {
                let j = eds.cycle(earned, k);
                (j.last_counting_day(), j.edition, j.rc, j.cycle.end)
            })
            .collect();
        CountingEditions { spans }
    }

    /// The edition of the first cycle whose counting days reach `on` (the
    /// last cycle's after them all).
    pub fn at(&self, on: Date) -> Option<(&'r str, &'r Recertification)> {
        self.spans
            .iter()
            .find(|(to, ..)| on <= *to)
            .or(self.spans.last())
            .map(|(_, name, rc, _)| (*name, *rc))
    }

    /// Where an activity dated `on` falls in the grace period of a cycle
    /// before `current` whose grace-period units complete it: that cycle's
    /// end and last counting day. Such an activity counts towards the
    /// renewed cycle, not the current one.
    pub fn in_renewed_grace(&self, on: Date, current: usize) -> Option<(Date, Date)> {
        let i = self.spans.iter().position(|(to, ..)| on <= *to)?;
        let (to, _, _, end) = self.spans.get(i)?;
        (i < current && on > *end).then_some((*end, *to))
    }
}

/// Renewals recorded on or before `on`, sorted.
pub fn renewals_through(held: &Held, on: Date) -> Vec<Date> {
    let mut r: Vec<Date> = held.renewals.iter().copied().filter(|d| *d <= on).collect();
    r.sort_unstable();
    r
}

/// The current cycle on `on` under one edition: cycle n, n being the
/// renewals recorded by then.
#[cfg(test)]
pub fn current_cycle(rc: &Recertification, held: &Held, on: Date) -> Cycle {
    let n = u32::try_from(renewals_through(held, on).len()).unwrap_or(u32::MAX);
    cycle(rc, held.earned, n)
}

/// Status of a held certification on `on` (its `earned` is on or before
/// `on`); `None`: held for life.
pub fn held_status(eds: Option<&Editions>, held: &Held, on: Date) -> Status {
    let Some(eds) = eds else {
        return Status::Certified;
    };
    let c = eds.current(held, on);
    if on <= c.cycle.end {
        Status::Certified
    } else if on <= c.closes() {
        Status::Grace
    } else {
        Status::Lapsed
    }
}

/// Warnings for renewals recorded outside their window (from the window's
/// opening, or the cycle's start, to the later of the grace period's end
/// and the last day of renewal by exam); `certification` is the id of
/// `held` as the rules spell it.
pub fn renewal_warnings<'r>(
    eds: &Editions<'r>,
    certification: &'r str,
    held: &Held,
    as_of: Date,
) -> Vec<Warning<'r>> {
    let mut out = Vec::new();
    for (k, r) in renewals_through(held, as_of).iter().enumerate() {
        let j = eds.cycle(held.earned, u32::try_from(k).unwrap_or(u32::MAX));
        let c = j.cycle;
        let opens =
            j.rc.window_before
                .map_or(c.start, |w| w.before(c.end).max(c.start));
        let closes = j.closes();
        if *r < opens || *r > closes {
            out.push(Warning::RenewalOutsideWindow {
                certification,
                on: *r,
                opens,
                closes,
            });
        }
    }
    out
}

/// Units of `cert` by category id, for activities dated in [from, to].
fn activities_in<'a>(
    acts: &'a [Activity],
    cert: &'a str,
    from: Date,
    to: Date,
) -> impl Iterator<Item = &'a Activity> + 'a {
    acts.iter().filter(move |a| {
        a.date >= from && a.date <= to && a.certifications.iter().any(|c| c == cert)
    })
}

/// Counted units of one cycle, before carry-over.
pub(super) struct Tally<'r> {
    pub(super) categories: Vec<CategoryResult<'r>>,
    pub(super) groups: Vec<GroupResult<'r>>,
    pub(super) total: Units,
}

pub(super) fn tally<'r>(
    rc: &'r Recertification,
    acts: &[Activity],
    cert: &str,
    from: Date,
    to: Date,
) -> Tally<'r> {
    let own = |id: &str| -> Units {
        activities_in(acts, cert, from, to)
            .filter(|a| a.category == id)
            .map(|a| a.units)
            .sum()
    };
    let mut settled = Vec::new();
    let mut total = Units::ZERO;
    for top in rc.categories.iter().filter(|c| c.parent.is_none()) {
        let (_, counted) = settle(rc, &top.id, &own, &mut settled, 0);
        total += counted;
    }
    // back to the rule's order
    let categories: Vec<CategoryResult> = rc
        .categories
        .iter()
        .filter_map(|c| settled.iter().find(|s| s.id == c.id).cloned())
        .collect();
    let groups: Vec<GroupResult> = rc
        .groups
        .iter()
        .map(|g| group(rc, g, &categories))
        .collect();
    for g in &groups {
        total = total - g.over_cap;
    }
    Tally {
        categories,
        groups,
        total,
    }
}

/// Earned and counted units of category `id` (`own` gives a category's own
/// units), its inner categories settled first (depth-first), so that it
/// sees their capped units; pushes the result of each to `out`.
fn settle<'r>(
    rc: &'r Recertification,
    id: &str,
    own: &dyn Fn(&str) -> Units,
    out: &mut Vec<CategoryResult<'r>>,
    depth: u32,
) -> (Units, Units) {
    let mut earned = own(id);
    let mut uncapped = earned;
    if depth < 8 {
        for child in rc
            .categories
            .iter()
            .filter(|c| c.parent.as_deref() == Some(id))
        {
            let (e, c) = settle(rc, &child.id, own, out, depth + 1);
            earned += e;
            uncapped += c;
        }
    }
    let Some(cat) = rc.category(id) else {
        return (earned, uncapped);
    };
    let max = cat.cap(rc.units_required);
    let counted = max.map_or(uncapped, |m| uncapped.min(m));
    out.push(CategoryResult {
        id: &cat.id,
        name: &cat.name,
        earned,
        counted,
        min: cat.min,
        max,
        max_share: cat.max_share.map(share_text),
        over_cap: uncapped - counted,
        needed: cat
            .min
            .map_or(Units::ZERO, |m| m.saturating_sub_floor(counted)),
        parent: cat.parent.as_deref(),
    });
    (earned, counted)
}

/// A group over the settled `categories`: its minimum and maximum (shares
/// of the units required resolved), and the units its cap takes off.
fn group<'r>(
    rc: &Recertification,
    g: &'r Group,
    categories: &[CategoryResult<'r>],
) -> GroupResult<'r> {
    let counted: Units = categories
        .iter()
        .filter(|c| g.categories.iter().any(|id| id == c.id))
        .map(|c| c.counted)
        .sum();
    let share_min = g
        .min_share
        .map(|(n, d)| rc.units_required.mul_frac(n, d, true));
    let share_max = g
        .max_share
        .map(|(n, d)| rc.units_required.mul_frac(n, d, false));
    let min = match (g.min, share_min) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let max = match (g.max, share_max) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let over_cap = max.map_or(Units::ZERO, |m| counted.saturating_sub_floor(m));
    GroupResult {
        id: &g.id,
        name: &g.name,
        categories: g.categories.iter().map(String::as_str).collect(),
        counted: counted - over_cap,
        min,
        max,
        over_cap,
        needed: min.map_or(Units::ZERO, |m| m.saturating_sub_floor(counted - over_cap)),
    }
}

/// The years started after `end` up to `on`: 0 on or before `end`, 1 for
/// the first year after it (up to its anniversary), and so on.
fn years_started(end: Date, on: Date) -> u32 {
    if on <= end {
        return 0;
    }
    let mut n: u32 = 1;
    while add_years(end, i32::try_from(n).unwrap_or(i32::MAX)) < on && n < 10_000 {
        n += 1;
    }
    n
}

/// The renewal picture of a held certification on `as_of`, under one
/// edition alone.
#[cfg(test)]
pub fn renewal<'r>(
    rc: &'r Recertification,
    held: &Held,
    acts: &[Activity],
    as_of: Date,
) -> Renewal<'r> {
    renewal_in(&Editions::single("", rc), held, acts, as_of)
}

/// The renewal picture of a held certification on `as_of`, each cycle
/// judged by its own edition.
pub fn renewal_in<'r>(
    eds: &Editions<'r>,
    held: &Held,
    acts: &[Activity],
    as_of: Date,
) -> Renewal<'r> {
    let j = eds.current(held, as_of);
    let (c, rc) = (j.cycle, j.rc);
    let (from, to) = eds.counting_days(held.earned, &j);
    let t = tally(rc, acts, &held.id, from, to.min(as_of));
    let carry_over = match (&rc.carry_over, c.index) {
        (Some(co), k) if k > 0 => {
            // the previous cycle, tallied under its own edition
            let prev = eds.cycle(held.earned, k - 1);
            let (pfrom, pto) = eds.counting_days(held.earned, &prev);
            let prev_total = tally(prev.rc, acts, &held.id, pfrom, pto.min(as_of)).total;
            let surplus = prev_total.saturating_sub_floor(prev.rc.units_required);
            let p = prev.cycle;
            let window_from = add_days(co.window.before(p.end), 1).max(pfrom);
            let late: Units = activities_in(acts, &held.id, window_from, p.end.min(as_of))
                .map(|a| a.units)
                .sum();
            let units = co.max.min(surplus).min(late);
            units.is_positive().then_some(CarryOverResult {
                units,
                from_start: p.start,
                from_end: p.end,
            })
        }
        _ => None,
    };
    let counted = t.total + carry_over.as_ref().map_or(Units::ZERO, |c| c.units);
    let late_units = rc.late_units_per_year.map_or(Units::ZERO, |per| {
        per.mul_frac(years_started(c.end, as_of), 1, false)
    });
    let units_required = rc.units_required + late_units;
    let needed = units_required.saturating_sub_floor(counted);
    let minimums_met = t.categories.iter().all(|c| c.needed == Units::ZERO)
        && t.groups.iter().all(|g| g.needed == Units::ZERO);
    let ready = needed == Units::ZERO && minimums_met;
    let in_grace = as_of > c.end && as_of <= j.closes();
    Renewal {
        cycle: c.index,
        cycle_number: c.index.saturating_add(1),
        edition: j.edition,
        cycle_start: c.start,
        cycle_end: c.end,
        grace_until: c.grace_until,
        by_exam_until: j.by_exam_until,
        route: (in_grace && !ready).then(|| route(&j, as_of)),
        grace_units_count: j.keeps_grace_units(),
        days_left: (c.end - as_of).num_days(),
        window_opens: rc.window_before.map(|w| w.before(c.end).max(c.start)),
        unit: &rc.unit,
        units_required,
        late_units,
        units_counted: counted,
        units_needed: needed,
        ready,
        categories: t.categories,
        groups: t.groups,
        carry_over,
    }
}

/// What can still renew the overdue cycle `j` on `as_of` (a day of its
/// grace): units while they still count towards it, then renewal by exam
/// while the rule accepts it, else nothing.
fn route(j: &Judged, as_of: Date) -> Route {
    if j.keeps_grace_units() && as_of <= j.cycle.grace_until {
        Route::Units
    } else if j.by_exam_until.is_some_and(|b| as_of <= b) {
        Route::Exam
    } else {
        Route::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{Period, date};
    use crate::rules::model::{CarryOver, Category, Citation, Group};

    fn u(s: &str) -> Units {
        s.parse().unwrap()
    }

    fn cat(id: &str, min: Option<&str>, max: Option<&str>, parent: Option<&str>) -> Category {
        Category {
            max_share: None,
            id: id.into(),
            name: id.into(),
            min: min.map(u),
            max: max.map(u),
            parent: parent.map(Into::into),
            units_per_hour: None,
            citation: None,
        }
    }

    fn asq() -> Recertification {
        Recertification {
            grace_units: Default::default(),
            by_exam: None,
            cycle_years: 3,
            anchor: Anchor::Anniversary,
            units_required: u("18"),
            unit: "RU".into(),
            grace: Period {
                months: 6,
                ..Period::default()
            },
            window_before: Some(Period {
                months: 6,
                ..Period::default()
            }),
            late_units_per_year: None,
            categories: vec![
                cat("professional-development", None, None, None),
                cat("employment", None, Some("10.8"), None),
                cat("giving-back", None, None, None),
            ],
            groups: vec![],
            carry_over: None,
            citation: Citation::default(),
        }
    }

    fn ascm() -> Recertification {
        Recertification {
            cycle_years: 5,
            anchor: Anchor::MonthEnd,
            units_required: u("75"),
            unit: "points".into(),
            grace: Period {
                days: 90,
                ..Period::default()
            },
            ..asq()
        }
    }

    fn pmi() -> Recertification {
        let mut rc = asq();
        rc.units_required = u("60");
        rc.grace = Period {
            months: 12,
            ..Period::default()
        };
        rc.categories = vec![
            cat("ways-of-working", Some("8"), None, None),
            cat("power-skills", Some("8"), None, None),
            cat("business-acumen", Some("8"), None, None),
            cat("giving-back", None, Some("25"), None),
            cat(
                "working-as-practitioner",
                None,
                Some("8"),
                Some("giving-back"),
            ),
        ];
        rc.groups = vec![Group {
            id: "education".into(),
            name: "Education".into(),
            categories: vec![
                "ways-of-working".into(),
                "power-skills".into(),
                "business-acumen".into(),
            ],
            min: Some(u("35")),
            max: None,
            min_share: None,
            max_share: None,
            citation: None,
        }];
        rc.carry_over = Some(CarryOver {
            max: u("20"),
            window: Period {
                months: 12,
                ..Period::default()
            },
            citation: None,
        });
        rc
    }

    fn held(id: &str, earned: Date, renewals: Vec<Date>) -> Held {
        Held {
            id: id.into(),
            earned,
            renewals,
        }
    }

    fn act(d: Date, cert: &str, cat: &str, units: &str) -> Activity {
        Activity {
            date: d,
            certifications: vec![cert.into()],
            category: cat.into(),
            units: u(units),
            description: None,
            evidence: None,
        }
    }

    #[test]
    fn anniversary_cycles() {
        let rc = asq();
        let e = date(2020, 4, 1);
        assert_eq!(cycle(&rc, e, 0).end, date(2023, 4, 1));
        assert_eq!(cycle(&rc, e, 1).start, date(2023, 4, 2));
        assert_eq!(cycle(&rc, e, 1).end, date(2026, 4, 1));
        assert_eq!(cycle(&rc, e, 0).grace_until, date(2023, 10, 1));
        // 29 February earned: ends fall to 28 February, except in leap years
        let l = date(2016, 2, 29);
        assert_eq!(cycle(&rc, l, 0).end, date(2019, 2, 28));
        assert_eq!(cycle(&rc, l, 3).end, date(2028, 2, 29));
        assert_eq!(cycle(&rc, l, 1).start, date(2019, 3, 1));
    }

    #[test]
    fn month_end_cycles_and_90_days() {
        let rc = ascm();
        let e = date(2015, 1, 10);
        assert_eq!(cycle(&rc, e, 0).end, date(2020, 1, 31));
        assert_eq!(cycle(&rc, e, 1).start, date(2020, 2, 1));
        assert_eq!(cycle(&rc, e, 1).end, date(2025, 1, 31));
        assert_eq!(cycle(&rc, e, 0).grace_until, date(2020, 4, 30));
    }

    #[test]
    fn grace_clamps_to_month_end() {
        let rc = asq();
        assert_eq!(
            cycle(&rc, date(2020, 8, 31), 0).grace_until,
            date(2024, 2, 29)
        );
        assert_eq!(
            cycle(&rc, date(2019, 8, 31), 0).grace_until,
            date(2023, 2, 28)
        );
    }

    #[test]
    fn statuses_move_with_the_day() {
        let rc = asq();
        let h = held("cmq-oe", date(2020, 4, 1), vec![]);
        assert_eq!(
            held_status(Some(&Editions::single("", &rc)), &h, date(2023, 4, 1)),
            Status::Certified
        );
        assert_eq!(
            held_status(Some(&Editions::single("", &rc)), &h, date(2023, 4, 2)),
            Status::Grace
        );
        assert_eq!(
            held_status(Some(&Editions::single("", &rc)), &h, date(2023, 10, 1)),
            Status::Grace
        );
        assert_eq!(
            held_status(Some(&Editions::single("", &rc)), &h, date(2023, 10, 2)),
            Status::Lapsed
        );
        // a renewal moves the holder one cycle on; early renewal keeps the end
        let h = held("cmq-oe", date(2020, 4, 1), vec![date(2023, 3, 20)]);
        assert_eq!(
            held_status(Some(&Editions::single("", &rc)), &h, date(2023, 10, 2)),
            Status::Certified
        );
        assert_eq!(
            current_cycle(&rc, &h, date(2024, 1, 1)).end,
            date(2026, 4, 1)
        );
        // a renewal dated after the as-of date does not count yet
        assert_eq!(current_cycle(&rc, &h, date(2023, 3, 19)).index, 0);
    }

    #[test]
    fn caps_and_units() {
        let rc = asq();
        let h = held("cmq-oe", date(2020, 4, 1), vec![]);
        let mut acts: Vec<Activity> = (0..180)
            .map(|i| {
                act(
                    date(2021, 1, 1) + chrono::Days::new(i),
                    "cmq-oe",
                    "professional-development",
                    "0.1",
                )
            })
            .collect();
        acts.push(act(date(2022, 1, 1), "cmq-oe", "employment", "12"));
        // outside the cycle, and after the as-of date: not counted
        acts.push(act(
            date(2020, 3, 31),
            "cmq-oe",
            "professional-development",
            "5",
        ));
        acts.push(act(
            date(2023, 1, 1),
            "cmq-oe",
            "professional-development",
            "5",
        ));
        let r = renewal(&rc, &h, &acts, date(2022, 12, 31));
        assert_eq!(r.categories[0].counted, u("18"));
        assert_eq!(r.categories[1].earned, u("12"));
        assert_eq!(r.categories[1].counted, u("10.8"));
        assert_eq!(r.categories[1].over_cap, u("1.2"));
        assert_eq!(r.units_counted, u("28.8"));
        assert_eq!(r.units_needed, Units::ZERO);
        assert!(r.ready);
        assert_eq!(r.window_opens, Some(date(2022, 10, 1)));
    }

    #[test]
    fn nested_caps_group_minimum_and_carry_over() {
        let rc = pmi();
        let earned = date(2020, 6, 15);
        let h = held("pmp", earned, vec![date(2023, 6, 1)]);
        let acts = vec![
            // previous cycle: 70 counted, 30 of them in its last 12 months
            act(date(2021, 1, 1), "pmp", "ways-of-working", "40"),
            act(date(2022, 6, 16), "pmp", "power-skills", "10"),
            act(date(2023, 1, 1), "pmp", "business-acumen", "20"),
            // current cycle
            act(date(2024, 1, 1), "pmp", "giving-back", "20"),
            act(date(2024, 2, 1), "pmp", "working-as-practitioner", "12"),
            act(date(2024, 3, 1), "pmp", "ways-of-working", "10"),
        ];
        let r = renewal(&rc, &h, &acts, date(2024, 6, 1));
        let gb = r.categories.iter().find(|c| c.id == "giving-back").unwrap();
        let wp = r
            .categories
            .iter()
            .find(|c| c.id == "working-as-practitioner")
            .unwrap();
        assert_eq!((wp.earned, wp.counted), (u("12"), u("8")));
        assert_eq!(
            (gb.earned, gb.counted, gb.over_cap),
            (u("32"), u("25"), u("3"))
        );
        assert_eq!(r.groups[0].counted, u("10"));
        assert_eq!(r.groups[0].needed, u("25"));
        // surplus 10, late units 30 (2022-06-16 is inside (2022-06-15, 2023-06-15]), cap 20
        let co = r.carry_over.clone().unwrap();
        assert_eq!(co.units, u("10"));
        assert_eq!(co.from_end, date(2023, 6, 15));
        assert_eq!(r.units_counted, u("45"));
        assert_eq!(r.units_needed, u("15"));
        assert!(!r.ready);
        let ww = r
            .categories
            .iter()
            .find(|c| c.id == "power-skills")
            .unwrap();
        assert_eq!(ww.needed, u("8"));
    }

    #[test]
    fn late_units_grow_with_each_year_started_after_the_end() {
        let mut rc = ascm();
        rc.grace = Period {
            months: 60,
            ..Period::default()
        };
        rc.late_units_per_year = Some(u("15"));
        let h = held("cpim", date(2012, 5, 15), vec![]);
        // the cycle ends on 2017-05-31
        let at = |d| renewal(&rc, &h, &[], d);
        assert_eq!(at(date(2017, 5, 31)).late_units, Units::ZERO);
        assert_eq!(at(date(2017, 5, 31)).units_required, u("75"));
        assert_eq!(at(date(2017, 6, 1)).late_units, u("15"));
        assert_eq!(at(date(2018, 5, 31)).late_units, u("15"));
        assert_eq!(at(date(2018, 6, 1)).late_units, u("30"));
        let r = at(date(2019, 6, 1));
        assert_eq!((r.late_units, r.units_required), (u("45"), u("120")));
        assert_eq!(r.units_needed, u("120"));
        // without the option, nothing is added
        assert_eq!(
            renewal(&ascm(), &h, &[], date(2019, 6, 1)).late_units,
            Units::ZERO
        );
    }

    #[test]
    fn shares_resolve_against_required() {
        let mut rc = asq();
        rc.units_required = u("60");
        rc.categories = vec![
            cat("education", None, None, None),
            cat("contributions", None, None, None),
        ];
        rc.groups = vec![
            Group {
                id: "educational".into(),
                name: "Educational".into(),
                categories: vec!["education".into()],
                min: None,
                max: None,
                min_share: Some((2, 3)),
                max_share: None,
                citation: None,
            },
            Group {
                id: "contrib".into(),
                name: "Contributions".into(),
                categories: vec!["contributions".into()],
                min: None,
                max: None,
                min_share: None,
                max_share: Some((1, 3)),
                citation: None,
            },
        ];
        let h = held("cpsm", date(2024, 1, 1), vec![]);
        let acts = vec![
            act(date(2024, 2, 1), "cpsm", "education", "30"),
            act(date(2024, 2, 1), "cpsm", "contributions", "30"),
        ];
        let r = renewal(&rc, &h, &acts, date(2024, 6, 1));
        assert_eq!(r.groups[0].min, Some(u("40")));
        assert_eq!(r.groups[0].needed, u("10"));
        assert_eq!(r.groups[1].over_cap, u("10"));
        assert_eq!(r.units_counted, u("50"));
    }

    /// Two editions of one certification: `old` up to the day before
    /// `new_from`, `new` from it, with `new`'s phase-in where given.
    fn two<'r>(
        old: &'r Recertification,
        new: &'r Recertification,
        new_from: Date,
        phase_in: Option<Date>,
    ) -> Editions<'r> {
        let o = Ed {
            name: "old",
            from: None,
            to: Some(add_days(new_from, -1)),
            recertification_from: None,
            rc: Some(old),
        };
        let n = Ed {
            name: "new",
            from: Some(new_from),
            to: None,
            recertification_from: phase_in,
            rc: Some(new),
        };
        Editions {
            current: n,
            boundaries: new,
            all: vec![o, n],
        }
    }

    #[test]
    fn a_cycle_keeps_the_grace_of_the_edition_it_ended_under() {
        // CPIM: 5 years' suspension up to 2021-02-28, 90 days from 2021-03-01
        let mut old = ascm();
        old.grace = Period {
            months: 60,
            ..Period::default()
        };
        old.late_units_per_year = Some(u("15"));
        let new = ascm();
        let eds = two(&old, &new, date(2021, 3, 1), None);
        let h = held("cpim", date(2014, 1, 10), vec![]);
        // the cycle ended on 2019-01-31, under the old edition
        let on = date(2021, 3, 1);
        let r = renewal_in(&eds, &h, &[], on);
        assert_eq!(r.cycle_end, date(2019, 1, 31));
        assert_eq!(r.edition, "old");
        assert_eq!(r.grace_until, date(2024, 1, 31));
        assert_eq!(held_status(Some(&eds), &h, on), Status::Grace);
        // its late units too: 3 years started since the end
        assert_eq!(r.late_units, u("45"));
        // under the new edition alone it would have lapsed
        let alone = Editions::single("new", &new);
        assert_eq!(held_status(Some(&alone), &h, on), Status::Lapsed);
        // a cycle ending after the change is the new edition's
        let h = held("cpim", date(2016, 5, 2), vec![]);
        let r = renewal_in(&eds, &h, &[], date(2021, 7, 1));
        assert_eq!((r.cycle_end, r.edition), (date(2021, 5, 31), "new"));
        assert_eq!(r.grace_until, date(2021, 8, 29));
        assert_eq!(r.late_units, Units::ZERO);
    }

    #[test]
    fn a_phase_in_keeps_the_previous_requirements_for_cycles_ending_before_it() {
        // PMP: the 2015 edition from 2015-12-01, its recertification from 2017-12-01
        let mut old = pmi();
        old.units_required = u("60");
        old.groups.clear();
        old.categories = vec![cat("education", None, None, None)];
        let new = pmi();
        let eds = two(&old, &new, date(2015, 12, 1), Some(date(2017, 12, 1)));
        let acts = |cert: &str| vec![act(date(2015, 6, 1), cert, "education", "60")];
        // ends the day before the phase-in: the old requirements, met
        let h = held("pmp", date(2014, 11, 30), vec![]);
        let r = renewal_in(&eds, &h, &acts("pmp"), date(2017, 11, 30));
        assert_eq!((r.cycle_end, r.edition), (date(2017, 11, 30), "old"));
        assert_eq!(r.units_counted, u("60"));
        assert!(r.ready);
        // ends on the phase-in day: the new ones, whose categories the
        // activity is not in
        let h = held("pmp", date(2014, 12, 1), vec![]);
        let r = renewal_in(&eds, &h, &acts("pmp"), date(2017, 12, 1));
        assert_eq!((r.cycle_end, r.edition), (date(2017, 12, 1), "new"));
        assert_eq!(r.units_counted, Units::ZERO);
        assert!(!r.ready);
        // the category lookup of an activity follows its cycle's edition
        assert_eq!(
            CountingEditions::of(&eds, date(2014, 11, 30), 0)
                .at(date(2015, 6, 1))
                .map(|e| e.0),
            Some("old")
        );
        assert_eq!(
            CountingEditions::of(&eds, date(2014, 12, 1), 0)
                .at(date(2015, 6, 1))
                .map(|e| e.0),
            Some("new")
        );
    }

    #[test]
    fn the_carried_over_cycle_is_tallied_under_its_own_edition() {
        let mut old = pmi();
        old.groups.clear();
        old.categories = vec![cat("education", None, None, None)];
        old.carry_over = None;
        let new = pmi();
        let eds = two(&old, &new, date(2015, 12, 1), Some(date(2017, 12, 1)));
        // cycle 0 ends 2017-06-01 (old), cycle 1 ends 2020-06-01 (new, carry-over 20)
        let h = held("pmp", date(2014, 6, 1), vec![date(2017, 5, 1)]);
        let acts = vec![act(date(2017, 1, 1), "pmp", "education", "90")];
        let r = renewal_in(&eds, &h, &acts, date(2018, 1, 1));
        assert_eq!(r.edition, "new");
        // 90 counted under the old categories, 30 over its 60, capped at 20
        assert_eq!(r.carry_over.as_ref().map(|c| c.units), Some(u("20")));
    }

    #[test]
    fn grace_units_complete_the_overdue_cycle() {
        let mut rc = pmi();
        rc.grace_units = GraceUnits::OverdueCycle;
        rc.carry_over = None;
        rc.groups.clear();
        let eds = Editions::single("2015", &rc);
        // cycle 0 ends 2023-06-15, suspension to 2024-06-15
        let earned = date(2020, 6, 15);
        let last_of_grace = date(2024, 6, 15);
        let acts = vec![
            act(date(2022, 1, 1), "pmp", "ways-of-working", "22"),
            act(date(2022, 1, 1), "pmp", "business-acumen", "8"),
            act(last_of_grace, "pmp", "power-skills", "30"),
            act(date(2024, 6, 16), "pmp", "business-acumen", "5"),
        ];
        let h = held("pmp", earned, vec![]);
        let before = renewal_in(&eds, &h, &acts, date(2024, 6, 14));
        assert_eq!(before.units_counted, u("30"));
        assert_eq!(before.route, Some(Route::Units));
        let r = renewal_in(&eds, &h, &acts, last_of_grace);
        assert_eq!(r.units_counted, u("60"));
        assert!(r.ready);
        assert_eq!(r.route, None);
        // renewed: the next cycle does not count the grace-period units
        let h = held("pmp", earned, vec![last_of_grace]);
        let next = renewal_in(&eds, &h, &acts, date(2024, 7, 1));
        assert_eq!(next.cycle_start, date(2023, 6, 16));
        assert_eq!(next.units_counted, u("5"));
        // by default they go to the next cycle, and the overdue one has no route
        let mut plain = rc.clone();
        plain.grace_units = GraceUnits::NextCycle;
        let eds = Editions::single("2015", &plain);
        let h = held("pmp", earned, vec![]);
        let r = renewal_in(&eds, &h, &acts, last_of_grace);
        assert_eq!(r.units_counted, u("30"));
        assert_eq!(r.route, Some(Route::None));
        let h = held("pmp", earned, vec![last_of_grace]);
        assert_eq!(
            renewal_in(&eds, &h, &acts, date(2024, 7, 1)).units_counted,
            u("35")
        );
    }

    #[test]
    fn renewal_by_exam_extends_grace_and_sets_the_route() {
        let mut rc = asq();
        rc.by_exam = Some(Period {
            months: 12,
            ..Period::default()
        });
        let eds = Editions::single("2024", &rc);
        // cycle 0 ends 2023-04-01, grace to 2023-10-01, by exam to 2024-04-01
        let h = held("cqe", date(2020, 4, 1), vec![]);
        let at = |d| renewal_in(&eds, &h, &[], d);
        assert_eq!(at(date(2023, 4, 1)).by_exam_until, Some(date(2024, 4, 1)));
        assert_eq!(at(date(2023, 4, 1)).route, None);
        assert_eq!(at(date(2023, 4, 2)).route, Some(Route::Exam));
        assert_eq!(at(date(2024, 4, 1)).route, Some(Route::Exam));
        assert_eq!(
            held_status(Some(&eds), &h, date(2023, 10, 2)),
            Status::Grace
        );
        assert_eq!(held_status(Some(&eds), &h, date(2024, 4, 1)), Status::Grace);
        assert_eq!(
            held_status(Some(&eds), &h, date(2024, 4, 2)),
            Status::Lapsed
        );
        assert_eq!(at(date(2024, 4, 2)).route, None);
        // a renewal recorded by exam after the grace period is in its window
        let h = held("cqe", date(2020, 4, 1), vec![date(2024, 3, 1)]);
        assert!(renewal_warnings(&eds, "cqe", &h, date(2024, 5, 1)).is_empty());
        let h = held("cqe", date(2020, 4, 1), vec![date(2024, 4, 2)]);
        assert_eq!(renewal_warnings(&eds, "cqe", &h, date(2024, 5, 1)).len(), 1);
        // overdue-cycle units first, then the exam
        rc.grace_units = GraceUnits::OverdueCycle;
        let eds = Editions::single("2024", &rc);
        let h = held("cqe", date(2020, 4, 1), vec![]);
        assert_eq!(
            renewal_in(&eds, &h, &[], date(2023, 10, 1)).route,
            Some(Route::Units)
        );
        assert_eq!(
            renewal_in(&eds, &h, &[], date(2023, 10, 2)).route,
            Some(Route::Exam)
        );
    }

    #[test]
    fn a_share_cap_resolves_against_the_units_required() {
        let mut rc = ascm();
        rc.categories = vec![
            Category {
                max_share: Some((60, 100)),
                ..cat("presentations", None, None, None)
            },
            Category {
                max_share: Some((1, 3)),
                ..cat("teaching", None, Some("20"), None)
            },
            cat("education", None, None, None),
        ];
        let h = held("cscp", date(2020, 1, 10), vec![]);
        let acts = vec![
            act(date(2021, 1, 1), "cscp", "presentations", "50"),
            act(date(2021, 1, 1), "cscp", "teaching", "30"),
        ];
        let r = renewal(&rc, &h, &acts, date(2022, 1, 1));
        // 60 % of 75 = 45; 1/3 of 75 = 25, over the max of 20
        assert_eq!(r.categories[0].max, Some(u("45")));
        assert_eq!(r.categories[0].max_share.as_deref(), Some("60 %"));
        assert_eq!(r.categories[0].counted, u("45"));
        assert_eq!(r.categories[1].max, Some(u("20")));
        assert_eq!(r.categories[1].max_share.as_deref(), Some("1/3"));
        assert_eq!(r.categories[2].max_share, None);
        assert_eq!(r.units_counted, u("65"));
        // rounded down to a thousandth: 60 % of 7.777 is 4.6662
        rc.units_required = u("7.777");
        let r = renewal(&rc, &h, &acts, date(2022, 1, 1));
        assert_eq!(r.categories[0].max, Some(u("4.666")));
    }

    #[test]
    fn a_carry_over_window_in_days() {
        let mut rc = pmi();
        rc.groups.clear();
        rc.carry_over = Some(CarryOver {
            max: u("20"),
            window: Period {
                days: 120,
                ..Period::default()
            },
            citation: None,
        });
        // cycle 0 ends 2023-06-15; its last 120 days start on 2023-02-16
        let h = held("cpsm", date(2020, 6, 15), vec![date(2023, 6, 1)]);
        let acts = |d| {
            vec![
                act(date(2021, 1, 1), "cpsm", "ways-of-working", "60"),
                act(d, "cpsm", "ways-of-working", "15"),
            ]
        };
        let carried = |d| {
            renewal(&rc, &h, &acts(d), date(2023, 7, 1))
                .carry_over
                .map(|c| c.units)
        };
        assert_eq!(carried(date(2023, 2, 16)), Some(u("15")));
        assert_eq!(carried(date(2023, 2, 15)), None);
    }
}
