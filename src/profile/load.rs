//! The strict profile loader: TOML text in, a validated [`Profile`] or every
//! problem found out. See ../shared/spec/profile.md for the format.
//!
//! The text is parsed into a spanned tree ([`toml::de::DeTable`]) and walked
//! by hand (see `check.rs`) so that one pass reports every problem, each
//! at the line and column of the key or value at fault.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, Error};
use crate::input::{PROFILE_LIMIT, ReadError, read_capped, read_diagnostic};
use crate::profile::Profile;
use crate::profile::check::{self, Vocabulary};
use crate::profile::lines::Lines;
use crate::rules::RuleSet;

/// How a profile file is written, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// `.toml`, or any name that is not one of the others.
    Toml,
    /// `.json`: one profile as a JSON object.
    Json,
    /// `.jsonl` or `.ndjson`: a roster, one JSON profile a line.
    JsonLines,
}

impl FileFormat {
    /// The format a file's extension (in any case) names; TOML when it
    /// names none of the JSON ones.
    pub fn of(path: &Path) -> FileFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "json" => FileFormat::Json,
            "jsonl" | "ndjson" => FileFormat::JsonLines,
            _ => FileFormat::Toml,
        }
    }
}

/// Reads and validates the profile at `path`: a JSON object when its name
/// ends in `.json`, TOML otherwise; the id defaults to the file's stem. A
/// file larger than [`PROFILE_LIMIT`] is refused unread. A JSON Lines
/// roster is the caller's to refuse (it is read as TOML here).
pub fn load_file(path: &Path, rules: &RuleSet) -> Result<Profile, Error> {
    let bytes = read_profile(path)?;
    match FileFormat::of(path) {
        FileFormat::Json => parse_json_bytes(&bytes, path, rules),
        FileFormat::Toml | FileFormat::JsonLines => parse_bytes(&bytes, path, rules),
    }
}

/// [`parse_bytes`] for a profile written as one JSON object.
pub fn parse_json_bytes(bytes: &[u8], path: &Path, rules: &RuleSet) -> Result<Profile, Error> {
    let file = path.display().to_string();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Error::Profile(vec![not_utf8(&file, bytes)]));
    };
    crate::profile::parse_json(text, &file, 1, &stem(path), rules).map_err(Error::Profile)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The bytes of the profile at `path`, within [`PROFILE_LIMIT`].
pub fn read_profile(path: &Path) -> Result<Vec<u8>, Error> {
    read_capped(path, PROFILE_LIMIT).map_err(|e| match e {
        ReadError::Io(source) => Error::Read {
            path: path.to_path_buf(),
            source,
        },
        too_large => Error::Profile(vec![read_diagnostic(
            &path.display().to_string(),
            &too_large,
            "a profile",
        )]),
    })
}

/// Validates the bytes of the profile at `path` (already read, as an edit
/// reads them under its lock); `path` names it in messages and gives the
/// default id.
pub fn parse_bytes(bytes: &[u8], path: &Path, rules: &RuleSet) -> Result<Profile, Error> {
    let file = path.display().to_string();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            return Err(Error::Profile(vec![not_utf8(&file, bytes)]));
        }
    };
    parse_toml(text, &file, &stem(path), rules).map_err(Error::Profile)
}

/// Validates a profile's TOML text. `file` names it in messages; `default_id`
/// is used when the profile has no `id`. Returns every problem found, sorted
/// by position. A leading byte-order mark is ignored: positions are those of
/// the text after it.
pub fn parse_toml(
    text: &str,
    file: &str,
    default_id: &str,
    rules: &RuleSet,
) -> Result<Profile, Vec<Diagnostic>> {
    parse_toml_with(text, file, default_id, &Vocabulary::new(rules))
}

/// [`parse_toml`] with the rules' ids worked out beforehand (once for many
/// profiles).
pub fn parse_toml_with(
    text: &str,
    file: &str,
    default_id: &str,
    ids: &Vocabulary<'_>,
) -> Result<Profile, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(vec![syntax_error(text, file, &errors)]);
    }
    check_table_with(root.get_ref(), text, file, default_id, ids)
}

/// Validates a profile given as a table parsed from `text`, which may be a
/// larger file (a rule test case's `[profile]`): positions are those of
/// `text`.
pub(crate) fn check_table(
    table: &DeTable<'_>,
    text: &str,
    file: &str,
    default_id: &str,
    rules: &RuleSet,
) -> Result<Profile, Vec<Diagnostic>> {
    check_table_with(table, text, file, default_id, &Vocabulary::new(rules))
}

/// [`check_table`] with the rules' ids worked out beforehand.
fn check_table_with(
    table: &DeTable<'_>,
    text: &str,
    file: &str,
    default_id: &str,
    ids: &Vocabulary<'_>,
) -> Result<Profile, Vec<Diagnostic>> {
    let mut lines = Lines::new(text);
    check::check::<Spanned<DeValue<'_>>>(table, default_id, ids, &mut lines).map_err(
        |mut problems| {
            problems.sort_by_key(|p| p.offset);
            problems
                .into_iter()
                .map(|p| lines.diagnostic(file, p))
                .collect()
        },
    )
}

/// One diagnostic for a TOML syntax error: the first one in the text (the
/// parser may report later ones first), as "what `text`" with the parser's
/// "expected ..." as help.
fn syntax_error(text: &str, file: &str, errors: &[toml::de::Error]) -> Diagnostic {
    let first = errors
        .iter()
        .min_by_key(|e| e.span().map_or(0, |s| s.start));
    let (message, span) = match first {
        Some(e) => (lowercase_first(e.message()), e.span()),
        None => (String::from("invalid TOML"), None),
    };
    let (what, help) = match message.split_once(", expected ") {
        Some((what, expected)) => (what.to_string(), Some(format!("expected {expected}"))),
        None => (message, None),
    };
    let quoted = span
        .as_ref()
        .and_then(|s| text.get(s.clone()))
        .filter(|s| !s.is_empty() && s.len() <= 40 && !s.contains(['\n', '\r', '`']));
    let message = match quoted {
        // A well-formed day that does not exist, as for a string date.
        Some(q) if what == "invalid date" && check::date_shaped(q) => {
            format!("impossible date `{q}`")
        }
        Some(q) => format!("{what} `{q}`"),
        None => what,
    };
    // A month written as a TOML date, which TOML has not: quoted, it is one.
    let help = match quoted {
        Some(q) if crate::dates::month_shaped(q) => Some(format!(
            "where only the month is known, write it as a string: `\"{q}\"`"
        )),
        _ => help,
    };
    let mut d = Diagnostic::new(file, message).at(text, span.map_or(0, |s| s.start));
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The diagnostic for a profile that is not UTF-8, at its first bad byte.
pub(crate) fn not_utf8(file: &str, bytes: &[u8]) -> Diagnostic {
    crate::input::not_utf8(file, bytes, "save the profile as UTF-8 (plain text)")
}

#[cfg(test)]
mod tests;
