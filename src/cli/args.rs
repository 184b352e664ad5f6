//! The command line as clap sees it: raw, not yet validated (see
//! [`super::check::CheckConfig`] for the checked form).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLE: &str = "\
Example:
  certcheck check examples/dana.toml --as-of 2026-11-25";

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
    #[command(after_help = EXAMPLE)]
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

    /// Record a renewal of a held certification, when the current cycle's
    /// requirement is met and the date is inside its window
    ///
    /// Exits with 0 when recorded; 1 when the cycle is short of units or the
    /// date is outside the window (nothing written); 2 on bad usage or bad
    /// input.
    Renew(super::renew::RenewArgs),

    /// Tools for rule files: list, show, validate, test
    Rules(super::rules_cmd::RulesArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The person's profile (a TOML file)
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// Judge only this certification (repeatable); default: the profile's
    /// held certifications and targets, or every known certification
    #[arg(long = "cert", value_name = "ID")]
    pub certs: Vec<String>,

    /// The day to judge on, as YYYY-MM-DD; default: today (UTC)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// How to write the report
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub format: Format,

    /// Also load the rule files (*.toml) in this folder (repeatable); a file
    /// with the id of a built-in rule replaces it
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person: one block per certification
    Text,
    /// For programs: one JSON object
    Json,
}
