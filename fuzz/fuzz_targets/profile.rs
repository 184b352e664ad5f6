//! Profile bytes → the strict loader → (when accepted) the evaluator and
//! every report, on a few as-of dates.
#![no_main]

use std::path::Path;

use certcheck::dates::{add_days, date};
use certcheck::eval::{self, Selection, deadlines};
use certcheck::profile;
use certcheck::report;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::rules;

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let Ok(p) = profile::parse_bytes(data, Path::new("fuzz.toml"), rules) else {
        return;
    };
    let every = Selection::Only(rules.ids().iter().map(|s| s.to_string()).collect());
    for as_of in [
        date(1999, 12, 31),
        date(2026, 11, 25),
        add_days(date(2099, 2, 28), 1),
    ] {
        for selection in [&Selection::Default, &every] {
            let report = eval::evaluate(rules, &p, as_of, selection);
            let _ = report::text::render(&report);
            let _ = report::json::render(&report);
        }
        let schedule = deadlines::schedule(rules, &p, as_of);
        let _ = report::ics::render(&schedule);
    }
});
