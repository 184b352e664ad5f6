//! The profile format, defined once: each table of a profile, its keys in
//! order, their types and what they mean (see ../shared/spec/profile.md).
//!
//! Each table below is a serde type, from which the JSON Schema under
//! `schemas/` is generated (by `src/schema.rs`) and with which serde can
//! read a profile (the benchmark's typed baseline does), and a list of its
//! keys (`EMPLOYMENT_KEYS`, ...). The strict loader (`check.rs`) takes its
//! allowed keys and its "did you mean" candidates from the lists, and the
//! writer (`write.rs`) writes the keys of the lists. Both take a list apart
//! key by key (`let [level, field, completed] = EDUCATION_KEYS;`), so a key
//! added here does not compile until each of them handles it.
//!
//! The loaders themselves are hand-written, for speed and for messages that
//! name every problem at its line and column: these types are not how
//! certcheck reads a profile, but what it reads.

#![allow(
    dead_code,
    reason = "the fields are read by serde and described by schemars"
)]

use schemars::JsonSchema;
use serde::Deserialize;

use crate::rules::model::{Level, RoleKind};
use crate::rules::raw::RawDate;
use crate::units::Units;

/// A calendar day, or a month (`"2016-09"`) where only the month is known
/// (semantics.md, "Dates known only to the month").
pub struct DateOrMonth(RawDate);

impl JsonSchema for DateOrMonth {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateOrMonth".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a calendar day (2016-09-01, or the string \"2016-09-01\"), or the string \"2016-09\" where only the month is known",
            "anyOf": [
                { "type": "string", "format": "date" },
                { "type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for DateOrMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DateOrMonth, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Month(String),
            Day(RawDate),
        }
        match Either::deserialize(d)? {
            Either::Day(day) => Ok(DateOrMonth(day)),
            Either::Month(s) => match crate::dates::parse_month(&s) {
                Some((y, m)) => crate::dates::month_first(y, m)
                    .map(|day| DateOrMonth(RawDate(day)))
                    .ok_or_else(|| D::Error::custom(format!("`{s}` is out of range"))),
                None => crate::dates::parse_date(&s)
                    .map(|day| DateOrMonth(RawDate(day)))
                    .ok_or_else(|| {
                        D::Error::custom(format!(
                            "`{s}` is not a date (`YYYY-MM-DD`) or a month (`YYYY-MM`)"
                        ))
                    }),
            },
        }
    }
}

/// Each table as a serde type that refuses unknown keys, and its keys in
/// order as a constant.
macro_rules! tables {
    ($(
        $(#[$meta:meta])*
        $keys:ident: struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident: $ty:ty, )*
        }
    )*) => {$(
        #[derive(Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* $field: $ty, )*
        }

        #[doc = concat!("The keys of [`", stringify!($name), "`], in order.")]
        pub const $keys: [&str; [$(stringify!($field)),*].len()] = [$(stringify!($field)),*];
    )*};
}

// The doc comments are the schema's descriptions, byte for byte: the
// entries have `//` comments, as the checked-in schema has no description
// for them.
tables! {
    /// One person's profile for certcheck (see docs/profile.md).
    #[schemars(title = "certcheck profile")]
    TOP_KEYS: struct ProfileFile {
        /// The person's name.
        name: String,
        /// An id for reports and screening output; default: the file's stem.
        id: Option<String>,
        /// The certifications this person is working towards (certification ids).
        #[serde(default)]
        targets: Vec<String>,
        /// Completed degrees.
        #[serde(default)]
        education: Vec<EducationEntry>,
        /// Roles held, past and present.
        #[serde(default)]
        employment: Vec<EmploymentEntry>,
        /// Contact hours of formal education (e.g. PMP's 35 hours).
        #[serde(default)]
        training: Vec<TrainingEntry>,
        /// Completed improvement projects (CSSBB).
        #[serde(default)]
        projects: Vec<ProjectEntry>,
        /// Exams passed.
        #[serde(default)]
        exams: Vec<ExamEntry>,
        /// Certifications held.
        #[serde(default)]
        certifications: Vec<CertificationEntry>,
        /// Professional-development activities.
        #[serde(default)]
        activities: Vec<ActivityEntry>,
    }

    // A `[[education]]` entry.
    EDUCATION_KEYS: struct EducationEntry {
        /// The degree's level.
        level: Level,
        /// Qualities a rule may ask for, e.g. `gac-accredited` (PMI's
        /// 24-month route needs a degree from a GAC-accredited programme).
        #[serde(default)]
        tags: Vec<String>,
        /// The field of study.
        field: Option<String>,
        /// The day the degree was completed; it counts from then on.
        completed: DateOrMonth,
    }

    // An `[[employment]]` entry.
    EMPLOYMENT_KEYS: struct EmploymentEntry {
        employer: Option<String>,
        title: Option<String>,
        /// The first day of the role.
        start: DateOrMonth,
        /// The last day of the role (included); leave out while it is ongoing.
        end: Option<DateOrMonth>,
        /// Authority to define, execute or control projects/processes and
        /// responsibility for the outcome. Default: false.
        decision_making: Option<bool>,
        /// Default: true.
        full_time: Option<bool>,
        /// Default: true.
        paid: Option<bool>,
        /// Default: employee.
        kind: Option<RoleKind>,
        /// Qualities a rule may ask for, e.g. `project-leadership` (PMP counts
        /// only roles that lead and direct projects).
        #[serde(default)]
        tags: Vec<String>,
    }

    // A `[[training]]` entry.
    TRAINING_KEYS: struct TrainingEntry {
        title: Option<String>,
        /// Contact hours, more than zero.
        hours: Units,
        completed: DateOrMonth,
    }

    // A `[[projects]]` entry.
    PROJECT_KEYS: struct ProjectEntry {
        title: Option<String>,
        /// The day the project was completed.
        completed: DateOrMonth,
        /// Signed by the project's sponsor or champion. Default: false.
        affidavit: Option<bool>,
    }

    // An `[[exams]]` entry.
    EXAM_KEYS: struct ExamEntry {
        /// An exam id defined by a rule file, e.g. `cmq-oe`, `cpim-part-1`.
        id: String,
        /// The day it was passed.
        passed: DateOrMonth,
    }

    // A `[[certifications]]` entry.
    CERTIFICATION_KEYS: struct CertificationEntry {
        /// A certification id defined by a rule file; each at most once.
        id: String,
        /// The day it was earned: the first cycle starts then.
        earned: DateOrMonth,
        /// Each recorded renewal moves the holder one cycle on.
        #[serde(default)]
        renewals: Vec<RawDate>,
    }

    // An `[[activities]]` entry.
    ACTIVITY_KEYS: struct ActivityEntry {
        /// The day it was completed.
        date: RawDate,
        /// The held certifications it counts towards.
        certifications: Vec<String>,
        /// A category id that each listed certification's rules define.
        category: String,
        /// Units earned, more than zero, at most 3 decimal places.
        units: Units,
        description: Option<String>,
        /// A path or reference to the evidence.
        evidence: Option<String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_and_fixture_profiles_read_with_the_serde_types() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in ["examples", "tests/fixtures/status"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(e) = toml::from_str::<ProfileFile>(&text) {
                    panic!("{}: {e}", path.display());
                }
                n += 1;
            }
        }
        assert!(n >= 10, "{n}");
        // and the types refuse what the loader refuses
        assert!(toml::from_str::<ProfileFile>("name = \"x\"\nnmae = 1\n").is_err());
        assert!(
            toml::from_str::<ProfileFile>(
                "name = \"x\"\n[[exams]]\nid = \"a\"\npassed = 2023-02-30\n"
            )
            .is_err()
        );
    }
}
