//! What a drafted rubric knows about English words: how common each is
//! ([`crate::text::english`]), so rare, informative words outweigh common
//! ones, and which words carry no content at all.

pub use crate::text::english::{UNLISTED_ZIPF, zipf};

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
    }
}
