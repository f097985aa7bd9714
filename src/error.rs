//! Typed errors of the core: each says what was wrong and where
//! (file, line, column, field path) so the CLI can print it as one line.

use crate::deck::DeckFormat;
use std::fmt;
use thiserror::Error;

/// Where in an input file something went wrong. `line` and `column` are
/// 1-based; a column of 0 means "the whole line".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column > 0 {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// A deck that could not be read.
#[derive(Debug, Error)]
pub enum DeckError {
    #[error("{location}: {message}")]
    Malformed { location: Location, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    /// The file fits none of the formats it was read as: each format tried,
    /// in order, with why it failed.
    #[error("{file}: not a deck selfmark reads: {}", attempts(.tried))]
    Unrecognised {
        file: String,
        tried: Vec<(DeckFormat, DeckError)>,
    },
}

/// The formats tried for [`DeckError::Unrecognised`], one clause each:
/// `as CSV, line 3: …; as Q:/A: text: …`. Each says what was wrong, the
/// part of its format's message before any "; what to do", which is
/// advice for a file of that format and would blur where one clause ends.
fn attempts(tried: &[(DeckFormat, DeckError)]) -> String {
    let clauses: Vec<String> = tried
        .iter()
        .map(|(format, error)| {
            let message = error.message();
            let what = first_clause(&message);
            match error.line() {
                Some(line) => format!("as {format}, line {line}: {what}"),
                None => format!("as {format}: {what}"),
            }
        })
        .collect();
    clauses.join("; ")
}

/// `message` up to its first "; " outside backticks (a quoted line may hold
/// one).
fn first_clause(message: &str) -> &str {
    let mut quoted = false;
    for (i, c) in message.char_indices() {
        match c {
            '`' => quoted = !quoted,
            ';' if !quoted && message[i + 1..].starts_with(' ') => return &message[..i],
            _ => {}
        }
    }
    message
}

impl DeckError {
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        DeckError::Malformed {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            message: message.into(),
        }
    }

    pub fn invalid(file: &str, message: impl Into<String>) -> Self {
        DeckError::Invalid {
            file: file.to_string(),
            message: message.into(),
        }
    }

    /// The line the error is on, when it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DeckError::Malformed { location, .. } => Some(location.line),
            _ => None,
        }
    }

    /// What was wrong, without the file and place.
    pub fn message(&self) -> String {
        match self {
            DeckError::Malformed { message, .. } | DeckError::Invalid { message, .. } => {
                message.clone()
            }
            DeckError::Unrecognised { tried, .. } => {
                format!("not a deck selfmark reads: {}", attempts(tried))
            }
        }
    }
}

/// A rubric that could not be loaded, compiled or fitted to its deck.
#[derive(Debug, Error)]
pub enum RubricError {
    /// The JSON is malformed or a field has the wrong type.
    #[error("{location}: {message}{}", field_suffix(.field))]
    Syntax {
        location: Location,
        field: String,
        message: String,
    },
    /// The JSON is well-formed but says something impossible
    /// (an empty term, a duplicate point id, a mark of 0…).
    #[error("{file}: {field}: {message}")]
    Invalid {
        file: String,
        field: String,
        message: String,
    },
}

fn field_suffix(field: &str) -> String {
    if field.is_empty() || field == "." {
        String::new()
    } else {
        format!(" (at field `{field}`)")
    }
}

impl RubricError {
    pub fn invalid(file: &str, field: impl Into<String>, message: impl Into<String>) -> Self {
        RubricError::Invalid {
            file: file.to_string(),
            field: field.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_tried_is_told_by_what_was_wrong_without_the_advice() {
        let e = DeckError::Unrecognised {
            file: "d.txt".to_string(),
            tried: vec![
                (
                    DeckFormat::Brainscape,
                    DeckError::at(
                        "d.txt",
                        1,
                        1,
                        "unexpected text `a; b` before the title; fix it",
                    ),
                ),
                (
                    DeckFormat::QaText,
                    DeckError::invalid("d.txt", "no line starts with `Q:`; write one"),
                ),
            ],
        };
        assert_eq!(
            e.to_string(),
            "d.txt: not a deck selfmark reads: as Brainscape, line 1: unexpected text `a; b` \
             before the title; as Q:/A: text: no line starts with `Q:`"
        );
    }
}
