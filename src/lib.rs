//! second-interview-api: what four documents say about second job interviews, served as a
//! REST/JSON content API.
//!
//! [`content`] holds the domain (types, loading, validation) and knows nothing of HTTP;
//! [`http`] serves it; [`startup`] wires both to a socket; [`settings`] and [`cli`] configure it.

pub mod cli;
pub mod content;
pub mod healthcheck;
pub mod http;
pub mod settings;
pub mod startup;
