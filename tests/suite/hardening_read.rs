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
    // (`--follow`: the link to /dev/zero leads out of the folder, which
    // screen skips otherwise)
    let o = guarded(
        &["screen", "d", "--as-of", "2026-11-25", "--follow"],
        dir.path(),
    );
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

const RANGE_HELP: &str = "certcheck works with dates from 0001-01-01 to 9999-12-31";

#[test]
fn an_as_of_before_year_1_is_refused() {
    let o = common::run([
        "check",
        &common::example("dana.toml"),
        "--as-of",
        "0000-12-31",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "error: `--as-of` date `0000-12-31` is outside 0001-01-01 to 9999-12-31\n  help: {RANGE_HELP}\n"
        )
    );
}

#[test]
fn a_within_reaching_past_9999_is_refused() {
    for within in ["999999y", "4294967295d", "96000m"] {
        let o = common::run([
            "deadlines",
            &common::example("dana.toml"),
            "--as-of",
            "2026-11-25",
            "--within",
            within,
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(2), "{within}: {}", stdout(&o));
        assert_eq!(
            stderr(&o),
            format!(
                "error: `--within {within}` reaches past 9999-12-31 from 2026-11-25\n  \
                 help: certcheck works with dates up to 9999-12-31; give a shorter time\n"
            )
        );
    }
    // the last day itself is fine
    let o = common::run([
        "deadlines",
        &common::example("dana.toml"),
        "--as-of",
        "9999-12-30",
        "--within",
        "1d",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_profile_date_in_year_0_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = dana().replace("earned = 2021-10-15", "earned = 0000-10-15");
    assert_ne!(text, dana());
    fs::write(dir.path().join("p.toml"), &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("earned = 0000"))
        .unwrap()
        + 1;
    let o = guarded(&["check", "p.toml", "--as-of", "2026-11-25"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "error: p.toml:{line}:10: date `0000-10-15` for `earned` in `[[certifications]]` entry 1 is outside 0001-01-01 to 9999-12-31\n  help: {RANGE_HELP}\n"
        )
    );
}

#[test]
fn a_computed_date_past_9999_is_refused_by_every_report() {
    let dir = tempfile::tempdir().unwrap();
    // a three-year cycle from 9998 ends in 10001
    let text = dana().replace("earned = 2021-10-15", "earned = 9998-10-15");
    assert_ne!(text, dana());
    fs::write(dir.path().join("p.toml"), &text).unwrap();
    let message = format!(
        "error: p.toml: a date computed for `p.toml` is `+10001-10-16`, outside 0001-01-01 to 9999-12-31\n  \
         help: {RANGE_HELP}; a date in the profile or `--as-of` near either end puts a cycle's end or a deadline beyond them\n"
    );
    for format in ["text", "json", "html"] {
        let o = guarded(
            &[
                "check",
                "p.toml",
                "--as-of",
                "9999-11-25",
                "--format",
                format,
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{format}: {}", stdout(&o));
        assert_eq!(stderr(&o), message, "{format}");
        assert_eq!(stdout(&o), "", "{format}");
    }
    let o = guarded(
        &[
            "deadlines",
            "p.toml",
            "--as-of",
            "9999-11-25",
            "--ics",
            "d.ics",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).starts_with("error: p.toml: a date computed for `p.toml` is `+1000"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("d.ics").exists(), "no calendar is written");
    let o = guarded(
        &[
            "screen",
            "p.toml",
            "--as-of",
            "9999-11-25",
            "--format",
            "csv",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).starts_with(&message), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().nth(1),
        Some(
            "p,,p.toml,,error,,\"p.toml: a date computed for `p.toml` is `+10001-10-16`, outside 0001-01-01 to 9999-12-31\",,"
        ),
        "an error row, no date column past 9999"
    );
}

#[test]
fn a_broken_link_among_rule_test_cases_is_an_error_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cmq-oe");
    fs::create_dir(&cases).unwrap();
    fs::copy(
        common::root().join("tests/rules/cmq-oe/certified.toml"),
        cases.join("certified.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.toml", cases.join("zz.toml")).unwrap();
    let o = guarded(&["rules", "test", "."], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "error: ./cmq-oe/zz.toml: cannot read `./cmq-oe/zz.toml`: no such file or directory\n"
    );
}

#[test]
fn a_computed_date_past_9999_in_a_roster_is_an_error_row_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let line =
        r#"{"name": "A", "id": "a", "certifications": [{"id": "cmq-oe", "earned": "9998-10-15"}]}"#;
    let ok =
        r#"{"name": "B", "id": "b", "certifications": [{"id": "cmq-oe", "earned": "2021-10-15"}]}"#;
    fs::write(dir.path().join("r.jsonl"), format!("{ok}\n{line}\n")).unwrap();
    let o = guarded(
        &[
            "screen",
            "r.jsonl",
            "--as-of",
            "9999-11-25",
            "--format",
            "csv",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).starts_with(
            "error: r.jsonl:2: a date computed for `r.jsonl` is `+10001-10-15`, outside 0001-01-01 to 9999-12-31\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_assumed_date_in_year_0_is_refused() {
    let o = common::run([
        "check",
        &common::example("dana.toml"),
        "--as-of",
        "2026-11-25",
        "--assume",
        "exam=cpim@0000-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).starts_with(
            "error: cannot read `--assume exam=cpim@0000-01-01`: `0000-01-01` is outside 0001-01-01 to 9999-12-31\n"
        ),
        "{}",
        stderr(&o)
    );
}
