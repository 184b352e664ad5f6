//! JSON Lines roster bytes → each line through the strict JSON profile
//! parser (as `screen` reads them) → (when accepted) the evaluator and the
//! JSON report. Every diagnostic must carry the line it came from.
#![no_main]

use certcheck::dates::date;
use certcheck::eval::{self, Selection};
use certcheck::profile::json::parse_json;
use certcheck::report;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::rules;

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_json(line, "fuzz.jsonl", i + 1, "fuzz", rules) {
            Ok(p) => {
                let r = eval::evaluate(rules, &p, date(2026, 11, 25), &Selection::Default);
                let _ = report::json::render(&r);
            }
            Err(diags) => {
                assert!(!diags.is_empty());
                for d in diags {
                    assert_eq!(d.line, Some(i + 1), "{d}");
                }
            }
        }
    }
});
