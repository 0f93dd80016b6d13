//! The default scheme, compiled into the binary, and its engine for the shipped edition.

use std::sync::OnceLock;

use crate::{Engine, Scheme, SchemeProblems};

/// The default scheme for the trial edition (`data/scheme/zj-ff-trial-default.toml`).
pub const SCHEME: &str = include_str!("../../../data/scheme/zj-ff-trial-default.toml");

/// A problem with the shipped data: the tests check it, so this means a broken build.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShippedError {
    #[error("内置指数有误：{0}")]
    Edition(String),
    #[error("内置计分方案有误：{0}")]
    Scheme(SchemeProblems),
}

/// The shipped scheme, parsed once.
pub fn scheme() -> Result<&'static Scheme, &'static SchemeProblems> {
    static CELL: OnceLock<Result<Scheme, SchemeProblems>> = OnceLock::new();
    CELL.get_or_init(|| Scheme::load(SCHEME)).as_ref()
}

/// The shipped scheme checked against the shipped edition, compiled once.
pub fn engine() -> Result<&'static Engine, &'static ShippedError> {
    static CELL: OnceLock<Result<Engine, ShippedError>> = OnceLock::new();
    CELL.get_or_init(|| {
        let edition =
            ffe_index::shipped::edition().map_err(|p| ShippedError::Edition(p.to_string()))?;
        let scheme = scheme().map_err(|p| ShippedError::Scheme(p.clone()))?;
        scheme.check(edition).map_err(ShippedError::Scheme)
    })
    .as_ref()
}
