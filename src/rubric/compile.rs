//! A rubric compiled for marking: every word of every term is interned
//! once into a shared vocabulary (folded form, stem, typo allowance, fuzzy
//! buckets), and terms become phrases of vocabulary ids. Compiling is done
//! once; the compiled rubric then marks any number of answers.

use super::meaning::Meaning;
use super::needs::Needs;
use super::reversal::LazyReversal;
use super::rows::Rows;
use super::term::parse_term;
use super::thesaurus;
use super::{CardRubric, MarksTable, Match, RubricSet, Scheme};
use crate::error::RubricError;
use crate::text::english::one_spelling;
use crate::text::{fold_question, stem};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Index of a word in the [`Vocab`].
pub type WordId = u32;

/// One distinct rubric word with the typo allowance of the rule it is in.
#[derive(Debug, Clone)]
pub struct VocabWord {
    pub norm: String,
    pub stem: String,
    /// Edits tolerated (0 for short words, numbers and capped rules).
    pub typos: u8,
    /// Characters in `norm`.
    pub len: usize,
    /// The letters of `norm` and of `stem` as bit sets (see [`letter_mask`]).
    pub norm_mask: u32,
    pub stem_mask: u32,
    /// `norm` in one spelling of English ([`one_spelling`]), set for words
    /// that tolerate typos: a common word of an answer matches this word
    /// by typo only when it is this word in the other spelling.
    pub spelling: Box<str>,
}

/// The set of letters a–z in a word, one bit each (other characters share
/// the last bit). Each edit changes at most two bits, so words whose sets
/// differ in more than 2k bits are more than k edits apart.
pub fn letter_mask(word: &str) -> u32 {
    word.chars().fold(0, |m, c| {
        let bit = if c.is_ascii_lowercase() {
            u32::from(c as u8 - b'a')
        } else {
            26
        };
        m | (1 << bit)
    })
}

/// The words of a compiled rubric, with lookup tables.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Distinguishes vocabularies, so caches keyed by word can tell
    /// whose matches they hold.
    pub uid: u64,
    pub words: Vec<VocabWord>,
    /// Each word's id per typo allowance (0, 1, 2).
    ids: HashMap<String, [Option<WordId>; 3]>,
    pub by_norm: HashMap<String, Vec<WordId>>,
    pub by_stem: HashMap<String, Vec<WordId>>,
    /// Words that tolerate typos, by first character and length in
    /// characters.
    pub fuzzy: HashMap<(char, usize), Vec<WordId>>,
}

/// Typos a word of this length tolerates: none under five letters, one up
/// to eight, two from nine; never in numbers.
pub fn typo_allowance(word: &str, cap: Option<u8>) -> u8 {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return 0;
    }
    let n = word.chars().count();
    let auto = match n {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    cap.map_or(auto, |c| auto.min(c))
}

impl Vocab {
    fn intern(&mut self, norm: &str, cap: Option<u8>) -> WordId {
        let typos = typo_allowance(norm, cap);
        if let Some(Some(id)) = self.ids.get(norm).map(|t| t[usize::from(typos)]) {
            return id;
        }
        let id = self.words.len() as WordId;
        let stem = stem(norm);
        self.by_norm.entry(norm.to_string()).or_default().push(id);
        self.by_stem.entry(stem.clone()).or_default().push(id);
        if typos > 0
            && let Some(first) = norm.chars().next()
        {
            let len = norm.chars().count();
            self.fuzzy.entry((first, len)).or_default().push(id);
        }
        let spelling = if typos > 0 {
            one_spelling(norm).into_boxed_str()
        } else {
            Box::default()
        };
        self.words.push(VocabWord {
            spelling,
            norm: norm.to_string(),
            norm_mask: letter_mask(norm),
            stem_mask: letter_mask(&stem),
            stem,
            typos,
            len: norm.chars().count(),
        });
        self.ids.entry(norm.to_string()).or_default()[usize::from(typos)] = Some(id);
        id
    }
}

/// A phrase as slots of alternative word ids. Its slots are rows of the
/// rubric's [`CompiledRubric::slots`] (see [`CompiledRubric::slot`]), so
/// that every phrase and slot of the rubric lies in two arrays.
#[derive(Debug, Clone)]
pub struct CPhrase {
    /// Its first slot in [`CompiledRubric::slots`].
    pub first_slot: u32,
    /// How many slots it has.
    pub slot_count: u32,
    /// Index among all the rubric's phrases (in [`CompiledRubric::phrases`],
    /// and see [`CompiledRubric::needs`]).
    pub id: u32,
    /// One bit per required slot (the first 64).
    pub required: u64,
    /// The word set ([`Needs`]) of its required slots that the fewest
    /// phrases need, or [`Needs::NONE`] when it has no required slot.
    pub need: u32,
    /// Where its other needed word sets lie in [`Needs::more`].
    pub more_needs: (u32, u32),
    /// The term it is a phrase of.
    pub term: TermId,
}

/// Words a phrase may go without: "the", "a", "of", possessives.
fn is_optional_word(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "his" | "her" | "their" | "its"
    )
}

/// A compiled term: phrase alternatives, how far apart their words may
/// stand, and its source text for traces.
#[derive(Debug, Clone)]
pub struct CTerm {
    /// The term as written, in [`CompiledRubric::labels`].
    pub label: LabelId,
    /// Its phrases, a range of [`CompiledRubric::phrases`].
    pub phrases: std::ops::Range<u32>,
    pub gap: usize,
}

/// Index of a term in [`CompiledRubric::terms`]. Identical terms (same
/// text, typo cap and gap) share one id, so an answer is searched for each
/// only once however many cards and rules use it.
pub type TermId = u32;

/// Index of a rule's name in [`CompiledRubric::labels`]: matches carry
/// this number rather than a shared string, so marking on several threads
/// never touches a shared reference count.
pub type LabelId = u32;

/// What decides the matches a rule set finds ([`PointRules::finds`]).
pub type FindsKey<'a> = (
    &'a [TermId],
    &'a [Vec<TermId>],
    &'a [(Vec<TermId>, usize)],
    &'a [TermId],
    &'a Option<(Vec<TermId>, Vec<TermId>)>,
);

/// The compiled match rules of one point or misconception.
#[derive(Debug, Clone)]
pub struct PointRules {
    pub any: Vec<TermId>,
    pub all: Vec<Vec<TermId>>,
    pub near: Vec<(Vec<TermId>, usize)>,
    /// How each `any`, `all` and `near` rule is named in traces.
    pub any_labels: Vec<LabelId>,
    pub all_labels: Vec<LabelId>,
    pub near_labels: Vec<LabelId>,
    pub exclude: Vec<TermId>,
    /// Right and wrong doers: see [`super::Roles`].
    pub roles: Option<(Vec<TermId>, Vec<TermId>)>,
}

impl PointRules {
    /// Whether these rules find the same matches as `other`, but for the
    /// names of the rules (see [`Span::rule`](crate::marker::Span::rule)).
    pub fn finds_as(&self, other: &PointRules) -> bool {
        self.finds() == other.finds()
    }

    /// What decides the matches these rules find: equal for rules that
    /// find the same ([`Self::finds_as`]), and hashable, so points are
    /// numbered by it without comparing each with every other.
    pub fn finds(&self) -> FindsKey<'_> {
        (&self.any, &self.all, &self.near, &self.exclude, &self.roles)
    }

    /// Whether these rules could match at all, given whether each term
    /// could (exclusions and roles only take matches away): a term of an
    /// `any` rule, or every term of an `all` or `near` group.
    pub fn could_match(&self, mut could_find: impl FnMut(TermId) -> bool) -> bool {
        self.any.iter().any(|&t| could_find(t))
            || self.all.iter().any(|g| g.iter().all(|&t| could_find(t)))
            || self
                .near
                .iter()
                .any(|(g, _)| g.iter().all(|&t| could_find(t)))
    }
}

/// A compiled point.
#[derive(Debug, Clone)]
pub struct CompiledPoint {
    pub id: String,
    pub label: String,
    pub hint: String,
    pub rules: Vec<PointRules>,
    /// What the point means, for answers in other words than its rules'
    /// (see [`Meaning`]); empty when it has too few words to judge.
    pub meaning: Meaning,
    /// The trace's name for a match by meaning ([`Meaning::describe`]).
    pub meaning_rule: LabelId,
    /// The words of its model sentence whose opposites reverse it.
    pub reversal: LazyReversal,
    /// Shared by every point of the rubric whose rules find the same
    /// matches ([`PointRules::finds_as`]): several cards list the same
    /// point.
    pub matches_id: u32,
}

impl CompiledPoint {
    /// Whether this point's rules find the same matches as `other`'s, but
    /// for the names of the rules ([`PointRules::finds_as`]), and it means
    /// the same.
    pub fn finds_as(&self, other: &CompiledPoint) -> bool {
        self.meaning == other.meaning
            && self.reversal == other.reversal
            && self.rules.len() == other.rules.len()
            && self
                .rules
                .iter()
                .zip(&other.rules)
                .all(|(a, b)| a.finds_as(b))
    }
}

/// A compiled misconception.
#[derive(Debug, Clone)]
pub struct CompiledMisconception {
    pub id: String,
    /// Index of the contradicted point in the card's `points`.
    pub point: usize,
    pub correction: String,
    pub rules: Vec<PointRules>,
}

/// One card's rubric, compiled.
#[derive(Debug, Clone)]
pub struct CompiledCard {
    pub card: String,
    pub question: String,
    pub folded_question: String,
    /// Stems of the question's words: an answer made of these alone has
    /// copied the question.
    pub question_stems: HashSet<u64>,
    /// The question's word stems in order, to find copied runs.
    pub question_seq: Vec<u64>,
    pub max: u32,
    pub scheme: Scheme,
    /// The count-to-mark table of a points-scheme card that has one.
    pub marks: Option<MarksTable>,
    pub topic: Vec<TermId>,
    pub outcome: Vec<TermId>,
    /// What a link must reach to explain a point.
    pub links: super::Links,
    /// The latest year the question is about: see [`super::CardRubric::until`].
    pub until: Option<u16>,
    pub points: Vec<CompiledPoint>,
    pub misconceptions: Vec<CompiledMisconception>,
}

/// A whole rubric file, compiled once to mark many answers.
#[derive(Debug, Clone)]
pub struct CompiledRubric {
    pub source: RubricSet,
    pub vocab: Vocab,
    /// Every distinct term of the rubric.
    pub terms: Vec<CTerm>,
    /// Every term's phrases, term after term.
    pub phrases: Vec<CPhrase>,
    /// Every phrase's slots, phrase after phrase: the word ids that fill
    /// each, sorted.
    pub slots: Rows<WordId>,
    /// Per slot of [`Self::slots`]: may the answer leave it out? True for
    /// articles and the like inside a phrase ("missed the funeral" matches
    /// "missed Lenin's funeral"); leading and trailing ones are dropped
    /// when compiling.
    pub slot_optional: Vec<bool>,
    /// Per slot of [`Self::slots`], which distinct list of words it is:
    /// slots listing the same words ("trotsky" and its spellings, in many
    /// phrases) share one, so an answer's tokens for it are found once.
    pub slot_lists: Vec<u32>,
    /// How many distinct lists [`Self::slot_lists`] names.
    pub slot_list_count: usize,
    /// How rules are named in traces ("any: general secretary").
    pub labels: Vec<String>,
    /// The word sets each phrase needs a word of, and the sets each word
    /// is in: an answer's words then say at once which phrases could match.
    pub needs: Needs,
    pub cards: Vec<CompiledCard>,
    /// How many distinct [`CompiledPoint::matches_id`]s the cards' points
    /// have.
    pub matches_ids: usize,
    /// Causal connectives ("because", "this meant", "led to"…), each with
    /// the way it points.
    pub connectives: Vec<Connective>,
}

/// A causal connective and the way it points.
#[derive(Debug, Clone)]
pub struct Connective {
    pub term: TermId,
    /// Cause before effect ("P, so O"; "P. This meant O") when true;
    /// effect before cause ("O because P"; "Because P, O") when false.
    pub forward: bool,
    /// How many words after it the outcome must follow, for connectives
    /// that only link what comes straight after ("used the NKVD to scare
    /// people"); none for the rest.
    pub reach: Option<u32>,
}

/// Purpose, linking a reason to what immediately follows: "he purged the
/// army to make sure it obeyed", "used the show trials to scare people".
pub const PURPOSE: &str = "to";

/// How close the outcome must follow a [`PURPOSE`] connective.
pub const PURPOSE_REACH: u32 = 3;

/// Connectives whose cause comes first: "P, so O", "P. This meant O".
pub const FORWARD: &[&str] = &[
    "so | so that | therefore | thus | hence | consequently | as a result | as a consequence",
    "result/resulted/resulting in | meant | meaning | allowed | allowing | enabled | enabling",
    "let him | let them | let stalin | led to | lead/leads/leading to | in order to",
    "which made | made it | made them | made people | made him | made sure | this gave | gave him",
    "helped | helping | could | able to | ensured | ensuring | this is why | that is why | which is why",
    "because of this | because of that | due to this | as a result of this | this caused | which caused",
    "this showed | this scared | this frightened | this terrified | which scared | which frightened | which terrified",
    "for this reason | for that reason | this made | that made",
];

/// Connectives whose effect comes first: "O because P", "Because P, O".
pub const BACKWARD: &[&str] = &[
    "because | cause of | caused by | due to | since | result of | owing to | thanks to | as he | as stalin | as trotsky",
];

/// The most words a phrase may have. A phrase is a few words in order
/// ("secretary of the party"); words further apart are an `all` or `near`
/// group. Each match of a phrase keeps its words, so its length bounds
/// what marking an answer may cost.
pub const MAX_PHRASE_WORDS: usize = 8;

/// The most phrases a card's rules may hold in all, counting each
/// alternative of a term each time a rule uses it: the built-in cards hold
/// up to about 330, and a draft from a model answer of 750 words about
/// 570. The memory and time marking one answer against a card may take
/// grow with this (with at most [`crate::marker::find::MOST_MATCHES`]
/// matches kept of each).
pub const MAX_CARD_PHRASES: usize = 1_500;

struct Compiler<'a> {
    file: &'a str,
    /// The phrases the card being compiled has used so far (see
    /// [`MAX_CARD_PHRASES`]).
    card_phrases: usize,
    vocab: Vocab,
    terms: Vec<CTerm>,
    term_ids: HashMap<(String, Option<u8>, usize), TermId>,
    phrases: Vec<CPhrase>,
    slots: Rows<WordId>,
    slot_optional: Vec<bool>,
    labels: Vec<String>,
}

impl Compiler<'_> {
    fn term(
        &mut self,
        src: &str,
        cap: Option<u8>,
        gap: usize,
        field: &str,
    ) -> Result<TermId, RubricError> {
        let key = (src.to_string(), cap, gap);
        if let Some(&id) = self.term_ids.get(&key) {
            self.card_phrases += self.terms[id as usize].phrases.len();
            return Ok(id);
        }
        let term =
            parse_term(src).map_err(|m| RubricError::invalid(self.file, field.to_string(), m))?;
        if let Some(long) = term
            .phrases
            .iter()
            .find(|p| p.slots.len() > MAX_PHRASE_WORDS)
        {
            let words = long.slots.len();
            let start: Vec<&str> = long
                .slots
                .iter()
                .take(4)
                .filter_map(|slot| slot.first().map(String::as_str))
                .collect();
            return Err(RubricError::invalid(
                self.file,
                field.to_string(),
                format!(
                    "a phrase of {words} words (\"{} …\"); a phrase may have at most \
                     {MAX_PHRASE_WORDS}: split it into shorter terms, or put words that stand \
                     apart in an `all` or `near` group",
                    start.join(" ")
                ),
            ));
        }
        let first_phrase = self.phrases.len() as u32;
        let id = self.terms.len() as TermId;
        for p in &term.phrases {
            let optional_slot = |slot: &Vec<String>| slot.iter().all(|w| is_optional_word(w));
            let first = p.slots.iter().position(|s| !optional_slot(s));
            let last = p.slots.iter().rposition(|s| !optional_slot(s));
            let kept = match (first, last) {
                (Some(f), Some(l)) => &p.slots[f..=l],
                _ => &p.slots[..],
            };
            let optional: Vec<bool> = kept
                .iter()
                .map(|s| first.is_some() && optional_slot(s))
                .collect();
            let required = optional
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, o)| !**o)
                .fold(0u64, |m, (i, _)| m | (1 << i));
            let first_slot = self.slots.len() as u32;
            for slot in kept {
                let words = self.slot(slot, cap);
                self.slots.push(words);
            }
            self.slot_optional.extend(optional);
            self.phrases.push(CPhrase {
                first_slot,
                slot_count: kept.len() as u32,
                id: self.phrases.len() as u32,
                required,
                need: Needs::NONE,
                more_needs: (0, 0),
                term: id,
            });
        }
        let phrases = first_phrase..self.phrases.len() as u32;
        self.card_phrases += phrases.len();
        let label = self.label(src.to_string());
        self.terms.push(CTerm {
            label,
            phrases,
            gap,
        });
        self.term_ids.insert(key, id);
        Ok(id)
    }

    /// Names a rule for traces.
    fn label(&mut self, text: String) -> LabelId {
        self.labels.push(text);
        (self.labels.len() - 1) as LabelId
    }

    /// A term as written.
    fn source(&self, id: TermId) -> &str {
        &self.labels[self.terms[id as usize].label as usize]
    }

    /// Interns a slot's words, widened by the thesaurus, as sorted ids.
    fn slot(&mut self, words: &[String], cap: Option<u8>) -> Vec<WordId> {
        let mut ids: Vec<WordId> = Vec::new();
        for w in words {
            // Synonyms are matched exactly: a typo allowance on a word the
            // rubric's author never wrote makes false friends ("mates" ~ "made").
            let widened = std::iter::once((w.as_str(), cap))
                .chain(thesaurus::synonyms(w).iter().map(|s| (*s, Some(0))));
            for (word, cap) in widened {
                ids.push(self.vocab.intern(word, cap));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn terms(
        &mut self,
        srcs: &[String],
        cap: Option<u8>,
        gap: usize,
        field: &str,
    ) -> Result<Vec<TermId>, RubricError> {
        srcs.iter()
            .enumerate()
            .map(|(i, s)| self.term(s, cap, gap, &format!("{field}[{i}]")))
            .collect()
    }

    fn rules(&mut self, m: &Match, field: &str) -> Result<PointRules, RubricError> {
        let cap = m.typos;
        let gap = m.gap();
        let any = self.terms(&m.any, cap, gap, &format!("{field}.any"))?;
        let mut all = Vec::new();
        for (i, group) in m.all.iter().enumerate() {
            let f = format!("{field}.all[{i}]");
            if group.is_empty() {
                return Err(RubricError::invalid(
                    self.file,
                    f,
                    "an `all` group is empty",
                ));
            }
            all.push(self.terms(group, cap, gap, &f)?);
        }
        let mut near = Vec::new();
        for (i, n) in m.near.iter().enumerate() {
            let f = format!("{field}.near[{i}]");
            if n.terms.len() < 2 {
                return Err(RubricError::invalid(
                    self.file,
                    format!("{f}.terms"),
                    "a `near` rule needs at least two terms",
                ));
            }
            if n.window == 0 {
                return Err(RubricError::invalid(
                    self.file,
                    format!("{f}.window"),
                    "the window must be at least 1 word",
                ));
            }
            near.push((
                self.terms(&n.terms, cap, gap, &format!("{f}.terms"))?,
                n.window,
            ));
        }
        if any.is_empty() && all.is_empty() && near.is_empty() {
            return Err(RubricError::invalid(
                self.file,
                field.to_string(),
                "no rule: give at least one of `any`, `all` or `near`",
            ));
        }
        let exclude = self.terms(&m.exclude, cap, gap, &format!("{field}.exclude"))?;
        let roles = match &m.roles {
            None => None,
            Some(r) => {
                if r.not.is_empty() {
                    return Err(RubricError::invalid(
                        self.file,
                        format!("{field}.roles.not"),
                        "list the wrong doers this rule must not credit",
                    ));
                }
                Some((
                    self.terms(&r.agent, Some(1), 0, &format!("{field}.roles.agent"))?,
                    self.terms(&r.not, Some(1), 0, &format!("{field}.roles.not"))?,
                ))
            }
        };
        let join = |c: &Self, terms: &[TermId]| {
            terms
                .iter()
                .map(|&t| c.source(t))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let any_labels = any
            .iter()
            .map(|&t| {
                let text = format!("any: {}", self.source(t));
                self.label(text)
            })
            .collect();
        let all_labels = all
            .iter()
            .map(|g| {
                let text = format!("all: {}", join(self, g));
                self.label(text)
            })
            .collect();
        let near_labels = near
            .iter()
            .map(|(g, w)| {
                let text = format!("near({w}): {}", join(self, g));
                self.label(text)
            })
            .collect();
        Ok(PointRules {
            any_labels,
            all_labels,
            near_labels,
            any,
            all,
            near,
            exclude,
            roles,
        })
    }

    fn rule_sets(
        &mut self,
        rules: &super::Rules,
        field: &str,
    ) -> Result<Vec<PointRules>, RubricError> {
        match rules.0.as_slice() {
            [] => Err(RubricError::invalid(
                self.file,
                field.to_string(),
                "no rule: give a match object",
            )),
            [one] => Ok(vec![self.rules(one, field)?]),
            many => many
                .iter()
                .enumerate()
                .map(|(i, m)| self.rules(m, &format!("{field}[{i}]")))
                .collect(),
        }
    }

    fn card(&mut self, c: &CardRubric, field: &str) -> Result<CompiledCard, RubricError> {
        self.card_phrases = 0;
        let mut points = Vec::new();
        let mut meanings = Meaning::of_card(c).into_iter();
        for (i, p) in c.points.iter().enumerate() {
            let meaning = meanings.next().unwrap_or_default();
            points.push(CompiledPoint {
                id: p.id.clone(),
                label: p.label.clone(),
                hint: p.hint.clone(),
                rules: self.rule_sets(&p.rules, &format!("{field}.points[{i}].match"))?,
                meaning_rule: self.label(meaning.describe()),
                meaning,
                reversal: LazyReversal::new(&p.source, &p.examples.matches),
                matches_id: 0,
            });
        }
        let mut misconceptions = Vec::new();
        for (i, m) in c.misconceptions.iter().enumerate() {
            let f = format!("{field}.misconceptions[{i}]");
            let point = c
                .points
                .iter()
                .position(|p| p.id == m.point)
                .ok_or_else(|| {
                    RubricError::invalid(
                        self.file,
                        format!("{f}.point"),
                        format!("no point with id `{}` in this card", m.point),
                    )
                })?;
            misconceptions.push(CompiledMisconception {
                id: m.id.clone(),
                point,
                correction: m.correction.clone(),
                rules: self.rule_sets(&m.rules, &format!("{f}.match"))?,
            });
        }
        let folded_question = fold_question(&c.question);
        let question_seq: Vec<u64> = crate::text::tokenize(&c.question)
            .tokens
            .into_iter()
            .map(|t| t.key())
            .collect();
        let question_stems = question_seq.iter().cloned().collect();
        let topic = self.terms(&c.topic, Some(1), 1, &format!("{field}.topic"))?;
        let outcome = self.terms(&c.outcome, None, 1, &format!("{field}.outcome"))?;
        if self.card_phrases > MAX_CARD_PHRASES {
            return Err(RubricError::invalid(
                self.file,
                field.to_string(),
                format!(
                    "its rules hold {} phrases in all (each alternative of a term counted each \
                     time a rule uses it); a card may have at most {MAX_CARD_PHRASES}: drop \
                     alternatives and rules that add nothing, or keep the points a mark needs",
                    self.card_phrases
                ),
            ));
        }
        Ok(CompiledCard {
            card: c.card.clone(),
            question: c.question.clone(),
            folded_question,
            question_stems,
            question_seq,
            max: c.max,
            scheme: c.scheme,
            marks: c.marks.clone(),
            topic,
            outcome,
            links: c.links,
            until: c.until,
            points,
            misconceptions,
        })
    }
}

/// Gives each point its [`CompiledPoint::matches_id`]: the points whose
/// rules find the same matches share one. Returns how many ids there are.
/// Points are looked up by their rules' [`PointRules::finds`], so a
/// rubric of many cards compiles in time in proportion to its points.
fn number_matches(cards: &mut [CompiledCard]) -> usize {
    let mut seen: HashMap<Vec<FindsKey<'_>>, u32> = HashMap::default();
    let mut ids = Vec::new();
    for p in cards.iter().flat_map(|c| &c.points) {
        let key = p.rules.iter().map(PointRules::finds).collect();
        let next = seen.len() as u32;
        ids.push(*seen.entry(key).or_insert(next));
    }
    let count = seen.len();
    // A point several cards list means, and is reversed by, what its
    // first card's says, so that it is found alike on all of them.
    let mut first: HashMap<u32, (Meaning, LabelId, LazyReversal)> = HashMap::default();
    for (p, id) in cards.iter_mut().flat_map(|c| &mut c.points).zip(ids) {
        p.matches_id = id;
        let (meaning, rule, reversal) = first
            .entry(id)
            .or_insert_with(|| (p.meaning.clone(), p.meaning_rule, p.reversal.clone()));
        p.meaning.clone_from(meaning);
        p.meaning_rule = *rule;
        p.reversal.clone_from(reversal);
    }
    count
}

impl CompiledRubric {
    /// A term's phrases.
    pub fn phrases_of(&self, term: &CTerm) -> &[CPhrase] {
        self.phrases
            .get(term.phrases.start as usize..term.phrases.end as usize)
            .unwrap_or(&[])
    }

    /// Slot `k` of a phrase: the word ids that fill it, sorted.
    pub fn slot(&self, phrase: &CPhrase, k: usize) -> &[WordId] {
        if k < phrase.slot_count as usize {
            self.slots.get(phrase.first_slot as usize + k)
        } else {
            &[]
        }
    }

    /// Which distinct list of words ([`Self::slot_lists`]) slot `k` of a
    /// phrase is; past the last slot, a number no list has.
    pub fn slot_list(&self, phrase: &CPhrase, k: usize) -> u32 {
        if k < phrase.slot_count as usize {
            self.slot_lists
                .get(phrase.first_slot as usize + k)
                .copied()
                .unwrap_or(u32::MAX)
        } else {
            u32::MAX
        }
    }

    /// Whether the answer may leave out slot `k` of a phrase.
    pub fn slot_is_optional(&self, phrase: &CPhrase, k: usize) -> bool {
        k < phrase.slot_count as usize
            && self
                .slot_optional
                .get(phrase.first_slot as usize + k)
                .copied()
                .unwrap_or(false)
    }

    /// Compiles a validated rubric. `file` names it in errors.
    pub fn compile(set: &RubricSet, file: &str) -> Result<CompiledRubric, RubricError> {
        super::validate(set, file)?;
        static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut c = Compiler {
            file,
            card_phrases: 0,
            vocab: Vocab {
                uid: NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                ..Vocab::default()
            },
            terms: Vec::new(),
            term_ids: HashMap::default(),
            phrases: Vec::new(),
            slots: Rows::default(),
            slot_optional: Vec::new(),
            labels: Vec::new(),
        };
        let mut cards = set
            .cards
            .iter()
            .enumerate()
            .map(|(i, card)| c.card(card, &format!("cards[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let matches_ids = number_matches(&mut cards);
        let mut connectives = Vec::new();
        for (list, forward) in [(FORWARD, true), (BACKWARD, false)] {
            for src in list {
                connectives.push(Connective {
                    term: c.term(src, None, 0, "connectives")?,
                    forward,
                    reach: None,
                });
            }
        }
        connectives.push(Connective {
            term: c.term(PURPOSE, Some(0), 0, "connectives")?,
            forward: true,
            reach: Some(PURPOSE_REACH),
        });
        let (slot_lists, slot_list_count) = c.slots.distinct();
        let needs = Needs::new(&mut c.phrases, &c.slots, &slot_lists, c.vocab.words.len());
        Ok(CompiledRubric {
            source: set.clone(),
            vocab: c.vocab,
            terms: c.terms,
            phrases: c.phrases,
            slots: c.slots,
            slot_optional: c.slot_optional,
            slot_lists,
            slot_list_count,
            labels: c.labels,
            needs,
            cards,
            matches_ids,
            connectives,
        })
    }

    /// The rubric of a deck card: matched by id, then number, then by the
    /// folded question text.
    pub fn card_for(&self, card: &crate::deck::Card) -> Option<usize> {
        let number = card.number.to_string();
        let folded = fold_question(&card.question);
        self.cards
            .iter()
            .position(|c| c.card == card.id)
            .or_else(|| self.cards.iter().position(|c| c.card == number))
            .or_else(|| self.cards.iter().position(|c| c.folded_question == folded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_allowance_scales_with_length() {
        assert_eq!(typo_allowance("a", None), 0);
        assert_eq!(typo_allowance("lenin", None), 1);
        assert_eq!(typo_allowance("zinoviev", None), 1);
        assert_eq!(typo_allowance("secretary", None), 2);
        assert_eq!(typo_allowance("secretary", Some(1)), 1);
        assert_eq!(typo_allowance("1924", None), 0);
    }

    #[test]
    fn points_listed_by_several_cards_share_their_matches_id() {
        let set =
            crate::rubric::parse(crate::builtin::RUBRIC, crate::builtin::RUBRIC_NAME).unwrap();
        let r = CompiledRubric::compile(&set, crate::builtin::RUBRIC_NAME).unwrap();
        let points: Vec<&CompiledPoint> = r.cards.iter().flat_map(|c| &c.points).collect();
        let mut shared = 0;
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                let same = a.finds_as(b);
                assert_eq!(a.matches_id == b.matches_id, same, "{} and {}", a.id, b.id);
                shared += usize::from(same);
            }
        }
        assert!(shared > 0, "the built-in rubric lists some points twice");
        let ids: std::collections::BTreeSet<u32> = points.iter().map(|p| p.matches_id).collect();
        assert_eq!(ids.len(), r.matches_ids);
        assert_eq!(ids.last().map(|&id| id as usize + 1), Some(r.matches_ids));
    }
}
