//! Points no example exercises, and exclusions no example shows.

use super::overlaps::routes;
use super::{Card, Lint, json, match_path, stem_phrases, stems_of};
use crate::report::Status;
use crate::rubric::CompiledRubric;

/// Points no example exercises; exclusions no example shows.
pub(super) fn lint_examples(card: &Card, compiled: &CompiledRubric, out: &mut Vec<Lint>) {
    let at = &card.at;
    for (pi, p) in card.rubric.points.iter().enumerate() {
        if p.examples.matches.is_empty() {
            let (message, fix) = missing_example(card, compiled, pi);
            out.push(Lint {
                field: format!("{at}.points[{pi}].examples"),
                message,
                fix,
            });
        }
        let examples: Vec<String> = p
            .examples
            .matches
            .iter()
            .chain(&p.examples.no_match)
            .map(|e| stems_of(e))
            .collect();
        for (ri, m) in p.rules.0.iter().enumerate() {
            for (i, ex) in m.exclude.iter().enumerate() {
                let shown = stem_phrases(ex);
                let exercised = examples.iter().any(|e| {
                    shown.iter().any(|(_, phrase)| {
                        phrase
                            .iter()
                            .all(|slot| slot.iter().any(|w| e.contains(&format!(" {w} "))))
                    })
                });
                if !exercised {
                    out.push(Lint {
                        field: format!("{at}.{}.exclude[{i}]", match_path(pi, ri, p.rules.0.len())),
                        message: format!(
                            "no example sentence contains the exclusion `{ex}`: nothing shows \
                             what it keeps out"
                        ),
                        fix: format!(
                            "add a sentence a student might write with `{ex}` in it under \
                             `points[{pi}].examples.no_match`, or remove the exclusion if \
                             nothing needs keeping out"
                        ),
                    });
                }
            }
        }
    }
}

/// The warning and fix for point `pi`, which has no `match` example: when
/// its own source sentence does not earn it, that is the thing to fix.
fn missing_example(card: &Card, compiled: &CompiledRubric, pi: usize) -> (String, String) {
    let p = &card.rubric.points[pi];
    let message = format!(
        "point `{}` has no `match` example: nothing shows what earns it",
        p.id
    );
    let to = format!("`points[{pi}].examples.match`");
    let source = p.source.trim();
    if source.is_empty() {
        return (
            message,
            format!("add an example sentence that a student might write under {to}"),
        );
    }
    let r = compiled.mark(card.ci, source);
    let earned = r
        .points
        .iter()
        .any(|o| o.id == p.id && o.status != Status::Missing);
    if earned {
        return (
            message,
            format!(
                "add its source sentence, or one a student might write, under {to}: {}",
                json(source)
            ),
        );
    }
    // Its words are there, so something reads them as not made.
    let said = stems_of(source);
    let holds = routes(pi, p).into_iter().find(|r| {
        r.terms.iter().all(|t| {
            t.iter().any(|(_, slots)| {
                slots
                    .iter()
                    .all(|s| s.iter().any(|w| said.contains(&format!(" {w} "))))
            })
        })
    });
    let negator = crate::text::tokenize(source)
        .tokens
        .iter()
        .find(|t| t.negator())
        .map(|t| source[t.start..t.end].to_string());
    let fix = match (holds, negator) {
        (Some(r), Some(not)) => {
            let mut group: Vec<String> = vec![json(&not.to_lowercase())];
            group.extend(r.terms.iter().map(|t| {
                let phrases: Vec<&str> = t.iter().map(|(shown, _)| shown.as_str()).collect();
                json(&phrases.join(" | "))
            }));
            let put = if r.field.contains(".near[") {
                format!("add {} to the terms of `{}`", group[0], r.field)
            } else {
                format!(
                    "put it into the rule as the claim makes it, `\"all\": [[{}]]` in place of `{}` \
                     (a negation that is one of a rule's own words makes the claim, not a denial)",
                    group.join(", "),
                    r.field
                )
            };
            format!(
                "its source {} makes the claim with \"{not}\", which denies the words of `{}`: \
                 {put}, or match a word that makes the claim without a negation; then add the \
                 source under {to}",
                json(source),
                r.field
            )
        }
        (Some(r), None) => format!(
            "its source {} holds the words of `{}` but they are read as not made: check that \
             rule's `exclude` and `roles` against the sentence, then add it under {to}",
            json(source),
            r.field
        ),
        (None, _) => format!(
            "its source {} holds too few of the words `match` asks for: add its key words to \
             `match`, then add a sentence a student might write under {to}",
            json(source)
        ),
    };
    (
        format!("{message}, and its own source sentence does not earn it"),
        fix,
    )
}

#[cfg(test)]
mod tests {
    use crate::rubric::lint::tests::{at, lints, rubric};

    /// A point with a `source` sentence, `match` rules and no examples.
    fn sourced(source: &str, rules: &str) -> String {
        format!(
            r#"{{"id": "p", "label": "l", "hint": "h", "source": {}, "match": {rules}}}"#,
            serde_json::to_string(source).unwrap()
        )
    }

    const WEIMAR: &str = "Why was the Weimar Republic weak?";

    #[test]
    fn a_point_with_no_example_is_given_its_source_sentence() {
        let r = rubric(
            WEIMAR,
            1,
            "points",
            &[sourced(
                "Proportional representation gave many small parties seats",
                r#"{"any": ["proportional representation"]}"#,
            )],
        );
        assert_eq!(
            at(&lints(&r), "cards[0].points[0].examples").fix,
            "add its source sentence, or one a student might write, under \
             `points[0].examples.match`: \"Proportional representation gave many small parties \
             seats\""
        );
        let r = rubric(
            WEIMAR,
            1,
            "points",
            &[sourced("", r#"{"any": ["proportional representation"]}"#)],
        );
        assert_eq!(
            at(&lints(&r), "cards[0].points[0].examples").fix,
            "add an example sentence that a student might write under `points[0].examples.match`"
        );
    }

    #[test]
    fn a_point_its_negative_source_does_not_earn_is_told_to_match_the_negation() {
        let rules = |all: &str| {
            rubric(
                WEIMAR,
                1,
                "points",
                &[sourced(
                    "no party ever won a majority",
                    &format!(r#"{{"all": [{all}]}}"#),
                )],
            )
        };
        let found = lints(&rules(r#"["majority", "won"]"#));
        let l = at(&found, "cards[0].points[0].examples");
        assert!(
            l.message
                .ends_with("and its own source sentence does not earn it"),
            "{l:#?}"
        );
        assert_eq!(
            l.fix,
            "its source \"no party ever won a majority\" makes the claim with \"no\", which denies \
             the words of `points[0].match.all[0]`: put it into the rule as the claim makes it, \
             `\"all\": [[\"no\", \"majority\", \"won\"]]` in place of `points[0].match.all[0]` (a \
             negation that is one of a rule's own words makes the claim, not a denial), or match \
             a word that makes the claim without a negation; then add the source under \
             `points[0].examples.match`"
        );
        // Done as it says, the source earns the point.
        let found = lints(&rules(r#"["no", "majority", "won"]"#));
        assert!(
            at(&found, "cards[0].points[0].examples")
                .fix
                .starts_with("add its source sentence"),
            "{found:#?}"
        );
    }

    #[test]
    fn an_exclusion_no_example_shows_is_given_a_no_match_example_to_write() {
        let r = rubric(
            WEIMAR,
            1,
            "points",
            &[r#"{"id": "p", "label": "l", "hint": "h",
                "match": {"any": ["article 48"], "exclude": ["article 231"]},
                "examples": {"match": ["article 48 let the president rule by decree"]}}"#
                .to_string()],
        );
        assert_eq!(
            at(&lints(&r), "cards[0].points[0].match.exclude[0]").fix,
            "add a sentence a student might write with `article 231` in it under \
             `points[0].examples.no_match`, or remove the exclusion if nothing needs keeping out"
        );
    }
}
