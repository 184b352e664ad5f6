use std::fs;

use super::*;
use crate::dates::date;

fn rules() -> &'static RuleSet {
    crate::test_support::builtin_rules()
}

/// Every source screened, in the order the sink got them, with `ok` or
/// the first problem.
fn screen_all(inputs: &[Input], jobs: usize, chunk: usize) -> Vec<(String, String)> {
    screen_walk(inputs, Walk::default(), jobs, chunk).0
}

/// [`screen_all`], walking as `walk` says, with what the walk skipped.
fn screen_walk(
    inputs: &[Input],
    walk: Walk,
    jobs: usize,
    chunk: usize,
) -> (Vec<(String, String)>, Skipped) {
    let rules = rules();
    let opts = Options {
        rules,
        as_of: date(2026, 11, 25),
        selection: Selection::Default,
        warnings: true,
        chunk,
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let mut seen = Vec::new();
    let result = pool.install(|| {
        screen(
            inputs,
            walk,
            &opts,
            Vec::new,
            |batch: &mut Vec<(String, String)>, s| {
                let what = match &s.outcome {
                    Ok(r) => format!("ok {}", r.profile.id),
                    Err(d) => d[0].to_string(),
                };
                batch.push((s.source, what));
            },
            |batch| {
                seen.extend(batch);
                Ok(())
            },
        )
    });
    match result {
        Ok(skipped) => (seen, skipped),
        Err(e) => panic!("{e}"),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

#[test]
fn folders_are_walked_in_name_order_and_other_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("b.toml"), "name = \"B\"\n");
    write(&d.join("a/z.json"), "{\"name\": \"Z\"}\n");
    write(&d.join("a/y.toml"), "name = \"Y\"\n");
    write(
        &d.join("c.jsonl"),
        "{\"name\": \"C1\"}\n\n  \n{\"name\": \"C4\", \"id\": \"c-four\"}\r\n",
    );
    write(&d.join("notes.txt"), "not a profile");
    write(&d.join("README"), "not a profile");
    let got = screen_all(&[Input::Path(d.to_path_buf())], 2, 2);
    let at = |rel: &str| d.join(rel).display().to_string();
    assert_eq!(
        got,
        [
            (at("a/y.toml"), "ok y".to_string()),
            (at("a/z.json"), "ok z".to_string()),
            (at("b.toml"), "ok b".to_string()),
            (format!("{}:1", at("c.jsonl")), "ok c:1".to_string()),
            (format!("{}:4", at("c.jsonl")), "ok c-four".to_string()),
        ]
    );
}

#[test]
fn the_order_is_the_same_whatever_the_threads_and_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut roster = String::new();
    for i in 0..300 {
        if i % 37 == 5 {
            roster.push_str("{\"name\": \"broken\",}\n");
        } else {
            roster.push_str(&format!("{{\"name\": \"P{i}\", \"id\": \"p{i}\"}}\n"));
        }
    }
    write(&d.join("r.jsonl"), &roster);
    for i in 0..40 {
        write(
            &d.join(format!("f/{i:03}.toml")),
            &format!("name = \"F{i}\"\n"),
        );
    }
    let inputs = [Input::Path(d.join("r.jsonl")), Input::Path(d.join("f"))];
    let one = screen_all(&inputs, 1, 1000);
    assert_eq!(one.len(), 340);
    assert_eq!(one[0].1, "ok p0");
    assert!(
        one[5].1.contains(":6:19: invalid JSON: trailing comma"),
        "{:?}",
        one[5]
    );
    for (jobs, chunk) in [(2, 1), (4, 7), (3, 64)] {
        assert_eq!(
            screen_all(&inputs, jobs, chunk),
            one,
            "{jobs} jobs, chunk {chunk}"
        );
    }
}

#[test]
fn named_files_of_another_kind_and_unreadable_ones_are_rows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("x.txt"), "name = \"X\"\n");
    fs::write(d.join("latin1.toml"), b"name = \"Jos\xe9\"\n").unwrap();
    fs::write(
        d.join("latin1.jsonl"),
        b"{\"name\": \"A\"}\n{\"name\": \"Jos\xe9\"}\n",
    )
    .unwrap();
    let got = screen_all(
        &[
            Input::Path(d.join("x.txt")),
            Input::Path(d.join("latin1.toml")),
            Input::Path(d.join("latin1.jsonl")),
            Input::Path(d.join("gone.toml")),
        ],
        2,
        8,
    );
    assert_eq!(got.len(), 5);
    assert!(got[0].1.contains("is not a profile"), "{}", got[0].1);
    assert!(got[1].1.contains("latin1.toml:1:"), "{}", got[1].1);
    assert!(got[1].1.contains("is not valid UTF-8"), "{}", got[1].1);
    assert_eq!(got[2].1, "ok latin1:1");
    assert!(got[3].1.contains("latin1.jsonl:2:"), "{}", got[3].1);
    assert!(got[4].1.contains("cannot read"), "{}", got[4].1);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_a_row_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("team/a.toml"), "name = \"A\"\n");
    std::os::unix::fs::symlink(d.join("team"), d.join("team/again")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("team/dangling.toml")).unwrap();
    let got = screen_all(&[Input::Path(d.join("team"))], 2, 4);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1, "ok a");
    assert!(got[1].0.ends_with("team/again"), "{:?}", got[1]);
    assert!(got[1].1.contains("leads back to"), "{}", got[1].1);
    assert!(got[2].1.contains("cannot read"), "{}", got[2].1);
}

#[test]
fn with_line_writes_the_number_in_decimal() {
    for n in [0usize, 1, 9, 10, 99, 100, 12345, usize::MAX] {
        assert_eq!(with_line("roster.jsonl", n), format!("roster.jsonl:{n}"));
    }
    assert_eq!(with_line("", 7), ":7");
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Three ways down from every level (the folder and two links to it):
/// walked path by path, 3^6 = 729 copies of the one profile at the bottom.
#[cfg(unix)]
#[test]
fn links_that_fan_out_reach_each_folder_and_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("n0");
    let mut level = top.clone();
    for i in 1..=6 {
        let next = level.join(format!("n{i}"));
        fs::create_dir_all(&next).unwrap();
        symlink(format!("n{i}"), level.join("a"));
        symlink(format!("n{i}"), level.join("b"));
        level = next;
    }
    write(&level.join("p.toml"), "name = \"P\"\n");
    let (got, skipped) = screen_walk(&[Input::Path(top.clone())], Walk::default(), 2, 8);
    // the first path to each folder is through `a`, sorted first
    let at = |rel: &str| top.join(rel).display().to_string();
    assert_eq!(got, [(at("a/a/a/a/a/a/p.toml"), "ok p".to_string())]);
    // `b` and `nI` are the same folder as `a`, at each of the 6 levels
    assert_eq!(skipped.duplicates, 12, "{skipped:?}");
    assert_eq!(skipped.outside, 0);
    assert_eq!(
        skipped.listed.first(),
        Some(&(at("a/a/a/a/a/b"), SkipReason::Duplicate))
    );
}

/// A file named twice, a file inside a folder named too, and a hard link:
/// each screened once, the second path skipped.
#[cfg(unix)]
#[test]
fn a_file_reached_twice_is_screened_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("team/a.toml"), "name = \"A\"\n");
    fs::hard_link(d.join("team/a.toml"), d.join("team/b.toml")).unwrap();
    symlink("a.toml", d.join("team/c.json"));
    let (got, skipped) = screen_walk(
        &[
            Input::Path(d.join("team/a.toml")),
            Input::Path(d.join("team")),
            Input::Path(d.join("team/a.toml")),
        ],
        Walk::default(),
        2,
        8,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "ok a");
    let paths: Vec<&str> = skipped.listed.iter().map(|(p, _)| p.as_str()).collect();
    let at = |rel: &str| d.join(rel).display().to_string();
    assert_eq!(
        paths,
        [
            at("team/a.toml"),
            at("team/b.toml"),
            at("team/c.json"),
            at("team/a.toml")
        ]
    );
    assert_eq!(skipped.duplicates, 4);
}

/// A loop found at any depth: the folder is a row, each folder walked once.
#[cfg(unix)]
#[test]
fn a_loop_deep_down_is_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("top");
    let mut level = top.clone();
    for _ in 0..50 {
        level = level.join("d");
    }
    write(&level.join("p.toml"), "name = \"P\"\n");
    // back to a folder 10 levels up, and to the top
    symlink("../../../../../../../../../..", level.join("up"));
    symlink(&top, level.join("z"));
    let got = screen_all(&[Input::Path(top.clone())], 2, 8);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1, "ok p");
    assert!(got[1].0.ends_with("/d/up"), "{:?}", got[1]);
    assert!(got[1].1.contains("leads back to"), "{}", got[1].1);
    assert!(got[2].1.contains("leads back to"), "{}", got[2].1);
    assert!(
        got[2].1.contains(&format!("`{}`", top.display())),
        "{}",
        got[2].1
    );
}

/// Without `follow`, a link in the folder named that leads out of it is
/// skipped, file or folder; a link that stays inside is followed; a link
/// named on the command line is taken as given.
#[cfg(unix)]
#[test]
fn links_out_of_the_folder_named_are_followed_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("secret.toml"), "password = \"hunter2\"\n");
    write(&d.join("other/o.toml"), "name = \"O\"\n");
    write(&d.join("team/a.toml"), "name = \"A\"\n");
    write(&d.join("team/sub/s.toml"), "name = \"S\"\n");
    symlink("../secret.toml", d.join("team/leak.toml"));
    symlink(d.join("other"), d.join("team/more"));
    symlink("sub", d.join("team/within"));
    symlink("team", d.join("via"));
    let at = |rel: &str| d.join(rel).display().to_string();
    let (got, skipped) = screen_walk(&[Input::Path(d.join("team"))], Walk::default(), 2, 8);
    let sources: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(sources, [at("team/a.toml"), at("team/sub/s.toml")]);
    assert_eq!(skipped.outside, 2, "{skipped:?}");
    // `within` is `sub`, already walked
    assert_eq!(skipped.duplicates, 1, "{skipped:?}");
    let folder = at("team");
    assert_eq!(
        skipped.listed[..2],
        [
            (
                at("team/leak.toml"),
                SkipReason::Outside {
                    folder: folder.clone()
                }
            ),
            (at("team/more"), SkipReason::Outside { folder }),
        ]
    );
    // followed when asked
    let (got, skipped) = screen_walk(&[Input::Path(d.join("team"))], Walk { follow: true }, 2, 8);
    let sources: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        sources,
        [
            at("team/a.toml"),
            at("team/leak.toml"),
            at("team/more/o.toml"),
            at("team/sub/s.toml")
        ]
    );
    assert_eq!(skipped.outside, 0);
    // a link named is taken as given, and the folder it leads to is the
    // one named: `leak.toml` still leads out of it
    let (got, skipped) = screen_walk(
        &[
            Input::Path(d.join("via")),
            Input::Path(d.join("team/leak.toml")),
        ],
        Walk::default(),
        2,
        8,
    );
    let sources: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        sources,
        [at("via/a.toml"), at("via/sub/s.toml"), at("team/leak.toml")]
    );
    assert_eq!(skipped.outside, 2);
}

#[test]
fn screened_problems_quote_at_most_40_characters_and_nothing_of_bad_toml() {
    let long = "k".repeat(45);
    let text = format!("{long} = 1\n");
    let cut = quotes_cut(&format!("unknown key `{long}` in the profile"), &text);
    assert_eq!(
        cut,
        format!("unknown key `{}…` in the profile", "k".repeat(40))
    );
    // a quoted value holding a backtick cannot uncover the rest
    let text = format!("x = \"a`{long}\"\n");
    let cut = quotes_cut(&format!("found `a`{long}`"), &text);
    assert!(!cut.contains(&long), "{cut}");
    // short quotes and the words around them are kept
    let m = "expected a date like `2016-09-01` for `start`, found `soon`";
    assert_eq!(quotes_cut(m, "start = \"soon\""), m);
    // a TOML syntax error: its quote of the text is dropped
    let problems = quoting_little(
        vec![Diagnostic::new(
            "s.toml",
            "string values must be quoted `hunter2`",
        )],
        "password=hunter2\n",
        false,
    );
    assert_eq!(problems[0].message, "string values must be quoted");
    // ... also where the first line reads as a key, not one of a profile's
    for text in [
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n",
        "token = \"x\"\npassword=hunter2\n",
    ] {
        assert!(!parsed_as_far_as_a_key(text), "{text}");
    }
    // a profile with a mistake after its first key keeps its quotes
    let text = "name = \"Ana\"\n[[employment]]\nstart = 2006-02-30\n";
    assert!(parsed_as_far_as_a_key(text));
    let problems = quoting_little(
        vec![Diagnostic::new("s.toml", "impossible date `2006-02-30`")],
        text,
        false,
    );
    assert_eq!(problems[0].message, "impossible date `2006-02-30`");
    // a file that is TOML is a file that parsed
    assert!(parsed_as_far_as_a_key("password = \"hunter2\"\n"));
    assert_eq!(
        without_last_quote("unknown key `zz`", "a = 1"),
        "unknown key `zz`"
    );
}

/// The built-in rules with every period a rule can state at its largest
/// (docs/rules.md: 100 years, 1,200 months, 36,525 days, all at once here)
/// and every requirement of experience at 1,200 months.
fn rules_at_their_limits() -> RuleSet {
    use crate::dates::Period;
    use crate::rules::model::RequirementKind;
    let longest = Period {
        years: 100,
        months: 1200,
        days: 36525,
    };
    let mut all = rules().all().to_vec();
    for rule in &mut all {
        for r in &mut rule.requirements {
            if let RequirementKind::Experience {
                months,
                lookback_years,
                ..
            } = &mut r.kind
            {
                *months = 1200;
                *lookback_years = lookback_years.map(|_| 100);
            }
        }
        for path in &mut rule.exam_paths {
            path.within = path.within.map(|_| longest);
            path.valid = path.valid.map(|_| longest);
        }
        if let Some(recert) = &mut rule.recertification {
            recert.cycle_years = 100;
            recert.grace = longest;
            recert.window_before = recert.window_before.map(|_| longest);
            if let Some(carry) = &mut recert.carry_over {
                carry.window = longest;
            }
        }
    }
    RuleSet::from_rules(all)
}

/// A profile with every kind of date, each `base` plus up to a year.
fn profile_around(base: Date, days: &[u64]) -> profile::Profile {
    use crate::profile::model::{Activity, Education, ExamPass, Held, Role};
    use crate::rules::model::{Level, RoleKind};
    use crate::units::Units;
    let day = |i: usize| base + chrono::Days::new(days[i % days.len()]);
    let rules = rules();
    profile::Profile {
        name: "P".into(),
        id: "p".into(),
        targets: rules.ids().iter().map(|s| s.to_string()).collect(),
        education: vec![Education {
            tags: vec![],
            level: Level::ALL[Level::ALL.len() - 1],
            field: None,
            completed: day(0),
        }],
        employment: vec![
            Role {
                employer: None,
                title: None,
                start: day(1),
                end: None,
                decision_making: true,
                full_time: true,
                paid: true,
                kind: RoleKind::ALL[0],
                tags: vec![],
            },
            Role {
                employer: None,
                title: None,
                start: day(2),
                end: Some(day(2) + chrono::Days::new(days[3 % days.len()])),
                decision_making: false,
                full_time: true,
                paid: true,
                kind: RoleKind::ALL[0],
                tags: vec![],
            },
        ],
        exams: rules
            .all()
            .iter()
            .flat_map(|r| &r.exams)
            .enumerate()
            .map(|(i, e)| ExamPass {
                id: e.id.clone(),
                passed: day(4 + i),
            })
            .collect(),
        certifications: rules
            .ids()
            .iter()
            .enumerate()
            .map(|(i, id)| Held {
                id: id.to_string(),
                earned: day(5 + i),
                renewals: vec![day(6 + i)],
            })
            .collect(),
        activities: rules
            .ids()
            .iter()
            .enumerate()
            .map(|(i, id)| Activity {
                date: day(7 + i),
                certifications: vec![id.to_string()],
                category: String::new(),
                units: Units::ZERO,
                description: None,
                evidence: None,
            })
            .collect(),
        ..profile::Profile::default()
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// `judge_one` skips the walk for out-of-range dates when the as-of
    /// date and the profile's are far from the ends of the calendar
    /// (`dates::may_leave_range`): sound, as no report computed from such
    /// dates, even with every rule period at its largest, holds a date
    /// outside 0001-01-01 to 9999-12-31, whether the profile holds the
    /// certifications or targets them.
    #[test]
    fn no_report_leaves_the_calendar_from_dates_far_from_its_ends(
        late in proptest::prelude::any::<bool>(),
        days in proptest::collection::vec(0u64..366, 1..12),
        as_of in 0u64..366,
        held in proptest::prelude::any::<bool>(),
    ) {
        let reach = dates::REPORT_REACH_YEARS;
        let base = if late {
            date(9999 - reach, 1, 1)
        } else {
            date(1 + reach, 1, 1)
        };
        let mut p = profile_around(base, &days);
        if !held {
            p.certifications.clear();
        }
        let as_of = base + chrono::Days::new(as_of.min(364));
        let dates: Vec<Date> = std::iter::once(as_of).chain(p.dates()).collect();
        // (the last day in reach is in the year before 9999 − reach)
        let in_reach = |d: &Date| (1 + reach..=9999 - reach).contains(&chrono::Datelike::year(d));
        proptest::prop_assume!(dates.iter().all(in_reach));
        proptest::prop_assert!(!dates::may_leave_range(dates.into_iter()));
        let limits = rules_at_their_limits();
        let report = eval::evaluate(&limits, &p, as_of, &Selection::Default);
        proptest::prop_assert_eq!(dates::first_out_of_range(&report), None);
    }
}

#[test]
fn a_report_past_9999_is_still_refused_in_a_roster() {
    // the walk is skipped far from the ends, not near them
    let p = profile_around(date(9990, 1, 1), &[0]);
    assert!(dates::may_leave_range(p.dates()));
    let limits = rules_at_their_limits();
    let report = eval::evaluate(&limits, &p, date(9990, 1, 1), &Selection::Default);
    assert!(dates::first_out_of_range(&report).is_some());
}
