//! The parallel stage of a batch: each [`Job`] is listed (a student's
//! folder), read (a file), parsed (a JSON line) and marked on a worker
//! thread, and the mark written out in the output format there, giving
//! [`Outcome`]s. The
//! compiled rubric is shared by every thread; what one answer needs while
//! it is marked lives in that answer's own index and matcher and in
//! per-thread word caches.

use super::inputs::{Job, Within, answer_file, display_name, student_folder};
use super::outputs::OutputFormat;
use crate::cli::input::Loaded;
use rayon::iter::Either;
use selfmark::class::layout::question_header;
use selfmark::class::{Marked, Warning};
use selfmark::rubric::compile::CompiledPoint;
use selfmark::{CompiledRubric, Deck, Status};
use serde::Deserialize;
use smallvec::SmallVec;

// The rubric and deck are read from many threads at once.
const _: () = {
    const fn shared<T: Sync + Send>() {}
    shared::<CompiledRubric>();
    shared::<Deck>();
};

/// What became of a job: a mark, or a skip.
pub enum Outcome<'a> {
    /// A mark the output format did not write out on the marking thread.
    Marked(Box<Marked>),
    /// A mark already written out as the output format has it, on the
    /// marking thread (the bytes; none for a format that only summarises),
    /// with what the class summary needs of it.
    Summarised(Summarised<'a>, Option<Vec<u8>>),
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
pub type Outcomes<'a> = Either<std::iter::Once<Outcome<'a>>, std::vec::IntoIter<Outcome<'a>>>;

/// All that the class summary and the report read of a mark written out
/// on the thread that marked it: the rest of it is dropped there. Its
/// points' ids and labels are the rubric's own, not copies, so that no
/// memory made on the marking thread is handed on for every point.
pub struct Summarised<'a> {
    pub student: String,
    /// The card's index in the deck.
    pub card: usize,
    /// (mark, max).
    pub mark: (u32, u32),
    /// The card's points, in the rubric's order.
    pub points: &'a [CompiledPoint],
    /// Each point's status, in the same order.
    pub statuses: SmallVec<[Status; 8]>,
}

impl Summarised<'_> {
    /// Each point's id, label and status, as the summary takes them.
    pub fn points(&self) -> impl Iterator<Item = (&str, &str, Status)> {
        self.points
            .iter()
            .zip(&self.statuses)
            .map(|(p, &status)| (p.id.as_str(), p.label.as_str(), status))
    }
}

/// What every job needs: the deck and rubric, and what to keep.
pub struct Marker<'a> {
    loaded: &'a Loaded,
    /// Each deck card's rubric (an index into the compiled rubric's cards).
    rubric_of: Vec<Option<usize>>,
    /// The output format: each mark is written out in it on the thread
    /// that marked it, where it can be.
    format: OutputFormat,
    /// Keep the answers' text (for reports that quote them).
    keep_text: bool,
    /// The input's name, for JSON Lines messages.
    input: String,
}

impl<'a> Marker<'a> {
    /// What becomes of a mark: written out as the output format has it,
    /// here on the thread that marked it, and reduced to what the summary
    /// and report read of it, when the format writes marks one by one (or
    /// only summarises them); else handed on whole.
    fn outcome(&self, m: Marked) -> Outcome<'a> {
        let rendered = self.format.render(&m, &self.loaded.deck);
        if rendered.is_some() || self.format == OutputFormat::Table {
            Outcome::Summarised(self.summarised(m), rendered)
        } else {
            Outcome::Marked(Box::new(m))
        }
    }

    /// What the summary and report need of a mark written out on this
    /// thread; the rest of the mark is dropped here.
    fn summarised(&self, m: Marked) -> Summarised<'a> {
        let points = self.rubric_of[m.card]
            .and_then(|c| self.loaded.rubric.cards.get(c))
            .map_or(&[][..], |c| c.points.as_slice());
        // The result's points are the card's, in its order.
        debug_assert!(
            points
                .iter()
                .map(|p| &p.id)
                .eq(m.result.points.iter().map(|p| &p.id))
        );
        Summarised {
            card: m.card,
            mark: (m.result.mark, m.result.max),
            points,
            statuses: m.result.points.iter().map(|p| p.status).collect(),
            student: m.student,
        }
    }

    pub fn new(loaded: &'a Loaded, format: OutputFormat, input: &str) -> Marker<'a> {
        let rubric_of = loaded
            .deck
            .cards
            .iter()
            .map(|c| loaded.rubric.card_for(c))
            .collect();
        Marker {
            loaded,
            rubric_of,
            format,
            keep_text: format == OutputFormat::Html,
            input: input.to_string(),
        }
    }

    /// Reads, parses and marks one job; a folder is listed first, and each
    /// of its answers marked in turn.
    pub fn run(&self, job: Job) -> Outcomes<'a> {
        let outcome = match job {
            Job::Folder {
                path,
                student,
                expected,
                within,
            } => return Either::Right(self.folder(&path, &student, &within, expected)),
            Job::Answer {
                student,
                card,
                text,
            } => {
                let id = Some(student.clone());
                self.mark(student, card, text, id)
            }
            Job::File {
                path,
                student,
                card,
                card_name,
                owner,
                listed,
            } => self.file(&path, student, card, &card_name, owner, listed),
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
        within: &Within,
        expected: u64,
    ) -> std::vec::IntoIter<Outcome<'a>> {
        let jobs = student_folder(path, student, within, &self.loaded.deck);
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

    /// Marks `text` as `student`'s answer to deck card `card`, giving the
    /// result the id `id`.
    fn mark(&self, student: String, card: usize, text: String, id: Option<String>) -> Outcome<'a> {
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
        result.id = id;
        result.question_id = deck_card.id.clone();
        self.outcome(Marked {
            student,
            card,
            result,
            answer: self.keep_text.then_some(text),
        })
    }

    /// Reads and marks an answer file (`listed`: found in a folder).
    fn file(
        &self,
        path: &std::path::Path,
        student: String,
        card: Option<usize>,
        card_name: &str,
        owner: Option<String>,
        listed: bool,
    ) -> Outcome<'a> {
        let text = match answer_file(path, listed) {
            Ok(t) => t,
            Err(w) => return Outcome::Skipped(w.with_id(Some(student))),
        };
        // The file's name is written out only when the answer is skipped.
        let name = display_name(&path.to_string_lossy()).to_string();
        let skip = |error: String| {
            Outcome::Skipped(Warning::file(name.clone(), error).with_id(Some(student.clone())))
        };
        let mut student = student.clone();
        let (card, text) = match question_header(&text) {
            Some((query, answer)) => match self.loaded.deck.find(query) {
                Ok(c) => (c.number - 1, answer.to_string()),
                Err(_) => {
                    return skip(format!(
                        "the Question: line names no card of the deck (`{query}`); its cards are {}",
                        self.loaded.deck.card_ids()
                    ));
                }
            },
            None => match card {
                Some(c) => {
                    if let Some(owner) = owner {
                        student = owner;
                    }
                    (c, text)
                }
                None => {
                    if !card_name.is_empty() && card_name.chars().all(|c| c.is_ascii_digit()) {
                        return skip(format!(
                            "the deck has no card {card_name} (its cards are {}); name it after \
one, or start the file with a `Question:` line",
                            self.loaded.deck.card_ids()
                        ));
                    }
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
        if let Some(words) = selfmark::text::too_many_words(&text) {
            return skip(selfmark::text::too_many_words_message(words));
        }
        let id = Some(student.clone());
        self.mark(student, card, text, id)
    }

    /// Parses and marks a JSON Lines record.
    fn line(&self, line: usize, raw: &str) -> Outcome<'a> {
        match self.parse_line(raw) {
            Ok((id, card, answer)) => {
                let student = id.clone().unwrap_or_else(|| format!("line {line}"));
                match self.mark(student, card, answer, id.clone()) {
                    Outcome::Skipped(w) => Outcome::Skipped(Warning {
                        file: Some(self.input.clone()),
                        line: Some(line),
                        id,
                        ..w
                    }),
                    other => other,
                }
            }
            Err((id, error, column)) => Outcome::Skipped(
                Warning::line(&self.input, line, error)
                    .with_id(id)
                    .with_column(column),
            ),
        }
    }

    /// Reads a record's id, card and answer, or says why it can't (with the
    /// id, when the line gives one, and the column, when known).
    #[allow(clippy::type_complexity)]
    fn parse_line(
        &self,
        raw: &str,
    ) -> Result<(Option<String>, usize, String), (Option<String>, String, Option<usize>)> {
        let record: Record = serde_json::from_str(raw).map_err(|e| {
            let id = serde_json::from_str::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("id").map(scalar_text));
            // The line and column are the record's line's, given apart.
            let why = e.to_string();
            let why = why
                .rsplit_once(" at line ")
                .map_or(why.as_str(), |(w, _)| w);
            (
                id,
                format!("not a valid answer record: {why}"),
                Some(e.column()),
            )
        })?;
        let id = record.id.as_ref().map(scalar_text);
        let query = scalar_text(&record.question);
        let (card, _) = self
            .loaded
            .card_in_line(&query)
            .map_err(|why| (id.clone(), why, None))?;
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
    /// A teacher's mark, allowed so marked sets can be batch-marked too
    /// (and so are their `kind` and `note`).
    #[serde(default)]
    #[allow(dead_code)]
    mark: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
    /// A marker's note on the mark, as marked sets carry.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
