//! HTTP caching and compression for content answers: strong ETags, `If-None-Match`,
//! `Cache-Control`, and gzip or brotli chosen from `Accept-Encoding`.
//!
//! Answers that never change while the process runs are built once at start with their
//! compressed forms ([`Representation::precompressed`]); computed answers get the same
//! headers, compressed on the way out when the client asks ([`Representation::computed`]).

use std::io::Write;

use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

/// Bodies smaller than this are not worth compressing.
const MIN_COMPRESS: usize = 512;

/// A content coding the service can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// No compression.
    Identity = 0,
    /// gzip (RFC 1952).
    Gzip = 1,
    /// brotli (RFC 7932).
    Brotli = 2,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::Gzip => "gzip",
            Self::Brotli => "br",
        }
    }
}

/// One answer body with its validator and, when built at start, its compressed forms.
#[derive(Debug, Clone)]
pub struct Representation {
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    tag: String,
    etags: [HeaderValue; 3],
    content_type: &'static str,
}

impl Representation {
    /// A body that will be served many times: tagged and compressed once, now.
    pub fn precompressed(body: Bytes, content_type: &'static str) -> Self {
        let big = body.len() >= MIN_COMPRESS;
        Self {
            gzip: big.then(|| compress(&body, Coding::Gzip)),
            brotli: big.then(|| compress(&body, Coding::Brotli)),
            ..Self::computed(body, content_type)
        }
    }

    /// A body computed for one request: tagged now, compressed only if the client asks.
    pub fn computed(body: Bytes, content_type: &'static str) -> Self {
        let tag = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&body));
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{tag}{suffix}\"")).expect("hex digits are a valid header value")
        };
        let etags = [etag(""), etag("-gzip"), etag("-br")];
        Self { identity: body, gzip: None, brotli: None, tag, etags, content_type }
    }

    /// The uncompressed body.
    pub fn body(&self) -> &Bytes {
        &self.identity
    }

    /// The strong entity tag of the form served with `coding`: each coding is its own
    /// representation, so each has its own tag.
    fn etag(&self, coding: Coding) -> HeaderValue {
        self.etags[coding as usize].clone()
    }

    /// The answer to `req`: 304 when its `If-None-Match` matches, else 200 in the best coding
    /// the client accepts, with `cache_control` as given.
    pub fn respond(&self, req: &HttpRequest, cache_control: &HeaderValue) -> HttpResponse {
        let coding = if self.identity.len() >= MIN_COMPRESS { negotiate(req.headers()) } else { Coding::Identity };
        let etag = self.etag(coding);
        let not_modified = none_match(req.headers(), &self.tag);
        let mut response = if not_modified { HttpResponse::NotModified() } else { HttpResponse::Ok() };
        response
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache_control.clone()))
            .insert_header((header::VARY, HeaderValue::from_static("accept-encoding")));
        if not_modified {
            return response.finish();
        }
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(self.content_type)));
        let body = match coding {
            Coding::Identity => self.identity.clone(),
            Coding::Gzip => self.gzip.clone().unwrap_or_else(|| compress(&self.identity, Coding::Gzip)),
            Coding::Brotli => self.brotli.clone().unwrap_or_else(|| compress(&self.identity, Coding::Brotli)),
        };
        if coding != Coding::Identity {
            response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static(coding.token())));
        }
        response.body(body)
    }
}

fn compress(body: &[u8], coding: Coding) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 3 + 64);
    match coding {
        Coding::Identity => out.extend_from_slice(body),
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(6));
            encoder.write_all(body).and_then(|()| encoder.finish().map(drop)).expect("writing to a Vec cannot fail");
        }
        Coding::Brotli => {
            let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            encoder.write_all(body).and_then(|()| encoder.flush()).expect("writing to a Vec cannot fail");
            drop(encoder);
        }
    }
    Bytes::from(out)
}

/// The preferred coding the client accepts: highest q-value, brotli before gzip on a tie,
/// identity unless the client refuses it and nothing else is acceptable.
pub fn negotiate(headers: &HeaderMap) -> Coding {
    let mut best = (0.0_f32, Coding::Identity);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for entry in value.split(',') {
            let mut parts = entry.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let coding = match name.as_str() {
                "br" => Coding::Brotli,
                "gzip" | "x-gzip" => Coding::Gzip,
                "*" => Coding::Brotli,
                _ => continue,
            };
            let rank = |c: Coding| if c == Coding::Brotli { 1 } else { 0 };
            if q > 0.0 && (q > best.0 || (q == best.0 && rank(coding) > rank(best.1))) {
                best = (q, coding);
            }
        }
    }
    best.1
}

/// Whether `If-None-Match` names this body (any of its codings) or is `*`. The comparison
/// is weak, as RFC 9110 prescribes for `If-None-Match`.
fn none_match(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|entry| {
            let entry = entry.trim();
            if entry == "*" {
                return true;
            }
            let opaque = entry.strip_prefix("W/").unwrap_or(entry).trim_matches('"');
            opaque == tag || opaque.strip_prefix(tag).is_some_and(|rest| rest == "-gzip" || rest == "-br")
        })
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(name: &'static str, value: &'static str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
        map
    }

    #[test]
    fn negotiation_honours_q_values() {
        let cases = [
            ("gzip, deflate, br", Coding::Brotli),
            ("gzip", Coding::Gzip),
            ("br;q=0.5, gzip;q=0.9", Coding::Gzip),
            ("br;q=0, gzip;q=0", Coding::Identity),
            ("identity", Coding::Identity),
            ("*", Coding::Brotli),
            ("deflate", Coding::Identity),
            ("GZIP;Q=1", Coding::Gzip),
        ];
        for (value, expected) in cases {
            assert_eq!(negotiate(&headers("accept-encoding", value)), expected, "{value}");
        }
        assert_eq!(negotiate(&HeaderMap::new()), Coding::Identity);
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
            ("\"abc123-zstd\"", false),
        ] {
            assert_eq!(none_match(&headers("if-none-match", value), tag), expected, "{value}");
        }
    }

    #[test]
    fn compressed_forms_decode_to_the_body() {
        use std::io::Read;
        let body = Bytes::from("second interview ".repeat(100));
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(&compress(&body, Coding::Gzip)[..]).read_to_string(&mut gunzipped).unwrap();
        assert_eq!(gunzipped.as_bytes(), &body[..]);
        let mut unbrotlied = Vec::new();
        brotli::Decompressor::new(&compress(&body, Coding::Brotli)[..], 4096).read_to_end(&mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, body);
    }
}
