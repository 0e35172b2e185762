//! From query words to ranked documents: each word expanded once into the terms it stands for
//! (exact, stem, typo, prefix), then documents scored by how many words they match and BM25.

use std::collections::HashSet;

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
/// Fields weighted below this (example answers, email bodies) add to the score but do not
/// count a word as matched: a word met only in a story is not what the item is about.
const DECIDING_WEIGHT: f32 = 1.0;
/// Fewest letters before a word may match with one typo, and with two.
const ONE_TYPO_FROM: usize = 5;
const TWO_TYPOS_FROM: usize = 9;
/// Fewest letters before a word being typed matches as a prefix.
const PREFIX_FROM: usize = 2;
/// Most terms one word may stand for (a two-letter prefix could otherwise name hundreds).
const MAX_EXPANSIONS: usize = 64;
/// BM25 constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;

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
    expansions: Vec<Expansion>,
    /// Whether it counts towards "matches every word" (stop words do not, unless all are).
    decides: bool,
}

/// A document's place in the answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub doc: u32,
    pub score: f32,
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
        let mut words: Vec<Word> = parts
            .iter()
            .enumerate()
            .map(|(position, word)| {
                let expansions = expand(index, word, typing && position == last);
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
    pub fn matched_terms(&self) -> HashSet<u32> {
        self.words.iter().flat_map(|word| word.expansions.iter().map(|e| e.term)).collect()
    }

    /// Every document `kept` lets through that matches at least one deciding word, best first:
    /// those matching every deciding word, then the rest; within each by relevance (typo
    /// matches weigh less), then those matching more words without a typo.
    pub fn rank(&self, index: &SearchIndex, kept: &dyn Fn(&Document) -> bool) -> Vec<Ranked> {
        let documents = index.documents.len();
        let mut best = vec![0.0f32; documents * self.words.len()];
        let mut deciding = vec![false; documents * self.words.len()];
        let mut as_typed = vec![false; documents * self.words.len()];
        for (position, word) in self.words.iter().enumerate() {
            for expansion in &word.expansions {
                let idf = index.idf[expansion.term as usize];
                for posting in &index.postings[expansion.term as usize] {
                    let field = &index.documents[posting.doc as usize].fields[posting.field as usize];
                    let frequency = f32::from(posting.frequency);
                    let norm = 1.0 - B + B * field.tokens.len() as f32 / index.average_length;
                    let score =
                        expansion.weight * field.weight * idf * frequency * (K1 + 1.0) / (frequency + K1 * norm);
                    let slot = posting.doc as usize * self.words.len() + position;
                    best[slot] = best[slot].max(score);
                    deciding[slot] |= field.weight >= DECIDING_WEIGHT;
                    as_typed[slot] |= field.weight >= DECIDING_WEIGHT && !expansion.typo;
                }
            }
        }
        let needed = self.words.iter().filter(|word| word.decides).count();
        let mut ranked: Vec<(bool, usize, f32, u32)> = (0..documents)
            .filter(|&doc| kept(&index.documents[doc]))
            .filter_map(|doc| {
                let span = doc * self.words.len()..(doc + 1) * self.words.len();
                let scores = &best[span.clone()];
                let count = |found: &[bool]| {
                    self.words.iter().zip(found).filter(|(word, found)| word.decides && **found).count()
                };
                let (matched, without_typos) = (count(&deciding[span.clone()]), count(&as_typed[span]));
                (matched > 0).then(|| {
                    let relevance: f32 = scores.iter().sum::<f32>() + self.proximity(&index.documents[doc]);
                    (matched == needed, without_typos, relevance, doc as u32)
                })
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.total_cmp(&a.2)).then(b.1.cmp(&a.1)).then(a.3.cmp(&b.3)));
        ranked
            .into_iter()
            .map(|(every, _, relevance, doc)| Ranked {
                doc,
                score: f32::from(u8::from(every)) + relevance / (1.0 + relevance),
            })
            .collect()
    }

    /// A bonus for each pair of consecutive query words found next to each other (or one word
    /// apart) in one field: a phrase typed as a phrase ranks above scattered words.
    fn proximity(&self, document: &Document) -> f32 {
        let sets: Vec<HashSet<u32>> =
            self.words.iter().map(|word| word.expansions.iter().map(|e| e.term).collect()).collect();
        let mut bonus = 0.0;
        for pair in sets.windows(2) {
            let near = document.fields.iter().any(|field| {
                field.tokens.iter().enumerate().any(|(at, token)| {
                    pair[0].contains(&token.term)
                        && field.tokens[at + 1..].iter().take(2).any(|next| pair[1].contains(&next.term))
                })
            });
            if near {
                bonus += 1.5;
            }
        }
        bonus
    }
}

/// The terms `word` stands for: itself and its stem; failing those, words one typo away (two
/// for long words); and, while it is being typed, the words it begins, with or without a typo.
fn expand(index: &SearchIndex, word: &str, typing: bool) -> Vec<Expansion> {
    let mut expansions = index.exact_and_stem(word);
    let mut seen: HashSet<u32> = expansions.iter().map(|e| e.term).collect();
    let length = word.chars().count();
    let mut add = |term: u64, weight: f32, typo: bool, expansions: &mut Vec<Expansion>| {
        if seen.insert(term as u32) {
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
        if length >= ONE_TYPO_FROM {
            let dfa = index.one_typo.build_prefix_dfa(word);
            let mut stream = index.vocabulary.search(&dfa).into_stream();
            while let Some((_, id)) = stream.next() {
                add(id, 0.4, true, &mut expansions);
            }
        }
    }
    expansions.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    expansions.truncate(MAX_EXPANSIONS);
    expansions
}
