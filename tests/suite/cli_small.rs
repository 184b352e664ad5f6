//! Small things users hit (issue 15, point 8): `today` is the local date,
//! the man page documents what it names, completions offer the rules' ids,
//! the profile schema takes what JSON profiles may hold.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::common::{certcheck, stdout};

/// The `as_of` of `check` run without `--as-of` under the time zone `tz`.
fn as_of_under(tz: &str) -> String {
    let o = certcheck()
        .env("TZ", tz)
        .args(["check", "examples/dana.toml", "--format", "json"])
        .output()
        .expect("certcheck runs");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    v["as_of"].as_str().expect("as_of is a date").to_string()
}

/// The date at `offset_hours` from UTC now, as `YYYY-MM-DD`.
fn date_at(offset_hours: i64) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs() as i64;
    let days = (secs + offset_hours * 3600).div_euclid(86_400);
    let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days as u64);
    day.to_string()
}

/// Two zones 26 hours apart never share a date, so a `today` in UTC
/// would give both the same day; each must be the date where it is.
#[test]
fn today_is_the_local_date_of_the_time_zone_in_force() {
    // POSIX TZ strings: `<+14>-14` is 14 hours ahead of UTC (Kiribati),
    // `<-12>12` 12 hours behind (Baker Island)
    for _ in 0..3 {
        let (before_east, before_west) = (date_at(14), date_at(-12));
        let (east, west) = (as_of_under("<+14>-14"), as_of_under("<-12>12"));
        let (after_east, after_west) = (date_at(14), date_at(-12));
        if before_east != after_east || before_west != after_west {
            continue; // midnight passed somewhere while running: try again
        }
        assert_eq!(east, before_east);
        assert_eq!(west, before_west);
        assert_ne!(east, west);
        return;
    }
    panic!("midnight kept passing while the test ran");
}

/// The commands of certcheck's command line at every depth, by full name
/// (`certcheck rules list`), without clap's `help`.
fn command_names() -> Vec<String> {
    fn walk(cmd: &clap::Command, name: &str, into: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let full = format!("{name} {}", sub.get_name());
            walk(sub, &full, into);
            into.push(full);
        }
    }
    use clap::CommandFactory;
    let mut v = Vec::new();
    walk(&certcheck::cli::args::Cli::command(), "certcheck", &mut v);
    v
}

/// The man page names no page but itself (no `certcheck-check(1)`, which
/// was never installed), and every command it lists, nested ones too, has
/// its own section with a synopsis and options.
#[test]
fn the_man_page_documents_every_command_it_names() {
    let o = crate::common::run(["man"]);
    assert!(o.status.success());
    let page = stdout(&o);
    let named: Vec<&str> = page
        .match_indices("(1)")
        .map(|(i, _)| {
            let start = page[..i]
                .rfind(|c: char| c.is_whitespace() || c == ',')
                .map_or(0, |s| s + 1);
            &page[start..i]
        })
        .collect();
    assert!(
        named.iter().all(|n| *n == "certcheck"),
        "the page names other pages: {named:?}"
    );
    let names = command_names();
    assert!(names.contains(&"certcheck rules list".to_string()));
    for name in &names {
        let listed = format!("\\fB{}\\fR", name.replace('-', "\\-"));
        assert!(page.contains(&listed), "`{name}` is not listed");
        let heading = format!(".SH \"{}\"\n", name.to_uppercase().replace('-', "\\-"));
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("`{name}` has no section"));
        let section = &page[at + heading.len()..];
        let section = &section[..section.find("\n.SH ").unwrap_or(section.len())];
        assert!(section.contains(".SS SYNOPSIS"), "{name}: {section}");
        assert!(section.contains(".SS OPTIONS"), "{name}: {section}");
        assert!(
            section.contains(&format!("\\fB{}\\fR", name.replace('-', "\\-"))),
            "{name}'s synopsis does not name it: {section}"
        );
    }
    // and it is roff that man reads without a warning
    if let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        groff
            .stdin
            .take()
            .expect("a pipe")
            .write_all(page.as_bytes())
            .expect("groff reads the page");
        let done = groff.wait_with_output().expect("groff runs");
        assert!(done.status.success());
        assert_eq!(String::from_utf8_lossy(&done.stderr), "");
    } else {
        crate::common::skip("groff is not installed");
    }
}

/// What bash offers after `certcheck ARGS WORD<TAB>`, from the generated
/// script.
fn bash_offers(args: &[&str], word: &str) -> Vec<String> {
    let script = stdout(&crate::common::run(["completions", "bash"]));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("certcheck.bash");
    std::fs::write(&path, script).expect("the script is written");
    let words: Vec<String> = std::iter::once("certcheck")
        .chain(args.iter().copied())
        .chain(std::iter::once(word))
        .map(|w| format!("'{w}'"))
        .collect();
    let prev = args.last().copied().unwrap_or("certcheck");
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; _certcheck certcheck '{word}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        words.join(" "),
        words.len() - 1
    );
    let o = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o).lines().map(str::to_string).collect()
}

/// `--cert` completes to the built-in rules' certification ids on every
/// command that takes it, and `log --category` to their category ids.
#[test]
fn completions_offer_certification_and_category_ids() {
    let rules = crate::common::rules();
    let ids: Vec<String> = rules.ids().into_iter().map(str::to_string).collect();
    for command in [
        &["check", "p.toml"][..],
        &["log", "p.toml"],
        &["renew", "p.toml"],
    ] {
        let mut args = command.to_vec();
        args.push("--cert");
        assert_eq!(bash_offers(&args, ""), ids, "{command:?}");
        let cm: Vec<String> = ids
            .iter()
            .filter(|i| i.starts_with("cm"))
            .cloned()
            .collect();
        assert!(cm.contains(&"cmq-oe".to_string()));
        assert_eq!(bash_offers(&args, "cm"), cm, "{command:?}");
    }
    let offered = bash_offers(&["log", "p.toml", "--cert", "cmq-oe", "--category"], "");
    for cert in ["cmq-oe", "pmp", "cpim"] {
        for category in rules.category_ids(cert) {
            assert!(
                offered.iter().any(|o| o == category),
                "{cert}'s `{category}` is not offered: {offered:?}"
            );
        }
    }
}
