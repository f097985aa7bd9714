//! Text handling shared by decks, rubrics and answers: Unicode
//! normalisation, question folding, tokens that keep their byte offsets in
//! the original text, sentence and clause boundaries, negation words and
//! English Snowball stems.

mod normalize;
mod tokens;

pub use normalize::{fold_question, fold_word, normalize};
pub use tokens::{
    Sentence, Token, Tokens, clear_word_cache, expand, is_negator, stem, stem_key, tokenize,
};
