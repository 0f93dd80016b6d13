//! Planning to a target: the fewest steps that lift the total to a given number of points.
//!
//! A step is one element's next step (see [`Rule::next`](crate::rule::Rule)). Gains are not
//! independent (a best-of node counts only its best children; a tier may pay more on its last level),
//! so a greedy choice can miss the shortest plan. Instead every node gets a table: the best score its
//! subtree reaches with exactly `s` steps. Weighted and mean nodes add their children's scores, so
//! their table is the max-plus convolution of the children's; a best-of node picks which `k` children
//! count. The smallest `s` at the root that reaches the target is the shortest plan, and the tables
//! are walked back to find its steps.

use serde_json::{Value as J, json};

use crate::answers::Answers;
use crate::engine::{Engine, Evaluation};
use crate::rule::Input;
use crate::scheme::Aggregate;
use crate::score::LedgerValues;
use crate::scorecard::Source;
use crate::text::round2;
use crate::what_if::Change;

/// No element has more steps than this; a guard, far above any real rule.
const MAX_STEPS_PER_ELEMENT: usize = 1_000;

/// Totals closer than this count as equal.
const EPSILON: f64 = 1e-6;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("目标分数必须是不小于 0 的有限数，现为 {0}")]
    BadTarget(f64),
    #[error("目标 {target} 分超过了满分 {max} 分")]
    AboveMax { target: f64, max: f64 },
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub code: String,
    pub label: String,
    pub from: String,
    pub to: String,
    /// The answer after this step.
    pub value: J,
    /// What the step adds to the element's own points.
    pub element_gain: f64,
    pub from_ledger: bool,
}

/// The shortest list of steps from the current answers to the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub target: f64,
    pub before: f64,
    pub after: f64,
    pub steps: Vec<PlanStep>,
    /// The final answer of every element the plan touches, ready for [`Engine::what_if`].
    pub changes: Vec<Change>,
}

impl Plan {
    pub fn to_json(&self) -> J {
        json!({
            "target": round2(self.target),
            "before": round2(self.before),
            "after": round2(self.after),
            "step_count": self.steps.len(),
            "steps": self.steps.iter().map(|s| json!({
                "code": s.code,
                "label": s.label,
                "from": s.from,
                "to": s.to,
                "value": s.value,
                "element_gain": round2(s.element_gain),
                "from_ledger": s.from_ledger,
            })).collect::<Vec<_>>(),
        })
    }
}

/// How a node's table was made, for walking back.
enum Table {
    Element {
        /// The input after 1, 2, … steps.
        steps: Vec<Input>,
    },
    Sum {
        children: Vec<usize>,
        /// `split[i][s]`: steps given to child `i` when the first `i + 1` children use `s`.
        split: Vec<Vec<usize>>,
    },
    Best {
        children: Vec<usize>,
        k: usize,
        /// `choice[i][j][s]`: with the first `i + 1` children, `j` of them chosen, `s` steps: the
        /// steps of child `i` if it is chosen.
        choice: Vec<Vec<Vec<Option<usize>>>>,
    },
}

struct Planner<'a> {
    engine: &'a Engine,
    eval: &'a Evaluation<'a>,
    inputs: &'a [Input],
    tables: Vec<Option<Table>>,
}

impl Engine {
    /// The shortest list of steps that lifts the total to `target` points (an empty plan if it is
    /// already there).
    pub fn plan_to_target(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        target: f64,
    ) -> Result<Plan, PlanError> {
        if !(target.is_finite() && target >= 0.0) {
            return Err(PlanError::BadTarget(target));
        }
        if target > self.scale + EPSILON {
            return Err(PlanError::AboveMax {
                target,
                max: self.scale,
            });
        }
        let resolved = self.resolve(answers, ledger, &Default::default());
        let eval = self.evaluate(&answers.profile, &resolved.inputs);
        if eval.total + EPSILON >= target {
            return Ok(Plan {
                target,
                before: eval.total,
                after: eval.total,
                steps: Vec::new(),
                changes: Vec::new(),
            });
        }
        let mut planner = Planner {
            engine: self,
            eval: &eval,
            inputs: &resolved.inputs,
            tables: (0..self.nodes.len()).map(|_| None).collect(),
        };
        let (root, splits) = planner.root();
        // The full table reaches the maximum, so a step count that reaches the target exists.
        let Some(count) = root.iter().position(|v| *v + EPSILON >= target) else {
            return Err(PlanError::AboveMax {
                target,
                max: self.scale,
            });
        };
        let mut allocation = Vec::new();
        planner.walk_root(&splits, count, &mut allocation);
        Ok(self.plan_from(
            answers,
            ledger,
            target,
            &eval,
            &resolved.sources,
            &planner,
            allocation,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn plan_from(
        &self,
        answers: &Answers,
        ledger: &LedgerValues,
        target: f64,
        eval: &Evaluation<'_>,
        sources: &[Source],
        planner: &Planner<'_>,
        mut allocation: Vec<(usize, usize)>,
    ) -> Plan {
        let gain_of = |(i, n): &(usize, usize)| {
            let (Some(node), Some(Some(Table::Element { steps }))) =
                (self.nodes.get(*i), planner.tables.get(*i))
            else {
                return 0.0;
            };
            let f = match (&node.element, steps.get(n.saturating_sub(1))) {
                (Some(spec), Some(last)) => spec.rule.fraction(last),
                _ => 0.0,
            };
            let max = eval.max.get(*i).copied().unwrap_or(0.0);
            max * (f - eval.fraction.get(*i).copied().unwrap_or(0.0))
        };
        let key = |v: f64| (v * 1e6).round() as i64;
        allocation.sort_by(|a, b| key(gain_of(b)).cmp(&key(gain_of(a))).then(a.0.cmp(&b.0)));

        let mut steps = Vec::new();
        let mut changes = Vec::new();
        for (i, n) in allocation {
            let (Some(node), Some(Some(Table::Element { steps: seq })), Some(current)) = (
                self.nodes.get(i),
                planner.tables.get(i),
                planner.inputs.get(i),
            ) else {
                continue;
            };
            let Some(spec) = &node.element else {
                continue;
            };
            let max = eval.max.get(i).copied().unwrap_or(0.0);
            let from_ledger = matches!(sources.get(i), Some(Source::Ledger { .. }));
            let mut from = current;
            for to in seq.iter().take(n) {
                steps.push(PlanStep {
                    code: node.name.to_string(),
                    label: node.label.to_string(),
                    from: spec.rule.describe_input_zh(from),
                    to: spec.rule.describe_input_zh(to),
                    value: spec.rule.input_to_json(to),
                    element_gain: max * (spec.rule.fraction(to) - spec.rule.fraction(from)),
                    from_ledger,
                });
                from = to;
            }
            if let Ok(change) = self.change(node.code.as_str(), &spec.rule.input_to_json(from)) {
                changes.push(change);
            }
        }
        let after = self.what_if(answers, ledger, &changes).after.total;
        Plan {
            target,
            before: eval.total,
            after,
            steps,
            changes,
        }
    }
}

impl Planner<'_> {
    fn live_children(&self, node: usize) -> Vec<usize> {
        self.engine.nodes.get(node).map_or_else(Vec::new, |n| {
            n.children
                .iter()
                .copied()
                .filter(|c| self.eval.applicable.get(*c).copied().unwrap_or(false))
                .collect()
        })
    }

    /// The root adds its categories' scores.
    fn root(&mut self) -> (Vec<f64>, Vec<Vec<usize>>) {
        let categories: Vec<usize> = self
            .engine
            .categories
            .iter()
            .copied()
            .filter(|c| self.eval.applicable.get(*c).copied().unwrap_or(false))
            .collect();
        self.sum(&categories)
    }

    fn walk_root(&self, split: &[Vec<usize>], count: usize, out: &mut Vec<(usize, usize)>) {
        let categories: Vec<usize> = self
            .engine
            .categories
            .iter()
            .copied()
            .filter(|c| self.eval.applicable.get(*c).copied().unwrap_or(false))
            .collect();
        self.walk_sum(&categories, split, count, out);
    }

    /// The best score of a node's subtree with exactly `s` steps, for every `s`.
    fn table(&mut self, node: usize) -> Vec<f64> {
        let Some(n) = self.engine.nodes.get(node) else {
            return vec![0.0];
        };
        let max = self.eval.max.get(node).copied().unwrap_or(0.0);
        if let Some(spec) = &n.element {
            let mut input = self.inputs.get(node).cloned().unwrap_or(Input::Missing);
            let mut values = vec![max * spec.rule.fraction(&input)];
            let mut steps = Vec::new();
            while steps.len() < MAX_STEPS_PER_ELEMENT {
                let Some(next) = spec.rule.next(&input) else {
                    break;
                };
                values.push(max * spec.rule.fraction(&next));
                steps.push(next.clone());
                input = next;
            }
            self.store(node, Table::Element { steps });
            return values;
        }
        let children = self.live_children(node);
        match n.aggregate {
            Aggregate::Weighted | Aggregate::Mean => {
                let (values, split) = self.sum(&children);
                self.store(node, Table::Sum { children, split });
                values
            }
            Aggregate::BestOf { k } => {
                let k = k.min(children.len());
                let (values, choice) = self.best(&children, k);
                self.store(
                    node,
                    Table::Best {
                        children,
                        k,
                        choice,
                    },
                );
                values
            }
        }
    }

    fn store(&mut self, node: usize, table: Table) {
        if let Some(slot) = self.tables.get_mut(node) {
            *slot = Some(table);
        }
    }

    /// Max-plus convolution of the children's tables.
    fn sum(&mut self, children: &[usize]) -> (Vec<f64>, Vec<Vec<usize>>) {
        let mut acc = vec![0.0];
        let mut split = Vec::with_capacity(children.len());
        for child in children {
            let v = self.table(*child);
            let len = acc.len() + v.len() - 1;
            let mut next = vec![f64::NEG_INFINITY; len];
            let mut given = vec![0usize; len];
            for (a, base) in acc.iter().enumerate() {
                if *base == f64::NEG_INFINITY {
                    continue;
                }
                for (b, add) in v.iter().enumerate() {
                    let cand = base + add;
                    if let (Some(slot), Some(g)) = (next.get_mut(a + b), given.get_mut(a + b))
                        && cand > *slot
                    {
                        *slot = cand;
                        *g = b;
                    }
                }
            }
            acc = next;
            split.push(given);
        }
        (acc, split)
    }

    /// Exactly `k` children count; which ones is part of the choice.
    #[allow(clippy::type_complexity)]
    fn best(&mut self, children: &[usize], k: usize) -> (Vec<f64>, Vec<Vec<Vec<Option<usize>>>>) {
        let neg = f64::NEG_INFINITY;
        let mut g: Vec<Vec<f64>> = (0..=k)
            .map(|j| vec![if j == 0 { 0.0 } else { neg }])
            .collect();
        let mut choice = Vec::with_capacity(children.len());
        for child in children {
            let v = self.table(*child);
            let old = g.first().map_or(1, Vec::len);
            let len = old + v.len() - 1;
            let mut ng: Vec<Vec<f64>> = (0..=k).map(|_| vec![neg; len]).collect();
            let mut ch: Vec<Vec<Option<usize>>> = (0..=k).map(|_| vec![None; len]).collect();
            for j in 0..=k {
                for s in 0..old {
                    let base = g.get(j).and_then(|row| row.get(s)).copied().unwrap_or(neg);
                    if base == neg {
                        continue;
                    }
                    if let Some(slot) = ng.get_mut(j).and_then(|row| row.get_mut(s))
                        && base > *slot
                    {
                        *slot = base;
                        if let Some(c) = ch.get_mut(j).and_then(|row| row.get_mut(s)) {
                            *c = None;
                        }
                    }
                    if j == k {
                        continue;
                    }
                    for (b, add) in v.iter().enumerate() {
                        let cand = base + add;
                        if let Some(slot) = ng.get_mut(j + 1).and_then(|row| row.get_mut(s + b))
                            && cand > *slot
                        {
                            *slot = cand;
                            if let Some(c) = ch.get_mut(j + 1).and_then(|row| row.get_mut(s + b)) {
                                *c = Some(b);
                            }
                        }
                    }
                }
            }
            g = ng;
            choice.push(ch);
        }
        (g.get(k).cloned().unwrap_or_default(), choice)
    }

    fn walk(&self, node: usize, steps: usize, out: &mut Vec<(usize, usize)>) {
        match self.tables.get(node) {
            Some(Some(Table::Element { .. })) if steps > 0 => out.push((node, steps)),
            Some(Some(Table::Element { .. })) => {}
            Some(Some(Table::Sum { children, split })) => {
                self.walk_sum(children, split, steps, out)
            }
            Some(Some(Table::Best {
                children,
                k,
                choice,
            })) => {
                let (mut j, mut s) = (*k, steps);
                for (child, ch) in children.iter().zip(choice).rev() {
                    if let Some(Some(b)) = ch.get(j).and_then(|row| row.get(s)) {
                        self.walk(*child, *b, out);
                        j = j.saturating_sub(1);
                        s = s.saturating_sub(*b);
                    }
                }
            }
            _ => {}
        }
    }

    fn walk_sum(
        &self,
        children: &[usize],
        split: &[Vec<usize>],
        steps: usize,
        out: &mut Vec<(usize, usize)>,
    ) {
        let mut s = steps;
        for (child, given) in children.iter().zip(split).rev() {
            let b = given.get(s).copied().unwrap_or(0);
            self.walk(*child, b, out);
            s = s.saturating_sub(b);
        }
    }
}
