//! Reading input files within documented size limits (see docs/limits.md).
//!
//! A file is never read whole before its size is known: the length in its
//! metadata is checked first, and the read itself stops one byte past the
//! limit (a file that grows meanwhile, or a pipe or device whose metadata
//! says nothing, is caught there).

use std::fs::File;
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
}

/// The bytes of the file at `path`, or an error if it cannot be read or is
/// larger than `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        // as `fs::read` says it, on every system
        return Err(ReadError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
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
    fn a_device_without_a_length_is_cut_at_the_limit() {
        // /dev/zero says its length is 0 and never ends
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 1024),
            Err(ReadError::TooLarge { limit: 1024 })
        ));
    }

    #[test]
    fn limits_in_words() {
        assert_eq!(show_limit(PROFILE_LIMIT), "8 MiB");
        assert_eq!(show_limit(100), "100 bytes");
    }
}
