//! The HTML class report: the marks are kept (with the answers' text) for
//! the feedback slips, and the page is written at the end.

use super::{Destination, Report};
use selfmark::class::{ClassSummary, Marked, Warning, html};
use std::io::{self, Write};

pub struct Html {
    out: Destination,
    answers: Vec<Marked>,
}

impl Html {
    pub fn new(out: Destination) -> Html {
        Html {
            out,
            answers: Vec::new(),
        }
    }
}

impl Report for Html {
    fn marked(&mut self, m: Marked, _: Option<Vec<u8>>) -> io::Result<()> {
        self.answers.push(m);
        Ok(())
    }

    fn finish(
        mut self: Box<Self>,
        summary: &ClassSummary,
        warnings: &[Warning],
    ) -> io::Result<Destination> {
        let page = html::render(summary, &self.answers, warnings);
        self.out.write_all(page.as_bytes())?;
        Ok(self.out)
    }
}
