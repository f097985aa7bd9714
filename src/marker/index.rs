//! An answer read once against a compiled rubric's vocabulary: its tokens,
//! and for every rubric word the tokens that match it (by folded form, by
//! stem, or within the word's typo allowance), so that every point of every
//! card is then matched by lookups rather than by rescanning the text.

use crate::rubric::compile::{Vocab, WordId, letter_mask};
use crate::text::{Tokens, tokenize};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

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
    /// For each vocabulary word, its range in `hits` (empty for the words
    /// not present).
    ranges: Vec<(u32, u32)>,
    /// The vocabulary words some token matches, ascending.
    present: Vec<WordId>,
    /// The words each token matches: `by_token[t]` is a range of `token_words`.
    by_token: Vec<(u32, u32)>,
    token_words: Vec<(WordId, How)>,
}

/// Edit distance (optimal string alignment: insertions, deletions,
/// substitutions and swaps of neighbours) when it is at most `max`.
fn within(a: &str, b: &str, max: u8) -> Option<u8> {
    let k = usize::from(max);
    if a.is_ascii() && b.is_ascii() {
        return bounded_osa(a.as_bytes(), b.as_bytes(), k).map(|d| d as u8);
    }
    if a.chars().count().abs_diff(b.chars().count()) > k {
        return None;
    }
    let d = strsim::osa_distance(a, b);
    (d <= k).then_some(d as u8)
}

/// Longest word compared by [`bounded_osa`]; longer ones use strsim.
const MAX_FAST: usize = 40;

/// Optimal string alignment distance of two ASCII words, or `None` as soon
/// as it must exceed `k`. Rows live on the stack: this runs for every
/// unknown word of an answer against the rubric words of similar length.
fn bounded_osa(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if a.len() > MAX_FAST || b.len() > MAX_FAST {
        let d = strsim::osa_distance(std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
        return (d <= k).then_some(d);
    }
    let mut prev2 = [0usize; MAX_FAST + 1];
    let mut prev: [usize; MAX_FAST + 1] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX_FAST + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > k {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= k).then_some(d)
}

/// The rubric words one answer word matches.
type WordMatches = Box<[(WordId, How)]>;

/// Each answer word's rubric words, by the address of the word (with the
/// word, to keep that address its own).
type MatchCache = HashMap<usize, (Rc<str>, WordMatches)>;

/// Entries the per-thread match cache holds before it starts afresh.
const MATCH_CACHE_LIMIT: usize = 100_000;

thread_local! {
    /// The rubric words each answer word matched, for the vocabulary last
    /// used on this thread: marking a class's answers meets the same words
    /// again and again, and fuzzy matching is the costliest lookup.
    ///
    /// Keyed by the address of the token's folded word: tokens share the
    /// word cache's one copy of each word (see [`crate::text::tokenize`]),
    /// and the entry holds that copy, so the address stays its own while
    /// the entry lives. A word read again after the word cache starts
    /// afresh is a new copy and simply misses.
    static MATCHES: RefCell<(u64, MatchCache)> = RefCell::new((0, HashMap::default()));
}

thread_local! {
    /// A per-word table of ranges kept between answers, all empty (see
    /// [`AnswerIndex::new`]): clearing the few entries an answer set is
    /// cheaper than a fresh table the size of the vocabulary each time.
    static RANGES: RefCell<Vec<(u32, u32)>> = const { RefCell::new(Vec::new()) };
}

/// Empties this thread's match cache (for benchmarks of a cold start).
pub fn clear_match_cache() {
    MATCHES.with(|c| c.borrow_mut().1.clear());
}

impl<'t> AnswerIndex<'t> {
    /// Tokenises `text` and matches each distinct word against `vocab`.
    pub fn new(vocab: &Vocab, text: &'t str) -> AnswerIndex<'t> {
        let tokens = tokenize(text);
        let mut by_token = Vec::with_capacity(tokens.tokens.len());
        let mut token_words = Vec::with_capacity(tokens.tokens.len() * 2);
        MATCHES.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.0 != vocab.uid || cache.1.len() >= MATCH_CACHE_LIMIT {
                cache.0 = vocab.uid;
                cache.1.clear();
            }
            for tok in &tokens.tokens {
                let key = Rc::as_ptr(&tok.norm).cast::<u8>() as usize;
                let (_, matches) = cache.1.entry(key).or_insert_with(|| {
                    let m = word_matches(vocab, &tok.norm, &tok.stem).into();
                    (Rc::clone(&tok.norm), m)
                });
                let start = token_words.len() as u32;
                token_words.extend(matches.iter().copied());
                by_token.push((start, token_words.len() as u32));
            }
        });
        // The hits grouped by word, in token order within a word: a
        // counting sort over the words present, in a per-word table that
        // is reused from answer to answer (only the present words' entries
        // are set, and they are cleared again when the index is dropped).
        let mut ranges = RANGES.with(|r| std::mem::take(&mut *r.borrow_mut()));
        if ranges.len() != vocab.words.len() {
            ranges.clear();
            ranges.resize(vocab.words.len(), (0, 0));
        }
        let mut present: Vec<WordId> = Vec::new();
        for &(w, _) in &token_words {
            let r = &mut ranges[w as usize];
            if r.1 == 0 {
                present.push(w);
            }
            r.1 += 1;
        }
        present.sort_unstable();
        let mut at = 0;
        for &w in &present {
            let r = &mut ranges[w as usize];
            let count = r.1;
            *r = (at, at);
            at += count;
        }
        let mut hits = vec![
            Hit {
                word: 0,
                token: 0,
                how: How::Exact,
            };
            token_words.len()
        ];
        for (t, &(lo, hi)) in by_token.iter().enumerate() {
            for &(word, how) in &token_words[lo as usize..hi as usize] {
                let r = &mut ranges[word as usize];
                hits[r.1 as usize] = Hit {
                    word,
                    token: t as u32,
                    how,
                };
                r.1 += 1;
            }
        }
        AnswerIndex {
            text,
            tokens,
            hits,
            ranges,
            present,
            by_token,
            token_words,
        }
    }

    /// The rubric words token `t` matches, with how.
    pub fn words_of(&self, t: u32) -> &[(WordId, How)] {
        match self.by_token.get(t as usize) {
            Some(&(lo, hi)) => &self.token_words[lo as usize..hi as usize],
            None => &[],
        }
    }

    /// The tokens matching `word`, in text order.
    pub fn hits_of(&self, word: WordId) -> &[Hit] {
        match self.ranges.get(word as usize) {
            Some(&(lo, hi)) => &self.hits[lo as usize..hi as usize],
            None => &[],
        }
    }

    /// The vocabulary words some token matches, ascending.
    pub fn present_words(&self) -> &[WordId] {
        &self.present
    }
}

impl Drop for AnswerIndex<'_> {
    /// Clears the present words' entries and gives the table back for the
    /// next answer on this thread.
    fn drop(&mut self) {
        let mut ranges = std::mem::take(&mut self.ranges);
        for &w in &self.present {
            if let Some(r) = ranges.get_mut(w as usize) {
                *r = (0, 0);
            }
        }
        // During thread teardown the pool may already be gone; the table
        // is then simply freed.
        let _ = RANGES.try_with(|r| {
            if let Ok(mut pooled) = r.try_borrow_mut()
                && pooled.len() < ranges.len()
            {
                *pooled = ranges;
            }
        });
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
    let (norm_mask, stem_mask) = (letter_mask(norm), letter_mask(stem));
    for bucket_len in len.saturating_sub(2)..=len + 2 {
        let Some(ids) = vocab.fuzzy.get(&(first, bucket_len)) else {
            continue;
        };
        for &id in ids {
            let w = &vocab.words[id as usize];
            if w.len.abs_diff(len) > usize::from(w.typos) || out.iter().any(|&(o, _)| o == id) {
                continue;
            }
            let bits = 2 * u32::from(w.typos);
            let norm_close = (norm_mask ^ w.norm_mask).count_ones() <= bits;
            let stem_close = (stem_mask ^ w.stem_mask).count_ones() <= bits;
            let d = norm_close
                .then(|| within(norm, &w.norm, w.typos))
                .flatten()
                .or_else(|| stem_close.then(|| within(stem, &w.stem, w.typos)).flatten());
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

    #[test]
    fn bounded_distance_agrees_with_strsim() {
        let words = [
            "zinoviev",
            "zinoview",
            "zinovev",
            "trotsky",
            "trotski",
            "secretary",
            "secetary",
            "genral",
            "general",
            "ab",
            "ba",
            "",
            "kamenev",
            "kamanev",
            "purges",
            "purse",
        ];
        for a in words {
            for b in words {
                let d = strsim::osa_distance(a, b);
                for k in 0..3 {
                    let want = (d <= k).then_some(d);
                    assert_eq!(
                        bounded_osa(a.as_bytes(), b.as_bytes(), k),
                        want,
                        "{a} {b} {k}"
                    );
                }
            }
        }
    }
}
