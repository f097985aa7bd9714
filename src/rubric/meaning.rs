//! What a drafted point means, beyond its rules' words: the content words
//! of the model-answer sentence it comes from (its `source`), each with a
//! weight by rarity. A sentence of an answer that
//! holds enough of that weight makes the point when its rules find nothing
//! ("they wanted heavy payments from Germany to punish it" for "Stalin
//! wanted heavy reparations to punish Germany and rebuild the USSR"): a
//! drafted rubric keys a point on a few of its sentence's rarest words,
//! and an answer in the student's own words may use others of them.

use super::CardRubric;
use crate::text::english::zipf;
use crate::text::tokenize;

/// The share of a point's meaning weight one sentence must hold.
pub const SHARE: f32 = 0.35;

/// How far above a sentence that must not match the share is set.
pub const REFUSED_MARGIN: f32 = 0.01;

/// The fewest of a point's meaning words one sentence must hold.
pub const MIN_WORDS: usize = 2;

/// The fewest meaning words a point must have for its meaning to be
/// judged at all: with fewer, two words are the whole point, and its
/// rules say it better.
pub const MIN_MEANING_WORDS: usize = 3;

/// One content word of a point's meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct MeaningWord {
    /// The word as written (folded), for traces.
    pub word: String,
    /// Its stem key ([`crate::text::stem_key`]).
    pub key: u64,
    /// How much it says: 7 − its Zipf frequency, at least a half.
    pub weight: f32,
}

/// A point's meaning words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meaning {
    pub words: Vec<MeaningWord>,
    /// The sum of the words' weights.
    pub total: f32,
    /// The share of `total` a sentence must hold: [`SHARE`], or more when
    /// a sentence the rubric says must not match holds that much
    /// ([`Self::refuse`]).
    pub share: f32,
}

impl Meaning {
    /// The meaning of `text` for a point of a card asking `question`: its
    /// content words that are not the question's own (those only restate
    /// what is asked), once each. Empty when it has too few to judge
    /// ([`MIN_MEANING_WORDS`]).
    pub fn of(text: &str, question: &str) -> Meaning {
        let asked: Vec<u64> = tokenize(question).tokens.iter().map(|t| t.key()).collect();
        let mut words: Vec<MeaningWord> = Vec::new();
        for t in &tokenize(text).tokens {
            let norm = t.norm();
            let digits = norm.chars().all(|c| c.is_ascii_digit());
            if t.word().function()
                || norm.chars().count() < 2 && !digits
                || asked.contains(&t.key())
                || words.iter().any(|w| w.key == t.key())
            {
                continue;
            }
            words.push(MeaningWord {
                word: norm.to_string(),
                key: t.key(),
                weight: (7.0 - zipf(norm) as f32).max(0.5),
            });
        }
        if words.len() < MIN_MEANING_WORDS {
            return Meaning::default();
        }
        let total = words.iter().map(|w| w.weight).sum();
        Meaning {
            words,
            total,
            share: SHARE,
        }
    }

    /// The share of this meaning's weight a text holds, each word counted
    /// once, denied or not: what [`Self::made_by`] would weigh of it.
    pub fn held_by(&self, text: &str) -> f32 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let keys: Vec<u64> = tokenize(text).tokens.iter().map(|t| t.key()).collect();
        let held: f32 = self
            .words
            .iter()
            .filter(|w| keys.contains(&w.key))
            .map(|w| w.weight)
            .sum();
        held / self.total
    }

    /// Raises the share a sentence must hold above what each of
    /// `no_match` holds: the rubric's author said those sentences must
    /// not make the point, so its meaning must not make it of them either.
    pub fn refuse(&mut self, no_match: &[String]) {
        for text in no_match {
            let held = self.held_by(text);
            if held >= self.share {
                self.share = held + REFUSED_MARGIN;
            }
        }
    }

    /// Shares out the weight of a word that several of one card's points
    /// mean ("Europe" and "war" in most reasons for the Marshall Plan)
    /// among them: it tells none of them apart, so each keeps its weight
    /// divided by how many mean it.
    pub fn share_out(meanings: &mut [Meaning]) {
        let mut points_with: rustc_hash::FxHashMap<u64, f32> = Default::default();
        for m in meanings.iter() {
            for w in &m.words {
                *points_with.entry(w.key).or_default() += 1.0;
            }
        }
        for m in meanings.iter_mut() {
            for w in &mut m.words {
                w.weight /= points_with[&w.key];
            }
            m.total = m.words.iter().map(|w| w.weight).sum();
        }
    }

    /// The meanings of a card's points, in order: each point's
    /// ([`Self::of`] its `source`) when the card asks for meaning, its
    /// words' weights shared out among the card's points
    /// ([`Self::share_out`]) and its share raised above its `no_match`
    /// examples' ([`Self::refuse`]); empty ones when it does not.
    pub fn of_card(card: &CardRubric) -> Vec<Meaning> {
        let mut meanings: Vec<Meaning> = card
            .points
            .iter()
            .map(|p| {
                // A drafted point is keyed on a few of its sentence's words,
                // and its meaning finds the sentence said with others of them.
                if !card.meaning || p.source.is_empty() {
                    Meaning::default()
                } else {
                    Meaning::of(&p.source, &card.question)
                }
            })
            .collect();
        Meaning::share_out(&mut meanings);
        for (meaning, p) in meanings.iter_mut().zip(&card.points) {
            meaning.refuse(&p.examples.no_match);
        }
        meanings
    }

    /// Whether there is a meaning to judge.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether words of weight `weight`, `count` of them, are enough of
    /// this meaning to make the point.
    pub fn made_by(&self, weight: f32, count: usize) -> bool {
        count >= MIN_WORDS && weight >= self.share * self.total
    }

    /// The words, for a trace: "meaning: reparations, punish, germany".
    pub fn describe(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.word.as_str()).collect();
        format!("meaning: {}", words.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_questions_own_words_and_function_words_mean_nothing_here() {
        let m = Meaning::of(
            "Stalin wanted heavy reparations to punish Germany",
            "Why did relations between Stalin and Truman get worse?",
        );
        let words: Vec<&str> = m.words.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(
            words,
            ["wanted", "heavy", "reparations", "punish", "germany"]
        );
        assert!((m.total - m.words.iter().map(|w| w.weight).sum::<f32>()).abs() < 1e-6);
    }

    #[test]
    fn a_rare_word_weighs_more_than_a_common_one() {
        let m = Meaning::of("reparations were wanted by the victors", "Why?");
        let weight = |w: &str| m.words.iter().find(|m| m.word == w).unwrap().weight;
        assert!(weight("reparations") > weight("wanted"));
    }

    #[test]
    fn too_few_words_are_no_meaning() {
        assert!(Meaning::of("Lenin's funeral", "Why?").is_empty());
        let m = Meaning::of("Trotsky missed Lenin's funeral", "Why?");
        assert!(!m.is_empty());
        assert!(!m.made_by(m.total, 1));
        assert!(m.made_by(m.total * SHARE, 2));
        assert!(!m.made_by(m.total * SHARE * 0.9, 2));
    }

    #[test]
    fn a_sentence_that_must_not_match_raises_the_share() {
        let mut m = Meaning::of(
            "Stalin tricked Trotsky about the date of Lenin's funeral",
            "Why?",
        );
        let wrong = "Trotsky told Stalin the date of Lenin's funeral.";
        let held = m.held_by(wrong);
        assert!(held >= SHARE, "{held}");
        m.refuse(&[wrong.to_string()]);
        assert!(m.share > held);
        assert!(!m.made_by(held * m.total, 3));
        // A sentence that holds less leaves it alone.
        let mut n = Meaning::of(
            "Stalin tricked Trotsky about the date of Lenin's funeral",
            "Why?",
        );
        n.refuse(&["Trotsky was ill.".to_string()]);
        assert_eq!(n.share, SHARE);
    }
}
