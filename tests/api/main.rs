//! Integration tests: the real server on a real socket, called over HTTP.

mod caching;
mod content_endpoints;
mod depth;
mod errors;
mod filters;
mod formats_out;
mod helpers;
mod hostile;
mod kit;
mod memo;
mod occupations;
mod odds;
mod openapi;
mod operations;
mod plan;
mod properties;
mod render;
mod request_id;
mod search;
mod startup;
mod validation;
