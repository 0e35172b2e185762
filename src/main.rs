//! Entry point: parse the command line, load settings, run the chosen command.

use std::process::ExitCode;

use clap::Parser;
use second_interview_api::cli::{Cli, Command};
use second_interview_api::content::{Content, Counts};
use second_interview_api::healthcheck;
use second_interview_api::http::app::openapi;
use second_interview_api::settings::Settings;
use second_interview_api::startup::Application;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&settings),
        Command::Validate { dir } => validate(dir.as_deref().or(settings.data_dir())),
        Command::Healthcheck { timeout_ms } => {
            let timeout = std::time::Duration::from_millis(timeout_ms);
            match healthcheck::probe(&settings.server.host, settings.server.port, timeout) {
                Ok(report) => {
                    println!("{report}");
                    ExitCode::SUCCESS
                }
                Err(report) => {
                    println!("{report}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Openapi => match Content::load_from(settings.data_dir()) {
            Ok(content) => {
                println!("{}", openapi(&content).to_pretty_json().expect("the OpenAPI document serialises"));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprint!("{error}");
                ExitCode::FAILURE
            }
        },
    }
}

fn serve(settings: &Settings) -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(&settings.log.level)).init();
    let result = actix_web::rt::System::new().block_on(async {
        let app = Application::build(settings)?;
        log::info!("serving on http://{}:{}", settings.server.host, app.port());
        app.run_until_stopped().await.map_err(|source| second_interview_api::startup::StartupError::Bind {
            address: format!("{}:{}", settings.server.host, settings.server.port),
            source,
        })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            log::error!("{error}");
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn validate(dir: Option<&std::path::Path>) -> ExitCode {
    match Content::load_from(dir) {
        Ok(content) => {
            let counts = serde_json::to_value(Counts::of(&content)).unwrap_or_default();
            let counts: Vec<String> = counts
                .as_object()
                .into_iter()
                .flatten()
                .map(|(collection, count)| format!("{count} {collection}"))
                .collect();
            println!("content is valid: {} (version {})", counts.join(", "), content.version);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{error}");
            ExitCode::FAILURE
        }
    }
}
