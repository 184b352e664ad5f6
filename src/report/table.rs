//! The table report of `screen` (its default): one line per profile and
//! certification, columns aligned, sorted by [`super::roster::table_order`].
//! The shortfall comes last and is not padded, so long ones do not widen
//! the table.

use super::roster::Row;

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

/// The rows as a table (already sorted), or nothing when there are none.
pub fn render(rows: &[Row]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let date = |d: Option<crate::dates::Date>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            clean(s)
        }
    };
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.status.id().to_string(),
                dash(&r.id),
                dash(&r.name),
                dash(&r.certification),
                date(r.eligible_on),
                date(r.deadline),
                dash(&r.source),
                clean(&r.shortfall),
            ]
        })
        .collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let header = HEADERS.map(str::to_string);
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, (c, w)) in row.iter().zip(widths).enumerate() {
            line.push_str(c);
            if i + 1 < row.len() {
                let pad = w - c.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A cell on one line: control characters (a newline in a name) become
/// spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::Status;
    use crate::report::roster::RowStatus;
    use crate::units::Units;

    #[test]
    fn columns_line_up_and_empty_cells_are_dashes() {
        let rows = vec![
            Row {
                id: "C-1042".into(),
                name: "Dana Whitfield".into(),
                source: "roster/dana.toml".into(),
                certification: "cmq-oe".into(),
                status: RowStatus::Judged(Status::Certified),
                eligible_on: None,
                shortfall: "Recertification: 8.5 of 18 RU counted".into(),
                cycle_end: Some(date(2027, 10, 15)),
                deadline: Some(date(2027, 10, 15)),
                units_needed: Some(Units::whole(9)),
            },
            Row {
                id: "x\ny".into(),
                name: String::new(),
                source: "r.jsonl:2".into(),
                certification: String::new(),
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
}
