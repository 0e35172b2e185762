//! The one place the actix-web application is assembled, for the server and for the spec.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Condition, Logger};
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use super::cors::CorsPolicy;
use super::docs::ApiDoc;
use super::error::{ApiError, shorten};
use super::middleware::Envelope;
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
    let cors = CorsPolicy::new(&state.cors_origins);
    let envelope = Envelope::new(state.clone());
    let (app, _) = App::new().into_utoipa_app().app_data(state).configure(routes::configure).split_for_parts();
    let app = app
        .service(web::redirect("/docs", "/docs/"))
        .service(SwaggerUi::new("/docs/{_:.*}").config(Config::from("/openapi.json")));
    #[cfg(test)]
    let app = app.route("/__test/panic", web::get().to(deliberate_panic));
    app.default_service(web::to(unmatched))
        .wrap(cors)
        .wrap(envelope)
        .wrap(Condition::new(access_log_enabled(), Logger::new(ACCESS_LOG)))
}

#[cfg(test)]
async fn deliberate_panic() -> HttpResponse {
    panic!("deliberate panic to prove the worker survives")
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
    use crate::settings::Settings;
    use crate::startup::Application;

    #[actix_web::test]
    async fn a_panicking_handler_answers_500_and_the_worker_keeps_serving() {
        let env = [("SIA__SERVER__PORT", "0"), ("SIA__SERVER__WORKERS", "1")];
        let settings = Settings::load_from(None, env.map(|(k, v)| (k.to_owned(), v.to_owned()))).unwrap();
        let app = Application::build(&settings).unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        actix_web::rt::spawn(app.run_until_stopped());
        let client = reqwest::Client::new();
        for _ in 0..3 {
            let response =
                client.get(format!("{base}/__test/panic")).header("x-request-id", "panic-1").send().await.unwrap();
            assert_eq!(response.status(), 500);
            assert_eq!(response.headers()["content-type"], "application/problem+json");
            assert_eq!(response.headers()["x-request-id"], "panic-1");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(
                body,
                serde_json::json!({
                    "type": "/problems#internal_error",
                    "title": "Internal error",
                    "status": 500,
                    "detail": "The service failed to answer this request. It has been logged with its request id.",
                    "code": "internal_error"
                })
            );
            let health = client.get(format!("{base}/healthz")).send().await.unwrap();
            assert_eq!(health.status(), 200);
        }
    }
}
