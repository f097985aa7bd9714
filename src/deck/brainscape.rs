//! Reads a Brainscape text export: a title line ("… Flashcards"), a card
//! count ("(6 cards)"), then for each card its number, a line "Q", the
//! question, a line "A", the answer and the "How well did you know this?"
//! rating boilerplate, which is dropped.

use super::{Card, Deck, split_question, tidy_answer};
use crate::error::DeckError;

/// The rating prompt Brainscape prints after every answer, one item a line.
const RATING: [&str; 8] = [
    "How well did you know this?",
    "1",
    "Not at all",
    "2",
    "3",
    "4",
    "5",
    "Perfectly",
];

/// Parses a Brainscape text export. `file` is used in error messages.
pub(super) fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parser = Parser {
        file,
        lines: text.lines().collect(),
    };
    let (title, declared, count_at) = parser.header()?;
    let mut cards = Vec::new();
    let mut at = count_at + 1;
    while let Some(start) = parser.next_non_blank(at) {
        let (card, next) = parser.card(start, cards.len() + 1)?;
        cards.push(card);
        at = next;
    }
    if cards.len() != declared {
        return Err(parser.error(
            count_at,
            format!(
                "the header says {declared} card{} but the deck has {}",
                plural(declared),
                cards.len()
            ),
        ));
    }
    Ok(Deck { title, cards })
}

/// Whether text shows itself a Brainscape export: a "(N cards)" line among
/// its first few lines, the rating prompt, or a card's number line followed
/// by a line "Q".
pub(super) fn shows_itself(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.iter().take(5).any(|l| card_count(l).is_some())
        || lines.iter().any(|l| *l == RATING[0])
        || lines
            .windows(2)
            .any(|pair| card_number(pair[0]).is_some() && pair[1] == "Q")
}

/// The export's lines, with helpers that look at them by 0-based index.
struct Parser<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
}

impl Parser<'_> {
    /// The trimmed line at `i` (empty past the end).
    fn line(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |l| l.trim())
    }

    /// The index of the first non-blank line at or after `i`.
    fn next_non_blank(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&j| !self.line(j).is_empty())
    }

    /// Whether line `i` starts a card: a bare number followed, after
    /// optional blank lines, by a line "Q". This tells a card number apart
    /// from the "2"…"5" of the rating boilerplate.
    fn is_card_start(&self, i: usize) -> bool {
        card_number(self.line(i)).is_some()
            && self
                .next_non_blank(i + 1)
                .is_some_and(|j| self.line(j) == "Q")
    }

    /// An error at line index `i`, pointing at its first non-blank column.
    fn error(&self, i: usize, message: impl Into<String>) -> DeckError {
        let raw = self.lines.get(i).copied().unwrap_or("");
        let column = raw.chars().take_while(|c| c.is_whitespace()).count() + 1;
        DeckError::at(self.file, i + 1, column, message)
    }

    /// Reads the title and the "(N cards)" line. Returns the title, N and
    /// the index of the count line.
    fn header(&self) -> Result<(String, usize, usize), DeckError> {
        let Some(first) = self.next_non_blank(0) else {
            return Err(DeckError::invalid(
                self.file,
                "the file is empty; expected a Brainscape export starting with the deck title",
            ));
        };
        let line = self.line(first);
        if card_count(line).is_some() {
            return Err(self.error(
                first,
                format!("found `{line}` but expected the deck title before it"),
            ));
        }
        if line == "Q" || self.is_card_start(first) {
            return Err(self.error(
                first,
                "found the start of a card but expected the deck title and then `(N cards)`",
            ));
        }
        let second = self.next_non_blank(first + 1);
        if let Some(at) = second
            && let Some(count) = card_count(self.line(at))
        {
            return Ok((clean_title(line), count, at));
        }
        // The title is not followed by the count: either something comes
        // before the title, or the count is missing.
        let count_at = (first..self.lines.len()).find(|&j| card_count(self.line(j)).is_some());
        Err(match count_at {
            Some(_) => self.error(
                first,
                format!(
                    "unexpected text `{}` before the deck title; expected the title on the \
                     first line, followed by `(N cards)`",
                    shorten(line)
                ),
            ),
            None => self.error(
                second.unwrap_or(first),
                "expected the card count, e.g. `(6 cards)`, after the deck title",
            ),
        })
    }

    /// Reads card `number` starting at line index `start` (its number line).
    /// Returns the card and the index of the first line after it.
    fn card(&self, start: usize, number: usize) -> Result<(Card, usize), DeckError> {
        let found = self.line(start);
        match card_number(found) {
            Some(n) if n == number => {}
            Some(n) => {
                return Err(self.error(
                    start,
                    format!("card number {n} is out of sequence; expected card {number}"),
                ));
            }
            None if found == "Q" => {
                return Err(self.error(
                    start,
                    format!("found `Q` but expected the card number {number} before it"),
                ));
            }
            None => {
                return Err(self.error(
                    start,
                    format!("expected card number {number}, found `{}`", shorten(found)),
                ));
            }
        }

        let q_at = match self.next_non_blank(start + 1) {
            Some(i) if self.line(i) == "Q" => i,
            other => {
                return Err(self.error(
                    other.unwrap_or(start),
                    format!("expected a line `Q` after card number {number}"),
                ));
            }
        };

        let (question, a_at) = self.question(q_at, number)?;
        let (part, question, max) = split_question(&question);
        if question.is_empty() {
            return Err(self.error(
                q_at,
                format!("card {number}: the question after `Q` is empty"),
            ));
        }

        let (answer_end, next) = self.answer_end(a_at, number)?;
        let answer = tidy_answer(self.lines[a_at + 1..answer_end].iter().copied());
        if answer.is_empty() {
            return Err(self.error(a_at, format!("card {number}: no answer text after `A`")));
        }

        let card = Card {
            number,
            id: number.to_string(),
            part,
            question,
            max,
            answer,
            line: start + 1,
        };
        Ok((card, next))
    }

    /// Reads the question after the "Q" at `q_at`, up to the line "A".
    /// Returns the question joined onto one line and the index of the "A".
    fn question(&self, q_at: usize, number: usize) -> Result<(String, usize), DeckError> {
        let mut words = Vec::new();
        for i in q_at + 1..self.lines.len() {
            let line = self.line(i);
            if line == "A" {
                return Ok((words.join(" "), i));
            }
            if line == "Q" || line == RATING[0] || self.is_card_start(i) {
                return Err(self.error(
                    q_at,
                    format!(
                        "card {number}: this `Q` has no matching `A`; reached `{}` on line {} \
                         while looking for the line `A`",
                        shorten(line),
                        i + 1
                    ),
                ));
            }
            words.extend(line.split_whitespace());
        }
        Err(self.error(
            q_at,
            format!(
                "card {number}: this `Q` has no matching `A`; reached the end of the file \
                 while looking for the line `A`"
            ),
        ))
    }

    /// Finds where the answer after the "A" at `a_at` ends: at the rating
    /// boilerplate, at the next card or at the end of the file. Returns the
    /// index just past the answer text and the index just past the
    /// boilerplate.
    fn answer_end(&self, a_at: usize, number: usize) -> Result<(usize, usize), DeckError> {
        for i in a_at + 1..self.lines.len() {
            let line = self.line(i);
            if line == RATING[0] {
                return Ok((i, self.skip_rating(i)));
            }
            if self.is_card_start(i) {
                return Ok((i, i));
            }
            if line == "Q" {
                return Err(self.error(
                    i,
                    format!(
                        "found `Q` but expected the card number {} before it",
                        number + 1
                    ),
                ));
            }
        }
        Ok((self.lines.len(), self.lines.len()))
    }

    /// Skips the rating boilerplate whose first line is at `at`, stopping
    /// early where it is cut short or where the next card starts. Returns
    /// the index of the first line after it.
    fn skip_rating(&self, at: usize) -> usize {
        let mut next = at + 1;
        for expected in &RATING[1..] {
            match self.next_non_blank(next) {
                Some(i) if self.line(i) == *expected && !self.is_card_start(i) => next = i + 1,
                _ => break,
            }
        }
        next
    }
}

/// The number on a card's number line ("3"), if the line is one.
fn card_number(line: &str) -> Option<usize> {
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    line.parse().ok()
}

/// The N of a "(N cards)" line, if the line is one.
fn card_count(line: &str) -> Option<usize> {
    let inner = line.strip_prefix('(')?.strip_suffix(')')?;
    let mut words = inner.split_whitespace();
    let n = words.next()?.parse().ok()?;
    match (words.next(), words.next()) {
        (Some("cards" | "card"), None) => Some(n),
        _ => None,
    }
}

/// The deck title without Brainscape's "Q (bs) " prefix and " Flashcards"
/// suffix.
fn clean_title(line: &str) -> String {
    let title = line.strip_prefix("Q (bs) ").unwrap_or(line);
    let title = title.strip_suffix(" Flashcards").unwrap_or(title).trim();
    if title.is_empty() {
        "Untitled deck".to_string()
    } else {
        title.to_string()
    }
}

/// A line cut to a length that fits in an error message.
fn shorten(line: &str) -> String {
    const MAX: usize = 40;
    if line.chars().count() <= MAX {
        line.to_string()
    } else {
        let cut: String = line.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../decks/stalin-power.txt");

    fn seed() -> Deck {
        parse(SEED, "stalin-power.txt").expect("the seed deck parses")
    }

    /// The error message for `text`, which must fail to parse.
    fn error(text: &str) -> String {
        match parse(text, "bad.txt") {
            Ok(deck) => panic!("expected an error, parsed {deck:?}"),
            Err(e) => e.to_string(),
        }
    }

    const GOOD: &str = "Stalin Flashcards\n\n(2 cards)\n\n1\nQ\n\n(b) Why? [4]\n\nA\nBecause.\n\
        \nHow well did you know this?\n1\nNot at all\n2\n3\n4\n5\nPerfectly\n2\nQ\nWhat?\nA\n\
        That.\n";

    #[test]
    fn seed_has_title_and_six_cards() {
        let deck = seed();
        assert_eq!(deck.title, "How did Stalin gain and hold on to power?");
        assert_eq!(deck.cards.len(), 6);
        for (i, card) in deck.cards.iter().enumerate() {
            assert_eq!(card.number, i + 1);
            assert_eq!(card.id, (i + 1).to_string());
            assert_eq!(card.part.as_deref(), Some("b"));
            assert_eq!(card.max, Some(6));
        }
    }

    #[test]
    fn seed_questions_are_bare() {
        let deck = seed();
        let card = &deck.cards[1];
        assert_eq!(
            card.question,
            "Why were the Purges an effective way for Stalin to control the Soviet people?"
        );
        assert_eq!(
            deck.cards[5].question,
            "Why was there a struggle for power after Lenin\u{2019}s death?"
        );
        assert_eq!(
            deck.cards[0].question,
            "Why did Trotsky lose the leadership struggle with Stalin?"
        );
        assert_eq!(
            card.display_question(),
            "(b) Why were the Purges an effective way for Stalin to control the Soviet people? [6]"
        );
    }

    #[test]
    fn seed_cards_start_on_their_number_lines() {
        let lines: Vec<usize> = seed().cards.iter().map(|c| c.line).collect();
        assert_eq!(lines, [5, 24, 45, 90, 122, 152]);
    }

    #[test]
    fn seed_answers_drop_the_rating_boilerplate() {
        for card in seed().cards {
            assert!(
                !card.answer.contains("How well did you know this"),
                "{card:?}"
            );
            assert!(!card.answer.contains("Perfectly"), "{card:?}");
            assert!(!card.answer.contains("Not at all"), "{card:?}");
            assert!(!card.answer.ends_with(char::is_numeric), "{card:?}");
        }
    }

    #[test]
    fn seed_answers_keep_bullets_headings_and_line_breaks() {
        let deck = seed();
        let first = &deck.cards[0].answer;
        assert!(first.starts_with("\u{2022} As the Secretary of the Party"));
        assert_eq!(
            first.lines().filter(|l| l.starts_with('\u{2022}')).count(),
            2
        );
        assert!(first.ends_with("positions of power."));
        assert_eq!(deck.cards[1].answer.lines().count(), 7);

        let third = &deck.cards[2].answer;
        assert!(third.lines().any(|l| l == "(1) The Great Purge:"));
        assert!(third.starts_with("Feared organisation because"));
        assert!(!third.contains("\n\n\n"));

        // A line broken mid-sentence stays as written.
        assert!(deck.cards[3].answer.contains("when NEP\nwas introduced."));
        assert!(
            deck.cards[5]
                .answer
                .ends_with("Trotsky was no longer a threat.")
        );
    }

    #[test]
    fn crlf_matches_lf() {
        let crlf = SEED.replace('\n', "\r\n");
        let deck = parse(&crlf, "stalin-power.txt").expect("CRLF parses");
        assert_eq!(deck, seed());
        assert!(deck.cards.iter().all(|c| !c.answer.contains('\r')));
    }

    #[test]
    fn small_deck_parses() {
        let deck = parse(GOOD, "good.txt").expect("parses");
        assert_eq!(deck.title, "Stalin");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[0].answer, "Because.");
        assert_eq!(deck.cards[0].max, Some(4));
        assert_eq!(deck.cards[1].question, "What?");
        assert_eq!(
            (deck.cards[1].part.as_ref(), deck.cards[1].max),
            (None, None)
        );
        assert_eq!(deck.cards[1].line, 21);
    }

    #[test]
    fn multi_line_question_is_joined() {
        let text = "T\n(1 card)\n1\nQ\n(b) Why did\n  Stalin win?\n[6]\nA\nLuck.\n";
        let card = &parse(text, "t.txt").expect("parses").cards[0];
        assert_eq!(card.question, "Why did Stalin win?");
        assert_eq!(card.max, Some(6));
    }

    #[test]
    fn rating_numbers_are_not_card_numbers() {
        // The boilerplate is cut short after "1"; the "2" that follows is
        // card 2 because a "Q" comes after it.
        let text = "T\n(2 cards)\n1\nQ\nOne?\nA\nYes.\nHow well did you know this?\n1\n\n2\n\nQ\n\
            Two?\nA\nNo.\n";
        let deck = parse(text, "t.txt").expect("parses");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[0].answer, "Yes.");
        assert_eq!(deck.cards[1].line, 11);
    }

    #[test]
    fn card_count_mismatch_names_the_count_line() {
        let text = GOOD.replace("(2 cards)", "(3 cards)");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:3:"), "{e}");
        assert!(e.contains("3 cards but the deck has 2"), "{e}");
    }

    #[test]
    fn missing_count_is_an_error() {
        let e = error("Title\n\n1\nQ\nWhy?\nA\nBecause.\n");
        assert!(e.starts_with("bad.txt:3:"), "{e}");
        assert!(e.contains("(6 cards)"), "{e}");
    }

    #[test]
    fn text_before_the_title_is_an_error() {
        let e = error(&format!("Exported by someone\n{GOOD}"));
        assert!(e.starts_with("bad.txt:1:1:"), "{e}");
        assert!(e.contains("before the deck title"), "{e}");
    }

    #[test]
    fn missing_title_is_an_error() {
        let e = error("\n(1 card)\n1\nQ\nWhy?\nA\nBecause.\n");
        assert!(e.starts_with("bad.txt:2:1:"), "{e}");
        assert!(e.contains("expected the deck title"), "{e}");
        let e = error("1\nQ\nWhy?\nA\nBecause.\n");
        assert!(e.starts_with("bad.txt:1:1:"), "{e}");
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(error("\n  \n").starts_with("bad.txt: the file is empty"));
    }

    #[test]
    fn q_without_a_is_an_error() {
        let text = GOOD.replace("A\nBecause.\n", "Because.\n");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:6:1:"), "{e}");
        assert!(e.contains("card 1: this `Q` has no matching `A`"), "{e}");

        let e = error("T\n(1 card)\n1\nQ\nWhy?\n");
        assert!(e.starts_with("bad.txt:4:1:"), "{e}");
        assert!(e.contains("end of the file"), "{e}");
    }

    #[test]
    fn a_without_answer_text_is_an_error() {
        let text = GOOD.replace("Because.\n", "");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:10:1:"), "{e}");
        assert!(e.contains("card 1: no answer text after `A`"), "{e}");

        let e = error("T\n(1 card)\n1\nQ\nWhy?\nA\n\n");
        assert!(e.starts_with("bad.txt:6:1:"), "{e}");
    }

    #[test]
    fn empty_question_is_an_error() {
        let e = error("T\n(1 card)\n1\nQ\n\n[6]\nA\nBecause.\n");
        assert!(e.starts_with("bad.txt:4:1:"), "{e}");
        assert!(e.contains("question after `Q` is empty"), "{e}");
    }

    #[test]
    fn card_number_out_of_sequence_is_an_error() {
        let text = GOOD.replace("Perfectly\n2\nQ", "Perfectly\n3\nQ");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:21:1:"), "{e}");
        assert!(
            e.contains("card number 3 is out of sequence; expected card 2"),
            "{e}"
        );
    }

    #[test]
    fn missing_card_number_is_an_error() {
        let text = GOOD.replace("Perfectly\n2\nQ", "Perfectly\nQ");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:21:1:"), "{e}");
        assert!(e.contains("expected the card number 2"), "{e}");
    }

    #[test]
    fn stray_text_between_cards_is_an_error() {
        let text = GOOD.replace("Perfectly\n2\nQ", "Perfectly\nOops\n2\nQ");
        let e = error(&text);
        assert!(e.starts_with("bad.txt:21:1:"), "{e}");
        assert!(e.contains("expected card number 2, found `Oops`"), "{e}");
    }

    #[test]
    fn number_without_q_is_an_error() {
        let e = error("T\n(1 card)\n1\nWhy?\nA\nBecause.\n");
        assert!(e.starts_with("bad.txt:4:1:"), "{e}");
        assert!(e.contains("expected a line `Q` after card number 1"), "{e}");
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(clean_title("Q (bs) Cold War Flashcards"), "Cold War");
        assert_eq!(clean_title("Cold War"), "Cold War");
        assert_eq!(card_count("(1 card)"), Some(1));
        assert_eq!(card_count("(12 cards)"), Some(12));
        assert_eq!(card_count("(twelve cards)"), None);
    }
}
