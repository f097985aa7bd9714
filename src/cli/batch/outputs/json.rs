//! JSON: one document, `{"results": [...], "warnings": [...], "summary":
//! {...}}`. The results are written as they arrive (one a line inside the
//! array), so the document is streamed, not built in memory.

use super::{Destination, Report};
use selfmark::class::{ClassSummary, Marked, Warning};
use std::io::{self, Write};

pub struct Json {
    out: Destination,
    first: bool,
}

impl Json {
    pub fn new(out: Destination) -> Json {
        Json { out, first: true }
    }
}

impl Report for Json {
    fn marked(&mut self, m: Marked, rendered: Option<Vec<u8>>) -> io::Result<()> {
        let open: &[u8] = if self.first {
            b"{\"results\": [\n"
        } else {
            b",\n"
        };
        self.first = false;
        self.out.write_all(open)?;
        match rendered {
            Some(object) => self.out.write_all(&object),
            None => self.out.write_all(&m.result.to_json()),
        }
    }

    fn finish(
        mut self: Box<Self>,
        summary: &ClassSummary,
        warnings: &[Warning],
    ) -> io::Result<Destination> {
        if self.first {
            self.out.write_all(b"{\"results\": [")?;
        }
        self.out.write_all(b"\n],\n\"warnings\": ")?;
        serde_json::to_writer(&mut self.out, warnings)?;
        self.out.write_all(b",\n\"summary\": ")?;
        serde_json::to_writer(&mut self.out, &summary.to_json(warnings.len()))?;
        self.out.write_all(b"\n}\n")?;
        Ok(self.out)
    }
}
