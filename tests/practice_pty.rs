//! `selfmark practice` driven through a real pseudo-terminal, as a student
//! uses it: type an answer in the line editor, submit it, see the mark and
//! the model answer, rate it, quit, and find the attempt in `stats`; write
//! an answer in `$EDITOR`; skip a card; and a kill in mid-session that
//! loses nothing already submitted.

#![cfg(unix)]

use rexpect::process::Signal;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Generous: the debug binary compiles the rubric at start, on a busy CI machine.
const TIMEOUT_MS: u64 = 30_000;

fn practice(home: &Path, args: &[&str], editor: Option<&Path>) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_selfmark"));
    cmd.arg("practice")
        .args(args)
        .env("SELFMARK_HOME", home)
        .env("TERM", "xterm")
        .env_remove("SELFMARK_RATING")
        .env_remove("VISUAL");
    match editor {
        Some(e) => cmd.env("EDITOR", e),
        None => cmd.env_remove("EDITOR"),
    };
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("selfmark starts in a pty")
}

/// Runs `selfmark ARGS --format json` with this home and parses its output.
fn json_of(home: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_selfmark"))
        .args(args)
        .args(["--format", "json"])
        .env("SELFMARK_HOME", home)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stats(home: &Path) -> Value {
    json_of(home, &["stats"])
}

fn history(home: &Path) -> Vec<Value> {
    json_of(home, &["history"])["attempts"]
        .as_array()
        .cloned()
        .unwrap()
}

/// Waits for the answer prompt of the card whose question contains `question`.
fn expect_card(p: &mut PtySession, question: &str) {
    p.exp_string(question).unwrap();
    p.exp_string("> ").unwrap();
}

#[test]
fn a_timed_session_answer_mark_model_answer_rate_quit() {
    let home = tempfile::tempdir().unwrap();
    let mut p = practice(home.path(), &["--no-color", "--timed"], None);
    // A fresh student starts with the first card.
    expect_card(
        &mut p,
        "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]",
    );
    p.send_line("Stalin was General Secretary, so he could appoint his supporters to key jobs.")
        .unwrap();
    p.send_line("Trotsky missed Lenin's funeral because Stalin gave him the wrong date.")
        .unwrap();
    p.send_line("").unwrap();
    // (rexpect reads bytes as Latin-1: match ASCII only.)
    p.exp_string("Time taken: 0:").unwrap();
    p.exp_string("of 6:00").unwrap();
    p.exp_string("Estimated mark:").unwrap();
    p.exp_string("Points you missed").unwrap();
    p.exp_string("How well did you know this?").unwrap();
    p.exp_string("Rate 1-5").unwrap();
    p.send_line("m").unwrap();
    p.exp_string("Model answer").unwrap();
    p.exp_string("**").unwrap();
    p.exp_string("Rate 1-5").unwrap();
    p.send_line("2").unwrap();
    p.exp_string("Rated 2/5. Next review of this card:")
        .unwrap();
    // The scheduler moves on to a new card; quit there.
    expect_card(&mut p, "card 2");
    p.send_line(":quit").unwrap();
    p.exp_string("Session ended: 1 card practised").unwrap();
    p.exp_eof().unwrap();

    let s = stats(home.path());
    let text = s.to_string();
    assert!(text.contains("\"attempts\":1"), "{text}");
    let h = history(home.path());
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["card_id"], "1");
    assert_eq!(h[0]["rating"], 2);
    assert_eq!(h[0]["limit_seconds"], 360);
    let answer = h[0]["answer"].as_str().unwrap();
    assert!(
        answer.contains("General Secretary") && answer.contains("wrong date"),
        "both lines kept: {answer:?}"
    );
    assert!(answer.contains('\n'), "the new line kept: {answer:?}");
}

#[test]
fn skip_then_write_the_answer_in_the_editor_and_end_with_ctrl_c() {
    let home = tempfile::tempdir().unwrap();
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'The purges removed anyone who might oppose Stalin, \
         so people were too afraid to criticise him.\\n' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let mut p = practice(home.path(), &["--no-color"], Some(&editor));
    expect_card(&mut p, "card 1");
    p.send_line(":skip").unwrap();
    p.exp_string("Skipped.").unwrap();
    expect_card(&mut p, "card 2");
    p.send_line("My first line.").unwrap();
    p.send_line(":e").unwrap();
    // The editor's text comes back with the line typed before it.
    p.exp_string("too afraid to criticise him.").unwrap();
    p.exp_string("Estimated mark:").unwrap();
    p.exp_string("Rate 1-5 (Enter = ").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Next review of this card:").unwrap();
    expect_card(&mut p, "card 3");
    p.send_control('c').unwrap();
    p.exp_string("Session ended: 1 card practised").unwrap();
    p.exp_eof().unwrap();

    let h = history(home.path());
    assert_eq!(h.len(), 1, "the skipped card has no attempt: {h:?}");
    assert_eq!(h[0]["card_id"], "2");
    let answer = h[0]["answer"].as_str().unwrap();
    assert!(answer.starts_with("My first line."), "{answer:?}");
    assert!(answer.contains("too afraid to criticise"), "{answer:?}");
}

#[test]
fn ctrl_d_submits_what_is_typed() {
    let home = tempfile::tempdir().unwrap();
    let mut p = practice(home.path(), &["--no-color", "--card", "1"], None);
    expect_card(&mut p, "card 1");
    p.send("Trotsky was arrogant and called Stalin a grey blur")
        .unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Estimated mark:").unwrap();
    p.exp_string("Rate 1-5").unwrap();
    p.send_line("4").unwrap();
    p.exp_string("Rated 4/5.").unwrap();
    p.exp_eof().unwrap();
    let h = history(home.path());
    assert_eq!(
        h[0]["answer"],
        "Trotsky was arrogant and called Stalin a grey blur"
    );
}

#[test]
fn a_kill_mid_session_loses_nothing_submitted() {
    let home = tempfile::tempdir().unwrap();
    let mut p = practice(home.path(), &["--no-color"], None);
    expect_card(&mut p, "card 1");
    p.send_line("Stalin was General Secretary so he appointed his supporters.")
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string("Rate 1-5").unwrap();
    p.send_line("3").unwrap();
    p.exp_string("Next review of this card:").unwrap();
    expect_card(&mut p, "card 2");
    p.send("Half an answer that is never submitted").unwrap();
    p.process_mut().kill(Signal::SIGKILL).unwrap();

    let h = history(home.path());
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["card_id"], "1");
    assert_eq!(h[0]["rating"], 3);
    // The file on disk is whole, and nothing but it (and its lock) is left.
    let text = std::fs::read_to_string(home.path().join("progress.json")).unwrap();
    serde_json::from_str::<Value>(&text).expect("progress.json is valid JSON");
    let mut names: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names
            .iter()
            .all(|n| n == "progress.json" || n == "progress.lock"),
        "stray files: {names:?}"
    );
    // The next session starts where the killed one left off.
    let s = stats(home.path()).to_string();
    assert!(s.contains("\"attempts\":1"), "{s}");
}

/// Answers card 1, waits at the rating prompt, sends `signal`, and checks
/// that the session ended with the attempt saved at the default rating.
fn signal_at_rating_prompt_saves_the_attempt(signal: Signal) {
    let home = tempfile::tempdir().unwrap();
    let mut p = practice(home.path(), &["--no-color"], None);
    expect_card(&mut p, "card 1");
    p.send_line("Stalin was General Secretary so he appointed his supporters.")
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string("Rate 1-5 (Enter = ").unwrap();
    p.process_mut().signal(signal).unwrap();
    p.exp_string("the session ended; your answer was saved, rated")
        .unwrap();
    p.exp_eof().unwrap();
    assert!(
        matches!(
            p.process().wait(),
            Ok(rexpect::process::WaitStatus::Exited(_, 0))
        ),
        "ends as Ctrl-C does, exit 0"
    );

    let h = history(home.path());
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["card_id"], "1");
    // The default proposed from the mark, as Enter would take.
    let mark = h[0]["mark"].as_u64().unwrap();
    let default = match mark {
        0 | 1 => 1,
        2 => 2,
        3 => 3,
        4 | 5 => 4,
        _ => 5,
    };
    assert_eq!(h[0]["rating"], default, "{h:?}");
}

#[test]
fn sigterm_at_rating_prompt_saves_the_attempt() {
    signal_at_rating_prompt_saves_the_attempt(Signal::SIGTERM);
}

#[test]
fn sighup_at_rating_prompt_saves_the_attempt() {
    signal_at_rating_prompt_saves_the_attempt(Signal::SIGHUP);
}

#[test]
fn sigterm_while_typing_ends_the_session_and_keeps_what_was_rated() {
    let home = tempfile::tempdir().unwrap();
    let mut p = practice(home.path(), &["--no-color"], None);
    expect_card(&mut p, "card 1");
    p.send_line("Stalin was General Secretary so he appointed his supporters.")
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string("Rate 1-5").unwrap();
    p.send_line("2").unwrap();
    expect_card(&mut p, "card 2");
    p.send("Half an answer").unwrap();
    p.process_mut().signal(Signal::SIGTERM).unwrap();
    p.exp_string("the session ended; answers already rated are saved")
        .unwrap();
    p.exp_eof().unwrap();
    let h = history(home.path());
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["rating"], 2);
}
