//! The HTTP layer: routes, extractors, errors and the OpenAPI document.

pub mod app;
pub mod body;
pub mod cache;
pub mod calendar;
pub mod docs;
pub mod draft;
pub mod error;
pub mod layers;
pub mod list;
pub mod listing;
pub mod memo;
pub mod metrics;
pub mod negotiate;
pub mod pages;
pub mod query;
pub mod render;
pub mod respond;
pub mod routes;
pub mod state;
