//! The terminal table: nothing is printed until the end, when the class
//! summary is complete.

use super::{Destination, Report};
use selfmark::class::{ClassSummary, Marked, Warning, table};
use std::io::{self, Write};

pub struct Table {
    out: Destination,
}

impl Table {
    pub fn new(out: Destination) -> Table {
        Table { out }
    }
}

impl Report for Table {
    fn marked(&mut self, _: Marked) -> io::Result<()> {
        Ok(())
    }

    fn rendered(&mut self, _: String, _: usize, _: Vec<u8>) -> io::Result<()> {
        Ok(())
    }

    fn finish(
        mut self: Box<Self>,
        summary: &ClassSummary,
        warnings: &[Warning],
    ) -> io::Result<Destination> {
        self.out.write_all(table::render(summary).as_bytes())?;
        if !warnings.is_empty() {
            writeln!(
                self.out,
                "\n{} input{} skipped (listed on stderr).",
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            )?;
        }
        Ok(self.out)
    }
}
