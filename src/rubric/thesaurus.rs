//! A small built-in thesaurus of the words students use for the same
//! historical idea ("executed", "shot", "killed"; "supporters", "allies",
//! "mates"). Compiling a rubric widens every word found here to its whole
//! group, so each rubric needn't list them, and every rubric benefits.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Groups of interchangeable single words, folded to lower case.
const GROUPS: &[&[&str]] = &[
    &[
        "executed",
        "shot",
        "killed",
        "murdered",
        "liquidated",
        "assassinated",
    ],
    &["exiled", "expelled", "deported", "banished", "banned"],
    &[
        "supporters",
        "allies",
        "friends",
        "mates",
        "followers",
        "backers",
        "loyalists",
        "cronies",
    ],
    &["arrested", "detained", "imprisoned", "jailed", "locked"],
    &[
        "feared",
        "scared",
        "afraid",
        "frightened",
        "terrified",
        "fearful",
    ],
    &["fear", "terror", "fright"],
    &["tortured", "beaten"],
    &[
        "removed",
        "sacked",
        "dismissed",
        "ousted",
        "kicked",
        "purged",
    ],
    &["appointed", "promoted", "installed", "placed"],
    &["jobs", "posts", "positions", "roles"],
    &["opponents", "rivals", "enemies"],
    &["unpopular", "disliked", "hated", "mistrusted", "distrusted"],
    &[
        "arrogant",
        "conceited",
        "cocky",
        "vain",
        "bigheaded",
        "smug",
    ],
    &[
        "clever", "cunning", "shrewd", "crafty", "sly", "smart", "sneaky",
    ],
    &["underestimated", "underrated"],
    &["obedient", "loyal", "submissive"],
    &["confessed", "admitted"],
    &["threat", "danger", "menace"],
    &["successor", "heir"],
    &["ill", "sick", "unwell"],
    &["rude", "harsh", "coarse"],
    &["informers", "informants", "snitches", "spies"],
];

/// The other words of `word`'s group, if it has one.
pub fn synonyms(word: &str) -> &'static [&'static str] {
    static INDEX: OnceLock<FxHashMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            GROUPS
                .iter()
                .flat_map(|g| g.iter().map(move |w| (*w, *g)))
                .collect()
        })
        .get(word)
        .copied()
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_symmetric_and_disjoint() {
        for g in GROUPS {
            for w in *g {
                assert_eq!(synonyms(w), *g, "{w} is in more than one group");
            }
        }
        assert!(synonyms("stalin").is_empty());
    }
}
