//! A person's part of a page: the timeline, each certification with its
//! requirements, units and sources, the warnings; and on a person's own
//! page the what-if comparison and the plan.

use maud::{Markup, html};

use crate::dates::{Date, days_between};
use crate::eval::plan::{Goal, Plan};
use crate::eval::timeline::{CertTimeline, Timeline};
use crate::eval::whatif::{Comparison, WhatIf};
use crate::eval::{CertResult, Report, RequirementResult, Status};
use crate::report::text::status_words;
use crate::report::whatif::{requirement_cell, status_short};
use crate::report::{name_or_id, short_name};
use crate::units::Units;

use super::{capital, chart, slug, timeline};

/// The timeline, each certification, warnings. `prefix` keeps ids unique
/// on a roster page.
pub(super) fn body(report: &Report, timeline: Option<&Timeline>, prefix: &str) -> Markup {
    html! {
        @if let Some(t) = timeline {
            section id={ (prefix) "timeline" } class="timeline" {
                "\n" h2 { "Path" } "\n"
                (legend())
                (timeline::svg(report, t))
            }
            "\n"
        }
        @if report.results.is_empty() {
            p { "No certification was judged." } "\n"
        }
        @for r in &report.results {
            @let ct = timeline.and_then(|t| {
                t.certifications.iter().find(|c| c.certification == r.certification)
            });
            (certification(r, ct, report.as_of, prefix))
        }
        @if !report.warnings.is_empty() {
            section id={ (prefix) "warnings" } {
                h2 { "Warnings" }
                ul { "\n" @for w in &report.warnings { li { (w) } "\n" } }
            }
            "\n"
        }
    }
}

fn legend() -> Markup {
    html! {
        p class="legend" {
            span { i style="background:var(--dm)" {} "decision-making role" }
            span { i style="background:var(--role)" {} "other role" }
            span { i style="background:var(--nocount)" {} "part-time, unpaid, internship or co-op" }
            span {
                i style="border:2px dashed var(--dm);height:0" {}
                "projected: if the role goes on"
            }
            span { i style="background:var(--met)" {} "met" }
            span { i style="border:2px solid var(--soon);background:#fff" {} "to be met" }
        }
        "\n"
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

/// One certification: status, requirements, units in the current cycle,
/// the rule sources.
fn certification(r: &CertResult, t: Option<&CertTimeline>, as_of: Date, prefix: &str) -> Markup {
    let id = slug(r.certification);
    let status = r.status.id();
    html! {
        section class="cert" id={ (prefix) "cert-" (id) } data-status=(status) {
            "\n"
            h2 {
                (short_name(r.certification)) " "
                span class="muted" { (r.name) }
                span class={ "badge " (status) } { (status_heading(r.status)) }
            }
            "\n"
            p class="status-line" { (status_sentence(r, as_of)) } "\n"
            (requirements_table(r, t))
            @if let Some(p) = t.and_then(|t| t.progress.as_ref()) {
                h3 { "Units in the current cycle" } "\n"
                (chart::renewal(&format!("{prefix}renewal-chart-{id}"), p, as_of))
                @if let Some(rn) = &r.renewal && !rn.categories.is_empty() {
                    (categories_table(&rn.categories))
                }
            }
            @if let Some(t) = t && !t.sources.is_empty() {
                (sources(&t.sources))
            }
        }
        "\n"
    }
}

/// Each requirement: met or not, the day, where it stands.
fn requirements_table(r: &CertResult, t: Option<&CertTimeline>) -> Markup {
    let days = t.map(|t| &t.requirements);
    let day_of = |q: &RequirementResult| {
        days.and_then(|ds| ds.iter().find(|d| d.id == q.id))
            .and_then(|d| d.day)
    };
    html! {
        table class="requirements" {
            thead { tr { th {} th { "Requirement" } th { "Day" } th { "Where it stands" } } }
            tbody {
                "\n"
                @for q in &r.requirements {
                    tr class=(if q.met { "met" } else { "unmet" }) data-requirement=(q.id) {
                        td class="mark" { (if q.met { "✓" } else { "✗" }) }
                        td { (name_or_id(q.name, q.id)) }
                        td class="day" { (day_text(q.met, day_of(q).or(q.met_on))) }
                        td { (q.summary()) }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

/// The "Day" cell of a requirement.
fn day_text(met: bool, day: Option<Date>) -> String {
    match (met, day) {
        (true, Some(d)) => format!("met since {d}"),
        (true, None) => "met".to_string(),
        (false, Some(d)) => format!("met on {d} (projected)"),
        (false, None) => "—".to_string(),
    }
}

/// Units per category of the current cycle.
fn categories_table(categories: &[crate::eval::CategoryResult]) -> Markup {
    let opt = |u: Option<Units>| u.map_or("–".to_string(), |u| u.to_string());
    html! {
        table class="categories" {
            thead {
                tr { th { "Category" } th { "Earned" } th { "Counted" } th { "Min" } th { "Max" } }
            }
            tbody {
                "\n"
                @for c in categories {
                    tr {
                        td { (name_or_id(c.name, c.id)) }
                        td { (c.earned) }
                        td { (c.counted) }
                        td { (opt(c.min)) }
                        td { (opt(c.max)) }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

/// The rule sources, web addresses as links.
fn sources(sources: &[String]) -> Markup {
    html! {
        p class="sources" {
            "Rule sources: "
            @for (i, s) in sources.iter().enumerate() {
                @if i > 0 { " · " }
                @if s.starts_with("https://") || s.starts_with("http://") {
                    a href=(s) rel="noreferrer" { (s) }
                } @else {
                    (s)
                }
            }
        }
        "\n"
    }
}

/// `check --assume`: the assumptions, then for each certification the
/// values now and with the assumptions.
pub(super) fn what_if_section(w: &WhatIf) -> Markup {
    html! {
        section id="what-if" {
            h2 { "What if" } "\n"
            p { "Assumed, not in the profile:" }
            ul {
                "\n"
                @for a in &w.assumptions {
                    li { (a.description) " " code { "--assume " (a.text) } } "\n"
                }
            }
            "\n"
            @for n in &w.notes {
                p class="muted" { "Note: " (n) } "\n"
            }
            @let results = w.baseline.results.iter().zip(&w.assumed.results);
            @for (c, (b, a)) in w.comparisons.iter().zip(results) {
                h3 { (short_name(&c.certification)) }
                table class="comparison" data-certification=(c.certification) {
                    thead { tr { th {} th { "Now" } th { "With the assumptions" } } }
                    tbody {
                        "\n"
                        @for row in comparison_rows(c, b, a) {
                            tr class=[row.changed.then_some("changed")] {
                                th { (row.label) }
                                td { (row.now) }
                                td { (row.with) @if row.changed { " " strong { "(changed)" } } }
                            }
                            "\n"
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// A row of a what-if comparison.
struct ComparisonRow {
    changed: bool,
    label: String,
    now: String,
    with: String,
}

/// The rows comparing one certification now (`b`) and with the
/// assumptions (`a`): status, the days that matter, each requirement.
fn comparison_rows(c: &Comparison, b: &CertResult, a: &CertResult) -> Vec<ComparisonRow> {
    let row = |key: &str, label: &str, now: String, with: String| ComparisonRow {
        changed: c.changed.iter().any(|x| x == key),
        label: label.to_string(),
        now,
        with,
    };
    let day = |d: Option<Date>| d.map_or("–".to_string(), |d| d.to_string());
    let mut rows = vec![row(
        "status",
        "Status",
        status_short(c.baseline.status).into(),
        status_short(c.assumed.status).into(),
    )];
    if a.renewal.is_some() {
        rows.push(row(
            "renewal_ready_on",
            "Renewal ready on",
            day(c.baseline.renewal_ready_on),
            day(c.assumed.renewal_ready_on),
        ));
    } else {
        rows.push(row(
            "eligible_on",
            "Prerequisites met on",
            day(c.baseline.eligible_on),
            day(c.assumed.eligible_on),
        ));
        rows.push(row(
            "requirements_met_on",
            "Can be awarded on",
            day(c.baseline.requirements_met_on),
            day(c.assumed.requirements_met_on),
        ));
    }
    for q in &a.requirements {
        let before = b.requirements.iter().find(|x| x.id == q.id);
        rows.push(row(
            q.id,
            name_or_id(q.name, q.id),
            before.map_or("–".to_string(), requirement_cell),
            requirement_cell(q),
        ));
    }
    rows
}

/// `check --plan`: for each certification, the ways to the goal.
pub(super) fn plans_section(plans: &[Plan]) -> Markup {
    html! {
        section id="plan" {
            h2 { "Plan" } "\n"
            @for p in plans {
                @let goal = match p.goal {
                    Goal::Eligible => "to become eligible",
                    Goal::RequirementsMet => "to meet the exam requirement",
                };
                h3 { (short_name(&p.certification)) ": ways " (goal) ", soonest first" } "\n"
                @if p.options.is_empty() {
                    p { "No change considered here reaches the goal." } "\n"
                } @else {
                    ol class="plan" {
                        "\n"
                        @for o in &p.options {
                            @let words: Vec<String> =
                                o.changes.iter().map(|c| c.describe()).collect();
                            li data-on=(o.on) {
                                strong { (o.on) } ": " (capital(&words.join("; and ")))
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}
