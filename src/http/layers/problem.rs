//! Problem details for any error answer that lacks them (actix's own refusals, actix-cors's,
//! a failure turned into an answer), by actix-web's `ErrorHandlers`.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};

use crate::http::error::as_problem;

/// The layer: every 4xx and 5xx answer passes [`as_problem`], which leaves problem details as
/// they are.
pub fn details<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(|response: ServiceResponse<B>| {
        let problem = as_problem(response.map_into_boxed_body());
        Ok(ErrorHandlerResponse::Response(problem.map_into_right_body()))
    })
}
