//! Prometheus metrics: requests and latency by route pattern and status, content item
//! counts, and build information.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use actix_web::http::Method;
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::content::{Content, Items, Registered, Visitor};

/// Media type of the exposition (OpenMetrics text, which Prometheus reads).
pub const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Route label for requests no route matched, so scanners cannot grow the label set.
const UNMATCHED: &str = "unmatched";

/// Latency buckets in seconds, from 50 µs to 1 s.
const BUCKETS: [f64; 12] = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.25, 1.0];

/// Labels of one request series; every value comes from a fixed set.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: Route,
    status: u16,
}

/// A route pattern as a label value: shared, so labelling a request copies a pointer.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Route(Arc<str>);

impl Route {
    /// Where the label's text is kept: the same for every use of one route, so it can stand for
    /// the route in a key.
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> std::fmt::Result {
        encoder.write_str(&self.0)
    }
}

/// Sets `content_items` for each collection.
struct ItemCounts<'a>(&'a Family<CollectionLabels, Gauge>);

impl Visitor for ItemCounts<'_> {
    fn visit<C: Registered>(&mut self, items: &Items<C>) {
        self.0.get_or_create(&CollectionLabels { collection: C::NAME }).set(items.len() as i64);
    }
}

/// Labels of the build-info series.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
    content_version: String,
}

/// Labels of the content-count series.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CollectionLabels {
    collection: &'static str,
}

/// The registry and the request metrics the metrics layer updates.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RequestLabels, Histogram>,
    /// Each route's label, by operation id.
    routes: HashMap<String, Route, foldhash::fast::FixedState>,
    /// The label of requests no route matched.
    unmatched: Route,
}

impl Metrics {
    /// Registers every metric. `routes` pairs each operation id (the handler's name, which is
    /// also its actix resource name) with its documented path: the only route labels used.
    pub fn new(content: &Content, routes: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            requests.clone(),
        );
        let latency =
            Family::<RequestLabels, Histogram>::new_with_constructor(|| Histogram::new(BUCKETS.iter().copied()));
        registry.register_with_unit(
            "http_request_duration",
            "Time to produce the answer, by method, route pattern and status",
            prometheus_client::registry::Unit::Seconds,
            latency.clone(),
        );
        let items = Family::<CollectionLabels, Gauge>::default();
        content.collections.visit(&mut ItemCounts(&items));
        registry.register("content_items", "Items per content collection", items);
        let build = Family::<BuildLabels, Gauge>::default();
        build
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
                content_version: content.version.clone(),
            })
            .set(1);
        registry.register("build_info", "Service and content version of this process (value is always 1)", build);
        let routes = routes.into_iter().map(|(name, path)| (name, Route(path.into()))).collect();
        Self { registry, requests, latency, routes, unmatched: Route(UNMATCHED.into()) }
    }

    /// Registers a metric kept by another part of the service (the memo's counters), so the
    /// exposition shows it.
    pub fn register(&mut self, name: &str, help: &str, metric: impl prometheus_client::registry::Metric) {
        self.registry.register(name, help, metric);
    }

    /// The exposition in OpenMetrics text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }

    /// The route label of the resource named `resource` (none when no route matched).
    pub fn route(&self, resource: Option<&str>) -> &Route {
        resource.and_then(|name| self.routes.get(name)).unwrap_or(&self.unmatched)
    }

    /// Handles to the request series of `method` (a [`method_label`]), `route` and `status`:
    /// counting through them updates the same series as the exposition shows.
    pub fn series(&self, method: &'static str, route: &Route, status: u16) -> (Counter, Histogram) {
        let labels = RequestLabels { method, route: route.clone(), status };
        (self.requests.get_or_create(&labels).clone(), self.latency.get_or_create(&labels).clone())
    }
}

/// The `method` label: the methods the service answers, and `other` for the rest, so a client
/// cannot grow the label set.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
