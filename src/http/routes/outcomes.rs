//! `/v1/outcomes`: What can happen after a second interview.

use actix_web::{HttpResponse, get, web};

use crate::content::Outcome;
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::json;
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
#[get("/outcomes")]
pub async fn list_outcomes(
    state: web::Data<AppState>,
    query: Listed<NoParams>,
) -> Result<HttpResponse, ApiError> {
    json(&query.1.page(&state.content.outcomes))
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
#[get("/outcomes/{id}")]
pub async fn get_outcome(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    json(ApiError::or_not_found(
        content.outcome(&id),
        &id,
        &content.outcomes,
    )?)
}
