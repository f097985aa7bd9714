//! `selfmark rubric derive` on large decks (issue 19): a draft of a
//! generated deck of a few hundred cards loads back (`rubric check`,
//! `mark --rubric`); a draft larger than the rubric loader reads is refused
//! before anything is written; and drafting and checking grow linearly
//! with the cards.
//!
//! Growth is measured as the instructions spent judging example sentences
//! (derive tries each model sentence on its point, check runs every
//! example), counted by callgrind ([`callgrind`]) for 16 and 64 generated
//! cards: linear growth gives 4 times as many, judging each example against
//! the whole rubric (as derive did, taking minutes for 2,000 cards) about
//! 10. At most [`MOST_GROWTH`] times is allowed. Without valgrind the
//! test says so and passes, unless `SELFMARK_REQUIRE_VALGRIND=1` is set.
//! `benches/derive.rs` gives the time.

#[path = "support/callgrind.rs"]
mod callgrind;
#[path = "../benches/support/deck.rs"]
mod deck;

use assert_cmd::Command;
use predicates::prelude::*;
use selfmark::Deck;
use selfmark::rubric::CompiledRubric;
use selfmark::rubric::derive::derive_deck;
use std::time::Duration;

fn selfmark() -> Command {
    Command::cargo_bin("selfmark").expect("binary builds")
}

/// Set in the child: how many generated cards to draft and check.
const CHILD: &str = "SELFMARK_DERIVE_CHILD";

/// How many times the instructions of 16 cards those of 64 may take.
const MOST_GROWTH: f64 = 6.0;

/// How long a child may take under callgrind.
const CHILD_TIME: Duration = Duration::from_secs(300);

#[test]
fn a_draft_of_a_large_deck_loads_back_and_marks() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.tsv");
    std::fs::write(&deck, deck::tsv(200)).unwrap();
    let rubric = dir.path().join("rubric.json");
    selfmark()
        .args(["rubric", "derive"])
        .arg(&deck)
        .arg("-o")
        .arg(&rubric)
        .assert()
        .success()
        .stderr(predicate::str::contains("(200 cards,"));
    selfmark()
        .args(["rubric", "check"])
        .arg(&rubric)
        .arg("--deck")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("200 cards").and(predicate::str::contains(", 0 failed")));
    // The last card's model answer makes every point of its draft.
    let parsed = Deck::parse(&std::fs::read_to_string(&deck).unwrap(), "deck.tsv").unwrap();
    let last = parsed.cards.last().unwrap();
    let out = selfmark()
        .args(["mark", "--format", "json", "-q", "200", "--deck"])
        .arg(&deck)
        .arg("--rubric")
        .arg(&rubric)
        .write_stdin(last.answer.as_str())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let points = result["points"].as_array().unwrap();
    assert!(!points.is_empty());
    assert!(points.iter().all(|p| p["status"] != "missing"), "{result}");
    if result["level"].is_null() {
        // One mark a point: the model answer earns a mark for each.
        let made = (points.len() as u64).min(result["max"].as_u64().unwrap());
        assert_eq!(result["mark"], made, "{result}");
    } else {
        // A "Why…?" card worth 4 or more is drafted as levels: reasons
        // named without a causal link reach Level 2.
        assert!(result["level"].as_u64().unwrap() >= 2, "{result}");
    }
}

#[test]
fn a_draft_larger_than_the_loader_reads_is_refused_before_anything_is_written() {
    // JSON writes a control character as six (`\u0001`), so questions of
    // them draft a rubric six times the deck's size: five cards of 3.6 MB
    // of rubric from a deck of 3 MB.
    let question = format!("Why? {}", "\u{1}".repeat(600_000));
    let deck_text: String = (1..=5)
        .map(|n| format!("{question} {n}\tPhotosynthesis makes glucose in the leaves.\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.tsv");
    std::fs::write(&deck, deck_text).unwrap();
    let rubric = dir.path().join("rubric.json");
    selfmark()
        .args(["rubric", "derive"])
        .arg(&deck)
        .arg("-o")
        .arg(&rubric)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the drafted rubric would be larger than 16 MiB, the largest rubric selfmark reads, \
             from card 5 on: split the deck into decks of up to 4 cards and draft a rubric for each",
        ));
    assert!(!rubric.exists(), "nothing is written");
}

/// Drafts a deck and runs its draft's examples, as `rubric derive` and
/// `rubric check` do: the instructions counted are those spent in
/// `CompiledRubric::judge` inside it.
#[inline(never)]
fn draft_and_check(deck: &Deck) {
    let draft = derive_deck(deck, None).expect("the deck drafts");
    let compiled = CompiledRubric::compile(&draft.set, "draft").expect("the draft compiles");
    let report = compiled.run_examples();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
}

#[test]
fn drafting_and_checking_grow_linearly_with_the_cards() {
    const TEST: &str = "drafting_and_checking_grow_linearly_with_the_cards";
    if let Ok(cards) = std::env::var(CHILD) {
        let cards = cards.parse().expect("a number of cards");
        let deck = Deck::parse(&deck::tsv(cards), "deck.tsv").expect("the deck parses");
        draft_and_check(&deck);
        return;
    }
    if !callgrind::available() {
        return;
    }
    let judged = |cards: usize| {
        callgrind::instructions(
            TEST,
            "*CompiledRubric*::judge",
            (CHILD, &cards.to_string()),
            CHILD_TIME,
        )
    };
    let (small, large) = (judged(16), judged(64));
    assert!(
        small > 0,
        "no instructions counted in CompiledRubric::judge: was it renamed?"
    );
    let growth = large as f64 / small as f64;
    eprintln!("judging examples: {small} instructions for 16 cards, {large} for 64 ({growth:.1}x)");
    assert!(
        growth <= MOST_GROWTH,
        "judging examples grows faster than linearly: {small} instructions for 16 cards, \
         {large} for 64 ({growth:.1}x, at most {MOST_GROWTH}x allowed)"
    );
}
