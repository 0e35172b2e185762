//! The layers every request passes, one job each; [`super::app::app`] stacks them in order.
//!
//! Each is actix-web's own middleware (`from_fn`, `DefaultHeaders`, `ErrorHandlers`) or
//! actix-cors, configured here; none knows a route. One part is hand-written: the metrics
//! layer keeps each worker's handles to its series (see `metrics`), because counting through
//! the shared families cost more than the budget for precomputed answers allows.
//!
//! Measured with callgrind (user-space instructions per request for one item, one worker,
//! after warm-up, 2026-12-03): the single hand-written `Transform` and CORS short-cut these
//! replace, 34,149; these layers, 35,069 (+2.7 %). `App::wrap_fn` instead of `from_fn` (no box
//! per layer) saved about 1 % in an earlier measurement, not worth a second style.

pub mod catch;
pub mod cors;
pub mod head;
pub mod headers;
pub mod limits;
pub mod metrics;
pub mod problem;
pub mod request_id;
