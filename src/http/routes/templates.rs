//! `/v1/templates`: Email templates with their declared variables.

use actix_web::{HttpResponse, get, web};

use crate::content::Template;
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::json;
use crate::http::state::AppState;

/// List templates
///
/// Email templates with their declared variables.
#[utoipa::path(
    tag = "templates",
    params(Pagination),
    responses(
        (status = 200, description = "The templates.", body = Page<Template>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/templates")]
pub async fn list_templates(state: web::Data<AppState>, query: Listed<NoParams>) -> Result<HttpResponse, ApiError> {
    json(&query.1.page(&state.content.templates))
}

/// Get one template
///
/// One template: its purpose, when to send it, the subject and body with placeholders and every declared variable.
#[utoipa::path(
    tag = "templates",
    params(("id" = String, Path, description = "The template's id.", example = "thank-you-after-second-interview")),
    responses(
        (status = 200, description = "The template.", body = Template, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/templates/{id}")]
pub async fn get_template(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    json(ApiError::or_not_found(content.template(&id), &id, &content.templates)?)
}
