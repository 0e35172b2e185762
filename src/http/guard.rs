//! Size limits every route shares, checked before routing.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};

use super::error::ApiError;
use super::state::AppState;

/// Answers 414 for an overlong query string and 431 for oversized headers, before routing.
pub async fn limits(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        let limits = state.limits;
        let query = req.query_string().len();
        let error = if query > limits.query_bytes {
            Some(ApiError::UriTooLong(format!(
                "The query string is {query} bytes long; at most {} are accepted.",
                limits.query_bytes
            )))
        } else {
            let headers: usize = req.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
            (headers > limits.header_bytes).then(|| {
                ApiError::HeadersTooLarge(format!(
                    "The request headers are {headers} bytes in all; at most {} are accepted.",
                    limits.header_bytes
                ))
            })
        };
        if let Some(error) = error {
            let (request, _) = req.into_parts();
            return Ok(ServiceResponse::new(request, error.error_response()));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
