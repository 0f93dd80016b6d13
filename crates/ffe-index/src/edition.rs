//! The typed index tree an edition file loads into.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::code::{Code, Level};
use crate::evidence::Evidence;

/// Which enterprises an item applies to. Items that do not apply drop out of the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// 离散型行业 only.
    Discrete,
    /// 流程型行业 only.
    Process,
    /// Makers of high-value equipment only (高价值装备).
    HighValueEquipment,
}

impl Applicability {
    pub fn parse(text: &str) -> Option<Applicability> {
        match text {
            "discrete" => Some(Applicability::Discrete),
            "process" => Some(Applicability::Process),
            "high_value_equipment" => Some(Applicability::HighValueEquipment),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Discrete => "discrete",
            Applicability::Process => "process",
            Applicability::HighValueEquipment => "high_value_equipment",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Applicability::Discrete => "仅适用于离散型行业",
            Applicability::Process => "仅适用于流程型行业",
            Applicability::HighValueEquipment => "仅适用于高价值装备制造企业",
        }
    }
}

/// The edition's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionMeta {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What distinguishes one level of node from another.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeBody {
    Category {
        title: String,
    },
    Indicator {
        title: String,
        definition: Option<String>,
    },
    Subindicator {
        title: String,
        definition: Option<String>,
    },
    Item {
        text: String,
        applies_to: Option<Applicability>,
        /// The item whose evidence cell this one shares in the original (merged cells).
        evidence_ref: Option<Code>,
    },
    Element {
        text: String,
        answer: Answer,
    },
}

/// One node of the index tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub code: Code,
    pub body: NodeBody,
    pub evidence: Vec<Evidence>,
    /// Where the data departs from the original document, and why.
    pub corrections: Vec<String>,
    pub children: Vec<Node>,
}

impl Node {
    pub fn level(&self) -> Level {
        self.code.level()
    }

    /// The title of a category, indicator or sub-indicator.
    pub fn title(&self) -> Option<&str> {
        match &self.body {
            NodeBody::Category { title }
            | NodeBody::Indicator { title, .. }
            | NodeBody::Subindicator { title, .. } => Some(title),
            _ => None,
        }
    }

    /// The definition of an indicator or sub-indicator, the text of an item or element.
    pub fn text(&self) -> Option<&str> {
        match &self.body {
            NodeBody::Indicator { definition, .. } | NodeBody::Subindicator { definition, .. } => {
                definition.as_deref()
            }
            NodeBody::Item { text, .. } | NodeBody::Element { text, .. } => Some(text),
            NodeBody::Category { .. } => None,
        }
    }

    /// A short label for lists: the title, or the text cut to `max` characters.
    pub fn label(&self, max: usize) -> String {
        match self.title() {
            Some(title) => title.to_string(),
            None => {
                let text = self.text().unwrap_or_default();
                let mut label: String = text.chars().take(max).collect();
                if text.chars().count() > max {
                    label.push('…');
                }
                label
            }
        }
    }

    pub fn answer(&self) -> Option<&Answer> {
        match &self.body {
            NodeBody::Element { answer, .. } => Some(answer),
            _ => None,
        }
    }

    pub fn applies_to(&self) -> Option<Applicability> {
        match &self.body {
            NodeBody::Item { applies_to, .. } => *applies_to,
            _ => None,
        }
    }

    /// This node and all below it, depth first, in document order.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            out.push(node);
            stack.extend(node.children.iter().rev());
        }
        out
    }
}

/// A loaded, validated edition of the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub meta: EditionMeta,
    pub categories: Vec<Node>,
    paths: HashMap<Code, Vec<usize>>,
}

impl Edition {
    pub(crate) fn new(meta: EditionMeta, categories: Vec<Node>) -> Edition {
        let mut paths = HashMap::new();
        for (i, category) in categories.iter().enumerate() {
            index_paths(category, vec![i], &mut paths);
        }
        Edition {
            meta,
            categories,
            paths,
        }
    }

    /// The node with this code, if the edition has it.
    pub fn get(&self, code: &str) -> Option<&Node> {
        let code = Code::parse(code).ok()?;
        let path = self.paths.get(&code)?;
        let (first, rest) = path.split_first()?;
        let mut node = self.categories.get(*first)?;
        for i in rest {
            node = node.children.get(*i)?;
        }
        Some(node)
    }

    /// Every node, depth first, in document order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.categories.iter().flat_map(Node::walk)
    }

    pub fn items(&self) -> impl Iterator<Item = &Node> {
        self.nodes().filter(|n| n.level() == Level::Item)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.nodes().filter(|n| n.level() == Level::Element)
    }

    /// The ancestors of a node, from its category down to its parent.
    pub fn ancestors(&self, code: &Code) -> Vec<&Node> {
        let mut chain = Vec::new();
        let mut current = code.parent();
        while let Some(c) = current {
            if let Some(node) = self.get(c.as_str()) {
                chain.push(node);
            }
            current = c.parent();
        }
        chain.reverse();
        chain
    }
}

fn index_paths(node: &Node, path: Vec<usize>, paths: &mut HashMap<Code, Vec<usize>>) {
    for (i, child) in node.children.iter().enumerate() {
        let mut child_path = path.clone();
        child_path.push(i);
        index_paths(child, child_path, paths);
    }
    paths.insert(node.code.clone(), path);
}
