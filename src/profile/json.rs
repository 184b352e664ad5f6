//! Profiles written as JSON objects (see `screen`): the same fields as the
//! TOML format, with dates as `"YYYY-MM-DD"` strings and units as numbers or
//! decimal strings.
//!
//! The text is parsed by a small strict parser into a tree that keeps where
//! every key and value is and the text of every number as written (so
//! `0.1` is exactly a tenth: no number goes through a float). The tree is
//! then walked by the same checker as a TOML profile, so both formats get
//! the same checks and the same messages. Only when the text is not JSON is
//! serde_json asked, for its message and position.

use std::ops::Range;

use bumpalo::Bump;

use crate::error::Diagnostic;
use crate::profile::Profile;
use crate::profile::check::{self, Dialect, Kind, Node, Vocabulary};
use crate::profile::lines::{Lines, Problem};
use crate::rules::RuleSet;
use crate::scan::plain_len;

/// Arrays and objects nest at most this deep (serde_json's limit is 128).
const MAX_DEPTH: usize = 100;

/// A JSON value with its byte range in the text. The tree lives in an
/// arena for one profile: its strings are borrowed from the text (or, with
/// escapes, written into the arena), its arrays and objects are slices of
/// the arena, and nothing in it needs dropping.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JsonNode<'t> {
    start: u32,
    end: u32,
    value: JsonValue<'t>,
}

#[derive(Clone, Copy, Debug)]
enum JsonValue<'t> {
    Null,
    Bool(bool),
    /// A number as written (already checked against JSON's grammar).
    Number(&'t str),
    String(&'t str),
    Array(&'t [JsonNode<'t>]),
    Object(JsonObject<'t>),
}

/// An object's members in text order: key, offset of the key, value.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JsonObject<'t> {
    members: &'t [Member<'t>],
}

impl<'t> Node for JsonNode<'t> {
    type Table = JsonObject<'t>;
    const DIALECT: Dialect = Dialect::Json;

    fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn kind(&self) -> Kind<'_, Self> {
        match &self.value {
            JsonValue::Null => Kind::Null,
            JsonValue::Bool(b) => Kind::Boolean(*b),
            JsonValue::Number(n) if n.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) => {
                Kind::Float(n)
            }
            JsonValue::Number(n) => Kind::Integer {
                digits: n,
                radix: 10,
            },
            JsonValue::String(s) => Kind::String(s),
            JsonValue::Array(items) => Kind::Array(items),
            JsonValue::Object(o) => Kind::Table(o),
        }
    }

    fn members<'a>(table: &'a JsonObject<'t>) -> impl Iterator<Item = (&'a str, usize, &'a Self)>
    where
        Self: 'a,
    {
        table
            .members
            .iter()
            .map(|m| (m.key, m.key_at as usize, &m.value))
    }
}

/// Validates one profile written as a JSON object. `file` names it in
/// messages, `first_line` is the line of the file the text starts on (a
/// JSON Lines file gives each line on its own), `default_id` is used when
/// the profile has no `id`. Returns every problem found, sorted by position.
pub fn parse_json(
    text: &str,
    file: &str,
    first_line: usize,
    default_id: &str,
    rules: &RuleSet,
) -> Result<Profile, Vec<Diagnostic>> {
    parse_json_with(text, file, first_line, default_id, &Vocabulary::new(rules))
}

/// [`parse_json`] with the rules' ids worked out beforehand (once for many
/// profiles).
pub fn parse_json_with(
    text: &str,
    file: &str,
    first_line: usize,
    default_id: &str,
    ids: &Vocabulary<'_>,
) -> Result<Profile, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let shift = |mut d: Diagnostic| {
        d.line = d.line.map(|l| l + first_line.saturating_sub(1));
        d
    };
    // Offsets are kept in 32 bits: a longer text is not a profile.
    if u32::try_from(text.len()).is_err() {
        let d = Diagnostic::new(file, "the profile is larger than 4 GiB".to_string());
        return Err(vec![shift(d)]);
    }
    // About what the tree of a typical profile takes, in one allocation.
    let arena = Bump::with_capacity(text.len() * 3);
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        duplicates: Vec::new(),
        arena: &arena,
        items: Vec::with_capacity(32),
        members: Vec::with_capacity(32),
    };
    let root = match parser.document() {
        Ok(root) => root,
        Err(e) => return Err(vec![syntax_error(text, file, first_line, e)]),
    };
    let mut lines = Lines::new(text);
    let JsonValue::Object(object) = &root.value else {
        let found = match &root.value {
            JsonValue::Array(_) => "an array",
            JsonValue::String(_) => "a string",
            JsonValue::Number(_) => "a number",
            JsonValue::Bool(_) => "a boolean",
            _ => "null",
        };
        let d = lines.diagnostic(
            file,
            Problem {
                offset: root.start as usize,
                message: format!("expected a JSON object for the profile, found {found}"),
                help: Some(
                    "write one profile as one object, such as `{\"name\": \"Dana Whitfield\"}`; a roster goes in a JSON Lines file (`.jsonl`), one object per line"
                        .to_string(),
                ),
            },
        );
        return Err(vec![shift(d)]);
    };
    let mut problems = match check::check::<JsonNode<'_>>(object, default_id, ids, &mut lines) {
        Ok(profile) if parser.duplicates.is_empty() => return Ok(profile),
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    problems.append(&mut parser.duplicates);
    problems.sort_by_key(|p| p.offset);
    Err(problems
        .into_iter()
        .map(|p| shift(lines.diagnostic(file, p)))
        .collect())
}

/// Why the parser stopped: where, and (for what serde_json would accept
/// but this parser does not) what.
#[derive(Debug)]
struct SyntaxError {
    offset: usize,
    message: &'static str,
}

/// The diagnostic for text that is not JSON: serde_json's message and
/// position, or (should serde_json accept the text) the parser's own.
fn syntax_error(text: &str, file: &str, first_line: usize, e: SyntaxError) -> Diagnostic {
    let (message, line, column) = match serde_json::from_str::<serde_json::Value>(text) {
        Err(se) => {
            let full = se.to_string();
            let message = match full.rfind(" at line ") {
                Some(i) => full[..i].to_string(),
                None => full,
            };
            (message, se.line().max(1), se.column().max(1))
        }
        Ok(_) => {
            let (line, column) = crate::error::line_col(text, e.offset);
            (e.message.to_string(), line, column)
        }
    };
    Diagnostic {
        file: file.to_string(),
        line: Some(line + first_line.saturating_sub(1)),
        column: Some(column),
        message: format!("invalid JSON: {message}"),
        help: None,
    }
}

/// An object's member: key, offset of the key, value.
#[derive(Clone, Copy, Debug)]
struct Member<'t> {
    key: &'t str,
    key_at: u32,
    value: JsonNode<'t>,
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
    /// A key given twice in one object: the checker would see only one.
    duplicates: Vec<Problem>,
    /// Where the tree's slices and unescaped strings go.
    arena: &'t Bump,
    /// The elements and members of the arrays and objects being read, on
    /// a stack; each array or object moves its own off the top into the
    /// arena when it ends.
    items: Vec<JsonNode<'t>>,
    members: Vec<Member<'t>>,
}

type Parsed<T> = Result<T, SyntaxError>;

impl<'t> Parser<'t> {
    fn fail<T>(&self, message: &'static str) -> Parsed<T> {
        Err(SyntaxError {
            offset: self.pos,
            message,
        })
    }

    fn document(&mut self) -> Parsed<JsonNode<'t>> {
        self.skip_ws();
        let v = self.value()?;
        self.skip_ws();
        if self.pos != self.bytes.len() {
            return self.fail("trailing characters");
        }
        Ok(v)
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Parsed<JsonNode<'t>> {
        let start = self.pos;
        let value = match self.bytes.get(self.pos) {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b't') => self.literal("true", JsonValue::Bool(true))?,
            Some(b'f') => self.literal("false", JsonValue::Bool(false))?,
            Some(b'n') => self.literal("null", JsonValue::Null)?,
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
            Some(_) => return self.fail("expected value"),
            None => return self.fail("EOF while parsing a value"),
        };
        // (the text is shorter than 4 GiB: see parse_json_with)
        Ok(JsonNode {
            start: start as u32,
            end: self.pos as u32,
            value,
        })
    }

    fn literal(&mut self, word: &'static str, value: JsonValue<'t>) -> Parsed<JsonValue<'t>> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            self.fail("expected value")
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    fn array(&mut self) -> Parsed<JsonValue<'t>> {
        self.enter()?;
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonValue::Array(&[]));
        }
        let base = self.items.len();
        loop {
            let item = self.value()?;
            self.items.push(item);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => return self.fail("expected `,` or `]`"),
            }
        }
        self.depth -= 1;
        let items = self.arena.alloc_slice_copy(&self.items[base..]);
        self.items.truncate(base);
        Ok(JsonValue::Array(items))
    }

    fn object(&mut self) -> Parsed<JsonValue<'t>> {
        self.enter()?;
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonValue::Object(JsonObject::default()));
        }
        let base = self.members.len();
        loop {
            if self.bytes.get(self.pos) != Some(&b'"') {
                return self.fail("key must be a string");
            }
            let key_at = self.pos;
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return self.fail("expected `:`");
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            if self.members[base..].iter().any(|m| m.key == key) {
                self.duplicates.push(Problem {
                    offset: key_at,
                    message: format!("duplicate key `{key}`"),
                    help: Some("give each key once in an object".to_string()),
                });
            }
            self.members.push(Member {
                key,
                key_at: key_at as u32,
                value,
            });
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return self.fail("expected `,` or `}`"),
            }
        }
        self.depth -= 1;
        let members = self.arena.alloc_slice_copy(&self.members[base..]);
        self.members.truncate(base);
        Ok(JsonValue::Object(JsonObject { members }))
    }

    /// A string at `pos` (its opening quote): borrowed from the text when it
    /// has no escapes, else written into the arena.
    fn string(&mut self) -> Parsed<&'t str> {
        self.pos += 1;
        let start = self.pos;
        self.pos = start + plain_len(&self.bytes[start..]);
        match self.bytes.get(self.pos) {
            Some(b'"') => {
                let s = &self.text[start..self.pos];
                self.pos += 1;
                return Ok(s);
            }
            Some(b'\\') => {}
            Some(_) => return self.fail("control character in a string"),
            None => return self.fail("EOF while parsing a string"),
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            self.pos += plain_len(&self.bytes[run..]);
            out.push_str(&self.text[run..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(self.arena.alloc_str(&out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail("EOF while parsing a string"),
            }
        }
    }

    /// The character of an escape, `pos` just after its backslash.
    fn escape(&mut self) -> Parsed<char> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return self.fail("EOF while parsing a string");
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return self.fail("lone leading surrogate in hex escape");
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return self.fail("lone leading surrogate in hex escape");
                        }
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        match char::from_u32(c) {
                            Some(c) => c,
                            None => return self.fail("invalid unicode code point"),
                        }
                    }
                    0xDC00..=0xDFFF => return self.fail("lone trailing surrogate in hex escape"),
                    _ => match char::from_u32(first) {
                        Some(c) => c,
                        None => return self.fail("invalid unicode code point"),
                    },
                }
            }
            _ => return self.fail("invalid escape"),
        })
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            return self.fail("EOF while parsing a string");
        };
        let mut n = 0u32;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return self.fail("invalid escape"),
            };
            n = n * 16 + u32::from(v);
        }
        self.pos += 4;
        Ok(n)
    }

    /// A number as written: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Parsed<&'t str> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.fail("invalid number"),
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return self.fail("invalid number");
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return self.fail("invalid number");
            }
            self.digits();
        }
        Ok(&self.text[start..self.pos])
    }

    fn digits(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests;
