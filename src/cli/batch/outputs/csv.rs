//! CSV: one row per answer with its mark, level and points, for a
//! spreadsheet. Every text cell is neutralised
//! ([`selfmark::class::cells::neutralise`]) so an answer or a name can't
//! run a formula. Skipped inputs have no row; they are listed on stderr.

use super::{Destination, Report};
use selfmark::class::cells::neutralise;
use selfmark::class::{ClassSummary, Marked, Warning};
use selfmark::report::Status;
use std::io::{self, Write};

const HEADER: [&str; 12] = [
    "student",
    "card",
    "question",
    "mark",
    "max",
    "level",
    "explained",
    "identified",
    "missing",
    "misconceptions",
    "evidence",
    "note",
];

pub struct Csv {
    out: Destination,
    header: bool,
}

impl Csv {
    pub fn new(out: Destination) -> Csv {
        Csv { out, header: false }
    }

    fn header(&mut self) -> io::Result<()> {
        if !self.header {
            self.header = true;
            self.out
                .write_all(&record(HEADER.map(String::from)).unwrap_or_default())?;
        }
        Ok(())
    }
}

/// The ids of the points with this status, joined by "; ".
fn points(m: &Marked, status: Status) -> String {
    m.result
        .points
        .iter()
        .filter(|p| p.status == status)
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One CSV record, quoted where needed, every cell neutralised.
fn record(cells: [String; 12]) -> Option<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(1024));
    w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
        .ok()?;
    w.into_inner().ok()
}

/// The row of one marked answer.
pub fn render(m: &Marked) -> Option<Vec<u8>> {
    let r = &m.result;
    let evidence: Vec<&str> = r
        .points
        .iter()
        .filter_map(|p| p.evidence.first())
        .map(|e| e.quote.trim())
        .collect();
    let misconceptions: Vec<&str> = r.misconceptions.iter().map(|c| c.id.as_str()).collect();
    record([
        m.student.clone(),
        r.question_id.clone(),
        r.question.clone(),
        r.mark.to_string(),
        r.max.to_string(),
        r.level.map_or(String::new(), |l| l.to_string()),
        points(m, Status::Explained),
        points(m, Status::Identified),
        points(m, Status::Missing),
        misconceptions.join("; "),
        evidence.join(" | "),
        r.note.clone().unwrap_or_default(),
    ])
}

impl Report for Csv {
    fn marked(&mut self, m: Marked) -> io::Result<()> {
        self.header()?;
        match render(&m) {
            Some(row) => self.out.write_all(&row),
            None => Err(io::Error::other("a row could not be written as CSV")),
        }
    }

    fn rendered(&mut self, _: String, _: usize, row: Vec<u8>) -> io::Result<()> {
        self.header()?;
        self.out.write_all(&row)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(mut self: Box<Self>, _: &ClassSummary, _: &[Warning]) -> io::Result<Destination> {
        self.header()?;
        Ok(self.out)
    }
}
