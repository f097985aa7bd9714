//! JSON Lines: one mark a line, exactly the object `mark --format json`
//! prints; a skipped input is a line with an `error`.

use super::{Destination, Report};
use selfmark::class::{ClassSummary, Marked, Warning};
use std::io::{self, Write};

pub struct Jsonl {
    out: Destination,
    jsonl_input: bool,
}

impl Jsonl {
    pub fn new(out: Destination, jsonl_input: bool) -> Jsonl {
        Jsonl { out, jsonl_input }
    }
}

impl Report for Jsonl {
    fn marked(&mut self, m: Marked) -> io::Result<()> {
        self.out.write_all(&m.result.to_json())?;
        self.out.write_all(b"\n")
    }

    fn rendered(&mut self, _: String, _: usize, line: Vec<u8>) -> io::Result<()> {
        self.out.write_all(&line)
    }

    fn skipped(&mut self, w: &Warning) -> io::Result<()> {
        if self.jsonl_input {
            let record = serde_json::json!({ "id": w.id, "line": w.line, "error": w.error });
            serde_json::to_writer(&mut self.out, &record)?;
        } else {
            serde_json::to_writer(&mut self.out, w)?;
        }
        self.out.write_all(b"\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(self: Box<Self>, _: &ClassSummary, _: &[Warning]) -> io::Result<Destination> {
        Ok(self.out)
    }
}
