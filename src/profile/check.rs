//! The hand-written walk over a parsed profile: every key checked, every
//! problem collected, and a [`Profile`] built when there is none.

use std::collections::HashMap;
use std::fmt::Write as _;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::dates::{Date, parse_date};
use crate::error::did_you_mean;
use crate::profile::load::Lines;
use crate::profile::model::{
    Activity, Education, ExamPass, Held, Profile, Project, Role, Training,
};
use crate::rules::RuleSet;
use crate::rules::model::{Level, RoleKind};
use crate::units::{Units, UnitsError};

/// One problem, at a byte offset of the parsed text.
#[derive(Debug)]
pub(crate) struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

type Value<'i> = Spanned<DeValue<'i>>;

pub(crate) const TOP_KEYS: [&str; 10] = [
    "name",
    "id",
    "targets",
    "education",
    "employment",
    "training",
    "projects",
    "exams",
    "certifications",
    "activities",
];
pub(crate) const EDUCATION_KEYS: [&str; 3] = ["level", "field", "completed"];
pub(crate) const EMPLOYMENT_KEYS: [&str; 9] = [
    "employer",
    "title",
    "start",
    "end",
    "decision_making",
    "full_time",
    "paid",
    "kind",
    "tags",
];
pub(crate) const TRAINING_KEYS: [&str; 3] = ["title", "hours", "completed"];
pub(crate) const PROJECT_KEYS: [&str; 3] = ["title", "completed", "affidavit"];
pub(crate) const EXAM_KEYS: [&str; 2] = ["id", "passed"];
pub(crate) const CERTIFICATION_KEYS: [&str; 3] = ["id", "earned", "renewals"];
pub(crate) const ACTIVITY_KEYS: [&str; 6] = [
    "date",
    "certifications",
    "category",
    "units",
    "description",
    "evidence",
];

/// Where a key sits: at the top of the profile or in the n-th (1-based)
/// entry of an array of tables.
#[derive(Clone, Copy, Debug)]
enum Place {
    Top,
    Entry(&'static str, usize),
}

impl Place {
    /// "the profile", "`[[employment]]` entry 2"
    fn describe(self) -> String {
        match self {
            Place::Top => "the profile".to_string(),
            Place::Entry(section, n) => format!("`[[{section}]]` entry {n}"),
        }
    }

    /// "`name`", "`start` in `[[employment]]` entry 2"
    fn key(self, key: &str) -> String {
        match self {
            Place::Top => format!("`{key}`"),
            Place::Entry(..) => format!("`{key}` in {}", self.describe()),
        }
    }
}

/// A key that is present, with its value.
#[derive(Clone, Copy)]
struct Field<'t, 'i> {
    key: &'static str,
    value: &'t Value<'i>,
    place: Place,
}

impl<'t, 'i> Field<'t, 'i> {
    /// "`start` in `[[employment]]` entry 2"
    fn what(&self) -> String {
        self.place.key(self.key)
    }
    fn at(&self) -> usize {
        self.value.span().start
    }
    /// The same key, another value (an element of its array).
    fn with(&self, value: &'t Value<'i>) -> Field<'t, 'i> {
        Field {
            key: self.key,
            value,
            place: self.place,
        }
    }
}

/// An entry of an array of tables: its table, where it is, where it starts.
struct Entry<'t, 'i> {
    table: &'t DeTable<'i>,
    place: Place,
    at: usize,
}

/// "a string", "an integer", "a date-time" ...
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(d) => match (d.date.is_some(), d.time.is_some()) {
            (true, false) => "a date",
            (true, true) => "a date-time",
            _ => "a time",
        },
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Whether `s` has the shape `YYYY-MM-DD` (whatever the numbers).
pub(crate) fn date_shaped(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `a`, `b`, `c` (at most 12, then how many more).
fn list(items: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut s = String::new();
    for (i, item) in items.iter().take(SHOWN).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "`{item}`");
    }
    if items.len() > SHOWN {
        let _ = write!(s, " and {} more", items.len() - SHOWN);
    }
    s
}

/// Help for `input`, which is not one of `known`: "did you mean `x`?" when
/// one is close, else `known` listed after `intro`, else `none`.
pub(crate) fn help_for(input: &str, known: &[&str], intro: &str, none: &str) -> String {
    match did_you_mean(input, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if known.is_empty() => none.to_string(),
        None => format!("{intro} {}", list(known)),
    }
}

/// The rule ids a profile may name, computed once per profile and only when
/// needed (a rule set's lookups allocate).
struct Ids<'r> {
    rules: &'r RuleSet,
    certs: Option<Vec<&'r str>>,
    exams: Option<Vec<&'r str>>,
    categories: HashMap<&'r str, Vec<&'r str>>,
}

impl<'r> Ids<'r> {
    fn certs(&mut self) -> &[&'r str] {
        let rules = self.rules;
        self.certs.get_or_insert_with(|| rules.ids())
    }
    fn exams(&mut self) -> &[&'r str] {
        let rules = self.rules;
        self.exams.get_or_insert_with(|| rules.exam_ids())
    }
    /// The categories of a certification the rules define.
    fn categories(&mut self, cert: &str) -> &[&'r str] {
        let rules = self.rules;
        let key = match self.certs().binary_search(&cert) {
            Ok(i) => self.certs()[i],
            Err(_) => return &[],
        };
        self.categories
            .entry(key)
            .or_insert_with(|| rules.category_ids(key))
    }
}

struct Checker<'r, 'l, 'a> {
    ids: Ids<'r>,
    lines: &'l mut Lines<'a>,
    problems: Vec<Problem>,
}

/// Checks a parsed profile; the problems come back in no particular order.
pub(crate) fn check(
    root: &DeTable<'_>,
    default_id: &str,
    rules: &RuleSet,
    lines: &mut Lines<'_>,
) -> Result<Profile, Vec<Problem>> {
    let mut c = Checker {
        ids: Ids {
            rules,
            certs: None,
            exams: None,
            categories: HashMap::new(),
        },
        lines,
        problems: Vec::new(),
    };
    let profile = c.profile(root, default_id);
    if c.problems.is_empty() {
        Ok(profile)
    } else {
        Err(c.problems)
    }
}

impl<'r> Checker<'r, '_, '_> {
    fn problem(&mut self, offset: usize, message: String, help: Option<String>) {
        self.problems.push(Problem {
            offset,
            message,
            help,
        });
    }

    fn profile(&mut self, root: &DeTable<'_>, default_id: &str) -> Profile {
        let [
            name,
            id,
            targets,
            education,
            employment,
            training,
            projects,
            exams,
            certs,
            acts,
        ] = self.fields(root, Place::Top, &TOP_KEYS);
        let name = self.required(name, Place::Top, 0, "name = \"Dana Whitfield\"");
        let name = name.and_then(|f| self.nonempty_string(f));
        let id = id.and_then(|f| self.nonempty_string(f));
        let targets = match targets.and_then(|f| self.strings(f)) {
            Some(list) => list
                .into_iter()
                .filter_map(|(t, at)| self.cert_id(t, at))
                .collect(),
            None => Vec::new(),
        };
        let education = self.section(education, "education", Self::education);
        let employment = self.section(employment, "employment", Self::role);
        let training = self.section(training, "training", Self::training);
        let projects = self.section(projects, "projects", Self::project);
        let exams = self.section(exams, "exams", Self::exam);
        let certifications = self.certifications(certs);
        let activities = self.section(acts, "activities", Self::activity);
        Profile {
            name: name.unwrap_or_default().to_string(),
            id: id.unwrap_or(default_id).to_string(),
            targets,
            education,
            employment,
            training,
            projects,
            exams,
            certifications,
            activities,
        }
    }

    // ----- tables and keys -------------------------------------------------

    /// The values of `keys` in `table`, in the order of `keys`; an error for
    /// each other key.
    fn fields<'t, 'i, const N: usize>(
        &mut self,
        table: &'t DeTable<'i>,
        place: Place,
        keys: &[&'static str; N],
    ) -> [Option<Field<'t, 'i>>; N] {
        let mut found = [None; N];
        for (k, value) in table.iter() {
            let name: &str = k.get_ref();
            match keys.iter().position(|&known| known == name) {
                Some(i) => {
                    found[i] = Some(Field {
                        key: keys[i],
                        value,
                        place,
                    })
                }
                None => {
                    let help = help_for(name, keys, "expected one of", "");
                    self.problem(
                        k.span().start,
                        format!("unknown key `{name}` in {}", place.describe()),
                        Some(help),
                    );
                }
            }
        }
        found
    }

    /// `field`, or an error (at `at`, the start of its table) that it is
    /// missing. `example` is a line such as `start = 2012-06-01`; the key is
    /// its first word.
    fn required<'t, 'i>(
        &mut self,
        field: Option<Field<'t, 'i>>,
        place: Place,
        at: usize,
        example: &str,
    ) -> Option<Field<'t, 'i>> {
        if field.is_none() {
            let key = example.split(' ').next().unwrap_or(example);
            self.problem(
                at,
                format!("missing required key `{key}` in {}", place.describe()),
                Some(format!("add a line such as `{example}`")),
            );
        }
        field
    }

    /// The valid entries of an array of tables, in file order.
    fn section<'t, 'i, T>(
        &mut self,
        field: Option<Field<'t, 'i>>,
        section: &'static str,
        each: fn(&mut Self, &Entry<'t, 'i>) -> Option<T>,
    ) -> Vec<T> {
        let entries = self.entries(field, section);
        entries.iter().filter_map(|e| each(self, e)).collect()
    }

    /// The entries of an array of tables such as `[[employment]]`.
    fn entries<'t, 'i>(
        &mut self,
        field: Option<Field<'t, 'i>>,
        section: &'static str,
    ) -> Vec<Entry<'t, 'i>> {
        let Some(f) = field else {
            return Vec::new();
        };
        let help = || format!("write each entry under its own `[[{section}]]` header");
        let DeValue::Array(items) = f.value.get_ref() else {
            let found = type_name(f.value.get_ref());
            self.problem(
                f.at(),
                format!("expected an array of tables for `{section}`, found {found}"),
                Some(help()),
            );
            return Vec::new();
        };
        let mut entries = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(table) => entries.push(Entry {
                    table,
                    place: Place::Entry(section, i + 1),
                    at: item.span().start,
                }),
                other => self.problem(
                    item.span().start,
                    format!(
                        "expected a table in `{section}`, found {}",
                        type_name(other)
                    ),
                    Some(help()),
                ),
            }
        }
        entries
    }

    fn wrong_type(&mut self, f: Field<'_, '_>, expected: &str, help: Option<String>) {
        let found = type_name(f.value.get_ref());
        let what = f.what();
        self.problem(
            f.at(),
            format!("expected {expected} for {what}, found {found}"),
            help,
        );
    }

    // ----- values -------------------------------------------------------------

    fn string<'t>(&mut self, f: Field<'t, '_>) -> Option<&'t str> {
        match f.value.get_ref() {
            DeValue::String(s) => Some(s),
            _ => {
                self.wrong_type(f, "a string", None);
                None
            }
        }
    }

    /// A string with something in it besides spaces.
    fn nonempty_string<'t>(&mut self, f: Field<'t, '_>) -> Option<&'t str> {
        let s = self.string(f)?;
        if s.trim().is_empty() {
            let what = f.what();
            self.problem(f.at(), format!("{what} is empty"), None);
            return None;
        }
        Some(s)
    }

    fn boolean(&mut self, f: Field<'_, '_>) -> Option<bool> {
        match f.value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                let help = format!("write `{} = true` or `{} = false`", f.key, f.key);
                self.wrong_type(f, "a boolean", Some(help));
                None
            }
        }
    }

    /// A TOML local date or a `YYYY-MM-DD` string.
    fn date(&mut self, f: Field<'_, '_>) -> Option<Date> {
        const EXPECTED: &str = "a date like `2016-09-01`";
        match f.value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    let date = Date::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                    if date.is_none() {
                        let what = f.what();
                        self.problem(f.at(), format!("impossible date `{d}` for {what}"), None);
                    }
                    date
                }
                (Some(d), Some(_)) => {
                    let help = format!("give the day alone: `{} = {d}`", f.key);
                    self.wrong_type(f, EXPECTED, Some(help));
                    None
                }
                (None, _) => {
                    self.wrong_type(f, EXPECTED, None);
                    None
                }
            },
            DeValue::String(s) => {
                let date = parse_date(s);
                if date.is_none() {
                    let what = f.what();
                    if date_shaped(s) {
                        self.problem(
                            f.at(),
                            format!("impossible date `{s}` for {what}"),
                            Some("there is no such day in the calendar".to_string()),
                        );
                    } else {
                        self.problem(
                            f.at(),
                            format!("expected {EXPECTED} for {what}, found `{s}`"),
                            Some("write dates as `YYYY-MM-DD`".to_string()),
                        );
                    }
                }
                date
            }
            _ => {
                self.wrong_type(f, EXPECTED, None);
                None
            }
        }
    }

    /// A positive exact amount (`units`, `hours`): an integer, a float or a
    /// decimal string, read from its text, never through a float.
    fn amount(&mut self, f: Field<'_, '_>) -> Option<Units> {
        let what = f.what();
        let parsed: Result<Units, UnitsError> = match f.value.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().parse(),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map_or(Err(UnitsError::TooLarge), |n| n.to_string().parse()),
            DeValue::Float(x) => x.as_str().parse(),
            DeValue::String(s) => s.parse(),
            _ => {
                let help = format!("write a decimal number such as `{} = 1.5`", f.key);
                self.wrong_type(f, "a number", Some(help));
                return None;
            }
        };
        // What the user wrote: the string's content, or the number's literal.
        let text = match f.value.get_ref() {
            DeValue::String(s) => s,
            _ => self.lines.text().get(f.value.span()).unwrap_or_default(),
        };
        let (message, help) = match parsed {
            Ok(u) if u.is_positive() => return Some(u),
            Ok(_) => (
                format!("{what} must be more than zero, found `{text}`"),
                None,
            ),
            Err(UnitsError::TooPrecise) => (
                format!("{what} has more than 3 decimal places: `{text}`"),
                "amounts are exact to a thousandth".to_string().into(),
            ),
            Err(UnitsError::TooLarge) => (
                format!("{what} is too large: `{text}`"),
                format!("the largest amount accepted is {}", Units::MAX).into(),
            ),
            Err(UnitsError::Malformed) => (
                format!("expected a decimal number like `1.5` for {what}, found `{text}`"),
                "write digits with at most one `.` and no exponent"
                    .to_string()
                    .into(),
            ),
        };
        self.problem(f.at(), message, help);
        None
    }

    /// An array of strings, each with where it is.
    fn strings<'t>(&mut self, f: Field<'t, '_>) -> Option<Vec<(&'t str, usize)>> {
        let lone = |v: &DeValue<'_>| match v {
            DeValue::String(s) => Some(format!("{s:?}")),
            _ => None,
        };
        let example = match f.key {
            "tags" => "\"project-leadership\"",
            _ => "\"cmq-oe\"",
        };
        self.array(f, "an array of strings", example, lone, |c, e| {
            Some((c.string(e)?, e.at()))
        })
    }

    /// An array of dates.
    fn dates(&mut self, f: Field<'_, '_>) -> Option<Vec<Date>> {
        let lone = |v: &DeValue<'_>| match v {
            DeValue::Datetime(d) => Some(d.to_string()),
            _ => None,
        };
        self.array(f, "an array of dates", "2023-03-20", lone, Self::date)
    }

    /// An array whose elements `each` reads, every bad one reported. When the
    /// value is not an array, the help shows it as a list where `lone` can
    /// write it as an element, else a list of `example`.
    fn array<'t, 'i, T>(
        &mut self,
        f: Field<'t, 'i>,
        expected: &str,
        example: &str,
        lone: fn(&DeValue<'_>) -> Option<String>,
        mut each: impl FnMut(&mut Self, Field<'t, 'i>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let DeValue::Array(items) = f.value.get_ref() else {
            let help = match lone(f.value.get_ref()) {
                Some(item) => format!("write it as a list: `{} = [{item}]`", f.key),
                None => format!("write a list such as `{} = [{example}]`", f.key),
            };
            self.wrong_type(f, expected, Some(help));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items.iter() {
            match each(self, f.with(item)) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// One of a fixed set of ids (an education level, an employment kind).
    fn choice<T>(
        &mut self,
        f: Field<'_, '_>,
        what: &str,
        from_id: fn(&str) -> Option<T>,
        ids: &[&str],
    ) -> Option<T> {
        let s = self.string(f)?;
        let value = from_id(s);
        if value.is_none() {
            let help = help_for(s, ids, "expected one of", "");
            self.problem(f.at(), format!("unknown {what} `{s}`"), Some(help));
        }
        value
    }

    fn opt_string(&mut self, f: Option<Field<'_, '_>>) -> Option<String> {
        f.and_then(|f| self.string(f)).map(str::to_string)
    }

    // ----- ids ----------------------------------------------------------------

    /// `id` when the rules define that certification, else an error.
    fn cert_id(&mut self, id: &str, at: usize) -> Option<String> {
        let none = "no rule file is loaded";
        self.known_id(
            id,
            at,
            "certification id",
            Ids::certs,
            "the loaded rules define",
            none,
        )
    }

    fn exam_id(&mut self, f: Field<'_, '_>) -> Option<String> {
        let id = self.string(f)?;
        let none = "no loaded rule file defines an exam";
        let intro = "the loaded rules define the exams";
        self.known_id(id, f.at(), "exam id", Ids::exams, intro, none)
    }

    /// `id` when it is in the sorted list `known` gives, else an error
    /// "unknown {what} `id`" with [`help_for`]'s help.
    fn known_id(
        &mut self,
        id: &str,
        at: usize,
        what: &str,
        known: for<'s> fn(&'s mut Ids<'r>) -> &'s [&'r str],
        intro: &str,
        none: &str,
    ) -> Option<String> {
        let known = known(&mut self.ids);
        if known.binary_search(&id).is_ok() {
            return Some(id.to_string());
        }
        let help = help_for(id, known, intro, none);
        self.problem(at, format!("unknown {what} `{id}`"), Some(help));
        None
    }

    // ----- entries --------------------------------------------------------------

    fn education(&mut self, e: &Entry<'_, '_>) -> Option<Education> {
        let [level, field, completed] = self.fields(e.table, e.place, &EDUCATION_KEYS);
        let level = self.required(level, e.place, e.at, "level = \"bachelor\"");
        let completed = self.required(completed, e.place, e.at, "completed = 2012-05-15");
        let level = level.and_then(|f| {
            self.choice(
                f,
                "education level",
                Level::from_id,
                &Level::ALL.map(Level::id),
            )
        });
        let field = self.opt_string(field);
        let completed = completed.and_then(|f| self.date(f));
        Some(Education {
            level: level?,
            field,
            completed: completed?,
        })
    }

    fn role(&mut self, e: &Entry<'_, '_>) -> Option<Role> {
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
        ] = self.fields(e.table, e.place, &EMPLOYMENT_KEYS);
        let start = self.required(start, e.place, e.at, "start = 2012-06-01");
        let employer = self.opt_string(employer);
        let title = self.opt_string(title);
        let start = start.and_then(|f| self.date(f));
        let end_at = end.map(|f| f.at());
        let end = end.and_then(|f| self.date(f));
        if let (Some(s), Some(en), Some(at)) = (start, end, end_at)
            && en < s
        {
            self.problem(
                at,
                format!(
                    "`end = {en}` is before `start = {s}` in {}",
                    e.place.describe()
                ),
                Some("a role ends on or after the day it starts".to_string()),
            );
        }
        let decision_making = decision_making.and_then(|f| self.boolean(f));
        let full_time = full_time.and_then(|f| self.boolean(f));
        let paid = paid.and_then(|f| self.boolean(f));
        let kind = kind.and_then(|f| {
            self.choice(
                f,
                "employment kind",
                RoleKind::from_id,
                &RoleKind::ALL.map(RoleKind::id),
            )
        });
        let tags = tags.and_then(|f| self.strings(f));
        Some(Role {
            employer,
            title,
            start: start?,
            end,
            decision_making: decision_making.unwrap_or(false),
            full_time: full_time.unwrap_or(true),
            paid: paid.unwrap_or(true),
            kind: kind.unwrap_or(RoleKind::Employee),
            tags: tags
                .unwrap_or_default()
                .into_iter()
                .map(|(t, _)| t.to_string())
                .collect(),
        })
    }

    fn training(&mut self, e: &Entry<'_, '_>) -> Option<Training> {
        let [title, hours, completed] = self.fields(e.table, e.place, &TRAINING_KEYS);
        let hours = self.required(hours, e.place, e.at, "hours = 35");
        let completed = self.required(completed, e.place, e.at, "completed = 2019-02-01");
        let title = self.opt_string(title);
        let hours = hours.and_then(|f| self.amount(f));
        let completed = completed.and_then(|f| self.date(f));
        Some(Training {
            title,
            hours: hours?,
            completed: completed?,
        })
    }

    fn project(&mut self, e: &Entry<'_, '_>) -> Option<Project> {
        let [title, completed, affidavit] = self.fields(e.table, e.place, &PROJECT_KEYS);
        let completed = self.required(completed, e.place, e.at, "completed = 2022-10-01");
        let title = self.opt_string(title);
        let completed = completed.and_then(|f| self.date(f));
        let affidavit = affidavit.and_then(|f| self.boolean(f));
        Some(Project {
            title,
            completed: completed?,
            affidavit: affidavit.unwrap_or(false),
        })
    }

    fn exam(&mut self, e: &Entry<'_, '_>) -> Option<ExamPass> {
        let [id, passed] = self.fields(e.table, e.place, &EXAM_KEYS);
        let id = self.required(id, e.place, e.at, "id = \"cmq-oe\"");
        let passed = self.required(passed, e.place, e.at, "passed = 2020-03-14");
        let id = id.and_then(|f| self.exam_id(f));
        let passed = passed.and_then(|f| self.date(f));
        Some(ExamPass {
            id: id?,
            passed: passed?,
        })
    }

    /// Every `[[certifications]]` entry; a second entry for one id is an error.
    fn certifications(&mut self, field: Option<Field<'_, '_>>) -> Vec<Held> {
        let mut first_at: HashMap<String, usize> = HashMap::new();
        let mut held = Vec::new();
        for e in self.entries(field, "certifications") {
            let [id, earned, renewals] = self.fields(e.table, e.place, &CERTIFICATION_KEYS);
            let id = self.required(id, e.place, e.at, "id = \"cmq-oe\"");
            let earned = self.required(earned, e.place, e.at, "earned = 2020-04-01");
            let id = id.and_then(|f| {
                let s = self.string(f)?;
                let id = self.cert_id(s, f.at())?;
                if let Some(&first) = first_at.get(&id) {
                    let (line, _) = self.lines.line_col(first);
                    self.problem(
                        f.at(),
                        format!("duplicate certification `{id}` in {}", e.place.describe()),
                        Some(format!(
                            "`{id}` is already listed at line {line}; record each renewal in its `renewals`"
                        )),
                    );
                    return None;
                }
                first_at.insert(id.clone(), f.at());
                Some(id)
            });
            let earned = earned.and_then(|f| self.date(f));
            let renewals = renewals.and_then(|f| self.dates(f));
            if let (Some(id), Some(earned)) = (id, earned) {
                held.push(Held {
                    id,
                    earned,
                    renewals: renewals.unwrap_or_default(),
                });
            }
        }
        held
    }

    fn activity(&mut self, e: &Entry<'_, '_>) -> Option<Activity> {
        let [date, certifications, category, units, description, evidence] =
            self.fields(e.table, e.place, &ACTIVITY_KEYS);
        let date = self.required(date, e.place, e.at, "date = 2021-05-10");
        let certs_field = self.required(
            certifications,
            e.place,
            e.at,
            "certifications = [\"cmq-oe\"]",
        );
        let category = self.required(
            category,
            e.place,
            e.at,
            "category = \"professional-development\"",
        );
        let units = self.required(units, e.place, e.at, "units = 1.5");
        let date = date.and_then(|f| self.date(f));
        let listed = certs_field.and_then(|f| {
            let list = self.strings(f)?;
            if list.is_empty() {
                let what = f.what();
                self.problem(
                    f.at(),
                    format!("{what} is empty"),
                    Some(
                        "list the held certifications the activity counts towards, such as `certifications = [\"cmq-oe\"]`"
                            .to_string(),
                    ),
                );
                return None;
            }
            Some(list)
        });
        let mut known = Vec::new();
        let mut all_known = listed.is_some();
        for &(id, at) in listed.iter().flatten() {
            match self.cert_id(id, at) {
                Some(id) => known.push(id),
                None => all_known = false,
            }
        }
        let category = category.and_then(|f| {
            let s = self.string(f)?;
            let mut ok = true;
            for cert in &known {
                let defined = self.ids.categories(cert);
                if defined.binary_search(&s).is_ok() {
                    continue;
                }
                ok = false;
                let help = help_for(
                    s,
                    defined,
                    &format!("`{cert}` defines"),
                    &format!("`{cert}` defines no recertification categories"),
                );
                self.problem(
                    f.at(),
                    format!("category `{s}` is not defined by `{cert}`"),
                    Some(help),
                );
            }
            ok.then(|| s.to_string())
        });
        let units = units.and_then(|f| self.amount(f));
        let description = self.opt_string(description);
        let evidence = self.opt_string(evidence);
        if !all_known {
            return None;
        }
        Some(Activity {
            date: date?,
            certifications: known,
            category: category?,
            units: units?,
            description,
            evidence,
        })
    }
}
