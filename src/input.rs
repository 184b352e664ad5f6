//! Reading input files within documented size limits (see docs/limits.md).
//!
//! A file is never read whole before its size is known: the length in its
//! metadata is checked first, and the read itself stops one byte past the
//! limit (a file that grows meanwhile, or a pipe or device whose metadata
//! says nothing, is caught there).
//!
//! Every file certcheck reads is opened by [`open_regular`]: without
//! blocking (opening a FIFO for reading would wait for a writer forever),
//! and refused unless it is a regular file (a symbolic link is followed).

use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::error::{Diagnostic, describe_io};

/// The largest profile certcheck reads: 8 MiB. A profile written by hand is
/// a few kilobytes; one with thousands of activities stays well below a
/// megabyte.
pub const PROFILE_LIMIT: u64 = 8 * 1024 * 1024;

/// The largest rule file (or rule test case file) certcheck reads: 8 MiB.
/// The built-in ones are under 30 KiB.
pub const RULE_FILE_LIMIT: u64 = 8 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// The file is larger than `limit` bytes; it was not read.
    TooLarge {
        limit: u64,
    },
    /// The file (after following symbolic links) is not a regular file:
    /// `kind` is "a FIFO", "a character device", "a block device", "a
    /// socket". It was not read.
    NotRegular {
        kind: &'static str,
    },
}

impl ReadError {
    /// The error as an I/O error, for callers that report only those: a
    /// non-regular file says what it is ("it is a FIFO, not a regular
    /// file"); a file too large says its limit.
    pub fn into_io(self) -> io::Error {
        match self {
            ReadError::Io(e) => e,
            ReadError::NotRegular { kind } => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("it is {kind}, not a regular file"),
            ),
            ReadError::TooLarge { limit } => io::Error::new(
                io::ErrorKind::InvalidData,
                format!("it is larger than the {} limit", show_limit(limit)),
            ),
        }
    }
}

/// What a file that is not a regular file or a folder is, in words: "a
/// FIFO", "a character device"; `None` for a regular file or a folder.
pub fn special_kind(t: FileType) -> Option<&'static str> {
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    Some("not a regular file")
}

/// Opens the file at `path` for reading, following symbolic links, and
/// refuses anything that is not a regular file before reading a byte: a
/// folder is "is a directory" (as `fs::read` says it), a FIFO, a device
/// or a socket is [`ReadError::NotRegular`]. The open itself does not block
/// (`O_NONBLOCK`: a FIFO without a writer would wait forever); the
/// returned file reads as any other, since a regular file ignores the flag.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    // What the path is, first: a socket cannot even be opened, and says
    // so only as "no such device or address".
    regular(std::fs::metadata(path).map_err(ReadError::Io)?.file_type())?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::Io)?;
    // and again what was opened, in case the path was replaced meanwhile
    regular(file.metadata().map_err(ReadError::Io)?.file_type())?;
    Ok(file)
}

/// `Ok` for a regular file; a folder is "is a directory", anything else
/// [`ReadError::NotRegular`].
fn regular(kind: FileType) -> Result<(), ReadError> {
    if kind.is_dir() {
        // as `fs::read` says it, on every system
        return Err(ReadError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    match special_kind(kind) {
        Some(kind) => Err(ReadError::NotRegular { kind }),
        None => Ok(()),
    }
}

/// The bytes of the file at `path`, or an error if it cannot be read, is
/// not a regular file (see [`open_regular`]) or is larger than `limit`
/// bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// A limit in words: "8 MiB".
pub fn show_limit(limit: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if limit >= MIB && limit.is_multiple_of(MIB) {
        format!("{} MiB", limit / MIB)
    } else {
        format!("{limit} bytes")
    }
}

/// The diagnostic for a read that failed: "cannot read `x`: reason" or
/// "`x` is larger than the 8 MiB limit for a profile". `what` is "a
/// profile", "a rule file".
pub fn read_diagnostic(file: &str, e: &ReadError, what: &str) -> Diagnostic {
    match e {
        ReadError::Io(e) => {
            Diagnostic::new(file, format!("cannot read `{file}`: {}", describe_io(e)))
        }
        ReadError::NotRegular { kind } => not_regular(file, kind, what),
        ReadError::TooLarge { limit } => Diagnostic::new(
            file,
            format!(
                "`{file}` is larger than the {} limit for {what}",
                show_limit(*limit)
            ),
        )
        .with_help(format!(
            "certcheck reads {what} of at most {} ({limit} bytes); is this the right file?",
            show_limit(*limit)
        )),
    }
}

/// "cannot read `x`: it is a FIFO, not a regular file", with a help line
/// naming what was expected (`what`: "a profile", "a rule file").
pub fn not_regular(file: &str, kind: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        file,
        format!("cannot read `{file}`: it is {kind}, not a regular file"),
    )
    .with_help(format!(
        "certcheck reads {what} only from a regular file (a symbolic link to one is followed)"
    ))
}

/// The diagnostic for a file that is not UTF-8, at its first bad byte (a
/// leading byte-order mark is skipped, as the loaders skip it).
pub fn not_utf8(file: &str, bytes: &[u8], help: &str) -> Diagnostic {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    Diagnostic::new(file, format!("`{file}` is not valid UTF-8 text"))
        .at(prefix, valid)
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_capped(&path, 9),
            Err(ReadError::TooLarge { limit: 9 })
        ));
        assert!(matches!(read_capped(dir.path(), 10), Err(ReadError::Io(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_unread() {
        // /dev/zero says its length is 0 and never ends
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 1024),
            Err(ReadError::NotRegular {
                kind: "a character device"
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // (a blocking open would wait here for ever: no one writes)
        assert!(matches!(
            open_regular(&fifo),
            Err(ReadError::NotRegular { kind: "a FIFO" })
        ));
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(matches!(
            read_capped(&link, 10),
            Err(ReadError::NotRegular { kind: "a FIFO" })
        ));
        let e = read_diagnostic(
            "f.toml",
            &ReadError::NotRegular { kind: "a FIFO" },
            "a profile",
        );
        assert_eq!(
            e.to_string(),
            "f.toml: cannot read `f.toml`: it is a FIFO, not a regular file\n  help: certcheck reads a profile only from a regular file (a symbolic link to one is followed)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        assert!(matches!(
            read_capped(&path, 10),
            Err(ReadError::NotRegular { kind: "a socket" })
        ));
    }

    #[test]
    fn limits_in_words() {
        assert_eq!(show_limit(PROFILE_LIMIT), "8 MiB");
        assert_eq!(show_limit(100), "100 bytes");
    }
}
