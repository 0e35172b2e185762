//! `/v1/odds`: the chance of an offer from the finalist-pool figures.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::Seniority;
use crate::content::odds::{Estimate, MAX_FINALISTS, OddsQuery};
use crate::content::params::params;
use crate::http::docs::InvalidQuery;
use crate::http::error::ApiError;
use crate::http::query::Strict;
use crate::http::respond::computed_json;
use crate::http::state::AppState;

params! {
    /// Parameters of the odds estimate.
    #[derive(Debug)]
    pub struct OddsParams {
        /// Finalists invited to a second interview, you included (2 to 1000). Without it, the range comes from the documents' pool figures.
        #[param(minimum = 2, maximum = 1000, example = 4)]
        pub finalists: Option<u32> = integer(2, MAX_FINALISTS.into()),
        /// How many people will be hired (default 1): fewer than `finalists`, or without it fewer than the smallest pool for the seniority (4 standard, 3 senior), so the estimate never claims certainty.
        #[param(minimum = 1, maximum = 1000, default = 1, example = 1)]
        pub openings: Option<u32> = integer(1, MAX_FINALISTS.into()),
        /// The kind of role, which picks the pool figures when `finalists` is not given (default `standard`).
        #[param(inline)]
        pub seniority: Option<Seniority> = choice,
    }
}

/// Estimate the odds of an offer
///
/// `probability = openings / finalists`. With `finalists`, a point estimate; without, a
/// low–high range from the documents' finalist-pool figures for the seniority (a typical
/// pool of you plus three to five others gives 1/6 to 1/4). Always with the formula, the
/// assumptions and the sources.
#[utoipa::path(
    tag = "odds",
    params(OddsParams),
    responses(
        (status = 200, description = "The estimate.", body = Estimate, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/odds")]
pub async fn odds(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Strict<OddsParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.0;
    let query = OddsQuery {
        finalists: params.finalists,
        openings: params.openings.unwrap_or(1),
        seniority: params.seniority.unwrap_or(Seniority::Standard),
    };
    let odds = &state.content.odds;
    computed_json(&req, &state, || {
        odds.estimate(query).map_err(|error| ApiError::parameter(error.parameter, error.message))
    })
}
