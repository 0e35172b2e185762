//! The HTTP layer: routes, extractors, errors and the OpenAPI document.

pub mod app;
pub mod body;
pub mod cache;
pub mod docs;
pub mod envelope;
pub mod error;
pub mod guard;
pub mod list;
pub mod metrics;
pub mod pages;
pub mod query;
pub mod respond;
pub mod routes;
pub mod state;
