//! What can happen after a second interview.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// One possible result of a second interview and what to do about it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Stable kebab-case id.
    #[schema(example = "job-offer")]
    pub id: String,
    /// Position in lists, starting at 1.
    #[schema(example = 1, minimum = 1)]
    pub order: u32,
    /// Display name.
    #[schema(example = "Job offer")]
    pub name: String,
    /// What this outcome means for the candidate.
    pub meaning: String,
    /// What to do next, in order.
    pub next_steps: Vec<String>,
    /// Ids of the email templates that fit this outcome.
    pub templates: Vec<String>,
    /// Ids of the tips that apply to this outcome.
    pub tips: Vec<String>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}
