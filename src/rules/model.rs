//! The rule format: what a rule file says about one certification (or one
//! edition of it). See `docs/rules.md` for the format as authors write it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dates::{Date, Period};
use crate::units::Units;

/// Education levels, lowest first; the order is what "at least a bachelor's"
/// compares with.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    // a secondary (high-school) diploma or its global equivalent: the least
    // education a path may ask for (a plain comment keeps the schema's enum
    // one list)
    Secondary,
    TradeDiploma,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::Secondary,
        Level::TradeDiploma,
        Level::Associate,
        Level::Bachelor,
        Level::Master,
        Level::Doctorate,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Level::Secondary => "secondary",
            Level::TradeDiploma => "trade-diploma",
            Level::Associate => "associate",
            Level::Bachelor => "bachelor",
            Level::Master => "master",
            Level::Doctorate => "doctorate",
        }
    }
    /// "a bachelor's degree", "a trade diploma"
    pub fn phrase(self) -> &'static str {
        match self {
            Level::Secondary => "a secondary diploma",
            Level::TradeDiploma => "a trade diploma",
            Level::Associate => "an associate degree",
            Level::Bachelor => "a bachelor's degree",
            Level::Master => "a master's degree",
            Level::Doctorate => "a doctorate",
        }
    }
    pub fn from_id(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == s)
    }
}

/// Employment kinds a profile may give a role.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RoleKind {
    Employee,
    Contractor,
    Internship,
    CoOp,
}

impl RoleKind {
    pub const ALL: [RoleKind; 4] = [
        RoleKind::Employee,
        RoleKind::Contractor,
        RoleKind::Internship,
        RoleKind::CoOp,
    ];
    pub fn id(self) -> &'static str {
        match self {
            RoleKind::Employee => "employee",
            RoleKind::Contractor => "contractor",
            RoleKind::Internship => "internship",
            RoleKind::CoOp => "co-op",
        }
    }
    pub fn from_id(s: &str) -> Option<RoleKind> {
        RoleKind::ALL.into_iter().find(|l| l.id() == s)
    }
}

/// Where a figure comes from and how sure it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The URL of the source (from shared/reference/certification-rules.md).
    pub source: String,
    /// False where the reference marks the figure UNCERTAIN or inferred.
    pub confirmed: bool,
    /// A remark for people: why unconfirmed, what a figure means.
    pub note: Option<String>,
}

/// One loaded rule file, validated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rule {
    /// Fixed id, e.g. `cmq-oe`.
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub edition: Edition,
    /// Prerequisites, in file order.
    pub requirements: Vec<Requirement>,
    /// Alternative paths (OR) over the requirements (AND within a path). When
    /// the file names none, one path holds every requirement.
    pub paths: Vec<PrereqPath>,
    /// Exams defined by this rule.
    pub exams: Vec<Exam>,
    /// Alternative exam paths (OR); empty when the rule has no exam.
    pub exam_paths: Vec<ExamPath>,
    pub recertification: Option<Recertification>,
    /// `held_for_life = true`: the certification has no recertification
    /// (`recertification` is `None`); where that is said.
    pub held_for_life: Option<Citation>,
    /// Where the file came from (`built-in rules/cmq-oe.toml` or a path).
    pub origin: String,
}

/// The dates between which this version of the rules is in force.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Edition {
    pub name: String,
    /// In force from this day (included); `None` for "always".
    pub from: Option<Date>,
    /// In force up to this day (included); `None` for "still in force".
    pub to: Option<Date>,
    /// The phase-in of its recertification requirements: a cycle ending
    /// before this day keeps the previous edition's.
    pub recertification_from: Option<Date>,
    pub citation: Option<Citation>,
}

/// A prerequisite.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Requirement {
    /// Stable id, unique within the rule (`experience`, `decision-making`).
    pub id: String,
    /// A short label for people ("Decision-making experience").
    pub name: String,
    pub kind: RequirementKind,
    /// Certification ids any one of which, held (certified or in grace) on
    /// the day judged, meets the requirement instead (PMI: a CAPM for the
    /// 35 training hours); empty for none.
    pub met_by: Vec<String>,
    pub citation: Citation,
}

/// How an experience requirement counts time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Counting {
    /// Counted days of the union of the roles (a month is 365.25 / 12 days).
    #[default]
    Days,
    /// Calendar months in which a counting role covers at least one day
    /// (PMI).
    CalendarMonths,
}

impl Counting {
    pub const ALL: [Counting; 2] = [Counting::Days, Counting::CalendarMonths];
    pub fn id(self) -> &'static str {
        match self {
            Counting::Days => "days",
            Counting::CalendarMonths => "calendar-months",
        }
    }
    pub fn from_id(s: &str) -> Option<Counting> {
        Counting::ALL.into_iter().find(|c| c.id() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RequirementKind {
    /// Counted days of the union of the roles that pass `roles`.
    Experience {
        /// The requirement in months (a year is 12 months).
        months: u32,
        roles: RoleFilter,
        /// Count only the days after (as-of − N years) up to the day judged.
        lookback_years: Option<u32>,
        /// Degree level → months waived; only the single largest applies.
        waivers: Vec<(Level, u32)>,
        /// Days (the default) or calendar months.
        counting: Counting,
    },
    /// A completed degree of at least this level, carrying every one of
    /// `tags` (`gac-accredited`).
    Degree { level: Level, tags: Vec<String> },
    /// At least this many hours of `[[training]]`.
    Training { hours: Units },
    /// Another certification held (certified or in grace) on the day judged.
    Certification { id: String },
    /// Completed `[[projects]]`, with a signed affidavit where asked.
    Projects { count: u32, affidavit: bool },
}

/// Which roles count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RoleFilter {
    /// Some(true): only full-time roles.
    pub full_time: Option<bool>,
    /// Some(true): only paid roles.
    pub paid: Option<bool>,
    /// Some(true): only roles with `decision_making = true`.
    pub decision_making: Option<bool>,
    /// Kinds that never count (internship, co-op).
    pub exclude_kinds: Vec<RoleKind>,
    /// Every one of these tags must be on the role.
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrereqPath {
    pub id: String,
    pub name: String,
    /// Requirement ids, all of which must be met.
    pub requires: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exam {
    pub id: String,
    pub name: String,
    /// First day the exam was offered, if known.
    pub offered_from: Option<Date>,
    /// Last day the exam was offered, if it was withdrawn.
    pub offered_to: Option<Date>,
    pub citation: Citation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExamPath {
    pub id: String,
    pub name: String,
    /// Exam ids, all to be passed.
    pub exams: Vec<String>,
    /// The last pass no later than this long after the first.
    pub within: Option<Period>,
    /// Each pass stays valid this long: only passes dated after the day
    /// judged minus this period count (a rolling window, ISM: 4 years).
    pub valid: Option<Period>,
    /// Open only to a person holding one of these certifications (certified
    /// or in grace) on the day judged; empty: open to all.
    pub for_holders_of: Vec<String>,
    pub citation: Citation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The same calendar day `cycle` years later (29 February → 28 February).
    Anniversary,
    /// The last day of the month `cycle` years later.
    MonthEnd,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recertification {
    pub cycle_years: u32,
    pub anchor: Anchor,
    pub units_required: Units,
    /// "RU", "points", "PDUs".
    pub unit: String,
    /// Grace or suspension period after the cycle's end.
    pub grace: Period,
    /// Renewals are accepted from this long before the cycle's end (ASQ:
    /// 6 months); `None`: any time in the cycle.
    pub window_before: Option<Period>,
    /// After the cycle's end, each started year adds this many units to the
    /// requirement (APICS: 15 points per suspended year).
    pub late_units_per_year: Option<Units>,
    pub categories: Vec<Category>,
    pub groups: Vec<Group>,
    pub carry_over: Option<CarryOver>,
    /// Which cycle units dated in a cycle's grace period count towards.
    pub grace_units: GraceUnits,
    /// Renewal by exam is accepted up to this long after a cycle's end.
    pub by_exam: Option<Period>,
    pub citation: Citation,
}

/// Where units dated after a cycle's end, up to its `grace_until`, count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GraceUnits {
    /// The next cycle (the default).
    #[default]
    NextCycle,
    /// The overdue cycle, and not the next (PMI: PDUs earned while
    /// suspended).
    OverdueCycle,
}

impl GraceUnits {
    pub fn id(self) -> &'static str {
        match self {
            GraceUnits::NextCycle => "next-cycle",
            GraceUnits::OverdueCycle => "overdue-cycle",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub min: Option<Units>,
    pub max: Option<Units>,
    /// At most num/den of the units required (ASCM: 60 %); with `max`
    /// too, the smaller of the two applies.
    pub max_share: Option<(u32, u32)>,
    /// The category this one sits inside (its capped units count against
    /// the parent's cap).
    pub parent: Option<String>,
    /// Units earned per hour of activity, where the rule converts hours.
    pub units_per_hour: Option<Units>,
    pub citation: Option<Citation>,
}

/// A constraint over several categories' counted units together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub categories: Vec<String>,
    pub min: Option<Units>,
    pub max: Option<Units>,
    /// At least num/den of the units required (ISM: 2/3 educational).
    pub min_share: Option<(u32, u32)>,
    /// At most num/den of the units required.
    pub max_share: Option<(u32, u32)>,
    pub citation: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CarryOver {
    /// At most this many units move to the next cycle.
    pub max: Units,
    /// Only units dated in the cycle's last `window` count.
    pub window: Period,
    pub citation: Option<Citation>,
}

impl Rule {
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }
    pub fn exam(&self, id: &str) -> Option<&Exam> {
        self.exams.iter().find(|e| e.id == id)
    }
    /// Whether the edition is in force on `d`.
    pub fn in_force_on(&self, d: Date) -> bool {
        self.edition.from.is_none_or(|f| f <= d) && self.edition.to.is_none_or(|t| d <= t)
    }
}

impl Recertification {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

impl Category {
    /// The cap in force: `max`, or `max_share` of the units required
    /// (rounded down to a thousandth), the smaller where both are given.
    pub fn cap(&self, units_required: Units) -> Option<Units> {
        let share = self
            .max_share
            .map(|(n, d)| units_required.mul_frac(n, d, false));
        match (self.max, share) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A share as people write it: "60 %" for a percentage (`den` = 100),
/// "2/3" otherwise.
pub fn share_text((num, den): (u32, u32)) -> String {
    if den == 100 {
        format!("{num} %")
    } else {
        format!("{num}/{den}")
    }
}
