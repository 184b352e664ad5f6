//! The HTML pages: key elements, escaping, determinism, no external URL
//! but the rule sources. (tests/suite/html_chromium.rs renders them in a browser.)

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
    let rules = crate::test_support::builtin_rules();
    let p = load("dana.toml", rules);
    let html = person(&p, rules);
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
    let rules = crate::test_support::builtin_rules();
    let p = load("sam.toml", rules);
    let html = person(&p, rules);
    for needle in [
        "data-requirement=\"experience\" data-met=\"true\" data-day=\"2022-06-30\"",
        "data-requirement=\"decision-making\" data-met=\"false\" data-day=\"2028-01-08\"",
        "<td class=\"day\">met on 2028-01-08 (projected)</td>",
        "<td class=\"day\">met since 2022-06-30</td>",
        "data-eligible-on=\"2028-01-08\"",
        "eligible on 2028-01-08",
        "<g class=\"role-row nocount\" data-start=\"2013-06-01\">",
        // the roles each experience requirement counted and left out
        "<p class=\"roles counted\">Counted: Production Supervisor at Brightline Components</p>",
        "<p class=\"roles left-out\">Left out: Quality Intern at Northwind Plastics \
         (internship, not decision-making), Quality Technician at Northwind Plastics (not \
         decision-making)</p>",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn same_input_same_bytes() {
    let rules = crate::test_support::builtin_rules();
    let p = load("dana.toml", rules);
    assert_eq!(person(&p, rules), person(&p, rules));
}

#[test]
fn user_text_is_escaped() {
    let rules = crate::test_support::builtin_rules();
    let text = r#"name = "<script>alert('x')</script> & \"Co\""
id = "<b>1</b>"
targets = ["cmq-oe"]
[[employment]]
employer = "<img src=x onerror=alert(1)>"
title = "A&B"
start = 2015-01-01
decision_making = true
"#;
    let p = profile::parse_bytes(text.as_bytes(), Path::new("x.toml"), rules).unwrap();
    let html = person(&p, rules);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>1</b>"));
    // maud leaves `'` as it is: harmless, as it writes every attribute in `"`
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(html.contains("A&amp;B at &lt;img src=x onerror=alert(1)&gt;"));
    // in the roles an experience requirement counted too
    assert!(html.contains(
        "<p class=\"roles counted\">Counted: A&amp;B at &lt;img src=x onerror=alert(1)&gt;</p>"
    ));
    let report = evaluate(rules, &p, as_of(), &Selection::Default);
    let roster = render_roster_reports(&[("<x>.toml".to_string(), report)]);
    assert!(!roster.contains("<script>alert"));
    assert!(roster.contains("&lt;x&gt;.toml"));
    assert!(!roster.contains("<b>1</b>"));
}

#[test]
fn roster_table_links_each_candidate_to_their_detail() {
    let rules = crate::test_support::builtin_rules();
    let dana = load("dana.toml", rules);
    let sam = load("sam.toml", rules);
    let rd = evaluate(rules, &dana, as_of(), &Selection::Default);
    let rs = evaluate(rules, &sam, as_of(), &Selection::Default);
    let ts = timeline(rules, &sam, &rs);
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
    assert!(html.contains("<tr data-index=\"0\" data-status=\"certified\"><td><a href=\"#candidate-1\">Dana Whitfield</a></td><td>C-1042</td><td>CMQ/OE</td><td class=\"status certified\" data-value=\"3:0000000000000740269\">certified</td><td data-value=\"\"></td><td data-value=\"2027-10-15\">2027-10-15</td><td>dana.toml</td></tr>"));
    assert!(html.contains("<tr data-index=\"2\" data-status=\"not-eligible\"><td><a href=\"#candidate-2\">Sam Okafor</a></td><td>sam</td><td>CMQ/OE</td><td class=\"status not-eligible\" data-value=\"2:0000000000000740354\">not eligible</td><td data-value=\"2028-01-08\">2028-01-08</td>"));
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
    let rules = crate::test_support::builtin_rules();
    let p = load("sam.toml", rules);
    let report = evaluate(rules, &p, as_of(), &Selection::Default);
    let t = timeline(rules, &p, &report);
    let a = vec![crate::eval::whatif::Assumption::Role {
        decision_making: false,
        tags: vec![],
        start: crate::dates::date(2027, 1, 1),
    }];
    let w = crate::eval::whatif::what_if(rules, &p, as_of(), &Selection::Default, &a).unwrap();
    let plans = crate::eval::plan::plan(rules, &p, as_of(), &Selection::Default);
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
    let rules = crate::test_support::builtin_rules();
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
    let p = profile::parse_bytes(text.as_bytes(), Path::new("x.toml"), rules).unwrap();
    for on in [date(1, 6, 1), as_of(), date(9999, 12, 31)] {
        let report = evaluate(rules, &p, on, &Selection::Default);
        let t = timeline(rules, &p, &report);
        let html = render_person(&PersonPage {
            report: &report,
            timeline: &t,
            what_if: None,
            plans: &[],
        });
        assert!(html.ends_with("</html>\n"));
    }
}

/// Text with every character HTML gives a meaning to, as it is written in
/// a TOML string, as it is read, and as the page must show it.
const NASTY_TOML: &str = r#"Zq<b>\"&'"#;
const NASTY: &str = r#"Zq<b>"&'"#;
const ESCAPED: &str = "Zq&lt;b&gt;&quot;&amp;'";

/// The built-in rules, with CMQ/OE's names, unit and a source made of
/// `NASTY`.
fn nasty_rules(dir: &Path) -> RuleSet {
    let mut text = include_str!("../../../rules/cmq-oe.toml").to_string();
    for (from, to) in [
        (
            "name = \"Certified Manager of Quality/Organizational Excellence\"",
            format!("name = \"{NASTY_TOML} cert\""),
        ),
        (
            "name = \"Work experience\"",
            format!("name = \"{NASTY_TOML} req\""),
        ),
        ("unit = \"RU\"", format!("unit = \"{NASTY_TOML}u\"")),
        (
            "name = \"Professional development\"",
            format!("name = \"{NASTY_TOML} category\""),
        ),
        (
            "source = \"https://asq.org/cert/faq/recertification-journal\"",
            format!("source = \"https://example.org/?a={NASTY_TOML}\""),
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, &to);
    }
    std::fs::write(dir.join("cmq-oe.toml"), text).unwrap();
    RuleSet::load(&[dir.to_path_buf()]).unwrap()
}

/// `NASTY` appears `at_least` times in `html`, and every time escaped.
fn all_escaped(html: &str, at_least: usize, what: &str) {
    let found = html.matches("Zq").count();
    assert!(found >= at_least, "{what}: {found} times, not {at_least}");
    assert_eq!(
        html.matches(ESCAPED).count(),
        found,
        "{what}: not escaped somewhere in {html}"
    );
    assert!(!html.contains(NASTY), "{what}");
}

/// The part of `html` from `start` to the next `end`.
fn part<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let j = html[i..].find(end).unwrap_or_else(|| panic!("no {end}"));
    &html[i..i + j]
}

#[test]
fn text_from_profiles_and_rules_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let rules = nasty_rules(dir.path());
    // holds CMQ/OE: units, categories, sources, a warning about an activity
    let holder = format!(
        r#"name = "{NASTY_TOML} name"
id = "{NASTY_TOML} id"
[[employment]]
employer = "{NASTY_TOML} employer"
title = "{NASTY_TOML} title"
start = 2008-06-01
decision_making = true
[[exams]]
id = "cmq-oe"
passed = 2021-09-18
[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [2024-09-02]
[[activities]]
date = 2020-11-07
certifications = ["cmq-oe"]
category = "professional-development"
units = 1.5
description = "{NASTY_TOML} activity"
[[activities]]
date = 2024-11-07
certifications = ["cmq-oe"]
category = "professional-development"
units = 1.5
"#
    );
    // works towards CMQ/OE: requirements in the table, the timeline and
    // the what-if comparison
    let candidate = format!(
        r#"name = "{NASTY_TOML} candidate"
targets = ["cmq-oe"]
[[employment]]
employer = "Acme"
title = "Clerk"
start = 2020-06-01
"#
    );
    let holder = profile::parse_bytes(holder.as_bytes(), Path::new("h.toml"), &rules).unwrap();
    let candidate =
        profile::parse_bytes(candidate.as_bytes(), Path::new("c.toml"), &rules).unwrap();
    let rh = evaluate(&rules, &holder, as_of(), &Selection::Default);
    let rc = evaluate(&rules, &candidate, as_of(), &Selection::Default);
    let (th, tc) = (
        timeline(&rules, &holder, &rh),
        timeline(&rules, &candidate, &rc),
    );

    let page = render_person(&PersonPage {
        report: &rh,
        timeline: &th,
        what_if: None,
        plans: &[],
    });
    all_escaped(&page, 15, "the holder's page");
    for (start, end, at_least, what) in [
        ("<title>", "</title>", 2, "the title"),
        ("<header>", "</header>", 2, "the heading"),
        ("<svg id=\"timeline-chart\"", "</svg>", 4, "the timeline"),
        ("<svg id=\"renewal-chart-", "</svg>", 4, "the units chart"),
        (
            "<table class=\"categories\">",
            "</table>",
            1,
            "the categories",
        ),
        ("<p class=\"sources\">", "</p>", 2, "the sources"),
        ("<section id=\"warnings\">", "</section>", 1, "the warnings"),
    ] {
        all_escaped(part(&page, start, end), at_least, what);
    }
    // in attributes too
    assert!(page.contains(&format!(
        "aria-label=\"{ESCAPED}u counted against 18 required\""
    )));
    assert!(page.contains(&format!("<a href=\"https://example.org/?a={ESCAPED}\"")));
    assert!(page.contains(&format!(
        "<title>1.5 {ESCAPED}u counted on 2024-11-07</title>"
    )));

    let a = vec![crate::eval::whatif::Assumption::Role {
        decision_making: true,
        tags: vec![],
        start: crate::dates::date(2027, 1, 1),
    }];
    let w =
        crate::eval::whatif::what_if(&rules, &candidate, as_of(), &Selection::Default, &a).unwrap();
    let page = render_person(&PersonPage {
        report: &rc,
        timeline: &tc,
        what_if: Some(&w),
        plans: &[],
    });
    all_escaped(&page, 6, "the candidate's page");
    for (start, end, at_least, what) in [
        ("<svg id=\"timeline-chart\"", "</svg>", 1, "the timeline"),
        (
            "<table class=\"requirements\">",
            "</table>",
            1,
            "the requirements",
        ),
        (
            "<section id=\"what-if\">",
            "</section>",
            1,
            "the what-if comparison",
        ),
    ] {
        all_escaped(part(&page, start, end), at_least, what);
    }

    let source = format!("{NASTY}.toml");
    let roster = render_roster(
        as_of(),
        &[
            RosterEntry {
                source: &source,
                report: &rh,
                timeline: Some(&th),
            },
            RosterEntry {
                source: &source,
                report: &rc,
                timeline: None,
            },
        ],
    );
    all_escaped(&roster, 25, "the roster");
    all_escaped(
        part(&roster, "<table id=\"roster\">", "</table>"),
        5,
        "the table",
    );
    assert_eq!(roster.matches("<script").count(), 1);
}

#[test]
fn words_and_order_come_from_the_vocabulary() {
    use crate::report::vocab;
    let rules = crate::test_support::builtin_rules();
    let (dana, sam) = (load("dana.toml", rules), load("sam.toml", rules));
    let rd = evaluate(rules, &dana, as_of(), &Selection::Default);
    let rs = evaluate(rules, &sam, as_of(), &Selection::Default);
    // the status line the text report has, its heading set apart
    let page = person(&sam, rules);
    let line = vocab::status_line(&rs.results[0], as_of());
    assert!(page.contains(&format!(
        "<p class=\"status-line\"><strong>{}</strong>{}</p>",
        line.heading, line.rest
    )));
    // a plan with no way to its goal says so as the text report does
    let plans = [crate::eval::plan::Plan {
        certification: "cmq-oe".to_string(),
        name: String::new(),
        status: crate::eval::Status::NotEligible,
        goal: crate::eval::plan::Goal::Eligible,
        options: Vec::new(),
    }];
    let t = timeline(rules, &sam, &rs);
    let page = render_person(&PersonPage {
        report: &rs,
        timeline: &t,
        what_if: None,
        plans: &plans,
    });
    assert!(page.contains(&format!(
        "<h3>CMQ/OE: ways to become eligible, soonest first</h3>\n<p>{}</p>",
        vocab::no_way("CMQ/OE", crate::eval::plan::Goal::Eligible)
    )));
    // the roster's status menu and sort: in the order to act on
    let html = render_roster_reports(&[("d".to_string(), rd), ("s".to_string(), rs)]);
    let menu: Vec<&str> = html
        .match_indices("<option value=\"")
        .map(|(i, _)| {
            let rest = &html[i + 15..];
            &rest[..rest.find('"').unwrap()]
        })
        .filter(|v| !v.is_empty())
        .collect();
    let order: Vec<&str> = vocab::ACT_FIRST.iter().map(|s| s.id()).collect();
    assert_eq!(menu, order);
    // (status, sort key) of each row, sorted as the browser does
    let mut rows: Vec<(&str, &str)> = html
        .match_indices("<td class=\"status ")
        .map(|(i, _)| {
            let rest = &html[i + 18..];
            let status = &rest[..rest.find('"').unwrap()];
            let key = &rest[rest.find("data-value=\"").unwrap() + 12..];
            (status, &key[..key.find('"').unwrap()])
        })
        .collect();
    rows.sort_by_key(|(_, key)| *key);
    let sorted: Vec<&str> = rows.iter().map(|(s, _)| *s).collect();
    assert_eq!(sorted, ["eligible", "not-eligible", "certified"]);
}

/// A timeline label is cut to its column's width in columns, so a role in
/// CJK (two columns a character) is cut at half the characters; a short
/// one, or one of plain ASCII that fits, is left whole.
#[test]
fn labels_are_cut_by_display_width() {
    assert_eq!(ellipsis("Quality Manager", 38), "Quality Manager");
    assert_eq!(ellipsis("abcdefghij", 6), "abcde…");
    let cut = ellipsis("品質管理部長兼生産計画課長", 10);
    assert_eq!(cut, "品質管理…");
    assert!(crate::report::text::display_width(&cut) <= 10);
}
