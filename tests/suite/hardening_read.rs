//! Issue 13, points 1, 2, 16, 17 and 18: every file is read through one
//! reader that refuses what is not a regular file before blocking on it and
//! stops at the size limit; a broken `--rules` entry is an error; dates
//! stay within 0001-01-01 to 9999-12-31; rule counts are bounded.
//!
//! A command that would hang is killed after 20 s, which fails the test.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::common::{self, certcheck, stderr, stdout};

/// Generous: these commands answer in milliseconds, unless they hang.
const HANG_GUARD: Duration = Duration::from_secs(20);

/// `certcheck ARGS`, killed after [`HANG_GUARD`].
fn guarded(args: &[&str], dir: &Path) -> Output {
    certcheck()
        .args(args)
        .current_dir(dir)
        .timeout(HANG_GUARD)
        .output()
        .expect("certcheck runs")
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

fn dana() -> String {
    fs::read_to_string(common::root().join("examples/dana.toml")).expect("dana.toml")
}

#[test]
fn screen_refuses_a_fifo_a_device_and_an_oversized_json_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("a.toml"), dana()).unwrap();
    mkfifo(&d.join("b.toml"));
    std::os::unix::fs::symlink("/dev/zero", d.join("z.toml")).unwrap();
    // 8 MiB and one byte (sparse: nothing is written)
    let big = fs::File::create(d.join("big.json")).unwrap();
    big.set_len(8 * 1024 * 1024 + 1).unwrap();
    let o = guarded(&["screen", "d", "--as-of", "2026-11-25"], dir.path());
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    let help = "  help: certcheck reads a profile only from a regular file (a symbolic link to one is followed)\n";
    assert_eq!(
        stderr(&o),
        format!(
            "error: d/b.toml: cannot read `d/b.toml`: it is a FIFO, not a regular file\n{help}\
             error: d/big.json: `d/big.json` is larger than the 8 MiB limit for a profile\n  \
             help: certcheck reads a profile of at most 8 MiB (8388608 bytes); is this the right file?\n\
             error: d/z.toml: cannot read `d/z.toml`: it is a character device, not a regular file\n{help}\
             screened 4 profiles, 2 results: 0 requirements-met, 1 eligible, 0 not-eligible, 1 certified, 0 grace, 0 lapsed; 3 bad profiles\n"
        )
    );
    // the good profile is still judged
    assert!(stdout(&o).contains("d/a.toml"), "{}", stdout(&o));
}

#[test]
fn screen_refuses_a_link_to_dev_zero_and_a_fifo_roster_named_on_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.toml")).unwrap();
    mkfifo(&dir.path().join("r.jsonl"));
    let o = guarded(
        &[
            "screen",
            "z.toml",
            "r.jsonl",
            "--as-of",
            "2026-11-25",
            "--format",
            "csv",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "error: z.toml: cannot read `z.toml`: it is a character device, not a regular file\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: r.jsonl: cannot read `r.jsonl`: it is a FIFO, not a regular file\n  help: certcheck reads a roster only from a regular file"),
        "{err}"
    );
}

#[test]
fn check_and_deadlines_refuse_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.toml"));
    for command in ["check", "deadlines"] {
        let o = guarded(&[command, "fifo.toml", "--as-of", "2026-11-25"], dir.path());
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        assert_eq!(
            stderr(&o),
            "error: fifo.toml: cannot read `fifo.toml`: it is a FIFO, not a regular file\n  \
             help: certcheck reads a profile only from a regular file (a symbolic link to one is followed)\n",
            "{command}"
        );
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn log_and_renew_refuse_a_fifo_and_leave_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.toml"));
    let runs: [&[&str]; 2] = [
        &[
            "log",
            "fifo.toml",
            "--cert",
            "cmq-oe",
            "--category",
            "professional-development",
            "--hours",
            "15",
            "--description",
            "x",
            "--as-of",
            "2026-11-25",
        ],
        &[
            "renew",
            "fifo.toml",
            "--cert",
            "cmq-oe",
            "--as-of",
            "2026-11-25",
        ],
    ];
    for args in runs {
        let o = guarded(args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("error: cannot read `"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("fifo.toml`: it is a FIFO, not a regular file\n"),
            "{args:?}: {}",
            stderr(&o)
        );
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec!["fifo.toml"], "{args:?}: nothing left behind");
    }
}

/// `check p.toml --rules r` in a folder holding dana's profile and `r/`.
fn check_with_rules(dir: &Path) -> Output {
    guarded(
        &["check", "p.toml", "--rules", "r", "--as-of", "2026-11-25"],
        dir,
    )
}

/// A folder with dana's profile as `p.toml` and an empty `r/`.
fn rules_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.toml"), dana()).unwrap();
    fs::create_dir(dir.path().join("r")).unwrap();
    dir
}

#[test]
fn a_broken_link_in_a_rules_folder_is_an_error_not_the_built_in_rule() {
    let dir = rules_dir();
    // meant to replace the built-in cmq-oe rule, but points nowhere
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("r/cmq-oe.toml")).unwrap();
    let o = check_with_rules(dir.path());
    assert_eq!(o.status.code(), Some(2), "stdout: {}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "error: cannot read `r/cmq-oe.toml`: no such file or directory\n"
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_link_loop_in_a_rules_folder_is_an_error() {
    let dir = rules_dir();
    std::os::unix::fs::symlink("b.toml", dir.path().join("r/a.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("r/b.toml")).unwrap();
    let o = check_with_rules(dir.path());
    assert_eq!(o.status.code(), Some(2), "stdout: {}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "error: cannot read `r/a.toml`: too many levels of symbolic links\n"
    );
}

#[test]
fn a_fifo_or_a_device_in_a_rules_folder_is_an_error() {
    let dir = rules_dir();
    mkfifo(&dir.path().join("r/f.toml"));
    let o = check_with_rules(dir.path());
    assert_eq!(o.status.code(), Some(2), "stdout: {}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "error: r/f.toml: cannot read `r/f.toml`: it is a FIFO, not a regular file\n  \
         help: certcheck reads a rule file only from a regular file (a symbolic link to one is followed)\n"
    );
    fs::remove_file(dir.path().join("r/f.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.path().join("r/n.toml")).unwrap();
    let o = check_with_rules(dir.path());
    assert_eq!(o.status.code(), Some(2), "stdout: {}", stdout(&o));
    assert!(
        stderr(&o).starts_with(
            "error: r/n.toml: cannot read `r/n.toml`: it is a character device, not a regular file\n"
        ),
        "{}",
        stderr(&o)
    );
    // a folder named like a rule file is still no rule file, and skipped
    fs::remove_file(dir.path().join("r/n.toml")).unwrap();
    fs::create_dir(dir.path().join("r/old.toml")).unwrap();
    let o = check_with_rules(dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}
