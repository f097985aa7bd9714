//! Writes a reproducible class of synthetic answers as an answers folder,
//! `OUT/<student>/<card>.txt`, for benchmarking `selfmark batch`.
//!
//!     cargo run --release --example generate-answers -- OUT [COUNT] [SEED]
//!
//! COUNT defaults to 100000 answers (about 150 words each, the six cards
//! in turn), SEED to 42.

mod answers;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: generate-answers OUT [COUNT] [SEED]");
        std::process::exit(2);
    };
    let parse = |i: usize, default: u64| {
        args.get(i)
            .map_or(Ok(default), |s| s.parse::<u64>())
            .unwrap_or_else(|e| {
                eprintln!("generate-answers: argument {}: {e}", i + 1);
                std::process::exit(2);
            })
    };
    let count = parse(1, 100_000) as usize;
    let seed = parse(2, 42);
    let root = std::path::Path::new(out);
    let mut words = 0usize;
    for (student, card, text) in answers::Class::new(count, seed) {
        let dir = root.join(&student);
        if card == 1
            && let Err(e) = std::fs::create_dir_all(&dir)
        {
            eprintln!("generate-answers: {}: {e}", dir.display());
            std::process::exit(1);
        }
        words += text.split_whitespace().count();
        let path = dir.join(format!("{card}.txt"));
        if let Err(e) = std::fs::File::create(&path).and_then(|mut f| f.write_all(text.as_bytes()))
        {
            eprintln!("generate-answers: {}: {e}", path.display());
            std::process::exit(1);
        }
    }
    eprintln!(
        "generate-answers: {count} answers, {:.0} words each on average, in {}",
        words as f64 / count.max(1) as f64,
        root.display()
    );
}
