//! Small things users hit (issue 15, point 8): `today` is the local date,
//! the man page documents what it names, completions offer the rules' ids,
//! the profile schema takes what JSON profiles may hold.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::common::{certcheck, stdout};

/// The `as_of` of `check` run without `--as-of` under the time zone `tz`.
fn as_of_under(tz: &str) -> String {
    let o = certcheck()
        .env("TZ", tz)
        .args(["check", "examples/dana.toml", "--format", "json"])
        .output()
        .expect("certcheck runs");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    v["as_of"].as_str().expect("as_of is a date").to_string()
}

/// The date at `offset_hours` from UTC now, as `YYYY-MM-DD`.
fn date_at(offset_hours: i64) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs() as i64;
    let days = (secs + offset_hours * 3600).div_euclid(86_400);
    let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days as u64);
    day.to_string()
}

/// Two zones 26 hours apart never share a date, so a `today` in UTC
/// would give both the same day; each must be the date where it is.
#[test]
fn today_is_the_local_date_of_the_time_zone_in_force() {
    // POSIX TZ strings: `<+14>-14` is 14 hours ahead of UTC (Kiribati),
    // `<-12>12` 12 hours behind (Baker Island)
    for _ in 0..3 {
        let (before_east, before_west) = (date_at(14), date_at(-12));
        let (east, west) = (as_of_under("<+14>-14"), as_of_under("<-12>12"));
        let (after_east, after_west) = (date_at(14), date_at(-12));
        if before_east != after_east || before_west != after_west {
            continue; // midnight passed somewhere while running: try again
        }
        assert_eq!(east, before_east);
        assert_eq!(west, before_west);
        assert_ne!(east, west);
        return;
    }
    panic!("midnight kept passing while the test ran");
}

/// The commands of certcheck's command line at every depth, by full name
/// (`certcheck rules list`), without clap's `help`.
fn command_names() -> Vec<String> {
    fn walk(cmd: &clap::Command, name: &str, into: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let full = format!("{name} {}", sub.get_name());
            walk(sub, &full, into);
            into.push(full);
        }
    }
    use clap::CommandFactory;
    let mut v = Vec::new();
    walk(&certcheck::cli::args::Cli::command(), "certcheck", &mut v);
    v
}

/// The man page names no page but itself (no `certcheck-check(1)`, which
/// was never installed), and every command it lists, nested ones too, has
/// its own section with a synopsis and options.
#[test]
fn the_man_page_documents_every_command_it_names() {
    let o = crate::common::run(["man"]);
    assert!(o.status.success());
    let page = stdout(&o);
    let named: Vec<&str> = page
        .match_indices("(1)")
        .map(|(i, _)| {
            let start = page[..i]
                .rfind(|c: char| c.is_whitespace() || c == ',')
                .map_or(0, |s| s + 1);
            &page[start..i]
        })
        .collect();
    assert!(
        named.iter().all(|n| *n == "certcheck"),
        "the page names other pages: {named:?}"
    );
    let names = command_names();
    assert!(names.contains(&"certcheck rules list".to_string()));
    for name in &names {
        let listed = format!("\\fB{}\\fR", name.replace('-', "\\-"));
        assert!(page.contains(&listed), "`{name}` is not listed");
        let heading = format!(".SH \"{}\"\n", name.to_uppercase().replace('-', "\\-"));
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("`{name}` has no section"));
        let section = &page[at + heading.len()..];
        let section = &section[..section.find("\n.SH ").unwrap_or(section.len())];
        assert!(section.contains(".SS SYNOPSIS"), "{name}: {section}");
        assert!(section.contains(".SS OPTIONS"), "{name}: {section}");
        assert!(
            section.contains(&format!("\\fB{}\\fR", name.replace('-', "\\-"))),
            "{name}'s synopsis does not name it: {section}"
        );
    }
    // and it is roff that man reads without a warning
    if let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        groff
            .stdin
            .take()
            .expect("a pipe")
            .write_all(page.as_bytes())
            .expect("groff reads the page");
        let done = groff.wait_with_output().expect("groff runs");
        assert!(done.status.success());
        assert_eq!(String::from_utf8_lossy(&done.stderr), "");
    } else {
        // an extra check where groff is installed (CI does not install it)
        println!("note: groff is not installed: the page's roff is not checked");
    }
}

/// What bash offers after `certcheck ARGS WORD<TAB>`, from the generated
/// script.
fn bash_offers(args: &[&str], word: &str) -> Vec<String> {
    let script = stdout(&crate::common::run(["completions", "bash"]));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("certcheck.bash");
    std::fs::write(&path, script).expect("the script is written");
    let words: Vec<String> = std::iter::once("certcheck")
        .chain(args.iter().copied())
        .chain(std::iter::once(word))
        .map(|w| format!("'{w}'"))
        .collect();
    let prev = args.last().copied().unwrap_or("certcheck");
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; _certcheck certcheck '{word}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        words.join(" "),
        words.len() - 1
    );
    let o = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o).lines().map(str::to_string).collect()
}

/// `--cert` completes to the built-in rules' certification ids on every
/// command that takes it, and `log --category` to their category ids.
#[test]
fn completions_offer_certification_and_category_ids() {
    let rules = crate::common::rules();
    let ids: Vec<String> = rules.ids().into_iter().map(str::to_string).collect();
    for command in [
        &["check", "p.toml"][..],
        &["log", "p.toml"],
        &["renew", "p.toml"],
    ] {
        let mut args = command.to_vec();
        args.push("--cert");
        assert_eq!(bash_offers(&args, ""), ids, "{command:?}");
        let cm: Vec<String> = ids
            .iter()
            .filter(|i| i.starts_with("cm"))
            .cloned()
            .collect();
        assert!(cm.contains(&"cmq-oe".to_string()));
        assert_eq!(bash_offers(&args, "cm"), cm, "{command:?}");
    }
    let offered = bash_offers(&["log", "p.toml", "--cert", "cmq-oe", "--category"], "");
    for cert in ["cmq-oe", "pmp", "cpim"] {
        for category in rules.category_ids(cert) {
            assert!(
                offered.iter().any(|o| o == category),
                "{cert}'s `{category}` is not offered: {offered:?}"
            );
        }
    }
}

/// Whether `value` is valid against `schema` (the keywords the checked-in
/// profile schema uses), with `root` for `$ref`s: a small draft-07 reader,
/// so that the test needs neither network nor a schema library.
fn valid(schema: &serde_json::Value, value: &serde_json::Value, root: &serde_json::Value) -> bool {
    use serde_json::Value;
    let Some(obj) = schema.as_object() else {
        return schema != &Value::Bool(false);
    };
    obj.iter().all(|(key, s)| match key.as_str() {
        "$ref" => {
            let name = s.as_str().and_then(|r| r.strip_prefix("#/definitions/"));
            let target = name.map(|n| &root["definitions"][n]);
            target.is_some_and(|t| !t.is_null() && valid(t, value, root))
        }
        "type" => {
            let is = |t: &Value| match t.as_str() {
                Some("null") => value.is_null(),
                Some("string") => value.is_string(),
                Some("boolean") => value.is_boolean(),
                Some("number") => value.is_number(),
                Some("integer") => value.is_i64() || value.is_u64(),
                Some("array") => value.is_array(),
                Some("object") => value.is_object(),
                other => panic!("type {other:?} not read by this test"),
            };
            match s {
                Value::Array(types) => types.iter().any(is),
                t => is(t),
            }
        }
        "anyOf" => s.as_array().unwrap().iter().any(|x| valid(x, value, root)),
        "allOf" => s.as_array().unwrap().iter().all(|x| valid(x, value, root)),
        "enum" => s.as_array().unwrap().contains(value),
        "pattern" => value
            .as_str()
            .is_none_or(|v| regex::Regex::new(s.as_str().unwrap()).unwrap().is_match(v)),
        "format" => {
            assert_eq!(s, "date");
            value
                .as_str()
                .is_none_or(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok())
        }
        "minimum" => value.as_f64().is_none_or(|v| v >= s.as_f64().unwrap()),
        "items" => value
            .as_array()
            .is_none_or(|items| items.iter().all(|i| valid(s, i, root))),
        "required" => value.as_object().is_none_or(|o| {
            s.as_array()
                .unwrap()
                .iter()
                .all(|k| o.contains_key(k.as_str().unwrap()))
        }),
        "properties" => value.as_object().is_none_or(|o| {
            o.iter()
                .all(|(k, v)| s.get(k).is_none_or(|p| valid(p, v, root)))
        }),
        "additionalProperties" => value.as_object().is_none_or(|o| {
            let known = obj.get("properties").and_then(Value::as_object);
            o.keys()
                .all(|k| known.is_some_and(|p| p.contains_key(k)) || s != &Value::Bool(false))
        }),
        "$schema" | "title" | "description" | "default" | "definitions" => true,
        other => panic!("keyword `{other}` not read by this test"),
    })
}

/// The checked-in profile schema and the JSON profile loader agree: what
/// JSON profiles may hold (`null` for an optional field, a month where
/// profile.md allows one) the schema accepts and `check` reads; what the
/// loader refuses (a month for an activity, a null required field), the
/// schema refuses too.
#[test]
fn the_profile_schema_takes_nulls_and_month_dates_as_the_loader_does() {
    use serde_json::json;
    let path = crate::common::root().join("schemas/profile.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let good = json!({
        "name": "Noor Haddad", "id": null, "targets": null,
        "education": [{"level": "bachelor", "completed": "2010-05", "field": null, "tags": null}],
        "employment": [
            {"employer": "Acme", "title": null, "start": "2013-03", "end": "2019-11",
             "decision_making": null, "full_time": null, "paid": null, "kind": null, "tags": null},
            {"employer": "Bolt", "title": "Lead", "start": "2019-12-02", "end": null, "decision_making": true}
        ],
        "exams": [{"id": "cmq-oe", "passed": "2021-06"}],
        "certifications": [{"id": "cqa", "earned": "2018-04", "renewals": null}],
        "training": [{"title": null, "hours": 35, "completed": "2020-01"}],
        "projects": [{"title": null, "completed": "2020-02", "affidavit": null}],
        "activities": [{"date": "2021-03-04", "certifications": ["cqa"], "category": "professional-development",
                        "units": 2, "description": null, "evidence": null}]
    });
    let bad = [
        // renewals and activities always carry the day
        ("/activities/0/date", json!("2021-03")),
        ("/certifications/0/renewals", json!(["2021-04"])),
        // a required field is required, null or not
        ("/employment/0/start", json!(null)),
        ("/education/0/completed", json!(null)),
        // a month that is not one
        ("/exams/0/passed", json!("2021-13")),
    ];
    let dir = tempfile::tempdir().unwrap();
    let check = |profile: &serde_json::Value| {
        let file = dir.path().join("p.json");
        std::fs::write(&file, profile.to_string()).unwrap();
        let o = certcheck()
            .args(["check", "--as-of", "2026-11-25", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    assert!(valid(&schema, &good, &schema), "the schema refuses {good}");
    let (code, err) = check(&good);
    assert!(matches!(code, Some(0 | 1)), "{err}");
    for (at, value) in bad {
        let mut p = good.clone();
        *p.pointer_mut(at).unwrap() = value.clone();
        assert!(
            !valid(&schema, &p, &schema),
            "the schema takes {at} = {value}"
        );
        let (code, err) = check(&p);
        assert_eq!(code, Some(2), "the loader takes {at} = {value}: {err}");
    }
    // the same profile with the nulls left out is what TOML writes
    let mut no_nulls = good.clone();
    for entry in no_nulls["employment"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().retain(|_, v| !v.is_null());
    }
    assert!(valid(&schema, &no_nulls, &schema));
}

/// Measures every label of the timeline as Chromium lays it out: the
/// script, run once the chart is parsed, writes what overlaps (and what
/// runs out of the picture) into `<pre id="overlaps">`.
const MEASURE: &str = r#"<script>
(() => {
  const svg = document.getElementById('timeline-chart');
  const width = svg.viewBox.baseVal.width;
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return { t: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
  });
  const marks = [...svg.querySelectorAll('circle, path')].map(m => {
    const b = m.getBBox();
    const t = m.parentNode.querySelector('title');
    return { t: 'mark ' + (t ? t.textContent : m.getAttribute('class')), x: b.x, y: b.y, w: b.width, h: b.height };
  });
  const problems = [];
  boxes.forEach(a => marks.forEach(m => {
    const apart = a.x + a.w <= m.x + 0.5 || m.x + m.w <= a.x + 0.5
      || a.y + a.h <= m.y + 0.5 || m.y + m.h <= a.y + 0.5;
    if (!apart) problems.push(a.t + ' | ' + m.t);
  }));
  boxes.forEach((a, i) => {
    if (a.x < 0 || a.x + a.w > width + 0.5) problems.push('outside: ' + a.t);
    boxes.slice(i + 1).forEach(b => {
      const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5
        || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
      if (!apart) problems.push(a.t + ' | ' + b.t);
    });
  });
  const pre = document.createElement('pre');
  pre.id = 'overlaps';
  pre.textContent = JSON.stringify({ labels: boxes.length, problems });
  document.body.append(pre);
})();
</script>"#;

/// A crowded profile: exams passed days apart, degrees months apart, long
/// names, the as-of date at the chart's right edge.
const CROWDED: &str = r#"name = "Kim Lee-Marchetti"
[[education]]
level = "associate"
completed = 2015-05-01
[[education]]
level = "bachelor"
completed = 2015-09-01
[[education]]
level = "master"
completed = 2016-01-10
[[employment]]
employer = "Very Long Employer Name Incorporated International"
title = "Senior Quality Engineering Manager"
start = 2015-01-01
decision_making = true
[[exams]]
id = "cqe"
passed = 2020-03-01
[[exams]]
id = "cqa"
passed = 2020-03-15
[[exams]]
id = "cqia"
passed = 2020-04-01
[[exams]]
id = "cssgb"
passed = 2020-04-20
[[exams]]
id = "cpim-part-1"
passed = 2020-05-02
"#;

/// The HTML timeline's labels never overlap one another, nor another
/// item's mark, nor run out of the picture, in a real browser (exam and degree marks stack in lanes), and
/// it shows no Markdown backticks: quoted ids are `<code>`.
#[test]
fn the_html_timeline_labels_never_overlap_and_show_no_backticks() {
    let Some(bin) = crate::html_chromium::chromium() else {
        crate::html_chromium::skip();
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let crowded = dir.path().join("crowded.toml");
    std::fs::write(&crowded, CROWDED).unwrap();
    let crowded = crowded.display().to_string();
    let dana = crate::common::example("dana.toml");
    let sam = crate::common::example("sam.toml");
    let cases: [(&str, &[&str]); 5] = [
        (&dana, &["--as-of", "2026-11-25", "--plan"]),
        (&sam, &["--as-of", "2026-11-25", "--plan"]),
        (&crowded, &["--as-of", "2026-12-31"]),
        (
            &crowded,
            &["--as-of", "2026-11-25", "--cert", "cqe", "--cert", "cmq-oe"],
        ),
        (&crowded, &["--as-of", "2021-01-01", "--cert", "pmp"]),
    ];
    for (i, (profile, args)) in cases.iter().enumerate() {
        let o = certcheck()
            .args(["check", profile, "--format", "html"])
            .args(*args)
            .output()
            .unwrap();
        let page = stdout(&o);
        assert!(page.contains("<svg id=\"timeline-chart\""), "{args:?}");
        // what a reader sees: the page without its style
        let style_end = page.find("</style>").unwrap();
        let seen = &page[style_end..];
        assert!(
            !seen.contains('`'),
            "{profile} {args:?}: backticks on the page"
        );
        let file = dir.path().join(format!("page{i}.html"));
        std::fs::write(&file, page.replace("</body>", &format!("{MEASURE}</body>"))).unwrap();
        let dom = crate::html_chromium::run_chromium(
            &bin,
            &crate::html_chromium::file_url(&file),
            &["--dump-dom".to_string()],
        );
        let open = "<pre id=\"overlaps\">";
        let at = dom.find(open).expect("the script ran") + open.len();
        let json = &dom[at..at + dom[at..].find("</pre>").unwrap()];
        let v: serde_json::Value = serde_json::from_str(&json.replace("&amp;", "&")).unwrap();
        assert!(v["labels"].as_u64().unwrap() > 8, "{v}");
        assert_eq!(v["problems"], serde_json::json!([]), "{profile} {args:?}");
    }
}

/// The README's install section: installing without a clone (`cargo
/// install --locked --git`) and from a folder (`--path .`), for the package
/// whose binary is `certcheck`; and every `certcheck` command it shows runs.
#[test]
fn the_readme_says_how_to_install_without_cloning() {
    let root = crate::common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let at = readme.find("\n## Install\n").expect("an Install section");
    let section = &readme[at + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let commands: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("cargo ") || l.starts_with("certcheck "))
        .collect();
    assert!(
        commands.contains(&"cargo install --locked --git URL certcheck"),
        "{section}"
    );
    assert!(
        commands.contains(&"cargo install --locked --path ."),
        "{section}"
    );
    // `--locked` needs the lock file, and the package and binary are the
    // ones named
    assert!(root.join("Cargo.lock").is_file());
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("[package]\nname = \"certcheck\""),
        "{manifest}"
    );
    assert!(env!("CARGO_BIN_EXE_certcheck").ends_with("certcheck"));
    // the certcheck commands shown, run as written in a scratch folder
    let dir = tempfile::tempdir().unwrap();
    let shown: Vec<&&str> = commands
        .iter()
        .filter(|c| c.starts_with("certcheck "))
        .collect();
    assert!(shown.len() >= 2, "{section}");
    for line in shown {
        // only the certcheck part of each line: `man` and `.` are the
        // shell's
        let first = line.split("&&").next().unwrap().trim();
        let (args, out) = first.split_once(" > ").expect("output to a file");
        let args: Vec<&str> = args.split_whitespace().skip(1).collect();
        let o = crate::common::run(&args);
        assert!(o.status.success(), "{line}: {}", crate::common::stderr(&o));
        assert!(!o.stdout.is_empty(), "{line}");
        std::fs::write(dir.path().join(out), &o.stdout).unwrap();
    }
}
