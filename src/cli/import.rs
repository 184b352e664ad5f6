//! `certcheck import linkedin EXPORT --out PROFILE.toml`: LinkedIn's data
//! export (the zip, or the folder it unzips to) as a commented profile
//! (`crate::import::linkedin` does the reading and the writing of the
//! text). On a terminal it asks, role by role, what LinkedIn does not say
//! (decision-making, full-time); the rest is left with a comment. The
//! profile is checked with the strict loader and written all at once to a
//! file that must not exist yet.
//!
//! SOURCE names what is imported; `linkedin` is the one source today. The
//! shape leaves room for others (`import ROSTER --out DIR`).

use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::error::{Error, did_you_mean};
use crate::import::linkedin::{self, Asked, ExportFile, ExportFiles, Position};
use crate::input::{ReadError, open_regular, read_capped, read_diagnostic};
use crate::profile;
use crate::rules::RuleSet;
use crate::show::{self, ShownPath};

use super::common::{ExitCode, write_err, write_out};
use super::prompt::{Prompter, yes_no_open};

pub const EXAMPLE: &str = "\
Examples:
  certcheck import linkedin Basic_LinkedInDataExport.zip --out dana.toml
  certcheck import linkedin ~/Downloads/linkedin/ --out dana.toml --no-input
  certcheck check dana.toml       # then judge it";

/// The sources `import` knows.
const SOURCES: &[&str] = &["linkedin"];

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What to import: `linkedin` (LinkedIn's data export)
    #[arg(value_name = "SOURCE")]
    pub source: String,

    /// LinkedIn's data export: the zip LinkedIn sent ("Get a copy of your
    /// data"), or the folder it unzips to
    #[arg(value_name = "EXPORT")]
    pub export: Option<PathBuf>,

    /// The profile to write; an existing file is never overwritten
    #[arg(long, value_name = "PROFILE.toml")]
    pub out: PathBuf,

    /// Ask nothing, even on a terminal: what LinkedIn does not say is left
    /// with a comment
    #[arg(long)]
    pub no_input: bool,

    /// Also load the rule files (*.toml) in this folder (repeatable):
    /// certifications are matched to their ids
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

/// `import`'s arguments, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportConfig {
    pub export: PathBuf,
    pub out: PathBuf,
    /// Ask the questions (on stderr, answers from stdin).
    pub interactive: bool,
    pub rule_dirs: Vec<PathBuf>,
}

impl ImportConfig {
    /// `stdin_is_terminal`: whether there is a person to ask.
    pub fn from_args(args: ImportArgs, stdin_is_terminal: bool) -> Result<ImportConfig, Error> {
        let source = args.source.to_lowercase();
        if !SOURCES.contains(&source.as_str()) {
            let near = did_you_mean(&source, SOURCES.iter().copied())
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            return Err(Error::Usage {
                message: format!("unknown import source `{}`", args.source),
                help: Some(format!(
                    "{near}certcheck imports `linkedin`, LinkedIn's data export: certcheck import linkedin EXPORT --out PROFILE.toml"
                )),
            });
        }
        let Some(export) = args.export else {
            return Err(Error::Usage {
                message: "`import linkedin` needs the export to read".to_string(),
                help: Some("give LinkedIn's data export, the zip or its folder: certcheck import linkedin EXPORT --out PROFILE.toml".to_string()),
            });
        };
        if profile::FileFormat::of(&args.out) != profile::FileFormat::Toml {
            return Err(Error::Usage {
                message: format!("`{}`: `import` writes a TOML profile", ShownPath(&args.out)),
                help: Some("give `--out` a name ending in `.toml`".to_string()),
            });
        }
        Ok(ImportConfig {
            export,
            out: args.out,
            interactive: stdin_is_terminal && !args.no_input,
            rule_dirs: args.rules,
        })
    }
}

/// Runs `import`: reads the export, asks where there is a person to ask
/// (on `err`), writes the profile, says what it wrote on `out` and each
/// repeated row on `err`.
pub fn run(
    config: &ImportConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    refuse_existing(&config.out).map_err(|e| vec![e])?;
    let shown = config.export.display().to_string();
    let files = read_export(&config.export, &shown)?;
    let export = linkedin::read(&files, &shown).map_err(|ds| vec![Error::Profile(ds)])?;
    let asked = if config.interactive && !export.positions.is_empty() {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        ask(&mut input, err, &export.positions).map_err(|source| {
            vec![Error::Read {
                path: "<stdin>".into(),
                source,
            }]
        })?
    } else {
        Vec::new()
    };
    let rendered = linkedin::render(&export, &rules, &asked, &shown);
    // what import writes must load
    profile::parse_bytes(rendered.text.as_bytes(), &config.out, &rules).map_err(|e| vec![e])?;
    write_new(&config.out, &rendered.text).map_err(|e| vec![e])?;
    for d in &export.duplicates {
        write_err(
            err,
            &format!(
                "note: {}\n",
                show::text(&format!(
                    "`{}` line {} repeats line {} word for word: written once",
                    d.file, d.line, d.first_line
                ))
            ),
        );
    }
    let path = config.out.display().to_string();
    let command = show::command_line(&["certcheck", "check", path.as_str()]);
    let off = match rendered.commented_out {
        0 => String::new(),
        1 => "; 1 entry commented out: fill in what its `to fill in` note says".to_string(),
        n => format!("; {n} entries commented out: fill in what their `to fill in` notes say"),
    };
    let entries = match rendered.entries {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    };
    write_out(
        out,
        &format!(
            "wrote {} ({entries}{off}); read it, then: {}\n",
            show::text(&path),
            show::text(&command)
        ),
    )?;
    Ok(ExitCode::Success)
}

/// Asks, role by role, what LinkedIn does not say; Enter leaves an answer
/// open. Ends early, with what it has, at the end of the input.
pub fn ask(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    positions: &[Position],
) -> io::Result<Vec<Asked>> {
    let mut p = Prompter::new(input, output);
    let mut asked = Vec::new();
    p.say("LinkedIn does not say these; answer y or n, or Enter to leave one open")?;
    for (i, role) in positions.iter().enumerate() {
        p.say(&format!(
            "role {} of {}: {}",
            i + 1,
            positions.len(),
            show::text(&role.summary())
        ))?;
        let Some(dm) = p.until(
            "  a decision-making position: authority over projects or processes and their outcome? (y/n)",
            yes_no_open,
        )?
        else {
            break;
        };
        let Some(ft) = p.until("  full-time? (y/n)", yes_no_open)? else {
            asked.push(Asked {
                decision_making: dm,
                full_time: None,
            });
            break;
        };
        asked.push(Asked {
            decision_making: dm,
            full_time: ft,
        });
    }
    Ok(asked)
}

/// The export's files: from the zip at `path`, or from the folder (its
/// top level, then its subfolders one level down).
fn read_export(path: &Path, shown: &str) -> Result<ExportFiles, Vec<Error>> {
    let meta = std::fs::metadata(path).map_err(|source| {
        vec![Error::Read {
            path: path.to_path_buf(),
            source,
        }]
    })?;
    if !meta.is_dir() {
        let file: File = open_regular(path).map_err(|e| {
            vec![Error::Profile(vec![read_diagnostic(
                shown,
                &e,
                "a LinkedIn export",
            )])]
        })?;
        return linkedin::from_zip(file, shown).map_err(|d| vec![Error::Profile(vec![d])]);
    }
    // the top level, or else the first subfolder that has the files (an
    // export unzipped into a folder of its own), never a mix of several
    let mut folders = vec![path.to_path_buf()];
    folders.extend(subfolders(path));
    for folder in folders {
        let found = export_files_in(&folder);
        if found.is_empty() {
            continue;
        }
        let mut files = ExportFiles::default();
        for (name, p) in found {
            let file_shown = p.display().to_string();
            let bytes = read_capped(&p, linkedin::CSV_LIMIT).map_err(|e| {
                vec![Error::Profile(vec![match e {
                    ReadError::TooLarge { .. } => linkedin::too_large(&file_shown),
                    e => read_diagnostic(&file_shown, &e, "a LinkedIn export's file"),
                }])]
            })?;
            files.set(
                &name,
                ExportFile {
                    shown: file_shown,
                    bytes,
                },
            );
        }
        return Ok(files);
    }
    Ok(ExportFiles::default())
}

/// The files of [`linkedin::FILES`] in `folder` (any case), by name.
fn export_files_in(folder: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.is_dir())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            linkedin::FILES
                .iter()
                .any(|f| f.eq_ignore_ascii_case(&name))
                .then_some((name, p))
        })
        .collect();
    found.sort();
    found
}

fn subfolders(path: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn exists_error(path: &Path) -> Error {
    Error::Usage {
        message: format!("`{}` already exists", ShownPath(path)),
        help: Some("certcheck import never overwrites a file: give another `--out`".to_string()),
    }
}

fn refuse_existing(path: &Path) -> Result<(), Error> {
    if path.symlink_metadata().is_ok() {
        return Err(exists_error(path));
    }
    Ok(())
}

/// Writes `text` to `path`, which must not exist: whole (a temporary file
/// next to it, renamed into place without replacing anything) or not at
/// all.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = crate::atomic::temp_next_to(path).map_err(write_error)?;
    temp.as_file_mut()
        .write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(write_error)?;
    let temp_path = temp.path().to_path_buf();
    let persisted = temp.persist_noclobber(path);
    crate::atomic::forget(&temp_path);
    match persisted {
        Ok(_) => {
            let _ = crate::atomic::sync_folder(crate::atomic::folder_of(path));
            Ok(())
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(exists_error(path)),
        Err(e) => Err(write_error(e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::linkedin::When;
    use std::io::Cursor;

    fn role(title: &str) -> Position {
        Position {
            line: 2,
            employer: "Acme".into(),
            title: title.into(),
            description: String::new(),
            location: String::new(),
            start: When::Month(2016, 9),
            end: When::Blank,
        }
    }

    #[test]
    fn each_role_is_asked_and_enter_leaves_an_answer_open() {
        let roles = [role("Quality Manager"), role("Supervisor")];
        let mut out = Vec::new();
        let asked = ask(&mut Cursor::new("maybe\ny\n\n\nn\n"), &mut out, &roles).unwrap();
        assert_eq!(
            asked,
            [
                Asked {
                    decision_making: Some(true),
                    full_time: None
                },
                Asked {
                    decision_making: None,
                    full_time: Some(false)
                }
            ]
        );
        let said = String::from_utf8(out).unwrap();
        assert!(
            said.contains("role 1 of 2: Quality Manager at Acme (2016-09 to now)"),
            "{said}"
        );
        assert!(said.contains("role 2 of 2: Supervisor at Acme"), "{said}");
        assert!(
            said.contains("answer y or n, or Enter to leave it open"),
            "{said}"
        );
    }

    #[test]
    fn the_input_may_end_early() {
        let roles = [role("A"), role("B")];
        let mut out = Vec::new();
        let asked = ask(&mut Cursor::new("y\n"), &mut out, &roles).unwrap();
        assert_eq!(
            asked,
            [Asked {
                decision_making: Some(true),
                full_time: None
            }]
        );
    }
}
