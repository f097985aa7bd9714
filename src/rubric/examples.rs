//! Running a rubric's own example sentences: each point's `match` examples
//! must credit it and its `no_match` examples must not; each
//! misconception's examples must (or must not) fire it. Each example is
//! marked as a one-sentence answer to its card, so the whole marker
//! (negation, exclusions, misconceptions) is exercised, as in real use.
//!
//! Examples are judged against their card compiled alone, and a card with
//! no misconceptions in parts of [`PART`] points ([`ExamplePart`]):
//! judging an answer weighs every point of every card of the rubric it is
//! judged against, so with the whole rubric, the examples of a drafted
//! rubric of thousands of cards, or of a card of thousands of points, would
//! take time growing with the square of their number. What an example
//! shows is the same either way: the other cards only decide whether an
//! answer is off the question, which takes away explanations, never a
//! point's credit; and whether a point is credited depends on its own
//! matches and the card's misconceptions alone.

use super::meaning::Meaning;
use super::{CardRubric, CompiledRubric, Examples, RubricSet};
use crate::error::RubricError;
use crate::marker::Judgement;
use crate::report::Status;
use std::ops::Range;

/// An example sentence that did not behave as its rubric says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub card: String,
    /// "point general-secretary" or "misconception trotsky-gen-sec".
    pub item: String,
    pub sentence: String,
    /// Whether the example should have matched.
    pub expected: bool,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "card {}, {}: \"{}\" should {}",
            self.card,
            self.item,
            self.sentence,
            if self.expected {
                "match but does not"
            } else {
                "not match but does"
            }
        )
    }
}

/// Counts of examples run and the ones that failed.
#[derive(Debug, Clone, Default)]
pub struct ExampleReport {
    pub run: usize,
    pub failures: Vec<ExampleFailure>,
}

/// Whether judgement `j` credits point `pi`.
fn credited(j: &Judgement, pi: usize) -> bool {
    j.points[pi].status != Status::Missing
}

/// The most points of a card whose examples are judged at a time.
pub const PART: usize = 64;

/// Some of the points of a card, compiled as a rubric of one card, to
/// judge their examples against: a card with misconceptions is one part
/// (a misconception cancels the point it names).
pub struct ExamplePart {
    rubric: CompiledRubric,
    /// The card's points it holds.
    points: Range<usize>,
}

impl ExamplePart {
    /// The indices of the card's points this part holds.
    pub fn points(&self) -> Range<usize> {
        self.points.clone()
    }

    /// Whether `sentence`, marked as an answer to the card, credits its
    /// point `pi` (one of [`Self::points`]), as a `match` example of that
    /// point must.
    pub fn credits(&self, pi: usize, sentence: &str) -> bool {
        let idx = self.rubric.index(sentence);
        credited(&self.rubric.judge(0, &idx), pi - self.points.start)
    }

    /// Runs the examples of the points it holds and, when it holds the
    /// whole card, of the card's misconceptions.
    fn run(&self, report: &mut ExampleReport) {
        let r = &self.rubric;
        let card = &r.source.cards[0];
        for (pi, point) in card.points.iter().enumerate() {
            r.run_cases(
                report,
                0,
                &point.examples,
                format!("point {}", point.id),
                |j| credited(j, pi),
            );
        }
        for (mi, m) in card.misconceptions.iter().enumerate() {
            r.run_cases(
                report,
                0,
                &m.examples,
                format!("misconception {}", m.id),
                |j| j.misconceptions.iter().any(|(i, _)| *i == mi),
            );
        }
    }
}

/// The parts card `card`'s examples are judged in: see [`ExamplePart`].
/// An error when a part does not compile (which the card compiling, in a
/// rubric of its own or not, rules out).
pub(crate) fn example_parts(card: &CardRubric) -> Result<Vec<ExamplePart>, RubricError> {
    parts_of(card, PART, &Meaning::of_card(card))
}

/// The meanings of a compiled card's points, in order.
fn meanings(card: &super::compile::CompiledCard) -> Vec<Meaning> {
    card.points.iter().map(|p| p.meaning.clone()).collect()
}

/// The parts of at most `most` points each (unless the card has
/// misconceptions) card `card`'s examples are judged in. Each point means
/// in its part what `meanings` says it means in the whole card (a point's
/// meaning weighs its words against the card's other points: see
/// [`Meaning::share_out`]).
fn parts_of(
    card: &CardRubric,
    most: usize,
    meanings: &[Meaning],
) -> Result<Vec<ExamplePart>, RubricError> {
    let n = card.points.len();
    let size = if card.misconceptions.is_empty() {
        most.max(1)
    } else {
        n.max(1)
    };
    let mut parts = Vec::with_capacity(n.div_ceil(size));
    for start in (0..n).step_by(size) {
        let points = start..n.min(start + size);
        let part = if points.len() == n {
            card.clone()
        } else {
            CardRubric {
                card: card.card.clone(),
                question: card.question.clone(),
                max: card.max,
                scheme: card.scheme,
                marks: card.marks.clone(),
                topic: card.topic.clone(),
                outcome: card.outcome.clone(),
                links: card.links,
                until: card.until,
                meaning: card.meaning,
                // Marking is the same whether points say they overlap,
                // and a part lacks the points others name.
                points: card.points[points.clone()]
                    .iter()
                    .map(|p| super::Point {
                        overlaps: Vec::new(),
                        ..p.clone()
                    })
                    .collect(),
                misconceptions: Vec::new(),
            }
        };
        let set = RubricSet {
            deck: String::new(),
            cards: vec![part],
        };
        let mut rubric = CompiledRubric::compile(&set, "card")?;
        for (p, meaning) in rubric.cards[0]
            .points
            .iter_mut()
            .zip(&meanings[points.clone()])
        {
            p.meaning.clone_from(meaning);
        }
        parts.push(ExamplePart { rubric, points });
    }
    Ok(parts)
}

impl CompiledRubric {
    /// Runs every example sentence of every point and misconception.
    pub fn run_examples(&self) -> ExampleReport {
        let mut report = ExampleReport::default();
        for ci in 0..self.source.cards.len() {
            match self.example_parts(ci) {
                Some(parts) => parts.iter().for_each(|p| p.run(&mut report)),
                None => self.run_card(&mut report, ci),
            }
        }
        report
    }

    /// The parts card `ci`'s examples are judged in (see [`ExamplePart`]),
    /// or `None` when one does not compile.
    pub fn example_parts(&self, ci: usize) -> Option<Vec<ExamplePart>> {
        parts_of(self.source.cards.get(ci)?, PART, &meanings(&self.cards[ci])).ok()
    }

    /// Runs the examples of card `ci` against this whole rubric, as no part
    /// of it compiles alone.
    fn run_card(&self, report: &mut ExampleReport, ci: usize) {
        let card = &self.source.cards[ci];
        for (pi, point) in card.points.iter().enumerate() {
            self.run_cases(
                report,
                ci,
                &point.examples,
                format!("point {}", point.id),
                |j| credited(j, pi),
            );
        }
        for (mi, m) in card.misconceptions.iter().enumerate() {
            self.run_cases(
                report,
                ci,
                &m.examples,
                format!("misconception {}", m.id),
                |j| j.misconceptions.iter().any(|(i, _)| *i == mi),
            );
        }
    }

    /// Marks each example as a one-sentence answer to card `ci` and checks
    /// that `fires` holds for the `match` ones and not for the others.
    fn run_cases(
        &self,
        report: &mut ExampleReport,
        ci: usize,
        examples: &Examples,
        item: String,
        fires: impl Fn(&Judgement) -> bool,
    ) {
        let cases = examples
            .matches
            .iter()
            .map(|s| (s, true))
            .chain(examples.no_match.iter().map(|s| (s, false)));
        for (sentence, expected) in cases {
            report.run += 1;
            let idx = self.index(sentence);
            if fires(&self.judge(ci, &idx)) != expected {
                report.failures.push(ExampleFailure {
                    card: self.source.cards[ci].card.clone(),
                    item: item.clone(),
                    sentence: sentence.clone(),
                    expected,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    /// Whether each example sentence of each card credits each point of
    /// the card (not only its own) and finds each misconception of its
    /// own: as judged against the whole rubric, and as judged against the
    /// parts of its card of at most `most` points.
    fn outcomes(whole: &CompiledRubric, most: usize) -> (Vec<bool>, Vec<bool>) {
        let (mut by_whole, mut by_part) = (Vec::new(), Vec::new());
        for (ci, card) in whole.source.cards.iter().enumerate() {
            let parts =
                parts_of(card, most, &meanings(&whole.cards[ci])).expect("each part compiles");
            let judge = |r: &CompiledRubric, c: usize, s: &str| r.judge(c, &r.index(s));
            let sentences: Vec<&String> = card
                .points
                .iter()
                .flat_map(|p| p.examples.matches.iter().chain(&p.examples.no_match))
                .collect();
            for s in &sentences {
                let by_all = judge(whole, ci, s);
                for part in &parts {
                    let alone = judge(&part.rubric, 0, s);
                    for pi in part.points() {
                        by_whole.push(credited(&by_all, pi));
                        by_part.push(credited(&alone, pi - part.points.start));
                    }
                }
            }
            for (mi, m) in card.misconceptions.iter().enumerate() {
                assert_eq!(parts.len(), 1, "a card with misconceptions is one part");
                let fires = |j: Judgement| j.misconceptions.iter().any(|(i, _)| *i == mi);
                for s in m.examples.matches.iter().chain(&m.examples.no_match) {
                    by_whole.push(fires(judge(whole, ci, s)));
                    by_part.push(fires(judge(&parts[0].rubric, 0, s)));
                }
            }
        }
        (by_whole, by_part)
    }

    #[test]
    fn examples_judged_in_parts_of_their_card_fire_as_against_the_whole_rubric() {
        let seed = crate::rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
        let deck = crate::Deck::parse(builtin::DECK, builtin::DECK_NAME).unwrap();
        let drafted = crate::rubric::derive::derive_deck(&deck, None).unwrap().set;
        for set in [seed, drafted] {
            let whole = CompiledRubric::compile(&set, "whole").unwrap();
            for most in [1, 3, PART] {
                let (by_whole, by_part) = outcomes(&whole, most);
                assert!(by_whole.len() > 20, "{}", by_whole.len());
                assert!(by_whole.contains(&false), "some examples must not fire");
                assert_eq!(by_whole, by_part, "in parts of {most}");
            }
            assert!(whole.run_examples().failures.is_empty());
        }
    }
}
