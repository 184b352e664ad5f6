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
//! clock, no randomness, fixed number formatting), and the only external
//! URLs are the rule sources, as links.
//!
//! The markup is written with [maud](https://maud.lambda.xyz), which
//! escapes every spliced value, in element text and in attribute values
//! alike: user text cannot be forgotten unescaped. The one place markup is
//! spliced as is ([`maud::PreEscaped`]) is `page.rs`, for the style sheet
//! and the script, which are files of this crate (`style.css`,
//! `roster.js`) included at compile time.
//!
//! The parts: `page.rs` the document around the content, `person.rs` a
//! person's certifications (and the what-if and plan sections),
//! `timeline.rs` the timeline chart, `chart.rs` the units chart of a
//! renewal cycle, `roster.rs` the roster table. Newlines are written where
//! the markup has them, so the pages stay readable as text.

use std::fmt::Write as _;

use maud::{Render, html};

use crate::dates::{Date, date};
use crate::eval::Report;
use crate::eval::plan::Plan;
use crate::eval::timeline::Timeline;
use crate::eval::whatif::WhatIf;
use crate::report::text::display_width;
use crate::report::vocab;

mod chart;
mod page;
mod person;
mod roster;
mod timeline;

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

/// The page for one person.
pub fn render_person(p: &PersonPage<'_>) -> String {
    let title = vocab::who(&p.report.profile);
    let as_of = p.report.as_of;
    let content = html! {
        header { h1 { (title) } p class="asof" { "Where things stand on " (as_of) } } "\n"
        (person::body(p.report, Some(p.timeline), ""))
        @if let Some(w) = p.what_if { (person::what_if_section(w)) }
        @if !p.plans.is_empty() { (person::plans_section(p.plans)) }
    };
    page::page(
        &format!("{title}: certifications as of {as_of}"),
        page::Kind::Person,
        content,
    )
}

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
    page::page(
        &format!("Roster: certifications as of {as_of}"),
        page::Kind::Roster,
        roster::content(as_of, entries),
    )
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

/// At most `max` columns wide (a CJK character takes two), the last
/// character `…` when cut: a label in the timeline's left column.
fn ellipsis(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut t = String::new();
    let mut width = 0;
    for c in s.chars() {
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width > max.saturating_sub(1) {
            break;
        }
        t.push(c);
    }
    t.push('…');
    t
}

/// A coordinate or length in an SVG attribute: one decimal, as every
/// number of the charts is written. (Digits need no escaping.)
#[derive(Clone, Copy)]
struct Px(f64);

impl Render for Px {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(buffer, "{:.1}", self.0);
    }
}

/// A whole number of pixels, for the `viewBox`, `width` and `height` of an
/// SVG.
#[derive(Clone, Copy)]
struct Whole(f64);

impl Render for Whole {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(buffer, "{:.0}", self.0);
    }
}

#[cfg(test)]
mod tests;

/// Text whose `quoted` parts (ids, tags, flags: the text reports quote
/// them with backticks) become `<code>` elements instead of showing the
/// backticks; a backtick without its pair stays as it is.
fn ticked(text: &str) -> maud::Markup {
    let parts: Vec<&str> = text.split('`').collect();
    // an even number of backticks: every odd part was quoted
    let paired = parts.len() % 2 == 1;
    html! {
        @for (i, p) in parts.iter().enumerate() {
            @if !paired && i > 0 { "`" }
            @if paired && i % 2 == 1 { code { (p) } } @else { (p) }
        }
    }
}
