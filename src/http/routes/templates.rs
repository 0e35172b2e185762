//! `/v1/templates/{id}/render`: a template filled in. The template list and items are served
//! like every collection (see `routes::collections`).

use actix_web::http::header::{self, ContentDisposition, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::email::RenderedEmail;
use crate::content::{NoParams, Template};
use crate::http::body::JsonBody;
use crate::http::docs::NotFound;
use crate::http::draft::{MESSAGE_RFC822, draft};
use crate::http::error::{ApiError, FieldError, ProblemDetails};
use crate::http::negotiate::choose;
use crate::http::query::Strict;
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
///
/// With `Accept: message/rfc822` (preferred over JSON) the email comes as a draft a mail
/// client opens for editing (`X-Unsent: 1`): `To` when an address is given, `Subject`, and the
/// plain-text and HTML bodies as alternatives. A draft holds one email, so with `recipients`
/// it takes exactly one (more answer 422). An `Accept` admitting neither type answers 406.
#[utoipa::path(
    tag = "templates",
    params(("id" = String, Path, description = "The template's id.", example = "thank-you-after-second-interview")),
    request_body(content = RenderRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The rendered email(s), as JSON or as one draft message.", content(
            (RenderResponse = "application/json"),
            (String = "message/rfc822", example = json!("Subject: Thank you - Product Analyst interview at Northwind Traders\r\nX-Unsent: 1\r\nContent-Type: multipart/alternative; ...")),
        )),
        (status = 400, description = "The body is not JSON of the right shape, or nests too deep.", body = ProblemDetails, content_type = "application/problem+json"),
        NotFound,
        (status = 413, description = "The body is larger than the configured limit (64 KiB by default).", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 408, description = "The body did not arrive in time.", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 415, description = "The body is not `application/json`.", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 406, description = "The `Accept` header admits neither `application/json` nor `message/rfc822`.", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Variables break the template's declarations, or a draft was asked for more than one recipient; `errors` lists every problem.", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/{id}/render")]
pub async fn render_template(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
    body: JsonBody<RenderRequest>,
) -> Result<HttpResponse, ApiError> {
    let content = &state.content;
    let templates = content.items::<Template>();
    let template = ApiError::or_not_found(templates.get(&id), &id, templates)?;
    let request = body.0;
    let as_draft = choose(&req, &["application/json", MESSAGE_RFC822])? == 1;
    if as_draft && request.recipients.as_ref().is_some_and(|recipients| recipients.len() > 1) {
        return Err(ApiError::ValidationFailed(vec![FieldError::new(
            "recipients",
            "a draft holds one email: give one recipient, or ask for JSON to get one email per recipient",
        )]));
    }
    let mut emails = request.render(&state.mailer, template).map_err(|problems| {
        ApiError::ValidationFailed(problems.into_iter().map(|p| FieldError::new(p.field, p.message)).collect())
    })?;
    let mut response = if as_draft {
        let message = draft(&emails[0]).map_err(|_| ApiError::Internal)?;
        let disposition = ContentDisposition::attachment(format!("{}.eml", template.id));
        HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(MESSAGE_RFC822)))
            .insert_header((header::CONTENT_DISPOSITION, disposition))
            .body(message)
    } else if request.recipients.is_some() {
        json(&RenderResponse::PerRecipient(RenderedEmails { emails }))?
    } else {
        json(&RenderResponse::Single(emails.remove(0)))?
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}
