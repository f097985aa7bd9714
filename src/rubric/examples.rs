//! Running a rubric's own example sentences: each point's `match` examples
//! must credit it and its `no_match` examples must not; each
//! misconception's examples must (or must not) fire it. Each example is
//! marked as a one-sentence answer to its card, so the whole marker
//! (negation, exclusions, misconceptions) is exercised, as in real use.

use super::CompiledRubric;
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
                let cases = point
                    .examples
                    .matches
                    .iter()
                    .map(|s| (s, true))
                    .chain(point.examples.no_match.iter().map(|s| (s, false)));
                for (sentence, expected) in cases {
                    report.run += 1;
                    let idx = self.index(sentence);
                    let got = self.judge(ci, &idx).points[pi].status != Status::Missing;
                    if got != expected {
                        report.failures.push(ExampleFailure {
                            card: card.card.clone(),
                            item: format!("point {}", point.id),
                            sentence: sentence.clone(),
                            expected,
                        });
                    }
                }
            }
            for (mi, m) in card.misconceptions.iter().enumerate() {
                let cases = m
                    .examples
                    .matches
                    .iter()
                    .map(|s| (s, true))
                    .chain(m.examples.no_match.iter().map(|s| (s, false)));
                for (sentence, expected) in cases {
                    report.run += 1;
                    let idx = self.index(sentence);
                    let got = self
                        .judge(ci, &idx)
                        .misconceptions
                        .iter()
                        .any(|(i, _)| *i == mi);
                    if got != expected {
                        report.failures.push(ExampleFailure {
                            card: card.card.clone(),
                            item: format!("misconception {}", m.id),
                            sentence: sentence.clone(),
                            expected,
                        });
                    }
                }
            }
        }
        report
    }
}
