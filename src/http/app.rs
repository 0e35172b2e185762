//! The one place the actix-web application is assembled, for the server and for the spec.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Condition, Logger, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use super::docs::ApiDoc;
use super::error::{ApiError, shorten};
use super::layers::{catch, cors, head, headers, limits, metrics, problem, request_id};
use super::routes;
use super::state::AppState;
use crate::content::Content;

/// Access log format: the request id first, so a log line can be matched to a client report.
const ACCESS_LOG: &str = r#"%{x-request-id}o %a "%r" %s %b %Dms"#;

/// The OpenAPI document of every registered operation, completed for `content` (the stage
/// ids a `stage` filter accepts) and with the answers every operation can give.
pub fn openapi(content: &Content) -> utoipa::openapi::OpenApi {
    let (_, mut spec) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(routes::configure).split_for_parts();
    super::docs::complete(&mut spec, content);
    spec
}

/// The application every worker runs.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (limits, counted, origins) =
        (state.limits, metrics::WorkerSeries::new(state.clone()), state.cors_origins.clone());
    let (app, _) = App::new().into_utoipa_app().app_data(state).configure(routes::configure).split_for_parts();
    let app = app
        .service(web::redirect("/docs", "/docs/"))
        .service(SwaggerUi::new("/docs/{_:.*}").config(Config::from("/openapi.json")));
    #[cfg(test)]
    let app = app.service(tests::failures());
    // The layers a request passes, numbered from the outside in. actix runs the last `.wrap`
    // first, so they are listed innermost first, right after the routes they surround.
    app.default_service(web::to(unmatched))
        // 9. HEAD routed as GET; actix-http leaves the body out.
        .wrap(from_fn(head::answer_as_get))
        // 8. CORS decisions (actix-cors): preflights, listed origins.
        .wrap(cors::policy(&origins))
        // 7. 414 / 431 before routing.
        .wrap(from_fn(move |req, next| limits::refuse_oversized(limits, req, next)))
        // 6. A panic or an inner `Err` becomes an answer, so the layers outside finish it.
        .wrap(from_fn(catch::answer_failures))
        // 5. Any error answer without problem details gets them.
        .wrap(problem::details())
        // 4. Security headers, exposed headers, and `Access-Control-Allow-Origin: *` for any origin.
        .wrap(headers::defaults(&origins))
        // 3. The client's sane `X-Request-Id` or a fresh one, on the request and the answer.
        .wrap(from_fn(request_id::propagate))
        // 2. Every answer counted by method, route pattern and status.
        .wrap(from_fn(move |req, next| metrics::count(counted.clone(), req, next)))
        // 1. The access log, when the log level keeps it.
        .wrap(Condition::new(access_log_enabled(), Logger::new(ACCESS_LOG)))
}

/// Whether the log level lets access-log lines through; when it does not, the logger is not
/// in the chain at all rather than formatting lines nobody keeps.
fn access_log_enabled() -> bool {
    log::log_enabled!(target: "actix_web::middleware::logger", log::Level::Info)
}

/// What no route matched: 405 when the path exists with other methods, else 404.
async fn unmatched(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Err(match state.allowed_methods(req.path()) {
        Some(allowed) => ApiError::MethodNotAllowed {
            method: req.method().clone(),
            path: shorten(req.path()),
            allowed: allowed.to_owned(),
        },
        None => ApiError::RouteNotFound(shorten(req.path())),
    })
}

#[cfg(test)]
mod tests {
    use actix_web::body::MessageBody;
    use actix_web::dev::{HttpServiceFactory, ServiceRequest, ServiceResponse};
    use actix_web::middleware::{Next, from_fn};
    use actix_web::{HttpResponse, web};

    use crate::settings::Settings;
    use crate::startup::Application;

    /// The whole body of the answer to a failure.
    fn internal_error() -> serde_json::Value {
        serde_json::json!({
            "type": "/problems#internal_error",
            "title": "Internal error",
            "status": 500,
            "detail": "The service failed to answer this request. It has been logged with its request id.",
            "code": "internal_error"
        })
    }

    /// Routes that fail: `/__test/panic` panics, and `/__test/error` meets a middleware that
    /// fails with `Err` instead of answering, as a middleware might.
    pub(super) fn failures() -> impl HttpServiceFactory {
        web::scope("/__test").wrap(from_fn(fail_when_asked)).route("/panic", web::get().to(deliberate_panic))
    }

    async fn deliberate_panic() -> HttpResponse {
        panic!("deliberate panic to prove the worker survives")
    }

    async fn fail_when_asked<B: MessageBody>(
        req: ServiceRequest,
        next: Next<B>,
    ) -> Result<ServiceResponse<B>, actix_web::Error> {
        if req.path() == "/__test/error" {
            return Err(actix_web::error::ErrorInternalServerError("deliberate inner failure"));
        }
        next.call(req).await
    }

    /// The base URL of a one-worker server running in this test.
    fn serve() -> String {
        let env = [("SIA__SERVER__PORT", "0"), ("SIA__SERVER__WORKERS", "1")];
        let settings = Settings::load_from(None, env.map(|(k, v)| (k.to_owned(), v.to_owned()))).unwrap();
        let app = Application::build(&settings).unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        actix_web::rt::spawn(app.run_until_stopped());
        base
    }

    /// Asserts `response` is the whole answer to a failure: 500 problem details with the
    /// request id `id`, the security headers and the CORS header.
    async fn assert_answered_failure(response: reqwest::Response, id: &str) {
        assert_eq!(response.status(), 500);
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(headers["x-request-id"], id);
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(headers["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'"));
        assert_eq!(headers["access-control-allow-origin"], "*");
        assert_eq!(headers["access-control-expose-headers"], "etag, x-request-id");
        assert_eq!(response.json::<serde_json::Value>().await.unwrap(), internal_error());
    }

    /// The `http_requests_total` sample of unmatched GETs answered 500.
    async fn failures_counted(client: &reqwest::Client, base: &str) -> String {
        let exposition = client.get(format!("{base}/metrics")).send().await.unwrap().text().await.unwrap();
        let series = r#"http_requests_total{method="GET",route="unmatched",status="500"} "#;
        exposition.lines().find_map(|line| line.strip_prefix(series)).unwrap_or("none").to_owned()
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_500_and_the_worker_keeps_serving() {
        let base = serve();
        let client = reqwest::Client::new();
        for _ in 0..3 {
            let response =
                client.get(format!("{base}/__test/panic")).header("x-request-id", "panic-1").send().await.unwrap();
            assert_eq!(response.status(), 500);
            assert_eq!(response.headers()["content-type"], "application/problem+json");
            assert_eq!(response.headers()["x-request-id"], "panic-1");
            assert_answered_failure(response, "panic-1").await;
            let health = client.get(format!("{base}/healthz")).send().await.unwrap();
            assert_eq!(health.status(), 200);
        }
        assert_eq!(failures_counted(&client, &base).await, "3");
    }

    /// An inner service that fails with `Err` rather than answering: the server would answer
    /// the error bare; the layers outside must finish it like any answer.
    #[actix_web::test]
    async fn an_inner_err_is_answered_with_id_headers_problem_details_and_counted() {
        let base = serve();
        let client = reqwest::Client::new();
        for attempt in 1..=3 {
            let id = format!("err-{attempt}");
            let response = client.get(format!("{base}/__test/error")).header("x-request-id", &id).send().await.unwrap();
            assert_answered_failure(response, &id).await;
        }
        let response = client.get(format!("{base}/__test/error")).send().await.unwrap();
        let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 4, "a generated id: {id}");
        assert_answered_failure(response, &id).await;
        assert_eq!(failures_counted(&client, &base).await, "4");
    }
}
