//! The `deadlines` report: a table for a person, one JSON object for
//! programs, and the words for each deadline that the calendar export
//! shares. Nothing here prints.

use serde::Serialize;

use crate::dates::{Date, days_between};
use crate::eval::ProfileRef;
use crate::eval::deadlines::{Attention, Deadline, Kind, Schedule, Shortfall, Within};
use crate::eval::{Route, Status};
use crate::show::{self, Shown};
use crate::units::Units;

use super::text::{WIDTH, display_width, pad, push_wrapped};
use super::{count, ordinal, short_name, vocab};

/// What a run adds to the schedule: the `--within` filter and the calendar
/// file written, where there are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// The duration asked for and the last day it keeps.
    pub within: Option<(Within, Date)>,
    /// The calendar written (`--ics`): its path as given and its events.
    pub calendar: Option<(String, usize)>,
}

/// "CMQ/OE: Certified Manager of Quality/Organizational Excellence (ASQ)":
/// the short name, then the name and the issuer where they add something.
pub fn cert_line(id: &str, name: &str, issuer: &str) -> String {
    let short = short_name(id);
    let mut line = short.clone();
    if !name.trim().is_empty() && !name.trim().eq_ignore_ascii_case(&short) {
        line = format!("{line}: {}", name.trim());
    }
    if !issuer.trim().is_empty() {
        line = format!("{line} ({})", issuer.trim());
    }
    line
}

/// What falls due, in a few words: the table's "what" column.
pub fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::RenewalWindowOpens => "renewals open",
        Kind::CycleEnd => "cycle ends",
        Kind::GraceEnd => "grace period ends",
        Kind::ByExamEnd => "renewal by exam ends",
        Kind::Eligible => "eligible",
    }
}

/// The event's UID: `PROFILE/CERT/cycle-K/KIND@certcheck` for a renewal
/// deadline of cycle K (0 = the first), `PROFILE/CERT/eligible@certcheck`
/// for a target. The profile's id and the certification's are
/// percent-encoded (every byte but ASCII letters, digits, `-`, `_`, `.` and
/// `~`), so no two deadlines share a UID and the UID needs no escaping.
pub fn uid(profile_id: &str, d: &Deadline) -> String {
    let who = format!("{}/{}", pct(profile_id), pct(&d.certification));
    match (d.kind, d.cycle) {
        (Kind::Eligible, _) | (_, None) => format!("{who}/{}@certcheck", d.kind.id()),
        (kind, Some(k)) => format!("{who}/cycle-{k}/{}@certcheck", kind.id()),
    }
}

fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One line for a calendar event's title: "CMQ/OE: recertification cycle
/// ends".
pub fn summary(d: &Deadline) -> String {
    let short = short_name(&d.certification);
    let what = match d.kind {
        Kind::RenewalWindowOpens => "renewal window opens",
        Kind::CycleEnd => "recertification cycle ends",
        Kind::GraceEnd => "grace period ends, last day to renew",
        Kind::ByExamEnd => "renewal by exam ends, last day to renew by exam",
        Kind::Eligible => "eligible (projected)",
    };
    format!("{short}: {what}")
}

/// "8 points more in Teaching (at least 8)", one per unmet minimum.
fn minimum_phrases(d: &Deadline, unit: &str) -> Vec<String> {
    d.minimums
        .iter()
        .map(|m| {
            let name = super::name_or_id(&m.name, &m.id);
            format!(
                "{} more in {name} (at least {})",
                crate::units::amount(m.needed, unit),
                m.min
            )
        })
        .collect()
}

/// The figures as of the run: the pace, "ready to renew", or the minimums
/// still to meet.
fn standing(d: &Deadline, full: bool) -> String {
    let mut parts = Vec::new();
    let unit = d.unit.as_deref().unwrap_or("units");
    if let Some(p) = &d.pace {
        parts.push(if full { p.words() } else { p.short_words() });
    } else if d.ready == Some(true) {
        parts.push("every unit counted: ready to renew".to_string());
    } else if d.kind == Kind::ByExamEnd {
        parts.push("renew by exam by this day".to_string());
    } else if let (Kind::GraceEnd, Some(n), Some(end)) = (d.kind, d.units_needed, d.cycle_end)
        && n.is_positive()
    {
        // no pace: units dated after the cycle's end go to the next cycle
        parts.push(if full {
            format!(
                "{} short; {unit} dated after {end} count towards the next cycle",
                crate::units::amount(n, unit)
            )
        } else {
            format!("{unit} after {end}: the next cycle's")
        });
    }
    let mins = minimum_phrases(d, d.unit.as_deref().unwrap_or("units"));
    if !mins.is_empty() {
        parts.push(format!("minimums: {}", mins.join(", ")));
    }
    parts.join("; ")
}

/// The calendar event's description: what the day is, then where the
/// person stands as of the run, in words (several lines).
pub fn description(d: &Deadline, as_of: Date) -> String {
    let cycle = match (d.cycle, d.cycle_start, d.cycle_end) {
        (Some(k), Some(s), Some(e)) => format!(
            "the {} recertification cycle ({s} to {e})",
            ordinal(u64::from(k) + 1)
        ),
        _ => "the recertification cycle".to_string(),
    };
    let mut lines = vec![cert_line(&d.certification, &d.name, &d.issuer)];
    match d.kind {
        Kind::RenewalWindowOpens => lines.push(format!(
            "Renewals are accepted from this day for {cycle}."
        )),
        Kind::CycleEnd => {
            let mut l = format!("The last day of {cycle}.");
            if let Some(g) = d.grace_until.filter(|g| *g > d.date) {
                l.push_str(&format!(" A grace period follows, to {g}."));
            }
            lines.push(l);
        }
        Kind::GraceEnd => {
            let ended = d.cycle_end.map_or(String::new(), |e| {
                format!(" after {}, which ended on {e}", numbered(d.cycle))
            });
            lines.push(format!(
                "The last day of the grace period{ended}: renew by this day or the certification lapses."
            ));
        }
        Kind::ByExamEnd => {
            let ended = d.cycle_end.map_or(String::new(), |e| {
                format!(" for {}, which ended on {e}", numbered(d.cycle))
            });
            lines.push(format!(
                "The last day a renewal by exam is accepted{ended}: renew by exam by this day or the certification lapses."
            ));
        }
        Kind::Eligible => lines.push(
            "Every prerequisite is met on this day if your current roles go on. Run `certcheck check` to see what else is missing."
                .to_string(),
        ),
    }
    let standing = match d.kind {
        Kind::Eligible => {
            lines.push(format!("Projected on {as_of}."));
            return lines.join("\n");
        }
        Kind::RenewalWindowOpens => {
            // the units are due by the cycle's end, not by the window's opening
            match (d.units_needed, d.cycle_end) {
                (Some(n), Some(end)) if n.is_positive() => format!(
                    "{} still needed by {end}",
                    crate::units::amount(n, d.unit.as_deref().unwrap_or("units"))
                ),
                _ => standing(d, true),
            }
        }
        _ => standing(d, true),
    };
    if !standing.is_empty() {
        lines.push(format!("As of {as_of}, {standing}."));
    }
    lines.join("\n")
}

/// "the 2nd recertification cycle" for cycle index 1: numbered as every
/// report numbers it; "the recertification cycle" without an index.
fn numbered(cycle: Option<u32>) -> String {
    cycle.map_or("the recertification cycle".to_string(), |k| {
        format!("the {} recertification cycle", ordinal(u64::from(k) + 1))
    })
}

/// The deadlines as text for a person: a title, the held certifications in
/// their grace period or lapsed, a table (date, days left, certification,
/// what, pace), warnings. Ends with a newline.
pub fn text(s: &Schedule, extras: &Extras) -> String {
    text_for(s, extras, WIDTH)
}

/// [`text`], wrapped at `width` columns (a terminal's).
pub fn text_for(s: &Schedule, extras: &Extras, width: usize) -> String {
    let mut out = String::new();
    let title = super::vocab::who(&s.profile);
    let scope = match &extras.within {
        Some((w, until)) => format!(", within {w} (to {until})"),
        None => String::new(),
    };
    push_wrapped(
        &mut out,
        width,
        "",
        2,
        &format!("{}: deadlines as of {}{scope}", Shown(&title), s.as_of),
    );
    if !s.attention.is_empty() {
        out.push('\n');
        for a in &s.attention {
            push_wrapped(
                &mut out,
                width,
                "  ! ",
                4,
                &show::text(&attention_line(a, s.as_of)),
            );
        }
    }
    out.push('\n');
    if s.deadlines.is_empty() {
        out.push_str(&match extras.within {
            Some((w, _)) => format!("No deadline within {w}.\n"),
            None => "No deadline ahead.\n".to_string(),
        });
    } else {
        table(&mut out, &s.deadlines, width);
    }
    if let Some((path, events)) = &extras.calendar {
        out.push('\n');
        push_wrapped(
            &mut out,
            width,
            "",
            2,
            &format!(
                "Calendar: {} written to `{}`.",
                count(*events as i64, "event", "events"),
                Shown(path)
            ),
        );
    }
    if !s.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in &s.warnings {
            push_wrapped(&mut out, width, "  - ", 4, &show::text(w));
        }
    }
    out
}

/// "CMQ/OE is in its grace period: …" or "CMQ/OE has lapsed: …".
pub fn attention_line(a: &Attention, as_of: Date) -> String {
    let short = short_name(&a.certification);
    match a.status {
        Status::Grace => match (a.route, a.by_exam_until) {
            (Some(Route::Exam), Some(b)) => format!(
                "{short} is in its grace period: the cycle ended on {}; units earned now will not renew it; renew by exam by {b} ({})",
                a.cycle_end,
                vocab::left(days_between(as_of, b))
            ),
            (Some(Route::None), _) => format!(
                "{short} is in its grace period: the cycle ended on {}; units earned now will not renew it, and no renewal by exam is left; it lapses after {} ({})",
                a.cycle_end,
                a.grace_until,
                vocab::left(days_between(as_of, a.grace_until))
            ),
            _ => format!(
                "{short} is in its grace period: the cycle ended on {}; renew by {} ({})",
                a.cycle_end,
                a.grace_until,
                vocab::left(days_between(as_of, a.grace_until))
            ),
        },
        _ => format!(
            "{short} has lapsed: its grace period ended on {} ({}); no renewal deadline is left",
            a.grace_until,
            vocab::ago(as_of, a.grace_until)
        ),
    }
}

/// The table's pace column: the pace, "ready to renew", the minimums still
/// to meet, or for a target's eligibility the condition it rests on.
fn pace_cell(d: &Deadline) -> String {
    match d.kind {
        Kind::Eligible => "projected, if your current roles go on".to_string(),
        Kind::RenewalWindowOpens => String::new(),
        Kind::CycleEnd | Kind::GraceEnd | Kind::ByExamEnd => standing(d, false),
    }
}

fn table(out: &mut String, ds: &[Deadline], width: usize) {
    let heads = ["date", "days left", "certification", "what", "pace"];
    let rows: Vec<[String; 5]> = ds
        .iter()
        .map(|d| {
            [
                d.date.to_string(),
                d.days_left.to_string(),
                show::text(&short_name(&d.certification)).into_owned(),
                what(d.kind).to_string(),
                show::text(&pace_cell(d)).into_owned(),
            ]
        })
        .collect();
    let w: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| display_width(&r[i]))
                .chain([heads[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 4], right: bool| {
        let mut line = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            if i == 1 && right {
                line.push_str(&format!("{cell:>w$}", w = w[1]));
            } else {
                pad(&mut line, cell, w[i]);
            }
            line.push_str("  ");
        }
        line
    };
    let head = line([heads[0], heads[1], heads[2], heads[3]], false);
    out.push_str(&format!("{head}{}\n", heads[4]));
    for r in &rows {
        let prefix = line([&r[0], &r[1], &r[2], &r[3]], true);
        // continuation lines under the pace column, while it leaves room
        let hang = display_width(&prefix).min(width.saturating_sub(30));
        push_wrapped(out, width, &prefix, hang, &r[4]);
    }
}

/// The JSON report of `deadlines`: one object, with a trailing newline.
pub fn json(s: &Schedule, extras: &Extras) -> String {
    let view = JsonView {
        as_of: s.as_of,
        profile: &s.profile,
        within: extras.within.map(|(w, until)| JsonWithin {
            duration: w.code(),
            until,
        }),
        attention: &s.attention,
        deadlines: s
            .deadlines
            .iter()
            .map(|d| JsonDeadline {
                date: d.date,
                days_left: d.days_left,
                certification: &d.certification,
                name: &d.name,
                issuer: &d.issuer,
                kind: d.kind,
                summary: summary(d),
                cycle: d.cycle,
                cycle_number: d.cycle.map(|k| k.saturating_add(1)),
                cycle_start: d.cycle_start,
                cycle_end: d.cycle_end,
                grace_until: d.grace_until,
                unit: d.unit.as_deref(),
                units_needed: d.units_needed,
                ready: d.ready,
                pace: d.pace.as_ref().map(|p| JsonPace {
                    units_needed: p.units_needed,
                    months_left: p.months_left,
                    per_month: p.per_month,
                    words: p.words(),
                }),
                minimums: &d.minimums,
                route: d.route,
                uid: uid(&s.profile.id, d),
            })
            .collect(),
        calendar: extras.calendar.as_ref().map(|(path, events)| JsonCalendar {
            path,
            events: *events,
        }),
        warnings: &s.warnings,
    };
    // Serializing cannot fail (string keys, plain values); should it ever,
    // the output stays one JSON object rather than a panic.
    let mut text = serde_json::to_string_pretty(&view).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot write the deadlines as JSON: {e}") })
            .to_string()
    });
    text.push('\n');
    text
}

#[derive(Serialize)]
struct JsonView<'a> {
    as_of: Date,
    profile: &'a ProfileRef,
    within: Option<JsonWithin>,
    attention: &'a [Attention],
    deadlines: Vec<JsonDeadline<'a>>,
    calendar: Option<JsonCalendar<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct JsonWithin {
    duration: String,
    until: Date,
}

#[derive(Serialize)]
struct JsonDeadline<'a> {
    date: Date,
    days_left: i64,
    certification: &'a str,
    name: &'a str,
    issuer: &'a str,
    kind: Kind,
    summary: String,
    /// The cycle's index, 0 for the first (as in `check`'s JSON).
    cycle: Option<u32>,
    /// Its number as every report shows it: 1 for the first.
    cycle_number: Option<u32>,
    cycle_start: Option<Date>,
    cycle_end: Option<Date>,
    grace_until: Option<Date>,
    unit: Option<&'a str>,
    units_needed: Option<Units>,
    ready: Option<bool>,
    pace: Option<JsonPace>,
    minimums: &'a [Shortfall],
    route: Option<Route>,
    uid: String,
}

#[derive(Serialize)]
struct JsonPace {
    units_needed: Units,
    months_left: u32,
    per_month: Units,
    words: String,
}

#[derive(Serialize)]
struct JsonCalendar<'a> {
    path: &'a str,
    events: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::deadlines::{Pace, Shortfall, WithinUnit};

    fn u(s: &str) -> Units {
        s.parse().unwrap()
    }

    fn as_of() -> Date {
        date(2026, 11, 25)
    }

    fn renewal(kind: Kind, on: Date, pace: Option<Pace>) -> Deadline {
        Deadline {
            route: None,
            date: on,
            days_left: days_between(as_of(), on),
            certification: "cmq-oe".into(),
            name: "Certified Manager of Quality/Organizational Excellence".into(),
            issuer: "ASQ".into(),
            kind,
            cycle: Some(1),
            cycle_start: Some(date(2024, 10, 16)),
            cycle_end: Some(date(2027, 10, 15)),
            grace_until: Some(date(2028, 4, 15)),
            unit: Some("RU".into()),
            units_needed: Some(u("9.5")),
            pace,
            ready: Some(false),
            minimums: vec![],
        }
    }

    fn pace(needed: &str, months: u32, per: &str) -> Option<Pace> {
        Some(Pace {
            unit: "RU".into(),
            units_needed: u(needed),
            months_left: months,
            per_month: u(per),
        })
    }

    fn eligible() -> Deadline {
        Deadline {
            route: None,
            date: date(2028, 1, 8),
            days_left: 409,
            certification: "cqe".into(),
            name: "Certified Quality Engineer".into(),
            issuer: "ASQ".into(),
            kind: Kind::Eligible,
            cycle: None,
            cycle_start: None,
            cycle_end: None,
            grace_until: None,
            unit: None,
            units_needed: None,
            pace: None,
            ready: None,
            minimums: vec![],
        }
    }

    fn dana() -> Schedule {
        Schedule {
            as_of: as_of(),
            profile: ProfileRef {
                name: "Dana Whitfield".into(),
                id: "C-1042".into(),
            },
            attention: vec![],
            deadlines: vec![
                renewal(Kind::RenewalWindowOpens, date(2027, 4, 15), None),
                renewal(Kind::CycleEnd, date(2027, 10, 15), pace("9.5", 10, "1")),
                eligible(),
                renewal(Kind::GraceEnd, date(2028, 4, 15), pace("9.5", 16, "0.6")),
            ],
            warnings: vec![],
        }
    }

    #[test]
    fn the_table() {
        assert_eq!(
            text(&dana(), &Extras::default()),
            "\
Dana Whitfield (C-1042): deadlines as of 2026-11-25

date        days left  certification  what               pace
2027-04-15        141  CMQ/OE         renewals open
2027-10-15        324  CMQ/OE         cycle ends         9.5 RU to go: 1.0 a month over 10 months
2028-01-08        409  CQE            eligible           projected, if your current roles go on
2028-04-15        507  CMQ/OE         grace period ends  9.5 RU to go: 0.6 a month over 16 months
"
        );
    }

    #[test]
    fn attention_within_calendar_and_warnings() {
        let mut s = dana();
        s.deadlines.truncate(1);
        s.attention = vec![
            Attention {
                by_exam_until: None,
                route: None,
                certification: "cpim".into(),
                name: "CPIM".into(),
                status: Status::Grace,
                cycle_end: date(2026, 7, 31),
                grace_until: date(2026, 10, 29) + chrono::Days::new(27),
            },
            Attention {
                by_exam_until: None,
                route: None,
                certification: "cqe".into(),
                name: "CQE".into(),
                status: Status::Lapsed,
                cycle_end: date(2025, 1, 10),
                grace_until: date(2025, 7, 10),
            },
        ];
        s.warnings = vec!["a warning".into()];
        let extras = Extras {
            within: Some((
                Within {
                    amount: 6,
                    unit: WithinUnit::Months,
                },
                date(2027, 5, 25),
            )),
            calendar: Some(("out/dana.ics".into(), 1)),
        };
        assert_eq!(
            text(&s, &extras),
            "\
Dana Whitfield (C-1042): deadlines as of 2026-11-25, within 6 months (to 2027-05-25)

  ! CPIM is in its grace period: the cycle ended on 2026-07-31; renew by 2026-11-25 (today is the
    last day)
  ! CQE has lapsed: its grace period ended on 2025-07-10 (503 days ago); no renewal deadline is left

date        days left  certification  what           pace
2027-04-15        141  CMQ/OE         renewals open

Calendar: 1 event written to `out/dana.ics`.

Warnings
  - a warning
"
        );
        s.attention[0].grace_until = date(2026, 12, 15);
        assert!(
            text(&s, &extras).contains("renew by 2026-12-15 (20 days left)"),
            "{}",
            text(&s, &extras)
        );
    }

    #[test]
    fn nothing_due() {
        let mut s = dana();
        s.deadlines.clear();
        assert!(text(&s, &Extras::default()).ends_with("\n\nNo deadline ahead.\n"));
        let extras = Extras {
            within: Some((
                Within {
                    amount: 90,
                    unit: WithinUnit::Days,
                },
                date(2027, 2, 23),
            )),
            calendar: None,
        };
        assert!(text(&s, &extras).ends_with("\n\nNo deadline within 90 days.\n"));
    }

    #[test]
    fn ready_minimums_and_long_paces_wrap() {
        let mut s = dana();
        s.deadlines = vec![
            Deadline {
                ready: Some(true),
                units_needed: Some(Units::ZERO),
                ..renewal(Kind::CycleEnd, date(2027, 10, 15), None)
            },
            Deadline {
                minimums: vec![
                    Shortfall {
                        id: "power-skills".into(),
                        name: "Power skills".into(),
                        min: u("8"),
                        needed: u("2.5"),
                    },
                    Shortfall {
                        id: "education".into(),
                        name: String::new(),
                        min: u("35"),
                        needed: u("10"),
                    },
                ],
                ..renewal(
                    Kind::GraceEnd,
                    date(2028, 4, 15),
                    pace("1234.5", 16, "77.2"),
                )
            },
        ];
        let t = text(&s, &Extras::default());
        assert!(
            t.contains("cycle ends         every unit counted: ready to renew\n"),
            "{t}"
        );
        assert!(
            t.contains(
                "2028-04-15        507  CMQ/OE         grace period ends  1234.5 RU to go: 77.2 a month over 16\n                                                         months; minimums: 2.5 RU more in Power\n                                                         skills (at least 8), 10 RU more in\n                                                         education (at least 35)\n"
            ),
            "{t}"
        );
        for line in t.lines() {
            assert!(line.chars().count() <= WIDTH, "{line}");
            assert_eq!(line, line.trim_end());
        }
    }

    #[test]
    fn text_follows_the_width_given() {
        let s = dana();
        let narrow = text_for(&s, &Extras::default(), 70);
        for line in narrow.lines() {
            assert!(display_width(line) <= 70, "{line}");
        }
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&narrow), words(&text(&s, &Extras::default())));
    }

    #[test]
    fn descriptions_in_words() {
        let ds = dana().deadlines;
        assert_eq!(
            description(&ds[0], as_of()),
            "CMQ/OE: Certified Manager of Quality/Organizational Excellence (ASQ)\nRenewals are accepted from this day for the 2nd recertification cycle (2024-10-16 to 2027-10-15).\nAs of 2026-11-25, 9.5 RU still needed by 2027-10-15."
        );
        assert_eq!(
            description(&ds[1], as_of()),
            "CMQ/OE: Certified Manager of Quality/Organizational Excellence (ASQ)\nThe last day of the 2nd recertification cycle (2024-10-16 to 2027-10-15). A grace period follows, to 2028-04-15.\nAs of 2026-11-25, 9.5 RU to go: 1.0 a month over the 10 months left."
        );
        assert_eq!(
            description(&ds[2], as_of()),
            "CQE: Certified Quality Engineer (ASQ)\nEvery prerequisite is met on this day if your current roles go on. Run `certcheck check` to see what else is missing.\nProjected on 2026-11-25."
        );
        assert_eq!(
            description(&ds[3], as_of()),
            "CMQ/OE: Certified Manager of Quality/Organizational Excellence (ASQ)\nThe last day of the grace period after the 2nd recertification cycle, which ended on 2027-10-15: renew by this day or the certification lapses.\nAs of 2026-11-25, 9.5 RU to go: 0.6 a month over the 16 months left."
        );
        let ready = Deadline {
            ready: Some(true),
            units_needed: Some(Units::ZERO),
            ..renewal(Kind::RenewalWindowOpens, date(2027, 4, 15), None)
        };
        assert!(
            description(&ready, as_of())
                .ends_with("\nAs of 2026-11-25, every unit counted: ready to renew.")
        );
        assert_eq!(
            summary(&ds[3]),
            "CMQ/OE: grace period ends, last day to renew"
        );
        assert_eq!(cert_line("cpim", "cpim", ""), "CPIM");
        assert_eq!(cert_line("x-y", "", "Body"), "X/Y (Body)");
    }

    #[test]
    fn json_names_every_field() {
        let v: serde_json::Value =
            serde_json::from_str(&json(&dana(), &Extras::default())).unwrap();
        // (serde_json's map sorts the keys)
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        fn sorted(mut k: Vec<&'static str>) -> Vec<&'static str> {
            k.sort_unstable();
            k
        }
        assert_eq!(
            keys(&v),
            sorted(vec![
                "as_of",
                "profile",
                "within",
                "attention",
                "deadlines",
                "calendar",
                "warnings"
            ])
        );
        let d = &v["deadlines"][1];
        assert_eq!(
            keys(d),
            sorted(vec![
                "date",
                "days_left",
                "certification",
                "name",
                "issuer",
                "kind",
                "summary",
                "cycle",
                "cycle_number",
                "cycle_start",
                "cycle_end",
                "grace_until",
                "unit",
                "units_needed",
                "ready",
                "route",
                "pace",
                "minimums",
                "uid"
            ])
        );
        assert_eq!(
            keys(&d["pace"]),
            sorted(vec!["units_needed", "months_left", "per_month", "words"])
        );
        assert_eq!(d["kind"], "cycle-end");
        assert_eq!(d["pace"]["per_month"], 1);
        assert_eq!(
            d["pace"]["words"],
            "9.5 RU to go: 1.0 a month over the 10 months left"
        );
        assert_eq!(d["uid"], "C-1042/cmq-oe/cycle-1/cycle-end@certcheck");
        assert_eq!(v["deadlines"][2]["cycle"], serde_json::Value::Null);
        assert_eq!(v["deadlines"][2]["uid"], "C-1042/cqe/eligible@certcheck");
    }
}
