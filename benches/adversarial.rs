//! Marking time against an answer's length, on adversarial shapes (one
//! endless sentence of rubric words, comma-joined words, all connectives,
//! all negators, short linked sentences) at 1,000, 5,000 and 20,000 words
//! (the most an answer may have), against card 1 of the built-in rubric.
//! Marking should grow about linearly: the 20,000-word case about twenty
//! times the 1,000-word one. `tests/linear_marking.rs` checks the same
//! growth by instruction counts.
//!
//! With `SELFMARK_SHAPE=INDEX:WORDS` set, marks that one shape once
//! without criterion, for `valgrind --tool=callgrind` or `time`.

#[path = "support/shapes.rs"]
mod shapes;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric};
use std::hint::black_box;

fn compiled() -> CompiledRubric {
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).expect("seed rubric parses");
    CompiledRubric::compile(&set, builtin::RUBRIC_NAME).expect("seed rubric compiles")
}

fn bench(c: &mut Criterion) {
    let rubric = compiled();
    for shape in shapes::SHAPES {
        let mut group = c.benchmark_group(format!("adversarial/{}", shape.name));
        group.sample_size(10);
        for words in [1_000, 5_000, 20_000] {
            let answer = shapes::answer(shape, words);
            group.throughput(Throughput::Elements(words as u64));
            group.bench_with_input(BenchmarkId::from_parameter(words), &answer, |b, a| {
                b.iter(|| rubric.mark(0, black_box(a)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);

fn main() {
    if let Some((shape, words)) = std::env::var("SELFMARK_SHAPE").ok().and_then(|v| {
        let (s, w) = v.split_once(':')?;
        Some((s.parse::<usize>().ok()?, w.parse::<usize>().ok()?))
    }) {
        let rubric = compiled();
        let answer = shapes::answer(&shapes::SHAPES[shape], words);
        let start = std::time::Instant::now();
        let result = rubric.mark(0, black_box(&answer));
        eprintln!(
            "{} at {words} words: {}/{} in {:?}",
            shapes::SHAPES[shape].name,
            result.mark,
            result.max,
            start.elapsed()
        );
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
