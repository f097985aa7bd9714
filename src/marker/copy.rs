//! Words copied from the question. Copying or rephrasing the question earns
//! nothing, so a run of the answer's words that repeats four or more of the
//! question's words in order (by stem, allowing one changed word, as in
//! "Trotsky lost the leadership struggle") can't be the evidence for a point.

use super::find::Span;
use crate::rubric::compile::CompiledCard;
use crate::text::Token;
use smallvec::SmallVec;

/// The shortest run of question words that counts as copying.
const MIN_RUN: usize = 4;

/// A one-word Bloom filter of a question's stem keys.
fn bloom(question_stems: &[u64]) -> u64 {
    question_stems.iter().fold(0u64, |b, k| b | (1 << (k % 64)))
}

/// Whether stem key `key` may be one of the question's (by its filter).
fn may_be_in(bloom: u64, key: u64) -> bool {
    bloom & (1 << (key % 64)) != 0
}

/// Whether every one of `tokens` (indices into `keys`) may be copied from
/// a question with filter `bloom`: a copied token is a question word, or a
/// run's one changed word, which has question words either side of it.
/// When not, the tokens are plainly not all copied.
fn may_all_be_copied(bloom: u64, keys: &[u64], tokens: &[u32]) -> bool {
    let may = |t: usize| keys.get(t).is_some_and(|&k| may_be_in(bloom, k));
    tokens.iter().all(|&t| {
        let t = t as usize;
        may(t) || (t > 0 && may(t - 1) && may(t + 1))
    })
}

/// Which of an answer's words are copied from a card's question, worked
/// out for one card at a time, and only once a match could be wholly
/// copied: most matches hold a word the question plainly lacks.
pub struct Copies<'a> {
    cards: &'a [CompiledCard],
    tokens: &'a [Token],
    /// Each token's stem key, once needed.
    keys: Vec<u64>,
    /// Each card's question filter ([`bloom`]).
    blooms: SmallVec<[u64; 8]>,
    /// Which tokens are copied from the question of card `copied_for`.
    copied: Vec<bool>,
    copied_for: Option<usize>,
}

impl<'a> Copies<'a> {
    /// Starts on an answer's `tokens`, for the questions of `cards`.
    pub fn new(cards: &'a [CompiledCard], tokens: &'a [Token]) -> Copies<'a> {
        Copies {
            cards,
            tokens,
            keys: Vec::new(),
            blooms: cards.iter().map(|c| bloom(&c.question_seq)).collect(),
            copied: Vec::new(),
            copied_for: None,
        }
    }

    /// For each token, whether it is copied from card `card`'s question.
    pub fn copied(&mut self, card: usize) -> &[bool] {
        if self.copied_for != Some(card) {
            self.keys();
            copied_tokens(&self.cards[card].question_seq, &self.keys, &mut self.copied);
            self.copied_for = Some(card);
        }
        &self.copied
    }

    /// Whether every token of a match is copied from card `card`'s
    /// question.
    pub fn wholly_copied(&mut self, card: usize, s: &Span) -> bool {
        self.keys();
        may_all_be_copied(self.blooms[card], &self.keys, &s.tokens)
            && wholly_copied(s, self.copied(card))
    }

    /// Works out each token's stem key, once.
    fn keys(&mut self) {
        if self.keys.len() != self.tokens.len() {
            self.keys.clear();
            self.keys.extend(self.tokens.iter().map(Token::key));
        }
    }
}

/// Whether every token of a match is copied (`copied` says which tokens
/// are).
pub fn wholly_copied(s: &Span, copied: &[bool]) -> bool {
    s.tokens.iter().all(|&t| copied[t as usize])
}

/// Sets `copied` to say, for each token of the answer (given by its stem
/// key, [`Token::key`]), whether it is part of a copied run.
pub fn copied_tokens(question_stems: &[u64], keys: &[u64], copied: &mut Vec<bool>) {
    copied.clear();
    copied.resize(keys.len(), false);
    if question_stems.len() < MIN_RUN {
        return;
    }
    // A one-word Bloom filter of the question's stems rules out most
    // tokens with a single test.
    let bloom = bloom(question_stems);
    let mut maybe: SmallVec<[u32; 64]> = SmallVec::new();
    for (i, &key) in keys.iter().enumerate() {
        if may_be_in(bloom, key) {
            maybe.push(i as u32);
        }
    }
    // A run repeats MIN_RUN question words within its first MIN_RUN + 1
    // words (one may be changed), so it starts on a token with MIN_RUN - 1
    // more that the filter passes close behind it.
    for (k, &start) in maybe.iter().enumerate() {
        if maybe
            .get(k + MIN_RUN - 1)
            .is_none_or(|&t| t > start + MIN_RUN as u32)
        {
            continue;
        }
        let i = start as usize;
        for j in 0..question_stems.len() {
            // A run starts on the same word.
            if question_stems[j] != keys[i] {
                continue;
            }
            let (mut same, mut changed, mut len) = (0, 0, 0);
            for (t, q) in keys[i..].iter().zip(&question_stems[j..]) {
                if t == q {
                    same += 1;
                    len = same + changed;
                } else if same == 0 || changed == 1 {
                    break;
                } else {
                    changed += 1;
                }
            }
            if same >= MIN_RUN {
                copied[i..i + len].iter_mut().for_each(|c| *c = true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bloom, copied_tokens, may_all_be_copied};

    fn copied(question: &[u64], answer: &[u64]) -> Vec<bool> {
        let mut out = vec![true; 3];
        copied_tokens(question, answer, &mut out);
        out
    }

    #[test]
    fn a_run_of_four_question_words_is_copied() {
        let q = [1, 2, 3, 4, 5];
        assert_eq!(
            copied(&q, &[9, 2, 3, 4, 5, 9]),
            [false, true, true, true, true, false]
        );
        assert_eq!(copied(&q, &[9, 2, 3, 4, 9]), [false; 5]);
    }

    #[test]
    fn one_changed_word_is_allowed() {
        let q = [1, 2, 3, 4, 5];
        assert_eq!(copied(&q, &[1, 2, 7, 4, 5]), [true; 5]);
        assert_eq!(copied(&q, &[1, 2, 7, 7, 5]), [false; 5]);
    }

    #[test]
    fn runs_are_found_among_other_question_words() {
        let q = [1, 2, 3, 4, 5, 6];
        assert_eq!(
            copied(&q, &[6, 1, 6, 2, 3, 4, 6, 6, 1]),
            [false, false, false, true, true, true, true, true, false]
        );
        assert_eq!(copied(&q, &[1, 9, 3, 4, 5]), [true; 5]);
    }

    #[test]
    fn a_short_question_copies_nothing() {
        assert_eq!(copied(&[1, 2, 3], &[1, 2, 3]), [false; 3]);
    }

    #[test]
    fn every_copied_token_may_be_copied() {
        let q = [1, 2, 3, 4, 5, 6];
        let answers: [&[u64]; 4] = [
            &[6, 1, 6, 2, 3, 4, 6, 6, 1],
            &[1, 2, 7, 4, 5],
            &[9, 1, 2, 3, 10, 5, 6, 20],
            &[10, 20, 30],
        ];
        for answer in answers {
            let copied = copied(&q, answer);
            for (t, &c) in copied.iter().enumerate() {
                if c {
                    assert!(may_all_be_copied(bloom(&q), answer, &[t as u32]));
                }
            }
        }
        // A changed word between question words may be copied; words the
        // question lacks, with no question word either side, may not.
        assert!(may_all_be_copied(bloom(&q), &[1, 10, 2], &[1]));
        assert!(!may_all_be_copied(bloom(&q), &[10, 20, 30], &[0, 1]));
    }
}
