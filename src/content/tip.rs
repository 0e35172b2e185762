//! Preparation and conduct tips.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::{Collection, ItemFilter, Reference, cited_item};
use super::problem::Report;
use super::role_family::{ScopeError, check_role_families, role_filters};
use super::{Content, RoleFamily, Stage};

cited_item! {
    /// One piece of advice, placed in time (`phase`) and in the process (`stages`).
    pub struct Tip, example = "use-star-method" {
        /// A short headline.
        [one] pub title: String,
        /// The advice itself.
        [one] pub text: String,
        /// When the advice applies relative to the interview.
        pub phase: Phase,
        /// What kind of advice it is.
        pub category: TipCategory,
        /// Ids of the stages the advice applies to.
        -> Stage pub stages: Vec<String>,
        /// Ids of the role families the advice suits (`any` for every role).
        #[schema(example = json!(["any"]))]
        -> RoleFamily pub role_families: Vec<String>,
    }
}

/// When a tip applies relative to the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Phase {
    /// While preparing.
    Before,
    /// In the interview itself.
    During,
    /// Once the interview is over.
    After,
}

/// The kinds of advice the documents give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
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
    /// Set-up, equipment, travel and timing.
    Logistics,
    /// Keeping a realistic, positive outlook.
    Mindset,
}

impl Collection for Tip {
    const DESCRIPTION: &'static str = "Advice for before, during and after a second interview, in a stable order.";
    type Filters = TipFilters;

    fn role_families(&self) -> Option<&[String]> {
        Some(&self.role_families)
    }

    fn check(&self, report: &mut Report<'_>) {
        report.non_empty("stages", &self.stages);
        check_role_families(report, &self.role_families);
    }
}

role_filters! {
    /// Filters of the tip list; all given filters must match.
    pub struct TipFilters {
        /// Only tips for this phase.
        #[param(inline)]
        pub phase: Option<Phase> = choice,
        /// Only tips of this category.
        #[param(inline)]
        pub category: Option<TipCategory> = choice,
        /// Only tips for the stage with this id.
        #[param(example = "second-interview")]
        pub stage: Option<String> = id,
    }
}

impl ItemFilter<Tip> for TipFilters {
    fn matches(&self, tip: &Tip) -> bool {
        self.phase.is_none_or(|phase| tip.phase == phase)
            && self.category.is_none_or(|category| tip.category == category)
            && self.stage.as_ref().is_none_or(|stage| tip.stages.contains(stage))
            && self.suits_role(&tip.role_families)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        vec![Reference::to::<Stage>("stage", self.stage.as_slice()), self.role_reference()]
    }

    fn resolve(&mut self, content: &Content) -> Result<(), ScopeError> {
        self.resolve_roles(content)
    }
}
