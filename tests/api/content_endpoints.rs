//! Every read endpoint answers what `data/` holds, in the list body, in the right order.

use std::sync::LazyLock;

use second_interview_api::content::{Content, Items, Registered, Source, Visitor};
use serde_json::{Value, json};

use crate::helpers::{TestApp, data_items, ids_of, spawn_app};

/// A collection: where it is served and where its content comes from.
struct Collection {
    /// The registry's name: data file stem, TOML array key and `/v1/meta` counts label.
    name: &'static str,
    path: String,
    file: String,
    sorted_by_order: bool,
}

/// Every collection the registry declares, in registry order, read off the types it
/// registers, so a new collection is covered here without a line in this file.
static COLLECTIONS: LazyLock<Vec<Collection>> = LazyLock::new(|| {
    struct Declared(Vec<Collection>);
    impl Visitor for Declared {
        fn visit<C: Registered>(&mut self, items: &Items<C>) {
            self.0.push(Collection {
                name: C::NAME,
                path: format!("/v1/{}", C::segment()),
                file: C::file(),
                sorted_by_order: items.iter().any(|item| item.order().is_some()),
            });
        }
    }
    let content = Content::embedded().expect("the embedded content is valid");
    let mut declared = Declared(Vec::new());
    content.collections.visit(&mut declared);
    assert!(!declared.0.is_empty(), "the registry declares no collection");
    declared.0
});

impl Collection {
    /// The ids of the data file, in the order the list must answer them.
    fn expected_ids(&self) -> Vec<String> {
        let mut items = data_items(&self.file, self.name);
        if self.sorted_by_order {
            items.sort_by_key(|item| item["order"].as_integer().unwrap());
        }
        items.iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect()
    }

    /// Every item the list answers, in list order.
    async fn items(&self, app: &TestApp) -> Vec<Value> {
        app.get_json(&format!("{}?limit=200", self.path)).await["items"].as_array().unwrap().clone()
    }
}

#[actix_web::test]
async fn every_list_answers_the_list_body_with_the_default_page() {
    let app = spawn_app().await;
    for collection in COLLECTIONS.iter() {
        let page = app.get_json(&collection.path).await;
        let expected = collection.expected_ids();
        let mut keys: Vec<&String> = page.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["items", "limit", "offset", "total"], "{}", collection.path);
        assert_eq!((&page["limit"], &page["offset"]), (&json!(50), &json!(0)), "{}", collection.path);
        assert_eq!(page["total"], expected.len(), "{}", collection.path);
        assert_eq!(ids_of(&page), expected[..expected.len().min(50)], "{}", collection.path);
    }
}

#[actix_web::test]
async fn stages_and_outcomes_come_in_order() {
    let app = spawn_app().await;
    for path in ["/v1/stages", "/v1/outcomes"] {
        let page = app.get_json(path).await;
        let orders: Vec<u64> =
            page["items"].as_array().unwrap().iter().map(|item| item["order"].as_u64().unwrap()).collect();
        assert!(orders.windows(2).all(|pair| pair[0] < pair[1]), "{path} orders: {orders:?}");
    }
    assert_eq!(app.ids("/v1/stages").await, ["first-interview", "second-interview", "final-checks"]);
}

#[actix_web::test]
async fn every_item_is_served_at_its_own_path() {
    let app = spawn_app().await;
    for collection in COLLECTIONS.iter() {
        for item in collection.items(&app).await {
            let path = format!("{}/{}", collection.path, item["id"].as_str().unwrap());
            assert_eq!(app.get_json(&path).await, item, "{path} differs from its list entry");
        }
    }
}

#[actix_web::test]
async fn items_restating_the_documents_cite_existing_sources() {
    let app = spawn_app().await;
    let sources = app.ids("/v1/sources").await;
    for collection in COLLECTIONS.iter().filter(|c| c.name != Source::NAME) {
        for item in collection.items(&app).await {
            let cited = item["sources"]
                .as_array()
                .unwrap_or_else(|| panic!("{} {} has no sources", collection.path, item["id"]));
            let editorial_fields = item["editorial_fields"].as_array().unwrap();
            match item["origin"].as_str().unwrap() {
                "source" => {
                    assert!(
                        !cited.is_empty(),
                        "{} {} has origin source but cites nothing",
                        collection.path,
                        item["id"]
                    );
                    assert!(
                        editorial_fields.is_empty(),
                        "{} {} is source with editorial fields",
                        collection.path,
                        item["id"]
                    );
                }
                "mixed" => {
                    assert!(!cited.is_empty(), "{} {} is mixed but cites nothing", collection.path, item["id"]);
                    assert!(
                        !editorial_fields.is_empty(),
                        "{} {} is mixed but names no field",
                        collection.path,
                        item["id"]
                    );
                    for field in editorial_fields {
                        assert!(
                            item.get(field.as_str().unwrap()).is_some(),
                            "{} {} names {field}",
                            collection.path,
                            item["id"]
                        );
                    }
                }
                origin => {
                    assert_eq!(origin, "editorial", "{} {}", collection.path, item["id"]);
                    assert!(
                        !editorial_fields.is_empty(),
                        "{} {} lists its editorial fields",
                        collection.path,
                        item["id"]
                    );
                }
            }
            for source in cited {
                assert!(
                    sources.iter().any(|s| s == source),
                    "{} {} cites unknown source {source}",
                    collection.path,
                    item["id"]
                );
            }
        }
    }
}

#[actix_web::test]
async fn known_items_say_what_the_documents_say() {
    let app = spawn_app().await;
    let cases: [(&str, &str, Value); 8] = [
        ("/v1/stages/first-interview", "/employer_question", json!("Can you do the job?")),
        ("/v1/stages/second-interview", "/employer_question", json!("Will you thrive here?")),
        ("/v1/outcomes/job-offer", "/name", json!("Job offer")),
        ("/v1/tips/use-star-method", "/phase", json!("during")),
        ("/v1/questions/tell-us-about-yourself", "/asked_by", json!("interviewer")),
        ("/v1/templates/thank-you-after-second-interview", "/variables/0/name", json!("interviewer_name")),
        ("/v1/sources/career-karma-second-interview", "/publisher", json!("Career Karma")),
        ("/v1/sources/second-interview-good-sign", "/publisher", Value::Null),
    ];
    for (path, pointer, expected) in cases {
        let item = app.get_json(path).await;
        assert_eq!(item.pointer(pointer).cloned().unwrap_or(Value::Null), expected, "{path} {pointer}");
    }
}

#[actix_web::test]
async fn the_index_links_every_collection_and_each_link_resolves() {
    let app = spawn_app().await;
    let index = app.get_json("/").await;
    assert_eq!(
        (&index["name"], &index["version"]),
        (&json!("second-interview-api"), &json!(env!("CARGO_PKG_VERSION")))
    );
    let links = index["links"].as_array().unwrap();
    for collection in COLLECTIONS.iter() {
        let (rel, href) = (collection.name, &collection.path);
        assert!(
            links.iter().any(|link| link["rel"] == rel && link["href"] == href.as_str()),
            "the index has no `{rel}` link to {href}"
        );
    }
    for rel in ["meta", "docs", "openapi", "healthz", "readyz"] {
        assert!(links.iter().any(|link| link["rel"] == rel), "the index has no `{rel}` link");
    }
    for link in links {
        let href = link["href"].as_str().unwrap();
        assert_eq!(app.get(href).await.status(), 200, "index link {href}");
    }
}

#[actix_web::test]
async fn meta_counts_every_collection_and_names_the_versions() {
    let app = spawn_app().await;
    let meta = app.get_json("/v1/meta").await;
    let counts: serde_json::Map<String, Value> =
        COLLECTIONS.iter().map(|c| (c.name.to_owned(), json!(data_items(&c.file, c.name).len()))).collect();
    let embedded = Content::embedded().expect("the embedded content is valid");
    assert_eq!(
        meta,
        json!({
            "name": "second-interview-api",
            "service_version": env!("CARGO_PKG_VERSION"),
            "content_version": embedded.version,
            "counts": counts,
        })
    );
    let version = meta["content_version"].as_str().unwrap();
    assert!(version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit()), "content_version {version}");
}

#[actix_web::test]
async fn probes_answer_ok_and_ready() {
    let app = spawn_app().await;
    assert_eq!(app.get_json("/healthz").await, json!({ "status": "ok" }));
    assert_eq!(app.get_json("/readyz").await, json!({ "status": "ready" }));
}
