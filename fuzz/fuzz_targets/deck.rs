//! Fuzz target: any text parsed as a deck in each format (Brainscape
//! text, TSV, CSV, Q:/A: text, JSON), and as detected (or as each in
//! turn), must give a deck or an error, never a panic, and a deck read as
//! detected is one a format reads; a rubric
//! drafted from a deck that parses must read back as written, compile and
//! fit that deck.

#![no_main]
use libfuzzer_sys::fuzz_target;
use selfmark::deck::{Deck, DeckFormat};
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use selfmark::rubric::derive::derive_deck;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut decks: Vec<Deck> = Vec::new();
    for format in DeckFormat::ALL {
        if let Ok(deck) = Deck::parse_as(text, "fuzz", format)
            && !decks.contains(&deck)
        {
            decks.push(deck);
        }
    }
    if let Ok(deck) = Deck::parse(text, "fuzz") {
        assert!(decks.contains(&deck), "a deck detected is read as one format reads it");
    }
    for deck in decks {
        for card in &deck.cards {
            assert!(deck.find(&card.id).is_ok(), "card {} not found by its id", card.id);
        }
        if let Ok(draft) = derive_deck(&deck, None) {
            let set = rubric::parse(&draft.text, "draft").expect("a draft reads back as written");
            assert_eq!(set, draft.set, "a draft reads back as the rubric drafted");
            CompiledRubric::compile(&set, "draft").expect("a drafted rubric compiles");
            assert!(
                check_against_deck(&set, &deck).iter().all(|p| !p.error),
                "a drafted rubric fits its deck"
            );
        }
    }
});
