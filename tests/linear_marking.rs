//! Marking time grows about linearly with an answer's length, whatever
//! the answer's shape (one endless sentence of rubric words, words joined
//! by commas, all connectives, all negators, short linked sentences): the
//! instructions to mark 20,000 words, counted by callgrind, are at most
//! 15 times those to mark 2,000 (linear growth gives 10; the square of the
//! length, 100). Counting instructions, not time, keeps the test steady on
//! a busy machine. Each count is taken in a child process, this test
//! binary run again under `valgrind --tool=callgrind` and collecting only
//! inside [`mark_one`].
//!
//! Without valgrind the test says so and passes, unless
//! `SELFMARK_REQUIRE_VALGRIND=1` is set (as CI sets it).

#[path = "support/callgrind.rs"]
mod callgrind;
#[path = "../benches/support/shapes.rs"]
mod shapes;

use selfmark::builtin;
use selfmark::report::MarkResult;
use selfmark::rubric::{self, CompiledRubric};
use std::time::Duration;

/// Set in the child: which shape to mark, and at how many words.
const CHILD: &str = "SELFMARK_LINEAR_CHILD";

/// How many times the instructions of the 2,000-word case the 20,000-word
/// case may take.
const MOST_GROWTH: f64 = 15.0;

/// How long a child may take: marking that grew with the square of the
/// length would take hours under callgrind at 20,000 words, and fails the
/// test instead.
const CHILD_TIME: Duration = Duration::from_secs(300);

/// Marks one answer: the only function whose instructions are counted.
#[inline(never)]
fn mark_one(rubric: &CompiledRubric, answer: &str) -> MarkResult {
    rubric.mark(0, answer)
}

/// In the child: compiles the built-in rubric and marks the shape once.
fn child(spec: &str) {
    let (shape, words) = spec.split_once(':').expect("shape:words");
    let shape = &shapes::SHAPES[shape.parse::<usize>().expect("shape index")];
    let words: usize = words.parse().expect("word count");
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).expect("seed rubric parses");
    let rubric = CompiledRubric::compile(&set, builtin::RUBRIC_NAME).expect("it compiles");
    let answer = shapes::answer(shape, words);
    let result = mark_one(&rubric, &answer);
    assert!(result.mark <= result.max);
}

/// The instructions `mark_one` takes on a shape at a length, counted in
/// a child running test `test` alone.
fn instructions(test: &str, shape: usize, words: usize) -> u64 {
    callgrind::instructions(
        test,
        "*mark_one*",
        (CHILD, &format!("{shape}:{words}")),
        CHILD_TIME,
    )
}

/// Checks that marking shape `shape` grows about linearly, as test
/// `test`; in the child, marks what it is asked to.
fn grows_linearly(test: &str, shape: usize) {
    if let Ok(spec) = std::env::var(CHILD) {
        child(&spec);
        return;
    }
    if !callgrind::available() {
        return;
    }
    let name = shapes::SHAPES[shape].name;
    let small = instructions(test, shape, 2_000);
    let large = instructions(test, shape, 20_000);
    let growth = large as f64 / small as f64;
    eprintln!("{name}: {small} instructions at 2,000 words, {large} at 20,000 ({growth:.1}x)");
    assert!(
        growth <= MOST_GROWTH,
        "marking {name} grows faster than linearly: {small} instructions at 2,000 words, \
         {large} at 20,000 ({growth:.1}x, at most {MOST_GROWTH}x allowed)"
    );
}

#[test]
fn one_endless_sentence_of_rubric_words_marks_in_linear_time() {
    grows_linearly(
        "one_endless_sentence_of_rubric_words_marks_in_linear_time",
        0,
    );
}

#[test]
fn comma_joined_rubric_words_mark_in_linear_time() {
    grows_linearly("comma_joined_rubric_words_mark_in_linear_time", 1);
}

#[test]
fn all_connectives_mark_in_linear_time() {
    grows_linearly("all_connectives_mark_in_linear_time", 2);
}

#[test]
fn all_negators_mark_in_linear_time() {
    grows_linearly("all_negators_mark_in_linear_time", 3);
}

#[test]
fn short_linked_sentences_mark_in_linear_time() {
    grows_linearly("short_linked_sentences_mark_in_linear_time", 4);
}
