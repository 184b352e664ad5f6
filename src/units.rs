//! Exact decimal units (RU, PDU, points, hours), with at most 3 decimal
//! places, kept as whole thousandths. Sums are exact: 0.1 added 180 times is
//! exactly 18.
//!
//! ```
//! use certcheck::units::Units;
//! let tenth: Units = "0.1".parse().unwrap();
//! let total: Units = std::iter::repeat(tenth).take(180).sum();
//! assert_eq!(total, "18".parse().unwrap());
//! assert_eq!(total.to_string(), "18");
//! ```

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

/// A non-negative or negative decimal with exactly three implied decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Units(i64);

/// Why a text is not a valid unit amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitsError {
    /// Not a decimal number at all.
    Malformed,
    /// More than three decimal places.
    TooPrecise,
    /// Too large to hold.
    TooLarge,
}

impl fmt::Display for UnitsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnitsError::Malformed => "not a decimal number",
            UnitsError::TooPrecise => "more than 3 decimal places",
            UnitsError::TooLarge => "too large",
        })
    }
}

impl Units {
    pub const ZERO: Units = Units(0);
    /// The largest amount accepted (one billion units).
    pub const MAX: Units = Units(1_000_000_000_000);

    pub fn from_thousandths(t: i64) -> Units {
        Units(t)
    }
    pub fn thousandths(self) -> i64 {
        self.0
    }
    pub fn whole(n: i64) -> Units {
        Units(n.saturating_mul(1000))
    }
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
    pub fn max(self, other: Units) -> Units {
        Units(self.0.max(other.0))
    }
    pub fn min(self, other: Units) -> Units {
        Units(self.0.min(other.0))
    }
    /// `self` less `other`, never below zero.
    pub fn saturating_sub_floor(self, other: Units) -> Units {
        Units((self.0 - other.0).max(0))
    }
    /// `self` x num / den, rounded up to a thousandth (`up`) or down.
    pub fn mul_frac(self, num: u32, den: u32, up: bool) -> Units {
        let n = i128::from(self.0) * i128::from(num);
        let d = i128::from(den.max(1));
        let q = n.div_euclid(d);
        let r = n.rem_euclid(d);
        let q = if up && r != 0 { q + 1 } else { q };
        Units(i64::try_from(q).unwrap_or(i64::MAX))
    }
    /// `self` x `other`, exactly: an error when the product has more than
    /// three decimal places (0.125 hours at 0.1 RU an hour) or is too large.
    pub fn times(self, other: Units) -> Result<Units, UnitsError> {
        let product = i128::from(self.0) * i128::from(other.0);
        if product % 1000 != 0 {
            return Err(UnitsError::TooPrecise);
        }
        i64::try_from(product / 1000)
            .ok()
            .filter(|t| t.unsigned_abs() <= Units::MAX.0.unsigned_abs())
            .map(Units)
            .ok_or(UnitsError::TooLarge)
    }
    /// The value as a float, for JSON output only: every value with at most
    /// three decimals prints back as the same decimal text.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl FromStr for Units {
    type Err = UnitsError;
    /// Parses `12`, `-3`, `1.5`, `0.125`, `+2.50`; rejects exponents, more
    /// than three decimals and anything else.
    fn from_str(s: &str) -> Result<Units, UnitsError> {
        let s = s.trim();
        let (neg, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        // Underscores (TOML's `1_000`) are dropped; most amounts have none,
        // and are read without allocating.
        let owned;
        let body = if body.contains('_') {
            owned = body.replace('_', "");
            owned.as_str()
        } else {
            body
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() || !int.bytes().all(|c| c.is_ascii_digit()) {
            return Err(UnitsError::Malformed);
        }
        if body.contains('.') && frac.is_empty() {
            return Err(UnitsError::Malformed);
        }
        if !frac.bytes().all(|c| c.is_ascii_digit()) {
            return Err(UnitsError::Malformed);
        }
        let frac_trim = frac.trim_end_matches('0');
        if frac_trim.len() > 3 {
            return Err(UnitsError::TooPrecise);
        }
        let int_v: i64 = int
            .trim_start_matches('0')
            .parse::<i64>()
            .or_else(|_| {
                if int.bytes().all(|c| c == b'0') {
                    Ok(0)
                } else {
                    Err(())
                }
            })
            .map_err(|_| UnitsError::TooLarge)?;
        let mut frac_v: i64 = 0;
        for (i, c) in frac_trim.bytes().enumerate() {
            frac_v += i64::from(c - b'0') * [100, 10, 1][i];
        }
        let v = int_v
            .checked_mul(1000)
            .and_then(|v| v.checked_add(frac_v))
            .ok_or(UnitsError::TooLarge)?;
        if v > Units::MAX.0 {
            return Err(UnitsError::TooLarge);
        }
        Ok(Units(if neg { -v } else { v }))
    }
}

/// Room for the text of any amount: a sign, at most 16 digits, a point and
/// 3 decimals.
pub type UnitsText = [u8; 24];

impl Units {
    /// The shortest exact decimal (`18`, `10.8`, `0.125`), written into
    /// `buf` without the formatting machinery (summaries and JSON Lines
    /// write thousands of amounts). What `Display` shows.
    pub fn text(self, buf: &mut UnitsText) -> &str {
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        let a = self.0.unsigned_abs();
        let (mut i, r) = (a / 1000, a % 1000);
        if r != 0 {
            let digits = [r / 100, r / 10 % 10, r % 10];
            let shown = if r % 100 == 0 {
                1
            } else if r % 10 == 0 {
                2
            } else {
                3
            };
            for d in digits[..shown].iter().rev() {
                put(b'0' + *d as u8);
            }
            put(b'.');
        }
        loop {
            put(b'0' + (i % 10) as u8);
            i /= 10;
            if i == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // (only ASCII digits, a point and a sign were written)
        std::str::from_utf8(&buf[at..]).unwrap_or_default()
    }
}

impl fmt::Display for Units {
    /// The shortest exact decimal: `18`, `10.8`, `0.125` (see
    /// [`Units::text`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.text(&mut [0; 24]))
    }
}

impl Add for Units {
    type Output = Units;
    fn add(self, o: Units) -> Units {
        Units(self.0.saturating_add(o.0))
    }
}
impl AddAssign for Units {
    fn add_assign(&mut self, o: Units) {
        self.0 = self.0.saturating_add(o.0);
    }
}
impl Sub for Units {
    type Output = Units;
    fn sub(self, o: Units) -> Units {
        Units(self.0.saturating_sub(o.0))
    }
}
impl Sum for Units {
    fn sum<I: Iterator<Item = Units>>(iter: I) -> Units {
        iter.fold(Units::ZERO, |a, b| a + b)
    }
}

impl serde::Serialize for Units {
    /// A JSON number whose text is the exact decimal (`10.8`, `18`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 1000 == 0 {
            s.serialize_i64(self.0 / 1000)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl schemars::JsonSchema for Units {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Units".into()
    }
    /// A number, or the same as a decimal string, at most 3 decimal places.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "an exact decimal amount with at most 3 decimal places, as a number (`10.8`) or a string (`\"10.8\"`)",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$" }
            ]
        })
    }
}

impl<'de> serde::Deserialize<'de> for Units {
    /// Accepts an integer, a float written with at most three decimals, or a
    /// decimal string.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Units, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Units;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number with at most 3 decimal places")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Units, E> {
                v.to_string().parse().map_err(|e: UnitsError| E::custom(e))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Units, E> {
                v.to_string().parse().map_err(|e: UnitsError| E::custom(e))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Units, E> {
                units_from_f64(v).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Units, E> {
                v.parse().map_err(|e: UnitsError| E::custom(e))
            }
        }
        d.deserialize_any(V)
    }
}

/// A float read from a file, taken at its shortest decimal text (which is the
/// text that was written, for any literal of up to 15 significant digits).
pub fn units_from_f64(v: f64) -> Result<Units, UnitsError> {
    if !v.is_finite() {
        return Err(UnitsError::Malformed);
    }
    let text = format!("{v}");
    if text.contains('e') || text.contains('E') {
        return Err(if v.abs() < 1.0 {
            UnitsError::TooPrecise
        } else {
            UnitsError::TooLarge
        });
    }
    text.parse()
}

/// `unit` as it goes with the amount `u`: made singular for exactly 1 where
/// it is a plain plural (a lowercase word or an acronym, then `s`), so
/// `1 point`, `1 PDU`, `1 hour`, but `0.5 hours`, `1.5 PDUs`, `0 points`,
/// and `1 RU` as `RU` is written for any amount. Only exactly 1 is
/// singular.
pub fn unit_word(u: Units, unit: &str) -> &str {
    let plain = |stem: &str| {
        !stem.is_empty()
            && (stem.chars().all(|c| c.is_lowercase()) || stem.chars().all(|c| c.is_uppercase()))
    };
    match unit.strip_suffix('s') {
        Some(stem) if u == Units::whole(1) && plain(stem) => stem,
        _ => unit,
    }
}

/// An amount with its unit for people: `1 PDU`, `5.5 points`, `1 hour`.
pub fn amount(u: Units, unit: &str) -> String {
    format!("{u} {}", unit_word(u, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Units {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(u("1.5").thousandths(), 1500);
        assert_eq!(u("0.125").to_string(), "0.125");
        assert_eq!(u("10.800").to_string(), "10.8");
        assert_eq!(u("-2").to_string(), "-2");
        assert_eq!("1.0005".parse::<Units>(), Err(UnitsError::TooPrecise));
        assert_eq!("1e3".parse::<Units>(), Err(UnitsError::Malformed));
        assert_eq!("".parse::<Units>(), Err(UnitsError::Malformed));
        assert_eq!("1.".parse::<Units>(), Err(UnitsError::Malformed));
        assert_eq!(".5".parse::<Units>(), Err(UnitsError::Malformed));
    }

    proptest::proptest! {
        /// The text is the shortest exact decimal, padded as asked, and
        /// reads back as the same amount.
        #[test]
        fn printed_amounts_are_exact_decimals(t in proptest::prelude::any::<i64>(), width in 0usize..24) {
            let v = Units(t);
            let a = i128::from(t).abs();
            let (whole, frac) = (a / 1000, a % 1000);
            let mut want = format!("{}{whole}", if t < 0 { "-" } else { "" });
            if frac != 0 {
                want.push_str(format!(".{frac:03}").trim_end_matches('0'));
            }
            proptest::prop_assert_eq!(v.to_string(), want.clone());
            proptest::prop_assert_eq!(format!("{v:>width$}"), format!("{want:>width$}"));
            if t.unsigned_abs() <= Units::MAX.0.unsigned_abs() {
                proptest::prop_assert_eq!(want.parse::<Units>(), Ok(v));
            }
        }
    }

    #[test]
    fn float_literals_are_exact() {
        assert_eq!(units_from_f64(0.1).unwrap(), u("0.1"));
        assert_eq!(units_from_f64(10.8).unwrap(), u("10.8"));
        assert_eq!(units_from_f64(0.0001), Err(UnitsError::TooPrecise));
    }

    #[test]
    fn json_text_is_the_decimal() {
        for s in ["10.8", "18", "0.1", "0.125", "1234.567"] {
            assert_eq!(serde_json::to_string(&u(s)).unwrap(), s);
        }
    }

    #[test]
    fn exact_products() {
        assert_eq!(u("15").times(u("0.1")), Ok(u("1.5")));
        assert_eq!(u("1.25").times(u("0.1")), Ok(u("0.125")));
        assert_eq!(u("2.5").times(u("2")), Ok(u("5")));
        assert_eq!(u("0.125").times(u("0.1")), Err(UnitsError::TooPrecise));
        assert_eq!(Units::MAX.times(u("2")), Err(UnitsError::TooLarge));
        assert_eq!(Units::MAX.times(u("1")), Ok(Units::MAX));
        let least = Units::from_thousandths(i64::MIN);
        assert_eq!(least.times(u("1")), Err(UnitsError::TooLarge));
    }

    #[test]
    fn fractions() {
        assert_eq!(u("60").mul_frac(2, 3, true), u("40"));
        assert_eq!(u("18.5").mul_frac(1, 3, true), u("6.167"));
        assert_eq!(u("18.5").mul_frac(1, 3, false), u("6.166"));
    }

    #[test]
    fn only_exactly_one_is_singular() {
        assert_eq!(amount(u("1"), "PDUs"), "1 PDU");
        assert_eq!(amount(u("1"), "points"), "1 point");
        assert_eq!(amount(u("1"), "hours"), "1 hour");
        assert_eq!(amount(u("1.000"), "hours"), "1 hour");
        assert_eq!(amount(u("0.5"), "hours"), "0.5 hours");
        assert_eq!(amount(u("1.5"), "PDUs"), "1.5 PDUs");
        assert_eq!(amount(u("0"), "points"), "0 points");
        assert_eq!(amount(u("1"), "RU"), "1 RU");
        assert_eq!(amount(u("4"), "RU"), "4 RU");
        // not a plain plural: left as written
        assert_eq!(amount(u("1"), "Credits"), "1 Credits");
    }
}
