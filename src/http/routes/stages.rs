//! `/v1/stages/{id}/kit`: one stage with everything a page about it needs, optionally for one
//! role. The stage list and items are served like every collection (see `routes::collections`).

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Kit, KitFilters, Stage};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::listing::check_references;
use crate::http::query::Strict;
use crate::http::respond::computed_json;
use crate::http::state::AppState;

/// Get a stage kit
///
/// Everything a page about one stage needs in one answer: the stage, its formats, its tips
/// grouped by phase, its questions grouped by who asks them, its email templates and its
/// possible outcomes. With `role_family`, `occupation` or `job_title`, the tips and questions
/// are those for that role (and for any role), as the lists filter them.
#[utoipa::path(
    tag = "stages",
    params(("id" = String, Path, description = "The stage's id.", example = "second-interview"), KitFilters),
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
    filters: Strict<KitFilters>,
) -> Result<HttpResponse, ApiError> {
    let not_found = || ApiError::not_found(&id, state.content.items::<Stage>());
    let mut filters = filters.0;
    if filters == KitFilters::default() {
        return Ok(state.respond(&req, state.pages.kits.get(id.as_str()).ok_or_else(not_found)?));
    }
    check_references(&state.content, &[filters.role_reference()])?;
    filters.resolve_roles(&state.content).map_err(ApiError::scope)?;
    computed_json(&req, &state, || state.content.kit(&id, &filters).ok_or_else(not_found))
}
