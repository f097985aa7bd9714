//! Fitting a rubric to its deck: every rubric card must name a card of the
//! deck with the same question and maximum, and every deck card should
//! have a rubric.

use super::RubricSet;
use crate::deck::Deck;
use crate::text::fold_question;

/// Something wrong between a rubric and a deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Errors make the rubric unusable with this deck; warnings don't.
    pub error: bool,
    pub field: String,
    pub message: String,
}

/// Compares a rubric with the deck it marks.
pub fn check_against_deck(set: &RubricSet, deck: &Deck) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut covered = vec![false; deck.cards.len()];
    for (i, rc) in set.cards.iter().enumerate() {
        let field = format!("cards[{i}]");
        let found = deck
            .cards
            .iter()
            .position(|c| c.id == rc.card || c.number.to_string() == rc.card);
        let Some(k) = found else {
            problems.push(Problem {
                error: true,
                field: format!("{field}.card"),
                message: format!(
                    "the deck \"{}\" has no card `{}` (it has {})",
                    deck.title,
                    rc.card,
                    deck.cards
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            continue;
        };
        covered[k] = true;
        let card = &deck.cards[k];
        if fold_question(&rc.question) != fold_question(&card.question) {
            problems.push(Problem {
                error: true,
                field: format!("{field}.question"),
                message: format!(
                    "\"{}\" is not the deck's question for card {}: \"{}\"",
                    rc.question, card.id, card.question
                ),
            });
        }
        if let Some(max) = card.max
            && max != rc.max
        {
            problems.push(Problem {
                error: true,
                field: format!("{field}.max"),
                message: format!(
                    "the rubric's maximum is {} but the deck gives [{}]",
                    rc.max, max
                ),
            });
        }
    }
    for (k, card) in deck.cards.iter().enumerate() {
        if !covered[k] {
            problems.push(Problem {
                error: false,
                field: "cards".to_string(),
                message: format!(
                    "card {} (\"{}\") has no rubric and can't be marked",
                    card.id, card.question
                ),
            });
        }
    }
    problems
}
