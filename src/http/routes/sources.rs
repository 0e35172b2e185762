//! `/v1/sources`: The documents the content is drawn from.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Item, Source};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::list;
use crate::http::state::AppState;

/// List sources
///
/// The documents the content is drawn from.
#[utoipa::path(
    tag = "sources",
    params(Pagination),
    responses(
        (status = 200, description = "The sources.", body = Page<Source>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_sources(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> HttpResponse {
    match query.1 {
        Pagination::DEFAULT => state.fixed(&req, "/v1/sources"),
        pagination => list(&req, &state, &pagination.page(&state.pages.sources)),
    }
}

/// Get one source
///
/// One source: the title, publisher where named, and a summary.
#[utoipa::path(
    tag = "sources",
    params(("id" = String, Path, description = "The source's id.", example = "second-interview-good-sign")),
    responses(
        (status = 200, description = "The source.", body = Source, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_source(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Source::KIND, &id, &state.content.sources)
}
