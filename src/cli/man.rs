//! `certcheck man`: the manual page, certcheck(1), generated from the
//! command line's own definition and written to stdout.

use std::io::Write;

use crate::error::Error;

use super::common::{ExitCode, write_out};

pub const EXAMPLE: &str = "\
Examples:
  certcheck man > certcheck.1 && man ./certcheck.1
  certcheck man | gzip > /usr/local/share/man/man1/certcheck.1.gz";

/// `man`'s configuration: the command line to document.
#[derive(Debug)]
pub struct ManConfig {
    /// certcheck's command line (`Cli::command()`).
    pub cli: clap::Command,
}

/// Writes the manual page.
pub fn run(
    config: &ManConfig,
    out: &mut (dyn Write + Send),
    _err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let page = man_page(&config.cli).map_err(|source| {
        vec![Error::Write {
            path: "<stdout>".into(),
            source,
        }]
    })?;
    write_out(out, &String::from_utf8_lossy(&page))?;
    Ok(ExitCode::Success)
}

/// The manual page, certcheck(1), in roff: the program, then each command
/// with its synopsis, description, options and examples.
pub fn man_page(cmd: &clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    let mut subs: Vec<&clap::Command> =
        cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    subs.sort_by_key(|s| s.get_name().to_string());
    for sub in subs {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("certcheck {}", sub.get_name());
        let man = clap_mangen::Man::new(sub.clone().bin_name(&name).display_name(&name));
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if sub.get_after_help().is_some() || sub.get_after_long_help().is_some() {
            man.render_extra_section(&mut part)?;
        }
        // one page: each command is a section, its parts subsections
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let text = String::from_utf8_lossy(&part)
            .lines()
            .map(|l| match l.strip_prefix(".SH ") {
                Some(h) if h.trim_matches('"') == "EXTRA" => ".SS EXAMPLES\n.nf".to_string(),
                Some(h) => format!(".SS {h}"),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.extend_from_slice(text.as_bytes());
        if text.contains(".SS EXAMPLES\n.nf") {
            out.extend_from_slice(b"\n.fi");
        }
        out.push(b'\n');
    }
    Ok(out)
}
