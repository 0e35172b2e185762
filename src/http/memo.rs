//! A bounded memo of computed answers, so a second client asking the same filtered list,
//! search, odds, plan or filtered kit pays neither the computation nor the compression.
//!
//! Entries are keyed by the canonical request ([`Key`]): method, path, the query's pairs
//! decoded and ordered by name (two spellings of the same query share an entry; the values of
//! a repeated name keep their order), and the negotiated variant the handler passes (the
//! media type for operations that answer several). A dimension added later (language,
//! market) is one more parameter of [`Key::new`], written into the key string; anything not
//! in the key must not change the answer.
//!
//! The value is the [`Representation`], shared (`Arc`), so the compressed forms the first
//! clients made are reused by every later one. Entries are weighed at insertion as twice the
//! body plus the key: the body, and room for its compressed forms (each 8-42 % of the body for
//! JSON; all three together seldom exceed it). That is approximate by design: forms are made
//! after insertion, when a client first asks for a coding.
//!
//! The cache is [`quick_cache`]'s sync cache (CLOCK-Pro eviction, sharded locks), shared by
//! every worker. The cap is `http.memo_bytes`; 0 turns the memo off. Counters:
//! `memo_lookups_total{result="hit"|"miss"}`, `memo_evictions_total` (evicted, or refused for
//! weighing more than a shard holds) and the gauge `memo_weight_bytes`.
//!
//! Use it through [`super::respond::computed_json`], [`super::respond::computed_list`] and
//! [`super::respond::memoized`], which build the key and pass the computation as a closure: a hit
//! skips the computation, not only the compression.

use std::sync::Arc;

use actix_web::HttpRequest;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use quick_cache::sync::Cache;
use quick_cache::{DefaultHashBuilder, Lifecycle, OptionsBuilder, Weighter};

use super::cache::Representation;
use super::metrics::Metrics;

/// The least weight a shard holds: more than the heaviest answer (the full kit, 318 KB, weighs
/// about 640 KB), so no answer is refused for its size under the default cap.
const SHARD_BYTES: u64 = 4 * 1024 * 1024;
/// Most shards: enough that workers rarely wait on one another's lock.
const MAX_SHARDS: u64 = 16;

/// The canonical form of a request whose answer is memoized.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// The key of `req` answered in `variant` (e.g. the negotiated media type).
    pub fn new(req: &HttpRequest, variant: &str) -> Self {
        let mut pairs: Vec<(String, String)> =
            form_urlencoded::parse(req.query_string().as_bytes()).into_owned().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        Self(format!("{} {}?{query} {variant}", req.method(), req.path()))
    }
}

/// Weighs an entry: twice the body (the body and its compressed forms) plus the key.
#[derive(Debug, Clone, Copy)]
struct ByBody;

impl Weighter<Key, Arc<Representation>> for ByBody {
    fn weight(&self, key: &Key, value: &Arc<Representation>) -> u64 {
        (key.0.len() + 2 * value.body().len()) as u64
    }
}

/// Counts evictions (and entries refused for their weight).
#[derive(Debug, Clone)]
struct Evictions(Counter);

impl Lifecycle<Key, Arc<Representation>> for Evictions {
    type RequestState = ();

    fn on_evict(&self, _: &mut (), _: Key, _: Arc<Representation>) {
        self.0.inc();
    }
}

/// Labels of the lookup counter.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Lookup {
    result: &'static str,
}

type Entries = Cache<Key, Arc<Representation>, ByBody, DefaultHashBuilder, Evictions>;

/// The memo shared by every worker; empty and inert when its cap is 0.
pub struct Memo {
    entries: Option<Entries>,
    /// The `result="hit"` and `result="miss"` series, resolved once rather than per lookup.
    hits: Counter,
    misses: Counter,
    weight: Gauge,
}

impl Memo {
    /// A memo holding up to about `max_bytes` (0: none), its counters registered in `metrics`.
    pub fn new(max_bytes: u64, metrics: &mut Metrics) -> Self {
        let (lookups, evictions, weight) = (Family::<Lookup, Counter>::default(), Counter::default(), Gauge::default());
        metrics.register("memo_lookups", "Lookups in the memo of computed answers, by result", lookups.clone());
        metrics.register(
            "memo_evictions",
            "Answers evicted from the memo (or refused as too heavy)",
            evictions.clone(),
        );
        metrics.register("memo_weight_bytes", "Weight of the memo's answers (twice each body)", weight.clone());
        let entries = (max_bytes > 0).then(|| {
            let options = OptionsBuilder::new()
                .shards((max_bytes / SHARD_BYTES).clamp(1, MAX_SHARDS) as usize)
                .estimated_items_capacity((max_bytes / 16_384).max(16) as usize)
                .weight_capacity(max_bytes)
                .build()
                .expect("every option is set");
            Cache::with_options(options, ByBody, DefaultHashBuilder::default(), Evictions(evictions))
        });
        let hits = lookups.get_or_create(&Lookup { result: "hit" }).clone();
        let misses = lookups.get_or_create(&Lookup { result: "miss" }).clone();
        Self { entries, hits, misses, weight }
    }

    /// The answer kept under `key`, or the one `compute` makes, kept for the next request
    /// (errors are not kept).
    pub fn get_or_compute<E>(
        &self,
        key: Key,
        compute: impl FnOnce() -> Result<Representation, E>,
    ) -> Result<Arc<Representation>, E> {
        let Some(entries) = &self.entries else { return compute().map(Arc::new) };
        if let Some(found) = entries.get(&key) {
            self.hits.inc();
            return Ok(found);
        }
        self.misses.inc();
        let made = Arc::new(compute()?);
        entries.insert(key, made.clone());
        self.weight.set(entries.weight() as i64);
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;
    use actix_web::web::Bytes;

    use super::*;
    use crate::content::Content;

    fn metrics() -> Metrics {
        Metrics::new(&Content::embedded().unwrap(), [])
    }

    fn key(uri: &str) -> Key {
        Key::new(&TestRequest::get().uri(uri).to_http_request(), "application/json")
    }

    /// The weight of every entry kept (0 when the memo is off).
    fn weight(memo: &Memo) -> u64 {
        memo.entries.as_ref().map_or(0, Entries::weight)
    }

    fn answer(bytes: usize) -> Result<Representation, ()> {
        Ok(Representation::computed(Bytes::from(vec![b'x'; bytes]), "application/json"))
    }

    #[test]
    fn the_key_is_the_canonical_request() {
        assert_eq!(key("/v1/tips?phase=before&limit=3"), key("/v1/tips?limit=3&phase=%62efore"));
        assert_eq!(key("/v1/search?q=a+b"), key("/v1/search?q=a%20b"));
        assert_ne!(key("/v1/tips?a=1&a=2"), key("/v1/tips?a=2&a=1"));
        assert_ne!(key("/v1/tips?phase=before"), key("/v1/questions?phase=before"));
        assert_ne!(key("/v1/tips?q=a%26b=c"), key("/v1/tips?q=a&b=c"));
        let req = TestRequest::get().uri("/v1/plan").to_http_request();
        assert_ne!(Key::new(&req, "text/calendar"), Key::new(&req, "application/json"));
    }

    #[test]
    fn a_hit_skips_the_computation_and_shares_the_answer() {
        let memo = Memo::new(1 << 20, &mut metrics());
        let first = memo.get_or_compute(key("/v1/tips?limit=3"), || answer(600)).unwrap();
        let second = memo.get_or_compute(key("/v1/tips?limit=3"), || -> Result<_, ()> { panic!("computed again") });
        assert!(Arc::ptr_eq(&first, &second.unwrap()));
        let failed = memo.get_or_compute(key("/v1/tips?limit=4"), || Err::<Representation, _>("no"));
        assert_eq!(failed.err(), Some("no"));
        assert!(memo.get_or_compute(key("/v1/tips?limit=4"), || answer(600)).is_ok(), "errors are not kept");
    }

    #[test]
    fn the_weight_stays_within_the_cap() {
        let memo = Memo::new(4096, &mut metrics());
        for n in 0..100 {
            memo.get_or_compute(key(&format!("/v1/questions?seed={n}")), || answer(300 + n * 10)).unwrap();
            assert!(weight(&memo) <= 4096, "{} after {n}", weight(&memo));
        }
        assert!(weight(&memo) > 0);
        let off = Memo::new(0, &mut metrics());
        off.get_or_compute(key("/v1/tips?limit=3"), || answer(600)).unwrap();
        assert_eq!(weight(&off), 0);
    }
}
