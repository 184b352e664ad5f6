//! LinkedIn's data export ("Get a copy of your data": a zip, or the folder
//! it unzips to) as a commented profile.
//!
//! Read: `Positions.csv` (Company Name, Title, Description, Location,
//! Started On, Finished On), `Education.csv` (School Name, Start Date, End
//! Date, Notes, Degree Name, Activities), `Certifications.csv` (Name, Url,
//! Authority, Started On, Finished On, License Number) and, for the name,
//! `Profile.csv` (First Name, Last Name) where it is there.
//!
//! LinkedIn gives dates as `Mar 2017` (read as the month date `"2017-03"`)
//! or a bare year (`2015`), which cannot be known to the month: such an
//! entry is written commented out with a note saying what to fill in. So is
//! a degree whose name does not say its level unambiguously, and a
//! certification that matches no loaded rule (or more than one). A row
//! repeated word for word is written once. Whether a role was a
//! decision-making one, or full-time, LinkedIn does not say: the caller may
//! ask ([`Asked`]); unasked, the entry carries a comment saying so.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use crate::dates::{Date, parse_date, parse_month};
use crate::error::{Diagnostic, did_you_mean};
use crate::profile::edit::basic_string;
use crate::rules::RuleSet;
use crate::rules::model::Level;

/// The largest CSV file of an export certcheck reads: 8 MiB (a long career
/// is a few kilobytes).
pub const CSV_LIMIT: u64 = 8 * 1024 * 1024;

/// The files of an export that are read, by name.
pub const POSITIONS: &str = "Positions.csv";
pub const EDUCATION: &str = "Education.csv";
pub const CERTIFICATIONS: &str = "Certifications.csv";
pub const PROFILE: &str = "Profile.csv";
pub const FILES: [&str; 4] = [POSITIONS, EDUCATION, CERTIFICATIONS, PROFILE];

/// One CSV file of the export: the name it is shown by in messages
/// (`export.zip:Positions.csv`, `export/Positions.csv`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub shown: String,
    pub bytes: Vec<u8>,
}

/// The files found in an export; a missing one is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportFiles {
    pub positions: Option<ExportFile>,
    pub education: Option<ExportFile>,
    pub certifications: Option<ExportFile>,
    pub profile: Option<ExportFile>,
}

impl ExportFiles {
    /// Sets the file named `name` (one of [`FILES`], in any case); false
    /// for any other name.
    pub fn set(&mut self, name: &str, file: ExportFile) -> bool {
        let slot = match name.to_ascii_lowercase().as_str() {
            "positions.csv" => &mut self.positions,
            "education.csv" => &mut self.education,
            "certifications.csv" => &mut self.certifications,
            "profile.csv" => &mut self.profile,
            _ => return false,
        };
        // the first found wins (the export's top level is read first)
        if slot.is_none() {
            *slot = Some(file);
        }
        true
    }

    fn any_read(&self) -> bool {
        self.positions.is_some() || self.education.is_some() || self.certifications.is_some()
    }
}

/// The files of an export zip (`zip`, its bytes or the open file; `shown`
/// names it in messages), found by their names at any depth; each within
/// [`CSV_LIMIT`]. Nothing else in the zip is read.
pub fn from_zip<R: Read + Seek>(zip: R, shown: &str) -> Result<ExportFiles, Diagnostic> {
    let bad_zip = |e: &dyn std::fmt::Display| {
        Diagnostic::new(shown, format!("`{shown}` is not a zip file LinkedIn could have written: {e}"))
            .with_help("give LinkedIn's data export as the zip it sent (Settings, Data privacy, Get a copy of your data) or the folder it unzips to")
    };
    let mut archive = zip::ZipArchive::new(zip).map_err(|e| bad_zip(&e))?;
    let mut files = ExportFiles::default();
    // shallowest first, so that the export's own files win over copies in
    // a subfolder
    let mut entries: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| bad_zip(&e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| bad_zip(&e))?.into_owned();
        let depth = name.matches(['/', '\\']).count();
        entries.push((depth, i, name));
    }
    entries.sort();
    for (_, i, name) in entries {
        // a zip made on Windows may separate folders with `\`
        let base = name.rsplit(['/', '\\']).next().unwrap_or(&name);
        if !FILES.iter().any(|f| f.eq_ignore_ascii_case(base)) {
            continue;
        }
        let entry = archive.by_index(i).map_err(|e| bad_zip(&e))?;
        let mut bytes = Vec::new();
        entry
            .take(CSV_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad_zip(&e))?;
        let file_shown = format!("{shown}:{name}");
        if bytes.len() as u64 > CSV_LIMIT {
            return Err(too_large(&file_shown));
        }
        let base = base.to_string();
        files.set(
            &base,
            ExportFile {
                shown: file_shown,
                bytes,
            },
        );
    }
    Ok(files)
}

/// The diagnostic for a CSV file over [`CSV_LIMIT`].
pub fn too_large(shown: &str) -> Diagnostic {
    Diagnostic::new(
        shown,
        format!("`{shown}` is larger than the 8 MiB limit for a file of a LinkedIn export"),
    )
    .with_help("is this LinkedIn's data export?")
}

/// A date as LinkedIn gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    Blank,
    /// Only the year (`2015`): the month cannot be known.
    Year(i32),
    /// `Mar 2017`, `2017-03`.
    Month(i32, u32),
    /// A whole date, where the export gives one.
    Day(Date),
    /// Anything else, as written.
    Unreadable(String),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_named(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_lowercase();
    if s.len() < 3 {
        return None;
    }
    let n = MONTHS.iter().position(|m| {
        *m == s || (s.len() == 3 && m.starts_with(&s)) || (s == "sept" && *m == "september")
    })?;
    u32::try_from(n + 1).ok()
}

fn year_of(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| *y >= 1)
}

impl When {
    pub fn parse(s: &str) -> When {
        let s = s.trim();
        if s.is_empty() {
            return When::Blank;
        }
        if let Some(d) = parse_date(s) {
            return When::Day(d);
        }
        if let Some((y, m)) = parse_month(s) {
            return When::Month(y, m);
        }
        if let Some(y) = year_of(s) {
            return When::Year(y);
        }
        let words: Vec<&str> = s.split([' ', ',', '/']).filter(|w| !w.is_empty()).collect();
        let day = |d: &str| d.parse::<u32>().ok();
        let found = match words.as_slice() {
            [m, y] => match (month_named(m).or_else(|| day(m)), year_of(y)) {
                (Some(m), Some(y)) if (1..=12).contains(&m) => Some(When::Month(y, m)),
                _ => None,
            },
            [m, d, y] | [d, m, y] if month_named(m).is_some() => {
                match (month_named(m), day(d), year_of(y)) {
                    (Some(m), Some(d), Some(y)) => Date::from_ymd_opt(y, m, d).map(When::Day),
                    _ => None,
                }
            }
            _ => None,
        };
        found.unwrap_or_else(|| When::Unreadable(s.to_string()))
    }

    /// The value as a profile writes it; `None` where it is not a date to
    /// the month or the day.
    fn toml(&self) -> Option<String> {
        match self {
            When::Month(y, m) => Some(format!("\"{y:04}-{m:02}\"")),
            When::Day(d) => Some(d.to_string()),
            _ => None,
        }
    }

    /// How it is shown in a comment.
    fn shown(&self) -> String {
        match self {
            When::Blank => "no date".into(),
            When::Year(y) => format!("{y}"),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Day(d) => d.to_string(),
            When::Unreadable(s) => s.clone(),
        }
    }

    /// The value written in a commented-out entry, for the person to
    /// complete: what LinkedIn gave, as a TOML string.
    fn placeholder(&self) -> String {
        match self {
            When::Blank => basic_string(""),
            When::Year(y) => format!("\"{y}\""),
            When::Unreadable(s) => basic_string(s),
            other => other.toml().unwrap_or_default(),
        }
    }

    /// What is missing, for a note: `None` when the date is usable.
    fn problem(&self, key: &str, what: &str) -> Option<String> {
        match self {
            When::Month(..) | When::Day(_) => None,
            When::Blank => Some(format!(
                "LinkedIn gives no {what}: write `{key}` as \"YYYY-MM\" or YYYY-MM-DD"
            )),
            When::Year(y) => Some(format!(
                "LinkedIn gives only the year {y} for the {what}: write the month in `{key}` (\"{y}-MM\"), or the day"
            )),
            When::Unreadable(s) => Some(format!(
                "the {what} `{s}` is not a date certcheck can read: write `{key}` as \"YYYY-MM\" or YYYY-MM-DD"
            )),
        }
    }
}

/// One row of a CSV file: the line it starts on and its values by column.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    line: u64,
    values: BTreeMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.values
            .get(&column.to_lowercase())
            .map_or("", |s| s.trim())
    }
}

/// A row left out because it repeats an earlier one word for word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// One of [`FILES`].
    pub csv: &'static str,
    pub file: String,
    pub line: u64,
    pub first_line: u64,
}

/// The rows of `file`, whose header must name every column of `required`;
/// rows repeating an earlier one are dropped and listed.
fn table(
    csv: &'static str,
    file: &ExportFile,
    required: &[&str],
    duplicates: &mut Vec<Duplicate>,
) -> Result<Vec<Row>, Diagnostic> {
    let bytes = file
        .bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&file.bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let written: Vec<String> = match records.next() {
        None => Vec::new(),
        Some(r) => csv_record(r, file, bytes)?
            .iter()
            .map(|h| h.trim().to_string())
            .collect(),
    };
    // column names are matched without regard to case
    let header: Vec<String> = written.iter().map(|h| h.to_lowercase()).collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !header.contains(&c.to_lowercase()))
        .collect();
    if !missing.is_empty() {
        let found = if header.iter().all(String::is_empty) {
            "an empty first line".to_string()
        } else {
            format!("`{}`", written.join(","))
        };
        // a column misspelt: which one it seems to be
        let near: Vec<String> = written
            .iter()
            .filter(|h| !required.iter().any(|r| r.eq_ignore_ascii_case(h)))
            .filter_map(|h| {
                did_you_mean(h, missing.iter().copied()).map(|m| format!("`{m}` for `{h}`"))
            })
            .collect();
        let help = if near.is_empty() {
            "is this the file of LinkedIn's data export? its first line names the columns"
                .to_string()
        } else {
            format!(
                "did you mean {}? LinkedIn's export names its columns so",
                near.join(", ")
            )
        };
        let mut d = Diagnostic::new(
            &file.shown,
            format!(
                "the header lacks {}: expected a header line with {}, found {found}",
                list(&missing),
                list(required)
            ),
        )
        .with_help(help);
        d.line = Some(1);
        return Err(d);
    }
    let mut rows = Vec::new();
    let mut seen: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in records {
        let record = csv_record(r, file, bytes)?;
        // counted from the bytes: csv's own count is off after a CRLF header
        let line = record.position().map_or(0, |p| line_at(bytes, p.byte()));
        let values: Vec<String> = record.iter().map(|v| v.trim().to_string()).collect();
        if values.iter().all(String::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            let mut d = Diagnostic::new(
                &file.shown,
                format!(
                    "{} values where the header names {} columns",
                    record.len(),
                    header.len()
                ),
            )
            .with_help("a value with a comma or a line break in it must be in double quotes");
            d.line = Some(usize::try_from(line).unwrap_or(usize::MAX));
            return Err(d);
        }
        if let Some(first) = seen.get(&values) {
            duplicates.push(Duplicate {
                csv,
                file: file.shown.clone(),
                line,
                first_line: *first,
            });
            continue;
        }
        seen.insert(values.clone(), line);
        rows.push(Row {
            line,
            values: header.iter().cloned().zip(values).collect(),
        });
    }
    Ok(rows)
}

/// The 1-based line of the record starting at byte `at` of `bytes` (csv
/// puts a record after a CRLF at the LF: line breaks before it are
/// skipped).
fn line_at(bytes: &[u8], at: u64) -> u64 {
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

fn csv_record(
    r: Result<csv::StringRecord, csv::Error>,
    file: &ExportFile,
    bytes: &[u8],
) -> Result<csv::StringRecord, Diagnostic> {
    r.map_err(|e| {
        let line = e.position().map(|p| line_at(bytes, p.byte()));
        let what = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 text".to_string(),
            _ => format!("is not CSV certcheck can read: {e}"),
        };
        let mut d = Diagnostic::new(&file.shown, format!("`{}` {what}", file.shown)).with_help(
            "LinkedIn writes its export as UTF-8 CSV; was the file changed by another program?",
        );
        d.line = line.map(|l| usize::try_from(l).unwrap_or(usize::MAX));
        d
    })
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A role, from `Positions.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: u64,
    pub employer: String,
    pub title: String,
    pub description: String,
    pub location: String,
    pub start: When,
    pub end: When,
}

impl Position {
    /// "Quality Manager at Acme (2016-09 to now)", for a question.
    pub fn summary(&self) -> String {
        let end = match self.end {
            When::Blank => "now".to_string(),
            ref e => e.shown(),
        };
        let who = match (self.title.is_empty(), self.employer.is_empty()) {
            (false, false) => format!("{} at {}", self.title, self.employer),
            (false, true) => self.title.clone(),
            (true, _) => self.employer.clone(),
        };
        format!("{who} ({} to {end})", self.start.shown())
    }
}

/// A degree, from `Education.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Degree {
    pub line: u64,
    pub school: String,
    pub name: String,
    pub start: When,
    pub end: When,
}

/// A certification, from `Certifications.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certification {
    pub line: u64,
    pub name: String,
    pub authority: String,
    pub started: When,
    pub finished: When,
    pub license: String,
}

/// What was read from an export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Export {
    pub name: Option<String>,
    pub positions: Vec<Position>,
    pub degrees: Vec<Degree>,
    pub certifications: Vec<Certification>,
    /// Rows written once though the export repeats them.
    pub duplicates: Vec<Duplicate>,
    /// The files of [`FILES`] (but `Profile.csv`) the export lacks.
    pub missing: Vec<&'static str>,
}

/// Reads the files of an export; every bad file is one diagnostic.
pub fn read(files: &ExportFiles, shown: &str) -> Result<Export, Vec<Diagnostic>> {
    if !files.any_read() {
        return Err(vec![Diagnostic::new(
            shown,
            format!("`{shown}` has none of `{POSITIONS}`, `{EDUCATION}`, `{CERTIFICATIONS}`"),
        )
        .with_help("give LinkedIn's data export (Settings, Data privacy, Get a copy of your data): the zip it sent, or the folder it unzips to")]);
    }
    let mut export = Export::default();
    let mut errors = Vec::new();
    let mut dups = Vec::new();
    match &files.positions {
        None => export.missing.push(POSITIONS),
        Some(f) => match table(
            POSITIONS,
            f,
            &["Company Name", "Title", "Started On", "Finished On"],
            &mut dups,
        ) {
            Ok(rows) => {
                export.positions = rows
                    .iter()
                    .map(|r| Position {
                        line: r.line,
                        employer: r.get("Company Name").to_string(),
                        title: r.get("Title").to_string(),
                        description: r.get("Description").to_string(),
                        location: r.get("Location").to_string(),
                        start: When::parse(r.get("Started On")),
                        end: When::parse(r.get("Finished On")),
                    })
                    .collect();
            }
            Err(d) => errors.push(d),
        },
    }
    match &files.education {
        None => export.missing.push(EDUCATION),
        Some(f) => match table(
            EDUCATION,
            f,
            &["School Name", "Start Date", "End Date", "Degree Name"],
            &mut dups,
        ) {
            Ok(rows) => {
                export.degrees = rows
                    .iter()
                    .map(|r| Degree {
                        line: r.line,
                        school: r.get("School Name").to_string(),
                        name: r.get("Degree Name").to_string(),
                        start: When::parse(r.get("Start Date")),
                        end: When::parse(r.get("End Date")),
                    })
                    .collect();
            }
            Err(d) => errors.push(d),
        },
    }
    match &files.certifications {
        None => export.missing.push(CERTIFICATIONS),
        Some(f) => match table(
            CERTIFICATIONS,
            f,
            &["Name", "Authority", "Started On"],
            &mut dups,
        ) {
            Ok(rows) => {
                export.certifications = rows
                    .iter()
                    .map(|r| Certification {
                        line: r.line,
                        name: r.get("Name").to_string(),
                        authority: r.get("Authority").to_string(),
                        started: When::parse(r.get("Started On")),
                        finished: When::parse(r.get("Finished On")),
                        license: r.get("License Number").to_string(),
                    })
                    .collect();
            }
            Err(d) => errors.push(d),
        },
    }
    // the name only helps: a Profile.csv of another shape is passed over
    if let Some(f) = &files.profile
        && let Ok(rows) = table(PROFILE, f, &["First Name", "Last Name"], &mut Vec::new())
        && let Some(r) = rows.first()
    {
        let name = format!("{} {}", r.get("First Name"), r.get("Last Name"));
        let name = name.trim();
        if !name.is_empty() {
            export.name = Some(name.to_string());
        }
    }
    export.duplicates = dups;
    if errors.is_empty() {
        Ok(export)
    } else {
        Err(errors)
    }
}

/// The level a LinkedIn degree name says, where it says one and only one
/// ("BSc", "Bachelor of Science - BS", "MBA", "Ph.D."); `None` for a name
/// that says none ("Diploma", "Certificate") or more than one ("BS/MS").
pub fn degree_level(name: &str) -> Option<Level> {
    let lower = name.to_lowercase().replace(['\u{2019}', '`'], "'");
    let mut found: Vec<Level> = Vec::new();
    let phrases: &[(&str, Level)] = &[
        ("high school", Level::Secondary),
        ("secondary school", Level::Secondary),
        ("secondary diploma", Level::Secondary),
        ("trade diploma", Level::TradeDiploma),
        ("associate of", Level::Associate),
        ("associate's", Level::Associate),
        ("associates degree", Level::Associate),
        ("associate degree", Level::Associate),
        ("associate in", Level::Associate),
        ("bachelor", Level::Bachelor),
        ("master of", Level::Master),
        ("master's", Level::Master),
        ("masters", Level::Master),
        ("master in", Level::Master),
        ("master degree", Level::Master),
        ("doctor of", Level::Doctorate),
        ("doctorate", Level::Doctorate),
        ("doctoral", Level::Doctorate),
    ];
    for (p, level) in phrases {
        if lower.contains(p) {
            found.push(*level);
        }
    }
    // abbreviations, as whole words once the dots are gone ("B.S." is
    // "BS"); one of two letters only in capitals, as "as" or "ma" may be
    // words of a name
    let words: Vec<String> = name
        .replace('.', "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| w.chars().count() > 2 || w.chars().all(|c| c.is_uppercase()))
        .map(str::to_lowercase)
        .collect();
    let abbreviations: &[(&[&str], Level)] = &[
        (&["ged"], Level::Secondary),
        (&["aa", "as", "aas", "aab"], Level::Associate),
        (
            &[
                "bs", "bsc", "ba", "bba", "beng", "btech", "bcom", "bfa", "bas", "bsba", "bse",
            ],
            Level::Bachelor,
        ),
        (
            &[
                "ms", "msc", "ma", "mba", "meng", "mtech", "mfa", "mph", "mpa", "mse", "mphil",
            ],
            Level::Master,
        ),
        (&["phd", "dphil", "edd", "dba", "dsc"], Level::Doctorate),
    ];
    for w in &words {
        for (abbrs, level) in abbreviations {
            if abbrs.contains(&w.as_str()) {
                found.push(*level);
            }
        }
    }
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Certification bodies by the short name a rule file's `issuer` uses, with
/// the long name LinkedIn's Authority column may give instead.
const AUTHORITIES: &[(&str, &str)] = &[
    ("asq", "american society for quality"),
    ("pmi", "project management institute"),
    ("sme", "society of manufacturing engineers"),
    ("ism", "institute for supply management"),
    ("ascm", "association for supply chain management"),
    ("apics", "american production and inventory control society"),
];

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn squashed(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether LinkedIn's Authority `authority` names the body `issuer` (a rule
/// file's, e.g. "APICS (now ASCM)").
fn authority_names(authority: &str, issuer: &str) -> bool {
    let said = words(authority);
    let lower = authority.to_lowercase();
    words(issuer).iter().any(|short| {
        said.contains(short)
            || AUTHORITIES
                .iter()
                .any(|(s, long)| s == short && lower.contains(long))
    })
}

/// The certification ids of `rules` that a LinkedIn certification names:
/// by the rule's name ("Certified Manager of Quality/Organizational
/// Excellence") or its id's letters ("CMQ/OE", "PMP"), with or without the
/// other in parentheses; from the rule's issuer where the Authority is
/// given. One id is a match; none or several are not.
pub fn certification_ids<'r>(rules: &'r RuleSet, name: &str, authority: &str) -> Vec<&'r str> {
    // "Project Management Professional (PMP)": both parts are names
    let mut names = vec![squashed(name)];
    if let Some((before, after)) = name.split_once('(') {
        names.push(squashed(before));
        names.push(squashed(after.trim_end_matches(')')));
    }
    for sep in [" - ", " \u{2013} ", ", "] {
        if let Some((before, after)) = name.split_once(sep) {
            names.push(squashed(before));
            names.push(squashed(after));
        }
    }
    names.retain(|n| !n.is_empty());
    let mut ids: Vec<&str> = rules
        .all()
        .iter()
        .filter(|r| {
            let by_name = names
                .iter()
                .any(|n| *n == squashed(&r.name) || *n == squashed(&r.id));
            let by_body = authority.trim().is_empty() || authority_names(authority, &r.issuer);
            by_name && by_body
        })
        .map(|r| r.id.as_str())
        .collect();
    ids.dedup();
    ids
}

/// The answers a person gave for one role (the same index as
/// [`Export::positions`]); `None`: not asked, or left open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    pub decision_making: Option<bool>,
    pub full_time: Option<bool>,
}

/// The profile text, and how many entries it holds as they are and
/// commented out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub entries: usize,
    pub commented_out: usize,
}

/// One entry of the profile being written.
struct Entry {
    /// Comments before it: where it came from, what LinkedIn says of it.
    about: Vec<String>,
    /// `[[table]]` and its keys; a line starting with `#` is a comment.
    lines: Vec<String>,
    /// What must be filled in: the entry is written commented out.
    problems: Vec<String>,
}

/// `s` fit for one comment line: a control character (a line break of a
/// description, a tab) becomes a space.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

const HEAD: &str = "\
# A certcheck profile imported from LinkedIn's data export
# ({source}).
# LinkedIn does not say everything certcheck needs: read every entry.
# An entry written commented out (its lines start with `# `) lacks a fact
# the export does not give, never guessed: its `to fill in` note says
# which. Fill it in, remove the `# ` before the entry's lines, then:
#   certcheck check PROFILE
# Dates are YYYY-MM-DD, or \"YYYY-MM\" where only the month is known.
";

/// The profile text for `export`: a name, then degrees, roles and
/// certifications, each with comments saying where it came from. `asked`
/// holds the answers for the roles (missing ones are not asked); `source`
/// names the export in the first comment. Every entry is checked alone with
/// the strict loader; one that would not load is written commented out with
/// the loader's reason, so the whole text loads.
pub fn render(export: &Export, rules: &RuleSet, asked: &[Asked], source: &str) -> Rendered {
    let mut counts = Rendered::default();
    let out = &mut counts.text;
    out.push_str(&HEAD.replace("{source}", &comment_text(source)));
    out.push('\n');
    match &export.name {
        Some(n) => out.push_str(&format!("name = {}\n", basic_string(n))),
        None => out.push_str(&format!(
            "name = {}               # required: {PROFILE} was not in the export\n",
            basic_string("Your Name")
        )),
    }
    out.push_str("targets = []                     # the certifications you work towards, e.g. [\"cmq-oe\"]\n");
    for missing in &export.missing {
        out.push_str(&format!(
            "# {missing} was not in the export: nothing from it\n"
        ));
    }
    for d in &export.duplicates {
        out.push_str(&format!(
            "# {} line {} repeats line {} word for word: written once\n",
            comment_text(&d.file),
            d.line,
            d.first_line
        ));
    }

    if !export.degrees.is_empty() {
        out.push_str("\n# Degrees, from Education.csv. level: secondary | trade-diploma | associate | bachelor | master | doctorate\n");
        for d in &export.degrees {
            let mut entry = degree_entry(d);
            entry.about.extend(repeats(export, EDUCATION, d.line));
            write_entry(
                out,
                entry,
                rules,
                &mut counts.entries,
                &mut counts.commented_out,
            );
        }
    }
    if !export.positions.is_empty() {
        out.push_str("\n# Roles, from Positions.csv.\n");
        for (i, p) in export.positions.iter().enumerate() {
            let a = asked.get(i).copied().unwrap_or_default();
            let mut entry = role_entry(p, a);
            entry.about.extend(repeats(export, POSITIONS, p.line));
            write_entry(
                out,
                entry,
                rules,
                &mut counts.entries,
                &mut counts.commented_out,
            );
        }
    }
    if !export.certifications.is_empty() {
        out.push_str("\n# Certifications held, from Certifications.csv.\n");
        let mut held: Vec<&str> = Vec::new();
        for c in &export.certifications {
            let (mut entry, id) = certification_entry(c, rules, &held);
            entry.about.extend(repeats(export, CERTIFICATIONS, c.line));
            if entry.problems.is_empty()
                && let Some(id) = id
            {
                held.push(id);
            }
            write_entry(
                out,
                entry,
                rules,
                &mut counts.entries,
                &mut counts.commented_out,
            );
        }
    }
    counts
}

/// "listed again at line 7 of Positions.csv: written once", for the row
/// of `csv` at `line` that later rows repeat.
fn repeats(export: &Export, csv: &str, line: u64) -> Vec<String> {
    export
        .duplicates
        .iter()
        .filter(|d| d.csv == csv && d.first_line == line)
        .map(|d| {
            format!(
                "listed again at line {} of {csv}, word for word: written once",
                d.line
            )
        })
        .collect()
}

fn degree_entry(d: &Degree) -> Entry {
    let mut about = vec![format!(
        "Education.csv line {}: {}{}, {} to {}",
        d.line,
        if d.school.is_empty() {
            "(no school)"
        } else {
            &d.school
        },
        if d.name.is_empty() {
            String::new()
        } else {
            format!(", \"{}\"", d.name)
        },
        d.start.shown(),
        d.end.shown()
    )];
    let mut lines = vec!["[[education]]".to_string()];
    let mut problems = Vec::new();
    match degree_level(&d.name) {
        Some(level) => lines.push(format!("level = \"{}\"", level.id())),
        None => {
            lines.push("level = \"\"".to_string());
            problems.push(if d.name.is_empty() {
                "LinkedIn gives no degree name: write its `level`".to_string()
            } else {
                format!(
                    "the degree name `{}` does not say its level for certain: write `level`",
                    d.name
                )
            });
        }
    }
    match d.end.toml() {
        Some(v) => lines.push(format!("completed = {v}")),
        None => {
            lines.push(format!("completed = {}", d.end.placeholder()));
            if let Some(p) = d.end.problem("completed", "end date") {
                problems.push(format!("{p} (if the degree was completed)"));
            }
        }
    }
    if d.end == When::Blank {
        about.push("no end date: in progress, or not given".to_string());
    }
    Entry {
        about,
        lines,
        problems,
    }
}

fn role_entry(p: &Position, a: Asked) -> Entry {
    let mut about = vec![format!("Positions.csv line {}: {}", p.line, p.summary())];
    if !p.location.is_empty() {
        about.push(format!("location: {}", p.location));
    }
    let description: Vec<&str> = p
        .description
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for (i, l) in description.iter().enumerate() {
        about.push(format!(
            "{} {l}",
            if i == 0 {
                "description:"
            } else {
                "            "
            }
        ));
    }
    let mut lines = vec!["[[employment]]".to_string()];
    if !p.employer.is_empty() {
        lines.push(format!("employer = {}", basic_string(&p.employer)));
    }
    if !p.title.is_empty() {
        lines.push(format!("title = {}", basic_string(&p.title)));
    }
    let mut problems = Vec::new();
    match p.start.toml() {
        Some(v) => lines.push(format!("start = {v}")),
        None => {
            lines.push(format!("start = {}", p.start.placeholder()));
            problems.extend(p.start.problem("start", "start date"));
        }
    }
    match (&p.end, p.end.toml()) {
        (When::Blank, _) => lines.push("# no end: the role is ongoing".to_string()),
        (_, Some(v)) => lines.push(format!("end = {v}")),
        (e, None) => {
            lines.push(format!("end = {}", e.placeholder()));
            problems.extend(e.problem("end", "end date"));
        }
    }
    match a.decision_making {
        Some(b) => lines.push(format!("decision_making = {b}")),
        None => lines.push(
            "# decision_making = true        # LinkedIn does not say: true if the role had authority to define, execute or control projects or processes and responsibility for the outcome (default false)"
                .to_string(),
        ),
    }
    match a.full_time {
        Some(b) => lines.push(format!("full_time = {b}")),
        None => lines.push(
            "# full_time = false             # LinkedIn does not say: false if the role was part-time (default true)"
                .to_string(),
        ),
    }
    let title = words(&p.title);
    if title.iter().any(|w| w == "intern" || w == "internship") {
        lines.push(
            "# kind = \"internship\"           # the title says intern: set it if the role was one"
                .to_string(),
        );
    } else if p.title.to_lowercase().contains("co-op") || title.iter().any(|w| w == "coop") {
        lines.push(
            "# kind = \"co-op\"                # the title says co-op: set it if the role was one"
                .to_string(),
        );
    }
    Entry {
        about,
        lines,
        problems,
    }
}

/// The entry for a certification and the id it names; one that names no
/// loaded certification is a comment only (no lines).
fn certification_entry<'r>(
    c: &Certification,
    rules: &'r RuleSet,
    held: &[&str],
) -> (Entry, Option<&'r str>) {
    let mut said = format!("Certifications.csv line {}: \"{}\"", c.line, c.name);
    if !c.authority.is_empty() {
        said.push_str(&format!(" from {}", c.authority));
    }
    if !c.license.is_empty() {
        said.push_str(&format!(", licence {}", c.license));
    }
    if c.finished != When::Blank {
        said.push_str(&format!(", expires {}", c.finished.shown()));
    }
    let ids = certification_ids(rules, &c.name, &c.authority);
    let mut problems = Vec::new();
    let mut lines = vec!["[[certifications]]".to_string()];
    let id = match ids.as_slice() {
        [] => {
            let about = vec![
                said,
                "not imported: it names no certification certcheck has rules for".to_string(),
            ];
            let entry = Entry {
                about,
                lines: Vec::new(),
                problems: Vec::new(),
            };
            return (entry, None);
        }
        [one] => {
            lines.push(format!("id = \"{one}\""));
            if held.contains(one) {
                problems.push(format!(
                    "`{one}` is already held above: a profile lists each certification once; keep the right entry"
                ));
            }
            Some(*one)
        }
        many => {
            lines.push("id = \"\"".to_string());
            problems.push(format!(
                "it could be any of {}: write the right `id`",
                many.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            None
        }
    };
    match c.started.toml() {
        Some(v) => lines.push(format!("earned = {v}")),
        None => {
            lines.push(format!("earned = {}", c.started.placeholder()));
            problems.extend(c.started.problem("earned", "issue date"));
        }
    }
    let entry = Entry {
        about: vec![said],
        lines,
        problems,
    };
    (entry, id)
}

/// Writes `entry`: its comments, its notes, then its lines, commented out
/// when something must be filled in or when it would not load alone; counts
/// it in `written` or `off`.
fn write_entry(
    out: &mut String,
    mut entry: Entry,
    rules: &RuleSet,
    written: &mut usize,
    off: &mut usize,
) {
    if !entry.lines.is_empty()
        && entry.problems.is_empty()
        && let Some(why) = rejected(&entry.lines, rules)
    {
        entry.problems.push(why);
    }
    out.push('\n');
    for a in &entry.about {
        out.push_str(&format!("# {}\n", comment_text(a)));
    }
    for p in &entry.problems {
        out.push_str(&format!("# to fill in: {}\n", comment_text(p)));
    }
    let commented = !entry.problems.is_empty();
    if commented {
        *off += 1;
    } else if !entry.lines.is_empty() {
        *written += 1;
    }
    for l in &entry.lines {
        if commented && !l.starts_with('#') {
            out.push_str("# ");
        }
        out.push_str(l);
        out.push('\n');
    }
}

/// Why `lines` (one entry) would not load with the strict loader; `None`
/// when they load.
fn rejected(lines: &[String], rules: &RuleSet) -> Option<String> {
    let text = format!("name = \"x\"\n{}\n", lines.join("\n"));
    match crate::profile::parse_toml(&text, "entry", "x", rules) {
        Ok(_) => None,
        Err(ds) => {
            let why = ds.first().map_or("", |d| d.message.as_str());
            // checked alone, it is always "entry 1": not worth saying
            let why = why.rsplit_once(" in `[[").map_or(why, |(w, _)| w);
            Some(format!("the strict loader refuses it: {why}"))
        }
    }
}

#[cfg(test)]
mod tests;
