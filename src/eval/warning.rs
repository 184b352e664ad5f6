//! The evaluator's warnings: suspicious but usable facts, not counted or
//! counted once. Each is data until it is shown: a screening that prints
//! no warnings never writes their sentences.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::dates::Date;
use crate::rules::model::Level;

/// One warning about one profile on one day. Its `Display` is the sentence
/// the reports show (and the JSON report writes); the names of the rules
/// are borrowed from them (`'r`), the profile's are copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning<'r> {
    /// A fact dated after the as-of date: not counted.
    AfterAsOf { fact: Fact, on: Date, as_of: Date },
    /// Two roles share days: those days are counted once.
    RolesOverlap {
        first: String,
        second: String,
        from: Date,
        to: Date,
    },
    /// An activity in a category that this edition of the rules does not
    /// define.
    ActivityCategoryUnknown {
        activity: String,
        on: Date,
        category: String,
        edition: &'r str,
        certification: &'r str,
    },
    /// An activity dated before the certification was earned.
    ActivityBeforeEarned {
        activity: String,
        on: Date,
        certification: &'r str,
        earned: Date,
    },
    /// An activity for a certification the profile does not hold.
    ActivityNotHeld {
        activity: String,
        on: Date,
        certification: &'r str,
    },
    /// A renewal recorded outside its window (counted all the same).
    RenewalOutsideWindow {
        certification: &'r str,
        on: Date,
        opens: Date,
        closes: Date,
    },
    /// An exam passed on a day it was not offered (counted all the same).
    ExamNotOffered {
        exam: &'r str,
        passed: Date,
        from: Option<Date>,
        to: Option<Date>,
    },
    /// A pass of an exam that another edition of the certification's rules
    /// defines but the edition judging does not: it counts for no exam path.
    ExamNotInEdition {
        exam: &'r str,
        passed: Date,
        certification: &'r str,
        edition: &'r str,
    },
    /// A tag on a degree that no loaded rule asks for; `suggestion`: the
    /// nearest tag one does.
    EducationTagUnknown {
        tag: String,
        level: Level,
        suggestion: Option<&'r str>,
    },
    /// A tag on a role that no loaded rule asks for; `suggestion`: the
    /// nearest tag one does.
    RoleTagUnknown {
        tag: String,
        role: String,
        suggestion: Option<&'r str>,
    },
    /// An activity dated in the grace period of a cycle already renewed,
    /// under rules whose grace-period units complete the overdue cycle: it
    /// counts towards that cycle, not the current one.
    ActivityInRenewedGrace {
        activity: String,
        on: Date,
        certification: &'r str,
        cycle_end: Date,
        grace_until: Date,
    },
    /// A certification whose status depends on the exact day of dates the
    /// profile gives only to the month: judged with them at the other end
    /// of their months, its status would be `other`. `dates`: the dates
    /// that decide it, as "`exams.passed` for `cpim-part-2`".
    MonthDateDecides {
        certification: &'r str,
        dates: Vec<String>,
        status: crate::eval::Status,
        other: crate::eval::Status,
    },
    /// Any sentence: for the renderers' tests.
    #[cfg(test)]
    Text(String),
}

impl Warning<'_> {
    /// The stable id of the warning's kind (kebab-case), as rule test
    /// cases name it in `expect.warnings`.
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::AfterAsOf { .. } => "after-as-of",
            Warning::RolesOverlap { .. } => "roles-overlap",
            Warning::ActivityCategoryUnknown { .. } => "activity-category-unknown",
            Warning::ActivityBeforeEarned { .. } => "activity-before-earned",
            Warning::ActivityNotHeld { .. } => "activity-not-held",
            Warning::RenewalOutsideWindow { .. } => "renewal-outside-window",
            Warning::ExamNotOffered { .. } => "exam-not-offered",
            Warning::ExamNotInEdition { .. } => "exam-not-in-edition",
            Warning::EducationTagUnknown { .. } => "education-tag-unknown",
            Warning::RoleTagUnknown { .. } => "role-tag-unknown",
            Warning::ActivityInRenewedGrace { .. } => "activity-in-renewed-grace",
            Warning::MonthDateDecides { .. } => "month-date-decides",
            #[cfg(test)]
            Warning::Text(_) => "text",
        }
    }

    /// Every kind id [`Warning::kind`] gives (but the test-only one).
    pub const KINDS: &'static [&'static str] = &[
        "after-as-of",
        "roles-overlap",
        "activity-category-unknown",
        "activity-before-earned",
        "activity-not-held",
        "renewal-outside-window",
        "exam-not-offered",
        "exam-not-in-edition",
        "education-tag-unknown",
        "role-tag-unknown",
        "activity-in-renewed-grace",
        "month-date-decides",
    ];
}

/// A fact of the profile, as a warning names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    Degree(Level),
    /// A role, by its label (see `Role::label`).
    Role(String),
    /// A training course, by its title where it has one.
    Training(Option<String>),
    /// A project, by its title where it has one.
    Project(Option<String>),
    /// The pass of an exam, by the exam's id.
    ExamPass(String),
    /// A held certification, by its id.
    Certification(String),
    /// A renewal of a held certification, by its id.
    Renewal(String),
    /// An activity, by its description (or else its category).
    Activity(String),
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn untitled(title: &Option<String>) -> &str {
            title.as_deref().unwrap_or("(untitled)")
        }
        match self {
            Fact::Degree(level) => write!(f, "the {} degree", level.id()),
            Fact::Role(label) => write!(f, "the role `{label}`"),
            Fact::Training(title) => write!(f, "the training `{}`", untitled(title)),
            Fact::Project(title) => write!(f, "the project `{}`", untitled(title)),
            Fact::ExamPass(id) => write!(f, "the pass of exam `{id}`"),
            Fact::Certification(id) => write!(f, "certification `{id}`"),
            Fact::Renewal(id) => write!(f, "a renewal of `{id}`"),
            Fact::Activity(label) => write!(f, "the activity `{label}`"),
        }
    }
}

impl fmt::Display for Warning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::AfterAsOf { fact, on, as_of } => write!(
                f,
                "{fact} is dated {on}, after the as-of date {as_of}; it is not counted"
            ),
            Warning::RolesOverlap {
                first,
                second,
                from,
                to,
            } => write!(
                f,
                "roles `{first}` and `{second}` overlap from {from} to {to}; those days are counted once"
            ),
            Warning::ActivityCategoryUnknown {
                activity,
                on,
                category,
                edition,
                certification,
            } => write!(
                f,
                "the activity `{activity}` on {on} is in category `{category}`, which edition `{edition}` of the `{certification}` rules does not define; it is not counted"
            ),
            Warning::ActivityBeforeEarned {
                activity,
                on,
                certification,
                earned,
            } => write!(
                f,
                "the activity `{activity}` on {on} is before `{certification}` was earned ({earned}), outside every cycle; it is not counted"
            ),
            Warning::ActivityNotHeld {
                activity,
                on,
                certification,
            } => write!(
                f,
                "the activity `{activity}` on {on} counts towards `{certification}`, which the profile does not hold; it is not counted"
            ),
            Warning::RenewalOutsideWindow {
                certification,
                on,
                opens,
                closes,
            } => write!(
                f,
                "`{certification}`: renewal recorded on {on} is outside its window ({opens} to {closes}); it is counted all the same"
            ),
            Warning::ExamNotOffered {
                exam,
                passed,
                from,
                to,
            } => {
                write!(
                    f,
                    "exam `{exam}` passed on {passed} but it was offered only "
                )?;
                match (from, to) {
                    (Some(a), Some(b)) => write!(f, "from {a} to {b}")?,
                    (Some(a), None) => write!(f, "from {a}")?,
                    (None, Some(b)) => write!(f, "until {b}")?,
                    (None, None) => {}
                }
                f.write_str("; it is counted all the same")
            }
            Warning::ExamNotInEdition {
                exam,
                passed,
                certification,
                edition,
            } => write!(
                f,
                "exam `{exam}` passed on {passed} is defined by another edition of the `{certification}` rules, not by edition `{edition}`, which judges it; it counts for no exam path"
            ),
            Warning::EducationTagUnknown {
                tag,
                level,
                suggestion,
            } => {
                write!(
                    f,
                    "the tag `{tag}` on the {} degree is asked for by no loaded rule; it has no effect",
                    level.id()
                )?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => Ok(()),
                }
            }
            Warning::RoleTagUnknown {
                tag,
                role,
                suggestion,
            } => {
                write!(
                    f,
                    "the tag `{tag}` on the role `{role}` is asked for by no loaded rule; it has no effect"
                )?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => Ok(()),
                }
            }
            Warning::ActivityInRenewedGrace {
                activity,
                on,
                certification,
                cycle_end,
                grace_until,
            } => write!(
                f,
                "the activity `{activity}` on {on} is in the grace period after the `{certification}` cycle that ended on {cycle_end} (up to {grace_until}), a cycle already renewed; the rules count a grace period's units towards the cycle before it, so it does not count towards the current cycle"
            ),
            Warning::MonthDateDecides {
                certification,
                dates,
                status,
                other,
            } => {
                f.write_str("give the exact day of ")?;
                for (i, d) in dates.iter().enumerate() {
                    match i {
                        0 => {}
                        _ if i + 1 == dates.len() => f.write_str(" and ")?,
                        _ => f.write_str(", ")?,
                    }
                    f.write_str(d)?;
                }
                let (it, them) = if dates.len() == 1 {
                    ("it decides", "that date")
                } else {
                    ("they decide", "those dates")
                };
                let (status, other) = (status.id(), other.id());
                write!(
                    f,
                    ": {it} whether `{certification}` is {status} or {other} ({status} as read to the month, {other} with {them} at the other end of the month)"
                )
            }
            #[cfg(test)]
            Warning::Text(text) => f.write_str(text),
        }
    }
}

/// As its sentence: the JSON report's `warnings` are strings.
impl Serialize for Warning<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn sentences_are_the_reports() {
        let (a, b) = (date(2026, 1, 2), date(2026, 3, 4));
        let mut cases: Vec<(Warning, &str)> = vec![
            (
                Warning::AfterAsOf {
                    fact: Fact::Training(None),
                    on: b,
                    as_of: a,
                },
                "the training `(untitled)` is dated 2026-03-04, after the as-of date 2026-01-02; it is not counted",
            ),
            (
                Warning::AfterAsOf {
                    fact: Fact::Degree(Level::Bachelor),
                    on: b,
                    as_of: a,
                },
                "the bachelor degree is dated 2026-03-04, after the as-of date 2026-01-02; it is not counted",
            ),
            (
                Warning::ExamNotOffered {
                    exam: "cpim-1",
                    passed: a,
                    from: None,
                    to: Some(b),
                },
                "exam `cpim-1` passed on 2026-01-02 but it was offered only until 2026-03-04; it is counted all the same",
            ),
            (
                Warning::ExamNotInEdition {
                    exam: "cpim",
                    passed: a,
                    certification: "cpim",
                    edition: "2013",
                },
                "exam `cpim` passed on 2026-01-02 is defined by another edition of the `cpim` rules, not by edition `2013`, which judges it; it counts for no exam path",
            ),
            (
                Warning::EducationTagUnknown {
                    tag: "gac-acredited".into(),
                    level: Level::Bachelor,
                    suggestion: Some("gac-accredited"),
                },
                "the tag `gac-acredited` on the bachelor degree is asked for by no loaded rule; it has no effect (did you mean `gac-accredited`?)",
            ),
            (
                Warning::EducationTagUnknown {
                    tag: "honours".into(),
                    level: Level::Master,
                    suggestion: None,
                },
                "the tag `honours` on the master degree is asked for by no loaded rule; it has no effect",
            ),
        ];
        cases.push((
            Warning::RoleTagUnknown {
                tag: "project-leadrship".into(),
                role: "PM at Acme".into(),
                suggestion: Some("project-leadership"),
            },
            "the tag `project-leadrship` on the role `PM at Acme` is asked for by no loaded rule; it has no effect (did you mean `project-leadership`?)",
        ));
        cases.push((
            Warning::ActivityInRenewedGrace {
                activity: "Agile course".into(),
                on: a,
                certification: "pmp",
                cycle_end: date(2025, 12, 1),
                grace_until: date(2026, 12, 1),
            },
            "the activity `Agile course` on 2026-01-02 is in the grace period after the `pmp` cycle that ended on 2025-12-01 (up to 2026-12-01), a cycle already renewed; the rules count a grace period's units towards the cycle before it, so it does not count towards the current cycle",
        ));
        for (w, text) in cases {
            assert_eq!(w.to_string(), text);
            assert_eq!(serde_json::to_string(&w).ok(), Some(format!("\"{text}\"")));
        }
    }
}
