//! Building JSON answers, and the one way a handler answers what it computes per request:
//! through the memo of computed answers ([`super::memo`]).
//!
//! - [`computed_json`]: `computed_json(&req, &state, || compute())` answers the value `compute` makes, as
//!   JSON. On a memo hit `compute` is not called and the answer (with any compressed forms
//!   already made) is reused.
//! - [`computed_list`]: the same for a list page assembled from already-serialised items.
//! - [`memoized`]: the general form, for an answer that is not JSON or that depends on a
//!   negotiated variant (pass it, e.g. the chosen media type, so each variant has its own entry).
//!
//! The memo key is the request's method, path and decoded query, plus the variant: a handler
//! whose answer depends on anything else (a header other than `Accept-Encoding`) must pass that
//! in the variant, or not use these functions.

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use super::cache::Representation;
use super::error::ApiError;
use super::list::Page;
use super::list::list_body;
use super::memo::Key;
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

/// The answer to `req` in `variant`: the memoized one, or the one `compute` makes (kept for
/// the next request unless it is an error), with the service's caching headers.
pub fn memoized<E>(
    req: &HttpRequest,
    state: &AppState,
    variant: &str,
    compute: impl FnOnce() -> Result<Representation, E>,
) -> Result<HttpResponse, E> {
    let representation = state.memo.get_or_compute(Key::new(req, variant), compute)?;
    Ok(state.respond(req, &representation))
}

/// A content answer computed for this request as JSON, memoized, with the same validator,
/// caching and compression as precomputed ones; `compute` runs only on a memo miss.
pub fn computed_json<T: Serialize>(
    req: &HttpRequest,
    state: &AppState,
    compute: impl FnOnce() -> Result<T, ApiError>,
) -> Result<HttpResponse, ApiError> {
    memoized(req, state, JSON, || Ok(Representation::computed(Bytes::from(serialise(&compute()?)?), JSON)))
}

/// A list page computed for this request from already-serialised items, memoized; `compute`
/// runs only on a memo miss.
pub fn computed_list<'a>(
    req: &HttpRequest,
    state: &AppState,
    compute: impl FnOnce() -> Page<&'a Bytes>,
) -> HttpResponse {
    let made: Result<HttpResponse, std::convert::Infallible> =
        memoized(req, state, JSON, || Ok(Representation::computed(list_body(&compute()), JSON)));
    made.unwrap_or_else(|never| match never {})
}
