//! Writing an edition out: a JSON tree for programs, and the TOML file format back again.

use serde::Serialize;

use crate::answer::Answer;
use crate::code::Level;
use crate::edition::{Applicability, Edition, EditionMeta, Node, NodeBody};
use crate::evidence::Evidence;
use crate::raw::{RawEvidence, RawHeader, RawNode, RawOut, RawWords};

/// The JSON export (`ffe index export --format json`): a stable, documented shape.
#[derive(Serialize)]
struct JsonEdition<'a> {
    edition: &'a EditionMeta,
    children: Vec<JsonNode<'a>>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    code: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    letter: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a [Evidence]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_ref: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applies_to: Option<Applicability>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a Answer>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    corrections: &'a [String],
    children: Vec<JsonNode<'a>>,
}

fn json_node(node: &Node) -> JsonNode<'_> {
    let level = node.level();
    let (letter, number) = match level {
        Level::Item => (Some(node.code.last()), None),
        Level::Element => (None, node.code.last().parse().ok()),
        _ => (None, None),
    };
    let (evidence_ref, applies_to) = match &node.body {
        NodeBody::Item {
            evidence_ref,
            applies_to,
            ..
        } => (evidence_ref.as_ref().map(|c| c.as_str()), *applies_to),
        _ => (None, None),
    };
    JsonNode {
        code: node.code.as_str(),
        kind: level.as_str(),
        title: node.title(),
        text: node.text(),
        letter,
        number,
        evidence: matches!(level, Level::Indicator | Level::Subindicator | Level::Item)
            .then_some(node.evidence.as_slice()),
        evidence_ref,
        applies_to,
        answer: node.answer(),
        corrections: &node.corrections,
        children: node.children.iter().map(json_node).collect(),
    }
}

/// The whole edition as one JSON document: `{"edition": {...}, "children": [category, ...]}`.
pub fn to_json_tree(edition: &Edition) -> serde_json::Value {
    let doc = JsonEdition {
        edition: &edition.meta,
        children: edition.categories.iter().map(json_node).collect(),
    };
    serde_json::to_value(doc).unwrap_or(serde_json::Value::Null)
}

/// The edition in its own file format; loading the result gives back an equal edition.
pub fn to_toml(edition: &Edition) -> Result<String, toml::ser::Error> {
    let mut out = RawOut {
        edition: RawHeader {
            id: edition.meta.id.clone(),
            title: edition.meta.title.clone(),
            source: edition.meta.source.clone(),
            notes: edition.meta.notes.clone(),
        },
        category: Vec::new(),
        indicator: Vec::new(),
        subindicator: Vec::new(),
        item: Vec::new(),
        element: Vec::new(),
    };
    for node in edition.nodes() {
        let raw = raw_node(node)?;
        match node.level() {
            Level::Category => out.category.push(raw),
            Level::Indicator => out.indicator.push(raw),
            Level::Subindicator => out.subindicator.push(raw),
            Level::Item => out.item.push(raw),
            Level::Element => out.element.push(raw),
        }
    }
    toml::to_string(&out)
}

fn raw_node(node: &Node) -> Result<RawNode, toml::ser::Error> {
    let mut raw = RawNode {
        code: node.code.to_string(),
        corrections: node.corrections.clone(),
        evidence: node.evidence.iter().map(raw_evidence).collect(),
        ..RawNode::default()
    };
    match &node.body {
        NodeBody::Category { title } => raw.title = Some(title.clone()),
        NodeBody::Indicator { title, definition }
        | NodeBody::Subindicator { title, definition } => {
            raw.title = Some(title.clone());
            raw.definition = definition.clone();
        }
        NodeBody::Item {
            text,
            applies_to,
            evidence_ref,
        } => {
            raw.text = Some(text.clone());
            raw.applies_to = applies_to.map(|a| a.as_str().to_string());
            raw.evidence_ref = evidence_ref.as_ref().map(|c| c.to_string());
        }
        NodeBody::Element { text, answer } => {
            raw.text = Some(text.clone());
            raw.answer = Some(toml::Table::try_from(answer)?);
        }
    }
    Ok(raw)
}

fn raw_evidence(e: &Evidence) -> RawEvidence {
    RawEvidence {
        marker: e.marker.map(|m| m.as_str().to_string()),
        text: e.text.clone(),
        materials: e.materials.iter().map(|m| m.as_str().to_string()).collect(),
        words: e.words.map(|w| RawWords {
            min: w.min.map(i64::from),
            max: w.max.map(i64::from),
        }),
    }
}
