//! Issue 13, points 5, 6 and 7: no control or bidi character of a user's
//! reaches the terminal (text reports, the table, `rules list/show`, error
//! messages); a suggested command is quoted for a POSIX shell; a table cell
//! has a bounded width.

use std::path::{Path, PathBuf};
use std::process::Output;

use certcheck::show;

use crate::common::{certcheck, root, stderr, stdout};

/// Every kind of character a terminal acts on, as a TOML basic string's
/// escapes: CSI (clear screen), OSC 0 (window title) with BEL, OSC 8 (a
/// hyperlink), NUL, bidi override, isolate and mark, the line separator, the
/// Arabic letter mark, a C1 CSI, DEL, a newline and a tab.
const NASTY_TOML: &str = r"\u001b[2J\u001b]0;T\u0007\u001b]8;;http://e\u001b\\L\u0000\u202e\u2066\u200f\u2028\u061c\u009b\u007f\n\t";

/// The same characters, as `show::text` writes them.
const NASTY_SHOWN: &str = r"\u{1b}[2J\u{1b}]0;T\u{7}\u{1b}]8;;http://e\u{1b}\L\u{0}\u{202e}\u{2066}\u{200f}\u{2028}\u{61c}\u{9b}\u{7f}\u{a}\u{9}";

/// What a `source` URL may carry (no whitespace): OSC 0 with BEL and a
/// bidi override.
const SOURCE_TOML: &str = r"\u001b]0;T\u0007\u202e";
const SOURCE_SHOWN: &str = r"\u{1b}]0;T\u{7}\u{202e}";

/// A file name with ESC, BEL and a bidi override in it.
const NASTY_FILE: &str = "p\u{1b}]0;T\u{7}\u{202e}.toml";
const NASTY_FILE_SHOWN: &str = r"p\u{1b}]0;T\u{7}\u{202e}.toml";

/// Fails when `text` holds a control or bidi character other than the
/// newlines the renderer writes (and, with `colour`, its own SGR colour
/// sequences `ESC [ digits/; m`).
fn assert_clean(what: &str, text: &str, colour: bool) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if colour && c == '\u{1b}' {
            let sgr = rest[1..]
                .strip_prefix('[')
                .map(|r| r.trim_start_matches(|d: char| d.is_ascii_digit() || d == ';'))
                .filter(|r| r.starts_with('m'));
            if let Some(r) = sgr {
                // only colours: no clear screen, no cursor move
                rest = &r[1..];
                continue;
            }
        }
        assert!(
            c == '\n' || !show::escaped(c),
            "{what}: raw {c:?} in\n{text}"
        );
        rest = &rest[c.len_utf8()..];
    }
}

fn assert_output_clean(what: &str, o: &Output, colour: bool) {
    assert_clean(&format!("{what} (stdout)"), &stdout(o), colour);
    assert_clean(&format!("{what} (stderr)"), &stderr(o), false);
}

/// A rule folder with `cqe` replaced by one whose names, issuer, edition
/// and notes all end with the nasty characters, and its sources with
/// [`SOURCE_TOML`].
fn nasty_rules(dir: &Path) -> PathBuf {
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let text = std::fs::read_to_string(root().join("rules/cqe.toml")).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let l = if ["name = \"", "issuer = \"", "note = \""]
            .iter()
            .any(|k| line.starts_with(k))
            && line.ends_with('"')
        {
            format!("{}{NASTY_TOML}\"", &line[..line.len() - 1])
        } else if line.starts_with("source = \"") && line.ends_with('"') {
            format!("{}{SOURCE_TOML}\"", &line[..line.len() - 1])
        } else {
            line.to_string()
        };
        out.push_str(&l);
        out.push('\n');
    }
    std::fs::write(rules.join("cqe.toml"), out).unwrap();
    rules
}

/// Dana's profile with the nasty characters in her name, id, employer,
/// titles and activity descriptions, aiming at `cqe` as well.
fn nasty_profile_text() -> String {
    let text = std::fs::read_to_string(root().join("examples/dana.toml")).unwrap();
    text.lines()
        .map(|line| {
            if line.starts_with("targets") {
                "targets = [\"cpim\", \"cqe\"]".to_string()
            } else if [
                "name = \"",
                "id = \"C",
                "employer = \"",
                "title = \"",
                "description = \"",
            ]
            .iter()
            .any(|k| line.starts_with(k))
            {
                format!("{}{NASTY_TOML}\"", &line[..line.len() - 1])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

struct Setup {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    profile: PathBuf,
    rules: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let rules = nasty_rules(dir.path());
    let folder = dir.path().join("people");
    std::fs::create_dir(&folder).unwrap();
    let profile = folder.join(NASTY_FILE);
    std::fs::write(&profile, nasty_profile_text()).unwrap();
    Setup {
        folder,
        profile,
        rules,
        _dir: dir,
    }
}

fn run_in(s: &Setup, args: &[&std::ffi::OsStr]) -> Output {
    certcheck()
        .args(args)
        .arg("--rules")
        .arg(&s.rules)
        .output()
        .expect("certcheck runs")
}

/// `certcheck COMMAND PROFILE --as-of 2026-11-25 EXTRA...` with the nasty
/// rules.
fn run_on(s: &Setup, command: &str, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        command.as_ref(),
        s.profile.as_os_str(),
        "--as-of".as_ref(),
        "2026-11-25".as_ref(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run_in(s, &args)
}

#[test]
fn check_text_shows_every_user_string_escaped() {
    let s = setup();
    let o = run_on(&s, "check", &[]);
    assert_output_clean("check", &o, false);
    let out = stdout(&o);
    assert!(out.contains(&format!("Whitfield{NASTY_SHOWN}")), "{out}");
    assert!(
        out.contains(&format!("Certified Quality Engineer{NASTY_SHOWN}")),
        "{out}"
    );
    assert!(
        out.contains(&format!("Work experience{NASTY_SHOWN}")),
        "{out}"
    );
}

#[test]
fn check_in_colour_paints_its_own_marks_and_escapes_the_users() {
    let s = setup();
    let o = run_on(&s, "check", &["--color", "always"]);
    assert_output_clean("check --color always", &o, true);
    let out = stdout(&o);
    assert!(out.contains("\u{1b}["), "no colour at all:\n{out}");
    assert!(out.contains(&format!("Whitfield{NASTY_SHOWN}")), "{out}");
}

#[test]
fn plan_and_what_if_show_user_strings_escaped() {
    let s = setup();
    for extra in [&["--plan"][..], &["--assume", "exam=cqe@2026-12-01"][..]] {
        let o = run_on(&s, "check", extra);
        assert_output_clean(&format!("check {extra:?}"), &o, false);
        let out = stdout(&o);
        assert!(out.contains(NASTY_SHOWN), "{extra:?}:\n{out}");
    }
}

#[test]
fn plan_shows_the_file_name_escaped_and_quoted() {
    let s = setup();
    let o = run_on(&s, "check", &["--plan"]);
    let out = stdout(&o);
    assert!(out.contains(NASTY_FILE_SHOWN), "{out}");
}

#[test]
fn deadlines_show_user_strings_escaped() {
    let s = setup();
    let o = run_on(&s, "deadlines", &[]);
    assert_output_clean("deadlines", &o, false);
    let out = stdout(&o);
    assert!(out.contains(&format!("Whitfield{NASTY_SHOWN}")), "{out}");
}

#[test]
fn screen_table_and_summary_show_user_strings_escaped() {
    let s = setup();
    let bad = s.folder.join(format!("bad{}.toml", "\u{1b}[2J\u{202e}"));
    std::fs::write(&bad, "name = 3\n").unwrap();
    // the walk's notes name paths too: a second path to the profile, and a
    // link leading out of the folder (to the rules)
    std::os::unix::fs::symlink(&s.profile, s.folder.join("dup\u{1b}]0;T\u{7}.toml")).unwrap();
    std::os::unix::fs::symlink(&s.rules, s.folder.join("out\u{202e}")).unwrap();
    let o = run_in(
        &s,
        &[
            "screen".as_ref(),
            s.folder.as_os_str(),
            "--as-of".as_ref(),
            "2026-11-25".as_ref(),
        ],
    );
    assert_output_clean("screen", &o, false);
    let out = stdout(&o);
    assert!(out.contains(r"Dana Whitfield\u{1b}[2J"), "{out}");
    // (the link `dup…` comes first by name: the profile's own path is the
    // second one met)
    let duplicate = format!("{NASTY_FILE_SHOWN}`: already screened by another path");
    for shown in [
        r"bad\u{1b}[2J\u{202e}.toml",
        &duplicate,
        r"out\u{202e}`: a symbolic link leading out of",
    ] {
        assert!(stderr(&o).contains(shown), "{shown}: {}", stderr(&o));
    }
    // the CSV keeps the raw text
    let o = run_in(
        &s,
        &[
            "screen".as_ref(),
            s.folder.as_os_str(),
            "--as-of".as_ref(),
            "2026-11-25".as_ref(),
            "--format".as_ref(),
            "csv".as_ref(),
        ],
    );
    assert!(
        stdout(&o).contains("Dana Whitfield\u{1b}[2J\u{1b}]0;T\u{7}"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn rules_list_and_show_escape_names_and_sources() {
    let s = setup();
    for args in [&["rules", "list"][..], &["rules", "show", "cqe"][..]] {
        let a: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let o = run_in(&s, &a);
        assert_output_clean(&format!("{args:?}"), &o, false);
        assert!(
            stdout(&o).contains(NASTY_SHOWN),
            "{args:?}:\n{}",
            stdout(&o)
        );
        if args[1] == "show" {
            assert!(stdout(&o).contains(SOURCE_SHOWN), "{}", stdout(&o));
        }
    }
}

#[test]
fn rules_test_shows_a_case_file_name_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // (the folder names the certification)
    std::fs::create_dir(dir.path().join("cmq-oe")).unwrap();
    let case = dir.path().join("cmq-oe/ok\u{1b}]0;T\u{7}\u{202e}.toml");
    std::fs::copy(root().join("tests/rules/cmq-oe/certified.toml"), &case).unwrap();
    let o = certcheck()
        .args(["rules", "test"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_output_clean("rules test", &o, false);
    assert!(
        stdout(&o).contains(r"ok\u{1b}]0;T\u{7}\u{202e}.toml"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn error_messages_escape_file_names_cert_ids_and_values() {
    let s = setup();
    // a file that is not there
    let missing = s.folder.join("gone\u{1b}]0;T\u{7}\u{202e}.toml");
    let o = run_in(&s, &["check".as_ref(), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert_output_clean("missing file", &o, false);
    assert!(
        stderr(&o).contains(r"gone\u{1b}]0;T\u{7}\u{202e}.toml"),
        "{}",
        stderr(&o)
    );

    // an unknown --cert
    let o = run_in(
        &s,
        &[
            "check".as_ref(),
            s.profile.as_os_str(),
            "--cert".as_ref(),
            "x\u{1b}[2J\u{2066}".as_ref(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_output_clean("--cert", &o, false);
    assert!(stderr(&o).contains(r"x\u{1b}[2J\u{2066}"), "{}", stderr(&o));

    // a bad value quoted in a profile error, in a file with a nasty name
    let bad = s.folder.join(NASTY_FILE);
    std::fs::write(
        &bad,
        format!("name = \"a\"\n[[education]]\nlevel = \"b{NASTY_TOML}\"\n"),
    )
    .unwrap();
    let o = run_in(&s, &["check".as_ref(), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert_output_clean("profile error", &o, false);
    assert!(stderr(&o).contains(NASTY_FILE_SHOWN), "{}", stderr(&o));

    // an --assume value
    let o = run_in(
        &s,
        &[
            "check".as_ref(),
            s.profile.as_os_str(),
            "--assume".as_ref(),
            "exam=\u{1b}]0;T\u{7}@2026-01-01".as_ref(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_output_clean("--assume", &o, false);
}

#[test]
fn usage_errors_escape_what_the_user_typed() {
    // an invalid value and an unknown subcommand, each repeated by clap:
    // clap's plain text drops the escape sequence and other controls, and
    // the bidi override left is escaped
    for args in [
        vec![
            "check",
            "x.toml",
            "--format",
            "t\u{1b}]0;T\u{7}\u{202e}\u{7}",
        ],
        vec!["chec\u{1b}]0;T\u{7}\u{202e}\u{7}"],
    ] {
        let o = certcheck().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_output_clean("usage error", &o, false);
        assert!(stderr(&o).contains(r"\u{202e}'"), "{}", stderr(&o));
    }
    // a plain usage error is clap's own message, untouched
    let o = certcheck()
        .args(["check", "x.toml", "--format", "tex"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'tex' for '--format"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("[possible values: "), "{}", stderr(&o));
}

// ----- point 7: a suggested command is quoted for a POSIX shell ----------

#[test]
fn plan_suggests_a_command_a_shell_reads_as_the_literal_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = "d b;$(touch PWN).toml";
    let profile = dir.path().join(name);
    let text = std::fs::read_to_string(root().join("examples/dana.toml")).unwrap();
    std::fs::write(&profile, text).unwrap();
    let o = certcheck()
        .current_dir(dir.path())
        .args(["check", name, "--as-of", "2026-11-25", "--plan"])
        .output()
        .unwrap();
    let out = stdout(&o);
    let tries: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("try: "))
        .collect();
    assert!(!tries.is_empty(), "no suggested command:\n{out}");
    for command in tries {
        assert!(
            command.starts_with(
                "certcheck check 'd b;$(touch PWN).toml' --as-of 2026-11-25 --assume "
            ),
            "{command}"
        );
        // the line as a shell reads it: `printf` in place of `certcheck`
        // writes each argument on a line of its own
        let args = command.strip_prefix("certcheck ").unwrap();
        let sh = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("printf '%s\\n' {args}"))
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(sh.status.success(), "{sh:?}");
        let words: Vec<String> = String::from_utf8(sh.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(words[0], "check");
        assert_eq!(words[1], name, "{command}");
        assert_eq!(words[2..4], ["--as-of", "2026-11-25"]);
        assert!(
            !dir.path().join("PWN").exists(),
            "the pasted line ran `touch`"
        );
    }
}

// ----- point 5: a table cell has a bounded width -------------------------

#[test]
fn one_huge_name_does_not_widen_every_row_of_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("examples/dana.toml")).unwrap();
    let huge = "N".repeat(200_000);
    std::fs::write(
        dir.path().join("huge.toml"),
        text.replace("name = \"Dana Whitfield\"", &format!("name = \"{huge}\"")),
    )
    .unwrap();
    for i in 0..50 {
        std::fs::write(dir.path().join(format!("p{i:02}.toml")), &text).unwrap();
    }
    let o = certcheck()
        .args(["screen", "--as-of", "2026-11-25"])
        .arg(dir.path())
        .output()
        .unwrap();
    let out = stdout(&o);
    // 51 profiles, 2 rows each and a header: each line well under 1 KB
    // (uncapped, every line would carry 200,000 columns)
    assert!(out.len() < 103 * 1000, "{} bytes", out.len());
    let cut = format!("{}…", "N".repeat(59));
    assert_eq!(out.matches(&cut).count(), 2, "{out}");
    assert!(!out.contains(&"N".repeat(60)));
    // CSV and JSON Lines keep the full name
    for format in ["csv", "json"] {
        let o = certcheck()
            .args(["screen", "--as-of", "2026-11-25", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(stdout(&o).contains(&huge), "{format}");
    }
}

#[test]
fn log_shows_the_rules_unit_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let text = std::fs::read_to_string(root().join("rules/cmq-oe.toml")).unwrap();
    let evil = text.replace("unit = \"RU\"", &format!("unit = \"RU{NASTY_TOML}\""));
    assert_ne!(evil, text, "the unit line moved");
    std::fs::write(rules.join("cmq-oe.toml"), evil).unwrap();
    let profile = dir.path().join("dana.toml");
    std::fs::copy(root().join("examples/dana.toml"), &profile).unwrap();
    let o = certcheck()
        .args(["log", "--as-of", "2026-11-25", "--rules"])
        .arg(&rules)
        .arg(&profile)
        .args([
            "--cert",
            "cmq-oe",
            "--date",
            "2026-11-20",
            "--category",
            "professional-development",
        ])
        .args(["--units", "1", "--description", "seminar\u{1b}]0;T\u{7}"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_output_clean("log", &o, false);
    assert!(
        stdout(&o).contains(&format!("RU{NASTY_SHOWN}")),
        "{}",
        stdout(&o)
    );
}
