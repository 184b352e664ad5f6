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
        let eds = self.editions(id);
        eds.iter()
            .find(|r| r.in_force_on(on))
            .or_else(|| {
                eds.iter()
                    .rev()
                    .find(|r| r.edition.from.is_none_or(|f| f <= on))
            })
            .or_else(|| eds.first())
    }

    /// Every edition of `id`, oldest first.
    pub fn editions(&self, id: &str) -> &[Rule] {
        // sorted by id: the editions of one id are one run
        let from = self.rules.partition_point(|r| r.id.as_str() < id);
        let to = from + self.rules[from..].partition_point(|r| r.id == id);
        &self.rules[from..to]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn the_editions_of_an_id_are_its_run_and_get_picks_the_one_in_force() {
        let rules = RuleSet::builtin().unwrap();
        for id in rules.ids() {
            let eds = rules.editions(id);
            let all: Vec<&Rule> = rules.all().iter().filter(|r| r.id == id).collect();
            assert_eq!(eds.len(), all.len(), "{id}");
            assert!(eds.iter().zip(all).all(|(a, b)| std::ptr::eq(a, b)), "{id}");
        }
        // a prefix of an id, or an id past every other, has none
        assert!(rules.editions("cp").is_empty());
        assert!(rules.editions("zz").is_empty());
        assert!(rules.get("cp", date(2020, 1, 1)).is_none());
        // the day before and the day of a new edition
        let cpim = |d| rules.get("cpim", d).map(|r| r.edition.name.as_str());
        assert_eq!(cpim(date(2021, 2, 28)), Some("5-year suspension"));
        assert_eq!(cpim(date(2021, 3, 1)), Some("90-day suspension"));
    }
}
