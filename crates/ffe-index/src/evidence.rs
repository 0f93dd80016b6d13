//! Evidence requirements (举证要求): what material an enterprise must provide for a node.

use serde::{Deserialize, Serialize};

/// The marker printed at the start of an evidence cell. The document does not define them, so they
/// are kept and shown, never interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Marker {
    #[serde(rename = "*")]
    Star,
    #[serde(rename = "√")]
    Check,
    #[serde(rename = "P")]
    P,
}

impl Marker {
    pub fn parse(text: &str) -> Option<Marker> {
        match text {
            "*" => Some(Marker::Star),
            "√" => Some(Marker::Check),
            "P" => Some(Marker::P),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Marker::Star => "*",
            Marker::Check => "√",
            Marker::P => "P",
        }
    }
}

/// A kind of material an evidence requirement asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    Text,
    Screenshot,
    Video,
    Picture,
    Certificate,
    Contract,
    List,
    Example,
    Report,
    Document,
    Other,
}

impl Material {
    pub const ALL: [Material; 11] = [
        Material::Text,
        Material::Screenshot,
        Material::Video,
        Material::Picture,
        Material::Certificate,
        Material::Contract,
        Material::List,
        Material::Example,
        Material::Report,
        Material::Document,
        Material::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Material::Text => "text",
            Material::Screenshot => "screenshot",
            Material::Video => "video",
            Material::Picture => "picture",
            Material::Certificate => "certificate",
            Material::Contract => "contract",
            Material::List => "list",
            Material::Example => "example",
            Material::Report => "report",
            Material::Document => "document",
            Material::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Material> {
        Material::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Material::Text => "文字说明",
            Material::Screenshot => "界面截图",
            Material::Video => "视频/录屏",
            Material::Picture => "图片/照片",
            Material::Certificate => "证书/资质",
            Material::Contract => "合同/发票",
            Material::List => "清单/台账",
            Material::Example => "案例/实例",
            Material::Report => "报告/日志",
            Material::Document => "制度/文件",
            Material::Other => "佐证材料",
        }
    }
}

/// A word-count rule for the written part of a requirement. At least one bound is set and
/// `min <= max` (the loader guarantees both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl WordRule {
    /// Whether a text of `count` words satisfies the rule.
    pub fn accepts(&self, count: usize) -> bool {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        self.min.is_none_or(|min| count >= u64::from(min))
            && self.max.is_none_or(|max| count <= u64::from(max))
    }

    /// The rule as the document words it: "不少于 300 字", "不超过 500 字", "1000-1500 字".
    pub fn describe_zh(&self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!("{min}-{max} 字"),
            (Some(min), None) => format!("不少于 {min} 字"),
            (None, Some(max)) => format!("不超过 {max} 字"),
            (None, None) => "不限字数".to_string(),
        }
    }
}

/// One evidence requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    pub text: String,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<WordRule>,
}
