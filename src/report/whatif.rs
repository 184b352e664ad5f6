//! What-if and plans as text: the result under the assumptions beside the
//! one without, what changed marked with `*`; and the plans, soonest first.

use crate::dates::Date;
use crate::eval::plan::Plan;
use crate::eval::whatif::{Milestones, WhatIf};
use crate::eval::{CertResult, Report, RequirementResult};

use super::short_name;
use super::text::push_wrapped;
use super::vocab::{self, CHANGED, comparison};

// (for html.rs until it takes its words from `vocab`)
#[doc(hidden)]
pub use super::vocab::{requirement_cell, short as status_short};

fn day(d: Option<Date>) -> String {
    d.map_or("-".to_string(), |d| d.to_string())
}

fn title(report: &Report) -> String {
    let who = &report.profile;
    if who.id.is_empty() || who.id == who.name {
        who.name.clone()
    } else {
        format!("{} ({})", who.name, who.id)
    }
}

/// The what-if report as text.
pub fn render_text(w: &WhatIf) -> String {
    let mut out = String::new();
    push_wrapped(
        &mut out,
        "",
        2,
        &format!("{}, as of {}", title(&w.baseline), w.as_of),
    );
    out.push_str(&format!("{} ({}):\n", vocab::WHAT_IF, vocab::ASSUMED));
    for a in &w.assumptions {
        push_wrapped(
            &mut out,
            "  - ",
            4,
            &format!("{} [--assume {}]", a.description, a.text),
        );
    }
    for n in &w.notes {
        push_wrapped(&mut out, "  note: ", 8, n);
    }
    if w.comparisons.is_empty() {
        out.push_str(&format!("\n{}\n", vocab::NOTHING_JUDGED));
    }
    for (c, (b, a)) in w
        .comparisons
        .iter()
        .zip(w.baseline.results.iter().zip(&w.assumed.results))
    {
        out.push('\n');
        let short = short_name(&c.certification);
        if c.name.is_empty() || c.name.eq_ignore_ascii_case(&short) {
            out.push_str(&format!("{short}\n"));
        } else {
            out.push_str(&format!("{short}  {}\n", c.name));
        }
        let rows = comparison_rows(&c.baseline, &c.assumed, &c.changed, b, a);
        table(&mut out, &rows);
        let changed: Vec<&RequirementResult> = a
            .requirements
            .iter()
            .filter(|q| c.changed.iter().any(|id| id == q.id))
            .collect();
        if !changed.is_empty() {
            out.push_str("  With the assumptions:\n");
            for q in changed {
                let label = super::name_or_id(q.name, q.id);
                push_wrapped(
                    &mut out,
                    "    ",
                    6,
                    &format!("{label}: {}", q.summary_display()),
                );
            }
        }
    }
    out.push_str(&format!(
        "\n{CHANGED} changed by the assumptions. The exit code is that of the profile as it is.\n"
    ));
    if !w.assumed.warnings.is_empty() {
        out.push_str(&format!("\n{}\n", vocab::WARNINGS));
        for x in &w.assumed.warnings {
            push_wrapped(&mut out, "  - ", 4, x);
        }
    }
    out
}

/// (changed, label, now, with the assumptions)
type Row = (bool, String, String, String);

fn comparison_rows(
    mb: &Milestones,
    ma: &Milestones,
    changed: &[String],
    b: &CertResult,
    a: &CertResult,
) -> Vec<Row> {
    let has = |k: &str| changed.iter().any(|c| c == k);
    let mut rows: Vec<Row> = vec![(
        false,
        String::new(),
        comparison::NOW.to_string(),
        comparison::ASSUMED.to_string(),
    )];
    rows.push((
        has("status"),
        comparison::STATUS.into(),
        vocab::short(mb.status).into(),
        vocab::short(ma.status).into(),
    ));
    let held = b.renewal.is_some() || a.renewal.is_some();
    if held {
        rows.push((
            has("renewal_ready_on"),
            comparison::RENEWAL_READY_ON.into(),
            day(mb.renewal_ready_on),
            day(ma.renewal_ready_on),
        ));
    } else {
        rows.push((
            has("eligible_on"),
            comparison::ELIGIBLE_ON.into(),
            day(mb.eligible_on),
            day(ma.eligible_on),
        ));
        rows.push((
            has("requirements_met_on"),
            comparison::REQUIREMENTS_MET_ON.into(),
            day(mb.requirements_met_on),
            day(ma.requirements_met_on),
        ));
    }
    for q in &a.requirements {
        let before = b.requirements.iter().find(|x| x.id == q.id);
        let label = super::name_or_id(q.name, q.id).to_string();
        rows.push((
            has(q.id),
            label,
            before.map_or("-".to_string(), requirement_cell),
            requirement_cell(q),
        ));
    }
    rows
}

fn table(out: &mut String, rows: &[Row]) {
    let w = |f: fn(&Row) -> &String| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (wl, wn) = (w(|r| &r.1), w(|r| &r.2));
    for (changed, label, now, with) in rows {
        let mark = if *changed { CHANGED } else { " " };
        let line = format!(
            "  {mark} {label}{}  {now}{}  {with}",
            " ".repeat(wl - label.chars().count()),
            " ".repeat(wn - now.chars().count())
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The plans as text, after the report.
pub fn render_plans(plans: &[Plan], profile_path: &str, as_of: Date) -> String {
    let mut out = format!("\n{}\n", vocab::PLAN);
    if plans.is_empty() {
        out.push_str("  Nothing to plan: every certification judged is held or can be awarded.\n");
    }
    for p in plans {
        let short = short_name(&p.certification);
        let goal = vocab::goal(p.goal);
        if p.options.is_empty() {
            push_wrapped(
                &mut out,
                "  ",
                4,
                &format!(
                    "{short}: no change considered here (degrees, a new role, training, exams) reaches the goal {goal}"
                ),
            );
            continue;
        }
        push_wrapped(&mut out, "  ", 4, &vocab::plan_heading(&short, p.goal));
        for (i, o) in p.options.iter().enumerate() {
            let words: Vec<String> = o.changes.iter().map(|c| c.describe()).collect();
            let prefix = format!("  {:>2}. {}  ", i + 1, o.on);
            let hang = prefix.chars().count();
            push_wrapped(&mut out, &prefix, hang, &capitalise(&words.join("; and ")));
            if !o.assume.is_empty() {
                let args: Vec<String> = o.assume.iter().map(|a| format!("--assume {a}")).collect();
                // one line, whatever its length: a command to copy
                out.push_str(&format!(
                    "{}try: certcheck check {profile_path} --as-of {as_of} {}\n",
                    " ".repeat(hang),
                    args.join(" ")
                ));
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::Status;
    use crate::eval::plan::{Change, Goal, PlanOption};

    #[test]
    fn plans_in_words() {
        let plans = vec![Plan {
            certification: "cmq-oe".into(),
            name: "CMQ/OE".into(),
            status: Status::NotEligible,
            goal: Goal::Eligible,
            options: vec![PlanOption {
                on: date(2027, 6, 1),
                changes: vec![Change::Degree {
                    level: crate::rules::model::Level::Master,
                    by: date(2027, 6, 1),
                }],
                assume: vec!["degree=master@2027-06-01".into()],
            }],
        }];
        assert_eq!(
            render_plans(&plans, "p.toml", date(2026, 11, 25)),
            "\nPlan\n  CMQ/OE: ways to become eligible, soonest first\n   1. 2027-06-01  Complete a master's degree by 2027-06-01\n                  try: certcheck check p.toml --as-of 2026-11-25 --assume degree=master@2027-06-01\n"
        );
    }
}
