//! The benchmark of `certcheck screen` against what it must beat, measured
//! in the same run on the same machine (`bench/run.sh` builds everything,
//! makes the rosters and runs this):
//!
//! - JSON Lines: the time a single-threaded program takes merely to read
//!   the file line by line and parse each line with serde_json into a
//!   `serde_json::Value` (the baseline of the target), and into the
//!   library's serde types of the profile format
//!   (`certcheck::profile::format`, shown for comparison);
//! - TOML: the time to read every file of the folder and parse it with the
//!   `toml` crate, single-threaded, both into a `toml::Table` and into the
//!   spanned tree the loader uses (`toml::de::DeTable`); the faster of the
//!   two is the baseline.
//!
//! Against them, `certcheck screen` is run as a child process (its output
//! to /dev/null) with `--cert cmq-oe --cert cpim`, in each format. Each
//! screen run comes between two baseline runs (serde_json into `Value`;
//! for TOML the spanned parse, the faster of the two), and its ratio is to
//! their mean: a shared machine's speed drifts from second to second, and
//! the runs either side see the same drift. The ratios shown are the median
//! of the `--reps` ratios; the times, the median of the runs.
//!
//! ```text
//! bench_screen --certcheck target/release/certcheck --jsonl target/bench/roster.jsonl --toml target/bench/toml [--reps 5]
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use certcheck::profile::format::ProfileFile;

/// Reads `path` line by line (as `screen` does) and parses each line with
/// `parse`; returns how many parsed.
fn each_line(path: &Path, parse: impl Fn(&str) -> bool) -> usize {
    let Ok(file) = fs::File::open(path) else {
        return 0;
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = String::new();
    let mut ok = 0;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                if parse(black_box(&line)) {
                    ok += 1;
                }
            }
        }
    }
    ok
}

fn json_value(path: &Path) -> usize {
    each_line(path, |l| {
        black_box(serde_json::from_str::<serde_json::Value>(l)).is_ok()
    })
}

fn json_typed(path: &Path) -> usize {
    each_line(path, |l| {
        black_box(serde_json::from_str::<ProfileFile>(l)).is_ok()
    })
}

/// Every file under `dir`, sorted, as `screen` walks them.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// Walks `dir`, reads each file and parses it with `parse`.
fn each_file(dir: &Path, parse: impl Fn(&str) -> bool) -> usize {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.iter()
        .filter(|p| {
            fs::read_to_string(p)
                .map(|t| parse(black_box(&t)))
                .unwrap_or(false)
        })
        .count()
}

fn toml_table(dir: &Path) -> usize {
    each_file(dir, |t| black_box(toml::from_str::<toml::Table>(t)).is_ok())
}

fn toml_detable(dir: &Path) -> usize {
    each_file(dir, |t| black_box(toml::de::DeTable::parse(t)).is_ok())
}

/// A run's wall time, CPU time (user + system, all threads) in seconds and,
/// where known, peak memory in MB.
#[derive(Clone, Copy)]
struct Measure {
    wall: f64,
    cpu: Option<f64>,
    mb: Option<f64>,
}

/// CPU seconds this process has used so far (Linux), from /proc/self/stat.
fn own_cpu() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // fields[0] is the state (field 3); utime and stime are fields 14, 15
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // clock ticks are 100 a second on every Linux this runs on
    Some((utime + stime) / 100.0)
}

/// Runs `certcheck screen` on `input` and measures it (CPU time and peak
/// memory where /usr/bin/time can tell).
fn screen(certcheck: &Path, input: &Path, format: &str, jobs: Option<&str>) -> Measure {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "maxrss=%M cpu=%U+%S"]).arg(certcheck);
        c
    } else {
        Command::new(certcheck)
    };
    cmd.arg("screen")
        .arg(input)
        .args([
            "--cert",
            "cmq-oe",
            "--cert",
            "cpim",
            "--as-of",
            "2026-11-25",
        ])
        .args(["--format", format]);
    if let Some(j) = jobs {
        cmd.args(["--jobs", j]);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output();
    let wall = start.elapsed().as_secs_f64();
    let err = out
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .unwrap_or_default();
    let last = err.lines().rfind(|l| l.starts_with("maxrss="));
    let field = |name: &str| {
        last.and_then(|l| l.split_whitespace().find_map(|f| f.strip_prefix(name)))
            .map(str::to_string)
    };
    let mb = field("maxrss=")
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    let cpu = field("cpu=").and_then(|c| {
        let (u, s) = c.split_once('+')?;
        Some(u.parse::<f64>().ok()? + s.parse::<f64>().ok()?)
    });
    Measure { wall, cpu, mb }
}

fn timed(f: impl FnOnce() -> usize) -> Measure {
    let cpu0 = own_cpu();
    let start = Instant::now();
    black_box(f());
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu0.zip(own_cpu()).map(|(a, b)| b - a);
    Measure {
        wall,
        cpu,
        mb: None,
    }
}

/// The mean of two baseline runs: what a screen run between them is
/// measured against.
fn mean(a: &Measure, b: &Measure) -> Measure {
    Measure {
        wall: (a.wall + b.wall) / 2.0,
        cpu: a.cpu.zip(b.cpu).map(|(x, y)| (x + y) / 2.0),
        mb: None,
    }
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

struct Args {
    certcheck: PathBuf,
    jsonl: Option<PathBuf>,
    toml: Option<PathBuf>,
    reps: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        certcheck: PathBuf::from("target/release/certcheck"),
        jsonl: None,
        toml: None,
        reps: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--certcheck" => a.certcheck = value()?.into(),
            "--jsonl" => a.jsonl = Some(value()?.into()),
            "--toml" => a.toml = Some(value()?.into()),
            "--reps" => a.reps = value()?.parse().map_err(|e| format!("--reps: {e}"))?,
            other => {
                return Err(format!(
                    "unknown argument `{other}`\nusage: bench_screen [--certcheck PATH] [--jsonl FILE] [--toml DIR] [--reps N]"
                ));
            }
        }
    }
    Ok(a)
}

/// The screen runs of one input (each format on all cores, the table with
/// `--jobs 1`), each between two runs of `baseline`: (name, baselines,
/// screen). A baseline run is shared by the screen runs either side of it.
fn paired_runs(
    certcheck: &Path,
    kind: &str,
    input: &Path,
    baseline: impl Fn() -> usize,
) -> Vec<(String, [Measure; 2], Measure)> {
    let runs = FORMATS
        .iter()
        .map(|f| (*f, None))
        .chain([("table", Some("1"))]);
    let mut out = Vec::new();
    let mut before = timed(&baseline);
    for (f, jobs) in runs {
        let m = screen(certcheck, input, f, jobs);
        let after = timed(&baseline);
        let name = match jobs {
            None => format!("{kind} screen --format {f}"),
            Some(n) => format!("{kind} screen --format {f} --jobs {n}"),
        };
        out.push((name, [before, after], m));
        before = after;
    }
    out
}

const FORMATS: [&str; 3] = ["table", "csv", "json"];

/// Every run's measures, by the run's name.
#[derive(Default)]
struct Results {
    /// Wall seconds of each rep.
    times: BTreeMap<String, Vec<f64>>,
    /// CPU seconds of each rep.
    cpus: BTreeMap<String, Vec<f64>>,
    /// Peak MB over the reps.
    rss: BTreeMap<String, f64>,
    /// (wall ratio, CPU ratio) of each screen run to its baselines.
    pairs: BTreeMap<String, Vec<(f64, Option<f64>)>>,
}

impl Results {
    /// One run's measures, also printed on stderr.
    fn record(&mut self, name: &str, m: Measure) {
        eprintln!("  {name}: {:.3} s", m.wall);
        self.times.entry(name.to_string()).or_default().push(m.wall);
        if let Some(c) = m.cpu {
            self.cpus.entry(name.to_string()).or_default().push(c);
        }
        if let Some(mb) = m.mb {
            let e = self.rss.entry(name.to_string()).or_insert(0.0);
            *e = e.max(mb);
        }
    }

    /// The runs of [`paired_runs`]: each baseline run once (under
    /// `baseline`), each screen run, and each screen run's ratios to the
    /// mean of the baseline runs either side of it.
    fn paired(&mut self, baseline: &str, runs: Vec<(String, [Measure; 2], Measure)>) {
        for (i, (name, [before, after], m)) in runs.into_iter().enumerate() {
            let base = mean(&before, &after);
            let cpu = m.cpu.zip(base.cpu).map(|(s, b)| s / b);
            self.pairs
                .entry(name.clone())
                .or_default()
                .push((m.wall / base.wall, cpu));
            if i == 0 {
                self.record(baseline, before);
            }
            self.record(baseline, after);
            self.record(&name, m);
        }
    }
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut r = Results::default();
    let mut counts = Vec::new();
    // One untimed pass to warm the page cache.
    if let Some(j) = &a.jsonl {
        counts.push(("JSON Lines profiles", json_value(j)));
    }
    if let Some(t) = &a.toml {
        counts.push(("TOML files", toml_detable(t)));
    }
    for rep in 0..a.reps {
        eprintln!("rep {} of {}", rep + 1, a.reps);
        if let Some(j) = &a.jsonl {
            r.record("jsonl baseline: typed structs", timed(|| json_typed(j)));
            let runs = paired_runs(&a.certcheck, "jsonl", j, || json_value(j));
            r.paired("jsonl baseline: serde_json::Value", runs);
        }
        if let Some(t) = &a.toml {
            r.record("toml baseline: read + toml::Table", timed(|| toml_table(t)));
            let runs = paired_runs(&a.certcheck, "toml", t, || toml_detable(t));
            r.paired("toml baseline: read + DeTable", runs);
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "certcheck screen benchmark: {cores} cores, median of {} runs (ratios: of each run to the mean of the baseline runs either side of it)",
        a.reps
    );
    for (what, n) in &counts {
        println!("  {what}: {n}");
    }
    println!();
    if table(r) {
        println!("target met: every parallel screen run is within 1.2 x its baseline");
        ExitCode::SUCCESS
    } else {
        println!("target MISSED: a parallel screen run takes more than 1.2 x its baseline");
        ExitCode::FAILURE
    }
}

/// Prints the Markdown table of the runs' medians and ratios, then a blank
/// line; whether every parallel screen run is within 1.2 x its baseline.
fn table(r: Results) -> bool {
    let Results {
        times,
        cpus,
        rss,
        pairs,
    } = r;
    let med: BTreeMap<&str, f64> = times.iter().map(|(k, v)| (k.as_str(), median(v))).collect();
    let cpu: BTreeMap<&str, f64> = cpus.iter().map(|(k, v)| (k.as_str(), median(v))).collect();
    println!("| run | wall s | x baseline | CPU s | CPU x baseline | peak MB |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    // The baselines' rows: against the baseline that the screens are paired
    // with (serde_json::Value; the spanned TOML parse).
    let baseline = |name: &str, table: &BTreeMap<&str, f64>| {
        if name.starts_with("jsonl") {
            table.get("jsonl baseline: serde_json::Value").copied()
        } else {
            table.get("toml baseline: read + DeTable").copied()
        }
    };
    let median_of = |v: &[f64]| (!v.is_empty()).then(|| median(v));
    let mut pass = true;
    let show = |v: Option<f64>, digits: usize| {
        v.map_or_else(|| "-".to_string(), |v| format!("{v:.digits$}"))
    };
    for (name, secs) in &med {
        let (ratio, cpu_ratio) = match pairs.get(*name) {
            Some(p) => (
                median_of(&p.iter().map(|x| x.0).collect::<Vec<_>>()),
                median_of(&p.iter().filter_map(|x| x.1).collect::<Vec<_>>()),
            ),
            None => (
                baseline(name, &med).map(|b| secs / b),
                cpu.get(name)
                    .copied()
                    .zip(baseline(name, &cpu))
                    .map(|(c, b)| c / b),
            ),
        };
        let c = cpu.get(name).copied();
        println!(
            "| {name} | {secs:.3} | {} | {} | {} | {} |",
            show(ratio, 2),
            show(c, 2),
            show(cpu_ratio, 2),
            show(rss.get(*name).copied(), 0)
        );
        let parallel_screen = name.contains(" screen ") && !name.contains("--jobs 1");
        if parallel_screen && ratio.is_some_and(|r| r > 1.2) {
            pass = false;
        }
    }
    println!();
    pass
}
