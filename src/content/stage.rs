//! Hiring stages around a second interview.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// One step of the hiring process, with what reaching it means and what happens there.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable kebab-case id.
    #[schema(example = "second-interview")]
    pub id: String,
    /// Position in the hiring process, starting at 1; lists are sorted by it.
    #[schema(example = 2, minimum = 1)]
    pub order: u32,
    /// Display name.
    #[schema(example = "Second interview")]
    pub name: String,
    /// The question the employer is trying to answer at this stage.
    #[schema(example = "Will you thrive here?")]
    pub employer_question: String,
    /// A short description of the stage.
    pub summary: String,
    /// What being invited to this stage tells the candidate.
    pub means: Vec<String>,
    /// What reaching this stage does not tell the candidate.
    pub does_not_mean: Vec<String>,
    /// What the employer evaluates here.
    pub evaluates: Vec<String>,
    /// Who the candidate typically meets.
    pub who_you_meet: Vec<String>,
    /// The interview formats this stage may take.
    pub formats: Vec<Format>,
    /// Ids of the stages that can follow this one.
    pub next_stages: Vec<String>,
    /// Ids of the outcomes that can follow this stage.
    pub outcomes: Vec<String>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// One way an interview at a stage may be run.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// The kind of format.
    pub kind: FormatKind,
    /// What this format involves and why employers use it.
    pub description: String,
}

/// The interview formats the documents name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FormatKind {
    /// One interviewer at a time.
    OneOnOne,
    /// Several interviewers at once.
    Panel,
    /// The candidate presents on a relevant problem.
    Presentation,
    /// A business case worked through live.
    CaseStudy,
    /// Coding, system design or other role-specific technical work.
    TechnicalExercise,
    /// A problem-solving task or test.
    ProblemSolving,
    /// A simulated work scenario.
    MockScenario,
}
