//! Errors and diagnostics. Messages follow one style: lowercase, no trailing
//! period, user input in backticks, the long explanation in a `help` line.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::dates::{Date, add_days, show_months};
use crate::show::{Shown, ShownPath};
use crate::units::Units;

/// One problem in one input, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file as the user named it (or `<stdin>`, `built-in rules/x.toml`).
    pub file: String,
    /// 1-based line, where there is one.
    pub line: Option<usize>,
    /// 1-based column (in characters), where there is one.
    pub column: Option<usize>,
    pub message: String,
    /// A longer explanation or a suggestion ("did you mean `name`?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// Sets line and column from a byte offset into `text`.
    pub fn at(mut self, text: &str, offset: usize) -> Diagnostic {
        let (l, c) = line_col(text, offset);
        self.line = Some(l);
        self.column = Some(c);
        self
    }

    /// The first date in `report` outside 0001-01-01 to 9999-12-31 (see
    /// [`crate::dates::first_out_of_range`]), as a problem of `file`, the
    /// profile it was computed for; `Ok` when there is none.
    pub fn dates_in_range<T: Serialize + ?Sized>(file: &str, report: &T) -> Result<(), Diagnostic> {
        match crate::dates::first_out_of_range(report) {
            None => Ok(()),
            Some(date) => Err(Diagnostic::new(
                file,
                format!("a date computed for `{file}` is `{date}`, outside 0001-01-01 to 9999-12-31"),
            )
            .with_help(
                "certcheck works with dates from 0001-01-01 to 9999-12-31; a date in the profile or `--as-of` near either end puts a cycle's end or a deadline beyond them",
            )),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` (or less, where unknown).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// Shown to a person: the file name, the message and the help each through
/// [`crate::show::text`], so that no control or bidi character of a user's
/// (a file name, a quoted value) reaches the terminal. The fields keep the
/// raw text for JSON and CSV.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Shown(&self.location()), Shown(&self.message))?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {}", Shown(h))?;
        }
        Ok(())
    }
}

/// What a value in an input turned out to be, as a problem names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    Str(String),
    Integer(i128),
    Float(f64),
    Bool(bool),
    /// A TOML date-time (named `map`, as serde sees it).
    Datetime(String),
    Array,
    Table,
    /// Anything else, as serde names it.
    Other(String),
}

impl From<serde::de::Unexpected<'_>> for Found {
    fn from(u: serde::de::Unexpected<'_>) -> Found {
        use serde::de::Unexpected as U;
        match u {
            U::Bool(b) => Found::Bool(b),
            U::Unsigned(n) => Found::Integer(i128::from(n)),
            U::Signed(n) => Found::Integer(i128::from(n)),
            U::Float(x) => Found::Float(x),
            U::Char(c) => Found::Str(c.to_string()),
            U::Str(s) => Found::Str(s.to_string()),
            U::Seq => Found::Array,
            U::Map => Found::Table,
            other => Found::Other(other.to_string()),
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // raw: a message is escaped once, where it is shown
            Found::Str(s) => write!(f, "string `{s}`"),
            Found::Integer(n) if i64::try_from(*n).is_ok() || u64::try_from(*n).is_ok() => {
                write!(f, "integer `{n}`")
            }
            Found::Integer(n) => write!(f, "integer `{n}` as i128"),
            Found::Float(x) if x.is_finite() && x.fract() == 0.0 => {
                write!(f, "floating point `{x}.0`")
            }
            Found::Float(x) => write!(f, "floating point `{x}`"),
            Found::Bool(b) => write!(f, "boolean `{b}`"),
            Found::Datetime(_) | Found::Table => f.write_str("map"),
            Found::Array => f.write_str("sequence"),
            Found::Other(s) => f.write_str(s),
        }
    }
}

/// What a value should have been.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    WholeNumber,
    Number,
    String,
    Array,
    Table,
    Bool,
    /// As a `Deserialize` impl of certcheck's own says it.
    Text(String),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::WholeNumber => "a whole number, 0 or more",
            Expected::Number => "a number",
            Expected::String => "a string",
            Expected::Array => "an array",
            Expected::Table => "a table",
            Expected::Bool => "`true` or `false`",
            Expected::Text(t) => t,
        })
    }
}

/// A problem in a rule file as it is read: its data, the sentence
/// (`Display`) and the help derived from the data ([`Problem::help`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The TOML does not parse: the parser's own message.
    Syntax(String),
    WrongType {
        found: Found,
        expected: Expected,
    },
    InvalidValue {
        found: Found,
        expected: Expected,
    },
    /// A single table where an array of tables goes (`[x]` for `[[x]]`).
    TableForArray,
    /// A value from a fixed list written as something else than a string.
    NotAString,
    UnknownKey {
        key: String,
        expected: &'static [&'static str],
    },
    UnknownValue {
        value: String,
        expected: &'static [&'static str],
    },
    MissingKey(&'static str),
    DuplicateKey(String),
    /// A message of one of certcheck's own `Deserialize` impls.
    Custom(String),
    /// A number too large to be read at all (a float, or an integer).
    Overflow {
        float: bool,
    },

    // ----- what a rule file says (rules::validate, rules::load) -----
    /// An id that is not kebab-case.
    InvalidId {
        what: &'static str,
        id: String,
    },
    /// A name or label left empty.
    Empty {
        key: &'static str,
    },
    /// An id given to two items of one kind.
    DuplicateId {
        what: &'static str,
        id: String,
        first_line: usize,
    },
    /// A reference to an item of this file that it does not define.
    UnknownName {
        what: &'static str,
        name: String,
        known: Vec<String>,
    },
    /// A reference written twice in one list.
    ListedTwice {
        name: String,
    },
    EmptySource,
    SourceNotUrl {
        found: String,
    },
    /// A table whose figures need a `source` and that has none.
    NoSource {
        owner: String,
    },
    /// A warning: `confirmed = false` and no `note` to say why.
    UnconfirmedWithoutNote {
        owner: String,
    },
    Negative {
        key: &'static str,
        found: Units,
    },
    MinOverMax {
        min: Units,
        max: Units,
    },
    DatesReversed {
        from_key: &'static str,
        from: Date,
        to_key: &'static str,
        to: Date,
    },
    /// Two keys of which at most one may be given.
    BothGiven {
        first: &'static str,
        second: &'static str,
    },
    /// Two editions of one certification in force on a same day.
    EditionsOverlap {
        id: String,
        edition: String,
        other: String,
        other_origin: String,
    },
    /// Days between two editions of one certification that neither covers.
    EditionGap {
        id: String,
        edition: String,
        starts: Date,
        other: String,
        other_origin: String,
        other_ends: Date,
    },
    /// A `certification` requirement naming no loaded certification.
    UnknownCertification {
        id: String,
        loaded: Vec<String>,
    },
    /// `confirmed` or `note` on the edition, without a `source`.
    EditionCitationWithoutSource,
    UnknownKind {
        kind: String,
        kinds: &'static [&'static str],
    },
    /// A key of another kind of requirement.
    KeyNotAllowed {
        key: &'static str,
        kind: &'static str,
        allowed: &'static [&'static str],
    },
    KindNeedsKey {
        kind: &'static str,
        key: &'static str,
    },
    RequiresItself {
        id: String,
    },
    /// An exam that no exam path lists.
    ExamNotUsed {
        id: String,
    },
    /// A path, exam path or group with an empty list: `owner` names it,
    /// `says` what is missing ("requires nothing").
    ListsNothing {
        owner: String,
        says: &'static str,
    },
    /// A requirement that no path requires.
    RequirementNotInPath {
        id: String,
    },
    /// A count that must be 1 or more.
    AtLeastOne {
        key: &'static str,
    },
    /// A whole number past the range its key allows (see
    /// `rules::validate::Bound`).
    TooLarge {
        key: String,
        value: u32,
        min: u32,
        max: u32,
        unit: &'static str,
    },
    YearsAndMonths,
    NeedsYearsOrMonths,
    EmptyRoleTag,
    PartOfItself {
        id: String,
    },
    PartOfNotExperience {
        id: String,
    },
    /// `part_of` naming a requirement that is itself part of `grand`.
    PartOfPart {
        id: String,
        grand: String,
    },
    LookbackWithPartOf {
        target: String,
    },
    /// Category parents that lead back to the first (`chain` ends with it).
    CategoryLoop {
        chain: Vec<String>,
    },
    /// A parent category that has a parent itself.
    NestedCategory {
        parent: String,
        grand: String,
    },
    ShareNotFraction {
        text: String,
    },
    ShareZeroDenominator {
        text: String,
    },
    ShareOverWhole {
        text: String,
    },
    /// A key about cycles beside `held_for_life = true`.
    HeldForLifeWith {
        key: &'static str,
    },
    /// A key a `[recertification]` with cycles needs and lacks.
    RecertificationNeeds {
        key: &'static str,
    },
    /// `[recertification.carry_over]` without `window_days` or `window_months`.
    CarryOverNeedsWindow,
    /// A warning: a degree's waiver (in years) smaller than that of a
    /// lower degree listed before it, so without effect.
    WaiverBelowLower {
        level: &'static str,
        years: u32,
        lower: &'static str,
        lower_years: u32,
    },
    /// A degree's waiver longer than the experience it waives.
    WaiverOverRequired {
        level: &'static str,
        months: u32,
        required: u32,
    },
    /// A part asking for more months than the requirement it is part of.
    PartOverWhole {
        id: String,
        months: u32,
        target: String,
        target_months: u32,
    },
    /// A part's role flag contradicting the one it inherits.
    RoleFlagClash {
        key: &'static str,
        own: bool,
        inherited: bool,
        parent: String,
    },
    /// A warning: a group's minimum over the units required per cycle.
    GroupMinOverRequired {
        id: String,
        min: Units,
        required: Units,
    },
    /// A warning: the category minimums together over the units required.
    CategoryMinsOverRequired {
        mins: Units,
        required: Units,
    },
}

impl Problem {
    /// The help line: the nearest name for a misspelt key or value, else
    /// the names allowed; how to write a repeated table.
    pub fn help(&self) -> Option<String> {
        match self {
            Problem::TooLarge { max, unit, .. } => Some(format!(
                "{max} {unit} is far beyond any real certification's figure; the ranges are in docs/rules.md"
            )),
            Problem::TableForArray => Some(
                "a table that can repeat is written with double brackets, e.g. `[[requirement]]`"
                    .into(),
            ),
            Problem::UnknownKey {
                key: input,
                expected,
            }
            | Problem::UnknownValue {
                value: input,
                expected,
            } => match did_you_mean(input, expected.iter().copied()) {
                Some(s) => Some(format!("did you mean `{s}`?")),
                None if expected.is_empty() => None,
                None => Some(format!(
                    "expected one of {}",
                    expected
                        .iter()
                        .map(|o| format!("`{o}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            },
            Problem::DuplicateId { id, first_line, .. } => {
                Some(format!("`{id}` is first defined on line {first_line}"))
            }
            Problem::UnknownName { what, name, known } => {
                Some(match did_you_mean(name, known.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if known.is_empty() => format!("this file defines no {what}"),
                    None => format!("defined: {}", ticked(known)),
                })
            }
            Problem::InvalidId { .. } => Some(
                "ids are kebab-case: lowercase letters and digits, words joined by single hyphens, e.g. `work-experience`"
                    .into(),
            ),
            Problem::EmptySource
            | Problem::SourceNotUrl { .. }
            | Problem::NoSource { .. }
            | Problem::EditionCitationWithoutSource => Some(SOURCE_HELP.into()),
            Problem::UnknownKind { kind, kinds } => {
                Some(match did_you_mean(kind, kinds.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("expected one of {}", ticked(kinds)),
                })
            }
            Problem::KeyNotAllowed { kind, allowed, .. } => Some(format!(
                "{} `{kind}` requirement takes {}",
                article(kind),
                ticked(allowed)
            )),
            Problem::ExamNotUsed { id } => Some(format!(
                "list it in an `[[exam_path]]`, e.g. `exams = [\"{id}\"]`, or remove it"
            )),
            Problem::RequirementNotInPath { .. } => {
                Some("add it to a path's `requires`, or remove it".into())
            }
            Problem::YearsAndMonths => {
                Some("write 5 years as `years = 5` or as `months = 60`".into())
            }
            Problem::NeedsYearsOrMonths => Some("e.g. `years = 10` or `months = 36`".into()),
            Problem::PartOfNotExperience { .. } => Some(
                "`part_of` names the experience requirement whose years these are part of".into(),
            ),
            Problem::PartOfPart { grand, .. } => Some(format!(
                "parts nest one level only: name `{grand}` instead"
            )),
            Problem::LookbackWithPartOf { target } => Some(format!(
                "the look-back of `{target}` applies to its parts"
            )),
            Problem::NestedCategory { .. } => Some(
                "caps nest one level only: a parent category cannot have a parent".into(),
            ),
            Problem::ShareNotFraction { .. } => Some(
                "write a share as `\"num/den\"` or as a percentage, e.g. `\"2/3\"` or `\"60%\"`"
                    .into(),
            ),
            Problem::HeldForLifeWith { key } => Some(format!(
                "a certification held for life has no cycles: remove `{key}`, or remove `held_for_life`"
            )),
            Problem::RecertificationNeeds { .. } => Some(
                "a `[recertification]` with cycles needs `cycle_years`, `anchor`, `units_required` and `unit`; write `held_for_life = true` for a certification that is never renewed"
                    .into(),
            ),
            Problem::CarryOverNeedsWindow => Some(
                "give the window before the cycle's end from which units carry over, e.g. `window_months = 12` or `window_days = 120`"
                    .into(),
            ),
            Problem::ShareOverWhole { .. } => Some(
                "a share is a fraction of the units required, at most `\"1/1\"`".into(),
            ),
            Problem::UnconfirmedWithoutNote { .. } => Some(
                "say why the figure is not confirmed, e.g. `note = \"the day is inferred from ...\"`; `rules show` prints it"
                    .into(),
            ),
            Problem::EditionsOverlap { .. } => Some(
                "files of one certification need edition dates (`from`, `to`) that do not overlap"
                    .into(),
            ),
            Problem::EditionGap {
                starts, other_ends, ..
            } => Some(format!(
                "an edition starts the day after the one before it ends: `from = {}`, or `to = {}` in the earlier one",
                add_days(*other_ends, 1),
                add_days(*starts, -1)
            )),
            Problem::UnknownCertification { id, loaded } => {
                Some(match did_you_mean(id, loaded.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("loaded certifications: {}", loaded.join(", ")),
                })
            }
            Problem::WaiverBelowLower { lower_years, .. } => Some(format!(
                "a higher degree earns the largest waiver of any level up to it, so this one has no effect; give it at least {lower_years}"
            )),
            Problem::GroupMinOverRequired { .. } => Some(
                "a person would need more units than the cycle asks for; check the figure".into(),
            ),
            Problem::CategoryMinsOverRequired { .. } => Some(
                "a person would need more units than the cycle asks for; check the figures".into(),
            ),
            _ => None,
        }
    }

    /// Whether a diagnostic should name the input the problem is about
    /// (", found `...`"): where the sentence shows no input of the user's
    /// (nothing in backticks), but for a table written for an array,
    /// whose header says nothing more.
    pub fn wants_input(&self) -> bool {
        !matches!(self, Problem::TableForArray) && !self.to_string().contains('`')
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax(m) | Problem::Custom(m) => f.write_str(&house_style(m)),
            Problem::WrongType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            Problem::InvalidValue { found, expected } => {
                write!(f, "invalid value: {found}, expected {expected}")
            }
            Problem::TableForArray => f.write_str("invalid type: map, expected an array"),
            Problem::Overflow { float: true } => f.write_str("floating-point number overflowed"),
            Problem::Overflow { float: false } => f.write_str("integer number overflowed"),
            Problem::NotAString => f.write_str("expected a string"),
            Problem::UnknownKey { key, .. } => write!(f, "unknown key `{key}`"),
            Problem::UnknownValue { value, .. } => write!(f, "unknown value `{value}`"),
            Problem::MissingKey(k) => write!(f, "missing field `{k}`"),
            Problem::DuplicateKey(k) => write!(f, "duplicate key `{k}`"),
            Problem::InvalidId { what, id } => write!(f, "`{id}` is not a valid {what} id"),
            Problem::Empty { key } => write!(f, "`{key}` is empty"),
            Problem::DuplicateId { what, id, .. } => write!(f, "duplicate {what} id `{id}`"),
            Problem::UnknownName { what, name, .. } => write!(f, "unknown {what} `{name}`"),
            Problem::ListedTwice { name } => write!(f, "`{name}` is listed twice"),
            Problem::EmptySource => f.write_str("`source` is empty"),
            Problem::SourceNotUrl { found } => {
                write!(f, "`source` must be an http(s) URL, found `{found}`")
            }
            Problem::NoSource { owner } => write!(f, "{owner} has no `source`"),
            Problem::UnconfirmedWithoutNote { owner } => {
                write!(f, "{owner} is marked `confirmed = false` but has no `note`")
            }
            Problem::Negative { key, found } => {
                write!(f, "`{key}` cannot be negative, found `{found}`")
            }
            Problem::MinOverMax { min, max } => {
                write!(f, "`min` (`{min}`) is more than `max` (`{max}`)")
            }
            Problem::DatesReversed {
                from_key,
                from,
                to_key,
                to,
            } => write!(f, "`{from_key}` (`{from}`) is after `{to_key}` (`{to}`)"),
            Problem::BothGiven { first, second } => {
                write!(f, "give `{first}` or `{second}`, not both")
            }
            Problem::EditionsOverlap {
                id,
                edition,
                other,
                other_origin,
            } => write!(
                f,
                "edition `{edition}` of `{id}` overlaps edition `{other}` in `{other_origin}`"
            ),
            Problem::EditionGap {
                id,
                edition,
                starts,
                other,
                other_origin,
                other_ends,
            } => {
                let day_after = add_days(*other_ends, 1);
                write!(
                    f,
                    "edition `{edition}` of `{id}` starts on {starts}, but edition `{other}` in `{other_origin}` ends on {other_ends}: no edition covers {day_after}"
                )?;
                let day_before = add_days(*starts, -1);
                if day_before != day_after {
                    write!(f, " to {day_before}")?;
                }
                Ok(())
            }
            Problem::UnknownCertification { id, .. } => {
                write!(f, "unknown certification `{id}`")
            }
            Problem::EditionCitationWithoutSource => {
                f.write_str("the edition has `confirmed` or `note` but no `source`")
            }
            Problem::UnknownKind { kind, .. } => write!(f, "unknown requirement kind `{kind}`"),
            Problem::KeyNotAllowed { key, kind, .. } => write!(
                f,
                "`{key}` is not allowed on {} `{kind}` requirement",
                article(kind)
            ),
            Problem::KindNeedsKey { kind, key } => {
                write!(f, "a `{kind}` requirement needs `{key}`")
            }
            Problem::RequiresItself { id } => write!(f, "`{id}` cannot require itself"),
            Problem::ExamNotUsed { id } => write!(f, "exam `{id}` is not used by any exam path"),
            Problem::ListsNothing { owner, says } => write!(f, "{owner} {says}"),
            Problem::RequirementNotInPath { id } => {
                write!(f, "requirement `{id}` is not used by any path")
            }
            Problem::AtLeastOne { key } => write!(f, "`{key}` must be at least 1"),
            Problem::TooLarge {
                key,
                value,
                min,
                max,
                ..
            } => write!(
                f,
                "`{key}` is too large: `{value}`, expected {min} to {max}"
            ),
            Problem::YearsAndMonths => {
                f.write_str("an `experience` requirement takes `years` or `months`, not both")
            }
            Problem::NeedsYearsOrMonths => {
                f.write_str("an `experience` requirement needs `years` or `months`")
            }
            Problem::EmptyRoleTag => f.write_str("a role tag is empty"),
            Problem::PartOfItself { id } => write!(f, "`{id}` cannot be part of itself"),
            Problem::PartOfNotExperience { id } => {
                write!(f, "`{id}` is not an `experience` requirement")
            }
            Problem::PartOfPart { id, grand } => write!(f, "`{id}` is itself part of `{grand}`"),
            Problem::LookbackWithPartOf { .. } => {
                f.write_str("`lookback_years` is not allowed with `part_of`")
            }
            Problem::CategoryLoop { chain } => {
                let shown: Vec<String> = chain.iter().map(|c| format!("`{c}`")).collect();
                write!(f, "category parents form a loop: {}", shown.join(" → "))
            }
            Problem::NestedCategory { parent, grand } => {
                write!(f, "category `{parent}` is itself inside `{grand}`")
            }
            Problem::ShareNotFraction { text } => write!(f, "`{text}` is not a fraction"),
            Problem::ShareZeroDenominator { text } => {
                write!(f, "`{text}` has a zero denominator")
            }
            Problem::ShareOverWhole { text } => write!(f, "`{text}` is more than the whole"),
            Problem::HeldForLifeWith { key } => {
                write!(f, "`{key}` cannot be given with `held_for_life = true`")
            }
            Problem::RecertificationNeeds { key } => {
                write!(f, "`[recertification]` needs `{key}`")
            }
            Problem::CarryOverNeedsWindow => {
                f.write_str("`[recertification.carry_over]` needs `window_days` or `window_months`")
            }
            Problem::WaiverBelowLower {
                level,
                years,
                lower,
                lower_years,
            } => write!(
                f,
                "the `{level}` waiver ({}) is smaller than the `{lower}` one ({})",
                show_months(years.saturating_mul(12)),
                show_months(lower_years.saturating_mul(12))
            ),
            Problem::WaiverOverRequired {
                level,
                months,
                required,
            } => write!(
                f,
                "the `{level}` waiver ({}) is more than the {} required",
                show_months(*months),
                show_months(*required)
            ),
            Problem::PartOverWhole {
                id,
                months,
                target,
                target_months,
            } => write!(
                f,
                "`{id}` asks for {}, more than the {} of `{target}` it is part of",
                show_months(*months),
                show_months(*target_months)
            ),
            Problem::RoleFlagClash {
                key,
                own,
                inherited,
                parent,
            } => write!(
                f,
                "`{key} = {own}` contradicts `{key} = {inherited}` of `{parent}`"
            ),
            Problem::GroupMinOverRequired { id, min, required } => write!(
                f,
                "group `{id}` needs at least {min}, more than the {required} units required per cycle"
            ),
            Problem::CategoryMinsOverRequired { mins, required } => write!(
                f,
                "the category minimums add up to {mins}, more than the {required} units required per cycle"
            ),
        }
    }
}

/// What every figure of a rule file needs.
const SOURCE_HELP: &str =
    "every figure needs the URL of the page it comes from, e.g. `source = \"https://...\"`";

/// "an" before a requirement kind that starts with a vowel, else "a".
fn article(kind: &str) -> &'static str {
    if kind == "experience" { "an" } else { "a" }
}

/// Names in backticks, joined by commas.
fn ticked<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A message from elsewhere in the house style: trimmed, no trailing
/// period, a lowercase start.
fn house_style(message: &str) -> String {
    let m = message.trim().trim_end_matches('.');
    let mut chars = m.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The nearest candidate to `input`, when one is close enough to suggest.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&input.to_lowercase(), &c.to_lowercase());
        if score >= 0.7 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// An I/O error in the house style: lowercase, without the `(os error N)`
/// tail ("no such file or directory").
pub fn describe_io(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// Everything that can go wrong; each variant carries what the message needs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A profile with one or more problems (all of them, in file order).
    #[error("{}", join(.0))]
    Profile(Vec<Diagnostic>),
    /// A rule file with one or more problems.
    #[error("{}", join(.0))]
    Rules(Vec<Diagnostic>),
    #[error("cannot read `{}`: {source}", ShownPath(.path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{}`: {source}", ShownPath(.path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad command-line usage that clap itself cannot see, or a request
    /// refused before anything was written (`log`, `renew`: an entry the
    /// rules do not allow, a profile locked or changed meanwhile).
    #[error("{}{}", Shown(.message), .help.as_ref().map(|h| format!("\n  help: {}", Shown(h))).unwrap_or_default())]
    Usage {
        message: String,
        help: Option<String>,
    },
}

fn join(d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 8), (2, 3));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("nmae", ["name", "id", "targets"]),
            Some("name")
        );
        assert_eq!(did_you_mean("zzz", ["name", "id"]), None);
    }
}
