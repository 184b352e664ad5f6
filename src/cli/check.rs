//! `certcheck check`: validate the arguments, load, judge, render.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::dates::{Date, parse_date};
use crate::error::{Error, did_you_mean};
use crate::eval::whatif::{AssumeError, Assumption};
use crate::eval::{self, Selection};
use crate::profile;
use crate::report;
use crate::rules::RuleSet;

use super::args::{CheckArgs, ColorChoice, Format};

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
        let as_of = as_of_arg(args.judging.as_of.as_deref(), today)?;
        let assume = args
            .assume
            .iter()
            .map(|a| Assumption::parse(a).map_err(assume_error))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckConfig {
            profile: args.profile,
            certs: args.certs,
            as_of,
            format: args.format,
            rule_dirs: args.judging.rules,
            assume,
            plan: args.plan,
            color: args.color,
        })
    }
}

/// The `--as-of` date, or `today()` (called only then) without one.
pub fn as_of_arg(value: Option<&str>, today: impl FnOnce() -> Date) -> Result<Date, Error> {
    value.map_or_else(|| Ok(today()), |s| date_arg(s, "--as-of"))
}

/// The date given to `flag` (`--as-of`, `--date`), as `YYYY-MM-DD`.
pub fn date_arg(value: &str, flag: &str) -> Result<Date, Error> {
    parse_date(value).ok_or_else(|| Error::Usage {
        message: format!("invalid date `{value}` for `{flag}`"),
        help: Some("expected a date like `2026-11-25`".to_string()),
    })
}

/// What a successful run prints, and its exit code.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    pub code: i32,
}

/// Loads the rules, checks `--cert` against them, loads the profile, judges
/// it and renders the report. Nothing is printed here.
pub fn run(config: &CheckConfig) -> Result<Outcome, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    check_cert_ids(&rules, &config.certs)?;
    let profile = profile::load_file(&config.profile, &rules).map_err(|e| vec![e])?;
    let selection = if config.certs.is_empty() {
        Selection::Default
    } else {
        Selection::Only(config.certs.clone())
    };
    let report = eval::evaluate(&rules, &profile, config.as_of, &selection);
    let what_if = if config.assume.is_empty() {
        None
    } else {
        let w = eval::whatif::what_if(&rules, &profile, config.as_of, &selection, &config.assume)
            .map_err(|e| e.into_iter().map(assume_error).collect::<Vec<_>>())?;
        Some(w)
    };
    let plans = if config.plan {
        eval::plan::plan(&rules, &profile, config.as_of, &selection)
    } else {
        Vec::new()
    };
    let path = config.profile.display().to_string();
    let terminal = std::io::stdout().is_terminal();
    let term = report::text::Term {
        // a file or a pipe gets the fixed width: the same bytes everywhere
        width: if terminal {
            textwrap::termwidth()
        } else {
            report::text::WIDTH
        },
        color: report::color::enabled(
            config.color,
            terminal,
            std::env::var_os("NO_COLOR").as_deref(),
        ),
    };
    let stdout = match (config.format, &what_if) {
        (Format::Text, Some(w)) => report::whatif::render_text(w, term),
        (Format::Text, None) if config.plan => {
            report::text::render_for(&report, term)
                + &report::whatif::render_plans(&plans, &path, config.as_of, term)
        }
        (Format::Text, None) => report::text::render_for(&report, term),
        (Format::Json, Some(w)) => report::json::render_value(w),
        (Format::Json, None) if config.plan => report::json::render_value(&WithPlans {
            report: &report,
            plans: &plans,
        }),
        (Format::Json, None) => report::json::render(&report),
        (Format::Html, w) => {
            let timeline = eval::timeline::timeline(&rules, &profile, &report);
            report::html::render_person(&report::html::PersonPage {
                report: &report,
                timeline: &timeline,
                what_if: w.as_ref(),
                plans: &plans,
            })
        }
    };
    let code = what_if
        .as_ref()
        .map_or(report.exit_code(), |w| w.exit_code());
    Ok(Outcome { stdout, code })
}

/// The JSON report with the plans added (`check --plan --format json`).
#[derive(serde::Serialize)]
struct WithPlans<'a> {
    #[serde(flatten)]
    report: &'a eval::Report<'a>,
    plans: &'a [eval::plan::Plan],
}

/// An `--assume` value that cannot be used: a usage error (exit code 2).
fn assume_error(e: AssumeError) -> Error {
    Error::Usage {
        message: e.message,
        help: Some(e.help),
    }
}

/// One error for each `--cert` id the rules do not define (each named once),
/// with the nearest known id or, when none is close, the list of known ids.
pub fn check_cert_ids(rules: &RuleSet, certs: &[String]) -> Result<(), Vec<Error>> {
    let known = rules.ids();
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for id in certs {
        if rules.contains(id) || seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        let help = match did_you_mean(id, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => "no certification rules are loaded".to_string(),
            None => format!(
                "known certifications: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        errors.push(Error::Usage {
            message: format!("unknown certification `{id}`"),
            help: Some(help),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Judging;
    use crate::dates::date;
    use crate::rules::Rule;
    use crate::rules::model::Edition;

    fn rule(id: &str) -> Rule {
        Rule {
            id: id.to_string(),
            name: id.to_uppercase(),
            issuer: "Test".to_string(),
            edition: Edition::default(),
            requirements: vec![],
            paths: vec![],
            exams: vec![],
            exam_paths: vec![],
            recertification: None,
            origin: format!("test/{id}.toml"),
        }
    }

    fn args(as_of: Option<&str>) -> CheckArgs {
        CheckArgs {
            profile: PathBuf::from("p.toml"),
            certs: vec!["cpim".to_string()],
            judging: Judging {
                as_of: as_of.map(str::to_string),
                rules: vec![PathBuf::from("more-rules")],
            },
            format: Format::Json,
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

    #[test]
    fn unknown_cert_suggests_the_nearest() {
        let rules = RuleSet::from_rules(vec![rule("cmq-oe"), rule("cpim")]);
        let certs = vec!["cpim".to_string(), "cmq-eo".to_string()];
        let errs = check_cert_ids(&rules, &certs).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].to_string(),
            "unknown certification `cmq-eo`\n  help: did you mean `cmq-oe`?"
        );
    }

    #[test]
    fn unknown_cert_lists_known_ids_when_nothing_is_close() {
        let rules = RuleSet::from_rules(vec![rule("cpim"), rule("cmq-oe")]);
        let certs = vec!["zzz".to_string(), "zzz".to_string(), "qqq".to_string()];
        let errs = check_cert_ids(&rules, &certs).unwrap_err();
        let texts: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "unknown certification `zzz`\n  help: known certifications: `cmq-oe`, `cpim`",
                "unknown certification `qqq`\n  help: known certifications: `cmq-oe`, `cpim`",
            ]
        );
    }

    #[test]
    fn known_certs_pass() {
        let rules = RuleSet::from_rules(vec![rule("cpim")]);
        assert!(check_cert_ids(&rules, &["cpim".to_string()]).is_ok());
        assert!(check_cert_ids(&rules, &[]).is_ok());
    }
}
