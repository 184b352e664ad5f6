//! A newcomer's whole path on a real terminal: `init` and `add` are run in
//! tmux, each question is waited for on the screen and answered by typing,
//! as a person would (a wrong answer or two included), and the profile so
//! made is then judged by `check`. No TOML is written by hand.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common;

/// A tmux server of the test's own (its socket in the test's folder), one
/// window running one command.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket);
        c
    }

    /// Starts `command` (a shell line) in `dir`, in a wide window; when it
    /// ends its exit code goes to `dir/exit` and the window stays.
    /// `name`: the server's socket, one for each server.
    fn start(dir: &Path, name: &str, command: &str) -> Tmux {
        let t = Tmux {
            socket: dir.join(name),
        };
        let line = format!("{command}; echo $? > exit.tmp && mv exit.tmp exit; sleep 600");
        let status = t
            .tmux()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "t"])
            .args(["-x", "250", "-y", "50"])
            .arg("-c")
            .arg(dir)
            .args(["sh", "-c", &line])
            .env_remove("NO_COLOR")
            .env("TERM", "xterm")
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    /// The screen and its history, wrapped lines joined.
    fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-J", "-S", "-", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the last line on the screen holds `question`, then
    /// types `answer` and Enter.
    fn answer(&self, question: &str, answer: &str) {
        self.wait_for(question);
        let typed = self
            .tmux()
            .args(["send-keys", "-t", "t", "-l", answer])
            .status()
            .expect("tmux send-keys");
        assert!(typed.success());
        let enter = self
            .tmux()
            .args(["send-keys", "-t", "t", "Enter"])
            .status()
            .expect("tmux send-keys");
        assert!(enter.success());
    }

    /// Waits until the last line on the screen is the question `question`.
    fn wait_for(&self, question: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            let last = screen
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            if last.contains(question) && last.trim_end().ends_with(':') {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {question:?}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits for `question` as [`Self::answer`] does, then presses Ctrl-D:
    /// the end of the input.
    fn end_input_at(&self, question: &str) {
        self.wait_for(question);
        let status = self
            .tmux()
            .args(["send-keys", "-t", "t", "C-d"])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// Waits for the command to end; its exit code.
    fn exit_code(&self, dir: &Path) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        let path = dir.join("exit");
        loop {
            if let Ok(s) = std::fs::read_to_string(&path) {
                let _ = std::fs::remove_file(&path);
                return s.trim().parse().expect("an exit code");
            }
            assert!(
                Instant::now() < deadline,
                "the command did not end; the screen:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn a_newcomer_types_a_profile_into_init_and_add_then_checks_it() {
    if !have_tmux() {
        return common::skip("tmux is not installed (.ci/run installs it)");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = shell_quote(env!("CARGO_BIN_EXE_certcheck"));

    // `init`: who, what for, the degree and the current role, then the
    // earlier roles; dates known only to the month
    let t = Tmux::start(dir.path(), "init.sock", &format!("{bin} init sam.toml"));
    t.answer("Your name", "Sam Okafor");
    t.answer("An id for reports", "");
    t.answer("Certifications you work towards", "cmq-eo");
    // asked again, with the nearest id
    t.answer("Certifications you work towards", "cmq-oe");
    t.answer("Highest degree completed", "associate");
    t.answer("completed on", "June 2009");
    t.answer("completed on", "2009-06");
    t.answer("field", "Manufacturing Technology");
    t.answer("Current employer", "Brightline Components");
    t.answer("your title", "Production Supervisor");
    t.answer("started on", "2023-01");
    t.answer("a decision-making position", "y");
    t.answer("Add an earlier role? (y/N)", "y");
    t.answer("employer", "Northwind Plastics");
    t.answer("your title", "Quality Technician");
    t.answer("started on", "2013-02");
    t.answer("ended on", "2012-12");
    // before the start: asked again
    t.answer("ended on", "2022-12");
    t.answer("a decision-making position", "");
    t.answer("full time? (Y/n)", "");
    t.answer("paid? (Y/n)", "");
    t.answer("kind", "");
    t.answer("tags a rule may ask for", "");
    t.answer("Another earlier role? (y/N)", "n");
    t.answer("Add another degree? (y/N)", "n");
    t.answer("Add an exam you passed? (y/N)", "");
    assert_eq!(t.exit_code(dir.path()), 0, "{}", t.screen());
    let init_screen = t.screen();
    assert!(
        init_screen.contains("unknown certification `cmq-eo`: did you mean `cmq-oe`?"),
        "{init_screen}"
    );
    assert!(
        init_screen.contains("the role cannot end (2012-12) before it starts (2013-02)"),
        "{init_screen}"
    );
    drop(t);

    // `add`: a role the person forgot, its employer given on the command
    // line and the rest asked; then one more
    let t = Tmux::start(
        dir.path(),
        "add.sock",
        &format!("{bin} add sam.toml role employer='Northwind Plastics'"),
    );
    t.answer("your title", "Quality Intern");
    t.answer("started on", "2012-06");
    t.answer("ended on", "2013-01");
    t.answer("a decision-making position", "n");
    t.answer("full time? (Y/n)", "y");
    t.answer("paid? (Y/n)", "y");
    t.answer("kind", "intern");
    t.answer("kind", "internship");
    t.answer("tags a rule may ask for", "");
    t.answer("Another earlier role? (y/N)", "y");
    t.answer("employer", "Brightline Components");
    t.answer("your title", "Line Lead");
    t.answer("started on", "2022-12");
    t.answer("ended on", "2022-12");
    t.answer("a decision-making position", "y");
    t.answer("full time? (Y/n)", "n");
    t.answer("paid? (Y/n)", "");
    t.answer("kind", "");
    t.answer("tags a rule may ask for", "");
    t.answer("Another earlier role? (y/N)", "n");
    assert_eq!(t.exit_code(dir.path()), 0, "{}", t.screen());
    let add_screen = t.screen();
    assert!(
        add_screen.contains("unknown kind `intern`: did you mean `internship`?"),
        "{add_screen}"
    );
    assert!(add_screen.contains("saved `sam.toml`"), "{add_screen}");
    assert!(
        add_screen
            .contains("A role for `sam.toml` (Ctrl-D stops without adding it):\n  your title"),
        "{add_screen}"
    );
    drop(t);

    // what was typed is in the profile, which loads
    let path = dir.path().join("sam.toml");
    let p = certcheck::profile::load_file(&path, common::rules()).expect("the profile loads");
    assert_eq!(p.name, "Sam Okafor");
    assert_eq!(p.targets, ["cmq-oe"]);
    assert_eq!(
        p.education[0].field.as_deref(),
        Some("Manufacturing Technology")
    );
    let roles: Vec<(String, bool, bool, &str)> = p
        .employment
        .iter()
        .map(|r| (r.label(), r.decision_making, r.full_time, r.kind.id()))
        .collect();
    assert_eq!(
        roles,
        [
            (
                "Production Supervisor at Brightline Components".to_string(),
                true,
                true,
                "employee"
            ),
            (
                "Quality Technician at Northwind Plastics".to_string(),
                false,
                true,
                "employee"
            ),
            (
                "Quality Intern at Northwind Plastics".to_string(),
                false,
                true,
                "internship"
            ),
            (
                "Line Lead at Brightline Components".to_string(),
                true,
                false,
                "employee"
            ),
        ]
    );
    // every date was typed as a month: each is read as semantics.md says
    assert_eq!(p.month_dates.len(), 8, "{:?}", p.month_dates);

    // and `check` judges it: the roles typed are counted or left out for
    // what was answered
    let out = common::run([
        "check",
        path.to_str().expect("utf-8 path"),
        "--as-of",
        "2026-11-25",
        "--cert",
        "cmq-oe",
    ]);
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", common::stderr(&out));
    assert!(
        text.starts_with("Sam Okafor (sam), as of 2026-11-25"),
        "{text}"
    );
    assert!(text.contains("Not eligible yet"), "{text}");
    assert!(
        text.contains("left out: Quality Intern at Northwind Plastics (internship"),
        "{text}"
    );
    assert!(
        text.contains("2 y waived for an associate degree"),
        "{text}"
    );
}

/// On a terminal, `--no-input` asks nothing (the missing fields are an
/// error), and the end of the input in the middle of an entry adds nothing.
#[test]
fn on_a_terminal_no_input_asks_nothing_and_ctrl_d_adds_nothing() {
    if !have_tmux() {
        return common::skip("tmux is not installed (.ci/run installs it)");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = shell_quote(env!("CARGO_BIN_EXE_certcheck"));
    let text = "name = \"Sam\"\n";
    let path = dir.path().join("sam.toml");
    std::fs::write(&path, text).expect("write");

    let t = Tmux::start(
        dir.path(),
        "no-input.sock",
        &format!("{bin} add sam.toml exam passed=2020-03 --no-input"),
    );
    assert_eq!(t.exit_code(dir.path()), 2, "{}", t.screen());
    let screen = t.screen();
    assert!(
        screen.contains("error: missing required field for the exam: `id`"),
        "{screen}"
    );
    assert!(!screen.contains("exam (capm"), "nothing asked: {screen}");
    drop(t);

    let t = Tmux::start(
        dir.path(),
        "ctrl-d.sock",
        &format!("{bin} add sam.toml exam"),
    );
    t.answer("exam", "cpim-part-1");
    t.end_input_at("passed on");
    assert_eq!(t.exit_code(dir.path()), 2, "{}", t.screen());
    let screen = t.screen();
    assert!(
        screen.contains("error: the input ended before the exam was complete"),
        "{screen}"
    );
    drop(t);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "sam.toml" && !n.ends_with(".sock"))
        .collect();
    left.sort();
    assert!(left.is_empty(), "no lock or temporary file left: {left:?}");
}
