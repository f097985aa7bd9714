//! Reading from a student at a real terminal: a multi-line answer in a line
//! editor (arrow keys, history, Enter for a new line, a blank line or
//! Ctrl-D to submit), the `:e` `:skip` `:quit` `:help` commands, writing the
//! answer in `$EDITOR`, one-line prompts, and the exam timer's ticks printed
//! above the line being typed.

use super::{Failure, Result};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, Completer, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, Helper,
    Highlighter, Hinter, KeyEvent, RepeatCount,
};
use selfmark::text::{visible, visible_line};
use std::cell::Cell;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The commands a student can type on a line of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Edit,
    Skip,
    Quit,
    Help,
}

fn command(line: &str) -> Option<Command> {
    match line.trim() {
        ":e" | ":edit" => Some(Command::Edit),
        ":skip" | ":s" => Some(Command::Skip),
        ":quit" | ":q" => Some(Command::Quit),
        ":help" | ":h" | ":?" => Some(Command::Help),
        _ => None,
    }
}

/// What the student did at the answer prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Typed {
    Answer(String),
    Skip,
    Quit,
}

pub const ANSWER_HELP: &str =
    "Type your answer. Enter starts a new line; a blank line or Ctrl-D submits.
  :e     write the answer in your editor ($VISUAL or $EDITOR), with what you've typed so far
  :skip  skip this card for now
  :quit  end the session (answers already submitted are saved)
  :help  this help";

/// Decides when Enter submits: in an answer, only on a blank line or a
/// command line; in a one-line prompt, always.
#[derive(Completer, Helper, Highlighter, Hinter)]
struct AnswerHelper {
    multiline: Cell<bool>,
}

impl Validator for AnswerHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        let last = input.rsplit('\n').next().unwrap_or("");
        let done = !self.multiline.get()
            || input.trim().is_empty()
            || input.ends_with('\n')
            || command(last).is_some();
        Ok(if done {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

/// Ctrl-D submits what has been typed (and ends input when nothing has).
struct SubmitOnCtrlD;

impl ConditionalEventHandler for SubmitOnCtrlD {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        Some(if ctx.line().is_empty() {
            Cmd::EndOfFile
        } else {
            Cmd::AcceptLine
        })
    }
}

/// The line editor for one practice session.
pub struct Terminal {
    rl: Editor<AnswerHelper, DefaultHistory>,
}

fn editor_error(e: impl std::fmt::Display) -> Failure {
    Failure::input(format!("the terminal: {e}"))
}

impl Terminal {
    pub fn new() -> Result<Terminal> {
        let config = rustyline::Config::builder().auto_add_history(false).build();
        let mut rl = Editor::with_config(config).map_err(editor_error)?;
        rl.set_helper(Some(AnswerHelper {
            multiline: Cell::new(false),
        }));
        rl.bind_sequence(
            KeyEvent::ctrl('D'),
            EventHandler::Conditional(Box::new(SubmitOnCtrlD)),
        );
        Ok(Terminal { rl })
    }

    fn set_multiline(&mut self, on: bool) {
        if let Some(h) = self.rl.helper_mut() {
            h.multiline.set(on);
        }
    }

    /// Reads one answer, handling `:e` and `:help` itself. A `timer`
    /// prints its countdown above the answer while it is typed.
    pub fn read_answer(&mut self, timer: Option<&Timer>) -> Result<Typed> {
        let ticker = match timer {
            Some(t) => Some(t.start_ticks(&mut self.rl)?),
            None => None,
        };
        let typed = self.read_answer_lines();
        drop(ticker);
        typed
    }

    fn read_answer_lines(&mut self) -> Result<Typed> {
        let mut so_far = String::new();
        loop {
            self.set_multiline(true);
            let read = self.rl.readline_with_initial("> ", (&so_far, ""));
            self.set_multiline(false);
            let input = match read {
                Ok(input) => input,
                Err(ReadlineError::Eof) if so_far.trim().is_empty() => return Ok(Typed::Quit),
                Err(ReadlineError::Eof) => return Ok(Typed::Answer(so_far)),
                Err(ReadlineError::Interrupted) => return Ok(Typed::Quit),
                Err(e) => return Err(editor_error(e)),
            };
            let text = input.trim_end_matches(['\n', '\r']);
            let (body, last) = match text.rsplit_once('\n') {
                Some((body, last)) => (body, last),
                None => ("", text),
            };
            match command(last) {
                Some(Command::Quit) => return Ok(Typed::Quit),
                Some(Command::Skip) => return Ok(Typed::Skip),
                Some(Command::Help) => {
                    println!("{ANSWER_HELP}");
                    so_far = body.to_string();
                }
                Some(Command::Edit) => match edit_in_editor(body) {
                    Ok(edited) if !edited.trim().is_empty() => {
                        let edited = edited.trim_end().to_string();
                        println!("{}", visible(&edited));
                        return Ok(Typed::Answer(edited));
                    }
                    Ok(_) => {
                        println!(
                            "The editor gave back an empty answer; type it here, or :e again."
                        );
                        so_far = String::new();
                    }
                    Err(message) => {
                        eprintln!("selfmark: {}", visible_line(&message));
                        so_far = body.to_string();
                    }
                },
                None if text.trim().is_empty() => so_far = String::new(),
                None => {
                    let answer = text.to_string();
                    let _ = self.rl.add_history_entry(answer.as_str());
                    return Ok(Typed::Answer(answer));
                }
            }
        }
    }

    /// Asks a one-line question; `None` at Ctrl-D or Ctrl-C.
    pub fn ask(&mut self, prompt: &str) -> Result<Option<String>> {
        self.set_multiline(false);
        match self.rl.readline(prompt) {
            Ok(line) => Ok(Some(line)),
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
            Err(e) => Err(editor_error(e)),
        }
    }
}

/// Opens `text` in the student's editor and returns what they saved. The
/// file is a private temporary one, removed afterwards.
fn edit_in_editor(text: &str) -> std::result::Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map_or_else(|| "vi".to_string(), |v| v.to_string_lossy().into_owned());
    let mut file = tempfile::Builder::new()
        .prefix("selfmark-answer-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| std::io::Write::write_all(&mut file, b"\n"))
        .map_err(|e| format!("cannot write the answer for the editor: {e}"))?;
    // The editor may be a command with arguments ("code --wait").
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("selfmark-editor")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor `{editor}` failed ({status}); your answer so far is kept"
        ));
    }
    let bytes = std::fs::read(file.path())
        .map_err(|e| format!("cannot read back the editor's file: {e}"))?;
    String::from_utf8(bytes).map_err(|_| {
        "the editor saved text that is not UTF-8; your answer so far is kept".to_string()
    })
}

/// Exam conditions: a time allowance, counting from when the card is shown.
#[derive(Debug, Clone, Copy)]
pub struct Timer {
    start: Instant,
    limit: Duration,
}

/// The countdown thread; dropping it stops the ticks.
pub struct Ticker {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Timer {
    pub fn start(limit: Duration) -> Timer {
        Timer {
            start: Instant::now(),
            limit,
        }
    }

    pub fn limit(&self) -> Duration {
        self.limit
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Prints the time left above the answer at each tick until dropped.
    fn start_ticks(&self, rl: &mut Editor<AnswerHelper, DefaultHistory>) -> Result<Ticker> {
        use rustyline::ExternalPrinter as _;
        let mut printer = rl.create_external_printer().map_err(editor_error)?;
        let (stop, rx) = mpsc::channel::<()>();
        let timer = *self;
        let thread = thread::spawn(move || {
            let mut elapsed = timer.elapsed();
            while let Some(at) = next_tick(timer.limit, elapsed) {
                let wait = at.saturating_sub(timer.elapsed());
                if rx.recv_timeout(wait) != Err(mpsc::RecvTimeoutError::Timeout) {
                    return;
                }
                let left = timer.limit.saturating_sub(at);
                if printer.print(tick_message(left)).is_err() {
                    return;
                }
                elapsed = at;
            }
        });
        Ok(Ticker {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// When (time since the start) the countdown next speaks after `elapsed`:
/// every minute in the last five, every five minutes before that, at 30
/// seconds left and when time is up.
pub fn next_tick(limit: Duration, elapsed: Duration) -> Option<Duration> {
    let limit_s = limit.as_secs();
    let done = elapsed.as_secs();
    let mut lefts: Vec<u64> = (1..=limit_s / 60)
        .map(|m| m * 60)
        .filter(|&left| left < limit_s && (left <= 300 || left % 300 == 0))
        .collect();
    lefts.extend([30, 0].into_iter().filter(|&l| l < limit_s));
    lefts
        .into_iter()
        .map(|left| limit_s - left)
        .filter(|&at| at > done)
        .min()
        .map(Duration::from_secs)
}

/// "⏱ 3 minutes left", "⏱ 30 seconds left", "⏱ Time is up…".
pub fn tick_message(left: Duration) -> String {
    let s = left.as_secs();
    if s == 0 {
        "⏱ Time is up: finish your sentence and submit (a blank line).".to_string()
    } else if s < 60 {
        format!("⏱ {s} seconds left")
    } else if s == 60 {
        "⏱ 1 minute left".to_string()
    } else {
        format!("⏱ {} minutes left", s / 60)
    }
}

/// "4:05".
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(limit_s: u64) -> Vec<u64> {
        let limit = Duration::from_secs(limit_s);
        let mut at = Duration::ZERO;
        let mut out = Vec::new();
        while let Some(next) = next_tick(limit, at) {
            out.push(limit_s - next.as_secs());
            at = next;
        }
        out
    }

    #[test]
    fn countdown_speaks_every_minute_near_the_end() {
        // Seconds left at each tick.
        assert_eq!(ticks(6 * 60), vec![300, 240, 180, 120, 60, 30, 0]);
        assert_eq!(
            ticks(12 * 60),
            vec![600, 300, 240, 180, 120, 60, 30, 0],
            "every five minutes before the last five"
        );
        assert_eq!(ticks(60), vec![30, 0]);
        assert_eq!(ticks(20), vec![0]);
    }

    #[test]
    fn tick_messages_read_naturally() {
        assert_eq!(tick_message(Duration::from_secs(180)), "⏱ 3 minutes left");
        assert_eq!(tick_message(Duration::from_secs(60)), "⏱ 1 minute left");
        assert_eq!(tick_message(Duration::from_secs(30)), "⏱ 30 seconds left");
        assert!(tick_message(Duration::ZERO).contains("Time is up"));
        assert_eq!(clock(Duration::from_secs(245)), "4:05");
    }

    #[test]
    fn commands_are_whole_lines() {
        assert_eq!(command(" :e "), Some(Command::Edit));
        assert_eq!(command(":quit"), Some(Command::Quit));
        assert_eq!(command(":skip"), Some(Command::Skip));
        assert_eq!(command(":help"), Some(Command::Help));
        assert_eq!(command("Stalin :e"), None);
    }
}
