//! JSON Lines input, as `batch` has always read it: one
//! `{"id", "question", "answer"}` record a line, streamed so that only a
//! chunk of lines is held at a time (UTF-16 with its byte-order mark is
//! read as UTF-8). Each line is parsed by its job, in parallel. A file
//! that looks binary at its start is refused (exit 2); every other line
//! gives exactly one job, so one result or one skip: a line that is
//! blank, not UTF-8 or overlong is reported and skipped like any bad
//! line, which keeps `batch` a filter that gives a line for every line it
//! is given.
//!
//! From a pipe (stdin, a named pipe) the lines are read on a thread of
//! their own as they arrive, so that a batch can mark and write those
//! already here instead of waiting for a chunk's worth from a slow
//! writer; a file is read as its lines are asked for.

use super::read::utf8_position;
use super::{Job, Jobs, Source};
use crate::cli::input::{MAX_INPUT, nul_reason, utf8_stream};
use crate::cli::{Failure, Result};
use selfmark::class::Warning;
use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc;

/// A file whose first this-many bytes hold a NUL is taken for binary.
const BINARY_PROBE: usize = 8192;

/// Lines read from a pipe ahead of the batch: a chunk's worth, enough for
/// the next chunk to be ready while the last is marked.
const AHEAD: usize = 2048;

/// The lines of a JSON Lines input, with their numbers.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: usize,
    offset: usize,
    done: bool,
}

impl Iterator for Lines {
    type Item = Result<Job>;

    fn next(&mut self) -> Option<Result<Job>> {
        if self.done {
            return None;
        }
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
            return None;
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
        if buf.len() as u64 > MAX_INPUT && buf.last() != Some(&b'\n') {
            // Skip the rest of an overlong line, holding none of it.
            self.offset += self.reader.skip_until(b'\n').unwrap_or(0);
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
            // Skipped, but still a line of the output for this line.
            return Some(Ok(Job::Skip(Warning::line(
                &self.name,
                self.line,
                "blank line; each line should be one answer record",
            ))));
        }
        Some(Ok(Job::Line {
            line: self.line,
            raw,
        }))
    }
}

/// Opens a JSON Lines file, or stdin for `-`.
pub fn open(input: &str) -> Result<Source> {
    let name = super::display_name(input).to_string();
    let (reader, arriving): (Box<dyn BufRead + Send>, bool) = if input == "-" {
        (Box::new(BufReader::new(std::io::stdin())), true)
    } else {
        let path = std::path::Path::new(input);
        if path.is_dir() {
            return Err(Failure::input(format!(
                "{name}: is a directory, not a file"
            )));
        }
        let file = std::fs::File::open(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        // A named pipe's lines arrive as stdin's do.
        let arriving = !file.metadata().is_ok_and(|m| m.is_file());
        (
            Box::new(BufReader::with_capacity(64 * 1024, file)),
            arriving,
        )
    };
    let reader = utf8_stream(reader).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let lines = Lines {
        reader,
        name,
        line: 0,
        offset: 0,
        done: false,
    };
    let jobs = if arriving {
        let (to_batch, jobs) = mpsc::sync_channel(AHEAD);
        // Not joined: a read that waits for a writer who never writes
        // again must not keep the batch from ending when it has to (an
        // error, a closed stdout). It ends with the input, or on the next
        // line after the batch stops taking them.
        std::thread::spawn(move || {
            for job in lines {
                if to_batch.send(job).is_err() {
                    break;
                }
            }
        });
        Jobs::Arriving(jobs)
    } else {
        Jobs::Read(Box::new(lines))
    };
    Ok(Source { jobs, total: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: Vec<u8>) -> Vec<Job> {
        let lines = Lines {
            reader: Box::new(std::io::Cursor::new(input)),
            name: "in.jsonl".into(),
            line: 0,
            offset: 0,
            done: false,
        };
        lines.map(|j| j.ok().unwrap()).collect()
    }

    #[test]
    fn every_line_is_a_job_blank_and_overlong_ones_too() {
        let limit = MAX_INPUT as usize;
        let mut input = b"{\"a\":1}\n\n".to_vec();
        // A line of just the limit, then one a byte over it, then the last
        // line, without a line end.
        input.extend(vec![b' '; limit - 1]);
        input.extend(b"x\n");
        input.extend(vec![b' '; limit]);
        input.extend(b"x\n{\"b\":2}");
        let jobs = lines(input);
        let kinds: Vec<String> = jobs
            .iter()
            .map(|j| match j {
                Job::Line { line, raw } => format!("{line}: {}", raw.trim()),
                Job::Skip(w) => w.to_string(),
                _ => "?".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "1: {\"a\":1}",
                "in.jsonl:2: blank line; each line should be one answer record",
                "3: x",
                "in.jsonl:4: line longer than 16 MiB; an answer should be text of a few pages at most",
                "5: {\"b\":2}",
            ]
        );
    }
}
