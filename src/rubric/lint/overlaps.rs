//! Two points crediting the same words: by their rules (the words of one
//! way to earn a point enough to earn another) and by their examples (one
//! point's example earning another). The fix names the rule to change and
//! how: a word of the point's own to pair with the shared ones, a merge
//! when one point's words are all the other's, and, where the marker read
//! an answer's word as a misspelling of a different word ("relations" for
//! "reparations"), the typo allowance that stops it.

use super::{
    Card, Lint, Phrase, Slots, contains_run, json, listed, match_path, phrases, stem, stem_phrases,
};
use crate::report::Status;
use crate::rubric::compile::typo_allowance;
use crate::rubric::derive::words::{UNLISTED_ZIPF, zipf};
use crate::rubric::{CompiledRubric, Point, thesaurus};
use crate::text::english::{is_common_word, one_spelling};
use crate::text::tokenize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use strsim::osa_distance;

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
        let merge = one_claim_of(card, a, b)
            .map(|m| format!("{m}; or "))
            .unwrap_or_default();
        return (
            b,
            format!(
                "points `{}` and `{}` both match the words {words}: one answer earns both",
                card.point_id(a),
                card.point_id(b)
            ),
            format!(
                "{merge}remove {words} from one of them (`{}` or `{}`), or add `\"overlaps\": \
                 [{}]` to `{}` if the same words rightly earn both",
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

/// When the words of one of points `a` and `b` are all the other's, the
/// two make one claim (a model answer saying a thing twice): how to merge
/// them, keeping the one with more words.
fn one_claim_of(card: &Card, a: usize, b: usize) -> Option<String> {
    let points = &card.rubric.points;
    let stems = |pi: usize| -> BTreeSet<String> {
        words_of(pi, &points[pi])
            .into_iter()
            .map(|w| w.stem)
            .collect()
    };
    let (sa, sb) = (stems(a), stems(b));
    let (keep, drop) = if sb.is_subset(&sa) {
        (a, b)
    } else if sa.is_subset(&sb) {
        (b, a)
    } else {
        return None;
    };
    Some(format!(
        "every word of `{}` is one of `{}`'s, so they make one claim: merge them, deleting \
         `points[{drop}]` and moving its `match` examples to `points[{keep}]`",
        card.point_id(drop),
        card.point_id(keep)
    ))
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

/// How a word of an answer stood for a word of a point.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reading {
    /// One of the point's words, or another form of one.
    Own,
    /// A synonym of the point's word `of`, from the built-in thesaurus.
    Synonym { of: String },
    /// A misspelling of the point's word `of`, `edits` edits away; `rule`
    /// is the path of the rule holding it.
    Typo {
        of: String,
        edits: usize,
        rule: String,
    },
}

/// A word of a point's terms: folded, its stem, and the path of its rule.
struct Word {
    norm: String,
    stem: String,
    rule: String,
}

/// The words of point `pi`'s terms (not its exclusions).
fn words_of(pi: usize, p: &Point) -> Vec<Word> {
    let mut out = Vec::new();
    for (ri, m) in p.rules.0.iter().enumerate() {
        let rule = match_path(pi, ri, p.rules.0.len());
        let terms = m
            .any
            .iter()
            .chain(m.all.iter().flatten())
            .chain(m.near.iter().flat_map(|n| &n.terms));
        for t in terms {
            for w in phrases(t)
                .into_iter()
                .flat_map(|(_, slots)| slots)
                .flatten()
            {
                out.push(Word {
                    stem: stem(&w),
                    norm: w,
                    rule: rule.clone(),
                });
            }
        }
    }
    out
}

/// Which of `words` an answer's word (`norm`, with its `stem`) stands for,
/// and how, as the marker reads it: by stem, else as a thesaurus synonym
/// (matched exactly), else as the nearest misspelling its length allows.
/// A common English word is spelled as meant and is read as no other word
/// (the marker's rule: "back" is no typo of "banks"). A misspelling that is
/// no English word of the frequency list ("Zinoviev" for "Zinoview") is the
/// point's own word, misspelt on one side or the other; only a rarer real
/// word ("confiscation" for "confirmation") is a false friend.
fn read_word<'a>(norm: &str, stem: &str, words: &'a [Word]) -> Option<(&'a Word, Reading)> {
    if let Some(w) = words.iter().find(|w| w.stem == stem) {
        return Some((w, Reading::Own));
    }
    let synonym = |w: &&Word| {
        thesaurus::synonyms(&w.norm)
            .iter()
            .any(|s| *s == norm || super::stem(s) == stem)
    };
    if let Some(w) = words.iter().find(synonym) {
        let of = w.norm.clone();
        return Some((w, Reading::Synonym { of }));
    }
    words
        .iter()
        .filter(|w| w.norm.chars().next() == norm.chars().next())
        .map(|w| {
            let edits = osa_distance(norm, &w.norm).min(osa_distance(stem, &w.stem));
            (w, edits)
        })
        .filter(|(w, edits)| *edits <= usize::from(typo_allowance(&w.norm, None)))
        .filter(|(w, _)| !is_common_word(norm) || one_spelling(norm) == one_spelling(&w.norm))
        .min_by_key(|(_, edits)| *edits)
        .map(|(w, edits)| {
            if zipf(norm) <= UNLISTED_ZIPF {
                return (w, Reading::Own);
            }
            let (of, rule) = (w.norm.clone(), w.rule.clone());
            (w, Reading::Typo { of, edits, rule })
        })
}

/// The words of an answer's span that earned a point.
struct Earned {
    /// The words as quoted, with `…` where others stand between them
    /// ("ability … win"); the whole span when none is told.
    shown: String,
    /// The stems of the point's words they stand for.
    stems: HashSet<String>,
    /// The words read as other than the point's own, as written.
    read: Vec<(String, Reading)>,
}

impl Earned {
    /// "by \"Relations\", read as a misspelling of `reparations`".
    fn by(&self) -> String {
        let how = |r: &Reading| match r {
            Reading::Synonym { of } => format!("as a synonym of `{of}`"),
            Reading::Typo { of, .. } => format!("as a misspelling of `{of}`"),
            Reading::Own => String::new(),
        };
        match self.read.as_slice() {
            [] => format!("by \"{}\"", self.shown),
            [(said, r)] if *said == self.shown => format!("by \"{said}\", read {}", how(r)),
            read => {
                let each: Vec<String> = read
                    .iter()
                    .map(|(said, r)| format!("\"{said}\" read {}", how(r)))
                    .collect();
                format!("by \"{}\", {}", self.shown, each.join(" and "))
            }
        }
    }
}

/// The words of `matched` (a span of an answer that earned the point whose
/// words are `words`) that stand for the point's words, and how.
fn earned_by(words: &[Word], matched: &str) -> Earned {
    let tokens = tokenize(matched).tokens;
    let kept: Vec<(usize, &crate::text::Token, &Word, Reading)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| read_word(t.norm(), t.stem(), words).map(|(w, r)| (i, t, w, r)))
        .collect();
    if kept.is_empty() {
        return Earned {
            shown: matched.to_string(),
            stems: tokens.iter().map(|t| t.stem().to_string()).collect(),
            read: Vec::new(),
        };
    }
    let mut shown = String::new();
    for (k, (i, t, _, _)) in kept.iter().enumerate() {
        if k > 0 {
            shown.push_str(if *i == kept[k - 1].0 + 1 {
                " "
            } else {
                " … "
            });
        }
        shown.push_str(&matched[t.start..t.end]);
    }
    Earned {
        shown,
        stems: kept.iter().map(|(_, _, w, _)| w.stem.clone()).collect(),
        read: kept
            .into_iter()
            .filter(|(_, _, _, r)| *r != Reading::Own)
            .map(|(_, t, _, r)| (matched[t.start..t.end].to_string(), r))
            .collect(),
    }
}

/// The first of `routes` whose every term has a phrase made of `stems`.
fn route_of<'a>(routes: &'a [Route], stems: &HashSet<String>) -> Option<&'a Route> {
    routes.iter().find(|r| {
        r.terms.iter().all(|term| {
            term.iter().any(|(_, slots)| {
                slots
                    .iter()
                    .all(|slot| slot.iter().any(|w| stems.contains(w)))
            })
        })
    })
}

/// How to keep point `oi` from being earned as `e` earned it: a rule that
/// tolerates fewer misspellings, or a way to earn it that needs more.
fn unearn(card: &Card, oi: usize, routes: &[Route], e: &Earned) -> String {
    let typo = e.read.iter().find_map(|(said, r)| match r {
        Reading::Typo { of, edits, rule } => Some((said, of, edits, rule)),
        _ => None,
    });
    if let Some((said, of, edits, rule)) = typo {
        let cap = edits.saturating_sub(1);
        let then = match cap {
            0 => "misspelt words no longer match".to_string(),
            1 => "its words then tolerate one slip, not two".to_string(),
            _ => format!("its words then tolerate {cap} slips"),
        };
        return format!("\"{said}\" is not `{of}`: set `\"typos\": {cap}` in `{rule}` ({then})");
    }
    match route_of(routes, &e.stems) {
        Some(r) => need_more(card, oi, routes, r),
        None => format!(
            "make `{}` need a word of its own that this sentence lacks",
            card.point_id(oi)
        ),
    }
}

/// One point's example earning another: the example's point, the example,
/// the point it earns and by what.
struct Edge<'a> {
    pi: usize,
    example: &'a str,
    oi: usize,
    earned: Earned,
}

/// Points whose `match` examples earn other points (a pair once, at its
/// first example). A point earned by the examples of two or more others is
/// one warning at it, naming them all, as the fix is to it; otherwise one
/// warning an example, naming every other point it earns. An example that
/// earns a point by words already found to earn it alone is that finding
/// again, and left out.
pub(super) fn lint_example_overlaps(
    card: &Card,
    compiled: &CompiledRubric,
    one_claim: &dyn Fn(usize, usize) -> bool,
    earned_alone: &EarnedAlone,
    out: &mut Vec<Lint>,
) {
    let points = &card.rubric.points;
    let all: Vec<Vec<Route>> = points
        .iter()
        .enumerate()
        .map(|(pi, p)| routes(pi, p))
        .collect();
    let words: Vec<Vec<Word>> = points
        .iter()
        .enumerate()
        .map(|(pi, p)| words_of(pi, p))
        .collect();
    let mut edges: Vec<Edge> = Vec::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (pi, p) in points.iter().enumerate() {
        for example in &p.examples.matches {
            let r = compiled.mark(card.ci, example);
            for other in r.points.iter().filter(|o| o.status != Status::Missing) {
                let Some(oi) = points.iter().position(|q| q.id == other.id) else {
                    continue;
                };
                if oi == pi || one_claim(pi, oi) || pairs.contains(&(pi.min(oi), pi.max(oi))) {
                    continue;
                }
                let matched = other.evidence.first().map_or("", |e| e.matched.as_str());
                let earned = earned_by(&words[oi], matched);
                let known = earned_alone.get(&oi).is_some_and(|keys| {
                    keys.iter().any(|key| {
                        key.iter()
                            .flatten()
                            .all(|slot| slot.iter().any(|w| earned.stems.contains(w)))
                    })
                });
                if !known {
                    pairs.insert((pi.min(oi), pi.max(oi)));
                    edges.push(Edge {
                        pi,
                        example,
                        oi,
                        earned,
                    });
                }
            }
        }
    }
    let mut into: BTreeMap<usize, Vec<&Edge>> = BTreeMap::new();
    for e in &edges {
        into.entry(e.oi).or_default().push(e);
    }
    let mut found: Vec<(usize, Lint)> = Vec::new();
    for (&oi, from) in into.iter().filter(|(_, from)| from.len() > 1) {
        found.push((oi, earned_by_many(card, &all[oi], oi, from)));
    }
    // The rest, by example, in order.
    let mut by_example: Vec<(usize, &str, Vec<&Edge>)> = Vec::new();
    for e in edges.iter().filter(|e| into[&e.oi].len() == 1) {
        match by_example.last_mut() {
            Some((pi, ex, es)) if *pi == e.pi && *ex == e.example => es.push(e),
            _ => by_example.push((e.pi, e.example, vec![e])),
        }
    }
    for (pi, example, es) in by_example {
        found.push((pi, example_earns(card, &all, pi, example, &es)));
    }
    found.sort_by_key(|(at, _)| *at);
    out.extend(found.into_iter().map(|(_, l)| l));
}

/// The warning at point `oi`, earned by the examples of several others.
fn earned_by_many(card: &Card, routes: &[Route], oi: usize, from: &[&Edge]) -> Lint {
    let named: Vec<String> = from
        .iter()
        .map(|e| format!("`{}` ({})", card.point_id(e.pi), e.earned.by()))
        .collect();
    let mut ways: Vec<String> = Vec::new();
    for e in from {
        let way = unearn(card, oi, routes, &e.earned);
        if !ways.contains(&way) {
            ways.push(way);
        }
    }
    let ids: Vec<String> = from.iter().map(|e| json(card.point_id(e.pi))).collect();
    let id = card.point_id(oi);
    Lint {
        field: format!("{}.points[{oi}]", card.at),
        message: format!(
            "point `{id}` is also earned by the examples of points {}: it credits what each of \
             them says",
            and_list(&named)
        ),
        fix: format!(
            "in `{id}`, {}; or, if they all make one claim, keep one point for it and move the \
             others' examples to it; or add `\"overlaps\": [{}]` to `{id}` if their sentences \
             rightly earn it too",
            ways.join("; "),
            ids.join(", ")
        ),
    }
}

/// The warning at point `pi`'s example, which earns the other points of
/// `es`.
fn example_earns(card: &Card, all: &[Vec<Route>], pi: usize, example: &str, es: &[&Edge]) -> Lint {
    let named: Vec<String> = es
        .iter()
        .map(|e| format!("`{}` ({})", card.point_id(e.oi), e.earned.by()))
        .collect();
    let ways: Vec<String> = es
        .iter()
        .map(|e| {
            let way = unearn(card, e.oi, &all[e.oi], &e.earned);
            let way = format!("in `{}`, {way}", card.point_id(e.oi));
            match one_claim_of(card, pi, e.oi) {
                Some(merge) => format!("{merge}; or {way}"),
                None => way,
            }
        })
        .collect();
    let ids: Vec<String> = es.iter().map(|e| json(card.point_id(e.oi))).collect();
    let (points, both) = if es.len() == 1 {
        ("point", "both")
    } else {
        ("points", "them all")
    };
    Lint {
        field: format!("{}.points[{pi}].examples.match", card.at),
        message: format!(
            "its example \"{example}\" also earns {points} {}: the points overlap",
            and_list(&named)
        ),
        fix: format!(
            "{}; or add `\"overlaps\": [{}]` to `{}` if the sentence rightly earns {both}",
            ways.join("; "),
            ids.join(", "),
            card.point_id(pi)
        ),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::lint::Lint;
    use crate::rubric::lint::tests::{at, lints, point, rubric};

    const VERSAILLES: &str = "Why did Germans resent the Treaty of Versailles?";

    fn versailles(points: &[String]) -> Vec<Lint> {
        lints(&rubric(VERSAILLES, points.len() as u32, "points", points))
    }

    #[test]
    fn points_sharing_a_word_that_each_needs_beside_another_do_not_overlap() {
        // As a draft's points do: "army" alone earns neither.
        let found = versailles(&[
            point(
                "army-cut",
                "The army was cut",
                r#"{"all": [["army", "100,000"], ["army", "conscription"]]}"#,
                &["the army was cut to 100,000"],
            ),
            point(
                "army-rhineland",
                "No troops in the Rhineland",
                r#"{"all": [["army", "rhineland"], ["troops", "rhineland"]]}"#,
                &["no army could enter the rhineland"],
            ),
        ]);
        assert_eq!(found, vec![]);
    }

    #[test]
    fn two_points_earned_by_the_same_words_are_told_which_rule_to_change() {
        let found = versailles(&[
            point(
                "ruhr-coal",
                "The Ruhr's coal",
                r#"{"all": [["ruhr", "coal"], ["ruhr", "produced"]]}"#,
                &["the ruhr produced coal"],
            ),
            point(
                "ruhr-invaded",
                "The Ruhr was invaded",
                r#"{"all": [["ruhr", "invaded"], ["ruhr", "coal"]]}"#,
                &["the french invaded the ruhr"],
            ),
        ]);
        let l = at(&found, "cards[0].points[1]");
        assert_eq!(
            l.message,
            "points `ruhr-coal` and `ruhr-invaded` both match the words `ruhr` with `coal`: one \
             answer earns both"
        );
        assert_eq!(
            l.fix,
            "remove `ruhr` with `coal` from one of them (`points[0].match.all[0]` or \
             `points[1].match.all[1]`), or add `\"overlaps\": [\"ruhr-coal\"]` to `ruhr-invaded` \
             if the same words rightly earn both"
        );
        assert_eq!(found.len(), 1, "the examples earn nothing more: {found:#?}");
    }

    #[test]
    fn a_point_whose_words_are_all_another_s_is_told_to_merge() {
        let found = versailles(&[
            point(
                "base-built",
                "Stalin built a base",
                r#"{"all": [["base", "built"], ["base", "support"]]}"#,
                &["he built a support base"],
            ),
            point(
                "base-built-2",
                "Stalin built a base",
                r#"{"all": [["base", "built"]]}"#,
                &["he built a base"],
            ),
        ]);
        let l = at(&found, "cards[0].points[1]");
        assert!(
            l.fix.starts_with(
                "every word of `base-built-2` is one of `base-built`'s, so they make one claim: \
                 merge them, deleting `points[1]` and moving its `match` examples to `points[0]`; \
                 or remove"
            ),
            "{l:#?}"
        );
    }

    #[test]
    fn a_point_earned_by_part_of_another_s_words_is_told_to_need_more() {
        let found = versailles(&[
            point(
                "army-cut",
                "The army was cut",
                r#"{"all": [["army", "100,000"]]}"#,
                &["the army was cut to 100,000"],
            ),
            point(
                "army",
                "A small army left Germany weak",
                r#"{"any": ["army"]}"#,
                &["a small army left Germany defenceless"],
            ),
        ]);
        let l = at(&found, "cards[0].points[1]");
        assert_eq!(
            l.message,
            "point `army` is earned by `army` alone, which is part of what earns `army-cut`: an \
             answer that earns one of those earns `army` too"
        );
        assert_eq!(
            l.fix,
            "in `army`, pair it with a word of the point's own: `\"all\": [[\"army\", \
             \"defenceless\"]]` in place of `points[1].match.any[0]`; or add `\"overlaps\": \
             [\"army\"]` to the points whose words rightly earn it too"
        );
    }

    #[test]
    fn words_that_earn_three_points_are_one_warning() {
        let found = versailles(&[
            point("a", "a", r#"{"all": [["war", "guilt"]]}"#, &["war guilt"]),
            point(
                "b",
                "b",
                r#"{"all": [["war", "guilt"]]}"#,
                &["war guilt clause"],
            ),
            point(
                "c",
                "c",
                r#"{"all": [["war", "guilt"]]}"#,
                &["guilt for the war"],
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "points `a`, `b` and `c` all match the words `war` with `guilt`: one answer earns them \
             all"
        );
        assert!(
            found[0]
                .fix
                .starts_with("keep `war` with `guilt` in the one point they name"),
            "{found:#?}"
        );
    }

    #[test]
    fn an_example_earning_another_point_is_told_which_rule_to_change() {
        let found = versailles(&[
            point(
                "army-cut",
                "The army was cut",
                r#"{"all": [["army", "100,000"]]}"#,
                &["the treaty cut the army to 100,000 men"],
            ),
            point(
                "army-men",
                "Demobilised soldiers",
                r#"{"all": [["army", "men"]]}"#,
                &["men left the army with no work"],
            ),
        ]);
        let l = at(&found, "cards[0].points[0].examples.match");
        assert_eq!(
            l.message,
            "its example \"the treaty cut the army to 100,000 men\" also earns point `army-men` \
             (by \"army … men\"): the points overlap"
        );
        assert_eq!(
            l.fix,
            "in `army-men`, add a word of the point's own to `points[1].match.all[0]`, e.g. \
             `demobilised`; or add `\"overlaps\": [\"army-men\"]` to `army-cut` if the sentence \
             rightly earns both"
        );
    }

    #[test]
    fn an_example_earning_a_point_by_a_misspelling_is_told_to_cap_typos() {
        let points = |typos: &str| {
            [
                point(
                    "land",
                    "Land taken",
                    r#"{"all": [["confiscation", "land"]]}"#,
                    &["the confiscation of land angered the peasants"],
                ),
                point(
                    "confirmed",
                    "Confirmation",
                    &format!(r#"{{"any": ["confirmation"]{typos}}}"#),
                    &["the treaty needed confirmation"],
                ),
            ]
        };
        let found = versailles(&points(""));
        let l = at(&found, "cards[0].points[0].examples.match");
        assert!(
            l.message
                .contains("(by \"confiscation\", read as a misspelling of `confirmation`)"),
            "{l:#?}"
        );
        assert_eq!(
            l.fix,
            "in `confirmed`, \"confiscation\" is not `confirmation`: set `\"typos\": 1` in \
             `points[1].match` (its words then tolerate one slip, not two); or add \
             `\"overlaps\": [\"confirmed\"]` to `land` if the sentence rightly earns both"
        );
        assert_eq!(
            versailles(&points(r#", "typos": 1"#)),
            vec![],
            "the fix works"
        );
    }

    #[test]
    fn a_point_earned_by_the_examples_of_several_is_one_warning_at_it() {
        let found = versailles(&[
            point(
                "shot",
                "Strikers were shot",
                r#"{"all": [["strikers", "shot"]]}"#,
                &["the strikers were shot"],
            ),
            point(
                "killed",
                "Rathenau was killed",
                r#"{"any": ["killed"]}"#,
                &["Rathenau was killed in 1922"],
            ),
            point(
                "executed",
                "Spartacists executed",
                r#"{"all": [["spartacists", "executed"]]}"#,
                &["the spartacists were executed"],
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let l = at(&found, "cards[0].points[1]");
        assert_eq!(
            l.message,
            "point `killed` is also earned by the examples of points `shot` (by \"shot\", read as \
             a synonym of `killed`) and `executed` (by \"executed\", read as a synonym of \
             `killed`): it credits what each of them says"
        );
        assert_eq!(
            l.fix,
            "in `killed`, pair it with a word of the point's own: `\"all\": [[\"killed\", \
             \"rathenau\"]]` in place of `points[1].match.any[0]`; or, if they all make one \
             claim, keep one point for it and move the others' examples to it; or add \
             `\"overlaps\": [\"shot\", \"executed\"]` to `killed` if their sentences rightly \
             earn it too"
        );
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
}
