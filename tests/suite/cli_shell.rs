//! Shell polish end to end: completion scripts and the manual page are
//! generated and hold the commands and options; every command's `--help`
//! has examples; `init` writes a template that loads and never overwrites.

use crate::common;
use common::certcheck;

fn stdout(args: &[&str]) -> String {
    let out = certcheck().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The commands, from `certcheck --help`.
fn commands() -> Vec<String> {
    let help = stdout(&["--help"]);
    let start = help.find("Commands:\n").unwrap() + "Commands:\n".len();
    help[start..]
        .lines()
        .take_while(|l| l.starts_with("  "))
        // a command's line, not the continuation of a wrapped one
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn completions_for_every_shell() {
    let cmds = commands();
    for c in [
        "check",
        "log",
        "renew",
        "deadlines",
        "init",
        "completions",
        "man",
    ] {
        assert!(cmds.iter().any(|x| x == c), "{c} not in {cmds:?}");
    }
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: too short");
        let long = |o: &str| {
            if shell == "fish" {
                format!("-l {o}")
            } else {
                format!("--{o}")
            }
        };
        for needle in ["certcheck", "check", "deadlines", "init", "completions"] {
            assert!(script.contains(needle), "{shell} completion lacks {needle}");
        }
        for option in ["assume", "plan", "color", "as-of", "format"] {
            assert!(
                script.contains(&long(option)),
                "{shell} completion lacks {option}"
            );
        }
    }
    assert!(stdout(&["completions", "bash"]).contains("complete -F _certcheck"));
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef certcheck"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c certcheck"));
    // the values of --format and --color are completed
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("text json html"), "format values");
    assert!(bash.contains("auto always never"), "color values");
    // an unknown shell is a usage error
    let out = certcheck().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_manual_page() {
    let man = stdout(&["man"]);
    assert!(man.starts_with(".ie \\n(.g .ds Aq"), "{}", &man[..80]);
    assert!(man.contains(".TH certcheck 1"));
    assert!(man.contains(".SH NAME"));
    assert!(man.contains(".SH SYNOPSIS"));
    for c in commands() {
        assert!(
            man.contains(&format!(".SH \"CERTCHECK {}\"", c.to_uppercase())),
            "{c}"
        );
    }
    for needle in [
        "\\-\\-assume",
        "\\-\\-plan",
        "\\-\\-color",
        "NO_COLOR",
        ".SS EXAMPLES",
        "certcheck init",
    ] {
        assert!(man.contains(needle), "man lacks {needle}");
    }
    // the same page every time (no date in it)
    assert_eq!(man, stdout(&["man"]));
}

/// The subcommands listed in `help` (a command's `--help`), if any.
fn subcommands_in(help: &str) -> Vec<String> {
    let Some(start) = help.find("Commands:\n") else {
        return Vec::new();
    };
    help[start + "Commands:\n".len()..]
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_has_examples_in_its_help() {
    let mut all: Vec<String> = Vec::new();
    for c in commands() {
        let help = stdout(&[&c, "--help"]);
        all.extend(
            subcommands_in(&help)
                .into_iter()
                .map(|s| format!("{c} {s}")),
        );
        all.push(c);
    }
    for c in all {
        let words: Vec<&str> = c.split(' ').collect();
        let mut args = words.clone();
        args.push("--help");
        let help = stdout(&args);
        let ex = help
            .find("\nExample")
            .unwrap_or_else(|| panic!("`certcheck {c} --help` has no example"));
        assert!(
            help[ex..].contains(&format!("certcheck {c}")),
            "`certcheck {c} --help`: the examples do not run {c}"
        );
    }
    assert!(stdout(&["--help"]).contains("\nExample"));
}

#[test]
fn init_writes_a_template_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = certcheck()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("profile.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# A certcheck profile"));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote profile.toml"));
    // it loads with the strict loader: check runs on it (exit 0 or 1, not 2)
    let checked = certcheck()
        .args([
            "check",
            path.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        matches!(checked.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // a second run refuses, leaving the file as it was
    std::fs::write(&path, "name = \"Mine\"\n").unwrap();
    let again = certcheck()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8(again.stderr).unwrap();
    assert_eq!(
        err,
        "error: `profile.toml` already exists\n  help: certcheck init never overwrites a file: give another PATH\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "name = \"Mine\"\n");
    // another path, asking nothing
    let other = dir.path().join("dana.toml");
    let out = certcheck()
        .args(["init", other.to_str().unwrap(), "--no-input"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), text);
}
