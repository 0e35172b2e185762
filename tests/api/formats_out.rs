//! Answers in the candidate's own tools: the plan as iCalendar and a rendered email as a draft
//! message, chosen by `Accept`, with JSON the default.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, content_type, problem, problem_body, spawn_app, thank_you_render_body};

const PLAN: &str = "/v1/plan?interview_date=2026-12-01&decision_expected_by=2026-12-10";
const RENDER: &str = "/v1/templates/thank-you-after-second-interview/render";

async fn calendar(app: &TestApp) -> reqwest::Response {
    app.request(Method::GET, PLAN, &[("accept", "text/calendar")]).await
}

/// The unfolded lines of an iCalendar text (RFC 5545 folds long lines with CRLF and a space).
fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "").split("\r\n").filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

#[actix_web::test]
async fn the_plan_comes_as_icalendar_with_one_event_per_step_on_the_json_dates() {
    let app = spawn_app().await;
    let plan = app.get_json(PLAN).await;
    let response = calendar(&app).await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), "text/calendar; charset=utf-8");
    assert_eq!(response.headers()["vary"], "accept, accept-encoding");
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"second-interview-plan-2026-12-01.ics\""
    );
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let text = response.text().await.unwrap();
    let lines = unfolded(&text);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let starts: Vec<String> =
        lines.iter().filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:")).map(str::to_owned).collect();
    let dates: Vec<String> =
        plan["steps"].as_array().unwrap().iter().map(|step| step["date"].as_str().unwrap().replace('-', "")).collect();
    assert_eq!(starts, dates, "one all-day event per step, on the JSON's dates");
    let alarms = lines.iter().filter(|line| *line == "BEGIN:VALARM").count();
    let acting = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["step"]["templates"].as_array().unwrap().is_empty())
        .count();
    assert!(alarms > 0 && alarms == acting, "a reminder on each step that sends an email");
    assert!(text.contains("/v1/templates/status-follow-up"), "templates are named with their paths");

    let again = calendar(&app).await;
    assert_eq!(again.headers()["etag"].to_str().unwrap(), tag, "the same plan is the same calendar");
    assert_eq!(again.text().await.unwrap(), text);
    let json_tag = app.get(PLAN).await.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(json_tag, tag, "each representation has its own validator");
    let revalidated = app.request(Method::GET, PLAN, &[("accept", "text/calendar"), ("if-none-match", &tag)]).await;
    assert_eq!(revalidated.status(), 304);
}

#[actix_web::test]
async fn json_stays_the_default_and_an_unacceptable_accept_is_406() {
    let app = spawn_app().await;
    for accept in ["*/*", "application/json", "text/calendar, application/json", "text/html, */*;q=0.1"] {
        let response = app.request(Method::GET, PLAN, &[("accept", accept)]).await;
        assert_eq!(content_type(&response), "application/json; charset=utf-8", "{accept}");
        assert_eq!(response.headers()["vary"], "accept, accept-encoding");
    }
    let response = app.request(Method::GET, PLAN, &[("accept", "image/png")]).await;
    let detail = "This operation answers `application/json` or `text/calendar`; the Accept header admits none of them.";
    assert_eq!(problem(response, 406).await, problem_body(406, "not_acceptable", "Not acceptable", detail));
}

async fn draft(app: &TestApp, body: &Value) -> reqwest::Response {
    app.client
        .post(format!("{}{RENDER}", app.address))
        .header("accept", "message/rfc822")
        .json(body)
        .send()
        .await
        .expect("request is sent")
}

#[actix_web::test]
async fn a_render_comes_as_a_draft_message_with_both_bodies() {
    let app = spawn_app().await;
    let mut body = thank_you_render_body();
    body["to"] = json!("dana@example.com");
    let response = draft(&app, &body).await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), "message/rfc822");
    assert_eq!(response.headers()["vary"], "accept");
    let text = response.text().await.unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").expect("a head and a body");
    let head = head.replace("\r\n ", " ");
    for header in [
        "Subject: Thank you - Senior Data Analyst interview at Northwind Logistics",
        "X-Unsent: 1",
        "To: <dana@example.com>",
        "MIME-Version: 1.0",
    ] {
        assert!(head.lines().any(|line| line == header), "{header} in:\n{head}");
    }
    assert!(head.contains("Content-Type: multipart/alternative;"), "{head}");
    assert!(
        rest.contains("Content-Type: text/plain; charset=\"utf-8\"")
            && rest.contains("Content-Type: text/html; charset=\"utf-8\"")
    );
}

#[actix_web::test]
async fn a_draft_takes_one_recipient() {
    let app = spawn_app().await;
    let mut body = thank_you_render_body();
    body["recipients"] = json!([{ "to": "a@example.com" }, { "to": "b@example.com" }]);
    let message = "a draft holds one email: give one recipient, or ask for JSON to get one email per recipient";
    let mut expected = problem_body(422, "validation_failed", "Validation failed", &format!("`recipients`: {message}"));
    expected["errors"] = json!([{ "field": "recipients", "message": message }]);
    assert_eq!(problem(draft(&app, &body).await, 422).await, expected);
    body["recipients"] = json!([{ "to": "a@example.com" }]);
    let one = draft(&app, &body).await;
    assert_eq!(one.status(), 200);
    assert!(one.text().await.unwrap().contains("To: <a@example.com>"));
}
