//! `selfmark deck show`: the cards of a deck, as text or JSON.

use super::input::load_deck;
use super::{Failure, Format, Result, exit};
use selfmark::text::{visible, visible_line};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// List a deck's cards with their model answers (the built-in deck by default).
    #[command(
        after_help = "Examples:\n  selfmark deck show\n  selfmark deck show my-deck.csv --format json"
    )]
    Show {
        /// The deck file: a Brainscape text export, question<TAB>answer, question,answer CSV,
        /// "Q: … / A: …" text or selfmark JSON.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

pub fn run(command: Command) -> Result<u8> {
    let Command::Show { file, format } = command;
    let deck = load_deck(file.as_deref())?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&deck).map_err(Failure::input)?;
            writeln!(out, "{text}")?;
        }
        Format::Human => {
            writeln!(
                out,
                "{} ({} cards)",
                visible_line(&deck.title),
                deck.cards.len()
            )?;
            for card in &deck.cards {
                writeln!(out)?;
                let id = if card.id == card.number.to_string() {
                    String::new()
                } else {
                    format!(" [{}]", visible_line(&card.id))
                };
                let question = card.display_question();
                writeln!(out, "{}.{id} {}", card.number, visible_line(&question))?;
                for line in visible(&card.answer).lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    Ok(exit::OK)
}
