//! `certcheck deadlines` end to end: the table, the JSON read back into
//! structs that refuse unknown fields, `--within`, exit codes, and the
//! calendar read back with a real iCalendar parser (the `icalendar` crate).

// The mirror structs name every field so that an unknown one fails; not every
// field is asserted on.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use serde::Deserialize;

use crate::common;
use common::root;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    as_of: String,
    profile: ProfileRef,
    within: Option<WithinRef>,
    attention: Vec<Attention>,
    deadlines: Vec<Deadline>,
    calendar: Option<CalendarRef>,
    warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileRef {
    name: String,
    id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WithinRef {
    duration: String,
    until: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Attention {
    certification: String,
    name: String,
    status: String,
    cycle_end: String,
    grace_until: String,
    by_exam_until: Option<String>,
    route: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deadline {
    date: String,
    days_left: i64,
    certification: String,
    name: String,
    issuer: String,
    kind: String,
    summary: String,
    cycle: Option<u32>,
    cycle_number: Option<u32>,
    cycle_start: Option<String>,
    cycle_end: Option<String>,
    grace_until: Option<String>,
    unit: Option<String>,
    units_needed: Option<serde_json::Number>,
    ready: Option<bool>,
    pace: Option<Pace>,
    minimums: Vec<serde_json::Value>,
    route: Option<String>,
    uid: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pace {
    units_needed: serde_json::Number,
    months_left: u32,
    per_month: serde_json::Number,
    words: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarRef {
    path: String,
    events: usize,
}

const AS_OF: &str = "2026-11-25";
const HELD_AND_TARGET: &str = "tests/fixtures/deadlines/held-and-target.toml";

fn run(args: &[&str]) -> Output {
    common::run(args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `deadlines --format json` and returns (exit code, report).
/// `deadlines PROFILE --format json`, judged by the built-in rules with a
/// cmq-oe that accepts renewal by exam for 12 months after a cycle's end
/// (ASQ's rule), whatever the built-in file says.
fn json(profile: &str, extra: &[&str]) -> (i32, Report) {
    let mut args = vec![
        "deadlines",
        profile,
        "--format",
        "json",
        "--rules",
        "tests/fixtures/shapes-recert/renew",
    ];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", AS_OF]);
    }
    args.extend(extra);
    let out = run(&args);
    let text = stdout(&out);
    let report: Report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not a report: {e}\n{text}\n{}", stderr(&out)));
    (out.status.code().expect("exit code"), report)
}

fn dates_and_kinds(r: &Report) -> Vec<(&str, &str, &str)> {
    r.deadlines
        .iter()
        .map(|d| (d.date.as_str(), d.certification.as_str(), d.kind.as_str()))
        .collect()
}

#[test]
fn text_table_for_a_held_certification_and_a_target() {
    let out = run(&["deadlines", HELD_AND_TARGET, "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\
Rosa Díaz; QA, planning (R-77): deadlines as of 2026-11-25

date        days left  certification  what               pace
2027-03-31        126  CPIM           cycle ends         45 points to go: 11.3 a month over 4 months
2027-06-29        216  CPIM           grace period ends  points after 2027-03-31: the next cycle's
2028-01-08        409  CMQ/OE         eligible           projected, if your current roles go on
"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn asq_window_and_pace_for_the_example_profile() {
    // Dana: CMQ/OE renewed in 2024, the 2nd cycle runs 2024-10-16 to
    // 2027-10-15; 8.5 of 18 RU counted
    let (code, r) = json("examples/dana.toml", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        dates_and_kinds(&r),
        [
            ("2027-04-15", "cmq-oe", "renewal-window-opens"),
            ("2027-10-15", "cmq-oe", "cycle-end"),
            ("2028-04-15", "cmq-oe", "grace-end"),
            ("2028-10-15", "cmq-oe", "by-exam-end"),
        ]
    );
    let end = &r.deadlines[1];
    assert_eq!(end.days_left, 324);
    assert_eq!(end.cycle, Some(1));
    assert_eq!(
        end.units_needed
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("9.5")
    );
    let pace = end.pace.as_ref().expect("units are needed");
    // 9.5 over the 10 whole months to 2027-10-15 (2027-09-25 is the 10th
    // month's day): 0.95, rounded up to 1.0
    assert_eq!(pace.months_left, 10);
    assert_eq!(pace.per_month.to_string(), "1");
    assert_eq!(
        pace.words,
        "9.5 RU to go: 1.0 a month over the 10 months left"
    );
    // none to the grace period's end: RU dated after the cycle's end count
    // towards the next cycle
    assert!(r.deadlines[2].pace.is_none());
    assert!(r.deadlines[3].pace.is_none());
    assert!(r.deadlines[0].pace.is_none());
    assert_eq!(r.deadlines[0].summary, "CMQ/OE: renewal window opens");
    assert_eq!(end.uid, "C-1042/cmq-oe/cycle-1/cycle-end@certcheck");
    assert!(r.attention.is_empty() && r.within.is_none() && r.calendar.is_none());
}

#[test]
fn json_for_a_held_certification_and_a_target() {
    let (code, r) = json(HELD_AND_TARGET, &[]);
    assert_eq!(code, 0, "a target not yet eligible does not make it 1");
    assert_eq!(r.as_of, AS_OF);
    assert_eq!(r.profile.id, "R-77");
    assert_eq!(
        dates_and_kinds(&r),
        [
            ("2027-03-31", "cpim", "cycle-end"),
            ("2027-06-29", "cpim", "grace-end"),
            ("2028-01-08", "cmq-oe", "eligible"),
        ]
    );
    let eligible = &r.deadlines[2];
    assert_eq!(eligible.days_left, 409);
    assert_eq!(eligible.cycle, None);
    assert!(eligible.pace.is_none() && eligible.unit.is_none());
    assert_eq!(eligible.uid, "R-77/cmq-oe/eligible@certcheck");
    let pace = r.deadlines[0].pace.as_ref().expect("pace");
    assert_eq!(
        (pace.months_left, pace.per_month.to_string()),
        (4, "11.3".to_string())
    );
}

#[test]
fn within_keeps_what_falls_due_in_time() {
    // (duration, until, kinds kept)
    let cases: [(&str, &str, &[&str]); 5] = [
        ("90d", "2027-02-23", &[]),
        ("18w", "2027-03-31", &["cycle-end"]),
        ("6m", "2027-05-25", &["cycle-end"]),
        ("1y", "2027-11-25", &["cycle-end", "grace-end"]),
        ("2y", "2028-11-25", &["cycle-end", "grace-end", "eligible"]),
    ];
    for (within, until, kinds) in cases {
        let (code, r) = json(HELD_AND_TARGET, &["--within", within]);
        assert_eq!(code, 0, "{within}");
        let w = r.within.as_ref().expect("within");
        assert_eq!((w.duration.as_str(), w.until.as_str()), (within, until));
        let got: Vec<&str> = r.deadlines.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(got, kinds, "{within}");
    }
    let out = run(&[
        "deadlines",
        HELD_AND_TARGET,
        "--as-of",
        AS_OF,
        "--within",
        "90d",
    ]);
    assert_eq!(
        stdout(&out),
        "Rosa Díaz; QA, planning (R-77): deadlines as of 2026-11-25, within 90 days (to 2027-02-23)\n\nNo deadline within 90 days.\n"
    );
}

#[test]
fn a_bad_within_is_exit_2_with_an_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ics = dir.path().join("d.ics");
    let ics = ics.to_str().expect("utf-8 path");
    for bad in ["3 months", "6", "m", "-1d", "1.5y", "6M", "1q", ""] {
        let out = run(&[
            "deadlines",
            HELD_AND_TARGET,
            "--as-of",
            AS_OF,
            "--within",
            bad,
            "--ics",
            ics,
        ]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty(), "{bad:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "error: invalid duration `{bad}` for `--within`\n  help: expected a whole number and d (days), w (weeks), m (months) or y (years), like `90d` or `6m`\n"
            )
        );
    }
    assert!(!Path::new(ics).exists(), "nothing is written on bad input");
}

#[test]
fn grace_and_lapsed_make_exit_1() {
    // in grace: the grace period's end, then the last day of ASQ's renewal
    // by exam (a year from the cycle's end)
    let (code, r) = json("tests/fixtures/status/cmq-oe-grace.toml", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        dates_and_kinds(&r),
        [
            ("2026-12-15", "cmq-oe", "grace-end"),
            ("2027-06-15", "cmq-oe", "by-exam-end")
        ]
    );
    // short, and units earned now count towards the next cycle: no pace;
    // what can still renew this one is the exam
    assert!(r.deadlines[0].pace.is_none());
    assert_eq!(r.deadlines[0].route.as_deref(), Some("exam"));
    assert_eq!(r.attention.len(), 1);
    assert_eq!(r.attention[0].status, "grace");
    assert_eq!(r.attention[0].route.as_deref(), Some("exam"));
    assert_eq!(r.attention[0].by_exam_until.as_deref(), Some("2027-06-15"));

    // lapsed: nothing dated is left, and the text says so up front
    let (code, r) = json("tests/fixtures/status/cmq-oe-lapsed.toml", &[]);
    assert_eq!(code, 1);
    assert!(r.deadlines.is_empty());
    assert_eq!(r.attention[0].status, "lapsed");
    assert_eq!(r.attention[0].grace_until, "2025-07-10");
    let out = run(&[
        "deadlines",
        "tests/fixtures/status/cmq-oe-lapsed.toml",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "\
Lena Park (cmq-oe-lapsed): deadlines as of 2026-11-25

  ! CMQ/OE has lapsed: its grace period ended on 2025-07-10 (503 days ago); no renewal deadline is
    left

No deadline ahead.
"
    );

    // ASCM: month-end anchor and 90 days
    let (code, r) = json("tests/fixtures/status/cpim-certified.toml", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        dates_and_kinds(&r),
        [
            ("2027-03-31", "cpim", "cycle-end"),
            ("2027-06-29", "cpim", "grace-end"),
        ]
    );
}

#[test]
fn bad_profile_and_bad_as_of_are_exit_2() {
    let out = run(&[
        "deadlines",
        "tests/fixtures/bad/unknown-key.toml",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).starts_with("error: tests/fixtures/bad/unknown-key.toml:"));
    let out = run(&["deadlines", HELD_AND_TARGET, "--as-of", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid date `2026-02-30` for `--as-of`\n  help: expected a date like `2026-11-25`\n"
    );
}

// ------------------------------------------------------------ the calendar

/// Runs `deadlines --ics` into a fresh folder; returns the file's bytes
/// and the run's output.
fn ics(profile: &str, as_of: &str, extra: &[&str]) -> (String, Output) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deadlines.ics");
    let path_s = path.to_str().expect("utf-8 path");
    let mut args = vec!["deadlines", profile, "--as-of", as_of, "--ics", path_s];
    args.extend(extra);
    let out = run(&args);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["deadlines.ics"], "no temporary file is left behind");
    let bytes = std::fs::read(&path).expect("calendar written");
    (String::from_utf8(bytes).expect("utf-8"), out)
}

fn events(cal: &Calendar) -> Vec<&icalendar::Event> {
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn date_of(d: Option<DatePerhapsTime>) -> String {
    match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("not an all-day date: {other:?}"),
    }
}

#[test]
fn the_calendar_reads_back_with_a_real_parser() {
    let (text, out) = ics(HELD_AND_TARGET, AS_OF, &[]);
    let shown = stdout(&out);
    assert!(
        shown.contains("\n\nCalendar: 3 events written to `")
            && shown.ends_with("deadlines.ics`.\n"),
        "{shown}"
    );

    // RFC 5545: CRLF everywhere, lines of at most 75 octets
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }

    let cal: Calendar = text.parse().expect("a valid calendar");
    let prop = |k: &str| {
        cal.properties
            .iter()
            .find(|p| p.key() == k)
            .map(|p| p.value().to_string())
    };
    assert_eq!(prop("VERSION").as_deref(), Some("2.0"));
    assert_eq!(
        prop("PRODID").as_deref(),
        Some("-//certcheck//certcheck deadlines//EN")
    );
    assert_eq!(prop("CALSCALE").as_deref(), Some("GREGORIAN"));

    let evs = events(&cal);
    assert_eq!(evs.len(), 3);
    let got: Vec<(String, String, String)> = evs
        .iter()
        .map(|e| {
            (
                e.get_uid().expect("uid").to_string(),
                date_of(e.get_start()),
                date_of(e.get_end()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "R-77/cpim/cycle-0/cycle-end@certcheck".to_string(),
                "2027-03-31".to_string(),
                "2027-04-01".to_string()
            ),
            (
                "R-77/cpim/cycle-0/grace-end@certcheck".to_string(),
                "2027-06-29".to_string(),
                "2027-06-30".to_string()
            ),
            (
                "R-77/cmq-oe/eligible@certcheck".to_string(),
                "2028-01-08".to_string(),
                "2028-01-09".to_string()
            ),
        ]
    );
    for e in &evs {
        assert_eq!(e.property_value("DTSTAMP"), Some("20261125T000000Z"));
    }
    assert_eq!(
        evs[0].get_summary(),
        Some("CPIM: recertification cycle ends")
    );
    assert_eq!(
        evs[1].get_summary(),
        Some("CPIM: grace period ends, last day to renew"),
        "the comma comes back unescaped"
    );
    assert_eq!(
        evs[0].get_description(),
        Some(
            "CPIM: Certified in Planning and Inventory Management (ASCM)\nThe last day of the 1st recertification cycle (2022-03-04 to 2027-03-31). A grace period follows, to 2027-06-29.\nAs of 2026-11-25, 45 points to go: 11.3 a month over the 4 months left."
        )
    );
    assert!(
        evs[2]
            .get_description()
            .expect("description")
            .starts_with("CMQ/OE: Certified Manager of Quality/Organizational Excellence (ASQ)\nEvery prerequisite is met on this day"),
    );

    // the calendar's name carries the profile's name, escaped and back
    assert_eq!(
        prop("X-WR-CALNAME").as_deref(),
        Some("Certification deadlines: Rosa Díaz; QA, planning")
    );
    assert!(
        text.contains("Rosa Díaz\\; QA\\, planning"),
        "escaped on disk"
    );
}

#[test]
fn every_event_has_two_display_alarms() {
    let (text, _) = ics(HELD_AND_TARGET, AS_OF, &[]);
    // the parser's own tree: components inside components
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 3);
    for e in events {
        let alarms: Vec<_> = e.components.iter().filter(|c| c.name == "VALARM").collect();
        let triggers: Vec<String> = alarms
            .iter()
            .map(|a| {
                let action = a.find_prop("ACTION").expect("ACTION");
                assert_eq!(action.val.as_str(), "DISPLAY");
                assert!(a.find_prop("DESCRIPTION").is_some(), "DISPLAY needs one");
                a.find_prop("TRIGGER")
                    .expect("TRIGGER")
                    .val
                    .as_str()
                    .to_string()
            })
            .collect();
        assert_eq!(triggers, ["-P90D", "-P30D"]);
        let start = e.find_prop("DTSTART").expect("DTSTART");
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key == "VALUE" && p.val.as_ref().map(|v| v.as_str()) == Some("DATE")),
            "all-day: VALUE=DATE"
        );
    }
}

#[test]
fn same_input_same_bytes_and_uids_survive_a_new_as_of() {
    let (a, _) = ics(HELD_AND_TARGET, AS_OF, &[]);
    let (b, _) = ics(HELD_AND_TARGET, AS_OF, &[]);
    assert_eq!(a, b, "the same input gives the same bytes");

    let uids = |text: &str| -> Vec<String> {
        let cal: Calendar = text.parse().expect("calendar");
        events(&cal)
            .iter()
            .map(|e| e.get_uid().expect("uid").to_string())
            .collect()
    };
    // two months later: new days left, new pace, new DTSTAMP; same UIDs
    let (later, _) = ics(HELD_AND_TARGET, "2027-01-25", &[]);
    assert_ne!(a, later);
    assert_eq!(uids(&a), uids(&later));
    assert!(later.contains("DTSTAMP:20270125T000000Z\r\n"));
    assert!(
        icalendar::parser::unfold(&later)
            .contains("45 points to go: 22.5 a month over the 2 months left")
    );

    // renewing moves to the next cycle: new UIDs for the new cycle's dates
    let dir = tempfile::tempdir().expect("tempdir");
    let renewed = dir.path().join("renewed.toml");
    let profile = std::fs::read_to_string(root().join(HELD_AND_TARGET)).expect("fixture");
    std::fs::write(
        &renewed,
        profile.replace(
            "earned = 2022-03-04",
            "earned = 2022-03-04\nrenewals = [2027-01-20]",
        ),
    )
    .expect("write");
    let (renewed, _) = ics(renewed.to_str().expect("path"), "2027-01-25", &[]);
    let got = uids(&renewed);
    assert_eq!(
        got,
        [
            "R-77/cmq-oe/eligible@certcheck",
            "R-77/cpim/cycle-1/cycle-end@certcheck",
            "R-77/cpim/cycle-1/grace-end@certcheck",
        ]
    );
}

#[test]
fn within_applies_to_the_calendar_too() {
    let (text, out) = ics(
        HELD_AND_TARGET,
        AS_OF,
        &["--within", "6m", "--format", "json"],
    );
    let r: Report = serde_json::from_str(&stdout(&out)).expect("json");
    let cal = r.calendar.expect("calendar named");
    assert_eq!(cal.events, 1);
    assert!(cal.path.ends_with("deadlines.ics"));
    let parsed: Calendar = text.parse().expect("calendar");
    assert_eq!(events(&parsed).len(), 1);

    // nothing within: still a calendar, with no event
    let (text, _) = ics(HELD_AND_TARGET, AS_OF, &["--within", "30d"]);
    let parsed: Calendar = text.parse().expect("calendar");
    assert!(events(&parsed).is_empty());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn an_existing_calendar_is_replaced_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ics");
    std::fs::write(
        &path,
        "old contents that are much longer than nothing at all\n".repeat(500),
    )
    .expect("write");
    let p = path.to_str().expect("path");
    let out = run(&["deadlines", HELD_AND_TARGET, "--as-of", AS_OF, "--ics", p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.contains("old contents"));
}

#[test]
fn calendar_that_cannot_be_written_is_exit_2_and_nothing_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-folder/d.ics");
    let m = missing.to_str().expect("path");
    let out = run(&["deadlines", HELD_AND_TARGET, "--as-of", AS_OF, "--ics", m]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert_eq!(
        stderr(&out),
        format!("error: cannot write `{m}`: no such file or directory\n")
    );

    // a folder
    let d = dir.path().to_str().expect("path");
    let out = run(&["deadlines", HELD_AND_TARGET, "--as-of", AS_OF, "--ics", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).starts_with(&format!("error: `--ics` names a folder, `{d}`\n  help: ")),
        "{}",
        stderr(&out)
    );

    // the profile itself is never overwritten
    let profile = dir.path().join("p.toml");
    let original = std::fs::read(root().join(HELD_AND_TARGET)).expect("fixture");
    std::fs::write(&profile, &original).expect("copy");
    let p = profile.to_str().expect("path");
    let out = run(&["deadlines", p, "--as-of", AS_OF, "--ics", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("error: `--ics {p}` would overwrite the profile\n")),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&profile).expect("read"), original);
}

#[test]
fn help_lists_the_command() {
    let out = run(&["--help"]);
    assert!(stdout(&out).contains("deadlines"), "{}", stdout(&out));
    let out = run(&["deadlines", "--help"]);
    let text = stdout(&out);
    for flag in ["--within", "--ics", "--as-of", "--format", "--rules"] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
}
