//! Hiring stages around a second interview.

use super::collection::{Collection, cited_item};
use super::params::NoParams;
use super::{Format, Outcome};

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
        /// Ids of the interview formats this stage may take.
        -> Format pub formats: Vec<String>,
        /// Ids of the stages that can follow this one.
        -> Stage pub next_stages: Vec<String>,
        /// Ids of the outcomes that can follow this stage.
        -> Outcome pub outcomes: Vec<String>,
    }
}

impl Collection for Stage {
    const DESCRIPTION: &'static str = "The hiring stages around a second interview, sorted by `order`.";
    type Filters = NoParams;
}
