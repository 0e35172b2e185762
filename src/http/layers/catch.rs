//! The last line of defence: a handler that panics, or an inner service that fails instead of
//! answering, still gets an answer, which the layers outside finish like any other (request
//! id, headers, problem details, metrics). The worker thread survives a panic because it is
//! caught here rather than unwinding through actix.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, Uri};
use actix_web::middleware::Next;
use actix_web::test::TestRequest;
use actix_web::{Error, HttpRequest};
use futures_util::FutureExt;

use super::request_id::X_REQUEST_ID;
use crate::http::error::ApiError;

/// Answers what the inner service could not: a panic as a 500 problem, an `Err` as the answer
/// the error describes.
pub async fn answer_failures<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B, BoxBody>>, Error> {
    // Kept for the answer to a failure: a `Uri` clone shares its bytes.
    let (method, uri) = (req.method().clone(), req.uri().clone());
    let id = req.headers().get(&X_REQUEST_ID).cloned();
    // Inside the caught future, so a panic while starting the call is caught too.
    let answered = AssertUnwindSafe(async move { next.call(req).await }).catch_unwind().await;
    let error = match answered {
        Ok(Ok(response)) => return Ok(response.map_into_left_body()),
        Ok(Err(error)) => error,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let id = id.as_ref().and_then(|id| id.to_str().ok()).unwrap_or_default();
            log::error!("{id} panic while answering {method} {}: {message}", uri.path());
            ApiError::Internal.into()
        }
    };
    Ok(ServiceResponse::from_err(error, stand_in(method, &uri)).map_into_right_body())
}

/// A request to carry the answer to a failure outwards. The original went into the service
/// that failed, and a clone of it cannot be kept across the call (actix's router needs the
/// only reference to record the match), so the answer is given a request with the same method
/// and target, unrouted; actix-web offers `TestRequest` as its one public way to make one.
fn stand_in(method: Method, uri: &Uri) -> HttpRequest {
    TestRequest::default().method(method).uri(&uri.to_string()).to_http_request()
}
