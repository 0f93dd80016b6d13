//! What-if: hypothetical answers applied on top of the real ones (and over the ledger), the new
//! total and every node that moves.

use std::sync::Arc;

use ffe_index::Level;
use serde_json::{Value as J, json};

use crate::Engine;
use crate::answers::{AnswerProblem, Answers, Value};
use crate::score::{LedgerValues, Overrides};
use crate::scorecard::Scorecard;
use crate::text::round2;

/// One hypothetical answer; `None` clears it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub code: String,
    pub value: Option<Value>,
}

/// A node whose score moves.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeDelta {
    pub code: Arc<str>,
    pub level: Level,
    pub label: Arc<str>,
    pub before: f64,
    pub after: f64,
    pub delta: f64,
}

/// The outcome of a set of changes.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub changes: Vec<Change>,
    pub before: Scorecard,
    pub after: Scorecard,
    /// Every node whose score moves, in document order.
    pub deltas: Vec<NodeDelta>,
}

impl WhatIf {
    pub fn total_delta(&self) -> f64 {
        self.after.total - self.before.total
    }

    pub fn to_json(&self) -> J {
        json!({
            "changes": self.changes.iter().map(|c| json!({
                "code": c.code,
                "value": c.value.as_ref().map_or(J::Null, Value::to_json),
            })).collect::<Vec<_>>(),
            "before": round2(self.before.total),
            "after": round2(self.after.total),
            "delta": round2(self.total_delta()),
            "nodes": self.deltas.iter().map(|d| json!({
                "code": &*d.code,
                "level": d.level.as_str(),
                "label": &*d.label,
                "before": round2(d.before),
                "after": round2(d.after),
                "delta": round2(d.delta),
            })).collect::<Vec<_>>(),
        })
    }
}

impl Engine {
    /// Check a hypothetical answer (`null` clears) against the element's kind.
    pub fn change(&self, code: &str, json: &J) -> Result<Change, AnswerProblem> {
        let answer = self
            .answer_of(code)
            .ok_or_else(|| AnswerProblem::UnknownCode(code.to_string()))?;
        let value = if json.is_null() {
            None
        } else {
            Some(Value::from_json(code, answer, json)?)
        };
        Ok(Change {
            code: code.to_string(),
            value,
        })
    }

    /// Apply changes and compare. A later change to the same code wins. Changes override the
    /// ledger too: "what if our networking rate were 95 %".
    pub fn what_if(&self, answers: &Answers, ledger: &LedgerValues, changes: &[Change]) -> WhatIf {
        let before = self.score(answers, ledger);
        let overrides: Overrides = changes
            .iter()
            .map(|c| (c.code.clone(), c.value.clone()))
            .collect();
        let after = self.score_with(answers, ledger, &overrides);
        let deltas = before
            .nodes
            .iter()
            .zip(&after.nodes)
            .filter(|(b, a)| (a.score - b.score).abs() > 1e-9)
            .map(|(b, a)| NodeDelta {
                code: Arc::clone(&a.code),
                level: a.level,
                label: Arc::clone(&a.label),
                before: b.score,
                after: a.score,
                delta: a.score - b.score,
            })
            .collect();
        WhatIf {
            changes: changes.to_vec(),
            before,
            after,
            deltas,
        }
    }
}
