//! Text handling shared by decks, rubrics and answers: Unicode
//! normalisation, question folding, tokens that keep their byte offsets in
//! the original text, sentence and clause boundaries, negation words and
//! English Snowball stems; how common English words are ([`english`]);
//! which words say the opposite of which ([`opposites`]);
//! and text made safe to show at a terminal ([`visible`]).

pub mod english;
mod function_words;
mod normalize;
pub mod opposites;
mod tokens;
mod visible;
mod words;

pub use function_words::is_function_word;
pub use normalize::{fold_question, fold_word, fold_word_into, normalize};
pub use tokens::{Sentence, Token, Tokens, count_words, tokenize};
pub use visible::{visible, visible_line};
pub use words::{Word, WordNumber, clear_word_cache, expand, is_negator, stem, stem_key, year};

/// How far back a negator reaches, in words ("was not the General
/// Secretary"; "was never made public").
pub const NEGATION_REACH: usize = 3;

/// The most words an answer may have to be marked: far beyond any exam
/// answer (a few hundred words). Words are counted as the marker reads
/// them ([`count_words`]: "a,b,c" is three), and marking grows about
/// linearly with them, so an answer at the limit, however it is written,
/// marks in milliseconds (`cargo bench --bench adversarial`).
pub const MAX_ANSWER_WORDS: usize = 20_000;

/// The answer's word count when it is over [`MAX_ANSWER_WORDS`] (counted
/// only as far as needed), else `None`.
pub fn too_many_words(answer: &str) -> Option<usize> {
    // Words are a byte at least and apart by one at least, so a text of
    // fewer than 2n + 1 bytes has fewer than n + 1 words: nearly every
    // answer is settled without counting.
    if answer.len() <= 2 * MAX_ANSWER_WORDS {
        return None;
    }
    if count_words(answer, MAX_ANSWER_WORDS) <= MAX_ANSWER_WORDS {
        return None;
    }
    Some(count_words(answer, usize::MAX))
}

/// What to tell the user about an answer of `words` words.
pub fn too_many_words_message(words: usize) -> String {
    format!(
        "{words} words; selfmark marks answers of up to {MAX_ANSWER_WORDS} words (an exam answer \
         is a few hundred)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_limit_counts_only_what_it_must() {
        assert_eq!(too_many_words("a few words"), None);
        let just_fits = "a ".repeat(MAX_ANSWER_WORDS);
        assert_eq!(too_many_words(just_fits.trim_end()), None);
        let one_over = "a ".repeat(MAX_ANSWER_WORDS + 1);
        assert_eq!(
            too_many_words(one_over.trim_end()),
            Some(MAX_ANSWER_WORDS + 1),
            "the shortest text over the limit"
        );
        let long = "word ".repeat(MAX_ANSWER_WORDS + 5);
        assert_eq!(too_many_words(&long), Some(MAX_ANSWER_WORDS + 5));
        let commas = "word,".repeat(MAX_ANSWER_WORDS + 5);
        assert_eq!(
            too_many_words(&commas),
            Some(MAX_ANSWER_WORDS + 5),
            "words joined by commas count as the marker reads them"
        );
        assert_eq!(too_many_words(&"w ".repeat(MAX_ANSWER_WORDS)), None);
    }
}
