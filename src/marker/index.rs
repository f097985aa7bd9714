//! An answer read once against a compiled rubric's vocabulary: its tokens,
//! and for every rubric word the tokens that match it (by folded form, by
//! stem, or within the word's typo allowance), so that every point of every
//! card is then matched by lookups rather than by rescanning the text.

use crate::rubric::compile::{CompiledRubric, Vocab, WordId, letter_mask};
use crate::rubric::needs::Needs;
use crate::text::english::{is_common_word, one_spelling};
use crate::text::{Token, Tokens, tokenize};
use std::cell::RefCell;

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
    /// The hits, the words present and the per-word tables, lent by this
    /// thread's pool for the index's life.
    tables: Tables,
}

/// A set of an answer's sentences, a bit each ([`sentence_bit`]): answers
/// run to a few sentences, and 32 bits keep the matcher's table of word
/// sets small.
pub type Sentences = u32;

/// The bit standing for sentence `sentence` in a set of sentences: one
/// each for the first 31, and one for all the rest, so that two tokens of
/// one sentence always share their bit.
pub fn sentence_bit(sentence: usize) -> Sentences {
    1 << sentence.min(Sentences::BITS as usize - 1)
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
/// as it must exceed `k`. Rows live on the stack (three of them, taking
/// turns): this runs for every unknown word of an answer against the
/// rubric words of similar length.
fn bounded_osa(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if a.len() > MAX_FAST || b.len() > MAX_FAST {
        let d = strsim::osa_distance(std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
        return (d <= k).then_some(d);
    }
    // Distances are at most 2 * MAX_FAST, so a byte holds them.
    let mut rows = [[0u8; MAX_FAST + 1]; 3];
    for (j, d) in rows[0].iter_mut().enumerate() {
        *d = j as u8;
    }
    let k = k.min(usize::from(u8::MAX)) as u8;
    for i in 1..=a.len() {
        // Rows i - 2, i - 1 and i, each in its turn.
        let (p2, p, c) = ((i + 1) % 3, (i + 2) % 3, i % 3);
        rows[c][0] = i as u8;
        let mut row_min = i as u8;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[p][j] + 1)
                .min(rows[c][j - 1] + 1)
                .min(rows[p][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[p2][j - 2] + 1);
            }
            rows[c][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > k {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= k).then_some(usize::from(d))
}

/// The rubric words each answer word matched, and the word sets
/// ([`Needs::of_word`]) those are in, for one compiled rubric and one run
/// of the word cache, by word number ([`crate::text::WordNumber`]).
#[derive(Debug, Clone, Default)]
struct MatchCache {
    /// [`Vocab::uid`] of the rubric's vocabulary.
    vocab: u64,
    /// The run of the word cache whose words are numbered here.
    run: u32,
    /// For each word's index, its matches and its count in the answer at
    /// hand.
    by_word: Vec<WordMatches>,
    /// The rubric words of all the words matched, one range each.
    matches: Vec<(WordId, How)>,
    /// The word sets of all the words matched, one range each: the union
    /// of the sets of a word's rubric words, ascending, each once.
    sets: Vec<u32>,
}

/// One answer word's entry in [`MatchCache::by_word`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordMatches {
    /// Its range in [`MatchCache::matches`]; `lo` is [`UNMATCHED`] while
    /// the word has not been matched.
    lo: u32,
    hi: u32,
    /// Its tokens in the answer being indexed; 0 between answers.
    count: u32,
    /// Its range in [`MatchCache::sets`].
    sets: (u32, u32),
    /// The sentences of its tokens in the answer being indexed
    /// ([`sentence_bit`]); empty between answers (the index clears them
    /// when dropped).
    sentences: Sentences,
}

/// [`WordMatches::lo`] of a word not matched yet.
const UNMATCHED: u32 = u32::MAX;

/// A [`MatchCache::by_word`] entry of a word not matched yet.
const NOT_MATCHED: WordMatches = WordMatches {
    lo: UNMATCHED,
    hi: 0,
    count: 0,
    sets: (0, 0),
    sentences: 0,
};

impl MatchCache {
    /// Starts afresh for `vocab` and the word cache's run `run`.
    fn reset(&mut self, vocab: u64, run: u32) {
        self.vocab = vocab;
        self.run = run;
        self.by_word.clear();
        self.matches.clear();
        self.sets.clear();
    }
}

/// Everything an index needs besides its tokens, kept between answers on
/// each thread (see [`AnswerIndex::new`]): clearing the few entries an
/// answer set is cheaper than fresh tables the size of the vocabulary each
/// time, and reused vectors need no allocating.
#[derive(Debug, Clone, Default)]
struct Tables {
    /// The rubric words each word read on this thread matched.
    matches: MatchCache,
    /// For each vocabulary word, its range in `hits`; all empty between
    /// answers.
    ranges: Vec<(u32, u32)>,
    /// The answer's hits, sorted by word, then token.
    hits: Vec<Hit>,
    /// The vocabulary words some token matches, each once, in the order
    /// of their first matching token.
    present: Vec<WordId>,
    /// The words each token matches: `by_token[t]` is a range of
    /// `matches.matches`.
    by_token: Vec<(u32, u32)>,
    /// The indexes ([`crate::text::WordNumber::index`]) of the answer's
    /// distinct words that match some rubric word, in the order of their
    /// first token.
    distinct: Vec<u32>,
}

thread_local! {
    /// This thread's [`Tables`], between answers.
    static TABLES: RefCell<Tables> = RefCell::new(Tables::default());
}

/// Empties this thread's match cache (for benchmarks of a cold start).
pub fn clear_match_cache() {
    TABLES.with(|t| {
        let c = &mut t.borrow_mut().matches;
        let (vocab, run) = (c.vocab, c.run);
        c.reset(vocab, run);
    });
}

impl<'t> AnswerIndex<'t> {
    /// Tokenises `text` and matches each distinct word against the
    /// vocabulary of `rubric`.
    pub fn new(rubric: &CompiledRubric, text: &'t str) -> AnswerIndex<'t> {
        let (vocab, needs) = (&rubric.vocab, &rubric.needs);
        let tokens = tokenize(text);
        let mut tables = TABLES.with(|t| std::mem::take(&mut *t.borrow_mut()));
        let Tables {
            matches: cache,
            ranges,
            hits,
            present,
            by_token,
            distinct,
        } = &mut tables;
        if ranges.len() != vocab.words.len() {
            ranges.clear();
            ranges.resize(vocab.words.len(), (0, 0));
        }
        // All the tokens of one text are read in one run of the word cache.
        if let Some(first) = tokens.tokens.first() {
            let run = first.word().number().run;
            if cache.run != run || cache.vocab != vocab.uid {
                cache.reset(vocab.uid, run);
            }
        }
        // Each token's rubric words, matched once per word read on this
        // thread, and how many tokens each distinct word of the answer has.
        by_token.clear();
        distinct.clear();
        read_tokens(vocab, needs, &tokens.tokens, cache, by_token, distinct);
        // How many tokens match each rubric word, and the words matched,
        // each once.
        present.clear();
        count_hits(
            distinct,
            &mut cache.by_word,
            &cache.matches,
            ranges,
            present,
        );
        // The hits grouped by word, in token order within a word.
        group_hits(present, by_token, &cache.matches, ranges, hits);
        AnswerIndex {
            text,
            tokens,
            tables,
        }
    }

    /// The rubric words token `t` matches, with how: exact matches first,
    /// then matches by stem, then by typo (the matcher relies on this).
    pub fn words_of(&self, t: u32) -> &[(WordId, How)] {
        match self.tables.by_token.get(t as usize) {
            Some(&(lo, hi)) => &self.tables.matches.matches[lo as usize..hi as usize],
            None => &[],
        }
    }

    /// The tokens matching `word`, in text order.
    pub fn hits_of(&self, word: WordId) -> &[Hit] {
        match self.tables.ranges.get(word as usize) {
            Some(&(lo, hi)) => &self.tables.hits[lo as usize..hi as usize],
            None => &[],
        }
    }

    /// Whether some token matches vocabulary word `w`: whether its range
    /// of hits is not empty.
    pub fn holds(&self, w: WordId) -> bool {
        self.tables
            .ranges
            .get(w as usize)
            .is_some_and(|r| r.0 != r.1)
    }

    /// Per distinct word of the answer that some word set of the rubric's
    /// [`CompiledRubric::needs`] holds (through a rubric word it matches),
    /// the sentences its tokens are in and those word sets, each once.
    pub fn word_sets(&self) -> impl Iterator<Item = (Sentences, &[u32])> {
        let cache = &self.tables.matches;
        self.tables.distinct.iter().filter_map(|&i| {
            let entry = cache.by_word.get(i as usize)?;
            let sets = cache
                .sets
                .get(entry.sets.0 as usize..entry.sets.1 as usize)?;
            (!sets.is_empty()).then_some((entry.sentences, sets))
        })
    }
}

impl Drop for AnswerIndex<'_> {
    /// Clears the present words' entries and the distinct words'
    /// sentences, and gives the tables, and the tokens' vectors, back for
    /// the next answer on this thread.
    fn drop(&mut self) {
        std::mem::take(&mut self.tokens).recycle();
        let mut tables = std::mem::take(&mut self.tables);
        for &w in &tables.present {
            if let Some(r) = tables.ranges.get_mut(w as usize) {
                *r = (0, 0);
            }
        }
        for &i in &tables.distinct {
            if let Some(entry) = tables.matches.by_word.get_mut(i as usize) {
                entry.sentences = 0;
            }
        }
        // During thread teardown the pool may already be gone; the tables
        // are then simply freed.
        let _ = TABLES.try_with(|t| {
            if let Ok(mut pooled) = t.try_borrow_mut()
                && pooled.ranges.len() <= tables.ranges.len()
            {
                *pooled = tables;
            }
        });
    }
}

/// Sets `by_token` to each token's range of rubric words in
/// `cache.matches`, matching the words not matched before, and counts each
/// distinct word's tokens ([`WordMatches::count`]) and notes their
/// sentences ([`WordMatches::sentences`]), listing in `distinct` the words
/// with rubric words, in the order of their first token.
fn read_tokens(
    vocab: &Vocab,
    needs: &Needs,
    tokens: &[Token],
    cache: &mut MatchCache,
    by_token: &mut Vec<(u32, u32)>,
    distinct: &mut Vec<u32>,
) {
    // Extending from a slice's iterator reserves room once and then writes
    // each range in place.
    by_token.extend(tokens.iter().map(|tok| {
        let i = tok.word().number().index as usize;
        if cache.by_word.get(i).is_none_or(|e| e.lo == UNMATCHED) {
            match_word(vocab, needs, tok, i, cache);
        }
        let entry = &mut cache.by_word[i];
        if entry.lo != entry.hi {
            if entry.count == 0 {
                distinct.push(i as u32);
            }
            entry.count += 1;
            entry.sentences |= sentence_bit(tok.sentence);
        }
        (entry.lo, entry.hi)
    }));
}

/// Matches the word of `tok`, of index `i`, against `vocab` the first time
/// it is read, keeping in `cache` its rubric words and the word sets of
/// `needs` they are in.
#[cold]
#[inline(never)]
fn match_word(vocab: &Vocab, needs: &Needs, tok: &Token, i: usize, cache: &mut MatchCache) {
    if i >= cache.by_word.len() {
        cache.by_word.resize(i + 1, NOT_MATCHED);
    }
    let lo = cache.matches.len();
    word_matches(vocab, tok.norm(), tok.stem(), &mut cache.matches);
    let from = cache.sets.len();
    let mut sets: Vec<u32> = cache.matches[lo..]
        .iter()
        .flat_map(|&(w, _)| needs.of_word.get(w as usize))
        .copied()
        .collect();
    sets.sort_unstable();
    sets.dedup();
    cache.sets.extend(sets);
    cache.by_word[i] = WordMatches {
        lo: lo as u32,
        hi: cache.matches.len() as u32,
        count: 0,
        sets: (from as u32, cache.sets.len() as u32),
        sentences: 0,
    };
}

/// Adds each distinct word's token count to the counts (`ranges[w].1`, all
/// 0 before) of its rubric words and lists them in `present`, each once:
/// taking the distinct words in the order of their first token lists the
/// rubric words in the order of their first matching token. The distinct
/// words' counts are left at 0 again.
fn count_hits(
    distinct: &[u32],
    by_word: &mut [WordMatches],
    matches: &[(WordId, How)],
    ranges: &mut [(u32, u32)],
    present: &mut Vec<WordId>,
) {
    for &i in distinct {
        let Some(entry) = by_word.get_mut(i as usize) else {
            continue;
        };
        let count = std::mem::take(&mut entry.count);
        for &(w, _) in &matches[entry.lo as usize..entry.hi as usize] {
            let r = &mut ranges[w as usize];
            if r.1 == 0 {
                present.push(w);
            }
            r.1 += count;
        }
    }
}

/// Sets `hits` to the answer's hits grouped by word, in token order within
/// a word: a counting sort over the words present, taken in the order they
/// were first matched (the layout of `hits` is nobody's concern but
/// `hits_of`). `ranges[w].1` holds the hit count of each present word `w`
/// and becomes its range in `hits`; only the present words' entries are
/// set, and they are cleared again when the index is dropped.
fn group_hits(
    present: &[WordId],
    by_token: &[(u32, u32)],
    matches: &[(WordId, How)],
    ranges: &mut [(u32, u32)],
    hits: &mut Vec<Hit>,
) {
    let mut at = 0;
    for &w in present {
        let r = &mut ranges[w as usize];
        let count = r.1;
        *r = (at, at);
        at += count;
    }
    // `at` is now the number of hits. Each of the first `at` slots is
    // written below, so the last answer's hits left in them need no
    // clearing; only new slots are given a value first.
    hits.truncate(at as usize);
    hits.resize(
        at as usize,
        Hit {
            word: 0,
            token: 0,
            how: How::Exact,
        },
    );
    // Each token's hits, each at the next free place of its word's range
    // (`ranges[w].1`, moved on by one).
    for (t, &(lo, hi)) in by_token.iter().enumerate() {
        for &(word, how) in &matches[lo as usize..hi as usize] {
            let r = &mut ranges[word as usize].1;
            hits[*r as usize] = Hit {
                word,
                token: t as u32,
                how,
            };
            *r += 1;
        }
    }
}

/// Appends to `all` the rubric words a token matches: by folded form, by
/// stem, or within the rubric word's typo allowance unless the token is
/// itself a common English word ([`is_common_word`]: "back" is no typo of
/// "banks"), which matches by typo only the same word in the other
/// spelling of English ("organised" for "organized").
fn word_matches(vocab: &Vocab, norm: &str, stem: &str, all: &mut Vec<(WordId, How)>) {
    let from = all.len();
    if let Some(ids) = vocab.by_norm.get(norm) {
        all.extend(ids.iter().map(|&id| (id, How::Exact)));
    }
    if let Some(ids) = vocab.by_stem.get(stem) {
        for &id in ids {
            if !all[from..].iter().any(|&(o, _)| o == id) {
                all.push((id, How::Stem));
            }
        }
    }
    let len = norm.chars().count();
    if len < 4 || norm.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    let Some(first) = norm.chars().next() else {
        return;
    };
    let (norm_mask, stem_mask) = (letter_mask(norm), letter_mask(stem));
    // A common English word is spelled as meant: it is no typo of another
    // word, only, in the other spelling of English, of its own. Asked once
    // per answer word, and only of one with candidates.
    let mut spelled_as_meant: Option<Option<String>> = None;
    for bucket_len in len.saturating_sub(2)..=len + 2 {
        let Some(ids) = vocab.fuzzy.get(&(first, bucket_len)) else {
            continue;
        };
        for &id in ids {
            let w = &vocab.words[id as usize];
            if w.len.abs_diff(len) > usize::from(w.typos)
                || all[from..].iter().any(|&(o, _)| o == id)
            {
                continue;
            }
            let real = spelled_as_meant
                .get_or_insert_with(|| is_common_word(norm).then(|| one_spelling(norm)));
            if real.as_deref().is_some_and(|s| s != &*w.spelling) {
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
                all.push((id, How::Typo(d)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::compile::typo_allowance;

    fn rubric_of(words: &[&str]) -> CompiledRubric {
        let set: crate::rubric::RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "q", "max": 6, "points": [
                {"id": "p", "label": "l", "hint": "h", "match": {"any": words}}
            ]}]
        }))
        .unwrap();
        CompiledRubric::compile(&set, "t").unwrap()
    }

    fn matched(rubric: &CompiledRubric, answer: &str, word: &str) -> bool {
        let idx = AnswerIndex::new(rubric, answer);
        let vocab = &rubric.vocab;
        let id = vocab.words.iter().position(|w| w.norm == word).unwrap() as WordId;
        !idx.hits_of(id).is_empty()
    }

    /// Per distinct word of the answer in some word set, its sentences and
    /// its sets, worked out from its tokens' rubric words: the union of
    /// their [`Needs::of_word`] rows.
    fn word_sets_by_hand(idx: &AnswerIndex, needs: &Needs) -> Vec<(Sentences, Vec<u32>)> {
        let mut by_norm: std::collections::BTreeMap<&str, (Sentences, Vec<u32>)> =
            std::collections::BTreeMap::new();
        for (t, tok) in idx.tokens.tokens.iter().enumerate() {
            let mut sets = std::collections::BTreeSet::new();
            for &(w, _) in idx.words_of(t as u32) {
                sets.extend(needs.of_word.get(w as usize));
            }
            if !sets.is_empty() {
                let entry = by_norm.entry(tok.norm()).or_default();
                entry.0 |= sentence_bit(tok.sentence);
                entry.1 = sets.into_iter().collect();
            }
        }
        let mut all: Vec<_> = by_norm.into_values().collect();
        all.sort();
        all
    }

    #[test]
    fn each_distinct_word_holds_the_union_of_its_rubric_words_sets() {
        let rubric = rubric_of(&[
            "general secretary",
            "stalin secretary",
            "secretariat",
            "general strike",
            "trotsky",
        ]);
        // "secretarat" is a typo of both "secretary" and "secretariat".
        let answer = "Stalin was General Secretary. Trotsky was not a secetary. \
                      The general strike. Stalin ran the secretarat.";
        // The second time, each word's sets come from the thread's cache.
        for _ in 0..2 {
            let idx = AnswerIndex::new(&rubric, answer);
            let mut got: Vec<(Sentences, Vec<u32>)> = idx
                .word_sets()
                .map(|(sentences, sets)| (sentences, sets.to_vec()))
                .collect();
            got.sort();
            let want = word_sets_by_hand(&idx, &rubric.needs);
            assert!(want.len() >= 4, "{want:?}");
            assert!(
                want.iter().any(|(_, sets)| sets.len() > 1),
                "some word is in several sets: {want:?}"
            );
            assert_eq!(got, want);
        }
    }

    #[test]
    fn misspelt_names_match() {
        let v = rubric_of(&[
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
            ("Trotksy", "trotsky"),
        ] {
            assert!(matched(&v, answer, word), "{answer} should match {word}");
        }
    }

    #[test]
    fn misspellings_that_are_no_words_match() {
        let v = rubric_of(&["propaganda", "secretary", "collectivisation"]);
        for (answer, word) in [
            ("propoganda", "propaganda"),
            ("secetary", "secretary"),
            ("collectivisaton", "collectivisation"),
        ] {
            assert!(matched(&v, answer, word), "{answer} should match {word}");
        }
    }

    /// Issue 20: typo tolerance turned "back" into "banks", "like" into
    /// "lived" and "defending" into "defensive" (an answer's only credit
    /// came from "back"). A common word is spelled as meant.
    #[test]
    fn a_common_word_is_no_typo_of_another_word() {
        let v = rubric_of(&["banks", "lived", "defensive", "trials", "relations"]);
        for (answer, word) in [
            ("he came back", "banks"),
            ("people like him", "lived"),
            ("defending the revolution", "defensive"),
            ("the show trails", "trials"),
            ("reparations", "relations"),
        ] {
            assert!(
                !matched(&v, answer, word),
                "{answer} should not match {word}"
            );
        }
        // Its own forms still match by stem, its misspellings by typo.
        assert!(matched(&v, "the bank", "banks"));
        assert!(matched(&v, "she lives", "lived"));
        assert!(matched(&v, "defensiv", "defensive"));
    }

    #[test]
    fn a_common_word_in_the_other_spelling_of_english_matches() {
        let v = rubric_of(&["organized", "criticised", "behaviour", "defence"]);
        for (answer, word) in [
            ("organised", "organized"),
            ("criticized", "criticised"),
            ("behavior", "behaviour"),
            ("defense", "defence"),
        ] {
            assert!(matched(&v, answer, word), "{answer} should match {word}");
        }
    }

    #[test]
    fn short_words_never_match_fuzzily() {
        let v = rubric_of(&["a", "war", "ban"]);
        assert!(!matched(&v, "begun", "a"));
        assert!(!matched(&v, "was", "war"));
        assert!(!matched(&v, "bin", "ban"));
        assert_eq!(typo_allowance("ban", None), 0);
    }

    #[test]
    fn stems_match_inflections() {
        let v = rubric_of(&["appointed", "purges"]);
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
