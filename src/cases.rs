//! Rule test cases: a profile, a day, and what the rules must say about it,
//! kept as data (`tests/rules/<certification>/*.toml`) and run through the
//! library by `certcheck rules test` and by `cargo test`. The format is
//! documented in `docs/rules.md` ("Testing a rule file"). A layer above the
//! evaluator (it judges profiles), so it is not part of `rules`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::dates::{Date, parse_date};
use crate::error::{Diagnostic, Error, did_you_mean};
use crate::eval::{self, CertResult, Route, Selection, Status, Warning};
use crate::profile::{self, Profile};
use crate::rules::RuleSet;
use crate::rules::load::{from_toml, read_rule_file, unreadable};
use crate::rules::raw::RawDate;
use crate::show::{Shown, ShownPath};
use crate::units::Units;

/// One test case, loaded and checked.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case file.
    pub file: PathBuf,
    pub description: Option<String>,
    /// The certification judged: `cert`, or the name of the case's folder.
    pub cert: String,
    pub as_of: Date,
    pub profile: Profile,
    pub expect: Expect,
}

/// What the case expects. `None` fields are not checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    pub status: Status,
    /// `Some(None)`: `eligible_on` must be null (`"none"` in the file).
    pub eligible_on: Option<Option<Date>>,
    pub edition: Option<String>,
    /// Requirement (or path) id → met.
    pub requirements: Vec<(String, bool)>,
    pub renewal: Option<ExpectRenewal>,
    /// The kinds of the report's warnings (see [`Warning::kind`]), sorted,
    /// each once: exactly these, `[]` for none.
    pub warnings: Option<Vec<String>>,
}

/// Renewal figures a case may pin.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExpectRenewal {
    pub cycle_start: Option<Date>,
    pub cycle_end: Option<Date>,
    pub grace_until: Option<Date>,
    pub units_required: Option<Units>,
    pub units_counted: Option<Units>,
    pub units_needed: Option<Units>,
    pub ready: Option<bool>,
    /// Units carried over from the previous cycle (0 for none).
    pub carry_over: Option<Units>,
    /// The edition that judged the cycle.
    pub edition: Option<String>,
    /// `Some(None)`: `by_exam_until` must be null (`"none"` in the file).
    pub by_exam_until: Option<Option<Date>>,
    /// `Some(None)`: `route` must be null (`"null"` in the file, since
    /// `"none"` is a route).
    pub route: Option<Option<Route>>,
    /// Category id → units counted.
    pub categories: Vec<(String, Units)>,
}

/// One difference between what a case expects and what the rules say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// `status`, `eligible_on`, `renewal.units_counted`, `requirements.degree`
    pub field: String,
    pub expected: String,
    pub actual: String,
}

/// A case run: the result the rules gave and how it differs.
#[derive(Clone, Debug)]
pub struct Outcome<'r> {
    pub case: Case,
    pub result: Option<CertResult<'r>>,
    pub mismatches: Vec<Mismatch>,
}

impl Outcome<'_> {
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

// ----- the file as written ---------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    description: Option<String>,
    cert: Option<Spanned<String>>,
    as_of: Spanned<RawDate>,
    /// A path (relative to the case file) or an inline table, read apart
    /// with the strict profile loader.
    profile: Spanned<RawProfile>,
    expect: RawExpect,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawProfile {
    Path(String),
    Inline(
        #[expect(
            dead_code,
            reason = "read again, with positions, by the profile loader"
        )]
        toml::Table,
    ),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    status: Spanned<String>,
    eligible_on: Option<Spanned<toml::Value>>,
    edition: Option<String>,
    #[serde(default)]
    requirements: toml::Table,
    renewal: Option<RawRenewal>,
    warnings: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRenewal {
    cycle_start: Option<RawDate>,
    cycle_end: Option<RawDate>,
    grace_until: Option<RawDate>,
    units_required: Option<Units>,
    units_counted: Option<Units>,
    units_needed: Option<Units>,
    ready: Option<bool>,
    carry_over: Option<Units>,
    edition: Option<String>,
    by_exam_until: Option<Spanned<toml::Value>>,
    route: Option<Spanned<String>>,
    #[serde(default)]
    categories: toml::Table,
}

// ----- loading -----------------------------------------------------------------

/// The `*.toml` files under `dir`, at any depth, sorted by path: every
/// entry so named but a folder, so that a broken one (a dangling link, a
/// FIFO) is an error when it is read, not a case silently left out.
pub fn find_cases(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let read_err = |source| Error::Read {
            path: d.clone(),
            source,
        };
        for entry in std::fs::read_dir(&d).map_err(read_err)? {
            let entry = entry.map_err(read_err)?;
            let path = entry.path();
            // not through symbolic links to folders, which may loop
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") && !path.is_dir() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and checks one case file against `rules`; every problem is a
/// diagnostic at its line and column.
pub fn load_case(path: &Path, rules: &RuleSet) -> Result<Case, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let text = read_rule_file(path).map_err(|e| vec![unreadable(path, e)])?;
    let raw: RawCase = from_toml(&text, &file).map_err(|d| vec![d])?;
    let src = Source {
        file: &file,
        text: &text,
    };
    let mut diags = Vec::new();
    let cert = case_cert(&raw, path, rules, &src, &mut diags);
    let expect = read_expect(&raw.expect, &text, &file, &mut diags);
    let profile = case_profile(&raw, path, rules, &src, &mut diags);
    match (profile, expect) {
        (Some(profile), Some(expect)) if diags.is_empty() => Ok(Case {
            file: path.to_path_buf(),
            description: raw.description,
            cert,
            as_of: raw.as_of.get_ref().0,
            profile,
            expect,
        }),
        _ => {
            diags.sort_by_key(|d| (d.line, d.column));
            Err(diags)
        }
    }
}

/// A case file's name and text, for diagnostics that point into it.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn diag(&self, at: usize, msg: String, help: Option<String>) -> Diagnostic {
        let d = Diagnostic::new(self.file, msg).at(self.text, at);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

/// The certification: `cert`, or the folder's name; a diagnostic when the
/// rules do not define it.
fn case_cert(
    raw: &RawCase,
    path: &Path,
    rules: &RuleSet,
    src: &Source<'_>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let (cert, cert_at) = match &raw.cert {
        Some(c) => (c.get_ref().clone(), c.span().start),
        None => (
            path.parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            0,
        ),
    };
    let known = rules.ids();
    if !rules.contains(&cert) {
        let help = match did_you_mean(&cert, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("loaded certifications: {}", known.join(", ")),
        };
        let msg = if raw.cert.is_some() {
            format!("unknown certification `{cert}`")
        } else {
            format!(
                "unknown certification `{cert}` (the name of the case's folder); name it with `cert = \"...\"`"
            )
        };
        diags.push(src.diag(cert_at, msg, Some(help)));
    }
    cert
}

/// The profile: a file next to the case, or the inline `[profile]` table,
/// read by the strict profile loader.
fn case_profile(
    raw: &RawCase,
    path: &Path,
    rules: &RuleSet,
    src: &Source<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Profile> {
    let at = raw.profile.span().start;
    match raw.profile.get_ref() {
        RawProfile::Path(p) => {
            let full = path.parent().unwrap_or(Path::new(".")).join(p);
            match profile::load_file(&full, rules) {
                Ok(p) => Some(p),
                Err(Error::Profile(d)) => {
                    diags.extend(d);
                    None
                }
                Err(e) => {
                    diags.push(src.diag(at, e.to_string(), None));
                    None
                }
            }
        }
        RawProfile::Inline(_) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let table = DeTable::parse(src.text).ok();
            let inline = table
                .as_ref()
                .and_then(|t| match t.get_ref().get("profile") {
                    Some(v) => match v.get_ref() {
                        DeValue::Table(t) => Some(t),
                        _ => None,
                    },
                    None => None,
                });
            let Some(t) = inline else {
                diags.push(src.diag(at, "cannot read the `[profile]` table".into(), None));
                return None;
            };
            match profile::load::check_table(t, src.text, src.file, &stem, rules) {
                Ok(p) => Some(p),
                Err(d) => {
                    diags.extend(d);
                    None
                }
            }
        }
    }
}

fn read_expect(
    e: &RawExpect,
    text: &str,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Expect> {
    let at = |offset: usize, msg: String, help: &str| {
        Diagnostic::new(file, msg).at(text, offset).with_help(help)
    };
    let status_text = e.status.get_ref().as_str();
    let status = Status::ALL.into_iter().find(|s| s.id() == status_text);
    if status.is_none() {
        let ids = Status::ALL.map(Status::id);
        let help = match did_you_mean(status_text, ids) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("expected one of {}", ids.join(", ")),
        };
        diags.push(at(
            e.status.span().start,
            format!("unknown status `{status_text}`"),
            &help,
        ));
    }
    let mut date_or_none = |key: &str, v: &Spanned<toml::Value>| {
        let read = match v.get_ref() {
            toml::Value::String(s) if s == "none" => Some(None),
            toml::Value::String(s) => parse_date(s).map(Some),
            toml::Value::Datetime(d) => d
                .date
                .filter(|_| d.time.is_none())
                .and_then(|d| Date::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()))
                .map(Some),
            _ => None,
        };
        if read.is_none() {
            diags.push(at(
                v.span().start,
                format!("`{key}` must be a date or `\"none\"`"),
                &format!(
                    "write `{key} = 2027-09-30`, or `{key} = \"none\"` where the report has none"
                ),
            ));
        }
        read
    };
    let eligible_on = e
        .eligible_on
        .as_ref()
        .and_then(|v| date_or_none("eligible_on", v));
    let by_exam_until = e
        .renewal
        .as_ref()
        .and_then(|r| r.by_exam_until.as_ref())
        .and_then(|v| date_or_none("by_exam_until", v));
    let mut requirements = Vec::new();
    for (id, met) in &e.requirements {
        match met.as_bool() {
            Some(b) => requirements.push((id.clone(), b)),
            None => diags.push(Diagnostic::new(
                file,
                format!("`expect.requirements.{id}` must be `true` or `false`"),
            )),
        }
    }
    let route = e
        .renewal
        .as_ref()
        .and_then(|r| r.route.as_ref())
        .and_then(|v| {
            let text = v.get_ref().as_str();
            if text == "null" {
                return Some(None);
            }
            let found = Route::ALL.into_iter().find(|r| r.id() == text);
            if found.is_none() {
                let ids = Route::ALL.map(Route::id);
                let help = match did_you_mean(text, ids) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "expected one of {}, or `null` where the report has none",
                        ids.join(", ")
                    ),
                };
                diags.push(at(v.span().start, format!("unknown route `{text}`"), &help));
            }
            found.map(Some)
        });
    let mut categories = Vec::new();
    if let Some(r) = &e.renewal {
        for (id, v) in &r.categories {
            let units = match v {
                toml::Value::Integer(i) => i.to_string().parse::<Units>().ok(),
                toml::Value::Float(f) => f.to_string().parse::<Units>().ok(),
                _ => None,
            };
            match units {
                Some(u) => categories.push((id.clone(), u)),
                None => diags.push(Diagnostic::new(
                    file,
                    format!("`expect.renewal.categories.{id}` must be a number of units"),
                )),
            }
        }
    }
    let renewal = e.renewal.as_ref().map(|r| ExpectRenewal {
        cycle_start: r.cycle_start.as_ref().map(|d| d.0),
        cycle_end: r.cycle_end.as_ref().map(|d| d.0),
        grace_until: r.grace_until.as_ref().map(|d| d.0),
        units_required: r.units_required,
        units_counted: r.units_counted,
        units_needed: r.units_needed,
        ready: r.ready,
        carry_over: r.carry_over,
        edition: r.edition.clone(),
        by_exam_until,
        route,
        categories,
    });
    let warnings = e.warnings.as_ref().map(|list| {
        let mut kinds = Vec::new();
        for w in list {
            let kind = w.get_ref();
            if Warning::KINDS.contains(&kind.as_str()) {
                kinds.push(kind.clone());
            } else {
                let help = match did_you_mean(kind, Warning::KINDS.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("expected one of {}", Warning::KINDS.join(", ")),
                };
                diags.push(at(
                    w.span().start,
                    format!("unknown warning kind `{kind}`"),
                    &help,
                ));
            }
        }
        kinds.sort();
        kinds.dedup();
        kinds
    });
    Some(Expect {
        status: status?,
        eligible_on,
        edition: e.edition.clone(),
        requirements,
        renewal,
        warnings,
    })
}

// ----- running -------------------------------------------------------------------

/// Judges a case and compares the result with what it expects.
pub fn run_case<'r>(case: &Case, rules: &'r RuleSet) -> Outcome<'r> {
    let report = eval::evaluate(
        rules,
        &case.profile,
        case.as_of,
        &Selection::Only(vec![case.cert.clone()]),
    );
    let mut kinds: Vec<&str> = report.warnings.iter().map(Warning::kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let result = report.results.into_iter().next();
    let mismatches = match &result {
        Some(r) => {
            let mut m = compare(&case.expect, r);
            if let Some(want) = &case.expect.warnings {
                let show = |v: &[&str]| format!("[{}]", v.join(", "));
                let want: Vec<&str> = want.iter().map(String::as_str).collect();
                if want != kinds {
                    m.push(Mismatch {
                        field: "warnings".into(),
                        expected: show(&want),
                        actual: show(&kinds),
                    });
                }
            }
            m
        }
        None => vec![Mismatch {
            field: "result".into(),
            expected: format!("a result for `{}`", case.cert),
            actual: "none".into(),
        }],
    };
    Outcome {
        case: case.clone(),
        result,
        mismatches,
    }
}

fn show_date(d: Option<Date>) -> String {
    d.map_or_else(|| "none".to_string(), |d| d.to_string())
}

/// Every expected field that differs, in a fixed order.
pub fn compare(e: &Expect, r: &CertResult) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut check = |field: &str, expected: String, actual: String| {
        if expected != actual {
            out.push(Mismatch {
                field: field.to_string(),
                expected,
                actual,
            });
        }
    };
    check("status", e.status.id().into(), r.status.id().into());
    if let Some(on) = e.eligible_on {
        check("eligible_on", show_date(on), show_date(r.eligible_on));
    }
    if let Some(ed) = &e.edition {
        check("edition", ed.clone(), r.edition.to_string());
    }
    for (id, met) in &e.requirements {
        let actual = r
            .requirements
            .iter()
            .find(|q| q.id == id)
            .map_or_else(|| "no such requirement".to_string(), |q| q.met.to_string());
        check(&format!("requirements.{id}"), met.to_string(), actual);
    }
    if let Some(x) = &e.renewal {
        let Some(rn) = &r.renewal else {
            check("renewal", "a renewal".into(), "none".into());
            return out;
        };
        let dates = [
            ("renewal.cycle_start", x.cycle_start, rn.cycle_start),
            ("renewal.cycle_end", x.cycle_end, rn.cycle_end),
            ("renewal.grace_until", x.grace_until, rn.grace_until),
        ];
        for (field, want, got) in dates {
            if let Some(want) = want {
                check(field, want.to_string(), got.to_string());
            }
        }
        let carried = rn.carry_over.as_ref().map_or(Units::ZERO, |c| c.units);
        let units = [
            (
                "renewal.units_required",
                x.units_required,
                rn.units_required,
            ),
            ("renewal.units_counted", x.units_counted, rn.units_counted),
            ("renewal.units_needed", x.units_needed, rn.units_needed),
            ("renewal.carry_over", x.carry_over, carried),
        ];
        for (field, want, got) in units {
            if let Some(want) = want {
                check(field, want.to_string(), got.to_string());
            }
        }
        if let Some(ready) = x.ready {
            check("renewal.ready", ready.to_string(), rn.ready.to_string());
        }
        if let Some(ed) = &x.edition {
            check("renewal.edition", ed.clone(), rn.edition.to_string());
        }
        if let Some(want) = x.by_exam_until {
            check(
                "renewal.by_exam_until",
                show_date(want),
                show_date(rn.by_exam_until),
            );
        }
        if let Some(want) = x.route {
            let show = |r: Option<Route>| r.map_or("null", Route::id).to_string();
            check("renewal.route", show(want), show(rn.route));
        }
        for (id, want) in &x.categories {
            let got = rn
                .categories
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| "no such category".to_string(), |c| c.counted.to_string());
            check(&format!("renewal.categories.{id}"), want.to_string(), got);
        }
    }
    out
}

/// A failed case for a person: which file, what was judged, and each
/// difference as a `-` expected / `+` got pair, then what the rules said.
pub fn render_failure(o: &Outcome) -> String {
    let c = &o.case;
    let mut s = format!("FAIL {}", ShownPath(&c.file));
    if let Some(d) = &c.description {
        let _ = write!(s, ": {}", Shown(d));
    }
    let edition = o
        .result
        .as_ref()
        .map(|r| format!(", rules edition {}", Shown(r.edition)))
        .unwrap_or_default();
    let _ = writeln!(s, "\n  `{}` as of {}{edition}", Shown(&c.cert), c.as_of);
    let _ = writeln!(s, "  (- expected, + got)");
    let width = o
        .mismatches
        .iter()
        .map(|m| m.field.len())
        .max()
        .unwrap_or(0);
    for m in &o.mismatches {
        let _ = writeln!(s, "  - {:width$}  {}", m.field, Shown(&m.expected));
        let _ = writeln!(s, "  + {:width$}  {}", m.field, Shown(&m.actual));
    }
    if let Some(r) = &o.result {
        let _ = writeln!(s, "  what the rules said:");
        for q in &r.requirements {
            let mark = if q.met { '✓' } else { '✗' };
            let summary = q.summary_display().to_string();
            let _ = writeln!(s, "    {mark} {}: {}", q.id, Shown(&summary));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    const CASE: &str = r#"description = "a CPIM holder in grace"
as_of = 2026-03-15

[profile]
name = "Pat"
[[profile.certifications]]
id = "cpim"
earned = 2020-10-10

[expect]
status = "grace"
eligible_on = "none"
edition = "90-day suspension"
[expect.requirements]
recertification = false
[expect.renewal]
cycle_end = 2025-10-31
grace_until = 2026-01-29
units_counted = 0
"#;

    #[test]
    fn a_case_loads_runs_and_reports_each_difference() {
        let rules = crate::test_support::builtin_rules();
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "cpim/grace.toml", CASE);
        let case = load_case(&p, rules).unwrap_or_else(|d| panic!("{d:#?}"));
        assert_eq!(case.cert, "cpim");
        assert_eq!(case.profile.name, "Pat");
        assert_eq!(case.profile.id, "grace");
        let o = run_case(&case, rules);
        // 2026-03-15 is after the 90 days that follow 2025-10-31: lapsed
        assert!(!o.passed());
        assert_eq!(
            o.mismatches,
            vec![Mismatch {
                field: "status".into(),
                expected: "grace".into(),
                actual: "lapsed".into()
            }]
        );
        let text = render_failure(&o);
        assert!(
            text.starts_with(&format!(
                "FAIL {}: a CPIM holder in grace\n  `cpim` as of 2026-03-15, rules edition 90-day suspension\n  (- expected, + got)\n  - status  grace\n  + status  lapsed\n",
                p.display()
            )),
            "{text}"
        );
        // on a day inside the 90 days, it passes
        let p = write(
            dir.path(),
            "cpim/grace.toml",
            &CASE.replace("2026-03-15", "2026-01-29"),
        );
        let o = run_case(&load_case(&p, rules).unwrap(), rules);
        assert!(o.passed(), "{}", render_failure(&o));
    }

    #[test]
    fn bad_cases_point_at_the_problem() {
        let rules = crate::test_support::builtin_rules();
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "cpm/x.toml",
            &CASE
                .replace("status = \"grace\"", "status = \"gracee\"")
                .replace("earned = 2020-10-10", "earned = 2020-10-10\nrenewal = []"),
        );
        let d = load_case(&p, rules).unwrap_err();
        let got: Vec<(String, Option<usize>)> = d.iter().map(|d| (d.to_string(), d.line)).collect();
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0]
                .0
                .contains("unknown certification `cpm` (the name of the case's folder)")
        );
        assert!(got[0].0.contains("did you mean `cpim`?"), "{}", got[0].0);
        assert!(got[1].0.contains("unknown key `renewal`"), "{}", got[1].0);
        assert_eq!(got[1].1, Some(9));
        assert!(got[2].0.contains("unknown status `gracee`"));
        assert!(got[2].0.contains("did you mean `grace`?"));
        // an unknown key of the case itself
        let p = write(
            dir.path(),
            "cpim/y.toml",
            &format!("asof = 2026-01-01\n{CASE}"),
        );
        let d = load_case(&p, rules).unwrap_err();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "unknown key `asof`");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `as_of`?"));
        assert_eq!(d[0].line, Some(1));
    }

    #[test]
    fn a_profile_file_next_to_the_case() {
        let rules = crate::test_support::builtin_rules();
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "profiles/pat.toml",
            "name = \"Pat\"\n[[certifications]]\nid = \"cpim\"\nearned = 2020-10-10\n",
        );
        let body = CASE
            .split("[expect]")
            .nth(1)
            .unwrap()
            .replace("2026-03-15", "2026-01-29");
        let p = write(
            dir.path(),
            "cases/cpim/file.toml",
            &format!("as_of = 2026-01-29\nprofile = \"../../profiles/pat.toml\"\n[expect]{body}"),
        );
        let case = load_case(&p, rules).unwrap_or_else(|d| panic!("{d:#?}"));
        assert_eq!(case.profile.id, "pat");
        assert!(run_case(&case, rules).passed());
        assert_eq!(find_cases(dir.path()).unwrap().len(), 2);
    }

    #[test]
    fn a_case_may_pin_the_cycles_edition_route_categories_and_warnings() {
        let rules = crate::test_support::builtin_rules();
        let dir = tempfile::tempdir().unwrap();
        let extra = "edition = \"90-day suspension\"\nby_exam_until = \"none\"\nroute = \"none\"\n[expect.renewal.categories]\nmembership = 0\n";
        let text = format!(
            "{}{extra}",
            CASE.replace("2026-03-15", "2026-01-29").replace(
                "[expect.requirements]",
                "warnings = []\n[expect.requirements]"
            )
        );
        let p = write(dir.path(), "cpim/route.toml", &text);
        let case = load_case(&p, rules).unwrap_or_else(|d| panic!("{d:#?}"));
        let o = run_case(&case, rules);
        assert!(o.passed(), "{}", render_failure(&o));
        // each pin is checked
        let wrong = text
            .replace("route = \"none\"", "route = \"exam\"")
            .replace("by_exam_until = \"none\"", "by_exam_until = 2026-10-31")
            .replace("membership = 0", "membership = 2.5")
            .replace("warnings = []", "warnings = [\"renewal-outside-window\"]")
            .replace(
                "edition = \"90-day suspension\"\nby_exam",
                "edition = \"2013\"\nby_exam",
            );
        let p = write(dir.path(), "cpim/route.toml", &wrong);
        let o = run_case(&load_case(&p, rules).unwrap(), rules);
        let fields: Vec<(&str, &str, &str)> = o
            .mismatches
            .iter()
            .map(|m| (m.field.as_str(), m.expected.as_str(), m.actual.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("renewal.edition", "2013", "90-day suspension"),
                ("renewal.by_exam_until", "2026-10-31", "none"),
                ("renewal.route", "exam", "none"),
                ("renewal.categories.membership", "2.5", "0"),
                ("warnings", "[renewal-outside-window]", "[]"),
            ]
        );
        // a warning kind or a route that is not one: the nearest
        let p = write(
            dir.path(),
            "cpim/route.toml",
            &text
                .replace("warnings = []", "warnings = [\"renewal-outside-windo\"]")
                .replace("route = \"none\"", "route = \"exams\""),
        );
        let d = load_case(&p, rules).unwrap_err();
        let got: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].contains("unknown warning kind `renewal-outside-windo`"));
        assert!(got[0].contains("did you mean `renewal-outside-window`?"));
        assert!(got[1].contains("unknown route `exams`"));
        assert!(got[1].contains("did you mean `exam`?"));
    }
}
