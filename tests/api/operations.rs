//! Running the service: the Prometheus exposition at `/metrics`, the `healthcheck` subcommand,
//! and the graceful drain on SIGTERM of the real binary.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::helpers::{
    RawResponse, THANK_YOU_RENDER, content_type, raw_problem, read_raw_response, spawn_app, spawn_app_with,
    thank_you_render_body,
};

/// The service binary.
const BINARY: &str = env!("CARGO_BIN_EXE_second-interview-api");

/// Media type of the metrics exposition.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

// ---------------------------------------------------------------- metrics

/// One sample line of an exposition: `name{labels} value`.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Every sample of an OpenMetrics text exposition.
struct Exposition(Vec<Sample>);

impl Exposition {
    /// Parses `text` strictly: `# HELP`, `# TYPE` and `# UNIT` comments, sample lines
    /// `name{label="value",…} value` without timestamps, and `# EOF` as the last line.
    fn parse(text: &str) -> Self {
        let body = text.strip_suffix("# EOF\n").unwrap_or_else(|| panic!("no `# EOF` line at the end:\n{text}"));
        let samples = body
            .lines()
            .filter(|line| {
                let comment = line.starts_with('#');
                let known = ["# HELP ", "# TYPE ", "# UNIT "].iter().any(|kind| line.starts_with(kind));
                assert!(!comment || known, "unknown comment line {line:?}");
                !comment
            })
            .map(|line| parse_sample(line).unwrap_or_else(|error| panic!("{error} in the sample line {line:?}")))
            .collect();
        Self(samples)
    }

    /// The samples named `name`.
    fn series<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Sample> {
        self.0.iter().filter(move |sample| sample.name == name)
    }

    /// The value of the sample named `name` with exactly the labels `labels`.
    fn value(&self, name: &str, labels: &BTreeMap<String, String>) -> Option<f64> {
        self.series(name).find(|sample| &sample.labels == labels).map(|sample| sample.value)
    }
}

/// The label set of `pairs`.
fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

fn is_name(name: &str, extra: &[char]) -> bool {
    let mut chars = name.chars();
    let valid = |c: char| c.is_ascii_alphabetic() || c == '_' || extra.contains(&c);
    chars.next().is_some_and(valid) && chars.all(|c| valid(c) || c.is_ascii_digit())
}

fn parse_sample(line: &str) -> Result<Sample, String> {
    let name_end = line.find(['{', ' ']).ok_or("no value")?;
    let (name, mut rest) = line.split_at(name_end);
    if !is_name(name, &[':']) {
        return Err(format!("invalid metric name `{name}`"));
    }
    let mut labels = BTreeMap::new();
    if let Some(mut inner) = rest.strip_prefix('{') {
        rest = loop {
            if let Some(after) = inner.strip_prefix('}').filter(|_| labels.is_empty()) {
                break after;
            }
            let (label, quoted) = inner.split_once("=\"").ok_or("a label without a quoted value")?;
            if !is_name(label, &[]) {
                return Err(format!("invalid label name `{label}`"));
            }
            let (value, after) = unquote(quoted)?;
            if labels.insert(label.to_owned(), value).is_some() {
                return Err(format!("the label `{label}` is repeated"));
            }
            match after.split_at_checked(1) {
                Some((",", next)) => inner = next,
                Some(("}", next)) => break next,
                _ => return Err("no `,` or `}` after a label value".to_owned()),
            }
        };
    }
    let value = rest.strip_prefix(' ').ok_or("no single space before the value")?;
    Ok(Sample { name: name.to_owned(), labels, value: parse_number(value)? })
}

/// The value of a label up to its closing quote, unescaped, and what follows the quote.
fn unquote(quoted: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &quoted[at + 1..])),
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, escaped @ ('\\' | '"'))) => value.push(escaped),
                _ => return Err("an invalid escape in a label value".to_owned()),
            },
            '\n' => return Err("a raw line break in a label value".to_owned()),
            other => value.push(other),
        }
    }
    Err("an unterminated label value".to_owned())
}

/// An OpenMetrics number: decimal, or `+Inf`, `-Inf`, `NaN` (Rust's other spellings are refused).
fn parse_number(text: &str) -> Result<f64, String> {
    match text {
        "+Inf" => Ok(f64::INFINITY),
        "-Inf" => Ok(f64::NEG_INFINITY),
        "NaN" => Ok(f64::NAN),
        _ if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) => {
            text.parse().map_err(|error| format!("invalid number `{text}`: {error}"))
        }
        _ => Err(format!("invalid number `{text}`")),
    }
}

#[test]
fn the_exposition_parser_refuses_what_openmetrics_does_not_allow() {
    let sample = parse_sample(r#"a_total{route="/v1/x/{id}",q="say \"hi\"\n"} 2.5e-3"#).expect("a valid line");
    assert_eq!((sample.name.as_str(), sample.value), ("a_total", 2.5e-3));
    assert_eq!(sample.labels, labels(&[("route", "/v1/x/{id}"), ("q", "say \"hi\"\n")]));
    for line in [
        "",
        "a_total",
        "a_total  1",
        "a_total 1 1700000000",
        "a_total inf",
        "1a 1",
        "a{b=\"c\"1",
        "a{b=\"c\",b=\"d\"} 1",
        "a{b=c} 1",
        "a{b=\"\\x\"} 1",
        "a{b=\"c\"} ",
    ] {
        assert!(parse_sample(line).is_err(), "accepted {line:?}");
    }
}

/// Each worker records through its own handles; the exposition must still add up every
/// worker's answers, counted exactly once.
#[actix_web::test]
async fn metrics_add_up_the_answers_of_every_worker() {
    let app = spawn_app_with(&[("SIA__SERVER__WORKERS", "2")]).await;
    // Eight clients, so eight connections, which the server hands to its workers in turn.
    let clients: Vec<reqwest::Client> = (0..8).map(|_| reqwest::Client::new()).collect();
    let address = app.address.as_str();
    let answers = futures_util::future::join_all(clients.iter().flat_map(|client| {
        (0..5).map(move |round| {
            let path = if round % 2 == 0 { "/v1/stages" } else { "/v1/stages/no-such-stage" };
            client.get(format!("{address}{path}")).send()
        })
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok));
    let exposition = Exposition::parse(&app.get("/metrics").await.text().await.expect("the exposition is text"));
    let counted = |route: &str, status: &str| {
        exposition.value("http_requests_total", &labels(&[("method", "GET"), ("route", route), ("status", status)]))
    };
    assert_eq!(counted("/v1/stages", "200"), Some(24.0));
    assert_eq!(counted("/v1/stages/{id}", "404"), Some(16.0));
    let histogram = labels(&[("method", "GET"), ("route", "/v1/stages"), ("status", "200")]);
    assert_eq!(exposition.value("http_request_duration_seconds_count", &histogram), Some(24.0));
}

#[actix_web::test]
async fn metrics_count_requests_by_route_pattern_and_describe_the_content() {
    let app = spawn_app().await;
    let meta = app.get_json("/v1/meta").await;
    let spec = app.get_json("/openapi.json").await;
    let requests: [(&str, u16); 8] = [
        ("/v1/stages/second-interview", 200),
        ("/v1/stages/first-interview", 200),
        ("/v1/stages/second-interview", 200),
        ("/v1/stages/no-such-stage", 404),
        ("/wp-admin/x", 404),
        ("/random/junk/123", 404),
        ("/wp-admin/setup-config.php?step=1", 404),
        ("/v1/tips?colour=red", 400),
    ];
    for (path, status) in requests {
        assert_eq!(app.get(path).await.status(), status, "GET {path}");
    }

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), OPENMETRICS);
    let exposition = Exposition::parse(&response.text().await.expect("the exposition is text"));

    let counted = |route: &str, status: &str| {
        exposition.value("http_requests_total", &labels(&[("method", "GET"), ("route", route), ("status", status)]))
    };
    for (route, status, count) in [
        ("/v1/stages/{id}", "200", 3.0),
        ("/v1/stages/{id}", "404", 1.0),
        ("unmatched", "404", 3.0),
        ("/v1/tips", "400", 1.0),
        ("/v1/meta", "200", 1.0),
        ("/openapi.json", "200", 1.0),
    ] {
        assert_eq!(counted(route, status), Some(count), "requests to {route} answered {status}");
    }
    for sample in &exposition.0 {
        for value in sample.labels.values() {
            assert!(
                !value.contains("wp-admin") && !value.contains("junk"),
                "a scanned path became a label: {sample:?}"
            );
        }
    }
    for sample in exposition.series("http_requests_total") {
        let route = &sample.labels["route"];
        assert!(route == "unmatched" || spec["paths"].get(route).is_some(), "undocumented route label {route}");
    }

    let counts = meta["counts"].as_object().expect("the metadata counts items");
    assert_eq!(exposition.series("content_items").count(), counts.len());
    for (collection, count) in counts {
        let value = exposition.value("content_items", &labels(&[("collection", collection)]));
        assert_eq!(value, count.as_f64(), "content_items of {collection}");
    }

    let build: Vec<&Sample> = exposition.series("build_info").collect();
    let version = env!("CARGO_PKG_VERSION");
    let content_version = meta["content_version"].as_str().expect("the metadata has a content version");
    assert_eq!(build.len(), 1, "{build:?}");
    assert_eq!(build[0].labels, labels(&[("version", version), ("content_version", content_version)]));
    assert_eq!(build[0].value, 1.0);

    assert_histograms_match_counters(&exposition);
}

/// Asserts each request series has a latency histogram with cumulative buckets ending in
/// `+Inf`, whose `_count` equals the request counter, and that no histogram lacks a counter.
fn assert_histograms_match_counters(exposition: &Exposition) {
    const HISTOGRAM: &str = "http_request_duration_seconds";
    let counters: Vec<&Sample> = exposition.series("http_requests_total").collect();
    assert!(!counters.is_empty());
    assert_eq!(exposition.series(&format!("{HISTOGRAM}_count")).count(), counters.len());
    for counter in counters {
        let series = &counter.labels;
        let count = exposition.value(&format!("{HISTOGRAM}_count"), series);
        assert_eq!(count, Some(counter.value), "_count of {series:?}");
        let sum = exposition.value(&format!("{HISTOGRAM}_sum"), series).expect("a _sum");

        let mut buckets: Vec<(f64, f64)> = exposition
            .series(&format!("{HISTOGRAM}_bucket"))
            .filter_map(|bucket| {
                let mut rest = bucket.labels.clone();
                let le = rest.remove("le")?;
                (&rest == series).then(|| (parse_number(&le).expect("`le` is a number"), bucket.value))
            })
            .collect();
        buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(buckets.len() > 1, "buckets of {series:?}: {buckets:?}");
        assert!(buckets.windows(2).all(|pair| pair[0].1 <= pair[1].1), "not cumulative: {series:?} {buckets:?}");
        assert_eq!(buckets.last().copied(), Some((f64::INFINITY, counter.value)), "+Inf bucket of {series:?}");
        assert_sum_fits_buckets(sum, &buckets, series);
    }
}

/// The `_sum` of a histogram agrees with its buckets: every request counted takes some time
/// (> 0), each request above a bucket's bound took more than that bound (a lower bound), and
/// each request at most a bound took at most it (an upper bound, when none is above the
/// largest finite bound; otherwise 10 s a request, the tests' hang guard). A sum that is zero,
/// in other units (milliseconds) or not summed per series fails one of them.
fn assert_sum_fits_buckets(sum: f64, buckets: &[(f64, f64)], series: &impl std::fmt::Debug) {
    let count = buckets.last().expect("a +Inf bucket").1;
    assert!(count > 0.0 && sum > 0.0, "_sum of {series:?} is {sum} for {count} requests");
    let slack = 1e-9 * (1.0 + sum);
    let finite = &buckets[..buckets.len() - 1];
    let lower = finite.iter().map(|&(le, at_most)| (count - at_most) * le).fold(0.0, f64::max);
    assert!(sum + slack >= lower, "_sum of {series:?} is {sum}, below {lower} implied by {buckets:?}");
    let (largest, within) = *finite.last().expect("finite buckets");
    let upper = if within == count {
        let mut upper = 0.0;
        let mut counted = 0.0;
        for &(le, at_most) in finite {
            upper += (at_most - counted) * le;
            counted = at_most;
        }
        upper
    } else {
        count * 10.0_f64.max(largest)
    };
    assert!(sum <= upper + slack, "_sum of {series:?} is {sum}, above {upper} implied by {buckets:?}");
}

// ---------------------------------------------------------------- healthcheck subcommand

/// Runs `healthcheck` against 127.0.0.1:`port`; its exit code and standard output.
async fn healthcheck(port: u16) -> (Option<i32>, String) {
    actix_web::rt::task::spawn_blocking(move || {
        let output = Command::new(BINARY)
            .arg("healthcheck")
            .env("SIA__SERVER__HOST", "127.0.0.1")
            .env("SIA__SERVER__PORT", port.to_string())
            .output()
            .expect("the binary runs");
        (output.status.code(), String::from_utf8(output.stdout).expect("the report is UTF-8"))
    })
    .await
    .expect("the healthcheck thread finishes")
}

/// A port nothing listens on (free a moment ago).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port()
}

/// A port where one connection is read up to the end of its request head and answered with
/// `answer` (nothing: the connection is closed without an answer).
fn answer_once(answer: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("the healthcheck connects");
        let mut request = Vec::new();
        let mut buffer = [0u8; 512];
        while !request.ends_with(b"\r\n\r\n") {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => return,
                Ok(read) => request.extend_from_slice(&buffer[..read]),
            }
        }
        let _ = stream.write_all(answer.as_bytes());
    });
    port
}

#[actix_web::test]
async fn healthcheck_exits_0_only_when_healthz_answers_200() {
    let app = spawn_app().await;
    let unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let cases = [
        ("the service", app.port(), 0, "healthy: ", "answered HTTP/1.1 200 OK"),
        ("nothing", free_port(), 1, "unhealthy: ", "cannot connect to 127.0.0.1:"),
        ("a 503", answer_once(unavailable), 1, "unhealthy: ", "answered HTTP/1.1 503 Service Unavailable"),
        ("a silent server", answer_once(""), 1, "unhealthy: ", "closed without answering"),
    ];
    for (listener, port, code, prefix, reason) in cases {
        let (status, report) = healthcheck(port).await;
        let context = format!("healthcheck against {listener} on port {port}: {report:?}");
        assert_eq!(status, Some(code), "{context}");
        assert!(report.starts_with(prefix) && report.contains(reason), "{context}");
        assert!(report.contains(&port.to_string()), "{context}: the report does not name the port");
        assert_eq!(report.lines().count(), 1, "{context}: not one line");
    }
}

// ---------------------------------------------------------------- SIGTERM

/// How often a test polls for a change.
const POLL: Duration = Duration::from_millis(20);

/// Calls `probe` every [`POLL`] until it gives a value or `limit` has passed.
fn wait_for<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = probe() {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(POLL);
    }
}

/// Connects to `port` (refused once the listener is closed).
fn connect(port: u16) -> io::Result<TcpStream> {
    TcpStream::connect(("127.0.0.1", port))
}

/// How long a raw exchange may wait for its answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// Reads the answer to what was sent on `stream`.
fn answer(stream: &mut TcpStream) -> io::Result<RawResponse> {
    read_raw_response(stream, Instant::now() + ANSWER_WITHIN).map_err(|error| io::Error::other(format!("{error:?}")))
}

/// `GET path` on a new connection.
fn get(port: u16, path: &str) -> io::Result<RawResponse> {
    let mut stream = connect(port)?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")?;
    answer(&mut stream)
}

/// Whether a new connection to `port` is refused.
fn refused(port: u16) -> bool {
    matches!(connect(port), Err(error) if error.kind() == io::ErrorKind::ConnectionRefused)
}

/// A POST whose head and first half of the body are sent; the rest waits for [`SlowPost::finish`].
struct SlowPost {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl SlowPost {
    fn start(port: u16, path: &str, body: &[u8]) -> Self {
        let mut stream = connect(port).expect("the server accepts the slow request");
        let (first, rest) = body.split_at(body.len() / 2);
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .and_then(|()| stream.write_all(first))
        .expect("the head and half the body are sent");
        Self { stream, rest: rest.to_vec() }
    }

    /// Sends the rest of the body and reads the answer.
    fn finish(mut self) -> io::Result<RawResponse> {
        self.stream.write_all(&self.rest)?;
        answer(&mut self.stream)
    }
}

/// The service binary running as a child process, killed if the test ends before it exits.
struct Served {
    child: Child,
}

impl Served {
    fn start(env: &[(&str, &str)]) -> Self {
        let child = Command::new(BINARY)
            .env_remove("RUST_LOG")
            .env_remove("PORT")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        Self { child }
    }

    /// Sends SIGTERM; the moment it was sent.
    fn terminate(&self) -> Instant {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        assert!(status.expect("kill runs").success(), "kill -TERM failed");
        Instant::now()
    }

    /// How the process exited, if it did within `limit`.
    fn exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        wait_for(limit, || self.child.try_wait().expect("the child can be waited for"))
    }

    /// What the process wrote to standard error (after it exited).
    fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn sigterm_stops_readiness_finishes_in_flight_requests_and_exits_0() {
    const DRAIN: Duration = Duration::from_secs(1);
    const TIMEOUT: Duration = Duration::from_secs(5);
    let port = free_port();
    let mut server = Served::start(&[
        ("SIA__SERVER__HOST", "127.0.0.1"),
        ("SIA__SERVER__PORT", &port.to_string()),
        ("SIA__SERVER__WORKERS", "2"),
        ("SIA__SHUTDOWN__DRAIN_DELAY_SECS", &DRAIN.as_secs().to_string()),
        ("SIA__SHUTDOWN__TIMEOUT_SECS", &TIMEOUT.as_secs().to_string()),
        ("SIA__LOG__LEVEL", "warn"),
    ]);
    let healthy = wait_for(Duration::from_secs(5), || get(port, "/healthz").ok().filter(|a| a.status == 200));
    assert!(healthy.is_some(), "the service did not answer /healthz within 5 s");
    assert_eq!(get(port, "/readyz").expect("/readyz answers").status, 200);

    let body = serde_json::to_vec(&thank_you_render_body()).unwrap();
    let finished_while_draining = SlowPost::start(port, THANK_YOU_RENDER, &body);
    let finished_after_close = SlowPost::start(port, THANK_YOU_RENDER, &body);
    thread::sleep(Duration::from_millis(200));

    let signalled = server.terminate();
    let not_ready = wait_for(Duration::from_millis(200), || get(port, "/readyz").ok().filter(|a| a.status != 200));
    let not_ready = not_ready.expect("/readyz still answers 200, or nothing, 200 ms after SIGTERM");
    let problem = raw_problem(&not_ready, 503);
    assert_eq!((&problem["status"], &problem["code"]), (&503.into(), &"not_ready".into()), "{problem}");

    let answer = finished_while_draining.finish().expect("the first slow request is answered");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(answer.json()["subject"].is_string(), "{answer:?}");
    assert!(signalled.elapsed() < DRAIN, "the test is too slow to check the drain delay");

    let closed_at = wait_for(DRAIN * 2, || refused(port).then(|| signalled.elapsed()));
    let closed_at = closed_at.expect("new connections are still accepted after the drain delay");
    assert!(closed_at + Duration::from_millis(100) >= DRAIN, "the listener closed {closed_at:?} after SIGTERM");

    let answer = finished_after_close.finish().expect("the request in flight when the listener closed is answered");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(answer.json()["subject"].is_string(), "{answer:?}");

    let limit = (DRAIN + TIMEOUT + Duration::from_secs(2)).saturating_sub(signalled.elapsed());
    let exit = server.exit_within(limit);
    let stderr = server.stderr();
    let exit =
        exit.unwrap_or_else(|| panic!("still running {:?} after SIGTERM; stderr: {stderr}", signalled.elapsed()));
    assert_eq!(exit.code(), Some(0), "stderr: {stderr}");
}
