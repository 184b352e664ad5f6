//! `log` and `renew` text edits: any profile the strict loader accepts can
//! be edited, and the edit reads back as the profile plus the new entry
//! (the same proof `cli::edit::save` demands before it writes).
#![no_main]

use std::path::Path;

use certcheck::dates::date;
use certcheck::profile;
use certcheck::profile::edit::{add_renewal, append_activity};
use certcheck::profile::model::Activity;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::rules;

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let path = Path::new("fuzz.toml");
    let Ok(p) = profile::parse_bytes(data, path, rules) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let day = date(2026, 11, 25);
    for held in &p.certifications {
        let category = rules.category_ids(&held.id).first().map(|c| c.to_string());
        if let Some(category) = category {
            let activity = Activity {
                date: day,
                certifications: vec![held.id.clone()],
                category,
                units: "1.5".parse().expect("a decimal"),
                description: Some("fuzz \"entry\"\n\\".into()),
                evidence: None,
            };
            let new =
                append_activity(text, &activity).expect("an accepted profile can be appended to");
            let back = profile::parse_bytes(new.as_bytes(), path, rules)
                .expect("the appended profile reads back");
            let mut expected = p.clone();
            expected.activities.push(activity);
            assert_eq!(
                back, expected,
                "the appended profile reads back as intended"
            );
        }
        let new = add_renewal(text, &held.id, day).expect("an accepted profile can be renewed");
        let back = profile::parse_bytes(new.as_bytes(), path, rules)
            .expect("the renewed profile reads back");
        let mut expected = p.clone();
        if let Some(h) = expected.certifications.iter_mut().find(|h| h.id == held.id) {
            h.renewals.push(day);
        }
        assert_eq!(back, expected, "the renewed profile reads back as intended");
    }
});
