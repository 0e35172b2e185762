//! `/v1/search`: ranked full-text search over all content.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::params::params;
use crate::content::search::{MAX_HITS, MAX_QUERY_CHARS, SearchFilter, SearchResults};
use crate::content::{ItemType, Reference, RoleFamily};
use crate::http::docs::InvalidQuery;
use crate::http::error::ApiError;
use crate::http::listing::check_references;
use crate::http::query::Strict;
use crate::http::respond::computed_json;
use crate::http::state::AppState;

params! {
    /// Parameters of a search.
    #[derive(Debug)]
    pub struct SearchParams {
        /// What to look for: 1 to 200 characters, at least one a letter or digit; plain words, not query syntax. Each word matches its exact form and its English stem (`prepared` finds `preparation`), and with one typo from five letters (two from nine); the last word also matches as the start of a word while it is being typed (`negoti` finds `negotiate`) — end the query with a space to match it whole.
        #[param(min_length = 1, max_length = 200, pattern = r"[\p{L}\p{N}]", example = "thank you note")]
        pub q: String = required_text(1, MAX_QUERY_CHARS),
        /// Only items of this type (`counts` still counts every type).
        #[param(inline)]
        pub item_type ("type"): Option<ItemType> = choice,
        /// Only items for this role family: questions and tips tagged with it or with `any`, and every item not tagged by role.
        #[param(example = "engineering")]
        pub role_family: Option<String> = id,
        /// Most hits to answer, 1 to 50 (default 10).
        #[param(minimum = 1, maximum = 50, default = 10, example = 10)]
        pub limit: Option<u64> = integer(1, MAX_HITS as u64),
    }
}

/// Search all content
///
/// Ranked full-text search over every text field of every collection (stages, outcomes, tips,
/// questions and their example answers, templates, formats, role families, sources), built
/// for a search box: the last word matches as a prefix while it is typed, typos are forgiven,
/// items matching every word rank first, and each hit carries a highlighted snippet. `counts`
/// gives the matches per type, for tabs.
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
    let SearchParams { q, item_type, role_family, limit } = params.0;
    check_references(&state.content, &[Reference::to::<RoleFamily>("role_family", role_family.as_slice())])?;
    let filter = SearchFilter { item_type, role_family };
    let results = || state.search.search(&q, &filter, limit.unwrap_or(10) as usize);
    computed_json(&req, &state, || results().map_err(|error| ApiError::parameter("q", error.to_string())))
}
