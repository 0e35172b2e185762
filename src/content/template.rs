//! Email templates with declared variables.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use utoipa::ToSchema;

use super::collection::{Collection, cited_item};
use super::ids::is_snake_case;
use super::params::NoParams;
use super::problem::Report;
use super::{Outcome, Stage};

cited_item! {
    /// An email the candidate can send, with the variables it needs declared up front so that
    /// rendering can be strict.
    pub struct Template, example = "thank-you-after-second-interview" {
        /// Display name.
        [one] pub name: String,
        /// What the email is for.
        [one] pub purpose: String,
        /// When to send it.
        [one] pub when_to_send: String,
        /// Ids of the stages after which it is sent.
        -> Stage pub stages: Vec<String>,
        /// Ids of the outcomes it answers.
        -> Outcome pub outcomes: Vec<String>,
        /// Subject line, with `{{ variable }}` placeholders (minijinja syntax).
        [markup] pub subject: String,
        /// Plain-text body, with `{{ variable }}` placeholders and `{% if variable %}` blocks for optional ones.
        [markup] pub body: String,
        /// Every variable the subject and body use, and nothing more.
        pub variables: Vec<Variable>,
    }
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

impl Collection for Template {
    const DESCRIPTION: &'static str = "Email templates with their declared variables.";
    type Filters = NoParams;

    fn check(&self, report: &mut Report<'_>) {
        let (used, in_subject) = self.placeholders(report);
        let mut declared = BTreeSet::new();
        for (index, variable) in self.variables.iter().enumerate() {
            variable.check(index, in_subject.contains(&variable.name), report);
            if !declared.insert(variable.name.clone()) {
                report.add(Some(&format!("variables[{index}].name")), format!("`{}` is declared twice", variable.name));
            }
        }
        for name in used.difference(&declared) {
            report.add(Some("variables"), format!("the template uses `{name}` but does not declare it"));
        }
        for name in declared.difference(&used) {
            report.add(Some("variables"), format!("`{name}` is declared but the template never uses it"));
        }
    }
}

impl Template {
    /// The variables the subject and body use, and those the subject uses; a field that does
    /// not compile is reported.
    fn placeholders(&self, report: &mut Report<'_>) -> (BTreeSet<String>, BTreeSet<String>) {
        let env = minijinja::Environment::new();
        let (mut used, mut in_subject) = (BTreeSet::new(), BTreeSet::new());
        for (field, source) in [("subject", &self.subject), ("body", &self.body)] {
            match env.template_from_str(source) {
                Ok(compiled) => {
                    let names = compiled.undeclared_variables(false);
                    if field == "subject" {
                        in_subject.extend(names.iter().cloned());
                    }
                    used.extend(names);
                }
                Err(error) => report.add(Some(field), format!("not a valid template: {error}")),
            }
        }
        (used, in_subject)
    }
}

impl Variable {
    /// Checks the declaration at `index`: its name, texts, and that its example keeps its own limits.
    fn check(&self, index: usize, in_subject: bool, report: &mut Report<'_>) {
        let field = |name: &str| format!("variables[{index}].{name}");
        if !is_snake_case(&self.name) {
            report.add(Some(&field("name")), "must be snake_case (a-z, 0-9, underscores, starting with a letter)");
        }
        report.text(&field("description"), &self.description);
        report.text(&field("example"), &self.example);
        if self.max_length == 0 {
            report.add(Some(&field("max_length")), "must be at least 1");
        } else if self.example.chars().count() > self.max_length as usize {
            report.add(Some(&field("example")), format!("is longer than max_length ({})", self.max_length));
        }
        if self.single_line && self.example.contains(['\n', '\r']) {
            report.add(Some(&field("example")), "has a line break but the variable is single_line");
        }
        if in_subject && !self.single_line {
            report.add(Some(&field("single_line")), "must be true: the subject line uses this variable");
        }
    }
}
