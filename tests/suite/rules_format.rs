//! docs/rules.md against the loader: every complete example in it loads, and
//! the sample diagnostic it shows is the one the loader prints.

use std::path::{Path, PathBuf};

use certcheck::dates::date;
use certcheck::rules::RuleSet;
use certcheck::rules::load::parse_rule;
use certcheck::rules::model::{Anchor, RequirementKind};

use crate::common;

fn docs() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ```toml blocks of the page that are whole rule files.
fn complete_examples(md: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in md.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(b), "```") => {
                if b.lines().any(|l| l.starts_with("id = ")) && b.contains("[edition]") {
                    blocks.push(b.clone());
                }
                current = None;
            }
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

fn pmp_example() -> String {
    let examples = complete_examples(&docs());
    assert_eq!(examples.len(), 1, "expected the one worked example");
    examples.into_iter().next().unwrap()
}

#[test]
fn the_worked_example_loads_with_the_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pmp.toml"), pmp_example()).unwrap();
    let set = RuleSet::load(&[dir.path().to_path_buf()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        set.ids(),
        vec![
            "capm", "cmfge", "cmfgt", "cmq-oe", "cpim", "cpsd", "cpsm", "cqa", "cqe", "cqia",
            "cqpa", "cqt", "cre", "cscp", "csqe", "cssbb", "cssgb", "pmp"
        ]
    );
    // the example replaces both built-in editions of `pmp`
    assert_eq!(set.all().iter().filter(|r| r.id == "pmp").count(), 1);
    let pmp = set.get("pmp", date(2026, 1, 1)).unwrap();
    assert!(pmp.origin.ends_with("pmp.toml") && !pmp.origin.starts_with("built-in"));
    assert_eq!(pmp.paths.len(), 2);
    assert_eq!(
        pmp.paths[1].requires,
        vec!["experience-60".to_string(), "training".to_string()]
    );
    match &pmp.requirement("experience-36").unwrap().kind {
        RequirementKind::Experience {
            months,
            roles,
            lookback_years,
            waivers,
            ..
        } => {
            assert_eq!((*months, *lookback_years), (36, Some(8)));
            assert_eq!(roles.tags, vec!["project-leadership".to_string()]);
            assert!(waivers.is_empty());
        }
        k => panic!("{k:?}"),
    }
    let rc = pmp.recertification.as_ref().unwrap();
    assert_eq!(rc.anchor, Anchor::Anniversary);
    assert_eq!(rc.grace.to_string(), "12 months");
    assert_eq!(rc.carry_over.as_ref().unwrap().max.to_string(), "20");
    assert_eq!(
        rc.category("working-as-practitioner")
            .unwrap()
            .parent
            .as_deref(),
        Some("giving-back")
    );
    assert_eq!(rc.groups[0].min.unwrap().to_string(), "35");
    assert!(!pmp.edition.citation.as_ref().unwrap().confirmed);
}

#[test]
fn the_sample_diagnostic_is_what_the_loader_prints() {
    let text = pmp_example().replace(
        r#"categories = ["ways-of-working", "power-skills", "business-acumen"]"#,
        r#"categories = ["ways-of-working", "power-skils", "business-acumen"]"#,
    );
    let d = parse_rule(&text, "my-rules/pmp.toml").unwrap_err();
    assert_eq!(d.len(), 1, "{d:#?}");
    let shown = d[0].to_string();
    assert!(
        docs().contains(&format!("```text\n{shown}\n```")),
        "docs/rules.md should show:\n{shown}"
    );
}

#[test]
fn a_rules_dir_file_replaces_a_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("cpim.toml");
    std::fs::write(
        &path,
        r#"id = "cpim"
name = "CPIM, local copy"
issuer = "ASCM"
[edition]
name = "local"
"#,
    )
    .unwrap();
    let set = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
    let cpim: Vec<_> = set.all().iter().filter(|r| r.id == "cpim").collect();
    assert_eq!(cpim.len(), 1);
    assert_eq!(cpim[0].name, "CPIM, local copy");
    assert_eq!(cpim[0].origin, path.display().to_string());
    assert!(set.contains("cmq-oe"));
    // The built-in set is untouched.
    let builtin = RuleSet::builtin().unwrap();
    assert_eq!(
        builtin.get("cpim", date(2026, 1, 1)).unwrap().origin,
        "built-in rules/cpim.toml"
    );
}

#[test]
fn the_test_case_example_passes() {
    let md = docs();
    let start = md
        .find("```toml\n# tests/rules/pmp/not-eligible.toml\n")
        .expect("the test case example");
    let body = &md[start + "```toml\n".len()..];
    let body = &body[..body.find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pmp").join("example.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, body).unwrap();
    let rules = common::rules();
    let case = certcheck::cases::load_case(&path, rules).unwrap_or_else(|d| panic!("{d:#?}"));
    let o = certcheck::cases::run_case(&case, rules);
    assert!(o.passed(), "{}", certcheck::cases::render_failure(&o));
}
