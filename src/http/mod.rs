//! The HTTP layer: routes, extractors, errors and the OpenAPI document.

pub mod app;
pub mod body;
pub mod cache;
pub mod docs;
pub mod error;
pub mod guard;
pub mod list;
pub mod metrics;
pub mod pages;
pub mod query;
pub mod request_id;
pub mod respond;
pub mod routes;
pub mod state;
