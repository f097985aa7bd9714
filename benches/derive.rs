//! Drafting a rubric against the number of cards: `derive_deck` on
//! generated decks of 1,000 and 4,000 cards of about 150 words of model
//! answer each (`support/deck.rs`), without the limit on the draft's size
//! (4,000 such cards draft more than the 16 MiB the loader reads, which
//! `rubric derive` refuses). Drafting should grow linearly: 4,000 cards
//! about four times 1,000. `tests/derive_at_scale.rs` checks the growth by
//! instruction counts.
//!
//! With `SELFMARK_DECK_CARDS=N` set, prints the deck of N cards instead,
//! for timing the binary:
//!
//! ```text
//! SELFMARK_DECK_CARDS=2000 cargo bench --bench derive > deck.tsv
//! time selfmark rubric derive deck.tsv -o rubric.json
//! ```
//!
//! With `SELFMARK_DERIVE_CARDS=N` set, drafts the deck of N cards once,
//! without the size limit, and says how long it took.

#[path = "support/deck.rs"]
mod deck;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use selfmark::Deck;
use selfmark::rubric::derive::derive_deck_within;
use std::hint::black_box;
use std::io::Write;

fn generated(cards: usize) -> Deck {
    Deck::parse(&deck::tsv(cards), "deck.tsv").expect("the generated deck parses")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive");
    group.sample_size(10);
    for cards in [1_000, 4_000] {
        let deck = generated(cards);
        group.throughput(Throughput::Elements(cards as u64));
        group.bench_with_input(BenchmarkId::from_parameter(cards), &deck, |b, d| {
            b.iter(|| derive_deck_within(black_box(d), None, usize::MAX).expect("the deck drafts"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);

/// A number of cards from the environment variable `var`.
fn cards(var: &str) -> Option<usize> {
    std::env::var(var).ok().and_then(|v| v.parse().ok())
}

fn main() {
    if let Some(cards) = cards("SELFMARK_DECK_CARDS") {
        std::io::stdout()
            .write_all(deck::tsv(cards).as_bytes())
            .expect("the deck is written");
        return;
    }
    if let Some(cards) = cards("SELFMARK_DERIVE_CARDS") {
        let deck = generated(cards);
        let start = std::time::Instant::now();
        let draft = derive_deck_within(&deck, None, usize::MAX).expect("the deck drafts");
        eprintln!(
            "{cards} cards: drafted in {:.2?}, {} points, {} bytes",
            start.elapsed(),
            draft
                .set
                .cards
                .iter()
                .map(|c| c.points.len())
                .sum::<usize>(),
            draft.text.len()
        );
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
