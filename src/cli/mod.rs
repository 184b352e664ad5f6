//! The command line: the only part of certcheck that prints, reads the
//! clock or decides exit codes.
//!
//! Exit codes (see shared/spec/cli.md): 0 every result is fine, 1 the run
//! worked and some result needs attention, 2 bad usage or bad input (a
//! message on stderr, nothing on stdout).

pub mod activities;
pub mod add;
pub mod args;
mod assume;
pub mod check;
pub mod common;
pub mod completions;
pub mod deadlines;
mod edit;
pub mod import;
pub mod init;
pub mod log;
pub mod man;
mod prompt;
pub mod renew;
pub mod rules_cmd;
pub mod screen;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use clap::{CommandFactory, Parser};

use crate::dates::Date;
use crate::error::Error;

use args::{Cli, Command};
pub use common::{EXIT_USAGE, ExitCode, error_lines};

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
            print_clap_error(&e);
            return e.exit_code();
        }
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let mut err = io::stderr();
    let result = dispatch(cli.command, &mut out, &mut err);
    match result {
        // `log`/`renew` saved, then stdout failed: said on stderr already,
        // and flushing the bytes left would only fail again
        Ok(code @ ExitCode::SavedReportLost) => code.code(),
        Ok(code) => match common::write_out(&mut out, "") {
            Ok(()) => code.code(),
            Err(errors) => fail(&errors),
        },
        Err(errors) => fail(&errors),
    }
}

/// Prints clap's message: help and version as clap does, a usage error
/// plain (as every other error message, without colour) with what clap
/// repeats of the user's typing (an invalid value, an unknown subcommand)
/// shown safely: clap's plain text drops escape sequences, and `show::text`
/// escapes any control or bidi character left, line by line.
fn print_clap_error(e: &clap::Error) {
    if !e.use_stderr() {
        let _ = e.print();
        return;
    }
    let plain = e.render().to_string();
    let shown: Vec<_> = plain.split('\n').map(crate::show::text).collect();
    let _ = io::stderr().write_all(shown.join("\n").as_bytes());
}

/// Checks the raw arguments into the command's configuration, then runs
/// the command: every command has this one shape.
fn dispatch(
    command: Command,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let one = |e: Error| vec![e];
    match command {
        Command::Check(raw) => {
            let config = check::CheckConfig::from_args(raw, today).map_err(one)?;
            check::run(&config, out, err)
        }
        Command::Deadlines(raw) => {
            let config = deadlines::DeadlinesConfig::from_args(raw, today).map_err(one)?;
            deadlines::run(&config, out, err)
        }
        Command::Log(raw) => {
            let config = log::LogConfig::from_args(raw, today).map_err(one)?;
            log::run(&config, out, err)
        }
        Command::Activities(raw) => {
            let config = activities::ActivitiesConfig::from_args(raw, today).map_err(one)?;
            activities::run(&config, out, err)
        }
        Command::Renew(raw) => {
            let config = renew::RenewConfig::from_args(raw, today).map_err(one)?;
            renew::run(&config, out, err)
        }
        Command::Add(raw) => {
            let config = add::AddConfig::from_args(raw, io::stdin().is_terminal());
            add::run(&config, out, err)
        }
        Command::Init(raw) => {
            let config = init::InitConfig::from_args(raw, io::stdin().is_terminal());
            init::run(&config, out, err)
        }
        Command::Import(raw) => {
            let config =
                import::ImportConfig::from_args(raw, io::stdin().is_terminal()).map_err(one)?;
            import::run(&config, out, err)
        }
        Command::Completions(raw) => {
            let config = completions::CompletionsConfig::from_args(raw, Cli::command());
            completions::run(&config, out, err)
        }
        Command::Man => man::run(
            &man::ManConfig {
                cli: Cli::command(),
            },
            out,
            err,
        ),
        Command::Rules(raw) => {
            let config = rules_cmd::RulesConfig::from_args(raw, today).map_err(one)?;
            rules_cmd::run(&config, out, err)
        }
        Command::Screen(raw) => {
            let config = screen::ScreenConfig::from_args(raw, today).map_err(one)?;
            screen::run(&config, out, err)
        }
    }
}

/// Prints every error on stderr and returns exit code 2.
fn fail(errors: &[Error]) -> i32 {
    let text: String = errors.iter().map(error_lines).collect();
    let _ = io::stderr().lock().write_all(text.as_bytes());
    EXIT_USAGE
}

/// Today's date where the machine is: the local date in the time zone in
/// force (`TZ`, else the system's), as shared/spec/cli.md says, not UTC.
/// The CLI is the only place that reads the clock.
pub fn today() -> Date {
    chrono::Local::now().date_naive()
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
                "error: internal error: {}{at}\n  help: this is a bug in certcheck; please report it with the command you ran",
                crate::show::Shown(&what)
            );
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_after_this_code_was_written() {
        assert!(today() >= crate::dates::date(2025, 1, 1));
    }

    #[test]
    fn a_panic_becomes_exit_code_2() {
        assert_eq!(guarded(|| panic!("boom")), EXIT_USAGE);
        assert_eq!(guarded(|| 1), 1);
    }
}
