//! The one error type of the HTTP layer, answered as RFC 9457 problem details.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::occupation::{CODE_FORMS, CodeError};
use crate::content::role_family::ScopeError;
pub use crate::content::shorten;
use crate::content::{Item, Registered, closest};

/// Media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Stable, machine-readable error codes; clients branch on these, never on `detail` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    /// No item has the requested id.
    NotFound,
    /// No route matches the path.
    RouteNotFound,
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// The `Accept` header admits none of the media types the operation answers.
    NotAcceptable,
    /// A query parameter is unknown, repeated, malformed or out of range.
    InvalidQuery,
    /// The request body is not acceptable JSON for this operation.
    InvalidBody,
    /// The request body is not `application/json`.
    UnsupportedMediaType,
    /// The request body is larger than allowed.
    PayloadTooLarge,
    /// The request is well-formed but its values break the operation's rules.
    ValidationFailed,
    /// The request could not be understood at the HTTP level.
    BadRequest,
    /// The request took too long to arrive.
    RequestTimeout,
    /// The URI (its query string) is longer than allowed.
    UriTooLong,
    /// The request headers are larger than allowed.
    HeadersTooLarge,
    /// The service is not ready to serve (starting or shutting down).
    NotReady,
    /// Something went wrong on our side.
    InternalError,
}

impl ErrorCode {
    /// The HTTP status this code is answered with.
    pub fn status(self) -> StatusCode {
        match self {
            Self::NotFound | Self::RouteNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::InvalidQuery | Self::InvalidBody | Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            Self::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short, fixed summary of the problem type.
    pub fn title(self) -> &'static str {
        match self {
            Self::NotFound => "Item not found",
            Self::RouteNotFound => "Route not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::NotAcceptable => "Not acceptable",
            Self::InvalidQuery => "Invalid query parameters",
            Self::InvalidBody => "Invalid request body",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::PayloadTooLarge => "Payload too large",
            Self::ValidationFailed => "Validation failed",
            Self::BadRequest => "Bad request",
            Self::RequestTimeout => "Request timeout",
            Self::UriTooLong => "URI too long",
            Self::HeadersTooLarge => "Request headers too large",
            Self::NotReady => "Not ready",
            Self::InternalError => "Internal error",
        }
    }
}

/// One problem with one named part of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The query parameter, or the path into the JSON body (for example `recipients[1].variables.interviewer_name`).
    #[schema(example = "phase")]
    pub field: String,
    /// What is wrong with it and what would be accepted.
    #[schema(example = "unknown value `soon`; allowed: `before`, `during`, `after`")]
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// An RFC 9457 problem details body, as every 4xx and 5xx answer carries it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemDetails {
    /// A URI reference naming the problem type; it is `/problems#` followed by the code.
    #[serde(rename = "type")]
    #[schema(example = "/problems#not_found")]
    pub problem_type: String,
    /// A short summary of the problem type; the same for every occurrence.
    #[schema(example = "Item not found")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 404)]
    pub status: u16,
    /// What went wrong with this request, in a sentence a person can act on.
    #[schema(example = "No stage has the id `second-intervew`. Closest ids: `second-interview`.")]
    pub detail: String,
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Every problem with a named parameter or field, when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The closest existing ids, for an unknown id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// Every way a request can fail; each variant maps to one [`ErrorCode`].
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// No item of `collection` has `id`.
    #[error("No {collection} has the id `{id}`.")]
    NotFound {
        /// The kind of item looked for, singular (`stage`, `tip`, …).
        collection: String,
        /// The id asked for, shortened for display.
        id: String,
        /// The closest existing ids.
        suggestions: Vec<String>,
    },
    /// A well-formed occupation code that no group of its classification contains.
    #[error("No occupation group matches the code `{code}`.")]
    UnknownOccupation {
        /// The parameter that carried the code.
        parameter: &'static str,
        /// The code, shortened for display.
        code: String,
    },
    /// The `Accept` header admits none of the answer's media types.
    #[error("This operation answers {0}; the Accept header admits none of them.")]
    NotAcceptable(String),
    /// No route has this path.
    #[error("No route matches `{0}`. The index at `/` lists every route.")]
    RouteNotFound(String),
    /// The route exists with other methods.
    #[error("`{method}` is not allowed on `{path}`; allowed: {allowed}.")]
    MethodNotAllowed {
        /// The method used.
        method: Method,
        /// The path asked for.
        path: String,
        /// The methods the path accepts, for the `Allow` header and the detail.
        allowed: String,
    },
    /// Query parameters are unknown, repeated, malformed or out of range.
    #[error("{}", summary(.0))]
    InvalidQuery(Vec<FieldError>),
    /// The JSON body cannot be read.
    #[error("{0}")]
    InvalidBody(String, Vec<FieldError>),
    /// The body is not JSON.
    #[error("The request body must be `application/json`.")]
    UnsupportedMediaType,
    /// The body is over the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// Values break the operation's rules.
    #[error("{}", summary(.0))]
    ValidationFailed(Vec<FieldError>),
    /// Anything else actix-web rejected at the HTTP level.
    #[error("{0}")]
    BadRequest(String),
    /// The body did not arrive in time.
    #[error("{0}")]
    RequestTimeout(String),
    /// The query string is over the limit.
    #[error("{0}")]
    UriTooLong(String),
    /// The headers are over the limit.
    #[error("{0}")]
    HeadersTooLarge(String),
    /// The service cannot take requests now.
    #[error("{0}")]
    NotReady(String),
    /// A bug or an unexpected failure; the detail never leaks internals.
    #[error("The service failed to answer this request. It has been logged with its request id.")]
    Internal,
}

fn summary(errors: &[FieldError]) -> String {
    match errors {
        [one] => format!("`{}`: {}", one.field, one.message),
        many => format!(
            "{} problems: {}.",
            many.len(),
            many.iter().map(|e| format!("`{}`", e.field)).collect::<Vec<_>>().join(", ")
        ),
    }
}

impl ApiError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound { .. } | Self::UnknownOccupation { .. } => ErrorCode::NotFound,
            Self::RouteNotFound(_) => ErrorCode::RouteNotFound,
            Self::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Self::NotAcceptable(_) => ErrorCode::NotAcceptable,
            Self::InvalidQuery(_) => ErrorCode::InvalidQuery,
            Self::InvalidBody(..) => ErrorCode::InvalidBody,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            Self::ValidationFailed(_) => ErrorCode::ValidationFailed,
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::RequestTimeout(_) => ErrorCode::RequestTimeout,
            Self::UriTooLong(_) => ErrorCode::UriTooLong,
            Self::HeadersTooLarge(_) => ErrorCode::HeadersTooLarge,
            Self::NotReady(_) => ErrorCode::NotReady,
            Self::Internal => ErrorCode::InternalError,
        }
    }

    /// An unknown id among `items`, with the closest existing ids as suggestions.
    pub fn not_found<T: Registered>(id: &str, items: &[T]) -> Self {
        Self::NotFound {
            collection: T::noun(),
            id: shorten(id),
            suggestions: closest(id, items.iter().map(Item::id), 3),
        }
    }

    /// `found`, or a 404 naming `id` with suggestions from `items`.
    pub fn or_not_found<'a, T: Registered>(found: Option<&'a T>, id: &str, items: &[T]) -> Result<&'a T, Self> {
        found.ok_or_else(|| Self::not_found(id, items))
    }

    /// One query parameter the operation cannot use, and why.
    pub fn parameter(name: &str, message: impl Into<String>) -> Self {
        Self::InvalidQuery(vec![FieldError::new(name, message)])
    }

    /// A role scope that cannot be used: a malformed code is a bad parameter (400), a code in
    /// no group is not found (404).
    pub fn scope(error: ScopeError) -> Self {
        let code = shorten(&error.code);
        match error.kind {
            CodeError::Malformed => Self::InvalidQuery(vec![FieldError::new(
                error.parameter,
                format!("`{code}` is not an occupation code; give {CODE_FORMS}"),
            )]),
            CodeError::Unknown => Self::UnknownOccupation { parameter: error.parameter, code },
        }
    }

    /// The problem details body of this error.
    pub fn problem(&self) -> ProblemDetails {
        let code = self.code();
        let mut detail = self.to_string();
        let (errors, suggestions) = match self {
            Self::InvalidQuery(errors) | Self::ValidationFailed(errors) | Self::InvalidBody(_, errors) => {
                (errors.clone(), Vec::new())
            }
            Self::UnknownOccupation { parameter, code } => (
                vec![FieldError::new(
                    *parameter,
                    format!("`{code}` is in no SOC 2018 or ISCO-08 group the service maps"),
                )],
                Vec::new(),
            ),
            Self::NotFound { suggestions, .. } => {
                if !suggestions.is_empty() {
                    let list = suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
                    detail = format!("{detail} Closest ids: {list}.");
                }
                (Vec::new(), suggestions.clone())
            }
            _ => (Vec::new(), Vec::new()),
        };
        ProblemDetails {
            problem_type: format!("/problems#{}", <&str>::from(code)),
            title: code.title().to_owned(),
            status: code.status().as_u16(),
            detail,
            code,
            errors,
            suggestions,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code().status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = problem_response(&self.problem());
        if let Self::MethodNotAllowed { allowed, .. } = self
            && let Ok(value) = HeaderValue::from_str(allowed)
        {
            response.headers_mut().insert(header::ALLOW, value);
        }
        response
    }
}

/// A problem details answer with the status the body names.
fn problem_response(problem: &ProblemDetails) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .body(serde_json::to_vec(problem).unwrap_or_default())
}

/// Turns an error answer that is not already problem details — actix-web's own 4xx and 5xx,
/// an empty 500 from a failed extractor, a CORS refusal — into problem details with the same status.
pub fn as_problem(response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return response;
    }
    let error = match status {
        StatusCode::NOT_FOUND => ApiError::RouteNotFound(shorten(response.request().path())),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge("The request body is larger than this operation accepts.".to_owned())
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
        status if status.is_client_error() => ApiError::BadRequest(format!(
            "The request was rejected: {}.",
            status.canonical_reason().unwrap_or("client error")
        )),
        _ => {
            log::error!(
                "{} {} answered {status} without problem details",
                response.request().method(),
                response.request().path()
            );
            ApiError::Internal
        }
    };
    let mut problem = error.problem();
    if problem.status != status.as_u16() {
        problem.status = status.as_u16();
        problem.title = status.canonical_reason().unwrap_or("Error").to_owned();
    }
    response.into_response(problem_response(&problem))
}
