//! Loading what a command works on: the deck and rubric (files or the
//! built-in seed) and answer text from a file or stdin, refusing binary and
//! non-UTF-8 input with a message that says what and where.

use super::{Failure, Result, Sources};
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use selfmark::{Card, Deck};
use std::io::Read;
use std::path::Path;

/// The largest answer or input file read, in bytes.
pub const MAX_INPUT: u64 = 16 * 1024 * 1024;

/// A deck and its compiled rubric, checked against each other.
pub struct Loaded {
    pub deck: Deck,
    pub rubric: CompiledRubric,
}

impl Loaded {
    /// Finds a card and its rubric by number, id or question text.
    pub fn card(&self, query: &str) -> Result<(&Card, usize)> {
        let card = self.deck.find(query).map_err(Failure::input)?;
        let rubric = self.rubric.card_for(card).ok_or_else(|| {
            Failure::input(format!(
                "card {} (\"{}\") has no rubric; write one with --rubric FILE",
                card.id, card.question
            ))
        })?;
        Ok((card, rubric))
    }

    /// [`Self::card`], with why not in one line for a message about one
    /// input among many: an unknown card with the deck's card ids rather
    /// than every question.
    pub fn card_in_line(&self, query: &str) -> std::result::Result<(&Card, usize), String> {
        self.card(query).map_err(|e| {
            if self.deck.find(query).is_err() {
                format!(
                    "no card matches `{query}` (the deck's cards are {})",
                    self.deck.card_ids()
                )
            } else {
                e.message.replace('\n', " ")
            }
        })
    }
}

/// The name an input argument is called by in messages: `<stdin>` for `-`.
pub fn display_name(arg: &str) -> &str {
    if arg == "-" { "<stdin>" } else { arg }
}

/// Reads a whole file as UTF-8 text, or says why it can't be.
pub fn read_text_file(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure::input(format!(
            "{name}: is a directory, not a file"
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    read_text(file, &name)
}

/// Reads a file, or stdin for `-`.
pub fn read_text_arg(arg: &str) -> Result<String> {
    if arg == "-" {
        read_text(std::io::stdin().lock(), display_name(arg))
    } else {
        read_text_file(Path::new(arg))
    }
}

fn read_text(reader: impl Read, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Failure::input(format!(
            "{name}: larger than {} MiB; an answer should be text of a few pages at most",
            MAX_INPUT / (1024 * 1024)
        )));
    }
    text_from_bytes(bytes, name)
}

/// Checks bytes are UTF-8 text (not binary) and returns them as a string.
pub fn text_from_bytes(bytes: Vec<u8>, name: &str) -> Result<String> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Failure::input(format!(
            "{name}: looks like a binary file (a NUL byte at offset {pos}); give a text file"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = text.matches('\n').count() + 1;
        Failure::input(format!(
            "{name}:{line}: not UTF-8 text (invalid byte at offset {at}); save the file as UTF-8"
        ))
    })
}

/// Loads the deck and rubric named by `sources`, or the built-in seed.
pub fn load(sources: &Sources) -> Result<Loaded> {
    let deck = load_deck(sources.deck.as_deref())?;
    let (text, name) = match &sources.rubric {
        Some(path) => (read_text_file(path)?, path.display().to_string()),
        None => (
            builtin::RUBRIC.to_string(),
            builtin::RUBRIC_NAME.to_string(),
        ),
    };
    let set = rubric::parse(&text, &name).map_err(Failure::input)?;
    let compiled = CompiledRubric::compile(&set, &name).map_err(Failure::input)?;
    let errors: Vec<String> = check_against_deck(&set, &deck)
        .into_iter()
        .filter(|p| p.error)
        .map(|p| format!("{name}: {}: {}", p.field, p.message))
        .collect();
    if !errors.is_empty() {
        let hint = match (&sources.rubric, &sources.deck) {
            (None, _) => {
                "\n(the built-in rubric is for the built-in deck: give --rubric FILE for this deck)"
            }
            (Some(_), None) => {
                "\n(without --deck the built-in deck is used: give the rubric's deck with --deck FILE)"
            }
            _ => "",
        };
        return Err(Failure::input(format!(
            "the rubric does not fit the deck:\n  {}{hint}",
            errors.join("\n  ")
        )));
    }
    Ok(Loaded {
        deck,
        rubric: compiled,
    })
}

/// Loads a deck file, or the built-in seed deck.
pub fn load_deck(path: Option<&Path>) -> Result<Deck> {
    match path {
        Some(path) => {
            let text = read_text_file(path)?;
            Deck::parse(&text, &path.display().to_string()).map_err(Failure::input)
        }
        None => Deck::parse(builtin::DECK, builtin::DECK_NAME).map_err(Failure::input),
    }
}
