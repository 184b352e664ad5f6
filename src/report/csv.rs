//! The CSV report of `screen`: one row per profile and certification, with
//! a header. Cells are quoted where CSV needs it (RFC 4180), and a cell that
//! a spreadsheet would read as a formula is neutralised with a leading `'`:
//! one beginning with a tab or a carriage return, or whose first character
//! after any leading white space (a space, a line feed, a no-break space…)
//! or invisible format character (a zero-width space, a byte-order mark…) is
//! `=`, `+`, `-`, `@` or one of their full-width forms `＝`, `＋`, `－`,
//! `＠`, which spreadsheets in East Asian locales read as the same signs.

use std::fmt::Write as _;

use super::roster::{RowRef, each_row};
use crate::dates::Ymd;
use crate::scan::needs_csv_quotes;
use crate::screen::Screened;

/// The header line.
pub const HEADER: &str =
    "id,name,source,certification,status,eligible_on,shortfall,cycle_end,units_needed\n";

/// Appends the CSV lines of one screened profile to `out`.
pub fn push_screened(out: &mut String, s: &Screened) {
    each_row(s, |r| push_row(out, &r));
}

/// Appends one CSV line.
pub fn push_row(out: &mut String, r: &RowRef<'_>) {
    // (one scratch text for the cells written from values)
    let mut date_buf = String::new();
    let mut cell_no = 0;
    let mut cell = |out: &mut String, c: &str| {
        if cell_no > 0 {
            out.push(',');
        }
        cell_no += 1;
        push_cell(out, c);
    };
    cell(out, r.id);
    cell(out, r.name);
    cell(out, r.source);
    cell(out, r.certification);
    cell(out, r.status.id());
    for (i, d) in [r.eligible_on, None, r.cycle_end].into_iter().enumerate() {
        date_buf.clear();
        if i == 1 {
            let _ = write!(date_buf, "{}", r.shortfall);
            cell(out, &date_buf);
            continue;
        }
        if let Some(d) = d {
            Ymd(d).push_to(&mut date_buf);
        }
        cell(out, &date_buf);
    }
    date_buf.clear();
    if let Some(u) = r.units_needed {
        let _ = write!(date_buf, "{u}");
    }
    cell(out, &date_buf);
    out.push('\n');
}

/// Whether a spreadsheet could read `cell` as a formula (see the module
/// documentation).
fn is_formula(cell: &str) -> bool {
    match cell.as_bytes().first() {
        None => return false,
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => return true,
        // (most cells: a visible ASCII character first)
        Some(b) if b.is_ascii_graphic() => return false,
        Some(_) => {}
    }
    let rest = cell.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c));
    rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// A character that takes no room: zero-width space, joiners, word joiner,
/// byte-order mark, soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// One cell: neutralised against formula injection, then quoted if needed.
pub fn push_cell(out: &mut String, cell: &str) {
    let formula = is_formula(cell);
    let quote = formula || needs_csv_quotes(cell.as_bytes());
    if !quote {
        out.push_str(cell);
        return;
    }
    out.push('"');
    if formula {
        out.push('\'');
    }
    for (i, part) in cell.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// The cells of a CSV text, for tests: quoted cells unquoted.
#[cfg(test)]
pub(crate) fn parse_line(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(last) = cells.last_mut() {
                    last.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => {
                if let Some(last) = cells.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, s);
        out
    }

    #[test]
    fn plain_cells_are_left_alone() {
        assert_eq!(cell("Dana Whitfield"), "Dana Whitfield");
        assert_eq!(cell(""), "");
        assert_eq!(cell("2027-10-15"), "2027-10-15");
        assert_eq!(cell("9.5"), "9.5");
        assert_eq!(cell("a=b"), "a=b");
    }

    #[test]
    fn cells_are_quoted_where_csv_needs_it() {
        assert_eq!(cell("Whitfield, Dana"), "\"Whitfield, Dana\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            let c = cell(&format!("{lead}1+1"));
            assert!(c.starts_with("\"'"), "{c:?}");
            assert_eq!(parse_line(&c), [format!("'{lead}1+1")]);
        }
    }

    #[test]
    fn formulas_behind_white_space_or_in_full_width_are_neutralised() {
        for c in [
            "\n=1+1",
            " =1+1",
            "\u{a0}=1+1",
            "  \n\u{a0}@SUM(A1)",
            "\u{3000}+1",
            "\u{200b}=1",
            "\u{b}=1",
            "\u{feff}-1",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            " ＝1",
        ] {
            let written = cell(c);
            assert!(written.starts_with("\"'"), "{c:?} gave {written:?}");
            assert_eq!(parse_line(&written), [format!("'{c}")]);
        }
        // white space or an invisible character before ordinary text is
        // no formula
        for c in [" Dana", "\u{a0}x", "\u{200b}y", "a =b", "1＝1"] {
            assert!(!cell(c).starts_with("\"'"), "{c:?}");
        }
    }

    #[test]
    fn parse_line_reads_back_what_push_cell_writes() {
        let cells = ["a", "b,c", "d\"e", "=f", ""];
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            push_cell(&mut line, c);
        }
        assert_eq!(parse_line(&line), ["a", "b,c", "d\"e", "'=f", ""]);
    }

    proptest::proptest! {
        /// Any text reads back as itself (a formula with its quote mark
        /// before it), and is quoted exactly when CSV needs it.
        #[test]
        fn any_cell_reads_back(
            s in "(\\PC|[,\"\n\r\t=+@ \u{a0}\u{3000}\u{200b}＝＋－＠-]){0,24}"
        ) {
            let c = cell(&s);
            let signs = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
            let first = s.chars().find(|&c| {
                !(c.is_whitespace() || ('\u{200b}'..='\u{200f}').contains(&c) || c == '\u{feff}'
                    || c == '\u{ad}' || c == '\u{180e}' || ('\u{2060}'..='\u{2064}').contains(&c))
            });
            let formula = s.starts_with(['\t', '\r']) || first.is_some_and(|c| signs.contains(&c));
            let want = if formula { format!("'{s}") } else { s.clone() };
            proptest::prop_assert_eq!(parse_line(&c), [want]);
            let needs = formula || s.contains([',', '"', '\n', '\r']);
            proptest::prop_assert_eq!(c.starts_with('"'), needs);
        }
    }
}
