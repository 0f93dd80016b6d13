//! What an enterprise declares and answers (format: `docs/answers.schema.json`).
//!
//! ```json
//! {"profile": {"industry_type": "discrete", "high_value_equipment": false},
//!  "answers": {"1.3.e.1": 87.5, "3.5.a.1": "省级绿色工厂", "1.1.a.1": ["合作案例和合作成果"]}}
//! ```
//! Parsing checks every code and value against the edition and reports every problem at once.

use std::collections::BTreeMap;
use std::fmt;

use ffe_index::{Answer, Applicability, Edition};
use serde_json::Value as J;

/// 离散型 or 流程型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndustryType {
    Discrete,
    Process,
}

impl IndustryType {
    pub fn as_str(self) -> &'static str {
        match self {
            IndustryType::Discrete => "discrete",
            IndustryType::Process => "process",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            IndustryType::Discrete => "离散型",
            IndustryType::Process => "流程型",
        }
    }
}

/// What an enterprise declares about itself: it decides which items apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Profile {
    pub industry_type: IndustryType,
    pub high_value_equipment: bool,
}

impl Profile {
    /// Whether an item with this applicability applies to the enterprise.
    pub fn includes(&self, applies_to: Option<Applicability>) -> bool {
        match applies_to {
            None => true,
            Some(Applicability::Discrete) => self.industry_type == IndustryType::Discrete,
            Some(Applicability::Process) => self.industry_type == IndustryType::Process,
            Some(Applicability::HighValueEquipment) => self.high_value_equipment,
        }
    }

    pub fn to_json(&self) -> J {
        serde_json::json!({
            "industry_type": self.industry_type.as_str(),
            "high_value_equipment": self.high_value_equipment,
        })
    }
}

/// One answer, typed by its element's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// achievement
    Achieved(bool),
    /// tier: the level reached, as written in the index
    Level(String),
    /// options: those that hold
    Options(Vec<String>),
    /// quantity, or ratio in percent
    Number(f64),
    /// ratio as numerator and denominator
    Fraction { numerator: f64, denominator: f64 },
    /// points: one score
    Points(f64),
    /// points: one score per scenario
    Scenarios(Vec<f64>),
}

impl Value {
    /// Read a JSON value as the answer to an element of this kind.
    pub fn from_json(code: &str, answer: &Answer, json: &J) -> Result<Value, AnswerProblem> {
        let wrong = |expected: String| AnswerProblem::IllTyped {
            code: code.to_string(),
            kind: answer.kind_zh(),
            expected,
            found: short(json),
        };
        match answer {
            Answer::Achievement => json
                .as_bool()
                .map(Value::Achieved)
                .ok_or_else(|| wrong("true 或 false".into())),
            Answer::Tier { levels } => match json.as_str() {
                Some(level) if levels.iter().any(|l| l == level) => Ok(Value::Level(level.into())),
                _ => Err(wrong(format!("以下等级之一：{}", quoted(levels)))),
            },
            Answer::Options { options } => {
                let expected = || {
                    wrong(format!(
                        "由以下选项组成的数组（可为空）：{}",
                        quoted(options)
                    ))
                };
                let list = json.as_array().ok_or_else(expected)?;
                let mut held: Vec<String> = Vec::new();
                for item in list {
                    match item.as_str() {
                        Some(o)
                            if options.iter().any(|x| x == o) && !held.iter().any(|h| h == o) =>
                        {
                            held.push(o.to_string());
                        }
                        _ => return Err(expected()),
                    }
                }
                Ok(Value::Options(held))
            }
            Answer::Quantity { unit, .. } => match json.as_f64() {
                Some(n) if n.is_finite() && n >= 0.0 => Ok(Value::Number(n)),
                _ => Err(wrong(format!("不小于 0 的数（单位：{unit}）"))),
            },
            Answer::Ratio { .. } => {
                let expected = || {
                    wrong("百分数（如 87.5 表示 87.5%），或 {\"numerator\": 分子, \"denominator\": 分母}（分子不小于 0，分母大于 0）".into())
                };
                if let Some(n) = json.as_f64() {
                    return (n.is_finite() && n >= 0.0)
                        .then_some(Value::Number(n))
                        .ok_or_else(expected);
                }
                let obj = json.as_object().ok_or_else(expected)?;
                if obj.keys().any(|k| k != "numerator" && k != "denominator") {
                    return Err(expected());
                }
                let numerator = obj.get("numerator").and_then(J::as_f64);
                let denominator = obj.get("denominator").and_then(J::as_f64);
                match (numerator, denominator) {
                    (Some(n), Some(d)) if n.is_finite() && n >= 0.0 && d.is_finite() && d > 0.0 => {
                        Ok(Value::Fraction {
                            numerator: n,
                            denominator: d,
                        })
                    }
                    _ => Err(expected()),
                }
            }
            Answer::Points { max, per: None, .. } => match json.as_f64() {
                Some(p) if p.is_finite() && (0.0..=f64::from(*max)).contains(&p) => {
                    Ok(Value::Points(p))
                }
                _ => Err(wrong(format!("0 到 {max} 之间的分数"))),
            },
            Answer::Points { per: Some(per), .. } => {
                let expected = || {
                    wrong(format!(
                        "每项场景一个分数的数组，每个分数在 0 到 {per} 之间"
                    ))
                };
                let list = json.as_array().ok_or_else(expected)?;
                let mut scores = Vec::with_capacity(list.len());
                for item in list {
                    match item.as_f64() {
                        Some(p) if p.is_finite() && (0.0..=f64::from(*per)).contains(&p) => {
                            scores.push(p);
                        }
                        _ => return Err(expected()),
                    }
                }
                Ok(Value::Scenarios(scores))
            }
        }
    }

    /// The value as the answers format writes it.
    pub fn to_json(&self) -> J {
        let number = |v: f64| serde_json::Number::from_f64(v).map_or(J::Null, J::Number);
        match self {
            Value::Achieved(b) => J::Bool(*b),
            Value::Level(l) => J::String(l.clone()),
            Value::Options(list) => J::Array(list.iter().map(|o| J::String(o.clone())).collect()),
            Value::Number(n) | Value::Points(n) => number(*n),
            Value::Fraction {
                numerator,
                denominator,
            } => {
                serde_json::json!({"numerator": number(*numerator), "denominator": number(*denominator)})
            }
            Value::Scenarios(list) => J::Array(list.iter().map(|p| number(*p)).collect()),
        }
    }
}

/// An enterprise's profile and answers, keyed by element code.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub profile: Profile,
    pub values: BTreeMap<String, Value>,
}

impl Answers {
    /// No answers yet.
    pub fn new(profile: Profile) -> Answers {
        Answers {
            profile,
            values: BTreeMap::new(),
        }
    }

    /// Parse the answers format, checking every code and value against the edition.
    pub fn from_json(text: &str, edition: &Edition) -> Result<Answers, AnswerProblems> {
        let json: J = serde_json::from_str(text).map_err(|e| {
            AnswerProblems(vec![AnswerProblem::Syntax {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            }])
        })?;
        Answers::from_json_value(&json, edition)
    }

    /// The same, from a parsed JSON value.
    pub fn from_json_value(json: &J, edition: &Edition) -> Result<Answers, AnswerProblems> {
        let mut problems = Vec::new();
        let Some(top) = json.as_object() else {
            return Err(AnswerProblems(vec![AnswerProblem::NotAnObject]));
        };
        for key in top.keys() {
            if key != "profile" && key != "answers" {
                problems.push(AnswerProblem::UnknownField(key.clone()));
            }
        }
        let profile = match top.get("profile") {
            Some(p) => parse_profile(p, &mut problems),
            None => {
                problems.push(AnswerProblem::Missing("profile"));
                None
            }
        };
        let mut values = BTreeMap::new();
        match top.get("answers").map(J::as_object) {
            Some(Some(map)) => {
                for (code, value) in map {
                    match Answers::check_value(edition, code, value) {
                        Ok(v) => {
                            values.insert(code.clone(), v);
                        }
                        Err(p) => problems.push(p),
                    }
                }
            }
            Some(None) => problems.push(AnswerProblem::AnswersNotAnObject),
            None => problems.push(AnswerProblem::Missing("answers")),
        }
        match profile {
            Some(profile) if problems.is_empty() => Ok(Answers { profile, values }),
            _ => Err(AnswerProblems(problems)),
        }
    }

    /// Check one JSON value as the answer to the element `code`.
    pub fn check_value(edition: &Edition, code: &str, json: &J) -> Result<Value, AnswerProblem> {
        let node = edition
            .get(code)
            .ok_or_else(|| AnswerProblem::UnknownCode(code.to_string()))?;
        let Some(answer) = node.answer() else {
            return Err(AnswerProblem::NotAnElement {
                code: code.to_string(),
                level: node.level().label_zh(),
            });
        };
        Value::from_json(code, answer, json)
    }

    /// Set (or, with `null`, clear) one answer after checking it.
    pub fn set(&mut self, edition: &Edition, code: &str, json: &J) -> Result<(), AnswerProblem> {
        if json.is_null() {
            edition
                .get(code)
                .filter(|n| n.answer().is_some())
                .ok_or_else(|| AnswerProblem::UnknownCode(code.to_string()))?;
            self.values.remove(code);
        } else {
            let value = Answers::check_value(edition, code, json)?;
            self.values.insert(code.to_string(), value);
        }
        Ok(())
    }

    /// The answers format, as JSON.
    pub fn to_json(&self) -> J {
        let answers: serde_json::Map<String, J> = self
            .values
            .iter()
            .map(|(code, v)| (code.clone(), v.to_json()))
            .collect();
        serde_json::json!({"profile": self.profile.to_json(), "answers": answers})
    }
}

fn parse_profile(json: &J, problems: &mut Vec<AnswerProblem>) -> Option<Profile> {
    let Some(obj) = json.as_object() else {
        problems.push(AnswerProblem::ProfileNotAnObject);
        return None;
    };
    for key in obj.keys() {
        if key != "industry_type" && key != "high_value_equipment" {
            problems.push(AnswerProblem::UnknownProfileField(key.clone()));
        }
    }
    let industry_type = match obj.get("industry_type").and_then(J::as_str) {
        Some("discrete") => Some(IndustryType::Discrete),
        Some("process") => Some(IndustryType::Process),
        _ => {
            let found = obj
                .get("industry_type")
                .map_or("（缺失）".to_string(), short);
            problems.push(AnswerProblem::BadIndustryType(found));
            None
        }
    };
    let high_value_equipment = match obj.get("high_value_equipment") {
        None => false,
        Some(J::Bool(b)) => *b,
        Some(other) => {
            problems.push(AnswerProblem::BadHighValue(short(other)));
            false
        }
    };
    industry_type.map(|industry_type| Profile {
        industry_type,
        high_value_equipment,
    })
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// A JSON value cut short for a message.
fn short(json: &J) -> String {
    let text = json.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// What is wrong with an answers file. Messages name the code and what was expected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnswerProblem {
    #[error("JSON 语法错误（第 {line} 行第 {column} 列）：{message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("顶层必须是包含 profile 和 answers 的对象")]
    NotAnObject,
    #[error("缺少 {0}")]
    Missing(&'static str),
    #[error("未知字段“{0}”（可用：profile、answers）")]
    UnknownField(String),
    #[error("profile 必须是对象：{{\"industry_type\": …, \"high_value_equipment\": …}}")]
    ProfileNotAnObject,
    #[error("未知的 profile 字段“{0}”（可用：industry_type、high_value_equipment）")]
    UnknownProfileField(String),
    #[error("profile.industry_type 应为 \"discrete\"（离散型）或 \"process\"（流程型），实为 {0}")]
    BadIndustryType(String),
    #[error("profile.high_value_equipment 应为 true 或 false，实为 {0}")]
    BadHighValue(String),
    #[error("answers 必须是以评价要素编码为键的对象")]
    AnswersNotAnObject,
    #[error("[{0}] 指数中没有这个编码的评价要素")]
    UnknownCode(String),
    #[error("[{code}] 是{level}，只能对评价要素作答")]
    NotAnElement { code: String, level: &'static str },
    #[error("[{code}]（{kind}）应为{expected}，实为 {found}")]
    IllTyped {
        code: String,
        kind: &'static str,
        expected: String,
        found: String,
    },
}

/// Every problem of an answers file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct AnswerProblems(pub Vec<AnswerProblem>);

impl AnswerProblems {
    pub fn iter(&self) -> impl Iterator<Item = &AnswerProblem> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for AnswerProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        write!(f, "共 {} 个问题", self.0.len())
    }
}
