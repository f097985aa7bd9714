//! `selfmark mark`: one answer, one card, a mark with feedback.

use super::input::{load, read_text_arg};
use super::render::{human, init_color};
use super::{Format, Result, Sources, exit};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// The card: its number in the deck, its id, or its question text.
    #[arg(short, long, value_name = "ID|TEXT")]
    question: String,
    /// The answer file; `-` or nothing reads stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    answer: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    let (card, rubric_card) = loaded.card(&args.question)?;
    let answer = read_text_arg(&args.answer)?;
    let mut result = loaded.rubric.mark(rubric_card, &answer);
    result.question_id = card.id.clone();
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            result.id = (args.answer != "-").then(|| args.answer.clone());
            let line = serde_json::to_string(&result).map_err(super::Failure::input)?;
            writeln!(out, "{line}")?;
        }
        Format::Human => {
            init_color();
            let heading = format!(
                "{} · card {}: {}",
                loaded.deck.title,
                card.number,
                card.display_question()
            );
            write!(out, "{}", human(&result, &heading))?;
        }
    }
    Ok(exit::OK)
}
