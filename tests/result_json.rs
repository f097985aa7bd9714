//! A result's JSON (what batch JSON Lines and `mark --format json` print)
//! is written by hand for speed; on every answer of the real development
//! and held-out sets, marked with the built-in rubric, it must be byte for
//! byte what `serde_json` writes for the derived `Serialize` impl.

use selfmark::rubric::{self, CompiledRubric};
use selfmark::{Deck, builtin};

fn check_set(path: &str) -> usize {
    let deck = Deck::parse(builtin::DECK, builtin::DECK_NAME).unwrap();
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
    let compiled = CompiledRubric::compile(&set, builtin::RUBRIC_NAME).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let card = deck.find(v["question"].as_str().unwrap()).unwrap();
        let rc = compiled.card_for(card).unwrap();
        let mut result = compiled.mark(rc, v["answer"].as_str().unwrap());
        // Without an id, as `mark` reading stdin prints it.
        assert_eq!(result.to_json(), serde_json::to_vec(&result).unwrap());
        // With the answer's id, as a batch line prints it.
        result.id = v["id"].as_str().map(String::from);
        assert_eq!(
            String::from_utf8(result.to_json()).unwrap(),
            serde_json::to_string(&result).unwrap(),
            "{path}: answer {:?}",
            result.id
        );
        checked += 1;
    }
    checked
}

#[test]
fn the_dev_set_results_are_written_as_serde_json_writes_them() {
    assert!(check_set("tests/data/dev-set.jsonl") >= 72);
}

#[test]
fn the_held_out_set_results_are_written_as_serde_json_writes_them() {
    assert!(check_set("tests/data/holdout-set.jsonl") >= 50);
}
