//! `certcheck completions SHELL`: a completion script, generated from the
//! command line's own definition and written to stdout.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use crate::error::Error;
use crate::rules::RuleSet;

use super::common::{ExitCode, write_out};

pub const EXAMPLE: &str = "\
Examples:
  certcheck completions bash > ~/.local/share/bash-completion/completions/certcheck
  certcheck completions zsh > \"${fpath[1]}/_certcheck\"
  certcheck completions fish > ~/.config/fish/completions/certcheck.fish";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// `completions`' arguments, checked, with the command line to complete.
#[derive(Debug)]
pub struct CompletionsConfig {
    pub shell: Shell,
    /// certcheck's command line (`Cli::command()`).
    pub cli: clap::Command,
}

impl CompletionsConfig {
    pub fn from_args(args: CompletionsArgs, cli: clap::Command) -> CompletionsConfig {
        CompletionsConfig {
            shell: args.shell,
            cli,
        }
    }
}

/// Writes the completion script for the shell.
pub fn run(
    config: &CompletionsConfig,
    out: &mut (dyn Write + Send),
    _err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::builtin().map_err(|e| vec![e])?;
    let mut cmd = with_ids(config.cli.clone(), &rules);
    let mut script = Vec::new();
    clap_complete::generate(config.shell, &mut cmd, "certcheck", &mut script);
    write_out(out, &String::from_utf8_lossy(&script))?;
    Ok(ExitCode::Success)
}

/// `cmd` with the built-in rules' ids as the values a shell offers: every
/// certification id for `--cert`, and every category id of any
/// certification for `--category`, at every depth. Only the script sees
/// these lists; parsing still takes ids from `--rules` directories too.
fn with_ids(cmd: clap::Command, rules: &RuleSet) -> clap::Command {
    let certs: Vec<String> = rules.ids().into_iter().map(str::to_string).collect();
    let mut categories: Vec<String> = rules
        .ids()
        .into_iter()
        .flat_map(|id| rules.category_ids(id))
        .map(str::to_string)
        .collect();
    categories.sort_unstable();
    categories.dedup();
    offer(cmd, &certs, &categories)
}

fn offer(cmd: clap::Command, certs: &[String], categories: &[String]) -> clap::Command {
    cmd.mut_args(|arg| {
        let values = match arg.get_long() {
            Some("cert") => certs,
            Some("category") => categories,
            _ => return arg,
        };
        arg.value_parser(clap::builder::PossibleValuesParser::new(
            values.iter().cloned(),
        ))
    })
    .mut_subcommands(|sub| offer(sub, certs, categories))
}
