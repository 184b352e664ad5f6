//! `certcheck renew`: record a renewal of a held certification, when the
//! current cycle's requirement is met and the date is inside the rule's
//! window; losslessly and atomically.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::dates::Date;
use crate::error::Error;
use crate::eval::{self, Renewal, Selection};
use crate::profile::edit::{add_renewal, append_exam_pass};
use crate::profile::model::ExamPass;
use crate::rules::RuleSet;

use super::common::{ExitCode, Judging, canonical_cert_ids, date_arg, error_lines, write_err};
use super::edit::{self, progress};

const EXAMPLE: &str = "\
Examples:
  certcheck renew dana.toml --cert cmq-oe --date 2027-06-01
  certcheck renew dana.toml --cert cmq-oe --by-exam
  certcheck renew dana.toml --cert cmq-oe --by-exam --passed 2027-05-02";

/// `renew`'s arguments as clap sees them.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
pub struct RenewArgs {
    /// The person's profile (a TOML file), edited in place
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// The held certification renewed
    #[arg(long, value_name = "ID")]
    pub cert: String,

    /// The day of the renewal, as YYYY-MM-DD; default: the as-of date
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Renewed by passing the certification's exam again (recorded in the
    /// profile's [[exams]]) instead of by units
    #[arg(long)]
    pub by_exam: bool,

    /// With `--by-exam`: the day the exam was passed, recorded in the
    /// profile's [[exams]] in the same edit as the renewal
    #[arg(long, value_name = "DATE", requires = "by_exam")]
    pub passed: Option<String>,

    #[command(flatten)]
    pub judging: Judging,
}

/// `renew`'s arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewConfig {
    pub profile: PathBuf,
    pub cert: String,
    pub date: Date,
    pub as_of: Date,
    pub by_exam: bool,
    /// `--passed`: the exam pass to record with the renewal.
    pub passed: Option<Date>,
    pub rule_dirs: Vec<PathBuf>,
}

impl RenewConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(args: RenewArgs, today: impl FnOnce() -> Date) -> Result<RenewConfig, Error> {
        let as_of = args.judging.as_of(today)?;
        let date = args
            .date
            .as_deref()
            .map_or(Ok(as_of), |s| date_arg(s, "--date"))?;
        if date > as_of {
            return Err(Error::Usage {
                message: format!("the date {date} is after the as-of date {as_of}"),
                help: Some("record a renewal once it has happened".into()),
            });
        }
        let passed = args
            .passed
            .as_deref()
            .map(|s| date_arg(s, "--passed"))
            .transpose()?;
        if let Some(p) = passed.filter(|p| *p > date) {
            return Err(Error::Usage {
                message: format!("the exam pass {p} is after the renewal date {date}"),
                help: Some(
                    "a renewal by exam follows the pass: give the renewal's `--date`".into(),
                ),
            });
        }
        Ok(RenewConfig {
            profile: args.profile,
            cert: args.cert,
            date,
            as_of,
            by_exam: args.by_exam,
            passed,
            rule_dirs: args.judging.rules,
        })
    }
}

/// Why `renew` did not write.
#[derive(Debug)]
pub enum Refusal {
    /// Bad usage or bad input (exit code 2).
    Bad(Vec<Error>),
    /// The run worked, and the certification cannot be renewed on that
    /// date: units short, or outside the window (exit code 1).
    NotReady(Error),
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        Refusal::Bad(vec![e])
    }
}

/// What a successful run prints.
#[derive(Debug)]
pub struct Renewed {
    pub stdout: String,
    pub stderr: String,
}

/// Loads the rules and the profile (under its lock), judges the current
/// cycle on the renewal date, and records the renewal if it may be.
fn renew(config: &RenewConfig, err: &mut dyn Write) -> Result<Renewed, Refusal> {
    let c = config;
    let rules = RuleSet::load(&c.rule_dirs)?;
    let cert = canonical_cert_ids(&rules, std::slice::from_ref(&c.cert))
        .map_err(Refusal::Bad)?
        .into_iter()
        .next()
        .unwrap_or_else(|| c.cert.clone());
    let c = &RenewConfig { cert, ..c.clone() };
    let opened = edit::open(&c.profile, &rules, err)?;
    let held = edit::held(&opened.profile, &c.cert, &c.profile)?;
    let bad = |message: String, help: String| {
        Refusal::Bad(vec![Error::Usage {
            message,
            help: Some(help),
        }])
    };
    if c.date < held.earned {
        return Err(bad(
            format!(
                "the date {} is before `{}` was earned ({})",
                c.date, c.cert, held.earned
            ),
            "a renewal comes at the end of a cycle, after the certification was earned".into(),
        ));
    }
    if let Some(last) = held.renewals.iter().max().filter(|&&l| l >= c.date) {
        return Err(bad(
            format!(
                "`{}` already has a renewal recorded on {last}, on or after {}",
                c.cert, c.date
            ),
            format!("renewals are recorded in order: a new one must be dated after {last}"),
        ));
    }
    let report = eval::evaluate(
        &rules,
        &opened.profile,
        c.date,
        &Selection::Only(vec![c.cert.clone()]),
    );
    let Some(r) = report.results.first().and_then(|r| r.renewal.clone()) else {
        return Err(bad(
            format!("`{}` has no recertification rules", c.cert),
            "it does not need renewing".into(),
        ));
    };
    if c.by_exam && r.by_exam_until.is_none() {
        return Err(bad(
            format!(
                "`{}` cannot be renewed by exam: edition `{}` of its rules accepts no renewal by exam",
                c.cert, r.edition
            ),
            "renew by units, without `--by-exam`".into(),
        ));
    }
    check_window(c, &r)?;
    // `--passed`: the pass, new to the profile, recorded with the renewal
    let new_pass = match c.passed {
        Some(on) => passed_exam(&rules, c, on, &opened.profile.exams)?,
        None => None,
    };
    let mut exams = opened.profile.exams.clone();
    exams.extend(new_pass.clone());
    let how = if c.by_exam {
        let pass = exam_pass(&rules, c, &exams, &r)?;
        format!("by exam (`{}` passed on {})", pass.id, pass.passed)
    } else {
        check_units(&rules, c, &r)?;
        format!(
            "with {} of {} {} counted in the cycle {} to {}",
            r.units_counted,
            r.units_required,
            crate::show::Shown(r.unit),
            r.cycle_start,
            r.cycle_end
        )
    };

    let new_text = match &new_pass {
        Some(pass) => append_exam_pass(&opened.text, pass)
            .and_then(|text| add_renewal(&text, &c.cert, c.date)),
        None => add_renewal(&opened.text, &c.cert, c.date),
    };
    let mut expected = opened.profile.clone();
    expected.exams = exams;
    if let Some(h) = expected.certifications.iter_mut().find(|h| h.id == c.cert) {
        h.renewals.push(c.date);
    }
    let warning = edit::save(&c.profile, opened, new_text, &expected, &rules)?;

    let mut out = new_pass
        .map(|p| format!("recorded the pass of `{}` on {}\n", p.id, p.passed))
        .unwrap_or_default();
    out.push_str(&format!("renewed `{}` on {} {how}\n", c.cert, c.date));
    let after = eval::evaluate(
        &rules,
        &expected,
        c.as_of,
        &Selection::Only(vec![c.cert.clone()]),
    );
    if let Some(next) = after.results.first().and_then(|r| r.renewal.as_ref()) {
        out.push_str(&progress(&c.cert, next));
        out.push('\n');
    }
    Ok(Renewed {
        stdout: out,
        stderr: edit::saved(&c.profile, warning),
    })
}

/// The renewal date must be inside the window: from `window_before` before
/// the cycle's end (or the cycle's start) to the end of the grace period,
/// or by exam up to `by_exam_until` where that is later. After the grace
/// period, a renewal by units is bad usage (exit 2): only `--by-exam` is
/// accepted then.
fn check_window(c: &RenewConfig, r: &Renewal) -> Result<(), Refusal> {
    let opens = r.window_opens.unwrap_or(r.cycle_start);
    let closes = r.closes();
    if c.date < opens {
        return Err(not_ready(
            format!(
                "cannot renew `{}` on {}: renewals of the cycle ending {} are accepted from {}",
                c.cert, c.date, r.cycle_end, opens
            ),
            format!(
                "the window runs from {opens} to {closes} ({})",
                if closes == r.grace_until {
                    "the end of the grace period"
                } else {
                    "the last day of renewal by exam"
                }
            ),
        ));
    }
    if c.date > closes {
        let by_exam = r
            .by_exam_until
            .map(|b| format!(", and renewal by exam on {b}"))
            .unwrap_or_default();
        return Err(not_ready(
            format!(
                "cannot renew `{}` on {}: the cycle ended on {} and its grace period on {}{by_exam}",
                c.cert, c.date, r.cycle_end, r.grace_until
            ),
            format!(
                "`{}` has lapsed. If it was earned again by exam, that is a new certification: set its `earned` to the day it was awarded again and remove its `renewals`",
                c.cert
            ),
        ));
    }
    if c.date > r.grace_until && !c.by_exam {
        return Err(Refusal::Bad(vec![Error::Usage {
            message: format!(
                "cannot renew `{}` on {} by units: the grace period of the cycle ending {} ended on {}",
                c.cert, c.date, r.cycle_end, r.grace_until
            ),
            help: Some(format!(
                "after the grace period only a renewal by exam is accepted, up to {closes}: record the pass in `[[exams]]` and add `--by-exam`"
            )),
        }]));
    }
    Ok(())
}

/// The current cycle's requirement and minimums must be met on the date.
fn check_units(rules: &RuleSet, c: &RenewConfig, r: &Renewal) -> Result<(), Refusal> {
    if r.ready {
        return Ok(());
    }
    let mut message = format!("cannot renew `{}`: ", c.cert);
    if r.units_needed.is_positive() {
        message.push_str(&format!(
            "{} {} still needed ({} of {} counted)",
            r.units_needed, r.unit, r.units_counted, r.units_required
        ));
    }
    let short = r.unmet_minimums();
    if !short.is_empty() {
        if r.units_needed.is_positive() {
            message.push_str("; ");
        }
        message.push_str(&format!("minimums not met: {}", short.join(", ")));
    }
    let by_exam = match rules.get(&c.cert, c.date) {
        Some(rule) if !rule.exams.is_empty() && r.by_exam_until.is_some() => {
            "; if it was renewed by passing the exam again, use `--by-exam`"
        }
        _ => "",
    };
    Err(not_ready(
        message,
        format!(
            "log the missing {} with `certcheck log`; renewals of this cycle are accepted up to {}{by_exam}",
            r.unit, r.grace_until
        ),
    ))
}

/// For `--by-exam`: the latest pass of one of the certification's exams,
/// dated in the current cycle up to the renewal date.
fn exam_pass(
    rules: &RuleSet,
    c: &RenewConfig,
    passes: &[ExamPass],
    r: &Renewal,
) -> Result<ExamPass, Refusal> {
    let exams: Vec<&str> = rules
        .get(&c.cert, c.date)
        .map(|rule| rule.exams.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    if exams.is_empty() {
        return Err(Refusal::Bad(vec![Error::Usage {
            message: format!("`{}` has no exam to renew by", c.cert),
            help: Some("renew by units, without `--by-exam`".into()),
        }]));
    }
    let pass = passes
        .iter()
        .filter(|p| exams.contains(&p.id.as_str()))
        .filter(|p| p.passed >= r.cycle_start && p.passed <= c.date)
        .max_by_key(|p| p.passed);
    if let Some(p) = pass {
        return Ok(p.clone());
    }
    let names: Vec<String> = exams.iter().map(|e| format!("`{e}`")).collect();
    Err(not_ready(
        format!(
            "cannot renew `{}` by exam: no pass of {} is recorded between {} and {}",
            c.cert,
            names.join(" or "),
            r.cycle_start,
            c.date
        ),
        format!(
            "add the pass to the profile first: an `[[exams]]` entry with `id = \"{}\"` and the day it was `passed`",
            exams[0]
        ),
    ))
}

/// For `--passed`: the pass of the certification's exam on `on`, or `None`
/// where the profile has it already. A certification with several exams
/// is refused: which one was passed is not known.
fn passed_exam(
    rules: &RuleSet,
    c: &RenewConfig,
    on: Date,
    passes: &[ExamPass],
) -> Result<Option<ExamPass>, Refusal> {
    let exams: Vec<&str> = rules
        .get(&c.cert, c.date)
        .map(|rule| rule.exams.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let id = match exams.as_slice() {
        [one] => *one,
        [] => {
            return Err(Refusal::Bad(vec![Error::Usage {
                message: format!("`{}` has no exam to renew by", c.cert),
                help: Some("renew by units, without `--by-exam`".into()),
            }]));
        }
        several => {
            let names: Vec<String> = several.iter().map(|e| format!("`{e}`")).collect();
            return Err(Refusal::Bad(vec![Error::Usage {
                message: format!(
                    "`--passed` cannot tell which exam of `{}` was passed: it has {}",
                    c.cert,
                    names.join(", ")
                ),
                help: Some(
                    "record the pass in the profile's `[[exams]]` and renew with `--by-exam` alone"
                        .into(),
                ),
            }]));
        }
    };
    let pass = ExamPass {
        id: id.to_string(),
        passed: on,
    };
    Ok((!passes.contains(&pass)).then_some(pass))
}

fn not_ready(message: String, help: String) -> Refusal {
    Refusal::NotReady(Error::Usage {
        message,
        help: Some(help),
    })
}

/// Records the renewal if it may be (see [`renew`]) and writes the report
/// to `out` and the warnings to `err`; a renewal that is not ready yet is
/// explained on `err` with exit code 1.
pub fn run(
    config: &RenewConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    match renew(config, err) {
        Ok(renewed) => {
            // "saved" first; see `edit::report_after_save`
            write_err(err, &renewed.stderr);
            Ok(edit::report_after_save(out, err, &renewed.stdout))
        }
        Err(Refusal::Bad(errors)) => Err(errors),
        Err(Refusal::NotReady(e)) => {
            write_err(err, &error_lines(&e));
            Ok(ExitCode::Attention)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn the_date_defaults_to_the_as_of_date_and_may_not_follow_it() {
        let args = |d: Option<&str>| RenewArgs {
            profile: PathBuf::from("p.toml"),
            cert: "cmq-oe".into(),
            date: d.map(str::to_string),
            by_exam: false,
            passed: None,
            judging: Judging::default(),
        };
        let c = RenewConfig::from_args(args(None), || date(2026, 11, 25)).unwrap();
        assert_eq!((c.date, c.as_of), (date(2026, 11, 25), date(2026, 11, 25)));
        let e = RenewConfig::from_args(args(Some("2026-11-26")), || date(2026, 11, 25));
        assert_eq!(
            e.unwrap_err().to_string(),
            "the date 2026-11-26 is after the as-of date 2026-11-25\n  help: record a renewal once it has happened"
        );
    }
}
