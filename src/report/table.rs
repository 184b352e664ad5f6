//! The table report of `screen` (its default): one line per profile and
//! certification, columns aligned, in the order of [`super::roster::table_key`].
//! The shortfall comes last and is not padded, so long ones do not widen
//! the table. Widths and lines are worked out in parallel on the current
//! rayon pool; the text is the same whatever the number of threads.

use std::borrow::Borrow;
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

/// The widest a padded cell may be, in columns: a longer one (a name, an
/// id, a file name) is cut to this width, its last column `…`, so that one
/// huge cell cannot widen every row of the table. The shortfall, which is
/// not padded, is not cut; CSV and JSON keep every cell in full.
pub const MAX_CELL: usize = 60;

/// Lines rendered together by one task.
const LINES_PER_TASK: usize = 512;

/// One row's cells, written out (cleaned, dashed, dates spelled) with their
/// widths on the worker that judged the row: the table needs every row
/// before it can pad any, and going back over 200,000 rows scattered over
/// the heap cost more than writing them.
#[derive(Clone, Debug)]
pub struct Line {
    /// Where it sorts: [`table_key`], [`packed`].
    key: u64,
    /// The cells, one after the other, in an allocation of their size:
    /// the table holds every line until the end.
    text: Box<str>,
    /// Where each cell ends in `text`.
    ends: [u32; 8],
    /// Each cell's width in columns (0 for the shortfall, which is not
    /// padded).
    widths: [u32; 8],
}

impl Line {
    pub fn new(r: &RowRef<'_>) -> Line {
        thread_local! {
            /// Where a line is written before it is copied at its size.
            static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut text) => Line::written(r, &mut text),
            // (only if a line were written while writing a line)
            Err(_) => Line::written(r, &mut String::new()),
        })
    }

    /// The line of `r`, written in `text` (cleared first) and copied out.
    fn written(r: &RowRef<'_>, text: &mut String) -> Line {
        use std::fmt::Write as _;
        text.clear();
        let mut ends = [0; 8];
        let mut widths = [0; 8];
        // (a profile is at most 8 MiB: its cells are far from 4 GiB)
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let date = |text: &mut String, d: Option<crate::dates::Date>| match d {
            Some(d) => Ymd(d).push_to(text),
            None => text.push('-'),
        };
        for i in 0..HEADERS.len() {
            let start = text.len();
            match i {
                0 => text.push_str(r.status.id()),
                1 => text.push_str(r.id),
                2 => text.push_str(r.name),
                3 => text.push_str(r.certification),
                4 => date(text, r.eligible_on),
                5 => date(text, r.deadline),
                6 => text.push_str(r.source),
                // (writing into a String cannot fail)
                _ => {
                    let _ = write!(text, "{}", r.shortfall);
                }
            }
            clean_from(text, start);
            // every cell but the shortfall shows "-" when empty
            if text.len() == start && i + 1 < HEADERS.len() {
                text.push('-');
            }
            if i + 1 < HEADERS.len() {
                cap_from(text, start);
            }
            ends[i] = small(text.len());
            if i + 1 < HEADERS.len() {
                widths[i] = small(width(&text[start..]));
            }
        }
        Line {
            key: packed(table_key(r.status, r.eligible_on, r.deadline)),
            text: text.as_str().into(),
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
/// given. Sorts small keys (16 bytes: the packed key and the place), not
/// the lines.
pub fn sorted<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<&'a Line> {
    let lines: Vec<&Line> = lines.into_iter().collect();
    let mut keyed: Vec<(u64, usize)> = lines.iter().enumerate().map(|(i, l)| (l.key, i)).collect();
    // (key, place) pairs are all distinct: an unstable sort keeps the order
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, i)| lines[i]).collect()
}

/// [`table_key`] in one number that sorts the same way: the group in the
/// top byte, the day (offset to be positive; "none" the largest) below.
fn packed((group, day): (u8, i64)) -> u64 {
    // every date's day number lies within ±2^40 (chrono's range is about
    // ±2^27), so offset by 2^40 it fits in 56 bits below `NONE`
    const NONE: u64 = (1 << 56) - 1;
    let day = if day == i64::MAX {
        NONE
    } else {
        u64::try_from(day.saturating_add(1 << 40))
            .unwrap_or(0)
            .min(NONE - 1)
    };
    (u64::from(group) << 56) | day
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
            // (copied from a run of spaces, not pushed one by one)
            const SPACES: &str = "                                                                ";
            let mut pad = w.saturating_sub(cw) + 2;
            while pad > 0 {
                let n = pad.min(SPACES.len());
                out.push_str(&SPACES[..n]);
                pad -= n;
            }
        }
    }
    let trimmed = out[start..].trim_end().len();
    out.truncate(start + trimmed);
    out.push('\n');
}

/// A cell's width in columns, as the text report measures it
/// ([`super::text::display_width`]); ASCII, nearly every cell, is counted
/// by its length.
fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        super::text::display_width(s)
    }
}

/// Cleans the cell at `start..` of `text`, the last one written: control
/// and bidi characters (a newline or an escape sequence in a name) are
/// shown as escapes ([`crate::show::text`]), so a row stays on one line
/// and nothing in it acts on the terminal.
fn clean_from(text: &mut String, start: usize) {
    let cell = text.get(start..).unwrap_or_default();
    // Control characters are U+0000 to U+001F and U+007F to U+009F; in
    // UTF-8 the latter start with the byte 0xC2. The bidi characters start
    // with 0xD8 (U+061C) or 0xE2 (U+200E to U+2069); a backslash may need
    // doubling.
    // (a fold, not `any`: without the early exit the loop is vectorised)
    let maybe = cell.bytes().fold(false, |seen, b| {
        seen | (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2) | (b == b'\\')
    });
    if maybe && let std::borrow::Cow::Owned(shown) = crate::show::text(cell) {
        text.truncate(start);
        text.push_str(&shown);
    }
}

/// Cuts the cell at `start..` of `text` to [`MAX_CELL`] columns, the last
/// one `…`, where it is wider.
fn cap_from(text: &mut String, start: usize) {
    let cell = text.get(start..).unwrap_or_default();
    // (a cell of at most MAX_CELL bytes is at most MAX_CELL columns)
    if cell.len() <= MAX_CELL || width(cell) <= MAX_CELL {
        return;
    }
    let mut used = 0;
    let mut end = start;
    for (i, c) in cell.char_indices() {
        let w = super::text::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > MAX_CELL - 1 {
            break;
        }
        used += w;
        end = start + i + c.len_utf8();
    }
    text.truncate(end);
    text.push('…');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{Date, date};
    use crate::error::Diagnostic;
    use crate::eval::{Detail, Status};
    use crate::report::fixtures;
    use crate::report::roster::{RowStatus, Shortfall};
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
            shortfall: Shortfall::None,
            cycle_end: deadline,
            deadline,
            units_needed: None,
        }
    }

    #[test]
    fn columns_line_up_and_empty_cells_are_dashes() {
        let units = fixtures::req(
            "recertification",
            "Recertification",
            false,
            "8.5 of 18 RU counted",
            Detail::Recertification {
                units_counted: fixtures::u("8.5"),
                units_required: fixtures::u("18"),
            },
        );
        // a tab in the message and a newline in the id: shown as escapes,
        // like any control character in any cell
        let problems = [Diagnostic {
            file: "r.jsonl".into(),
            line: Some(2),
            column: Some(1),
            message: "invalid JSON:\ttrailing comma".into(),
            help: None,
        }];
        let rows = vec![
            RowRef {
                id: "C-1042",
                name: "Dana Whitfield",
                source: "roster/dana.toml",
                certification: "cmq-oe",
                status: RowStatus::Judged(Status::Certified),
                eligible_on: None,
                shortfall: Shortfall::Requirement(&units),
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
                shortfall: Shortfall::Problems(&problems),
                cycle_end: None,
                deadline: None,
                units_needed: None,
            },
        ];
        assert_eq!(
            render(&rows),
            "\
STATUS     ID       NAME            CERTIFICATION  ELIGIBLE ON  DEADLINE    SOURCE            SHORTFALL
certified  C-1042   Dana Whitfield  cmq-oe         -            2027-10-15  roster/dana.toml  Recertification: 8.5 of 18 RU counted
error      x\\u{a}y  -               -              -            -           r.jsonl:2         r.jsonl:2:1: invalid JSON:\\u{9}trailing comma
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
            shortfall: Shortfall::None,
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

    /// CJK and emoji take two columns each: the next column starts where
    /// it does for ASCII names of the same width.
    #[test]
    fn cjk_and_emoji_take_two_columns() {
        let mut r = row(RowStatus::Judged(Status::Eligible), None, None, "a");
        r.certification = "cpim";
        let mut cjk = r.clone();
        cjk.name = "山田太郎";
        let mut emoji = r.clone();
        emoji.name = "Bo 🎓";
        r.name = "Jane Doe";
        let table = render(&[cjk, emoji, r]);
        let at: Vec<usize> = table
            .lines()
            .map(|l| {
                let i = l.find("cpim").or_else(|| l.find("CERTIFICATION")).unwrap();
                width(&l[..i])
            })
            .collect();
        assert_eq!(at, [at[0]; 4], "{table}");
        assert!(table.contains("山田太郎  cpim"), "{table}");
        assert!(table.contains("Bo 🎓     cpim"), "{table}");
    }

    /// A name of 150 characters is cut to [`MAX_CELL`] columns, its last
    /// one `…`; it pushes the next column out that far for every row, short
    /// names padded with as many spaces.
    #[test]
    fn a_long_cell_is_cut_to_the_cap_and_pads_every_row_of_its_column() {
        let long = "N".repeat(150);
        let mut a = row(RowStatus::Judged(Status::Eligible), None, None, "a");
        a.name = &long;
        a.certification = "cpim";
        let mut b = a.clone();
        b.name = "Bo";
        let table = render(&[a, b]);
        let lines: Vec<&str> = table.lines().collect();
        // (in columns: `…` takes three bytes)
        let col = |l: &str, s: &str| l.find(s).map(|i| width(&l[..i]));
        let at: Vec<Option<usize>> = lines.iter().map(|l| col(l, "cpim")).collect();
        assert_eq!(at[1], at[2], "{table}");
        assert_eq!(col(lines[0], "CERTIFICATION"), at[1]);
        let cut = format!("{}…  cpim", "N".repeat(MAX_CELL - 1));
        assert!(lines[1].contains(&cut), "{table}");
        assert!(lines[2].contains(&format!("Bo{}cpim", " ".repeat(MAX_CELL))));
    }

    /// Wide characters are cut by their columns: a CJK name of 100
    /// characters (200 columns) keeps 29 of them and `…` (59 columns, as
    /// a wide character does not fit in the last one).
    #[test]
    fn a_wide_long_cell_is_cut_by_columns() {
        let long = "山".repeat(100);
        let mut a = row(RowStatus::Judged(Status::Eligible), None, None, "a");
        a.name = &long;
        let table = render(&[a]);
        let line = table.lines().nth(1).unwrap();
        assert!(line.contains(&format!("{}…", "山".repeat(29))), "{table}");
        assert!(!line.contains(&"山".repeat(30)), "{table}");
    }

    proptest::proptest! {
        /// Packed keys sort as the keys do, the first and last days and
        /// "none" included.
        #[test]
        fn packed_keys_keep_the_order(
            a in (0u8..6, proptest::prop_oneof![
                proptest::prelude::Just(i64::MAX),
                proptest::prelude::Just(crate::dates::day_number(Date::MIN)),
                proptest::prelude::Just(crate::dates::day_number(Date::MAX)),
                -1000i64..1000,
                crate::dates::day_number(Date::MIN)..=crate::dates::day_number(Date::MAX),
            ]),
            b in (0u8..6, crate::dates::day_number(Date::MIN)..=crate::dates::day_number(Date::MAX)),
        ) {
            proptest::prop_assert_eq!(packed(a).cmp(&packed(b)), a.cmp(&b));
            proptest::prop_assert_eq!(packed(b).cmp(&packed(a)), b.cmp(&a));
        }
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
