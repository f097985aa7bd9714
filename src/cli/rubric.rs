//! `selfmark rubric check`: validates a rubric, fits it to its deck and
//! runs its example sentences.

use super::input::{load_deck, read_text_file};
use super::{Failure, Result, exit};
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Validate a rubric against its deck and run its example sentences.
    #[command(
        after_help = "Example:\n  selfmark rubric check rubrics/stalin-power.json\n  \
selfmark rubric check my-rubric.json --deck my-deck.tsv"
    )]
    Check {
        /// The rubric file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The deck it marks (the built-in deck by default).
        #[arg(long, value_name = "FILE")]
        deck: Option<PathBuf>,
    },
    /// Mark a teacher-marked set and report agreement with the teacher.
    #[command(
        after_help = "Example:\n  selfmark rubric test tests/data/dev-set.jsonl --min-qwk 0.85"
    )]
    Test(super::rubric_test::Args),
}

pub fn run(command: Command) -> Result<u8> {
    match command {
        Command::Check { file, deck } => check(file, deck),
        Command::Test(args) => super::rubric_test::run(args),
    }
}

fn check(file: PathBuf, deck: Option<PathBuf>) -> Result<u8> {
    let name = file.display().to_string();
    let text = read_text_file(&file)?;
    let set = rubric::parse(&text, &name).map_err(Failure::input)?;
    let compiled = CompiledRubric::compile(&set, &name).map_err(Failure::input)?;
    let deck = load_deck(deck.as_deref())?;
    let problems = check_against_deck(&set, &deck);
    let mut out = std::io::stdout().lock();
    let errors = problems.iter().filter(|p| p.error).count();
    for p in &problems {
        let kind = if p.error { "error" } else { "warning" };
        eprintln!("{name}: {kind}: {}: {}", p.field, p.message);
    }
    if errors > 0 {
        return Err(Failure::input(format!(
            "{name}: {errors} error(s): the rubric does not fit the deck \"{}\"",
            deck.title
        )));
    }
    let report = compiled.run_examples();
    for f in &report.failures {
        eprintln!("{name}: example failed: {f}");
    }
    let points: usize = set.cards.iter().map(|c| c.points.len()).sum();
    writeln!(
        out,
        "{name}: {} cards, {points} points, {} example sentences run, {} failed",
        set.cards.len(),
        report.run,
        report.failures.len()
    )?;
    Ok(if report.failures.is_empty() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}
