//! `selfmark batch`: many answers in, one result a line out. A line that
//! can't be marked gets an error record and the rest are still marked
//! (exit 3 when any were skipped).

use super::input::{load, read_text_arg};
use super::{Failure, Result, Sources, exit};
use clap::ValueEnum;
use serde::Deserialize;
use std::io::Write;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchFormat {
    Jsonl,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// JSON Lines of {"id", "question", "answer"}; `-` reads stdin.
    #[arg(value_name = "FILE.jsonl")]
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    format: BatchFormat,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    question: serde_json::Value,
    answer: String,
    /// A teacher's mark, allowed so marked sets can be batch-marked too.
    #[serde(default)]
    #[allow(dead_code)]
    mark: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
}

fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn run(args: Args) -> Result<u8> {
    let loaded = load(&args.sources)?;
    let text = read_text_arg(&args.input)?;
    let name = if args.input == "-" {
        "<stdin>"
    } else {
        &args.input
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0usize;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let record = match mark_line(&loaded, raw) {
            Ok(result) => serde_json::to_string(&result).map_err(Failure::input)?,
            Err((id, message)) => {
                skipped += 1;
                eprintln!("selfmark: {name}:{line_no}: {message}");
                serde_json::json!({ "id": id, "line": line_no, "error": message }).to_string()
            }
        };
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(if skipped > 0 { exit::SKIPPED } else { exit::OK })
}

/// Marks one JSONL line, or says why it can't be marked (with its id, when
/// the line gives one).
fn mark_line(
    loaded: &super::input::Loaded,
    raw: &str,
) -> std::result::Result<selfmark::MarkResult, (Option<String>, String)> {
    let line: Line = serde_json::from_str(raw).map_err(|e| {
        let id = serde_json::from_str::<serde_json::Value>(raw)
            .ok()
            .and_then(|v| v.get("id").map(scalar_text));
        (id, format!("not a valid answer record: {e}"))
    })?;
    let id = line.id.as_ref().map(scalar_text);
    let query = scalar_text(&line.question);
    let (card, rubric_card) = loaded
        .card(&query)
        .map_err(|e| (id.clone(), e.message.replace('\n', " ")))?;
    let mut result = loaded.rubric.mark(rubric_card, &line.answer);
    result.id = id;
    result.question_id = card.id.clone();
    Ok(result)
}
