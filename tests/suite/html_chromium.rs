//! The HTML pages in a real browser: headless Chromium (Debian's `chromium`
//! package, which `.ci/run` installs) loads them from disk, `--dump-dom`
//! gives the DOM after any script ran, and `--screenshot` a picture.
//! Without Chromium the tests fail in CI (`CI=true`), and elsewhere print a
//! note and pass.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use certcheck::dates::date;
use certcheck::eval::timeline::timeline;
use certcheck::eval::{Selection, evaluate};
use certcheck::profile;
use certcheck::report::html::{RosterEntry, render_roster};

use crate::common;

/// The Chromium binary, if installed.
pub(crate) fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs Chromium headless on `url` with `extra` arguments, in a fresh
/// profile folder, for at most two minutes; returns its stdout.
pub(crate) fn run_chromium(bin: &Path, url: &str, extra: &[String]) -> String {
    let profile_dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile_dir.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

pub(crate) fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

pub(crate) fn skip() {
    common::skip("chromium is not installed (.ci/run installs it)");
}

/// (width, height) of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let n = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (n(16), n(20))
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

#[test]
fn the_person_page_renders_in_chromium() {
    let Some(bin) = chromium() else { return skip() };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("dana.html");
    let out = common::run([
        "check",
        &common::example("dana.toml"),
        "--as-of",
        "2026-11-25",
        "--format",
        "html",
    ]);
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(&page, &out.stdout).unwrap();

    let dom = run_chromium(&bin, &file_url(&page), &["--dump-dom".to_string()]);
    for needle in [
        "<svg id=\"timeline-chart\"",
        "<g class=\"role-row dm\" data-start=\"2013-09-01\">",
        "<section class=\"cert\" id=\"cert-cmq-oe\" data-status=\"certified\">",
        "<svg id=\"renewal-chart-cmq-oe\" class=\"renewal-chart\"",
        "18 RU required",
        "cycle ends 2027-10-15",
        "<section class=\"cert\" id=\"cert-cpim\" data-status=\"eligible\">",
    ] {
        assert!(dom.contains(needle), "the DOM lacks {needle}");
    }
    assert_eq!(dom.matches("<g class=\"role-row").count(), 2);

    let shot = dir.path().join("dana.png");
    run_chromium(
        &bin,
        &file_url(&page),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".to_string(),
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(png_size(&png), (1200, 1600));
    assert!(png.len() > 20_000, "a blank page? {} bytes", png.len());
    // kept for a look: target/tmp/dana.png
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dana.png");
    std::fs::write(&keep, &png).unwrap();
    println!("screenshot: {}", keep.display());
}

#[test]
fn the_roster_sorts_and_filters_in_chromium() {
    let Some(bin) = chromium() else { return skip() };
    let rules = common::rules();
    let as_of = date(2026, 11, 25);
    let load = |name: &str| {
        let p = example(name);
        let text = std::fs::read(&p).unwrap();
        profile::parse_bytes(&text, &p, rules).unwrap()
    };
    let (dana, sam) = (load("dana.toml"), load("sam.toml"));
    let rd = evaluate(rules, &dana, as_of, &Selection::Default);
    let rs = evaluate(rules, &sam, as_of, &Selection::Default);
    let ts = timeline(rules, &sam, &rs);
    let html = render_roster(
        as_of,
        &[
            RosterEntry {
                source: "dana.toml",
                report: &rd,
                timeline: None,
            },
            RosterEntry {
                source: "sam.toml",
                report: &rs,
                timeline: Some(&ts),
            },
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("roster.html");
    std::fs::write(&page, html).unwrap();

    // the script ran: every row shown, counted
    let dom = run_chromium(&bin, &file_url(&page), &["--dump-dom".to_string()]);
    assert!(
        dom.contains("data-ready=\"true\""),
        "the script did not run"
    );
    assert!(dom.contains("<span id=\"count\" class=\"muted\">3 of 3 rows</span>"));

    // filtered by text: only Sam's row is shown
    let dom = run_chromium(
        &bin,
        &format!("{}#filter=okafor", file_url(&page)),
        &["--dump-dom".to_string()],
    );
    assert!(
        dom.contains("<span id=\"count\" class=\"muted\">1 of 3 rows</span>"),
        "{dom}"
    );
    assert_eq!(dom.matches(" hidden=\"\"").count(), 2);

    // a malformed percent-escape in a link (a cut-off UTF-8 sequence) is
    // taken as written: the script still runs to the end, and the rest of
    // the link still applies
    let dom = run_chromium(
        &bin,
        &format!("{}#filter=%E0%A4&sort=status", file_url(&page)),
        &["--dump-dom".to_string()],
    );
    assert!(
        dom.contains("data-ready=\"true\""),
        "the script stopped: {dom}"
    );
    assert!(
        dom.contains("<span id=\"count\" class=\"muted\">0 of 3 rows</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("data-key=\"status\" tabindex=\"0\" aria-sort=\"ascending\""),
        "{dom}"
    );

    // sorted by status: in the order to act on (report::vocab::ACT_FIRST):
    // Dana's CPIM (eligible), Sam (not eligible), Dana's CMQ/OE (held)
    let dom = run_chromium(
        &bin,
        &format!("{}#sort=status", file_url(&page)),
        &["--dump-dom".to_string()],
    );
    let order: Vec<&str> = dom
        .match_indices("<tr data-index=\"")
        .map(|(i, _)| &dom[i + 16..i + 17])
        .collect();
    assert_eq!(order, ["1", "2", "0"], "rows after sorting by status");
    assert!(
        dom.contains("data-key=\"status\" tabindex=\"0\" aria-sort=\"ascending\""),
        "{dom}"
    );

    let shot = dir.path().join("roster.png");
    run_chromium(
        &bin,
        &file_url(&page),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".to_string(),
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(png_size(&png), (1200, 1600));
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster.png");
    std::fs::write(&keep, &png).unwrap();
    println!("screenshot: {}", keep.display());
}
