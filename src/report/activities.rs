//! `certcheck activities`: the logged activities with the cycle each falls
//! in and whether it counts, as text, as CSV (one cycle for the issuer's
//! form) and as JSON. The judging is the evaluator's
//! ([`crate::eval::activities`]); this only words it.

use crate::dates::Date;
use crate::eval::activities::{ActivityRow, Counts, CycleRef, When};
use crate::show;
use crate::units::{Units, unit_word};

use super::csv::push_cell;

/// "1.5 RU", "1 PDU", "2 units" where the rules give no unit.
fn amount(u: Units, unit: Option<&str>) -> String {
    format!("{u} {}", show::text(unit_word(u, unit.unwrap_or("units"))))
}

/// "cycle 2 (2024-10-16 to 2027-10-15)".
pub fn cycle_words(c: &CycleRef) -> String {
    format!("cycle {} ({} to {})", c.number, c.start, c.end)
}

/// `yes`, `partly` or `no`: whether the units count towards the current
/// cycle now.
pub fn counts_word(r: &ActivityRow) -> &'static str {
    let current = r.cycle.is_some_and(|c| c.when == When::Current);
    match &r.counts {
        Counts::Yes => "yes",
        Counts::OverMax { .. } if current && r.counted.is_positive() => "partly",
        _ => "no",
    }
}

/// Why (or how much of it) the activity counts, in words.
pub fn why(r: &ActivityRow) -> String {
    let unit = r.unit.as_deref();
    let cert = show::text(&r.certification);
    let cycle = r
        .cycle
        .map(|c| format!("cycle {}", c.number))
        .unwrap_or_default();
    match &r.counts {
        Counts::Yes => format!("counts towards the current {cycle}"),
        Counts::InRenewedCycle => {
            format!("counted towards {cycle}, renewed already; not towards the current one")
        }
        Counts::InLaterCycle => format!("counts towards {cycle}, after the current one"),
        Counts::OverMax { over, max } => {
            let over = show::text(over);
            if r.counted.is_positive() {
                format!(
                    "{} of it counts towards {cycle}: `{over}` is over its maximum of {}",
                    amount(r.counted, unit),
                    amount(*max, unit)
                )
            } else {
                format!(
                    "does not count: `{over}` has reached its maximum of {} in {cycle}",
                    amount(*max, unit)
                )
            }
        }
        Counts::AfterAsOf => format!(
            "dated after the as-of date: it counts towards {cycle} from {}",
            r.date
        ),
        Counts::BeforeEarned { earned } => format!(
            "does not count: dated before `{cert}` was earned ({earned}), outside every cycle"
        ),
        Counts::NotHeld => format!(
            "does not count: `{cert}` is not held (it is not in the profile's `[[certifications]]`)"
        ),
        Counts::NoRecertification => {
            format!("does not count: `{cert}` is held for life, with no recertification")
        }
        Counts::UnknownCategory { edition } => format!(
            "does not count: edition `{}` of `{cert}`'s rules, which judges {cycle}, has no category `{}`",
            show::text(edition),
            show::text(&r.category)
        ),
    }
}

/// The text report: each activity once, with one line for each
/// certification it names.
pub fn text(profile: &str, as_of: Date, rows: &[ActivityRow]) -> String {
    let mut out = format!("Activities in {}, as of {as_of}\n", show::text(profile));
    if rows.is_empty() {
        out.push_str("\n  none\n");
        return out;
    }
    let mut last = 0;
    for r in rows {
        if r.number != last {
            last = r.number;
            out.push_str(&format!(
                "\n{:>3}. {}  {}  {}",
                r.number,
                r.date,
                show::text(&r.category),
                amount(r.units, r.unit.as_deref())
            ));
            if let Some(d) = &r.description {
                out.push_str(&format!("  {}", show::text(d)));
            }
            out.push('\n');
        }
        let cycle = r
            .cycle
            .map(|c| format!("{}: ", cycle_words(&c)))
            .unwrap_or_default();
        out.push_str(&format!(
            "     {}  {cycle}{}, {}\n",
            show::text(&r.certification),
            counts_word(r),
            why(r)
        ));
    }
    out
}

/// The CSV header.
pub const CSV_HEADER: &str = "number,date,certification,category,units,counted,unit,description,evidence,cycle,cycle_start,cycle_end,counts,why\n";

/// The CSV report: one line for each activity and certification, cells
/// quoted and formulas neutralised as in `screen`'s CSV.
pub fn csv(rows: &[ActivityRow]) -> String {
    let mut out = String::from(CSV_HEADER);
    for r in rows {
        let cells = [
            r.number.to_string(),
            r.date.to_string(),
            r.certification.clone(),
            r.category.clone(),
            r.units.to_string(),
            r.counted.to_string(),
            r.unit.clone().unwrap_or_default(),
            r.description.clone().unwrap_or_default(),
            r.evidence.clone().unwrap_or_default(),
            r.cycle.map(|c| c.number.to_string()).unwrap_or_default(),
            r.cycle.map(|c| c.start.to_string()).unwrap_or_default(),
            r.cycle.map(|c| c.end.to_string()).unwrap_or_default(),
            counts_word(r).to_string(),
            why(r),
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, c);
        }
        out.push('\n');
    }
    out
}

/// The JSON report: `{"as_of", "profile", "activities": [...]}`, each row
/// with its judging (`counts`: yes/partly/no, `reason` the evaluator's id,
/// `why` in words).
pub fn json(profile: &str, as_of: Date, rows: &[ActivityRow]) -> String {
    let activities: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::json!({
                "number": r.number,
                "date": r.date,
                "certification": r.certification,
                "category": r.category,
                "units": r.units,
                "counted": r.counted,
                "unit": r.unit,
                "description": r.description,
                "evidence": r.evidence,
                "cycle": r.cycle.map(|c| serde_json::json!({
                    "number": c.number,
                    "start": c.start,
                    "end": c.end,
                    "when": c.when,
                })),
                "current_cycle": r.current_cycle,
                "counts": counts_word(r),
                "why": why(r),
            });
            if let (Some(map), Ok(serde_json::Value::Object(reason))) =
                (v.as_object_mut(), serde_json::to_value(&r.counts))
            {
                for (k, x) in reason {
                    let key = if k == "counts" {
                        "reason".to_string()
                    } else {
                        k
                    };
                    map.insert(key, x);
                }
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "as_of": as_of,
        "profile": profile,
        "activities": activities,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
