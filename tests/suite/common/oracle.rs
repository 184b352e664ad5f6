//! What the oracle tests (`eval_oracle.rs`, `whatif_oracle.rs`) share: the
//! CMQ/OE model written as data, and the oracle that reads semantics.md
//! literally, marking every covered day in an array.

#![allow(dead_code)]

use certcheck::dates::{Date, add_years, date, day_number, from_day_number};
use certcheck::profile::Profile;
use certcheck::profile::model::Education;
use certcheck::rules::model::{
    Citation, Edition, Level, Requirement, RequirementKind, RoleFilter, RoleKind, Rule,
};
use proptest::prelude::*;

pub fn cite() -> Citation {
    Citation {
        source: "https://example.org".into(),
        confirmed: true,
        note: None,
    }
}

/// The CMQ/OE model, optionally with a look-back window on both parts.
pub fn rule(lookback: Option<u32>) -> Rule {
    let roles = RoleFilter {
        full_time: Some(true),
        paid: Some(true),
        exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
        ..RoleFilter::default()
    };
    let dm = RoleFilter {
        decision_making: Some(true),
        ..roles.clone()
    };
    let waivers = vec![
        (Level::TradeDiploma, 12),
        (Level::Associate, 24),
        (Level::Bachelor, 48),
        (Level::Master, 60),
        (Level::Doctorate, 60),
    ];
    let req = |id: &str, kind| Requirement {
        met_by: vec![],
        id: id.into(),
        name: id.into(),
        kind,
        citation: cite(),
    };
    Rule {
        id: "x".into(),
        name: "X".into(),
        issuer: "T".into(),
        edition: Edition::default(),
        requirements: vec![
            req(
                "experience",
                RequirementKind::Experience {
                    counting: certcheck::rules::model::Counting::Days,
                    months: 120,
                    roles,
                    lookback_years: lookback,
                    waivers,
                },
            ),
            req(
                "decision-making",
                RequirementKind::Experience {
                    counting: certcheck::rules::model::Counting::Days,
                    months: 60,
                    roles: dm,
                    lookback_years: lookback,
                    waivers: vec![],
                },
            ),
        ],
        paths: vec![],
        exams: vec![],
        exam_paths: vec![],
        recertification: None,
        held_for_life: None,
        origin: "test".into(),
    }
}

pub fn waiver_months(level: Level) -> u32 {
    match level {
        Level::Secondary => 0,
        Level::TradeDiploma => 12,
        Level::Associate => 24,
        Level::Bachelor => 48,
        Level::Master | Level::Doctorate => 60,
    }
}

/// The prerequisites of [`rule`] judged day by day: the days each counting
/// role covers are marked one by one, and they hold on a day when enough
/// marked days lie in the window that ends on it.
pub struct Oracle {
    /// The first day marked (index 0).
    pub lo: i64,
    /// Prefix sums of the days covered by any counting role.
    total: Vec<i64>,
    /// The same for decision-making roles.
    dm: Vec<i64>,
    lookback: Option<u32>,
    /// (day completed, months waived) of each degree.
    degrees: Vec<(i64, u32)>,
}

impl Oracle {
    /// `spans`: (first day, last day, decision-making) of every counting
    /// role, none past `hi`.
    pub fn new(
        spans: &[(i64, i64, bool)],
        degrees: Vec<(i64, u32)>,
        lookback: Option<u32>,
        hi: i64,
    ) -> Oracle {
        let lo = day_number(date(1960, 1, 1));
        let n = (hi - lo + 2) as usize;
        let mut cov = vec![0u8; n];
        let mut cov_dm = vec![0u8; n];
        for &(s, e, dm) in spans {
            for x in s.max(lo)..=e {
                cov[(x - lo) as usize] = 1;
                if dm {
                    cov_dm[(x - lo) as usize] = 1;
                }
            }
        }
        let prefix = |c: &[u8]| {
            let mut v = vec![0i64; c.len() + 1];
            for (i, x) in c.iter().enumerate() {
                v[i + 1] = v[i] + i64::from(*x);
            }
            v
        };
        Oracle {
            lo,
            total: prefix(&cov),
            dm: prefix(&cov_dm),
            lookback,
            degrees,
        }
    }

    fn count(&self, pre: &[i64], from: i64, to: i64) -> i64 {
        let f = (from.max(self.lo) - self.lo) as usize;
        let t = (to - self.lo + 1) as usize;
        if t <= f { 0 } else { pre[t] - pre[f] }
    }

    pub fn met(&self, d: i64) -> bool {
        let from = match self.lookback {
            Some(n) => day_number(add_years(from_day_number(d), -(n as i32))) + 1,
            None => self.lo,
        };
        let w = self
            .degrees
            .iter()
            .filter(|(c, _)| *c <= d)
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(0);
        let need_total = (i64::from(120 - w) * 1461) / 48;
        let need_dm = (60 * 1461) / 48;
        self.count(&self.total, from, d) >= need_total && self.count(&self.dm, from, d) >= need_dm
    }
}

/// (first day, last day up to `hi`, decision-making) of each role of `p`
/// that counts on `as_of`: started by then, full time, paid, not an
/// internship or a co-op.
pub fn counting_spans(p: &Profile, as_of: Date, hi: i64) -> Vec<(i64, i64, bool)> {
    let a = day_number(as_of);
    p.employment
        .iter()
        .filter(|r| {
            day_number(r.start) <= a
                && r.full_time
                && r.paid
                && !matches!(r.kind, RoleKind::Internship | RoleKind::CoOp)
        })
        .map(|r| {
            let last = r.end.map_or(hi, day_number).min(hi);
            (day_number(r.start), last, r.decision_making)
        })
        .collect()
}

/// (day completed, months waived) of each degree of `p` completed by
/// `as_of`.
pub fn degrees_by(p: &Profile, as_of: Date) -> Vec<(i64, u32)> {
    p.education
        .iter()
        .filter(|e| e.completed <= as_of)
        .map(|e| (day_number(e.completed), waiver_months(e.level)))
        .collect()
}

pub fn arb_degree() -> impl Strategy<Value = Education> {
    (0usize..Level::ALL.len(), 0i64..14_000).prop_map(|(l, d)| Education {
        tags: vec![],
        level: Level::ALL[l],
        field: None,
        completed: from_day_number(day_number(date(1995, 1, 1)) + d),
    })
}

/// The calendar-months model: `months` calendar months of full-time, paid
/// roles (no internships or co-ops), optionally in a look-back window, with
/// waivers in months ([`months_waiver`]).
pub fn months_rule(months: u32, lookback: Option<u32>) -> Rule {
    let roles = RoleFilter {
        full_time: Some(true),
        paid: Some(true),
        exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
        ..RoleFilter::default()
    };
    let waivers = Level::ALL
        .into_iter()
        .filter(|l| months_waiver(*l) > 0)
        .map(|l| (l, months_waiver(l)))
        .collect();
    Rule {
        id: "m".into(),
        name: "M".into(),
        issuer: "T".into(),
        edition: Edition::default(),
        requirements: vec![Requirement {
            id: "experience".into(),
            name: "experience".into(),
            kind: RequirementKind::Experience {
                months,
                roles,
                lookback_years: lookback,
                waivers,
                counting: certcheck::rules::model::Counting::CalendarMonths,
            },
            met_by: vec![],
            citation: cite(),
        }],
        paths: vec![],
        exams: vec![],
        exam_paths: vec![],
        recertification: None,
        held_for_life: None,
        origin: "test".into(),
    }
}

/// Months waived by a degree in [`months_rule`].
pub fn months_waiver(level: Level) -> u32 {
    match level {
        Level::Secondary => 0,
        Level::TradeDiploma => 6,
        Level::Associate => 12,
        Level::Bachelor | Level::Master | Level::Doctorate => 24,
    }
}

/// [`months_rule`] judged literally: every covered day is marked, and on
/// day d the months counted are the distinct (year, month) pairs of the
/// marked days in the window that ends on d.
pub struct MonthsOracle {
    pub lo: i64,
    /// Prefix sums of the marked days (index 0 is `lo`).
    marked: Vec<i64>,
    /// The first day of every calendar month from `lo`'s to the one after
    /// `hi`'s, in order (made once: the calendar is the slow part).
    month_starts: Vec<i64>,
    months: u32,
    lookback: Option<u32>,
    degrees: Vec<(i64, u32)>,
}

impl MonthsOracle {
    /// `spans`: (first day, last day) of every counting role, none past `hi`;
    /// none before `lo`.
    pub fn new(
        spans: &[(i64, i64)],
        degrees: Vec<(i64, u32)>,
        months: u32,
        lookback: Option<u32>,
        lo: i64,
        hi: i64,
    ) -> MonthsOracle {
        let n = (hi - lo + 2) as usize;
        let mut cov = vec![0i64; n];
        for &(s, e) in spans {
            for x in s.max(lo)..=e.min(hi) {
                cov[(x - lo) as usize] = 1;
            }
        }
        let mut marked = vec![0i64; n + 1];
        for (i, c) in cov.iter().enumerate() {
            marked[i + 1] = marked[i] + c;
        }
        use chrono::Datelike;
        let mut month_starts = Vec::new();
        let mut first = from_day_number(lo).with_day(1).expect("day 1");
        loop {
            month_starts.push(day_number(first));
            if day_number(first) > hi {
                break;
            }
            first = certcheck::dates::add_months(first, 1);
        }
        MonthsOracle {
            lo,
            marked,
            month_starts,
            months,
            lookback,
            degrees,
        }
    }

    fn marked_in(&self, from: i64, to: i64) -> i64 {
        let f = (from.max(self.lo) - self.lo) as usize;
        let t = (to - self.lo + 1) as usize;
        if t <= f {
            0
        } else {
            self.marked[t] - self.marked[f]
        }
    }

    /// The distinct calendar months of the marked days in the window ending
    /// on `d`: each month from the window's first to d's counts when one of
    /// its days inside the window is marked.
    pub fn counted(&self, d: i64) -> u32 {
        let from = match self.lookback {
            Some(n) => day_number(add_years(from_day_number(d), -(n as i32))) + 1,
            None => self.lo,
        }
        .max(self.lo);
        // the month holding `from`: the last month start on or before it
        let i = self.month_starts.partition_point(|&m| m <= from) - 1;
        let mut n = 0;
        for w in self.month_starts[i..].windows(2) {
            let (first, next) = (w[0], w[1]);
            if first > d {
                break;
            }
            if self.marked_in(first.max(from), (next - 1).min(d)) > 0 {
                n += 1;
            }
        }
        n
    }

    pub fn met(&self, d: i64) -> bool {
        let w = self
            .degrees
            .iter()
            .filter(|(c, _)| *c <= d)
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(0);
        self.counted(d) >= self.months.saturating_sub(w)
    }
}
