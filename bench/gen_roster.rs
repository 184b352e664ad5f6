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
//!
//! The profiles are the library's (`certcheck::profile::model`), written by
//! the library's writer (`certcheck::profile::write`): this program knows
//! nothing of the format but the mistakes it puts in.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use certcheck::dates::{Date, date};
use certcheck::profile::model::{Activity, Education, ExamPass, Held, Profile, Role, Training};
use certcheck::profile::write::{to_json, to_toml};
use certcheck::rules::model::{Level, RoleKind};
use certcheck::units::Units;

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
    /// The library's date (every `Day` made here is a real day).
    fn date(self) -> Date {
        let n = |v: i64| u32::try_from(v).unwrap_or(1);
        date(i32::try_from(self.0).unwrap_or(2000), n(self.1), n(self.2))
    }
}

/// A profile, and the mistake to put in its text, if any: 0, an unknown
/// key; 1, an impossible date; 2, an unknown category.
struct Person {
    profile: Profile,
    mistake: Option<u64>,
}

/// What a person has passed, holds and aims for.
struct Certs {
    targets: Vec<String>,
    exams: Vec<ExamPass>,
    /// Each held certification: its id, when it was earned, its renewals.
    held: Vec<(&'static str, Day, Vec<Day>)>,
}

fn person(rng: &mut Rng, n: usize, bad_per_mille: u64) -> Person {
    let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let id = format!("M-{n:06}");
    let born = rng.range(1960, 2000);
    let education = education(rng, born);
    let employment = career(rng, born);
    let training = training(rng);
    let certs = certifications(rng);
    let mut activities = activities(rng, &certs.held);
    let mistake = (rng.next() % 1000 < bad_per_mille).then(|| rng.next() % 3);
    if mistake == Some(2)
        && let Some(first) = activities.first_mut()
    {
        first.category = "profesional-development".to_string();
    }
    let certifications = certs
        .held
        .into_iter()
        .map(|(id, earned, renewals)| Held {
            id: id.to_string(),
            earned: earned.date(),
            renewals: renewals.into_iter().map(Day::date).collect(),
        })
        .collect();
    let profile = Profile {
        name,
        id,
        targets: certs.targets,
        education,
        employment,
        training,
        projects: Vec::new(),
        exams: certs.exams,
        certifications,
        activities,
        month_dates: Vec::new(),
    };
    Person { profile, mistake }
}

/// Most have a degree, some a master's after a bachelor's.
fn education(rng: &mut Rng, born: i64) -> Vec<Education> {
    let mut education = Vec::new();
    if rng.chance(85) {
        let level = Level::ALL[usize::try_from(rng.range(0, 4)).unwrap_or(2)];
        let completed = Day(born + rng.range(20, 26), rng.range(5, 7), rng.range(1, 28));
        education.push(Education {
            tags: vec![],
            level,
            field: Some(rng.pick(FIELDS).to_string()),
            completed: completed.date(),
        });
        if level == Level::Bachelor && rng.chance(20) {
            let later = Day(completed.0 + rng.range(2, 8), 6, rng.range(1, 28));
            education.push(Education {
                tags: vec![],
                level: Level::Master,
                field: Some(rng.pick(FIELDS).to_string()),
                completed: later.date(),
            });
        }
    }
    education
}

/// A career: consecutive roles from the early twenties on, the last one
/// often ongoing; the later ones more often decision-making.
fn career(rng: &mut Rng, born: i64) -> Vec<Role> {
    let mut roles = Vec::new();
    let mut start = Day(born + rng.range(21, 25), rng.range(1, 12), rng.range(1, 28));
    let count = rng.range(1, 5);
    for i in 0..count {
        let months = rng.range(14, 84);
        let end = start.plus_months(months);
        let last = i == count - 1;
        let ongoing = last && rng.chance(80);
        let first_job_intern = i == 0 && rng.chance(10);
        let employer = rng.pick(EMPLOYERS);
        let title = rng.pick(TITLES);
        let decision_making = i > 0 && rng.chance(55);
        let full_time = !rng.chance(8);
        let kind = if first_job_intern {
            RoleKind::Internship
        } else if rng.chance(7) {
            RoleKind::Contractor
        } else {
            RoleKind::Employee
        };
        let tags = if rng.chance(15) {
            vec!["project-leadership".to_string()]
        } else {
            Vec::new()
        };
        let to_date = ongoing || end > Day(2026, 6, 1);
        roles.push(Role {
            employer: Some(employer.to_string()),
            title: Some(title.to_string()),
            start: start.date(),
            end: match (ongoing, to_date) {
                (true, _) => None,
                (false, true) => Some(Day(2026, 5, 28).date()),
                (false, false) => Some(end.date()),
            },
            decision_making,
            full_time,
            paid: true,
            kind,
            tags,
        });
        if to_date {
            break;
        }
        start = end.plus_months(rng.range(0, 3));
        if start > Day(2026, 5, 1) {
            break;
        }
    }
    roles
}

fn training(rng: &mut Rng) -> Vec<Training> {
    let mut training = Vec::new();
    if rng.chance(30) {
        let hours = rng.range(8, 40);
        training.push(Training {
            title: Some("Project management fundamentals".to_string()),
            hours: Units::whole(hours),
            completed: Day::random(rng, 2012, 2025).date(),
        });
    }
    training
}

/// CMQ/OE passed (and mostly held) or aimed for; CPIM passed in one exam
/// or two parts, or aimed for.
fn certifications(rng: &mut Rng) -> Certs {
    let mut c = Certs {
        targets: Vec::new(),
        exams: Vec::new(),
        held: Vec::new(),
    };
    fn passed(c: &mut Certs, id: &str, day: Day) {
        c.exams.push(ExamPass {
            id: id.to_string(),
            passed: day.date(),
        });
    }
    if rng.chance(35) {
        let day = Day::random(rng, 2008, 2025);
        passed(&mut c, "cmq-oe", day);
        if rng.chance(80) {
            let earned = day.plus_months(rng.range(1, 2));
            c.held.push(("cmq-oe", earned, renewals(rng, earned, 36)));
        }
    } else if rng.chance(50) {
        c.targets.push("cmq-oe".to_string());
    }
    match rng.range(0, 9) {
        0..=2 => {
            let day = Day::random(rng, 2023, 2025).max(Day(2023, 6, 1));
            passed(&mut c, "cpim", day);
            if rng.chance(70) {
                let earned = day.plus_months(1);
                c.held.push(("cpim", earned, renewals(rng, earned, 60)));
            }
        }
        3 => {
            let p1 = Day::random(rng, 2018, 2022);
            passed(&mut c, "cpim-part-1", p1);
            if rng.chance(60) {
                let p2 = p1.plus_months(rng.range(3, 20));
                passed(&mut c, "cpim-part-2", p2);
                let earned = p2.plus_months(1);
                c.held.push(("cpim", earned, renewals(rng, earned, 60)));
            } else {
                c.targets.push("cpim".to_string());
            }
        }
        4 | 5 => c.targets.push("cpim".to_string()),
        _ => {}
    }
    c
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

/// Up to a dozen activities for each held certification, in date order.
fn activities(rng: &mut Rng, held: &[(&'static str, Day, Vec<Day>)]) -> Vec<Activity> {
    let mut activities = Vec::new();
    for (cert, earned, _) in held {
        let categories = if *cert == "cmq-oe" {
            CMQ_CATEGORIES
        } else {
            CPIM_CATEGORIES
        };
        for _ in 0..rng.range(0, 12) {
            let date = Day::random(rng, earned.0, 2026).max(*earned);
            let category = rng.pick(categories);
            let tenths = rng.range(1, 60);
            activities.push((
                date,
                Activity {
                    date: date.date(),
                    certifications: vec![cert.to_string()],
                    category: category.to_string(),
                    units: Units::from_thousandths(tenths * 100),
                    description: Some(format!("{} {}", category.replace('-', " "), date.0)),
                    evidence: None,
                },
            ));
        }
    }
    activities.sort_by_key(|(date, _)| *date);
    activities.into_iter().map(|(_, a)| a).collect()
}

/// The person's profile as the library writes it, with the person's mistake
/// put into the text.
fn text(p: &Person, toml: bool) -> String {
    let mut text = if toml {
        to_toml(&p.profile)
    } else {
        to_json(&p.profile)
    };
    match p.mistake {
        // the first key is `name`
        Some(0) => text = text.replacen("name", "nmae", 1),
        Some(1) => {
            let key = if toml { "\nstart = " } else { "\"start\": \"" };
            thirtieth_of_february(&mut text, key);
        }
        _ => {}
    }
    text
}

/// The date after the first `key` in `text` moved to the 30th of February
/// of its year.
fn thirtieth_of_february(text: &mut String, key: &str) {
    if let Some(at) = text.find(key) {
        let day = at + key.len();
        if let Some(year) = text.get(day..day + 4).map(str::to_string) {
            text.replace_range(day..day + 10, &format!("{year}-02-30"));
        }
    }
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
            fs::write(dir.join(format!("m-{n:06}.toml")), text(&p, true))?;
        }
    } else {
        if let Some(parent) = a.out.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut w = BufWriter::new(fs::File::create(&a.out)?);
        for n in 1..=a.count {
            let p = person(&mut rng, n, a.bad_per_mille);
            writeln!(w, "{}", text(&p, false))?;
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
