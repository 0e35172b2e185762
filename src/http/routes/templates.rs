//! `/v1/templates`: Email templates with their declared variables.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::email::{RenderRequest, RenderedEmail};
use crate::content::{Item, Template};
use crate::http::body::JsonBody;
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::{ApiError, FieldError, ProblemDetails};
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, Strict};
use crate::http::respond::{json, list};
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
#[get("")]
pub async fn list_templates(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> HttpResponse {
    match query.1 {
        Pagination::DEFAULT => state.fixed(&req, "/v1/templates"),
        pagination => list(&req, &state, &pagination.page(&state.pages.templates)),
    }
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
#[get("/{id}")]
pub async fn get_template(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Template::KIND, &id, &state.content.templates)
}

/// What a render answers: one email, or one per recipient.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum RenderResponse {
    /// Without `recipients`: the email.
    Single(RenderedEmail),
    /// With `recipients`: one email per recipient, in order.
    PerRecipient(RenderedEmails),
}

/// One email per recipient.
#[derive(Debug, Serialize, ToSchema)]
pub struct RenderedEmails {
    /// The emails, in the order of `recipients`.
    pub emails: Vec<RenderedEmail>,
}

/// Render a template
///
/// Fills the template with `variables`, strictly: every missing required variable, unknown
/// variable, value over its maximum length, and line break in a single-line variable is
/// answered at once in one 422. With `recipients`, answers one email per recipient (each
/// recipient's variables add to and override the shared ones): a thank-you note to every
/// interviewer, each naming something from that conversation.
#[utoipa::path(
    tag = "templates",
    params(("id" = String, Path, description = "The template's id.", example = "thank-you-after-second-interview")),
    request_body(content = RenderRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The rendered email(s).", body = RenderResponse, content_type = "application/json"),
        (status = 400, description = "The body is not JSON of the right shape, or nests too deep.", body = ProblemDetails, content_type = "application/problem+json"),
        NotFound,
        (status = 413, description = "The body is larger than the configured limit (64 KiB by default).", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 408, description = "The body did not arrive in time.", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 415, description = "The body is not `application/json`.", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Variables break the template's declarations; `errors` lists every one.", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/{id}/render")]
pub async fn render_template(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
    body: JsonBody<RenderRequest>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    let template = ApiError::or_not_found(content.template(&id), &id, &content.templates)?;
    let request = body.0;
    let mut emails = state.mailer.render(template, &request).map_err(|problems| {
        ApiError::ValidationFailed(problems.into_iter().map(|p| FieldError::new(p.field, p.message)).collect())
    })?;
    if request.recipients.is_some() {
        json(&RenderResponse::PerRecipient(RenderedEmails { emails }))
    } else {
        json(&RenderResponse::Single(emails.remove(0)))
    }
}
