//! One module per resource; each holds its handlers and their OpenAPI annotations.

pub mod outcomes;
pub mod questions;
pub mod service;
pub mod sources;
pub mod stages;
pub mod templates;
pub mod tips;
