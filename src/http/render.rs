//! The body of `POST /v1/templates/{id}/render`, as a client sends it.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::content::Template;
use crate::content::email::{Addressee, Mailer, RenderProblem, RenderedEmail};

/// What a client sends to fill a template.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "variables": {"job_title": "Product Analyst", "company_name": "Northwind Traders", "candidate_name": "Sam Rivera"},
    "recipients": [
        {"to": "dana@example.com", "variables": {"interviewer_name": "Dana Whitfield", "specific_topic": "the plan to rebuild the reporting pipeline"}},
        {"variables": {"interviewer_name": "Lee Okafor", "specific_topic": "how the team runs its quarterly planning"}}
    ]
}))]
pub struct RenderRequest {
    /// Values by variable name, shared by every recipient. Values are strings.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub variables: BTreeMap<String, Value>,
    /// Address for the `mailto:` link; with `recipients`, the address of each recipient that gives none.
    #[serde(default)]
    #[schema(
        example = "dana@example.com",
        max_length = 254,
        pattern = r"^[^@\s\x00-\x1F\x7F-\x9F<>,;?&]+@[^@\s\x00-\x1F\x7F-\x9F<>,;?&]+$"
    )]
    pub to: Option<String>,
    /// One entry per person to write to; each entry's variables add to (and override) the shared ones.
    #[serde(default, deserialize_with = "recipient_objects")]
    #[schema(min_items = 1, max_items = 20)]
    pub recipients: Option<Vec<Recipient>>,
}

/// One person to write to, with the values that differ for them.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Address for this recipient's `mailto:` link.
    #[serde(default)]
    #[schema(max_length = 254, pattern = r"^[^@\s\x00-\x1F\x7F-\x9F<>,;?&]+@[^@\s\x00-\x1F\x7F-\x9F<>,;?&]+$")]
    pub to: Option<String>,
    /// Values by variable name for this recipient. Values are strings.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub variables: BTreeMap<String, Value>,
}

/// Recipients as JSON objects only: serde's derive would also read a struct from an array of
/// its fields in order, which a client never means.
fn recipient_objects<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<Recipient>>, D::Error> {
    use serde::de::Error;
    let objects: Option<Vec<serde_json::Map<String, Value>>> = Option::deserialize(deserializer)?;
    objects
        .map(|objects| {
            objects
                .into_iter()
                .enumerate()
                .map(|(index, object)| {
                    Recipient::deserialize(Value::Object(object))
                        .map_err(|error| D::Error::custom(format!("recipients[{index}]: {error}")))
                })
                .collect()
        })
        .transpose()
}

impl RenderRequest {
    /// Fills `template` as this request asks, with `mailer`'s strict checks.
    pub fn render(&self, mailer: &Mailer, template: &Template) -> Result<Vec<RenderedEmail>, Vec<RenderProblem>> {
        let recipients: Option<Vec<Addressee<'_>>> = self.recipients.as_ref().map(|recipients| {
            recipients
                .iter()
                .map(|recipient| Addressee { to: recipient.to.as_deref(), variables: &recipient.variables })
                .collect()
        });
        mailer.render(template, &self.variables, self.to.as_deref(), recipients.as_deref())
    }
}
