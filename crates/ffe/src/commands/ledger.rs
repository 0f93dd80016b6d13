//! `ffe ledger …`: the Appendix 2 equipment ledger: blank template, import with row errors and
//! metrics, export back into the template. Exit codes: 0 clean, 1 rows refused, 2 file unreadable.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use ffe_index::{LedgerMetric, shipped};
use ffe_ledger::{Import, ImportOptions, LedgerError, LedgerRow, MAX_FILE_BYTES, Metrics};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    Json,
    Text,
}

#[derive(Subcommand)]
pub enum LedgerCommand {
    /// 生成附录 2 台账模板（含下拉列表）/ Write the blank Appendix 2 template
    Template {
        /// 输出文件 / Output .xlsx file
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导入台账（.xlsx/.xls/.csv），报告错误行和指标 / Import a ledger: row errors and metrics
    Import {
        /// 台账文件 / Ledger file
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: LedgerFormat,
        #[command(flatten)]
        window: Window,
    },
    /// 将台账有效行写回模板 / Write a ledger's valid rows back into the template
    Export {
        /// 台账文件（.xlsx/.xls/.csv，或 import --format json 的输出）/ Ledger file or import JSON
        file: PathBuf,
        /// 输出文件 / Output .xlsx file
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        window: Window,
    },
}

#[derive(clap::Args)]
pub struct Window {
    /// 只统计此日期（含）之后购置的设备，如 2021-01-01 / Purchased on or after
    #[arg(long)]
    since: Option<NaiveDate>,
    /// 只统计此日期（含）之前购置的设备 / Purchased on or before
    #[arg(long)]
    until: Option<NaiveDate>,
    /// 视为“今天”的日期（默认本机日期），晚于它的购置时间报错 / The day taken as today
    #[arg(long)]
    today: Option<NaiveDate>,
}

impl Window {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            since: self.since,
            until: self.until,
            today: Some(
                self.today
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            ),
        }
    }
}

pub fn run(cmd: LedgerCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        LedgerCommand::Template { output } => {
            let bytes = ffe_ledger::template(taxonomy()?)?;
            write(&output, &bytes)?;
            eprintln!("已生成台账模板 / template written: {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Import {
            file,
            format,
            window,
        } => {
            let import = match import_file(&file, &window.options())? {
                Ok(import) => import,
                Err(error) => return Ok(unreadable(&file, &error)),
            };
            match format {
                LedgerFormat::Json => print_json(&import)?,
                LedgerFormat::Text => print_text(&import),
            }
            Ok(exit_for(&import))
        }
        LedgerCommand::Export {
            file,
            output,
            window,
        } => {
            let (rows, code) = if has_extension(&file, "json") {
                (rows_from_json(&file)?, ExitCode::SUCCESS)
            } else {
                match import_file(&file, &window.options())? {
                    Ok(import) => {
                        for e in &import.errors {
                            eprintln!("第 {} 行【{}】{}", e.row, e.column, e.message);
                        }
                        let code = exit_for(&import);
                        (import.rows, code)
                    }
                    Err(error) => return Ok(unreadable(&file, &error)),
                }
            };
            let bytes = ffe_ledger::export(&rows, taxonomy()?)?;
            write(&output, &bytes)?;
            eprintln!(
                "已导出 {} 行 / {} rows written: {}",
                rows.len(),
                rows.len(),
                output.display()
            );
            Ok(code)
        }
    }
}

/// Streamed to stdout: 200,000 rows of JSON are never held as one string.
fn print_json(import: &Import) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, import)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn taxonomy() -> anyhow::Result<&'static ffe_index::Taxonomy> {
    shipped::taxonomy().map_err(|p| anyhow::anyhow!("内置分类无效 / shipped taxonomy invalid: {p}"))
}

fn exit_for(import: &Import) -> ExitCode {
    if import.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn unreadable(file: &Path, error: &LedgerError) -> ExitCode {
    eprintln!("无法读取 {}：{error}", file.display());
    ExitCode::from(2)
}

/// Read and import a file; the outer error is an I/O failure, the inner one an unreadable ledger.
fn import_file(
    file: &Path,
    options: &ImportOptions,
) -> anyhow::Result<Result<Import, LedgerError>> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("无法打开 / cannot open {}", file.display()))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Ok(Err(LedgerError::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_FILE_BYTES,
        }));
    }
    let bytes = std::fs::read(file)
        .with_context(|| format!("无法读取 / cannot read {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(ffe_ledger::import(&bytes, &name, options))
}

fn has_extension(file: &Path, extension: &str) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// Rows from `import --format json` output (an object with `rows`) or a bare array of rows.
fn rows_from_json(file: &Path) -> anyhow::Result<Vec<LedgerRow>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("无法读取 / cannot read {}", file.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).context("JSON 格式错误 / invalid JSON")?;
    let rows = match value {
        serde_json::Value::Object(mut object) => object
            .remove("rows")
            .context("JSON 中没有 rows / no \"rows\" in JSON")?,
        other => other,
    };
    serde_json::from_value(rows).context("rows 的格式不符合台账行 / rows are not ledger rows")
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes)
        .with_context(|| format!("无法写入 / cannot write {}", path.display()))
}

fn print_text(import: &Import) {
    let m = &import.metrics;
    println!(
        "有效行 {}，错误行 {}，购置时间不在统计区间的行 {}",
        m.rows, m.rows_rejected, m.rows_outside_window
    );
    if !import.errors.is_empty() {
        println!("\n错误：");
        for e in &import.errors {
            println!("  第 {} 行【{}】{}", e.row, e.column, e.message);
        }
        if (m.rows_rejected as usize) > import.errors.len() {
            println!("  ……（仅列出前 {} 条）", import.errors.len());
        }
    }
    println!("\n指标：");
    print_metrics(m);
}

fn print_metrics(m: &Metrics) {
    println!(
        "  智能制造装备台套数 {}（联网 {}，支持数据采集 {}，支持信息接收 {}）",
        m.equipment_units,
        m.equipment_networked_units,
        m.equipment_data_collection_units,
        m.equipment_info_receiving_units
    );
    for metric in LedgerMetric::ALL {
        let value = match (metric, m.value(metric)) {
            (_, None) => "—（分母为 0）".to_owned(),
            (LedgerMetric::TotalInvestmentWan, Some(v)) => format!("{v:.4} 万元"),
            (_, Some(v)) => format!("{v:.2}%"),
        };
        println!("  {}：{value}", metric.label_zh());
    }
    println!("  按分类投入：");
    for one in &m.by_class {
        println!(
            "    {} {} 台套，{:.4} 万元",
            one.name, one.units, one.investment_wan
        );
        for two in &one.children {
            println!(
                "      {} {} 台套，{:.4} 万元",
                two.name, two.units, two.investment_wan
            );
        }
    }
}
