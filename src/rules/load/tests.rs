//! Every shape of the format, read into the model; every validation error,
//! with where it points and what it suggests.

use super::*;
use crate::dates::{Period, date};
use crate::rules::model::{Anchor, Counting, Level, RequirementKind, RoleFilter, RoleKind};
use crate::units::Units;

/// The top of a minimal rule file; what follows starts on line 6.
const HEAD: &str = r#"id = "t"
name = "Test certification"
issuer = "Test body"
[edition]
name = "1"
"#;

fn rule(body: &str) -> Rule {
    let text = format!("{HEAD}{body}");
    parse_rule(&text, "t.toml").unwrap_or_else(|d| {
        panic!(
            "expected a valid rule, got:\n{}",
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// The diagnostics for `HEAD + body`, and the whole text (for `at`).
fn errors(body: &str) -> (Vec<Diagnostic>, String) {
    let text = format!("{HEAD}{body}");
    match parse_rule(&text, "t.toml") {
        Ok(r) => panic!("expected errors, got {r:#?}"),
        Err(d) => (d, text),
    }
}

/// Exactly one error, returned with the text.
fn error(body: &str) -> (Diagnostic, String) {
    let (d, text) = errors(body);
    assert_eq!(d.len(), 1, "expected one error, got {d:#?}");
    (d.into_iter().next().unwrap(), text)
}

/// Line and column, as a diagnostic holds them.
type Pos = (Option<usize>, Option<usize>);

/// Line and column of the `nth` (0-based) occurrence of `needle` in `text`.
fn at_nth(text: &str, needle: &str, nth: usize) -> Pos {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` not found {nth} times"))
        .0;
    let (l, c) = crate::error::line_col(text, offset);
    (Some(l), Some(c))
}

fn at(text: &str, needle: &str) -> Pos {
    at_nth(text, needle, 0)
}

fn pos(d: &Diagnostic) -> Pos {
    (d.line, d.column)
}

/// (message, position) of each diagnostic.
fn listed(d: &[Diagnostic]) -> Vec<(&str, Pos)> {
    d.iter().map(|d| (d.message.as_str(), pos(d))).collect()
}

fn u(s: &str) -> Units {
    s.parse().unwrap()
}

fn experience(r: &Rule, id: &str) -> (u32, RoleFilter, Option<u32>, Vec<(Level, u32)>) {
    match &r.requirement(id).unwrap().kind {
        RequirementKind::Experience {
            months,
            roles,
            lookback_years,
            waivers,
            ..
        } => (*months, roles.clone(), *lookback_years, waivers.clone()),
        k => panic!("{id} is not experience: {k:?}"),
    }
}

/// (id, requires) of each prerequisite path.
fn paths(r: &Rule) -> Vec<(&str, Vec<&str>)> {
    r.paths
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.requires.iter().map(|s| s.as_str()).collect(),
            )
        })
        .collect()
}

// ------------------------------------------------------------------ shapes

#[test]
fn experience_in_years_with_filters_waivers_and_a_part() {
    let r = rule(
        r#"
[[requirement]]
id = "experience"
name = "Work experience"
kind = "experience"
years = 10
source = "https://example.org/cmq"
[requirement.roles]
full_time = true
paid = true
exclude_kinds = ["internship", "co-op"]
[requirement.waivers]
trade-diploma = 1
associate = 2
bachelor = 4
master = 5
doctorate = 5

[[requirement]]
id = "decision-making"
name = "Decision-making experience"
kind = "experience"
years = 5
part_of = "experience"
source = "https://example.org/cmq"
confirmed = false
note = "inferred"
[requirement.roles]
decision_making = true
"#,
    );
    let (months, roles, lookback, waivers) = experience(&r, "experience");
    assert_eq!(months, 120);
    assert_eq!(
        roles,
        RoleFilter {
            full_time: Some(true),
            paid: Some(true),
            decision_making: None,
            exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
            tags: vec![],
        }
    );
    assert_eq!(lookback, None);
    assert_eq!(
        waivers,
        vec![
            (Level::TradeDiploma, 12),
            (Level::Associate, 24),
            (Level::Bachelor, 48),
            (Level::Master, 60),
            (Level::Doctorate, 60),
        ]
    );
    // The part inherits the filter and adds its own flag; no waivers.
    let (months, roles, lookback, waivers) = experience(&r, "decision-making");
    assert_eq!(months, 60);
    assert_eq!(
        roles,
        RoleFilter {
            full_time: Some(true),
            paid: Some(true),
            decision_making: Some(true),
            exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
            tags: vec![],
        }
    );
    assert_eq!(lookback, None);
    assert!(waivers.is_empty());
    let dm = r.requirement("decision-making").unwrap();
    assert_eq!(dm.name, "Decision-making experience");
    assert!(!dm.citation.confirmed);
    assert_eq!(dm.citation.note.as_deref(), Some("inferred"));
    assert!(r.requirement("experience").unwrap().citation.confirmed);
    // Without [[path]], one path holds every requirement.
    assert_eq!(
        paths(&r),
        vec![(DEFAULT_PATH_ID, vec!["experience", "decision-making"])]
    );
}

#[test]
fn a_part_inherits_the_lookback_and_adds_tags() {
    let r = rule(
        r#"
[[requirement]]
id = "leading"
name = "Leading projects"
kind = "experience"
months = 36
lookback_years = 8
source = "https://example.org/x"
[requirement.roles]
tags = ["project-leadership"]
exclude_kinds = ["internship"]

[[requirement]]
id = "leading-paid"
name = "Paid, leading budgets"
kind = "experience"
months = 12
part_of = "leading"
source = "https://example.org/x"
[requirement.roles]
paid = true
tags = ["budget"]
exclude_kinds = ["co-op", "internship"]
"#,
    );
    let (months, roles, lookback, _) = experience(&r, "leading-paid");
    assert_eq!(months, 12);
    assert_eq!(lookback, Some(8));
    assert_eq!(roles.paid, Some(true));
    assert_eq!(roles.full_time, None);
    assert_eq!(roles.tags, vec!["budget", "project-leadership"]);
    assert_eq!(
        roles.exclude_kinds,
        vec![RoleKind::CoOp, RoleKind::Internship]
    );
}

#[test]
fn pmp_like_paths_months_lookback_tags_degree_training() {
    let r = rule(
        r#"
[[requirement]]
id = "degree"
name = "Four-year degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/pmp"

[[requirement]]
id = "experience-36"
name = "36 months leading projects"
kind = "experience"
months = 36
lookback_years = 8
source = "https://example.org/pmp"
[requirement.roles]
tags = ["project-leadership"]

[[requirement]]
id = "experience-60"
name = "60 months leading projects"
kind = "experience"
months = 60
lookback_years = 8
source = "https://example.org/pmp"
[requirement.roles]
tags = ["project-leadership"]

[[requirement]]
id = "training"
name = "35 contact hours"
kind = "training"
hours = 35
source = "https://example.org/pmp"

[[path]]
id = "with-degree"
name = "With a four-year degree"
requires = ["degree", "experience-36", "training"]

[[path]]
id = "without-degree"
name = "Without a four-year degree"
requires = ["experience-60", "training"]
"#,
    );
    assert_eq!(
        r.requirement("degree").unwrap().kind,
        RequirementKind::Degree {
            tags: vec![],
            level: Level::Bachelor
        }
    );
    assert_eq!(
        r.requirement("training").unwrap().kind,
        RequirementKind::Training { hours: u("35") }
    );
    let (months, roles, lookback, waivers) = experience(&r, "experience-36");
    assert_eq!((months, lookback), (36, Some(8)));
    assert_eq!(
        roles,
        RoleFilter {
            tags: vec!["project-leadership".to_string()],
            ..RoleFilter::default()
        }
    );
    assert!(waivers.is_empty());
    assert_eq!(experience(&r, "experience-60").0, 60);
    assert_eq!(
        paths(&r),
        vec![
            ("with-degree", vec!["degree", "experience-36", "training"]),
            ("without-degree", vec!["experience-60", "training"]),
        ]
    );
    assert_eq!(r.paths[0].name, "With a four-year degree");
}

#[test]
fn cssbb_like_projects_or_project_and_years() {
    let r = rule(
        r#"
[[requirement]]
id = "two-projects"
name = "Two projects"
kind = "projects"
count = 2
affidavit = true
source = "https://example.org/cssbb"

[[requirement]]
id = "one-project"
name = "One project"
kind = "projects"
count = 1
affidavit = true
source = "https://example.org/cssbb"

[[requirement]]
id = "experience"
name = "Three years"
kind = "experience"
years = 3
source = "https://example.org/cssbb"

[[requirement]]
id = "any-project"
name = "A project, affidavit or not"
kind = "projects"
count = 1
source = "https://example.org/cssbb"

[[path]]
id = "projects"
name = "Two projects"
requires = ["two-projects"]

[[path]]
id = "project-and-experience"
name = "One project and three years"
requires = ["one-project", "experience", "any-project"]
"#,
    );
    assert_eq!(
        r.requirement("two-projects").unwrap().kind,
        RequirementKind::Projects {
            count: 2,
            affidavit: true
        }
    );
    assert_eq!(
        r.requirement("any-project").unwrap().kind,
        RequirementKind::Projects {
            count: 1,
            affidavit: false
        }
    );
    assert_eq!(experience(&r, "experience").0, 36);
    assert_eq!(paths(&r).len(), 2);
}

#[test]
fn cscp_like_degree_or_years_or_certification() {
    let r = rule(
        r#"
[[requirement]]
id = "degree"
name = "Bachelor's degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/cscp"

[[requirement]]
id = "experience"
name = "Three years"
kind = "experience"
years = 3
source = "https://example.org/cscp"

[[requirement]]
id = "cpim-held"
name = "CPIM held"
kind = "certification"
certification = "cpim"
source = "https://example.org/cscp"
confirmed = false

[[path]]
id = "degree"
name = "A degree"
requires = ["degree"]
[[path]]
id = "experience"
name = "Three years"
requires = ["experience"]
[[path]]
id = "certification"
name = "An active CPIM"
requires = ["cpim-held"]
"#,
    );
    assert_eq!(
        r.requirement("cpim-held").unwrap().kind,
        RequirementKind::Certification {
            id: "cpim".to_string()
        }
    );
    assert_eq!(
        paths(&r),
        vec![
            ("degree", vec!["degree"]),
            ("experience", vec!["experience"]),
            ("certification", vec!["cpim-held"]),
        ]
    );
}

#[test]
fn no_requirements_is_one_empty_path() {
    let r = rule("");
    assert_eq!(paths(&r), vec![(DEFAULT_PATH_ID, vec![])]);
    assert!(r.exams.is_empty() && r.exam_paths.is_empty());
    assert!(r.recertification.is_none());
    assert_eq!(r.edition.name, "1");
    assert_eq!(
        (r.edition.from, r.edition.to, &r.edition.citation),
        (None, None, &None)
    );
    assert_eq!(r.origin, "t.toml");
    assert_eq!((r.id.as_str(), r.issuer.as_str()), ("t", "Test body"));
}

#[test]
fn edition_dates_as_toml_dates_or_strings() {
    let text = r#"id = "t"
name = "T"
issuer = "X"
[edition]
name = "2024"
from = 2024-01-01
to = "2030-12-31"
source = "https://example.org/edition"
confirmed = false
note = "start inferred"
"#;
    let r = parse_rule(text, "t.toml").unwrap();
    assert_eq!(r.edition.from, Some(date(2024, 1, 1)));
    assert_eq!(r.edition.to, Some(date(2030, 12, 31)));
    let c = r.edition.citation.unwrap();
    assert_eq!(c.source, "https://example.org/edition");
    assert!(!c.confirmed);
    assert_eq!(c.note.as_deref(), Some("start inferred"));
}

#[test]
fn exams_offered_dates_and_exam_paths_with_windows() {
    let r = rule(
        r#"
[[exam]]
id = "single"
name = "One exam"
offered_from = 2023-06-01
source = "https://example.org/exams"

[[exam]]
id = "part-1"
name = "Part 1"
offered_from = 2018-01-01
offered_to = 2024-02-01
source = "https://example.org/exams"
confirmed = false
note = "first day inferred"

[[exam]]
id = "part-2"
name = "Part 2"
offered_from = "2018-01-01"
offered_to = "2024-02-01"
source = "https://example.org/exams"

[[exam_path]]
id = "single-exam"
name = "One exam"
exams = ["single"]
source = "https://example.org/exams"

[[exam_path]]
id = "two-part"
name = "Both parts"
exams = ["part-1", "part-2"]
within_years = 3
source = "https://example.org/exams"

[[exam_path]]
id = "two-part-fast"
name = "Both parts quickly"
exams = ["part-2", "part-1"]
within_months = 18
source = "https://example.org/exams"
confirmed = false
"#,
    );
    let single = r.exam("single").unwrap();
    assert_eq!(
        (single.offered_from, single.offered_to),
        (Some(date(2023, 6, 1)), None)
    );
    let p1 = r.exam("part-1").unwrap();
    assert_eq!(p1.name, "Part 1");
    assert_eq!(
        (p1.offered_from, p1.offered_to),
        (Some(date(2018, 1, 1)), Some(date(2024, 2, 1)))
    );
    assert!(!p1.citation.confirmed);
    assert_eq!(r.exam("part-2").unwrap().offered_to, Some(date(2024, 2, 1)));
    let ep = &r.exam_paths;
    assert_eq!(ep.len(), 3);
    assert_eq!(ep[0].within, None);
    assert_eq!(ep[1].exams, vec!["part-1", "part-2"]);
    assert_eq!(
        ep[1].within,
        Some(Period {
            years: 3,
            months: 0,
            days: 0
        })
    );
    assert_eq!(
        ep[2].within,
        Some(Period {
            years: 0,
            months: 18,
            days: 0
        })
    );
    assert!(!ep[2].citation.confirmed);
    assert_eq!(ep[1].citation.source, "https://example.org/exams");
}

#[test]
fn asq_like_recertification_anniversary_grace_months_window() {
    let r = rule(
        r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 18
unit = "RU"
grace_months = 6
window_before_months = 6
source = "https://example.org/recert"

[[recertification.category]]
id = "professional-development"
name = "Professional development"
units_per_hour = 0.1

[[recertification.category]]
id = "employment"
name = "Employment"
max = 10.8
confirmed = false
note = "legacy maximum"

[[recertification.category]]
id = "meetings"
name = "Meetings"
max = "11"
min = 0.5
source = "https://example.org/meetings"
"#,
    );
    let rc = r.recertification.unwrap();
    assert_eq!(rc.cycle_years, 3);
    assert_eq!(rc.anchor, Anchor::Anniversary);
    assert_eq!(rc.units_required, u("18"));
    assert_eq!(rc.unit, "RU");
    assert_eq!(
        rc.grace,
        Period {
            years: 0,
            months: 6,
            days: 0
        }
    );
    assert_eq!(
        rc.window_before,
        Some(Period {
            years: 0,
            months: 6,
            days: 0
        })
    );
    assert_eq!(rc.carry_over, None);
    assert_eq!(rc.citation.source, "https://example.org/recert");
    assert!(rc.citation.confirmed);
    let pd = rc.category("professional-development").unwrap();
    assert_eq!(pd.units_per_hour, Some(u("0.1")));
    assert_eq!(
        (pd.min, pd.max, &pd.parent, &pd.citation),
        (None, None, &None, &None)
    );
    let emp = rc.category("employment").unwrap();
    assert_eq!(emp.max, Some(u("10.8")));
    assert_eq!(emp.max.unwrap().thousandths(), 10_800);
    let c = emp.citation.as_ref().unwrap();
    // A category's citation inherits the recertification's source.
    assert_eq!(c.source, "https://example.org/recert");
    assert!(!c.confirmed);
    assert_eq!(c.note.as_deref(), Some("legacy maximum"));
    let m = rc.category("meetings").unwrap();
    assert_eq!((m.min, m.max), (Some(u("0.5")), Some(u("11"))));
    assert_eq!(
        m.citation.as_ref().unwrap().source,
        "https://example.org/meetings"
    );
}

#[test]
fn ascm_like_recertification_month_end_grace_days() {
    let r = rule(
        r#"
[recertification]
cycle_years = 5
anchor = "month-end"
units_required = 75
unit = "points"
grace_days = 90
source = "https://example.org/ascm"
[[recertification.category]]
id = "membership"
name = "Membership"
max = 30
"#,
    );
    let rc = r.recertification.unwrap();
    assert_eq!(rc.anchor, Anchor::MonthEnd);
    assert_eq!(rc.cycle_years, 5);
    assert_eq!(rc.units_required, u("75"));
    assert_eq!(
        rc.grace,
        Period {
            years: 0,
            months: 0,
            days: 90
        }
    );
    assert_eq!(rc.window_before, None);
    assert_eq!(rc.category("membership").unwrap().max, Some(u("30")));
}

#[test]
fn no_grace_is_a_zero_period() {
    let r = rule(
        r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "CEH"
source = "https://example.org/x"
"#,
    );
    assert!(r.recertification.unwrap().grace.is_zero());
}

#[test]
fn pmi_like_nested_cap_group_minimum_carry_over() {
    let r = rule(
        r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "PDUs"
grace_months = 12
source = "https://example.org/ccr"

[recertification.carry_over]
max = 20
window_months = 12

[[recertification.category]]
id = "ways-of-working"
name = "Ways of working"
min = 8
[[recertification.category]]
id = "power-skills"
name = "Power skills"
min = 8
[[recertification.category]]
id = "business-acumen"
name = "Business acumen"
min = 8
[[recertification.category]]
id = "giving-back"
name = "Giving back"
max = 25
[[recertification.category]]
id = "working-as-practitioner"
name = "Working as a practitioner"
max = 8
parent = "giving-back"

[[recertification.group]]
id = "education"
name = "Education"
categories = ["ways-of-working", "power-skills", "business-acumen"]
min = 35
"#,
    );
    let rc = r.recertification.unwrap();
    assert_eq!(
        rc.grace,
        Period {
            years: 0,
            months: 12,
            days: 0
        }
    );
    let co = rc.carry_over.as_ref().unwrap();
    assert_eq!(co.max, u("20"));
    assert_eq!(
        co.window,
        Period {
            years: 0,
            months: 12,
            days: 0
        }
    );
    assert_eq!(co.citation, None);
    let p = rc.category("working-as-practitioner").unwrap();
    assert_eq!(p.parent.as_deref(), Some("giving-back"));
    assert_eq!(p.max, Some(u("8")));
    assert_eq!(rc.category("giving-back").unwrap().max, Some(u("25")));
    assert_eq!(rc.category("power-skills").unwrap().min, Some(u("8")));
    assert_eq!(rc.groups.len(), 1);
    let g = &rc.groups[0];
    assert_eq!((g.id.as_str(), g.name.as_str()), ("education", "Education"));
    assert_eq!(
        g.categories,
        vec!["ways-of-working", "power-skills", "business-acumen"]
    );
    assert_eq!((g.min, g.max), (Some(u("35")), None));
    assert_eq!((g.min_share, g.max_share), (None, None));
    assert_eq!(g.citation, None);
}

#[test]
fn ism_like_shares_and_carry_over_citation() {
    let r = rule(
        r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "CEH"
grace_months = 12
source = "https://example.org/ism"
[recertification.carry_over]
max = "2.5"
window_months = 6
source = "https://example.org/carry"
confirmed = false
[[recertification.category]]
id = "education"
name = "Educational"
[[recertification.category]]
id = "contributions"
name = "Contributions to the profession"
[[recertification.group]]
id = "educational"
name = "Educational"
categories = ["education"]
min_share = "2/3"
source = "https://example.org/ism-share"
[[recertification.group]]
id = "contributions"
name = "Contributions"
categories = ["contributions"]
max_share = " 1 / 3 "
max = 20
"#,
    );
    let rc = r.recertification.unwrap();
    assert_eq!(rc.groups[0].min_share, Some((2, 3)));
    assert_eq!(rc.groups[0].max_share, None);
    assert_eq!(
        rc.groups[0].citation.as_ref().unwrap().source,
        "https://example.org/ism-share"
    );
    assert_eq!(rc.groups[1].max_share, Some((1, 3)));
    assert_eq!(rc.groups[1].max, Some(u("20")));
    let co = rc.carry_over.unwrap();
    assert_eq!(co.max, u("2.5"));
    assert_eq!(co.window.months, 6);
    let c = co.citation.unwrap();
    assert_eq!(c.source, "https://example.org/carry");
    assert!(!c.confirmed);
}

// ------------------------------------------------------------------ errors

/// An experience requirement to build error cases on.
const EXPERIENCE: &str = r#"
[[requirement]]
id = "experience"
name = "Work experience"
kind = "experience"
years = 10
source = "https://example.org/x"
"#;

/// A recertification table to add categories and groups to.
const RECERT: &str = r#"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "PDUs"
source = "https://example.org/x"
"#;

#[test]
fn unknown_key_suggests_the_nearest() {
    let (d, text) = error(&format!("{EXPERIENCE}yeras = 3\n"));
    assert_eq!(d.message, "unknown key `yeras`");
    assert_eq!(d.help.as_deref(), Some("did you mean `years`?"));
    assert_eq!(d.file, "t.toml");
    assert_eq!(pos(&d), at(&text, "yeras"));
    assert_eq!(pos(&d), (Some(13), Some(1)));

    let (d, text) = error(&format!(
        "{EXPERIENCE}[requirement.roles]\nfulltime = true\n"
    ));
    assert_eq!(d.message, "unknown key `fulltime`");
    assert_eq!(d.help.as_deref(), Some("did you mean `full_time`?"));
    assert_eq!(pos(&d), at(&text, "fulltime"));

    let (d, text) = error(&format!(
        "{EXPERIENCE}[requirement.waivers]\nbachelors = 4\n"
    ));
    assert_eq!(d.message, "unknown key `bachelors`");
    assert_eq!(d.help.as_deref(), Some("did you mean `bachelor`?"));
    assert_eq!(pos(&d), at(&text, "bachelors"));

    // Nothing close: the keys allowed are listed.
    let (d, _) = error("zzz = 1\n");
    assert_eq!(d.message, "unknown key `zzz`");
    let help = d.help.unwrap();
    assert_eq!(
        help,
        "expected one of `name`, `from`, `to`, `recertification_from`, `source`, `confirmed`, `note`"
    );
}

#[test]
fn unknown_value_suggests_the_nearest() {
    let body = r#"
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelors"
source = "https://example.org/x"
"#;
    let (d, text) = error(body);
    assert_eq!(d.message, "unknown value `bachelors`");
    assert_eq!(d.help.as_deref(), Some("did you mean `bachelor`?"));
    assert_eq!(pos(&d), at(&text, "\"bachelors\""));

    let (d, text) = error(&format!(
        "{EXPERIENCE}[requirement.roles]\nexclude_kinds = [\"intern\"]\n"
    ));
    assert_eq!(d.message, "unknown value `intern`");
    assert_eq!(d.help.as_deref(), Some("did you mean `internship`?"));
    assert_eq!(pos(&d), at(&text, "\"intern\""));

    let (d, _) = error(&RECERT.replace("\"anniversary\"", "\"month_end\""));
    assert_eq!(d.message, "unknown value `month_end`");
    assert_eq!(d.help.as_deref(), Some("did you mean `month-end`?"));
}

#[test]
fn unknown_requirement_kind() {
    let (d, text) = error(&EXPERIENCE.replace("\"experience\"\nyears", "\"experiance\"\nyears"));
    assert_eq!(d.message, "unknown requirement kind `experiance`");
    assert_eq!(d.help.as_deref(), Some("did you mean `experience`?"));
    assert_eq!(pos(&d), at(&text, "\"experiance\""));
}

#[test]
fn duplicate_ids_of_every_kind() {
    let body = format!(
        r#"{EXPERIENCE}
[[requirement]]
id = "experience"
name = "Again"
kind = "degree"
level = "master"
source = "https://example.org/x"

[[path]]
id = "p"
name = "P"
requires = ["experience"]
[[path]]
id = "p"
name = "P again"
requires = ["experience"]

[[exam]]
id = "e"
name = "E"
source = "https://example.org/x"
[[exam]]
id = "e"
name = "E again"
source = "https://example.org/x"

[[exam_path]]
id = "ep"
name = "EP"
exams = ["e"]
source = "https://example.org/x"
[[exam_path]]
id = "ep"
name = "EP again"
exams = ["e"]
source = "https://example.org/x"
{RECERT}
[[recertification.category]]
id = "c"
name = "C"
[[recertification.category]]
id = "c"
name = "C again"
[[recertification.group]]
id = "g"
name = "G"
categories = ["c"]
[[recertification.group]]
id = "g"
name = "G again"
categories = ["c"]
"#
    );
    let (d, text) = errors(&body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "duplicate requirement id `experience`",
                at_nth(&text, "\"experience\"", 2)
            ),
            ("duplicate path id `p`", at_nth(&text, "\"p\"", 1)),
            ("duplicate exam id `e`", at_nth(&text, "\"e\"", 1)),
            ("duplicate exam path id `ep`", at_nth(&text, "\"ep\"", 1)),
            ("duplicate category id `c`", at_nth(&text, "\"c\"", 1)),
            ("duplicate group id `g`", at_nth(&text, "\"g\"", 1)),
        ]
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some("`experience` is first defined on line 8")
    );
}

#[test]
fn unknown_references_suggest_the_nearest() {
    let body = format!(
        r#"{EXPERIENCE}
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/x"

[[requirement]]
id = "decision-making"
name = "Decision-making"
kind = "experience"
years = 5
part_of = "experiance"
source = "https://example.org/x"

[[path]]
id = "p"
name = "P"
requires = ["experience", "degre", "decision-making"]

[[exam]]
id = "part-1"
name = "Part 1"
source = "https://example.org/x"
[[exam_path]]
id = "ep"
name = "EP"
exams = ["part-1"]
source = "https://example.org/x"
[[exam_path]]
id = "ep2"
name = "EP2"
exams = ["part1"]
source = "https://example.org/x"
{RECERT}
[[recertification.category]]
id = "giving-back"
name = "Giving back"
[[recertification.category]]
id = "practitioner"
name = "Practitioner"
parent = "giving-bak"
[[recertification.group]]
id = "g"
name = "G"
categories = ["giving-back", "practitionr"]
[[recertification.group]]
id = "g2"
name = "G2"
categories = ["zzzzzz"]
"#
    );
    let (d, text) = errors(&body);
    let got: Vec<(&str, Option<&str>, Pos)> = d
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref(), pos(d)))
        .collect();
    assert_eq!(
        got,
        vec![
            // A consequence of the misspelling in `requires`.
            (
                "requirement `degree` is not used by any path",
                Some("add it to a path's `requires`, or remove it"),
                at(&text, "\"degree\"")
            ),
            (
                "unknown experience requirement `experiance`",
                Some("did you mean `experience`?"),
                at(&text, "\"experiance\"")
            ),
            (
                "unknown requirement `degre`",
                Some("did you mean `degree`?"),
                at(&text, "\"degre\"")
            ),
            (
                "unknown exam `part1`",
                Some("did you mean `part-1`?"),
                at(&text, "\"part1\"")
            ),
            (
                "unknown category `giving-bak`",
                Some("did you mean `giving-back`?"),
                at(&text, "\"giving-bak\"")
            ),
            (
                "unknown category `practitionr`",
                Some("did you mean `practitioner`?"),
                at(&text, "\"practitionr\"")
            ),
            (
                "unknown category `zzzzzz`",
                Some("defined: `giving-back`, `practitioner`"),
                at(&text, "\"zzzzzz\"")
            ),
        ]
    );
}

#[test]
fn keys_not_allowed_for_the_kind() {
    let body = r#"
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
lookback_years = 8
source = "https://example.org/x"
"#;
    let (d, text) = error(body);
    assert_eq!(
        d.message,
        "`lookback_years` is not allowed on a `degree` requirement"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("a `degree` requirement takes `level`, `tags`")
    );
    assert_eq!(pos(&d), at(&text, "lookback_years"));

    let (d, text) = error(&format!("{EXPERIENCE}hours = 35\n"));
    assert_eq!(
        d.message,
        "`hours` is not allowed on an `experience` requirement"
    );
    assert_eq!(pos(&d), at(&text, "hours"));

    let body = r#"
[[requirement]]
id = "t"
name = "Training"
kind = "training"
hours = 35
source = "https://example.org/x"
[requirement.roles]
paid = true
"#;
    let (d, text) = error(body);
    assert_eq!(
        d.message,
        "`roles` is not allowed on a `training` requirement"
    );
    assert_eq!(pos(&d), at(&text, "[requirement.roles]"));
}

#[test]
fn experience_needs_exactly_one_of_years_and_months() {
    let (d, text) = error(&EXPERIENCE.replace("years = 10\n", ""));
    assert_eq!(
        d.message,
        "an `experience` requirement needs `years` or `months`"
    );
    assert_eq!(pos(&d), at(&text, "\"experience\"\nsource"));

    let (d, text) = error(&format!("{EXPERIENCE}months = 36\n"));
    assert_eq!(
        d.message,
        "an `experience` requirement takes `years` or `months`, not both"
    );
    assert_eq!(pos(&d), at(&text, "36"));
}

#[test]
fn kinds_need_their_keys() {
    for (kind, key) in [
        ("degree", "level"),
        ("training", "hours"),
        ("certification", "certification"),
        ("projects", "count"),
    ] {
        let body = format!(
            "[[requirement]]\nid = \"r\"\nname = \"R\"\nkind = \"{kind}\"\nsource = \"https://example.org/x\"\n"
        );
        let (d, text) = error(&body);
        assert_eq!(d.message, format!("a `{kind}` requirement needs `{key}`"));
        assert_eq!(pos(&d), at(&text, &format!("\"{kind}\"")));
    }
}

#[test]
fn grace_in_months_or_days_not_both() {
    let (d, text) = error(&format!("{RECERT}grace_months = 6\ngrace_days = 90\n"));
    assert_eq!(d.message, "give `grace_months` or `grace_days`, not both");
    assert_eq!(pos(&d), at(&text, "90"));
}

#[test]
fn category_parents_loop_or_nest() {
    let body = format!(
        r#"{RECERT}
[[recertification.category]]
id = "a"
name = "A"
parent = "b"
[[recertification.category]]
id = "b"
name = "B"
parent = "a"
[[recertification.category]]
id = "c"
name = "C"
parent = "c"
[[recertification.category]]
id = "top"
name = "Top"
[[recertification.category]]
id = "mid"
name = "Mid"
parent = "top"
[[recertification.category]]
id = "low"
name = "Low"
parent = "mid"
"#
    );
    let (d, text) = errors(&body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "category parents form a loop: `a` → `b` → `a`",
                at_nth(&text, "\"b\"", 0)
            ),
            (
                "category parents form a loop: `c` → `c`",
                at_nth(&text, "\"c\"", 1)
            ),
            (
                "category `mid` is itself inside `top`",
                at_nth(&text, "\"mid\"", 1)
            ),
        ]
    );
    assert_eq!(
        d[2].help.as_deref(),
        Some("caps nest one level only: a parent category cannot have a parent")
    );
}

#[test]
fn dates_out_of_order() {
    let text = r#"id = "t"
name = "T"
issuer = "X"
[edition]
name = "1"
from = 2025-01-01
to = 2024-12-31
"#;
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        "`from` (`2025-01-01`) is after `to` (`2024-12-31`)"
    );
    assert_eq!(pos(&d[0]), (Some(6), Some(8)));

    let body = r#"
[[exam]]
id = "e"
name = "E"
offered_from = 2024-02-02
offered_to = 2024-02-01
source = "https://example.org/x"
[[exam_path]]
id = "p"
name = "P"
exams = ["e"]
source = "https://example.org/x"
"#;
    let (d, text) = error(body);
    assert_eq!(
        d.message,
        "`offered_from` (`2024-02-02`) is after `offered_to` (`2024-02-01`)"
    );
    assert_eq!(pos(&d), at(&text, "2024-02-02"));
}

#[test]
fn dates_must_be_plain_dates() {
    let text = "id = \"t\"\nname = \"T\"\nissuer = \"X\"\n[edition]\nname = \"1\"\nfrom = 2024-01-01T00:00:00\n";
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(
        d[0].message,
        "expected a date (`YYYY-MM-DD`), found the date-time `2024-01-01T00:00:00`"
    );
    assert_eq!(pos(&d[0]), (Some(6), Some(8)));

    let text =
        "id = \"t\"\nname = \"T\"\nissuer = \"X\"\n[edition]\nname = \"1\"\nto = \"2023-02-30\"\n";
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(d[0].message, "`2023-02-30` is not a date (`YYYY-MM-DD`)");
    assert_eq!(pos(&d[0]), (Some(6), Some(6)));
}

#[test]
fn shares_are_fractions_up_to_one() {
    for (share, message) in [
        ("2/0", "`2/0` has a zero denominator"),
        ("4/3", "`4/3` is more than the whole"),
        ("two thirds", "`two thirds` is not a fraction"),
        ("-1/3", "`-1/3` is not a fraction"),
    ] {
        let body = format!(
            "{RECERT}[[recertification.category]]\nid = \"c\"\nname = \"C\"\n[[recertification.group]]\nid = \"g\"\nname = \"G\"\ncategories = [\"c\"]\nmax_share = \"{share}\"\n"
        );
        let (d, text) = error(&body);
        assert_eq!(d.message, message);
        assert_eq!(pos(&d), at(&text, &format!("\"{share}\"")));
    }
}

#[test]
fn units_cannot_be_negative() {
    let body = r#"
[[requirement]]
id = "t"
name = "Training"
kind = "training"
hours = -35
source = "https://example.org/x"

[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = -18
unit = "RU"
source = "https://example.org/x"
[recertification.carry_over]
max = "-1"
window_months = 12
[[recertification.category]]
id = "c"
name = "C"
min = -0.5
units_per_hour = -0.1
[[recertification.group]]
id = "g"
name = "G"
categories = ["c"]
max = -2
"#;
    let (d, text) = errors(body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            ("`hours` cannot be negative, found `-35`", at(&text, "-35")),
            (
                "`units_required` cannot be negative, found `-18`",
                at(&text, "-18")
            ),
            ("`max` cannot be negative, found `-1`", at(&text, "\"-1\"")),
            ("`min` cannot be negative, found `-0.5`", at(&text, "-0.5")),
            (
                "`units_per_hour` cannot be negative, found `-0.1`",
                at(&text, "-0.1")
            ),
            ("`max` cannot be negative, found `-2`", at(&text, "-2")),
        ]
    );
}

#[test]
fn sources_are_required_http_urls() {
    let (d, text) = error(&EXPERIENCE.replace("https://example.org/x", ""));
    assert_eq!(d.message, "`source` is empty");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("`source = \"https://...\"`")
    );
    assert_eq!(pos(&d), at(&text, "\"\""));

    let (d, text) = error(&EXPERIENCE.replace("https://example.org/x", "asq.org/cert"));
    assert_eq!(
        d.message,
        "`source` must be an http(s) URL, found `asq.org/cert`"
    );
    assert_eq!(pos(&d), at(&text, "\"asq.org/cert\""));

    let (d, _) = error(&EXPERIENCE.replace("https://example.org/x", "ftp://example.org/x"));
    assert_eq!(
        d.message,
        "`source` must be an http(s) URL, found `ftp://example.org/x`"
    );

    let body = r#"
[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
years = 1
[[exam]]
id = "e"
name = "E"
[[exam_path]]
id = "p"
name = "P"
exams = ["e"]
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "PDUs"
[[recertification.category]]
id = "c"
name = "C"
source = "http://"
"#;
    let (d, text) = errors(body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "requirement `experience` has no `source`",
                at(&text, "\"experience\"")
            ),
            ("exam `e` has no `source`", at(&text, "\"e\"")),
            ("exam path `p` has no `source`", at(&text, "\"p\"")),
            (
                "`[recertification]` has no `source`",
                at(&text, "[recertification]")
            ),
            (
                "`source` must be an http(s) URL, found `http://`",
                at(&text, "\"http://\"")
            ),
        ]
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some(
            "every figure needs the URL of the page it comes from, e.g. `source = \"https://...\"`"
        )
    );
}

#[test]
fn every_requirement_must_be_on_a_path() {
    let body = format!(
        r#"{EXPERIENCE}
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/x"
[[path]]
id = "p"
name = "P"
requires = ["experience"]
"#
    );
    let (d, text) = error(&body);
    assert_eq!(d.message, "requirement `degree` is not used by any path");
    assert_eq!(
        d.help.as_deref(),
        Some("add it to a path's `requires`, or remove it")
    );
    assert_eq!(pos(&d), at(&text, "\"degree\""));
}

#[test]
fn every_exam_must_be_on_an_exam_path() {
    let body = r#"
[[exam]]
id = "e"
name = "E"
source = "https://example.org/x"
"#;
    let (d, text) = error(body);
    assert_eq!(d.message, "exam `e` is not used by any exam path");
    assert_eq!(pos(&d), at(&text, "\"e\""));
}

#[test]
fn lists_of_references() {
    let body = format!(
        r#"{EXPERIENCE}
[[path]]
id = "p"
name = "P"
requires = ["experience", "experience"]
[[path]]
id = "empty"
name = "Empty"
requires = []
[[exam]]
id = "e"
name = "E"
source = "https://example.org/x"
[[exam_path]]
id = "ep"
name = "EP"
exams = ["e"]
within_years = 1
within_months = 6
source = "https://example.org/x"
[[exam_path]]
id = "none"
name = "None"
exams = []
source = "https://example.org/x"
"#
    );
    let (d, text) = errors(&body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "`experience` is listed twice",
                at_nth(&text, "\"experience\"", 3)
            ),
            ("path `empty` requires nothing", at(&text, "[]")),
            (
                "give `within_years` or `within_months`, not both",
                at(&text, "6\n")
            ),
            ("exam path `none` lists no exam", at_nth(&text, "[]", 1)),
        ]
    );
}

#[test]
fn ids_are_kebab_case() {
    let (d, text) = error(&EXPERIENCE.replace("id = \"experience\"", "id = \"Work_Experience\""));
    assert_eq!(d.message, "`Work_Experience` is not a valid requirement id");
    assert!(d.help.as_deref().unwrap().contains("kebab-case"));
    assert_eq!(pos(&d), at(&text, "\"Work_Experience\""));

    let text = "id = \"cmq--oe\"\nname = \"T\"\nissuer = \"X\"\n[edition]\nname = \"1\"\n";
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(d[0].message, "`cmq--oe` is not a valid certification id");
    assert_eq!(pos(&d[0]), (Some(1), Some(6)));
}

#[test]
fn part_of_rules() {
    let body = r#"
[[requirement]]
id = "total"
name = "Total"
kind = "experience"
years = 10
lookback_years = 15
source = "https://example.org/x"
[requirement.roles]
full_time = true

[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
source = "https://example.org/x"

[[requirement]]
id = "of-degree"
name = "Part of a degree"
kind = "experience"
years = 1
part_of = "degree"
source = "https://example.org/x"

[[requirement]]
id = "sub"
name = "Sub"
kind = "experience"
years = 12
part_of = "total"
lookback_years = 5
source = "https://example.org/x"
[requirement.roles]
full_time = false

[[requirement]]
id = "sub-sub"
name = "Sub of sub"
kind = "experience"
years = 1
part_of = "sub"
source = "https://example.org/x"

[[requirement]]
id = "me"
name = "Me"
kind = "experience"
years = 1
part_of = "me"
source = "https://example.org/x"
"#;
    let (d, text) = errors(body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "`degree` is not an `experience` requirement",
                at(&text, "\"degree\"\nsource")
            ),
            (
                "`sub` asks for 12 years, more than the 10 years of `total` it is part of",
                at(&text, "12")
            ),
            (
                "`lookback_years` is not allowed with `part_of`",
                at_nth(&text, "5\nsource", 1)
            ),
            (
                "`full_time = false` contradicts `full_time = true` of `total`",
                at_nth(&text, "[requirement.roles]", 1)
            ),
            (
                "`sub` is itself part of `total`",
                at(&text, "\"sub\"\nsource")
            ),
            ("`me` cannot be part of itself", at(&text, "\"me\"\nsource")),
        ]
    );
}

#[test]
fn a_waiver_larger_than_the_requirement() {
    let (d, text) = error(&format!("{EXPERIENCE}[requirement.waivers]\nmaster = 12\n"));
    assert_eq!(
        d.message,
        "the `master` waiver (12 years) is more than the 10 years required"
    );
    assert_eq!(pos(&d), at(&text, "12"));
}

#[test]
fn min_above_max() {
    let (d, text) = error(&format!(
        "{RECERT}[[recertification.category]]\nid = \"c\"\nname = \"C\"\nmin = 9\nmax = 8\n"
    ));
    assert_eq!(d.message, "`min` (`9`) is more than `max` (`8`)");
    assert_eq!(pos(&d), at(&text, "9\n"));
}

#[test]
fn certification_cannot_require_itself() {
    let (d, text) = error(
        "[[requirement]]\nid = \"r\"\nname = \"R\"\nkind = \"certification\"\ncertification = \"t\"\nsource = \"https://example.org/x\"\n",
    );
    assert_eq!(d.message, "`t` cannot require itself");
    assert_eq!(pos(&d), at(&text, "\"t\"\nsource"));
}

#[test]
fn cycle_and_window_lengths() {
    let (d, text) = error(&RECERT.replace("cycle_years = 3", "cycle_years = 0"));
    assert_eq!(d.message, "`cycle_years` must be at least 1");
    assert_eq!(pos(&d), at(&text, "0\n"));
    let (d, _) = error(&format!(
        "{RECERT}[recertification.carry_over]\nmax = 20\nwindow_months = 0\n"
    ));
    assert_eq!(d.message, "`window_months` must be at least 1");
}

#[test]
fn edition_note_needs_a_source() {
    let text = "id = \"t\"\nname = \"T\"\nissuer = \"X\"\n[edition]\nname = \"1\"\nnote = \"n\"\n";
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(
        d[0].message,
        "the edition has `confirmed` or `note` but no `source`"
    );
    assert_eq!(pos(&d[0]), (Some(5), Some(8)));
}

#[test]
fn empty_names() {
    let (d, text) = error(&EXPERIENCE.replace("\"Work experience\"", "\"  \""));
    assert_eq!(d.message, "`name` is empty");
    assert_eq!(pos(&d), at(&text, "\"  \""));
}

#[test]
fn serde_errors_in_house_style() {
    // Wrong type, with the value in backticks and no Rust type names.
    let (d, text) = error(&EXPERIENCE.replace("years = 10", "years = -3"));
    assert_eq!(
        d.message,
        "invalid value: integer `-3`, expected a whole number, 0 or more"
    );
    assert_eq!(pos(&d), at(&text, "-3"));
    let (d, _) = error(&EXPERIENCE.replace("years = 10", "years = \"ten\""));
    assert_eq!(
        d.message,
        "invalid type: string `ten`, expected a whole number, 0 or more"
    );
    let (d, _) = error("[[path]]\nid = \"p\"\nname = \"P\"\nrequires = \"x\"\n");
    assert_eq!(d.message, "invalid type: string `x`, expected an array");
    let text = "id = \"t\"\nname = \"T\"\nissuer = \"X\"\nedition = \"2024\"\n";
    let d = parse_rule(text, "t.toml").unwrap_err();
    assert_eq!(
        d[0].message,
        "invalid type: string `2024`, expected a table"
    );
    assert_eq!(pos(&d[0]), (Some(4), Some(11)));
    // A missing key points at its table.
    let (d, text) = error("[[requirement]]\nid = \"r\"\nkind = \"degree\"\n");
    assert_eq!(d.message, "missing field `name`");
    assert_eq!(pos(&d), at(&text, "[[requirement]]"));
    // A TOML syntax error.
    let (d, _) = error("[[requirement]\n");
    assert_eq!(pos(&d), (Some(6), Some(15)));
    assert!(d.message.starts_with(char::is_lowercase), "{}", d.message);
    assert!(!d.message.ends_with('.'));
    // Units: at most three decimals.
    let (d, text) = error(&format!(
        "{RECERT}[[recertification.category]]\nid = \"c\"\nname = \"C\"\nmax = 0.0001\n"
    ));
    assert_eq!(d.message, "more than 3 decimal places, found `0.0001`");
    assert_eq!(pos(&d), at(&text, "0.0001"));
}

#[test]
fn every_semantic_problem_in_a_file_is_reported() {
    let body = r#"
[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
source = "asq.org"
[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
years = 4
source = "https://example.org/x"
[[path]]
id = "p"
name = "P"
requires = ["experiance"]
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 18
unit = "RU"
grace_months = 6
grace_days = 90
source = "https://example.org/x"
"#;
    let (d, text) = errors(body);
    let got = listed(&d);
    assert_eq!(
        got,
        vec![
            (
                "requirement `experience` is not used by any path",
                at(&text, "\"experience\"")
            ),
            (
                "an `experience` requirement needs `years` or `months`",
                at_nth(&text, "\"experience\"", 1)
            ),
            (
                "`source` must be an http(s) URL, found `asq.org`",
                at(&text, "\"asq.org\"")
            ),
            (
                "requirement `degree` is not used by any path",
                at(&text, "\"degree\"")
            ),
            (
                "`years` is not allowed on a `degree` requirement",
                at(&text, "years = 4")
            ),
            (
                "unknown requirement `experiance`",
                at(&text, "\"experiance\"")
            ),
            (
                "give `grace_months` or `grace_days`, not both",
                at(&text, "90")
            ),
        ]
    );
    // Rendered for people: file:line:col, message, help.
    assert_eq!(
        d[5].to_string(),
        format!(
            "t.toml:{}:{}: unknown requirement `experiance`\n  help: did you mean `experience`?",
            d[5].line.unwrap(),
            d[5].column.unwrap()
        )
    );
}

// ---------------------------------------------------------- built-in files

fn builtin() -> RuleSet {
    load(&[]).unwrap_or_else(|e| panic!("built-in rules are broken:\n{e}"))
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

#[test]
fn builtin_cmq_oe_has_the_fixed_ids_and_figures() {
    let set = builtin();
    assert_eq!(
        set.ids(),
        vec![
            "capm", "cmfge", "cmfgt", "cmq-oe", "cpim", "cpsd", "cpsm", "cqa", "cqe", "cqia",
            "cqpa", "cqt", "cre", "cscp", "csqe", "cssbb", "cssgb", "pmp"
        ]
    );
    let r = set.get("cmq-oe", date(2026, 11, 25)).unwrap();
    assert_eq!(r.origin, "built-in rules/cmq-oe.toml");
    assert_eq!(r.issuer, "ASQ");
    assert_eq!(
        r.name,
        "Certified Manager of Quality/Organizational Excellence"
    );
    assert_eq!(r.edition.name, "2024");
    assert_eq!(r.edition.from, Some(date(2024, 1, 1)));
    assert_eq!(r.edition.to, None);

    assert_eq!(
        ids(&r.requirements, |q| &q.id),
        vec!["experience", "decision-making"]
    );
    let (months, roles, lookback, waivers) = experience(r, "experience");
    assert_eq!((months, lookback), (120, None));
    assert_eq!(
        roles,
        RoleFilter {
            full_time: Some(true),
            paid: Some(true),
            decision_making: None,
            exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
            tags: vec![],
        }
    );
    assert_eq!(
        waivers,
        vec![
            (Level::TradeDiploma, 12),
            (Level::Associate, 24),
            (Level::Bachelor, 48),
            (Level::Master, 60),
            (Level::Doctorate, 60),
        ]
    );
    let (months, roles, _, waivers) = experience(r, "decision-making");
    assert_eq!(months, 60);
    assert_eq!(roles.decision_making, Some(true));
    assert_eq!((roles.full_time, roles.paid), (Some(true), Some(true)));
    assert!(waivers.is_empty());
    assert!(!r.requirement("decision-making").unwrap().citation.confirmed);
    assert!(r.requirement("experience").unwrap().citation.confirmed);
    assert_eq!(
        paths(r),
        vec![(DEFAULT_PATH_ID, vec!["experience", "decision-making"])]
    );

    assert_eq!(ids(&r.exams, |e| &e.id), vec!["cmq-oe"]);
    assert_eq!(r.exam_paths.len(), 1);
    assert_eq!(r.exam_paths[0].exams, vec!["cmq-oe"]);

    let rc = r.recertification.as_ref().unwrap();
    assert_eq!(rc.cycle_years, 3);
    assert_eq!(rc.anchor, Anchor::Anniversary);
    assert_eq!(rc.units_required, u("18"));
    assert_eq!(rc.unit, "RU");
    assert_eq!(rc.grace.to_string(), "6 months");
    assert_eq!(rc.window_before.unwrap().to_string(), "6 months");
    assert_eq!(rc.carry_over, None);
    assert_eq!(
        ids(&rc.categories, |c| &c.id),
        vec!["professional-development", "employment", "giving-back"]
    );
    let pd = rc.category("professional-development").unwrap();
    assert_eq!((pd.units_per_hour, pd.max), (Some(u("0.1")), None));
    let emp = rc.category("employment").unwrap();
    assert_eq!(emp.max, Some(u("10.8")));
    assert!(!emp.citation.as_ref().unwrap().confirmed);
    let gb = rc.category("giving-back").unwrap();
    assert_eq!(gb.max, None);
    assert!(!gb.citation.as_ref().unwrap().confirmed);
}

#[test]
fn builtin_cpim_has_the_fixed_ids_and_figures() {
    let set = builtin();
    let r = set.get("cpim", date(2026, 11, 25)).unwrap();
    assert_eq!(r.origin, "built-in rules/cpim.toml");
    assert_eq!(r.issuer, "ASCM");
    assert!(r.requirements.is_empty());
    assert_eq!(paths(r), vec![(DEFAULT_PATH_ID, vec![])]);
    assert!(!r.edition.citation.as_ref().unwrap().confirmed);

    assert_eq!(
        ids(&r.exams, |e| &e.id),
        vec![
            "cpim",
            "cpim-part-1",
            "cpim-part-2",
            "cpim-bscm",
            "cpim-mpr",
            "cpim-dsp",
            "cpim-eco",
            "cpim-smr"
        ]
    );
    let offered = |id: &str| {
        let e = r.exam(id).unwrap();
        (e.offered_from, e.offered_to)
    };
    assert_eq!(offered("cpim"), (Some(date(2023, 6, 1)), None));
    for part in ["cpim-part-1", "cpim-part-2"] {
        assert_eq!(
            offered(part),
            (Some(date(2018, 1, 1)), Some(date(2024, 2, 1)))
        );
    }
    assert_eq!(offered("cpim-bscm"), (None, Some(date(2017, 12, 31))));
    for module in ["cpim-mpr", "cpim-dsp", "cpim-eco", "cpim-smr"] {
        assert_eq!(offered(module), (None, Some(date(2018, 12, 31))));
    }

    let ep: Vec<(&str, Vec<&str>, Option<String>)> = r
        .exam_paths
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.exams.iter().map(|s| s.as_str()).collect(),
                p.within.map(|w| w.to_string()),
            )
        })
        .collect();
    assert_eq!(
        ep,
        vec![
            ("single-exam", vec!["cpim"], None),
            (
                "two-part",
                vec!["cpim-part-1", "cpim-part-2"],
                Some("3 years".to_string())
            ),
            (
                "five-module",
                vec!["cpim-bscm", "cpim-mpr", "cpim-dsp", "cpim-eco", "cpim-smr"],
                Some("10 years".to_string())
            ),
        ]
    );

    let rc = r.recertification.as_ref().unwrap();
    assert_eq!(rc.cycle_years, 5);
    assert_eq!(rc.anchor, Anchor::MonthEnd);
    assert_eq!(rc.units_required, u("75"));
    assert_eq!(rc.unit, "points");
    assert_eq!(rc.grace.to_string(), "90 days");
    assert_eq!(rc.window_before, None);
    assert_eq!(
        ids(&rc.categories, |c| &c.id),
        vec![
            "continuing-education",
            "teaching",
            "service",
            "membership",
            "exams"
        ]
    );
    let m = rc.category("membership").unwrap();
    assert_eq!(m.max, Some(u("30")));
    assert!(!m.citation.as_ref().unwrap().confirmed);
}

/// Every citation of the built-in files: an http(s) URL, and a note saying
/// why wherever a figure is not confirmed.
#[test]
fn builtin_citations_are_urls_and_unconfirmed_ones_explained() {
    let set = builtin();
    for r in set.all() {
        let mut cites: Vec<(String, &crate::rules::model::Citation)> = Vec::new();
        if let Some(c) = &r.edition.citation {
            cites.push(("edition".into(), c));
        }
        for q in &r.requirements {
            cites.push((format!("requirement {}", q.id), &q.citation));
        }
        for e in &r.exams {
            cites.push((format!("exam {}", e.id), &e.citation));
        }
        for p in &r.exam_paths {
            cites.push((format!("exam path {}", p.id), &p.citation));
        }
        if let Some(rc) = &r.recertification {
            cites.push(("recertification".into(), &rc.citation));
            for c in &rc.categories {
                if let Some(cit) = &c.citation {
                    cites.push((format!("category {}", c.id), cit));
                }
            }
        }
        for (what, c) in cites {
            assert!(
                c.source.starts_with("https://") || c.source.starts_with("http://"),
                "{}: {what}",
                r.id
            );
            assert!(
                c.confirmed || c.note.is_some(),
                "{}: {what} is unconfirmed without a note",
                r.id
            );
        }
    }
}

/// Where a built-in file says `confirmed = false`, the comment above its
/// table says UNCERTAIN or INFERRED.
#[test]
fn builtin_unconfirmed_figures_are_commented() {
    for (file, text) in BUILTIN {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "confirmed = false" {
                continue;
            }
            let header = (0..i)
                .rev()
                .find(|&j| lines[j].starts_with('['))
                .unwrap_or_else(|| panic!("{file}:{}: no table", i + 1));
            let comment: Vec<&str> = lines[..header]
                .iter()
                .rev()
                .take_while(|l| l.starts_with('#'))
                .copied()
                .collect();
            assert!(
                comment
                    .iter()
                    .any(|l| l.contains("UNCERTAIN") || l.contains("INFERRED")),
                "{file}:{}: `confirmed = false` without an UNCERTAIN/INFERRED comment",
                i + 1
            );
        }
    }
}

#[test]
fn a_broken_builtin_is_an_error_not_a_panic() {
    let broken: &[(&str, &str)] = &[
        ("ok.toml", BUILTIN[0].1),
        ("broken.toml", "id = \"x\"\nname = \n"),
    ];
    let Err(Error::Rules(d)) = load_with(broken, &[]) else {
        panic!("expected rule errors")
    };
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].file, "built-in rules/broken.toml");
    assert_eq!(d[0].line, Some(2));
}

// ---------------------------------------------------------- --rules DIR

const CPSM: &str = r#"id = "cpsm"
name = "Certified Professional in Supply Management"
issuer = "ISM"
[edition]
name = "2013"
from = 2013-03-11
[[requirement]]
id = "held"
name = "An active CPIM"
kind = "certification"
certification = "cpim"
source = "https://example.org/cpsm"
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn rule_errors(r: Result<RuleSet, Error>) -> Vec<Diagnostic> {
    match r {
        Err(Error::Rules(d)) => d,
        Err(e) => panic!("expected rule errors, got {e}"),
        Ok(_) => panic!("expected rule errors, got rules"),
    }
}

#[test]
fn a_user_file_replaces_the_builtin_of_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"id = "cmq-oe"
name = "CMQ/OE, local variant"
issuer = "ASQ"
[edition]
name = "local"
"#;
    let path = write(dir.path(), "my-cmq.toml", text);
    let set = load(&[dir.path().to_path_buf()]).unwrap();
    let cmq: Vec<&Rule> = set.all().iter().filter(|r| r.id == "cmq-oe").collect();
    assert_eq!(cmq.len(), 1);
    assert_eq!(cmq[0].name, "CMQ/OE, local variant");
    assert_eq!(cmq[0].origin, path.display().to_string());
    // The other built-in stays.
    assert_eq!(
        set.get("cpim", date(2026, 1, 1)).unwrap().origin,
        "built-in rules/cpim.toml"
    );
}

#[test]
fn user_files_are_the_toml_files_of_the_dir_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.toml", CPSM);
    write(dir.path(), "a.toml", &CPSM.replace("cpsm", "cpsm-a"));
    write(dir.path(), "notes.txt", "not a rule");
    std::fs::create_dir(dir.path().join("sub.toml")).unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    write(&dir.path().join("nested"), "c.toml", "broken");
    let files = rule_files(dir.path()).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["a.toml", "b.toml"]);
    let set = load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(
        set.ids(),
        vec![
            "capm", "cmfge", "cmfgt", "cmq-oe", "cpim", "cpsd", "cpsm", "cpsm-a", "cqa", "cqe",
            "cqia", "cqpa", "cqt", "cre", "cscp", "csqe", "cssbb", "cssgb", "pmp"
        ]
    );
}

#[test]
fn a_missing_dir_or_unreadable_file_is_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    match load(std::slice::from_ref(&missing)) {
        Err(Error::Read { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected a read error, got {other:?}"),
    }
    let not_utf8 = dir.path().join("bad.toml");
    std::fs::write(&not_utf8, b"id = \"x\"\nname = \"\xff\xfe\"\n").unwrap();
    // not UTF-8: a diagnostic at the first bad byte, not a bare read error
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    let file = not_utf8.display().to_string();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message, format!("`{file}` is not valid UTF-8 text"));
    assert_eq!((d[0].line, d[0].column), (Some(2), Some(9)));
}

#[test]
fn an_unknown_certification_reference_suggests_a_loaded_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cpsm.toml",
        &CPSM.replace("\"cpim\"", "\"cpm\""),
    );
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].file, p.display().to_string());
    assert_eq!(d[0].message, "unknown certification `cpm`");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `cpim`?"));
    assert_eq!((d[0].line, d[0].column), (Some(11), Some(17)));
}

#[test]
fn editions_of_one_id_must_not_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let old = CPSM.replace(
        "name = \"2013\"\nfrom = 2013-03-11",
        "name = \"2008\"\nfrom = 2008-05-01\nto = 2013-03-10",
    );
    write(dir.path(), "a-old.toml", &old);
    write(dir.path(), "b-new.toml", CPSM);
    let set = load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(set.all().iter().filter(|r| r.id == "cpsm").count(), 2);
    assert_eq!(
        set.get("cpsm", date(2010, 1, 1)).unwrap().edition.name,
        "2008"
    );
    assert_eq!(
        set.get("cpsm", date(2020, 1, 1)).unwrap().edition.name,
        "2013"
    );

    // The old edition now runs one day into the new one.
    write(
        dir.path(),
        "a-old.toml",
        &old.replace("2013-03-10", "2013-03-11"),
    );
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    assert_eq!(d.len(), 1);
    assert!(d[0].file.ends_with("b-new.toml"), "{}", d[0].file);
    assert_eq!((d[0].line, d[0].column), (Some(4), Some(1)));
    assert!(
        d[0].message
            .starts_with("edition `2013` of `cpsm` overlaps edition `2008` in `"),
        "{}",
        d[0].message
    );
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &CPSM.replace("kind = ", "knd = "));
    write(
        dir.path(),
        "b.toml",
        &CPSM
            .replace("\"cpsm\"", "\"cpsm-b\"")
            .replace("https://example.org/cpsm", "example"),
    );
    let other = tempfile::tempdir().unwrap();
    write(
        other.path(),
        "c.toml",
        &CPSM.replace("\"cpsm\"", "\"CPSM\""),
    );
    let d = rule_errors(load(&[
        dir.path().to_path_buf(),
        other.path().to_path_buf(),
    ]));
    let got: Vec<(String, &str)> = d
        .iter()
        .map(|d| {
            (
                Path::new(&d.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("a.toml".to_string(), "unknown key `knd`"),
            (
                "b.toml".to_string(),
                "`source` must be an http(s) URL, found `example`"
            ),
            (
                "c.toml".to_string(),
                "`CPSM` is not a valid certification id"
            ),
        ]
    );
    assert_eq!(d[0].help.as_deref(), Some("did you mean `kind`?"));
}

#[test]
fn serde_errors_show_the_input() {
    let (d, text) = error(
        "[[requirement]]\nid = \"x\"\nname = \"X\"\nkind = \"training\"\nhours = \"lots\"\nsource = \"https://example.org/x\"\n",
    );
    assert_eq!(d.message, "not a decimal number, found `\"lots\"`");
    assert_eq!(pos(&d), at(&text, "\"lots\""));
    let (d, text) = error("name = \"again\"\n");
    assert_eq!(d.message, "duplicate key `name`");
    assert_eq!(pos(&d), at_nth(&text, "name", 2));
    let (d, text) = error(&RECERT.replace("\"anniversary\"", "3"));
    assert_eq!(d.message, "expected a string, found `3`");
    assert_eq!(pos(&d), at_nth(&text, "3\n", 1));
    // A repeating table written with single brackets.
    let (d, text) = error("[requirement]\nid = \"x\"\n");
    assert_eq!(d.message, "invalid type: map, expected an array");
    assert!(d.help.as_deref().unwrap().contains("`[[requirement]]`"));
    assert_eq!(pos(&d), at(&text, "[requirement]"));
    // A repeating table's name misspelt.
    let (d, _) = error("[[requirements]]\nid = \"x\"\n");
    assert_eq!(d.message, "unknown key `requirements`");
    assert_eq!(d.help.as_deref(), Some("did you mean `requirement`?"));
}

#[test]
fn passes_valid_for_a_time_and_a_window_in_days() {
    let r = rule(
        r#"
[[exam]]
id = "e"
name = "E"
source = "https://example.org/x"
[[exam_path]]
id = "ep"
name = "EP"
exams = ["e"]
valid_years = 4
source = "https://example.org/x"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "CEH"
window_before_days = 120
source = "https://example.org/x"
"#,
    );
    assert_eq!(r.exam_paths[0].valid.unwrap().to_string(), "4 years");
    assert_eq!(r.exam_paths[0].within, None);
    let rc = r.recertification.unwrap();
    assert_eq!(rc.window_before.unwrap().to_string(), "120 days");

    let (d, text) = errors(
        r#"
[[exam]]
id = "e"
name = "E"
source = "https://example.org/x"
[[exam_path]]
id = "ep"
name = "EP"
exams = ["e"]
valid_years = 0
source = "https://example.org/x"
[recertification]
cycle_years = 3
anchor = "anniversary"
units_required = 60
unit = "CEH"
window_before_months = 4
window_before_days = 120
source = "https://example.org/x"
"#,
    );
    assert_eq!(
        listed(&d),
        vec![
            ("`valid_years` must be at least 1", at(&text, "0\n")),
            (
                "give `window_before_months` or `window_before_days`, not both",
                at(&text, "120")
            ),
        ]
    );
}

#[test]
fn editions_of_one_id_must_leave_no_gap() {
    let dir = tempfile::tempdir().unwrap();
    let old = CPSM.replace(
        "name = \"2013\"\nfrom = 2013-03-11",
        "name = \"2008\"\nfrom = 2008-05-01\nto = 2013-03-09",
    );
    write(dir.path(), "a-old.toml", &old);
    write(dir.path(), "b-new.toml", CPSM);
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].file.ends_with("b-new.toml"), "{}", d[0].file);
    assert_eq!((d[0].line, d[0].column), (Some(4), Some(1)));
    assert!(
        d[0].message
            .starts_with("edition `2013` of `cpsm` starts on 2013-03-11, but edition `2008` in `"),
        "{}",
        d[0].message
    );
    assert!(
        d[0].message
            .ends_with("ends on 2013-03-09: no edition covers 2013-03-10"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[0].help.as_deref(),
        Some(
            "an edition starts the day after the one before it ends: `from = 2013-03-10`, or `to = 2013-03-10` in the earlier one"
        )
    );
    // a longer gap names its first and last day
    write(
        dir.path(),
        "a-old.toml",
        &old.replace("2013-03-09", "2012-12-31"),
    );
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    assert!(
        d[0].message
            .ends_with("no edition covers 2013-01-01 to 2013-03-10"),
        "{}",
        d[0].message
    );
}

#[test]
fn validation_collects_warnings_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}{}",
        r#"
[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
years = 10
source = "https://example.org/x"
confirmed = false
[requirement.waivers]
bachelor = 4
master = 3
"#
    );
    let good = write(dir.path(), "t.toml", &text);
    let missing = dir.path().join("missing.toml");
    let v = validate_files(&[good.clone(), missing.clone()]);
    assert!(v.errors.is_empty(), "{:#?}", v.errors);
    assert_eq!(v.unreadable.len(), 1, "{:#?}", v.unreadable);
    assert!(
        v.unreadable[0]
            .message
            .starts_with(&format!("cannot read `{}`: ", missing.display())),
        "{}",
        v.unreadable[0].message
    );
    let w: Vec<(&str, Pos)> = listed(&v.warnings);
    assert_eq!(
        w,
        vec![
            (
                "requirement `experience` is marked `confirmed = false` but has no `note`",
                at(&text, "\"experience\"\nname")
            ),
            (
                "the `master` waiver (3 years) is smaller than the `bachelor` one (4 years)",
                at(&text, "3\n")
            ),
        ]
    );
    assert!(v.rules.iter().any(|r| r.id == "t"));
}

/// Minimums no one could meet within the units required are flagged, each
/// at the figure to check, and the rule is still usable.
#[test]
fn minimums_over_the_units_required_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}{RECERT}{}",
        r#"
[[recertification.category]]
id = "a"
name = "A"
min = 40

[[recertification.category]]
id = "b"
name = "B"
min = 30

[[recertification.group]]
id = "g"
name = "G"
categories = ["a", "b"]
min = 61
"#
    );
    let file = write(dir.path(), "t.toml", &text);
    let v = validate_files(&[file]);
    assert!(v.errors.is_empty(), "{:#?}", v.errors);
    assert_eq!(
        listed(&v.warnings),
        vec![
            (
                "the category minimums add up to 70, more than the 60 units required per cycle",
                at(&text, "60\n")
            ),
            (
                "group `g` needs at least 61, more than the 60 units required per cycle",
                at(&text, "61\n")
            ),
        ]
    );
    let helps: Vec<Option<&str>> = v.warnings.iter().map(|w| w.help.as_deref()).collect();
    assert_eq!(
        helps,
        vec![
            Some("a person would need more units than the cycle asks for; check the figures"),
            Some("a person would need more units than the cycle asks for; check the figure"),
        ]
    );
    assert!(v.rules.iter().any(|r| r.id == "t"));
}

/// A rule with every bounded whole number as `{key}` placeholders; `a`
/// picks years, grace and window in months and `within_years`, else months,
/// days and `within_months`.
fn every_count(a: bool) -> String {
    let (length, grace, window, within) = if a {
        (
            "years",
            "grace_months",
            "window_before_months",
            "within_years",
        )
    } else {
        (
            "months",
            "grace_days",
            "window_before_days",
            "within_months",
        )
    };
    format!(
        r#"
[[requirement]]
id = "experience"
name = "Work experience"
kind = "experience"
{length} = {{{length}}}
lookback_years = {{lookback_years}}
source = "https://example.org/x"
[requirement.waivers]
bachelor = {{bachelor}}

[[requirement]]
id = "projects"
name = "Projects"
kind = "projects"
count = {{count}}
source = "https://example.org/x"

[[exam]]
id = "e"
name = "Exam"
source = "https://example.org/x"

[[exam_path]]
id = "p"
name = "Exam"
exams = ["e"]
{within} = {{{within}}}
valid_years = {{valid_years}}
source = "https://example.org/x"

[recertification]
cycle_years = {{cycle_years}}
anchor = "anniversary"
units_required = 60
unit = "PDUs"
{grace} = {{{grace}}}
{window} = {{{window}}}
source = "https://example.org/x"

[recertification.carry_over]
max = 20
window_months = {{window_months}}
"#
    )
}

#[test]
fn every_count_is_bounded_and_its_bound_is_allowed() {
    let bounds: &[(&str, u32, u32, bool)] = &[
        ("years", 0, 100, true),
        ("lookback_years", 0, 100, true),
        ("bachelor", 0, 100, true),
        ("count", 0, 10000, true),
        ("within_years", 0, 100, true),
        ("valid_years", 1, 100, true),
        ("cycle_years", 1, 100, true),
        ("grace_months", 0, 1200, true),
        ("window_before_months", 0, 1200, true),
        ("window_months", 1, 1200, true),
        ("months", 0, 1200, false),
        ("within_months", 0, 1200, false),
        ("grace_days", 0, 36525, false),
        ("window_before_days", 0, 36525, false),
    ];
    let fill = |a: bool, over: Option<&str>| {
        let mut text = every_count(a);
        for (key, _, max, _) in bounds {
            let v = if over == Some(*key) { max + 1 } else { *max };
            text = text.replace(&format!("{{{key}}}"), &v.to_string());
        }
        text
    };
    for a in [true, false] {
        rule(&fill(a, None));
    }
    for (key, min, max, a) in bounds {
        let (d, text) = errors(&fill(*a, Some(key)));
        let message = format!(
            "`{key}` is too large: `{}`, expected {min} to {max}",
            max + 1
        );
        let found = d.iter().find(|d| d.message == message);
        let found = found.unwrap_or_else(|| panic!("{key}: {d:#?}"));
        // at the value
        let (line, column) = at(&text, &format!("\n{key} = {}", max + 1));
        assert_eq!(
            pos(found),
            (line.map(|l| l + 1), column.map(|_| key.len() + 4)),
            "{key}"
        );
    }
}

// ----- issue 14: eligibility shapes -------------------------------------------

#[test]
fn counting_in_calendar_months_is_read_and_defaults_to_days() {
    let r = rule(
        r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
months = 36
lookback_years = 8
counting = "calendar-months"
source = "https://example.org/a"
[[requirement]]
id = "plain"
name = "Plain"
kind = "experience"
years = 2
source = "https://example.org/a"
"#,
    );
    let counting = |id: &str| match &r.requirement(id).unwrap().kind {
        RequirementKind::Experience { counting, .. } => *counting,
        k => panic!("{k:?}"),
    };
    assert_eq!(counting("experience"), Counting::CalendarMonths);
    assert_eq!(counting("plain"), Counting::Days);
}

#[test]
fn a_part_counts_as_its_whole_does() {
    let r = rule(
        r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
months = 36
counting = "calendar-months"
source = "https://example.org/a"
[[requirement]]
id = "part"
name = "Part"
kind = "experience"
months = 12
part_of = "experience"
source = "https://example.org/a"
"#,
    );
    match &r.requirement("part").unwrap().kind {
        RequirementKind::Experience { counting, .. } => {
            assert_eq!(*counting, Counting::CalendarMonths)
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn a_misspelt_counting_suggests_the_nearest() {
    let (d, text) = error(
        r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
months = 36
counting = "calendar-month"
source = "https://example.org/a"
"#,
    );
    assert_eq!(d.message, "unknown `counting` value `calendar-month`");
    assert_eq!(d.help.as_deref(), Some("did you mean `calendar-months`?"));
    assert_eq!(pos(&d), at(&text, "\"calendar-month\""));
}

#[test]
fn counting_and_tags_belong_to_their_kinds() {
    let (d, text) = error(
        r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
counting = "calendar-months"
source = "https://example.org/a"
"#,
    );
    assert_eq!(
        d.message,
        "`counting` is not allowed on a `training` requirement"
    );
    assert_eq!(pos(&d), at(&text, "counting"));
    let (d, text) = error(
        r#"[[requirement]]
id = "experience"
name = "Experience"
kind = "experience"
years = 3
tags = ["gac-accredited"]
source = "https://example.org/a"
"#,
    );
    assert_eq!(
        d.message,
        "`tags` is not allowed on an `experience` requirement"
    );
    assert_eq!(pos(&d), at(&text, "tags"));
}

#[test]
fn degree_tags_and_the_secondary_level() {
    let r = rule(
        r#"[[requirement]]
id = "degree-gac"
name = "GAC degree"
kind = "degree"
level = "bachelor"
tags = ["gac-accredited"]
source = "https://example.org/a"
[[requirement]]
id = "secondary"
name = "Secondary diploma"
kind = "degree"
level = "secondary"
source = "https://example.org/a"
"#,
    );
    assert_eq!(
        r.requirement("degree-gac").unwrap().kind,
        RequirementKind::Degree {
            level: Level::Bachelor,
            tags: vec!["gac-accredited".into()]
        }
    );
    assert_eq!(
        r.requirement("secondary").unwrap().kind,
        RequirementKind::Degree {
            level: Level::Secondary,
            tags: vec![]
        }
    );
    assert!(Level::Secondary < Level::TradeDiploma);
    let (d, text) = error(
        r#"[[requirement]]
id = "degree"
name = "Degree"
kind = "degree"
level = "bachelor"
tags = ["GAC accredited"]
source = "https://example.org/a"
"#,
    );
    assert_eq!(d.message, "`GAC accredited` is not a valid degree tag id");
    assert_eq!(pos(&d), at(&text, "\"GAC accredited\""));
}

#[test]
fn met_by_certification_on_any_kind() {
    let r = rule(
        r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = ["capm", "pgmp"]
source = "https://example.org/a"
"#,
    );
    assert_eq!(r.requirement("training").unwrap().met_by, ["capm", "pgmp"]);
    let (d, text) = errors(
        r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = ["CAPM", "t", "capm", "capm"]
source = "https://example.org/a"
"#,
    );
    assert_eq!(
        listed(&d),
        vec![
            (
                "`CAPM` is not a valid certification id",
                at(&text, "\"CAPM\"")
            ),
            ("`t` cannot require itself", at_nth(&text, "\"t\"", 1)),
            ("`capm` is listed twice", at_nth(&text, "\"capm\"", 1)),
        ]
    );
    let (d, _) = error(
        r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = []
source = "https://example.org/a"
"#,
    );
    assert_eq!(d.message, "`met_by_certification` is empty");
}

#[test]
fn met_by_an_unknown_certification_is_refused_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "t.toml",
        &format!(
            "{HEAD}{}",
            r#"[[requirement]]
id = "training"
name = "Training"
kind = "training"
hours = 35
met_by_certification = ["cpm"]
source = "https://example.org/a"
"#
        ),
    );
    let d = rule_errors(load(&[dir.path().to_path_buf()]));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].file, p.display().to_string());
    assert_eq!(d[0].message, "unknown certification `cpm`");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `cpim`?"));
    assert_eq!((d[0].line, d[0].column), (Some(11), Some(25)));
}
