//! ANSI colour for the text reports: ✓ green, ✗ red, and each status's
//! heading where it opens a status line. The renderers paint a mark or a
//! heading as they write it ([`Paint`]), never by searching the finished
//! text, so a ✓ or a status word inside a name or a description stays as it
//! is, and the plain report is the coloured one without its escapes.

use std::fmt::{self, Display};

use anstyle::{AnsiColor, Effects, Style};

use super::vocab;
use crate::eval::Status;

/// Whether marks and headings are coloured as they are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

impl Paint {
    /// No colour: the plain report.
    pub const NONE: Paint = Paint { on: false };

    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    /// ✓ in green or ✗ in red.
    pub fn mark(self, met: bool) -> Painted<char> {
        let colour = if met {
            AnsiColor::Green
        } else {
            AnsiColor::Red
        };
        self.with(colour.on_default(), vocab::mark(met))
    }

    /// The status's [`vocab::heading`] in its colour.
    pub fn heading(self, s: Status) -> Painted<&'static str> {
        self.with(status_style(s), vocab::heading(s))
    }

    fn with<T>(self, style: Style, item: T) -> Painted<T> {
        let style = if self.on { style } else { Style::new() };
        Painted { style, item }
    }
}

/// Each status's colour: green where it is done or nearly, yellow where it
/// needs doing, red once lapsed; bold where it calls for a step now.
fn status_style(s: Status) -> Style {
    let bold = |c: AnsiColor| c.on_default().effects(Effects::BOLD);
    match s {
        Status::NotEligible | Status::Grace => AnsiColor::Yellow.on_default(),
        Status::Eligible | Status::Certified => AnsiColor::Green.on_default(),
        Status::RequirementsMet => bold(AnsiColor::Green),
        Status::Lapsed => bold(AnsiColor::Red),
    }
}

/// A mark or a heading, written in its style (and reset after it) when
/// painting.
#[derive(Clone, Copy, Debug)]
pub struct Painted<T> {
    style: Style,
    item: T,
}

impl<T: Display> Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.style.render().fmt(f)?;
        self.item.fmt(f)?;
        self.style.render_reset().fmt(f)
    }
}

/// Whether to colour: `always`, `never`, or (auto) when stdout is a
/// terminal and `NO_COLOR` is unset or empty.
pub fn enabled(
    choice: crate::cli::args::ColorChoice,
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
) -> bool {
    use crate::cli::args::ColorChoice;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::ColorChoice;
    use std::ffi::OsStr;

    #[test]
    fn when_to_colour() {
        assert!(enabled(ColorChoice::Always, false, Some(OsStr::new("1"))));
        assert!(!enabled(ColorChoice::Never, true, None));
        assert!(enabled(ColorChoice::Auto, true, None));
        assert!(enabled(ColorChoice::Auto, true, Some(OsStr::new(""))));
        assert!(!enabled(ColorChoice::Auto, true, Some(OsStr::new("1"))));
        assert!(!enabled(ColorChoice::Auto, false, None));
    }
}

#[cfg(test)]
mod paint_tests {
    use super::*;

    #[test]
    fn marks_and_headings_in_their_colours() {
        let on = Paint::new(true);
        assert_eq!(on.mark(true).to_string(), "\x1b[32m✓\x1b[0m");
        assert_eq!(on.mark(false).to_string(), "\x1b[31m✗\x1b[0m");
        let headings: Vec<String> = vocab::ACT_FIRST
            .into_iter()
            .map(|s| on.heading(s).to_string())
            .collect();
        assert_eq!(
            headings,
            [
                "\x1b[1m\x1b[32mRequirements met\x1b[0m",
                "\x1b[32mEligible\x1b[0m",
                "\x1b[33mNot eligible yet\x1b[0m",
                "\x1b[32mCertified\x1b[0m",
                "\x1b[33mIn grace period\x1b[0m",
                "\x1b[1m\x1b[31mLapsed\x1b[0m",
            ]
        );
    }

    #[test]
    fn no_paint_is_the_plain_words() {
        assert_eq!(Paint::NONE.mark(true).to_string(), "✓");
        assert_eq!(Paint::NONE.mark(false).to_string(), "✗");
        for s in vocab::ACT_FIRST {
            assert_eq!(Paint::NONE.heading(s).to_string(), vocab::heading(s));
        }
    }
}
