//! The documents the content is drawn from.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;
use super::collection::{Collection, Item, NoFilters, Provenance, Text};
use super::problem::Report;

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

impl Item for Source {
    const EXAMPLE_ID: &'static str = "second-interview-good-sign";

    fn id(&self) -> &str {
        &self.id
    }

    /// A document restates itself.
    fn provenance(&self) -> Provenance<'_> {
        Provenance { sources: std::slice::from_ref(&self.id), origin: Origin::Source }
    }

    fn texts(&self) -> Vec<(&'static str, Text<'_>)> {
        vec![
            ("title", Text::one(&self.title)),
            ("summary", Text::one(&self.summary)),
            ("publisher", Text::optional(&self.publisher)),
        ]
    }
}

impl Collection for Source {
    const DESCRIPTION: &'static str = "The documents the content is drawn from.";
    type Filters = NoFilters;

    fn check(&self, report: &mut Report<'_>) {
        report.text("document", &self.document);
    }
}
