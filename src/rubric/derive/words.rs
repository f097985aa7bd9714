//! What a drafted rubric knows about English words: how common each is (a
//! word-frequency list shipped inside the binary, see
//! `scripts/make-word-frequencies.py` for its source), so rare, informative
//! words outweigh common ones, and which words carry no content at all.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const LIST: &str = include_str!("word-frequencies.txt");

/// The Zipf frequency given to words missing from the list: rarer than
/// anything in it (the list stops near 2.9).
pub const UNLISTED_ZIPF: f64 = 2.0;

/// The listed words with their Zipf frequency × 100, most frequent first.
fn entries() -> &'static [(&'static str, u16)] {
    static ENTRIES: OnceLock<Vec<(&'static str, u16)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once(' ')?;
                Some((w, z.parse().ok()?))
            })
            .collect()
    })
}

/// The listed words that begin with `word`'s first four letters, with their
/// Zipf frequency, most frequent first (empty for shorter words).
pub fn sharing_prefix(word: &str) -> impl Iterator<Item = (&'static str, f64)> {
    static BY_PREFIX: OnceLock<FxHashMap<&'static str, Vec<u32>>> = OnceLock::new();
    let index = BY_PREFIX.get_or_init(|| {
        let mut m: FxHashMap<&'static str, Vec<u32>> = FxHashMap::default();
        for (i, (w, _)) in entries().iter().enumerate() {
            if let Some(p) = w.get(..4) {
                m.entry(p).or_default().push(i as u32);
            }
        }
        m
    });
    word.get(..4)
        .and_then(|p| index.get(p))
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&i| {
            let (w, z) = entries()[i as usize];
            (w, f64::from(z) / 100.0)
        })
}

/// A word's Zipf frequency: log10 of its occurrences per billion words
/// ("the" ≈ 7.7, "memory" ≈ 4.8, "reusability" ≈ 2.1).
pub fn zipf(word: &str) -> f64 {
    static INDEX: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let index = INDEX.get_or_init(|| entries().iter().copied().collect());
    index
        .get(word)
        .map_or(UNLISTED_ZIPF, |&z| f64::from(z) / 100.0)
}

/// How informative a word is: rare words weigh up to 5, the commonest
/// content words 0.5.
pub fn weight(word: &str) -> f64 {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    if let Some((head, tail)) = word.split_once(' ')
        && digits(head)
        && digits(tail)
    {
        // A figure kept whole ("6 600" for "6,600") is as specific as a
        // rare name.
        return 4.5;
    }
    if digits(word) {
        // Numbers (dates, phases, counts) are specific.
        return 3.0;
    }
    (7.0 - zipf(word)).clamp(0.5, 5.0)
}

/// Function words: they say nothing by themselves, so never key terms.
pub fn is_stop_word(word: &str) -> bool {
    word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit())
        || STOP.binary_search(&word).is_ok()
}

/// Closed-class English words and the commonest verbs of being and doing,
/// sorted for binary search.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "ie",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "let",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "quite",
    "rather",
    "really",
    "same",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "something",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_is_sorted_for_binary_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]), "STOP is not sorted");
    }

    #[test]
    fn rare_words_outweigh_common_ones() {
        assert!(zipf("the") > 7.0);
        assert!(weight("reusability") > weight("memory"));
        assert!(weight("memory") > weight("people"));
        assert_eq!(zipf("zzzqqq"), UNLISTED_ZIPF);
        assert_eq!(weight("1917"), 3.0);
        assert!(is_stop_word("the") && is_stop_word("x") && !is_stop_word("memory"));
        assert!(!is_stop_word("5"));
        let forms: Vec<&str> = sharing_prefix("judicial").map(|(w, _)| w).collect();
        assert!(
            forms.contains(&"judiciary") && forms.contains(&"judicial"),
            "{forms:?}"
        );
        assert_eq!(sharing_prefix("tax").count(), 0);
    }
}
