//! `selfmark practice`: spaced-repetition practice. Picks a card (the one
//! named, or the scheduler's choice), reads an answer, marks it as `mark`
//! does, asks how well the student knew it, records the attempt in the
//! progress store and says when the card comes back.
//!
//! At a terminal the answer is typed in a line editor (see
//! [`super::terminal`]), optionally against the clock (`--timed`), and the
//! session goes on card after card until `:quit`, Ctrl-C or Ctrl-D; each
//! attempt is saved as soon as it is rated, so ending the session, or
//! killing it, loses at most the answer being typed. SIGTERM or SIGHUP (a
//! closed terminal) at the rating prompt saves the answer at the default
//! rating, as Ctrl-C does (see [`super::hangup`]). With stdin not a
//! terminal (scripts, tests) one card is practised: all of stdin is the
//! answer and the rating comes from `--rating`, `SELFMARK_RATING` or the
//! mark.

use super::hangup::Hangup;
use super::input::{Kind, Loaded, load, read_text_arg};
use super::render::{human, model_answer, terminal_width, wrap};
use super::terminal::{Terminal, Timer, Typed, clock};
use super::{Failure, Result, Sources, exit};
use chrono::{DateTime, Utc};
use colored::Colorize;
use selfmark::Card;
use selfmark::model::locate_missed;
use selfmark::progress::{Attempt, LoadNotice, Progress, ProgressError, ProgressStore, data_dir};
use selfmark::report::{MarkResult, PointResult};
use selfmark::schedule::{self, CardState};
use selfmark::text::{visible, visible_line};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::time::{Duration, SystemTime};

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
    /// Exam conditions: a countdown while you write, of MINUTES or, without
    /// a number, a minute a mark.
    #[arg(long, value_name = "MINUTES", num_args = 0..=1,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    timed: Option<Option<u32>>,
    /// Show the model answer after the mark, with the points you missed
    /// highlighted (at a terminal, type m at the rating prompt instead).
    #[arg(long)]
    model_answer: bool,
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
        eprintln!("selfmark: {}", visible(&n.to_string()));
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

/// "in 3 days", "10 minutes ago", "now", to the nearest unit, so a time
/// read a few seconds later (by `stats` after `practice`) reads the same.
fn relative(time: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (time - now).num_seconds();
    let abs = secs.unsigned_abs();
    let nearest = |unit: u64| (abs + unit / 2) / unit;
    let (n, unit) = if abs < 30 {
        return "now".into();
    } else if nearest(60) < 60 {
        (nearest(60), "minute")
    } else if nearest(3_600) < 24 {
        (nearest(3_600), "hour")
    } else {
        (nearest(86_400), "day")
    };
    let plural = if n == 1 { "" } else { "s" };
    if secs > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    if args.no_color {
        colored::control::set_override(false);
    }
    let rating = match args.rating {
        Some(r) => Some(r),
        None => env_rating()?,
    };
    let store = open_store();
    let interactive = std::io::stdin().is_terminal();
    if args.timed.is_some() && !interactive {
        eprintln!(
            "selfmark: --timed needs a terminal to count down on; the answer is marked untimed"
        );
    }
    let (mut terminal, hangup) = if interactive {
        let hangup = Hangup::install()
            .map_err(|e| Failure::input(format!("cannot take SIGTERM and SIGHUP: {e}")))?;
        (Some(Terminal::new()?), Some(hangup))
    } else {
        (None, None)
    };
    let mut out = Tolerant {
        inner: std::io::stdout().lock(),
        closed: false,
    };
    // Cards skipped, and cards practised, in this session.
    let mut skipped: HashSet<String> = HashSet::new();
    let mut practised: HashSet<String> = HashSet::new();

    loop {
        let t = now();
        // Scripted, an answer is on its way that would be lost unmarked:
        // progress that can't be read is reported after the mark is shown
        // (the attempt can't be saved). At a terminal it is reported at
        // once, before anything is typed.
        let (progress, unsaveable) = match load_progress(&store) {
            Ok(progress) => (progress, None),
            Err(e) if !interactive => (Progress::default(), Some(e)),
            Err(e) => return Err(e),
        };
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
            let a = read_text_arg("-", Kind::Answer)?;
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
            visible_line(&loaded.deck.title).bold(),
            card.number,
            visible_line(&card.display_question()).bold()
        )?;

        let (answer, timing) = match (piped, terminal.as_mut()) {
            (Some(a), _) => (a, None),
            (None, Some(term)) => {
                writeln!(
                    out,
                    "{}",
                    "Type your answer. A blank line or Ctrl-D submits; :e editor, :skip, :quit, :help."
                        .dimmed()
                )?;
                let timer = args.timed.map(|minutes| {
                    let minutes = minutes.unwrap_or_else(|| rubric_max(&loaded, rubric_card));
                    Timer::start(Duration::from_secs(u64::from(minutes) * 60))
                });
                if let Some(t) = &timer {
                    let why = match args.timed {
                        Some(None) => ", as in the exam (a minute a mark)",
                        _ => "",
                    };
                    writeln!(out, "⏱ {} to write it{why}.", clock(t.limit()))?;
                }
                out.flush()?;
                let started = std::time::Instant::now();
                match term.read_answer(timer.as_ref())? {
                    Typed::Answer(a) => (a, Some((started.elapsed(), timer))),
                    Typed::Skip => {
                        writeln!(out, "Skipped.\n")?;
                        skipped.insert(card.id.clone());
                        if args.card.is_some() {
                            return Ok(exit::OK);
                        }
                        continue;
                    }
                    Typed::Quit => {
                        writeln!(out, "{}", goodbye(&practised, &store))?;
                        return Ok(exit::OK);
                    }
                }
            }
            (None, None) => unreachable!("a terminal is opened whenever stdin is one"),
        };

        if let Some(words) = selfmark::text::too_many_words(&answer) {
            let message = selfmark::text::too_many_words_message(words);
            if !interactive {
                return Err(Failure::input(format!("<stdin>: {message}")));
            }
            eprintln!("selfmark: your answer has {message}; it was not marked");
            continue;
        }
        let idx = loaded.rubric.index(&answer);
        let judgement = loaded.rubric.judge(rubric_card, &idx);
        let mut result = loaded.rubric.result(rubric_card, &idx, &judgement);
        result.question_id = card.id.clone();
        let default = schedule::default_rating(result.mark, result.max);
        let unsaved = Unsaved {
            store: store.clone(),
            deck: loaded.deck.title.clone(),
            previous: progress.state(&loaded.deck.title, &card.id).cloned(),
            result: result.clone(),
            answer: answer.clone(),
            seconds: timing
                .as_ref()
                .map(|(taken, timer)| (taken.as_secs(), timer.map(|t| t.limit().as_secs()))),
        };
        let save = |rating: u8| unsaved.save(rating);
        // With the rating known before the feedback is shown (given, or
        // the mark's with no terminal to ask on), the attempt is saved
        // first, so output cut short (`| head`) loses no progress. A save
        // that fails is reported after the mark is shown, so the answer is
        // not lost unseen.
        let known = match (rating, terminal.is_some()) {
            (Some(r), _) => Some(r),
            (None, false) => Some(default),
            (None, true) => None,
        };
        let saved_first = known.map(|r| match unsaveable {
            Some(e) => Err(e),
            None => save(r),
        });
        writeln!(out)?;
        if let Some((taken, timer)) = &timing
            && let Some(timer) = timer
        {
            writeln!(out, "{}\n", time_taken(*taken, timer.limit()))?;
        }
        let width = terminal_width();
        write!(out, "{}", wrap(&human(&result, "Your answer"), width))?;
        if args.model_answer {
            let model = show_model(&loaded, rubric_card, card, &result);
            write!(out, "{}", wrap(&model, width))?;
        }
        out.flush()?;
        let saved_first = saved_first.transpose()?;

        let (rating, stop, (due, time)) = match (known.zip(saved_first), terminal.as_mut()) {
            (Some((r, saved)), _) => (r, false, saved),
            (None, Some(term)) => {
                // A SIGTERM or SIGHUP while the student rates saves the
                // attempt at the default rating, as Ctrl-C does.
                if let Some(h) = &hangup {
                    let waiting = unsaved.clone();
                    h.wait_with(Box::new(move || waiting.save_said(default)));
                }
                let asked = ask_rating(term, &mut out, default, || {
                    wrap(&show_model(&loaded, rubric_card, card, &result), width)
                });
                let _settled = hangup.as_ref().map(Hangup::settle);
                match asked {
                    Ok((r, stop)) => (r, stop, save(r)?),
                    // The terminal failed (hung up) before a rating came:
                    // the attempt is saved at the default, as Ctrl-D saves it.
                    Err(e) => {
                        save(default)?;
                        return Err(e);
                    }
                }
            }
            (None, None) => (default, false, save(default)?),
        };
        writeln!(
            out,
            "\nRated {rating}/5. Next review of this card: {}",
            when(due, time)
        )?;
        practised.insert(card.id.clone());
        // No one is reading any more (`| head`): the attempt is saved, so
        // stop quietly.
        if out.closed {
            return Ok(exit::OK);
        }
        if stop {
            writeln!(out, "{}", goodbye(&practised, &store))?;
            return Ok(exit::OK);
        }
        if !interactive || args.card.is_some() {
            return Ok(exit::OK);
        }
        writeln!(out)?;
    }
}

/// A marked answer not yet saved, with all that saving it takes, owned, so
/// that the thread that takes SIGTERM and SIGHUP can save it too.
#[derive(Clone)]
struct Unsaved {
    store: ProgressStore,
    deck: String,
    /// The card's schedule before this answer.
    previous: Option<CardState>,
    result: MarkResult,
    answer: String,
    /// The seconds taken and allowed, when timed.
    seconds: Option<(u64, Option<u64>)>,
}

impl Unsaved {
    /// Saves the attempt at `rating`: when it is due next, and when.
    fn save(&self, rating: u8) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
        let time = now();
        let state = schedule::review(self.previous.as_ref(), rating, time);
        let due = state.due;
        let mut attempt =
            Attempt::from_result(&self.deck, &self.result, &self.answer, rating, time);
        if let Some((taken, limit)) = self.seconds {
            attempt.seconds = Some(taken);
            attempt.limit_seconds = limit;
        }
        let saved = self.store.record(attempt, state).map_err(store_failure)?;
        report_notice(saved.notice.as_ref());
        Ok((due, time))
    }

    /// [`Self::save`], saying what became of the attempt, for a session
    /// ended by a signal.
    fn save_said(&self, rating: u8) -> std::result::Result<String, String> {
        match self.save(rating) {
            Ok((due, time)) => Ok(format!(
                "your answer was saved, rated {rating}/5 (the default); next review of this \
card: {}",
                when(due, time)
            )),
            Err(e) => Err(format!("your answer could not be saved: {e}")),
        }
    }
}

/// Standard output that, once its reader has gone (`practice … | head`),
/// drops what is written to it rather than failing, so the answer is still
/// marked and its attempt saved; `closed` says whether that happened.
struct Tolerant<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Tolerant<W> {
    /// `result`, or nothing done if it failed because the reader has gone.
    fn unless_gone<T>(&mut self, result: std::io::Result<T>, gone: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(gone)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Tolerant<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_gone(written, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_gone(flushed, ())
    }
}

/// The card's maximum mark, the default number of minutes when timed.
fn rubric_max(loaded: &Loaded, rubric_card: usize) -> u32 {
    loaded.rubric.source.cards[rubric_card].max.max(1)
}

/// "Time taken: 4:12 of 6:00", or how far over it went.
fn time_taken(taken: Duration, limit: Duration) -> String {
    if taken <= limit {
        format!("⏱ Time taken: {} of {}", clock(taken), clock(limit))
    } else {
        format!(
            "⏱ Time taken: {}, {} over the {} allowed",
            clock(taken),
            clock(taken - limit),
            clock(limit)
        )
    }
}

/// What the session ends with.
fn goodbye(practised: &HashSet<String>, store: &ProgressStore) -> String {
    let n = practised.len();
    let cards = if n == 1 { "card" } else { "cards" };
    format!(
        "\nSession ended: {n} {cards} practised. Progress is saved in {}.",
        visible_line(&store.path().display().to_string())
    )
}

/// The card's model answer with the points this answer missed highlighted.
fn show_model(loaded: &Loaded, rubric_card: usize, card: &Card, result: &MarkResult) -> String {
    let missed: Vec<&PointResult> = result.missed().collect();
    let ids: Vec<&str> = missed.iter().map(|p| p.id.as_str()).collect();
    let annotation = locate_missed(&loaded.rubric, rubric_card, &card.answer, &ids);
    model_answer(&card.answer, &annotation, &missed)
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

/// Asks for a 1–5 rating at the terminal; Enter takes `default`, `m` shows
/// the model answer first. Ctrl-D or Ctrl-C takes the default and ends the
/// session after this answer is saved (the second value).
fn ask_rating(
    term: &mut Terminal,
    out: &mut impl Write,
    default: u8,
    model: impl Fn() -> String,
) -> Result<(u8, bool)> {
    writeln!(
        out,
        "\nHow well did you know this?  1 Not at all · 2 Not really · 3 Kind of · 4 Mostly · 5 Perfectly"
    )?;
    out.flush()?;
    loop {
        let prompt = format!("Rate 1-5 (Enter = {default}, m = model answer): ");
        let Some(line) = term.ask(&prompt)? else {
            return Ok((default, true));
        };
        match line.trim() {
            "" => return Ok((default, false)),
            "m" | "M" | ":m" => {
                write!(out, "{}", model())?;
                writeln!(out)?;
                out.flush()?;
            }
            s => match s.parse::<u8>() {
                Ok(r @ 1..=5) => return Ok((r, false)),
                _ => {
                    writeln!(
                        out,
                        "Type a number from 1 to 5, m for the model answer, or press Enter for {default}."
                    )?;
                    out.flush()?;
                }
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
        // To the nearest unit: the same due time read seconds apart, or a
        // minute short of a day, reads the same.
        let due = t + Duration::days(13);
        assert_eq!(relative(due, t + Duration::seconds(5)), "in 13 days");
        assert_eq!(relative(t + Duration::minutes(24 * 60 - 1), t), "in 1 day");
        assert_eq!(
            relative(t + Duration::minutes(59) + Duration::seconds(40), t),
            "in 1 hour"
        );
        assert_eq!(
            when(t + Duration::days(2), t),
            "2026-01-07 09:00 UTC (in 2 days)"
        );
    }
}
