//! The HTML class report. Each answer's part of its feedback slip is
//! rendered on the thread that marked it ([`html::article`]) and spooled
//! to an unnamed temporary file, keeping only where it lies; at the end
//! the page is written, the slips read back in the order the page shows
//! them. So memory stays flat however large the class: the page's bulk
//! waits on disk, not in memory.

use super::{Destination, Report};
use crate::cli::{Failure, Result};
use selfmark::Deck;
use selfmark::class::{ClassSummary, Marked, Warning, html};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// One answer's part of its student's slip, as the report writes it: the
/// question shown is the deck card's.
pub fn article(m: &Marked, deck: &Deck) -> Vec<u8> {
    let question = deck
        .cards
        .get(m.card)
        .map_or_else(|| m.result.question.clone(), |c| c.display_question());
    html::article(&question, m).into_bytes()
}

pub struct Html<'a> {
    deck: &'a Deck,
    out: Destination,
    /// The rendered slip parts, one after another.
    spool: BufWriter<File>,
    /// Each spooled part: whose answer, to which card, and where it lies.
    parts: Vec<Part>,
    /// Bytes spooled so far.
    end: u64,
}

struct Part {
    student: String,
    card: usize,
    at: u64,
    len: usize,
}

impl<'a> Html<'a> {
    /// A report on answers to `deck`'s cards, written to `out`, spooling
    /// beside the output file (in the system's temporary folder when the
    /// report goes to stdout or a device).
    pub fn new(out: Destination, deck: &'a Deck) -> Result<Html<'a>> {
        let spool = match out.folder() {
            Some(dir) => tempfile::tempfile_in(dir),
            None => tempfile::tempfile(),
        }
        .map_err(|e| {
            let dir = out.folder().map_or_else(
                || std::env::temp_dir().display().to_string(),
                |d| d.display().to_string(),
            );
            Failure::input(format!(
                "{dir}: cannot make a temporary file for the report: {e}"
            ))
        })?;
        Ok(Html {
            deck,
            out,
            spool: BufWriter::with_capacity(256 * 1024, spool),
            parts: Vec::new(),
            end: 0,
        })
    }

    /// Spools one slip part.
    fn spool(&mut self, student: String, card: usize, part: &[u8]) -> io::Result<()> {
        self.spool.write_all(part)?;
        self.parts.push(Part {
            student,
            card,
            at: self.end,
            len: part.len(),
        });
        self.end += part.len() as u64;
        Ok(())
    }
}

impl Report for Html<'_> {
    fn marked(&mut self, m: Marked) -> io::Result<()> {
        let part = article(&m, self.deck);
        self.spool(m.student, m.card, &part)
    }

    fn rendered(&mut self, student: String, card: usize, part: Vec<u8>) -> io::Result<()> {
        self.spool(student, card, &part)
    }

    fn finish(
        mut self: Box<Self>,
        summary: &ClassSummary,
        warnings: &[Warning],
    ) -> io::Result<Destination> {
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        let keys: Vec<(&str, usize)> = self
            .parts
            .iter()
            .map(|p| (p.student.as_str(), p.card))
            .collect();
        let mut buf = Vec::new();
        let parts = &self.parts;
        html::write_page(&mut self.out, summary, warnings, &keys, |i, out| {
            let part = &parts[i];
            buf.resize(part.len, 0);
            spool.seek(SeekFrom::Start(part.at))?;
            spool.read_exact(&mut buf)?;
            out.write_all(&buf)
        })?;
        Ok(self.out)
    }
}
