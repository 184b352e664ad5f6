//! `certcheck screen`'s folder walk against hostile trees (issue 13): links
//! that fan out, very deep folders and loops, links leading out of the
//! folder named, files that are not profiles, and a closed stdout.
//!
//! Each run that could hang on a walk gone wrong is killed after
//! [`HANG_GUARD`]: a failure, never a measure of speed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common;

const AS_OF: &str = "2026-11-25";

/// Far longer than any of these runs takes when the walk is linear (well
/// under a second), far shorter than they take when it is not (hours).
const HANG_GUARD: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `certcheck screen ARGS --as-of AS_OF`, killed after [`HANG_GUARD`].
fn screen(args: &[&str]) -> Run {
    let out = common::certcheck()
        .arg("screen")
        .args(args)
        .args(["--as-of", AS_OF])
        .timeout(HANG_GUARD)
        .output()
        .expect("runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("a folder");
    }
    fs::write(path, text).expect("a file");
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).expect("a symbolic link");
}

/// `text` with each run of `d/` (a deep tree's paths) shortened to one,
/// for a failure's message.
fn short(text: &str) -> String {
    let mut out = text.to_string();
    while out.contains("/d/d/") {
        out = out.replace("/d/d/", "/d/");
    }
    out
}

/// The `source` cell of each CSV row (no quoted commas in these paths).
fn sources(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap_or_default().to_string())
        .collect()
}

/// Point 3: two links a level to the next level, 20 levels: 3^20 paths to
/// one profile when walked path by path. Each folder is visited once; the
/// other paths are skipped, named on stderr (the first 20) and counted in
/// the summary; the CSV and JSON have one profile.
#[cfg(unix)]
#[test]
fn links_that_fan_out_are_walked_once_and_the_rest_skipped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let top = dir.path().join("n0");
    let mut level = top.clone();
    for i in 1..=20 {
        let next = level.join(format!("n{i}"));
        fs::create_dir_all(&next).expect("a folder");
        symlink(format!("n{i}"), level.join("a"));
        symlink(format!("n{i}"), level.join("b"));
        level = next;
    }
    write(
        &level.join("p.toml"),
        "name = \"P\"\ntargets = [\"cpim\"]\n",
    );
    let top_arg = top.display().to_string();
    let run = screen(&[&top_arg, "--format", "csv"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let deepest = format!("{top_arg}{}/p.toml", "/a".repeat(20));
    assert_eq!(sources(&run.stdout), [deepest], "{}", run.stdout);
    let first_skip = format!("{top_arg}{}/b", "/a".repeat(19));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 22, "{}", run.stderr);
    assert_eq!(
        lines[0],
        format!("note: skipped `{first_skip}`: already screened by another path")
    );
    assert_eq!(lines[20], "note: 20 more skipped paths");
    assert_eq!(
        lines[21],
        "screened 1 profile, 1 result: 0 requirements-met, 1 eligible, 0 not-eligible, 0 certified, 0 grace, 0 lapsed; 0 bad profiles; skipped 40 duplicate paths"
    );
    let json = screen(&[&top_arg, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    assert_eq!(json.stdout.lines().count(), 1, "{}", json.stdout);
    assert_eq!(json.stderr, run.stderr);
}

/// Point 4: a tree 1,500 folders deep (walked in cubic time, minutes, when
/// every folder was canonicalised), with profiles along the way and two
/// loops at the bottom: every profile is a row, each loop a bad-profile row.
#[cfg(unix)]
#[test]
fn a_very_deep_tree_is_walked_with_its_loops() {
    const DEPTH: usize = 1500;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let top = dir.path().join("t");
    let mut level = top.clone();
    let mut expected = Vec::new();
    for depth in 1..=DEPTH {
        level = level.join("d");
        if depth % 500 == 0 {
            let p = level.join(format!("p{depth}.toml"));
            write(&p, &format!("name = \"P{depth}\"\ntargets = [\"cpim\"]\n"));
            expected.push(p.display().to_string());
        }
    }
    symlink(&top, level.join("back"));
    symlink("../../..", level.join("up"));
    let top_arg = top.display().to_string();
    let run = screen(&[&top_arg, "--format", "csv"]);
    assert_eq!(run.code, Some(2), "{}", short(&run.stderr));
    // depth first, each folder's entries by name: `back`, `p1500.toml`,
    // `up` at the bottom, then the profiles on the way back up
    let bottom = |name: &str| level.join(name).display().to_string();
    let want = [
        bottom("back"),
        bottom("p1500.toml"),
        bottom("up"),
        expected[1].clone(),
        expected[0].clone(),
    ];
    let got = sources(&run.stdout);
    assert!(got == want, "rows: {}", short(&run.stdout));
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert!(rows[1].contains(",eligible,"), "{}", short(rows[1]));
    let back = format!(
        "`{}` leads back to `{top_arg}`, a folder that contains it",
        bottom("back")
    );
    assert!(rows[0].contains(&back), "{}", short(rows[0]));
    let up = format!(
        "leads back to `{}`, a folder that contains it",
        level
            .join("../../..")
            .canonicalize()
            .expect("a folder")
            .display()
    );
    assert!(rows[2].contains(&up), "{}", short(rows[2]));
    assert!(
        run.stderr.ends_with("screened 5 profiles, 3 results: 0 requirements-met, 3 eligible, 0 not-eligible, 0 certified, 0 grace, 0 lapsed; 2 bad profiles\n"),
        "{}",
        short(&run.stderr)
    );
}

/// Point 8: links `*.toml` and `*.json` to files that are not profiles.
/// Without `--follow` they lead out of the folder and are skipped; with
/// it, their error rows and stderr quote nothing of a file that is not
/// TOML, and at most 40 characters of a key or value of one that is.
#[cfg(unix)]
#[test]
fn a_link_to_a_secret_does_not_put_the_secret_in_the_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    let secrets = [
        (
            "env",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCY\n",
        ),
        ("yaml", "password: hunter2-correct-horse\n"),
        (
            "key",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n",
        ),
        (
            "json",
            "{\"token\": \"ghp_16C7e42F292c6912E7710c838347Ae178B4a\"}\n",
        ),
        (
            "toml",
            "name = \"x\"\n[[employment]]\nstart = \"sk-0123456789abcdefghijklmnopqrstuvwxyz-SECRET-TAIL\"\n",
        ),
    ];
    for (name, text) in secrets {
        write(&d.join("home").join(name), text);
    }
    let roster = d.join("roster");
    fs::create_dir_all(&roster).expect("a folder");
    for (name, _) in &secrets[..3] {
        symlink(
            d.join("home").join(name),
            roster.join(format!("{name}.toml")),
        );
    }
    symlink(d.join("home/json"), roster.join("json.json"));
    symlink(d.join("home/toml"), roster.join("toml.toml"));
    let roster_arg = roster.display().to_string();
    let leaked = |text: &str| {
        [
            "wJalrXUtnFEMI",
            "hunter2",
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU",
            "OPENSSH",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "SECRET-TAIL",
        ]
        .into_iter()
        .filter(|s| text.contains(s))
        .collect::<Vec<_>>()
    };
    // without --follow: skipped, named on stderr, counted
    let run = screen(&[&roster_arg, "--format", "csv"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "note: skipped `{roster_arg}/env.toml`: a symbolic link leading out of `{roster_arg}` (`--follow` follows it)\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("; 0 bad profiles; skipped 5 links out of the folder\n"),
        "{}",
        run.stderr
    );
    // with --follow: error rows that quote none of the secrets
    for format in ["csv", "json", "table"] {
        let run = screen(&[&roster_arg, "--follow", "--format", format]);
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert_eq!(leaked(&run.stdout), Vec::<&str>::new(), "{}", run.stdout);
        assert_eq!(leaked(&run.stderr), Vec::<&str>::new(), "{}", run.stderr);
        assert!(run.stderr.ends_with("; 5 bad profiles\n"), "{}", run.stderr);
    }
    let run = screen(&[&roster_arg, "--follow", "--format", "csv"]);
    // a key is quoted; a value at most 40 characters of it
    assert!(
        run.stderr
            .contains("json.json:1:2: unknown key `token` in the profile\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "toml.toml:3:9: expected a date like `2016-09-01` for `start` in `[[employment]]` entry 1, found `sk-0123456789abcdefghijklmnopqrstuvwxyz-…`\n"
        ),
        "{}",
        run.stderr
    );
    // a file that is not TOML: where, and what, but not the text
    assert!(
        run.stderr
            .contains("env.toml:1:23: string values must be quoted\n"),
        "{}",
        run.stderr
    );
}

/// `certcheck ARGS` with stdout a real pipe whose reading end is closed
/// before the run starts (a `| head` that has gone), killed after
/// [`HANG_GUARD`]: its exit code and stderr.
fn closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    use std::process::Stdio;
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut child = common::certcheck_std()
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("certcheck starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let read = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("certcheck {args:?} still running after {HANG_GUARD:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), read.join().expect("stderr read"))
}

const CLOSED: &str =
    "error: cannot write `<stdout>`: the output was closed before the end (broken pipe)\n";

/// Point 15: a closed stdout (`screen ... | head`) is exit 2 with one
/// `error:` line saying so, and no summary claiming the run went well.
#[test]
fn a_closed_pipe_ends_screen_with_an_error_not_a_summary() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let roster = dir.path().join("r.jsonl");
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "{{\"name\": \"P{i}\", \"id\": \"p{i}\", \"targets\": [\"cpim\", \"cmq-oe\"]}}\n"
        ));
    }
    write(&roster, &text);
    let roster = roster.display().to_string();
    for format in ["csv", "json", "table", "html"] {
        let (code, stderr) =
            closed_stdout(&["screen", &roster, "--as-of", AS_OF, "--format", format]);
        assert_eq!(code, Some(2), "{format}: {stderr}");
        assert_eq!(stderr, CLOSED, "{format}");
    }
}

/// Every other command that writes to stdout says the same, with exit 2.
#[test]
fn a_closed_pipe_is_an_error_for_every_command() {
    let dana = common::example("dana.toml");
    let runs: [&[&str]; 7] = [
        &["check", &dana, "--as-of", AS_OF],
        &["check", &dana, "--as-of", AS_OF, "--format", "json"],
        &["deadlines", &dana, "--as-of", AS_OF],
        &["rules", "list"],
        &["rules", "show", "cmq-oe"],
        &["completions", "bash"],
        &["man"],
    ];
    for args in runs {
        let (code, stderr) = closed_stdout(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr, CLOSED, "{args:?}");
    }
}
