//! The hand-written walk over a parsed profile: every key checked, every
//! problem collected, and a [`Profile`] built when there is none.
//!
//! The walk is written once, over [`Node`]: a parsed value that knows where
//! it is in its text. A TOML profile ([`toml::de::DeValue`]) and a JSON one
//! ([`super::json`]) are both nodes, so both formats get the same checks and
//! the same messages; only the examples in the help lines follow the
//! [`Dialect`].

use std::fmt::Write as _;
use std::marker::PhantomData;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use crate::dates::{Date, parse_date};
use crate::error::did_you_mean;
use crate::profile::format::{
    ACTIVITY_KEYS, CERTIFICATION_KEYS, EDUCATION_KEYS, EMPLOYMENT_KEYS, EXAM_KEYS, PROJECT_KEYS,
    TOP_KEYS, TRAINING_KEYS,
};
use crate::profile::lines::{Lines, Problem};
use crate::profile::model::{
    Activity, Education, ExamPass, Held, MonthDate, MonthField, Profile, Project, Role, Training,
};
use crate::rules::RuleSet;
use crate::rules::model::{Level, RoleKind};
use crate::units::{Units, UnitsError};

/// Which syntax a profile is written in: the examples in help lines follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Toml,
    Json,
}

impl Dialect {
    /// `start = 2012-06-01` as this dialect writes it: in JSON,
    /// `"start": "2012-06-01"` (dates become strings).
    fn assign(self, key: &str, value: &str) -> String {
        match self {
            Dialect::Toml => format!("{key} = {value}"),
            Dialect::Json => format!("\"{key}\": {}", quote_dates(value)),
        }
    }

    /// An example line such as `start = 2012-06-01` in this dialect.
    fn example(self, toml_line: &str) -> String {
        match toml_line.split_once(" = ") {
            Some((key, value)) => self.assign(key, value),
            None => toml_line.to_string(),
        }
    }

    /// What a list of entries such as `[[employment]]` is called.
    fn entries_noun(self) -> &'static str {
        match self {
            Dialect::Toml => "an array of tables",
            Dialect::Json => "an array of objects",
        }
    }

    fn entry_noun(self) -> &'static str {
        match self {
            Dialect::Toml => "a table",
            Dialect::Json => "an object",
        }
    }

    /// How to write the entries of `section`.
    fn entries_help(self, section: &str) -> String {
        match self {
            Dialect::Toml => format!("write each entry under its own `[[{section}]]` header"),
            Dialect::Json => {
                format!("write `\"{section}\": [{{...}}, {{...}}]`, one object per entry")
            }
        }
    }

    /// "`[[employment]]`" in TOML, "`employment`" in JSON.
    fn section(self, section: &str) -> String {
        match self {
            Dialect::Toml => format!("`[[{section}]]`"),
            Dialect::Json => format!("`{section}`"),
        }
    }

    fn add_line(self) -> &'static str {
        match self {
            Dialect::Toml => "add a line such as",
            Dialect::Json => "add a key such as",
        }
    }
}

/// `[2023-03-20]` as JSON writes it: `["2023-03-20"]`.
fn quote_dates(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    let mut rest = value;
    while !rest.is_empty() {
        let quoted_before = out.ends_with('"');
        if !quoted_before && rest.get(..10).is_some_and(date_shaped) {
            out.push('"');
            out.push_str(&rest[..10]);
            out.push('"');
            rest = &rest[10..];
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// What the checker sees of a value: its kind, and for strings and numbers
/// the text that was written.
pub(crate) enum Kind<'a, N: Node> {
    String(&'a str),
    /// An integer as written, without its radix prefix.
    Integer {
        digits: &'a str,
        radix: u32,
    },
    /// A number with a fraction or an exponent, as written.
    Float(&'a str),
    Boolean(bool),
    /// A TOML date, date-time or time.
    Datetime(&'a Datetime),
    /// JSON's `null`.
    Null,
    Array(&'a [N]),
    Table(&'a N::Table),
}

/// A parsed value with its place in the text.
pub(crate) trait Node: Sized {
    /// A table (TOML) or an object (JSON).
    type Table;
    const DIALECT: Dialect;
    /// The byte range of the value in its text.
    fn range(&self) -> Range<usize>;
    fn kind(&self) -> Kind<'_, Self>;
    /// The keys of a table in text order, each with the byte offset of the
    /// key and its value.
    fn members<'a>(table: &'a Self::Table) -> impl Iterator<Item = (&'a str, usize, &'a Self)>
    where
        Self: 'a;
}

impl<'i> Node for Spanned<DeValue<'i>> {
    type Table = DeTable<'i>;
    const DIALECT: Dialect = Dialect::Toml;

    fn range(&self) -> Range<usize> {
        self.span()
    }

    fn kind(&self) -> Kind<'_, Self> {
        match self.get_ref() {
            DeValue::String(s) => Kind::String(s),
            DeValue::Integer(i) => Kind::Integer {
                digits: i.as_str(),
                radix: i.radix(),
            },
            DeValue::Float(x) => Kind::Float(x.as_str()),
            DeValue::Boolean(b) => Kind::Boolean(*b),
            DeValue::Datetime(d) => Kind::Datetime(d),
            DeValue::Array(items) => Kind::Array(items),
            DeValue::Table(t) => Kind::Table(t),
        }
    }

    fn members<'a>(table: &'a DeTable<'i>) -> impl Iterator<Item = (&'a str, usize, &'a Self)>
    where
        Self: 'a,
    {
        table
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), k.span().start, v))
    }
}

/// Where a key sits: at the top of the profile or in the n-th (1-based)
/// entry of an array of tables.
#[derive(Clone, Copy, Debug)]
enum Place {
    Top,
    Entry(&'static str, usize, Dialect),
}

impl Place {
    /// "the profile", "`[[employment]]` entry 2" (JSON: "`employment` entry 2")
    fn describe(self) -> String {
        match self {
            Place::Top => "the profile".to_string(),
            Place::Entry(section, n, dialect) => format!("{} entry {n}", dialect.section(section)),
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
struct Field<'t, N> {
    key: &'static str,
    value: &'t N,
    place: Place,
}

impl<N> Clone for Field<'_, N> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<N> Copy for Field<'_, N> {}

impl<'t, N: Node> Field<'t, N> {
    /// "`start` in `[[employment]]` entry 2"
    fn what(&self) -> String {
        self.place.key(self.key)
    }
    fn at(&self) -> usize {
        self.value.range().start
    }
    fn kind(&self) -> Kind<'t, N> {
        self.value.kind()
    }
    /// `key = value` in the profile's dialect.
    fn assign(&self, value: &str) -> String {
        N::DIALECT.assign(self.key, value)
    }
    /// The same key, another value (an element of its array).
    fn with(&self, value: &'t N) -> Field<'t, N> {
        Field {
            key: self.key,
            value,
            place: self.place,
        }
    }
}

/// An entry of an array of tables: its table, where it is, where it starts.
struct Entry<'t, N: Node> {
    table: &'t N::Table,
    place: Place,
    at: usize,
}

/// "a string", "an integer", "a date-time" ... (JSON: "a number", "an object")
fn type_name<N: Node>(v: &Kind<'_, N>) -> &'static str {
    let json = N::DIALECT == Dialect::Json;
    match v {
        Kind::String(_) => "a string",
        Kind::Integer { .. } | Kind::Float(_) if json => "a number",
        Kind::Integer { .. } => "an integer",
        Kind::Float(_) => "a float",
        Kind::Boolean(_) => "a boolean",
        Kind::Datetime(d) => match (d.date.is_some(), d.time.is_some()) {
            (true, false) => "a date",
            (true, true) => "a date-time",
            _ => "a time",
        },
        Kind::Null => "null",
        Kind::Array(_) => "an array",
        Kind::Table(_) => N::DIALECT.entry_noun(),
    }
}

/// Whether `s` has the shape `YYYY-MM-DD` (whatever the numbers).
/// JSON's `null` or `""`: a blank cell, read as an absent field.
fn blank<N: Node>(v: &Kind<'_, N>) -> bool {
    matches!(v, Kind::Null | Kind::String(""))
}

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

/// The ids a profile may name: the certifications, exams and categories
/// the rules define, sorted for binary search. Worked out once for a rule
/// set and shared by every profile checked against it.
#[derive(Debug)]
pub struct Vocabulary<'r> {
    certs: Vec<&'r str>,
    exams: Vec<&'r str>,
    /// The categories of each certification, in the order of `certs`.
    categories: Vec<Vec<&'r str>>,
}

impl<'r> Vocabulary<'r> {
    pub fn new(rules: &'r RuleSet) -> Vocabulary<'r> {
        let certs = rules.ids();
        let categories = certs.iter().map(|c| rules.category_ids(c)).collect();
        Vocabulary {
            certs,
            exams: rules.exam_ids(),
            categories,
        }
    }
    fn certs(&self) -> &[&'r str] {
        &self.certs
    }
    fn exams(&self) -> &[&'r str] {
        &self.exams
    }
    /// The categories of a certification the rules define.
    fn categories(&self, cert: &str) -> &[&'r str] {
        match self.certs.binary_search(&cert) {
            Ok(i) => self.categories.get(i).map_or(&[], Vec::as_slice),
            Err(_) => &[],
        }
    }
}

struct Checker<'r, 'v, 'l, 'a, N> {
    ids: &'v Vocabulary<'r>,
    lines: &'l mut Lines<'a>,
    problems: Vec<Problem>,
    /// The dates given to the month, as they are read.
    months: Vec<MonthDate>,
    node: PhantomData<fn(&N)>,
}

/// Checks a parsed profile; the problems come back in no particular order.
pub(crate) fn check<N: Node>(
    root: &N::Table,
    default_id: &str,
    ids: &Vocabulary<'_>,
    lines: &mut Lines<'_>,
) -> Result<Profile, Vec<Problem>> {
    let mut c = Checker::<N> {
        ids,
        lines,
        problems: Vec::new(),
        months: Vec::new(),
        node: PhantomData,
    };
    let profile = c.profile(root, default_id);
    if c.problems.is_empty() {
        Ok(profile)
    } else {
        Err(c.problems)
    }
}

impl<'r, N: Node> Checker<'r, '_, '_, '_, N> {
    fn problem(&mut self, offset: usize, message: String, help: Option<String>) {
        self.problems.push(Problem {
            offset,
            message,
            help,
        });
    }

    fn profile(&mut self, root: &N::Table, default_id: &str) -> Profile {
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
            month_dates: std::mem::take(&mut self.months),
        }
    }

    // ----- tables and keys -------------------------------------------------

    /// The values of `keys` in `table`, in the order of `keys`; an error for
    /// each other key.
    fn fields<'t, const K: usize>(
        &mut self,
        table: &'t N::Table,
        place: Place,
        keys: &[&'static str; K],
    ) -> [Option<Field<'t, N>>; K] {
        let mut found = [None; K];
        for (name, key_at, value) in N::members(table) {
            match keys.iter().position(|&known| known == name) {
                // In JSON, `null` or `""` means the field is absent, as
                // spreadsheet exports write blank cells (a required one is
                // then reported missing).
                Some(_) if N::DIALECT == Dialect::Json && blank(&value.kind()) => {}
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
                        key_at,
                        format!("unknown key `{name}` in {}", place.describe()),
                        Some(help),
                    );
                }
            }
        }
        found
    }

    /// `field`, or an error (at `at`, the start of its table) that it is
    /// missing. `example` is a TOML line such as `start = 2012-06-01`; the
    /// key is its first word.
    fn required<'t>(
        &mut self,
        field: Option<Field<'t, N>>,
        place: Place,
        at: usize,
        example: &str,
    ) -> Option<Field<'t, N>> {
        if field.is_none() {
            let key = example.split(' ').next().unwrap_or(example);
            let dialect = N::DIALECT;
            self.problem(
                at,
                format!("missing required key `{key}` in {}", place.describe()),
                Some(format!(
                    "{} `{}`",
                    dialect.add_line(),
                    dialect.example(example)
                )),
            );
        }
        field
    }

    /// The valid entries of an array of tables, in file order.
    fn section<'t, T>(
        &mut self,
        field: Option<Field<'t, N>>,
        section: &'static str,
        each: fn(&mut Self, &Entry<'t, N>) -> Option<T>,
    ) -> Vec<T> {
        let entries = self.entries(field, section);
        entries.iter().filter_map(|e| each(self, e)).collect()
    }

    /// The entries of an array of tables such as `[[employment]]`.
    fn entries<'t>(
        &mut self,
        field: Option<Field<'t, N>>,
        section: &'static str,
    ) -> Vec<Entry<'t, N>> {
        let Some(f) = field else {
            return Vec::new();
        };
        let dialect = N::DIALECT;
        let Kind::Array(items) = f.kind() else {
            let found = type_name(&f.kind());
            self.problem(
                f.at(),
                format!(
                    "expected {} for `{section}`, found {found}",
                    dialect.entries_noun()
                ),
                Some(dialect.entries_help(section)),
            );
            return Vec::new();
        };
        let mut entries = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.kind() {
                Kind::Table(table) => entries.push(Entry {
                    table,
                    place: Place::Entry(section, i + 1, dialect),
                    at: item.range().start,
                }),
                other => self.problem(
                    item.range().start,
                    format!(
                        "expected {} in `{section}`, found {}",
                        dialect.entry_noun(),
                        type_name(&other)
                    ),
                    Some(dialect.entries_help(section)),
                ),
            }
        }
        entries
    }

    fn wrong_type(&mut self, f: Field<'_, N>, expected: &str, help: Option<String>) {
        let found = type_name(&f.kind());
        let what = f.what();
        self.problem(
            f.at(),
            format!("expected {expected} for {what}, found {found}"),
            help,
        );
    }

    // ----- values -------------------------------------------------------------

    fn string<'t>(&mut self, f: Field<'t, N>) -> Option<&'t str> {
        match f.kind() {
            Kind::String(s) => Some(s),
            _ => {
                self.wrong_type(f, "a string", None);
                None
            }
        }
    }

    /// A string with something in it besides spaces.
    fn nonempty_string<'t>(&mut self, f: Field<'t, N>) -> Option<&'t str> {
        let s = self.string(f)?;
        if s.trim().is_empty() {
            let what = f.what();
            self.problem(f.at(), format!("{what} is empty"), None);
            return None;
        }
        Some(s)
    }

    fn boolean(&mut self, f: Field<'_, N>) -> Option<bool> {
        match f.kind() {
            Kind::Boolean(b) => Some(b),
            _ => {
                let help = format!("write `{}` or `{}`", f.assign("true"), f.assign("false"));
                self.wrong_type(f, "a boolean", Some(help));
                None
            }
        }
    }

    /// A TOML local date or a `YYYY-MM-DD` string, from 0001-01-01 to
    /// 9999-12-31 (TOML allows year 0).
    fn date(&mut self, f: Field<'_, N>) -> Option<Date> {
        self.date_in(f, false)
    }

    /// A date as [`Self::date`] reads it, or a month `"YYYY-MM"` (read as
    /// `field` says, and recorded with `of`, what the entry is).
    fn date_or_month(
        &mut self,
        f: Field<'_, N>,
        field: MonthField,
        of: impl FnOnce() -> String,
    ) -> Option<Date> {
        let Kind::String(s) = f.kind() else {
            return self.date_in(f, true);
        };
        if !crate::dates::month_shaped(s) {
            return self.date_in(f, true);
        }
        let read = crate::dates::parse_month(s).and_then(|(y, m)| field.read(y, m));
        let Some((read_as, other_end)) = read else {
            let what = f.what();
            self.problem(
                f.at(),
                format!("impossible month `{s}` for {what}"),
                Some("write the month as `YYYY-MM`, from `01` to `12`, e.g. `2016-09`".to_string()),
            );
            return None;
        };
        let entry = match f.place {
            Place::Entry(_, n, _) => n,
            Place::Top => 0,
        };
        self.months.push(MonthDate {
            field,
            entry,
            of: of(),
            month: s.to_string(),
            read_as,
            other_end,
        });
        Some(read_as)
    }

    /// [`Self::date`]; `months`: whether a month is allowed here (for the
    /// messages: [`Self::date_or_month`] reads the months).
    fn date_in(&mut self, f: Field<'_, N>, months: bool) -> Option<Date> {
        let date = self.any_date(f, months)?;
        if crate::dates::in_range(date) {
            return Some(date);
        }
        self.problem(
            f.at(),
            format!(
                "date `{}` for {} is outside 0001-01-01 to 9999-12-31",
                crate::dates::Ymd(date),
                f.what()
            ),
            Some("certcheck works with dates from 0001-01-01 to 9999-12-31".to_string()),
        );
        None
    }

    /// [`Self::date`], of any year.
    fn any_date(&mut self, f: Field<'_, N>, months: bool) -> Option<Date> {
        const EXPECTED: &str = "a date like `2016-09-01`";
        match f.kind() {
            Kind::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    let date = Date::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                    if date.is_none() {
                        let what = f.what();
                        self.problem(f.at(), format!("impossible date `{d}` for {what}"), None);
                    }
                    date
                }
                (Some(d), Some(_)) => {
                    let help = format!("give the day alone: `{}`", f.assign(&d.to_string()));
                    self.wrong_type(f, EXPECTED, Some(help));
                    None
                }
                (None, _) => {
                    self.wrong_type(f, EXPECTED, None);
                    None
                }
            },
            Kind::String(s) => {
                let date = parse_date(s);
                if date.is_none() {
                    let what = f.what();
                    if date_shaped(s) {
                        self.problem(
                            f.at(),
                            format!("impossible date `{s}` for {what}"),
                            Some("there is no such day in the calendar".to_string()),
                        );
                    } else if months {
                        self.problem(
                            f.at(),
                            format!("expected {EXPECTED} for {what}, found `{s}`"),
                            Some(
                                "write dates as `YYYY-MM-DD`, or `YYYY-MM` where only the month is known"
                                    .to_string(),
                            ),
                        );
                    } else if crate::dates::month_shaped(s) {
                        self.problem(
                            f.at(),
                            format!("{what} needs the exact day, found the month `{s}`"),
                            Some(
                                "renewals and activities always carry the day: write `YYYY-MM-DD`"
                                    .to_string(),
                            ),
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
    fn amount(&mut self, f: Field<'_, N>) -> Option<Units> {
        let parsed: Result<Units, UnitsError> = match f.kind() {
            Kind::Integer { digits, radix: 10 } | Kind::Float(digits) | Kind::String(digits) => {
                digits.parse()
            }
            Kind::Integer { digits, radix } => i64::from_str_radix(digits, radix)
                .map_or(Err(UnitsError::TooLarge), |n| n.to_string().parse()),
            _ => {
                let help = format!("write a decimal number such as `{}`", f.assign("1.5"));
                self.wrong_type(f, "a number", Some(help));
                return None;
            }
        };
        // What the user wrote: the string's content, or the number's literal.
        let text = match f.kind() {
            Kind::String(s) => s,
            _ => self.lines.text().get(f.value.range()).unwrap_or_default(),
        };
        if let Ok(u) = parsed
            && u.is_positive()
        {
            return Some(u);
        }
        let what = f.what();
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
    fn strings<'t>(&mut self, f: Field<'t, N>) -> Option<Vec<(&'t str, usize)>> {
        fn lone<N: Node>(v: &Kind<'_, N>) -> Option<String> {
            match v {
                Kind::String(s) => Some(format!("{s:?}")),
                _ => None,
            }
        }
        let example = match f.key {
            "tags" if matches!(f.place, Place::Entry("education", ..)) => "\"gac-accredited\"",
            "tags" => "\"project-leadership\"",
            _ => "\"cmq-oe\"",
        };
        self.array(f, "an array of strings", example, lone, |c, e| {
            Some((c.string(e)?, e.at()))
        })
    }

    /// An array of dates.
    fn dates(&mut self, f: Field<'_, N>) -> Option<Vec<Date>> {
        fn lone<N: Node>(v: &Kind<'_, N>) -> Option<String> {
            match v {
                Kind::Datetime(d) => Some(d.to_string()),
                Kind::String(s) if N::DIALECT == Dialect::Json && date_shaped(s) => {
                    Some(s.to_string())
                }
                _ => None,
            }
        }
        self.array(f, "an array of dates", "2023-03-20", lone, Self::date)
    }

    /// An array whose elements `each` reads, every bad one reported. When the
    /// value is not an array, the help shows it as a list where `lone` can
    /// write it as an element, else a list of `example`.
    fn array<'t, T>(
        &mut self,
        f: Field<'t, N>,
        expected: &str,
        example: &str,
        lone: fn(&Kind<'_, N>) -> Option<String>,
        mut each: impl FnMut(&mut Self, Field<'t, N>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Kind::Array(items) = f.kind() else {
            let help = match lone(&f.kind()) {
                Some(item) => format!("write it as a list: `{}`", f.assign(&format!("[{item}]"))),
                None => format!(
                    "write a list such as `{}`",
                    f.assign(&format!("[{example}]"))
                ),
            };
            self.wrong_type(f, expected, Some(help));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
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
        f: Field<'_, N>,
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

    fn opt_string(&mut self, f: Option<Field<'_, N>>) -> Option<String> {
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
            Vocabulary::certs,
            "the loaded rules define",
            none,
        )
    }

    fn exam_id(&mut self, f: Field<'_, N>) -> Option<String> {
        let id = self.string(f)?;
        let none = "no loaded rule file defines an exam";
        let intro = "the loaded rules define the exams";
        self.known_id(id, f.at(), "exam id", Vocabulary::exams, intro, none)
    }

    /// `id` when it is in the sorted list `known` gives, else an error
    /// "unknown {what} `id`" with [`help_for`]'s help.
    fn known_id(
        &mut self,
        id: &str,
        at: usize,
        what: &str,
        known: for<'s> fn(&'s Vocabulary<'r>) -> &'s [&'r str],
        intro: &str,
        none: &str,
    ) -> Option<String> {
        let known = known(self.ids);
        if known.binary_search(&id).is_ok() {
            return Some(id.to_string());
        }
        let help = help_for(id, known, intro, none);
        self.problem(at, format!("unknown {what} `{id}`"), Some(help));
        None
    }

    // ----- entries --------------------------------------------------------------

    fn education(&mut self, e: &Entry<'_, N>) -> Option<Education> {
        let [level, tags, field, completed] = self.fields(e.table, e.place, &EDUCATION_KEYS);
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
        let tags = tags.and_then(|f| self.strings(f));
        let field = self.opt_string(field);
        let of = level.map_or("degree", Level::id).to_string();
        let completed =
            completed.and_then(|f| self.date_or_month(f, MonthField::EducationCompleted, || of));
        Some(Education {
            level: level?,
            tags: tags
                .unwrap_or_default()
                .into_iter()
                .map(|(t, _)| t.to_string())
                .collect(),
            field,
            completed: completed?,
        })
    }

    fn role(&mut self, e: &Entry<'_, N>) -> Option<Role> {
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
        let label = || match (&title, &employer) {
            (Some(t), Some(e)) => format!("{t} at {e}"),
            (Some(t), None) => t.clone(),
            (None, Some(e)) => e.clone(),
            (None, None) => e.place.describe(),
        };
        let start = start.and_then(|f| self.date_or_month(f, MonthField::EmploymentStart, label));
        let end_at = end.map(|f| f.at());
        let end = end.and_then(|f| self.date_or_month(f, MonthField::EmploymentEnd, label));
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

    fn training(&mut self, e: &Entry<'_, N>) -> Option<Training> {
        let [title, hours, completed] = self.fields(e.table, e.place, &TRAINING_KEYS);
        let hours = self.required(hours, e.place, e.at, "hours = 35");
        let completed = self.required(completed, e.place, e.at, "completed = 2019-02-01");
        let title = self.opt_string(title);
        let hours = hours.and_then(|f| self.amount(f));
        let of = title.clone().unwrap_or_else(|| e.place.describe());
        let completed =
            completed.and_then(|f| self.date_or_month(f, MonthField::TrainingCompleted, || of));
        Some(Training {
            title,
            hours: hours?,
            completed: completed?,
        })
    }

    fn project(&mut self, e: &Entry<'_, N>) -> Option<Project> {
        let [title, completed, affidavit] = self.fields(e.table, e.place, &PROJECT_KEYS);
        let completed = self.required(completed, e.place, e.at, "completed = 2022-10-01");
        let title = self.opt_string(title);
        let of = title.clone().unwrap_or_else(|| e.place.describe());
        let completed =
            completed.and_then(|f| self.date_or_month(f, MonthField::ProjectsCompleted, || of));
        let affidavit = affidavit.and_then(|f| self.boolean(f));
        Some(Project {
            title,
            completed: completed?,
            affidavit: affidavit.unwrap_or(false),
        })
    }

    fn exam(&mut self, e: &Entry<'_, N>) -> Option<ExamPass> {
        let [id, passed] = self.fields(e.table, e.place, &EXAM_KEYS);
        let id = self.required(id, e.place, e.at, "id = \"cmq-oe\"");
        let passed = self.required(passed, e.place, e.at, "passed = 2020-03-14");
        let id = id.and_then(|f| self.exam_id(f));
        let of = id.clone().unwrap_or_default();
        let passed = passed.and_then(|f| self.date_or_month(f, MonthField::ExamsPassed, || of));
        Some(ExamPass {
            id: id?,
            passed: passed?,
        })
    }

    /// Every `[[certifications]]` entry; a second entry for one id is an error.
    fn certifications(&mut self, field: Option<Field<'_, N>>) -> Vec<Held> {
        // Where each id was first listed: its offset and entry number.
        let mut first_at: Vec<(String, (usize, usize))> = Vec::new();
        let mut held = Vec::new();
        for e in self.entries(field, "certifications") {
            let [id, earned, renewals] = self.fields(e.table, e.place, &CERTIFICATION_KEYS);
            let id = self.required(id, e.place, e.at, "id = \"cmq-oe\"");
            let earned = self.required(earned, e.place, e.at, "earned = 2020-04-01");
            let id = id.and_then(|f| {
                let s = self.string(f)?;
                let id = self.cert_id(s, f.at())?;
                if let Some(&(_, (first, entry))) = first_at.iter().find(|(k, _)| *k == id) {
                    let listed = match N::DIALECT {
                        Dialect::Toml => format!("at line {}", self.lines.line_col(first).0),
                        Dialect::Json => format!("in `certifications` entry {entry}"),
                    };
                    self.problem(
                        f.at(),
                        format!("duplicate certification `{id}` in {}", e.place.describe()),
                        Some(format!(
                            "`{id}` is already listed {listed}; record each renewal in its `renewals`"
                        )),
                    );
                    return None;
                }
                let entry = match e.place {
                    Place::Entry(_, n, _) => n,
                    Place::Top => 0,
                };
                first_at.push((id.clone(), (f.at(), entry)));
                Some(id)
            });
            let of = id.clone().unwrap_or_default();
            let earned =
                earned.and_then(|f| self.date_or_month(f, MonthField::CertificationsEarned, || of));
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

    fn activity(&mut self, e: &Entry<'_, N>) -> Option<Activity> {
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
        let (known, all_known) = self.activity_certs(certs_field);
        let category = category.and_then(|f| self.category(f, &known));
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

    /// The certifications an activity counts towards that the rules define,
    /// and whether every one listed is (not when the list is missing, empty
    /// or not a list of strings).
    fn activity_certs(&mut self, field: Option<Field<'_, N>>) -> (Vec<String>, bool) {
        let listed = field.and_then(|f| {
            let list = self.strings(f)?;
            if list.is_empty() {
                let what = f.what();
                self.problem(
                    f.at(),
                    format!("{what} is empty"),
                    Some(format!(
                        "list the held certifications the activity counts towards, such as `{}`",
                        f.assign("[\"cmq-oe\"]")
                    )),
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
        (known, all_known)
    }

    /// An activity's category, which each of the certifications it counts
    /// towards must define.
    fn category(&mut self, f: Field<'_, N>, certs: &[String]) -> Option<String> {
        let s = self.string(f)?;
        let mut ok = true;
        for cert in certs {
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
    }
}
