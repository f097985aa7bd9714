//! A maximum the points can never reach, a levels card that cannot reach
//! its levels, and a count-to-mark table that cannot be reached.

use super::{Card, Lint, listed, phrases};
use crate::rubric::derive::words::is_stop_word;
use crate::rubric::{CardRubric, Scheme};
use crate::text::tokenize;

/// A maximum the points can never reach; a levels card that cannot reach
/// its levels.
pub(super) fn lint_max(card: &Card, out: &mut Vec<Lint>) {
    let (at, c) = (&card.at, card.rubric);
    let n = c.points.len();
    match c.scheme {
        Scheme::Points if c.marks.is_none() && (n as u32) < c.max => {
            // A point credited by any of a list of wordings may be several
            // claims, each worth a mark.
            let listed_wordings = c
                .points
                .iter()
                .filter_map(|p| {
                    let most = p
                        .rules
                        .0
                        .iter()
                        .flat_map(|m| &m.any)
                        .map(|t| phrases(t).len())
                        .max()?;
                    (most > 1).then_some(&p.id)
                })
                .next();
            let split = listed_wordings
                .map(|id| {
                    format!(
                        ", or, if the wordings `{id}` accepts are separate claims that each earn \
                         a mark, make each a point of its own"
                    )
                })
                .unwrap_or_default();
            let more = c.max as usize - n;
            out.push(Lint {
                field: format!("{at}.max"),
                message: format!(
                    "max is {} but there are only {n} points at one mark each: the mark can never \
                     exceed {n}",
                    c.max
                ),
                fix: format!(
                    "lower `max` to {n}, or add {more} more point{} for claims that earn a mark{split}",
                    if more == 1 { "" } else { "s" }
                ),
            });
        }
        Scheme::Levels if c.outcome.is_empty() => {
            let words: Vec<String> = tokenize(&c.question)
                .tokens
                .iter()
                .map(|t| t.norm().to_string())
                .filter(|w| !is_stop_word(w))
                .collect();
            let words: Vec<String> = words
                .iter()
                .enumerate()
                .filter(|(i, w)| !words[..*i].contains(w))
                .map(|(_, w)| w.clone())
                .collect();
            let from = if words.is_empty() {
                String::new()
            } else {
                format!(" (of the question's words: {})", listed(&words))
            };
            out.push(Lint {
                field: format!("{at}.outcome"),
                message:
                    "no outcome terms: no point can be explained, so no answer gets past Level 2"
                        .to_string(),
                fix: format!(
                    "add `outcome` terms naming the result the question asks about{from}, with the \
                     other words students use for it, or use `\"scheme\": \"points\"`"
                ),
            });
        }
        Scheme::Levels if n < 2 => out.push(Lint {
            field: format!("{at}.points"),
            message: "fewer than two points: no answer can explain two reasons and reach Level 4"
                .to_string(),
            fix: "add a point for each other reason a good answer gives, or use \
                  `\"scheme\": \"points\"`"
                .to_string(),
        }),
        _ => {}
    }
}

/// Lints a card's count-to-mark table: rows that need more points than the
/// card has, and a top mark below the card's maximum.
pub(super) fn lint_marks(ci: usize, card: &CardRubric, out: &mut Vec<Lint>) {
    let Some(table) = &card.marks else {
        return;
    };
    let n = card.points.len();
    for (j, row) in table.unreachable(n) {
        out.push(Lint {
            field: format!("cards[{ci}].marks[{j}].points"),
            message: row.unreachable_why(n),
            fix: format!("lower the threshold to {n} or fewer, or add points"),
        });
    }
    let top = table.top_mark();
    if top < card.max {
        out.push(Lint {
            field: format!("cards[{ci}].marks"),
            message: format!(
                "the table's top mark is {top} but max is {}: no answer can earn full marks",
                card.max
            ),
            fix: format!("add a row for {} marks or set max to {top}", card.max),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::lint::tests::{GOOD, lints};

    /// [`GOOD`] with a count-to-mark table and maximum.
    fn good_with_marks(max: u32, marks: &str) -> String {
        GOOD.replace(
            r#""max": 1,"#,
            &format!(r#""max": {max}, "marks": {marks},"#),
        )
    }

    #[test]
    fn a_reachable_table_that_gives_full_marks_has_no_warnings() {
        let rubric = good_with_marks(2, r#"[{"points": 1, "mark": 2}]"#);
        assert_eq!(lints(&rubric), vec![], "two marks for the one point");
    }

    #[test]
    fn a_table_needing_more_points_than_the_card_has_is_warned_with_its_fix() {
        let rubric = good_with_marks(3, r#"[{"points": 4, "mark": 3}, {"points": 1, "mark": 1}]"#);
        let found = lints(&rubric);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].field, "cards[0].marks[0].points");
        assert!(
            found[0]
                .message
                .contains("needs 4 points identified, but the card has only 1")
        );
        assert_eq!(
            found[0].fix, "lower the threshold to 1 or fewer, or add points",
            "{found:#?}"
        );
    }

    #[test]
    fn a_table_whose_top_mark_is_below_the_maximum_is_warned_with_its_fix() {
        let rubric = good_with_marks(3, r#"[{"points": 1, "mark": 2}]"#);
        let found = lints(&rubric);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].field, "cards[0].marks");
        assert_eq!(
            found[0].fix, "add a row for 3 marks or set max to 2",
            "{found:#?}"
        );
    }
}
