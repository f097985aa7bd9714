//! When is a point explained? When a causal link joins it to the outcome
//! the question asks about ("lost", "feared", "struggle"), in the direction
//! the connective points:
//!
//! - "P, so/which meant/led to … O" or "P. This meant … O" (cause first);
//! - "O because P", "Because P, O", or "O. This was because P" (effect first);
//! - "P to O", purpose, when the outcome follows within a few words ("used
//!   the show trials to scare people").
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

use super::find::{Matcher, Span};
use super::index::AnswerIndex;
use crate::rubric::compile::CompiledCard;
use rustc_hash::FxHashSet;

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

impl Link {
    /// Whether `sentence` is beside this connective: its own sentence or
    /// the one before. Only a point or an outcome mention beside a
    /// connective can be linked by it.
    pub fn beside(&self, sentence: usize) -> bool {
        sentence == self.sentence || sentence + 1 == self.sentence
    }
}

/// (sentence, first token, last token) of a match.
pub type Place = (usize, u32, u32);

/// The connectives and outcome mentions of an answer for one card.
#[derive(Debug, Clone, Copy)]
pub struct Links<'l> {
    /// The answer's connectives, shared by every card, in text order.
    pub links: &'l [Link],
    /// Each standing outcome mention of the card.
    pub outcomes: &'l [Place],
    /// Whether the card names its outcome (else any nearby link counts).
    pub has_outcome: bool,
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

impl<'l> Links<'l> {
    /// Finds the connectives in an answer (the same for every card), in
    /// text order.
    pub fn connectives(m: &Matcher) -> Vec<Link> {
        let mut links: Vec<Link> = Vec::new();
        for c in &m.rubric.connectives {
            links.extend(m.term(c.term).iter().map(|s| Link {
                sentence: s.sentence,
                first: s.first(),
                last: s.last(),
                forward: c.forward,
                reach: c.reach,
            }));
        }
        links.sort_by_key(|l| (l.first, l.last));
        links.dedup_by_key(|l| (l.first, l.forward));
        links
    }

    /// An answer's connectives with a card's outcome mentions (`outcomes`,
    /// the standing matches of the card's outcome terms).
    pub fn for_card(links: &'l [Link], card: &'l CompiledCard, outcomes: &'l [Place]) -> Links<'l> {
        Links {
            links,
            outcomes,
            has_outcome: !card.outcome.is_empty(),
            question: &card.question_stems,
        }
    }

    /// Sentences holding any connective.
    pub fn causal_sentences(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.links.iter().map(|l| l.sentence).collect();
        v.dedup();
        v
    }

    /// How many of the connectives could explain some point: when the
    /// card names its outcome, a connective explains only with an outcome
    /// mention in its own sentence or the one before (see
    /// [`Self::candidates`]); otherwise any may.
    pub fn usable(&self) -> usize {
        if !self.has_outcome {
            return self.links.len();
        }
        self.links
            .iter()
            .filter(|l| self.outcomes.iter().any(|&(s, _, _)| l.beside(s)))
            .count()
    }

    fn outcome_in(&self, sentence: usize, from: u32, to: u32, point: &Span) -> bool {
        self.outcomes.iter().any(|&(s, a, b)| {
            s == sentence && a >= from && b <= to && !(a <= point.last() && b >= point.first())
        })
    }

    fn outcome_starts_in(&self, sentence: usize, from: u32, to: u32, point: &Span) -> bool {
        self.outcomes.iter().any(|&(s, a, b)| {
            s == sentence && a >= from && a <= to && !(a <= point.last() && b >= point.first())
        })
    }

    /// Whether token `i` is part of a connective. The connectives are in
    /// order of their first token and a few words long at most, so only
    /// those starting just before `i` can hold it.
    fn linking(&self, i: u32) -> bool {
        let n = self.links.partition_point(|k| k.first <= i);
        self.links[..n]
            .iter()
            .rev()
            .take_while(|k| k.first + CONNECTIVE_WORDS > i)
            .any(|k| k.last >= i)
    }

    /// Whether the sentences a link joins hold [`OWN_WORDS`] words of the
    /// answer's own: not in a connective or in an outcome mention on the
    /// side of the link the outcome stands, not fillers, not the
    /// question's. They are the point's and the link's;
    /// with "O because P" in one sentence, also the one before (which an
    /// opening "This was because" looks back to) and the one after, where
    /// an answer that puts its claim first gives the detail that supports
    /// it ("There was a struggle because they disagreed about the NEP.
    /// Lenin brought in the NEP in 1921, …").
    fn carries_something(&self, idx: &AnswerIndex, point: &Span, l: &Link) -> bool {
        let s = point.sentence;
        let claim_first = l.sentence == s && !l.forward;
        let first = if claim_first { s.saturating_sub(1) } else { s };
        let last = if claim_first {
            (s + 1).min(idx.tokens.sentences.len().saturating_sub(1))
        } else {
            l.sentence.max(s)
        };
        let sentences = &idx.tokens.sentences;
        let (Some(a), Some(b)) = (sentences.get(first), sentences.get(last)) else {
            return true;
        };
        let within = |t: u32, (a, b): (u32, u32)| t >= a && t <= b;
        // The side of the link the outcome it asserts stands on; outcome
        // words on the point's side are part of the claim ("removed
        // anyone who could challenge him, so …").
        let beyond = |t: u32| {
            if l.forward {
                t > l.last
            } else {
                t < l.first || t > point.last()
            }
        };
        (a.tokens.start..b.tokens.end)
            .filter(|&ti| {
                // Cheapest tests first: most words are fillers.
                let t = &idx.tokens.tokens[ti];
                let i = ti as u32;
                !(super::is_filler(t.norm())
                    || self.linking(i)
                    || beyond(i) && self.outcomes.iter().any(|&(_, a, b)| within(i, (a, b)))
                    || self.question.contains(&t.key()))
            })
            .nth(OWN_WORDS - 1)
            .is_some()
    }

    /// Calls `found` with each connective (an index into `links`, in
    /// order) that would explain `point`.
    pub fn candidates(&self, idx: &AnswerIndex, point: &Span, mut found: impl FnMut(usize)) {
        let s = point.sentence;
        let start = |n: usize| idx.tokens.sentences.get(n).map(|x| x.tokens.start as u32);
        let end = |n: usize| {
            idx.tokens
                .sentences
                .get(n)
                .map(|x| x.tokens.end.saturating_sub(1) as u32)
        };
        // Only a connective in the point's sentence or the next can
        // explain it, and the connectives are in text order.
        let from = self.links.partition_point(|l| l.sentence < s);
        for (i, l) in self.links.iter().enumerate().skip(from) {
            if l.sentence > s + 1 {
                break;
            }
            let ok = if let Some(reach) = l.reach {
                self.has_outcome
                    && l.sentence == s
                    && l.first > point.last()
                    && self.outcome_starts_in(s, l.last + 1, l.last + reach, point)
            } else if !self.has_outcome {
                l.beside(s)
            } else if l.sentence == s && l.forward {
                l.first > point.last() && self.outcome_in(s, l.last + 1, u32::MAX, point)
            } else if l.sentence == s {
                let opening = start(s).is_some_and(|st| l.first <= st + OPENING);
                (l.last < point.first() && self.outcome_in(s, 0, l.first.saturating_sub(1), point))
                    || (opening
                        && l.last < point.first()
                        && self.outcome_in(s, point.last() + 1, u32::MAX, point))
                    || (opening
                        && l.last < point.first()
                        && s > 0
                        && self.outcome_in(s - 1, 0, u32::MAX, point))
            } else if l.sentence == s + 1 && l.forward {
                start(s + 1).is_some_and(|st| {
                    l.first <= st + OPENING
                        || (l.first <= st + BACK_REFERENCE && refers_back(idx, st, l.first))
                }) && end(s + 1).is_some_and(|e| self.outcome_in(s + 1, l.last + 1, e, point))
            } else {
                false
            };
            if ok && self.carries_something(idx, point, l) {
                found(i);
            }
        }
    }
}
