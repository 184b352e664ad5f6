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
