//! `ffe`: one binary that serves the platform and works as a command-line tool.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

#[derive(Parser)]
#[command(
    name = "ffe",
    version,
    about = "浙江省“未来工厂”评价平台 / Zhejiang Future Factory evaluation platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 评价指数：校验、导出、查看 / The index: check, export, show
    #[command(subcommand)]
    Index(commands::index::IndexCommand),
    /// 设备台账（附录 2）：模板、导入、导出 / The equipment ledger: template, import, export
    #[command(subcommand)]
    Ledger(commands::ledger::LedgerCommand),
    /// 计分方案：校验、答案格式 / Scoring schemes: check, answers schema
    #[command(subcommand)]
    Scheme(commands::scheme::SchemeCommand),
    /// 按计分方案为自评答案打分 / Score a self-assessment
    Score(commands::score::ScoreArgs),
    /// 启动网站与 API（--demo 生成演示数据）/ Serve the web app and API (--demo seeds demo data)
    Serve(commands::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(cmd) => commands::index::run(cmd),
        Command::Ledger(cmd) => commands::ledger::run(cmd),
        Command::Scheme(cmd) => commands::scheme::run(cmd),
        Command::Score(args) => commands::score::run(args),
        Command::Serve(args) => commands::serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误 / error: {err:#}");
            ExitCode::from(2)
        }
    }
}
