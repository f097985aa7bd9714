//! `selfmark mark`: one answer, one card, a mark with feedback.

use super::input::{Kind, display_name, load, read_text_arg};
use super::render::{human, terminal_width, wrap};
use super::{Failure, Format, Result, Sources, exit};
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
    /// Add a sentence-by-sentence trace of what matched which point and why
    /// (a `trace` field in JSON).
    #[arg(long)]
    explain: bool,
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    let (card, rubric_card) = loaded.card(&args.question)?;
    let answer = read_text_arg(&args.answer, Kind::Answer)?;
    if let Some(words) = selfmark::text::too_many_words(&answer) {
        let name = display_name(&args.answer);
        return Err(Failure::input(format!(
            "{name}: {}",
            selfmark::text::too_many_words_message(words)
        )));
    }
    let idx = loaded.rubric.index(&answer);
    let judgement = loaded.rubric.judge(rubric_card, &idx);
    let mut result = loaded.rubric.result(rubric_card, &idx, &judgement);
    result.question_id = card.id.clone();
    let trace = args
        .explain
        .then(|| loaded.rubric.trace(rubric_card, &idx, &judgement));
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            result.id = (args.answer != "-").then(|| args.answer.clone());
            match &trace {
                // The object a batch line holds, written the same way.
                None => out.write_all(&result.to_json())?,
                Some(t) => {
                    let mut value = serde_json::to_value(&result).map_err(super::Failure::input)?;
                    if let Some(obj) = value.as_object_mut() {
                        obj.insert(
                            "trace".into(),
                            serde_json::to_value(t).map_err(super::Failure::input)?,
                        );
                    }
                    write!(out, "{value}")?;
                }
            }
            writeln!(out)?;
        }
        Format::Human => {
            let heading = format!(
                "{} · card {}: {}",
                loaded.deck.title,
                card.number,
                card.display_question()
            );
            write!(out, "{}", wrap(&human(&result, &heading), terminal_width()))?;
            if let Some(t) = &trace {
                write!(out, "\n{}", super::render::trace(t))?;
            }
        }
    }
    // The process ends now: freeing the compiled rubric (thousands of small
    // allocations) would only add to the wall time of a one-shot mark.
    std::mem::forget(loaded);
    Ok(exit::OK)
}
