//! The document around a page's content: head, style sheet, footer and,
//! for the roster, the script.

use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The style sheet of every page.
const STYLE: &str = include_str!("style.css");
/// The script of the roster, which sorts and filters its table.
const ROSTER_SCRIPT: &str = include_str!("roster.js");

const FOOTER: &str = "Written by certcheck from the profile and the rule files alone; \
    the same input gives the same page. Dates are YYYY-MM-DD; days after the as-of date are \
    projections, true only if your current roles go on.";

/// What a page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Person,
    /// With the script after the footer.
    Roster,
}

/// A whole page around `content`.
pub(super) fn page(title: &str, kind: Kind, content: Markup) -> String {
    let data_page = match kind {
        Kind::Person => "person",
        Kind::Roster => "roster",
    };
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                meta name="generator" content="certcheck"; "\n"
                title { (title) } "\n"
                // the style sheet is ours (style.css), not user text
                style { "\n" (PreEscaped(STYLE)) } "\n"
            }
            "\n"
            body data-page=(data_page) {
                "\n"
                (content)
                footer { (FOOTER) } "\n"
                @if kind == Kind::Roster {
                    // the script is ours (roster.js), not user text
                    script { "\n" (PreEscaped(ROSTER_SCRIPT)) } "\n"
                }
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}
