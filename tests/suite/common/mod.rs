//! What the integration tests share: the built-in rules, loaded once per
//! test binary; one way to run the certcheck binary and read what it
//! wrote; running it as an unprivileged user when the tests run as root;
//! for the tests of `log` and `renew`, a profile in a fresh folder
//! (`editing`); and, for the oracle tests, the CMQ/OE model and its
//! day-by-day oracle (`oracle`).
//!
//! Each test file that uses it says `mod common;`, so not every file uses
//! every item.

#![allow(dead_code)]

pub mod editing;
pub mod oracle;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{LazyLock, OnceLock};

use certcheck::rules::RuleSet;

/// The built-in rules, loaded once per test binary: loading them parses
/// and checks every rule file, which took about half of the suite's time
/// when every proptest case loaded its own.
pub fn rules() -> &'static RuleSet {
    static RULES: LazyLock<RuleSet> = LazyLock::new(|| match RuleSet::builtin() {
        Ok(rules) => rules,
        Err(e) => panic!("the built-in rules do not load: {e}"),
    });
    &RULES
}

/// The crate's root: fixtures and examples are named from here, and the
/// binary runs here.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// `examples/NAME`, as text for an argument.
pub fn example(name: &str) -> String {
    root().join("examples").join(name).display().to_string()
}

/// The environment variables that would change what certcheck writes
/// (colour, width) if the shell running the tests has them set.
const UNSET: [&str; 4] = ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS"];

/// The certcheck binary built for these tests, ready for arguments: run in
/// the crate's root, without the shell's colour and width settings.
pub fn certcheck() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_certcheck"));
    c.current_dir(root());
    for var in UNSET {
        c.env_remove(var);
    }
    c
}

/// The same as a `std::process::Command`, for a test that spawns several
/// at once or needs their pipes.
pub fn certcheck_std() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_certcheck"));
    c.current_dir(root());
    for var in UNSET {
        c.env_remove(var);
    }
    c
}

/// `certcheck ARGS`, run to the end, with nothing on its stdin.
pub fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    certcheck().args(args).output().expect("certcheck runs")
}

/// `certcheck ARGS` with `stdin` on its standard input.
pub fn run_with_stdin<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>, stdin: &str) -> Output {
    certcheck()
        .args(args)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .expect("certcheck runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether the tests run in CI (`CI=true`), where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Says why a test cannot run here: a failure in CI, a printed note
/// elsewhere (the caller then returns).
pub fn skip(why: &str) {
    assert!(!in_ci(), "CI=true and {why}: this test must run in CI");
    println!("note: skipped: {why}");
}

/// Whether this process runs as root (who reads and writes past file
/// permissions).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        static ROOT: OnceLock<bool> = OnceLock::new();
        // (what this process creates is owned by its effective user)
        *ROOT.get_or_init(|| {
            let probe = tempfile::NamedTempFile::new().expect("a temporary file");
            probe.as_file().metadata().expect("metadata").uid() == 0
        })
    }
    #[cfg(not(unix))]
    false
}

/// The user and group `nobody` (65534) runs as in [`Unprivileged`].
pub const NOBODY: u32 = 65534;

/// Runs certcheck as a user without privileges: as it is when the tests
/// do not run as root, else as `nobody` through `setpriv`, from a copy of
/// the binary in a folder that user can read (the build's folder may not
/// be). Files the run must reach have to be reachable by `nobody` (see
/// [`give_to_nobody`]).
pub struct Unprivileged {
    /// The copy of the binary, removed on drop (none when not root).
    copy: Option<(tempfile::TempDir, PathBuf)>,
}

impl Unprivileged {
    pub fn new() -> Unprivileged {
        if !is_root() {
            return Unprivileged { copy: None };
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let bin = dir.path().join("certcheck");
        std::fs::copy(env!("CARGO_BIN_EXE_certcheck"), &bin).expect("copy the binary");
        set_mode(dir.path(), 0o755);
        set_mode(&bin, 0o755);
        Unprivileged {
            copy: Some((dir, bin)),
        }
    }

    /// `certcheck ARGS` as that user, run to the end.
    pub fn run<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Output {
        let Some((_, bin)) = &self.copy else {
            return run(args);
        };
        let args: Vec<S> = args.into_iter().collect();
        // The copy was written by this process: a child forked by another
        // test thread while the copy's write handle was open still holds
        // it, and executing the copy then fails with "Text file busy"
        // until that child has exec'd. Such a run never started certcheck,
        // so it is tried again.
        let mut tries = 0;
        let out = loop {
            let mut c = std::process::Command::new("setpriv");
            c.arg(format!("--reuid={NOBODY}"))
                .arg(format!("--regid={NOBODY}"))
                .args(["--clear-groups", "--"])
                .arg(bin)
                .args(args.iter())
                .current_dir("/")
                .stdin(std::process::Stdio::null());
            for var in UNSET {
                c.env_remove(var);
            }
            let out = c.output().expect("setpriv runs (util-linux)");
            let err = stderr(&out);
            tries += 1;
            if err.starts_with("setpriv:") && err.contains("Text file busy") && tries < 50 {
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            break out;
        };
        let err = stderr(&out);
        assert!(
            !err.starts_with("setpriv:"),
            "could not run certcheck as nobody: {err}"
        );
        out
    }
}

/// Hands `path` to `nobody` (owner and group) when the tests run as root;
/// elsewhere leaves it alone.
pub fn give_to_nobody(path: &Path) {
    #[cfg(unix)]
    if is_root() {
        std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
    }
}

fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}
