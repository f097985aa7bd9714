//! When is a point explained? When a causal link joins it to the outcome
//! the question asks about ("lost", "feared", "struggle"), in the direction
//! the connective points:
//!
//! - "P, so/which meant/led to … O" or "P. This meant … O" (cause first);
//! - "O because P", "Because P, O", or "O. This was because P" (effect first);
//! - "P to O", purpose, when the outcome follows within a few words ("used
//!   the show trials to scare people").
//!
//! Words that only look like connectives link nothing: "had to", "used
//! to" and "going to" are obligation, habit and future, not purpose
//! ("Germany had to pay reparations"); "as well as", "as soon as" and "as
//! long as" add or time, they don't give a cause. "And then" narrates and
//! was never a connective. Nor does a connective inside a keyword list
//! link anything ([`super::lists`]).
//!
//! "Stalin was General Secretary because Lenin gave him the job" links the
//! point to its own cause, not to the outcome, and explains nothing. Each
//! connective explains one point at most: one chain of reasoning is one
//! explained reason, however many points it strings together. A card
//! without outcome terms falls back to a connective in the point's
//! sentence or the next.
//!
//! A link must also carry something of the answer's own: at least
//! [`OWN_WORDS`] words in the sentences it joins that are not the outcome,
//! the connective, a filler or one of the question's words. "General
//! Secretary. So Trotsky lost." names a point and asserts the outcome; it
//! says nothing of how the one led to the other, and stays identification,
//! where "Lenin never said who should take over, so there was a struggle"
//! states its reason in words of its own.
//!
//! Every question asked here is answered without walking the answer: the
//! connectives are kept in lists by kind, a card's outcome mentions are
//! sorted with each sentence's bounds, and the words a link counts as its
//! own are counted from where they stop mattering. So an answer's points
//! find their connectives in time about linear in its length, however it
//! is written (one endless sentence of rubric words, every word a
//! connective): marking an answer at the word limit stays quick.

use super::find::{Matcher, Span};
use super::index::AnswerIndex;
use crate::rubric::compile::CompiledCard;
use crate::text::Token;
use rustc_hash::FxHashSet;
use std::cell::OnceCell;

/// A connective found in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub sentence: usize,
    pub first: u32,
    pub last: u32,
    pub forward: bool,
    /// How many words after the connective the outcome must start, if bounded.
    pub reach: Option<u32>,
}

/// (sentence, first token, last token) of a match.
pub type Place = (usize, u32, u32);

/// An answer's connectives (the same for every card), in text order, with
/// where each kind is.
#[derive(Debug, Default)]
pub struct Connectives {
    /// Every connective, in text order.
    pub all: Vec<Link>,
    /// The connectives whose effect comes first ("because").
    back: Kind,
    /// Those whose cause comes first, with no bound on where the outcome
    /// follows ("so", "this meant").
    forward: Kind,
    /// Those whose outcome must follow within a few words (purpose:
    /// "to").
    purpose: Kind,
}

/// The connectives of one kind: indices into [`Connectives::all`], in
/// order, and where each sentence's start among them.
#[derive(Debug, Default)]
struct Kind {
    links: Vec<u32>,
    /// Per sentence, and one past the last, the first of `links` in that
    /// sentence or after.
    by_sentence: Vec<u32>,
}

impl Kind {
    /// The connectives of this kind in sentence `s`.
    fn in_sentence(&self, s: usize) -> &[u32] {
        match (self.by_sentence.get(s), self.by_sentence.get(s + 1)) {
            (Some(&a), Some(&b)) => &self.links[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Whether a connective's match only looks like one, given the word
/// before it in its sentence: "to" after "had", "has", "have", "having",
/// "used", "got", "ought", "going" or "needed" ("Germany had to pay"), or
/// after a verb it completes rather than gives a purpose to ("not allowed
/// to negotiate", "forced to sign", "wanted to", "refused to", "began
/// to"…; "able to" still links: being able to is what a reason enables),
/// "as" after "well", "soon", "long", "far", "such" or "much" ("as well
/// as he did"), and an enabling verb denied or passive ("not allowed to
/// negotiate", "was allowed only 100,000 men", "were meant to").
fn merely_joins(s: &Span, before: Option<&str>, toks: &[Token]) -> bool {
    let (Some(before), Some(first)) = (before, toks.get(s.first() as usize)) else {
        return false;
    };
    match first.norm() {
        "to" => matches!(
            before,
            "had"
                | "has"
                | "have"
                | "having"
                | "used"
                | "got"
                | "ought"
                | "going"
                | "allowed"
                | "forced"
                | "wanted"
                | "want"
                | "wants"
                | "tried"
                | "refused"
                | "agreed"
                | "decided"
                | "planned"
                | "hoped"
                | "seemed"
                | "supposed"
                | "began"
                | "started"
                | "continued"
                | "expected"
                | "willing"
                | "needed"
        ),
        "as" => matches!(before, "well" | "soon" | "long" | "far" | "such" | "much"),
        "allowed" | "allowing" | "enabled" | "enabling" | "helped" | "helping" | "meant"
        | "ensured" => matches!(
            before,
            "not" | "never" | "was" | "were" | "is" | "are" | "be" | "been" | "being"
        ),
        _ => false,
    }
}

impl Connectives {
    /// Finds the connectives in an answer.
    pub fn find(m: &Matcher) -> Connectives {
        let mut all: Vec<Link> = Vec::new();
        let toks = &m.idx.tokens.tokens;
        let before = |s: &Span| {
            let at = s.first() as usize;
            (at > 0 && toks[at - 1].sentence == s.sentence).then(|| toks[at - 1].norm())
        };
        for c in &m.rubric.connectives {
            let terms = m.term(c.term).iter();
            all.extend(
                terms
                    .filter(|s| !merely_joins(s, before(s), toks))
                    .map(|s| Link {
                        sentence: s.sentence,
                        first: s.first(),
                        last: s.last(),
                        forward: c.forward,
                        reach: c.reach,
                    }),
            );
        }
        all.sort_by_key(|l| (l.first, l.last));
        all.dedup_by_key(|l| (l.first, l.forward));
        // A connective inside a keyword list links nothing.
        let mut lists = super::lists::ListSentences::default();
        all.retain(|l| !lists.is_list(m.idx.text, &m.idx.tokens, l.sentence));
        let mut c = Connectives {
            all,
            ..Connectives::default()
        };
        for (i, l) in c.all.iter().enumerate() {
            let kind = match (l.forward, l.reach) {
                (false, _) => &mut c.back,
                (true, None) => &mut c.forward,
                (true, Some(_)) => &mut c.purpose,
            };
            kind.links.push(i as u32);
        }
        let sentences = m.idx.tokens.sentences.len();
        for kind in [&mut c.back, &mut c.forward, &mut c.purpose] {
            kind.by_sentence.reserve_exact(sentences + 1);
            let mut at = 0;
            for s in 0..=sentences {
                while kind
                    .links
                    .get(at)
                    .is_some_and(|&i| c.all[i as usize].sentence < s)
                {
                    at += 1;
                }
                kind.by_sentence.push(at as u32);
            }
        }
        c
    }

    /// How many connectives the answer has.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// Whether some connective is beside sentence `sentence`: in it or in
    /// the next. Only a point or an outcome mention beside a connective
    /// can be linked by it.
    pub fn beside(&self, sentence: usize) -> bool {
        let at = self.all.partition_point(|l| l.sentence < sentence);
        self.all.get(at).is_some_and(|l| l.sentence <= sentence + 1)
    }
}

/// The part of `kind` (indices into `all`, in order) in sentence `s`.
fn in_sentence<'k>(all: &[Link], kind: &'k [u32], s: usize) -> &'k [u32] {
    let lo = kind.partition_point(|&i| all[i as usize].sentence < s);
    let hi = lo + kind[lo..].partition_point(|&i| all[i as usize].sentence <= s);
    &kind[lo..hi]
}

/// The indices of two ascending lists, merged in order, each with
/// whether it came from the first.
fn merge<'k>(mut a: &'k [u32], mut b: &'k [u32]) -> impl Iterator<Item = (bool, u32)> + 'k {
    std::iter::from_fn(move || {
        let from_a = match (a.first(), b.first()) {
            (Some(x), Some(y)) => x < y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if from_a { &mut a } else { &mut b };
        let i = list[0];
        *list = &list[1..];
        Some((from_a, i))
    })
}

/// A card's standing outcome mentions in one answer, arranged for the
/// questions connectives ask of them, with the card's count of the
/// answer's own words once a long stretch needs it.
#[derive(Debug, Default)]
pub struct Outcomes {
    /// Whether the card's outcome terms were searched for (else there are
    /// none to weigh, and no connective explains).
    searched: bool,
    /// Per sentence holding a mention, in order: (sentence, the least last
    /// token of its mentions, the greatest first token).
    sentences: Vec<(usize, u32, u32)>,
    /// The tokens inside a mention, as ascending, disjoint, inclusive
    /// ranges.
    covered: Vec<(u32, u32)>,
    /// The purpose connectives ("to") with a mention starting within their
    /// reach in their sentence (indices into the answer's connectives).
    purpose: Vec<u32>,
    /// How many tokens before each could be the answer's own, outside a
    /// mention and inside one, once a long stretch is weighed.
    counts: OnceCell<Counts>,
}

/// Running counts of the tokens that could be an answer's own words, for
/// a card: `plain[i]` of those before token `i` outside any outcome
/// mention, `covered[i]` of those inside one.
#[derive(Debug)]
struct Counts {
    plain: Vec<u32>,
    covered: Vec<u32>,
}

/// Stretches of at most this many tokens are weighed word by word; longer
/// ones through [`Counts`].
const SCAN: u32 = 256;

impl Outcomes {
    /// A card's outcome mentions (`places`, in any order) among the
    /// answer's connectives.
    pub fn new(mut places: Vec<Place>, connectives: &Connectives) -> Outcomes {
        places.sort_unstable();
        let mut sentences: Vec<(usize, u32, u32)> = Vec::with_capacity(places.len());
        let mut covered: Vec<(u32, u32)> = Vec::with_capacity(places.len());
        for &(s, a, b) in &places {
            match sentences.last_mut() {
                Some((at, least_last, most_first)) if *at == s => {
                    *least_last = (*least_last).min(b);
                    *most_first = (*most_first).max(a);
                }
                _ => sentences.push((s, b, a)),
            }
            match covered.last_mut() {
                Some((_, end)) if a <= end.saturating_add(1) => *end = (*end).max(b),
                _ => covered.push((a, b)),
            }
        }
        let all = &connectives.all;
        let mut purpose = Vec::with_capacity(connectives.purpose.links.len());
        purpose.extend(connectives.purpose.links.iter().copied().filter(|&i| {
            let l = &all[i as usize];
            let reach = l.reach.unwrap_or(0);
            let at = places.partition_point(|&(s, a, _)| (s, a) < (l.sentence, l.last + 1));
            places
                .get(at)
                .is_some_and(|&(s, a, _)| s == l.sentence && a <= l.last + reach)
        }));
        Outcomes {
            searched: true,
            sentences,
            covered,
            purpose,
            counts: OnceCell::new(),
        }
    }

    /// (the least last token, the greatest first token) of the mentions in
    /// sentence `s`, if it holds any.
    fn in_sentence(&self, s: usize) -> Option<(u32, u32)> {
        let at = self.sentences.partition_point(|x| x.0 < s);
        self.sentences
            .get(at)
            .filter(|x| x.0 == s)
            .map(|&(_, least_last, most_first)| (least_last, most_first))
    }

    /// Whether token `t` is inside a mention.
    fn covers(&self, t: u32) -> bool {
        let at = self.covered.partition_point(|&(a, _)| a <= t);
        at > 0 && self.covered[at - 1].1 >= t
    }
}

/// The connectives and outcome mentions of an answer for one card.
#[derive(Debug, Clone, Copy)]
pub struct Links<'l> {
    /// The answer's connectives, shared by every card.
    pub connectives: &'l Connectives,
    /// The card's standing outcome mentions.
    outcomes: &'l Outcomes,
    /// Whether the card names its outcome (else any nearby link counts).
    pub has_outcome: bool,
    /// Whether a link that reaches no outcome mention explains when its
    /// sentences hold [`OWN_WORDS_BESIDE`] words of the answer's own
    /// ([`crate::rubric::Links::Developed`]).
    pub developed: bool,
    /// The stems of the card's question: words a link may not count as
    /// its own.
    pub question: &'l FxHashSet<u64>,
}

/// How many words into a sentence an opening connective may stand
/// ("This meant", "As a result", "This was because").
const OPENING: u32 = 3;

/// How many words into a sentence a connective may stand when a word
/// before it points back to the sentence before ("People knew about this,
/// so they were scared"; "At party congresses these officials voted for
/// Stalin, so Trotsky was outvoted").
const BACK_REFERENCE: u32 = 10;

/// Whether the words of a sentence from token `from` up to `to` hold one
/// that points back to what was said before: a demonstrative or a pronoun
/// ("They killed ordinary workers, so everyone was terrified").
fn refers_back(idx: &AnswerIndex, from: u32, to: u32) -> bool {
    idx.tokens.tokens[from as usize..to as usize]
        .iter()
        .any(|t| {
            matches!(
                t.norm(),
                "this" | "that" | "these" | "those" | "it" | "they" | "them" | "he" | "she"
            )
        })
}

/// More words than any connective has ("as a result of this" has five).
const CONNECTIVE_WORDS: u32 = 8;

/// How many words of its own a link's sentences must hold to explain: a
/// point's name and the outcome ("General Secretary, so Trotsky lost") are
/// two; a reason stated as a claim, or with what it led to, has more.
const OWN_WORDS: usize = 3;

/// The words of its own a link needs when it reaches no outcome mention.
const OWN_WORDS_BESIDE: usize = 6;

impl<'l> Links<'l> {
    /// An answer's connectives with a card's outcome mentions.
    pub fn for_card(
        connectives: &'l Connectives,
        card: &'l CompiledCard,
        outcomes: &'l Outcomes,
    ) -> Links<'l> {
        Links {
            connectives,
            outcomes,
            has_outcome: !card.outcome.is_empty(),
            developed: card.links == crate::rubric::Links::Developed,
            question: &card.question_stems,
        }
    }

    /// Sentences holding any connective.
    pub fn causal_sentences(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.connectives.all.iter().map(|l| l.sentence).collect();
        v.dedup();
        v
    }

    /// How many of the connectives could explain some point: when the
    /// card names its outcome, a connective explains only with an outcome
    /// mention in its own sentence or the one before (see
    /// [`Self::candidates`]); otherwise, or when a developed link may
    /// explain too, any may.
    pub fn usable(&self) -> usize {
        let all = &self.connectives.all;
        if !self.has_outcome || self.developed {
            return all.len();
        }
        // The connectives and the sentences with a mention are both in
        // text order: walked together.
        let mentioned = &self.outcomes.sentences;
        let mut at = 0;
        all.iter()
            .filter(|l| {
                let s = l.sentence;
                while mentioned.get(at).is_some_and(|m| m.0 + 1 < s) {
                    at += 1;
                }
                mentioned.get(at).is_some_and(|m| m.0 <= s)
            })
            .count()
    }

    /// Whether token `i` is part of a connective. The connectives are in
    /// order of their first token and a few words long at most, so only
    /// those starting just before `i` can hold it.
    fn linking(&self, i: u32) -> bool {
        let all = &self.connectives.all;
        let n = all.partition_point(|k| k.first <= i);
        all[..n]
            .iter()
            .rev()
            .take_while(|k| k.first + CONNECTIVE_WORDS > i)
            .any(|k| k.last >= i)
    }

    /// Whether token `i` could be a word of the answer's own: not a filler
    /// (tested first, as most words are), not part of a connective, not
    /// one of the question's words.
    fn could_be_own(&self, idx: &AnswerIndex, i: u32) -> bool {
        let t = &idx.tokens.tokens[i as usize];
        !(super::is_filler(t.norm()) || self.linking(i) || self.question.contains(&t.key()))
    }

    /// The running counts of the answer's own words, worked out once.
    fn counts(&self, idx: &AnswerIndex) -> &Counts {
        self.outcomes.counts.get_or_init(|| {
            let n = idx.tokens.tokens.len();
            let (mut plain, mut covered) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
            let (mut p, mut c) = (0, 0);
            for i in 0..n as u32 {
                plain.push(p);
                covered.push(c);
                if self.could_be_own(idx, i) {
                    if self.outcomes.covers(i) {
                        c += 1;
                    } else {
                        p += 1;
                    }
                }
            }
            plain.push(p);
            covered.push(c);
            Counts { plain, covered }
        })
    }

    /// How many of tokens `lo..hi` are the answer's own words outside any
    /// outcome mention, counted up to `need`.
    fn plain(&self, idx: &AnswerIndex, lo: u32, hi: u32, need: usize) -> usize {
        if hi <= lo {
            0
        } else if hi - lo <= SCAN {
            (lo..hi)
                .filter(|&i| self.could_be_own(idx, i) && !self.outcomes.covers(i))
                .take(need)
                .count()
        } else {
            let c = self.counts(idx);
            ((c.plain[hi as usize] - c.plain[lo as usize]) as usize).min(need)
        }
    }

    /// Whether token `i` could be the answer's own inside an outcome
    /// mention: its own only on the side of a link away from the outcome
    /// the link asserts.
    fn covered_own(&self, idx: &AnswerIndex, i: u32) -> bool {
        self.outcomes.covers(i) && self.could_be_own(idx, i)
    }

    /// The `k`-th (from 1) of tokens `lo..hi` that could be the answer's
    /// own inside an outcome mention, counting from `lo`.
    fn nth_covered_after(&self, idx: &AnswerIndex, lo: u32, hi: u32, k: usize) -> Option<u32> {
        if hi <= lo || k == 0 {
            None
        } else if hi - lo <= SCAN {
            (lo..hi).filter(|&i| self.covered_own(idx, i)).nth(k - 1)
        } else {
            let c = &self.counts(idx).covered;
            let target = c[lo as usize] + k as u32;
            let j = c[lo as usize + 1..=hi as usize].partition_point(|&v| v < target);
            (j < (hi - lo) as usize).then(|| lo + j as u32)
        }
    }

    /// The `k`-th (from 1) of tokens `lo..hi` that could be the answer's
    /// own inside an outcome mention, counting back from `hi`.
    fn nth_covered_before(&self, idx: &AnswerIndex, lo: u32, hi: u32, k: usize) -> Option<u32> {
        if hi <= lo || k == 0 {
            None
        } else if hi - lo <= SCAN {
            (lo..hi)
                .rev()
                .filter(|&i| self.covered_own(idx, i))
                .nth(k - 1)
        } else {
            let c = &self.counts(idx).covered;
            let total = c[hi as usize];
            let k = k as u32;
            if total - c[lo as usize] < k {
                return None;
            }
            let j = c[lo as usize..hi as usize].partition_point(|&v| v <= total - k);
            Some(lo + j as u32 - 1)
        }
    }

    /// Calls `found` with each connective (an index into the answer's
    /// connectives, in text order) that would explain `point`, until it
    /// returns false.
    ///
    /// Only a connective in the point's sentence or the next can explain
    /// it, and only when the sentences it joins hold [`OWN_WORDS`] words
    /// of the answer's own: words not in a connective, not fillers, not
    /// the question's, and not in an outcome mention on the side of the
    /// link the outcome stands. They are the point's sentence and the
    /// link's; with "O because P" in one sentence, also the one before
    /// (which an opening "This was because" looks back to) and the one
    /// after, where an answer that puts its claim first gives the detail
    /// that supports it ("There was a struggle because they disagreed
    /// about the NEP. Lenin brought in the NEP in 1921, …").
    pub fn candidates(
        &self,
        idx: &AnswerIndex,
        point: &Span,
        mut found: impl FnMut(usize) -> bool,
    ) {
        if !self.outcomes.searched {
            return;
        }
        if !self.has_outcome {
            self.beside_point(idx, point, OWN_WORDS, &mut found);
            return;
        }
        let mut any = false;
        let mut seen = |k: usize| {
            any = true;
            found(k)
        };
        let go_on = self.effect_first(idx, point, &mut seen)
            && self.cause_first(idx, point, &mut seen)
            && self.next_sentence(idx, point, &mut seen);
        if go_on && !any && self.developed {
            self.beside_point(idx, point, OWN_WORDS_BESIDE, &mut found);
        }
    }

    /// Tokens `lo..hi` of sentences `first..=last` (the last one clipped
    /// to the answer's sentences).
    fn stretch(idx: &AnswerIndex, first: usize, last: usize) -> (u32, u32) {
        let sentences = &idx.tokens.sentences;
        let last = last.min(sentences.len() - 1);
        (
            sentences[first].tokens.start as u32,
            sentences[last].tokens.end as u32,
        )
    }

    /// The connectives whose effect comes first, in the point's sentence
    /// and before it: "O because P" with the outcome before the
    /// connective, or an opening "Because P, O" or "This was because P"
    /// with the outcome after the point or in the sentence before.
    ///
    /// Such a link weighs the sentences either side, and the outcome
    /// mentions from the link to the point are on its cause's side: the
    /// later the connective, the fewer own words it has, so those that
    /// explain are the ones up to a last token `upto`.
    fn effect_first(
        &self,
        idx: &AnswerIndex,
        point: &Span,
        found: &mut impl FnMut(usize) -> bool,
    ) -> bool {
        let s = point.sentence;
        let all = &self.connectives.all;
        let back = self.connectives.back.in_sentence(s);
        if back.is_empty() {
            return true;
        }
        let (pf, pl) = (point.first(), point.last());
        let start = idx.tokens.sentences[s].tokens.start as u32;
        let here = self.outcomes.in_sentence(s);
        let after_point = here.is_some_and(|(_, most_first)| most_first > pl);
        let before = s > 0 && self.outcomes.in_sentence(s - 1).is_some();
        // Worked out at the first connective placed to explain: `None`
        // when no connective can.
        let mut upto: Option<Option<u32>> = None;
        let mut i = 0;
        while let Some(&k) = back.get(i) {
            let l = &all[k as usize];
            if l.first >= pf || upto.is_some_and(|u| u.is_none_or(|u| l.first > u)) {
                break;
            }
            let opening = l.first <= start + OPENING;
            let outcome_before =
                here.is_some_and(|(least_last, _)| least_last <= l.first.saturating_sub(1));
            if l.last < pf && (outcome_before || opening && (after_point || before)) {
                let Some(u) = *upto.get_or_insert_with(|| self.effect_first_upto(idx, point))
                else {
                    break;
                };
                if l.first > u {
                    break;
                }
                if !found(k as usize) {
                    return false;
                }
            } else if !opening && !outcome_before {
                // None explains until one follows an outcome mention.
                let Some((least_last, _)) = here else { break };
                i = back.partition_point(|&k| all[k as usize].first <= least_last);
                continue;
            }
            i += 1;
        }
        true
    }

    /// The last token a connective whose effect comes first may start at
    /// to explain `point` in its sentence with words of the answer's own,
    /// if any may (see [`Self::effect_first`]).
    fn effect_first_upto(&self, idx: &AnswerIndex, point: &Span) -> Option<u32> {
        let s = point.sentence;
        let (lo, hi) = Self::stretch(idx, s.saturating_sub(1), s + 1);
        match OWN_WORDS - self.plain(idx, lo, hi, OWN_WORDS) {
            0 => Some(u32::MAX),
            need => self.nth_covered_before(idx, lo, point.last() + 1, need),
        }
    }

    /// The connectives whose cause comes first, in the point's sentence
    /// and after it: "P, so … O" with the outcome after the connective, or
    /// "P to O" with the outcome within its reach.
    ///
    /// Such a link weighs the point's sentence alone, and the outcome
    /// mentions up to its end are on the cause's side: the later the
    /// connective, the more own words it has, so those that explain are
    /// the ones ending at token `from` or after.
    fn cause_first(
        &self,
        idx: &AnswerIndex,
        point: &Span,
        found: &mut impl FnMut(usize) -> bool,
    ) -> bool {
        let s = point.sentence;
        let pl = point.last();
        let Some((_, most_first)) = self.outcomes.in_sentence(s) else {
            return true;
        };
        if most_first <= pl {
            return true;
        }
        let all = &self.connectives.all;
        let forward = self.connectives.forward.in_sentence(s);
        let purpose = in_sentence(all, &self.outcomes.purpose, s);
        if forward.is_empty() && purpose.is_empty() {
            return true;
        }
        // A connective starting at the last mention or after has none
        // after it.
        let forward = &forward[..forward.partition_point(|&k| all[k as usize].first < most_first)];
        let starts_after =
            |kind: &[u32], t: u32| kind.partition_point(|&k| all[k as usize].first <= t);
        let (forward, purpose) = (
            &forward[starts_after(forward, pl)..],
            &purpose[starts_after(purpose, pl)..],
        );
        if forward.is_empty() && purpose.is_empty() {
            return true;
        }
        let (lo, hi) = Self::stretch(idx, s, s);
        let need = OWN_WORDS - self.plain(idx, lo, hi, OWN_WORDS);
        let from = if need == 0 {
            0
        } else {
            match self.nth_covered_after(idx, lo, hi, need) {
                Some(t) => t,
                None => return true,
            }
        };
        // A connective ending at `from` or after starts after this.
        let after = from.saturating_sub(CONNECTIVE_WORDS);
        let (forward, purpose) = (
            &forward[starts_after(forward, after)..],
            &purpose[starts_after(purpose, after)..],
        );
        for (is_forward, k) in merge(forward, purpose) {
            let l = &all[k as usize];
            if is_forward && l.last >= most_first || l.last < from {
                continue;
            }
            if !found(k as usize) {
                return false;
            }
        }
        true
    }

    /// The connectives whose cause comes first opening the next sentence
    /// (or up to [`BACK_REFERENCE`] words in, after a word that points
    /// back), with the outcome after them: "P. This meant … O".
    fn next_sentence(
        &self,
        idx: &AnswerIndex,
        point: &Span,
        found: &mut impl FnMut(usize) -> bool,
    ) -> bool {
        let s = point.sentence;
        let Some(next) = idx.tokens.sentences.get(s + 1) else {
            return true;
        };
        let Some((_, most_first)) = self.outcomes.in_sentence(s + 1) else {
            return true;
        };
        let all = &self.connectives.all;
        let start = next.tokens.start as u32;
        let (lo, hi) = Self::stretch(idx, s, s + 1);
        let mut plain = None;
        for &k in self.connectives.forward.in_sentence(s + 1) {
            let l = &all[k as usize];
            if l.first > start + BACK_REFERENCE {
                break;
            }
            let placed = l.first <= start + OPENING || refers_back(idx, start, l.first);
            if !placed || l.last >= most_first {
                continue;
            }
            let plain = *plain.get_or_insert_with(|| self.plain(idx, lo, hi, OWN_WORDS));
            let own = plain >= OWN_WORDS
                || self
                    .nth_covered_after(idx, lo, l.last + 1, OWN_WORDS - plain)
                    .is_some();
            if own && !found(k as usize) {
                return false;
            }
        }
        true
    }

    /// For a card that names no outcome: any connective in the point's
    /// sentence or the next, but purpose, whose sentences hold words of
    /// their own (a connective whose effect comes first in the point's
    /// sentence weighs the sentences either side too; one in the next
    /// sentence weighs both).
    fn beside_point(
        &self,
        idx: &AnswerIndex,
        point: &Span,
        need: usize,
        found: &mut impl FnMut(usize) -> bool,
    ) -> bool {
        let s = point.sentence;
        let c = self.connectives;
        let own = |first: usize, last: usize| {
            let (lo, hi) = Self::stretch(idx, first, last);
            self.plain(idx, lo, hi, need) >= need
        };
        let kept = |kind: &'l [u32], first: usize, last: usize| -> &'l [u32] {
            if kind.is_empty() || !own(first, last) {
                &[]
            } else {
                kind
            }
        };
        let back = kept(c.back.in_sentence(s), s.saturating_sub(1), s + 1);
        let forward = kept(c.forward.in_sentence(s), s, s);
        for (_, k) in merge(back, forward) {
            if !found(k as usize) {
                return false;
            }
        }
        if s + 1 >= idx.tokens.sentences.len() {
            return true;
        }
        let back = c.back.in_sentence(s + 1);
        let forward = c.forward.in_sentence(s + 1);
        if back.is_empty() && forward.is_empty() || !own(s, s + 1) {
            return true;
        }
        for (_, k) in merge(back, forward) {
            if !found(k as usize) {
                return false;
            }
        }
        true
    }
}
