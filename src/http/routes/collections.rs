//! The list and item operations of every collection: thin, documented wrappers over the
//! generic [`list_items`] and [`get_item`], one pair per collection, so each operation is a
//! function of its own name (its OpenAPI `operationId`). A collection's own extra operations
//! (the stage kit, template rendering) live in that collection's module.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::{Collection, Item, NoParams, QuestionFilters, TipFilters};
use crate::content::{Format, Outcome, Question, RoleFamily, Source, Stage, Template, Tip};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::ApiError;
use crate::http::list::{Listed, Page, Pagination};
use crate::http::listing::{get_item, list_items};
use crate::http::query::Strict;
use crate::http::state::AppState;

/// What every operation here answers.
type Answer = Result<HttpResponse, ApiError>;

/// Lists stages.
#[utoipa::path(
    tag = "stages",
    summary = "List stages",
    description = Stage::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching stages.", body = Page<Stage>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_stages(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<Stage>(&req, &state, query)
}

/// Lists outcomes.
#[utoipa::path(
    tag = "outcomes",
    summary = "List outcomes",
    description = Outcome::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching outcomes.", body = Page<Outcome>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_outcomes(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<Outcome>(&req, &state, query)
}

/// Lists tips.
#[utoipa::path(
    tag = "tips",
    summary = "List tips",
    description = Tip::DESCRIPTION,
    params(TipFilters, Pagination),
    responses(
        (status = 200, description = "The matching tips.", body = Page<Tip>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_tips(req: HttpRequest, state: web::Data<AppState>, query: Listed<TipFilters>) -> Answer {
    list_items::<Tip>(&req, &state, query)
}

/// Lists questions.
#[utoipa::path(
    tag = "questions",
    summary = "List questions",
    description = Question::DESCRIPTION,
    params(QuestionFilters, Pagination),
    responses(
        (status = 200, description = "The matching questions.", body = Page<Question>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_questions(req: HttpRequest, state: web::Data<AppState>, query: Listed<QuestionFilters>) -> Answer {
    list_items::<Question>(&req, &state, query)
}

/// Lists templates.
#[utoipa::path(
    tag = "templates",
    summary = "List templates",
    description = Template::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching templates.", body = Page<Template>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_templates(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<Template>(&req, &state, query)
}

/// Lists formats.
#[utoipa::path(
    tag = "formats",
    summary = "List formats",
    description = Format::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching formats.", body = Page<Format>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_formats(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<Format>(&req, &state, query)
}

/// Lists role families.
#[utoipa::path(
    tag = "role_families",
    summary = "List role families",
    description = RoleFamily::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching role families.", body = Page<RoleFamily>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_role_families(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<RoleFamily>(&req, &state, query)
}

/// Lists sources.
#[utoipa::path(
    tag = "sources",
    summary = "List sources",
    description = Source::DESCRIPTION,
    params(Pagination),
    responses(
        (status = 200, description = "The matching sources.", body = Page<Source>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_sources(req: HttpRequest, state: web::Data<AppState>, query: Listed<NoParams>) -> Answer {
    list_items::<Source>(&req, &state, query)
}

/// Answers one stage.
#[utoipa::path(
    tag = "stages",
    summary = "Get one stage",
    params(("id" = String, Path, description = "The stage's id.", example = json!(Stage::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The stage.", body = Stage, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_stage(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Stage>(&req, &state, &id)
}

/// Answers one outcome.
#[utoipa::path(
    tag = "outcomes",
    summary = "Get one outcome",
    params(("id" = String, Path, description = "The outcome's id.", example = json!(Outcome::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The outcome.", body = Outcome, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_outcome(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Outcome>(&req, &state, &id)
}

/// Answers one tip.
#[utoipa::path(
    tag = "tips",
    summary = "Get one tip",
    params(("id" = String, Path, description = "The tip's id.", example = json!(Tip::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The tip.", body = Tip, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_tip(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Tip>(&req, &state, &id)
}

/// Answers one question.
#[utoipa::path(
    tag = "questions",
    summary = "Get one question",
    params(("id" = String, Path, description = "The question's id.", example = json!(Question::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The question.", body = Question, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_question(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Question>(&req, &state, &id)
}

/// Answers one template.
#[utoipa::path(
    tag = "templates",
    summary = "Get one template",
    params(("id" = String, Path, description = "The template's id.", example = json!(Template::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The template.", body = Template, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_template(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Template>(&req, &state, &id)
}

/// Answers one format.
#[utoipa::path(
    tag = "formats",
    summary = "Get one format",
    params(("id" = String, Path, description = "The format's id.", example = json!(Format::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The format.", body = Format, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_format(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Format>(&req, &state, &id)
}

/// Answers one role family.
#[utoipa::path(
    tag = "role_families",
    summary = "Get one role family",
    params(("id" = String, Path, description = "The role family's id.", example = json!(RoleFamily::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The role family.", body = RoleFamily, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_role_family(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<RoleFamily>(&req, &state, &id)
}

/// Answers one source.
#[utoipa::path(
    tag = "sources",
    summary = "Get one source",
    params(("id" = String, Path, description = "The source's id.", example = json!(Source::EXAMPLE_ID))),
    responses(
        (status = 200, description = "The source.", body = Source, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_source(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: Strict<NoParams>,
) -> Answer {
    get_item::<Source>(&req, &state, &id)
}
