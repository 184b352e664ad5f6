//! `certcheck activities` end to end: each activity with the cycle it falls
//! in and whether it counts (agreeing with the evaluator's totals), a cycle
//! exported as CSV, `--remove N` losslessly; and the cycle numbers of the
//! text, JSON, HTML and iCalendar reports agreeing.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common;

use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

const AS_OF: &str = "2026-11-25";

/// CMQ/OE in its 2nd cycle (2024-10-16 to 2027-10-15), CQE in its 1st.
const DANA: &str = r#"name = "Dana"
id = "C-1042"

[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [2024-09-02]

[[certifications]]
id = "cqe"
earned = 2024-01-10

# the first cycle's seminar
[[activities]]
date = 2022-03-01
certifications = ["cmq-oe"]
category = "professional-development"
units = 5
description = "Quality conference"

[[activities]]
date = 2024-11-07
certifications = ["cmq-oe", "cqe"]
category = "professional-development"
units = 1.5
description = "Lean leadership seminar"

[[activities]]
date = 2025-01-01
certifications = ["cmq-oe"]
category = "employment"
units = 8
description = "Quality manager, 2025"   # a comment kept

[[activities]]
date = 2025-06-01
certifications = ["cmq-oe"]
category = "employment"
units = 5
description = "Quality manager, second site"

[[activities]]
date = 2020-01-01
certifications = ["cmq-oe"]
category = "giving-back"
units = 1
description = "Before it was earned"

[[activities]]
date = 2026-12-01
certifications = ["cqe"]
category = "giving-back"
units = 2
description = "Judge at the section fair"
"#;

fn cmd(args: &[&str]) -> Output {
    certcheck()
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs")
}

fn activities(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["activities", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    cmd(&args)
}

fn json_of(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code().map(|c| c < 2), Some(true), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn each_activity_says_its_cycle_and_whether_it_counts() {
    let (_dir, path) = profile(DANA);
    let o = activities(&path, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for line in [
        "  1. 2022-03-01  professional-development  5 RU  Quality conference\n     cmq-oe  cycle 1 (2021-10-15 to 2024-10-15): no, counted towards cycle 1, renewed already; not towards the current one\n",
        "  2. 2024-11-07  professional-development  1.5 RU  Lean leadership seminar\n     cmq-oe  cycle 2 (2024-10-16 to 2027-10-15): yes, counts towards the current cycle 2\n     cqe  cycle 1 (2024-01-10 to 2027-01-10): yes, counts towards the current cycle 1\n",
        "     cmq-oe  cycle 2 (2024-10-16 to 2027-10-15): yes, counts towards the current cycle 2\n\n  4.",
        "  4. 2025-06-01  employment  5 RU  Quality manager, second site\n     cmq-oe  cycle 2 (2024-10-16 to 2027-10-15): partly, 2.8 RU of it counts towards cycle 2: `employment` is over its maximum of 10.8 RU\n",
        "     cmq-oe  no, does not count: dated before `cmq-oe` was earned (2021-10-15), outside every cycle\n",
        "     cqe  cycle 1 (2024-01-10 to 2027-01-10): no, dated after the as-of date: it counts towards cycle 1 from 2026-12-01\n",
    ] {
        assert!(text.contains(line), "missing:\n{line}\nin:\n{text}");
    }
}

/// What `activities` says counts is what the evaluator counted: the
/// counted units of the current cycle's rows add up to `check`'s total.
#[test]
fn the_counted_units_add_up_to_checks_total() {
    let (_dir, path) = profile(DANA);
    for cert in ["cmq-oe", "cqe"] {
        let v = json_of(&activities(
            &path,
            &["--cert", cert, "--cycle", "current", "--format", "json"],
        ));
        let sum: f64 = v["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["counted"].as_f64().unwrap())
            .sum();
        let check = json_of(&cmd(&[
            "check",
            path.to_str().unwrap(),
            "--cert",
            cert,
            "--format",
            "json",
        ]));
        let total = check["results"][0]["renewal"]["units_counted"]
            .as_f64()
            .unwrap();
        assert!(
            (sum - total).abs() < 1e-9,
            "{cert}: {sum} listed, {total} counted"
        );
        assert!(total > 0.0);
    }
}

#[test]
fn a_cycle_exports_as_csv_for_the_issuers_form() {
    let (_dir, path) = profile(DANA);
    let o = activities(
        &path,
        &["--cert", "CMQ-OE", "--cycle", "current", "--format", "csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "number,date,certification,category,units,counted,unit,description,evidence,cycle,cycle_start,cycle_end,counts,why\n\
         2,2024-11-07,cmq-oe,professional-development,1.5,1.5,RU,Lean leadership seminar,,2,2024-10-16,2027-10-15,yes,counts towards the current cycle 2\n\
         3,2025-01-01,cmq-oe,employment,8,8,RU,\"Quality manager, 2025\",,2,2024-10-16,2027-10-15,yes,counts towards the current cycle 2\n\
         4,2025-06-01,cmq-oe,employment,5,2.8,RU,\"Quality manager, second site\",,2,2024-10-16,2027-10-15,partly,2.8 RU of it counts towards cycle 2: `employment` is over its maximum of 10.8 RU\n"
    );
    // the cycle before: the one renewed in 2024
    let o = activities(
        &path,
        &["--cert", "cmq-oe", "--cycle", "previous", "--format", "csv"],
    );
    let csv = stdout(&o);
    let numbers: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(numbers, ["1"], "{csv}");
    // an unknown certification gets a hint
    let o = activities(&path, &["--cert", "cmq-eo"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `cmq-oe`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_names_the_reason_for_a_program() {
    let (_dir, path) = profile(DANA);
    let v = json_of(&activities(&path, &["--format", "json"]));
    let rows = v["activities"].as_array().unwrap();
    let reasons: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["number"].as_u64().unwrap(),
                r["certification"].as_str().unwrap(),
                r["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (1, "cmq-oe", "in-renewed-cycle"),
            (2, "cmq-oe", "yes"),
            (2, "cqe", "yes"),
            (3, "cmq-oe", "yes"),
            (4, "cmq-oe", "over-max"),
            (5, "cmq-oe", "before-earned"),
            (6, "cqe", "after-as-of"),
        ]
    );
    assert_eq!(rows[4]["over"], "employment");
    assert_eq!(rows[4]["max"], 10.8);
    assert_eq!(rows[4]["counts"], "partly");
    assert_eq!(rows[1]["cycle"]["number"], 2);
    assert_eq!(rows[1]["cycle"]["when"], "current");
}

#[test]
fn remove_takes_out_one_activity_and_keeps_every_other_byte() {
    let (dir, path) = profile(DANA);
    let o = activities(&path, &["--remove", "4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let removed = "[[activities]]\ndate = 2025-06-01\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 5\ndescription = \"Quality manager, second site\"\n\n";
    assert!(DANA.contains(removed));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        DANA.replace(removed, "")
    );
    assert_eq!(
        stdout(&o),
        "removed activity 4: 2025-06-01 in `employment`, 5 RU for `cmq-oe`, `Quality manager, second site`\nthe activities after it are numbered one less: 5 became 4\n"
    );
    assert!(stderr(&o).starts_with("saved `"), "{}", stderr(&o));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // the list follows: what was 5 is 4
    assert!(stdout(&activities(&path, &[])).contains("  4. 2020-01-01  giving-back"));

    // the last one, then the first (with the comment above it kept)
    assert_eq!(activities(&path, &["--remove", "5"]).status.code(), Some(0));
    assert_eq!(activities(&path, &["--remove", "1"]).status.code(), Some(0));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# the first cycle's seminar\n[[activities]]\ndate = 2024-11-07"),
        "{text}"
    );
    assert!(
        text.ends_with("description = \"Before it was earned\"\n"),
        "{text}"
    );
    assert!(text.contains("\"Quality manager, 2025\"   # a comment kept\n"));
}

#[test]
fn remove_refuses_a_number_the_profile_lacks_and_writes_nothing() {
    let (dir, path) = profile(DANA);
    let o = activities(&path, &["--remove", "7"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("has 6 activities: there is no activity number 7"),
        "{err}"
    );
    assert!(
        err.contains("help: list them with certcheck activities "),
        "{err}"
    );
    for bad in ["0", "two"] {
        let o = activities(&path, &["--remove", bad]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(&format!("invalid activity number `{bad}` for `--remove`")));
    }
    // listing flags do not go with it
    let o = activities(&path, &["--remove", "1", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), DANA);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn remove_from_an_inline_array() {
    let text = "name = \"Dana\"\ncertifications = [{ id = \"cmq-oe\", earned = 2021-10-15 }]\nactivities = [\n  { date = 2022-01-10, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 }, # one\n  { date = 2023-01-10, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 }, # two\n]\n";
    let (_dir, path) = profile(text);
    let o = activities(&path, &["--remove", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "name = \"Dana\"\ncertifications = [{ id = \"cmq-oe\", earned = 2021-10-15 }]\nactivities = [\n  { date = 2023-01-10, certifications = [\"cmq-oe\"], category = \"employment\", units = 3.6 }, # two\n]\n"
    );
}

// ----- cycle numbers agree ----------------------------------------------------

/// The numbers of "the 2nd cycle", "the 1st recertification cycle" in a
/// text: each ordinal followed by `cycle` or `recertification cycle`.
fn ordinal_cycles(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '>' || c == '<')
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or_default();
        let after = words.get(i + 2).copied().unwrap_or_default();
        if !(next.starts_with("cycle") || (next == "recertification" && after.starts_with("cycle")))
        {
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if let (Ok(n), true) = (
            digits.parse::<u32>(),
            ["st", "nd", "rd", "th"].contains(&suffix),
        ) {
            out.push(n);
        }
    }
    out
}

#[test]
fn cycle_numbers_agree_across_text_json_html_ics_and_activities() {
    let (_dir, path) = profile(DANA);
    let p = path.to_str().unwrap();
    // (cmq-oe is in its 2nd cycle, cqe in its 1st: no constant passes)
    for (cert, expected) in [("cmq-oe", 2u32), ("cqe", 1)] {
        let text = stdout(&cmd(&["check", p, "--cert", cert]));
        let json = json_of(&cmd(&["check", p, "--cert", cert, "--format", "json"]));
        let html = stdout(&cmd(&["check", p, "--cert", cert, "--format", "html"]));
        let deadlines = json_of(&cmd(&["deadlines", p, "--format", "json"]));
        let ics = stdout(&cmd(&["deadlines", p, "--ics", "-"])).replace("\r\n ", "");
        let listed = json_of(&cmd(&[
            "activities",
            p,
            "--cert",
            cert,
            "--cycle",
            "current",
            "--format",
            "json",
        ]));

        let rn = &json["results"][0]["renewal"];
        assert_eq!(rn["cycle_number"], expected, "{cert}: check's JSON");
        assert_eq!(
            rn["cycle"].as_u64(),
            Some(u64::from(expected - 1)),
            "{cert}: the index"
        );
        assert_eq!(
            ordinal_cycles(&text),
            [expected],
            "{cert}: check's text\n{text}"
        );
        let in_html = ordinal_cycles(&html);
        assert!(
            !in_html.is_empty() && in_html.iter().all(|n| *n == expected),
            "{cert}: HTML {in_html:?}"
        );
        let mine: Vec<&serde_json::Value> = deadlines["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["certification"] == cert && !d["cycle_number"].is_null())
            .collect();
        assert!(!mine.is_empty());
        assert!(
            mine.iter().all(|d| d["cycle_number"] == expected),
            "{cert}: deadlines' JSON"
        );
        let events: Vec<&str> = ics
            .split("BEGIN:VEVENT")
            .filter(|e| e.contains(&format!("/{cert}/cycle-")))
            .collect();
        assert!(!events.is_empty(), "{ics}");
        for e in events {
            assert_eq!(
                ordinal_cycles(&e.replace("\\n", " ")),
                [expected],
                "{cert}: ICS\n{e}"
            );
            // the UID keeps the index (stable from one run to the next)
            assert!(
                e.contains(&format!("/{cert}/cycle-{}/", expected - 1)),
                "{e}"
            );
        }
        let rows = listed["activities"].as_array().unwrap();
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r["cycle"]["number"] == expected && r["current_cycle"] == expected)
        );
    }
}

/// PMP earned 2020-03-01, its 1st cycle (to 2023-03-01) renewed in its
/// grace period (to 2024-03-01), whose PDUs complete the overdue cycle.
const PAT: &str = r#"name = "Pat"

[[certifications]]
id = "pmp"
earned = 2020-03-01
renewals = [2023-06-01]

[[activities]]
date = 2023-05-01
certifications = ["pmp"]
category = "ways-of-working"
units = 10
description = "In the grace period of the renewed cycle"

[[activities]]
date = 2024-04-01
certifications = ["pmp"]
category = "giving-back"
units = 20
description = "Chapter board"

[[activities]]
date = 2024-05-01
certifications = ["pmp"]
category = "giving-back"
units = 10
description = "Mentoring"

[[activities]]
date = 2024-06-01
certifications = ["pmp"]
category = "giving-back"
units = 4
description = "Speaker"
"#;

#[test]
fn grace_units_of_a_renewed_cycle_and_a_reached_maximum() {
    let (_dir, path) = profile(PAT);
    let v = json_of(&activities(&path, &["--format", "json"]));
    let rows = v["activities"].as_array().unwrap();
    let got: Vec<(u64, u64, &str, f64)> = rows
        .iter()
        .map(|r| {
            (
                r["number"].as_u64().unwrap(),
                r["cycle"]["number"].as_u64().unwrap(),
                r["reason"].as_str().unwrap(),
                r["counted"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // dated after the 1st cycle's end, in its grace: it completed
            // the 1st cycle, not the current 2nd
            (1, 1, "in-renewed-cycle", 10.0),
            (2, 2, "yes", 20.0),
            // giving back is capped at 25: 5 of the 10 count, then none
            (3, 2, "over-max", 5.0),
            (4, 2, "over-max", 0.0),
        ]
    );
    let text = stdout(&activities(&path, &[]));
    assert!(text.contains("pmp  cycle 2 (2023-03-02 to 2026-03-01): partly, 5 PDUs of it counts towards cycle 2: `giving-back` is over its maximum of 25 PDUs\n"), "{text}");
    assert!(text.contains("pmp  cycle 2 (2023-03-02 to 2026-03-01): no, does not count: `giving-back` has reached its maximum of 25 PDUs in cycle 2\n"), "{text}");
    // and the evaluator agrees: 25 counted in the current cycle
    let check = json_of(&cmd(&["check", path.to_str().unwrap(), "--format", "json"]));
    assert_eq!(check["results"][0]["renewal"]["units_counted"], 25);
    assert_eq!(check["results"][0]["renewal"]["cycle_number"], 2);
}

#[test]
fn a_json_profile_is_listed_but_not_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let json = r#"{"name": "Dana", "certifications": [{"id": "cmq-oe", "earned": "2021-10-15"}],
        "activities": [{"date": "2022-01-10", "certifications": ["cmq-oe"], "category": "employment", "units": 3.6, "description": null}]}"#;
    fs::write(&path, json).unwrap();
    let o = activities(&path, &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .contains("\n1,2022-01-10,cmq-oe,employment,3.6,3.6,RU,,,1,2021-10-15,2024-10-15,yes,"),
        "{}",
        stdout(&o)
    );
    let o = activities(&path, &["--remove", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "is a JSON profile: `log`, `renew` and `activities --remove` edit TOML profiles only"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), json);
}
