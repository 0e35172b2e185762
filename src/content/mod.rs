//! The content model: typed collections loaded from `data/`, checked as they load.
//!
//! Nothing here knows about HTTP; the web layer only reads a finished [`Content`].

pub mod email;
mod ids;
mod kit;
mod load;
mod origin;
mod outcome;
mod problem;
mod question;
pub mod search;
mod shuffle;
mod source;
mod stage;
mod template;
mod tip;
mod validate;

pub mod odds;
pub mod plan;

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use ids::{closest, is_kebab_case, shorten};
pub use kit::{Kit, QuestionsByAsker, TipsByPhase};
pub use load::{FILES, RawFiles};
pub use odds::{Assumption, OddsModel, Pool, Seniority};
pub use origin::Origin;
pub use outcome::Outcome;
pub use plan::{Anchor, PlanModel, PlanStep};
pub use problem::{ContentError, Problem};
pub use question::{AskedBy, Question, QuestionCategory};
pub use shuffle::shuffled;
pub use source::Source;
pub use stage::{Format, FormatKind, Stage};
pub use template::{Template, Variable};
pub use tip::{Phase, Tip, TipCategory};

use load::{FileReader, Gaps};

/// An item of a collection: something with a stable id, so lookups and "did you mean"
/// hints work the same for every collection.
pub trait Item {
    /// The collection's item name, singular, as error messages use it (`stage`, `tip`, …).
    const KIND: &'static str;
    /// The item's stable id.
    fn id(&self) -> &str;
}

macro_rules! items {
    ($($type:ty => $kind:literal),* $(,)?) => {$(
        impl Item for $type {
            const KIND: &'static str = $kind;
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

items!(Source => "source", Stage => "stage", Outcome => "outcome", Tip => "tip", Question => "question", Template => "template");

/// Every collection, validated, with id lookups built once at load.
#[derive(Debug, Clone)]
pub struct Content {
    /// The documents the content cites.
    pub sources: Vec<Source>,
    /// Hiring stages, sorted by `order`.
    pub stages: Vec<Stage>,
    /// Possible results of a second interview, sorted by `order`.
    pub outcomes: Vec<Outcome>,
    /// Advice, in file order.
    pub tips: Vec<Tip>,
    /// Interview questions, in file order.
    pub questions: Vec<Question>,
    /// Email templates, in file order.
    pub templates: Vec<Template>,
    /// The figures behind the offer odds.
    pub odds: OddsModel,
    /// The schedule behind the next-steps plan.
    pub plan: PlanModel,
    /// A hash of every content file, so clients and caches can tell content apart.
    pub version: String,
    index: Index,
}

/// Position of every item by id, per collection.
#[derive(Debug, Clone, Default)]
struct Index {
    sources: HashMap<String, usize>,
    stages: HashMap<String, usize>,
    outcomes: HashMap<String, usize>,
    tips: HashMap<String, usize>,
    questions: HashMap<String, usize>,
    templates: HashMap<String, usize>,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items.iter().enumerate().map(|(position, item)| (id(item).to_owned(), position)).collect()
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

    /// Parses and validates `files`, reporting every problem found rather than the first.
    pub fn from_files(files: &RawFiles) -> Result<Self, ContentError> {
        Self::load(files, Vec::new())
    }

    fn load(files: &RawFiles, mut problems: Vec<Problem>) -> Result<Self, ContentError> {
        let mut gaps = Gaps::default();
        let mut read = |name: &'static str, take: &mut dyn FnMut(&mut FileReader)| {
            let mut reader = FileReader::new(name, files.text(name), &mut problems, &mut gaps);
            take(&mut reader);
            reader.finish();
        };
        let (mut sources, mut stages, mut outcomes, mut tips, mut questions, mut templates) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut odds = OddsModel { formula: String::new(), pools: Vec::new(), assumptions: Vec::new() };
        let mut plan = PlanModel {
            default_decision_wait_days: 0,
            default_decision_wait_origin: Origin::Editorial,
            steps: Vec::new(),
        };
        read("sources.toml", &mut |r| sources = r.items("sources"));
        read("stages.toml", &mut |r| stages = r.items("stages"));
        read("outcomes.toml", &mut |r| outcomes = r.items("outcomes"));
        read("tips.toml", &mut |r| tips = r.items("tips"));
        read("questions.toml", &mut |r| questions = r.items("questions"));
        read("templates.toml", &mut |r| templates = r.items("templates"));
        read("odds.toml", &mut |r| {
            odds.formula = r.value("formula").unwrap_or_default();
            odds.pools = r.items("pools");
            odds.assumptions = r.items("assumptions");
        });
        read("plan.toml", &mut |r| {
            plan.default_decision_wait_days = r.value("default_decision_wait_days").unwrap_or_default();
            plan.default_decision_wait_origin = r.value("default_decision_wait_origin").unwrap_or(Origin::Editorial);
            plan.steps = r.items("steps");
        });
        stages.sort_by_key(|stage: &Stage| stage.order);
        outcomes.sort_by_key(|outcome: &Outcome| outcome.order);

        let index = Index {
            sources: positions(&sources, |s: &Source| &s.id),
            stages: positions(&stages, |s: &Stage| &s.id),
            outcomes: positions(&outcomes, |o: &Outcome| &o.id),
            tips: positions(&tips, |t: &Tip| &t.id),
            questions: positions(&questions, |q: &Question| &q.id),
            templates: positions(&templates, |t: &Template| &t.id),
        };
        let content = Content {
            sources,
            stages,
            outcomes,
            tips,
            questions,
            templates,
            odds,
            plan,
            version: version_of(files),
            index,
        };
        validate::check(&content, &gaps, &mut problems);
        if problems.is_empty() { Ok(content) } else { Err(ContentError { problems }) }
    }

    /// The source with `id`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    /// The stage with `id`.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.index.stages.get(id).map(|&i| &self.stages[i])
    }

    /// The outcome with `id`.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.index.outcomes.get(id).map(|&i| &self.outcomes[i])
    }

    /// The tip with `id`.
    pub fn tip(&self, id: &str) -> Option<&Tip> {
        self.index.tips.get(id).map(|&i| &self.tips[i])
    }

    /// The question with `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.questions.get(id).map(|&i| &self.questions[i])
    }

    /// The template with `id`.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.index.templates.get(id).map(|&i| &self.templates[i])
    }

    /// The finalist pool for `seniority` (validation guarantees there is exactly one).
    pub fn pool(&self, seniority: Seniority) -> &Pool {
        self.odds.pools.iter().find(|pool| pool.seniority == seniority).expect("validated: one pool per seniority")
    }
}

/// First 16 hex digits of the SHA-256 of every file, names included, in [`FILES`] order.
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
