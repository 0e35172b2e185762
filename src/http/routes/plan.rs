//! `/v1/plan`: dated next steps from an interview date.

use actix_web::http::header::{self, ContentDisposition, HeaderValue, TryIntoHeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;

use crate::content::Outcome;
use crate::content::params::params;
use crate::content::plan::Plan;
use crate::http::cache::Representation;
use crate::http::calendar::{TEXT_CALENDAR, calendar};
use crate::http::docs::InvalidQuery;
use crate::http::error::{ApiError, ProblemDetails};
use crate::http::negotiate::choose;
use crate::http::query::Strict;
use crate::http::respond::{computed_json, memoized};
use crate::http::state::AppState;

params! {
    /// Parameters of the plan.
    #[derive(Debug)]
    pub struct PlanParams {
        /// The day of the second interview, as YYYY-MM-DD, from 1970 to 2200.
        #[param(value_type = String, format = Date, pattern = r"^(19[7-9][0-9]|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2026-12-01")]
        pub interview_date: NaiveDate = required_date,
        /// The day the employer said a decision would come, as YYYY-MM-DD from 1970 to 2200; not before `interview_date`.
        #[param(value_type = Option<String>, format = Date, pattern = r"^(19[7-9][0-9]|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2026-12-10")]
        pub decision_expected_by: Option<NaiveDate> = date,
    }
}

/// Plan the next steps
///
/// The steps from preparation to follow-up, each dated and linked to its tips and email
/// templates: prepare before the interview, send the thank-you notes right after it, follow
/// up once the decision date has passed (the employer's date, or a default wait the project
/// chose, labelled `editorial-default`), and what to do for each outcome.
///
/// With `Accept: text/calendar` (preferred over JSON) the same plan comes as iCalendar: one
/// all-day event per step on the same dates, the tips and templates named with their API
/// paths, a 9:00 reminder on the steps that ask you to send an email, and event UIDs that stay
/// the same for the same interview date, so importing again updates the events. JSON is the
/// default (`*/*` included); an `Accept` that admits neither answers 406.
#[utoipa::path(
    tag = "plan",
    params(PlanParams),
    responses(
        (status = 200, description = "The plan, as JSON or as iCalendar (RFC 5545).", content(
            (Plan = "application/json"),
            (String = "text/calendar", example = json!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nEND:VCALENDAR\r\n")),
        )),
        InvalidQuery,
        (status = 406, description = "The `Accept` header admits neither `application/json` nor `text/calendar`.", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/plan")]
pub async fn plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Strict<PlanParams>,
) -> Result<HttpResponse, ApiError> {
    let (interview, decision) = (params.0.interview_date, params.0.decision_expected_by);
    let as_calendar = choose(&req, &["application/json", "text/calendar"])? == 1;
    let plan = || {
        let plan = state.content.plan.plan(interview, decision, state.content.items::<Outcome>());
        plan.map_err(|error| ApiError::parameter(error.parameter, error.message))
    };
    let mut response = if as_calendar {
        let mut response = memoized(&req, &state, TEXT_CALENDAR, || {
            Ok(Representation::computed(Bytes::from(calendar(&plan()?, &state.content)), TEXT_CALENDAR))
        })?;
        let disposition = ContentDisposition::attachment(format!("second-interview-plan-{interview}.ics"));
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, disposition.try_into_value().map_err(|_| ApiError::Internal)?);
        response
    } else {
        computed_json(&req, &state, plan)?
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept, accept-encoding"));
    Ok(response)
}
