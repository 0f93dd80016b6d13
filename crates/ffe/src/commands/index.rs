//! `ffe index …`: validate, export and read the index and the equipment taxonomy.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use ffe_index::{Edition, Node, NodeBody, Problems, Taxonomy, shipped};

use super::format::{Format, emit, print_json};
use crate::line;

#[derive(Subcommand)]
pub enum IndexCommand {
    /// 校验指数或分类文件（默认校验内置版本）/ Validate an index edition or taxonomy file
    Check {
        /// 文件路径；含 [taxonomy] 表头的按分类文件校验 / Path; a file with a [taxonomy] header is checked as a taxonomy
        file: Option<PathBuf>,
    },
    /// 导出完整指数 / Export the whole index
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// 指数文件（默认内置版本）/ Edition file (default: the shipped one)
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// 以中文树形显示一个节点 / Show one node as a readable tree
    Show {
        /// 节点编码，如 3.2 或 3.2.1.a / Node code, e.g. 3.2 or 3.2.1.a
        code: String,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// 附录 1 设备系统分类 / The Appendix 1 equipment taxonomy
    Taxonomy {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

pub fn run(cmd: IndexCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        IndexCommand::Check { file } => check(file),
        IndexCommand::Export { format, file } => {
            let edition = load(file)?;
            match format {
                Format::Json => print_json(&ffe_index::to_json_tree(&edition))?,
                Format::Toml => emit(&ffe_index::to_toml(&edition)?)?,
                Format::Text => {
                    let mut out = String::new();
                    render_tree(&mut out, &edition.categories, 0);
                    emit(&out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Show { code, file } => {
            let edition = load(file)?;
            let Some(node) = edition.get(&code) else {
                eprintln!("没有编码为“{code}”的节点 / no node with code {code:?}");
                return Ok(ExitCode::from(1));
            };
            let mut out = String::new();
            for ancestor in edition.ancestors(&node.code) {
                line!(out, "{} {}", ancestor.code, ancestor.label(40));
            }
            render_tree(&mut out, std::slice::from_ref(node), 0);
            emit(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Taxonomy { format, file } => {
            let taxonomy = load_taxonomy(file)?;
            match format {
                Format::Json | Format::Toml => print_json(&taxonomy.to_json())?,
                Format::Text => emit(&render_taxonomy(&taxonomy))?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (name, result) = match file {
        None => {
            let edition = ffe_index::load_edition(shipped::EDITION).map(|e| summary(&e));
            let taxonomy =
                ffe_index::load_taxonomy(shipped::TAXONOMY).map(|t| taxonomy_summary(&t));
            let worst = report("内置指数 / shipped edition", edition)?
                .max(report("内置分类 / shipped taxonomy", taxonomy)?);
            return Ok(ExitCode::from(worst));
        }
        Some(path) => {
            let text = read(&path)?;
            let name = path.display().to_string();
            if is_taxonomy(&text) {
                (
                    name,
                    ffe_index::load_taxonomy(&text).map(|t| taxonomy_summary(&t)),
                )
            } else {
                (name, ffe_index::load_edition(&text).map(|e| summary(&e)))
            }
        }
    };
    Ok(ExitCode::from(report(&name, result)?))
}

fn report(name: &str, result: Result<String, Problems>) -> anyhow::Result<u8> {
    let mut out = String::new();
    let code = match result {
        Ok(summary) => {
            line!(out, "{name}: 校验通过 / valid — {summary}");
            0
        }
        Err(problems) => {
            line!(
                out,
                "{name}: 发现 {} 个问题 / {} problem(s)",
                problems.len(),
                problems.len()
            );
            for problem in problems.iter() {
                line!(out, "  {problem}");
            }
            1
        }
    };
    emit(&out)?;
    Ok(code)
}

fn summary(edition: &Edition) -> String {
    let count = |level| edition.nodes().filter(|n| n.level() == level).count();
    use ffe_index::Level::*;
    format!(
        "{} 个一级指标、{} 个二级指标、{} 个三级指标、{} 项评价内容、{} 个评价要素",
        count(Category),
        count(Indicator),
        count(Subindicator),
        count(Item),
        count(Element)
    )
}

fn taxonomy_summary(taxonomy: &Taxonomy) -> String {
    let level2: usize = taxonomy.classes.iter().map(|c| c.children.len()).sum();
    format!(
        "{} 个一级分类、{} 个二级分类、{} 个末级分类",
        taxonomy.classes.len(),
        level2,
        taxonomy.leaf_paths().len()
    )
}

fn is_taxonomy(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "[taxonomy]")
}

fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("无法读取 {}", path.display()))
}

fn load(file: Option<PathBuf>) -> anyhow::Result<Edition> {
    let text = match &file {
        Some(path) => read(path)?,
        None => shipped::EDITION.to_string(),
    };
    ffe_index::load_edition(&text).map_err(|p| anyhow::anyhow!("指数文件有误：\n{p}"))
}

fn load_taxonomy(file: Option<PathBuf>) -> anyhow::Result<Taxonomy> {
    let text = match &file {
        Some(path) => read(path)?,
        None => shipped::TAXONOMY.to_string(),
    };
    ffe_index::load_taxonomy(&text).map_err(|p| anyhow::anyhow!("分类文件有误：\n{p}"))
}

fn render_tree(out: &mut String, nodes: &[Node], depth: usize) {
    for node in nodes {
        let pad = "  ".repeat(depth);
        match &node.body {
            NodeBody::Category { title } => line!(out, "{pad}{} {title}", node.code),
            NodeBody::Indicator { title, definition }
            | NodeBody::Subindicator { title, definition } => {
                line!(
                    out,
                    "{pad}{} {title}（{}）",
                    node.code,
                    node.level().label_zh()
                );
                if let Some(def) = definition {
                    line!(out, "{pad}  定义：{def}");
                }
            }
            NodeBody::Item {
                text,
                applies_to,
                evidence_ref,
            } => {
                line!(out, "{pad}{}) {text}", node.code.last());
                if let Some(a) = applies_to {
                    line!(out, "{pad}  〔{}〕", a.label_zh());
                }
                if let Some(r) = evidence_ref {
                    line!(out, "{pad}  举证：与 {r} 合并");
                }
            }
            NodeBody::Element { text, answer } => {
                line!(out, "{pad}{}) {text}", node.code.last());
                line!(
                    out,
                    "{pad}   〔{}{}〕",
                    answer.kind_zh(),
                    answer_detail(answer)
                );
            }
        }
        for e in &node.evidence {
            let marker = e
                .marker
                .map(|m| format!("{} ", m.as_str()))
                .unwrap_or_default();
            let words = e
                .words
                .map(|w| format!("（{}）", w.describe_zh()))
                .unwrap_or_default();
            line!(out, "{pad}  举证：{marker}{}{words}", e.text);
        }
        for c in &node.corrections {
            line!(out, "{pad}  勘误：{c}");
        }
        render_tree(out, &node.children, depth + 1);
    }
}

fn answer_detail(answer: &ffe_index::Answer) -> String {
    use ffe_index::Answer::*;
    match answer {
        Achievement => String::new(),
        Tier { levels } => format!("：{}", levels.join(" < ")),
        Options { options } => format!("：{}", options.join(" | ")),
        Quantity {
            unit,
            ledger_metric,
        } => format!(
            "，单位 {unit}{}",
            ledger_metric
                .map(|m| format!("，可由台账计算：{}", m.label_zh()))
                .unwrap_or_default()
        ),
        Ratio {
            numerator,
            denominator,
            ledger_metric,
        } => format!(
            "，%{}{}",
            match (numerator, denominator) {
                (Some(n), Some(d)) => format!("，{n} / {d}"),
                _ => String::new(),
            },
            ledger_metric
                .map(|m| format!("，可由台账计算：{}", m.label_zh()))
                .unwrap_or_default()
        ),
        Points {
            max,
            per,
            min_count,
        } => match per {
            Some(per) => format!(
                "：每项最高 {per} 分，总分最高 {max} 分{}",
                min_count
                    .map(|n| format!("，不少于 {n} 项"))
                    .unwrap_or_default()
            ),
            None => format!("：最高 {max} 分"),
        },
    }
}

fn render_taxonomy(taxonomy: &Taxonomy) -> String {
    fn walk(out: &mut String, class: &ffe_index::Class, depth: usize) {
        line!(out, "{}{}", "  ".repeat(depth), class.name);
        for child in &class.children {
            walk(out, child, depth + 1);
        }
    }
    let mut out = String::new();
    line!(out, "{}", taxonomy.meta.title);
    for class in &taxonomy.classes {
        walk(&mut out, class, 1);
    }
    out
}
