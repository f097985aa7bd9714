//! Words as an answer's tokens read them: each written word folded,
//! split where it stands for two ("didn't" → did, not), stemmed with the
//! English Snowball stemmer and kept in a per-thread cache, so that a
//! class's answers, which use the same few hundred words again and again,
//! fold and stem each word once. Short ASCII words (most of them) are
//! looked up by their bytes packed into a number, with no string hashing.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

/// One word as the text means it: its folded form, its stem and what it
/// does to the words around it. Every token of the same written word read
/// on one thread shares one copy (see [`crate::text::Token::word`]).
#[derive(Debug)]
pub struct Word {
    norm: Box<str>,
    stem: Box<str>,
    key: u64,
    opens_clause: bool,
    negator: bool,
    number: WordNumber,
}

/// Words are the same word when they read the same, whenever they were read.
impl PartialEq for Word {
    fn eq(&self, other: &Word) -> bool {
        self.norm == other.norm && self.stem == other.stem
    }
}

impl Eq for Word {}

/// A word's number on the thread that read it, so that what is learnt
/// about a word can be kept in a table indexed by it (see [`Word::number`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordNumber {
    /// Which run of the thread's word cache read the word: the cache starts
    /// afresh when it grows too large, and numbering starts again with it.
    pub run: u32,
    /// The word's place among the words read in that run, from 0.
    pub index: u32,
}

impl Word {
    /// The folded word ("lenin" for "Lenin’s", "not" for the "n't" of "didn't").
    pub fn norm(&self) -> &str {
        &self.norm
    }

    /// Its English Snowball stem.
    pub fn stem(&self) -> &str {
        &self.stem
    }

    /// [`stem_key`] of the stem.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// Whether the word negates what follows it ([`is_negator`]).
    pub fn negator(&self) -> bool {
        self.negator
    }

    /// Whether it opens a clause, so that a negation before it does not
    /// reach past it ("but", "because", "which"…).
    pub fn opens_clause(&self) -> bool {
        self.opens_clause
    }

    /// Its number on this thread: distinct words read on one thread have
    /// distinct numbers, and each run of the word cache numbers its words
    /// densely from 0.
    pub fn number(&self) -> WordNumber {
        self.number
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// A 64-bit key for a stem, so stems can be compared without comparing
/// strings (distinct stems colliding is vanishingly unlikely).
pub fn stem_key(stem: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(stem)
}

/// The English Snowball stem of a folded word; numbers are their own stem.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        word.to_string()
    } else {
        stemmer().stem(word).into_owned()
    }
}

/// The words a written word stands for.
pub(super) type Reading = Box<[Rc<Word>]>;

/// The per-thread word cache: folded written words and their readings.
#[derive(Default)]
pub(super) struct WordCache {
    /// The run of the cache (see [`WordNumber::run`]).
    run: u32,
    /// Words read in this run.
    read: u32,
    /// Words of at most 16 ASCII letters and digits (most words), keyed by
    /// their folded bytes packed into a number ([`short_key`]), so looking
    /// one up needs no string hashing or comparison.
    pub(super) short: FxHashMap<u128, Reading>,
    /// All other words, by their folded form.
    pub(super) long: FxHashMap<Box<str>, Reading>,
}

impl WordCache {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Starts afresh, with a new run of word numbers.
    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.run = self.run.wrapping_add(1);
        self.read = 0;
    }

    /// Reads a written word (already folded) into the words it stands for,
    /// numbering them, and keeps the reading under `key`.
    #[cold]
    pub(super) fn read<K: std::hash::Hash + Eq + 'static>(
        &mut self,
        folded: &str,
        key: K,
        table: impl Fn(&mut WordCache) -> &mut FxHashMap<K, Reading>,
    ) -> &Reading {
        if self.len() >= WORD_CACHE_LIMIT {
            self.clear();
        }
        let reading: Reading = expand(folded)
            .into_iter()
            .filter(|w| !w.is_empty())
            .map(|w| {
                let s = stem(&w);
                let number = WordNumber {
                    run: self.run,
                    index: self.read,
                };
                self.read += 1;
                Rc::new(Word {
                    key: stem_key(&s),
                    opens_clause: opens_clause(&w),
                    negator: is_negator(&w),
                    norm: w.into_boxed_str(),
                    stem: s.into_boxed_str(),
                    number,
                })
            })
            .collect();
        table(self).entry(key).or_insert(reading)
    }
}

/// The longest word kept in [`WordCache::short`].
pub(super) const SHORT: usize = 16;

/// For each length up to [`SHORT`], the mask of that many low bytes.
static SHORT_MASKS: [u128; SHORT + 1] = {
    let mut m = [0u128; SHORT + 1];
    let mut len = 1;
    while len <= SHORT {
        m[len] = u128::MAX >> (128 - 8 * len);
        len += 1;
    }
    m
};

/// The key of a word of `len` (1 to [`SHORT`]) ASCII letters and digits
/// whose bytes are the low bytes of `raw`: its bytes in lower case, zero
/// above. Zero bytes never occur in a word, so words of different lengths
/// never share a key.
pub(super) fn short_key(raw: u128, len: usize) -> u128 {
    // Setting bit 5 lowers an ASCII letter and leaves a digit as it is.
    (raw | 0x2020_2020_2020_2020_2020_2020_2020_2020) & SHORT_MASKS[len]
}

/// Entries the per-thread word cache holds before it starts afresh.
const WORD_CACHE_LIMIT: usize = 100_000;

thread_local! {
    /// Written words already read on this thread: their folded forms and
    /// stems. Students' vocabulary is small and repetitive, and folding and
    /// Snowball stemming are the costliest steps of reading an answer, so
    /// marking many answers reuses them.
    pub(super) static WORDS: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Empties this thread's word cache (for benchmarks of a cold start).
pub fn clear_word_cache() {
    WORDS.with(|cache| cache.borrow_mut().clear());
}

/// Words that negate what follows them in the same clause.
pub fn is_negator(norm: &str) -> bool {
    matches!(
        norm,
        "not" | "no" | "never" | "nor" | "neither" | "none" | "nobody" | "nothing" | "without"
    )
}

/// Words that open a new clause: a negation before them does not reach
/// past them.
fn opens_clause(norm: &str) -> bool {
    matches!(
        norm,
        "but"
            | "while"
            | "whilst"
            | "whereas"
            | "although"
            | "though"
            | "however"
            | "yet"
            | "because"
            | "so"
            | "which"
            | "who"
            | "therefore"
            | "meanwhile"
            | "instead"
    )
}

/// Contractions written without the apostrophe, read as word + "not".
fn bare_contraction(word: &str) -> Option<&'static str> {
    Some(match word {
        "didnt" => "did",
        "doesnt" => "does",
        "dont" => "do",
        "wasnt" => "was",
        "werent" => "were",
        "isnt" => "is",
        "arent" => "are",
        "couldnt" => "could",
        "wouldnt" => "would",
        "shouldnt" => "should",
        "hadnt" => "had",
        "hasnt" => "has",
        "havent" => "have",
        "wont" => "will",
        "cant" | "cannot" => "can",
        _ => return None,
    })
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{2032}')
}

/// Splits a folded word into the words it stands for: "didn't" → did, not;
/// "lenin's" → lenin; "they're" → they.
pub fn expand(folded: &str) -> Vec<String> {
    if let Some(base) = folded.strip_suffix("n't") {
        let base = match base {
            "ca" | "can" => "can",
            "wo" => "will",
            "sha" => "shall",
            b => b,
        };
        return vec![base.to_string(), "not".to_string()];
    }
    if let Some(pos) = folded.find('\'') {
        let (head, tail) = (&folded[..pos], &folded[pos + 1..]);
        // "that's why", "it's", "he's": after a pronoun, 's is "is".
        if tail == "s"
            && matches!(
                head,
                "that" | "it" | "he" | "she" | "there" | "what" | "who" | "here" | "where" | "this"
            )
        {
            return vec![head.to_string(), "is".to_string()];
        }
        return if matches!(tail, "s" | "d" | "ll" | "re" | "ve" | "m") {
            vec![head.to_string()]
        } else {
            vec![folded.replace('\'', "")]
        };
    }
    if let Some(base) = bare_contraction(folded) {
        return vec![base.to_string(), "not".to_string()];
    }
    vec![folded.to_string()]
}
