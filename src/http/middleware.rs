//! The one middleware around every request, doing in a single pass what each answer needs:
//! the request id (taken from the client when sane, generated otherwise), HEAD answered as
//! GET, the size limits (414, 431), problem details for any error answer that lacks them,
//! metrics, security headers, and the last line of defence against panics.
//!
//! Written as a `Transform` with its own future rather than with `from_fn`: nothing is boxed
//! per request, the state is held by each worker's middleware instead of looked up per
//! request, and each worker records metrics through its own handles.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, Uri};
use actix_web::{HttpResponse, ResponseError, web};
use futures_util::FutureExt;
use futures_util::future::{CatchUnwind, Ready, ready};
use pin_project_lite::pin_project;

use super::error::{ApiError, as_problem};
use super::limits;
use super::metrics::Recorder;
use super::state::AppState;

/// The header that carries the request id both ways.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client-given id that is kept; longer ones are replaced.
const MAX_ID_LEN: usize = 128;

/// Headers every answer carries unless a handler set them, each value checked once, when
/// compiled. The Content-Security-Policy: JSON needs nothing, and Swagger UI at `/docs/` loads
/// only its own scripts and styles (its styles set inline attributes).
const SECURITY_HEADERS: [(HeaderName, HeaderValue); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    ),
    (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
];

/// A new request id: a random UUID (v4) from a thread-local generator, written into a stack
/// buffer rather than formatted through a `String`, so the header value is the only allocation.
fn generated_id() -> HeaderValue {
    let mut buffer = uuid::Uuid::encode_buffer();
    let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
    HeaderValue::from_str(text).expect("a UUID is a valid header value")
}

fn acceptable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

fn finish_headers(headers: &mut HeaderMap, id: HeaderValue) {
    headers.insert(X_REQUEST_ID, id);
    for (name, value) in SECURITY_HEADERS {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
}

/// A handler panicked: answered 500 problem details carrying the request id. The worker
/// thread survives because the panic is caught here rather than unwinding through actix.
#[derive(Debug, thiserror::Error)]
#[error("a handler panicked")]
pub struct Panicked(HeaderValue);

impl ResponseError for Panicked {
    fn status_code(&self) -> actix_web::http::StatusCode {
        ApiError::Internal.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = ApiError::Internal.error_response();
        finish_headers(response.headers_mut(), self.0.clone());
        response
    }
}

/// The middleware around every request; see the module documentation.
pub struct Envelope {
    state: web::Data<AppState>,
}

impl Envelope {
    /// The middleware for an application serving `state`.
    pub fn new(state: web::Data<AppState>) -> Self {
        Self { state }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Envelope
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = actix_web::Error;
    type Transform = EnvelopeService<S>;
    type InitError = ();
    type Future = Ready<Result<EnvelopeService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        let worker = Worker { recorder: self.state.metrics.recorder(), state: self.state.clone() };
        ready(Ok(EnvelopeService { service, worker: Rc::new(worker) }))
    }
}

/// What one worker's middleware keeps: the state and its own metric handles.
struct Worker {
    state: web::Data<AppState>,
    recorder: Recorder,
}

impl Worker {
    fn record(&self, method: &Method, resource: Option<&str>, status: u16, started: Instant) {
        let seconds = started.elapsed().as_secs_f64();
        self.recorder.record(&self.state.metrics, method, resource, status, seconds);
    }
}

/// One worker's middleware around the application.
pub struct EnvelopeService<S> {
    service: S,
    worker: Rc<Worker>,
}

impl<S, B> Service<ServiceRequest> for EnvelopeService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = actix_web::Error;
    type Future = Answer<S::Future>;

    forward_ready!(service);

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let started = Instant::now();
        let id = match req.headers().get(&X_REQUEST_ID) {
            Some(value) if acceptable(value) => value.clone(),
            _ => generated_id(),
        };
        let method = req.method().clone();
        if method == Method::HEAD {
            // actix-web leaves the body out of HEAD answers by itself.
            req.head_mut().method = Method::GET;
        }
        // A `Uri` clone shares its bytes: no allocation on every request for a log line only a panic needs.
        let uri = req.uri().clone();
        let exchange = Exchange { id: Some(id), method, uri, started, worker: Rc::clone(&self.worker) };
        match limits::check(&req, &self.worker.state.limits) {
            Some(error) => {
                let (request, _) = req.into_parts();
                let refused = ServiceResponse::new(request, error.error_response());
                Answer { inner: None, refused: Some(refused), exchange }
            }
            None => {
                Answer { inner: Some(AssertUnwindSafe(self.service.call(req)).catch_unwind()), refused: None, exchange }
            }
        }
    }
}

/// What the way out needs to know about the request.
struct Exchange {
    id: Option<HeaderValue>,
    method: Method,
    uri: Uri,
    started: Instant,
    worker: Rc<Worker>,
}

impl Exchange {
    fn id(&mut self) -> HeaderValue {
        self.id.take().expect("an answer is finished once")
    }

    /// The answer with problem details, metrics and headers.
    fn finish(&mut self, response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
        let mut response = as_problem(response);
        let status = response.status().as_u16();
        self.worker.record(&self.method, response.request().match_name(), status, self.started);
        finish_headers(response.headers_mut(), self.id());
        response
    }

    /// A caught panic, logged with the request id and counted as a 500.
    fn panicked(&mut self, panic: Box<dyn std::any::Any + Send>) -> actix_web::Error {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let id = self.id();
        log::error!(
            "{} panic while answering {} {}: {message}",
            id.to_str().unwrap_or_default(),
            self.method,
            self.uri.path()
        );
        self.worker.record(&self.method, None, 500, self.started);
        Panicked(id).into()
    }
}

pin_project! {
    /// The answer to one request: the application's, caught if it panics, or the refusal of
    /// a request over the size limits; finished on the way out.
    pub struct Answer<F> {
        #[pin]
        inner: Option<CatchUnwind<AssertUnwindSafe<F>>>,
        refused: Option<ServiceResponse<BoxBody>>,
        exchange: Exchange,
    }
}

impl<F, B> Future for Answer<F>
where
    F: Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<BoxBody>, actix_web::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = match this.inner.as_pin_mut() {
            None => this.refused.take().expect("a refusal is answered once"),
            Some(inner) => match futures_util::ready!(inner.poll(cx)) {
                Ok(answer) => answer?.map_into_boxed_body(),
                Err(panic) => return Poll::Ready(Err(this.exchange.panicked(panic))),
            },
        };
        Poll::Ready(Ok(this.exchange.finish(response)))
    }
}
