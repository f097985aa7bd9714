//! The parallel stage of a batch: each [`Job`] is read (a file), parsed (a
//! JSON line) and marked on a worker thread, giving a [`Outcome`]. The
//! compiled rubric is shared by every thread; what one answer needs while
//! it is marked lives in that answer's own index and matcher and in
//! per-thread word caches.

use super::inputs::{Job, answer_file, student_folder};
use crate::cli::input::Loaded;
use rayon::iter::Either;
use selfmark::class::layout::question_header;
use selfmark::class::{Marked, Warning};
use selfmark::{CompiledRubric, Deck};
use serde::Deserialize;

// The rubric and deck are read from many threads at once.
const _: () = {
    const fn shared<T: Sync + Send>() {}
    shared::<CompiledRubric>();
    shared::<Deck>();
};

/// What became of a job: a mark (with the bytes the output format writes
/// for it, when they were rendered on the marking thread), or a skip.
pub enum Outcome {
    Marked(Marked, Option<Vec<u8>>),
    Skipped(Warning),
    /// A student's folder was listed: it held `jobs` answers (or files to
    /// skip), whose outcomes follow, where `expected` were guessed.
    Listed {
        jobs: u64,
        expected: u64,
    },
}

/// The outcomes of one job, in order: one for most jobs, a folder's
/// listing and its answers' for a folder.
pub type Outcomes = Either<std::iter::Once<Outcome>, std::vec::IntoIter<Outcome>>;

/// What every job needs: the deck and rubric, and what to keep.
pub struct Marker<'a> {
    loaded: &'a Loaded,
    /// Each deck card's rubric (an index into the compiled rubric's cards).
    rubric_of: Vec<Option<usize>>,
    /// Keep the answers' text (for reports that quote them).
    keep_text: bool,
    /// The input's name, for JSON Lines messages.
    input: String,
}

impl<'a> Marker<'a> {
    pub fn new(loaded: &'a Loaded, keep_text: bool, input: &str) -> Marker<'a> {
        let rubric_of = loaded
            .deck
            .cards
            .iter()
            .map(|c| loaded.rubric.card_for(c))
            .collect();
        Marker {
            loaded,
            rubric_of,
            keep_text,
            input: input.to_string(),
        }
    }

    /// Reads, parses and marks one job; a folder is listed first, and each
    /// of its answers marked in turn.
    pub fn run(&self, job: Job) -> Outcomes {
        let outcome = match job {
            Job::Folder {
                path,
                student,
                expected,
            } => return Either::Right(self.folder(&path, &student, expected)),
            Job::Answer {
                student,
                card,
                text,
            } => self.mark(student, card, text, None),
            Job::File {
                path,
                student,
                card,
            } => self.file(&path, student, card),
            Job::Line { line, raw } => self.line(line, &raw),
            Job::Skip(w) => Outcome::Skipped(w),
        };
        Either::Left(std::iter::once(outcome))
    }

    /// Lists a student's folder and marks the answers in it.
    fn folder(
        &self,
        path: &std::path::Path,
        student: &str,
        expected: u64,
    ) -> std::vec::IntoIter<Outcome> {
        let jobs = student_folder(path, student, &self.loaded.deck);
        let mut out = Vec::with_capacity(jobs.len() + 1);
        out.push(Outcome::Listed {
            jobs: jobs.len() as u64,
            expected,
        });
        for job in jobs {
            out.extend(self.run(job));
        }
        out.into_iter()
    }

    /// Marks `text` as `student`'s answer to deck card `card`.
    fn mark(&self, student: String, card: usize, text: String, id: Option<String>) -> Outcome {
        let deck_card = &self.loaded.deck.cards[card];
        let Some(rubric) = self.rubric_of[card] else {
            return Outcome::Skipped(Warning {
                file: None,
                line: None,
                column: None,
                id: Some(student),
                error: format!(
                    "card {} (\"{}\") has no rubric; write one with --rubric FILE",
                    deck_card.id, deck_card.question
                ),
            });
        };
        if let Some(words) = selfmark::text::too_many_words(&text) {
            return Outcome::Skipped(Warning {
                file: None,
                line: None,
                column: None,
                id: Some(student),
                error: selfmark::text::too_many_words_message(words),
            });
        }
        let mut result = self.loaded.rubric.mark(rubric, &text);
        result.id = Some(id.unwrap_or_else(|| student.clone()));
        result.question_id = deck_card.id.clone();
        Outcome::Marked(
            Marked {
                student,
                card,
                result,
                answer: self.keep_text.then_some(text),
            },
            None,
        )
    }

    /// Reads and marks an answer file.
    fn file(&self, path: &std::path::Path, student: String, card: Option<usize>) -> Outcome {
        let text = match answer_file(path) {
            Ok(t) => t,
            Err(w) => return Outcome::Skipped(w.with_id(Some(student))),
        };
        // The file's name is written out only when the answer is skipped.
        let skip = |error: String| {
            Outcome::Skipped(
                Warning::file(path.display().to_string(), error).with_id(Some(student.clone())),
            )
        };
        let (card, text) = match question_header(&text) {
            Some((query, answer)) => match self.loaded.deck.find(query) {
                Ok(c) => (c.number - 1, answer.to_string()),
                Err(e) => {
                    return skip(format!(
                        "the Question: line names {}",
                        e.to_string().replace('\n', " ")
                    ));
                }
            },
            None => match card {
                Some(c) => (c, text),
                None => {
                    return skip(
                        "which card is this? Name the file or its folder after a card's id or \
number, or start it with a `Question:` line"
                            .into(),
                    );
                }
            },
        };
        if text.trim().is_empty() {
            return skip("no answer after the Question: line; nothing to mark".into());
        }
        self.mark(student, card, text, None)
    }

    /// Parses and marks a JSON Lines record.
    fn line(&self, line: usize, raw: &str) -> Outcome {
        match self.parse_line(raw) {
            Ok((id, card, answer)) => {
                let student = id.clone().unwrap_or_else(|| format!("line {line}"));
                match self.mark(student, card, answer, id.clone()) {
                    Outcome::Marked(mut m, rendered) => {
                        m.result.id = id;
                        Outcome::Marked(m, rendered)
                    }
                    Outcome::Skipped(w) => Outcome::Skipped(Warning {
                        file: Some(self.input.clone()),
                        line: Some(line),
                        id,
                        ..w
                    }),
                    listed @ Outcome::Listed { .. } => listed,
                }
            }
            Err((id, error)) => {
                Outcome::Skipped(Warning::line(&self.input, line, error).with_id(id))
            }
        }
    }

    /// Reads a record's id, card and answer, or says why it can't (with the
    /// id, when the line gives one).
    #[allow(clippy::type_complexity)]
    fn parse_line(
        &self,
        raw: &str,
    ) -> Result<(Option<String>, usize, String), (Option<String>, String)> {
        let record: Record = serde_json::from_str(raw).map_err(|e| {
            let id = serde_json::from_str::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("id").map(scalar_text));
            (id, format!("not a valid answer record: {e}"))
        })?;
        let id = record.id.as_ref().map(scalar_text);
        let query = scalar_text(&record.question);
        let (card, _) = self
            .loaded
            .card(&query)
            .map_err(|e| (id.clone(), e.message.replace('\n', " ")))?;
        Ok((id, card.number - 1, record.answer))
    }
}

/// A JSON Lines answer record.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    question: serde_json::Value,
    answer: String,
    /// A teacher's mark, allowed so marked sets can be batch-marked too.
    #[serde(default)]
    #[allow(dead_code)]
    mark: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
}

fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
