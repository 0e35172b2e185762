//! Answers computed once at start: every item and list with default parameters (per
//! collection, in [`Listings`]), every kit, the index, the metadata and the OpenAPI
//! document — serialised and tagged, each coding compressed once (the large ones by the
//! warm-up thread, [`Precomputed::warm`]; the rest when first asked for), so a request only
//! clones bytes and writes headers.

use std::collections::HashMap;

use actix_web::web::Bytes;

use super::cache::{Representation, WARM_AT};
use super::listing::Listings;
use super::respond::{JSON, to_json};
use super::routes::service::{index_document, meta_document};
use crate::content::{Content, KitFilters, Stage};

/// How long the warm-up waits before compressing: the workers start in this time (with it
/// starting at once, the time to the first answer grew from 46 to 55 ms, median of 15 starts
/// on this 2-core machine).
const WARM_DELAY: std::time::Duration = std::time::Duration::from_millis(100);

/// Every precomputed answer, each under a field of its own rather than a path string.
#[derive(Debug)]
pub struct Precomputed {
    /// The lists and items of every collection.
    pub listings: Listings,
    /// Each stage's kit, by stage id.
    pub kits: HashMap<String, Representation>,
    /// `GET /`.
    pub index: Representation,
    /// `GET /v1/meta`.
    pub meta: Representation,
    /// `GET /openapi.json`.
    pub openapi: Representation,
}

impl Precomputed {
    /// Builds every precomputed answer for `content`, with `openapi` as the spec's bytes.
    pub fn build(content: &Content, openapi: Bytes) -> Self {
        let json = |body: Bytes| Representation::new(body, JSON);
        let kits = content
            .items::<Stage>()
            .iter()
            .filter_map(|stage| {
                Some((stage.id.clone(), json(to_json(&content.kit(&stage.id, &KitFilters::default())?))))
            })
            .collect();
        Self {
            listings: Listings::build(content),
            kits,
            index: json(to_json(&index_document(content))),
            meta: json(to_json(&meta_document(content))),
            openapi: json(openapi),
        }
    }

    /// Compresses every answer of [`WARM_AT`] bytes or more into every coding, so no request
    /// pays for it: run on a thread of its own once the listener is bound. It first waits
    /// [`WARM_DELAY`], so that it does not compete with the workers' own start.
    pub fn warm(&self) {
        std::thread::sleep(WARM_DELAY);
        let started = std::time::Instant::now();
        let listed = self.listings.all().flat_map(|l| std::iter::once(&l.first_page).chain(l.by_id.values()));
        let large = self.kits.values().chain([&self.openapi, &self.index, &self.meta]).chain(listed);
        let large: Vec<&Representation> = large.filter(|answer| answer.body().len() >= WARM_AT).collect();
        large.iter().for_each(|answer| answer.warm());
        log::debug!("compressed {} precomputed answers in {:?}", large.len(), started.elapsed());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Tip;
    use crate::http::list::{Pagination, list_body};

    #[test]
    fn assembled_lists_equal_serde_output() {
        let content = Content::embedded().unwrap();
        let pages = Precomputed::build(&content, Bytes::from_static(b"{}"));
        let tips = pages.listings.of::<Tip>();
        for pagination in [
            Pagination::DEFAULT,
            Pagination { limit: Some(3), offset: Some(2) },
            Pagination { limit: None, offset: Some(999) },
        ] {
            let assembled = list_body(&pagination.page(&tips.items));
            let serde = serde_json::to_vec(&pagination.page(content.items::<Tip>().iter())).unwrap();
            assert_eq!(assembled, Bytes::from(serde));
        }
        assert_eq!(tips.first_page.body(), &list_body(&Pagination::DEFAULT.page(&tips.items)));
        assert!(pages.kits.contains_key("second-interview"));
        assert!(!pages.listings.of::<Stage>().by_id.contains_key("nope"));
    }
}
