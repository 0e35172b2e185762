//! Interview formats: how a round may be run, and how to prepare for each.

use super::collection::{Collection, cited_item};
use super::params::NoParams;
use super::{Question, Tip};

cited_item! {
    /// One way an interview may be run (a panel, a presentation, a take-home task…), with what
    /// happens, why employers choose it and how to get ready.
    pub struct Format, example = "panel", ordered {
        /// Display name.
        #[schema(example = "Panel interview")]
        [one] pub name: String,
        /// What happens in this format.
        [one] pub what_happens: String,
        /// Why employers choose it: what it shows them that another format would not.
        [one] pub why_employers_use_it: String,
        /// How to prepare, one step per entry.
        [list] pub how_to_prepare: Vec<String>,
        /// What to bring, or set up beforehand.
        [list] pub what_to_bring: Vec<String>,
        /// Ids of the tips that help with this format.
        -> Tip pub tips: Vec<String>,
        /// Ids of questions typical of this format.
        -> Question pub questions: Vec<String>,
    }
}

impl Collection for Format {
    const DESCRIPTION: &'static str = "Interview formats (panel, presentation, case study, take-home, video, on-site loop…): what happens and how to prepare.";
    type Filters = NoParams;
}
