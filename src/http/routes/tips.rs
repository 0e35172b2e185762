//! `/v1/tips`: preparation and conduct advice, filterable by phase, category and stage.

use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa::IntoParams;

use crate::content::{Item, Phase, Tip, TipCategory};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::{ApiError, FieldError};
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, QueryParams, QueryString, Strict};
use crate::http::respond::list;
use crate::http::routes::stages::check_stage_filter;
use crate::http::state::AppState;

/// Filters of the tip list; all given filters must match.
#[derive(Debug, Default, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TipFilters {
    /// Only tips for this phase.
    #[param(inline)]
    pub phase: Option<Phase>,
    /// Only tips of this category.
    #[param(inline)]
    pub category: Option<TipCategory>,
    /// Only tips for the stage with this id.
    #[param(example = "second-interview")]
    pub stage: Option<String>,
}

impl TipFilters {
    fn matches(&self, tip: &Tip) -> bool {
        self.phase.is_none_or(|phase| tip.phase == phase)
            && self.category.is_none_or(|category| tip.category == category)
            && self.stage.as_ref().is_none_or(|stage| tip.stages.contains(stage))
    }
}

impl QueryParams for TipFilters {
    const NAMES: &'static [&'static str] = &["phase", "category", "stage"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        Self {
            phase: query.choice("phase", &["before", "during", "after"], errors),
            category: query.choice(
                "category",
                &[
                    "research",
                    "practice",
                    "storytelling",
                    "questions",
                    "rapport",
                    "presence",
                    "follow-up",
                    "learning",
                    "mindset",
                ],
                errors,
            ),
            stage: query.id("stage", errors),
        }
    }
}

/// List tips
///
/// Advice for before, during and after a second interview, in a stable order.
#[utoipa::path(
    tag = "tips",
    params(TipFilters, Pagination),
    responses(
        (status = 200, description = "The matching tips.", body = Page<Tip>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_tips(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Listed<TipFilters>,
) -> Result<HttpResponse, ApiError> {
    let Listed(filters, pagination) = query;
    check_stage_filter(&state, filters.stage.as_ref())?;
    if filters == TipFilters::default() && pagination == Pagination::DEFAULT {
        return Ok(state.fixed(&req, "/v1/tips"));
    }
    let matching = state.content.tips.iter().zip(&state.pages.tips).filter(|(tip, _)| filters.matches(tip));
    Ok(list(&req, &state, &pagination.page(matching.map(|(_, json)| json))))
}

/// Get one tip
#[utoipa::path(
    tag = "tips",
    params(("id" = String, Path, description = "The tip's id.", example = "use-star-method")),
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
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Tip::KIND, &id, &state.content.tips)
}
