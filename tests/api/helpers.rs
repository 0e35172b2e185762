//! Test helpers: the one way to start the real server (on port 0, over a real socket), the
//! requests and raw-socket exchanges the tests make, and the whole bodies they expect.

use std::path::{Path, PathBuf};

use reqwest::header::CONTENT_TYPE;
use second_interview_api::settings::Settings;
use second_interview_api::startup::Application;
use serde_json::Value;

/// A running server and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A client with no default headers beyond reqwest's.
    pub client: reqwest::Client,
}

/// Starts the service with the embedded content on a free port.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts the service with extra `SIA__…` settings on a free port.
pub async fn spawn_app_with(env: &[(&str, &str)]) -> TestApp {
    let mut vars =
        vec![("SIA__SERVER__PORT".to_owned(), "0".to_owned()), ("SIA__SERVER__WORKERS".to_owned(), "1".to_owned())];
    vars.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let settings = Settings::load_from(None, vars).expect("test settings load");
    let app = Application::build(&settings).expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp { address, client: reqwest::Client::new() }
}

impl TestApp {
    /// GET `path` (with its query string).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request is sent")
    }

    /// POST `body` as JSON to `path`.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.address)).json(body).send().await.expect("request is sent")
    }
}

/// Asserts a 200 JSON answer and returns its body.
pub async fn json_ok(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200, "expected 200 from {}", response.url());
    assert_eq!(content_type(&response), "application/json; charset=utf-8");
    response.json().await.expect("the body is JSON")
}

/// Asserts a problem details answer with `status` and returns its body.
pub async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status, "unexpected status from {}", response.url());
    assert_eq!(content_type(&response), "application/problem+json");
    assert!(response.headers().contains_key("x-request-id"));
    response.json().await.expect("the problem body is JSON")
}

/// The Content-Type header, or "" when absent.
pub fn content_type(response: &reqwest::Response) -> String {
    response.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// The folder of test fixtures.
pub fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

impl TestApp {
    /// Sends `method` to `path` with the given extra headers.
    pub async fn request(&self, method: reqwest::Method, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.request(method, format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request is sent")
    }

    /// GET `path` and return its 200 JSON body.
    pub async fn get_json(&self, path: &str) -> Value {
        json_ok(self.get(path).await).await
    }

    /// The ids of a list answer's items, all pages included (asks with `limit=200`).
    pub async fn ids(&self, path: &str) -> Vec<String> {
        let separator = if path.contains('?') { '&' } else { '?' };
        let page = self.get_json(&format!("{path}{separator}limit=200")).await;
        assert_eq!(
            page["total"].as_u64().unwrap() as usize,
            page["items"].as_array().unwrap().len(),
            "{path} has more than one page"
        );
        ids_of(&page)
    }
}

/// The values the served OpenAPI document lists for the enumerated query parameter `name` of `GET path`.
pub async fn schema_enum(app: &TestApp, path: &str, name: &str) -> Vec<String> {
    let spec = app.get_json("/openapi.json").await;
    let parameters =
        spec["paths"][path]["get"]["parameters"].as_array().unwrap_or_else(|| panic!("{path} has no parameters"));
    let parameter =
        parameters.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path} has no parameter {name}"));
    parameter["schema"]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: {name} is not an enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// The `id`s of the `items` of a list answer, in order.
pub fn ids_of(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("a list answer has items")
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The whole problem body for a path no route matches, shown as the service echoes it.
pub fn route_not_found(shown: &str) -> Value {
    problem_body(
        404,
        "route_not_found",
        "Route not found",
        &format!("No route matches `{shown}`. The index at `/` lists every route."),
    )
}

pub fn problem_body(status: u16, code: &str, title: &str, detail: &str) -> Value {
    serde_json::json!({ "type": format!("/problems#{code}"), "title": title, "status": status, "detail": detail, "code": code })
}

/// The folder of the real content, `data/`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The items under `key` of the real content file `file` (for example every `[[tips]]` of `tips.toml`).
pub fn data_items(file: &str, key: &str) -> Vec<toml::Value> {
    let text = std::fs::read_to_string(data_dir().join(file)).expect("the data file is readable");
    let table: toml::Table = text.parse().expect("the data file is valid TOML");
    table[key].as_array().expect("the key holds an array of tables").clone()
}

/// A copy of `data/` in a temporary folder, to break on purpose.
pub struct ContentCopy {
    dir: tempfile::TempDir,
}

impl ContentCopy {
    /// Copies every `data/*.toml` into a fresh temporary folder.
    pub fn of_data() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for entry in std::fs::read_dir(data_dir()).expect("data/ is readable") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).expect("the file is copied");
            }
        }
        Self { dir }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The folder, as a settings value.
    pub fn path_str(&self) -> &str {
        self.path().to_str().expect("temporary folders have UTF-8 paths")
    }

    /// Replaces the one occurrence of `from` in `file` by `to`; panics when `from` is not there
    /// exactly once, so a fixture cannot silently stop breaking anything.
    pub fn replace(self, file: &str, from: &str, to: &str) -> Self {
        let path = self.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(text.matches(from).count(), 1, "{file} must contain {from:?} exactly once");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// Replaces the first `from` after the line `id = "<item>"` of `file`: edits one field of one item.
    pub fn replace_in_item(self, file: &str, item: &str, from: &str, to: &str) -> Self {
        let path = self.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let anchor = format!("id = \"{item}\"\n");
        assert_eq!(text.matches(&anchor).count(), 1, "{file} must have exactly one item `{item}`");
        let start = text.find(&anchor).unwrap() + anchor.len();
        let at = start + text[start..].find(from).unwrap_or_else(|| panic!("{file}: no {from:?} after item `{item}`"));
        std::fs::write(&path, format!("{}{to}{}", &text[..at], &text[at + from.len()..])).unwrap();
        self
    }

    /// Appends `text` to `file`.
    pub fn append(self, file: &str, text: &str) -> Self {
        let path = self.path().join(file);
        let mut old = std::fs::read_to_string(&path).unwrap();
        old.push_str(text);
        std::fs::write(&path, old).unwrap();
        self
    }

    /// Deletes `file`.
    pub fn remove(self, file: &str) -> Self {
        std::fs::remove_file(self.path().join(file)).unwrap();
        self
    }
}

/// The whole problem body listing `(field, message)` problems, with the detail the service
/// derives from them (the one problem, or how many and which fields).
pub fn field_problems_body(status: u16, code: &str, title: &str, errors: &[(&str, &str)]) -> Value {
    let detail = match errors {
        [(field, message)] => format!("`{field}`: {message}"),
        many => format!(
            "{} problems: {}.",
            many.len(),
            many.iter().map(|(field, _)| format!("`{field}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    let mut body = problem_body(status, code, title, &detail);
    body["errors"] =
        errors.iter().map(|(field, message)| serde_json::json!({ "field": field, "message": message })).collect();
    body
}

/// The whole 400 body for query problems, one `(parameter, message)` each.
pub fn invalid_query_body(errors: &[(&str, &str)]) -> Value {
    field_problems_body(400, "invalid_query", "Invalid query parameters", errors)
}

/// The whole 422 body for body values that break an operation's rules, one `(field, message)` each.
pub fn validation_failed_body(errors: &[(&str, &str)]) -> Value {
    field_problems_body(422, "validation_failed", "Validation failed", errors)
}

/// The whole 404 body for an unknown id of a `kind` of item, with the closest ids suggested.
pub fn not_found_body(kind: &str, id: &str, suggestions: &[&str]) -> Value {
    let closest: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
    let detail = match closest.as_slice() {
        [] => format!("No {kind} has the id `{id}`."),
        some => format!("No {kind} has the id `{id}`. Closest ids: {}.", some.join(", ")),
    };
    let mut body = problem_body(404, "not_found", "Item not found", &detail);
    if !suggestions.is_empty() {
        body["suggestions"] = serde_json::json!(suggestions);
    }
    body
}

/// The whole real content file `file` as a TOML table (for top-level keys such as `formula`).
pub fn data_table(file: &str) -> toml::Table {
    let text = std::fs::read_to_string(data_dir().join(file)).expect("the data file is readable");
    text.parse().expect("the data file is valid TOML")
}

impl TestApp {
    /// GETs `path` and asserts the whole problem body `expected` (its status is the body's).
    pub async fn assert_get_problem(&self, path: &str, expected: &Value) {
        let status = u16::try_from(expected["status"].as_u64().expect("a status")).unwrap();
        assert_eq!(&problem(self.get(path).await, status).await, expected, "GET {path}");
    }

    /// POSTs `body` as it is, with `content_type` when given.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut request = self.client.post(format!("{}{path}", self.address)).body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        request.send().await.expect("request is sent")
    }
}

impl TestApp {
    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().and_then(|port| port.parse().ok()).expect("the address ends with a port")
    }
}

/// Where the thank-you note is rendered.
pub const THANK_YOU_RENDER: &str = "/v1/templates/thank-you-after-second-interview/render";

/// A render request for the thank-you note with every required variable set.
pub fn thank_you_render_body() -> Value {
    serde_json::json!({ "variables": {
        "interviewer_name": "Dana Whitfield",
        "job_title": "Senior Data Analyst",
        "company_name": "Northwind Logistics",
        "specific_topic": "route forecasting",
        "candidate_name": "Jordan Lee"
    } })
}

/// One HTTP/1.1 answer read off a raw socket.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The status code of the status line.
    pub status: u16,
    /// Every header as sent, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Asserts a raw answer is problem details with `status` (and a request id), and returns its body.
pub fn raw_problem(response: &RawResponse, status: u16) -> Value {
    assert_eq!(response.status, status, "unexpected status: {response:?}");
    assert_eq!(response.header("content-type"), Some("application/problem+json"), "{response:?}");
    assert!(response.header("x-request-id").is_some(), "no x-request-id: {response:?}");
    response.json()
}

/// `host:port` of a test app, for raw sockets.
pub fn socket_address(app: &TestApp) -> String {
    app.address.strip_prefix("http://").expect("the address is http://host:port").to_owned()
}

/// A raw HTTP/1.1 exchange went wrong before a whole answer arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawError {
    /// The server closed (or reset) the connection after sending these bytes, too few for an answer.
    Closed(Vec<u8>),
    /// Nothing more arrived before the deadline.
    TimedOut(Vec<u8>),
    /// The bytes that arrived are not an HTTP/1.1 answer.
    Malformed(String),
}

/// Sends `request` as it is on a fresh connection (write errors are ignored: the server may
/// answer and close before reading everything) and reads one answer within `timeout`.
pub fn raw_exchange(address: &str, request: &[u8], timeout: std::time::Duration) -> Result<RawResponse, RawError> {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(address).expect("the test server accepts connections");
    let _ = stream.write_all(request);
    read_raw_response(&mut stream, std::time::Instant::now() + timeout)
}

/// The most header fields [`read_raw_response`] reads in one answer head.
const RAW_MAX_HEADERS: usize = 128;

/// Reads one HTTP/1.1 answer from `stream` until `deadline`: the head (parsed by `httparse`),
/// then a body framed by `Content-Length`, by chunks (sizes parsed by `httparse`), or by the end
/// of the connection.
pub fn read_raw_response(
    stream: &mut std::net::TcpStream,
    deadline: std::time::Instant,
) -> Result<RawResponse, RawError> {
    use std::io::Read;
    let mut buffer = Vec::new();
    let mut closed = false;
    let mut fill = |buffer: &mut Vec<u8>, closed: &mut bool| -> Result<(), RawError> {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(RawError::TimedOut(buffer.clone()));
        }
        stream.set_read_timeout(Some(left)).expect("a read timeout can be set");
        let mut chunk = [0u8; 16 * 1024];
        match stream.read(&mut chunk) {
            Ok(0) => *closed = true,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Err(RawError::TimedOut(buffer.clone()));
            }
            Err(_) => *closed = true,
        }
        Ok(())
    };
    let (start, status, headers) = loop {
        let mut slots = [httparse::EMPTY_HEADER; RAW_MAX_HEADERS];
        let mut head = httparse::Response::new(&mut slots);
        match head.parse(&buffer) {
            Ok(httparse::Status::Complete(length)) => {
                let minor = head.version.expect("a complete head has a version");
                if minor != 1 {
                    return Err(RawError::Malformed(format!("HTTP/1.{minor} instead of HTTP/1.1")));
                }
                let status = head.code.expect("a complete head has a status code");
                let headers = head
                    .headers
                    .iter()
                    .map(|field| {
                        let value = std::str::from_utf8(field.value)
                            .map_err(|e| RawError::Malformed(format!("header {}: {e}", field.name)))?;
                        Ok((field.name.to_ascii_lowercase(), value.trim().to_owned()))
                    })
                    .collect::<Result<Vec<_>, RawError>>()?;
                break (length, status, headers);
            }
            Ok(httparse::Status::Partial) => {}
            Err(e) => {
                let seen = String::from_utf8_lossy(&buffer[..buffer.len().min(200)]).into_owned();
                return Err(RawError::Malformed(format!("{e}: {seen:?}")));
            }
        }
        if closed {
            return Err(RawError::Closed(buffer));
        }
        fill(&mut buffer, &mut closed)?;
    };
    let find = |name: &str| headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let body = if status == 304 || (100..200).contains(&status) {
        Vec::new()
    } else if let Some(length) = find("content-length") {
        let length: usize = length.parse().map_err(|_| RawError::Malformed(format!("content-length {length}")))?;
        while buffer.len() < start + length {
            if closed {
                return Err(RawError::Closed(buffer));
            }
            fill(&mut buffer, &mut closed)?;
        }
        buffer[start..start + length].to_vec()
    } else if find("transfer-encoding").is_some_and(|te| te.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        let mut at = start;
        loop {
            let (data, size) = match httparse::parse_chunk_size(&buffer[at..]) {
                Ok(httparse::Status::Complete((line_length, size))) => (at + line_length, size),
                Ok(httparse::Status::Partial) => {
                    if closed {
                        return Err(RawError::Closed(buffer));
                    }
                    fill(&mut buffer, &mut closed)?;
                    continue;
                }
                Err(_) => {
                    let line = buffer[at..].split(|&b| b == b'\n').next().unwrap_or_default();
                    return Err(RawError::Malformed(format!("chunk size {:?}", String::from_utf8_lossy(line))));
                }
            };
            let size = usize::try_from(size).map_err(|_| RawError::Malformed(format!("chunk size {size}")))?;
            while buffer.len() < data + size + 2 {
                if closed {
                    return Err(RawError::Closed(buffer));
                }
                fill(&mut buffer, &mut closed)?;
            }
            if size == 0 {
                break body;
            }
            body.extend_from_slice(&buffer[data..data + size]);
            at = data + size + 2;
        }
    } else {
        while !closed {
            fill(&mut buffer, &mut closed)?;
        }
        buffer[start..].to_vec()
    };
    Ok(RawResponse { status, headers, body })
}

/// What [`read_raw_response`] makes of `answer`, sent in `pieces` (cut at these offsets, with a
/// pause between) by a loopback server that then closes the connection.
fn read_canned(answer: &'static [u8], cuts: &'static [usize]) -> Result<RawResponse, RawError> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        let (mut socket, _) = listener.accept().unwrap();
        let mut from = 0;
        for &to in cuts.iter().chain([&answer.len()]) {
            socket.write_all(&answer[from..to]).unwrap();
            socket.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
            from = to;
        }
    });
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let read = read_raw_response(&mut stream, std::time::Instant::now() + std::time::Duration::from_secs(5));
    server.join().unwrap();
    read
}

#[test]
fn the_raw_reader_parses_heads_and_bodies_and_refuses_what_is_not_http_1_1() {
    let chunked = read_canned(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Odd:  spaced \r\nx-odd: second\r\n\r\n\
          4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
        &[10, 40, 70, 75],
    )
    .expect("a chunked answer");
    assert_eq!(chunked.status, 200);
    assert_eq!(chunked.body, b"Wikipedia");
    assert_eq!(chunked.header("X-ODD"), Some("spaced"));
    assert_eq!(chunked.headers.iter().filter(|(name, _)| name == "x-odd").count(), 2);

    let sized = read_canned(b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabcdef", &[20]).unwrap();
    assert_eq!((sized.status, sized.body.as_slice()), (404, &b"abc"[..]));
    let unframed = read_canned(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end", &[]).unwrap();
    assert_eq!(unframed.body, b"to the end");
    let not_modified = read_canned(b"HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", &[]).unwrap();
    assert_eq!((not_modified.status, not_modified.header("etag")), (304, Some("\"x\"")));

    assert_eq!(read_canned(b"HTTP/1.1 431 ", &[]).unwrap_err(), RawError::Closed(b"HTTP/1.1 431 ".to_vec()));
    for garbage in [&b"HTTP/1.0 200 OK\r\n\r\n"[..], b"NOPE\r\n\r\n", b"HTTP/1.1 20 OK\r\n\r\n"] {
        let error = read_canned(garbage, &[]).unwrap_err();
        assert!(matches!(error, RawError::Malformed(_)), "{:?}: {error:?}", String::from_utf8_lossy(garbage));
    }
    let bad_chunk = read_canned(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", &[]).unwrap_err();
    assert!(matches!(bad_chunk, RawError::Malformed(ref m) if m.contains("zz")), "{bad_chunk:?}");
}
