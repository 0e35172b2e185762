//! What every handler shares: the content and everything derived from it once at start.

use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::dev::ResourceDef;
use actix_web::http::header::HeaderValue;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use super::cache::Representation;
use super::memo::Memo;
use super::metrics::Metrics;
use super::pages::Precomputed;

use crate::content::Content;
use crate::content::email::Mailer;
use crate::content::search::SearchIndex;
use crate::settings::{Limits, Settings};

/// Content that validated but could not be turned into serving state (a bug, reported at start).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StateError(String);

/// Shared, read-only state built once at start, plus the readiness flag.
pub struct AppState {
    /// The validated content.
    pub content: Content,
    /// Every email template, compiled.
    pub mailer: Mailer,
    /// The full-text index over all content.
    pub search: SearchIndex,
    /// Every answer that can be computed once, and every item serialised.
    pub pages: Precomputed,
    /// The `Cache-Control` value of content answers.
    pub cache_control: HeaderValue,
    /// Bounds on requests.
    pub limits: Limits,
    /// Prometheus metrics.
    pub metrics: Metrics,
    /// Computed answers kept for the next client asking the same.
    pub memo: Memo,
    /// Origins browsers may call from (`*` for any).
    pub cors_origins: Vec<String>,
    /// Every documented path with the methods it accepts, to tell 405 from 404.
    pub routes: Vec<(ResourceDef, String)>,
    ready: AtomicBool,
}

impl AppState {
    /// Derives everything the handlers need from `content`.
    pub fn new(content: Content, settings: &Settings) -> Result<Self, StateError> {
        let mailer = Mailer::new(content.items::<crate::content::Template>())
            .map_err(|e| StateError(format!("templates do not compile: {e}")))?;
        let search =
            SearchIndex::build(&content).map_err(|e| StateError(format!("search index cannot be built: {e}")))?;
        let spec = super::app::openapi(&content);
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods: Vec<&str> = [
                    (item.get.is_some(), "GET, HEAD"),
                    (item.post.is_some(), "POST"),
                    (item.put.is_some(), "PUT"),
                    (item.patch.is_some(), "PATCH"),
                    (item.delete.is_some(), "DELETE"),
                ]
                .into_iter()
                .filter_map(|(present, name)| present.then_some(name))
                .collect();
                (ResourceDef::new(path.as_str()), methods.join(", "))
            })
            .collect();
        let openapi = Bytes::from(spec.to_pretty_json().expect("the OpenAPI document serialises"));
        let pages = Precomputed::build(&content, openapi);
        let operations = spec.paths.paths.iter().flat_map(|(path, item)| {
            [&item.get, &item.post]
                .into_iter()
                .flatten()
                .filter_map(|op| op.operation_id.clone().map(|id| (id, path.clone())))
        });
        let mut metrics = Metrics::new(&content, operations);
        let memo = Memo::new(settings.http.memo_bytes, &mut metrics);
        let cache_control = HeaderValue::from_str(&format!("public, max-age={}", settings.http.cache_max_age))
            .expect("digits are a valid header value");
        Ok(Self {
            content,
            mailer,
            search,
            pages,
            cache_control,
            limits: settings.limits,
            metrics,
            memo,
            cors_origins: settings.http.cors_allowed_origins.clone(),
            routes,
            ready: AtomicBool::new(true),
        })
    }

    /// `representation` as the answer to `req`, with this service's caching headers.
    pub fn respond(&self, req: &HttpRequest, representation: &Representation) -> HttpResponse {
        representation.respond(req, &self.cache_control)
    }

    /// Whether `/readyz` says the instance takes traffic.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    /// Marks the instance as draining (or ready again).
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::Relaxed);
    }

    /// The methods the documented path matching `path` accepts, if any path matches.
    pub fn allowed_methods(&self, path: &str) -> Option<&str> {
        self.routes.iter().find(|(def, _)| def.is_match(path)).map(|(_, allowed)| allowed.as_str())
    }
}
