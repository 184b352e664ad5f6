//! certcheck: where a working professional stands with their certifications.
//!
//! The library never prints and never reads the clock: the evaluator is a
//! pure function of (rules, profile, as-of date).

pub mod atomic;
pub mod cases;
pub mod cli;
pub mod dates;
pub mod error;
pub mod eval;
pub mod import;
pub mod input;
pub mod profile;
pub mod report;
pub mod rules;
pub(crate) mod scan;
pub mod schema;
pub mod screen;
pub mod show;
#[cfg(test)]
pub(crate) mod test_support;
pub mod units;
