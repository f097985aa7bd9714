//! How common English words are, from a word-frequency list shipped inside
//! the binary (the 30,000 commonest words of the `wordfreq` package's
//! English data, CC-BY-SA 4.0; `scripts/make-word-frequencies.py` writes
//! it). Drafting a rubric weighs key words by it (rare words inform, common
//! ones need company), and the marker asks it whether an answer's word is a
//! real word, which is then taken as spelled as meant rather than as a typo
//! of another ([`is_common_word`]).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const LIST: &str = include_str!("word-frequencies.txt");

/// The Zipf frequency given to words missing from the list: rarer than
/// anything in it (the list stops near 2.96).
pub const UNLISTED_ZIPF: f64 = 2.0;

/// The Zipf frequency, × 100, from which a word is common enough to be
/// taken as spelled as meant ([`is_common_word`]): once per million words
/// of English, which is all of the list but its last few hundred words
/// (2.96–2.99).
///
/// Chosen from the list and from what typo tolerance did before: of the
/// answer words that matched a different rubric word by typo, over the
/// built-in rubric's marked sets and examples, the public datasets and the
/// new-topic dev decks, those listed at 3.0 or more were other words
/// ("reparations" read as "relations", "executions" as "elections",
/// "punished" as "published", "back" as "banks") or other forms of the
/// rubric word ("communist" for "communism"), which a rubric lists as
/// forms, not as typos. Real misspellings on the list sit below it
/// ("untill" 2.97, "thier" 2.99) or match no rubric word ("alot" 3.93).
pub const COMMON_ZIPF_X100: u16 = 300;

/// The listed words with their Zipf frequency × 100, most frequent first.
pub fn listed() -> &'static [(&'static str, u16)] {
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

/// Each listed word's Zipf frequency × 100.
fn index() -> &'static FxHashMap<&'static str, u16> {
    static INDEX: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    INDEX.get_or_init(|| listed().iter().copied().collect())
}

/// A word's Zipf frequency: log10 of its occurrences per billion words
/// ("the" ≈ 7.7, "memory" ≈ 4.8, "reusability" ≈ 2.1), or
/// [`UNLISTED_ZIPF`] for a word not on the list.
pub fn zipf(word: &str) -> f64 {
    index()
        .get(word)
        .map_or(UNLISTED_ZIPF, |&z| f64::from(z) / 100.0)
}

/// Whether a folded word is a real English word common enough
/// ([`COMMON_ZIPF_X100`]) that a student who wrote it meant it: "back",
/// "like", "defending", but not "secetary", "propoganda" or a name the
/// list lacks ("trotsky", "zinoviev"). One hash lookup.
pub fn is_common_word(word: &str) -> bool {
    index().get(word).is_some_and(|&z| z >= COMMON_ZIPF_X100)
}

/// A folded word in one spelling of English, so that British and American
/// spellings of a word are one ("organised" and "organized", "behaviour"
/// and "behavior", "defence" and "defense", "centre" and "center",
/// "judgement" and "judgment", "travelled" and "traveled", "programme" and
/// "program"): a real word in the other spelling is still the word meant.
/// Only these regular patterns are folded, each only where it is a
/// spelling difference and not another word ("four" keeps its "our",
/// "filled" its double l).
pub fn one_spelling(word: &str) -> String {
    let mut w = word.to_string();
    // -ize/-ise, -ization/-isation, -yze/-yse: the z is the s.
    for (from, to) in [("iz", "is"), ("yz", "ys")] {
        w = w.replace(from, to);
    }
    // -our/-or after three letters or more (colour, behaviour, labour;
    // not four, hour, your, tour).
    if let Some(at) = w.find("our")
        && at >= 3
        && !w[at + 3..].starts_with('c')
    {
        w.replace_range(at..at + 3, "or");
    }
    // -tre/-ter at the end or before a plural (centre, metres).
    for end in ["tre", "tres"] {
        if w.len() >= end.len() + 2 && w.ends_with(end) {
            let at = w.len() - end.len();
            w.replace_range(at..at + 3, "ter");
            break;
        }
    }
    // -ence/-ense (defence, offence, licence).
    if let Some(stem) = w.strip_suffix("ence").filter(|s| s.len() >= 3) {
        w = format!("{stem}ense");
    } else if let Some(stem) = w.strip_suffix("ences").filter(|s| s.len() >= 3) {
        w = format!("{stem}enses");
    }
    // -gement/-gment (judgement, acknowledgement).
    w = w.replace("gement", "gment");
    // A doubled l after e before an ending (travelled, modelling,
    // traveller; not filled and filed), and before -ment (enrollment).
    for (from, to) in [
        ("elled", "eled"),
        ("elling", "eling"),
        ("eller", "eler"),
        ("llment", "lment"),
    ] {
        w = w.replace(from, to);
    }
    // -amme/-am (programme, kilogramme).
    if let Some(stem) = w.strip_suffix("ammes") {
        w = format!("{stem}ams");
    } else if let Some(stem) = w.strip_suffix("amme") {
        w = format!("{stem}am");
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_knows_how_common_words_are() {
        assert!(zipf("the") > 7.0);
        assert!(zipf("memory") > zipf("reusability"));
        assert_eq!(zipf("zzzqqq"), UNLISTED_ZIPF);
        let last = listed().last().unwrap().1;
        assert!(
            (290..COMMON_ZIPF_X100).contains(&last),
            "the list ends just under the common threshold: {last}"
        );
    }

    #[test]
    fn real_words_are_common_and_misspellings_and_rare_names_are_not() {
        for w in ["back", "banks", "like", "lived", "defending", "defensive"] {
            assert!(is_common_word(w), "{w}");
        }
        for w in [
            "secetary",
            "propoganda",
            "trotksy",
            "zinovev",
            "trotsky",
            "untill",
            "thier",
        ] {
            assert!(!is_common_word(w), "{w}");
        }
    }

    #[test]
    fn british_and_american_spellings_are_one() {
        for (a, b) in [
            ("organised", "organized"),
            ("organisation", "organization"),
            ("criticised", "criticized"),
            ("paralysed", "paralyzed"),
            ("behaviour", "behavior"),
            ("neighbours", "neighbors"),
            ("labour", "labor"),
            ("defence", "defense"),
            ("offences", "offenses"),
            ("centre", "center"),
            ("metres", "meters"),
            ("judgement", "judgment"),
            ("travelled", "traveled"),
            ("enrollment", "enrolment"),
            ("programme", "program"),
            ("programmes", "programs"),
        ] {
            assert_eq!(one_spelling(a), one_spelling(b), "{a} {b}");
        }
        for (a, b) in [
            ("four", "for"),
            ("hour", "hor"),
            ("dose", "doze"),
            ("banks", "back"),
            ("filled", "filed"),
            ("science", "sense"),
        ] {
            assert_ne!(one_spelling(a), one_spelling(b), "{a} {b}");
        }
    }
}
