//! The JSON Schemas under schemas/ are the ones the code generates. To
//! refresh them after changing a format:
//!
//!     CERTCHECK_UPDATE_SCHEMAS=1 cargo test --test suite schemas

use std::path::Path;

use certcheck::schema::{profile_schema, rules_schema};

fn check(file: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(file);
    if std::env::var_os("CERTCHECK_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "schemas/{file} is out of date: run `CERTCHECK_UPDATE_SCHEMAS=1 cargo test --test suite schemas` and commit it"
    );
}

#[test]
fn the_profile_schema_is_current() {
    check("profile.schema.json", &profile_schema());
}

#[test]
fn the_rules_schema_is_current() {
    check("rules.schema.json", &rules_schema());
}

#[test]
fn the_schemas_are_json_schemas_that_refuse_unknown_keys() {
    for s in [profile_schema(), rules_schema()] {
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            v["$schema"], "http://json-schema.org/draft-07/schema#",
            "{s}"
        );
        assert_eq!(v["additionalProperties"], false);
        assert_eq!(v["type"], "object");
    }
}
