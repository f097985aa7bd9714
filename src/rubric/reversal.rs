//! What reverses a point: the words of its model-answer sentence (its
//! `source`) that have opposites ([`crate::text::opposites`]), each with
//! them and with the words it stands beside. An answer that matches the
//! point but says an opposite in its place (beside one of those words),
//! where the model sentence's own word is nowhere in its sentence, states
//! the point reversed ("they have low melting points" for "high melting
//! points"; "the alveoli have thick walls" for "thin walls"), and earns
//! nothing for it, as a misconception would. An opposite beside other
//! words says something else ("thin walls" beside "a dense network of
//! capillaries").

use crate::text::opposites::opposites;
use crate::text::{NEGATION_REACH, Token, tokenize};
use std::sync::OnceLock;

/// How many words either side of a source word, in its clause, its
/// neighbours are taken from ("high" beside "melting" and "points").
pub const NEIGHBOURS_REACH: usize = 2;

/// One word of a point's model sentence and the words that reverse it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversible {
    /// The word as written (folded), for traces.
    pub word: String,
    /// Its stem key.
    pub key: u64,
    /// The stem keys of its opposites.
    pub opposites: Vec<u64>,
    /// The stem keys of the content words beside it in its clause: an
    /// opposite reverses the point only beside one of these.
    pub neighbours: Vec<u64>,
}

/// A point's reversible words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reversal {
    pub words: Vec<Reversible>,
    /// Every word's opposites, sorted: most of an answer's words are none
    /// of them, which one search tells.
    pub any: Vec<u64>,
}

impl Reversal {
    /// The reversible words of a point's model sentence `source`: its
    /// content words not denied in it, nor set against an opposite in it
    /// ("high melting points and low densities" reverses neither), each
    /// with those of its opposites that none of the point's `examples`
    /// that must match says without the word (the rubric shows that the
    /// opposite there still makes the point: "Lenin disliked Stalin" for
    /// "Lenin did not like Stalin").
    pub fn of(source: &str, examples: &[String]) -> Reversal {
        let toks = tokenize(source);
        let own: Vec<u64> = toks.tokens.iter().map(|t| t.key()).collect();
        // The examples' words, worked out only for a point that has a
        // reversible word (most have none).
        let mut said: Option<Vec<Vec<u64>>> = None;
        let mut words: Vec<Reversible> = Vec::new();
        for (i, t) in toks.tokens.iter().enumerate() {
            if t.word().function()
                || t.negator()
                || denied(&toks.tokens, i)
                || words.iter().any(|w| w.key == t.key())
            {
                continue;
            }
            let all = opposites(t.norm());
            if all.is_empty() || all.iter().any(|o| own.contains(o)) {
                continue;
            }
            let said = said.get_or_insert_with(|| {
                examples
                    .iter()
                    .map(|e| tokenize(e).tokens.iter().map(|t| t.key()).collect())
                    .collect()
            });
            let opposites: Vec<u64> = all
                .into_iter()
                .filter(|o| !said.iter().any(|e| e.contains(o) && !e.contains(&t.key())))
                .collect();
            let neighbours: Vec<u64> = toks.tokens
                [i.saturating_sub(NEIGHBOURS_REACH)..(i + NEIGHBOURS_REACH + 1).min(own.len())]
                .iter()
                .filter(|n| n.clause == t.clause && !n.word().function() && n.key() != t.key())
                .map(|n| n.key())
                .collect();
            if !opposites.is_empty() && !neighbours.is_empty() {
                words.push(Reversible {
                    word: t.norm().to_string(),
                    key: t.key(),
                    opposites,
                    neighbours,
                });
            }
        }
        let mut any: Vec<u64> = words.iter().flat_map(|w| w.opposites.clone()).collect();
        any.sort_unstable();
        any.dedup();
        Reversal { words, any }
    }

    /// Whether no word of the point can be reversed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The reversible words that the word of stem key `key` says the
    /// opposite of.
    pub fn reversed_by(&self, key: u64) -> impl Iterator<Item = &Reversible> {
        let any = self.any.binary_search(&key).is_ok();
        self.words
            .iter()
            .filter(move |w| any && w.opposites.contains(&key))
    }
}

/// A point's [`Reversal`], worked out from its model sentence and
/// examples when a match of it is first weighed: marking one answer
/// weighs few of a rubric's points, and working out every point's on
/// loading the rubric took a tenth of a `selfmark mark` process.
#[derive(Debug, Clone, Default)]
pub struct LazyReversal {
    source: String,
    examples: Vec<String>,
    done: OnceLock<Reversal>,
}

impl LazyReversal {
    /// The reversal of a point with model sentence `source` and the
    /// sentences `examples` that must match it, not yet worked out.
    pub fn new(source: &str, examples: &[String]) -> LazyReversal {
        LazyReversal {
            source: source.to_string(),
            examples: examples.to_vec(),
            done: OnceLock::new(),
        }
    }

    /// The reversal, worked out the first time it is asked for.
    pub fn get(&self) -> &Reversal {
        self.done
            .get_or_init(|| Reversal::of(&self.source, &self.examples))
    }
}

impl PartialEq for LazyReversal {
    /// Two are equal when they are worked out from the same sentences.
    fn eq(&self, other: &LazyReversal) -> bool {
        self.source == other.source && self.examples == other.examples
    }
}

/// Whether the `i`th of tokens `t` is denied: a negator or a word that
/// lessens it ("less water is lost", "reduces evaporation", "was never
/// made public") stands up to [`NEGATION_REACH`] words before it in its
/// clause. Its opposite then agrees with it.
pub fn denied(t: &[Token], i: usize) -> bool {
    (i.saturating_sub(NEGATION_REACH)..i)
        .any(|j| t[j].clause == t[i].clause && (t[j].negator() || lessens(t[j].norm())))
}

/// Words that turn what follows them the other way round, as a negator
/// does.
fn lessens(norm: &str) -> bool {
    matches!(
        norm,
        "less"
            | "fewer"
            | "reduce"
            | "reduces"
            | "reduced"
            | "reducing"
            | "prevent"
            | "prevents"
            | "prevented"
            | "stop"
            | "stops"
            | "stopped"
            | "without"
            | "lack"
            | "lacked"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(source: &str, examples: &[&str]) -> Vec<String> {
        let examples: Vec<String> = examples.iter().map(|e| e.to_string()).collect();
        Reversal::of(source, &examples)
            .words
            .into_iter()
            .map(|w| w.word)
            .collect()
    }

    #[test]
    fn a_model_sentences_words_with_opposites_are_reversible() {
        assert_eq!(
            words("Alveoli have thin walls and a large area.", &[]),
            ["thin", "large"]
        );
    }

    #[test]
    fn a_denied_word_or_one_whose_opposite_the_sentence_says_is_not() {
        assert!(words("The letter was never made public.", &[]).is_empty());
        let r = Reversal::of("High melting points and low densities.", &[]);
        assert!(r.words.iter().all(|w| w.word != "high" && w.word != "low"));
    }

    #[test]
    fn an_opposite_a_matching_example_says_does_not_reverse() {
        let key = |w: &str| tokenize(w).tokens[0].key();
        let r = Reversal::of("Lenin liked Trotsky more.", &[]);
        assert!(r.reversed_by(key("disliked")).next().is_some());
        let r = Reversal::of(
            "Lenin liked Trotsky more.",
            &["Lenin disliked Stalin".to_string()],
        );
        assert!(r.reversed_by(key("disliked")).next().is_none());
    }
}
