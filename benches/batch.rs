//! Batch marking speed on generated answers (about 150 words, the six
//! cards in turn; see `examples/generate-answers`): on 1,000, split into
//! where the time goes (reading the files, marking them one after another
//! and in parallel, writing JSON Lines, and the whole `selfmark batch`
//! process over a folder); on 100,000, the whole process over a folder,
//! the class `scripts/bench-batch.sh` times beside `cat`.

#[path = "../examples/generate-answers/answers.rs"]
mod answers;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

const ANSWERS: usize = 1_000;
/// The class the end-to-end target (50,000 answers a second) is set on.
const CLASS: usize = 100_000;

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

/// Writes the 100,000-answer class once as `DIR/<student>/<card>.txt`
/// under target/, streamed from the generator (the same answers, seed 42,
/// as `scripts/bench-batch.sh`). A file beside the folder, written last,
/// says it is whole, so a run stopped while writing starts it again.
fn class_folder() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join("bench-batch-100000");
    let whole = tmp.join("bench-batch-100000.whole");
    if !whole.exists() {
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("remove a part-written class");
        }
        for (student, card, text) in answers::Class::new(CLASS, 42) {
            let dir = root.join(&student);
            std::fs::create_dir_all(&dir).expect("create answers folder");
            std::fs::write(dir.join(format!("{card}.txt")), text).expect("write answer");
        }
        std::fs::write(&whole, "").expect("mark the class written");
    }
    root
}

/// Runs `selfmark batch ROOT --format jsonl` with its output thrown away.
fn batch_process(root: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_selfmark"))
        .args(["batch", "--format", "jsonl"])
        .arg(root)
        .stdout(Stdio::null())
        .status()
        .expect("selfmark runs");
    assert!(status.success());
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
        |b| b.iter(|| batch_process(&root)),
    );
    g.finish();

    // The end-to-end target: 100,000 answers from a folder, at 50,000 or
    // more a second on two cores. Each run takes a second or more, so ten
    // runs over about half a minute.
    let mut g = c.benchmark_group("batch of 100,000 answers");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.throughput(Throughput::Elements(CLASS as u64));
    g.bench_function(
        "selfmark batch FOLDER --format jsonl (whole process)",
        |b| {
            // Written here, so a run filtered to the 1,000 skips it.
            let class = class_folder();
            b.iter(|| batch_process(&class))
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
