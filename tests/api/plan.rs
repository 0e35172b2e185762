//! `GET /v1/plan`: dated next steps from an interview date.

use chrono::{Days, NaiveDate};
use serde_json::Value;

use crate::helpers::{TestApp, data_items, data_table, invalid_query_body, spawn_app};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

/// `anchor` moved by `offset` days (negative is earlier).
fn shift(anchor: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    if offset < 0 { anchor - days } else { anchor + days }
}

/// The default wait before a decision, from data/plan.toml.
fn default_wait() -> i64 {
    data_table("plan.toml")["default_decision_wait_days"]
        .as_integer()
        .expect("plan.toml sets default_decision_wait_days")
}

/// `(step id, date)` of every step of data/plan.toml, dated from `interview` and `decision`,
/// in date order (steps on the same day keep the file's order).
fn expected_steps(interview: NaiveDate, decision: NaiveDate) -> Vec<(String, String)> {
    let mut steps: Vec<(String, NaiveDate)> = data_items("plan.toml", "steps")
        .iter()
        .map(|step| {
            let anchor = match step["anchor"].as_str().unwrap() {
                "interview" => interview,
                "decision" => decision,
                other => panic!("unknown anchor {other}"),
            };
            let id = step["id"].as_str().unwrap().to_owned();
            (id, shift(anchor, step["offset_days"].as_integer().unwrap()))
        })
        .collect();
    steps.sort_by_key(|(_, date)| *date);
    steps.into_iter().map(|(id, date)| (id, date.to_string())).collect()
}

/// `(step id, date)` of every step of a served plan, as served.
fn served_steps(plan: &Value) -> Vec<(String, String)> {
    plan["steps"]
        .as_array()
        .expect("a plan has steps")
        .iter()
        .map(|step| (step["step"]["id"].as_str().unwrap().to_owned(), step["date"].as_str().unwrap().to_owned()))
        .collect()
}

/// Asserts the steps are dated as data/plan.toml says and come in date order.
fn assert_dated(plan: &Value, interview: NaiveDate, decision: NaiveDate) {
    let served = served_steps(plan);
    assert_eq!(served, expected_steps(interview, decision));
    assert!(served.windows(2).all(|pair| pair[0].1 <= pair[1].1), "{served:?}");
}

#[actix_web::test]
async fn without_a_decision_date_the_editorial_default_applies() {
    let app = spawn_app().await;
    let interview = date("2026-12-01");
    let decision = shift(interview, default_wait());
    let plan = app.get_json("/v1/plan?interview_date=2026-12-01").await;
    assert_eq!(plan["interview_date"], "2026-12-01");
    assert_eq!(plan["decision_date"], decision.to_string());
    assert_eq!(plan["decision_basis"], "editorial-default");
    assert_dated(&plan, interview, decision);
}

#[actix_web::test]
async fn the_employers_date_anchors_the_follow_up() {
    let app = spawn_app().await;
    let interview = date("2026-12-01");
    for decision in ["2026-12-10", "2026-12-01", "2027-03-01"] {
        let plan = app.get_json(&format!("/v1/plan?interview_date=2026-12-01&decision_expected_by={decision}")).await;
        assert_eq!(plan["decision_date"], decision);
        assert_eq!(plan["decision_basis"], "employer");
        assert_dated(&plan, interview, date(decision));
    }
}

#[actix_web::test]
async fn dates_cross_months_years_and_leap_days() {
    let app = spawn_app().await;
    for interview in ["2028-03-01", "2026-01-01", "2026-12-31", "1970-01-01", "2200-12-31"] {
        let plan = app.get_json(&format!("/v1/plan?interview_date={interview}")).await;
        let interview = date(interview);
        assert_dated(&plan, interview, shift(interview, default_wait()));
    }
}

#[actix_web::test]
async fn every_step_links_tips_and_templates_that_exist() {
    let app = spawn_app().await;
    let plan = app.get_json("/v1/plan?interview_date=2026-12-01").await;
    let steps = plan["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    let mut links = 0;
    for step in steps {
        for (field, collection) in [("tips", "tips"), ("templates", "templates")] {
            for id in step["step"][field].as_array().expect("a list of ids") {
                let id = id.as_str().unwrap();
                app.get_json(&format!("/v1/{collection}/{id}")).await;
                links += 1;
            }
        }
    }
    assert!(links > 0, "no step links anything");
    let with_templates = steps.iter().filter(|step| !step["step"]["templates"].as_array().unwrap().is_empty()).count();
    assert!(with_templates > 0, "no step links a template");
}

#[actix_web::test]
async fn the_plan_says_what_to_do_for_each_outcome() {
    let app = spawn_app().await;
    let plan = app.get_json("/v1/plan?interview_date=2026-12-01").await;
    let outcomes = app.get_json("/v1/outcomes?limit=200").await;
    assert!(!outcomes["items"].as_array().unwrap().is_empty());
    assert_eq!(plan["outcomes"], outcomes["items"]);
}

async fn assert_refused(app: &TestApp, query: &str, parameter: &str, message: &str) {
    app.assert_get_problem(&format!("/v1/plan?{query}"), &invalid_query_body(&[(parameter, message)])).await;
}

#[actix_web::test]
async fn malformed_or_impossible_dates_are_refused() {
    let app = spawn_app().await;
    assert_refused(&app, "", "interview_date", "is required").await;
    assert_refused(&app, "decision_expected_by=2026-12-10", "interview_date", "is required").await;
    for bad in ["2026-13-01", "2026-02-30", "2027-02-29", "12/01/2026", "2026-1-5", "2026-12-01T10:00", "tomorrow", ""]
    {
        let message = format!("must be a calendar date as YYYY-MM-DD, got `{bad}`");
        assert_refused(&app, &format!("interview_date={bad}"), "interview_date", &message).await;
        let query = format!("interview_date=2026-12-01&decision_expected_by={bad}");
        assert_refused(&app, &query, "decision_expected_by", &message).await;
    }
    assert_refused(
        &app,
        "interview_date=2026-12-01&decision_expected_by=2026-11-30",
        "decision_expected_by",
        "must not be before interview_date (2026-12-01)",
    )
    .await;
    for (query, parameter) in [
        ("interview_date=9999-01-01", "interview_date"),
        ("interview_date=1969-12-31", "interview_date"),
        ("interview_date=2026-12-01&decision_expected_by=9999-01-01", "decision_expected_by"),
    ] {
        assert_refused(&app, query, parameter, "must be a date from 1970 to 2200").await;
    }
    assert_refused(
        &app,
        "interview_date=2026-12-01&timezone=UTC",
        "timezone",
        "unknown parameter; allowed: `interview_date`, `decision_expected_by`",
    )
    .await;
}
