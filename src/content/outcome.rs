//! What can happen after a second interview.

use super::collection::{Collection, cited_item};
use super::params::NoParams;
use super::problem::Report;
use super::{Template, Tip};

cited_item! {
    /// One possible result of a second interview and what to do about it.
    pub struct Outcome, example = "job-offer", ordered {
        /// Display name.
        #[schema(example = "Job offer")]
        [one] pub name: String,
        /// What this outcome means for the candidate.
        [one] pub meaning: String,
        /// What to do next, in order, as the documents advise it (may be empty).
        [maybe_list] pub next_steps: Vec<String>,
        /// What to do next beyond what the documents say: the project's own advice.
        #[serde(default)]
        [maybe_list] pub editorial_next_steps: Vec<String>,
        /// Ids of the email templates that fit this outcome.
        -> Template pub templates: Vec<String>,
        /// Ids of the tips that apply to this outcome.
        -> Tip pub tips: Vec<String>,
    }
}

impl Collection for Outcome {
    const DESCRIPTION: &'static str = "What can happen after a second interview, and what to do about each.";
    type Filters = NoParams;

    fn check(&self, report: &mut Report<'_>) {
        if self.next_steps.is_empty() && self.editorial_next_steps.is_empty() {
            report.add(Some("next_steps"), "an outcome needs at least one next step, here or in editorial_next_steps");
        }
    }
}
