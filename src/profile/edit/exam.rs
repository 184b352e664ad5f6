//! Adding an exam pass to a profile's text (`renew --by-exam --passed`),
//! losslessly, as `certcheck add` adds any entry.

use crate::profile::model::ExamPass;

use super::{TextError, basic_string};

/// `text` with `pass` appended after the last of its `exams` (see
/// [`super::append_entry`]).
pub fn append_exam_pass(text: &str, pass: &ExamPass) -> Result<String, TextError> {
    super::append_entry(
        text,
        "exams",
        &[
            ("id", basic_string(&pass.id)),
            ("passed", pass.passed.to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn pass() -> ExamPass {
        ExamPass {
            id: "cmq-oe".into(),
            passed: date(2026, 4, 10),
        }
    }

    #[test]
    fn a_table_goes_at_the_end_and_an_inline_array_grows() {
        let text = "name = \"D\" # kept\n\n[[exams]]\nid = \"cqia\"\npassed = 2020-01-02\n";
        assert_eq!(
            append_exam_pass(text, &pass()).unwrap(),
            format!("{text}\n[[exams]]\nid = \"cmq-oe\"\npassed = 2026-04-10\n")
        );
        let text = "name = \"D\"\nexams = [ { id = \"cqia\", passed = 2020-01-02 } ] # kept\r\n";
        assert_eq!(
            append_exam_pass(text, &pass()).unwrap(),
            "name = \"D\"\nexams = [ { id = \"cqia\", passed = 2020-01-02 }, { id = \"cmq-oe\", passed = 2026-04-10 } ] # kept\r\n"
        );
        // none yet
        assert_eq!(
            append_exam_pass("name = \"D\"", &pass()).unwrap(),
            "name = \"D\"\n\n[[exams]]\nid = \"cmq-oe\"\npassed = 2026-04-10\n"
        );
    }
}
