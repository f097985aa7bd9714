//! Human-readable rendering of a mark: the mark and level, the points made
//! with the student's words quoted, the points missed with hints,
//! corrections, and what would lift the answer. Colour only at a terminal
//! and never under NO_COLOR. Every piece of answer, deck or rubric text is
//! shown with its control characters made visible ([`visible`]), so an
//! answer can't send escape sequences to the terminal; the colours are
//! added around it.

use colored::Colorize;
use selfmark::report::{MarkResult, Status};
use selfmark::text::{visible, visible_line};
use std::fmt::Write as _;
use std::io::IsTerminal;

/// When to colour output (`--color`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// At a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour, from `--color` and the environment: NO_COLOR (any
/// non-empty value) turns colour off, CLICOLOR_FORCE (non-empty, not `0`)
/// turns it on when not at a terminal; `--color always|never` overrides both.
pub fn should_color(choice: ColorChoice, stdout_is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto => stdout_is_terminal || set("CLICOLOR_FORCE"),
    }
}

/// Applies the `--color` choice to human output on stdout, once, at
/// start-up. Machine formats (JSON, CSV) never colour whatever this says.
pub fn set_color_choice(choice: ColorChoice) {
    colored::control::set_override(should_color(choice, std::io::stdout().is_terminal()));
}

/// Shortens a quote to about `max` characters, on a character boundary,
/// on one line, its control characters made visible.
fn clip(s: &str, max: usize) -> String {
    // Only the words that can be shown are read: a quote may be long.
    let mut flat = String::new();
    let mut chars = 0;
    for word in s.split_whitespace() {
        if chars > max {
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    let flat = visible_line(&flat).into_owned();
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Renders a result for a person to read.
pub fn human(r: &MarkResult, heading: &str) -> String {
    let v = |s: &str| visible_line(s).into_owned();
    let mut o = String::new();
    let _ = writeln!(o, "{}", v(heading).bold());
    let _ = writeln!(o);
    let level = r.level.map_or(String::new(), |l| format!(" · Level {l}"));
    let _ = writeln!(
        o,
        "{} {}{}",
        "Estimated mark:".bold(),
        format!("{}/{}", r.mark, r.max).bold().cyan(),
        level
    );
    let _ = writeln!(o, "  {}", v(&r.descriptor).dimmed());
    if let Some(note) = &r.note {
        let _ = writeln!(o, "  {}", v(note).yellow());
    }

    let made: Vec<_> = r.made().collect();
    if !made.is_empty() {
        let _ = writeln!(o, "\n{}", "Points you made".bold());
        for p in made {
            let (mark, tag) = match p.status {
                Status::Explained => ("✓".green().bold(), "explained ".green()),
                _ => ("•".yellow().bold(), "identified".yellow()),
            };
            let _ = writeln!(o, "  {mark} {tag}  {}", v(&p.label));
            if let Some(e) = p.evidence.first() {
                let _ = writeln!(o, "      \"{}\"", clip(&e.quote, 110).italic());
            }
        }
    }
    let missed: Vec<_> = r.missed().collect();
    if !missed.is_empty() {
        let _ = writeln!(o, "\n{}", "Points you missed".bold());
        for p in missed {
            let _ = writeln!(o, "  {} {}", "✗".red().bold(), v(&p.label));
            if let Some(h) = &p.hint {
                let _ = writeln!(o, "      {} {}", "hint:".dimmed(), v(h));
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
                v(&m.correction)
            );
        }
    }
    if !r.feedback.is_empty() {
        let _ = writeln!(o, "\n{}", "To reach the next level".bold());
        for f in &r.feedback {
            let _ = writeln!(o, "  → {}", v(f));
        }
    }
    o
}

/// Renders a marking trace for a person to read.
pub fn trace(t: &selfmark::trace::Trace) -> String {
    let v = |s: &str| visible_line(s).into_owned();
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
            let neg = match (&m.negated_by, &m.wrong_doer, &m.reversed_by) {
                (Some(w), _, _) => format!(" — negated by \"{}\"", v(w)),
                (None, Some(w), _) => format!(" — said of {}", v(w)),
                (None, None, Some(r)) => format!(
                    " — reversed by \"{}\" (the model answer says \"{}\")",
                    v(&r.word),
                    v(&r.model)
                ),
                _ => String::new(),
            }
            .red()
            .to_string();
            let _ = writeln!(
                o,
                "      {} {} ← \"{}\" ({}; {}){neg}",
                m.kind.dimmed(),
                v(&m.id),
                v(&m.words),
                v(&m.rule),
                v(&m.how)
            );
        }
    }
    let _ = writeln!(o, "  {}", "Points".bold());
    for p in &t.points {
        let _ = writeln!(
            o,
            "    {:<10} {}: {}",
            p.status.as_str(),
            v(&p.id),
            v(&p.reason)
        );
    }
    o
}

/// Renders a card's model answer with the stretches that make the points
/// the student missed highlighted and numbered, then those points' hints.
/// Without colour the highlights are marked `**like this**[1]`.
pub fn model_answer(
    model: &str,
    annotation: &selfmark::model::ModelAnnotation,
    missed: &[&selfmark::report::PointResult],
) -> String {
    let v = |s: &str| visible_line(s).into_owned();
    let mut o = String::new();
    let color = colored::control::SHOULD_COLORIZE.should_colorize();
    let heading = if missed.is_empty() {
        "Model answer".to_string()
    } else if annotation.highlights.is_empty() {
        "Model answer (it doesn't make the points you missed: see below)".to_string()
    } else {
        "Model answer (the parts making points you missed are highlighted)".to_string()
    };
    let _ = writeln!(o, "\n{}\n", heading.bold());
    let mut text = String::new();
    let mut at = 0;
    for h in &annotation.highlights {
        if h.start < at || !model.is_char_boundary(h.start) || !model.is_char_boundary(h.end) {
            continue;
        }
        text.push_str(&visible(&model[at..h.start]));
        let part = &*visible(&model[h.start..h.end]);
        let tag = format!("[{}]", h.point + 1);
        if color {
            let _ = write!(text, "{}{}", part.yellow().bold().underline(), tag.yellow());
        } else {
            let _ = write!(text, "**{part}**{tag}");
        }
        at = h.end;
    }
    text.push_str(&visible(&model[at..]));
    for line in text.lines() {
        let _ = writeln!(o, "  {line}");
    }
    let lit: Vec<usize> = missed
        .iter()
        .enumerate()
        .filter(|(i, _)| annotation.highlights.iter().any(|h| h.point == *i))
        .map(|(i, _)| i)
        .collect();
    if !lit.is_empty() {
        let _ = writeln!(o);
        for i in lit {
            let _ = writeln!(o, "  [{}] {}", i + 1, v(&missed[i].label));
        }
    }
    if !annotation.absent.is_empty() {
        let _ = writeln!(
            o,
            "\n  {}",
            "Also missed (not in this model answer):".bold()
        );
        for &i in &annotation.absent {
            let p = missed[i];
            let _ = writeln!(o, "  [{}] {}", i + 1, v(&p.label));
            if let Some(h) = &p.hint {
                let _ = writeln!(o, "      {} {}", "hint:".dimmed(), v(h));
            }
        }
    }
    o
}

/// The width to wrap human output to: the terminal's, when stdout is one.
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0).clamp(40, 160))
}

/// Wraps each line of `text` to `width` columns at word boundaries,
/// continuing a line under its text rather than its bullet ("  ✗ ",
/// "  [3] ", "      hint: "), so long points and quotes read as blocks.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut o = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if textwrap::core::display_width(body) <= width {
            o.push_str(line);
            continue;
        }
        let indent = continuation_indent(body);
        let options = textwrap::Options::new(width)
            .subsequent_indent(&indent)
            .break_words(false);
        o.push_str(&textwrap::fill(body, options));
        o.push_str(newline);
    }
    o
}

/// The spaces a wrapped line continues under: its indent plus its bullet.
fn continuation_indent(line: &str) -> String {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let plain: String = {
        // The bullet, without colour codes.
        let mut s = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
                continue;
            }
            s.push(c);
            if s.chars().count() >= 24 {
                break;
            }
        }
        s
    };
    let bullet = ["✓ ", "• ", "✗ ", "→ ", "! ", "hint: "]
        .iter()
        .find(|b| plain.starts_with(*b))
        .map(|b| textwrap::core::display_width(b))
        .or_else(|| {
            // "[3] " footnotes
            let close = plain.find("] ")?;
            (plain.starts_with('[') && plain[1..close].chars().all(|c| c.is_ascii_digit()))
                .then_some(close + 2)
        })
        .unwrap_or(0);
    // "✓ explained   label" lines continue under the label.
    let tagged = ["✓ explained   ", "• identified  "]
        .iter()
        .find(|t| plain.starts_with(*t))
        .map(|t| textwrap::core::display_width(t));
    " ".repeat(lead + tagged.unwrap_or(bullet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_continue_under_their_text() {
        let text = "  ✗ Stalin built up support among the people who mattered in the party\n      hint: Explain that Stalin won over party members\nshort\n";
        let out = wrap(text, Some(40));
        assert_eq!(
            out,
            "  ✗ Stalin built up support among the\n    people who mattered in the party\n      hint: Explain that Stalin won over\n            party members\nshort\n"
        );
        assert_eq!(wrap(text, None), text);
        for line in out.lines() {
            assert!(textwrap::core::display_width(line) <= 40, "{line}");
        }
    }

    #[test]
    fn footnotes_and_tags_hang() {
        assert_eq!(continuation_indent("  [12] a point"), " ".repeat(7));
        assert_eq!(continuation_indent("  ✓ explained   label"), " ".repeat(16));
        assert_eq!(continuation_indent("plain text"), "");
    }
}
