//! Reads selfmark's own JSON deck:
//! `{"title": "…", "cards": [{"id": "…", "question": "(b) Why…? [6]",
//! "answer": "…", "part": "b", "max": 6}]}`, where `id`, `part` and `max`
//! are optional. A bad field is reported with its line, column and path.

use super::{Card, Deck, split_question, tidy_answer, title_from_file};
use crate::error::DeckError;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeck {
    #[serde(default)]
    title: Option<String>,
    cards: Vec<RawCard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    #[serde(default)]
    id: Option<String>,
    question: String,
    answer: String,
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    max: Option<u32>,
}

/// Parses a JSON deck. `file` is used in error messages and, when the deck
/// has no title, for the title.
pub(super) fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawDeck = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        syntax_error(file, e.into_inner(), &path)
    })?;
    de.end().map_err(|e| syntax_error(file, e, ""))?;

    let starts = card_starts(text);
    let title = raw
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_file(file));
    let cards = raw
        .cards
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let start = starts.get(i).copied();
            card(raw, i + 1, start, file)
        })
        .collect::<Result<_, _>>()?;
    Ok(Deck { title, cards })
}

/// A serde_json error as "file:line:column: message (at field path)".
fn syntax_error(file: &str, error: serde_json::Error, path: &str) -> DeckError {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    let message = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full);
    let message = if path.is_empty() || path == "." {
        message.to_string()
    } else {
        format!("{message} (at field {path})")
    };
    DeckError::at(file, line, column, message)
}

/// Builds card `number` from its JSON object, which starts at `start`
/// (line, column) when that is known.
fn card(
    raw: RawCard,
    number: usize,
    start: Option<(usize, usize)>,
    file: &str,
) -> Result<Card, DeckError> {
    let name = match &raw.id {
        Some(id) => format!("card {number} (`{id}`)"),
        None => format!("card {number}"),
    };
    let fail = |message: String| {
        let message = format!("{name}: {message}");
        match start {
            Some((line, column)) => DeckError::at(file, line, column, message),
            None => DeckError::invalid(file, message),
        }
    };

    let id = match raw.id.as_deref().map(str::trim) {
        Some("") => return Err(fail("`id` is empty".to_string())),
        Some(id) => id.to_string(),
        None => number.to_string(),
    };
    let (found_part, question, found_max) = split_question(&raw.question);
    let question = question.split_whitespace().collect::<Vec<_>>().join(" ");
    if question.is_empty() {
        return Err(fail("the question is empty".to_string()));
    }
    let part = match raw.part.as_deref().map(clean_part) {
        Some(part) if part.is_empty() => None,
        Some(part) => {
            if let Some(found) = &found_part
                && *found != part
            {
                return Err(fail(format!(
                    "`part` is \"{part}\" but the question says \"({found})\""
                )));
            }
            Some(part)
        }
        None => found_part,
    };
    let max = match raw.max {
        Some(0) => return Err(fail("`max` must be at least 1".to_string())),
        Some(max) => {
            if let Some(found) = found_max
                && found != max
            {
                return Err(fail(format!(
                    "`max` is {max} but the question says [{found}]"
                )));
            }
            Some(max)
        }
        None => found_max,
    };
    let answer = tidy_answer(raw.answer.lines());
    if answer.is_empty() {
        return Err(fail("the answer is empty".to_string()));
    }
    Ok(Card {
        number,
        id,
        part,
        question,
        max,
        answer,
        line: start.map_or(0, |(line, _)| line),
    })
}

/// A part as the question would print it: "b" for "b", "B" or "(b)".
fn clean_part(part: &str) -> String {
    let part = part.trim();
    let part = part
        .strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'))
        .unwrap_or(part);
    part.trim().to_lowercase()
}

/// The (line, column) at which each object of the top-level "cards" array
/// starts, in order. `text` must be valid JSON.
fn card_starts(text: &str) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let (mut line, mut line_start) = (1, 0);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0;
    let mut last_string = "";
    let mut key = "";
    let mut cards_depth = None;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    in_string = false;
                    last_string = &text[string_start..i];
                }
                _ => {}
            }
            continue;
        }
        match c {
            '\n' => (line, line_start) = (line + 1, i + 1),
            '"' => {
                in_string = true;
                string_start = i + 1;
            }
            ':' if depth == 1 => key = last_string,
            '{' | '[' => {
                if c == '{' && cards_depth == Some(depth) {
                    starts.push((line, text[line_start..i].chars().count() + 1));
                }
                if c == '[' && depth == 1 && key == "cards" {
                    cards_depth = Some(depth + 1);
                }
                depth += 1;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if cards_depth.is_some_and(|d| depth < d) {
                    cards_depth = None;
                }
            }
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(text: &str) -> Deck {
        parse(text, "deck.json").expect("the deck parses")
    }

    /// The error message for `text`, which must fail to parse.
    fn error(text: &str) -> String {
        match parse(text, "deck.json") {
            Ok(deck) => panic!("expected an error, parsed {deck:?}"),
            Err(e) => e.to_string(),
        }
    }

    const DECK: &str = r#"{
  "title": "Stalin",
  "cards": [
    {"id": "trotsky-lost", "question": "(b) Why did Trotsky lose? [6]", "answer": "Stalin\n\n\nwas cleverer."},
    {
      "question": "What was the NKVD?",
      "answer": "The secret police.",
      "part": "(A)",
      "max": 2
    }
  ]
}"#;

    #[test]
    fn reads_cards() {
        let deck = deck(DECK);
        assert_eq!(deck.title, "Stalin");
        assert_eq!(deck.cards.len(), 2);
        let first = &deck.cards[0];
        assert_eq!((first.number, first.id.as_str()), (1, "trotsky-lost"));
        assert_eq!(first.part.as_deref(), Some("b"));
        assert_eq!(first.question, "Why did Trotsky lose?");
        assert_eq!(first.max, Some(6));
        assert_eq!(first.answer, "Stalin\n\nwas cleverer.");
        assert_eq!(first.line, 4);
        let second = &deck.cards[1];
        assert_eq!((second.number, second.id.as_str()), (2, "2"));
        assert_eq!((second.part.as_deref(), second.max), (Some("a"), Some(2)));
        assert_eq!(second.line, 5);
    }

    #[test]
    fn title_defaults_to_the_file_stem() {
        let deck = parse(
            r#"{"cards": [{"question": "Q?", "answer": "A."}]}"#,
            "decks/cs.json",
        )
        .expect("parses");
        assert_eq!(deck.title, "cs");
    }

    #[test]
    fn wrong_type_names_the_field_path() {
        let text = "{\n  \"title\": \"T\",\n  \"cards\": [\n    {\"question\": 6, \"answer\": \"A\"}\n  ]\n}";
        assert_eq!(
            error(text),
            "deck.json:4:18: invalid type: integer `6`, expected a string \
             (at field cards[0].question)"
        );
    }

    #[test]
    fn unknown_field_names_the_field_path() {
        let text = "{\"cards\": [\n {\"question\": \"Q?\", \"answer\": \"A.\"},\n {\"question\": \"Q?\", \"anwser\": \"A.\"}]}";
        let e = error(text);
        assert!(e.starts_with("deck.json:3:"), "{e}");
        assert!(e.contains("unknown field `anwser`"), "{e}");
        assert!(e.ends_with("(at field cards[1].anwser)"), "{e}");
    }

    #[test]
    fn missing_field_and_bad_max_are_reported() {
        let e = error("{\"cards\": [{\"question\": \"Q?\"}]}");
        assert!(e.contains("missing field `answer`"), "{e}");
        assert!(e.ends_with("(at field cards[0])"), "{e}");
        let e = error("{\"cards\": [{\"question\": \"Q?\", \"answer\": \"A\", \"max\": -1}]}");
        assert!(e.contains("(at field cards[0].max)"), "{e}");
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = error("{\"cards\": [\n  {\"question\": \"Q?\",}\n]}");
        assert!(e.starts_with("deck.json:2:"), "{e}");
        let e = error("{\"cards\": []} trailing");
        assert!(e.starts_with("deck.json:1:15: trailing characters"), "{e}");
        assert!(!e.contains("at line"), "{e}");
    }

    #[test]
    fn empty_question_names_the_card() {
        let text = "{\"cards\": [\n  {\"question\": \"Q?\", \"answer\": \"A.\"},\n  {\"id\": \"blank\", \"question\": \" (b) [4] \", \"answer\": \"A.\"}\n]}";
        assert_eq!(
            error(text),
            "deck.json:3:3: card 2 (`blank`): the question is empty"
        );
    }

    #[test]
    fn empty_answer_and_id_are_errors() {
        let e = error(r#"{"cards": [{"question": "Q?", "answer": "  "}]}"#);
        assert_eq!(e, "deck.json:1:12: card 1: the answer is empty");
        let e = error(r#"{"cards": [{"id": " ", "question": "Q?", "answer": "A"}]}"#);
        assert!(e.contains("`id` is empty"), "{e}");
    }

    #[test]
    fn conflicting_decorations_are_errors() {
        let e = error(r#"{"cards": [{"question": "Q? [6]", "answer": "A", "max": 4}]}"#);
        assert!(e.contains("`max` is 4 but the question says [6]"), "{e}");
        let e = error(r#"{"cards": [{"question": "(b) Q?", "answer": "A", "part": "c"}]}"#);
        assert!(
            e.contains("`part` is \"c\" but the question says \"(b)\""),
            "{e}"
        );
        let e = error(r#"{"cards": [{"question": "Q?", "answer": "A", "max": 0}]}"#);
        assert!(e.contains("`max` must be at least 1"), "{e}");
    }

    #[test]
    fn card_starts_ignore_braces_in_strings_and_nested_arrays() {
        let text = "{\"title\": \"{[\\\"cards\\\"\", \"x\": {\"cards\": [{}]},\n\"cards\": [\n {\"a\": [{}]}, {}]}";
        assert_eq!(card_starts(text), [(3, 2), (3, 15)]);
    }

    #[test]
    fn sample_deck_parses() {
        let deck = parse(
            include_str!("../../tests/data/decks/sample.json"),
            "tests/data/decks/sample.json",
        )
        .expect("the sample parses");
        assert_eq!(deck.cards.len(), 3);
        assert!(deck.cards.iter().all(|c| c.id.parse::<usize>().is_err()));
        assert!(deck.cards.iter().all(|c| c.max.is_some() && c.line > 0));
    }
}
