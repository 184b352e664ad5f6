//! Logging units without walls (issue 15, point 6): one activity for
//! several certifications, `--hours` wherever a unit is an hour, ids in any
//! case, a duplicate asked about or refused without `--yes`, and
//! `renew --by-exam --passed` in one edit.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common;

use common::editing::{leftovers, profile};
use common::{certcheck, stderr, stdout};

const AS_OF: &str = "2026-11-25";

/// Holds two ASQ certifications (the same categories) and the PMP.
const HOLDER: &str = r#"name = "Dana"   # by hand

[[certifications]]
id = "cmq-oe"
earned = 2021-10-15
renewals = [2024-09-02]

[[certifications]]
id = "cqe"
earned = 2024-01-10

[[certifications]]
id = "pmp"
earned = 2024-03-01
"#;

fn cmd(args: &[&str]) -> Output {
    certcheck()
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs")
}

fn log(path: &Path, args: &[&str]) -> Output {
    let mut all = vec!["log", path.to_str().unwrap()];
    all.extend_from_slice(args);
    cmd(&all)
}

/// `units_counted` of `cert`'s renewal in `check --format json`.
fn counted(path: &Path, cert: &str) -> String {
    let o = cmd(&[
        "check",
        path.to_str().unwrap(),
        "--cert",
        cert,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["results"][0]["renewal"]["units_counted"].to_string()
}

#[test]
fn one_activity_counts_towards_several_certifications_given_in_any_case() {
    let (dir, path) = profile(HOLDER);
    let (before_oe, before_qe) = (counted(&path, "cmq-oe"), counted(&path, "cqe"));
    assert_eq!((before_oe.as_str(), before_qe.as_str()), ("0", "0"));
    let o = log(
        &path,
        &[
            "--cert",
            "CMQ-OE",
            "--cert",
            "Cqe",
            "--category",
            "Professional-Development",
            "--hours",
            "15",
            "--description",
            "Lean seminar",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // the ids as the rules spell them, the user's bytes kept before it
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "{HOLDER}\n[[activities]]\ndate = {AS_OF}\ncertifications = [\"cmq-oe\", \"cqe\"]\ncategory = \"professional-development\"\nunits = 1.5\ndescription = \"Lean seminar\"\n"
        )
    );
    let out = stdout(&o);
    assert!(
        out.contains(
            "logged 1.5 RU (15 hours at 0.1 RU per hour) in `professional-development` for `cmq-oe`"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "logged 1.5 RU (15 hours at 0.1 RU per hour) in `professional-development` for `cqe`"
        ),
        "{out}"
    );
    // and the evaluator counts it towards both
    assert_eq!(counted(&path, "CMQ-OE"), "1.5");
    assert_eq!(counted(&path, "cqe"), "1.5");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn the_category_must_exist_in_each_certification() {
    let (_dir, path) = profile(HOLDER);
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--cert",
            "pmp",
            "--category",
            "giving-back",
            "--hours",
            "2",
            "--description",
            "Mentoring",
        ],
    );
    // giving-back exists in both, with rates 1 (PMI) and none (ASQ)
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`--hours` cannot be used for `giving-back`: it counts RU, and `cmq-oe` gives it no rate per hour"),
        "{}",
        stderr(&o)
    );
    let o = log(
        &path,
        &[
            "--cert",
            "cmq-oe",
            "--cert",
            "pmp",
            "--category",
            "power-skills",
            "--units",
            "2",
            "--description",
            "Talk",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: category `power-skills` is not defined by `cmq-oe`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), HOLDER);
}

#[test]
fn hours_are_pdus_one_for_one_for_pmi_and_an_error_names_the_unit_elsewhere() {
    let (_dir, path) = profile(HOLDER);
    let o = log(
        &path,
        &[
            "--cert",
            "pmp",
            "--category",
            "power-skills",
            "--hours",
            "3.5",
            "--description",
            "Negotiation course",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(
            "logged 3.5 PDUs (3.5 hours at 1 PDU per hour) in `power-skills` for `pmp`"
        ),
        "{}",
        stdout(&o)
    );
    assert!(fs::read_to_string(&path).unwrap().contains("units = 3.5\n"));
    assert_eq!(counted(&path, "pmp"), "3.5");

    let before = fs::read_to_string(&path).unwrap();
    let o = log(
        &path,
        &[
            "--cert",
            "pmp",
            "--category",
            "working-as-practitioner",
            "--hours",
            "3",
            "--description",
            "Job",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("it counts PDUs, and `pmp` gives it no rate per hour"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_duplicate_needs_yes_off_a_terminal() {
    let (_dir, path) = profile(HOLDER);
    let args = [
        "--cert",
        "cqe",
        "--category",
        "employment",
        "--units",
        "3.6",
        "--date",
        "2026-06-01",
        "--description",
        "Quality engineer",
    ];
    let o = log(&path, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let once = fs::read_to_string(&path).unwrap();

    // the same entry again, its certification in another case: refused
    let mut again = args.to_vec();
    again[1] = "CQE";
    let o = log(&path, &again);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "already has this activity: number 1, 2026-06-01 in `employment`, 3.6 RU, `Quality engineer`"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: to log it a second time all the same, add `--yes`"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), once);

    // another description is another activity
    let mut other = args.to_vec();
    other[9] = "Quality engineer, second site";
    assert_eq!(log(&path, &other).status.code(), Some(0));

    // `--yes`: logged a second time
    again.push("--yes");
    let o = log(&path, &again);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches("description = \"Quality engineer\"\n").count(),
        2
    );
    assert_eq!(counted(&path, "cqe"), "10.8");
}

#[test]
fn ids_on_every_commands_flags_are_matched_without_regard_to_case() {
    let (_dir, path) = profile(HOLDER);
    let p = path.to_str().unwrap();
    let lower = cmd(&["check", p, "--cert", "cqe"]);
    let upper = cmd(&["check", p, "--cert", "CQE"]);
    assert_eq!(lower.status.code(), upper.status.code());
    assert_eq!(stdout(&lower), stdout(&upper));
    assert!(
        stdout(&upper).contains("CQE  Certified Quality Engineer"),
        "{}",
        stdout(&upper)
    );

    let o = cmd(&["screen", p, "--cert", "Cmq-Oe", "--format", "csv"]);
    assert_eq!(
        stdout(&o),
        stdout(&cmd(&["screen", p, "--cert", "cmq-oe", "--format", "csv"]))
    );
    assert!(stdout(&o).contains("cmq-oe"), "{}", stdout(&o));

    let o = certcheck().args(["rules", "show", "PMP"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        stdout(&certcheck().args(["rules", "show", "pmp"]).output().unwrap())
    );
    // an id that is no certification in any case still gets its hint
    let o = cmd(&["check", p, "--cert", "CQI"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown certification `CQI`"),
        "{}",
        stderr(&o)
    );
}

/// CMQ/OE earned 2023-06-15, no pass in its first cycle yet; judged by the
/// rules `cli_renew` uses (renewal by exam accepted).
const GUS: &str = "# Gus
name = \"Gus Ramirez\"

[[certifications]]
id = \"cmq-oe\"
earned = 2023-06-15      # the first cycle ends 2026-06-15

[[exams]]
id = 'cmq-oe'
passed = 2023-05-20
";

const RENEW_RULES: &str = "tests/fixtures/shapes-recert/renew";

fn renew(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "renew",
        path.to_str().unwrap(),
        "--cert",
        "CMQ-OE",
        "--date",
        "2026-05-01",
        "--rules",
        RENEW_RULES,
    ];
    args.extend_from_slice(extra);
    cmd(&args)
}

#[test]
fn renew_by_exam_records_the_pass_and_the_renewal_in_one_edit() {
    let (dir, path) = profile(GUS);
    // a pass before the cycle cannot renew it: neither is written
    let o = renew(&path, &["--by-exam", "--passed", "2023-06-01"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot renew `cmq-oe` by exam: no pass of `cmq-oe` is recorded between 2023-06-15 and 2026-05-01"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), GUS);
    // `--passed` belongs to `--by-exam`
    let o = renew(&path, &["--passed", "2026-04-10"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--by-exam"), "{}", stderr(&o));
    // a pass after the renewal date
    let o = renew(&path, &["--by-exam", "--passed", "2026-05-02"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the exam pass 2026-05-02 is after the renewal date 2026-05-01"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), GUS);

    let o = renew(&path, &["--by-exam", "--passed", "2026-04-10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        GUS.replace("2026-06-15\n", "2026-06-15\nrenewals = [2026-05-01]\n")
            + "\n[[exams]]\nid = \"cmq-oe\"\npassed = 2026-04-10\n"
    );
    assert!(
        stdout(&o).starts_with(
            "recorded the pass of `cmq-oe` on 2026-04-10\nrenewed `cmq-oe` on 2026-05-01 by exam (`cmq-oe` passed on 2026-04-10)\n"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // the renewal moved the holder to the second cycle
    let o = cmd(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--rules",
        RENEW_RULES,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"][0]["renewal"]["cycle"], 1);
}
