//! A person's profile, validated (see ../shared/spec/profile.md). Its
//! fields are the keys of the format (`format.rs`), with the defaults filled
//! in; a test (`write/tests.rs`) holds the two to the same names.

use serde::Serialize;

use crate::dates::Date;
use crate::rules::model::{Level, RoleKind};
use crate::units::Units;

/// One person's facts. Built only by the loader, which checked every field.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Profile {
    pub name: String,
    /// The `id` key, or the file's stem.
    pub id: String,
    pub targets: Vec<String>,
    pub education: Vec<Education>,
    pub employment: Vec<Role>,
    pub training: Vec<Training>,
    pub projects: Vec<Project>,
    pub exams: Vec<ExamPass>,
    pub certifications: Vec<Held>,
    pub activities: Vec<Activity>,
    /// The dates given only to the month (`"2013-03"`), in the order of the
    /// text: how each was read (semantics.md, "Dates known only to the
    /// month"). Not a key of the format: the loader fills it in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub month_dates: Vec<MonthDate>,
}

impl Profile {
    /// Every date the profile states: completions, role starts and ends,
    /// exam passes, certifications earned and renewed, activities.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        let education = self.education.iter().map(|e| e.completed);
        let roles = self
            .employment
            .iter()
            .flat_map(|r| std::iter::once(r.start).chain(r.end));
        let training = self.training.iter().map(|t| t.completed);
        let projects = self.projects.iter().map(|p| p.completed);
        let exams = self.exams.iter().map(|e| e.passed);
        let held = self
            .certifications
            .iter()
            .flat_map(|h| std::iter::once(h.earned).chain(h.renewals.iter().copied()));
        let activities = self.activities.iter().map(|a| a.date);
        education
            .chain(roles)
            .chain(training)
            .chain(projects)
            .chain(exams)
            .chain(held)
            .chain(activities)
    }
}

/// Where a date given to the month is: which field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonthField {
    EmploymentStart,
    EmploymentEnd,
    EducationCompleted,
    TrainingCompleted,
    ProjectsCompleted,
    ExamsPassed,
    CertificationsEarned,
}

impl MonthField {
    /// `employment.start`, `exams.passed`, ...: the section and the key.
    pub fn id(self) -> &'static str {
        match self {
            MonthField::EmploymentStart => "employment.start",
            MonthField::EmploymentEnd => "employment.end",
            MonthField::EducationCompleted => "education.completed",
            MonthField::TrainingCompleted => "training.completed",
            MonthField::ProjectsCompleted => "projects.completed",
            MonthField::ExamsPassed => "exams.passed",
            MonthField::CertificationsEarned => "certifications.earned",
        }
    }

    /// Whether a month in this field is read as its first day (a role's
    /// start, a certification earned) rather than its last (everything
    /// else: a role's end, a completion, a pass).
    pub fn reads_first_day(self) -> bool {
        matches!(
            self,
            MonthField::EmploymentStart | MonthField::CertificationsEarned
        )
    }

    /// How a month in this field is read, and the other end of the month
    /// (the day the second judgement tries); `None` outside the calendar.
    pub fn read(self, year: i32, month: u32) -> Option<(Date, Date)> {
        let first = crate::dates::month_first(year, month)?;
        let last = crate::dates::month_last(year, month)?;
        Some(if self.reads_first_day() {
            (first, last)
        } else {
            (last, first)
        })
    }
}

impl Serialize for MonthField {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A date the profile gives only to the month, and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthDate {
    /// `exams.passed`, `employment.start`, ...
    pub field: MonthField,
    /// The entry of its section, from 1.
    pub entry: usize,
    /// What the entry is: an exam or certification id, a role's label, a
    /// degree's level, a training's or project's title.
    pub of: String,
    /// The month as written, `YYYY-MM`.
    pub month: String,
    /// The day it was read as.
    pub read_as: Date,
    /// The other end of its month, which the second judgement tries.
    #[serde(skip)]
    pub other_end: Date,
}

impl MonthDate {
    /// "`exams.passed` for `cpim-part-2`"
    pub fn describe(&self) -> String {
        format!("`{}` for `{}`", self.field.id(), self.of)
    }

    /// Sets this date in `profile` (a copy of the one it came from) to `day`.
    pub fn set(&self, profile: &mut Profile, day: Date) {
        let i = self.entry.wrapping_sub(1);
        match self.field {
            MonthField::EmploymentStart => {
                if let Some(r) = profile.employment.get_mut(i) {
                    r.start = day;
                }
            }
            MonthField::EmploymentEnd => {
                if let Some(r) = profile.employment.get_mut(i) {
                    r.end = Some(day);
                }
            }
            MonthField::EducationCompleted => {
                if let Some(e) = profile.education.get_mut(i) {
                    e.completed = day;
                }
            }
            MonthField::TrainingCompleted => {
                if let Some(t) = profile.training.get_mut(i) {
                    t.completed = day;
                }
            }
            MonthField::ProjectsCompleted => {
                if let Some(p) = profile.projects.get_mut(i) {
                    p.completed = day;
                }
            }
            MonthField::ExamsPassed => {
                if let Some(e) = profile.exams.get_mut(i) {
                    e.passed = day;
                }
            }
            MonthField::CertificationsEarned => {
                if let Some(h) = profile.certifications.get_mut(i) {
                    h.earned = day;
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Education {
    pub level: Level,
    /// Qualities a rule may ask for (`gac-accredited`).
    pub tags: Vec<String>,
    pub field: Option<String>,
    pub completed: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Role {
    pub employer: Option<String>,
    pub title: Option<String>,
    pub start: Date,
    /// `None` while the role is ongoing.
    pub end: Option<Date>,
    pub decision_making: bool,
    pub full_time: bool,
    pub paid: bool,
    pub kind: RoleKind,
    pub tags: Vec<String>,
}

impl Role {
    /// "Quality Manager at Acme Fabrication"
    pub fn label(&self) -> String {
        match (&self.title, &self.employer) {
            (Some(t), Some(e)) => format!("{t} at {e}"),
            (Some(t), None) => t.clone(),
            (None, Some(e)) => e.clone(),
            (None, None) => format!("role from {}", self.start),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Training {
    pub title: Option<String>,
    pub hours: Units,
    pub completed: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Project {
    pub title: Option<String>,
    pub completed: Date,
    pub affidavit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExamPass {
    pub id: String,
    pub passed: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Held {
    pub id: String,
    pub earned: Date,
    pub renewals: Vec<Date>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    pub date: Date,
    pub certifications: Vec<String>,
    pub category: String,
    pub units: Units,
    pub description: Option<String>,
    pub evidence: Option<String>,
}
