//! The marker must agree with an examiner: measured on the hand-marked
//! development set (tests/data/dev-set.jsonl, marked against MARKING.md
//! before the marker ran on it) and, as a floor against regressions, on the
//! held-out set that no rubric or code was tuned against.

use selfmark::agreement::agreement;
use selfmark::rubric::{self, CompiledRubric};
use selfmark::{Deck, builtin};

struct Marked {
    id: String,
    kind: String,
    teacher: u32,
    estimate: u32,
}

fn mark_set(path: &str) -> Vec<Marked> {
    let deck = Deck::parse(builtin::DECK, builtin::DECK_NAME).unwrap();
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
    let compiled = CompiledRubric::compile(&set, builtin::RUBRIC_NAME).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let card = deck.find(v["question"].as_str().unwrap()).unwrap();
            let rc = compiled.card_for(card).unwrap();
            let result = compiled.mark(rc, v["answer"].as_str().unwrap());
            Marked {
                id: v["id"].as_str().unwrap().to_string(),
                kind: v["kind"].as_str().unwrap_or("").to_string(),
                teacher: v["mark"].as_u64().unwrap() as u32,
                estimate: result.mark,
            }
        })
        .collect()
}

#[test]
fn dev_set_agrees_with_the_examiner() {
    let marked = mark_set("tests/data/dev-set.jsonl");
    assert!(
        marked.len() >= 72,
        "the dev set has {} answers",
        marked.len()
    );
    let pairs: Vec<(u32, u32)> = marked.iter().map(|m| (m.teacher, m.estimate)).collect();
    let a = agreement(&pairs, 6);
    assert!(a.qwk >= 0.85, "QWK {:.3} is below 0.85", a.qwk);
    assert!(
        a.exact >= 0.60,
        "exact agreement {:.3} is below 60%",
        a.exact
    );
}

#[test]
fn keyword_lists_stay_at_level_two_and_irrelevant_answers_score_at_most_one() {
    for m in mark_set("tests/data/dev-set.jsonl") {
        match m.kind.as_str() {
            "keyword-list" => assert!(
                m.estimate <= 3,
                "{} (keyword list) got {}",
                m.id,
                m.estimate
            ),
            "irrelevant" => assert!(m.estimate <= 1, "{} (irrelevant) got {}", m.id, m.estimate),
            "question-copied" => assert!(
                m.estimate <= 1,
                "{} (copied question) got {}",
                m.id,
                m.estimate
            ),
            _ => {}
        }
    }
}

#[test]
fn held_out_set_stays_above_its_floor() {
    let marked = mark_set("tests/data/holdout-set.jsonl");
    let pairs: Vec<(u32, u32)> = marked.iter().map(|m| (m.teacher, m.estimate)).collect();
    let a = agreement(&pairs, 6);
    assert!(a.qwk >= 0.75, "held-out QWK {:.3} fell below 0.75", a.qwk);
}
