//! JSON Lines input, as `batch` has always read it: one
//! `{"id", "question", "answer"}` record a line, streamed so that only a
//! chunk of lines is held at a time (UTF-16 with its byte-order mark is
//! read as UTF-8). Each line is parsed by its job, in parallel. A file
//! that looks binary at its start is refused (exit 2); a line that is not
//! UTF-8 is reported and skipped like any bad line.

use super::read::utf8_position;
use super::{Job, Source};
use crate::cli::input::{MAX_INPUT, nul_reason, utf8_stream};
use crate::cli::{Failure, Result};
use selfmark::class::Warning;
use std::io::{BufRead, BufReader, Read};

/// A file whose first this-many bytes hold a NUL is taken for binary.
const BINARY_PROBE: usize = 8192;

/// The lines of a JSON Lines input, with their numbers.
struct Lines {
    reader: Box<dyn BufRead>,
    name: String,
    line: usize,
    offset: usize,
    done: bool,
}

impl Iterator for Lines {
    type Item = Result<Job>;

    fn next(&mut self) -> Option<Result<Job>> {
        while !self.done {
            let mut buf = Vec::new();
            let n = match self
                .reader
                .by_ref()
                .take(MAX_INPUT + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Failure::input(format!("{}: {e}", self.name))));
                }
            };
            if n == 0 {
                self.done = true;
                break;
            }
            self.line += 1;
            let start = self.offset;
            self.offset += n;
            if let Some(pos) = buf.iter().position(|&b| b == 0)
                && start + pos < BINARY_PROBE
            {
                self.done = true;
                return Some(Err(Failure::input(format!(
                    "{}: {}",
                    self.name,
                    nul_reason(&buf, start + pos, "give a text file")
                ))));
            }
            if buf.len() as u64 > MAX_INPUT {
                // Skip the rest of an overlong line.
                let mut rest = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut rest);
                self.offset += rest.len();
                return Some(Ok(Job::Skip(Warning::line(
                    &self.name,
                    self.line,
                    "line longer than 16 MiB; an answer should be text of a few pages at most",
                ))));
            }
            let raw = match String::from_utf8(buf) {
                Ok(s) => s,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let (_, column) = utf8_position(e.as_bytes(), at);
                    return Some(Ok(Job::Skip(
                        Warning::line(
                            &self.name,
                            self.line,
                            "not UTF-8 text; save the file as UTF-8",
                        )
                        .with_column(Some(column)),
                    )));
                }
            };
            // Without its line end, so a record cut short is placed at the
            // end of its own line.
            let raw = raw.trim_end_matches(['\n', '\r']);
            let raw = if self.line == 1 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            }
            .to_string();
            if raw.trim().is_empty() {
                continue;
            }
            return Some(Ok(Job::Line {
                line: self.line,
                raw,
            }));
        }
        None
    }
}

/// Opens a JSON Lines file, or stdin for `-`.
pub fn open(input: &str) -> Result<Source> {
    let name = super::display_name(input).to_string();
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let path = std::path::Path::new(input);
        if path.is_dir() {
            return Err(Failure::input(format!(
                "{name}: is a directory, not a file"
            )));
        }
        let file = std::fs::File::open(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    let reader = utf8_stream(reader).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    Ok(Source {
        jobs: Box::new(Lines {
            reader,
            name,
            line: 0,
            offset: 0,
            done: false,
        }),
        total: None,
    })
}
