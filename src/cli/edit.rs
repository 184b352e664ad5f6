//! What `log` and `renew` share: open a profile for editing under its lock,
//! find the held certification, prove an edit reads back as intended, save
//! it, and say where the renewal stands.

use std::io::Write;
use std::path::Path;

use crate::atomic;

use crate::error::Error;
use crate::eval::Renewal;
use crate::profile::edit::{Edit, EditError, TextError};
use crate::profile::model::Held;
use crate::profile::{self, Profile};
use crate::rules::RuleSet;
use crate::show::{Shown, ShownPath};

use crate::error::describe_io;

use super::common::{ExitCode, error_lines, write_err, write_out};

/// A profile opened for editing: the lock is held until it is saved or
/// dropped.
pub struct Opened {
    pub edit: Edit,
    /// The bytes read, as text (the strict loader has accepted them).
    pub text: String,
    pub profile: Profile,
}

/// Takes the profile's lock, reads it and loads it strictly. A bad profile
/// is refused here, before anything is written. From here on SIGINT,
/// SIGTERM and SIGHUP remove the lock and any temporary file before the
/// process exits (128 + the signal). A stale lock taken over is a warning
/// on `err`.
pub fn open(path: &Path, rules: &RuleSet, err: &mut dyn Write) -> Result<Opened, Error> {
    // Without the handlers a signal leaves the lock behind, as before; a
    // later edit takes a lock whose process is gone over.
    if profile::FileFormat::of(path) != profile::FileFormat::Toml {
        let shown = ShownPath(path);
        return Err(Error::Usage {
            message: format!(
                "`{shown}` is a JSON profile: `log`, `renew` and `activities --remove` edit TOML profiles only"
            ),
            help: Some(
                "keep the profile as TOML (`.toml`) to edit it with certcheck; `check`, `deadlines`, `screen` and `activities` read JSON".to_string(),
            ),
        });
    }
    let _ = atomic::remove_files_on_signals();
    let edit = Edit::open(path).map_err(|e| edit_error(&e))?;
    if let Some(stale) = edit.took_over() {
        write_err(
            err,
            &format!(
                "warning: removed the stale lock `{}`: the certcheck that made it (process {}) is no longer running\n",
                ShownPath(&stale.lock),
                stale.pid
            ),
        );
    }
    let profile = profile::parse_bytes(edit.original(), path, rules)?;
    let text = String::from_utf8(edit.original().to_vec())
        .map_err(|_| internal(path, "its text is not UTF-8 after all"))?;
    Ok(Opened {
        edit,
        text,
        profile,
    })
}

/// The profile's `[[certifications]]` entry for `cert`, or an error.
pub fn held<'p>(profile: &'p Profile, cert: &str, path: &Path) -> Result<&'p Held, Error> {
    if let Some(h) = profile.certifications.iter().find(|h| h.id == cert) {
        return Ok(h);
    }
    let held: Vec<String> = profile
        .certifications
        .iter()
        .map(|h| format!("`{}`", h.id))
        .collect();
    let holds = if held.is_empty() {
        "it holds none".to_string()
    } else {
        format!("it holds {}", held.join(", "))
    };
    let help = format!(
        "add a `[[certifications]]` entry with `id = \"{cert}\"` and the day it was `earned` first ({holds})"
    );
    Err(Error::Usage {
        message: format!(
            "`{}` does not hold `{cert}`: it is not in its `[[certifications]]`",
            path.display()
        ),
        help: Some(help),
    })
}

/// Saves `new_text` once the strict loader proves it reads back as exactly
/// `expected`. `Ok(Some(warning))`: saved, with something to say on stderr.
pub fn save(
    path: &Path,
    opened: Opened,
    new_text: Result<String, TextError>,
    expected: &Profile,
    rules: &RuleSet,
) -> Result<Option<String>, Error> {
    let new_text = new_text.map_err(|e| internal(path, &e.to_string()))?;
    match profile::parse_bytes(new_text.as_bytes(), path, rules) {
        Ok(p) if p == *expected => {}
        _ => {
            return Err(internal(
                path,
                "the edited text does not read back as intended",
            ));
        }
    }
    match opened.edit.commit(new_text.as_bytes()) {
        Ok(()) => Ok(None),
        Err(e @ EditError::NotSynced { .. }) => Ok(Some(warning_lines(&e))),
        Err(e) => Err(edit_error(&e)),
    }
}

/// What `log` and `renew` say on stderr once the profile is saved, before
/// anything on stdout: `saved `PATH``, then any warning from the save.
pub fn saved(path: &Path, warning: Option<String>) -> String {
    format!(
        "saved `{}`\n{}",
        ShownPath(path),
        warning.unwrap_or_default()
    )
}

/// Writes the report of a saved edit to `out`. The edit is in the file
/// already, so a stdout that cannot be written (a full disk, a closed
/// pipe) is a warning on `err`, not an error: the exit code stays 0 and a
/// script that retries on failure does not make the edit twice
/// (docs/decisions.md). Returns the exit code: `SavedReportLost` when the
/// report could not be written.
pub fn report_after_save(
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
    report: &str,
) -> ExitCode {
    let Err(errors) = write_out(out, report) else {
        return ExitCode::Success;
    };
    for e in &errors {
        let line = error_lines(e);
        let line = line.strip_prefix("error: ").unwrap_or(&line);
        write_err(
            err,
            &format!("warning: {line}  help: the edit is saved; do not run the command again\n"),
        );
    }
    ExitCode::SavedReportLost
}

/// An edit error as the CLI prints it: I/O reasons in house style.
fn edit_error(e: &EditError) -> Error {
    let message = match e {
        EditError::Io {
            action,
            path,
            source,
        } => format!(
            "cannot {action} `{}`: {}",
            path.display(),
            describe_io(source)
        ),
        other => other.to_string(),
    };
    Error::Usage {
        message,
        help: e.help(),
    }
}

fn warning_lines(e: &EditError) -> String {
    let message = match e {
        EditError::NotSynced { path, source } => format!(
            "`{}` was saved, but its folder could not be synced to disk: {}",
            path.display(),
            describe_io(source)
        ),
        other => other.to_string(),
    };
    let help = e
        .help()
        .map(|h| format!("\n  help: {}", Shown(&h)))
        .unwrap_or_default();
    format!("warning: {}{help}\n", Shown(&message))
}

/// A bug: an edit the tool refuses to write because it cannot prove it.
fn internal(path: &Path, why: &str) -> Error {
    Error::Usage {
        message: format!("internal error: cannot edit `{}`: {why}", path.display()),
        help: Some(format!(
            "this is a bug in certcheck; `{}` is unchanged. Please report it with the command you ran",
            path.display()
        )),
    }
}

/// "cmq-oe: 10 of 18 RU counted in the cycle 2024-10-16 to 2027-10-15, 8
/// still needed", with any unmet minimums; the rules' words (the unit, the
/// categories) shown with [`crate::show::text`].
pub fn progress(cert: &str, r: &Renewal) -> String {
    let mut line = format!(
        "{cert}: {} of {} {} counted in the cycle {} to {}",
        r.units_counted,
        r.units_required,
        Shown(crate::units::unit_word(r.units_required, r.unit)),
        r.cycle_start,
        r.cycle_end
    );
    if r.units_needed.is_positive() {
        line.push_str(&format!(", {} still needed", r.units_needed));
    } else {
        line.push_str(", none still needed");
    }
    let short = r.unmet_minimums();
    if !short.is_empty() {
        line.push_str(&format!("; minimums: {}", Shown(&short.join(", "))));
    }
    line
}
