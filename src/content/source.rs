//! The documents the content is drawn from.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One source document, so that every other item can cite where its facts come from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable kebab-case id that items cite in their `sources`.
    #[schema(example = "second-interview-good-sign")]
    pub id: String,
    /// The document's title as it names itself.
    pub title: String,
    /// The publisher, where the document names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// File name of the document in the project's seed collection.
    pub document: String,
    /// What the document covers, in the project's words.
    pub summary: String,
}
