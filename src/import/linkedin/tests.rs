use super::*;
use crate::dates::date;
use crate::profile::Profile;
use std::io::Write;

fn rules() -> &'static RuleSet {
    crate::test_support::builtin_rules()
}

fn file(name: &str, text: &str) -> ExportFile {
    ExportFile {
        shown: format!("export/{name}"),
        bytes: text.as_bytes().to_vec(),
    }
}

/// The fixture export of tests/fixtures/linkedin/export.
fn fixture() -> ExportFiles {
    let mut files = ExportFiles::default();
    for (name, bytes) in [
        (
            POSITIONS,
            &include_bytes!("../../../tests/fixtures/linkedin/export/Positions.csv")[..],
        ),
        (
            EDUCATION,
            &include_bytes!("../../../tests/fixtures/linkedin/export/Education.csv")[..],
        ),
        (
            CERTIFICATIONS,
            &include_bytes!("../../../tests/fixtures/linkedin/export/Certifications.csv")[..],
        ),
        (
            PROFILE,
            &include_bytes!("../../../tests/fixtures/linkedin/export/Profile.csv")[..],
        ),
    ] {
        assert!(files.set(
            name,
            ExportFile {
                shown: format!("export/{name}"),
                bytes: bytes.to_vec(),
            },
        ));
    }
    files
}

fn load(text: &str) -> Profile {
    match crate::profile::parse_toml(text, "p.toml", "p", rules()) {
        Ok(p) => p,
        Err(e) => panic!("{text}\n{e:?}"),
    }
}

/// The lines of the entry whose first comment names `what`, up to the next
/// blank line.
fn entry<'t>(text: &'t str, what: &str) -> Vec<&'t str> {
    let at = text
        .find(what)
        .unwrap_or_else(|| panic!("no `{what}` in\n{text}"));
    let start = text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    text[start..]
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .collect()
}

#[test]
fn the_fixture_export_becomes_a_profile_that_loads() {
    let export = read(&fixture(), "export").unwrap();
    let r = render(&export, rules(), &[], "export");
    // a degree, three roles and a certification as they are; two degrees,
    // a role and a certification to fill in (the forklift ticket is none)
    assert_eq!((r.entries, r.commented_out), (5, 4));
    let p = load(&r.text);
    assert_eq!(p.name, "Dana Whitfield");
    // the ongoing role has no end; month dates as LinkedIn gives them
    let roles: Vec<_> = p
        .employment
        .iter()
        .map(|r| (r.title.as_deref().unwrap_or(""), r.start, r.end))
        .collect();
    assert_eq!(
        roles,
        [
            ("Quality Manager", date(2016, 9, 1), None),
            (
                "Production Supervisor",
                date(2012, 6, 1),
                Some(date(2016, 8, 31))
            ),
            ("Quality Intern", date(2008, 6, 1), Some(date(2008, 8, 31))),
        ]
    );
    // nothing LinkedIn does not say is set: the defaults stand
    assert!(
        p.employment
            .iter()
            .all(|r| !r.decision_making && r.full_time)
    );
    assert_eq!(p.education.len(), 1);
    assert_eq!(p.education[0].level, Level::Bachelor);
    assert_eq!(p.education[0].completed, date(2012, 6, 30));
    assert_eq!(p.certifications.len(), 1);
    assert_eq!(p.certifications[0].id, "cmq-oe");
    assert_eq!(p.certifications[0].earned, date(2020, 4, 1));
}

#[test]
fn a_quoted_line_break_stays_in_the_comments() {
    // the fixture is as awkward as LinkedIn's own: a byte-order mark first
    assert!(
        include_bytes!("../../../tests/fixtures/linkedin/export/Positions.csv")
            .starts_with(b"\xef\xbb\xbfCompany Name,")
    );
    let export = read(&fixture(), "export").unwrap();
    assert_eq!(export.positions.len(), 4, "{:?}", export.positions);
    assert!(
        export.positions[0]
            .description
            .contains("two plants.\nLeads")
    );
    let text = render(&export, rules(), &[], "export").text;
    let e = entry(&text, "Positions.csv line 2:");
    assert!(e.contains(&"# description: Runs the quality system for two plants."));
    assert!(e.contains(&"#              and answers for the results."));
    assert!(e.contains(&"# location: Dayton, Ohio"));
    // the next row is read from its own line
    assert_eq!(export.positions[1].line, 5);
}

#[test]
fn a_year_only_date_leaves_its_entry_commented_out_with_a_note() {
    let export = read(&fixture(), "export").unwrap();
    let text = render(&export, rules(), &[], "export").text;
    let e = entry(&text, "Bolt & Sons (2009 to 2012-05)");
    assert!(
        e.contains(&"# to fill in: LinkedIn gives only the year 2009 for the start date: write the month in `start` (\"2009-MM\"), or the day"),
        "{e:#?}"
    );
    assert!(e.contains(&"# [[employment]]"));
    assert!(e.contains(&"# start = \"2009\""));
    // filled in as the note says, the entry loads
    let filled = text.replace(
        &e.join("\n"),
        &e.iter()
            .filter(|l| !l.starts_with("# to fill in") && !l.starts_with("# Positions"))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .map(|l| l.replace("\"2009\"", "\"2009-03\""))
            .filter(|l| !l.starts_with("decision_making") && !l.starts_with("full_time"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let p = load(&filled);
    assert_eq!(p.employment.len(), 4);
    assert!(p.employment.iter().any(|r| r.start == date(2009, 3, 1)));
    // likewise a degree completed in a year only, and a certification
    let mba = entry(&text, "\"MBA\"");
    assert!(mba.contains(&"# level = \"master\""), "{mba:#?}");
    assert!(
        mba.iter().any(|l| l.contains("only the year 2021")),
        "{mba:#?}"
    );
    let cqe = entry(&text, "\"CQE\"");
    assert!(cqe.contains(&"# id = \"cqe\""), "{cqe:#?}");
    assert!(
        cqe.iter().any(|l| l.contains("only the year 2018")),
        "{cqe:#?}"
    );
}

#[test]
fn a_repeated_row_is_written_once_and_said() {
    let export = read(&fixture(), "export").unwrap();
    assert_eq!(
        export.duplicates,
        [Duplicate {
            csv: POSITIONS,
            file: "export/Positions.csv".into(),
            line: 7,
            first_line: 5
        }]
    );
    let text = render(&export, rules(), &[], "export").text;
    assert_eq!(text.matches("title = \"Production Supervisor\"").count(), 1);
    assert!(
        text.contains("# export/Positions.csv line 7 repeats line 5 word for word: written once")
    );
    let e = entry(&text, "Positions.csv line 5:");
    assert!(e.contains(&"# listed again at line 7 of Positions.csv, word for word: written once"));
}

#[test]
fn a_level_is_written_only_where_the_name_says_it() {
    for (name, level) in [
        ("Bachelor of Science - BS", Some(Level::Bachelor)),
        ("BSc", Some(Level::Bachelor)),
        ("B.S.", Some(Level::Bachelor)),
        ("B.A. Economics", Some(Level::Bachelor)),
        ("MBA", Some(Level::Master)),
        ("Master of Engineering - MEng", Some(Level::Master)),
        ("M.Sc.", Some(Level::Master)),
        ("Master's degree", Some(Level::Master)),
        ("Ph.D.", Some(Level::Doctorate)),
        ("Doctor of Philosophy - PhD", Some(Level::Doctorate)),
        ("Associate of Applied Science - AAS", Some(Level::Associate)),
        ("Associate's degree", Some(Level::Associate)),
        ("High School Diploma", Some(Level::Secondary)),
        ("GED", Some(Level::Secondary)),
        ("Diploma", None),
        ("Certificate", None),
        ("", None),
        ("BS/MS", None),
        ("Master Electrician", None),
        ("Engineer", None),
        ("A.S. Quality Technology", Some(Level::Associate)),
        ("Diploma as Quality Technician", None),
        ("ma", None),
    ] {
        assert_eq!(degree_level(name), level, "{name}");
    }
    let export = read(&fixture(), "export").unwrap();
    let text = render(&export, rules(), &[], "export").text;
    let e = entry(&text, "\"Diploma\"");
    assert!(e.contains(&"# to fill in: the degree name `Diploma` does not say its level for certain: write `level`"), "{e:#?}");
    assert!(e.contains(&"# level = \"\""));
}

#[test]
fn linkedin_dates() {
    for (s, when) in [
        ("Mar 2017", When::Month(2017, 3)),
        ("September 2011", When::Month(2011, 9)),
        ("Sept 2011", When::Month(2011, 9)),
        ("03/2017", When::Month(2017, 3)),
        ("2017-03", When::Month(2017, 3)),
        ("2015", When::Year(2015)),
        ("", When::Blank),
        ("  ", When::Blank),
        ("2017-03-15", When::Day(date(2017, 3, 15))),
        ("Mar 15, 2017", When::Day(date(2017, 3, 15))),
        ("15 Mar 2017", When::Day(date(2017, 3, 15))),
        ("Feb 30, 2017", When::Unreadable("Feb 30, 2017".into())),
        ("13/2017", When::Unreadable("13/2017".into())),
        ("Mar 17", When::Unreadable("Mar 17".into())),
        ("0000", When::Unreadable("0000".into())),
        ("soon", When::Unreadable("soon".into())),
    ] {
        assert_eq!(When::parse(s), when, "{s}");
    }
}

#[test]
fn certifications_map_to_an_id_only_when_unambiguous() {
    let ids = |name: &str, authority: &str| certification_ids(rules(), name, authority);
    assert_eq!(ids("CMQ/OE", "ASQ"), ["cmq-oe"]);
    assert_eq!(
        ids(
            "Certified Manager of Quality/Organizational Excellence",
            "ASQ - World Headquarters"
        ),
        ["cmq-oe"]
    );
    assert_eq!(
        ids(
            "Certified Quality Engineer (CQE)",
            "American Society for Quality"
        ),
        ["cqe"]
    );
    assert_eq!(
        ids(
            "Project Management Professional (PMP)",
            "Project Management Institute"
        ),
        ["pmp"]
    );
    assert_eq!(ids("PMP", ""), ["pmp"]);
    assert_eq!(
        ids("Certified in Production and Inventory Management", "APICS"),
        ["cpim"]
    );
    assert_eq!(ids("CSCP", "ASCM"), ["cscp"]);
    // another body's certificate of the same letters is not guessed
    assert!(ids("PMP", "Acme Training").is_empty());
    assert!(ids("Forklift Operator", "Acme Training").is_empty());
    assert!(ids("Quality", "ASQ").is_empty());
}

#[test]
fn a_certification_held_twice_is_written_once_and_the_other_commented_out() {
    let mut files = ExportFiles::default();
    files.set(
        CERTIFICATIONS,
        file(
            CERTIFICATIONS,
            "Name,Url,Authority,Started On,Finished On,License Number\nCMQ/OE,,ASQ,Apr 2020,,\nCertified Manager of Quality/Organizational Excellence,,ASQ,May 2017,,\n",
        ),
    );
    let export = read(&files, "export").unwrap();
    let text = render(&export, rules(), &[], "export").text;
    let p = load(&text);
    assert_eq!(p.certifications.len(), 1);
    assert_eq!(p.certifications[0].earned, date(2020, 4, 1));
    let e = entry(&text, "Certifications.csv line 3:");
    assert!(
        e.contains(&"# to fill in: `cmq-oe` is already held above: a profile lists each certification once; keep the right entry"),
        "{e:#?}"
    );
    assert!(e.contains(&"# earned = \"2017-05\""));
    // no name in the export: the placeholder, said
    assert_eq!(p.name, "Your Name");
    assert!(text.contains("# Positions.csv was not in the export: nothing from it"));
}

#[test]
fn answers_are_written_for_each_role() {
    let export = read(&fixture(), "export").unwrap();
    let asked = [
        Asked {
            decision_making: Some(true),
            full_time: Some(true),
        },
        Asked {
            decision_making: Some(false),
            full_time: None,
        },
    ];
    let text = render(&export, rules(), &asked, "export").text;
    let p = load(&text);
    assert!(p.employment[0].decision_making);
    assert!(!p.employment[1].decision_making);
    let first = entry(&text, "Positions.csv line 2:");
    assert!(first.contains(&"decision_making = true"));
    assert!(first.contains(&"full_time = true"));
    let second = entry(&text, "Positions.csv line 5:");
    assert!(second.contains(&"decision_making = false"));
    assert!(
        second
            .iter()
            .any(|l| l.starts_with("# full_time = false") && l.contains("LinkedIn does not say"))
    );
}

#[test]
fn a_header_without_the_columns_is_an_error_at_line_1() {
    let mut files = ExportFiles::default();
    files.set(
        POSITIONS,
        file(POSITIONS, "Company,Role,From,To\nAcme,Manager,Sep 2016,\n"),
    );
    let errors = read(&files, "export").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location(), "export/Positions.csv:1");
    assert_eq!(
        errors[0].message,
        "the header lacks `Company Name`, `Title`, `Started On`, `Finished On`: expected a header line with `Company Name`, `Title`, `Started On`, `Finished On`, found `Company,Role,From,To`"
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `Company Name` for `Company`? LinkedIn's export names its columns so")
    );
    // a misspelt column is named, and the case of a name does not matter
    let mut files = ExportFiles::default();
    files.set(
        POSITIONS,
        file(
            POSITIONS,
            "company name,Titel,STARTED ON,Finished On\nAcme,Boss,Mar 2017,\n",
        ),
    );
    let errors = read(&files, "export").unwrap_err();
    assert_eq!(
        errors[0].message,
        "the header lacks `Title`: expected a header line with `Company Name`, `Title`, `Started On`, `Finished On`, found `company name,Titel,STARTED ON,Finished On`"
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `Title` for `Titel`? LinkedIn's export names its columns so")
    );
    files.positions = Some(file(
        POSITIONS,
        "company name,TITLE,STARTED ON,Finished On\nAcme,Boss,Mar 2017,\n",
    ));
    let export = read(&files, "export").unwrap();
    assert_eq!(export.positions[0].employer, "Acme");
    assert_eq!(export.positions[0].start, When::Month(2017, 3));
    // an empty file, too
    let mut files = ExportFiles::default();
    files.set(EDUCATION, file(EDUCATION, ""));
    let errors = read(&files, "export").unwrap_err();
    assert!(
        errors[0].message.ends_with("found an empty first line"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_row_of_the_wrong_length_or_bad_bytes_is_an_error_at_its_line() {
    let mut files = ExportFiles::default();
    files.set(
        POSITIONS,
        file(POSITIONS, "Company Name,Title,Description,Location,Started On,Finished On\r\nAcme,Boss,\"a\nb\",,Mar 2017,\r\nAcme,Boss,x,y,Mar 2017\r\n"),
    );
    let errors = read(&files, "export").unwrap_err();
    assert_eq!(errors[0].location(), "export/Positions.csv:4");
    assert_eq!(
        errors[0].message,
        "5 values where the header names 6 columns"
    );
    let mut files = ExportFiles::default();
    let mut bytes = b"Name,Url,Authority,Started On\nCMQ/OE,,ASQ,Mar 2017\n".to_vec();
    bytes.extend_from_slice(b"Bad \xff name,,ASQ,Mar 2017\n");
    files.set(
        CERTIFICATIONS,
        ExportFile {
            shown: "x.zip:Certifications.csv".into(),
            bytes,
        },
    );
    let errors = read(&files, "x.zip").unwrap_err();
    assert_eq!(errors[0].location(), "x.zip:Certifications.csv:3");
    assert_eq!(
        errors[0].message,
        "`x.zip:Certifications.csv` is not valid UTF-8 text"
    );
}

#[test]
fn an_export_without_its_files_is_an_error() {
    let errors = read(&ExportFiles::default(), "Downloads/x").unwrap_err();
    assert_eq!(
        errors[0].message,
        "`Downloads/x` has none of `Positions.csv`, `Education.csv`, `Certifications.csv`"
    );
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_is_read_by_file_names_the_top_level_first() {
    let positions = "Company Name,Title,Started On,Finished On\nAcme,Boss,Mar 2017,\n";
    let other = "Company Name,Title,Started On,Finished On\nElsewhere,Boss,Mar 2017,\n";
    let bytes = zip_of(&[
        ("old/Positions.csv", other.as_bytes()),
        ("Positions.csv", positions.as_bytes()),
        ("Connections.csv", b"First Name\nSam\n"),
        (
            "Certs\\Certifications.csv",
            b"Name,Authority,Started On\nPMP,PMI,Jan 2020\n",
        ),
        (
            "sub/EDUCATION.CSV",
            b"School Name,Start Date,End Date,Degree Name\nX,,Jun 2010,BSc\n",
        ),
    ]);
    let files = from_zip(std::io::Cursor::new(&bytes), "export.zip").unwrap();
    let p = files.positions.as_ref().unwrap();
    assert_eq!(p.shown, "export.zip:Positions.csv");
    assert_eq!(p.bytes, positions.as_bytes());
    assert_eq!(
        files.education.as_ref().unwrap().shown,
        "export.zip:sub/EDUCATION.CSV"
    );
    assert_eq!(
        files.certifications.as_ref().unwrap().shown,
        "export.zip:Certs\\Certifications.csv"
    );
    assert!(files.profile.is_none());
    let export = read(&files, "export.zip").unwrap();
    let p = load(&render(&export, rules(), &[], "export.zip").text);
    assert_eq!(p.employment[0].employer.as_deref(), Some("Acme"));
    assert_eq!(p.education[0].completed, date(2010, 6, 30));
    assert_eq!(p.certifications[0].id, "pmp");
}

#[test]
fn bytes_that_are_no_zip_are_an_error_naming_the_file() {
    let e = from_zip(std::io::Cursor::new(b"Company Name,Title\n"), "export.zip").unwrap_err();
    assert_eq!(e.file, "export.zip");
    assert!(
        e.message
            .starts_with("`export.zip` is not a zip file LinkedIn could have written: "),
        "{}",
        e.message
    );
}

#[test]
fn what_would_not_load_is_commented_out_with_the_reason() {
    // an end before the start: the loader refuses it, so the entry is off
    let mut files = ExportFiles::default();
    files.set(
        POSITIONS,
        file(POSITIONS, "Company Name,Title,Started On,Finished On\nAcme,\"Boss \u{7}\"\"x\"\"\",Mar 2017,Jan 2016\n"),
    );
    let export = read(&files, "export").unwrap();
    let text = render(&export, rules(), &[], "export").text;
    let p = load(&text);
    assert!(p.employment.is_empty());
    assert!(
        text.contains("# to fill in: the strict loader refuses it: `end = 2016-01-31` is before `start = 2017-03-01`\n"),
        "{text}"
    );
    assert!(
        text.contains("# title = \"Boss \\u0007\\\"x\\\"\""),
        "{text}"
    );
}

#[test]
fn a_file_in_the_zip_larger_than_the_limit_is_refused() {
    let big = vec![b'a'; usize::try_from(CSV_LIMIT).unwrap() + 1];
    let bytes = zip_of(&[("Positions.csv", &big)]);
    // compressed, it is small: the limit is on what it inflates to
    assert!(bytes.len() < 1 << 20);
    let e = from_zip(std::io::Cursor::new(&bytes), "x.zip").unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.zip:Positions.csv: `x.zip:Positions.csv` is larger than the 8 MiB limit for a file of a LinkedIn export\n  help: is this LinkedIn's data export?"
    );
    // at the limit, it is read
    let bytes = zip_of(&[("Positions.csv", &big[1..])]);
    assert!(from_zip(std::io::Cursor::new(&bytes), "x.zip").is_ok());
}
