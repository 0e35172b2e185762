//! `/v1/questions`: the question banks, filterable, with a reproducible shuffle for mock interviews.

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::content::{AskedBy, Item, Question, QuestionCategory, shuffled};
use crate::http::docs::{InvalidQuery, NotFound};
use crate::http::error::{ApiError, FieldError};
use crate::http::list::{Listed, Page, Pagination};
use crate::http::query::{NoParams, QueryParams, QueryString, Strict};
use crate::http::respond::list;
use crate::http::routes::stages::check_stage_filter;
use crate::http::state::AppState;

/// The order of a question list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// The content's own order.
    #[default]
    Default,
    /// A shuffle fixed by `seed`: the same seed gives the same order.
    Random,
}

/// Filters and ordering of the question list; all given filters must match.
#[derive(Debug, Default, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionFilters {
    /// Only questions asked by the interviewer, or only ones for the candidate to ask.
    #[param(inline)]
    pub asked_by: Option<AskedBy>,
    /// Only questions of this category.
    #[param(inline)]
    pub category: Option<QuestionCategory>,
    /// Only questions that come up at the stage with this id.
    #[param(example = "second-interview")]
    pub stage: Option<String>,
    /// `random` shuffles the matching questions (requires `seed`); pagination applies after the shuffle.
    #[param(inline, example = "random")]
    pub order: Option<Order>,
    /// The shuffle's seed, 0 to 2^53 − 1; required with `order=random` and only allowed with it.
    #[param(minimum = 0, maximum = 9007199254740991_i64, example = 42)]
    pub seed: Option<u64>,
}

/// The largest seed accepted: the largest integer every JSON client holds exactly.
const MAX_SEED: u64 = (1 << 53) - 1;

impl QuestionFilters {
    fn matches(&self, question: &Question) -> bool {
        self.asked_by.is_none_or(|asked_by| question.asked_by == asked_by)
            && self.category.is_none_or(|category| question.category == category)
            && self.stage.as_ref().is_none_or(|stage| question.stages.contains(stage))
    }
}

impl QueryParams for QuestionFilters {
    const NAMES: &'static [&'static str] = &["asked_by", "category", "stage", "order", "seed"];

    fn read(query: &QueryString, errors: &mut Vec<FieldError>) -> Self {
        let filters = Self {
            asked_by: query.choice("asked_by", &["interviewer", "candidate"], errors),
            category: query.choice(
                "category",
                &[
                    "background",
                    "motivation",
                    "behavioural",
                    "situational",
                    "technical",
                    "culture-fit",
                    "role",
                    "team",
                    "strategy",
                    "growth",
                    "process",
                ],
                errors,
            ),
            stage: query.id("stage", errors),
            order: query.choice("order", &["default", "random"], errors),
            seed: query.integer("seed", 0, MAX_SEED, errors),
        };
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

/// List questions
///
/// Questions interviewers ask at a second interview and questions to ask them. With
/// `order=random&seed=N` the matching questions come in a shuffled order that the same seed
/// always repeats: a mock-interview set.
#[utoipa::path(
    tag = "questions",
    params(QuestionFilters, Pagination),
    responses(
        (status = 200, description = "The matching questions.", body = Page<Question>, content_type = "application/json"),
        InvalidQuery,
    )
)]
#[get("")]
pub async fn list_questions(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Listed<QuestionFilters>,
) -> Result<HttpResponse, ApiError> {
    let Listed(filters, pagination) = query;
    check_stage_filter(&state, filters.stage.as_ref())?;
    if filters == QuestionFilters::default() && pagination == Pagination::DEFAULT {
        return Ok(state.fixed(&req, "/v1/questions"));
    }
    let matching =
        state.content.questions.iter().zip(&state.pages.questions).filter(|(question, _)| filters.matches(question));
    let matching: Vec<&Bytes> = matching.map(|(_, json)| json).collect();
    match (filters.order, filters.seed) {
        (Some(Order::Random), Some(seed)) => Ok(list(&req, &state, &pagination.page(shuffled(matching, seed)))),
        _ => Ok(list(&req, &state, &pagination.page(matching))),
    }
}

/// Get one question
#[utoipa::path(
    tag = "questions",
    params(("id" = String, Path, description = "The question's id.", example = "tell-us-about-yourself")),
    responses(
        (status = 200, description = "The question.", body = Question, content_type = "application/json"),
        InvalidQuery,
        NotFound,
    )
)]
#[get("/{id}")]
pub async fn get_question(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _query: Strict<NoParams>,
) -> Result<HttpResponse, ApiError> {
    state.item(&req, Question::KIND, &id, &state.content.questions)
}
