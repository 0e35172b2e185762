//! The schedule behind the next-steps plan.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// The steps of a plan and the default used when the employer named no decision date.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanModel {
    /// Days after the interview assumed for the decision when the employer gave no date.
    pub default_decision_wait_days: u32,
    /// Whether that default comes from the documents or is the project's own.
    pub default_decision_wait_origin: Origin,
    /// The steps, in order.
    pub steps: Vec<PlanStep>,
}

/// One dated step of the plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    /// Stable kebab-case id.
    #[schema(example = "send-thank-you-notes")]
    pub id: String,
    /// Short headline.
    pub title: String,
    /// What to do.
    pub description: String,
    /// The date the step is counted from.
    pub anchor: Anchor,
    /// Days from the anchor (negative is before it).
    pub offset_days: i32,
    /// Ids of the tips for this step.
    pub tips: Vec<String>,
    /// Ids of the email templates for this step.
    pub templates: Vec<String>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// The date a plan step is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The interview date.
    Interview,
    /// The decision date the employer gave, or the default wait after the interview.
    Decision,
}
