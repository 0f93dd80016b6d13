//! Gaps: every applicable element not at its best, with what its next step would bring.

use std::sync::Arc;

use serde_json::{Value as J, json};

use crate::engine::{Engine, Evaluation};
use crate::rule::{Input, WordedRule};
use crate::scorecard::Source;
use crate::text::round2;

/// One element not at its best and its next step. The words are put together on request.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub code: Arc<str>,
    pub label: Arc<str>,
    /// The input now.
    pub current: Input,
    /// The input after the next step.
    pub next: Input,
    /// Points the element has and can have.
    pub points: f64,
    pub max: f64,
    /// What the next step adds to the element's own points.
    pub element_gain: f64,
    /// What the next step adds to the total (less than `element_gain`, or nothing, where a best-of
    /// alternative is not the one that counts).
    pub gain: f64,
    /// Whether the value comes from the equipment ledger (improve the ledger, not the answer).
    pub from_ledger: bool,
    pub(crate) rule: Arc<WordedRule>,
}

impl Gap {
    /// The input now, in words.
    pub fn current_zh(&self) -> String {
        self.rule.describe_input_zh(&self.current)
    }

    /// The input after the next step, in words.
    pub fn next_zh(&self) -> String {
        self.rule.describe_input_zh(&self.next)
    }

    /// The next step as an answer value, ready to apply as a what-if change.
    pub fn next_value(&self) -> J {
        self.rule.input_to_json(&self.next)
    }

    pub fn to_json(&self) -> J {
        json!({
            "code": &*self.code,
            "label": &*self.label,
            "current": self.current_zh(),
            "next": self.next_zh(),
            "next_value": self.next_value(),
            "points": round2(self.points),
            "max": round2(self.max),
            "element_gain": round2(self.element_gain),
            "gain": round2(self.gain),
            "from_ledger": self.from_ledger,
        })
    }
}

pub(crate) fn collect_gaps(
    engine: &Engine,
    eval: &Evaluation<'_>,
    inputs: &[Input],
    sources: &[Source],
) -> Vec<Gap> {
    let mut keys: Vec<(i64, i64, usize)> = Vec::with_capacity(engine.elements_by_code.len());
    let mut gaps: Vec<Option<Gap>> = Vec::with_capacity(engine.elements_by_code.len());
    for (i, node) in engine.nodes.iter().enumerate() {
        let (Some(spec), Some(input), true) = (
            &node.element,
            inputs.get(i),
            eval.applicable.get(i).copied().unwrap_or(false),
        ) else {
            continue;
        };
        let Some(next) = spec.rule.next(input) else {
            continue;
        };
        let max = eval.max.get(i).copied().unwrap_or(0.0);
        let now = eval.fraction.get(i).copied().unwrap_or(0.0);
        let fraction = spec.rule.fraction(&next);
        let element_gain = max * (fraction - now);
        let gain = (engine.total_with(eval, i, fraction) - eval.total).max(0.0);
        // Sort keys rounded to micro-points, so that float noise does not reorder equal gains.
        let key = |v: f64| (v * 1e6).round() as i64;
        keys.push((-key(gain), -key(element_gain), gaps.len()));
        gaps.push(Some(Gap {
            code: Arc::clone(&node.name),
            label: Arc::clone(&node.label),
            current: input.clone(),
            next,
            points: max * now,
            max,
            element_gain,
            gain,
            from_ledger: matches!(sources.get(i), Some(Source::Ledger { .. })),
            rule: Arc::clone(&spec.rule),
        }));
    }
    // Sort the small keys, not the gaps; the position breaks ties in document order.
    keys.sort_unstable();
    keys.into_iter()
        .filter_map(|(_, _, at)| gaps.get_mut(at).and_then(Option::take))
        .collect()
}
