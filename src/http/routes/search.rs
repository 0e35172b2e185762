//! `/v1/search`: ranked full-text search over all content.

use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa::IntoParams;

use crate::content::ItemType;
use crate::content::search::{MAX_HITS, MAX_QUERY_CHARS, SearchError, SearchResults};
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, FieldError};
use crate::http::query::{QueryParams, QueryString, Strict};
use crate::http::respond::content;
use crate::http::state::AppState;

/// Parameters of a search.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for: 1 to 200 characters, at least one a letter or digit; plain words, not query syntax. Words are stemmed (`prepared` finds `preparation`) and one typo per word is forgiven.
    #[param(min_length = 1, max_length = 200, pattern = r"[\p{L}\p{N}]", example = "thank you note")]
    pub q: String,
    /// Only items of this type.
    #[param(rename = "type", inline)]
    pub item_type: Option<ItemType>,
    /// Most hits to answer, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50, default = 10, example = 10)]
    pub limit: Option<u64>,
}

impl QueryParams for SearchParams {
    const NAMES: &'static [&'static str] = &["q", "type", "limit"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let q = query.text("q", 1, MAX_QUERY_CHARS, errors);
        Self {
            q: query.required("q", q, errors),
            item_type: query.choice("type", errors),
            limit: query.integer("limit", 1, MAX_HITS as u64, errors),
        }
    }
}

/// Search all content
///
/// Ranked full-text search over every collection (stages, outcomes, tips, questions,
/// templates, formats, role families, sources), with a highlighted snippet per hit. Items
/// matching every word rank first.
#[utoipa::path(
    tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "The hits, best first.", body = SearchResults, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/search")]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Strict<SearchParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.0;
    let q = params.q;
    let limit = params.limit.unwrap_or(10) as usize;
    match state.search.search(&q, params.item_type, limit) {
        Ok(results) => content(&req, &state, &results),
        Err(SearchError::Internal(message)) => {
            log::error!("search for {q:?} failed: {message}");
            Err(ApiError::Internal)
        }
        Err(error) => Err(ApiError::parameter("q", error.to_string())),
    }
}
