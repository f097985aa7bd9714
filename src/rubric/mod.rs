//! Rubrics: what a good answer to each card says, as data.
//!
//! A rubric file (JSON) holds one [`CardRubric`] per card: the maximum mark,
//! the marking [`Scheme`], the [`Point`]s an examiner credits and the card's
//! common [`Misconception`]s. Each point carries its own match rules and
//! example sentences that must and must not match it, so a rubric is
//! tested like code. [`parse`] reads a file with precise error locations,
//! [`CompiledRubric`] is the form that marks answers.

mod check;
pub mod compile;
pub mod derive;
mod examples;
pub mod lint;
mod load;
pub mod marks_table;
pub mod meaning;
pub mod needs;
pub mod reversal;
pub mod rows;
mod term;
pub mod thesaurus;

pub use check::{Problem, check_against_deck};
pub use compile::{CompiledCard, CompiledRubric, PointRules};
pub use examples::{ExampleFailure, ExamplePart, ExampleReport};
pub use load::{parse, validate};
pub use marks_table::{MarkRow, MarksTable};
pub use term::{Phrase, Term, parse_term};

use serde::{Deserialize, Serialize};

/// The largest rubric file read, in bytes (16 MiB): the command line reads
/// no input file larger, and `rubric derive` writes no draft larger.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A rubric file: one rubric per card of a deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricSet {
    /// The title of the deck the rubric was written for.
    #[serde(default)]
    pub deck: String,
    pub cards: Vec<CardRubric>,
}

/// How points become a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Levels of response (the Cambridge `(b) [6]` table in MARKING.md).
    #[default]
    Levels,
    /// One mark per point identified, up to the maximum, or as the card's
    /// count-to-mark table ([`MarksTable`]) says.
    Points,
}

/// What a causal link must reach to explain a point of a levels card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Links {
    /// An outcome mention: "P, so O", "O because P" (with O one of the
    /// card's outcome terms). A card without outcome terms takes any link
    /// beside the point whose sentences hold words of the answer's own.
    #[default]
    Outcome,
    /// An outcome mention or, where the point has no link to one, a link
    /// beside it whose sentences hold twice the words of the answer's own
    /// an outcome link needs: a developed consequence in words the outcome
    /// terms didn't foresee ("printed more banknotes, which made each note
    /// worth less"). `rubric derive` writes this, since terms drawn from a
    /// question can't foresee every wording of its outcome.
    Developed,
}

impl Links {
    /// Whether it is the default, [`Links::Outcome`].
    pub fn is_outcome(&self) -> bool {
        *self == Links::Outcome
    }
}

/// The rubric of one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardRubric {
    /// The card's id or number in the deck.
    pub card: String,
    /// The question, as in the deck (checked against it).
    pub question: String,
    /// The maximum mark.
    pub max: u32,
    #[serde(default)]
    pub scheme: Scheme,
    /// How many points identified earn how many marks, for a points-scheme
    /// card: "3 marks for four, 2 for three, 1 for one or two". Without
    /// it, one mark a point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<MarksTable>,
    /// Words that show an answer is about the card's topic at all (Level 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topic: Vec<String>,
    /// Terms naming the outcome the question asks about ("lost", "feared"):
    /// an explanation links a point to one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome: Vec<String>,
    /// What a causal link must reach to explain a point ([`Links`]): an
    /// outcome mention (the default), or, failing one, words enough of
    /// the answer's own.
    #[serde(default, skip_serializing_if = "Links::is_outcome")]
    pub links: Links,
    /// The latest year the question is about ("in 1923"): an answer
    /// whose every year is later answers another question, and is marked
    /// at Level 1 at most. Without it, no answer is judged by its years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<u16>,
    /// Whether a point whose rules find nothing may be found by its
    /// meaning: a sentence holding enough of the weight of the words of
    /// its `source` (see [`meaning`]). `rubric derive` sets it, as a
    /// drafted point is keyed on a few of its sentence's words; a rubric
    /// written by hand says all it credits in its rules and examples.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub meaning: bool,
    pub points: Vec<Point>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<Misconception>,
}

/// One creditable point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Unique within the card, e.g. "general-secretary".
    pub id: String,
    /// What the student should say.
    pub label: String,
    /// The feedback shown when the point is missing.
    pub hint: String,
    /// The model-answer sentence the point comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(rename = "match")]
    pub rules: Rules,
    #[serde(default, skip_serializing_if = "Examples::is_empty")]
    pub examples: Examples,
    /// Ids of other points of the card that the same words rightly earn
    /// too (a claim that implies another): `rubric lint` does not warn
    /// that they overlap. Marking is the same either way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlaps: Vec<String>,
    /// Free text for the rubric's author (e.g. how a draft was derived).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// The match rules of a point or misconception. The rule matches a
/// sentence when any `any` term, every slot of some `all` group, or every
/// term of some `near` group (within its window) is present, not negated,
/// and no `exclude` term is in that sentence.
///
/// A term is a string: phrase alternatives separated by `|`, words by
/// spaces, word alternatives by `/`, e.g. `"missed/skipped the funeral |
/// wrong date"`. Words are compared by stem, and words of five letters or
/// more tolerate typos (one, or two from nine letters; `typos` caps it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Match {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near: Vec<Near>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// The most typos any word of this rule tolerates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typos: Option<u8>,
    /// How many other words may stand between consecutive words of a
    /// phrase (default 1: "missed the funeral" matches "missed Lenin's funeral").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<u8>,
    /// Who must (not) be doing it: see [`Roles`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Roles>,
}

impl Match {
    /// How many other words may stand between a phrase's words: `gap`, or
    /// 1 when the rule doesn't say.
    pub fn gap(&self) -> usize {
        usize::from(self.gap.unwrap_or(1))
    }
}

/// Who did what. The person named nearest before a match in its sentence
/// (a name denied as in "not Trotsky" aside) must not be one of `not`:
/// "Trotsky was General Secretary" does not credit Stalin's post. Names in
/// `agent` are the right ones; they end the search like any other name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agent: Vec<String>,
    pub not: Vec<String>,
}

/// One set of match rules, or several (each with its own exclusions and
/// roles), any of which credits the point. In JSON: an object or an array
/// of objects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules(pub Vec<Match>);

impl Serialize for Rules {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Rules {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Rules;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a match object or an array of match objects")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Rules, A::Error> {
                Match::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|m| Rules(vec![m]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Rules, A::Error> {
                Vec::<Match>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Rules)
            }
        }
        d.deserialize_any(V)
    }
}

/// Terms that must all appear within `window` words of each other, in
/// any order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Near {
    pub terms: Vec<String>,
    pub window: usize,
}

/// Sentences that must and must not match a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, rename = "match", skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_match: Vec<String>,
}

impl Examples {
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty() && self.no_match.is_empty()
    }
}

/// A statement that uses a point's words with the history wrong. Found in
/// an answer, it cancels the point it contradicts and shows the correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    pub id: String,
    /// The id of the point it contradicts.
    pub point: String,
    #[serde(rename = "match")]
    pub rules: Rules,
    /// The correction shown to the student.
    pub correction: String,
    #[serde(default, skip_serializing_if = "Examples::is_empty")]
    pub examples: Examples,
}
