//! The operations beyond the collections' own lists and items (those are declared once for
//! every collection in `http::collections`); each module holds its handlers and their
//! OpenAPI annotations, or how a collection's list reads its filters.

pub mod occupations;
pub mod odds;
pub mod plan;
pub mod questions;
pub mod search;
pub mod service;
pub mod stages;
pub mod templates;
pub mod tips;
