//! Writes a synthetic but realistic roster for benchmarking `certcheck
//! screen`: people with degrees, a career of several roles, training,
//! passed exams, held CMQ/OE and CPIM certifications with renewals, and the
//! recertification activities logged for them. A few profiles (2 in 1000 by
//! default) have a mistake in them, as real rosters do.
//!
//! ```text
//! cargo run --release --example gen_roster -- --count 100000 --out target/bench/roster.jsonl
//! cargo run --release --example gen_roster -- --count 20000 --format toml --out target/bench/toml
//! ```
//!
//! JSON Lines go to one file; TOML goes to one file per profile, 100 to a
//! folder (`team-000/m-000001.toml`, ...). The same seed gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// splitmix64: small, fast, deterministic; good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i64::try_from(self.next() % span).unwrap_or(0)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.next() % items.len() as u64).unwrap_or(0);
        items[i]
    }
}

const FIRST: &[&str] = &[
    "Dana", "Sam", "Ana", "Eli", "Rhea", "Mina", "Ivo", "Theo", "Lena", "Raj", "Gus", "Zoë",
    "Amara", "Jonas", "Priya", "Kofi", "Mei", "Tomás", "Hana", "Oskar", "Leila", "Bruno",
];
const LAST: &[&str] = &[
    "Whitfield",
    "Okafor",
    "Silva",
    "Gibbs",
    "Mendez",
    "Sato",
    "Novak",
    "Brandt",
    "Park",
    "Patel",
    "Ramirez",
    "O'Neil",
    "Nakamura",
    "Kowalski",
    "Haddad",
    "Lindqvist",
];
const EMPLOYERS: &[&str] = &[
    "Acme Fabrication",
    "Granite Works",
    "Northwind Logistics",
    "Blue Harbor Foods",
    "Keystone Medical Devices",
    "Vertex Aerospace",
    "Riverside Plastics",
];
const TITLES: &[&str] = &[
    "Quality Technician",
    "Quality Engineer",
    "Production Supervisor",
    "Planner",
    "Materials Manager",
    "Supply Chain Analyst",
    "Continuous Improvement Lead",
    "Quality Manager",
    "Operations Director",
];
const FIELDS: &[&str] = &[
    "Industrial Engineering",
    "Business Administration",
    "Mechanical Engineering",
    "Supply Chain Management",
    "Chemistry",
];
const LEVELS: &[&str] = &[
    "trade-diploma",
    "associate",
    "bachelor",
    "master",
    "doctorate",
];
const CMQ_CATEGORIES: &[&str] = &["professional-development", "employment", "giving-back"];
const CPIM_CATEGORIES: &[&str] = &[
    "continuing-education",
    "teaching",
    "service",
    "membership",
    "exams",
];

/// A day as (year, month, day), always valid (days up to 28).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i64, i64, i64);

impl Day {
    fn random(rng: &mut Rng, from_year: i64, to_year: i64) -> Day {
        Day(
            rng.range(from_year, to_year),
            rng.range(1, 12),
            rng.range(1, 28),
        )
    }
    fn plus_months(self, months: i64) -> Day {
        let m = self.0 * 12 + (self.1 - 1) + months;
        Day(m / 12, m % 12 + 1, self.2)
    }
    fn text(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

struct Role {
    employer: &'static str,
    title: &'static str,
    start: Day,
    end: Option<Day>,
    decision_making: bool,
    full_time: bool,
    kind: &'static str,
    tags: bool,
}

struct Activity {
    date: Day,
    cert: &'static str,
    category: &'static str,
    /// Units in tenths.
    tenths: i64,
    description: String,
}

struct Person {
    name: String,
    id: String,
    targets: Vec<&'static str>,
    education: Vec<(&'static str, &'static str, Day)>,
    roles: Vec<Role>,
    training: Vec<(String, i64, Day)>,
    exams: Vec<(&'static str, Day)>,
    held: Vec<(&'static str, Day, Vec<Day>)>,
    activities: Vec<Activity>,
    /// A mistake to put in: an unknown key, an impossible date, ...
    mistake: Option<u64>,
}

fn person(rng: &mut Rng, n: usize, bad_per_mille: u64) -> Person {
    let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let id = format!("M-{n:06}");
    let born = rng.range(1960, 2000);
    let mut education = Vec::new();
    if rng.chance(85) {
        let level = LEVELS[usize::try_from(rng.range(0, 4)).unwrap_or(2)];
        let completed = Day(born + rng.range(20, 26), rng.range(5, 7), rng.range(1, 28));
        education.push((level, rng.pick(FIELDS), completed));
        if level == "bachelor" && rng.chance(20) {
            let later = Day(completed.0 + rng.range(2, 8), 6, rng.range(1, 28));
            education.push(("master", rng.pick(FIELDS), later));
        }
    }
    // A career: consecutive roles from the early twenties on, the last one
    // often ongoing; the later ones more often decision-making.
    let mut roles = Vec::new();
    let mut start = Day(born + rng.range(21, 25), rng.range(1, 12), rng.range(1, 28));
    let count = rng.range(1, 5);
    for i in 0..count {
        let months = rng.range(14, 84);
        let end = start.plus_months(months);
        let last = i == count - 1;
        let ongoing = last && rng.chance(80);
        let first_job_intern = i == 0 && rng.chance(10);
        roles.push(Role {
            employer: rng.pick(EMPLOYERS),
            title: rng.pick(TITLES),
            start,
            end: if ongoing || end > Day(2026, 6, 1) {
                if ongoing {
                    None
                } else {
                    Some(Day(2026, 5, 28))
                }
            } else {
                Some(end)
            },
            decision_making: i > 0 && rng.chance(55),
            full_time: !rng.chance(8),
            kind: if first_job_intern {
                "internship"
            } else if rng.chance(7) {
                "contractor"
            } else {
                "employee"
            },
            tags: rng.chance(15),
        });
        if ongoing || end > Day(2026, 6, 1) {
            break;
        }
        start = end.plus_months(rng.range(0, 3));
        if start > Day(2026, 5, 1) {
            break;
        }
    }
    let mut training = Vec::new();
    if rng.chance(30) {
        training.push((
            "Project management fundamentals".to_string(),
            rng.range(8, 40),
            Day::random(rng, 2012, 2025),
        ));
    }
    let mut exams = Vec::new();
    let mut held = Vec::new();
    let mut targets = Vec::new();
    if rng.chance(35) {
        let passed = Day::random(rng, 2008, 2025);
        exams.push(("cmq-oe", passed));
        if rng.chance(80) {
            let earned = passed.plus_months(rng.range(1, 2));
            held.push(("cmq-oe", earned, renewals(rng, earned, 36)));
        }
    } else if rng.chance(50) {
        targets.push("cmq-oe");
    }
    match rng.range(0, 9) {
        0..=2 => {
            let passed = Day::random(rng, 2023, 2025).max(Day(2023, 6, 1));
            exams.push(("cpim", passed));
            if rng.chance(70) {
                let earned = passed.plus_months(1);
                held.push(("cpim", earned, renewals(rng, earned, 60)));
            }
        }
        3 => {
            let p1 = Day::random(rng, 2018, 2022);
            exams.push(("cpim-part-1", p1));
            if rng.chance(60) {
                let p2 = p1.plus_months(rng.range(3, 20));
                exams.push(("cpim-part-2", p2));
                let earned = p2.plus_months(1);
                held.push(("cpim", earned, renewals(rng, earned, 60)));
            } else {
                targets.push("cpim");
            }
        }
        4 | 5 => targets.push("cpim"),
        _ => {}
    }
    let mut activities = Vec::new();
    for (cert, earned, _) in &held {
        let categories = if *cert == "cmq-oe" {
            CMQ_CATEGORIES
        } else {
            CPIM_CATEGORIES
        };
        for _ in 0..rng.range(0, 12) {
            let date = Day::random(rng, earned.0, 2026).max(*earned);
            let category = rng.pick(categories);
            activities.push(Activity {
                date,
                cert,
                category,
                tenths: rng.range(1, 60),
                description: format!("{} {}", category.replace('-', " "), date.0),
            });
        }
    }
    activities.sort_by_key(|a| a.date);
    let mistake = (rng.next() % 1000 < bad_per_mille).then(|| rng.next() % 3);
    Person {
        name,
        id,
        targets,
        education,
        roles,
        training,
        exams,
        held,
        activities,
        mistake,
    }
}

/// Renewals every `cycle` months, each a little before its cycle ends, up
/// to the recent past; sometimes the latest is missing (grace, lapsed).
fn renewals(rng: &mut Rng, earned: Day, cycle: i64) -> Vec<Day> {
    let mut out = Vec::new();
    let mut end = earned.plus_months(cycle);
    while end < Day(2026, 1, 1) {
        if rng.chance(12) {
            break;
        }
        out.push(end.plus_months(-rng.range(1, 5)));
        end = end.plus_months(cycle);
    }
    out
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn units(tenths: i64) -> String {
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

fn to_json(p: &Person) -> String {
    let mut o = String::with_capacity(1024);
    let name_key = if p.mistake == Some(0) { "nmae" } else { "name" };
    let _ = write!(
        o,
        "{{\"{name_key}\": {}, \"id\": \"{}\"",
        json_str(&p.name),
        p.id
    );
    if !p.targets.is_empty() {
        let t: Vec<String> = p.targets.iter().map(|t| format!("\"{t}\"")).collect();
        let _ = write!(o, ", \"targets\": [{}]", t.join(", "));
    }
    let list = |o: &mut String, key: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = write!(o, ", \"{key}\": [{}]", items.join(", "));
        }
    };
    list(
        &mut o,
        "education",
        p.education
            .iter()
            .map(|(l, f, c)| {
                format!(
                    "{{\"level\": \"{l}\", \"field\": \"{f}\", \"completed\": \"{}\"}}",
                    c.text()
                )
            })
            .collect(),
    );
    list(
        &mut o,
        "employment",
        p.roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut s = format!(
                    "{{\"employer\": \"{}\", \"title\": \"{}\", \"start\": \"{}\"",
                    r.employer,
                    r.title,
                    if p.mistake == Some(1) && i == 0 {
                        format!("{}-02-30", r.start.0)
                    } else {
                        r.start.text()
                    }
                );
                if let Some(e) = r.end {
                    let _ = write!(s, ", \"end\": \"{}\"", e.text());
                }
                if r.decision_making {
                    s.push_str(", \"decision_making\": true");
                }
                if !r.full_time {
                    s.push_str(", \"full_time\": false");
                }
                if r.kind != "employee" {
                    let _ = write!(s, ", \"kind\": \"{}\"", r.kind);
                }
                if r.tags {
                    s.push_str(", \"tags\": [\"project-leadership\"]");
                }
                s.push('}');
                s
            })
            .collect(),
    );
    list(
        &mut o,
        "training",
        p.training
            .iter()
            .map(|(t, h, c)| {
                format!(
                    "{{\"title\": \"{t}\", \"hours\": {h}, \"completed\": \"{}\"}}",
                    c.text()
                )
            })
            .collect(),
    );
    list(
        &mut o,
        "exams",
        p.exams
            .iter()
            .map(|(id, d)| format!("{{\"id\": \"{id}\", \"passed\": \"{}\"}}", d.text()))
            .collect(),
    );
    list(
        &mut o,
        "certifications",
        p.held
            .iter()
            .map(|(id, e, r)| {
                let r: Vec<String> = r.iter().map(|d| format!("\"{}\"", d.text())).collect();
                format!(
                    "{{\"id\": \"{id}\", \"earned\": \"{}\", \"renewals\": [{}]}}",
                    e.text(),
                    r.join(", ")
                )
            })
            .collect(),
    );
    list(
        &mut o,
        "activities",
        p.activities
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let category = if p.mistake == Some(2) && i == 0 {
                    "profesional-development"
                } else {
                    a.category
                };
                format!(
                    "{{\"date\": \"{}\", \"certifications\": [\"{}\"], \"category\": \"{category}\", \"units\": {}, \"description\": \"{}\"}}",
                    a.date.text(),
                    a.cert,
                    units(a.tenths),
                    a.description
                )
            })
            .collect(),
    );
    o.push('}');
    o
}

fn to_toml(p: &Person) -> String {
    let mut o = String::with_capacity(1024);
    let name_key = if p.mistake == Some(0) { "nmae" } else { "name" };
    let _ = writeln!(o, "{name_key} = {}", json_str(&p.name));
    let _ = writeln!(o, "id = \"{}\"", p.id);
    if !p.targets.is_empty() {
        let t: Vec<String> = p.targets.iter().map(|t| format!("\"{t}\"")).collect();
        let _ = writeln!(o, "targets = [{}]", t.join(", "));
    }
    for (l, f, c) in &p.education {
        let _ = write!(
            o,
            "\n[[education]]\nlevel = \"{l}\"\nfield = \"{f}\"\ncompleted = {}\n",
            c.text()
        );
    }
    for (i, r) in p.roles.iter().enumerate() {
        let start = if p.mistake == Some(1) && i == 0 {
            format!("{}-02-30", r.start.0)
        } else {
            r.start.text()
        };
        let _ = write!(
            o,
            "\n[[employment]]\nemployer = \"{}\"\ntitle = \"{}\"\nstart = {start}\n",
            r.employer, r.title
        );
        if let Some(e) = r.end {
            let _ = writeln!(o, "end = {}", e.text());
        }
        if r.decision_making {
            o.push_str("decision_making = true\n");
        }
        if !r.full_time {
            o.push_str("full_time = false\n");
        }
        if r.kind != "employee" {
            let _ = writeln!(o, "kind = \"{}\"", r.kind);
        }
        if r.tags {
            o.push_str("tags = [\"project-leadership\"]\n");
        }
    }
    for (t, h, c) in &p.training {
        let _ = write!(
            o,
            "\n[[training]]\ntitle = \"{t}\"\nhours = {h}\ncompleted = {}\n",
            c.text()
        );
    }
    for (id, d) in &p.exams {
        let _ = write!(o, "\n[[exams]]\nid = \"{id}\"\npassed = {}\n", d.text());
    }
    for (id, e, r) in &p.held {
        let r: Vec<String> = r.iter().map(|d| d.text()).collect();
        let _ = write!(
            o,
            "\n[[certifications]]\nid = \"{id}\"\nearned = {}\nrenewals = [{}]\n",
            e.text(),
            r.join(", ")
        );
    }
    for (i, a) in p.activities.iter().enumerate() {
        let category = if p.mistake == Some(2) && i == 0 {
            "profesional-development"
        } else {
            a.category
        };
        let _ = write!(
            o,
            "\n[[activities]]\ndate = {}\ncertifications = [\"{}\"]\ncategory = \"{category}\"\nunits = {}\ndescription = \"{}\"\n",
            a.date.text(),
            a.cert,
            units(a.tenths),
            a.description
        );
    }
    o
}

struct Args {
    count: usize,
    toml: bool,
    out: PathBuf,
    seed: u64,
    bad_per_mille: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        count: 1000,
        toml: false,
        out: PathBuf::from("target/bench/roster.jsonl"),
        seed: 42,
        bad_per_mille: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--count" => a.count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--format" => {
                a.toml = match value()?.as_str() {
                    "toml" => true,
                    "jsonl" => false,
                    other => return Err(format!("--format: `{other}` is not `jsonl` or `toml`")),
                }
            }
            "--out" => a.out = PathBuf::from(value()?),
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--bad-per-mille" => {
                a.bad_per_mille = value()?
                    .parse()
                    .map_err(|e| format!("--bad-per-mille: {e}"))?
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}`\nusage: gen_roster [--count N] [--format jsonl|toml] [--out PATH] [--seed N] [--bad-per-mille N]"
                ));
            }
        }
    }
    Ok(a)
}

fn run(a: &Args) -> io::Result<()> {
    let mut rng = Rng(a.seed);
    if a.toml {
        for n in 1..=a.count {
            let p = person(&mut rng, n, a.bad_per_mille);
            let dir = a.out.join(format!("team-{:03}", (n - 1) / 100));
            if n % 100 == 1 {
                fs::create_dir_all(&dir)?;
            }
            fs::write(dir.join(format!("m-{n:06}.toml")), to_toml(&p))?;
        }
    } else {
        if let Some(parent) = a.out.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut w = BufWriter::new(fs::File::create(&a.out)?);
        for n in 1..=a.count {
            let p = person(&mut rng, n, a.bad_per_mille);
            writeln!(w, "{}", to_json(&p))?;
        }
        w.flush()?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", a.out.display());
            ExitCode::FAILURE
        }
    }
}
