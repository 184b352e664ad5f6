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

use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::dates::Date;
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
/// and returns it.
pub fn screen<'r, B, N, A, S>(
    inputs: &[Input],
    opts: &Options<'r>,
    batch: N,
    add: A,
    mut sink: S,
) -> io::Result<()>
where
    B: Send,
    N: Fn() -> B + Sync,
    A: Fn(&mut B, Screened<'r>) + Sync,
    S: FnMut(B) -> io::Result<()> + Send,
{
    let chunk = opts.chunk.max(1);
    let ids = profile::Vocabulary::new(opts.rules);
    let mut jobs = Jobs::new(inputs);
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
    Ok(())
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
        profile::parse_json_with(text, file, first_line, default_id, ids)?
    } else {
        profile::parse_toml_with(text, file, default_id, ids)?
    };
    let evaluate = if opts.warnings {
        eval::evaluate
    } else {
        eval::evaluate_without_warnings
    };
    let report = evaluate(opts.rules, &profile, opts.as_of, &opts.selection);
    Diagnostic::dates_in_range(file, &report).map_err(|d| vec![d])?;
    Ok(report)
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
}

/// A folder being walked: its entries still to visit (reversed, so the
/// next is last) and its real path, to notice a symlink loop.
struct Folder {
    /// Each with whether it is a folder, where the listing says so
    /// without following a symbolic link.
    entries: Vec<(PathBuf, Option<bool>)>,
    real: PathBuf,
}

struct LineReader {
    reader: Box<dyn BufRead + Send>,
    file: Arc<str>,
    stem: Arc<str>,
    line: usize,
}

impl<'a> Jobs<'a> {
    fn new(inputs: &'a [Input]) -> Jobs<'a> {
        Jobs {
            inputs: inputs.iter(),
            walk: Vec::new(),
            lines: None,
            last_buf: 0,
            spare: None,
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
                    Some((path, is_dir)) => {
                        if let Some(job) = self.visit(path, false, is_dir) {
                            return Some(Pending::Job(job));
                        }
                    }
                    None => {
                        self.walk.pop();
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
    /// next) or is a file of another kind in a folder (skipped).
    /// `is_dir` is what the folder's listing said, if it said.
    fn visit(&mut self, path: PathBuf, named: bool, is_dir: Option<bool>) -> Option<Job> {
        let file = path.display().to_string();
        let failed = |diagnostic: Diagnostic| {
            Some(Job::Failed {
                source: file.clone(),
                id: stem(&path),
                diagnostic,
            })
        };
        let is_dir = match is_dir {
            Some(d) => d,
            None => match std::fs::metadata(&path) {
                Ok(m) => m.is_dir(),
                Err(e) => return failed(cannot_read(&file, &e)),
            },
        };
        if is_dir {
            let real = match std::fs::canonicalize(&path) {
                Ok(r) => r,
                Err(e) => return failed(cannot_read(&file, &e)),
            };
            if let Some(outer) = self.walk.iter().find(|f| f.real == real) {
                return failed(
                    Diagnostic::new(
                        &file,
                        format!(
                            "`{file}` leads back to `{}`, a folder that contains it",
                            outer.real.display()
                        ),
                    )
                    .with_help("a symbolic link makes a loop here; the folder is screened once"),
                );
            }
            let mut entries = match read_folder(&path) {
                Ok(e) => e,
                Err(e) => return failed(cannot_read(&file, &e)),
            };
            entries.reverse();
            self.walk.push(Folder { entries, real });
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
            None if named => failed(
                Diagnostic::new(
                    &file,
                    format!("`{file}` is not a profile: expected a `.toml`, `.json` or `.jsonl` file"),
                )
                .with_help(
                    "name a profile `*.toml` or `*.json`, and a roster of JSON objects, one a line, `*.jsonl`",
                ),
            ),
            None => None,
        }
    }
}

/// A folder's entries, sorted by name, each with whether it is a folder
/// (`None` for a symbolic link, to be followed).
fn read_folder(path: &Path) -> io::Result<Vec<(PathBuf, Option<bool>)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let is_dir = entry
            .file_type()
            .ok()
            .filter(|t| !t.is_symlink())
            .map(|t| t.is_dir());
        entries.push((entry.path(), is_dir));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
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
