//! Request ids: taken from the client when it sends a sane one, generated otherwise, echoed
//! on every answer and written in the access log.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;

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

/// Sets `X-Request-Id` on the request (for handlers and logs) and on the response.
pub async fn request_id(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(value) if acceptable(value) => value.clone(),
        _ => HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()).expect("a UUID is a valid header value"),
    };
    req.headers_mut().insert(X_REQUEST_ID, id.clone());
    let mut response = next.call(req).await?;
    response.headers_mut().insert(X_REQUEST_ID, id);
    Ok(response)
}
