//! `ffe score ANSWERS.json`: score a self-assessment, show the gaps, try changes, plan to a target.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use ffe_index::{LedgerMetric, Level};
use ffe_score::{Answers, Change, Engine, LedgerValues, Plan, Scheme, Scorecard, WhatIf, num};

use super::format::print_json;
use super::scheme::{load_edition, print_problems, read};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Json,
    Text,
}

#[derive(Args)]
pub struct ScoreArgs {
    /// 答案文件（JSON，格式见 docs/answers.schema.json）/ Answers file
    answers: PathBuf,
    /// 设备台账（附录 2）/ Equipment ledger (Appendix 2)
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// 计分方案文件（默认内置方案）/ Scoring scheme file (default: the shipped one)
    #[arg(long)]
    scheme: Option<PathBuf>,
    /// 指数文件（默认内置版本）/ Index edition file (default: the shipped one)
    #[arg(long)]
    index: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: ScoreFormat,
    /// 假设变更，可多次给出，如 --set 1.3.e.1=95 --set 3.5.a.1=省级绿色工厂 / What-if change CODE=VALUE
    #[arg(long = "set", value_name = "CODE=VALUE")]
    set: Vec<String>,
    /// 目标总分：给出达到目标的最少步骤 / Target total: the shortest list of steps that reaches it
    #[arg(long)]
    target: Option<f64>,
    /// 文本输出中列出的提升项数 / How many gaps the text output lists
    #[arg(long, default_value_t = 10)]
    top: usize,
}

pub fn run(args: ScoreArgs) -> anyhow::Result<ExitCode> {
    let edition = load_edition(args.index.as_ref())?;
    let (scheme_name, scheme_text) = match &args.scheme {
        Some(path) => (path.display().to_string(), read(path)?),
        None => (
            "内置方案 / shipped scheme".to_string(),
            ffe_score::shipped::SCHEME.to_string(),
        ),
    };
    let engine = match Scheme::load(&scheme_text).and_then(|s| s.check(&edition)) {
        Ok(engine) => engine,
        Err(problems) => {
            print_problems(&scheme_name, &problems);
            return Ok(ExitCode::from(1));
        }
    };
    let answers = match Answers::from_json(&read(&args.answers)?, &edition) {
        Ok(answers) => answers,
        Err(problems) => {
            println!(
                "{}: 发现 {} 个问题 / {} problem(s)",
                args.answers.display(),
                problems.len(),
                problems.len()
            );
            for p in problems.iter() {
                println!("  {p}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let ledger = match &args.ledger {
        Some(path) => match ledger_values(path)? {
            Ok(values) => values,
            Err(message) => {
                println!("{}: {message}", path.display());
                return Ok(ExitCode::from(1));
            }
        },
        None => LedgerValues::new(),
    };
    let mut changes = Vec::new();
    for text in &args.set {
        match parse_change(&engine, text) {
            Ok(change) => changes.push(change),
            Err(message) => {
                println!("--set {text}: {message}");
                return Ok(ExitCode::from(1));
            }
        }
    }

    let card = engine.score(&answers, &ledger);
    let what_if = (!changes.is_empty()).then(|| engine.what_if(&answers, &ledger, &changes));
    let plan = match args.target {
        Some(target) => match engine.plan_to_target(&answers, &ledger, target) {
            Ok(plan) => Some(plan),
            Err(err) => {
                println!("--target {target}: {err}");
                return Ok(ExitCode::from(1));
            }
        },
        None => None,
    };

    match args.format {
        ScoreFormat::Json => {
            let mut json = card.to_json();
            if let Some(obj) = json.as_object_mut() {
                if let Some(w) = &what_if {
                    obj.insert("what_if".into(), w.to_json());
                }
                if let Some(p) = &plan {
                    obj.insert("plan".into(), p.to_json());
                }
            }
            print_json(&json)?;
        }
        ScoreFormat::Text => print!(
            "{}",
            render_text(&engine, &card, args.top, what_if.as_ref(), plan.as_ref())
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// The ledger's metrics as the engine takes them. The outer error is an I/O failure, the inner one
/// a file that is not a readable ledger.
fn ledger_values(path: &Path) -> anyhow::Result<Result<LedgerValues, String>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("无法打开 / cannot open {}", path.display()))?
        .len();
    if size > ffe_ledger::MAX_FILE_BYTES as u64 {
        return Ok(Err(format!(
            "文件过大（{size} 字节，上限 {} 字节）",
            ffe_ledger::MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path)
        .with_context(|| format!("无法读取 / cannot read {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = ffe_ledger::ImportOptions {
        today: Some(chrono::Local::now().date_naive()),
        ..Default::default()
    };
    let import = match ffe_ledger::import(&bytes, &name, &options) {
        Ok(import) => import,
        Err(err) => return Ok(Err(err.to_string())),
    };
    if !import.is_clean() {
        eprintln!(
            "提示：台账中有 {} 行未通过校验、未计入台账指标，详见 `ffe ledger import {}`",
            import.metrics.rows_rejected,
            path.display()
        );
    }
    Ok(Ok(LedgerMetric::ALL
        .into_iter()
        .filter_map(|m| import.metrics.value(m).map(|v| (m, v)))
        .collect()))
}

/// `CODE=VALUE`, the value read as JSON, or as a string when it is not JSON (a tier level).
fn parse_change(engine: &Engine, text: &str) -> Result<Change, String> {
    let Some((code, value)) = text.split_once('=') else {
        return Err("应写作 编码=值，如 1.3.e.1=95".to_string());
    };
    let json = serde_json::from_str(value.trim())
        .unwrap_or_else(|_| serde_json::Value::String(value.trim().to_string()));
    engine.change(code.trim(), &json).map_err(|e| e.to_string())
}

fn render_text(
    engine: &Engine,
    card: &Scorecard,
    top: usize,
    what_if: Option<&WhatIf>,
    plan: Option<&Plan>,
) -> String {
    let mut s = String::new();
    let profile = &card.profile;
    let _ = writeln!(s, "“未来工厂”评价 · 自评得分");
    let _ = writeln!(
        s,
        "计分方案：{}（{}）；指数版本：{}",
        engine.scheme_id(),
        engine.scheme_title(),
        card.edition_id
    );
    let _ = writeln!(
        s,
        "企业类型：{}；高价值装备制造企业：{}",
        profile.industry_type.label_zh(),
        if profile.high_value_equipment {
            "是"
        } else {
            "否"
        }
    );
    let _ = writeln!(
        s,
        "\n总分：{} / {}（{}%）\n",
        num(card.total),
        num(card.max),
        format_pct(card.total, card.max)
    );
    let _ = writeln!(
        s,
        "{}{}{}{}{}",
        pad("编码", 10),
        pad("指标", 30),
        lpad("得分", 9),
        lpad("满分", 9),
        lpad("得分率", 9)
    );
    for node in &card.nodes {
        let depth = match node.level {
            Level::Category => 0,
            Level::Indicator => 1,
            Level::Subindicator => 2,
            _ => continue,
        };
        let indent = "  ".repeat(depth);
        let mut label = format!("{indent}{}", node.label);
        if !node.applicable {
            label.push_str("（不适用）");
        } else if !node.counted {
            label.push_str("（未计入）");
        }
        let _ = writeln!(
            s,
            "{}{}{}{}{}",
            pad(&format!("{indent}{}", node.code), 10),
            pad(&truncate(&label, 28), 30),
            lpad(&format!("{:.2}", node.score), 9),
            lpad(&format!("{:.2}", node.max), 9),
            lpad(&format!("{}%", format_pct(node.score, node.max)), 9)
        );
    }
    let notes: Vec<String> = card
        .nodes
        .iter()
        .filter(|n| n.applicable && !n.counted && n.level == Level::Indicator)
        .map(|n| n.code.to_string())
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(
            s,
            "注：{} 为企业未重点建设的模式，按方案只计得分最高的模式，未计入总分。",
            notes.join("、")
        );
    }

    let gaps: Vec<_> = card.gaps.iter().take(top).collect();
    if !gaps.is_empty() {
        let _ = writeln!(
            s,
            "\n提升空间（共 {} 项未满分，列出对总分贡献最大的 {} 项）",
            card.gaps.len(),
            gaps.len()
        );
        let _ = writeln!(
            s,
            "{}{}{}{}",
            pad("编码", 12),
            pad("要素", 28),
            pad("当前 → 下一步", 40),
            lpad("总分 +", 8)
        );
        for g in gaps {
            let ledger = if g.from_ledger { "（台账）" } else { "" };
            let _ = writeln!(
                s,
                "{}{}{}{}",
                pad(&g.code, 12),
                pad(&truncate(&g.label, 26), 28),
                pad(
                    &truncate(&format!("{} → {}{ledger}", g.current_zh(), g.next_zh()), 38),
                    40
                ),
                lpad(&format!("+{:.2}", g.gain), 8)
            );
        }
    }
    if let Some(w) = what_if {
        let _ = writeln!(
            s,
            "\n假设变更：总分 {} → {}（{:+.2}）",
            num(w.before.total),
            num(w.after.total),
            w.total_delta()
        );
        for d in w.deltas.iter().filter(|d| d.level != Level::Item) {
            let _ = writeln!(
                s,
                "  {}{}{:>9.2} → {:>9.2}（{:+.2}）",
                pad(&d.code, 12),
                pad(&truncate(&d.label, 26), 28),
                d.before,
                d.after,
                d.delta
            );
        }
    }
    if let Some(p) = plan {
        let _ = writeln!(
            s,
            "\n达到 {} 分的最少步骤：{} 步（{} → {}）",
            num(p.target),
            p.steps.len(),
            num(p.before),
            num(p.after)
        );
        for (i, step) in p.steps.iter().enumerate() {
            let ledger = if step.from_ledger { "（台账）" } else { "" };
            let _ = writeln!(
                s,
                "{:>3}. {}{}{} → {}{ledger}",
                i + 1,
                pad(&step.code, 12),
                pad(&truncate(&step.label, 26), 28),
                step.from,
                step.to
            );
        }
    }
    if !card.warnings.is_empty() {
        let _ = writeln!(s, "\n提示：");
        for w in &card.warnings {
            let _ = writeln!(s, "  {w}");
        }
    }
    s
}

fn format_pct(score: f64, max: f64) -> String {
    if max > 0.0 {
        format!("{:.1}", score / max * 100.0)
    } else {
        "—".to_string()
    }
}

/// Display width: CJK and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = c as u32;
            let wide = (0x1100..=0x115F).contains(&c)
                || (0x2E80..=0xA4CF).contains(&c)
                || (0xAC00..=0xD7A3).contains(&c)
                || (0xF900..=0xFAFF).contains(&c)
                || (0xFE30..=0xFE4F).contains(&c)
                || (0xFF00..=0xFF60).contains(&c)
                || (0xFFE0..=0xFFE6).contains(&c);
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn pad(text: &str, columns: usize) -> String {
    let w = width(text);
    format!("{text}{}", " ".repeat(columns.saturating_sub(w)))
}

fn lpad(text: &str, columns: usize) -> String {
    let w = width(text);
    format!("{}{text}", " ".repeat(columns.saturating_sub(w)))
}

fn truncate(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&out) + width(&c.to_string()) + 1 > columns {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
