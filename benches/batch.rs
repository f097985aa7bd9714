//! Batch marking speed on 1,000 generated answers (about 150 words, the
//! six cards in turn; see `examples/generate-answers`), split into where
//! the time goes: reading the files, marking them one after another and
//! in parallel, writing JSON Lines, and the whole `selfmark batch` process
//! over a folder.
//! `scripts/bench-batch.sh` measures the same end to end on 100,000.

#[path = "../examples/generate-answers/answers.rs"]
mod answers;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const ANSWERS: usize = 1_000;

fn compiled() -> CompiledRubric {
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).expect("seed rubric parses");
    CompiledRubric::compile(&set, builtin::RUBRIC_NAME).expect("seed rubric compiles")
}

/// Writes the class as `DIR/<student>/<card>.txt` once, under target/.
fn folder(class: &[(String, usize, String)]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-batch-1000");
    if !root.join("student00166/4.txt").exists() {
        for (student, card, text) in class {
            let dir = root.join(student);
            std::fs::create_dir_all(&dir).expect("create answers folder");
            std::fs::write(dir.join(format!("{card}.txt")), text).expect("write answer");
        }
    }
    root
}

fn bench(c: &mut Criterion) {
    let class: Vec<(String, usize, String)> = answers::Class::new(ANSWERS, 42).collect();
    let rubric = compiled();
    let root = folder(&class);
    let paths: Vec<PathBuf> = class
        .iter()
        .map(|(s, card, _)| root.join(s).join(format!("{card}.txt")))
        .collect();

    let mut g = c.benchmark_group("batch of 1,000 answers");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ANSWERS as u64));
    g.bench_function("read the files", |b| {
        b.iter(|| {
            paths
                .iter()
                .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.len()))
                .sum::<usize>()
        })
    });
    // One answer after another on one thread, as each worker of a batch
    // marks its share: unlike marking one answer over and over, the
    // processor cannot learn the answer's branches, so this is the cost a
    // batch pays per answer.
    g.bench_function("mark one after another (one thread, in memory)", |b| {
        b.iter(|| {
            class
                .iter()
                .map(|(_, card, text)| rubric.mark(card - 1, black_box(text)).mark)
                .sum::<u32>()
        })
    });
    // The same 1,000 marks two ways: ten answers in turn, a hundred
    // rounds, and each of them a hundred times in a row. The work is the
    // same; in a row, the processor learns each answer's branches, so the
    // difference is what guessing them wrong costs when every answer is
    // new, as in a batch.
    let ten = &class[..10];
    g.bench_function("ten answers in turn, 100 rounds (one thread)", |b| {
        b.iter(|| {
            (0..ANSWERS / ten.len())
                .flat_map(|_| ten)
                .map(|(_, card, text)| rubric.mark(card - 1, black_box(text)).mark)
                .sum::<u32>()
        })
    });
    g.bench_function("ten answers, each 100 times in a row (one thread)", |b| {
        b.iter(|| {
            ten.iter()
                .flat_map(|a| std::iter::repeat_n(a, ANSWERS / ten.len()))
                .map(|(_, card, text)| rubric.mark(card - 1, black_box(text)).mark)
                .sum::<u32>()
        })
    });
    g.bench_function("mark in parallel (rayon, in memory)", |b| {
        b.iter(|| {
            class
                .par_iter()
                .map(|(_, card, text)| rubric.mark(card - 1, black_box(text)))
                .collect::<Vec<_>>()
        })
    });
    let results: Vec<_> = class
        .iter()
        .map(|(_, card, text)| rubric.mark(card - 1, text))
        .collect();
    g.bench_function("write JSON Lines", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(4 << 20);
            for r in &results {
                black_box(r).write_json(&mut out);
                out.push(b'\n');
            }
            out.len()
        })
    });
    g.bench_function(
        "selfmark batch FOLDER --format jsonl (whole process)",
        |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_selfmark"))
                    .args(["batch", "--format", "jsonl"])
                    .arg(&root)
                    .stdout(Stdio::null())
                    .status()
                    .expect("selfmark runs");
                assert!(status.success());
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
