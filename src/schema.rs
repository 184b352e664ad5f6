//! JSON Schemas for the profile and rule formats, for editors (taplo, Even
//! Better TOML) to validate and complete files. They are checked in under
//! `schemas/` and a test keeps them current (see README, "Editor support").
//!
//! The rule schema comes from the serde types the rule loader reads
//! (`rules::raw`). The profile loader is hand-written (it walks a spanned
//! TOML tree to report every problem at once, with positions); its schema
//! comes from the one definition of the profile format,
//! [`crate::profile::format`], whose key lists the loader checks against.

use schemars::Schema;

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
    render(generator().into_root_schema_for::<crate::profile::format::ProfileFile>())
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
    fn the_profile_schema_has_exactly_the_formats_keys() {
        use crate::profile::format as c;
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
}
