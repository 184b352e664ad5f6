//! The command line without real rules or profiles: argument checking,
//! usage errors, help, exit codes.

use std::process::Output;

use crate::common;
use common::{stderr, stdout};

fn certcheck(args: &[&str]) -> Output {
    common::run(args)
}

/// Exit code 2, a message on stderr, nothing on stdout, no panic.
fn assert_usage_error(o: &Output) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    let err = stderr(o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn impossible_as_of_is_refused_before_anything_is_read() {
    let o = certcheck(&["check", "no-such-profile.toml", "--as-of", "2023-02-30"]);
    assert_usage_error(&o);
    assert_eq!(
        stderr(&o),
        "error: invalid date `2023-02-30` for `--as-of`\n  help: expected a date like `2026-11-25`\n"
    );
}

#[test]
fn malformed_as_of_is_refused() {
    for bad in ["2023-2-3", "25/11/2026", "today", "2026-11-25T00:00"] {
        let o = certcheck(&["check", "p.toml", "--as-of", bad]);
        assert_usage_error(&o);
        assert!(
            stderr(&o).contains(&format!("invalid date `{bad}` for `--as-of`")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let o = certcheck(&["check", "p.toml", "--format", "xml"]);
    assert_usage_error(&o);
    let err = stderr(&o);
    assert!(
        err.contains("xml") && err.contains("text") && err.contains("json"),
        "{err}"
    );
}

#[test]
fn missing_profile_names_the_file() {
    let o = certcheck(&["check", "x.toml", "--as-of", "2026-11-25"]);
    assert_usage_error(&o);
    let err = stderr(&o);
    assert!(err.starts_with("error: cannot read `x.toml`: "), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_folder_is_not_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().display().to_string();
    let o = certcheck(&["check", &path, "--format", "json"]);
    assert_usage_error(&o);
    assert!(
        stderr(&o).contains(&format!("cannot read `{path}`")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_cert_is_refused_before_the_profile_is_read() {
    let o = certcheck(&["check", "x.toml", "--cert", "no-such-cert"]);
    assert_usage_error(&o);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: unknown certification `no-such-cert`\n  help: "),
        "{err}"
    );
    assert!(!err.contains("x.toml"), "{err}");
}

#[test]
fn help_describes_options_with_an_example() {
    for args in [&["check", "--help"][..], &["help", "check"][..]] {
        let o = certcheck(args);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        for needle in [
            "PROFILE",
            "--cert <ID>",
            "--as-of <DATE>",
            "--format <FORMAT>",
            "--rules <DIR>",
            "YYYY-MM-DD",
            "certcheck check examples/dana.toml --as-of 2026-11-25",
        ] {
            assert!(out.contains(needle), "`{needle}` missing from:\n{out}");
        }
        assert!(o.stderr.is_empty());
    }
    let o = certcheck(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("check"));
    assert!(stdout(&o).contains("certcheck check examples/dana.toml --as-of 2026-11-25"));
}

#[test]
fn version_exits_0() {
    let o = certcheck(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("certcheck "), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["check"][..],
        &["frobnicate"][..],
        &["check", "p.toml", "--no-such-flag"][..],
        &["check", "p.toml", "--as-of"][..],
    ] {
        let o = certcheck(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
}
