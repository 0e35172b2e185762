//! `/v1/templates/{id}/render`: a template filled in. The template list and items are served
//! like every collection (see `http::collections`).

use actix_web::{HttpResponse, post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::Template;
use crate::content::email::RenderedEmail;
use crate::http::body::JsonBody;
use crate::http::docs::NotFound;
use crate::http::error::{ApiError, FieldError, ProblemDetails};
use crate::http::query::{NoParams, Strict};
use crate::http::render::RenderRequest;
use crate::http::respond::json;
use crate::http::state::AppState;

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
#[post("/templates/{id}/render")]
pub async fn render_template(
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
    body: JsonBody<RenderRequest>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    let templates = content.items::<Template>();
    let template = ApiError::or_not_found(templates.get(&id), &id, templates)?;
    let request = body.0;
    let mut emails = request.render(&state.mailer, template).map_err(|problems| {
        ApiError::ValidationFailed(problems.into_iter().map(|p| FieldError::new(p.field, p.message)).collect())
    })?;
    if request.recipients.is_some() {
        json(&RenderResponse::PerRecipient(RenderedEmails { emails }))
    } else {
        json(&RenderResponse::Single(emails.remove(0)))
    }
}
