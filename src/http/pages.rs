//! Answers computed once at start: every item, every kit, every list with default
//! parameters, the index, the metadata and the OpenAPI document — serialised, tagged and
//! compressed, so a request only clones bytes and writes headers.

use std::collections::HashMap;

use actix_web::web::Bytes;
use serde::Serialize;

use super::cache::Representation;
use super::list::{Page, Pagination};
use super::respond::JSON;
use super::routes::service::{index_document, meta_document};
use crate::content::{Content, Item};

/// The precomputed answers, and every item serialised on its own for assembling lists.
#[derive(Debug)]
pub struct Pages {
    /// Each stage as JSON, in content order.
    pub stages: Vec<Bytes>,
    /// Each outcome as JSON, in content order.
    pub outcomes: Vec<Bytes>,
    /// Each tip as JSON, in content order.
    pub tips: Vec<Bytes>,
    /// Each question as JSON, in content order.
    pub questions: Vec<Bytes>,
    /// Each template as JSON, in content order.
    pub templates: Vec<Bytes>,
    /// Each source as JSON, in content order.
    pub sources: Vec<Bytes>,
    fixed: HashMap<&'static str, Representation>,
    items: HashMap<&'static str, HashMap<String, Representation>>,
}

/// The kind under which stage kits are stored.
pub const KIT: &str = "kit";

fn to_json<T: Serialize>(value: &T) -> Bytes {
    Bytes::from(serde_json::to_vec(value).expect("content serialises to JSON"))
}

fn serialise_all<T: Serialize>(items: &[T]) -> Vec<Bytes> {
    items.iter().map(to_json).collect()
}

/// The list envelope around already-serialised items; the same bytes serde would write for
/// [`Page`], without serialising the items again.
pub fn list_body(page: &Page<&Bytes>) -> Bytes {
    let size: usize = page.items.iter().map(|item| item.len() + 1).sum();
    let mut body = Vec::with_capacity(size + 64);
    body.extend_from_slice(b"{\"items\":[");
    for (position, item) in page.items.iter().enumerate() {
        if position > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item);
    }
    body.extend_from_slice(
        format!("],\"total\":{},\"limit\":{},\"offset\":{}}}", page.total, page.limit, page.offset).as_bytes(),
    );
    Bytes::from(body)
}

impl Pages {
    /// Builds every precomputed answer for `content`, with `openapi` as the spec's bytes.
    pub fn build(content: &Content, openapi: Bytes) -> Self {
        let mut pages = Self {
            stages: serialise_all(&content.stages),
            outcomes: serialise_all(&content.outcomes),
            tips: serialise_all(&content.tips),
            questions: serialise_all(&content.questions),
            templates: serialise_all(&content.templates),
            sources: serialise_all(&content.sources),
            fixed: HashMap::new(),
            items: HashMap::new(),
        };
        let json = |body: Bytes| Representation::precompressed(body, JSON);
        let lists: [(&'static str, &Vec<Bytes>); 6] = [
            ("/v1/stages", &pages.stages),
            ("/v1/outcomes", &pages.outcomes),
            ("/v1/tips", &pages.tips),
            ("/v1/questions", &pages.questions),
            ("/v1/templates", &pages.templates),
            ("/v1/sources", &pages.sources),
        ];
        let mut fixed: HashMap<&'static str, Representation> =
            lists.into_iter().map(|(path, items)| (path, json(list_body(&Pagination::DEFAULT.page(items))))).collect();
        fixed.insert("/", json(to_json(&index_document())));
        fixed.insert("/v1/meta", json(to_json(&meta_document(content))));
        fixed.insert("/openapi.json", json(openapi));
        pages.fixed = fixed;

        let mut items = HashMap::new();
        let mut add = |kind: &'static str, entries: Vec<(String, Bytes)>| {
            items.insert(kind, entries.into_iter().map(|(id, body)| (id, json(body))).collect::<HashMap<_, _>>());
        };
        fn entries<T: Item>(items: &[T], json: &[Bytes]) -> Vec<(String, Bytes)> {
            items.iter().zip(json).map(|(item, body)| (item.id().to_owned(), body.clone())).collect()
        }
        add(crate::content::Stage::KIND, entries(&content.stages, &pages.stages));
        add(crate::content::Outcome::KIND, entries(&content.outcomes, &pages.outcomes));
        add(crate::content::Tip::KIND, entries(&content.tips, &pages.tips));
        add(crate::content::Question::KIND, entries(&content.questions, &pages.questions));
        add(crate::content::Template::KIND, entries(&content.templates, &pages.templates));
        add(crate::content::Source::KIND, entries(&content.sources, &pages.sources));
        add(
            KIT,
            content
                .stages
                .iter()
                .filter_map(|stage| Some((stage.id.clone(), to_json(&content.kit(&stage.id)?))))
                .collect(),
        );
        pages.items = items;
        pages
    }

    /// The precomputed answer for a fixed path (`/`, `/v1/meta`, a list with default parameters, …).
    pub fn fixed(&self, path: &str) -> Option<&Representation> {
        self.fixed.get(path)
    }

    /// The precomputed answer for the item of `kind` (an [`Item::KIND`] or [`KIT`]) with `id`.
    pub fn item(&self, kind: &str, id: &str) -> Option<&Representation> {
        self.items.get(kind)?.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembled_lists_equal_serde_output() {
        let content = Content::embedded().unwrap();
        let pages = Pages::build(&content, Bytes::from_static(b"{}"));
        for pagination in [
            Pagination::DEFAULT,
            Pagination { limit: Some(3), offset: Some(2) },
            Pagination { limit: None, offset: Some(999) },
        ] {
            let assembled = list_body(&pagination.page(&pages.tips));
            let serde = serde_json::to_vec(&pagination.page(&content.tips)).unwrap();
            assert_eq!(assembled, Bytes::from(serde));
        }
        assert_eq!(pages.fixed("/v1/tips").unwrap().body(), &list_body(&Pagination::DEFAULT.page(&pages.tips)));
        assert!(pages.item(KIT, "second-interview").is_some());
        assert!(pages.item("stage", "nope").is_none());
    }
}
