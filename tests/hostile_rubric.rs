//! A rubric can't make selfmark use memory or time without end: a phrase
//! has at most 8 words and a card at most 1,500 phrases
//! (`rubric::compile::MAX_PHRASE_WORDS`, `MAX_CARD_PHRASES`), a rubric
//! past either is refused naming the field, and the largest rubric
//! accepted marks the answer that matches it most in bounded memory.

use assert_cmd::Command;
use predicates::prelude::*;

const QUESTION: &str = "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]";

fn selfmark() -> Command {
    let mut cmd = Command::cargo_bin("selfmark").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A one-card rubric for card 1 of the built-in deck with these points.
fn rubric(points: Vec<serde_json::Value>) -> tempfile::NamedTempFile {
    let rubric = serde_json::json!({
        "deck": "hostile",
        "cards": [{"card": "1", "question": QUESTION, "max": 6, "scheme": "levels",
                   "topic": [], "outcome": [], "points": points, "misconceptions": []}]
    });
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), rubric.to_string()).unwrap();
    file
}

/// A point matched by one term.
fn point(i: usize, term: &str) -> serde_json::Value {
    serde_json::json!({"id": format!("p{i}"), "label": "L", "hint": "H", "source": "S",
                       "match": {"any": [term], "gap": 255}})
}

/// The twenty words the long phrase here is made of.
fn word(i: usize) -> String {
    format!("w{}", i % 20)
}

#[test]
fn hostile_rubric_of_200_word_phrases_is_refused_naming_the_field() {
    let long: Vec<String> = (0..200).map(word).collect();
    let points = (0..500).map(|i| point(i, &long.join(" "))).collect();
    let file = rubric(points);
    selfmark()
        .args(["rubric", "check"])
        .arg(file.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cards[0].points[0].match.any[0]: a phrase of 200 words (\"w0 w1 w2 w3 …\"); \
             a phrase may have at most 8",
        ));
}

#[test]
fn hostile_rubric_of_too_many_phrases_is_refused_naming_the_card() {
    let points = (0..800)
        .map(|i| point(i, &format!("alpha{i} | beta{i}")))
        .collect();
    let file = rubric(points);
    selfmark()
        .args(["mark", "-q", "1", "--rubric"])
        .arg(file.path())
        .write_stdin("Stalin was General Secretary.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cards[0]: its rules hold 1600 phrases in all",
        ))
        .stderr(predicate::str::contains("at most 1500"));
}

/// Runs `cmd` with `stdin` and returns its exit code and peak memory in
/// kilobytes, as the kernel counted it for that process alone.
#[cfg(target_os = "linux")]
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its own usage"
)]
fn run_measured(cmd: &mut std::process::Command, stdin: &[u8]) -> (i32, i64) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid, and `wait4` fills it in for
    // this child, which it reaps.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "the child could be waited on");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

#[cfg(target_os = "linux")]
#[test]
fn largest_rubric_accepted_marks_the_answer_that_matches_it_most_in_bounded_memory() {
    // 1,500 points, each a phrase of 8 words, "yes" or "no" in one of
    // 256 orders, with the widest gap, against 20,000 words of "yes no"
    // over and over: every phrase matches at every "yes" or "no" it starts
    // with. Before matches were capped, that kept 10,000 matches of each
    // phrase and a copy for each point (gigabytes), and 500 points of
    // 200-word phrases took over 5.8 GB.
    let points = (0..1500)
        .map(|i| {
            let phrase: Vec<&str> = (0..8)
                .map(|bit| if (i >> bit) & 1 == 1 { "yes" } else { "no" })
                .collect();
            point(i, &phrase.join(" "))
        })
        .collect();
    let file = rubric(points);
    let answer = "yes no ".repeat(10_000);
    let bin = assert_cmd::cargo::cargo_bin("selfmark");
    let mut cmd = std::process::Command::new(bin);
    cmd.args(["mark", "-q", "1", "--format", "json", "--rubric"])
        .arg(file.path())
        .arg("-");
    let (code, peak_kb) = run_measured(&mut cmd, answer.as_bytes());
    assert_eq!(code, 0);
    assert!(
        peak_kb < 400 * 1024,
        "marking took {} MB at its peak",
        peak_kb / 1024
    );
}
