//! The index: every item as weighted fields of tokens, postings by term, the vocabulary as an
//! FST for prefix and typo automata, and stems — all built once at start.

use std::collections::{BTreeMap, HashMap};

use fst::Map;
use levenshtein_automata::LevenshteinAutomatonBuilder;
use rust_stemmers::{Algorithm, Stemmer};

use super::expansion::{Budget, Expansion, ExpansionCache, MAX_AUTOMATA_PER_QUERY};
use super::matching::Query;
use super::snippet::snippet;
use super::{Hit, MAX_HITS, MAX_QUERY_CHARS, SearchError, SearchFilter, SearchResults};
use crate::content::collection::{Items, Registered, Text, Visitor};
use crate::content::{Content, ItemType};

/// How much a match in a field counts, by field: titles and names above bodies.
fn field_weight(name: &str, is_title: bool) -> f32 {
    match name {
        _ if is_title => 3.0,
        "variants" | "name" | "employer_question" => 2.0,
        "example_answer" | "body" | "subject" => 0.6,
        _ => 1.0,
    }
}

/// One word of a field: where it stands in the text and which term it is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// Byte offsets of the word in the field's text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The word's term id.
    pub term: u32,
}

/// One text field of a document, tokenised.
#[derive(Debug)]
pub(super) struct Field {
    /// How much a match here counts.
    pub weight: f32,
    /// The text as a reader reads it (template markup removed).
    pub text: String,
    /// Its words, in order.
    pub tokens: Vec<Token>,
    /// Whether this is the item's title.
    pub is_title: bool,
}

/// One searchable item.
#[derive(Debug)]
pub(super) struct Document {
    /// The item's collection.
    pub item_type: ItemType,
    /// The item's id in its collection.
    pub id: String,
    /// The item's title (a question's text), as a hit shows it.
    pub title: String,
    /// The item's role families, for items tagged by role.
    pub role_families: Option<Vec<String>>,
    pub fields: Vec<Field>,
}

/// Where a term occurs, and what a match there is worth: BM25 of the term in that field
/// (frequency, field length, inverse document frequency) times the field's weight, worked out
/// once at start since none of it depends on the query.
#[derive(Debug, Clone, Copy)]
pub(super) struct Posting {
    /// The document, by its place in the index.
    pub doc: u32,
    /// What a match here is worth.
    pub score: f32,
    /// Whether the field counts a word as matched (see [`DECIDING_WEIGHT`]).
    pub deciding: bool,
}

/// BM25 constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Fields weighted below this (example answers, email bodies) add to the score but do not
/// count a word as matched: a word met only in a story is not what the item is about.
const DECIDING_WEIGHT: f32 = 1.0;

/// The search index over all content, built once.
pub struct SearchIndex {
    pub(super) documents: Vec<Document>,
    /// Every distinct word, to its term id.
    pub(super) vocabulary: Map<Vec<u8>>,
    /// Each term's postings, by term id.
    pub(super) postings: Vec<Vec<Posting>>,
    /// The share of documents each term occurs in.
    pub(super) spread: Vec<f32>,
    /// Term ids by English stem.
    pub(super) stems: HashMap<String, Vec<u32>>,
    /// The English stemmer the stems were made with, for the query's words.
    pub(super) stemmer: Stemmer,
    /// Builds automata for the words one typo away from a query word.
    pub(super) one_typo: LevenshteinAutomatonBuilder,
    /// Builds automata for the words two typos away from a long query word.
    pub(super) two_typos: LevenshteinAutomatonBuilder,
    /// The length of the longest term, in characters: a longer word can only be a typo of
    /// none.
    pub(super) longest_term: usize,
    /// The expansions of words already seen, so no automaton is built twice for one word.
    pub(super) expansions: ExpansionCache,
    /// A zero count for every item type the documents hold, which each search's counts start from.
    no_counts: BTreeMap<ItemType, usize>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.documents.len())
            .field("terms", &self.spread.len())
            .finish()
    }
}

/// The words of `text` with their byte offsets, lower-cased: runs of letters and digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut start = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(at, c)| {
        match (c.is_alphanumeric(), start) {
            (true, None) => {
                start = Some(at);
                None
            }
            (false, Some(begin)) => {
                start = None;
                Some((begin, at, text[begin..at].to_lowercase()))
            }
            _ => None,
        }
    })
}

/// Collects every item of every collection as a document, naming terms as it goes.
struct Builder {
    documents: Vec<Document>,
    terms: HashMap<String, u32>,
}

impl Builder {
    fn term(&mut self, word: String) -> u32 {
        let next = self.terms.len() as u32;
        *self.terms.entry(word).or_insert(next)
    }

    fn field(&mut self, name: &str, text: String, is_title: bool) -> Field {
        let tokens =
            words(&text).map(|(start, end, word)| Token { start, end, term: self.term(word) }).collect::<Vec<_>>();
        Field { weight: field_weight(name, is_title), text, tokens, is_title }
    }
}

impl Visitor for Builder {
    fn visit<C: Registered>(&mut self, items: &Items<C>) {
        for item in items.iter() {
            let title = item.title();
            let mut fields = vec![self.field("title", title.to_owned(), true)];
            for (name, text) in item.texts() {
                if !matches!(text, Text::One(one) if std::ptr::eq(one, title)) {
                    fields.push(self.field(name, text.joined(), false));
                }
            }
            self.documents.push(Document {
                item_type: C::ITEM_TYPE,
                id: item.id().to_owned(),
                title: title.to_owned(),
                role_families: item.role_families().map(<[String]>::to_vec),
                fields,
            });
        }
    }
}

/// Each term's postings, by term id, and the share of documents it occurs in.
fn score_postings(documents: &[Document], terms: usize) -> (Vec<Vec<Posting>>, Vec<f32>) {
    let (occurrences, average_length) = occurrences(documents, terms);
    let count = documents.len() as f32;
    let (mut postings, mut spread) = (Vec::with_capacity(terms), Vec::with_capacity(terms));
    for mut list in occurrences {
        list.sort_unstable();
        let mut docs: Vec<u32> = list.iter().map(|(doc, _, _)| *doc).collect();
        docs.dedup();
        let frequency = docs.len() as f32;
        let idf = (1.0 + (count - frequency + 0.5) / (frequency + 0.5)).ln();
        spread.push(frequency / count.max(1.0));
        let scored = list.into_iter().map(|(doc, field, frequency)| {
            let field = &documents[doc as usize].fields[field as usize];
            let (frequency, length) = (f32::from(frequency), field.tokens.len() as f32);
            let norm = 1.0 - B + B * length / average_length;
            let score = field.weight * idf * frequency * (K1 + 1.0) / (frequency + K1 * norm);
            Posting { doc, score, deciding: field.weight >= DECIDING_WEIGHT }
        });
        postings.push(scored.collect::<Vec<_>>());
    }
    (postings, spread)
}

/// One field a term occurs in: (document, field, how often), sorting by document then field.
type Occurrence = (u32, u16, u16);

/// Where each of `terms` terms occurs, as (document, field, how often) by term id, and the
/// average length of a field in words.
fn occurrences(documents: &[Document], terms: usize) -> (Vec<Vec<Occurrence>>, f32) {
    let mut occurrences: Vec<Vec<Occurrence>> = vec![Vec::new(); terms];
    let (mut total_length, mut field_count) = (0usize, 0usize);
    for (doc, document) in documents.iter().enumerate() {
        for (field, content) in document.fields.iter().enumerate() {
            total_length += content.tokens.len();
            field_count += 1;
            let mut counts: HashMap<u32, u16> = HashMap::new();
            for token in &content.tokens {
                *counts.entry(token.term).or_default() += 1;
            }
            for (term, frequency) in counts {
                occurrences[term as usize].push((doc as u32, field as u16, frequency));
            }
        }
    }
    (occurrences, total_length as f32 / field_count.max(1) as f32)
}

impl SearchIndex {
    /// Indexes every item of `content`.
    pub fn build(content: &Content) -> Result<Self, fst::Error> {
        let mut builder = Builder { documents: Vec::new(), terms: HashMap::new() };
        content.collections.visit(&mut builder);
        let Builder { documents, terms } = builder;
        let (postings, spread) = score_postings(&documents, terms.len());
        let stemmer = Stemmer::create(Algorithm::English);
        let mut sorted: Vec<(&String, &u32)> = terms.iter().collect();
        sorted.sort();
        let mut stems: HashMap<String, Vec<u32>> = HashMap::new();
        for (word, term) in &sorted {
            stems.entry(stemmer.stem(word).into_owned()).or_default().push(**term);
        }
        let vocabulary = Map::from_iter(sorted.iter().map(|(word, term)| (word.as_bytes(), u64::from(**term))))?;
        let longest_term = terms.keys().map(|word| word.chars().count()).max().unwrap_or(0);
        let no_counts = documents.iter().map(|doc| (doc.item_type, 0)).collect();
        Ok(Self {
            no_counts,
            documents,
            vocabulary,
            postings,
            spread,
            stems,
            stemmer,
            one_typo: LevenshteinAutomatonBuilder::new(1, true),
            two_typos: LevenshteinAutomatonBuilder::new(2, true),
            longest_term,
            expansions: ExpansionCache::new(),
        })
    }

    /// The best `limit` items for `text` among those `filter` keeps.
    ///
    /// The text is words, not query syntax (`salary: negotiable?` is a fine query). Each word
    /// matches its exact form, its English stem, and with one typo from five letters (two from
    /// nine); the last word, while it is being typed (no space after it), also matches as the
    /// start of a word from two letters. Items matching more of the words rank first; among
    /// those, BM25 over weighted fields with a bonus for words found next to each other.
    pub fn search(&self, text: &str, filter: &SearchFilter, limit: usize) -> Result<SearchResults, SearchError> {
        let length = text.trim().chars().count();
        if length > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong(length));
        }
        let query = Query::parse(self, text, &mut Budget::new(MAX_AUTOMATA_PER_QUERY)).ok_or(SearchError::Empty)?;
        let limit = limit.clamp(1, MAX_HITS);
        let kept = |doc: &Document| {
            filter.role_family.as_ref().is_none_or(|family| {
                doc.role_families.as_ref().is_none_or(|families| super::super::role_family::suits(families, family))
            })
        };
        let wanted = |doc: &Document| filter.item_type.is_none_or(|wanted| doc.item_type == wanted);
        let matched = query.matched_terms(self.spread.len());
        let ranking = query.rank(self, &matched, &kept, &wanted, limit);
        let mut counts = self.no_counts.clone();
        for doc in &ranking.matched {
            *counts.entry(self.documents[*doc as usize].item_type).or_default() += 1;
        }
        let items = ranking
            .leaders
            .iter()
            .map(|ranked| {
                let document = &self.documents[ranked.doc as usize];
                Hit {
                    item_type: document.item_type,
                    id: document.id.clone(),
                    title: document.title.clone(),
                    score: ranked.score,
                    snippet: snippet(document, &matched),
                }
            })
            .collect();
        Ok(SearchResults { items, total: ranking.total, limit, counts })
    }

    /// The term ids of the words spelled exactly `word`, or with its stem.
    pub(super) fn exact_and_stem(&self, word: &str) -> Vec<Expansion> {
        let exact = self.vocabulary.get(word).map(|term| term as u32);
        let mut expansions: Vec<Expansion> =
            exact.map(|term| Expansion { term, weight: 1.0, typo: false }).into_iter().collect();
        for &term in self.stems.get(self.stemmer.stem(word).as_ref()).into_iter().flatten() {
            if Some(term) != exact {
                expansions.push(Expansion { term, weight: 0.9, typo: false });
            }
        }
        expansions
    }
}
