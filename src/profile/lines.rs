//! Problems at byte offsets of a profile's text, and the line starts that
//! turn an offset into a line and column. Below both the checker
//! (`check.rs`), which finds the problems, and the loaders (`load.rs`,
//! `json.rs`), which turn them into diagnostics.

use crate::error::Diagnostic;

/// One problem, at a byte offset of the parsed text.
#[derive(Debug)]
pub(crate) struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Line starts of a text, for turning byte offsets into line and column
/// without rescanning the text for every diagnostic. Built on first use.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        Lines { text, starts: None }
    }

    /// The text the offsets are in.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based line and column (in characters) of a byte offset, as
    /// [`crate::error::line_col`] gives them.
    pub(crate) fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line.max(1), column)
    }

    pub(crate) fn diagnostic(&mut self, file: &str, p: Problem) -> Diagnostic {
        let (line, column) = self.line_col(p.offset);
        Diagnostic {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            message: p.message,
            help: p.help,
        }
    }
}
