//! Marking speed: a 200-word answer against the compiled six-card seed
//! rubric (target under 50 µs per answer on one core), and compiling the
//! rubric itself, which happens once per run.

use criterion::{Criterion, criterion_group};
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric};
use std::hint::black_box;

/// A realistic 200-word answer to card 1, with typos and paraphrase.
const ANSWER: &str = "Trotsky lost the leadership struggle for several reasons. Firstly Stalin was the \
General Secretary of the Communist Party, this meant he could appoint his own supporters to important \
jobs in the party, so when it came to votes in the Politburo and at party congresses they backed him \
and not Trotsky. Secondly Trotsky missed Lenin's funeral because Stalin gave him the wrong date, while \
Stalin was chief mourner and gave the main speech. This made Stalin look like Lenin's loyal follower \
and made Trotsky look arrogant and like he did not care. Also Trotsky was seen as arrogant and big \
headed, he called Stalin the grey blur and didnt build up a group of supporters. Many Bolsheviks did \
not trust him because he had been a Menshevik until 1917 and they were scared he would use the Red \
Army to become a dictator like Napoleon. Stalin joined with Zinoview and Kamanev to isolate Trotsky \
and later with Bukarin against them. Stalins idea of socialism in one country was more popular than \
permanent revolution which people thought would drag Russia into more wars. In the end Trotsky was \
sacked as war commissar, expelled from the party in 1927 and exiled in 1929, so he could not challenge \
Stalin any more.";

fn compiled() -> CompiledRubric {
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).expect("seed rubric parses");
    CompiledRubric::compile(&set, builtin::RUBRIC_NAME).expect("seed rubric compiles")
}

fn bench(c: &mut Criterion) {
    let words = ANSWER.split_whitespace().count();
    assert!(
        (190..=215).contains(&words),
        "the benchmark answer has {words} words"
    );
    let rubric = compiled();
    c.bench_function("mark 200-word answer, card 1 of six-card rubric", |b| {
        b.iter(|| rubric.mark(0, black_box(ANSWER)))
    });
    c.bench_function(
        "mark 200-word answer, cold word cache (first answer of a run)",
        |b| {
            b.iter(|| {
                selfmark::text::clear_word_cache();
                selfmark::marker::index::clear_match_cache();
                rubric.mark(0, black_box(ANSWER))
            })
        },
    );
    c.bench_function("mark 200-word answer against all six cards", |b| {
        b.iter(|| {
            let idx = rubric.index(black_box(ANSWER));
            rubric
                .judge_all(&idx)
                .iter()
                .map(|j| j.tally.explained)
                .sum::<usize>()
        })
    });
    c.bench_function("parse and compile the six-card rubric", |b| {
        b.iter(compiled)
    });
}

criterion_group!(benches, bench);

/// With `SELFMARK_MARK_ITERS=N` set, marks the answer once to warm the
/// per-thread caches and then N more times, without criterion: a steady
/// loop to count instructions under `valgrind --tool=callgrind` (run it
/// with two values of N; the difference over the difference in N is the
/// cost of one warm answer).
fn main() {
    if let Some(n) = std::env::var("SELFMARK_MARK_ITERS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let rubric = compiled();
        for _ in 0..=n {
            black_box(rubric.mark(0, black_box(ANSWER)));
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
