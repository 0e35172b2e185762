//! Question banks: what interviewers ask and what candidates should ask.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// One interview question, with why it comes up and how to handle it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable kebab-case id.
    #[schema(example = "tell-us-about-yourself")]
    pub id: String,
    /// The question.
    pub text: String,
    /// Who asks it.
    pub asked_by: AskedBy,
    /// What the question is about.
    pub category: QuestionCategory,
    /// Why an interviewer asks it, or why a candidate should.
    pub purpose: String,
    /// What a good answer does, or what to listen for in the reply.
    pub guidance: String,
    /// Whether the STAR structure (Situation, Task, Action, Result) fits the answer.
    pub star: bool,
    /// Ids of the stages where the question comes up.
    pub stages: Vec<String>,
    /// Other phrasings of the same question.
    pub variants: Vec<String>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// Who asks a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AskedBy {
    /// The employer asks the candidate.
    Interviewer,
    /// The candidate asks the employer.
    Candidate,
}

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
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
