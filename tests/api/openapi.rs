//! The committed spec is exactly what the service serves.
//!
//! `UPDATE_OPENAPI=1 cargo test openapi` rewrites `openapi/openapi.json` from the live server.

use crate::helpers::{json_ok, spawn_app};

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");

#[actix_web::test]
async fn committed_spec_equals_served_spec() {
    let app = spawn_app().await;
    let response = app.get("/openapi.json").await;
    assert_eq!(response.status(), 200);
    let served = response.text().await.unwrap();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &served).expect("openapi/openapi.json is writable");
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == served,
        "openapi/openapi.json differs from the served spec; run `UPDATE_OPENAPI=1 cargo test openapi` and commit the result"
    );
}

#[actix_web::test]
async fn every_path_example_id_exists() {
    let app = spawn_app().await;
    let spec = json_ok(app.get("/openapi.json").await).await;
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let mut url = path.clone();
        for parameter in get["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] == "path" {
                let example =
                    parameter["example"].as_str().unwrap_or_else(|| panic!("{path}: path parameter without example"));
                url = url.replace(&format!("{{{}}}", parameter["name"].as_str().unwrap()), example);
            }
        }
        if url != *path {
            assert_eq!(app.get(&url).await.status(), 200, "example {url} of {path} does not resolve");
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} paths with examples were checked");
}

#[actix_web::test]
async fn swagger_ui_is_served_from_the_binary() {
    let app = spawn_app().await;
    let page = app.get("/docs/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui-bundle.js"));
    let bundle = app.get("/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200);
    assert!(bundle.bytes().await.unwrap().len() > 100_000);
    let initializer = app.get("/docs/swagger-initializer.js").await.text().await.unwrap();
    assert!(initializer.contains("/openapi.json"), "{initializer}");
}

/// Every operation the spec documents is a function of that name in `src/`, so
/// `grep -rn "fn list_stages" src` finds the code behind `list_stages`: no operation is
/// generated out of sight.
#[test]
fn every_operation_id_is_a_function_in_the_source() {
    let spec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(COMMITTED).unwrap()).unwrap();
    let mut source = String::new();
    let mut folders = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                source.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let operations: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|operation| operation["operationId"].as_str())
        .collect();
    assert!(operations.len() >= 28, "{} operations", operations.len());
    let missing: Vec<&&str> = operations.iter().filter(|id| !source.contains(&format!("pub async fn {id}("))).collect();
    assert!(missing.is_empty(), "operations with no function of their name in src/: {missing:?}");
}

/// The query parameters an operation accepts are exactly the ones its spec documents, in the
/// same order: a parameter cannot be documented and refused, or accepted and undocumented.
#[actix_web::test]
async fn every_operation_accepts_exactly_its_documented_query_parameters() {
    let app = spawn_app().await;
    let spec = json_ok(app.get("/openapi.json").await).await;
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let documented: Vec<String> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|parameter| parameter["in"] == "query")
                .map(|parameter| format!("`{}`", parameter["name"].as_str().unwrap()))
                .collect();
            let url = path.replace("{id}", "x") + "?zz_undocumented=1";
            let response = match method.as_str() {
                "get" => app.get(&url).await,
                _ => app.post_json(&url, &serde_json::json!({})).await,
            };
            assert_eq!(response.status(), 400, "{method} {url}");
            let body: serde_json::Value = response.json().await.unwrap();
            let expected = if documented.is_empty() {
                "unknown parameter; this operation takes no query parameters".to_owned()
            } else {
                format!("unknown parameter; allowed: {}", documented.join(", "))
            };
            assert_eq!(body["errors"][0]["message"], expected.as_str(), "{method} {url}");
            checked += 1;
        }
    }
    assert!(checked >= 28, "{checked} operations");
}
