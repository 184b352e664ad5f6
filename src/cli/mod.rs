//! The command line: the only part of certcheck that prints, reads the
//! clock or decides exit codes.
//!
//! Exit codes (see shared/spec/cli.md): 0 every result is fine, 1 the run
//! worked and some result needs attention, 2 bad usage or bad input (a
//! message on stderr, nothing on stdout).

pub mod args;
pub mod check;
pub mod deadlines;
mod edit;
pub mod log;
pub mod renew;
pub mod rules_cmd;

use std::ffi::OsString;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;

use crate::dates::{Date, add_days, date};
use crate::error::{Error, describe_io};

use args::{Cli, Command};
use check::CheckConfig;

/// Exit code for bad usage, bad input and internal errors.
pub const EXIT_USAGE: i32 = 2;

/// Runs certcheck with `args` (the program name first); returns the exit code.
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    install_panic_hook();
    guarded(|| run_inner(args))
}

/// Runs `f`; a panic (a bug, which the hook has already reported on stderr)
/// becomes exit code 2.
fn guarded(f: impl FnOnce() -> i32) -> i32 {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or(EXIT_USAGE)
}

fn run_inner<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr
            // with 2. A closed pipe is nothing to report.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command {
        Command::Check(raw) => {
            let config = match CheckConfig::from_args(raw, today) {
                Ok(c) => c,
                Err(e) => return fail(&[e]),
            };
            finish(check::run(&config))
        }
        Command::Deadlines(raw) => match deadlines::DeadlinesConfig::from_args(raw, today) {
            Ok(config) => finish(deadlines::run(&config)),
            Err(e) => fail(&[e]),
        },
        Command::Log(raw) => log::main(raw),
        Command::Renew(raw) => renew::main(raw),
        Command::Rules(args) => finish(rules_cmd::run(args, today)),
    }
}

/// Prints a command's output and returns its exit code, or prints its
/// errors and returns 2.
fn finish(result: Result<check::Outcome, Vec<Error>>) -> i32 {
    match result {
        Ok(outcome) => match write_stdout(&outcome.stdout) {
            Ok(()) => outcome.code,
            Err(e) => fail(&[e]),
        },
        Err(errors) => fail(&errors),
    }
}

/// Prints every error on stderr and returns exit code 2.
fn fail(errors: &[Error]) -> i32 {
    let text: String = errors.iter().map(error_lines).collect();
    let _ = io::stderr().lock().write_all(text.as_bytes());
    EXIT_USAGE
}

/// `error: ...` lines for one error: one per diagnostic, each with its
/// indented `help:` line where it has one.
pub fn error_lines(e: &Error) -> String {
    match e {
        Error::Profile(diags) | Error::Rules(diags) => {
            diags.iter().map(|d| format!("error: {d}\n")).collect()
        }
        Error::Read { path, source } => format!(
            "error: cannot read `{}`: {}\n",
            path.display(),
            describe_io(source)
        ),
        Error::Write { path, source } => format!(
            "error: cannot write `{}`: {}\n",
            path.display(),
            describe_io(source)
        ),
        Error::Usage { .. } => format!("error: {e}\n"),
    }
}

/// Writes the report to stdout. A reader that went away (`| head`) is not
/// an error: the rest is dropped quietly.
fn write_stdout(text: &str) -> Result<(), Error> {
    write_to(&mut io::stdout().lock(), text).map_err(|source| Error::Write {
        path: "<stdout>".into(),
        source,
    })
}

fn write_to(out: &mut impl Write, text: &str) -> io::Result<()> {
    let result = write!(out, "{text}").and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Today's date in UTC, from the system clock. The CLI is the only place
/// that reads the clock.
pub fn today() -> Date {
    let days = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs() / 86_400).unwrap_or(i64::MAX),
        // A clock before 1970: count back, rounding towards the earlier day.
        Err(e) => {
            let secs = e.duration().as_secs();
            -i64::try_from(secs.div_ceil(86_400)).unwrap_or(i64::MAX)
        }
    };
    add_days(date(1970, 1, 1), days)
}

/// Replaces Rust's panic message (and backtrace hint) with a short one. A
/// panic is a bug in certcheck; this is the last line of defence.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let _ = writeln!(
                io::stderr().lock(),
                "error: internal error: {what}{at}\n  help: this is a bug in certcheck; please report it with the command you ran"
            );
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;
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
    fn closed_pipe_is_quiet_other_write_errors_are_not() {
        assert!(write_to(&mut Closed, "x\n").is_ok());
        assert!(write_to(&mut Full, "x\n").is_err());
        let mut buf = Vec::new();
        write_to(&mut buf, "report\n").unwrap();
        assert_eq!(buf, b"report\n");
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

    #[test]
    fn today_is_after_this_code_was_written() {
        assert!(today() >= date(2025, 1, 1));
    }

    #[test]
    fn a_panic_becomes_exit_code_2() {
        assert_eq!(guarded(|| panic!("boom")), EXIT_USAGE);
        assert_eq!(guarded(|| 1), 1);
    }
}
