//! Appending one entry of any section (`certcheck add`): the same lossless
//! insertion as [`super::append_activity`], for `[[employment]]`,
//! `[[education]]`, `[[exams]]`, ... The caller gives the keys and their
//! values already written as TOML (`"2016-09"`, `true`, `["a"]`).

use toml_edit::{Item, Table, Value};

use super::{Source, TextError};

/// `text` with a new entry of `section` holding `pairs` (key, TOML value):
///
/// - where the section is a list of `[[section]]` tables, a new table right
///   after the last of them (after its last key's line), so the entries of
///   a section stay together;
/// - where it is an inline array (`exams = [ {...} ]`), a new inline table
///   at the end of that array;
/// - where there is none yet, a new `[[section]]` table at the end of the
///   file.
///
/// Every byte of `text` is kept.
pub fn append_entry(
    text: &str,
    section: &str,
    pairs: &[(&str, String)],
) -> Result<String, TextError> {
    if pairs.is_empty() {
        return Err(TextError(format!("a `[[{section}]]` entry needs a key")));
    }
    let src = Source::new(text)?;
    let eol = src.eol;
    let lines: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    let mut table = format!("[[{section}]]");
    for l in &lines {
        table.push_str(eol);
        table.push_str(l);
    }
    table.push_str(eol);
    match src.doc.get(section) {
        None => Ok(src.append_at_end(&table)),
        Some(Item::ArrayOfTables(tables)) => match tables.iter().last() {
            Some(last) => after_table(&src, last, &table),
            None => Ok(src.append_at_end(&table)),
        },
        Some(Item::Value(Value::Array(array))) => {
            src.insert_into_array(array, &format!("{{ {} }}", lines.join(", ")))
        }
        Some(_) => Err(TextError(format!(
            "`{section}` is neither a list of `[[{section}]]` tables nor an array"
        ))),
    }
}

/// `table` after the line of `last`'s last key, after a blank line.
fn after_table(src: &Source<'_>, last: &Table, table: &str) -> Result<String, TextError> {
    let mut end: Option<usize> = None;
    for (key, item) in last.iter() {
        let span = src.span(item.span(), &format!("`{key}`"))?;
        end = end.max(Some(span.end));
    }
    // a table without keys: nothing to place it after but the end
    let Some(end) = end else {
        return Ok(src.append_at_end(table));
    };
    let at = src.next_line(end);
    let eol = src.eol;
    let lead = if src.body[..at].ends_with('\n') {
        eol.to_string()
    } else {
        format!("{eol}{eol}")
    };
    Ok(src.splice(vec![(at, format!("{lead}{table}"))]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(&'static str, String)> {
        vec![
            ("id", "\"cpim\"".to_string()),
            ("passed", "\"2019-03\"".to_string()),
        ]
    }

    #[test]
    fn a_new_section_goes_at_the_end_after_a_blank_line() {
        let out = append_entry("name = \"Dana\" # me\n", "exams", &pairs()).unwrap();
        assert_eq!(
            out,
            "name = \"Dana\" # me\n\n[[exams]]\nid = \"cpim\"\npassed = \"2019-03\"\n"
        );
        // no final newline, CRLF, a byte-order mark: all kept
        let out = append_entry("\u{feff}name = \"D\"\r\n# end", "exams", &pairs()).unwrap();
        assert_eq!(
            out,
            "\u{feff}name = \"D\"\r\n# end\r\n\r\n[[exams]]\r\nid = \"cpim\"\r\npassed = \"2019-03\"\r\n"
        );
    }

    #[test]
    fn an_entry_goes_right_after_the_last_of_its_section() {
        let text = "name = \"D\"\n\n[[exams]]\nid = \"cmq-oe\"   # first\npassed = 2020-03-14 # day\n\n# Held:\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\n";
        let out = append_entry(text, "exams", &pairs()).unwrap();
        assert_eq!(
            out,
            "name = \"D\"\n\n[[exams]]\nid = \"cmq-oe\"   # first\npassed = 2020-03-14 # day\n\n[[exams]]\nid = \"cpim\"\npassed = \"2019-03\"\n\n# Held:\n[[certifications]]\nid = \"cmq-oe\"\nearned = 2020-04-01\n"
        );
        // the last entry at the very end, without a final newline
        let out = append_entry(
            "[[exams]]\nid = \"a\"\npassed = 2020-01-01",
            "exams",
            &pairs(),
        )
        .unwrap();
        assert_eq!(
            out,
            "[[exams]]\nid = \"a\"\npassed = 2020-01-01\n\n[[exams]]\nid = \"cpim\"\npassed = \"2019-03\"\n"
        );
    }

    #[test]
    fn an_inline_array_gets_an_inline_table() {
        let text = "name = \"D\"\nexams = [\n  { id = \"cmq-oe\", passed = 2020-03-14 },\n]\n";
        let out = append_entry(text, "exams", &pairs()).unwrap();
        assert_eq!(
            out,
            "name = \"D\"\nexams = [\n  { id = \"cmq-oe\", passed = 2020-03-14 },\n  { id = \"cpim\", passed = \"2019-03\" },\n]\n"
        );
        let out = append_entry("exams = []\n", "exams", &pairs()).unwrap();
        assert_eq!(out, "exams = [{ id = \"cpim\", passed = \"2019-03\" }]\n");
    }

    #[test]
    fn a_section_of_another_shape_is_refused() {
        assert!(append_entry("exams = 1\n", "exams", &pairs()).is_err());
        assert!(append_entry("x = 1\n", "exams", &[]).is_err());
    }
}
