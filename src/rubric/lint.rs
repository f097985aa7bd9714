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
//! places is reported once with all its places, and points that the same
//! words earn are reported once per those words, whatever the number of
//! pairs they make. Two points overlap only when the words of one way to
//! earn a point (an `any` term, or an `all` or `near` group) are enough to
//! earn the other: points that merely share a key word, each needing
//! another word beside it, as a draft's points often do, don't.

use super::derive::words::{is_stop_word, zipf};
use super::{CardRubric, CompiledRubric, Match, Point, Scheme, parse_term};
use crate::report::Status;
use crate::text::{stem, tokenize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One warning, at a field path such as `cards[0].points[2].match.any[1]`,
/// with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    pub field: String,
    pub message: String,
    /// The edit that resolves the warning, naming the field and the words
    /// (field paths in it are relative to the warning's card).
    pub fix: String,
}

/// A phrase of a term: as written, and as slots of stems.
type Phrase = (String, Vec<Vec<String>>);

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

/// Findings about single terms, gathered so that the same words wrong the
/// same way in several places make one warning naming every place.
#[derive(Default)]
struct TermFindings {
    found: Vec<(Lint, Vec<String>)>,
    seen: HashMap<(&'static str, Vec<Vec<String>>), usize>,
}

impl TermFindings {
    fn add(&mut self, kind: &'static str, words: &[Vec<String>], lint: Lint, place: &str) {
        match self.seen.get(&(kind, words.to_vec())) {
            Some(&i) => self.found[i].1.push(place.to_string()),
            None => {
                self.seen.insert((kind, words.to_vec()), self.found.len());
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
fn lint_terms(card: &Card, out: &mut Vec<Lint>) {
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
                            found.add("never fires", &phrase, lint, field);
                        }
                        continue;
                    }
                    if phrase
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
                        found.add("question", &phrase, lint, field);
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
                    found.add("stop words", &phrase, lint, field);
                }
            }
        }
    }
    found.finish(out);
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

/// A way to earn a point: terms that one sentence must hold together (an
/// `any` term alone, or an `all` or `near` group), each as its phrases.
struct Route {
    /// Its field, relative to the card (`points[2].match.any[1]`).
    field: String,
    /// Whether it is an `any` term.
    any: bool,
    terms: Vec<Vec<Phrase>>,
}

/// Every way to earn point `pi`.
fn routes(pi: usize, p: &Point) -> Vec<Route> {
    let mut out = Vec::new();
    for (ri, m) in p.rules.0.iter().enumerate() {
        let base = match_path(pi, ri, p.rules.0.len());
        let route = |field: String, any: bool, terms: &[String]| Route {
            field,
            any,
            terms: terms.iter().map(|t| stem_phrases(t)).collect(),
        };
        for (i, t) in m.any.iter().enumerate() {
            out.push(route(
                format!("{base}.any[{i}]"),
                true,
                std::slice::from_ref(t),
            ));
        }
        for (g, group) in m.all.iter().enumerate() {
            out.push(route(format!("{base}.all[{g}]"), false, group));
        }
        for (g, near) in m.near.iter().enumerate() {
            out.push(route(format!("{base}.near[{g}]"), false, &near.terms));
        }
    }
    out
}

/// The words by which what earns by `a` earns by `b` too: for each of
/// `b`'s terms, one of its phrases that is a phrase of `a`'s, slot for
/// slot, whatever the wording of `a`'s. None when some term of `b` has
/// none. A phrase that only holds another ("switched sides 1917" and
/// "switched sides") is not the same words: the longer one is there to be
/// more specific, and roles often tell the two apart.
fn held(a: &Route, b: &Route) -> Option<Vec<Phrase>> {
    b.terms
        .iter()
        .map(|term| {
            term.iter()
                .find(|(_, inner)| {
                    a.terms.iter().flatten().any(|(_, outer)| {
                        outer.len() == inner.len() && contains_run(outer, inner, Slots::Within)
                    })
                })
                .cloned()
        })
        .collect()
}

/// Words that earn more than one point: the points they earn by
/// themselves (`alone`, with the route holding them) and the points whose
/// own ways to earn hold them among other words (`within`).
#[derive(Default)]
struct Shared {
    shown: Vec<String>,
    alone: BTreeMap<usize, usize>,
    within: BTreeSet<usize>,
}

/// Words found to earn a point by themselves, by point: an example that
/// earns the point by these words shows nothing more.
type EarnedAlone = HashMap<usize, Vec<Vec<Vec<Vec<String>>>>>;

/// Two points crediting the same words: where the words of one way to earn
/// point P are enough to earn point Q, gathered by those words, so that
/// words that earn many points make one warning.
fn lint_overlaps(
    card: &Card,
    one_claim: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Lint>,
) -> EarnedAlone {
    let points = &card.rubric.points;
    let all: Vec<Vec<Route>> = points
        .iter()
        .enumerate()
        .map(|(pi, p)| routes(pi, p))
        .collect();
    // Each route's words, so that only routes sharing a word are compared.
    let mut by_word: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (pi, rs) in all.iter().enumerate() {
        for (ri, r) in rs.iter().enumerate() {
            let words: BTreeSet<&str> = r
                .terms
                .iter()
                .flatten()
                .flat_map(|(_, slots)| slots.iter().flatten())
                .map(String::as_str)
                .collect();
            for w in words {
                by_word.entry(w).or_default().push((pi, ri));
            }
        }
    }
    // For each pair of points, the fewest words (then the first in sorted
    // order, so the warning is the same on every run) by which one earns
    // the other.
    type Key = (usize, Vec<Vec<Vec<String>>>);
    let mut best: BTreeMap<(usize, usize), (Key, Vec<String>, usize)> = BTreeMap::new();
    for (q, rs) in all.iter().enumerate() {
        for (rqi, rq) in rs.iter().enumerate() {
            let Some(first) = rq.terms.first() else {
                continue;
            };
            let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
            for (_, slots) in first {
                for w in slots.first().into_iter().flatten() {
                    candidates.extend(by_word.get(w.as_str()).into_iter().flatten());
                }
            }
            for (p, rpi) in candidates {
                if p == q || one_claim(p, q) {
                    continue;
                }
                let Some(words) = held(&all[p][rpi], rq) else {
                    continue;
                };
                let mut key: Vec<Vec<Vec<String>>> = words.iter().map(|(_, s)| s.clone()).collect();
                key.sort();
                let key = (key.len(), key);
                if best.get(&(p, q)).is_none_or(|(k, _, _)| key < *k) {
                    let shown = words.into_iter().map(|(s, _)| s).collect();
                    best.insert((p, q), (key, shown, rqi));
                }
            }
        }
    }
    let mut shared: BTreeMap<Key, Shared> = BTreeMap::new();
    for ((p, q), (key, shown, rqi)) in best {
        let s = shared.entry(key).or_default();
        s.shown = shown;
        s.alone.insert(q, rqi);
        s.within.insert(p);
    }
    let mut earned_alone = EarnedAlone::new();
    let mut found: Vec<(usize, Lint)> = Vec::new();
    for ((_, key), s) in &shared {
        for &q in s.alone.keys() {
            earned_alone.entry(q).or_default().push(key.clone());
        }
        let (at_point, message, fix) = shared_words(card, &all, s);
        let field = format!("{}.points[{at_point}]", card.at);
        found.push((
            at_point,
            Lint {
                field,
                message,
                fix,
            },
        ));
    }
    found.sort_by_key(|(at_point, _)| *at_point);
    out.extend(found.into_iter().map(|(_, l)| l));
    earned_alone
}

/// The warning about words that earn several points: the point it is at,
/// the message and the fix.
fn shared_words(card: &Card, all: &[Vec<Route>], s: &Shared) -> (usize, String, String) {
    let within: Vec<usize> = s
        .within
        .iter()
        .copied()
        .filter(|p| !s.alone.contains_key(p))
        .collect();
    let alone: Vec<usize> = s.alone.keys().copied().collect();
    let route = |pi: usize| &all[pi][s.alone[&pi]];
    let words = s
        .shown
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" with ");
    let ids = |of: &[usize]| listed(&of.iter().map(|&i| card.point_id(i)).collect::<Vec<_>>());
    let own = |pi: usize| need_more(card, pi, &all[pi], route(pi));
    if within.is_empty() && alone.len() == 2 {
        let (a, b) = (alone[0], alone[1]);
        return (
            b,
            format!(
                "points `{}` and `{}` both match the words {words}: one answer earns both",
                card.point_id(a),
                card.point_id(b)
            ),
            format!(
                "remove {words} from one of them (`{}` or `{}`), or add `\"overlaps\": [{}]` to \
                 `{}` if the same words rightly earn both",
                route(a).field,
                route(b).field,
                json(card.point_id(a)),
                card.point_id(b)
            ),
        );
    }
    if within.is_empty() {
        return (
            alone[1],
            format!(
                "points {} all match the words {words}: one answer earns them all",
                ids(&alone)
            ),
            format!(
                "keep {words} in the one point they name and make the others need more (in \
                 `{}`, {}), or list the others under that point's `overlaps` if the same words \
                 rightly earn them all",
                card.point_id(alone[1]),
                own(alone[1])
            ),
        );
    }
    let first = alone[0];
    let (points, are) = if alone.len() == 1 {
        ("point", "is")
    } else {
        ("points", "are each")
    };
    (
        first,
        format!(
            "{points} {} {are} earned by {words} alone, which {} part of what earns {}: an \
             answer that earns one of those earns {} too",
            ids(&alone),
            if s.shown.len() == 1 { "is" } else { "are" },
            ids(&within),
            ids(&alone)
        ),
        format!(
            "in `{}`, {}{}; or add `\"overlaps\": [{}]` to the points whose words rightly earn \
             it too",
            card.point_id(first),
            own(first),
            if alone.len() > 1 {
                ", and likewise in the others"
            } else {
                ""
            },
            json(card.point_id(first))
        ),
    )
}

/// How to make point `pi` need more than the words of `r`, one of its
/// `routes`: drop an `any` term its other rules back up, or pair it with a
/// word of the point's own; add such a word to a group.
fn need_more(card: &Card, pi: usize, routes: &[Route], r: &Route) -> String {
    let texts: Vec<String> = r
        .terms
        .iter()
        .map(|t| {
            t.iter()
                .map(|(shown, _)| shown.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    let besides: HashSet<String> = r
        .terms
        .iter()
        .flatten()
        .flat_map(|(_, slots)| slots.iter().flatten().cloned())
        .collect();
    let words = listed(&texts);
    match card.own_word(pi, &besides) {
        Some(w) if r.any => {
            let pair = format!(
                "pair it with a word of the point's own: `\"all\": [[{}, {}]]` in place of `{}`",
                json(&texts[0]),
                json(&w),
                r.field
            );
            if routes.len() > 1 {
                format!(
                    "drop {words} from `{}` (its other rules still earn it), or {pair}",
                    r.field
                )
            } else {
                pair
            }
        }
        Some(w) => format!("add a word of the point's own to `{}`, e.g. `{w}`", r.field),
        None => format!(
            "add a word of the point's own beside {words} in `{}`",
            r.field
        ),
    }
}

/// The words of `matched` (a span of an answer that earned point `pi`)
/// that are the point's own, as quoted: "ability … win". The whole span
/// when none is (a typo matched).
fn earned_by(card: &Card, pi: usize, matched: &str) -> (String, HashSet<String>) {
    let mine: HashSet<String> = routes(pi, &card.rubric.points[pi])
        .into_iter()
        .flat_map(|r| r.terms.into_iter().flatten())
        .flat_map(|(_, slots)| slots.into_iter().flatten())
        .collect();
    let tokens = tokenize(matched).tokens;
    let kept: Vec<(usize, &crate::text::Token)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| mine.contains(t.stem()))
        .collect();
    if kept.is_empty() {
        let stems = tokens.iter().map(|t| t.stem().to_string()).collect();
        return (matched.to_string(), stems);
    }
    let mut shown = String::new();
    for (k, (i, t)) in kept.iter().enumerate() {
        if k > 0 {
            shown.push_str(if *i == kept[k - 1].0 + 1 {
                " "
            } else {
                " … "
            });
        }
        shown.push_str(&matched[t.start..t.end]);
    }
    let stems = kept.iter().map(|(_, t)| t.stem().to_string()).collect();
    (shown, stems)
}

/// Points whose `match` examples earn other points: one warning an
/// example, naming every other point it earns and by what words (a pair
/// once, at its first example). An example that earns a point by words
/// already found to earn it alone is that finding again, and left out.
fn lint_example_overlaps(
    card: &Card,
    compiled: &CompiledRubric,
    one_claim: &dyn Fn(usize, usize) -> bool,
    earned_alone: &EarnedAlone,
    out: &mut Vec<Lint>,
) {
    let points = &card.rubric.points;
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (pi, p) in points.iter().enumerate() {
        for example in &p.examples.matches {
            let r = compiled.mark(card.ci, example);
            let mut others: Vec<(usize, String)> = Vec::new();
            for other in r.points.iter().filter(|o| o.status != Status::Missing) {
                let Some(oi) = points.iter().position(|q| q.id == other.id) else {
                    continue;
                };
                if oi == pi || one_claim(pi, oi) || pairs.contains(&(pi.min(oi), pi.max(oi))) {
                    continue;
                }
                let matched = other.evidence.first().map_or("", |e| e.matched.as_str());
                let (by, stems) = earned_by(card, oi, matched);
                let known = earned_alone.get(&oi).is_some_and(|keys| {
                    keys.iter().any(|key| {
                        key.iter()
                            .flatten()
                            .all(|slot| slot.iter().any(|w| stems.contains(w)))
                    })
                });
                if !known {
                    pairs.insert((pi.min(oi), pi.max(oi)));
                    others.push((oi, by));
                }
            }
            if others.is_empty() {
                continue;
            }
            let earned: Vec<String> = others
                .iter()
                .map(|(oi, by)| match by.as_str() {
                    "" => format!("`{}`", card.point_id(*oi)),
                    by => format!("`{}` (by \"{by}\")", card.point_id(*oi)),
                })
                .collect();
            let earned = match earned.as_slice() {
                [one] => format!("point {one}"),
                [init @ .., last] => format!("points {} and {last}", init.join(", ")),
                [] => unreachable!("others is not empty"),
            };
            let ids: Vec<String> = others
                .iter()
                .map(|(oi, _)| json(card.point_id(*oi)))
                .collect();
            let (them, both) = if others.len() == 1 {
                ("it", "both")
            } else {
                ("each", "them all")
            };
            out.push(Lint {
                field: format!("{}.points[{pi}].examples.match", card.at),
                message: format!(
                    "its example \"{example}\" also earns {earned}: the points overlap"
                ),
                fix: format!(
                    "make {them} need words this sentence lacks (an `all` group of those words \
                     and a word of its own), or add `\"overlaps\": [{}]` to `{}` if the sentence \
                     rightly earns {both}",
                    ids.join(", "),
                    p.id
                ),
            });
        }
    }
}

/// Points no example exercises; exclusions no example shows.
fn lint_examples(card: &Card, compiled: &CompiledRubric, out: &mut Vec<Lint>) {
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

/// A maximum the points can never reach; a levels card that cannot reach
/// its levels.
fn lint_max(card: &Card, out: &mut Vec<Lint>) {
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

/// Lints a card's count-to-mark table: rows that need more points than the
/// card has, and a top mark below the card's maximum.
fn lint_marks(ci: usize, card: &CardRubric, out: &mut Vec<Lint>) {
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
