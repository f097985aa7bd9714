//! Fuzz target: any text loaded as a rubric must load and compile, or give
//! an error; a rubric that compiles must mark an answer to each card with
//! a mark in 0..=max.

#![no_main]
use libfuzzer_sys::fuzz_target;
use selfmark::rubric::{self, CompiledRubric};

const ANSWER: &str = "Stalin was General Secretary, so he appointed his supporters. \
Trotsky did not attend Lenin's funeral because Stalin gave him the wrong date.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(set) = rubric::parse(text, "fuzz.json") else {
        return;
    };
    let Ok(compiled) = CompiledRubric::compile(&set, "fuzz.json") else {
        return;
    };
    for card in 0..compiled.source.cards.len() {
        let r = compiled.mark(card, ANSWER);
        assert!(r.mark <= r.max, "mark {} above max {}", r.mark, r.max);
    }
});
