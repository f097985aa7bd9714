//! Words that say the opposite of a word ("high" and "low", "protect" and
//! "terrorise"), by stem: WordNet 3.0's antonyms and a few pairs of our
//! own, written into `opposites.txt` by `scripts/make-opposites.py`
//! (WordNet 3.0 licence, reproduced in `opposites-LICENCE.txt`). An answer
//! that says the opposite of a point's model sentence reverses the point
//! rather than making it.

use super::{stem, stem_key};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The table as `scripts/make-opposites.py` writes it: a word and its
/// opposites a line, after a comment line.
const TABLE: &str = include_str!("opposites.txt");

/// Each stem key's opposites' stem keys, read once.
fn table() -> &'static FxHashMap<u64, Vec<u64>> {
    static TABLE_KEYS: OnceLock<FxHashMap<u64, Vec<u64>>> = OnceLock::new();
    TABLE_KEYS.get_or_init(|| {
        let mut map: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split(' ').map(|w| stem_key(&stem(w)));
            let Some(word) = words.next() else { continue };
            let entry = map.entry(word).or_default();
            // Two words of one stem ("found" of "find") are never
            // opposites.
            entry.extend(words.filter(|&o| o != word));
            entry.sort_unstable();
            entry.dedup();
        }
        map
    })
}

/// The stem keys of the words that say the opposite of the word of stem
/// key `key` ([`crate::text::Token::key`]); empty for most words.
pub fn opposites(key: u64) -> &'static [u64] {
    table().get(&key).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> u64 {
        stem_key(&stem(word))
    }

    fn opposed(a: &str, b: &str) -> bool {
        opposites(key(a)).contains(&key(b))
    }

    #[test]
    fn antonyms_and_added_pairs_are_opposites_both_ways_and_in_any_form() {
        for (a, b) in [
            ("high", "low"),
            ("thick", "thinner"),
            ("increased", "decrease"),
            ("protected", "terrorised"),
            ("supported", "opposed"),
            ("hidden", "published"),
            ("accept", "rejected"),
        ] {
            assert!(opposed(a, b), "{a} / {b}");
            assert!(opposed(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn synonyms_common_words_and_a_word_itself_are_not() {
        for (a, b) in [
            ("afraid", "scared"),
            ("high", "high"),
            ("the", "a"),
            ("stalin", "trotsky"),
            ("increase", "rise"),
        ] {
            assert!(!opposed(a, b), "{a} / {b}");
        }
        assert!(opposites(key("reparations")).is_empty());
    }
}
