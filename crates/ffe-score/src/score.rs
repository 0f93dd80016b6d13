//! Scoring an application: answers and ledger values resolved into inputs, evaluated, explained.

use std::collections::BTreeMap;
use std::sync::Arc;

use ffe_index::LedgerMetric;

use crate::answers::{Answers, Value};
use crate::engine::{ElementSpec, Engine, Evaluation};
use crate::gaps::collect_gaps;
use crate::rule::{Input, Rule};
use crate::scorecard::{ElementDetail, NodeScore, Scorecard, Source};

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

    /// Only the total: for ranking many applications, where nothing needs explaining. Equal to
    /// `score(answers, ledger).total`.
    pub fn total(&self, answers: &Answers, ledger: &LedgerValues) -> f64 {
        let resolved = self.resolve(answers, ledger, &Overrides::new());
        self.evaluate(&answers.profile, &resolved.inputs).total
    }

    pub(crate) fn score_with(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        overrides: &Overrides,
    ) -> Scorecard {
        let resolved = self.resolve(answers, ledger, overrides);
        let eval = self.evaluate(&answers.profile, &resolved.inputs);
        self.scorecard(answers, resolved, eval)
    }

    pub(crate) fn resolve(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        overrides: &Overrides,
    ) -> Resolved {
        let n = self.nodes.len();
        let mut inputs = Vec::with_capacity(n);
        let mut sources = Vec::with_capacity(n);
        let mut warnings = Vec::new();
        let answered_at = self.match_answers(answers);
        for (i, node) in self.nodes.iter().enumerate() {
            let (input, source) = match &node.element {
                None => (Input::Missing, Source::Missing),
                Some(spec) => {
                    let answered = answered_at.get(i).copied().flatten();
                    self.resolve_one(
                        node.code.as_str(),
                        spec,
                        answered,
                        ledger,
                        overrides,
                        &mut warnings,
                    )
                }
            };
            inputs.push(input);
            sources.push(source);
        }
        Resolved {
            inputs,
            sources,
            warnings,
        }
    }

    /// One element's input and where it came from: a what-if change first, then a valid ledger
    /// value, then the answer.
    fn resolve_one(
        &self,
        code: &str,
        spec: &ElementSpec,
        answered: Option<&Value>,
        ledger: &LedgerValues,
        overrides: &Overrides,
        warnings: &mut Vec<String>,
    ) -> (Input, Source) {
        let ledger_value = spec
            .ledger_metric
            .and_then(|m| ledger.get(&m).map(|v| (m, *v)));
        let overridden = if overrides.is_empty() {
            None
        } else {
            overrides.get(code)
        };
        let (value, source) = match (overridden, ledger_value) {
            (Some(Some(v)), _) => (Some(v), Source::Hypothetical),
            (Some(None), _) => (None, Source::Missing),
            (None, Some((metric, value))) if value.is_finite() && value >= 0.0 => {
                let source = Source::Ledger {
                    metric,
                    value,
                    answered: answered.cloned(),
                };
                return (Input::Number(value), source);
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
            return (Input::Missing, Source::Missing);
        };
        match to_input(&spec.rule, value) {
            Some(input) => (input, source),
            None => {
                warnings.push(format!(
                    "[{code}] 的答案与要素的答题类型（{}）不符，未计分",
                    spec.answer.kind_zh()
                ));
                (Input::Missing, Source::Missing)
            }
        }
    }

    /// Each element's answer, found by walking the answers and the engine's elements side by side
    /// in code order: one pass instead of a lookup per element.
    fn match_answers<'a>(&self, answers: &'a Answers) -> Vec<Option<&'a Value>> {
        let mut at = vec![None; self.nodes.len()];
        let mut pending = answers.values.iter().peekable();
        for &i in &self.elements_by_code {
            let Some(name) = self.nodes.get(i).map(|n| &*n.name) else {
                continue;
            };
            while pending.next_if(|(code, _)| code.as_str() < name).is_some() {}
            if let Some((_, value)) = pending.next_if(|(code, _)| code.as_str() == name)
                && let Some(slot) = at.get_mut(i)
            {
                *slot = Some(value);
            }
        }
        at
    }

    fn scorecard(&self, answers: &Answers, resolved: Resolved, eval: Evaluation<'_>) -> Scorecard {
        let Resolved {
            inputs,
            sources,
            mut warnings,
        } = resolved;
        let gaps = collect_gaps(self, &eval, &inputs, &sources);
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for (i, (node, (input, source))) in self
            .nodes
            .iter()
            .zip(inputs.into_iter().zip(sources))
            .enumerate()
        {
            let applicable = eval.applicable.get(i).copied().unwrap_or(false);
            let fraction = eval.fraction.get(i).copied().unwrap_or(0.0);
            let max = eval.max.get(i).copied().unwrap_or(0.0);
            let score = max * fraction;
            let element = node.element.as_ref().map(|spec| {
                if applicable {
                    shortfall_warning(&node.name, &spec.rule, &input, &mut warnings);
                }
                let reason =
                    (!applicable).then(|| node.applies_to_label(self).unwrap_or("不适用于本企业"));
                detail(spec, input, source, reason, score, max)
            });
            nodes.push(NodeScore {
                code: Arc::clone(&node.name),
                level: node.level,
                label: Arc::clone(&node.label),
                score,
                max,
                fraction,
                applicable,
                counted: eval.counted.get(i).copied().unwrap_or(false),
                element,
            });
        }
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
pub(crate) fn to_input(rule: &Rule, value: &Value) -> Option<Input> {
    match (rule, value) {
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
        // Only ratios are scored in percent; a quantity answer never parses as a fraction.
        (
            Rule::Thresholds { unit, .. },
            Value::Fraction {
                numerator,
                denominator,
            },
        ) if unit == "%" && *denominator > 0.0 => {
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
    input: Input,
    source: Source,
    not_applicable: Option<&'static str>,
    points: f64,
    max: f64,
) -> ElementDetail {
    ElementDetail {
        kind: spec.answer.kind(),
        at_best: spec.rule.at_best(&input),
        input,
        source,
        rule: Arc::clone(&spec.rule),
        not_applicable,
        points,
        max,
    }
}
