//! The one line a person reads under a requirement ("5 m of 10 y counted;
//! 9 y 7 m short").
//!
//! Most summaries say in words what the requirement's [`Detail`] says in
//! figures, so they are written from the detail when they are shown (the
//! text and HTML reports, the JSON report, a roster's shortfall), not when
//! the requirement is judged: a roster of 100,000 profiles shows few of
//! them as text, and writes the JSON ones straight into its output.

use std::fmt::{self, Display};

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Detail, ExamPathResult, RequirementResult, Status};
use crate::dates::{Date, DaysPhrase, MonthsPhrase, Ymd, shortfall_months};
use crate::rules::model::Level;
use crate::units::{Units, unit_word};

/// How a requirement's summary is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Summary<'r> {
    /// Written when the requirement was judged.
    Text(String),
    /// An experience requirement of `months` months (before any waiver),
    /// told from its [`Detail::Experience`].
    Experience { months: u32 },
    /// A count of completed projects (`affidavit`: only those with a
    /// signed affidavit), told from its [`Detail::Projects`].
    Projects { affidavit: bool },
    /// Told from the detail alone: degree, training, certification, exam.
    FromDetail,
    /// A held certification's units (from its [`Detail::Recertification`])
    /// and the rest of the renewal's figures: `unit`, the requirement
    /// before any catch-up (`base`) and the catch-up (`late`), the units
    /// still `needed` and the day they are needed `by`, and the minimums
    /// not met ([`super::Renewal::unmet_minimums`]).
    Recertification {
        unit: &'r str,
        base: Units,
        late: Units,
        needed: Units,
        by: Date,
        /// `by` is before the day judged: units can no longer be added.
        past: bool,
        minimums: Vec<String>,
    },
}

impl From<String> for Summary<'_> {
    fn from(s: String) -> Self {
        Summary::Text(s)
    }
}

impl From<&str> for Summary<'_> {
    fn from(s: &str) -> Self {
        Summary::Text(s.to_string())
    }
}

impl RequirementResult<'_> {
    /// The one-line summary: the figures behind the mark, in words.
    pub fn summary(&self) -> String {
        self.summary_display().to_string()
    }

    /// [`RequirementResult::summary`], written into a formatter without
    /// building the string first.
    pub fn summary_display(&self) -> impl fmt::Display + '_ {
        Written(self)
    }
}

struct Written<'a>(&'a RequirementResult<'a>);

// The summaries are written piece by piece, with `write_str` and the
// pieces' own `fmt`, not with `write!`: a screening writes hundreds of
// thousands of them, and the formatting machinery was most of their cost.

/// A whole number, without the formatting machinery.
fn num(f: &mut fmt::Formatter<'_>, n: impl itoa::Integer) -> fmt::Result {
    f.write_str(itoa::Buffer::new().format(n))
}

impl fmt::Display for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = self.0;
        if let Some(c) = q.met_by {
            f.write_str("met by holding `")?;
            f.write_str(c)?;
            return f.write_str("`");
        }
        self.own(f)?;
        if !q.met && !q.met_by_any.is_empty() {
            f.write_str("; or hold ")?;
            for (i, c) in q.met_by_any.iter().enumerate() {
                if i > 0 {
                    f.write_str(" or ")?;
                }
                f.write_str("`")?;
                f.write_str(c)?;
                f.write_str("`")?;
            }
        }
        Ok(())
    }
}

impl Written<'_> {
    /// The requirement's own figures, in words.
    fn own(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = self.0;
        match (&q.summary, &q.detail) {
            (Summary::Text(s), _) => f.write_str(s),
            (
                Summary::Experience { months },
                Detail::Experience {
                    waived_months,
                    waiver_level,
                    window_from,
                    counted_months: Some(counted),
                    required_months: Some(required),
                    ..
                },
            ) => calendar_months(
                f,
                *months,
                (*counted, *required),
                waiver_level.map(|l| (*waived_months, l)),
                *window_from,
            ),
            (
                Summary::Experience { months },
                Detail::Experience {
                    counted_days,
                    required_days,
                    waived_months,
                    waiver_level,
                    window_from,
                    ..
                },
            ) => experience(
                f,
                *months,
                (*counted_days, *required_days),
                waiver_level.map(|l| (*waived_months, l)),
                *window_from,
            ),
            (Summary::Projects { affidavit }, Detail::Projects { counted, required }) => {
                projects(f, *counted, *required, *affidavit)
            }
            (
                Summary::FromDetail,
                Detail::Degree {
                    required,
                    tags,
                    highest,
                },
            ) => degree(f, *required, tags, *highest),
            (
                Summary::FromDetail,
                Detail::Training {
                    hours_counted,
                    hours_required,
                },
            ) => training(f, *hours_counted, *hours_required),
            (Summary::FromDetail, Detail::Certification { id, status }) => {
                certification(f, id, *status)
            }
            (Summary::FromDetail, Detail::Exam { paths, .. }) => exam(f, paths),
            (
                Summary::Recertification {
                    unit,
                    base,
                    late,
                    needed,
                    by,
                    past,
                    minimums,
                },
                Detail::Recertification {
                    units_counted,
                    units_required,
                },
            ) => {
                units_of(f, *units_counted, *units_required, unit, *base, *late)?;
                still_needed(f, *needed, *by, *past, minimums)
            }
            // A summary kind made for another detail: nothing to say.
            _ => Ok(()),
        }
    }
}

/// "5 y 2 m of 10 y counted, 4 y waived for a bachelor's degree, so 6 y
/// needed (in the window from 2018-11-26); 10 m short": the
/// counted months rounded down, the shortfall up; `days` are
/// (counted, required), `waiver` the months waived and the degree.
fn experience(
    f: &mut fmt::Formatter<'_>,
    months: u32,
    (counted_days, required_days): (i64, i64),
    waiver: Option<(u32, Level)>,
    window_from: Option<Date>,
) -> fmt::Result {
    // Counted rounded down, short rounded up: the two add up to the
    // requirement ("7 y 10 m of 8 y; 2 m short"). The days are the
    // detail's (`counted_days`, `required_days`): the text report says
    // them on a line of their own.
    let (counted_months, short_months) = shortfall_months(counted_days, required_days);
    if counted_months == 0 {
        DaysPhrase(counted_days).fmt(f)?;
    } else {
        MonthsPhrase(u32::try_from(counted_months).unwrap_or(u32::MAX)).fmt(f)?;
    }
    f.write_str(" of ")?;
    MonthsPhrase(months).fmt(f)?;
    f.write_str(" counted")?;
    if let Some((waived_months, level)) = waiver {
        f.write_str(", ")?;
        MonthsPhrase(waived_months).fmt(f)?;
        f.write_str(" waived for ")?;
        f.write_str(level.phrase())?;
        f.write_str(", so ")?;
        MonthsPhrase(months.saturating_sub(waived_months)).fmt(f)?;
        f.write_str(" needed")?;
    }
    if let Some(w) = window_from {
        f.write_str(" (in the window from ")?;
        Ymd(w).fmt(f)?;
        f.write_str(")")?;
    }
    if short_months > 0 {
        f.write_str("; ")?;
        MonthsPhrase(u32::try_from(short_months).unwrap_or(u32::MAX)).fmt(f)?;
        f.write_str(" short")?;
    }
    Ok(())
}

/// "34 of 36 calendar months counted (in the window from 2018-03-16); 2
/// months short", with the waiver as for days: `months` are (counted,
/// required after the waiver).
fn calendar_months(
    f: &mut fmt::Formatter<'_>,
    months: u32,
    (counted, required): (u32, u32),
    waiver: Option<(u32, Level)>,
    window_from: Option<Date>,
) -> fmt::Result {
    num(f, counted)?;
    f.write_str(" of ")?;
    num(f, months)?;
    f.write_str(" calendar months counted")?;
    if let Some((waived_months, level)) = waiver {
        f.write_str(", ")?;
        num(f, waived_months)?;
        f.write_str(if waived_months == 1 {
            " month waived for "
        } else {
            " months waived for "
        })?;
        f.write_str(level.phrase())?;
        f.write_str(", so ")?;
        num(f, required)?;
        f.write_str(" needed")?;
    }
    if let Some(w) = window_from {
        f.write_str(" (in the window from ")?;
        Ymd(w).fmt(f)?;
        f.write_str(")")?;
    }
    if counted < required {
        let short = required - counted;
        f.write_str("; ")?;
        num(f, short)?;
        f.write_str(if short == 1 {
            " month short"
        } else {
            " months short"
        })?;
    }
    Ok(())
}

/// "1 of 2 completed projects (with a signed affidavit)"
fn projects(
    f: &mut fmt::Formatter<'_>,
    counted: u32,
    required: u32,
    affidavit: bool,
) -> fmt::Result {
    num(f, counted)?;
    f.write_str(" of ")?;
    num(f, required)?;
    f.write_str(if affidavit {
        " completed projects with a signed affidavit"
    } else {
        " completed projects"
    })
}

/// "a bachelor's degree or higher: holds a master's degree"; with tags
/// "a bachelor's degree or higher tagged `gac-accredited` needed; none
/// completed with that tag".
fn degree(
    f: &mut fmt::Formatter<'_>,
    required: Level,
    tags: &[&str],
    highest: Option<Level>,
) -> fmt::Result {
    f.write_str(required.phrase())?;
    if !tags.is_empty() {
        f.write_str(" or higher tagged ")?;
        for (i, t) in tags.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            f.write_str("`")?;
            f.write_str(t)?;
            f.write_str("`")?;
        }
        return match highest {
            Some(h) if h >= required => {
                f.write_str(": holds ")?;
                f.write_str(h.phrase())
            }
            Some(h) => {
                f.write_str(" needed; highest completed with the tags is ")?;
                f.write_str(h.phrase())
            }
            None => f.write_str(" needed; none completed with the tags"),
        };
    }
    match highest {
        Some(h) if h >= required => {
            f.write_str(" or higher: holds ")?;
            f.write_str(h.phrase())
        }
        Some(h) => {
            f.write_str(" or higher needed; highest completed is ")?;
            f.write_str(h.phrase())
        }
        None => f.write_str(" or higher needed; none completed"),
    }
}

/// "10.8 of 35 training hours completed, 24.2 still needed"
fn training(f: &mut fmt::Formatter<'_>, counted: Units, required: Units) -> fmt::Result {
    counted.fmt(f)?;
    f.write_str(" of ")?;
    required.fmt(f)?;
    f.write_str(" training ")?;
    f.write_str(unit_word(required, "hours"))?;
    f.write_str(" completed")?;
    if counted < required {
        f.write_str(", ")?;
        (required - counted).fmt(f)?;
        f.write_str(" still needed")?;
    }
    Ok(())
}

/// "`cqe` held (grace)", "`cqe` not held"
fn certification(f: &mut fmt::Formatter<'_>, id: &str, status: Option<Status>) -> fmt::Result {
    f.write_str("`")?;
    f.write_str(id)?;
    match status {
        Some(st) => {
            f.write_str("` held (")?;
            f.write_str(st.id())?;
            f.write_str(")")
        }
        None => f.write_str("` not held"),
    }
}

/// "57.5 of 75 points counted", with the catch-up for the years since the
/// cycle's end where there is one: "(18 and 9 for the years since the
/// cycle's end)".
fn units_of(
    f: &mut fmt::Formatter<'_>,
    counted: Units,
    required: Units,
    unit: &str,
    base: Units,
    late: Units,
) -> fmt::Result {
    counted.fmt(f)?;
    f.write_str(" of ")?;
    required.fmt(f)?;
    f.write_str(" ")?;
    f.write_str(unit_word(required, unit))?;
    f.write_str(" counted")?;
    if late.is_positive() {
        f.write_str(" (")?;
        base.fmt(f)?;
        f.write_str(" and ")?;
        late.fmt(f)?;
        f.write_str(" for the years since the cycle's end)")?;
    }
    Ok(())
}

/// ", 17.5 still needed by 2026-07-31; minimums: …" (each part only where
/// there is something to say); once `by` is past (`past`), ", 17.5 short
/// (only units dated by 2026-07-31 count)".
fn still_needed(
    f: &mut fmt::Formatter<'_>,
    needed: Units,
    by: Date,
    past: bool,
    minimums: &[String],
) -> fmt::Result {
    if needed.is_positive() {
        f.write_str(", ")?;
        needed.fmt(f)?;
        if past {
            f.write_str(" short (only units dated by ")?;
            Ymd(by).fmt(f)?;
            f.write_str(" count)")?;
        } else {
            f.write_str(" still needed by ")?;
            Ymd(by).fmt(f)?;
        }
    }
    for (i, m) in minimums.iter().enumerate() {
        f.write_str(if i == 0 { "; minimums: " } else { ", " })?;
        f.write_str(m)?;
    }
    Ok(())
}

/// The exam requirement: the path passed, else the most advanced path
/// still open (else the first), what is passed and what is left.
fn exam(f: &mut fmt::Formatter<'_>, paths: &[ExamPathResult]) -> fmt::Result {
    if let Some(p) = paths.iter().find(|p| p.met) {
        f.write_str(p.name)?;
        f.write_str(": passed ")?;
        return Passes(p).fmt(f);
    }
    let best = paths
        .iter()
        .filter(|p| p.open && p.withdrawn.is_empty() && p.window_ok)
        .max_by_key(|p| p.passed.len())
        .or_else(|| paths.iter().find(|p| p.open))
        .or(paths.first());
    let Some(p) = best else {
        return f.write_str("no exam path passed");
    };
    let missing = |f: &mut fmt::Formatter<'_>, sep: &str| {
        for (i, m) in p.missing.iter().enumerate() {
            if i > 0 {
                f.write_str(sep)?;
            }
            f.write_str("`")?;
            f.write_str(m)?;
            f.write_str("`")?;
        }
        Ok(())
    };
    f.write_str(p.name)?;
    if p.passed.is_empty() {
        f.write_str(": still to pass ")?;
        return missing(f, " and ");
    }
    f.write_str(": passed ")?;
    Passes(p).fmt(f)?;
    if p.missing.is_empty() {
        // every exam passed, but not within the path's window
        return f.write_str("; the window between the passes was missed");
    }
    f.write_str("; still to pass ")?;
    missing(f, ", ")?;
    if let Some(dl) = p.deadline {
        f.write_str(" by ")?;
        Ymd(dl).fmt(f)?;
    }
    Ok(())
}

/// "`cpim-part-1` on 2022-03-01, `cpim-part-2` on 2023-01-10"
struct Passes<'a>(&'a ExamPathResult<'a>);

impl fmt::Display for Passes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.passed.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str("`")?;
            f.write_str(&p.id)?;
            f.write_str("` on ")?;
            Ymd(p.passed).fmt(f)?;
        }
        Ok(())
    }
}

impl ExamPathResult<'_> {
    /// "`cpim-part-1` on 2022-03-01, `cpim-part-2` on 2023-01-10"
    pub fn passes_phrase(&self) -> String {
        Passes(self).to_string()
    }
}

impl Serialize for RequirementResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RequirementResult", 7)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("met", &self.met)?;
        s.serialize_field("summary", &Collected(self))?;
        s.serialize_field("met_on", &self.met_on)?;
        s.serialize_field("detail", &self.detail)?;
        s.serialize_field("met_by", &self.met_by)?;
        s.end()
    }
}

/// The summary as a JSON string, written without building it first.
struct Collected<'a>(&'a RequirementResult<'a>);

impl Serialize for Collected<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&Written(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::Status;
    use crate::rules::model::Level;
    use crate::units::Units;

    fn said(summary: Summary, detail: Detail) -> String {
        let q = RequirementResult {
            met_by: None,
            met_by_any: &[],
            id: "x",
            name: "X",
            met: false,
            summary,
            met_on: None,
            detail,
        };
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["summary"], q.summary(), "the JSON says the same");
        q.summary()
    }

    fn months(counted: u32, required: u32, waived: u32, window: bool) -> Detail<'static> {
        Detail::Experience {
            counted_days: 0,
            required_days: 0,
            base_required_days: 0,
            waived_months: waived,
            waiver_level: (waived > 0).then_some(Level::Bachelor),
            window_from: window.then(|| date(2018, 6, 16)),
            counting: crate::rules::model::Counting::CalendarMonths,
            counted_months: Some(counted),
            required_months: Some(required),
            roles: vec![],
        }
    }

    #[test]
    fn calendar_months_in_months() {
        let s = Summary::Experience { months: 36 };
        assert_eq!(
            said(s.clone(), months(34, 36, 0, true)),
            "34 of 36 calendar months counted (in the window from 2018-06-16); 2 months short"
        );
        assert_eq!(
            said(s.clone(), months(35, 36, 0, false)),
            "35 of 36 calendar months counted; 1 month short"
        );
        assert_eq!(
            said(s, months(20, 12, 24, false)),
            "20 of 36 calendar months counted, 24 months waived for a bachelor's degree, so 12 needed"
        );
    }

    #[test]
    fn met_by_a_certification_and_the_alternatives() {
        let alternatives = ["capm".to_string(), "pgmp".to_string()];
        let training = Detail::Training {
            hours_counted: Units::ZERO,
            hours_required: "35".parse().unwrap(),
        };
        let mut q = RequirementResult {
            met_by: Some("capm"),
            met_by_any: &alternatives,
            id: "training",
            name: "Training",
            met: true,
            summary: Summary::FromDetail,
            met_on: None,
            detail: training,
        };
        assert_eq!(q.summary(), "met by holding `capm`");
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["met_by"], "capm");
        assert_eq!(json["summary"], "met by holding `capm`");
        q.met_by = None;
        q.met = false;
        assert_eq!(
            q.summary(),
            "0 of 35 training hours completed, 35 still needed; or hold `capm` or `pgmp`"
        );
        assert_eq!(
            serde_json::to_value(&q).unwrap()["met_by"],
            serde_json::Value::Null
        );
    }

    fn experience(counted: i64, required: i64, waived: u32, window: bool) -> Detail<'static> {
        Detail::Experience {
            counted_months: None,
            counting: crate::rules::model::Counting::Days,
            required_months: None,
            roles: vec![],
            counted_days: counted,
            required_days: required,
            base_required_days: 3652,
            waived_months: waived,
            waiver_level: (waived > 0).then_some(Level::Bachelor),
            window_from: window.then(|| date(2016, 11, 26)),
        }
    }

    #[test]
    fn training_hours_are_pluralised_right() {
        let training = |counted: &str, required: &str| Detail::Training {
            hours_counted: counted.parse().unwrap(),
            hours_required: required.parse().unwrap(),
        };
        assert_eq!(
            said(Summary::FromDetail, training("0.5", "1")),
            "0.5 of 1 training hour completed, 0.5 still needed"
        );
        assert_eq!(
            said(Summary::FromDetail, training("1", "0.5")),
            "1 of 0.5 training hours completed"
        );
    }

    /// Counted rounded down, short rounded up: "7 y 10 m of 8 y; 2 m
    /// short", never "1 m short" (issue 15).
    #[test]
    fn experience_shortfalls_add_up() {
        let months = Summary::Experience { months: 96 };
        let required = crate::dates::days_for_months(96);
        let counted = crate::dates::days_for_months(94) + 1;
        assert_eq!(
            said(months.clone(), experience(counted, required, 0, false)),
            "7 y 10 m of 8 y counted; 2 m short"
        );
        assert_eq!(
            said(months.clone(), experience(required - 1, required, 0, false)),
            "7 y 11 m of 8 y counted; 1 m short"
        );
        assert_eq!(
            said(months, experience(required, required, 0, false)),
            "8 y of 8 y counted"
        );
    }

    #[test]
    fn experience_in_years_months_and_days() {
        let months = Summary::Experience { months: 120 };
        assert_eq!(
            said(months.clone(), experience(173, 3652, 0, false)),
            "5 m of 10 y counted; 9 y 7 m short"
        );
        assert_eq!(
            said(months.clone(), experience(3000, 2922, 24, false)),
            "8 y 2 m of 10 y counted, 2 y waived for a bachelor's degree, so 8 y needed"
        );
        assert_eq!(
            said(months, experience(12, 3652, 0, true)),
            "12 d of 10 y counted (in the window from 2016-11-26); 10 y short"
        );
    }

    #[test]
    fn degree_training_projects_certification() {
        let degree = |highest| Detail::Degree {
            tags: vec![],
            required: Level::Bachelor,
            highest,
        };
        assert_eq!(
            said(Summary::FromDetail, degree(Some(Level::Master))),
            "a bachelor's degree or higher: holds a master's degree"
        );
        assert_eq!(
            said(Summary::FromDetail, degree(Some(Level::Associate))),
            "a bachelor's degree or higher needed; highest completed is an associate degree"
        );
        assert_eq!(
            said(Summary::FromDetail, degree(None)),
            "a bachelor's degree or higher needed; none completed"
        );
        let training = |counted: &str| Detail::Training {
            hours_counted: counted.parse::<Units>().unwrap(),
            hours_required: "35".parse().unwrap(),
        };
        assert_eq!(
            said(Summary::FromDetail, training("12.5")),
            "12.5 of 35 training hours completed, 22.5 still needed"
        );
        assert_eq!(
            said(Summary::FromDetail, training("40")),
            "40 of 35 training hours completed"
        );
        let projects = Detail::Projects {
            counted: 1,
            required: 2,
        };
        assert_eq!(
            said(Summary::Projects { affidavit: true }, projects.clone()),
            "1 of 2 completed projects with a signed affidavit"
        );
        assert_eq!(
            said(Summary::Projects { affidavit: false }, projects),
            "1 of 2 completed projects"
        );
        let cert = |status| Detail::Certification { id: "cqe", status };
        assert_eq!(
            said(Summary::FromDetail, cert(Some(Status::Grace))),
            "`cqe` held (grace)"
        );
        assert_eq!(said(Summary::FromDetail, cert(None)), "`cqe` not held");
        assert_eq!(
            said("written when judged".into(), cert(None)),
            "written when judged"
        );
    }

    fn path<'a>(
        id: &'a str,
        passed: &[(&str, Date)],
        missing: &[&'a str],
        open: bool,
    ) -> ExamPathResult<'a> {
        ExamPathResult {
            // (leaked: a test's few bytes; a report borrows names from rules)
            name: Box::leak(format!("Path {id}").into_boxed_str()),
            deadline: (!passed.is_empty() && !missing.is_empty()).then(|| date(2027, 3, 1)),
            window_ok: open,
            ..crate::eval::fixtures::exam_path_passing(id, passed, missing)
        }
    }

    fn exam(paths: Vec<ExamPathResult>) -> String {
        let met_path = paths.iter().find(|p| p.met).map(|p| p.id);
        said(Summary::FromDetail, Detail::Exam { met_path, paths })
    }

    use crate::dates::Date;

    #[test]
    fn exam_names_the_path_passed_or_the_most_advanced_open_one() {
        let d1 = date(2024, 3, 1);
        let d2 = date(2025, 1, 10);
        assert_eq!(
            exam(vec![
                path("a", &[("p1", d1)], &["p2"], true),
                path("b", &[("p1", d1), ("p2", d2)], &[], true),
            ]),
            "Path b: passed `p1` on 2024-03-01, `p2` on 2025-01-10"
        );
        assert_eq!(
            exam(vec![path("a", &[], &["p1", "p2"], true)]),
            "Path a: still to pass `p1` and `p2`"
        );
        // the most passes wins; among equals, the last path
        assert_eq!(
            exam(vec![
                path("a", &[("p1", d1)], &["p2"], true),
                path("b", &[("q1", d2)], &["q2", "q3"], true),
                path("c", &[], &["r1"], true),
            ]),
            "Path b: passed `q1` on 2025-01-10; still to pass `q2`, `q3` by 2027-03-01"
        );
        // a path whose window was missed is not offered while another is open
        assert_eq!(
            exam(vec![
                path("a", &[("p1", d1)], &["p2"], false),
                path("b", &[], &["q1"], true),
            ]),
            "Path b: still to pass `q1`"
        );
        // none open: the first
        assert_eq!(
            exam(vec![
                path("a", &[("p1", d1)], &["p2"], false),
                path("b", &[], &["q1"], false),
            ]),
            "Path a: passed `p1` on 2024-03-01; still to pass `p2` by 2027-03-01"
        );
        // every exam of the only path passed, outside its window: nothing
        // is "still to pass", the window is what failed
        assert_eq!(
            exam(vec![ExamPathResult {
                met: false,
                ..path("a", &[("p1", d1), ("p2", d2)], &[], false)
            }]),
            "Path a: passed `p1` on 2024-03-01, `p2` on 2025-01-10; the window between the passes was missed"
        );
        assert_eq!(exam(vec![]), "no exam path passed");
    }
}

#[cfg(test)]
mod renewal_tests {
    use super::*;
    use crate::dates::date;

    fn said(counted: &str, required: &str, summary: Summary) -> String {
        RequirementResult {
            met_by: None,
            met_by_any: &[],
            id: "recertification",
            name: "Recertification",
            met: false,
            summary,
            met_on: None,
            detail: Detail::Recertification {
                units_counted: counted.parse().unwrap(),
                units_required: required.parse().unwrap(),
            },
        }
        .summary()
    }

    fn recert(late: &str, needed: &str, minimums: &[&str]) -> Summary<'static> {
        Summary::Recertification {
            unit: "RU",
            base: "18".parse().unwrap(),
            late: late.parse().unwrap(),
            needed: needed.parse().unwrap(),
            by: date(2027, 10, 15),
            past: false,
            minimums: minimums.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn one_unit_is_singular() {
        let mut one_pdu = recert("0", "0.5", &[]);
        if let Summary::Recertification { unit, base, .. } = &mut one_pdu {
            *unit = "PDUs";
            *base = "1".parse().unwrap();
        }
        assert_eq!(
            said("0.5", "1", one_pdu.clone()),
            "0.5 of 1 PDU counted, 0.5 still needed by 2027-10-15"
        );
        if let Summary::Recertification { base, needed, .. } = &mut one_pdu {
            *base = "1.5".parse().unwrap();
            *needed = "1".parse().unwrap();
        }
        assert_eq!(
            said("0.5", "1.5", one_pdu),
            "0.5 of 1.5 PDUs counted, 1 still needed by 2027-10-15"
        );
    }

    #[test]
    fn recertification_says_units_catch_up_deadline_and_minimums() {
        assert_eq!(
            said("18.5", "18", recert("0", "0", &[])),
            "18.5 of 18 RU counted"
        );
        assert_eq!(
            said(
                "8.5",
                "18",
                recert("0", "9.5", &["2 more in `power-skills`", "1 more in `x`"])
            ),
            "8.5 of 18 RU counted, 9.5 still needed by 2027-10-15; minimums: 2 more in `power-skills`, 1 more in `x`"
        );
        assert_eq!(
            said("20", "24", recert("6", "4", &[])),
            "20 of 24 RU counted (18 and 6 for the years since the cycle's end), 4 still needed by 2027-10-15"
        );
        // after the last day whose units count: what was short, not a
        // date in the past to aim for
        let mut past = recert("0", "8", &[]);
        if let Summary::Recertification { past: p, .. } = &mut past {
            *p = true;
        }
        assert_eq!(
            said("10", "18", past),
            "10 of 18 RU counted, 8 short (only units dated by 2027-10-15 count)"
        );
    }
}
