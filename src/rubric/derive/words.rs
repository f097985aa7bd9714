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
        let forms: Vec<&str> = sharing_prefix("judicial").map(|(w, _)| w).collect();
        assert!(
            forms.contains(&"judiciary") && forms.contains(&"judicial"),
            "{forms:?}"
        );
        assert_eq!(sharing_prefix("tax").count(), 0);
    }
}
