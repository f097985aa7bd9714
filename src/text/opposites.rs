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
/// opposites a line, after a comment line. It lists the common written
/// forms of its words ("protected", "terrorised"), so a word is looked up
/// as written, and only its opposites are stemmed.
const TABLE: &str = include_str!("opposites.txt");

/// Regular endings, and what replaces each, tried in turn on a word the
/// table lacks.
const ENDINGS: [(&str, &str); 7] = [
    ("d", ""),
    ("ed", ""),
    ("s", ""),
    ("es", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ied", "y"),
];

/// Each written word's opposites, as the rest of its line, read once
/// (without stemming: a lookup table of a few thousand slices, built in
/// well under a millisecond).
fn table() -> &'static FxHashMap<&'static str, &'static str> {
    static LINES: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    LINES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect()
    })
}

/// The stem keys of the words that say the opposite of the folded word
/// `word` (`"high"`: those of "low", "lower"…), none its own stem ("found"
/// of "find" is never its opposite); empty for most words.
pub fn opposites(word: &str) -> Vec<u64> {
    let own = stem_key(&stem(word));
    let Some(line) = table().get(word).or_else(|| {
        // A form the table lacks, by a regular ending taken off: "terrorised"
        // as "terrorise" (the same stem, so the same word).
        ENDINGS.iter().find_map(|&(ending, put)| {
            let base = [word.strip_suffix(ending)?, put].concat();
            let line = table().get(base.as_str())?;
            (stem_key(&stem(&base)) == own).then_some(line)
        })
    }) else {
        return Vec::new();
    };
    let mut keys: Vec<u64> = line
        .split(' ')
        .map(|w| stem_key(&stem(w)))
        .filter(|&k| k != own)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> u64 {
        stem_key(&stem(word))
    }

    fn opposed(a: &str, b: &str) -> bool {
        opposites(a).contains(&key(b))
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
        assert!(opposites("reparations").is_empty());
    }
}
