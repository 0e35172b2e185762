//! Size limits every route shares, checked before routing.

use actix_web::dev::ServiceRequest;

use super::error::ApiError;
use crate::settings::Limits;

/// 414 for an overlong query string, 431 for oversized headers; `None` when `req` is within limits.
pub fn check(req: &ServiceRequest, limits: &Limits) -> Option<ApiError> {
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
