//! A trace of how an answer was marked: sentence by sentence, which rule of
//! which point matched which words (exactly, by stem or within a typo
//! allowance), what was negated and by which word, which sentences carry a
//! causal link, and why each point ended up missing, identified or
//! explained. `selfmark mark --explain` and `selfmark rubric test` show it.

use crate::marker::{AnswerIndex, Judgement, Span};
use crate::report::Status;
use crate::rubric::CompiledRubric;
use crate::rubric::reversal::Reversal;
use serde::Serialize;

/// One rule match in a sentence.
#[derive(Debug, Clone, Serialize)]
pub struct MatchTrace {
    /// "point" or "misconception".
    pub kind: &'static str,
    pub id: String,
    pub rule: String,
    /// The matched words, quoted from the answer.
    pub words: String,
    /// "exact", "stem" or "N typo(s)".
    pub how: String,
    /// The word that negated the match, if one did.
    pub negated_by: Option<String>,
    /// The wrongly cast doer the match was said of, if any.
    pub wrong_doer: Option<String>,
    /// The word that reversed the match and the model sentence's word it
    /// says the opposite of ("low", against "high"), if one did.
    pub reversed_by: Option<Reversed>,
}

/// A word of the answer that says the opposite of the model sentence's.
#[derive(Debug, Clone, Serialize)]
pub struct Reversed {
    /// The answer's word, quoted.
    pub word: String,
    /// The model sentence's word it reverses.
    pub model: String,
}

/// One sentence of the answer and what matched in it.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceTrace {
    pub index: usize,
    pub text: String,
    /// Whether the sentence holds a causal connective.
    pub causal: bool,
    pub matches: Vec<MatchTrace>,
}

/// Why a point got its status.
#[derive(Debug, Clone, Serialize)]
pub struct PointTrace {
    pub id: String,
    pub status: Status,
    pub reason: String,
}

/// The whole trace.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub sentences: Vec<SentenceTrace>,
    pub points: Vec<PointTrace>,
}

fn how(span: &Span) -> String {
    match (span.typos, span.stemmed) {
        (0, false) => "exact".into(),
        (0, true) => "stem".into(),
        (1, _) => "1 typo".into(),
        (n, _) => format!("{n} typos"),
    }
}

fn words(idx: &AnswerIndex, span: &Span) -> String {
    span.tokens
        .iter()
        .map(|&t| {
            let tok = &idx.tokens.tokens[t as usize];
            &idx.text[tok.start..tok.end]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn token_text(idx: &AnswerIndex, t: u32) -> String {
    let tok = &idx.tokens.tokens[t as usize];
    idx.text[tok.start..tok.end].to_string()
}

impl CompiledRubric {
    /// Traces a judgement of `idx` against card `card`.
    pub fn trace(&self, card: usize, idx: &AnswerIndex, j: &Judgement) -> Trace {
        let c = &self.cards[card];
        let mut sentences: Vec<SentenceTrace> = (0..idx.tokens.sentences.len())
            .map(|i| SentenceTrace {
                index: i + 1,
                text: idx.tokens.sentence_text(idx.text, i).to_string(),
                causal: j.causal_sentences.contains(&i),
                matches: Vec::new(),
            })
            .collect();
        let mut push = |kind: &'static str, id: &str, span: &Span, reversal: &Reversal| {
            if let Some(s) = sentences.get_mut(span.sentence) {
                s.matches.push(MatchTrace {
                    kind,
                    id: id.to_string(),
                    rule: self
                        .labels
                        .get(span.rule as usize)
                        .cloned()
                        .unwrap_or_default(),
                    words: words(idx, span),
                    how: how(span),
                    negated_by: span.negated_by.map(|t| token_text(idx, t)),
                    wrong_doer: span.wrong_role.map(|t| token_text(idx, t)),
                    reversed_by: span.reversed_by.map(|t| Reversed {
                        word: token_text(idx, t),
                        model: reversal
                            .reversed_by(idx.tokens.tokens[t as usize].key())
                            .next()
                            .map(|w| w.word.clone())
                            .unwrap_or_default(),
                    }),
                });
            }
        };
        for (p, pj) in c.points.iter().zip(&j.points) {
            for span in &pj.spans {
                push("point", &p.id, span, p.reversal.get());
            }
        }
        for (m, span) in &j.misconceptions {
            push(
                "misconception",
                &c.misconceptions[*m].id,
                span,
                &Reversal::default(),
            );
        }
        let points = c
            .points
            .iter()
            .zip(&j.points)
            .map(|(p, pj)| {
                let reason = match (pj.status, pj.cancelled_by) {
                    (_, Some(m)) => format!(
                        "cancelled by misconception `{}`: {}",
                        c.misconceptions[m].id, c.misconceptions[m].correction
                    ),
                    (Status::Missing, None) if pj.spans.is_empty() => {
                        "no rule matched".to_string()
                    }
                    (Status::Missing, None) => {
                        let denials: Vec<String> = pj
                            .spans
                            .iter()
                            .filter_map(|s| match (s.negated_by, s.wrong_role, s.reversed_by) {
                                (Some(t), _, _) => {
                                    Some(format!("negated by \"{}\"", token_text(idx, t)))
                                }
                                (None, Some(t), _) => {
                                    Some(format!("said of {}", token_text(idx, t)))
                                }
                                (None, None, Some(t)) => Some(format!(
                                    "reversed by \"{}\"",
                                    token_text(idx, t)
                                )),
                                _ => None,
                            })
                            .collect();
                        format!("matched only where denied ({})", denials.join("; "))
                    }
                    (Status::Identified, None) if j.unsupported => format!(
                        "matched in sentence {}, not explained: the answer gives too little \
knowledge of its own (names, dates, events, terms) to support an explanation",
                        sentence_list(&pj.credited)
                    ),
                    (Status::Identified, None) => format!(
                        "matched in sentence {}, not explained: no causal link there or in the next \
sentence joins it to the outcome with words of the answer's own, or the link or sentence \
explains another point",
                        sentence_list(&pj.credited)
                    ),
                    (Status::Explained, None) => {
                        let explained: Vec<(usize, bool)> =
                            pj.credited.iter().copied().filter(|&(_, e)| e).collect();
                        format!(
                            "matched in sentence {}, linked by a causal connective in it or the next sentence",
                            sentence_list(&explained)
                        )
                    }
                };
                PointTrace {
                    id: p.id.clone(),
                    status: pj.status,
                    reason,
                }
            })
            .collect();
        Trace { sentences, points }
    }
}

fn sentence_list(credited: &[(usize, bool)]) -> String {
    credited
        .iter()
        .map(|(s, _)| (s + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
