//! The depth a job board needs: question bank and template counts, example answers, role
//! families that narrow both lists, the formats collection, and provenance on every item.

use serde_json::{Value, json};

use crate::helpers::{TestApp, invalid_query_body, spawn_app};

/// Every item of the list at `path` (all pages).
async fn all(app: &TestApp, path: &str) -> Vec<Value> {
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    loop {
        let page = app.get_json(&format!("{path}{separator}limit=200&offset={}", items.len())).await;
        let batch = page["items"].as_array().unwrap().clone();
        let total = page["total"].as_u64().unwrap() as usize;
        items.extend(batch);
        if items.len() >= total {
            return items;
        }
    }
}

fn id(item: &Value) -> &str {
    item["id"].as_str().unwrap()
}

#[actix_web::test]
async fn the_question_bank_and_the_templates_have_the_promised_depth() {
    let app = spawn_app().await;
    let interviewer = all(&app, "/v1/questions?asked_by=interviewer").await.len();
    let candidate = all(&app, "/v1/questions?asked_by=candidate").await.len();
    assert!(interviewer >= 70 && candidate >= 50, "{interviewer} interviewer, {candidate} candidate questions");
    assert!(interviewer + candidate >= 120);
    assert!(all(&app, "/v1/templates").await.len() >= 13);
    assert!(all(&app, "/v1/formats").await.len() >= 10);
}

#[actix_web::test]
async fn every_behavioural_question_has_a_four_part_example_answer() {
    let app = spawn_app().await;
    let behavioural = all(&app, "/v1/questions?category=behavioural").await;
    assert!(behavioural.len() >= 30, "{}", behavioural.len());
    for question in behavioural {
        let answer = question["example_answer"].as_object().unwrap_or_else(|| panic!("{}", id(&question)));
        let mut parts: Vec<&String> = answer.keys().collect();
        parts.sort();
        assert_eq!(parts, ["action", "result", "situation", "task"], "{}", id(&question));
        assert!(answer.values().all(|part| part.as_str().is_some_and(|text| text.len() > 20)), "{}", id(&question));
        assert_eq!(question["star"], true, "{}", id(&question));
        let editorial = question["editorial_fields"].as_array().unwrap();
        assert!(editorial.contains(&json!("example_answer")), "{}: example answers are ours", id(&question));
    }
}

#[actix_web::test]
async fn role_family_narrows_questions_and_tips_to_that_family_and_any_role() {
    let app = spawn_app().await;
    for list in ["/v1/questions", "/v1/tips"] {
        let everything = all(&app, list).await;
        for family in ["engineering", "sales", "healthcare", "trades"] {
            let narrowed = all(&app, &format!("{list}?role_family={family}")).await;
            let expected: Vec<&Value> = everything
                .iter()
                .filter(|item| {
                    let families = item["role_families"].as_array().unwrap();
                    families.contains(&json!(family)) || families.contains(&json!("any"))
                })
                .collect();
            assert_eq!(narrowed.iter().collect::<Vec<_>>(), expected, "{list}?role_family={family}");
            assert!(narrowed.len() < everything.len(), "{list}?role_family={family} narrows nothing");
        }
        let general = all(&app, &format!("{list}?role_family=any")).await;
        assert!(general.iter().all(|item| item["role_families"] == json!(["any"])), "{list}?role_family=any");
    }
    let engineering = all(&app, "/v1/questions?asked_by=interviewer&role_family=engineering&category=technical").await;
    assert!(!engineering.is_empty());
    assert!(engineering.iter().all(|q| q["asked_by"] == "interviewer" && q["category"] == "technical"));
}

#[actix_web::test]
async fn an_unknown_role_family_is_refused_with_the_allowed_ones() {
    let app = spawn_app().await;
    let families: Vec<String> =
        all(&app, "/v1/role-families").await.iter().map(|family| format!("`{}`", id(family))).collect();
    // A product minimum (the role families a job board needs), not the exact count: adding a
    // family must not break this test, losing one below 15 must.
    assert!(families.len() >= 15, "only {} role families", families.len());
    let message = format!("no role family has the id `astronaut`; allowed: {}", families.join(", "));
    for list in ["/v1/questions", "/v1/tips"] {
        let path = format!("{list}?role_family=astronaut");
        app.assert_get_problem(&path, &invalid_query_body(&[("role_family", &message)])).await;
    }
}

#[actix_web::test]
async fn stages_name_formats_that_exist_and_formats_link_what_they_cite() {
    let app = spawn_app().await;
    let formats = all(&app, "/v1/formats").await;
    let ids: Vec<&str> = formats.iter().map(id).collect();
    for needed in ["panel", "presentation", "case-study", "technical-exercise", "take-home-assignment", "video-call"] {
        assert!(ids.contains(&needed), "no format `{needed}`");
    }
    for stage in all(&app, "/v1/stages").await {
        for format in stage["formats"].as_array().unwrap() {
            assert!(ids.contains(&format.as_str().unwrap()), "{} names {format}", id(&stage));
        }
    }
    for format in &formats {
        assert!(
            !format["how_to_prepare"].as_array().unwrap().is_empty()
                && !format["what_to_bring"].as_array().unwrap().is_empty()
        );
        for tip in format["tips"].as_array().unwrap() {
            app.get_json(&format!("/v1/tips/{}", tip.as_str().unwrap())).await;
        }
        for question in format["questions"].as_array().unwrap() {
            app.get_json(&format!("/v1/questions/{}", question.as_str().unwrap())).await;
        }
    }
}

#[actix_web::test]
async fn every_item_says_which_of_its_fields_are_ours() {
    let app = spawn_app().await;
    for list in
        ["/v1/stages", "/v1/outcomes", "/v1/tips", "/v1/questions", "/v1/templates", "/v1/formats", "/v1/sources"]
    {
        for item in all(&app, list).await {
            let fields = item["editorial_fields"].as_array().unwrap_or_else(|| panic!("{list} {}", id(&item)));
            match item["origin"].as_str().unwrap() {
                "source" => assert!(fields.is_empty(), "{list} {}", id(&item)),
                _ => assert!(!fields.is_empty(), "{list} {}", id(&item)),
            }
        }
    }
    let offer = app.get_json("/v1/outcomes/job-offer").await;
    assert_eq!(offer["next_steps"], json!([]), "no document says what to do with an offer");
    assert!(offer["editorial_fields"].as_array().unwrap().contains(&json!("editorial_next_steps")));
    let karma = app.get_json("/v1/sources/career-karma-second-interview").await;
    assert!(karma.get("title").is_none(), "that document has no title: {karma}");
}
