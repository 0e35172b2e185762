//! Question banks: what interviewers ask and what candidates should ask.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::collection::{Collection, ItemFilter, Reference, cited_item};
use super::problem::Report;
use super::{Stage, shuffled};

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
        pub stages: Vec<String>,
        /// Other phrasings of the same question.
        [maybe_list] pub variants: Vec<String>,
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
}

impl Collection for Question {
    const DESCRIPTION: &'static str = "Questions interviewers ask at a second interview and questions to ask them. With \
`order=random&seed=N` the matching questions come in a shuffled order that the same seed always repeats: a \
mock-interview set.";
    type Filters = QuestionFilters;

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference::to::<Stage>("stages", &self.stages)]
    }

    fn check(&self, report: &mut Report<'_>) {
        report.non_empty("stages", &self.stages);
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

impl ItemFilter<Question> for QuestionFilters {
    fn matches(&self, question: &Question) -> bool {
        self.asked_by.is_none_or(|asked_by| question.asked_by == asked_by)
            && self.category.is_none_or(|category| question.category == category)
            && self.stage.as_ref().is_none_or(|stage| question.stages.contains(stage))
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference::to::<Stage>("stage", self.stage.as_slice())]
    }

    fn arrange<T>(&self, matching: Vec<T>) -> Vec<T> {
        match (self.order, self.seed) {
            (Some(Order::Random), Some(seed)) => shuffled(matching, seed),
            _ => matching,
        }
    }
}
