//! What the unit tests share.

use std::sync::LazyLock;

use crate::rules::RuleSet;

/// The built-in rules, loaded once per test binary. Loading them parses
/// and checks every rule file, which took about half of the suite's time
/// when each test (and each proptest case) loaded its own.
pub(crate) fn builtin_rules() -> &'static RuleSet {
    static RULES: LazyLock<RuleSet> = LazyLock::new(|| match RuleSet::builtin() {
        Ok(rules) => rules,
        Err(e) => panic!("the built-in rules do not load: {e}"),
    });
    &RULES
}
