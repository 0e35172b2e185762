//! `/v1/occupations/resolve`: what the service understands of a listing's occupation code or
//! job title, so an integrator can check a mapping before relying on it.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::content::Resolution;
use crate::content::params::{ParamSource, params};
use crate::content::role_family::ScopeError;
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, ProblemDetails};
use crate::http::query::Strict;
use crate::http::respond::computed_json;
use crate::http::state::AppState;

params! {
    /// What to resolve: exactly one of `code` and `job_title`.
    #[derive(Debug)]
    pub struct ResolveParams {
        /// An occupation code: an O*NET-SOC code (`15-1252.00`), a SOC 2018 code or group (`15-1252`, `15-1250`, `15-1200`, `15-0000`), or an ISCO-08 code of one to four digits (`2512`). The longest group containing it decides.
        #[param(example = "15-1252.00", max_length = 10, pattern = r"^(\d{2}-\d{4}(\.\d{2})?|\d{1,4})$")]
        pub code: Option<String> = code,
        /// A job title as a listing gives it (`Sr. Account Executive II`): case, punctuation and seniority words are ignored, and the longest known phrase in it decides.
        #[param(example = "Senior Account Executive", min_length = 1, max_length = 200)]
        pub job_title: Option<String> = job_title,
    }
    checked_by exactly_one;
}

/// A resolution is of a code or of a title, never both or neither.
fn exactly_one(params: &ResolveParams, source: &mut impl ParamSource) {
    let refused = source.refused("code") || source.refused("job_title");
    if !refused && params.code.is_some() == params.job_title.is_some() {
        source.invalid("code", "give exactly one of `code` and `job_title`");
    }
}

/// Resolve an occupation code or job title
///
/// The role families a listing's occupation code or job title maps to, what matched (a SOC
/// 2018 group, an ISCO-08 group or a title phrase) and its label. A title in which no known
/// phrase is found answers `matched_by: nothing` and the family `any`: the lists then show
/// only advice for any role.
#[utoipa::path(
    tag = "occupations",
    params(ResolveParams),
    responses(
        (status = 200, description = "What the code or title maps to.", body = Resolution, content_type = "application/json"),
        InvalidQuery,
        (status = 404, description = "The code is well formed but in no group the crosswalk maps; `errors` names it.", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/occupations/resolve")]
pub async fn resolve_occupation(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Strict<ResolveParams>,
) -> Result<HttpResponse, ApiError> {
    let map = &state.content.occupations;
    // Reading the parameters guarantees exactly one of them.
    computed_json(&req, &state, || match (params.0.code, params.0.job_title) {
        (Some(code), _) => {
            map.resolve_code(&code).map_err(|kind| ApiError::scope(ScopeError { parameter: "code", code, kind }))
        }
        (None, title) => Ok(map.resolve_title(&title.unwrap_or_default())),
    })
}
