//! Every operation of the API, registered in one table ([`configure`]); each module holds
//! one resource's handlers with their OpenAPI annotations.

use utoipa_actix_web::scope::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod collections;
pub mod occupations;
pub mod odds;
pub mod plan;
pub mod search;
pub mod service;
pub mod stages;
pub mod templates;

/// The route table: every documented operation, by path. The spec is collected from exactly
/// these registrations.
///
/// actix-web tries routes in the order they are registered, so the collections (most
/// requests) come first, each in its own scope: an item request meets only its own
/// collection's patterns.
pub fn configure(cfg: &mut ServiceConfig) {
    use collections::*;
    cfg.service(scope("/v1/stages").service(list_stages).service(get_stage).service(stages::get_stage_kit))
        .service(scope("/v1/outcomes").service(list_outcomes).service(get_outcome))
        .service(scope("/v1/tips").service(list_tips).service(get_tip))
        .service(scope("/v1/questions").service(list_questions).service(get_question))
        .service(
            scope("/v1/templates").service(list_templates).service(get_template).service(templates::render_template),
        )
        .service(scope("/v1/formats").service(list_formats).service(get_format))
        .service(scope("/v1/role-families").service(list_role_families).service(get_role_family))
        .service(scope("/v1/sources").service(list_sources).service(get_source))
        .service(
            scope("/v1")
                .service(odds::odds)
                .service(plan::plan)
                .service(search::search)
                .service(service::meta)
                .service(occupations::resolve_occupation),
        )
        .service(service::index)
        .service(service::healthz)
        .service(service::readyz)
        .service(service::openapi_json)
        .service(service::metrics);
}
