//! Where an item's content comes from.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether an item restates the source documents or was written by the project beyond them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Origin {
    /// The item restates facts from the documents listed in its `sources`.
    Source,
    /// The project wrote the item beyond what the documents say (its `sources` name what inspired it, if anything).
    Editorial,
    /// Some fields restate the documents and the others, named in `editorial_fields`, are the project's own.
    Mixed,
}
