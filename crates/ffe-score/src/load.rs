//! Reading a scheme file: TOML text in, a [`Scheme`] consistent in itself or every problem out.
//! Whether its codes exist is a question for [`Scheme::check`], which needs the edition.

use std::collections::{BTreeMap, HashMap};

use ffe_index::Code;
use serde::Deserialize;
use toml::Spanned;

use crate::problem::{Collector, SchemeProblem, SchemeProblemKind as K, SchemeProblems, line_of};
use crate::scheme::{
    Aggregate, Defaults, ElementRule, NodeSetting, OptionCap, Scheme, SchemeMeta, Threshold,
    TierDefault, UnderMinCount,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    scheme: Spanned<RawHeader>,
    defaults: Spanned<RawDefaults>,
    #[serde(default)]
    node: Vec<Spanned<RawNode>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    title: String,
    edition: String,
    scale: f64,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    weight: f64,
    aggregate: String,
    tier: String,
    option_points: f64,
    option_cap: toml::Value,
    points_step: f64,
    under_min_count: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    code: String,
    weight: Option<f64>,
    points: Option<f64>,
    aggregate: Option<String>,
    k: Option<i64>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    code: String,
    levels: Option<Vec<f64>>,
    options: Option<BTreeMap<String, f64>>,
    cap: Option<f64>,
    thresholds: Option<Vec<RawThreshold>>,
    step: Option<f64>,
    under_min_count: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    at: f64,
    points: f64,
}

impl Scheme {
    /// Parse a scheme file and check it for consistency in itself. On failure, every problem found,
    /// in line order.
    pub fn load(text: &str) -> Result<Scheme, SchemeProblems> {
        let raw: RawFile = toml::from_str(text).map_err(|err| {
            ffe_index::Problems(vec![SchemeProblem {
                line: err.span().map(|span| line_of(text, span.start)),
                code: None,
                kind: K::Syntax(err.message().trim().to_string()),
            }])
        })?;
        let mut out = Collector::default();
        let meta = header(text, raw.scheme, &mut out);
        let defaults = defaults(text, raw.defaults, &mut out);

        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut nodes = Vec::new();
        for spanned in raw.node {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            if let Some(code) = entry_code(&raw.code, line, "node", &mut seen, &mut out) {
                nodes.push(node(raw, code, line, &mut out));
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut rules = Vec::new();
        for spanned in raw.rule {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            if let Some(code) = entry_code(&raw.code, line, "rule", &mut seen, &mut out) {
                rules.push(rule(raw, code, line, &mut out));
            }
        }
        out.finish(Scheme {
            meta,
            defaults,
            nodes,
            rules,
        })
    }
}

fn header(text: &str, spanned: Spanned<RawHeader>, out: &mut Collector) -> SchemeMeta {
    let line = Some(line_of(text, spanned.span().start));
    let h = spanned.into_inner();
    if !valid_id(&h.id) {
        out.push(line, None, K::BadId(h.id.clone()));
    }
    if h.title.trim().is_empty() {
        out.push(
            line,
            None,
            K::Empty {
                field: "scheme.title",
            },
        );
    }
    if h.edition.trim().is_empty() {
        out.push(
            line,
            None,
            K::Empty {
                field: "scheme.edition",
            },
        );
    }
    if !(h.scale.is_finite() && h.scale > 0.0) {
        out.push(line, None, K::BadScale(h.scale));
    }
    SchemeMeta {
        id: h.id,
        title: h.title,
        edition: h.edition,
        scale: h.scale,
        notes: h.notes,
    }
}

fn defaults(text: &str, spanned: Spanned<RawDefaults>, out: &mut Collector) -> Defaults {
    let line = Some(line_of(text, spanned.span().start));
    let d = spanned.into_inner();
    positive(d.weight, "defaults.weight", line, None, out);
    non_negative(d.option_points, "defaults.option_points", line, None, out);
    positive(d.points_step, "defaults.points_step", line, None, out);
    let aggregate = match d.aggregate.as_str() {
        "weighted" => Aggregate::Weighted,
        "mean" => Aggregate::Mean,
        // best_of needs a k, which only a node can give: as a default it makes no sense.
        other => {
            out.push(line, None, K::UnknownAggregate(other.to_string()));
            Aggregate::Weighted
        }
    };
    let tier = match d.tier.as_str() {
        "linear" => TierDefault::Linear,
        other => {
            out.push(line, None, K::UnknownTierDefault(other.to_string()));
            TierDefault::Linear
        }
    };
    let option_cap = match &d.option_cap {
        toml::Value::String(s) if s == "all" => OptionCap::All,
        toml::Value::Float(f) => {
            positive(*f, "defaults.option_cap", line, None, out);
            OptionCap::Points(*f)
        }
        toml::Value::Integer(i) => {
            let f = *i as f64;
            positive(f, "defaults.option_cap", line, None, out);
            OptionCap::Points(f)
        }
        other => {
            out.push(line, None, K::UnknownOptionCap(other.to_string()));
            OptionCap::All
        }
    };
    let under_min_count = under_min(&d.under_min_count, line, None, out);
    Defaults {
        weight: d.weight,
        aggregate,
        tier,
        option_points: d.option_points,
        option_cap,
        points_step: d.points_step,
        under_min_count,
    }
}

fn entry_code(
    text: &str,
    line: usize,
    table: &'static str,
    seen: &mut HashMap<String, usize>,
    out: &mut Collector,
) -> Option<Code> {
    let code = match Code::parse(text.trim()) {
        Ok(code) => code,
        Err(_) => {
            out.push(Some(line), Some(text), K::BadCode(text.to_string()));
            return None;
        }
    };
    if let Some(first_line) = seen.get(code.as_str()) {
        out.push(
            Some(line),
            Some(code.as_str()),
            K::Duplicate {
                table,
                first_line: *first_line,
            },
        );
        return None;
    }
    seen.insert(code.as_str().to_string(), line);
    Some(code)
}

fn node(raw: RawNode, code: Code, line: usize, out: &mut Collector) -> NodeSetting {
    let at = Some(line);
    let c = Some(code.as_str());
    if let Some(w) = raw.weight {
        positive(w, "weight", at, c, out);
    }
    if let Some(p) = raw.points {
        positive(p, "points", at, c, out);
    }
    let aggregate = match (raw.aggregate.as_deref(), raw.k) {
        (None, None) => None,
        (Some("weighted"), None) => Some(Aggregate::Weighted),
        (Some("mean"), None) => Some(Aggregate::Mean),
        (Some("best_of"), Some(k)) if k >= 1 => Some(Aggregate::BestOf {
            k: usize::try_from(k).unwrap_or(usize::MAX),
        }),
        (Some("best_of"), _) => {
            out.push(at, c, K::MissingK);
            None
        }
        (Some("weighted" | "mean") | None, Some(_)) => {
            out.push(at, c, K::KWithoutBestOf);
            None
        }
        (Some(other), _) => {
            out.push(at, c, K::UnknownAggregate(other.to_string()));
            None
        }
    };
    NodeSetting {
        code,
        line,
        weight: raw.weight,
        points: raw.points,
        aggregate,
        note: raw.note,
    }
}

fn rule(raw: RawRule, code: Code, line: usize, out: &mut Collector) -> ElementRule {
    let at = Some(line);
    let c = Some(code.as_str());
    if let Some(levels) = &raw.levels {
        check_levels(levels, at, c, out);
    }
    if let Some(options) = &raw.options {
        if options.is_empty() {
            out.push(at, c, K::EmptyList { field: "options" });
        }
        for points in options.values() {
            non_negative(*points, "options 的分值", at, c, out);
        }
    }
    if let Some(cap) = raw.cap {
        positive(cap, "cap", at, c, out);
    }
    let thresholds = raw.thresholds.map(|list| {
        let list: Vec<Threshold> = list
            .into_iter()
            .map(|t| Threshold {
                at: t.at,
                points: t.points,
            })
            .collect();
        check_thresholds(&list, at, c, out);
        list
    });
    if let Some(step) = raw.step {
        positive(step, "step", at, c, out);
    }
    let under_min_count = raw
        .under_min_count
        .as_deref()
        .map(|text| under_min(text, at, c, out));
    ElementRule {
        code,
        line,
        levels: raw.levels,
        options: raw.options,
        cap: raw.cap,
        thresholds,
        step: raw.step,
        under_min_count,
        note: raw.note,
    }
}

fn check_levels(levels: &[f64], at: Option<usize>, c: Option<&str>, out: &mut Collector) {
    if levels.is_empty() {
        out.push(at, c, K::EmptyList { field: "levels" });
        return;
    }
    let mut previous: Option<f64> = None;
    for (i, points) in levels.iter().enumerate() {
        non_negative(*points, "levels 的分值", at, c, out);
        if let Some(prev) = previous
            && *points < prev
        {
            out.push(
                at,
                c,
                K::LevelPointsDecrease {
                    level: i + 1,
                    points: *points,
                    previous: prev,
                },
            );
        }
        previous = Some(*points);
    }
    if previous.is_some_and(|best| best <= 0.0) {
        out.push(at, c, K::NoBestPoints);
    }
}

fn check_thresholds(list: &[Threshold], at: Option<usize>, c: Option<&str>, out: &mut Collector) {
    if list.is_empty() {
        out.push(
            at,
            c,
            K::EmptyList {
                field: "thresholds",
            },
        );
        return;
    }
    let mut previous: Option<Threshold> = None;
    for t in list {
        non_negative(t.at, "thresholds 的 at", at, c, out);
        non_negative(t.points, "thresholds 的 points", at, c, out);
        if let Some(prev) = previous {
            if t.at <= prev.at {
                out.push(
                    at,
                    c,
                    K::ThresholdsNotAscending {
                        at: t.at,
                        previous: prev.at,
                    },
                );
            }
            if t.points < prev.points {
                out.push(
                    at,
                    c,
                    K::ThresholdPointsDecrease {
                        points: t.points,
                        previous: prev.points,
                    },
                );
            }
        }
        previous = Some(*t);
    }
    if previous.is_some_and(|best| best.points <= 0.0) {
        out.push(at, c, K::NoBestPoints);
    }
}

fn under_min(text: &str, at: Option<usize>, c: Option<&str>, out: &mut Collector) -> UnderMinCount {
    match text {
        "keep" => UnderMinCount::Keep,
        "zero" => UnderMinCount::Zero,
        other => {
            out.push(at, c, K::UnknownUnderMin(other.to_string()));
            UnderMinCount::Keep
        }
    }
}

fn positive(
    value: f64,
    field: &'static str,
    at: Option<usize>,
    c: Option<&str>,
    out: &mut Collector,
) {
    if !(value.is_finite() && value > 0.0) {
        out.push(at, c, K::NotPositive { field, value });
    }
}

fn non_negative(
    value: f64,
    field: &'static str,
    at: Option<usize>,
    c: Option<&str>,
    out: &mut Collector,
) {
    if !(value.is_finite() && value >= 0.0) {
        out.push(at, c, K::Negative { field, value });
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
