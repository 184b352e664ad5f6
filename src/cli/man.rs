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

/// The manual page, certcheck(1), in roff: the program and a list of its
/// commands, then each command (nested ones too, such as `certcheck rules
/// list`) as a section of this page with its synopsis, description, options
/// and examples. It names no other page: there is only this one.
pub fn man_page(cmd: &clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    let top = clap_mangen::Man::new(cmd.clone());
    top.render_title(&mut out)?;
    top.render_name_section(&mut out)?;
    top.render_synopsis_section(&mut out)?;
    top.render_description_section(&mut out)?;
    top.render_options_section(&mut out)?;
    let mut commands = Vec::new();
    documented(cmd, "certcheck", &mut commands);
    commands.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend_from_slice(b".SH COMMANDS\n");
    for (name, sub) in &commands {
        let about = sub
            .get_about()
            .or_else(|| sub.get_long_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        out.extend_from_slice(
            format!(
                ".TP\n\\fB{}\\fR\n{} (see {} below)\n",
                escape(name),
                escape(about.trim()),
                escape(&name.to_uppercase())
            )
            .as_bytes(),
        );
    }
    if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        top.render_extra_section(&mut out)?;
    }
    top.render_version_section(&mut out)?;
    for (name, sub) in &commands {
        let man = clap_mangen::Man::new(sub.clone().bin_name(name).display_name(name));
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if sub.get_after_help().is_some() || sub.get_after_long_help().is_some() {
            man.render_extra_section(&mut part)?;
        }
        // one page: each command is a section, its parts subsections
        out.extend_from_slice(format!(".SH \"{}\"\n", escape(&name.to_uppercase())).as_bytes());
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

/// The commands under `cmd` (named `name`), at every depth, each with its
/// full name (`certcheck rules list`); not the hidden ones, nor clap's
/// `help`, which `--help` documents.
fn documented(cmd: &clap::Command, name: &str, into: &mut Vec<(String, clap::Command)>) {
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let full = format!("{name} {}", sub.get_name());
        documented(sub, &full, into);
        into.push((full, sub.clone()));
    }
}

/// Text made safe for a roff line: backslashes, hyphens (so they are not
/// hyphenation points), quotes and a leading control character.
fn escape(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\e"),
            '-' => s.push_str("\\-"),
            '\'' => s.push_str("\\(aq"),
            '\n' => s.push(' '),
            c => s.push(c),
        }
    }
    if s.starts_with('.') {
        s.insert_str(0, "\\&");
    }
    s
}
