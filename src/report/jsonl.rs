//! The JSON report of `screen`: JSON Lines, one object per profile, in
//! input order. A judged profile's object is `check --format json`'s report
//! (see shared/spec/cli.md) on one line, with two more fields: `source`
//! (`path`, or `path:line` for JSON Lines) and `errors` (empty). A bad
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
    RequirementResult, Status,
};
use crate::profile::json::plain_len;
use crate::profile::model::ExamPass;
use crate::rules::model::Level;
use crate::screen::Screened;
use crate::units::Units;

/// Appends the line of one screened profile (with its newline) to `out`.
pub fn push_line(out: &mut Vec<u8>, s: &Screened, as_of: Date) {
    let mut w = Writer(out);
    w.raw("{\"source\":");
    w.str(&s.source);
    match &s.outcome {
        Ok(r) => {
            w.field("as_of", &r.as_of);
            w.raw(",\"profile\":{\"name\":");
            w.str(&r.profile.name);
            w.field("id", r.profile.id.as_str());
            w.raw("}");
            w.field("results", r.results.as_slice());
            w.field("warnings", r.warnings.as_slice());
            w.raw(",\"errors\":[]");
        }
        Err(diags) => {
            w.field("as_of", &as_of);
            w.raw(",\"profile\":{\"name\":null");
            w.field("id", s.id.as_str());
            w.raw("},\"results\":[],\"warnings\":[]");
            w.field("errors", diags.as_slice());
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

    /// `,"name":value`: every field but an object's first (which the
    /// caller writes with its brace).
    fn field<T: Json + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.0.push(b',');
        self.key(name);
        value.write(self);
    }

    /// `"name":`; field names are plain ASCII, written as they are.
    fn key(&mut self, name: &'static str) {
        debug_assert_eq!(plain_len(name.as_bytes()), name.len());
        self.0.push(b'"');
        self.raw(name);
        self.0.extend_from_slice(b"\":");
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
}

/// A fmt sink that escapes what it is given into the writer: a summary is
/// written straight into its JSON string.
impl fmt::Write for Writer<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.escaped(s);
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
    /// decimal (what the shortest float text of it is, below 10^12).
    fn write(&self, w: &mut Writer<'_>) {
        let t = self.thousandths();
        if t % 1000 == 0 {
            w.int(t / 1000);
        } else if t.unsigned_abs() < 1_000_000_000_000_000 {
            if t < 0 {
                w.0.push(b'-');
            }
            let a = t.unsigned_abs();
            w.int(a / 1000);
            let r = a % 1000;
            let frac = [
                b'.',
                b'0' + (r / 100) as u8,
                b'0' + (r / 10 % 10) as u8,
                b'0' + (r % 10) as u8,
            ];
            // (r is not 0: the loop stops at a digit)
            let mut len = frac.len();
            while frac[len - 1] == b'0' {
                len -= 1;
            }
            w.0.extend_from_slice(&frac[..len]);
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

impl Json for Level {
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
        w.field("name", &self.name);
        w.field("issuer", &self.issuer);
        w.field("edition", &self.edition);
        w.field("status", &self.status);
        w.field("eligible_on", &self.eligible_on);
        w.field("requirements", &self.requirements);
        w.field("renewal", &self.renewal);
        w.raw("}");
    }
}

impl Json for RequirementResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        w.field("name", &self.name);
        w.field("met", &self.met);
        w.raw(",\"summary\":\"");
        // (writing into a Vec cannot fail)
        let _ = fmt::write(w, format_args!("{}", self.summary_display()));
        w.raw("\"");
        w.field("met_on", &self.met_on);
        w.field("detail", &self.detail);
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
            } => {
                w.raw("\"experience\"");
                w.field("counted_days", counted_days);
                w.field("required_days", required_days);
                w.field("base_required_days", base_required_days);
                w.field("waived_months", waived_months);
                w.field("waiver_level", waiver_level);
                w.field("window_from", window_from);
            }
            Detail::Degree { required, highest } => {
                w.raw("\"degree\"");
                w.field("required", required);
                w.field("highest", highest);
            }
            Detail::Training {
                hours_counted,
                hours_required,
            } => {
                w.raw("\"training\"");
                w.field("hours_counted", hours_counted);
                w.field("hours_required", hours_required);
            }
            Detail::Certification { id, status } => {
                w.raw("\"certification\"");
                w.field("id", id);
                w.field("status", status);
            }
            Detail::Projects { counted, required } => {
                w.raw("\"projects\"");
                w.field("counted", counted);
                w.field("required", required);
            }
            Detail::Path { requires } => {
                w.raw("\"path\"");
                w.field("requires", requires);
            }
            Detail::Recertification {
                units_counted,
                units_required,
            } => {
                w.raw("\"recertification\"");
                w.field("units_counted", units_counted);
                w.field("units_required", units_required);
            }
            Detail::Exam { met_path, paths } => {
                w.raw("\"exam\"");
                w.field("met_path", met_path);
                w.field("paths", paths);
            }
        }
        w.raw("}");
    }
}

impl Json for ExamPathResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        w.field("name", &self.name);
        w.field("met", &self.met);
        w.field("passed", &self.passed);
        w.field("missing", &self.missing);
        w.field("deadline", &self.deadline);
        w.field("window_ok", &self.window_ok);
        w.field("withdrawn", &self.withdrawn);
        w.raw("}");
    }
}

impl Json for ExamPass {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(&self.id);
        w.field("passed", &self.passed);
        w.raw("}");
    }
}

impl Json for Renewal<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"cycle\":");
        w.int(self.cycle);
        w.field("cycle_start", &self.cycle_start);
        w.field("cycle_end", &self.cycle_end);
        w.field("grace_until", &self.grace_until);
        w.field("days_left", &self.days_left);
        w.field("window_opens", &self.window_opens);
        w.field("unit", &self.unit);
        w.field("units_required", &self.units_required);
        w.field("late_units", &self.late_units);
        w.field("units_counted", &self.units_counted);
        w.field("units_needed", &self.units_needed);
        w.field("ready", &self.ready);
        w.field("categories", &self.categories);
        w.field("groups", &self.groups);
        w.field("carry_over", &self.carry_over);
        w.raw("}");
    }
}

impl Json for CategoryResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        w.field("name", &self.name);
        w.field("earned", &self.earned);
        w.field("counted", &self.counted);
        w.field("min", &self.min);
        w.field("max", &self.max);
        w.field("over_cap", &self.over_cap);
        w.field("needed", &self.needed);
        w.field("parent", &self.parent);
        w.raw("}");
    }
}

impl Json for GroupResult<'_> {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"id\":");
        w.str(self.id);
        w.field("name", &self.name);
        w.field("categories", &self.categories);
        w.field("counted", &self.counted);
        w.field("min", &self.min);
        w.field("max", &self.max);
        w.field("over_cap", &self.over_cap);
        w.field("needed", &self.needed);
        w.raw("}");
    }
}

impl Json for CarryOverResult {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"units\":");
        self.units.write(w);
        w.field("from_start", &self.from_start);
        w.field("from_end", &self.from_end);
        w.raw("}");
    }
}

impl Json for Diagnostic {
    fn write(&self, w: &mut Writer<'_>) {
        w.raw("{\"file\":");
        w.str(&self.file);
        w.field("line", &self.line);
        w.field("column", &self.column);
        w.field("message", &self.message);
        w.field("help", &self.help);
        w.raw("}");
    }
}

#[cfg(test)]
mod tests;
