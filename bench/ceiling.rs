//! The benchmark's ceiling: a bare actix-web handler answering bytes it already holds, with
//! no middleware, so each benchmark row can be compared with what actix-web itself costs.
//!
//! Usage: `ceiling PORT MANIFEST` where MANIFEST is a JSON array of
//! `{"status": 200, "content_type": "...", "content_encoding": "gzip" | null, "body": "FILE",
//! "headers": [["name", "value"], ...]}`; entry N is served at `/N` for any method with only
//! its content type and encoding ("bare"), and at `/h/N` with every header listed, fixed
//! ("same headers": what the service sends, without the work of producing it).

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::web::{Bytes, Data, Path};
use actix_web::{App, HttpResponse, HttpServer};
use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    body: String,
    #[serde(default)]
    headers: Vec<(String, String)>,
}

struct Canned {
    status: StatusCode,
    content_type: Option<String>,
    content_encoding: Option<String>,
    body: Bytes,
    headers: Vec<(HeaderName, HeaderValue)>,
}

/// Entry N with every captured header, each a value built once.
async fn answer_with_headers(entries: Data<Vec<Canned>>, index: Path<usize>) -> HttpResponse {
    let Some(entry) = entries.get(index.into_inner()) else {
        return HttpResponse::NotFound().finish();
    };
    let mut response = HttpResponse::build(entry.status);
    for (name, value) in &entry.headers {
        response.insert_header((name.clone(), value.clone()));
    }
    if entry.status == StatusCode::NOT_MODIFIED {
        return response.finish();
    }
    response.body(entry.body.clone())
}

async fn answer(entries: Data<Vec<Canned>>, index: Path<usize>) -> HttpResponse {
    let Some(entry) = entries.get(index.into_inner()) else {
        return HttpResponse::NotFound().finish();
    };
    let mut response = HttpResponse::build(entry.status);
    if let Some(content_type) = &entry.content_type {
        response.insert_header(("content-type", content_type.as_str()));
    }
    if let Some(encoding) = &entry.content_encoding {
        response.insert_header(("content-encoding", encoding.as_str()));
    }
    if entry.status == StatusCode::NOT_MODIFIED {
        return response.finish();
    }
    response.body(entry.body.clone())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, port, manifest] = args.as_slice() else {
        eprintln!("usage: ceiling PORT MANIFEST");
        std::process::exit(2);
    };
    let entries: Vec<Entry> = serde_json::from_slice(&std::fs::read(manifest)?).map_err(std::io::Error::other)?;
    let canned: Vec<Canned> = entries
        .into_iter()
        .map(|entry| {
            Ok(Canned {
                status: StatusCode::from_u16(entry.status).map_err(std::io::Error::other)?,
                content_type: entry.content_type,
                content_encoding: entry.content_encoding,
                body: Bytes::from(std::fs::read(&entry.body)?),
                headers: entry
                    .headers
                    .iter()
                    .map(|(name, value)| {
                        Ok((
                            HeaderName::from_bytes(name.as_bytes()).map_err(std::io::Error::other)?,
                            HeaderValue::from_str(value).map_err(std::io::Error::other)?,
                        ))
                    })
                    .collect::<std::io::Result<_>>()?,
            })
        })
        .collect::<std::io::Result<_>>()?;
    let canned = Data::new(canned);
    let address = format!("127.0.0.1:{port}");
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            App::new()
                .app_data(canned.clone())
                .route("/h/{index}", actix_web::web::to(answer_with_headers))
                .route("/{index}", actix_web::web::to(answer))
        })
        .workers(1)
        .bind(address)?
        .run()
        .await
    })
}
