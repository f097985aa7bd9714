//! The marker: judges each rubric point of a card in an answer as missing,
//! identified or explained, applies the card's misconceptions, and turns the
//! tally into a level and mark with feedback.
//!
//! Marking is positive, but a wrong statement earns nothing: a
//! misconception cancels the point it contradicts, and the sentence that
//! states it credits no other point either ("Trotsky was General Secretary
//! so everyone thought he was big-headed" is reasoning from a wrong fact).
//!
//! An answer is indexed once against the compiled rubric's vocabulary
//! ([`AnswerIndex`]); every card can then be judged against that index.

mod assign;
mod copy;
mod explain;
pub mod find;
pub mod index;
pub mod lists;
mod shared;

pub use find::Span;
pub use index::{AnswerIndex, How};

use crate::level::{DESCRIPTORS, Tally, award};
use crate::report::{Evidence, MarkResult, MisconceptionResult, PointResult, Status};
use crate::rubric::compile::{CompiledCard, CompiledRubric};
use crate::text::english::zipf;
use crate::text::{Token, year};
use assign::Options;
use copy::{Copies, wholly_copied};
use explain::Links;
use find::Matcher;
use shared::Shared;
use std::borrow::Cow;

/// How one point fared, with everything a trace needs.
#[derive(Debug, Clone)]
pub struct PointJudgement {
    pub status: Status,
    /// Every match of the point's rules, negated ones included.
    pub spans: Vec<Span>,
    /// Sentences whose match counts, each with whether it is explained.
    pub credited: Vec<(usize, bool)>,
    /// The misconception that cancelled the point, if one did.
    pub cancelled_by: Option<usize>,
}

/// A whole answer judged against one card.
#[derive(Debug, Clone)]
pub struct Judgement {
    pub points: Vec<PointJudgement>,
    /// Misconceptions found: index and the span that showed it.
    pub misconceptions: Vec<(usize, Span)>,
    /// Sentences holding a causal connective.
    pub causal_sentences: Vec<usize>,
    pub tally: Tally,
    /// The card this answer fits far better, when it is off the question.
    pub off_question: Option<usize>,
    /// The card's latest year ([`crate::rubric::CardRubric::until`]), when
    /// every year the answer names is later: it answers another question.
    pub off_period: Option<u16>,
    /// Whether its explanations were taken back because the answer, two
    /// sentences or more, holds too little knowledge of its own to support
    /// one: fewer than three distinct names, figures, terms or rarer words
    /// not the question's.
    pub unsupported: bool,
}

impl Judgement {
    /// How well the answer fits the card: two for each point explained,
    /// one for each identified.
    pub fn fit(&self) -> usize {
        2 * self.tally.explained + self.tally.identified
    }
}

/// How much better another card must fit (see [`Judgement::fit`]) for an
/// answer to be off the question.
const OFF_QUESTION_MARGIN: usize = 3;

/// Whether a card that fits an answer by `fit` fits it far better than
/// the card it was written for, which fits by `own`.
fn far_better(fit: usize, own: usize) -> bool {
    fit >= own + OFF_QUESTION_MARGIN && fit >= 2 * own
}

/// Marks a judgement as off the question, the answer reading as one to
/// card `other`: its reasoning explains nothing here, and it scores as
/// one identified reason at most.
fn off_question(j: &mut Judgement, other: usize) {
    j.off_question = Some(other);
    explains_nothing(j, 1);
}

/// Takes back every explanation of a judgement, and counts at most
/// `identified` of its points as identified reasons.
fn explains_nothing(j: &mut Judgement, identified: usize) {
    for p in &mut j.points {
        p.credited.iter_mut().for_each(|c| c.1 = false);
        if p.status == Status::Explained {
            p.status = Status::Identified;
        }
    }
    j.tally.explained = 0;
    j.tally.identified = j.tally.identified.min(identified);
    j.tally.listed = j.tally.listed.min(j.tally.identified);
    j.tally.well_supported = false;
}

/// Marks a judgement as off the question's period: every year the answer
/// names is after `until`, the latest its question is about, so its
/// events answer another question (its sentences without a year are
/// about them too, as a rule). It does not address the question asked:
/// Level 0.
fn off_period(j: &mut Judgement, until: u16) {
    j.off_period = Some(until);
    j.tally.on_topic = false;
    explains_nothing(j, 0);
}

/// The sentences where no match of a point counts: those that state one
/// of the card's misconceptions (`wrong`), and, on a card that states the
/// latest year its question is about, those whose every year is later
/// ("Trotsky was murdered in Mexico in 1940"): what happened after the
/// outcome cannot be a reason for it.
fn uncredited_sentences(
    c: &CompiledCard,
    idx: &AnswerIndex,
    wrong: &[(usize, Span)],
) -> smallvec::SmallVec<[usize; 8]> {
    let mut out: smallvec::SmallVec<[usize; 8]> = wrong.iter().map(|(_, w)| w.sentence).collect();
    let Some(until) = c.until else { return out };
    let toks = &idx.tokens.tokens;
    for (n, sentence) in idx.tokens.sentences.iter().enumerate() {
        if all_years_after(&toks[sentence.tokens.clone()], until) {
            out.push(n);
        }
    }
    out
}

/// Whether every year tokens `toks` name ([`crate::text::year`]) is
/// after `until`, and they name one: of a whole answer, or one sentence.
fn all_years_after(toks: &[Token], until: u16) -> bool {
    let mut years = toks.iter().filter_map(|t| year(t.norm())).peekable();
    years.peek().is_some() && years.all(|y| y > until)
}

/// How many words of knowledge ([`knows_little`]) an answer must hold
/// for any of its reasons to be explained.
const KNOWLEDGE_WORDS: usize = 3;

/// How common a word may be, on the Zipf scale, to be a word of
/// knowledge: "secretary" (4.2), "funeral" (4.3) and "prisoners" (4.1)
/// are; "republic" (4.6), "power" (5.1) and "important" (5.2) are not.
/// Chosen on the development sets (docs/accuracy.md).
const KNOWLEDGE_ZIPF: f64 = 4.6;

/// How many sentences an answer must have for [`knows_little`] to judge
/// it: in one or two, a link may be all the support there is room for
/// ("they thought he might use the red army to take over like Napoleon
/// did, so they didn't trust him", which an examiner explained).
const RETOLD_SENTENCES: usize = 2;

/// Whether an answer of [`RETOLD_SENTENCES`] or more holds fewer than
/// [`KNOWLEDGE_WORDS`] words of knowledge: distinct words, not the
/// question's, that are figures or rarer than [`KNOWLEDGE_ZIPF`] (names,
/// terms, events). MARKING.md's Level 3 needs "a specific reason,
/// supported by knowledge": an answer that says one reason over and over
/// ("Stalin was General Secretary. This was a very important position.
/// Being General Secretary gave him power, so Trotsky lost.") names it,
/// and explains nothing.
fn knows_little(c: &CompiledCard, idx: &AnswerIndex) -> bool {
    if idx.tokens.sentences.len() < RETOLD_SENTENCES {
        return false;
    }
    let mut seen: smallvec::SmallVec<[u64; KNOWLEDGE_WORDS]> = smallvec::SmallVec::new();
    for t in &idx.tokens.tokens {
        let norm = t.norm();
        let figure = norm.bytes().all(|b| b.is_ascii_digit());
        if t.word().function() || t.negator() || norm.len() < 3 && !figure {
            continue;
        }
        let key = t.key();
        if seen.contains(&key) || c.question_stems.contains(&key) {
            continue;
        }
        if figure || zipf(norm) < KNOWLEDGE_ZIPF {
            seen.push(key);
            if seen.len() >= KNOWLEDGE_WORDS {
                return false;
            }
        }
    }
    true
}

/// Words too common to show that an answer says anything of its own.
#[inline]
fn is_filler(norm: &str) -> bool {
    norm.len() < 4
        || matches!(
            norm,
            "that"
                | "this"
                | "there"
                | "they"
                | "them"
                | "their"
                | "then"
                | "than"
                | "with"
                | "were"
                | "what"
                | "when"
                | "where"
                | "which"
                | "while"
                | "have"
                | "been"
                | "from"
                | "into"
                | "also"
                | "very"
                | "because"
                | "about"
                | "would"
                | "could"
        )
}

impl CompiledRubric {
    /// Indexes an answer against this rubric's vocabulary.
    pub fn index<'t>(&self, answer: &'t str) -> AnswerIndex<'t> {
        AnswerIndex::new(self, answer)
    }

    /// Judges an indexed answer against card `card` (an index into `cards`),
    /// checking it against every other card too: the same judgement as
    /// `judge_all(idx)[card]`, but another card's fit is worked out only
    /// when cheap upper bounds on it say it could be the better one (see
    /// `better_card`).
    pub fn judge(&self, card: usize, idx: &AnswerIndex) -> Judgement {
        let m = Matcher::new(self, idx);
        let mut sh = Shared::new(&m);
        let mut j = self.judge_alone(card, &mut sh);
        if let Some(other) = self.better_card(card, &j, &mut sh) {
            off_question(&mut j, other);
        }
        j
    }

    /// Judges an indexed answer against every card. When another card fits
    /// an answer far better than the card it was written for, it is off
    /// that question: its reasoning, which answers the other question,
    /// explains nothing there, and it scores as one identified reason at
    /// most.
    pub fn judge_all(&self, idx: &AnswerIndex) -> Vec<Judgement> {
        let m = Matcher::new(self, idx);
        let mut sh = Shared::new(&m);
        let mut all: Vec<Judgement> = (0..self.cards.len())
            .map(|card| self.judge_alone(card, &mut sh))
            .collect();
        let fits: Vec<usize> = all.iter().map(Judgement::fit).collect();
        for (card, j) in all.iter_mut().enumerate() {
            let best_other = fits
                .iter()
                .enumerate()
                .filter(|&(other, _)| other != card)
                .max_by_key(|&(_, fit)| *fit);
            if let Some((other, &fit)) = best_other
                && far_better(fit, fits[card])
            {
                off_question(j, other);
            }
        }
        all
    }

    /// The card, other than `card`, that the answer fits far better than
    /// `card` (as `judged` judges it), as [`Self::judge_all`] picks it: the
    /// best-fitting other card (the last of equals), when it is far better.
    ///
    /// A card's fit counts each point identified once and each explained
    /// twice more, and each connective explains one point at most, so it is
    /// at most the points whose rules could match at all and twice as many
    /// of them as there are connectives. Only the cards whose bound reaches the
    /// far-better threshold are weighed further (see [`Self::fit`]), highest
    /// bound first; a card whose bound can't beat the best fit found so far
    /// is not weighed at all. Every card whose fit equals the best one's,
    /// when that is far better, is weighed, so the pick is the same.
    fn better_card(&self, card: usize, judged: &Judgement, sh: &mut Shared) -> Option<usize> {
        let own = judged.fit();
        let found = (&self.cards[card], judged.points.as_slice());
        // (bound, card) of each card that could be far better.
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        // The most a card with `p` points that could match can fit by: each
        // explained point takes a connective of its own.
        let links = sh.connectives.len();
        let most = |p: usize| p + 2 * p.min(links);
        // The fewest points that could make a card far better.
        let needed = (0..).find(|&p| far_better(most(p), own)).unwrap_or(0);
        for other in 0..self.cards.len() {
            if other == card {
                continue;
            }
            if let Some(possible) = sh.possible(other, needed) {
                candidates.push((most(possible), other));
            }
        }
        // Highest bound first (and of equal bounds the later card, which
        // wins a tie): once a card's bound can't beat the best fit found,
        // no card after it can, and weighing stops.
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        let mut best: Option<(usize, usize)> = None;
        for (bound, other) in candidates {
            if best.is_some_and(|b| (bound, other) < b) {
                break;
            }
            // Whether a fit of `bound` would matter: far better than `own`
            // and better than the best so far.
            let matters =
                |bound: usize| far_better(bound, own) && best.is_none_or(|b| (bound, other) > b);
            if let Some(fit) = self.fit(other, sh, matters, found)
                && best.is_none_or(|b| (fit, other) > b)
            {
                best = Some((fit, other));
            }
        }
        best.filter(|&(fit, _)| far_better(fit, own))
            .map(|(_, other)| other)
    }

    /// The answer's fit to card `card` ([`Judgement::fit`] of
    /// [`Self::judge_alone`]), worked out no further than it `matters`.
    /// A point is identified only by a standing match not wholly copied
    /// from the question, and explained only by a connective of its own
    /// beside such a match (and, when the card names its outcome, beside an
    /// outcome mention too: [`explain::Links::usable`]). So the usable
    /// connectives say how many points must be identified for the fit to
    /// matter, and the card is given up (`None`) as soon as too few of its
    /// points are left that could be identified, and explained, for it to
    /// matter: a point is counted as explainable when, with the card's
    /// outcome mentions, a connective could explain one of its matches
    /// ([`explain::Links::candidates`]), so that a card whose points are
    /// found but can't be explained is given up before all are searched.
    /// The card's misconceptions and the choice of connectives are looked
    /// at only when enough are. A point that card `found.0` lists too (by
    /// its rules' matches) reuses that card's judged matches, `found.1`.
    fn fit(
        &self,
        card: usize,
        sh: &mut Shared,
        matters: impl Fn(usize) -> bool,
        found: (&CompiledCard, &[PointJudgement]),
    ) -> Option<usize> {
        let c = &self.cards[card];
        let m = sh.m;
        let idx = m.idx;
        // An answer off the card's period fits it by nothing
        // ([`off_period`]).
        if c.until
            .is_some_and(|until| all_years_after(&idx.tokens.tokens, until))
        {
            return matters(0).then_some(0);
        }
        let could = sh.points_could(card);
        let mut left = could.iter().filter(|&&could| could).count();
        // The fewest points identified that could make the fit matter,
        // were every point identified explained too; then given the
        // usable connectives (which need counting only that far).
        let needed = (0..=left).find(|&p| matters(3 * p))?;
        let up_to_needed = sh.usable_up_to(card, needed);
        (needed..=left).find(|&p| matters(p + 2 * p.min(up_to_needed)))?;
        let could_matter = |identified: usize, explainable: usize, usable: usize| {
            matters(identified + 2 * explainable.min(usable))
        };
        // With the card's outcome mentions, the connectives that could
        // explain a point, and for each point, as its matches are found,
        // whether it is identified and whether a connective could explain
        // it; the card is given up as soon as too few points are left that
        // could be, for its fit to matter.
        let (links, copies, _) = sh.for_card(card, true);
        let usable = links.usable();
        let (mut identified, mut explainable) = (0, 0);
        let mut spans: Vec<Cow<[Span]>> = Vec::with_capacity(c.points.len());
        for (p, &could) in c.points.iter().zip(&could) {
            if !could {
                spans.push(Cow::Borrowed(&[]));
                continue;
            }
            if !could_matter(identified + left, explainable + left, usable) {
                return None;
            }
            left -= 1;
            let mut same = found.0.points.iter().zip(found.1);
            let found = match same.find(|(q, _)| q.matches_id == p.matches_id) {
                Some((_, judged)) => Cow::Borrowed(judged.spans.as_slice()),
                None => Cow::Owned(m.point(p)),
            };
            let (counts, explains) = counts_and_explains(&links, idx, &found, copies, card);
            identified += usize::from(counts);
            explainable += usize::from(explains);
            spans.push(found);
        }
        if !could_matter(identified, explainable, usable) {
            return None;
        }
        let mc_could = sh.misconceptions_could(card);
        let (links, copies, options) = sh.for_card(card, true);
        let wrong = misconceptions_found(c, m, &mc_could);
        let refused = uncredited_sentences(c, idx, &wrong);
        options.clear();
        for (pi, spans) in spans.iter().enumerate() {
            options.start_point();
            if !wrong.iter().any(|&(i, _)| c.misconceptions[i].point == pi) {
                add_options(options, &links, idx, spans, (copies, card), &refused);
            }
        }
        options.assign(links.connectives.len());
        let explains = !knows_little(c, idx);
        let mut fit = 0;
        for p in 0..spans.len() {
            if explains && options.explained_at(p).is_some() {
                fit += 2;
            }
            if !options.sentences(p).is_empty() {
                fit += 1;
            }
        }
        Some(fit)
    }

    /// Judges an indexed answer against one card alone.
    fn judge_alone(&self, card: usize, sh: &mut Shared) -> Judgement {
        let c = &self.cards[card];
        let m = sh.m;
        let idx = m.idx;
        let could = sh.points_could(card);
        let mc_could = sh.misconceptions_could(card);
        let misconceptions = misconceptions_found(c, m, &mc_could);

        // Each point's matches, and the misconception that cancels it.
        let mut points: Vec<PointJudgement> = c
            .points
            .iter()
            .zip(&could)
            .enumerate()
            .map(|(pi, (p, &could))| PointJudgement {
                status: Status::Missing,
                spans: if could { m.point(p) } else { Vec::new() },
                credited: Vec::new(),
                cancelled_by: misconceptions
                    .iter()
                    .find(|(m, _)| c.misconceptions[*m].point == pi)
                    .map(|(m, _)| *m),
            })
            .collect();

        // Each point's standing matches, one per sentence, with the
        // connectives that could explain each.
        let beside = points.iter().any(|p| sh.beside_link(&p.spans));
        let (links, copies, options) = sh.for_card(card, beside);
        let refused = uncredited_sentences(c, idx, &misconceptions);
        options.clear();
        for pj in &points {
            options.start_point();
            if pj.cancelled_by.is_none() {
                add_options(options, &links, idx, &pj.spans, (copies, card), &refused);
            }
        }

        // One connective explains one point: the points with fewest
        // options choose first.
        options.assign(links.connectives.len());
        for (p, pj) in points.iter_mut().enumerate() {
            let explained_at = options.explained_at(p);
            pj.credited = options
                .sentences(p)
                .iter()
                .map(|&sentence| (sentence, Some(sentence) == explained_at))
                .collect();
            pj.status = match (explained_at, pj.credited.is_empty()) {
                (Some(_), _) => Status::Explained,
                (None, true) => Status::Missing,
                (None, false) => Status::Identified,
            };
        }

        let identified = points
            .iter()
            .filter(|p| p.status != Status::Missing)
            .count();
        // The points only keyword lists make count as one between them.
        let listed = {
            let mut lists = lists::ListSentences::default();
            points
                .iter()
                .filter(|p| {
                    p.status != Status::Missing
                        && p.credited
                            .iter()
                            .all(|&(s, _)| lists.is_list(idx.text, &idx.tokens, s))
                })
                .count()
        };
        let tally = Tally {
            identified,
            listed,
            explained: points
                .iter()
                .filter(|p| p.status == Status::Explained)
                .count(),
            well_supported: points
                .iter()
                .any(|p| p.status == Status::Explained && p.credited.len() >= WELL_SUPPORTED),
            // The level table reads this only when no point is
            // identified; an answer that identifies one is on the topic.
            on_topic: identified > 0 || on_topic(c, m, copies.copied(card)),
        };
        let mut j = Judgement {
            points,
            misconceptions,
            causal_sentences: links.causal_sentences(),
            tally,
            off_question: None,
            off_period: None,
            unsupported: false,
        };
        if j.tally.explained > 0 && knows_little(c, idx) {
            j.unsupported = true;
            explains_nothing(&mut j, identified);
        }
        if let Some(until) = c.until
            && all_years_after(&idx.tokens.tokens, until)
        {
            off_period(&mut j, until);
        }
        j
    }

    /// Marks an answer against card `card` (an index into `cards`).
    pub fn mark(&self, card: usize, answer: &str) -> MarkResult {
        let idx = self.index(answer);
        let judgement = self.judge(card, &idx);
        self.result(card, &idx, &judgement)
    }

    /// Builds the reported result from a judgement.
    pub fn result(&self, card: usize, idx: &AnswerIndex, j: &Judgement) -> MarkResult {
        let c = &self.cards[card];
        let outcome = award(c.scheme, c.marks.as_ref(), c.max, j.tally);
        let points: Vec<PointResult> = c
            .points
            .iter()
            .zip(&j.points)
            .map(|(p, pj)| PointResult {
                id: p.id.clone(),
                label: p.label.clone(),
                status: pj.status,
                evidence: pj
                    .credited
                    .iter()
                    .filter_map(|&(sentence, explained)| {
                        // The matches are in text order.
                        let from = pj.spans.partition_point(|s| s.sentence < sentence);
                        pj.spans[from..]
                            .iter()
                            .take_while(|s| s.sentence == sentence)
                            .find(|s| s.stands())
                            .map(|s| evidence(idx, s, explained))
                    })
                    .collect(),
                hint: (pj.status == Status::Missing).then(|| p.hint.clone()),
            })
            .collect();
        let misconceptions = j
            .misconceptions
            .iter()
            .map(|(m, span)| {
                let mc = &c.misconceptions[*m];
                MisconceptionResult {
                    id: mc.id.clone(),
                    point: c.points[mc.point].id.clone(),
                    correction: mc.correction.clone(),
                    evidence: evidence(idx, span, false),
                }
            })
            .collect();
        let empty = idx.tokens.tokens.is_empty();
        let level = outcome.level;
        MarkResult {
            id: None,
            question_id: c.card.clone(),
            question: c.question.clone(),
            mark: outcome.mark,
            max: c.max,
            level,
            descriptor: match (level, &c.marks) {
                (Some(l), _) => DESCRIPTORS[usize::from(l)].to_string(),
                (None, Some(table)) => table.describe(j.tally.identified, outcome.mark),
                (None, None) => format!("{} of {} points", outcome.mark, c.max),
            },
            feedback: if empty {
                vec![
                    "Write an answer: give a reason and explain how it answers the question."
                        .into(),
                ]
            } else if j.off_question.is_some() {
                let mut f = vec![
                    [
                        "Answer the question asked, \"",
                        &c.question,
                        "\", not a neighbouring one.",
                    ]
                    .concat(),
                ];
                if let Some(p) = points.iter().find(|p| p.status == Status::Missing) {
                    f.push(["Start from a reason that answers it: ", &p.label].concat());
                }
                f
            } else if let Some(until) = j.off_period {
                vec![format!(
                    "Answer the question for the time it asks about: every date you give is \
                     after {until}, so what you describe came too late to be a reason."
                )]
            } else {
                feedback(c, &points, level, outcome.mark)
            },
            points,
            misconceptions,
            note: if empty {
                Some("no answer".to_string())
            } else if let Some(until) = j.off_period {
                Some(format!(
                    "every year this answer names is after {until}, the latest the question is \
                     about: it answers another question"
                ))
            } else if j.unsupported && j.off_question.is_none() {
                Some(
                    "no reason counts as explained: the answer gives too little knowledge of its \
                     own (names, dates, events, terms) to support one"
                        .to_string(),
                )
            } else {
                j.off_question.map(|o| {
                    [
                        "this reads as an answer to card ",
                        &self.cards[o].card,
                        " (\"",
                        &self.cards[o].question,
                        "\"), not to the question asked",
                    ]
                    .concat()
                })
            },
        }
    }
}

/// The misconceptions of card `c` that the answer states, each with the
/// standing match that shows it; only those whose rules `could` match are
/// searched.
fn misconceptions_found(c: &CompiledCard, m: &Matcher, could: &[bool]) -> Vec<(usize, Span)> {
    c.misconceptions
        .iter()
        .enumerate()
        .filter(|&(i, _)| could[i])
        .filter_map(|(i, mc)| {
            m.rules(&mc.rules)
                .into_iter()
                .find(Span::stands)
                .map(|s| (i, s))
        })
        .collect()
}

/// Whether some of a point's matches could count for card `card`
/// (standing, not wholly copied), and whether a connective could explain
/// one of those: an upper bound on what [`add_options`] finds, which also
/// leaves out the sentences that state a misconception.
fn counts_and_explains(
    links: &Links,
    idx: &AnswerIndex,
    spans: &[Span],
    copies: &mut Copies,
    card: usize,
) -> (bool, bool) {
    let (mut counts, mut explains) = (false, false);
    for s in spans.iter().filter(|s| s.stands()) {
        if copies.wholly_copied(card, s) {
            continue;
        }
        counts = true;
        links.candidates(idx, s, |_| {
            explains = true;
            false
        });
        if explains {
            break;
        }
    }
    (counts, explains)
}

/// Adds to `options`, for the current point, each of its matches that
/// counts (standing, not in a sentence `refused` ([`uncredited_sentences`]),
/// not wholly copied from the question of the card `copies` is given
/// with), with the connectives that could explain it.
fn add_options(
    options: &mut Options,
    links: &Links,
    idx: &AnswerIndex,
    spans: &[Span],
    (copies, card): (&mut Copies, usize),
    refused: &[usize],
) {
    for s in spans.iter().filter(|s| s.stands()) {
        if refused.contains(&s.sentence) || copies.wholly_copied(card, s) {
            continue;
        }
        options.sentence(s.sentence);
        if options.has_room() {
            links.candidates(idx, s, |l| options.candidate(s.sentence, l));
        }
    }
}

/// In how many sentences an explained point's own words must be found for
/// it to be well supported (Level 3's upper mark, 5, with no other reason
/// identified): the claim and two sentences of detail that name it again.
/// Two credited a claim, one sentence of detail and a link in the
/// student's own words, where the examiner gave 4 (development set:
/// c1-04, c3-04, c4-04, c6-04).
const WELL_SUPPORTED: usize = 3;

/// How many of the card's topic terms a general (Level 1) answer uses.
const TOPIC_WORDS: usize = 2;

/// Whether the answer writes about the card's topic in words of its own
/// (not only the question's): two topic terms outside any copied run, and
/// three words that are not the question's.
fn on_topic(c: &CompiledCard, m: &Matcher, copied: &[bool]) -> bool {
    let idx = m.idx;
    let own_words = idx
        .tokens
        .tokens
        .iter()
        .zip(copied)
        .filter(|(t, copied)| {
            !**copied && !is_filler(t.norm()) && !c.question_stems.contains(&t.key())
        })
        .take(3)
        .count();
    if own_words < 3 {
        return false;
    }
    let topical = c
        .topic
        .iter()
        .filter(|&&t| {
            m.term(t)
                .iter()
                .any(|s| s.negated_by.is_none() && !wholly_copied(s, copied))
        })
        .take(TOPIC_WORDS)
        .count();
    topical >= TOPIC_WORDS
}

/// Quotes the sentence and the matched words of a span.
fn evidence(idx: &AnswerIndex, span: &Span, explained: bool) -> Evidence {
    let toks = &idx.tokens.tokens;
    let start = toks[span.first() as usize].start;
    let end = toks[span.last() as usize].end;
    Evidence {
        quote: quote(idx, span.sentence, start..end),
        matched: idx.text[start..end].to_string(),
        start,
        end,
        explained,
    }
}

/// The longest sentence quoted whole as evidence, in bytes: some 170
/// words, longer than any sentence but a run-on one.
const LONGEST_QUOTE: usize = 1000;

/// How much of a longer sentence a quote keeps either side of the matched
/// words, in bytes.
const QUOTE_CONTEXT: usize = 300;

/// The sentence holding the matched words at `matched` (byte offsets),
/// trimmed; from a sentence longer than [`LONGEST_QUOTE`], the words
/// around the match, with "…" where it was cut, so that every point
/// credited in one endless sentence does not quote all of it.
fn quote(idx: &AnswerIndex, sentence: usize, matched: std::ops::Range<usize>) -> String {
    let whole = idx.tokens.sentence_text(idx.text, sentence);
    if whole.len() <= LONGEST_QUOTE {
        return whole.to_string();
    }
    let s = &idx.tokens.sentences[sentence];
    let text = idx.text;
    // Cut at a space near the bound when there is one, else at a
    // character boundary.
    let mut lo = matched.start.saturating_sub(QUOTE_CONTEXT).max(s.start);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    if lo > s.start
        && let Some(space) = text[lo..matched.start].find(char::is_whitespace)
    {
        lo += space;
    }
    let mut hi = (matched.end + QUOTE_CONTEXT).min(s.end);
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    if hi < s.end
        && let Some(space) = text[matched.end..hi].rfind(char::is_whitespace)
    {
        hi = matched.end + space;
    }
    let cut = |at_edge: bool| if at_edge { "" } else { "…" };
    [
        cut(text[s.start..lo].trim().is_empty()),
        text[lo..hi].trim(),
        cut(text[hi..s.end].trim().is_empty()),
    ]
    .concat()
}

/// What would lift the answer to the next level. Each line is put
/// together from its pieces (`concat`), which costs a fraction of what
/// `format!` does, once for nearly every answer.
fn feedback(c: &CompiledCard, points: &[PointResult], level: Option<u8>, mark: u32) -> Vec<String> {
    let first = |s: Status| points.iter().find(|p| p.status == s);
    let missing = first(Status::Missing);
    let identified = first(Status::Identified);
    let link = "\": say what it led to and link that to the question (… so …, this meant …, which is why …).";
    // `lead`, then the point's label and its hint. A label is a sentence
    // ("Stalin was General Secretary.") or a short noun phrase ("Small
    // surface area"): the hint after it starts a sentence of its own
    // either way.
    let add = |lead: &str, p: &PointResult| match &p.hint {
        Some(h) if p.label.ends_with(['.', '!', '?']) => [lead, &p.label, " ", h].concat(),
        Some(h) => [lead, &p.label, ". ", h].concat(),
        None => [lead, &p.label].concat(),
    };
    let mut out = Vec::new();
    match level {
        Some(0) => {
            out.push(["Answer the question asked: \"", &c.question, "\""].concat());
            if let Some(p) = missing {
                out.push(add("Give a specific reason, for example: ", p));
            }
        }
        Some(1) => {
            if let Some(p) = missing {
                out.push(add("To reach Level 2, give a specific reason: ", p));
            }
        }
        Some(2) => {
            if let Some(p) = identified {
                out.push(
                    [
                        "To reach Level 3, explain one of your reasons. Take \"",
                        &p.label,
                        link,
                    ]
                    .concat(),
                );
            }
        }
        Some(3) => {
            match (identified, missing) {
                (Some(p), _) => out.push(
                    [
                        "To reach Level 4, explain a second reason. Take \"",
                        &p.label,
                        link,
                    ]
                    .concat(),
                ),
                (None, Some(p)) => out.push(add(
                    "To reach Level 4, add and explain a second reason: ",
                    p,
                )),
                (None, None) => {}
            }
            if mark == 4 {
                out.push(
                    "Support your explained reason with a specific detail (a name, a date, an event)."
                        .into(),
                );
            }
        }
        Some(_) => {}
        None => {
            if let Some(p) = missing {
                out.push(add("Add: ", p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::builtin;
    use crate::rubric::{self, CompiledRubric};

    fn seed() -> CompiledRubric {
        let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
        CompiledRubric::compile(&set, builtin::RUBRIC_NAME).unwrap()
    }

    /// Answers from the marked sets, alone and run together.
    fn answers() -> Vec<String> {
        let sets = [
            include_str!("../../tests/data/dev-set.jsonl"),
            include_str!("../../tests/data/holdout-set.jsonl"),
        ];
        let mut out: Vec<String> = sets
            .iter()
            .flat_map(|s| s.lines())
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["answer"].as_str().unwrap().to_string()
            })
            .collect();
        let joined: Vec<String> = out.chunks(3).map(|c| c.join("\n\n")).collect();
        out.extend(joined);
        out.extend(["", "Stalin", "Trotsky lost the leadership struggle."].map(String::from));
        out
    }

    #[test]
    fn a_point_named_and_the_outcome_asserted_explain_nothing() {
        let r = seed();
        for (card, answer) in [
            (
                0,
                "General Secretary. So Trotsky lost. Menshevik. So Trotsky lost. Grey blur. \
                 This meant Trotsky lost.",
            ),
            (0, "Stalin was General Secretary, so Trotsky lost."),
            (
                2,
                "Gulag. So they were feared. Troikas. So they were feared.",
            ),
        ] {
            let m = r.mark(card, answer);
            assert_eq!(m.level, Some(2), "{answer}: {m:?}");
            assert!(
                m.points
                    .iter()
                    .all(|p| p.status != crate::report::Status::Explained)
            );
        }
        // The same links explain once the answer says how, in the link's
        // sentence or, after a claim put first, the next.
        for (card, answer) in [
            (
                0,
                "Stalin was General Secretary so he could give jobs to his supporters, which is \
                 why Trotsky lost.",
            ),
            (
                5,
                "There was a struggle because the Bolsheviks disagreed about the NEP. Lenin \
                 brought in the NEP in 1921, letting peasants sell grain for profit.",
            ),
            // A connective further into the next sentence, after a word
            // that points back to this one.
            (
                2,
                "The NKVD carried out mass executions during the Great Purge. They killed \
                 ordinary workers, so everyone was terrified.",
            ),
            (
                0,
                "Stalin was General Secretary of the party. He appointed thousands of local \
                 officials who owed their careers to him. At party congresses these officials \
                 voted for Stalin, so Trotsky was outvoted.",
            ),
        ] {
            let m = r.mark(card, answer);
            assert_eq!(m.level, Some(3), "{answer}: {m:?}");
        }
    }

    #[test]
    fn judging_one_card_agrees_with_judging_all() {
        let r = seed();
        let mut off = 0;
        for answer in answers() {
            let idx = r.index(&answer);
            let all = r.judge_all(&idx);
            for (card, want) in all.iter().enumerate() {
                let got = r.judge(card, &idx);
                assert_eq!(
                    format!("{got:?}"),
                    format!("{want:?}"),
                    "card {card}: {answer}"
                );
                off += usize::from(got.off_question.is_some());
            }
        }
        assert!(
            off > 50,
            "the answers exercise the off-question test ({off})"
        );
    }

    #[test]
    fn one_reason_said_over_and_over_with_no_knowledge_explains_nothing() {
        let r = seed();
        let retold = "Trotsky was very arrogant. He thought he was better than everybody else \
                      in the party. Because he was so arrogant, some Bolsheviks were suspicious \
                      of him.";
        let m = r.mark(3, retold);
        assert_eq!((m.level, m.mark), (Some(2), 2), "{m:?}");
        assert!(
            m.note
                .as_deref()
                .is_some_and(|n| n.contains("too little knowledge"))
        );
        // The same reason with what the answer knows of it is explained.
        let known = "Trotsky was very arrogant. Lenin's Testament spoke of his 'excessive \
                     self-assurance' and he mocked Stalin as a 'grey blur'. Because he was so \
                     arrogant, some Bolsheviks were suspicious of him.";
        let m = r.mark(3, known);
        assert_eq!(m.level, Some(3), "{m:?}");
        assert!(m.note.is_none());
    }

    #[test]
    fn a_hint_after_a_label_that_is_no_sentence_starts_one_of_its_own() {
        let set: rubric::RubricSet = serde_json::from_value(serde_json::json!({
            "cards": [{"card": "1", "question": "Describe two adaptations of a cactus.", "max": 2,
                       "scheme": "points", "topic": ["cactus"], "points": [
                {"id": "a", "label": "Small surface area", "hint": "Say how it cuts water loss.",
                 "match": {"any": ["spines"]}},
                {"id": "b", "label": "Stem stores water.", "hint": "Say where the water goes.",
                 "match": {"any": ["fleshy"]}}]}]
        }))
        .unwrap();
        let r = CompiledRubric::compile(&set, "t").unwrap();
        let advice = |answer: &str| r.mark(0, answer).feedback.join("\n");
        assert!(advice("It is green.").contains("Small surface area. Say how"));
        assert!(advice("It has spines.").contains("Stem stores water. Say where"));
    }
}
