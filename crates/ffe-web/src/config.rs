//! Server settings, layered: built-in defaults → a TOML file (`--config` or `FFE_CONFIG`) →
//! `FFE_*` environment variables (`FFE_ADDR`, `FFE_SESSION__IDLE_MINUTES`, …; `__` separates a section
//! from its key) → command-line flags. Unknown keys are errors at every layer, so a typo never
//! silently falls back to a default. Secrets (the database URL) never print.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use ffe_store::{LoginThrottle, PasswordPolicy};
use serde::{Deserialize, Serialize};

/// A value that must not reach logs or error messages.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Secret<T> {
        Secret(value)
    }
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The SQLite database and the files folder live here unless overridden.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; empty for SQLite in `data_dir`.
    pub database_url: Option<Secret<String>>,
    /// `s3://bucket?endpoint=…&region=…` or a folder; empty for `data_dir/files`. S3 credentials
    /// come from the `AWS_*` variables, never from here.
    pub storage: Option<String>,
    /// Seed the demo data (once) and print the demo accounts.
    pub demo: bool,
    pub session: SessionSettings,
    pub login: LoginSettings,
    pub password: PasswordSettings,
    pub limits: LimitSettings,
    pub database: DatabaseSettings,
    pub log: LogSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    pub idle_minutes: u32,
    pub absolute_hours: u32,
    /// `Secure` cookies with the `__Host-` prefix. Browsers accept them on https and on
    /// http://localhost / http://127.0.0.1; turn off only to try the server over plain http on
    /// another address (the cookie is then named without the prefix).
    pub secure_cookies: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoginSettings {
    /// Failures of one account before it is locked.
    pub max_failures: u32,
    pub lockout_minutes: u32,
    /// Failures from one client address, across all usernames, before the address is locked: stops
    /// one password being tried against many accounts, which the per-account limit does not see.
    pub max_failures_per_address: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PasswordSettings {
    pub policy: PasswordPolicy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    /// Largest request body outside uploads.
    pub body_bytes: usize,
    pub request_timeout_secs: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    pub max_connections: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A `tracing` filter, e.g. `info,ffe_web=debug`.
    pub filter: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("ffe-data"),
            database_url: None,
            storage: None,
            demo: false,
            session: SessionSettings::default(),
            login: LoginSettings::default(),
            password: PasswordSettings::default(),
            limits: LimitSettings::default(),
            database: DatabaseSettings::default(),
            log: LogSettings::default(),
        }
    }
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_minutes: 30,
            absolute_hours: 12,
            secure_cookies: true,
        }
    }
}

impl Default for LoginSettings {
    fn default() -> Self {
        LoginSettings {
            max_failures: 5,
            max_failures_per_address: 30,
            lockout_minutes: 15,
        }
    }
}

impl Default for PasswordSettings {
    fn default() -> Self {
        PasswordSettings {
            policy: PasswordPolicy::Mlps3,
        }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            body_bytes: 1024 * 1024,
            request_timeout_secs: 30,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings {
            max_connections: 16,
        }
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            format: LogFormat::Text,
            filter: "info".to_owned(),
        }
    }
}

impl LoginSettings {
    pub fn throttle(&self) -> LoginThrottle {
        LoginThrottle {
            max_failures: self.max_failures.max(1),
            lockout_secs: i64::from(self.lockout_minutes) * 60,
        }
    }

    /// The same rule for a client address.
    pub fn address_throttle(&self) -> LoginThrottle {
        LoginThrottle {
            max_failures: self.max_failures_per_address.max(1),
            lockout_secs: i64::from(self.lockout_minutes) * 60,
        }
    }
}

/// Environment variables (or prefixes) that start with `FFE_` but are not settings: the config file
/// path, the log filter, and the project's own tooling (tests, browser tests, benchmarks).
const NOT_SETTINGS: [&str; 6] = [
    "FFE_CONFIG",
    "FFE_LOG_FILTER",
    "FFE_BIN",
    "FFE_TEST_",
    "FFE_E2E_",
    "FFE_BENCH_",
];

/// A settings layer that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("配置文件 {path} 无法读取：{message}")]
    Read { path: String, message: String },
    #[error("配置文件 {path} 有误：{message}")]
    File { path: String, message: String },
    #[error("环境变量 {name} 有误：{message}")]
    Env { name: String, message: String },
    #[error("配置有误：{0}")]
    Merged(String),
}

impl Settings {
    /// Defaults, then the TOML file text (if any), then the environment variables given.
    pub fn layered(
        file: Option<(&str, &str)>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let mut merged = toml::Table::try_from(Settings::default())
            .map_err(|e| ConfigError::Merged(e.to_string()))?;
        if let Some((path, text)) = file {
            let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::File {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
            // Check the file alone first so its errors name the file.
            let mut alone = merged.clone();
            merge(&mut alone, table.clone());
            toml::Value::Table(alone)
                .try_into::<Settings>()
                .map_err(|e| ConfigError::File {
                    path: path.to_owned(),
                    message: e.to_string(),
                })?;
            merge(&mut merged, table);
        }
        for (name, value) in env {
            let Some(rest) = name.strip_prefix("FFE_") else {
                continue;
            };
            if NOT_SETTINGS.iter().any(|p| name.starts_with(p)) {
                continue;
            }
            let path: Vec<String> = rest.to_lowercase().split("__").map(str::to_owned).collect();
            let mut layer = toml::Table::new();
            insert_path(&mut layer, &path, env_value(&value));
            let mut alone = merged.clone();
            merge(&mut alone, layer.clone());
            toml::Value::Table(alone)
                .try_into::<Settings>()
                .map_err(|e| ConfigError::Env {
                    name: name.clone(),
                    message: e.to_string(),
                })?;
            merge(&mut merged, layer);
        }
        toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::Merged(e.to_string()))
    }

    /// The database URL to connect to: the configured one, or SQLite in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.expose().is_empty() => url.expose().clone(),
            _ => format!("sqlite://{}", self.data_dir.join("ffe.sqlite3").display()),
        }
    }

    /// The name of the session cookie; `__Host-` needs `Secure`, path `/` and no domain.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.session.secure_cookies {
            "__Host-ffe-session"
        } else {
            "ffe-session"
        }
    }
}

/// An environment value is read as a TOML value when it parses as one (numbers, booleans), else as
/// a string.
fn env_value(text: &str) -> toml::Value {
    let probe = format!("v = {text}");
    match toml::from_str::<toml::Table>(&probe) {
        Ok(mut t) => match t.remove("v") {
            Some(
                v @ (toml::Value::Integer(_) | toml::Value::Boolean(_) | toml::Value::Float(_)),
            ) => v,
            _ => toml::Value::String(text.to_owned()),
        },
        Err(_) => toml::Value::String(text.to_owned()),
    }
}

fn insert_path(table: &mut toml::Table, path: &[String], value: toml::Value) {
    match path {
        [] => {}
        [key] => {
            table.insert(key.clone(), value);
        }
        [key, rest @ ..] => {
            let entry = table
                .entry(key.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(inner) = entry {
                insert_path(inner, rest, value);
            }
        }
    }
}

fn merge(base: &mut toml::Table, layer: toml::Table) {
    for (key, value) in layer {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(l)) => merge(b, l),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_file_env_in_that_order() {
        let s = Settings::layered(None, vec![]).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.login.max_failures, 5);
        assert_eq!(s.session.idle_minutes, 30);
        let file = "addr = \"0.0.0.0:9000\"\n[login]\nmax_failures = 3\n";
        let s = Settings::layered(
            Some(("ffe.toml", file)),
            env(&[
                ("FFE_LOGIN__MAX_FAILURES", "7"),
                ("FFE_DATABASE_URL", "postgres://u:pw@h/db"),
                ("FFE_TEST_DATABASE_URL", "ignored"),
                ("FFE_BIN", "target/debug/ffe"),
                ("HOME", "/root"),
            ]),
        )
        .unwrap();
        assert_eq!(s.addr.port(), 9000);
        assert_eq!(s.login.max_failures, 7);
        assert_eq!(s.database_url(), "postgres://u:pw@h/db");
        assert!(!format!("{s:?}").contains("pw@"), "the URL is a secret");
    }

    #[test]
    fn unknown_keys_are_errors_naming_their_layer() {
        let err = Settings::layered(Some(("ffe.toml", "[login]\nmax_failure = 3\n")), vec![])
            .unwrap_err();
        assert!(matches!(err, ConfigError::File { .. }), "{err}");
        let err = Settings::layered(None, env(&[("FFE_SESION__IDLE_MINUTES", "5")])).unwrap_err();
        assert!(
            err.to_string().contains("FFE_SESION__IDLE_MINUTES"),
            "{err}"
        );
        let err = Settings::layered(None, env(&[("FFE_LOGIN__MAX_FAILURES", "many")])).unwrap_err();
        assert!(matches!(err, ConfigError::Env { .. }));
    }

    #[test]
    fn sqlite_lives_in_the_data_dir_by_default() {
        let s = Settings::default();
        assert_eq!(s.database_url(), "sqlite://ffe-data/ffe.sqlite3");
        assert_eq!(s.session_cookie_name(), "__Host-ffe-session");
    }
}
