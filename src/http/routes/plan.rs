//! `/v1/plan`: dated next steps from an interview date.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;
use utoipa::IntoParams;

use crate::content::Outcome;
use crate::content::plan::Plan;
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, FieldError};
use crate::http::query::{QueryParams, QueryString, Strict};
use crate::http::respond::content;
use crate::http::state::AppState;

/// Parameters of the plan.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanParams {
    /// The day of the second interview, as YYYY-MM-DD, from 1970 to 2200.
    #[param(value_type = String, format = Date, pattern = r"^(19[7-9][0-9]|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2026-12-01")]
    pub interview_date: NaiveDate,
    /// The day the employer said a decision would come, as YYYY-MM-DD from 1970 to 2200; not before `interview_date`.
    #[param(value_type = Option<String>, format = Date, pattern = r"^(19[7-9][0-9]|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2026-12-10")]
    pub decision_expected_by: Option<NaiveDate>,
}

impl QueryParams for PlanParams {
    const NAMES: &'static [&'static str] = &["interview_date", "decision_expected_by"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let interview_date = query.date("interview_date", errors);
        Self {
            interview_date: query.required("interview_date", interview_date, errors),
            decision_expected_by: query.date("decision_expected_by", errors),
        }
    }
}

/// Plan the next steps
///
/// The steps from preparation to follow-up, each dated and linked to its tips and email
/// templates: prepare before the interview, send the thank-you notes right after it, follow
/// up once the decision date has passed (the employer's date, or a default wait the project
/// chose, labelled `editorial-default`), and what to do for each outcome.
#[utoipa::path(
    tag = "plan",
    params(PlanParams),
    responses(
        (status = 200, description = "The plan.", body = Plan, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("/plan")]
pub async fn plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Strict<PlanParams>,
) -> Result<HttpResponse, ApiError> {
    let (interview, decision, outcomes) =
        (params.0.interview_date, params.0.decision_expected_by, state.content.items::<Outcome>());
    let plan = state.content.plan.plan(interview, decision, outcomes);
    content(&req, &state, &plan.map_err(|error| ApiError::parameter(error.parameter, error.message))?)
}
