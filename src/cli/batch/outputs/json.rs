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

impl Json {
    /// Opens the results array before the first result, or puts a comma
    /// after the last.
    fn open(&mut self) -> io::Result<()> {
        let open: &[u8] = if self.first {
            b"{\"results\": [\n"
        } else {
            b",\n"
        };
        self.first = false;
        self.out.write_all(open)
    }
}

impl Report for Json {
    fn marked(&mut self, m: Marked) -> io::Result<()> {
        self.open()?;
        self.out.write_all(&m.result.to_json())
    }

    fn rendered(&mut self, _: String, _: usize, object: Vec<u8>) -> io::Result<()> {
        self.open()?;
        self.out.write_all(&object)
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
