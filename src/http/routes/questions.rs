//! How the question list reads its filters and ordering from the query string.

use crate::content::QuestionFilters;
use crate::content::question::{MAX_SEED, Order};
use crate::http::error::FieldError;
use crate::http::query::{QueryParams, QueryString};

impl QueryParams for QuestionFilters {
    const NAMES: &'static [&'static str] =
        &["asked_by", "category", "stage", "role_family", "occupation", "job_title", "order", "seed"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let filters = Self {
            asked_by: query.choice("asked_by", errors),
            category: query.choice("category", errors),
            stage: query.id("stage", errors),
            order: query.choice("order", errors),
            seed: query.integer("seed", 0, MAX_SEED, errors),
            ..Self::default()
        }
        .with_roles(query.roles(errors));
        match (filters.order, filters.seed) {
            (Some(Order::Random), None) if !errors.iter().any(|e| e.field == "seed") => {
                errors.push(FieldError::new("seed", "is required with `order=random`, so the shuffle can be repeated"));
            }
            (None | Some(Order::Default), Some(_)) if !errors.iter().any(|e| e.field == "order") => {
                errors.push(FieldError::new("seed", "is only allowed with `order=random`"));
            }
            _ => {}
        }
        filters
    }
}
