//! The scoring scheme as a typed value: what a scheme file says, before it meets an index edition.
//!
//! A scheme names its nodes by code. [`Scheme::check`](crate::Scheme::check) resolves those codes
//! against an [`Edition`](ffe_index::Edition) and compiles both into an [`Engine`](crate::Engine).

use std::collections::BTreeMap;

use ffe_index::Code;

/// The scheme's header.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeMeta {
    /// Stable identifier, lowercase ASCII, digits and '-'.
    pub id: String,
    pub title: String,
    /// The id of the index edition this scheme is written for.
    pub edition: String,
    /// The total: the sum of the categories' points.
    pub scale: f64,
    pub notes: Vec<String>,
}

/// How a node turns its children's results into its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// Children share the node's points in proportion to their weights.
    Weighted,
    /// Children share the node's points equally, whatever their weights.
    Mean,
    /// Only the best `k` children count, each worth an equal share (alternatives an enterprise chooses).
    BestOf { k: usize },
}

impl Aggregate {
    pub fn name(self) -> &'static str {
        match self {
            Aggregate::Weighted => "weighted",
            Aggregate::Mean => "mean",
            Aggregate::BestOf { .. } => "best_of",
        }
    }

    pub fn describe_zh(self) -> String {
        match self {
            Aggregate::Weighted => "按权重加权".to_string(),
            Aggregate::Mean => "等权平均".to_string(),
            Aggregate::BestOf { k } => format!("取最好的 {k} 项"),
        }
    }
}

/// The points of a tier element's levels when the scheme gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierDefault {
    /// The i-th level (from 1) scores i points: equal steps up to the highest level.
    Linear,
}

/// The cap of an options element when the scheme gives none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptionCap {
    /// Full points need every option.
    All,
    /// Full points at this many points.
    Points(f64),
}

/// What a per-scenario points element scores when fewer scenarios than `min_count` are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnderMinCount {
    /// The points of the scenarios shown count; the shortfall is reported as a warning.
    Keep,
    /// Nothing counts until the minimum is met.
    Zero,
}

/// What applies to every node and element the scheme does not name.
#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    pub weight: f64,
    pub aggregate: Aggregate,
    pub tier: TierDefault,
    pub option_points: f64,
    pub option_cap: OptionCap,
    /// The size of one step of an expert-points element, for gaps and plans.
    pub points_step: f64,
    pub under_min_count: UnderMinCount,
}

/// A `[[node]]` entry: weight, points or aggregation of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSetting {
    pub code: Code,
    pub line: usize,
    /// Relative weight among siblings (indicators and below).
    pub weight: Option<f64>,
    /// Absolute points (categories only).
    pub points: Option<f64>,
    pub aggregate: Option<Aggregate>,
    pub note: Option<String>,
}

/// One step of a quantity or ratio rule: a value at or above `at` scores `points`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub at: f64,
    pub points: f64,
}

/// A `[[rule]]` entry: how one element's answer scores. Which fields apply depends on the element's
/// answer kind; [`Scheme::check`](crate::Scheme::check) enforces it.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementRule {
    pub code: Code,
    pub line: usize,
    /// Tier: points of each level, lowest first.
    pub levels: Option<Vec<f64>>,
    /// Options: points of each named option (others score the default).
    pub options: Option<BTreeMap<String, f64>>,
    /// Options: the points at which the element is full.
    pub cap: Option<f64>,
    /// Quantity and ratio: the steps, ascending.
    pub thresholds: Option<Vec<Threshold>>,
    /// Points: the size of one step.
    pub step: Option<f64>,
    /// Per-scenario points: what happens below `min_count`.
    pub under_min_count: Option<UnderMinCount>,
    pub note: Option<String>,
}

/// A loaded scheme file, consistent in itself. Check it against an edition before use.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    pub meta: SchemeMeta,
    pub defaults: Defaults,
    pub nodes: Vec<NodeSetting>,
    pub rules: Vec<ElementRule>,
}

impl Scheme {
    /// The `[[node]]` entry of a code.
    pub fn node(&self, code: &str) -> Option<&NodeSetting> {
        self.nodes.iter().find(|n| n.code.as_str() == code)
    }

    /// The `[[rule]]` entry of a code.
    pub fn rule(&self, code: &str) -> Option<&ElementRule> {
        self.rules.iter().find(|r| r.code.as_str() == code)
    }
}
