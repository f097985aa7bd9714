//! `selfmark history`: past practice attempts, newest first: when, which
//! card, the mark and level, and the start of the answer.

use super::input::load_deck;
use super::practice::{now, open_store, store_failure, when};
use super::{Failure, Format, Result, exit};
use selfmark::progress::Attempt;
use selfmark::text::visible_line;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only attempts at this deck's cards (default: every deck practised;
    /// the built-in deck when --card is given).
    #[arg(long, value_name = "FILE")]
    deck: Option<PathBuf>,
    /// Only attempts at this card: its number, id or question text.
    #[arg(long, value_name = "N|ID|TEXT")]
    card: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Serialize)]
struct History<'a> {
    attempts: Vec<&'a Attempt>,
}

pub fn run(args: Args) -> Result<u8> {
    // Which deck and card to keep, if asked.
    let filter: Option<(String, Option<String>)> = if args.deck.is_some() || args.card.is_some() {
        let deck = load_deck(args.deck.as_deref())?;
        let card = match &args.card {
            Some(q) => Some(deck.find(q).map_err(Failure::input)?.id.clone()),
            None => None,
        };
        Some((deck.title, card))
    } else {
        None
    };
    let progress = open_store().read().map_err(store_failure)?;
    let mut attempts: Vec<(usize, &Attempt)> = progress
        .attempts
        .iter()
        .enumerate()
        .filter(|(_, a)| match &filter {
            None => true,
            Some((deck, card)) => &a.deck == deck && card.as_ref().is_none_or(|c| &a.card_id == c),
        })
        .collect();
    // Newest first; attempts recorded in the same instant keep record order reversed.
    attempts.sort_by(|(i, a), (j, b)| b.time.cmp(&a.time).then(j.cmp(i)));
    let attempts: Vec<&Attempt> = attempts.into_iter().map(|(_, a)| a).collect();

    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let line = serde_json::to_string(&History { attempts }).map_err(Failure::input)?;
            writeln!(out, "{line}")?;
        }
        Format::Human => {
            if attempts.is_empty() {
                writeln!(out, "No attempts yet. Start with `selfmark practice`.")?;
            }
            let t = now();
            for a in attempts {
                let level = a.level.map_or(String::new(), |l| format!("  Level {l}"));
                writeln!(
                    out,
                    "{}  card {}  {}/{}{level}  {}",
                    when(a.time, t),
                    visible_line(&a.card_id),
                    a.mark,
                    a.max,
                    visible_line(&first_line(&a.answer))
                )?;
            }
        }
    }
    Ok(exit::OK)
}

/// The first non-blank line of an answer, shortened to about 60 characters.
fn first_line(answer: &str) -> String {
    let line = answer
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= 60 {
        line.to_string()
    } else {
        let cut: String = line.chars().take(60).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::first_line;

    #[test]
    fn first_line_is_trimmed_and_clipped() {
        assert_eq!(first_line("\n  Stalin won.\nMore."), "Stalin won.");
        let long = "word ".repeat(30);
        let clipped = first_line(&long);
        assert!(clipped.ends_with('…') && clipped.chars().count() <= 61);
    }
}
