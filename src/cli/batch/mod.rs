//! `selfmark batch`: a class's answers in (a folder, a forms export or
//! JSON Lines), every answer marked, a report out (table, CSV, JSON, JSON
//! Lines or HTML). Inputs that can't be marked are listed with the reason
//! and skipped; the rest of the class is still marked (exit 3 when any
//! were skipped).
//!
//! Jobs are taken from the input a chunk at a time and marked in parallel
//! (rayon), the next chunk being marked while this one's results are
//! written; results are handed to the report in input order, so the output
//! is the same whatever the number of threads, and at most three chunks
//! are held at once, whatever the format: one being written, one being
//! marked and the next waiting to be (HTML spools its slips to disk until
//! the page can be written). The class summary and the skipped inputs are
//! kept only for the formats that report on the class; for the others
//! memory stays flat however long the input.
//!
//! Input arriving through a pipe is taken as it comes: a chunk is what has
//! arrived, up to the chunk's size, and its results are written and
//! flushed before waiting for more, so that `batch - --format jsonl` works
//! as a streaming filter (a result line for every input line, in order, as
//! soon as it is ready) under Hadoop Streaming, Spark's `pipe` or GNU
//! parallel.

mod inputs;
mod marking;
mod outputs;

use super::input::load;
use super::{Failure, Result, Sources, exit};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use inputs::InputFormat;
use marking::{Marker, Outcome};
use outputs::{Destination, OutputFormat};
use rayon::prelude::*;
use selfmark::class::{ClassSummary, Warning};
use selfmark::text::visible_line;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::task::Poll;

/// Jobs marked together: enough to keep every core busy, few enough that
/// memory stays flat however large the class.
const CHUNK: usize = 2048;

/// About the most answers a thread marks one after another before the
/// other thread may take the rest of its run. Rayon splits a chunk into a
/// few long runs, and a run can't be shared once begun: the thread that
/// finishes first then waits while the other works through what is left
/// of its run, up to a quarter of the chunk. Runs of a few answers leave
/// it a few answers' wait at most, for a little more bookkeeping.
const RUN: u64 = 4;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// The answers: a folder (<student>/<card>.txt or <card>/<student>.txt),
    /// a Google/Microsoft Forms export (.csv), JSON Lines of {"id",
    /// "question", "answer"}, or a .txt/.md answer starting with a
    /// `Question:` line. `-` reads stdin (JSON Lines unless --input-format
    /// says otherwise).
    #[arg(value_name = "INPUT")]
    input: String,
    /// What the input is [default: guessed from the path and its contents].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// Output format [default: from -o FILE's extension; else table at a
    /// terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Write the report to FILE (replaced only once it is complete; a
    /// device or FIFO is written into; `-` is stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// In an answers folder, follow every link, even one leading outside
    /// the folder [default: only links that stay inside it are followed].
    #[arg(long)]
    follow_links: bool,
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
fn progress(total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (template, fallback) = match total {
        Some(_) => (
            "{bar:40} {pos}/{len} answers · {rate} · {eta} left",
            ProgressStyle::default_bar(),
        ),
        None => (
            "{spinner} {pos} answers · {rate}",
            ProgressStyle::default_spinner(),
        ),
    };
    let style = ProgressStyle::with_template(template)
        .map(|s| {
            s.with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            )
        })
        .unwrap_or(fallback);
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr()).with_style(style);
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
    bar
}

/// Where marked answers go, in input order: the report, the class (for a
/// format that reports on it), the counts and the progress bar.
struct Delivery<'a> {
    deck: &'a selfmark::Deck,
    report: &'a mut dyn outputs::Report,
    /// The class summary and the skipped inputs, gathered only for a
    /// format that [`OutputFormat::reports_class`].
    class: Option<(ClassSummary, Vec<Warning>)>,
    /// Answers marked.
    marked: u64,
    /// Inputs skipped.
    skipped: u64,
    bar: &'a ProgressBar,
}

impl Delivery<'_> {
    /// Notes that `student` has answered deck card `card` more than once.
    fn twice(&self, student: &str, card: usize) {
        let card = &self.deck.cards[card];
        self.bar.suspend(|| {
            eprintln!(
                "selfmark: note: {} has more than one answer to card {}; \
the class summary shows the last",
                visible_line(student),
                visible_line(&card.id)
            );
        });
    }

    /// Hands a chunk's outcomes to the report.
    fn deliver(&mut self, outcomes: Vec<Outcome>) -> Result<()> {
        for outcome in outcomes {
            if !matches!(outcome, Outcome::Listed { .. }) {
                self.bar.inc(1);
            }
            match outcome {
                Outcome::Marked(m) => {
                    self.marked += 1;
                    if let Some((summary, _)) = &mut self.class
                        && summary.add(&m)
                    {
                        self.twice(&m.student, m.card);
                    }
                    self.report.marked(*m)?;
                }
                Outcome::Summarised(s, rendered) => {
                    self.marked += 1;
                    if let Some((summary, _)) = &mut self.class
                        && summary.add_mark(&s.student, s.card, s.mark, s.points())
                    {
                        self.twice(&s.student, s.card);
                    }
                    if let Some(bytes) = rendered {
                        self.report.rendered(s.student, s.card, bytes)?;
                    }
                }
                Outcome::Listed { jobs, expected } => {
                    // Put right the progress bar's guess at the folder's
                    // answers; the bar counts the answers themselves.
                    if jobs != expected {
                        let length = self.bar.length().unwrap_or(0);
                        self.bar
                            .set_length((length + jobs).saturating_sub(expected));
                    }
                }
                Outcome::Skipped(w) => {
                    self.skipped += 1;
                    self.bar
                        .suspend(|| eprintln!("selfmark: {}", visible_line(&w.to_string())));
                    self.report.skipped(&w)?;
                    if let Some((_, warnings)) = &mut self.class {
                        warnings.push(w);
                    }
                }
            }
        }
        // A reader taking the results as they come (a pipe) has them now.
        self.report.flush()?;
        Ok(())
    }
}

/// Jobs to mark together, and how many jobs a run ([`RUN`]) is among
/// them: fewer when they are folders of several answers each.
struct Chunk {
    jobs: Vec<inputs::Job>,
    run: usize,
}

/// The next jobs to mark together: as many as are expected to give
/// [`CHUNK`] answers (a student's folder gives several), or as many as
/// have arrived when fewer have (see [`inputs::Jobs::Arriving`]), after
/// waiting for the first only if `wait`; and whether the input has ended.
fn next_chunk(jobs: &mut inputs::Jobs, wait: bool) -> Result<(Chunk, bool)> {
    let mut chunk = Vec::new();
    let mut answers = 0;
    let mut ended = false;
    while answers < CHUNK as u64 {
        let job = match jobs.next_job(wait && chunk.is_empty()) {
            Poll::Ready(Some(job)) => job?,
            Poll::Ready(None) => {
                ended = true;
                break;
            }
            Poll::Pending => break,
        };
        answers += job.weight().max(1);
        chunk.push(job);
    }
    let run = (RUN * chunk.len() as u64 / answers.max(1)).max(1);
    let chunk = Chunk {
        jobs: chunk,
        run: run as usize,
    };
    Ok((chunk, ended))
}

/// Refuses, before any work, an output that is one of the batch's inputs
/// (the answers, from a file or stdin, the deck, the rubric) or lies inside
/// the answers folder.
fn refuse_to_clobber(output: &Path, args: &Args) -> Result<()> {
    let answers = match args.input.as_str() {
        // A file given as `- < answers.jsonl` is an input too.
        "-" => Path::new("/dev/stdin"),
        path => Path::new(path),
    };
    let inputs: Vec<&Path> = [
        Some(answers),
        args.sources.deck.as_deref(),
        args.sources.rubric.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    selfmark::clobber::check(output, &inputs).map_err(Failure::input)
}

pub fn run(args: Args) -> Result<u8> {
    crate::keep_freed_memory();
    // `-o -` is stdout, as no `-o` is.
    let output = args
        .output
        .as_deref()
        .filter(|path| path.as_os_str() != "-");
    if let Some(output) = output {
        refuse_to_clobber(output, &args)?;
    }
    let loaded = load(&args.sources)?;
    let input_format = args
        .input_format
        .unwrap_or_else(|| inputs::detect(&args.input));
    let format = args
        .format
        .unwrap_or_else(|| OutputFormat::default_for(output));
    let source = inputs::open(&args.input, input_format, &loaded.deck, args.follow_links)?;
    let dest = Destination::open(output)?;
    let jsonl_input = input_format == InputFormat::Jsonl;
    let mut report = outputs::report(
        format,
        dest,
        &outputs::Options {
            jsonl_input,
            deck: &loaded.deck,
        },
    )?;
    let marker = Marker::new(&loaded, format, inputs::display_name(&args.input));
    let bar = progress(source.total);
    let mut jobs = source.jobs;
    let mut delivery = Delivery {
        deck: &loaded.deck,
        report: &mut *report,
        class: format
            .reports_class()
            .then(|| (ClassSummary::new(&loaded.deck), Vec::new())),
        marked: 0,
        skipped: 0,
        bar: &bar,
    };
    // While one chunk's results are written here, the next is marked on
    // the pool, driven from one helper thread for the whole batch (the
    // report stays on this one): a thread made for each chunk would start
    // with an empty heap, and take fresh memory from the system, zeroed,
    // for every chunk.
    let marker = &marker;
    std::thread::scope(|scope| -> Result<()> {
        let (to_mark, chunks) = std::sync::mpsc::sync_channel::<Chunk>(1);
        let (to_write, marked) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
        scope.spawn(move || {
            for Chunk { jobs, run } in chunks {
                let outcomes = jobs
                    .into_par_iter()
                    .with_max_len(run)
                    .flat_map_iter(|job| marker.run(job))
                    .collect::<Vec<Outcome>>();
                if to_write.send(outcomes).is_err() {
                    break;
                }
            }
        });
        // Whether a chunk is being marked; its outcomes are written next.
        // The helper ends early only by panicking, and the scope then ends
        // with its panic.
        let mut marking = false;
        let mut ended = false;
        loop {
            // While a chunk is being marked, the next is what has arrived
            // (all of it, up to a chunk, from a file); with none being
            // marked, it waits for the input. So a pipe's results are
            // written as soon as they are ready, not when more arrive.
            let started = if ended {
                Ok(false)
            } else {
                match next_chunk(&mut jobs, !marking) {
                    Ok((chunk, end)) => {
                        ended = end;
                        if chunk.jobs.is_empty() {
                            Ok(false)
                        } else if to_mark.send(chunk).is_err() {
                            return Ok(());
                        } else {
                            Ok(true)
                        }
                    }
                    Err(e) => Err(e),
                }
            };
            if marking {
                let Ok(outcomes) = marked.recv() else {
                    return Ok(());
                };
                delivery.deliver(outcomes)?;
            }
            marking = started?;
            if !marking && ended {
                return Ok(());
            }
        }
    })?;
    bar.finish_and_clear();
    let (marked, skipped) = (delivery.marked, delivery.skipped);
    let (summary, warnings) = delivery
        .class
        .unwrap_or_else(|| (ClassSummary::new(&loaded.deck), Vec::new()));
    report.finish(&summary, &warnings)?.commit()?;
    if marked == 0 && skipped > 0 && !jsonl_input {
        eprintln!("selfmark: no answer could be marked");
    }
    Ok(if skipped == 0 {
        exit::OK
    } else {
        exit::SKIPPED
    })
}
