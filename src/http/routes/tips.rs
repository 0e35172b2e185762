//! How the tip list reads its filters from the query string.

use crate::content::TipFilters;
use crate::http::error::FieldError;
use crate::http::query::{MAX_CODE_CHARS, MAX_TITLE_CHARS, QueryParams, QueryString};

impl QueryParams for TipFilters {
    const NAMES: &'static [&'static str] = &["phase", "category", "stage", "role_family", "occupation", "job_title"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        Self {
            phase: query.choice("phase", errors),
            category: query.choice("category", errors),
            stage: query.id("stage", errors),
            role_family: query.id("role_family", errors),
            occupation: query.text("occupation", 1, MAX_CODE_CHARS, errors),
            job_title: query.text("job_title", 1, MAX_TITLE_CHARS, errors),
            resolved: Vec::new(),
        }
    }
}
