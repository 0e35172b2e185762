//! The operations beyond the collections' own lists and items (those are declared once for
//! every collection in `http::collections`); each module holds its handlers and their
//! OpenAPI annotations, or how a collection's list reads its filters.

use actix_web::dev::{ServiceFactory, ServiceRequest};
use utoipa_actix_web::scope::Scope;

use crate::content::{Registered, Stage, Template};

pub mod occupations;
pub mod odds;
pub mod plan;
pub mod questions;
pub mod search;
pub mod service;
pub mod stages;
pub mod templates;
pub mod tips;

/// Adds the operations on one item of `collection` (`/v1/stages/{id}/kit`) to that collection's
/// scope: routed there, a request for another collection never meets their patterns, and one
/// for this collection meets them only after its own list and item.
pub fn under_items<T>(collection: &str, scope: Scope<T>) -> Scope<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    match collection {
        Stage::NAME => scope.service(stages::get_stage_kit),
        Template::NAME => scope.service(templates::render_template),
        _ => scope,
    }
}
