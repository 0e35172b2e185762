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

/// Asserts the parts every estimate carries: the formula, the assumptions that apply (those
/// about pool figures only when a pool was used), the pool's reading and the sources (those of
/// the pool used, if any, and of every assumption given), as data/odds.toml has them.
async fn assert_explained(app: &TestApp, estimate: &Value, pool: Option<&toml::Value>) {
    let odds = data_table("odds.toml");
    assert_eq!(estimate["formula"], odds["formula"].as_str().unwrap());
    let assumptions: Vec<toml::Value> = data_items("odds.toml", "assumptions")
        .into_iter()
        .filter(|a| pool.is_some() || a["applies_to"].as_str() == Some("always"))
        .collect();
    let texts: Vec<&str> = assumptions.iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert!(!texts.is_empty());
    assert_eq!(estimate["assumptions"], json!(texts));
    assert_eq!(estimate["reading"], json!(pool.map(|p| p["reading"].as_str().unwrap())));
    let summary = estimate["summary"].as_str().unwrap();
    assert!(summary.contains(" at best. This is an upper bound"), "{summary}");

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

/// Whether `served` is `exact` rounded to the four decimals the service answers.
fn close(served: f64, exact: f64) -> bool {
    (served - exact).abs() <= 0.00005 + f64::EPSILON
}

#[actix_web::test]
async fn known_finalists_give_an_exact_point() {
    let app = spawn_app().await;
    let cases = [
        ("finalists=4", 0.25, 4, 1, "standard", "About 1 in 4"),
        ("openings=2&finalists=5", 0.4, 5, 2, "standard", "About 2 in 5"),
        ("openings=2&finalists=6", 0.3333, 6, 2, "standard", "About 1 in 3"),
        ("finalists=4&seniority=senior", 0.25, 4, 1, "senior", "About 1 in 4"),
        ("finalists=2", 0.5, 2, 1, "standard", "About 1 in 2"),
        ("finalists=1000&openings=999", 0.999, 1000, 999, "standard", "About 999 in 1000"),
    ];
    for (query, point, finalists, openings, seniority, words) in cases {
        let estimate = app.get_json(&format!("/v1/odds?{query}")).await;
        assert_eq!(figures(&estimate), (point, point, json!(point)), "{query}");
        assert!(estimate["summary"].as_str().unwrap().starts_with(&format!("{words} at best.")), "{query}: {estimate}");
        assert_eq!(estimate["reading"], Value::Null, "{query}");
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
    // 1/6 to four decimals: no false precision.
    assert_eq!(figures(&estimate), (0.1667, 0.25, Value::Null));
    assert!(estimate["summary"].as_str().unwrap().starts_with("Between 1 in 6 and 1 in 4 at best."));
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
    let finalists = |value: &str| format!("must be a whole number from 2 to 1000, got `{value}`");
    let certain = |n: u32| {
        format!(
            "must be fewer than finalists ({n}): with an opening for every finalist the estimate would claim certainty"
        )
    };
    let pool = |n: u32| {
        format!(
            "must be fewer than the smallest pool for this seniority ({n} finalists), or the estimate would claim certainty; give `finalists` for a larger hire"
        )
    };
    let cases: [(&str, &str, String); 13] = [
        ("finalists=0", "finalists", finalists("0")),
        ("finalists=1", "finalists", finalists("1")),
        ("finalists=-1", "finalists", finalists("-1")),
        ("finalists=abc", "finalists", finalists("abc")),
        ("finalists=1001", "finalists", finalists("1001")),
        ("openings=0", "openings", count("0")),
        ("openings=5&finalists=4", "openings", certain(4)),
        ("finalists=3&openings=3", "openings", certain(3)),
        ("finalists=1000&openings=1000", "openings", certain(1000)),
        ("openings=3&seniority=senior", "openings", pool(3)),
        ("openings=4", "openings", pool(4)),
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
        for finalists in openings + 1..=40 {
            let path = format!("/v1/odds?finalists={finalists}&openings={openings}");
            let (low, high, point) = figures(&app.get_json(&path).await);
            assert!(0.0 < low && low <= high && high < 1.0, "{path}: never a certainty");
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
                assert!(0.0 < low && low <= high && high < 1.0, "{path}: never a certainty");
            } else {
                assert_eq!(response.status(), 400, "{path}");
            }
        }
    }
}
