//! Lossless, atomic edits of a profile file (`certcheck log`, `renew`,
//! `add`).
//!
//! Two halves:
//!
//! - **Text**: [`append_activity`] and [`add_renewal`] compute the edited
//!   text by *inserting* text into the original: every byte the user wrote
//!   (comments, blank lines, key order, quoting, CRLF line endings, a missing
//!   final newline) is kept. `toml_edit` is used only to find where to insert.
//! - **File**: [`Edit`] takes the profile's lock file, reads the bytes, and
//!   [`Edit::commit`] replaces the file atomically: a temporary file in the
//!   same folder (`tempfile`'s, created readable by its owner only, then
//!   given the profile's permissions), written and synced, the file on disk
//!   compared with the bytes read at the start, a rename over the original,
//!   the folder synced. A failure at any step leaves the old bytes in place
//!   and no temporary file behind.
//!
//! The caller checks the edited text with the strict loader before it
//! commits (see `cli::log`): an edit that would not read back as exactly the
//! intended profile is never written.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tempfile::NamedTempFile;
use toml_edit::{Array, Document, InlineTable, Item, Table, Value};

use crate::atomic::{self, folder_of, sync_folder, temp_affixes};
use crate::dates::Date;
use crate::input::{PROFILE_LIMIT, ReadError, read_capped, show_limit};
use crate::profile::model::Activity;

mod entry;
mod exam;
mod remove;
pub use entry::append_entry;
pub use exam::append_exam_pass;
pub use remove::remove_activity;

// ----- text -------------------------------------------------------------------

/// Why a profile's text could not be edited. The caller has already loaded
/// the text with the strict loader, so these mean a layout the editor does
/// not handle (or a bug), never a bad profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError(pub String);

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `text` with `activity` appended as the last activity: a new
/// `[[activities]]` table at the end of the file, or, where the file keeps
/// its activities in an inline array (`activities = [ {...} ]`), a new inline
/// table at the end of that array.
pub fn append_activity(text: &str, activity: &Activity) -> Result<String, TextError> {
    let src = Source::new(text)?;
    let certifications: Vec<String> = activity
        .certifications
        .iter()
        .map(|c| basic_string(c))
        .collect();
    let optional = |key, value: &Option<String>| value.as_deref().map(|v| (key, basic_string(v)));
    let pairs: Vec<String> = [
        Some(("date", activity.date.to_string())),
        Some(("certifications", format!("[{}]", certifications.join(", ")))),
        Some(("category", basic_string(&activity.category))),
        Some(("units", activity.units.to_string())),
        optional("description", &activity.description),
        optional("evidence", &activity.evidence),
    ]
    .into_iter()
    .flatten()
    .map(|(k, v)| format!("{k} = {v}"))
    .collect();
    match src.doc.get("activities") {
        None | Some(Item::ArrayOfTables(_)) => Ok(src.append_table("activities", &pairs)),
        Some(Item::Value(Value::Array(array))) => {
            let value = format!("{{ {} }}", pairs.join(", "));
            src.insert_into_array(array, &value)
        }
        Some(_) => Err(TextError(
            "`activities` is neither a list of `[[activities]]` tables nor an array".into(),
        )),
    }
}

/// `text` with `date` added to the `renewals` of the `[[certifications]]`
/// entry whose id is `cert`: at the end of its `renewals` array, or as a new
/// `renewals = [DATE]` after the entry's last key.
pub fn add_renewal(text: &str, cert: &str, date: Date) -> Result<String, TextError> {
    let src = Source::new(text)?;
    let is_cert = |id: Option<&Value>| id.and_then(Value::as_str) == Some(cert);
    let not_found = || TextError(format!("no `[[certifications]]` entry has the id `{cert}`"));
    match src.doc.get("certifications") {
        Some(Item::ArrayOfTables(entries)) => {
            let entry = entries
                .iter()
                .find(|t| is_cert(t.get("id").and_then(Item::as_value)))
                .ok_or_else(not_found)?;
            src.add_renewal_to_table(entry, date)
        }
        Some(Item::Value(Value::Array(entries))) => {
            let entry = entries
                .iter()
                .filter_map(Value::as_inline_table)
                .find(|t| is_cert(t.get("id")))
                .ok_or_else(not_found)?;
            src.add_renewal_to_inline_table(entry, date)
        }
        _ => Err(not_found()),
    }
}

/// A profile's text, parsed for positions.
struct Source<'a> {
    text: &'a str,
    /// The text after a byte-order mark; spans are relative to it.
    body: &'a str,
    /// Where `body` starts in `text`.
    offset: usize,
    doc: Document<&'a str>,
    /// The file's line ending: CRLF when its first line ends with one.
    eol: &'static str,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Result<Source<'a>, TextError> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let offset = text.len() - body.len();
        let doc = Document::parse(body)
            .map_err(|e| TextError(format!("the profile is not valid TOML: {e}")))?;
        let eol = match body.find('\n') {
            Some(i) if body[..i].ends_with('\r') => "\r\n",
            _ => "\n",
        };
        Ok(Source {
            text,
            body,
            offset,
            doc,
            eol,
        })
    }

    /// The text with a new `[[key]]` table of `pairs` at its end, after
    /// one blank line.
    fn append_table(&self, key: &str, pairs: &[String]) -> String {
        let mut table = format!("[[{key}]]");
        for p in pairs {
            table.push_str(self.eol);
            table.push_str(p);
        }
        table.push_str(self.eol);
        self.append_at_end(&table)
    }

    /// The text with `table` (ending in a line end) at its end, after one
    /// blank line.
    fn append_at_end(&self, table: &str) -> String {
        let (text, eol) = (self.text, self.eol);
        let mut out = String::with_capacity(text.len() + table.len() + 4);
        out.push_str(text);
        if !self.body.is_empty() {
            if !text.ends_with('\n') {
                out.push_str(eol);
            }
            // one blank line before the new table
            if !out.ends_with(&format!("{eol}{eol}")) {
                out.push_str(eol);
            }
        }
        out.push_str(table);
        out
    }

    fn span(&self, span: Option<Range<usize>>, what: &str) -> Result<Range<usize>, TextError> {
        span.filter(|s| s.end <= self.body.len() && s.start <= s.end)
            .ok_or_else(|| TextError(format!("cannot locate {what} in the profile")))
    }

    /// `text` with each `(offset into body, insertion)` inserted.
    fn splice(&self, mut inserts: Vec<(usize, String)>) -> String {
        inserts.sort_by_key(|(at, _)| *at);
        let extra: usize = inserts.iter().map(|(_, s)| s.len()).sum();
        let mut out = String::with_capacity(self.text.len() + extra);
        let mut from = 0;
        for (at, s) in inserts {
            let at = at + self.offset;
            out.push_str(&self.text[from..at]);
            out.push_str(&s);
            from = at;
        }
        out.push_str(&self.text[from..]);
        out
    }

    /// The offset just after the end of the line `at` is on (after its
    /// `\n`), or the body's length on the last line.
    fn next_line(&self, at: usize) -> usize {
        self.body[at..]
            .find('\n')
            .map_or(self.body.len(), |i| at + i + 1)
    }

    /// The offset of the start of the line `at` is on.
    fn line_start(&self, at: usize) -> usize {
        self.body[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Whether the line starting at `at` holds only spaces and tabs.
    fn is_blank_line(&self, at: usize) -> bool {
        let end = self.next_line(at);
        self.body[at..end].trim().is_empty()
    }

    /// The spaces and tabs that start the line `at` is on.
    fn indent_of(&self, at: usize) -> &'a str {
        let start = self.body[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.body[start..at];
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    }

    /// `value` added as the last element of `array`. In an array written
    /// one element per line, the new element gets a line of its own (with
    /// the last element's indentation and the array's trailing-comma style);
    /// otherwise `, value` goes right after the last element.
    fn insert_into_array(&self, array: &Array, value: &str) -> Result<String, TextError> {
        let span = self.span(array.span(), "the array")?;
        let Some(last) = array.iter().last() else {
            // `[]`: right after the `[`
            return Ok(self.splice(vec![(span.start + 1, value.to_string())]));
        };
        let last = self.span(last.span(), "the array's last element")?;
        let close = span.end.saturating_sub(1);
        let line_end = self.next_line(last.end);
        let rest = self.body[last.end..line_end].trim_end_matches(['\r', '\n']);
        let (comma, comment) = match rest.trim_start_matches([' ', '\t']).strip_prefix(',') {
            Some(after) => (true, after.trim_start_matches([' ', '\t'])),
            None => (false, rest.trim_start_matches([' ', '\t'])),
        };
        let own_line = line_end <= close && (comment.is_empty() || comment.starts_with('#'));
        if !own_line {
            return Ok(self.splice(vec![(last.end, format!(", {value}"))]));
        }
        let indent = self.indent_of(last.start);
        let eol = self.eol;
        // the last line may lack a newline only at the end of the body,
        // which `line_end <= close` rules out
        let mut inserts = vec![(
            line_end,
            format!("{indent}{value}{}{eol}", if comma { "," } else { "" }),
        )];
        if !comma {
            inserts.push((last.end, ",".to_string()));
        }
        Ok(self.splice(inserts))
    }

    fn add_renewal_to_table(&self, entry: &Table, date: Date) -> Result<String, TextError> {
        if let Some(item) = entry.get("renewals") {
            let array = item
                .as_array()
                .ok_or_else(|| TextError("`renewals` is not an array".into()))?;
            return self.insert_into_array(array, &renewal_value(array, date));
        }
        // After the entry's last key-value line, with its indentation.
        let mut last: Option<(usize, usize)> = None; // (key start, value end)
        for (key, item) in entry.iter() {
            let value = self.span(item.span(), &format!("`{key}`"))?;
            let key = self.span(entry.key(key).and_then(|k| k.span()), "a key")?;
            if last.is_none_or(|(_, end)| value.end > end) {
                last = Some((key.start, value.end));
            }
        }
        let Some((key_start, value_end)) = last else {
            return Err(TextError("the certification entry has no keys".into()));
        };
        let at = self.next_line(value_end);
        let eol = self.eol;
        let indent = self.indent_of(key_start);
        let line = format!("{indent}renewals = [{date}]{eol}");
        let insert = if self.body[..at].ends_with('\n') {
            line
        } else {
            format!("{eol}{line}")
        };
        Ok(self.splice(vec![(at, insert)]))
    }

    fn add_renewal_to_inline_table(
        &self,
        entry: &InlineTable,
        date: Date,
    ) -> Result<String, TextError> {
        if let Some(value) = entry.get("renewals") {
            let array = value
                .as_array()
                .ok_or_else(|| TextError("`renewals` is not an array".into()))?;
            return self.insert_into_array(array, &renewal_value(array, date));
        }
        let mut end: Option<usize> = None;
        for (key, value) in entry.iter() {
            let span = self.span(value.span(), &format!("`{key}`"))?;
            end = end.max(Some(span.end));
        }
        let end = end.ok_or_else(|| TextError("the certification entry has no keys".into()))?;
        Ok(self.splice(vec![(end, format!(", renewals = [{date}]"))]))
    }
}

/// A renewal date in the style of the array's existing ones: a string where
/// they are strings, else a TOML date.
fn renewal_value(array: &Array, date: Date) -> String {
    match array.iter().last() {
        Some(Value::String(_)) => basic_string(&date.to_string()),
        _ => date.to_string(),
    }
}

/// `s` as a TOML basic string on one line: `"`, `\` and control characters
/// escaped.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ----- files ------------------------------------------------------------------

/// How long [`Edit::open`] waits for another certcheck's lock to go.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// The steps of [`Edit::commit_with`], in order; a test hook may fail at any
/// of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The temporary file exists, empty.
    TempCreated,
    /// The new bytes are written to it.
    Written,
    /// It is synced to disk (and has the original's permissions).
    Synced,
    /// The file on disk is still the one read; the rename is next.
    BeforeRename,
    /// The temporary file has replaced the profile.
    Renamed,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::TempCreated,
        Step::Written,
        Step::Synced,
        Step::BeforeRename,
        Step::Renamed,
    ];
}

/// Why an edit was not saved (or, for [`EditError::NotSynced`], saved but
/// perhaps not yet durable).
#[derive(Debug)]
pub enum EditError {
    /// Another certcheck holds the lock file.
    Busy {
        path: PathBuf,
        lock: PathBuf,
        /// What the lock file says about its holder, if readable.
        holder: Option<String>,
    },
    /// The file on disk is not the one read at the start (another program
    /// saved it meanwhile). Nothing was written.
    Changed { path: PathBuf },
    /// The profile is read-only; certcheck does not replace it.
    ReadOnly { path: PathBuf },
    /// The profile is larger than the limit for a profile; it was not read.
    TooLarge { path: PathBuf, limit: u64 },
    /// The edited profile would be larger than the limit for a profile (and
    /// no command could read it again); nothing was written.
    WouldBeTooLarge {
        path: PathBuf,
        limit: u64,
        size: u64,
    },
    /// An I/O step failed; the profile is unchanged.
    Io {
        /// What was being done: "read", "lock", "write a temporary file for".
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// The profile was replaced, but its folder could not be synced: the
    /// new bytes are in place, and may not survive a power cut until the
    /// system writes them out.
    NotSynced { path: PathBuf, source: io::Error },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Busy { path, .. } => write!(
                f,
                "`{}` is being edited by another certcheck",
                path.display()
            ),
            EditError::Changed { path } => write!(
                f,
                "`{}` changed while certcheck was editing it",
                path.display()
            ),
            EditError::ReadOnly { path } => write!(f, "`{}` is read-only", path.display()),
            EditError::TooLarge { path, limit } => write!(
                f,
                "`{}` is larger than the {} limit for a profile",
                path.display(),
                show_limit(*limit)
            ),
            EditError::WouldBeTooLarge { path, limit, size } => write!(
                f,
                "the edit would make `{}` {size} bytes, larger than the {} limit for a profile",
                path.display(),
                show_limit(*limit)
            ),
            EditError::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} `{}`: {source}", path.display()),
            EditError::NotSynced { path, source } => write!(
                f,
                "`{}` was saved, but its folder could not be synced to disk: {source}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl EditError {
    /// The `help:` line for a person.
    pub fn help(&self) -> Option<String> {
        match self {
            EditError::Busy { lock, holder, .. } => {
                let by = holder
                    .as_deref()
                    .map(|h| format!(" (it says: {h})"))
                    .unwrap_or_default();
                Some(format!(
                    "the lock file `{}` exists{by}; try again when the other certcheck is done. If no certcheck is running, the lock is stale (left by one that was killed): remove `{}` and try again",
                    lock.display(),
                    lock.display()
                ))
            }
            EditError::Changed { .. } => Some(
                "another program saved it meanwhile; nothing was written. Run the command again to edit the new version".into(),
            ),
            EditError::ReadOnly { .. } => {
                Some("make it writable to let certcheck edit it; nothing was written".into())
            }
            EditError::Io { .. } | EditError::TooLarge { .. } => {
                Some("the profile is unchanged".into())
            }
            EditError::WouldBeTooLarge { .. } => Some(
                "the profile is unchanged; no command reads a profile past the limit. Move older activities to an archive file to make room".into(),
            ),
            EditError::NotSynced { .. } => {
                Some("the edit is in the file; do not run the command again".into())
            }
        }
    }
}

/// The lock file `PROFILE.lock`, held while it exists; removed on drop.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = atomic::remove_recorded(&self.path);
    }
}

/// A lock file left by a certcheck that is no longer running, removed so
/// that this edit could take the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleLock {
    /// The lock file.
    pub lock: PathBuf,
    /// The process it named, which is gone.
    pub pid: u32,
}

/// What a lock file says: `certcheck VERSION (process PID on host HOST)`.
fn lock_text(pid: u32, host: &str) -> String {
    format!(
        "certcheck {} (process {pid} on host {host})",
        env!("CARGO_PKG_VERSION")
    )
}

/// The process and host a lock file's text names, if it is in the form
/// [`lock_text`] writes (any version).
#[cfg_attr(not(unix), allow(dead_code))]
fn lock_holder(text: &str) -> Option<(u32, &str)> {
    let rest = text
        .trim_end_matches(['\n', '\r'])
        .strip_prefix("certcheck ")?;
    let (_version, rest) = rest.split_once(" (process ")?;
    let (pid, host) = rest.strip_suffix(')')?.split_once(" on host ")?;
    let pid = pid.parse().ok().filter(|&p| p > 0)?;
    Some((pid, host))
}

/// `path` with `suffix` added to its file name (`p.toml` → `p.toml.lock`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// One edit of one profile: the lock is held and the bytes are read from
/// [`Edit::open`] until [`Edit::commit`] (or drop).
#[derive(Debug)]
pub struct Edit {
    /// The file edited: the path given, or the file a symbolic link points to.
    path: PathBuf,
    original: Vec<u8>,
    permissions: fs::Permissions,
    _lock: Lock,
    took_over: Option<StaleLock>,
}

impl Edit {
    /// Takes the lock (waiting up to [`LOCK_WAIT`] for another certcheck to
    /// finish) and reads the profile.
    pub fn open(path: &Path) -> Result<Edit, EditError> {
        Edit::open_waiting(path, LOCK_WAIT)
    }

    /// [`Edit::open`], waiting up to `wait` for the lock.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<Edit, EditError> {
        let io = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| EditError::Io {
                action,
                path,
                source,
            }
        };
        // A symbolic link is followed: the file it points to is edited, and
        // the link stays a link.
        let link = fs::symlink_metadata(path).map_err(io("read", path))?;
        let path = if link.file_type().is_symlink() {
            fs::canonicalize(path).map_err(io("read", path))?
        } else {
            path.to_path_buf()
        };
        let meta = fs::metadata(&path).map_err(io("read", &path))?;
        // (before the lock: opening a FIFO would wait for a writer)
        if let Some(kind) = crate::input::special_kind(meta.file_type()) {
            let e = ReadError::NotRegular { kind }.into_io();
            return Err(io("read", &path)(e));
        }
        if meta.permissions().readonly() {
            return Err(EditError::ReadOnly { path });
        }
        let (lock, took_over) = acquire(&path, wait)?;
        remove_stale_temps(&path);
        let original = match read_capped(&path, PROFILE_LIMIT) {
            Ok(bytes) => bytes,
            Err(ReadError::TooLarge { limit }) => {
                return Err(EditError::TooLarge { path, limit });
            }
            Err(e) => return Err(io("read", &path)(e.into_io())),
        };
        Ok(Edit {
            path,
            original,
            permissions: meta.permissions(),
            _lock: lock,
            took_over,
        })
    }

    /// The stale lock this edit took over, if the lock file was left by a
    /// certcheck that is no longer running (for a warning).
    pub fn took_over(&self) -> Option<&StaleLock> {
        self.took_over.as_ref()
    }

    /// The file being edited.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bytes read when the edit was opened.
    pub fn original(&self) -> &[u8] {
        &self.original
    }

    /// Replaces the profile with `new`, atomically (see the module docs).
    pub fn commit(self, new: &[u8]) -> Result<(), EditError> {
        self.commit_with(new, &mut |_| Ok(()))
    }

    /// [`Edit::commit`], calling `hook` after each [`Step`]; an error from
    /// the hook fails the commit there, as a real I/O error would.
    pub fn commit_with(
        self,
        new: &[u8],
        hook: &mut dyn FnMut(Step) -> io::Result<()>,
    ) -> Result<(), EditError> {
        // A profile past the limit could never be read again.
        let size = new.len() as u64;
        if size > PROFILE_LIMIT {
            return Err(EditError::WouldBeTooLarge {
                path: self.path,
                limit: PROFILE_LIMIT,
                size,
            });
        }
        // (removed on drop, until it has replaced the profile)
        let mut temp = self.create_temp()?;
        let temp_path = temp.path().to_path_buf();
        let at = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source| EditError::Io {
                action,
                path,
                source,
            }
        };
        let write_temp = "write the temporary file";
        hook(Step::TempCreated).map_err(at(write_temp, &temp_path))?;
        let file = temp.as_file_mut();
        file.write_all(new).map_err(at(write_temp, &temp_path))?;
        hook(Step::Written).map_err(at(write_temp, &temp_path))?;
        file.set_permissions(self.permissions.clone())
            .map_err(at(write_temp, &temp_path))?;
        file.sync_all().map_err(at(write_temp, &temp_path))?;
        hook(Step::Synced).map_err(at(write_temp, &temp_path))?;
        match read_capped(&self.path, PROFILE_LIMIT) {
            Ok(now) if now == self.original => {}
            // changed, grown past the limit, or gone: not what was read
            Ok(_) | Err(ReadError::TooLarge { .. }) => {
                return Err(EditError::Changed { path: self.path });
            }
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                return Err(EditError::Changed { path: self.path });
            }
            Err(e) => return Err(at("read", &self.path)(e.into_io())),
        }
        hook(Step::BeforeRename).map_err(at("replace", &self.path))?;
        // (on failure the temporary file comes back in the error, and is
        // removed when that is dropped)
        let persisted = temp.persist(&self.path);
        atomic::forget(&temp_path);
        persisted.map_err(|e| at("replace", &self.path)(e.error))?;
        let synced = hook(Step::Renamed).and_then(|()| sync_folder(folder_of(&self.path)));
        synced.map_err(|source| EditError::NotSynced {
            path: self.path.clone(),
            source,
        })
    }

    /// A new temporary file next to the profile, opened for writing,
    /// readable and writable by its owner only until it is given the
    /// profile's permissions.
    fn create_temp(&self) -> Result<NamedTempFile, EditError> {
        atomic::temp_next_to(&self.path).map_err(|source| EditError::Io {
            action: "create a temporary file next to",
            path: self.path.clone(),
            source,
        })
    }
}

/// Creates `PROFILE.lock` (create_new: exactly one process can), waiting up
/// to `wait` while another certcheck holds it. A lock whose holder is gone
/// (a process of this host that no longer runs) is removed and taken
/// instead (see [`remove_if_stale`]), and returned for a warning.
fn acquire(path: &Path, wait: Duration) -> Result<(Lock, Option<StaleLock>), EditError> {
    let lock = with_suffix(path, ".lock");
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    let mut took_over = None;
    loop {
        let created = atomic::create_removable(&lock, || {
            OpenOptions::new().write(true).create_new(true).open(&lock)
        });
        match created {
            Ok(mut f) => {
                let held = Lock { path: lock };
                // Who holds it: for a person looking at it, and for a later
                // certcheck to tell whether its holder is still running.
                let host = host_name().unwrap_or_default();
                let _ = writeln!(f, "{}", lock_text(std::process::id(), &host));
                return Ok((held, took_over));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if let Some(pid) = remove_if_stale(&lock) {
                    took_over = Some(StaleLock {
                        lock: lock.clone(),
                        pid,
                    });
                    continue;
                }
                if started.elapsed() >= wait {
                    let holder = open_lock(&lock)
                        .map(|(_, s)| s.trim().to_string())
                        .filter(|s| !s.is_empty() && !s.contains('\n'));
                    return Err(EditError::Busy {
                        path: path.to_path_buf(),
                        lock,
                        holder,
                    });
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(e) => {
                return Err(EditError::Io {
                    action: "create the lock file",
                    path: lock,
                    source: e,
                });
            }
        }
    }
}

/// This host's name, as a lock file records it.
#[cfg(unix)]
fn host_name() -> Option<String> {
    let uname = rustix::system::uname();
    let name = uname.nodename().to_str().ok()?;
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    None
}

/// Whether the process `pid` of this host is running (or may be: a process
/// certcheck may not signal is running).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// The most of a lock file that is read: a lock certcheck writes is one
/// short line.
const LOCK_TEXT_LIMIT: u64 = 1024;

/// The lock file, open, and its first [`LOCK_TEXT_LIMIT`] bytes as text;
/// `None` if it cannot be read or is not a regular file (a FIFO or a link
/// to `/dev/zero` in its place is never waited on or read endlessly, and
/// so never taken for a stale lock either).
fn open_lock(lock: &Path) -> Option<(fs::File, String)> {
    use std::io::Read;
    let file = crate::input::open_regular(lock).ok()?;
    let mut bytes = Vec::new();
    (&file).take(LOCK_TEXT_LIMIT).read_to_end(&mut bytes).ok()?;
    Some((file, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Removes the lock file if it names a process of this host that is no
/// longer running, and returns that process. Race-free: the file is opened
/// and `flock`ed first, so only one certcheck at a time examines it, and it
/// is removed only if the name still leads to that same file (another
/// certcheck that took it over first has removed it, and a new lock in its
/// place is another file). A lock whose holder runs, or runs elsewhere, or
/// that says nothing readable, is left alone (the edit waits, then is
/// refused as busy).
#[cfg(unix)]
fn remove_if_stale(lock: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let (file, text) = open_lock(lock)?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).ok()?;
    let (pid, host) = lock_holder(&text)?;
    if host_name().as_deref() != Some(host) || is_running(pid) {
        return None;
    }
    let opened = file.metadata().ok()?;
    let now = fs::symlink_metadata(lock).ok()?;
    if (opened.dev(), opened.ino()) != (now.dev(), now.ino()) {
        return None;
    }
    fs::remove_file(lock).ok()?;
    Some(pid)
}

#[cfg(not(unix))]
fn remove_if_stale(_lock: &Path) -> Option<u32> {
    None
}

/// Removes temporary files a killed certcheck left next to `path`. Only
/// called with the lock held, when no other certcheck can be writing one.
fn remove_stale_temps(path: &Path) {
    let (prefix, suffix) = temp_affixes(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(suffix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
