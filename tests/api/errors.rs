//! Every way a request can go wrong answers a complete RFC 9457 problem details body.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{
    content_type, invalid_query_body, not_found_body, problem, problem_body, route_not_found, schema_enum, spawn_app,
};

const TIP_PARAMETERS: &str =
    "`phase`, `category`, `stage`, `role_family`, `occupation`, `job_title`, `limit`, `offset`";
const QUESTION_PARAMETERS: &str =
    "`asked_by`, `category`, `stage`, `order`, `seed`, `role_family`, `occupation`, `job_title`, `limit`, `offset`";
const NO_PARAMETERS: &str = "unknown parameter; this operation takes no query parameters";

#[actix_web::test]
async fn malformed_query_parameters_are_named_with_what_is_allowed() {
    let app = spawn_app().await;
    let cases: &[(&str, &str, &str)] = &[
        ("/v1/tips?colour=red", "colour", &format!("unknown parameter; allowed: {TIP_PARAMETERS}")),
        ("/v1/questions?phase=before", "phase", &format!("unknown parameter; allowed: {QUESTION_PARAMETERS}")),
        ("/v1/stages?phase=before", "phase", "unknown parameter; allowed: `limit`, `offset`"),
        ("/v1/tips?limit=0", "limit", "must be a whole number from 1 to 200, got `0`"),
        ("/v1/tips?limit=201", "limit", "must be a whole number from 1 to 200, got `201`"),
        ("/v1/sources?limit=abc", "limit", "must be a whole number from 1 to 200, got `abc`"),
        ("/v1/stages?limit=", "limit", "must be a whole number from 1 to 200, got ``"),
        ("/v1/outcomes?offset=-1", "offset", "must be a whole number from 0 to 1000000, got `-1`"),
        ("/v1/templates?offset=1000001", "offset", "must be a whole number from 0 to 1000000, got `1000001`"),
        ("/v1/tips?limit=1&limit=2", "limit", "is given more than once; give it once"),
        ("/v1/tips?phase=%FF", "phase", "is not valid UTF-8 once percent-decoded"),
        ("/v1/tips?phase=%ZZ", "phase", "unknown value `%ZZ`; allowed: `before`, `during`, `after`"),
        ("/v1/tips?%FF=before", "%FF", "is not valid UTF-8 once percent-decoded"),
        ("/v1/questions?seed=3", "seed", "is only allowed with `order=random`"),
        ("/v1/questions?order=default&seed=3", "seed", "is only allowed with `order=random`"),
        ("/v1/questions?order=random", "seed", "is required with `order=random`, so the shuffle can be repeated"),
        ("/v1/questions?order=random&seed=-1", "seed", "must be a whole number from 0 to 9007199254740991, got `-1`"),
        (
            "/v1/questions?order=random&seed=9007199254740992",
            "seed",
            "must be a whole number from 0 to 9007199254740991, got `9007199254740992`",
        ),
        ("/v1/tips?stage=Not_An_Id", "stage", "`Not_An_Id` is not a valid id (kebab-case, at most 64 characters)"),
        ("/v1/questions?stage=Not_An_Id", "stage", "`Not_An_Id` is not a valid id (kebab-case, at most 64 characters)"),
    ];
    for (path, field, message) in cases {
        app.assert_get_problem(path, &invalid_query_body(&[(field, message)])).await;
    }
}

#[actix_web::test]
async fn unknown_enum_values_list_every_value_the_spec_allows() {
    let app = spawn_app().await;
    let enums = [
        ("/v1/tips", "phase"),
        ("/v1/tips", "category"),
        ("/v1/questions", "asked_by"),
        ("/v1/questions", "category"),
        ("/v1/questions", "order"),
    ];
    for (path, name) in enums {
        let allowed =
            schema_enum(&app, path, name).await.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        let message = format!("unknown value `soon`; allowed: {allowed}");
        app.assert_get_problem(&format!("{path}?{name}=soon"), &invalid_query_body(&[(name, &message)])).await;
    }
}

#[actix_web::test]
async fn every_query_problem_is_reported_at_once() {
    let app = spawn_app().await;
    app.assert_get_problem("/v1/tips?phase=soon&category=cooking&limit=0",
        &json!({
            "type": "/problems#invalid_query",
            "title": "Invalid query parameters",
            "status": 400,
            "detail": "3 problems: `phase`, `category`, `limit`.",
            "code": "invalid_query",
            "errors": [
                { "field": "phase", "message": "unknown value `soon`; allowed: `before`, `during`, `after`" },
                { "field": "category", "message": "unknown value `cooking`; allowed: `research`, `practice`, `storytelling`, `questions`, `rapport`, `presence`, `follow-up`, `learning`, `logistics`, `mindset`" },
                { "field": "limit", "message": "must be a whole number from 1 to 200, got `0`" },
            ],
        }),
    )
    .await;
}

#[actix_web::test]
async fn a_repeated_unknown_parameter_is_reported_once() {
    let app = spawn_app().await;
    let message = format!("unknown parameter; allowed: {TIP_PARAMETERS}");
    app.assert_get_problem("/v1/tips?colour=red&colour=blue", &invalid_query_body(&[("colour", &message)])).await;
}

#[actix_web::test]
async fn a_misspelt_order_does_not_also_blame_the_seed() {
    let app = spawn_app().await;
    let message = "unknown value `Random`; allowed: `default`, `random`";
    app.assert_get_problem("/v1/questions?order=Random&seed=1", &invalid_query_body(&[("order", message)])).await;
}

#[actix_web::test]
async fn operations_without_parameters_refuse_any() {
    let app = spawn_app().await;
    let paths = [
        "/",
        "/healthz",
        "/readyz",
        "/openapi.json",
        "/v1/meta",
        "/v1/stages/second-interview",
        "/v1/outcomes/job-offer",
        "/v1/tips/use-star-method",
        "/v1/questions/tell-us-about-yourself",
        "/v1/templates/thank-you-after-second-interview",
        "/v1/sources/career-karma-second-interview",
    ];
    for path in paths {
        app.assert_get_problem(&format!("{path}?x=1"), &invalid_query_body(&[("x", NO_PARAMETERS)])).await;
    }
}

#[actix_web::test]
async fn unknown_ids_are_named_with_the_closest_ids() {
    let app = spawn_app().await;
    let cases: [(&str, &str, &str, &[&str]); 7] = [
        ("/v1/stages", "stage", "second-intervew", &["second-interview", "first-interview"]),
        ("/v1/outcomes", "outcome", "job-ofer", &["job-offer"]),
        ("/v1/tips", "tip", "use-star-metod", &["use-star-method"]),
        ("/v1/questions", "question", "tell-me-about-yourself", &["tell-us-about-yourself"]),
        ("/v1/templates", "template", "thank-you", &["thank-you-to-recruiter", "thank-you-after-second-interview"]),
        ("/v1/sources", "source", "career-karma", &["career-karma-second-interview"]),
        ("/v1/sources", "source", "zzzzzzzzzzzz", &[]),
    ];
    for (collection, kind, id, suggestions) in cases {
        app.assert_get_problem(&format!("{collection}/{id}"), &not_found_body(kind, id, suggestions)).await;
    }
}

#[actix_web::test]
async fn very_long_ids_and_paths_are_shortened_in_the_detail() {
    let app = spawn_app().await;
    let long = "q".repeat(500);
    let shown = format!("{}…", "q".repeat(80));
    app.assert_get_problem(&format!("/v1/tips/{long}"), &not_found_body("tip", &shown, &[])).await;
    let path_shown = format!("/{}…", "q".repeat(79));
    app.assert_get_problem(&format!("/{long}"), &route_not_found(&path_shown)).await;
}

#[actix_web::test]
async fn unknown_paths_answer_route_not_found() {
    let app = spawn_app().await;
    for path in ["/nope", "/v1", "/v2/stages", "/V1/stages", "/v1/stages/", "/v1/stages/second-interview/extra/parts"] {
        app.assert_get_problem(path, &route_not_found(path)).await;
    }
}

#[actix_web::test]
async fn wrong_methods_answer_405_with_allow() {
    let app = spawn_app().await;
    let cases = [
        (Method::POST, "/v1/stages"),
        (Method::PUT, "/v1/stages/second-interview"),
        (Method::DELETE, "/v1/tips/use-star-method"),
        (Method::PATCH, "/healthz"),
        (Method::POST, "/"),
    ];
    for (method, path) in cases {
        let response = app.request(method.clone(), path, &[]).await;
        let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(allow.as_deref(), Some("GET, HEAD"), "{method} {path}");
        let detail = format!("`{method}` is not allowed on `{path}`; allowed: GET, HEAD.");
        assert_eq!(
            problem(response, 405).await,
            problem_body(405, "method_not_allowed", "Method not allowed", &detail),
            "{method} {path}"
        );
    }
    let with_body = app.post_json("/v1/tips", &json!({ "phase": "before" })).await;
    let detail = "`POST` is not allowed on `/v1/tips`; allowed: GET, HEAD.";
    assert_eq!(problem(with_body, 405).await, problem_body(405, "method_not_allowed", "Method not allowed", detail));
}

#[actix_web::test]
async fn head_answers_like_get_without_a_body() {
    let app = spawn_app().await;
    for (path, status, media_type) in [
        ("/v1/stages", 200, "application/json; charset=utf-8"),
        ("/v1/stages/second-interview", 200, "application/json; charset=utf-8"),
        ("/v1/stages/nope", 404, "application/problem+json"),
    ] {
        let response = app.request(Method::HEAD, path, &[]).await;
        assert_eq!(response.status(), status, "HEAD {path}");
        assert_eq!(content_type(&response), media_type, "HEAD {path}");
        assert!(response.bytes().await.unwrap().is_empty(), "HEAD {path} has a body");
    }
}
