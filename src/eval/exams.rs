//! Exam paths: a path is met when every exam in it was passed on or before
//! the as-of date and, where it has one, the window holds (the last pass no
//! later than the window after the first). Where passes stay valid for a
//! time (`valid`), only passes dated after the as-of date minus that time
//! count: a window that rolls with the day judged.

use crate::dates::{Date, add_days};
use crate::profile::model::ExamPass;
use crate::rules::RuleSet;
use crate::rules::model::{ExamPath, Rule};

use super::{ExamPathResult, Warning};

/// Judges one exam path on `as_of`; `open`: whether the person may take it
/// (see [`ExamPath::for_holders_of`]): a path not open to them is never met.
pub fn judge_path<'r>(
    rule: &'r Rule,
    path: &'r ExamPath,
    passes: &[ExamPass],
    as_of: Date,
    open: bool,
) -> ExamPathResult<'r> {
    let counted = Counted::new(path, passes, as_of);
    let exams = 0..path.exams.len();
    let all_passed = exams.clone().all(|i| counted.dates_of(i).next().is_some());
    let met = open
        && all_passed
        && match path.within {
            None => true,
            Some(_) => counted.0.iter().any(|(_, s)| counted.fit_from(path, *s)),
        };

    // what the person has: the latest pass of each exam passed so far
    let passed: Vec<ExamPass> = path
        .exams
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            counted.dates_of(i).next_back().map(|d| ExamPass {
                id: id.clone(),
                passed: d,
            })
        })
        .collect();
    let missing: Vec<&str> = path
        .exams
        .iter()
        .enumerate()
        .filter(|&(i, _)| counted.dates_of(i).next().is_none())
        .map(|(_, id)| id.as_str())
        .collect();
    let (deadline, window_ok) = deadline(path, &passed, !missing.is_empty(), met);
    let withdrawn: Vec<&str> = missing
        .iter()
        .filter(|id| {
            rule.exam(id)
                .and_then(|e| e.offered_to)
                .is_some_and(|to| to < as_of)
        })
        .copied()
        .collect();
    ExamPathResult {
        id: &path.id,
        name: &path.name,
        met,
        passed,
        missing,
        deadline,
        window_ok: window_ok && deadline.is_none_or(|d| d >= as_of),
        withdrawn,
        for_holders_of: path.for_holders_of.iter().map(String::as_str).collect(),
        open,
    }
}

/// The passes of a path's exams that count: on or before the as-of date,
/// and still valid on it; as (the exam's place in the path, date), sorted.
struct Counted(Vec<(usize, Date)>);

impl Counted {
    fn new(path: &ExamPath, passes: &[ExamPass], as_of: Date) -> Counted {
        let expired_by = path.valid.map(|v| v.before(as_of));
        let mut counted: Vec<(usize, Date)> = passes
            .iter()
            .filter(|p| p.passed <= as_of && expired_by.is_none_or(|e| p.passed > e))
            .filter_map(|p| {
                let i = path.exams.iter().position(|id| *id == p.id)?;
                Some((i, p.passed))
            })
            .collect();
        counted.sort_unstable();
        Counted(counted)
    }

    /// The days exam `i` of the path was passed, in order.
    fn dates_of(&self, i: usize) -> impl DoubleEndedIterator<Item = Date> + '_ {
        self.0.iter().filter(move |(j, _)| *j == i).map(|(_, d)| *d)
    }

    /// Whether one pass of each exam falls inside the window opening on
    /// `start`.
    fn fit_from(&self, path: &ExamPath, start: Date) -> bool {
        let end = path.within.map(|w| w.after(start));
        (0..path.exams.len()).all(|i| {
            self.dates_of(i)
                .any(|d| d >= start && end.is_none_or(|e| d <= e))
        })
    }
}

/// The last day the missing exams may be passed (the window's end, or the
/// day before the earliest pass expires, whichever is first), and whether
/// the passes so far keep to the window.
fn deadline(
    path: &ExamPath,
    passed: &[ExamPass],
    any_missing: bool,
    met: bool,
) -> (Option<Date>, bool) {
    let first = passed.iter().map(|p| p.passed).min();
    let last = passed.iter().map(|p| p.passed).max();
    let (within_deadline, window_ok) = match (path.within, first, last) {
        (Some(w), Some(f), Some(l)) => (any_missing.then(|| w.after(f)), met || l <= w.after(f)),
        _ => (None, true),
    };
    // the earliest valid pass expires after its last valid day
    let valid_deadline = match (path.valid, first) {
        (Some(v), Some(f)) if any_missing => Some(add_days(v.after(f), -1)),
        _ => None,
    };
    let deadline = match (within_deadline, valid_deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (deadline, window_ok)
}

/// Warnings for passes dated when the exam was not offered.
pub fn offer_warnings<'r>(rule: &'r Rule, passes: &[ExamPass], as_of: Date) -> Vec<Warning<'r>> {
    let mut out = Vec::new();
    for p in passes.iter().filter(|p| p.passed <= as_of) {
        let Some(exam) = rule.exam(&p.id) else {
            continue;
        };
        let before = exam.offered_from.is_some_and(|f| p.passed < f);
        let after = exam.offered_to.is_some_and(|t| p.passed > t);
        if before || after {
            out.push(Warning::ExamNotOffered {
                exam: &exam.id,
                passed: p.passed,
                from: exam.offered_from,
                to: exam.offered_to,
            });
        }
    }
    out
}

/// Warnings for passes (on or before the as-of date) of exams that another
/// edition of the same certification defines but `rule`, the edition
/// judging, does not: they count for no exam path here, and say so.
pub fn edition_warnings<'r>(
    rules: &'r RuleSet,
    rule: &'r Rule,
    passes: &[ExamPass],
    as_of: Date,
) -> Vec<Warning<'r>> {
    let mut out = Vec::new();
    for p in passes.iter().filter(|p| p.passed <= as_of) {
        if rule.exam(&p.id).is_some() {
            continue;
        }
        let other = rules
            .all()
            .iter()
            .filter(|r| r.id == rule.id)
            .find_map(|r| r.exam(&p.id));
        if let Some(exam) = other {
            let w = Warning::ExamNotInEdition {
                exam: &exam.id,
                passed: p.passed,
                certification: &rule.id,
                edition: &rule.edition.name,
            };
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}
