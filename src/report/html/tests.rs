//! The HTML pages: key elements, escaping, determinism, no external URL
//! but the rule sources. (tests/html_chromium.rs renders them in a browser.)

use std::path::Path;

use super::*;
use crate::eval::{Selection, evaluate, timeline::timeline};
use crate::profile::{self, Profile};
use crate::rules::RuleSet;

fn load(name: &str, rules: &RuleSet) -> Profile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    profile::parse_bytes(text.as_bytes(), &path, rules).unwrap()
}

fn as_of() -> Date {
    date(2026, 11, 25)
}

fn person(p: &Profile, rules: &RuleSet) -> String {
    let report = evaluate(rules, p, as_of(), &Selection::Default);
    let t = timeline(rules, p, &report);
    render_person(&PersonPage {
        report: &report,
        timeline: &t,
        what_if: None,
        plans: &[],
    })
}

/// Every `http(s)://` in the page, up to the next quote, `<` or space.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("http") {
        let tail = &rest[i..];
        if tail.starts_with("http://") || tail.starts_with("https://") {
            let end = tail.find(['"', '<', ' ', '\'']).unwrap_or(tail.len());
            out.push(tail[..end].to_string());
            rest = &tail[end..];
        } else {
            rest = &tail[4..];
        }
    }
    out
}

#[test]
fn dana_page_has_the_timeline_requirements_and_units() {
    let rules = RuleSet::builtin().unwrap();
    let p = load("dana.toml", &rules);
    let html = person(&p, &rules);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.ends_with("</html>\n"));
    for needle in [
        "<svg id=\"timeline-chart\"",
        "<g class=\"role-row dm\" data-start=\"2013-09-01\">",
        "<g class=\"role-row plain\" data-start=\"2008-06-01\">",
        "Quality Manager at Acme Fabrication · decision-making",
        "<section class=\"cert\" id=\"cert-cmq-oe\" data-status=\"certified\">",
        "<section class=\"cert\" id=\"cert-cpim\" data-status=\"eligible\">",
        "<svg id=\"renewal-chart-cmq-oe\" class=\"renewal-chart\"",
        "18 RU required",
        "8.5 RU counted",
        "cycle ends 2027-10-15",
        "grace until 2028-04-15",
        "as of 2026-11-25",
        "<title>renewed on 2024-09-02</title>",
        "<title>8.5 RU counted on 2026-06-20</title>",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // the only URLs are the rule sources, as links
    let rules_text = concat!(
        include_str!("../../../rules/cmq-oe.toml"),
        include_str!("../../../rules/cpim.toml")
    );
    let found = urls(&html);
    assert!(!found.is_empty());
    for u in &found {
        assert!(rules_text.contains(u.as_str()), "not a rule source: {u}");
        assert!(
            html.contains(&format!("<a href=\"{u}\" rel=\"noreferrer\">")),
            "{u}"
        );
    }
    // no script, no external asset
    assert!(!html.contains("<script"));
    assert!(!html.contains(" src="));
    assert!(!html.contains("<link"));
}

#[test]
fn sam_page_shows_the_days_to_come() {
    let rules = RuleSet::builtin().unwrap();
    let p = load("sam.toml", &rules);
    let html = person(&p, &rules);
    for needle in [
        "data-requirement=\"experience\" data-met=\"true\" data-day=\"2022-06-30\"",
        "data-requirement=\"decision-making\" data-met=\"false\" data-day=\"2028-01-08\"",
        "<td class=\"day\">met on 2028-01-08 (projected)</td>",
        "<td class=\"day\">met since 2022-06-30</td>",
        "data-eligible-on=\"2028-01-08\"",
        "eligible on 2028-01-08",
        "<g class=\"role-row nocount\" data-start=\"2013-06-01\">",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn same_input_same_bytes() {
    let rules = RuleSet::builtin().unwrap();
    let p = load("dana.toml", &rules);
    assert_eq!(person(&p, &rules), person(&p, &rules));
}

#[test]
fn user_text_is_escaped() {
    let rules = RuleSet::builtin().unwrap();
    let text = r#"name = "<script>alert('x')</script> & \"Co\""
id = "<b>1</b>"
targets = ["cmq-oe"]
[[employment]]
employer = "<img src=x onerror=alert(1)>"
title = "A&B"
start = 2015-01-01
decision_making = true
"#;
    let p = profile::parse_bytes(text.as_bytes(), Path::new("x.toml"), &rules).unwrap();
    let html = person(&p, &rules);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>1</b>"));
    // maud leaves `'` as it is: harmless, as it writes every attribute in `"`
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(html.contains("A&amp;B at &lt;img src=x onerror=alert(1)&gt;"));
    let report = evaluate(&rules, &p, as_of(), &Selection::Default);
    let roster = render_roster_reports(&[("<x>.toml".to_string(), report)]);
    assert!(!roster.contains("<script>alert"));
    assert!(roster.contains("&lt;x&gt;.toml"));
    assert!(!roster.contains("<b>1</b>"));
}

#[test]
fn roster_table_links_each_candidate_to_their_detail() {
    let rules = RuleSet::builtin().unwrap();
    let dana = load("dana.toml", &rules);
    let sam = load("sam.toml", &rules);
    let rd = evaluate(&rules, &dana, as_of(), &Selection::Default);
    let rs = evaluate(&rules, &sam, as_of(), &Selection::Default);
    let ts = timeline(&rules, &sam, &rs);
    let html = render_roster(
        as_of(),
        &[
            RosterEntry {
                source: "dana.toml",
                report: &rd,
                timeline: None,
            },
            RosterEntry {
                source: "sam.toml",
                report: &rs,
                timeline: Some(&ts),
            },
        ],
    );
    // one row per candidate and certification, in order
    let rows: Vec<&str> = html
        .match_indices("<tr data-index=")
        .map(|(i, _)| &html[i..i + 40])
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(html.contains("<tr data-index=\"0\" data-status=\"certified\"><td><a href=\"#candidate-1\">Dana Whitfield</a></td><td>C-1042</td><td>CMQ/OE</td><td class=\"status certified\" data-value=\"5\">certified</td><td data-value=\"\"></td><td data-value=\"2027-10-15\">2027-10-15</td><td>dana.toml</td></tr>"));
    assert!(html.contains("<tr data-index=\"2\" data-status=\"not-eligible\"><td><a href=\"#candidate-2\">Sam Okafor</a></td><td>sam</td><td>CMQ/OE</td><td class=\"status not-eligible\" data-value=\"2\">not eligible</td><td data-value=\"2028-01-08\">2028-01-08</td>"));
    // the details, with unique ids
    assert!(html.contains("<section class=\"person\" id=\"candidate-1\">"));
    assert!(html.contains("<section class=\"person\" id=\"candidate-2\">"));
    assert!(html.contains("id=\"candidate-1-cert-cmq-oe\""));
    assert!(html.contains("id=\"candidate-2-cert-cmq-oe\""));
    assert!(html.contains("id=\"candidate-2-timeline\""));
    assert!(!html.contains("id=\"candidate-1-timeline\""));
    assert!(html.contains("<table id=\"roster\">"));
    assert!(html.contains("<input id=\"filter\""));
    assert!(html.contains("<select id=\"status-filter\">"));
    // deterministic, and the only script is inline
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<script src"));
    let again = render_roster(
        as_of(),
        &[
            RosterEntry {
                source: "dana.toml",
                report: &rd,
                timeline: None,
            },
            RosterEntry {
                source: "sam.toml",
                report: &rs,
                timeline: Some(&ts),
            },
        ],
    );
    assert_eq!(html, again);
}

#[test]
fn what_if_and_plan_sections() {
    let rules = RuleSet::builtin().unwrap();
    let p = load("sam.toml", &rules);
    let report = evaluate(&rules, &p, as_of(), &Selection::Default);
    let t = timeline(&rules, &p, &report);
    let a = vec![crate::eval::whatif::Assumption::parse("role=2027-01-01").unwrap()];
    let w = crate::eval::whatif::what_if(&rules, &p, as_of(), &Selection::Default, &a).unwrap();
    let plans = crate::eval::plan::plan(&rules, &p, as_of(), &Selection::Default);
    let html = render_person(&PersonPage {
        report: &report,
        timeline: &t,
        what_if: Some(&w),
        plans: &plans,
    });
    assert!(html.contains("<section id=\"what-if\">"));
    assert!(html.contains("<tr class=\"changed\"><th>Prerequisites met on</th><td>2028-01-08</td><td>– <strong>(changed)</strong></td></tr>"), "{}", &html[html.find("what-if").unwrap()..]);
    assert!(html.contains("<section id=\"plan\">"));
    assert!(html.contains("<li data-on=\"2028-01-08\"><strong>2028-01-08</strong>: Keep your current decision-making role (Production Supervisor at Brightline Components) until 2028-01-08</li>"));
}

#[test]
fn extreme_dates_do_not_break_the_page() {
    let rules = RuleSet::builtin().unwrap();
    let text = r#"name = "Old"
targets = ["cmq-oe"]
[[education]]
level = "master"
completed = 0001-01-01
[[employment]]
start = 0001-01-02
decision_making = true
[[employment]]
start = 9999-12-31
"#;
    let p = profile::parse_bytes(text.as_bytes(), Path::new("x.toml"), &rules).unwrap();
    for on in [date(1, 6, 1), as_of(), date(9999, 12, 31)] {
        let report = evaluate(&rules, &p, on, &Selection::Default);
        let t = timeline(&rules, &p, &report);
        let html = render_person(&PersonPage {
            report: &report,
            timeline: &t,
            what_if: None,
            plans: &[],
        });
        assert!(html.ends_with("</html>\n"));
    }
}

