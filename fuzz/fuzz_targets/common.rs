//! What the fuzz targets share (each includes this file as a module).

use std::sync::OnceLock;

use certcheck::rules::RuleSet;

/// The built-in rules, loaded once for the whole fuzzing run.
pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in rules load"))
}
