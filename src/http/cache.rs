//! HTTP caching and compression for content answers: strong ETags, `If-None-Match`,
//! `Cache-Control`, and zstd, brotli or gzip chosen from `Accept-Encoding`.
//!
//! A [`Representation`] is tagged when it is made and compressed into each coding at most
//! once, when a client first asks for that coding (or, for large precomputed answers, by the
//! warm-up thread just after start). Each coding of a body is its own representation with its
//! own strong tag (`"…"`, `"…-gzip"`, `"…-br"`, `"…-zstd"`), and its bytes never change while
//! the process runs.
//!
//! How hard each coding works depends on who pays for it ([`Effort`]). Figures for the two
//! largest answers, one thread of this 2-core AMD EPYC, release, mean of 60 runs, as
//! milliseconds and compressed size (`/v1/questions?limit=200`, 222 KB; the
//! `second-interview` kit, 318 KB):
//!
//! | coding  | list ms | list size | kit ms | kit size |
//! |---------|--------:|----------:|-------:|---------:|
//! | gzip-1  | 1.6–2.6 | 42.0 %    | 2.3–2.8 | 40.5 % |
//! | gzip-6  | 12.5    | 28.3 %    | 14.6–15.7 | 27.2 % |
//! | br-1    | 1.8–2.2 | 31.1 %    | 2.7–3.1 | 29.8 % |
//! | br-5    | 7.5     | 27.1 %    | 11.3–11.6 | 25.8 % |
//! | zstd-3  | 0.9–1.2 | 29.6 %    | 1.3–1.7 | 27.5 % |
//! | zstd-7  |         |           | 4.1    | 25.4 % |
//!
//! - [`Effort::Fast`], for answers computed for a request (filtered lists, search, odds, plan,
//!   filtered kits): zstd 3, brotli 1, gzip 1 — at most ~3 ms of the worker for the largest
//!   answer, where gzip 6 / brotli 5 cost 12-20 ms. The memo ([`super::memo`]) keeps the
//!   result, so a second client asking the same thing pays nothing.
//! - [`Effort::Best`], for answers kept for the life of the process: zstd 7, brotli 5, gzip 6,
//!   made once. Those of [`WARM_AT`] bytes or more (8 answers: the kits, `/openapi.json`, the
//!   larger default lists) are compressed on a background thread started once the listener is
//!   bound, after the workers have had 100 ms to start ([`Representation::warm`], from
//!   [`super::pages::Precomputed::warm`]; 0.2-0.3 s of one core in release), so neither the
//!   time to ready nor a worker pays for them. A request that arrives before the thread has
//!   reached its answer compresses it itself (the same bytes: one level per representation),
//!   which can only happen in the first ~0.4 s of a process. Smaller ones are compressed on
//!   first ask, at most about 1 ms each.
//!
//! zstd wins a q-value tie: it is the smallest and cheapest at both efforts (Chrome and Firefox
//! send `gzip, deflate, br, zstd`; Safari does not offer it and gets brotli).

use std::io::Write;
use std::sync::OnceLock;

use actix_web::http::header::{
    self, AcceptEncoding, ContentEncoding, Encoding, EntityTag, Header, HeaderValue, IfNoneMatch, Preference, Quality,
    QualityItem,
};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

/// Bodies smaller than this are not worth compressing.
const MIN_COMPRESS: usize = 512;

/// Precomputed bodies this large or larger are compressed by the warm-up thread rather than on
/// first ask (gzip 6 of 16 KiB takes about 1 ms).
pub const WARM_AT: usize = 16 * 1024;

/// A content coding the service can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// No compression.
    Identity = 0,
    /// gzip (RFC 1952).
    Gzip = 1,
    /// brotli (RFC 7932).
    Brotli = 2,
    /// Zstandard (RFC 8878).
    Zstd = 3,
}

/// Every coding other than identity, in the order of [`Representation`]'s compressed forms.
const COMPRESSED: [Coding; 3] = [Coding::Gzip, Coding::Brotli, Coding::Zstd];

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::Gzip => "gzip",
            Self::Brotli => "br",
            Self::Zstd => "zstd",
        }
    }

    /// What this coding adds to the identity tag.
    fn suffix(self) -> &'static str {
        match self {
            Self::Identity => "",
            Self::Gzip => "-gzip",
            Self::Brotli => "-br",
            Self::Zstd => "-zstd",
        }
    }
}

/// How hard to compress: fixed per representation, so a coding's bytes never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Answers computed for a request: zstd 3, brotli 1, gzip 1 (at most ~3 ms for 318 KB).
    Fast,
    /// Answers kept for the life of the process: zstd 7, brotli 5, gzip 6.
    Best,
}

impl Effort {
    /// The (gzip, brotli, zstd) levels.
    fn levels(self) -> (u32, u32, i32) {
        match self {
            Self::Fast => (1, 1, 3),
            Self::Best => (6, 5, 7),
        }
    }
}

/// One answer body with its validator and its compressed forms, each made when first asked for.
#[derive(Debug, Clone)]
pub struct Representation {
    identity: Bytes,
    /// gzip, brotli and zstd, in [`COMPRESSED`] order.
    compressed: [OnceLock<Bytes>; 3],
    effort: Effort,
    tag: String,
    etags: [HeaderValue; 4],
    content_type: &'static str,
}

impl Representation {
    /// `body` as served with `content_type`, kept for the life of the process: tagged now,
    /// compressed at [`Effort::Best`] when a client first asks or by [`Self::warm`].
    pub fn new(body: Bytes, content_type: &'static str) -> Self {
        Self::with_effort(body, content_type, Effort::Best)
    }

    /// `body` computed for a request: tagged now, compressed at [`Effort::Fast`] when asked.
    pub fn computed(body: Bytes, content_type: &'static str) -> Self {
        Self::with_effort(body, content_type, Effort::Fast)
    }

    fn with_effort(body: Bytes, content_type: &'static str, effort: Effort) -> Self {
        let tag = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&body));
        let etag = |coding: Coding| {
            HeaderValue::from_str(&format!("\"{tag}{}\"", coding.suffix()))
                .expect("hex digits are a valid header value")
        };
        let etags = [Coding::Identity, Coding::Gzip, Coding::Brotli, Coding::Zstd].map(etag);
        Self { identity: body, compressed: Default::default(), effort, tag, etags, content_type }
    }

    /// The uncompressed body.
    pub fn body(&self) -> &Bytes {
        &self.identity
    }

    /// Makes every compressed form not made yet (the warm-up thread calls it).
    pub fn warm(&self) {
        if self.identity.len() >= MIN_COMPRESS {
            for coding in COMPRESSED {
                self.coded(coding);
            }
        }
    }

    /// The body in `coding`, compressed now if no one has yet.
    fn coded(&self, coding: Coding) -> Bytes {
        match coding {
            Coding::Identity => self.identity.clone(),
            _ => self.compressed[coding as usize - 1]
                .get_or_init(|| compress(&self.identity, coding, self.effort))
                .clone(),
        }
    }

    /// The strong entity tag of the form served with `coding`: each coding is its own
    /// representation, so each has its own tag.
    fn etag(&self, coding: Coding) -> HeaderValue {
        self.etags[coding as usize].clone()
    }

    /// Whether `If-None-Match` is one field line holding exactly one of this body's tags, as a
    /// client echoing an `ETag` sends it: found by comparing bytes, before any parsing (which
    /// builds a list of owned tags). Anything else is left to [`none_match`].
    fn echoed(&self, req: &HttpRequest) -> bool {
        let mut lines = req.headers().get_all(header::IF_NONE_MATCH);
        match (lines.next(), lines.next()) {
            (Some(line), None) => self.etags.iter().any(|etag| etag.as_bytes() == line.as_bytes()),
            _ => false,
        }
    }

    /// The answer to `req`: 304 when its `If-None-Match` matches, else 200 in the best coding
    /// the client accepts, with `cache_control` as given.
    pub fn respond(&self, req: &HttpRequest, cache_control: &HeaderValue) -> HttpResponse {
        let coding = if self.identity.len() >= MIN_COMPRESS { negotiate(req) } else { Coding::Identity };
        let etag = self.etag(coding);
        let not_modified = self.echoed(req) || none_match(req, &self.tag);
        let mut response = if not_modified { HttpResponse::NotModified() } else { HttpResponse::Ok() };
        response
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache_control.clone()))
            .insert_header((header::VARY, HeaderValue::from_static("accept-encoding")));
        if not_modified {
            return response.finish();
        }
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(self.content_type)));
        if coding != Coding::Identity {
            response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static(coding.token())));
        }
        response.body(self.coded(coding))
    }
}

fn compress(body: &[u8], coding: Coding, effort: Effort) -> Bytes {
    let (gzip, brotli, zstd) = effort.levels();
    let mut out = Vec::with_capacity(body.len() / 3 + 64);
    match coding {
        Coding::Identity => out.extend_from_slice(body),
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(gzip));
            encoder.write_all(body).and_then(|()| encoder.finish().map(drop)).expect("writing to a Vec cannot fail");
        }
        Coding::Brotli => {
            let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, brotli, 22);
            encoder.write_all(body).and_then(|()| encoder.flush()).expect("writing to a Vec cannot fail");
            drop(encoder);
        }
        Coding::Zstd => {
            zstd::stream::copy_encode(body, &mut out, zstd).expect("writing to a Vec cannot fail");
        }
    }
    Bytes::from(out)
}

/// Our rank of a coding on a q-value tie: zstd, then brotli, then gzip.
fn rank(coding: Coding) -> u8 {
    match coding {
        Coding::Zstd => 3,
        Coding::Brotli => 2,
        Coding::Gzip => 1,
        Coding::Identity => 0,
    }
}

/// The preferred coding the client accepts: highest q-value, zstd before brotli before gzip
/// on a tie, `*` read as brotli (zstd only when named), `x-gzip` as gzip; identity when nothing we have is acceptable, when
/// there is no `Accept-Encoding`, or when it does not parse (never an error).
///
/// Parsing is actix-web's [`AcceptEncoding`]: entries it cannot read (a q-value outside
/// RFC 9110's `0`–`1` with at most three decimals, parameters other than `q`) are skipped,
/// and a field line that is not visible ASCII makes the whole header unreadable.
pub fn negotiate(req: &HttpRequest) -> Coding {
    let Ok(AcceptEncoding(accepted)) = AcceptEncoding::parse(req) else { return Coding::Identity };
    let mut best = (Quality::ZERO, Coding::Identity);
    for QualityItem { item, quality } in &accepted {
        let coding = match item {
            Preference::Any | Preference::Specific(Encoding::Known(ContentEncoding::Brotli)) => Coding::Brotli,
            Preference::Specific(Encoding::Known(ContentEncoding::Gzip)) => Coding::Gzip,
            Preference::Specific(Encoding::Known(ContentEncoding::Zstd)) => Coding::Zstd,
            Preference::Specific(Encoding::Unknown(name)) if name.eq_ignore_ascii_case("x-gzip") => Coding::Gzip,
            _ => continue,
        };
        if *quality > Quality::ZERO && (*quality, rank(coding)) > (best.0, rank(best.1)) {
            best = (*quality, coding);
        }
    }
    best.1
}

/// Whether `If-None-Match` names this body (any of its codings) or is `*`.
///
/// Parsing is actix-web's [`IfNoneMatch`]: several field lines and lists are read, `*` counts
/// only as the whole first field line, and entries that are not quoted entity tags are skipped.
/// The comparison is weak, as RFC 9110 prescribes for `If-None-Match`: only the opaque tags
/// are compared, `W/` or not, which is what [`EntityTag::weak_eq`] does, done here against
/// our tag and its coding suffixes so that no `EntityTag` has to be built for the body.
fn none_match(req: &HttpRequest, tag: &str) -> bool {
    match IfNoneMatch::parse(req) {
        Ok(IfNoneMatch::Any) => true,
        Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|candidate: &EntityTag| {
            candidate.tag().strip_prefix(tag).is_some_and(|rest| matches!(rest, "" | "-gzip" | "-br" | "-zstd"))
        }),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;
    use actix_web::test::TestRequest;

    use super::*;

    /// A request with one `name: value` field line per value, in order.
    fn request(name: &'static str, values: &[&'static str]) -> HttpRequest {
        values.iter().fold(TestRequest::default(), |req, value| req.append_header((name, *value))).to_http_request()
    }

    /// A request with one `name` field line holding raw bytes (not necessarily visible ASCII).
    fn request_with_bytes(name: &'static str, lines: &[&'static [u8]]) -> HttpRequest {
        lines
            .iter()
            .fold(TestRequest::default(), |req, line| {
                req.append_header((name, HeaderValue::from_bytes(line).expect("a field value")))
            })
            .to_http_request()
    }

    #[test]
    fn negotiation_honours_q_values_ties_aliases_and_several_field_lines() {
        let cases: [(&[&str], Coding); 30] = [
            (&["gzip, deflate, br"], Coding::Brotli),
            (&["gzip, deflate, br, zstd"], Coding::Zstd),
            (&["zstd"], Coding::Zstd),
            (&["gzip"], Coding::Gzip),
            (&["br;q=0.5, gzip;q=0.9"], Coding::Gzip),
            (&["br;q=0, gzip;q=0"], Coding::Identity),
            (&["identity"], Coding::Identity),
            (&["*"], Coding::Brotli),
            (&["deflate"], Coding::Identity),
            (&["GZIP;Q=1"], Coding::Gzip),
            (&["ZSTD"], Coding::Zstd),
            (&["gzip, br"], Coding::Brotli),
            (&["br, gzip"], Coding::Brotli),
            (&["zstd, br, gzip"], Coding::Zstd),
            (&["br, zstd"], Coding::Zstd),
            (&["zstd;q=0.5, br"], Coding::Brotli),
            (&["zstd;q=0.9, gzip"], Coding::Gzip),
            (&["zstd;q=0, *"], Coding::Brotli),
            (&["gzip, *"], Coding::Brotli),
            (&["zstd, *"], Coding::Zstd),
            (&["*;q=0.5, gzip"], Coding::Gzip),
            (&["*;q=0, gzip;q=0.1"], Coding::Gzip),
            (&["x-gzip"], Coding::Gzip),
            (&["X-GZIP;q=0.8, br;q=0.7"], Coding::Gzip),
            (&["gzip;q=0.500, br;q=0.5"], Coding::Brotli),
            (&["gzip ; q=0.9 , br ;q=0.8"], Coding::Gzip),
            (&["gzip;q=1.0, br;q=0.999"], Coding::Gzip),
            (&["deflate, gzip;q=0.5"], Coding::Gzip),
            (&["compress, zstd, identity"], Coding::Zstd),
            (&["gzip;q=0.5", "br;q=0.9"], Coding::Brotli),
        ];
        for (values, expected) in cases {
            assert_eq!(negotiate(&request("accept-encoding", values)), expected, "{values:?}");
        }
        assert_eq!(negotiate(&TestRequest::default().to_http_request()), Coding::Identity);
    }

    /// Where actix-web's `AcceptEncoding` reads a malformed header differently from the
    /// hand-written parser it replaced: still never an error, at worst identity.
    #[test]
    fn negotiation_skips_entries_the_typed_parser_cannot_read() {
        let cases = [
            // q-values outside RFC 9110's grammar are not read, so the entry is skipped
            // (the old parser took any float: 1.5 beat 1, 1e-7 was acceptable).
            ("gzip;q=1.5, br", Coding::Brotli),
            ("br;q=0.0000001", Coding::Identity),
            ("gzip;q=.5", Coding::Identity),
            ("gzip;q=0.5000, br;q=0.1", Coding::Brotli),
            ("br;q=NaN, gzip;q=inf, *;q=-1, ;;;,,", Coding::Identity),
            ("gzip;q=1e39, br;q=0.0000001", Coding::Identity),
            // Parameters other than q make the coding unknown (the old parser ignored them).
            ("gzip;level=9", Coding::Identity),
            ("br;q=0.5;x=y, gzip;q=0.1", Coding::Gzip),
            // Junk with no coding at all: identity, as before.
            (";q=1;q=2;;q=", Coding::Identity),
        ];
        for (value, expected) in cases {
            assert_eq!(negotiate(&request("accept-encoding", &[value])), expected, "{value}");
        }
        // A field line that is not visible ASCII makes the whole header unreadable: identity,
        // even beside a readable line (the old parser skipped just that line and took gzip).
        let mixed = request_with_bytes("accept-encoding", &[b"gzip", b"br\xff"]);
        assert_eq!(negotiate(&mixed), Coding::Identity);
        assert_eq!(negotiate(&request_with_bytes("accept-encoding", &[b"\xe9, gzip"])), Coding::Identity);
    }

    #[test]
    fn if_none_match_lists_star_and_codings() {
        let tag = "abc123";
        for (value, expected) in [
            ("\"abc123\"", true),
            ("\"x\", \"abc123-gzip\"", true),
            ("W/\"abc123-br\"", true),
            ("*", true),
            ("\"abc12\"", false),
            ("\"abc123-zstd\"", true),
            ("\"abc123-deflate\"", false),
        ] {
            assert_eq!(none_match(&request("if-none-match", &[value]), tag), expected, "{value}");
        }
    }

    #[test]
    fn if_none_match_reads_several_field_lines() {
        let tag = "abc123";
        let cases: [(&[&str], bool); 6] = [
            (&["\"x\"", "\"abc123\""], true),
            (&["W/\"x\", W/\"y\"", "W/\"abc123-gzip\""], true),
            (&["*", "\"x\""], true),
            (&[" * "], true),
            (&["\"x\"", "\"y\""], false),
            (&[], false),
        ];
        for (values, expected) in cases {
            assert_eq!(none_match(&request("if-none-match", values), tag), expected, "{values:?}");
        }
    }

    /// Where actix-web's `IfNoneMatch` reads a malformed header differently from the
    /// hand-written parser it replaced: such values now never match (a full 200, never a 304
    /// by mistake), where the old parser was lenient.
    #[test]
    fn if_none_match_skips_what_is_not_an_entity_tag() {
        let tag = "abc123";
        let cases: [(&[&str], bool); 10] = [
            // Unquoted, half-quoted or doubly quoted tags are not entity tags.
            (&["abc123"], false),
            (&["\"abc123"], false),
            (&["\"\"abc123\"\""], false),
            // `W/` is case-sensitive, as before.
            (&["w/\"abc123\""], false),
            // `*` counts only as the whole first field line, not inside a list or on a later line.
            (&["\"x\", *"], false),
            (&["\"x\"", "*"], false),
            // Odd but harmless values: no match, as before.
            (&["W/, \"\", W/\"\"\"\", \""], false),
            (&[",,,,"], false),
            (&["\"\""], false),
            // A valid tag beside junk entries still matches, as before.
            (&["junk, \"abc123\", \""], true),
        ];
        for (values, expected) in cases {
            assert_eq!(none_match(&request("if-none-match", values), tag), expected, "{values:?}");
        }
        // A field line that is not visible ASCII makes the whole header unreadable: no match,
        // even beside a matching line (the old parser skipped just that line).
        let mixed = request_with_bytes("if-none-match", &[b"\"abc123\"", b"\"\xff\""]);
        assert!(!none_match(&mixed, tag));
    }

    #[test]
    fn compressed_forms_decode_to_the_body_at_both_efforts() {
        use std::io::Read;
        let body = Bytes::from("second interview ".repeat(100));
        for effort in [Effort::Fast, Effort::Best] {
            let mut gunzipped = Vec::new();
            flate2::read::GzDecoder::new(&compress(&body, Coding::Gzip, effort)[..])
                .read_to_end(&mut gunzipped)
                .unwrap();
            assert_eq!(gunzipped, body, "{effort:?}");
            let mut unbrotlied = Vec::new();
            brotli::Decompressor::new(&compress(&body, Coding::Brotli, effort)[..], 4096)
                .read_to_end(&mut unbrotlied)
                .unwrap();
            assert_eq!(unbrotlied, body, "{effort:?}");
            let unzstded = zstd::stream::decode_all(&compress(&body, Coding::Zstd, effort)[..]).unwrap();
            assert_eq!(unzstded, body, "{effort:?}");
        }
    }

    #[test]
    fn each_coding_has_its_own_tag_and_is_made_once() {
        let representation = Representation::computed(Bytes::from("second interview ".repeat(100)), "text/plain");
        let tags: Vec<&[u8]> = representation.etags.iter().map(HeaderValue::as_bytes).collect();
        let tag = &representation.tag;
        let expected: Vec<String> = ["", "-gzip", "-br", "-zstd"].iter().map(|s| format!("\"{tag}{s}\"")).collect();
        assert_eq!(tags, expected.iter().map(String::as_bytes).collect::<Vec<_>>());
        assert!(representation.compressed.iter().all(|form| form.get().is_none()));
        representation.warm();
        let made: Vec<Bytes> = representation.compressed.iter().map(|form| form.get().unwrap().clone()).collect();
        for coding in COMPRESSED {
            let again = representation.coded(coding);
            assert_eq!(again.as_ptr(), made[coding as usize - 1].as_ptr(), "{coding:?} is made once");
        }
    }
}
