//! A scheme meets an edition: every code resolved, every rule fitted to its element's answer kind,
//! every problem reported with its line. The result is the compiled [`Engine`].

use std::collections::HashMap;
use std::sync::Arc;

use ffe_index::{Answer, Edition, Level, Node, NodeBody};

use crate::answers::{IndustryType, Profile};
use crate::engine::{CNode, ElementSpec, Engine};
use crate::problem::{Collector, SchemeProblemKind as K, SchemeProblems};
use crate::rule::{Rule, WordedRule};
use crate::scheme::{Aggregate, ElementRule, OptionCap, Scheme, TierDefault};

/// Options are held as bits of a `u64`.
const MAX_OPTIONS: usize = 64;

impl Scheme {
    /// Check the scheme against an index edition and compile both into an [`Engine`]. On failure,
    /// every problem found, in line order.
    pub fn check(&self, edition: &Edition) -> Result<Engine, SchemeProblems> {
        let mut out = Collector::default();
        if self.meta.edition != edition.meta.id {
            out.push(
                None,
                None,
                K::EditionMismatch {
                    scheme: self.meta.edition.clone(),
                    edition: edition.meta.id.clone(),
                },
            );
        }
        self.check_nodes(edition, &mut out);
        self.check_rule_targets(edition, &mut out);

        let mut engine = Engine {
            scheme_id: self.meta.id.clone(),
            scheme_title: self.meta.title.clone(),
            edition_id: edition.meta.id.clone(),
            scale: self.meta.scale,
            nodes: Vec::new(),
            categories: Vec::new(),
            by_code: HashMap::new(),
            elements_by_code: Vec::new(),
            subtree_end: Vec::new(),
            best_of: Vec::new(),
            shapes: Vec::new(),
        };
        for category in &edition.categories {
            let i = self.compile(category, None, &mut engine, &mut out);
            engine.categories.push(i);
        }
        let mut elements: Vec<usize> = (0..engine.nodes.len())
            .filter(|i| engine.nodes.get(*i).is_some_and(|n| n.element.is_some()))
            .collect();
        elements.sort_by(|a, b| {
            let name = |i: &usize| engine.nodes.get(*i).map(|n| n.name.clone());
            name(a).cmp(&name(b))
        });
        engine.elements_by_code = elements;
        engine.subtree_end = (0..engine.nodes.len())
            .map(|i| subtree_end(&engine, i))
            .collect();
        engine.best_of = (0..engine.nodes.len())
            .filter(|i| {
                engine
                    .nodes
                    .get(*i)
                    .is_some_and(|n| matches!(n.aggregate, Aggregate::BestOf { .. }))
            })
            .collect();
        engine.shapes = [IndustryType::Discrete, IndustryType::Process]
            .into_iter()
            .flat_map(|industry_type| {
                [false, true].map(|high_value_equipment| Profile {
                    industry_type,
                    high_value_equipment,
                })
            })
            .map(|profile| engine.compute_shape(&profile))
            .collect();
        out.finish(engine)
    }

    fn check_nodes(&self, edition: &Edition, out: &mut Collector) {
        for setting in &self.nodes {
            let at = Some(setting.line);
            let code = Some(setting.code.as_str());
            let Some(node) = edition.get(setting.code.as_str()) else {
                out.push(at, code, K::UnknownCode(setting.code.to_string()));
                continue;
            };
            let level = node.level();
            if level == Level::Category {
                if setting.weight.is_some() || setting.points.is_none() {
                    out.push(at, code, K::CategoryNeedsPoints);
                }
            } else if setting.points.is_some() {
                out.push(at, code, K::PointsBelowCategory);
            }
            if level == Level::Element && setting.aggregate.is_some() {
                out.push(at, code, K::AggregateOnElement);
            }
            if let Some(Aggregate::BestOf { k }) = setting.aggregate
                && k > node.children.len()
            {
                out.push(
                    at,
                    code,
                    K::KTooLarge {
                        k,
                        children: node.children.len(),
                    },
                );
            }
            // A weight under a parent that ignores weights is a mistake the editor should hear of.
            if let Some(parent) = node.code.parent()
                && setting.weight.is_some()
            {
                let aggregate = self.aggregate_of(parent.as_str());
                if aggregate != Aggregate::Weighted {
                    out.push(
                        at,
                        code,
                        K::WeightIgnored {
                            parent: parent.to_string(),
                            aggregate: aggregate.name(),
                        },
                    );
                }
            }
        }
        let mut sum = 0.0;
        for category in &edition.categories {
            match self.node(category.code.as_str()).and_then(|s| s.points) {
                Some(points) => sum += points,
                None => out.push(
                    None,
                    Some(category.code.as_str()),
                    K::MissingCategoryPoints(category.code.to_string()),
                ),
            }
        }
        let scale = self.meta.scale;
        if (sum - scale).abs() > 1e-9 * scale.abs().max(1.0) {
            out.push(None, None, K::ScaleMismatch { sum, scale });
        }
    }

    fn check_rule_targets(&self, edition: &Edition, out: &mut Collector) {
        for rule in &self.rules {
            match edition.get(rule.code.as_str()) {
                None => out.push(
                    Some(rule.line),
                    Some(rule.code.as_str()),
                    K::UnknownCode(rule.code.to_string()),
                ),
                Some(node) if node.level() != Level::Element => out.push(
                    Some(rule.line),
                    Some(rule.code.as_str()),
                    K::RuleNotOnElement(rule.code.to_string()),
                ),
                Some(_) => {}
            }
        }
    }

    fn aggregate_of(&self, code: &str) -> Aggregate {
        self.node(code)
            .and_then(|s| s.aggregate)
            .unwrap_or(self.defaults.aggregate)
    }

    fn compile(
        &self,
        node: &Node,
        parent: Option<usize>,
        engine: &mut Engine,
        out: &mut Collector,
    ) -> usize {
        let setting = self.node(node.code.as_str());
        let level = node.level();
        let share = match level {
            Level::Category => setting.and_then(|s| s.points).unwrap_or(0.0),
            _ => setting
                .and_then(|s| s.weight)
                .unwrap_or(self.defaults.weight),
        };
        let (applies_to, element) = match &node.body {
            NodeBody::Item { applies_to, .. } => (*applies_to, None),
            NodeBody::Element { answer, .. } => {
                (None, self.element_spec(node.code.as_str(), answer, out))
            }
            _ => (None, None),
        };
        let index = engine.nodes.len();
        engine.nodes.push(CNode {
            code: node.code.clone(),
            name: Arc::from(node.code.as_str()),
            level,
            label: Arc::from(node.label(24)),
            parent,
            children: Vec::new(),
            share,
            aggregate: self.aggregate_of(node.code.as_str()),
            applies_to,
            element,
        });
        engine.by_code.insert(node.code.as_str().to_string(), index);
        let mut children = Vec::with_capacity(node.children.len());
        for child in &node.children {
            children.push(self.compile(child, Some(index), engine, out));
        }
        if let Some(slot) = engine.nodes.get_mut(index) {
            slot.children = children;
        }
        index
    }

    /// The element's rule, from its `[[rule]]` entry and the defaults, checked against its kind.
    fn element_spec(
        &self,
        code: &str,
        answer: &Answer,
        out: &mut Collector,
    ) -> Option<ElementSpec> {
        let entry = self.rule(code);
        let at = entry.map(|r| r.line);
        let c = Some(code);
        let kind = answer.kind_zh();
        let allowed: &[&str] = match answer {
            Answer::Achievement => &[],
            Answer::Tier { .. } => &["levels"],
            Answer::Options { .. } => &["options", "cap"],
            Answer::Quantity { .. } | Answer::Ratio { .. } => &["thresholds"],
            Answer::Points { .. } => &["step", "under_min_count"],
        };
        if let Some(entry) = entry {
            for field in present_fields(entry) {
                if !allowed.contains(&field) {
                    out.push(at, c, K::FieldNotForKind { kind, field });
                }
            }
        }
        let rule = match answer {
            Answer::Achievement => Rule::Achievement,
            Answer::Tier { levels } => {
                let points = match entry.and_then(|r| r.levels.clone()) {
                    Some(points) => {
                        if points.len() != levels.len() {
                            out.push(
                                at,
                                c,
                                K::LevelCount {
                                    expected: levels.len(),
                                    found: points.len(),
                                },
                            );
                            return None;
                        }
                        points
                    }
                    None => match self.defaults.tier {
                        TierDefault::Linear => (1..=levels.len()).map(|i| i as f64).collect(),
                    },
                };
                Rule::Tier {
                    levels: levels.clone(),
                    points,
                }
            }
            Answer::Options { options } => {
                if options.len() > MAX_OPTIONS {
                    out.push(at, c, K::TooManyOptions(options.len()));
                    return None;
                }
                let named = entry.and_then(|r| r.options.as_ref());
                if let Some(named) = named {
                    for name in named.keys() {
                        if !options.contains(name) {
                            out.push(at, c, K::UnknownOption(name.clone()));
                        }
                    }
                }
                let points: Vec<f64> = options
                    .iter()
                    .map(|o| {
                        named
                            .and_then(|m| m.get(o).copied())
                            .unwrap_or(self.defaults.option_points)
                    })
                    .collect();
                let sum: f64 = points.iter().sum();
                let cap = match (entry.and_then(|r| r.cap), self.defaults.option_cap) {
                    (Some(cap), _) | (None, OptionCap::Points(cap)) => cap,
                    (None, OptionCap::All) => sum,
                };
                if sum <= 0.0 {
                    out.push(at, c, K::NoBestPoints);
                    return None;
                }
                if cap > sum + 1e-12 {
                    out.push(at, c, K::CapUnreachable { cap, sum });
                    return None;
                }
                Rule::Options {
                    options: options.clone(),
                    points,
                    cap,
                }
            }
            Answer::Quantity { .. } | Answer::Ratio { .. } => {
                let Some(steps) = entry.and_then(|r| r.thresholds.clone()) else {
                    out.push(at, c, K::MissingThresholds { kind });
                    return None;
                };
                let unit = match answer {
                    Answer::Quantity { unit, .. } => unit.clone(),
                    _ => "%".to_string(),
                };
                Rule::Thresholds { unit, steps }
            }
            Answer::Points {
                max,
                per,
                min_count,
            } => {
                let max = f64::from(*max);
                let step = entry
                    .and_then(|r| r.step)
                    .unwrap_or(self.defaults.points_step);
                if per.is_none() && step > max {
                    out.push(at, c, K::StepTooLarge { step, max });
                }
                if min_count.is_none() && entry.is_some_and(|r| r.under_min_count.is_some()) {
                    out.push(at, c, K::UnderMinWithoutMinCount);
                }
                Rule::Points {
                    max,
                    per: per.map(f64::from),
                    min_count: min_count.and_then(|n| usize::try_from(n).ok()),
                    step,
                    under_min_count: entry
                        .and_then(|r| r.under_min_count)
                        .unwrap_or(self.defaults.under_min_count),
                }
            }
        };
        Some(ElementSpec {
            rule: Arc::new(WordedRule::new(rule)),
            answer: answer.clone(),
            ledger_metric: answer.ledger_metric(),
        })
    }
}

/// One past the last descendant of node `i`: the next node that is not below it.
fn subtree_end(engine: &Engine, i: usize) -> usize {
    let mut end = i + 1;
    let mut current = i;
    while let Some(last) = engine.nodes.get(current).and_then(|n| n.children.last()) {
        end = last + 1;
        current = *last;
    }
    end
}

fn present_fields(rule: &ElementRule) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if rule.levels.is_some() {
        fields.push("levels");
    }
    if rule.options.is_some() {
        fields.push("options");
    }
    if rule.cap.is_some() {
        fields.push("cap");
    }
    if rule.thresholds.is_some() {
        fields.push("thresholds");
    }
    if rule.step.is_some() {
        fields.push("step");
    }
    if rule.under_min_count.is_some() {
        fields.push("under_min_count");
    }
    fields
}
