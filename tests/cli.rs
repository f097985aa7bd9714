//! The `selfmark` binary as users and scripts meet it: flags, output
//! formats, exit codes and error messages.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn selfmark() -> Command {
    let mut cmd = Command::cargo_bin("selfmark").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

const GOOD: &str = "Stalin was General Secretary, so he could appoint his supporters to important jobs in the party. \
Trotsky missed Lenin's funeral because Stalin gave him the wrong date, which made Trotsky look like he did not care.";

#[test]
fn mark_reads_stdin_and_prints_a_mark_without_colour_when_piped() {
    selfmark()
        .args(["mark", "--question", "1"])
        .write_stdin(GOOD)
        .assert()
        .success()
        .stdout(predicate::str::contains("Estimated mark:"))
        .stdout(predicate::str::contains("/6"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn mark_json_has_the_documented_fields() {
    let out = selfmark()
        .args(["mark", "-q", "1", "--format", "json", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one line of JSON");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in ["id", "question_id", "mark", "max", "level", "points"] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["question_id"], "1");
    assert_eq!(v["max"], 6);
    let p = &v["points"][0];
    for key in ["id", "status", "evidence"] {
        assert!(p.get(key).is_some(), "missing points[0].{key}");
    }
}

#[test]
fn mark_json_is_one_batch_line() {
    let mark = selfmark()
        .args(["mark", "-q", "1", "--format", "json"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    let line = serde_json::json!({"question": "1", "answer": GOOD}).to_string();
    let batch = selfmark()
        .args(["batch", "-", "--format", "jsonl"])
        .write_stdin(line)
        .output()
        .unwrap();
    assert!(batch.status.success());
    assert_eq!(
        String::from_utf8(mark.stdout).unwrap(),
        String::from_utf8(batch.stdout).unwrap()
    );
}

#[test]
fn question_may_be_given_as_folded_text() {
    selfmark()
        .args([
            "mark",
            "--format",
            "json",
            "-q",
            "why was there a STRUGGLE for power after Lenin’s death? [6]",
        ])
        .write_stdin("Lenin died.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"question_id\":\"6\""));
    selfmark()
        .args([
            "mark",
            "--format",
            "json",
            "-q",
            "(b) Why did Trotsky lose the leadership struggle with Stalin?",
        ])
        .write_stdin("x")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"question_id\":\"1\""));
}

#[test]
fn unknown_question_lists_valid_cards_and_exits_2() {
    selfmark()
        .args(["mark", "-q", "why is the sky blue"])
        .write_stdin(GOOD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid cards are"))
        .stderr(predicate::str::contains("6: (b) Why was there a struggle"));
}

#[test]
fn empty_answer_is_zero_with_a_note() {
    let out = selfmark()
        .args(["mark", "-q", "2", "--format", "json"])
        .write_stdin("   \n\n ")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mark"], 0);
    assert_eq!(v["note"], "no answer");
}

#[test]
fn binary_and_non_utf8_answers_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("answer.bin");
    std::fs::write(&bin, b"Stalin\0\x01\x02").unwrap();
    selfmark()
        .args(["mark", "-q", "1"])
        .arg(&bin)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
    let latin1 = dir.path().join("answer.txt");
    std::fs::write(&latin1, b"Stalin was General Secretary.\nZinov\xe9v").unwrap();
    selfmark()
        .args(["mark", "-q", "1"])
        .arg(&latin1)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("answer.txt:2: not UTF-8"));
}

#[test]
fn a_directory_or_missing_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    selfmark()
        .args(["mark", "-q", "1"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    selfmark()
        .args(["mark", "-q", "1", "no/such/answer.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/answer.txt"));
}

#[test]
fn invalid_rubric_json_names_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut f = std::fs::File::create(&path).unwrap();
    write!(
        f,
        "{{\n  \"cards\": [\n    {{\"card\": \"1\", \"question\": \"q\", \"max\": \"six\", \"points\": []}}\n  ]\n}}"
    )
    .unwrap();
    selfmark()
        .args(["mark", "-q", "1", "--rubric"])
        .arg(&path)
        .write_stdin(GOOD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:3:"))
        .stderr(predicate::str::contains("cards[0].max"));
}

#[test]
fn batch_marks_good_lines_and_reports_bad_ones_with_exit_3() {
    let input = [
        serde_json::json!({"id": "a", "question": "1", "answer": GOOD}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": "c", "question": "99", "answer": GOOD}).to_string(),
        serde_json::json!({"id": 4, "question": 3, "answer": "The NKVD tortured people."})
            .to_string(),
    ]
    .join("\n");
    let out = selfmark()
        .args(["batch", "-", "--format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["mark"].is_number());
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], "c");
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("no card matches `99` (the deck's cards are 1, 2, 3, 4, 5, 6)"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3]["id"], "4");
    assert_eq!(lines[3]["question_id"], "3");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("<stdin>:2:2: not a valid answer record"),
        "{stderr}"
    );
    assert!(!stderr.contains("at line 1"), "{stderr}");
}

#[test]
fn deck_show_lists_the_seed_and_other_formats() {
    selfmark()
        .args(["deck", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "How did Stalin gain and hold on to power? (6 cards)",
        ))
        .stdout(predicate::str::contains("Perfectly").not());
    selfmark()
        .args([
            "deck",
            "show",
            "tests/data/decks/sample.json",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"binary-search\""));
    selfmark()
        .args(["deck", "show", "tests/data/decks/sample.tsv"])
        .assert()
        .success();
}

#[test]
fn malformed_deck_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.txt");
    std::fs::write(&path, "My deck\n\n(1 cards)\n\n1\nQ\n\nWhy? [6]\n").unwrap();
    selfmark()
        .args(["deck", "show"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("deck.txt:"));
}

#[test]
fn rubric_check_passes_on_the_shipped_rubric() {
    selfmark()
        .args(["rubric", "check", "rubrics/stalin-power.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
}

#[test]
fn rubric_check_reports_a_rubric_that_does_not_fit_its_deck() {
    selfmark()
        .args([
            "rubric",
            "check",
            "rubrics/stalin-power.json",
            "--deck",
            "tests/data/decks/sample.tsv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not fit"));
}

#[test]
fn a_foreign_rubric_without_its_deck_says_to_give_one() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("sample.json");
    selfmark()
        .args(["rubric", "derive", "tests/data/decks/sample.tsv", "-o"])
        .arg(&rubric)
        .assert()
        .success();
    selfmark()
        .args(["rubric", "check"])
        .arg(&rubric)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "without --deck a rubric is checked against the built-in deck",
        ));
    selfmark()
        .args(["mark", "-q", "1", "--rubric"])
        .arg(&rubric)
        .write_stdin("light")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "give the rubric's deck with --deck FILE",
        ));
}

#[test]
fn a_foreign_deck_without_its_rubric_says_to_give_one() {
    selfmark()
        .args(["mark", "-q", "1", "--deck", "tests/data/decks/sample.tsv"])
        .write_stdin("light")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rubric"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    selfmark().args(["mark"]).assert().code(2);
    selfmark().args(["frobnicate"]).assert().code(2);
    selfmark().args(["--help"]).assert().success();
    selfmark().args(["--version"]).assert().success();
}

#[test]
fn rubric_test_reports_agreement_and_fails_below_min_qwk() {
    let out = selfmark()
        .args([
            "rubric",
            "test",
            "tests/data/dev-set.jsonl",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "n",
        "exact",
        "within_one",
        "qwk",
        "pearson",
        "mean_signed_error",
        "confusion",
        "points",
        "worst",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["confusion"].as_array().unwrap().len(), 7);
    selfmark()
        .args([
            "rubric",
            "test",
            "tests/data/dev-set.jsonl",
            "--min-qwk",
            "0.99",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("quadratic kappa"))
        .stderr(predicate::str::contains("below --min-qwk"));
    selfmark()
        .args([
            "rubric",
            "test",
            "tests/data/dev-set.jsonl",
            "--min-qwk",
            "0.5",
        ])
        .assert()
        .success();
}

#[test]
fn explain_traces_matches_negations_and_statuses() {
    selfmark()
        .args(["mark", "-q", "1", "--explain"])
        .write_stdin("Stalin was not General Secretary. Trotsky missed Lenin's funeral because Stalin gave him the wrong date, so he lost support.")
        .assert()
        .success()
        .stdout(predicate::str::contains("How it was marked"))
        .stdout(predicate::str::contains("negated by \"not\""))
        .stdout(predicate::str::contains("explained"));
    let out = selfmark()
        .args(["mark", "-q", "1", "--explain", "--format", "json"])
        .write_stdin("Stalin was General Secretary.")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["trace"]["sentences"].as_array().unwrap().len() == 1);
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        selfmark()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("selfmark"))
            .stdout(predicate::str::contains("practice"));
    }
    selfmark().args(["completions", "tcsh"]).assert().code(2);
    selfmark()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH selfmark 1"))
        .stdout(predicate::str::contains("practice"));
}

#[test]
fn colour_follows_the_flag_then_no_color_then_clicolor_force() {
    let run = |args: &[&str], env: &[(&str, &str)]| -> String {
        let mut cmd = selfmark();
        cmd.env_remove("CLICOLOR_FORCE")
            .args(["mark", "-q", "1"])
            .args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.write_stdin(GOOD).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let coloured = |s: &str| s.contains("\u{1b}[");
    assert!(!coloured(&run(&[], &[])), "piped: no colour by default");
    assert!(coloured(&run(&["--color", "always"], &[])));
    assert!(coloured(&run(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(!coloured(&run(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
    assert!(!coloured(&run(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    )));
    // Machine output never carries colour codes.
    assert!(!coloured(&run(
        &["--format", "json", "--color", "always"],
        &[]
    )));
}

#[test]
fn every_command_has_help_with_an_example_and_there_is_a_version() {
    let commands: &[&[&str]] = &[
        &["mark"],
        &["batch"],
        &["deck"],
        &["deck", "show"],
        &["rubric"],
        &["rubric", "check"],
        &["rubric", "test"],
        &["rubric", "derive"],
        &["rubric", "lint"],
        &["practice"],
        &["stats"],
        &["history"],
        &["completions"],
        &["man"],
    ];
    for c in commands {
        selfmark()
            .args(*c)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    selfmark()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("selfmark "));
}

#[test]
fn an_answer_of_more_than_20000_words_is_refused_at_once() {
    let long = "Stalin appointed supporters because he was General Secretary ".repeat(2_600);
    selfmark()
        .args(["mark", "-q", "1", "-"])
        .write_stdin(long.clone())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: 20800 words"))
        .stderr(predicate::str::contains("up to 20000 words"));
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "ok", "question": "1", "answer": GOOD}),
        serde_json::json!({"id": "long", "question": "1", "answer": long})
    );
    selfmark()
        .args(["batch", "-", "--format", "jsonl"])
        .write_stdin(lines)
        .assert()
        .code(3)
        .stdout(predicate::str::contains("\"id\":\"ok\""))
        .stdout(predicate::str::contains("20800 words"));
}

#[test]
fn comma_joined_words_count_towards_the_word_limit() {
    // 21,000 words with no space between them: one "word" to a whitespace
    // split, but every one a word the marker reads.
    let joined = "Stalin,General,Secretary,appointed,supporters,so,Trotsky,".repeat(3_000);
    selfmark()
        .args(["mark", "-q", "1", "-"])
        .write_stdin(joined)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: 21000 words"))
        .stderr(predicate::str::contains("up to 20000 words"));
}

#[test]
fn rubric_test_names_each_skipped_line_and_exits_3() {
    let set = concat!(
        r#"{"id":"a","question":"1","answer":"Stalin was General Secretary.","mark":2}"#,
        "\n",
        r#"{"id":"b","question":"1","answer":"x","mark":"two"}"#,
        "\n",
        r#"{"id":"c","question":"9","answer":"x","mark":1}"#,
        "\n",
    );
    selfmark()
        .args(["rubric", "test", "-"])
        .write_stdin(set)
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "quadratic kappa    n/a (one answer)",
        ))
        .stderr(predicate::str::contains(
            "<stdin>:2:50: not a marked answer: invalid type",
        ))
        .stderr(predicate::str::contains(
            "<stdin>:3: no card matches `9` (the deck's cards are 1, 2, 3, 4, 5, 6); skipped",
        ));
    selfmark()
        .args(["rubric", "test", "-", "--min-qwk", "2"])
        .write_stdin(set)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a kappa runs from -1 to 1"));
}

/// A FIFO with `text` written into it by a thread of its own, as the shell
/// gives `<(echo …)`: a pipe the user named is read, not skipped.
#[cfg(unix)]
fn pipe_with(dir: &std::path::Path, name: &str, text: &'static str) -> std::path::PathBuf {
    let fifo = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let path = fifo.clone();
    std::thread::spawn(move || std::fs::write(path, text));
    fifo
}

#[cfg(unix)]
#[test]
fn a_pipe_named_on_the_command_line_is_read_as_process_substitution_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = pipe_with(dir.path(), "answer", GOOD);
    selfmark()
        .args(["mark", "-q", "1"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success()
        .stdout(predicate::str::contains("Estimated mark:"));
    let fifo = pipe_with(
        dir.path(),
        "1.txt",
        "Question: 1\nStalin was General Secretary.",
    );
    selfmark()
        .args(["batch", "--input-format", "text", "--format", "jsonl"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"question_id\":\"1\""));
}

/// `text` as UTF-16LE, with its byte-order mark unless `bom` is false.
fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let units = bom
        .then_some(0xfeff_u16)
        .into_iter()
        .chain(text.encode_utf16());
    units.flat_map(u16::to_le_bytes).collect()
}

#[test]
fn utf16_answer_is_named_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let mark = |bytes: Vec<u8>| {
        let path = dir.path().join("answer.txt");
        std::fs::write(&path, bytes).unwrap();
        selfmark()
            .args(["mark", "-q", "1", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap()
    };
    // With its byte-order mark (Windows' "Unicode text") it is read.
    let utf8 = selfmark()
        .args(["mark", "-q", "1", "--format", "json", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    let utf16 = mark(utf16le(GOOD, true));
    assert!(utf16.status.success());
    let json = |out: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(out).unwrap();
        v["id"] = serde_json::Value::Null;
        v
    };
    assert_eq!(json(&utf16.stdout), json(&utf8.stdout));
    // Without one it is named for what it is, not "binary".
    let bare = mark(utf16le(GOOD, false));
    assert_eq!(bare.status.code(), Some(2));
    let err = String::from_utf8(bare.stderr).unwrap();
    assert!(
        err.contains(
            "answer.txt: looks like UTF-16 text with no byte-order mark; save the file as UTF-8"
        ),
        "{err}"
    );
    // Broken UTF-16: a high surrogate with no low one after it.
    let mut broken = utf16le("Stalin ", true);
    broken.extend([0x3d, 0xd8, b'x', 0]);
    let out = mark(broken);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("answer.txt: not valid UTF-16 text (at byte 16); save the file as UTF-8"),
        "{err}"
    );
}

#[test]
fn deck_over_16_mib_is_called_a_deck() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    for (args, kind) in [
        (
            vec!["deck", "show"],
            "selfmark reads decks of up to that size",
        ),
        (
            vec!["rubric", "lint"],
            "selfmark reads rubrics of up to that size",
        ),
        (
            vec!["rubric", "test"],
            "selfmark reads marked sets of up to that size",
        ),
        (vec!["mark", "-q", "1"], "an answer should be text"),
    ] {
        let out = selfmark().args(&args).arg(&big).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("big.txt: larger than 16 MiB; "), "{err}");
        assert!(err.contains(kind), "{args:?}: {err}");
    }
    let out = selfmark()
        .args(["mark", "-q", "1", "--rubric"])
        .arg(&big)
        .write_stdin(GOOD)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("rubrics of up to that size"), "{err}");
    assert!(!err.contains("answer"), "{err}");
}

/// Whether `text` holds a control character a terminal would obey, other
/// than new lines, tabs and (when `colour`) SGR colour codes (`ESC [ … m`).
fn drives_the_terminal(text: &str, colour: bool) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_control() && c != '\n' && c != '\t') {
        let tail = &rest[at..];
        let sgr = tail.strip_prefix("\u{1b}[").and_then(|t| {
            let end = t.find(|c: char| !c.is_ascii_digit() && c != ';')?;
            t[end..].starts_with('m').then_some(&t[end + 1..])
        });
        match sgr {
            Some(after) if colour => rest = after,
            _ => return true,
        }
    }
    false
}

const ESCAPING: &str =
    "Stalin\u{1b}]0;PWNED\u{7} was General Secretary, so he appointed his supporters.\u{1b}[2J\r";

#[test]
fn terminal_escape_in_answer_is_neutralised_in_human_output() {
    for colour in ["never", "always"] {
        let out = selfmark()
            .args(["mark", "-q", "1", "--explain", "--color", colour, "-"])
            .write_stdin(ESCAPING)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!drives_the_terminal(&text, colour == "always"), "{text:?}");
        assert!(text.contains("Stalin\\u{1b}]0;PWNED\\u{7} was"), "{text}");
    }
    // JSON keeps the answer's text exactly, escaped as JSON escapes it.
    let out = selfmark()
        .args(["mark", "-q", "1", "--format", "json", "-"])
        .write_stdin(ESCAPING)
        .output()
        .unwrap();
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(raw.contains("Stalin\\u001b]0;PWNED\\u0007 was"), "{raw}");
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let quote = v["points"][0]["evidence"][0]["quote"].as_str().unwrap();
    assert!(
        quote.starts_with("Stalin\u{1b}]0;PWNED\u{7} was"),
        "{quote:?}"
    );
}

#[test]
fn terminal_escape_in_a_deck_or_a_file_name_is_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let deck = serde_json::json!({
        "title": "Evil\u{1b}]0;PWNED\u{7} deck",
        "cards": [{
            "id": "q\u{1b}[31m1",
            "question": "Why\u{1b}[2J did it happen?",
            "answer": "Because\u{7} it did.\nAnd\u{1b}[A so on.",
        }],
    });
    let path = dir.path().join("evil.json");
    std::fs::write(&path, deck.to_string()).unwrap();
    let out = selfmark()
        .args(["deck", "show"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!drives_the_terminal(&text, false), "{text:?}");
    assert!(text.contains("Evil\\u{1b}]0;PWNED\\u{7} deck"), "{text}");
    assert!(
        text.contains("    And\\u{1b}[A so on."),
        "its lines kept: {text}"
    );
    // A file name in an error message.
    let name = dir.path().join("an\u{1b}]0;PWNED\u{7}swer.txt");
    let out = selfmark()
        .args(["mark", "-q", "1"])
        .arg(&name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!drives_the_terminal(&err, false), "{err:?}");
    assert!(err.contains("an\\u{1b}]0;PWNED\\u{7}swer.txt"), "{err}");
}
