//! Plans: for a certification not reached yet, the smallest sets of changes
//! that would get there soonest.
//!
//! The goal is eligibility (every prerequisite met) for a person who is not
//! eligible yet, and an exam path for one who is. The planner lists single
//! changes (keeping the current roles, each degree level that earns a larger
//! waiver or that a requirement asks for, a new role of the kind the rule
//! counts from tomorrow, the missing training hours, the missing exams),
//! judges every set of up to three of them with the projection of
//! [`super::whatif`], and keeps the sets that reach the goal sooner than any
//! smaller set inside them: soonest first, then fewest changes.
//!
//! Dated changes are assumed from tomorrow; a degree, training or exam only
//! has to be done by the day the option reaches the goal (any day up to it
//! gives the same answer), and the option says so. An exam that only has to
//! be passed as soon as possible is "the next sitting you can book", never
//! "by tomorrow": nobody books an exam for tomorrow.
//!
//! A role the person already has that an experience requirement leaves out
//! only for a missing tag (`project-leadership`) is a change too: tagging
//! it, which counts from the role's own start, so the option may reach the
//! goal on the as-of date itself. Whether the role really has that quality
//! only the person knows, and the option says so.
//!
//! [`plan_assuming`] plans on top of `--assume` facts: every option keeps
//! them, and its `assume` values start with them.

use serde::Serialize;

use crate::dates::{Date, add_days};
use crate::profile::Profile;
use crate::profile::model::Role;
use crate::rules::RuleSet;
use crate::rules::model::{Level, RequirementKind, RoleFilter, Rule};
use crate::units::Units;

use super::whatif::{Assumed, Assumption, NO_ASSUMPTIONS, Unresolved, milestones};
use super::{CertResult, Detail, Selection, Status, evaluate, whatif};

/// At most this many changes in one option.
const MAX_CHANGES: usize = 3;
/// At most this many single changes are weighed.
const MAX_CANDIDATES: usize = 12;
/// At most this many roles of the profile are offered for tagging, per
/// requirement: the latest ones.
const MAX_TAGGED: usize = 4;

/// What a plan aims at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Goal {
    /// Every prerequisite met.
    Eligible,
    /// Prerequisites and an exam path met: the certification can be awarded.
    RequirementsMet,
}

/// One change a person could make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// Keep the roles going on now until `until`.
    KeepRoles {
        roles: Vec<String>,
        /// Every one of them is a decision-making role.
        decision_making: bool,
        until: Date,
    },
    /// Complete a degree of this level, carrying `tags` (those the rule
    /// asks for), by `by`.
    Degree {
        level: Level,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        by: Date,
    },
    /// Take a new full-time, paid role from `from` (ending the current ones).
    Role {
        decision_making: bool,
        tags: Vec<String>,
        from: Date,
    },
    /// Complete this many more training hours by `by`.
    Training { hours: Units, by: Date },
    /// Pass these exams (one exam path) by `by`.
    Exams {
        path: String,
        ids: Vec<String>,
        by: Date,
        /// Passing is all that is left: the goal is reached the day they
        /// are passed, so the sooner the better (`by` is then only the
        /// first day a pass could count, not a day to book).
        soonest: bool,
        /// The last day a pass keeps the exam window (where one applies).
        #[serde(skip_serializing_if = "Option::is_none")]
        latest: Option<Date>,
    },
    /// Tag roles already in the profile (each `[[employment]]` entry, by
    /// its number in the file, 1-based) with the tags an experience
    /// requirement asks for: the only thing that leaves them out.
    TagRoles {
        roles: Vec<TaggedRole>,
        /// The tags to add.
        tags: Vec<String>,
    },
}

/// A role of the profile a [`Change::TagRoles`] tags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaggedRole {
    /// Its `[[employment]]` entry, 1-based.
    pub entry: usize,
    /// [`Role::label`](crate::profile::model::Role::label).
    pub role: String,
    /// Every tag it would carry: its own and the added ones.
    pub tags: Vec<String>,
}

impl Change {
    /// In words, for a person.
    pub fn describe(&self) -> String {
        match self {
            Change::KeepRoles {
                roles,
                decision_making,
                until,
            } => {
                let kind = if *decision_making {
                    "decision-making "
                } else {
                    ""
                };
                let what = if roles.len() == 1 {
                    format!("your current {kind}role ({})", roles[0])
                } else {
                    format!("your current {kind}roles ({})", roles.join("; "))
                };
                format!("keep {what} until {until}")
            }
            Change::Degree { level, tags, by } if tags.is_empty() => {
                format!("complete {} by {by}", level.phrase())
            }
            Change::Degree { level, tags, by } => {
                let t: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
                format!(
                    "complete {} tagged {} by {by}",
                    level.phrase(),
                    t.join(" and ")
                )
            }
            Change::Role {
                decision_making,
                tags,
                from,
            } => {
                let mut what = String::from("a full-time, paid");
                if *decision_making {
                    what.push_str(" decision-making");
                }
                what.push_str(" role");
                if !tags.is_empty() {
                    what.push_str(&format!(" ({})", tags.join(", ")));
                }
                format!("take {what} from {from} and keep it")
            }
            Change::Training { hours, by } => {
                format!("complete {hours} more training hours by {by}")
            }
            Change::Exams {
                ids,
                by,
                soonest,
                latest,
                ..
            } => {
                let list: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
                let list = list.join(" and ");
                let latest = latest.map_or(String::new(), |d| {
                    format!(", {d} at the latest (the exam window closes)")
                });
                if *soonest {
                    format!(
                        "pass {list} at the next sitting you can book{latest}; the goal is reached the day you pass"
                    )
                } else {
                    format!("pass {list} by {by}{latest}")
                }
            }
            Change::TagRoles { roles, tags } => {
                let t: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
                let names: Vec<&str> = roles.iter().map(|r| r.role.as_str()).collect();
                let lines: Vec<String> = roles
                    .iter()
                    .map(|r| {
                        let list: Vec<String> = r.tags.iter().map(|t| format!("\"{t}\"")).collect();
                        format!(
                            "[[employment]] entry {}: tags = [{}]",
                            r.entry,
                            list.join(", ")
                        )
                    })
                    .collect();
                let (your, it) = if roles.len() == 1 {
                    ("your role", "it")
                } else {
                    ("your roles", "them")
                };
                format!(
                    "if {your} {} {} {} work, tag {it} so ({})",
                    names.join("; "),
                    if roles.len() == 1 { "was" } else { "were" },
                    t.join(" and "),
                    lines.join("; ")
                )
            }
        }
    }
}

/// One way to reach the goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanOption {
    /// The day the goal is reached.
    pub on: Date,
    pub changes: Vec<Change>,
    /// The `--assume` values that show this option with `check`.
    pub assume: Vec<String>,
}

impl PlanOption {
    /// Whether the option is reached the day an exam is passed at the next
    /// sitting the person can book: its day is then that day, not
    /// [`PlanOption::on`] (the first day a pass could count).
    pub fn on_passing(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(c, Change::Exams { soonest: true, .. }))
    }
}

/// The plan for one certification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub certification: String,
    pub name: String,
    pub status: Status,
    pub goal: Goal,
    /// Options, soonest first, then fewest changes.
    pub options: Vec<PlanOption>,
}

/// A single change the planner may combine, with its assumption.
struct Candidate {
    change: Change,
    assumptions: Vec<Assumption>,
    /// Tags to add to roles of the profile: (index in `employment`, tags).
    tag_roles: Vec<(usize, Vec<String>)>,
}

/// Plans for every selected certification that is not held and not ready
/// to be awarded.
pub fn plan(rules: &RuleSet, profile: &Profile, as_of: Date, selection: &Selection) -> Vec<Plan> {
    plan_with(rules, profile, as_of, selection, &NO_ASSUMPTIONS, &[])
}

/// Plans with `assumptions` (`check --plan --assume`) taken as facts: for
/// each selected certification not reached yet with them, the changes that
/// would get there soonest on top of them. An assumption the rules or the
/// profile cannot place is an error, as for [`whatif::what_if`].
pub fn plan_assuming(
    rules: &RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    assumptions: &[Assumption],
) -> Result<Vec<Plan>, Vec<Unresolved>> {
    let base = whatif::resolve(assumptions, rules, profile, as_of)?;
    let texts: Vec<String> = assumptions.iter().map(Assumption::text).collect();
    Ok(plan_with(rules, profile, as_of, selection, &base, &texts))
}

fn plan_with(
    rules: &RuleSet,
    profile: &Profile,
    as_of: Date,
    selection: &Selection,
    base: &Assumed,
    base_texts: &[String],
) -> Vec<Plan> {
    let report = if base.is_empty() {
        evaluate(rules, profile, as_of, selection)
    } else {
        whatif::evaluate_assuming(rules, profile, as_of, selection, base)
    };
    let ctx = Context {
        rules,
        profile,
        as_of,
        base,
        base_texts,
    };
    report
        .results
        .iter()
        .filter(|r| matches!(r.status, Status::NotEligible | Status::Eligible))
        .filter_map(|r| {
            let rule = rules.get(r.certification, as_of)?;
            Some(plan_one(&ctx, rule, r))
        })
        .collect()
}

/// What every plan of one run shares.
struct Context<'a> {
    rules: &'a RuleSet,
    profile: &'a Profile,
    as_of: Date,
    /// `--assume` facts every option keeps, and their texts.
    base: &'a Assumed,
    base_texts: &'a [String],
}

fn plan_one(ctx: &Context, rule: &Rule, result: &CertResult) -> Plan {
    let (rules, profile, as_of) = (ctx.rules, ctx.profile, ctx.as_of);
    let goal = if result.status == Status::NotEligible {
        Goal::Eligible
    } else {
        Goal::RequirementsMet
    };
    let tomorrow = add_days(as_of, 1);
    let mut candidates = match goal {
        Goal::Eligible => {
            let mut c = tag_candidates(rule, profile, as_of, result);
            c.extend(eligibility_candidates(
                rule, profile, as_of, result, tomorrow,
            ));
            c
        }
        Goal::RequirementsMet => exam_candidates(result, tomorrow),
    };
    // a bound on the work whatever the rule: 2^12 sets at most
    candidates.truncate(MAX_CANDIDATES);
    let reach = Reach {
        rules,
        rule,
        profile,
        as_of,
        goal,
        candidates: &candidates,
        base: ctx.base,
        base_texts: ctx.base_texts,
    };
    let ongoing = ongoing_roles(rule, profile, as_of);
    let options = best_sets(&reach)
        .into_iter()
        .map(|(on, mask)| reach.option(on, mask, &ongoing))
        .collect();
    Plan {
        certification: result.certification.to_string(),
        name: result.name.to_string(),
        status: result.status,
        goal,
        options,
    }
}

/// Judges sets of candidates (bit masks over `candidates`) for one plan.
struct Reach<'a> {
    rules: &'a RuleSet,
    rule: &'a Rule,
    profile: &'a Profile,
    as_of: Date,
    goal: Goal,
    candidates: &'a [Candidate],
    base: &'a Assumed,
    base_texts: &'a [String],
}

impl Reach<'_> {
    /// Whether candidate `i` is in the set `mask`.
    fn has(mask: usize, i: usize) -> bool {
        mask & (1 << i) != 0
    }

    /// The day the goal is reached with the set `mask`, the current roles
    /// ending on `roles_end` (if given).
    fn day(&self, mask: usize, roles_end: Option<Date>) -> Option<Date> {
        let mut assumed = Assumed {
            roles_end,
            ..self.base.clone()
        };
        let mut tagged: Option<Profile> = None;
        for (i, c) in self.candidates.iter().enumerate() {
            if Self::has(mask, i) {
                for a in &c.assumptions {
                    assumed.push(a, &[]);
                }
                for (role, tags) in &c.tag_roles {
                    let p = tagged.get_or_insert_with(|| self.profile.clone());
                    if let Some(r) = p.employment.get_mut(*role) {
                        for t in tags {
                            if !r.tags.contains(t) {
                                r.tags.push(t.clone());
                            }
                        }
                    }
                }
            }
        }
        let profile = tagged.as_ref().unwrap_or(self.profile);
        let sel = Selection::Only(vec![self.rule.id.clone()]);
        let r = whatif::evaluate_assuming(self.rules, profile, self.as_of, &sel, &assumed);
        let r = r.results.first()?;
        let m = milestones(self.rules, profile, self.as_of, &assumed, r);
        match self.goal {
            // a tag counts from the role's start: eligible on the as-of
            // date itself
            Goal::Eligible if r.status != Status::NotEligible => Some(self.as_of),
            Goal::Eligible => m.eligible_on,
            Goal::RequirementsMet => m.requirements_met_on,
        }
    }

    /// The option of the set `mask`, which reaches the goal `on`; `ongoing`
    /// are the roles going on now (see [`ongoing_roles`]): those that count
    /// as they are, and those the option tags.
    fn option(&self, on: Date, mask: usize, ongoing: &[Ongoing]) -> PlanOption {
        let tagged = |role: usize| {
            self.candidates
                .iter()
                .enumerate()
                .any(|(i, c)| Self::has(mask, i) && c.tag_roles.iter().any(|(r, _)| *r == role))
        };
        let ongoing: Vec<&Ongoing> = ongoing
            .iter()
            .filter(|o| o.counts || tagged(o.index))
            .collect();
        let mut changes = Vec::new();
        let mut assume: Vec<String> = self.base_texts.to_vec();
        let switches_role = self
            .candidates
            .iter()
            .enumerate()
            .any(|(i, c)| Self::has(mask, i) && matches!(c.change, Change::Role { .. }));
        // relies on the current roles when stopping them today changes
        // the day
        let keep =
            (!switches_role && !ongoing.is_empty() && self.day(mask, Some(self.as_of)) != Some(on))
                .then(|| Change::KeepRoles {
                    roles: ongoing.iter().map(|o| o.label.clone()).collect(),
                    decision_making: ongoing.iter().all(|o| o.decision_making),
                    until: on,
                });
        for (i, c) in self.candidates.iter().enumerate() {
            if !Self::has(mask, i) {
                continue;
            }
            let mut change = c.change.clone();
            let tomorrow = add_days(self.as_of, 1);
            match &mut change {
                Change::Degree { by, .. } | Change::Training { by, .. } => *by = on,
                Change::Exams { by, soonest, .. } => {
                    *by = on;
                    *soonest = on <= tomorrow;
                }
                Change::KeepRoles { .. } | Change::Role { .. } | Change::TagRoles { .. } => {}
            }
            for a in &c.assumptions {
                assume.push(at(a, &change).text());
            }
            changes.push(change);
        }
        // first what is true already (a tag), then keeping the roles
        if let Some(keep) = keep {
            let tags = changes
                .iter()
                .filter(|c| matches!(c, Change::TagRoles { .. }))
                .count();
            changes.insert(tags, keep);
        }
        PlanOption {
            on,
            changes,
            assume,
        }
    }
}

/// The sets of up to [`MAX_CHANGES`] candidates that reach the goal, with
/// the day: those no other set, no harder, beats or equals; soonest first,
/// then fewest changes.
fn best_sets(reach: &Reach) -> Vec<(Date, usize)> {
    let n = reach.candidates.len();
    // an option is dropped when another one, no harder, is no later
    let reached: Vec<(usize, Date)> = (0..(1usize << n))
        .filter(|m| m.count_ones() as usize <= MAX_CHANGES)
        .filter_map(|m| reach.day(m, None).map(|d| (m, d)))
        .collect();
    let mut kept: Vec<(Date, usize)> = reached
        .iter()
        .filter(|(b, day_b)| {
            !reached
                .iter()
                .any(|(a, day_a)| a != b && day_a <= day_b && no_harder(reach.candidates, *a, *b))
        })
        .map(|(m, d)| (*d, *m))
        .collect();
    kept.sort_by_key(|(day, mask)| (*day, mask.count_ones(), *mask));
    kept
}

/// Whether the set of candidates `a` asks no more than the set `b`: each
/// change of `a` other than a degree is in `b`, and `a`'s degrees can be
/// matched one to one with degrees of `b` at the same or a higher level.
fn no_harder(candidates: &[Candidate], a: usize, b: usize) -> bool {
    let in_set = |mask: usize| -> Vec<&Change> {
        candidates
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, c)| &c.change)
            .collect()
    };
    let (ca, cb) = (in_set(a), in_set(b));
    let levels = |cs: &[&Change]| -> Vec<(Level, Vec<String>)> {
        let mut v: Vec<(Level, Vec<String>)> = cs
            .iter()
            .filter_map(|c| match c {
                Change::Degree { level, tags, .. } => Some((*level, tags.clone())),
                _ => None,
            })
            .collect();
        v.sort_unstable_by(|x, y| y.cmp(x));
        v
    };
    let (la, lb) = (levels(&ca), levels(&cb));
    let others_in = ca
        .iter()
        .filter(|c| !matches!(c, Change::Degree { .. }))
        .all(|c| cb.contains(c));
    // a degree asks no more than another of the same or a higher level
    // carrying every one of its tags
    others_in
        && la.len() <= lb.len()
        && la
            .iter()
            .zip(&lb)
            .all(|(x, y)| x.0 <= y.0 && x.1.iter().all(|t| y.1.contains(t)))
}

/// The assumption `a` moved to the day its change names.
fn at(a: &Assumption, change: &Change) -> Assumption {
    let day = match change {
        Change::Degree { by, .. } | Change::Training { by, .. } | Change::Exams { by, .. } => *by,
        Change::Role { from, .. } => *from,
        Change::KeepRoles { until, .. } => *until,
        // tagging carries no assumption
        Change::TagRoles { .. } => return a.clone(),
    };
    match a.clone() {
        Assumption::Degree { level, tags, .. } => Assumption::Degree {
            level,
            tags,
            completed: day,
        },
        Assumption::Training { hours, .. } => Assumption::Training {
            hours,
            completed: day,
        },
        Assumption::Exam { id, .. } => Assumption::Exam { id, passed: day },
        other => other,
    }
}

/// A role going on on the as-of date that some experience requirement of
/// the rule counts, or would count with the tags it asks for.
struct Ongoing {
    /// Its index in the profile's `employment`.
    index: usize,
    label: String,
    decision_making: bool,
    /// Counted as it is (not only once tagged).
    counts: bool,
}

/// The roles going on on the as-of date that count towards some experience
/// requirement of `rule`, or would with its tags.
fn ongoing_roles(rule: &Rule, profile: &Profile, as_of: Date) -> Vec<Ongoing> {
    let experience = || {
        rule.requirements.iter().filter_map(|q| match &q.kind {
            RequirementKind::Experience { roles, .. } => Some(roles),
            _ => None,
        })
    };
    profile
        .employment
        .iter()
        .enumerate()
        .filter(|(_, r)| r.start <= as_of && r.end.is_none_or(|e| e >= as_of))
        .filter(|(_, r)| experience().any(|roles| counts_but_for_tags(roles, r)))
        .map(|(index, r)| Ongoing {
            index,
            label: r.label(),
            decision_making: r.decision_making,
            counts: experience().any(|roles| {
                counts_but_for_tags(roles, r) && roles.tags.iter().all(|t| r.tags.contains(t))
            }),
        })
        .collect()
}

/// Whether an experience requirement counting `roles` would count the role
/// `r` if it carried the tags it asks for.
fn counts_but_for_tags(roles: &RoleFilter, r: &Role) -> bool {
    roles.full_time.is_none_or(|v| r.full_time == v)
        && roles.paid.is_none_or(|v| r.paid == v)
        && roles.decision_making.is_none_or(|v| r.decision_making == v)
        && !roles.exclude_kinds.contains(&r.kind)
}

/// For each unmet experience requirement asking for tags: tagging a role
/// of the profile (started by the as-of date) it would count but for a
/// missing tag, one role a candidate, the latest [`MAX_TAGGED`] roles at
/// most (the search finds which of them are needed).
fn tag_candidates(
    rule: &Rule,
    profile: &Profile,
    as_of: Date,
    result: &CertResult,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for q in &rule.requirements {
        let RequirementKind::Experience { roles, .. } = &q.kind else {
            continue;
        };
        let unmet = result.requirements.iter().any(|r| r.id == q.id && !r.met);
        if !unmet || roles.tags.is_empty() {
            continue;
        }
        let mut latest: Vec<(usize, &Role)> = profile
            .employment
            .iter()
            .enumerate()
            .filter(|(_, r)| r.start <= as_of && counts_but_for_tags(roles, r))
            .filter(|(_, r)| roles.tags.iter().any(|t| !r.tags.contains(t)))
            .collect();
        latest.sort_by_key(|(i, r)| (std::cmp::Reverse(r.start), *i));
        latest.truncate(MAX_TAGGED);
        for (i, r) in latest {
            let missing: Vec<String> = roles
                .tags
                .iter()
                .filter(|t| !r.tags.contains(t))
                .cloned()
                .collect();
            let mut all = r.tags.clone();
            all.extend(missing.iter().cloned());
            let change = Change::TagRoles {
                roles: vec![TaggedRole {
                    entry: i + 1,
                    role: r.label(),
                    tags: all,
                }],
                tags: missing.clone(),
            };
            if !out.iter().any(|c| c.change == change) {
                out.push(Candidate {
                    change,
                    assumptions: Vec::new(),
                    tag_roles: vec![(i, missing)],
                });
            }
        }
    }
    out
}

/// Single changes towards eligibility: degrees, a new role, the missing
/// training hours.
fn eligibility_candidates(
    rule: &Rule,
    profile: &Profile,
    as_of: Date,
    result: &CertResult,
    tomorrow: Date,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = degree_levels(rule, profile, as_of)
        .into_iter()
        .map(|(level, tags)| Candidate {
            change: Change::Degree {
                level,
                tags: tags.clone(),
                by: tomorrow,
            },
            assumptions: vec![Assumption::Degree {
                level,
                tags,
                completed: tomorrow,
            }],
            tag_roles: Vec::new(),
        })
        .collect();
    out.extend(role_candidate(rule, result, tomorrow));
    out.extend(training_candidates(result, tomorrow));
    out
}

/// The degrees worth a candidate, as (level, tags), lowest first: each
/// level that earns a larger waiver than the highest degree held (the
/// lowest level earning each), and each degree a requirement asks for, with
/// the tags it asks for (a degree without them would not meet it).
fn degree_levels(rule: &Rule, profile: &Profile, as_of: Date) -> Vec<(Level, Vec<String>)> {
    let held = || profile.education.iter().filter(|e| e.completed <= as_of);
    let highest = held().map(|e| e.level).max();
    let mut levels: Vec<(Level, Vec<String>)> = Vec::new();
    for q in &rule.requirements {
        match &q.kind {
            RequirementKind::Experience { waivers, .. } if !waivers.is_empty() => {
                let earned = |l: Level| -> u32 {
                    waivers
                        .iter()
                        .filter(|(w, _)| *w <= l)
                        .map(|(_, m)| *m)
                        .max()
                        .unwrap_or(0)
                };
                let mut best = highest.map_or(0, earned);
                for l in Level::ALL {
                    if earned(l) > best {
                        best = earned(l);
                        levels.push((l, Vec::new()));
                    }
                }
            }
            RequirementKind::Degree { level, tags }
                if !held()
                    .any(|e| e.level >= *level && tags.iter().all(|t| e.tags.contains(t))) =>
            {
                levels.push((*level, tags.clone()));
            }
            _ => {}
        }
    }
    levels.sort_unstable();
    levels.dedup();
    levels
}

/// A new role of the kind the unmet experience requirements count, if any
/// is unmet.
fn role_candidate(rule: &Rule, result: &CertResult, tomorrow: Date) -> Option<Candidate> {
    let unmet_experience = rule.requirements.iter().filter(|q| {
        result
            .requirements
            .iter()
            .any(|r| r.id == q.id && !r.met && matches!(r.detail, Detail::Experience { .. }))
    });
    let mut any = false;
    let mut decision_making = false;
    let mut tags: Vec<String> = Vec::new();
    for q in unmet_experience {
        any = true;
        if let RequirementKind::Experience { roles, .. } = &q.kind {
            decision_making |= roles.decision_making == Some(true);
            for t in &roles.tags {
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
        }
    }
    any.then(|| Candidate {
        change: Change::Role {
            decision_making,
            tags: tags.clone(),
            from: tomorrow,
        },
        assumptions: vec![Assumption::Role {
            decision_making,
            tags,
            start: tomorrow,
        }],
        tag_roles: Vec::new(),
    })
}

/// The missing hours of each unmet training requirement.
fn training_candidates(result: &CertResult, tomorrow: Date) -> Vec<Candidate> {
    let mut out = Vec::new();
    for q in &result.requirements {
        if let Detail::Training {
            hours_counted,
            hours_required,
        } = q.detail
            && !q.met
        {
            let hours = hours_required.saturating_sub_floor(hours_counted);
            if hours.is_positive() {
                out.push(Candidate {
                    change: Change::Training {
                        hours,
                        by: tomorrow,
                    },
                    assumptions: vec![Assumption::Training {
                        hours,
                        completed: tomorrow,
                    }],
                    tag_roles: Vec::new(),
                });
            }
        }
    }
    out
}

/// One candidate per exam path still open: its missing exams.
fn exam_candidates(result: &CertResult, tomorrow: Date) -> Vec<Candidate> {
    let mut out = Vec::new();
    for q in &result.requirements {
        let Detail::Exam { paths, .. } = &q.detail else {
            continue;
        };
        for p in paths {
            if p.met || !p.withdrawn.is_empty() || !p.window_ok || p.missing.is_empty() {
                continue;
            }
            // the window's deadline must still allow a pass tomorrow
            if p.deadline.is_some_and(|d| d < tomorrow) {
                continue;
            }
            out.push(Candidate {
                change: Change::Exams {
                    path: p.id.to_string(),
                    ids: p.missing.iter().map(|s| s.to_string()).collect(),
                    by: tomorrow,
                    soonest: true,
                    latest: p.deadline,
                },
                assumptions: p
                    .missing
                    .iter()
                    .map(|id| Assumption::Exam {
                        id: id.to_string(),
                        passed: tomorrow,
                    })
                    .collect(),
                tag_roles: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
