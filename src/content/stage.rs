//! Hiring stages around a second interview.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Outcome;
use super::collection::{Collection, NoFilters, Reference, cited_item};
use super::problem::Report;

cited_item! {
    /// One step of the hiring process, with what reaching it means and what happens there.
    pub struct Stage, example = "second-interview", ordered {
        /// Display name.
        #[schema(example = "Second interview")]
        [one] pub name: String,
        /// The question the employer is trying to answer at this stage.
        #[schema(example = "Will you thrive here?")]
        [one] pub employer_question: String,
        /// A short description of the stage.
        [one] pub summary: String,
        /// What being invited to this stage tells the candidate.
        [list] pub means: Vec<String>,
        /// What reaching this stage does not tell the candidate.
        [list] pub does_not_mean: Vec<String>,
        /// What the employer evaluates here.
        [list] pub evaluates: Vec<String>,
        /// Who the candidate typically meets.
        [list] pub who_you_meet: Vec<String>,
        /// The interview formats this stage may take.
        pub formats: Vec<Format>,
        /// Ids of the stages that can follow this one.
        pub next_stages: Vec<String>,
        /// Ids of the outcomes that can follow this stage.
        pub outcomes: Vec<String>,
    }
}

impl Collection for Stage {
    const DESCRIPTION: &'static str = "The hiring stages around a second interview, sorted by `order`.";
    type Filters = NoFilters;

    fn references(&self) -> Vec<Reference<'_>> {
        vec![
            Reference::to::<Stage>("next_stages", &self.next_stages),
            Reference::to::<Outcome>("outcomes", &self.outcomes),
        ]
    }

    fn check(&self, report: &mut Report<'_>) {
        for (index, format) in self.formats.iter().enumerate() {
            report.text(&format!("formats[{index}].description"), &format.description);
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
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
