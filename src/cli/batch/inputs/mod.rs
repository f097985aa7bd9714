//! Where a batch's answers come from: a folder of answer files, a Google
//! or Microsoft Forms export (CSV), or JSON Lines. Each input turns into a
//! stream of [`Job`]s in a stable order; the work that costs (listing
//! students' folders, reading files, parsing lines, marking) is left to
//! the jobs, which run in parallel, so a source lists no more than it must
//! to know what there is to mark.

mod folder;
mod forms;
mod jsonl;
mod quotes;
mod read;

use crate::cli::Result;
use clap::ValueEnum;
use selfmark::Deck;
use selfmark::class::Warning;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::task::Poll;

/// The kinds of input `batch` reads.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// A folder: answers/<student>/<card>.txt or answers/<card>/<student>.txt,
    /// or files that start with a `Question:` line.
    Folder,
    /// A Google Forms or Microsoft Forms export: a column per question.
    Csv,
    /// JSON Lines of {"id", "question", "answer"}.
    Jsonl,
    /// One .txt or .md answer that starts with a `Question:` line.
    Text,
}

/// One thing to mark, or to report as skipped.
pub enum Job {
    /// Answer text in hand, to a known card (an index into the deck).
    Answer {
        student: String,
        card: usize,
        text: String,
    },
    /// A file to read and mark. Its card is the one its path names, unless
    /// it starts with a `Question:` line.
    File {
        path: PathBuf,
        student: String,
        card: Option<usize>,
        /// The name its place in the folder gives as its card (for a
        /// message when that is no card).
        card_name: String,
        /// Whose answer it is when it has no `Question:` line, if not
        /// `student`'s: a file named after a card at the top of the folder
        /// given is the answer of the student that folder is.
        owner: Option<String>,
        /// Found by listing a folder (not named by the teacher): opened
        /// without waiting, so that a FIFO put in its place after the
        /// listing can't stall the batch.
        listed: bool,
    },
    /// A student's folder of answer files (`<student>/<card>.txt`), to be
    /// listed when it is marked; `expected` is a guess at how many files
    /// it holds, for the progress bar.
    Folder {
        path: PathBuf,
        student: String,
        expected: u64,
        /// Where it really is, and where links in it may lead.
        within: folder::Within,
    },
    /// A JSON Lines record, with its 1-based line number.
    Line { line: usize, raw: String },
    /// An input that can't be marked.
    Skip(Warning),
}

impl Job {
    /// How many answers the job is expected to give.
    pub fn weight(&self) -> u64 {
        match self {
            Job::Folder { expected, .. } => *expected,
            _ => 1,
        }
    }
}

/// A stream of jobs and, when known up front, how many answers they hold
/// (a guess, when some are folders still to be listed).
pub struct Source {
    pub jobs: Jobs,
    pub total: Option<u64>,
}

/// A source's jobs, as a batch takes them.
pub enum Jobs {
    /// Listed up front or read when asked for (a folder, a forms export, a
    /// file of JSON Lines): the next job is always at hand.
    Read(Box<dyn Iterator<Item = Result<Job>>>),
    /// Read on a thread of their own as they arrive (JSON Lines from a
    /// pipe), so that those already here can be marked without waiting
    /// for the rest.
    Arriving(Receiver<Result<Job>>),
}

impl Jobs {
    /// The next job, or `Ready(None)` at the end of the input. Unless
    /// `wait`, a job still on its way is `Pending` rather than waited for.
    pub fn next_job(&mut self, wait: bool) -> Poll<Option<Result<Job>>> {
        match self {
            Jobs::Arriving(jobs) if !wait => match jobs.try_recv() {
                Ok(job) => Poll::Ready(Some(job)),
                Err(TryRecvError::Empty) => Poll::Pending,
                Err(TryRecvError::Disconnected) => Poll::Ready(None),
            },
            _ => Poll::Ready(self.next()),
        }
    }
}

/// The jobs in turn, each waited for.
impl Iterator for Jobs {
    type Item = Result<Job>;

    fn next(&mut self) -> Option<Result<Job>> {
        match self {
            Jobs::Read(jobs) => jobs.next(),
            Jobs::Arriving(jobs) => jobs.recv().ok(),
        }
    }
}

/// Guesses the input format: stdin is JSON Lines (as `batch` always read),
/// a folder is a folder, then by extension (a `.txt` file that is Excel's
/// "Unicode Text" is a forms export), then by the first bytes.
pub fn detect(input: &str) -> InputFormat {
    if input == "-" {
        return InputFormat::Jsonl;
    }
    let path = Path::new(input);
    if path.is_dir() {
        return InputFormat::Folder;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => InputFormat::Csv,
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        "txt" if read::is_unicode_text_table(path) => InputFormat::Csv,
        "txt" | "md" => InputFormat::Text,
        _ => read::sniff(path),
    }
}

/// Opens `input` as `format`, listing the jobs it holds; in a folder,
/// every link is followed when `follow_links`, else only those leading to
/// somewhere inside it.
pub fn open(input: &str, format: InputFormat, deck: &Deck, follow_links: bool) -> Result<Source> {
    match format {
        InputFormat::Folder => folder::open(Path::new(input), deck, follow_links),
        InputFormat::Text => Ok(folder::single(Path::new(input))),
        InputFormat::Csv => forms::open(input, deck),
        InputFormat::Jsonl => jsonl::open(input),
    }
}

pub use crate::cli::input::display_name;

pub use folder::{Within, student_folder};
pub use read::answer_file;
