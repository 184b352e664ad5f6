//! `certcheck init [PATH]`: writes a commented profile template. On a
//! terminal it asks for the name, targets, highest degree and current role
//! first (a date may be a month, `2016-09`, where the day is not known),
//! then offers to add earlier roles, degrees and exams with `add`'s
//! questions; otherwise (or with `--no-input`) it writes the template as it
//! is. It never overwrites a file, and what it writes always loads with the
//! strict profile loader.

use std::fs::OpenOptions;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::error::{Error, did_you_mean};
use crate::profile;
use crate::profile::edit::basic_string;
use crate::report::text::display_width;
use crate::rules::RuleSet;
use crate::rules::model::Level;
use crate::show;

use super::add::{self, Kind};
use super::common::{ExitCode, write_err, write_out};
use super::edit;
use super::prompt::{DayOrMonth, Prompter, day_or_month_answer, yes_no};

pub const EXAMPLE: &str = "\
Examples:
  certcheck init                  # profile.toml; asks questions on a terminal
  certcheck init dana.toml --no-input
  certcheck add dana.toml role    # add what init did not ask
  certcheck check dana.toml       # then judge it";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the profile; an existing file is never overwritten
    #[arg(value_name = "PATH", default_value = "profile.toml")]
    pub path: PathBuf,

    /// Ask nothing, even on a terminal: write the template as it is
    #[arg(long)]
    pub no_input: bool,
}

/// What a person told `init`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub name: Option<String>,
    pub id: Option<String>,
    pub targets: Vec<String>,
    pub degree: Option<(Level, Option<String>, DayOrMonth)>,
    /// employer, title, start, decision-making
    pub role: Option<(String, String, DayOrMonth, bool)>,
}

const HEAD: &str = "\
# A certcheck profile: one person's facts, written by hand.
# `certcheck log` and `certcheck renew` add to it and keep every comment.
# Judge it with:  certcheck check PROFILE
# Dates are YYYY-MM-DD. Facts dated after the day judged are not counted.
";

const EDUCATION: &str = "\
# Degrees completed. level: secondary | trade-diploma | associate | bachelor | master | doctorate
# [[education]]
# level = \"bachelor\"
# tags = [\"gac-accredited\"]         # optional: qualities a rule may ask for (PMP)
# field = \"Industrial Engineering\"      # optional
# completed = 2012-05-15
";

const EMPLOYMENT: &str = "\
# Roles, past and current, one [[employment]] each.
# [[employment]]
# employer = \"Acme Fabrication\"
# title = \"Quality Manager\"
# start = 2016-09-01
# end = 2020-08-31                 # omit while the role is ongoing
# decision_making = true           # authority to define, execute or control projects
#                                  # or processes, and responsibility for the outcome
# full_time = true                 # default true
# paid = true                      # default true
# kind = \"employee\"                # employee | contractor | internship | co-op
# tags = [\"project-leadership\"]    # qualities a rule may ask for (PMP)
";

const REST: &str = "\
# Formal training, in contact hours (PMP asks for 35).
# [[training]]
# title = \"Project management fundamentals\"
# hours = 35
# completed = 2019-02-01

# Completed improvement projects (CSSBB).
# [[projects]]
# title = \"Scrap reduction on line 4\"
# completed = 2022-10-01
# affidavit = true

# Exams passed, by the exam ids of the rule files (cmq-oe, cpim, cpim-part-1, ...).
# [[exams]]
# id = \"cmq-oe\"
# passed = 2020-03-14

# Certifications held; each recorded renewal moves you one cycle on.
# [[certifications]]
# id = \"cmq-oe\"
# earned = 2020-04-01
# renewals = [2023-03-20]

# Professional-development activities (`certcheck log` adds them for you).
# [[activities]]
# date = 2021-05-10
# certifications = [\"cmq-oe\"]
# category = \"professional-development\"
# units = 1.5
# description = \"Lean leadership seminar\"
";

/// The profile text for `answers` (all empty: the plain template).
pub fn render(a: &Answers) -> String {
    let mut out = String::from(HEAD);
    out.push('\n');
    let name = a.name.as_deref().unwrap_or("Your Name");
    // a line with its comment, the comments aligned where they fit
    let commented = |line: String, comment: &str| {
        let pad = 33usize.saturating_sub(display_width(&line)).max(1);
        format!("{line}{}# {comment}\n", " ".repeat(pad))
    };
    out.push_str(&commented(
        format!("name = {}", basic_string(name)),
        "required",
    ));
    match &a.id {
        Some(id) => out.push_str(&format!("id = {}\n", basic_string(id))),
        None => out.push_str(&commented(
            "# id = \"C-1042\"".to_string(),
            "optional; default: the file's name",
        )),
    }
    let targets: Vec<String> = a.targets.iter().map(|t| basic_string(t)).collect();
    out.push_str(&commented(
        format!("targets = [{}]", targets.join(", ")),
        "the certifications you work towards, e.g. [\"cmq-oe\"]",
    ));
    out.push('\n');
    match &a.degree {
        Some((level, field, done)) => {
            out.push_str("# Degrees completed. level: trade-diploma | associate | bachelor | master | doctorate\n");
            out.push_str(&format!("[[education]]\nlevel = \"{}\"\n", level.id()));
            if let Some(f) = field {
                out.push_str(&format!("field = {}\n", basic_string(f)));
            }
            out.push_str(&format!("completed = {}\n\n", done.toml()));
        }
        None => {
            out.push_str(EDUCATION);
            out.push('\n');
        }
    }
    out.push_str(EMPLOYMENT);
    if let Some((employer, title, start, dm)) = &a.role {
        out.push_str(&format!(
            "\n[[employment]]\nemployer = {}\ntitle = {}\nstart = {}\ndecision_making = {dm}\n",
            basic_string(employer),
            basic_string(title),
            start.toml()
        ));
    }
    out.push('\n');
    out.push_str(REST);
    out
}

/// Asks the questions on `input`/`output`; an empty answer skips. Ends
/// early, with what it has, at the end of the input.
pub fn ask(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    rules: &RuleSet,
) -> io::Result<Answers> {
    ask_all(input, output, rules).map(|(a, _)| a)
}

/// [`ask`], and whether every question was answered (the input did not
/// end first).
fn ask_all(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    rules: &RuleSet,
) -> io::Result<(Answers, bool)> {
    let mut a = Answers::default();
    let mut p = Prompter::new(input, output);
    // each part returns None when the input ended: the rest is not asked
    let complete = ask_person(&mut p, rules, &mut a)?.is_some()
        && ask_degree(&mut p, &mut a)?.is_some()
        && ask_role(&mut p, &mut a)?.is_some();
    Ok((a, complete))
}

/// When a date is asked: a day, or the month where that is all one knows.
const WHEN: &str = "(YYYY-MM-DD, or YYYY-MM if you know only the month)";

/// The name, the id and the targets.
fn ask_person(p: &mut Prompter<'_>, rules: &RuleSet, a: &mut Answers) -> io::Result<Option<()>> {
    let Some(name) = p.until("Your name", |s: String| {
        if s.is_empty() {
            Err("a name is needed".to_string())
        } else {
            Ok(s)
        }
    })?
    else {
        return Ok(None);
    };
    a.name = Some(name);
    let Some(id) = p.line("An id for reports (Enter to skip)")? else {
        return Ok(None);
    };
    a.id = (!id.is_empty()).then_some(id);
    let known = rules.ids();
    let q = format!(
        "Certifications you work towards, separated by commas ({}; Enter for none)",
        known.join(", ")
    );
    let Some(targets) = p.until(&q, |s: String| {
        let ids: Vec<String> = s
            .split([',', ' '])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        match ids.iter().find(|t| !rules.contains(t)) {
            Some(bad) => Err(match did_you_mean(bad, known.iter().copied()) {
                Some(near) => format!("unknown certification `{bad}`: did you mean `{near}`?"),
                None => format!("unknown certification `{bad}`"),
            }),
            None => Ok(ids),
        }
    })?
    else {
        return Ok(None);
    };
    a.targets = targets;
    Ok(Some(()))
}

/// The highest degree, with its day and field.
fn ask_degree(p: &mut Prompter<'_>, a: &mut Answers) -> io::Result<Option<()>> {
    let levels: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
    let q = format!(
        "Highest degree completed ({}; Enter for none)",
        levels.join(", ")
    );
    let Some(level) = p.until(&q, |s: String| {
        if s.is_empty() {
            Ok(None)
        } else {
            Level::from_id(&s).map(Some).ok_or_else(|| {
                match did_you_mean(&s, levels.iter().copied()) {
                    Some(near) => format!("unknown level `{s}`: did you mean `{near}`?"),
                    None => format!("unknown level `{s}`"),
                }
            })
        }
    })?
    else {
        return Ok(None);
    };
    if let Some(level) = level {
        let Some(done) = p.until(&format!("  completed on {WHEN}"), day_or_month_answer)? else {
            return Ok(None);
        };
        let Some(field) = p.line("  field (Enter to skip)")? else {
            return Ok(None);
        };
        a.degree = Some((level, (!field.is_empty()).then_some(field), done));
    }
    Ok(Some(()))
}

/// The current role, if there is one.
fn ask_role(p: &mut Prompter<'_>, a: &mut Answers) -> io::Result<Option<()>> {
    let Some(employer) = p.line("Current employer (Enter to skip the role)")? else {
        return Ok(None);
    };
    if employer.is_empty() {
        return Ok(Some(()));
    }
    let Some(title) = p.line("  your title")? else {
        return Ok(None);
    };
    let Some(start) = p.until(&format!("  started on {WHEN}"), day_or_month_answer)? else {
        return Ok(None);
    };
    let Some(dm) = p.until(
        "  a decision-making position: authority over projects or processes and their outcome? (y/n)",
        |s: String| yes_no(s, false),
    )?
    else {
        return Ok(None);
    };
    a.role = Some((employer, title, start, dm));
    Ok(Some(()))
}

/// `init`'s arguments, checked: where to write, and whether to ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitConfig {
    pub path: PathBuf,
    /// Ask the questions (on stderr, answers from stdin).
    pub interactive: bool,
}

impl InitConfig {
    /// `stdin_is_terminal`: whether there is a person to ask.
    pub fn from_args(args: InitArgs, stdin_is_terminal: bool) -> InitConfig {
        InitConfig {
            interactive: stdin_is_terminal && !args.no_input,
            path: args.path,
        }
    }
}

/// Runs `init`: asks where there is a person to ask (on `err`), writes the
/// profile, checks it loads, and says so on `out`.
pub fn run(
    config: &InitConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let rules = RuleSet::builtin().map_err(|e| vec![e])?;
    refuse_existing(&config.path).map_err(|e| vec![e])?;
    let read_error = |source| {
        vec![Error::Read {
            path: "<stdin>".into(),
            source,
        }]
    };
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let (answers, complete) = if config.interactive {
        ask_all(&mut input, err, &rules).map_err(read_error)?
    } else {
        (Answers::default(), false)
    };
    let text = render(&answers);
    // what init writes must load
    profile::parse_bytes(text.as_bytes(), &config.path, &rules).map_err(|e| vec![e])?;
    write_new(&config.path, &text).map_err(|e| vec![e])?;
    let path = config.path.display().to_string();
    let command = show::command_line(&["certcheck", "check", path.as_str()]);
    let mut report = format!(
        "wrote {}; fill it in, then: {}\n",
        show::text(&path),
        show::text(&command)
    );
    if complete {
        // the file is written: what follows is `add`, on it
        let opened = edit::open(&config.path, &rules, err).map_err(|e| vec![e])?;
        let offers = [
            (
                Kind::Role,
                if answers.role.is_some() {
                    "Add an earlier role? (y/N)"
                } else {
                    "Add a past role? (y/N)"
                },
            ),
            (
                Kind::Degree,
                if answers.degree.is_some() {
                    "Add another degree? (y/N)"
                } else {
                    "Add a degree? (y/N)"
                },
            ),
            (Kind::Exam, "Add an exam you passed? (y/N)"),
        ];
        let entries =
            add::offer(&mut input, err, &offers, &rules, &opened.profile).map_err(read_error)?;
        if !entries.is_empty() {
            let warning =
                add::save_entries(&config.path, opened, &entries, &rules).map_err(|e| vec![e])?;
            write_err(err, &edit::saved(&config.path, warning));
            report = format!(
                "wrote {}\n{}",
                show::text(&path),
                add::added_text(&config.path, &entries)
            );
            return Ok(edit::report_after_save(out, err, &report));
        }
        report = format!(
            "wrote {}; judge it with: {}\n",
            show::text(&path),
            show::text(&command)
        );
    }
    write_out(out, &report)?;
    Ok(ExitCode::Success)
}

fn refuse_existing(path: &Path) -> Result<(), Error> {
    if path.exists() || path.symlink_metadata().is_ok() {
        return Err(Error::Usage {
            message: format!("`{}` already exists", path.display()),
            help: Some("certcheck init never overwrites a file: give another PATH".to_string()),
        });
    }
    Ok(())
}

/// Writes `text` to a file that must not exist yet; on failure removes
/// what it created.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == io::ErrorKind::AlreadyExists {
                Error::Usage {
                    message: format!("`{}` already exists", path.display()),
                    help: Some(
                        "certcheck init never overwrites a file: give another PATH".to_string(),
                    ),
                }
            } else {
                Error::Write {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
    if let Err(source) = f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(Error::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use std::io::Cursor;

    fn rules() -> &'static RuleSet {
        crate::test_support::builtin_rules()
    }

    #[test]
    fn the_template_loads_with_the_strict_loader() {
        let text = render(&Answers::default());
        let p = profile::parse_bytes(text.as_bytes(), Path::new("profile.toml"), rules()).unwrap();
        assert_eq!(p.name, "Your Name");
        assert_eq!(p.id, "profile");
        assert!(p.employment.is_empty() && p.targets.is_empty());
        // every section is there, commented
        for s in [
            "# [[education]]",
            "# [[employment]]",
            "# [[training]]",
            "# [[projects]]",
            "# [[exams]]",
            "# [[certifications]]",
            "# [[activities]]",
        ] {
            assert!(text.contains(s), "{s}");
        }
        // and uncommented, each example entry is a valid one
        let uncommented: String = text
            .lines()
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .filter(|l| l.starts_with('[') || l.contains(" = ") && !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let uncommented =
            uncommented.replace("id = \"C-1042\"", "id = \"C-1042\"\ntargets = [\"cmq-oe\"]");
        let mut lines: Vec<&str> = uncommented.lines().collect();
        // drop the template's own targets line (the replacement adds one)
        lines.retain(|l| !l.starts_with("targets = []"));
        let text2 = lines.join("\n");
        let loaded = profile::parse_bytes(text2.as_bytes(), Path::new("p.toml"), rules());
        assert!(loaded.is_ok(), "{text2}\n{loaded:?}");
    }

    #[test]
    fn answers_make_a_profile_that_loads() {
        let input = "Dana \"D\" Whitfield\nC-1042\ncmq-eo\ncmq-oe, cpim\nmasters\nmaster\n2012-02-30\n2012-05-15\nQuality\nAcme \\ Co\nQuality Manager\n2016-09-01\nmaybe\ny\n";
        let mut out = Vec::new();
        let a = ask(&mut Cursor::new(input), &mut out, rules()).unwrap();
        let asked = String::from_utf8(out).unwrap();
        assert!(
            asked.contains("unknown certification `cmq-eo`: did you mean `cmq-oe`?"),
            "{asked}"
        );
        assert!(
            asked.contains("unknown level `masters`: did you mean `master`?"),
            "{asked}"
        );
        assert!(asked.contains("`2012-02-30` is not a date"), "{asked}");
        assert!(asked.contains("answer y or n"), "{asked}");
        assert_eq!(
            a,
            Answers {
                name: Some("Dana \"D\" Whitfield".into()),
                id: Some("C-1042".into()),
                targets: vec!["cmq-oe".into(), "cpim".into()],
                degree: Some((
                    Level::Master,
                    Some("Quality".into()),
                    DayOrMonth::Day(date(2012, 5, 15))
                )),
                role: Some((
                    "Acme \\ Co".into(),
                    "Quality Manager".into(),
                    DayOrMonth::Day(date(2016, 9, 1)),
                    true
                )),
            }
        );
        let text = render(&a);
        let p = profile::parse_bytes(text.as_bytes(), Path::new("dana.toml"), rules()).unwrap();
        assert_eq!(p.name, "Dana \"D\" Whitfield");
        assert_eq!(p.targets, ["cmq-oe", "cpim"]);
        assert_eq!(p.education[0].completed, date(2012, 5, 15));
        assert_eq!(p.employment[0].employer.as_deref(), Some("Acme \\ Co"));
        assert!(p.employment[0].decision_making);
    }

    /// Where only the month is known, the answer is a month, written as
    /// profile.md has it and read as semantics.md says.
    #[test]
    fn dates_may_be_months() {
        let input =
            "Sam\n\ncmq-oe\nassociate\n2009-06-31\n2009-06\n\nBrightline\nSupervisor\n2023-01\ny\n";
        let mut out = Vec::new();
        let a = ask(&mut Cursor::new(input), &mut out, rules()).unwrap();
        let asked = String::from_utf8(out).unwrap();
        assert!(
            asked.contains("completed on (YYYY-MM-DD, or YYYY-MM if you know only the month)"),
            "{asked}"
        );
        assert!(asked.contains("`2009-06-31` is not a date"), "{asked}");
        let text = render(&a);
        assert!(text.contains("completed = \"2009-06\"\n"), "{text}");
        assert!(text.contains("start = \"2023-01\"\n"), "{text}");
        let p = profile::parse_bytes(text.as_bytes(), Path::new("s.toml"), rules()).unwrap();
        assert_eq!(p.education[0].completed, date(2009, 6, 30));
        assert_eq!(p.employment[0].start, date(2023, 1, 1));
        assert_eq!(p.month_dates.len(), 2);
    }

    /// The comments after the answers line up in a terminal whatever the
    /// script of the name: a CJK character takes two columns.
    #[test]
    fn comments_align_by_display_width() {
        let comment_column = |name: &str| {
            let text = render(&Answers {
                name: Some(name.into()),
                ..Answers::default()
            });
            let line = text.lines().find(|l| l.starts_with("name = ")).unwrap();
            let at = line.find("# required").unwrap();
            crate::report::text::display_width(&line[..at])
        };
        assert_eq!(comment_column("山田 太郎"), comment_column("Sam Okafor"));
    }

    #[test]
    fn the_input_may_end_early() {
        let mut out = Vec::new();
        let a = ask(&mut Cursor::new("Sam\n"), &mut out, rules()).unwrap();
        assert_eq!(a.name.as_deref(), Some("Sam"));
        let text = render(&a);
        assert!(profile::parse_bytes(text.as_bytes(), Path::new("s.toml"), rules()).is_ok());
        let a = ask(&mut Cursor::new(""), &mut out, rules()).unwrap();
        assert_eq!(a, Answers::default());
    }

    /// The questions, in order, and where a part ends when the input does.
    #[test]
    fn the_questions_in_order() {
        let known = rules().ids().join(", ");
        let levels: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
        let mut out = Vec::new();
        let a = ask(&mut Cursor::new("Sam\n\n\n\nAcme\n"), &mut out, rules()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "Your name: An id for reports (Enter to skip): \
                 Certifications you work towards, separated by commas ({known}; Enter for none): \
                 Highest degree completed ({}; Enter for none): \
                 Current employer (Enter to skip the role):   your title: \n",
                levels.join(", ")
            )
        );
        assert_eq!((a.name.as_deref(), a.id, a.role), (Some("Sam"), None, None));
    }
}
