//! `GET /v1/odds`: the chance of an offer, as a point or as a range from the pool figures.

use serde_json::{Value, json};

use crate::helpers::{TestApp, data_items, data_table, invalid_query_body, spawn_app};

/// The pool of `seniority` in `data/odds.toml`.
fn pool(seniority: &str) -> toml::Value {
    data_items("odds.toml", "pools")
        .into_iter()
        .find(|pool| pool["seniority"].as_str() == Some(seniority))
        .unwrap_or_else(|| panic!("data/odds.toml has no {seniority} pool"))
}

fn strings(value: &toml::Value) -> Vec<String> {
    value.as_array().expect("an array").iter().map(|item| item.as_str().expect("a string").to_owned()).collect()
}

/// Asserts the parts every estimate carries: the formula, the assumptions and the sources
/// (those of the pool used, if any, and of every assumption), as data/odds.toml has them.
async fn assert_explained(app: &TestApp, estimate: &Value, pool: Option<&toml::Value>) {
    let odds = data_table("odds.toml");
    assert_eq!(estimate["formula"], odds["formula"].as_str().unwrap());
    let assumptions = data_items("odds.toml", "assumptions");
    let texts: Vec<&str> = assumptions.iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert!(!texts.is_empty());
    assert_eq!(estimate["assumptions"], json!(texts));

    let mut expected: Vec<String> = pool.map(|p| strings(&p["sources"])).unwrap_or_default();
    expected.extend(assumptions.iter().flat_map(|a| strings(&a["sources"])));
    expected.sort();
    expected.dedup();
    let mut served: Vec<String> = serde_json::from_value(estimate["sources"].clone()).unwrap();
    let listed = served.len();
    served.sort();
    served.dedup();
    assert_eq!(served.len(), listed, "sources are listed once each");
    assert_eq!(served, expected);
    for source in &served {
        app.get_json(&format!("/v1/sources/{source}")).await;
    }
}

/// Low, high and point of an estimate.
fn figures(estimate: &Value) -> (f64, f64, Value) {
    (
        estimate["low"].as_f64().expect("low is a number"),
        estimate["high"].as_f64().expect("high is a number"),
        estimate["point"].clone(),
    )
}

/// Whether `served` is `exact` as far as the client can tell: serde_json (without its
/// `float_roundtrip` feature) reads some 17-digit floats one or two ulps off.
fn close(served: f64, exact: f64) -> bool {
    (served - exact).abs() <= 4.0 * f64::EPSILON * exact
}

#[actix_web::test]
async fn known_finalists_give_an_exact_point() {
    let app = spawn_app().await;
    let cases = [
        ("finalists=4", 0.25, 4, 1, "standard"),
        ("openings=2&finalists=5", 0.4, 5, 2, "standard"),
        ("finalists=4&seniority=senior", 0.25, 4, 1, "senior"),
        ("finalists=1000&openings=1000", 1.0, 1000, 1000, "standard"),
    ];
    for (query, point, finalists, openings, seniority) in cases {
        let estimate = app.get_json(&format!("/v1/odds?{query}")).await;
        assert_eq!(figures(&estimate), (point, point, json!(point)), "{query}");
        assert_eq!(estimate["finalists_min"], finalists, "{query}");
        assert_eq!(estimate["finalists_max"], finalists, "{query}");
        assert_eq!(estimate["openings"], openings, "{query}");
        assert_eq!(estimate["seniority"], seniority, "{query}");
        assert_eq!(estimate["pool"], Value::Null, "{query}");
        assert_explained(&app, &estimate, None).await;
    }
}

#[actix_web::test]
async fn without_finalists_the_typical_pool_gives_a_range() {
    let app = spawn_app().await;
    let estimate = app.get_json("/v1/odds").await;
    // 1/6 exactly as f64 prints it.
    assert_eq!(figures(&estimate), (0.16666666666666666, 0.25, Value::Null));
    assert_eq!(estimate["finalists_min"], 4);
    assert_eq!(estimate["finalists_max"], 6);
    assert_eq!(estimate["openings"], 1);
    assert_eq!(estimate["seniority"], "standard");
    assert_eq!(estimate["pool"], "typical-pool");
    assert_explained(&app, &estimate, Some(&pool("standard"))).await;
}

#[actix_web::test]
async fn senior_roles_use_the_senior_pool_figures() {
    let app = spawn_app().await;
    let senior = pool("senior");
    let min = senior["finalists_min"].as_integer().unwrap();
    let max = senior["finalists_max"].as_integer().unwrap();
    let estimate = app.get_json("/v1/odds?seniority=senior").await;
    let (low, high, point) = figures(&estimate);
    assert!(close(low, 1.0 / max as f64), "{low}");
    assert!(close(high, 1.0 / min as f64), "{high}");
    assert_eq!(point, Value::Null);
    assert_eq!(estimate["finalists_min"], min);
    assert_eq!(estimate["finalists_max"], max);
    assert_eq!(estimate["seniority"], "senior");
    assert_eq!(estimate["pool"], senior["id"].as_str().unwrap());
    assert_explained(&app, &estimate, Some(&senior)).await;
}

#[actix_web::test]
async fn impossible_requests_name_the_parameter() {
    let app = spawn_app().await;
    let count = |value: &str| format!("must be a whole number from 1 to 1000, got `{value}`");
    let cases: [(&str, &str, String); 9] = [
        ("finalists=0", "finalists", count("0")),
        ("finalists=-1", "finalists", count("-1")),
        ("finalists=abc", "finalists", count("abc")),
        ("finalists=1001", "finalists", count("1001")),
        ("openings=0", "openings", count("0")),
        ("openings=5&finalists=4", "openings", "must not exceed finalists (4)".to_owned()),
        (
            "openings=4&seniority=senior",
            "openings",
            "must not exceed the pool's largest size (3); give `finalists` for a bigger hire".to_owned(),
        ),
        ("seniority=junior", "seniority", "unknown value `junior`; allowed: `standard`, `senior`".to_owned()),
        (
            "finalists=4&chance=high",
            "chance",
            "unknown parameter; allowed: `finalists`, `openings`, `seniority`".to_owned(),
        ),
    ];
    for (query, parameter, message) in cases {
        app.assert_get_problem(&format!("/v1/odds?{query}"), &invalid_query_body(&[(parameter, &message)])).await;
    }
}

#[actix_web::test]
async fn odds_stay_probabilities_and_fall_as_finalists_grow() {
    let app = spawn_app().await;
    for openings in 1..=5u32 {
        let mut previous = f64::INFINITY;
        for finalists in openings..=40 {
            let path = format!("/v1/odds?finalists={finalists}&openings={openings}");
            let (low, high, point) = figures(&app.get_json(&path).await);
            assert!((0.0..=1.0).contains(&low) && low <= high && high <= 1.0, "{path}");
            assert_eq!(point, json!(low), "{path}");
            let exact = f64::from(openings) / f64::from(finalists);
            assert!(close(low, exact), "{path}: {low}");
            assert!(low <= previous, "{path}: more finalists raised the odds");
            previous = low;
        }
        for seniority in ["standard", "senior"] {
            let path = format!("/v1/odds?seniority={seniority}&openings={openings}");
            let response = app.get(&path).await;
            if response.status() == 200 {
                let (low, high, _) = figures(&response.json().await.unwrap());
                assert!(0.0 <= low && low <= high && high <= 1.0, "{path}");
            } else {
                assert_eq!(response.status(), 400, "{path}");
            }
        }
    }
}
