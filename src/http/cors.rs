//! CORS for browsers, cheap for everyone else. actix-cors decides what needs deciding: preflights,
//! and requests that carry an `Origin` when only listed origins are allowed. Every other answer
//! gets the same few pre-built headers without entering actix-cors, whose answers are boxed
//! futures and whose checks are per request.
//!
//! With the default policy (any origin) every answer, with an `Origin` or without, carries
//! `Access-Control-Allow-Origin: *`: a shared cache in front of the service may hand an answer
//! fetched without `Origin` to a browser's cross-origin request, and it must work there too.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_cors::{Cors, CorsMiddleware};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, header::HeaderName};
use futures_util::future::{Either, LocalBoxFuture};
use pin_project_lite::pin_project;

/// Request headers a browser's client code may send.
const ALLOWED_HEADERS: [HeaderName; 4] =
    [header::CONTENT_TYPE, header::ACCEPT, header::IF_NONE_MATCH, super::middleware::X_REQUEST_ID];

/// Answer headers a browser's client code may read: the one list, which actix-cors is also
/// given, so the answers it decides and the ones it does not expose the same headers.
const EXPOSED: HeaderValue = HeaderValue::from_static("etag, x-request-id");

/// What every origin is allowed when any origin is.
const ANY_ORIGIN: HeaderValue = HeaderValue::from_static("*");

/// The request headers an answer varies on when only listed origins are allowed, as actix-cors
/// lists them.
const VARY_ON_CORS: &str = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// The CORS policy: any origin without credentials, or only the listed ones.
pub struct CorsPolicy {
    cors: Cors,
    any_origin: bool,
}

impl CorsPolicy {
    /// The policy for `origins` (`*` among them allows any origin).
    pub fn new(origins: &[String]) -> Self {
        let any_origin = origins.iter().any(|origin| origin == "*");
        let cors = Cors::default()
            .allowed_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
            .allowed_headers(ALLOWED_HEADERS)
            .expose_headers(EXPOSED.to_str().expect("the exposed headers are ASCII").split(", "))
            .max_age(86_400);
        let cors = if any_origin {
            cors.allow_any_origin().send_wildcard().disable_vary_header()
        } else {
            origins.iter().fold(cors, |cors, origin| cors.allowed_origin(origin))
        };
        Self { cors, any_origin }
    }
}

/// The wrapped service, shared between actix-cors and the short-cut past it.
pub struct Shared<S> {
    service: Rc<S>,
}

impl<S: Service<ServiceRequest>> Service<ServiceRequest> for Shared<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        self.service.call(req)
    }
}

impl<S, B> Transform<S, ServiceRequest> for CorsPolicy
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = CorsService<S>;
    type InitError = ();
    type Future = LocalBoxFuture<'static, Result<CorsService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        let service = Rc::new(service);
        let deciding = self.cors.new_transform(Shared { service: Rc::clone(&service) });
        let any_origin = self.any_origin;
        Box::pin(async move { Ok(CorsService { service, cors: deciding.await?, any_origin }) })
    }
}

/// One worker's CORS middleware; see the module documentation.
pub struct CorsService<S> {
    service: Rc<S>,
    cors: CorsMiddleware<Shared<S>>,
    any_origin: bool,
}

impl<S, B> Service<ServiceRequest> for CorsService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Either<WithCorsHeaders<S::Future>, LocalBoxFuture<'static, Result<Self::Response, Self::Error>>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let headers = req.headers();
        let preflight = req.method() == Method::OPTIONS && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        if preflight || (!self.any_origin && headers.contains_key(header::ORIGIN)) {
            return Either::Right(self.cors.call(req));
        }
        Either::Left(WithCorsHeaders { future: self.service.call(req), any_origin: self.any_origin })
    }
}

pin_project! {
    /// An answer that needs no CORS decision, on its way out to get the fixed headers.
    pub struct WithCorsHeaders<F> {
        #[pin]
        future: F,
        any_origin: bool,
    }
}

impl<F, B> Future for WithCorsHeaders<F>
where
    F: Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = futures_util::ready!(this.future.poll(cx))?;
        add_fixed_headers(response.headers_mut(), *this.any_origin);
        Poll::Ready(Ok(response.map_into_left_body()))
    }
}

/// What actix-cors would add to an answer that needed no decision, plus `*` for any origin.
fn add_fixed_headers(headers: &mut HeaderMap, any_origin: bool) {
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    if any_origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
        return;
    }
    let vary = match headers.get(header::VARY) {
        Some(existing) => {
            let mut value = existing.as_bytes().to_vec();
            value.extend_from_slice(b", ");
            value.extend_from_slice(VARY_ON_CORS.as_bytes());
            HeaderValue::from_bytes(&value).expect("a valid value joined to a valid value is valid")
        }
        None => HeaderValue::from_static(VARY_ON_CORS),
    };
    headers.insert(header::VARY, vary);
}
