//! Recertification: cycles under both anchors, status of a held
//! certification, and the units that count towards the current cycle.

use crate::dates::{Date, add_days, add_years, month_end};
use crate::profile::model::{Activity, Held};
use crate::rules::model::{Anchor, Group, Recertification};
use crate::units::Units;

use super::{CarryOverResult, CategoryResult, GroupResult, Renewal, Status, Warning};

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

/// Cycle `k` (0 = the first, starting on `earned`).
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

/// Renewals recorded on or before `on`, sorted.
pub fn renewals_through(held: &Held, on: Date) -> Vec<Date> {
    let mut r: Vec<Date> = held.renewals.iter().copied().filter(|d| *d <= on).collect();
    r.sort_unstable();
    r
}

/// The current cycle on `on`: cycle n, n being the renewals recorded by then.
pub fn current_cycle(rc: &Recertification, held: &Held, on: Date) -> Cycle {
    let n = u32::try_from(renewals_through(held, on).len()).unwrap_or(u32::MAX);
    cycle(rc, held.earned, n)
}

/// Status of a held certification on `on` (its `earned` is on or before `on`).
pub fn held_status(rc: Option<&Recertification>, held: &Held, on: Date) -> Status {
    let Some(rc) = rc else {
        return Status::Certified;
    };
    let c = current_cycle(rc, held, on);
    if on <= c.end {
        Status::Certified
    } else if on <= c.grace_until {
        Status::Grace
    } else {
        Status::Lapsed
    }
}

/// Warnings for renewals recorded outside their window (from the window's
/// opening, or the cycle's start, to the end of the grace period);
/// `certification` is the id of `held` as the rules spell it.
pub fn renewal_warnings<'r>(
    rc: &Recertification,
    certification: &'r str,
    held: &Held,
    as_of: Date,
) -> Vec<Warning<'r>> {
    let mut out = Vec::new();
    for (k, r) in renewals_through(held, as_of).iter().enumerate() {
        let c = cycle(rc, held.earned, u32::try_from(k).unwrap_or(u32::MAX));
        let opens = rc
            .window_before
            .map_or(c.start, |w| w.before(c.end).max(c.start));
        if *r < opens || *r > c.grace_until {
            out.push(Warning::RenewalOutsideWindow {
                certification,
                on: *r,
                opens,
                closes: c.grace_until,
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
struct Tally<'r> {
    categories: Vec<CategoryResult<'r>>,
    groups: Vec<GroupResult<'r>>,
    total: Units,
}

fn tally<'r>(
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
    let counted = cat.max.map_or(uncapped, |m| uncapped.min(m));
    out.push(CategoryResult {
        id: &cat.id,
        name: &cat.name,
        earned,
        counted,
        min: cat.min,
        max: cat.max,
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

/// The renewal picture of a held certification on `as_of`.
pub fn renewal<'r>(
    rc: &'r Recertification,
    held: &Held,
    acts: &[Activity],
    as_of: Date,
) -> Renewal<'r> {
    let c = current_cycle(rc, held, as_of);
    let t = tally(rc, acts, &held.id, c.start, c.end.min(as_of));
    let carry_over = match (&rc.carry_over, c.index) {
        (Some(co), k) if k > 0 => {
            let prev = cycle(rc, held.earned, k - 1);
            let prev_total = tally(rc, acts, &held.id, prev.start, prev.end.min(as_of)).total;
            let surplus = prev_total.saturating_sub_floor(rc.units_required);
            let window_from = add_days(co.window.before(prev.end), 1).max(prev.start);
            let late: Units = activities_in(acts, &held.id, window_from, prev.end.min(as_of))
                .map(|a| a.units)
                .sum();
            let units = co.max.min(surplus).min(late);
            units.is_positive().then_some(CarryOverResult {
                units,
                from_start: prev.start,
                from_end: prev.end,
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
    Renewal {
        cycle: c.index,
        cycle_start: c.start,
        cycle_end: c.end,
        grace_until: c.grace_until,
        days_left: (c.end - as_of).num_days(),
        window_opens: rc.window_before.map(|w| w.before(c.end).max(c.start)),
        unit: &rc.unit,
        units_required,
        late_units,
        units_counted: counted,
        units_needed: needed,
        ready: needed == Units::ZERO && minimums_met,
        categories: t.categories,
        groups: t.groups,
        carry_over,
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
            held_status(Some(&rc), &h, date(2023, 4, 1)),
            Status::Certified
        );
        assert_eq!(held_status(Some(&rc), &h, date(2023, 4, 2)), Status::Grace);
        assert_eq!(held_status(Some(&rc), &h, date(2023, 10, 1)), Status::Grace);
        assert_eq!(
            held_status(Some(&rc), &h, date(2023, 10, 2)),
            Status::Lapsed
        );
        // a renewal moves the holder one cycle on; early renewal keeps the end
        let h = held("cmq-oe", date(2020, 4, 1), vec![date(2023, 3, 20)]);
        assert_eq!(
            held_status(Some(&rc), &h, date(2023, 10, 2)),
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
}
