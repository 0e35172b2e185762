//! `/v1/outcomes`: What can happen after a second interview.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Item, Outcome};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::list;
use crate::http::state::AppState;

/// List outcomes
///
/// What can happen after a second interview.
#[utoipa::path(
    tag = "outcomes",
    params(Pagination),
    responses(
        (status = 200, description = "The outcomes.", body = Page<Outcome>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_outcomes(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> HttpResponse {
    match query.1 {
        Pagination::DEFAULT => state.fixed(&req, "/v1/outcomes"),
        pagination => list(&req, &state, &pagination.page(&state.pages.outcomes)),
    }
}

/// Get one outcome
///
/// One outcome: the outcome's meaning, what to do next and the templates and tips that fit it.
#[utoipa::path(
    tag = "outcomes",
    params(("id" = String, Path, description = "The outcome's id.", example = "job-offer")),
    responses(
        (status = 200, description = "The outcome.", body = Outcome, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_outcome(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Outcome::KIND, &id, &state.content.outcomes)
}
