//! `check` and `deadlines` read a `.json` profile (one JSON object) as they
//! read a TOML one; `null` and `""` for an optional field mean absent; a
//! `.jsonl` roster is refused with a pointer to `screen`; `log` and `renew`
//! edit TOML profiles only (issue 15, point 4).

use std::path::{Path, PathBuf};

use crate::common::{run, stderr, stdout};

/// Dana (examples/dana.toml) without her `id`, so that the id is the file's
/// stem; the two files below share the stem `dana`.
const DANA_TOML: &str = r#"name = "Dana Whitfield"
targets = ["cpim", "cmq-oe"]

[[education]]
level = "bachelor"
field = "Industrial Engineering"
completed = 2008-05-15

[[employment]]
employer = "Acme Fabrication"
title = "Production Supervisor"
start = 2008-06-01
end = 2013-08-31

[[employment]]
employer = "Acme Fabrication"
title = "Quality Manager"
start = 2013-09-01
decision_making = true

[[exams]]
id = "cpim-part-1"
passed = 2023-05-20

[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [2024-09-02]

[[activities]]
date = 2024-11-07
certifications = ["cmq-oe"]
category = "professional-development"
units = 1.5
description = "Lean leadership seminar"
"#;

/// The same person as JSON, with blank cells: `null` and `""` for optional
/// fields (a title, an end, a field of study, an evidence path).
const DANA_JSON: &str = r#"{
  "name": "Dana Whitfield",
  "id": "",
  "targets": ["cpim", "cmq-oe"],
  "education": [
    {"level": "bachelor", "field": "Industrial Engineering", "completed": "2008-05-15"}
  ],
  "employment": [
    {"employer": "Acme Fabrication", "title": "Production Supervisor",
     "start": "2008-06-01", "end": "2013-08-31"},
    {"employer": "Acme Fabrication", "title": "Quality Manager",
     "start": "2013-09-01", "end": null, "decision_making": true}
  ],
  "exams": [{"id": "cpim-part-1", "passed": "2023-05-20"}],
  "certifications": [
    {"id": "cmq-oe", "earned": "2021-10-15", "renewals": ["2024-09-02"]}
  ],
  "activities": [
    {"date": "2024-11-07", "certifications": ["cmq-oe"],
     "category": "professional-development", "units": 1.5,
     "description": "Lean leadership seminar", "evidence": null}
  ]
}
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the profile");
    path
}

fn arg(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn json_and_toml_give_the_same_json_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = write(dir.path(), "dana.toml", DANA_TOML);
    let json = write(dir.path(), "dana.json", DANA_JSON);
    let report = |p: &Path| {
        let o = run([
            "check",
            &arg(p),
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ]);
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
        assert_eq!(stderr(&o), "");
        o.stdout
    };
    let from_toml = report(&toml);
    let from_json = report(&json);
    assert_eq!(
        String::from_utf8_lossy(&from_toml),
        String::from_utf8_lossy(&from_json)
    );
    // `"id": ""` is absent: the id is the stem, as for the TOML file.
    assert!(stdout_of(&from_json).contains("\"id\": \"dana\""));
}

fn stdout_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn only_the_id_differs_when_the_stems_differ() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = write(dir.path(), "dana.toml", DANA_TOML);
    let json = write(dir.path(), "dana-export.json", DANA_JSON);
    let report = |p: &Path| {
        stdout(&run([
            "check",
            &arg(p),
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ]))
    };
    let from_json = report(&json);
    assert!(from_json.contains("\"id\": \"dana-export\""), "{from_json}");
    assert_eq!(
        report(&toml),
        from_json.replace("\"id\": \"dana-export\"", "\"id\": \"dana\"")
    );
}

#[test]
fn null_and_empty_string_mean_absent() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Without the blank cells, and with them: the same report.
    let plain = write(
        dir.path(),
        "p.json",
        r#"{"name": "Eli Gibbs", "targets": ["cmq-oe"],
            "employment": [{"employer": "Granite Works", "start": "2015-06-01"}]}"#,
    );
    let blanks = write(
        dir.path(),
        "sub.json",
        r#"{"name": "Eli Gibbs", "id": "p", "targets": ["cmq-oe"],
            "employment": [{"employer": "Granite Works", "title": "", "start": "2015-06-01",
                            "end": null, "decision_making": null}]}"#,
    );
    let a = run([
        "check",
        &arg(&plain),
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    let b = run([
        "check",
        &arg(&blanks),
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    assert_eq!(stderr(&b), "");
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(a.status.code(), b.status.code());
}

#[test]
fn a_blank_required_field_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(dir.path(), "p.json", "{\"name\": null}\n");
    let o = run(["check", &arg(&p), "--as-of", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("p.json:1:1: missing required key `name`"),
        "{err}"
    );
    assert!(err.contains("help: add a key such as `\"name\": "), "{err}");
}

#[test]
fn a_json_syntax_error_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(
        dir.path(),
        "broken.json",
        "{\n  \"name\": \"Ann\",\n  \"targets\": [\"cpim\",]\n}\n",
    );
    for command in ["check", "deadlines"] {
        let o = run([command, &arg(&p), "--as-of", "2026-11-25"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert_eq!(stdout(&o), "", "{command}");
        let err = stderr(&o);
        let want = format!("error: {}:3:", arg(&p));
        assert!(err.starts_with(&want), "{command}: {err}");
        assert!(err.contains("invalid JSON"), "{command}: {err}");
        // Not read as TOML: no TOML words in the message.
        assert!(!err.contains("key-value"), "{command}: {err}");
    }
}

#[test]
fn deadlines_reads_a_json_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = write(dir.path(), "dana.toml", DANA_TOML);
    let json = write(dir.path(), "dana.json", DANA_JSON);
    for format in ["text", "json"] {
        let args = |p: &Path| {
            run([
                "deadlines",
                &arg(p),
                "--as-of",
                "2026-11-25",
                "--format",
                format,
            ])
        };
        let (a, b) = (args(&toml), args(&json));
        assert!(b.status.code().is_some_and(|c| c < 2), "{}", stderr(&b));
        assert_eq!(stderr(&b), "");
        assert!(stdout(&b).contains("cmq-oe") || stdout(&b).contains("CMQ/OE"));
        assert_eq!(stdout(&a), stdout(&b), "{format}");
    }
}

#[test]
fn check_writes_html_from_a_json_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = write(dir.path(), "dana.toml", DANA_TOML);
    let json = write(dir.path(), "dana.json", DANA_JSON);
    let html = |p: &Path| {
        run([
            "check",
            &arg(p),
            "--as-of",
            "2026-11-25",
            "--format",
            "html",
        ])
    };
    let (a, b) = (html(&toml), html(&json));
    assert_eq!(stderr(&b), "");
    let page = stdout(&b);
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(page.contains("Dana Whitfield"));
    assert_eq!(stdout(&a), page);
}

#[test]
fn a_roster_is_refused_with_a_pointer_to_screen() {
    for command in ["check", "deadlines"] {
        let o = run([command, "tests/fixtures/roster/members.jsonl"]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            format!(
                "error: `tests/fixtures/roster/members.jsonl` is a roster of JSON profiles, one a line: \
                 `{command}` reads one profile, a `.toml` or `.json` file\n  \
                 help: judge a roster with `certcheck screen tests/fixtures/roster/members.jsonl`\n"
            )
        );
    }
}

#[test]
fn log_and_renew_edit_toml_profiles_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = write(dir.path(), "dana.json", DANA_JSON);
    let runs = [
        run([
            "log",
            &arg(&json),
            "--cert",
            "cmq-oe",
            "--category",
            "giving-back",
            "--units",
            "1",
            "--date",
            "2026-01-01",
            "--description",
            "Mentoring",
        ]),
        run([
            "renew",
            &arg(&json),
            "--cert",
            "cmq-oe",
            "--date",
            "2026-01-01",
        ]),
    ];
    for o in runs {
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!(
                "error: `{}` is a JSON profile: `log`, `renew` and `activities --remove` edit TOML profiles only\n  help: ",
                arg(&json)
            )),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&json).ok().as_deref(),
        Some(DANA_JSON)
    );
}
