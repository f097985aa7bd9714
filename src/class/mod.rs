//! A class's answers, marked together: what a teacher's batch run is made
//! of, and the reports drawn from it.
//!
//! Each answer is marked on its own into a [`MarkResult`]; a [`Marked`]
//! adds whose answer it was and to which card. [`ClassSummary`] gathers
//! marks as they arrive (per card: mark distribution, mean, points missed;
//! per student: a mark per card) without keeping answer texts, so it stays
//! small however many answers pass through. The renderers ([`table`],
//! [`html`]) and the spreadsheet guard ([`cells`]) are pure functions of
//! these types; reading folders and files is the command line's job.

pub mod cells;
pub mod chart;
pub mod escape;
pub mod forms;
pub mod html;
pub mod layout;
pub mod summary;
pub mod table;

pub use summary::{CardSummary, ClassSummary, MissedPoint, StudentMarks};

use crate::report::MarkResult;
use serde::Serialize;
use std::fmt;

/// One student's answer to one card, marked.
#[derive(Debug, Clone)]
pub struct Marked {
    /// Who wrote it (a name, an e-mail address, a file or line when
    /// nothing better is known).
    pub student: String,
    /// The card's index in the deck (its number less one).
    pub card: usize,
    pub result: MarkResult,
    /// The answer text, kept only for reports that quote it in full.
    pub answer: Option<String>,
}

/// An input that could not be marked, and why. It is reported and skipped;
/// the rest of the class is still marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The file it came from, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The 1-based line in that file, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column (character) in that line, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The answer's id or student, when known.
    pub id: Option<String>,
    /// What was wrong and what to do.
    pub error: String,
}

impl Warning {
    /// A warning about a whole file.
    pub fn file(file: impl Into<String>, error: impl Into<String>) -> Warning {
        Warning {
            file: Some(file.into()),
            line: None,
            column: None,
            id: None,
            error: error.into(),
        }
    }

    /// A warning about one line of a file.
    pub fn line(file: impl Into<String>, line: usize, error: impl Into<String>) -> Warning {
        Warning {
            line: Some(line),
            ..Warning::file(file, error)
        }
    }

    /// The same warning, naming the answer's id or student.
    pub fn with_id(mut self, id: Option<String>) -> Warning {
        self.id = id;
        self
    }

    /// The same warning, naming a column of its line.
    pub fn with_column(mut self, column: Option<usize>) -> Warning {
        self.column = column;
        self
    }

    /// Where it happened: `file:line:column`, as much as is known.
    pub fn location(&self) -> String {
        let mut s = self.file.clone().unwrap_or_default();
        for n in [self.line, self.column].into_iter().flatten() {
            s.push_str(&format!(":{n}"));
        }
        s
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.location();
        if at.is_empty() {
            f.write_str(&self.error)
        } else {
            write!(f, "{at}: {}", self.error)
        }
    }
}

/// `n` of a thing, the noun plural unless one: "1 student", "3 answers".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_says_where_as_far_as_known() {
        assert_eq!(
            Warning::file("a/b.txt", "empty").to_string(),
            "a/b.txt: empty"
        );
        let w = Warning::line("forms.csv", 7, "missing cells").with_column(Some(3));
        assert_eq!(w.to_string(), "forms.csv:7:3: missing cells");
    }

    #[test]
    fn one_of_a_thing_is_singular() {
        assert_eq!(super::counted(1, "student"), "1 student");
        assert_eq!(super::counted(0, "answer"), "0 answers");
        assert_eq!(super::counted(12, "answer"), "12 answers");
    }
}
