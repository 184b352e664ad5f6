//! From the file as written (`raw`) to the validated model: every semantic
//! problem in the file is collected, each pointing at the key or value it is
//! about.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use crate::dates::{Date, Period};
use crate::error::{Diagnostic, Problem, line_col};
use crate::rules::model::{
    Anchor, CarryOver, Category, Citation, Counting, Edition, Exam, ExamPath, GraceUnits, Group,
    Level, PrereqPath, Recertification, Requirement, RequirementKind, RoleFilter, Rule,
};
use crate::rules::raw::{
    RawAnchor, RawCarryOver, RawCategory, RawCitation, RawDate, RawEdition, RawExam, RawExamPath,
    RawGraceUnits, RawGroup, RawPath, RawRecertification, RawRequirement, RawRoles, RawRule,
};
use crate::units::Units;

/// 1-based line and column.
pub(super) type Loc = (usize, usize);

/// A validated rule with the places the cross-file checks point at.
pub(super) struct Checked {
    /// Problems that do not stop the rule from being used.
    pub warnings: Vec<Diagnostic>,
    pub rule: Rule,
    /// The `[edition]` table.
    pub edition_at: Loc,
    /// Every `certification = "id"` of a `certification` requirement.
    pub cert_refs: Vec<(String, Loc)>,
}

/// The requirement kinds and the kind-specific keys each allows.
const KINDS: &[(&str, &[&str])] = &[
    (
        "experience",
        &[
            "years",
            "months",
            "lookback_years",
            "part_of",
            "roles",
            "waivers",
            "counting",
        ],
    ),
    ("degree", &["level", "tags"]),
    ("training", &["hours"]),
    ("certification", &["certification"]),
    ("projects", &["count", "affidavit"]),
];

/// The requirement kinds, as [`KINDS`] lists them.
const KIND_NAMES: &[&str] = &[
    "experience",
    "degree",
    "training",
    "certification",
    "projects",
];

/// The id of the prerequisite path made up when a file names none.
pub const DEFAULT_PATH_ID: &str = "all";

/// Checks a rule file as read: the rule and its warnings, or every error,
/// each in file order.
pub(super) fn validate(
    raw: &RawRule,
    text: &str,
    origin: &str,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut cx = Ctx {
        text,
        origin,
        diags: Vec::new(),
        warnings: Vec::new(),
    };
    let id = cx.id("certification", &raw.id);
    let name = cx.non_empty("name", &raw.name);
    let issuer = cx.non_empty("issuer", &raw.issuer);
    let edition = cx.edition(raw.edition.get_ref());

    // Prerequisites.
    cx.unique(
        "requirement",
        raw.requirement.iter().map(|r| &r.get_ref().id),
    );
    let mut cert_refs = Vec::new();
    let mut requirements: Vec<Requirement> = raw
        .requirement
        .iter()
        .map(|r| cx.requirement(r.get_ref(), &id, &mut cert_refs))
        .collect();
    cx.resolve_parts(&raw.requirement, &mut requirements);
    let paths = cx.paths(&raw.path, &raw.requirement);

    let (exams, exam_paths) = cx.exams(&raw.exam, &raw.exam_path, &id, &mut cert_refs);
    let (recertification, held_for_life) = match &raw.recertification {
        Some(r) => cx.recertification(r.get_ref(), r.span().start),
        None => (None, None),
    };

    let edition_at = line_col(text, raw.edition.span().start);
    if !cx.diags.is_empty() {
        let mut diags = cx.diags;
        diags.sort_by_key(|d| (d.line, d.column));
        return Err(diags);
    }
    let mut warnings = cx.warnings;
    warnings.sort_by_key(|d| (d.line, d.column));
    Ok(Checked {
        warnings,
        rule: Rule {
            id,
            name,
            issuer,
            edition,
            requirements,
            paths,
            exams,
            exam_paths,
            recertification,
            held_for_life,
            origin: origin.to_string(),
        },
        edition_at,
        cert_refs,
    })
}

struct Ctx<'a> {
    text: &'a str,
    origin: &'a str,
    diags: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn loc(&self, at: usize) -> Loc {
        line_col(self.text, at)
    }

    /// An error at byte `at`, its help derived from it.
    fn problem(&mut self, at: usize, p: Problem) {
        let d = Diagnostic::new(self.origin, p.to_string()).at(self.text, at);
        self.diags.push(Diagnostic {
            help: p.help(),
            ..d
        });
    }

    /// A warning at byte `at`, its help derived from it.
    fn warn(&mut self, at: usize, p: Problem) {
        let d = Diagnostic::new(self.origin, p.to_string()).at(self.text, at);
        self.warnings.push(Diagnostic {
            help: p.help(),
            ..d
        });
    }

    /// A kebab-case id.
    fn id(&mut self, what: &'static str, id: &Spanned<String>) -> String {
        let s = id.get_ref();
        if !is_kebab(s) {
            self.problem(
                id.span().start,
                Problem::InvalidId {
                    what,
                    id: s.clone(),
                },
            );
        }
        s.clone()
    }

    fn non_empty(&mut self, key: &'static str, v: &Spanned<String>) -> String {
        if v.get_ref().trim().is_empty() {
            self.problem(v.span().start, Problem::Empty { key });
        }
        v.get_ref().clone()
    }

    /// Reports ids defined twice among one kind of item.
    fn unique<'s>(&mut self, what: &'static str, ids: impl Iterator<Item = &'s Spanned<String>>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            match seen.get(id.get_ref().as_str()) {
                Some(&first) => {
                    let (first_line, _) = self.loc(first);
                    self.problem(
                        id.span().start,
                        Problem::DuplicateId {
                            what,
                            id: id.get_ref().clone(),
                            first_line,
                        },
                    );
                }
                None => {
                    seen.insert(id.get_ref(), id.span().start);
                }
            }
        }
    }

    /// Checks that `r` names one of `known`; false (and an error) if not.
    fn reference(&mut self, what: &'static str, r: &Spanned<String>, known: &[&str]) -> bool {
        let name = r.get_ref().as_str();
        if known.contains(&name) {
            return true;
        }
        self.problem(
            r.span().start,
            Problem::UnknownName {
                what,
                name: name.to_string(),
                known: known.iter().map(|k| k.to_string()).collect(),
            },
        );
        false
    }

    /// A list of references: each known, none twice, at least one.
    fn references(
        &mut self,
        what: &'static str,
        list: &Spanned<Vec<Spanned<String>>>,
        known: &[&str],
        empty: Problem,
    ) -> Vec<String> {
        if list.get_ref().is_empty() {
            self.problem(list.span().start, empty);
        }
        let mut seen = HashSet::new();
        for r in list.get_ref() {
            if self.reference(what, r, known) && !seen.insert(r.get_ref().as_str()) {
                self.problem(
                    r.span().start,
                    Problem::ListedTwice {
                        name: r.get_ref().clone(),
                    },
                );
            }
        }
        list.get_ref().iter().map(|r| r.get_ref().clone()).collect()
    }

    fn source(&mut self, s: &Spanned<String>) -> String {
        let v = s.get_ref().trim();
        if v.is_empty() {
            self.problem(s.span().start, Problem::EmptySource);
        } else if !is_http_url(v) {
            self.problem(
                s.span().start,
                Problem::SourceNotUrl {
                    found: v.to_string(),
                },
            );
        }
        v.to_string()
    }

    /// A warning for `confirmed = false` without a `note` saying why.
    fn unconfirmed_needs_note(&mut self, c: &RawCitation<'_>, owner: &str, at: usize) {
        if c.confirmed == Some(false) && c.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            self.warn(
                at,
                Problem::UnconfirmedWithoutNote {
                    owner: owner.to_string(),
                },
            );
        }
    }

    /// A citation whose `source` is required; `owner` names the table.
    fn citation(&mut self, c: RawCitation<'_>, owner: &str, owner_at: usize) -> Citation {
        self.unconfirmed_needs_note(&c, owner, owner_at);
        let source = match c.source {
            Some(s) => self.source(s),
            None => {
                self.problem(
                    owner_at,
                    Problem::NoSource {
                        owner: owner.to_string(),
                    },
                );
                String::new()
            }
        };
        c.with_source(source)
    }

    /// A citation that may be left out, its source defaulting to `inherit`'s;
    /// `owner` names the table, which is at `at`.
    fn optional_citation(
        &mut self,
        c: RawCitation<'_>,
        inherit: &Citation,
        owner: &str,
        at: usize,
    ) -> Option<Citation> {
        if c.is_empty() {
            return None;
        }
        self.unconfirmed_needs_note(&c, owner, at);
        let source = match c.source {
            Some(s) => self.source(s),
            None => inherit.source.clone(),
        };
        Some(c.with_source(source))
    }

    fn units(&mut self, key: &'static str, v: &Spanned<Units>) -> Units {
        let u = *v.get_ref();
        if u < Units::ZERO {
            self.problem(v.span().start, Problem::Negative { key, found: u });
        }
        u
    }

    fn opt_units(&mut self, key: &'static str, v: &Option<Spanned<Units>>) -> Option<Units> {
        v.as_ref().map(|v| self.units(key, v))
    }

    /// `min` and `max`, checked non-negative and in order.
    fn min_max(
        &mut self,
        min: &Option<Spanned<Units>>,
        max: &Option<Spanned<Units>>,
    ) -> (Option<Units>, Option<Units>) {
        let lo = self.opt_units("min", min);
        let hi = self.opt_units("max", max);
        if let (Some(l), Some(h), Some(at)) = (lo, hi, min.as_ref())
            && l > h
        {
            self.problem(at.span().start, Problem::MinOverMax { min: l, max: h });
        }
        (lo, hi)
    }

    /// Checks `first <= last` for two optional dates.
    fn date_order(
        &mut self,
        (from_key, from): (&'static str, &Option<Spanned<RawDate>>),
        (to_key, to): (&'static str, &Option<Spanned<RawDate>>),
    ) -> (Option<Date>, Option<Date>) {
        let a = from.as_ref().map(|d| d.get_ref().0);
        let b = to.as_ref().map(|d| d.get_ref().0);
        if let (Some(a), Some(b), Some(at)) = (a, b, from.as_ref())
            && a > b
        {
            self.problem(
                at.span().start,
                Problem::DatesReversed {
                    from_key,
                    from: a,
                    to_key,
                    to: b,
                },
            );
        }
        (a, b)
    }

    /// `v` of key `key`, or 0 with an error where it is past `b.max`.
    fn bounded(&mut self, key: &str, v: &Spanned<u32>, b: Bound) -> u32 {
        let value = *v.get_ref();
        if value <= b.max {
            return value;
        }
        self.problem(
            v.span().start,
            Problem::TooLarge {
                key: key.to_string(),
                value,
                min: b.min,
                max: b.max,
                unit: b.unit,
            },
        );
        0
    }

    /// [`Ctx::bounded`] of an optional key.
    fn opt_bounded(&mut self, key: &str, v: &Option<Spanned<u32>>, b: Bound) -> Option<u32> {
        v.as_ref().map(|v| self.bounded(key, v, b))
    }

    /// A length given by at most one of two keys (`grace_months` or
    /// `grace_days`); both is an error.
    fn period(
        &mut self,
        (a_key, a, a_unit): (&'static str, &Option<Spanned<u32>>, Unit),
        (b_key, b, b_unit): (&'static str, &Option<Spanned<u32>>, Unit),
    ) -> Option<Period> {
        match (a, b) {
            (Some(a), None) => Some(a_unit.period(self.bounded(a_key, a, a_unit.bound()))),
            (None, Some(b)) => Some(b_unit.period(self.bounded(b_key, b, b_unit.bound()))),
            (Some(_), Some(b)) => {
                self.problem(
                    b.span().start,
                    Problem::BothGiven {
                        first: a_key,
                        second: b_key,
                    },
                );
                None
            }
            (None, None) => None,
        }
    }

    fn edition(&mut self, e: &RawEdition) -> Edition {
        let name = self.non_empty("name", &e.name);
        let (from, to) = self.date_order(("from", &e.from), ("to", &e.to));
        // the phase-in falls inside the edition
        let (_, recertification_from) = self.date_order(
            ("from", &e.from),
            ("recertification_from", &e.recertification_from),
        );
        if let (Some(rf), Some(t), Some(at)) = (recertification_from, to, &e.recertification_from)
            && rf > t
        {
            self.problem(
                at.span().start,
                Problem::DatesReversed {
                    from_key: "recertification_from",
                    from: rf,
                    to_key: "to",
                    to: t,
                },
            );
        }
        let c = e.citation();
        self.unconfirmed_needs_note(&c, "the edition", e.name.span().start);
        let citation = match c.source {
            Some(s) => Some(c.with_source(self.source(s))),
            None if c.is_empty() => None,
            None => {
                self.problem(e.name.span().start, Problem::EditionCitationWithoutSource);
                None
            }
        };
        Edition {
            name,
            from,
            to,
            recertification_from,
            citation,
        }
    }

    fn requirement(
        &mut self,
        r: &RawRequirement,
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> Requirement {
        let id = self.id("requirement", &r.id);
        let name = self.non_empty("name", &r.name);
        let citation = self.citation(
            r.citation(),
            &format!("requirement `{id}`"),
            r.id.span().start,
        );
        let kind = match self.kind_of(r) {
            Some(kind) => self.requirement_kind(r, kind, rule_id, cert_refs),
            // A stand-in: the rule is refused anyway.
            None => RequirementKind::Projects {
                count: 0,
                affidavit: false,
            },
        };
        let met_by = self.met_by(r, rule_id, cert_refs);
        Requirement {
            id,
            name,
            kind,
            met_by,
            citation,
        }
    }

    /// `met_by_certification`: kebab-case ids, none twice, at least one, not
    /// the rule's own; each kept in `cert_refs` for the check across files
    /// (an unknown one is an error there, as for `kind = "certification"`).
    fn met_by(
        &mut self,
        r: &RawRequirement,
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> Vec<String> {
        self.certification_list(
            "met_by_certification",
            &r.met_by_certification,
            rule_id,
            cert_refs,
        )
    }

    /// A list of certification ids under `key` (`met_by_certification`,
    /// an exam path's `for_holders_of`), checked as [`Self::met_by`] says.
    fn certification_list(
        &mut self,
        key: &'static str,
        list: &Option<Spanned<Vec<Spanned<String>>>>,
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> Vec<String> {
        let Some(list) = list else {
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.problem(list.span().start, Problem::Empty { key });
        }
        let mut seen = HashSet::new();
        let mut ids = Vec::new();
        for c in list.get_ref() {
            let id = c.get_ref();
            if !is_kebab(id) {
                self.problem(
                    c.span().start,
                    Problem::InvalidId {
                        what: "certification",
                        id: id.clone(),
                    },
                );
                continue;
            }
            if !seen.insert(id.as_str()) {
                self.problem(c.span().start, Problem::ListedTwice { name: id.clone() });
                continue;
            }
            if id == rule_id {
                self.problem(
                    c.span().start,
                    Problem::RequiresItself {
                        id: rule_id.to_string(),
                    },
                );
                continue;
            }
            cert_refs.push((id.clone(), self.loc(c.span().start)));
            ids.push(id.clone());
        }
        ids
    }

    /// A degree requirement's `tags`: kebab-case, none twice.
    fn degree_tags(&mut self, r: &RawRequirement) -> Vec<String> {
        let Some(list) = &r.tags else {
            return Vec::new();
        };
        let mut seen = HashSet::new();
        for t in list.get_ref() {
            if !is_kebab(t.get_ref()) {
                self.problem(
                    t.span().start,
                    Problem::InvalidId {
                        what: "degree tag",
                        id: t.get_ref().clone(),
                    },
                );
            } else if !seen.insert(t.get_ref().as_str()) {
                self.problem(
                    t.span().start,
                    Problem::ListedTwice {
                        name: t.get_ref().clone(),
                    },
                );
            }
        }
        list.get_ref().iter().map(|t| t.get_ref().clone()).collect()
    }

    /// The requirement's kind, one of [`KINDS`], with its keys checked
    /// against those the kind takes; `None` (and an error) for a kind
    /// that is not one.
    fn kind_of(&mut self, r: &RawRequirement) -> Option<&'static str> {
        let kind = r.kind.get_ref().as_str();
        let Some(&(kind, allowed)) = KINDS.iter().find(|(k, _)| *k == kind) else {
            self.problem(
                r.kind.span().start,
                Problem::UnknownKind {
                    kind: kind.to_string(),
                    kinds: KIND_NAMES,
                },
            );
            return None;
        };
        for (key, at) in r.kind_keys() {
            if !allowed.contains(&key) {
                self.problem(
                    key_start(self.text, at, key),
                    Problem::KeyNotAllowed { key, kind, allowed },
                );
            }
        }
        Some(kind)
    }

    /// The figures of a requirement of `kind`, each key the kind needs
    /// checked present (an error at `kind` if not).
    fn requirement_kind(
        &mut self,
        r: &RawRequirement,
        kind: &'static str,
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> RequirementKind {
        let kind_at = r.kind.span().start;
        let missing = |cx: &mut Ctx, key: &'static str| {
            cx.problem(kind_at, Problem::KindNeedsKey { kind, key });
        };
        match kind {
            "experience" => self.experience(r, kind_at),
            "degree" => {
                if r.level.is_none() {
                    missing(self, "level");
                }
                RequirementKind::Degree {
                    level: r.level.as_ref().map_or(Level::Bachelor, |l| *l.get_ref()),
                    tags: self.degree_tags(r),
                }
            }
            "training" => {
                if r.hours.is_none() {
                    missing(self, "hours");
                }
                RequirementKind::Training {
                    hours: self.opt_units("hours", &r.hours).unwrap_or_default(),
                }
            }
            "certification" => {
                if r.certification.is_none() {
                    missing(self, "certification");
                }
                RequirementKind::Certification {
                    id: self.required_certification(&r.certification, rule_id, cert_refs),
                }
            }
            _ => {
                if r.count.is_none() {
                    missing(self, "count");
                }
                RequirementKind::Projects {
                    count: self.opt_bounded("count", &r.count, PROJECTS).unwrap_or(0),
                    affidavit: r.affidavit.as_ref().is_some_and(|a| *a.get_ref()),
                }
            }
        }
    }

    /// The certification a `certification` requirement names (empty where
    /// none is named), kept in `cert_refs` for the check across files; a
    /// certification cannot require itself.
    fn required_certification(
        &mut self,
        c: &Option<Spanned<String>>,
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> String {
        let Some(c) = c else {
            return String::new();
        };
        if c.get_ref() == rule_id {
            self.problem(
                c.span().start,
                Problem::RequiresItself {
                    id: rule_id.to_string(),
                },
            );
        } else {
            cert_refs.push((c.get_ref().clone(), self.loc(c.span().start)));
        }
        c.get_ref().clone()
    }

    fn experience(&mut self, r: &RawRequirement, kind_at: usize) -> RequirementKind {
        let months = match (&r.years, &r.months) {
            // (at most 100 years: no overflow)
            (Some(y), None) => self.bounded("years", y, YEARS) * 12,
            (None, Some(m)) => self.bounded("months", m, MONTHS),
            (Some(_), Some(m)) => {
                self.problem(m.span().start, Problem::YearsAndMonths);
                0
            }
            (None, None) => {
                self.problem(kind_at, Problem::NeedsYearsOrMonths);
                0
            }
        };
        let roles = r
            .roles
            .as_ref()
            .map(|r| self.roles(r.get_ref()))
            .unwrap_or_default();
        let mut waivers = Vec::new();
        if let Some(w) = &r.waivers {
            let mut largest: Option<(Level, u32)> = None;
            for (level, years) in w.get_ref().entries() {
                self.bounded(level.id(), years, YEARS);
                if let Some((lower, y)) = largest
                    && *years.get_ref() < y
                {
                    self.warn(
                        years.span().start,
                        Problem::WaiverBelowLower {
                            level: level.id(),
                            years: *years.get_ref(),
                            lower: lower.id(),
                            lower_years: y,
                        },
                    );
                }
                if largest.is_none_or(|(_, y)| *years.get_ref() > y) {
                    largest = Some((level, *years.get_ref()));
                }
                let m = years.get_ref().saturating_mul(12);
                if m > months && months > 0 {
                    self.problem(
                        years.span().start,
                        Problem::WaiverOverRequired {
                            level: level.id(),
                            months: m,
                            required: months,
                        },
                    );
                }
                waivers.push((level, m));
            }
        }
        RequirementKind::Experience {
            months,
            roles,
            lookback_years: self.opt_bounded("lookback_years", &r.lookback_years, YEARS),
            waivers,
            counting: self.counting(&r.counting),
        }
    }

    /// `counting = "days" | "calendar-months"` (default days).
    fn counting(&mut self, c: &Option<Spanned<String>>) -> Counting {
        let Some(c) = c else {
            return Counting::Days;
        };
        if let Some(counting) = Counting::from_id(c.get_ref()) {
            return counting;
        }
        self.problem(
            c.span().start,
            Problem::UnknownName {
                what: "`counting` value",
                name: c.get_ref().clone(),
                known: Counting::ALL.iter().map(|c| c.id().to_string()).collect(),
            },
        );
        Counting::Days
    }

    fn roles(&mut self, r: &RawRoles) -> RoleFilter {
        for t in &r.tags {
            if t.get_ref().trim().is_empty() {
                self.problem(t.span().start, Problem::EmptyRoleTag);
            }
        }
        let flag = |f: &Option<Spanned<bool>>| f.as_ref().map(|f| *f.get_ref());
        RoleFilter {
            full_time: flag(&r.full_time),
            paid: flag(&r.paid),
            decision_making: flag(&r.decision_making),
            exclude_kinds: r.exclude_kinds.clone(),
            tags: r.tags.iter().map(|t| t.get_ref().clone()).collect(),
        }
    }

    /// `part_of`: the named experience requirement's role filter and
    /// look-back carry over to the part, whose own `roles` add to them.
    fn resolve_parts(&mut self, raw: &[Spanned<RawRequirement>], reqs: &mut [Requirement]) {
        let experience_ids: Vec<&str> = raw
            .iter()
            .map(|r| r.get_ref())
            .filter(|r| r.kind.get_ref() == "experience")
            .map(|r| r.id.get_ref().as_str())
            .collect();
        for (i, r) in raw.iter().map(|r| r.get_ref()).enumerate() {
            let Some(part_of) = &r.part_of else { continue };
            if r.kind.get_ref() != "experience" {
                continue; // already reported as not allowed
            }
            let Some(j) = self.whole_of(r, part_of, raw, &experience_ids) else {
                continue;
            };
            let whole = reqs[j].kind.clone();
            self.inherit_from_whole(r, part_of, whole, &mut reqs[i].kind);
        }
    }

    /// Where in `raw` the requirement that `r` is `part_of` is, when it is
    /// another experience requirement and not a part itself (else an error).
    fn whole_of(
        &mut self,
        r: &RawRequirement,
        part_of: &Spanned<String>,
        raw: &[Spanned<RawRequirement>],
        experience_ids: &[&str],
    ) -> Option<usize> {
        let target = part_of.get_ref();
        let at = part_of.span().start;
        if target == r.id.get_ref() {
            self.problem(at, Problem::PartOfItself { id: target.clone() });
            return None;
        }
        let Some(j) = raw.iter().position(|q| q.get_ref().id.get_ref() == target) else {
            let others: Vec<&str> = experience_ids
                .iter()
                .copied()
                .filter(|e| *e != r.id.get_ref())
                .collect();
            self.reference("experience requirement", part_of, &others);
            return None;
        };
        let parent = raw[j].get_ref();
        if parent.kind.get_ref() != "experience" {
            self.problem(at, Problem::PartOfNotExperience { id: target.clone() });
            return None;
        }
        if let Some(grand) = &parent.part_of {
            self.problem(
                at,
                Problem::PartOfPart {
                    id: target.clone(),
                    grand: grand.get_ref().clone(),
                },
            );
            return None;
        }
        Some(j)
    }

    /// The part `r` (its model, `part`) takes the look-back and role filter
    /// of `whole`, the requirement it is `part_of`, and may ask for no more
    /// than it.
    fn inherit_from_whole(
        &mut self,
        r: &RawRequirement,
        part_of: &Spanned<String>,
        whole: RequirementKind,
        part: &mut RequirementKind,
    ) {
        let target = part_of.get_ref();
        let at = part_of.span().start;
        if let Some(l) = &r.lookback_years {
            self.problem(
                l.span().start,
                Problem::LookbackWithPartOf {
                    target: target.clone(),
                },
            );
        }
        let RequirementKind::Experience {
            months: p_months,
            roles: p_roles,
            lookback_years: p_lookback,
            counting: p_counting,
            ..
        } = whole
        else {
            return;
        };
        let RequirementKind::Experience {
            months,
            roles,
            lookback_years,
            counting,
            ..
        } = part
        else {
            return;
        };
        // a part counts as its whole does, unless it says otherwise
        if r.counting.is_none() {
            *counting = p_counting;
        }
        if p_months > 0 && *months > p_months {
            let at = r
                .years
                .as_ref()
                .or(r.months.as_ref())
                .map_or(at, |s| s.span().start);
            self.problem(
                at,
                Problem::PartOverWhole {
                    id: r.id.get_ref().clone(),
                    months: *months,
                    target: target.clone(),
                    target_months: p_months,
                },
            );
        }
        *lookback_years = p_lookback;
        let own_at = r.roles.as_ref().map_or(at, |x| x.span().start);
        for p in inherit_roles(roles, p_roles, target) {
            self.problem(own_at, p);
        }
    }

    fn paths(
        &mut self,
        raw: &[Spanned<RawPath>],
        reqs: &[Spanned<RawRequirement>],
    ) -> Vec<PrereqPath> {
        let req_ids: Vec<&str> = reqs
            .iter()
            .map(|r| r.get_ref().id.get_ref().as_str())
            .collect();
        if raw.is_empty() {
            return vec![PrereqPath {
                id: DEFAULT_PATH_ID.to_string(),
                name: "All requirements".to_string(),
                requires: req_ids.iter().map(|s| s.to_string()).collect(),
            }];
        }
        self.unique("path", raw.iter().map(|p| &p.get_ref().id));
        let paths: Vec<PrereqPath> = raw
            .iter()
            .map(|p| {
                let p = p.get_ref();
                let id = self.id("path", &p.id);
                PrereqPath {
                    name: self.non_empty("name", &p.name),
                    requires: self.references(
                        "requirement",
                        &p.requires,
                        &req_ids,
                        Problem::ListsNothing {
                            owner: format!("path `{id}`"),
                            says: "requires nothing",
                        },
                    ),
                    id,
                }
            })
            .collect();
        for r in reqs {
            let id = &r.get_ref().id;
            if !paths.iter().any(|p| p.requires.contains(id.get_ref())) {
                self.problem(
                    id.span().start,
                    Problem::RequirementNotInPath {
                        id: id.get_ref().clone(),
                    },
                );
            }
        }
        paths
    }

    /// The exams and the exam paths that list them; an exam no path lists
    /// is an error.
    fn exams(
        &mut self,
        raw: &[Spanned<RawExam>],
        raw_paths: &[Spanned<RawExamPath>],
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> (Vec<Exam>, Vec<ExamPath>) {
        self.unique("exam", raw.iter().map(|e| &e.get_ref().id));
        let exams: Vec<Exam> = raw.iter().map(|e| self.exam(e.get_ref())).collect();
        self.unique("exam path", raw_paths.iter().map(|p| &p.get_ref().id));
        let exam_ids: Vec<&str> = exams.iter().map(|e| e.id.as_str()).collect();
        let exam_paths: Vec<ExamPath> = raw_paths
            .iter()
            .map(|p| self.exam_path(p.get_ref(), &exam_ids, rule_id, cert_refs))
            .collect();
        for e in raw {
            let e = &e.get_ref().id;
            if !exam_paths
                .iter()
                .any(|p| p.exams.iter().any(|x| x == e.get_ref()))
            {
                self.problem(
                    e.span().start,
                    Problem::ExamNotUsed {
                        id: e.get_ref().clone(),
                    },
                );
            }
        }
        (exams, exam_paths)
    }

    fn exam(&mut self, e: &RawExam) -> Exam {
        let id = self.id("exam", &e.id);
        let citation = self.citation(e.citation(), &format!("exam `{id}`"), e.id.span().start);
        let (offered_from, offered_to) = self.date_order(
            ("offered_from", &e.offered_from),
            ("offered_to", &e.offered_to),
        );
        Exam {
            name: self.non_empty("name", &e.name),
            id,
            offered_from,
            offered_to,
            citation,
        }
    }

    fn exam_path(
        &mut self,
        p: &RawExamPath,
        exam_ids: &[&str],
        rule_id: &str,
        cert_refs: &mut Vec<(String, Loc)>,
    ) -> ExamPath {
        let id = self.id("exam path", &p.id);
        let citation = self.citation(
            p.citation(),
            &format!("exam path `{id}`"),
            p.id.span().start,
        );
        let exams = self.references(
            "exam",
            &p.exams,
            exam_ids,
            Problem::ListsNothing {
                owner: format!("exam path `{id}`"),
                says: "lists no exam",
            },
        );
        let within = self.period(
            ("within_years", &p.within_years, Unit::Years),
            ("within_months", &p.within_months, Unit::Months),
        );
        let valid = self
            .opt_bounded("valid_years", &p.valid_years, YEARS_FROM_1)
            .map(|v| Unit::Years.period(v));
        if let Some(v) = &p.valid_years
            && *v.get_ref() == 0
        {
            self.problem(v.span().start, Problem::AtLeastOne { key: "valid_years" });
        }
        let for_holders_of =
            self.certification_list("for_holders_of", &p.for_holders_of, rule_id, cert_refs);
        ExamPath {
            name: self.non_empty("name", &p.name),
            id,
            exams,
            within,
            valid,
            for_holders_of,
            citation,
        }
    }

    /// `[recertification]`: the cycles, or (`held_for_life = true`) the
    /// citation saying there are none.
    fn recertification(
        &mut self,
        r: &RawRecertification,
        at: usize,
    ) -> (Option<Recertification>, Option<Citation>) {
        let citation = self.citation(r.citation(), "`[recertification]`", at);
        if r.held_for_life.as_ref().is_some_and(|h| *h.get_ref()) {
            for (key, key_at) in r.cycle_keys() {
                self.problem(
                    key_start(self.text, key_at, key),
                    Problem::HeldForLifeWith { key },
                );
            }
            return (None, Some(citation));
        }
        let needs = |cx: &mut Self, key: &'static str, given: bool| {
            if !given {
                cx.problem(at, Problem::RecertificationNeeds { key });
            }
        };
        needs(self, "cycle_years", r.cycle_years.is_some());
        needs(self, "anchor", r.anchor.is_some());
        needs(self, "units_required", r.units_required.is_some());
        needs(self, "unit", r.unit.is_some());
        if let Some(y) = &r.cycle_years
            && *y.get_ref() == 0
        {
            self.problem(y.span().start, Problem::AtLeastOne { key: "cycle_years" });
        }
        let grace = self
            .period(
                ("grace_months", &r.grace_months, Unit::Months),
                ("grace_days", &r.grace_days, Unit::Days),
            )
            .unwrap_or_default();
        let by_exam = self.period(
            ("by_exam_months", &r.by_exam_months, Unit::Months),
            ("by_exam_days", &r.by_exam_days, Unit::Days),
        );
        let window_before = self.period(
            (
                "window_before_months",
                &r.window_before_months,
                Unit::Months,
            ),
            ("window_before_days", &r.window_before_days, Unit::Days),
        );
        let carry_over = r
            .carry_over
            .as_ref()
            .map(|c| self.carry_over(c.get_ref(), c.span().start, &citation));
        let categories = self.categories(&r.category, &citation);
        let category_ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
        self.unique("group", r.group.iter().map(|g| &g.get_ref().id));
        let groups: Vec<Group> = r
            .group
            .iter()
            .map(|g| self.group(g.get_ref(), &category_ids, &citation))
            .collect();
        let units_required = r
            .units_required
            .as_ref()
            .map_or(Units::ZERO, |u| self.units("units_required", u));
        self.minimums_within(r, &categories, &groups, units_required);
        let rc = Recertification {
            cycle_years: r
                .cycle_years
                .as_ref()
                .map_or(1, |y| self.bounded("cycle_years", y, YEARS_FROM_1)),
            anchor: match r.anchor.as_ref().map(|a| a.get_ref()) {
                Some(RawAnchor::MonthEnd) => Anchor::MonthEnd,
                Some(RawAnchor::Anniversary) | None => Anchor::Anniversary,
            },
            units_required,
            unit: r
                .unit
                .as_ref()
                .map_or_else(String::new, |u| self.non_empty("unit", u)),
            grace,
            window_before,
            late_units_per_year: self.opt_units("late_units_per_year", &r.late_units_per_year),
            categories,
            groups,
            carry_over,
            grace_units: match r.grace_units.as_ref().map(|g| g.get_ref()) {
                Some(RawGraceUnits::OverdueCycle) => GraceUnits::OverdueCycle,
                Some(RawGraceUnits::NextCycle) | None => GraceUnits::NextCycle,
            },
            by_exam,
            citation,
        };
        (Some(rc), None)
    }

    /// `[recertification.carry_over]` (at `at`), its citation defaulting
    /// to `recert`.
    fn carry_over(&mut self, c: &RawCarryOver, at: usize, recert: &Citation) -> CarryOver {
        for (key, v) in [
            ("window_months", &c.window_months),
            ("window_days", &c.window_days),
        ] {
            if let Some(v) = v
                && *v.get_ref() == 0
            {
                self.problem(v.span().start, Problem::AtLeastOne { key });
            }
        }
        let window = self.period(
            ("window_months", &c.window_months, Unit::MonthsFrom1),
            ("window_days", &c.window_days, Unit::DaysFrom1),
        );
        if c.window_months.is_none() && c.window_days.is_none() {
            self.problem(at, Problem::CarryOverNeedsWindow);
        }
        CarryOver {
            max: self.units("max", &c.max),
            window: window.unwrap_or_default(),
            citation: self.optional_citation(
                c.citation(),
                recert,
                "`[recertification.carry_over]`",
                c.max.span().start,
            ),
        }
    }

    /// Warnings for minimums no one could meet within `units_required`: a
    /// group's own, and the categories' added up.
    fn minimums_within(
        &mut self,
        r: &RawRecertification,
        categories: &[Category],
        groups: &[Group],
        units_required: Units,
    ) {
        for (g, raw) in groups.iter().zip(&r.group) {
            if let (Some(min), Some(at)) = (g.min, &raw.get_ref().min)
                && min > units_required
            {
                self.warn(
                    at.span().start,
                    Problem::GroupMinOverRequired {
                        id: g.id.clone(),
                        min,
                        required: units_required,
                    },
                );
            }
        }
        let mins: Units = categories.iter().filter_map(|c| c.min).sum();
        if let Some(at) = &r.units_required
            && mins > units_required
        {
            self.warn(
                at.span().start,
                Problem::CategoryMinsOverRequired {
                    mins,
                    required: units_required,
                },
            );
        }
    }

    fn categories(&mut self, raw: &[Spanned<RawCategory>], recert: &Citation) -> Vec<Category> {
        self.unique("category", raw.iter().map(|c| &c.get_ref().id));
        let ids: Vec<&str> = raw
            .iter()
            .map(|c| c.get_ref().id.get_ref().as_str())
            .collect();
        let mut parent_of: HashMap<&str, &str> = HashMap::new();
        for c in raw.iter().map(|c| c.get_ref()) {
            if let Some(p) = &c.parent
                && self.reference("category", p, &ids)
            {
                parent_of.entry(c.id.get_ref()).or_insert(p.get_ref());
            }
        }
        // Caps nest one level: a parent has no parent. A loop is reported
        // once, at its first member in the file.
        let mut reported: HashSet<&str> = HashSet::new();
        for c in raw.iter().map(|c| c.get_ref()) {
            let (Some(p), Some(&parent)) = (&c.parent, parent_of.get(c.id.get_ref().as_str()))
            else {
                continue;
            };
            let me = c.id.get_ref().as_str();
            if reported.contains(me) {
                continue;
            }
            let mut chain = vec![me];
            let mut cur = parent;
            while !chain.contains(&cur) {
                chain.push(cur);
                match parent_of.get(cur) {
                    Some(&next) => cur = next,
                    None => break,
                }
            }
            if cur == me {
                chain.push(me);
                reported.extend(chain.iter().copied());
                self.problem(
                    p.span().start,
                    Problem::CategoryLoop {
                        chain: chain.iter().map(|c| c.to_string()).collect(),
                    },
                );
            } else if let Some(grand) = parent_of.get(parent) {
                self.problem(
                    p.span().start,
                    Problem::NestedCategory {
                        parent: parent.to_string(),
                        grand: grand.to_string(),
                    },
                );
            }
        }
        raw.iter()
            .map(|c| {
                let c = c.get_ref();
                let (min, max) = self.min_max(&c.min, &c.max);
                Category {
                    id: self.id("category", &c.id),
                    name: self.non_empty("name", &c.name),
                    min,
                    max,
                    max_share: c.max_share.as_ref().and_then(|s| self.share(s)),
                    parent: c.parent.as_ref().map(|p| p.get_ref().clone()),
                    units_per_hour: self.opt_units("units_per_hour", &c.units_per_hour),
                    citation: self.optional_citation(
                        c.citation(),
                        recert,
                        &format!("category `{}`", c.id.get_ref()),
                        c.id.span().start,
                    ),
                }
            })
            .collect()
    }

    fn group(&mut self, g: &RawGroup, category_ids: &[&str], recert: &Citation) -> Group {
        let id = self.id("group", &g.id);
        let categories = self.references(
            "category",
            &g.categories,
            category_ids,
            Problem::ListsNothing {
                owner: format!("group `{id}`"),
                says: "lists no category",
            },
        );
        let (min, max) = self.min_max(&g.min, &g.max);
        Group {
            name: self.non_empty("name", &g.name),
            id,
            categories,
            min,
            max,
            min_share: g.min_share.as_ref().and_then(|s| self.share(s)),
            max_share: g.max_share.as_ref().and_then(|s| self.share(s)),
            citation: self.optional_citation(
                g.citation(),
                recert,
                &format!("group `{}`", g.id.get_ref()),
                g.id.span().start,
            ),
        }
    }

    /// `"num/den"` or `"N%"` (N/100), a fraction of the units required
    /// between 0 and 1.
    fn share(&mut self, s: &Spanned<String>) -> Option<(u32, u32)> {
        let text = s.get_ref().as_str();
        let at = s.span().start;
        let whole = |t: &str| -> Option<u32> {
            let t = t.trim();
            // `parse` takes a leading `+`; a share is written without one
            t.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| t.parse::<u32>().ok())
                .flatten()
        };
        let parsed = match text.trim().strip_suffix('%') {
            Some(p) => whole(p).map(|p| (p, 100)),
            None => text
                .split_once('/')
                .and_then(|(n, d)| Some((whole(n)?, whole(d)?))),
        };
        match parsed {
            None => self.problem(
                at,
                Problem::ShareNotFraction {
                    text: text.to_string(),
                },
            ),
            Some((_, 0)) => self.problem(
                at,
                Problem::ShareZeroDenominator {
                    text: text.to_string(),
                },
            ),
            Some((n, d)) if n > d => self.problem(
                at,
                Problem::ShareOverWhole {
                    text: text.to_string(),
                },
            ),
            Some(nd) => return Some(nd),
        }
        None
    }
}

/// The range a whole-number key of the rule format allows (documented in
/// docs/rules.md): wide enough for any real figure (the largest built-in
/// ones are a 10-year requirement, a 5-year cycle and a 60-month grace),
/// narrow enough that every date computed from them stays a date.
#[derive(Clone, Copy)]
pub(crate) struct Bound {
    pub min: u32,
    pub max: u32,
    pub unit: &'static str,
}

/// A length in years (`years`, `cycle_years`, a waiver...): up to 100.
pub(crate) const YEARS: Bound = Bound {
    min: 0,
    max: 100,
    unit: "years",
};
/// The same, where 0 is refused (`cycle_years`, `valid_years`).
pub(crate) const YEARS_FROM_1: Bound = Bound { min: 1, ..YEARS };
/// A length in months: up to 1200 (100 years).
pub(crate) const MONTHS: Bound = Bound {
    min: 0,
    max: 1200,
    unit: "months",
};
/// The same, where 0 is refused (`window_months`).
pub(crate) const MONTHS_FROM_1: Bound = Bound { min: 1, ..MONTHS };
/// A length in days: up to 36525 (100 years).
pub(crate) const DAYS: Bound = Bound {
    min: 0,
    max: 36525,
    unit: "days",
};
/// The same, where 0 is refused (`window_days`).
pub(crate) const DAYS_FROM_1: Bound = Bound { min: 1, ..DAYS };
/// A number of projects: up to 10000.
pub(crate) const PROJECTS: Bound = Bound {
    min: 0,
    max: 10000,
    unit: "projects",
};

/// The unit of a whole-number length key.
#[derive(Clone, Copy)]
enum Unit {
    Years,
    Months,
    Days,
    /// Months or days where 0 is refused.
    MonthsFrom1,
    DaysFrom1,
}

impl Unit {
    fn bound(self) -> Bound {
        match self {
            Unit::Years => YEARS,
            Unit::Months => MONTHS,
            Unit::Days => DAYS,
            Unit::MonthsFrom1 => MONTHS_FROM_1,
            Unit::DaysFrom1 => DAYS_FROM_1,
        }
    }

    fn period(self, n: u32) -> Period {
        let mut p = Period::default();
        match self {
            Unit::Years => p.years = n,
            Unit::Months | Unit::MonthsFrom1 => p.months = n,
            Unit::Days | Unit::DaysFrom1 => p.days = n,
        }
        p
    }
}

/// A part's role filter: the parent's, with the part's own flags and lists
/// added. Returns a problem for each flag the part contradicts.
fn inherit_roles(own: &mut RoleFilter, parent: RoleFilter, parent_id: &str) -> Vec<Problem> {
    let mut clashes = Vec::new();
    for (key, own, inherited) in [
        ("full_time", &mut own.full_time, parent.full_time),
        ("paid", &mut own.paid, parent.paid),
        (
            "decision_making",
            &mut own.decision_making,
            parent.decision_making,
        ),
    ] {
        match (*own, inherited) {
            (Some(a), Some(b)) if a != b => clashes.push(Problem::RoleFlagClash {
                key,
                own: a,
                inherited: b,
                parent: parent_id.to_string(),
            }),
            (None, b) => *own = b,
            _ => {}
        }
    }
    for k in parent.exclude_kinds {
        if !own.exclude_kinds.contains(&k) {
            own.exclude_kinds.push(k);
        }
    }
    for t in parent.tags {
        if !own.tags.contains(&t) {
            own.tags.push(t);
        }
    }
    clashes
}

/// `a`, `ab-12`, `cpim-part-1`: lowercase ASCII words joined by single hyphens.
fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Where `key` starts when the value at `value_at` is written `key = value`
/// on one line; `value_at` otherwise (a table header, a dotted key).
fn key_start(text: &str, value_at: usize, key: &str) -> usize {
    let line_start = text[..value_at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..value_at];
    let indent = before.len() - before.trim_start().len();
    match before.trim().strip_prefix(key) {
        Some(rest) if rest.trim() == "=" => line_start + indent,
        _ => value_at,
    }
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a misspelt kind is matched against are the kinds read.
    #[test]
    fn kind_names_are_the_kinds() {
        let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, KIND_NAMES);
    }
}
