//! The deadlines as an RFC 5545 calendar (`deadlines --ics FILE`): one
//! all-day event per deadline, each with two reminders.
//!
//! The output depends on the input only: the DTSTAMP is midnight UTC of the
//! as-of date, and each event's UID is built from the profile's id, the
//! certification, the recertification cycle and the kind of deadline, never
//! from the date or the clock, so importing a later export again updates the
//! events instead of adding copies. Lines end in CRLF and are folded at 75
//! octets; TEXT values are escaped.

use crate::dates::{Date, add_days};
use crate::eval::deadlines::{Deadline, Schedule};

use super::deadlines::{description, summary, uid};

/// The calendar's product identifier.
pub const PRODID: &str = "-//certcheck//certcheck deadlines//EN";

/// Reminders before each deadline, as RFC 5545 durations.
pub const ALARMS: [&str; 2] = ["-P90D", "-P30D"];

/// Longest content line, in octets, before folding.
const FOLD_AT: usize = 75;

/// The whole calendar, CRLF line endings, ending with CRLF.
pub fn render(s: &Schedule) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("Certification deadlines: {}", s.profile.name))
        ),
    ];
    for d in &s.deadlines {
        event(&mut lines, s, d);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        out.push_str(&fold(l));
        out.push_str("\r\n");
    }
    out
}

fn event(lines: &mut Vec<String>, s: &Schedule, d: &Deadline) {
    let title = escape_text(&summary(d));
    lines.extend([
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", uid(&s.profile.id, d)),
        format!("DTSTAMP:{}", dtstamp(s.as_of)),
        format!("SEQUENCE:{}", sequence(s.as_of)),
        format!("DTSTART;VALUE=DATE:{}", ics_date(d.date)),
        format!("DTEND;VALUE=DATE:{}", ics_date(add_days(d.date, 1))),
        format!("SUMMARY:{title}"),
        format!("DESCRIPTION:{}", escape_text(&description(d, s.as_of))),
        "TRANSP:TRANSPARENT".to_string(),
    ]);
    for trigger in ALARMS {
        lines.extend([
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!("DESCRIPTION:{title}"),
            format!("TRIGGER:{trigger}"),
            "END:VALARM".to_string(),
        ]);
    }
    lines.push("END:VEVENT".into());
}

/// `20261125`
fn ics_date(d: Date) -> String {
    d.format("%Y%m%d").to_string()
}

/// Midnight UTC of the as-of date: `20261125T000000Z`.
fn dtstamp(as_of: Date) -> String {
    format!("{}T000000Z", ics_date(as_of))
}

/// The as-of date as a number (`20261125`): a later export carries a higher
/// SEQUENCE, which calendar programs read as a newer version of the event.
fn sequence(as_of: Date) -> String {
    ics_date(as_of).trim_start_matches('0').to_string()
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon and comma
/// get a backslash, a line break becomes `\n`; other control characters,
/// which TEXT may not hold, are dropped.
pub fn escape_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded (RFC 5545 3.1): at most 75 octets a line, each
/// continuation starting with one space; never inside a UTF-8 character.
/// Without its CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / FOLD_AT * 3);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::eval::ProfileRef;
    use crate::eval::deadlines::Kind;

    fn d(kind: Kind, cycle: Option<u32>) -> Deadline {
        Deadline {
            route: None,
            date: date(2027, 10, 15),
            days_left: 324,
            certification: "cmq-oe".into(),
            name: "Certified Manager of Quality/Organizational Excellence".into(),
            issuer: "ASQ".into(),
            kind,
            cycle,
            cycle_start: cycle.map(|_| date(2024, 10, 16)),
            cycle_end: cycle.map(|_| date(2027, 10, 15)),
            grace_until: cycle.map(|_| date(2028, 4, 15)),
            unit: cycle.map(|_| "RU".to_string()),
            units_needed: cycle.map(|_| "9.5".parse().unwrap()),
            pace: None,
            ready: cycle.map(|_| false),
            minimums: vec![],
        }
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        assert_eq!(
            uid("C-1042", &d(Kind::CycleEnd, Some(1))),
            "C-1042/cmq-oe/cycle-1/cycle-end@certcheck"
        );
        assert_eq!(
            uid("C-1042", &d(Kind::Eligible, None)),
            "C-1042/cmq-oe/eligible@certcheck"
        );
        // separators inside ids cannot make two UIDs meet
        assert_eq!(
            uid("a/b c;é", &d(Kind::GraceEnd, Some(0))),
            "a%2Fb%20c%3B%C3%A9/cmq-oe/cycle-0/grace-end@certcheck"
        );
        let mut x = d(Kind::CycleEnd, Some(1));
        x.certification = "b/cmq-oe".into();
        assert_ne!(
            uid("a", &x),
            uid("a/b", &d(Kind::CycleEnd, Some(1))),
            "a profile id with a slash is not another certification"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h\ti: ok"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng".to_string() + "h\ti: ok"
        );
    }

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let short = "X".repeat(75);
        assert_eq!(fold(&short), short);
        let long = "Y".repeat(200);
        let folded = fold(&long);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(parts[0].len(), 75);
        assert!(
            parts[1..]
                .iter()
                .all(|p| p.starts_with(' ') && p.len() <= 75)
        );
        assert_eq!(folded.replace("\r\n ", ""), long);
        // three-octet characters are never split
        let wide = "é€".repeat(40);
        let folded = fold(&wide);
        for p in folded.split("\r\n") {
            assert!(p.len() <= 75, "{p}");
        }
        assert_eq!(folded.replace("\r\n ", ""), wide);
    }

    #[test]
    fn an_empty_schedule_is_still_a_calendar() {
        let s = Schedule {
            as_of: date(2026, 11, 25),
            profile: ProfileRef {
                name: "Pat, \"the\" Planner".into(),
                id: "pat".into(),
            },
            attention: vec![],
            deadlines: vec![],
            warnings: vec![],
        };
        assert_eq!(
            render(&s),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//certcheck//certcheck deadlines//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Certification deadlines: Pat\\, \"the\" Planner\r\nEND:VCALENDAR\r\n"
        );
    }

    #[test]
    fn one_event_in_full() {
        let s = Schedule {
            as_of: date(2026, 11, 25),
            profile: ProfileRef {
                name: "Dana Whitfield".into(),
                id: "C-1042".into(),
            },
            attention: vec![],
            deadlines: vec![d(Kind::RenewalWindowOpens, Some(1))],
            warnings: vec![],
        };
        let text = render(&s);
        let event: String = text.split("BEGIN:VEVENT\r\n").nth(1).unwrap().to_string();
        assert_eq!(
            event,
            "UID:C-1042/cmq-oe/cycle-1/renewal-window-opens@certcheck\r
DTSTAMP:20261125T000000Z\r
SEQUENCE:20261125\r
DTSTART;VALUE=DATE:20271015\r
DTEND;VALUE=DATE:20271016\r
SUMMARY:CMQ/OE: renewal window opens\r
DESCRIPTION:CMQ/OE: Certified Manager of Quality/Organizational Excellence \r
 (ASQ)\\nRenewals are accepted from this day for the 2nd recertification cyc\r
 le (2024-10-16 to 2027-10-15).\\nAs of 2026-11-25\\, 9.5 RU still needed by \r
 2027-10-15.\r
TRANSP:TRANSPARENT\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:CMQ/OE: renewal window opens\r
TRIGGER:-P90D\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:CMQ/OE: renewal window opens\r
TRIGGER:-P30D\r
END:VALARM\r
END:VEVENT\r
END:VCALENDAR\r
"
        );
    }
}
