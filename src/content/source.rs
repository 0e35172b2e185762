//! The documents the content is drawn from: the four guides, and the occupation
//! classifications the crosswalk follows.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::{Collection, cited_item};
use super::params::NoParams;
use super::problem::Report;

cited_item! {
    /// One source document, so that every other item can cite where its facts come from. A
    /// source cites itself for its `summary`; its `name` is ours.
    pub struct Source, example = "second-interview-good-sign" {
        /// How we refer to the document, in our words (a display name).
        [one] pub name: String,
        /// The document's own title, exactly as it gives it; absent when it has none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        [optional] pub title: Option<String>,
        /// The subtitle that follows the title in the document's heading, where it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        [optional] pub subtitle: Option<String>,
        /// The publisher, where the document names one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        [optional] pub publisher: Option<String>,
        /// What kind of document it is.
        pub kind: SourceKind,
        /// File name of a guide in the project's seed collection.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub document: Option<String>,
        /// Where a classification is published.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        /// What the document covers and how the content uses it.
        [one] pub summary: String,
    }
}

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::VariantNames)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum SourceKind {
    /// An article about second interviews whose facts the content restates.
    Guide,
    /// A published occupation classification whose groups the occupation crosswalk follows.
    Classification,
}

impl Collection for Source {
    const DESCRIPTION: &'static str = "The documents the content is drawn from: four guides about second interviews, and the occupation classifications the role mapping follows.";
    type Filters = NoParams;

    fn check(&self, report: &mut Report<'_>) {
        match (self.kind, &self.document, &self.url) {
            (SourceKind::Guide, None, _) => {
                report.add(Some("document"), "a guide names its file in the seed collection")
            }
            (SourceKind::Classification, _, None) => {
                report.add(Some("url"), "a classification names where it is published")
            }
            _ => {}
        }
        for (field, value) in [("document", &self.document), ("url", &self.url)] {
            if let Some(value) = value {
                report.text(field, value);
            }
        }
    }
}
