//! The content model: typed collections loaded from `data/`, checked as they load.
//!
//! Nothing here knows about HTTP; the web layer only reads a finished [`Content`].

pub mod collection;
pub mod email;
mod format;
mod ids;
mod kit;
mod load;
mod origin;
mod outcome;
pub mod params;
mod problem;
pub mod question;
mod registry;
pub mod role_family;
pub mod search;
mod shuffle;
mod source;
mod stage;
mod template;
mod tip;
mod validate;

pub mod occupation;
pub mod odds;
pub mod plan;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use collection::{Collection, Item, ItemFilter, Items, Provenance, Reference, Registered, Target, Text, Visitor};
pub use format::Format;
pub use ids::{closest, is_kebab_case, shorten};
pub use kit::{Kit, KitFilters, QuestionsByAsker, TipsByPhase};
pub use load::{RawFiles, data_files};
pub use occupation::{MatchedBy, OccupationMap, Resolution};
pub use odds::{Assumption, OddsModel, Pool, Seniority};
pub use origin::Origin;
pub use outcome::Outcome;
pub use params::NoParams;
pub use plan::{Anchor, PlanModel, PlanStep};
pub use problem::{ContentError, Problem, Report};
pub use question::{AskedBy, Question, QuestionCategory, QuestionFilters, StarAnswer};
pub use registry::{Collections, Counts, ItemType};
pub use role_family::RoleFamily;
pub use shuffle::shuffled;
pub use source::Source;
pub use source::SourceKind;
pub use stage::Stage;
pub use template::{Template, Variable};
pub use tip::{Phase, Tip, TipCategory, TipFilters};

use load::{Gaps, Loader};

/// Every collection, validated, with id lookups built once at load, and the two models.
#[derive(Debug, Clone)]
pub struct Content {
    /// The collections, as the registry lists them.
    pub collections: Collections,
    /// The figures behind the offer odds.
    pub odds: OddsModel,
    /// The schedule behind the next-steps plan.
    pub plan: PlanModel,
    /// The crosswalk from occupation codes and job titles to role families.
    pub occupations: OccupationMap,
    /// A hash of every content file, so clients and caches can tell content apart.
    pub version: String,
}

impl Content {
    /// The content compiled into the binary.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::from_files(&RawFiles::embedded())
    }

    /// The content of `dir`, a folder shaped like `data/`.
    pub fn from_dir(dir: &Path) -> Result<Self, ContentError> {
        let (files, problems) = RawFiles::from_dir(dir);
        Self::load(&files, problems)
    }

    /// The content of `dir` when one is given, else the embedded content.
    pub fn load_from(dir: Option<&Path>) -> Result<Self, ContentError> {
        dir.map_or_else(Self::embedded, Self::from_dir)
    }

    /// Parses and validates `files`, reporting every problem found rather than the first.
    pub fn from_files(files: &RawFiles) -> Result<Self, ContentError> {
        Self::load(files, Vec::new())
    }

    fn load(files: &RawFiles, mut problems: Vec<Problem>) -> Result<Self, ContentError> {
        let mut gaps = Gaps::default();
        let mut loader = Loader::new(files, &mut problems, &mut gaps);
        let collections = Collections::read(&mut loader);
        let odds = loader.file("odds.toml", OddsModel::read);
        let plan = loader.file("plan.toml", PlanModel::read);
        let occupations = loader.file("occupations.toml", OccupationMap::read);
        let content = Content { collections, odds, plan, occupations, version: version_of(files) };
        validate::check(&content, &gaps, &mut problems);
        if problems.is_empty() { Ok(content) } else { Err(ContentError { problems }) }
    }

    /// The collection of `C`.
    pub fn items<C: Registered>(&self) -> &Items<C> {
        C::items(self)
    }

    /// The finalist pool for `seniority` (validation guarantees there is exactly one).
    pub fn pool(&self, seniority: Seniority) -> &Pool {
        self.odds.pools.iter().find(|pool| pool.seniority == seniority).expect("validated: one pool per seniority")
    }
}

/// First 16 hex digits of the SHA-256 of every file, names included, in [`data_files`] order.
fn version_of(files: &RawFiles) -> String {
    let mut hasher = Sha256::new();
    for (name, text) in &files.0 {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_deref().unwrap_or_default().as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}
