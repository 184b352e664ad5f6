//! The roster page's content: the controls, the table of every candidate's
//! certifications (sorted and filtered in the browser by `roster.js`, which
//! `page.rs` adds), then each candidate's detail.

use maud::{Markup, html};

use crate::dates::Date;
use crate::eval::{CertResult, Status};
use crate::report::roster::{RowStatus, table_key};
use crate::report::{short_name, vocab};

use super::{RosterEntry, person};

/// Everything between the `<body>` and the footer.
pub(super) fn content(as_of: Date, entries: &[RosterEntry<'_>]) -> Markup {
    html! {
        header {
            h1 { "Roster" }
            p class="asof" { (entries.len()) " candidates, judged on " (as_of) }
        }
        "\n"
        (controls())
        (table(entries))
        @for (n, e) in entries.iter().enumerate() {
            @let anchor = anchor(n);
            section class="person" id=(anchor) {
                h2 { (vocab::who(&e.report.profile)) }
                p class="muted" { (e.source) " · " a href="#roster" { "back to the table" } }
                "\n"
                (person::body(e.report, e.timeline, &format!("{anchor}-")))
            }
            "\n"
        }
    }
}

/// The `id` of the `n`th candidate's detail (from 0).
fn anchor(n: usize) -> String {
    format!("candidate-{}", n + 1)
}

/// The filter box and the status menu.
fn controls() -> Markup {
    html! {
        div class="controls" {
            label {
                "Filter "
                input id="filter" type="search" placeholder="name, id, certification…";
            }
            "\n"
            label {
                "Status "
                select id="status-filter" {
                    option value="" { "any" }
                    @for s in vocab::ACT_FIRST {
                        option value=(s.id()) { (vocab::short(s)) }
                    }
                }
            }
            " "
            span id="count" class="muted" {}
        }
        "\n"
    }
}

/// One row of the table: a candidate's certification (or the candidate
/// alone, with no certification judged).
struct Row<'a> {
    /// The row's place in the input, to keep ties in order when sorting.
    index: usize,
    /// The `id` of the candidate's detail.
    anchor: &'a str,
    entry: &'a RosterEntry<'a>,
    status: Option<Status>,
    certification: String,
    eligible: Option<Date>,
    due: Option<Date>,
}

impl<'a> Row<'a> {
    fn new(index: usize, anchor: &'a str, entry: &'a RosterEntry<'a>, r: &CertResult) -> Row<'a> {
        // the renewal deadline: the cycle's end, then the grace period's
        // (after it, the last day of renewal by exam, where that is later)
        let due = r.renewal.as_ref().map(|rn| {
            if r.status == Status::Certified {
                rn.cycle_end
            } else {
                rn.renew_by(entry.report.as_of)
            }
        });
        Row {
            index,
            anchor,
            entry,
            status: Some(r.status),
            certification: short_name(r.certification),
            eligible: if r.renewal.is_some() {
                None
            } else {
                r.eligible_on
            },
            due,
        }
    }
}

/// The table, a row per candidate and certification, in the given order.
fn table(entries: &[RosterEntry<'_>]) -> Markup {
    let anchors: Vec<String> = (0..entries.len()).map(anchor).collect();
    let mut rows = Vec::new();
    for (e, anchor) in entries.iter().zip(&anchors) {
        if e.report.results.is_empty() {
            rows.push(Row {
                index: rows.len(),
                anchor,
                entry: e,
                status: None,
                certification: String::new(),
                eligible: None,
                due: None,
            });
        }
        for r in &e.report.results {
            rows.push(Row::new(rows.len(), anchor, e, r));
        }
    }
    html! {
        table id="roster" {
            thead {
                tr {
                    th data-key="candidate" { "Candidate" }
                    th data-key="id" { "ID" }
                    th data-key="certification" { "Certification" }
                    th data-key="status" { "Status" }
                    th data-key="date" { "Eligible on" }
                    th data-key="due" { "Renewal due" }
                    th data-key="source" { "Source" }
                }
            }
            tbody { "\n" @for row in &rows { (table_row(row)) } }
        }
        "\n"
    }
}

/// Where a row sorts by status: as in `screen`'s table ([`table_key`]:
/// in the order to act on, then by the day that matters), as text that
/// sorts the same way.
fn sort_key(row: &Row) -> String {
    let status = row.status.map_or(RowStatus::Nothing, RowStatus::Judged);
    let (group, day) = table_key(status, row.eligible, row.due);
    format!("{group}:{:019}", day.max(0))
}

fn table_row(row: &Row) -> Markup {
    let who = &row.entry.report.profile;
    let (sid, words) = match row.status {
        Some(s) => (s.id(), vocab::short(s)),
        None => ("", "–"),
    };
    html! {
        tr data-index=(row.index) data-status=(sid) {
            td { a href={ "#" (row.anchor) } { (who.name) } }
            td { (who.id) }
            td { (row.certification) }
            td class={ "status " (sid) } data-value=(sort_key(row)) { (words) }
            (day_cell(row.eligible))
            (day_cell(row.due))
            td { (row.entry.source) }
        }
        "\n"
    }
}

/// A cell with a day, sorted by it (empty without one).
fn day_cell(d: Option<Date>) -> Markup {
    html! {
        td data-value={ @if let Some(d) = d { (d) } } { @if let Some(d) = d { (d) } }
    }
}
