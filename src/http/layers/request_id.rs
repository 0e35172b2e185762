//! Take or make the `X-Request-Id`, and put it on every answer.
//!
//! The id is written into the request as well, so the layers and handlers inside (the panic
//! log line, for one) read the id the client will see.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// The header that carries the request id both ways.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client-given id that is kept; longer ones are replaced.
const MAX_ID_LEN: usize = 128;

/// Keeps the client's id when it is sane (1 to 128 characters of `[A-Za-z0-9-_.:]`), else
/// makes a fresh one; the answer carries it. The layers inside answer every failure, so the
/// inner call never fails.
pub async fn propagate(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(value) if acceptable(value) => value.clone(),
        _ => {
            let id = generated_id();
            req.headers_mut().insert(X_REQUEST_ID, id.clone());
            id
        }
    };
    let mut response = next.call(req).await?;
    response.headers_mut().insert(X_REQUEST_ID, id);
    Ok(response)
}

/// A new request id: a random UUID (v4) from a thread-local generator, written into a stack
/// buffer rather than formatted through a `String`, so the header value is the only allocation.
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
