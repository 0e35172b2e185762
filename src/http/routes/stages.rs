//! `/v1/stages`: the hiring stages, in order.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Item, Kit, Stage};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::{ApiError, FieldError};
use crate::http::list::{Listed, Page, Pagination};
use crate::http::pages::KIT;
use crate::http::query::{NoParams, Strict};
use crate::http::respond::list;
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
#[get("")]
pub async fn list_stages(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> HttpResponse {
    match query.1 {
        Pagination::DEFAULT => state.fixed(&req, "/v1/stages"),
        pagination => list(&req, &state, &pagination.page(&state.pages.stages)),
    }
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
#[get("/{id}")]
pub async fn get_stage(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Stage::KIND, &id, &state.content.stages)
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
#[get("/{id}/kit")]
pub async fn get_stage_kit(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, KIT, &id, &state.content.stages)
}

/// Refuses a `stage` filter that names no stage, listing the stage ids, so a typo is not
/// mistaken for "no matches".
pub fn check_stage_filter(state: &AppState, stage: Option<&String>) -> Result<(), ApiError> {
    match stage {
        Some(id) if state.content.stage(id).is_none() => {
            let ids: Vec<String> = state.content.stages.iter().map(|s| format!("`{}`", s.id)).collect();
            Err(ApiError::InvalidQuery(vec![FieldError::new(
                "stage",
                format!("no stage has the id `{id}`; allowed: {}", ids.join(", ")),
            )]))
        }
        _ => Ok(()),
    }
}
