//! Showing a user's strings to a person: the one escaper every renderer for
//! people (the text reports, the table, `rules list/show`) and every error
//! and warning message uses, and the one quoting of a suggested command's
//! arguments for a POSIX shell.
//!
//! A name, a description, a file name or a rule's `source` can hold any
//! character, and a terminal acts on some of them: ESC starts a control
//! sequence (colours, the cursor, OSC 0 sets the window title, OSC 8 makes a
//! hyperlink), BEL rings, a bidi override or isolate reorders what follows
//! it so that the text reads otherwise than it is, and a line or paragraph
//! separator breaks a line. [`text`] writes each such character as a Rust
//! escape, `\u{1b}`, so that none reaches the terminal and each stays
//! visible. A string's own newline and tab are escaped too (`\u{a}`,
//! `\u{9}`); those the renderer writes itself are not, as they never pass
//! through here.
//!
//! The escape is reversible ([`unescape`]) while leaving ordinary text,
//! backslashes included, as it is: a run of backslashes is doubled only
//! where it is followed by `u{` or by a character that is escaped, the only
//! places where it could be mistaken for (or merge with) an escape. So
//! `C:\dir` stays `C:\dir`, a literal `\u{1b}` becomes `\\u{1b}`, and an ESC
//! after a backslash is `\\\u{1b}`.
//!
//! Machine outputs (JSON, JSON Lines, CSV, iCalendar) keep the raw text; the
//! HTML page escapes for HTML instead.

use std::borrow::Cow;
use std::fmt;

/// Whether `c` is written as an escape: the C0 and C1 controls and DEL
/// (newline and tab among them), the bidi embeddings, overrides, isolates
/// and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the
/// line and paragraph separators (U+2028, U+2029).
pub fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` as it may be shown on a terminal: each character [`escaped`] says
/// is written as `\u{hex}` (lowercase, no leading zeros), and a run of
/// backslashes right before `u{` or before such a character is doubled.
/// Borrowed when there is nothing to change (the common case).
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| escaped(c) || c == '\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let run = rest.len() - rest.trim_start_matches('\\').len();
            let after = &rest[run..];
            let double = after.starts_with("u{") || after.chars().next().is_some_and(escaped);
            let n = if double { 2 * run } else { run };
            out.extend(std::iter::repeat_n('\\', n));
            rest = after;
            continue;
        }
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// `s` shown with [`text`], as a `Display` (for `format!`).
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text(self.0))
    }
}

/// A path shown with [`text`] (as `Path::display` writes it), as a
/// `Display`.
#[derive(Clone, Copy, Debug)]
pub struct ShownPath<'a>(pub &'a std::path::Path);

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text(&self.0.to_string_lossy()))
    }
}

/// The string [`text`] was given, from what it returned; `None` for a
/// string it cannot have returned.
pub fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c != '\\' {
            if escaped(c) {
                return None;
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let run = rest.len() - rest.trim_start_matches('\\').len();
        let after = &rest[run..];
        if !after.starts_with("u{") {
            out.extend(std::iter::repeat_n('\\', run));
            rest = after;
            continue;
        }
        out.extend(std::iter::repeat_n('\\', run / 2));
        if run.is_multiple_of(2) {
            // a literal `u{`
            out.push_str("u{");
            rest = &after[2..];
            continue;
        }
        let close = after.find('}')?;
        let hex = &after[2..close];
        if hex.is_empty() || hex.starts_with('0') && hex.len() > 1 || hex != hex.to_lowercase() {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        if !escaped(c) {
            return None;
        }
        out.push(c);
        rest = &after[close + 1..];
    }
    Some(out)
}

/// `s` as one argument of a command line for a POSIX shell: as it is when
/// it is a plain word (letters, digits and `_ @ % + = : , . / -`, not
/// empty), else in single quotes, a quote inside written `'\''`. Pasted
/// into `sh`, it is the one argument `s`, and nothing in it runs.
pub fn shell_word(s: &str) -> Cow<'_, str> {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("'{}'", s.replace('\'', r"'\''")))
    }
}

/// A command line to suggest, each word quoted with [`shell_word`] and
/// joined by spaces: every command certcheck suggests is written with it.
pub fn command_line<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| shell_word(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_and_bidi_become_escapes() {
        assert_eq!(text("a\u{1b}[31mb"), r"a\u{1b}[31mb");
        assert_eq!(text("\u{1b}]0;title\u{7}"), r"\u{1b}]0;title\u{7}");
        assert_eq!(
            text("\u{1b}]8;;http://x\u{1b}\\link"),
            r"\u{1b}]8;;http://x\u{1b}\link"
        );
        assert_eq!(text("nul\0"), r"nul\u{0}");
        assert_eq!(text("a\nb\tc\r"), r"a\u{a}b\u{9}c\u{d}");
        assert_eq!(text("\u{7f}\u{85}\u{9b}"), r"\u{7f}\u{85}\u{9b}");
        for (c, e) in [
            ('\u{202A}', r"\u{202a}"),
            ('\u{202E}', r"\u{202e}"),
            ('\u{2066}', r"\u{2066}"),
            ('\u{2069}', r"\u{2069}"),
            ('\u{200E}', r"\u{200e}"),
            ('\u{200F}', r"\u{200f}"),
            ('\u{061C}', r"\u{61c}"),
            ('\u{2028}', r"\u{2028}"),
            ('\u{2029}', r"\u{2029}"),
        ] {
            assert_eq!(text(&format!("x{c}y")), format!("x{e}y"));
        }
    }

    #[test]
    fn ordinary_text_and_backslashes_stay() {
        for s in [
            "",
            "Ana Müller",
            "王小明 🎓",
            r"C:\dir\file.toml",
            r"a\b",
            r"\\",
            "trailing \\",
            "u{1b}",
        ] {
            assert!(matches!(text(s), Cow::Borrowed(_)) || text(s) == s, "{s}");
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn backslashes_before_an_escape_are_doubled() {
        assert_eq!(text(r"\u{1b}"), r"\\u{1b}");
        assert_eq!(text("\\\u{1b}"), r"\\\u{1b}");
        assert_eq!(text(r"\\u{"), r"\\\\u{");
        for s in [r"\u{1b}", "\\\u{1b}", r"\\u{", "\\\\\u{1b}u{", r"\u{zz}"] {
            assert_eq!(unescape(&text(s)).as_deref(), Some(s));
        }
    }

    #[test]
    fn unescape_refuses_what_text_cannot_return() {
        for s in [
            r"\u{41}", r"\u{1B}", r"\u{01b}", r"\u{}", r"\u{1b", "\u{1b}",
        ] {
            assert_eq!(unescape(s), None, "{s}");
        }
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("p.toml"), "p.toml");
        assert_eq!(
            shell_word("dir/a-b_c@d%e+f=g:h,i.toml"),
            "dir/a-b_c@d%e+f=g:h,i.toml"
        );
        assert_eq!(shell_word(""), "''");
        assert_eq!(
            shell_word("d b;$(touch PWN).toml"),
            "'d b;$(touch PWN).toml'"
        );
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("~x"), "'~x'");
    }

    proptest! {
        #[test]
        fn no_control_or_bidi_char_is_left_and_it_round_trips(s in any::<String>()) {
            let shown = text(&s);
            prop_assert!(!shown.chars().any(escaped), "{shown:?}");
            prop_assert_eq!(unescape(&shown), Some(s.clone()));
        }

        #[test]
        fn printable_text_without_backslashes_is_unchanged(s in "[^\\\\\\p{Cc}\u{200e}\u{200f}\u{61c}\u{2028}-\u{202e}\u{2066}-\u{2069}]*") {
            prop_assert_eq!(text(&s), s.as_str());
        }

        #[test]
        fn a_shell_word_is_plain_or_one_quoted_word(s in "[a-z' $;\\\\]{0,12}") {
            let word = shell_word(&s);
            if word != s.as_str() {
                let inner = word.strip_prefix('\'').and_then(|w| w.strip_suffix('\''));
                prop_assert!(inner.is_some(), "{word}");
                let inner = inner.unwrap_or_default();
                prop_assert_eq!(inner.replace(r"'\''", "'"), s.clone());
                prop_assert!(!inner.replace(r"'\''", "").contains('\''));
            }
        }

        #[test]
        fn mixed_backslashes_and_escapes_round_trip(s in "[\\\\u{}a\u{1b}\n\u{202e}]{0,12}") {
            let shown = text(&s);
            prop_assert!(!shown.chars().any(escaped));
            prop_assert_eq!(unescape(&shown), Some(s.clone()));
        }
    }
}
