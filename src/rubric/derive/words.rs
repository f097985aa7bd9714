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
        || crate::text::is_function_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

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
