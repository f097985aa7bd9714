//! CSV: one row per answer with its mark, level and points, for a
//! spreadsheet. Every text cell is neutralised
//! ([`selfmark::class::cells::neutralise`]) so an answer or a name can't
//! run a formula. Skipped inputs have no row; they are listed on stderr.

use super::{Destination, Report};
use selfmark::class::cells::neutralise;
use selfmark::class::{ClassSummary, Marked, Warning};
use selfmark::report::Status;
use std::io;

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
    out: csv::Writer<Destination>,
    header: bool,
}

impl Csv {
    pub fn new(dest: Destination) -> Csv {
        Csv {
            out: csv::Writer::from_writer(dest),
            header: false,
        }
    }
}

fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
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

impl Report for Csv {
    fn marked(&mut self, m: Marked) -> io::Result<()> {
        if !self.header {
            self.header = true;
            self.out.write_record(HEADER).map_err(io_error)?;
        }
        let r = &m.result;
        let evidence: Vec<&str> = r
            .points
            .iter()
            .filter_map(|p| p.evidence.first())
            .map(|e| e.quote.trim())
            .collect();
        let misconceptions: Vec<&str> = r.misconceptions.iter().map(|c| c.id.as_str()).collect();
        let text = [
            m.student.clone(),
            r.question_id.clone(),
            r.question.clone(),
            r.mark.to_string(),
            r.max.to_string(),
            r.level.map_or(String::new(), |l| l.to_string()),
            points(&m, Status::Explained),
            points(&m, Status::Identified),
            points(&m, Status::Missing),
            misconceptions.join("; "),
            evidence.join(" | "),
            r.note.clone().unwrap_or_default(),
        ];
        self.out
            .write_record(text.iter().map(|c| neutralise(c).into_owned()))
            .map_err(io_error)
    }

    fn skipped(&mut self, _: &Warning) -> io::Result<()> {
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &ClassSummary, _: &[Warning]) -> io::Result<Destination> {
        if !self.header {
            self.out.write_record(HEADER).map_err(io_error)?;
        }
        self.out.flush()?;
        self.out.into_inner().map_err(|e| e.into_error())
    }
}
