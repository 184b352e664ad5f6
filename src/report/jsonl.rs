//! The JSON report of `screen`: JSON Lines, one object per profile, in
//! input order. A judged profile's object is `check --format json`'s report
//! (see shared/spec/cli.md) on one line, with two more fields: `source`
//! (`path`, or `path:line` for JSON Lines) and `errors` (empty). A bad
//! profile's object has the same fields: no results, its `profile.name`
//! null, and its problems in `errors`, each with `file`, `line`, `column`,
//! `message` and `help`.

use serde::Serialize;

use crate::dates::Date;
use crate::error::Diagnostic;
use crate::eval::CertResult;
use crate::screen::Screened;

#[derive(Serialize)]
struct Line<'a> {
    source: &'a str,
    as_of: Date,
    profile: Who<'a>,
    results: &'a [CertResult],
    warnings: &'a [String],
    errors: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Who<'a> {
    name: Option<&'a str>,
    id: &'a str,
}

/// Appends the line of one screened profile (with its newline) to `out`.
pub fn push_line(out: &mut Vec<u8>, s: &Screened, as_of: Date) {
    let line = match &s.outcome {
        Ok(r) => Line {
            source: &s.source,
            as_of: r.as_of,
            profile: Who {
                name: Some(&r.profile.name),
                id: &r.profile.id,
            },
            results: &r.results,
            warnings: &r.warnings,
            errors: &[],
        },
        Err(diags) => Line {
            source: &s.source,
            as_of,
            profile: Who {
                name: None,
                id: &s.id,
            },
            results: &[],
            warnings: &[],
            errors: diags,
        },
    };
    let start = out.len();
    // Serializing cannot fail (string keys, plain values); should it ever,
    // the line still says so as JSON rather than vanishing.
    if let Err(e) = serde_json::to_writer(&mut *out, &line) {
        out.truncate(start);
        let fallback = serde_json::json!({
            "source": s.source,
            "errors": [{ "message": format!("cannot write the report as JSON: {e}") }],
        });
        out.extend_from_slice(fallback.to_string().as_bytes());
    }
    out.push(b'\n');
}
