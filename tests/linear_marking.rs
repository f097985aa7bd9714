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

#[path = "../benches/support/shapes.rs"]
mod shapes;

use selfmark::builtin;
use selfmark::report::MarkResult;
use selfmark::rubric::{self, CompiledRubric};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Set in the child: which shape to mark, and at how many words.
const CHILD: &str = "SELFMARK_LINEAR_CHILD";

/// How many times the instructions of the 2,000-word case the 20,000-word
/// case may take.
const MOST_GROWTH: f64 = 15.0;

/// How long a child may take: marking that grew with the square of the
/// length would take hours under callgrind at 20,000 words, and fails the
/// test instead.
const CHILD_TIME: Duration = Duration::from_secs(300);

/// Waits for `child` and returns what it printed, or fails the test if
/// it is still running after `limit`.
fn finish_within(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child
        .try_wait()
        .expect("the child can be waited on")
        .is_none()
    {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("marking took over {limit:?} under callgrind: far from linear");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("the child's output")
}

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
/// a child running test `test` alone, or `None` when valgrind can't be
/// run.
fn instructions(test: &str, shape: usize, words: usize) -> Option<u64> {
    let exe = std::env::current_exe().expect("the test binary");
    let out_file = tempfile::NamedTempFile::new().expect("a temporary file");
    let child = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--toggle-collect=*mark_one*")
        .arg(format!(
            "--callgrind-out-file={}",
            out_file.path().display()
        ))
        .arg(&exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{shape}:{words}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let output = finish_within(child, CHILD_TIME);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the child marking {} at {words} words failed:\n{stderr}",
        shapes::SHAPES[shape].name
    );
    let collected = stderr
        .lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no instruction count from callgrind:\n{stderr}"));
    Some(collected.parse().expect("a count"))
}

/// Checks that marking shape `shape` grows about linearly, as test
/// `test`; in the child, marks what it is asked to.
fn grows_linearly(test: &str, shape: usize) {
    if let Ok(spec) = std::env::var(CHILD) {
        child(&spec);
        return;
    }
    let have_valgrind = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_valgrind {
        assert!(
            std::env::var("SELFMARK_REQUIRE_VALGRIND").as_deref() != Ok("1"),
            "valgrind is needed to count instructions and is not installed"
        );
        eprintln!("valgrind is not installed: instruction counts not checked");
        return;
    }
    let name = shapes::SHAPES[shape].name;
    let small = instructions(test, shape, 2_000).expect("valgrind runs");
    let large = instructions(test, shape, 20_000).expect("valgrind runs");
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
