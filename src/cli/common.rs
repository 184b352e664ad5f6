//! What the commands share: the flags they have in common (flattened into
//! each command's arguments and parsed here, once), the exit code, writing
//! to stdout and the error lines.
//!
//! Every command has the same shape: its raw clap arguments become a
//! checked `…Config` before any work, then
//! `run(&Config, out, err) -> Result<ExitCode, Vec<Error>>` writes the
//! report to `out` and warnings to `err`; `cli::run` prints the errors.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::dates::{Date, parse_date};
use crate::error::{Error, describe_io, did_you_mean};
use crate::report;
use crate::rules::RuleSet;
use crate::show::ShownPath;

/// The options every command that judges shares: the day, and more rules.
#[derive(Clone, Debug, Default, Args)]
pub struct Judging {
    /// The day to judge on, as YYYY-MM-DD; default: today (UTC)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Also load the rule files (*.toml) in this folder (repeatable); a file
    /// with the id of a built-in rule replaces it
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

impl Judging {
    /// The `--as-of` date, or `today()` (called only then) without one.
    pub fn as_of(&self, today: impl FnOnce() -> Date) -> Result<Date, Error> {
        as_of_arg(self.as_of.as_deref(), today)
    }
}

/// The `--as-of` date, or `today()` (called only then) without one: the
/// one place `--as-of` is read.
pub fn as_of_arg(value: Option<&str>, today: impl FnOnce() -> Date) -> Result<Date, Error> {
    value.map_or_else(|| Ok(today()), |s| date_arg(s, "--as-of"))
}

/// The date given to `flag` (`--as-of`, `--date`), as `YYYY-MM-DD`.
/// A date before 0001-01-01 (year 0) is refused: certcheck's dates run
/// from 0001-01-01 to 9999-12-31.
pub fn date_arg(value: &str, flag: &str) -> Result<Date, Error> {
    let date = parse_date(value).ok_or_else(|| Error::Usage {
        message: format!("invalid date `{value}` for `{flag}`"),
        help: Some("expected a date like `2026-11-25`".to_string()),
    })?;
    if !crate::dates::in_range(date) {
        return Err(Error::Usage {
            message: format!("`{flag}` date `{value}` is outside 0001-01-01 to 9999-12-31"),
            help: Some("certcheck works with dates from 0001-01-01 to 9999-12-31".to_string()),
        });
    }
    Ok(date)
}

/// The options of every command that judges and writes a report: the day
/// and more rules ([`Judging`]), and `--format`, whose values, default and
/// help line are the command's own ([`FormatArg`]).
#[derive(Clone, Debug, Args)]
pub struct Reporting<F: FormatArg> {
    #[command(flatten)]
    pub judging: Judging,

    // (`default_value`, not `default_value_t`: clap keeps the latter's text
    // in a static shared by every `F`, so the first command's would show)
    #[arg(long, value_enum, value_name = "FORMAT", default_value = F::DEFAULT, help = F::HELP)]
    pub format: F,
}

/// A command's `--format` values.
pub trait FormatArg: ValueEnum + Clone + Copy + fmt::Debug + Send + Sync + 'static {
    /// The format without `--format`, as written on the command line.
    const DEFAULT: &'static str;
    /// The flag's help line.
    const HELP: &'static str;
}

/// When to colour the text report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour: `always`, `never`, or (auto) when stdout is a
    /// terminal and `NO_COLOR` is unset or empty.
    pub fn enabled(self, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

/// The width to wrap a text report at: the terminal's when stdout is one,
/// else [`report::text::WIDTH`], so that a file or a pipe gets the same
/// bytes everywhere.
pub fn text_width(stdout_is_terminal: bool) -> usize {
    if stdout_is_terminal {
        textwrap::termwidth()
    } else {
        report::text::WIDTH
    }
}

/// How a command that ran ends (see shared/spec/cli.md); a command that
/// could not run returns its errors instead, which is exit code 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// 0: every result is fine.
    Success,
    /// 1: the run worked and some result needs attention.
    Attention,
    /// 2: bad usage or bad input (`screen` with a bad profile).
    Usage,
    /// 0: `log` or `renew` saved the edit, then could not write its report
    /// (said on stderr already); stdout is not flushed again.
    SavedReportLost,
}

impl ExitCode {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Success | ExitCode::SavedReportLost => 0,
            ExitCode::Attention => 1,
            ExitCode::Usage => EXIT_USAGE,
        }
    }

    /// 1 when something needs attention, else 0.
    pub fn attention_if(attention: bool) -> ExitCode {
        if attention {
            ExitCode::Attention
        } else {
            ExitCode::Success
        }
    }

    /// The code a report gives (0 or 1, from `exit_code()`).
    pub fn of_report(code: i32) -> ExitCode {
        ExitCode::attention_if(code != 0)
    }
}

/// Exit code for bad usage, bad input and internal errors.
pub const EXIT_USAGE: i32 = 2;

/// Writes the report to `out` and flushes it. A reader that went away
/// (`| head`) is an error like any other: what it read is not the whole
/// report, and a script must not take it for a success.
pub fn write_out(out: &mut (impl Write + ?Sized), text: &str) -> Result<(), Vec<Error>> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|source| vec![stdout_error(source)])
}

/// The error for a write to stdout that failed: for a closed pipe,
/// "cannot write `<stdout>`: the output was closed before the end (broken
/// pipe)".
pub fn stdout_error(source: io::Error) -> Error {
    let source = if source.kind() == io::ErrorKind::BrokenPipe {
        io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the output was closed before the end (broken pipe)",
        )
    } else {
        source
    };
    Error::Write {
        path: "<stdout>".into(),
        source,
    }
}

/// Writes `text` to stderr (warnings; a closed stderr is nothing to report).
pub fn write_err(err: &mut dyn Write, text: &str) {
    let _ = err.write_all(text.as_bytes());
}

/// Loads the one profile `check` or `deadlines` (`command`) judges: TOML,
/// or a JSON object when the name ends in `.json`. A JSON Lines roster
/// (`.jsonl`, `.ndjson`) is refused with a pointer to `screen`, which reads
/// it.
pub fn load_profile(
    path: &std::path::Path,
    rules: &RuleSet,
    command: &str,
) -> Result<crate::profile::Profile, Vec<Error>> {
    if crate::profile::FileFormat::of(path) == crate::profile::FileFormat::JsonLines {
        let shown = ShownPath(path).to_string();
        return Err(vec![Error::Usage {
            message: format!(
                "`{shown}` is a roster of JSON profiles, one a line: `{command}` reads one profile, a `.toml` or `.json` file"
            ),
            help: Some(format!(
                "judge a roster with `{}`",
                crate::show::command_line(&["certcheck", "screen", &path.display().to_string()])
            )),
        }]);
    }
    crate::profile::load_file(path, rules).map_err(|e| vec![e])
}

/// `error: ...` lines for one error: one per diagnostic, each with its
/// indented `help:` line where it has one. User strings in them (file
/// names, values) are shown with [`crate::show::text`]: no control or bidi
/// character reaches the terminal.
pub fn error_lines(e: &Error) -> String {
    match e {
        Error::Profile(diags) | Error::Rules(diags) => {
            diags.iter().map(|d| format!("error: {d}\n")).collect()
        }
        Error::Read { path, source } => format!(
            "error: cannot read `{}`: {}\n",
            ShownPath(path),
            describe_io(source)
        ),
        Error::Write { path, source } => format!(
            "error: cannot write `{}`: {}\n",
            ShownPath(path),
            describe_io(source)
        ),
        Error::Usage { .. } => format!("error: {e}\n"),
    }
}

/// One error for each `--cert` id the rules do not define (each named once),
/// with the nearest known id or, when none is close, the list of known ids.
pub fn check_cert_ids(rules: &RuleSet, certs: &[String]) -> Result<(), Vec<Error>> {
    let known = rules.ids();
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for id in certs {
        if rules.contains(id) || seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        let help = match did_you_mean(id, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => "no certification rules are loaded".to_string(),
            None => format!(
                "known certifications: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        errors.push(Error::Usage {
            message: format!("unknown certification `{id}`"),
            help: Some(help),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The `--cert` ids as the rules spell them, matched without regard to case
/// (`CMQ-OE` is `cmq-oe`), each once, in the order given; one error for
/// each id no rule has (see [`check_cert_ids`]).
pub fn canonical_cert_ids(rules: &RuleSet, certs: &[String]) -> Result<Vec<String>, Vec<Error>> {
    let known = rules.ids();
    let mut out: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    for id in certs {
        match known.iter().find(|k| k.eq_ignore_ascii_case(id)) {
            Some(k) if out.iter().any(|o| o == k) => {}
            Some(k) => out.push((*k).to_string()),
            None => unknown.push(id.clone()),
        }
    }
    check_cert_ids(rules, &unknown)?;
    Ok(out)
}

/// The id in `known` that `id` names without regard to case.
pub fn canonical_id<'k>(known: &[&'k str], id: &str) -> Option<&'k str> {
    known
        .iter()
        .find(|k| **k == id)
        .or_else(|| known.iter().find(|k| k.eq_ignore_ascii_case(id)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::error::Diagnostic;
    use crate::rules::Rule;
    use crate::rules::model::Edition;
    use std::ffi::OsStr;
    use std::path::PathBuf;

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_and_other_write_errors_are_errors() {
        let e = write_out(&mut Closed, "x\n").unwrap_err();
        assert_eq!(
            error_lines(&e[0]),
            "error: cannot write `<stdout>`: the output was closed before the end (broken pipe)\n"
        );
        let e = write_out(&mut Full, "x\n").unwrap_err();
        assert!(
            error_lines(&e[0]).starts_with("error: cannot write `<stdout>`: "),
            "{e:?}"
        );
        let mut buf = Vec::new();
        write_out(&mut buf, "report\n").unwrap();
        assert_eq!(buf, b"report\n");
    }

    #[test]
    fn as_of_is_read_in_one_place_with_one_message() {
        let j = |s: Option<&str>| Judging {
            as_of: s.map(str::to_string),
            rules: vec![],
        };
        assert_eq!(
            j(Some("2024-02-29"))
                .as_of(|| panic!("the clock must not be read when --as-of is given"))
                .unwrap(),
            date(2024, 2, 29)
        );
        assert_eq!(
            j(None).as_of(|| date(2026, 11, 25)).unwrap(),
            date(2026, 11, 25)
        );
        for bad in ["2023-02-30", "2023-2-3", "yesterday", "", "2023-02-28 "] {
            let e = j(Some(bad)).as_of(|| date(2026, 1, 1)).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "invalid date `{bad}` for `--as-of`\n  help: expected a date like `2026-11-25`"
                )
            );
        }
    }

    #[test]
    fn when_to_colour() {
        assert!(ColorChoice::Always.enabled(false, Some(OsStr::new("1"))));
        assert!(!ColorChoice::Never.enabled(true, None));
        assert!(ColorChoice::Auto.enabled(true, None));
        assert!(ColorChoice::Auto.enabled(true, Some(OsStr::new(""))));
        assert!(!ColorChoice::Auto.enabled(true, Some(OsStr::new("1"))));
        assert!(!ColorChoice::Auto.enabled(false, None));
    }

    #[test]
    fn exit_codes_are_the_specs() {
        assert_eq!(ExitCode::Success.code(), 0);
        assert_eq!(ExitCode::Attention.code(), 1);
        assert_eq!(ExitCode::Usage.code(), 2);
        assert_eq!(ExitCode::of_report(0), ExitCode::Success);
        assert_eq!(ExitCode::of_report(1), ExitCode::Attention);
    }

    #[test]
    fn each_diagnostic_is_its_own_error_line() {
        let d1 = Diagnostic {
            file: "p.toml".into(),
            line: Some(3),
            column: Some(1),
            message: "unknown key `nmae`".into(),
            help: Some("did you mean `name`?".into()),
        };
        let d2 = Diagnostic::new("p.toml", "missing key `name`");
        assert_eq!(
            error_lines(&Error::Profile(vec![d1, d2])),
            "error: p.toml:3:1: unknown key `nmae`\n  help: did you mean `name`?\nerror: p.toml: missing key `name`\n"
        );
    }

    #[test]
    fn read_errors_name_the_file_in_house_style() {
        let e = Error::Read {
            path: PathBuf::from("x.toml"),
            source: io::Error::from_raw_os_error(2),
        };
        let text = error_lines(&e);
        assert!(text.starts_with("error: cannot read `x.toml`: "), "{text}");
        assert!(!text.contains("os error"), "{text}");
        assert!(text.ends_with('\n'));
    }

    /// A file name, a value or a lock file's contents in any error reach
    /// stderr with their control and bidi characters escaped; the line
    /// breaks and `help:` lines of the message itself stay.
    #[test]
    fn error_lines_escape_what_the_user_wrote() {
        let nasty = "\u{1b}]0;T\u{7}\u{202e}\n";
        let shown = r"\u{1b}]0;T\u{7}\u{202e}\u{a}";
        let usage = Error::Usage {
            message: format!("the lock file `p.toml.lock` exists (held by {nasty})"),
            help: Some(format!("remove `{nasty}`")),
        };
        assert_eq!(
            error_lines(&usage),
            format!(
                "error: the lock file `p.toml.lock` exists (held by {shown})\n  help: remove `{shown}`\n"
            )
        );
        let read = Error::Read {
            path: PathBuf::from(format!("a{nasty}.toml")),
            source: io::Error::from_raw_os_error(2),
        };
        assert!(
            error_lines(&read).starts_with(&format!("error: cannot read `a{shown}.toml`: ")),
            "{}",
            error_lines(&read)
        );
        let diag = Diagnostic::new(format!("p{nasty}.toml"), format!("unknown key `{nasty}`"))
            .with_help(format!("did you mean `{nasty}`?"));
        assert_eq!(
            error_lines(&Error::Profile(vec![diag])),
            format!(
                "error: p{shown}.toml: unknown key `{shown}`\n  help: did you mean `{shown}`?\n"
            )
        );
    }

    fn rule(id: &str) -> Rule {
        Rule {
            held_for_life: None,
            id: id.to_string(),
            name: id.to_uppercase(),
            issuer: "Test".to_string(),
            edition: Edition::default(),
            requirements: vec![],
            paths: vec![],
            exams: vec![],
            exam_paths: vec![],
            recertification: None,
            origin: format!("test/{id}.toml"),
        }
    }

    #[test]
    fn unknown_cert_suggests_the_nearest() {
        let rules = RuleSet::from_rules(vec![rule("cmq-oe"), rule("cpim")]);
        let certs = vec!["cpim".to_string(), "cmq-eo".to_string()];
        let errs = check_cert_ids(&rules, &certs).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].to_string(),
            "unknown certification `cmq-eo`\n  help: did you mean `cmq-oe`?"
        );
    }

    #[test]
    fn unknown_cert_lists_known_ids_when_nothing_is_close() {
        let rules = RuleSet::from_rules(vec![rule("cpim"), rule("cmq-oe")]);
        let certs = vec!["zzz".to_string(), "zzz".to_string(), "qqq".to_string()];
        let errs = check_cert_ids(&rules, &certs).unwrap_err();
        let texts: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "unknown certification `zzz`\n  help: known certifications: `cmq-oe`, `cpim`",
                "unknown certification `qqq`\n  help: known certifications: `cmq-oe`, `cpim`",
            ]
        );
    }

    #[test]
    fn known_certs_pass() {
        let rules = RuleSet::from_rules(vec![rule("cpim")]);
        assert!(check_cert_ids(&rules, &["cpim".to_string()]).is_ok());
        assert!(check_cert_ids(&rules, &[]).is_ok());
    }

    #[test]
    fn cert_ids_are_matched_without_regard_to_case_and_written_canonical() {
        let rules = RuleSet::from_rules(vec![rule("cmq-oe"), rule("cpim")]);
        let given = ["CMQ-OE", "Cpim", "cmq-oe"].map(String::from);
        assert_eq!(
            canonical_cert_ids(&rules, &given).unwrap(),
            ["cmq-oe", "cpim"]
        );
        let errs = canonical_cert_ids(&rules, &["CMQ-EO".to_string()]).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "unknown certification `CMQ-EO`\n  help: did you mean `cmq-oe`?"
        );
        assert_eq!(
            canonical_id(&["giving-back"], "Giving-Back"),
            Some("giving-back")
        );
        assert_eq!(canonical_id(&["giving-back"], "giving"), None);
    }
}
