//! Each logged activity judged for each certification it names: the cycle
//! it falls in (the same cycles, counting days and category caps the
//! renewal picture uses) and whether its units count, and why not
//! (`certcheck activities`).

use serde::Serialize;

use crate::dates::Date;
use crate::profile::Profile;
use crate::profile::model::Held;
use crate::rules::RuleSet;
use crate::units::Units;

use super::renewal::{Editions, renewals_through, tally};

/// One activity for one certification it names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActivityRow {
    /// The activity's position in the profile, from 1 (`--remove N`).
    pub number: usize,
    pub date: Date,
    pub certification: String,
    pub category: String,
    pub units: Units,
    /// The units of it that count towards its cycle (0 where it falls in
    /// none).
    pub counted: Units,
    /// The rules' unit ("RU", "PDUs"), where the certification has one.
    pub unit: Option<String>,
    pub description: Option<String>,
    pub evidence: Option<String>,
    /// The cycle it falls in, where it falls in one.
    pub cycle: Option<CycleRef>,
    /// The number of the holder's current cycle on the as-of date, where
    /// the certification is held with recertification.
    pub current_cycle: Option<u32>,
    pub counts: Counts,
}

/// A recertification cycle as the reports number it: `number` is 1 for
/// the first (the `renewal.cycle` index of the JSON report, plus one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CycleRef {
    pub number: u32,
    pub start: Date,
    pub end: Date,
    /// The cycle's place relative to the holder's current one on the as-of
    /// date.
    pub when: When,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    /// Renewed already (a renewal is recorded for it).
    Renewed,
    Current,
    /// After the current cycle: the units wait for it.
    Later,
}

/// Whether the activity's units count, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "counts", rename_all = "kebab-case")]
pub enum Counts {
    /// Every unit counts towards the current cycle.
    Yes,
    /// Counted towards a cycle that is renewed already.
    InRenewedCycle,
    /// Waits for a later cycle.
    InLaterCycle,
    /// Part or none of it counts: its category (or a category above it, or
    /// a group) is over its maximum in the cycle.
    OverMax { over: String, max: Units },
    /// Dated after the as-of date: it counts from its date.
    AfterAsOf,
    /// Dated before the certification was earned: in no cycle.
    BeforeEarned { earned: Date },
    /// The certification is not held: there is no cycle to count towards.
    NotHeld,
    /// The certification is held for life: nothing to count towards.
    NoRecertification,
    /// The category is not one of the edition judging the cycle.
    UnknownCategory { edition: String },
}

/// Every activity of `profile` for every certification it names, in the
/// order of the file.
pub fn activity_rows(rules: &RuleSet, profile: &Profile, as_of: Date) -> Vec<ActivityRow> {
    let mut rows = Vec::new();
    for (i, a) in profile.activities.iter().enumerate() {
        for cert in &a.certifications {
            let held = profile.certifications.iter().find(|h| &h.id == cert);
            let rule = rules.get(cert, as_of);
            let mut row = ActivityRow {
                number: i + 1,
                date: a.date,
                certification: cert.clone(),
                category: a.category.clone(),
                units: a.units,
                counted: Units::ZERO,
                unit: rule
                    .and_then(|r| r.recertification.as_ref())
                    .map(|rc| rc.unit.clone()),
                description: a.description.clone(),
                evidence: a.evidence.clone(),
                cycle: None,
                current_cycle: None,
                counts: Counts::NotHeld,
            };
            let (Some(h), Some(rule)) = (held, rule) else {
                rows.push(row);
                continue;
            };
            let Some(eds) = Editions::of(rules, rule) else {
                row.counts = Counts::NoRecertification;
                rows.push(row);
                continue;
            };
            judge(&mut row, &eds, h, profile, as_of);
            rows.push(row);
        }
    }
    rows
}

/// The cycle of one row and whether it counts there.
fn judge(row: &mut ActivityRow, eds: &Editions, h: &Held, profile: &Profile, as_of: Date) {
    let current = u32::try_from(renewals_through(h, as_of).len()).unwrap_or(u32::MAX);
    row.current_cycle = Some(current.saturating_add(1));
    if row.date < h.earned {
        row.counts = Counts::BeforeEarned { earned: h.earned };
        return;
    }
    // the cycle whose counting days hold the date (they follow each other)
    let mut k = 0u32;
    let (j, from, to) = loop {
        let j = eds.cycle(h.earned, k);
        let (from, to) = eds.counting_days(h.earned, &j);
        if row.date <= to || k >= 1000 {
            break (j, from, to);
        }
        k += 1;
    };
    row.cycle = Some(CycleRef {
        number: k + 1,
        start: j.cycle.start,
        end: j.cycle.end,
        when: match k.cmp(&current) {
            std::cmp::Ordering::Less => When::Renewed,
            std::cmp::Ordering::Equal => When::Current,
            std::cmp::Ordering::Greater => When::Later,
        },
    });
    if j.rc.category(&row.category).is_none() {
        row.counts = Counts::UnknownCategory {
            edition: j.edition.to_string(),
        };
        return;
    }
    if row.date > as_of {
        row.counts = Counts::AfterAsOf;
        return;
    }
    // the share of it its cycle counts: its category's counted units go to
    // its activities in date order (then the file's)
    let t = tally(
        j.rc,
        &profile.activities,
        &row.certification,
        from,
        to.min(as_of),
    );
    let mut counted = row.units;
    let mut over: Option<(String, Units)> = None;
    if let Some(c) = t.categories.iter().find(|c| c.id == row.category) {
        let children: Units = t
            .categories
            .iter()
            .filter(|x| x.parent == Some(c.id))
            .map(|x| x.counted)
            .sum();
        let budget = c.counted.saturating_sub_floor(children);
        let before: Units = profile
            .activities
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                b.category == row.category
                    && b.certifications.contains(&row.certification)
                    && b.date >= from
                    && b.date <= to.min(as_of)
                    && (b.date, *i) < (row.date, row.number - 1)
            })
            .map(|(_, b)| b.units)
            .sum();
        counted = budget.saturating_sub_floor(before).min(row.units);
        if counted < row.units
            && let Some(max) = c.max
        {
            over = Some((c.id.to_string(), max));
        }
    }
    // a category above it, or a group, over its maximum takes some off too
    let mut parent =
        j.rc.category(&row.category)
            .and_then(|c| c.parent.as_deref());
    let mut depth = 0;
    while let (Some(p), None, true) = (parent, &over, depth < 8) {
        if let Some(pc) = t
            .categories
            .iter()
            .find(|c| c.id == p && c.over_cap.is_positive())
        {
            over = pc.max.map(|m| (pc.id.to_string(), m));
        }
        parent = j.rc.category(p).and_then(|c| c.parent.as_deref());
        depth += 1;
    }
    if over.is_none()
        && let Some(g) = t
            .groups
            .iter()
            .find(|g| g.over_cap.is_positive() && g.categories.contains(&row.category.as_str()))
    {
        over = g.max.map(|m| (g.id.to_string(), m));
    }
    row.counted = counted;
    row.counts = match (over, k.cmp(&current)) {
        (Some((over, max)), _) => Counts::OverMax { over, max },
        (None, std::cmp::Ordering::Less) => Counts::InRenewedCycle,
        (None, std::cmp::Ordering::Equal) => Counts::Yes,
        (None, std::cmp::Ordering::Greater) => Counts::InLaterCycle,
    };
}
