//! Every citation of a rule, and how many of its figures the certifying body
//! itself confirms (`rules list`, `rules show`).
//!
//! A figure is one cited table of the rule file: the edition, each
//! requirement, exam and exam path, the recertification, its carry-over and
//! each category and group that carries its own citation. A table without a
//! citation of its own is covered by the recertification's and is not
//! counted twice. A figure is confirmed by the body when its citation says
//! `confirmed = true`: the rule files mark a figure seen only on a
//! third-party page, a staging host or inferred as `confirmed = false`.

use super::model::{Citation, Rule};

/// How many of a rule's figures are confirmed, of how many cited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CitationCount {
    /// Figures whose citation says `confirmed = true`.
    pub confirmed: usize,
    /// Every cited figure.
    pub total: usize,
}

impl CitationCount {
    /// "4 of 17"
    pub fn of(self) -> String {
        format!("{} of {}", self.confirmed, self.total)
    }
}

/// One citation and the table it cites ("requirement `experience`").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited<'a> {
    pub what: String,
    pub citation: &'a Citation,
}

impl Rule {
    /// Every citation of the rule, in file order: the edition, the
    /// requirements, the exams, the exam paths, then `held_for_life` or the
    /// recertification and its carry-over, categories and groups.
    pub fn citations(&self) -> Vec<Cited<'_>> {
        let mut v = Vec::new();
        if let Some(c) = &self.edition.citation {
            v.push(Cited {
                what: "edition".into(),
                citation: c,
            });
        }
        for q in &self.requirements {
            v.push(Cited {
                what: format!("requirement `{}`", q.id),
                citation: &q.citation,
            });
        }
        for e in &self.exams {
            v.push(Cited {
                what: format!("exam `{}`", e.id),
                citation: &e.citation,
            });
        }
        for p in &self.exam_paths {
            v.push(Cited {
                what: format!("exam path `{}`", p.id),
                citation: &p.citation,
            });
        }
        if let Some(c) = &self.held_for_life {
            v.push(Cited {
                what: "held for life".into(),
                citation: c,
            });
        }
        if let Some(rc) = &self.recertification {
            v.push(Cited {
                what: "recertification".into(),
                citation: &rc.citation,
            });
            if let Some(c) = rc.carry_over.as_ref().and_then(|co| co.citation.as_ref()) {
                v.push(Cited {
                    what: "carry-over".into(),
                    citation: c,
                });
            }
            for cat in &rc.categories {
                if let Some(c) = &cat.citation {
                    v.push(Cited {
                        what: format!("category `{}`", cat.id),
                        citation: c,
                    });
                }
            }
            for g in &rc.groups {
                if let Some(c) = &g.citation {
                    v.push(Cited {
                        what: format!("group `{}`", g.id),
                        citation: c,
                    });
                }
            }
        }
        v
    }

    /// How many of the rule's figures the body itself confirms.
    pub fn citation_count(&self) -> CitationCount {
        let all = self.citations();
        CitationCount {
            confirmed: all.iter().filter(|c| c.citation.confirmed).count(),
            total: all.len(),
        }
    }
}
