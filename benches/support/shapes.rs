//! Adversarial answer shapes for measuring how marking time grows with an
//! answer's length: each is a run of words that makes the marker do as
//! much as it can per word (rubric words, connectives, negators), written
//! out to a given number of words. Shared by `benches/adversarial.rs` and
//! `tests/linear_marking.rs`.

/// A shape: its name, the words it repeats and what joins them.
pub struct Shape {
    pub name: &'static str,
    pub words: &'static [&'static str],
    pub join: &'static str,
}

/// Rubric words of card 1 with a forward and a backward connective and an
/// outcome, over and over.
const RUBRIC_WORDS: &[&str] = &[
    "Stalin",
    "General",
    "Secretary",
    "appointed",
    "supporters",
    "so",
    "Trotsky",
    "lost",
    "because",
];

/// The shapes: one endless sentence of rubric words; the same joined by
/// commas alone (one "word" to a whitespace split, every word to the
/// marker); every connective kind; every negator; and short sentences
/// that each name a point and link it to the outcome.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "endless sentence",
        words: RUBRIC_WORDS,
        join: " ",
    },
    Shape {
        name: "comma-joined",
        words: RUBRIC_WORDS,
        join: ",",
    },
    Shape {
        name: "connectives",
        words: &[
            "so",
            "because",
            "therefore",
            "this",
            "meant",
            "which",
            "led",
            "to",
            "as",
            "a",
            "result",
            "due",
            "to",
            "since",
            "lost",
        ],
        join: " ",
    },
    Shape {
        name: "negators",
        words: &[
            "not",
            "never",
            "no",
            "nobody",
            "nothing",
            "neither",
            "nor",
            "cannot",
            "didn't",
            "wasn't",
            "or",
            "Stalin",
            "General",
            "Secretary",
        ],
        join: " ",
    },
    Shape {
        name: "short sentences",
        words: &[
            "Stalin",
            "was",
            "General",
            "Secretary.",
            "So",
            "Trotsky",
            "lost",
            "because",
            "of",
            "his",
            "supporters.",
        ],
        join: " ",
    },
];

/// An answer of `words` words in the shape.
pub fn answer(shape: &Shape, words: usize) -> String {
    let mut out = String::with_capacity(words * 10);
    for i in 0..words {
        if i > 0 {
            out.push_str(shape.join);
        }
        out.push_str(shape.words[i % shape.words.len()]);
    }
    out
}
