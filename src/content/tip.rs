//! Preparation and conduct tips.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// One piece of advice, placed in time (`phase`) and in the process (`stages`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// Stable kebab-case id.
    #[schema(example = "use-star-method")]
    pub id: String,
    /// A short headline.
    pub title: String,
    /// The advice itself.
    pub text: String,
    /// When the advice applies relative to the interview.
    pub phase: Phase,
    /// What kind of advice it is.
    pub category: TipCategory,
    /// Ids of the stages the advice applies to.
    pub stages: Vec<String>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// When a tip applies relative to the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// While preparing.
    Before,
    /// In the interview itself.
    During,
    /// Once the interview is over.
    After,
}

/// The kinds of advice the documents give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TipCategory {
    /// Researching the company, the role and the people.
    Research,
    /// Practising answers and exercises.
    Practice,
    /// Answering with concrete examples (STAR).
    Storytelling,
    /// Preparing and asking questions.
    Questions,
    /// Building a connection with interviewers.
    Rapport,
    /// Confidence, body language and attitude in the room.
    Presence,
    /// Thank-you notes and status follow-ups.
    FollowUp,
    /// Learning from the experience.
    Learning,
    /// Keeping a realistic, positive outlook.
    Mindset,
}
