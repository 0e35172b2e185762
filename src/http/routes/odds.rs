//! `/v1/odds`: the chance of an offer from the finalist-pool figures.

use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa::IntoParams;

use crate::content::Seniority;
use crate::content::odds::{Estimate, MAX_FINALISTS, OddsQuery};
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, FieldError};
use crate::http::query::{QueryParams, QueryString, Strict};
use crate::http::respond::content;
use crate::http::state::AppState;

/// Parameters of the odds estimate.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OddsParams {
    /// Finalists invited to a second interview, you included (2 to 1000). Without it, the range comes from the documents' pool figures.
    #[param(minimum = 2, maximum = 1000, example = 4)]
    pub finalists: Option<u32>,
    /// How many people will be hired (default 1): fewer than `finalists`, or without it fewer than the smallest pool for the seniority (4 standard, 3 senior), so the estimate never claims certainty.
    #[param(minimum = 1, maximum = 1000, default = 1, example = 1)]
    pub openings: Option<u32>,
    /// The kind of role, which picks the pool figures when `finalists` is not given (default `standard`).
    #[param(inline)]
    pub seniority: Option<Seniority>,
}

impl QueryParams for OddsParams {
    const NAMES: &'static [&'static str] = &["finalists", "openings", "seniority"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let max = u64::from(MAX_FINALISTS);
        let count = |name, min, errors: &mut Vec<FieldError>| query.integer(name, min, max, errors).map(|n| n as u32);
        Self {
            finalists: count("finalists", 2, errors),
            openings: count("openings", 1, errors),
            seniority: query.choice("seniority", errors),
        }
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
    content(&req, &state, || odds.estimate(query).map_err(|error| ApiError::parameter(error.parameter, error.message)))
}
