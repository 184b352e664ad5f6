//! Issue 13, points 10 to 14: the data safety of `log`, `renew` and
//! `deadlines --ics`. A signal leaves no lock and no temporary file; a lock
//! whose process is gone is taken over, with a warning; the temporary file
//! is private from its creation; an edit saved is exit 0 even when stdout
//! fails; no edit grows a profile past the 8 MiB limit; `--ics` writes only
//! to a new or regular file, or to stdout.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::common;

use certcheck::profile::edit::{Edit, Step};
use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

const AS_OF: &str = "2026-11-25";

const GUS: &str = "# Gus\nname = \"Gus\"\n\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2023-06-15\n\n[[activities]]\ndate = 2025-01-01\ncertifications = [\"cmq-oe\"]\ncategory = \"professional-development\"\nunits = 18\n";

/// (`--yes`: each run logs the same entry again, on purpose)
const LOG_ARGS: [&str; 11] = [
    "--cert",
    "cmq-oe",
    "--category",
    "giving-back",
    "--units",
    "1",
    "--description",
    "Mentoring",
    "--as-of",
    AS_OF,
    "--yes",
];

fn log(path: &Path) -> Output {
    certcheck()
        .arg("log")
        .arg(path)
        .args(LOG_ARGS)
        .output()
        .expect("runs")
}

fn spawn_log(path: &Path) -> Child {
    common::certcheck_std()
        .arg("log")
        .arg(path)
        .args(LOG_ARGS)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns")
}

/// Waits for `child`, killing it after 20 s (a hang is a failure).
fn wait_bounded(mut child: Child) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("certcheck did not finish within 20 s");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

fn host() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

/// A lock file's text as certcheck writes it.
fn lock_text(pid: u32, host: &str) -> String {
    format!("certcheck 0.1.0 (process {pid} on host {host})\n")
}

/// The pid of a process that has ended (and was reaped).
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

fn signal(child: &Child, sig: rustix::process::Signal) {
    // (an error: the process has ended already)
    let _ = rustix::process::kill_process(rustix::process::Pid::from_child(child), sig);
}

// ----- 10: stale locks ----------------------------------------------------------

#[test]
fn a_lock_left_by_a_dead_process_of_this_host_is_taken_over_with_a_warning() {
    let (dir, path) = profile(GUS);
    let lock = dir.path().join("p.toml.lock");
    let pid = dead_pid();
    fs::write(&lock, lock_text(pid, &host())).unwrap();
    let o = log(&path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).lines().next().unwrap_or_default(),
        format!(
            "warning: removed the stale lock `{}`: the certcheck that made it (process {pid}) is no longer running",
            lock.display()
        )
    );
    assert!(fs::read_to_string(&path).unwrap().contains("Mentoring"));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // `renew` takes one over the same way
    let pid = dead_pid();
    fs::write(&lock, lock_text(pid, &host())).unwrap();
    let o = certcheck()
        .arg("renew")
        .arg(&path)
        .args(["--cert", "cmq-oe", "--date", "2026-06-01", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!(
            "warning: removed the stale lock `{}`: the certcheck that made it (process {pid}) is no longer running\n",
            lock.display()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_lock_of_a_running_process_or_another_host_is_still_busy() {
    let cases = [
        lock_text(std::process::id(), &host()),
        lock_text(dead_pid(), "certcheck-test-other-host.invalid"),
        // the form before host names were recorded: nothing to check
        format!("certcheck 0.1.0 (process {})\n", dead_pid()),
    ];
    let runs: Vec<_> = cases
        .into_iter()
        .map(|text| {
            thread::spawn(move || {
                let (dir, path) = profile(GUS);
                let lock = dir.path().join("p.toml.lock");
                fs::write(&lock, &text).unwrap();
                let o = wait_bounded(spawn_log(&path));
                assert_eq!(o.status.code(), Some(2), "{text}: {}", stderr(&o));
                assert!(
                    stderr(&o).contains("is being edited by another certcheck"),
                    "{}",
                    stderr(&o)
                );
                assert_eq!(fs::read_to_string(&lock).unwrap(), text, "the lock is kept");
                assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
            })
        })
        .collect();
    for r in runs {
        r.join().expect("case passes");
    }
}

/// A profile's name is shown escaped in what `log` says of its lock and its
/// save, as in every message (issue 13, point 6).
#[test]
fn the_stale_lock_warning_and_saved_line_show_the_file_name_escaped() {
    let (dir, plain) = profile(GUS);
    let path = dir.path().join("p\u{1b}]0;T\u{7}\u{202e}.toml");
    fs::rename(&plain, &path).unwrap();
    let lock = dir.path().join("p\u{1b}]0;T\u{7}\u{202e}.toml.lock");
    fs::write(&lock, lock_text(dead_pid(), &host())).unwrap();
    let o = log(&path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        !err.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "raw characters in {err:?}"
    );
    let shown = r"p\u{1b}]0;T\u{7}\u{202e}.toml";
    assert!(
        err.contains(&format!("{shown}.lock`: the certcheck")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("saved `") && l.ends_with(&format!("{shown}`"))),
        "{err}"
    );
}

/// A FIFO or a link to `/dev/zero` in the lock's place is neither waited
/// on (a FIFO blocks a reader until a writer comes) nor read endlessly: the
/// edit is refused as busy, as for any lock it cannot read, within the
/// usual wait, and the thing in the lock's place is left as it is.
#[test]
fn a_fifo_or_a_device_in_the_lock_s_place_is_busy_not_a_hang() {
    for kind in ["fifo", "dev-zero"] {
        let (dir, path) = profile(GUS);
        let lock = dir.path().join("p.toml.lock");
        if kind == "fifo" {
            let made = std::process::Command::new("mkfifo").arg(&lock).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        } else {
            std::os::unix::fs::symlink("/dev/zero", &lock).unwrap();
        }
        let o = wait_bounded(spawn_log(&path));
        assert_eq!(o.status.code(), Some(2), "{kind}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("error: `")
                && stderr(&o).contains("is being edited by another certcheck"),
            "{kind}: {}",
            stderr(&o)
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
        let still = fs::symlink_metadata(&lock).unwrap().file_type();
        assert!(
            still.is_fifo() || still.is_symlink(),
            "{kind}: left as it was"
        );
    }
}

/// What a run records in its lock is enough for the next run to take it
/// over: runs are killed (SIGKILL, which nothing can catch) at moments
/// spread over a run until one leaves its lock behind.
#[test]
fn a_lock_left_by_a_killed_run_is_taken_over() {
    let (dir, path) = profile(GUS);
    let lock = dir.path().join("p.toml.lock");
    let started = Instant::now();
    assert_eq!(log(&path).status.code(), Some(0));
    let took = started.elapsed();
    let mut left = None;
    for i in 0..100u32 {
        let child = spawn_log(&path);
        thread::sleep(took.mul_f64(f64::from(i % 20) / 20.0));
        signal(&child, rustix::process::Signal::KILL);
        let pid = child.id();
        let _ = wait_bounded(child);
        match fs::read_to_string(&lock) {
            // killed in the instant between making the lock and writing
            // who holds it: a lock that names no one is never taken over
            Ok(text) if text.is_empty() => fs::remove_file(&lock).unwrap(),
            Ok(_) => {
                left = Some(pid);
                break;
            }
            Err(_) => {}
        }
    }
    let Some(pid) = left else {
        return common::skip("no SIGKILL met a run holding its lock");
    };
    let o = log(&path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!(
            "warning: removed the stale lock `{}`: the certcheck that made it (process {pid}) is no longer running\n",
            lock.display()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

// ----- 10: signals ----------------------------------------------------------------

#[test]
fn a_signal_while_waiting_for_another_holder_leaves_its_lock_alone() {
    use rustix::process::Signal;
    for sig in [Signal::INT, Signal::TERM] {
        let (dir, path) = profile(GUS);
        let lock = dir.path().join("p.toml.lock");
        let text = lock_text(std::process::id(), &host());
        fs::write(&lock, &text).unwrap();
        let child = spawn_log(&path);
        // (it waits up to 3 s for the lock; a signal before its handlers
        // are set kills it outright, which must not touch the lock either)
        thread::sleep(Duration::from_millis(800));
        signal(&child, sig);
        let o = wait_bounded(child);
        let raw = sig.as_raw();
        assert!(
            o.status.code() == Some(128 + raw) || o.status.signal() == Some(raw),
            "{:?}: {}",
            o.status,
            stderr(&o)
        );
        assert_eq!(fs::read_to_string(&lock).unwrap(), text);
        assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
        assert_eq!(leftovers(dir.path()), ["p.toml.lock"]);
    }
}

#[test]
fn signals_at_any_moment_leave_no_lock_and_no_temporary_file() {
    use rustix::process::Signal;
    let (dir, path) = profile(GUS);
    // The bytes a finished run leaves, and how long one takes here.
    let started = Instant::now();
    let o = log(&path);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let logged = fs::read(&path).unwrap();
    let signals = [Signal::INT, Signal::TERM, Signal::HUP];
    let mut handled = 0;
    for i in 0..30u32 {
        fs::write(&path, GUS).unwrap();
        let sig = signals[i as usize % 3];
        // spread over the whole run, from its start to a little past its end
        let delay = took.mul_f64(f64::from(i) / 25.0);
        let child = spawn_log(&path);
        thread::sleep(delay);
        signal(&child, sig);
        let o = wait_bounded(child);
        let raw = sig.as_raw();
        let code = o.status.code();
        assert!(
            code == Some(0) || code == Some(128 + raw) || o.status.signal() == Some(raw),
            "run {i}: {:?}: {}",
            o.status,
            stderr(&o)
        );
        if code == Some(128 + raw) {
            handled += 1;
        }
        assert_eq!(
            leftovers(dir.path()),
            Vec::<String>::new(),
            "run {i} ({sig:?} after {delay:?}) left files"
        );
        let now = fs::read(&path).unwrap();
        assert!(
            now == GUS.as_bytes() || now == logged,
            "run {i}: torn profile"
        );
    }
    // (not asserted: which runs the signal met where depends on the load)
    eprintln!("{handled} of 30 runs exited through the handler");
}

// ----- 11: the temporary file ----------------------------------------------------

#[test]
fn the_temporary_file_is_private_until_it_is_complete() {
    let (dir, path) = profile(GUS);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let edit = Edit::open(&path).unwrap();
    let temp_modes = |dir: &Path| -> Vec<u32> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .map(|e| e.metadata().unwrap().permissions().mode() & 0o777)
            .collect()
    };
    let mut seen = Vec::new();
    edit.commit_with(b"name = \"Gus\"\n", &mut |step| {
        if matches!(step, Step::TempCreated | Step::Written) {
            seen.push((step, temp_modes(dir.path())));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(
        seen,
        [
            (Step::TempCreated, vec![0o600]),
            (Step::Written, vec![0o600])
        ]
    );
    // and the profile keeps its own mode
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

// ----- 12: saved, then stdout fails ----------------------------------------------

fn to_dev_full(cmd: &mut std::process::Command) -> Output {
    let full = OpenOptions::new().write(true).open("/dev/full").unwrap();
    cmd.stdout(full).stderr(Stdio::piped()).output().unwrap()
}

#[test]
fn an_edit_saved_is_exit_0_even_when_stdout_is_full() {
    if !Path::new("/dev/full").exists() {
        return common::skip("no /dev/full here");
    }
    let (_dir, path) = profile(GUS);
    let o = to_dev_full(common::certcheck_std().arg("log").arg(&path).args(LOG_ARGS));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "saved `{}`\nwarning: cannot write `<stdout>`: ",
            path.display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with("\n  help: the edit is saved; do not run the command again\n"),
        "{err}"
    );
    assert!(fs::read_to_string(&path).unwrap().contains("Mentoring"));

    fs::write(&path, GUS).unwrap();
    let o = to_dev_full(common::certcheck_std().arg("renew").arg(&path).args([
        "--cert",
        "cmq-oe",
        "--date",
        "2026-06-01",
        "--as-of",
        AS_OF,
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!("saved `{}`\nwarning: ", path.display())),
        "{}",
        stderr(&o)
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("renewals = [2026-06-01]")
    );
}

// ----- 13: the 8 MiB limit ----------------------------------------------------------

#[test]
fn an_edit_that_would_cross_the_profile_limit_is_refused() {
    const LIMIT: usize = 8 * 1024 * 1024;
    let mut text = GUS.to_string();
    let filler = LIMIT - text.len() - 40;
    text.push('#');
    text.push_str(&"x".repeat(filler - 2));
    text.push('\n');
    assert!(text.len() < LIMIT);
    let (dir, path) = profile(&text);
    // the profile itself is within the limit and readable
    let check = certcheck()
        .args(["check", "--as-of", AS_OF])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(check.status.code(), Some(2), "{}", stderr(&check));
    let o = log(&path);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: the edit would make `{}` ", path.display()))
            && err.contains(" bytes, larger than the 8 MiB limit for a profile\n  help: the profile is unchanged"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(stdout(&o).is_empty());
    assert!(fs::read(&path).unwrap() == text.as_bytes(), "unchanged");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

// ----- 14: --ics targets ---------------------------------------------------------

fn deadlines_ics(profile: &Path, ics: &Path) -> Output {
    certcheck()
        .arg("deadlines")
        .arg(profile)
        .args(["--as-of", AS_OF, "--ics"])
        .arg(ics)
        .output()
        .unwrap()
}

fn refused(o: &Output, ics: &Path, what: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert_eq!(
        stderr(o).lines().next().unwrap_or_default(),
        format!("error: `--ics {}` {what}", ics.display())
    );
    assert!(stderr(o).contains("nothing was written"), "{}", stderr(o));
    assert!(stdout(o).is_empty());
}

#[test]
fn ics_refuses_a_fifo_a_socket_and_a_device_before_writing() {
    let (dir, path) = profile(GUS);
    let fifo = dir.path().join("fifo.ics");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    refused(
        &deadlines_ics(&path, &fifo),
        &fifo,
        "is a FIFO, not a regular file",
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let socket = dir.path().join("sock.ics");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    refused(
        &deadlines_ics(&path, &socket),
        &socket,
        "is a socket, not a regular file",
    );
    assert!(
        fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );

    // a device, through a link (the link is followed, as profiles' are; and
    // so the test never replaces /dev/null itself, even run as root against
    // a certcheck that would)
    let device = dir.path().join("null.ics");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    refused(
        &deadlines_ics(&path, &device),
        &device,
        "is a character device, not a regular file",
    );
    assert!(
        fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dangling = dir.path().join("dangling.ics");
    std::os::unix::fs::symlink(dir.path().join("nowhere.ics"), &dangling).unwrap();
    refused(
        &deadlines_ics(&path, &dangling),
        &dangling,
        "is a symbolic link to nothing",
    );
    assert!(!dir.path().join("nowhere.ics").exists());
}

#[test]
fn ics_refuses_a_read_only_calendar_even_as_root() {
    let (dir, path) = profile(GUS);
    let ics = dir.path().join("d.ics");
    fs::write(&ics, "old calendar").unwrap();
    fs::set_permissions(&ics, fs::Permissions::from_mode(0o444)).unwrap();
    refused(&deadlines_ics(&path, &ics), &ics, "is read-only");
    assert_eq!(fs::read_to_string(&ics).unwrap(), "old calendar");
    let names: Vec<String> = leftovers(dir.path());
    assert_eq!(names, ["d.ics"]);
}

#[test]
fn ics_through_a_link_replaces_the_file_it_points_to() {
    let (dir, path) = profile(GUS);
    let target: PathBuf = dir.path().join("real.ics");
    fs::write(&target, "old calendar").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.ics");
    std::os::unix::fs::symlink("real.ics", &link).unwrap();
    let o = deadlines_ics(&path, &link);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let cal = fs::read_to_string(&target).unwrap();
    assert!(cal.starts_with("BEGIN:VCALENDAR"), "{cal}");
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(leftovers(dir.path()), ["link.ics", "real.ics"]);
}

#[test]
fn ics_dash_writes_the_calendar_alone_to_stdout() {
    let (dir, path) = profile(GUS);
    let o = certcheck()
        .current_dir(dir.path())
        .args(["deadlines", "p.toml", "--as-of", AS_OF, "--ics", "-"])
        .output()
        .unwrap();
    // (the exit code is the report's, as with a file: 1, a deadline is near)
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"), "{out}");
    assert!(out.ends_with("END:VCALENDAR\r\n"), "{out}");
    let with_file = deadlines_ics(&path, &dir.path().join("d.ics"));
    assert_eq!(fs::read_to_string(dir.path().join("d.ics")).unwrap(), out);
    assert_eq!(with_file.status.code(), Some(1));
    assert!(!dir.path().join("-").exists(), "no file named `-`");
}
