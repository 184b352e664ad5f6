//! Calendar arithmetic: clamped year and month steps, month ends, and sets of
//! whole days.
//!
//! Every interval here is inclusive at both ends: a role from 2016-09-01 to
//! 2021-08-31 covers 1826 days.
//!
//! ```
//! use certcheck::dates::{add_years, date, days_for_months};
//! // 29 February falls to 28 February when the target year has no leap day.
//! assert_eq!(add_years(date(2020, 2, 29), 3), date(2023, 2, 28));
//! // A requirement of 10 years needs floor(10 x 365.25) counted days.
//! assert_eq!(days_for_months(120), 3652);
//! ```

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

/// A calendar day. The evaluator never reads the clock: every day it uses
/// comes from its input.
pub type Date = NaiveDate;

/// Builds a date from numbers known to be valid (tests and docs).
///
/// # Panics
/// Panics on an impossible date; never call it on user input.
pub fn date(y: i32, m: u32, d: u32) -> Date {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid literal date {y}-{m}-{d}"),
    }
}

/// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-30.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Parses `YYYY-MM` (a date known only to the month) into its year and
/// month, rejecting a month outside 01 to 12 and year 0000. `None` also
/// for any other shape (see [`month_shaped`]).
pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    if !month_shaped(s) {
        return None;
    }
    let year: i32 = s.get(0..4)?.parse().ok()?;
    let month: u32 = s.get(5..7)?.parse().ok()?;
    ((1..=12).contains(&month) && year >= 1).then_some((year, month))
}

/// Whether `s` has the shape `YYYY-MM` (whatever the numbers).
pub fn month_shaped(s: &str) -> bool {
    s.len() == 7
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The first day of a month (`None` outside chrono's range).
pub fn month_first(year: i32, month: u32) -> Option<Date> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The last day of a month: 28, 29 (February of a leap year), 30 or 31.
pub fn month_last(year: i32, month: u32) -> Option<Date> {
    month_first(year, month).map(month_end)
}

/// `d` moved by `months` calendar months; a day past the end of the target
/// month is clamped to its last day (31 August + 6 months = 28 or 29 February).
/// Saturates at chrono's range instead of panicking.
pub fn add_months(d: Date, months: i32) -> Date {
    let r = if months >= 0 {
        d.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        d.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    r.unwrap_or(if months >= 0 { Date::MAX } else { Date::MIN })
}

/// `d` moved by `years` calendar years: the same calendar day, with
/// 29 February falling to 28 February in a year without one.
pub fn add_years(d: Date, years: i32) -> Date {
    add_months(d, years.saturating_mul(12))
}

/// `d` moved by `days` days, saturating at chrono's range.
pub fn add_days(d: Date, days: i64) -> Date {
    let r = if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    r.unwrap_or(if days >= 0 { Date::MAX } else { Date::MIN })
}

/// The last day of `d`'s month.
pub fn month_end(d: Date) -> Date {
    let first = d.with_day(1).unwrap_or(d);
    add_days(add_months(first, 1), -1)
}

/// Days needed for a requirement of `months` months: floor(months x 365.25 / 12).
/// So 120 months (10 years) = 3652 days, 60 = 1826, 36 = 1095.
pub fn days_for_months(months: u32) -> i64 {
    (i64::from(months) * 1461) / 48
}

/// A day as a number (days since 0001-01-01), for interval arithmetic.
pub fn day_number(d: Date) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The inverse of [`day_number`], saturating at chrono's range.
pub fn from_day_number(n: i64) -> Date {
    let clamped = n.clamp(
        i64::from(Date::MIN.num_days_from_ce()),
        i64::from(Date::MAX.num_days_from_ce()),
    );
    NaiveDate::from_num_days_from_ce_opt(clamped as i32).unwrap_or(Date::MAX)
}

/// Whole days from `a` to `b` (negative when `b` is before `a`).
pub fn days_between(a: Date, b: Date) -> i64 {
    (b - a).num_days()
}

/// A length of calendar time: years, months and days, applied in that order
/// with month-end clamping (grace periods, windows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl Period {
    pub fn after(self, d: Date) -> Date {
        let m = self.years.saturating_mul(12).saturating_add(self.months);
        add_days(
            add_months(d, i32::try_from(m).unwrap_or(i32::MAX)),
            i64::from(self.days),
        )
    }
    pub fn before(self, d: Date) -> Date {
        let m = self.years.saturating_mul(12).saturating_add(self.months);
        add_days(
            add_months(d, -i32::try_from(m).unwrap_or(i32::MAX)),
            -i64::from(self.days),
        )
    }
    pub fn is_zero(self) -> bool {
        self == Period::default()
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        let plural = |n: u32, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if self.years > 0 {
            parts.push(plural(self.years, "year"));
        }
        if self.months > 0 {
            parts.push(plural(self.months, "month"));
        }
        if self.days > 0 || parts.is_empty() {
            parts.push(plural(self.days, "day"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// A set of whole days, kept as sorted, disjoint, non-adjacent inclusive
/// intervals of day numbers. Overlapping or touching intervals merge, so a
/// day covered twice counts once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaySet {
    /// (first, last) inclusive, sorted, with a gap of at least one day between.
    spans: Vec<(i64, i64)>,
    /// prefix[i] = days covered by spans[..i].
    prefix: Vec<i64>,
}

impl DaySet {
    /// The union of inclusive intervals (first, last) in day numbers; empty
    /// intervals (last < first) are ignored.
    pub fn from_intervals(mut iv: Vec<(i64, i64)>) -> DaySet {
        iv.retain(|(a, b)| a <= b);
        iv.sort_unstable();
        let mut spans: Vec<(i64, i64)> = Vec::with_capacity(iv.len());
        for (a, b) in iv {
            match spans.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => spans.push((a, b)),
            }
        }
        let mut prefix = Vec::with_capacity(spans.len() + 1);
        let mut acc = 0;
        prefix.push(0);
        for (a, b) in &spans {
            acc += b - a + 1;
            prefix.push(acc);
        }
        DaySet { spans, prefix }
    }

    pub fn spans(&self) -> &[(i64, i64)] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Days of the set on or before day `x`.
    pub fn count_through(&self, x: i64) -> i64 {
        // index of the first span starting after x
        let i = self.spans.partition_point(|(a, _)| *a <= x);
        if i == 0 {
            return 0;
        }
        let (a, b) = self.spans[i - 1];
        self.prefix[i - 1] + (x.min(b) - a + 1)
    }

    /// Days of the set in the inclusive range [from, to].
    pub fn count_in(&self, from: i64, to: i64) -> i64 {
        if to < from {
            return 0;
        }
        self.count_through(to) - self.count_through(from - 1)
    }

    pub fn contains(&self, x: i64) -> bool {
        self.count_in(x, x) == 1
    }

    /// The last day of the set, if any.
    pub fn last(&self) -> Option<i64> {
        self.spans.last().map(|s| s.1)
    }

    /// The first day of the set, if any.
    pub fn first(&self) -> Option<i64> {
        self.spans.first().map(|s| s.0)
    }
}

/// Whole months in `days` counted days: the largest m with
/// floor(m x 365.25 / 12) <= days, so 3652 days are 120 months (10 years),
/// matching how requirements are counted.
pub fn months_in_days(days: i64) -> i64 {
    if days <= 0 {
        return 0;
    }
    let mut m = days.saturating_mul(48) / 1461;
    while u32::try_from(m + 1).is_ok_and(|n| days_for_months(n) <= days) {
        m += 1;
    }
    m
}

/// The fewest whole months whose days ([`days_for_months`]) cover `days`:
/// [`months_in_days`] rounded up.
pub fn months_covering(days: i64) -> i64 {
    let m = months_in_days(days);
    if days <= 0 || u32::try_from(m).is_ok_and(|n| days_for_months(n) >= days) {
        m
    } else {
        m + 1
    }
}

/// An experience requirement in whole months for people: (counted,
/// short). The counted figure is rounded down and the shortfall up, so
/// that counted + short covers the requirement ("7 y 10 m of 8 y; 2 m
/// short", never "1 m short"); short is 0 exactly when `counted_days`
/// meet `required_days`.
pub fn shortfall_months(counted_days: i64, required_days: i64) -> (i64, i64) {
    let counted = months_in_days(counted_days);
    if counted_days >= required_days {
        return (counted, 0);
    }
    (counted, (months_covering(required_days) - counted).max(1))
}

/// A count of days in years and months for people: `8 y 4 m`, `10 y`,
/// `5 m`, `12 d`, using [`months_in_days`], so a requirement met to the day
/// shows its own figure (3652 days: `10 y`).
#[derive(Clone, Copy, Debug)]
pub struct DaysPhrase(pub i64);

impl fmt::Display for DaysPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0;
        if days < 0 {
            f.write_str("-")?;
        }
        let months = months_in_days(days.abs());
        if months == 0 {
            f.write_str(itoa::Buffer::new().format(days.unsigned_abs()))?;
            f.write_str(" d")
        } else {
            MonthsPhrase(u32::try_from(months).unwrap_or(u32::MAX)).fmt(f)
        }
    }
}

/// Months for people: `10 y`, `3 y 6 m`, `36 m` stays `3 y`.
#[derive(Clone, Copy, Debug)]
pub struct MonthsPhrase(pub u32);

impl fmt::Display for MonthsPhrase {
    // (written piece by piece: summaries write thousands of these)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m) = (self.0 / 12, self.0 % 12);
        let mut n = itoa::Buffer::new();
        if y > 0 {
            f.write_str(n.format(y))?;
            f.write_str(" y")?;
        }
        if m > 0 || y == 0 {
            if y > 0 {
                f.write_str(" ")?;
            }
            f.write_str(n.format(m))?;
            f.write_str(" m")?;
        }
        Ok(())
    }
}

/// Months in words, as rule files and their messages state lengths:
/// "10 years", "1 year", "18 months".
pub(crate) fn show_months(m: u32) -> String {
    let plural = |n: u32, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if m.is_multiple_of(12) {
        plural(m / 12, "year")
    } else {
        plural(m, "month")
    }
}

/// A date as `2027-10-15`, written without the formatting machinery (the
/// reports write several a profile); a year outside 0 to 9999 as chrono
/// writes it. Ignores width and fill, as chrono's `Display` does.
#[derive(Clone, Copy, Debug)]
pub struct Ymd(pub Date);

impl Ymd {
    /// The ten bytes of `YYYY-MM-DD`, for a year from 0 to 9999.
    pub fn bytes(self) -> Option<[u8; 10]> {
        let d = self.0;
        let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        let mut text = *b"0000-00-00";
        for (n, at) in [(year, 0..4), (d.month(), 5..7), (d.day(), 8..10)] {
            let mut n = n;
            for b in text[at].iter_mut().rev() {
                *b = b'0' + (n % 10) as u8;
                n /= 10;
            }
        }
        Some(text)
    }

    /// Appends the date to `out` (the bytes where it can, else chrono's
    /// text).
    pub fn push_to(self, out: &mut String) {
        match self.bytes() {
            // (ASCII digits and dashes)
            Some(b) => out.push_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => out.push_str(&self.0.to_string()),
        }
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bytes() {
            // (ASCII digits and dashes only)
            Some(b) => f.write_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => write!(f, "{}", self.0),
        }
    }
}

/// The first day certcheck reads, writes or reports.
pub const FIRST_DAY: Date = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last day certcheck reads, writes or reports: dates are written as
/// `YYYY-MM-DD` (JSON, iCalendar, the tables), and a year past 9999 has no
/// such form.
pub const LAST_DAY: Date = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether `d` is within [`FIRST_DAY`] to [`LAST_DAY`].
pub fn in_range(d: Date) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&d)
}

/// How far a report's dates can be from the dates they are computed from,
/// at most, with room to spare: each period a rule states is bounded
/// (docs/rules.md), and a computed date adds a few of them to a profile's
/// date or the as-of date (an exam's validity, a cycle rolled to the as-of
/// date and its grace period, an eligibility date). With every period of
/// the built-in rules at its largest, reports reach between 400 and 600
/// years past their dates (`screen::tests`, which fails for a reach of 400).
pub const REPORT_REACH_YEARS: i32 = 1000;

/// Whether a report computed from these dates (the as-of date and a
/// profile's) may hold a date outside [`FIRST_DAY`] to [`LAST_DAY`]: when
/// every one is more than [`REPORT_REACH_YEARS`] from both ends, none can,
/// and the walk of the whole report ([`first_out_of_range`]) is not needed.
pub fn may_leave_range(mut dates: impl Iterator<Item = Date>) -> bool {
    let low = FIRST_DAY.year() + REPORT_REACH_YEARS;
    let high = LAST_DAY.year() - REPORT_REACH_YEARS;
    dates.any(|d| !(low..=high).contains(&d.year()))
}

/// The first date in `value`, as serde writes it, that is outside
/// [`FIRST_DAY`] to [`LAST_DAY`], in chrono's words (`+10001-12-02`,
/// `0000-03-01`); `None` when every date is within them. A report is
/// checked with this before it is shown: its dates are computed from the
/// profile's (a cycle's end, a deadline), and may fall past 9999 when
/// those are near it.
///
/// (A date serializes through `collect_str`; a string serializes through
/// `serialize_str` and is never taken for one.)
pub fn first_out_of_range<T: serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    match value.serialize(range::Finder) {
        Err(range::Found(Some(text))) => Some(text),
        _ => None,
    }
}

mod range {
    //! A serializer that writes nothing and stops at the first date out
    //! of range (see [`super::first_out_of_range`]).

    use std::fmt::{self, Write};

    use serde::ser::{self, Serialize};

    #[derive(Debug)]
    pub(super) struct Found(pub Option<String>);

    impl fmt::Display for Found {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date out of range")
        }
    }
    impl std::error::Error for Found {}
    impl ser::Error for Found {
        fn custom<T: fmt::Display>(_: T) -> Found {
            Found(None)
        }
    }

    /// The first 16 bytes of a text and its length: enough to tell a
    /// date, which is shorter, without allocating.
    #[derive(Default)]
    struct Head {
        bytes: [u8; 16],
        len: usize,
    }

    impl Write for Head {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            for &b in s.as_bytes() {
                if let Some(slot) = self.bytes.get_mut(self.len) {
                    *slot = b;
                }
                self.len += 1;
            }
            // Stop writing a text as soon as it cannot be a date out of
            // range: most dates (from year 1000 on), and the sentences
            // (requirement summaries, warnings) written the same way.
            let could_be = match self.bytes[0] {
                b'+' | b'-' => true,
                b'0' => self.bytes[..self.len.min(4)].iter().all(|&b| b == b'0'),
                _ => self.len == 0,
            };
            if could_be && self.len <= self.bytes.len() {
                Ok(())
            } else {
                Err(fmt::Error)
            }
        }
    }

    /// Whether `text` is a date as chrono writes one outside 0001 to 9999:
    /// a signed year (`+10001-12-02`, `-0001-12-31`) or year `0000`.
    fn out_of_range(text: &[u8]) -> bool {
        let n = text.len();
        if n < 10 {
            return false;
        }
        let (year, md) = text.split_at(n - 6);
        let digit = |i: usize| md.get(i).is_some_and(u8::is_ascii_digit);
        let month_day = md.first() == Some(&b'-')
            && md.get(3) == Some(&b'-')
            && [1, 2, 4, 5].into_iter().all(digit);
        let (signed, digits) = match year.split_first() {
            Some((b'+' | b'-', rest)) => (true, rest),
            _ => (false, year),
        };
        month_day
            && digits.len() >= 4
            && digits.iter().all(u8::is_ascii_digit)
            && (signed || digits == b"0000")
    }

    /// The serializer, and every compound of it.
    pub(super) struct Finder;

    type R = Result<(), Found>;

    impl ser::Serializer for Finder {
        type Ok = ();
        type Error = Found;
        type SerializeSeq = Finder;
        type SerializeTuple = Finder;
        type SerializeTupleStruct = Finder;
        type SerializeTupleVariant = Finder;
        type SerializeMap = Finder;
        type SerializeStruct = Finder;
        type SerializeStructVariant = Finder;

        fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> R {
            let mut head = Head::default();
            // (an error is the writer's own "enough", above)
            let _ = write!(head, "{value}");
            match head.bytes.get(..head.len) {
                Some(text) if out_of_range(text) => {
                    Err(Found(Some(String::from_utf8_lossy(text).into_owned())))
                }
                _ => Ok(()),
            }
        }

        fn serialize_bool(self, _: bool) -> R {
            Ok(())
        }
        fn serialize_i8(self, _: i8) -> R {
            Ok(())
        }
        fn serialize_i16(self, _: i16) -> R {
            Ok(())
        }
        fn serialize_i32(self, _: i32) -> R {
            Ok(())
        }
        fn serialize_i64(self, _: i64) -> R {
            Ok(())
        }
        fn serialize_u8(self, _: u8) -> R {
            Ok(())
        }
        fn serialize_u16(self, _: u16) -> R {
            Ok(())
        }
        fn serialize_u32(self, _: u32) -> R {
            Ok(())
        }
        fn serialize_u64(self, _: u64) -> R {
            Ok(())
        }
        fn serialize_f32(self, _: f32) -> R {
            Ok(())
        }
        fn serialize_f64(self, _: f64) -> R {
            Ok(())
        }
        fn serialize_char(self, _: char) -> R {
            Ok(())
        }
        fn serialize_str(self, _: &str) -> R {
            Ok(())
        }
        fn serialize_bytes(self, _: &[u8]) -> R {
            Ok(())
        }
        fn serialize_none(self) -> R {
            Ok(())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn serialize_unit(self) -> R {
            Ok(())
        }
        fn serialize_unit_struct(self, _: &'static str) -> R {
            Ok(())
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
            Ok(())
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
            v.serialize(Finder)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            v: &T,
        ) -> R {
            v.serialize(Finder)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_tuple(self, _: usize) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Finder, Found> {
            Ok(Finder)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Finder, Found> {
            Ok(Finder)
        }
    }

    impl ser::SerializeSeq for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeTuple for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeTupleStruct for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeTupleVariant for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeMap for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> R {
            k.serialize(Finder)
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeStruct for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
    impl ser::SerializeStructVariant for Finder {
        type Ok = ();
        type Error = Found;
        fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> R {
            v.serialize(Finder)
        }
        fn end(self) -> R {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_end_on_their_last_day() {
        assert_eq!(parse_month("2013-03"), Some((2013, 3)));
        assert_eq!(parse_month("2013-12"), Some((2013, 12)));
        for bad in [
            "2013-13",
            "2013-00",
            "2013-3",
            "0000-01",
            "2013-03-01",
            "13-03",
            "2013/03",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert!(month_shaped("2013-13") && !month_shaped("2013-3"));
        assert_eq!(month_first(2013, 3), Some(date(2013, 3, 1)));
        assert_eq!(month_last(2013, 3), Some(date(2013, 3, 31)));
        assert_eq!(month_last(2013, 4), Some(date(2013, 4, 30)));
        assert_eq!(month_last(2013, 12), Some(date(2013, 12, 31)));
        // 29 February in leap years (2000 and 2024), 28 otherwise (1900, 2023)
        assert_eq!(month_last(2024, 2), Some(date(2024, 2, 29)));
        assert_eq!(month_last(2000, 2), Some(date(2000, 2, 29)));
        assert_eq!(month_last(1900, 2), Some(date(1900, 2, 28)));
        assert_eq!(month_last(2023, 2), Some(date(2023, 2, 28)));
        assert_eq!(month_last(9999, 12), Some(date(9999, 12, 31)));
    }

    #[test]
    fn dates_out_of_range_are_found_in_what_serde_writes() {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            name: &'a str,
            dates: Vec<Option<Date>>,
            span: (u32, Date),
        }
        let far = add_years(date(9999, 6, 1), 3);
        let ok = Report {
            // a name that reads like one is no date
            name: "+10001-12-02",
            dates: vec![Some(LAST_DAY), None, Some(FIRST_DAY)],
            span: (1, date(2026, 11, 25)),
        };
        assert_eq!(first_out_of_range(&ok), None);
        let past = Report {
            dates: vec![Some(date(2026, 1, 1)), Some(far)],
            ..ok
        };
        assert_eq!(first_out_of_range(&past).as_deref(), Some("+10002-06-01"));
        let zero = Report {
            span: (1, date(0, 3, 1)),
            dates: vec![],
            ..past
        };
        assert_eq!(first_out_of_range(&zero).as_deref(), Some("0000-03-01"));
        for fine in [date(123, 4, 5), date(1, 1, 1), date(999, 12, 31)] {
            assert_eq!(first_out_of_range(&fine), None, "{fine}");
        }
        assert_eq!(
            first_out_of_range(&Date::MAX).as_deref(),
            Some("+262142-12-31")
        );
        assert_eq!(
            first_out_of_range(&date(-1, 12, 31)).as_deref(),
            Some("-0001-12-31")
        );
        assert!(in_range(LAST_DAY) && in_range(FIRST_DAY));
        assert!(!in_range(add_days(LAST_DAY, 1)) && !in_range(add_days(FIRST_DAY, -1)));
    }

    #[test]
    fn five_calendar_years_are_1826_days() {
        let set = DaySet::from_intervals(vec![(
            day_number(date(2016, 9, 1)),
            day_number(date(2021, 8, 31)),
        )]);
        assert_eq!(set.count_in(i64::MIN / 2, i64::MAX / 2), 1826);
        assert!(set.count_in(0, i64::MAX / 2) >= days_for_months(60));
    }

    #[test]
    fn requirement_days() {
        assert_eq!(days_for_months(120), 3652);
        assert_eq!(days_for_months(60), 1826);
        assert_eq!(days_for_months(36), 1095);
    }

    #[test]
    fn leap_day_clamps() {
        assert_eq!(add_years(date(2020, 2, 29), 1), date(2021, 2, 28));
        assert_eq!(add_years(date(2020, 2, 29), 4), date(2024, 2, 29));
        assert_eq!(add_months(date(2023, 8, 31), 6), date(2024, 2, 29));
        assert_eq!(add_months(date(2022, 8, 31), 6), date(2023, 2, 28));
        assert_eq!(month_end(date(2024, 2, 3)), date(2024, 2, 29));
        assert_eq!(month_end(date(2023, 12, 31)), date(2023, 12, 31));
    }

    #[test]
    fn overlapping_and_adjacent_merge() {
        let s = DaySet::from_intervals(vec![(1, 10), (5, 12), (13, 13), (20, 19), (30, 31)]);
        assert_eq!(s.spans(), &[(1, 13), (30, 31)]);
        assert_eq!(s.count_in(0, 100), 15);
        assert_eq!(s.count_in(12, 30), 3);
        assert_eq!(s.count_through(0), 0);
    }

    #[test]
    fn months_round_trip_with_requirement_days() {
        assert_eq!(months_in_days(3652), 120);
        assert_eq!(months_in_days(3651), 119);
        assert_eq!(months_in_days(1826), 60);
        assert_eq!(months_in_days(1095), 36);
        assert_eq!(months_in_days(0), 0);
        assert_eq!(months_in_days(-5), 0);
        for m in 0..400u32 {
            assert_eq!(months_in_days(days_for_months(m)), i64::from(m));
        }
        assert!(months_in_days(i64::MAX) > 0);
        assert_eq!(DaysPhrase(3652).to_string(), "10 y");
        assert_eq!(DaysPhrase(3651).to_string(), "9 y 11 m");
        assert_eq!(DaysPhrase(12).to_string(), "12 d");
        assert_eq!(MonthsPhrase(100).to_string(), "8 y 4 m");
        assert_eq!(MonthsPhrase(0).to_string(), "0 m");
    }

    #[test]
    fn months_in_words() {
        assert_eq!(show_months(120), "10 years");
        assert_eq!(show_months(12), "1 year");
        assert_eq!(show_months(18), "18 months");
        assert_eq!(show_months(1), "1 month");
        assert_eq!(show_months(0), "0 years");
    }

    #[test]
    fn parse_rejects_impossible() {
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("2024-02-29"), Some(date(2024, 2, 29)));
        assert_eq!(parse_date("2024-2-29"), None);
        assert_eq!(parse_date("+024-02-29"), None);
    }
}

#[cfg(test)]
mod shortfall_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seven_years_ten_months_of_eight_is_two_months_short() {
        let required = days_for_months(96);
        // 7 y 10 m and a day over: 1 m and some days short in days
        let counted = days_for_months(94) + 1;
        assert_eq!(shortfall_months(counted, required), (94, 2));
        assert_eq!(shortfall_months(required - 1, required), (95, 1));
        assert_eq!(shortfall_months(required, required), (96, 0));
        assert_eq!(shortfall_months(0, required), (0, 96));
        assert_eq!(shortfall_months(0, 0), (0, 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Counted (rounded down) and short (rounded up) add up to cover
        /// the requirement, in months and in days; short is 0 exactly when
        /// the requirement is met, and is never more than the shortfall in
        /// days rounded up plus the month the counted figure lost.
        #[test]
        fn shortfalls_add_up(counted in 0i64..40_000, required in 0i64..40_000) {
            let (c, s) = shortfall_months(counted, required);
            prop_assert!(s >= 0);
            prop_assert_eq!(s == 0, counted >= required);
            prop_assert_eq!(c, months_in_days(counted));
            let total = u32::try_from(c + s).expect("small");
            if s == 0 {
                // met: the counted figure, rounded down, is not below the
                // requirement's own (rounded down too)
                prop_assert!(c >= months_in_days(required));
            } else {
                prop_assert!(days_for_months(total) >= required);
                prop_assert!(c + s >= months_covering(required));
            }
            if s > 0 {
                // not more than needed: one month less would not cover it
                prop_assert!(days_for_months(total - 1) < required);
                prop_assert!(s <= months_covering(required - counted) + 1);
            }
        }

        /// Requirements as rules state them, in whole months: counted +
        /// short is exactly the requirement while it is not met, and the
        /// counted figure alone covers it once it is.
        #[test]
        fn whole_month_requirements_add_up(counted in 0i64..40_000, months in 0u32..1_200) {
            let required = days_for_months(months);
            let (c, s) = shortfall_months(counted, required);
            prop_assert_eq!(s == 0, counted >= required);
            if s > 0 {
                prop_assert_eq!(c + s, i64::from(months));
            } else {
                prop_assert!(c >= i64::from(months));
            }
        }

        #[test]
        fn months_covering_is_the_least_cover(days in 0i64..40_000) {
            let m = months_covering(days);
            let n = u32::try_from(m).expect("small");
            prop_assert!(days_for_months(n) >= days);
            prop_assert!(n == 0 || days_for_months(n - 1) < days);
        }
    }
}
