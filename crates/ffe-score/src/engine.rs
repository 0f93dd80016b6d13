//! The compiled scoring tree: an edition and a scheme joined, ready to score many applications.
//!
//! Scoring is two passes over a flat array of nodes in document order (parents before children):
//! fractions bottom-up (each node's share of its own points, in [0, 1]), then points top-down (each
//! applicable node's effective maximum). A node's score is its maximum times its fraction, so the
//! total at best is exactly the scale, and with no answers exactly zero.

use std::collections::HashMap;
use std::sync::Arc;

use ffe_index::{Answer, Applicability, Code, LedgerMetric, Level};

use crate::answers::Profile;
use crate::rule::{Input, Rule};
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
    pub rule: Arc<Rule>,
    /// The rule in words: the same for every application, so worded once.
    pub rule_zh: Arc<str>,
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
}

/// The numbers of one evaluation, indexed like `Engine::nodes`.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    pub applicable: Vec<bool>,
    pub fraction: Vec<f64>,
    pub max: Vec<f64>,
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
        Some(spec.rule_zh.to_string())
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

    /// Score resolved inputs (one per node; only elements' are read).
    pub(crate) fn evaluate(&self, applicable: Vec<bool>, inputs: &[Input]) -> Evaluation {
        let n = self.nodes.len();
        let mut fraction = vec![0.0; n];
        for (i, node) in self.nodes.iter().enumerate().rev() {
            if !applicable.get(i).copied().unwrap_or(false) {
                continue;
            }
            let f = match &node.element {
                Some(spec) => inputs.get(i).map_or(0.0, |input| spec.rule.fraction(input)),
                None => self.aggregate(node, &applicable, &fraction, None),
            };
            if let Some(slot) = fraction.get_mut(i) {
                *slot = f;
            }
        }
        let (root_fraction, category_max) = self.root(&applicable, &fraction, None);
        let mut max = vec![0.0; n];
        let mut counted = vec![false; n];
        for (i, m) in category_max {
            if let Some(slot) = max.get_mut(i) {
                *slot = m;
            }
            if let Some(slot) = counted.get_mut(i) {
                *slot = true;
            }
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if node.children.is_empty() || !applicable.get(i).copied().unwrap_or(false) {
                continue;
            }
            let parent_max = max.get(i).copied().unwrap_or(0.0);
            let parent_counted = counted.get(i).copied().unwrap_or(false);
            self.share_out(
                node,
                parent_max,
                parent_counted,
                &applicable,
                &fraction,
                &mut max,
                &mut counted,
            );
        }
        Evaluation {
            applicable,
            fraction,
            max,
            counted,
            total: self.scale * root_fraction,
        }
    }

    /// The total if one element's fraction were `new_fraction`, everything else unchanged.
    pub(crate) fn total_with(&self, eval: &Evaluation, element: usize, new_fraction: f64) -> f64 {
        let mut child = element;
        let mut value = new_fraction;
        while let Some(parent) = self.nodes.get(child).and_then(|n| n.parent) {
            let Some(node) = self.nodes.get(parent) else {
                break;
            };
            value = self.aggregate(node, &eval.applicable, &eval.fraction, Some((child, value)));
            child = parent;
        }
        let (root, _) = self.root(&eval.applicable, &eval.fraction, Some((child, value)));
        self.scale * root
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

    /// The root's fraction (categories weighted by their points) and each applicable category's
    /// effective maximum.
    fn root(
        &self,
        applicable: &[bool],
        fraction: &[f64],
        replace: Option<(usize, f64)>,
    ) -> (f64, Vec<(usize, f64)>) {
        let live: Vec<usize> = self
            .categories
            .iter()
            .copied()
            .filter(|c| applicable.get(*c).copied().unwrap_or(false))
            .collect();
        let points = |c: usize| self.nodes.get(c).map_or(0.0, |n| n.share);
        let den: f64 = live.iter().map(|c| points(*c)).sum();
        if den <= 0.0 {
            return (0.0, Vec::new());
        }
        let mut num = 0.0;
        for c in &live {
            let f = match replace {
                Some((r, v)) if r == *c => v,
                _ => fraction.get(*c).copied().unwrap_or(0.0),
            };
            num += points(*c) * f;
        }
        let maxima = live
            .iter()
            .map(|c| (*c, self.scale * points(*c) / den))
            .collect();
        (num / den, maxima)
    }

    /// Give each applicable child its share of the node's points, and say whether it counts
    /// (best-of). Written straight into the arrays: this runs for every node of every application.
    #[allow(clippy::too_many_arguments)]
    fn share_out(
        &self,
        node: &CNode,
        parent_max: f64,
        parent_counted: bool,
        applicable: &[bool],
        fraction: &[f64],
        max: &mut [f64],
        counted: &mut [bool],
    ) {
        let is_live = |c: &usize| applicable.get(*c).copied().unwrap_or(false);
        let mut give = |c: usize, share: f64, counts: bool| {
            if let Some(slot) = max.get_mut(c) {
                *slot = parent_max * share;
            }
            if let Some(slot) = counted.get_mut(c) {
                *slot = parent_counted && counts;
            }
        };
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
                    give(c, weight(c) / den, true);
                }
            }
            Aggregate::Mean => {
                let live = node.children.iter().filter(|c| is_live(c)).count();
                if live == 0 {
                    return;
                }
                for c in node.children.iter().copied().filter(is_live) {
                    give(c, 1.0 / live as f64, true);
                }
            }
            Aggregate::BestOf { k } => {
                let mut ranked: Vec<usize> =
                    node.children.iter().copied().filter(is_live).collect();
                let take = k.min(ranked.len());
                if take == 0 {
                    return;
                }
                // Stable: among equals, the earlier in the document counts.
                ranked.sort_by(|a, b| {
                    let fa = fraction.get(*a).copied().unwrap_or(0.0);
                    let fb = fraction.get(*b).copied().unwrap_or(0.0);
                    fb.total_cmp(&fa)
                });
                let chosen = ranked.get(..take).unwrap_or_default().to_vec();
                for c in ranked {
                    give(c, 1.0 / take as f64, chosen.contains(&c));
                }
            }
        }
    }
}
