//! Full-text search over every collection with tantivy: an in-memory index built once at
//! start, English stemming, typo tolerance and highlighted snippets.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, Searcher, TantivyDocument, Term, doc};
use utoipa::ToSchema;

use super::collection::{Items, Registered, Text, Visitor};
use super::{Content, ItemType};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most hits one search may answer.
pub const MAX_HITS: usize = 50;
/// Words this short must match exactly: one edit away from a three-letter word is almost any
/// short word.
const TYPO_MIN_CHARS: usize = 3;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;

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
    /// Relevance; higher is better, comparable only within one answer.
    #[schema(example = 7.25)]
    pub score: f32,
    /// A passage of the item with matching words in `<b>…</b>`; HTML-escaped otherwise.
    #[schema(example = "Structure each story as <b>Situation</b>, Task, Action and Result.")]
    pub snippet: String,
}

/// A search's results: the best hits and how many items matched in all.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SearchResults {
    /// The hits, best first.
    pub items: Vec<Hit>,
    /// How many items matched.
    #[schema(example = 12)]
    pub total: usize,
    /// The most hits asked for.
    #[schema(example = 10)]
    pub limit: usize,
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
    /// The index failed (a bug, not the caller's fault).
    #[error("search failed: {0}")]
    Internal(String),
}

/// The search index over all content, built once.
pub struct SearchIndex {
    searcher: Searcher,
    analyzer: TextAnalyzer,
    vocabulary: Vec<String>,
    kind: Field,
    id: Field,
    title: Field,
    body: Field,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("terms", &self.vocabulary.len()).finish()
    }
}

impl SearchIndex {
    /// Indexes every item of `content` in memory.
    pub fn build(content: &Content) -> tantivy::Result<Self> {
        let mut builder = Schema::builder();
        let kind = builder.add_text_field("type", STRING | STORED);
        let id = builder.add_text_field("id", STRING | STORED);
        let stemmed = || {
            tantivy::schema::TextOptions::default()
                .set_indexing_options(
                    tantivy::schema::TextFieldIndexing::default()
                        .set_tokenizer("en_stem")
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                )
                .set_stored()
        };
        let title = builder.add_text_field("title", stemmed());
        let body = builder.add_text_field("body", stemmed());
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        let mut documents = Documents(Vec::new());
        content.collections.visit(&mut documents);
        for document in documents.0 {
            let item_type: &str = document.item_type.into();
            writer.add_document(
                doc!(kind => item_type, id => document.id, title => document.title, body => document.body),
            )?;
        }
        writer.commit()?;
        drop(writer);
        let reader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
        let searcher = tantivy::IndexReader::searcher(&reader);

        let mut vocabulary = BTreeSet::new();
        for segment in searcher.segment_readers() {
            for field in [title, body] {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    vocabulary.insert(String::from_utf8_lossy(stream.key()).into_owned());
                }
            }
        }
        let analyzer = index.tokenizers().get("en_stem").expect("tantivy registers en_stem");
        Ok(Self { searcher, analyzer, vocabulary: vocabulary.into_iter().collect(), kind, id, title, body })
    }

    /// The best `limit` items for `text`, optionally of one type.
    ///
    /// The text is words, not query syntax (`salary: negotiable?` is a fine query): items match
    /// any word, and those matching more words, in titles especially, rank first. A word of four
    /// letters or more also matches with one typo (tantivy's fuzzy term query, scored through
    /// the corrected terms), so "intervew" finds "interview".
    pub fn search(&self, text: &str, item_type: Option<ItemType>, limit: usize) -> Result<SearchResults, SearchError> {
        let text = text.trim();
        let length = text.chars().count();
        if length > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong(length));
        }
        if !text.chars().any(char::is_alphanumeric) {
            return Err(SearchError::Empty);
        }
        let limit = limit.clamp(1, MAX_HITS);
        let words = self.words(text);
        let mut highlighted = BTreeSet::new();
        let mut any_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in [(self.title, 6.0), (self.body, 3.0)] {
                let exact = TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs);
                alternatives.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), boost))));
            }
            if word.chars().count() > TYPO_MIN_CHARS {
                for field in [self.title, self.body] {
                    let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, word), 1, true);
                    alternatives.push((Occur::Should, Box::new(fuzzy)));
                }
            }
            for term in self.neighbours(word) {
                for field in [self.title, self.body] {
                    let query = TermQuery::new(Term::from_field_text(field, &term), IndexRecordOption::WithFreqs);
                    alternatives.push((Occur::Should, Box::new(query)));
                }
                highlighted.insert(term);
            }
            any_word.push((Occur::Should, Box::new(BooleanQuery::new(alternatives))));
        }
        if any_word.is_empty() {
            return Ok(SearchResults { items: Vec::new(), total: 0, limit });
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(BooleanQuery::new(any_word)))];
        if let Some(item_type) = item_type {
            let term = Term::from_field_text(self.kind, item_type.into());
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        let query = BooleanQuery::new(clauses);
        let (total, top) = self
            .searcher
            .search(&query, &(Count, TopDocs::with_limit(limit).order_by_score()))
            .map_err(|error| SearchError::Internal(error.to_string()))?;
        let highlight = self.highlighter(&highlighted);
        let items = top
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument =
                    self.searcher.doc(address).map_err(|error| SearchError::Internal(error.to_string()))?;
                let get =
                    |field: Field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default().to_owned();
                let body = get(self.body);
                let mut snippet = highlight.snippet(&body);
                if snippet.highlighted().is_empty() {
                    snippet = highlight.snippet(&get(self.title));
                }
                let snippet = if snippet.fragment().is_empty() { escape(&prefix(&body)) } else { snippet.to_html() };
                Ok(Hit {
                    item_type: get(self.kind)
                        .parse()
                        .map_err(|_| SearchError::Internal("unknown type stored".into()))?,
                    id: get(self.id),
                    title: get(self.title),
                    score,
                    snippet,
                })
            })
            .collect::<Result<_, SearchError>>()?;
        Ok(SearchResults { items, total, limit })
    }

    /// The indexed terms `word` stands for: itself and, for words of four letters or more,
    /// every indexed term one edit away. They score typo matches with BM25 (tantivy's fuzzy
    /// query alone scores every match the same) and say which words to highlight.
    fn neighbours(&self, word: &str) -> Vec<String> {
        let typo_tolerant = word.chars().count() > TYPO_MIN_CHARS;
        self.vocabulary
            .iter()
            .filter(|candidate| *candidate == word || (typo_tolerant && strsim::osa_distance(word, candidate) <= 1))
            .cloned()
            .collect()
    }

    /// The query's words as the index holds them: lowercased and stemmed.
    fn words(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let mut words = Vec::new();
        analyzer.token_stream(text).process(&mut |token| words.push(token.text.clone()));
        words
    }

    /// A snippet generator that highlights `terms`.
    fn highlighter(&self, terms: &BTreeSet<String>) -> SnippetGenerator {
        let terms: BTreeMap<String, f32> = terms.iter().map(|term| (term.clone(), 1.0)).collect();
        let mut generator = SnippetGenerator::new(terms, self.analyzer.clone(), self.body, SNIPPET_CHARS);
        generator.set_max_num_chars(SNIPPET_CHARS);
        generator
    }
}

fn prefix(text: &str) -> String {
    text.chars().take(SNIPPET_CHARS).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One searchable item: its type, id, title and the rest of what a reader reads.
struct Document {
    item_type: ItemType,
    id: String,
    title: String,
    body: String,
}

/// Collects every item of every collection as a [`Document`].
struct Documents(Vec<Document>);

impl Visitor for Documents {
    fn visit<C: Registered>(&mut self, items: &Items<C>) {
        for item in items.iter() {
            let title = item.title();
            let body: Vec<String> = item
                .texts()
                .into_iter()
                .filter(|(_, text)| !matches!(text, Text::One(one) if std::ptr::eq(*one, title)))
                .map(|(_, text)| text.joined())
                .collect();
            self.0.push(Document {
                item_type: C::ITEM_TYPE,
                id: item.id().to_owned(),
                title: title.to_owned(),
                body: body.join(" "),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::build(&Content::embedded().expect("embedded content")).expect("index builds")
    }

    #[test]
    fn stemming_typos_and_type_filter() {
        let index = index();
        let prepared = index.search("prepared", None, 10).unwrap();
        assert!(prepared.total > 0);
        assert!(prepared.items.iter().any(|hit| hit.snippet.to_lowercase().contains("<b>prepar")), "{prepared:?}");
        let typo = index.search("intervew", None, 10).unwrap();
        assert!(typo.total > 5, "{typo:?}");
        assert!(typo.items[0].score > typo.items[9].score, "typo matches are ranked, not tied: {typo:?}");
        assert!(typo.items[0].snippet.contains("<b>"), "{:?}", typo.items[0]);
        let tips = index.search("thank you note", Some(ItemType::Tip), 50).unwrap();
        assert!(tips.total > 0 && tips.items.iter().all(|hit| hit.item_type == ItemType::Tip));
    }

    #[test]
    fn bad_queries_are_errors_not_panics() {
        let index = index();
        assert_eq!(index.search("   ", None, 10), Err(SearchError::Empty));
        assert_eq!(index.search(&"a".repeat(201), None, 10), Err(SearchError::TooLong(201)));
        for syntax in ["title:(", "id:*", "type:tip", "salary: negotiable?", "\"unclosed", "a AND", "(interview"] {
            assert!(index.search(syntax, None, 10).is_ok(), "{syntax}");
        }
        let mixed = index.search("what's next after the interview?", None, 10).unwrap();
        assert!(mixed.total > 0);
        for odd in ["\"unclosed", "AND", "+", "-x", "a:b", "*", "[a TO", "é😀", "NOT interview"] {
            let _ = index.search(odd, None, 10);
        }
    }

    #[test]
    fn template_markup_is_not_indexed() {
        assert_eq!(
            crate::content::collection::without_markup("Dear {{ interviewer_name }},{% if x %} more{% endif %} {a}"),
            "Dear interviewer name, more {a}"
        );
        let index = index();
        let hits = index.search("thank", Some(ItemType::Template), 10).unwrap();
        assert!(hits.items.iter().all(|hit| !hit.snippet.contains("{{")), "{hits:?}");
    }

    #[test]
    fn one_letter_words_do_not_match_by_typo() {
        let index = index();
        let x = index.search("x", None, 50).unwrap();
        assert!(x.items.iter().all(|hit| hit.snippet.contains("<b>")), "{x:?}");
    }
}
