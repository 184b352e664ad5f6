//! Rendering reports for people (text) and programs (JSON), and the
//! formatting helpers they share. Nothing here prints: renderers return
//! strings and the CLI writes them.

pub mod activities;
pub mod color;
pub mod csv;
pub mod deadlines;
pub mod html;
pub mod ics;
pub mod json;
pub mod jsonl;
pub mod roster;
pub mod table;
pub mod text;
pub mod vocab;
pub mod whatif;

#[cfg(test)]
pub(crate) mod fixtures;

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

/// What a requirement, category or group is called in a report: its name,
/// or its id where the rules give it no name.
pub fn name_or_id<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
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

/// `s` with its first letter in upper case, to open a sentence.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
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
    fn durations_and_counts() {
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
