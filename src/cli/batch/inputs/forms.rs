//! A Google Forms or Microsoft Forms export as CSV (UTF-8, or UTF-16 with
//! its byte-order mark, as Excel saves "Unicode Text"): a header row, then
//! one row per student. Headers that are questions of the deck become answer
//! columns; name, e-mail and timestamp columns say who the student is; the
//! rest are reported on stderr and skipped. Rows are streamed: only a
//! chunk of answers is held at a time. A row whose quoting is broken (see
//! `quotes`) is reported and skipped.

use super::quotes::{self, Found};
use super::read::utf8_position;
use super::{Job, Jobs, Source};
use crate::cli::input::{nul_reason, utf8_stream};
use crate::cli::{Failure, Result};
use selfmark::Deck;
use selfmark::class::Warning;
use selfmark::class::forms::{self, Column};
use selfmark::text::visible_line;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

/// The rows of an export, each giving a job per answer column.
struct Rows {
    reader: csv::Reader<Box<dyn Read>>,
    name: String,
    columns: Vec<Column>,
    headers: Vec<String>,
    /// Broken quoting seen in the bytes read so far.
    broken: Found,
    pending: VecDeque<Job>,
    done: bool,
}

impl Rows {
    /// Turns the next record into jobs; false at the end of the file.
    fn read_row(&mut self) -> Result<bool> {
        let mut record = csv::ByteRecord::new();
        let line = match self.reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(false),
            Ok(true) => record.position().map_or(0, |p| p.line() as usize),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                if let csv::ErrorKind::Io(io) = e.kind() {
                    return Err(Failure::input(format!("{}: {io}", self.name)));
                }
                self.pending
                    .push_back(Job::Skip(Warning::line(&self.name, line, e.to_string())));
                return Ok(true);
            }
        };
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            return Ok(true);
        }
        let mut cells = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            match std::str::from_utf8(cell) {
                Ok(s) => cells.push(s.to_string()),
                Err(e) => {
                    let (_, column) = utf8_position(cell, e.valid_up_to());
                    let header = self.headers.get(i).map_or("", String::as_str);
                    self.pending.push_back(Job::Skip(Warning::line(
                        &self.name,
                        line,
                        format!(
                            "cell {} (\"{header}\") is not UTF-8 text at character {column}; \
export the form as UTF-8 CSV",
                            i + 1
                        ),
                    )));
                    return Ok(true);
                }
            }
        }
        let student = forms::student(&self.columns, cells.iter().map(String::as_str));
        // The record runs up to where the next starts (the end of the file
        // for the last); a quote broken in it means other rows may have
        // been read into one of its cells. Problems come in file order, so
        // those before this record are dropped as it passes them.
        let end = (self.reader.position().line() as usize).max(line + 1);
        let broken = {
            let mut found = self.broken.borrow_mut();
            found.retain(|b| b.opened >= line);
            found
                .first()
                .filter(|b| b.opened < end || b.at_end)
                .copied()
        };
        if let Some(b) = broken {
            let w = Warning::line(&self.name, line, b.reason()).with_id(student);
            self.pending.push_back(Job::Skip(w));
            return Ok(true);
        }
        if cells.len() != self.columns.len() {
            let w = Warning::line(
                &self.name,
                line,
                format!(
                    "the row has {} cells but the header has {}; skipped (is a cell missing or a quote unclosed?)",
                    cells.len(),
                    self.columns.len()
                ),
            )
            .with_id(student);
            self.pending.push_back(Job::Skip(w));
            return Ok(true);
        }
        let student = student.unwrap_or_else(|| format!("row {line}"));
        for (column, text) in self.columns.iter().zip(cells) {
            if let Column::Card(card) = *column {
                self.pending.push_back(Job::Answer {
                    student: student.clone(),
                    card,
                    text,
                });
            }
        }
        Ok(true)
    }
}

impl Iterator for Rows {
    type Item = Result<Job>;

    fn next(&mut self) -> Option<Result<Job>> {
        while self.pending.is_empty() && !self.done {
            match self.read_row() {
                Ok(true) => {}
                Ok(false) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        self.pending.pop_front().map(Ok)
    }
}

/// The field delimiter of an export: a comma, unless the header line has
/// more semicolons or tabs (spreadsheets in some locales save those).
fn delimiter(header_line: &[u8]) -> u8 {
    let count = |d: u8| header_line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(d), d == b','))
        .unwrap_or(b',')
}

/// Opens a forms export (a file, or stdin for `-`) and reads its header.
pub fn open(input: &str, deck: &Deck) -> Result<Source> {
    let name = super::display_name(input).to_string();
    let reader: Box<dyn BufRead + Send> = if input == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file =
            std::fs::File::open(input).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    // Excel's "Unicode Text" and some forms exports are UTF-16.
    let mut reader = utf8_stream(reader).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let head = reader
        .fill_buf()
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(Failure::input(format!(
            "{name}: {}",
            nul_reason(head, pos, "export the form as CSV")
        )));
    }
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let delimiter = delimiter(first_line);
    if head.starts_with(b"\xef\xbb\xbf") {
        reader.consume(3);
    }
    let (watched, broken) = quotes::Watch::new(reader, delimiter);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Box::new(watched) as Box<dyn Read>);
    let mut header = csv::ByteRecord::new();
    match csv.read_byte_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Failure::input(format!(
                "{name}: empty; expected a header row of questions"
            )));
        }
        Err(e) => return Err(Failure::input(format!("{name}: {e}"))),
    }
    let headers: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let columns: Vec<Column> = headers.iter().map(|h| forms::classify(h, deck)).collect();
    for (i, (h, c)) in headers.iter().zip(&columns).enumerate() {
        if *c == Column::Unmatched {
            let line = format!(
                "{name}:1: column {} (\"{h}\") is not a question of the deck; skipped",
                i + 1
            );
            eprintln!("selfmark: {}", visible_line(&line));
        }
    }
    if !columns.iter().any(|c| matches!(c, Column::Card(_))) {
        let questions: Vec<String> = deck
            .cards
            .iter()
            .map(|c| format!("{}: {}", c.id, c.display_question()))
            .collect();
        return Err(Failure::input(format!(
            "{name}:1: no column header is a question of the deck; headers should be the \
questions' text, for example:\n  {}",
            questions.join("\n  ")
        )));
    }
    Ok(Source {
        jobs: Jobs::Read(Box::new(Rows {
            reader: csv,
            name,
            columns,
            headers,
            broken,
            pending: VecDeque::new(),
            done: false,
        })),
        total: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_read_from_the_header() {
        assert_eq!(delimiter(b"Timestamp,Name,Why?"), b',');
        assert_eq!(delimiter(b"Timestamp;Name;Why, then?"), b';');
        assert_eq!(delimiter(b"Timestamp\tName"), b'\t');
        assert_eq!(delimiter(b"Question"), b',');
    }
}
