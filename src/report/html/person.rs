//! A person's part of a page: the timeline, each certification with its
//! requirements, units and sources, the warnings; and on a person's own
//! page the what-if comparison and the plan.

use maud::{Markup, html};

use crate::dates::Date;
use crate::eval::plan::Plan;
use crate::eval::timeline::{CertTimeline, Timeline};
use crate::eval::whatif::{Comparison, WhatIf};
use crate::eval::{CertResult, Detail, Report, RequirementResult};
use crate::report::vocab::{self, comparison};
use crate::report::{capital, name_or_id, short_name};
use crate::units::Units;

use super::{chart, slug, ticked, timeline};

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
            p { (vocab::NOTHING_JUDGED) } "\n"
        }
        @for r in &report.results {
            @let ct = timeline.and_then(|t| {
                t.certifications.iter().find(|c| c.certification == r.certification)
            });
            (certification(r, ct, report.as_of, prefix))
        }
        @if !report.month_dates.is_empty() {
            section id={ (prefix) "month-dates" } {
                h2 { (vocab::MONTH_DATES) }
                ul { "\n" @for m in &report.month_dates {
                    li { code { (m.field.id()) } " for " code { (m.of) } " " (m.month) ": read as " (m.read_as) } "\n"
                } }
            }
            "\n"
        }
        @if !report.warnings.is_empty() {
            section id={ (prefix) "warnings" } {
                h2 { (vocab::WARNINGS) }
                ul { "\n" @for w in &report.warnings { li { (ticked(&w.to_string())) } "\n" } }
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
                span class={ "badge " (status) } { (vocab::heading(r.status)) }
            }
            "\n"
            @let line = vocab::status_line(r, as_of);
            p class="status-line" { strong { (line.heading) } (line.rest) } "\n"
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
                        td class="mark" { (vocab::mark(q.met)) }
                        td { (name_or_id(q.name, q.id)) }
                        td class="day" { (day_text(q.met, day_of(q).or(q.met_on))) }
                        td {
                            (ticked(&q.summary()))
                            (roles_lists(q))
                        }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

/// An experience requirement's roles: those counted, those left out and
/// why (nothing for other requirements, or no roles).
fn roles_lists(q: &RequirementResult) -> Markup {
    let Detail::Experience { roles, .. } = &q.detail else {
        return html! {};
    };
    let counted: Vec<&str> = roles
        .iter()
        .filter(|r| r.counted)
        .map(|r| r.role.as_str())
        .collect();
    let left_out: Vec<String> = roles
        .iter()
        .filter(|r| !r.counted)
        .map(|r| format!("{} ({})", r.role, vocab::left_out_why(r, |t| t.to_string())))
        .collect();
    html! {
        @if !counted.is_empty() {
            p class="roles counted" { (capital(vocab::COUNTED)) ": " (counted.join(", ")) }
        }
        @if !left_out.is_empty() {
            p class="roles left-out" { (capital(vocab::LEFT_OUT)) ": " (left_out.join(", ")) }
        }
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
            h2 { (vocab::WHAT_IF) } "\n"
            p { (capital(vocab::ASSUMED)) ":" }
            ul {
                "\n"
                @for a in &w.assumptions {
                    li { (a.description) " " code { "--assume " (a.text) } } "\n"
                }
            }
            "\n"
            @for n in &w.notes {
                p class="muted" { "Note: " (ticked(n)) } "\n"
            }
            @let results = w.baseline.results.iter().zip(&w.assumed.results);
            @for (c, (b, a)) in w.comparisons.iter().zip(results) {
                h3 { (short_name(&c.certification)) }
                table class="comparison" data-certification=(c.certification) {
                    thead {
                        tr {
                            th {}
                            th { (capital(comparison::NOW)) }
                            th { (capital(comparison::ASSUMED)) }
                        }
                    }
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
        comparison::STATUS,
        vocab::short(c.baseline.status).into(),
        vocab::short(c.assumed.status).into(),
    )];
    if a.renewal.is_some() {
        rows.push(row(
            "renewal_ready_on",
            comparison::RENEWAL_READY_ON,
            day(c.baseline.renewal_ready_on),
            day(c.assumed.renewal_ready_on),
        ));
    } else {
        rows.push(row(
            "eligible_on",
            comparison::ELIGIBLE_ON,
            day(c.baseline.eligible_on),
            day(c.assumed.eligible_on),
        ));
        rows.push(row(
            "requirements_met_on",
            comparison::REQUIREMENTS_MET_ON,
            day(c.baseline.requirements_met_on),
            day(c.assumed.requirements_met_on),
        ));
    }
    for q in &a.requirements {
        let before = b.requirements.iter().find(|x| x.id == q.id);
        rows.push(row(
            q.id,
            name_or_id(q.name, q.id),
            before.map_or("–".to_string(), vocab::requirement_cell),
            vocab::requirement_cell(q),
        ));
    }
    rows
}

/// `check --plan`: for each certification, the ways to the goal.
pub(super) fn plans_section(plans: &[Plan]) -> Markup {
    html! {
        section id="plan" {
            h2 { (vocab::PLAN) } "\n"
            @for p in plans {
                @let short = short_name(&p.certification);
                h3 { (vocab::plan_heading(&short, p.goal)) } "\n"
                @if p.options.is_empty() {
                    p { (vocab::no_way(&short, p.goal)) } "\n"
                } @else {
                    ol class="plan" {
                        "\n"
                        @for o in &p.options {
                            @let words = vocab::plan_option(o);
                            li data-on=(o.on) {
                                @if o.on_passing() {
                                    strong { (vocab::ON_PASSING) }
                                } @else {
                                    strong { (o.on) }
                                }
                                ": " (ticked(&capital(&words)))
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
