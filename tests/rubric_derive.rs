//! `selfmark rubric derive` and `selfmark rubric lint` through the binary:
//! a draft from a deck of another subject is valid, passes `rubric check`,
//! marks answers, and lint names each likely mistake by its field (and
//! finds none in the built-in rubric).

use assert_cmd::Command;
use predicates::prelude::*;

fn selfmark() -> Command {
    Command::cargo_bin("selfmark").expect("binary builds")
}

/// `selfmark rubric derive DECK`, to be given its output and run.
fn derive(deck: &std::path::Path) -> Command {
    let mut cmd = selfmark();
    cmd.args(["rubric", "derive"]).arg(deck);
    cmd
}

const DECK: &str = "What are the main advantages of object-oriented programming?\tAbstraction and reusability.\n\
What is a variable?\tA location in memory that can store a value.\n\
Name one right from the First Amendment.\tspeech | religion | assembly | press | petition the government\n";

#[test]
fn a_draft_from_any_subject_checks_and_marks() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("cs.tsv");
    std::fs::write(&deck, DECK).unwrap();
    let rubric = dir.path().join("cs-rubric.json");
    derive(&deck)
        .arg("-o")
        .arg(&rubric)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("3 cards, 5 points"));
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&rubric).unwrap()).unwrap();
    let first = &draft["cards"][0];
    assert_eq!(first["scheme"], "points");
    assert_eq!(first["max"], 2);
    assert!(
        first["points"][0]["notes"]
            .as_str()
            .unwrap()
            .contains("Key words by rarity"),
        "{first}"
    );
    selfmark()
        .args(["rubric", "check"])
        .arg(&rubric)
        .arg("--deck")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
    let marks = |card: &str, answer: &str| -> serde_json::Value {
        let out = selfmark()
            .args(["mark", "--format", "json", "-q", card, "--deck"])
            .arg(&deck)
            .arg("--rubric")
            .arg(&rubric)
            .write_stdin(answer)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Card 2 sets no maximum, so its claim has a partial point too: the
    // whole claim earns both marks, part of it one.
    assert_eq!(
        marks(
            "2",
            "a named location in the computer's memory that stores a value"
        )["mark"],
        2
    );
    assert_eq!(marks("2", "it is a place in memory")["mark"], 1);
    assert_eq!(marks("2", "it is a kind of number")["mark"], 0);
    assert_eq!(marks("3", "Freedom of speech.")["mark"], 1);
    // A point and its partial credit overlap by design: lint says nothing
    // of them.
    selfmark()
        .args(["rubric", "lint"])
        .arg(&rubric)
        .assert()
        .stderr(predicate::str::contains("both match").not())
        .stderr(predicate::str::contains("also earns").not());
    assert_eq!(marks("1", "You get reusability of classes")["mark"], 1);
}

const ESSAYS: &str = "(b) Why did the League of Nations fail? [6]\tThe USA never joined, so the League had no army. Manchuria in 1931 showed sanctions did not work, because Japan simply left.\n\
Key elements of the League's structure. [3]\tKey elements: Assembly – every member met once a year | Council – the great powers decided disputes | Secretariat – the civil service. Marking rule: 1 mark for each, up to 3.\n";

/// The scheme each card of a draft was given.
fn schemes(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("league.tsv");
    std::fs::write(&deck, ESSAYS).unwrap();
    let out = derive(&deck).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    draft["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["scheme"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_question_chooses_the_scheme_and_the_flag_overrides_it() {
    assert_eq!(schemes(&[]), vec!["levels", "points"]);
    assert_eq!(schemes(&["--scheme", "points"]), vec!["points", "points"]);
    assert_eq!(schemes(&["--scheme", "levels"]), vec!["levels", "levels"]);
    selfmark()
        .args(["rubric", "derive", "x.tsv", "--scheme", "essay"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: levels, points"));
}

#[test]
fn a_key_element_card_has_a_point_an_element() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("league.tsv");
    std::fs::write(&deck, ESSAYS).unwrap();
    let out = selfmark()
        .args(["rubric", "derive", "--card", "2"])
        .arg(&deck)
        .output()
        .unwrap();
    let draft: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let card = &draft["cards"][0];
    assert_eq!(card["points"].as_array().unwrap().len(), 3, "{card}");
    let text = card.to_string().to_lowercase();
    assert!(
        !text.contains("marking rule"),
        "the rule earns nothing: {card}"
    );
    let rubric = dir.path().join("league.json");
    std::fs::write(&rubric, &out.stdout).unwrap();
    let out = selfmark()
        .args(["mark", "--format", "json", "-q", "2", "--deck"])
        .arg(&deck)
        .arg("--rubric")
        .arg(&rubric)
        .write_stdin(
            "The Assembly, where every member met once a year. The Council, where the great \
             powers decided disputes.",
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["mark"], 2, "{result}");
}

#[test]
fn derive_one_card_to_stdout() {
    let out = selfmark()
        .args(["rubric", "derive", "decks/stalin-power.txt", "--card", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cards"].as_array().unwrap().len(), 1);
    assert_eq!(v["cards"][0]["card"], "3");
}

#[test]
fn derive_an_unknown_card_or_missing_deck_is_exit_2() {
    selfmark()
        .args(["rubric", "derive", "decks/stalin-power.txt", "--card", "99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("99"));
    selfmark()
        .args(["rubric", "derive", "no-such-deck.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-deck.tsv"));
}

#[test]
fn lint_names_each_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("r.json");
    std::fs::write(
        &rubric,
        r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 3, "scheme": "points",
            "points": [{"id": "a", "label": "l", "hint": "h",
                        "match": {"any": ["variable", "the"], "exclude": ["stack"]}}]}]}"#,
    )
    .unwrap();
    selfmark()
        .args(["rubric", "lint"])
        .arg(&rubric)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "cards[0].points[0].match.any[0]: `variable` is made of the question's own words",
        ))
        .stdout(predicate::str::contains(
            "cards[0].points[0].match.any[1]: `the` is only stop words",
        ))
        .stdout(predicate::str::contains(
            "cards[0].points[0].match.exclude[0]",
        ))
        .stdout(predicate::str::contains("cards[0].points[0].examples"))
        .stdout(predicate::str::contains("cards[0].max: max is 3"));
}

#[test]
fn lint_of_a_clean_rubric_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("r.json");
    std::fs::write(
        &rubric,
        r#"{"cards": [{"card": "1", "question": "What is a variable?", "max": 1, "scheme": "points",
            "points": [{"id": "memory", "label": "A place in memory", "hint": "Say where it lives",
                        "match": {"all": [["memory", "location/place"]]},
                        "examples": {"match": ["a location in memory"]}}]}]}"#,
    )
    .unwrap();
    selfmark()
        .args(["rubric", "lint"])
        .arg(&rubric)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 warning(s)"));
}

/// The built-in rubric is the one teachers copy: it lints clean, so a
/// warning on theirs is about what they changed.
#[test]
fn the_built_in_rubric_lints_clean() {
    selfmark()
        .args(["rubric", "lint", "rubrics/stalin-power.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 warning(s)"));
}

/// Runs selfmark with `args` under `umask`, in `dir`, as a shell would.
#[cfg(unix)]
fn under_umask(umask: &str, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(assert_cmd::cargo::cargo_bin("selfmark"))
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn derive_output_is_shared_like_batch_output() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cs.tsv"), DECK).unwrap();
    std::fs::write(
        dir.path().join("answers.jsonl"),
        "{\"id\": \"alice\", \"question\": \"1\", \"answer\": \"Stalin was General Secretary.\"}\n",
    )
    .unwrap();
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    for (umask, expected) in [("022", 0o644), ("027", 0o640)] {
        let derived = under_umask(
            umask,
            dir.path(),
            &["rubric", "derive", "cs.tsv", "-o", "rubric.json"],
        );
        assert!(derived.status.success(), "{derived:?}");
        let marked = under_umask(
            umask,
            dir.path(),
            &["batch", "answers.jsonl", "-o", "marks.jsonl"],
        );
        assert!(marked.status.success(), "{marked:?}");
        assert_eq!(
            mode("marks.jsonl"),
            expected,
            "batch -o under umask {umask}"
        );
        assert_eq!(
            mode("rubric.json"),
            expected,
            "derive -o under umask {umask}"
        );
        std::fs::remove_file(dir.path().join("rubric.json")).unwrap();
        std::fs::remove_file(dir.path().join("marks.jsonl")).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn derive_output_to_dev_null_writes_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("cs.tsv");
    std::fs::write(&deck, DECK).unwrap();
    derive(&deck)
        .args(["-o", "/dev/null"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote /dev/null"));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device(), "/dev/null replaced");
    if std::path::Path::new("/dev/full").exists() {
        derive(&deck)
            .args(["-o", "/dev/full"])
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "selfmark: /dev/full: cannot write: ",
            ));
    }
    // `-o -` is stdout, as no `-o` is.
    let to_stdout = derive(&deck).output().unwrap();
    derive(&deck)
        .args(["-o", "-"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(String::from_utf8(to_stdout.stdout).unwrap());
    assert!(!dir.path().join("-").exists());
}

#[test]
fn derive_refuses_to_write_over_its_deck() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cs.tsv"), DECK).unwrap();
    selfmark()
        .current_dir(dir.path())
        .args(["rubric", "derive", "cs.tsv", "-o", "cs.tsv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("selfmark: cs.tsv: is the input cs.tsv itself; write the output to another file, so the input is kept\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cs.tsv")).unwrap(),
        DECK
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A levels question that names a year is about up to it: an answer whose
/// every date is later answers another question and is marked at Level 0,
/// with a note saying why.
#[test]
fn an_answer_dated_after_the_questions_period_answers_another_question() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("weimar.tsv");
    std::fs::write(
        &deck,
        "(b) Why was there hyperinflation in Germany in 1923? [6]\tGermany fell behind with \
         reparations in 1922, so French and Belgian troops occupied the Ruhr in January 1923. \
         The workers went on strike and the government printed money to pay them, so prices \
         rose out of control.\n",
    )
    .unwrap();
    let rubric = dir.path().join("weimar.json");
    derive(&deck).arg("-o").arg(&rubric).assert().success();
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&rubric).unwrap()).unwrap();
    assert_eq!(draft["cards"][0]["until"], 1923);
    let mark = |answer: &str| -> serde_json::Value {
        let out = selfmark()
            .args(["mark", "--format", "json", "-q", "1", "--deck"])
            .arg(&deck)
            .arg("--rubric")
            .arg(&rubric)
            .write_stdin(answer)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let later = mark(
        "Hyperinflation ended in 1924 because Stresemann called off the strike in the Ruhr and \
         stopped the government printing money, so prices became stable again.",
    );
    assert_eq!(later["level"], 0, "{later}");
    assert!(
        later["note"].as_str().unwrap().contains("after 1923"),
        "{later}"
    );
    let on_time = mark(
        "The French occupied the Ruhr in 1923 and the workers went on strike, so the government \
         printed money to pay them and prices rose out of control.",
    );
    assert!(on_time["level"].as_u64().unwrap() >= 3, "{on_time}");
    assert!(on_time["note"].is_null(), "{on_time}");
}
