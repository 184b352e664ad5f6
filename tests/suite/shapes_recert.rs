//! The recertification shapes of issue 14, through the command line: the
//! rule format (held for life, grace-period units, renewal by exam, a
//! carry-over window in days, a category maximum as a share, an edition's
//! phase-in) and what the evaluator makes of them, read back from the JSON
//! report. The small rule files are in tests/fixtures/shapes-recert/.

use std::path::{Path, PathBuf};

use crate::cli_check::{Renewal, Report};
use crate::common::{run, stderr, stdout};

/// The small rule files of these tests (ids `cpx`, `pmx`, `asx`, `lifer`,
/// `ismx`), each mirroring a real programme's shape.
const RULES: &str = "tests/fixtures/shapes-recert/rules";

/// A rule file's head: id, names, an edition from 2024.
const HEAD: &str = r#"id = "shape"
name = "Shape"
issuer = "Test"

[edition]
name = "2024"
from = 2024-01-01
"#;

/// A recertification table with cycles, to which a test adds keys.
const CYCLES: &str = r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "PDUs"
grace_months = 12
source = "https://example.org/recert"
"#;

/// `certcheck rules validate` on `text` written to a file: the exit code,
/// and what it wrote (its report is on stdout) with the file's path shown
/// as `FILE`.
fn validate(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shape.toml");
    std::fs::write(&path, text).unwrap();
    let out = run(["rules".as_ref(), "validate".as_ref(), path.as_os_str()]);
    let err =
        format!("{}{}", stdout(&out), stderr(&out)).replace(&path.display().to_string(), "FILE");
    (out.status.code().unwrap_or(-1), err)
}

#[test]
fn held_for_life_stands_alone() {
    let alone = format!(
        "{HEAD}\n[recertification]\nheld_for_life = true\nsource = \"https://example.org/life\"\n"
    );
    let (code, err) = validate(&alone);
    assert_eq!(code, 0, "{err}");
    // beside a key about cycles: an error at each key, with a help line
    let (code, err) = validate(&format!(
        "{alone}cycle_years = 3\ngrace_units = \"overdue-cycle\"\n[recertification.carry_over]\nmax = 5\nwindow_days = 120\n"
    ));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("FILE:12:1: `cycle_years` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("FILE:13:1: `grace_units` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("`carry_over` cannot be given with `held_for_life = true`"),
        "{err}"
    );
    assert!(
        err.contains("help: a certification held for life has no cycles: remove `cycle_years`, or remove `held_for_life`"),
        "{err}"
    );
    // and without it, the keys about cycles are required
    let (code, err) = validate(&format!(
        "{HEAD}\n[recertification]\ncycle_years = 3\nunit = \"RU\"\nsource = \"https://example.org/r\"\n"
    ));
    assert_eq!(code, 1);
    assert!(err.contains("`[recertification]` needs `anchor`"), "{err}");
    assert!(
        err.contains("`[recertification]` needs `units_required`"),
        "{err}"
    );
    assert!(
        !err.contains("`[recertification]` needs `cycle_years`"),
        "{err}"
    );
    assert!(err.contains("write `held_for_life = true`"), "{err}");
}

#[test]
fn grace_units_by_exam_and_windows_are_checked() {
    let ok = format!(
        "{HEAD}{CYCLES}grace_units = \"overdue-cycle\"\nby_exam_months = 12\n[recertification.carry_over]\nmax = 20\nwindow_days = 120\n"
    );
    let (code, err) = validate(&ok);
    assert_eq!(code, 0, "{err}");
    // a misspelt value: the nearest one
    let (code, err) = validate(&ok.replace("\"overdue-cycle\"", "\"overdue\""));
    assert_eq!(code, 1);
    assert!(err.contains("unknown value `overdue`"), "{err}");
    assert!(err.contains("did you mean `overdue-cycle`?"), "{err}");
    // both lengths of one period
    let (code, err) = validate(&ok.replace(
        "by_exam_months = 12",
        "by_exam_months = 12\nby_exam_days = 365",
    ));
    assert_eq!(code, 1);
    assert!(
        err.contains("give `by_exam_months` or `by_exam_days`, not both"),
        "{err}"
    );
    let (code, err) =
        validate(&ok.replace("window_days = 120", "window_days = 120\nwindow_months = 4"));
    assert_eq!(code, 1);
    assert!(
        err.contains("give `window_months` or `window_days`, not both"),
        "{err}"
    );
    // a carry-over window is required, and at least 1
    let (code, err) = validate(&ok.replace("window_days = 120\n", ""));
    assert_eq!(code, 1);
    assert!(
        err.contains("`[recertification.carry_over]` needs `window_days` or `window_months`"),
        "{err}"
    );
    let (code, err) = validate(&ok.replace("window_days = 120", "window_days = 0"));
    assert_eq!(code, 1);
    assert!(err.contains("`window_days` must be at least 1"), "{err}");
}

#[test]
fn a_category_maximum_may_be_a_share() {
    let cat = |share: &str| {
        format!(
            "{HEAD}{CYCLES}\n[[recertification.category]]\nid = \"presentations\"\nname = \"Presentations\"\nmax_share = \"{share}\"\n"
        )
    };
    for share in ["60%", "60 %", "3/5", "100%"] {
        let (code, err) = validate(&cat(share));
        assert_eq!(code, 0, "{share}: {err}");
    }
    let (code, err) = validate(&cat("60 percent"));
    assert_eq!(code, 1);
    assert!(err.contains("`60 percent` is not a fraction"), "{err}");
    assert!(
        err.contains("or as a percentage, e.g. `\"2/3\"` or `\"60%\"`"),
        "{err}"
    );
    let (code, err) = validate(&cat("120%"));
    assert_eq!(code, 1);
    assert!(err.contains("`120%` is more than the whole"), "{err}");
    // groups take a percentage too
    let group = format!(
        "{HEAD}{CYCLES}\n[[recertification.category]]\nid = \"a\"\nname = \"A\"\n[[recertification.group]]\nid = \"g\"\nname = \"G\"\ncategories = [\"a\"]\nmin_share = \"60%\"\n"
    );
    let (code, err) = validate(&group);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_phase_in_falls_inside_its_edition() {
    let (code, err) = validate(&format!(
        "{}{CYCLES}",
        HEAD.replace(
            "from = 2024-01-01",
            "from = 2024-01-01\nrecertification_from = 2026-01-01"
        )
    ));
    assert_eq!(code, 0, "{err}");
    let (code, err) = validate(&format!(
        "{}{CYCLES}",
        HEAD.replace(
            "from = 2024-01-01",
            "from = 2024-01-01\nrecertification_from = 2023-01-01"
        )
    ));
    assert_eq!(code, 1);
    assert!(
        err.contains("`from` (`2024-01-01`) is after `recertification_from` (`2023-01-01`)"),
        "{err}"
    );
}

/// A profile holding `cert` (earned on `earned`, with `renewals`) and the
/// `activities` (date, category, units), written to a temporary folder.
fn holder(
    cert: &str,
    earned: &str,
    renewals: &[&str],
    activities: &[(&str, &str, &str)],
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "name = \"Pat\"\n\n[[certifications]]\nid = \"{cert}\"\nearned = {earned}\nrenewals = [{}]\n",
        renewals
            .iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (date, category, units) in activities {
        text.push_str(&format!(
            "\n[[activities]]\ndate = {date}\ncertifications = [\"{cert}\"]\ncategory = \"{category}\"\nunits = {units}\ndescription = \"{category} on {date}\"\n"
        ));
    }
    let path = dir.path().join("pat.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `check PROFILE --format json --as-of AS_OF --rules RULES`: the exit
/// code and the report, read back by the structs that name every field.
fn check(profile: &Path, as_of: &str) -> (i32, Report) {
    let out = run([
        "check".as_ref(),
        profile.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        as_of.as_ref(),
        "--rules".as_ref(),
        RULES.as_ref(),
    ]);
    let text = stdout(&out);
    let report: Report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not a report: {e}\n{text}\n{}", stderr(&out)));
    (out.status.code().unwrap_or(-1), report)
}

/// The text report of the same.
fn check_text(profile: &Path, as_of: &str) -> String {
    let out = run([
        "check".as_ref(),
        profile.as_os_str(),
        "--as-of".as_ref(),
        as_of.as_ref(),
        "--rules".as_ref(),
        RULES.as_ref(),
    ]);
    // one line per sentence, whatever the wrapping
    stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one result's status, its edition and its renewal.
fn judged(profile: &Path, as_of: &str) -> (String, String, Renewal) {
    let (_, mut r) = check(profile, as_of);
    assert_eq!(r.results.len(), 1, "{r:#?}");
    let res = r.results.remove(0);
    let rn = res
        .renewal
        .unwrap_or_else(|| panic!("no renewal on {as_of}"));
    (res.status, res.edition, rn)
}

fn units(n: &serde_json::Number) -> String {
    n.to_string()
}

#[test]
fn a_holder_in_the_old_suspension_stays_in_it_when_the_new_edition_starts() {
    // cycle 0 ends 2019-01-31, under the 5-year suspension (to 2024-01-31)
    let (_dir, p) = holder("cpx", "2014-01-10", &[], &[]);
    let (status, edition, rn) = judged(&p, "2021-02-28");
    assert_eq!(
        (status.as_str(), edition.as_str()),
        ("grace", "5-year suspension")
    );
    assert_eq!(rn.edition, "5-year suspension");
    assert_eq!(rn.grace_until, "2024-01-31");
    // the new rules start: the day judged is theirs, the cycle is not
    let (status, edition, rn) = judged(&p, "2021-03-01");
    assert_eq!(
        (status.as_str(), edition.as_str()),
        ("grace", "90-day suspension")
    );
    assert_eq!(rn.edition, "5-year suspension");
    assert_eq!(
        (rn.cycle_end.as_str(), rn.grace_until.as_str()),
        ("2019-01-31", "2024-01-31")
    );
    // its late points too: 3 years begun since the end
    assert_eq!(units(&rn.units_required), "120");
    assert!(check_text(&p, "2021-03-01").contains(
        "this cycle is judged by the rules of edition 5-year suspension, in force on its last day"
    ));
    let (status, _, _) = judged(&p, "2024-02-01");
    assert_eq!(status, "lapsed");
    // a cycle ending under the new edition has its 90 days
    let (_dir, p) = holder("cpx", "2016-05-02", &[], &[]);
    let (status, _, rn) = judged(&p, "2021-08-29");
    assert_eq!(
        (status.as_str(), rn.edition.as_str()),
        ("grace", "90-day suspension")
    );
    assert_eq!(rn.grace_until, "2021-08-29");
    assert_eq!(judged(&p, "2021-08-30").0, "lapsed");
}

#[test]
fn a_cycle_ending_the_day_before_the_phase_in_keeps_the_previous_requirements() {
    let acts = [("2016-01-04", "category-a", "60")];
    // ends 2017-11-30: the 2011 requirements, whose category A counts
    let (_dir, p) = holder("pmx", "2014-11-30", &[], &acts);
    let (code, r) = check(&p, "2017-11-30");
    assert_eq!(code, 0);
    let res = &r.results[0];
    assert_eq!(
        res.edition, "2015",
        "the edition in force on the day judged"
    );
    let rn = res.renewal.as_ref().unwrap();
    assert_eq!(
        (rn.cycle_end.as_str(), rn.edition.as_str()),
        ("2017-11-30", "2011")
    );
    assert_eq!(units(&rn.units_counted), "60");
    assert!(rn.ready);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // ends on the phase-in day: the 2015 ones, which have no category A
    let (_dir, p) = holder("pmx", "2014-12-01", &[], &acts);
    let (code, r) = check(&p, "2017-12-01");
    assert_eq!(code, 0, "still certified on its last day");
    let rn = r.results[0].renewal.as_ref().unwrap();
    assert_eq!(
        (rn.cycle_end.as_str(), rn.edition.as_str()),
        ("2017-12-01", "2015")
    );
    assert_eq!(units(&rn.units_counted), "0");
    assert!(!rn.ready);
    assert_eq!(
        r.warnings,
        [
            "the activity `category-a on 2016-01-04` on 2016-01-04 is in category `category-a`, which edition `2015` of the `pmx` rules does not define; it is not counted"
        ]
    );
}

#[test]
fn an_activity_on_the_last_day_of_grace_completes_the_overdue_cycle() {
    // cycle 0 ends 2019-01-10 (2015 edition: PDUs earned while suspended
    // count towards the suspended cycle); suspension to 2020-01-10
    let acts = [
        ("2018-01-01", "ways-of-working", "30"),
        ("2020-01-10", "ways-of-working", "30"),
    ];
    let (_dir, p) = holder("pmx", "2016-01-10", &[], &acts);
    let (status, _, rn) = judged(&p, "2020-01-09");
    assert_eq!(status, "grace");
    assert_eq!(units(&rn.units_counted), "30");
    assert_eq!(rn.route.as_deref(), Some("units"));
    assert_eq!(rn.by_exam_until, None);
    let (_, r) = check(&p, "2020-01-09");
    assert_eq!(
        r.results[0].requirements[0].summary,
        "30 of 60 PDUs counted, 30 still needed by 2020-01-10"
    );
    assert!(
        check_text(&p, "2020-01-09")
            .contains("units dated up to 2020-01-10 still count towards this overdue cycle")
    );
    let (status, _, rn) = judged(&p, "2020-01-10");
    assert_eq!(status, "grace");
    assert_eq!(units(&rn.units_counted), "60");
    assert!(rn.ready);
    assert_eq!(rn.route, None, "a route only for a holder who is not ready");
    // renewed that day: the next cycle does not count the activity again
    let (_dir, p) = holder("pmx", "2016-01-10", &["2020-01-10"], &acts);
    let (status, _, rn) = judged(&p, "2020-02-01");
    assert_eq!(status, "certified");
    assert_eq!(rn.cycle_start, "2019-01-11");
    assert_eq!(units(&rn.units_counted), "0");
}

#[test]
fn renewal_by_exam_keeps_the_status_grace_and_names_the_route() {
    // cycle 0 ends 2023-04-01, grace to 2023-10-01, by exam to 2024-04-01
    let (_dir, p) = holder("asx", "2020-04-01", &[], &[]);
    let (status, _, rn) = judged(&p, "2023-06-01");
    assert_eq!(status, "grace");
    assert_eq!(rn.by_exam_until.as_deref(), Some("2024-04-01"));
    assert_eq!(rn.route.as_deref(), Some("exam"));
    let (code, r) = check(&p, "2024-04-01");
    assert_eq!(code, 1);
    assert_eq!(r.results[0].status, "grace");
    // the units that could have renewed it were due by the cycle's end,
    // a day now past: what was short, not a date to aim for
    assert_eq!(
        r.results[0].requirements[0].summary,
        "0 of 18 RU counted, 18 short (only units dated by 2023-04-01 count)"
    );
    let text = check_text(&p, "2024-01-15");
    assert!(
        text.contains(
            "units you earn now will not renew the overdue cycle; renew by exam by 2024-04-01"
        ),
        "{text}"
    );
    assert!(
        text.contains("renew by exam by 2024-04-01 (77 days left)"),
        "{text}"
    );
    let (status, _, rn) = judged(&p, "2024-04-02");
    assert_eq!(status, "lapsed");
    assert_eq!(rn.route, None);
    // while certified there is no route, but the day is known
    let (status, _, rn) = judged(&p, "2023-04-01");
    assert_eq!((status.as_str(), rn.route.as_deref()), ("certified", None));
    assert_eq!(rn.by_exam_until.as_deref(), Some("2024-04-01"));
}

#[test]
fn deadlines_list_the_by_exam_end_and_pace_only_what_counts() {
    let (_dir, p) = holder("asx", "2020-04-01", &[], &[]);
    let out = run([
        "deadlines".as_ref(),
        p.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        "2023-06-01".as_ref(),
        "--rules".as_ref(),
        RULES.as_ref(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ds = v["deadlines"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = ds
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [("2023-10-01", "grace-end"), ("2024-04-01", "by-exam-end")]
    );
    // units dated now go to the next cycle: no pace for them
    assert!(ds.iter().all(|d| d["pace"].is_null()), "{ds:#?}");
    assert!(ds.iter().all(|d| d["route"] == "exam"));
    assert_eq!(v["attention"][0]["by_exam_until"], "2024-04-01");
    assert_eq!(v["attention"][0]["route"], "exam");
    // where grace-period units count, the grace period's end is paced
    let (_dir, p) = holder(
        "pmx",
        "2016-01-10",
        &[],
        &[("2018-01-01", "ways-of-working", "30")],
    );
    let out = run([
        "deadlines".as_ref(),
        p.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        "2019-06-01".as_ref(),
        "--rules".as_ref(),
        RULES.as_ref(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let grace = &v["deadlines"][0];
    assert_eq!(grace["kind"], "grace-end");
    assert_eq!(grace["route"], "units");
    assert_eq!(
        grace["pace"]["words"],
        "30 PDUs to go: 4.3 a month over the 7 months left"
    );
}

#[test]
fn held_for_life_is_certified_without_a_renewal() {
    let (_dir, p) = holder("lifer", "2001-05-01", &[], &[]);
    let (code, r) = check(&p, "2026-11-25");
    assert_eq!(code, 0);
    assert_eq!(r.results[0].status, "certified");
    assert!(r.results[0].renewal.is_none());
}

#[test]
fn a_carry_over_window_in_days_and_a_share_cap() {
    // cycle 0 ends 2023-06-15; its last 120 days start on 2023-02-16
    let acts = [
        ("2021-01-01", "education", "60"),
        ("2023-02-16", "education", "15"),
        ("2024-01-01", "presentations", "50"),
    ];
    let (_dir, p) = holder("ismx", "2020-06-15", &["2023-06-01"], &acts);
    let (_, _, rn) = judged(&p, "2024-02-01");
    let pres = rn
        .categories
        .iter()
        .find(|c| c.id == "presentations")
        .unwrap();
    // 60 % of 60 hours
    assert_eq!(pres.max.as_ref().map(units).as_deref(), Some("36"));
    assert_eq!(pres.max_share.as_deref(), Some("60 %"));
    assert_eq!(units(&pres.counted), "36");
    assert_eq!(
        rn.carry_over
            .as_ref()
            .map(|c| c["units"].to_string())
            .as_deref(),
        Some("15")
    );
    assert_eq!(units(&rn.units_counted), "51");
    // a day earlier, the 15 hours fall outside the window
    let acts = [
        ("2021-01-01", "education", "60"),
        ("2023-02-15", "education", "15"),
    ];
    let (_dir, p) = holder("ismx", "2020-06-15", &["2023-06-01"], &acts);
    assert!(judged(&p, "2024-02-01").2.carry_over.is_none());
}

#[test]
fn the_rule_cases_of_these_shapes_pass() {
    let out = run([
        "rules",
        "test",
        "tests/fixtures/shapes-recert/cases",
        "--rules",
        RULES,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn rules_show_says_each_shape() {
    let show = |id: &str| {
        let out = run([
            "rules",
            "show",
            id,
            "--rules",
            RULES,
            "--as-of",
            "2020-01-01",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let pmx = show("pmx");
    assert!(pmx.contains("Its recertification requirements apply to cycles ending on or after 2017-12-01; earlier cycles keep the previous edition's."), "{pmx}");
    assert!(
        pmx.contains(
            "Units dated in the grace period count towards the overdue cycle, not the next."
        ),
        "{pmx}"
    );
    let asx = show("asx");
    assert!(
        asx.contains("Grace (or suspension) period: 6 months after a cycle's end.\n"),
        "{asx}"
    );
    assert!(
        asx.contains("Renewal by exam is accepted up to 12 months after a cycle's end"),
        "{asx}"
    );
    let ismx = show("ismx");
    assert!(
        ismx.contains("in a cycle's last 120 days count in the next cycle"),
        "{ismx}"
    );
    assert!(
        ismx.contains(
            "`presentations`  Presentations and publications: at most 60 % of the 60 required (36)"
        ),
        "{ismx}"
    );
    let lifer = show("lifer");
    assert!(
        lifer.contains("None: the certification is for life.\n  source: https://example.org/lifer"),
        "{lifer}"
    );
}

#[test]
fn a_roster_shows_the_last_day_of_renewal_by_exam() {
    let (_dir, p) = holder("asx", "2020-04-01", &[], &[]);
    let out = run([
        "screen".as_ref(),
        p.as_os_str(),
        "--as-of".as_ref(),
        "2024-01-15".as_ref(),
        "--rules".as_ref(),
        RULES.as_ref(),
    ]);
    let text = stdout(&out);
    // the table's deadline: after the grace period (2023-10-01), the last
    // day of renewal by exam
    let row = text.lines().nth(1).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells.first(), Some(&"grace"), "{text}");
    assert_eq!(cells.get(5), Some(&"2024-04-01"), "{text}");
}
