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
    let why = match holds {
        Some(r) => format!(
            "it holds the words of `{}` but they are read as not made (a negation such as \"not\" \
             or \"no\" before them, an exclusion or a role): match the words a student would use \
             to make the claim positively",
            r.field
        ),
        None => "it holds too few of the words `match` asks for: add its key words to `match`"
            .to_string(),
    };
    (
        format!("{message}, and its own source sentence does not earn it"),
        format!(
            "make the rules credit its source {} ({why}), then add a sentence a student might \
             write under {to}",
            json(source)
        ),
    )
}
