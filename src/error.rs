//! Typed errors of the core: each says what was wrong and where
//! (file, line, column, field path) so the CLI can print it as one line.

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
