//! Replays the fuzzers' corpus (`fuzz/corpus/`) as ordinary tests, so every
//! input the fuzzers keep, crashes found and fixed among them, is checked
//! by `cargo test` on every build: decks parse or fail cleanly in every
//! format and as detected (and a rubric drafted from one reads back as written and fits
//! it), rubrics load or fail cleanly, answers mark within 0..=max.

use selfmark::builtin;
use selfmark::deck::{Deck, DeckFormat};
use selfmark::rubric::derive::derive_deck;
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{} is empty", dir.display());
    out
}

#[test]
fn deck_corpus_parses_or_fails_cleanly() {
    for (name, bytes) in inputs("deck") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let mut decks: Vec<Deck> = Vec::new();
        for format in DeckFormat::ALL {
            if let Ok(deck) = Deck::parse_as(text, &name, format)
                && !decks.contains(&deck)
            {
                decks.push(deck);
            }
        }
        // Read by the format detected, or by each in turn, it is what one
        // format reads.
        if let Ok(deck) = Deck::parse(text, &name) {
            assert!(decks.contains(&deck), "{name}: detected as no format");
        }
        for deck in decks {
            for card in &deck.cards {
                assert!(deck.find(&card.id).is_ok(), "{name}: card {}", card.id);
            }
            // A draft that is made must load as written (a card with no
            // key words once gave a draft with an empty card) and fit
            // its deck (a maximum of 4294967295 once gave one of 100).
            if let Ok(draft) = derive_deck(&deck, None) {
                let set = rubric::parse(&draft.text, &name)
                    .unwrap_or_else(|e| panic!("{name}: the draft does not read back: {e}"));
                CompiledRubric::compile(&set, &name)
                    .unwrap_or_else(|e| panic!("{name}: the draft does not load: {e}"));
                let misfits: Vec<_> = check_against_deck(&set, &deck)
                    .into_iter()
                    .filter(|p| p.error)
                    .collect();
                assert!(
                    misfits.is_empty(),
                    "{name}: the draft does not fit: {misfits:?}"
                );
            }
        }
    }
}

#[test]
fn rubric_corpus_loads_or_fails_cleanly() {
    for (name, bytes) in inputs("rubric") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(set) = rubric::parse(text, &name)
            && let Ok(compiled) = CompiledRubric::compile(&set, &name)
        {
            for card in 0..compiled.source.cards.len() {
                let r = compiled.mark(card, "Stalin was General Secretary, so he won.");
                assert!(r.mark <= r.max, "{name}");
            }
        }
    }
}

#[test]
fn mark_corpus_marks_within_bounds() {
    let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
    let compiled = CompiledRubric::compile(&set, builtin::RUBRIC_NAME).unwrap();
    for (name, bytes) in inputs("mark") {
        let answer = String::from_utf8_lossy(&bytes);
        for card in 0..compiled.source.cards.len() {
            let r = compiled.mark(card, &answer);
            assert!(r.mark <= r.max, "{name}");
            for p in &r.points {
                for e in &p.evidence {
                    assert!(e.start <= e.end && e.end <= answer.len(), "{name}");
                }
            }
        }
    }
}
