//! Decks in the formats teachers have, through the binary: Quizlet and
//! Google Sheets CSV exports and "Q: … / A: …" text are shown by
//! `deck show`, drafted from by `rubric derive` and marked by card number,
//! id and question text; a file that fits no format is told why each
//! format failed, and one that names or shows its format gets that
//! format's own error (issue 20).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn selfmark() -> Command {
    Command::cargo_bin("selfmark").expect("binary builds")
}

/// `deck show FILE --format json`, parsed.
fn shown(deck: &str) -> serde_json::Value {
    let out = selfmark()
        .args(["deck", "show", deck, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{deck}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The cards' (id, question, max) of a shown deck.
fn cards(deck: &serde_json::Value) -> Vec<(String, String, Option<u64>)> {
    deck["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["question"].as_str().unwrap().to_string(),
                c["max"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn quizlet_csv_export_with_header_reads() {
    // A header row of Term,Definition, CRLF line ends, quoted cells holding
    // commas and doubled quotes.
    let deck = shown("tests/data/decks/quizlet.csv");
    assert_eq!(deck["title"], "quizlet");
    assert_eq!(
        cards(&deck),
        [
            (
                "1".to_string(),
                "Why did the League of Nations fail to stop Italy invading Abyssinia?".to_string(),
                Some(6)
            ),
            (
                "2".to_string(),
                "What was the Treaty of Versailles?".to_string(),
                Some(2)
            ),
            (
                "3".to_string(),
                "Why did Germans call the treaty a \"Diktat\"?".to_string(),
                Some(4)
            ),
        ]
    );
    assert_eq!(deck["cards"][0]["part"], "b");
    assert!(
        deck["cards"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("against Hitler, so sanctions")
    );
}

#[test]
fn google_sheets_csv_without_header_reads() {
    selfmark()
        .args(["deck", "show", "tests/data/decks/sheets.csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("sheets (2 cards)\n"))
        .stdout(predicate::str::contains(
            "1. (a) Describe the Munich Agreement. [4]\n",
        ));
}

#[test]
fn csv_with_quoted_multiline_answers_reads() {
    let deck = shown("tests/data/decks/sheets.csv");
    assert_eq!(
        deck["cards"][0]["answer"],
        "In September 1938 Britain, France and Italy agreed that Germany could take the \
         Sudetenland.\n\nCzechoslovakia was not invited."
    );
    assert_eq!(
        deck["cards"][1]["answer"].as_str().unwrap().lines().count(),
        3
    );
    // The second card starts on the line after the first's three.
    assert_eq!(deck["cards"][1]["line"], 4);
}

#[test]
fn csv_id_column_names_the_cards_and_other_columns_are_ignored() {
    let deck = shown("tests/data/decks/sheets-ids.csv");
    let ids: Vec<String> = cards(&deck).into_iter().map(|c| c.0).collect();
    assert_eq!(ids, ["league", "munich"]);
    assert!(
        !deck["cards"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("2023 paper")
    );
}

#[test]
fn q_and_a_text_deck_reads() {
    let deck = shown("tests/data/decks/interwar.txt");
    assert_eq!(deck["title"], "The interwar years");
    assert_eq!(
        cards(&deck),
        [
            (
                "1".to_string(),
                "Why did the League of Nations fail?".to_string(),
                Some(6)
            ),
            (
                "2".to_string(),
                "What was the Kellogg-Briand Pact?".to_string(),
                Some(2)
            ),
            (
                "3".to_string(),
                "Why did Hitler remilitarise the Rhineland in 1936?".to_string(),
                Some(4)
            ),
        ]
    );
    assert_eq!(
        deck["cards"][0]["answer"].as_str().unwrap().lines().count(),
        3
    );
    assert_eq!(deck["cards"][2]["line"], 10);
}

#[test]
fn csv_and_q_and_a_decks_draft_rubrics_that_mark_cards_by_number_id_and_question() {
    let dir = tempfile::tempdir().unwrap();
    for (deck, id, cards) in [
        (
            "tests/data/decks/interwar.txt",
            "1",
            ["1", "Why did the League of Nations fail?"],
        ),
        (
            "tests/data/decks/sheets-ids.csv",
            "league",
            ["league", "why did the league of nations fail"],
        ),
        (
            "tests/data/decks/quizlet.csv",
            "3",
            ["3", "Why did Germans call the treaty a \"Diktat\"?"],
        ),
    ] {
        let rubric = dir
            .path()
            .join(Path::new(deck).file_name().unwrap())
            .with_extension("json");
        selfmark()
            .args(["rubric", "derive", deck, "-o"])
            .arg(&rubric)
            .assert()
            .success();
        selfmark()
            .args(["rubric", "check"])
            .arg(&rubric)
            .args(["--deck", deck])
            .assert()
            .success()
            .stdout(predicate::str::contains("0 failed"));
        for card in cards {
            let out = selfmark()
                .args([
                    "mark", "--format", "json", "-q", card, "--deck", deck, "--rubric",
                ])
                .arg(&rubric)
                .write_stdin("The USA never joined, so it lacked power.")
                .output()
                .unwrap();
            assert!(out.status.success(), "{deck} {card}");
            let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(result["question_id"], id, "{deck} {card}");
        }
    }
}

#[test]
fn deck_fitting_no_format_names_every_format_tried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.txt");
    std::fs::write(&path, "Notes on the League\nIt failed.\n").unwrap();
    let out = selfmark()
        .args(["deck", "show"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("deck.txt: not a deck selfmark reads: as Brainscape, line 2: "),
        "{stderr}"
    );
    for tried in [
        "; as tab-separated, line 1: ",
        "; as CSV, line 1: ",
        "; as Q:/A: text: no line starts with `Q:`",
    ] {
        assert!(stderr.contains(tried), "{tried}: {stderr}");
    }
}

#[test]
fn a_deck_that_names_or_shows_its_format_gets_that_formats_own_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, error) in [
        (
            "deck.csv",
            "Why?,Because.\nWhat?,That, and this.\n",
            "deck.csv:2: the row has 3 cells where a card has 2 (question, answer);",
        ),
        (
            "deck.csv",
            "Question,Answer\nWhy?,\"Because.\nWhat?,That.\n",
            "deck.csv:2:6: this quoted cell is never closed",
        ),
        (
            "header.txt",
            "Front,Back\nWhy?\n",
            "header.txt:2: the row has 1 cell where a card has 2 (Front, Back);",
        ),
        (
            "qa.txt",
            "Q: Why?\nA: Because.\nQ: What?\n",
            "qa.txt:3:1: card 2: this `Q:` has no `A:`; reached the end of the file",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        selfmark()
            .args(["deck", "show"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(error))
            .stderr(predicate::str::contains("Brainscape").not());
    }
}

#[test]
fn a_headerless_csv_saved_as_txt_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("revision.txt");
    std::fs::write(&path, "Why did the League fail?,The USA never joined.\n").unwrap();
    selfmark()
        .args(["deck", "show"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("1. Why did the League fail?"));
}
