//! What a query word stands for: its exact form and English stem; failing those, words a typo
//! or two away; and, while it is being typed, the words it begins. Typos are found with
//! Levenshtein automata, the dearest step of a search, so one query may build only a few of
//! them, and the expansions of words already seen are kept, least recently used dropped first.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use lru::LruCache;

use super::index::SearchIndex;

/// Most Levenshtein automata one query may use. Building one and running it over the
/// vocabulary is the dearest step of a search: 0.1 ms or more for a long word with two typos,
/// against a few µs for an exact or stem lookup, and every word the vocabulary lacks needs one
/// (the word being typed, a second one). Without a bound, a 200-character query of words
/// nobody used before costs milliseconds of the worker's time, during which every other
/// connection on that worker waits; with four, the dearest such query measured costs about
/// half a millisecond in a release build. Four covers four misspelt words, which is more than
/// a search box query holds in practice; words past the bound match by exact form and stem
/// (and as the start of a word while typed) only.
///
/// The bound counts the automata a word needs whether or not its expansions are cached, so the
/// answer to a query never depends on what other clients asked before.
pub(super) const MAX_AUTOMATA_PER_QUERY: usize = 4;
/// Most words whose expansions are kept for the next query with the same word.
const EXPANSION_CACHE: NonZeroUsize = NonZeroUsize::new(4096).expect("not zero");
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

/// A term a query word stands for, and how much a match on it counts (1 for the word itself).
#[derive(Debug, Clone, Copy)]
pub(super) struct Expansion {
    /// The term's id.
    pub term: u32,
    /// How much a match on the term counts: 1 for the word itself, less for its stem, typos
    /// and completions.
    pub weight: f32,
    /// Whether the term differs from the word by a typo (not only by its ending or its rest).
    pub typo: bool,
}

/// The expansions of one word, and how many automata finding them takes.
#[derive(Debug, Clone)]
struct Expanded {
    expansions: Arc<Vec<Expansion>>,
    automata: usize,
}

/// How many more automata a query may use.
#[derive(Debug)]
pub(super) struct Budget {
    left: usize,
}

impl Budget {
    /// A budget of `automata`.
    pub fn new(automata: usize) -> Self {
        Self { left: automata }
    }

    /// Takes `automata` from the budget if that many are left.
    fn take(&mut self, automata: usize) -> bool {
        let fits = automata <= self.left;
        if fits {
            self.left -= automata;
        }
        fits
    }
}

/// The expansions of words already seen, by (word, whether it is being typed), so no automaton
/// is built twice for one word. When full, the least recently used word is dropped, so words
/// people keep typing stay however many fresh words pass through.
#[derive(Debug)]
pub(super) struct ExpansionCache(Mutex<LruCache<(String, bool), Expanded>>);

impl ExpansionCache {
    /// An empty cache of [`EXPANSION_CACHE`] words.
    pub fn new() -> Self {
        Self::with_capacity(EXPANSION_CACHE)
    }

    fn with_capacity(capacity: NonZeroUsize) -> Self {
        Self(Mutex::new(LruCache::new(capacity)))
    }

    fn get(&self, key: &(String, bool)) -> Option<Expanded> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn insert(&self, key: (String, bool), expanded: Expanded) {
        if let Ok(mut cache) = self.0.lock() {
            cache.put(key, expanded);
        }
    }
}

/// What `word` stands for. Its full expansions (from the cache, or worked out and kept now)
/// when the automata they take fit in `budget`; otherwise only what needs no automaton.
pub(super) fn expansions_of(index: &SearchIndex, word: &str, typing: bool, budget: &mut Budget) -> Arc<Vec<Expansion>> {
    let key = (word.to_owned(), typing);
    if let Some(cached) = index.expansions.get(&key) {
        return if budget.take(cached.automata) {
            cached.expansions
        } else {
            Arc::new(Plan::new(index, word, typing).without_automata(index))
        };
    }
    let plan = Plan::new(index, word, typing);
    if !budget.take(plan.automata()) {
        return Arc::new(plan.without_automata(index));
    }
    let automata = plan.automata();
    let expansions = Arc::new(plan.with_automata(index));
    index.expansions.insert(key, Expanded { expansions: expansions.clone(), automata });
    expansions
}

/// How one word will be expanded, decided before any automaton is built.
struct Plan<'a> {
    word: &'a str,
    /// Its length in characters.
    length: usize,
    /// Its exact form and stem.
    known: Vec<Expansion>,
    /// The automaton builder for words a typo or two away, when the word needs one.
    typos: Option<&'a LevenshteinAutomatonBuilder>,
    /// Whether it is being typed and long enough to match as the start of a word.
    completes: bool,
    /// Whether it may also match as the start of a word with a typo.
    completes_with_a_typo: bool,
}

impl<'a> Plan<'a> {
    /// A word the content holds, as typed or by its stem, is taken as meant: correcting a real
    /// word would turn it into another real word a letter away. A word longer than every term
    /// by more than the typos allowed can be no term's typo, so no automaton is built for it.
    fn new(index: &'a SearchIndex, word: &'a str, typing: bool) -> Self {
        let known = index.exact_and_stem(word);
        let length = word.chars().count();
        let reaches = |typos: usize| length <= index.longest_term + typos;
        let typos = match length {
            _ if !known.is_empty() => None,
            TWO_TYPOS_FROM.. if reaches(2) => Some(&index.two_typos),
            ONE_TYPO_FROM..TWO_TYPOS_FROM if reaches(1) => Some(&index.one_typo),
            _ => None,
        };
        let completes = typing && length >= PREFIX_FROM;
        let completes_with_a_typo = typing && length > ONE_TYPO_FROM && reaches(1);
        Self { word, length, known, typos, completes, completes_with_a_typo }
    }

    /// How many automata the full expansion builds.
    fn automata(&self) -> usize {
        usize::from(self.typos.is_some()) + usize::from(self.completes_with_a_typo)
    }

    /// Every term the word stands for, best first.
    fn with_automata(self, index: &SearchIndex) -> Vec<Expansion> {
        let mut gathered = Gathered::new(self.known);
        if let Some(builder) = self.typos {
            gathered.add_typos(index, builder, self.word);
        }
        if self.completes {
            gathered.add_completions(index, self.word, self.length);
            if self.completes_with_a_typo {
                gathered.add_completions_with_a_typo(index, self.word);
            }
        }
        gathered.best()
    }

    /// The terms the word stands for that need no automaton: exact form, stem and, while it
    /// is typed, the words it begins.
    fn without_automata(self, index: &SearchIndex) -> Vec<Expansion> {
        let mut gathered = Gathered::new(self.known);
        if self.completes {
            gathered.add_completions(index, self.word, self.length);
        }
        gathered.best()
    }
}

/// The expansions of one word found so far, each term once.
struct Gathered {
    expansions: Vec<Expansion>,
    seen: Vec<u32>,
}

impl Gathered {
    fn new(known: Vec<Expansion>) -> Self {
        let seen = known.iter().map(|expansion| expansion.term).collect();
        Self { expansions: known, seen }
    }

    /// Adds `term` unless it is there already or twice [`MAX_EXPANSIONS`] are (the best of
    /// those are kept).
    fn add(&mut self, term: u64, weight: f32, typo: bool) {
        let term = term as u32;
        if !self.seen.contains(&term) && self.seen.len() < MAX_EXPANSIONS * 2 {
            self.seen.push(term);
            self.expansions.push(Expansion { term, weight, typo });
        }
    }

    /// Words within the typos `builder` allows of `word`, weighing less the more typos.
    fn add_typos(&mut self, index: &SearchIndex, builder: &LevenshteinAutomatonBuilder, word: &str) {
        let dfa = builder.build_dfa(word);
        let mut stream = index.vocabulary.search(&dfa).into_stream();
        while let Some((term, id)) = stream.next() {
            if let Distance::Exact(distance) = dfa.eval(term) {
                self.add(id, 0.7 / f32::from(distance).max(1.0), true);
            }
        }
    }

    /// Words that begin with `word`, weighing more the more of them is typed.
    fn add_completions(&mut self, index: &SearchIndex, word: &str, length: usize) {
        let mut stream = index.vocabulary.search(Str::new(word).starts_with()).into_stream();
        while let Some((term, id)) = stream.next() {
            self.add(id, 0.5 + 0.4 * length as f32 / term.len() as f32, false);
        }
    }

    /// Words that begin with `word` with one typo, the first [`MAX_PREFIX_TYPOS`] found.
    fn add_completions_with_a_typo(&mut self, index: &SearchIndex, word: &str) {
        let dfa = index.one_typo.build_prefix_dfa(word);
        let mut stream = index.vocabulary.search(&dfa).into_stream();
        let mut taken = 0;
        while let Some((_, id)) = stream.next() {
            if taken == MAX_PREFIX_TYPOS {
                break;
            }
            self.add(id, 0.4, true);
            taken += 1;
        }
    }

    /// The [`MAX_EXPANSIONS`] best, best first.
    fn best(mut self) -> Vec<Expansion> {
        self.expansions.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        self.expansions.truncate(MAX_EXPANSIONS);
        self.expansions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn index() -> SearchIndex {
        SearchIndex::build(&Content::embedded().expect("embedded content")).expect("index builds")
    }

    /// How many automata the cached expansions took to build.
    fn automata_built(index: &SearchIndex) -> usize {
        index.expansions.0.lock().unwrap().iter().map(|(_, expanded)| expanded.automata).sum()
    }

    /// Whether the word's expansions hold a typo match.
    fn corrected(expansions: &[Expansion]) -> bool {
        expansions.iter().any(|expansion| expansion.typo)
    }

    #[test]
    fn one_query_builds_at_most_the_capped_number_of_automata() {
        let index = index();
        // Long misspellings of words the content holds: each needs a two-typo automaton.
        let words = ["interveiw", "preperation", "negotiaton", "recruitr", "refrences", "expereince", "feedbak"];
        let mut budget = Budget::new(MAX_AUTOMATA_PER_QUERY);
        let expanded: Vec<_> = words.iter().map(|word| expansions_of(&index, word, false, &mut budget)).collect();
        assert_eq!(budget.left, 0);
        assert_eq!(automata_built(&index), MAX_AUTOMATA_PER_QUERY, "only the words within the cap were built");
        assert!(expanded[..MAX_AUTOMATA_PER_QUERY].iter().all(|expansions| corrected(expansions)), "{expanded:?}");
        assert!(expanded[MAX_AUTOMATA_PER_QUERY..].iter().all(|expansions| !corrected(expansions)), "{expanded:?}");
        // Past the cap a word still matches as typed, and the last word still completes.
        let known = expansions_of(&index, "salary", false, &mut budget);
        assert!(!known.is_empty());
        let typed = expansions_of(&index, "feedbac", true, &mut budget);
        assert!(!typed.is_empty() && !corrected(&typed), "{typed:?}");
        assert_eq!(automata_built(&index), MAX_AUTOMATA_PER_QUERY);
    }

    #[test]
    fn a_search_of_many_fresh_long_words_builds_at_most_the_capped_number_of_automata() {
        let index = index();
        let words = ["interveiw", "preperation", "negotiaton", "recrutier", "refrences", "expereince", "feedbakc"];
        let query = words.join(" ");
        index.search(&query, &super::super::SearchFilter::default(), 10).expect("a query with words");
        assert_eq!(automata_built(&index), MAX_AUTOMATA_PER_QUERY);
    }

    #[test]
    fn a_cached_word_counts_against_the_cap_so_answers_do_not_depend_on_the_cache() {
        let index = index();
        let mut first = Budget::new(1);
        assert!(corrected(&expansions_of(&index, "interveiw", false, &mut first)));
        let mut spent = Budget::new(0);
        assert!(!corrected(&expansions_of(&index, "interveiw", false, &mut spent)), "cached, yet over the cap");
        assert_eq!(automata_built(&index), 1);
    }

    #[test]
    fn a_word_longer_than_any_term_plus_its_typos_builds_no_automaton() {
        let index = index();
        let word = "x".repeat(index.longest_term + 3);
        let mut budget = Budget::new(MAX_AUTOMATA_PER_QUERY);
        assert!(expansions_of(&index, &word, true, &mut budget).is_empty());
        assert_eq!(budget.left, MAX_AUTOMATA_PER_QUERY);
    }

    #[test]
    fn the_cache_drops_the_least_recently_used_words_and_never_grows_past_its_capacity() {
        let capacity = 8;
        let cache = ExpansionCache::with_capacity(NonZeroUsize::new(capacity).unwrap());
        let key = |n: usize| (format!("word{n}"), false);
        let entry = |n: usize| Expanded { expansions: Arc::default(), automata: n };
        for n in 0..capacity {
            cache.insert(key(n), entry(n));
        }
        // Reading word0 makes it recent, so the next word in drops word1 instead.
        assert_eq!(cache.get(&key(0)).map(|found| found.automata), Some(0));
        cache.insert(key(capacity), entry(capacity));
        assert!(cache.get(&key(0)).is_some() && cache.get(&key(1)).is_none());
        for n in capacity + 1..capacity * 3 {
            cache.insert(key(n), entry(n));
            assert!(cache.0.lock().unwrap().len() <= capacity);
        }
        assert_eq!(cache.0.lock().unwrap().len(), capacity);
        for n in capacity * 2..capacity * 3 {
            assert_eq!(cache.get(&key(n)).map(|found| found.automata), Some(n), "a recent word was dropped");
        }
        assert!(cache.get(&key(1)).is_none() && cache.get(&key(0)).is_none());
        cache.insert(key(99), entry(99));
        assert!(cache.get(&key(capacity * 2)).is_none(), "the least recently used goes first");
        assert!(cache.get(&key(capacity * 2 + 1)).is_some());
    }
}
