//! Human-readable rendering of a mark: the mark and level, the points made
//! with the student's words quoted, the points missed with hints,
//! corrections, and what would lift the answer. Colour only at a terminal
//! and never under NO_COLOR.

use colored::Colorize;
use selfmark::report::{MarkResult, Status};
use std::fmt::Write as _;
use std::io::IsTerminal;

/// Turns colour off unless stdout is a terminal and NO_COLOR is unset.
pub fn init_color() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color || !std::io::stdout().is_terminal() {
        colored::control::set_override(false);
    }
}

/// Shortens a quote to about `max` characters, on a character boundary.
fn clip(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Renders a result for a person to read.
pub fn human(r: &MarkResult, heading: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading.bold());
    let _ = writeln!(o);
    let level = r.level.map_or(String::new(), |l| format!(" · Level {l}"));
    let _ = writeln!(
        o,
        "{} {}{}",
        "Estimated mark:".bold(),
        format!("{}/{}", r.mark, r.max).bold().cyan(),
        level
    );
    let _ = writeln!(o, "  {}", r.descriptor.dimmed());
    if let Some(note) = &r.note {
        let _ = writeln!(o, "  {}", note.yellow());
    }

    let made: Vec<_> = r
        .points
        .iter()
        .filter(|p| p.status != Status::Missing)
        .collect();
    if !made.is_empty() {
        let _ = writeln!(o, "\n{}", "Points you made".bold());
        for p in made {
            let (mark, tag) = match p.status {
                Status::Explained => ("✓".green().bold(), "explained ".green()),
                _ => ("•".yellow().bold(), "identified".yellow()),
            };
            let _ = writeln!(o, "  {mark} {tag}  {}", p.label);
            if let Some(e) = p.evidence.first() {
                let _ = writeln!(o, "      \"{}\"", clip(&e.quote, 110).italic());
            }
        }
    }
    let missed: Vec<_> = r
        .points
        .iter()
        .filter(|p| p.status == Status::Missing)
        .collect();
    if !missed.is_empty() {
        let _ = writeln!(o, "\n{}", "Points you missed".bold());
        for p in missed {
            let _ = writeln!(o, "  {} {}", "✗".red().bold(), p.label);
            if let Some(h) = &p.hint {
                let _ = writeln!(o, "      {} {}", "hint:".dimmed(), h);
            }
        }
    }
    if !r.misconceptions.is_empty() {
        let _ = writeln!(o, "\n{}", "Corrections".bold());
        for m in &r.misconceptions {
            let _ = writeln!(
                o,
                "  {} \"{}\"\n      {}",
                "!".red().bold(),
                clip(&m.evidence.quote, 100),
                m.correction
            );
        }
    }
    if !r.feedback.is_empty() {
        let _ = writeln!(o, "\n{}", "To reach the next level".bold());
        for f in &r.feedback {
            let _ = writeln!(o, "  → {f}");
        }
    }
    o
}

/// Renders a marking trace for a person to read.
pub fn trace(t: &selfmark::trace::Trace) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", "How it was marked".bold());
    for s in &t.sentences {
        let causal = if s.causal {
            " [causal link]".cyan().to_string()
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "  {}{causal} \"{}\"",
            format!("S{}", s.index).bold(),
            clip(&s.text, 100)
        );
        for m in &s.matches {
            let neg = m.negated_by.as_ref().map_or(String::new(), |w| {
                format!(" — negated by \"{w}\"").red().to_string()
            });
            let _ = writeln!(
                o,
                "      {} {} ← \"{}\" ({}; {}){neg}",
                m.kind.dimmed(),
                m.id,
                m.words,
                m.rule,
                m.how
            );
        }
    }
    let _ = writeln!(o, "  {}", "Points".bold());
    for p in &t.points {
        let _ = writeln!(o, "    {:<10} {}: {}", p.status.as_str(), p.id, p.reason);
    }
    o
}
