//! `certcheck activities`: list the logged activities with the cycle each
//! falls in and whether it counts, export one cycle as CSV for the issuer's
//! form, or remove one (`--remove N`, losslessly, like `log`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::dates::Date;
use crate::error::Error;
use crate::eval::activities::{ActivityRow, activity_rows};
use crate::profile::edit::remove_activity;
use crate::report::activities as render;
use crate::rules::RuleSet;
use crate::show::ShownPath;

use super::common::{
    ExitCode, FormatArg, Reporting, canonical_cert_ids, load_profile, write_err, write_out,
};
use super::edit;

const EXAMPLE: &str = "\
Examples:
  certcheck activities dana.toml
  certcheck activities dana.toml --cert cmq-oe --cycle current --format csv > ru-form.csv
  certcheck activities dana.toml --remove 3";

/// `activities`' arguments as clap sees them.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
pub struct ActivitiesArgs {
    /// The person's profile (TOML; JSON to list only)
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// Only the activities for this certification (repeatable; any case)
    #[arg(long = "cert", value_name = "ID")]
    pub certs: Vec<String>,

    /// Which cycle's activities: the holder's current cycle, the one before
    /// it, or every activity
    #[arg(long, value_enum, value_name = "CYCLE", default_value = "all")]
    pub cycle: CycleChoice,

    /// Remove the activity numbered N in the list (its place in the file,
    /// from 1), keeping every other byte of the profile
    #[arg(long, value_name = "N", conflicts_with_all = ["certs", "cycle", "format"])]
    pub remove: Option<String>,

    #[command(flatten)]
    pub reporting: Reporting<Format>,
}

/// Which cycle `--cycle` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CycleChoice {
    /// The holder's cycle on the as-of date
    Current,
    /// The cycle before it
    Previous,
    /// Every activity, in every cycle or none
    All,
}

/// Output formats of `activities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person: each activity with a line for each certification
    Text,
    /// For the issuer's form or a spreadsheet: one row per activity and
    /// certification
    Csv,
    /// For programs: one JSON object
    Json,
}

impl FormatArg for Format {
    const DEFAULT: &'static str = "text";
    const HELP: &'static str = "Output format";
}

/// What `activities` does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    List {
        certs: Vec<String>,
        cycle: CycleChoice,
        format: Format,
    },
    /// Remove the activity numbered N (from 1).
    Remove(usize),
}

/// `activities`' arguments, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivitiesConfig {
    pub profile: PathBuf,
    pub action: Action,
    pub as_of: Date,
    pub rule_dirs: Vec<PathBuf>,
}

impl ActivitiesConfig {
    /// Checks the raw arguments; `today` is called only when `--as-of` is
    /// not given.
    pub fn from_args(
        args: ActivitiesArgs,
        today: impl FnOnce() -> Date,
    ) -> Result<ActivitiesConfig, Error> {
        let as_of = args.reporting.judging.as_of(today)?;
        let action = match args.remove {
            Some(n) => Action::Remove(number_arg(&n)?),
            None => Action::List {
                certs: args.certs,
                cycle: args.cycle,
                format: args.reporting.format,
            },
        };
        Ok(ActivitiesConfig {
            profile: args.profile,
            action,
            as_of,
            rule_dirs: args.reporting.judging.rules,
        })
    }
}

/// `--remove`'s number: a whole number from 1.
fn number_arg(value: &str) -> Result<usize, Error> {
    match value.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Error::Usage {
            message: format!("invalid activity number `{value}` for `--remove`"),
            help: Some(
                "give the number `certcheck activities` shows before the activity, such as `--remove 3`".into(),
            ),
        }),
    }
}

/// Lists or removes (see [`Action`]).
pub fn run(
    config: &ActivitiesConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::load(&config.rule_dirs).map_err(|e| vec![e])?;
    match &config.action {
        Action::List {
            certs,
            cycle,
            format,
        } => {
            let certs = canonical_cert_ids(&rules, certs)?;
            let profile = load_profile(&config.profile, &rules, "activities")?;
            let rows: Vec<ActivityRow> = activity_rows(&rules, &profile, config.as_of)
                .into_iter()
                .filter(|r| certs.is_empty() || certs.contains(&r.certification))
                .filter(|r| in_cycle(r, *cycle))
                .collect();
            let name = config.profile.display().to_string();
            let text = match format {
                Format::Text => render::text(&name, config.as_of, &rows),
                Format::Csv => render::csv(&rows),
                Format::Json => render::json(&name, config.as_of, &rows),
            };
            write_out(out, &text)?;
            Ok(ExitCode::Success)
        }
        Action::Remove(n) => remove(config, *n, &rules, out, err),
    }
}

/// Whether the row is in the cycle `--cycle` asks for.
fn in_cycle(r: &ActivityRow, choice: CycleChoice) -> bool {
    let (Some(c), Some(current)) = (r.cycle, r.current_cycle) else {
        return choice == CycleChoice::All;
    };
    match choice {
        CycleChoice::All => true,
        CycleChoice::Current => c.number == current,
        CycleChoice::Previous => c.number.saturating_add(1) == current,
    }
}

/// Removes activity `n` under the profile's lock, checks the result with
/// the strict loader and saves it; says what was removed.
fn remove(
    config: &ActivitiesConfig,
    n: usize,
    rules: &RuleSet,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let path = &config.profile;
    let opened = edit::open(path, rules, err).map_err(|e| vec![e])?;
    let count = opened.profile.activities.len();
    let Some(gone) = n
        .checked_sub(1)
        .and_then(|i| opened.profile.activities.get(i))
    else {
        let has = match count {
            0 => "no activities".to_string(),
            1 => "1 activity".to_string(),
            k => format!("{k} activities"),
        };
        return Err(vec![Error::Usage {
            message: format!(
                "`{}` has {has}: there is no activity number {n}",
                ShownPath(path)
            ),
            help: Some(format!(
                "list them with {}",
                crate::show::command_line(&[
                    "certcheck",
                    "activities",
                    &path.display().to_string()
                ])
            )),
        }]);
    };
    let gone = gone.clone();
    let new_text = remove_activity(&opened.text, n);
    let mut expected = opened.profile.clone();
    expected.activities.remove(n - 1);
    let warning = edit::save(path, opened, new_text, &expected, rules).map_err(|e| vec![e])?;
    write_err(err, &edit::saved(path, warning));
    let certs: Vec<String> = gone
        .certifications
        .iter()
        .map(|c| format!("`{}`", crate::show::text(c)))
        .collect();
    // the unit its first certification's rules count in on its date
    let unit = gone
        .certifications
        .first()
        .and_then(|cert| rules.get(cert, gone.date))
        .and_then(|r| r.recertification.as_ref())
        .map_or_else(|| "units".to_string(), |rc| rc.unit.clone());
    let mut report = format!(
        "removed activity {n}: {} in `{}`, {} for {}",
        gone.date,
        crate::show::text(&gone.category),
        crate::show::text(&crate::units::amount(gone.units, &unit)),
        certs.join(", ")
    );
    if let Some(d) = &gone.description {
        report.push_str(&format!(", `{}`", crate::show::text(d)));
    }
    report.push('\n');
    if n <= count.saturating_sub(1) {
        report.push_str(&format!(
            "the activities after it are numbered one less: {} became {n}\n",
            n + 1
        ));
    }
    Ok(edit::report_after_save(out, err, &report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_takes_a_number_from_1() {
        assert_eq!(number_arg("3").unwrap(), 3);
        for bad in ["0", "-1", "x", "1.5", ""] {
            assert_eq!(
                number_arg(bad).unwrap_err().to_string(),
                format!(
                    "invalid activity number `{bad}` for `--remove`\n  help: give the number `certcheck activities` shows before the activity, such as `--remove 3`"
                )
            );
        }
    }
}
