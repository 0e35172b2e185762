//! How the tip list reads its filters from the query string.

use crate::content::TipFilters;
use crate::http::error::FieldError;
use crate::http::query::{QueryParams, QueryString};

impl QueryParams for TipFilters {
    const NAMES: &'static [&'static str] = &["phase", "category", "stage", "role_family", "occupation", "job_title"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let filters = Self {
            phase: query.choice("phase", errors),
            category: query.choice("category", errors),
            stage: query.id("stage", errors),
            ..Self::default()
        };
        filters.with_roles(query.roles(errors))
    }
}
