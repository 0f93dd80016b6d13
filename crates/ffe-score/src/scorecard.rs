//! The result of scoring one application: every node's score and maximum, every element's trail,
//! the gaps. Its JSON form is a documented, stable contract (`docs/scoring.md`).

use std::collections::BTreeMap;
use std::sync::Arc;

use ffe_index::{LedgerMetric, Level};
use serde_json::{Value as J, json};

use crate::answers::{Profile, Value};
use crate::gaps::Gap;
use crate::rule::{Input, WordedRule};
use crate::score::to_input;
use crate::text::{num, round2};

/// Where an element's input came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The enterprise's answer.
    Answer,
    /// The equipment ledger; `answered` is what the enterprise typed, set aside.
    Ledger {
        metric: LedgerMetric,
        value: f64,
        answered: Option<Value>,
    },
    /// A what-if change.
    Hypothetical,
    /// Nothing: the element scores zero.
    Missing,
}

impl Source {
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Answer => "answer",
            Source::Ledger { .. } => "ledger",
            Source::Hypothetical => "what_if",
            Source::Missing => "missing",
        }
    }
}

/// How one element was scored. The words are put together on request: scoring many applications
/// should not pay for sentences nobody reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDetail {
    /// The answer kind (achievement, tier, …).
    pub kind: &'static str,
    /// The input scored.
    pub input: Input,
    pub source: Source,
    pub at_best: bool,
    pub(crate) rule: Arc<WordedRule>,
    /// Why the element does not apply, when it does not.
    pub(crate) not_applicable: Option<&'static str>,
    pub(crate) points: f64,
    pub(crate) max: f64,
}

impl ElementDetail {
    /// The rule applied, in words.
    pub fn rule_zh(&self) -> &str {
        &self.rule.zh
    }

    /// The input, in words.
    pub fn input_zh(&self) -> String {
        self.rule.describe_input_zh(&self.input)
    }

    /// One sentence a person can check: rule, input and where it came from, points.
    pub fn explanation(&self) -> String {
        if let Some(reason) = self.not_applicable {
            return format!("不适用（{reason}），不计分，也不扣分");
        }
        let origin = match &self.source {
            Source::Answer => "（填报）".to_string(),
            Source::Missing => String::new(),
            Source::Hypothetical => "（假设）".to_string(),
            Source::Ledger {
                metric, answered, ..
            } => {
                let set_aside = answered
                    .as_ref()
                    .and_then(|v| to_input(&self.rule, v))
                    .map(|i| format!("；填报值 {} 未采用", self.rule.describe_input_zh(&i)))
                    .unwrap_or_default();
                format!("（取自设备台账：{}{set_aside}）", metric.label_zh())
            }
        };
        format!(
            "规则：{}；输入：{}{origin}；得分：{} / {}",
            self.rule.zh,
            self.input_zh(),
            num(self.points),
            num(self.max)
        )
    }
}

/// One node's result.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeScore {
    pub code: Arc<str>,
    pub level: Level,
    pub label: Arc<str>,
    /// Points earned. For a node that does not count (best-of), what it would bring if it did.
    pub score: f64,
    /// Points available to this enterprise: 0 when the node does not apply.
    pub max: f64,
    /// score / max, in [0, 1].
    pub fraction: f64,
    pub applicable: bool,
    /// Whether its points reach the total (false for best-of alternatives not chosen).
    pub counted: bool,
    pub element: Option<ElementDetail>,
}

/// The scores of one application under one scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub scheme_id: String,
    pub edition_id: String,
    pub profile: Profile,
    pub total: f64,
    pub max: f64,
    /// Every node, in document order.
    pub nodes: Vec<NodeScore>,
    /// Every applicable element not at its best, the most valuable next step first.
    pub gaps: Vec<Gap>,
    /// Answers set aside and shortfalls worth knowing (in Chinese).
    pub warnings: Vec<String>,
}

impl Scorecard {
    pub fn node(&self, code: &str) -> Option<&NodeScore> {
        self.nodes.iter().find(|n| &*n.code == code)
    }

    /// The total as a percentage of the maximum.
    pub fn percent(&self) -> f64 {
        if self.max > 0.0 {
            self.total / self.max * 100.0
        } else {
            0.0
        }
    }

    /// The documented JSON form. Numbers are rounded to two decimals; `fraction` to four.
    pub fn to_json(&self) -> J {
        let mut nodes = serde_json::Map::new();
        let mut elements = serde_json::Map::new();
        for n in &self.nodes {
            nodes.insert(
                n.code.to_string(),
                json!({
                    "level": n.level.as_str(),
                    "label": &*n.label,
                    "score": round2(n.score),
                    "max": round2(n.max),
                    "applicable": n.applicable,
                    "counted": n.counted,
                }),
            );
            if let Some(e) = &n.element {
                let mut entry = json!({
                    "kind": e.kind,
                    "rule": e.rule_zh(),
                    "input": e.input_zh(),
                    "source": e.source.as_str(),
                    "points": round2(n.score),
                    "max": round2(n.max),
                    "fraction": round4(n.fraction),
                    "applicable": n.applicable,
                    "at_best": e.at_best,
                    "explanation": e.explanation(),
                });
                if let (Source::Ledger { metric, value, .. }, Some(obj)) =
                    (&e.source, entry.as_object_mut())
                {
                    obj.insert(
                        "ledger".into(),
                        json!({"metric": metric.as_str(), "label": metric.label_zh(), "value": value}),
                    );
                }
                elements.insert(n.code.to_string(), entry);
            }
        }
        json!({
            "scheme": self.scheme_id,
            "edition": self.edition_id,
            "profile": self.profile.to_json(),
            "total": round2(self.total),
            "max": round2(self.max),
            "percent": round2(self.percent()),
            "nodes": nodes,
            "elements": elements,
            "gaps": self.gaps.iter().map(Gap::to_json).collect::<Vec<_>>(),
            "warnings": self.warnings,
        })
    }

    /// Scores by code, for comparisons.
    pub fn scores(&self) -> BTreeMap<&str, f64> {
        self.nodes.iter().map(|n| (&*n.code, n.score)).collect()
    }
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}
