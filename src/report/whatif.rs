//! What-if and plans as text: the result under the assumptions beside the
//! one without, what changed marked with `*`; and the plans, soonest first.

use crate::dates::Date;
use crate::eval::plan::{Change, Plan};
use crate::eval::whatif::{Comparison, Milestones, WhatIf};
use crate::eval::{CertResult, RequirementResult};
use crate::show::{self, Shown};

use super::text::{Doc, Term, display_width, pad};
use super::vocab::{self, CHANGED, comparison};
use super::{capital, short_name};

fn day(d: Option<Date>) -> String {
    d.map_or("-".to_string(), |d| d.to_string())
}

/// The what-if report as text for `term`.
pub fn render_text(w: &WhatIf, term: Term) -> String {
    let mut d = Doc::new(term);
    d.wrapped(
        "",
        2,
        &format!(
            "{}, as of {}",
            Shown(&vocab::who(&w.baseline.profile)),
            w.as_of
        ),
    );
    d.line(&format!("{} ({}):", vocab::WHAT_IF, vocab::ASSUMED));
    for a in &w.assumptions {
        d.wrapped(
            "  - ",
            4,
            &show::text(&format!("{} [--assume {}]", a.description, a.text)),
        );
    }
    for n in &w.notes {
        d.wrapped("  note: ", 8, &show::text(n));
    }
    if w.comparisons.is_empty() {
        d.line("");
        d.line(vocab::NOTHING_JUDGED);
    }
    for (c, (b, a)) in w
        .comparisons
        .iter()
        .zip(w.baseline.results.iter().zip(&w.assumed.results))
    {
        d.line("");
        certification(&mut d, c, b, a);
    }
    d.line("");
    d.line(&format!(
        "{CHANGED} changed by the assumptions. The exit code is that of the profile as it is."
    ));
    super::text::warnings(&mut d, &w.assumed.warnings);
    d.out
}

/// One certification: its comparison table, then the requirements the
/// assumptions changed, in words.
fn certification(d: &mut Doc, c: &Comparison, b: &CertResult, a: &CertResult) {
    let short = short_name(&c.certification);
    if c.name.is_empty() || c.name.eq_ignore_ascii_case(&short) {
        d.line(&show::text(&short));
    } else {
        d.line(&show::text(&format!("{short}  {}", c.name)));
    }
    let rows = comparison_rows(&c.baseline, &c.assumed, &c.changed, b, a);
    table(d, &rows);
    let changed: Vec<&RequirementResult> = a
        .requirements
        .iter()
        .filter(|q| c.changed.iter().any(|id| id == q.id))
        .collect();
    if !changed.is_empty() {
        d.line("  With the assumptions:");
        for q in changed {
            let label = super::name_or_id(q.name, q.id);
            d.wrapped(
                "    ",
                6,
                &show::text(&format!("{label}: {}", q.summary_display())),
            );
        }
    }
}

/// A cell of the comparison: words, or a requirement's mark and words.
enum Cell {
    Text(String),
    Requirement(bool, String),
}

impl Cell {
    fn of(q: &RequirementResult) -> Cell {
        let (met, words) = vocab::requirement_state(q);
        Cell::Requirement(met, words)
    }

    /// Its width in columns.
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => display_width(t),
            Cell::Requirement(_, w) => 2 + display_width(w),
        }
    }

    /// Appends it, the mark painted, padded to `width` columns.
    fn push(&self, d: &Doc, out: &mut String, width: usize) {
        match self {
            Cell::Text(t) => pad(out, t, width),
            Cell::Requirement(met, words) => {
                out.push_str(&format!("{} ", d.paint.mark(*met)));
                pad(out, words, width.saturating_sub(2));
            }
        }
    }
}

/// (changed, label, now, with the assumptions)
type Row = (bool, String, Cell, Cell);

fn comparison_rows(
    mb: &Milestones,
    ma: &Milestones,
    changed: &[String],
    b: &CertResult,
    a: &CertResult,
) -> Vec<Row> {
    let has = |k: &str| changed.iter().any(|c| c == k);
    let text = |s: &str| Cell::Text(s.to_string());
    let days = |k: &str, label: &str, b: Option<Date>, a: Option<Date>| -> Row {
        (has(k), label.into(), Cell::Text(day(b)), Cell::Text(day(a)))
    };
    let mut rows: Vec<Row> = vec![
        (
            false,
            String::new(),
            text(comparison::NOW),
            text(comparison::ASSUMED),
        ),
        (
            has("status"),
            comparison::STATUS.into(),
            text(vocab::short(mb.status)),
            text(vocab::short(ma.status)),
        ),
    ];
    let held = b.renewal.is_some() || a.renewal.is_some();
    if held {
        rows.push(days(
            "renewal_ready_on",
            comparison::RENEWAL_READY_ON,
            mb.renewal_ready_on,
            ma.renewal_ready_on,
        ));
    } else {
        rows.push(days(
            "eligible_on",
            comparison::ELIGIBLE_ON,
            mb.eligible_on,
            ma.eligible_on,
        ));
        rows.push(days(
            "requirements_met_on",
            comparison::REQUIREMENTS_MET_ON,
            mb.requirements_met_on,
            ma.requirements_met_on,
        ));
    }
    for q in &a.requirements {
        let before = b.requirements.iter().find(|x| x.id == q.id);
        let label = show::text(super::name_or_id(q.name, q.id)).into_owned();
        rows.push((
            has(q.id),
            label,
            before.map_or_else(|| text("-"), Cell::of),
            Cell::of(q),
        ));
    }
    rows
}

fn table(d: &mut Doc, rows: &[Row]) {
    let wl = rows.iter().map(|r| display_width(&r.1)).max().unwrap_or(0);
    let wn = rows.iter().map(|r| r.2.width()).max().unwrap_or(0);
    for (changed, label, now, with) in rows {
        let mark = if *changed { CHANGED } else { " " };
        let mut line = format!("  {mark} ");
        pad(&mut line, label, wl);
        line.push_str("  ");
        now.push(d, &mut line, wn);
        line.push_str("  ");
        with.push(d, &mut line, 0);
        d.line(line.trim_end());
    }
}

/// The plans as text for `term`, after the report.
pub fn render_plans(plans: &[Plan], profile_path: &str, as_of: Date, term: Term) -> String {
    let mut d = Doc::new(term);
    d.line("");
    d.line(vocab::PLAN);
    if plans.is_empty() {
        d.line(&format!("  {}", vocab::NOTHING_TO_PLAN));
    }
    for p in plans {
        let short = show::text(&short_name(&p.certification)).into_owned();
        if p.options.is_empty() {
            d.wrapped("  ", 4, &vocab::no_way(&short, p.goal));
            continue;
        }
        d.wrapped("  ", 4, &vocab::plan_heading(&short, p.goal));
        for (i, o) in p.options.iter().enumerate() {
            let words = vocab::plan_option(o);
            // an exam to pass as soon as possible: the day is the day of
            // the pass, not a day to book (same width as a date)
            let on = if o.on_passing() {
                vocab::ON_PASSING.to_string()
            } else {
                o.on.to_string()
            };
            let prefix = format!("  {:>2}. {on}  ", i + 1);
            let hang = display_width(&prefix);
            d.wrapped(&prefix, hang, &show::text(&capital(&words)));
            if !o.assume.is_empty() {
                let mut command = vec!["certcheck", "check", profile_path, "--as-of"];
                let as_of = as_of.to_string();
                command.push(&as_of);
                for a in &o.assume {
                    command.extend(["--assume", a.as_str()]);
                }
                // `--assume` cannot tag a role of the file: the command
                // shows the option once the tag is written
                let tags = o
                    .changes
                    .iter()
                    .any(|c| matches!(c, Change::TagRoles { .. }));
                // one line, whatever its length: a command to copy
                d.line(&format!(
                    "{}{}: {}",
                    " ".repeat(hang),
                    if tags { "after tagging, try" } else { "try" },
                    show::text(&show::command_line(&command))
                ));
            }
        }
    }
    d.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::Status;
    use crate::eval::plan::{Goal, PlanOption};

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
                    tags: vec![],
                    level: crate::rules::model::Level::Master,
                    by: date(2027, 6, 1),
                }],
                assume: vec!["degree=master@2027-06-01".into()],
            }],
        }];
        assert_eq!(
            render_plans(&plans, "p.toml", date(2026, 11, 25), Term::PLAIN),
            "\nPlan\n  CMQ/OE: ways to become eligible, soonest first\n   1. 2027-06-01  Complete a master's degree by 2027-06-01\n                  try: certcheck check p.toml --as-of 2026-11-25 --assume degree=master@2027-06-01\n"
        );
    }

    /// The comparison of `b` and `a` (a changed), as `table` writes it.
    fn compared(b: &CertResult, a: &CertResult, changed: &[&str], term: Term) -> String {
        let m = |r: &CertResult| Milestones {
            status: r.status,
            eligible_on: r.eligible_on,
            requirements_met_on: None,
            renewal_ready_on: None,
        };
        let changed: Vec<String> = changed.iter().map(|c| c.to_string()).collect();
        let mut d = Doc::new(term);
        table(&mut d, &comparison_rows(&m(b), &m(a), &changed, b, a));
        d.out
    }

    #[test]
    fn comparison_marks_are_painted_and_columns_line_up() {
        use crate::report::fixtures::cmq_oe_not_eligible;
        let b = cmq_oe_not_eligible();
        let mut a = b.clone();
        a.requirements[0].name = "実務経験 ✗";
        a.requirements[1].met = true;
        let plain = compared(&b, &a, &["decision-making"], Term::PLAIN);
        assert_eq!(
            plain.lines().collect::<Vec<_>>(),
            [
                "                                now                  with the assumptions",
                "    Status                      not eligible         not eligible",
                "    Prerequisites met on        2027-09-30           2027-09-30",
                "    Can be awarded on           -                    -",
                "    実務経験 ✗                  ✓ met                ✓ met",
                "  * Decision-making experience  ✗ met on 2027-09-30  ✓ met",
                "    Exam                        ✗ not passed         ✗ not passed",
            ]
        );
        let coloured = compared(
            &b,
            &a,
            &["decision-making"],
            Term {
                width: 100,
                color: true,
            },
        );
        assert!(
            coloured.contains("    実務経験 ✗                  \x1b[32m✓\x1b[0m met      "),
            "the ✗ in the name stays plain:\n{coloured}"
        );
        assert!(
            coloured.contains(
                "  * Decision-making experience  \x1b[31m✗\x1b[0m met on 2027-09-30  \x1b[32m✓\x1b[0m met\n"
            ),
            "{coloured}"
        );
    }
}
