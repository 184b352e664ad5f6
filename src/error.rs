//! Errors and diagnostics. Messages follow one style: lowercase, no trailing
//! period, user input in backticks, the long explanation in a `help` line.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
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
    #[error("cannot read `{}`: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{}`: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad command-line usage that clap itself cannot see, or a request
    /// refused before anything was written (`log`, `renew`: an entry the
    /// rules do not allow, a profile locked or changed meanwhile).
    #[error("{message}{}", .help.as_ref().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
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
