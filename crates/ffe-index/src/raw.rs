//! The file as written: plain strings where people can make mistakes, so that the loader can report
//! every mistake at once instead of stopping at the first.

use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub edition: Option<RawHeader>,
    #[serde(default)]
    pub category: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub indicator: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub subindicator: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub item: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub element: Vec<Spanned<RawNode>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHeader {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One entry of any level; which fields are allowed depends on the level and is checked by the loader.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNode {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<RawEvidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<toml::Table>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<RawWords>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// The serialisable form of a whole file, for `ffe index export --format toml`.
#[derive(Debug, Serialize)]
pub(crate) struct RawOut {
    pub edition: RawHeader,
    pub category: Vec<RawNode>,
    pub indicator: Vec<RawNode>,
    pub subindicator: Vec<RawNode>,
    pub item: Vec<RawNode>,
    pub element: Vec<RawNode>,
}
