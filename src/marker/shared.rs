//! What judging one answer against several cards shares: its connectives,
//! its words' stem keys, which points could match at all, and,
//! found once per card when first needed, the card's outcome mentions and
//! copied words, with scratch space for weighing each point's options.

use super::assign::Options;
use super::copy::Copies;
use super::explain::{Connectives, Links, Outcomes};
use super::find::{Matcher, Span};
use crate::rubric::compile::PointRules;
use rustc_hash::FxHashSet;
use smallvec::SmallVec;

/// A yes or no answer worked out once: not yet asked, no, or yes.
const UNKNOWN: u8 = 0;
const NO: u8 = 1;
const YES: u8 = 2;

/// One answer being judged, card after card.
pub struct Shared<'s, 'a, 't> {
    pub m: &'s Matcher<'a, 't>,
    /// The answer's connectives.
    pub connectives: Connectives,
    /// Per [`CompiledPoint::matches_id`], whether the rules of the points
    /// with that id could match at all, once asked: a point several cards
    /// list is asked about once.
    ///
    /// [`CompiledPoint::matches_id`]: crate::rubric::compile::CompiledPoint::matches_id
    point_could: Vec<u8>,
    /// Per card, its standing outcome mentions, once looked up.
    outcomes: Vec<Option<Outcomes>>,
    /// No outcome mentions, for a card whose outcome terms need not be
    /// searched.
    unsearched: Outcomes,
    /// Which words are copied from a card's question.
    copies: Copies<'a>,
    /// Scratch space for weighing points' options.
    pub options: Options,
}

impl<'s, 'a, 't> Shared<'s, 'a, 't> {
    /// Starts judging the answer `m` holds.
    pub fn new(m: &'s Matcher<'a, 't>) -> Shared<'s, 'a, 't> {
        let cards = &m.rubric.cards;
        Shared {
            m,
            connectives: Connectives::find(m),
            point_could: vec![UNKNOWN; m.rubric.matches_ids],
            outcomes: (0..cards.len()).map(|_| None).collect(),
            unsearched: Outcomes::default(),
            copies: Copies::new(cards, &m.idx.tokens.tokens),
            options: Options::default(),
        }
    }

    /// Whether a rule set could match at all ([`PointRules::could_match`],
    /// each term by [`Matcher::could_find`]).
    pub fn could_match(&self, rules: &PointRules) -> bool {
        rules.could_match(|t| self.m.could_find(t))
    }

    /// Whether point `p` of card `card` could match at all.
    pub fn could_point(&mut self, card: usize, p: usize) -> bool {
        let m = self.m;
        let point = &m.rubric.cards[card].points[p];
        let at = point.matches_id as usize;
        match self.point_could[at] {
            UNKNOWN => {
                let could = point.rules.iter().any(|r| self.could_match(r))
                    || !point.meaning.is_empty() && !m.meant(point).is_empty();
                self.point_could[at] = if could { YES } else { NO };
                could
            }
            known => known == YES,
        }
    }

    /// Whether point `p` of card `card` could match at all, if that is
    /// known already.
    fn known_point(&self, card: usize, p: usize) -> Option<bool> {
        let id = self.m.rubric.cards[card].points[p].matches_id as usize;
        match self.point_could[id] {
            UNKNOWN => None,
            known => Some(known == YES),
        }
    }

    /// For each point of card `card`, whether it could match at all.
    pub fn points_could(&mut self, card: usize) -> SmallVec<[bool; 16]> {
        let points = self.m.rubric.cards[card].points.len();
        (0..points).map(|p| self.could_point(card, p)).collect()
    }

    /// For each misconception of card `card`, whether its rules could match
    /// at all.
    pub fn misconceptions_could(&mut self, card: usize) -> SmallVec<[bool; 16]> {
        let m = self.m;
        m.rubric.cards[card]
            .misconceptions
            .iter()
            .map(|mc| mc.rules.iter().any(|r| self.could_match(r)))
            .collect()
    }

    /// How many of card `card`'s points could match at all, or `None` as
    /// soon as it is plain that fewer than `needed` can.
    ///
    /// The points already asked about (for another card that lists them
    /// too) are counted first, so that the rest are asked about only while
    /// enough of them could still match.
    pub fn possible(&mut self, card: usize, needed: usize) -> Option<usize> {
        let points = self.m.rubric.cards[card].points.len();
        let mut count = 0;
        let mut unknown: SmallVec<[usize; 16]> = SmallVec::new();
        for p in 0..points {
            match self.known_point(card, p) {
                Some(could) => count += usize::from(could),
                None => unknown.push(p),
            }
        }
        for (i, &p) in unknown.iter().enumerate() {
            if count + (unknown.len() - i) < needed {
                return None;
            }
            count += usize::from(self.could_point(card, p));
        }
        (count >= needed).then_some(count)
    }

    /// Card `card`'s standing outcome mentions.
    fn outcomes(&mut self, card: usize) -> &Outcomes {
        let (m, connectives) = (self.m, &self.connectives);
        self.outcomes[card].get_or_insert_with(|| {
            Outcomes::new(
                m.places(&m.rubric.cards[card].outcome, Span::stands),
                connectives,
            )
        })
    }

    /// Whether any standing match of `spans` is beside a connective.
    pub fn beside_link(&self, spans: &[Span]) -> bool {
        spans
            .iter()
            .any(|s| s.stands() && self.connectives.beside(s.sentence))
    }

    /// How many of the answer's connectives could explain a point of card
    /// `card` ([`Links::usable`]), or any number from `cap` up when at least
    /// `cap` can: the card's outcome terms are then searched only until
    /// that many connectives have an outcome mention beside them.
    pub fn usable_up_to(&mut self, card: usize, cap: usize) -> usize {
        let m = self.m;
        let c = &m.rubric.cards[card];
        let all = &self.connectives.all;
        if all.is_empty() || c.outcome.is_empty() || c.links == crate::rubric::Links::Developed {
            return all.len();
        }
        if let Some(outcomes) = &self.outcomes[card] {
            return Links::for_card(&self.connectives, c, outcomes).usable();
        }
        // The connectives beside a sentence are those in it and the next:
        // a run of them, marked once however many mentions it holds.
        let mut usable: SmallVec<[bool; 32]> = SmallVec::from_elem(false, all.len());
        let mut marked: FxHashSet<usize> = FxHashSet::default();
        let mut count = 0;
        for &t in &c.outcome {
            if count >= cap {
                break;
            }
            for s in m.term(t).iter().filter(|s| s.stands()) {
                if !marked.insert(s.sentence) {
                    continue;
                }
                let from = all.partition_point(|l| l.sentence < s.sentence);
                let to = from + all[from..].partition_point(|l| l.sentence <= s.sentence + 1);
                for usable in &mut usable[from..to] {
                    if !*usable {
                        *usable = true;
                        count += 1;
                    }
                }
            }
        }
        count
    }

    /// What judging card `card` needs, each found when first asked for:
    /// the connectives with its outcome mentions and the copied words;
    /// with the scratch space.
    ///
    /// A connective is weighed with the outcome mentions only for a match
    /// beside it ([`Links::candidates`]); when no match to be weighed is
    /// beside one (`beside` is false), the outcome terms are not searched
    /// and the links are given none.
    pub fn for_card(
        &mut self,
        card: usize,
        beside: bool,
    ) -> (Links<'_>, &mut Copies<'a>, &mut Options) {
        let c = &self.m.rubric.cards[card];
        if beside || c.outcome.is_empty() {
            self.outcomes(card);
        }
        let outcomes = self.outcomes[card].as_ref().unwrap_or(&self.unsearched);
        let links = Links::for_card(&self.connectives, c, outcomes);
        (links, &mut self.copies, &mut self.options)
    }
}
