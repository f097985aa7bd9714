//! Generated decks for measuring how drafting a rubric grows with the
//! number of cards: tab-separated `(b) question [6]<TAB>answer` lines whose
//! model answers run to about 150 words in sentences of 25 to 50, each
//! sentence a claim of the model answer (one point), the words drawn from
//! the built-in word list in proportion to how common they are in English
//! (so, like real prose, about half are function words), but for the
//! words that would split a sentence into claims of its own ("and",
//! "but"…), from a fixed seed: the same deck every time. Shared by
//! `benches/derive.rs` and `tests/derive_at_scale.rs`.

use std::sync::OnceLock;

/// The word list drafting ranks words by (`word zipf×100` a line).
const LIST: &str = include_str!("../../src/text/word-frequencies.txt");

/// The listed words of letters only, with the running total of their
/// weights (10^zipf, their share of English text).
fn table() -> &'static (Vec<&'static str>, Vec<f64>) {
    static TABLE: OnceLock<(Vec<&'static str>, Vec<f64>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words = Vec::new();
        let mut running = Vec::new();
        let mut total = 0.0;
        for line in LIST.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, zipf)) = line.split_once(' ') else {
                continue;
            };
            let Ok(zipf) = zipf.parse::<f64>() else {
                continue;
            };
            if !word.chars().all(|c| c.is_ascii_lowercase())
                || matches!(word, "and" | "but" | "or" | "while" | "whereas")
            {
                continue;
            }
            total += 10f64.powf(zipf / 100.0);
            words.push(word);
            running.push(total);
        }
        (words, running)
    })
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// A word, as often as English uses it.
    fn word(&mut self) -> &'static str {
        let (words, running) = table();
        let at = self.unit() * running[running.len() - 1];
        words[running.partition_point(|&r| r <= at).min(words.len() - 1)]
    }
}

/// A sentence of `lo..=hi` words, capitalised and ended with a full stop.
fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.between(lo, hi);
    let mut s: String = (0..n).map(|_| rng.word()).collect::<Vec<_>>().join(" ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    s.push('.');
    s
}

/// A deck of `cards` cards as tab-separated text, a card a line.
pub fn tsv(cards: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::new();
    for _ in 0..cards {
        out.push_str("(b) Why did ");
        out.push_str(
            &sentence(&mut rng, 5, 9)
                .to_lowercase()
                .replace('.', "? [6]"),
        );
        out.push('\t');
        let mut words = 0;
        while words < 150 {
            let s = sentence(&mut rng, 25, 50);
            words += s.split(' ').count();
            if words > s.split(' ').count() {
                out.push(' ');
            }
            out.push_str(&s);
        }
        out.push('\n');
    }
    out
}
