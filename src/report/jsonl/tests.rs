//! The hand-written line must be byte for byte what serde_json writes from
//! the report types' `Serialize` derives, which define the contract (and
//! whose field names `report::json`'s tests pin).

use std::path::PathBuf;

use proptest::prelude::*;
use serde::Serialize;

use super::*;
use crate::dates::date;
use crate::eval::{Detail, Report, Selection};
use crate::report::fixtures;
use crate::screen::{self, Input, Options};

/// The line as serde_json writes it: the reference.
#[derive(Serialize)]
struct Line<'a> {
    source: &'a str,
    as_of: Date,
    profile: Who<'a>,
    results: &'a [CertResult<'a>],
    warnings: &'a [Warning<'a>],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    month_dates: &'a [crate::profile::model::MonthDate],
    errors: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Who<'a> {
    name: Option<&'a str>,
    id: &'a str,
}

fn reference(s: &Screened, as_of: Date) -> String {
    let mut text = serde_json::to_string(&reference_line(s, as_of)).unwrap();
    text.push('\n');
    text
}

fn reference_line<'a>(s: &'a Screened, as_of: Date) -> Line<'a> {
    match &s.outcome {
        Ok(r) => Line {
            source: &s.source,
            as_of: r.as_of,
            profile: Who {
                name: Some(&r.profile.name),
                id: &r.profile.id,
            },
            results: &r.results,
            warnings: &r.warnings,
            month_dates: &r.month_dates,
            errors: &[],
        },
        Err(diags) => Line {
            source: &s.source,
            as_of,
            profile: Who {
                name: None,
                id: &s.id,
            },
            results: &[],
            warnings: &[],
            month_dates: &[],
            errors: diags,
        },
    }
}

fn written(s: &Screened, as_of: Date) -> String {
    let mut out = Vec::new();
    push_line(&mut out, s, as_of);
    String::from_utf8(out).unwrap()
}

fn assert_same(s: &Screened, as_of: Date) {
    let (got, want) = (written(s, as_of), reference(s, as_of));
    assert!(
        got == want,
        "the line differs from serde_json's for `{}`\n got: {got}want: {want}",
        s.source
    );
}

fn judged<'r>(source: &str, report: Report<'r>) -> Screened<'r> {
    Screened {
        source: source.into(),
        id: report.profile.id.clone(),
        outcome: Ok(report),
    }
}

#[test]
fn hand_built_reports_are_written_as_serde_writes_them() {
    let as_of = date(2026, 11, 25);
    let mut all = vec![
        fixtures::every_detail(),
        fixtures::report(
            as_of,
            vec![fixtures::cmq_oe_not_eligible(), fixtures::cpim_certified()],
            &["a warning with \"quotes\", a \\ and a\ttab"],
        ),
    ];
    for status in [Status::Certified, Status::Grace, Status::Lapsed] {
        for ready in [false, true] {
            all.push(fixtures::report(
                as_of,
                vec![fixtures::held(status, ready)],
                &[],
            ));
        }
    }
    // summaries with what JSON escapes in them: as text, and written from
    // an exam path's name
    let mut quoted = fixtures::cmq_oe_not_eligible();
    quoted.requirements[0].summary = "a \"quoted\" \\ summary\twith\ncontrols\u{1}".into();
    let exam = quoted.requirements.last_mut().unwrap();
    exam.summary = crate::eval::Summary::FromDetail;
    if let Detail::Exam { paths, .. } = &mut exam.detail {
        paths[0].name = "Part \"1\"";
    }
    assert!(exam.summary().starts_with("Part \"1\": still to pass"));
    all.push(fixtures::report(as_of, vec![quoted], &[]));
    let mut months = fixtures::report(as_of, vec![fixtures::cpim_certified()], &["w"]);
    for (entry, of) in [(1, "cpim-part-1"), (2, "Part \"2\" at O'Neil\t\u{1}")] {
        months.month_dates.push(crate::profile::model::MonthDate {
            field: crate::profile::model::MonthField::ExamsPassed,
            entry,
            of: of.into(),
            month: "2016-02".into(),
            read_as: date(2016, 2, 29),
            other_end: date(2016, 2, 1),
        });
    }
    assert!(
        written(&judged("r", months.clone()), as_of)
            .contains(",\"month_dates\":[{\"field\":\"exams.passed\",\"entry\":1,")
    );
    all.push(months);
    let mut odd = fixtures::report(as_of, vec![], &[]);
    odd.profile.name = "Zoë \"Z\" O'Neil\u{1}\u{7f}\u{2028}😀".into();
    all.push(odd);
    for r in all {
        assert_same(&judged("roster.jsonl:7", r), as_of);
    }
}

#[test]
fn bad_profiles_are_written_as_serde_writes_them() {
    let d = |line, column, help: Option<&str>| Diagnostic {
        file: "C:\\roster\\members.jsonl".into(),
        line,
        column,
        message: "impossible date `2006-02-30` for `start`".into(),
        help: help.map(str::to_string),
    };
    let s = Screened {
        source: "C:\\roster\\members.jsonl:3".into(),
        id: "members:3".into(),
        outcome: Err(vec![
            d(Some(3), Some(41), Some("there is no such day")),
            d(None, None, None),
        ]),
    };
    assert_same(&s, date(2026, 11, 25));
}

/// Every profile the tests keep (good and bad, TOML and JSON Lines),
/// screened against the built-in rules on days either side of their
/// deadlines and windows.
#[test]
fn screened_fixtures_are_written_as_serde_writes_them() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs: Vec<Input> = ["tests/fixtures", "examples"]
        .iter()
        .map(|p| Input::Path(root.join(p)))
        .collect();
    let rules = crate::test_support::builtin_rules();
    let mut lines = 0;
    for as_of in [
        date(2019, 2, 28),
        date(2024, 2, 29),
        date(2026, 11, 25),
        date(2031, 12, 31),
    ] {
        let opts = Options {
            rules,
            as_of,
            selection: Selection::Default,
            warnings: true,
            chunk: 64,
        };
        screen::screen(
            &inputs,
            screen::Walk::default(),
            &opts,
            Vec::new,
            |b: &mut Vec<Screened>, s| b.push(s),
            |b| {
                for s in &b {
                    assert_same(s, as_of);
                    lines += 1;
                }
                Ok(())
            },
        )
        .unwrap();
    }
    assert!(lines > 100, "only {lines} profiles screened");
}

fn via_writer(write: impl FnOnce(&mut Writer<'_>)) -> String {
    let mut out = Vec::new();
    write(&mut Writer(&mut out));
    String::from_utf8(out).unwrap()
}

proptest! {
    #[test]
    fn strings_are_escaped_as_serde_escapes_them(s in any::<String>(), ctl in "[\\x00-\\x20\"\\\\a]{0,12}") {
        for s in [&s, &ctl, &format!("{ctl}{s}{ctl}")] {
            prop_assert_eq!(via_writer(|w| w.str(s)), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn units_are_written_as_serde_writes_them(t in prop_oneof![
        -10_000_000i64..10_000_000,
        any::<i64>(),
        (-1_000_000_000_000_000i64..1_000_000_000_000_000),
    ]) {
        let u = Units::from_thousandths(t);
        prop_assert_eq!(via_writer(|w| u.write(w)), serde_json::to_string(&u).unwrap());
    }

    #[test]
    fn dates_are_written_as_serde_writes_them(days in -400_000i32..4_000_000) {
        let d = date(2000, 1, 1) + chrono::Duration::days(i64::from(days));
        prop_assert_eq!(via_writer(|w| d.write(w)), serde_json::to_string(&d).unwrap());
    }
}

// ----- generated reports -----------------------------------------------------

/// A string for a field of a generated report: kept for the test's run
/// (the report borrows its names from the rules, as `&str`).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Any text, weighted towards what JSON escapes.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\"\\\\a-z \u{7f}\u{2028}\u{1F600}é]{0,12}",
    ]
}

/// A date from before year 0 to past 9999 (written by chrono there).
fn any_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        4 => -20_000i64..40_000,
        1 => -800_000i64..3_000_000,
    ]
    .prop_map(|d| date(2000, 1, 1) + chrono::Duration::days(d))
}

fn any_units() -> impl Strategy<Value = Units> {
    prop_oneof![3 => -1_000_000i64..1_000_000, 1 => any::<i64>()].prop_map(Units::from_thousandths)
}

/// What to change in the fixture reports: texts, dates, units, numbers.
#[derive(Clone, Debug)]
struct Changes {
    texts: Vec<String>,
    dates: Vec<Option<Date>>,
    units: Vec<Units>,
    numbers: Vec<i64>,
}

fn changes() -> impl Strategy<Value = Changes> {
    (
        prop::collection::vec(text(), 8),
        prop::collection::vec(prop::option::of(any_date()), 8),
        prop::collection::vec(any_units(), 8),
        prop::collection::vec(any::<i64>(), 4),
    )
        .prop_map(|(texts, dates, units, numbers)| Changes {
            texts,
            dates,
            units,
            numbers,
        })
}

/// Fixture results (every status, every detail), their names, summaries,
/// dates and units replaced by generated ones.
fn generated_results(picks: &[usize], c: &Changes) -> Vec<CertResult<'static>> {
    let every = fixtures::every_detail().results;
    let pool = || {
        let mut v = vec![fixtures::cmq_oe_not_eligible(), fixtures::cpim_certified()];
        v.extend(every.iter().cloned());
        for status in [Status::Certified, Status::Grace, Status::Lapsed] {
            v.push(fixtures::held(status, c.numbers[0] % 2 == 0));
        }
        v
    };
    let pool = pool();
    let t = |i: usize| leak(c.texts[i % c.texts.len()].clone());
    picks
        .iter()
        .enumerate()
        .map(|(n, &pick)| {
            let mut r = pool[pick % pool.len()].clone();
            r.name = t(n);
            r.issuer = t(n + 1);
            r.eligible_on = c.dates[n % c.dates.len()];
            for (i, q) in r.requirements.iter_mut().enumerate() {
                q.name = t(n + i + 2);
                if i % 2 == 0 {
                    q.summary = c.texts[(n + i + 3) % c.texts.len()].clone().into();
                }
                q.met_on = c.dates[(n + i + 1) % c.dates.len()];
                if let crate::eval::Detail::Experience { roles, .. } = &mut q.detail {
                    roles.push(crate::eval::RoleCount {
                        role: c.texts[(n + i + 4) % c.texts.len()].clone(),
                        counted: i % 2 == 0,
                        reasons: vec!["co-op", "not-tagged"],
                        missing_tags: vec![t(n + i + 5)],
                    });
                }
            }
            if let Some(rn) = r.renewal.as_mut() {
                rn.unit = t(n + 4);
                rn.days_left = c.numbers[1];
                rn.cycle = c.numbers[2] as u32;
                rn.cycle_number = rn.cycle.saturating_add(1);
                rn.window_opens = c.dates[(n + 2) % c.dates.len()];
                rn.units_required = c.units[0];
                rn.late_units = c.units[1];
                rn.units_counted = c.units[2];
                rn.units_needed = c.units[3];
                for (i, cat) in rn.categories.iter_mut().enumerate() {
                    cat.name = t(n + i + 5);
                    cat.earned = c.units[(i + 4) % c.units.len()];
                    cat.max = Some(c.units[(i + 5) % c.units.len()]);
                }
            }
            r
        })
        .collect()
}

fn diagnostic() -> impl Strategy<Value = Diagnostic> {
    (
        text(),
        prop::option::of(any::<usize>()),
        prop::option::of(0usize..1000),
        text(),
        prop::option::of(text()),
    )
        .prop_map(|(file, line, column, message, help)| Diagnostic {
            file,
            line,
            column,
            message,
            help,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every line written for a generated report parses, as JSON, to the
    /// value serde_json gives for the same report (and is its text).
    #[test]
    fn generated_reports_are_written_as_serde_writes_them(
        source in text(),
        id in text(),
        name in text(),
        as_of in any_date(),
        warnings in prop::collection::vec(text(), 0..3),
        picks in prop::collection::vec(0usize..16, 0..4),
        c in changes(),
        errors in prop::collection::vec(diagnostic(), 1..3),
        bad in prop::bool::weighted(0.2),
    ) {
        let outcome = if bad {
            Err(errors)
        } else {
            let warnings: Vec<&str> = warnings.iter().map(String::as_str).collect();
            let mut r = fixtures::report(as_of, generated_results(&picks, &c), &warnings);
            r.profile.name = name;
            r.profile.id = id.clone();
            Ok(r)
        };
        let s = Screened { source, id, outcome };
        let line = written(&s, as_of);
        prop_assert!(line.ends_with('\n') && line.matches('\n').count() == 1, "{}", line);
        // (both texts parsed alike: serde_json's parse of a long float may
        // land a step away from the float it wrote)
        let want = reference(&s, as_of);
        let got: serde_json::Value = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(got, serde_json::from_str::<serde_json::Value>(&want).unwrap());
        prop_assert_eq!(line, want);
    }
}
