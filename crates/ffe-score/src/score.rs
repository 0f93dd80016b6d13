//! Scoring an application: answers and ledger values resolved into inputs, evaluated, explained.

use std::collections::BTreeMap;

use ffe_index::{Answer, LedgerMetric};

use crate::answers::{Answers, Value};
use crate::engine::{ElementSpec, Engine, Evaluation};
use crate::gaps::collect_gaps;
use crate::rule::{Input, Rule};
use crate::scorecard::{ElementDetail, NodeScore, Scorecard, Source};
use crate::text::num;

/// Ledger metrics as plain values, e.g. from `ffe_ledger::import(..).metrics`.
pub type LedgerValues = BTreeMap<LedgerMetric, f64>;

/// Hypothetical answers that take precedence over both the answers and the ledger.
pub(crate) type Overrides = BTreeMap<String, Option<Value>>;

/// What the engine needs to evaluate and explain, resolved once.
pub(crate) struct Resolved {
    pub inputs: Vec<Input>,
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
}

impl Engine {
    /// Score one application: every node's score and maximum, the total, the trail, the gaps.
    pub fn score(&self, answers: &Answers, ledger: &LedgerValues) -> Scorecard {
        self.score_with(answers, ledger, &Overrides::new())
    }

    pub(crate) fn score_with(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        overrides: &Overrides,
    ) -> Scorecard {
        let resolved = self.resolve(answers, ledger, overrides);
        let applicable = self.applicability(&answers.profile);
        let eval = self.evaluate(applicable, &resolved.inputs);
        self.scorecard(answers, resolved, eval)
    }

    pub(crate) fn resolve(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        overrides: &Overrides,
    ) -> Resolved {
        let n = self.nodes.len();
        let mut inputs = vec![Input::Missing; n];
        let mut sources = vec![Source::Missing; n];
        let mut warnings = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(spec) = &node.element else {
                continue;
            };
            let code = node.code.as_str();
            let answered = answers.values.get(code);
            let ledger_value = spec
                .ledger_metric
                .and_then(|m| ledger.get(&m).map(|v| (m, *v)));
            let (value, source) = match (overrides.get(code), ledger_value) {
                (Some(Some(v)), _) => (Some(v), Source::Hypothetical),
                (Some(None), _) => (None, Source::Missing),
                (None, Some((metric, value))) if value.is_finite() && value >= 0.0 => {
                    let input = Input::Number(value);
                    if let (Some(slot), Some(src)) = (inputs.get_mut(i), sources.get_mut(i)) {
                        *slot = input;
                        *src = Source::Ledger {
                            metric,
                            value,
                            answered: answered.cloned(),
                        };
                    }
                    continue;
                }
                (None, Some((metric, value))) => {
                    warnings.push(format!(
                        "[{code}] 台账指标“{}”的值 {value} 无效，已改用填报值",
                        metric.label_zh()
                    ));
                    (answered, Source::Answer)
                }
                (None, None) => (answered, Source::Answer),
            };
            let Some(value) = value else {
                continue;
            };
            match to_input(spec, value) {
                Some(input) => {
                    if let (Some(slot), Some(src)) = (inputs.get_mut(i), sources.get_mut(i)) {
                        *slot = input;
                        *src = source;
                    }
                }
                None => warnings.push(format!(
                    "[{code}] 的答案与要素的答题类型（{}）不符，未计分",
                    spec.answer.kind_zh()
                )),
            }
        }
        Resolved {
            inputs,
            sources,
            warnings,
        }
    }

    fn scorecard(&self, answers: &Answers, resolved: Resolved, eval: Evaluation) -> Scorecard {
        let Resolved {
            inputs,
            sources,
            mut warnings,
        } = resolved;
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for (i, (node, (input, source))) in self
            .nodes
            .iter()
            .zip(inputs.iter().zip(sources))
            .enumerate()
        {
            let applicable = eval.applicable.get(i).copied().unwrap_or(false);
            let fraction = eval.fraction.get(i).copied().unwrap_or(0.0);
            let max = eval.max.get(i).copied().unwrap_or(0.0);
            let score = max * fraction;
            let element = node.element.as_ref().map(|spec| {
                if applicable {
                    shortfall_warning(node.code.as_str(), &spec.rule, input, &mut warnings);
                }
                detail(
                    spec,
                    input,
                    source,
                    applicable,
                    score,
                    max,
                    node.applies_to_label(self),
                )
            });
            nodes.push(NodeScore {
                code: node.code.as_str().to_string(),
                level: node.level,
                label: node.label.clone(),
                score,
                max,
                fraction,
                applicable,
                counted: eval.counted.get(i).copied().unwrap_or(false),
                element,
            });
        }
        let gaps = collect_gaps(self, &eval, &inputs, &nodes);
        Scorecard {
            scheme_id: self.scheme_id.clone(),
            edition_id: self.edition_id.clone(),
            profile: answers.profile,
            total: eval.total,
            max: self.scale,
            nodes,
            gaps,
            warnings,
        }
    }
}

impl crate::engine::CNode {
    /// Why this node (through its item) does not apply, in words.
    fn applies_to_label(&self, engine: &Engine) -> Option<&'static str> {
        let item = self.parent.and_then(|p| engine.node(p))?;
        item.applies_to.map(|a| a.label_zh())
    }
}

/// An answer as the input its rule scores; `None` when it does not fit the element.
pub(crate) fn to_input(spec: &ElementSpec, value: &Value) -> Option<Input> {
    match (&spec.rule, value) {
        (Rule::Achievement, Value::Achieved(b)) => Some(Input::Achieved(*b)),
        (Rule::Tier { levels, .. }, Value::Level(l)) => {
            levels.iter().position(|x| x == l).map(Input::Level)
        }
        (Rule::Options { options, .. }, Value::Options(held)) => {
            let mut mask = 0u64;
            for o in held {
                let i = options.iter().position(|x| x == o)?;
                mask |= 1u64.checked_shl(u32::try_from(i).ok()?)?;
            }
            Some(Input::Options(mask))
        }
        (Rule::Thresholds { .. }, Value::Number(n)) if n.is_finite() && *n >= 0.0 => {
            Some(Input::Number(*n))
        }
        (
            Rule::Thresholds { .. },
            Value::Fraction {
                numerator,
                denominator,
            },
        ) if matches!(spec.answer, Answer::Ratio { .. }) && *denominator > 0.0 => {
            let pct = numerator / denominator * 100.0;
            (pct.is_finite() && pct >= 0.0).then_some(Input::Number(pct))
        }
        (Rule::Points { per: None, .. }, Value::Points(p) | Value::Number(p)) if p.is_finite() => {
            Some(Input::Points(*p))
        }
        (Rule::Points { per: Some(_), .. }, Value::Scenarios(list))
            if list.iter().all(|p| p.is_finite()) =>
        {
            Some(Input::Scenarios(list.clone()))
        }
        _ => None,
    }
}

fn shortfall_warning(code: &str, rule: &Rule, input: &Input, warnings: &mut Vec<String>) {
    if let (
        Rule::Points {
            min_count: Some(min),
            ..
        },
        Input::Scenarios(list),
    ) = (rule, input)
        && list.len() < *min
    {
        warnings.push(format!(
            "[{code}] 只有 {} 项典型场景示范，原文要求不少于 {min} 项",
            list.len()
        ));
    }
}

fn detail(
    spec: &ElementSpec,
    input: &Input,
    source: Source,
    applicable: bool,
    score: f64,
    max: f64,
    applies_to: Option<&'static str>,
) -> ElementDetail {
    let rule = spec.rule.describe_zh();
    let input_zh = spec.rule.describe_input_zh(input);
    let origin = match &source {
        Source::Answer => "填报".to_string(),
        Source::Missing => String::new(),
        Source::Hypothetical => "假设".to_string(),
        Source::Ledger {
            metric, answered, ..
        } => {
            let set_aside = answered
                .as_ref()
                .and_then(|v| to_input(spec, v))
                .map(|i| format!("；填报值 {} 未采用", spec.rule.describe_input_zh(&i)))
                .unwrap_or_default();
            format!("取自设备台账：{}{set_aside}", metric.label_zh())
        }
    };
    let explanation = if !applicable {
        format!(
            "不适用（{}），不计分，也不扣分",
            applies_to.unwrap_or("不适用于本企业")
        )
    } else {
        let origin = if origin.is_empty() {
            String::new()
        } else {
            format!("（{origin}）")
        };
        format!(
            "规则：{rule}；输入：{input_zh}{origin}；得分：{} / {}",
            num(score),
            num(max)
        )
    };
    ElementDetail {
        kind: spec.answer.kind(),
        rule,
        at_best: spec.rule.at_best(input),
        input: input.clone(),
        input_zh,
        source,
        explanation,
    }
}
