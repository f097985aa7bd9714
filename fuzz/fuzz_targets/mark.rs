//! Fuzz target: any answer text marked against every card of the built-in
//! rubric gives a mark in 0..=max, evidence that lies inside the answer,
//! and a trace, never a panic.

#![no_main]
use libfuzzer_sys::fuzz_target;
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric};
use std::sync::OnceLock;

fn rubric() -> &'static CompiledRubric {
    static R: OnceLock<CompiledRubric> = OnceLock::new();
    R.get_or_init(|| {
        let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).expect("built-in rubric");
        CompiledRubric::compile(&set, builtin::RUBRIC_NAME).expect("built-in rubric compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let answer = String::from_utf8_lossy(data);
    let r = rubric();
    for card in 0..r.source.cards.len() {
        let result = r.mark(card, &answer);
        assert!(result.mark <= result.max);
        for p in &result.points {
            for e in &p.evidence {
                assert!(e.start <= e.end && e.end <= answer.len(), "evidence outside the answer");
                assert!(answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end));
            }
        }
    }
});
