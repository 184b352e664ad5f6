use crate::dates::Date;
use crate::profile::Profile;
use crate::rules::RuleSet;
use crate::rules::model::Rule;

use super::CertResult;

/// Facts (stub).
pub struct Facts;

pub(crate) fn profile_warnings(_p: &Profile, _as_of: Date) -> Vec<String> {
    Vec::new()
}

pub(crate) fn evaluate_rule(
    _rules: &RuleSet,
    _rule: &Rule,
    _profile: &Profile,
    _as_of: Date,
) -> (CertResult, Vec<String>) {
    todo!()
}
