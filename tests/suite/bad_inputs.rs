//! Every bad input is answered: exit code 2, a message naming the file (and
//! the line and column where there is one), nothing on stdout, no panic.
//!
//! Kept as data: tests/fixtures/bad-rules/ (every rule-file error class, with
//! tests/fixtures/bad-rules.toml) and tests/fixtures/bad-inputs/ (raw-input
//! oddities, read both as a profile and as a rule file, with
//! tests/fixtures/bad-inputs.toml). Profile error classes are in
//! tests/fixtures/bad/ (tests/suite/cli_check.rs). Inputs too big to commit are
//! made here at run time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;

use crate::common;
use common::stderr;

const AS_OF: &str = "2026-11-25";

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn certcheck(args: &[&std::ffi::OsStr]) -> Output {
    common::run(args)
}

/// Exit 2, nothing on stdout, no panic or internal error; returns stderr.
fn refused(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{what}: {err}");
    assert!(o.stdout.is_empty(), "{what}: nothing on stdout");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{what}: {err}"
    );
    assert!(err.starts_with("error: "), "{what}: {err}");
    err
}

/// `certcheck check PROFILE`.
fn check(profile: &Path) -> Output {
    certcheck(&[
        "check".as_ref(),
        profile.as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ])
}

/// `certcheck check` of a valid profile with `file` as the only rule file of
/// `--rules DIR`; returns the output and the path the file has there.
fn check_with_rule_file(file: &Path) -> (Output, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).expect("mkdir");
    let copy = rules.join("x.toml");
    fs::copy(file, &copy).expect("copy");
    let profile = dir.path().join("p.toml");
    fs::write(&profile, "name = \"Dana\"\n").expect("write");
    let o = certcheck(&[
        "check".as_ref(),
        profile.as_os_str(),
        "--rules".as_ref(),
        rules.as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    (o, copy, dir)
}

/// The names of the files in a fixture folder, sorted.
fn files_in(folder: &str) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(fixture(folder))
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[derive(Deserialize)]
struct RuleCases {
    case: Vec<RuleCase>,
}

#[derive(Deserialize)]
struct RuleCase {
    file: String,
    at: String,
    message: String,
    help: Option<String>,
}

#[test]
fn every_rule_file_error_exits_2_naming_file_line_and_column() {
    let text = fs::read_to_string(fixture("bad-rules.toml")).expect("expectations");
    let cases: RuleCases = toml::from_str(&text).expect("valid expectations");
    let mut named: Vec<String> = cases.case.iter().map(|c| c.file.clone()).collect();
    named.sort();
    assert_eq!(
        files_in("bad-rules"),
        named,
        "every fixture has one expectation"
    );
    for c in &cases.case {
        let (o, path, _dir) = check_with_rule_file(&fixture(&format!("bad-rules/{}", c.file)));
        let err = refused(&o, &c.file);
        let file = path.display().to_string();
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!(
                "error: {file}:{}: {}",
                c.at,
                c.message.replace("FILE", &file)
            ),
            "{}",
            c.file
        );
        if let Some(help) = &c.help {
            assert!(
                err.contains(&format!("  help: {help}")),
                "{}: {err}",
                c.file
            );
        }
    }
}

#[derive(Deserialize)]
struct InputCases {
    case: Vec<InputCase>,
}

#[derive(Deserialize)]
struct InputCase {
    file: String,
    profile_at: String,
    profile_message: String,
    rules_at: String,
    rules_message: String,
}

#[test]
fn raw_input_oddities_exit_2_as_a_profile_and_as_a_rule_file() {
    let text = fs::read_to_string(fixture("bad-inputs.toml")).expect("expectations");
    let cases: InputCases = toml::from_str(&text).expect("valid expectations");
    let mut named: Vec<String> = cases.case.iter().map(|c| c.file.clone()).collect();
    named.sort();
    assert_eq!(
        files_in("bad-inputs"),
        named,
        "every fixture has one expectation"
    );
    for c in &cases.case {
        let path = fixture(&format!("bad-inputs/{}", c.file));
        let file = path.display().to_string();
        let err = refused(&check(&path), &c.file);
        assert_eq!(
            err.lines().next().unwrap_or_default(),
            format!(
                "error: {file}:{}: {}",
                c.profile_at,
                c.profile_message.replace("FILE", &file)
            ),
            "{} as a profile",
            c.file
        );
        let (o, copy, _dir) = check_with_rule_file(&path);
        let err = refused(&o, &c.file);
        let file = copy.display().to_string();
        assert_eq!(
            err.lines().next().unwrap_or_default(),
            format!(
                "error: {file}:{}: {}",
                c.rules_at,
                c.rules_message.replace("FILE", &file)
            ),
            "{} as a rule file",
            c.file
        );
    }
}

/// A 100 MB file (sparse: made in an instant, never read whole) is refused
/// before it is read, as a profile (check, log, renew, deadlines), as a rule
/// file (`--rules`, `rules validate`).
#[test]
fn a_100_mb_file_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.toml");
    let f = fs::File::create(&big).expect("create");
    f.set_len(100 * 1000 * 1000).expect("set_len");
    drop(f);
    let name = big.display().to_string();
    let expected = format!(
        "error: {name}: `{name}` is larger than the 8 MiB limit for a profile\n  help: certcheck reads a profile of at most 8 MiB (8388608 bytes); is this the right file?\n"
    );
    let err = refused(&check(&big), "check");
    assert_eq!(err, expected);
    let err = refused(
        &certcheck(&[
            "deadlines".as_ref(),
            big.as_os_str(),
            "--as-of".as_ref(),
            AS_OF.as_ref(),
        ]),
        "deadlines",
    );
    assert_eq!(err, expected);
    let edit_expected = format!(
        "error: `{name}` is larger than the 8 MiB limit for a profile\n  help: the profile is unchanged\n"
    );
    let err = refused(
        &certcheck(&[
            "log".as_ref(),
            big.as_os_str(),
            "--cert".as_ref(),
            "cmq-oe".as_ref(),
            "--category".as_ref(),
            "giving-back".as_ref(),
            "--units".as_ref(),
            "1".as_ref(),
            "--description".as_ref(),
            "x".as_ref(),
        ]),
        "log",
    );
    assert_eq!(err, edit_expected);
    let err = refused(
        &certcheck(&[
            "renew".as_ref(),
            big.as_os_str(),
            "--cert".as_ref(),
            "cmq-oe".as_ref(),
        ]),
        "renew",
    );
    assert_eq!(err, edit_expected);
    assert_eq!(
        fs::metadata(&big).expect("still there").len(),
        100 * 1000 * 1000
    );

    // as a rule file
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).expect("mkdir");
    let big_rule = rules.join("big.toml");
    fs::rename(&big, &big_rule).expect("move");
    let profile = dir.path().join("p.toml");
    fs::write(&profile, "name = \"Dana\"\n").expect("write");
    let name = big_rule.display().to_string();
    let rule_expected = format!(
        "error: {name}: `{name}` is larger than the 8 MiB limit for a rule file\n  help: certcheck reads a rule file of at most 8 MiB (8388608 bytes); is this the right file?\n"
    );
    let err = refused(
        &certcheck(&[
            "check".as_ref(),
            profile.as_os_str(),
            "--rules".as_ref(),
            rules.as_os_str(),
        ]),
        "--rules",
    );
    assert_eq!(err, rule_expected);
    let err = refused(
        &certcheck(&["rules".as_ref(), "validate".as_ref(), big_rule.as_os_str()]),
        "rules validate",
    );
    assert_eq!(err, rule_expected);
}

/// A file at the limit is read; one byte more is not.
#[test]
fn the_limit_is_8_mib_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    let head = "name = \"Dana\"\n";
    let limit = 8 * 1024 * 1024;
    let mut text = String::with_capacity(limit);
    text.push_str(head);
    while text.len() + 100 < limit {
        text.push_str(&format!("# {}\n", "x".repeat(96)));
    }
    text.push_str(&"#".repeat(limit - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), limit);
    fs::write(&path, &text).expect("write");
    let o = check(&path);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    text.push('\n');
    fs::write(&path, &text).expect("write");
    let err = refused(&check(&path), "one byte over");
    assert!(
        err.contains("is larger than the 8 MiB limit for a profile"),
        "{err}"
    );
}

/// A device that never ends (and whose metadata says it is empty) is
/// refused as a device before it is read, not read forever.
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_not_read_forever() {
    let err = refused(&check(Path::new("/dev/zero")), "/dev/zero");
    assert!(
        err.starts_with(
            "error: /dev/zero: cannot read `/dev/zero`: it is a character device, not a regular file"
        ),
        "{err}"
    );
}

#[test]
fn a_directory_a_missing_file_and_a_path_through_a_file_are_read_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("dana.toml");
    fs::create_dir(&folder).expect("mkdir");
    let plain = dir.path().join("plain.toml");
    fs::write(&plain, "name = \"Dana\"\n").expect("write");
    let cases = [
        (folder.clone(), "is a directory"),
        (dir.path().join("missing.toml"), "no such file or directory"),
        // the unreadable file that root can read too: a path through a file
        (plain.join("p.toml"), "not a directory"),
    ];
    for (path, why) in cases {
        let expected = format!("error: cannot read `{}`: {why}\n", path.display());
        assert_eq!(refused(&check(&path), why), expected);
        let o = certcheck(&[
            "renew".as_ref(),
            path.as_os_str(),
            "--cert".as_ref(),
            "cmq-oe".as_ref(),
        ]);
        let err = refused(&o, why);
        assert!(err.contains(&format!("`{}`", path.display())), "{err}");
        assert!(err.contains(why), "{err}");
    }
    // nothing left behind by the edit (no lock, no temporary file)
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dana.toml", "plain.toml"]);
    // a directory in --rules DIR that looks like a rule file is not one
    // (only files are rule files); `rules validate DIR` says what it is
    let o = certcheck(&["rules".as_ref(), "validate".as_ref(), folder.as_os_str()]);
    let err = refused(&o, "rules validate DIR");
    assert!(err.contains("is a directory"), "{err}");
}

/// Mode 000: unreadable to everyone but root, so when the tests run as
/// root (as in CI) certcheck runs as `nobody`, whose folder it is.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_read_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    fs::write(&path, "name = \"Dana\"\n").expect("write");
    common::give_to_nobody(dir.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    let o = common::Unprivileged::new().run([
        "check".as_ref(),
        path.as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    let expected = format!(
        "error: cannot read `{}`: permission denied\n",
        path.display()
    );
    assert_eq!(refused(&o, "mode 000"), expected);
}

#[test]
fn a_10_mb_json_lines_line_is_an_error_row_and_the_next_line_is_judged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let roster = dir.path().join("roster.jsonl");
    let mut text = String::from("{\"name\": \"First\", \"targets\": [\"cpim\"]}\n");
    text.push_str("{\"name\": \"");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    text.push_str("\"}\n");
    text.push_str("{\"name\": \"Third\", \"targets\": [\"cpim\"]}\n");
    fs::write(&roster, text).expect("write");
    let o = certcheck(&[
        "screen".as_ref(),
        roster.as_os_str(),
        "--as-of".as_ref(),
        "2026-11-25".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let file = roster.display().to_string();
    assert!(
        err.contains(&format!(
            "error: {file}:2: this line is larger than the 8 MiB limit for a profile"
        )),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let out = String::from_utf8(o.stdout).expect("utf-8");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 4, "{}", &out[..out.len().min(500)]);
    assert!(rows[1].starts_with("roster:1,First,"), "{}", rows[1]);
    assert!(
        rows[2].starts_with(&format!("roster:2,,{file}:2,,error,")),
        "{}",
        rows[2]
    );
    assert!(rows[3].starts_with("roster:3,Third,"), "{}", rows[3]);
}
