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
    function: bool,
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

    /// Whether it is a function word ([`super::is_function_word`]).
    pub fn function(&self) -> bool {
        self.function
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

/// The words a written word stands for: a range of [`WordCache::words`]
/// (words read together are numbered, and so kept, one after another).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Reading {
    start: u32,
    len: u32,
}

/// The per-thread word cache: folded written words and their readings.
#[derive(Default)]
pub(super) struct WordCache {
    /// The run of the cache (see [`WordNumber::run`]).
    run: u32,
    /// Words read in this run, by their number ([`WordNumber::index`]).
    words: Vec<Rc<Word>>,
    /// Words of at most [`SHORT`] ASCII bytes once folded (most words),
    /// keyed by those bytes packed into a number ([`short_key`]), so
    /// looking one up needs no string hashing or comparison.
    pub(super) short: ShortTable,
    /// All other words, by their folded form.
    pub(super) long: FxHashMap<Box<str>, Reading>,
}

impl WordCache {
    fn len(&self) -> usize {
        self.short.len + self.long.len()
    }

    /// Starts afresh, with a new run of word numbers.
    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.words.clear();
        self.run = self.run.wrapping_add(1);
    }

    /// Called before reading a text: starts afresh if the cache has grown
    /// too large. Never clearing within a text keeps all the words of one
    /// text in one run (the cache may then pass its limit by one text's
    /// words).
    pub(super) fn start_text(&mut self) {
        if self.len() >= WORD_CACHE_LIMIT {
            self.clear();
        }
        if self.short.slots.is_empty() {
            self.short.grow();
        }
    }

    /// The words of `reading`.
    #[inline(always)]
    pub(super) fn words(&self, reading: Reading) -> &[Rc<Word>] {
        let start = reading.start as usize;
        &self.words[start..start + reading.len as usize]
    }

    /// Reads a written word (already folded) into the words it stands for,
    /// numbering them; the caller keeps the reading under the word's key.
    #[cold]
    pub(super) fn read(&mut self, folded: &str) -> Reading {
        let start = self.words.len() as u32;
        for w in expand(folded).into_iter().filter(|w| !w.is_empty()) {
            let s = stem(&w);
            let number = WordNumber {
                run: self.run,
                index: self.words.len() as u32,
            };
            self.words.push(Rc::new(Word {
                key: stem_key(&s),
                opens_clause: opens_clause(&w),
                negator: is_negator(&w),
                function: super::is_function_word(&w),
                norm: w.into_boxed_str(),
                stem: s.into_boxed_str(),
                number,
            }));
        }
        Reading {
            start,
            len: self.words.len() as u32 - start,
        }
    }

    /// The reading of the short folded word keyed `key` (see
    /// [`short_key`]), of `len` bytes, read now if it is new.
    #[inline(always)]
    pub(super) fn short_reading(&mut self, key: u128, len: usize) -> Reading {
        let at = self.short_at(key, len);
        self.short.slots[at].reading
    }

    /// The words of the short folded word keyed `key` (see [`short_key`]),
    /// of `len` bytes, read now if it is new: a word read as one word is
    /// taken straight from its slot.
    #[inline(always)]
    pub(super) fn short_words(&mut self, key: u128, len: usize) -> &[Rc<Word>] {
        let at = self.short_at(key, len);
        let slot = &self.short.slots[at];
        match &slot.one {
            Some(word) => std::slice::from_ref(word),
            None => self.words(slot.reading),
        }
    }

    /// Where the short folded word keyed `key`, of `len` bytes, is kept in
    /// [`WordCache::short`], read now if it is new.
    #[inline(always)]
    fn short_at(&mut self, key: u128, len: usize) -> usize {
        match self.short.find(key) {
            Some(at) => at,
            None => self.read_short(key, len),
        }
    }

    /// Reads a short word not yet read and keeps it; returns its slot.
    #[cold]
    #[inline(never)]
    fn read_short(&mut self, key: u128, len: usize) -> usize {
        let bytes = key.to_le_bytes();
        let folded = String::from_utf8_lossy(&bytes[..len]).into_owned();
        let reading = self.read(&folded);
        let one = (reading.len == 1).then(|| Rc::clone(&self.words[reading.start as usize]));
        self.short.insert(Slot { key, reading, one })
    }

    /// The reading of a folded word of any length, read now if it is new.
    pub(super) fn long_reading(&mut self, folded: &str) -> Reading {
        if let Some(&reading) = self.long.get(folded) {
            return reading;
        }
        let reading = self.read(folded);
        self.long.insert(folded.into(), reading);
        reading
    }
}

/// A slot of [`ShortTable`].
#[derive(Debug, Clone, Default)]
pub(super) struct Slot {
    /// The word's [`short_key`]; 0 (no word has it) when the slot is empty.
    key: u128,
    reading: Reading,
    /// The word itself when the reading is one word (nearly always).
    one: Option<Rc<Word>>,
}

/// An open-addressing hash table from [`short_key`]s to readings: one
/// multiplication to hash, and usually one slot to look at.
#[derive(Default)]
pub(super) struct ShortTable {
    /// The length is a power of two, or 0 before the first insertion.
    slots: Vec<Slot>,
    /// Keys held.
    len: usize,
    /// 64 less the base-2 logarithm of `slots.len()`.
    shift: u32,
}

impl ShortTable {
    /// The slot where the search for `key` starts.
    #[inline(always)]
    fn home(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(23);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Where `key` is kept; the table must have slots (see
    /// [`WordCache::start_text`]).
    #[inline(always)]
    fn find(&self, key: u128) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let k = self.slots[at].key;
            if k == key {
                return Some(at);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Keeps `slot` (its key not yet held; never 0) and returns where.
    fn insert(&mut self, slot: Slot) -> usize {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(slot.key);
        while self.slots[at].key != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
        self.len += 1;
        at
    }

    /// Doubles the slots (1,024 at first) and puts the keys back.
    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.shift = 64 - size.trailing_zeros();
        self.len = 0;
        for slot in old {
            if slot.key != 0 {
                self.insert(slot);
            }
        }
    }

    /// Empties the table, keeping its slots.
    fn clear(&mut self) {
        self.slots.fill(Slot::default());
        self.len = 0;
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
/// never share a key, and no word has key 0. A folded word of ASCII bytes
/// has as its key its bytes as they are.
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

/// The year a folded word names: a four-digit number from 1000 to 2099
/// ("1923"), as dates in history answers are written.
pub fn year(norm: &str) -> Option<u16> {
    if norm.len() != 4 || !norm.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    norm.parse::<u16>()
        .ok()
        .filter(|y| (1000..=2099).contains(y))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of a short folded word.
    fn key_of(word: &str) -> u128 {
        let mut b = [0u8; SHORT];
        b[..word.len()].copy_from_slice(word.as_bytes());
        short_key(u128::from_le_bytes(b), word.len())
    }

    #[test]
    fn short_words_match_the_reading() {
        let mut cache = WordCache::default();
        cache.start_text();
        for word in ["war", "didn't", "war", "treaty", "didn't"] {
            let key = key_of(word);
            let reading = cache.short_reading(key, word.len());
            let expected: Vec<Rc<Word>> = cache.words(reading).to_vec();
            let got = cache.short_words(key, word.len());
            assert_eq!(got.len(), expected.len(), "{word}");
            assert!(got.iter().zip(&expected).all(|(a, b)| Rc::ptr_eq(a, b)));
        }
        let key = key_of("didn't");
        assert_eq!(cache.short_words(key, 6).len(), 2);
        assert_eq!(cache.short_words(key_of("war"), 3)[0].norm(), "war");
    }
}
