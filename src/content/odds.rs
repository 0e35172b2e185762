//! The figures behind the offer-odds estimate.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// The odds model as the documents support it: a formula, finalist-pool sizes and the
/// assumptions a reader must know before trusting a number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OddsModel {
    /// The formula, as shown to users.
    pub formula: String,
    /// One finalist pool per seniority.
    pub pools: Vec<Pool>,
    /// What the estimate takes for granted.
    pub assumptions: Vec<Assumption>,
}

/// How many finalists typically reach a second interview for one kind of role.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// Stable kebab-case id.
    #[schema(example = "typical-pool")]
    pub id: String,
    /// The kind of role this pool describes.
    pub seniority: Seniority,
    /// Fewest finalists, the candidate included.
    #[schema(example = 4, minimum = 1)]
    pub finalists_min: u32,
    /// Most finalists, the candidate included.
    #[schema(example = 6, minimum = 1)]
    pub finalists_max: u32,
    /// The figure in words.
    pub description: String,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// The kinds of role the documents give pool sizes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    /// Most roles.
    Standard,
    /// Senior or highly specialised roles.
    Senior,
}

/// A condition under which the odds estimate holds.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// Stable kebab-case id.
    pub id: String,
    /// The assumption in one or two sentences.
    pub text: String,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}
