//! Reads a deck typed as plain text, "Q: … / A: …" blocks as teachers keep
//! them in a document:
//!
//! ```text
//! Q: (b) Why did the League of Nations fail? [6]
//! A: The USA never joined, so ...
//! it continued over several lines.
//!
//! Q: ...
//! ```
//!
//! A line starting `Q:` (or `Question:`) opens a card; the question runs on
//! to the line starting `A:` (or `Answer:`), and the answer over the lines
//! after it to the next `Q:`. The markers are read in any case, after any
//! indentation; blank lines between cards are optional. One line before the
//! first `Q:` is the deck's title. A marker is only ever at the start of a
//! line, so "Q:" inside a sentence is text.

use super::{Card, Deck, split_question, tidy_answer, title_from_file};
use crate::error::DeckError;

/// The markers a line may open with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Question,
    Answer,
}

/// The marker `line` opens with, if any, and the text after it.
fn marker(line: &str) -> Option<(Marker, &str)> {
    let line = line.trim_start();
    [
        ("question:", Marker::Question),
        ("answer:", Marker::Answer),
        ("q:", Marker::Question),
        ("a:", Marker::Answer),
    ]
    .into_iter()
    .find_map(|(prefix, marker)| {
        let head = line.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| (marker, &line[prefix.len()..]))
    })
}

/// Whether text shows itself "Q:/A:" text: its first non-blank line, or
/// the second after a title, starts with `Q:`, and an `A:` line follows.
pub(super) fn shows_itself(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let opens = lines
        .by_ref()
        .take(2)
        .find_map(marker)
        .is_some_and(|(m, _)| m == Marker::Question);
    opens && lines.any(|l| matches!(marker(l), Some((Marker::Answer, _))))
}

/// Parses "Q:/A:" text. `file` is used in error messages and, when no title
/// line comes before the first card, for the title.
pub(super) fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    // An error on line index `i`, at its marker or first text.
    let at = |i: usize, message: String| {
        let column = lines[i].chars().take_while(|c| c.is_whitespace()).count() + 1;
        DeckError::at(file, i + 1, column, message)
    };
    let Some(first) = lines.iter().position(|l| marker(l).is_some()) else {
        return Err(DeckError::invalid(
            file,
            "no line starts with `Q:`; a card is a line `Q: question` and then a line \
             `A: answer`",
        ));
    };
    let before: Vec<usize> = (0..first)
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    if let Some(&second) = before.get(1) {
        return Err(at(
            second,
            "expected `Q:` to start the first card; only one line, the deck's title, may come \
             before it"
                .to_string(),
        ));
    }
    let title = before
        .first()
        .map(|&i| lines[i].trim().to_string())
        .unwrap_or_else(|| title_from_file(file));

    let mut cards = Vec::new();
    let mut i = first;
    while i < lines.len() {
        let number = cards.len() + 1;
        let (q_at, question) = match marker(lines[i]) {
            Some((Marker::Question, rest)) => (i, rest),
            _ => {
                return Err(at(
                    i,
                    format!("found `A:` but expected `Q:` before it, to start card {number}"),
                ));
            }
        };
        let mut question = vec![question];
        i += 1;
        while i < lines.len() && marker(lines[i]).is_none() {
            question.push(lines[i]);
            i += 1;
        }
        let (a_at, answer) = match lines.get(i).and_then(|l| marker(l)) {
            Some((Marker::Answer, rest)) => (i, rest),
            found => {
                let reached = match found {
                    Some(_) => format!("the next `Q:` on line {}", i + 1),
                    None => "the end of the file".to_string(),
                };
                return Err(at(
                    q_at,
                    format!("card {number}: this `Q:` has no `A:`; reached {reached}"),
                ));
            }
        };
        let mut answer = vec![answer];
        i += 1;
        while i < lines.len() {
            match marker(lines[i]) {
                None => answer.push(lines[i]),
                Some((Marker::Question, _)) => break,
                Some((Marker::Answer, _)) => {
                    return Err(at(
                        i,
                        format!(
                            "card {number} already has its answer, from the `A:` on line {}; \
                             start the next card with `Q:`",
                            a_at + 1
                        ),
                    ));
                }
            }
            i += 1;
        }

        let question = question
            .iter()
            .flat_map(|l| l.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        let (part, question, max) = split_question(&question);
        if question.is_empty() {
            return Err(at(
                q_at,
                format!("card {number}: the question after `Q:` is empty"),
            ));
        }
        let answer = tidy_answer(answer);
        if answer.is_empty() {
            return Err(at(
                a_at,
                format!("card {number}: no answer text after `A:`"),
            ));
        }
        cards.push(Card {
            number,
            id: number.to_string(),
            part,
            question,
            max,
            answer,
            line: q_at + 1,
        });
    }
    Ok(Deck { title, cards })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(text: &str) -> Deck {
        parse(text, "decks/interwar.txt").expect("the deck parses")
    }

    /// The error message for `text`, which must fail to parse.
    fn error(text: &str) -> String {
        match parse(text, "bad.txt") {
            Ok(deck) => panic!("expected an error, parsed {deck:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_cards_with_answers_over_several_lines() {
        let deck = deck(
            "Q: (b) Why did the League of Nations fail? [6]\n\
             A: The USA never joined, so it lacked power.\n\
             It had no army of its own.\n\
             \n\
             Q: What was appeasement?\n\
             A: Giving in to Hitler's demands.\n",
        );
        assert_eq!(deck.title, "interwar");
        assert_eq!(deck.cards.len(), 2);
        let first = &deck.cards[0];
        assert_eq!((first.number, first.id.as_str(), first.line), (1, "1", 1));
        assert_eq!(first.part.as_deref(), Some("b"));
        assert_eq!(first.question, "Why did the League of Nations fail?");
        assert_eq!(first.max, Some(6));
        assert_eq!(
            first.answer,
            "The USA never joined, so it lacked power.\nIt had no army of its own."
        );
        assert_eq!((deck.cards[1].line, deck.cards[1].max), (5, None));
    }

    #[test]
    fn markers_are_read_in_any_case_and_long_form_without_blank_lines() {
        let deck = deck("question: One?\nANSWER: Yes.\n  q: Two\nstill the question?\na:\n  No.\n");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[0].answer, "Yes.");
        assert_eq!(deck.cards[1].question, "Two still the question?");
        assert_eq!(deck.cards[1].answer, "No.");
        assert_eq!(deck.cards[1].line, 3);
    }

    #[test]
    fn a_line_before_the_first_card_is_the_title() {
        let deck = deck("Interwar revision\n\nQ: One?\nA: Yes.\n");
        assert_eq!(deck.title, "Interwar revision");
        assert_eq!(deck.cards[0].line, 3);
        let e = error("Interwar revision\nby Mr Smith\nQ: One?\nA: Yes.\n");
        assert_eq!(
            e,
            "bad.txt:2:1: expected `Q:` to start the first card; only one line, the deck's \
             title, may come before it"
        );
    }

    #[test]
    fn crlf_matches_lf() {
        let lf = "Q: One?\nA: Yes\nindeed.\nQ: Two?\nA: No.\n";
        assert_eq!(deck(&lf.replace('\n', "\r\n")), deck(lf));
    }

    #[test]
    fn a_question_without_an_answer_is_an_error() {
        assert_eq!(
            error("Q: One?\nA: Yes.\n\n  Q: Two?\nQ: Three?\nA: No.\n"),
            "bad.txt:4:3: card 2: this `Q:` has no `A:`; reached the next `Q:` on line 5"
        );
        assert_eq!(
            error("Q: One?\nA: Yes.\nQ: Two?\n"),
            "bad.txt:3:1: card 2: this `Q:` has no `A:`; reached the end of the file"
        );
    }

    #[test]
    fn misplaced_or_empty_parts_are_errors() {
        assert_eq!(
            error("A: Yes.\nQ: One?\n"),
            "bad.txt:1:1: found `A:` but expected `Q:` before it, to start card 1"
        );
        assert_eq!(
            error("Q: One?\nA: Yes.\nA: No.\n"),
            "bad.txt:3:1: card 1 already has its answer, from the `A:` on line 2; start the \
             next card with `Q:`"
        );
        assert_eq!(
            error("Q: [4]\nA: Yes.\n"),
            "bad.txt:1:1: card 1: the question after `Q:` is empty"
        );
        assert_eq!(
            error("Q: One?\nA:\n\nQ: Two?\nA: No.\n"),
            "bad.txt:2:1: card 1: no answer text after `A:`"
        );
        assert_eq!(
            error("One?\nYes.\n"),
            "bad.txt: no line starts with `Q:`; a card is a line `Q: question` and then a line \
             `A: answer`"
        );
    }

    #[test]
    fn a_marker_is_only_at_the_start_of_a_line() {
        let deck = deck("Q: What does Q: mean?\nA: A: is the answer's marker.\nQA: no marker\n");
        assert_eq!(deck.cards[0].question, "What does Q: mean?");
        assert_eq!(
            deck.cards[0].answer,
            "A: is the answer's marker.\nQA: no marker"
        );
    }

    #[test]
    fn shows_itself_by_an_opening_q_and_a_later_a() {
        assert!(shows_itself("Q: One?\nA: Yes.\n"));
        assert!(shows_itself("Title\n\nquestion: One?\nanswer: Yes.\n"));
        assert!(!shows_itself("Q: One?\n"));
        assert!(!shows_itself("Title\nby me\nQ: One?\nA: Yes.\n"));
        assert!(!shows_itself("A: Yes.\nQ: One?\n"));
        assert!(!shows_itself("Über:\u{e9}\n"));
    }
}
