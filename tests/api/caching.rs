//! HTTP caching and compression of content answers, as a browser or CDN sees them: strong
//! ETags, `If-None-Match`, `Cache-Control`, `Vary` and gzip/brotli/zstd negotiation.

use std::io::Read;

use crate::helpers::{ContentCopy, THANK_YOU_RENDER, TestApp, spawn_app, spawn_app_with, thank_you_render_body};
use reqwest::header::{CACHE_CONTROL, CONTENT_ENCODING, ETAG, HeaderMap, HeaderName, VARY};
use reqwest::{Method, StatusCode};

/// `Cache-Control` of content answers with the default settings.
const DEFAULT_CACHE_CONTROL: &str = "public, max-age=300";

/// Bodies under this many bytes are sent uncompressed.
const MIN_COMPRESS: usize = 512;

/// One GET of every kind of content answer: precomputed ones first, then computed ones.
const CONTENT_GETS: [&str; 23] = [
    "/",
    "/v1/meta",
    "/openapi.json",
    "/v1/stages",
    "/v1/outcomes",
    "/v1/tips",
    "/v1/questions",
    "/v1/templates",
    "/v1/sources",
    "/v1/stages/second-interview",
    "/v1/stages/second-interview/kit",
    "/v1/outcomes/job-offer",
    "/v1/tips/take-a-moment-to-celebrate",
    "/v1/questions/tell-us-about-yourself",
    "/v1/templates/thank-you-after-second-interview",
    "/v1/sources/career-karma-second-interview",
    "/v1/tips?phase=before",
    "/v1/tips?limit=3&offset=2",
    "/v1/questions?asked_by=interviewer&order=random&seed=42&limit=5",
    "/v1/odds",
    "/v1/odds?seniority=senior",
    "/v1/plan?interview_date=2026-12-01",
    "/v1/search?q=interview",
];

/// Large answers, precomputed and computed, that are compressed when the client asks.
const COMPRESSIBLE: [&str; 5] = [
    "/v1/tips",
    "/openapi.json",
    "/v1/tips?phase=before",
    "/v1/search?q=interview",
    "/v1/plan?interview_date=2026-12-01",
];

/// `Accept-Encoding` (`None`: no header) and the `Content-Encoding` it must get (`None`: identity).
const NEGOTIATION: [(Option<&str>, Option<&str>); 14] = [
    (None, None),
    (Some("gzip, deflate, br, zstd"), Some("zstd")),
    (Some("zstd"), Some("zstd")),
    (Some("zstd;q=0.5, br"), Some("br")),
    (Some("gzip"), Some("gzip")),
    (Some("br"), Some("br")),
    (Some("gzip, deflate, br"), Some("br")),
    (Some("gzip;q=0.5, br;q=0.9"), Some("br")),
    (Some("br;q=0.5, gzip;q=0.9"), Some("gzip")),
    (Some("br;q=0, gzip"), Some("gzip")),
    (Some("identity"), None),
    (Some("deflate"), None),
    (Some("gzip;q=0, br;q=0"), None),
    (Some(""), None),
];

/// One whole answer, read at once.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    /// The header `name` as text, if present.
    fn header(&self, name: HeaderName) -> Option<&str> {
        self.headers.get(&name).map(|value| value.to_str().expect("the header is text"))
    }

    /// The `ETag` header; panics when there is none.
    fn etag(&self) -> &str {
        self.header(ETAG).expect("the answer has an ETag")
    }
}

/// GETs `path` with `headers` (a name may repeat) and reads the body as sent, undecoded.
async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Answer {
    let response = app.request(Method::GET, path, headers).await;
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.bytes().await.expect("the body is read").to_vec();
    Answer { status, headers, body }
}

/// The `ETag` of `path` in its identity form.
async fn etag_of(app: &TestApp, path: &str) -> String {
    let answer = fetch(app, path, &[]).await;
    assert_eq!(answer.status, 200, "GET {path}");
    answer.etag().to_owned()
}

/// `body` decoded from `coding` (`None`: identity).
fn decode(coding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    match coding {
        None => decoded.extend_from_slice(body),
        Some("gzip") => {
            flate2::read::GzDecoder::new(body).read_to_end(&mut decoded).expect("the body is gzip");
        }
        Some("br") => {
            brotli::Decompressor::new(body, 4096).read_to_end(&mut decoded).expect("the body is brotli");
        }
        Some("zstd") => decoded = zstd::stream::decode_all(body).expect("the body is zstd"),
        Some(other) => panic!("unexpected coding {other}"),
    }
    decoded
}

/// The tag of the representation in `coding`: the identity tag with `-gzip`, `-br` or `-zstd` added.
fn tag_for(identity: &str, coding: Option<&str>) -> String {
    let opaque = identity.strip_suffix('"').expect("a tag ends with a quote");
    coding.map_or_else(|| identity.to_owned(), |coding| format!("{opaque}-{coding}\""))
}

/// Asserts `tag` is a strong entity tag: quoted, not `W/`, with only the characters RFC 9110 allows.
fn assert_strong(tag: &str, context: &str) {
    let opaque = tag.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
    let opaque = opaque.unwrap_or_else(|| panic!("{context}: the ETag {tag} is not a quoted strong tag"));
    assert!(!opaque.is_empty(), "{context}: empty ETag");
    assert!(opaque.bytes().all(|b| b == 0x21 || (0x23..=0x7e).contains(&b)), "{context}: bad ETag {tag}");
}

/// Asserts the caching headers of a cacheable content answer (200 or 304).
fn assert_cacheable(answer: &Answer, cache_control: &str, context: &str) {
    assert_strong(answer.etag(), context);
    assert_eq!(answer.header(CACHE_CONTROL), Some(cache_control), "{context}: Cache-Control");
    // The plan also comes as iCalendar, chosen by Accept; every other answer has one media type.
    let vary = if context.contains("/v1/plan") { "accept, accept-encoding" } else { "accept-encoding" };
    assert_eq!(answer.header(VARY).map(str::to_ascii_lowercase).as_deref(), Some(vary), "{context}: Vary");
}

/// Asserts a 304 with an empty body that names `tag` and keeps the caching headers.
fn assert_not_modified(answer: &Answer, tag: &str, cache_control: &str, context: &str) {
    assert_eq!(answer.status, 304, "{context}");
    assert!(answer.body.is_empty(), "{context}: a 304 has no body, got {} bytes", answer.body.len());
    assert_eq!(answer.etag(), tag, "{context}: ETag of the 304");
    assert_cacheable(answer, cache_control, context);
}

#[actix_web::test]
async fn every_content_get_has_a_strong_etag_and_is_cacheable() {
    let app = spawn_app().await;
    let mut tags = Vec::new();
    for path in CONTENT_GETS {
        let answer = fetch(&app, path, &[]).await;
        let context = format!("GET {path}");
        assert_eq!(answer.status, 200, "{context}");
        assert_cacheable(&answer, DEFAULT_CACHE_CONTROL, &context);
        assert_eq!(answer.header(CONTENT_ENCODING), None, "{context}: compressed without being asked");
        tags.push(answer.etag().to_owned());
    }
    let mut distinct = tags.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), tags.len(), "different bodies share an ETag: {tags:?}");
}

#[actix_web::test]
async fn max_age_comes_from_the_settings() {
    let app = spawn_app_with(&[("SIA__HTTP__CACHE_MAX_AGE", "60")]).await;
    for path in ["/v1/tips", "/v1/stages/second-interview", "/v1/tips?phase=before", "/v1/odds"] {
        let answer = fetch(&app, path, &[]).await;
        assert_eq!(answer.status, 200, "GET {path}");
        assert_cacheable(&answer, "public, max-age=60", path);
        let revalidated = fetch(&app, path, &[("if-none-match", answer.etag())]).await;
        assert_not_modified(&revalidated, answer.etag(), "public, max-age=60", path);
    }
}

#[actix_web::test]
async fn if_none_match_answers_304_when_it_names_the_body() {
    let app = spawn_app().await;
    for path in ["/v1/tips", "/v1/tips/do-not-relax-yet", "/v1/tips?phase=before", "/v1/search?q=interview"] {
        let tag = etag_of(&app, path).await;
        let opaque = tag.trim_matches('"');
        let weak = format!("W/{tag}");
        let listed = format!("\"unrelated\", {tag}, W/\"other\"");
        let zstd = format!("\"{opaque}-zstd\"");
        let matching: [&[&str]; 6] = [&[&tag], &[&listed], &["*"], &[&weak], &["\"unrelated\"", &tag], &[&zstd]];
        for values in matching {
            let headers: Vec<(&str, &str)> = values.iter().map(|value| ("if-none-match", *value)).collect();
            let context = format!("GET {path} with If-None-Match {values:?}");
            assert_not_modified(&fetch(&app, path, &headers).await, &tag, DEFAULT_CACHE_CONTROL, &context);
        }

        let truncated = format!("\"{}\"", &opaque[..opaque.len() - 1]);
        let extended = format!("\"{opaque}0\"");
        let other_coding = format!("\"{opaque}-deflate\"");
        for value in ["\"unrelated\"", "W/\"unrelated\"", "\"\"", &truncated, &extended, &other_coding] {
            let answer = fetch(&app, path, &[("if-none-match", value)]).await;
            let context = format!("GET {path} with If-None-Match {value}");
            assert_eq!(answer.status, 200, "{context}");
            assert_eq!(answer.etag(), tag, "{context}");
            assert!(!answer.body.is_empty(), "{context}: empty body");
        }
    }
}

#[actix_web::test]
async fn etags_are_the_same_after_a_restart() {
    let (first, second) = (spawn_app().await, spawn_app().await);
    for path in CONTENT_GETS {
        assert_eq!(etag_of(&first, path).await, etag_of(&second, path).await, "GET {path}");
    }
}

#[actix_web::test]
async fn editing_a_tip_changes_the_tags_of_what_shows_it_and_no_others() {
    const TIP: &str = "take-a-moment-to-celebrate";
    let copy = ContentCopy::of_data().replace_in_item("tips.toml", TIP, "Being called back", "Being invited back");
    let (embedded, edited) = (spawn_app().await, spawn_app_with(&[("SIA__CONTENT__DATA_DIR", copy.path_str())]).await);
    let tip = edited.get_json(&format!("/v1/tips/{TIP}")).await;
    assert!(tip["text"].as_str().unwrap().starts_with("Being invited back"), "the edit is served: {tip}");

    let changed = [format!("/v1/tips/{TIP}"), "/v1/tips".to_owned(), "/v1/tips?phase=before".to_owned()];
    for path in &changed {
        assert_ne!(etag_of(&embedded, path).await, etag_of(&edited, path).await, "GET {path} shows the edited tip");
    }
    let unchanged =
        ["/v1/tips/do-not-relax-yet", "/v1/tips?phase=after", "/v1/outcomes/job-offer", "/v1/questions", "/v1/sources"];
    for path in unchanged {
        assert_eq!(etag_of(&embedded, path).await, etag_of(&edited, path).await, "GET {path} does not show the tip");
    }
}

#[actix_web::test]
async fn answers_that_must_not_be_cached_carry_no_validator() {
    let app = spawn_app().await;
    let response = app.post_json(THANK_YOU_RENDER, &thank_you_render_body()).await;
    assert_eq!(response.status(), 200);
    for name in [ETAG, CACHE_CONTROL] {
        assert_eq!(response.headers().get(&name), None, "POST render answers with {name}");
    }

    for path in ["/healthz", "/readyz", "/metrics"] {
        let answer = fetch(&app, path, &[("if-none-match", "*")]).await;
        assert_eq!(answer.status, 200, "GET {path} with If-None-Match *");
        assert_eq!(answer.header(CACHE_CONTROL), Some("no-store"), "GET {path}");
        assert_eq!(answer.header(ETAG), None, "GET {path}");
    }
}

#[actix_web::test]
async fn compression_follows_accept_encoding_and_each_coding_has_its_own_tag() {
    let app = spawn_app().await;
    for path in COMPRESSIBLE {
        let identity = fetch(&app, path, &[]).await;
        assert!(identity.body.len() >= MIN_COMPRESS, "GET {path} is too small to test compression");
        for (accept, coding) in NEGOTIATION {
            let context = format!("GET {path} with Accept-Encoding {accept:?}");
            let asked: Vec<(&str, &str)> = accept.map(|value| ("accept-encoding", value)).into_iter().collect();
            let answer = fetch(&app, path, &asked).await;
            assert_eq!(answer.status, 200, "{context}");
            assert_eq!(answer.header(CONTENT_ENCODING), coding, "{context}: Content-Encoding");
            assert!(decode(coding, &answer.body) == identity.body, "{context}: the body does not decode to identity");
            let tag = tag_for(identity.etag(), coding);
            assert_eq!(answer.etag(), tag, "{context}: ETag");
            assert_cacheable(&answer, DEFAULT_CACHE_CONTROL, &context);

            let revalidate: Vec<(&str, &str)> =
                asked.iter().copied().chain([("if-none-match", tag.as_str())]).collect();
            let revalidated = fetch(&app, path, &revalidate).await;
            assert_not_modified(&revalidated, &tag, DEFAULT_CACHE_CONTROL, &format!("{context}, revalidated"));
        }
    }
}

#[actix_web::test]
async fn small_bodies_are_sent_uncompressed() {
    let app = spawn_app().await;
    for path in ["/healthz", "/v1/tips?offset=999"] {
        let identity = fetch(&app, path, &[]).await;
        assert!(identity.body.len() < MIN_COMPRESS, "GET {path} is too big for this test");
        for accept in ["gzip", "br", "br, gzip", "gzip, deflate, br, zstd"] {
            let answer = fetch(&app, path, &[("accept-encoding", accept)]).await;
            let context = format!("GET {path} with Accept-Encoding {accept}");
            assert_eq!(answer.status, 200, "{context}");
            assert_eq!(answer.header(CONTENT_ENCODING), None, "{context}");
            assert_eq!(answer.body, identity.body, "{context}");
            assert_eq!(answer.header(ETAG), identity.header(ETAG), "{context}");
        }
    }
}
