//! Question banks: what interviewers ask and what candidates should ask.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::{Collection, ItemFilter, Reference, Text, cited_item};
use super::params::ParamSource;
use super::problem::Report;
use super::role_family::{ScopeError, check_role_families, role_filters};
use super::{Content, RoleFamily, Stage, shuffled};

cited_item! {
    /// One interview question, with why it comes up and how to handle it.
    pub struct Question, example = "tell-us-about-yourself" {
        /// The question.
        [one] pub text: String,
        /// Who asks it.
        pub asked_by: AskedBy,
        /// What the question is about.
        pub category: QuestionCategory,
        /// Why an interviewer asks it, or why a candidate should.
        [one] pub purpose: String,
        /// What a good answer does, or what to listen for in the reply.
        [one] pub guidance: String,
        /// Whether the STAR structure (Situation, Task, Action, Result) fits the answer.
        pub star: bool,
        /// Ids of the stages where the question comes up.
        -> Stage pub stages: Vec<String>,
        /// Other phrasings of the same question.
        [maybe_list] pub variants: Vec<String>,
        /// What a good STAR answer could sound like: present on every behavioural question,
        /// always the project's own writing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        [star] pub example_answer: Option<StarAnswer>,
        /// Ids of the role families the question suits (`any` for every role).
        #[schema(example = json!(["any"]))]
        -> RoleFamily pub role_families: Vec<String>,
    }
}

/// A short example answer in the STAR structure.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StarAnswer {
    /// The context: where, when, what was at stake.
    pub situation: String,
    /// What the candidate had to achieve.
    pub task: String,
    /// What the candidate did, step by step.
    pub action: String,
    /// What came of it, with a figure where one is natural, and what was learned.
    pub result: String,
}

impl<'a> Text<'a> {
    /// An example answer's four parts, or nothing when the question has none.
    pub fn star(answer: &'a Option<StarAnswer>) -> Self {
        Self::Parts(answer.as_ref().map_or_else(Vec::new, |answer| {
            vec![
                ("situation", answer.situation.as_str()),
                ("task", answer.task.as_str()),
                ("action", answer.action.as_str()),
                ("result", answer.result.as_str()),
            ]
        }))
    }
}

/// Who asks a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum AskedBy {
    /// The employer asks the candidate.
    Interviewer,
    /// The candidate asks the employer.
    Candidate,
}

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum QuestionCategory {
    /// The candidate's history and profile.
    Background,
    /// Why the candidate wants this job.
    Motivation,
    /// How the candidate acted in past situations.
    Behavioural,
    /// How the candidate would act in a hypothetical situation.
    Situational,
    /// Role-specific technical depth.
    Technical,
    /// Values and working style.
    CultureFit,
    /// How the candidate leads and develops people.
    Leadership,
    /// Questions only one kind of role meets (a code review, a sales forecast, a ward round).
    RoleSpecific,
    /// The position and its responsibilities.
    Role,
    /// The people and how they work together.
    Team,
    /// Where the team or company is going.
    Strategy,
    /// Development and progression.
    Growth,
    /// The hiring process itself.
    Process,
    /// The manager: how they lead, give feedback and support the team.
    Manager,
    /// How the business makes money and how it is doing.
    Business,
    /// Remote and hybrid working.
    RemoteWork,
    /// Leave, holidays and time off.
    TimeOff,
    /// Pay and benefits.
    Compensation,
    /// The first weeks: onboarding and early expectations.
    Onboarding,
    /// How decisions are made and who makes them.
    DecisionMaking,
}

impl QuestionCategory {
    /// Who asks questions of this category: the interviewer's categories and the candidate's
    /// do not overlap.
    pub fn asked_by(self) -> AskedBy {
        match self {
            Self::Background
            | Self::Motivation
            | Self::Behavioural
            | Self::Situational
            | Self::Technical
            | Self::CultureFit
            | Self::Leadership
            | Self::RoleSpecific => AskedBy::Interviewer,
            _ => AskedBy::Candidate,
        }
    }
}

impl Collection for Question {
    const DESCRIPTION: &'static str = "Questions interviewers ask at a second interview and questions to ask them. With \
`order=random&seed=N` the matching questions come in a shuffled order that the same seed always repeats: a \
mock-interview set.";
    type Filters = QuestionFilters;

    fn role_families(&self) -> Option<&[String]> {
        Some(&self.role_families)
    }

    fn check(&self, report: &mut Report<'_>) {
        report.non_empty("stages", &self.stages);
        check_role_families(report, &self.role_families);
        if self.category.asked_by() != self.asked_by {
            report.add(Some("category"), "is a category of questions the other side asks");
        }
        match &self.example_answer {
            None if self.category == QuestionCategory::Behavioural => {
                report.add(Some("example_answer"), "every behavioural question shows a STAR example answer")
            }
            Some(_) if !self.star => {
                report.add(Some("example_answer"), "an example answer is in STAR form: set `star = true`")
            }
            Some(_) if !self.editorial_fields.iter().any(|field| field == "example_answer") => report
                .add(Some("editorial_fields"), "must list `example_answer`: example answers are the project's own"),
            _ => {}
        }
    }
}

/// The order of a question list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Order {
    /// The content's own order.
    #[default]
    Default,
    /// A shuffle fixed by `seed`: the same seed gives the same order.
    Random,
}

/// The largest seed accepted: the largest integer every JSON client holds exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;

role_filters! {
    /// Filters and ordering of the question list; all given filters must match.
    pub struct QuestionFilters {
        /// Only questions asked by the interviewer, or only ones for the candidate to ask.
        #[param(inline)]
        pub asked_by: Option<AskedBy> = choice,
        /// Only questions of this category.
        #[param(inline)]
        pub category: Option<QuestionCategory> = choice,
        /// Only questions that come up at the stage with this id.
        #[param(example = "second-interview")]
        pub stage: Option<String> = id,
        /// `random` shuffles the matching questions (requires `seed`); pagination applies after the shuffle.
        #[param(inline, example = "random")]
        pub order: Option<Order> = choice,
        /// The shuffle's seed, 0 to 2^53 − 1; required with `order=random` and only allowed with it.
        #[param(minimum = 0, maximum = 9007199254740991_i64, example = 42)]
        pub seed: Option<u64> = integer(0, MAX_SEED),
    }
    checked_by order_and_seed_agree;
}

/// `order=random` needs a `seed` (so the shuffle can be repeated), and a `seed` needs it.
fn order_and_seed_agree(filters: &QuestionFilters, source: &mut impl ParamSource) {
    match (filters.order, filters.seed) {
        (Some(Order::Random), None) if !source.refused("seed") => {
            source.invalid("seed", "is required with `order=random`, so the shuffle can be repeated");
        }
        (None | Some(Order::Default), Some(_)) if !source.refused("order") => {
            source.invalid("seed", "is only allowed with `order=random`");
        }
        _ => {}
    }
}

impl ItemFilter<Question> for QuestionFilters {
    fn matches(&self, question: &Question) -> bool {
        self.asked_by.is_none_or(|asked_by| question.asked_by == asked_by)
            && self.category.is_none_or(|category| question.category == category)
            && self.stage.as_ref().is_none_or(|stage| question.stages.contains(stage))
            && self.suits_role(&question.role_families)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference::to::<Stage>("stage", self.stage.as_slice()), self.role_reference()]
    }

    fn resolve(&mut self, content: &Content) -> Result<(), ScopeError> {
        self.resolve_roles(content)
    }

    fn arrange<T>(&self, matching: Vec<T>) -> Vec<T> {
        match (self.order, self.seed) {
            (Some(Order::Random), Some(seed)) => shuffled(matching, seed),
            _ => matching,
        }
    }
}
