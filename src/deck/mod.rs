//! Decks of question cards, read from a Brainscape text export, a
//! tab-separated question/answer file (Anki, Quizlet), a comma-separated
//! one (Quizlet, Google Sheets), "Q: … / A: …" plain text or selfmark's own
//! JSON.
//!
//! Every format yields the same [`Deck`]: cards numbered 1, 2, … in file
//! order, each with an id (the deck's own where it names one, else the
//! number), the exam part ("b"), the question without its "(b)" and `[6]`
//! decorations, the maximum mark (1 to [`MAX_MARK`]), and the model answer.
//!
//! Which format a file is in is decided, when it can be, by its extension or
//! by a signature in its text ([`DeckFormat::detect`]), and then that
//! format's own error is the one reported, placed by line and column. A file
//! that neither names nor shows its format is read as each text format in
//! turn; if it fits none, the error says why each failed rather than
//! guessing one, since a CSV file told "expected the card count after the
//! deck title" learns nothing.

mod brainscape;
mod csv;
mod json;
mod qa;
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
    /// Brainscape's text export: title, "(N cards)", numbered `Q`/`A` cards.
    Brainscape,
    /// `question<TAB>answer` rows, as Anki and Quizlet export them.
    Tsv,
    /// `question,answer` rows, as Quizlet and Google Sheets export them.
    Csv,
    /// Plain text of `Q: …` and `A: …` blocks.
    QaText,
    /// selfmark's own JSON.
    Json,
}

impl DeckFormat {
    /// Every format, in the order a file that shows none is tried in (JSON,
    /// which always shows itself by its `{`, last).
    pub const ALL: [DeckFormat; 5] = [
        DeckFormat::Brainscape,
        DeckFormat::Tsv,
        DeckFormat::Csv,
        DeckFormat::QaText,
        DeckFormat::Json,
    ];

    /// The formats a file that neither names nor shows its format is read
    /// as, in turn.
    const UNSHOWN: [DeckFormat; 4] = [
        DeckFormat::Brainscape,
        DeckFormat::Tsv,
        DeckFormat::Csv,
        DeckFormat::QaText,
    ];
}

impl std::fmt::Display for DeckFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DeckFormat::Brainscape => "Brainscape",
            DeckFormat::Tsv => "tab-separated",
            DeckFormat::Csv => "CSV",
            DeckFormat::QaText => "Q:/A: text",
            DeckFormat::Json => "JSON",
        })
    }
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
    /// and, failing that, from the content ([`DeckFormat::detect`]). Text
    /// that shows no format is read as each text format in turn, and the
    /// first that reads it wins; when none does, the error names each with
    /// why it failed. `file` is used in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
        if let Some(format) = DeckFormat::detect(text, file) {
            return Deck::parse_as(text, file, format);
        }
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(DeckError::invalid(
                file,
                "the file is empty; a deck holds cards of a question and a model answer",
            ));
        }
        let mut tried = Vec::new();
        for format in DeckFormat::UNSHOWN {
            match Deck::parse_as(text, file, format) {
                Ok(deck) => return Ok(deck),
                Err(error) => tried.push((format, error)),
            }
        }
        Err(DeckError::Unrecognised {
            file: file.to_string(),
            tried,
        })
    }

    /// Parses deck text in the given format.
    pub fn parse_as(text: &str, file: &str, format: DeckFormat) -> Result<Deck, DeckError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let deck = match format {
            DeckFormat::Brainscape => brainscape::parse(text, file)?,
            DeckFormat::Tsv => tsv::parse(text, file)?,
            DeckFormat::Csv => csv::parse(text, file)?,
            DeckFormat::QaText => qa::parse(text, file)?,
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
    /// The format a file names or shows, if any: by extension (`.json`,
    /// `.tsv`, `.csv`), else by a signature in its text, checked in this
    /// order: JSON starts with `{`; a Brainscape export has its "(N cards)"
    /// line, rating prompt or a numbered `Q` card; "Q:/A:" text opens with
    /// a `Q:` line (after at most a title) and has an `A:` line; a
    /// tab-separated file has Anki's `#separator`/`#html` header or tabs
    /// on most lines; a CSV file opens with a header row naming its
    /// question and answer columns. `None` when nothing shows (a `.txt` of
    /// headerless CSV, or a file that fits no format).
    pub fn detect(text: &str, file: &str) -> Option<DeckFormat> {
        let lower = file.to_ascii_lowercase();
        for (extension, format) in [
            (".json", DeckFormat::Json),
            (".tsv", DeckFormat::Tsv),
            (".csv", DeckFormat::Csv),
        ] {
            if lower.ends_with(extension) {
                return Some(format);
            }
        }
        let body = text.trim_start_matches('\u{feff}');
        [
            DeckFormat::Json,
            DeckFormat::Brainscape,
            DeckFormat::QaText,
            DeckFormat::Tsv,
            DeckFormat::Csv,
        ]
        .into_iter()
        .find(|format| format.shows_itself(body))
    }

    /// Whether `text` shows itself in this format by its signature.
    fn shows_itself(self, text: &str) -> bool {
        match self {
            DeckFormat::Brainscape => brainscape::shows_itself(text),
            DeckFormat::Tsv => tsv::shows_itself(text),
            DeckFormat::Csv => csv::shows_itself(text),
            DeckFormat::QaText => qa::shows_itself(text),
            DeckFormat::Json => text.trim_start().starts_with('{'),
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
    fn the_extension_decides_the_format_and_its_own_error_is_reported() {
        // A CSV deck was once told "expected the card count … after the
        // deck title", Brainscape's complaint (issue 20).
        let e = Deck::parse("Why?,Because.\nWhat? That.\n", "deck.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "deck.csv:2: the row has 1 cell where a card has 2 (question, answer); is a comma \
             missing?"
        );
        assert_eq!(
            DeckFormat::detect("Q: One?\nA: Yes.\n", "DECK.TSV"),
            Some(DeckFormat::Tsv)
        );
    }

    #[test]
    fn a_signature_in_the_text_decides_the_format_whatever_the_name() {
        use DeckFormat::*;
        for (text, format) in [
            ("\u{feff} {\"cards\": []}", Some(Json)),
            ("My deck\n\n(2 cards)\n", Some(Brainscape)),
            ("1\nQ\nWhy?\nA\nBecause.\n", Some(Brainscape)),
            ("Revision\n\nQ: One?\nA: Yes.\n", Some(QaText)),
            ("Question: One?\tor two?\nAnswer: Yes.\n", Some(QaText)),
            ("#separator:tab\nOne?\n", Some(Tsv)),
            ("One?\tYes.\nTwo?\tNo.\n", Some(Tsv)),
            ("Term,Definition\nOne?,Yes.\n", Some(Csv)),
            ("One?,Yes.\n", None),
            ("Q: One?\n", None),
            ("", None),
        ] {
            assert_eq!(DeckFormat::detect(text, "deck.txt"), format, "{text:?}");
        }
    }

    #[test]
    fn deck_fitting_no_format_names_every_format_tried() {
        let e = Deck::parse("Notes on the League\nIt failed.\n", "deck.txt")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "deck.txt: not a deck selfmark reads: as Brainscape, line 2: expected the card \
             count, e.g. `(6 cards)`, after the deck title; as tab-separated, line 1: expected \
             `question<TAB>answer` but the line has no tab; as CSV, line 1: the row has 1 cell \
             where a card has 2 (question, answer); as Q:/A: text: no line starts with `Q:`"
        );
    }

    #[test]
    fn a_deck_that_shows_no_format_is_read_by_the_first_that_fits() {
        let deck = Deck::parse("Why?,Because.\nWhat?,That.\n", "deck.txt").unwrap();
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[1].answer, "That.");
        // Tabs on fewer than half the lines, the rest inside a quoted answer.
        let deck = Deck::parse("Why?\t\"Because\nof this\nand that\"\n", "deck").unwrap();
        assert_eq!(deck.cards[0].answer, "Because\nof this\nand that");
        let e = Deck::parse(" \n\n", "deck.txt").unwrap_err().to_string();
        assert_eq!(
            e,
            "deck.txt: the file is empty; a deck holds cards of a question and a model answer"
        );
    }

    #[test]
    fn every_format_numbers_its_cards_and_finds_them_by_number_and_question() {
        let decks = [
            (
                "Deck\n(2 cards)\n1\nQ\n(a) One? [2]\nA\nYes.\n2\nQ\nTwo?\nA\nNo.\n",
                "d.txt",
            ),
            ("(a) One? [2]\tYes.\nTwo?\tNo.\n", "d.tsv"),
            ("(a) One? [2],Yes.\nTwo?,No.\n", "d.csv"),
            ("Q: (a) One? [2]\nA: Yes.\nQ: Two?\nA: No.\n", "d.txt"),
            (
                r#"{"cards": [{"question": "(a) One? [2]", "answer": "Yes."},
                {"question": "Two?", "answer": "No."}]}"#,
                "d.json",
            ),
        ];
        for (text, file) in decks {
            let deck = Deck::parse(text, file).unwrap_or_else(|e| panic!("{e}"));
            let numbers: Vec<usize> = deck.cards.iter().map(|c| c.number).collect();
            assert_eq!(numbers, [1, 2], "{text}");
            let first = &deck.cards[0];
            assert_eq!(
                (first.part.as_deref(), first.question.as_str(), first.max),
                (Some("a"), "One?", Some(2)),
                "{text}"
            );
            assert_eq!(deck.find("2").unwrap().question, "Two?", "{text}");
            assert_eq!(deck.find("two").unwrap().number, 2, "{text}");
        }
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
