//! Building JSON answers.

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use super::cache::Representation;
use super::error::ApiError;
use super::list::Page;
use super::list::list_body;
use super::state::AppState;

/// Media type of every JSON answer.
pub const JSON: &str = "application/json; charset=utf-8";

fn serialise<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|error| {
        log::error!("cannot serialise an answer: {error}");
        ApiError::Internal
    })
}

/// `value` serialised once, for an answer kept for the life of the process.
pub fn to_json<T: Serialize>(value: &T) -> Bytes {
    Bytes::from(serde_json::to_vec(value).expect("content serialises to JSON"))
}

/// A 200 answer with `value` as JSON and no caching headers (POST answers).
pub fn json<T: Serialize>(value: &T) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().insert_header((header::CONTENT_TYPE, HeaderValue::from_static(JSON))).body(serialise(value)?))
}

/// A probe answer: JSON that must never come from a cache.
pub fn probe<T: Serialize>(value: &T) -> Result<HttpResponse, ApiError> {
    let mut response = json(value)?;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// A content answer computed for this request, with the same validator, caching and
/// compression as precomputed ones.
pub fn content<T: Serialize>(req: &HttpRequest, state: &AppState, value: &T) -> Result<HttpResponse, ApiError> {
    Ok(state.respond(req, &Representation::new(Bytes::from(serialise(value)?), JSON)))
}

/// A list computed for this request from already-serialised items.
pub fn list(req: &HttpRequest, state: &AppState, page: &Page<&Bytes>) -> HttpResponse {
    state.respond(req, &Representation::new(list_body(page), JSON))
}
