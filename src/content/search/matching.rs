//! From query words to ranked documents: each word expanded once into the terms it stands for
//! (exact, stem, typo, prefix), then documents scored by how many words they match and BM25.

use std::cmp::Ordering;
use std::sync::Arc;

use super::expansion::{Budget, Expansion, expansions_of};
use super::index::{Document, SearchIndex, words};

/// Words too common to decide a match on their own.
const STOP_WORDS: [&str; 58] = [
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do",
    "does", "for", "from", "get", "got", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my",
    "not", "of", "on", "or", "our", "should", "so", "that", "the", "their", "them", "they", "this", "to", "was", "we",
    "what", "when", "where", "which", "who", "why", "will", "with",
];
/// A word found in more than this share of the items is too common to decide a match on its
/// own, like a stop word. Content about one subject names that subject on most items, so
/// matching it says nothing about which item is meant; requiring it would only rank items by
/// how often they repeat the subject.
const COMMON_SPREAD: f32 = 0.4;
/// How many of the best documents get the proximity bonus worked out.
const PROXIMITY_CANDIDATES: usize = 20;

/// One word of the query and every term it stands for.
#[derive(Debug)]
struct Word {
    expansions: Arc<Vec<Expansion>>,
    /// Whether it counts towards "matches every word" (stop words do not, unless all are).
    decides: bool,
}

/// What one query word found in one document: its best score, whether it was found in a
/// deciding field, and whether without a typo.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    score: f32,
    deciding: bool,
    as_typed: bool,
}

/// What every query word found in every document a deciding word reached.
struct Slots {
    /// A [`Slot`] per document and word, a row of words per document.
    slots: Vec<Slot>,
    /// How many words a row holds.
    width: usize,
    /// The documents reached, in document order.
    reached: Vec<usize>,
}

impl Slots {
    /// What each query word found in `doc`.
    fn of(&self, doc: usize) -> &[Slot] {
        &self.slots[doc * self.width..(doc + 1) * self.width]
    }
}

/// A document that matched, with what decides its place in the answer.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Whether it matched every deciding word.
    every: bool,
    /// How many deciding words it matched without a typo.
    without_typos: usize,
    /// BM25 over the words' best matches, plus the proximity bonus once worked out.
    relevance: f32,
    doc: u32,
}

impl Candidate {
    /// Best first: matches of every word before the rest, then by relevance, then by words
    /// matched without a typo, then in document order.
    fn order(a: &Self, b: &Self) -> Ordering {
        b.every
            .cmp(&a.every)
            .then(b.relevance.total_cmp(&a.relevance))
            .then(b.without_typos.cmp(&a.without_typos))
            .then(a.doc.cmp(&b.doc))
    }

    /// Its place in the answer: 1 or more when it matched every word, below 1 otherwise.
    fn ranked(self) -> Ranked {
        Ranked { doc: self.doc, score: f32::from(u8::from(self.every)) + self.relevance / (1.0 + self.relevance) }
    }
}

/// A document's place in the answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    /// The document, by its place in the index.
    pub doc: u32,
    /// The hit's score (see [`super::Hit::score`]).
    pub score: f32,
}

/// What a query found: every matching document (for counts by type), the best of the wanted
/// ones in order, and how many wanted ones matched.
#[derive(Debug)]
pub(super) struct Ranking {
    /// Every document that matched, wanted or not, in document order.
    pub matched: Vec<u32>,
    /// The best wanted documents, best first.
    pub leaders: Vec<Ranked>,
    /// How many wanted documents matched.
    pub total: usize,
}

/// A parsed query.
#[derive(Debug)]
pub(super) struct Query {
    words: Vec<Word>,
}

impl Query {
    /// The query's words with their expansions, typo automata taken from `budget` word by word
    /// until it runs out; `None` when it has no word at all.
    pub fn parse(index: &SearchIndex, text: &str, budget: &mut Budget) -> Option<Self> {
        let parts: Vec<String> = words(text).map(|(_, _, word)| word).collect();
        let typing = !text.ends_with(char::is_whitespace);
        let last = parts.len().checked_sub(1)?;
        let all_stop = parts.iter().all(|word| STOP_WORDS.contains(&word.as_str()));
        let mut words: Vec<Word> = parts
            .iter()
            .enumerate()
            .map(|(position, word)| {
                // A stop word among others neither decides nor ranks: matching "to" or "how"
                // would only cost time.
                let skipped = !all_stop && STOP_WORDS.contains(&word.as_str());
                let expansions = if skipped {
                    Arc::default()
                } else {
                    expansions_of(index, word, typing && position == last, budget)
                };
                let common = expansions
                    .iter()
                    .filter(|expansion| expansion.weight >= 0.9)
                    .any(|expansion| index.spread[expansion.term as usize] > COMMON_SPREAD);
                Word { expansions, decides: !STOP_WORDS.contains(&word.as_str()) && !common }
            })
            .collect();
        if words.iter().all(|word| !word.decides) {
            words.iter_mut().for_each(|word| word.decides = true);
        }
        Some(Self { words })
    }

    /// Every term some word matched, for highlighting.
    pub fn matched_terms(&self, vocabulary: usize) -> Terms {
        let pairs = self.words.iter().enumerate().flat_map(|(position, word)| {
            word.expansions.iter().map(move |expansion| (expansion.term, 1u64 << position.min(63)))
        });
        Terms::new(pairs, vocabulary)
    }

    /// Every document `kept` lets through that matches at least one deciding word, best first:
    /// those matching every deciding word, then the rest; within each by relevance (typo
    /// matches weigh less), then those matching more words without a typo.
    /// Only the `limit` best documents of those `wanted` are put in order (a partial sort); the
    /// others are only counted.
    pub fn rank(
        &self,
        index: &SearchIndex,
        matched_terms: &Terms,
        kept: &dyn Fn(&Document) -> bool,
        wanted: &dyn Fn(&Document) -> bool,
        limit: usize,
    ) -> Ranking {
        let slots = self.slots(index);
        let needed = self.words.iter().filter(|word| word.decides).count();
        let mut matched = Vec::new();
        let mut ranked: Vec<Candidate> = slots
            .reached
            .iter()
            .copied()
            .filter(|&doc| kept(&index.documents[doc]))
            .filter_map(|doc| self.candidate(doc, slots.of(doc), needed))
            .inspect(|candidate| matched.push(candidate.doc))
            .filter(|candidate| wanted(&index.documents[candidate.doc as usize]))
            .collect();
        let total = ranked.len();
        self.put_leaders_in_order(&mut ranked, index, matched_terms, limit);
        let leaders = ranked.into_iter().take(limit).map(Candidate::ranked).collect();
        Ranking { matched, leaders, total }
    }

    /// What each word found in each document its postings reach; only those documents are
    /// scored, not every document. Only deciding words are looked up: a word too common to
    /// decide would cost the longest postings for the smallest share of the score, and it
    /// still highlights and joins phrases.
    fn slots(&self, index: &SearchIndex) -> Slots {
        let documents = index.documents.len();
        let width = self.words.len();
        let mut slots = vec![Slot::default(); documents * width];
        let mut seen = vec![false; documents];
        let mut reached = Vec::new();
        for (position, word) in self.words.iter().enumerate().filter(|(_, word)| word.decides) {
            for expansion in word.expansions.iter() {
                for posting in &index.postings[expansion.term as usize] {
                    let doc = posting.doc as usize;
                    if !seen[doc] {
                        seen[doc] = true;
                        reached.push(doc);
                    }
                    let slot = &mut slots[doc * width + position];
                    slot.score = slot.score.max(expansion.weight * posting.score);
                    slot.deciding |= posting.deciding;
                    slot.as_typed |= posting.deciding && !expansion.typo;
                }
            }
        }
        // In document order, so that the matches (and the counts made from them) come out in
        // the same order whichever word reached a document first.
        reached.sort_unstable();
        Slots { slots, width, reached }
    }

    /// `doc` as a candidate given what each word found in it (`slots`), if it matched at least
    /// one deciding word; `needed` is how many words decide.
    fn candidate(&self, doc: usize, slots: &[Slot], needed: usize) -> Option<Candidate> {
        let (mut matched, mut without_typos, mut relevance) = (0, 0, 0.0f32);
        for (word, slot) in self.words.iter().zip(slots) {
            relevance += slot.score;
            if word.decides {
                matched += usize::from(slot.deciding);
                without_typos += usize::from(slot.as_typed);
            }
        }
        (matched > 0).then_some(Candidate { every: matched == needed, without_typos, relevance, doc: doc as u32 })
    }

    /// Keeps the best `limit` candidates (at least [`PROXIMITY_CANDIDATES`]) in order. Proximity
    /// can only reorder near neighbours, so its bonus is worked out for the leaders only, and
    /// they are ordered again with it.
    fn put_leaders_in_order(&self, ranked: &mut Vec<Candidate>, index: &SearchIndex, terms: &Terms, limit: usize) {
        let leaders = ranked.len().min(limit.max(PROXIMITY_CANDIDATES));
        if leaders < ranked.len() {
            ranked.select_nth_unstable_by(leaders, Candidate::order);
            ranked.truncate(leaders);
        }
        ranked.sort_by(Candidate::order);
        if self.words.len() > 1 {
            let near = ranked.len().min(PROXIMITY_CANDIDATES);
            for candidate in &mut ranked[..near] {
                candidate.relevance += proximity(&index.documents[candidate.doc as usize], terms);
            }
            ranked[..near].sort_by(Candidate::order);
        }
    }
}

/// A bonus for each pair of consecutive query words found next to each other (or one word
/// apart) in one field: a phrase typed as a phrase ranks above scattered words. `bits` says
/// which query words each term stands for.
fn proximity(document: &Document, bits: &Terms) -> f32 {
    let mut pairs = 0u64;
    for field in &document.fields {
        let (mut one_back, mut two_back) = (0u64, 0u64);
        for token in &field.tokens {
            let here = bits.words(token.term);
            pairs |= (one_back | two_back) & (here >> 1);
            (two_back, one_back) = (one_back, here);
        }
    }
    1.5 * pairs.count_ones() as f32
}

/// The terms a query matched: a bit per vocabulary term for the yes-or-no question a snippet
/// asks of every token, and, sorted for binary search, the query words (as bits by position)
/// each stands for, which the proximity scan asks.
#[derive(Debug)]
pub(super) struct Terms {
    words: Vec<(u32, u64)>,
    present: Vec<u64>,
}

impl Terms {
    fn new(pairs: impl Iterator<Item = (u32, u64)>, vocabulary: usize) -> Self {
        let mut terms: Vec<(u32, u64)> = pairs.collect();
        terms.sort_unstable();
        terms.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 |= later.1;
            }
            same
        });
        let mut present = vec![0u64; vocabulary.div_ceil(64)];
        for (term, _) in &terms {
            present[*term as usize / 64] |= 1 << (term % 64);
        }
        Self { words: terms, present }
    }

    /// The query words `term` stands for, as bits (0 for a term no word matched).
    pub fn words(&self, term: u32) -> u64 {
        if !self.contains(term) {
            return 0;
        }
        self.words.binary_search_by_key(&term, |(term, _)| *term).map_or(0, |at| self.words[at].1)
    }

    /// Whether some word matched `term`.
    pub fn contains(&self, term: u32) -> bool {
        self.present.get(term as usize / 64).is_some_and(|bits| bits & (1 << (term % 64)) != 0)
    }
}
