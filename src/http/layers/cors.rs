//! The CORS decisions, by actix-cors: preflights, and requests with an `Origin` when only
//! listed origins are allowed. The headers that need no decision (`*` for any origin, the
//! exposed headers) are fixed, added to every answer by [`super::headers`].

use actix_cors::Cors;
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName};

use super::request_id::X_REQUEST_ID;

/// Request headers a browser's client code may send.
const ALLOWED_HEADERS: [HeaderName; 4] = [header::CONTENT_TYPE, header::ACCEPT, header::IF_NONE_MATCH, X_REQUEST_ID];

/// Answer headers a browser's client code may read. Sent as one fixed value on every answer
/// rather than given to actix-cors, which would list them in a different order in each process
/// (it keeps them in a `HashSet`).
pub const EXPOSED: &str = "etag, x-request-id";

/// Whether `origins` allows any origin (`*` among them).
pub fn any_origin(origins: &[String]) -> bool {
    origins.iter().any(|origin| origin == "*")
}

/// The policy for `origins`: any origin without credentials, or only the listed ones.
pub fn policy(origins: &[String]) -> Cors {
    let cors = Cors::default()
        .allowed_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allowed_headers(ALLOWED_HEADERS)
        .max_age(86_400);
    if any_origin(origins) {
        cors.allow_any_origin().send_wildcard().disable_vary_header()
    } else {
        origins.iter().fold(cors, |cors, origin| cors.allowed_origin(origin))
    }
}
