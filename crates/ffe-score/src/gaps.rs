//! Gaps: every applicable element not at its best, with what its next step would bring.

use serde_json::{Value as J, json};

use crate::engine::{Engine, Evaluation};
use crate::rule::Input;
use crate::scorecard::{NodeScore, Source};
use crate::text::round2;

/// One element not at its best and its next step.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub code: String,
    pub label: String,
    /// The input now, in words.
    pub current: String,
    /// The input after the next step, in words.
    pub next: String,
    /// The next step as an answer value, ready to apply as a what-if change.
    pub next_value: J,
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
}

impl Gap {
    pub fn to_json(&self) -> J {
        json!({
            "code": self.code,
            "label": self.label,
            "current": self.current,
            "next": self.next,
            "next_value": self.next_value,
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
    eval: &Evaluation,
    inputs: &[Input],
    nodes: &[NodeScore],
) -> Vec<Gap> {
    let mut gaps: Vec<(usize, Gap)> = Vec::new();
    for (i, node) in engine.nodes.iter().enumerate() {
        let (Some(spec), Some(input), Some(scored)) = (&node.element, inputs.get(i), nodes.get(i))
        else {
            continue;
        };
        if !scored.applicable {
            continue;
        }
        let Some(next) = spec.rule.next(input) else {
            continue;
        };
        let fraction = spec.rule.fraction(&next);
        let element_gain = scored.max * (fraction - scored.fraction);
        let gain = (engine.total_with(eval, i, fraction) - eval.total).max(0.0);
        gaps.push((
            i,
            Gap {
                code: scored.code.clone(),
                label: scored.label.clone(),
                current: spec.rule.describe_input_zh(input),
                next: spec.rule.describe_input_zh(&next),
                next_value: spec.rule.input_to_json(&next),
                points: scored.score,
                max: scored.max,
                element_gain,
                gain,
                from_ledger: scored
                    .element
                    .as_ref()
                    .is_some_and(|e| matches!(e.source, Source::Ledger { .. })),
            },
        ));
    }
    // Rounded before comparing, so that float noise does not reorder equal gains.
    let key = |v: f64| (v * 1e6).round() as i64;
    gaps.sort_by(|(ia, a), (ib, b)| {
        key(b.gain)
            .cmp(&key(a.gain))
            .then(key(b.element_gain).cmp(&key(a.element_gain)))
            .then(ia.cmp(ib))
    });
    gaps.into_iter().map(|(_, g)| g).collect()
}
