//! `ffe serve`: the web application and JSON API.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use ffe_web::{LogFormat, Secret, Server, Settings};

#[derive(Args)]
pub struct ServeArgs {
    /// 配置文件（TOML），也可用 FFE_CONFIG 指定 / Settings file (TOML); also FFE_CONFIG
    #[arg(long)]
    config: Option<PathBuf>,
    /// 监听地址 / Address to listen on [default: 127.0.0.1:8080]
    #[arg(long)]
    addr: Option<std::net::SocketAddr>,
    /// 数据目录（SQLite 数据库与文件）/ Data folder (SQLite database and files) [default: ./ffe-data]
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// PostgreSQL 连接串，如 postgres://user@host/db / PostgreSQL URL instead of SQLite
    #[arg(long)]
    database_url: Option<String>,
    /// 文件存储：目录或 s3://bucket?endpoint=…&region=… / File storage: a folder or an S3 bucket
    #[arg(long)]
    storage: Option<String>,
    /// 生成演示数据（仅首次）并打印演示账户 / Seed the demo data (once) and print the demo accounts
    #[arg(long)]
    demo: bool,
    /// 日志格式 / Log format
    #[arg(long, value_parser = ["text", "json"])]
    log_format: Option<String>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = args
        .config
        .clone()
        .or_else(|| std::env::var_os("FFE_CONFIG").map(PathBuf::from));
    let file = match &config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("无法读取配置文件 {}", path.display()))?;
            Some((path.display().to_string(), text))
        }
        None => None,
    };
    let mut settings = Settings::layered(
        file.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
        std::env::vars(),
    )?;
    if let Some(addr) = args.addr {
        settings.addr = addr;
    }
    if let Some(dir) = args.data_dir {
        settings.data_dir = dir;
    }
    if let Some(url) = args.database_url {
        settings.database_url = Some(Secret::new(url));
    }
    if let Some(storage) = args.storage {
        settings.storage = Some(storage);
    }
    if args.demo {
        settings.demo = true;
    }
    match args.log_format.as_deref() {
        Some("json") => settings.log.format = LogFormat::Json,
        Some("text") => settings.log.format = LogFormat::Text,
        _ => {}
    }
    init_logs(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")?;
    runtime.block_on(serve(settings))?;
    Ok(ExitCode::SUCCESS)
}

fn init_logs(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FFE_LOG_FILTER")
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(&settings.log.filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second initialisation (never in the binary) would only be refused; nothing to handle.
    let _ = match settings.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let server = Server::start(settings).await?;
    let addr = server.local_addr()?;
    println!("ffe 正在运行 / serving on http://{addr}");
    if let Some(demo) = server.demo() {
        if demo.seeded_now {
            println!("已生成演示数据 / demo data seeded");
        } else {
            println!("演示数据已存在 / demo data already present");
        }
        let password = ffe_web::DEMO_PASSWORD;
        println!("演示账户（密码均为 {password}）/ demo accounts (password {password}):");
        for account in &demo.accounts {
            println!(
                "  {:<10} {:<12} {}",
                account.username,
                account.role.label_zh(),
                account.organization.unwrap_or("")
            );
        }
    }
    server.run(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
