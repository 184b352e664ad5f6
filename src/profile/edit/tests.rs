use super::*;
use crate::dates::date;

fn activity(evidence: Option<&str>) -> Activity {
    Activity {
        date: date(2026, 11, 25),
        certifications: vec!["cmq-oe".into()],
        category: "professional-development".into(),
        units: "1.5".parse().unwrap(),
        description: Some("Lean \"kaizen\" day".into()),
        evidence: evidence.map(Into::into),
    }
}

const TABLE: &str = "[[activities]]\ndate = 2026-11-25\ncertifications = [\"cmq-oe\"]\ncategory = \"professional-development\"\nunits = 1.5\ndescription = \"Lean \\\"kaizen\\\" day\"\n";

const INLINE: &str = "{ date = 2026-11-25, certifications = [\"cmq-oe\"], category = \"professional-development\", units = 1.5, description = \"Lean \\\"kaizen\\\" day\" }";

/// The edited text must parse, and every original byte must be in it.
fn parses(text: &str) {
    Document::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).unwrap();
}

#[test]
fn appends_a_table_after_one_blank_line() {
    let text = "name = 'Dana'   # hi\n\n[[activities]]\ndate = 2021-05-10\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(out, format!("{text}\n{TABLE}"));
    parses(&out);
    // already ends with a blank line: no second one
    let text = "name = 'Dana'\n\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(out, format!("{text}{TABLE}"));
}

#[test]
fn every_certification_is_listed_and_a_missing_description_left_out() {
    let mut a = activity(None);
    a.certifications.push("cpim".into());
    a.description = None;
    let out = append_activity("name = \"Dana\"\n", &a).unwrap();
    assert_eq!(
        out,
        "name = \"Dana\"\n\n[[activities]]\ndate = 2026-11-25\ncertifications = [\"cmq-oe\", \"cpim\"]\ncategory = \"professional-development\"\nunits = 1.5\n"
    );
}

#[test]
fn a_missing_final_newline_is_added_before_the_entry() {
    let text = "name = \"Dana\" # no newline";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(out, format!("{text}\n\n{TABLE}"));
    parses(&out);
}

#[test]
fn crlf_files_get_crlf_lines() {
    let text = "name = \"Dana\"\r\n# note\r\n";
    let out = append_activity(text, &activity(Some("r/1.pdf"))).unwrap();
    let entry = format!("{TABLE}evidence = \"r/1.pdf\"\n").replace('\n', "\r\n");
    assert_eq!(out, format!("{text}\r\n{entry}"));
    parses(&out);
}

#[test]
fn a_byte_order_mark_is_kept() {
    let text = "\u{feff}name = \"Dana\"\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(out, format!("{text}\n{TABLE}"));
}

#[test]
fn inline_array_on_one_line_gets_the_entry_after_its_last_element() {
    let text = "name = \"D\"\nactivities = [ { date = 2021-05-10, units = 1 } ]   # acts\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(
        out,
        format!(
            "name = \"D\"\nactivities = [ {{ date = 2021-05-10, units = 1 }}, {INLINE} ]   # acts\n"
        )
    );
    parses(&out);
}

#[test]
fn empty_inline_array() {
    let text = "name = \"D\"\nactivities = []\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(out, format!("name = \"D\"\nactivities = [{INLINE}]\n"));
    parses(&out);
}

#[test]
fn inline_array_one_per_line_keeps_its_trailing_comma_style() {
    let text = "name = \"D\"\nactivities = [\n    { date = 2021-05-10 },  # first\n]\n[[certifications]]\nid = \"x\"\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(
        out,
        format!(
            "name = \"D\"\nactivities = [\n    {{ date = 2021-05-10 }},  # first\n    {INLINE},\n]\n[[certifications]]\nid = \"x\"\n"
        )
    );
    parses(&out);
    // without a trailing comma: a comma after the old last one, none after ours
    let text = "activities = [\r\n  { date = 2021-05-10 }\r\n]\r\n";
    let out = append_activity(text, &activity(None)).unwrap();
    assert_eq!(
        out,
        format!("activities = [\r\n  {{ date = 2021-05-10 }},\r\n  {INLINE}\r\n]\r\n")
    );
    parses(&out);
}

#[test]
fn strings_are_escaped_on_one_line() {
    assert_eq!(basic_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    assert_eq!(basic_string("l1\nl2\tx\u{7f}"), "\"l1\\nl2\\tx\\u007F\"");
    assert_eq!(basic_string("café ✓"), "\"café ✓\"");
    let doc: Document<String> =
        Document::parse(format!("s = {}", basic_string("q\"\\\n\r\t\u{0}\u{1b}é"))).unwrap();
    assert_eq!(
        doc.get("s").and_then(Item::as_str),
        Some("q\"\\\n\r\t\u{0}\u{1b}é")
    );
}

fn renew(text: &str) -> String {
    let out = add_renewal(text, "cmq-oe", date(2027, 6, 1)).unwrap();
    parses(&out);
    out
}

#[test]
fn renewal_goes_at_the_end_of_the_array() {
    assert_eq!(
        renew("[[certifications]]\nid = \"cmq-oe\"\nrenewals = [2024-09-02]  # c\n"),
        "[[certifications]]\nid = \"cmq-oe\"\nrenewals = [2024-09-02, 2027-06-01]  # c\n"
    );
    assert_eq!(
        renew("[[certifications]]\nid = 'cmq-oe'\nrenewals = [ ]\n"),
        "[[certifications]]\nid = 'cmq-oe'\nrenewals = [2027-06-01 ]\n"
    );
    // string dates stay strings
    assert_eq!(
        renew("[[certifications]]\nid = \"cmq-oe\"\nrenewals = [\"2024-09-02\"]\n"),
        "[[certifications]]\nid = \"cmq-oe\"\nrenewals = [\"2024-09-02\", \"2027-06-01\"]\n"
    );
    assert_eq!(
        renew("[[certifications]]\nid = \"cmq-oe\"\nrenewals = [\n  2024-09-02,\n]\n"),
        "[[certifications]]\nid = \"cmq-oe\"\nrenewals = [\n  2024-09-02,\n  2027-06-01,\n]\n"
    );
}

#[test]
fn renewals_key_is_added_after_the_entrys_last_key() {
    let text = "[[certifications]]\nid = \"cpim\"\nearned = 2019-01-01\n\n[[certifications]]\n  id = \"cmq-oe\"\n  earned = 2021-10-15   # first cycle\n\n# next\n[[activities]]\n";
    assert_eq!(
        renew(text),
        "[[certifications]]\nid = \"cpim\"\nearned = 2019-01-01\n\n[[certifications]]\n  id = \"cmq-oe\"\n  earned = 2021-10-15   # first cycle\n  renewals = [2027-06-01]\n\n# next\n[[activities]]\n"
    );
    // at the end of a file without a final newline, in CRLF
    assert_eq!(
        renew("name = \"x\"\r\n[[certifications]]\r\nid = \"cmq-oe\"\r\nearned = 2021-10-15"),
        "name = \"x\"\r\n[[certifications]]\r\nid = \"cmq-oe\"\r\nearned = 2021-10-15\r\nrenewals = [2027-06-01]\r\n"
    );
}

#[test]
fn renewal_in_an_inline_certifications_array() {
    assert_eq!(
        renew(
            "certifications = [{ id = \"cpim\", earned = 2019-01-01 }, { id = \"cmq-oe\", earned = 2021-10-15 }]\n"
        ),
        "certifications = [{ id = \"cpim\", earned = 2019-01-01 }, { id = \"cmq-oe\", earned = 2021-10-15, renewals = [2027-06-01] }]\n"
    );
    assert_eq!(
        renew(
            "certifications = [{ id = \"cmq-oe\", renewals = [2024-09-02], earned = 2021-10-15 }]\n"
        ),
        "certifications = [{ id = \"cmq-oe\", renewals = [2024-09-02, 2027-06-01], earned = 2021-10-15 }]\n"
    );
}

#[test]
fn renewal_of_a_certification_not_listed_is_an_error() {
    let e = add_renewal(
        "[[certifications]]\nid = \"cpim\"\n",
        "cmq-oe",
        date(2027, 6, 1),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "no `[[certifications]]` entry has the id `cmq-oe`"
    );
}

// ----- files ------------------------------------------------------------------

fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "p.toml")
        .collect();
    names.sort();
    names
}

#[test]
fn commit_replaces_the_file_and_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    let edit = Edit::open(&path).unwrap();
    assert_eq!(edit.original(), b"old\n");
    assert!(dir.path().join("p.toml.lock").exists());
    edit.commit(b"new\n").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new\n");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_failure_at_any_step_leaves_old_or_new_bytes_and_no_temp_file() {
    for fail_at in Step::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        fs::write(&path, "old\n").unwrap();
        let edit = Edit::open(&path).unwrap();
        let mut seen = Vec::new();
        let err = edit
            .commit_with(b"new\n", &mut |step| {
                seen.push(step);
                if step == fail_at {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
        let now = fs::read(&path).unwrap();
        if fail_at == Step::Renamed {
            assert_eq!(now, b"new\n");
            assert!(matches!(err, EditError::NotSynced { .. }), "{err:?}");
        } else {
            assert_eq!(now, b"old\n", "failed at {fail_at:?}");
            assert!(matches!(err, EditError::Io { .. }), "{err:?}");
        }
        assert_eq!(seen.last(), Some(&fail_at));
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{fail_at:?}");
    }
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    // replaced before the commit starts
    let edit = Edit::open(&path).unwrap();
    fs::write(&path, "theirs\n").unwrap();
    let err = edit.commit(b"new\n").unwrap_err();
    assert!(matches!(err, EditError::Changed { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), b"theirs\n");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // replaced while the temporary file is written; or removed
    for theirs in [Some("theirs again\n"), None] {
        fs::write(&path, "old\n").unwrap();
        let edit = Edit::open(&path).unwrap();
        let p = path.clone();
        let err = edit
            .commit_with(b"new\n", &mut |step| {
                if step == Step::Synced {
                    match theirs {
                        Some(t) => fs::write(&p, t)?,
                        None => fs::remove_file(&p)?,
                    }
                }
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(err, EditError::Changed { .. }), "{err:?}");
        match theirs {
            Some(t) => assert_eq!(fs::read_to_string(&path).unwrap(), t),
            None => assert!(!path.exists()),
        }
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }
}

#[test]
fn a_held_lock_refuses_and_says_how_to_clear_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    let first = Edit::open(&path).unwrap();
    let err = Edit::open_waiting(&path, Duration::ZERO).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("`{}` is being edited by another certcheck", path.display())
    );
    let help = err.help().unwrap();
    assert!(help.contains("remove `"), "{help}");
    assert!(help.contains("p.toml.lock`"), "{help}");
    assert!(
        help.contains(&format!("(process {} on host ", std::process::id())),
        "{help}"
    );
    drop(first);
    // released on drop
    assert!(!dir.path().join("p.toml.lock").exists());
    Edit::open_waiting(&path, Duration::ZERO).unwrap();
}

#[test]
fn a_waiting_edit_gets_the_lock_when_it_is_released() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    let first = Edit::open(&path).unwrap();
    let p = path.clone();
    let second = std::thread::spawn(move || {
        let e = Edit::open_waiting(&p, Duration::from_secs(10)).unwrap();
        e.original().to_vec()
    });
    std::thread::sleep(Duration::from_millis(50));
    first.commit(b"new\n").unwrap();
    // the second read the file after the first's commit
    assert_eq!(second.join().unwrap(), b"new\n");
}

#[test]
fn temp_files_left_by_a_killed_certcheck_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    fs::write(dir.path().join(".p.toml.certcheck-999-0.tmp"), "half").unwrap();
    fs::write(dir.path().join(".other.toml.certcheck-999-0.tmp"), "x").unwrap();
    Edit::open(&path).unwrap().commit(b"new\n").unwrap();
    assert_eq!(leftovers(dir.path()), [".other.toml.certcheck-999-0.tmp"]);
}

#[test]
fn a_read_only_profile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let err = Edit::open(&path).unwrap_err();
    assert!(matches!(err, EditError::ReadOnly { .. }), "{err:?}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_missing_profile_is_a_read_error_and_takes_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let err = Edit::open(&dir.path().join("p.toml")).unwrap_err();
    assert!(
        matches!(&err, EditError::Io { action: "read", source, .. } if source.kind() == io::ErrorKind::NotFound),
        "{err:?}"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_symlinks_followed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    fs::write(&real, "old\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("p.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    Edit::open(&link).unwrap().commit(b"new\n").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&real).unwrap(), b"new\n");
    let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(leftovers(dir.path()), ["real.toml"]);
}

/// The temporary file is private from the start (a profile's history of
/// renewals and activities is nobody else's), and gets the profile's
/// permissions only once written.
#[cfg(unix)]
#[test]
fn the_temporary_file_is_private_until_it_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(&path, "old\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let mut modes = Vec::new();
    Edit::open(&path)
        .unwrap()
        .commit_with(b"new\n", &mut |step| {
            let temps: Vec<u32> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap())
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".p.toml.certcheck-")
                })
                .map(|e| e.metadata().unwrap().permissions().mode() & 0o777)
                .collect();
            modes.push((step, temps));
            Ok(())
        })
        .unwrap();
    assert_eq!(
        modes,
        [
            (Step::TempCreated, vec![0o600]),
            (Step::Written, vec![0o600]),
            (Step::Synced, vec![0o644]),
            (Step::BeforeRename, vec![0o644]),
            (Step::Renamed, vec![]),
        ]
    );
    assert_eq!(fs::read(&path).unwrap(), b"new\n");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_lock_names_its_process_and_host_and_is_read_back() {
    let text = lock_text(4242, "build-7.example");
    assert_eq!(
        text,
        format!(
            "certcheck {} (process 4242 on host build-7.example)",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(lock_holder(&text), Some((4242, "build-7.example")));
    assert_eq!(
        lock_holder("certcheck 0.0.9 (process 7 on host a (b))\n"),
        Some((7, "a (b)"))
    );
    for unknown in [
        "certcheck 0.1.0 (process 4242)",
        "certcheck 0.1.0 (process 0 on host h)",
        "certcheck 0.1.0 (process -1 on host h)",
        "someone else (process 1 on host h)",
        "",
    ] {
        assert_eq!(lock_holder(unknown), None, "{unknown}");
    }
}
