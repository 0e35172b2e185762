//! `/v1/stages`: the hiring stages, in order.

use actix_web::{HttpResponse, get, web};

use crate::content::{Kit, Stage};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::json;
use crate::http::state::AppState;

/// List the hiring stages
///
/// The stages around a second interview, sorted by `order`.
#[utoipa::path(
    tag = "stages",
    params(Pagination),
    responses(
        (status = 200, description = "The stages, in order.", body = Page<Stage>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/stages")]
pub async fn list_stages(
    state: web::Data<AppState>,
    query: Listed<NoParams>,
) -> Result<HttpResponse, ApiError> {
    json(&query.1.page(&state.content.stages))
}

/// Get one stage
///
/// What reaching the stage means and does not mean, what is evaluated, who you meet, its
/// formats and what can follow it.
#[utoipa::path(
    tag = "stages",
    params(("id" = String, Path, description = "The stage's id.", example = "second-interview")),
    responses(
        (status = 200, description = "The stage.", body = Stage, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/stages/{id}")]
pub async fn get_stage(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    json(ApiError::or_not_found(
        content.stage(&id),
        &id,
        &content.stages,
    )?)
}

/// Get a stage kit
///
/// Everything a page about one stage needs in one answer: the stage, its tips grouped by
/// phase, its questions grouped by who asks them, its email templates and its possible outcomes.
#[utoipa::path(
    tag = "stages",
    params(("id" = String, Path, description = "The stage's id.", example = "second-interview")),
    responses(
        (status = 200, description = "The stage kit.", body = Kit, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/stages/{id}/kit")]
pub async fn get_stage_kit(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    json(
        &content
            .kit(&id)
            .ok_or_else(|| ApiError::not_found(&id, &content.stages))?,
    )
}
