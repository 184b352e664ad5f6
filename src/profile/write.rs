//! Writes a [`Profile`] as a TOML file or as one line of JSON (a JSON Lines
//! roster's line), in the format the loaders read back: writing a profile
//! and loading the text gives the same profile.
//!
//! The keys and their order are the format's ([`super::format`]). A key at
//! its default is left out (an ongoing role's `end`, `full_time = true`, no
//! `tags`, no `targets`, a section without entries); `renewals` is always
//! written, so that a held certification says so when none is recorded.
//! The benchmark's rosters are written with it (`bench/gen_roster.rs`):
//! changing the layout changes the benchmark's input.

use crate::dates::{Date, Ymd};
use crate::profile::edit::basic_string;
use crate::profile::format::{
    ACTIVITY_KEYS, CERTIFICATION_KEYS, EDUCATION_KEYS, EMPLOYMENT_KEYS, EXAM_KEYS, PROJECT_KEYS,
    TOP_KEYS, TRAINING_KEYS,
};
use crate::profile::model::{
    Activity, Education, ExamPass, Held, Profile, Project, Role, Training,
};
use crate::rules::model::RoleKind;
use crate::units::Units;

/// `p` as a TOML file: the top-level keys, then each entry as an
/// `[[section]]` table after a blank line.
pub fn to_toml(p: &Profile) -> String {
    let mut w = Writer::new(Syntax::Toml);
    w.profile(p);
    w.out
}

/// `p` as one line of JSON (without the line's end): dates as
/// `"YYYY-MM-DD"` strings, amounts as numbers.
pub fn to_json(p: &Profile) -> String {
    let mut w = Writer::new(Syntax::Json);
    w.out.push('{');
    w.profile(p);
    w.out.push('}');
    w.out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Toml,
    Json,
}

struct Writer {
    syntax: Syntax,
    out: String,
    /// Keys written so far in the current table (JSON separates them).
    keys: usize,
}

impl Writer {
    fn new(syntax: Syntax) -> Writer {
        Writer {
            syntax,
            out: String::with_capacity(1024),
            keys: 0,
        }
    }

    fn profile(&mut self, p: &Profile) {
        let [
            name,
            id,
            targets,
            education,
            employment,
            training,
            projects,
            exams,
            certifications,
            activities,
        ] = TOP_KEYS;
        self.string(name, &p.name);
        self.string(id, &p.id);
        if !p.targets.is_empty() {
            self.strings(targets, &p.targets);
        }
        self.section(education, &p.education, Writer::education);
        self.section(employment, &p.employment, Writer::role);
        self.section(training, &p.training, Writer::training);
        self.section(projects, &p.projects, Writer::project);
        self.section(exams, &p.exams, Writer::exam);
        self.section(certifications, &p.certifications, Writer::held);
        self.section(activities, &p.activities, Writer::activity);
    }

    // ----- entries ------------------------------------------------------------

    fn education(&mut self, e: &Education) {
        let [level, tags, field, completed] = EDUCATION_KEYS;
        self.string(level, e.level.id());
        if !e.tags.is_empty() {
            self.strings(tags, &e.tags);
        }
        self.opt_string(field, e.field.as_deref());
        self.date(completed, e.completed);
    }

    fn role(&mut self, r: &Role) {
        let [
            employer,
            title,
            start,
            end,
            decision_making,
            full_time,
            paid,
            kind,
            tags,
        ] = EMPLOYMENT_KEYS;
        self.opt_string(employer, r.employer.as_deref());
        self.opt_string(title, r.title.as_deref());
        self.date(start, r.start);
        if let Some(d) = r.end {
            self.date(end, d);
        }
        self.boolean(decision_making, r.decision_making, false);
        self.boolean(full_time, r.full_time, true);
        self.boolean(paid, r.paid, true);
        if r.kind != RoleKind::Employee {
            self.string(kind, r.kind.id());
        }
        if !r.tags.is_empty() {
            self.strings(tags, &r.tags);
        }
    }

    fn training(&mut self, t: &Training) {
        let [title, hours, completed] = TRAINING_KEYS;
        self.opt_string(title, t.title.as_deref());
        self.units(hours, t.hours);
        self.date(completed, t.completed);
    }

    fn project(&mut self, p: &Project) {
        let [title, completed, affidavit] = PROJECT_KEYS;
        self.opt_string(title, p.title.as_deref());
        self.date(completed, p.completed);
        self.boolean(affidavit, p.affidavit, false);
    }

    fn exam(&mut self, e: &ExamPass) {
        let [id, passed] = EXAM_KEYS;
        self.string(id, &e.id);
        self.date(passed, e.passed);
    }

    fn held(&mut self, h: &Held) {
        let [id, earned, renewals] = CERTIFICATION_KEYS;
        self.string(id, &h.id);
        self.date(earned, h.earned);
        self.key(renewals);
        self.list(&h.renewals, |w, d| w.date_value(*d));
    }

    fn activity(&mut self, a: &Activity) {
        let [date, certifications, category, units, description, evidence] = ACTIVITY_KEYS;
        self.date(date, a.date);
        self.strings(certifications, &a.certifications);
        self.string(category, &a.category);
        self.units(units, a.units);
        self.opt_string(description, a.description.as_deref());
        self.opt_string(evidence, a.evidence.as_deref());
    }

    // ----- keys and values ----------------------------------------------------

    /// The entries of a section: `[[key]]` tables in TOML, an array of
    /// objects in JSON; nothing when there are none.
    fn section<T>(&mut self, key: &str, entries: &[T], each: fn(&mut Writer, &T)) {
        if entries.is_empty() {
            return;
        }
        if self.syntax == Syntax::Toml {
            for e in entries {
                self.out.push_str("\n[[");
                self.out.push_str(key);
                self.out.push_str("]]\n");
                each(self, e);
            }
            return;
        }
        self.key(key);
        let outer = self.keys;
        self.out.push('[');
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push('{');
            self.keys = 0;
            each(self, e);
            self.out.push('}');
        }
        self.out.push(']');
        self.keys = outer;
    }

    /// `key = ` (TOML) or `"key": ` (JSON, after a `, ` but for the first
    /// key of an object); [`Writer::value_end`] ends the line in TOML.
    fn key(&mut self, key: &str) {
        match self.syntax {
            Syntax::Toml => {
                self.out.push_str(key);
                self.out.push_str(" = ");
            }
            Syntax::Json => {
                if self.keys > 0 {
                    self.out.push_str(", ");
                }
                self.out.push('"');
                self.out.push_str(key);
                self.out.push_str("\": ");
            }
        }
        self.keys += 1;
    }

    fn value_end(&mut self) {
        if self.syntax == Syntax::Toml {
            self.out.push('\n');
        }
    }

    fn string(&mut self, key: &str, s: &str) {
        self.key(key);
        self.string_value(s);
        self.value_end();
    }

    fn opt_string(&mut self, key: &str, s: Option<&str>) {
        if let Some(s) = s {
            self.string(key, s);
        }
    }

    /// `key = value` unless `value` is the default the loader fills in.
    fn boolean(&mut self, key: &str, value: bool, default: bool) {
        if value != default {
            self.key(key);
            self.out.push_str(if value { "true" } else { "false" });
            self.value_end();
        }
    }

    fn date(&mut self, key: &str, d: Date) {
        self.key(key);
        self.date_value(d);
        self.value_end();
    }

    fn units(&mut self, key: &str, u: Units) {
        self.key(key);
        self.out.push_str(&u.to_string());
        self.value_end();
    }

    fn strings(&mut self, key: &str, items: &[String]) {
        self.key(key);
        self.list(items, |w, s| w.string_value(s));
    }

    /// `[a, b]` and, in TOML, the line's end.
    fn list<T>(&mut self, items: &[T], each: impl Fn(&mut Writer, &T)) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            each(self, item);
        }
        self.out.push(']');
        self.value_end();
    }

    fn string_value(&mut self, s: &str) {
        match self.syntax {
            Syntax::Toml => self.out.push_str(&basic_string(s)),
            Syntax::Json => match serde_json::to_string(s) {
                Ok(quoted) => self.out.push_str(&quoted),
                Err(_) => self.out.push_str("\"\""),
            },
        }
    }

    /// A TOML local date; a `"YYYY-MM-DD"` string in JSON.
    fn date_value(&mut self, d: Date) {
        let json = self.syntax == Syntax::Json;
        if json {
            self.out.push('"');
        }
        Ymd(d).push_to(&mut self.out);
        if json {
            self.out.push('"');
        }
    }
}

#[cfg(test)]
mod tests;
