//! Where a batch's marks go, and in which format: one module per format
//! behind the [`Report`] trait. Streaming formats (JSON Lines, CSV, JSON)
//! write each mark as it arrives and keep nothing; the table keeps only the
//! class summary, and the HTML report spools its slips to a temporary file
//! and writes the page at the end. Output goes to stdout or, with
//! `-o FILE`, to a [`selfmark::output::OutputFile`]: a temporary file in
//! the same folder that replaces FILE only once it is complete, or, when
//! FILE is a device or a FIFO, FILE itself.

mod csv;
mod html;
mod json;
mod jsonl;
mod table;

use crate::cli::{Failure, Result, Unwritten};
use clap::ValueEnum;
use selfmark::Deck;
use selfmark::class::{ClassSummary, Marked, Warning};
use selfmark::output::OutputFile;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

thread_local! {
    /// Where each marking thread writes an answer's JSON, kept from answer
    /// to answer: the line handed on is a copy of just its length. A line
    /// written straight into a vector of its own needs room for the
    /// longest answer's, several times its usual size, and that room goes
    /// with the line to the thread that writes the report, to be freed
    /// there, cold, for every answer.
    static JSON_LINE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The formats `batch` writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One row per student, a column per card, totals and class means.
    Table,
    /// One row per answer: mark, level, points, evidence (spreadsheet-safe).
    Csv,
    /// One document: every mark, the skipped inputs and the class summary.
    Json,
    /// One mark a line (the format of `mark --format json`).
    Jsonl,
    /// A self-contained class report with charts and feedback slips.
    Html,
}

impl OutputFormat {
    /// The format when none is named: from `-o FILE`'s extension, else a
    /// table at a terminal and JSON Lines otherwise (what `batch` always
    /// printed, so scripts keep working).
    pub fn default_for(output: Option<&Path>) -> OutputFormat {
        if let Some(path) = output {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            return match ext.as_str() {
                "csv" => OutputFormat::Csv,
                "json" => OutputFormat::Json,
                "html" | "htm" => OutputFormat::Html,
                "txt" => OutputFormat::Table,
                _ => OutputFormat::Jsonl,
            };
        }
        if io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        }
    }
}

impl OutputFormat {
    /// Whether the format reports on the class as a whole (per student,
    /// per card, every skipped input), so that a batch must gather the
    /// class summary and the skipped inputs for it. The others write each
    /// mark and skip as it comes, and a batch keeps only counts for them,
    /// so that memory stays flat however long their input.
    pub fn reports_class(self) -> bool {
        matches!(
            self,
            OutputFormat::Table | OutputFormat::Json | OutputFormat::Html
        )
    }

    /// Renders one mark as the bytes the format writes for it, where that
    /// needs nothing but the mark and its card in `deck`: run on the
    /// marking threads, so that serialising is shared out too.
    pub fn render(self, m: &Marked, deck: &Deck) -> Option<Vec<u8>> {
        match self {
            OutputFormat::Jsonl | OutputFormat::Json => Some(JSON_LINE.with_borrow_mut(|line| {
                line.clear();
                m.result.write_json(line);
                if self == OutputFormat::Jsonl {
                    line.push(b'\n');
                }
                line.as_slice().to_vec()
            })),
            OutputFormat::Csv => csv::render(m),
            OutputFormat::Html => Some(html::article(m, deck)),
            OutputFormat::Table => None,
        }
    }
}

/// What a format does with the marks as they arrive, in input order.
pub trait Report {
    /// One marked answer, whole: [`OutputFormat::render`] made nothing of
    /// it on the thread that marked it.
    fn marked(&mut self, m: Marked) -> io::Result<()>;
    /// One marked answer, `student`'s to deck card `card`, as
    /// [`OutputFormat::render`] made it on the thread that marked it.
    fn rendered(&mut self, student: String, card: usize, rendered: Vec<u8>) -> io::Result<()>;
    /// One input skipped, with why. Most formats list skipped inputs only
    /// in the summary that `finish` writes, so by default nothing is written here.
    fn skipped(&mut self, _w: &Warning) -> io::Result<()> {
        Ok(())
    }
    /// Passes on what has been written so far, for a reader that takes
    /// each mark as it comes (a pipe); by default there is nothing to pass on.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// The end of the batch; returns the destination to commit. `summary`
    /// and `warnings` hold the class only for a format that
    /// [`OutputFormat::reports_class`]; the others are given them empty.
    fn finish(
        self: Box<Self>,
        summary: &ClassSummary,
        warnings: &[Warning],
    ) -> io::Result<Destination>;
}

/// What a report needs to know about the run.
pub struct Options<'a> {
    /// The input was JSON Lines: skipped lines are written as
    /// `{"error", "id", "line"}` records, as `batch` always wrote them.
    pub jsonl_input: bool,
    /// The deck the answers are to.
    pub deck: &'a Deck,
}

/// Makes the report for `format`, writing to `dest`.
pub fn report<'a>(
    format: OutputFormat,
    dest: Destination,
    options: &Options<'a>,
) -> Result<Box<dyn Report + 'a>> {
    Ok(match format {
        OutputFormat::Table => Box::new(table::Table::new(dest)),
        OutputFormat::Csv => Box::new(csv::Csv::new(dest)),
        OutputFormat::Json => Box::new(json::Json::new(dest)),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl::new(dest, options.jsonl_input)),
        OutputFormat::Html => Box::new(html::Html::new(dest, options.deck)?),
    })
}

/// Stdout, or an output file (replaced on commit, unless it is a device).
pub enum Destination {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        file: BufWriter<OutputFile>,
        path: PathBuf,
    },
}

impl Destination {
    /// The folder the output file's replacement is made in; `None` for
    /// stdout or a device.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Destination::Stdout(_) => None,
            Destination::File { file, .. } => file.get_ref().folder(),
        }
    }

    /// Opens stdout, or the output file at `path`.
    pub fn open(path: Option<&Path>) -> Result<Destination> {
        let Some(path) = path else {
            return Ok(Destination::Stdout(BufWriter::with_capacity(
                64 * 1024,
                io::stdout().lock(),
            )));
        };
        let file = OutputFile::create(path, true)
            .map_err(|e| Failure::input(format!("{}: cannot write here: {e}", path.display())))?;
        Ok(Destination::File {
            file: BufWriter::with_capacity(64 * 1024, file),
            path: path.to_path_buf(),
        })
    }

    /// Flushes stdout, or puts the finished file in place.
    pub fn commit(self) -> Result<()> {
        match self {
            Destination::Stdout(mut w) => Ok(w.flush()?),
            Destination::File { file, path } => {
                let name = path.display().to_string();
                let fail = |e: io::Error| Failure::input(format!("{name}: cannot write: {e}"));
                let tmp = file.into_inner().map_err(|e| fail(e.into_error()))?;
                tmp.commit().map_err(fail)
            }
        }
    }
}

/// A write to the output file: an error names the file.
impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File { file, path } => {
                file.write(buf).map_err(|e| Unwritten::wrap(path, e))
            }
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.write_all(buf),
            Destination::File { file, path } => {
                file.write_all(buf).map_err(|e| Unwritten::wrap(path, e))
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File { file, path } => file.flush().map_err(|e| Unwritten::wrap(path, e)),
        }
    }
}
