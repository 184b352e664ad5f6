//! Rule-file text → parsing and validation (as `--rules DIR` loads a file)
//! → (when accepted) the evaluator on the example profiles.
#![no_main]

use std::sync::OnceLock;

use certcheck::dates::date;
use certcheck::eval::{self, Selection, deadlines};
use certcheck::profile::{self, Profile};
use certcheck::report;
use certcheck::rules::{Rule, RuleSet, load};
use libfuzzer_sys::fuzz_target;

const EXAMPLES: [&str; 2] = [
    include_str!("../../examples/dana.toml"),
    include_str!("../../examples/sam.toml"),
];

fn examples() -> &'static [Profile] {
    static P: OnceLock<Vec<Profile>> = OnceLock::new();
    P.get_or_init(|| {
        let rules = RuleSet::builtin().expect("the built-in rules load");
        EXAMPLES
            .iter()
            .filter_map(|t| profile::parse_toml(t, "example.toml", "example", &rules).ok())
            .collect()
    })
}

fn builtin() -> &'static [Rule] {
    static B: OnceLock<Vec<Rule>> = OnceLock::new();
    B.get_or_init(|| {
        RuleSet::builtin()
            .expect("the built-in rules load")
            .all()
            .to_vec()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rule) = load::parse_rule(text, "fuzz.toml") else {
        return;
    };
    // the accepted rule replaces or joins the built-in ones
    let mut all = builtin().to_vec();
    all.retain(|r| r.id != rule.id);
    all.push(rule.clone());
    let rules = RuleSet::from_rules(all);
    for p in examples() {
        for as_of in [date(2000, 1, 1), date(2026, 11, 25), date(2060, 2, 29)] {
            let report = eval::evaluate(&rules, p, as_of, &Selection::Only(vec![rule.id.clone()]));
            let _ = report::text::render(&report);
            let _ = report::json::render(&report);
            let schedule = deadlines::schedule(&rules, p, as_of);
            let _ = report::ics::render(&schedule);
        }
    }
});
