//! A maximum the points can never reach, a levels card that cannot reach
//! its levels or names no outcome, and a count-to-mark table that cannot
//! be reached.

use super::{Card, Lint, listed, phrases};
use crate::rubric::derive::words::is_stop_word;
use crate::rubric::{CardRubric, Scheme};
use crate::text::tokenize;

/// A maximum the points can never reach; a levels card that cannot reach
/// its levels, or whose points any link explains (no outcome terms: the
/// marker then takes any causal link beside a point).
pub(super) fn lint_max(card: &Card, out: &mut Vec<Lint>) {
    let (at, c) = (&card.at, card.rubric);
    let n = c.points.len();
    match c.scheme {
        Scheme::Points if c.marks.is_none() && (n as u32) < c.max => {
            // A point credited by any of a list of wordings (several
            // `match` examples, or an `any` term of several phrases) may be
            // several claims, each worth a mark: most likely so when the
            // maximum is the card's own.
            let wordings = |p: &crate::rubric::Point| {
                let phrases_most = p
                    .rules
                    .0
                    .iter()
                    .flat_map(|m| &m.any)
                    .map(|t| phrases(t).len())
                    .max()
                    .unwrap_or(0);
                p.examples.matches.len().max(phrases_most)
            };
            let many = c
                .points
                .iter()
                .enumerate()
                .map(|(pi, p)| (wordings(p), pi))
                .filter(|(w, _)| *w > 1)
                .max_by_key(|&(w, pi)| (w, std::cmp::Reverse(pi)));
            let more = c.max as usize - n;
            let add = format!(
                "add {more} more point{} for claims that earn a mark",
                if more == 1 { "" } else { "s" }
            );
            let fix = match many {
                Some((w, pi)) => format!(
                    "if the {w} wordings point `{}` accepts (`points[{pi}]`: its `match` examples \
                     and `any` alternatives) are separate claims that each earn a mark, make each \
                     a point of its own; else {add}, or lower `max` to {n}",
                    c.points[pi].id
                ),
                None => format!("{add}, or lower `max` to {n}"),
            };
            out.push(Lint {
                field: format!("{at}.max"),
                message: format!(
                    "max is {} but {}: the mark can never exceed {n}",
                    c.max,
                    if n == 1 {
                        "there is only 1 point, at one mark".to_string()
                    } else {
                        format!("there are only {n} points at one mark each")
                    }
                ),
                fix,
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
                message: "no outcome terms: any causal link beside a point explains it, \
                          whether or not it leads to what the question asks about"
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
    use crate::rubric::lint::tests::{GOOD, at, lints, point, rubric};

    #[test]
    fn a_maximum_beyond_the_points_is_told_to_fall_or_the_points_to_grow() {
        let one = point("p", "p", r#"{"any": ["catalyst"]}"#, &["a catalyst"]);
        let found = lints(&rubric("Name a catalyst.", 3, "points", &[one]));
        let l = at(&found, "cards[0].max");
        assert_eq!(
            l.message,
            "max is 3 but there is only 1 point, at one mark: the mark can never exceed 1"
        );
        assert_eq!(
            l.fix,
            "add 2 more points for claims that earn a mark, or lower `max` to 1"
        );
    }

    #[test]
    fn a_point_of_many_wordings_is_told_it_may_be_several_claims() {
        let listed = point(
            "properties",
            "Properties of transition metals",
            r#"{"any": ["high melting point | high density | coloured compounds"]}"#,
            &["high melting point", "high density"],
        );
        let found = lints(&rubric(
            "Give two properties of transition metals.",
            2,
            "points",
            &[listed],
        ));
        assert_eq!(
            at(&found, "cards[0].max").fix,
            "if the 3 wordings point `properties` accepts (`points[0]`: its `match` examples and \
             `any` alternatives) are separate claims that each earn a mark, make each a point of \
             its own; else add 1 more point for claims that earn a mark, or lower `max` to 1"
        );
    }

    #[test]
    fn a_levels_card_that_cannot_reach_its_levels_is_told_what_to_add() {
        let card = |outcome: &str, points: &str| {
            format!(
                r#"{{"cards": [{{"card": "1", "question": "Why did the League of Nations fail?",
                "max": 6, "scheme": "levels", "outcome": {outcome}, "points": [{points}]}}]}}"#
            )
        };
        let usa = point("usa", "usa", r#"{"any": ["usa"]}"#, &["the usa"]);
        let army = point("army", "army", r#"{"any": ["army"]}"#, &["no army"]);
        let found = lints(&card("[]", &format!("{usa}, {army}")));
        assert_eq!(
            at(&found, "cards[0].outcome").fix,
            "add `outcome` terms naming the result the question asks about (of the question's \
             words: `league`, `nations` and `fail`), with the other words students use for it, or \
             use `\"scheme\": \"points\"`"
        );
        let found = lints(&card(r#"["fail"]"#, &usa));
        assert_eq!(
            at(&found, "cards[0].points").fix,
            "add a point for each other reason a good answer gives, or use \
             `\"scheme\": \"points\"`"
        );
    }

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
