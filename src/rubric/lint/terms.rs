//! Lints of single terms: the question's own words, stop words and single
//! letters, exclusions that are the rule's own words.

use super::{
    Card, Lint, Phrase, Slots, contains_run, json, match_path, phrases, stem_phrases, stem_set,
    stems,
};
use crate::rubric::Match;
use crate::rubric::derive::words::{is_stop_word, zipf};
use std::collections::{HashMap, HashSet};

/// One term of a rule set: its field path (relative to the card), its
/// text, whether it excludes, whether it is one of an `all` or `near` group
/// (`grouped`), and whether that group holds a term of more than stop words
/// too (`partnered`, so the group needs content words anyway).
struct Term {
    field: String,
    text: String,
    exclude: bool,
    grouped: bool,
    partnered: bool,
}

/// Every term of a rule set, with paths under `at`.
fn terms_of(m: &Match, at: &str) -> Vec<Term> {
    let term = |field: String, text: &String, exclude: bool, grouped: bool, partnered: bool| Term {
        field,
        text: text.clone(),
        exclude,
        grouped,
        partnered,
    };
    let has_content = |group: &[String]| group.iter().any(|t| !only_stop_words(t));
    let mut out = Vec::new();
    for (i, t) in m.any.iter().enumerate() {
        out.push(term(format!("{at}.any[{i}]"), t, false, false, false));
    }
    for (g, group) in m.all.iter().enumerate() {
        let partnered = has_content(group);
        for (i, t) in group.iter().enumerate() {
            out.push(term(
                format!("{at}.all[{g}][{i}]"),
                t,
                false,
                true,
                partnered,
            ));
        }
    }
    for (g, near) in m.near.iter().enumerate() {
        let partnered = has_content(&near.terms);
        for (i, t) in near.terms.iter().enumerate() {
            let field = format!("{at}.near[{g}].terms[{i}]");
            out.push(term(field, t, false, true, partnered));
        }
    }
    for (i, t) in m.exclude.iter().enumerate() {
        out.push(term(format!("{at}.exclude[{i}]"), t, true, false, false));
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

/// Findings about single terms, gathered so that the same words wrong the
/// same way in several places (all `any` terms, or all in groups, where the
/// fix is the same) make one warning naming every place.
#[derive(Default)]
struct TermFindings {
    found: Vec<(Lint, Vec<String>)>,
    seen: HashMap<FindingKey, usize>,
}

/// What makes two findings one: their kind, their words (stems) and
/// whether they are in a group.
type FindingKey = (&'static str, Vec<Vec<String>>, bool);

impl TermFindings {
    fn add(&mut self, kind: &'static str, term: &Term, words: &[Vec<String>], lint: Lint) {
        let key = (kind, words.to_vec(), term.grouped);
        match self.seen.get(&key) {
            Some(&i) => self.found[i].1.push(term.field.clone()),
            None => {
                self.seen.insert(key, self.found.len());
                self.found.push((lint, Vec::new()));
            }
        }
    }

    fn finish(self, out: &mut Vec<Lint>) {
        for (mut lint, also) in self.found {
            if !also.is_empty() {
                let places: Vec<String> = also.iter().map(|p| format!("`{p}`")).collect();
                lint.message
                    .push_str(&format!(" (also at {})", places.join(", ")));
                lint.fix.push_str(" (the same at each place)");
            }
            out.push(lint);
        }
    }
}

/// Terms: the question's words, stop words, one letter; exclusions that
/// are the rule's own words.
pub(super) fn lint_terms(card: &Card, out: &mut Vec<Lint>) {
    let at = &card.at;
    let mut found = TermFindings::default();
    for (pi, p) in card.rubric.points.iter().enumerate() {
        for (ri, m) in p.rules.0.iter().enumerate() {
            let base = match_path(pi, ri, p.rules.0.len());
            let gap = m.gap();
            let terms = terms_of(m, &base);
            let positive: Vec<(&str, Phrase)> = terms
                .iter()
                .filter(|t| !t.exclude)
                .flat_map(|t| {
                    stem_phrases(&t.text)
                        .into_iter()
                        .map(|ph| (t.field.as_str(), ph))
                })
                .collect();
            for term in &terms {
                let field = &term.field;
                for (shown, words) in phrases(&term.text) {
                    let phrase = stems(&words);
                    if term.exclude {
                        let clash = positive
                            .iter()
                            .find(|(_, (_, pos))| contains_run(pos, &phrase, Slots::Share));
                        if let Some((pos_field, (pos_shown, _))) = clash {
                            let rel = pos_field
                                .strip_prefix(&format!("{base}."))
                                .unwrap_or(pos_field);
                            let lint = Lint {
                                field: format!("{at}.{field}"),
                                message: format!(
                                    "exclusion `{shown}` is part of this rule's own term, so it \
                                     fires whenever the rule matches: the rule can never credit \
                                     anything"
                                ),
                                fix: format!(
                                    "remove `{shown}` from `exclude`, or lengthen it to the whole \
                                     wrong wording it should keep out, so that `{pos_shown}` \
                                     (`{rel}`) alone no longer holds it"
                                ),
                            };
                            found.add("never fires", term, &phrase, lint);
                        }
                        continue;
                    }
                    // Stop words are the next check's, or harmless beside
                    // content words.
                    if !all_stop_words(&words)
                        && phrase
                            .iter()
                            .all(|slot| slot.iter().all(|w| card.question.contains(w)))
                    {
                        let besides = stem_set(&phrase);
                        let fix = match (card.own_word(pi, &besides), term.grouped) {
                            (Some(w), false) => format!(
                                "drop `{shown}` from `any`, or make it need a word the question \
                                 lacks: `\"all\": [[{}, {}]]`",
                                json(&shown),
                                json(&w)
                            ),
                            (Some(w), true) => format!(
                                "drop `{shown}` from the group, or swap it for a word the \
                                 question lacks, e.g. `{w}`"
                            ),
                            (None, _) => format!(
                                "drop `{shown}`, or add a word the question lacks, one that \
                                 names what earns the point"
                            ),
                        };
                        let lint = Lint {
                            field: format!("{at}.{field}"),
                            message: format!(
                                "`{shown}` is made of the question's own words: an answer that \
                                 copies the question earns it"
                            ),
                            fix,
                        };
                        found.add("question", term, &phrase, lint);
                    }
                    // Stop words alone: one of them (or one letter) is
                    // in almost every answer; a run of them only when
                    // common together ("of the", not "up himself"); in a
                    // group with content words, they only narrow it.
                    if term.partnered || !all_stop_words(&words) {
                        continue;
                    }
                    let message = if words.len() == 1 {
                        let what = if words[0].iter().all(|w| w.chars().count() < 2) {
                            "a one-letter term"
                        } else {
                            "only stop words"
                        };
                        format!("`{shown}` is {what}: it matches almost any answer")
                    } else {
                        let share = answers_holding(&words, gap);
                        if share < COMMON {
                            continue;
                        }
                        format!(
                            "`{shown}` is only stop words, common together (by chance in \
                             about {} of 1,000 answers of {ANSWER_WORDS} words): it \
                             credits answers that say nothing of the point",
                            (share * 1000.0).round()
                        )
                    };
                    let instead = card
                        .own_word(pi, &HashSet::new())
                        .map(|w| format!(", e.g. `{w}`"))
                        .unwrap_or_default();
                    let fix = if term.grouped {
                        format!(
                            "the group is only stop words: put a word that names the point in \
                             place of `{shown}`{instead}, or drop the group"
                        )
                    } else {
                        format!(
                            "drop `{shown}` from `any`, or put a word that names the point in \
                             its place{instead}"
                        )
                    };
                    let lint = Lint {
                        field: format!("{at}.{field}"),
                        message,
                        fix,
                    };
                    found.add("stop words", term, &phrase, lint);
                }
            }
        }
    }
    found.finish(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::lint::tests::{at, lints, point, rubric};

    const LEAGUE: &str = "Why did the League of Nations fail?";

    #[test]
    fn a_term_of_the_question_s_words_is_told_to_need_a_word_of_the_point_s_own() {
        let r = rubric(
            LEAGUE,
            1,
            "points",
            &[point(
                "usa",
                "The USA never joined the League",
                r#"{"any": ["league", "usa"], "all": [["nations", "usa"], ["nations", "absent"]]}"#,
                &["the USA never joined"],
            )],
        );
        let found = lints(&r);
        let any = at(&found, "cards[0].points[0].match.any[0]");
        assert!(any.message.contains("question's own words"), "{any:#?}");
        assert_eq!(
            any.fix,
            r#"drop `league` from `any`, or make it need a word the question lacks: `"all": [["league", "joined"]]`"#
        );
        let group = at(&found, "cards[0].points[0].match.all[0][0]");
        assert_eq!(
            group.fix,
            "drop `nations` from the group, or swap it for a word the question lacks, e.g. `joined` \
             (the same at each place)",
            "{found:#?}"
        );
        assert!(
            group
                .message
                .contains("(also at `points[0].match.all[1][0]`)")
        );
    }

    #[test]
    fn stop_words_are_told_to_give_way_to_a_word_naming_the_point() {
        let r = rubric(
            LEAGUE,
            1,
            "points",
            &[point(
                "usa",
                "The USA never joined",
                r#"{"any": ["usa", "the"], "all": [["of", "the"]]}"#,
                &["the USA never joined"],
            )],
        );
        let found = lints(&r);
        assert_eq!(
            at(&found, "cards[0].points[0].match.any[1]").fix,
            "drop `the` from `any`, or put a word that names the point in its place, e.g. `joined`"
        );
        assert_eq!(
            at(&found, "cards[0].points[0].match.all[0][0]").fix,
            "the group is only stop words: put a word that names the point in place of `of`, \
             e.g. `joined`, or drop the group"
        );
    }

    #[test]
    fn an_exclusion_of_the_rule_s_own_words_is_told_to_go_or_grow() {
        let r = rubric(
            LEAGUE,
            1,
            "points",
            &[point(
                "usa",
                "The USA never joined",
                r#"{"any": ["usa never joined"], "exclude": ["joined"]}"#,
                &["the USA never joined"],
            )],
        );
        let found = lints(&r);
        let l = at(&found, "cards[0].points[0].match.exclude[0]");
        assert!(l.message.contains("never credit"), "{l:#?}");
        assert_eq!(
            l.fix,
            "remove `joined` from `exclude`, or lengthen it to the whole wrong wording it should \
             keep out, so that `usa never joined` (`any[0]`) alone no longer holds it"
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
}
