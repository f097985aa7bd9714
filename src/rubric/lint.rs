//! `rubric lint`: what is likely wrong in a rubric that still loads. Terms
//! made of the question's own words (an answer that copies the question
//! earns them), terms that match almost any answer (a stop word or one
//! letter, stop words common together, a group of nothing else), two
//! points crediting the same words, points no example exercises, a maximum
//! the points can never reach, and exclusions that can never fire (or that
//! no example shows). A count-to-mark table is linted apart
//! (`lint_marks`): rows needing more points than the card has, a top
//! mark below the maximum.

use super::derive::words::{is_stop_word, zipf};
use super::{CardRubric, CompiledRubric, Match, Scheme, parse_term};
use crate::report::Status;
use crate::text::{stem, tokenize};
use std::collections::{HashMap, HashSet};

/// One warning, at a field path such as `cards[0].points[2].match.any[1]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    pub field: String,
    pub message: String,
}

/// One term of a rule set: its field path, its text, whether it excludes,
/// and whether it is one of an `all` or `near` group that a term of more
/// than stop words holds too (so the group needs content words anyway).
struct Term {
    field: String,
    text: String,
    exclude: bool,
    partnered: bool,
}

/// Every term of a rule set.
fn terms_of(m: &Match, at: &str) -> Vec<Term> {
    let term = |field: String, text: &String, exclude: bool, partnered: bool| Term {
        field,
        text: text.clone(),
        exclude,
        partnered,
    };
    let has_content = |group: &[String]| group.iter().any(|t| !only_stop_words(t));
    let mut out = Vec::new();
    for (i, t) in m.any.iter().enumerate() {
        out.push(term(format!("{at}.any[{i}]"), t, false, false));
    }
    for (g, group) in m.all.iter().enumerate() {
        let partnered = has_content(group);
        for (i, t) in group.iter().enumerate() {
            out.push(term(format!("{at}.all[{g}][{i}]"), t, false, partnered));
        }
    }
    for (g, near) in m.near.iter().enumerate() {
        let partnered = has_content(&near.terms);
        for (i, t) in near.terms.iter().enumerate() {
            let field = format!("{at}.near[{g}].terms[{i}]");
            out.push(term(field, t, false, partnered));
        }
    }
    for (i, t) in m.exclude.iter().enumerate() {
        out.push(term(format!("{at}.exclude[{i}]"), t, true, false));
    }
    out
}

/// Whether a phrase's words are all stop words (or single letters).
fn all_stop_words(slots: &[Vec<String>]) -> bool {
    let mut words = slots.iter().flatten().peekable();
    words.peek().is_some() && words.all(|w| is_stop_word(w))
}

/// Whether every phrase of a term is stop words alone.
fn only_stop_words(term: &str) -> bool {
    let phrases = phrases(term);
    !phrases.is_empty() && phrases.iter().all(|(_, slots)| all_stop_words(slots))
}

/// The answer length, in words, that [`answers_holding`] assumes: about
/// what a six-mark answer runs to.
const ANSWER_WORDS: f64 = 150.0;

/// A phrase of stop words alone is common, and matches almost any answer,
/// when more than one answer in 200 would hold it by chance.
const COMMON: f64 = 0.005;

/// The share of answers of [`ANSWER_WORDS`] words expected to hold a
/// phrase by chance: each slot's chance at a place is the sum of its
/// words' frequencies (Zipf: per billion words), each later slot may stand
/// anywhere in the `gap + 1` places after the last, and the phrase's
/// expected count in an answer gives the share holding it (Poisson).
fn answers_holding(slots: &[Vec<String>], gap: usize) -> f64 {
    let at_a_place: f64 = slots
        .iter()
        .map(|slot| {
            slot.iter()
                .map(|w| 10f64.powf(zipf(w) - 9.0))
                .sum::<f64>()
                .min(1.0)
        })
        .product();
    let spread = (gap as f64 + 1.0).powi(slots.len().saturating_sub(1) as i32);
    1.0 - (-ANSWER_WORDS * at_a_place * spread).exp()
}

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

/// The phrases of a term as sequences of stem sets.
fn stem_phrases(term: &str) -> Vec<Vec<Vec<String>>> {
    phrases(term)
        .iter()
        .map(|(_, words)| stems(words))
        .collect()
}

fn match_path(pi: usize, ri: usize, rules: usize) -> String {
    if rules == 1 {
        format!("points[{pi}].match")
    } else {
        format!("points[{pi}].match[{ri}]")
    }
}

/// Lints one card's rubric (index `ci` in the file).
fn lint_card(ci: usize, card: &CardRubric, compiled: &CompiledRubric, out: &mut Vec<Lint>) {
    let at = format!("cards[{ci}]");
    let question: HashSet<String> = tokenize(&card.question)
        .tokens
        .iter()
        .map(|t| t.stem().to_string())
        .collect();
    let mut warn = |field: String, message: String| out.push(Lint { field, message });

    // Terms: the question's words, stop words, one letter; exclusions.
    // Each point's phrases by their stems, with the words as written.
    let mut phrases_of: Vec<HashMap<Vec<Vec<String>>, String>> = Vec::new();
    for (pi, p) in card.points.iter().enumerate() {
        let mut mine = HashMap::new();
        for (ri, m) in p.rules.0.iter().enumerate() {
            let base = format!("{at}.{}", match_path(pi, ri, p.rules.0.len()));
            let gap = m.gap();
            let positive: Vec<Vec<Vec<String>>> = terms_of(m, "")
                .iter()
                .filter(|t| !t.exclude)
                .flat_map(|t| stem_phrases(&t.text))
                .collect();
            for Term {
                field,
                text: term,
                exclude,
                partnered,
            } in terms_of(m, &base)
            {
                for (shown, words) in phrases(&term) {
                    let phrase = stems(&words);
                    if exclude {
                        if positive.iter().any(|pos| contains_run(pos, &phrase)) {
                            warn(
                                field.clone(),
                                format!(
                                    "exclusion `{shown}` is part of this rule's own term, so it fires \
                                     whenever the rule matches: the rule can never credit anything"
                                ),
                            );
                        }
                        continue;
                    }
                    mine.entry(phrase.clone()).or_insert_with(|| shown.clone());
                    if phrase
                        .iter()
                        .all(|slot| slot.iter().all(|w| question.contains(w)))
                    {
                        warn(
                            field.clone(),
                            format!(
                                "`{shown}` is made of the question's own words: an answer that \
                                 copies the question earns it"
                            ),
                        );
                    }
                    // Stop words alone: one of them (or one letter) is
                    // in almost every answer; a run of them only when
                    // common together ("of the", not "up himself"); in a
                    // group with content words, they only narrow it.
                    if partnered || !all_stop_words(&words) {
                        continue;
                    }
                    if words.len() == 1 {
                        let what = if words[0].iter().all(|w| w.chars().count() < 2) {
                            "a one-letter term"
                        } else {
                            "only stop words"
                        };
                        warn(
                            field.clone(),
                            format!("`{shown}` is {what}: it matches almost any answer"),
                        );
                    } else {
                        let share = answers_holding(&words, gap);
                        if share >= COMMON {
                            warn(
                                field.clone(),
                                format!(
                                    "`{shown}` is only stop words, common together (by chance in \
                                     about {} of 1,000 answers of {ANSWER_WORDS} words): it \
                                     credits answers that say nothing of the point",
                                    (share * 1000.0).round()
                                ),
                            );
                        }
                    }
                }
            }
        }
        phrases_of.push(mine);
    }

    // Two points of one claim of the model answer (a point and its partial
    // credit, drafted from the same source sentence) overlap by design, as
    // do two the rubric says overlap.
    let one_claim = |a: usize, b: usize| {
        let (pa, pb) = (&card.points[a], &card.points[b]);
        !pa.source.trim().is_empty() && pa.source == pb.source
            || pa.overlaps.contains(&pb.id)
            || pb.overlaps.contains(&pa.id)
    };

    // Two points crediting the same words.
    for a in 0..card.points.len() {
        for b in a + 1..card.points.len() {
            if one_claim(a, b) {
                continue;
            }
            // The first shared phrase in sorted order, so the warning is the
            // same on every run (set order is not).
            let shared = phrases_of[a]
                .keys()
                .filter(|k| phrases_of[b].contains_key(*k))
                .min();
            if let Some(phrase) = shared {
                warn(
                    format!("{at}.points[{b}]"),
                    format!(
                        "points `{}` and `{}` both match the words `{}`: one answer earns both",
                        card.points[a].id, card.points[b].id, phrases_of[a][phrase]
                    ),
                );
            }
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (pi, p) in card.points.iter().enumerate() {
        for example in &p.examples.matches {
            let r = compiled.mark(ci, example);
            for other in r.points.iter().filter(|o| o.status != Status::Missing) {
                let Some(oi) = card.points.iter().position(|q| q.id == other.id) else {
                    continue;
                };
                if oi != pi && !one_claim(pi, oi) && pairs.insert((pi.min(oi), pi.max(oi))) {
                    warn(
                        format!("{at}.points[{pi}].examples.match"),
                        format!(
                            "its example \"{example}\" also earns point `{}`: the two points \
                             overlap",
                            other.id
                        ),
                    );
                }
            }
        }
    }

    // Points no example exercises; exclusions no example shows.
    for (pi, p) in card.points.iter().enumerate() {
        if p.examples.matches.is_empty() {
            warn(
                format!("{at}.points[{pi}].examples"),
                format!(
                    "point `{}` has no `match` example: nothing shows what earns it",
                    p.id
                ),
            );
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
                    shown.iter().any(|phrase| {
                        phrase
                            .iter()
                            .all(|slot| slot.iter().any(|w| e.contains(&format!(" {w} "))))
                    })
                });
                if !exercised {
                    warn(
                        format!("{at}.{}.exclude[{i}]", match_path(pi, ri, p.rules.0.len())),
                        format!(
                            "no example sentence contains the exclusion `{ex}`: add a `no_match` \
                             example showing what it keeps out"
                        ),
                    );
                }
            }
        }
    }

    // A maximum the points can never reach.
    match card.scheme {
        Scheme::Points if card.marks.is_none() && (card.points.len() as u32) < card.max => warn(
            format!("{at}.max"),
            format!(
                "max is {} but there are only {} points at one mark each: the mark can never \
                 exceed {}",
                card.max,
                card.points.len(),
                card.points.len()
            ),
        ),
        Scheme::Levels if card.outcome.is_empty() => warn(
            format!("{at}.outcome"),
            "no outcome terms: no point can be explained, so no answer gets past Level 2"
                .to_string(),
        ),
        Scheme::Levels if card.points.len() < 2 => warn(
            format!("{at}.points"),
            "fewer than two points: no answer can explain two reasons and reach Level 4"
                .to_string(),
        ),
        _ => {}
    }
}

/// Lints a card's count-to-mark table: rows that need more points than the
/// card has, and a top mark below the card's maximum. Each warning ends
/// with the fix.
fn lint_marks(ci: usize, card: &CardRubric, out: &mut Vec<Lint>) {
    let Some(table) = &card.marks else {
        return;
    };
    let n = card.points.len();
    for (j, row) in table.unreachable(n) {
        out.push(Lint {
            field: format!("cards[{ci}].marks[{j}].points"),
            message: format!(
                "{}; fix: lower the threshold to {n} or fewer, or add points",
                row.unreachable_why(n)
            ),
        });
    }
    let top = table.top_mark();
    if top < card.max {
        out.push(Lint {
            field: format!("cards[{ci}].marks"),
            message: format!(
                "the table's top mark is {top} but max is {}: no answer can earn full marks; \
                 fix: add a row for {} marks or set max to {top}",
                card.max, card.max
            ),
        });
    }
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

/// Whether `needle`'s slots occur as a run inside `hay` (slot by slot,
/// sharing a word).
fn contains_run(hay: &[Vec<String>], needle: &[Vec<String>]) -> bool {
    !needle.is_empty()
        && hay.windows(needle.len()).any(|w| {
            w.iter()
                .zip(needle)
                .all(|(h, n)| n.iter().any(|x| h.contains(x)))
        })
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
mod tests {
    use super::*;
    use crate::rubric::parse;

    fn lints(json: &str) -> Vec<Lint> {
        let set = parse(json, "t.json").unwrap();
        let compiled = CompiledRubric::compile(&set, "t.json").unwrap();
        lint(&compiled)
    }

    const GOOD: &str = r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 1,
        "scheme": "points", "points": [{"id": "memory", "label": "A place in memory",
        "hint": "Say where it lives", "match": {"all": [["memory", "location/place"]],
        "exclude": ["memory leak"]},
        "examples": {"match": ["a location in memory"], "no_match": ["a memory leak location"]}}]}]}"#;

    #[test]
    fn a_sound_rubric_has_no_warnings() {
        assert_eq!(lints(GOOD), vec![]);
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
        assert!(
            found[0]
                .message
                .ends_with("fix: lower the threshold to 1 or fewer, or add points"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_table_whose_top_mark_is_below_the_maximum_is_warned_with_its_fix() {
        let rubric = good_with_marks(3, r#"[{"points": 1, "mark": 2}]"#);
        let found = lints(&rubric);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].field, "cards[0].marks");
        assert!(
            found[0]
                .message
                .ends_with("fix: add a row for 3 marks or set max to 2"),
            "{found:#?}"
        );
    }

    #[test]
    fn stop_words_are_flagged_only_where_they_match_almost_any_answer() {
        let rubric = r#"{"cards": [{"card": "1", "question": "Why did Trotsky lose?", "max": 3,
            "scheme": "points", "points": [
              {"id": "a", "label": "l", "hint": "h", "match": {"any": ["up himself",
               "off against each other", "of the", "he"]},
               "examples": {"match": ["he was up himself"]}},
              {"id": "b", "label": "l", "hint": "h", "match": {
               "all": [["even", "loyal communists"], ["in", "to"]]},
               "examples": {"match": ["even loyal communists"]}}]}]}"#;
        let found = lints(rubric);
        let stop: Vec<&str> = found
            .iter()
            .filter(|l| l.message.contains("stop words"))
            .map(|l| l.field.as_str())
            .collect();
        assert_eq!(
            stop,
            [
                "cards[0].points[0].match.any[2]",
                "cards[0].points[0].match.any[3]",
                "cards[0].points[1].match.all[1][0]",
                "cards[0].points[1].match.all[1][1]",
            ],
            "{found:#?}"
        );
        assert!(
            found[..]
                .iter()
                .any(|l| l.message.contains("common together"))
        );
    }

    #[test]
    fn a_run_of_stop_words_is_common_by_its_words_frequencies() {
        let slots =
            |p: &str| -> Vec<Vec<String>> { p.split(' ').map(|w| vec![w.to_string()]).collect() };
        let of_the = answers_holding(&slots("of the"), 1);
        let up_himself = answers_holding(&slots("up himself"), 1);
        assert!(of_the > 0.2 && of_the < 1.0, "{of_the}");
        assert!(up_himself < COMMON / 10.0, "{up_himself}");
        // More room between the words, more chances.
        assert!(answers_holding(&slots("up himself"), 3) > up_himself);
    }

    #[test]
    fn points_the_rubric_says_overlap_are_not_warned_about() {
        let rubric = |overlaps: &str| {
            format!(
                r#"{{"cards": [{{"card": "1", "question": "Why did Trotsky lose?", "max": 2,
                "scheme": "points", "points": [
                {{"id": "testament", "label": "l", "hint": "h",
                  "match": {{"any": ["testament", "general secretary"]}},
                  "examples": {{"match": ["the testament said remove him as general secretary"]}}
                  {overlaps}}},
                {{"id": "secretary", "label": "l", "hint": "h",
                  "match": {{"any": ["general secretary", "testament"]}},
                  "examples": {{"match": ["he was general secretary"]}}}}]}}]}}"#
            )
        };
        let found = lints(&rubric(""));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found.iter().any(|l| l
                .message
                .contains("both match the words `general secretary`")),
            "the words as written, not their stems: {found:#?}"
        );
        assert!(found.iter().any(|l| l.message.contains("also earns")));
        assert_eq!(lints(&rubric(r#", "overlaps": ["secretary"]"#)), vec![]);
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
