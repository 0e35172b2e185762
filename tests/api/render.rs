//! `POST /v1/templates/{id}/render`: strict email rendering, as a client sees it.

use percent_encoding::percent_decode_str;
use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::helpers::{
    TestApp, data_items, json_ok, not_found_body, problem, problem_body, spawn_app, validation_failed_body,
};

const THANK_YOU: &str = "thank-you-after-second-interview";
const THANK_YOU_DECLARED: &str = "is not a variable of this template; declared: `interviewer_name`, `job_title`, `company_name`, `specific_topic`, `extra_note`, `candidate_name`";
const BAD_ADDRESS: &str = "must be one e-mail address such as `name@example.com`";

fn render_path(id: &str) -> String {
    format!("/v1/templates/{id}/render")
}

/// The example value of each declared variable of `template` (only the required ones when asked).
fn examples(template: &toml::Value, required_only: bool) -> Map<String, Value> {
    template["variables"]
        .as_array()
        .expect("a template declares variables")
        .iter()
        .filter(|v| !required_only || v["required"].as_bool() == Some(true))
        .map(|v| {
            let name = v["name"].as_str().unwrap().to_owned();
            (name, json!(v["example"].as_str().unwrap()))
        })
        .collect()
}

fn template(id: &str) -> toml::Value {
    data_items("templates.toml", "templates")
        .into_iter()
        .find(|t| t["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("data/templates.toml has no template {id}"))
}

/// The required variables of the thank-you note, filled with their examples, then `changes`.
fn thank_you(changes: Value) -> Map<String, Value> {
    let mut variables = examples(&template(THANK_YOU), true);
    variables.extend(changes.as_object().expect("changes are an object").clone());
    variables
}

/// Renders the thank-you note with `body` and returns the 200 answer.
async fn render_thank_you(app: &TestApp, body: Value) -> Value {
    json_ok(app.post_json(&render_path(THANK_YOU), &body).await).await
}

/// Renders the thank-you note with `body` and asserts the whole 422 problem body.
async fn assert_rejected(app: &TestApp, body: Value, errors: &[(&str, &str)]) {
    let response = app.post_json(&render_path(THANK_YOU), &body).await;
    assert_eq!(problem(response, 422).await, validation_failed_body(errors), "{body}");
}

/// The address, subject and body of a `mailto:` link, percent-decoded.
fn decode_mailto(mailto: &str) -> (String, String, String) {
    let rest = mailto.strip_prefix("mailto:").expect("a mailto: link");
    let (address, query) = rest.split_once("?subject=").expect("a subject");
    let (subject, body) = query.split_once("&body=").expect("a body");
    let decode = |part: &str| percent_decode_str(part).decode_utf8().unwrap().into_owned();
    (decode(address), decode(subject), decode(body))
}

/// Asserts an email is whole: no placeholder left, and its `mailto:` carries its address,
/// subject and text (lines ending in CRLF), percent-encoded so the link is one URI.
fn assert_complete(email: &Value, context: &str) {
    let field = |name: &str| email[name].as_str().unwrap_or_else(|| panic!("{context}: no {name}"));
    for name in ["subject", "text", "html"] {
        assert!(!field(name).is_empty(), "{context}: empty {name}");
        for syntax in ["{{", "}}", "{%", "%}"] {
            assert!(!field(name).contains(syntax), "{context}: {name} has {syntax}");
        }
    }
    let mailto = field("mailto");
    assert!(
        mailto.chars().all(|c| c.is_ascii_alphanumeric() || "-._~%:?=&@".contains(c)),
        "{context}: the link is not percent-encoded: {mailto}"
    );
    let to = email.get("to").map_or("", |to| to.as_str().unwrap());
    assert_eq!(
        decode_mailto(mailto),
        (to.to_owned(), field("subject").to_owned(), field("text").replace('\n', "\r\n")),
        "{context}"
    );
}

#[actix_web::test]
async fn every_template_renders_with_its_declared_examples() {
    let app = spawn_app().await;
    let templates = data_items("templates.toml", "templates");
    assert!(!templates.is_empty());
    for template in &templates {
        let id = template["id"].as_str().unwrap();
        for required_only in [false, true] {
            let variables = examples(template, required_only);
            let context = format!("{id} (required only: {required_only})");
            let email = json_ok(app.post_json(&render_path(id), &json!({ "variables": variables })).await).await;
            assert_complete(&email, &context);
            assert_eq!(email.get("to"), None, "{context}");
            assert!(email["mailto"].as_str().unwrap().starts_with("mailto:?subject="));
            let text = email["text"].as_str().unwrap();
            for value in variables.values() {
                assert!(text.contains(value.as_str().unwrap()), "{context}: {value}");
            }
            assert!(!text.contains("\n\n\n"), "{context}: an empty paragraph");
        }
    }
}

#[actix_web::test]
async fn html_escapes_what_text_keeps() {
    let app = spawn_app().await;
    let topic = "<script>alert(1)</script> & \"quotes\"";
    let email = render_thank_you(&app, json!({ "variables": thank_you(json!({ "specific_topic": topic })) })).await;
    assert_complete(&email, "script");
    assert!(email["text"].as_str().unwrap().contains(topic));
    let html = email["html"].as_str().unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "{html}");
    assert!(html.contains("&amp;"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("\"quotes\""), "{html}");
    assert!(html.starts_with("<p>") && html.ends_with("</p>"), "{html}");
}

#[actix_web::test]
async fn values_are_inserted_as_text_never_run_as_template_code() {
    let app = spawn_app().await;
    let email = render_thank_you(
        &app,
        json!({ "variables": thank_you(json!({
            "interviewer_name": "{% raw %}",
            "job_title": "{{ company_name }}",
            "company_name": "{{ 7 * 7 }}"
        })) }),
    )
    .await;
    assert_eq!(email["subject"], "Thank you - {{ company_name }} interview at {{ 7 * 7 }}");
    let text = email["text"].as_str().unwrap();
    assert!(text.starts_with("Dear {% raw %},"), "{text}");
    assert!(!text.contains("49"), "{text}");
}

#[actix_web::test]
async fn blank_lines_in_a_value_make_paragraphs_whatever_the_line_ending() {
    let app = spawn_app().await;
    let html = |email: Value| email["html"].as_str().unwrap().to_owned();
    let unix = render_thank_you(
        &app,
        json!({ "variables": thank_you(json!({ "extra_note": "First point.\n\nSecond point.\nSame paragraph." })) }),
    )
    .await;
    let unix = html(unix);
    assert!(unix.contains("<p>First point.</p>\n<p>Second point.<br>\nSame paragraph.</p>"), "{unix}");
    // Browsers submit text areas with CRLF line breaks.
    let windows = render_thank_you(
        &app,
        json!({ "variables": thank_you(json!({ "extra_note": "First point.\r\n\r\nSecond point.\r\nSame paragraph." })) }),
    )
    .await;
    assert_eq!(html(windows), unix);
}

#[actix_web::test]
async fn the_mailto_link_carries_address_subject_and_body() {
    let app = spawn_app().await;
    let email = render_thank_you(
        &app,
        json!({
            "variables": thank_you(json!({
                "company_name": "Smith & Søn? #1=100%",
                "extra_note": "A second paragraph.\nWith two lines."
            })),
            "to": "dana.whitfield+jobs@example.com"
        }),
    )
    .await;
    assert_eq!(email["to"], "dana.whitfield+jobs@example.com");
    assert_eq!(email["subject"], "Thank you - Senior Data Analyst interview at Smith & Søn? #1=100%");
    let mailto = email["mailto"].as_str().unwrap();
    assert!(mailto.starts_with("mailto:dana.whitfield%2Bjobs@example.com?subject=Thank%20you%20-%20"), "{mailto}");
    assert!(mailto.contains("%0D%0A"), "{mailto}");
    assert_complete(&email, "special characters");
}

#[actix_web::test]
async fn recipients_get_one_personal_email_each_in_order() {
    let app = spawn_app().await;
    let shared = thank_you(json!({ "interviewer_name": "Whoever" }));
    let answer = render_thank_you(
        &app,
        json!({
            "variables": shared,
            "recipients": [
                {
                    "to": "dana@example.com",
                    "variables": { "interviewer_name": "Dana Whitfield", "specific_topic": "the reporting pipeline" }
                },
                { "variables": { "interviewer_name": "Lee Okafor" } }
            ]
        }),
    )
    .await;
    let emails = answer["emails"].as_array().expect("one email per recipient");
    assert_eq!(answer.as_object().unwrap().len(), 1, "{answer}");
    assert_eq!(emails.len(), 2);
    for (index, email) in emails.iter().enumerate() {
        assert_complete(email, &format!("recipient {index}"));
        assert!(!email["text"].as_str().unwrap().contains("Whoever"));
    }
    let (dana, lee) = (&emails[0], &emails[1]);
    assert_eq!(dana["to"], "dana@example.com");
    assert_eq!(lee.get("to"), None);
    let text = |email: &Value| email["text"].as_str().unwrap().to_owned();
    assert!(text(dana).starts_with("Dear Dana Whitfield,"));
    assert!(text(dana).contains("our conversation about the reporting pipeline,"));
    assert!(text(lee).starts_with("Dear Lee Okafor,"));
    let shared_topic = shared["specific_topic"].as_str().unwrap();
    assert!(text(lee).contains(&format!("our conversation about {shared_topic},")));
    assert_eq!(dana["subject"], lee["subject"]);
}

#[actix_web::test]
async fn every_variable_problem_is_answered_in_one_422() {
    let app = spawn_app().await;
    let mut variables = thank_you(json!({
        "job_title": "Analyst\nBcc: someone@example.com",
        "nickname": "DW"
    }));
    variables.remove("candidate_name");
    assert_rejected(
        &app,
        json!({ "variables": variables }),
        &[
            ("variables.job_title", "must be a single line (no line breaks)"),
            ("variables.nickname", THANK_YOU_DECLARED),
            ("variables.candidate_name", "is required: Your name as you want to sign the email."),
        ],
    )
    .await;
}

#[actix_web::test]
async fn an_empty_request_names_every_required_variable() {
    let app = spawn_app().await;
    let thank_you = template(THANK_YOU);
    let missing: Vec<(String, String)> = thank_you["variables"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["required"].as_bool() == Some(true))
        .map(|v| {
            (
                format!("variables.{}", v["name"].as_str().unwrap()),
                format!("is required: {}", v["description"].as_str().unwrap()),
            )
        })
        .collect();
    let errors: Vec<(&str, &str)> = missing.iter().map(|(f, m)| (f.as_str(), m.as_str())).collect();
    assert_rejected(&app, json!({}), &errors).await;
}

#[actix_web::test]
async fn values_breaking_their_declarations_are_refused() {
    let app = spawn_app().await;
    let long_name = "x".repeat(81);
    let cases: Vec<(Value, (&str, String))> = vec![
        (
            json!({ "interviewer_name": long_name }),
            ("variables.interviewer_name", "is 81 characters long; at most 80 are allowed".to_owned()),
        ),
        (
            json!({ "interviewer_name": "é".repeat(81) }),
            ("variables.interviewer_name", "is 81 characters long; at most 80 are allowed".to_owned()),
        ),
        (json!({ "job_title": 42 }), ("variables.job_title", "must be a string".to_owned())),
        (json!({ "job_title": null }), ("variables.job_title", "must be a string".to_owned())),
        (json!({ "job_title": ["Analyst"] }), ("variables.job_title", "must be a string".to_owned())),
        (
            json!({ "company_name": "Northwind\rLogistics" }),
            ("variables.company_name", "must be a single line (no line breaks)".to_owned()),
        ),
    ];
    for (changes, (field, message)) in cases {
        let body = json!({ "variables": thank_you(changes) });
        assert_rejected(&app, body, &[(field, &message)]).await;
    }
}

#[actix_web::test]
async fn lengths_are_counted_in_characters_not_bytes() {
    let app = spawn_app().await;
    let name = "é".repeat(80);
    let email = render_thank_you(&app, json!({ "variables": thank_you(json!({ "interviewer_name": name })) })).await;
    assert!(email["text"].as_str().unwrap().starts_with(&format!("Dear {name},")));
}

#[actix_web::test]
async fn only_one_plain_address_is_accepted_as_to() {
    let app = spawn_app().await;
    for to in [
        "",
        "dana",
        "dana@",
        "@example.com",
        "dana@work@example.com",
        "dana whitfield@example.com",
        "<dana@example.com>",
        "dana@example.com, lee@example.com",
        "dana@example.com?cc=lee@example.com",
        "dana@example.com&body=hi",
        "dana@example.com\r\nBcc: lee@example.com",
        &format!("{}@example.com", "d".repeat(250)),
    ] {
        let body = json!({ "variables": thank_you(json!({})), "to": to });
        assert_rejected(&app, body, &[("to", BAD_ADDRESS)]).await;
    }
}

#[actix_web::test]
async fn recipient_lists_are_bounded() {
    let app = spawn_app().await;
    let shared = thank_you(json!({}));
    let recipient = json!({ "to": "dana@example.com", "variables": { "interviewer_name": "Dana" } });
    let too_many: Map<String, Value> =
        shared.clone().into_iter().chain((0..).map(|n| (format!("extra_{n}"), json!("x")))).take(33).collect();
    assert_eq!(too_many.len(), 33);
    let cases = [
        (
            json!({ "variables": shared, "recipients": [] }),
            ("recipients", "must list at least one recipient, or be left out"),
        ),
        (
            json!({ "variables": shared, "recipients": vec![recipient.clone(); 21] }),
            ("recipients", "lists 21 recipients; at most 20 are allowed"),
        ),
        (json!({ "variables": too_many }), ("variables", "holds 33 variables; at most 32 are allowed")),
    ];
    for (body, error) in cases {
        assert_rejected(&app, body, &[error]).await;
    }
    let twenty = json!({ "variables": shared, "recipients": vec![recipient.clone(); 20] });
    let answer = render_thank_you(&app, twenty).await;
    assert_eq!(answer["emails"].as_array().unwrap().len(), 20);
    let unaddressed = json!({ "variables": { "interviewer_name": "Lee" } });
    let shared_to = json!({ "variables": shared, "to": "team@example.com", "recipients": [unaddressed, recipient] });
    let answer = render_thank_you(&app, shared_to).await;
    assert_eq!(answer["emails"][0]["to"], "team@example.com", "a shared `to` addresses recipients without their own");
    assert_eq!(answer["emails"][1]["to"], "dana@example.com");
}

#[actix_web::test]
async fn recipient_problems_name_the_recipient() {
    let app = spawn_app().await;
    let mut shared = thank_you(json!({}));
    shared.remove("interviewer_name");
    let body = json!({
        "variables": shared,
        "recipients": [
            { "to": "dana@example.com", "variables": { "interviewer_name": "Dana" } },
            { "to": "lee at example.com", "variables": { "x": "1", "specific_topic": 7 } }
        ]
    });
    assert_rejected(
        &app,
        body,
        &[
            ("recipients[1].variables.specific_topic", "must be a string"),
            ("recipients[1].variables.x", THANK_YOU_DECLARED),
            ("recipients[1].to", BAD_ADDRESS),
            (
                "recipients[1].variables.interviewer_name",
                "is required: How you address this interviewer, e.g. their first name or title and surname.",
            ),
        ],
    )
    .await;
}

#[actix_web::test]
async fn an_unknown_template_is_404_with_the_closest_ids() {
    let app = spawn_app().await;
    let body = json!({ "variables": thank_you(json!({})) });
    let response = app.post_json(&render_path("thank-you"), &body).await;
    assert_eq!(
        problem(response, 404).await,
        not_found_body("template", "thank-you", &["thank-you-to-recruiter", THANK_YOU])
    );
}

/// Asserts a 400 `invalid_body` answer. Its detail words serde's message, which is not ours,
/// so only the stable fields are compared whole; the detail must still name `mentions`.
async fn assert_invalid_body(response: reqwest::Response, mentions: &str) {
    let body = problem(response, 400).await;
    let detail = body["detail"].as_str().expect("a detail");
    assert!(!detail.is_empty() && detail.contains(mentions), "{body}");
    let stable = |body: &Value| ["type", "title", "status", "code"].map(|key| body[key].clone());
    let expected = problem_body(400, "invalid_body", "Invalid request body", detail);
    assert_eq!(stable(&body), stable(&expected), "{body}");
}

#[actix_web::test]
async fn bodies_that_are_not_render_requests_are_refused() {
    let app = spawn_app().await;
    let path = render_path(THANK_YOU);
    let json_type = Some("application/json");
    for (body, mentions) in [
        ("{\"variables\": {", "EOF"),
        ("hello", ""),
        ("", ""),
        ("{\"variables\": {}, \"subject\": \"Hi\"}", "subject"),
        ("{\"variables\": {}, \"recipients\": [{\"name\": \"Dana\"}]}", "name"),
        ("{\"variables\": [\"job_title\"]}", ""),
    ] {
        assert_invalid_body(app.post_raw(&path, json_type, body).await, mentions).await;
    }

    let unsupported = problem_body(
        415,
        "unsupported_media_type",
        "Unsupported media type",
        "The request body must be `application/json`.",
    );
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let response = app.post_raw(&path, content_type, "{}").await;
        assert_eq!(problem(response, 415).await, unsupported, "{content_type:?}");
    }

    let huge = json!({ "variables": thank_you(json!({ "specific_topic": "x".repeat(70_000) })) });
    assert_eq!(
        problem(app.post_json(&path, &huge).await, 413).await,
        problem_body(
            413,
            "payload_too_large",
            "Payload too large",
            "The request body is larger than the limit of 65536 bytes."
        )
    );
}

#[actix_web::test]
async fn render_takes_no_query_parameters() {
    let app = spawn_app().await;
    let body = json!({ "variables": thank_you(json!({})) });
    let response = app.post_json(&format!("{}?preview=1", render_path(THANK_YOU)), &body).await;
    assert_eq!(
        problem(response, 400).await,
        crate::helpers::invalid_query_body(&[(
            "preview",
            "unknown parameter; this operation takes no query parameters"
        )])
    );
}

#[actix_web::test]
async fn render_is_post_only() {
    let app = spawn_app().await;
    let path = render_path(THANK_YOU);
    for method in [Method::GET, Method::PUT] {
        let response = app.request(method.clone(), &path, &[]).await;
        let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(allow.as_deref(), Some("POST"), "{method}");
        let detail = format!("`{method}` is not allowed on `{path}`; allowed: POST.");
        assert_eq!(
            problem(response, 405).await,
            problem_body(405, "method_not_allowed", "Method not allowed", &detail)
        );
    }
}
