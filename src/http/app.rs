//! The one place the actix-web application is assembled, for the server and for the spec.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::{Logger, Next, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::{Config, SwaggerUi};

use super::docs::ApiDoc;
use super::error::{ApiError, problem_fallback, shorten};
use super::request_id::request_id;
use super::routes;
use super::state::AppState;

/// Access log format: the request id first, so a log line can be matched to a client report.
const ACCESS_LOG: &str = r#"%{x-request-id}o %a "%r" %s %b %Dms"#;

/// Largest JSON body accepted (render requests are a few KiB at most).
pub const JSON_LIMIT: usize = 64 * 1024;

/// Registers every documented operation; the spec is collected from exactly these calls.
fn register(cfg: &mut ServiceConfig) {
    cfg.service(routes::service::index)
        .service(routes::service::healthz)
        .service(routes::service::readyz)
        .service(routes::service::openapi_json)
        .service(
            scope::scope("/v1")
                .service(routes::stages::list_stages)
                .service(routes::stages::get_stage)
                .service(routes::stages::get_stage_kit)
                .service(routes::outcomes::list_outcomes)
                .service(routes::outcomes::get_outcome)
                .service(routes::tips::list_tips)
                .service(routes::tips::get_tip)
                .service(routes::questions::list_questions)
                .service(routes::questions::get_question)
                .service(routes::templates::list_templates)
                .service(routes::templates::get_template)
                .service(routes::templates::render_template)
                .service(routes::odds::odds)
                .service(routes::plan::plan)
                .service(routes::search::search)
                .service(routes::sources::list_sources)
                .service(routes::sources::get_source)
                .service(routes::service::meta),
        );
}

/// The OpenAPI document of every registered operation.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, spec) = App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(register).split_for_parts();
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
    let (app, _) = App::new().into_utoipa_app().app_data(state).configure(register).split_for_parts();
    app.app_data(web::JsonConfig::default().limit(JSON_LIMIT).error_handler(|error, _| json_error(error).into()))
        .service(web::redirect("/docs", "/docs/"))
        .service(SwaggerUi::new("/docs/{_:.*}").config(Config::from("/openapi.json")))
        .default_service(web::to(unmatched))
        .wrap(from_fn(problem_fallback))
        .wrap(from_fn(head_as_get))
        .wrap(from_fn(request_id))
        .wrap(Logger::new(ACCESS_LOG))
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

/// Answers HEAD like GET; actix-web leaves the body out of HEAD answers by itself.
async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}

fn json_error(error: actix_web::error::JsonPayloadError) -> ApiError {
    use actix_web::error::JsonPayloadError as E;
    match error {
        E::ContentType => ApiError::UnsupportedMediaType,
        E::Overflow { limit } | E::OverflowKnownLength { limit, .. } => {
            ApiError::PayloadTooLarge(format!("The request body is larger than the limit of {limit} bytes."))
        }
        E::Deserialize(error) => {
            ApiError::InvalidBody(format!("The body is not valid JSON for this operation: {error}."))
        }
        other => ApiError::InvalidBody(format!("The body could not be read: {other}.")),
    }
}
