//! Two points crediting the same words: by their rules (the words of one
//! way to earn a point enough to earn another) and by their examples (one
//! point's example earning another).

use super::{Card, Lint, Phrase, Slots, contains_run, json, listed, match_path, stem_phrases};
use crate::report::Status;
use crate::rubric::{CompiledRubric, Point};
use crate::text::tokenize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A way to earn a point: terms that one sentence must hold together (an
/// `any` term alone, or an `all` or `near` group), each as its phrases.
pub(super) struct Route {
    /// Its field, relative to the card (`points[2].match.any[1]`).
    pub(super) field: String,
    /// Whether it is an `any` term.
    any: bool,
    pub(super) terms: Vec<Vec<Phrase>>,
}

/// Every way to earn point `pi`.
pub(super) fn routes(pi: usize, p: &Point) -> Vec<Route> {
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
pub(super) fn lint_overlaps(
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
pub(super) fn lint_example_overlaps(
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

#[cfg(test)]
mod tests {
    use crate::rubric::lint::tests::lints;

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
}
