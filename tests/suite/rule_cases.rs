//! Every rule test case under tests/rules passes against the built-in rules,
//! and together they cover every status each built-in certification can
//! have, and every built-in edition.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use certcheck::cases::{find_cases, load_case, render_failure, run_case};
use certcheck::eval::Status;
use certcheck::rules::model::Rule;

use crate::common;

/// The statuses a certification can reach under one of its editions.
fn possible(rule: &Rule) -> Vec<Status> {
    let mut v = Vec::new();
    if !rule.requirements.is_empty() {
        v.push(Status::NotEligible);
    }
    if !rule.exam_paths.is_empty() {
        v.push(Status::Eligible);
    }
    v.extend([Status::RequirementsMet, Status::Certified]);
    if let Some(rc) = &rule.recertification {
        if !rc.grace.is_zero() {
            v.push(Status::Grace);
        }
        v.push(Status::Lapsed);
    }
    v
}

#[test]
fn every_built_in_case_passes_and_covers_every_status_and_edition() {
    let rules = common::rules();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let files = find_cases(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut seen: BTreeMap<String, BTreeSet<Status>> = BTreeMap::new();
    let mut editions: BTreeSet<(String, String)> = BTreeSet::new();
    for f in &files {
        let case = match load_case(f, rules) {
            Ok(c) => c,
            Err(d) => {
                let text: Vec<String> = d.iter().map(ToString::to_string).collect();
                failures.push(text.join("\n"));
                continue;
            }
        };
        let o = run_case(&case, rules);
        if let Some(r) = &o.result {
            seen.entry(r.certification.to_string())
                .or_default()
                .insert(r.status);
            editions.insert((r.certification.to_string(), r.edition.to_string()));
        }
        if !o.passed() {
            failures.push(render_failure(&o));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    let mut missing = Vec::new();
    for rule in rules.all() {
        if !editions.contains(&(rule.id.clone(), rule.edition.name.clone())) {
            missing.push(format!(
                "`{}` edition `{}`: no case is judged under it",
                rule.id, rule.edition.name
            ));
        }
    }
    for id in rules.ids() {
        let want: BTreeSet<Status> = rules
            .all()
            .iter()
            .filter(|r| r.id == id)
            .flat_map(possible)
            .collect();
        let got = seen.get(id).cloned().unwrap_or_default();
        for s in want.difference(&got) {
            missing.push(format!("`{id}`: no case has status `{}`", s.id()));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
