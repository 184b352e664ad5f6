//! The rule file as written: serde structs that mirror the TOML one to one
//! (unknown keys are refused), with spans on everything a later check may
//! point at. `validate` turns them into the model.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::dates::{Date, parse_date};
use crate::rules::model::{Citation, Counting, Level, RoleKind};
use crate::units::Units;

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub(super) struct RawRule {
    /// The certification's id, kebab-case, e.g. `cmq-oe`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Its full name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The body that awards it, e.g. `ASQ`.
    #[schemars(with = "String")]
    pub issuer: Spanned<String>,
    /// The dates this version of the rules is in force.
    #[schemars(with = "RawEdition")]
    pub edition: Spanned<RawEdition>,
    /// Prerequisites; without `[[path]]`, all of them must be met.
    #[serde(default)]
    #[schemars(with = "Vec<RawRequirement>")]
    pub requirement: Vec<Spanned<RawRequirement>>,
    /// Alternative sets of requirements: any one will do.
    #[serde(default)]
    #[schemars(with = "Vec<RawPath>")]
    pub path: Vec<Spanned<RawPath>>,
    /// The exams.
    #[serde(default)]
    #[schemars(with = "Vec<RawExam>")]
    pub exam: Vec<Spanned<RawExam>>,
    /// Alternative sets of exams: any one will do.
    #[serde(default)]
    #[schemars(with = "Vec<RawExamPath>")]
    pub exam_path: Vec<Spanned<RawExamPath>>,
    /// How the certification is kept; leave out for a lifetime one.
    #[schemars(with = "Option<RawRecertification>")]
    pub recertification: Option<Spanned<RawRecertification>>,
}

/// `source`, `confirmed` and `note`, as they appear on most tables.
pub(super) struct RawCitation<'a> {
    pub source: &'a Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: &'a Option<String>,
}

impl RawCitation<'_> {
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.confirmed.is_none() && self.note.is_none()
    }

    /// The citation with `source` (checked by the caller); `confirmed`
    /// defaults to true.
    pub fn with_source(&self, source: String) -> Citation {
        Citation {
            source,
            confirmed: self.confirmed.unwrap_or(true),
            note: self.note.clone(),
        }
    }
}

macro_rules! citation {
    ($t:ty) => {
        impl $t {
            pub fn citation(&self) -> RawCitation<'_> {
                RawCitation {
                    source: &self.source,
                    confirmed: self.confirmed,
                    note: &self.note,
                }
            }
        }
    };
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Edition")]
pub(super) struct RawEdition {
    /// A label: `"2024"`, `"90-day suspension"`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// First day in force (included); none: since always.
    #[schemars(with = "Option<RawDate>")]
    pub from: Option<Spanned<RawDate>>,
    /// Last day in force (included); none: still in force.
    #[schemars(with = "Option<RawDate>")]
    pub to: Option<Spanned<RawDate>>,
    /// The phase-in of this edition's recertification requirements: a
    /// cycle ending before this day keeps the previous edition's.
    #[schemars(with = "Option<RawDate>")]
    pub recertification_from: Option<Spanned<RawDate>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawEdition);

/// The requirement kinds, for the schema only (the loader reads a string
/// so that its message can suggest the nearest kind).
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code, reason = "described by schemars, never built")]
enum KindName {
    Experience,
    Degree,
    Training,
    Certification,
    Projects,
}

/// Every key any kind of requirement may have; which ones a kind allows is
/// checked afterwards, so that the message can name the kind.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Requirement")]
pub(super) struct RawRequirement {
    /// A kebab-case id, e.g. `experience`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// `experience`, `degree`, `training`, `certification` or `projects`.
    #[schemars(with = "KindName")]
    pub kind: Spanned<String>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
    // experience
    /// experience: the time required, in years (or give `months`).
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub years: Option<Spanned<u32>>,
    /// experience: the time required, in months (or give `years`).
    #[schemars(with = "Option<u32>", range(min = 0, max = 1200))]
    pub months: Option<Spanned<u32>>,
    /// experience: count only the last N years before the day judged.
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub lookback_years: Option<Spanned<u32>>,
    /// experience: these years are part of that experience requirement.
    #[schemars(with = "Option<String>")]
    pub part_of: Option<Spanned<String>>,
    /// experience: which roles count.
    #[schemars(with = "Option<RawRoles>")]
    pub roles: Option<Spanned<RawRoles>>,
    /// experience: degree level = whole years waived (the largest only).
    #[schemars(with = "Option<RawWaivers>")]
    pub waivers: Option<Spanned<RawWaivers>>,
    /// experience: `days` (the default: counted days, a month being 365.25 / 12
    /// of them) or `calendar-months` (each month in which a counting role
    /// covers a day counts once).
    #[schemars(with = "Option<Counting>")]
    pub counting: Option<Spanned<String>>,
    // degree
    /// degree: a completed degree of at least this level.
    #[schemars(with = "Option<Level>")]
    pub level: Option<Spanned<Level>>,
    /// degree: the degree must carry every one of these tags (kebab-case,
    /// e.g. `gac-accredited`), as the profile's `[[education]] tags` give them.
    #[schemars(with = "Option<Vec<String>>")]
    pub tags: Option<Spanned<Vec<Spanned<String>>>>,
    // any kind
    /// any kind: certification ids any one of which, held (certified or in
    /// grace) on the day judged, meets the requirement instead.
    #[schemars(with = "Option<Vec<String>>")]
    pub met_by_certification: Option<Spanned<Vec<Spanned<String>>>>,
    // training
    /// training: at least this many hours.
    #[schemars(with = "Option<Units>")]
    pub hours: Option<Spanned<Units>>,
    // certification
    /// certification: another certification held (certified or in grace).
    #[schemars(with = "Option<String>")]
    pub certification: Option<Spanned<String>>,
    // projects
    /// projects: at least this many completed projects.
    #[schemars(with = "Option<u32>", range(min = 0, max = 10000))]
    pub count: Option<Spanned<u32>>,
    /// projects: only projects with a signed affidavit count (default false).
    #[schemars(with = "Option<bool>")]
    pub affidavit: Option<Spanned<bool>>,
}
citation!(RawRequirement);

impl RawRequirement {
    /// The kind-specific keys present, with where each one is.
    pub fn kind_keys(&self) -> Vec<(&'static str, usize)> {
        fn at<T>(v: &Option<Spanned<T>>) -> Option<usize> {
            v.as_ref().map(|s| s.span().start)
        }
        [
            ("years", at(&self.years)),
            ("months", at(&self.months)),
            ("lookback_years", at(&self.lookback_years)),
            ("part_of", at(&self.part_of)),
            ("roles", at(&self.roles)),
            ("waivers", at(&self.waivers)),
            ("counting", at(&self.counting)),
            ("level", at(&self.level)),
            ("tags", at(&self.tags)),
            ("hours", at(&self.hours)),
            ("certification", at(&self.certification)),
            ("count", at(&self.count)),
            ("affidavit", at(&self.affidavit)),
        ]
        .into_iter()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect()
    }
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Roles")]
pub(super) struct RawRoles {
    /// true: only full-time roles.
    #[schemars(with = "Option<bool>")]
    pub full_time: Option<Spanned<bool>>,
    /// true: only paid roles.
    #[schemars(with = "Option<bool>")]
    pub paid: Option<Spanned<bool>>,
    /// true: only roles with decision-making authority.
    #[schemars(with = "Option<bool>")]
    pub decision_making: Option<Spanned<bool>>,
    /// Kinds of role that never count.
    #[serde(default)]
    pub exclude_kinds: Vec<RoleKind>,
    /// The role must carry every one of these tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
}

/// Degree level → whole years waived.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Waivers")]
pub(super) struct RawWaivers {
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub trade_diploma: Option<Spanned<u32>>,
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub associate: Option<Spanned<u32>>,
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub bachelor: Option<Spanned<u32>>,
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub master: Option<Spanned<u32>>,
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub doctorate: Option<Spanned<u32>>,
}

impl RawWaivers {
    /// The waivers given, lowest level first.
    pub fn entries(&self) -> Vec<(Level, &Spanned<u32>)> {
        [
            (Level::TradeDiploma, &self.trade_diploma),
            (Level::Associate, &self.associate),
            (Level::Bachelor, &self.bachelor),
            (Level::Master, &self.master),
            (Level::Doctorate, &self.doctorate),
        ]
        .into_iter()
        .filter_map(|(l, v)| v.as_ref().map(|v| (l, v)))
        .collect()
    }
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Path")]
pub(super) struct RawPath {
    /// A kebab-case id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Requirement ids, all of which must be met.
    #[schemars(with = "Vec<String>")]
    pub requires: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Exam")]
pub(super) struct RawExam {
    /// The exam id profiles name in `[[exams]]`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// First day the exam could be taken.
    #[schemars(with = "Option<RawDate>")]
    pub offered_from: Option<Spanned<RawDate>>,
    /// Last day it could be taken.
    #[schemars(with = "Option<RawDate>")]
    pub offered_to: Option<Spanned<RawDate>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawExam);

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ExamPath")]
pub(super) struct RawExamPath {
    /// A kebab-case id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Exam ids, all to be passed.
    #[schemars(with = "Vec<String>")]
    pub exams: Spanned<Vec<Spanned<String>>>,
    /// The last pass no later than this many years after the first.
    #[schemars(with = "Option<u32>", range(min = 0, max = 100))]
    pub within_years: Option<Spanned<u32>>,
    /// The same in months.
    #[schemars(with = "Option<u32>", range(min = 0, max = 1200))]
    pub within_months: Option<Spanned<u32>>,
    /// Each pass stays valid this many years: only passes still valid on the day judged count.
    #[schemars(with = "Option<u32>", range(min = 1, max = 100))]
    pub valid_years: Option<Spanned<u32>>,
    /// Open only to holders (certified or in grace) of one of these
    /// certifications on the day judged (ISM: CPSD's Exam 1 is waived for
    /// CPSM holders, a path of Exam 2 alone for them).
    #[schemars(with = "Option<Vec<String>>")]
    pub for_holders_of: Option<Spanned<Vec<Spanned<String>>>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawExamPath);

#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "Anchor")]
pub(super) enum RawAnchor {
    Anniversary,
    MonthEnd,
}

#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "GraceUnits")]
pub(super) enum RawGraceUnits {
    NextCycle,
    OverdueCycle,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Recertification")]
pub(super) struct RawRecertification {
    /// true: the certification is held for life, with no cycles; then only
    /// `source`, `confirmed` and `note` may be given beside it.
    #[schemars(with = "Option<bool>")]
    pub held_for_life: Option<Spanned<bool>>,
    /// Length of a cycle, at least 1 (required unless held for life).
    #[schemars(with = "Option<u32>", range(min = 1, max = 100))]
    pub cycle_years: Option<Spanned<u32>>,
    /// Where a cycle ends: `anniversary` or `month-end` (required unless
    /// held for life).
    #[schemars(with = "Option<RawAnchor>")]
    pub anchor: Option<Spanned<RawAnchor>>,
    /// Units needed per cycle (required unless held for life).
    #[schemars(with = "Option<Units>")]
    pub units_required: Option<Spanned<Units>>,
    /// What the units are called: `RU`, `points`, `PDUs` (required unless
    /// held for life).
    #[schemars(with = "Option<String>")]
    pub unit: Option<Spanned<String>>,
    /// Grace or suspension period after a cycle's end, in months.
    #[schemars(with = "Option<u32>", range(min = 0, max = 1200))]
    pub grace_months: Option<Spanned<u32>>,
    /// The same in days.
    #[schemars(with = "Option<u32>", range(min = 0, max = 36525))]
    pub grace_days: Option<Spanned<u32>>,
    /// Which cycle units dated in the grace period count towards:
    /// `next-cycle` (the default) or `overdue-cycle`.
    #[schemars(with = "Option<RawGraceUnits>")]
    pub grace_units: Option<Spanned<RawGraceUnits>>,
    /// Renewal by exam is accepted up to this many months after a cycle's end.
    #[schemars(with = "Option<u32>", range(min = 0, max = 1200))]
    pub by_exam_months: Option<Spanned<u32>>,
    /// The same in days.
    #[schemars(with = "Option<u32>", range(min = 0, max = 36525))]
    pub by_exam_days: Option<Spanned<u32>>,
    /// Renewals are accepted from this many months before a cycle's end.
    #[schemars(with = "Option<u32>", range(min = 0, max = 1200))]
    pub window_before_months: Option<Spanned<u32>>,
    /// The same in days.
    #[schemars(with = "Option<u32>", range(min = 0, max = 36525))]
    pub window_before_days: Option<Spanned<u32>>,
    /// After a cycle's end, each year or part of a year late adds this many
    /// units to the requirement (a catch-up for reinstatement).
    #[schemars(with = "Option<Units>")]
    pub late_units_per_year: Option<Spanned<Units>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
    /// Units above the requirement near a cycle's end that count in the next.
    #[schemars(with = "Option<RawCarryOver>")]
    pub carry_over: Option<Spanned<RawCarryOver>>,
    /// The kinds of activity that earn units.
    #[serde(default)]
    #[schemars(with = "Vec<RawCategory>")]
    pub category: Vec<Spanned<RawCategory>>,
    /// Constraints over several categories together.
    #[serde(default)]
    #[schemars(with = "Vec<RawGroup>")]
    pub group: Vec<Spanned<RawGroup>>,
}

impl RawRecertification {
    /// The keys about cycles present (all but the citation), with where
    /// each one is: none may be given beside `held_for_life = true`.
    pub fn cycle_keys(&self) -> Vec<(&'static str, usize)> {
        fn at<T>(v: &Option<Spanned<T>>) -> Option<usize> {
            v.as_ref().map(|s| s.span().start)
        }
        let mut keys: Vec<(&'static str, Option<usize>)> = vec![
            ("cycle_years", at(&self.cycle_years)),
            ("anchor", at(&self.anchor)),
            ("units_required", at(&self.units_required)),
            ("unit", at(&self.unit)),
            ("grace_months", at(&self.grace_months)),
            ("grace_days", at(&self.grace_days)),
            ("grace_units", at(&self.grace_units)),
            ("by_exam_months", at(&self.by_exam_months)),
            ("by_exam_days", at(&self.by_exam_days)),
            ("window_before_months", at(&self.window_before_months)),
            ("window_before_days", at(&self.window_before_days)),
            ("late_units_per_year", at(&self.late_units_per_year)),
            ("carry_over", at(&self.carry_over)),
        ];
        keys.push(("category", self.category.first().map(|c| c.span().start)));
        keys.push(("group", self.group.first().map(|g| g.span().start)));
        keys.into_iter()
            .filter_map(|(k, s)| s.map(|s| (k, s)))
            .collect()
    }
}
citation!(RawRecertification);

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CarryOver")]
pub(super) struct RawCarryOver {
    /// At most this many units carry over.
    #[schemars(with = "Units")]
    pub max: Spanned<Units>,
    /// Only units from the last this-many months of the cycle (or give
    /// `window_days`).
    #[schemars(with = "Option<u32>", range(min = 1, max = 1200))]
    pub window_months: Option<Spanned<u32>>,
    /// Only units from the last this-many days of the cycle (or give
    /// `window_months`).
    #[schemars(with = "Option<u32>", range(min = 1, max = 36525))]
    pub window_days: Option<Spanned<u32>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawCarryOver);

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Category")]
pub(super) struct RawCategory {
    /// The category id activities name.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// At least this many units per cycle.
    #[schemars(with = "Option<Units>")]
    pub min: Option<Spanned<Units>>,
    /// At most this many count per cycle.
    #[schemars(with = "Option<Units>")]
    pub max: Option<Spanned<Units>>,
    /// At most this share of `units_required`: `"60%"` or `"3/5"` (with
    /// `max` too, the smaller applies).
    #[schemars(with = "Option<String>")]
    pub max_share: Option<Spanned<String>>,
    /// The category this one sits inside (a nested cap).
    #[schemars(with = "Option<String>")]
    pub parent: Option<Spanned<String>>,
    /// Units earned per hour of activity.
    #[schemars(with = "Option<Units>")]
    pub units_per_hour: Option<Spanned<Units>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawCategory);

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Group")]
pub(super) struct RawGroup {
    /// A kebab-case id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A label for people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The categories summed.
    #[schemars(with = "Vec<String>")]
    pub categories: Spanned<Vec<Spanned<String>>>,
    /// At least this many units in the group.
    #[schemars(with = "Option<Units>")]
    pub min: Option<Spanned<Units>>,
    /// At most this many.
    #[schemars(with = "Option<Units>")]
    pub max: Option<Spanned<Units>>,
    /// At least this fraction of `units_required`, e.g. `"2/3"` or `"60%"`.
    #[schemars(with = "Option<String>")]
    pub min_share: Option<Spanned<String>>,
    /// At most this fraction, e.g. `"1/3"` or `"30%"`.
    #[schemars(with = "Option<String>")]
    pub max_share: Option<Spanned<String>>,
    /// The URL of the page the figure comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// false where the figure is uncertain or inferred (default true).
    pub confirmed: Option<bool>,
    /// Why it is unconfirmed, or what a figure means.
    pub note: Option<String>,
}
citation!(RawGroup);

/// A calendar day written as a TOML local date (`2024-01-01`) or as a
/// `"YYYY-MM-DD"` string. A date-time or an offset is refused.
pub(crate) struct RawDate(pub Date);

impl JsonSchema for RawDate {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    /// A TOML local date (`2016-09-01`) or the same as a string.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a calendar day: a TOML local date (2016-09-01) or the string \"2016-09-01\"",
            "type": "string",
            "format": "date"
        })
    }
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawDate, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date (`YYYY-MM-DD`)")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RawDate, E> {
                parse_date(s)
                    .map(RawDate)
                    .ok_or_else(|| E::custom(format!("`{s}` is not a date (`YYYY-MM-DD`)")))
            }
            // A TOML date-time arrives as a one-entry map whose value is its text.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<RawDate, A::Error> {
                use serde::de::Error;
                if m.next_key::<String>()?.is_none() {
                    return Err(A::Error::custom("expected a date (`YYYY-MM-DD`)"));
                }
                let text: String = m.next_value()?;
                parse_date(&text).map(RawDate).ok_or_else(|| {
                    A::Error::custom(format!(
                        "expected a date (`YYYY-MM-DD`), found the date-time `{text}`"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}
