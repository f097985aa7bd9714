//! Command-line interface: flag definitions and dispatch.

mod batch;
mod deck;
mod hangup;
mod history;
mod input;
mod mark;
mod practice;
mod render;
mod rubric;
mod rubric_test;
mod shell;
mod stats;
mod terminal;

use clap::{Parser, Subcommand, ValueEnum};
use std::fmt;
use std::path::PathBuf;

/// Exit codes shared by every command.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CHECK_FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const SKIPPED: u8 = 3;
}

/// A failure to report on stderr, with its exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    broken_pipe: bool,
}

impl Failure {
    /// A usage, input or rubric error (exit 2).
    pub fn input(message: impl fmt::Display) -> Failure {
        Failure {
            code: exit::USAGE,
            message: message.to_string(),
            broken_pipe: false,
        }
    }

    pub fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        let message = match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<Unwritten>())
        {
            Some(named) => named.to_string(),
            None => format!("cannot write output: {e}"),
        };
        Failure {
            code: exit::USAGE,
            broken_pipe: e.kind() == std::io::ErrorKind::BrokenPipe,
            message,
        }
    }
}

/// A write to a named output that failed, as an I/O error that says which
/// file (`report.csv: cannot write: No space left on device`).
#[derive(Debug)]
pub struct Unwritten {
    pub name: String,
    pub error: std::io::Error,
}

impl Unwritten {
    /// `error`, met writing the file `name`, as an I/O error of the same
    /// kind that names it.
    pub fn wrap(name: &std::path::Path, error: std::io::Error) -> std::io::Error {
        let kind = error.kind();
        std::io::Error::new(
            kind,
            Unwritten {
                name: name.display().to_string(),
                error,
            },
        )
    }
}

impl fmt::Display for Unwritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot write: {}", self.name, self.error)
    }
}

impl std::error::Error for Unwritten {}

pub type Result<T> = std::result::Result<T, Failure>;

#[derive(Parser, Debug)]
#[command(
    name = "selfmark",
    version,
    about = "Marks free-text exam answers against a keyword rubric, like an examiner would.",
    long_about = "Marks free-text exam answers against a keyword rubric: an estimated mark and level, \
the points made (quoting the answer) and the points missed, with a hint for each. \
Without --deck and --rubric it uses the built-in deck \"How did Stalin gain and hold on to power?\"."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour human output: auto (at a terminal, unless NO_COLOR is
    /// set; CLICOLOR_FORCE forces it), always or never.
    #[arg(long, global = true, value_enum, default_value_t = render::ColorChoice::Auto, value_name = "WHEN")]
    color: render::ColorChoice,
}

/// Where the deck and rubric come from (the built-in seed by default).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Sources {
    /// Deck file (Brainscape text export, question<TAB>answer, question,answer CSV, "Q: … / A: …"
    /// text, or selfmark JSON).
    #[arg(long, value_name = "FILE")]
    pub deck: Option<PathBuf>,
    /// Rubric file (JSON).
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Mark one answer to one card.
    #[command(after_help = "Example:\n  selfmark mark --question 1 answer.txt\n  \
echo \"Stalin was General Secretary so he appointed his allies\" | selfmark mark -q 1 -")]
    Mark(mark::Args),
    /// Mark a class's answers (a folder, a forms CSV or JSON Lines) into a report.
    #[command(
        after_help = "Examples:\n  selfmark batch answers/                        # a table at a terminal\n  \
selfmark batch answers/ -o class.html          # charts and feedback slips\n  \
selfmark batch forms-export.csv --format csv -o marks.csv\n  \
selfmark batch answers.jsonl --format jsonl > marks.jsonl"
    )]
    Batch(batch::Args),
    /// Show a deck's cards.
    #[command(after_help = "Example:\n  selfmark deck show decks/stalin-power.txt --format json")]
    Deck {
        #[command(subcommand)]
        command: deck::Command,
    },
    /// Check, test, draft and lint rubrics.
    #[command(
        after_help = "Examples:\n  selfmark rubric derive my-deck.tsv -o my-rubric.json\n  \
selfmark rubric lint my-rubric.json\n  \
selfmark rubric check my-rubric.json --deck my-deck.tsv\n  \
selfmark rubric test tests/data/dev-set.jsonl --min-qwk 0.85"
    )]
    Rubric {
        #[command(subcommand)]
        command: rubric::Command,
    },
    /// Practise cards with spaced repetition: answer, get marked, rate, come back later.
    #[command(
        after_help = "Examples:\n  selfmark practice                      # at a terminal: card after card\n  \
selfmark practice --due                # only cards that are due\n  \
selfmark practice --card 2 --timed     # exam conditions: a minute a mark\n  \
echo \"Stalin was General Secretary so he appointed his allies\" | selfmark practice --card 1 --rating 3\n\n\
At the answer prompt: a blank line or Ctrl-D submits; :e opens $EDITOR; :skip; :quit; :help.\n\
Progress is kept in $SELFMARK_HOME, or the platform's data folder (e.g. ~/.local/share/selfmark)."
    )]
    Practice(practice::Args),
    /// Show practice progress per card and the points most often missed.
    #[command(after_help = "Examples:\n  selfmark stats\n  selfmark stats --format json")]
    Stats(stats::Args),
    /// List past practice attempts, newest first.
    #[command(
        after_help = "Examples:\n  selfmark history\n  selfmark history --card 1 --format json"
    )]
    History(history::Args),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  selfmark completions bash > ~/.local/share/bash-completion/completions/selfmark\n  \
selfmark completions zsh > ~/.zfunc/_selfmark\n  \
selfmark completions fish > ~/.config/fish/completions/selfmark.fish"
    )]
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  selfmark man > selfmark.1 && man ./selfmark.1")]
    Man,
}

/// Parses the command line and runs the command.
pub fn run() -> Result<u8> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            e.print()?;
            return Ok(code);
        }
    };
    render::set_color_choice(cli.color);
    match cli.command {
        Command::Mark(args) => mark::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Deck { command } => deck::run(command),
        Command::Rubric { command } => rubric::run(command),
        Command::Practice(args) => practice::run(args),
        Command::Stats(args) => stats::run(args),
        Command::History(args) => history::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
    }
}
