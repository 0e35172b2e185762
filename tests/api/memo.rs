//! The memo of computed answers, as `/metrics` and a client see it: a repeated request is a
//! hit with the same bytes and tag, the memo stays within its cap, and 0 turns it off.

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// The value of the exposition line that starts with `series ` (0 when absent).
async fn metric(app: &TestApp, series: &str) -> f64 {
    let text = app.get("/metrics").await.text().await.expect("the exposition is text");
    let prefix = format!("{series} ");
    text.lines().find_map(|line| line.strip_prefix(&prefix)).map_or(0.0, |value| value.parse().expect("a number"))
}

const HITS: &str = r#"memo_lookups_total{result="hit"}"#;
const MISSES: &str = r#"memo_lookups_total{result="miss"}"#;

/// GETs `path` with `accept_encoding`, answering (ETag, Content-Encoding, body).
async fn fetch(app: &TestApp, path: &str, accept_encoding: &str) -> (String, Option<String>, Vec<u8>) {
    let url = format!("{}{path}", app.address);
    let response = app.client.get(url).header("accept-encoding", accept_encoding).send().await.expect("sent");
    assert_eq!(response.status(), 200, "GET {path}");
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().expect("ASCII").to_owned());
    let (etag, coding) = (header("etag").expect("an ETag"), header("content-encoding"));
    (etag, coding, response.bytes().await.expect("a body").to_vec())
}

#[actix_web::test]
async fn the_same_filtered_list_twice_is_a_miss_then_a_hit_with_the_same_answer() {
    let app = spawn_app().await;
    assert_eq!((metric(&app, MISSES).await, metric(&app, HITS).await), (0.0, 0.0));
    let browser = "gzip, deflate, br, zstd";
    let first = fetch(&app, "/v1/questions?limit=200&order=random&seed=7", browser).await;
    assert_eq!((metric(&app, MISSES).await, metric(&app, HITS).await), (1.0, 0.0));
    // The same query spelled otherwise is the same entry.
    let second = fetch(&app, "/v1/questions?seed=7&order=random&limit=200", browser).await;
    assert_eq!((metric(&app, MISSES).await, metric(&app, HITS).await), (1.0, 1.0));
    assert_eq!(first.1.as_deref(), Some("zstd"));
    assert_eq!(first, second, "a hit answers the same tag, coding and bytes");
    assert!(metric(&app, "memo_weight_bytes").await >= 2.0 * 200_000.0);
    // Another seed is another answer.
    let other = fetch(&app, "/v1/questions?limit=200&order=random&seed=8", browser).await;
    assert_ne!(other.0, first.0);
    assert_eq!((metric(&app, MISSES).await, metric(&app, HITS).await), (2.0, 1.0));
}

#[actix_web::test]
async fn a_cap_of_a_few_kilobytes_keeps_the_memo_within_it() {
    let app = spawn_app_with(&[("SIA__HTTP__MEMO_BYTES", "4096")]).await;
    for offset in 0..12 {
        fetch(&app, &format!("/v1/tips?limit=1&offset={offset}"), "gzip").await;
        let weight = metric(&app, "memo_weight_bytes").await;
        assert!(weight > 0.0 && weight <= 4096.0, "weight {weight} after offset {offset}");
    }
    assert!(metric(&app, "memo_evictions_total").await > 0.0);
    // An answer heavier than the whole cap is answered, and not kept.
    let (_, coding, _) = fetch(&app, "/v1/questions?limit=200&order=random&seed=1", "br").await;
    assert_eq!(coding.as_deref(), Some("br"));
    assert!(metric(&app, "memo_weight_bytes").await <= 4096.0);
}

#[actix_web::test]
async fn zero_turns_the_memo_off() {
    let app = spawn_app_with(&[("SIA__HTTP__MEMO_BYTES", "0")]).await;
    let first = fetch(&app, "/v1/tips?phase=before", "br").await;
    let second = fetch(&app, "/v1/tips?phase=before", "br").await;
    assert_eq!(first, second);
    assert_eq!((metric(&app, MISSES).await, metric(&app, HITS).await), (0.0, 0.0));
    assert_eq!(metric(&app, "memo_weight_bytes").await, 0.0);
}
