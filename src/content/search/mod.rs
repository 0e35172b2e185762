//! Full-text search over every collection, built for a search box: every text field indexed
//! with field weights, the last word matched as a prefix while it is typed, typos forgiven on
//! the words as typed, English stems for exact matches, items matching every word first, and
//! highlighted snippets. Everything that can be is computed once at start: the vocabulary as
//! an FST, the postings, the stems, the typo automata builders and each document's text. The
//! work one search may do is bounded: it builds a few typo automata at most, and the words it
//! expands are cached, least recently used dropped first.

mod expansion;
mod index;
mod matching;
mod snippet;

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

pub use index::SearchIndex;

use super::ItemType;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most hits one search may answer.
pub const MAX_HITS: usize = 50;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Hit {
    /// The collection of the item.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// The item's id in its collection.
    #[schema(example = "use-star-method")]
    pub id: String,
    /// The item's title (a question's text).
    pub title: String,
    /// Relevance; higher is better. 1 or more when the item matches every word of the query
    /// (stop words and words most items contain aside), below 1 when it matches some; within
    /// each, BM25 over weighted fields with a bonus for words found together. Comparable only
    /// within one answer.
    #[schema(example = 2.61)]
    pub score: f32,
    /// The passage that matched best, HTML-escaped, with matching words (prefix and typo
    /// matches included) in `<b>…</b>`.
    #[schema(example = "Structure each story as <b>Situation</b>, Task, Action and Result.")]
    pub snippet: String,
}

/// A search's results: the best hits, how many items matched, and how many of each type.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SearchResults {
    /// The hits, best first.
    pub items: Vec<Hit>,
    /// How many items of the requested type (or of any type) matched.
    #[schema(example = 12)]
    pub total: usize,
    /// The most hits asked for.
    #[schema(example = 10)]
    pub limit: usize,
    /// How many items of each type matched, whatever `type` asked for, so a front end can show
    /// a tab per type with its count. Every type is listed, with 0 where nothing matched.
    #[schema(example = json!({"stage": 1, "outcome": 0, "tip": 7, "question": 3, "template": 1, "format": 0, "role-family": 0, "source": 0}))]
    pub counts: BTreeMap<ItemType, usize>,
}

/// What to narrow a search to before ranking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Only items of this type.
    pub item_type: Option<ItemType>,
    /// Only items for this role family (and items for any role, and items not tagged by role).
    pub role_family: Option<String>,
}

/// Why a search cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// Nothing to search for.
    #[error("must contain at least one word")]
    Empty,
    /// More than [`MAX_QUERY_CHARS`].
    #[error("is {0} characters long; at most {MAX_QUERY_CHARS} are allowed")]
    TooLong(usize),
}

#[cfg(test)]
mod tests {
    use strum::VariantNames;

    use super::*;
    use crate::content::Content;

    fn index() -> SearchIndex {
        SearchIndex::build(&Content::embedded().expect("embedded content")).expect("index builds")
    }

    fn search(index: &SearchIndex, text: &str) -> SearchResults {
        index.search(text, &SearchFilter::default(), 10).expect("a query with words")
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_only_while_it_is_typed() {
        let index = index();
        let typing = search(&index, "negoti");
        assert!(typing.items.iter().any(|hit| hit.id == "negotiate-offer"), "{typing:?}");
        assert!(typing.items[0].snippet.to_lowercase().contains("<b>negoti"), "{:?}", typing.items[0]);
        let feedb = search(&index, "feedb");
        assert!(feedb.total > 0 && feedb.items[0].snippet.to_lowercase().contains("<b>feedback"), "{feedb:?}");
        let ended = search(&index, "feedb ");
        let completed = |hit: &Hit| hit.snippet.to_lowercase().contains("<b>feedback");
        assert!(!ended.items.iter().any(completed), "a trailing space ends the word: {ended:?}");
    }

    #[test]
    fn typos_are_forgiven_on_the_words_as_typed_and_highlighted() {
        let index = index();
        let results = search(&index, "refrences");
        assert!(results.total > 0, "{results:?}");
        assert!(results.items[0].snippet.to_lowercase().contains("<b>reference"), "{:?}", results.items[0]);
        assert!(!search(&index, "intervew").items.is_empty());
    }

    #[test]
    fn every_word_beats_some_words_and_counts_cover_every_type() {
        let index = index();
        let results = search(&index, "thank you note");
        assert!(results.items[0].score >= 1.0, "{:?}", results.items[0]);
        assert_eq!(results.counts.len(), ItemType::VARIANTS.len(), "every type of the registry is counted");
        let tips = index
            .search("thank you note", &SearchFilter { item_type: Some(ItemType::Tip), ..Default::default() }, 50)
            .unwrap();
        assert_eq!(tips.counts, results.counts, "counts ignore the type filter");
        assert_eq!(tips.total, results.counts[&ItemType::Tip]);
        assert!(tips.items.iter().all(|hit| hit.item_type == ItemType::Tip));
    }

    #[test]
    fn role_family_keeps_that_family_any_role_and_untagged_items() {
        let index = index();
        let filter = SearchFilter { role_family: Some("healthcare".into()), ..Default::default() };
        let results = index.search("interview", &filter, 50).unwrap();
        let all = search(&index, "interview");
        assert!(results.total < all.total && results.total > 0);
    }

    #[test]
    fn snippets_escape_html() {
        let index = index();
        for hit in search(&index, "salary").items {
            let stripped = hit.snippet.replace("<b>", "").replace("</b>", "");
            assert!(!stripped.contains('<') && !stripped.contains('>'), "{hit:?}");
        }
    }
}
