//! One module per resource; each holds its handlers and their OpenAPI annotations.

pub mod odds;
pub mod outcomes;
pub mod plan;
pub mod questions;
pub mod search;
pub mod service;
pub mod sources;
pub mod stages;
pub mod templates;
pub mod tips;
