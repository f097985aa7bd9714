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

/// Whether a word is an adverb of manner or degree made from a listed
/// word ("partly", "vaguely", "reasonably", "openly", "economically"):
/// it says how, not what, so it never keys a point on its own.
pub fn is_ly_adverb(word: &str) -> bool {
    let Some(stripped) = word.strip_suffix("ly") else {
        return false;
    };
    if stripped.chars().count() < 4 {
        return false;
    }
    let listed = |w: &str| zipf(w) > UNLISTED_ZIPF;
    let mut bases = vec![stripped.to_string()];
    if let Some(s) = stripped.strip_suffix('i') {
        bases.push(format!("{s}y"));
    }
    if word.ends_with("ably") || word.ends_with("ibly") {
        bases.push(format!("{}le", &word[..word.len() - 2]));
    }
    if let Some(s) = stripped.strip_suffix("al") {
        bases.push(s.to_string());
    }
    bases.iter().any(|b| b.chars().count() >= 4 && listed(b))
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

    #[test]
    fn adverbs_made_from_words_are_told_apart_from_words_ending_in_ly() {
        for w in [
            "partly",
            "vaguely",
            "reasonably",
            "openly",
            "economically",
            "happily",
            "secretly",
        ] {
            assert!(is_ly_adverb(w), "{w}");
        }
        for w in [
            "italy", "family", "assembly", "supply", "rally", "ally", "reply", "only",
        ] {
            assert!(!is_ly_adverb(w), "{w}");
        }
    }
}
