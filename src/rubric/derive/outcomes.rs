//! Families of the words an explanation reaches for: what "why" questions
//! ask about (failing, winning, support, anger, fear, control, crisis…),
//! each with the words students use to say it. A question's outcome word
//! is widened to its family, so "…so the League collapsed" explains a
//! reason for "Why did the League of Nations fail?" as "…so it failed"
//! does. Written by hand from the wording of history mark schemes and
//! answers; a word in no family stands for itself (and its forms, which
//! the marker matches by stem).

use crate::text::stem;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The families. A word may belong to one family only.
const FAMILIES: &[&[&str]] = &[
    &[
        "fail",
        "failure",
        "failed",
        "collapse",
        "collapsed",
        "ineffective",
        "unsuccessful",
        "useless",
        "powerless",
        "weakened",
        "undermined",
        "doomed",
    ],
    &[
        "succeed",
        "success",
        "successful",
        "effective",
        "worked",
        "achieved",
        "achieve",
    ],
    &[
        "win",
        "won",
        "victory",
        "victorious",
        "triumph",
        "beat",
        "elected",
        "election",
        "landslide",
    ],
    &["lose", "lost", "loss", "defeat", "defeated", "beaten"],
    &[
        "support",
        "supported",
        "supporters",
        "backing",
        "backed",
        "votes",
        "voted",
        "vote",
        "popular",
        "popularity",
        "followers",
        "appeal",
        "appealed",
        "attracted",
    ],
    &[
        "oppose",
        "opposed",
        "opposition",
        "opponents",
        "resist",
        "resisted",
        "resistance",
        "criticise",
        "criticised",
        "criticized",
        "criticism",
        "protest",
        "protested",
        "against",
        "unpopular",
        "disliked",
    ],
    &[
        "anger",
        "angry",
        "angered",
        "resent",
        "resented",
        "resentment",
        "furious",
        "fury",
        "outrage",
        "outraged",
        "hated",
        "hatred",
        "bitter",
        "bitterness",
        "humiliated",
        "humiliation",
        "unfair",
        "upset",
    ],
    &[
        "fear",
        "feared",
        "afraid",
        "scared",
        "frightened",
        "terrified",
        "terror",
        "worried",
        "threat",
        "threatened",
        "threatening",
        "alarmed",
        "nervous",
    ],
    &[
        "control",
        "controlled",
        "dominate",
        "dominated",
        "domination",
        "rule",
        "ruled",
        "grip",
        "influence",
        "power",
        "powerful",
    ],
    &[
        "crisis",
        "crises",
        "problem",
        "problems",
        "trouble",
        "troubles",
        "difficulties",
        "unrest",
        "chaos",
        "instability",
        "unstable",
    ],
    &[
        "weak",
        "weakness",
        "weaknesses",
        "weaker",
        "fragile",
        "vulnerable",
    ],
    &[
        "strong",
        "strength",
        "stronger",
        "strengthen",
        "strengthened",
    ],
    &[
        "worse",
        "worsened",
        "deteriorated",
        "tension",
        "tensions",
        "mistrust",
        "distrust",
        "suspicion",
        "suspicious",
        "rivalry",
        "breakdown",
        "hostility",
    ],
    &[
        "struggle",
        "struggled",
        "fought",
        "contest",
        "contested",
        "competition",
        "compete",
        "competed",
        "rivals",
        "battle",
    ],
    &[
        "war", "conflict", "fighting", "invade", "invaded", "invasion", "attack", "attacked",
    ],
    &[
        "increase",
        "increased",
        "rise",
        "rose",
        "grew",
        "growth",
        "soared",
        "boom",
    ],
    &[
        "decline",
        "declined",
        "fall",
        "fell",
        "drop",
        "dropped",
        "slump",
        "crash",
        "crashed",
        "decrease",
        "decreased",
    ],
    &[
        "inflation",
        "hyperinflation",
        "prices",
        "worthless",
        "devalued",
    ],
    &[
        "appease",
        "appeasement",
        "appeased",
        "concessions",
        "gave",
        "allowed",
    ],
    &[
        "agree",
        "agreed",
        "agreement",
        "signed",
        "sign",
        "accepted",
        "accept",
        "pact",
        "deal",
    ],
    &[
        "join",
        "joined",
        "entered",
        "enter",
        "involved",
        "involvement",
    ],
    &[
        "begin",
        "began",
        "start",
        "started",
        "launch",
        "launched",
        "introduce",
        "introduced",
        "set",
    ],
    &[
        "end", "ended", "stop", "stopped", "halt", "halted", "finished", "over",
    ],
    &["declare", "declared", "declaration"],
    &["spread", "spreading", "expansion", "expand", "expanded"],
];

/// The family of `word` (matched by its stem), if it has one.
pub fn family(word: &str) -> Option<&'static [&'static str]> {
    static BY_STEM: OnceLock<HashMap<String, usize>> = OnceLock::new();
    let index = BY_STEM.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, f) in FAMILIES.iter().enumerate() {
            for w in *f {
                m.entry(stem(w)).or_insert(i);
            }
        }
        m
    });
    index.get(&stem(word)).map(|&i| FAMILIES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_one_family() {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, f) in FAMILIES.iter().enumerate() {
            for w in *f {
                if let Some(&j) = seen.get(&stem(w)) {
                    assert_eq!(i, j, "{w} is in two families");
                }
                seen.insert(stem(w), i);
            }
        }
    }

    #[test]
    fn a_question_word_finds_its_family_by_stem() {
        assert!(family("failing").is_some_and(|f| f.contains(&"collapse")));
        assert!(family("angers").is_some_and(|f| f.contains(&"resentment")));
        assert!(family("treaty").is_none());
    }
}
