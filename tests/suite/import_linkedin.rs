//! `certcheck import linkedin EXPORT --out PROFILE.toml`: LinkedIn's data
//! export, as a folder or a zip, becomes a profile that loads and that
//! `check` judges; bad exports are errors naming the file (and line), with
//! nothing written. The fixture export (tests/fixtures/linkedin/export) has
//! the awkward parts: a byte-order mark, a description with quoted line
//! breaks, a year-only date, an ongoing role, a repeated row, CRLF lines,
//! a degree name without a level and certifications certcheck does not
//! know.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::{certcheck, fixture, rules, stderr, stdout};

fn export() -> PathBuf {
    fixture("linkedin/export")
}

/// `certcheck import linkedin EXPORT --out OUT`, with `extra` arguments and
/// nothing on stdin (not a terminal: nothing is asked).
fn import(export: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    certcheck()
        .arg("import")
        .arg("linkedin")
        .arg(export)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn zip_of_folder(folder: &Path, to: &Path, under: &str) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let name = format!("{under}{}", p.file_name().unwrap().to_string_lossy());
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn the_fixture_export_becomes_a_profile_that_check_judges() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dana.toml");
    let o = import(&export(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "wrote {} (5 entries; 4 entries commented out: fill in what their `to fill in` notes say); read it, then: certcheck check {}\n",
            out.display(),
            out.display()
        )
    );
    // the repeated row is said on stderr; no question was asked (stdin is
    // not a terminal)
    assert_eq!(
        stderr(&o),
        format!(
            "note: `{}` line 7 repeats line 5 word for word: written once\n",
            export().join("Positions.csv").display()
        )
    );
    let p = certcheck::profile::load_file(&out, rules()).unwrap();
    assert_eq!(p.name, "Dana Whitfield");
    assert_eq!(p.employment.len(), 3);
    assert_eq!(p.employment[0].end, None, "the ongoing role has no end");
    assert_eq!(p.education.len(), 1);
    assert_eq!(p.certifications.len(), 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("# to fill in: LinkedIn gives only the year 2009 for the start date"));
    assert!(text.contains("# decision_making = true        # LinkedIn does not say"));
    // and check reads it: the month dates are listed as read to the month
    let o = certcheck()
        .arg("check")
        .arg(&out)
        .args(["--as-of", "2026-11-25", "--cert", "cmq-oe"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(
        report.starts_with("Dana Whitfield (dana), as of 2026-11-25"),
        "{report}"
    );
    assert!(report.contains("2016-09"), "{report}");
}

#[test]
fn a_zip_of_the_export_gives_the_same_profile_as_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("Basic_LinkedInDataExport_12-02-2026.zip");
    zip_of_folder(&export(), &zip, "");
    let nested = dir.path().join("nested.zip");
    zip_of_folder(&export(), &nested, "Basic_LinkedInDataExport/");
    let from_folder = dir.path().join("a.toml");
    assert_eq!(import(&export(), &from_folder, &[]).status.code(), Some(0));
    let a = certcheck::profile::load_file(&from_folder, rules()).unwrap();
    for (i, z) in [zip, nested].iter().enumerate() {
        let out = dir.path().join(format!("z{i}.toml"));
        let o = import(z, &out, &["--no-input"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("`{}:", z.display())),
            "the note names the zip: {}",
            stderr(&o)
        );
        let mut b = certcheck::profile::load_file(&out, rules()).unwrap();
        b.id = a.id.clone();
        assert_eq!(a, b);
    }
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.toml");
    std::fs::write(&out, "name = \"Mine\"\n").unwrap();
    let o = import(&export(), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: `{}` already exists\n  help: certcheck import never overwrites a file: give another `--out`\n",
            out.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "name = \"Mine\"\n");
    assert!(stdout(&o).is_empty());
}

/// Each bad export: exit code 2, the file (and line) named with what was
/// expected, nothing written, no temporary file left.
#[test]
fn a_bad_export_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.zip");
    std::fs::write(&junk, "Company Name,Title\n").unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let bad_header = fixture("linkedin/bad-header");
    let cases: Vec<(PathBuf, String)> = vec![
        (
            bad_header.clone(),
            format!(
                "error: {}:1: the header lacks `Company Name`, `Title`, `Started On`, `Finished On`: expected a header line with `Company Name`, `Title`, `Started On`, `Finished On`, found `Company,Role,From,To`\n  help: did you mean `Company Name` for `Company`? LinkedIn's export names its columns so\n",
                bad_header.join("Positions.csv").display()
            ),
        ),
        (
            junk.clone(),
            format!(
                "error: {0}: `{0}` is not a zip file LinkedIn could have written: invalid Zip archive: Could not find EOCD\n  help: give LinkedIn's data export as the zip it sent (Settings, Data privacy, Get a copy of your data) or the folder it unzips to\n",
                junk.display()
            ),
        ),
        (
            empty.clone(),
            format!(
                "error: {0}: `{0}` has none of `Positions.csv`, `Education.csv`, `Certifications.csv`\n  help: give LinkedIn's data export (Settings, Data privacy, Get a copy of your data): the zip it sent, or the folder it unzips to\n",
                empty.display()
            ),
        ),
        (
            dir.path().join("missing.zip"),
            format!(
                "error: cannot read `{}`: no such file or directory\n",
                dir.path().join("missing.zip").display()
            ),
        ),
    ];
    for (export, expected) in cases {
        let out = dir.path().join("out.toml");
        let o = import(&export, &out, &[]);
        assert_eq!(o.status.code(), Some(2), "{}", export.display());
        assert_eq!(stderr(&o), expected);
        assert!(stdout(&o).is_empty());
        assert!(!out.exists(), "{} wrote a profile", export.display());
    }
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["empty", "junk.zip"]);
}

#[test]
fn a_bad_row_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(
        export.join("Positions.csv"),
        "Company Name,Title,Description,Location,Started On,Finished On\n\
         Acme,Boss,\"two\nlines\",,Mar 2017,\n\
         Acme,Boss,\"never closed,,Mar 2017,\n",
    )
    .unwrap();
    std::fs::write(
        export.join("Education.csv"),
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\nX,2010,2012,BSc\n",
    )
    .unwrap();
    let out = dir.path().join("p.toml");
    let o = import(&export, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    // both files' problems, each at its line
    let err = stderr(&o);
    let education = export.join("Education.csv").display().to_string();
    assert!(
        err.contains(&format!(
            "error: {education}:2: 4 values where the header names 6 columns\n  help: a value with a comma or a line break in it must be in double quotes\n"
        )),
        "{err}"
    );
    let positions = export.join("Positions.csv").display().to_string();
    assert!(
        err.contains(&format!("error: {positions}:4: 3 values")),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_csv_file_larger_than_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    let big = export.join("Education.csv");
    // sparse: its length says 9 MiB, and nothing is read to find out
    std::fs::File::create(&big)
        .unwrap()
        .set_len(9 * 1024 * 1024)
        .unwrap();
    let out = dir.path().join("p.toml");
    let o = import(&export, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {0}: `{0}` is larger than the 8 MiB limit for a file of a LinkedIn export\n  help: is this LinkedIn's data export?\n",
            big.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.toml");
    let cases: [(&[&str], &str); 3] = [
        (
            &["import", "linkdin", "x.zip", "--out"],
            "error: unknown import source `linkdin`\n  help: did you mean `linkedin`? certcheck imports `linkedin`, LinkedIn's data export: certcheck import linkedin EXPORT --out PROFILE.toml\n",
        ),
        (
            &["import", "linkedin", "--out"],
            "error: `import linkedin` needs the export to read\n  help: give LinkedIn's data export, the zip or its folder: certcheck import linkedin EXPORT --out PROFILE.toml\n",
        ),
        (&["import", "LinkedIn", "x.zip", "--out"], ""),
    ];
    for (args, expected) in cases {
        let o = certcheck().args(args).arg(&out).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        if !expected.is_empty() {
            assert_eq!(stderr(&o), expected);
        } else {
            // the source is matched without regard to case: the export is read
            assert!(
                stderr(&o).starts_with("error: cannot read `x.zip`"),
                "{}",
                stderr(&o)
            );
        }
    }
    let o = certcheck()
        .args(["import", "linkedin", "x.zip", "--out", "p.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: `p.json`: `import` writes a TOML profile\n  help: give `--out` a name ending in `.toml`\n"
    );
    // --out is required
    let o = certcheck()
        .args(["import", "linkedin", "x.zip"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// On a terminal (`script` gives the command one) it asks, role by role,
/// what LinkedIn does not say; Enter leaves an answer open, and `--no-input`
/// asks nothing.
#[cfg(unix)]
#[test]
fn on_a_terminal_each_role_is_asked() {
    use crate::common::skip;
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        skip("`script` (util-linux) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let on_terminal = |out: &Path, extra: &str| {
        let line = format!(
            "'{}' import linkedin '{}' --out '{}' {extra}",
            env!("CARGO_BIN_EXE_certcheck"),
            export().display(),
            out.display()
        );
        let mut child = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // role 1: decision-making, full-time; role 2: open, part-time;
        // then the input ends
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"y\ny\n\nn\n")
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        stdout(&o)
    };
    let asked = dir.path().join("asked.toml");
    let said = on_terminal(&asked, "");
    assert!(
        said.contains("role 1 of 4: Quality Manager at Acme Fabrication (2016-09 to now)"),
        "{said}"
    );
    let p = certcheck::profile::load_file(&asked, rules()).unwrap();
    let answers: Vec<_> = p
        .employment
        .iter()
        .map(|r| (r.decision_making, r.full_time))
        .collect();
    // the third role is the intern's: not reached, the defaults stand
    assert_eq!(answers, [(true, true), (false, false), (false, true)]);
    let text = std::fs::read_to_string(&asked).unwrap();
    assert_eq!(text.matches("\ndecision_making = true\n").count(), 1);
    assert_eq!(text.matches("\nfull_time = false\n").count(), 1);

    let unasked = dir.path().join("unasked.toml");
    let said = on_terminal(&unasked, "--no-input");
    assert!(!said.contains("role 1 of 4"), "{said}");
    let text = std::fs::read_to_string(&unasked).unwrap();
    assert!(!text.contains("\ndecision_making = "));
}
