use proptest::prelude::*;

use super::*;
use crate::dates::date;
use crate::profile::parse_toml;
use crate::units::Units;

fn rules() -> &'static RuleSet {
    crate::test_support::builtin_rules()
}

fn load(text: &str) -> Result<Profile, Vec<Diagnostic>> {
    parse_json(text, "r.jsonl", 1, "r:1", rules())
}

fn errs(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(p) => panic!("expected errors, got {p:?}"),
        Err(d) => d,
    }
}

/// The only diagnostic, as `line:col: message` and its help.
fn one(text: &str) -> (String, Option<String>) {
    let d = errs(text);
    assert_eq!(d.len(), 1, "{d:#?}");
    let d = &d[0];
    assert_eq!(d.file, "r.jsonl");
    (
        format!(
            "{}:{}: {}",
            d.line.unwrap_or(0),
            d.column.unwrap_or(0),
            d.message
        ),
        d.help.clone(),
    )
}

fn help(s: &str) -> Option<String> {
    Some(s.to_string())
}

const DANA_TOML: &str = include_str!("../../../examples/dana.toml");

const DANA_JSON: &str = r#"{"name": "Dana Whitfield", "id": "C-1042", "targets": ["cpim"],
 "education": [{"level": "bachelor", "field": "Industrial Engineering", "completed": "2008-05-15"}],
 "employment": [
   {"employer": "Acme Fabrication", "title": "Production Supervisor", "start": "2008-06-01", "end": "2013-08-31"},
   {"employer": "Acme Fabrication", "title": "Quality Manager", "start": "2013-09-01", "decision_making": true}],
 "exams": [{"id": "cmq-oe", "passed": "2021-09-18"}, {"id": "cpim-part-1", "passed": "2023-05-20"}],
 "certifications": [{"id": "cmq-oe", "earned": "2021-10-15", "renewals": ["2024-09-02"]}],
 "activities": [
   {"date": "2024-11-07", "certifications": ["cmq-oe"], "category": "professional-development", "units": 1.5, "description": "Lean leadership seminar"},
   {"date": "2025-03-12", "certifications": ["cmq-oe"], "category": "professional-development", "units": "2.4", "description": "ASQ section meetings, 2025"},
   {"date": "2025-10-15", "certifications": ["cmq-oe"], "category": "employment", "units": 3.6, "description": "Quality Manager, Oct 2024 to Oct 2025"},
   {"date": "2026-06-20", "certifications": ["cmq-oe"], "category": "giving-back", "units": 1, "description": "Mentored two CQIA candidates", "evidence": "receipts/mentoring-2026.pdf"}]
}"#;

#[test]
fn the_same_profile_in_json_and_toml_is_the_same_profile() {
    let rules = rules();
    let from_toml = parse_toml(DANA_TOML, "dana.toml", "dana", rules);
    let from_json = parse_json(DANA_JSON, "dana.json", 1, "dana", rules);
    assert_eq!(from_json, from_toml);
    assert!(from_json.is_ok());
}

#[test]
fn units_are_exact_from_their_text() {
    let act = |units: &str| {
        format!(
            r#"{{"name": "N", "certifications": [{{"id": "cmq-oe", "earned": "2020-01-01"}}],
 "activities": [{{"date": "2021-01-01", "certifications": ["cmq-oe"], "category": "employment", "units": {units}}}]}}"#
        )
    };
    for (text, thousandths) in [
        ("0.1", 100),
        ("0.125", 125),
        ("\"0.125\"", 125),
        ("2.500", 2500),
        ("12", 12_000),
        ("1.0000", 1000),
    ] {
        let p = load(&act(text)).unwrap_or_else(|d| panic!("{text}: {d:?}"));
        assert_eq!(p.activities[0].units, Units::from_thousandths(thousandths));
    }
    let message = |text: &str| one(&act(text)).0;
    assert!(message("0.1234").ends_with("has more than 3 decimal places: `0.1234`"));
    assert!(message("1e2").contains("expected a decimal number like `1.5`"));
    assert!(message("0").ends_with("must be more than zero, found `0`"));
    assert!(message("-1.5").ends_with("must be more than zero, found `-1.5`"));
    assert!(message("123456789012345678901234567890").contains("is too large"));
    assert_eq!(
        one(&act("true")),
        (
            "2:105: expected a number for `units` in `activities` entry 1, found a boolean".into(),
            help("write a decimal number such as `\"units\": 1.5`")
        )
    );
}

#[test]
fn unknown_keys_are_named_with_a_suggestion() {
    assert_eq!(
        one(r#"{"name": "N", "nmae": "M"}"#),
        (
            "1:15: unknown key `nmae` in the profile".into(),
            help("did you mean `name`?")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "employment": [{"start": "2020-01-01", "decison_making": true}]}"#),
        (
            "1:54: unknown key `decison_making` in `employment` entry 1".into(),
            help("did you mean `decision_making`?")
        )
    );
}

#[test]
fn wrong_types_and_missing_keys_speak_json() {
    assert_eq!(
        one(r#"{"name": 42}"#),
        (
            "1:10: expected a string for `name`, found a number".into(),
            None
        )
    );
    assert_eq!(
        one(r#"{"name": null}"#),
        (
            "1:10: expected a string for `name`, found null".into(),
            None
        )
    );
    assert_eq!(
        one(r#"{"id": "x"}"#),
        (
            "1:1: missing required key `name` in the profile".into(),
            help("add a key such as `\"name\": \"Dana Whitfield\"`")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "employment": [{"title": "T"}]}"#),
        (
            "1:30: missing required key `start` in `employment` entry 1".into(),
            help("add a key such as `\"start\": \"2012-06-01\"`")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "employment": [{"start": "2020-01-01", "paid": "yes"}]}"#),
        (
            "1:62: expected a boolean for `paid` in `employment` entry 1, found a string".into(),
            help("write `\"paid\": true` or `\"paid\": false`")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "employment": {"start": "2020-01-01"}}"#),
        (
            "1:29: expected an array of objects for `employment`, found an object".into(),
            help("write `\"employment\": [{...}, {...}]`, one object per entry")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "certifications": [{"id": "cmq-oe", "earned": "2020-01-01", "renewals": "2023-01-01"}]}"#),
        (
            "1:87: expected an array of dates for `renewals` in `certifications` entry 1, found a string".into(),
            help("write it as a list: `\"renewals\": [\"2023-01-01\"]`")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "targets": "cpim"}"#),
        (
            "1:26: expected an array of strings for `targets`, found a string".into(),
            help("write it as a list: `\"targets\": [\"cpim\"]`")
        )
    );
}

#[test]
fn dates_and_ids_are_checked_as_in_toml() {
    assert_eq!(
        one(r#"{"name": "N", "exams": [{"id": "cmq-oe", "passed": "2023-02-30"}]}"#),
        (
            "1:52: impossible date `2023-02-30` for `passed` in `exams` entry 1".into(),
            help("there is no such day in the calendar")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "exams": [{"id": "cmq-oe", "passed": "14/03/2020"}]}"#).0,
        "1:52: expected a date like `2016-09-01` for `passed` in `exams` entry 1, found `14/03/2020`"
    );
    assert_eq!(
        one(r#"{"name": "N", "exams": [{"id": "cmq-eo", "passed": "2020-03-14"}]}"#),
        (
            "1:32: unknown exam id `cmq-eo`".into(),
            help("did you mean `cmq-oe`?")
        )
    );
    assert_eq!(
        one(r#"{"name": "N", "targets": ["cpmi"]}"#),
        (
            "1:27: unknown certification id `cpmi`".into(),
            help("did you mean `cpim`?")
        )
    );
    let (m, h) = one(
        r#"{"name": "N", "certifications": [{"id": "cpim", "earned": "2020-01-01"}, {"id": "cpim", "earned": "2021-01-01"}]}"#,
    );
    assert_eq!(
        m,
        "1:81: duplicate certification `cpim` in `certifications` entry 2"
    );
    assert_eq!(
        h,
        help(
            "`cpim` is already listed in `certifications` entry 1; record each renewal in its `renewals`"
        )
    );
}

#[test]
fn a_line_of_json_lines_is_placed_on_its_line() {
    let rules = rules();
    let d = parse_json(r#"{"nme": "x"}"#, "roster.jsonl", 7, "roster:7", rules).unwrap_err();
    let texts: Vec<String> = d
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        texts,
        [
            "roster.jsonl:7:1: missing required key `name` in the profile",
            "roster.jsonl:7:2: unknown key `nme` in the profile",
        ]
    );
    let p = parse_json(r#"{"name": "x"}"#, "roster.jsonl", 7, "roster:7", rules).unwrap();
    assert_eq!(p.id, "roster:7");
}

#[test]
fn syntax_errors_carry_serde_jsons_message_and_column() {
    let rules = rules();
    let bad = |text: &str| {
        let d = parse_json(text, "r.jsonl", 3, "r:3", rules).unwrap_err();
        assert_eq!(d.len(), 1);
        format!("{}: {}", d[0].location(), d[0].message)
    };
    assert_eq!(
        bad(r#"{"name": "N",}"#),
        "r.jsonl:3:14: invalid JSON: trailing comma"
    );
    assert_eq!(
        bad(r#"{"name" "N"}"#),
        "r.jsonl:3:9: invalid JSON: expected `:`"
    );
    assert_eq!(
        bad(r#"{"name": "N""#),
        "r.jsonl:3:12: invalid JSON: EOF while parsing an object"
    );
    assert_eq!(
        bad(r#"{"name": "N"} x"#),
        "r.jsonl:3:15: invalid JSON: trailing characters"
    );
    assert_eq!(
        bad("{'name': 1}"),
        "r.jsonl:3:2: invalid JSON: key must be a string"
    );
    assert_eq!(
        bad(r#"{"name": 01}"#),
        "r.jsonl:3:11: invalid JSON: invalid number"
    );
    assert_eq!(
        bad(r#"{"name": "\ud800"}"#),
        "r.jsonl:3:17: invalid JSON: unexpected end of hex escape"
    );
    assert_eq!(
        bad(r#"[1, 2]"#),
        "r.jsonl:3:1: expected a JSON object for the profile, found an array"
    );
    let deep = format!("{{\"name\": {}{}}}", "[".repeat(200), "]".repeat(200));
    assert!(
        bad(&deep).contains("recursion limit exceeded"),
        "{}",
        bad(&deep)
    );
}

#[test]
fn strings_unescape_and_keys_are_unique() {
    let p = load(r#"{"name": "Zo\u00eb \"Z\" O\u2019Neil \ud83d\ude00", "id": "a\/b"}"#).unwrap();
    assert_eq!(p.name, "Zoë \"Z\" O’Neil 😀");
    assert_eq!(p.id, "a/b");
    assert_eq!(
        one(r#"{"name": "N", "name": "M"}"#),
        (
            "1:15: duplicate key `name`".into(),
            help("give each key once in an object")
        )
    );
    // a byte-order mark is not part of the text
    assert_eq!(
        load("\u{feff}{\"name\": \"N\"}").map(|p| p.name),
        Ok("N".to_string())
    );
    let p = load(r#"{"name": "N", "education": [{"level": "master", "completed": "2010-06-30"}]}"#)
        .unwrap();
    assert_eq!(p.education[0].completed, date(2010, 6, 30));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,80}") {
        let _ = load(&text);
    }

    #[test]
    fn json_shaped_text_never_panics(text in r#"[{}\[\]":, 0-9a-z.eE+\-\\u]{0,60}"#) {
        let _ = load(&text);
        let _ = load(&format!("{{\"name\": \"N\", \"id\": {text}}}"));
    }
}
