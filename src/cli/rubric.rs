//! `selfmark rubric check`, `derive` and `lint`: validates a rubric, fits
//! it to its deck and runs its example sentences; drafts one from a deck's
//! model answers; warns about likely mistakes.

use super::input::{Kind, load_deck, read_text_file};
use super::{Failure, Format, Result, exit};
use selfmark::output::OutputFile;
use selfmark::rubric::Scheme;
use selfmark::rubric::derive::{derive_deck, derive_deck_as};
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use selfmark::text::visible_line;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// Draft a rubric from a deck's model answers, for a teacher to edit.
    #[command(
        after_help = "Examples:\n  selfmark rubric derive my-deck.tsv -o my-rubric.json\n  \
selfmark rubric derive decks/stalin-power.txt --card 3\n\n\
Each point's notes say how it was derived; run `selfmark rubric lint` on the result."
    )]
    Derive {
        /// The deck whose model answers to draft from.
        #[arg(value_name = "DECK")]
        deck: PathBuf,
        /// Only this card (number, id or question text).
        #[arg(long, value_name = "CARD")]
        card: Option<String>,
        /// Write the rubric here (replaced only once complete; a device or
        /// FIFO is written into) instead of stdout (`-`).
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Draft every card in this scheme, instead of reading it from each
        /// question ("Why…?" worth 4 or more: levels; else points).
        #[arg(long, value_name = "SCHEME", value_parser = ["levels", "points"])]
        scheme: Option<String>,
    },
    /// Warn about likely mistakes in a rubric, each with its fix (exit 1
    /// when there are any).
    #[command(after_help = "Examples:\n  selfmark rubric lint my-rubric.json\n  \
selfmark rubric lint my-rubric.json --format json")]
    Lint {
        /// The rubric file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format: human, or JSON (`{"file", "warnings": [{"field",
        /// "message", "fix"}]}`).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
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
        Command::Derive {
            deck,
            card,
            output,
            scheme,
        } => derive(&deck, card.as_deref(), output.as_deref(), scheme.as_deref()),
        Command::Lint { file, format } => lint(&file, format),
    }
}

fn derive(
    deck_path: &Path,
    card: Option<&str>,
    output: Option<&Path>,
    scheme: Option<&str>,
) -> Result<u8> {
    let output = output.filter(|path| path.as_os_str() != "-");
    if let Some(output) = output {
        selfmark::clobber::check(output, &[deck_path]).map_err(Failure::input)?;
    }
    let deck = load_deck(Some(deck_path))?;
    let only = match card {
        Some(q) => Some(deck.find(q).map_err(Failure::input)?),
        None => None,
    };
    let draft = match scheme {
        Some("levels") => derive_deck_as(&deck, only, Scheme::Levels),
        Some(_) => derive_deck_as(&deck, only, Scheme::Points),
        None => derive_deck(&deck, only),
    }
    .map_err(|e| Failure::input(format!("{}: {e}", deck_path.display())))?;
    for why in &draft.skipped {
        let line = format!("{}: left out {why}", deck_path.display());
        eprintln!("selfmark: {}", visible_line(&line));
    }
    for why in &draft.warnings {
        let line = format!("{}: warning: {why}", deck_path.display());
        eprintln!("selfmark: {}", visible_line(&line));
    }
    let (set, json) = (draft.set, draft.text);
    let points: usize = set.cards.iter().map(|c| c.points.len()).sum();
    match output {
        Some(path) => {
            // A rubric is for sharing, like a batch report: readable by
            // all the umask allows, not only its owner.
            OutputFile::create(path, true)
                .and_then(|mut file| {
                    file.write_all(json.as_bytes())?;
                    file.commit()
                })
                .map_err(|e| Failure::input(format!("{}: cannot write: {e}", path.display())))?;
            eprintln!(
                "selfmark: wrote {} ({} cards, {points} points)",
                visible_line(&path.display().to_string()),
                set.cards.len()
            );
        }
        None => std::io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(exit::OK)
}

fn lint(file: &Path, format: Format) -> Result<u8> {
    let name = file.display().to_string();
    let text = read_text_file(file, Kind::Rubric)?;
    let set = rubric::parse(&text, &name).map_err(Failure::input)?;
    let compiled = CompiledRubric::compile(&set, &name).map_err(Failure::input)?;
    let found = selfmark::rubric::lint::lint(&compiled);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Report<'a> {
                file: &'a str,
                warnings: &'a [selfmark::rubric::lint::Lint],
            }
            let json = Report {
                file: &name,
                warnings: &found,
            };
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).map_err(Failure::input)?
            )?;
        }
        Format::Human => {
            for l in &found {
                let line = format!("{name}: warning: {}: {}", l.field, l.message);
                writeln!(out, "{}", visible_line(&line))?;
                writeln!(out, "    fix: {}", visible_line(&l.fix))?;
            }
            writeln!(out, "{}: {} warning(s)", visible_line(&name), found.len())?;
        }
    }
    Ok(if found.is_empty() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

fn check(file: PathBuf, deck: Option<PathBuf>) -> Result<u8> {
    let name = file.display().to_string();
    let text = read_text_file(&file, Kind::Rubric)?;
    let set = rubric::parse(&text, &name).map_err(Failure::input)?;
    let compiled = CompiledRubric::compile(&set, &name).map_err(Failure::input)?;
    let given = deck.is_some();
    let deck = load_deck(deck.as_deref())?;
    let problems = check_against_deck(&set, &deck);
    let mut out = std::io::stdout().lock();
    let errors = problems.iter().filter(|p| p.error).count();
    for p in &problems {
        let kind = if p.error { "error" } else { "warning" };
        let line = format!("{name}: {kind}: {}: {}", p.field, p.message);
        eprintln!("{}", visible_line(&line));
    }
    if errors > 0 {
        let hint = match (given, set.deck.trim()) {
            (true, _) => String::new(),
            (false, "") => "\n(without --deck a rubric is checked against the built-in deck: give \
its deck with --deck FILE)"
                .to_string(),
            (false, title) => format!(
                "\n(without --deck a rubric is checked against the built-in deck; this one says it \
is for \"{title}\": give its deck with --deck FILE)"
            ),
        };
        return Err(Failure::input(format!(
            "{name}: {errors} error(s): the rubric does not fit the deck \"{}\"{hint}",
            deck.title
        )));
    }
    let report = compiled.run_examples();
    for f in &report.failures {
        eprintln!("{}", visible_line(&format!("{name}: example failed: {f}")));
    }
    let points: usize = set.cards.iter().map(|c| c.points.len()).sum();
    writeln!(
        out,
        "{}: {} cards, {points} points, {} example sentences run, {} failed",
        visible_line(&name),
        set.cards.len(),
        report.run,
        report.failures.len()
    )?;
    for card in &set.cards {
        if let Some(table) = &card.marks {
            let line = format!("  card {}: {table}", card.card);
            writeln!(out, "{}", visible_line(&line))?;
        }
    }
    Ok(if report.failures.is_empty() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}
