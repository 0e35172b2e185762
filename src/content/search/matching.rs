//! From query words to ranked documents: each word expanded once into the terms it stands for
//! (exact, stem, typo, prefix), then documents scored by how many words they match and BM25.

use std::sync::Arc;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use super::index::{Document, SearchIndex, words};

/// Words too common to decide a match on their own.
const STOP_WORDS: [&str; 58] = [
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do",
    "does", "for", "from", "get", "got", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my",
    "not", "of", "on", "or", "our", "should", "so", "that", "the", "their", "them", "they", "this", "to", "was", "we",
    "what", "when", "where", "which", "who", "why", "will", "with",
];
/// A word found in more than this share of the items (`interview`, here) is too common to
/// decide a match on its own, like a stop word.
const COMMON_SPREAD: f32 = 0.4;
/// Fewest letters before a word may match with one typo, and with two.
const ONE_TYPO_FROM: usize = 5;
const TWO_TYPOS_FROM: usize = 9;
/// Fewest letters before a word being typed matches as a prefix.
const PREFIX_FROM: usize = 2;
/// Most terms one word may stand for (a two-letter prefix could otherwise name hundreds).
const MAX_EXPANSIONS: usize = 64;
/// Most words a half-typed word with a typo may stand for: enough for real completions, not
/// every word within one edit of a short prefix.
const MAX_PREFIX_TYPOS: usize = 16;
/// How many of the best documents get the proximity bonus worked out.
const PROXIMITY_CANDIDATES: usize = 20;

/// A term a query word stands for, and how much a match on it counts (1 for the word itself).
#[derive(Debug, Clone, Copy)]
pub(super) struct Expansion {
    pub term: u32,
    pub weight: f32,
    /// Whether the term differs from the word by a typo (not only by its ending or its rest).
    pub typo: bool,
}

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

/// A document's place in the answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub doc: u32,
    pub score: f32,
}

/// What a query found: every matching document (for counts by type), the best of the wanted
/// ones in order, and how many wanted ones matched.
#[derive(Debug)]
pub(super) struct Ranking {
    pub matched: Vec<u32>,
    pub leaders: Vec<Ranked>,
    pub total: usize,
}

/// A parsed query.
#[derive(Debug)]
pub(super) struct Query {
    words: Vec<Word>,
}

impl Query {
    /// The query's words with their expansions; `None` when it has no word at all.
    pub fn parse(index: &SearchIndex, text: &str) -> Option<Self> {
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
                let expansions =
                    if skipped { Arc::default() } else { index.expansions_of(word, typing && position == last) };
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
        let documents = index.documents.len();
        let width = self.words.len();
        let mut slots = vec![Slot::default(); documents * width];
        // Only the documents some posting reaches are scored, not every document.
        let mut reached = vec![false; documents];
        let mut candidates = Vec::new();
        // A word too common to decide (most items say "interview") would cost the longest
        // postings for the smallest share of the score: it only highlights and joins phrases.
        for (position, word) in self.words.iter().enumerate().filter(|(_, word)| word.decides) {
            for expansion in word.expansions.iter() {
                for posting in &index.postings[expansion.term as usize] {
                    let doc = posting.doc as usize;
                    if !reached[doc] {
                        reached[doc] = true;
                        candidates.push(doc);
                    }
                    let slot = &mut slots[doc * width + position];
                    slot.score = slot.score.max(expansion.weight * posting.score);
                    slot.deciding |= posting.deciding;
                    slot.as_typed |= posting.deciding && !expansion.typo;
                }
            }
        }
        let needed = self.words.iter().filter(|word| word.decides).count();
        let mut matched = Vec::new();
        // In document order, so that `matched` (and the counts made from it) come out as before.
        candidates.sort_unstable();
        let mut ranked: Vec<(bool, usize, f32, u32)> = candidates
            .into_iter()
            .filter(|&doc| kept(&index.documents[doc]))
            .filter_map(|doc| {
                let (mut matched, mut without_typos, mut relevance) = (0, 0, 0.0f32);
                for (word, slot) in self.words.iter().zip(&slots[doc * width..(doc + 1) * width]) {
                    relevance += slot.score;
                    if word.decides {
                        matched += usize::from(slot.deciding);
                        without_typos += usize::from(slot.as_typed);
                    }
                }
                (matched > 0).then_some((matched == needed, without_typos, relevance, doc as u32))
            })
            .inspect(|entry| matched.push(entry.3))
            .filter(|entry| wanted(&index.documents[entry.3 as usize]))
            .collect();
        let total = ranked.len();
        let order = |a: &(bool, usize, f32, u32), b: &(bool, usize, f32, u32)| {
            b.0.cmp(&a.0).then(b.2.total_cmp(&a.2)).then(b.1.cmp(&a.1)).then(a.3.cmp(&b.3))
        };
        // Proximity can only reorder near neighbours, so it is worked out for the leaders only.
        let leaders = ranked.len().min(limit.max(PROXIMITY_CANDIDATES));
        if leaders < ranked.len() {
            ranked.select_nth_unstable_by(leaders, order);
            ranked.truncate(leaders);
        }
        ranked.sort_by(order);
        if self.words.len() > 1 {
            let near = ranked.len().min(PROXIMITY_CANDIDATES);
            for entry in &mut ranked[..near] {
                entry.2 += proximity(&index.documents[entry.3 as usize], matched_terms);
            }
            ranked[..near].sort_by(order);
        }
        let leaders = ranked
            .into_iter()
            .take(limit)
            .map(|(every, _, relevance, doc)| Ranked {
                doc,
                score: f32::from(u8::from(every)) + relevance / (1.0 + relevance),
            })
            .collect();
        Ranking { matched, leaders, total }
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

/// The terms `word` stands for: itself and its stem; failing those, words one typo away (two
/// for long words); and, while it is being typed, the words it begins, with or without a typo.
pub(super) fn expand(index: &SearchIndex, word: &str, typing: bool) -> Vec<Expansion> {
    let mut expansions = index.exact_and_stem(word);
    let mut seen: Vec<u32> = expansions.iter().map(|e| e.term).collect();
    let length = word.chars().count();
    let mut add = |term: u64, weight: f32, typo: bool, expansions: &mut Vec<Expansion>| {
        if !seen.contains(&(term as u32)) && seen.len() < MAX_EXPANSIONS * 2 {
            seen.push(term as u32);
            expansions.push(Expansion { term: term as u32, weight, typo });
        }
    };
    // A word the content holds, as typed or by its stem, is taken as meant: correcting it
    // would let "teaching" match "reaching".
    if expansions.is_empty() && length >= ONE_TYPO_FROM {
        let builder = if length >= TWO_TYPOS_FROM { &index.two_typos } else { &index.one_typo };
        let dfa = builder.build_dfa(word);
        let mut stream = index.vocabulary.search(&dfa).into_stream();
        while let Some((term, id)) = stream.next() {
            let distance = match dfa.eval(term) {
                levenshtein_automata::Distance::Exact(distance) => f32::from(distance),
                levenshtein_automata::Distance::AtLeast(_) => continue,
            };
            add(id, 0.7 / distance.max(1.0), true, &mut expansions);
        }
    }
    if typing && length >= PREFIX_FROM {
        let prefix = Str::new(word).starts_with();
        let mut stream = index.vocabulary.search(prefix).into_stream();
        while let Some((term, id)) = stream.next() {
            let completed = length as f32 / term.len() as f32;
            add(id, 0.5 + 0.4 * completed, false, &mut expansions);
        }
        if length > ONE_TYPO_FROM {
            let dfa = index.one_typo.build_prefix_dfa(word);
            let mut stream = index.vocabulary.search(&dfa).into_stream();
            let mut taken = 0;
            while let Some((_, id)) = stream.next() {
                if taken == MAX_PREFIX_TYPOS {
                    break;
                }
                add(id, 0.4, true, &mut expansions);
                taken += 1;
            }
        }
    }
    expansions.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    expansions.truncate(MAX_EXPANSIONS);
    expansions
}
