//! The text report (`check --format text`), for a person who has read no
//! docs: one block per certification with where they stand in words, each
//! requirement with a mark (✓ met, ✗ not met), its one-line summary and the
//! figures and dates behind it, and for held certifications the renewal:
//! cycle, deadline, units per category, carry-over. Output is deterministic:
//! wrapped at [`WIDTH`] columns and plain unless a [`Term`] says otherwise
//! (the CLI's terminal width and `--color`). Widths are display widths
//! (unicode-width), so CJK and emoji line up.

use std::borrow::Cow;

use crate::dates::Date;
use crate::eval::{
    CategoryResult, CertResult, Detail, ExamPathResult, GroupResult, Renewal, Report,
    RequirementResult, RoleCount, Route, Status,
};
use crate::show::{self, Shown};
use crate::units::Units;

use super::color::Paint;
use super::vocab::{self, from_now};
use super::{count, name_or_id, short_name};

/// Lines are wrapped at this many columns where the output is not a
/// terminal (a file, a pipe, a test).
pub const WIDTH: usize = 100;
/// Requirement labels are padded to at most this many columns.
const MAX_LABEL: usize = 28;

/// Where a text report goes: the width its lines wrap at and whether its
/// marks and status words are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub width: usize,
    pub color: bool,
}

impl Term {
    /// Not a terminal: [`WIDTH`] columns, no colour.
    pub const PLAIN: Term = Term {
        width: WIDTH,
        color: false,
    };
}

/// A text report being written: the text so far, the width to wrap at and
/// how to paint marks and status words.
pub(crate) struct Doc {
    pub(crate) out: String,
    pub(crate) width: usize,
    pub(crate) paint: Paint,
}

impl Doc {
    pub(crate) fn new(term: Term) -> Doc {
        Doc {
            out: String::new(),
            width: term.width,
            paint: Paint::new(term.color),
        }
    }

    /// `text` after `prefix`, wrapped (see [`push_wrapped`]).
    pub(crate) fn wrapped(&mut self, prefix: &str, hang: usize, text: &str) {
        push_wrapped(&mut self.out, self.width, prefix, hang, text);
    }

    /// `text` as it is, then a newline.
    pub(crate) fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// ✓ or ✗, painted.
    pub(crate) fn mark(&self, met: bool) -> String {
        self.paint.mark(met).to_string()
    }
}

/// The report as text, one line per fact, ending with a newline: plain, at
/// [`WIDTH`] columns.
pub fn render(report: &Report) -> String {
    render_for(report, Term::PLAIN)
}

/// The report as text for `term`.
pub fn render_for(report: &Report, term: Term) -> String {
    let mut d = Doc::new(term);
    let title = vocab::who(&report.profile);
    d.wrapped("", 2, &format!("{}, as of {}", Shown(&title), report.as_of));
    if report.results.is_empty() {
        d.line("");
        d.line(vocab::NOTHING_JUDGED);
    }
    for r in &report.results {
        d.line("");
        certification(&mut d, r, report.as_of);
    }
    month_dates(&mut d, &report.month_dates);
    warnings(&mut d, &report.warnings);
    d.out
}

/// The dates given only to the month and the day each was read as, under
/// their heading, if there are any.
fn month_dates(d: &mut Doc, months: &[crate::profile::model::MonthDate]) {
    if months.is_empty() {
        return;
    }
    d.line("");
    d.line(vocab::MONTH_DATES);
    for m in months {
        let line = format!("{} {}: read as {}", m.describe(), m.month, m.read_as);
        d.wrapped("  - ", 4, &show::text(&line));
    }
}

/// The warnings under their heading, if there are any.
pub(crate) fn warnings<W: std::fmt::Display>(d: &mut Doc, warnings: &[W]) {
    if warnings.is_empty() {
        return;
    }
    d.line("");
    d.line(vocab::WARNINGS);
    for w in warnings {
        d.wrapped("  - ", 4, &show::text(&w.to_string()));
    }
}

fn certification(d: &mut Doc, r: &CertResult, as_of: Date) {
    let short = short_name(r.certification);
    let mut title = short.clone();
    if !r.name.is_empty() && !r.name.eq_ignore_ascii_case(&short) {
        title = format!("{title}  {}", r.name);
    }
    let source = match (r.issuer.is_empty(), edition_words(r.edition)) {
        (false, Some(ed)) => format!("{}, {ed}", r.issuer),
        (false, None) => r.issuer.to_string(),
        (true, Some(ed)) => ed,
        (true, None) => String::new(),
    };
    if !source.is_empty() {
        title = format!("{title}  ({source})");
    }
    d.line(&show::text(&title));
    let status = vocab::status_line_with(r, as_of, d.paint.mark(false));
    let status = format!("{}{}", d.paint.heading(status.status), status.rest);
    d.wrapped("  ", 4, &status);

    let width = r
        .requirements
        .iter()
        .map(|q| display_width(&label(q)))
        .chain(r.renewal.as_ref().map(|_| vocab::RENEWAL.len()))
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    // a held certification's recertification requirement is the renewal row
    let shown: Vec<&RequirementResult> = r
        .requirements
        .iter()
        .filter(|q| !matches!(q.detail, Detail::Recertification { .. }))
        .collect();
    if let Some(rn) = &r.renewal {
        renewal(d, rn, r, as_of, width);
        if !shown.is_empty() {
            d.line(&format!("  {}", vocab::REQUIREMENTS_TO_EARN));
        }
    }
    for q in shown {
        let extras = extras(q, &r.requirements, d.paint);
        row(
            d,
            width,
            q.met,
            &label(q),
            &show::text(&q.summary()),
            &extras,
        );
    }
}

fn edition_words(edition: &str) -> Option<String> {
    let e = edition.trim();
    if e.is_empty() {
        None
    } else if e.to_lowercase().contains("edition") {
        Some(format!("rules {e}"))
    } else {
        Some(format!("rules edition {e}"))
    }
}

/// What a person reads for a named thing: its name, or its id where the
/// name is blank; shown with [`show::text`].
fn label<'a>(q: &'a RequirementResult<'_>) -> Cow<'a, str> {
    show::text(name_or_id(q.name, q.id))
}

/// The lines under a requirement's summary: the figures behind it, what is
/// missing, the day it will be met. Marks are painted with `paint`.
fn extras(q: &RequirementResult, all: &[RequirementResult], paint: Paint) -> Vec<String> {
    let mut lines = Vec::new();
    match &q.detail {
        Detail::Experience {
            counted_days,
            required_days,
            window_from,
            counted_months,
            required_months,
            roles,
            ..
        } => {
            experience_lines(
                &mut lines,
                q,
                (*counted_days, *required_days),
                counted_months.zip(*required_months),
                *window_from,
            );
            lines.extend(role_lines(roles));
        }
        Detail::Degree {
            required,
            tags,
            highest,
        } if !q.met && tags.is_empty() => lines.push(format!(
            "missing: {} or higher (highest completed: {})",
            required.phrase(),
            highest.map_or("none", |l| l.phrase())
        )),
        Detail::Degree {
            required,
            tags,
            highest,
        } if !q.met => lines.push(format!(
            "missing: {} or higher tagged {} (highest completed with the tags: {})",
            required.phrase(),
            tags.iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" and "),
            highest.map_or("none", |l| l.phrase())
        )),
        Detail::Training {
            hours_counted,
            hours_required,
        } if !q.met => lines.push(format!(
            "missing: {} more training hours ({hours_counted} of {hours_required} counted)",
            hours_required.saturating_sub_floor(*hours_counted)
        )),
        Detail::Certification { id, status } if !q.met => lines.push(format!(
            "missing: {} held (certified or in its grace period); now: {}",
            Shown(&short_name(id)),
            match status {
                None | Some(Status::NotEligible | Status::Eligible) => "not held",
                Some(s) => vocab::words(*s),
            }
        )),
        Detail::Projects { counted, required } if !q.met => lines.push(format!(
            "missing: {} ({counted} of {required})",
            count(
                i64::from(required.saturating_sub(*counted)),
                "more completed project",
                "more completed projects"
            )
        )),
        Detail::Path { requires } => {
            let parts: Vec<String> = requires
                .iter()
                .map(|id| match all.iter().find(|o| &o.id == id) {
                    Some(o) => format!("{} {}", label(o), paint.mark(o.met)),
                    None => format!("`{}`", Shown(id)),
                })
                .collect();
            if !parts.is_empty() {
                lines.push(format!("needs all of: {}", parts.join(", ")));
            }
        }
        // one plain path: the summary already says it all
        Detail::Exam { paths, .. }
            if paths.len() == 1 && paths[0].withdrawn.is_empty() && paths[0].window_ok => {}
        Detail::Exam { met_path, paths } => {
            lines.extend(exam_lines(met_path.as_deref(), paths, paint));
        }
        _ => {}
    }
    if !q.met
        && let Some(d) = q.met_on
    {
        lines.push(vocab::met_on_if_roles_go_on(d));
    }
    lines
}

/// An experience requirement's figures in days, its look-back window, and
/// whether time alone can meet it.
fn experience_lines(
    lines: &mut Vec<String>,
    q: &RequirementResult,
    (counted_days, required_days): (i64, i64),
    months: Option<(u32, u32)>,
    window_from: Option<Date>,
) {
    if q.met_by.is_some() {
        return;
    }
    // in calendar months the summary already gives the count and what is
    // short, and the days are not what decides: no second line
    if months.is_none() {
        let mut l = format!("in days: {counted_days} counted of the {required_days} needed");
        if !q.met && required_days > counted_days {
            l.push_str(&format!(
                "; {} short",
                count(required_days - counted_days, "day", "days")
            ));
        }
        lines.push(l);
    }
    if let Some(from) = window_from {
        lines.push(format!(
            "only experience from {from} on counts (look-back window)"
        ));
    }
    if !q.met && q.met_on.is_none() {
        lines.push("time alone will not meet this: no ongoing role counts towards it".into());
    }
}

/// The roles an experience requirement counted, and those it left out
/// with the reasons: "counted: …" and "left out: …" (none for an empty list).
fn role_lines(roles: &[RoleCount]) -> Vec<String> {
    let counted: Vec<String> = roles
        .iter()
        .filter(|r| r.counted)
        .map(|r| show::text(&r.role).into_owned())
        .collect();
    let left_out: Vec<String> = roles
        .iter()
        .filter(|r| !r.counted)
        .map(|r| {
            let why = vocab::left_out_why(r, |t| format!("`{}`", Shown(t)));
            format!("{} ({why})", Shown(&r.role))
        })
        .collect();
    let mut lines = Vec::new();
    if !counted.is_empty() {
        lines.push(format!("{}: {}", vocab::COUNTED, counted.join(", ")));
    }
    if !left_out.is_empty() {
        lines.push(format!("{}: {}", vocab::LEFT_OUT, left_out.join(", ")));
    }
    lines
}

/// One line per exam path: the passes, what is missing and by when. Paths
/// that can no longer be taken and were never started share one line.
fn exam_lines(met_path: Option<&str>, paths: &[ExamPathResult], paint: Paint) -> Vec<String> {
    if let Some(p) = met_path.and_then(|id| paths.iter().find(|p| p.id == id)) {
        return vec![format!(
            "{} {}: {}",
            paint.mark(true),
            Shown(name_or_id(p.name, p.id)),
            passes(p)
        )];
    }
    let mut lines = Vec::new();
    let mut closed = Vec::new();
    for p in paths {
        let gone: Vec<&str> = p
            .missing
            .iter()
            .filter(|m| p.withdrawn.contains(m))
            .copied()
            .collect();
        if p.passed.is_empty() && !p.missing.is_empty() && gone.len() == p.missing.len() {
            closed.push(show::text(name_or_id(p.name, p.id)));
            continue;
        }
        let mut parts = Vec::new();
        if !p.open {
            parts.push(format!(
                "open only to holders of {}",
                ticked(p.for_holders_of.iter().copied()).replace(", ", " or ")
            ));
        }
        if !p.passed.is_empty() {
            parts.push(passes(p));
        }
        if !p.window_ok {
            parts.push("the window between the passes was missed".to_string());
        }
        if !p.missing.is_empty() {
            let mut s = format!("still to pass {}", ticked(&p.missing));
            if let Some(d) = p.deadline {
                s.push_str(&format!(" by {d}"));
            }
            parts.push(s);
        }
        if !gone.is_empty() {
            let verb = if gone.len() == 1 { "is" } else { "are" };
            parts.push(format!(
                "{} {verb} no longer offered",
                ticked(gone.iter().copied())
            ));
        }
        lines.push(format!(
            "{} {}: {}",
            paint.mark(p.met),
            Shown(name_or_id(p.name, p.id)),
            parts.join("; ")
        ));
    }
    if !closed.is_empty() {
        lines.push(format!("no longer offered: {}", closed.join(", ")));
    }
    lines
}

/// "passed `cpim-part-1` on 2022-03-01, `cpim-part-2` on 2023-01-10",
/// shown with [`show::text`].
fn passes(p: &ExamPathResult) -> String {
    if p.passed.is_empty() {
        "passed".to_string()
    } else {
        format!("passed {}", Shown(&p.passes_phrase()))
    }
}

/// "`a`, `b`", shown with [`show::text`].
fn ticked<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    ids.into_iter()
        .map(|id| format!("`{}`", Shown(id.as_ref())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn renewal(d: &mut Doc, rn: &Renewal, r: &CertResult, as_of: Date, width: usize) {
    let status = r.status;
    let unit = &*show::text(rn.unit);
    let figures = format!(
        "{} of {} {} counted",
        rn.units_counted,
        rn.units_required,
        show::text(crate::units::unit_word(rn.units_required, rn.unit))
    );
    let deadline = match (status, rn.route) {
        (Status::Certified, _) => Some(rn.cycle_end),
        // units earned now no longer renew the cycle: no date for them
        (Status::Grace, Some(Route::Exam | Route::None)) => None,
        (Status::Grace, _) => Some(rn.grace_until),
        _ => None,
    };
    let summary = if rn.ready && status == Status::Lapsed {
        format!("{figures}: the cycle's requirement was met")
    } else if rn.ready {
        format!("{figures}: ready to renew")
    } else if rn.units_needed.is_positive() {
        match deadline {
            Some(d) => format!("{figures}, {} still needed by {d}", rn.units_needed),
            None => format!("{figures}, {} still needed", rn.units_needed),
        }
    } else {
        format!("{figures}, but a minimum below is not met")
    };
    let mut lines = Vec::new();
    if rn.edition != r.edition && !rn.edition.is_empty() {
        lines.push(format!(
            "this cycle is judged by the rules of edition {}, in force on its last day",
            show::text(rn.edition)
        ));
    }
    match rn.route {
        Some(Route::Units) => lines.push(format!(
            "units dated up to {} still count towards this overdue cycle",
            rn.grace_until
        )),
        Some(Route::Exam) => lines.push(format!(
            "units you earn now will not renew the overdue cycle; renew by exam by {}",
            rn.closes()
        )),
        Some(Route::None) => lines.push(
            "units you earn now will not renew the overdue cycle, and no renewal by exam is left; they count towards the next cycle"
                .to_string(),
        ),
        None => {}
    }
    if let Some(co) = &rn.carry_over {
        lines.push(format!(
            "includes {} carried over from the previous cycle, {} to {}; they count towards the total, not towards a minimum",
            amount(co.units, unit),
            co.from_start,
            co.from_end
        ));
    }
    if status == Status::Certified
        && let Some(d) = rn.window_opens
    {
        lines.push(if d > as_of {
            format!("renewals are accepted from {d} ({})", from_now(as_of, d))
        } else {
            format!("renewals are accepted since {d}")
        });
    }
    row(d, width, rn.ready, vocab::RENEWAL, &summary, &lines);
    categories(d, &rn.categories);
    category_notes(d, &rn.categories, unit);
    for g in &rn.groups {
        group(d, g, &rn.categories, unit);
    }
}

/// An amount with its unit, the unit made singular for exactly 1 where it
/// is a plain plural: `1 point`, `1 PDU`, `5.5 points`, `1 RU`, `4 RU`.
fn amount(u: Units, unit: &str) -> String {
    crate::units::amount(u, unit)
}

/// "4 RU over the Employment cap of 10.8 do not count" ("1 point … does
/// not count").
fn over_cap_words(over: Units, unit: &str, what: &str, max: Option<Units>) -> String {
    let cap = match max {
        Some(m) => format!("the {what} cap of {m}"),
        None => format!("the {what} cap"),
    };
    let verb = if over == Units::whole(1) {
        "does not count"
    } else {
        "do not count"
    };
    format!("{} over {cap} {verb}", amount(over, unit))
}

/// The per-category table, inner categories indented under their parent.
fn categories(d: &mut Doc, cats: &[CategoryResult]) {
    if cats.is_empty() {
        return;
    }
    let ordered = tree_order(cats);
    let names: Vec<String> = ordered
        .iter()
        .map(|(c, depth)| format!("{}{}", "  ".repeat(*depth), cat_name(c)))
        .collect();
    let opt = |u: Option<Units>| u.map_or("-".to_string(), |u| u.to_string());
    let cells: Vec<[String; 4]> = ordered
        .iter()
        .map(|(c, _)| {
            [
                c.earned.to_string(),
                c.counted.to_string(),
                opt(c.min),
                // a share beside what it resolves to: "45 (60 %)"
                match &c.max_share {
                    Some(share) => format!("{} ({share})", opt(c.max)),
                    None => opt(c.max),
                },
            ]
        })
        .collect();
    let heads = ["earned", "counted", "min", "max"];
    let name_w = names
        .iter()
        .map(|n| display_width(n))
        .chain(std::iter::once("category".len()))
        .max()
        .unwrap_or(0);
    let col_w: Vec<usize> = (0..4)
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].len())
                .chain([heads[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut head = format!("      {:<name_w$}", "category");
    for (h, w) in heads.iter().zip(&col_w) {
        head.push_str(&format!("  {h:>w$}"));
    }
    d.line(head.trim_end());
    for (((c, _), name), cell) in ordered.iter().zip(&names).zip(&cells) {
        let mark = if c.needed.is_positive() {
            d.mark(false)
        } else if c.min.is_some() {
            d.mark(true)
        } else {
            " ".to_string()
        };
        let mut line = format!("    {mark} ");
        pad(&mut line, name, name_w);
        for (v, w) in cell.iter().zip(&col_w) {
            line.push_str(&format!("  {v:>w$}"));
        }
        d.line(line.trim_end());
    }
}

/// Under the table, in words: what each cap removed ("4 RU over the
/// Employment cap of 10.8 do not count") and what each unmet minimum still
/// needs ("Teaching still needs 8 points to reach its minimum of 8"), in the
/// table's order.
fn category_notes(d: &mut Doc, cats: &[CategoryResult], unit: &str) {
    for (c, _) in tree_order(cats) {
        if c.needed.is_positive() {
            let min = c
                .min
                .map_or(String::new(), |m| format!(" to reach its minimum of {m}"));
            d.wrapped(
                "      ",
                8,
                &format!(
                    "{} still needs {}{min}",
                    cat_name(c),
                    amount(c.needed, unit)
                ),
            );
        }
        if c.over_cap.is_positive() {
            d.wrapped(
                "      ",
                8,
                &over_cap_words(c.over_cap, unit, &cat_name(c), c.max),
            );
        }
    }
}

/// A category's name (or id), shown with [`show::text`].
fn cat_name<'a>(c: &'a CategoryResult<'_>) -> Cow<'a, str> {
    show::text(name_or_id(c.name, c.id))
}

/// Categories with their depth, each inner one right after its parent (in
/// the given order otherwise). A parent that is missing or part of a loop
/// leaves the category at the top level.
fn tree_order<'a, 'r>(cats: &'a [CategoryResult<'r>]) -> Vec<(&'a CategoryResult<'r>, usize)> {
    let has_parent = |c: &CategoryResult| {
        c.parent
            .is_some_and(|p| p != c.id && cats.iter().any(|o| o.id == p))
    };
    let mut out: Vec<(&CategoryResult, usize)> = Vec::with_capacity(cats.len());
    let mut placed = vec![false; cats.len()];
    fn visit<'a, 'r>(
        i: usize,
        depth: usize,
        cats: &'a [CategoryResult<'r>],
        placed: &mut [bool],
        out: &mut Vec<(&'a CategoryResult<'r>, usize)>,
    ) {
        if placed[i] {
            return;
        }
        placed[i] = true;
        out.push((&cats[i], depth));
        for (j, c) in cats.iter().enumerate() {
            if c.parent == Some(cats[i].id) {
                visit(j, depth + 1, cats, placed, out);
            }
        }
    }
    for i in 0..cats.len() {
        if !has_parent(&cats[i]) {
            visit(i, 0, cats, &mut placed, &mut out);
        }
    }
    // Categories in a parent loop: none of them is at the top level.
    for i in 0..cats.len() {
        visit(i, 0, cats, &mut placed, &mut out);
    }
    out
}

fn group(d: &mut Doc, g: &GroupResult, cats: &[CategoryResult], unit: &str) {
    let members: Vec<Cow<str>> = g
        .categories
        .iter()
        .map(|id| {
            cats.iter()
                .find(|c| c.id == *id)
                .map_or_else(|| show::text(id), cat_name)
        })
        .collect();
    let mut text = format!(
        "{} ({}): {} counted",
        Shown(name_or_id(g.name, g.id)),
        members.join(" + "),
        g.counted
    );
    if let Some(min) = g.min {
        text.push_str(&format!(", at least {min}"));
    }
    if let Some(max) = g.max {
        text.push_str(&format!(", at most {max}"));
    }
    if g.needed.is_positive() {
        text.push_str(&format!("; {} still needed", amount(g.needed, unit)));
    }
    if g.over_cap.is_positive() {
        text.push_str(&format!(
            "; {}",
            over_cap_words(g.over_cap, unit, "group's", g.max)
        ));
    }
    let mark = if g.needed.is_positive() {
        d.mark(false)
    } else if g.min.is_some() {
        d.mark(true)
    } else {
        " ".to_string()
    };
    d.wrapped(&format!("    {mark} "), 8, &text);
}

/// One requirement row: mark, label padded to `width` columns, text, then
/// the extra lines under the text.
fn row(d: &mut Doc, width: usize, met: bool, label: &str, text: &str, extra: &[String]) {
    let col = 4 + width + 2;
    let mut prefix = format!("  {} ", d.paint.mark(met));
    pad(&mut prefix, label, width);
    prefix.push_str("  ");
    d.wrapped(&prefix, col, text);
    let indent = " ".repeat(col);
    for e in extra {
        d.wrapped(&indent, col + 2, e);
    }
}

/// How many columns `s` takes on a terminal: wide characters (CJK, most
/// emoji) take two, combining ones none, and colour escapes none.
pub fn display_width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Appends `s` and spaces up to `width` columns (none when it is wider).
pub fn pad(out: &mut String, s: &str, width: usize) {
    out.push_str(s);
    let n = width.saturating_sub(display_width(s));
    out.extend(std::iter::repeat_n(' ', n));
}

/// A word to wrap, and its width in columns.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    width: usize,
}

impl textwrap::core::Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }
    /// Words are joined by one space.
    fn whitespace_width(&self) -> f64 {
        1.0
    }
    /// Words are never broken, so never hyphenated.
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Appends `text` after `prefix`, wrapped at `width` columns on spaces
/// (first fit; a word wider than a line has one to itself), with
/// continuation lines indented by `hang` spaces. Runs of whitespace (and
/// any newline inside `text`) become one space; lines have no trailing
/// spaces.
pub(crate) fn push_wrapped(out: &mut String, width: usize, prefix: &str, hang: usize, text: &str) {
    let words: Vec<Word> = text
        .split_whitespace()
        .map(|w| Word {
            text: w,
            width: display_width(w),
        })
        .collect();
    // (the widths left after the prefix, then after the hang; negative when
    // the prefix is wider than the line, which still takes one word)
    let widths = [
        width as f64 - display_width(prefix) as f64,
        width as f64 - hang as f64,
    ];
    for (i, line) in textwrap::wrap_algorithms::wrap_first_fit(&words, &widths)
        .into_iter()
        .enumerate()
    {
        let start = out.len();
        if i == 0 {
            out.push_str(prefix);
        } else {
            out.extend(std::iter::repeat_n(' ', hang));
        }
        for (j, w) in line.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(w.text);
        }
        let end = start + out[start..].trim_end().len();
        out.truncate(end);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::{CarryOverResult, ExamPathResult, Warning};
    use crate::report::fixtures::*;

    fn as_of() -> Date {
        date(2026, 11, 25)
    }

    /// The text with every run of whitespace made one space: for checks
    /// that should not depend on where lines wrap.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn one(r: CertResult, on: Date) -> String {
        render(&report(on, vec![r], &[]))
    }

    /// The second line of a one-certification report's block: the status.
    fn status_of(r: CertResult, on: Date) -> String {
        let text = one(r, on);
        let mut lines = text.lines().skip(3);
        let mut status = lines.next().unwrap().trim().to_string();
        for l in lines.take_while(|l| l.starts_with("    ")) {
            status = format!("{status} {}", l.trim());
        }
        status
    }

    #[test]
    fn dana() {
        let r = report(
            as_of(),
            vec![cmq_oe_not_eligible(), cpim_certified()],
            &[
                "roles `Quality Manager at Acme` and `Consultant` overlap from 2020-01-01 to 2020-06-30; those days count once",
            ],
        );
        let expected = "\
Dana Whitfield (C-1042), as of 2026-11-25

CMQ/OE  Certified Manager of Quality/Organizational Excellence  (ASQ, rules edition 2024)
  Not eligible yet: every prerequisite will be met on 2027-09-30 (in 309 days) if your current roles
    go on
  ✓ Work experience             8 y 4 m of 6 y counted (10 y, 4 y waived for a bachelor's degree)
                                in days: 3042 counted of the 2191 needed
  ✗ Decision-making experience  3 y 8 m of 5 y in a decision-making position
                                in days: 1546 counted of the 1826 needed; 280 days short
                                met on 2027-09-30 if your current roles go on
  ✗ Exam                        no exam path passed yet

CPIM  Certified in Planning and Inventory Management  (ASCM, rules edition 2023)
  Certified: the 2nd cycle runs 2021-08-01 to 2026-07-31; 249 days left (grace period until
    2026-10-29)
  ✗ Renewal  57.5 of 75 points counted, 17.5 still needed by 2026-07-31
             includes 5 points carried over from the previous cycle, 2016-08-01 to 2021-07-31; they
               count towards the total, not towards a minimum
      category              earned  counted  min   max
      Continuing education      40       40    -     -
      Membership                18     12.5    -  12.5
    ✗ Teaching                   0        0    8     -
      5.5 points over the Membership cap of 12.5 do not count
      Teaching still needs 8 points to reach its minimum of 8
    ✓ Learning (Continuing education + Teaching): 40 counted, at least 30

Warnings
  - roles `Quality Manager at Acme` and `Consultant` overlap from 2020-01-01 to 2020-06-30; those
    days count once
";
        assert_eq!(render(&r), expected);
    }

    #[test]
    fn every_status_in_words() {
        let mut r = cmq_oe_not_eligible();
        assert_eq!(
            status_of(r.clone(), as_of()),
            "Not eligible yet: every prerequisite will be met on 2027-09-30 (in 309 days) if your current roles go on"
        );
        r.eligible_on = None;
        assert_eq!(
            status_of(r.clone(), as_of()),
            "Not eligible yet, and time alone will not change that: see what is missing (✗) below"
        );
        r.status = Status::Eligible;
        assert_eq!(
            status_of(r.clone(), as_of()),
            "Eligible: there are no prerequisites; an exam is still to pass"
        );
        r.eligible_on = Some(date(2021, 8, 31));
        assert_eq!(
            status_of(r.clone(), as_of()),
            "Eligible: every prerequisite met since 2021-08-31; an exam is still to pass"
        );
        r.status = Status::RequirementsMet;
        assert_eq!(
            status_of(r.clone(), as_of()),
            "Requirements met: every prerequisite (since 2021-08-31) and an exam path are met; the certification can be awarded"
        );
        r.eligible_on = None;
        assert_eq!(
            status_of(r, as_of()),
            "Requirements met: an exam path is met; the certification can be awarded"
        );

        let mut h = held(Status::Certified, false);
        h.renewal.as_mut().unwrap().cycle = 0;
        h.renewal.as_mut().unwrap().days_left = 0;
        assert_eq!(
            status_of(h, date(2026, 7, 31)),
            "Certified: the 1st cycle runs 2021-08-01 to 2026-07-31; today is the last day (grace period until 2026-10-29)"
        );
        assert_eq!(
            status_of(held(Status::Grace, false), date(2026, 9, 1)),
            "In grace period: the cycle ended on 2026-07-31 (32 days ago); renew by 2026-10-29 (58 days left)"
        );
        assert_eq!(
            status_of(held(Status::Grace, false), date(2026, 10, 29)),
            "In grace period: the cycle ended on 2026-07-31 (90 days ago); renew by 2026-10-29 (today is the last day)"
        );
        assert_eq!(
            status_of(held(Status::Lapsed, false), as_of()),
            "Lapsed: the cycle ended on 2026-07-31 and its grace period on 2026-10-29 (27 days ago)"
        );
        // short in grace, units earned now go to the next cycle, an exam
        // can still renew it: the date that matters is the exam's
        let mut h = held(Status::Grace, false);
        let rn = h.renewal.as_mut().unwrap();
        rn.route = Some(Route::Exam);
        rn.by_exam_until = Some(date(2027, 7, 31));
        assert_eq!(
            status_of(h, date(2026, 9, 1)),
            "In grace period: the cycle ended on 2026-07-31 (32 days ago); units earned now will not renew it; renew by exam by 2027-07-31 (333 days left)"
        );
        for (s, words) in [
            (
                Status::Certified,
                "Certified: held for life, with no recertification",
            ),
            (Status::Grace, "In grace period: renew now"),
            (Status::Lapsed, "Lapsed"),
        ] {
            let mut h = held(s, false);
            h.renewal = None;
            assert_eq!(status_of(h, as_of()), words);
        }
    }

    #[test]
    fn renewal_summary_per_status() {
        let row = |s: Status, ready: bool| {
            one(held(s, ready), as_of())
                .lines()
                .find(|l| l.contains("Renewal"))
                .unwrap()
                .to_string()
        };
        assert_eq!(
            row(Status::Certified, true),
            "  ✓ Renewal  75 of 75 points counted: ready to renew"
        );
        assert_eq!(
            row(Status::Certified, false),
            "  ✗ Renewal  57.5 of 75 points counted, 17.5 still needed by 2026-07-31"
        );
        assert_eq!(
            row(Status::Grace, false),
            "  ✗ Renewal  57.5 of 75 points counted, 17.5 still needed by 2026-10-29"
        );
        assert_eq!(
            row(Status::Lapsed, false),
            "  ✗ Renewal  57.5 of 75 points counted, 17.5 still needed"
        );
        assert_eq!(
            row(Status::Lapsed, true),
            "  ✓ Renewal  75 of 75 points counted: the cycle's requirement was met"
        );
        let mut h = held(Status::Certified, false);
        h.renewal.as_mut().unwrap().units_counted = u("80");
        h.renewal.as_mut().unwrap().units_needed = u("0");
        assert!(
            one(h, as_of()).contains("80 of 75 points counted, but a minimum below is not met")
        );
    }

    #[test]
    fn renewal_window_and_carry_over() {
        let mut h = held(Status::Certified, false);
        let rn = h.renewal.as_mut().unwrap();
        rn.window_opens = Some(date(2026, 1, 31));
        rn.carry_over = Some(CarryOverResult {
            units: u("2.5"),
            from_start: date(2016, 8, 1),
            from_end: date(2021, 7, 31),
        });
        let text = one(h.clone(), date(2025, 12, 1));
        assert!(
            text.contains("\n             renewals are accepted from 2026-01-31 (in 61 days)\n"),
            "{text}"
        );
        assert!(
            flat(&text).contains(
                "includes 2.5 points carried over from the previous cycle, 2016-08-01 to 2021-07-31; they count towards the total, not towards a minimum"
            ),
            "{text}"
        );
        let text = one(h, date(2026, 2, 1));
        assert!(
            text.contains("renewals are accepted since 2026-01-31"),
            "{text}"
        );
    }

    #[test]
    fn route_and_the_edition_of_the_cycle() {
        // grace to 2026-10-29; renewal by exam to 2027-07-31
        let mut h = held(Status::Grace, false);
        let rn = h.renewal.as_mut().unwrap();
        rn.by_exam_until = Some(date(2027, 7, 31));
        rn.route = Some(Route::Exam);
        rn.edition = "5-year suspension";
        let text = flat(&one(h.clone(), date(2026, 11, 1)));
        assert!(
            text.contains(
                "units you earn now will not renew the overdue cycle; renew by exam by 2027-07-31"
            ),
            "{text}"
        );
        assert!(
            text.contains("this cycle is judged by the rules of edition 5-year suspension, in force on its last day"),
            "{text}"
        );
        // no date for units that no longer count
        assert!(!text.contains("still needed by"), "{text}");
        assert!(
            text.contains("the cycle ended on 2026-07-31 (93 days ago) and its grace period on 2026-10-29; renew by exam by 2027-07-31 (272 days left)"),
            "{text}"
        );
        // units still count: the grace period's end
        let rn = h.renewal.as_mut().unwrap();
        rn.route = Some(Route::Units);
        rn.edition = "2023";
        let text = flat(&one(h.clone(), date(2026, 9, 1)));
        assert!(
            text.contains("units dated up to 2026-10-29 still count towards this overdue cycle"),
            "{text}"
        );
        assert!(text.contains("17.5 still needed by 2026-10-29"), "{text}");
        assert!(!text.contains("judged by the rules of edition"), "{text}");
        h.renewal.as_mut().unwrap().route = Some(Route::None);
        let text = flat(&one(h, date(2026, 9, 1)));
        assert!(
            text.contains("units you earn now will not renew the overdue cycle, and no renewal by exam is left"),
            "{text}"
        );
        assert!(
            text.contains("In grace period: the cycle ended on 2026-07-31 (32 days ago); units earned now will not renew it, and it lapses after 2026-10-29 (58 days left)"),
            "{text}"
        );
    }

    #[test]
    fn a_share_cap_is_shown_beside_its_amount() {
        let mut h = held(Status::Certified, false);
        let rn = h.renewal.as_mut().unwrap();
        rn.categories = vec![CategoryResult {
            id: "teaching",
            name: "Teaching",
            earned: u("50"),
            counted: u("45"),
            min: None,
            max: Some(u("45")),
            max_share: Some("60 %".into()),
            over_cap: u("5"),
            needed: u("0"),
            parent: None,
        }];
        let text = one(h, date(2026, 1, 1));
        assert!(
            text.contains("Teaching      50       45    -  45 (60 %)"),
            "{text}"
        );
    }

    #[test]
    fn caps_and_minimums_in_words() {
        let mut h = cpim_certified();
        let rn = h.renewal.as_mut().unwrap();
        rn.carry_over = None;
        rn.categories[1].over_cap = u("1");
        rn.categories[1].earned = u("13.5");
        rn.categories[2].needed = u("0.5");
        rn.categories[2].counted = u("7.5");
        rn.categories[2].earned = u("7.5");
        rn.groups.push(GroupResult {
            id: "contributions",
            name: "Contributions",
            categories: vec!["membership"],
            counted: u("20"),
            min: None,
            max: Some(u("20")),
            over_cap: u("10"),
            needed: u("0"),
        });
        let text = one(h.clone(), as_of());
        for line in [
            "\n      1 point over the Membership cap of 12.5 does not count\n",
            "\n      Teaching still needs 0.5 points to reach its minimum of 8\n",
            "\n      Contributions (Membership): 20 counted, at most 20; 10 points over the group's cap of 20 do\n        not count\n",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        // a unit that is no plain plural stays as it is
        let rn = h.renewal.as_mut().unwrap();
        rn.unit = "RU";
        rn.categories[1].over_cap = u("4");
        let text = one(h, as_of());
        assert!(
            text.contains("\n      4 RU over the Membership cap of 12.5 do not count\n"),
            "{text}"
        );
        assert_eq!(amount(u("1"), "RU"), "1 RU");
        assert_eq!(amount(u("1"), "PDUs"), "1 PDU");
        assert_eq!(amount(u("2"), "PDUs"), "2 PDUs");
        assert_eq!(amount(u("1"), "Points"), "1 Points", "not a plain plural");
        assert_eq!(amount(u("1"), "points"), "1 point");
        assert_eq!(amount(u("1.5"), "points"), "1.5 points");
        assert_eq!(amount(u("1"), "s"), "1 s");
    }

    #[test]
    fn inner_categories_sit_under_their_parent() {
        let mut h = held(Status::Certified, false);
        // capped at 8 where there is a maximum, all 30 counted where not
        let cat =
            |id: &'static str, parent: Option<&'static str>, max: Option<&str>| CategoryResult {
                id,
                name: "",
                earned: u("30"),
                counted: u(if max.is_some() { "8" } else { "30" }),
                min: None,
                max: max.map(u),
                max_share: None,
                over_cap: u(if max.is_some() { "22" } else { "0" }),
                needed: u("0"),
                parent,
            };
        h.renewal.as_mut().unwrap().categories = vec![
            cat("working-as-practitioner", Some("giving-back"), Some("8")),
            cat("ways-of-working", None, None),
            cat("giving-back", None, Some("25")),
            cat("orphan", Some("gone"), None),
            cat("loop-a", Some("loop-b"), None),
            cat("loop-b", Some("loop-a"), None),
        ];
        let text = one(h, as_of());
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.contains("category"))
            .take(9)
            .collect();
        assert_eq!(
            table,
            [
                "      category                   earned  counted  min  max",
                "      ways-of-working                30       30    -    -",
                "      giving-back                    30        8    -   25",
                "        working-as-practitioner      30        8    -    8",
                "      orphan                         30       30    -    -",
                "      loop-a                         30       30    -    -",
                "        loop-b                       30       30    -    -",
                "      22 points over the giving-back cap of 25 do not count",
                "      22 points over the working-as-practitioner cap of 8 do not count",
            ]
        );
    }

    #[test]
    fn every_detail_has_its_figures() {
        let text = render(&every_detail());
        for line in [
            "  ✗ experience name   experience summary\n                      in days: 3042 counted of the 2191 needed\n",
            "\n                      only experience from 2018-11-26 on counts (look-back window)\n                      met on 2027-09-30 if your current roles go on\n",
            "  ✓ degree name       degree summary\n  ✗",
            "\n                      missing: 24.2 more training hours (10.8 of 35 counted)\n",
            "\n                      missing: CQE held (certified or in its grace period); now: lapsed\n",
            "\n                      missing: 1 more completed project (1 of 2)\n",
            "\n                      needs all of: experience name ✗, degree name ✓\n",
            "\n                      ✗ Part 1 and Part 2: passed `cpim-part-1` on 2022-03-01; still to pass\n                        `cpim-part-2` by 2025-03-01; `cpim-part-2` is no longer offered\n",
            "    ✗ Education (Membership): 12.5 counted, at least 35; 22.5 points still needed\n",
            "includes 0.125 points carried over",
            "\nWarnings\n  - a warning\n",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
    }

    #[test]
    fn unmet_requirements_say_what_is_missing() {
        let mut r = cmq_oe_not_eligible();
        r.requirements = vec![
            req(
                "degree",
                "Degree",
                false,
                "no degree",
                Detail::Degree {
                    tags: vec![],
                    required: crate::rules::model::Level::Bachelor,
                    highest: None,
                },
            ),
            req(
                "cert",
                "",
                false,
                "not held",
                Detail::Certification {
                    id: "cmq-oe",
                    status: Some(Status::RequirementsMet),
                },
            ),
            req(
                "exp",
                "Experience",
                false,
                "no counting role",
                Detail::Experience {
                    counted_months: None,
                    counting: crate::rules::model::Counting::Days,
                    required_months: None,
                    roles: vec![],
                    counted_days: 0,
                    required_days: 1095,
                    base_required_days: 1826,
                    waived_months: 24,
                    waiver_level: None,
                    window_from: None,
                },
            ),
        ];
        let text = flat(&one(r, as_of()));
        assert!(
            text.contains("missing: a bachelor's degree or higher (highest completed: none)"),
            "{text}"
        );
        assert!(
            text.contains(" ✗ cert not held "),
            "an empty name falls back to the id:\n{text}"
        );
        assert!(text.contains("missing: CMQ/OE held (certified or in its grace period); now: requirements met; can be awarded"), "{text}");
        assert!(
            text.contains("in days: 0 counted of the 1095 needed; 1095 days short"),
            "{text}"
        );
        assert!(
            text.contains("time alone will not meet this: no ongoing role counts towards it"),
            "{text}"
        );
    }

    #[test]
    fn exam_paths() {
        let path = exam_path_passing;
        let mut old = path("old", &[], &["bscm", "mpr"]);
        old.withdrawn = vec!["bscm", "mpr"];
        let mut parts = path(
            "parts",
            &[("p1", date(2019, 1, 5)), ("p2", date(2023, 2, 1))],
            &[],
        );
        parts.met = false;
        parts.window_ok = false;
        let current = path("cpim", &[], &["cpim"]);
        let exam = |met_path: Option<&str>, paths: Vec<ExamPathResult>| {
            let mut r = cmq_oe_not_eligible();
            r.requirements = vec![req(
                "exam",
                "Exam",
                met_path.is_some(),
                "…",
                Detail::Exam { met_path, paths },
            )];
            one(r, as_of())
        };
        let text = exam(None, vec![old.clone(), parts.clone(), current.clone()]);
        assert!(
            text.ends_with(
                "  ✗ Exam  …
          ✗ PARTS: passed `p1` on 2019-01-05, `p2` on 2023-02-01; the window between the passes was
            missed
          ✗ CPIM: still to pass `cpim`
          no longer offered: OLD
"
            ),
            "{text}"
        );
        let mut done = path("cpim", &[("cpim", date(2024, 5, 2))], &[]);
        done.met = true;
        let text = exam(Some("cpim"), vec![old, parts, done]);
        assert!(
            text.ends_with("  ✓ Exam  …\n          ✓ CPIM: passed `cpim` on 2024-05-02\n"),
            "{text}"
        );
    }

    #[test]
    fn held_certifications_list_requirements_after_the_renewal() {
        let mut h = held(Status::Certified, true);
        h.requirements = cmq_oe_not_eligible().requirements;
        let text = one(h, as_of());
        let renewal = text.find("✓ Renewal                     75 of 75").unwrap();
        let heading = text.find("\n  Requirements to earn it\n").unwrap();
        let work = text.find("  ✓ Work experience").unwrap();
        assert!(renewal < heading && heading < work, "{text}");
    }

    #[test]
    fn headers_and_empty_reports() {
        let mut r = report(as_of(), vec![], &[]);
        assert_eq!(
            render(&r),
            "Dana Whitfield (C-1042), as of 2026-11-25\n\nNo certification was judged.\n"
        );
        r.profile.id = String::new();
        assert!(render(&r).starts_with("Dana Whitfield, as of 2026-11-25\n"));
        let mut c = cmq_oe_not_eligible();
        c.issuer = "";
        c.edition = "2024 edition";
        c.name = "cmq/oe";
        let text = one(c.clone(), as_of());
        assert!(text.contains("\nCMQ/OE  (rules 2024 edition)\n"), "{text}");
        c.edition = "";
        assert!(one(c, as_of()).contains("\nCMQ/OE\n"));
    }

    #[test]
    fn lines_fit_and_output_is_stable() {
        let long = "word ".repeat(60);
        let mut r = every_detail();
        r.warnings.push(Warning::Text(long.clone()));
        r.warnings
            .push(Warning::Text(format!("{}{long}", "x".repeat(150))));
        r.results[0].requirements[0].summary = long.into();
        let text = render(&r);
        assert_eq!(text, render(&r));
        for line in text.lines() {
            let n = line.chars().count();
            assert!(
                n <= WIDTH || !line.trim().contains(' ') || line.contains(&"x".repeat(150)),
                "{n}: {line}"
            );
            assert_eq!(line, line.trim_end(), "no trailing spaces");
        }
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    }

    const COLOUR: Term = Term {
        width: WIDTH,
        color: true,
    };

    /// The text without its colour escapes.
    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find('\x1b') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find('m').map_or(rest.len(), |e| i + e + 1);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn colour_is_the_plain_report_with_marks_and_headings_painted() {
        let r = report(
            as_of(),
            vec![cmq_oe_not_eligible(), cpim_certified()],
            &["a warning"],
        );
        let coloured = render_for(&r, COLOUR);
        assert_eq!(strip(&coloured), render(&r));
        for painted in [
            "\n  \x1b[33mNot eligible yet\x1b[0m: every prerequisite",
            "\n  \x1b[32m✓\x1b[0m Work experience ",
            "\n  \x1b[31m✗\x1b[0m Decision-making experience ",
            "\n  \x1b[32mCertified\x1b[0m: the 2nd cycle",
            "\n    \x1b[31m✗\x1b[0m Teaching ",
            "\n    \x1b[32m✓\x1b[0m Learning (",
        ] {
            assert!(coloured.contains(painted), "{painted:?} in\n{coloured}");
        }
        let mut never = cmq_oe_not_eligible();
        never.eligible_on = None;
        assert!(
            one_for(never, COLOUR).contains("see what is missing (\x1b[31m✗\x1b[0m) below"),
            "the mark the status line points to is painted like the others"
        );
    }

    fn one_for(r: CertResult, term: Term) -> String {
        render_for(&report(as_of(), vec![r], &[]), term)
    }

    /// A ✓ or ✗ or a status word in a name, an id or a warning is the
    /// user's text: it is never coloured.
    #[test]
    fn marks_and_status_words_in_user_text_stay_plain() {
        let mut r = cmq_oe_not_eligible();
        r.name = "Quality ✓ Excellence ✗";
        r.requirements[0].name = "✗ Work ✓";
        r.requirements[2].name = "";
        r.requirements[2].id = "exam-✓";
        let mut rep = report(as_of(), vec![r], &["Lapsed: ✗ not a mark"]);
        // (wrapped so that a line opens with a status word, as a status line does)
        rep.profile.name = format!("Dana {} Eligible: ✓", "x".repeat(90));
        let coloured = render_for(&rep, COLOUR);
        assert_eq!(strip(&coloured), render(&rep));
        for plain in [
            "CMQ/OE  Quality ✓ Excellence ✗  (ASQ",
            " ✗ Work ✓ ",
            " exam-✓ ",
            "\n  Eligible: ✓ (C-1042), as of",
            "  - Lapsed: ✗ not a mark\n",
        ] {
            assert!(coloured.contains(plain), "{plain:?} in\n{coloured}");
        }
        // the marks the report puts there are painted
        assert!(
            coloured.contains("\n  \x1b[32m✓\x1b[0m ✗ Work ✓ "),
            "{coloured}"
        );
        assert_eq!(coloured.matches('\x1b').count(), 2 * 4, "{coloured}");
    }

    /// Wide characters (CJK, emoji) take two columns: labels are padded
    /// and lines wrapped by what a terminal shows, not by characters.
    #[test]
    fn cjk_and_emoji_line_up() {
        let mut r = cmq_oe_not_eligible();
        r.requirements[0].name = "実務経験";
        r.requirements[1].name = "🎓 Degree";
        r.requirements[1].summary = "学位 ".repeat(40).into();
        let text = one(r, as_of());
        let summary_at = |prefix: &str| {
            let line = text.lines().find(|l| l.starts_with(prefix)).unwrap();
            let label_end = line.len() - line[prefix.len()..].trim_start().len();
            display_width(&line[..label_end])
        };
        let columns = [
            summary_at("  ✓ 実務経験"),
            summary_at("  ✗ 🎓 Degree"),
            summary_at("  ✗ Exam"),
        ];
        assert_eq!(columns, [4 + 9 + 2; 3], "{text}");
        for line in text.lines() {
            assert!(display_width(line) <= WIDTH, "{line}");
        }
        assert!(
            text.lines().filter(|l| l.contains("学位")).count() > 1,
            "{text}"
        );
    }

    #[test]
    fn lines_follow_the_terminal_width() {
        let r = report(as_of(), vec![cmq_oe_not_eligible(), cpim_certified()], &[]);
        let narrow = render_for(
            &r,
            Term {
                width: 60,
                color: false,
            },
        );
        // (a certification's title is not wrapped)
        for line in narrow.lines().filter(|l| l.starts_with(' ')) {
            assert!(display_width(line) <= 60, "{line}");
        }
        assert_eq!(flat(&narrow), flat(&render(&r)));
        assert_ne!(narrow, render(&r));
    }
}
