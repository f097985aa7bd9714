//! Drafting a rubric from a deck's model answers, for any subject: one
//! point per claim of the model answer (see [`claims`]), keyed on its most
//! informative words, so a teacher starts from a rubric that already marks
//! and edits it rather than writing one from nothing.
//!
//! For each claim the key words are its words that are neither function
//! words nor the question's own words (copying the question earns
//! nothing), ranked by how rare they are in English ([`words::weight`]);
//! the top five are kept. The point is credited when one sentence holds
//! any set of its key words carrying at least [`COVERAGE`] of their total
//! weight, so a rare term may stand alone while common ones must come
//! together. On a card that sets no maximum, a claim also gets a point for
//! part of it ([`PARTIAL`] of the weight), so the mark is the share of the
//! model answer made; a card with its own maximum (`[6]`) is marked "any
//! six of these points", one mark a claim. Words of the built-in thesaurus
//! are widened to their group when the rubric compiles. Model answers
//! listing accepted wordings with `|` give one point credited by any
//! wording. The scheme is one mark per point; the maximum is the card's
//! own or the number of points. Every point records in its notes how it
//! was derived.
//!
//! The two shares were chosen on the dev half of the public datasets'
//! questions (`scripts/eval-datasets.py`), never on their test half.

mod claims;
mod forms;
mod key_elements;
pub mod label;
pub mod layout;
mod outcomes;
pub mod question;
pub mod words;

pub use claims::{Claim, claims};

use super::examples::example_parts;
use super::{CardRubric, Examples, Match, Point, RubricSet, Rules, Scheme};
use crate::deck::{Card, Deck, MAX_MARK};
use crate::rubric::{CompiledRubric, MAX_FILE_BYTES};
use crate::text::tokenize;
use std::collections::{HashMap, HashSet};
use words::{is_ly_adverb, is_stop_word, weight};

/// The share of a claim's key-word weight one sentence must hold.
pub const COVERAGE: f64 = 0.4;
/// The weight from which a key word credits its point alone: a word as
/// rare in English as "reparations", "conscription" or "blockade", a name
/// the word list lacks ("Lusitania", "Manchuria"), or a figure kept whole
/// ("6,600"). Commoner words need company.
pub const RARE: f64 = 3.4;
/// The share of a claim's key-word weight that earns its partial point.
pub const PARTIAL: f64 = 0.2;
/// Key words kept per claim.
pub const MAX_KEYS: usize = 5;
/// Key words kept per accepted wording.
pub const MAX_VARIANT_KEYS: usize = 3;
/// Accepted wordings kept as a point's examples: each is judged against
/// the point, which has a term for every wording, so keeping them all
/// would make a card listing thousands take time in proportion to their
/// square.
pub const MAX_VARIANT_EXAMPLES: usize = 12;

/// A key word of a claim.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    word: String,
    stem: String,
    weight: f64,
}

/// The content words of a question: their stems (terms made of them would
/// credit an answer that only copies the question) and the words as
/// written, for the notes.
fn question_words(question: &str) -> (QuestionStems, Vec<String>) {
    let toks = tokenize(question);
    let content = toks.tokens.iter().filter(|t| !is_stop_word(t.norm()));
    let stems = QuestionStems::new(content.clone().map(|t| t.stem()));
    let mut seen = HashSet::new();
    let words = content
        .map(|t| t.norm())
        .filter(|w| seen.insert(*w))
        .map(str::to_string)
        .collect();
    (stems, words)
}

/// Whether two stems are forms of one word: equal, or sharing a prefix of
/// five letters or more that covers most of the shorter ("economi" and
/// "econom", "judiciari" and "judici").
fn related(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 && common * 4 >= shorter * 3
}

/// A stem's first five letters, or the whole of a shorter one: [`related`]
/// stems share it.
fn head(stem: &str) -> &str {
    stem.char_indices()
        .nth(5)
        .map_or(stem, |(at, _)| &stem[..at])
}

/// The distinct stems of a question's content words by their [`head`], so
/// that whether a word is a form of one ([`Self::has_form_of`]) is asked
/// of the few that can be: asked of every one, each of a card's words
/// would take time in proportion to its question's.
#[derive(Debug, Default)]
struct QuestionStems {
    by_head: HashMap<String, Vec<String>>,
}

impl QuestionStems {
    fn new<'a>(stems: impl Iterator<Item = &'a str>) -> QuestionStems {
        let distinct: HashSet<&str> = stems.collect();
        let mut by_head: HashMap<String, Vec<String>> = HashMap::new();
        for stem in distinct {
            by_head
                .entry(head(stem).to_string())
                .or_default()
                .push(stem.to_string());
        }
        QuestionStems { by_head }
    }

    /// Whether `stem` is a form of one of the question's words.
    fn has_form_of(&self, stem: &str) -> bool {
        self.by_head
            .get(head(stem))
            .is_some_and(|same| same.iter().any(|q| related(q, stem)))
    }
}

/// Other forms of `word` in the word list with a stem of their own
/// ("judicial" → "judiciary", "capitalist" → "capitalism"), most common
/// first, so a drafted term accepts them: forms by English suffix
/// morphology ([`forms::forms_of`]), never look-alikes ("francesca" for
/// "france", "sanctity" for "sanctions"). Forms sharing the stem need no
/// listing: answers are matched by stem.
fn forms(word: &str) -> Vec<&'static str> {
    let s = crate::text::stem(word);
    let mut found: Vec<(&'static str, f64)> = forms::forms_of(word)
        .into_iter()
        .filter(|(w, _)| *w != word)
        .filter(|(w, _)| crate::text::stem(w) != s)
        // "cannot" reads as two words ("can not"), so it can't stand as
        // one word's alternative
        .filter(|(w, _)| crate::text::expand(w).len() == 1)
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1));
    found.into_iter().take(4).map(|(w, _)| w).collect()
}

/// A key word as a term: the word and its other forms, `a/b/c`.
fn term(word: &str) -> String {
    if let Some((head, tail)) = word.split_once(' ') {
        // A figure kept whole, written with its comma or without.
        return format!("{word} | {head}{tail}");
    }
    let mut t = word.to_string();
    for f in forms(word) {
        t.push('/');
        t.push_str(f);
    }
    t
}

/// The key words of `text`, most informative first, distinct by stem; the
/// question's words only when nothing else is left.
fn keys(text: &str, question: &QuestionStems, max: usize) -> Vec<Key> {
    let toks = tokenize(text);
    let digits = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    let mut content: Vec<Key> = Vec::new();
    let mut i = 0;
    while let Some(t) = toks.tokens.get(i) {
        i += 1;
        // A figure written with a thousands comma ("6,600") is one key.
        if digits(t.norm())
            && let Some(next) = toks.tokens.get(i)
            && next.norm().len() == 3
            && digits(next.norm())
            && &text[t.end..next.start] == ","
        {
            let word = format!("{} {}", t.norm(), next.norm());
            content.push(Key {
                stem: word.clone(),
                weight: weight(&word),
                word,
            });
            i += 1;
            continue;
        }
        if !is_stop_word(t.norm()) && !is_ly_adverb(t.norm()) {
            content.push(Key {
                word: t.norm().to_string(),
                stem: t.stem().to_string(),
                weight: weight(t.norm()),
            });
        }
    }
    let own: Vec<Key> = content
        .iter()
        .filter(|k| !question.has_form_of(&k.stem))
        .cloned()
        .collect();
    let mut chosen = if own.is_empty() { content } else { own };
    let mut seen = HashSet::new();
    chosen.retain(|k| seen.insert(k.stem.clone()));
    chosen.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    chosen.truncate(max);
    chosen
}

/// The smallest sets of `keys` holding at least [`COVERAGE`] of their
/// weight, each as the words it needs; a [`RARE`] key alone is one,
/// unless other claims of the card have it too (its stem is `shared`).
fn sufficient_sets(keys: &[Key], shared: &HashSet<String>) -> Vec<Vec<String>> {
    let alone = |k: &Key| k.weight >= RARE && !shared.contains(&k.stem);
    let mut sets: Vec<Vec<String>> = keys
        .iter()
        .filter(|k| alone(k))
        .map(|k| vec![term(&k.word)])
        .collect();
    let common: Vec<Key> = keys.iter().filter(|k| !alone(k)).cloned().collect();
    let rare_weight: f64 = keys.iter().filter(|k| alone(k)).map(|k| k.weight).sum();
    let total: f64 = keys.iter().map(|k| k.weight).sum();
    // The common keys, two at least, must still hold the share of the
    // whole.
    if common.len() > 1 {
        let share = (COVERAGE * total / (total - rare_weight)).min(1.0);
        sets.extend(sets_covering_from(&common, share, 2));
    } else if sets.is_empty() {
        sets = sets_covering(keys, COVERAGE);
    }
    sets
}

/// The smallest sets of `keys` holding at least `share` of their weight.
fn sets_covering(keys: &[Key], share: f64) -> Vec<Vec<String>> {
    sets_covering_from(keys, share, 1)
}

/// The smallest sets of at least `least` of `keys` holding at least
/// `share` of their weight.
fn sets_covering_from(keys: &[Key], share: f64, least: u32) -> Vec<Vec<String>> {
    let total: f64 = keys.iter().map(|k| k.weight).sum();
    let need = total * share - 1e-9;
    let n = keys.len();
    let mut sets: Vec<u32> = Vec::new();
    // Smaller sets first, so a superset of a kept set is skipped.
    let mut masks: Vec<u32> = (1..(1u32 << n))
        .filter(|m| m.count_ones() >= least)
        .collect();
    masks.sort_by_key(|m| m.count_ones());
    for mask in masks {
        if sets.iter().any(|&kept| kept & !mask == 0) {
            continue;
        }
        let w: f64 = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| keys[i].weight)
            .sum();
        if w >= need {
            sets.push(mask);
        }
    }
    sets.into_iter()
        .map(|mask| {
            (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| term(&keys[i].word))
                .collect()
        })
        .collect()
}

/// The match rule crediting any of `sets` (one word alone is an `any`
/// term, several must share a sentence).
fn rule_for(sets: Vec<Vec<String>>) -> Match {
    let mut m = Match::default();
    for set in sets {
        if set.len() == 1 {
            m.any.extend(set);
        } else {
            m.all.push(set);
        }
    }
    m
}

/// A short id from a point's key words: "location-memory".
fn slug(keys: &[Key], taken: &mut HashSet<String>) -> String {
    let base: String = keys
        .iter()
        .take(2)
        .map(|k| {
            k.word
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "point".to_string()
    } else {
        base
    };
    unique(base, taken)
}

/// `id`, or `id-2`, `id-3`… when it is taken; the one returned is then taken.
fn unique(id: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

fn describe(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| format!("{} {:.1}", k.word, k.weight))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Drafts the rubric of one card from its model answer, or says why it
/// can't (a model answer with no words to key a point on).
pub fn derive_card(card: &Card) -> Result<CardRubric, String> {
    derive_card_as(card, None)
}

/// [`derive_card`], with the scheme given (`Some`) rather than read from
/// the question.
pub fn derive_card_as(card: &Card, scheme: Option<Scheme>) -> Result<CardRubric, String> {
    draft_card(card, scheme, None)
}

/// [`derive_card_as`], for a card whose model answer answers `other`'s
/// question when it does: only the claims that don't answer that question
/// are drafted, as the rest credit an answer to the other question.
fn draft_card(
    card: &Card,
    scheme: Option<Scheme>,
    other: Option<&Card>,
) -> Result<CardRubric, String> {
    let reading = question::read(&card.question, card.max, &card.answer, scheme);
    let (question, question_words) = question_words(&card.question);
    // Said once, in the card's first point: it holds for them all.
    let mut question_note = if question_words.is_empty() {
        String::new()
    } else {
        format!(
            " Left out of every point of this card as the question's own words: {}.",
            question_words.join(", ")
        )
    };
    let key_count = |text: &str| keys(text, &question, usize::MAX).len();
    // A key-element answer on a card worth two or more: each element a
    // point, marked as its rule says. On a one-mark card its elements are
    // wordings of one answer. Either way the examiner's instructions
    // ("1 mark each", "do not accept …") earn nothing.
    let elements = key_elements::read(&card.answer);
    let mut scheme = reading.scheme;
    let mut marks = None;
    let found = match (&elements, card.max) {
        (Some(k), Some(max)) if max >= 2 => {
            scheme = reading.forced.unwrap_or(Scheme::Points);
            marks = crate::rubric::marks_table::parse(&k.instructions, max)
                .filter(|t| !t.is_one_mark_per_point());
            k.elements
                .iter()
                .zip(&k.wordings)
                .map(|(e, wordings)| claims::Claim {
                    text: e.clone(),
                    variants: wordings.clone(),
                    line: 1,
                })
                .collect()
        }
        (Some(k), _) if !k.instructions.is_empty() => claims(&k.elements.join(" | "), &key_count),
        _ => claims(&card.answer, &key_count),
    };
    // The wordings of a marking point are claims in full, keyed as any
    // claim is; a short answer's accepted wordings are a few words each.
    let marking_points = matches!((&elements, card.max), (Some(k), Some(max))
        if max >= 2 && k.wordings.iter().any(|w| !w.is_empty()));
    let variant_keys = if marking_points {
        MAX_KEYS
    } else {
        MAX_VARIANT_KEYS
    };
    let found = match other {
        Some(other) => own_claims(found, &card.question, &other.question),
        None => found,
    };
    // A rare word several claims share ("Truman" in three of them) tells
    // none of them apart, so it credits none alone.
    let mut claims_with: HashMap<String, usize> = HashMap::new();
    for claim in found.iter().filter(|c| c.variants.is_empty()) {
        for k in keys(&claim.text, &question, MAX_KEYS) {
            *claims_with.entry(k.stem).or_default() += 1;
        }
    }
    let shared: HashSet<String> = claims_with
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(stem, _)| stem)
        .collect();
    // Key words as a teacher picks them for an essay question: a rare
    // name alone, common words together. A short-answer card keeps the
    // share of the key words' weight alone, which its one-line answers
    // meet (chosen on the public datasets' dev halves).
    let levels = scheme == Scheme::Levels;
    let sets_for = |k: &[Key]| {
        if levels {
            sufficient_sets(k, &shared)
        } else {
            sets_covering(k, COVERAGE)
        }
    };
    let mut taken = HashSet::new();
    let mut points = Vec::new();
    let mut namer = label::Namer::new(&card.question, &card.answer, &reading.outcome, levels);
    for claim in found {
        let mut partial = None;
        let (rules, keys_shown, how) = if claim.variants.is_empty() {
            let k = keys(&claim.text, &question, MAX_KEYS);
            if k.is_empty() {
                continue;
            }
            let sets = sets_for(&k);
            let partial_sets = sets_covering(&k, PARTIAL);
            // A card with its own maximum is marked "any N of these
            // points", one mark each; partial credit is for cards marked
            // by the share of the model answer made.
            if card.max.is_none() && partial_sets != sets {
                partial = Some(rule_for(partial_sets));
            }
            let how = format!(
                "Key words by rarity (7 − Zipf frequency): {}; credited when one sentence holds \
                 {:.0}% of their weight.",
                describe(&k),
                COVERAGE * 100.0
            );
            (rule_for(sets), k, how)
        } else {
            let mut m = Match::default();
            let mut all_keys: Vec<Key> = Vec::new();
            for v in &claim.variants {
                let k = keys(v, &question, variant_keys);
                if k.is_empty() {
                    continue;
                }
                let r = rule_for(sets_for(&k));
                m.any.extend(r.any);
                m.all.extend(r.all);
                all_keys.extend(k);
            }
            m.any.sort();
            m.any.dedup();
            if m.any.is_empty() && m.all.is_empty() {
                continue;
            }
            let how = format!(
                "{} accepted wordings, each credited when one sentence holds {:.0}% of the weight \
                 of its key words ({variant_keys} at most).",
                claim.variants.len(),
                COVERAGE * 100.0
            );
            (m, all_keys, how)
        };
        let id = slug(&keys_shown, &mut taken);
        let partial_id = partial.is_some().then(|| format!("{id}-part"));
        let named = if claim.variants.is_empty() {
            namer.name(&claim.text)
        } else {
            namer.name_variants(&claim.variants)
        };
        let part = label::Namer::name_part(&named);
        let label::Named { label, hint } = named;
        points.push(Point {
            id,
            label,
            hint,
            source: claim.text.clone(),
            rules: Rules(vec![rules]),
            examples: Examples {
                matches: if claim.variants.is_empty() {
                    vec![claim.text.clone()]
                } else {
                    claim
                        .variants
                        .iter()
                        .take(MAX_VARIANT_EXAMPLES)
                        .cloned()
                        .collect()
                },
                no_match: Vec::new(),
            },
            overlaps: Vec::new(),
            notes: format!(
                "Line {} of the model answer. {how}{}",
                claim.line,
                std::mem::take(&mut question_note)
            ),
        });
        if let (Some(rules), Some(id)) = (partial, partial_id) {
            points.push(Point {
                id: unique(id, &mut taken),
                label: part.label,
                hint: part.hint,
                source: claim.text.clone(),
                rules: Rules(vec![rules]),
                examples: Examples {
                    matches: vec![claim.text.clone()],
                    no_match: Vec::new(),
                },
                overlaps: Vec::new(),
                notes: format!(
                    "Partial credit for line {} of the model answer: {:.0}% of the key words' \
                     weight earns one of the claim's two marks.",
                    claim.line,
                    PARTIAL * 100.0
                ),
            });
        }
    }
    if points.is_empty() {
        return Err(format!(
            "card {}: its model answer has no words to key a point on; write its rubric by hand",
            card.id
        ));
    }
    if card.question.trim().is_empty() {
        return Err(format!("card {}: it has no question", card.id));
    }
    // A card's own maximum, so the draft fits its deck; else one mark a
    // point, as many as a rubric may give.
    let max = match card.max {
        Some(max) if (1..=MAX_MARK).contains(&max) => max,
        Some(max) => {
            return Err(format!(
                "card {}: its maximum mark is {max}; selfmark marks a question out of 1 to \
                 {MAX_MARK}",
                card.id
            ));
        }
        None => u32::try_from(points.len()).map_or(MAX_MARK, |n| n.clamp(1, MAX_MARK)),
    };
    Ok(CardRubric {
        card: card.id.clone(),
        question: card.question.clone(),
        max,
        scheme,
        marks,
        topic: reading.topic,
        outcome: reading.outcome,
        links: if scheme == Scheme::Levels {
            super::Links::Developed
        } else {
            super::Links::Outcome
        },
        until: (scheme == Scheme::Levels)
            .then(|| question::until(&card.question, &card.answer))
            .flatten(),
        meaning: true,
        points,
        misconceptions: Vec::new(),
    })
}

/// A drafted rubric, with the cards that could not be drafted and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub set: RubricSet,
    pub skipped: Vec<String>,
    /// What a teacher should check in cards that were drafted: a model
    /// answer that belongs to another card's question.
    pub warnings: Vec<String>,
    /// The rubric as it is written out ([`layout::render`]), no longer than
    /// [`MAX_FILE_BYTES`].
    pub text: String,
}

/// The content stems of a question: its words but for function words and
/// the words every question is framed in ("why", "cause", "able"…).
fn question_stems(question: &str) -> HashSet<String> {
    tokenize(question)
        .tokens
        .iter()
        .filter(|t| !is_stop_word(t.norm()) && !question::frames(t.norm()))
        .map(|t| t.stem().to_string())
        .collect()
}

/// How many of `answer`'s words are words of `question`.
fn answers(answer: &str, question: &HashSet<String>) -> usize {
    tokenize(answer)
        .tokens
        .iter()
        .filter(|t| question.contains(t.stem()))
        .count()
}

/// For each card of `deck`, the card whose question its model answer
/// answers, when that answer is the same as another card's and reads as an
/// answer to that card's question rather than its own (more of its words
/// are that question's words): a deck exported with one answer pasted
/// under two questions.
fn misplaced_answers(deck: &Deck) -> HashMap<usize, usize> {
    let mut by_answer: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in deck.cards.iter().enumerate() {
        let folded = crate::text::fold_question(&c.answer);
        if !folded.is_empty() {
            by_answer.entry(folded).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    for same in by_answer.values().filter(|v| v.len() > 1) {
        let fit: Vec<usize> = same
            .iter()
            .map(|&i| {
                let c = &deck.cards[i];
                answers(&c.answer, &question_stems(&c.question))
            })
            .collect();
        let best = fit.iter().copied().max().unwrap_or(0);
        let owners: Vec<usize> = (0..same.len()).filter(|&k| fit[k] == best).collect();
        if let [owner] = owners.as_slice() {
            for (k, &i) in same.iter().enumerate() {
                if k != *owner {
                    out.insert(i, same[*owner]);
                }
            }
        }
    }
    out
}

/// The claims of a model answer written for `other` (a question) that
/// answer `own` instead: those that name none of `other`'s own words, or
/// all of them when every claim does.
fn own_claims(found: Vec<claims::Claim>, own: &str, other: &str) -> Vec<claims::Claim> {
    let own = question_stems(own);
    let theirs: HashSet<String> = question_stems(other)
        .into_iter()
        .filter(|s| !own.contains(s))
        .collect();
    let (kept, dropped): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|c| answers(&c.text, &theirs) == 0);
    if kept.is_empty() { dropped } else { kept }
}

/// Drafts a rubric for every card of `deck` (or only `only`), each card's
/// keeping only the example sentences its draft really credits, noting any
/// it dropped, so the draft passes `selfmark rubric check`. Cards that
/// can't be drafted (no key words, no question, an id used twice, a draft
/// that would not load) are left out and listed; an error when no card can
/// be drafted, or when the draft would be longer than the loader reads
/// ([`MAX_FILE_BYTES`]), found as soon as it is.
///
/// Each card is drafted and tried on its examples on its own, so drafting
/// takes time in proportion to the deck.
pub fn derive_deck(deck: &Deck, only: Option<&Card>) -> Result<Draft, String> {
    derive_deck_within(deck, only, MAX_FILE_BYTES)
}

/// [`derive_deck`], refusing a draft longer than `limit` bytes instead:
/// for a draft that is not to be read back by selfmark, or to measure how
/// drafting grows without the limit (`benches/derive.rs`).
pub fn derive_deck_within(deck: &Deck, only: Option<&Card>, limit: usize) -> Result<Draft, String> {
    draft_deck(deck, only, limit, None)
}

/// [`derive_deck`] with every card drafted in `scheme`, whatever its
/// question reads as (`rubric derive --scheme`).
pub fn derive_deck_as(deck: &Deck, only: Option<&Card>, scheme: Scheme) -> Result<Draft, String> {
    draft_deck(deck, only, MAX_FILE_BYTES, Some(scheme))
}

fn draft_deck(
    deck: &Deck,
    only: Option<&Card>,
    limit: usize,
    scheme: Option<Scheme>,
) -> Result<Draft, String> {
    let mut cards: Vec<CardRubric> = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    let mut text = layout::start(&deck.title);
    let misplaced = misplaced_answers(deck);
    let mut warnings = Vec::new();
    for (i, card) in deck
        .cards
        .iter()
        .enumerate()
        .filter(|(_, c)| only.is_none_or(|o| o.id == c.id))
    {
        if !seen.insert(card.id.as_str()) {
            skipped.push(format!(
                "card {}: its id is used by an earlier card",
                card.id
            ));
            continue;
        }
        let other = misplaced.get(&i).map(|&o| &deck.cards[o]);
        match draft_card(card, scheme, other).and_then(prune_examples) {
            Ok(mut rubric) => {
                if let Some(other) = other {
                    let why = format!(
                        "card {}: its model answer is card {}'s, and answers that card's \
                         question (\"{}\"); only its claims that don't were drafted, so give \
                         card {} a model answer of its own",
                        card.id, other.id, other.question, card.id
                    );
                    if let Some(p) = rubric.points.first_mut() {
                        p.notes.push_str(&format!(" Warning: {why}."));
                    }
                    warnings.push(why);
                }
                let more = layout::card_text(&rubric, cards.is_empty());
                if text.len() + more.len() + layout::END.len() > limit {
                    return Err(too_large(card, &cards, limit));
                }
                text.push_str(&more);
                cards.push(rubric);
            }
            Err(why) => skipped.push(why),
        }
    }
    if cards.is_empty() {
        return Err(match skipped.as_slice() {
            [] => "the deck has no cards".to_string(),
            [one] => one.clone(),
            many => format!("no card could be drafted:\n  {}", many.join("\n  ")),
        });
    }
    text.push_str(layout::END);
    Ok(Draft {
        set: RubricSet {
            deck: deck.title.clone(),
            cards,
        },
        skipped,
        warnings,
        text,
    })
}

/// Why a draft that grew past `limit` bytes at card `card`, after the
/// cards `fit`, is refused.
fn too_large(card: &Card, fit: &[CardRubric], limit: usize) -> String {
    const MIB: usize = 1024 * 1024;
    let size = if limit.is_multiple_of(MIB) {
        format!("{} MiB", limit / MIB)
    } else {
        format!("{limit} bytes")
    };
    match fit {
        [] => format!(
            "card {}: its drafted rubric alone would be larger than {size}, the largest rubric \
             selfmark reads; write its rubric by hand, or split its model answer over several cards",
            card.id
        ),
        _ => format!(
            "the drafted rubric would be larger than {size}, the largest rubric selfmark reads, \
             from card {} on: split the deck into decks of up to {} cards and draft a rubric for each",
            card.id,
            fit.len()
        ),
    }
}

/// Drops the example sentences a drafted card's rules don't credit (a
/// model sentence too short of key words, say), noting each in the point.
/// A claim made with a negation ("no party ever won a majority") is first
/// given a rule that holds the negation as one of its words, so that it
/// makes the claim instead of denying it; kept only where its own sentence
/// then earns it. The card is compiled, as the rubric loader will compile
/// it, and its examples are judged as `rubric check` judges them (in
/// parts, see [`super::examples`]), so the time taken grows with the
/// card's points, not their square. A draft that would not compile is an
/// error: no card is written that the loader refuses.
fn prune_examples(mut card: CardRubric) -> Result<CardRubric, String> {
    let mut missed = uncredited(&card)?;
    let mut negated = Vec::new();
    for &(pi, ei) in &missed {
        let p = &mut card.points[pi];
        if p.examples.matches[ei] == p.source && with_negation(&mut p.rules, &p.source) {
            negated.push(pi);
        }
    }
    if !negated.is_empty() {
        missed = uncredited(&card)?;
        for &pi in &negated {
            let point = &mut card.points[pi];
            if missed.iter().any(|&(p, _)| p == pi) {
                point.rules.0.pop();
            } else {
                point.notes.push_str(
                    " Its claim is made with a negation, so a second rule holds the negation \
                     as one of its words.",
                );
            }
        }
        if negated.iter().any(|pi| missed.iter().any(|(p, _)| p == pi)) {
            missed = uncredited(&card)?;
        }
    }
    for (pi, ei) in missed.into_iter().rev() {
        let point = &mut card.points[pi];
        point.examples.matches.remove(ei);
        if !point.notes.contains("does not earn it as drafted") {
            point.notes.push_str(
                " Its own model sentence does not earn it as drafted (negated, or too few \
                 key words): check the match rule.",
            );
        }
    }
    Ok(card)
}

/// The (point, example) pairs of `card`'s `match` examples its rules
/// don't credit, in order.
fn uncredited(card: &CardRubric) -> Result<Vec<(usize, usize)>, String> {
    let not_loaded = |e: &dyn std::fmt::Display| {
        format!(
            "card {}: its draft does not load ({e}); write its rubric by hand",
            card.card
        )
    };
    let parts = example_parts(card).map_err(|e| not_loaded(&e))?;
    if parts.len() > 1 {
        // Each part compiled; so must the whole card.
        let set = RubricSet {
            deck: String::new(),
            cards: vec![card.clone()],
        };
        CompiledRubric::compile(&set, "derived rubric").map_err(|e| not_loaded(&e))?;
    }
    let mut missed = Vec::new();
    for part in &parts {
        for pi in part.points() {
            for (ei, s) in card.points[pi].examples.matches.iter().enumerate() {
                if !part.credits(pi, s) {
                    missed.push((pi, ei));
                }
            }
        }
    }
    missed.sort_unstable();
    Ok(missed)
}

/// Adds to `rules` a copy of its first rule with a negation among the
/// words of each of its groups, when `source` says its claim with one
/// (a negation that is one of a rule's own words makes the claim): true
/// when it did.
fn with_negation(rules: &mut Rules, source: &str) -> bool {
    let said = tokenize(source);
    if !said.tokens.iter().any(|t| t.negator()) {
        return false;
    }
    let Some(first) = rules.0.first() else {
        return false;
    };
    let mut all: Vec<Vec<String>> = first
        .any
        .iter()
        .map(|t| vec![NEGATIONS.to_string(), t.clone()])
        .collect();
    all.extend(first.all.iter().map(|g| {
        let mut g = g.clone();
        g.insert(0, NEGATIONS.to_string());
        g
    }));
    if all.is_empty() {
        return false;
    }
    let negated = Match {
        any: Vec::new(),
        all,
        ..first.clone()
    };
    rules.0.push(negated);
    true
}

/// The negations a drafted claim made with one accepts in its place.
const NEGATIONS: &str = "not/no/never/nor/none/nothing/without";

#[cfg(test)]
mod tests {
    use super::*;

    fn card(question: &str, answer: &str, max: Option<u32>) -> Card {
        Card {
            number: 1,
            id: "1".into(),
            part: None,
            question: question.into(),
            max,
            answer: answer.into(),
            line: 1,
        }
    }

    #[test]
    fn a_claim_is_keyed_on_its_rare_words_not_the_questions() {
        let r = derive_card(&card(
            "What is a variable?",
            "A location in memory that can store a value.",
            None,
        ))
        .unwrap();
        // The claim's point, and its partial point (the card sets no
        // maximum, so it is marked by the share of the answer made).
        assert_eq!(r.points.len(), 2, "{:?}", r.points);
        assert_eq!(r.scheme, Scheme::Points);
        assert_eq!(r.max, 2);
        assert!(r.points[1].id.ends_with("-part"), "{}", r.points[1].id);
        assert!(r.points[1].notes.contains("Partial credit"));
        let p = &r.points[0];
        let m = &p.rules.0[0];
        let words: Vec<&str> = m
            .any
            .iter()
            .chain(m.all.iter().flatten())
            .flat_map(|t| t.split('/'))
            .collect();
        assert!(!words.contains(&"variable"), "{m:?}");
        assert!(words.contains(&"memory"), "{m:?}");
        assert!(p.notes.contains("Key words by rarity"), "{}", p.notes);

        // With its own maximum, a card is marked "any N of these points":
        // one point per claim, no partial credit.
        let r = derive_card(&card(
            "What is a variable?",
            "A location in memory that can store a value.",
            Some(1),
        ))
        .unwrap();
        assert_eq!(r.points.len(), 1, "{:?}", r.points);
    }

    #[test]
    fn cards_that_cannot_be_drafted_are_left_out_and_named() {
        let good = card("What is a variable?", "A location in memory.", Some(5));
        let empty = Card {
            number: 2,
            id: "2".into(),
            ..card("Why?", "It is so.", None)
        };
        let twice = Card {
            number: 3,
            ..good.clone()
        };
        // A deck refuses such a card when it is read; a deck made in code
        // may hold one.
        let out_of_range = Card {
            number: 4,
            id: "4".into(),
            ..card("Why?", "Photosynthesis makes glucose.", Some(4_294_967_295))
        };
        let deck = Deck {
            title: "t".into(),
            cards: vec![good, empty.clone(), twice, out_of_range],
        };
        let draft = derive_deck(&deck, None).unwrap();
        assert_eq!(draft.set.cards.len(), 1);
        assert_eq!(draft.set.cards[0].max, 5, "the card's own maximum");
        assert_eq!(draft.skipped.len(), 3, "{:?}", draft.skipped);
        assert!(draft.skipped[0].contains("no words to key a point on"));
        assert!(draft.skipped[1].contains("used by an earlier card"));
        assert_eq!(
            draft.skipped[2],
            "card 4: its maximum mark is 4294967295; selfmark marks a question out of 1 to 100"
        );
        CompiledRubric::compile(&draft.set, "draft").unwrap();
        let only_empty = Deck {
            title: "t".into(),
            cards: vec![empty],
        };
        assert!(derive_deck(&only_empty, None).is_err());
    }

    #[test]
    fn a_draft_longer_than_the_loader_reads_is_refused_as_soon_as_it_is() {
        let deck = Deck {
            title: "Biology".into(),
            cards: (1..=3)
                .map(|n| Card {
                    number: n,
                    id: n.to_string(),
                    ..card(
                        &format!("What does stage {n} of respiration make?"),
                        "Glycolysis splits glucose into pyruvate. The mitochondria make ATP.",
                        Some(2),
                    )
                })
                .collect(),
        };
        let full = derive_deck_within(&deck, None, usize::MAX).unwrap();
        assert_eq!(full.text, layout::render(&full.set));
        assert_eq!(
            crate::rubric::parse(&full.text, "r.json").unwrap(),
            full.set
        );
        assert_eq!(
            derive_deck_within(&deck, None, full.text.len()).unwrap(),
            full
        );
        assert_eq!(
            derive_deck_within(&deck, None, full.text.len() - 1).unwrap_err(),
            format!(
                "the drafted rubric would be larger than {} bytes, the largest rubric selfmark \
                 reads, from card 3 on: split the deck into decks of up to 2 cards and draft a \
                 rubric for each",
                full.text.len() - 1
            )
        );
        assert_eq!(
            derive_deck_within(&deck, None, 100).unwrap_err(),
            "card 1: its drafted rubric alone would be larger than 100 bytes, the largest \
             rubric selfmark reads; write its rubric by hand, or split its model answer over \
             several cards"
        );
        // The loader's limit is in MiB.
        assert!(too_large(&deck.cards[0], &[], MAX_FILE_BYTES).contains("than 16 MiB,"));
    }

    #[test]
    fn a_question_word_is_found_by_its_first_letters_as_by_a_search_of_them_all() {
        let stems = [
            "econom",
            "economi",
            "judici",
            "judiciari",
            "ran",
            "rang",
            "rangefind",
            "élect",
            "électr",
            "électron",
            "capit",
            "capitalist",
            "capitalis",
            "abc",
            "abcde",
        ];
        let question = QuestionStems::new(stems[..8].iter().copied());
        for stem in stems {
            let searched = stems[..8].iter().any(|q| related(q, stem));
            assert_eq!(question.has_form_of(stem), searched, "{stem}");
        }
        assert!(question.has_form_of("economi") && !question.has_form_of("capit"));
    }

    #[test]
    fn a_card_listing_many_accepted_wordings_keeps_a_few_as_examples() {
        let wordings: Vec<String> = (0..500).map(|n| format!("wording{n}")).collect();
        let r = derive_card(&card("Name one.", &wordings.join(" | "), None)).unwrap();
        assert_eq!(r.points.len(), 1);
        assert_eq!(
            r.points[0].examples.matches,
            wordings[..MAX_VARIANT_EXAMPLES]
        );
        assert_eq!(r.points[0].rules.0[0].any.len(), 500);
    }

    #[test]
    fn other_forms_are_single_words() {
        // found by fuzzing: "cannot" was offered as a form of a misspelt
        // "cannotseps", and a term whose alternative is two words fails
        // to load
        assert!(!forms("cannotseps").contains(&"cannot"));
        let draft = derive_card(&card(
            "Why is the gradient steep?",
            "The blood supply cannotseps a steep concentration gradient.",
            None,
        ))
        .unwrap();
        let set = RubricSet {
            deck: String::new(),
            cards: vec![draft],
        };
        crate::rubric::CompiledRubric::compile(&set, "draft").unwrap();
    }

    #[test]
    fn sets_are_minimal_and_cover_enough_weight() {
        let k = |w: &str, weight: f64| Key {
            word: w.into(),
            stem: w.into(),
            weight,
        };
        let heads = |sets: Vec<Vec<String>>| -> Vec<Vec<String>> {
            sets.into_iter()
                .map(|s| {
                    s.iter()
                        .map(|t| t.split('/').next().unwrap().to_string())
                        .collect()
                })
                .collect()
        };
        // On a short-answer card, the key words holding 40% of the weight:
        // a word that heavy alone is enough; two common ones must come
        // together.
        let sets = sets_covering(
            &[k("reusability", 5.0), k("code", 1.5), k("parts", 1.5)],
            COVERAGE,
        );
        assert_eq!(heads(sets), vec![vec!["reusability".to_string()]]);
        let sets = sets_covering(
            &[k("main", 2.0), k("function", 2.0), k("call", 2.0)],
            COVERAGE,
        );
        let pair = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        assert_eq!(
            heads(sets),
            vec![
                pair("main", "function"),
                pair("main", "call"),
                pair("function", "call")
            ]
        );
        // Partial credit asks for less: here one word of the three.
        let sets = sets_covering(
            &[k("main", 2.0), k("function", 2.0), k("call", 2.0)],
            PARTIAL,
        );
        assert_eq!(heads(sets).len(), 3);
        // Other forms of a key word are accepted with it.
        assert!(
            term("judicial").split('/').any(|f| f == "judiciary"),
            "{}",
            term("judicial")
        );
    }

    #[test]
    fn a_deck_draft_marks_its_own_model_answers_in_full() {
        let deck = Deck {
            title: "C++".into(),
            cards: vec![
                card(
                    "What are the main advantages associated with object-oriented programming?",
                    "Abstraction and reusability.",
                    None,
                ),
                Card {
                    number: 2,
                    id: "2".into(),
                    ..card(
                        "Name one right from the First Amendment.",
                        "speech | religion | petition the government",
                        None,
                    )
                },
            ],
        };
        let set = derive_deck(&deck, None).unwrap().set;
        assert_eq!(set.cards[0].points.len(), 2);
        assert_eq!(set.cards[0].max, 2);
        assert_eq!(set.cards[1].points.len(), 1);
        let compiled = CompiledRubric::compile(&set, "draft").unwrap();
        assert_eq!(compiled.mark(0, "Abstraction and reusability.").mark, 2);
        assert_eq!(compiled.mark(0, "It gives you reusability.").mark, 1);
        assert_eq!(compiled.mark(1, "freedom of speech").mark, 1);
        assert_eq!(compiled.mark(1, "the right to bear arms").mark, 0);
        let report = compiled.run_examples();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        // The draft is readable JSON that loads back as it was.
        let json = serde_json::to_string_pretty(&set).unwrap();
        assert_eq!(crate::rubric::parse(&json, "draft.json").unwrap(), set);
    }

    #[test]
    fn a_model_answer_pasted_under_another_question_drafts_only_what_answers_its_own() {
        let answer = "Stalin was General Secretary, so he appointed his supporters. Stalin \
                      tricked Trotsky into missing the funeral. Zinoviev and Kamenev disliked \
                      Trotsky. The party was split over socialism in one country and world \
                      revolution.";
        let won = card(
            "Why was Stalin able to defeat Trotsky? [6]",
            answer,
            Some(6),
        );
        let struggle = Card {
            number: 2,
            id: "2".into(),
            ..card(
                "Why was there a struggle for power after Lenin's death? [6]",
                answer,
                Some(6),
            )
        };
        let deck = Deck {
            title: "USSR".into(),
            cards: vec![won, struggle],
        };
        let draft = derive_deck(&deck, None).unwrap();
        assert_eq!(draft.warnings.len(), 1, "{:?}", draft.warnings);
        assert!(
            draft.warnings[0].starts_with("card 2: its model answer is card 1's"),
            "{}",
            draft.warnings[0]
        );
        let sources = |c: usize| -> Vec<&str> {
            draft.set.cards[c]
                .points
                .iter()
                .map(|p| p.source.as_str())
                .collect()
        };
        assert!(sources(0).iter().any(|s| s.contains("funeral")));
        let own = sources(1);
        assert!(
            own.iter()
                .all(|s| !s.contains("Stalin") && !s.contains("Trotsky")),
            "{own:?}"
        );
        assert!(own.iter().any(|s| s.contains("socialism")), "{own:?}");
        // Drafting the one card alone reads the deck the same way.
        let alone = derive_deck(&deck, Some(&deck.cards[1])).unwrap();
        assert_eq!(alone.warnings, draft.warnings);
        // Two cards with their own answers draw no warning.
        let mut apart = deck.clone();
        apart.cards[1].answer = "Lenin named no successor.".into();
        assert!(derive_deck(&apart, None).unwrap().warnings.is_empty());
    }

    #[test]
    fn a_claim_made_with_a_negation_is_credited_by_its_negation() {
        let deck = Deck {
            title: "Weimar".into(),
            cards: vec![card(
                "Why did the Kapp Putsch fail? [6]",
                "The workers of Berlin went on a general strike. The Reichsbank would not give \
                 Kapp any money.",
                Some(6),
            )],
        };
        let set = derive_deck(&deck, None).unwrap().set;
        let points = &set.cards[0].points;
        let point = points
            .iter()
            .find(|p| p.source.starts_with("The Reichsbank"))
            .unwrap();
        assert_eq!(point.examples.matches, std::slice::from_ref(&point.source));
        assert!(
            point.notes.contains("made with a negation"),
            "{}",
            point.notes
        );
        let compiled = CompiledRubric::compile(&set, "draft").unwrap();
        let made = |answer: &str| {
            let r = compiled.mark(0, answer);
            r.points
                .iter()
                .any(|p| p.id == point.id && p.status != crate::report::Status::Missing)
        };
        assert!(made("The Reichsbank wouldn't lend Kapp money."));
        assert!(made("The Reichsbank refused to give Kapp money."));
        assert!(!made("The workers went on strike."));
        // A claim with no negation in it gets no negated rule.
        let strike = points.iter().find(|p| p.source.contains("strike")).unwrap();
        assert_eq!(strike.rules.0.len(), 1);
    }

    #[test]
    fn an_essay_point_is_credited_by_a_rare_name_alone_and_common_words_together() {
        let k = |w: &str, weight: f64| Key {
            word: w.to_string(),
            stem: crate::text::stem(w),
            weight,
        };
        let keys = [
            k("lusitania", 5.0),
            k("truman", 3.44),
            k("sunk", 2.5),
            k("ship", 2.0),
        ];
        let none = HashSet::new();
        let sets = sufficient_sets(&keys, &none);
        let firsts: Vec<String> = sets
            .iter()
            .map(|s| {
                s.iter()
                    .map(|t| t.split('/').next().unwrap())
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect();
        assert!(firsts.contains(&"lusitania".to_string()), "{firsts:?}");
        assert!(firsts.contains(&"truman".to_string()), "{firsts:?}");
        assert!(
            firsts.iter().all(|s| s != "sunk" && s != "ship"),
            "a common word never alone: {firsts:?}"
        );
        // A rare word another claim of the card shares tells them apart no
        // more than a common one.
        let shared: HashSet<String> = [crate::text::stem("truman")].into();
        let sets = sufficient_sets(&keys, &shared);
        assert!(
            sets.iter()
                .all(|s| s.len() > 1 || !s[0].starts_with("truman")),
            "{sets:?}"
        );
    }

    #[test]
    fn a_figure_with_a_thousands_comma_is_one_key() {
        let q = QuestionStems::default();
        let k = keys(
            "reparations were fixed at £6,600 million in 1921",
            &q,
            MAX_KEYS,
        );
        assert!(k.iter().any(|k| k.word == "6 600"), "{k:?}");
        assert!(!k.iter().any(|k| k.word == "6"), "{k:?}");
        assert_eq!(term("6 600"), "6 600 | 6600");
    }
}
