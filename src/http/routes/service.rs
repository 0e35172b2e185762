//! Service endpoints: the index, metadata, health, readiness and the OpenAPI document.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::NoParams;
use crate::content::{Content, Counts, Items, Registered, Visitor};
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, ProblemDetails};
use crate::http::query::Strict;
use crate::http::respond::probe;
use crate::http::state::AppState;

/// The service's name, as the index and metadata give it.
const NAME: &str = env!("CARGO_PKG_NAME");
/// The service's version.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The API index: where everything is.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiIndex {
    /// Service name.
    #[schema(example = "second-interview-api")]
    pub name: &'static str,
    /// Service version.
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// What the service is for.
    pub description: &'static str,
    /// Path of each collection and service resource, by name.
    pub links: Vec<Link>,
}

/// A named link to a resource of the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct Link {
    /// What the link points to.
    #[schema(example = "stages")]
    pub rel: &'static str,
    /// Path of the resource, relative to the host.
    #[schema(example = "/v1/stages")]
    pub href: String,
}

/// The links after the collections': service resources and two examples.
const SERVICE_LINKS: [(&str, &str); 8] = [
    ("meta", "/v1/meta"),
    ("docs", "/docs/"),
    ("openapi", "/openapi.json"),
    ("healthz", "/healthz"),
    ("readyz", "/readyz"),
    ("self", "/"),
    ("stage-example", "/v1/stages/second-interview"),
    ("question-set-example", "/v1/questions?asked_by=interviewer&order=random&seed=42&limit=5"),
];

/// Collects a link to each collection.
struct CollectionLinks(Vec<Link>);

impl Visitor for CollectionLinks {
    fn visit<C: Registered>(&mut self, _: &Items<C>) {
        self.0.push(Link { rel: C::NAME, href: format!("/v1/{}", C::segment()) });
    }
}

/// API index
///
/// The name and version of the service and a link to every collection, the documentation and
/// the OpenAPI document.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The index.", body = ApiIndex, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/")]
pub async fn index(req: HttpRequest, state: web::Data<AppState>, _query: Strict<NoParams>) -> HttpResponse {
    state.respond(&req, &state.pages.index)
}

/// The index of `content`, built once at start.
pub fn index_document(content: &Content) -> ApiIndex {
    let mut links = CollectionLinks(Vec::new());
    content.collections.visit(&mut links);
    let service = SERVICE_LINKS.iter().map(|&(rel, href)| Link { rel, href: href.to_owned() });
    ApiIndex {
        name: NAME,
        version: VERSION,
        description: "What four published guides say about second job interviews, as citable JSON.",
        links: links.0.into_iter().chain(service).collect(),
    }
}

/// Content and service metadata.
#[derive(Debug, Serialize, ToSchema)]
pub struct Meta {
    /// Service name.
    #[schema(example = "second-interview-api")]
    pub name: &'static str,
    /// Service version.
    #[schema(example = "0.1.0")]
    pub service_version: &'static str,
    /// A hash of the content files: it changes exactly when the content does.
    #[schema(example = "3f2a9c0d41b7e865")]
    pub content_version: String,
    /// How many items each collection holds.
    pub counts: Counts,
}

/// Content and service metadata
///
/// The service version, the content version (a hash of the content) and item counts.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The metadata.", body = Meta, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/meta")]
pub async fn meta(req: HttpRequest, state: web::Data<AppState>, _query: Strict<NoParams>) -> HttpResponse {
    state.respond(&req, &state.pages.meta)
}

/// The metadata of `content`, built once at start.
pub fn meta_document(content: &Content) -> Meta {
    Meta { name: NAME, service_version: VERSION, content_version: content.version.clone(), counts: Counts::of(content) }
}

/// A probe answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Status {
    /// `ok` for liveness, `ready` for readiness.
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Liveness probe
///
/// Answers 200 while the process can serve requests at all.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The process is alive.", body = Status, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/healthz")]
pub async fn healthz(_query: Strict<NoParams>) -> Result<HttpResponse, ApiError> {
    probe(&Status { status: "ok" })
}

/// Readiness probe
///
/// Answers 200 while the instance takes traffic and 503 once it is draining.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The instance takes traffic.", body = Status, content_type = "application/json"),
        InvalidQuery,
        (status = 503, description = "The instance is draining; send traffic elsewhere.", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>, _query: Strict<NoParams>) -> Result<HttpResponse, ApiError> {
    if state.is_ready() {
        probe(&Status { status: "ready" })
    } else {
        Err(ApiError::NotReady("The instance is shutting down and takes no new traffic.".to_owned()))
    }
}

/// OpenAPI document
///
/// This document: every operation, parameter and schema of the API (OpenAPI 3.1).
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The OpenAPI document.", body = Object, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/openapi.json")]
pub async fn openapi_json(req: HttpRequest, state: web::Data<AppState>, _query: Strict<NoParams>) -> HttpResponse {
    state.respond(&req, &state.pages.openapi)
}

/// Prometheus metrics
///
/// Requests and latency by route pattern and status (requests no route matched share the
/// route label `unmatched`), content item counts and build information, in OpenMetrics text.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "The metrics exposition.", body = String, content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8"),
        InvalidQuery,
    )
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>, _query: Strict<NoParams>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, crate::http::metrics::OPENMETRICS))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(state.metrics.render())
}
