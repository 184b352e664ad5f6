//! Assumed facts: what `--assume` gives the evaluator, typed (the command
//! line reads the text), and the same facts in the profile's own shapes.
//! [`super::whatif`] judges with them; [`super::eligibility`] counts them.

use std::borrow::Cow;

use serde::Serialize;

use crate::dates::{Date, add_days};
use crate::profile::Profile;
use crate::profile::model::{Activity, Education, ExamPass, Role, Training};
use crate::rules::model::{Level, RoleKind};
use crate::units::Units;

/// One hypothetical change, as given on the command line (read by
/// `cli::assume`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Assumption {
    /// A degree completed on this day, carrying `tags` (`gac-accredited`).
    Degree {
        level: Level,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        completed: Date,
    },
    /// A new full-time, paid role from this day on (the roles still going
    /// on end the day before), with the decision-making flag and tags.
    Role {
        decision_making: bool,
        tags: Vec<String>,
        start: Date,
    },
    /// An exam passed on this day.
    Exam { id: String, passed: Date },
    /// Professional-development units in a category, on this day; they
    /// count towards every held certification whose rules define the
    /// category.
    Activity {
        category: String,
        units: Units,
        date: Date,
    },
    /// Training hours completed on this day.
    Training { hours: Units, completed: Date },
}

impl Assumption {
    /// The day the assumed fact starts counting.
    pub fn date(&self) -> Date {
        match self {
            Assumption::Degree { completed, .. } | Assumption::Training { completed, .. } => {
                *completed
            }
            Assumption::Role { start, .. } => *start,
            Assumption::Exam { passed, .. } => *passed,
            Assumption::Activity { date, .. } => *date,
        }
    }

    /// In words: "a master's degree completed on 2027-06-01".
    pub fn describe(&self) -> String {
        match self {
            Assumption::Degree {
                level,
                tags,
                completed,
            } => {
                if tags.is_empty() {
                    format!("{} completed on {completed}", level.phrase())
                } else {
                    format!(
                        "{} tagged {} completed on {completed}",
                        level.phrase(),
                        tags.join(", ")
                    )
                }
            }
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => {
                let mut what = String::from("a new full-time, paid");
                if *decision_making {
                    what.push_str(", decision-making");
                }
                what.push_str(" role");
                if !tags.is_empty() {
                    what.push_str(&format!(" tagged {}", tags.join(", ")));
                }
                format!(
                    "{what} from {start} (roles still going on end on {})",
                    add_days(*start, -1)
                )
            }
            Assumption::Exam { id, passed } => format!("exam `{id}` passed on {passed}"),
            Assumption::Activity {
                category,
                units,
                date,
            } => format!("{units} units of `{category}` on {date}"),
            Assumption::Training { hours, completed } => {
                format!("{hours} training hours completed on {completed}")
            }
        }
    }

    /// The command-line form: `degree=master@2027-06-01`.
    pub fn text(&self) -> String {
        match self {
            Assumption::Degree {
                level,
                tags,
                completed,
            } => {
                let mut flags = vec![level.id()];
                flags.extend(tags.iter().map(String::as_str));
                format!("degree={}@{completed}", flags.join("+"))
            }
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => {
                let mut flags: Vec<&str> = Vec::new();
                if *decision_making {
                    flags.push("decision-making");
                }
                flags.extend(tags.iter().map(String::as_str));
                if flags.is_empty() {
                    format!("role={start}")
                } else {
                    format!("role={}@{start}", flags.join("+"))
                }
            }
            Assumption::Exam { id, passed } => format!("exam={id}@{passed}"),
            Assumption::Activity {
                category,
                units,
                date,
            } => format!("activity={category}:{units}@{date}"),
            Assumption::Training { hours, completed } => format!("training={hours}@{completed}"),
        }
    }
}

/// Assumed facts in the profile's own shapes, ready for the evaluator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assumed {
    pub education: Vec<Education>,
    pub roles: Vec<Role>,
    pub training: Vec<Training>,
    pub exams: Vec<ExamPass>,
    /// Activities, each naming the held certifications it counts towards.
    pub activities: Vec<Activity>,
    /// Every role of the profile ends on this day at the latest (used by
    /// the planner to see whether an option relies on the current roles).
    pub roles_end: Option<Date>,
}

/// No assumed fact: the plain evaluation.
pub static NO_ASSUMPTIONS: Assumed = Assumed {
    education: Vec::new(),
    roles: Vec::new(),
    training: Vec::new(),
    exams: Vec::new(),
    activities: Vec::new(),
    roles_end: None,
};

impl Assumed {
    pub fn is_empty(&self) -> bool {
        self.education.is_empty()
            && self.roles.is_empty()
            && self.training.is_empty()
            && self.exams.is_empty()
            && self.activities.is_empty()
            && self.roles_end.is_none()
    }

    /// The earliest day any assumed fact speaks of.
    pub fn first_date(&self) -> Option<Date> {
        let e = self.education.iter().map(|e| e.completed);
        let r = self.roles.iter().map(|r| r.start);
        let t = self.training.iter().map(|t| t.completed);
        let x = self.exams.iter().map(|x| x.passed);
        let a = self.activities.iter().map(|a| a.date);
        e.chain(r).chain(t).chain(x).chain(a).min()
    }

    /// The profile's activities followed by the assumed ones.
    pub fn activities_with<'a>(&self, profile: &'a Profile) -> Cow<'a, [Activity]> {
        if self.activities.is_empty() {
            Cow::Borrowed(&profile.activities)
        } else {
            let mut all = profile.activities.clone();
            all.extend(self.activities.iter().cloned());
            Cow::Owned(all)
        }
    }

    /// Adds one assumption; an activity counts towards `certifications`.
    pub fn push(&mut self, a: &Assumption, certifications: &[String]) {
        match a {
            Assumption::Degree {
                level,
                tags,
                completed,
            } => self.education.push(Education {
                level: *level,
                tags: tags.clone(),
                field: None,
                completed: *completed,
            }),
            Assumption::Role {
                decision_making,
                tags,
                start,
            } => self.roles.push(Role {
                employer: None,
                title: Some(if *decision_making {
                    "assumed decision-making role".to_string()
                } else {
                    "assumed role".to_string()
                }),
                start: *start,
                end: None,
                decision_making: *decision_making,
                full_time: true,
                paid: true,
                kind: RoleKind::Employee,
                tags: tags.clone(),
            }),
            Assumption::Exam { id, passed } => self.exams.push(ExamPass {
                id: id.clone(),
                passed: *passed,
            }),
            Assumption::Activity {
                category,
                units,
                date,
            } => self.activities.push(Activity {
                date: *date,
                certifications: certifications.to_vec(),
                category: category.clone(),
                units: *units,
                description: Some("assumed".to_string()),
                evidence: None,
            }),
            Assumption::Training { hours, completed } => self.training.push(Training {
                title: Some("assumed training".to_string()),
                hours: *hours,
                completed: *completed,
            }),
        }
    }
}
