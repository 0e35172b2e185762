//! Strict email rendering: every template compiled once at start, every variable checked
//! against its declaration, every problem reported at once.

use std::collections::BTreeMap;

use minijinja::{Environment, UndefinedBehavior, Value as TemplateValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::Template;

/// Most recipients one render may ask for.
pub const MAX_RECIPIENTS: usize = 20;
/// Most variables one object (shared or per recipient) may hold.
pub const MAX_VARIABLES: usize = 32;
/// Longest e-mail address accepted (RFC 5321 path limit).
pub const MAX_ADDRESS: usize = 254;

/// Values by variable name, as a client gives them (strings; anything else is reported).
pub type Values = BTreeMap<String, Value>;

/// One person to write to: their address and the values that differ for them.
#[derive(Debug, Clone, Copy)]
pub struct Addressee<'a> {
    /// Their address, if given.
    pub to: Option<&'a str>,
    /// Values that add to, and override, the shared ones.
    pub variables: &'a Values,
}

/// One rendered email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RenderedEmail {
    /// The recipient's address, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The body as HTML paragraphs, every variable escaped.
    pub html: String,
    /// A `mailto:` URI with the address (when given), subject and body, percent-encoded.
    pub mailto: String,
}

/// One problem with one variable or field of a render request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderProblem {
    /// Path of the field (`variables.job_title`, `recipients[1].to`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// All templates, compiled once, in strict-undefined mode.
pub struct Mailer {
    env: Environment<'static>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailer")
    }
}

/// Characters left as they are in a `mailto:` component: RFC 3986 unreserved ones.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// An address keeps its `@` readable.
const ADDRESS: &AsciiSet = &COMPONENT.remove(b'@');

impl Mailer {
    /// Compiles every template's subject and body (text and HTML-escaping variants).
    pub fn new(templates: &[Template]) -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for template in templates {
            env.add_template_owned(format!("{}/subject.txt", template.id), template.subject.clone())?;
            env.add_template_owned(format!("{}/body.txt", template.id), template.body.clone())?;
            env.add_template_owned(format!("{}/body.html", template.id), template.body.clone())?;
        }
        Ok(Self { env })
    }

    /// Renders `template` with the `shared` values once (to `to`), or once per recipient,
    /// after checking every value.
    pub fn render(
        &self,
        template: &Template,
        shared: &Values,
        to: Option<&str>,
        recipients: Option<&[Addressee<'_>]>,
    ) -> Result<Vec<RenderedEmail>, Vec<RenderProblem>> {
        let mut problems = Vec::new();
        check_values(template, shared, "variables", &mut problems);
        check_address(to, "to", &mut problems);
        let recipients: Vec<PendingEmail> = match recipients {
            None => vec![PendingEmail { prefix: String::new(), to, own: None }],
            Some(recipients) => {
                if recipients.is_empty() {
                    problems.push(problem("recipients", "must list at least one recipient, or be left out"));
                }
                if recipients.len() > MAX_RECIPIENTS {
                    problems.push(problem(
                        "recipients",
                        format!("lists {} recipients; at most {MAX_RECIPIENTS} are allowed", recipients.len()),
                    ));
                }
                recipients
                    .iter()
                    .take(MAX_RECIPIENTS)
                    .enumerate()
                    .map(|(index, recipient)| {
                        let prefix = format!("recipients[{index}]");
                        check_values(template, recipient.variables, &format!("{prefix}.variables"), &mut problems);
                        check_address(recipient.to, &format!("{prefix}.to"), &mut problems);
                        PendingEmail { prefix, to: recipient.to.or(to), own: Some(recipient.variables) }
                    })
                    .collect()
            }
        };
        for PendingEmail { prefix, own, .. } in &recipients {
            for variable in template.variables.iter().filter(|v| v.required) {
                let given =
                    shared.contains_key(&variable.name) || own.is_some_and(|own| own.contains_key(&variable.name));
                if !given {
                    let field = if prefix.is_empty() {
                        format!("variables.{}", variable.name)
                    } else {
                        format!("{prefix}.variables.{}", variable.name)
                    };
                    problems.push(problem(field, format!("is required: {}", variable.description)));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        recipients
            .into_iter()
            .map(|target| self.render_one(template, shared, target.own, target.to))
            .collect::<Result<_, _>>()
            .map_err(|error| vec![problem("template", format!("could not be rendered: {error}"))])
    }

    fn render_one(
        &self,
        template: &Template,
        shared: &BTreeMap<String, Value>,
        own: Option<&BTreeMap<String, Value>>,
        to: Option<&str>,
    ) -> Result<RenderedEmail, minijinja::Error> {
        let context: BTreeMap<&str, TemplateValue> = template
            .variables
            .iter()
            .map(|variable| {
                let value = own
                    .and_then(|own| own.get(&variable.name))
                    .or_else(|| shared.get(&variable.name))
                    .and_then(Value::as_str)
                    .map_or(TemplateValue::from(()), |text| TemplateValue::from(unix_lines(text)));
                (variable.name.as_str(), value)
            })
            .collect();
        let render = |part: &str| self.env.get_template(&format!("{}/{part}", template.id))?.render(&context);
        let subject = render("subject.txt")?;
        let text = render("body.txt")?;
        let html = paragraphs(&render("body.html")?);
        let mut mailto = String::from("mailto:");
        if let Some(to) = to {
            mailto.extend(utf8_percent_encode(to, ADDRESS));
        }
        mailto.push_str("?subject=");
        mailto.extend(utf8_percent_encode(&subject, COMPONENT));
        mailto.push_str("&body=");
        mailto.extend(utf8_percent_encode(&text.replace("\r\n", "\n").replace('\n', "\r\n"), COMPONENT));
        Ok(RenderedEmail { to: to.map(str::to_owned), subject, text, html, mailto })
    }
}

/// One email to render: where its problems are reported, its address, its own variables.
struct PendingEmail<'a> {
    prefix: String,
    to: Option<&'a str>,
    own: Option<&'a BTreeMap<String, Value>>,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> RenderProblem {
    RenderProblem { field: field.into(), message: message.into() }
}

/// Checks every given value against its declaration: known, a string, within its length, on one line where required.
fn check_values(
    template: &Template,
    values: &BTreeMap<String, Value>,
    prefix: &str,
    problems: &mut Vec<RenderProblem>,
) {
    if values.len() > MAX_VARIABLES {
        problems
            .push(problem(prefix, format!("holds {} variables; at most {MAX_VARIABLES} are allowed", values.len())));
        return;
    }
    for (name, value) in values {
        let field = format!("{prefix}.{}", super::ids::shorten(name));
        let Some(variable) = template.variables.iter().find(|v| &v.name == name) else {
            let declared: Vec<String> = template.variables.iter().map(|v| format!("`{}`", v.name)).collect();
            problems
                .push(problem(field, format!("is not a variable of this template; declared: {}", declared.join(", "))));
            continue;
        };
        let Some(text) = value.as_str() else {
            problems.push(problem(field, "must be a string"));
            continue;
        };
        if variable.required && text.trim().is_empty() {
            problems.push(problem(field.clone(), "is required and must not be empty"));
        }
        let length = text.chars().count();
        if length > variable.max_length as usize {
            problems.push(problem(
                field.clone(),
                format!("is {length} characters long; at most {} are allowed", variable.max_length),
            ));
        }
        if variable.single_line && text.contains(['\n', '\r']) {
            problems.push(problem(field, "must be a single line (no line breaks)"));
        }
    }
}

/// An address for a `mailto:` link: one line, one `@`, no spaces, not too long.
fn check_address(address: Option<&str>, field: &str, problems: &mut Vec<RenderProblem>) {
    let Some(address) = address else { return };
    let valid = address.chars().count() <= MAX_ADDRESS
        && address.split('@').count() == 2
        && address.split('@').all(|part| !part.is_empty())
        && !address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '?' | '&'));
    if !valid {
        problems.push(problem(field, "must be one e-mail address such as `name@example.com`"));
    }
}

/// Line breaks as `\n` whatever the client typed (browsers send CRLF from text areas), so
/// paragraphs come out the same; the `mailto:` body turns them into CRLF again.
fn unix_lines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Turns an escaped plain-text body into HTML paragraphs.
fn paragraphs(escaped: &str) -> String {
    escaped
        .split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .map(|block| format!("<p>{}</p>", block.replace('\n', "<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::content::Content;

    fn fixture() -> (Content, Mailer) {
        let content = Content::embedded().expect("embedded content");
        let mailer = Mailer::new(content.items::<Template>()).expect("templates compile");
        (content, mailer)
    }

    #[test]
    fn every_template_renders_its_examples() {
        let (content, mailer) = fixture();
        for template in content.items::<Template>().iter() {
            let variables: BTreeMap<String, Value> =
                template.variables.iter().map(|v| (v.name.clone(), Value::from(v.example.clone()))).collect();
            let emails = mailer.render(template, &variables, None, None).unwrap();
            assert_eq!(emails.len(), 1);
            assert!(!emails[0].subject.is_empty() && !emails[0].text.is_empty(), "{}", template.id);
            assert!(!emails[0].text.contains("{{"), "{}", template.id);
        }
    }

    #[test]
    fn html_escapes_variables_and_mailto_encodes() {
        let (content, mailer) = fixture();
        let template = content.items::<Template>().get("thank-you-after-second-interview").unwrap();
        let mut variables: BTreeMap<String, Value> = template
            .variables
            .iter()
            .filter(|v| v.required)
            .map(|v| (v.name.clone(), Value::from(v.example.clone())))
            .collect();
        variables.insert("specific_topic".into(), json!("<script>alert(1)</script> & more"));
        let email = &mailer.render(template, &variables, Some("dana@example.com"), None).unwrap()[0];
        assert!(email.text.contains("<script>alert(1)</script> & more"));
        assert!(email.html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; more"), "{}", email.html);
        assert!(!email.html.contains("<script>"));
        assert!(email.mailto.starts_with("mailto:dana@example.com?subject="));
        assert!(!email.mailto.contains(' ') && !email.mailto.contains('\n'));
        assert!(email.mailto.contains("%0D%0A"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let (content, mailer) = fixture();
        let template = content.items::<Template>().get("thank-you-after-second-interview").unwrap();
        let single_line = template.variables.iter().find(|v| v.single_line && v.required).unwrap();
        let values = json!({single_line.name.clone(): "two\nlines", "nonsense": "x"});
        let values: Values = serde_json::from_value(values).expect("values");
        let problems = mailer.render(template, &values, None, None).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&format!("variables.{}", single_line.name).as_str()));
        assert!(fields.contains(&"variables.nonsense"));
        let missing = template.variables.iter().filter(|v| v.required && v.name != single_line.name).count();
        assert_eq!(problems.len(), 2 + missing, "{problems:?}");
    }
}
