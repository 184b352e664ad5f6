//! JSON Schemas for the profile and rule formats, for editors (taplo, Even
//! Better TOML) to validate and complete files. They are checked in under
//! `schemas/` and a test keeps them current (see README, "Editor support").
//!
//! The rule schema comes from the serde types the rule loader reads
//! (`rules::raw`). The profile loader is hand-written (it walks a spanned
//! TOML tree to report every problem at once, with positions), so it has no
//! types to derive a schema from: the types below mirror the profile format
//! for the schema alone. A test checks them against the loader's lists of
//! keys, and reads the example profiles with them, so the two cannot drift
//! apart unnoticed.

use schemars::Schema;

/// The profile format as serde types, for the schema (and the tests) only.
#[allow(
    dead_code,
    reason = "the fields are read by serde in tests and described by schemars"
)]
pub(crate) mod mirror {
    use schemars::JsonSchema;
    use serde::Deserialize;

    use crate::rules::model::{Level, RoleKind};
    use crate::rules::raw::RawDate;
    use crate::units::Units;

    /// One person's profile for certcheck (see docs/profile.md).
    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(title = "certcheck profile")]
    pub(crate) struct ProfileFile {
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

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct EducationEntry {
        /// The degree's level.
        level: Level,
        /// The field of study.
        field: Option<String>,
        /// The day the degree was completed; it counts from then on.
        completed: RawDate,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct EmploymentEntry {
        employer: Option<String>,
        title: Option<String>,
        /// The first day of the role.
        start: RawDate,
        /// The last day of the role (included); leave out while it is ongoing.
        end: Option<RawDate>,
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

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct TrainingEntry {
        title: Option<String>,
        /// Contact hours, more than zero.
        hours: Units,
        completed: RawDate,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ProjectEntry {
        title: Option<String>,
        /// The day the project was completed.
        completed: RawDate,
        /// Signed by the project's sponsor or champion. Default: false.
        affidavit: Option<bool>,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ExamEntry {
        /// An exam id defined by a rule file, e.g. `cmq-oe`, `cpim-part-1`.
        id: String,
        /// The day it was passed.
        passed: RawDate,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct CertificationEntry {
        /// A certification id defined by a rule file; each at most once.
        id: String,
        /// The day it was earned: the first cycle starts then.
        earned: RawDate,
        /// Each recorded renewal moves the holder one cycle on.
        #[serde(default)]
        renewals: Vec<RawDate>,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ActivityEntry {
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

/// JSON Schema draft 7: taplo (and so Even Better TOML) reads drafts 4 to 7,
/// not the newer ones.
fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft07().into_generator()
}

/// Drops the `null` that schemars allows for optional keys: TOML has no
/// null, an optional key is left out.
fn without_null(v: &mut serde_json::Value) {
    use serde_json::Value;
    let is_null = |v: &Value| v.get("type") == Some(&Value::from("null"));
    match v {
        Value::Object(obj) => {
            if let Some(Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if let [one] = types.as_slice() {
                    let one = one.clone();
                    obj.insert("type".into(), one);
                }
            }
            if let Some(Value::Array(any)) = obj.get_mut("anyOf")
                && any.iter().any(is_null)
            {
                any.retain(|s| !is_null(s));
                if let [Value::Object(one)] = any.as_slice() {
                    let one = one.clone();
                    obj.remove("anyOf");
                    obj.extend(one);
                }
            }
            obj.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// The profile schema as checked in: pretty JSON and a final newline.
pub fn profile_schema() -> String {
    render(generator().into_root_schema_for::<mirror::ProfileFile>())
}

/// The rule-file schema as checked in: pretty JSON and a final newline.
pub fn rules_schema() -> String {
    let mut schema = crate::rules::json_schema(generator());
    schema.insert("title".into(), "certcheck rule file".into());
    render(schema)
}

fn render(schema: Schema) -> String {
    let mut v = schema.to_value();
    without_null(&mut v);
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The property names of a definition in a schema.
    fn keys(schema: &serde_json::Value, def: Option<&str>) -> Vec<String> {
        let node = match def {
            None => schema,
            Some(d) => &schema["definitions"][d],
        };
        let mut v: Vec<String> = node["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn the_profile_mirror_has_exactly_the_loaders_keys() {
        use crate::profile::check as c;
        let schema: serde_json::Value = serde_json::from_str(&profile_schema()).unwrap_or_default();
        assert_eq!(keys(&schema, None), sorted(&c::TOP_KEYS));
        for (def, loader) in [
            ("EducationEntry", &c::EDUCATION_KEYS[..]),
            ("EmploymentEntry", &c::EMPLOYMENT_KEYS[..]),
            ("TrainingEntry", &c::TRAINING_KEYS[..]),
            ("ProjectEntry", &c::PROJECT_KEYS[..]),
            ("ExamEntry", &c::EXAM_KEYS[..]),
            ("CertificationEntry", &c::CERTIFICATION_KEYS[..]),
            ("ActivityEntry", &c::ACTIVITY_KEYS[..]),
        ] {
            assert_eq!(keys(&schema, Some(def)), sorted(loader), "{def}");
        }
        // no unknown keys anywhere
        assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    }

    #[test]
    fn the_example_and_fixture_profiles_read_with_the_mirror() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in ["examples", "tests/fixtures/status"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(e) = toml::from_str::<mirror::ProfileFile>(&text) {
                    panic!("{}: {e}", path.display());
                }
                n += 1;
            }
        }
        assert!(n >= 10, "{n}");
        // and the mirror refuses what the loader refuses
        assert!(toml::from_str::<mirror::ProfileFile>("name = \"x\"\nnmae = 1\n").is_err());
        assert!(
            toml::from_str::<mirror::ProfileFile>(
                "name = \"x\"\n[[exams]]\nid = \"a\"\npassed = 2023-02-30\n"
            )
            .is_err()
        );
    }
}
