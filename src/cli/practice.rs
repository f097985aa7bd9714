//! `selfmark practice`: spaced-repetition practice. Picks a card (the one
//! named, or the scheduler's choice), reads an answer, marks it as `mark`
//! does, asks how well the student knew it, records the attempt in the
//! progress store and says when the card comes back.
//!
//! With stdin not a terminal (scripts, tests) one card is practised: all of
//! stdin is the answer and the rating comes from `--rating`,
//! `SELFMARK_RATING` or the mark. At a terminal it reads lines until a blank
//! line or Ctrl-D, and goes on to the next card until `:quit` or Ctrl-D.

use super::input::{Loaded, load, read_text_arg};
use super::render::{human, init_color};
use super::{Failure, Result, Sources, exit};
use chrono::{DateTime, Utc};
use selfmark::Card;
use selfmark::progress::{Attempt, LoadNotice, Progress, ProgressError, ProgressStore, data_dir};
use selfmark::schedule::{self, CardState};
use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};
use std::time::SystemTime;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Practise this card (its number, id or question text) instead of the
    /// scheduler's choice.
    #[arg(long, value_name = "N|ID|TEXT")]
    card: Option<String>,
    /// Only cards never practised before.
    #[arg(long, conflicts_with_all = ["card", "due"])]
    new: bool,
    /// Only cards that are due; says when the next one is if none is.
    #[arg(long, conflicts_with = "card")]
    due: bool,
    /// How well you knew it, 1 (not at all) to 5 (perfectly), for scripts;
    /// also read from SELFMARK_RATING. Default: from the mark.
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    rating: Option<u8>,
    /// No colour, even at a terminal.
    #[arg(long)]
    no_color: bool,
}

/// The current time (chrono's clock feature is not enabled).
pub fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(SystemTime::now())
}

/// The progress store in the data folder ($SELFMARK_HOME or the platform's).
pub fn open_store() -> ProgressStore {
    ProgressStore::open(&data_dir())
}

/// A progress store failure: exit 2, one line naming the file.
pub fn store_failure(e: ProgressError) -> Failure {
    Failure::input(e)
}

/// Tells the student, on stderr, that an unusable progress file was kept aside.
pub fn report_notice(notice: Option<&LoadNotice>) {
    if let Some(n) = notice {
        eprintln!("selfmark: {n}");
    }
}

/// Loads progress, reporting any notice on stderr.
pub fn load_progress(store: &ProgressStore) -> Result<Progress> {
    let loaded = store.load().map_err(store_failure)?;
    report_notice(loaded.notice.as_ref());
    Ok(loaded.progress)
}

/// "2026-11-29 09:30 UTC (in 3 days)".
pub fn when(time: DateTime<Utc>, now: DateTime<Utc>) -> String {
    format!(
        "{} ({})",
        time.format("%Y-%m-%d %H:%M UTC"),
        relative(time, now)
    )
}

/// "in 3 days", "10 minutes ago", "now".
fn relative(time: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (time - now).num_seconds();
    let abs = secs.unsigned_abs();
    let (n, unit) = if abs < 60 {
        return "now".into();
    } else if abs < 3_600 {
        (abs / 60, "minute")
    } else if abs < 86_400 {
        (abs / 3_600, "hour")
    } else {
        (abs / 86_400, "day")
    };
    let plural = if n == 1 { "" } else { "s" };
    if secs > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

/// What the student did at the answer prompt.
enum Typed {
    Answer(String),
    Skip,
    Quit,
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    init_color();
    if args.no_color {
        colored::control::set_override(false);
    }
    let rating = match args.rating {
        Some(r) => Some(r),
        None => env_rating()?,
    };
    let store = open_store();
    let interactive = std::io::stdin().is_terminal();
    let mut out = std::io::stdout().lock();
    // Cards skipped, and cards practised, in this session.
    let mut skipped: HashSet<String> = HashSet::new();
    let mut practised: HashSet<String> = HashSet::new();

    loop {
        let t = now();
        let progress = load_progress(&store)?;
        let card = match &args.card {
            Some(query) => loaded.card(query)?.0,
            None => match pick(&args, &loaded, &progress, &skipped, &practised, t) {
                Ok(card) => card,
                Err(message) => {
                    writeln!(out, "{message}")?;
                    return Ok(exit::OK);
                }
            },
        };
        let (_, rubric_card) = loaded.card(&card.id)?;
        // Scripted: all of stdin is the one answer, read before the card is shown.
        let piped = if interactive {
            None
        } else {
            let a = read_text_arg("-")?;
            if a.trim().is_empty() {
                return Err(Failure::input(
                    "<stdin>: no answer given; pipe the answer text to selfmark practice",
                ));
            }
            Some(a)
        };
        writeln!(
            out,
            "{} · card {}\n{}\n",
            loaded.deck.title,
            card.number,
            card.display_question()
        )?;

        let answer = if let Some(a) = piped {
            a
        } else {
            writeln!(
                out,
                "Type your answer; a blank line or Ctrl-D submits, :skip to skip, :quit to quit"
            )?;
            out.flush()?;
            match read_typed()? {
                Typed::Answer(a) => a,
                Typed::Skip => {
                    writeln!(out, "Skipped.\n")?;
                    skipped.insert(card.id.clone());
                    if args.card.is_some() {
                        return Ok(exit::OK);
                    }
                    continue;
                }
                Typed::Quit => return Ok(exit::OK),
            }
        };

        let idx = loaded.rubric.index(&answer);
        let judgement = loaded.rubric.judge(rubric_card, &idx);
        let mut result = loaded.rubric.result(rubric_card, &idx, &judgement);
        result.question_id = card.id.clone();
        write!(out, "{}", human(&result, "Your answer"))?;

        let default = schedule::default_rating(result.mark, result.max);
        let rating = match rating {
            Some(r) => r,
            None if interactive => ask_rating(&mut out, default)?,
            None => default,
        };
        let time = now();
        let state = schedule::review(progress.state(&loaded.deck.title, &card.id), rating, time);
        let due = state.due;
        let attempt = Attempt::from_result(&loaded.deck.title, &result, &answer, rating, time);
        let saved = store.record(attempt, state).map_err(store_failure)?;
        report_notice(saved.notice.as_ref());
        writeln!(
            out,
            "\nRated {rating}/5. Next review of this card: {}",
            when(due, time)
        )?;
        practised.insert(card.id.clone());
        if !interactive || args.card.is_some() {
            return Ok(exit::OK);
        }
        writeln!(out)?;
    }
}

/// `SELFMARK_RATING`, if set: 1–5.
fn env_rating() -> Result<Option<u8>> {
    match std::env::var("SELFMARK_RATING") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => match v.trim().parse::<u8>() {
            Ok(r @ 1..=5) => Ok(Some(r)),
            _ => Err(Failure::input(format!(
                "SELFMARK_RATING is `{v}`; give a rating from 1 to 5"
            ))),
        },
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::input(
            "SELFMARK_RATING is not text; give a rating from 1 to 5",
        )),
    }
}

/// The scheduler's card, or the message to print when there is none.
fn pick<'a>(
    args: &Args,
    loaded: &'a Loaded,
    progress: &Progress,
    skipped: &HashSet<String>,
    practised: &HashSet<String>,
    now: DateTime<Utc>,
) -> std::result::Result<&'a Card, String> {
    let title = &loaded.deck.title;
    let states: Vec<(&Card, Option<&CardState>)> = loaded
        .deck
        .cards
        .iter()
        .map(|c| (c, progress.state(title, &c.id)))
        .collect();
    let candidates: Vec<(&Card, Option<&CardState>)> = states
        .iter()
        .filter(|(c, s)| {
            !skipped.contains(&c.id)
                && (!practised.contains(&c.id) || s.is_some_and(|s| s.is_due(now)))
                && (!args.due || s.is_some_and(|s| s.is_due(now)))
                && (!args.new || s.is_none())
        })
        .copied()
        .collect();
    if let Some(card) = schedule::next_card(&candidates, now) {
        return Ok(card);
    }
    let next_due = states
        .iter()
        .filter(|(c, _)| !skipped.contains(&c.id))
        .filter_map(|(_, s)| s.map(|s| s.due))
        .min();
    let next = next_due.map_or_else(
        || "no card has been practised yet (try without --due)".to_string(),
        |d| format!("next card due {}", when(d, now)),
    );
    Err(if args.new {
        format!("no new cards: every card has been practised; {next}")
    } else if args.due {
        format!("nothing is due; {next}")
    } else {
        format!("that's every card for this session; {next}")
    })
}

/// Reads an answer typed at the terminal: lines until a blank line or EOF.
fn read_typed() -> Result<Typed> {
    let stdin = std::io::stdin();
    let mut lines: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        let n = stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::input(format!("<stdin>: {e}")))?;
        if n == 0 {
            break;
        }
        let text = line.trim_end_matches(['\n', '\r']);
        match text.trim() {
            ":quit" | ":q" => return Ok(Typed::Quit),
            ":skip" => return Ok(Typed::Skip),
            "" if lines.is_empty() => continue,
            "" => break,
            _ => lines.push(text.to_string()),
        }
    }
    if lines.is_empty() {
        Ok(Typed::Quit)
    } else {
        Ok(Typed::Answer(lines.join("\n")))
    }
}

/// Asks for a 1–5 rating at the terminal; an empty line or EOF takes `default`.
fn ask_rating(out: &mut impl Write, default: u8) -> Result<u8> {
    let stdin = std::io::stdin();
    loop {
        write!(
            out,
            "\nHow well did you know this? 1 Not at all · 2 Not really · 3 Kind of · \
             4 Mostly · 5 Perfectly [default {default}]: "
        )?;
        out.flush()?;
        let mut line = String::new();
        let n = stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::input(format!("<stdin>: {e}")))?;
        match line.trim() {
            "" => return Ok(default),
            s => match s.parse::<u8>() {
                Ok(r @ 1..=5) => return Ok(r),
                _ if n == 0 => return Ok(default),
                _ => writeln!(
                    out,
                    "Type a number from 1 to 5, or press Enter for {default}."
                )?,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn relative_times_read_naturally() {
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        assert_eq!(relative(t, t), "now");
        assert_eq!(relative(t + Duration::minutes(10), t), "in 10 minutes");
        assert_eq!(relative(t + Duration::days(1), t), "in 1 day");
        assert_eq!(relative(t - Duration::hours(3), t), "3 hours ago");
        assert_eq!(
            when(t + Duration::days(2), t),
            "2026-01-07 09:00 UTC (in 2 days)"
        );
    }
}
