//! Preparation and conduct tips.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::collection::{Collection, ItemFilter, Reference, cited_item};
use super::problem::Report;
use super::role_family::{RoleScope, ScopeError, check_role_families};
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
        pub stages: Vec<String>,
        /// Ids of the role families the advice suits (`any` for every role).
        #[schema(example = json!(["any"]))]
        pub role_families: Vec<String>,
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

    fn references(&self) -> Vec<Reference<'_>> {
        vec![
            Reference::to::<Stage>("stages", &self.stages),
            Reference::to::<RoleFamily>("role_families", &self.role_families),
        ]
    }

    fn check(&self, report: &mut Report<'_>) {
        report.non_empty("stages", &self.stages);
        check_role_families(report, &self.role_families);
    }
}

/// Filters of the tip list; all given filters must match.
#[derive(Debug, Default, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TipFilters {
    /// Only tips for this phase.
    #[param(inline)]
    pub phase: Option<Phase>,
    /// Only tips of this category.
    #[param(inline)]
    pub category: Option<TipCategory>,
    /// Only tips for the stage with this id.
    #[param(example = "second-interview")]
    pub stage: Option<String>,
    /// Only tips that suit this role family (tips for any role included; `any` gives only those).
    #[param(example = "engineering")]
    pub role_family: Option<String>,
    /// Only those that suit the occupation with this code: an O*NET-SOC code (`15-1252.00`), a SOC 2018 code or group (`15-1252`, `15-1250`, `15-0000`), or an ISCO-08 code (`2512`); the longest matching group decides.
    #[param(example = "15-1252.00", max_length = 10, pattern = r"^(\d{2}-\d{4}(\.\d{2})?|\d{1,4})$")]
    pub occupation: Option<String>,
    /// Only those that suit this job title (`Senior Account Executive`); a title that names no known role keeps only advice for any role.
    #[param(example = "Senior Account Executive", max_length = 200)]
    pub job_title: Option<String>,
    /// The role families `occupation` and `job_title` stand for, once resolved.
    #[param(ignore)]
    pub resolved: Vec<Vec<String>>,
}

impl ItemFilter<Tip> for TipFilters {
    fn matches(&self, tip: &Tip) -> bool {
        self.phase.is_none_or(|phase| tip.phase == phase)
            && self.category.is_none_or(|category| tip.category == category)
            && self.stage.as_ref().is_none_or(|stage| tip.stages.contains(stage))
            && self.scope().suits(&tip.role_families, &self.resolved)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let role_family = Reference::to::<RoleFamily>("role_family", self.role_family.as_slice());
        vec![Reference::to::<Stage>("stage", self.stage.as_slice()), role_family]
    }

    fn resolve(&mut self, content: &Content) -> Result<(), ScopeError> {
        self.resolved = self.scope().resolve(content)?;
        Ok(())
    }
}

impl TipFilters {
    /// The role the listing asks about, as given.
    fn scope(&self) -> RoleScope<'_> {
        RoleScope {
            role_family: self.role_family.as_ref(),
            occupation: self.occupation.as_deref(),
            job_title: self.job_title.as_deref(),
        }
    }
}
