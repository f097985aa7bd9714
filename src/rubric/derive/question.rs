//! Reading a question the way an examiner does before marking it: its
//! command word and its marks say how it is marked, and its words say what
//! an explanation must reach and what the answer is about.
//!
//! - "Why…?", "Explain why…", "How did…", "How far…", "To what extent…"
//!   worth 4 marks or more are marked by levels of response: reasons
//!   identified, then explained (MARKING.md). Anything else ("Describe…",
//!   "List and describe…", "State…", a 1–2 mark question, a card with no
//!   maximum) is marked one mark a point.
//! - The **outcome** of a levels question is what its reasons lead to: the
//!   question's own words that are not names, generic words or the
//!   question's frame ("fail", "anger", "hyperinflation"), each widened to
//!   its family of outcome words where it has one ("fail" → failure,
//!   collapse, weakened…; see the `outcomes` module). A reason is explained
//!   only when a causal link joins it to one of them.
//! - The **topic** is what a general answer writes about: the question's
//!   content words and names, with the rarest words of the model answer.
//!   An answer that names two of them without a specific reason is a
//!   Level 1 answer.

use super::outcomes;
use super::words::{is_stop_word, weight};
use crate::rubric::Scheme;
use crate::text::tokenize;
use std::collections::HashSet;

/// What a question's command word asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Reasons, explained: "Why…?", "Explain why…", "How did…",
    /// "How far…", "To what extent…".
    Explain,
    /// Points, one mark each: "Describe…", "List…", "State…", or a
    /// command word this reading doesn't know.
    Points,
}

/// The least marks a question must be worth to be marked by levels.
pub const LEVELS_FROM: u32 = 4;

/// How many of the model answer's rarest words join the topic.
const TOPIC_FROM_ANSWER: usize = 12;

/// Words of a question that frame it rather than say what it is about:
/// the command words, auxiliaries and the generic words of "why" questions.
const FRAME: &[&str] = &[
    "able",
    "account",
    "affect",
    "affected",
    "cause",
    "caused",
    "causes",
    "did",
    "do",
    "does",
    "effect",
    "effects",
    "explain",
    "extent",
    "far",
    "happen",
    "happened",
    "how",
    "important",
    "lead",
    "led",
    "made",
    "main",
    "make",
    "many",
    "much",
    "period",
    "reason",
    "reasons",
    "result",
    "some",
    "time",
    "way",
    "ways",
    "what",
    "why",
    "year",
    "years",
];

/// The words that open a time adjunct of a question.
const TIME_OPENERS: &[&str] = &[
    "after",
    "before",
    "between",
    "during",
    "following",
    "since",
    "until",
];

/// Whether a question word frames it ([`FRAME`]): one every question is
/// framed in ("why", "cause", "able"…), not what it asks about.
pub(super) fn frames(word: &str) -> bool {
    FRAME.binary_search(&word).is_ok()
}

/// A question read: how to mark it, what its reasons lead to, what it is
/// about.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub command: Command,
    pub scheme: Scheme,
    /// Outcome terms (`a/b/c`), for a levels question.
    pub outcome: Vec<String>,
    /// Topic terms, for a levels question.
    pub topic: Vec<String>,
    /// The scheme the teacher chose, when it was not read from the
    /// question.
    pub forced: Option<Scheme>,
}

/// The command word of a question (without its "(b)" and `[6]`).
pub fn command(question: &str) -> Command {
    let q = question.trim_start().to_lowercase();
    const EXPLAIN: &[&str] = &[
        "why",
        "explain why",
        "how did",
        "how do",
        "how does",
        "how was",
        "how were",
        "how far",
        "how important",
        "how successful",
        "how effective",
        "to what extent",
        "account for",
        "what were the reasons",
        "what was the reason",
        "what were the main reasons",
        "what were the causes",
    ];
    let starts = |p: &str| {
        q.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    };
    if EXPLAIN.iter().any(|p| starts(p)) {
        Command::Explain
    } else {
        Command::Points
    }
}

/// The years a text names ([`crate::text::year`]), and the end of a span
/// written short ("1929–33" names 1929 and 1933).
fn years(text: &str) -> Vec<u16> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    for (i, t) in toks.tokens.iter().enumerate() {
        let Some(y) = crate::text::year(t.norm()) else {
            continue;
        };
        out.push(y);
        if let Some(next) = toks.tokens.get(i + 1)
            && next.norm().len() == 2
            && next.norm().bytes().all(|b| b.is_ascii_digit())
            && matches!(text[t.end..next.start].trim(), "-" | "–" | "—")
            && let Ok(short) = next.norm().parse::<u16>()
        {
            let end = y / 100 * 100 + short;
            if end > y {
                out.push(end);
            }
        }
    }
    out
}

/// The latest year a question is about, when it names one ("Why was
/// there hyperinflation in Germany in 1923?"): the latest year it or its
/// model answer names, as the model answer may go on to consequences
/// ("$13 billion between 1948 and 1952").
pub fn until(question: &str, answer: &str) -> Option<u16> {
    let asked = years(question);
    let latest = asked.iter().copied().max()?;
    Some(years(answer).into_iter().fold(latest, u16::max))
}

/// Reads a question worth `max` marks (if it says), whose model answer is
/// `answer`, to be marked in `forced` if the teacher chose a scheme.
pub fn read(question: &str, max: Option<u32>, answer: &str, forced: Option<Scheme>) -> Reading {
    let command = command(question);
    let levels = forced.map_or(
        command == Command::Explain && max.is_some_and(|m| m >= LEVELS_FROM),
        |s| s == Scheme::Levels,
    );
    if !levels {
        return Reading {
            command,
            scheme: Scheme::Points,
            outcome: Vec::new(),
            topic: Vec::new(),
            forced,
        };
    }
    let toks = tokenize(question);
    let mut outcome = Vec::new();
    let mut topic = Vec::new();
    let mut seen_outcome = HashSet::new();
    let mut seen_topic = HashSet::new();
    let is_name = |t: &crate::text::Token| {
        t.start > 0
            && question[t.start..t.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    // A name is the outcome when it is what the question's verb acts on
    // ("begin the Berlin Blockade", "introduce the Marshall Plan"), not
    // its subject or a place or time ("in Germany", "of Versailles").
    let mut object = false;
    let mut last_content_lower = false;
    // A time adjunct ("after Lenin's death", "between 1945 and 1948") says
    // when, not what the reasons lead to: its words are topic only.
    let mut when = false;
    for t in &toks.tokens {
        let word = t.norm();
        let name = is_name(t);
        when |= TIME_OPENERS.contains(&word);
        if name && !object {
            object = last_content_lower;
        } else if !name && word != "the" {
            object = false;
        }
        if is_stop_word(word) {
            if word != "the" {
                last_content_lower = false;
            }
            continue;
        }
        last_content_lower = !name;
        if frames(word) || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if seen_topic.insert(t.stem().to_string()) {
            topic.push(word.to_string());
        }
        if name && !object || when {
            continue;
        }
        let term = match outcomes::family(word) {
            Some(family) => family.join("/"),
            None => word.to_string(),
        };
        if seen_outcome.insert(term.clone()) {
            outcome.push(term);
        }
    }
    // The model answer's rarest words are what an answer on the topic
    // names.
    let answer_toks = tokenize(answer);
    let mut rare: Vec<(f64, &str, &str)> = answer_toks
        .tokens
        .iter()
        .filter(|t| !is_stop_word(t.norm()) && !t.norm().chars().all(|c| c.is_ascii_digit()))
        .map(|t| (weight(t.norm()), t.norm(), t.stem()))
        .collect();
    rare.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, word, stem) in rare {
        if topic.len() >= TOPIC_FROM_ANSWER + seen_outcome.len() {
            break;
        }
        if seen_topic.insert(stem.to_string()) {
            topic.push(word.to_string());
        }
    }
    Reading {
        command,
        scheme: Scheme::Levels,
        outcome,
        topic,
        forced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_words_are_sorted_for_binary_search() {
        assert!(
            FRAME.windows(2).all(|w| w[0] < w[1]),
            "FRAME must be sorted"
        );
    }

    #[test]
    fn why_questions_worth_four_or_more_are_marked_by_levels() {
        for q in [
            "Why did the League of Nations fail?",
            "Explain why the Nazis gained support 1929–33.",
            "How did Stalin control the Soviet people?",
            "How far was the Treaty of Versailles to blame?",
        ] {
            assert_eq!(command(q), Command::Explain, "{q}");
            assert_eq!(read(q, Some(6), "", None).scheme, Scheme::Levels, "{q}");
            assert_eq!(
                read(q, Some(2), "", None).scheme,
                Scheme::Points,
                "{q}: 2 marks"
            );
            assert_eq!(
                read(q, None, "", None).scheme,
                Scheme::Points,
                "{q}: no maximum"
            );
        }
        for q in [
            "Describe the Treaty of Versailles.",
            "List and describe three adaptations of a cactus.",
            "State the meaning of the term isotope.",
            "Whyever not?",
        ] {
            assert_eq!(command(q), Command::Points, "{q}");
            assert_eq!(read(q, Some(6), "", None).scheme, Scheme::Points, "{q}");
        }
    }

    #[test]
    fn the_outcome_is_the_questions_own_words_widened_to_their_family() {
        let r = read("Why did the League of Nations fail?", Some(6), "", None);
        assert!(
            r.outcome
                .iter()
                .any(|t| t.split('/').any(|w| w == "collapse"))
        );
        assert!(
            !r.outcome.iter().any(|t| t.contains("league")),
            "names are the subject, not the outcome: {:?}",
            r.outcome
        );
        let r = read(
            "Why did the Treaty of Versailles cause anger in Germany?",
            Some(6),
            "",
            None,
        );
        assert!(
            r.outcome
                .iter()
                .any(|t| t.split('/').any(|w| w == "resentment"))
        );
        assert!(!r.outcome.iter().any(|t| t.split('/').any(|w| w == "cause")));
        assert!(
            !r.outcome
                .iter()
                .any(|t| t.contains("germany") || t.contains("versailles")),
            "places and the subject are not the outcome: {:?}",
            r.outcome
        );
        assert!(r.topic.contains(&"versailles".to_string()));
        let r = read(
            "Why did Stalin begin the Berlin Blockade in 1948?",
            Some(6),
            "",
            None,
        );
        for w in ["berlin", "blockade"] {
            assert!(r.outcome.contains(&w.to_string()), "{w}: {:?}", r.outcome);
        }
        assert!(
            !r.outcome.contains(&"stalin".to_string()),
            "{:?}",
            r.outcome
        );
    }

    #[test]
    fn a_question_that_names_a_year_is_about_up_to_its_latest() {
        assert_eq!(
            until(
                "Why was there hyperinflation in Germany in 1923?",
                "Reparations were fixed in 1921; Germany fell behind in 1922."
            ),
            Some(1923)
        );
        assert_eq!(
            until(
                "Why did the USA introduce the Marshall Plan in 1947?",
                "About $13 billion was given between 1948 and 1952."
            ),
            Some(1952)
        );
        assert_eq!(
            until("Explain why the Nazis gained support 1929–33.", ""),
            Some(1933)
        );
        assert_eq!(
            until("Why did the Treaty of Versailles cause anger?", "In 1921 …"),
            None
        );
    }

    #[test]
    fn a_time_adjunct_is_topic_not_outcome() {
        let r = read(
            "Why was there a struggle for power after Lenin's death?",
            Some(6),
            "",
            None,
        );
        assert!(
            r.outcome
                .iter()
                .any(|t| t.split('/').any(|w| w == "rivals")),
            "{:?}",
            r.outcome
        );
        assert!(
            !r.outcome.iter().any(|t| t.contains("death")),
            "{:?}",
            r.outcome
        );
        assert!(r.topic.contains(&"death".to_string()), "{:?}", r.topic);
    }

    #[test]
    fn a_chosen_scheme_overrides_the_question() {
        let q = "Describe the Treaty of Versailles.";
        assert_eq!(read(q, Some(6), "", None).scheme, Scheme::Points);
        let r = read(q, Some(6), "", Some(Scheme::Levels));
        assert_eq!(r.scheme, Scheme::Levels);
        assert!(r.topic.contains(&"versailles".to_string()));
        let q = "Why did the League of Nations fail?";
        assert_eq!(
            read(q, Some(6), "", Some(Scheme::Points)).scheme,
            Scheme::Points
        );
    }

    #[test]
    fn the_topic_takes_the_model_answers_rarest_words() {
        let r = read(
            "Why did the League of Nations fail?",
            Some(6),
            "The USA never joined. Manchuria and Abyssinia showed sanctions did not work.",
            None,
        );
        for w in ["manchuria", "abyssinia", "sanctions"] {
            assert!(r.topic.contains(&w.to_string()), "{w}: {:?}", r.topic);
        }
    }
}
