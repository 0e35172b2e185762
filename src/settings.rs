//! Settings: built-in defaults, then an optional TOML file, then `SIA__…` environment
//! variables, then `PORT` as platforms set it. This is the only place settings are read.

use std::path::{Path, PathBuf};

use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;

/// The defaults, in the same shape a `--config` file has.
pub const DEFAULTS: &str = r#"
[server]
host = "127.0.0.1"
port = 8080
workers = 0

[content]
data_dir = ""

[http]
cache_max_age = 300
cors_allowed_origins = ["*"]
# Bytes of computed answers (filtered lists, search, odds, plan, filtered kits) kept for the
# next client asking the same; each weighs twice its body. 0 turns the memo off.
memo_bytes = 8388608

[limits]
body_bytes = 65536
json_depth = 32
query_bytes = 2048
header_bytes = 16384
head_timeout_ms = 5000
body_timeout_ms = 10000
keep_alive_secs = 15
connections_per_worker = 512

[shutdown]
drain_delay_secs = 5
timeout_secs = 20

[log]
level = "info"
"#;

/// Prefix of the environment variables that override settings (`SIA__SERVER__PORT`).
pub const ENV_PREFIX: &str = "SIA";

/// Everything the service can be configured with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where and how to listen.
    pub server: ServerSettings,
    /// Where the content comes from.
    pub content: ContentSettings,
    /// HTTP behaviour.
    pub http: HttpSettings,
    /// Bounds on what a client may send and how slowly.
    pub limits: Limits,
    /// How the process stops on SIGTERM.
    pub shutdown: ShutdownSettings,
    /// Logging.
    pub log: LogSettings,
}

/// HTTP behaviour.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Seconds that browsers and CDNs may reuse a content answer (`Cache-Control: public, max-age=N`).
    pub cache_max_age: u32,
    /// Origins browsers may call from (`["*"]` for any, without credentials), e.g. `["https://jobs.example"]`.
    pub cors_allowed_origins: Vec<String>,
    /// Bytes of computed answers kept for reuse, each weighed as twice its body (0: none).
    pub memo_bytes: u64,
}

/// Bounds on what a client may send and how slowly; each is answered with problem details
/// where the connection still allows a body.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Largest request body (413).
    pub body_bytes: usize,
    /// Deepest nesting of arrays and objects in a JSON body (400).
    pub json_depth: usize,
    /// Longest query string (414).
    pub query_bytes: usize,
    /// Most bytes of request header names and values together (431).
    pub header_bytes: usize,
    /// Time allowed to receive the request head (408, closing the connection).
    pub head_timeout_ms: u64,
    /// Time allowed to receive the request body (408).
    pub body_timeout_ms: u64,
    /// How long an idle keep-alive connection stays open.
    pub keep_alive_secs: u64,
    /// Most concurrent connections per worker; more wait in the accept queue.
    pub connections_per_worker: usize,
}

/// How the process stops on SIGTERM.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShutdownSettings {
    /// Seconds `/readyz` answers 503 before the listener closes, so load balancers stop routing here.
    pub drain_delay_secs: u64,
    /// Seconds in-flight requests get to finish once the listener has closed.
    pub timeout_secs: u64,
}

/// Where and how to listen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to bind (`0.0.0.0` in containers).
    pub host: String,
    /// Port to bind; 0 picks a free one (tests).
    pub port: u16,
    /// Worker threads; 0 means one per CPU core.
    pub workers: usize,
}

/// Where the content comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentSettings {
    /// A folder shaped like `data/` that replaces the embedded content; empty means embedded.
    pub data_dir: PathBuf,
}

/// Logging.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// env_logger filter (`info`, `warn`, `second_interview_api=debug,actix_web=info`); `RUST_LOG` wins when set.
    pub level: String,
}

/// A setting that cannot be read, with what to fix.
#[derive(Debug, thiserror::Error)]
#[error("invalid settings: {0}")]
pub struct SettingsError(String);

impl Settings {
    /// Reads the settings from defaults, `file` and the process environment.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        Self::load_from(file, std::env::vars())
    }

    /// Reads the settings from defaults, `file` and the given environment (tests pass their own).
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, SettingsError> {
        let env: Vec<(String, String)> = env.into_iter().collect();
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        if let Some(file) = file {
            builder = builder.add_source(File::from(file).format(FileFormat::Toml).required(true));
        }
        let prefixed = env.iter().filter(|(key, _)| key.starts_with(&format!("{ENV_PREFIX}__"))).cloned();
        builder = builder.add_source(
            Environment::with_prefix(ENV_PREFIX)
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .list_separator(",")
                .with_list_parse_key("http.cors_allowed_origins")
                .source(Some(prefixed.collect())),
        );
        let port_set_by_prefix = env.iter().any(|(key, _)| key == &format!("{ENV_PREFIX}__SERVER__PORT"));
        if let Some((_, port)) = env.iter().find(|(key, _)| key == "PORT")
            && !port_set_by_prefix
        {
            let port: u16 =
                port.parse().map_err(|_| SettingsError(format!("PORT must be a port number, got `{port}`")))?;
            builder = builder.set_override("server.port", port).map_err(|e| SettingsError(e.to_string()))?;
        }
        let settings: Settings =
            builder.build().and_then(Config::try_deserialize).map_err(|error| SettingsError(error.to_string()))?;
        Ok(settings)
    }

    /// The content folder, when one is set.
    pub fn data_dir(&self) -> Option<&Path> {
        let dir = self.content.data_dir.as_path();
        (!dir.as_os_str().is_empty()).then_some(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_then_file_then_env_then_port() {
        let defaults = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!((defaults.server.host.as_str(), defaults.server.port), ("127.0.0.1", 8080));
        assert!(defaults.data_dir().is_none());

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.toml");
        std::fs::write(&file, "[server]\nport = 9000\nworkers = 3\n").unwrap();
        let from_file = Settings::load_from(Some(&file), env(&[])).unwrap();
        assert_eq!((from_file.server.port, from_file.server.workers), (9000, 3));

        let from_env = Settings::load_from(
            Some(&file),
            env(&[("SIA__SERVER__PORT", "9100"), ("SIA__CONTENT__DATA_DIR", "/srv/data")]),
        )
        .unwrap();
        assert_eq!(from_env.server.port, 9100);
        assert_eq!(from_env.data_dir(), Some(Path::new("/srv/data")));

        assert_eq!(defaults.http.memo_bytes, 8 * 1024 * 1024);
        let no_memo = Settings::load_from(None, env(&[("SIA__HTTP__MEMO_BYTES", "0")])).unwrap();
        assert_eq!(no_memo.http.memo_bytes, 0);

        let platform = Settings::load_from(None, env(&[("PORT", "7000")])).unwrap();
        assert_eq!(platform.server.port, 7000);
        let both = Settings::load_from(None, env(&[("PORT", "7000"), ("SIA__SERVER__PORT", "7100")])).unwrap();
        assert_eq!(both.server.port, 7100);
    }

    #[test]
    fn bad_values_are_named() {
        let error = Settings::load_from(None, env(&[("PORT", "eighty")])).unwrap_err();
        assert_eq!(error.to_string(), "invalid settings: PORT must be a port number, got `eighty`");
        let error = Settings::load_from(None, env(&[("SIA__SERVER__PORT", "99999")])).unwrap_err();
        assert!(error.to_string().contains("port"), "{error}");
        let error = Settings::load_from(None, env(&[("SIA__HTTP__MEMO_BYTES", "-1")])).unwrap_err();
        assert!(error.to_string().contains("memo_bytes"), "{error}");
    }
}
