//! Rendering reports for people (text) and programs (JSON), and the
//! formatting helpers they share. Nothing here prints: renderers return
//! strings and the CLI writes them.

pub mod json;
pub mod text;

#[cfg(test)]
pub(crate) mod fixtures;

use crate::dates::days_for_months;

/// A certification's short display name from its id: `cmq-oe` → `CMQ/OE`,
/// `cpim` → `CPIM`. Ids made of words (`six-sigma`) keep their hyphens.
pub fn short_name(id: &str) -> String {
    let parts: Vec<&str> = id.split('-').collect();
    let acronym = parts.len() > 1 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3);
    let joined = if acronym {
        parts.join("/")
    } else {
        id.to_string()
    };
    joined.to_uppercase()
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

/// A number of months as `8 y 4 m`, `10 y`, `5 m`, `0 m`.
pub fn years_months(months: i64) -> String {
    let (y, m) = (months / 12, months % 12);
    match (y, m) {
        (0, m) => format!("{m} m"),
        (y, 0) => format!("{y} y"),
        (y, m) => format!("{y} y {m} m"),
    }
}

/// `1 day`, `3 days`: a count with its noun, plural when not 1.
pub fn count(n: i64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
pub fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_name("cmq-oe"), "CMQ/OE");
        assert_eq!(short_name("cpim"), "CPIM");
        assert_eq!(short_name("pmp"), "PMP");
        assert_eq!(short_name("six-sigma"), "SIX-SIGMA");
        assert_eq!(short_name("a--b"), "A--B");
        assert_eq!(short_name(""), "");
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
    }

    #[test]
    fn durations_and_counts() {
        assert_eq!(years_months(100), "8 y 4 m");
        assert_eq!(years_months(120), "10 y");
        assert_eq!(years_months(5), "5 m");
        assert_eq!(years_months(0), "0 m");
        assert_eq!(count(1, "day", "days"), "1 day");
        assert_eq!(count(0, "day", "days"), "0 days");
        assert_eq!(count(-2, "day", "days"), "-2 days");
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }
}
