//! A card's count-to-mark table through the binary: the mark and the
//! result's descriptor, `rubric check`'s summary and warning, and `rubric
//! lint`'s warning with its fix.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn selfmark() -> Command {
    let mut cmd = Command::cargo_bin("selfmark").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

const QUESTION: &str = "Describe how the small intestine is adapted for absorption.";

/// A deck of the one card and a rubric of its four key elements, marked
/// by `marks`, written into `dir`.
fn write(dir: &Path, marks: &str) {
    std::fs::write(
        dir.join("deck.tsv"),
        format!("{QUESTION} [3]\tVilli, microvilli, capillaries and lacteals.\n"),
    )
    .unwrap();
    let point = |id: &str| {
        format!(
            r#"{{"id": "{id}", "label": "{id}", "hint": "Name {id}.", "match": {{"any": ["{id}"]}},
               "examples": {{"match": ["it has {id}"]}}}}"#
        )
    };
    let points: Vec<String> = ["villi", "microvilli", "capillaries", "lacteals"]
        .iter()
        .map(|id| point(id))
        .collect();
    std::fs::write(
        dir.join("rubric.json"),
        format!(
            r#"{{"cards": [{{"card": "1", "question": "{QUESTION}", "max": 3, "scheme": "points",
               "marks": {marks}, "points": [{}]}}]}}"#,
            points.join(",")
        ),
    )
    .unwrap();
}

const THREE_FOR_FOUR: &str =
    r#"[{"points": 4, "mark": 3}, {"points": 3, "mark": 2}, {"points": 1, "mark": 1}]"#;

#[test]
fn three_of_four_key_elements_earn_two_marks() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), THREE_FOR_FOUR);
    let out = selfmark()
        .current_dir(dir.path())
        .args([
            "mark",
            "-q",
            "1",
            "--deck",
            "deck.tsv",
            "--rubric",
            "rubric.json",
        ])
        .args(["--format", "json"])
        .write_stdin("It has villi and microvilli and capillaries.")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mark"], 2);
    assert_eq!(v["max"], 3);
    assert_eq!(v["level"], serde_json::Value::Null);
    assert_eq!(v["descriptor"], "3 of 4 points (2 marks)");
}

#[test]
fn rubric_check_shows_the_table_in_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), THREE_FOR_FOUR);
    selfmark()
        .current_dir(dir.path())
        .args(["rubric", "check", "rubric.json", "--deck", "deck.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  card 1: 3 marks for 4 or more points, 2 for 3, 1 for 1 or 2\n",
        ))
        .stderr(predicate::str::is_empty());
}

#[test]
fn a_table_needing_more_points_than_the_card_has_is_flagged_by_check_and_lint() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        r#"[{"points": 5, "mark": 3}, {"points": 3, "mark": 2}, {"points": 1, "mark": 1}]"#,
    );
    selfmark()
        .current_dir(dir.path())
        .args(["rubric", "check", "rubric.json", "--deck", "deck.tsv"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "rubric.json: warning: cards[0].marks[0].points: this row's mark (3) needs 5 points \
             identified, but the card has only 4",
        ));
    selfmark()
        .current_dir(dir.path())
        .args(["rubric", "lint", "rubric.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "cards[0].marks[0].points: this row's mark (3) needs 5 points",
        ))
        .stdout(predicate::str::contains(
            "fix: lower the threshold to 4 or fewer, or add points",
        ));
}

#[test]
fn a_table_on_a_levels_card_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), THREE_FOR_FOUR);
    let path = dir.path().join("rubric.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(r#""scheme": "points""#, r#""scheme": "levels""#),
    )
    .unwrap();
    selfmark()
        .current_dir(dir.path())
        .args(["rubric", "check", "rubric.json", "--deck", "deck.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rubric.json: cards[0].marks: a count-to-mark table needs `\"scheme\": \"points\"`",
        ));
}
