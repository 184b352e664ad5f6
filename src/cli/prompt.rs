//! Questions asked on a terminal (`init`; later `add` and the importers):
//! a question on the output, an answer from the input, asked again with the
//! reason until it is usable. The end of the input ends the questions.

use std::io::{self, BufRead, Write};

use crate::dates::{Date, parse_date};

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
