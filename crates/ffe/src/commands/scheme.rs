//! `ffe scheme …`: validate a scoring scheme against an index edition; print the answers schema.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use ffe_index::{Edition, shipped};
use ffe_score::{Engine, Scheme, SchemeProblems};

use super::format::print_json;

#[derive(Subcommand)]
pub enum SchemeCommand {
    /// 校验计分方案（默认校验内置方案）/ Validate a scoring scheme against an index edition
    Check {
        /// 方案文件路径 / Scheme file (default: the shipped one)
        file: Option<PathBuf>,
        /// 指数文件（默认内置版本）/ Index edition file (default: the shipped one)
        #[arg(long)]
        index: Option<PathBuf>,
    },
    /// 输出答案文件的 JSON Schema / Print the JSON Schema of the answers format
    AnswersSchema {
        /// 指数文件（默认内置版本）/ Index edition file (default: the shipped one)
        #[arg(long)]
        index: Option<PathBuf>,
    },
}

pub fn run(cmd: SchemeCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        SchemeCommand::Check { file, index } => {
            let edition = load_edition(index.as_ref())?;
            let (name, text) = match &file {
                Some(path) => (path.display().to_string(), read(path)?),
                None => (
                    "内置方案 / shipped scheme".to_string(),
                    ffe_score::shipped::SCHEME.to_string(),
                ),
            };
            match Scheme::load(&text).and_then(|s| s.check(&edition).map(|e| (s, e))) {
                Ok((scheme, engine)) => {
                    println!(
                        "{name}: 校验通过 / valid — {}",
                        summary(&scheme, &engine, &edition)
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(problems) => {
                    print_problems(&name, &problems);
                    Ok(ExitCode::from(1))
                }
            }
        }
        SchemeCommand::AnswersSchema { index } => {
            let edition = load_edition(index.as_ref())?;
            print_json(&ffe_score::answers_schema(&edition))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) fn print_problems(name: &str, problems: &SchemeProblems) {
    println!(
        "{name}: 发现 {} 个问题 / {} problem(s)",
        problems.len(),
        problems.len()
    );
    for problem in problems.iter() {
        println!("  {problem}");
    }
}

fn summary(scheme: &Scheme, engine: &Engine, edition: &Edition) -> String {
    let categories: Vec<String> = edition
        .categories
        .iter()
        .filter_map(|c| {
            let points = scheme.node(c.code.as_str())?.points?;
            Some(format!("{} {} 分", c.label(10), ffe_score::num(points)))
        })
        .collect();
    format!(
        "方案 {}，指数 {}，总分 {}（{}），{} 条节点设置、{} 条要素规则",
        engine.scheme_id(),
        engine.edition_id(),
        ffe_score::num(engine.scale()),
        categories.join("、"),
        scheme.nodes.len(),
        scheme.rules.len()
    )
}

pub(crate) fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("无法读取 {}", path.display()))
}

pub(crate) fn load_edition(index: Option<&PathBuf>) -> anyhow::Result<Edition> {
    let text = match index {
        Some(path) => read(path)?,
        None => shipped::EDITION.to_string(),
    };
    ffe_index::load_edition(&text).map_err(|p| anyhow::anyhow!("指数文件有误：\n{p}"))
}
