//! Character-level normalisation: curly quotes and apostrophes become
//! straight, dashes become hyphens, compatibility forms are folded (NFKC),
//! accents are dropped for matching, and case is folded.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Maps typographic punctuation to its plain ASCII form.
fn plain_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        '\u{2026}' => '.',
        c => c,
    }
}

/// Normalises text for display and comparison: NFKC, plain quotes and
/// dashes. Idempotent: `normalize(normalize(s)) == normalize(s)`.
pub fn normalize(text: &str) -> String {
    text.nfkc()
        .map(plain_char)
        .collect::<String>()
        .nfkc()
        .collect()
}

/// Folds one word for matching: plain punctuation, no accents, lower case.
pub fn fold_word(word: &str) -> String {
    let mut out = String::new();
    fold_word_into(word, &mut out);
    out
}

/// [`fold_word`] into `out` (emptied first), so that a caller folding many
/// words can reuse one buffer. Words of ASCII and curly apostrophes (nearly
/// all of them) are folded a character at a time, with no decomposition.
pub fn fold_word_into(word: &str, out: &mut String) {
    out.clear();
    if word
        .chars()
        .all(|c| c.is_ascii() || matches!(c, '\u{2018}' | '\u{2019}'))
    {
        out.extend(word.chars().map(|c| plain_char(c).to_ascii_lowercase()));
    } else {
        out.extend(fold_decomposed(word));
    }
}

/// The general fold: decomposed (NFKD), accents dropped, punctuation
/// plain, lower case.
fn fold_decomposed(word: &str) -> impl Iterator<Item = char> + '_ {
    word.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(plain_char)
        .flat_map(char::to_lowercase)
}

/// Folds a question for lookup: case, punctuation and curly quotes are
/// ignored, and so are a leading "(b)" and a trailing `[6]`.
pub fn fold_question(question: &str) -> String {
    let (_, bare, _) = crate::deck::split_question(&normalize(question));
    let mut out = String::with_capacity(bare.len());
    let mut space = false;
    for c in fold_word(&bare).chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c != '\'' {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_fold_agrees_with_the_decomposed_fold() {
        for word in [
            "Stalin’s",
            "didn`t",
            "O‘Brien",
            "NKVD",
            "Zinóviev",
            "ＮＫＶＤ",
            "EU",
        ] {
            let mut out = String::new();
            fold_word_into(word, &mut out);
            assert_eq!(out, fold_decomposed(word).collect::<String>(), "{word}");
        }
    }

    #[test]
    fn folds_question_decorations_and_quotes() {
        assert_eq!(
            fold_question("(b) Why was there a struggle for power after Lenin\u{2019}s death? [6]"),
            "why was there a struggle for power after lenins death"
        );
        assert_eq!(
            fold_question("WHY was there a struggle for power after Lenin's death"),
            "why was there a struggle for power after lenins death"
        );
    }

    #[test]
    fn normalize_is_idempotent_on_typography() {
        let s = "Lenin\u{2019}s \u{201C}Testament\u{201D} \u{2014} ﬁne";
        let once = normalize(s);
        assert_eq!(once, "Lenin's \"Testament\" - fine");
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn fold_word_drops_accents_and_case() {
        assert_eq!(fold_word("Zinóviev"), "zinoviev");
        assert_eq!(fold_word("LENIN\u{2019}S"), "lenin's");
    }
}
