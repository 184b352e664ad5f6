//! The HTML report: one self-contained page (inline CSS and SVG, a little
//! inline script for the roster; no external asset, so it works offline).
//!
//! For a person ([`render_person`], `check --format html`): a timeline of
//! their roles (decision-making marked), degrees and exams, the day each
//! requirement was or will be met, the recertification cycles, and for each
//! held certification the units accumulating against the requirement and
//! the deadline. For a roster ([`render_roster`]): a sortable, filterable
//! table of every candidate's status, each linking to their detail below.
//!
//! The page is deterministic (the same input gives the same bytes: no
//! clock, no randomness, fixed number formatting), every piece of user text
//! is escaped, and the only external URLs are the rule sources, as links.

use std::fmt::Write as _;

use crate::dates::{Date, add_days, add_years, date, day_number, days_between};
use crate::eval::plan::{Goal, Plan};
use crate::eval::timeline::{CertTimeline, Progress, Timeline};
use crate::eval::whatif::WhatIf;
use crate::eval::{CertResult, Report, Status};
use crate::units::Units;

use super::short_name;
use super::text::status_words;
use super::whatif::{requirement_cell, status_short};

/// One person's page.
pub struct PersonPage<'a> {
    pub report: &'a Report<'a>,
    pub timeline: &'a Timeline,
    /// `check --assume`: the comparison, shown after the certifications.
    pub what_if: Option<&'a WhatIf<'a>>,
    /// `check --plan`: the options, shown after the certifications.
    pub plans: &'a [Plan],
}

/// One candidate of a roster.
pub struct RosterEntry<'a> {
    /// Where the candidate came from (a file name), shown in the table.
    pub source: &'a str,
    pub report: &'a Report<'a>,
    /// With it, the candidate's detail has the timeline too.
    pub timeline: Option<&'a Timeline>,
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A token safe in an `id` or a class: letters, digits and `-`.
fn slug(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if t.is_empty() { "x".to_string() } else { t }
}

const STYLE: &str = r#"
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa;
  --dm:#0969da; --role:#8ab4e8; --nocount:#c8ccd1; --met:#1a7f37; --unmet:#cf222e; --soon:#9a6700; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  color: var(--ink); background: var(--bg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1180px; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.muted, .asof { color: var(--muted); }
.badge { display: inline-block; font-size: 13px; font-weight: 600; padding: 1px 9px; border-radius: 11px;
  vertical-align: 3px; margin-left: 8px; color: #fff; background: var(--muted); }
.badge.not-eligible { background: var(--soon); } .badge.eligible { background: #2f81f7; }
.badge.requirements-met, .badge.certified { background: var(--met); }
.badge.grace { background: var(--soon); } .badge.lapsed { background: var(--unmet); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-size: 13px; }
td.mark { width: 1.5em; font-weight: 700; }
tr.met td.mark { color: var(--met); } tr.unmet td.mark { color: var(--unmet); }
td.day { white-space: nowrap; }
tr.changed { background: #fff8c5; }
svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 12px; fill: var(--ink); }
svg .grid { stroke: #eaeef2; } svg .year { fill: var(--muted); font-size: 11px; }
svg .role { fill: var(--role); } svg .role.dm { fill: var(--dm); } svg .role.nocount { fill: var(--nocount); }
svg .projected { fill: none; stroke-width: 2; stroke-dasharray: 5 4; stroke: var(--role); }
svg .projected.dm { stroke: var(--dm); } svg .projected.nocount { stroke: var(--nocount); }
svg .asof-line { stroke: var(--unmet); stroke-width: 1.5; }
svg .asof-label { fill: var(--unmet); font-weight: 600; }
svg .met { fill: var(--met); } svg .held { stroke: var(--met); stroke-width: 3; }
svg .soon { fill: #fff; stroke: var(--soon); stroke-width: 2; } svg .towards { stroke: var(--soon); stroke-width: 2; stroke-dasharray: 4 3; }
svg .degree { fill: #8250df; } svg .exam { fill: #bc4c00; } svg .future { fill-opacity: .25; }
svg .cycle { fill: #dafbe1; stroke: var(--met); } svg .cycle.current { fill: #aceebb; }
svg .grace { fill: #fff1e5; stroke: var(--soon); stroke-dasharray: 3 2; }
svg .renewal-tick { stroke: var(--ink); stroke-width: 2; }
svg .section-label { font-weight: 600; fill: var(--muted); font-size: 11px; letter-spacing: .04em; }
svg .units { fill: rgba(26,127,55,.15); stroke: var(--met); stroke-width: 2; }
svg .required { stroke: var(--unmet); stroke-dasharray: 6 4; stroke-width: 1.5; }
svg .deadline { stroke: var(--ink); stroke-width: 1.5; } svg .grace-end { stroke: var(--soon); stroke-dasharray: 3 3; }
svg .axis { stroke: var(--muted); }
.legend span { display: inline-block; margin-right: 16px; font-size: 13px; color: var(--muted); }
.legend i { display: inline-block; width: 22px; height: 10px; margin-right: 5px; vertical-align: 0; border-radius: 2px; }
.sources { font-size: 13px; color: var(--muted); word-break: break-all; }
.controls { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
.controls input, .controls select { font: inherit; padding: 4px 8px; }
#roster th { cursor: pointer; user-select: none; white-space: nowrap; }
#roster th[aria-sort=ascending]::after { content: " \25B2"; } #roster th[aria-sort=descending]::after { content: " \25BC"; }
.status { font-weight: 600; } .status.not-eligible, .status.grace { color: var(--soon); }
.status.requirements-met, .status.certified, .status.eligible { color: var(--met); } .status.lapsed { color: var(--unmet); }
.person { border-top: 3px solid var(--line); margin-top: 32px; }
footer { margin-top: 36px; font-size: 12px; color: var(--muted); }
ol.plan li { margin-bottom: 6px; } code { font-size: 13px; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
"#;

fn page_start(out: &mut String, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"certcheck\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>");
}

fn page_end(out: &mut String) {
    out.push_str(
        "<footer>Written by certcheck from the profile and the rule files alone; the same input gives the same page. \
Dates are YYYY-MM-DD; days after the as-of date are projections, true only if your current roles go on.</footer>\n",
    );
}

fn person_title(r: &Report) -> String {
    let who = &r.profile;
    if who.id.is_empty() || who.id == who.name {
        who.name.clone()
    } else {
        format!("{} ({})", who.name, who.id)
    }
}

/// The page for one person.
pub fn render_person(p: &PersonPage<'_>) -> String {
    let mut out = String::new();
    let title = person_title(p.report);
    page_start(
        &mut out,
        &format!("{title}: certifications as of {}", p.report.as_of),
    );
    out.push_str("<body data-page=\"person\">\n");
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"asof\">Where things stand on {}</p></header>",
        esc(&title),
        p.report.as_of
    );
    person_body(&mut out, p.report, Some(p.timeline), "");
    if let Some(w) = p.what_if {
        what_if_section(&mut out, w);
    }
    if !p.plans.is_empty() {
        plans_section(&mut out, p.plans);
    }
    page_end(&mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The timeline, each certification, warnings. `prefix` keeps ids unique
/// on a roster page.
fn person_body(out: &mut String, report: &Report, timeline: Option<&Timeline>, prefix: &str) {
    if let Some(t) = timeline {
        let _ = writeln!(
            out,
            "<section id=\"{prefix}timeline\" class=\"timeline\">\n<h2>Path</h2>"
        );
        legend(out);
        timeline_svg(out, report, t);
        out.push_str("</section>\n");
    }
    if report.results.is_empty() {
        out.push_str("<p>No certification was judged.</p>\n");
    }
    for r in &report.results {
        let ct = timeline.and_then(|t| {
            t.certifications
                .iter()
                .find(|c| c.certification == r.certification)
        });
        cert_section(out, r, ct, report.as_of, prefix);
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"{prefix}warnings\"><h2>Warnings</h2><ul>"
        );
        for w in &report.warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(&w.to_string()));
        }
        out.push_str("</ul></section>\n");
    }
}

fn legend(out: &mut String) {
    out.push_str(
        "<p class=\"legend\"><span><i style=\"background:var(--dm)\"></i>decision-making role</span>\
<span><i style=\"background:var(--role)\"></i>other role</span>\
<span><i style=\"background:var(--nocount)\"></i>part-time, unpaid, internship or co-op</span>\
<span><i style=\"border:2px dashed var(--dm);height:0\"></i>projected: if the role goes on</span>\
<span><i style=\"background:var(--met)\"></i>met</span>\
<span><i style=\"border:2px solid var(--soon);background:#fff\"></i>to be met</span></p>\n",
    );
}

/// Horizontal scale of the timeline: days to x.
struct Scale {
    from: i64,
    to: i64,
    x0: f64,
    width: f64,
}

impl Scale {
    fn x(&self, d: Date) -> f64 {
        let n = day_number(d).clamp(self.from, self.to);
        self.x0 + (n - self.from) as f64 * self.width / ((self.to - self.from).max(1) as f64)
    }
}

fn first_of_year(d: Date) -> Date {
    use chrono::Datelike;
    date(d.year(), 1, 1)
}

fn timeline_svg(out: &mut String, report: &Report, t: &Timeline) {
    use chrono::Datelike;
    let as_of = t.as_of;
    // the span: every fact and every projected day, up to 15 years ahead
    let mut days: Vec<Date> = vec![as_of];
    days.extend(t.roles.iter().map(|r| r.start));
    days.extend(t.roles.iter().filter_map(|r| r.end));
    days.extend(t.education.iter().map(|e| e.completed));
    days.extend(t.exams.iter().map(|e| e.passed));
    for c in &t.certifications {
        days.extend(c.requirements.iter().filter_map(|q| q.day));
        for cy in &c.cycles {
            days.extend([cy.start, cy.grace_until]);
        }
    }
    days.extend(report.results.iter().filter_map(|r| r.eligible_on));
    let limit = add_years(as_of, 15);
    let lo = days.iter().min().copied().unwrap_or(as_of);
    let hi = days
        .iter()
        .filter(|d| **d <= limit)
        .max()
        .copied()
        .unwrap_or(as_of);
    let from = first_of_year(lo);
    let to_year = hi
        .year()
        .saturating_add(1)
        .min(10_000)
        .max(from.year().saturating_add(1));
    let to = date(to_year, 1, 1);
    let label_w = 250.0;
    let width = 1100.0;
    let sc = Scale {
        from: day_number(from),
        to: day_number(to),
        x0: label_w,
        // room on the right for the labels of the last marks
        width: width - label_w - 130.0,
    };
    let row_h = 26.0;
    // rows: (kind, label, draw)
    let mut body = String::new();
    let mut y = 40.0;
    let section = |body: &mut String, y: &mut f64, text: &str| {
        let _ = writeln!(
            body,
            "<text class=\"section-label\" x=\"8\" y=\"{:.1}\">{}</text>",
            *y + 14.0,
            esc(&text.to_uppercase())
        );
        *y += 20.0;
    };
    // roles
    if !t.roles.is_empty() {
        section(&mut body, &mut y, "Roles");
    }
    for r in &t.roles {
        let class = if !r.full_time_paid {
            "nocount"
        } else if r.decision_making {
            "dm"
        } else {
            "plain"
        };
        let mut label = r.label.clone();
        if r.decision_making {
            label.push_str(" · decision-making");
        }
        let _ = writeln!(
            body,
            "<g class=\"role-row {class}\" data-start=\"{}\"><title>{}: {} to {}</title>",
            r.start,
            esc(&label),
            r.start,
            r.end.map_or("ongoing".to_string(), |e| e.to_string())
        );
        let _ = writeln!(
            body,
            "<text x=\"8\" y=\"{:.1}\">{}</text>",
            y + 17.0,
            esc(&ellipsis(&label, 38))
        );
        let until = r.end.unwrap_or(as_of).min(as_of);
        let (x1, x2) = (sc.x(r.start), sc.x(add_days(until, 1)));
        if r.start <= as_of {
            let _ = writeln!(
                body,
                "<rect class=\"role {class}\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" rx=\"3\"/>",
                y + 5.0,
                (x2 - x1).max(2.0)
            );
        }
        // after the as-of date: the role as it is projected
        let proj_from = r.start.max(as_of);
        let proj_to = r.end.map_or(to, |e| add_days(e, 1));
        if r.end.is_none_or(|e| e > as_of) {
            let _ = writeln!(
                body,
                "<line class=\"projected {class}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                sc.x(proj_from),
                y + 13.0,
                sc.x(proj_to),
                y + 13.0
            );
        }
        body.push_str("</g>\n");
        y += row_h;
    }
    // degrees and exams on one row each
    if !t.education.is_empty() || !t.exams.is_empty() {
        section(&mut body, &mut y, "Education and exams");
    }
    if !t.education.is_empty() {
        let _ = writeln!(body, "<text x=\"8\" y=\"{:.1}\">Degrees</text>", y + 17.0);
        for e in &t.education {
            let x = sc.x(e.completed);
            let future = if e.after_as_of { " future" } else { "" };
            let _ = writeln!(
                body,
                "<g class=\"degree-mark\"><title>{} completed on {}</title><path class=\"degree{future}\" d=\"M{x:.1} {:.1} l7 7 l-7 7 l-7 -7 z\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                esc(e.level.phrase()),
                e.completed,
                y + 6.0,
                x + 10.0,
                y + 17.0,
                esc(e.level.id())
            );
        }
        y += row_h;
    }
    if !t.exams.is_empty() {
        let _ = writeln!(
            body,
            "<text x=\"8\" y=\"{:.1}\">Exams passed</text>",
            y + 17.0
        );
        for e in &t.exams {
            let x = sc.x(e.passed);
            let future = if e.after_as_of { " future" } else { "" };
            let _ = writeln!(
                body,
                "<g class=\"exam-mark\"><title>exam {} passed on {}</title><circle class=\"exam{future}\" cx=\"{x:.1}\" cy=\"{:.1}\" r=\"6\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                esc(&e.id),
                e.passed,
                y + 13.0,
                x + 9.0,
                y + 17.0,
                esc(&e.id)
            );
        }
        y += row_h;
    }
    // each certification: requirement days, eligibility, cycles
    for (r, c) in report.results.iter().zip(&t.certifications) {
        section(&mut body, &mut y, &short_name(r.certification));
        // a held certification: its cycles say it all
        let rows = if r.renewal.is_some() {
            &[][..]
        } else {
            &c.requirements[..]
        };
        for q in rows {
            let name = super::name_or_id(&q.name, &q.id);
            let _ = writeln!(
                body,
                "<g class=\"requirement-row\" data-requirement=\"{}\" data-met=\"{}\" data-day=\"{}\">",
                esc(&q.id),
                q.met,
                q.day.map_or(String::new(), |d| d.to_string())
            );
            let _ = writeln!(
                body,
                "<text x=\"8\" y=\"{:.1}\">{} {}</text>",
                y + 17.0,
                if q.met { "✓" } else { "✗" },
                esc(&ellipsis(name, 36))
            );
            let cy = y + 13.0;
            match (q.met, q.day) {
                (true, Some(d)) => {
                    let _ = writeln!(
                        body,
                        "<line class=\"held\" x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\"/><circle class=\"met\" cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\"><title>met since {d}</title></circle><text x=\"{:.1}\" y=\"{:.1}\">met since {d}</text>",
                        sc.x(d),
                        sc.x(as_of),
                        sc.x(d),
                        sc.x(d) - 4.0,
                        y + 4.0
                    );
                }
                (true, None) => {
                    let _ = writeln!(
                        body,
                        "<circle class=\"met\" cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\"/><text x=\"{:.1}\" y=\"{:.1}\">met</text>",
                        sc.x(as_of),
                        sc.x(as_of) + 9.0,
                        y + 17.0
                    );
                }
                (false, Some(d)) => {
                    let _ = writeln!(
                        body,
                        "<line class=\"towards\" x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\"/><circle class=\"soon\" cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\"><title>met on {d} if current roles go on</title></circle><text x=\"{:.1}\" y=\"{:.1}\">met on {d}</text>",
                        sc.x(as_of),
                        sc.x(d),
                        sc.x(d),
                        sc.x(d) + 9.0,
                        y + 17.0
                    );
                }
                (false, None) => {
                    let what = if q.id == "exam" {
                        "still to pass"
                    } else {
                        "not by time alone"
                    };
                    let _ = writeln!(
                        body,
                        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#cf222e\">{what}</text>",
                        sc.x(as_of) + 6.0,
                        y + 17.0
                    );
                }
            }
            body.push_str("</g>\n");
            y += row_h;
        }
        if r.renewal.is_none()
            && let Some(d) = r.eligible_on
        {
            let (class, words) = if r.status == Status::NotEligible {
                ("soon", format!("eligible on {d}"))
            } else {
                ("met", format!("eligible since {d}"))
            };
            let _ = writeln!(
                body,
                "<g class=\"eligible-row\" data-eligible-on=\"{d}\"><text x=\"8\" y=\"{:.1}\" font-weight=\"600\">Eligible</text><path class=\"{class}\" d=\"M{:.1} {:.1} l6 6 l-6 6 l-6 -6 z\"/><text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"600\">{words}</text></g>",
                y + 17.0,
                sc.x(d),
                y + 7.0,
                sc.x(d) + 10.0,
                y + 17.0
            );
            y += row_h;
        }
        if !c.cycles.is_empty() {
            let _ = writeln!(
                body,
                "<g class=\"cycles-row\"><text x=\"8\" y=\"{:.1}\">Recertification cycles</text>",
                y + 17.0
            );
            let last = c.cycles.len() - 1;
            for (i, cy) in c.cycles.iter().enumerate() {
                let current = if i == last { " current" } else { "" };
                let (x1, x2, x3) = (
                    sc.x(cy.start),
                    sc.x(add_days(cy.end, 1)),
                    sc.x(add_days(cy.grace_until, 1)),
                );
                let _ = writeln!(
                    body,
                    "<rect class=\"cycle{current}\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\"><title>cycle {}: {} to {}</title></rect>",
                    y + 5.0,
                    (x2 - x1).max(1.0),
                    cy.index + 1,
                    cy.start,
                    cy.end
                );
                if i == last {
                    let _ = writeln!(
                        body,
                        "<rect class=\"grace\" x=\"{x2:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\"><title>grace period until {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">ends {}</text>",
                        y + 5.0,
                        (x3 - x2).max(1.0),
                        cy.grace_until,
                        x3 + 5.0,
                        y + 17.0,
                        cy.end
                    );
                }
                if let Some(rd) = cy.renewed_on {
                    let x = sc.x(rd);
                    let _ = writeln!(
                        body,
                        "<line class=\"renewal-tick\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"><title>renewed on {rd}</title></line>",
                        y + 2.0,
                        y + 24.0
                    );
                }
            }
            body.push_str("</g>\n");
            y += row_h;
        }
    }
    let height = y + 16.0;
    let _ = writeln!(
        out,
        "<svg id=\"timeline-chart\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Timeline from {from} to {to}\">"
    );
    // year grid
    let years = to.year() - from.year();
    let step = if years > 30 {
        5
    } else if years > 15 {
        2
    } else {
        1
    };
    let mut yr = from.year();
    while yr <= to.year() {
        let x = sc.x(date(yr, 1, 1));
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"22\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text class=\"year\" x=\"{:.1}\" y=\"16\">{yr}</text>",
            height - 8.0,
            x - 13.0
        );
        yr += step;
    }
    out.push_str(&body);
    let xa = sc.x(as_of);
    let _ = writeln!(
        out,
        "<line class=\"asof-line\" x1=\"{xa:.1}\" y1=\"22\" x2=\"{xa:.1}\" y2=\"{:.1}\"/><text class=\"asof-label\" x=\"{:.1}\" y=\"34\">as of {as_of}</text>",
        height - 8.0,
        xa + 4.0
    );
    if hi < days.iter().max().copied().unwrap_or(hi) {
        let _ = writeln!(
            out,
            "<text class=\"year\" x=\"{:.1}\" y=\"{:.1}\">later days are beyond the chart</text>",
            width - 200.0,
            height - 2.0
        );
    }
    out.push_str("</svg>\n");
}

fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn status_heading(s: Status) -> &'static str {
    match s {
        Status::NotEligible => "Not eligible yet",
        Status::Eligible => "Eligible",
        Status::RequirementsMet => "Requirements met",
        Status::Certified => "Certified",
        Status::Grace => "In grace period",
        Status::Lapsed => "Lapsed",
    }
}

fn status_sentence(r: &CertResult, as_of: Date) -> String {
    match (r.status, r.eligible_on, &r.renewal) {
        (Status::NotEligible, Some(d), _) => format!(
            "Every prerequisite will be met on {d} (in {} days) if your current roles go on.",
            days_between(as_of, d)
        ),
        (Status::NotEligible, None, _) => {
            "Time alone will not make you eligible: see what is missing below.".to_string()
        }
        (Status::Eligible, Some(d), _) => {
            format!("Every prerequisite met since {d}; an exam is still to pass.")
        }
        (Status::Eligible, None, _) => {
            "There are no prerequisites; an exam is still to pass.".to_string()
        }
        (Status::RequirementsMet, _, _) => {
            "Prerequisites and an exam path are met: the certification can be awarded.".to_string()
        }
        (_, _, Some(rn)) => format!(
            "Cycle {} runs {} to {}; grace period until {}. {} of {} {} counted{}.",
            rn.cycle + 1,
            rn.cycle_start,
            rn.cycle_end,
            rn.grace_until,
            rn.units_counted,
            rn.units_required,
            rn.unit,
            if rn.units_needed.is_positive() {
                format!(", {} still needed", rn.units_needed)
            } else {
                String::new()
            }
        ),
        (s, _, None) => format!("{}.", capital(status_words(s))),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

fn cert_section(
    out: &mut String,
    r: &CertResult,
    t: Option<&CertTimeline>,
    as_of: Date,
    prefix: &str,
) {
    let id = slug(r.certification);
    let status = r.status.id();
    let _ = writeln!(
        out,
        "<section class=\"cert\" id=\"{prefix}cert-{id}\" data-status=\"{status}\">"
    );
    let _ = writeln!(
        out,
        "<h2>{} <span class=\"muted\">{}</span><span class=\"badge {status}\">{}</span></h2>",
        esc(&short_name(r.certification)),
        esc(r.name),
        status_heading(r.status)
    );
    let _ = writeln!(
        out,
        "<p class=\"status-line\">{}</p>",
        esc(&status_sentence(r, as_of))
    );
    let days = t.map(|t| &t.requirements);
    let _ = writeln!(
        out,
        "<table class=\"requirements\"><thead><tr><th></th><th>Requirement</th><th>Day</th><th>Where it stands</th></tr></thead><tbody>"
    );
    for q in &r.requirements {
        let day = days
            .and_then(|ds| ds.iter().find(|d| d.id == q.id))
            .and_then(|d| d.day);
        let day_text = match (q.met, day.or(q.met_on)) {
            (true, Some(d)) => format!("met since {d}"),
            (true, None) => "met".to_string(),
            (false, Some(d)) => format!("met on {d} (projected)"),
            (false, None) => "—".to_string(),
        };
        let name = super::name_or_id(q.name, q.id);
        let _ = writeln!(
            out,
            "<tr class=\"{}\" data-requirement=\"{}\"><td class=\"mark\">{}</td><td>{}</td><td class=\"day\">{}</td><td>{}</td></tr>",
            if q.met { "met" } else { "unmet" },
            esc(q.id),
            if q.met { "✓" } else { "✗" },
            esc(name),
            esc(&day_text),
            esc(&q.summary())
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(p) = t.and_then(|t| t.progress.as_ref()) {
        let _ = writeln!(out, "<h3>Units in the current cycle</h3>");
        renewal_chart(out, &format!("{prefix}renewal-chart-{id}"), p, as_of);
        if let Some(rn) = &r.renewal
            && !rn.categories.is_empty()
        {
            out.push_str("<table class=\"categories\"><thead><tr><th>Category</th><th>Earned</th><th>Counted</th><th>Min</th><th>Max</th></tr></thead><tbody>\n");
            for c in &rn.categories {
                let opt = |u: Option<Units>| u.map_or("–".to_string(), |u| u.to_string());
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(super::name_or_id(c.name, c.id)),
                    c.earned,
                    c.counted,
                    opt(c.min),
                    opt(c.max)
                );
            }
            out.push_str("</tbody></table>\n");
        }
    }
    if let Some(t) = t
        && !t.sources.is_empty()
    {
        out.push_str("<p class=\"sources\">Rule sources: ");
        let links: Vec<String> = t
            .sources
            .iter()
            .map(|s| {
                if s.starts_with("https://") || s.starts_with("http://") {
                    format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", esc(s))
                } else {
                    esc(s)
                }
            })
            .collect();
        out.push_str(&links.join(" · "));
        out.push_str("</p>\n");
    }
    out.push_str("</section>\n");
}

/// Units accumulating in the current cycle against the requirement, with
/// the cycle's end and the end of the grace period.
fn renewal_chart(out: &mut String, id: &str, p: &Progress, as_of: Date) {
    let (w, h) = (760.0, 250.0);
    let (left, right, top, bottom) = (56.0, 150.0, 18.0, 36.0);
    let from = day_number(p.start);
    let to = day_number(p.grace_until).max(from + 1);
    let x = |d: Date| {
        left + (day_number(d).clamp(from, to) - from) as f64 * (w - left - right)
            / ((to - from) as f64)
    };
    let max_counted = p
        .points
        .iter()
        .map(|(_, u)| *u)
        .max()
        .unwrap_or(Units::ZERO);
    let top_units = max_counted.max(p.required);
    let top_f = (top_units.thousandths() as f64 / 1000.0).max(1.0) * 1.15;
    let y = |u: Units| top + (h - top - bottom) * (1.0 - (u.thousandths() as f64 / 1000.0) / top_f);
    let _ = writeln!(
        out,
        "<svg id=\"{}\" class=\"renewal-chart\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"{} counted against {} required\">",
        esc(id),
        esc(&p.unit),
        p.required
    );
    let base = y(Units::ZERO);
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{left:.1}\" y1=\"{base:.1}\" x2=\"{:.1}\" y2=\"{base:.1}\"/><line class=\"axis\" x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{base:.1}\"/>",
        w - right
    );
    // the step line of counted units, to the as-of date
    let mut d = format!("M{:.1} {base:.1}", x(p.start));
    let mut prev = Units::ZERO;
    for (day, u) in &p.points {
        let _ = write!(
            d,
            " L{:.1} {:.1} L{:.1} {:.1}",
            x(*day),
            y(prev),
            x(*day),
            y(*u)
        );
        prev = *u;
    }
    let now = as_of.min(p.grace_until);
    let _ = write!(
        d,
        " L{:.1} {:.1} L{:.1} {base:.1} Z",
        x(now),
        y(prev),
        x(now)
    );
    let _ = writeln!(out, "<path class=\"units\" d=\"{d}\"/>");
    for (day, u) in &p.points {
        let _ = writeln!(
            out,
            "<circle class=\"met\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\"><title>{u} {} counted on {day}</title></circle>",
            x(*day),
            y(*u),
            esc(&p.unit)
        );
    }
    let yr = y(p.required);
    let _ = writeln!(
        out,
        "<line class=\"required\" x1=\"{left:.1}\" y1=\"{yr:.1}\" x2=\"{:.1}\" y2=\"{yr:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">{} {} required</text>",
        w - right,
        w - right + 6.0,
        yr + 4.0,
        p.required,
        esc(&p.unit)
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\">{prev} {} counted</text>",
        w - right + 6.0,
        y(prev)
            + 4.0
            + if (y(prev) - yr).abs() < 14.0 {
                14.0
            } else {
                0.0
            },
        esc(&p.unit)
    );
    for (day, class, words) in [
        (p.end, "deadline", format!("cycle ends {}", p.end)),
        (
            p.grace_until,
            "grace-end",
            format!("grace until {}", p.grace_until),
        ),
    ] {
        let xd = x(day);
        let _ = writeln!(
            out,
            "<line class=\"{class}\" x1=\"{xd:.1}\" y1=\"{top:.1}\" x2=\"{xd:.1}\" y2=\"{base:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{words}</text>",
            xd,
            if class == "deadline" {
                h - 20.0
            } else {
                h - 6.0
            }
        );
    }
    if as_of >= p.start && as_of <= p.grace_until {
        let xa = x(as_of);
        let _ = writeln!(
            out,
            "<line class=\"asof-line\" x1=\"{xa:.1}\" y1=\"{top:.1}\" x2=\"{xa:.1}\" y2=\"{base:.1}\"/><text class=\"asof-label\" x=\"{:.1}\" y=\"{:.1}\">as of {as_of}</text>",
            xa + 4.0,
            top + 10.0
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{left:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">0</text>",
        h - 6.0,
        p.start,
        left - 6.0,
        base + 4.0
    );
    out.push_str("</svg>\n");
}

fn what_if_section(out: &mut String, w: &WhatIf) {
    out.push_str(
        "<section id=\"what-if\"><h2>What if</h2>\n<p>Assumed, not in the profile:</p><ul>\n",
    );
    for a in &w.assumptions {
        let _ = writeln!(
            out,
            "<li>{} <code>--assume {}</code></li>",
            esc(&a.description),
            esc(&a.text)
        );
    }
    out.push_str("</ul>\n");
    for n in &w.notes {
        let _ = writeln!(out, "<p class=\"muted\">Note: {}</p>", esc(n));
    }
    for (c, (b, a)) in w
        .comparisons
        .iter()
        .zip(w.baseline.results.iter().zip(&w.assumed.results))
    {
        let _ = writeln!(
            out,
            "<h3>{}</h3><table class=\"comparison\" data-certification=\"{}\"><thead><tr><th></th><th>Now</th><th>With the assumptions</th></tr></thead><tbody>",
            esc(&short_name(&c.certification)),
            esc(&c.certification)
        );
        let has = |k: &str| c.changed.iter().any(|x| x == k);
        let day = |d: Option<Date>| d.map_or("–".to_string(), |d| d.to_string());
        let mut rows: Vec<(bool, String, String, String)> = vec![(
            has("status"),
            "Status".into(),
            status_short(c.baseline.status).into(),
            status_short(c.assumed.status).into(),
        )];
        if a.renewal.is_some() {
            rows.push((
                has("renewal_ready_on"),
                "Renewal ready on".into(),
                day(c.baseline.renewal_ready_on),
                day(c.assumed.renewal_ready_on),
            ));
        } else {
            rows.push((
                has("eligible_on"),
                "Prerequisites met on".into(),
                day(c.baseline.eligible_on),
                day(c.assumed.eligible_on),
            ));
            rows.push((
                has("requirements_met_on"),
                "Can be awarded on".into(),
                day(c.baseline.requirements_met_on),
                day(c.assumed.requirements_met_on),
            ));
        }
        for q in &a.requirements {
            let before = b.requirements.iter().find(|x| x.id == q.id);
            rows.push((
                has(q.id),
                super::name_or_id(q.name, q.id).to_string(),
                before.map_or("–".to_string(), requirement_cell),
                requirement_cell(q),
            ));
        }
        for (changed, label, now, with) in rows {
            let _ = writeln!(
                out,
                "<tr{}><th>{}</th><td>{}</td><td>{}{}</td></tr>",
                if changed { " class=\"changed\"" } else { "" },
                esc(&label),
                esc(&now),
                esc(&with),
                if changed {
                    " <strong>(changed)</strong>"
                } else {
                    ""
                }
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

fn plans_section(out: &mut String, plans: &[Plan]) {
    out.push_str("<section id=\"plan\"><h2>Plan</h2>\n");
    for p in plans {
        let goal = match p.goal {
            Goal::Eligible => "to become eligible",
            Goal::RequirementsMet => "to meet the exam requirement",
        };
        let _ = writeln!(
            out,
            "<h3>{}: ways {goal}, soonest first</h3>",
            esc(&short_name(&p.certification))
        );
        if p.options.is_empty() {
            out.push_str("<p>No change considered here reaches the goal.</p>\n");
            continue;
        }
        out.push_str("<ol class=\"plan\">\n");
        for o in &p.options {
            let words: Vec<String> = o.changes.iter().map(|c| esc(&c.describe())).collect();
            let _ = writeln!(
                out,
                "<li data-on=\"{}\"><strong>{}</strong>: {}</li>",
                o.on,
                o.on,
                capital(&words.join("; and "))
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// Sort rank of a status in the roster (the ones needing attention first).
fn status_rank(s: Status) -> u8 {
    match s {
        Status::Lapsed => 0,
        Status::Grace => 1,
        Status::NotEligible => 2,
        Status::Eligible => 3,
        Status::RequirementsMet => 4,
        Status::Certified => 5,
    }
}

const ROSTER_SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('roster');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  var count = document.getElementById('count');
  var heads = table.tHead.rows[0].cells;
  function key(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute('data-value');
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }
  function sortBy(col, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      if (x === y) { return (+a.getAttribute('data-index')) - (+b.getAttribute('data-index')); }
      if (x === '') { return 1; }
      if (y === '') { return -1; }
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
    heads[col].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  function apply() {
    var text = filter.value.trim().toLowerCase();
    var want = status.value;
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) >= 0) &&
               (!want || r.getAttribute('data-status') === want);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + body.rows.length + ' rows';
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.tabIndex = 0;
    function go() { sortBy(i, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1); }
    th.addEventListener('click', go);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { go(); } });
  });
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  // #sort=COLUMN&dir=desc&filter=TEXT&status=STATUS, for links to a view
  var params = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    if (i > 0) { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
  });
  if (params.filter) { filter.value = params.filter; }
  if (params.status) { status.value = params.status; }
  if (params.sort) {
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-key') === params.sort) { sortBy(i, params.dir === 'desc' ? -1 : 1); }
    }
  }
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
"#;

/// A roster page: the table of every candidate's certifications, then each
/// candidate's detail. Candidates keep the given order (the table sorts in
/// the browser; `#sort=status`, `#filter=TEXT`, `#status=ID` in the URL
/// open it sorted or filtered).
///
/// `screen --format html` needs one line: with `(source, report)` pairs,
/// `report::html::render_roster_reports(&pairs)`; with the profiles at hand,
/// build [`RosterEntry`]s with `eval::timeline::timeline` for a timeline in
/// each detail.
pub fn render_roster(as_of: Date, entries: &[RosterEntry<'_>]) -> String {
    let mut out = String::new();
    page_start(&mut out, &format!("Roster: certifications as of {as_of}"));
    out.push_str("<body data-page=\"roster\">\n");
    let _ = writeln!(
        out,
        "<header><h1>Roster</h1><p class=\"asof\">{} candidates, judged on {as_of}</p></header>",
        entries.len()
    );
    out.push_str("<div class=\"controls\"><label>Filter <input id=\"filter\" type=\"search\" placeholder=\"name, id, certification…\"></label>\n<label>Status <select id=\"status-filter\"><option value=\"\">any</option>");
    for s in [
        Status::NotEligible,
        Status::Eligible,
        Status::RequirementsMet,
        Status::Certified,
        Status::Grace,
        Status::Lapsed,
    ] {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            s.id(),
            status_short(s)
        );
    }
    out.push_str("</select></label> <span id=\"count\" class=\"muted\"></span></div>\n");
    out.push_str("<table id=\"roster\"><thead><tr><th data-key=\"candidate\">Candidate</th><th data-key=\"id\">ID</th><th data-key=\"certification\">Certification</th><th data-key=\"status\">Status</th><th data-key=\"date\">Eligible on</th><th data-key=\"due\">Renewal due</th><th data-key=\"source\">Source</th></tr></thead><tbody>\n");
    let mut index = 0usize;
    for (n, e) in entries.iter().enumerate() {
        let anchor = format!("candidate-{}", n + 1);
        let who = &e.report.profile;
        let row = |out: &mut String,
                   index: usize,
                   status: Option<Status>,
                   cert: &str,
                   eligible: Option<Date>,
                   due: Option<Date>| {
            let (sid, rank, words) = match status {
                Some(s) => (s.id(), status_rank(s).to_string(), status_short(s)),
                None => ("", "9".to_string(), "–"),
            };
            let day = |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
            let _ = writeln!(
                out,
                "<tr data-index=\"{index}\" data-status=\"{sid}\"><td><a href=\"#{anchor}\">{}</a></td><td>{}</td><td>{}</td><td class=\"status {sid}\" data-value=\"{rank}\">{words}</td><td data-value=\"{}\">{}</td><td data-value=\"{}\">{}</td><td>{}</td></tr>",
                esc(&who.name),
                esc(&who.id),
                esc(cert),
                day(eligible),
                day(eligible),
                day(due),
                day(due),
                esc(e.source)
            );
        };
        if e.report.results.is_empty() {
            row(&mut out, index, None, "", None, None);
            index += 1;
        }
        for r in &e.report.results {
            let due = r.renewal.as_ref().map(|rn| {
                if r.status == Status::Certified {
                    rn.cycle_end
                } else {
                    rn.grace_until
                }
            });
            let eligible = if r.renewal.is_some() {
                None
            } else {
                r.eligible_on
            };
            row(
                &mut out,
                index,
                Some(r.status),
                &short_name(r.certification),
                eligible,
                due,
            );
            index += 1;
        }
    }
    out.push_str("</tbody></table>\n");
    for (n, e) in entries.iter().enumerate() {
        let anchor = format!("candidate-{}", n + 1);
        let _ = writeln!(
            out,
            "<section class=\"person\" id=\"{anchor}\"><h2>{}</h2><p class=\"muted\">{} · <a href=\"#roster\">back to the table</a></p>",
            esc(&person_title(e.report)),
            esc(e.source)
        );
        person_body(&mut out, e.report, e.timeline, &format!("{anchor}-"));
        out.push_str("</section>\n");
    }
    page_end(&mut out);
    let _ = writeln!(out, "<script>{ROSTER_SCRIPT}</script>");
    out.push_str("</body>\n</html>\n");
    out
}

/// A roster from (source, report) pairs, judged on the first report's day.
pub fn render_roster_reports(entries: &[(String, Report)]) -> String {
    let as_of = entries.first().map_or(date(1970, 1, 1), |(_, r)| r.as_of);
    let list: Vec<RosterEntry<'_>> = entries
        .iter()
        .map(|(source, report)| RosterEntry {
            source,
            report,
            timeline: None,
        })
        .collect();
    render_roster(as_of, &list)
}

#[cfg(test)]
mod tests;
