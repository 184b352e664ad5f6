//! `certcheck check`: validate the arguments, load, judge, render.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::dates::Date;
use crate::error::{Diagnostic, Error};
use crate::eval::whatif::Assumption;
use crate::eval::{self, Selection};
use crate::report;
use crate::rules::RuleSet;

use super::assume;
use super::common::{
    ColorChoice, ExitCode, FormatArg, Reporting, canonical_cert_ids, load_profile, text_width,
    write_out,
};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The person's profile (a TOML file)
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// Judge only this certification (repeatable); default: the profile's
    /// held certifications and targets, or every known certification
    #[arg(long = "cert", value_name = "ID")]
    pub certs: Vec<String>,

    #[command(flatten)]
    pub reporting: Reporting<Format>,

    /// What if: add a hypothetical fact, which may be dated after the as-of
    /// date (repeatable): degree=LEVEL@DATE, role=[decision-making@]DATE,
    /// exam=ID@DATE, activity=CATEGORY:UNITS@DATE, training=HOURS@DATE; the
    /// report shows the result beside the one without
    #[arg(long = "assume", value_name = "FACT")]
    pub assume: Vec<String>,

    /// For each certification not reached yet: the smallest sets of changes
    /// that would get there soonest, with the day each one would; with
    /// --assume, the changes needed on top of the assumed facts
    #[arg(long)]
    pub plan: bool,

    /// Colour the text report: auto (when stdout is a terminal and NO_COLOR
    /// is not set), always or never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person: one block per certification
    Text,
    /// For programs: one JSON object
    Json,
    /// One self-contained HTML page (no external assets): a timeline of
    /// roles, the day each requirement is met, renewal cycles
    Html,
}

impl FormatArg for Format {
    const DEFAULT: &'static str = "text";
    const HELP: &'static str = "How to write the report";
}

/// `check`'s arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckConfig {
    pub profile: PathBuf,
    /// Certification ids asked for with `--cert`, in order (not yet checked
    /// against the rules: that needs the rules loaded).
    pub certs: Vec<String>,
    pub as_of: Date,
    pub format: Format,
    pub rule_dirs: Vec<PathBuf>,
    /// `--assume` facts, read (not yet checked against the rules).
    pub assume: Vec<Assumption>,
    pub plan: bool,
    pub color: ColorChoice,
}

impl CheckConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(args: CheckArgs, today: impl FnOnce() -> Date) -> Result<CheckConfig, Error> {
        let as_of = args.reporting.judging.as_of(today)?;
        let assume = args
            .assume
            .iter()
            .map(|a| assume::parse(a))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckConfig {
            profile: args.profile,
            certs: args.certs,
            as_of,
            format: args.reporting.format,
            rule_dirs: args.reporting.judging.rules,
            assume,
            plan: args.plan,
            color: args.color,
        })
    }
}

/// Loads the rules, checks `--cert` against them, loads the profile, judges
/// it and writes the report to `out`.
pub fn run(
    config: &CheckConfig,
    out: &mut (dyn Write + Send),
    _err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    let certs = canonical_cert_ids(&rules, &config.certs)?;
    let profile = load_profile(&config.profile, &rules, "check")?;
    let selection = if certs.is_empty() {
        Selection::Default
    } else {
        Selection::Only(certs)
    };
    let report = eval::evaluate(&rules, &profile, config.as_of, &selection);
    let what_if = if config.assume.is_empty() {
        None
    } else {
        let w = eval::whatif::what_if(&rules, &profile, config.as_of, &selection, &config.assume)
            .map_err(|e| e.iter().map(assume::unresolved).collect::<Vec<_>>())?;
        Some(w)
    };
    let plans = if config.plan {
        eval::plan::plan_assuming(&rules, &profile, config.as_of, &selection, &config.assume)
            .map_err(|e| e.iter().map(assume::unresolved).collect::<Vec<_>>())?
    } else {
        Vec::new()
    };
    let path = config.profile.display().to_string();
    Diagnostic::dates_in_range(&path, &(&report, &what_if, &plans))
        .map_err(|d| vec![Error::Profile(vec![d])])?;
    let terminal = std::io::stdout().is_terminal();
    let term = report::text::Term {
        width: text_width(terminal),
        color: config
            .color
            .enabled(terminal, std::env::var_os("NO_COLOR").as_deref()),
    };
    let plans_text = || {
        if config.plan {
            report::whatif::render_plans(&plans, &path, config.as_of, term)
        } else {
            String::new()
        }
    };
    let stdout = match (config.format, &what_if) {
        (Format::Text, Some(w)) => report::whatif::render_text(w, term) + &plans_text(),
        (Format::Text, None) if config.plan => {
            report::text::render_for(&report, term)
                + &report::whatif::render_plans(&plans, &path, config.as_of, term)
        }
        (Format::Text, None) => report::text::render_for(&report, term),
        (Format::Json, Some(w)) => {
            report::json::render_value(&WhatIfJson::of(w, config.plan.then_some(plans.as_slice())))
        }
        (Format::Json, None) if config.plan => report::json::render_value(&WithPlans {
            report: &report,
            plans: &plans,
        }),
        (Format::Json, None) => report::json::render(&report),
        (Format::Html, w) => {
            let timeline = eval::timeline::timeline(&rules, &profile, &report);
            Diagnostic::dates_in_range(&path, &timeline)
                .map_err(|d| vec![Error::Profile(vec![d])])?;
            report::html::render_person(&report::html::PersonPage {
                report: &report,
                timeline: &timeline,
                what_if: w.as_ref(),
                plans: &plans,
            })
        }
    };
    write_out(out, &stdout)?;
    let code = what_if
        .as_ref()
        .map_or(report.exit_code(), |w| w.exit_code());
    Ok(ExitCode::of_report(code))
}

/// The JSON report with assumptions (`check --assume ... --format json`):
/// the report without them where it always is (`as_of`, `profile`,
/// `results`, `warnings`: cli.md, "the contract only grows"), and what the
/// assumptions add beside it.
#[derive(serde::Serialize)]
struct WhatIfJson<'a> {
    as_of: crate::dates::Date,
    profile: &'a eval::ProfileRef,
    results: &'a [eval::CertResult<'a>],
    warnings: &'a [eval::Warning<'a>],
    assumptions: &'a [eval::whatif::AssumptionView],
    comparisons: &'a [eval::whatif::Comparison],
    notes: &'a [String],
    baseline: &'a eval::Report<'a>,
    assumed: &'a eval::Report<'a>,
    /// With `--plan`: the plans on top of the assumptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    plans: Option<&'a [eval::plan::Plan]>,
}

impl<'a> WhatIfJson<'a> {
    fn of(
        w: &'a eval::whatif::WhatIf<'a>,
        plans: Option<&'a [eval::plan::Plan]>,
    ) -> WhatIfJson<'a> {
        WhatIfJson {
            as_of: w.as_of,
            profile: &w.profile,
            results: &w.baseline.results,
            warnings: &w.baseline.warnings,
            assumptions: &w.assumptions,
            comparisons: &w.comparisons,
            notes: &w.notes,
            baseline: &w.baseline,
            assumed: &w.assumed,
            plans,
        }
    }
}

/// The JSON report with the plans added (`check --plan --format json`).
#[derive(serde::Serialize)]
struct WithPlans<'a> {
    #[serde(flatten)]
    report: &'a eval::Report<'a>,
    plans: &'a [eval::plan::Plan],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::common::Judging;
    use crate::dates::date;

    fn args(as_of: Option<&str>) -> CheckArgs {
        CheckArgs {
            profile: PathBuf::from("p.toml"),
            certs: vec!["cpim".to_string()],
            reporting: Reporting {
                judging: Judging {
                    as_of: as_of.map(str::to_string),
                    rules: vec![PathBuf::from("more-rules")],
                },
                format: Format::Json,
            },
            assume: vec![],
            plan: false,
            color: ColorChoice::Auto,
        }
    }

    #[test]
    fn as_of_is_parsed_and_today_is_not_read() {
        let c = CheckConfig::from_args(args(Some("2024-02-29")), || {
            panic!("the clock must not be read when --as-of is given")
        })
        .unwrap();
        assert_eq!(
            c,
            CheckConfig {
                profile: PathBuf::from("p.toml"),
                certs: vec!["cpim".to_string()],
                as_of: date(2024, 2, 29),
                format: Format::Json,
                rule_dirs: vec![PathBuf::from("more-rules")],
                assume: vec![],
                plan: false,
                color: ColorChoice::Auto,
            }
        );
    }

    #[test]
    fn as_of_defaults_to_today() {
        let c = CheckConfig::from_args(args(None), || date(2026, 11, 25)).unwrap();
        assert_eq!(c.as_of, date(2026, 11, 25));
    }

    #[test]
    fn impossible_as_of_is_a_usage_error() {
        for bad in ["2023-02-30", "2023-2-3", "yesterday", "", "2023-02-28 "] {
            let e = CheckConfig::from_args(args(Some(bad)), || date(2026, 1, 1)).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "invalid date `{bad}` for `--as-of`\n  help: expected a date like `2026-11-25`"
                )
            );
        }
    }
}
