//! The layers every request passes, one job each; [`super::app::app`] stacks them in order.
//!
//! Each is actix-web's own middleware (`from_fn`, `DefaultHeaders`, `ErrorHandlers`) or
//! actix-cors, configured here; none knows a route.

pub mod catch;
pub mod cors;
pub mod head;
pub mod headers;
pub mod limits;
pub mod metrics;
pub mod problem;
pub mod request_id;
