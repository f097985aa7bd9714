//! Every example sentence of every shipped rubric must behave as the rubric
//! says: `match` examples credit their point (or fire their misconception),
//! `no_match` examples don't. Rubrics are tested like code.

use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use selfmark::{Deck, builtin};

fn compiled() -> (rubric::RubricSet, CompiledRubric) {
    let set = rubric::parse(builtin::RUBRIC, "rubrics/stalin-power.json").expect("rubric parses");
    let compiled = CompiledRubric::compile(&set, "rubrics/stalin-power.json").expect("compiles");
    (set, compiled)
}

#[test]
fn rubric_examples_all_pass() {
    let (_, compiled) = compiled();
    let report = compiled.run_examples();
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(report.run > 0, "the rubric has no examples");
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        report.run,
        failures.join("\n")
    );
}

#[test]
fn seed_rubric_fits_seed_deck() {
    let (set, _) = compiled();
    let deck = Deck::parse(builtin::DECK, "decks/stalin-power.txt").expect("deck parses");
    let problems = check_against_deck(&set, &deck);
    assert!(problems.is_empty(), "{problems:?}");
}
