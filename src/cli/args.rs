//! The command line as clap sees it: the commands, assembled. Each
//! command's raw arguments live in its own module, with the checked form
//! they become (`check::CheckArgs` and `check::CheckConfig`); the flags
//! commands share are in [`super::common`]. Nothing here is imported back
//! by a command.

use clap::{Parser, Subcommand};

use super::check::CheckArgs;

const EXAMPLE: &str = "\
Example:
  certcheck check examples/dana.toml --as-of 2026-11-25";

const RULES_EXAMPLES: &str = "\
Examples:
  certcheck rules list
  certcheck rules show pmp
  certcheck rules validate rules/*.toml --deny-warnings
  certcheck rules test";

const CHECK_EXAMPLES: &str = "\
Examples:
  certcheck check examples/dana.toml --as-of 2026-11-25
  certcheck check examples/sam.toml --cert cmq-oe --format json
  certcheck check examples/sam.toml --format html > sam.html
  certcheck check examples/sam.toml --assume degree=bachelor@2027-06-01 \\
      --assume role=decision-making@2027-01-01
  certcheck check examples/sam.toml --plan";

/// Where a professional stands with their certifications: whether they are
/// eligible, what is missing, the day they will be eligible, and whether the
/// certifications they hold will renew in time.
#[derive(Debug, Parser)]
#[command(name = "certcheck", version, after_help = EXAMPLE)]
#[command(arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge a profile: eligibility, what is missing, renewal of held
    /// certifications
    ///
    /// Exits with 0 when every certification judged is eligible, has its
    /// requirements met or is certified; 1 when one is not eligible yet, in
    /// its grace period or lapsed; 2 on bad usage or bad input.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),

    /// List the dates that matter, soonest first: renewal windows, cycle
    /// ends, grace period ends, projected eligibility; optionally as a
    /// calendar file
    ///
    /// Where units are still needed it gives the pace: so many a month over
    /// the whole months left. Exits with 0 normally; 1 when a held
    /// certification is in its grace period or lapsed; 2 on bad usage or bad
    /// input.
    Deadlines(super::deadlines::DeadlinesArgs),

    /// Add a professional-development activity to a profile, then show the
    /// renewal progress
    ///
    /// The profile keeps every byte it had (comments, layout, line
    /// endings); the entry is appended, checked and saved atomically.
    Log(super::log::LogArgs),

    /// List the logged activities with the cycle each falls in and whether
    /// it counts; export a cycle as CSV; remove one
    ///
    /// `--remove N` edits the profile as `log` does: every other byte kept,
    /// checked and saved atomically.
    Activities(super::activities::ActivitiesArgs),

    /// Record a renewal of a held certification, when the current cycle's
    /// requirement is met and the date is inside its window
    ///
    /// Exits with 0 when recorded; 1 when the cycle is short of units or the
    /// date is outside the window (nothing written); 2 on bad usage or bad
    /// input.
    Renew(super::renew::RenewArgs),

    /// Add a role, degree, exam, certification, training or project to a
    /// profile, asking for each missing field on a terminal
    ///
    /// FIELD=VALUE pairs are the profile's keys; dates may be YYYY-MM where
    /// only the month is known. Off a terminal (or with `--no-input`) every
    /// required field must be given. The profile keeps every byte it had;
    /// the entry is appended, checked and saved atomically.
    #[command(after_help = super::add::EXAMPLE)]
    Add(super::add::AddArgs),

    /// Write a commented profile template to fill in (asking for the name,
    /// targets, degree and current role when run on a terminal)
    ///
    /// On a terminal it ends by offering to add earlier roles, degrees and
    /// exams, asked as `certcheck add` asks. Never overwrites a file. What it writes loads as it is: check it with
    /// `certcheck check PATH`.
    #[command(after_help = super::init::EXAMPLE)]
    Init(super::init::InitArgs),

    /// Write a profile from facts kept elsewhere: `import linkedin EXPORT
    /// --out PROFILE.toml` reads LinkedIn's data export (the zip, or its
    /// folder)
    ///
    /// Roles, degrees and certifications become entries, with month dates
    /// where LinkedIn gives the month. What LinkedIn does not say is never
    /// guessed: such an entry is written commented out with a note saying
    /// what to fill in. On a terminal it asks, role by role, whether it was
    /// a decision-making one and full-time. Never overwrites a file; what it
    /// writes loads as it is.
    #[command(after_help = super::import::EXAMPLE)]
    Import(super::import::ImportArgs),

    /// Write a shell completion script to stdout (bash, zsh, fish,
    /// powershell, elvish)
    #[command(after_help = super::completions::EXAMPLE)]
    Completions(super::completions::CompletionsArgs),

    /// Write the manual page, certcheck(1), in roff to stdout
    #[command(after_help = super::man::EXAMPLE)]
    Man,

    /// Tools for rule files: list, show, validate, test
    #[command(after_help = RULES_EXAMPLES)]
    Rules(super::rules_cmd::RulesArgs),

    /// Judge a roster: profile files, folders, JSON Lines, standard input
    ///
    /// One row per profile and certification, as a table (sorted), CSV or
    /// JSON Lines. A bad profile is a row with status `error`; a summary goes
    /// to stderr. Exits with 2 when a profile was bad, else 1 when a result
    /// is not eligible, in grace or lapsed, else 0.
    Screen(super::screen::ScreenArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{check, deadlines, screen};
    use clap::CommandFactory;

    /// Each command's `--format` has its own default, named in its help.
    /// (They share one generic flag struct; clap would share a text kept in
    /// a static between its instances, showing one command's default for
    /// all.)
    #[test]
    fn each_command_has_its_own_default_format() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().command;
        let Command::Check(c) = parse(&["certcheck", "check", "p.toml"]) else {
            panic!("not check")
        };
        assert_eq!(c.reporting.format, check::Format::Text);
        let Command::Screen(c) = parse(&["certcheck", "screen", "r.jsonl"]) else {
            panic!("not screen")
        };
        assert_eq!(c.reporting.format, screen::ScreenFormat::Table);
        let Command::Deadlines(c) = parse(&["certcheck", "deadlines", "p.toml"]) else {
            panic!("not deadlines")
        };
        assert_eq!(c.reporting.format, deadlines::Format::Text);
        let mut cli = Cli::command();
        for (name, default) in [
            ("check", "text"),
            ("screen", "table"),
            ("deadlines", "text"),
        ] {
            let help = cli
                .find_subcommand_mut(name)
                .unwrap()
                .render_long_help()
                .to_string();
            assert!(
                help.contains(&format!("[default: {default}]")),
                "{name}: {help}"
            );
        }
    }
}
