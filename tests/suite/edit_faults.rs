//! `log` and `renew` under faults: a full disk, a read-only folder, a
//! concurrent writer, a file replaced between read and write. Each leaves
//! the profile exactly as it was (or, for a concurrent writer, with every
//! edit that reported success), and no lock or temporary file behind.
//!
//! A real full disk and a real read-only file system are made with a tiny
//! tmpfs where `mount` works (root on Linux, as in CI); elsewhere those
//! cases say so (and fail under `CI=true`), and the fault hook of
//! `Edit::commit_with` simulates the same errors.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Output, Stdio};

use crate::common;

use certcheck::dates::date;
use certcheck::profile::edit::{Edit, EditError, Step, add_renewal};
use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

const AS_OF: &str = "2026-11-25";

const GUS: &str = "# Gus, kept by hand\r\nname = \"Gus\"\r\n\r\n[[certifications]]\r\nid = \"cmq-oe\"\r\nearned = 2023-06-15\r\n\r\n[[activities]]\r\ndate = 2025-01-01\r\ncertifications = [\"cmq-oe\"]\r\ncategory = \"professional-development\"\r\nunits = 18\r\n";

fn log(path: &Path, description: &str) -> Output {
    certcheck()
        .arg("log")
        .arg(path)
        .args([
            "--cert",
            "cmq-oe",
            "--category",
            "giving-back",
            "--units",
            "1",
        ])
        .args(["--description", description, "--as-of", AS_OF])
        .output()
        .expect("runs")
}

fn renew(path: &Path) -> Output {
    certcheck()
        .arg("renew")
        .arg(path)
        .args(["--cert", "cmq-oe", "--date", "2026-06-01", "--as-of", AS_OF])
        .output()
        .expect("runs")
}

/// A tmpfs mounted at a fresh folder, unmounted on drop; `None` where
/// mounting is not allowed.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(options: &str) -> Option<Tmpfs> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let ok = Std::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, options: &str) -> bool {
        Std::new("mount")
            .args(["-o", options])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Std::new("umount").arg(self.path()).status();
    }
}

/// Fills the file system `dir` is on: a filler file grows until a write fails.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = fs::File::create(&filler).expect("filler");
    let chunk = [b'x'; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.write_all(b"x");
    let _ = f.sync_all();
    filler
}

/// The folder's files other than `p.toml` and `keep`.
fn others(dir: &Path, keep: &[&str]) -> Vec<String> {
    leftovers(dir)
        .into_iter()
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_full_disk_leaves_the_profile_unchanged() {
    let Some(fs_) = Tmpfs::mount("size=64k") else {
        common::skip("cannot mount a tmpfs here for a real full disk");
        return;
    };
    let path = fs_.path().join("p.toml");
    fs::write(&path, GUS).expect("write");
    fill(fs_.path());
    for (what, o) in [("log", log(&path, "full")), ("renew", renew(&path))] {
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert_eq!(stdout(&o), "", "{what}");
        assert!(err.contains("no space left on device"), "{what}: {err}");
        assert!(
            err.contains("help: the profile is unchanged"),
            "{what}: {err}"
        );
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert_eq!(fs::read(&path).expect("read"), GUS.as_bytes(), "{what}");
        assert_eq!(
            others(fs_.path(), &["filler"]),
            Vec::<String>::new(),
            "{what}"
        );
    }
    // room again: the same command works
    fs::remove_file(fs_.path().join("filler")).expect("rm");
    let o = log(&path, "room again");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// ENOSPC from the write of the temporary file, and from its sync, through
/// the fault hook (runs everywhere).
#[test]
fn a_full_disk_simulated_at_write_and_sync() {
    for step in [Step::TempCreated, Step::Written, Step::Synced] {
        let (dir, path) = profile(GUS);
        let edit = Edit::open(&path).expect("open");
        let new = add_renewal(GUS, "cmq-oe", date(2026, 6, 1)).expect("edit");
        let err = edit
            .commit_with(new.as_bytes(), &mut |s| {
                if s == step {
                    Err(io::Error::from_raw_os_error(28)) // ENOSPC
                } else {
                    Ok(())
                }
            })
            .expect_err("fails");
        assert!(
            matches!(&err, EditError::Io { source, .. } if source.raw_os_error() == Some(28)),
            "{step:?}: {err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("cannot write the temporary file"),
            "{err}"
        );
        assert_eq!(fs::read(&path).expect("read"), GUS.as_bytes(), "{step:?}");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{step:?}");
    }
}

#[test]
fn a_read_only_file_system_is_refused_before_anything_is_written() {
    let Some(fs_) = Tmpfs::mount("size=1m") else {
        common::skip("cannot mount a tmpfs here for a read-only file system");
        return;
    };
    let path = fs_.path().join("p.toml");
    fs::write(&path, GUS).expect("write");
    assert!(fs_.remount("remount,ro"), "remount read-only");
    for (what, o) in [("log", log(&path, "ro")), ("renew", renew(&path))] {
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert_eq!(
            err,
            format!(
                "error: cannot create the lock file `{}.lock`: read-only file system\n  help: the profile is unchanged\n",
                path.display()
            ),
            "{what}"
        );
        assert_eq!(fs::read(&path).expect("read"), GUS.as_bytes(), "{what}");
    }
    assert!(fs_.remount("remount,rw"), "remount read-write");
    assert_eq!(leftovers(fs_.path()), Vec::<String>::new());
}

/// A folder without write permission (mode 555). Root writes there anyway,
/// so when the tests run as root (as in CI) certcheck runs as `nobody`,
/// whose folder and profile they are.
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = profile(GUS);
    common::give_to_nobody(&path);
    common::give_to_nobody(dir.path());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let o = common::Unprivileged::new().run([
        "log".as_ref(),
        path.as_os_str(),
        "--cert".as_ref(),
        "cmq-oe".as_ref(),
        "--category".as_ref(),
        "giving-back".as_ref(),
        "--units".as_ref(),
        "1".as_ref(),
        "--description".as_ref(),
        "ro".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    let err = stderr(&o);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err,
        format!(
            "error: cannot create the lock file `{}.lock`: permission denied\n  help: the profile is unchanged\n",
            path.display()
        )
    );
    assert_eq!(stdout(&o), "");
    assert_eq!(fs::read(&path).expect("read"), GUS.as_bytes());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// `log` and `renew` at once, several times over: every run that reports
/// success is in the file, every other run was refused as busy, and the
/// result is a valid profile.
#[test]
fn concurrent_log_and_renew_both_land_or_one_refuses() {
    for round in 0..3 {
        let (dir, path) = profile(GUS);
        let spawn = |args: &[&str]| {
            common::certcheck_std()
                .args(args)
                .arg(&path)
                .args(["--cert", "cmq-oe", "--as-of", AS_OF])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawns")
        };
        let a = spawn(&[
            "log",
            "--category",
            "giving-back",
            "--units",
            "1",
            "--description",
            "concurrent",
        ]);
        let b = spawn(&["renew", "--date", "2026-06-01"]);
        let a = a.wait_with_output().expect("waits");
        let b = b.wait_with_output().expect("waits");
        let after = fs::read_to_string(&path).expect("read");
        // the user's bytes are kept (renew inserts inside the entry)
        assert!(
            after.starts_with("# Gus, kept by hand\r\n") && after.contains("units = 18\r\n"),
            "round {round}: {after}"
        );
        for (o, mark) in [
            (&a, "description = \"concurrent\""),
            (&b, "renewals = [2026-06-01]"),
        ] {
            match o.status.code() {
                Some(0) => assert_eq!(after.matches(mark).count(), 1, "round {round}: {after}"),
                _ => {
                    assert!(
                        stderr(o).contains("is being edited by another certcheck"),
                        "round {round}: {}",
                        stderr(o)
                    );
                    assert_eq!(after.matches(mark).count(), 0, "round {round}: {after}");
                }
            }
        }
        let check = certcheck()
            .args(["check", "--as-of", AS_OF])
            .arg(&path)
            .output()
            .expect("runs");
        assert_ne!(check.status.code(), Some(2), "{}", stderr(&check));
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }
}

/// Another program replaces the file (a new inode, as editors save) after
/// `renew` read it: the rename is refused, their file stays.
#[test]
fn a_file_replaced_by_rename_between_read_and_write_is_refused() {
    let (dir, path) = profile(GUS);
    let edit = Edit::open(&path).expect("open");
    let new = add_renewal(GUS, "cmq-oe", date(2026, 6, 1)).expect("edit");
    let theirs = GUS.replace("Gus", "Gustav");
    let swap = dir.path().join("swap.tmp");
    fs::write(&swap, &theirs).expect("write");
    fs::rename(&swap, &path).expect("replace");
    let err = edit.commit(new.as_bytes()).expect_err("refused");
    assert!(matches!(err, EditError::Changed { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).expect("read"), theirs);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // deleted meanwhile: refused too, and not recreated
    let (dir, path) = profile(GUS);
    let edit = Edit::open(&path).expect("open");
    fs::remove_file(&path).expect("rm");
    let err = edit.commit(new.as_bytes()).expect_err("refused");
    assert!(matches!(err, EditError::Changed { .. }), "{err:?}");
    assert!(!path.exists());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}
