//! `certcheck completions SHELL`: a completion script, generated from the
//! command line's own definition and written to stdout.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use crate::error::Error;

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
    let mut cmd = config.cli.clone();
    let mut script = Vec::new();
    clap_complete::generate(config.shell, &mut cmd, "certcheck", &mut script);
    write_out(out, &String::from_utf8_lossy(&script))?;
    Ok(ExitCode::Success)
}
