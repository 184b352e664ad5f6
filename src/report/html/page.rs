//! The document around a page's content: head, style sheet, footer and,
//! for the roster, the script.

use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The style sheet of every page.
const STYLE: &str = include_str!("style.css");

const FOOTER: &str = "Written by certcheck from the profile and the rule files alone; \
    the same input gives the same page. Dates are YYYY-MM-DD; days after the as-of date are \
    projections, true only if your current roles go on.";

/// A whole page: `kind` goes to `<body data-page>`, `script` (a file of
/// this crate) after the footer.
pub(super) fn page(title: &str, kind: &str, content: Markup, script: Option<&str>) -> String {
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
            body data-page=(kind) {
                "\n"
                (content)
                footer { (FOOTER) } "\n"
                @if let Some(script) = script {
                    // the script is ours (roster.js), not user text
                    script { "\n" (PreEscaped(script)) } "\n"
                }
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}
