//! Adding an exam pass to a profile's text (`renew --by-exam --passed`),
//! losslessly: a new `[[exams]]` table at the end of the file, or a new
//! inline table at the end of an inline `exams = [...]` array.

use toml_edit::{Item, Value};

use crate::profile::model::ExamPass;

use super::{Source, TextError, basic_string};

/// `text` with `pass` appended as the last of its `exams`.
pub fn append_exam_pass(text: &str, pass: &ExamPass) -> Result<String, TextError> {
    let src = Source::new(text)?;
    let pairs = [
        format!("id = {}", basic_string(&pass.id)),
        format!("passed = {}", pass.passed),
    ];
    match src.doc.get("exams") {
        None | Some(Item::ArrayOfTables(_)) => Ok(src.append_table("exams", &pairs)),
        Some(Item::Value(Value::Array(array))) => {
            src.insert_into_array(array, &format!("{{ {} }}", pairs.join(", ")))
        }
        Some(_) => Err(TextError(
            "`exams` is neither a list of `[[exams]]` tables nor an array".into(),
        )),
    }
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
