//! Practice mode through the real binary: scripted practice over stdin,
//! then `stats` and `history` over what it recorded, with each test's
//! progress kept in its own `SELFMARK_HOME`.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

const ANSWER: &str = "Stalin was General Secretary, so he could appoint his supporters to important jobs in the party. \
Trotsky missed Lenin's funeral because Stalin gave him the wrong date, which made Trotsky look like he did not care.";

fn selfmark(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("selfmark").expect("binary builds");
    cmd.env_remove("NO_COLOR")
        .env_remove("SELFMARK_RATING")
        .env("SELFMARK_HOME", home);
    cmd
}

/// Runs a command and parses its stdout as one JSON value.
fn json(home: &Path, args: &[&str]) -> Value {
    let out = selfmark(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The mark `mark -q 1` gives the answer, to compare practice against.
fn expected_mark(home: &Path) -> u64 {
    let v: Value = serde_json::from_slice(
        &selfmark(home)
            .args(["mark", "-q", "1", "--format", "json"])
            .write_stdin(ANSWER)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    v["mark"].as_u64().unwrap()
}

fn practise_card_1(home: &Path) {
    selfmark(home)
        .args(["practice", "--card", "1", "--rating", "2"])
        .write_stdin(ANSWER)
        .assert()
        .success()
        .stdout(predicate::str::contains("card 1"))
        .stdout(predicate::str::contains(
            "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]",
        ))
        .stdout(predicate::str::contains("Estimated mark:"))
        .stdout(predicate::str::contains("Next review of this card:"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn scripted_practice_is_marked_recorded_and_shown_in_stats_and_history() {
    let home = tempfile::tempdir().unwrap();
    let mark = expected_mark(home.path());
    practise_card_1(home.path());
    assert!(home.path().join("progress.json").exists());

    let stats = json(home.path(), &["stats", "--format", "json"]);
    assert_eq!(stats["attempts"], 1);
    let card1 = &stats["cards"][0];
    assert_eq!(card1["card"], 1);
    assert_eq!(card1["attempts"], 1);
    assert_eq!(card1["last_mark"].as_u64(), Some(mark));
    assert_eq!(card1["best_mark"].as_u64(), Some(mark));
    assert!(card1["due"].is_string());
    assert_eq!(stats["cards"][1]["attempts"], 0);

    let history = json(home.path(), &["history", "--format", "json"]);
    let attempts = history["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["card_id"], "1");
    assert_eq!(attempts[0]["answer"], ANSWER);
    assert_eq!(attempts[0]["mark"].as_u64(), Some(mark));
    assert_eq!(attempts[0]["rating"], 2);

    selfmark(home.path())
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("card 1  {mark}/6")));
    selfmark(home.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("attempt"));
}

#[test]
fn practice_without_card_lets_the_scheduler_pick() {
    let home = tempfile::tempdir().unwrap();
    practise_card_1(home.path());
    // Card 1 is not due for a day; card 2 is the first new card.
    selfmark(home.path())
        .arg("practice")
        .env("SELFMARK_RATING", "4")
        .write_stdin("The purges removed his rivals, so nobody was left to challenge him.")
        .assert()
        .success()
        .stdout(predicate::str::contains("card 2"))
        .stdout(predicate::str::contains("Rated 4/5"));
    let history = json(home.path(), &["history", "--format", "json"]);
    let cards: Vec<&str> = history["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["card_id"].as_str().unwrap())
        .collect();
    assert_eq!(cards, ["2", "1"], "newest first");
    let only_1 = json(home.path(), &["history", "--card", "1", "--format", "json"]);
    assert_eq!(only_1["attempts"].as_array().unwrap().len(), 1);
}

#[test]
fn due_with_nothing_due_says_when_and_exits_0() {
    let home = tempfile::tempdir().unwrap();
    practise_card_1(home.path());
    selfmark(home.path())
        .args(["practice", "--due"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing is due; next card due"));
}

#[test]
fn a_corrupt_progress_file_is_moved_aside_and_practice_still_works() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("progress.json"),
        "{\"version\": 1, \"attempts\": [tru",
    )
    .unwrap();
    selfmark(home.path())
        .args(["practice", "--card", "1", "--rating", "3"])
        .write_stdin(ANSWER)
        .assert()
        .success()
        .stderr(predicate::str::contains("could not be read"))
        .stderr(predicate::str::contains("progress.json.corrupt-"))
        .stdout(predicate::str::contains("Estimated mark:"));
    let kept = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.json.corrupt-")
        })
        .count();
    assert_eq!(kept, 1);
    let history = json(home.path(), &["history", "--format", "json"]);
    assert_eq!(history["attempts"].as_array().unwrap().len(), 1);
}

#[test]
fn two_practice_runs_in_parallel_both_end_up_in_history() {
    let home = tempfile::tempdir().unwrap();
    let spawn = |card: &str| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("selfmark"));
        cmd.args(["practice", "--card", card, "--rating", "4"])
            .env("SELFMARK_HOME", home.path())
            .env_remove("SELFMARK_RATING")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    let mut children = [spawn("1"), spawn("2")];
    for child in &mut children {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(ANSWER.as_bytes()).unwrap();
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let history = json(home.path(), &["history", "--format", "json"]);
    let mut cards: Vec<&str> = history["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["card_id"].as_str().unwrap())
        .collect();
    cards.sort_unstable();
    assert_eq!(cards, ["1", "2"]);
}

#[test]
fn empty_history_is_a_friendly_line() {
    let home = tempfile::tempdir().unwrap();
    selfmark(home.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("No practice yet"));
    selfmark(home.path())
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains("No attempts yet"));
}

#[test]
fn an_unusable_data_folder_is_exit_2_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let not_a_dir = home.path().join("file");
    std::fs::write(&not_a_dir, "").unwrap();
    selfmark(&not_a_dir)
        .args(["practice", "--card", "1"])
        .write_stdin(ANSWER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(not_a_dir.display().to_string()));
}

#[test]
fn bad_ratings_and_empty_answers_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    selfmark(home.path())
        .args(["practice", "--card", "1", "--rating", "6"])
        .write_stdin(ANSWER)
        .assert()
        .code(2);
    selfmark(home.path())
        .args(["practice", "--card", "1"])
        .env("SELFMARK_RATING", "nope")
        .write_stdin(ANSWER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SELFMARK_RATING"));
    selfmark(home.path())
        .args(["practice", "--card", "1"])
        .write_stdin("  \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no answer"));
    assert!(!home.path().join("progress.json").exists());
}

#[test]
fn model_answer_on_request_highlights_what_was_missed() {
    let home = tempfile::tempdir().unwrap();
    let out = selfmark(home.path())
        .args(["practice", "--card", "1", "--rating", "3", "--model-answer"])
        .write_stdin("Stalin was General Secretary, so he appointed his supporters.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let model = &text[text.find("Model answer (").expect("model answer shown")..];
    // Lenin's funeral was missed and the model answer makes it: highlighted and numbered.
    assert!(model.contains("**"), "{model}");
    assert!(model.contains("Lenin's funeral"), "{model}");
    // The point the answer made is not listed as missed.
    assert!(!model.contains("] Stalin was General Secretary"), "{model}");
}

#[test]
fn timed_without_a_terminal_is_marked_untimed_with_a_note() {
    let home = tempfile::tempdir().unwrap();
    selfmark(home.path())
        .args(["practice", "--card", "1", "--rating", "3", "--timed", "5"])
        .write_stdin("Stalin was General Secretary.")
        .assert()
        .success()
        .stderr(predicate::str::contains("--timed needs a terminal"))
        .stdout(predicate::str::contains("Estimated mark:"));
}

/// A reader that stops at once (`practice … | head -1`) loses no progress:
/// the answer is still marked and its attempt saved, and practice exits 0.
#[test]
fn practice_whose_output_is_cut_short_still_saves_the_attempt() {
    use std::io::Write as _;
    use std::process::Stdio;
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_selfmark"))
        .args(["practice", "--card", "1", "--rating", "2"])
        .env("SELFMARK_HOME", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Close the reading end before selfmark writes anything.
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ANSWER.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let history = json(home.path(), &["history", "--format", "json"]);
    let attempts = history
        .as_array()
        .or_else(|| history["attempts"].as_array())
        .map_or(0, Vec::len);
    assert_eq!(attempts, 1, "{history}");
}

#[cfg(unix)]
#[test]
fn symlinked_progress_file_keeps_its_link() {
    // Progress kept elsewhere (a synced folder, say), linked into the data
    // folder: each save goes to the link's target, and the link stays.
    let home = tempfile::tempdir().unwrap();
    let synced = tempfile::tempdir().unwrap();
    let target = synced.path().join("my-progress.json");
    let link = home.path().join("progress.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for rating in ["3", "4"] {
        selfmark(home.path())
            .args(["practice", "--card", "1", "--rating", rating])
            .write_stdin(ANSWER)
            .assert()
            .success();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    }
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(saved["attempts"].as_array().unwrap().len(), 2);
    let history = json(home.path(), &["history", "--format", "json"]);
    assert_eq!(history["attempts"].as_array().unwrap().len(), 2);
}

#[test]
fn stale_progress_temp_files_are_removed_under_the_lock() {
    let home = tempfile::tempdir().unwrap();
    practise_card_1(home.path());
    let progress = std::fs::read(home.path().join("progress.json")).unwrap();
    // Sessions killed (kill -9) between writing progress and renaming it.
    let stale = [".progress.json.k1LLed.tmp", ".progress.json.Q9z8Y7.tmp"];
    for name in stale {
        std::fs::write(home.path().join(name), &progress).unwrap();
    }
    // Commands that only show progress leave the folder as it is.
    selfmark(home.path()).arg("stats").assert().success();
    assert!(home.path().join(stale[0]).exists());
    practise_card_1(home.path());
    let mut left: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["progress.json", "progress.lock"]);
    let history = json(home.path(), &["history", "--format", "json"]);
    assert_eq!(history["attempts"].as_array().unwrap().len(), 2);
}

#[test]
fn scripted_practice_that_cannot_save_still_shows_the_mark() {
    let home = tempfile::tempdir().unwrap();
    let not_a_dir = home.path().join("file");
    std::fs::write(&not_a_dir, "").unwrap();
    let out = selfmark(&not_a_dir)
        .args(["practice", "--card", "1", "--rating", "3"])
        .write_stdin(ANSWER)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("Estimated mark:"), "{stdout}");
    assert!(stdout.contains("Points you made"), "{stdout}");
    assert!(!stdout.contains("Rated 3/5"), "nothing was saved: {stdout}");
    assert!(
        stderr.contains(&not_a_dir.display().to_string()),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn terminal_escape_in_an_answer_is_neutralised_in_history() {
    let home = tempfile::tempdir().unwrap();
    let answer = "Stalin\u{1b}]0;PWNED\u{7} was General Secretary, so he appointed his supporters.";
    selfmark(home.path())
        .args(["practice", "--card", "1", "--rating", "3"])
        .write_stdin(answer)
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("Stalin\\u{1b}]0;PWNED\\u{7} was"));
    selfmark(home.path())
        .args(["history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("\u{7}").not())
        .stdout(predicate::str::contains("Stalin\\u{1b}]0;PWNED\\u{7} was"));
    // Kept exactly, as JSON has it.
    let h = json(home.path(), &["history", "--format", "json"]);
    assert_eq!(h["attempts"][0]["answer"], answer);
}
