//! Words copied from the question. Copying or rephrasing the question earns
//! nothing, so a run of the answer's words that repeats four or more of the
//! question's words in order (by stem, allowing one changed word, as in
//! "Trotsky lost the leadership struggle") can't be the evidence for a point.

use smallvec::SmallVec;

/// The shortest run of question words that counts as copying.
const MIN_RUN: usize = 4;

/// Sets `copied` to say, for each token of the answer (given by its stem
/// key, [`crate::text::tokens::Token::key`]), whether it is part of a
/// copied run.
pub fn copied_tokens(question_stems: &[u64], keys: &[u64], copied: &mut Vec<bool>) {
    copied.clear();
    copied.resize(keys.len(), false);
    if question_stems.len() < MIN_RUN {
        return;
    }
    // A one-word Bloom filter of the question's stems rules out most
    // tokens with a single test.
    let bloom = question_stems.iter().fold(0u64, |b, k| b | (1 << (k % 64)));
    let mut maybe: SmallVec<[u32; 64]> = SmallVec::new();
    for (i, &key) in keys.iter().enumerate() {
        if bloom & (1 << (key % 64)) != 0 {
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
    use super::copied_tokens;

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
}
