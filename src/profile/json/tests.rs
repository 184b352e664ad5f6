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
        one(r#"{"name": [null]}"#),
        (
            "1:10: expected a string for `name`, found an array".into(),
            None
        )
    );
    // `null` and `""` are blank cells: an absent field, and `name` is
    // required.
    for blank in ["null", "\"\""] {
        assert_eq!(
            one(&format!(r#"{{"name": {blank}}}"#)),
            (
                "1:1: missing required key `name` in the profile".into(),
                help("add a key such as `\"name\": \"Dana Whitfield\"`")
            )
        );
    }
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

    /// Text of JSON's characters as a profile's id: read only when it is a
    /// JSON string (the id) or `null` (a blank cell: `null` and `""` leave
    /// the default id), else refused with the problem located.
    #[test]
    fn json_shaped_text_is_read_or_refused_where_it_goes_wrong(
        text in r#"[{}\[\]":, 0-9a-z.eE+\-\\u]{0,60}"#,
    ) {
        agree(&text)?;
        match load(&format!("{{\"name\": \"N\", \"id\": {text}}}")) {
            Ok(p) => {
                let id = match serde_json::from_str::<Option<String>>(&text) {
                    Ok(None) => Some("r:1".to_string()),
                    Ok(Some(s)) if s.is_empty() => Some("r:1".to_string()),
                    Ok(Some(s)) => Some(s),
                    Err(_) => None,
                };
                prop_assert_eq!(id, Some(p.id));
            }
            Err(d) => {
                prop_assert!(!d.is_empty());
                for d in &d {
                    prop_assert!(d.line == Some(1) && d.column.is_some_and(|c| c >= 1), "{d:?}");
                }
            }
        }
    }
}

// ----- the parser against serde_json -----------------------------------------
//
// The hand-written parser stays for speed (positions kept, numbers as
// written, one arena); serde_json is the reference for what is JSON. On
// generated texts, valid and broken, both accept the same texts and read
// the same values, with two differences the profile format relies on:
// nesting deeper than MAX_DEPTH (100; serde_json allows 128) is refused,
// and a number too large for a float (`1e400`) is read as its text
// (serde_json refuses it; the checker then refuses it as a number of
// units). Duplicate keys are JSON to both; the parser reports them, which
// serde_json's map does not.

/// What the hand parser read: the value (a repeated key's last value wins,
/// as in serde_json's map), or where it stopped. `Err(None)`: it read the
/// text, but a number in it is out of serde_json's range.
fn hand(text: &str) -> Result<(serde_json::Value, bool), Option<usize>> {
    let arena = Bump::new();
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        duplicates: Vec::new(),
        arena: &arena,
        items: Vec::new(),
        members: Vec::new(),
    };
    let root = parser.document().map_err(|e| Some(e.offset))?;
    let value = to_serde(text, &root).ok_or(None)?;
    Ok((value, !parser.duplicates.is_empty()))
}

/// The tree as a serde_json value, checking on the way that every node's
/// range holds the text of that value (diagnostics point there). `None`
/// when a number is out of serde_json's range.
fn to_serde(text: &str, node: &JsonNode<'_>) -> Option<serde_json::Value> {
    use serde_json::Value;
    let value = match &node.value {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => {
            assert_eq!(&text[node.range()], *n, "a number's range is its text");
            Value::Number(n.parse().ok()?)
        }
        JsonValue::String(s) => Value::String(s.to_string()),
        JsonValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| to_serde(text, i))
                .collect::<Option<_>>()?,
        ),
        JsonValue::Object(o) => {
            let mut map = serde_json::Map::new();
            for m in o.members {
                let key = key_at(text, m.key_at as usize);
                assert_eq!(key, m.key, "a key's offset is where its text starts");
                map.insert(m.key.to_string(), to_serde(text, &m.value)?);
            }
            Value::Object(map)
        }
    };
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text[node.range()]) {
        assert_eq!(v, value, "the range of a node holds its value");
    }
    Some(value)
}

/// The JSON string starting at `at` (the rest of the text need not parse).
fn key_at(text: &str, at: usize) -> String {
    let mut de = serde_json::Deserializer::from_str(&text[at..]);
    match <String as serde::Deserialize>::deserialize(&mut de) {
        Ok(k) => k,
        Err(e) => panic!("no string at the key's offset {at}: {e}"),
    }
}

/// Whether any object in `text` repeats a key (by the hand tree's
/// members, counted independently of the parser's own report).
fn repeats_a_key(text: &str) -> bool {
    let arena = Bump::new();
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        duplicates: Vec::new(),
        arena: &arena,
        items: Vec::new(),
        members: Vec::new(),
    };
    fn walk(n: &JsonNode<'_>) -> bool {
        match &n.value {
            JsonValue::Array(items) => items.iter().any(walk),
            JsonValue::Object(o) => {
                let mut keys: Vec<&str> = o.members.iter().map(|m| m.key).collect();
                keys.sort_unstable();
                let before = keys.len();
                keys.dedup();
                keys.len() != before || o.members.iter().any(|m| walk(&m.value))
            }
            _ => false,
        }
    }
    parser.document().is_ok_and(|root| walk(&root))
}

/// The parser and serde_json agree on `text` (see above).
fn agree(text: &str) -> Result<(), TestCaseError> {
    let reference = serde_json::from_str::<serde_json::Value>(text);
    match (hand(text), reference) {
        (Ok((value, duplicates)), Ok(want)) => {
            prop_assert_eq!(value, want, "{:?}", text);
            prop_assert_eq!(duplicates, repeats_a_key(text), "{:?}", text);
        }
        (Err(None), Err(e)) => {
            prop_assert!(
                e.to_string().starts_with("number out of range"),
                "{text:?}: {e}"
            );
        }
        (Err(Some(_)), Err(_)) => {}
        (Ok(_), Err(e)) => prop_assert!(false, "only serde_json refused {text:?}: {e}"),
        (Err(at), Ok(_)) => prop_assert!(false, "only the parser refused {text:?} (at {at:?})"),
    }
    // and a profile's text that is not JSON says what serde_json says (a
    // leading byte-order mark aside, which the loader skips)
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text)
        && !e.to_string().starts_with("number out of range")
        && !text.starts_with('\u{feff}')
    {
        let d = match parse_json(text, "r.jsonl", 1, "r:1", rules()) {
            Ok(p) => panic!("{text:?} is not JSON, yet read as {p:?}"),
            Err(d) => d,
        };
        let full = e.to_string();
        let message = full.rsplit_once(" at line ").map_or(&*full, |(m, _)| m);
        prop_assert_eq!(d.len(), 1, "{:?}", d);
        prop_assert_eq!(&d[0].message, &format!("invalid JSON: {message}"));
        prop_assert_eq!(d[0].line, Some(e.line().max(1)));
        prop_assert_eq!(d[0].column, Some(e.column().max(1)));
    }
    Ok(())
}

/// A few spaces, tabs and line breaks, or none.
fn ws() -> impl Strategy<Value = String> {
    "[ \t\r\n]{0,2}"
}

/// A JSON number's text, from the small to the out of range.
fn number() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,22})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,3})?"
}

/// The text of a JSON string (quotes included): plain characters, every
/// escape, `\u` escapes of any unit (so, now and then, a lone surrogate)
/// and surrogate pairs.
fn string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => any::<char>()
            .prop_filter("plain", |c| !matches!(c, '"' | '\\' | '\0'..='\x1f'))
            .prop_map(String::from),
        3 => prop::sample::select(vec!["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"])
            .prop_map(String::from),
        2 => (any::<u16>(), any::<bool>()).prop_map(|(u, upper)| if upper {
            format!("\\u{u:04X}")
        } else {
            format!("\\u{u:04x}")
        }),
        2 => (0xD800u32..0xDC00, 0xDC00u32..0xE000)
            .prop_map(|(hi, lo)| format!("\\u{hi:04x}\\u{lo:04X}")),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| format!("\"{}\"", pieces.concat()))
}

/// A key: from a few, so that objects repeat keys now and then.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["\"a\"", "\"b\"", "\"name\"", "\"a\\u0062\"", "\"\""])
            .prop_map(String::from),
        1 => string(),
    ]
}

/// The text of a JSON value, whitespace between its tokens.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        number(),
        string(),
    ];
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec((ws(), inner.clone(), ws()), 0..5).prop_map(|items| {
                let items: Vec<String> = items.into_iter().map(|(a, v, b)| a + &v + &b).collect();
                format!("[{}]", items.join(","))
            }),
            prop::collection::vec((ws(), key(), ws(), ws(), inner, ws()), 0..5).prop_map(
                |members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }
            ),
        ]
    })
}

/// A whole text: a value with whitespace around it.
fn document() -> impl Strategy<Value = String> {
    (ws(), value(), ws()).prop_map(|(a, v, b)| a + &v + &b)
}

/// A document broken a few ways: cut short, a character in, a character
/// out, something a string may not hold put in.
fn broken() -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0..4u8,
        prop::sample::select(vec![
            "{", "}", "[", "]", "\"", ":", ",", "0", "1", "-", "+", ".", "e", "E", "n", "t", "u",
            "\\", " ", "\n", "\u{0}", "\u{1f}", "é",
        ]),
        prop::sample::select(vec![
            "\\x",
            "\\u12",
            "\\uD800",
            "\\uDC00",
            "\\uD800\\n",
            "\\uDBFF\\uDBFF",
            "\t",
            "\u{1}",
        ]),
    );
    (document(), prop::collection::vec(edit, 1..3)).prop_map(|(mut text, edits)| {
        for (at, kind, c, bad) in edits {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let i = boundaries[at.index(boundaries.len())];
            match kind {
                0 => text.truncate(i),
                1 => text.insert_str(i, c),
                2 => {
                    if i < text.len() {
                        text.remove(i);
                    }
                }
                // (inside a string, where there is one after `i`)
                _ => match text[i..].find('"') {
                    Some(q) => text.insert_str(i + q + 1, bad),
                    None => text.insert_str(i, bad),
                },
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_parser_agrees_with_serde_json_on_json(text in document()) {
        agree(&text)?;
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_broken_json(text in broken()) {
        agree(&text)?;
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_any_text(
        text in "\\PC{0,40}",
        bytes in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        agree(&text)?;
        agree(&String::from_utf8_lossy(&bytes))?;
    }
}

/// The generators are not vacuous: most documents are JSON, and broken
/// ones are both.
#[test]
fn the_generated_texts_are_json_and_not() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut share = |s: BoxedStrategy<String>| {
        let n = 400;
        let ok = (0..n)
            .filter(|_| {
                let text = s.new_tree(&mut runner).unwrap().current();
                serde_json::from_str::<serde_json::Value>(&text).is_ok()
            })
            .count();
        ok * 100 / n
    };
    let documents = share(document().boxed());
    assert!(documents >= 80, "{documents}% of documents are JSON");
    let broken = share(broken().boxed());
    assert!(
        (5..=60).contains(&broken),
        "{broken}% of broken documents are JSON"
    );
}

#[test]
fn the_parser_agrees_with_serde_json_on_these() {
    for text in [
        "",
        " ",
        "{}",
        "[]",
        "{\"a\":1,\"a\":2}",
        "{\"a\":{\"b\":1,\"b\":[]}}",
        "-0",
        "0.0e-0",
        "1E+2",
        "1e400",
        "-1e400",
        "[1e400]",
        "123456789012345678901234567890",
        "01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "\"\\ud83d\\ude00\"",
        "\"\\uD83D\"",
        "\"\\uDE00\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u00e9\"",
        "\"\u{7f}\"",
        "\"\t\"",
        "[1,]",
        "{\"a\":1,}",
        "[1 2]",
        "nul",
        "truex",
        "\"a\" \"b\"",
        "{\"a\"}",
        "{1:2}",
        "\u{feff}{}",
    ] {
        if let Err(e) = agree(text) {
            panic!("{e}");
        }
    }
}

/// Nesting: up to 100 levels are read; past that the parser refuses what
/// serde_json (up to 128) would read, with its own message.
#[test]
fn nesting_is_limited_to_100_levels() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(hand(&nested(100)).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&nested(101)).is_ok());
    assert_eq!(hand(&nested(101)).err(), Some(Some(100)));
    let text = format!("{{\"name\": {}}}", nested(101));
    let d = parse_json(&text, "r.jsonl", 1, "r:1", rules()).unwrap_err();
    assert_eq!(d[0].message, "invalid JSON: nested too deeply");
    // (the profile's object is the first level, so the 100th `[` is one too many)
    assert_eq!((d[0].line, d[0].column), (Some(1), Some(109)));
}

#[test]
fn education_tags_and_the_secondary_level_in_json_and_toml() {
    let rules = rules();
    let toml = "name = \"K\"\n[[education]]\nlevel = \"bachelor\"\ntags = [\"gac-accredited\"]\ncompleted = 2015-06-30\n[[education]]\nlevel = \"secondary\"\ncompleted = 2010-06-30\n";
    let json = r#"{"name": "K", "education": [
        {"level": "bachelor", "tags": ["gac-accredited"], "completed": "2015-06-30"},
        {"level": "secondary", "completed": "2010-06-30"}]}"#;
    let from_toml = parse_toml(toml, "k.toml", "k", rules).unwrap();
    let from_json = parse_json(json, "k.json", 1, "k", rules).unwrap();
    assert_eq!(from_json, from_toml);
    assert_eq!(from_toml.education[0].tags, ["gac-accredited"]);
    assert_eq!(
        from_toml.education[1].level,
        crate::rules::model::Level::Secondary
    );
    assert!(from_toml.education[1].tags.is_empty());
    let (message, help) = one(
        r#"{"name": "K", "education": [{"level": "bachelor", "tags": "gac-accredited", "completed": "2015-06-30"}]}"#,
    );
    assert!(message.contains("`tags`"), "{message}");
    assert_eq!(
        help.as_deref(),
        Some("write it as a list: `\"tags\": [\"gac-accredited\"]`")
    );
}

#[test]
fn month_dates_are_read_as_in_toml() {
    let p = load(
        r#"{"name": "N", "employment": [{"start": "2015-02", "end": "2016-02"}], "exams": [{"id": "cmq-oe", "passed": "2020-02"}]}"#,
    )
    .unwrap();
    assert_eq!(p.employment[0].start, date(2015, 2, 1));
    assert_eq!(p.employment[0].end, Some(date(2016, 2, 29)));
    assert_eq!(p.exams[0].passed, date(2020, 2, 29));
    assert_eq!(p.month_dates.len(), 3);
    assert_eq!(p.month_dates[2].of, "cmq-oe");
    assert_eq!(
        one(r#"{"name": "N", "exams": [{"id": "cmq-oe", "passed": "2020-13"}]}"#).0,
        "1:52: impossible month `2020-13` for `passed` in `exams` entry 1"
    );
    assert_eq!(
        one(r#"{"name": "N", "certifications": [{"id": "cmq-oe", "earned": "2020-01-01", "renewals": ["2023-03"]}]}"#).0,
        "1:88: `renewals` in `certifications` entry 1 needs the exact day, found the month `2023-03`"
    );
}
