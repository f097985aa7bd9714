//! Running a rubric's own example sentences: each point's `match` examples
//! must credit it and its `no_match` examples must not; each
//! misconception's examples must (or must not) fire it. Each example is
//! marked as a one-sentence answer to its card, so the whole marker
//! (negation, exclusions, misconceptions) is exercised, as in real use.

use super::{CompiledRubric, Examples};
use crate::marker::Judgement;
use crate::report::Status;

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

impl CompiledRubric {
    /// Runs every example sentence of every point and misconception.
    pub fn run_examples(&self) -> ExampleReport {
        let mut report = ExampleReport::default();
        for (ci, card) in self.source.cards.iter().enumerate() {
            for (pi, point) in card.points.iter().enumerate() {
                self.run_cases(
                    &mut report,
                    ci,
                    &point.examples,
                    format!("point {}", point.id),
                    |j| j.points[pi].status != Status::Missing,
                );
            }
            for (mi, m) in card.misconceptions.iter().enumerate() {
                self.run_cases(
                    &mut report,
                    ci,
                    &m.examples,
                    format!("misconception {}", m.id),
                    |j| j.misconceptions.iter().any(|(i, _)| *i == mi),
                );
            }
        }
        report
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
