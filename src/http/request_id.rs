//! The outermost layer of every request: its id (taken from the client when sane, generated
//! otherwise, echoed on every answer and written in the access log), and the last line of
//! defence against panics.

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use futures_util::FutureExt;

use super::error::ApiError;

/// The header that carries the request id both ways.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client-given id that is kept; longer ones are replaced.
const MAX_LEN: usize = 128;

fn acceptable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_LEN
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
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
        response.headers_mut().insert(X_REQUEST_ID, self.0.clone());
        response
    }
}

/// Sets `X-Request-Id` on the request (for handlers and logs) and on the response, and turns
/// a panic anywhere inside into a 500 problem details answer.
pub async fn request_id(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(value) if acceptable(value) => value.clone(),
        _ => HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()).expect("a UUID is a valid header value"),
    };
    req.headers_mut().insert(X_REQUEST_ID, id.clone());
    let (method, path) = (req.method().clone(), req.path().to_owned());
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(response) => {
            let mut response = response?;
            response.headers_mut().insert(X_REQUEST_ID, id);
            Ok(response)
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            log::error!("{} panic while answering {method} {path}: {message}", id.to_str().unwrap_or_default());
            Err(Panicked(id).into())
        }
    }
}
