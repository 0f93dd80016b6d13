//! Reading an edition file: TOML text in, a validated [`Edition`] or every problem out.

use std::collections::HashMap;

use crate::answer::{Answer, LedgerMetric};
use crate::code::{Code, Level};
use crate::edition::{Applicability, Edition, EditionMeta, Node, NodeBody};
use crate::evidence::{Evidence, Marker, Material, WordRule};
use crate::problem::{Collector, ProblemKind, Problems, line_of, syntax_problem};
use crate::raw::{RawEvidence, RawFile, RawNode};

/// Parse and validate an edition. On failure, every problem found, in line order.
pub fn load_edition(text: &str) -> Result<Edition, Problems> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => return Err(Problems(vec![syntax_problem(text, &err)])),
    };
    let mut out = Collector::default();
    let meta = match raw.edition {
        Some(h) => {
            if !valid_id(&h.id) {
                out.push(None, None, ProblemKind::BadId(h.id.clone()));
            }
            if h.title.trim().is_empty() {
                out.push(
                    None,
                    None,
                    ProblemKind::Empty {
                        field: "edition.title",
                    },
                );
            }
            EditionMeta {
                id: h.id,
                title: h.title,
                source: h.source,
                notes: h.notes,
            }
        }
        None => {
            out.push(Some(1), None, ProblemKind::MissingHeader);
            EditionMeta {
                id: String::new(),
                title: String::new(),
                source: None,
                notes: Vec::new(),
            }
        }
    };

    let tables = [
        (Level::Category, raw.category),
        (Level::Indicator, raw.indicator),
        (Level::Subindicator, raw.subindicator),
        (Level::Item, raw.item),
        (Level::Element, raw.element),
    ];
    let mut seen: HashMap<Code, usize> = HashMap::new();
    let mut levels: Vec<Vec<Entry>> = Vec::new();
    for (level, entries) in tables {
        let mut parsed = Vec::new();
        for spanned in entries {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            let code = match Code::parse(raw.code.trim()) {
                Ok(code) => code,
                Err(err) => {
                    out.push(Some(line), Some(&raw.code), ProblemKind::BadCode(err));
                    continue;
                }
            };
            if code.level() != level {
                out.push(
                    Some(line),
                    Some(code.as_str()),
                    ProblemKind::WrongTable {
                        table: level.as_str(),
                        found: code.level().label_zh(),
                    },
                );
                continue;
            }
            if let Some(first_line) = seen.get(&code) {
                out.push(
                    Some(line),
                    Some(code.as_str()),
                    ProblemKind::Duplicate {
                        first_line: *first_line,
                    },
                );
                continue;
            }
            seen.insert(code.clone(), line);
            let node = build_node(&code, raw, line, &mut out);
            parsed.push(Entry { line, node });
        }
        levels.push(parsed);
    }

    let categories = assemble(levels, &seen, &mut out);
    check_evidence_refs(&categories, &seen, &mut out);
    out.finish(Edition::new(meta, categories))
}

struct Entry {
    line: usize,
    node: Node,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn build_node(code: &Code, raw: RawNode, line: usize, out: &mut Collector) -> Node {
    let level = code.level();
    let at = |out: &mut Collector, kind| out.push(Some(line), Some(code.as_str()), kind);
    let not_allowed = |out: &mut Collector, field: &'static str| {
        out.push(
            Some(line),
            Some(code.as_str()),
            ProblemKind::FieldNotAllowed {
                field,
                level: level.label_zh(),
            },
        )
    };
    let required = |out: &mut Collector, value: Option<String>, field: &'static str| {
        let value = value.unwrap_or_default();
        if value.trim().is_empty() {
            out.push(
                Some(line),
                Some(code.as_str()),
                ProblemKind::Empty { field },
            );
        }
        value
    };

    let heading = matches!(
        level,
        Level::Category | Level::Indicator | Level::Subindicator
    );
    if heading && raw.text.is_some() {
        not_allowed(out, "text");
    }
    if !heading && raw.title.is_some() {
        not_allowed(out, "title");
    }
    if !matches!(level, Level::Indicator | Level::Subindicator) && raw.definition.is_some() {
        not_allowed(out, "definition");
    }
    if level != Level::Item {
        if raw.applies_to.is_some() {
            not_allowed(out, "applies_to");
        }
        if raw.evidence_ref.is_some() {
            not_allowed(out, "evidence_ref");
        }
    }
    if level != Level::Element && raw.answer.is_some() {
        not_allowed(out, "answer");
    }
    if matches!(level, Level::Category | Level::Element) && !raw.evidence.is_empty() {
        not_allowed(out, "evidence");
    }

    let body = match level {
        Level::Category => NodeBody::Category {
            title: required(out, raw.title, "title"),
        },
        Level::Indicator => NodeBody::Indicator {
            title: required(out, raw.title, "title"),
            definition: raw.definition,
        },
        Level::Subindicator => NodeBody::Subindicator {
            title: required(out, raw.title, "title"),
            definition: raw.definition,
        },
        Level::Item => {
            let applies_to = raw.applies_to.and_then(|a| {
                let parsed = Applicability::parse(&a);
                if parsed.is_none() {
                    at(out, ProblemKind::UnknownApplicability(a));
                }
                parsed
            });
            let evidence_ref = raw.evidence_ref.and_then(|r| match Code::parse(&r) {
                Ok(target) => Some(target),
                Err(err) => {
                    at(out, ProblemKind::BadCode(err));
                    None
                }
            });
            NodeBody::Item {
                text: required(out, raw.text, "text"),
                applies_to,
                evidence_ref,
            }
        }
        Level::Element => {
            let text = required(out, raw.text, "text");
            let answer = match raw.answer {
                Some(table) => parse_answer(table, &mut |kind| at(out, kind)),
                None => {
                    at(out, ProblemKind::MissingAnswer);
                    None
                }
            };
            NodeBody::Element {
                text,
                answer: answer.unwrap_or(Answer::Achievement),
            }
        }
    };
    let evidence = raw
        .evidence
        .into_iter()
        .map(|e| parse_evidence(e, &mut |kind| at(out, kind)))
        .collect();
    Node {
        code: code.clone(),
        body,
        evidence,
        corrections: raw.corrections,
        children: Vec::new(),
    }
}

fn parse_answer(table: toml::Table, report: &mut dyn FnMut(ProblemKind)) -> Option<Answer> {
    let kind = table
        .get("kind")
        .and_then(|k| k.as_str())
        .unwrap_or_default()
        .to_string();
    if !Answer::KINDS.contains(&kind.as_str()) {
        report(ProblemKind::UnknownKind(kind));
        return None;
    }
    if let Some(metric) = table.get("ledger_metric").and_then(|m| m.as_str())
        && LedgerMetric::parse(metric).is_none()
    {
        report(ProblemKind::UnknownMetric(metric.to_string()));
        return None;
    }
    let answer: Answer = match toml::Value::Table(table).try_into() {
        Ok(answer) => answer,
        Err(err) => {
            report(ProblemKind::BadAnswer(err.message().trim().to_string()));
            return None;
        }
    };
    match &answer {
        Answer::Tier { levels } => {
            if levels.len() < 2 {
                report(ProblemKind::TooFewLevels(levels.len()));
            }
            check_choices(levels, report);
        }
        Answer::Options { options } => {
            if options.len() < 2 {
                report(ProblemKind::TooFewOptions(options.len()));
            }
            check_choices(options, report);
        }
        Answer::Points { max, per, .. } if *max == 0 || per.is_some_and(|p| p == 0 || p > *max) => {
            report(ProblemKind::BadPoints);
        }
        Answer::Quantity { unit, .. } if unit.trim().is_empty() => {
            report(ProblemKind::Empty { field: "unit" });
        }
        _ => {}
    }
    Some(answer)
}

fn check_choices(choices: &[String], report: &mut dyn FnMut(ProblemKind)) {
    for (i, choice) in choices.iter().enumerate() {
        if choice.trim().is_empty() {
            report(ProblemKind::Empty {
                field: "levels/options",
            });
        } else if choices.iter().take(i).any(|c| c == choice) {
            report(ProblemKind::DuplicateChoice(choice.clone()));
        }
    }
}

fn parse_evidence(raw: RawEvidence, report: &mut dyn FnMut(ProblemKind)) -> Evidence {
    let marker = raw.marker.and_then(|m| {
        let parsed = Marker::parse(&m);
        if parsed.is_none() {
            report(ProblemKind::UnknownMarker(m));
        }
        parsed
    });
    if marker.is_none() && raw.text.trim().is_empty() {
        report(ProblemKind::EmptyEvidence);
    }
    let materials = raw
        .materials
        .into_iter()
        .filter_map(|m| {
            let parsed = Material::parse(&m);
            if parsed.is_none() {
                report(ProblemKind::UnknownMaterial(m));
            }
            parsed
        })
        .collect();
    let words = raw.words.and_then(|w| {
        let bound = |v: Option<i64>| v.map(u32::try_from).transpose();
        match (bound(w.min), bound(w.max)) {
            (Ok(None), Ok(None)) | (Err(_), _) | (_, Err(_)) => {
                report(ProblemKind::WordsInvalid);
                None
            }
            (Ok(min), Ok(max)) => {
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo > hi
                {
                    report(ProblemKind::WordsInverted {
                        min: i64::from(lo),
                        max: i64::from(hi),
                    });
                    return None;
                }
                Some(WordRule { min, max })
            }
        }
    });
    Evidence {
        marker,
        text: raw.text,
        materials,
        words,
    }
}

/// Hang each level's entries under their parents, bottom up, checking numbering and emptiness.
fn assemble(
    mut levels: Vec<Vec<Entry>>,
    lines: &HashMap<Code, usize>,
    out: &mut Collector,
) -> Vec<Node> {
    // levels: [categories, indicators, subindicators, items, elements]
    let elements = levels.pop().unwrap_or_default();
    let mut items = levels.pop().unwrap_or_default();
    let mut subindicators = levels.pop().unwrap_or_default();
    let mut indicators = levels.pop().unwrap_or_default();
    let mut categories = levels.pop().unwrap_or_default();

    attach(elements, &mut items, out);
    // Items hang under a sub-indicator, or under an indicator that has none.
    let (under_sub, under_ind): (Vec<Entry>, Vec<Entry>) = items.into_iter().partition(|e| {
        e.node
            .code
            .parent()
            .is_some_and(|p| p.level() == Level::Subindicator)
    });
    attach(under_sub, &mut subindicators, out);
    let with_subs: Vec<Code> = subindicators
        .iter()
        .filter_map(|s| s.node.code.parent())
        .collect();
    for item in &under_ind {
        if let Some(parent) = item.node.code.parent()
            && with_subs.contains(&parent)
        {
            out.push(
                Some(item.line),
                Some(item.node.code.as_str()),
                ProblemKind::Mixed {
                    indicator: parent.to_string(),
                },
            );
        }
    }
    attach(under_ind, &mut indicators, out);
    attach(subindicators, &mut indicators, out);
    attach(indicators, &mut categories, out);

    let categories: Vec<Node> = categories.into_iter().map(|e| e.node).collect();
    check_numbering(&categories, lines, out);
    for category in &categories {
        check_tree(category, lines, out);
    }
    categories
}

/// Move every child entry under its parent among `parents`; report orphans.
fn attach(children: Vec<Entry>, parents: &mut [Entry], out: &mut Collector) {
    let index: HashMap<Code, usize> = parents
        .iter()
        .enumerate()
        .map(|(i, p)| (p.node.code.clone(), i))
        .collect();
    for child in children {
        let parent_code = child.node.code.parent();
        let slot = parent_code
            .as_ref()
            .and_then(|p| index.get(p))
            .and_then(|i| parents.get_mut(*i));
        match slot {
            Some(parent) => parent.node.children.push(child.node),
            None => out.push(
                Some(child.line),
                Some(child.node.code.as_str()),
                ProblemKind::Orphan {
                    parent: parent_code.map(|p| p.to_string()).unwrap_or_default(),
                    level: child.node.level().label_zh(),
                },
            ),
        }
    }
}

fn check_tree(node: &Node, lines: &HashMap<Code, usize>, out: &mut Collector) {
    let missing = match node.level() {
        Level::Category => Some("二级指标"),
        Level::Indicator => Some("三级指标或评价内容"),
        Level::Subindicator => Some("评价内容"),
        Level::Item => Some("评价要素"),
        Level::Element => None,
    };
    if let Some(missing) = missing
        && node.children.is_empty()
    {
        out.push(
            lines.get(&node.code).copied(),
            Some(node.code.as_str()),
            ProblemKind::Childless {
                level: ProblemKind::level_zh(node.level()),
                missing,
            },
        );
    }
    check_numbering(&node.children, lines, out);
    for child in &node.children {
        check_tree(child, lines, out);
    }
}

/// Siblings are numbered 1, 2, 3 … or lettered a, b, c … in file order.
fn check_numbering(siblings: &[Node], lines: &HashMap<Code, usize>, out: &mut Collector) {
    for (i, node) in siblings.iter().enumerate() {
        let expected = if node.level() == Level::Item {
            u8::try_from(i)
                .ok()
                .and_then(|i| b'a'.checked_add(i))
                .map(|b| char::from(b).to_string())
                .unwrap_or_default()
        } else {
            (i + 1).to_string()
        };
        if node.code.last() != expected {
            let mut code = node
                .code
                .parent()
                .map(|p| format!("{p}."))
                .unwrap_or_default();
            code.push_str(&expected);
            out.push(
                lines.get(&node.code).copied(),
                Some(node.code.as_str()),
                ProblemKind::Numbering { expected: code },
            );
        }
    }
}

fn check_evidence_refs(categories: &[Node], lines: &HashMap<Code, usize>, out: &mut Collector) {
    let all: HashMap<&Code, &Node> = categories
        .iter()
        .flat_map(Node::walk)
        .map(|n| (&n.code, n))
        .collect();
    for node in categories.iter().flat_map(Node::walk) {
        let NodeBody::Item {
            evidence_ref: Some(target),
            ..
        } = &node.body
        else {
            continue;
        };
        let reason = match all.get(target) {
            _ if target == &node.code => Some("是该评价内容自身"),
            None => Some("不存在"),
            Some(t) if t.level() != Level::Item => Some("不是评价内容"),
            Some(t) if t.code.parent() != node.code.parent() => Some("不在同一指标下"),
            Some(t) if t.evidence.is_empty() => Some("自身没有举证要求"),
            Some(_) if !node.evidence.is_empty() => Some("与本条自身的举证要求并存"),
            Some(_) => None,
        };
        if let Some(reason) = reason {
            out.push(
                lines.get(&node.code).copied(),
                Some(node.code.as_str()),
                ProblemKind::BadEvidenceRef {
                    target: target.to_string(),
                    reason,
                },
            );
        }
    }
}
