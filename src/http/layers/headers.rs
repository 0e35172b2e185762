//! Headers every answer carries unless a handler set them: the security headers, the headers a
//! browser's client code may read and, when any origin may read the API, the CORS header that
//! says so.

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;

use super::cors;

/// The Content-Security-Policy: JSON needs nothing, and Swagger UI at `/docs/` loads only its
/// own scripts and styles (its styles set inline attributes).
const CONTENT_SECURITY_POLICY: HeaderValue = HeaderValue::from_static(
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
);

/// The security headers, each value checked once, when compiled.
const SECURITY: [(HeaderName, HeaderValue); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
];

/// The headers for a service whose CORS policy allows `origins`. With any origin allowed,
/// every answer, with an `Origin` or without, carries `Access-Control-Allow-Origin: *`: a
/// shared cache in front of the service may hand an answer fetched without `Origin` to a
/// browser's cross-origin request, and it must work there too.
pub fn defaults(origins: &[String]) -> DefaultHeaders {
    let headers = SECURITY
        .into_iter()
        .fold(DefaultHeaders::new(), DefaultHeaders::add)
        .add((header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(cors::EXPOSED)));
    if cors::any_origin(origins) {
        headers.add((header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")))
    } else {
        headers
    }
}
