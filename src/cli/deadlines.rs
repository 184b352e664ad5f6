//! `certcheck deadlines`: validate the arguments, load, list the deadlines,
//! write the calendar (atomically), render.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::atomic;
use crate::dates::Date;
use crate::error::{Diagnostic, Error};
use crate::eval::deadlines::{self, Within};
use crate::input;
use crate::report::deadlines::{self as render, Extras};
use crate::report::ics;
use crate::rules::RuleSet;

use super::common::{ExitCode, FormatArg, Reporting, load_profile, text_width, write_out};

const EXAMPLE: &str = "\
Examples:
  certcheck deadlines examples/dana.toml --as-of 2026-11-25
  certcheck deadlines examples/dana.toml --within 6m --ics deadlines.ics";

/// `deadlines` as clap sees it: raw, not yet validated.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
pub struct DeadlinesArgs {
    /// The person's profile (a TOML file)
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// Only the deadlines up to this far ahead: a number and d (days),
    /// w (weeks), m (months) or y (years), such as 90d, 12w, 6m, 1y
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub within: Option<String>,

    /// Also write the deadlines to this iCalendar file (RFC 5545), one
    /// all-day event per deadline with reminders 90 and 30 days before, and
    /// UIDs that stay the same from one run to the next. A new file or a
    /// writable regular file (replaced whole; a symbolic link is followed);
    /// `-` writes the calendar to stdout instead of the report
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,

    #[command(flatten)]
    pub reporting: Reporting<Format>,
}

/// Output formats of `deadlines`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person: a table, soonest first
    Text,
    /// For programs: one JSON object
    Json,
}

impl FormatArg for Format {
    const DEFAULT: &'static str = "text";
    const HELP: &'static str = "How to write the report";
}

/// `deadlines`' arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlinesConfig {
    pub profile: PathBuf,
    pub within: Option<Within>,
    pub ics: Option<PathBuf>,
    pub as_of: Date,
    pub format: Format,
    pub rule_dirs: Vec<PathBuf>,
}

impl DeadlinesConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(
        args: DeadlinesArgs,
        today: impl FnOnce() -> Date,
    ) -> Result<DeadlinesConfig, Error> {
        let as_of = args.reporting.judging.as_of(today)?;
        let within = match &args.within {
            Some(s) => Some(Within::parse(s).ok_or_else(|| Error::Usage {
                message: format!("invalid duration `{s}` for `--within`"),
                help: Some(
                    "expected a whole number and d (days), w (weeks), m (months) or y (years), like `90d` or `6m`"
                        .to_string(),
                ),
            })?),
            None => None,
        };
        if let (Some(w), Some(s)) = (within, &args.within)
            && !crate::dates::in_range(w.until(as_of))
        {
            return Err(Error::Usage {
                message: format!(
                    "`--within {s}` reaches past 9999-12-31 from {}",
                    crate::dates::Ymd(as_of)
                ),
                help: Some(
                    "certcheck works with dates up to 9999-12-31; give a shorter time".to_string(),
                ),
            });
        }
        if let Some(path) = &args.ics
            && path.file_name().is_none()
        {
            return Err(Error::Usage {
                message: format!("`--ics` needs a file name, not `{}`", path.display()),
                help: Some("for example `--ics deadlines.ics`".to_string()),
            });
        }
        Ok(DeadlinesConfig {
            profile: args.profile,
            within,
            ics: args.ics,
            as_of,
            format: args.reporting.format,
            rule_dirs: args.reporting.judging.rules,
        })
    }
}

/// Loads the rules and the profile, lists the deadlines, writes the
/// calendar where asked and writes the report to `out`; when the calendar
/// cannot be written the run fails and nothing is shown.
pub fn run(
    config: &DeadlinesConfig,
    out: &mut (dyn Write + Send),
    _err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    let profile = load_profile(&config.profile, &rules, "deadlines")?;
    let ics_target = match &config.ics {
        Some(ics) => Some(check_ics_target(ics, &config.profile).map_err(|e| vec![e])?),
        None => None,
    };
    let mut schedule = deadlines::schedule(&rules, &profile, config.as_of);
    let mut extras = Extras::default();
    if let Some(w) = config.within {
        let until = w.until(config.as_of);
        schedule.keep_until(until);
        extras.within = Some((w, until));
    }
    Diagnostic::dates_in_range(&config.profile.display().to_string(), &schedule)
        .map_err(|d| vec![Error::Profile(vec![d])])?;
    match (&config.ics, ics_target) {
        (Some(_), Some(IcsTarget::Stdout)) => {
            // the calendar alone: stdout is one file a program reads
            write_out(out, &ics::render(&schedule))?;
            return Ok(ExitCode::of_report(schedule.exit_code()));
        }
        (Some(path), Some(IcsTarget::File(file))) => {
            // A temporary file is removed if a signal stops the run.
            let _ = atomic::remove_files_on_signals();
            write_atomically(&file, ics::render(&schedule).as_bytes()).map_err(|e| vec![e])?;
            extras.calendar = Some((path.display().to_string(), schedule.deadlines.len()));
        }
        _ => {}
    }
    let stdout = match config.format {
        Format::Text => {
            render::text_for(&schedule, &extras, text_width(io::stdout().is_terminal()))
        }
        Format::Json => render::json(&schedule, &extras),
    };
    write_out(out, &stdout)?;
    Ok(ExitCode::of_report(schedule.exit_code()))
}

/// Where `--ics` writes.
#[derive(Debug, PartialEq, Eq)]
enum IcsTarget {
    /// `--ics -`: stdout, instead of the report.
    Stdout,
    /// The file to replace (or create): the path given, or the file a
    /// symbolic link points to.
    File(PathBuf),
}

/// Where the calendar goes: stdout for `-`, else a new file or an existing
/// writable regular file (through a symbolic link, the file it points to,
/// as profiles are edited). Refuses a folder, a device, a FIFO, a socket, a
/// link to nothing, a read-only file and the profile itself, before
/// anything is written.
fn check_ics_target(ics: &Path, profile: &Path) -> Result<IcsTarget, Error> {
    if ics.as_os_str() == "-" {
        return Ok(IcsTarget::Stdout);
    }
    let refuse = |what: String, help: &str| Error::Usage {
        message: format!("`--ics {}` {what}", ics.display()),
        help: Some(format!("{help}; nothing was written")),
    };
    let file = match fs::symlink_metadata(ics) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(IcsTarget::File(ics.into())),
        Err(source) => {
            return Err(Error::Write {
                path: ics.to_path_buf(),
                source,
            });
        }
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(ics).map_err(|_| {
            refuse(
                "is a symbolic link to nothing".into(),
                "give a new file name, or make the link point to a file",
            )
        })?,
        Ok(_) => ics.to_path_buf(),
    };
    let meta = fs::metadata(&file).map_err(|source| Error::Write {
        path: ics.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Err(Error::Usage {
            message: format!("`--ics` names a folder, `{}`", ics.display()),
            help: Some("give a file name, for example `--ics deadlines.ics`".to_string()),
        });
    }
    if !meta.is_file() {
        return Err(refuse(
            format!(
                "is {}, not a regular file",
                input::special_kind(meta.file_type()).unwrap_or("a special file")
            ),
            "give a new file or a regular file to replace, or `-` for stdout",
        ));
    }
    if meta.permissions().readonly() {
        return Err(refuse(
            "is read-only".into(),
            "make it writable to let certcheck replace it",
        ));
    }
    let same = match (fs::canonicalize(&file), fs::canonicalize(profile)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::Usage {
            message: format!("`--ics {}` would overwrite the profile", ics.display()),
            help: Some(
                "give the calendar its own file, for example `--ics deadlines.ics`".to_string(),
            ),
        });
    }
    Ok(IcsTarget::File(file))
}

/// Writes `bytes` to `path` all at once or not at all (see
/// [`crate::atomic`]); an error names `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    atomic::write_atomically(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::common::Judging;
    use crate::dates::date;
    use crate::eval::deadlines::WithinUnit;

    fn args(within: Option<&str>) -> DeadlinesArgs {
        DeadlinesArgs {
            profile: PathBuf::from("p.toml"),
            within: within.map(str::to_string),
            ics: Some(PathBuf::from("out/d.ics")),
            reporting: Reporting {
                judging: Judging {
                    as_of: Some("2026-11-25".to_string()),
                    rules: vec![],
                },
                format: Format::Json,
            },
        }
    }

    #[test]
    fn arguments_are_checked_before_any_work() {
        let c = DeadlinesConfig::from_args(args(Some("6m")), || {
            panic!("the clock must not be read when --as-of is given")
        })
        .unwrap();
        assert_eq!(
            c,
            DeadlinesConfig {
                profile: PathBuf::from("p.toml"),
                within: Some(Within {
                    amount: 6,
                    unit: WithinUnit::Months
                }),
                ics: Some(PathBuf::from("out/d.ics")),
                as_of: date(2026, 11, 25),
                format: Format::Json,
                rule_dirs: vec![],
            }
        );
        let mut a = args(None);
        a.reporting.judging.as_of = None;
        let c = DeadlinesConfig::from_args(a, || date(2030, 1, 2)).unwrap();
        assert_eq!((c.as_of, c.within), (date(2030, 1, 2), None));
    }

    #[test]
    fn bad_within_says_what_is_expected() {
        for bad in ["3 months", "6", "m", "-1d", "1.5y", "6M"] {
            let e = DeadlinesConfig::from_args(args(Some(bad)), || date(2026, 1, 1)).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "invalid duration `{bad}` for `--within`\n  help: expected a whole number and d (days), w (weeks), m (months) or y (years), like `90d` or `6m`"
                )
            );
        }
    }

    #[test]
    fn bad_as_of_and_ics_without_a_file_name() {
        let mut a = args(None);
        a.reporting.judging.as_of = Some("2023-02-30".into());
        let e = DeadlinesConfig::from_args(a, || date(2026, 1, 1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid date `2023-02-30` for `--as-of`\n  help: expected a date like `2026-11-25`"
        );
        for bad in ["..", "/", "out/.."] {
            let mut a = args(None);
            a.ics = Some(PathBuf::from(bad));
            let e = DeadlinesConfig::from_args(a, || date(2026, 1, 1)).unwrap_err();
            assert!(
                e.to_string().starts_with("`--ics` needs a file name"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ics");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["d.ics"], "no temporary file is left");
        // a folder that does not exist: an error naming the file, nothing written
        let missing = dir.path().join("nope/d.ics");
        let e = write_atomically(&missing, b"x").unwrap_err();
        assert!(matches!(e, Error::Write { .. }), "{e}");
        assert!(!missing.exists());
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_the_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ics");
        fs::write(&path, "old").unwrap();
        // (not 0600, which the temporary file has from its creation)
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
