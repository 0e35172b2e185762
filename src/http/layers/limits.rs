//! Size limits every route shares, checked before routing: 414 and 431.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError};

use crate::http::error::ApiError;
use crate::settings::Limits;

/// Refuses a request over `limits` (problem details) without routing it; passes the rest on.
pub async fn refuse_oversized<B: MessageBody>(
    limits: Limits,
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    match check(&req, &limits) {
        Some(error) => Ok(req.into_response(error.error_response()).map_into_right_body()),
        None => Ok(next.call(req).await?.map_into_left_body()),
    }
}

/// 414 for an overlong query string, 431 for oversized headers; `None` when `req` is within limits.
fn check(req: &ServiceRequest, limits: &Limits) -> Option<ApiError> {
    let query = req.query_string().len();
    if query > limits.query_bytes {
        return Some(ApiError::UriTooLong(format!(
            "The query string is {query} bytes long; at most {} are accepted.",
            limits.query_bytes
        )));
    }
    let headers: usize = req.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    (headers > limits.header_bytes).then(|| {
        ApiError::HeadersTooLarge(format!(
            "The request headers are {headers} bytes in all; at most {} are accepted.",
            limits.header_bytes
        ))
    })
}
