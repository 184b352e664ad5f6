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
    let schema = generator().into_root_schema_for::<crate::profile::format::ProfileFile>();
    let mut v = schema.to_value();
    without_null(&mut v);
    nullable_optionals(&mut v);
    if let Some(defs) = v.get_mut("definitions").and_then(|d| d.as_object_mut()) {
        defs.values_mut().for_each(nullable_optionals);
    }
    pretty(&v)
}

/// Lets every optional key of the object schema `v` be `null`: in a JSON
/// profile `null` means the key is absent (profile.md), as spreadsheet
/// exports write blank cells. TOML has no null, so a TOML profile is held
/// to the same types as before. The description and default stay on the
/// key, where editors show them.
fn nullable_optionals(v: &mut serde_json::Value) {
    use serde_json::{Map, Value};
    let required: Vec<Value> = v
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let Some(props) = v.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (key, prop) in props.iter_mut() {
        if required.contains(&Value::from(key.as_str())) {
            continue;
        }
        let Value::Object(mut inner) = prop.take() else {
            continue;
        };
        let mut outer = Map::new();
        for kept in ["description", "default"] {
            if let Some(x) = inner.remove(kept) {
                outer.insert(kept.into(), x);
            }
        }
        let null = serde_json::json!({ "type": "null" });
        let only_any_of = inner.len() == 1;
        match inner.get_mut("anyOf") {
            Some(Value::Array(any)) if only_any_of => {
                any.push(null);
                outer.extend(inner);
            }
            _ => {
                outer.insert(
                    "anyOf".into(),
                    Value::Array(vec![Value::Object(inner), null]),
                );
            }
        }
        *prop = Value::Object(outer);
    }
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
    pretty(&v)
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
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
