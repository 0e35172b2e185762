//! List filters, the reproducible shuffle of questions, and pagination, checked against what
//! `data/` says should match.

use second_interview_api::content::shuffled;
use serde_json::json;

use crate::helpers::{TestApp, data_items, ids_of, schema_enum, spawn_app};

/// A filterable list and the data file behind it.
struct Listing {
    path: &'static str,
    file: &'static str,
    key: &'static str,
}

const TIPS: Listing = Listing { path: "/v1/tips", file: "tips.toml", key: "tips" };
const QUESTIONS: Listing = Listing { path: "/v1/questions", file: "questions.toml", key: "questions" };

/// `(parameter, value)` pairs, all of which must match.
type Filters<'a> = &'a [(&'a str, &'a str)];

impl Listing {
    /// The ids of the data file's items that match every filter, in file order.
    fn expected(&self, filters: Filters<'_>) -> Vec<String> {
        data_items(self.file, self.key)
            .iter()
            .filter(|item| filters.iter().all(|&(name, value)| matches(item, name, value)))
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    }

    fn url(&self, filters: Filters<'_>) -> String {
        let query: Vec<String> = filters.iter().map(|(name, value)| format!("{name}={value}")).collect();
        format!("{}?{}", self.path, query.join("&"))
    }

    /// Asserts that the list filtered by `filters` answers exactly the matching items, and
    /// returns how many there are.
    async fn assert_filtered(&self, app: &TestApp, filters: Filters<'_>) -> usize {
        let want = self.expected(filters);
        let url = self.url(filters);
        assert_eq!(app.ids(&url).await, want, "{url}");
        want.len()
    }

    /// Checks every value the spec lists for each enumerated filter, and every stage id; the
    /// values of each enumerated filter split the whole collection between them.
    async fn assert_every_filter_value(&self, app: &TestApp, enums: &[&str]) {
        let all = data_items(self.file, self.key).len();
        for &name in enums {
            let mut covered = 0;
            for value in schema_enum(app, self.path, name).await {
                covered += self.assert_filtered(app, &[(name, &value)]).await;
            }
            assert_eq!(covered, all, "the values of {name} do not cover every item of {}", self.path);
        }
        for stage in data_items("stages.toml", "stages") {
            self.assert_filtered(app, &[("stage", stage["id"].as_str().unwrap())]).await;
        }
    }
}

/// Whether one item matches one filter: `stage` looks in the item's `stages`, the others are
/// fields of the same name.
fn matches(item: &toml::Value, name: &str, value: &str) -> bool {
    match name {
        "stage" => item["stages"].as_array().unwrap().iter().any(|stage| stage.as_str() == Some(value)),
        field => item[field].as_str() == Some(value),
    }
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[actix_web::test]
async fn tips_filter_by_every_phase_category_and_stage() {
    TIPS.assert_every_filter_value(&spawn_app().await, &["phase", "category"]).await;
}

#[actix_web::test]
async fn questions_filter_by_every_asker_category_and_stage() {
    QUESTIONS.assert_every_filter_value(&spawn_app().await, &["asked_by", "category"]).await;
}

#[actix_web::test]
async fn combined_filters_must_all_match() {
    let app = spawn_app().await;
    let cases: [(&Listing, Filters<'_>); 4] = [
        (&TIPS, &[("phase", "before"), ("category", "research"), ("stage", "second-interview")]),
        (&TIPS, &[("phase", "during"), ("stage", "first-interview")]),
        (&QUESTIONS, &[("asked_by", "candidate"), ("category", "role")]),
        (&QUESTIONS, &[("asked_by", "interviewer"), ("category", "behavioural"), ("stage", "second-interview")]),
    ];
    for (listing, filters) in cases {
        assert!(
            listing.assert_filtered(&app, filters).await > 0,
            "{filters:?} should match something in {}",
            listing.path
        );
    }
}

#[actix_web::test]
async fn an_existing_stage_that_matches_nothing_gives_an_empty_list() {
    let app = spawn_app().await;
    let cases: [(&Listing, Filters<'_>); 2] = [
        (&TIPS, &[("stage", "first-interview"), ("phase", "after")]),
        (&QUESTIONS, &[("stage", "final-checks"), ("category", "technical")]),
    ];
    for (listing, filters) in cases {
        assert!(
            listing.expected(filters).is_empty(),
            "the data now has {} matching {filters:?}; pick another case",
            listing.path
        );
        let url = listing.url(filters);
        assert_eq!(app.get_json(&url).await, json!({ "items": [], "total": 0, "limit": 50, "offset": 0 }), "{url}");
    }
}

#[actix_web::test]
async fn a_seeded_shuffle_is_a_reproducible_permutation() {
    let app = spawn_app().await;
    let other_instance = spawn_app().await;
    let unshuffled = app.ids("/v1/questions").await;
    let seed_42 = app.ids("/v1/questions?order=random&seed=42").await;

    assert_eq!(app.ids("/v1/questions?order=random&seed=42").await, seed_42, "same seed, same order");
    assert_eq!(
        other_instance.ids("/v1/questions?order=random&seed=42").await,
        seed_42,
        "same seed, same order on another instance"
    );
    assert_ne!(app.ids("/v1/questions?order=random&seed=43").await, seed_42, "another seed, another order");
    assert_ne!(seed_42, unshuffled, "the shuffle changes the order");
    assert_eq!(sorted(seed_42.clone()), sorted(unshuffled.clone()), "the shuffle is a permutation");
    assert_eq!(seed_42, shuffled(unshuffled.clone(), 42), "the order is the documented fixed shuffle");
    assert_eq!(app.ids("/v1/questions?order=default").await, unshuffled, "order=default is the content order");
}

#[actix_web::test]
async fn the_shuffle_applies_to_the_filtered_questions() {
    let app = spawn_app().await;
    let candidate = app.ids("/v1/questions?asked_by=candidate").await;
    let shuffled_candidate = app.ids("/v1/questions?asked_by=candidate&order=random&seed=7").await;
    assert_eq!(shuffled_candidate, shuffled(candidate, 7));
}

#[actix_web::test]
async fn pagination_applies_after_the_shuffle() {
    let app = spawn_app().await;
    let full = app.ids("/v1/questions?order=random&seed=9").await;
    for (limit, offset) in [(5, 0), (5, 5), (10, full.len() - 3)] {
        let page = app.get_json(&format!("/v1/questions?order=random&seed=9&limit={limit}&offset={offset}")).await;
        assert_eq!(ids_of(&page), full[offset..full.len().min(offset + limit)], "limit={limit} offset={offset}");
        assert_eq!(
            (&page["total"], &page["limit"], &page["offset"]),
            (&json!(full.len()), &json!(limit), &json!(offset))
        );
    }
}

#[actix_web::test]
async fn limit_and_offset_cut_the_list() {
    let app = spawn_app().await;
    let all = TIPS.expected(&[]);
    let n = all.len();
    for (limit, offset) in [(1, 0), (1, n - 1), (10, n - 4), (200, 0), (50, n), (5, n + 10), (3, 1_000_000)] {
        let page = app.get_json(&format!("/v1/tips?limit={limit}&offset={offset}")).await;
        let window = &all[offset.min(n)..n.min(offset + limit)];
        let context = format!("limit={limit} offset={offset}");
        assert_eq!(ids_of(&page), window, "{context}");
        assert_eq!(page, json!({ "items": page["items"], "total": n, "limit": limit, "offset": offset }), "{context}");
    }
}
