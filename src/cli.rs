//! The command line of the one binary.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A REST/JSON content API about second job interviews.
#[derive(Debug, Parser)]
#[command(name = "second-interview-api", version, about)]
pub struct Cli {
    /// A TOML settings file, read after the defaults and before `SIA__…` environment variables.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default).
    Serve,
    /// Check a content folder (default: the embedded content) and list every problem.
    Validate {
        /// A folder shaped like `data/`.
        dir: Option<PathBuf>,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Probe `/healthz` of the instance the settings describe; exit 0 when healthy, 1 otherwise.
    Healthcheck {
        /// Give up after this many milliseconds.
        #[arg(long, default_value_t = 2000)]
        timeout_ms: u64,
    },
}
