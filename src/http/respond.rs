//! Building JSON answers.

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};
use serde::Serialize;

use super::error::ApiError;

/// Media type of every JSON answer.
pub const JSON: &str = "application/json; charset=utf-8";

/// A 200 answer with `value` as JSON.
pub fn json<T: Serialize>(value: &T) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(|error| {
        log::error!("cannot serialise an answer: {error}");
        ApiError::Internal
    })?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(JSON)))
        .body(body))
}
