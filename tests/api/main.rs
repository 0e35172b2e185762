//! Integration tests: the real server on a real socket, called over HTTP.

mod content_endpoints;
mod errors;
mod filters;
mod helpers;
mod kit;
mod odds;
mod openapi;
mod plan;
mod render;
mod request_id;
mod search;
mod startup;
mod validation;
