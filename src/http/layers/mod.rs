//! The layers every request passes, one job each; [`super::app::app`] stacks them in order.
//!
//! Each is actix-web's own middleware (`from_fn`, `DefaultHeaders`, `ErrorHandlers`) or
//! actix-cors, configured here; none knows a route. None is hand-written: measured, the
//! hand-written `Transform` these replace was not worth its code.
//!
//! Measured with callgrind (user-space instructions per request, one worker, after warm-up;
//! 2026-12-03, against the single hand-written `Transform` and CORS short-cut of 861ac40):
//! one item 30,979 → 35,917 (+16 %), `/v1/stages` 27,999 → 32,975 (+18 %). The same layers
//! without a box per layer (`App::wrap_fn`) measured 35,579 and 32,710, so `from_fn`'s boxing
//! is 1 % and not worth a second style. User space is 35–40 % of the server's CPU under `wrk`
//! (the rest is the kernel's socket work), so the layers cost about 6 % of a request: inside
//! the 10 % budget for precomputed answers. Where the rest goes, per request: metrics through
//! `Family::get_or_create` ≈ 1.2 k, `DefaultHeaders` ≈ 1.0 k (the hand-written loop was 0.3 k),
//! larger futures moved ≈ 0.9 k, the catch ≈ 0.4 k, actix-cors on every request ≈ 0.4 k.

pub mod catch;
pub mod cors;
pub mod head;
pub mod headers;
pub mod limits;
pub mod metrics;
pub mod problem;
pub mod request_id;
