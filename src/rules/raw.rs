//! The rule file as written: serde structs that mirror the TOML one to one
//! (unknown keys are refused), with spans on everything a later check may
//! point at. `validate` turns them into the model.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::dates::{Date, parse_date};
use crate::rules::model::{Citation, Level, RoleKind};
use crate::units::Units;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub issuer: Spanned<String>,
    pub edition: Spanned<RawEdition>,
    #[serde(default)]
    pub requirement: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    pub path: Vec<Spanned<RawPath>>,
    #[serde(default)]
    pub exam: Vec<Spanned<RawExam>>,
    #[serde(default)]
    pub exam_path: Vec<Spanned<RawExamPath>>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEdition {
    pub name: Spanned<String>,
    pub from: Option<Spanned<RawDate>>,
    pub to: Option<Spanned<RawDate>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawEdition);

/// Every key any kind of requirement may have; which ones a kind allows is
/// checked afterwards, so that the message can name the kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: Spanned<String>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
    // experience
    pub years: Option<Spanned<u32>>,
    pub months: Option<Spanned<u32>>,
    pub lookback_years: Option<Spanned<u32>>,
    pub part_of: Option<Spanned<String>>,
    pub roles: Option<Spanned<RawRoles>>,
    pub waivers: Option<Spanned<RawWaivers>>,
    // degree
    pub level: Option<Spanned<Level>>,
    // training
    pub hours: Option<Spanned<Units>>,
    // certification
    pub certification: Option<Spanned<String>>,
    // projects
    pub count: Option<Spanned<u32>>,
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
            ("level", at(&self.level)),
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoles {
    pub full_time: Option<Spanned<bool>>,
    pub paid: Option<Spanned<bool>>,
    pub decision_making: Option<Spanned<bool>>,
    #[serde(default)]
    pub exclude_kinds: Vec<RoleKind>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
}

/// Degree level → whole years waived.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawWaivers {
    pub trade_diploma: Option<Spanned<u32>>,
    pub associate: Option<Spanned<u32>>,
    pub bachelor: Option<Spanned<u32>>,
    pub master: Option<Spanned<u32>>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPath {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub requires: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExam {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub offered_from: Option<Spanned<RawDate>>,
    pub offered_to: Option<Spanned<RawDate>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawExam);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExamPath {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub exams: Spanned<Vec<Spanned<String>>>,
    pub within_years: Option<Spanned<u32>>,
    pub within_months: Option<Spanned<u32>>,
    pub valid_years: Option<Spanned<u32>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawExamPath);

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum RawAnchor {
    Anniversary,
    MonthEnd,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRecertification {
    pub cycle_years: Spanned<u32>,
    pub anchor: RawAnchor,
    pub units_required: Spanned<Units>,
    pub unit: Spanned<String>,
    pub grace_months: Option<Spanned<u32>>,
    pub grace_days: Option<Spanned<u32>>,
    pub window_before_months: Option<Spanned<u32>>,
    pub window_before_days: Option<Spanned<u32>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
    pub carry_over: Option<Spanned<RawCarryOver>>,
    #[serde(default)]
    pub category: Vec<Spanned<RawCategory>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
}
citation!(RawRecertification);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCarryOver {
    pub max: Spanned<Units>,
    pub window_months: Spanned<u32>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawCarryOver);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub min: Option<Spanned<Units>>,
    pub max: Option<Spanned<Units>>,
    pub parent: Option<Spanned<String>>,
    pub units_per_hour: Option<Spanned<Units>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawCategory);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub categories: Spanned<Vec<Spanned<String>>>,
    pub min: Option<Spanned<Units>>,
    pub max: Option<Spanned<Units>>,
    pub min_share: Option<Spanned<String>>,
    pub max_share: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub confirmed: Option<bool>,
    pub note: Option<String>,
}
citation!(RawGroup);

/// A calendar day written as a TOML local date (`2024-01-01`) or as a
/// `"YYYY-MM-DD"` string. A date-time or an offset is refused.
pub(crate) struct RawDate(pub Date);

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
