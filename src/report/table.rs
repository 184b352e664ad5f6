//! The table report of `screen` (its default): one line per profile and
//! certification, columns aligned, in the order of [`super::roster::table_key`].
//! The shortfall comes last and is not padded, so long ones do not widen
//! the table. Widths and lines are worked out in parallel on the current
//! rayon pool; the text is the same whatever the number of threads.

use std::borrow::{Borrow, Cow};
use std::io::{self, Write};

use rayon::prelude::*;

use super::roster::{RowRef, table_key};
use crate::dates::Ymd;

const HEADERS: [&str; 8] = [
    "STATUS",
    "ID",
    "NAME",
    "CERTIFICATION",
    "ELIGIBLE ON",
    "DEADLINE",
    "SOURCE",
    "SHORTFALL",
];

/// Lines rendered together by one task.
const LINES_PER_TASK: usize = 512;

/// One row's cells, written out (cleaned, dashed, dates spelled) with their
/// widths on the worker that judged the row: the table needs every row
/// before it can pad any, and going back over 200,000 rows scattered over
/// the heap cost more than writing them.
#[derive(Clone, Debug)]
pub struct Line {
    key: (u8, i64),
    /// The cells, one after the other.
    text: String,
    /// Where each cell ends in `text`.
    ends: [u32; 8],
    /// Each cell's width in characters (0 for the shortfall, which is not
    /// padded).
    widths: [u32; 8],
}

impl Line {
    pub fn new(r: &RowRef<'_>) -> Line {
        let cells = cells(r);
        let mut text = String::with_capacity(cells.iter().map(|c| c.len()).sum());
        let mut ends = [0; 8];
        let mut widths = [0; 8];
        // (a profile is at most 8 MiB: its cells are far from 4 GiB)
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            ends[i] = small(text.len());
            if i + 1 < cells.len() {
                widths[i] = small(width(c));
            }
        }
        Line {
            key: table_key(r.status, r.eligible_on, r.deadline),
            text,
            ends,
            widths,
        }
    }

    fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }
}

/// The lines in the table's order (see [`table_key`]), ties in the order
/// given. Sorts small keys, not the lines.
pub fn sorted<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<&'a Line> {
    let mut keyed: Vec<((u8, i64), usize, &Line)> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| (l.key, i, l))
        .collect();
    // (key, place) pairs are all distinct: an unstable sort keeps the order
    keyed.par_sort_unstable_by_key(|(key, i, _)| (*key, *i));
    keyed.into_iter().map(|(_, _, l)| l).collect()
}

/// Writes the lines (in this order) as a table; nothing when there are
/// none.
pub fn write_lines<L: Borrow<Line> + Sync>(lines: &[L], out: &mut dyn Write) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let widths = lines
        .par_iter()
        .map(|l| l.borrow().widths.map(|w| w as usize))
        .reduce(
            || HEADERS.map(width),
            |a, b| std::array::from_fn(|i| a[i].max(b[i])),
        );
    let mut header = String::new();
    push_line(&mut header, HEADERS.iter().map(|h| (*h, width(h))), &widths);
    out.write_all(header.as_bytes())?;
    for block in lines.chunks(LINES_PER_TASK * 16) {
        let texts: Vec<String> = block
            .par_chunks(LINES_PER_TASK)
            .map(|chunk| {
                let mut text = String::with_capacity(chunk.len() * 160);
                for l in chunk {
                    let l = l.borrow();
                    push_line(
                        &mut text,
                        (0..8).map(|i| (l.cell(i), l.widths[i] as usize)),
                        &widths,
                    );
                }
                text
            })
            .collect();
        for t in texts {
            out.write_all(t.as_bytes())?;
        }
    }
    Ok(())
}

/// The cells of one row: "-" for an empty one.
fn cells<'a>(r: &'a RowRef<'_>) -> [Cow<'a, str>; 8] {
    let date = |d: Option<crate::dates::Date>| {
        d.map_or(Cow::Borrowed("-"), |d| Cow::Owned(Ymd(d).to_string()))
    };
    [
        Cow::Borrowed(r.status.id()),
        dash(r.id),
        dash(r.name),
        dash(r.certification),
        date(r.eligible_on),
        date(r.deadline),
        dash(r.source),
        clean(&r.shortfall),
    ]
}

/// Appends one line: every cell (with its width) but the last padded to
/// its column.
fn push_line<'c>(
    out: &mut String,
    cells: impl Iterator<Item = (&'c str, usize)>,
    widths: &[usize; 8],
) {
    let start = out.len();
    for (i, ((c, cw), w)) in cells.zip(widths).enumerate() {
        out.push_str(c);
        if i + 1 < widths.len() {
            let pad = w.saturating_sub(cw) + 2;
            out.extend(std::iter::repeat_n(' ', pad));
        }
    }
    let trimmed = out[start..].trim_end().len();
    out.truncate(start + trimmed);
    out.push('\n');
}

/// A cell's width in characters.
fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn dash(s: &str) -> Cow<'_, str> {
    if s.is_empty() {
        Cow::Borrowed("-")
    } else {
        clean(s)
    }
}

/// A cell on one line: control characters (a newline in a name) become
/// spaces.
fn clean(s: &str) -> Cow<'_, str> {
    // Control characters are U+0000 to U+001F and U+007F to U+009F; in
    // UTF-8 the latter start with the byte 0xC2.
    let maybe = s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
    if maybe && s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{Date, date};
    use crate::eval::Status;
    use crate::report::roster::RowStatus;
    use crate::units::Units;

    /// The rows as a table, in this order.
    fn render(rows: &[RowRef<'_>]) -> String {
        let lines: Vec<Line> = rows.iter().map(Line::new).collect();
        let mut out = Vec::new();
        write_lines(&lines, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn row(
        status: RowStatus,
        eligible_on: Option<Date>,
        deadline: Option<Date>,
        id: &str,
    ) -> RowRef<'_> {
        RowRef {
            id,
            name: "",
            source: "",
            certification: "",
            status,
            eligible_on,
            shortfall: String::new(),
            cycle_end: deadline,
            deadline,
            units_needed: None,
        }
    }

    #[test]
    fn columns_line_up_and_empty_cells_are_dashes() {
        let rows = vec![
            RowRef {
                id: "C-1042",
                name: "Dana Whitfield",
                source: "roster/dana.toml",
                certification: "cmq-oe",
                status: RowStatus::Judged(Status::Certified),
                eligible_on: None,
                shortfall: "Recertification: 8.5 of 18 RU counted".into(),
                cycle_end: Some(date(2027, 10, 15)),
                deadline: Some(date(2027, 10, 15)),
                units_needed: Some(Units::whole(9)),
            },
            RowRef {
                id: "x\ny",
                name: "",
                source: "r.jsonl:2",
                certification: "",
                status: RowStatus::Error,
                eligible_on: None,
                shortfall: "r.jsonl:2:1: invalid JSON: trailing comma".into(),
                cycle_end: None,
                deadline: None,
                units_needed: None,
            },
        ];
        assert_eq!(
            render(&rows),
            "\
STATUS     ID      NAME            CERTIFICATION  ELIGIBLE ON  DEADLINE    SOURCE            SHORTFALL
certified  C-1042  Dana Whitfield  cmq-oe         -            2027-10-15  roster/dana.toml  Recertification: 8.5 of 18 RU counted
error      x y     -               -              -            -           r.jsonl:2         r.jsonl:2:1: invalid JSON: trailing comma
"
        );
        assert_eq!(render(&[]), "");
    }

    #[test]
    fn wide_characters_count_once() {
        let mut r = RowRef {
            id: "é",
            name: "Zoë",
            source: "s",
            certification: "cpim",
            status: RowStatus::Judged(Status::Eligible),
            eligible_on: None,
            shortfall: String::new(),
            cycle_end: None,
            deadline: None,
            units_needed: None,
        };
        let one = render(std::slice::from_ref(&r));
        r.id = "e";
        r.name = "Zoe";
        let two = render(&[r]);
        assert_eq!(one.replace(['é', 'ë'], "e"), two);
    }

    #[test]
    fn table_sorts_groups_then_dates_then_input_order() {
        let j = RowStatus::Judged;
        let rows = vec![
            row(RowStatus::Error, None, None, "bad"),
            row(
                j(Status::Certified),
                None,
                Some(date(2027, 1, 1)),
                "cert-2027",
            ),
            row(j(Status::NotEligible), None, None, "ne-never"),
            row(
                j(Status::Lapsed),
                None,
                Some(date(2020, 1, 1)),
                "lapsed-2020",
            ),
            row(
                j(Status::NotEligible),
                Some(date(2028, 1, 1)),
                None,
                "ne-2028",
            ),
            row(j(Status::Eligible), None, None, "el-a"),
            row(
                j(Status::NotEligible),
                Some(date(2027, 6, 1)),
                None,
                "ne-2027",
            ),
            row(j(Status::RequirementsMet), None, None, "rm"),
            row(j(Status::Eligible), None, None, "el-b"),
            row(j(Status::Grace), None, Some(date(2026, 3, 1)), "grace-2026"),
            row(RowStatus::Nothing, None, None, "nothing"),
        ];
        let lines: Vec<Line> = rows.iter().map(Line::new).collect();
        let ids: Vec<&str> = sorted(&lines).iter().map(|l| l.cell(1)).collect();
        assert_eq!(
            ids,
            [
                "rm",
                "el-a",
                "el-b",
                "ne-2027",
                "ne-2028",
                "ne-never",
                "lapsed-2020",
                "grace-2026",
                "cert-2027",
                "nothing",
                "bad"
            ]
        );
    }
}
