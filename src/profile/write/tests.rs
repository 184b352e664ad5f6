use super::*;
use crate::dates::date;
use crate::profile::{parse_json, parse_toml};
use crate::rules::model::Level;

/// A profile with every key of the format set (none at its default).
fn everything() -> Profile {
    Profile {
        name: "Zoë \"Dee\" O'Neil \\ Whitfield".to_string(),
        id: "M-000001".to_string(),
        targets: vec!["cpim".to_string()],
        education: vec![Education {
            tags: vec!["gac-accredited".to_string()],
            level: Level::Master,
            field: Some("Industrial Engineering".to_string()),
            completed: date(2012, 5, 15),
        }],
        employment: vec![
            Role {
                employer: Some("Acme Fabrication".to_string()),
                title: Some("Quality Engineer".to_string()),
                start: date(2012, 6, 1),
                end: Some(date(2016, 8, 31)),
                decision_making: true,
                full_time: false,
                paid: false,
                kind: RoleKind::CoOp,
                tags: vec!["project-leadership".to_string(), "audit".to_string()],
            },
            Role {
                employer: None,
                title: None,
                start: date(2016, 9, 1),
                end: None,
                decision_making: false,
                full_time: true,
                paid: true,
                kind: RoleKind::Employee,
                tags: vec![],
            },
        ],
        training: vec![Training {
            title: Some("Project management fundamentals".to_string()),
            hours: Units::from_thousandths(35_500),
            completed: date(2019, 2, 1),
        }],
        projects: vec![Project {
            title: Some("Scrap reduction, line 3".to_string()),
            completed: date(2022, 10, 1),
            affidavit: true,
        }],
        exams: vec![ExamPass {
            id: "cmq-oe".to_string(),
            passed: date(2020, 3, 14),
        }],
        certifications: vec![Held {
            id: "cmq-oe".to_string(),
            earned: date(2020, 4, 1),
            renewals: vec![date(2023, 3, 20)],
        }],
        activities: vec![Activity {
            date: date(2021, 5, 10),
            certifications: vec!["cmq-oe".to_string()],
            category: "professional-development".to_string(),
            units: Units::from_thousandths(1_125),
            description: Some("ASQ section meeting\ton \"audits\"".to_string()),
            evidence: Some("certificates/2021-05.pdf".to_string()),
        }],
        month_dates: vec![],
    }
}

#[test]
fn a_written_profile_loads_back_as_the_same_profile() {
    let rules = crate::test_support::builtin_rules();
    let p = everything();
    let toml = to_toml(&p);
    assert_eq!(
        parse_toml(&toml, "p.toml", "p", rules),
        Ok(p.clone()),
        "{toml}"
    );
    let json = to_json(&p);
    assert!(!json.contains('\n'), "{json}");
    assert_eq!(parse_json(&json, "p.jsonl", 1, "p", rules), Ok(p), "{json}");
}

#[test]
fn keys_at_their_defaults_are_left_out_but_renewals_are_not() {
    let mut p = everything();
    p.targets.clear();
    p.education.clear();
    p.employment.truncate(1);
    p.employment[0] = Role {
        end: None,
        decision_making: false,
        full_time: true,
        paid: true,
        kind: RoleKind::Employee,
        tags: vec![],
        ..p.employment[0].clone()
    };
    p.training.clear();
    p.projects.clear();
    p.exams.clear();
    p.certifications[0].renewals.clear();
    p.activities.clear();
    p.name = "Dana Whitfield".to_string();
    assert_eq!(
        to_json(&p),
        "{\"name\": \"Dana Whitfield\", \"id\": \"M-000001\", \
         \"employment\": [{\"employer\": \"Acme Fabrication\", \"title\": \"Quality Engineer\", \"start\": \"2012-06-01\"}], \
         \"certifications\": [{\"id\": \"cmq-oe\", \"earned\": \"2020-04-01\", \"renewals\": []}]}"
    );
    assert_eq!(
        to_toml(&p),
        "name = \"Dana Whitfield\"\nid = \"M-000001\"\n\
         \n[[employment]]\nemployer = \"Acme Fabrication\"\ntitle = \"Quality Engineer\"\nstart = 2012-06-01\n\
         \n[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\nrenewals = []\n"
    );
}

/// The sorted keys of a JSON object.
fn keys_of(v: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = v
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    v.sort();
    v
}

#[test]
fn the_models_fields_are_the_formats_keys() {
    use crate::profile::format as f;
    let v = serde_json::to_value(everything()).unwrap();
    assert_eq!(keys_of(&v), sorted(&f::TOP_KEYS));
    for (section, keys) in [
        ("education", &f::EDUCATION_KEYS[..]),
        ("employment", &f::EMPLOYMENT_KEYS[..]),
        ("training", &f::TRAINING_KEYS[..]),
        ("projects", &f::PROJECT_KEYS[..]),
        ("exams", &f::EXAM_KEYS[..]),
        ("certifications", &f::CERTIFICATION_KEYS[..]),
        ("activities", &f::ACTIVITY_KEYS[..]),
    ] {
        assert_eq!(keys_of(&v[section][0]), sorted(keys), "{section}");
    }
}
