//! Fitting a rubric to its deck: every rubric card must name a card of the
//! deck with the same question and maximum, and every deck card should
//! have a rubric. A card's count-to-mark table that needs more points than
//! the card has is a warning too: the rubric marks, but never gives that
//! row's mark.

use super::{CardRubric, RubricSet};
use crate::deck::Deck;
use crate::text::fold_question;
use rustc_hash::FxHashMap as HashMap;

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
    // The deck's cards by id and by number (the first of any given twice),
    // so a rubric of thousands of cards is fitted without a search of the
    // deck for each.
    let mut by_id: HashMap<&str, usize> = HashMap::default();
    let mut by_number: HashMap<String, usize> = HashMap::default();
    for (k, c) in deck.cards.iter().enumerate() {
        by_id.entry(c.id.as_str()).or_insert(k);
        by_number.entry(c.number.to_string()).or_insert(k);
    }
    for (i, rc) in set.cards.iter().enumerate() {
        let field = format!("cards[{i}]");
        problems.extend(unreachable_marks(&field, rc));
        // A card's id first, then its number, as cards are addressed
        // everywhere: in a deck whose ids are "2", "1", card `1` is the
        // second.
        let found = by_id
            .get(rc.card.as_str())
            .or_else(|| by_number.get(&rc.card))
            .copied();
        let Some(k) = found else {
            problems.push(Problem {
                error: true,
                field: format!("{field}.card"),
                message: format!(
                    "the deck \"{}\" has no card `{}` (it has {})",
                    deck.title,
                    rc.card,
                    deck.card_ids()
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

/// Warnings for the rows of a card's count-to-mark table that need more
/// points than the card has.
fn unreachable_marks(field: &str, card: &CardRubric) -> Vec<Problem> {
    let Some(table) = &card.marks else {
        return Vec::new();
    };
    table
        .unreachable(card.points.len())
        .into_iter()
        .map(|(j, row)| Problem {
            error: false,
            field: format!("{field}.marks[{j}].points"),
            message: row.unreachable_why(card.points.len()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::derive::derive_deck;

    #[test]
    fn a_card_is_found_by_its_id_before_its_number() {
        let deck = Deck::parse(
            r#"{"title": "t", "cards": [
                {"id": "2", "question": "Why did the Roman Empire fall?",
                 "answer": "Barbarian invasions weakened the frontier."},
                {"id": "1", "question": "Why did the Weimar Republic collapse?",
                 "answer": "Hyperinflation destroyed savings."}]}"#,
            "numbered.json",
        )
        .unwrap();
        let set = derive_deck(&deck, None).unwrap().set;
        let problems = check_against_deck(&set, &deck);
        assert!(problems.iter().all(|p| !p.error), "{problems:?}");
    }
}
