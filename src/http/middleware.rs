//! The one middleware around every request, doing in a single pass what each answer needs:
//! the request id (taken from the client when sane, generated otherwise), HEAD answered as
//! GET, the size limits (414, 431), problem details for any error answer that lacks them,
//! metrics, security headers, and the last line of defence against panics.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError, web};
use futures_util::FutureExt;

use super::error::{ApiError, as_problem};
use super::limits;
use super::state::AppState;

/// The header that carries the request id both ways.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client-given id that is kept; longer ones are replaced.
const MAX_ID_LEN: usize = 128;

/// Content-Security-Policy for every answer: JSON needs nothing, and Swagger UI at `/docs/`
/// loads only its own scripts and styles (its styles set inline attributes).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Headers every answer carries unless a handler set them.
const SECURITY_HEADERS: [(HeaderName, &str); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// A new request id: a random UUID (v4), written into a stack buffer rather than formatted
/// through a `String`, so the header value is the only allocation.
fn generated_id() -> HeaderValue {
    let mut buffer = uuid::Uuid::encode_buffer();
    let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
    HeaderValue::from_str(text).expect("a UUID is a valid header value")
}

fn acceptable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

fn finish_headers(headers: &mut HeaderMap, id: HeaderValue) {
    headers.insert(X_REQUEST_ID, id);
    for (name, value) in SECURITY_HEADERS {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
}

/// A handler panicked: answered 500 problem details carrying the request id. The worker
/// thread survives because the panic is caught here rather than unwinding through actix.
#[derive(Debug, thiserror::Error)]
#[error("a handler panicked")]
pub struct Panicked(HeaderValue);

impl ResponseError for Panicked {
    fn status_code(&self) -> actix_web::http::StatusCode {
        ApiError::Internal.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = ApiError::Internal.error_response();
        finish_headers(response.headers_mut(), self.0.clone());
        response
    }
}

/// Wraps every request; see the module documentation.
pub async fn around_every_request(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(value) if acceptable(value) => value.clone(),
        _ => generated_id(),
    };
    req.headers_mut().insert(X_REQUEST_ID, id.clone());
    let method = req.method().clone();
    if method == Method::HEAD {
        // actix-web leaves the body out of HEAD answers by itself.
        req.head_mut().method = Method::GET;
    }
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let response = match state.as_ref().and_then(|state| limits::check(&req, &state.limits)) {
        Some(error) => {
            let (request, _) = req.into_parts();
            ServiceResponse::new(request, error.error_response())
        }
        None => {
            // A `Uri` clone shares its bytes: no allocation on every request for a log line only a panic needs.
            let uri = req.uri().clone();
            match AssertUnwindSafe(next.call(req)).catch_unwind().await {
                Ok(response) => response?.map_into_boxed_body(),
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    log::error!(
                        "{} panic while answering {method} {}: {message}",
                        id.to_str().unwrap_or_default(),
                        uri.path()
                    );
                    if let Some(state) = &state {
                        state.metrics.record(&method, None, 500, started.elapsed().as_secs_f64());
                    }
                    return Err(Panicked(id).into());
                }
            }
        }
    };
    let mut response = as_problem(response);
    if let Some(state) = &state {
        let seconds = started.elapsed().as_secs_f64();
        state.metrics.record(&method, response.request().match_name(), response.status().as_u16(), seconds);
    }
    finish_headers(response.headers_mut(), id);
    Ok(response)
}
