//! Building and running the server: content, state, listener.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{HttpServer, web};

use crate::content::{Content, ContentError};
use crate::http::app::app;
use crate::http::state::AppState;
use crate::settings::Settings;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The content did not validate.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// Serving state could not be derived from the content.
    #[error(transparent)]
    State(#[from] crate::http::state::StateError),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address asked for.
        address: String,
        /// Why binding failed.
        source: std::io::Error,
    },
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    /// Loads the content, builds the shared state and binds the listener (port 0 picks a free port).
    pub fn build(settings: &Settings) -> Result<Self, StartupError> {
        let content = match settings.data_dir() {
            Some(dir) => Content::from_dir(dir)?,
            None => Content::embedded()?,
        };
        let state = web::Data::new(AppState::new(content, settings.http.cache_max_age)?);
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let bind_error = |source| StartupError::Bind { address: address.clone(), source };
        let listener = TcpListener::bind(&address).map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();
        let shared = state.clone();
        let mut server = HttpServer::new(move || app(shared.clone()));
        if settings.server.workers > 0 {
            server = server.workers(settings.server.workers);
        }
        let server = server.listen(listener).map_err(bind_error)?.run();
        Ok(Self { port, server, state })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The shared state, for readiness control.
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until the server stops (on SIGINT or SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
