//! Every answer carries an `X-Request-Id`: the client's when it is sane, a fresh UUID otherwise.

use reqwest::Method;

use crate::helpers::{TestApp, spawn_app};

/// The `x-request-id` of the answer to `method path` sent with `headers`.
async fn request_id(app: &TestApp, method: Method, path: &str, headers: &[(&str, &str)]) -> String {
    let response = app.request(method.clone(), path, headers).await;
    let id = response
        .headers()
        .get("x-request-id")
        .unwrap_or_else(|| panic!("{method} {path} answered without x-request-id"));
    id.to_str().unwrap().to_owned()
}

fn assert_generated(id: &str, context: &str) {
    let uuid = uuid::Uuid::parse_str(id).unwrap_or_else(|_| panic!("{context}: `{id}` is not a generated UUID"));
    assert_eq!(uuid.get_version_num(), 4, "{context}: `{id}`");
}

#[actix_web::test]
async fn every_answer_carries_a_generated_request_id() {
    let app = spawn_app().await;
    let requests = [
        (Method::GET, "/v1/stages"),
        (Method::GET, "/v1/tips?phase=soon"),
        (Method::GET, "/v1/stages/nope"),
        (Method::GET, "/nope"),
        (Method::POST, "/v1/stages"),
        (Method::HEAD, "/healthz"),
        (Method::GET, "/docs/"),
    ];
    let mut seen = Vec::new();
    for (method, path) in requests {
        let id = request_id(&app, method.clone(), path, &[]).await;
        assert_generated(&id, &format!("{method} {path}"));
        assert!(!seen.contains(&id), "{method} {path} reused the request id {id}");
        seen.push(id);
    }
}

#[actix_web::test]
async fn a_sane_client_request_id_is_echoed() {
    let app = spawn_app().await;
    let longest = "r".repeat(128);
    for given in ["abc-123", "Req_1.2:3", "0f8fad5b-d9cb-469f-a165-70867728950e", &longest] {
        for path in ["/healthz", "/v1/tips?phase=soon", "/nope"] {
            assert_eq!(request_id(&app, Method::GET, path, &[("X-Request-Id", given)]).await, given, "GET {path}");
        }
    }
}

#[actix_web::test]
async fn an_unacceptable_client_request_id_is_replaced() {
    let app = spawn_app().await;
    let (too_long, far_too_long) = ("r".repeat(129), "r".repeat(300));
    for given in [too_long.as_str(), &far_too_long, "has space", "semi;colon", "new\tline", "<script>", ""] {
        let id = request_id(&app, Method::GET, "/healthz", &[("X-Request-Id", given)]).await;
        assert_generated(&id, &format!("given {given:?}"));
    }
}
