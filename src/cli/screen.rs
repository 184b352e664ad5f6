//! `certcheck screen`: judge a roster of profiles, in parallel, as a table,
//! CSV or JSON Lines. A bad profile is a row of its own, not the end of the
//! run; a summary goes to stderr.

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::dates::Date;
use crate::error::{Diagnostic, Error};
use crate::eval::{Report, Selection};
use crate::report::vocab::ACT_FIRST;
use crate::report::{csv, html, jsonl, roster, table};
use crate::rules::RuleSet;
use crate::screen::{self, Input, Options, Screened, SkipReason, Skipped, Walk};
use crate::show::Shown;

use super::common::{
    ExitCode, FormatArg, Reporting, canonical_cert_ids, error_lines, stdout_error, write_err,
};

const EXAMPLE: &str = "\
Examples:
  certcheck screen roster/ --cert cmq-oe --as-of 2026-11-25
  certcheck screen members.jsonl --format csv > screened.csv
  some-export | certcheck screen - --format json";

/// Profiles judged together; each chunk's output is written in order while
/// the next one is judged.
const CHUNK: usize = 2048;
/// Bad profiles whose problems are listed on stderr; the rest are counted.
const ERRORS_LISTED: usize = 20;

#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
pub struct ScreenArgs {
    /// Profiles (*.toml, *.json), folders of them (searched recursively),
    /// JSON Lines rosters (*.jsonl: one profile object a line), or `-` for
    /// JSON Lines on standard input
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Judge only this certification (repeatable); default: each profile's
    /// held certifications and targets, or every known certification
    #[arg(long = "cert", value_name = "ID")]
    pub certs: Vec<String>,

    #[command(flatten)]
    pub reporting: Reporting<ScreenFormat>,

    /// Profiles judged at once; default: one per CPU. The output is the same
    /// whatever the number
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,

    /// Follow symbolic links that lead out of a folder named; without it
    /// they are skipped (and counted in the summary). Links inside the
    /// folder, and inputs named themselves, are always followed
    #[arg(long)]
    pub follow: bool,
}

/// Output formats of `screen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScreenFormat {
    /// For a person: aligned columns, sorted by what to act on first
    Table,
    /// For a spreadsheet: one row per profile and certification, in input order
    Csv,
    /// For programs: JSON Lines, one report object per profile, in input order
    Json,
    /// For a browser: one self-contained page, a sortable and filterable
    /// table with each candidate's detail (profiles that could not be read
    /// are reported on stderr only)
    Html,
}

impl FormatArg for ScreenFormat {
    const DEFAULT: &'static str = "table";
    const HELP: &'static str = "How to write the results";
}

/// `screen`'s arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenConfig {
    pub inputs: Vec<Input>,
    pub certs: Vec<String>,
    pub as_of: Date,
    pub format: ScreenFormat,
    pub jobs: usize,
    pub rule_dirs: Vec<PathBuf>,
    /// `--follow`: symbolic links out of a folder named are followed.
    pub follow: bool,
}

impl ScreenConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(
        args: ScreenArgs,
        today: impl FnOnce() -> Date,
    ) -> Result<ScreenConfig, Error> {
        let as_of = args.reporting.judging.as_of(today)?;
        let inputs: Vec<Input> = args.inputs.into_iter().map(Input::from_arg).collect();
        if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
            return Err(Error::Usage {
                message: "standard input (`-`) is named more than once".to_string(),
                help: Some("name `-` once; it is read as JSON Lines".to_string()),
            });
        }
        let jobs = match args.jobs {
            Some(n) => usize::try_from(n).unwrap_or(1),
            None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        };
        Ok(ScreenConfig {
            inputs,
            certs: args.certs,
            as_of,
            format: args.reporting.format,
            jobs,
            rule_dirs: args.reporting.judging.rules,
            follow: args.follow,
        })
    }
}

/// Each status, counted over the results, and the bad profiles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub profiles: usize,
    pub results: usize,
    /// Indexed like [`ACT_FIRST`], the order the summary names them in.
    pub statuses: [usize; 6],
    pub bad: usize,
}

impl Tally {
    fn add(&mut self, s: &Screened) {
        self.profiles += 1;
        match &s.outcome {
            Ok(report) => {
                for r in &report.results {
                    self.results += 1;
                    if let Some(i) = ACT_FIRST.iter().position(|&st| st == r.status) {
                        self.statuses[i] += 1;
                    }
                }
            }
            Err(_) => self.bad += 1,
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.profiles += o.profiles;
        self.results += o.results;
        for (a, b) in self.statuses.iter_mut().zip(o.statuses) {
            *a += b;
        }
        self.bad += o.bad;
    }

    /// 2 when a profile was bad, else 1 when a result needs attention, else 0.
    pub fn exit_code(&self) -> ExitCode {
        let attention = ACT_FIRST
            .iter()
            .zip(self.statuses)
            .any(|(s, n)| n > 0 && s.is_problem());
        if self.bad > 0 {
            ExitCode::Usage
        } else {
            ExitCode::attention_if(attention)
        }
    }

    /// "screened 7 profiles, 9 results: 1 requirements-met, ...; 1 bad
    /// profile", and what the walk skipped when it skipped something ("; skipped
    /// 2 duplicate paths, 1 link out of the folder").
    pub fn summary(&self, skipped: &Skipped) -> String {
        let counts: Vec<String> = ACT_FIRST
            .iter()
            .zip(self.statuses)
            .map(|(s, n)| format!("{n} {}", s.id()))
            .collect();
        let mut skips = Vec::new();
        if skipped.duplicates > 0 {
            let n = skipped.duplicates;
            skips.push(plural(n, "duplicate path", "duplicate paths"));
        }
        if skipped.outside > 0 {
            let n = skipped.outside;
            skips.push(plural(n, "link", "links") + " out of the folder");
        }
        let skips = if skips.is_empty() {
            String::new()
        } else {
            format!("; skipped {}", skips.join(", "))
        };
        format!(
            "screened {}, {}: {}; {}{skips}\n",
            plural(self.profiles, "profile", "profiles"),
            plural(self.results, "result", "results"),
            counts.join(", "),
            plural(self.bad, "bad profile", "bad profiles"),
        )
    }
}

/// A `note:` line for each path the walk skipped (the first
/// [`screen::SKIPS_LISTED`]), and how many more there were.
fn skip_notes(skipped: &Skipped) -> String {
    let mut notes = String::new();
    for (path, why) in &skipped.listed {
        let why = match why {
            SkipReason::Duplicate => "already screened by another path".to_string(),
            SkipReason::Outside { folder } => format!(
                "a symbolic link leading out of `{}` (`--follow` follows it)",
                Shown(folder)
            ),
        };
        notes.push_str(&format!("note: skipped `{}`: {why}\n", Shown(path)));
    }
    let more = skipped.total().saturating_sub(skipped.listed.len());
    if more > 0 {
        let noun = if more == 1 { "path" } else { "paths" };
        notes.push_str(&format!("note: {more} more skipped {noun}\n"));
    }
    notes
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a worker makes of a batch of profiles: their output (CSV or JSON
/// Lines), their rows (for the table, which is sorted at the end), their
/// counts and the problems of the bad ones.
#[derive(Default)]
struct Piece<'r> {
    csv: String,
    json: Vec<u8>,
    lines: Vec<table::Line>,
    reports: Vec<(String, Report<'r>)>,
    tally: Tally,
    errors: Vec<Vec<Diagnostic>>,
}

/// Output buffers handed back by the sink once written, for the next
/// batches: growing a fresh buffer for every batch cost more than writing
/// it (reallocation and the kernel zeroing new pages).
#[derive(Default)]
struct Buffers {
    csv: std::sync::Mutex<Vec<String>>,
    json: std::sync::Mutex<Vec<Vec<u8>>>,
}

impl Buffers {
    fn piece<'r>(&self) -> Piece<'r> {
        fn pop<T: Default>(pool: &std::sync::Mutex<Vec<T>>) -> T {
            pool.lock()
                .ok()
                .and_then(|mut v| v.pop())
                .unwrap_or_default()
        }
        Piece {
            csv: pop(&self.csv),
            json: pop(&self.json),
            ..Piece::default()
        }
    }

    fn give_back(&self, mut csv: String, mut json: Vec<u8>) {
        if csv.capacity() > 0
            && let Ok(mut v) = self.csv.lock()
        {
            csv.clear();
            v.push(csv);
        }
        if json.capacity() > 0
            && let Ok(mut v) = self.json.lock()
        {
            json.clear();
            v.push(json);
        }
    }
}

/// Where the results go, in input order.
struct Sink<'w, 'r> {
    out: &'w mut (dyn Write + Send),
    format: ScreenFormat,
    /// The table's lines, a batch at a time (one vector of them all would
    /// be copied each time it grows).
    lines: Vec<Vec<table::Line>>,
    /// For the HTML page, which needs every report before it is written.
    reports: Vec<(String, Report<'r>)>,
    tally: Tally,
    /// The problems of the first bad profiles, for stderr.
    errors: Vec<Vec<Diagnostic>>,
    wrote_header: bool,
    buffers: &'w Buffers,
}

impl<'w, 'r> Sink<'w, 'r> {
    fn new(out: &'w mut (dyn Write + Send), format: ScreenFormat, buffers: &'w Buffers) -> Self {
        Sink {
            out,
            format,
            lines: Vec::new(),
            reports: Vec::new(),
            tally: Tally::default(),
            errors: Vec::new(),
            wrote_header: false,
            buffers,
        }
    }

    fn take(&mut self, piece: Piece<'r>) -> io::Result<()> {
        self.tally.merge(&piece.tally);
        let room = ERRORS_LISTED.saturating_sub(self.errors.len());
        self.errors.extend(piece.errors.into_iter().take(room));
        match self.format {
            ScreenFormat::Table => self.lines.push(piece.lines),
            ScreenFormat::Csv => {
                if !self.wrote_header {
                    self.wrote_header = true;
                    self.out.write_all(csv::HEADER.as_bytes())?;
                }
                self.out.write_all(piece.csv.as_bytes())?;
            }
            ScreenFormat::Json => self.out.write_all(&piece.json)?,
            ScreenFormat::Html => self.reports.extend(piece.reports),
        }
        self.buffers.give_back(piece.csv, piece.json);
        Ok(())
    }

    /// Writes what waits for the last profile (the sorted table, the HTML
    /// page, the header of an empty CSV) and flushes.
    fn finish(&mut self) -> io::Result<()> {
        match self.format {
            // Rows that tie keep their input order.
            ScreenFormat::Table => {
                table::write_lines(&table::sorted(self.lines.iter().flatten()), self.out)?;
            }
            ScreenFormat::Html => {
                let page = html::render_roster_reports(&self.reports);
                self.out.write_all(page.as_bytes())?;
            }
            ScreenFormat::Csv if !self.wrote_header => {
                self.out.write_all(csv::HEADER.as_bytes())?;
            }
            ScreenFormat::Csv | ScreenFormat::Json => {}
        }
        self.out.flush()
    }

    /// The problems of the first bad profiles, and how many more there were.
    fn bad_profiles(&self) -> String {
        let mut report = String::new();
        for diags in &self.errors {
            report.push_str(&error_lines(&Error::Profile(diags.clone())));
        }
        if self.tally.bad > self.errors.len() {
            let more = self.tally.bad - self.errors.len();
            let noun = if more == 1 { "profile" } else { "profiles" };
            report.push_str(&format!(
                "error: {more} more bad {noun} (see the `error` rows)\n"
            ));
        }
        report
    }
}

/// Loads the rules, checks `--cert` and the inputs, screens every profile
/// and writes the results to `out`, the bad profiles and the summary to
/// `err`.
pub fn run(
    config: &ScreenConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    let certs = canonical_cert_ids(&rules, &config.certs)?;
    check_inputs(&config.inputs)?;
    let pool = thread_pool(config.jobs)?;
    let opts = Options {
        rules: &rules,
        as_of: config.as_of,
        selection: if certs.is_empty() {
            Selection::Default
        } else {
            Selection::Only(certs)
        },
        // the table and the CSV show no warnings
        warnings: matches!(config.format, ScreenFormat::Json | ScreenFormat::Html),
        chunk: CHUNK,
    };
    let buffers = Buffers::default();
    let mut sink = Sink::new(out, config.format, &buffers);
    let add = piece_adder(config.format, config.as_of);
    let walk = Walk {
        follow: config.follow,
    };
    let finished = pool.install(|| {
        let skipped = screen::screen(
            &config.inputs,
            walk,
            &opts,
            || buffers.piece(),
            add,
            |p| sink.take(p),
        )?;
        sink.finish().map(|()| skipped)
    });
    let mut report = sink.bad_profiles();
    // A write that failed, a reader gone away (`| head`) included, ends the
    // run with an error and no summary: the output is not whole.
    let skipped = match finished {
        Ok(skipped) => skipped,
        Err(source) => {
            write_err(err, &report);
            return Err(vec![stdout_error(source)]);
        }
    };
    report.push_str(&skip_notes(&skipped));
    report.push_str(&sink.tally.summary(&skipped));
    write_err(err, &report);
    Ok(sink.tally.exit_code())
}

/// One error for each input path that is not there.
fn check_inputs(inputs: &[Input]) -> Result<(), Vec<Error>> {
    let missing: Vec<Error> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => std::fs::metadata(p).err().map(|source| Error::Read {
                path: p.clone(),
                source,
            }),
            Input::Stdin => None,
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// The workers that judge the profiles: `--jobs` of them.
fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool, Vec<Error>> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| {
            vec![Error::Usage {
                message: format!("cannot start {jobs} worker threads: {e}"),
                help: Some("try a smaller `--jobs`".to_string()),
            }]
        })
}

/// What a worker does with each screened profile: counts it, and renders
/// it into its piece in `format` (keeping the first bad ones' problems).
fn piece_adder<'r>(
    format: ScreenFormat,
    as_of: Date,
) -> impl Fn(&mut Piece<'r>, Screened<'r>) + Sync {
    move |piece: &mut Piece<'r>, s: Screened<'r>| {
        piece.tally.add(&s);
        match format {
            ScreenFormat::Json => jsonl::push_line(&mut piece.json, &s, as_of),
            ScreenFormat::Csv => csv::push_screened(&mut piece.csv, &s),
            ScreenFormat::Table => {
                roster::each_row(&s, |r| piece.lines.push(table::Line::new(&r)));
            }
            ScreenFormat::Html => {
                if let Ok(report) = &s.outcome {
                    piece.reports.push((s.source.clone(), report.clone()));
                }
            }
        }
        if let Err(diags) = s.outcome
            && piece.errors.len() < ERRORS_LISTED
        {
            piece.errors.push(diags);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::common::Judging;
    use crate::dates::date;

    fn args(inputs: &[&str], as_of: Option<&str>) -> ScreenArgs {
        ScreenArgs {
            inputs: inputs.iter().map(PathBuf::from).collect(),
            certs: vec![],
            reporting: Reporting {
                judging: Judging {
                    as_of: as_of.map(str::to_string),
                    rules: vec![],
                },
                format: ScreenFormat::Csv,
            },
            jobs: Some(3),
            follow: false,
        }
    }

    #[test]
    fn config_reads_stdin_and_paths() {
        let c = ScreenConfig::from_args(args(&["a.toml", "-", "dir"], Some("2026-11-25")), || {
            panic!("the clock must not be read when --as-of is given")
        })
        .unwrap();
        assert_eq!(
            c.inputs,
            [
                Input::Path("a.toml".into()),
                Input::Stdin,
                Input::Path("dir".into())
            ]
        );
        assert_eq!(c.as_of, date(2026, 11, 25));
        assert_eq!(c.jobs, 3);
    }

    #[test]
    fn stdin_twice_and_bad_dates_are_usage_errors() {
        let e = ScreenConfig::from_args(args(&["-", "-"], None), || date(2026, 1, 1)).unwrap_err();
        assert!(e.to_string().contains("more than once"), "{e}");
        let e = ScreenConfig::from_args(args(&["x"], Some("2023-02-30")), || date(2026, 1, 1))
            .unwrap_err();
        assert!(
            e.to_string().starts_with("invalid date `2023-02-30`"),
            "{e}"
        );
    }

    #[test]
    fn tally_exit_codes_and_summary() {
        let mut t = Tally::default();
        assert_eq!(t.exit_code().code(), 0);
        t.statuses[0] = 2;
        t.statuses[3] = 1;
        assert_eq!(t.exit_code().code(), 0);
        t.statuses[4] = 1;
        assert_eq!(t.exit_code().code(), 1);
        t.bad = 1;
        assert_eq!(t.exit_code().code(), 2);
        t.profiles = 4;
        t.results = 4;
        assert_eq!(
            t.summary(&Skipped::default()),
            "screened 4 profiles, 4 results: 2 requirements-met, 0 eligible, 0 not-eligible, 1 certified, 1 grace, 0 lapsed; 1 bad profile\n"
        );
    }
}
