//! Finding a point's rules in an indexed answer: phrases in order within
//! their gap, `all` groups within one sentence, `near` groups within a
//! window, exclusions, roles, and the reach of negation.
//!
//! Negation is scoped to a clause: a negator ("not", "never", "n't"…) up to
//! three words before a matched word, in the same clause and not itself a
//! word of the term, means the statement is denied and earns nothing; so
//! does a match that is the subject of a denied verb ("the show trials were
//! not public").
//! A negation in another clause ("Trotsky was not popular, but Stalin was
//! General Secretary") leaves the match alone.
//!
//! A [`Matcher`] holds one answer and remembers each term's matches, so a
//! term shared by several cards or rules is searched for once.

use super::index::{AnswerIndex, Hit, How, Sentences};
use crate::rubric::compile::{
    CPhrase, CompiledPoint, CompiledRubric, LabelId, PointRules, TermId, WordId,
};
use crate::rubric::meaning::Meaning;
use crate::rubric::needs::{CHECK_IDS, Needs};
use crate::rubric::reversal::{Reversal, denied};
use crate::text::NEGATION_REACH;
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// The token indices of a match.
pub type Tokens = SmallVec<[u32; 6]>;

/// How much further a negator reaches for each "or"/"nor" on the way:
/// under a negation a list of alternatives is denied whole ("did not need
/// glucose or starch or proteins").
const LIST_REACH: usize = 2;

/// How many words either side of a word saying the opposite of one of
/// its point's model sentence one of that word's neighbours must stand to
/// reverse the point ([`Reversal`]): "walls are very thin" for "thick walls".
const REVERSAL_REACH: usize = 3;

/// The most "or"s a negation reaches through.
const LIST_ITEMS: usize = 4;

/// Whether a word joins alternatives, which a negation before them denies
/// all of.
fn is_alternative(norm: &str) -> bool {
    matches!(norm, "or" | "nor")
}

/// Whether a negator at token `from` reaches token `to` (after it): within
/// [`NEGATION_REACH`] words, and [`LIST_REACH`] more for each "or" or "nor"
/// between them.
fn reaches(toks: &[crate::text::Token], from: usize, to: usize) -> bool {
    let ors = toks[from + 1..to]
        .iter()
        .filter(|t| is_alternative(t.norm()))
        .count()
        .min(LIST_ITEMS);
    to - from <= NEGATION_REACH + LIST_REACH * ors
}

/// The most matches a term, a rule set or a point keeps in one answer:
/// its first ones, in text order. No answer a student writes has a
/// thousand of one term's matches (a 20,000-word essay on Stalin names him
/// about six hundred times), and past that many another adds nothing to
/// the mark: the cap only keeps an answer made of a rubric's words over
/// and over, against a rubric of many long phrases, from taking memory
/// and time without end.
pub const MOST_MATCHES: usize = 512;

/// One place where a rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub sentence: usize,
    /// Matched token indices, ascending (held inline: most matches are a
    /// few words, and answers produce many of them).
    pub tokens: Tokens,
    /// The most typos used on any word of the match.
    pub typos: u8,
    /// Whether a stem (not the exact word) was needed.
    pub stemmed: bool,
    /// The negator that denies this match, if any (a token index).
    pub negated_by: Option<u32>,
    /// The wrongly cast doer that denies this match, if any (a token index):
    /// "Trotsky" in "Trotsky was General Secretary".
    pub wrong_role: Option<u32>,
    /// The word that says the opposite of the point's model sentence
    /// near this match, reversing it (a token index): "low" in "they
    /// have low melting points" for "high melting points".
    pub reversed_by: Option<u32>,
    /// The rule that matched, for traces ("any: general secretary"), as
    /// an index into [`CompiledRubric::labels`].
    pub rule: LabelId,
}

impl Span {
    pub fn first(&self) -> u32 {
        self.tokens[0]
    }
    pub fn last(&self) -> u32 {
        self.tokens[self.tokens.len() - 1]
    }
    /// A copy of the match, credited to rule `rule`: its tokens copied as
    /// one slice of numbers, where cloning copies them one by one.
    pub fn with_rule(&self, rule: LabelId) -> Span {
        Span {
            sentence: self.sentence,
            tokens: Tokens::from_slice(&self.tokens),
            typos: self.typos,
            stemmed: self.stemmed,
            negated_by: self.negated_by,
            wrong_role: self.wrong_role,
            reversed_by: self.reversed_by,
            rule,
        }
    }

    /// Whether the match stands: neither negated, nor said of the wrong
    /// doer, nor reversed.
    pub fn stands(&self) -> bool {
        self.negated_by.is_none() && self.wrong_role.is_none() && self.reversed_by.is_none()
    }
}

/// Each term's matches, for a group of terms (held inline: groups are of
/// a few terms).
type PerTerm<'m> = SmallVec<[&'m [Span]; 4]>;

/// The matches, one per term, that make up one match of a group.
type Parts<'m> = SmallVec<[&'m Span; 4]>;

/// (sentence, last token) of each mention of a list of doers, in order.
type Mentions = Rc<[(usize, u32)]>;

/// One answer being matched against one compiled rubric.
pub struct Matcher<'a, 't> {
    pub rubric: &'a CompiledRubric,
    pub idx: &'a AnswerIndex<'t>,
    /// Each term's matches, once searched: every rule that uses a term
    /// reads the same ones.
    memo: Vec<OnceCell<Vec<Span>>>,
    /// The terms whose matches are in `memo`.
    searched: RefCell<Vec<TermId>>,
    /// Empty vectors, for the matches of the terms searched next: each
    /// keeps the room an earlier answer's matches took.
    spare: RefCell<Vec<Vec<Span>>>,
    /// Per word set of [`CompiledRubric::needs`], the sentences some word
    /// of the set is in ([`sentence_bit`]): a phrase can match only in a
    /// sentence that holds a word of every set it needs.
    in_sentences: Vec<Sentences>,
    /// A bit per term, set for the terms that could match
    /// ([`Self::could_find`]).
    could: Vec<u64>,
    /// The tokens of each slot list the answer's phrases asked for.
    lists: RefCell<ListRows>,
    /// The mentions of each list of doers looked up (see [`Self::mentions`]).
    mentions: RefCell<HashMap<Box<[TermId]>, Mentions>>,
    /// The answer's tokens by stem key, made when a meaning is first
    /// looked for ([`Self::meaning`]).
    by_key: OnceCell<HashMap<u64, SmallVec<[u32; 4]>>>,
    /// The sentences that make each point by meaning, by the point's
    /// matches id, once looked for (see [`Self::meant`]).
    meant: RefCell<HashMap<u32, Rc<[Span]>>>,
}

/// A matcher's tables, kept between answers on each thread (as the
/// answer index keeps its own): a memo cell for every term of the rubric,
/// emptied again after each answer by clearing only the cells it filled,
/// costs less than fresh ones each time.
#[derive(Default)]
struct Pool {
    /// All cells empty.
    memo: Vec<OnceCell<Vec<Span>>>,
    /// Empty.
    searched: Vec<TermId>,
    /// Empty vectors, the matches the last answers' memo cells held.
    spare: Vec<Vec<Span>>,
    /// All 0.
    in_sentences: Vec<Sentences>,
    could: Vec<u64>,
    /// With no list worked out.
    lists: ListRows,
    /// Empty.
    mentions: HashMap<Box<[TermId]>, Mentions>,
}

thread_local! {
    /// This thread's [`Pool`], between answers.
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

impl<'a, 't> Matcher<'a, 't> {
    pub fn new(rubric: &'a CompiledRubric, idx: &'a AnswerIndex<'t>) -> Matcher<'a, 't> {
        let Pool {
            mut memo,
            searched,
            spare,
            mut in_sentences,
            mut could,
            mut lists,
            mentions,
        } = POOL.with(|p| std::mem::take(&mut *p.borrow_mut()));
        if memo.len() != rubric.terms.len() {
            memo.clear();
            memo.resize_with(rubric.terms.len(), OnceCell::new);
        }
        fill_sets(rubric, idx, &mut in_sentences);
        could_terms(rubric, &in_sentences, &mut could);
        if lists.at.len() != rubric.slot_list_count {
            lists.at.clear();
            lists.at.resize(rubric.slot_list_count, NOT_YET);
        }
        lists.width = idx.tokens.tokens.len().div_ceil(64);
        Matcher {
            rubric,
            idx,
            memo,
            searched: RefCell::new(searched),
            spare: RefCell::new(spare),
            in_sentences,
            could,
            lists: RefCell::new(lists),
            mentions: RefCell::new(mentions),
            by_key: OnceCell::new(),
            meant: RefCell::new(HashMap::default()),
        }
    }

    /// Whether some phrase of a term has every required word in one
    /// sentence of the answer: when not, the term has no match. Worked out
    /// for every term when the matcher is made.
    pub fn could_find(&self, id: TermId) -> bool {
        has_bit(&self.could, id as usize)
    }

    /// Whether every required slot of a phrase has a word in one sentence
    /// of the answer ([`possible`]).
    fn possible(&self, p: &CPhrase) -> bool {
        possible(&self.in_sentences, &self.rubric.needs, p)
    }

    /// Every match of a term, negated or not, in text order.
    pub fn term(&self, id: TermId) -> &[Span] {
        if !self.could_find(id) {
            return &[];
        }
        match self.memo.get(id as usize) {
            Some(cell) => cell.get_or_init(|| {
                self.searched.borrow_mut().push(id);
                self.search(id)
            }),
            None => &[],
        }
    }

    fn search(&self, id: TermId) -> Vec<Span> {
        let Some(term) = self.rubric.terms.get(id as usize) else {
            return Vec::new();
        };
        let mut spans = self.spare.borrow_mut().pop().unwrap_or_default();
        let mut lists = self.lists.borrow_mut();
        let mut searched = 0;
        for p in self.rubric.phrases_of(term) {
            if self.possible(p) {
                searched += 1;
                self.phrase_spans(p, term.gap, term.label, &mut spans, &mut lists);
            }
        }
        // One phrase's matches come in text order, each from its own first
        // token; only several phrases' need sorting and merging.
        if searched > 1 {
            spans.sort_by(|a, b| a.tokens.cmp(&b.tokens));
            spans.dedup_by(|a, b| a.tokens == b.tokens);
        }
        spans.truncate(MOST_MATCHES);
        if !spans.is_empty() {
            let negators = lists.negators(self.idx);
            if negators.any {
                for s in &mut spans {
                    s.negated_by = negator_of(self.idx, negators, &s.tokens);
                }
            }
        }
        spans
    }

    /// Every match of any of a point's (or misconception's) rule sets,
    /// denied or not, in text order.
    pub fn rules(&self, rule_sets: &[PointRules]) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for rules in rule_sets {
            self.rule_set(rules, &mut out);
            // The first matches of the whole are among the first of the
            // part: keep those, lest many rules' matches pile up.
            if out.len() > 2 * MOST_MATCHES {
                out.sort_by(|a, b| a.tokens.cmp(&b.tokens));
                out.truncate(MOST_MATCHES);
            }
        }
        if out.len() > 1 {
            out.sort_by(|a, b| a.tokens.cmp(&b.tokens));
        }
        out.truncate(MOST_MATCHES);
        out
    }

    /// A point's matches: its rules', denied or not; when they have none,
    /// the sentences that make it by meaning ([`Self::meant`]), but for
    /// those an exclusion or a wrong doer of its rules refuses. Meaning
    /// never outranks the rules: a match they deny stays denied.
    /// Either way, a match said reversed ([`Reversal`]) does not
    /// stand.
    pub fn point(&self, point: &CompiledPoint) -> Vec<Span> {
        let mut spans = self.rules(&point.rules);
        if spans.is_empty() && !point.meaning.is_empty() {
            let by_meaning = self.meant(point);
            if !by_meaning.is_empty() {
                let refused = self.refused_sentences(&point.rules);
                spans = by_meaning
                    .iter()
                    .filter(|s| !refused.contains(&s.sentence))
                    .cloned()
                    .collect();
            }
        }
        if spans.iter().any(Span::stands) {
            let reversal = point.reversal.get();
            if !reversal.is_empty() {
                self.reverse(reversal, &mut spans);
            }
        }
        spans
    }

    /// Marks as reversed each standing match whose sentence says, in the
    /// place of a word of the point's model sentence it doesn't say (beside
    /// one of that word's neighbours), its opposite, neither denied nor
    /// lessened ([`Reversal`], [`denied`]).
    fn reverse(&self, reversal: &Reversal, spans: &mut [Span]) {
        let idx = self.idx;
        let toks = &idx.tokens.tokens;
        // What reverses a sentence's matches is the sentence's alone: the
        // last sentence's answer serves its other matches.
        let mut last: Option<(usize, Option<u32>)> = None;
        for s in spans.iter_mut().filter(|s| s.stands()) {
            if let Some((sentence, reversed)) = last
                && sentence == s.sentence
            {
                s.reversed_by = reversed;
                continue;
            }
            let sentence = idx.tokens.sentences[s.sentence].tokens.clone();
            let says = |key: u64| toks[sentence.clone()].iter().any(|o| o.key() == key);
            let beside = |t: usize, keys: &[u64]| {
                toks[t.saturating_sub(REVERSAL_REACH).max(sentence.start)
                    ..(t + REVERSAL_REACH + 1).min(sentence.end)]
                    .iter()
                    .any(|n| keys.contains(&n.key()))
            };
            s.reversed_by = sentence
                .clone()
                .filter(|&t| {
                    reversal
                        .reversed_by(toks[t].key())
                        .any(|w| !says(w.key) && beside(t, &w.neighbours))
                        && !denied(toks, t)
                        && !self.negated(t as u32)
                })
                .map(|t| t as u32)
                .next();
            last = Some((s.sentence, s.reversed_by));
        }
    }

    /// Whether the word at token `t` is negated in its clause.
    fn negated(&self, t: u32) -> bool {
        let mut lists = self.lists.borrow_mut();
        let negators = lists.negators(self.idx);
        negators.any && negator_of(self.idx, negators, &[t]).is_some()
    }

    /// The sentences that make a point by its meaning ([`Meaning::made_by`]),
    /// worked out once an answer: whether the point could match at all
    /// asks first, and its matches then.
    pub fn meant(&self, point: &CompiledPoint) -> Rc<[Span]> {
        if let Some(found) = self.meant.borrow().get(&point.matches_id) {
            return Rc::clone(found);
        }
        let found: Rc<[Span]> = self.meaning(&point.meaning, point.meaning_rule).into();
        self.meant
            .borrow_mut()
            .insert(point.matches_id, Rc::clone(&found));
        found
    }

    /// The sentences where a point's meaning must not make it: those that
    /// hold one of its rules' exclusions, or name a doer its roles say is
    /// the wrong one.
    fn refused_sentences(&self, rule_sets: &[PointRules]) -> SmallVec<[usize; 4]> {
        let mut out = SmallVec::new();
        for rules in rule_sets {
            let wrong = rules.roles.iter().flat_map(|(_, not)| not);
            for &t in rules.exclude.iter().chain(wrong) {
                out.extend(self.term(t).iter().map(|s| s.sentence));
            }
        }
        out
    }

    /// The sentences that hold enough of a meaning ([`Meaning::made_by`])
    /// in words that are not denied, each as a match of those words
    /// (credited to rule `rule`), in text order.
    fn meaning(&self, meaning: &Meaning, rule: LabelId) -> Vec<Span> {
        let idx = self.idx;
        let toks = &idx.tokens.tokens;
        let sentences = idx.tokens.sentences.len();
        if sentences == 0 {
            return Vec::new();
        }
        // For each sentence, the weight of the meaning's words it holds,
        // and their tokens (one a word).
        let mut weight = vec![0f32; sentences];
        let mut tokens: Vec<Tokens> = vec![Tokens::new(); sentences];
        let by_key = self.by_key.get_or_init(|| {
            let mut map: HashMap<u64, SmallVec<[u32; 4]>> = HashMap::default();
            for (t, tok) in toks.iter().enumerate() {
                map.entry(tok.key()).or_default().push(t as u32);
            }
            map
        });
        let mut lists = self.lists.borrow_mut();
        let negators = lists.negators(idx);
        // For each sentence, the last word counted in it (numbered from 1),
        // so each word counts once a sentence.
        let mut last = vec![0usize; sentences];
        for (n, w) in meaning.words.iter().enumerate() {
            for t in by_key.get(&w.key).into_iter().flatten() {
                let sentence = toks[*t as usize].sentence;
                if last[sentence] == n + 1
                    || negators.any && negator_of(idx, negators, &[*t]).is_some()
                {
                    continue;
                }
                last[sentence] = n + 1;
                weight[sentence] += w.weight;
                tokens[sentence].push(*t);
            }
        }
        tokens
            .into_iter()
            .enumerate()
            .filter(|(s, matched)| meaning.made_by(weight[*s], matched.len()))
            .map(|(s, mut matched)| {
                matched.sort_unstable();
                Span {
                    sentence: s,
                    tokens: matched,
                    typos: 0,
                    stemmed: true,
                    negated_by: None,
                    wrong_role: None,
                    reversed_by: None,
                    rule,
                }
            })
            .collect()
    }

    /// The matches of each term, or `None` as soon as one term has none.
    fn all_found(&self, terms: &[TermId]) -> Option<PerTerm<'_>> {
        let mut out = PerTerm::new();
        for &t in terms {
            let spans = self.term(t);
            if spans.is_empty() {
                return None;
            }
            out.push(spans);
        }
        Some(out)
    }

    /// (sentence, first token, last token) of each match of any of `terms`
    /// that `keep` accepts.
    pub fn places(&self, terms: &[TermId], keep: impl Fn(&Span) -> bool) -> Vec<(usize, u32, u32)> {
        let mut out = Vec::new();
        for &t in terms {
            out.extend(
                self.term(t)
                    .iter()
                    .filter(|s| keep(s))
                    .map(|s| (s.sentence, s.first(), s.last())),
            );
        }
        out
    }

    /// (sentence, last token) of each mention of the terms, leaving out
    /// those denied before them ("not Trotsky"). "Trotsky was not there"
    /// still names Trotsky.
    /// Rules share their lists of doers, so each list is looked up once.
    fn mentions(&self, terms: &[TermId]) -> Mentions {
        if let Some(found) = self.mentions.borrow().get(terms) {
            return Rc::clone(found);
        }
        let mut found: Vec<(usize, u32)> = self
            .places(terms, |s| s.negated_by.is_none_or(|n| n > s.last()))
            .into_iter()
            .map(|(sentence, _, last)| (sentence, last))
            .collect();
        found.sort_unstable();
        let found: Mentions = found.into();
        self.mentions
            .borrow_mut()
            .insert(terms.into(), Rc::clone(&found));
        found
    }

    /// Adds to `out` every match of one rule set, negated or not, leaving
    /// out sentences where an exclusion holds and marking matches said of
    /// the wrong doer.
    fn rule_set(&self, rules: &PointRules, out: &mut Vec<Span>) {
        let start = out.len();
        for (&term, &label) in rules.any.iter().zip(&rules.any_labels) {
            out.extend(self.term(term).iter().map(|s| s.with_rule(label)));
        }
        for (group, &rule) in rules.all.iter().zip(&rules.all_labels) {
            let Some(per_term) = self.all_found(group) else {
                continue;
            };
            for sentence in sentences_with_all(&per_term) {
                let parts: Option<Parts> = per_term
                    .iter()
                    .map(|spans| best_in(spans, sentence))
                    .collect();
                if let Some(parts) = parts {
                    out.push(merge(&parts, rule));
                }
            }
        }
        for ((terms, window), &rule) in rules.near.iter().zip(&rules.near_labels) {
            let Some(per_term) = self.all_found(terms) else {
                continue;
            };
            // Each term's reach, worked out when a sentence has many of
            // its matches.
            let mut reach: SmallVec<[Option<Vec<u32>>; 4]> =
                per_term[1..].iter().map(|_| None).collect();
            for anchor in per_term[0].iter() {
                let mut parts: Parts = smallvec::smallvec![anchor];
                for (spans, reach) in per_term[1..].iter().zip(&mut reach) {
                    match nearest(anchor, spans, reach) {
                        Some(s) => parts.push(s),
                        None => break,
                    }
                }
                if parts.len() < per_term.len() {
                    continue;
                }
                let lo = parts.iter().map(|s| s.first()).min().unwrap_or(0);
                let hi = parts.iter().map(|s| s.last()).max().unwrap_or(0);
                if (hi - lo) as usize <= *window {
                    out.push(merge(&parts, rule));
                }
            }
        }
        if out.len() > start && !rules.exclude.is_empty() {
            let mut excluded: Vec<usize> = self
                .places(&rules.exclude, Span::stands)
                .into_iter()
                .map(|(n, _, _)| n)
                .collect();
            excluded.sort_unstable();
            excluded.dedup();
            // Keeps, in order, this rule set's matches outside them.
            let mut kept = start;
            for i in start..out.len() {
                if excluded.binary_search(&out[i].sentence).is_err() {
                    out.swap(kept, i);
                    kept += 1;
                }
            }
            out.truncate(kept);
        }
        if let Some((agents, wrong)) = &rules.roles
            && out.len() > start
        {
            let (agents, wrong) = (self.mentions(agents), self.mentions(wrong));
            for s in &mut out[start..] {
                s.wrong_role = wrong_doer(s, &agents, &wrong);
            }
        }
    }
}

impl Drop for Matcher<'_, '_> {
    /// Empties the memo cells this answer filled and gives the tables back
    /// for the next answer on this thread.
    fn drop(&mut self) {
        let mut memo = std::mem::take(&mut self.memo);
        let mut searched = std::mem::take(self.searched.get_mut());
        let mut spare = std::mem::take(self.spare.get_mut());
        for &t in &searched {
            if let Some(mut spans) = memo.get_mut(t as usize).and_then(OnceCell::take) {
                spans.clear();
                spare.push(spans);
            }
        }
        searched.clear();
        let mut mentions = std::mem::take(self.mentions.get_mut());
        mentions.clear();
        // The rubric's sets, a few kilobytes, cleared whole faster than set
        // by set (the room past them is never written).
        let mut in_sentences = std::mem::take(&mut self.in_sentences);
        let sets = self.rubric.needs.sets.min(in_sentences.len());
        in_sentences[..sets].fill(0);
        let pool = Pool {
            memo,
            searched,
            spare,
            in_sentences,
            could: std::mem::take(&mut self.could),
            lists: std::mem::take(self.lists.get_mut()).emptied(),
            mentions,
        };
        // During thread teardown the pool may already be gone; the tables
        // are then simply freed.
        let _ = POOL.try_with(|p| {
            if let Ok(mut pooled) = p.try_borrow_mut() {
                *pooled = pool;
            }
        });
    }
}

/// Sets `in_sentences` (all 0, or the wrong length for the rubric) to the
/// sentences each word set of the rubric's [`CompiledRubric::needs`] has a
/// word in ([`super::index::sentence_bit`]), every sentence for
/// [`Needs::NONE`]: a phrase can match only in a sentence holding a word
/// of every set it needs. The index knows each distinct word's sentences
/// and sets, so each is visited once however many tokens and rubric words
/// it has.
fn fill_sets(rubric: &CompiledRubric, idx: &AnswerIndex, in_sentences: &mut Vec<Sentences>) {
    // Room for every set a check can name, so that checks read the table
    // with no range check ([`could_terms`]); only the rubric's sets are
    // ever written, so only they need clearing.
    let len = rubric.needs.sets.max(CHECK_IDS);
    if in_sentences.len() != len {
        in_sentences.clear();
        in_sentences.resize(len, 0);
    }
    in_sentences[Needs::NONE as usize] = !0;
    for (sentences, sets) in idx.word_sets() {
        for &s in sets {
            if let Some(set) = in_sentences.get_mut(s as usize) {
                *set |= sentences;
            }
        }
    }
}

/// Whether every required slot of phrase `p` has a word in one sentence
/// of the answer, given the sentences each word set has a word in: whether
/// some sentence holds a word of every word set it needs (or, past the
/// 31st, some such sentences).
fn possible(in_sentences: &[Sentences], needs: &Needs, p: &CPhrase) -> bool {
    let of = |s: u32| in_sentences.get(s as usize).copied().unwrap_or(0);
    let mut common = of(p.need);
    for &s in needs.more_of(p) {
        if common == 0 {
            break;
        }
        common &= of(s);
    }
    common != 0
}

/// Sets `could` to a bit per term, set for the terms some phrase of which
/// is [`possible`]: most phrases through their
/// [`Check`](crate::rubric::needs::Check), read end to end
/// and without a branch on the outcome (which varies from answer to
/// answer, so that a branch on it would often be guessed wrong), the rest
/// through the phrase.
fn could_terms(rubric: &CompiledRubric, in_sentences: &[Sentences], could: &mut Vec<u64>) {
    // Only the rubric's terms' words are ever set, so only they need
    // clearing.
    let words = rubric.terms.len().div_ceil(64);
    if could.len() != words.max(CHECK_IDS / 64) {
        could.clear();
        could.resize(words.max(CHECK_IDS / 64), 0);
    }
    could[..words].fill(0);
    let needs = &rubric.needs;
    // Tables as long as a check's numbers reach, so that reading them at
    // a check's numbers needs no range check ([`fill_sets`] and the line
    // above make them so; were they shorter, they would be read with one).
    match (
        in_sentences.first_chunk::<CHECK_IDS>(),
        could.first_chunk_mut::<{ CHECK_IDS / 64 }>(),
    ) {
        (Some(table), Some(bits)) => {
            for c in &needs.checks {
                let of = |s: u16| table[usize::from(s)];
                let [a, b, c2, d] = c.sets;
                let common = of(a) & of(b) & of(c2) & of(d);
                bits[usize::from(c.term / 64)] |= u64::from(common != 0) << (c.term % 64);
            }
        }
        _ => {
            let of = |s: u16| in_sentences.get(usize::from(s)).copied().unwrap_or(0);
            for c in &needs.checks {
                let [a, b, c2, d] = c.sets;
                if of(a) & of(b) & of(c2) & of(d) != 0 {
                    set_bit(could, usize::from(c.term));
                }
            }
        }
    }
    for &id in &needs.long {
        if let Some(p) = rubric.phrases.get(id as usize)
            && possible(in_sentences, needs, p)
        {
            set_bit(could, p.term as usize);
        }
    }
}

/// Sets bit `i` of a bit set (64 to a word); a bit past its end is
/// left out.
fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(word) = bits.get_mut(i / 64) {
        *word |= 1 << (i % 64);
    }
}

/// Whether bit `i` of a bit set is set; none past its end is.
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64)
        .is_some_and(|word| word & (1 << (i % 64)) != 0)
}

/// [`ListRows::at`] of a list not worked out for this answer.
const NOT_YET: u32 = u32::MAX;

/// The tokens matching each distinct slot list
/// ([`CompiledRubric::slot_lists`]) that an answer's phrases asked for,
/// as bit sets (one bit per token), each worked out once per answer: the
/// same lists ("trotsky" and its spellings) fill slots of many phrases.
/// With them, the other tables a search works in, kept between answers.
#[derive(Debug, Default)]
struct ListRows {
    /// The bit sets, `width` words each, one after another.
    rows: Vec<u64>,
    /// Per distinct slot list, where its bit set starts in `rows`, or
    /// [`NOT_YET`].
    at: Vec<u32>,
    /// The lists worked out for this answer.
    done: Vec<u32>,
    /// Words in a bit set: one bit per token of the answer.
    width: usize,
    /// The hits of a first slot of several words present, by token
    /// ([`first_hits`]).
    firsts: Vec<Hit>,
    /// Per token, its closest hit while `firsts` is gathered; else all
    /// `None`.
    best: Vec<Option<Hit>>,
    /// The tokens of a match being tried.
    matched: Vec<u32>,
    /// Where the answer's negators are, once `negators_known`.
    negators: Negators,
    negators_known: bool,
}

impl ListRows {
    /// Where the bit set of slot list `list`, of `words`, starts in
    /// `rows`, working it out the first time it is asked for.
    fn row(&mut self, list: u32, words: &[WordId], idx: &AnswerIndex) -> usize {
        if let Some(&at) = self.at.get(list as usize)
            && at != NOT_YET
        {
            return at as usize;
        }
        let start = self.rows.len();
        self.rows.resize(start + self.width, 0);
        let row = &mut self.rows[start..];
        for &w in words {
            if idx.holds(w) {
                for h in idx.hits_of(w) {
                    set_bit(row, h.token as usize);
                }
            }
        }
        if let Some(at) = self.at.get_mut(list as usize) {
            *at = start as u32;
            self.done.push(list);
        }
        start
    }

    /// Where the answer's negators are, found the first time this is
    /// asked for: most matches then need no look at the words before them.
    fn negators(&mut self, idx: &AnswerIndex) -> &Negators {
        if !self.negators_known {
            self.negators_known = true;
            self.negators.find(idx, self.width);
        }
        &self.negators
    }

    /// The same tables with no list worked out, for the next answer.
    fn emptied(mut self) -> ListRows {
        for &list in &self.done {
            if let Some(at) = self.at.get_mut(list as usize) {
                *at = NOT_YET;
            }
        }
        self.done.clear();
        self.rows.clear();
        self.negators_known = false;
        self
    }
}

/// The tokens matching any of `words`, each once with the closest way it
/// matched ([`closer`]), ascending: the word's own hits when only one of
/// the words is present, else the words' hits gathered into `firsts`
/// (merged when two words are present, else by token through `best`).
fn first_hits<'h>(
    idx: &'h AnswerIndex,
    words: &[WordId],
    firsts: &'h mut Vec<Hit>,
    best: &mut Vec<Option<Hit>>,
) -> &'h [Hit] {
    let mut present = words.iter().filter(|&&w| idx.holds(w));
    let Some(&one) = present.next() else {
        return &[];
    };
    let Some(&two) = present.next() else {
        return idx.hits_of(one);
    };
    let Some(&three) = present.next() else {
        merge_hits(idx.hits_of(one), idx.hits_of(two), firsts);
        return firsts;
    };
    // Each token's closest hit (`best` is all `None` between calls), and
    // a bit per token that has one.
    let toks = idx.tokens.tokens.len();
    if best.len() < toks {
        best.resize(toks, None);
    }
    let mut bits: SmallVec<[u64; 8]> = SmallVec::from_elem(0, toks.div_ceil(64));
    for w in [one, two, three].into_iter().chain(present.copied()) {
        for h in idx.hits_of(w) {
            let t = h.token as usize;
            match &mut best[t] {
                Some(b) if closer(b.how) <= closer(h.how) => {}
                slot => {
                    *slot = Some(*h);
                    set_bit(&mut bits, t);
                }
            }
        }
    }
    firsts.clear();
    for (i, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            let t = i * 64 + word.trailing_zeros() as usize;
            word &= word - 1;
            firsts.extend(best[t].take());
        }
    }
    firsts
}

/// Sets `out` to the hits of `a` and `b` (each ascending by token, each
/// token once), ascending, each token once with the closer way it matched.
fn merge_hits(a: &[Hit], b: &[Hit], out: &mut Vec<Hit>) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if x.token < y.token {
            out.push(*x);
            i += 1;
        } else if y.token < x.token {
            out.push(*y);
            j += 1;
        } else {
            out.push(if closer(y.how) < closer(x.how) {
                *y
            } else {
                *x
            });
            i += 1;
            j += 1;
        }
    }
    out.extend_from_slice(a.get(i..).unwrap_or(&[]));
    out.extend_from_slice(b.get(j..).unwrap_or(&[]));
}

/// Orders the ways a token matched, closest first: exact, then by stem,
/// then by the fewest typos.
fn closer(how: How) -> u16 {
    match how {
        How::Exact => 0,
        How::Stem => 1,
        How::Typo(n) => 2 + u16::from(n),
    }
}

/// The first token from `lo` to `hi` (inclusive) in a bit set, if any.
fn first_in(row: &[u64], lo: u32, hi: u32) -> Option<u32> {
    if lo > hi {
        return None;
    }
    let mut word = lo as usize / 64;
    let mut bits = row.get(word)? & (!0u64 << (lo % 64));
    loop {
        if bits != 0 {
            let t = (word * 64) as u32 + bits.trailing_zeros();
            return (t <= hi).then_some(t);
        }
        word += 1;
        if word * 64 > hi as usize {
            return None;
        }
        bits = *row.get(word)?;
    }
}

impl Matcher<'_, '_> {
    /// Adds the matches of one phrase to `spans`: each token of its first
    /// slot starts a try, and each later slot's tokens are read from
    /// `lists`.
    fn phrase_spans(
        &self,
        phrase: &CPhrase,
        gap: usize,
        rule: LabelId,
        spans: &mut Vec<Span>,
        lists: &mut ListRows,
    ) {
        let (rubric, idx) = (self.rubric, self.idx);
        let toks = &idx.tokens.tokens;
        let slot_count = phrase.slot_count as usize;
        let mut firsts = std::mem::take(&mut lists.firsts);
        let starts = first_hits(idx, rubric.slot(phrase, 0), &mut firsts, &mut lists.best);
        // A one-word phrase: its matches are its first slot's tokens.
        if slot_count == 1 {
            spans.extend(starts.iter().take(MOST_MATCHES).map(|h| {
                let (typos, stemmed) = typos_stemmed(h.how);
                Span {
                    sentence: toks[h.token as usize].sentence,
                    tokens: smallvec::smallvec![h.token],
                    typos,
                    stemmed,
                    negated_by: None,
                    wrong_role: None,
                    reversed_by: None,
                    rule,
                }
            }));
            lists.firsts = firsts;
            return;
        }
        // Where each later slot's bit set starts in `lists.rows`.
        let mut rows_at: SmallVec<[usize; 8]> = SmallVec::new();
        if !starts.is_empty() {
            for k in 1..slot_count {
                let list = rubric.slot_list(phrase, k);
                rows_at.push(lists.row(list, rubric.slot(phrase, k), idx));
            }
        }
        let mut matched = std::mem::take(&mut lists.matched);
        let (rows, width) = (&lists.rows, lists.width);
        let row = |k: usize| {
            rows.get(rows_at[k - 1]..rows_at[k - 1] + width)
                .unwrap_or(&[])
        };
        let last_token = toks.len().saturating_sub(1) as u32;
        let enough = spans.len() + MOST_MATCHES;
        'start: for h0 in starts {
            if spans.len() >= enough {
                break;
            }
            let t0 = h0.token;
            let sentence = toks[t0 as usize].sentence;
            matched.clear();
            matched.push(t0);
            let (mut typos, mut stemmed) = typos_stemmed(h0.how);
            let mut cur = t0;
            let mut slack = 0;
            for k in 1..slot_count {
                // The first token of the slot within the gap; tokens run in
                // sentence order, so it is in the sentence or none is.
                let last = (cur + 1 + (gap + slack) as u32).min(last_token);
                let found = first_in(row(k), cur + 1, last)
                    .filter(|&t| toks[t as usize].sentence == sentence);
                match found {
                    Some(t) => {
                        matched.push(t);
                        cur = t;
                        slack = 0;
                        // How the token matched the slot: by the first of
                        // its words that is one of the slot's.
                        let how = match idx.words_of(t) {
                            [(_, how)] => *how,
                            words => {
                                let slot = rubric.slot(phrase, k);
                                words
                                    .iter()
                                    .find(|&&(w, _)| slot.contains(&w))
                                    .map_or(How::Exact, |&(_, how)| how)
                            }
                        };
                        let (t_typos, t_stemmed) = typos_stemmed(how);
                        typos = typos.max(t_typos);
                        stemmed |= t_stemmed;
                    }
                    None if rubric.slot_is_optional(phrase, k) => slack += 1,
                    None => continue 'start,
                }
            }
            spans.push(Span {
                sentence,
                tokens: Tokens::from_slice(&matched),
                typos,
                stemmed,
                negated_by: None,
                wrong_role: None,
                reversed_by: None,
                rule,
            });
        }
        lists.matched = matched;
        lists.firsts = firsts;
    }
}

/// The typos a token's match used, and whether it needed a stem.
fn typos_stemmed(how: How) -> (u8, bool) {
    match how {
        How::Exact => (0, false),
        How::Stem => (0, true),
        How::Typo(n) => (n, false),
    }
}

/// Where an answer's negators are, as bit sets (one bit per token).
#[derive(Debug, Default)]
struct Negators {
    /// The negators.
    at: Vec<u64>,
    /// The tokens a negator reaches ([`reaches`]).
    after: Vec<u64>,
    /// Whether the answer has a negator.
    any: bool,
}

impl Negators {
    /// Finds the negators of an answer, in bit sets of `width` words.
    fn find(&mut self, idx: &AnswerIndex, width: usize) {
        self.at.clear();
        self.at.resize(width, 0);
        self.after.clear();
        self.after.resize(width, 0);
        self.any = false;
        let toks = &idx.tokens.tokens;
        let furthest = NEGATION_REACH + LIST_REACH * LIST_ITEMS;
        for (t, tok) in toks.iter().enumerate() {
            if tok.negator() {
                self.any = true;
                set_bit(&mut self.at, t);
                for u in t + 1..toks.len().min(t + furthest + 1) {
                    if reaches(toks, t, u) {
                        set_bit(&mut self.after, u);
                    }
                }
            }
        }
    }
}

/// The negator denying a match made of `matched` tokens, if any, given
/// where the answer's negators are: only a match with a negator just
/// before one of its tokens, or two after its last, is looked at closely.
fn negator_of(idx: &AnswerIndex, negators: &Negators, matched: &[u32]) -> Option<u32> {
    let toks = &idx.tokens.tokens;
    for &m in matched {
        let m = m as usize;
        if !has_bit(&negators.after, m) {
            continue;
        }
        let clause = toks[m].clause;
        let from = m.saturating_sub(NEGATION_REACH + LIST_REACH * LIST_ITEMS);
        for j in (from..m).rev() {
            if toks[j].clause != clause {
                break;
            }
            if toks[j].negator() && !matched.contains(&(j as u32)) && reaches(toks, j, m) {
                return Some(j as u32);
            }
        }
    }
    // "The show trials were not public": a match that is the subject of a
    // denied verb, in its own clause.
    // The word after next must be a negator.
    let last = *matched.last()? as usize;
    if !has_bit(&negators.at, last + 2) {
        return None;
    }
    let (aux, neg) = (toks.get(last + 1)?, toks.get(last + 2)?);
    (is_auxiliary(aux.norm()) && aux.clause == toks[last].clause && neg.clause == aux.clause)
        .then_some(last as u32 + 2)
}

/// Verbs that carry a following "not" ("were not", "did not").
fn is_auxiliary(norm: &str) -> bool {
    matches!(
        norm,
        "is" | "are"
            | "was"
            | "were"
            | "did"
            | "does"
            | "do"
            | "had"
            | "has"
            | "have"
            | "could"
            | "would"
            | "will"
    )
}

fn merge(parts: &[&Span], rule: LabelId) -> Span {
    let mut tokens: Tokens = parts
        .iter()
        .flat_map(|s| s.tokens.iter().copied())
        .collect();
    tokens.sort_unstable();
    tokens.dedup();
    // A part denied by a word that another part matched is not denied: in
    // "the Testament was never made public", "never" belongs to the point
    // ("never made public"), not against it.
    let negated_by = parts
        .iter()
        .find_map(|s| s.negated_by.filter(|n| !tokens.contains(n)));
    Span {
        sentence: parts[0].sentence,
        tokens,
        typos: parts.iter().map(|s| s.typos).max().unwrap_or(0),
        stemmed: parts.iter().any(|s| s.stemmed),
        negated_by,
        wrong_role: None,
        reversed_by: None,
        rule,
    }
}

/// The doer named nearest before `span` in its sentence, unless that
/// doer is one of the wrong ones. `agents` and `wrong` are the (sentence,
/// last token) of each unnegated mention, in order.
fn wrong_doer(span: &Span, agents: &[(usize, u32)], wrong: &[(usize, u32)]) -> Option<u32> {
    let nearest = |names: &[(usize, u32)]| -> Option<u32> {
        let before = names.partition_point(|&m| m < (span.sentence, span.first()));
        let &(sentence, last) = names[..before].last()?;
        (sentence == span.sentence).then_some(last)
    };
    match (nearest(agents), nearest(wrong)) {
        (Some(a), Some(w)) if w > a => Some(w),
        (None, Some(w)) => Some(w),
        _ => None,
    }
}

/// The matches of a term (`spans`, in text order) in sentence `sentence`.
fn in_sentence(spans: &[Span], sentence: usize) -> std::ops::Range<usize> {
    let lo = spans.partition_point(|s| s.sentence < sentence);
    lo..lo + spans[lo..].partition_point(|s| s.sentence <= sentence)
}

/// For each of a term's matches (in text order), the furthest last token
/// of the matches of its sentence up to it: where [`nearest`] finds the
/// closest of many that start before an anchor ends.
fn furthest(spans: &[Span]) -> Vec<u32> {
    let mut out = Vec::with_capacity(spans.len());
    let mut at: Option<(usize, u32)> = None;
    for s in spans {
        let far = match at {
            Some((sentence, far)) if sentence == s.sentence => far.max(s.last()),
            _ => s.last(),
        };
        at = Some((s.sentence, far));
        out.push(far);
    }
    out
}

/// How many of a term's matches in one sentence are weighed one by one;
/// past that many, through their [`furthest`] reach.
const FEW: usize = 8;

/// The match of a term (`spans`, in text order) in `anchor`'s sentence
/// nearest to it, the first of equals. Of a few, each is weighed; of
/// many, through their [`furthest`] reach (`reach`, worked out once when
/// first needed): of those starting before the anchor ends, the one
/// ending latest (as far as the anchor's start, where it touches), and of
/// the rest, the first.
fn nearest<'s>(anchor: &Span, spans: &'s [Span], reach: &mut Option<Vec<u32>>) -> Option<&'s Span> {
    let range = in_sentence(spans, anchor.sentence);
    let here = &spans[range.clone()];
    if here.len() <= FEW {
        return here.iter().min_by_key(|s| distance(anchor, s));
    }
    let reach = &reach.get_or_insert_with(|| furthest(spans))[range];
    let split = here.partition_point(|s| s.first() <= anchor.last());
    let after = here.get(split);
    let before = reach[..split].last().map(|&far| {
        // The first match whose end reaches as far as any, up to the
        // anchor's start.
        let enough = far.min(anchor.first());
        &here[reach[..split].partition_point(|&r| r < enough)]
    });
    match (before, after) {
        (Some(b), Some(a)) if distance(anchor, a) < distance(anchor, b) => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

fn distance(a: &Span, b: &Span) -> u32 {
    if b.first() > a.last() {
        b.first() - a.last()
    } else {
        a.first().saturating_sub(b.last())
    }
}

/// Sentences in which every term has a match.
fn sentences_with_all(per_term: &[&[Span]]) -> SmallVec<[usize; 8]> {
    let mut sentences: SmallVec<[usize; 8]> = per_term[0].iter().map(|s| s.sentence).collect();
    sentences.dedup();
    sentences.retain(|n| {
        per_term
            .iter()
            .all(|spans| !in_sentence(spans, *n).is_empty())
    });
    sentences
}

/// The first unnegated match in a sentence, else the first negated one.
fn best_in(spans: &[Span], sentence: usize) -> Option<&Span> {
    let here = &spans[in_sentence(spans, sentence)];
    here.iter()
        .find(|s| s.negated_by.is_none())
        .or(here.first())
}

#[cfg(test)]
mod tests {
    use super::How;
    use crate::report::Status;
    use crate::rubric::{CompiledRubric, RubricSet};

    fn rubric(points: serde_json::Value) -> CompiledRubric {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose?", "max": 6,
                       "topic": ["trotsky"], "points": points}]
        }))
        .unwrap();
        CompiledRubric::compile(&set, "t").unwrap()
    }

    fn status(r: &CompiledRubric, answer: &str) -> Status {
        r.mark(0, answer).points[0].status
    }

    fn credited(r: &CompiledRubric, answer: &str) -> bool {
        status(r, answer) != Status::Missing
    }

    fn point(m: serde_json::Value) -> serde_json::Value {
        serde_json::json!([{"id": "p", "label": "l", "hint": "h", "match": m}])
    }

    #[test]
    fn a_tokens_words_come_exact_then_stem_then_typo() {
        let set =
            crate::rubric::parse(crate::builtin::RUBRIC, crate::builtin::RUBRIC_NAME).unwrap();
        let r = CompiledRubric::compile(&set, crate::builtin::RUBRIC_NAME).unwrap();
        let kind = |how: &How| match how {
            How::Exact => 0,
            How::Stem => 1,
            How::Typo(_) => 2,
        };
        let answers = include_str!("../../tests/data/dev-set.jsonl");
        let mut typos = 0;
        for line in answers.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let idx = r.index(v["answer"].as_str().unwrap());
            for t in 0..idx.tokens.tokens.len() as u32 {
                let kinds: Vec<u8> = idx.words_of(t).iter().map(|(_, h)| kind(h)).collect();
                assert!(kinds.is_sorted(), "token {t}: {kinds:?}");
                typos += kinds.iter().filter(|&&k| k == 2).count();
            }
        }
        assert!(typos > 0, "the answers include typos");
    }

    #[test]
    fn the_closest_match_is_exact_then_stem_then_fewest_typos() {
        use super::closer;
        let cases = [
            (vec![How::Typo(2), How::Typo(1), How::Typo(1)], How::Typo(1)),
            (vec![How::Exact, How::Stem, How::Typo(2)], How::Exact),
            (vec![How::Stem, How::Typo(1)], How::Stem),
            (vec![How::Typo(0), How::Stem], How::Stem),
            (vec![How::Exact, How::Stem], How::Exact),
        ];
        for (hows, want) in cases {
            let closest = hows.iter().copied().min_by_key(|&h| closer(h));
            assert_eq!(closest, Some(want), "{hows:?}");
        }
    }

    #[test]
    fn a_first_slot_gives_each_token_once_with_its_closest_match() {
        use super::{closer, first_hits};
        let set =
            crate::rubric::parse(crate::builtin::RUBRIC, crate::builtin::RUBRIC_NAME).unwrap();
        let r = CompiledRubric::compile(&set, crate::builtin::RUBRIC_NAME).unwrap();
        let answers = include_str!("../../tests/data/dev-set.jsonl");
        let (mut firsts, mut best) = (Vec::new(), Vec::new());
        // How many first slots had two words present, and three or more.
        let (mut two, mut more) = (0, 0);
        for line in answers.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let idx = r.index(v["answer"].as_str().unwrap());
            for p in &r.phrases {
                let slot = r.slot(p, 0);
                match slot.iter().filter(|&&w| idx.holds(w)).count() {
                    0 | 1 => {}
                    2 => two += 1,
                    _ => more += 1,
                }
                // Each token of a slot word, by its closest match.
                let want: Vec<(u32, How)> = (0..idx.tokens.tokens.len() as u32)
                    .filter_map(|t| {
                        let hows = idx.words_of(t).iter().filter(|(w, _)| slot.contains(w));
                        hows.map(|&(_, how)| how)
                            .min_by_key(|&how| closer(how))
                            .map(|how| (t, how))
                    })
                    .collect();
                let got: Vec<(u32, How)> = first_hits(&idx, slot, &mut firsts, &mut best)
                    .iter()
                    .map(|h| (h.token, h.how))
                    .collect();
                assert_eq!(got, want);
            }
        }
        assert!(two > 0 && more > 0, "first slots of several words present");
    }

    #[test]
    fn a_phrase_could_match_only_where_one_sentence_holds_its_words() {
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        let could = |answer: &str| {
            let idx = r.index(answer);
            super::Matcher::new(&r, &idx).could_find(0)
        };
        assert!(could("Stalin became General Secretary in 1922."));
        assert!(!could("Stalin was a general. He was a secretary."));
        // Sentences past the 31st share one bit, so their words may look
        // together when they are not; a match there is still found.
        let filler = "Stalin waited. ".repeat(70);
        assert!(could(&format!(
            "{filler}He was a general. He was a secretary."
        )));
        assert!(!credited(
            &r,
            &format!("{filler}He was a general. He was a secretary.")
        ));
        assert!(credited(&r, &format!("{filler}He was General Secretary.")));
        assert!(!could(&format!(
            "He was a general. {filler}He was a secretary."
        )));
    }

    #[test]
    fn answers_and_rubrics_marked_in_turn_on_one_thread_mark_as_alone() {
        let small = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        let set =
            crate::rubric::parse(crate::builtin::RUBRIC, crate::builtin::RUBRIC_NAME).unwrap();
        let big = CompiledRubric::compile(&set, crate::builtin::RUBRIC_NAME).unwrap();
        let answers = [
            "Stalin was General Secretary, so he picked the delegates.",
            "Trotsky was not General Secretary. Stalin appointed his allies.",
            "",
        ];
        // Each result on a thread of its own, where the matcher starts afresh.
        let alone = |r: &CompiledRubric, a: &str| {
            std::thread::scope(|s| s.spawn(|| r.mark(0, a)).join().unwrap())
        };
        for _ in 0..2 {
            for a in answers {
                for r in [&small, &big] {
                    assert_eq!(r.mark(0, a), alone(r, a), "{a}");
                }
            }
        }
    }

    #[test]
    fn a_match_credited_to_another_rule_differs_only_in_its_rule() {
        let s = super::Span {
            sentence: 2,
            tokens: smallvec::smallvec![4, 5, 7, 8, 9, 10, 12],
            typos: 1,
            stemmed: true,
            negated_by: Some(3),
            wrong_role: None,
            reversed_by: None,
            rule: 1,
        };
        let mut want = s.clone();
        want.rule = 6;
        assert_eq!(s.with_rule(6), want);
    }

    #[test]
    fn negators_reach_the_three_words_after_them() {
        use super::{Negators, has_bit};
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        let idx = r.index("Stalin was not the General Secretary of the party.");
        let count = idx.tokens.tokens.len();
        let mut negators = Negators::default();
        negators.find(&idx, count.div_ceil(64));
        let set =
            |bits: &[u64]| -> Vec<usize> { (0..count).filter(|&t| has_bit(bits, t)).collect() };
        assert!(negators.any);
        assert_eq!(set(&negators.at), [2]);
        assert_eq!(set(&negators.after), [3, 4, 5]);
        let idx = r.index("Stalin was General Secretary.");
        negators.find(&idx, 1);
        assert!(!negators.any && set(&negators.at).is_empty());
    }

    /// Whether `answer` makes the one point of a rubric keyed on
    /// "melting points" from the sentence `source`.
    fn melting_made(source: &str, answer: &str) -> bool {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Describe the transition metals.", "max": 2,
                       "scheme": "points",
                       "points": [{"id": "p", "label": "High melting points", "hint": "h",
                                   "source": source, "match": {"any": ["melting points"]}}]}]
        }))
        .unwrap();
        let r = CompiledRubric::compile(&set, "t").unwrap();
        let idx = r.index(answer);
        let m = super::Matcher::new(&r, &idx);
        m.point(&r.cards[0].points[0]).iter().any(|s| s.stands())
    }

    #[test]
    fn an_opposite_in_the_model_words_place_reverses_the_point() {
        let source = "They have high melting points and high densities.";
        assert!(melting_made(source, "They have high melting points."));
        assert!(!melting_made(source, "They have low melting points."));
        assert!(!melting_made(source, "Their melting points are quite low."));
        // Not where it is denied, said beside other words, or where the
        // model's own word is said too.
        assert!(melting_made(
            source,
            "Their melting points, which are not low, make them useful."
        ));
        assert!(melting_made(
            source,
            "Melting points: high, but low reactivity with water."
        ));
        assert!(melting_made(source, "Melting points high, not low."));
        assert!(melting_made(
            "Melting points are high and densities low.",
            "They have low densities and high melting points."
        ));
    }

    /// A rubric of one point, keyed on "reparations", from the sentence
    /// `source`, on a card that asks for meaning.
    fn reparations(source: &str) -> CompiledRubric {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose?", "max": 6,
                       "topic": ["trotsky"], "meaning": true,
                       "points": [{"id": "p", "label": "Reparations", "hint": "h",
                                   "source": source, "match": {"any": ["reparations"]}}]}]
        }))
        .unwrap();
        CompiledRubric::compile(&set, "t").unwrap()
    }

    /// The rule that credited the point, as the trace names it.
    fn credited_by(r: &CompiledRubric, answer: &str) -> Option<String> {
        let idx = r.index(answer);
        let m = super::Matcher::new(r, &idx);
        let spans = m.point(&r.cards[0].points[0]);
        let s = spans.iter().find(|s| s.stands())?;
        Some(r.labels[s.rule as usize].clone())
    }

    #[test]
    fn a_sentence_that_means_the_point_in_other_words_makes_it() {
        let r =
            reparations("Stalin wanted heavy reparations to punish Germany and rebuild the USSR");
        let answer = "They wanted heavy payments from Germany to punish it.";
        assert!(credited(&r, answer));
        let by = credited_by(&r, answer).unwrap();
        assert!(by.starts_with("meaning: "), "{by}");
        // Too little of the meaning is no match.
        assert!(!credited(&r, "Germany was rebuilt."));
    }

    #[test]
    fn the_rules_come_before_the_meaning() {
        let r =
            reparations("Stalin wanted heavy reparations to punish Germany and rebuild the USSR");
        let by = credited_by(
            &r,
            "Stalin wanted reparations from Germany to rebuild the USSR.",
        );
        assert_eq!(by.as_deref(), Some("any: reparations"));
    }

    #[test]
    fn denied_words_mean_nothing() {
        let r =
            reparations("Stalin wanted heavy reparations to punish Germany and rebuild the USSR");
        assert!(credited(
            &r,
            "They wanted heavy payments from Germany to punish it."
        ));
        assert!(!credited(
            &r,
            "They never wanted heavy payments from Germany to punish it."
        ));
    }

    #[test]
    fn a_card_that_does_not_ask_for_meaning_is_marked_by_its_rules_alone() {
        let r = rubric(
            serde_json::json!([{"id": "p", "label": "Reparations", "hint": "h",
            "source": "Stalin wanted heavy reparations to punish Germany and rebuild the USSR",
            "match": {"any": ["reparations"]}}]),
        );
        assert!(r.cards[0].points[0].meaning.is_empty());
        assert!(!credited(
            &r,
            "They wanted heavy payments from Germany to punish it."
        ));
    }

    #[test]
    fn the_questions_own_words_are_no_part_of_a_meaning() {
        // "Trotsky" and "lose" are the question's: only "clever" and
        // "rival" are left, too few to judge, so no sentence makes it.
        let r = reparations("Trotsky would lose to a clever rival");
        assert!(r.cards[0].points[0].meaning.is_empty());
        assert!(!credited(&r, "Trotsky would lose to a clever rival."));
    }

    #[test]
    fn negation_in_the_same_clause_denies_the_point() {
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        assert!(credited(&r, "Stalin was General Secretary."));
        assert!(!credited(&r, "Stalin was not General Secretary."));
        assert!(!credited(&r, "Stalin wasn't the general secretary"));
        assert!(!credited(&r, "Stalin was never really General Secretary"));
    }

    #[test]
    fn a_negation_denies_a_list_of_alternatives_whole() {
        let r = rubric(point(serde_json::json!({"any": ["proteins"]})));
        assert!(!credited(
            &r,
            "Plants do not need glucose or starch or proteins."
        ));
        assert!(!credited(
            &r,
            "They had neither land nor money nor proteins"
        ));
        // "and", or a list past its reach, is not denied whole.
        assert!(credited(
            &r,
            "Plants do not need glucose and they make proteins."
        ));
        assert!(credited(
            &r,
            "Not glucose or starch or fat or fibre or salt or water, but proteins."
        ));
    }

    #[test]
    fn a_denied_verb_after_the_match_denies_it() {
        let r = rubric(point(serde_json::json!({"any": ["show trials"]})));
        assert!(!credited(&r, "The show trials were not public."));
        assert!(!credited(&r, "The show trials didn't happen"));
        assert!(credited(&r, "The show trials were public, not secret."));
        assert!(credited(&r, "He held show trials, not fair ones"));
    }

    #[test]
    fn negation_in_another_clause_leaves_the_point() {
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        assert!(credited(
            &r,
            "Trotsky was not popular, but Stalin was General Secretary."
        ));
        assert!(credited(
            &r,
            "Stalin did not trust Trotsky. Stalin was General Secretary."
        ));
        assert!(credited(
            &r,
            "Although Trotsky was not liked Stalin was General Secretary"
        ));
    }

    #[test]
    fn a_negator_inside_the_term_is_the_point_itself() {
        let r = rubric(point(
            serde_json::json!({"any": ["not attend/go the funeral"]}),
        ));
        assert!(credited(&r, "Trotsky did not attend the funeral"));
        assert!(credited(&r, "Trotsky didn't go to Lenin's funeral"));
        assert!(!credited(&r, "Trotsky did attend the funeral"));
    }

    #[test]
    fn phrases_allow_a_small_gap_and_skip_articles() {
        let r = rubric(point(serde_json::json!({"any": ["missed the funeral"]})));
        assert!(credited(&r, "he missed Lenin's funeral"));
        assert!(credited(&r, "he missed the funeral"));
        assert!(!credited(
            &r,
            "he missed the train and later went to a funeral"
        ));
        assert!(!credited(&r, "the funeral was missed"));
    }

    #[test]
    fn all_groups_need_every_term_in_one_sentence() {
        let r = rubric(point(
            serde_json::json!({"all": [["appoint | gave jobs", "supporters/allies/mates"]]}),
        ));
        assert!(credited(&r, "he gave jobs to his mates"));
        assert!(credited(&r, "Stalin appointed his allies"));
        assert!(!credited(
            &r,
            "Stalin appointed people. His allies liked him."
        ));
    }

    #[test]
    fn near_groups_respect_their_window() {
        let r = rubric(point(
            serde_json::json!({"near": [{"terms": ["chief", "mourner"], "window": 3}]}),
        ));
        assert!(credited(&r, "he was the chief mourner"));
        assert!(credited(&r, "mourner-in-chief"));
        assert!(!credited(
            &r,
            "the chief of police was not a mourner at all, said many people"
        ));
    }

    #[test]
    fn exclusions_stop_a_sentence_from_crediting() {
        let r = rubric(point(
            serde_json::json!({"any": ["general secretary"], "exclude": ["trotsky"]}),
        ));
        assert!(!credited(&r, "Trotsky was General Secretary"));
        assert!(credited(
            &r,
            "Trotsky was clever. Stalin was General Secretary"
        ));
    }

    #[test]
    fn typo_caps_hold() {
        let r = rubric(point(serde_json::json!({"any": ["kirov"], "typos": 0})));
        assert!(credited(&r, "Kirov was shot"));
        assert!(!credited(&r, "Kiroc was shot"));
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        assert!(credited(&r, "he was genral secetary"));
    }

    #[test]
    fn explained_needs_a_causal_link_in_the_sentence_or_the_next() {
        let r = rubric(point(serde_json::json!({"any": ["general secretary"]})));
        assert_eq!(
            status(&r, "Stalin was General Secretary."),
            Status::Identified
        );
        assert_eq!(
            status(
                &r,
                "Stalin was General Secretary from 1922. This meant he picked the delegates."
            ),
            Status::Explained
        );
        assert_eq!(
            status(
                &r,
                "Stalin was General Secretary, so he picked the delegates."
            ),
            Status::Explained
        );
    }

    #[test]
    fn a_misconception_cancels_its_point() {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose?", "max": 6,
              "points": [{"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}}],
              "misconceptions": [{"id": "m", "point": "gs", "correction": "It was Stalin.",
                                  "match": {"any": ["trotsky was general secretary"]}}]}]
        }))
        .unwrap();
        let r = CompiledRubric::compile(&set, "t").unwrap();
        let res = r.mark(
            0,
            "Trotsky was General Secretary. Later Stalin was General Secretary too.",
        );
        assert_eq!(res.points[0].status, Status::Missing);
        assert_eq!(res.misconceptions.len(), 1);
        assert_eq!(res.misconceptions[0].correction, "It was Stalin.");
        let res = r.mark(0, "Stalin, not Trotsky, was General Secretary.");
        assert!(res.misconceptions.is_empty());
        assert_eq!(res.points[0].status, Status::Identified);
    }

    #[test]
    fn a_sentence_stating_a_misconception_credits_nothing() {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose?", "max": 6,
              "points": [{"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}},
                         {"id": "ar", "label": "l", "hint": "h", "match": {"any": ["big headed"]}}],
              "misconceptions": [{"id": "m", "point": "gs", "correction": "It was Stalin.",
                                  "match": {"any": ["trotsky was general secretary"]}}]}]
        }))
        .unwrap();
        let r = CompiledRubric::compile(&set, "t").unwrap();
        let res = r.mark(
            0,
            "Trotsky was General Secretary so people thought he was big headed.",
        );
        assert_eq!(res.points[1].status, Status::Missing);
        let res = r.mark(
            0,
            "Trotsky was General Secretary. People thought he was big headed.",
        );
        assert_eq!(res.points[1].status, Status::Identified);
    }

    #[test]
    fn roles_deny_a_point_said_of_the_wrong_person() {
        let r = rubric(point(serde_json::json!([
            {"any": ["general secretary"], "roles": {"agent": ["stalin"], "not": ["trotsky", "zinoviev"]}},
            {"any": ["wrong date"]}
        ])));
        assert!(credited(&r, "Stalin was General Secretary"));
        assert!(credited(&r, "As General Secretary he appointed allies"));
        assert!(!credited(&r, "Trotsky was General Secretary"));
        assert!(!credited(&r, "Zinoview was the general secretary"));
        assert!(credited(&r, "Stalin, not Trotsky, was General Secretary"));
        assert!(credited(
            &r,
            "Trotsky lost because Stalin was General Secretary"
        ));
        assert!(
            credited(&r, "Stalin gave him the wrong date"),
            "the second rule set has no roles"
        );
    }

    fn with_outcome(points: serde_json::Value) -> CompiledRubric {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose the leadership struggle?", "max": 6,
                       "topic": ["trotsky"], "outcome": ["lost | lose | defeat | won | support | votes"],
                       "points": points}]
        }))
        .unwrap();
        CompiledRubric::compile(&set, "t").unwrap()
    }

    #[test]
    fn explanation_must_reach_the_outcome_in_the_right_direction() {
        let r = with_outcome(serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}},
            {"id": "fun", "label": "l", "hint": "h", "match": {"any": ["funeral"]}}
        ]));
        let st = |a: &str| r.mark(0, a).points[0].status;
        assert_eq!(
            st("Stalin was General Secretary, so he won the votes."),
            Status::Explained
        );
        assert_eq!(
            st("Trotsky lost because Stalin was General Secretary."),
            Status::Explained
        );
        assert_eq!(
            st("Because Stalin was General Secretary, Trotsky lost."),
            Status::Explained
        );
        assert_eq!(
            st(
                "Stalin was General Secretary from 1922. This meant he had the support of the \
                 delegates."
            ),
            Status::Explained
        );
        assert_eq!(
            st("Stalin was General Secretary because Lenin gave him the job."),
            Status::Identified,
            "a link to the point's own cause explains nothing"
        );
        assert_eq!(
            st("Stalin was General Secretary so he was busy."),
            Status::Identified
        );
    }

    #[test]
    fn purpose_links_only_an_outcome_close_after_it() {
        let r = with_outcome(serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}}
        ]));
        let st = |a: &str| r.mark(0, a).points[0].status;
        assert_eq!(
            st("Stalin used being General Secretary to win votes."),
            Status::Explained
        );
        assert_eq!(
            st("Stalin was General Secretary and went to Moscow and later everyone said he won."),
            Status::Identified
        );
    }

    #[test]
    fn a_developed_link_explains_where_the_card_allows_it() {
        let points = serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}}
        ]);
        let strict = with_outcome(points.clone());
        let mut set: RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Why did Trotsky lose the leadership struggle?", "max": 6,
                       "topic": ["trotsky"], "outcome": ["lost | lose | defeat | won | support | votes"],
                       "links": "developed", "points": points}]
        }))
        .unwrap();
        let developed = CompiledRubric::compile(&set, "t").unwrap();
        let developed_answer = "Stalin was General Secretary, so he could hand out jobs in every region to men who owed him.";
        assert_eq!(
            strict.mark(0, developed_answer).points[0].status,
            Status::Identified
        );
        assert_eq!(
            developed.mark(0, developed_answer).points[0].status,
            Status::Explained
        );
        // A link with few words of the answer's own stays identification.
        let thin = "Stalin was General Secretary so he was busy.";
        assert_eq!(developed.mark(0, thin).points[0].status, Status::Identified);
        // It writes and reads back.
        let text = serde_json::to_string(&set).unwrap();
        assert!(text.contains(r#""links":"developed""#));
        set.cards[0].links = crate::rubric::Links::Outcome;
        assert!(!serde_json::to_string(&set).unwrap().contains("links"));
    }

    #[test]
    fn had_to_as_well_as_and_then_link_nothing() {
        let r = with_outcome(serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}}
        ]));
        let st = |a: &str| r.mark(0, a).points[0].status;
        for plain in [
            "Stalin was General Secretary and had to win votes from the delegates.",
            "Stalin was General Secretary and he used to win votes in the party.",
            "Stalin was General Secretary and then Trotsky lost the votes of the party.",
            "Trotsky lost the votes as well as he lost his friends, and Stalin was General Secretary.",
            "Trotsky lost the votes as soon as he left, and Stalin was General Secretary.",
            "Stalin was General Secretary and Trotsky was not allowed to win votes.",
            "Stalin was General Secretary and Trotsky was forced to give up votes.",
            "Stalin was General Secretary and wanted to win votes from the delegates.",
            "Stalin was General Secretary and was allowed to win votes in the party.",
        ] {
            assert_eq!(st(plain), Status::Identified, "{plain}");
        }
        // The same words, linked
        assert_eq!(
            st("Stalin used being General Secretary to win votes from the delegates."),
            Status::Explained
        );
        assert_eq!(
            st("Being General Secretary allowed Stalin to win votes from the delegates."),
            Status::Explained
        );
        assert_eq!(
            st("Trotsky lost the votes as he lost his friends, and Stalin was General Secretary."),
            Status::Explained,
            "without \"well\", \"as he\" gives a cause"
        );
    }

    #[test]
    fn a_bare_list_on_a_levels_card_is_one_identified_reason() {
        let r = with_outcome(serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}},
            {"id": "fun", "label": "l", "hint": "h", "match": {"any": ["funeral"]}},
            {"id": "pr", "label": "l", "hint": "h", "match": {"any": ["permanent revolution"]}}
        ]));
        let listed = r.mark(
            0,
            "General Secretary, funeral, permanent revolution, Politburo, Kamenev, Zinoviev, \
             Bukharin, Testament, appointments, delegates, congress.",
        );
        assert_eq!(listed.count(Status::Identified), 3);
        assert_eq!((listed.level, listed.mark), (Some(2), 2));
        let written = r.mark(
            0,
            "Stalin was General Secretary. He tricked Trotsky about the date of the funeral. \
             Trotsky believed in permanent revolution.",
        );
        assert_eq!((written.level, written.mark), (Some(2), 3));
    }

    #[test]
    fn one_connective_explains_one_point() {
        let r = with_outcome(serde_json::json!([
            {"id": "gs", "label": "l", "hint": "h", "match": {"any": ["general secretary"]}},
            {"id": "fun", "label": "l", "hint": "h", "match": {"any": ["funeral"]}}
        ]));
        let res = r.mark(
            0,
            "Stalin was General Secretary and chief mourner at the funeral, so Trotsky lost.",
        );
        assert_eq!(res.count(Status::Explained), 1);
        assert_eq!(res.count(Status::Identified), 1);
        let res = r.mark(
            0,
            "Stalin was General Secretary, so he gave his allies jobs and won votes. He led the \
             funeral as chief mourner, so Trotsky lost support.",
        );
        assert_eq!(res.count(Status::Explained), 2);
        assert_eq!(res.mark, 6);
    }

    #[test]
    fn copying_the_question_earns_nothing() {
        let r = with_outcome(serde_json::json!([
            {"id": "ls", "label": "l", "hint": "h", "match": {"any": ["leadership struggle"]}}
        ]));
        let res = r.mark(
            0,
            "Why did Trotsky lose the leadership struggle? Trotsky lost the leadership struggle.",
        );
        assert_eq!(res.points[0].status, Status::Missing);
        assert_eq!(res.mark, 0);
    }
}
