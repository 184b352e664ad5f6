//! Rule builders shared by the oracle tests (`eval_oracle.rs`,
//! `whatif_oracle.rs`): the CMQ/OE model written as data.

#![allow(dead_code)]

use certcheck::rules::model::{
    Citation, Edition, Level, Requirement, RequirementKind, RoleFilter, RoleKind, Rule,
};

pub fn cite() -> Citation {
    Citation {
        source: "https://example.org".into(),
        confirmed: true,
        note: None,
    }
}

/// The CMQ/OE model, optionally with a look-back window on both parts.
pub fn rule(lookback: Option<u32>) -> Rule {
    let roles = RoleFilter {
        full_time: Some(true),
        paid: Some(true),
        exclude_kinds: vec![RoleKind::Internship, RoleKind::CoOp],
        ..RoleFilter::default()
    };
    let dm = RoleFilter {
        decision_making: Some(true),
        ..roles.clone()
    };
    let waivers = vec![
        (Level::TradeDiploma, 12),
        (Level::Associate, 24),
        (Level::Bachelor, 48),
        (Level::Master, 60),
        (Level::Doctorate, 60),
    ];
    let req = |id: &str, kind| Requirement {
        id: id.into(),
        name: id.into(),
        kind,
        citation: cite(),
    };
    Rule {
        id: "x".into(),
        name: "X".into(),
        issuer: "T".into(),
        edition: Edition::default(),
        requirements: vec![
            req(
                "experience",
                RequirementKind::Experience {
                    months: 120,
                    roles,
                    lookback_years: lookback,
                    waivers,
                },
            ),
            req(
                "decision-making",
                RequirementKind::Experience {
                    months: 60,
                    roles: dm,
                    lookback_years: lookback,
                    waivers: vec![],
                },
            ),
        ],
        paths: vec![],
        exams: vec![],
        exam_paths: vec![],
        recertification: None,
        origin: "test".into(),
    }
}

pub fn waiver_months(level: Level) -> u32 {
    match level {
        Level::TradeDiploma => 12,
        Level::Associate => 24,
        Level::Bachelor => 48,
        Level::Master | Level::Doctorate => 60,
    }
}
