//! Building and running the server: content, state, listener.

use std::net::TcpListener;
use std::time::Duration;

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
    drain_delay: Duration,
}

impl Application {
    /// Loads the content, builds the shared state and binds the listener (port 0 picks a free port).
    pub fn build(settings: &Settings) -> Result<Self, StartupError> {
        let content = Content::load_from(settings.data_dir())?;
        let state = web::Data::new(AppState::new(content, settings)?);
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let bind_error = |source| StartupError::Bind { address: address.clone(), source };
        let listener = TcpListener::bind(&address).map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();
        let shared = state.clone();
        let limits = settings.limits;
        let mut server = HttpServer::new(move || app(shared.clone()))
            .keep_alive(Duration::from_secs(limits.keep_alive_secs))
            .client_request_timeout(Duration::from_millis(limits.head_timeout_ms))
            .max_connections(limits.connections_per_worker)
            .shutdown_timeout(settings.shutdown.timeout_secs)
            .disable_signals();
        if settings.server.workers > 0 {
            server = server.workers(settings.server.workers);
        }
        let server = server.listen(listener).map_err(bind_error)?.run();
        let warming = state.clone();
        if let Err(error) = std::thread::Builder::new().name("warm-up".into()).spawn(move || warming.pages.warm()) {
            log::warn!("cannot start compressing precomputed answers ahead: {error}");
        }
        Ok(Self { port, server, state, drain_delay: Duration::from_secs(settings.shutdown.drain_delay_secs) })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then drains: `/readyz` answers 503 at once, the
    /// listener closes after the drain delay, and in-flight requests get the shutdown timeout
    /// to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let handle = self.server.handle();
        let (state, drain_delay) = (self.state.clone(), self.drain_delay);
        actix_web::rt::spawn(async move {
            if let Err(error) = termination().await {
                log::error!("cannot listen for termination signals: {error}");
                return;
            }
            log::info!("termination signal received: draining for {} s", drain_delay.as_secs());
            state.set_ready(false);
            actix_web::rt::time::sleep(drain_delay).await;
            log::info!("closing the listener; waiting for in-flight requests");
            handle.stop(true).await;
        });
        self.server.await
    }
}

/// Resolves on the first SIGTERM or SIGINT.
async fn termination() -> std::io::Result<()> {
    use actix_web::rt::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    futures_util::future::select(Box::pin(terminate.recv()), Box::pin(interrupt.recv())).await;
    Ok(())
}
