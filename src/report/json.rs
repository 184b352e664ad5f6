//! The JSON report (`check --format json`): one object, field names fixed by
//! shared/spec/cli.md. The names come from the `Report` types' Serialize
//! derives; the tests below pin them.

use crate::eval::Report;

/// The report as one pretty-printed JSON object, with a trailing newline.
pub fn render(report: &Report) -> String {
    // Serializing cannot fail: every map key is a string and every value a
    // plain string, number, bool or date. Should that ever change, the
    // output stays one JSON object rather than a panic.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot write the report as JSON: {e}") }).to_string()
    });
    text.push('\n');
    text
}

/// Any serializable answer (what-if, report with plans) as pretty JSON,
/// with a trailing newline.
pub fn render_value<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot write the report as JSON: {e}") }).to_string()
    });
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    //! The mirror structs below deny unknown fields and name every field, so
    //! renaming, adding or dropping a field in the report fails here; widen
    //! the mirror on purpose when the contract grows.

    use super::*;
    use crate::dates::date;
    use crate::eval::{ProfileRef, Status};
    use crate::report::fixtures;
    use serde::Deserialize;
    use serde_json::{Number, Value};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MReport {
        as_of: String,
        profile: MProfile,
        results: Vec<MResult>,
        warnings: Vec<String>,
        #[serde(default)]
        month_dates: Vec<MMonthDate>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MMonthDate {
        field: String,
        entry: usize,
        of: String,
        month: String,
        read_as: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MProfile {
        name: String,
        id: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MResult {
        certification: String,
        name: String,
        issuer: String,
        edition: String,
        status: String,
        eligible_on: Option<String>,
        requirements: Vec<MRequirement>,
        renewal: Option<MRenewal>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MRequirement {
        id: String,
        name: String,
        met: bool,
        summary: String,
        met_on: Option<String>,
        detail: MDetail,
        met_by: Option<String>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct MRoleCount {
        role: String,
        counted: bool,
        reasons: Vec<String>,
        missing_tags: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
    enum MDetail {
        Experience {
            counted_days: i64,
            required_days: i64,
            base_required_days: i64,
            waived_months: u32,
            waiver_level: Option<String>,
            window_from: Option<String>,
            counting: String,
            counted_months: Option<u32>,
            required_months: Option<u32>,
            roles: Vec<MRoleCount>,
        },
        Degree {
            required: String,
            tags: Vec<String>,
            highest: Option<String>,
        },
        Training {
            hours_counted: Number,
            hours_required: Number,
        },
        Certification {
            id: String,
            status: Option<String>,
        },
        Projects {
            counted: u32,
            required: u32,
        },
        Path {
            requires: Vec<String>,
        },
        Exam {
            met_path: Option<String>,
            paths: Vec<MExamPath>,
        },
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct MPass {
        id: String,
        passed: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MExamPath {
        id: String,
        name: String,
        met: bool,
        passed: Vec<MPass>,
        missing: Vec<String>,
        deadline: Option<String>,
        window_ok: bool,
        withdrawn: Vec<String>,
        for_holders_of: Vec<String>,
        open: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MRenewal {
        cycle: u32,
        cycle_number: u32,
        edition: String,
        cycle_start: String,
        cycle_end: String,
        grace_until: String,
        by_exam_until: Option<String>,
        route: Option<String>,
        days_left: i64,
        window_opens: Option<String>,
        unit: String,
        units_required: Number,
        late_units: Number,
        units_counted: Number,
        units_needed: Number,
        ready: bool,
        categories: Vec<MCategory>,
        groups: Vec<MGroup>,
        carry_over: Option<MCarryOver>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MCategory {
        id: String,
        name: String,
        earned: Number,
        counted: Number,
        min: Option<Number>,
        max: Option<Number>,
        max_share: Option<String>,
        over_cap: Number,
        needed: Number,
        parent: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MGroup {
        id: String,
        name: String,
        categories: Vec<String>,
        counted: Number,
        min: Option<Number>,
        max: Option<Number>,
        over_cap: Number,
        needed: Number,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MCarryOver {
        units: Number,
        from_start: String,
        from_end: String,
    }

    /// Every detail, and a renewal in grace with each field of issue 14
    /// set: a cycle judged by an older edition, renewal by exam, a route,
    /// a category maximum given as a share.
    fn sample() -> Report<'static> {
        let mut r = fixtures::every_detail();
        let rn = r.results[1].renewal.as_mut().unwrap();
        rn.edition = "5-year suspension";
        rn.by_exam_until = Some(crate::dates::date(2027, 7, 31));
        rn.route = Some(crate::eval::Route::Exam);
        rn.categories[0].max_share = Some("60 %".into());
        r
    }

    #[test]
    fn one_pretty_object_with_a_trailing_newline() {
        let text = render(&sample());
        assert!(
            text.starts_with("{\n  \"as_of\": \"2026-11-25\",\n"),
            "{text}"
        );
        assert!(text.ends_with("}\n"));
        assert!(!text.ends_with("\n\n"));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v.is_object());
    }

    #[test]
    fn month_dates_are_listed_with_the_day_each_was_read_as() {
        use crate::profile::model::{MonthDate, MonthField};
        let mut report = sample();
        assert!(
            serde_json::from_str::<MReport>(&render(&report))
                .unwrap()
                .month_dates
                .is_empty()
        );
        report.month_dates.push(MonthDate {
            field: MonthField::ExamsPassed,
            entry: 2,
            of: "cpim-part-2".into(),
            month: "2016-02".into(),
            read_as: date(2016, 2, 29),
            other_end: date(2016, 2, 1),
        });
        let r: MReport = serde_json::from_str(&render(&report)).unwrap();
        let m = &r.month_dates[0];
        assert_eq!(
            (
                m.field.as_str(),
                m.entry,
                m.of.as_str(),
                m.month.as_str(),
                m.read_as.as_str()
            ),
            ("exams.passed", 2, "cpim-part-2", "2016-02", "2016-02-29")
        );
    }

    #[test]
    fn fields_and_values_match_the_contract() {
        let mut report = sample();
        match &mut report.results[0].requirements[0].detail {
            crate::eval::Detail::Experience { roles, .. } => roles.extend([
                crate::eval::RoleCount {
                    role: "Quality Manager at Acme".into(),
                    counted: true,
                    reasons: vec![],
                    missing_tags: vec![],
                },
                crate::eval::RoleCount {
                    role: "Intern at X".into(),
                    counted: false,
                    reasons: vec!["internship", "not-tagged"],
                    missing_tags: vec!["pmp"],
                },
            ]),
            _ => panic!("experience detail expected"),
        }
        let text = render(&report);
        let r: MReport = serde_json::from_str(&text).unwrap();
        assert_eq!(r.as_of, "2026-11-25");
        assert_eq!(
            (r.profile.name.as_str(), r.profile.id.as_str()),
            ("Dana Whitfield", "C-1042")
        );
        assert_eq!(r.warnings, ["a warning"]);
        assert_eq!(r.results.len(), 2);

        let cmq = &r.results[0];
        assert_eq!(cmq.certification, "cmq-oe");
        assert_eq!(
            cmq.name,
            "Certified Manager of Quality/Organizational Excellence"
        );
        assert_eq!((cmq.issuer.as_str(), cmq.edition.as_str()), ("ASQ", "2024"));
        assert_eq!(cmq.status, "not-eligible");
        assert_eq!(cmq.eligible_on.as_deref(), Some("2027-09-30"));
        assert!(cmq.renewal.is_none());
        let ids: Vec<&str> = cmq.requirements.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "experience",
                "degree",
                "training",
                "held",
                "projects",
                "with-degree",
                "exam"
            ]
        );
        let exp = &cmq.requirements[0];
        assert_eq!(
            (exp.name.as_str(), exp.met, exp.summary.as_str()),
            ("experience name", false, "experience summary")
        );
        assert_eq!(exp.met_on.as_deref(), Some("2027-09-30"));
        assert_eq!(exp.met_by, None);
        match &exp.detail {
            MDetail::Experience {
                counted_days,
                required_days,
                base_required_days,
                waived_months,
                waiver_level,
                window_from,
                counting,
                counted_months,
                required_months,
                roles,
            } => {
                let roles: Vec<_> = roles
                    .iter()
                    .map(|r| {
                        (
                            r.role.as_str(),
                            r.counted,
                            &r.reasons[..],
                            &r.missing_tags[..],
                        )
                    })
                    .collect();
                assert_eq!(
                    roles,
                    [
                        ("Quality Manager at Acme", true, &[][..], &[][..]),
                        (
                            "Intern at X",
                            false,
                            &["internship".to_string(), "not-tagged".to_string()][..],
                            &["pmp".to_string()][..]
                        )
                    ]
                );
                assert_eq!(
                    (*counted_days, *required_days, *base_required_days),
                    (3042, 2191, 3652)
                );
                assert_eq!(counting, "days");
                assert_eq!((*counted_months, *required_months), (None, None));
                assert_eq!(*waived_months, 48);
                assert_eq!(waiver_level.as_deref(), Some("bachelor"));
                assert_eq!(window_from.as_deref(), Some("2018-11-26"));
            }
            _ => panic!("experience detail expected"),
        }
        match &cmq.requirements[1].detail {
            MDetail::Degree {
                required,
                highest,
                tags,
            } => {
                assert_eq!(tags, &["gac-accredited"]);
                assert_eq!(
                    (required.as_str(), highest.as_deref()),
                    ("bachelor", Some("master"))
                );
            }
            _ => panic!("degree detail expected"),
        }
        match &cmq.requirements[2].detail {
            MDetail::Training {
                hours_counted,
                hours_required,
            } => {
                assert_eq!(hours_counted.to_string(), "10.8");
                assert_eq!(hours_required.to_string(), "35");
                assert!(hours_required.is_u64(), "whole units are JSON integers");
            }
            _ => panic!("training detail expected"),
        }
        match &cmq.requirements[3].detail {
            MDetail::Certification { id, status } => {
                assert_eq!((id.as_str(), status.as_deref()), ("cqe", Some("lapsed")));
            }
            _ => panic!("certification detail expected"),
        }
        match &cmq.requirements[4].detail {
            MDetail::Projects { counted, required } => assert_eq!((*counted, *required), (1, 2)),
            _ => panic!("projects detail expected"),
        }
        match &cmq.requirements[5].detail {
            MDetail::Path { requires } => assert_eq!(requires, &["experience", "degree"]),
            _ => panic!("path detail expected"),
        }
        match &cmq.requirements[6].detail {
            MDetail::Exam { met_path, paths } => {
                assert_eq!(*met_path, None);
                let p = &paths[0];
                assert_eq!(
                    (p.id.as_str(), p.name.as_str(), p.met),
                    ("parts", "Part 1 and Part 2", false)
                );
                assert_eq!(
                    p.passed,
                    [MPass {
                        id: "cpim-part-1".to_string(),
                        passed: "2022-03-01".to_string()
                    }]
                );
                assert_eq!(p.missing, ["cpim-part-2"]);
                assert_eq!(p.deadline.as_deref(), Some("2025-03-01"));
                assert!(p.window_ok);
                assert_eq!(p.withdrawn, ["cpim-part-2"]);
                // open to all: no holder condition
                assert!(p.for_holders_of.is_empty() && p.open);
            }
            _ => panic!("exam detail expected"),
        }

        let cpim = &r.results[1];
        assert_eq!(cpim.status, "certified");
        assert_eq!(cpim.eligible_on, None);
        let rn = cpim.renewal.as_ref().unwrap();
        assert_eq!(rn.cycle, 1);
        // the number the text says ("the 2nd cycle")
        assert_eq!(rn.cycle_number, 2);
        assert_eq!(rn.edition, "5-year suspension");
        assert_eq!(rn.by_exam_until.as_deref(), Some("2027-07-31"));
        assert_eq!(rn.route.as_deref(), Some("exam"));
        assert_eq!(
            (
                rn.cycle_start.as_str(),
                rn.cycle_end.as_str(),
                rn.grace_until.as_str()
            ),
            ("2021-08-01", "2026-07-31", "2026-10-29")
        );
        assert_eq!(rn.days_left, 249);
        assert_eq!(rn.window_opens, None);
        assert_eq!(rn.unit, "points");
        assert_eq!(rn.units_required.to_string(), "75");
        assert_eq!(rn.late_units.to_string(), "0");
        assert_eq!(rn.units_counted.to_string(), "10.8");
        assert_eq!(rn.units_needed.to_string(), "64.2");
        assert!(!rn.ready);
        let c = &rn.categories[0];
        assert_eq!(
            (c.id.as_str(), c.name.as_str()),
            ("membership", "Membership")
        );
        assert_eq!(c.earned.to_string(), "18");
        assert_eq!(c.counted.to_string(), "12.5");
        assert!(c.min.is_none(), "no minimum is null");
        assert_eq!(
            c.max.as_ref().map(ToString::to_string).as_deref(),
            Some("12.5")
        );
        assert_eq!(c.max_share.as_deref(), Some("60 %"));
        assert_eq!(c.over_cap.to_string(), "5.5");
        assert_eq!(c.needed.to_string(), "0");
        assert_eq!(c.parent, None);
        let g = &rn.groups[0];
        assert_eq!((g.id.as_str(), g.name.as_str()), ("education", "Education"));
        assert_eq!(g.categories, ["membership"]);
        assert_eq!(g.counted.to_string(), "12.5");
        assert_eq!(
            g.min.as_ref().map(ToString::to_string).as_deref(),
            Some("35")
        );
        assert!(g.max.is_none());
        assert_eq!(
            (g.over_cap.to_string(), g.needed.to_string()),
            ("0".into(), "22.5".into())
        );
        let co = rn.carry_over.as_ref().unwrap();
        assert_eq!(co.units.to_string(), "0.125");
        assert_eq!(
            (co.from_start.as_str(), co.from_end.as_str()),
            ("2016-08-01", "2021-07-31")
        );
    }

    #[test]
    fn exact_decimal_text_and_explicit_nulls() {
        let text = render(&sample());
        assert!(text.contains("\"units_counted\": 10.8,"), "{text}");
        assert!(text.contains("\"hours_counted\": 10.8,"), "{text}");
        assert!(text.contains("\"units\": 0.125,"), "{text}");
        assert!(text.contains("\"units_required\": 75,"), "{text}");
        assert!(text.contains("\"renewal\": null"), "{text}");
        assert!(text.contains("\"min\": null"), "{text}");
        assert!(text.contains("\"max\": 12.5"), "{text}");
        assert!(text.contains("\"eligible_on\": null"), "{text}");
    }

    #[test]
    fn every_status_id() {
        let mut report = sample();
        for (status, id) in [
            (Status::NotEligible, "not-eligible"),
            (Status::Eligible, "eligible"),
            (Status::RequirementsMet, "requirements-met"),
            (Status::Certified, "certified"),
            (Status::Grace, "grace"),
            (Status::Lapsed, "lapsed"),
        ] {
            report.results[0].status = status;
            let v: Value = serde_json::from_str(&render(&report)).unwrap();
            assert_eq!(v["results"][0]["status"], id);
            assert_eq!(status.id(), id);
        }
    }

    #[test]
    fn empty_report() {
        let report = Report {
            as_of: date(2026, 1, 1),
            profile: ProfileRef {
                name: "N".into(),
                id: "n".into(),
            },
            results: vec![],
            warnings: vec![],
            month_dates: vec![],
        };
        let v: Value = serde_json::from_str(&render(&report)).unwrap();
        assert_eq!(v["results"], serde_json::json!([]));
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
}
