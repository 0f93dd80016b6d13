//! 离散型 or 流程型: how an enterprise makes things. The enterprise declares it at registration; it is
//! never inferred from the industry code, because plants in one industry class can be either.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndustryType {
    /// 离散型: parts made and assembled (machinery, vehicles, electronics, garments).
    Discrete,
    /// 流程型: materials transformed continuously or in batches (chemicals, steel, paper, food).
    Process,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的生产类型“{0}”（可选：离散型、流程型）")]
pub struct UnknownIndustryType(pub String);

impl IndustryType {
    pub const ALL: [IndustryType; 2] = [IndustryType::Discrete, IndustryType::Process];

    /// The identifier used in data and the API; the same words the index uses for applicability.
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

impl FromStr for IndustryType {
    type Err = UnknownIndustryType;

    /// Accepts the identifier or the Chinese label, so a form may post either.
    fn from_str(s: &str) -> Result<IndustryType, UnknownIndustryType> {
        let key = s.trim();
        IndustryType::ALL
            .into_iter()
            .find(|t| {
                t.as_str().eq_ignore_ascii_case(key)
                    || t.label_zh() == key
                    || t.label_zh().trim_end_matches('型') == key
            })
            .ok_or_else(|| UnknownIndustryType(key.to_string()))
    }
}

impl fmt::Display for IndustryType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}
