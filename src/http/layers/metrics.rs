//! Count every answer, errors and failures included, by method, route pattern and status.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};

use crate::http::state::AppState;

/// Records the answer to `req` and how long it took in `state`'s metrics. The method is taken
/// before any layer inside rewrites it (HEAD is counted as HEAD); the layers inside answer
/// every failure, so the inner call never fails.
pub async fn count<B: MessageBody>(
    state: web::Data<AppState>,
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let response = next.call(req).await?;
    let seconds = started.elapsed().as_secs_f64();
    state.metrics.record(&method, response.request().match_name(), response.status().as_u16(), seconds);
    Ok(response)
}
