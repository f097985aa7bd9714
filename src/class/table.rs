//! The class as a plain-text table for the terminal: one row per student,
//! a column per card answered, each student's total, and the class mean per
//! card, then a key from column to question. Names, card ids, questions and
//! the title are shown with their control characters made visible
//! ([`visible_line`]), so none can move the cursor or change colours.

use super::ClassSummary;
use crate::text::visible_line;
use std::fmt::Write as _;

/// The longest student name shown, in characters.
const NAME_WIDTH: usize = 32;

/// A name fit for a terminal: control characters made visible, long names
/// shortened with `…`.
fn clean(name: &str) -> String {
    let flat = visible_line(name);
    if flat.chars().count() > NAME_WIDTH {
        let cut: String = flat.chars().take(NAME_WIDTH - 1).collect();
        format!("{cut}…")
    } else {
        flat.into_owned()
    }
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.chars().count())))
}

fn pad_right(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.chars().count())))
}

/// Renders the summary as a table.
pub fn render(summary: &ClassSummary) -> String {
    let cards = summary.answered_cards();
    let students = summary.students();
    let max_total = summary.max_total();
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(students.len() + 2);
    let mut header = vec!["student".to_string()];
    header.extend(
        cards
            .iter()
            .map(|&c| visible_line(&summary.cards[c].id).into_owned()),
    );
    header.push("total".into());
    rows.push(header);
    for s in &students {
        let mut row = vec![clean(&s.name)];
        row.extend(
            cards
                .iter()
                .map(|&c| s.marks[c].map_or("-".to_string(), |m| m.to_string())),
        );
        row.push(format!("{}/{max_total}", s.total()));
        rows.push(row);
    }
    let mut mean = vec!["class mean".to_string()];
    mean.extend(cards.iter().map(|&c| {
        let card = &summary.cards[c];
        card.mean
            .map_or("-".to_string(), |m| format!("{m:.1}/{}", card.max))
    }));
    let totals: Vec<u32> = students.iter().map(|s| s.total()).collect();
    mean.push(if totals.is_empty() {
        "-".into()
    } else {
        let m = f64::from(totals.iter().sum::<u32>()) / totals.len() as f64;
        format!("{m:.1}/{max_total}")
    });
    rows.push(mean);

    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let line_width = widths.iter().sum::<usize>() + 2 * (columns - 1);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} · {}, {}",
        visible_line(&summary.title),
        super::counted(students.len(), "student"),
        super::counted(summary.marked(), "answer")
    );
    let _ = writeln!(o);
    let last = rows.len() - 1;
    for (r, row) in rows.iter().enumerate() {
        if r == last {
            let _ = writeln!(o, "{}", "─".repeat(line_width));
        }
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if i == 0 {
                    pad_right(cell, widths[i])
                } else {
                    pad_left(cell, widths[i])
                }
            })
            .collect();
        let _ = writeln!(o, "{}", cells.join("  ").trim_end());
        if r == 0 {
            let _ = writeln!(o, "{}", "─".repeat(line_width));
        }
    }
    let _ = writeln!(o);
    for &c in &cards {
        let card = &summary.cards[c];
        let _ = writeln!(
            o,
            "card {}: {}",
            visible_line(&card.id),
            visible_line(&card.question)
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_drive_the_terminal() {
        assert_eq!(clean("al\u{1b}[31mice"), "al\\u{1b}[31mice");
        assert_eq!(clean(&"x".repeat(40)).chars().count(), NAME_WIDTH);
    }
}
