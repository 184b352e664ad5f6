//! `certcheck rules list | show ID | validate FILE... | test [DIR]`: tools
//! for rule authors. Each renders into a string, written to `out`.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::cases::{find_cases, load_case, render_failure, run_case};
use crate::dates::{Date, days_for_months, show_months};
use crate::error::Error;
use crate::report::text::{display_width, pad};
use crate::rules::load::validate_files;
use crate::rules::model::{
    Anchor, Citation, Counting, Edition, GraceUnits, Recertification, Requirement, RequirementKind,
    RoleFilter, share_text,
};
use crate::rules::{Rule, RuleSet};
use crate::show;

use crate::units::Units;

use super::common::{ExitCode, as_of_arg, canonical_cert_ids, write_out};

/// The folder `rules test` reads when given none.
pub const DEFAULT_CASES_DIR: &str = "tests/rules";

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every loaded certification and edition: id, name, issuer,
    /// edition, in force from and to
    #[command(
        after_help = "Examples:\n  certcheck rules list\n  certcheck rules list --rules my-rules/"
    )]
    List {
        /// Also load the rule files (*.toml) in this folder (repeatable)
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Explain every requirement of one certification for a person, with its
    /// source and whether the figure is confirmed
    #[command(
        after_help = "Examples:\n  certcheck rules show pmp\n  certcheck rules show cpim --as-of 2019-01-01"
    )]
    Show {
        /// The certification id, e.g. `pmp`
        #[arg(value_name = "ID")]
        id: String,
        /// Show the edition in force on this day (YYYY-MM-DD); default: today
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Also load the rule files (*.toml) in this folder (repeatable)
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Check rule files, every problem in every file at once, with the
    /// built-in rules (a file with a built-in id replaces it)
    ///
    /// Exits with 0 when there is no error (and, with --deny-warnings, no
    /// warning); 1 when there is; 2 when a file cannot be read.
    #[command(
        after_help = "Examples:\n  certcheck rules validate rules/*.toml\n  certcheck rules validate my-cert.toml --deny-warnings"
    )]
    Validate {
        /// The rule files to check
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Count warnings as errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Run rule test cases: each a profile, a day and the expected result
    ///
    /// Exits with 0 when every case passes, 1 when one fails, 2 when a case
    /// cannot be read or checked.
    #[command(
        after_help = "Examples:\n  certcheck rules test\n  certcheck rules test my-cases/ --rules my-rules/"
    )]
    Test {
        /// The folder of cases (*.toml, at any depth); default: tests/rules
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Also load the rule files (*.toml) in this folder (repeatable)
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
}

/// `rules`' arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesConfig {
    List {
        rule_dirs: Vec<PathBuf>,
    },
    Show {
        id: String,
        /// The day whose edition is shown.
        on: Date,
        rule_dirs: Vec<PathBuf>,
    },
    Validate {
        files: Vec<PathBuf>,
        deny_warnings: bool,
    },
    Test {
        /// The folder of cases ([`DEFAULT_CASES_DIR`] when none is given).
        dir: PathBuf,
        rule_dirs: Vec<PathBuf>,
    },
}

impl RulesConfig {
    /// Checks the raw arguments; `today` is called only by `show` without
    /// `--as-of`.
    pub fn from_args(args: RulesArgs, today: impl FnOnce() -> Date) -> Result<RulesConfig, Error> {
        Ok(match args.command {
            RulesCommand::List { rules } => RulesConfig::List { rule_dirs: rules },
            RulesCommand::Show { id, as_of, rules } => RulesConfig::Show {
                id,
                on: as_of_arg(as_of.as_deref(), today)?,
                rule_dirs: rules,
            },
            RulesCommand::Validate {
                files,
                deny_warnings,
            } => RulesConfig::Validate {
                files,
                deny_warnings,
            },
            RulesCommand::Test { dir, rules } => RulesConfig::Test {
                dir: dir.unwrap_or_else(|| PathBuf::from(DEFAULT_CASES_DIR)),
                rule_dirs: rules,
            },
        })
    }
}

/// Runs a `rules` subcommand, writing its report to `out`.
pub fn run(
    config: &RulesConfig,
    out: &mut (dyn io::Write + Send),
    _err: &mut dyn io::Write,
) -> Result<ExitCode, Vec<Error>> {
    let (text, code) = match config {
        RulesConfig::List { rule_dirs } => {
            let set = RuleSet::load(rule_dirs).map_err(|e| vec![e])?;
            (list(&set), ExitCode::Success)
        }
        RulesConfig::Show { id, on, rule_dirs } => {
            let set = RuleSet::load(rule_dirs).map_err(|e| vec![e])?;
            let id = canonical_cert_ids(&set, std::slice::from_ref(id))?
                .into_iter()
                .next()
                .unwrap_or_else(|| id.clone());
            (show(&set, &id, *on), ExitCode::Success)
        }
        RulesConfig::Validate {
            files,
            deny_warnings,
        } => validate(files, *deny_warnings)?,
        RulesConfig::Test { dir, rule_dirs } => test(dir, rule_dirs)?,
    };
    write_out(out, &text)?;
    Ok(code)
}

// ----- list ---------------------------------------------------------------------

/// A table of every edition of every certification, and a footnote for
/// unconfirmed dates.
pub fn list(set: &RuleSet) -> String {
    let mut rows: Vec<[String; 7]> = vec![[
        "id".into(),
        "name".into(),
        "issuer".into(),
        "edition".into(),
        "from".into(),
        "to".into(),
        "confirmed".into(),
    ]];
    let mut unconfirmed = false;
    for r in set.all() {
        let mark = if edition_confirmed(&r.edition) {
            ""
        } else {
            unconfirmed = true;
            " ?"
        };
        let day = |d: Option<Date>| d.map_or_else(|| "-".to_string(), |d| format!("{d}{mark}"));
        rows.push([
            show::text(&r.id).into_owned(),
            show::text(&r.name).into_owned(),
            show::text(&r.issuer).into_owned(),
            show::text(&r.edition.name).into_owned(),
            day(r.edition.from),
            day(r.edition.to),
            {
                let n = r.citation_count();
                format!("{}/{}", n.confirmed, n.total)
            },
        ]);
    }
    let mut out = table(&rows);
    out.push_str("\n- from: in force since always; - to: still in force\n");
    out.push_str(
        "confirmed: figures confirmed by the certifying body's own page, of every cited figure\n",
    );
    if unconfirmed {
        out.push_str(
            "? the edition's dates are not confirmed: `certcheck rules show ID` says why\n",
        );
    }
    out
}

fn edition_confirmed(e: &Edition) -> bool {
    e.citation.as_ref().is_none_or(|c| c.confirmed)
}

/// Columns padded to their widest cell (in terminal columns: a CJK
/// character takes two), two spaces apart.
fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                pad(&mut line, cell, w);
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

// ----- show ---------------------------------------------------------------------

/// Appends one line of `rules show`, its text (names, notes, sources of a
/// rule file) shown with [`show::text`]: nothing in a rule file acts on the
/// terminal.
macro_rules! shown_line {
    ($out:expr, $($arg:tt)*) => {
        push_shown_line($out, &format!($($arg)*))
    };
}

fn push_shown_line(out: &mut String, text: &str) {
    out.push_str(&show::text(text));
    out.push('\n');
}

/// "(confirmed)" or "(NOT CONFIRMED)" after a source.
fn cited(out: &mut String, indent: &str, c: &Citation) {
    let mark = if c.confirmed {
        "confirmed"
    } else {
        "NOT CONFIRMED"
    };
    shown_line!(out, "{indent}source: {} ({mark})", c.source);
    if let Some(n) = &c.note {
        shown_line!(out, "{indent}note: {n}");
    }
}

fn date_range(e: &Edition) -> String {
    match (e.from, e.to) {
        (Some(f), Some(t)) => format!("from {f} to {t}"),
        (Some(f), None) => format!("from {f}, still in force"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => "always".to_string(),
    }
}

/// Every requirement of `id`'s edition in force on `on`, for a person.
pub fn show(set: &RuleSet, id: &str, on: Date) -> String {
    let Some(r) = set.get(id, on) else {
        return String::new();
    };
    let mut out = String::new();
    edition(&mut out, set, r, on);
    out.push_str("\nPrerequisites\n");
    prerequisites(&mut out, r);
    out.push_str("\nExams\n");
    exams(&mut out, r);
    out.push_str("\nRecertification\n");
    match &r.recertification {
        None => {
            out.push_str("  None: the certification is for life.\n");
            if let Some(c) = &r.held_for_life {
                cited(&mut out, "  ", c);
            }
        }
        Some(rc) => recertification(&mut out, rc),
    }
    out
}

/// The heading: the certification, the edition shown (with its source) and
/// the other editions.
fn edition(out: &mut String, set: &RuleSet, r: &Rule, on: Date) {
    shown_line!(out, "{} ({})  {}  ({})", r.name, r.id, r.issuer, r.origin);
    let in_force = if r.in_force_on(on) {
        format!("in force on {on}")
    } else {
        format!("the nearest edition to {on}")
    };
    shown_line!(
        out,
        "Edition {}: {} ({in_force})",
        r.edition.name,
        date_range(&r.edition)
    );
    if let Some(from) = r.edition.recertification_from {
        shown_line!(
            out,
            "  Its recertification requirements apply to cycles ending on or after {from}; earlier cycles keep the previous edition's."
        );
    }
    if let Some(c) = &r.edition.citation {
        cited(out, "  ", c);
    }
    let n = r.citation_count();
    if n.confirmed == n.total {
        shown_line!(out, "Figures: {} confirmed by the body itself", n.of());
    } else {
        shown_line!(
            out,
            "Figures: {} confirmed by the body itself (the others, marked NOT CONFIRMED, are from a third-party page or a staging host, or inferred)",
            n.of()
        );
    }
    let others: Vec<String> = set
        .all()
        .iter()
        .filter(|o| o.id == r.id && o.edition != r.edition)
        .map(|o| format!("{} ({})", o.edition.name, date_range(&o.edition)))
        .collect();
    if !others.is_empty() {
        shown_line!(
            out,
            "Other editions: {} (see them with --as-of)",
            others.join("; ")
        );
    }
}

/// The prerequisites, with the paths that combine them.
fn prerequisites(out: &mut String, r: &Rule) {
    if r.requirements.is_empty() {
        out.push_str("  None: anyone may sit the exam.\n");
        return;
    }
    if r.paths.len() > 1 {
        out.push_str("  Any one of these paths will do:\n");
        for (i, p) in r.paths.iter().enumerate() {
            shown_line!(
                out,
                "    {}. {} (`{}`): {}",
                i + 1,
                p.name,
                p.id,
                p.requires.join(" + ")
            );
        }
    } else {
        out.push_str("  Every one of these:\n");
    }
    for q in &r.requirements {
        requirement(out, q);
    }
}

/// The exam paths, then each exam and when it is offered.
fn exams(out: &mut String, r: &Rule) {
    if r.exam_paths.is_empty() {
        out.push_str("  None.\n");
        return;
    }
    if r.exam_paths.len() > 1 {
        out.push_str("  Any one of these exam paths will do:\n");
    }
    for p in &r.exam_paths {
        shown_line!(out, "  `{}`  {}", p.id, p.name);
        let names: Vec<String> = p
            .exams
            .iter()
            .map(|e| match r.exam(e) {
                Some(x) => format!("{} (`{e}`)", x.name),
                None => format!("`{e}`"),
            })
            .collect();
        let mut s = format!("Pass {}", names.join(", "));
        if let Some(w) = p.within {
            let _ = write!(s, ", the last pass no later than {w} after the first");
        }
        if let Some(v) = p.valid {
            let _ = write!(
                s,
                ", every pass still valid on the day judged (a pass is valid for {v})"
            );
        }
        shown_line!(out, "    {s}.");
        cited(out, "    ", &p.citation);
    }
    for e in &r.exams {
        let offered = match (e.offered_from, e.offered_to) {
            (Some(f), Some(t)) => format!("offered from {f} to {t}"),
            (Some(f), None) => format!("offered from {f}"),
            (None, Some(t)) => format!("offered until {t}"),
            (None, None) => "offered with no recorded dates".into(),
        };
        shown_line!(out, "  exam `{}`  {}: {offered}", e.id, e.name);
        cited(out, "    ", &e.citation);
    }
}

/// "in full-time, paid roles, not internships or co-ops"
fn roles_phrase(f: &RoleFilter) -> String {
    let mut kinds = Vec::new();
    match f.full_time {
        Some(true) => kinds.push("full-time"),
        Some(false) => kinds.push("part-time"),
        None => {}
    }
    match f.paid {
        Some(true) => kinds.push("paid"),
        Some(false) => kinds.push("unpaid"),
        None => {}
    }
    if f.decision_making == Some(true) {
        kinds.push("decision-making");
    }
    let mut s = match (kinds.is_empty(), f.tags.is_empty()) {
        (true, true) => "in any role".to_string(),
        (true, false) => "in roles".to_string(),
        (false, _) => format!("in {} roles", kinds.join(", ")),
    };
    if !f.tags.is_empty() {
        let tags: Vec<String> = f.tags.iter().map(|t| format!("`{t}`")).collect();
        let _ = write!(s, " tagged {}", tags.join(" and "));
    }
    if !f.exclude_kinds.is_empty() {
        let kinds: Vec<&str> = f.exclude_kinds.iter().map(|k| k.id()).collect();
        let _ = write!(s, ", not {}", kinds.join(" or "));
    }
    s
}

fn requirement(out: &mut String, q: &Requirement) {
    shown_line!(out, "  `{}`  {}", q.id, q.name);
    let text = match &q.kind {
        RequirementKind::Experience {
            months,
            roles,
            lookback_years,
            waivers,
            counting,
        } => {
            let mut s = match counting {
                Counting::Days => format!(
                    "{} of work ({} days) {}",
                    show_months(*months),
                    days_for_months(*months),
                    roles_phrase(roles)
                ),
                Counting::CalendarMonths => format!(
                    "{months} calendar months of work {} (a month counts when a role covers one of its days)",
                    roles_phrase(roles)
                ),
            };
            if let Some(n) = lookback_years {
                let _ = write!(s, ", counted in the {n} years before the day judged");
            }
            s.push_str("; overlapping roles count once");
            if !waivers.is_empty() {
                let w: Vec<String> = waivers
                    .iter()
                    .map(|(l, m)| format!("{} {}", l.phrase(), show_months(*m)))
                    .collect();
                let _ = write!(
                    s,
                    ". A completed degree waives part of it, the largest waiver only: {}",
                    w.join(", ")
                );
            }
            s
        }
        RequirementKind::Degree { level, tags } => {
            let mut s = format!("A completed degree: {} or higher", level.phrase());
            if !tags.is_empty() {
                let t: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
                let _ = write!(s, ", tagged {}", t.join(" and "));
            }
            s
        }
        RequirementKind::Training { hours } => {
            format!(
                "At least {hours} {} of training, completed",
                crate::units::unit_word(*hours, "hours")
            )
        }
        RequirementKind::Certification { id } => {
            format!("The certification `{id}` held: certified or in its grace period")
        }
        RequirementKind::Projects { count, affidavit } => {
            let what = if *count == 1 { "project" } else { "projects" };
            let signed = match (*affidavit, *count) {
                (false, _) => "",
                (true, 1) => " with a signed affidavit",
                (true, _) => ", each with a signed affidavit",
            };
            format!("At least {count} completed {what}{signed}")
        }
    };
    shown_line!(out, "    {text}.");
    if !q.met_by.is_empty() {
        let ids: Vec<String> = q.met_by.iter().map(|c| format!("`{c}`")).collect();
        shown_line!(
            out,
            "    Or met by holding {} (certified or in its grace period).",
            ids.join(" or ")
        );
    }
    cited(out, "    ", &q.citation);
}

/// "at least 8", "at most 25", both or neither.
fn min_max_words(min: Option<Units>, max: Option<Units>) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(m) = min {
        v.push(format!("at least {m}"));
    }
    if let Some(m) = max {
        v.push(format!("at most {m}"));
    }
    v
}

fn recertification(out: &mut String, rc: &Recertification) {
    let anchor = match rc.anchor {
        Anchor::Anniversary => "on the same calendar day",
        Anchor::MonthEnd => "on the last day of the month",
    };
    let years = if rc.cycle_years == 1 {
        "1 year".to_string()
    } else {
        format!("{} years", rc.cycle_years)
    };
    shown_line!(
        out,
        "  {} {} per cycle of {years}. The first cycle starts on the day earned and ends {anchor} {years} later; each renewal moves the holder to the next cycle, and renewing early does not move its end.",
        rc.units_required,
        rc.unit
    );
    if rc.grace.is_zero() {
        out.push_str("  No grace period: lapsed the day after a cycle's end.\n");
    } else {
        let then = if rc.by_exam.is_some() {
            ""
        } else {
            "; lapsed after it"
        };
        shown_line!(
            out,
            "  Grace (or suspension) period: {} after a cycle's end{then}.",
            rc.grace
        );
    }
    if let Some(l) = rc.late_units_per_year {
        shown_line!(
            out,
            "  Late: each year after a cycle's end, a year begun counting as a whole one, adds {l} {} to the requirement.",
            rc.unit
        );
    }
    if let Some(w) = rc.window_before {
        shown_line!(
            out,
            "  Renewals are accepted from {w} before a cycle's end."
        );
    }
    if rc.grace_units == GraceUnits::OverdueCycle {
        out.push_str(
            "  Units dated in the grace period count towards the overdue cycle, not the next.\n",
        );
    }
    if let Some(b) = rc.by_exam {
        shown_line!(
            out,
            "  Renewal by exam is accepted up to {b} after a cycle's end (after the grace period, only by exam); lapsed after the later of the two."
        );
    }
    cited(out, "  ", &rc.citation);
    if let Some(co) = &rc.carry_over {
        shown_line!(
            out,
            "  Carry-over: up to {} {} earned above {} in a cycle's last {} count in the next cycle.",
            co.max,
            rc.unit,
            rc.units_required,
            co.window
        );
        if let Some(c) = &co.citation {
            cited(out, "    ", c);
        }
    }
    categories(out, rc);
    groups(out, rc);
}

/// The categories units are earned in, with their limits.
fn categories(out: &mut String, rc: &Recertification) {
    if !rc.categories.is_empty() {
        out.push_str("  Categories:\n");
    }
    for c in &rc.categories {
        let mut limits = min_max_words(c.min, c.max);
        if let Some(share) = c.max_share {
            let cap = c.cap(rc.units_required).unwrap_or(rc.units_required);
            limits.push(format!(
                "at most {} of the {} required ({cap})",
                share_text(share),
                rc.units_required
            ));
        }
        if let Some(p) = &c.parent {
            limits.push(format!("counted inside `{p}` and its cap"));
        }
        if let Some(u) = c.units_per_hour {
            limits.push(format!("{} per hour", crate::units::amount(u, &rc.unit)));
        }
        let limits = if limits.is_empty() {
            "no limit".to_string()
        } else {
            limits.join(", ")
        };
        shown_line!(out, "    `{}`  {}: {limits}", c.id, c.name);
        if let Some(cit) = &c.citation {
            cited(out, "      ", cit);
        }
    }
}

/// The groups of categories counted together, with their limits and
/// shares.
fn groups(out: &mut String, rc: &Recertification) {
    if !rc.groups.is_empty() {
        out.push_str("  Groups of categories:\n");
    }
    for g in &rc.groups {
        let mut limits = min_max_words(g.min, g.max);
        if let Some((n, d)) = g.min_share {
            limits.push(format!(
                "at least {n}/{d} of the {} required ({})",
                rc.units_required,
                rc.units_required.mul_frac(n, d, true)
            ));
        }
        if let Some((n, d)) = g.max_share {
            limits.push(format!(
                "at most {n}/{d} of the {} required ({})",
                rc.units_required,
                rc.units_required.mul_frac(n, d, false)
            ));
        }
        let cats: Vec<String> = g.categories.iter().map(|c| format!("`{c}`")).collect();
        shown_line!(
            out,
            "    `{}`  {}: {} together, {}",
            g.id,
            g.name,
            cats.join(" + "),
            limits.join(", ")
        );
        if let Some(cit) = &g.citation {
            cited(out, "      ", cit);
        }
    }
}

// ----- validate -------------------------------------------------------------------

fn validate(files: &[PathBuf], deny_warnings: bool) -> Result<(String, ExitCode), Vec<Error>> {
    let v = validate_files(files);
    if !v.unreadable.is_empty() {
        return Err(vec![Error::Rules(v.unreadable)]);
    }
    let mut out = String::new();
    for d in &v.errors {
        let _ = writeln!(out, "error: {d}");
    }
    for d in &v.warnings {
        let _ = writeln!(out, "warning: {d}");
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "{}, {} in {}",
        plural(v.errors.len(), "error"),
        plural(v.warnings.len(), "warning"),
        plural(files.len(), "file")
    );
    let failed = !v.errors.is_empty() || (deny_warnings && !v.warnings.is_empty());
    if failed {
        let _ = writeln!(out, "{summary}");
    } else {
        let _ = writeln!(out, "ok: {summary}");
    }
    Ok((out, ExitCode::attention_if(failed)))
}

// ----- test ---------------------------------------------------------------------

fn test(dir: &Path, rule_dirs: &[PathBuf]) -> Result<(String, ExitCode), Vec<Error>> {
    let rules = RuleSet::load(rule_dirs).map_err(|e| vec![e])?;
    let files = find_cases(dir).map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![Error::Usage {
            message: format!("no test cases (*.toml) in `{}`", dir.display()),
            help: Some("a case is a TOML file with `as_of`, `[profile]` and `[expect]` (docs/rules.md, \"Testing a rule file\")".into()),
        }]);
    }
    let mut cases = Vec::new();
    let mut diags = Vec::new();
    for f in &files {
        match load_case(f, &rules) {
            Ok(c) => cases.push(c),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(vec![Error::Rules(diags)]);
    }
    let mut out = String::new();
    let mut failed = 0;
    for c in &cases {
        let o = run_case(c, &rules);
        if o.passed() {
            let edition = o
                .result
                .as_ref()
                .map(|r| format!(" (rules edition {})", r.edition))
                .unwrap_or_default();
            let file = c.file.display().to_string();
            let _ = writeln!(out, "ok    {}{edition}", show::Shown(&file));
        } else {
            failed += 1;
            out.push_str(&render_failure(&o));
        }
    }
    let _ = writeln!(out, "{} passed, {failed} failed", cases.len() - failed);
    Ok((out, ExitCode::attention_if(failed > 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rules list` lines its columns up in a terminal: a rule named in
    /// CJK (two columns a character) pushes the next column as far as its
    /// width, not its count of characters.
    #[test]
    fn columns_line_up_by_display_width() {
        let row = |a: &str, b: &str| [a, b, "c", "d", "e", "f"].map(String::from);
        let text = table(&[row("品質管理者", "x"), row("cmq-oe", "y")]);
        let starts: Vec<usize> = text
            .lines()
            .map(|l| {
                let at = l.find(['x', 'y']).unwrap();
                crate::report::text::display_width(&l[..at])
            })
            .collect();
        assert_eq!(starts, [12, 12], "{text}");
    }
}
