//! `GET /v1/stages/{id}/kit`: one stage with everything a page about it needs, which must be
//! exactly what the filtered collections answer.

use serde_json::{Value, json};

use crate::helpers::{TestApp, data_items, not_found_body, spawn_app};

/// The items of the list answer at `path`, all on one page.
async fn all_items(app: &TestApp, path: &str) -> Value {
    let page = app.get_json(&format!("{path}&limit=200")).await;
    assert_eq!(
        page["total"].as_u64().unwrap() as usize,
        page["items"].as_array().unwrap().len(),
        "{path} has more than one page"
    );
    page["items"].clone()
}

/// Every stage id, in order.
async fn stage_ids(app: &TestApp) -> Vec<String> {
    let ids = app.ids("/v1/stages").await;
    assert!(!ids.is_empty());
    ids
}

#[actix_web::test]
async fn the_kit_holds_the_stage_itself() {
    let app = spawn_app().await;
    for stage in stage_ids(&app).await {
        let kit = app.get_json(&format!("/v1/stages/{stage}/kit")).await;
        let keys: Vec<&String> = kit.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["formats", "outcomes", "questions", "stage", "templates", "tips"], "{stage}");
        assert_eq!(kit["stage"], app.get_json(&format!("/v1/stages/{stage}")).await);
        let mut formats = Vec::new();
        for id in kit["stage"]["formats"].as_array().unwrap() {
            formats.push(app.get_json(&format!("/v1/formats/{}", id.as_str().unwrap())).await);
        }
        assert_eq!(kit["formats"], json!(formats), "{stage}: the kit holds each of the stage's formats, in order");
    }
}

#[actix_web::test]
async fn kit_tips_and_questions_are_the_filtered_lists_of_each_group() {
    let app = spawn_app().await;
    let groups: [(&str, &str, &[&str]); 2] =
        [("tips", "phase", &["before", "during", "after"]), ("questions", "asked_by", &["interviewer", "candidate"])];
    for (collection, filter, values) in groups {
        let mut total = 0;
        for stage in stage_ids(&app).await {
            let kit = app.get_json(&format!("/v1/stages/{stage}/kit")).await;
            let grouped = &kit[collection];
            assert_eq!(grouped.as_object().unwrap().len(), values.len(), "{stage} {collection}");
            for value in values {
                let path = format!("/v1/{collection}?stage={stage}&{filter}={value}");
                let listed = all_items(&app, &path).await;
                assert_eq!(grouped[value], listed, "{path}");
                total += listed.as_array().unwrap().len();
            }
        }
        assert!(total > 0, "no stage has any {collection}");
    }
}

#[actix_web::test]
async fn kit_outcomes_follow_the_stage_in_its_order() {
    let app = spawn_app().await;
    for stage in stage_ids(&app).await {
        let kit = app.get_json(&format!("/v1/stages/{stage}/kit")).await;
        let mut expected = Vec::new();
        for id in kit["stage"]["outcomes"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            expected.push(app.get_json(&format!("/v1/outcomes/{id}")).await);
        }
        assert_eq!(kit["outcomes"], Value::Array(expected), "{stage}");
    }
}

#[actix_web::test]
async fn kit_templates_are_those_sent_after_the_stage() {
    let app = spawn_app().await;
    let templates = data_items("templates.toml", "templates");
    let mut total = 0;
    for stage in stage_ids(&app).await {
        let kit = app.get_json(&format!("/v1/stages/{stage}/kit")).await;
        let mut expected = Vec::new();
        for template in &templates {
            let listed = template["stages"].as_array().unwrap();
            if listed.iter().any(|s| s.as_str() == Some(&stage)) {
                let id = template["id"].as_str().unwrap();
                expected.push(app.get_json(&format!("/v1/templates/{id}")).await);
            }
        }
        total += expected.len();
        assert_eq!(kit["templates"], Value::Array(expected), "{stage}");
    }
    assert!(total > 0, "no stage has any template");
}

#[actix_web::test]
async fn an_unknown_stage_is_404_with_the_closest_ids() {
    let app = spawn_app().await;
    for (id, suggestions) in [
        ("second-intervew", &["second-interview", "first-interview"][..]),
        ("final-check", &["final-checks"][..]),
        ("zzzzzzzzzzzz", &[][..]),
    ] {
        app.assert_get_problem(&format!("/v1/stages/{id}/kit"), &not_found_body("stage", id, suggestions)).await;
    }
}
