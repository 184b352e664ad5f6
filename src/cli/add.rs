//! `certcheck add PROFILE KIND [FIELD=VALUE]...`: add a role, degree, exam,
//! certification, training or project to a profile without writing TOML.
//! The fields are the profile's own keys; on a terminal each one missing is
//! asked for (with the choices), then "another earlier role?". Off a
//! terminal every required field must be given. The profile is edited as
//! `log` edits it: losslessly, atomically, under its lock, and only once the
//! strict loader reads the edited text back as intended. `init` offers the
//! same questions at its end ([`offer`], [`save_entries`]).

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::error::{Error, did_you_mean};
use crate::profile::edit::{TextError, append_entry, basic_string};
use crate::profile::model::{
    Education, ExamPass, Held, MonthField, Profile, Project, Role, Training,
};
use crate::profile::{self};
use crate::rules::RuleSet;
use crate::rules::model::{Level, RoleKind};
use crate::show;
use crate::units::Units;

use super::common::{ExitCode, write_err};
use super::edit;
use super::prompt::{DayOrMonth, Prompter, choice_answer, day_or_month_answer, yes_no};

pub const EXAMPLE: &str = "\
Examples:
  certcheck add dana.toml role                 # on a terminal: asks for each field
  certcheck add dana.toml role employer=\"Acme Fabrication\" title=\"Production Supervisor\" \\
      start=2012-06 end=2016-08 decision_making=no
  certcheck add dana.toml degree level=bachelor completed=2012-05
  certcheck add dana.toml exam id=cmq-oe passed=2020-03-14

Fields (the profile's keys; dates YYYY-MM-DD, or YYYY-MM when only the month is known):
  role           employer title start* end decision_making full_time paid kind tags
  degree         level* field completed* tags
  exam           id* passed*
  certification  id* earned*
  training       title hours* completed*
  project        title completed* affidavit
  (* required)";

/// What `add` adds: one entry of a profile's section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// An `[[employment]]` entry
    Role,
    /// An `[[education]]` entry
    Degree,
    /// An `[[exams]]` entry: an exam passed
    Exam,
    /// A `[[certifications]]` entry: a certification held
    Certification,
    /// A `[[training]]` entry: contact hours of formal education
    Training,
    /// A `[[projects]]` entry: a completed improvement project
    Project,
}

#[derive(Debug, Args)]
#[command(after_help = EXAMPLE)]
pub struct AddArgs {
    /// The person's profile (a TOML file), edited in place
    #[arg(value_name = "PROFILE")]
    pub profile: PathBuf,

    /// What to add
    #[arg(value_name = "KIND")]
    pub kind: Kind,

    /// The entry's fields, as the profile's keys: `start=2016-09`,
    /// `title="Quality Manager"`, `decision_making=yes`
    #[arg(value_name = "FIELD=VALUE")]
    pub fields: Vec<String>,

    /// Ask nothing, even on a terminal: every required field must be given
    #[arg(long)]
    pub no_input: bool,

    /// Also load the rule files (*.toml) in this folder (repeatable), for
    /// their exam and certification ids
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

/// `add`'s arguments, checked as far as they can be without the rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddConfig {
    pub profile: PathBuf,
    pub kind: Kind,
    pub fields: Vec<String>,
    pub rule_dirs: Vec<PathBuf>,
    /// Ask for what is missing (on stderr, answers from stdin).
    pub interactive: bool,
}

impl AddConfig {
    /// `stdin_is_terminal`: whether there is a person to ask.
    pub fn from_args(args: AddArgs, stdin_is_terminal: bool) -> AddConfig {
        AddConfig {
            interactive: stdin_is_terminal && !args.no_input,
            profile: args.profile,
            kind: args.kind,
            fields: args.fields,
            rule_dirs: args.rules,
        }
    }
}

/// The type of a field's value, and how it is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Text,
    /// A day or a month, read as the field says.
    When(MonthField),
    /// Yes or no, with the default Enter gives.
    Bool(bool),
    Level,
    RoleKind,
    Tags,
    Hours,
    Exam,
    Cert,
}

/// One field of an entry.
struct Spec {
    key: &'static str,
    ty: Ty,
    required: bool,
    /// The question on a terminal (the choices are added to it).
    question: &'static str,
}

const fn spec(key: &'static str, ty: Ty, required: bool, question: &'static str) -> Spec {
    Spec {
        key,
        ty,
        required,
        question,
    }
}

const ROLE: &[Spec] = &[
    spec("employer", Ty::Text, false, "employer"),
    spec("title", Ty::Text, false, "your title"),
    spec(
        "start",
        Ty::When(MonthField::EmploymentStart),
        true,
        "started on",
    ),
    spec(
        "end",
        Ty::When(MonthField::EmploymentEnd),
        false,
        "ended on",
    ),
    spec(
        "decision_making",
        Ty::Bool(false),
        false,
        "a decision-making position: authority over projects or processes and their outcome?",
    ),
    spec("full_time", Ty::Bool(true), false, "full time?"),
    spec("paid", Ty::Bool(true), false, "paid?"),
    spec("kind", Ty::RoleKind, false, "kind"),
    spec(
        "tags",
        Ty::Tags,
        false,
        "tags a rule may ask for, such as project-leadership",
    ),
];
const DEGREE: &[Spec] = &[
    spec("level", Ty::Level, true, "level"),
    spec("field", Ty::Text, false, "field"),
    spec(
        "completed",
        Ty::When(MonthField::EducationCompleted),
        true,
        "completed on",
    ),
    spec(
        "tags",
        Ty::Tags,
        false,
        "tags a rule may ask for, such as gac-accredited",
    ),
];
const EXAM: &[Spec] = &[
    spec("id", Ty::Exam, true, "exam"),
    spec(
        "passed",
        Ty::When(MonthField::ExamsPassed),
        true,
        "passed on",
    ),
];
const CERTIFICATION: &[Spec] = &[
    spec("id", Ty::Cert, true, "certification"),
    spec(
        "earned",
        Ty::When(MonthField::CertificationsEarned),
        true,
        "earned on",
    ),
];
const TRAINING: &[Spec] = &[
    spec("title", Ty::Text, false, "title"),
    spec("hours", Ty::Hours, true, "contact hours"),
    spec(
        "completed",
        Ty::When(MonthField::TrainingCompleted),
        true,
        "completed on",
    ),
];
const PROJECT: &[Spec] = &[
    spec("title", Ty::Text, false, "title"),
    spec(
        "completed",
        Ty::When(MonthField::ProjectsCompleted),
        true,
        "completed on",
    ),
    spec(
        "affidavit",
        Ty::Bool(false),
        false,
        "an affidavit signed by its sponsor or champion?",
    ),
];

impl Kind {
    /// The profile's section.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Role => "employment",
            Kind::Degree => "education",
            Kind::Exam => "exams",
            Kind::Certification => "certifications",
            Kind::Training => "training",
            Kind::Project => "projects",
        }
    }

    /// "role", "degree", ...
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Degree => "degree",
            Kind::Exam => "exam",
            Kind::Certification => "certification",
            Kind::Training => "training",
            Kind::Project => "project",
        }
    }

    /// "a role", "an exam", ...
    pub fn a(self) -> &'static str {
        match self {
            Kind::Role => "a role",
            Kind::Degree => "a degree",
            Kind::Exam => "an exam",
            Kind::Certification => "a certification",
            Kind::Training => "a training",
            Kind::Project => "a project",
        }
    }

    /// The question after an entry: add one more?
    fn another(self) -> &'static str {
        match self {
            Kind::Role => "Another earlier role? (y/N)",
            Kind::Degree => "Another degree? (y/N)",
            Kind::Exam => "Another exam passed? (y/N)",
            Kind::Certification => "Another certification held? (y/N)",
            Kind::Training => "Another training? (y/N)",
            Kind::Project => "Another project? (y/N)",
        }
    }

    fn specs(self) -> &'static [Spec] {
        match self {
            Kind::Role => ROLE,
            Kind::Degree => DEGREE,
            Kind::Exam => EXAM,
            Kind::Certification => CERTIFICATION,
            Kind::Training => TRAINING,
            Kind::Project => PROJECT,
        }
    }

    fn keys(self) -> Vec<&'static str> {
        self.specs().iter().map(|s| s.key).collect()
    }
}

/// A field's value, checked.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Text(String),
    When(DayOrMonth),
    Bool(bool),
    Level(Level),
    Kind(RoleKind),
    Tags(Vec<String>),
    Hours(Units),
    /// An exam or certification id, as the rules spell it.
    Id(String),
}

impl Val {
    /// The value as the profile writes it.
    fn toml(&self) -> String {
        match self {
            Val::Text(s) | Val::Id(s) => basic_string(s),
            Val::When(w) => w.toml(),
            Val::Bool(b) => b.to_string(),
            Val::Level(l) => basic_string(l.id()),
            Val::Kind(k) => basic_string(k.id()),
            Val::Tags(t) => format!(
                "[{}]",
                t.iter()
                    .map(|t| basic_string(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Val::Hours(h) => h.to_string(),
        }
    }
}

/// One entry to add: its fields in the profile's key order.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    kind: Kind,
    values: Vec<(&'static str, Val)>,
}

impl Entry {
    fn get(&self, key: &str) -> Option<&Val> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.values.iter().map(|(k, v)| (*k, v.toml())).collect()
    }

    /// `[[employment]] employer = "Acme", start = "2012-06"`
    pub fn describe(&self) -> String {
        let pairs: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        format!("[[{}]] {}", self.kind.section(), pairs.join(", "))
    }

    /// The entry as the loader reads it, added to `p`.
    fn push_to(&self, p: &mut Profile) {
        let text = |k| match self.get(k) {
            Some(Val::Text(s)) => Some(s.clone()),
            _ => None,
        };
        let when = |k, field| match self.get(k) {
            Some(Val::When(w)) => Some(w.read(field)),
            _ => None,
        };
        let boolean = |k, default| match self.get(k) {
            Some(Val::Bool(b)) => *b,
            _ => default,
        };
        let tags = || match self.get("tags") {
            Some(Val::Tags(t)) => t.clone(),
            _ => Vec::new(),
        };
        let id = || match self.get("id") {
            Some(Val::Id(s)) => s.clone(),
            _ => String::new(),
        };
        let first = crate::dates::FIRST_DAY;
        match self.kind {
            Kind::Role => p.employment.push(Role {
                employer: text("employer"),
                title: text("title"),
                start: when("start", MonthField::EmploymentStart).unwrap_or(first),
                end: when("end", MonthField::EmploymentEnd),
                decision_making: boolean("decision_making", false),
                full_time: boolean("full_time", true),
                paid: boolean("paid", true),
                kind: match self.get("kind") {
                    Some(Val::Kind(k)) => *k,
                    _ => RoleKind::Employee,
                },
                tags: tags(),
            }),
            Kind::Degree => p.education.push(Education {
                level: match self.get("level") {
                    Some(Val::Level(l)) => *l,
                    _ => Level::Secondary,
                },
                tags: tags(),
                field: text("field"),
                completed: when("completed", MonthField::EducationCompleted).unwrap_or(first),
            }),
            Kind::Exam => p.exams.push(ExamPass {
                id: id(),
                passed: when("passed", MonthField::ExamsPassed).unwrap_or(first),
            }),
            Kind::Certification => p.certifications.push(Held {
                id: id(),
                earned: when("earned", MonthField::CertificationsEarned).unwrap_or(first),
                renewals: Vec::new(),
            }),
            Kind::Training => p.training.push(Training {
                title: text("title"),
                hours: match self.get("hours") {
                    Some(Val::Hours(h)) => *h,
                    _ => Units::ZERO,
                },
                completed: when("completed", MonthField::TrainingCompleted).unwrap_or(first),
            }),
            Kind::Project => p.projects.push(Project {
                title: text("title"),
                completed: when("completed", MonthField::ProjectsCompleted).unwrap_or(first),
                affidavit: boolean("affidavit", false),
            }),
        }
    }
}

/// An id of `known`, matched without regard to case, as `known` spells it.
fn id_answer(s: &str, known: &[&str], what: &str) -> Result<String, String> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(s)) {
        return Ok((*k).to_string());
    }
    Err(
        match did_you_mean(&s.to_lowercase(), known.iter().copied()) {
            Some(near) => format!("unknown {what} `{s}`: did you mean `{near}`?"),
            None if known.is_empty() => format!("unknown {what} `{s}`: no rules define any"),
            None => format!(
                "unknown {what} `{s}`: the known ones are {}",
                known.join(", ")
            ),
        },
    )
}

/// `s` as a value of `spec`; the message says why not. An empty `s` is
/// handled by the caller.
fn parse_value(spec: &Spec, s: &str, rules: &RuleSet) -> Result<Val, String> {
    let s = s.trim();
    match spec.ty {
        Ty::Text => Ok(Val::Text(s.to_string())),
        Ty::When(_) => day_or_month_answer(s.to_string()).map(Val::When),
        Ty::Bool(default) => yes_no(s.to_string(), default).map(Val::Bool),
        Ty::Level => {
            let ids = Level::ALL.map(Level::id);
            let i = choice_answer(s.to_string(), &ids, "level")?;
            Ok(Val::Level(Level::ALL[i.unwrap_or(0)]))
        }
        Ty::RoleKind => {
            let ids = RoleKind::ALL.map(RoleKind::id);
            let i = choice_answer(s.to_string(), &ids, "kind")?;
            Ok(Val::Kind(RoleKind::ALL[i.unwrap_or(0)]))
        }
        Ty::Tags => Ok(Val::Tags(
            s.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        )),
        Ty::Hours => match s.parse::<Units>() {
            Ok(h) if h.is_positive() => Ok(Val::Hours(h)),
            _ => Err(format!(
                "`{s}` is not a number of hours more than 0, like 35 or 7.5"
            )),
        },
        Ty::Exam => id_answer(s, &rules.exam_ids(), "exam").map(Val::Id),
        Ty::Cert => id_answer(s, &rules.ids(), "certification").map(Val::Id),
    }
}

/// Whether `value` for `key` fits with the fields before it and with the
/// profile: a role ends on or after its start; a certification is held
/// once.
fn conflict(
    key: &str,
    value: &Val,
    before: &[(&'static str, Val)],
    kind: Kind,
    profile: &Profile,
) -> Option<String> {
    match (kind, key, value) {
        (Kind::Role, "end", Val::When(end)) => {
            let start = before.iter().find_map(|(k, v)| match (k, v) {
                (&"start", Val::When(s)) => Some(s),
                _ => None,
            })?;
            let (s, e) = (
                start.read(MonthField::EmploymentStart),
                end.read(MonthField::EmploymentEnd),
            );
            (e < s).then(|| format!("the role cannot end ({end}) before it starts ({start})"))
        }
        (Kind::Certification, "id", Val::Id(id)) => profile
            .certifications
            .iter()
            .any(|h| h.id == *id)
            .then(|| format!("the profile holds `{id}` already: a certification is held once")),
        _ => None,
    }
}

/// The `FIELD=VALUE` arguments, checked: every problem, each its own error.
fn given_entry(
    kind: Kind,
    fields: &[String],
    rules: &RuleSet,
) -> Result<Vec<(&'static str, Val)>, Vec<Error>> {
    let keys = kind.keys();
    let a = kind.a();
    let fields_help = || format!("the fields of {a}: {}", keys.join(", "));
    let mut errors = Vec::new();
    let mut given: Vec<(&'static str, Val)> = Vec::new();
    for arg in fields {
        let Some((key, value)) = arg.split_once('=') else {
            errors.push(Error::Usage {
                message: format!("expected FIELD=VALUE, found `{arg}`"),
                help: Some(format!("such as `start=2016-09`; {}", fields_help())),
            });
            continue;
        };
        let key = key.trim();
        let Some(spec) = kind.specs().iter().find(|s| s.key == key) else {
            let help = match did_you_mean(key, keys.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? {}", fields_help()),
                None => fields_help(),
            };
            errors.push(Error::Usage {
                message: format!("unknown field `{key}` for {a}"),
                help: Some(help),
            });
            continue;
        };
        if given.iter().any(|(k, _)| *k == spec.key) {
            errors.push(Error::Usage {
                message: format!("`{key}` is given twice"),
                help: Some("give each field once".to_string()),
            });
            continue;
        }
        if value.trim().is_empty() {
            errors.push(Error::Usage {
                message: format!("`{key}` is empty"),
                help: Some(format!("leave `{key}` out, or give it a value")),
            });
            continue;
        }
        match parse_value(spec, value, rules) {
            Ok(v) => given.push((spec.key, v)),
            Err(why) => errors.push(Error::Usage {
                message: format!("invalid `{arg}`: {why}"),
                help: None,
            }),
        }
    }
    if errors.is_empty() {
        Ok(given)
    } else {
        Err(errors)
    }
}

/// The entry from what was given, without asking: the missing required
/// fields are one error listing them all.
fn entry_without_asking(
    kind: Kind,
    given: Vec<(&'static str, Val)>,
    profile: &Profile,
    path: &Path,
) -> Result<Entry, Vec<Error>> {
    let missing: Vec<String> = kind
        .specs()
        .iter()
        .filter(|s| s.required && !given.iter().any(|(k, _)| *k == s.key))
        .map(|s| format!("`{}`", s.key))
        .collect();
    if !missing.is_empty() {
        let example: Vec<String> = kind
            .specs()
            .iter()
            .filter(|s| s.required)
            .map(|s| format!("{}={}", s.key, example_value(s.ty)))
            .collect();
        let path = path.display().to_string();
        let mut command = vec!["certcheck", "add", path.as_str(), kind.noun()];
        command.extend(example.iter().map(String::as_str));
        return Err(vec![Error::Usage {
            message: format!(
                "missing required {} for the {}: {}",
                if missing.len() == 1 {
                    "field"
                } else {
                    "fields"
                },
                kind.noun(),
                missing.join(", ")
            ),
            help: Some(format!(
                "give each as FIELD=VALUE, such as `{}`, or run `certcheck add` on a terminal to be asked",
                show::command_line(&command)
            )),
        }]);
    }
    let mut values: Vec<(&'static str, Val)> = Vec::new();
    let mut errors = Vec::new();
    for spec in kind.specs() {
        if let Some((_, v)) = given.iter().find(|(k, _)| *k == spec.key) {
            if let Some(why) = conflict(spec.key, v, &values, kind, profile) {
                errors.push(Error::Usage {
                    message: why,
                    help: None,
                });
            }
            values.push((spec.key, v.clone()));
        }
    }
    if errors.is_empty() {
        Ok(Entry { kind, values })
    } else {
        Err(errors)
    }
}

fn example_value(ty: Ty) -> &'static str {
    match ty {
        Ty::When(_) => "2016-09",
        Ty::Level => "bachelor",
        Ty::Exam | Ty::Cert => "cmq-oe",
        Ty::Hours => "35",
        Ty::Bool(_) => "yes",
        Ty::RoleKind => "employee",
        Ty::Text | Ty::Tags => "...",
    }
}

/// The question for `spec`, with its choices and what Enter does.
fn question(spec: &Spec, rules: &RuleSet) -> String {
    let q = spec.question;
    let optional = |q: &str| format!("  {q} (Enter to skip)");
    match spec.ty {
        Ty::Text => optional(q),
        Ty::When(_) if spec.key == "end" => {
            format!("  {q} (YYYY-MM-DD, or YYYY-MM if you know only the month; Enter if ongoing)")
        }
        Ty::When(_) => format!("  {q} (YYYY-MM-DD, or YYYY-MM if you know only the month)"),
        Ty::Bool(true) => format!("  {q} (Y/n)"),
        Ty::Bool(false) => format!("  {q} (y/N)"),
        Ty::Level => format!("  {q} ({})", Level::ALL.map(Level::id).join(", ")),
        Ty::RoleKind => format!(
            "  {q} ({}; Enter for employee)",
            RoleKind::ALL.map(RoleKind::id).join(", ")
        ),
        Ty::Tags => format!("  {q}, separated by commas (Enter for none)"),
        Ty::Hours => format!("  {q} (a number, like 35 or 7.5)"),
        Ty::Exam => format!("  {q} ({})", rules.exam_ids().join(", ")),
        Ty::Cert => format!("  {q} ({})", rules.ids().join(", ")),
    }
}

/// Asks for each field of a `kind` entry not in `given`; `None` when the
/// input ended first.
fn ask_entry(
    p: &mut Prompter<'_>,
    kind: Kind,
    given: &[(&'static str, Val)],
    rules: &RuleSet,
    profile: &Profile,
) -> io::Result<Option<Entry>> {
    let mut values: Vec<(&'static str, Val)> = Vec::new();
    for spec in kind.specs() {
        if let Some((_, v)) = given.iter().find(|(k, _)| *k == spec.key) {
            values.push((spec.key, v.clone()));
            continue;
        }
        let q = question(spec, rules);
        let answer = p.until(&q, |s: String| {
            if s.is_empty() {
                return match spec.ty {
                    _ if spec.required => Err(format!("{} needs `{}`", kind.a(), spec.key)),
                    // Enter: the default, written out
                    Ty::Bool(default) => Ok(Some(Val::Bool(default))),
                    _ => Ok(None),
                };
            }
            let v = parse_value(spec, &s, rules)?;
            match conflict(spec.key, &v, &values, kind, profile) {
                Some(why) => Err(why),
                None => Ok(Some(v)),
            }
        })?;
        match answer {
            None => return Ok(None),
            Some(Some(v)) => values.push((spec.key, v)),
            Some(None) => {}
        }
    }
    Ok(Some(Entry { kind, values }))
}

/// After an entry, "another earlier role?" until the answer is no: the
/// entries asked for, each complete (one cut short by the end of the input
/// is dropped).
fn ask_more(
    p: &mut Prompter<'_>,
    kind: Kind,
    rules: &RuleSet,
    profile: &mut Profile,
    entries: &mut Vec<Entry>,
) -> io::Result<()> {
    loop {
        let Some(more) = p.until(kind.another(), |s| yes_no(s, false))? else {
            return Ok(());
        };
        if !more {
            return Ok(());
        }
        let Some(entry) = ask_entry(p, kind, &[], rules, profile)? else {
            return Ok(());
        };
        entry.push_to(profile);
        entries.push(entry);
    }
}

/// `init`'s end: offers to add each kind in `offers` (with its question),
/// asking as `add` asks. The entries asked for, in order.
pub fn offer(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    offers: &[(Kind, &str)],
    rules: &RuleSet,
    profile: &Profile,
) -> io::Result<Vec<Entry>> {
    let mut p = Prompter::new(input, output);
    let mut profile = profile.clone();
    let mut entries = Vec::new();
    for (kind, q) in offers {
        let Some(yes) = p.until(q, |s| yes_no(s, false))? else {
            break;
        };
        if !yes {
            continue;
        }
        let Some(entry) = ask_entry(&mut p, *kind, &[], rules, &profile)? else {
            break;
        };
        entry.push_to(&mut profile);
        entries.push(entry);
        ask_more(&mut p, *kind, rules, &mut profile, &mut entries)?;
    }
    Ok(entries)
}

/// Appends `entries` to the opened profile and saves it, once the strict
/// loader reads the edited text back as the profile with the entries.
/// `Ok(Some(warning))`: saved, with something to say.
pub fn save_entries(
    path: &Path,
    opened: edit::Opened,
    entries: &[Entry],
    rules: &RuleSet,
) -> Result<Option<String>, Error> {
    let mut text: Result<String, TextError> = Ok(opened.text.clone());
    let mut expected = opened.profile.clone();
    for e in entries {
        text = text.and_then(|t| append_entry(&t, e.kind.section(), &e.pairs()));
        e.push_to(&mut expected);
    }
    if let Ok(t) = &text {
        // what the loader refuses in the edited text (a check this command
        // does not make itself) is the user's to fix, not a bug
        match profile::parse_bytes(t.as_bytes(), path, rules) {
            Ok(p) => expected.month_dates = p.month_dates,
            Err(e) => {
                return Err(Error::Usage {
                    message: format!(
                        "cannot add to `{}`: the profile would not load",
                        path.display()
                    ),
                    help: Some(format!(
                        "nothing was written; with the new entry: {}",
                        e.to_string().replace('\n', "; ")
                    )),
                });
            }
        }
    }
    edit::save(path, opened, text, &expected, rules)
}

/// Runs `add`: checks the fields given, opens the profile under its lock,
/// asks for what is missing where there is a person to ask, appends and
/// saves; says what was added.
pub fn run(
    config: &AddConfig,
    out: &mut (dyn Write + Send),
    err: &mut dyn Write,
) -> Result<ExitCode, Vec<Error>> {
    let c = config;
    let rules = RuleSet::load(&c.rule_dirs).map_err(|e| vec![e])?;
    let given = given_entry(c.kind, &c.fields, &rules)?;
    if c.profile.symlink_metadata().is_err() {
        let path = c.profile.display().to_string();
        return Err(vec![Error::Usage {
            message: format!("`{path}` does not exist"),
            help: Some(format!(
                "`add` adds to a profile; start one with `{}`",
                show::command_line(&["certcheck", "init", path.as_str()])
            )),
        }]);
    }
    let opened = edit::open(&c.profile, &rules, err).map_err(|e| vec![e])?;
    let entries = if c.interactive {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        write_err(
            err,
            &format!(
                "{} for `{}` (Ctrl-D stops without adding it):\n",
                capitalized(c.kind.a()),
                show::ShownPath(&c.profile)
            ),
        );
        let mut p = Prompter::new(&mut input, err);
        let mut profile = opened.profile.clone();
        let read_error = |source| {
            vec![Error::Read {
                path: "<stdin>".into(),
                source,
            }]
        };
        // the fields given are checked against the profile as off a
        // terminal; only the missing ones are asked
        let mut checked = Vec::new();
        for (k, v) in &given {
            if let Some(why) = conflict(k, v, &checked, c.kind, &profile) {
                return Err(vec![Error::Usage {
                    message: why,
                    help: None,
                }]);
            }
            checked.push((*k, v.clone()));
        }
        let Some(first) =
            ask_entry(&mut p, c.kind, &given, &rules, &profile).map_err(read_error)?
        else {
            return Err(vec![Error::Usage {
                message: format!("the input ended before the {} was complete", c.kind.noun()),
                help: Some(format!("nothing was added to `{}`", c.profile.display())),
            }]);
        };
        first.push_to(&mut profile);
        let mut entries = vec![first];
        ask_more(&mut p, c.kind, &rules, &mut profile, &mut entries).map_err(read_error)?;
        entries
    } else {
        vec![entry_without_asking(
            c.kind,
            given,
            &opened.profile,
            &c.profile,
        )?]
    };
    let warning = save_entries(&c.profile, opened, &entries, &rules).map_err(|e| vec![e])?;
    write_err(err, &edit::saved(&c.profile, warning));
    Ok(edit::report_after_save(
        out,
        err,
        &added_text(&c.profile, &entries),
    ))
}

/// "A role", "An exam"
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What `add` (and `init`) print once the entries are saved.
pub fn added_text(path: &Path, entries: &[Entry]) -> String {
    let mut s = String::new();
    for e in entries {
        s.push_str(&format!("added {}\n", show::text(&e.describe())));
    }
    let path = path.display().to_string();
    s.push_str(&format!(
        "judge it with: {}\n",
        show::text(&show::command_line(&["certcheck", "check", path.as_str()]))
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use std::io::Cursor;

    fn rules() -> &'static RuleSet {
        crate::test_support::builtin_rules()
    }

    fn given(kind: Kind, fields: &[&str]) -> Result<Vec<(&'static str, Val)>, Vec<String>> {
        let fields: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        given_entry(kind, &fields, rules())
            .map_err(|es| es.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn fields_are_the_profile_keys_checked() {
        let g = given(
            Kind::Role,
            &[
                "start=2012-06",
                "kind=Co-Op",
                "decision_making=Yes",
                "tags=a, b",
            ],
        )
        .unwrap();
        assert_eq!(
            g,
            vec![
                ("start", Val::When(DayOrMonth::Month(2012, 6))),
                ("kind", Val::Kind(RoleKind::CoOp)),
                ("decision_making", Val::Bool(true)),
                ("tags", Val::Tags(vec!["a".into(), "b".into()])),
            ]
        );
        // ids of the loaded rules, whatever their case, written as the rules spell them
        assert_eq!(
            given(Kind::Exam, &["id=CMQ-OE"]).unwrap(),
            vec![("id", Val::Id("cmq-oe".into()))]
        );
        let errors = given(
            Kind::Role,
            &[
                "strat=2012-06",
                "start=2012-13",
                "oops",
                "kind=",
                "title=a",
                "title=b",
            ],
        )
        .unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(
            errors[0]
                .starts_with("unknown field `strat` for a role\n  help: did you mean `start`?"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].starts_with("invalid `start=2012-13`: `2012-13` is not a month"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("expected FIELD=VALUE, found `oops`"),
            "{}",
            errors[2]
        );
        assert!(errors[3].starts_with("`kind` is empty"), "{}", errors[3]);
        assert!(
            errors[4].starts_with("`title` is given twice"),
            "{}",
            errors[4]
        );
        let e = given(Kind::Exam, &["id=cmq-eo"]).unwrap_err();
        assert_eq!(
            e,
            ["invalid `id=cmq-eo`: unknown exam `cmq-eo`: did you mean `cmq-oe`?"]
        );
        let e = given(Kind::Degree, &["level=masters"]).unwrap_err();
        assert_eq!(
            e,
            ["invalid `level=masters`: unknown level `masters`: did you mean `master`?"]
        );
    }

    /// The help's table of fields is the fields `add` takes.
    #[test]
    fn the_help_lists_each_kinds_fields() {
        for kind in Kind::value_variants() {
            let fields: Vec<String> = kind
                .specs()
                .iter()
                .map(|s| format!("{}{}", s.key, if s.required { "*" } else { "" }))
                .collect();
            let line = format!("  {:<15}{}\n", kind.noun(), fields.join(" "));
            assert!(EXAMPLE.contains(&line), "{line}");
        }
    }

    #[test]
    fn missing_required_fields_are_one_error_listing_them() {
        let p = Profile::default();
        let e = entry_without_asking(Kind::Training, vec![], &p, Path::new("p.toml")).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].to_string(),
            "missing required fields for the training: `hours`, `completed`\n  help: give each as FIELD=VALUE, such as `certcheck add p.toml training hours=35 completed=2016-09`, or run `certcheck add` on a terminal to be asked"
        );
    }

    #[test]
    fn a_role_ending_before_it_starts_and_a_certification_held_twice_are_refused() {
        let mut p = Profile::default();
        let g = given(Kind::Role, &["start=2016-09", "end=2016-08-31"]).unwrap();
        let e = entry_without_asking(Kind::Role, g, &p, Path::new("p.toml")).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "the role cannot end (2016-08-31) before it starts (2016-09)"
        );
        // a role of one month, known only to the month, is fine
        let g = given(Kind::Role, &["start=2016-09", "end=2016-09"]).unwrap();
        assert!(entry_without_asking(Kind::Role, g, &p, Path::new("p.toml")).is_ok());
        p.certifications.push(Held {
            id: "cmq-oe".into(),
            earned: date(2020, 4, 1),
            renewals: vec![],
        });
        let g = given(Kind::Certification, &["id=CMQ-OE", "earned=2021-01"]).unwrap();
        let e = entry_without_asking(Kind::Certification, g, &p, Path::new("p.toml")).unwrap_err();
        assert!(e[0].to_string().contains("holds `cmq-oe` already"));
    }

    #[test]
    fn a_terminal_asks_for_each_missing_field_then_another() {
        let p = Profile::default();
        let g = given(Kind::Role, &["employer=Acme"]).unwrap();
        // title, start (a bad date first), end, decision-making, full time,
        // paid, kind (a near miss first), tags; then one more role, then no
        let input = "Quality Tech\n2012-02-30\n2012-06\n2016-08\ny\n\nn\ncontracter\ncontractor\nproject-leadership\ny\n\n\n2010-01\n2012-05\n\n\n\n\n\nn\n";
        let mut out = Vec::new();
        let mut input = Cursor::new(input);
        let mut pr = Prompter::new(&mut input, &mut out);
        let first = ask_entry(&mut pr, Kind::Role, &g, rules(), &p)
            .unwrap()
            .unwrap();
        let mut profile = p.clone();
        first.push_to(&mut profile);
        let mut entries = vec![first];
        ask_more(&mut pr, Kind::Role, rules(), &mut profile, &mut entries).unwrap();
        let asked = String::from_utf8(out).unwrap();
        let (first_asked, more_asked) = asked.split_once("Another earlier role? (y/N)").unwrap();
        assert!(
            !first_asked.contains("employer"),
            "given, not asked: {asked}"
        );
        assert!(
            more_asked.contains("  employer (Enter to skip): "),
            "{asked}"
        );
        assert!(asked.contains("  your title (Enter to skip): "), "{asked}");
        assert!(asked.contains("`2012-02-30` is not a date"), "{asked}");
        assert!(
            asked.contains("kind (employee, contractor, internship, co-op; Enter for employee)"),
            "{asked}"
        );
        assert!(
            asked.contains("unknown kind `contracter`: did you mean `contractor`?"),
            "{asked}"
        );
        assert!(asked.contains("Another earlier role? (y/N)"), "{asked}");
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries[0].describe(),
            "[[employment]] employer = \"Acme\", title = \"Quality Tech\", start = \"2012-06\", end = \"2016-08\", decision_making = true, full_time = true, paid = false, kind = \"contractor\", tags = [\"project-leadership\"]"
        );
        assert_eq!(
            entries[1].describe(),
            "[[employment]] start = \"2010-01\", end = \"2012-05\", decision_making = false, full_time = true, paid = true"
        );
        // read as the loader reads months
        assert_eq!(profile.employment[0].start, date(2012, 6, 1));
        assert_eq!(profile.employment[0].end, Some(date(2016, 8, 31)));
    }

    #[test]
    fn a_required_field_is_asked_again_and_the_end_of_the_input_stops() {
        let mut out = Vec::new();
        let mut input = Cursor::new("\ncpim\n");
        let mut pr = Prompter::new(&mut input, &mut out);
        let e = ask_entry(&mut pr, Kind::Exam, &[], rules(), &Profile::default()).unwrap();
        assert_eq!(e, None);
        let asked = String::from_utf8(out).unwrap();
        assert!(asked.contains("  an exam needs `id`\n"), "{asked}");
    }
}
