//! Screening a roster: many profiles judged against the same rules on the
//! same day, in parallel, while the input streams in.
//!
//! Inputs are profile files (`.toml`, `.json`), folders (walked recursively,
//! entries sorted by name), JSON Lines files (`.jsonl`, `.ndjson`: one
//! profile object per line) and standard input (JSON Lines). They become a
//! lazy stream of jobs, cut into chunks; each chunk is judged on the
//! current rayon pool while the previous chunk's results go to the sink and
//! the next chunk is read. Results reach the sink in input order, so the
//! output does not depend on the number of threads, and memory holds a few
//! chunks of input, never the whole of it.
//!
//! A profile that cannot be read or is not valid is a [`Screened`] with its
//! diagnostics, not a reason to stop.
//!
//! The walk visits each real file and folder once, known by its device and
//! inode whatever the path to it: a second path to one already visited (a
//! symbolic or hard link, a name given twice) is [`Skipped`], as is a
//! symbolic link that leads out of the folder named unless
//! [`Walk::follow`]. A folder met again inside itself is a loop, a row of
//! its own. Each folder costs one listing and each entry at most one
//! `stat`, so the walk is linear in the entries, however deep.

use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::dates::{self, Date};
use crate::error::{Diagnostic, describe_io};
use crate::eval::{self, Report, Selection};
use crate::input::{PROFILE_LIMIT, open_regular, read_capped, read_diagnostic};
use crate::profile::{self, load::not_utf8};
use crate::rules::RuleSet;

/// One input named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A profile file, a JSON Lines file or a folder.
    Path(PathBuf),
    /// Standard input, read as JSON Lines.
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn from_arg(arg: PathBuf) -> Input {
        if arg.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(arg)
        }
    }
}

/// How folders are walked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// Follow symbolic links that lead out of the folder named (always
    /// followed inside it, and when named themselves).
    pub follow: bool,
}

/// Why the walk passed over a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// The file or folder was already visited by another path.
    Duplicate,
    /// A symbolic link leading out of `folder`, the folder named.
    Outside { folder: String },
}

/// The paths the walk passed over: how many of each kind, and the first
/// [`SKIPS_LISTED`] of them for a person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    pub duplicates: usize,
    pub outside: usize,
    pub listed: Vec<(String, SkipReason)>,
}

/// Skipped paths named one by one; the rest are counted.
pub const SKIPS_LISTED: usize = 20;

impl Skipped {
    pub fn total(&self) -> usize {
        self.duplicates + self.outside
    }

    fn add(&mut self, path: &Path, reason: SkipReason) {
        match reason {
            SkipReason::Duplicate => self.duplicates += 1,
            SkipReason::Outside { .. } => self.outside += 1,
        }
        if self.listed.len() < SKIPS_LISTED {
            self.listed.push((path.display().to_string(), reason));
        }
    }
}

/// What a screening judges with.
#[derive(Clone, Debug)]
pub struct Options<'r> {
    pub rules: &'r RuleSet,
    pub as_of: Date,
    pub selection: Selection,
    /// Whether the reports carry their warnings (see
    /// [`eval::evaluate_without_warnings`]).
    pub warnings: bool,
    /// Jobs judged together; the sink gets a chunk's results at once.
    pub chunk: usize,
}

/// One profile, judged or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Screened<'r> {
    /// Where the profile came from: `path`, or `path:line` for JSON Lines.
    pub source: String,
    /// The profile's id when it could be read, else the id it would have
    /// had by default (the file's stem, or `stem:line`).
    pub id: String,
    pub outcome: Result<Report<'r>, Vec<Diagnostic>>,
}

/// How a profile file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Toml,
    Json,
    JsonLines,
}

impl Format {
    fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// One unit of work for a worker thread.
#[derive(Debug)]
enum Job {
    /// A whole profile file, read by the worker.
    File { path: PathBuf, format: Format },
    /// One line of a JSON Lines input: a range of its chunk's buffer.
    Line {
        file: Arc<str>,
        stem: Arc<str>,
        line: usize,
        buf: Arc<Vec<u8>>,
        range: Range<usize>,
    },
    /// A problem found while listing the inputs.
    Failed {
        source: String,
        id: String,
        diagnostic: Diagnostic,
    },
}

/// Profiles judged one after the other by one task, their results
/// gathered in one batch.
pub const BATCH: usize = 32;

/// Screens `inputs`: every profile is judged by [`judge_one`] on the worker
/// threads and added by `add` to a batch (made by `batch`) of up to
/// [`BATCH`] profiles; the batches reach `sink` in input order. Runs on the
/// current rayon pool. Stops at the first error of the sink (a write error)
/// and returns it; else returns the paths the walk passed over.
pub fn screen<'r, B, N, A, S>(
    inputs: &[Input],
    walk: Walk,
    opts: &Options<'r>,
    batch: N,
    add: A,
    mut sink: S,
) -> io::Result<Skipped>
where
    B: Send,
    N: Fn() -> B + Sync,
    A: Fn(&mut B, Screened<'r>) + Sync,
    S: FnMut(B) -> io::Result<()> + Send,
{
    let chunk = opts.chunk.max(1);
    let ids = profile::Vocabulary::new(opts.rules);
    let mut jobs = Jobs::new(inputs, walk);
    let mut current = jobs.take(chunk);
    let mut done: Vec<B> = Vec::new();
    while !current.is_empty() || !done.is_empty() {
        // Judge this chunk while the last one is written and the next read.
        let (judged, (next, written)) = rayon::join(
            || {
                current
                    .par_chunks(BATCH)
                    .map(|jobs| {
                        let mut b = batch();
                        for job in jobs {
                            add(&mut b, judge_job(job, &ids, opts));
                        }
                        b
                    })
                    .collect::<Vec<B>>()
            },
            || {
                let written = done.drain(..).try_for_each(&mut sink);
                let next = match written {
                    Ok(()) => jobs.take(chunk),
                    Err(_) => Vec::new(),
                };
                (next, written)
            },
        );
        written?;
        done = judged;
        // The lines' buffer of the chunk just judged serves a later chunk:
        // a fresh one of a few megabytes is fresh pages the kernel zeroes.
        let buf = current.iter().find_map(|job| match job {
            Job::Line { buf, .. } => Some(buf.clone()),
            _ => None,
        });
        current = next;
        if let Some(Ok(buf)) = buf.map(Arc::try_unwrap) {
            jobs.spare = Some(buf);
        }
    }
    Ok(jobs.skipped)
}

/// Judges one profile's text, JSON or TOML; `ids` are those of
/// `opts.rules`.
pub fn judge_one<'r>(
    text: &str,
    file: &str,
    first_line: usize,
    default_id: &str,
    json: bool,
    ids: &profile::Vocabulary<'_>,
    opts: &Options<'r>,
) -> Result<Report<'r>, Vec<Diagnostic>> {
    let profile = if json {
        profile::parse_json_with(text, file, first_line, default_id, ids)
    } else {
        profile::parse_toml_with(text, file, default_id, ids)
    }
    .map_err(|problems| quoting_little(problems, text, json))?;
    let evaluate = if opts.warnings {
        eval::evaluate
    } else {
        eval::evaluate_without_warnings
    };
    let report = evaluate(opts.rules, &profile, opts.as_of, &opts.selection);
    // (the walk of the whole report costs about 2.5 % of the judging, and
    // is needed only near the ends of the calendar)
    if dates::may_leave_range(std::iter::once(opts.as_of).chain(profile.dates())) {
        Diagnostic::dates_in_range(file, &report).map_err(|d| vec![d])?;
    }
    Ok(report)
}

/// The most of a key or value a screened profile's problem quotes.
pub const QUOTED_CHARS: usize = 40;

/// A screened profile's problems, quoting little of its text: a path may
/// lead to any file (a link `x.toml` to a secrets file), and the problems
/// go to CSV, JSON and stderr. A text that is not TOML at all is quoted
/// nowhere (its syntax error names no text); in one that parsed, each key
/// or value quoted is cut to its first [`QUOTED_CHARS`] characters. (JSON's
/// syntax errors quote no text.) `check FILE`, named by its user, keeps
/// the full quotes.
fn quoting_little(problems: Vec<Diagnostic>, text: &str, json: bool) -> Vec<Diagnostic> {
    let parsed = json || parsed_as_far_as_a_key(text);
    problems
        .into_iter()
        .map(|mut d| {
            if !parsed {
                d.message = without_last_quote(&d.message, text);
            }
            d.message = quotes_cut(&d.message, text);
            d.help = d.help.map(|h| quotes_cut(&h, text));
            d
        })
        .collect()
}

/// Whether `text` is TOML, or parsed as a profile at least as far as its
/// first key: one of a profile's own keys (`name`, `[[employment]]`…),
/// before the first syntax error. A profile with a mistake on line 17 is
/// that; a secrets file (`API_KEY=…`, a private key, YAML) is not, even
/// where its first line reads as a TOML key.
fn parsed_as_far_as_a_key(text: &str) -> bool {
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return true;
    }
    let first_error = errors
        .iter()
        .filter_map(|e| e.span())
        .map(|s| s.start)
        .min()
        .unwrap_or(0);
    let first_key = table
        .get_ref()
        .keys()
        .filter(|k| k.span().end <= first_error)
        .min_by_key(|k| k.span().start);
    first_key.is_some_and(|k| profile::format::TOP_KEYS.contains(&k.get_ref().as_ref()))
}

/// `message` without its last `` `quote` `` when that is a piece of
/// `text` ("string values must be quoted `hunter2`" → "string values must
/// be quoted").
fn without_last_quote(message: &str, text: &str) -> String {
    if let Some(body) = message.strip_suffix('`')
        && let Some(open) = body.rfind('`')
    {
        let quoted = &body[open + 1..];
        if !quoted.is_empty() && text.contains(quoted) {
            return body[..open].trim_end().to_string();
        }
    }
    message.to_string()
}

/// `message` with each quoted piece (between backticks) longer than
/// [`QUOTED_CHARS`] cut to that many and `…`; and, should a quoted value
/// hold a backtick and the pieces be miscounted, any other piece that long
/// found in `text` too.
fn quotes_cut(message: &str, text: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, piece) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let long = piece.chars().nth(QUOTED_CHARS).is_some();
        if long && (i % 2 == 1 || text.contains(piece)) {
            out.extend(piece.chars().take(QUOTED_CHARS));
            out.push('…');
        } else {
            out.push_str(piece);
        }
    }
    out
}

fn judge_job<'r>(job: &Job, ids: &profile::Vocabulary<'_>, opts: &Options<'r>) -> Screened<'r> {
    match job {
        Job::Failed {
            source,
            id,
            diagnostic,
        } => Screened {
            source: source.clone(),
            id: id.clone(),
            outcome: Err(vec![diagnostic.clone()]),
        },
        Job::File { path, format } => {
            let file = path.display().to_string();
            let id = stem(path);
            let outcome = match read_capped(path, PROFILE_LIMIT) {
                Err(e) => Err(vec![read_diagnostic(&file, &e, "a profile")]),
                Ok(bytes) => match std::str::from_utf8(&bytes) {
                    Err(_) => Err(vec![not_utf8(&file, &bytes)]),
                    Ok(text) => judge_one(text, &file, 1, &id, *format != Format::Toml, ids, opts),
                },
            };
            finish(file, id, outcome)
        }
        Job::Line {
            file,
            stem,
            line,
            buf,
            range,
        } => {
            let line = *line;
            let source = with_line(file, line);
            let id = with_line(stem, line);
            let text = buf.get(range.clone()).unwrap_or_default();
            let outcome = match std::str::from_utf8(text) {
                Err(_) => {
                    let mut d = not_utf8(file, text);
                    d.line = d.line.map(|l| l + line - 1);
                    Err(vec![d])
                }
                Ok(text) => judge_one(text, file, line, &id, true, ids, opts).map_err(|mut ds| {
                    // (a problem of the whole profile is at its line)
                    for d in &mut ds {
                        d.line.get_or_insert(line);
                    }
                    ds
                }),
            };
            finish(source, id, outcome)
        }
    }
}

/// `text:line`, without the formatting machinery (twice a profile).
fn with_line(text: &str, line: usize) -> String {
    let mut n = itoa::Buffer::new();
    let digits = n.format(line);
    let mut s = String::with_capacity(text.len() + 1 + digits.len());
    s.push_str(text);
    s.push(':');
    s.push_str(digits);
    s
}

fn finish(
    source: String,
    id: String,
    outcome: Result<Report<'_>, Vec<Diagnostic>>,
) -> Screened<'_> {
    let id = match &outcome {
        Ok(report) => report.profile.id.clone(),
        Err(_) => id,
    };
    Screened {
        source,
        id,
        outcome,
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// "cannot read `x`: permission denied", at the file.
fn cannot_read(file: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::new(file, format!("cannot read `{file}`: {}", describe_io(e)))
}

/// A job being read: a line's place in the chunk's buffer is known before
/// the buffer is shared.
enum Pending {
    Job(Job),
    Line {
        file: Arc<str>,
        stem: Arc<str>,
        line: usize,
        range: Range<usize>,
    },
}

/// The stream of jobs: inputs in order, folders walked depth first with
/// their entries sorted by name, JSON Lines files line by line.
struct Jobs<'a> {
    inputs: std::slice::Iter<'a, Input>,
    /// Folders being walked, innermost last.
    walk: Vec<Folder>,
    /// The JSON Lines input being read.
    lines: Option<LineReader>,
    /// The size of the last chunk's buffer of lines: the next one starts
    /// that large rather than growing (and being copied) line by line.
    last_buf: usize,
    /// A buffer of lines no job uses any more, for the next chunk.
    spare: Option<Vec<u8>>,
    /// Whether symbolic links leading out of the folder named are followed.
    follow: bool,
    /// The folder named being walked, as named and its real path, when
    /// links leading out of it are skipped.
    root: Option<(String, PathBuf)>,
    /// Every file and folder visited, so that each is visited once.
    seen: HashSet<Node>,
    /// The folders of `walk`, to notice a loop.
    open: HashSet<Node>,
    skipped: Skipped,
}

/// A file or folder itself, whatever the path to it: its device and inode
/// (elsewhere than on Unix, its canonical path).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Node(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

/// The node of `path`, whose metadata (that of the file or folder itself,
/// a symbolic link followed) is `meta`.
#[cfg(unix)]
fn node_of(_path: &Path, meta: &std::fs::Metadata) -> io::Result<Node> {
    use std::os::unix::fs::MetadataExt;
    Ok(Node((meta.dev(), meta.ino())))
}

#[cfg(not(unix))]
fn node_of(path: &Path, _meta: &std::fs::Metadata) -> io::Result<Node> {
    std::fs::canonicalize(path).map(Node)
}

/// A folder being walked: its entries still to visit (reversed, so the
/// next is last), its node and its path.
struct Folder {
    entries: Vec<Entry>,
    node: Node,
    path: PathBuf,
}

/// One entry of a folder's listing: a folder or a profile file, with
/// whether it is a folder and its node where the listing tells them
/// without following a symbolic link (`None` for a link, looked at when
/// met).
struct Entry {
    path: PathBuf,
    listed: Option<(bool, Node)>,
}

struct LineReader {
    reader: Box<dyn BufRead + Send>,
    file: Arc<str>,
    stem: Arc<str>,
    line: usize,
}

impl<'a> Jobs<'a> {
    fn new(inputs: &'a [Input], walk: Walk) -> Jobs<'a> {
        Jobs {
            inputs: inputs.iter(),
            walk: Vec::new(),
            lines: None,
            last_buf: 0,
            spare: None,
            follow: walk.follow,
            root: None,
            seen: HashSet::new(),
            open: HashSet::new(),
            skipped: Skipped::default(),
        }
    }

    /// Up to `n` jobs. The lines of JSON Lines inputs among them share one
    /// buffer.
    fn take(&mut self, n: usize) -> Vec<Job> {
        let mut pending = Vec::with_capacity(n);
        let mut buf = self.spare.take().unwrap_or_default();
        buf.clear();
        buf.reserve(self.last_buf + self.last_buf / 4);
        while pending.len() < n {
            match self.next_job(&mut buf) {
                Some(job) => pending.push(job),
                None => break,
            }
        }
        self.last_buf = buf.len();
        let buf = Arc::new(buf);
        pending
            .into_iter()
            .map(|p| match p {
                Pending::Job(job) => job,
                Pending::Line {
                    file,
                    stem,
                    line,
                    range,
                } => Job::Line {
                    file,
                    stem,
                    line,
                    buf: buf.clone(),
                    range,
                },
            })
            .collect()
    }

    fn next_job(&mut self, buf: &mut Vec<u8>) -> Option<Pending> {
        loop {
            if let Some(reader) = &mut self.lines {
                match reader.next_line(buf) {
                    Some(job) => return Some(job),
                    None => self.lines = None,
                }
            }
            if let Some(folder) = self.walk.last_mut() {
                match folder.entries.pop() {
                    Some(entry) => {
                        if let Some(job) = self.visit(entry.path, false, entry.listed) {
                            return Some(Pending::Job(job));
                        }
                    }
                    None => {
                        if let Some(done) = self.walk.pop() {
                            self.open.remove(&done.node);
                        }
                    }
                }
                continue;
            }
            match self.inputs.next()? {
                Input::Stdin => {
                    let reader = BufReader::with_capacity(1 << 16, io::stdin());
                    self.lines = Some(LineReader::new(Box::new(reader), "<stdin>", "stdin"));
                }
                Input::Path(path) => {
                    if let Some(job) = self.visit(path.clone(), true, None) {
                        return Some(Pending::Job(job));
                    }
                }
            }
        }
    }

    /// A path met on the command line (`named`) or in a folder: a job, or
    /// `None` when it opened a folder or a JSON Lines file (whose jobs come
    /// next), is a file of another kind in a folder, or is skipped.
    /// `listed` is what the folder's listing said, if it said.
    fn visit(&mut self, path: PathBuf, named: bool, listed: Option<(bool, Node)>) -> Option<Job> {
        let file = path.display().to_string();
        let failed = |diagnostic: Diagnostic| {
            Some(Job::Failed {
                source: file.clone(),
                id: stem(&path),
                diagnostic,
            })
        };
        let link = listed.is_none() && !named;
        let (is_dir, node) = match listed {
            Some(l) => l,
            None => {
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return failed(cannot_read(&file, &e)),
                };
                if link && !meta.is_dir() && Format::of(&path).is_none() {
                    return None;
                }
                match node_of(&path, &meta) {
                    Ok(node) => (meta.is_dir(), node),
                    Err(e) => return failed(cannot_read(&file, &e)),
                }
            }
        };
        // A symbolic link in a folder named: followed only where it stays
        // inside, unless `--follow`.
        if link && let Some((named_as, root)) = &self.root {
            match std::fs::canonicalize(&path) {
                Ok(real) if real.starts_with(root) => {}
                Ok(_) => {
                    let folder = named_as.clone();
                    self.skipped.add(&path, SkipReason::Outside { folder });
                    return None;
                }
                Err(e) => return failed(cannot_read(&file, &e)),
            }
        }
        if !is_dir && Format::of(&path).is_none() {
            return if named {
                failed(
                    Diagnostic::new(
                        &file,
                        format!("`{file}` is not a profile: expected a `.toml`, `.json` or `.jsonl` file"),
                    )
                    .with_help(
                        "name a profile `*.toml` or `*.json`, and a roster of JSON objects, one a line, `*.jsonl`",
                    ),
                )
            } else {
                None
            };
        }
        if is_dir && self.open.contains(&node) {
            let outer = self
                .walk
                .iter()
                .find(|f| f.node == node)
                .map(|f| f.path.clone())
                .unwrap_or_default();
            let outer = std::fs::canonicalize(&outer).unwrap_or(outer);
            return failed(
                Diagnostic::new(
                    &file,
                    format!(
                        "`{file}` leads back to `{}`, a folder that contains it",
                        outer.display()
                    ),
                )
                .with_help("a symbolic link makes a loop here; the folder is screened once"),
            );
        }
        if !self.seen.insert(node.clone()) {
            self.skipped.add(&path, SkipReason::Duplicate);
            return None;
        }
        if is_dir {
            if named {
                self.root = None;
                if !self.follow {
                    match std::fs::canonicalize(&path) {
                        Ok(real) => self.root = Some((file.clone(), real)),
                        Err(e) => return failed(cannot_read(&file, &e)),
                    }
                }
            }
            let mut entries = match read_folder(&path) {
                Ok(e) => e,
                Err(e) => return failed(cannot_read(&file, &e)),
            };
            entries.reverse();
            self.open.insert(node.clone());
            self.walk.push(Folder {
                entries,
                node,
                path,
            });
            return None;
        }
        match Format::of(&path) {
            Some(Format::JsonLines) => match open_regular(&path) {
                Ok(f) => {
                    let reader = BufReader::with_capacity(1 << 16, f);
                    self.lines = Some(LineReader::new(Box::new(reader), &file, &stem(&path)));
                    None
                }
                Err(e) => failed(read_diagnostic(&file, &e, "a roster")),
            },
            Some(format) => Some(Job::File { path, format }),
            None => None,
        }
    }
}

/// A folder's folders and profile files, sorted by name (files of other
/// kinds are left out). Each entry that is not a symbolic link is looked
/// at through the open folder, so that its name is not looked up again
/// from the top of the path.
fn read_folder(path: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let path = entry.path();
        let listed = match entry.file_type() {
            Ok(t) if t.is_symlink() => None,
            Ok(t) if !t.is_dir() && Format::of(&path).is_none() => continue,
            Ok(_) => entry
                .metadata()
                .ok()
                .and_then(|m| Some((m.is_dir(), node_of(&path, &m).ok()?))),
            Err(_) => None,
        };
        entries.push(Entry { path, listed });
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(entries)
}

impl LineReader {
    fn new(reader: Box<dyn BufRead + Send>, file: &str, stem: &str) -> LineReader {
        LineReader {
            reader,
            file: Arc::from(file),
            stem: Arc::from(stem),
            line: 0,
        }
    }

    /// The next line that is not blank, appended to `buf`; `None` at the
    /// end (or after a read error, which is a job of its own).
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<Pending> {
        loop {
            let start = buf.len();
            // At most one profile's worth of bytes (and the newline) a line,
            // so one huge line cannot take all the memory.
            let limit = crate::input::PROFILE_LIMIT;
            match (&mut self.reader).take(limit + 1).read_until(b'\n', buf) {
                Ok(0) => return None,
                Ok(n) if n as u64 > limit && buf.last() != Some(&b'\n') => {
                    self.line += 1;
                    buf.truncate(start);
                    // the rest of the line is skipped, not kept
                    let skipped = self.reader.skip_until(b'\n');
                    let file = self.file.to_string();
                    let mut d = Diagnostic::new(
                        file.clone(),
                        format!(
                            "this line is larger than the {} limit for a profile",
                            crate::input::show_limit(limit)
                        ),
                    )
                    .with_help("each line of a JSON Lines roster is one profile object");
                    d.line = Some(self.line);
                    if skipped.is_err() {
                        self.reader = Box::new(io::empty());
                    }
                    return Some(Pending::Job(Job::Failed {
                        source: format!("{file}:{}", self.line),
                        id: format!("{}:{}", self.stem, self.line),
                        diagnostic: d,
                    }));
                }
                Ok(_) => {
                    self.line += 1;
                    while buf.len() > start && matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if buf[start..].iter().all(u8::is_ascii_whitespace) {
                        buf.truncate(start);
                        continue;
                    }
                    return Some(Pending::Line {
                        file: self.file.clone(),
                        stem: self.stem.clone(),
                        line: self.line,
                        range: start..buf.len(),
                    });
                }
                Err(e) => {
                    self.line += 1;
                    let file = self.file.to_string();
                    let mut d = cannot_read(&file, &e);
                    d.line = Some(self.line);
                    // Give up on this input: a failing reader may fail forever.
                    self.reader = Box::new(io::empty());
                    return Some(Pending::Job(Job::Failed {
                        source: format!("{file}:{}", self.line),
                        id: format!("{}:{}", self.stem, self.line),
                        diagnostic: d,
                    }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
