//! Questions asked on a terminal (`init`; later `add` and the importers):
//! a question on the output, an answer from the input, asked again with the
//! reason until it is usable. The end of the input ends the questions.

use std::io::{self, BufRead, Write};

use std::fmt;

use crate::dates::{Date, parse_date};
use crate::error::did_you_mean;
use crate::profile::model::MonthField;

pub struct Prompter<'a> {
    input: &'a mut dyn BufRead,
    output: &'a mut dyn Write,
}

impl<'a> Prompter<'a> {
    pub fn new(input: &'a mut dyn BufRead, output: &'a mut dyn Write) -> Prompter<'a> {
        Prompter { input, output }
    }

    /// Asks `q`; the trimmed answer, or `None` at the end of the input.
    pub fn line(&mut self, q: &str) -> io::Result<Option<String>> {
        write!(self.output, "{q}: ")?;
        self.output.flush()?;
        let mut s = String::new();
        if self.input.read_line(&mut s)? == 0 {
            writeln!(self.output)?;
            return Ok(None);
        }
        Ok(Some(s.trim().to_string()))
    }
    pub fn say(&mut self, why: &str) -> io::Result<()> {
        writeln!(self.output, "  {why}")
    }

    /// Asks `q` until `check` takes the answer, saying why it did not;
    /// `None` at the end of the input.
    pub fn until<T>(
        &mut self,
        q: &str,
        mut check: impl FnMut(String) -> Result<T, String>,
    ) -> io::Result<Option<T>> {
        while let Some(s) = self.line(q)? {
            match check(s) {
                Ok(v) => return Ok(Some(v)),
                Err(why) => self.say(&why)?,
            }
        }
        Ok(None)
    }
}

pub fn date_answer(s: String) -> Result<Date, String> {
    let date = parse_date(&s).ok_or_else(|| format!("`{s}` is not a date like 2016-09-01"))?;
    if !crate::dates::in_range(date) {
        return Err(format!("`{s}` is outside 0001-01-01 to 9999-12-31"));
    }
    Ok(date)
}

/// A day, or a month where only the month is known (profile.md allows
/// months for role starts and ends, degrees, training, projects, exams
/// passed and certifications earned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOrMonth {
    Day(Date),
    Month(i32, u32),
}

impl DayOrMonth {
    /// The value as a profile writes it: a TOML date, or the string
    /// `"YYYY-MM"`.
    pub fn toml(self) -> String {
        match self {
            DayOrMonth::Day(d) => d.to_string(),
            DayOrMonth::Month(..) => format!("\"{self}\""),
        }
    }

    /// The day the loader reads it as in `field` (semantics.md, "Dates
    /// known only to the month").
    pub fn read(self, field: MonthField) -> Date {
        match self {
            DayOrMonth::Day(d) => d,
            // the answer was checked to be in the calendar
            DayOrMonth::Month(y, m) => field.read(y, m).map_or(crate::dates::FIRST_DAY, |r| r.0),
        }
    }
}

impl fmt::Display for DayOrMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayOrMonth::Day(d) => write!(f, "{d}"),
            DayOrMonth::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

/// A day `YYYY-MM-DD` or a month `YYYY-MM`, from 0001 to 9999.
pub fn day_or_month_answer(s: String) -> Result<DayOrMonth, String> {
    if crate::dates::month_shaped(&s) {
        return match crate::dates::parse_month(&s) {
            Some((y, m)) if y >= 1 && crate::dates::month_first(y, m).is_some() => {
                Ok(DayOrMonth::Month(y, m))
            }
            _ => Err(format!(
                "`{s}` is not a month like 2016-09 (months run from 01 to 12, years from 0001)"
            )),
        };
    }
    date_answer(s).map(DayOrMonth::Day).map_err(|e| {
        if e.contains("is not a date") {
            format!("{e}, or a month like 2016-09")
        } else {
            e
        }
    })
}

/// One of `choices` (ids), without regard to case; Enter gives `None`.
/// Anything else is asked again, with the nearest id.
pub fn choice_answer(s: String, choices: &[&str], what: &str) -> Result<Option<usize>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(i) = choices.iter().position(|c| c.eq_ignore_ascii_case(&s)) {
        return Ok(Some(i));
    }
    Err(
        match did_you_mean(&s.to_lowercase(), choices.iter().copied()) {
            Some(near) => format!("unknown {what} `{s}`: did you mean `{near}`?"),
            None => format!("unknown {what} `{s}`: answer one of {}", choices.join(", ")),
        },
    )
}

/// A yes/no answer: `y`, `yes`, `n`, `no` in any case; Enter gives
/// `default`.
pub fn yes_no(s: String, default: bool) -> Result<bool, String> {
    match s.to_lowercase().as_str() {
        "y" | "yes" => Ok(true),
        "n" | "no" => Ok(false),
        "" => Ok(default),
        _ => Err("answer y or n".to_string()),
    }
}

/// A yes/no answer that may be left open: `y`, `yes`, `n`, `no` in any
/// case; Enter gives `None` (not known, or not now).
pub fn yes_no_open(s: String) -> Result<Option<bool>, String> {
    if s.is_empty() {
        Ok(None)
    } else {
        yes_no(s, false)
            .map(Some)
            .map_err(|_| "answer y or n, or Enter to leave it open".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn an_answered_date_in_year_0_is_asked_again() {
        assert_eq!(
            date_answer("0000-05-01".into()),
            Err("`0000-05-01` is outside 0001-01-01 to 9999-12-31".into())
        );
        assert_eq!(date_answer("0001-05-01".into()), Ok(date(1, 5, 1)));
    }

    #[test]
    fn a_month_is_an_answer_where_a_day_is_not_known() {
        assert_eq!(
            day_or_month_answer("2013-03".into()),
            Ok(DayOrMonth::Month(2013, 3))
        );
        assert_eq!(
            day_or_month_answer("2013-03-09".into()),
            Ok(DayOrMonth::Day(date(2013, 3, 9)))
        );
        assert!(day_or_month_answer("2013-13".into()).is_err());
        assert!(day_or_month_answer("0000-05".into()).is_err());
        assert_eq!(
            day_or_month_answer("March 2013".into()),
            Err("`March 2013` is not a date like 2016-09-01, or a month like 2016-09".into())
        );
        // written as profile.md has it, and read as semantics.md says
        assert_eq!(DayOrMonth::Month(2013, 3).toml(), "\"2013-03\"");
        assert_eq!(DayOrMonth::Day(date(2013, 3, 9)).toml(), "2013-03-09");
        assert_eq!(
            DayOrMonth::Month(2016, 2).read(MonthField::EmploymentStart),
            date(2016, 2, 1)
        );
        assert_eq!(
            DayOrMonth::Month(2016, 2).read(MonthField::ExamsPassed),
            date(2016, 2, 29)
        );
    }

    #[test]
    fn choices_ignore_case_and_suggest() {
        let kinds = ["employee", "contractor", "co-op"];
        assert_eq!(choice_answer("Co-Op".into(), &kinds, "kind"), Ok(Some(2)));
        assert_eq!(choice_answer(String::new(), &kinds, "kind"), Ok(None));
        assert_eq!(
            choice_answer("contracter".into(), &kinds, "kind"),
            Err("unknown kind `contracter`: did you mean `contractor`?".into())
        );
        assert_eq!(
            choice_answer("zzzzzz".into(), &kinds, "kind"),
            Err("unknown kind `zzzzzz`: answer one of employee, contractor, co-op".into())
        );
    }

    #[test]
    fn yes_no_answers() {
        assert_eq!(yes_no("Y".into(), false), Ok(true));
        assert_eq!(yes_no("no".into(), true), Ok(false));
        assert_eq!(yes_no(String::new(), true), Ok(true));
        assert!(yes_no("maybe".into(), true).is_err());
    }

    #[test]
    fn yes_no_open_answers() {
        assert_eq!(yes_no_open("YES".into()), Ok(Some(true)));
        assert_eq!(yes_no_open("n".into()), Ok(Some(false)));
        assert_eq!(yes_no_open(String::new()), Ok(None));
        assert_eq!(
            yes_no_open("later".into()),
            Err("answer y or n, or Enter to leave it open".into())
        );
    }
}
