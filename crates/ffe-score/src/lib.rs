//! Scoring the Future Factory index: the scheme as data and a pure engine.
//!
//! A scheme (format: `docs/scoring.md`) gives the categories' points, the weights and aggregation of
//! every node and how each answer kind scores. [`Scheme::load`] reads one; [`Scheme::check`] checks it
//! against an index edition and compiles both into an [`Engine`], which scores applications:
//!
//! ```
//! let edition = ffe_index::shipped::edition().unwrap();
//! let engine = ffe_score::shipped::engine().unwrap();
//! let answers = ffe_score::Answers::from_json(
//!     r#"{"profile": {"industry_type": "discrete"}, "answers": {"1.3.e.1": 87.5}}"#,
//!     edition,
//! ).unwrap();
//! let card = engine.score(&answers, &ffe_score::LedgerValues::new());
//! assert!(card.total > 0.0 && card.max == 1000.0);
//! assert_eq!(card.gaps.first().map(|g| g.gain > 0.0), Some(true));
//! ```
//!
//! Every number is explainable: each node has a score and a maximum, each element the rule applied,
//! its input, where the input came from (answer, ledger, what-if) and its points. Nothing here does
//! I/O; the default scheme is compiled in ([`shipped`]).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

mod answers;
mod check;
mod engine;
mod gaps;
mod load;
mod plan;
mod problem;
mod rule;
mod schema;
mod scheme;
mod score;
mod scorecard;
pub mod shipped;
mod text;
mod what_if;

pub use answers::{AnswerProblem, AnswerProblems, Answers, IndustryType, Profile, Value};
pub use engine::Engine;
pub use gaps::Gap;
pub use plan::{Plan, PlanError, PlanStep};
pub use problem::{SchemeProblem, SchemeProblemKind, SchemeProblems};
pub use rule::Input;
pub use schema::answers_schema;
pub use scheme::{
    Aggregate, Defaults, ElementRule, NodeSetting, OptionCap, Scheme, SchemeMeta, Threshold,
    TierDefault, UnderMinCount,
};
pub use score::LedgerValues;
pub use scorecard::{ElementDetail, NodeScore, Scorecard, Source};
pub use text::num;
pub use what_if::{Change, NodeDelta, WhatIf};

/// Score one application in one call: check the scheme against the edition, then score. For many
/// applications, build the [`Engine`] once with [`Scheme::check`] instead.
pub fn score(
    edition: &ffe_index::Edition,
    scheme: &Scheme,
    answers: &Answers,
    ledger: &LedgerValues,
) -> Result<Scorecard, SchemeProblems> {
    Ok(scheme.check(edition)?.score(answers, ledger))
}
