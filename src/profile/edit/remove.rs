//! Removing one activity from a profile's text (`activities --remove N`),
//! losslessly: every other byte stays as the user wrote it.
//!
//! - In `[[activities]]` tables, the Nth table goes from its header line to
//!   the end of its last key's line, with the blank lines after it (or, for
//!   the last thing in the file, the blank lines before it). Comment lines
//!   above its header are kept: they may be a heading for what follows, and
//!   a comment above the next entry belongs to that entry.
//! - In an inline array (`activities = [ {...}, {...} ]`), an element on a
//!   line of its own goes with that line (its comment too); otherwise with
//!   the comma and the space up to the next element (the last element: from
//!   the end of the one before it).

use toml_edit::{Item, Value};

use super::{Source, TextError};

/// `text` without its `n`th activity (1-based, in the order of the file).
pub fn remove_activity(text: &str, n: usize) -> Result<String, TextError> {
    let src = Source::new(text)?;
    let missing = || TextError(format!("the profile has no activity number {n}"));
    let i = n.checked_sub(1).ok_or_else(missing)?;
    let (start, end) = match src.doc.get("activities") {
        Some(Item::ArrayOfTables(tables)) => {
            let table = tables.get(i).ok_or_else(missing)?;
            let header = src.span(table.span(), "the activity's header")?;
            let mut body_end = header.end;
            for (key, item) in table.iter() {
                let value = src.span(item.span(), &format!("`{key}`"))?;
                body_end = body_end.max(value.end);
            }
            let mut start = src.line_start(header.start);
            let mut end = src.next_line(body_end);
            while end < src.body.len() && src.is_blank_line(end) {
                end = src.next_line(end);
            }
            if end >= src.body.len() {
                while start > 0 {
                    let before = src.line_start(start - 1);
                    if !src.is_blank_line(before) {
                        break;
                    }
                    start = before;
                }
            }
            (start, end)
        }
        Some(Item::Value(Value::Array(array))) => {
            let this = src.span(array.get(i).ok_or_else(missing)?.span(), "the activity")?;
            let line = src.line_start(this.start);
            let after = src.next_line(this.end);
            let rest = src.body[this.end..after].trim_start_matches([' ', '\t']);
            let rest = rest.strip_prefix(',').unwrap_or(rest).trim();
            let own_line = src.body[line..this.start].trim().is_empty()
                && (rest.is_empty() || rest.starts_with('#'))
                && after <= array.span().map_or(0, |s| s.end);
            if own_line {
                // on a line of its own, comment and all
                return Ok(format!(
                    "{}{}",
                    &text[..line + src.offset],
                    &text[after + src.offset..]
                ));
            }
            match (
                array.get(i + 1),
                i.checked_sub(1).and_then(|p| array.get(p)),
            ) {
                (Some(next), _) => (
                    this.start,
                    src.span(next.span(), "the next activity")?.start,
                ),
                (None, Some(prev)) => (src.span(prev.span(), "the activity before")?.end, this.end),
                (None, None) => (this.start, this.end),
            }
        }
        _ => return Err(missing()),
    };
    let (start, end) = (start + src.offset, end + src.offset);
    Ok(format!("{}{}", &text[..start], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: &str = "name = \"D\"\n\n# my activities\n[[activities]]\ndate = 2024-01-02 # first\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 1\n\n# the seminar\n[[activities]]\ndate = 2024-02-03\n# inside\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 2\n\n[[activities]]\ndate = 2024-03-04\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 3\n";

    #[test]
    fn a_table_goes_with_its_lines_and_the_comments_of_others_stay() {
        assert_eq!(
            remove_activity(TABLES, 2).unwrap(),
            "name = \"D\"\n\n# my activities\n[[activities]]\ndate = 2024-01-02 # first\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 1\n\n# the seminar\n[[activities]]\ndate = 2024-03-04\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 3\n"
        );
        assert_eq!(
            remove_activity(TABLES, 1).unwrap(),
            TABLES.replace("[[activities]]\ndate = 2024-01-02 # first\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 1\n\n", "")
        );
        // the last: the blank line before it goes, the file still ends
        // with the line before
        assert!(remove_activity(TABLES, 3).unwrap().ends_with(
            "# inside\ncertifications = [\"cmq-oe\"]\ncategory = \"employment\"\nunits = 2\n"
        ));
        let crlf = TABLES.replace('\n', "\r\n");
        assert_eq!(
            remove_activity(&crlf, 2).unwrap(),
            remove_activity(TABLES, 2).unwrap().replace('\n', "\r\n")
        );
        assert!(remove_activity(TABLES, 4).is_err());
        assert!(remove_activity(TABLES, 0).is_err());
    }

    #[test]
    fn an_inline_array_loses_one_element() {
        let one_line = "activities = [{ date = 2024-01-02, units = 1 }, { date = 2024-02-03, units = 2 }, {date=2024-03-04,units=3}] # kept\n";
        assert_eq!(
            remove_activity(one_line, 2).unwrap(),
            "activities = [{ date = 2024-01-02, units = 1 }, {date=2024-03-04,units=3}] # kept\n"
        );
        assert_eq!(
            remove_activity(one_line, 3).unwrap(),
            "activities = [{ date = 2024-01-02, units = 1 }, { date = 2024-02-03, units = 2 }] # kept\n"
        );
        let lines =
            "activities = [\n  { date = 2024-01-02 }, # one\n  { date = 2024-02-03 }, # two\n]\n";
        assert_eq!(
            remove_activity(lines, 1).unwrap(),
            "activities = [\n  { date = 2024-02-03 }, # two\n]\n"
        );
        assert_eq!(
            remove_activity(lines, 2).unwrap(),
            "activities = [\n  { date = 2024-01-02 }, # one\n]\n"
        );
        assert_eq!(
            remove_activity("activities = [ { date = 2024-01-02 } ]\n", 1).unwrap(),
            "activities = [  ]\n"
        );
    }
}
