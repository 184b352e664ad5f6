//! `certcheck log` end to end: the user's bytes are kept, every refusal
//! leaves the file as it was, writes are atomic and concurrent runs never
//! lose an entry.

use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::common;

use certcheck::dates::date;
use certcheck::profile::edit::{Edit, Step, append_activity};
use certcheck::profile::model::Activity;
use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

const AS_OF: &str = "2026-11-25";

/// Hand-written, with everything an editor must keep: comments, odd
/// spacing, literal and multi-line strings, inline tables, a trailing comma.
const HAND_WRITTEN: &str = r#"# Dana's profile — kept by hand
name   =   'Dana Whitfield'        # a literal string
id = """C-1042"""
targets = [ 'cpim', ]
exams = [ { id = "cmq-oe", passed = 2021-09-18 },   {id='cpim-part-1',passed=2023-05-20} ]

[[education]]
level = 'bachelor'
field = '''Industrial "Engineering"'''
completed = 2008-05-15

[[employment]]
  employer = "Acme Fabrication"     # indented keys
  title    = "Quality Manager"
  start    = 2013-09-01
  decision_making = true


[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [ "2024-09-02" ]   # string dates are fine too

[[activities]]
date = 2024-11-07
certifications = [ "cmq-oe" ]
category = 'professional-development'
units = "1.5"
description = "Lean leadership seminar"

# trailing comment, then two blank lines


"#;

/// The entry `log` appends for [`logged`]'s arguments.
const ENTRY: &str = "[[activities]]\ndate = 2026-11-25\ncertifications = [\"cmq-oe\"]\ncategory = \"professional-development\"\nunits = 1.5\ndescription = \"Kaizen \\\"blitz\\\" workshop\"\nevidence = \"receipts/kaizen.pdf\"\n";

const INLINE_ENTRY: &str = "{ date = 2026-11-25, certifications = [\"cmq-oe\"], category = \"professional-development\", units = 1.5, description = \"Kaizen \\\"blitz\\\" workshop\", evidence = \"receipts/kaizen.pdf\" }";

/// `certcheck log PATH ARGS... --as-of 2026-11-25`.
fn log(path: &Path, args: &[&str]) -> Output {
    certcheck()
        .arg("log")
        .arg(path)
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs")
}

/// The arguments that append [`ENTRY`] (15 hours at 0.1 RU an hour).
const LOGGED: &[&str] = &[
    "--cert",
    "cmq-oe",
    "--category",
    "professional-development",
    "--hours",
    "15",
    "--description",
    "Kaizen \"blitz\" workshop",
    "--evidence",
    "receipts/kaizen.pdf",
];

fn assert_logged(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    // (issue 13, point 12: "saved" on stderr, before the report on stdout)
    let err = stderr(o);
    assert!(
        err.starts_with("saved `") && err.ends_with("p.toml`\n") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn the_hand_written_profile_keeps_every_byte() {
    let (dir, path) = profile(HAND_WRITTEN);
    let o = log(&path, LOGGED);
    assert_logged(&o);
    // it already ends with a blank line: the entry follows directly
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{HAND_WRITTEN}{ENTRY}")
    );
    assert_eq!(
        stdout(&o),
        "logged 1.5 RU (15 hours at 0.1 RU per hour) in `professional-development` for `cmq-oe` on 2026-11-25\n\
         cmq-oe: 3 of 18 RU counted in the cycle 2024-10-16 to 2027-10-15, 15 still needed\n"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn crlf_line_endings_are_kept_and_used_for_the_entry() {
    let crlf = HAND_WRITTEN.replace('\n', "\r\n");
    let (_dir, path) = profile(&crlf);
    assert_logged(&log(&path, LOGGED));
    let after = fs::read(&path).unwrap();
    let expected = format!("{crlf}{}", ENTRY.replace('\n', "\r\n"));
    assert_eq!(after, expected.as_bytes());
}

#[test]
fn a_missing_final_newline_is_added_before_the_entry() {
    let text = "name = \"Dana\"\n\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2021-10-15 # no newline after this";
    let (_dir, path) = profile(text);
    assert_logged(&log(&path, LOGGED));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{text}\n\n{ENTRY}")
    );
}

#[test]
fn an_inline_activities_array_gets_the_entry_as_its_last_element() {
    // one line
    let text = "name = \"Dana\"\ncertifications = [{ id = \"cmq-oe\", earned = 2021-10-15, renewals = [2024-09-02] }]\nactivities = [{ date = 2024-11-01, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 }, { date = 2022-01-10, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 }]  # kept\n\n[[employment]]\nstart = 2013-09-01\n";
    let (_dir, path) = profile(text);
    let o = log(&path, LOGGED);
    assert_logged(&o);
    let expected = text.replacen(
        "units = 3.6 }]",
        &format!("units = 3.6 }}, {INLINE_ENTRY}]"),
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert!(
        stdout(&o).contains("cmq-oe: 5.1 of 18 RU counted in the cycle 2024-10-16 to 2027-10-15"),
        "{}",
        stdout(&o)
    );

    // one element per line, with a trailing comma
    let text = "name = \"Dana\"\ncertifications = [{ id = \"cmq-oe\", earned = 2021-10-15 }]\nactivities = [\n    { date = 2022-01-10, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 },\n]\n";
    let (_dir, path) = profile(text);
    assert_logged(&log(&path, LOGGED));
    let expected = text.replacen(
        "3.6 },\n]\n",
        &format!("3.6 }},\n    {INLINE_ENTRY},\n]\n"),
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn a_profile_without_activities_gets_its_first() {
    let text = "name = \"Dana\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2021-10-15\nrenewals = [2024-09-02]\n";
    let (_dir, path) = profile(text);
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--category",
            "giving-back",
            "--units",
            "0.125",
            "--date",
            "2024-10-15",
            "--description",
            "Judge, section awards\nsecond line",
        ],
    );
    assert_logged(&o);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "{text}\n[[activities]]\ndate = 2024-10-15\ncertifications = [\"cmq-oe\"]\ncategory = \"giving-back\"\nunits = 0.125\ndescription = \"Judge, section awards\\nsecond line\"\n"
        )
    );
    assert_eq!(
        stdout(&o),
        "logged 0.125 RU in `giving-back` for `cmq-oe` on 2024-10-15\n\
         cmq-oe: 0 of 18 RU counted in the cycle 2024-10-16 to 2027-10-15, 18 still needed\n\
         note: 2024-10-15 is before the current cycle (from 2024-10-16): it counts towards an earlier cycle\n"
    );
}

#[test]
fn a_future_date_needs_yes() {
    let text = "name = \"Dana\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2021-10-15\n";
    let (dir, path) = profile(text);
    let args = [
        "--cert",
        "cmq-oe",
        "--category",
        "employment",
        "--units",
        "3.6",
        "--date",
        "2026-12-31",
        "--description",
        "Quality Manager, 2026",
    ];
    let o = log(&path, &args);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the date 2026-12-31 is after the as-of date 2026-11-25\n  help: an activity counts from the day it was completed; pass `--yes` to log one dated in the future\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let mut yes = args.to_vec();
    yes.push("--yes");
    let o = log(&path, &yes);
    assert_logged(&o);
    assert!(
        stdout(&o).contains(
            "note: it is dated after the as-of date 2026-11-25: it counts from 2026-12-31"
        ),
        "{}",
        stdout(&o)
    );
    assert!(fs::read_to_string(&path).unwrap().ends_with("date = 2026-12-31\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 3.6\ndescription = \"Quality Manager, 2026\"\n"));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn every_refusal_leaves_the_file_byte_for_byte() {
    let base = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut v = vec!["--description", "Seminar"];
        v.extend_from_slice(extra);
        v
    };
    let pd = ["--cert", "cmq-oe", "--category", "professional-development"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            base(&[
                "--cert",
                "cmq-eo",
                "--category",
                "employment",
                "--units",
                "1",
            ]),
            "error: unknown certification `cmq-eo`\n  help: did you mean `cmq-oe`?\n",
        ),
        (
            base(&["--cert", "cpim", "--category", "teaching", "--units", "1"]),
            "error: `PATH` does not hold `cpim`: it is not in its `[[certifications]]`\n  help: add a `[[certifications]]` entry with `id = \"cpim\"` and the day it was `earned` first (it holds `cmq-oe`)\n",
        ),
        (
            base(&[
                "--cert",
                "cmq-oe",
                "--category",
                "profesional-development",
                "--units",
                "1",
            ]),
            "error: category `profesional-development` is not defined by `cmq-oe`\n  help: did you mean `professional-development`?\n",
        ),
        (
            base(&["--cert", "cmq-oe", "--category", "zzz", "--units", "1"]),
            "error: category `zzz` is not defined by `cmq-oe`\n  help: `cmq-oe` defines `professional-development`, `employment`, `giving-back`\n",
        ),
        (
            base(&[pd[0], pd[1], pd[2], pd[3], "--units", "0"]),
            "error: `--units` must be more than 0, not `0`\n",
        ),
        (
            base(&[pd[0], pd[1], pd[2], pd[3], "--units", "-1.5"]),
            "error: `--units` must be more than 0, not `-1.5`\n",
        ),
        (
            base(&[pd[0], pd[1], pd[2], pd[3], "--units", "1.2345"]),
            "error: `--units` has more than 3 decimal places: `1.2345`\n  help: amounts are exact to a thousandth\n",
        ),
        (
            base(&[pd[0], pd[1], pd[2], pd[3], "--units", "1e3"]),
            "error: invalid amount `1e3` for `--units`\n  help: expected a decimal number like `1.5`\n",
        ),
        (
            base(&[pd[0], pd[1], pd[2], pd[3], "--hours", "0.125"]),
            "error: 0.125 hours at 0.1 RU per hour make 0.0125 RU, more than 3 decimal places\n  help: give the RU with `--units`, rounded as the issuer rounds them\n",
        ),
        (
            base(&[
                "--cert",
                "cmq-oe",
                "--category",
                "employment",
                "--hours",
                "160",
            ]),
            "error: `--hours` cannot be used for `employment`: it counts RU, and `cmq-oe` gives it no rate per hour\n  help: give the RU with `--units` (categories with a rate: `professional-development`)\n",
        ),
        (
            base(&[
                pd[0],
                pd[1],
                pd[2],
                pd[3],
                "--units",
                "1",
                "--date",
                "2021-10-14",
            ]),
            "error: the date 2021-10-14 is before `cmq-oe` was earned (2021-10-15)\n  help: an activity before 2021-10-15 counts towards no cycle of `cmq-oe`\n",
        ),
        (
            base(&[
                pd[0],
                pd[1],
                pd[2],
                pd[3],
                "--units",
                "1",
                "--date",
                "2026-02-30",
            ]),
            "error: invalid date `2026-02-30` for `--date`\n  help: expected a date like `2026-11-25`\n",
        ),
        (
            vec![
                pd[0],
                pd[1],
                pd[2],
                pd[3],
                "--units",
                "1",
                "--description",
                "  ",
            ],
            "error: `--description` is empty\n  help: say what the activity was, such as `--description \"Lean leadership seminar\"`\n",
        ),
    ];
    let text =
        "name = \"Dana\"   # x\r\n[[certifications]]\r\nid = \"cmq-oe\"\r\nearned = 2021-10-15";
    for (args, expected) in cases {
        let (dir, path) = profile(text);
        let o = log(&path, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        let expected = expected.replace("PATH", &path.display().to_string());
        assert_eq!(stderr(&o), expected, "{args:?}");
        assert_eq!(fs::read(&path).unwrap(), text.as_bytes(), "{args:?}");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn two_problems_with_the_entry_are_both_reported() {
    let text = "name = \"Dana\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2021-10-15\n";
    let (_dir, path) = profile(text);
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--category",
            "employmnt",
            "--units",
            "1",
            "--date",
            "2020-01-01",
            "--description",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("error: the date 2020-01-01 is before `cmq-oe` was earned"),
        "{err}"
    );
    assert!(err.contains("error: category `employmnt` is not defined by `cmq-oe`\n  help: did you mean `employment`?"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_bad_profile_is_refused_as_check_refuses_it() {
    let text = "name = \"Dana\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2021-10-15\nrenewal = [2024-09-02]\n";
    let (dir, path) = profile(text);
    let o = log(&path, LOGGED);
    assert_eq!(o.status.code(), Some(2));
    let check = certcheck().arg("check").arg(&path).output().unwrap();
    assert_eq!(stderr(&o), stderr(&check));
    assert!(
        stderr(&o).starts_with(&format!(
            "error: {}:5:1: unknown key `renewal`",
            path.display()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // a missing profile: a read error, and no lock file left behind
    let missing = dir.path().join("missing.toml");
    let o = log(&missing, LOGGED);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot read `"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("no such file or directory"),
        "{}",
        stderr(&o)
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn units_and_hours_together_are_a_usage_error() {
    let (_dir, path) = profile(HAND_WRITTEN);
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--category",
            "employment",
            "--units",
            "1",
            "--hours",
            "3",
            "--description",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--category",
            "employment",
            "--description",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--units"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_WRITTEN);
}

#[test]
fn a_stale_lock_is_reported_with_how_to_remove_it() {
    let (dir, path) = profile(HAND_WRITTEN);
    let lock = dir.path().join("p.toml.lock");
    fs::write(&lock, "certcheck 0.1.0 (process 4242)\n").unwrap();
    let o = log(&path, LOGGED);
    assert_eq!(o.status.code(), Some(2));
    let lock_name = lock.display().to_string();
    assert_eq!(
        stderr(&o),
        format!(
            "error: `{}` is being edited by another certcheck\n  help: the lock file `{lock_name}` exists (it says: certcheck 0.1.0 (process 4242)); try again when the other certcheck is done. If no certcheck is running, the lock is stale (left by one that was killed): remove `{lock_name}` and try again\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_WRITTEN);
    // someone else's lock is never removed
    assert!(lock.exists());
    fs::remove_file(&lock).unwrap();
    assert_logged(&log(&path, LOGGED));
}

#[test]
fn concurrent_logs_never_lose_an_entry() {
    const RUNS: usize = 6;
    let (dir, path) = profile(HAND_WRITTEN);
    let children: Vec<_> = (0..RUNS)
        .map(|i| {
            let description = format!("concurrent {i}");
            common::certcheck_std()
                .arg("log")
                .arg(&path)
                .args([
                    "--cert",
                    "cmq-oe",
                    "--category",
                    "giving-back",
                    "--units",
                    "1",
                ])
                .args(["--description", &description, "--as-of", AS_OF])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawns")
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("waits"))
        .collect();
    let after = fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(HAND_WRITTEN));
    let mut landed = 0;
    for (i, o) in outputs.iter().enumerate() {
        let line = format!("description = \"concurrent {i}\"\n");
        match o.status.code() {
            Some(0) => {
                landed += 1;
                assert_eq!(after.matches(&line).count(), 1, "{after}");
            }
            // only ever refused as busy, and then not written
            _ => {
                assert!(
                    stderr(o).contains("is being edited by another certcheck"),
                    "{}",
                    stderr(o)
                );
                assert_eq!(after.matches(&line).count(), 0, "{after}");
            }
        }
    }
    assert!(landed >= 1);
    assert_eq!(
        after.matches("[[activities]]").count(),
        1 + landed,
        "{after}"
    );
    // the result is a valid profile
    let check = certcheck()
        .args(["check", "--as-of", AS_OF, "--cert", "cmq-oe"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// The library path `log` takes, with a fault at every step of the write:
/// the profile is then exactly the old or exactly the new bytes.
#[test]
fn a_fault_at_any_step_of_the_write_leaves_old_or_new_bytes() {
    let activity = Activity {
        date: date(2026, 11, 25),
        certifications: vec!["cmq-oe".into()],
        category: "professional-development".into(),
        units: "1.5".parse().unwrap(),
        description: Some("Kaizen \"blitz\" workshop".into()),
        evidence: Some("receipts/kaizen.pdf".into()),
    };
    let new = append_activity(HAND_WRITTEN, &activity).unwrap();
    assert_eq!(new, format!("{HAND_WRITTEN}{ENTRY}"));
    for fail_at in Step::ALL {
        let (dir, path) = profile(HAND_WRITTEN);
        let edit = Edit::open(&path).unwrap();
        let result = edit.commit_with(new.as_bytes(), &mut |step| {
            if step == fail_at {
                Err(std::io::Error::other("disk on fire"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err(), "{fail_at:?}");
        let now = fs::read_to_string(&path).unwrap();
        let expected = if fail_at == Step::Renamed {
            &new
        } else {
            HAND_WRITTEN
        };
        assert_eq!(&now, expected, "{fail_at:?}");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{fail_at:?}");
        // and the CLI still reads it
        let check = certcheck()
            .args(["check", "--as-of", AS_OF])
            .arg(&path)
            .output()
            .unwrap();
        assert_ne!(check.status.code(), Some(2), "{}", stderr(&check));
    }
}

#[test]
fn a_file_replaced_between_read_and_write_is_refused() {
    let (dir, path) = profile(HAND_WRITTEN);
    let edit = Edit::open(&path).unwrap();
    let new = append_activity(
        std::str::from_utf8(edit.original()).unwrap(),
        &Activity {
            date: date(2026, 11, 25),
            certifications: vec!["cmq-oe".into()],
            category: "employment".into(),
            units: "1".parse().unwrap(),
            description: Some("mine".into()),
            evidence: None,
        },
    )
    .unwrap();
    // an editor saves the file meanwhile (it does not know the lock)
    let theirs = HAND_WRITTEN.replace("Dana Whitfield", "Dana W.");
    fs::write(&path, &theirs).unwrap();
    let err = edit.commit(new.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "`{}` changed while certcheck was editing it",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// Only exactly 1 is singular: "1 hour", "10 hours" (issue 15, point 5).
#[test]
fn one_hour_is_singular() {
    let (_dir, path) = profile(HAND_WRITTEN);
    let args = |hours: &'static str| {
        [
            "--cert",
            "cmq-oe",
            "--category",
            "professional-development",
            "--hours",
            hours,
            "--description",
            "Seminar",
            "--yes",
        ]
    };
    let o = log(&path, &args("1"));
    assert_logged(&o);
    assert!(
        stdout(&o)
            .starts_with("logged 0.1 RU (1 hour at 0.1 RU per hour) in `professional-development`"),
        "{}",
        stdout(&o)
    );
    let o = log(&path, &args("10"));
    assert_logged(&o);
    assert!(
        stdout(&o).starts_with("logged 1 RU (10 hours at 0.1 RU per hour)"),
        "{}",
        stdout(&o)
    );
}
