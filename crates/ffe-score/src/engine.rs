//! The compiled scoring tree: an edition and a scheme joined, ready to score many applications.
//!
//! Scoring is two passes over a flat array of nodes in document order (parents before children):
//! fractions bottom-up (each node's share of its own points, in [0, 1]), then points top-down (each
//! applicable node's effective maximum). A node's score is its maximum times its fraction, so the
//! total at best is exactly the scale, and with no answers exactly zero.

use std::collections::HashMap;
use std::sync::Arc;

use ffe_index::{Answer, Applicability, Code, LedgerMetric, Level};

use crate::answers::{IndustryType, Profile};
use crate::rule::{Input, WordedRule};
use crate::scheme::Aggregate;

/// One node of the compiled tree.
#[derive(Debug, Clone)]
pub(crate) struct CNode {
    pub code: Code,
    /// The code's text and the label, shared with every scorecard rather than copied.
    pub name: Arc<str>,
    pub level: Level,
    pub label: Arc<str>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The weight among siblings; for a category, its points.
    pub share: f64,
    pub aggregate: Aggregate,
    /// Set on items only; elements inherit their item's.
    pub applies_to: Option<Applicability>,
    pub element: Option<ElementSpec>,
}

#[derive(Debug, Clone)]
pub(crate) struct ElementSpec {
    /// The rule and its words: the same for every application, so worded once.
    pub rule: Arc<WordedRule>,
    pub answer: Answer,
    pub ledger_metric: Option<LedgerMetric>,
}

/// An edition and a scheme checked against each other and compiled. Build it once with
/// [`Scheme::check`](crate::Scheme::check); it is immutable and can be shared between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) scheme_id: String,
    pub(crate) scheme_title: String,
    pub(crate) edition_id: String,
    pub(crate) scale: f64,
    pub(crate) nodes: Vec<CNode>,
    pub(crate) categories: Vec<usize>,
    pub(crate) by_code: HashMap<String, usize>,
    /// The elements' node indices, ordered by code as text (as answers are kept).
    pub(crate) elements_by_code: Vec<usize>,
    /// One past the last node of each node's subtree (nodes are in document order).
    pub(crate) subtree_end: Vec<usize>,
    /// The best-of nodes, in document order.
    pub(crate) best_of: Vec<usize>,
    /// By profile: discrete, discrete + high-value equipment, process, process + high-value.
    pub(crate) shapes: Vec<Shape>,
}

/// What depends on the profile only: which nodes apply and each one's points. Computed once per
/// profile when the engine is built, not once per application.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shape {
    pub applicable: Vec<bool>,
    pub max: Vec<f64>,
}

/// The numbers of one evaluation, indexed like `Engine::nodes`.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation<'e> {
    pub applicable: &'e [bool],
    pub max: &'e [f64],
    pub fraction: Vec<f64>,
    pub counted: Vec<bool>,
    pub total: f64,
}

impl Engine {
    pub fn scheme_id(&self) -> &str {
        &self.scheme_id
    }

    pub fn scheme_title(&self) -> &str {
        &self.scheme_title
    }

    pub fn edition_id(&self) -> &str {
        &self.edition_id
    }

    /// The total at best.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The codes of every element, in document order.
    pub fn element_codes(&self) -> impl Iterator<Item = &str> {
        self.nodes
            .iter()
            .filter(|n| n.element.is_some())
            .map(|n| n.code.as_str())
    }

    /// The answer kind of an element.
    pub fn answer_of(&self, code: &str) -> Option<&Answer> {
        let i = self.by_code.get(code)?;
        self.nodes.get(*i)?.element.as_ref().map(|e| &e.answer)
    }

    /// The rule an element is scored by, in words.
    pub fn rule_zh(&self, code: &str) -> Option<String> {
        let i = self.by_code.get(code)?;
        let spec = self.nodes.get(*i)?.element.as_ref()?;
        Some(spec.rule.zh.clone())
    }

    pub(crate) fn node(&self, i: usize) -> Option<&CNode> {
        self.nodes.get(i)
    }

    /// Which nodes apply to this profile: an item that does not apply takes its elements with it, and
    /// a node none of whose children apply drops out too.
    pub(crate) fn applicability(&self, profile: &Profile) -> Vec<bool> {
        let mut inherited = vec![false; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            let above = node
                .parent
                .is_none_or(|p| inherited.get(p).copied().unwrap_or(false));
            if let Some(slot) = inherited.get_mut(i) {
                *slot = above && profile.includes(node.applies_to);
            }
        }
        let mut applicable = inherited;
        for (i, node) in self.nodes.iter().enumerate().rev() {
            if !node.children.is_empty() {
                let any = node
                    .children
                    .iter()
                    .any(|c| applicable.get(*c).copied().unwrap_or(false));
                if let Some(slot) = applicable.get_mut(i) {
                    *slot = *slot && any;
                }
            }
        }
        applicable
    }

    /// The profile's shape, computed when the engine was built.
    pub(crate) fn shape(&self, profile: &Profile) -> &Shape {
        let index = 2 * usize::from(profile.industry_type == IndustryType::Process)
            + usize::from(profile.high_value_equipment);
        static EMPTY: Shape = Shape {
            applicable: Vec::new(),
            max: Vec::new(),
        };
        self.shapes.get(index).unwrap_or(&EMPTY)
    }

    /// Which nodes apply and their points, for one profile.
    pub(crate) fn compute_shape(&self, profile: &Profile) -> Shape {
        let applicable = self.applicability(profile);
        let mut max = vec![0.0; self.nodes.len()];
        for (i, m) in self.category_maxima(&applicable) {
            if let Some(slot) = max.get_mut(i) {
                *slot = m;
            }
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if node.children.is_empty() || !applicable.get(i).copied().unwrap_or(false) {
                continue;
            }
            let parent_max = max.get(i).copied().unwrap_or(0.0);
            self.share_out(node, parent_max, &applicable, &mut max);
        }
        Shape { applicable, max }
    }

    /// Score resolved inputs (one per node; only elements' are read).
    pub(crate) fn evaluate(&self, profile: &Profile, inputs: &[Input]) -> Evaluation<'_> {
        let shape = self.shape(profile);
        let applicable = shape.applicable.as_slice();
        let mut fraction = vec![0.0; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate().rev() {
            if !applicable.get(i).copied().unwrap_or(false) {
                continue;
            }
            let f = match &node.element {
                Some(spec) => inputs.get(i).map_or(0.0, |input| spec.rule.fraction(input)),
                None => self.aggregate(node, applicable, &fraction, None),
            };
            if let Some(slot) = fraction.get_mut(i) {
                *slot = f;
            }
        }
        let total = self.scale * self.root_fraction(applicable, &fraction, None);
        let counted = self.counted(applicable, &fraction);
        Evaluation {
            applicable,
            max: shape.max.as_slice(),
            fraction,
            counted,
            total,
        }
    }

    /// Which nodes reach the total: the applicable ones, less the alternatives a best-of node does
    /// not choose, with everything below them.
    fn counted(&self, applicable: &[bool], fraction: &[f64]) -> Vec<bool> {
        let mut counted = applicable.to_vec();
        for &b in &self.best_of {
            let Some(node) = self.nodes.get(b) else {
                continue;
            };
            let Aggregate::BestOf { k } = node.aggregate else {
                continue;
            };
            if !counted.get(b).copied().unwrap_or(false) {
                continue;
            }
            let mut ranked: Vec<usize> = node
                .children
                .iter()
                .copied()
                .filter(|c| applicable.get(*c).copied().unwrap_or(false))
                .collect();
            // Stable: among equals, the earlier in the document counts.
            ranked.sort_by(|a, b| {
                let fa = fraction.get(*a).copied().unwrap_or(0.0);
                let fb = fraction.get(*b).copied().unwrap_or(0.0);
                fb.total_cmp(&fa)
            });
            for &c in ranked.iter().skip(k) {
                let end = self.subtree_end.get(c).copied().unwrap_or(c + 1);
                for slot in counted.iter_mut().take(end).skip(c) {
                    *slot = false;
                }
            }
        }
        counted
    }

    /// The total if one element's fraction were `new_fraction`, everything else unchanged.
    pub(crate) fn total_with(
        &self,
        eval: &Evaluation<'_>,
        element: usize,
        new_fraction: f64,
    ) -> f64 {
        let mut child = element;
        let mut value = new_fraction;
        while let Some(parent) = self.nodes.get(child).and_then(|n| n.parent) {
            let Some(node) = self.nodes.get(parent) else {
                break;
            };
            value = self.aggregate(node, eval.applicable, &eval.fraction, Some((child, value)));
            child = parent;
        }
        self.scale * self.root_fraction(eval.applicable, &eval.fraction, Some((child, value)))
    }

    /// A node's fraction from its applicable children's, one of them possibly replaced.
    fn aggregate(
        &self,
        node: &CNode,
        applicable: &[bool],
        fraction: &[f64],
        replace: Option<(usize, f64)>,
    ) -> f64 {
        let value = |c: usize| match replace {
            Some((r, v)) if r == c => v,
            _ => fraction.get(c).copied().unwrap_or(0.0),
        };
        let live = node
            .children
            .iter()
            .copied()
            .filter(|c| applicable.get(*c).copied().unwrap_or(false));
        match node.aggregate {
            Aggregate::Weighted => {
                let (mut num, mut den) = (0.0, 0.0);
                for c in live {
                    let w = self.nodes.get(c).map_or(0.0, |n| n.share);
                    num += w * value(c);
                    den += w;
                }
                if den > 0.0 { num / den } else { 0.0 }
            }
            Aggregate::Mean => {
                let (mut sum, mut count) = (0.0, 0.0);
                for c in live {
                    sum += value(c);
                    count += 1.0;
                }
                if count > 0.0 { sum / count } else { 0.0 }
            }
            // The common case, one alternative counts: no need to rank them all.
            Aggregate::BestOf { k: 1 } => live.map(value).fold(0.0, f64::max),
            Aggregate::BestOf { k } => {
                let mut values: Vec<f64> = live.map(value).collect();
                values.sort_by(|a, b| b.total_cmp(a));
                let take = k.min(values.len());
                if take == 0 {
                    return 0.0;
                }
                let sum: f64 = values.iter().take(take).sum();
                sum / take as f64
            }
        }
    }

    /// The root's fraction: categories weighted by their points, one of them possibly replaced.
    fn root_fraction(
        &self,
        applicable: &[bool],
        fraction: &[f64],
        replace: Option<(usize, f64)>,
    ) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for c in self.categories.iter().copied() {
            if !applicable.get(c).copied().unwrap_or(false) {
                continue;
            }
            let points = self.nodes.get(c).map_or(0.0, |n| n.share);
            let f = match replace {
                Some((r, v)) if r == c => v,
                _ => fraction.get(c).copied().unwrap_or(0.0),
            };
            num += points * f;
            den += points;
        }
        if den > 0.0 { num / den } else { 0.0 }
    }

    /// Each applicable category's share of the scale.
    fn category_maxima(&self, applicable: &[bool]) -> Vec<(usize, f64)> {
        let live = |c: &usize| applicable.get(*c).copied().unwrap_or(false);
        let points = |c: usize| self.nodes.get(c).map_or(0.0, |n| n.share);
        let den: f64 = self
            .categories
            .iter()
            .filter(|c| live(c))
            .map(|c| points(*c))
            .sum();
        if den <= 0.0 {
            return Vec::new();
        }
        self.categories
            .iter()
            .copied()
            .filter(live)
            .map(|c| (c, self.scale * points(c) / den))
            .collect()
    }

    /// Give each applicable child its share of the node's points.
    fn share_out(&self, node: &CNode, parent_max: f64, applicable: &[bool], max: &mut [f64]) {
        let is_live = |c: &usize| applicable.get(*c).copied().unwrap_or(false);
        let mut give = |c: usize, share: f64| {
            if let Some(slot) = max.get_mut(c) {
                *slot = parent_max * share;
            }
        };
        let live = node.children.iter().filter(|c| is_live(c)).count();
        if live == 0 {
            return;
        }
        match node.aggregate {
            Aggregate::Weighted => {
                let weight = |c: usize| self.nodes.get(c).map_or(0.0, |n| n.share);
                let den: f64 = node
                    .children
                    .iter()
                    .filter(|c| is_live(c))
                    .map(|c| weight(*c))
                    .sum();
                if den <= 0.0 {
                    return;
                }
                for c in node.children.iter().copied().filter(is_live) {
                    give(c, weight(c) / den);
                }
            }
            Aggregate::Mean => {
                for c in node.children.iter().copied().filter(is_live) {
                    give(c, 1.0 / live as f64);
                }
            }
            // Each alternative is worth what it would bring if chosen.
            Aggregate::BestOf { k } => {
                let take = k.min(live);
                for c in node.children.iter().copied().filter(is_live) {
                    give(c, 1.0 / take as f64);
                }
            }
        }
    }
}
