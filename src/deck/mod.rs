//! Decks of question cards, read from a Brainscape text export, a
//! tab-separated question/answer file (Anki, Quizlet) or selfmark's own JSON.
//!
//! Every format yields the same [`Deck`]: cards numbered 1, 2, … in file
//! order, each with an id (the deck's own where it names one, else the
//! number), the exam part ("b"), the question without its "(b)" and `[6]`
//! decorations, the maximum mark (1 to [`MAX_MARK`]), and the model answer.

mod brainscape;
mod json;
mod tsv;

use crate::error::DeckError;
use crate::text::fold_question;
use serde::{Deserialize, Serialize};

/// The largest maximum mark a card may set (`[6]`, or `max` in JSON): a
/// rubric's maximum is at most this too (`rubric::validate`), so a rubric
/// can always give a card its own.
pub const MAX_MARK: u32 = 100;

/// One question card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// 1-based position in the deck, in file order.
    pub number: usize,
    /// The deck's own id for the card, or the number as text.
    pub id: String,
    /// The exam part, e.g. "b" for "(b) Why…?", when the question gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// The question without a leading "(b)" or a trailing `[6]`.
    pub question: String,
    /// The maximum mark, from a trailing `[6]` or the deck's own field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// The model answer as written in the deck (bullets and headings kept
    /// one a line).
    pub answer: String,
    /// The line of the deck file on which the card starts (0 when unknown).
    #[serde(default)]
    pub line: usize,
}

impl Card {
    /// The question as an exam paper prints it: `(b) Why…? [6]`.
    pub fn display_question(&self) -> String {
        let mut s = String::new();
        if let Some(part) = &self.part {
            s.push_str(&format!("({part}) "));
        }
        s.push_str(&self.question);
        if let Some(max) = self.max {
            s.push_str(&format!(" [{max}]"));
        }
        s
    }
}

/// A titled list of cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    pub title: String,
    pub cards: Vec<Card>,
}

/// The file formats a deck can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckFormat {
    Brainscape,
    Tsv,
    Json,
}

/// Why a card query matched nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCard {
    pub query: String,
    /// "id: question" for every card, to show the user what is valid.
    pub valid: Vec<String>,
}

impl std::fmt::Display for UnknownCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no card matches `{}`; valid cards are:\n  {}",
            self.query,
            self.valid.join("\n  ")
        )
    }
}

impl std::error::Error for UnknownCard {}

impl Deck {
    /// Parses deck text, choosing the format from the file name's extension
    /// and, failing that, from the content. `file` is used in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
        Deck::parse_as(text, file, DeckFormat::detect(text, file))
    }

    /// Parses deck text in the given format.
    pub fn parse_as(text: &str, file: &str, format: DeckFormat) -> Result<Deck, DeckError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let deck = match format {
            DeckFormat::Brainscape => brainscape::parse(text, file)?,
            DeckFormat::Tsv => tsv::parse(text, file)?,
            DeckFormat::Json => json::parse(text, file)?,
        };
        if deck.cards.is_empty() {
            return Err(DeckError::invalid(file, "the deck has no cards"));
        }
        let mut seen = std::collections::HashSet::new();
        for card in &deck.cards {
            if let Some(max) = card.max
                && !(1..=MAX_MARK).contains(&max)
            {
                return Err(DeckError::at(
                    file,
                    card.line,
                    0,
                    format!(
                        "card {}: its maximum mark is {max}; selfmark marks a question out of \
                         1 to {MAX_MARK}",
                        card.id
                    ),
                ));
            }
            if !seen.insert(card.id.as_str()) {
                return Err(DeckError::at(
                    file,
                    card.line,
                    0,
                    format!("card id `{}` is used twice", card.id),
                ));
            }
        }
        Ok(deck)
    }

    /// The cards' ids in deck order, as a list for a message: "1, 2, 3".
    pub fn card_ids(&self) -> String {
        let ids: Vec<&str> = self.cards.iter().map(|c| c.id.as_str()).collect();
        ids.join(", ")
    }

    /// Finds a card by number ("3"), by the deck's id, or by question text
    /// compared after [`fold_question`].
    pub fn find(&self, query: &str) -> Result<&Card, UnknownCard> {
        let q = query.trim();
        if let Some(card) = self.cards.iter().find(|c| c.id == q) {
            return Ok(card);
        }
        if let Ok(n) = q.parse::<usize>()
            && let Some(card) = self.cards.iter().find(|c| c.number == n)
        {
            return Ok(card);
        }
        let folded = fold_question(q);
        if !folded.is_empty()
            && let Some(card) = self
                .cards
                .iter()
                .find(|c| fold_question(&c.question) == folded)
        {
            return Ok(card);
        }
        Err(UnknownCard {
            query: query.to_string(),
            valid: self
                .cards
                .iter()
                .map(|c| format!("{}: {}", c.id, c.display_question()))
                .collect(),
        })
    }
}

impl DeckFormat {
    /// Chooses a format: `.json` → JSON, `.tsv` → TSV, otherwise JSON when
    /// the text starts with `{`, TSV when most non-blank lines (Anki's `#`
    /// header lines aside) hold a tab,
    /// else Brainscape.
    pub fn detect(text: &str, file: &str) -> DeckFormat {
        let lower = file.to_ascii_lowercase();
        if lower.ends_with(".json") {
            return DeckFormat::Json;
        }
        if lower.ends_with(".tsv") {
            return DeckFormat::Tsv;
        }
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            return DeckFormat::Json;
        }
        let lines: Vec<&str> = body
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        let tabbed = lines.iter().filter(|l| l.contains('\t')).count();
        if !lines.is_empty() && tabbed * 2 > lines.len() {
            DeckFormat::Tsv
        } else {
            DeckFormat::Brainscape
        }
    }
}

/// Splits `(b) Why…? [6]` into its part ("b"), the bare question and the
/// maximum mark. Either decoration may be absent.
pub fn split_question(raw: &str) -> (Option<String>, String, Option<u32>) {
    let mut q = raw.trim();
    let mut part = None;
    if let Some(rest) = q.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let inner = rest[..close].trim();
        if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_alphanumeric()) {
            part = Some(inner.to_lowercase());
            q = rest[close + 1..].trim_start();
        }
    }
    let mut max = None;
    if let Some(body) = q.strip_suffix(']')
        && let Some(open) = body.rfind('[')
    {
        let inner = body[open + 1..].trim();
        let digits = inner
            .trim_end_matches("marks")
            .trim_end_matches("mark")
            .trim();
        if let Ok(n) = digits.parse::<u32>() {
            max = Some(n);
            q = body[..open].trim_end();
        }
    }
    (part, q.to_string(), max)
}

/// Joins the lines of a model answer as written: each line trimmed, runs of
/// blank lines collapsed to one, blank lines at either end dropped.
fn tidy_answer<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut gap = false;
    for line in lines.into_iter().map(str::trim) {
        if line.is_empty() {
            gap = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if gap { "\n\n" } else { "\n" });
        }
        gap = false;
        out.push_str(line);
    }
    out
}

/// A deck title from its file name: the stem ("sample" for
/// "decks/sample.tsv"), or "Untitled deck" when there is none.
fn title_from_file(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
        .map_or_else(|| "Untitled deck".to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maximum_mark_of_4294967295_is_refused_naming_the_card() {
        // It once drafted a rubric of maximum 100 that did not fit its own
        // deck (issue 19).
        let e = Deck::parse("(b) Why? [4294967295]\tSome answer.\n", "d.tsv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "d.tsv:1: card 1: its maximum mark is 4294967295; selfmark marks a question out of 1 \
             to 100"
        );
        let e = Deck::parse(
            r#"{"cards": [{"question": "Q?", "answer": "A"},
               {"question": "Why?", "answer": "A", "max": 101}]}"#,
            "d.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("d.json:2: card 2: its maximum mark is 101;"),
            "{e}"
        );
        assert!(Deck::parse("Why? [0]\tA.\n", "d.tsv").is_err());
        let deck = Deck::parse("Why? [100]\tA.\n", "d.tsv").unwrap();
        assert_eq!(deck.cards[0].max, Some(MAX_MARK));
    }

    #[test]
    fn the_largest_maximum_mark_is_one_a_rubric_may_give() {
        let rubric = |max: u32| {
            let set: crate::rubric::RubricSet = serde_json::from_value(serde_json::json!({
                "cards": [{"card": "1", "question": "Why?", "max": max, "points": [
                    {"id": "a", "label": "l", "hint": "h", "match": {"any": ["x"]}}]}]
            }))
            .unwrap();
            crate::rubric::validate(&set, "r.json")
        };
        assert!(rubric(MAX_MARK).is_ok());
        assert!(rubric(MAX_MARK + 1).is_err());
    }

    #[test]
    fn splits_part_and_mark() {
        let (p, q, m) = split_question("(b) Why were the Purges effective?[6]");
        assert_eq!(p.as_deref(), Some("b"));
        assert_eq!(q, "Why were the Purges effective?");
        assert_eq!(m, Some(6));
        let (p, q, m) = split_question("What is a stack?");
        assert_eq!((p, q.as_str(), m), (None, "What is a stack?", None));
    }
}
