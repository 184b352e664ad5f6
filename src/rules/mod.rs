//! Rule files: the model, loading (built-in and `--rules DIR`), validation.

pub mod citations;
mod de;
pub mod load;
pub mod model;
pub(crate) mod raw;
mod validate;

use std::path::PathBuf;

use crate::dates::Date;
use crate::error::Error;
pub use model::Rule;

/// The JSON Schema of a rule file, from the types the loader reads (see
/// `crate::schema`).
pub fn json_schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<raw::RawRule>()
}

/// Every loaded rule file. A certification may have several editions; the one
/// in force on the day judged is used.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// Sorted by id, then by edition start.
    rules: Vec<Rule>,
}

impl RuleSet {
    /// Builds a set from validated rules (sorts them).
    pub fn from_rules(mut rules: Vec<Rule>) -> RuleSet {
        rules.sort_by(|a, b| a.id.cmp(&b.id).then(a.edition.from.cmp(&b.edition.from)));
        RuleSet { rules }
    }

    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet, Error> {
        load::load(&[])
    }

    /// The built-in rules plus every `*.toml` in each of `dirs`; a file whose
    /// id is a built-in one replaces every built-in edition of that id.
    pub fn load(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
        load::load(dirs)
    }

    pub fn all(&self) -> &[Rule] {
        &self.rules
    }

    /// Distinct certification ids, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
        ids.dedup();
        ids
    }

    pub fn contains(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r.id == id)
    }

    /// The edition of `id` in force on `on`; outside every edition's range,
    /// the nearest one (the earliest before its start, the latest after).
    pub fn get(&self, id: &str, on: Date) -> Option<&Rule> {
        let eds: Vec<&Rule> = self.rules.iter().filter(|r| r.id == id).collect();
        eds.iter()
            .find(|r| r.in_force_on(on))
            .or_else(|| {
                eds.iter()
                    .rev()
                    .find(|r| r.edition.from.is_none_or(|f| f <= on))
            })
            .or_else(|| eds.first())
            .copied()
    }

    /// Every edition of `id`, oldest first.
    pub fn editions(&self, id: &str) -> Vec<&Rule> {
        self.rules.iter().filter(|r| r.id == id).collect()
    }

    /// Every exam id any rule defines.
    pub fn exam_ids(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| r.exams.iter().map(|e| e.id.as_str()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Every category id the rules of certification `id` define (any edition).
    pub fn category_ids(&self, id: &str) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .rules
            .iter()
            .filter(|r| r.id == id)
            .flat_map(|r| r.recertification.iter())
            .flat_map(|rc| rc.categories.iter().map(|c| c.id.as_str()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}
