//! ANSI colour for the text reports: ✓ green, ✗ red, and the status words
//! that open each certification's status line. Applied to the rendered
//! text, so the plain report is exactly the uncoloured one.

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BOLD_GREEN: &str = "\x1b[1;32m";
const BOLD_RED: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// Status words as they open a status line, with their colour.
const STATUS: [(&str, &str); 6] = [
    ("Not eligible yet", YELLOW),
    ("Requirements met", BOLD_GREEN),
    ("Eligible", GREEN),
    ("Certified", GREEN),
    ("In grace period", YELLOW),
    ("Lapsed", BOLD_RED),
];

/// `text` with the marks and status words coloured.
pub fn colorize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let line = status_word(line);
        for c in line.chars() {
            match c {
                '✓' => {
                    out.push_str(GREEN);
                    out.push(c);
                    out.push_str(RESET);
                }
                '✗' => {
                    out.push_str(RED);
                    out.push(c);
                    out.push_str(RESET);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// A status line ("  Not eligible yet: ...") with its opening words
/// coloured; any other line unchanged.
fn status_word(line: &str) -> String {
    let Some(rest) = line.strip_prefix("  ") else {
        return line.to_string();
    };
    if rest.starts_with(' ') {
        return line.to_string();
    }
    for (words, colour) in STATUS {
        if let Some(tail) = rest.strip_prefix(words)
            && (tail.starts_with([':', ',', '\n']) || tail.is_empty())
        {
            return format!("  {colour}{words}{RESET}{tail}");
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_status_words() {
        let text = "Dana, as of 2026-11-25\n\nCMQ/OE  x\n  Not eligible yet: every prerequisite ...\n  ✓ Work  a\n  ✗ Exam  b\n    Eligible: not a status line\n";
        let got = colorize(text);
        assert_eq!(
            got,
            "Dana, as of 2026-11-25\n\nCMQ/OE  x\n  \x1b[33mNot eligible yet\x1b[0m: every prerequisite ...\n  \x1b[32m✓\x1b[0m Work  a\n  \x1b[31m✗\x1b[0m Exam  b\n    Eligible: not a status line\n"
        );
        // without the escapes it is the same text
        let plain = got
            .replace("\x1b[33m", "")
            .replace("\x1b[32m", "")
            .replace("\x1b[31m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, text);
        assert_eq!(colorize("  Lapsed: x\n"), "  \x1b[1;31mLapsed\x1b[0m: x\n");
        assert_eq!(colorize("  Eligibility\n"), "  Eligibility\n");
    }
}
