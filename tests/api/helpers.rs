//! One way to start the real server for a test: on port 0, over a real socket.

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

/// The full problem details body the service answers for `code`.
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
