//! `certcheck log`: add one professional-development activity to a profile,
//! losslessly and atomically, then say where the renewal stands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{ArgGroup, Args};

use crate::dates::Date;
use crate::error::Error;
use crate::eval::{self, Renewal, Selection};
use crate::profile::edit::append_activity;
use crate::profile::help_for;
use crate::profile::model::Activity;
use crate::rules::RuleSet;
use crate::units::{Units, UnitsError};

use super::common::{ExitCode, Judging, canonical_cert_ids, canonical_id, date_arg, write_err};
use super::edit::{self, progress};

const EXAMPLE: &str = "\
Examples:
  certcheck log dana.toml --cert cmq-oe --category professional-development \\
      --hours 15 --description \"Lean leadership seminar\"
  certcheck log dana.toml --cert cmq-oe --category giving-back --units 1 \\
      --date 2026-06-20 --description \"Mentored two CQIA candidates\" \\
      --evidence receipts/mentoring-2026.pdf";

/// `log`'s arguments as clap sees them.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
#[command(group(ArgGroup::new("amount").required(true).args(["units", "hours"])))]
pub struct LogArgs {
    /// The person's profile (a TOML file), edited in place
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// The held certification the activity counts towards; repeat it for
    /// one that counts towards several (the category must exist in each)
    #[arg(long = "cert", value_name = "ID", required = true)]
    pub cert: Vec<String>,

    /// A recertification category the certification's rules define (any
    /// case; written as the rules spell it)
    #[arg(long, value_name = "ID")]
    pub category: String,

    /// Units earned (RU, PDUs, points): more than 0, at most 3 decimals
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub units: Option<String>,

    /// Hours spent, converted at the category's units-per-hour rate (PMI: 1
    /// PDU an hour)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub hours: Option<String>,

    /// The day the activity was completed, as YYYY-MM-DD; default: the
    /// as-of date
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// What the activity was
    #[arg(long, value_name = "TEXT")]
    pub description: String,

    /// Where the proof is (a file name or a link), recorded as given
    #[arg(long, value_name = "PATH")]
    pub evidence: Option<String>,

    #[command(flatten)]
    pub judging: Judging,

    /// Log all the same: an activity dated after the as-of date, or one the
    /// profile already has (same date, certifications, category, units and
    /// description), without asking
    #[arg(long)]
    pub yes: bool,
}

/// How much the activity is worth, as given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    Units(Units),
    /// Hours, converted at the category's rate once the rules are loaded.
    Hours(Units),
}

/// `log`'s arguments, checked: everything that can be judged without
/// reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogConfig {
    pub profile: PathBuf,
    /// As given; matched to the rules' ids without regard to case.
    pub certs: Vec<String>,
    pub category: String,
    pub amount: Amount,
    pub date: Date,
    pub as_of: Date,
    pub description: String,
    pub evidence: Option<String>,
    pub rule_dirs: Vec<PathBuf>,
    /// `--yes`: a duplicate is logged without asking.
    pub yes: bool,
    /// Stdin is a terminal: a duplicate is asked about.
    pub interactive: bool,
}

impl LogConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(args: LogArgs, today: impl FnOnce() -> Date) -> Result<LogConfig, Error> {
        let as_of = args.judging.as_of(today)?;
        let date = args
            .date
            .as_deref()
            .map_or(Ok(as_of), |s| date_arg(s, "--date"))?;
        if date > as_of && !args.yes {
            return Err(Error::Usage {
                message: format!("the date {date} is after the as-of date {as_of}"),
                help: Some(
                    "an activity counts from the day it was completed; pass `--yes` to log one dated in the future".into(),
                ),
            });
        }
        let amount = match (&args.units, &args.hours) {
            (Some(u), _) => Amount::Units(amount_arg(u, "--units")?),
            (None, Some(h)) => Amount::Hours(amount_arg(h, "--hours")?),
            // the `amount` group requires one of them
            (None, None) => {
                return Err(Error::Usage {
                    message: "give the amount with `--units` or `--hours`".into(),
                    help: None,
                });
            }
        };
        if args.description.trim().is_empty() {
            return Err(Error::Usage {
                message: "`--description` is empty".into(),
                help: Some("say what the activity was, such as `--description \"Lean leadership seminar\"`".into()),
            });
        }
        Ok(LogConfig {
            profile: args.profile,
            certs: args.cert,
            category: args.category,
            amount,
            date,
            as_of,
            description: args.description,
            evidence: args.evidence,
            rule_dirs: args.judging.rules,
            yes: args.yes,
            interactive: std::io::stdin().is_terminal(),
        })
    }
}

/// A positive exact amount given to `flag`.
fn amount_arg(value: &str, flag: &str) -> Result<Units, Error> {
    let (message, help) = match value.parse::<Units>() {
        Ok(u) if u.is_positive() => return Ok(u),
        Ok(_) => (format!("`{flag}` must be more than 0, not `{value}`"), None),
        Err(UnitsError::TooPrecise) => (
            format!("`{flag}` has more than 3 decimal places: `{value}`"),
            Some("amounts are exact to a thousandth".to_string()),
        ),
        Err(UnitsError::TooLarge) => (
            format!("`{flag}` is too large: `{value}`"),
            Some(format!("the largest amount accepted is {}", Units::MAX)),
        ),
        Err(UnitsError::Malformed) => (
            format!("invalid amount `{value}` for `{flag}`"),
            Some("expected a decimal number like `1.5`".to_string()),
        ),
    };
    Err(Error::Usage { message, help })
}

/// What a successful run prints: the report on stdout and warnings on stderr.
#[derive(Debug)]
pub struct Logged {
    pub stdout: String,
    pub stderr: String,
}

/// Loads the rules and the profile (under its lock), checks the entry
/// against the certification's rules, appends it and saves the profile.
/// Every refusal leaves the file as it was.
fn log_activity(config: &LogConfig, err: &mut dyn Write) -> Result<Logged, Vec<Error>> {
    let c = config;
    let rules = RuleSet::load(&c.rule_dirs).map_err(|e| vec![e])?;
    let certs = canonical_cert_ids(&rules, &c.certs)?;
    let opened = edit::open(&c.profile, &rules, err).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut entries: Vec<(&str, Entry)> = Vec::new();
    for cert in &certs {
        match edit::held(&opened.profile, cert, &c.profile) {
            Ok(held) => match checked_entry(&rules, c, cert, held.earned) {
                Ok(entry) => entries.push((cert, entry)),
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (units, category) = one_entry(&entries)?;

    let activity = Activity {
        date: c.date,
        certifications: certs.clone(),
        category,
        units,
        description: Some(c.description.clone()),
        evidence: c.evidence.clone(),
    };
    if let Some(n) = duplicate_of(&opened.profile.activities, &activity) {
        let unit = entries
            .first()
            .map(|(_, e)| e.unit.as_str())
            .unwrap_or("units");
        confirm_duplicate(c, n, &activity, unit, err)?;
    }
    let new_text = append_activity(&opened.text, &activity);
    let mut expected = opened.profile.clone();
    expected.activities.push(activity.clone());
    let warning =
        edit::save(&c.profile, opened, new_text, &expected, &rules).map_err(|e| vec![e])?;

    let report = eval::evaluate(&rules, &expected, c.as_of, &Selection::Only(certs.clone()));
    let mut stdout = String::new();
    for (cert, entry) in &entries {
        let renewal = report
            .results
            .iter()
            .find(|r| r.certification == *cert)
            .and_then(|r| r.renewal.as_ref());
        stdout.push_str(&logged_text(c, cert, &activity.category, entry, renewal));
    }
    Ok(Logged {
        stdout,
        stderr: edit::saved(&c.profile, warning),
    })
}

/// The one amount and category an activity counting towards several
/// certifications is recorded with: refused where `--hours` converts to
/// different amounts under their rates.
fn one_entry(entries: &[(&str, Entry)]) -> Result<(Units, String), Vec<Error>> {
    let Some((_, first)) = entries.first() else {
        return Err(vec![Error::Usage {
            message: "give the certification with `--cert`".into(),
            help: None,
        }]);
    };
    if entries.iter().any(|(_, e)| e.units != first.units) {
        let each: Vec<String> = entries
            .iter()
            .map(|(cert, e)| {
                format!(
                    "{} {} for `{cert}`",
                    e.units,
                    crate::show::text(crate::units::unit_word(e.units, &e.unit))
                )
            })
            .collect();
        return Err(vec![Error::Usage {
            message: format!(
                "the hours make different amounts under each certification's rate: {}",
                each.join(", ")
            ),
            help: Some(
                "log the activity once for each certification, with its own `--cert`".into(),
            ),
        }]);
    }
    Ok((first.units, first.category.clone()))
}

/// The 1-based number of an activity of `acts` that `a` repeats: the same
/// date, certifications (in any order), category, units and description.
fn duplicate_of(acts: &[Activity], a: &Activity) -> Option<usize> {
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    let certs = sorted(&a.certifications);
    acts.iter()
        .position(|b| {
            b.date == a.date
                && b.category == a.category
                && b.units == a.units
                && b.description == a.description
                && sorted(&b.certifications) == certs
        })
        .map(|i| i + 1)
}

/// A duplicate is logged with `--yes`, or when the person answers yes on a
/// terminal; otherwise nothing is written (exit code 2).
fn confirm_duplicate(
    c: &LogConfig,
    n: usize,
    a: &Activity,
    unit: &str,
    err: &mut dyn Write,
) -> Result<(), Vec<Error>> {
    if c.yes {
        return Ok(());
    }
    let path = crate::show::ShownPath(&c.profile).to_string();
    let what = format!(
        "`{path}` already has this activity: number {n}, {} in `{}`, {}, `{}`",
        a.date,
        a.category,
        crate::show::text(&crate::units::amount(a.units, unit)),
        crate::show::text(a.description.as_deref().unwrap_or_default())
    );
    if c.interactive {
        let mut stdin = std::io::stdin().lock();
        return ask_again(&what, &mut stdin, err);
    }
    Err(vec![Error::Usage {
        message: what,
        help: Some(format!(
            "to log it a second time all the same, add `--yes`; to list the activities: {}",
            crate::show::command_line(&[
                "certcheck",
                "activities",
                &c.profile.display().to_string()
            ])
        )),
    }])
}

/// The entry, checked: dated no earlier than the certification was
/// `earned`, and worth units its rules allow. Both refusals are reported
/// together.
fn checked_entry(
    rules: &RuleSet,
    c: &LogConfig,
    cert: &str,
    earned: Date,
) -> Result<Entry, Vec<Error>> {
    let mut errors = Vec::new();
    if c.date < earned {
        errors.push(Error::Usage {
            message: format!(
                "the date {} is before `{cert}` was earned ({earned})",
                c.date
            ),
            help: Some(format!(
                "an activity before {earned} counts towards no cycle of `{cert}`"
            )),
        });
    }
    match entry_units(rules, c, cert) {
        Ok(entry) if errors.is_empty() => Ok(entry),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.push(e);
            Err(errors)
        }
    }
}

/// Asks on a terminal whether to log the duplicate `what` describes again:
/// `y` logs it; `n`, Enter or the end of the input logs nothing (exit 2).
fn ask_again(
    what: &str,
    input: &mut dyn std::io::BufRead,
    output: &mut dyn Write,
) -> Result<(), Vec<Error>> {
    let mut p = super::prompt::Prompter::new(input, output);
    let again = p
        .until(&format!("{what}\nlog it a second time? [y/N]"), |s| {
            super::prompt::yes_no(s, false)
        })
        .ok()
        .flatten()
        .unwrap_or(false);
    if again {
        Ok(())
    } else {
        Err(vec![Error::Usage {
            message: "nothing logged: the activity is in the profile already".into(),
            help: None,
        }])
    }
}

/// What `log` prints once the entry is saved: what was logged, where the
/// renewal now stands, and notes on a date outside the as-of day's cycle.
fn logged_text(
    c: &LogConfig,
    cert: &str,
    category: &str,
    entry: &Entry,
    renewal: Option<&Renewal>,
) -> String {
    let units = entry.units;
    let unit = crate::show::text(crate::units::unit_word(units, &entry.unit));
    let how = match (c.amount, entry.rate) {
        (Amount::Hours(h), Some(rate)) => format!(
            " ({h} {} at {rate} {} per hour)",
            crate::units::unit_word(h, "hours"),
            crate::show::text(crate::units::unit_word(rate, &entry.unit))
        ),
        _ => String::new(),
    };
    let mut out = format!(
        "logged {units} {unit}{how} in `{category}` for `{cert}` on {}\n",
        c.date
    );
    let Some(r) = renewal else { return out };
    out.push_str(&progress(cert, r));
    out.push('\n');
    if c.date > c.as_of {
        out.push_str(&format!(
            "note: it is dated after the as-of date {}: it counts from {}\n",
            c.as_of, c.date
        ));
    }
    if c.date < r.cycle_start {
        out.push_str(&format!(
            "note: {} is before the current cycle (from {}): it counts towards an earlier cycle\n",
            c.date, r.cycle_start
        ));
    } else if c.date > r.cycle_end {
        out.push_str(&format!(
            "note: {} is after the current cycle (to {}): it counts towards a later cycle\n",
            c.date, r.cycle_end
        ));
    }
    out
}

/// The entry's worth, checked against its certification's rules.
struct Entry {
    units: Units,
    /// The category's units-per-hour rate, where hours were converted.
    rate: Option<Units>,
    /// "RU", "points".
    unit: String,
    /// The category's id as the rules spell it.
    category: String,
}

/// The entry's units: checks the category against the rule in force on
/// the activity's date and converts hours at its rate.
fn entry_units(rules: &RuleSet, c: &LogConfig, cert: &str) -> Result<Entry, Error> {
    let usage = |message: String, help: String| Error::Usage {
        message,
        help: Some(help),
    };
    let Some(rc) = rules
        .get(cert, c.date)
        .and_then(|r| r.recertification.as_ref())
    else {
        return Err(usage(
            format!("`{}` has no recertification rules", cert),
            "there are no categories to log units in".into(),
        ));
    };
    let ids: Vec<&str> = rc.categories.iter().map(|c| c.id.as_str()).collect();
    let Some(category) = canonical_id(&ids, &c.category).and_then(|id| rc.category(id)) else {
        let help = help_for(
            &c.category,
            &ids,
            &format!("`{}` defines", cert),
            &format!("`{}` defines no recertification categories", cert),
        );
        return Err(usage(
            format!("category `{}` is not defined by `{}`", c.category, cert),
            help,
        ));
    };
    let unit = rc.unit.clone();
    let hours = match c.amount {
        Amount::Units(units) => {
            return Ok(Entry {
                units,
                rate: None,
                unit,
                category: category.id.clone(),
            });
        }
        Amount::Hours(h) => h,
    };
    let Some(rate) = category.units_per_hour else {
        let hourly: Vec<String> = rc
            .categories
            .iter()
            .filter(|c| c.units_per_hour.is_some())
            .map(|c| format!("`{}`", c.id))
            .collect();
        let others = if hourly.is_empty() {
            String::new()
        } else {
            format!(" (categories with a rate: {})", hourly.join(", "))
        };
        return Err(usage(
            format!(
                "`--hours` cannot be used for `{}`: it counts {}, and `{cert}` gives it no rate per hour",
                category.id, rc.unit
            ),
            format!("give the {} with `--units`{others}", rc.unit),
        ));
    };
    match hours.times(rate) {
        Ok(units) => Ok(Entry {
            units,
            rate: Some(rate),
            unit,
            category: category.id.clone(),
        }),
        Err(UnitsError::TooPrecise) => Err(usage(
            format!(
                "{hours} {} at {rate} {} per hour make {} {unit}, more than 3 decimal places",
                crate::units::unit_word(hours, "hours"),
                crate::units::unit_word(rate, &unit),
                exact_product(hours, rate)
            ),
            format!("give the {unit} with `--units`, rounded as the issuer rounds them"),
        )),
        Err(_) => Err(usage(
            format!(
                "{hours} {} at {rate} {} per hour make too many {unit}",
                crate::units::unit_word(hours, "hours"),
                crate::units::unit_word(rate, &unit)
            ),
            format!("the largest amount accepted is {}", Units::MAX),
        )),
    }
}

/// `a` x `b` in full (up to 6 decimal places), for a message.
fn exact_product(a: Units, b: Units) -> String {
    let p = i128::from(a.thousandths()) * i128::from(b.thousandths());
    let (whole, frac) = (p / 1_000_000, (p % 1_000_000).unsigned_abs());
    let frac = format!("{frac:06}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{frac}")
    }
}

/// Logs the activity (see [`log_activity`]), then writes the report to
/// `out` and the warnings to `err`.
pub fn run(
    config: &LogConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let logged = log_activity(config, err)?;
    // "saved" first: once the file is written, a failing stdout is only a
    // warning and the exit code stays 0 (a script must not log it twice)
    write_err(err, &logged.stderr);
    Ok(edit::report_after_save(out, err, &logged.stdout))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn args(date: Option<&str>, as_of: Option<&str>) -> LogArgs {
        LogArgs {
            profile: PathBuf::from("p.toml"),
            cert: vec!["cmq-oe".into()],
            category: "professional-development".into(),
            units: None,
            hours: Some("15".into()),
            date: date.map(str::to_string),
            description: "Seminar".into(),
            evidence: None,
            judging: Judging {
                as_of: as_of.map(str::to_string),
                rules: vec![],
            },
            yes: false,
        }
    }

    #[test]
    fn the_date_defaults_to_the_as_of_date_and_the_clock_is_read_only_without_it() {
        let c = LogConfig::from_args(args(None, Some("2026-11-25")), || {
            panic!("the clock must not be read when --as-of is given")
        })
        .unwrap();
        assert_eq!((c.date, c.as_of), (date(2026, 11, 25), date(2026, 11, 25)));
        assert_eq!(c.amount, Amount::Hours("15".parse().unwrap()));
        let c = LogConfig::from_args(args(Some("2026-01-02"), None), || date(2026, 3, 1)).unwrap();
        assert_eq!((c.date, c.as_of), (date(2026, 1, 2), date(2026, 3, 1)));
    }

    #[test]
    fn a_duplicate_on_a_terminal_is_logged_again_only_on_yes() {
        let ask = |answers: &str| {
            let mut input = answers.as_bytes();
            let mut shown = Vec::new();
            let r = ask_again("`p.toml` already has this activity", &mut input, &mut shown);
            (r.is_ok(), String::from_utf8(shown).unwrap())
        };
        let (yes, shown) = ask("maybe\ny\n");
        assert!(yes);
        assert_eq!(
            shown,
            "`p.toml` already has this activity\nlog it a second time? [y/N]:   answer y or n\n`p.toml` already has this activity\nlog it a second time? [y/N]: "
        );
        assert!(!ask("\n").0, "Enter is no");
        assert!(!ask("N\n").0);
        assert!(!ask("").0, "the end of the input is no");
        let mut input = "n\n".as_bytes();
        let e = ask_again("x", &mut input, &mut Vec::new()).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "nothing logged: the activity is in the profile already"
        );
    }

    #[test]
    fn exact_products_for_messages() {
        let u = |s: &str| s.parse::<Units>().unwrap();
        assert_eq!(exact_product(u("0.125"), u("0.1")), "0.0125");
        assert_eq!(exact_product(u("0.001"), u("0.001")), "0.000001");
        assert_eq!(exact_product(u("15"), u("0.1")), "1.5");
    }
}
