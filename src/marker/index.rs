//! An answer read once against a compiled rubric's vocabulary: its tokens,
//! and for every rubric word the tokens that match it (by folded form, by
//! stem, or within the word's typo allowance), so that every point of every
//! card is then matched by lookups rather than by rescanning the text.

use crate::rubric::compile::{Vocab, WordId};
use crate::text::{Tokens, tokenize};
use std::collections::HashMap;

/// How a token matched a rubric word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Exact,
    Stem,
    /// Within this many edits.
    Typo(u8),
}

/// A token matching a rubric word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub word: WordId,
    pub token: u32,
    pub how: How,
}

/// An answer's tokens and their matches against a vocabulary.
#[derive(Debug, Clone)]
pub struct AnswerIndex<'t> {
    pub text: &'t str,
    pub tokens: Tokens,
    /// Sorted by word, then token.
    hits: Vec<Hit>,
}

/// Edit distance (optimal string alignment) when it is at most `max`.
fn within(a: &str, b: &str, max: u8) -> Option<u8> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > usize::from(max) {
        return None;
    }
    let d = strsim::osa_distance(a, b);
    (d <= usize::from(max)).then_some(d as u8)
}

impl<'t> AnswerIndex<'t> {
    /// Tokenises `text` and matches each distinct word against `vocab`.
    pub fn new(vocab: &Vocab, text: &'t str) -> AnswerIndex<'t> {
        let tokens = tokenize(text);
        let mut cache: HashMap<&str, Vec<(WordId, How)>> = HashMap::new();
        let mut hits = Vec::new();
        for (i, tok) in tokens.tokens.iter().enumerate() {
            let matches = cache
                .entry(tok.norm.as_str())
                .or_insert_with(|| word_matches(vocab, &tok.norm, &tok.stem));
            hits.extend(matches.iter().map(|&(word, how)| Hit {
                word,
                token: i as u32,
                how,
            }));
        }
        hits.sort_by_key(|h| (h.word, h.token));
        AnswerIndex { text, tokens, hits }
    }

    /// The tokens matching `word`, in text order.
    pub fn hits_of(&self, word: WordId) -> &[Hit] {
        let lo = self.hits.partition_point(|h| h.word < word);
        let hi = self.hits.partition_point(|h| h.word <= word);
        &self.hits[lo..hi]
    }
}

/// The rubric words a token matches.
fn word_matches(vocab: &Vocab, norm: &str, stem: &str) -> Vec<(WordId, How)> {
    let mut out: Vec<(WordId, How)> = Vec::new();
    if let Some(ids) = vocab.by_norm.get(norm) {
        out.extend(ids.iter().map(|&id| (id, How::Exact)));
    }
    if let Some(ids) = vocab.by_stem.get(stem) {
        for &id in ids {
            if !out.iter().any(|&(o, _)| o == id) {
                out.push((id, How::Stem));
            }
        }
    }
    let len = norm.chars().count();
    if len < 4 || norm.chars().any(|c| c.is_ascii_digit()) {
        return out;
    }
    let Some(first) = norm.chars().next() else {
        return out;
    };
    if let Some(ids) = vocab.fuzzy.get(&first) {
        for &id in ids {
            if out.iter().any(|&(o, _)| o == id) {
                continue;
            }
            let w = &vocab.words[id as usize];
            if w.len.abs_diff(len) > usize::from(w.typos) {
                continue;
            }
            let d = within(norm, &w.norm, w.typos).or_else(|| within(stem, &w.stem, w.typos));
            if let Some(d) = d {
                out.push((id, How::Typo(d)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::compile::typo_allowance;

    fn vocab_of(words: &[&str]) -> Vocab {
        let set: crate::rubric::RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "q", "max": 6, "points": [
                {"id": "p", "label": "l", "hint": "h", "match": {"any": words}}
            ]}]
        }))
        .unwrap();
        crate::rubric::CompiledRubric::compile(&set, "t")
            .unwrap()
            .vocab
    }

    fn matched(vocab: &Vocab, answer: &str, word: &str) -> bool {
        let idx = AnswerIndex::new(vocab, answer);
        let id = vocab.words.iter().position(|w| w.norm == word).unwrap() as WordId;
        !idx.hits_of(id).is_empty()
    }

    #[test]
    fn misspelt_names_match() {
        let v = vocab_of(&[
            "zinoviev",
            "trotsky",
            "kamenev",
            "bukharin",
            "general secretary",
        ]);
        for (answer, word) in [
            ("Zinoview", "zinoviev"),
            ("Zinovev", "zinoviev"),
            ("Trotski", "trotsky"),
            ("Kamanev", "kamenev"),
            ("Bukarin", "bukharin"),
            ("genral", "general"),
            ("secetary", "secretary"),
            ("Trotsky's", "trotsky"),
        ] {
            assert!(matched(&v, answer, word), "{answer} should match {word}");
        }
    }

    #[test]
    fn short_words_never_match_fuzzily() {
        let v = vocab_of(&["a", "war", "ban"]);
        assert!(!matched(&v, "begun", "a"));
        assert!(!matched(&v, "was", "war"));
        assert!(!matched(&v, "bin", "ban"));
        assert_eq!(typo_allowance("ban", None), 0);
    }

    #[test]
    fn stems_match_inflections() {
        let v = vocab_of(&["appointed", "purges"]);
        assert!(matched(&v, "he appoints", "appointed"));
        assert!(matched(&v, "the purge", "purges"));
    }
}
