//! Replacing a file all at once or not at all: a temporary file next to it
//! (the `tempfile` crate's, readable and writable by its owner only from the
//! moment it exists, removed on drop), written, flushed to disk, then
//! renamed over it, and the folder synced so the rename survives a power
//! cut. The profile editor (`profile::edit`, which adds a lock and a
//! changed-meanwhile check) and the calendar writer (`deadlines --ics`)
//! both go through here.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

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
    options.open(path)
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
    temp.persist(path).map_err(|e| e.error)?;
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
