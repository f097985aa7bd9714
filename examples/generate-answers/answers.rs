//! A reproducible class of synthetic answers for batch benchmarks: about
//! 150 words each, spread evenly over the built-in deck's six cards. Each
//! answer strings together sentences of its card's model answer (so the
//! marker finds real points to credit), a sentence or two from other
//! cards, and everyday student phrasing, picked by a seeded generator:
//! the same seed gives the same class, byte for byte.

use selfmark::{Deck, builtin};

/// Sentences any answer might hold.
const FILLER: [&str; 12] = [
    "There are many reasons for this and I will explain the most important ones.",
    "This was very important at the time.",
    "Historians still argue about which reason mattered most.",
    "In my opinion this was the main reason.",
    "This shows how Stalin used every chance he got.",
    "Ordinary people did not really know what was going on.",
    "Another reason is linked to this one.",
    "It is also worth mentioning what happened afterwards.",
    "This made a big difference in the end.",
    "Some people at the time did not see how serious this was.",
    "Overall there were several reasons that worked together.",
    "So in conclusion it was a mix of all of these things.",
];

/// Words that start a sentence the way students do.
const OPENERS: [&str; 6] = [
    "Also ",
    "Another reason is that ",
    "Secondly ",
    "",
    "",
    "Furthermore ",
];

/// A small, fast generator (SplitMix64): reproducible across platforms.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The sentences of a model answer worth quoting: four words or more.
fn sentences(model: &str) -> Vec<String> {
    model
        .split(['.', '\n', '•'])
        .map(|s| {
            s.trim()
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim()
        })
        .filter(|s| s.split_whitespace().count() >= 4)
        .map(|s| format!("{s}."))
        .collect()
}

/// Makes answers: `(student, card number, text)`, card after card for
/// each student in turn.
pub struct Class {
    pools: Vec<Vec<String>>,
    rng: Rng,
    made: usize,
    count: usize,
}

impl Class {
    pub fn new(count: usize, seed: u64) -> Class {
        let deck =
            Deck::parse(builtin::DECK, builtin::DECK_NAME).expect("the built-in deck parses");
        let pools = deck.cards.iter().map(|c| sentences(&c.answer)).collect();
        Class {
            pools,
            rng: Rng::new(seed),
            made: 0,
            count,
        }
    }

    fn answer(&mut self, card: usize) -> String {
        let target = 140 + self.rng.below(21);
        let mut words = 0;
        let mut out = String::new();
        while words < target {
            let roll = self.rng.below(10);
            let sentence = if roll < 7 {
                let pool = &self.pools[card];
                let s = &pool[self.rng.below(pool.len())];
                let opener = OPENERS[self.rng.below(OPENERS.len())];
                if opener.is_empty() {
                    s.clone()
                } else {
                    let mut chars = s.chars();
                    let first = chars
                        .next()
                        .map(|c| c.to_lowercase().to_string())
                        .unwrap_or_default();
                    format!("{opener}{first}{}", chars.as_str())
                }
            } else if roll < 8 {
                let other = self.rng.below(self.pools.len());
                let pool = &self.pools[other];
                pool[self.rng.below(pool.len())].clone()
            } else {
                FILLER[self.rng.below(FILLER.len())].to_string()
            };
            words += sentence.split_whitespace().count();
            if !out.is_empty() {
                out.push(if self.rng.below(5) == 0 { '\n' } else { ' ' });
            }
            out.push_str(&sentence);
        }
        out.push('\n');
        out
    }
}

impl Iterator for Class {
    type Item = (String, usize, String);

    fn next(&mut self) -> Option<Self::Item> {
        if self.made == self.count {
            return None;
        }
        let cards = self.pools.len();
        let student = format!("student{:05}", self.made / cards);
        let card = self.made % cards;
        self.made += 1;
        let text = self.answer(card);
        Some((student, card + 1, text))
    }
}
