//! `selfmark stats`: how practice on a deck is going. Per card: attempts,
//! last and best mark, a sparkline of marks over time and when it is next
//! due; across the deck, the rubric points most often missed.

use super::input::load;
use super::practice::{now, open_store, store_failure, when};
use super::{Format, Result, Sources, exit};
use selfmark::progress::Attempt;
use selfmark::report::Status;
use selfmark::text::visible_line;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Serialize)]
struct Stats {
    deck: String,
    attempts: usize,
    cards: Vec<CardStats>,
    most_missed: Vec<Missed>,
}

#[derive(Serialize)]
struct CardStats {
    card: usize,
    id: String,
    question: String,
    attempts: usize,
    last_mark: Option<u32>,
    best_mark: Option<u32>,
    max: Option<u32>,
    /// Every mark, oldest first.
    marks: Vec<u32>,
    due: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Serialize)]
struct Missed {
    card: String,
    point: String,
    label: String,
    times: usize,
}

/// Marks as bars ▁…█, scaled so full marks is the tallest.
pub fn sparkline(marks: &[u32], max: u32) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    marks
        .iter()
        .map(|&m| {
            if max == 0 {
                BARS[0]
            } else {
                let i = (f64::from(m.min(max)) / f64::from(max) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    let progress = open_store().read().map_err(store_failure)?;
    let title = &loaded.deck.title;
    let mut attempts: Vec<&Attempt> = progress
        .attempts
        .iter()
        .filter(|a| &a.deck == title)
        .collect();
    attempts.sort_by_key(|a| a.time);

    let cards: Vec<CardStats> = loaded
        .deck
        .cards
        .iter()
        .map(|card| {
            let mine: Vec<&&Attempt> = attempts.iter().filter(|a| a.card_id == card.id).collect();
            let marks: Vec<u32> = mine.iter().map(|a| a.mark).collect();
            CardStats {
                card: card.number,
                id: card.id.clone(),
                question: card.display_question(),
                attempts: mine.len(),
                last_mark: marks.last().copied(),
                best_mark: marks.iter().max().copied(),
                max: mine.last().map(|a| a.max).or(card.max),
                marks,
                due: progress.state(title, &card.id).map(|s| s.due),
            }
        })
        .collect();

    // Missed points, counted per card and point, labelled from the rubric.
    let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
    for a in &attempts {
        for p in a.points.iter().filter(|p| p.status == Status::Missing) {
            *counts.entry((&a.card_id, &p.id)).or_default() += 1;
        }
    }
    let label = |card_id: &str, point: &str| -> String {
        loaded
            .deck
            .cards
            .iter()
            .find(|c| c.id == card_id)
            .and_then(|c| loaded.rubric.card_for(c))
            .and_then(|i| loaded.rubric.cards[i].points.iter().find(|p| p.id == point))
            .map_or_else(|| point.to_string(), |p| p.label.clone())
    };
    let mut most_missed: Vec<Missed> = counts
        .into_iter()
        .map(|((card, point), times)| Missed {
            card: card.to_string(),
            point: point.to_string(),
            label: label(card, point),
            times,
        })
        .collect();
    most_missed.sort_by(|a, b| {
        b.times
            .cmp(&a.times)
            .then_with(|| a.card.cmp(&b.card))
            .then_with(|| a.point.cmp(&b.point))
    });

    let stats = Stats {
        deck: title.clone(),
        attempts: attempts.len(),
        cards,
        most_missed,
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let line = serde_json::to_string(&stats).map_err(super::Failure::input)?;
            writeln!(out, "{line}")?;
        }
        Format::Human => write!(out, "{}", human(&stats))?,
    }
    Ok(exit::OK)
}

fn human(stats: &Stats) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = writeln!(o, "{}", visible_line(&stats.deck));
    if stats.attempts == 0 {
        let _ = writeln!(
            o,
            "No practice yet on this deck. Start with `selfmark practice`."
        );
        return o;
    }
    let t = now();
    let _ = writeln!(
        o,
        "{} attempt{}\n",
        stats.attempts,
        if stats.attempts == 1 { "" } else { "s" }
    );
    let _ = writeln!(
        o,
        "{:>4}  {:>8}  {:>5}  {:>5}  {:<12}  next due",
        "card", "attempts", "last", "best", "trend"
    );
    for c in &stats.cards {
        let max = c.max.unwrap_or(0);
        let show = |m: Option<u32>| m.map_or("-".to_string(), |m| format!("{m}/{max}"));
        let due = c
            .due
            .map_or("not practised yet".to_string(), |d| when(d, t));
        let _ = writeln!(
            o,
            "{:>4}  {:>8}  {:>5}  {:>5}  {:<12}  {due}",
            c.card,
            c.attempts,
            show(c.last_mark),
            show(c.best_mark),
            sparkline(&c.marks[c.marks.len().saturating_sub(12)..], max)
        );
    }
    let repeated: Vec<&Missed> = stats
        .most_missed
        .iter()
        .filter(|m| m.times >= 2)
        .take(3)
        .collect();
    if !repeated.is_empty() {
        let _ = writeln!(o);
        for m in repeated {
            let _ = writeln!(
                o,
                "You keep missing: {} (card {}, {} times)",
                visible_line(&m.label),
                visible_line(&m.card),
                m.times
            );
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn sparkline_scales_to_the_maximum() {
        assert_eq!(sparkline(&[0, 3, 6], 6), "▁▅█");
        assert_eq!(sparkline(&[1, 2], 0), "▁▁");
        assert_eq!(sparkline(&[], 6), "");
        assert_eq!(sparkline(&[9], 6), "█");
    }
}
