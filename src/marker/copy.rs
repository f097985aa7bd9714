//! Words copied from the question. Copying or rephrasing the question earns
//! nothing, so a run of the answer's words that repeats four or more of the
//! question's words in order (by stem, allowing one changed word, as in
//! "Trotsky lost the leadership struggle") can't be the evidence for a point.

use super::index::AnswerIndex;

/// The shortest run of question words that counts as copying.
const MIN_RUN: usize = 4;

/// For each token of the answer, whether it is part of a copied run.
pub fn copied_tokens(question_stems: &[u64], idx: &AnswerIndex) -> Vec<bool> {
    let toks = &idx.tokens.tokens;
    let mut copied = vec![false; toks.len()];
    if question_stems.len() < MIN_RUN {
        return copied;
    }
    // A one-word Bloom filter of the question's stems rules out most
    // tokens with a single test.
    let bloom = question_stems.iter().fold(0u64, |b, k| b | (1 << (k % 64)));
    for i in 0..toks.len() {
        let key = toks[i].key();
        if bloom & (1 << (key % 64)) == 0 || !question_stems.contains(&key) {
            continue;
        }
        for j in 0..question_stems.len() {
            // A run starts on the same word.
            if question_stems[j] != key {
                continue;
            }
            let (mut same, mut changed, mut len) = (0, 0, 0);
            for (t, q) in toks[i..].iter().zip(&question_stems[j..]) {
                if t.key() == *q {
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
    copied
}
