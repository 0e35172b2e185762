//! `/v1/stages/{id}/kit`: one stage with everything a page about it needs. The stage list and
//! items are served like every collection (see `http::collections`).

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Kit, Stage};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::query::{NoParams, Strict};
use crate::http::state::AppState;

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
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    let kit =
        state.pages.kits.get(id.as_str()).ok_or_else(|| ApiError::not_found(&id, state.content.items::<Stage>()))?;
    Ok(state.respond(&req, kit))
}
