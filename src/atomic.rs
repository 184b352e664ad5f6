//! Replacing a file all at once or not at all: a temporary file next to it
//! (the `tempfile` crate's, readable and writable by its owner only from the
//! moment it exists, removed on drop), written, flushed to disk, then
//! renamed over it, and the folder synced so the rename survives a power
//! cut. The profile editor (`profile::edit`, which adds a lock and a
//! changed-meanwhile check) and the calendar writer (`deadlines --ics`)
//! both go through here.
//!
//! A program that wants these files gone when it is stopped by SIGINT,
//! SIGTERM or SIGHUP calls [`remove_files_on_signals`] first (the CLI does,
//! for `log`, `renew` and `deadlines --ics`): from then on every temporary
//! file made here, and every file made through [`create_removable`] (the
//! profile's lock), is removed before the process exits with 128 + the
//! signal's number. Creating such a file and recording it happen under one
//! lock that the signal handler takes too, so no file is ever made and
//! missed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use tempfile::NamedTempFile;

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The prefix and suffix of the temporary files made for `path`
/// (`.p.toml.certcheck-` and `.tmp`, a random part between), so that ones a
/// killed process left behind can be recognised.
pub fn temp_affixes(path: &Path) -> (String, &'static str) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    (format!(".{name}.certcheck-"), ".tmp")
}

/// A new, empty temporary file next to `path`, open for writing, mode 0600
/// from its creation (before any byte is in it), removed when dropped
/// unless persisted.
///
/// The file is opened here rather than by `tempfile`'s own constructor:
/// errors then come back as the system gave them, without the temporary
/// file's random name (which `tempfile` adds, and which the user never
/// sees); the caller names the file it is replacing.
pub fn temp_next_to(path: &Path) -> io::Result<NamedTempFile> {
    let (prefix, suffix) = temp_affixes(path);
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .make_in(folder_of(path), private_new_file)
}

fn private_new_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    create_removable(path, || options.open(path))
}

// ----- removal on signals ---------------------------------------------------

/// The files to remove if a signal stops the process: `None` until
/// [`remove_files_on_signals`] is called (nothing is recorded before).
static PENDING: Mutex<Option<Vec<PathBuf>>> = Mutex::new(None);

fn pending() -> MutexGuard<'static, Option<Vec<PathBuf>>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the files recorded with
/// [`create_removable`] (temporary files and locks still in place), then
/// exit with 128 + the signal's number. Idempotent; the first call's result
/// is kept. A failure to set the handlers up leaves the signals' default
/// action (the process dies, and leaves its files).
pub fn remove_files_on_signals() -> io::Result<()> {
    static SET_UP: OnceLock<Result<(), io::ErrorKind>> = OnceLock::new();
    let done = SET_UP.get_or_init(|| {
        set_up_signals().map_err(|e| e.kind())?;
        pending().get_or_insert_with(Vec::new);
        Ok(())
    });
    done.map_err(io::Error::from)
}

#[cfg(unix)]
fn set_up_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("certcheck-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held until the process is gone: no file is created, and
                // none is removed by its owner, from here on.
                let mut files = pending();
                for path in files.iter().flatten() {
                    let _ = fs::remove_file(path);
                }
                files.take();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn set_up_signals() -> io::Result<()> {
    Ok(())
}

/// Creates the file at `path` with `create`, and records it for removal on
/// a signal (once [`remove_files_on_signals`] was called) in the same step:
/// a signal handled meanwhile waits, then removes it.
pub fn create_removable<T>(path: &Path, create: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    let mut files = pending();
    let made = create()?;
    if let Some(files) = files.as_mut() {
        files.push(path.to_path_buf());
    }
    Ok(made)
}

/// Removes a file recorded with [`create_removable`], and forgets it, in
/// one step (so a signal never removes a file of the same name made later,
/// by another process, after this one removed its own).
pub fn remove_recorded(path: &Path) -> io::Result<()> {
    let mut files = pending();
    let removed = fs::remove_file(path);
    forget_in(&mut files, path);
    removed
}

/// Forgets a file recorded with [`create_removable`] that is gone (a
/// temporary file renamed into place).
pub fn forget(path: &Path) {
    forget_in(&mut pending(), path);
}

fn forget_in(files: &mut Option<Vec<PathBuf>>, path: &Path) {
    if let Some(files) = files.as_mut()
        && let Some(i) = files.iter().rposition(|p| p == path)
    {
        files.swap_remove(i);
    }
}

/// Syncs a folder, so that a rename in it survives a power cut. Where the
/// system cannot sync folders this is a no-op.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(folder).and_then(|d| d.sync_all()) {
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Writes `bytes` to `path` all at once or not at all. A file already at
/// `path` keeps its permissions; a new one gets the temporary file's
/// (owner only). On failure `path` is untouched and no temporary file is
/// left; once it is replaced, the folder is synced if the system can.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let keep = fs::metadata(path).ok().map(|m| m.permissions());
    let mut temp = temp_next_to(path)?;
    let file = temp.as_file_mut();
    file.write_all(bytes)?;
    if let Some(perms) = keep {
        file.set_permissions(perms)?;
    }
    file.sync_all()?;
    let temp_path = temp.path().to_path_buf();
    let persisted = temp.persist(path).map_err(|e| e.error);
    forget(&temp_path);
    persisted?;
    // The file is in place; syncing its folder is best effort here (the
    // profile editor, which must say so, reports it itself).
    let _ = sync_folder(folder_of(path));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_temporary_file_is_private_from_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let temp = temp_next_to(&dir.path().join("p.toml")).unwrap();
        let mode = temp.as_file().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let name = temp.path().file_name().unwrap().to_string_lossy();
        assert!(name.starts_with(".p.toml.certcheck-") && name.ends_with(".tmp"));
    }

    /// An error creating the temporary file is the system's own, without
    /// the temporary file's random name: the caller names the file.
    #[test]
    fn errors_do_not_name_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = temp_next_to(&dir.path().join("missing").join("p.toml")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.raw_os_error().is_some(), "{e:?}");
        assert!(!e.to_string().contains("certcheck-"), "{e}");
        let e = write_atomically(&dir.path().join("missing").join("d.ics"), b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(!e.to_string().contains("certcheck-"), "{e}");
    }
}
