//! Loading and validating rule files: the built-in ones and those of
//! `--rules DIR`. The format is documented in `docs/rules.md`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::dates::add_days;
use crate::error::{Diagnostic, Error, Problem};
use crate::input::{RULE_FILE_LIMIT, ReadError, not_utf8, read_capped, read_diagnostic};
use crate::rules::de::{self, Failure};
use crate::rules::raw::RawRule;
use crate::rules::validate::{Checked, Loc, validate};
use crate::rules::{Rule, RuleSet};

pub use crate::rules::validate::DEFAULT_PATH_ID;

/// The rule files compiled into the binary: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("capm.toml", include_str!("../../rules/capm.toml")),
    ("cmfge.toml", include_str!("../../rules/cmfge.toml")),
    ("cmfgt.toml", include_str!("../../rules/cmfgt.toml")),
    (
        "cmq-oe-legacy.toml",
        include_str!("../../rules/cmq-oe-legacy.toml"),
    ),
    ("cmq-oe.toml", include_str!("../../rules/cmq-oe.toml")),
    ("cpim-2012.toml", include_str!("../../rules/cpim-2012.toml")),
    ("cpim-2013.toml", include_str!("../../rules/cpim-2013.toml")),
    ("cpim-2014.toml", include_str!("../../rules/cpim-2014.toml")),
    ("cpim.toml", include_str!("../../rules/cpim.toml")),
    ("cpsd.toml", include_str!("../../rules/cpsd.toml")),
    ("cpsm-2008.toml", include_str!("../../rules/cpsm-2008.toml")),
    ("cpsm.toml", include_str!("../../rules/cpsm.toml")),
    (
        "cqa-legacy.toml",
        include_str!("../../rules/cqa-legacy.toml"),
    ),
    ("cqa.toml", include_str!("../../rules/cqa.toml")),
    (
        "cqe-legacy.toml",
        include_str!("../../rules/cqe-legacy.toml"),
    ),
    ("cqe.toml", include_str!("../../rules/cqe.toml")),
    ("cqia.toml", include_str!("../../rules/cqia.toml")),
    ("cqpa.toml", include_str!("../../rules/cqpa.toml")),
    ("cqt.toml", include_str!("../../rules/cqt.toml")),
    (
        "cre-legacy.toml",
        include_str!("../../rules/cre-legacy.toml"),
    ),
    ("cre.toml", include_str!("../../rules/cre.toml")),
    ("cscp-2012.toml", include_str!("../../rules/cscp-2012.toml")),
    ("cscp.toml", include_str!("../../rules/cscp.toml")),
    (
        "csqe-legacy.toml",
        include_str!("../../rules/csqe-legacy.toml"),
    ),
    ("csqe.toml", include_str!("../../rules/csqe.toml")),
    (
        "cssbb-legacy.toml",
        include_str!("../../rules/cssbb-legacy.toml"),
    ),
    ("cssbb.toml", include_str!("../../rules/cssbb.toml")),
    ("cssgb.toml", include_str!("../../rules/cssgb.toml")),
    ("pmp-2011.toml", include_str!("../../rules/pmp-2011.toml")),
    ("pmp.toml", include_str!("../../rules/pmp.toml")),
];

/// How a built-in file is named in messages and in `Rule::origin`.
pub fn builtin_origin(file: &str) -> String {
    format!("built-in rules/{file}")
}

/// Built-in rules plus every `*.toml` in `dirs`.
pub fn load(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
    let mut files = Vec::new();
    for dir in dirs {
        files.extend(rule_files(dir)?);
    }
    load_files(&files)
}

/// The `*.toml` files directly in `dir`, sorted by name: every entry so
/// named but a folder, so that one that is not a readable regular file (a
/// dangling symbolic link, a loop of them, a FIFO, a device) is an error
/// when it is read rather than skipped, which would let the built-in rule
/// it meant to replace be used instead.
pub fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if path.extension().is_some_and(|e| e == "toml") && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Built-in rules plus the rule files `files`, in that order. A file whose id
/// is a built-in one replaces every built-in file of that id. Every problem
/// in every file is reported together.
pub fn load_files(files: &[PathBuf]) -> Result<RuleSet, Error> {
    load_with(BUILTIN, files)
}

/// `load_files` over the given built-in files (tests pass broken ones).
fn load_with(builtin_files: &[(&str, &str)], files: &[PathBuf]) -> Result<RuleSet, Error> {
    let mut user = Vec::new();
    for path in files {
        let text = read_rule_file(path).map_err(|e| match e {
            RuleReadError::Read(ReadError::Io(source)) => Error::Read {
                path: path.clone(),
                source,
            },
            other => Error::Rules(vec![unreadable(path, other)]),
        })?;
        user.push((path.display().to_string(), text));
    }
    let v = check_all(builtin_files, &user);
    if !v.errors.is_empty() {
        return Err(Error::Rules(v.errors));
    }
    Ok(RuleSet::from_rules(v.rules))
}

/// The text of a rule file (or a rule test case file), within
/// [`RULE_FILE_LIMIT`]. Text that is not UTF-8 is an error at its first bad
/// byte ([`RuleReadError::NotUtf8`]).
pub(crate) fn read_rule_file(path: &Path) -> Result<String, RuleReadError> {
    let bytes = read_capped(path, RULE_FILE_LIMIT)?;
    String::from_utf8(bytes).map_err(|e| {
        RuleReadError::NotUtf8(not_utf8(
            &path.display().to_string(),
            e.as_bytes(),
            "save the rule file as UTF-8 (plain text)",
        ))
    })
}

/// Why a rule file could not be read.
#[derive(Debug)]
pub(crate) enum RuleReadError {
    /// Not read at all (see [`ReadError`]).
    Read(ReadError),
    NotUtf8(Diagnostic),
}

impl From<ReadError> for RuleReadError {
    fn from(e: ReadError) -> RuleReadError {
        RuleReadError::Read(e)
    }
}

/// The diagnostic for a rule file that could not be read.
pub(crate) fn unreadable(path: &Path, e: RuleReadError) -> Diagnostic {
    let file = path.display().to_string();
    match e {
        RuleReadError::Read(e) => read_diagnostic(&file, &e, "a rule file"),
        RuleReadError::NotUtf8(d) => d,
    }
}

/// What `certcheck rules validate` finds in a set of rule files.
#[derive(Debug, Default)]
pub struct Validation {
    /// The rules that passed, built-in ones included (when `errors` is
    /// empty, the whole set).
    pub rules: Vec<Rule>,
    /// Every error in every file, file by file, then those between files.
    pub errors: Vec<Diagnostic>,
    /// Problems that do not stop a rule from being used.
    pub warnings: Vec<Diagnostic>,
    /// Files that could not be read (not checked at all).
    pub unreadable: Vec<Diagnostic>,
}

/// Checks `files` as `--rules` would load them, with the built-in rules
/// (a file with a built-in id replaces it). Nothing stops at the first
/// problem: a file that cannot be read is set aside in `unreadable` and the
/// others are checked all the same.
pub fn validate_files(files: &[PathBuf]) -> Validation {
    let mut user = Vec::new();
    let mut unread = Vec::new();
    for path in files {
        match read_rule_file(path) {
            Ok(text) => user.push((path.display().to_string(), text)),
            Err(e) => unread.push(unreadable(path, e)),
        }
    }
    let mut v = check_all(BUILTIN, &user);
    v.unreadable = unread;
    v
}

/// Parses and checks the built-in files and the user files `(origin, text)`,
/// then the checks between files.
fn check_all(builtin_files: &[(&str, &str)], user_files: &[(String, String)]) -> Validation {
    let mut v = Validation::default();
    // the ids of files with errors still count as defined, so that a
    // reference to one is not reported as well
    let mut broken_ids: Vec<String> = Vec::new();
    // warnings are the author's: those of the files checked, not of the
    // built-in files beside them (their own tests keep those clean)
    let mut parse = |text: &str, origin: &str, v: &mut Validation, user: bool| match parse_checked(
        text, origin,
    ) {
        Ok(mut c) => {
            if user {
                v.warnings.append(&mut c.warnings);
            }
            Some(c)
        }
        Err(d) => {
            v.errors.extend(d);
            broken_ids.extend(id_of(text));
            None
        }
    };
    let mut builtin = Vec::new();
    for (file, text) in builtin_files {
        builtin.extend(parse(text, &builtin_origin(file), &mut v, false));
    }
    let mut user = Vec::new();
    for (origin, text) in user_files {
        user.extend(parse(text, origin, &mut v, true));
    }
    let replaced: HashSet<&str> = user.iter().map(|c| c.rule.id.as_str()).collect();
    builtin.retain(|c| !replaced.contains(c.rule.id.as_str()));
    let all: Vec<Checked> = builtin.into_iter().chain(user).collect();
    v.errors.extend(cross_file(&all, &broken_ids));
    v.rules = all.into_iter().map(|c| c.rule).collect();
    v
}

/// Parses and validates one rule file; `origin` names it in messages.
pub fn parse_rule(text: &str, origin: &str) -> Result<Rule, Vec<Diagnostic>> {
    parse_checked(text, origin).map(|c| c.rule)
}

fn parse_checked(text: &str, origin: &str) -> Result<Checked, Vec<Diagnostic>> {
    let raw: RawRule = from_toml(text, origin).map_err(|d| vec![d])?;
    validate(&raw, text, origin)
}

/// Reads TOML `text` (a rule file, or a rule test case file) as a `T`;
/// `origin` names it in the diagnostic.
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &str,
) -> Result<T, Diagnostic> {
    de::from_str(text).map_err(|f| read_diagnostic_of(f, text, origin))
}

/// The diagnostic of a file that could not be read into the raw structs:
/// at the value it is about, naming that value where the sentence does not.
fn read_diagnostic_of(f: Failure, text: &str, origin: &str) -> Diagnostic {
    let help = f.problem.help();
    let mut message = f.problem.to_string();
    let mut d = Diagnostic::new(origin, "");
    if let Some(span) = f.span {
        d = d.at(text, span.start);
        let input = text.get(span).unwrap_or("").trim();
        if f.problem.wants_input() && !input.is_empty() && !input.contains('\n') {
            message = format!("{message}, found `{input}`");
        }
    }
    Diagnostic { message, help, ..d }
}

/// Checks between files: the editions of one certification must neither
/// overlap nor leave a gap between them, and a `certification` requirement
/// must name a loaded certification.
fn cross_file(all: &[Checked], broken_ids: &[String]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (i, b) in all.iter().enumerate() {
        for a in &all[..i] {
            if a.rule.id == b.rule.id && overlap(&a.rule, &b.rule) {
                diags.push(diag_at(
                    &b.rule.origin,
                    b.edition_at,
                    Problem::EditionsOverlap {
                        id: b.rule.id.clone(),
                        edition: b.rule.edition.name.clone(),
                        other: a.rule.edition.name.clone(),
                        other_origin: a.rule.origin.clone(),
                    },
                ));
            }
        }
    }
    diags.extend(gaps(all));
    let mut ids: Vec<&str> = all
        .iter()
        .map(|c| c.rule.id.as_str())
        .chain(broken_ids.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for c in all {
        for (id, at) in &c.cert_refs {
            if !ids.contains(&id.as_str()) {
                diags.push(diag_at(
                    &c.rule.origin,
                    *at,
                    Problem::UnknownCertification {
                        id: id.clone(),
                        loaded: ids.iter().map(|i| i.to_string()).collect(),
                    },
                ));
            }
        }
    }
    diags
}

/// The top-level `id` of a rule file that did not validate, if it has one.
fn id_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    toml::from_str::<IdOnly>(text).ok().map(|r| r.id)
}

/// Days that no edition of a certification covers between two of its
/// editions: each edition must start the day after the one before it ends.
fn gaps(all: &[Checked]) -> Vec<Diagnostic> {
    let mut by_start: Vec<&Checked> = all.iter().collect();
    by_start.sort_by(|a, b| {
        a.rule
            .id
            .cmp(&b.rule.id)
            .then(a.rule.edition.from.cmp(&b.rule.edition.from))
    });
    let mut diags = Vec::new();
    for pair in by_start.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (Some(end), Some(start)) = (a.rule.edition.to, b.rule.edition.from) else {
            continue;
        };
        if a.rule.id == b.rule.id && start > add_days(end, 1) {
            diags.push(diag_at(
                &b.rule.origin,
                b.edition_at,
                Problem::EditionGap {
                    id: b.rule.id.clone(),
                    edition: b.rule.edition.name.clone(),
                    starts: start,
                    other: a.rule.edition.name.clone(),
                    other_origin: a.rule.origin.clone(),
                    other_ends: end,
                },
            ));
        }
    }
    diags
}

/// Whether two editions' date ranges share a day (a missing end is open).
fn overlap(a: &Rule, b: &Rule) -> bool {
    let starts_before_end = |x: &Rule, y: &Rule| match (x.edition.from, y.edition.to) {
        (Some(f), Some(t)) => f <= t,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

fn diag_at(origin: &str, (line, column): Loc, p: Problem) -> Diagnostic {
    Diagnostic {
        line: Some(line),
        column: Some(column),
        help: p.help(),
        ..Diagnostic::new(origin, p.to_string())
    }
}

#[cfg(test)]
mod tests;
