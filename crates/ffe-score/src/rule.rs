//! How one element's input becomes a fraction of its points, and what its next step up is.
//!
//! A rule is the scheme's `[[rule]]` (or the defaults) resolved against the element's answer kind.
//! Every rule is monotone: a better input never scores less, which the engine's guarantees rest on.

use crate::scheme::{Threshold, UnderMinCount};
use crate::text::num;

/// An element's input, resolved against its rule: what the engine scores.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Not answered (or the answer could not be used).
    Missing,
    Achieved(bool),
    /// The index of the level reached, lowest first.
    Level(usize),
    /// The options held, one bit per option in the element's order.
    Options(u64),
    /// A quantity, or a ratio in percent.
    Number(f64),
    /// Expert points for a single-score element.
    Points(f64),
    /// Expert points per scenario.
    Scenarios(Vec<f64>),
}

/// A scoring rule, compiled.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Achievement,
    Tier {
        levels: Vec<String>,
        points: Vec<f64>,
    },
    Options {
        options: Vec<String>,
        points: Vec<f64>,
        cap: f64,
    },
    Thresholds {
        /// "%" for ratios, the unit for quantities.
        unit: String,
        steps: Vec<Threshold>,
    },
    Points {
        max: f64,
        per: Option<f64>,
        min_count: Option<usize>,
        step: f64,
        under_min_count: UnderMinCount,
    },
}

/// A rule with its words, written once when the engine is built and shared by every scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct WordedRule {
    pub rule: Rule,
    pub zh: String,
}

impl WordedRule {
    pub fn new(rule: Rule) -> WordedRule {
        let zh = rule.describe_zh();
        WordedRule { rule, zh }
    }
}

impl std::ops::Deref for WordedRule {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        &self.rule
    }
}

impl Rule {
    /// The share of the element's points this input earns, in [0, 1].
    pub fn fraction(&self, input: &Input) -> f64 {
        let f = match (self, input) {
            (_, Input::Missing) => 0.0,
            (Rule::Achievement, Input::Achieved(done)) => f64::from(u8::from(*done)),
            (Rule::Tier { points, .. }, Input::Level(i)) => match (points.get(*i), points.last()) {
                (Some(p), Some(best)) if *best > 0.0 => p / best,
                _ => 0.0,
            },
            (Rule::Options { points, cap, .. }, Input::Options(mask)) => {
                options_sum(points, *mask).min(*cap) / cap
            }
            (Rule::Thresholds { steps, .. }, Input::Number(value)) => {
                let best = steps.last().map_or(0.0, |t| t.points);
                if best > 0.0 {
                    threshold_points(steps, *value) / best
                } else {
                    0.0
                }
            }
            (Rule::Points { max, .. }, Input::Points(p)) => p.clamp(0.0, *max) / max,
            (rule @ Rule::Points { max, .. }, Input::Scenarios(list)) => {
                rule.scenario_points(list).min(*max) / max
            }
            _ => 0.0,
        };
        if f.is_finite() {
            f.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The sum a per-scenario element counts before its cap: each scenario up to `per`, nothing at
    /// all below `min_count` when the scheme says so.
    fn scenario_points(&self, list: &[f64]) -> f64 {
        let Rule::Points {
            per,
            min_count,
            under_min_count,
            ..
        } = self
        else {
            return 0.0;
        };
        let per = per.unwrap_or(f64::INFINITY);
        if *under_min_count == UnderMinCount::Zero && min_count.is_some_and(|n| list.len() < n) {
            return 0.0;
        }
        list.iter().map(|p| p.clamp(0.0, per)).sum()
    }

    /// The input one step better than `input`, or `None` at the best. Each step earns more.
    pub fn next(&self, input: &Input) -> Option<Input> {
        match self {
            Rule::Achievement => match input {
                Input::Achieved(true) => None,
                _ => Some(Input::Achieved(true)),
            },
            Rule::Tier { points, .. } => {
                let (from, current) = match input {
                    Input::Level(i) => (i + 1, points.get(*i).copied().unwrap_or(0.0)),
                    _ => (0, 0.0),
                };
                (from..points.len())
                    .find(|j| points.get(*j).is_some_and(|p| *p > current))
                    .map(Input::Level)
            }
            Rule::Options { points, cap, .. } => {
                let mask = match input {
                    Input::Options(mask) => *mask,
                    _ => 0,
                };
                let now = options_sum(points, mask).min(*cap);
                let mut best: Option<(usize, f64)> = None;
                for (i, p) in points.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        continue;
                    }
                    let gain = (now + p).min(*cap) - now;
                    if gain > 0.0 && best.is_none_or(|(_, g)| gain > g) {
                        best = Some((i, gain));
                    }
                }
                best.map(|(i, _)| Input::Options(mask | (1 << i)))
            }
            Rule::Thresholds { steps, .. } => {
                let current = match input {
                    Input::Number(v) => threshold_points(steps, *v),
                    _ => 0.0,
                };
                let reached = matches!(input, Input::Number(_));
                steps
                    .iter()
                    .find(|t| t.points > current || (!reached && t.points > 0.0))
                    .map(|t| Input::Number(t.at))
            }
            Rule::Points {
                max,
                per: None,
                step,
                ..
            } => {
                let now = match input {
                    Input::Points(p) => *p,
                    _ => 0.0,
                };
                (now < *max).then(|| Input::Points(((now / step).floor() * step + step).min(*max)))
            }
            Rule::Points {
                per: Some(per),
                min_count,
                under_min_count,
                ..
            } => {
                if self.fraction(input) >= 1.0 {
                    return None;
                }
                let list = match input {
                    Input::Scenarios(list) => list.clone(),
                    _ => Vec::new(),
                };
                // Two kinds of step: show one more scenario at full marks, or bring the weakest
                // scenario shown up to full marks. Take whichever earns more; on a tie, improve
                // what is already shown.
                let mut added = list.clone();
                added.push(*per);
                let added = Input::Scenarios(added);
                let raised = list
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p < *per)
                    .min_by(|a, b| a.1.total_cmp(b.1))
                    .map(|(i, _)| {
                        let mut raised = list.clone();
                        if let Some(p) = raised.get_mut(i) {
                            *p = *per;
                        }
                        Input::Scenarios(raised)
                    });
                // Below the minimum under a "zero" rule, only another scenario leads anywhere.
                let short = min_count.is_some_and(|n| list.len() < n)
                    && *under_min_count == UnderMinCount::Zero;
                match raised {
                    Some(raised) if !short && self.fraction(&raised) >= self.fraction(&added) => {
                        Some(raised)
                    }
                    _ => Some(added),
                }
            }
        }
    }

    /// Whether `input` already earns the element's full points.
    pub fn at_best(&self, input: &Input) -> bool {
        self.fraction(input) >= 1.0
    }

    /// The rule in words, for the explanation trail.
    pub fn describe_zh(&self) -> String {
        match self {
            Rule::Achievement => "达成得满分，未达成不得分".to_string(),
            Rule::Tier { levels, points } => {
                let parts: Vec<String> = levels
                    .iter()
                    .zip(points)
                    .map(|(l, p)| format!("{l} {} 分", num(*p)))
                    .collect();
                format!(
                    "分级计分：{}（满 {} 分）",
                    parts.join("、"),
                    num(last(points))
                )
            }
            Rule::Options {
                options,
                points,
                cap,
            } => {
                let parts: Vec<String> = options
                    .iter()
                    .zip(points)
                    .map(|(o, p)| format!("{o} {} 分", num(*p)))
                    .collect();
                format!("多选累加：{}，{} 分封顶", parts.join("、"), num(*cap))
            }
            Rule::Thresholds { unit, steps } => {
                let parts: Vec<String> = steps
                    .iter()
                    .map(|t| {
                        format!(
                            "≥{}{} 得 {} 分",
                            num(t.at),
                            unit_suffix(unit),
                            num(t.points)
                        )
                    })
                    .collect();
                format!(
                    "分段计分：{}（满 {} 分）",
                    parts.join("、"),
                    num(steps.last().map_or(0.0, |t| t.points))
                )
            }
            Rule::Points { max, per: None, .. } => format!("专家评分，最高 {} 分", num(*max)),
            Rule::Points {
                max,
                per: Some(per),
                min_count,
                under_min_count,
                ..
            } => {
                let min = match (min_count, under_min_count) {
                    (Some(n), UnderMinCount::Keep) => {
                        format!("，应不少于 {n} 项（不足时照常计分并提示）")
                    }
                    (Some(n), UnderMinCount::Zero) => format!("，应不少于 {n} 项（不足时不得分）"),
                    (None, _) => String::new(),
                };
                format!("每项最高 {} 分{min}，总分最高 {} 分", num(*per), num(*max))
            }
        }
    }

    /// An input in words.
    pub fn describe_input_zh(&self, input: &Input) -> String {
        match (self, input) {
            (_, Input::Missing) => "未填报".to_string(),
            (_, Input::Achieved(true)) => "已达成".to_string(),
            (_, Input::Achieved(false)) => "未达成".to_string(),
            (Rule::Tier { levels, .. }, Input::Level(i)) => levels
                .get(*i)
                .cloned()
                .unwrap_or_else(|| format!("第 {} 级", i + 1)),
            (Rule::Options { options, .. }, Input::Options(mask)) => {
                let held = held_options(options, *mask);
                if held.is_empty() {
                    "未选择任何选项".to_string()
                } else {
                    held.join("、")
                }
            }
            (Rule::Thresholds { unit, .. }, Input::Number(v)) => {
                format!("{}{}", num(*v), unit_suffix(unit))
            }
            (_, Input::Number(v)) => num(*v),
            (_, Input::Points(p)) => format!("{} 分", num(*p)),
            (_, Input::Scenarios(list)) => {
                let parts: Vec<String> = list.iter().map(|p| num(*p)).collect();
                format!("{} 项场景：{} 分", list.len(), parts.join("、"))
            }
            (_, Input::Level(i)) => format!("第 {} 级", i + 1),
            (_, Input::Options(_)) => "选项".to_string(),
        }
    }

    /// An input as the answers format writes it, so that a step can be applied as a change.
    pub fn input_to_json(&self, input: &Input) -> serde_json::Value {
        use serde_json::Value as J;
        match (self, input) {
            (_, Input::Missing) => J::Null,
            (_, Input::Achieved(done)) => J::Bool(*done),
            (Rule::Tier { levels, .. }, Input::Level(i)) => {
                levels.get(*i).map_or(J::Null, |l| J::String(l.clone()))
            }
            (Rule::Options { options, .. }, Input::Options(mask)) => J::Array(
                held_options(options, *mask)
                    .into_iter()
                    .map(|o| J::String(o.to_string()))
                    .collect(),
            ),
            (_, Input::Number(v) | Input::Points(v)) => json_number(*v),
            (_, Input::Scenarios(list)) => J::Array(list.iter().map(|p| json_number(*p)).collect()),
            _ => J::Null,
        }
    }
}

fn options_sum(points: &[f64], mask: u64) -> f64 {
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, p)| p)
        .sum()
}

fn held_options(options: &[String], mask: u64) -> Vec<&str> {
    options
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, o)| o.as_str())
        .collect()
}

fn threshold_points(steps: &[Threshold], value: f64) -> f64 {
    steps
        .iter()
        .rev()
        .find(|t| value >= t.at)
        .map_or(0.0, |t| t.points)
}

fn last(points: &[f64]) -> f64 {
    points.last().copied().unwrap_or(0.0)
}

fn unit_suffix(unit: &str) -> String {
    if unit == "%" {
        "%".to_string()
    } else {
        format!(" {unit}")
    }
}

fn json_number(v: f64) -> serde_json::Value {
    serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn networking() -> Rule {
        Rule::Thresholds {
            unit: "%".into(),
            steps: vec![
                Threshold {
                    at: 60.0,
                    points: 1.0,
                },
                Threshold {
                    at: 80.0,
                    points: 2.0,
                },
                Threshold {
                    at: 95.0,
                    points: 3.0,
                },
            ],
        }
    }

    #[test]
    fn thresholds_score_the_highest_step_reached() {
        let r = networking();
        assert_eq!(r.fraction(&Input::Number(59.9)), 0.0);
        assert_eq!(r.fraction(&Input::Number(60.0)), 1.0 / 3.0);
        assert_eq!(r.fraction(&Input::Number(94.0)), 2.0 / 3.0);
        assert_eq!(r.fraction(&Input::Number(100.0)), 1.0);
        assert_eq!(r.next(&Input::Number(72.0)), Some(Input::Number(80.0)));
        assert_eq!(r.next(&Input::Missing), Some(Input::Number(60.0)));
        assert_eq!(r.next(&Input::Number(96.0)), None);
        assert_eq!(
            r.describe_zh(),
            "分段计分：≥60% 得 1 分、≥80% 得 2 分、≥95% 得 3 分（满 3 分）"
        );
    }

    #[test]
    fn tiers_skip_levels_that_earn_nothing_more() {
        let r = Rule::Tier {
            levels: vec!["a".into(), "b".into(), "c".into()],
            points: vec![1.0, 1.0, 2.0],
        };
        assert_eq!(r.fraction(&Input::Level(1)), 0.5);
        assert_eq!(r.next(&Input::Missing), Some(Input::Level(0)));
        assert_eq!(r.next(&Input::Level(0)), Some(Input::Level(2)));
        assert_eq!(r.next(&Input::Level(2)), None);
    }

    #[test]
    fn options_add_the_most_valuable_missing_option_up_to_the_cap() {
        let r = Rule::Options {
            options: vec!["手工".into(), "设备".into()],
            points: vec![1.0, 2.0],
            cap: 2.0,
        };
        assert_eq!(r.fraction(&Input::Options(0b01)), 0.5);
        assert_eq!(r.fraction(&Input::Options(0b11)), 1.0);
        assert_eq!(r.next(&Input::Missing), Some(Input::Options(0b10)));
        assert_eq!(r.next(&Input::Options(0b10)), None);
        assert_eq!(r.next(&Input::Options(0b01)), Some(Input::Options(0b11)));
        assert_eq!(r.describe_input_zh(&Input::Options(0b11)), "手工、设备");
    }

    #[test]
    fn scenarios_count_each_up_to_per_and_cap_at_max() {
        let keep = Rule::Points {
            max: 100.0,
            per: Some(20.0),
            min_count: Some(5),
            step: 10.0,
            under_min_count: UnderMinCount::Keep,
        };
        assert_eq!(
            keep.fraction(&Input::Scenarios(vec![25.0, 20.0, 20.0])),
            0.6
        );
        assert_eq!(keep.fraction(&Input::Scenarios(vec![20.0; 7])), 1.0);
        assert_eq!(
            keep.next(&Input::Scenarios(vec![20.0, 10.0])),
            Some(Input::Scenarios(vec![20.0, 10.0, 20.0]))
        );
        assert_eq!(
            keep.next(&Input::Scenarios(vec![20.0, 20.0, 20.0, 20.0, 12.0])),
            Some(Input::Scenarios(vec![20.0; 5]))
        );
        let zero = Rule::Points {
            max: 100.0,
            per: Some(20.0),
            min_count: Some(5),
            step: 10.0,
            under_min_count: UnderMinCount::Zero,
        };
        assert_eq!(zero.fraction(&Input::Scenarios(vec![20.0; 4])), 0.0);
        assert_eq!(
            zero.next(&Input::Scenarios(vec![10.0])),
            Some(Input::Scenarios(vec![10.0, 20.0]))
        );
    }

    #[test]
    fn single_points_step_to_the_next_multiple() {
        let r = Rule::Points {
            max: 100.0,
            per: None,
            min_count: None,
            step: 10.0,
            under_min_count: UnderMinCount::Keep,
        };
        assert_eq!(r.next(&Input::Points(73.0)), Some(Input::Points(80.0)));
        assert_eq!(r.next(&Input::Points(95.0)), Some(Input::Points(100.0)));
        assert_eq!(r.next(&Input::Points(100.0)), None);
        assert_eq!(r.fraction(&Input::Points(150.0)), 1.0);
    }
}
