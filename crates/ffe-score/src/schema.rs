//! The JSON Schema of the answers format, generated from an edition so that it names every element
//! code and the exact levels and options each accepts. `docs/answers.schema.json` is this, for the
//! shipped edition (a test keeps the two equal).

use ffe_index::{Answer, Edition};
use serde_json::{Map, Value as J, json};

/// The JSON Schema (draft 2020-12) of an answers file for this edition.
pub fn answers_schema(edition: &Edition) -> J {
    let mut properties = Map::new();
    for element in edition.elements() {
        let Some(answer) = element.answer() else {
            continue;
        };
        let description = format!("{}（{}）", element.label(60), answer.kind_zh());
        let mut schema = match answer {
            Answer::Achievement => json!({"$ref": "#/$defs/achievement"}),
            Answer::Tier { levels } => json!({"type": "string", "enum": levels}),
            Answer::Options { options } => json!({
                "type": "array",
                "items": {"type": "string", "enum": options},
                "uniqueItems": true,
            }),
            Answer::Quantity { unit, .. } => json!({
                "type": "number",
                "minimum": 0,
                "$comment": format!("单位：{unit}"),
            }),
            Answer::Ratio { .. } => json!({"$ref": "#/$defs/ratio"}),
            Answer::Points { max, per: None, .. } => json!({
                "type": "number",
                "minimum": 0,
                "maximum": max,
            }),
            Answer::Points { per: Some(per), .. } => json!({
                "type": "array",
                "items": {"type": "number", "minimum": 0, "maximum": per},
                "$comment": "每项典型场景一个分数",
            }),
        };
        if let Some(obj) = schema.as_object_mut() {
            obj.insert("description".into(), J::String(description));
        }
        properties.insert(element.code.as_str().to_string(), schema);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("urn:ffe:answers:{}", edition.meta.id),
        "title": format!("{} 自评答案", edition.meta.title),
        "description": "企业类型与各评价要素的答案。格式说明见 docs/scoring.md；由 `ffe scheme answers-schema` 生成。",
        "type": "object",
        "required": ["profile", "answers"],
        "additionalProperties": false,
        "properties": {
            "profile": {
                "type": "object",
                "required": ["industry_type"],
                "additionalProperties": false,
                "properties": {
                    "industry_type": {
                        "description": "discrete：离散型行业；process：流程型行业",
                        "enum": ["discrete", "process"],
                    },
                    "high_value_equipment": {
                        "description": "是否为高价值装备制造企业（决定 2.3.1.c 是否适用）",
                        "type": "boolean",
                        "default": false,
                    },
                },
            },
            "answers": {
                "description": "以评价要素编码为键；未出现的要素视为未填报（不得分）",
                "type": "object",
                "additionalProperties": false,
                "properties": properties,
            },
        },
        "$defs": {
            "achievement": {"type": "boolean", "description": "true：已达成；false：未达成"},
            "ratio": {
                "description": "百分数（87.5 表示 87.5%），或分子与分母",
                "oneOf": [
                    {"type": "number", "minimum": 0},
                    {
                        "type": "object",
                        "required": ["numerator", "denominator"],
                        "additionalProperties": false,
                        "properties": {
                            "numerator": {"type": "number", "minimum": 0},
                            "denominator": {"type": "number", "exclusiveMinimum": 0},
                        },
                    },
                ],
            },
        },
    })
}
