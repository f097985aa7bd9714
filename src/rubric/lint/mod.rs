//! `rubric lint`: what is likely wrong in a rubric that still loads, and
//! how to fix each. Terms made of the question's own words (an answer that
//! copies the question earns them), terms that match almost any answer (a
//! stop word or one letter, stop words common together, a group of nothing
//! else), two points crediting the same words, points no example
//! exercises, a maximum the points can never reach, and exclusions that can
//! never fire (or that no example shows).
//!
//! Every [`Lint`] carries a `fix`: the edit that resolves it, naming the
//! field and the words, with a word of the point's own to use where one is
//! wanted. One finding is one warning: a term wrong the same way in several
//! places is reported once with all its places, points that the same
//! words earn are reported once per those words, whatever the number of
//! pairs they make, and a point that the examples of several others earn
//! is reported once, at it. Two points overlap only when the words of one way to
//! earn a point (an `any` term, or an `all` or `near` group) are enough to
//! earn the other: points that merely share a key word, each needing
//! another word beside it, as a draft's points often do, don't.
//!
//! One module a family of warnings, each with its tests: `terms` (single
//! terms), `overlaps` (two points crediting the same words), `examples`
//! (what no example shows) and `max` (marks that cannot be reached).

mod examples;
mod max;
mod overlaps;
mod terms;

use super::derive::words::{is_stop_word, zipf};
use super::{CardRubric, CompiledRubric, parse_term};
use crate::text::{stem, tokenize};
use examples::lint_examples;
use max::{lint_marks, lint_max};
use overlaps::{lint_example_overlaps, lint_overlaps};
use std::collections::HashSet;
use terms::lint_terms;

/// One warning, at a field path such as `cards[0].points[2].match.any[1]`,
/// with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Lint {
    pub field: String,
    pub message: String,
    /// The edit that resolves the warning, naming the field and the words
    /// (field paths in it are relative to the warning's card).
    pub fix: String,
}

/// A phrase of a term: as written, and as slots of stems.
type Phrase = (String, Vec<Vec<String>>);

/// The phrases of a term, each as written and as slots of folded words.
fn phrases(term: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let Ok(parsed) = parse_term(term) else {
        return Vec::new();
    };
    term.split('|')
        .map(|s| s.trim().to_string())
        .zip(parsed.phrases.into_iter().map(|p| p.slots))
        .collect()
}

/// A phrase's slots as sets of stems.
fn stems(slots: &[Vec<String>]) -> Vec<Vec<String>> {
    slots
        .iter()
        .map(|slot| slot.iter().map(|w| stem(w)).collect())
        .collect()
}

/// The phrases of a term as written and as sequences of stem sets.
fn stem_phrases(term: &str) -> Vec<Phrase> {
    phrases(term)
        .into_iter()
        .map(|(shown, words)| (shown, stems(&words)))
        .collect()
}

fn match_path(pi: usize, ri: usize, rules: usize) -> String {
    if rules == 1 {
        format!("points[{pi}].match")
    } else {
        format!("points[{pi}].match[{ri}]")
    }
}

/// `a`, `a` and `b`, `a`, `b` and `c`: names in backticks, as a list.
fn listed<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A JSON string literal, for the edits a fix spells out.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// One card being linted: its rubric, its question's stems, and where it
/// stands in the file.
struct Card<'a> {
    ci: usize,
    at: String,
    rubric: &'a CardRubric,
    question: HashSet<String>,
}

impl Card<'_> {
    /// A word of point `pi`'s own to suggest: the rarest word of its label,
    /// source and `match` examples that is not a stop word, not one of the
    /// question's words and not among `besides` (stems).
    fn own_word(&self, pi: usize, besides: &HashSet<String>) -> Option<String> {
        let p = &self.rubric.points[pi];
        let texts = [&p.label, &p.source].into_iter().chain(&p.examples.matches);
        let mut best: Option<(f64, String)> = None;
        for text in texts {
            for t in tokenize(text).tokens {
                let (norm, stem) = (t.norm(), t.stem());
                if is_stop_word(norm) || self.question.contains(stem) || besides.contains(stem) {
                    continue;
                }
                let z = zipf(norm);
                if best.as_ref().is_none_or(|(bz, _)| z < *bz) {
                    best = Some((z, norm.to_string()));
                }
            }
        }
        best.map(|(_, w)| w)
    }

    fn point_id(&self, pi: usize) -> &str {
        &self.rubric.points[pi].id
    }
}

/// The stems of a phrase's words, as a set.
fn stem_set(slots: &[Vec<String>]) -> HashSet<String> {
    slots.iter().flatten().cloned().collect()
}

/// How the slots of a contained phrase must compare, in [`contains_run`].
#[derive(Clone, Copy)]
enum Slots {
    /// Sharing a word: some wording holds both.
    Share,
    /// Every word of the outer slot is one of the inner slot's: every
    /// wording of the outer phrase holds the inner one.
    Within,
}

/// Whether `needle`'s slots occur as a run inside `hay`, slot by slot.
fn contains_run(hay: &[Vec<String>], needle: &[Vec<String>], how: Slots) -> bool {
    !needle.is_empty()
        && hay.windows(needle.len()).any(|w| {
            w.iter().zip(needle).all(|(h, n)| match how {
                Slots::Share => n.iter().any(|x| h.contains(x)),
                Slots::Within => h.iter().all(|x| n.contains(x)),
            })
        })
}

/// Lints one card's rubric (index `ci` in the file).
fn lint_card(ci: usize, rubric: &CardRubric, compiled: &CompiledRubric, out: &mut Vec<Lint>) {
    let card = Card {
        ci,
        at: format!("cards[{ci}]"),
        rubric,
        question: tokenize(&rubric.question)
            .tokens
            .iter()
            .map(|t| t.stem().to_string())
            .collect(),
    };
    lint_terms(&card, out);
    // Two points of one claim of the model answer (a point and its partial
    // credit, drafted from the same source sentence) overlap by design, as
    // do two the rubric says overlap.
    let one_claim = |a: usize, b: usize| {
        let (pa, pb) = (&rubric.points[a], &rubric.points[b]);
        !pa.source.trim().is_empty() && pa.source == pb.source
            || pa.overlaps.contains(&pb.id)
            || pb.overlaps.contains(&pa.id)
    };
    let earned_alone = lint_overlaps(&card, &one_claim, out);
    lint_example_overlaps(&card, compiled, &one_claim, &earned_alone, out);
    lint_examples(&card, compiled, out);
    lint_max(&card, out);
}

/// " stem stem stem " of a sentence, for whole-word containment tests.
fn stems_of(text: &str) -> String {
    let mut s = String::from(" ");
    for t in tokenize(text).tokens {
        s.push_str(t.stem());
        s.push(' ');
    }
    s
}

/// Lints every card of a compiled rubric.
pub fn lint(compiled: &CompiledRubric) -> Vec<Lint> {
    let mut out = Vec::new();
    for (ci, card) in compiled.source.cards.iter().enumerate() {
        lint_card(ci, card, compiled, &mut out);
        lint_marks(ci, card, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rubric::parse;

    pub fn lints(json: &str) -> Vec<Lint> {
        let set = parse(json, "t.json").unwrap();
        let compiled = CompiledRubric::compile(&set, "t.json").unwrap();
        lint(&compiled)
    }

    pub const GOOD: &str = r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 1,
        "scheme": "points", "points": [{"id": "memory", "label": "A place in memory",
        "hint": "Say where it lives", "match": {"all": [["memory", "location/place"]],
        "exclude": ["memory leak"]},
        "examples": {"match": ["a location in memory"], "no_match": ["a memory leak location"]}}]}]}"#;

    /// A one-card rubric of `points` (see [`point`]).
    pub fn rubric(question: &str, max: u32, scheme: &str, points: &[String]) -> String {
        format!(
            r#"{{"cards": [{{"card": "1", "question": {}, "max": {max}, "scheme": "{scheme}",
                "outcome": ["lost"], "points": [{}]}}]}}"#,
            serde_json::to_string(question).unwrap(),
            points.join(", ")
        )
    }

    /// A point: its id and label, its `match` (JSON) and its `match`
    /// examples.
    pub fn point(id: &str, label: &str, rules: &str, examples: &[&str]) -> String {
        format!(
            r#"{{"id": "{id}", "label": {}, "hint": "h", "match": {rules},
                "examples": {{"match": {}}}}}"#,
            serde_json::to_string(label).unwrap(),
            serde_json::to_string(examples).unwrap()
        )
    }

    /// The one warning at `field`.
    pub fn at<'a>(found: &'a [Lint], field: &str) -> &'a Lint {
        let here: Vec<&Lint> = found.iter().filter(|l| l.field == field).collect();
        assert_eq!(here.len(), 1, "one warning at {field}: {found:#?}");
        here[0]
    }

    #[test]
    fn a_sound_rubric_has_no_warnings() {
        assert_eq!(lints(GOOD), vec![]);
    }

    #[test]
    fn every_warning_says_how_to_fix_it() {
        let bad = r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 3,
            "scheme": "points", "points": [
              {"id": "a", "label": "l", "hint": "h", "match": {"any": ["variable", "the", "x", "memory"],
               "exclude": ["memory", "stack"]}},
              {"id": "b", "label": "l", "hint": "h", "match": {"any": ["memory"]},
               "examples": {"match": ["memory"]}}]},
            {"card": "2", "question": "Why did Trotsky lose?", "max": 6, "scheme": "levels",
             "points": [{"id": "c", "label": "l", "hint": "h", "match": {"any": ["testament"]},
               "examples": {"match": ["the testament"]}}]}]}"#;
        let found = lints(bad);
        assert!(found.len() >= 8, "{found:#?}");
        for l in &found {
            assert!(l.fix.len() > 20, "a fix that says what to do: {l:#?}");
        }
    }

    #[test]
    fn each_problem_is_named_at_its_field() {
        let bad = r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 3,
            "scheme": "points", "points": [
              {"id": "a", "label": "l", "hint": "h", "match": {"any": ["variable", "the", "x", "memory"],
               "exclude": ["memory", "stack"]}},
              {"id": "b", "label": "l", "hint": "h", "match": {"any": ["memory"]},
               "examples": {"match": ["memory"]}}]}]}"#;
        let found = lints(bad);
        let has = |field: &str, text: &str| {
            found
                .iter()
                .any(|l| l.field == field && l.message.contains(text))
        };
        assert!(
            has("cards[0].points[0].match.any[0]", "question's own words"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[0].match.any[1]", "only stop words"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[0].match.any[2]", "one-letter"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[0].match.exclude[0]", "never credit"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[0].match.exclude[1]", "no example"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[1]", "both match the words"),
            "{found:#?}"
        );
        assert!(
            has("cards[0].points[0].examples", "no `match` example"),
            "{found:#?}"
        );
        assert!(has("cards[0].max", "can never exceed 2"), "{found:#?}");
    }
}
