//! Email templates with declared variables.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Origin;

/// An email the candidate can send, with the variables it needs declared up front so that
/// rendering can be strict.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable kebab-case id.
    #[schema(example = "thank-you-after-second-interview")]
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the email is for.
    pub purpose: String,
    /// When to send it.
    pub when_to_send: String,
    /// Ids of the stages after which it is sent.
    pub stages: Vec<String>,
    /// Ids of the outcomes it answers.
    pub outcomes: Vec<String>,
    /// Subject line, with `{{ variable }}` placeholders (minijinja syntax).
    pub subject: String,
    /// Plain-text body, with `{{ variable }}` placeholders and `{% if variable %}` blocks for optional ones.
    pub body: String,
    /// Every variable the subject and body use, and nothing more.
    pub variables: Vec<Variable>,
    /// Ids of the documents this item restates.
    pub sources: Vec<String>,
    /// Whether the item restates the documents or is the project's own.
    pub origin: Origin,
}

/// A value the caller supplies when rendering a template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// snake_case name used in the template.
    #[schema(example = "interviewer_name")]
    pub name: String,
    /// What to put in it.
    pub description: String,
    /// Whether rendering fails without it.
    pub required: bool,
    /// A realistic value, valid against the limits below.
    pub example: String,
    /// Longest accepted value, in characters.
    #[schema(minimum = 1)]
    pub max_length: u32,
    /// Whether line breaks are refused (names and anything in a subject line, so no header injection).
    pub single_line: bool,
}
