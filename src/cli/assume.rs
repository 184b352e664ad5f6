//! `--assume KIND=VALUE@DATE`: the text read into a typed
//! [`Assumption`], and the evaluator's refusals put in words. Every message
//! names the flag, which is why this lives in the command line.

use std::fmt::Display;

use crate::dates::{Date, parse_date};
use crate::error::{Error, did_you_mean};
use crate::eval::whatif::{Assumption, Problem, Unresolved};
use crate::rules::model::Level;
use crate::units::Units;

/// Examples shown when an `--assume` value cannot be read.
pub const EXAMPLES: &str = "degree=master@2027-06-01, role=decision-making@2027-01-01, role=2027-01-01, exam=cmq-oe@2027-03-01, activity=professional-development:6@2027-02-01, training=35@2027-02-01";

const KINDS: [&str; 5] = ["degree", "role", "exam", "activity", "training"];

/// Reads `KIND=VALUE@DATE` (see [`EXAMPLES`]). Ids are not checked against
/// the rules here: the evaluator does that (see [`unresolved`]).
pub fn parse(text: &str) -> Result<Assumption, Error> {
    let Some((kind, rest)) = text.split_once('=') else {
        return Err(usage(
            format!("cannot read `--assume {text}`: expected KIND=VALUE@DATE"),
            kinds_help(""),
        ));
    };
    let kind = kind.trim();
    let Some(example) = example_of(kind) else {
        let near = did_you_mean(kind, KINDS.iter().copied())
            .map_or(String::new(), |k| format!("did you mean `{k}`? "));
        return Err(usage(
            format!("cannot read `--assume {text}`: unknown kind `{kind}`"),
            kinds_help(&near),
        ));
    };
    let refuse = Refusal { text, example };
    // `role=DATE` has no value part
    let (value, day) = match rest.rsplit_once('@') {
        Some((v, d)) => (v.trim(), d.trim()),
        None if kind == "role" => ("", rest.trim()),
        None => return Err(refuse.because("missing `@DATE`")),
    };
    let Some(day) = parse_date(day) else {
        return Err(refuse.because(format!("`{day}` is not a date like 2027-06-01")));
    };
    if !crate::dates::in_range(day) {
        return Err(refuse.because(format!("`{day}` is outside 0001-01-01 to 9999-12-31")));
    }
    match kind {
        "degree" => degree(value, day, &refuse),
        "role" => role(value, day, &refuse),
        "exam" if value.is_empty() => Err(refuse.because("missing the exam id")),
        "exam" => Ok(Assumption::Exam {
            id: value.to_string(),
            passed: day,
        }),
        "activity" => activity(value, day, &refuse),
        _ => Ok(Assumption::Training {
            hours: units(value, "hours", &refuse)?,
            completed: day,
        }),
    }
}

/// The help for a value whose kind cannot be read: the kinds, with
/// examples, after `near` (a suggestion, or nothing).
fn kinds_help(near: &str) -> String {
    format!(
        "{near}KIND is one of {}; for example {EXAMPLES}",
        KINDS.join(", ")
    )
}

/// The example shown with a refusal of `kind`; `None` for an unknown kind.
fn example_of(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "degree" => "degree=master@2027-06-01",
        "role" => "role=decision-making@2027-01-01",
        "exam" => "exam=cmq-oe@2027-03-01",
        "activity" => "activity=professional-development:6@2027-02-01",
        "training" => "training=35@2027-02-01",
        _ => return None,
    })
}

/// One `--assume` value being read, and the example shown when it cannot be.
struct Refusal<'a> {
    text: &'a str,
    example: &'a str,
}

impl Refusal<'_> {
    fn because(&self, why: impl Display) -> Error {
        usage(
            format!("cannot read `--assume {}`: {why}", self.text),
            format!("for example `--assume {}`", self.example),
        )
    }
}

fn usage(message: String, help: String) -> Error {
    Error::Usage {
        message,
        help: Some(help),
    }
}

/// `degree=LEVEL[+TAG…]@DATE`.
fn degree(value: &str, day: Date, refuse: &Refusal<'_>) -> Result<Assumption, Error> {
    let mut parts = value.split('+').map(str::trim);
    let value = parts.next().unwrap_or_default();
    let mut tags = Vec::new();
    for t in parts {
        if t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(refuse.because(format!("`{t}` is not a degree tag")));
        }
        tags.push(t.to_string());
    }
    if let Some(level) = Level::from_id(value) {
        return Ok(Assumption::Degree {
            level,
            tags,
            completed: day,
        });
    }
    let ids: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
    let near = did_you_mean(value, ids.iter().copied())
        .map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
    Err(refuse.because(format!(
        "unknown degree level `{value}`{near}; levels: {}",
        ids.join(", ")
    )))
}

/// `role=[FLAG+FLAG…@]DATE`: `decision-making` and tags.
fn role(value: &str, day: Date, refuse: &Refusal<'_>) -> Result<Assumption, Error> {
    let mut decision_making = false;
    let mut tags = Vec::new();
    for flag in value.split(['+', ',']).map(str::trim) {
        match flag {
            "" => {}
            "decision-making" | "decision_making" => decision_making = true,
            t if t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                tags.push(t.to_string());
            }
            t => {
                return Err(refuse.because(format!("`{t}` is neither `decision-making` nor a tag")));
            }
        }
    }
    Ok(Assumption::Role {
        decision_making,
        tags,
        start: day,
    })
}

/// `activity=CATEGORY:UNITS@DATE`.
fn activity(value: &str, day: Date, refuse: &Refusal<'_>) -> Result<Assumption, Error> {
    let Some((category, amount)) = value.rsplit_once(':') else {
        return Err(refuse.because("expected CATEGORY:UNITS before `@`"));
    };
    let category = category.trim();
    if category.is_empty() {
        return Err(refuse.because("missing the category"));
    }
    Ok(Assumption::Activity {
        category: category.to_string(),
        units: units(amount.trim(), "units", refuse)?,
        date: day,
    })
}

/// A positive amount of `what` (units, hours).
fn units(s: &str, what: &str, refuse: &Refusal<'_>) -> Result<Units, Error> {
    match s.parse::<Units>() {
        Ok(u) if u.is_positive() => Ok(u),
        Ok(_) => Err(refuse.because(format!("{what} must be more than 0"))),
        Err(e) => Err(refuse.because(format!("{what} `{s}`: {e}"))),
    }
}

/// An assumption the evaluator could not place (an unknown exam, a
/// category no held certification has): a usage error naming the flag.
pub fn unresolved(u: &Unresolved) -> Error {
    let text = u.assumption.text();
    match &u.problem {
        Problem::UnknownExam { id, near, known } => usage(
            format!("cannot read `--assume {text}`: unknown exam `{id}`"),
            match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known exams: {}", known.join(", ")),
            },
        ),
        Problem::NoHolder {
            category,
            near,
            held,
        } => usage(
            format!(
                "cannot read `--assume {text}`: no held certification has the category `{category}`"
            ),
            match near {
                _ if held.is_empty() => {
                    "activities count only towards held certifications, and the profile holds none"
                        .to_string()
                }
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("categories of the held certifications: {}", held.join(", ")),
            },
        ),
        Problem::UnknownTag {
            of,
            tag,
            near,
            known,
        } => usage(
            format!("cannot read `--assume {text}`: no rule asks for a {of} tagged `{tag}`"),
            match near {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => format!("no loaded rule asks for {of} tags"),
                None if *of == "role" => format!(
                    "a role takes `decision-making` and the tags the rules ask for: {}",
                    known.join(", ")
                ),
                None => format!("{of} tags the rules ask for: {}", known.join(", ")),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn message_and_help(e: Error) -> (String, String) {
        match e {
            Error::Usage {
                message,
                help: Some(help),
            } => (message, help),
            other => panic!("not a usage error with help: {other:?}"),
        }
    }

    #[test]
    fn the_command_line_form_reads_back() {
        for t in [
            "degree=master@2027-06-01",
            "degree=bachelor+gac-accredited@2027-06-01",
            "degree=secondary@2027-06-01",
            "role=decision-making@2027-01-01",
            "role=2027-01-01",
            "role=decision-making+project-leadership@2027-01-01",
            "exam=cmq-oe@2027-03-01",
            "activity=professional-development:6@2027-02-01",
            "training=35@2027-02-01",
        ] {
            assert_eq!(parse(t).unwrap().text(), t);
        }
        assert_eq!(
            parse("degree=bachelor+gac-accredited@2027-06-01").unwrap(),
            Assumption::Degree {
                level: Level::Bachelor,
                tags: vec!["gac-accredited".into()],
                completed: date(2027, 6, 1),
            }
        );
        assert_eq!(
            parse("role=project-leadership@2027-01-01").unwrap(),
            Assumption::Role {
                decision_making: false,
                tags: vec!["project-leadership".into()],
                start: date(2027, 1, 1),
            }
        );
    }

    #[test]
    fn bad_values_say_why_with_an_example() {
        let cases = [
            ("master@2027-06-01", "expected KIND=VALUE@DATE"),
            ("degre=master@2027-06-01", "unknown kind `degre`"),
            (
                "degree=masters@2027-06-01",
                "unknown degree level `masters` (did you mean `master`?)",
            ),
            ("degree=master", "missing `@DATE`"),
            ("degree=master@2027-02-30", "`2027-02-30` is not a date"),
            ("exam=@2027-01-01", "missing the exam id"),
            (
                "activity=professional-development@2027-01-01",
                "expected CATEGORY:UNITS",
            ),
            (
                "activity=professional-development:0@2027-01-01",
                "units must be more than 0",
            ),
            (
                "activity=professional-development:1.0001@2027-01-01",
                "more than 3 decimal places",
            ),
            (
                "training=lots@2027-01-01",
                "hours `lots`: not a decimal number",
            ),
            ("role=boss man@2027-01-01", "`boss man` is neither"),
        ];
        for (text, why) in cases {
            let (message, help) = message_and_help(parse(text).unwrap_err());
            assert!(message.contains(why), "{text}: {message}");
            assert!(message.contains(text), "{text}: {message}");
            assert!(help.contains("2027"), "{text}: {help}");
        }
    }

    #[test]
    fn an_unknown_kind_suggests_the_nearest() {
        let (message, help) = message_and_help(parse("degre=master@2027-06-01").unwrap_err());
        assert_eq!(
            message,
            "cannot read `--assume degre=master@2027-06-01`: unknown kind `degre`"
        );
        assert_eq!(
            help,
            format!(
                "did you mean `degree`? KIND is one of degree, role, exam, activity, training; for example {EXAMPLES}"
            )
        );
    }

    #[test]
    fn unplaced_assumptions_name_the_flag_and_the_way_out() {
        let exam = Unresolved {
            assumption: parse("exam=cmq-eo@2027-01-01").unwrap(),
            problem: Problem::UnknownExam {
                id: "cmq-eo".into(),
                near: Some("cmq-oe".into()),
                known: vec!["cmq-oe".into(), "cpim".into()],
            },
        };
        assert_eq!(
            unresolved(&exam).to_string(),
            "cannot read `--assume exam=cmq-eo@2027-01-01`: unknown exam `cmq-eo`\n  help: did you mean `cmq-oe`?"
        );
        let none_held = Unresolved {
            assumption: parse("activity=giving-back:1@2027-01-01").unwrap(),
            problem: Problem::NoHolder {
                category: "giving-back".into(),
                near: None,
                held: vec![],
            },
        };
        assert_eq!(
            unresolved(&none_held).to_string(),
            "cannot read `--assume activity=giving-back:1@2027-01-01`: no held certification has the category `giving-back`\n  help: activities count only towards held certifications, and the profile holds none"
        );
        let far = Unresolved {
            assumption: parse("activity=zzz:1@2027-01-01").unwrap(),
            problem: Problem::NoHolder {
                category: "zzz".into(),
                near: None,
                held: vec!["giving-back".into(), "employment".into()],
            },
        };
        assert!(
            unresolved(&far)
                .to_string()
                .ends_with("help: categories of the held certifications: giving-back, employment"),
            "{}",
            unresolved(&far)
        );
    }

    /// What `check --plan` suggests can be given back to `--assume`, and
    /// then reaches the goal on the day the plan says.
    #[test]
    fn every_plan_option_reproduces_its_day_with_its_assume_values() {
        use crate::eval::{Selection, plan, whatif};
        let rules = crate::test_support::builtin_rules();
        let as_of = date(2026, 11, 25);
        let only = Selection::Only(vec!["cmq-oe".into()]);
        for text in [
            "name = \"A\"\ntargets = [\"cmq-oe\"]\n[[employment]]\nstart = 2019-03-04\n",
            "name = \"B\"\ntargets = [\"cmq-oe\"]\n[[employment]]\nstart = 2017-03-04\nend = 2020-01-01\ndecision_making = true\n[[employment]]\nstart = 2020-01-02\n",
            "name = \"C\"\ntargets = [\"cmq-oe\"]\n[[education]]\nlevel = \"associate\"\ncompleted = 2001-01-01\n[[employment]]\nstart = 2021-05-06\ndecision_making = true\n",
        ] {
            let p = crate::profile::parse_bytes(text.as_bytes(), "p.toml".as_ref(), rules).unwrap();
            let plans = plan::plan(rules, &p, as_of, &only);
            assert!(!plans[0].options.is_empty(), "{text}");
            for o in &plans[0].options {
                let assumptions: Vec<Assumption> =
                    o.assume.iter().map(|a| parse(a).unwrap()).collect();
                let w = whatif::what_if(rules, &p, as_of, &only, &assumptions).unwrap();
                assert_eq!(
                    w.comparisons[0].assumed.eligible_on,
                    Some(o.on),
                    "{text} {o:?}"
                );
            }
        }
    }
}
