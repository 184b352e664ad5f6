//! The JSON report of `screen`: JSON Lines, one object per profile, in
//! input order. A judged profile's object is `check --format json`'s report
//! (see shared/spec/cli.md) on one line, with two more fields: `source`
//! (`path`, or `path:line` for JSON Lines) and `errors` (empty); like the
//! report, it has `month_dates` only where the profile has a month date. A bad
//! profile's object has the same fields: no results, its `profile.name`
//! null, and its problems in `errors`, each with `file`, `line`, `column`,
//! `message` and `help`.
//!
//! The line is written by hand, field by field, rather than through
//! serde_json: a screening writes a hundred thousand of them, and serde
//! escapes every field name on every line (a fifth of the whole run). The
//! text is byte for byte what serde_json writes for the same values from
//! the report types' `Serialize`: the tests hold the two to that, so the
//! derives stay the one definition of the contract.

use std::fmt;

use crate::dates::{Date, Ymd};
use crate::error::Diagnostic;
use crate::eval::{
    CarryOverResult, CategoryResult, CertResult, Detail, ExamPathResult, GroupResult, Renewal,
    RequirementResult, RoleCount, Route, Status, Warning,
};
use crate::profile::model::{ExamPass, MonthDate};
use crate::rules::model::{Counting, Level};
use crate::scan::plain_len;
use crate::screen::Screened;
use crate::units::Units;

/// `,"name":value`: every field but an object's first (which the caller
/// writes with its brace). Field names are plain ASCII, written as they
/// are, with their comma and colon as one constant.
macro_rules! field {
    ($w:expr, $name:literal, $value:expr) => {
        $w.field(concat!(",\"", $name, "\":"), $value)
    };
}

/// Appends the line of one screened profile (with its newline) to `out`.
pub fn push_line(out: &mut Vec<u8>, s: &Screened, as_of: Date) {
    // (a line is a few kilobytes: grown once here, not piece by piece)
    out.reserve(4096);
    let mut w = Writer(out);
    w.raw("{\"source\":");
    w.str(&s.source);
    match &s.outcome {
        Ok(r) => {
            field!(w, "as_of", &r.as_of);
            w.raw(",\"profile\":{\"name\":");
            w.str(&r.profile.name);
            field!(w, "id", r.profile.id.as_str());
            w.raw("}");
            field!(w, "results", r.results.as_slice());
            field!(w, "warnings", r.warnings.as_slice());
            if !r.month_dates.is_empty() {
                field!(w, "month_dates", r.month_dates.as_slice());
            }
            w.raw(",\"errors\":[]");
        }
        Err(diags) => {
            field!(w, "as_of", &as_of);
            w.raw(",\"profile\":{\"name\":null");
            field!(w, "id", s.id.as_str());
            w.raw("},\"results\":[],\"warnings\":[]");
            field!(w, "errors", diags.as_slice());
        }
    }
    w.raw("}\n");
}

/// Appends JSON text to a buffer.
struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    /// `,"name":value` (see [`field!`]), its first part a constant.
    fn field<T: Json + ?Sized>(&mut self, comma_name: &'static str, value: &T) {
        self.raw(comma_name);
        value.write(self);
    }

    /// A JSON string, escaped as serde_json escapes it.
    fn str(&mut self, s: &str) {
        self.0.push(b'"');
        self.escaped(s);
        self.0.push(b'"');
    }

    /// The inside of a JSON string: `"` and `\` escaped, control characters
    /// as `\n`, `\t`, ... or `\u00XX` (lowercase hex), the rest as it is.
    fn escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let run = plain_len(&bytes[at..]);
            self.0.extend_from_slice(&bytes[at..at + run]);
            at += run;
            let Some(&b) = bytes.get(at) else {
                break;
            };
            match b {
                b'"' => self.raw("\\\""),
                b'\\' => self.raw("\\\\"),
                b'\x08' => self.raw("\\b"),
                b'\x0c' => self.raw("\\f"),
                b'\n' => self.raw("\\n"),
                b'\r' => self.raw("\\r"),
                b'\t' => self.raw("\\t"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.raw("\\u00");
                    self.0.push(HEX[usize::from(b >> 4)]);
                    self.0.push(HEX[usize::from(b & 0xf)]);
                }
            }
            at += 1;
        }
    }

    fn int(&mut self, n: impl itoa::Integer) {
        self.raw(itoa::Buffer::new().format(n));
    }

    /// A list: `[a,b,c]`.
    fn list<T: Json>(&mut self, items: &[T]) {
        self.0.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            item.write(self);
        }
        self.0.push(b']');
    }

    /// `value` written as the inside of a JSON string: straight into the
    /// output in the pieces it is written in, then, only if something in it
    /// needs escaping (rare in a summary), escaped over again.
    fn display(&mut self, value: impl fmt::Display) {
        let start = self.0.len();
        // (writing into a Vec cannot fail)
        let _ = fmt::write(&mut Raw(self.0), format_args!("{value}"));
        let written = &self.0[start..];
        if plain_len(written) < written.len() {
            let text = String::from_utf8_lossy(written).into_owned();
            self.0.truncate(start);
            self.escaped(&text);
        }
    }
}

/// A fmt sink that appends what it is given as it is.
struct Raw<'a>(&'a mut Vec<u8>);

impl fmt::Write for Raw<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// A value that can write itself as JSON.
trait Json {
    fn write(&self, w: &mut Writer<'_>);
}

impl Json for str {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self);
    }
}

impl Json for &str {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self);
    }
}

impl Json for String {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self);
    }
}

impl<T: Json> Json for [T] {
    fn write(&self, w: &mut Writer<'_>) {
        w.list(self);
    }
}

impl<T: Json> Json for Vec<T> {
    fn write(&self, w: &mut Writer<'_>) {
        w.list(self);
    }
}

impl<T: Json> Json for Option<T> {
    fn write(&self, w: &mut Writer<'_>) {
        match self {
            Some(v) => v.write(w),
            None => w.raw("null"),
        }
    }
}

impl Json for bool {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl Json for i64 {
    fn write(&self, w: &mut Writer<'_>) {
        w.int(*self);
    }
}

impl Json for u32 {
    fn write(&self, w: &mut Writer<'_>) {
        w.int(*self);
    }
}

impl Json for usize {
    fn write(&self, w: &mut Writer<'_>) {
        w.int(*self);
    }
}

impl Json for Date {
    /// `"2026-11-25"`; a year outside 0 to 9999 as chrono writes it.
    fn write(&self, w: &mut Writer<'_>) {
        match Ymd(*self).bytes() {
            Some(text) => {
                w.0.push(b'"');
                w.0.extend_from_slice(&text);
                w.0.push(b'"');
            }
            None => serde(w, self),
        }
    }
}

impl Json for Units {
    /// As its `Serialize`: a whole number as an integer, else the exact
    /// decimal, which is what [`Units::text`] writes (and, below 10^12,
    /// the shortest float text of it).
    fn write(&self, w: &mut Writer<'_>) {
        if self.thousandths().unsigned_abs() < 1_000_000_000_000_000 {
            w.raw(self.text(&mut [0; 24]));
        } else {
            serde(w, self);
        }
    }
}

impl Json for Status {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self.id());
    }
}

impl Json for Route {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self.id());
    }
}

impl Json for Level {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self.id());
    }
}

impl Json for Counting {
    fn write(&self, w: &mut Writer<'_>) {
        w.str(self.id());
    }
}

/// A value written by serde_json, for the rare ones not written by hand.
fn serde<T: serde::Serialize>(w: &mut Writer<'_>, value: &T) {
    let start = w.0.len();
    if serde_json::to_writer(&mut *w.0, value).is_err() {
        w.0.truncate(start);
        w.raw("null");
    }
}

impl Json for CertResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"certification\":");
        w.str(self.certification);
        field!(w, "name", &self.name);
        field!(w, "issuer", &self.issuer);
        field!(w, "edition", &self.edition);
        field!(w, "status", &self.status);
        field!(w, "eligible_on", &self.eligible_on);
        field!(w, "requirements", &self.requirements);
        field!(w, "renewal", &self.renewal);
        w.raw("}");
    }
}

impl Json for RequirementResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        field!(w, "name", &self.name);
        field!(w, "met", &self.met);
        w.raw(",\"summary\":\"");
        w.display(self.summary_display());
        w.raw("\"");
        field!(w, "met_on", &self.met_on);
        field!(w, "detail", &self.detail);
        field!(w, "met_by", &self.met_by);
        w.raw("}");
    }
}

impl Json for RoleCount<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"role\":");
        w.str(&self.role);
        field!(w, "counted", &self.counted);
        field!(w, "reasons", &self.reasons);
        field!(w, "missing_tags", &self.missing_tags);
        w.raw("}");
    }
}

impl Json for Detail<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"kind\":");
        match self {
            Detail::Experience {
                counted_days,
                required_days,
                base_required_days,
                waived_months,
                waiver_level,
                window_from,
                counting,
                counted_months,
                required_months,
                roles,
            } => {
                w.raw("\"experience\"");
                field!(w, "counted_days", counted_days);
                field!(w, "required_days", required_days);
                field!(w, "base_required_days", base_required_days);
                field!(w, "waived_months", waived_months);
                field!(w, "waiver_level", waiver_level);
                field!(w, "window_from", window_from);
                field!(w, "counting", counting);
                field!(w, "counted_months", counted_months);
                field!(w, "required_months", required_months);
                field!(w, "roles", roles);
            }
            Detail::Degree {
                required,
                tags,
                highest,
            } => {
                w.raw("\"degree\"");
                field!(w, "required", required);
                field!(w, "tags", tags);
                field!(w, "highest", highest);
            }
            Detail::Training {
                hours_counted,
                hours_required,
            } => {
                w.raw("\"training\"");
                field!(w, "hours_counted", hours_counted);
                field!(w, "hours_required", hours_required);
            }
            Detail::Certification { id, status } => {
                w.raw("\"certification\"");
                field!(w, "id", id);
                field!(w, "status", status);
            }
            Detail::Projects { counted, required } => {
                w.raw("\"projects\"");
                field!(w, "counted", counted);
                field!(w, "required", required);
            }
            Detail::Path { requires } => {
                w.raw("\"path\"");
                field!(w, "requires", requires);
            }
            Detail::Recertification {
                units_counted,
                units_required,
            } => {
                w.raw("\"recertification\"");
                field!(w, "units_counted", units_counted);
                field!(w, "units_required", units_required);
            }
            Detail::Exam { met_path, paths } => {
                w.raw("\"exam\"");
                field!(w, "met_path", met_path);
                field!(w, "paths", paths);
            }
        }
        w.raw("}");
    }
}

impl Json for ExamPathResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        field!(w, "name", &self.name);
        field!(w, "met", &self.met);
        field!(w, "passed", &self.passed);
        field!(w, "missing", &self.missing);
        field!(w, "deadline", &self.deadline);
        field!(w, "window_ok", &self.window_ok);
        field!(w, "withdrawn", &self.withdrawn);
        field!(w, "for_holders_of", &self.for_holders_of);
        field!(w, "open", &self.open);
        w.raw("}");
    }
}

impl Json for MonthDate {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"field\":");
        w.str(self.field.id());
        field!(w, "entry", &self.entry);
        field!(w, "of", self.of.as_str());
        field!(w, "month", self.month.as_str());
        field!(w, "read_as", &self.read_as);
        w.raw("}");
    }
}

impl Json for ExamPass {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(&self.id);
        field!(w, "passed", &self.passed);
        w.raw("}");
    }
}

impl Json for Renewal<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"cycle\":");
        w.int(self.cycle);
        w.raw(",\"cycle_number\":");
        w.int(self.cycle_number);
        field!(w, "edition", &self.edition);
        field!(w, "cycle_start", &self.cycle_start);
        field!(w, "cycle_end", &self.cycle_end);
        field!(w, "grace_until", &self.grace_until);
        field!(w, "by_exam_until", &self.by_exam_until);
        field!(w, "route", &self.route);
        field!(w, "days_left", &self.days_left);
        field!(w, "window_opens", &self.window_opens);
        field!(w, "unit", &self.unit);
        field!(w, "units_required", &self.units_required);
        field!(w, "late_units", &self.late_units);
        field!(w, "units_counted", &self.units_counted);
        field!(w, "units_needed", &self.units_needed);
        field!(w, "ready", &self.ready);
        field!(w, "categories", &self.categories);
        field!(w, "groups", &self.groups);
        field!(w, "carry_over", &self.carry_over);
        w.raw("}");
    }
}

impl Json for CategoryResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        field!(w, "name", &self.name);
        field!(w, "earned", &self.earned);
        field!(w, "counted", &self.counted);
        field!(w, "min", &self.min);
        field!(w, "max", &self.max);
        field!(w, "max_share", &self.max_share);
        field!(w, "over_cap", &self.over_cap);
        field!(w, "needed", &self.needed);
        field!(w, "parent", &self.parent);
        w.raw("}");
    }
}

impl Json for GroupResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        field!(w, "name", &self.name);
        field!(w, "categories", &self.categories);
        field!(w, "counted", &self.counted);
        field!(w, "min", &self.min);
        field!(w, "max", &self.max);
        field!(w, "over_cap", &self.over_cap);
        field!(w, "needed", &self.needed);
        w.raw("}");
    }
}

impl Json for CarryOverResult {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"units\":");
        self.units.write(w);
        field!(w, "from_start", &self.from_start);
        field!(w, "from_end", &self.from_end);
        w.raw("}");
    }
}

/// As its sentence, escaped while it is written (never a `String`).
impl Json for Warning<'_> {
    fn write(&self, w: &mut Writer) {
        struct Escaping<'w, 'b>(&'w mut Writer<'b>);
        impl fmt::Write for Escaping<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0.escaped(s);
                Ok(())
            }
        }
        w.raw("\"");
        // writing into a Vec cannot fail
        let _ = fmt::Write::write_fmt(&mut Escaping(w), format_args!("{self}"));
        w.raw("\"");
    }
}

impl Json for Diagnostic {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"file\":");
        w.str(&self.file);
        field!(w, "line", &self.line);
        field!(w, "column", &self.column);
        field!(w, "message", &self.message);
        field!(w, "help", &self.help);
        w.raw("}");
    }
}

#[cfg(test)]
mod tests;
