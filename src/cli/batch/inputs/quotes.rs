//! Watches the bytes of a forms export for broken quoting that the CSV
//! reader forgives silently: a quoted cell with text after its closing
//! quote, or a quote never closed before the end of the file. Either means
//! a quote is likely unclosed and the rows after it were read into one
//! cell, so the row holding it is reported and skipped rather than marked
//! as one student's answer made of several students' rows.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

/// A quoting problem: the line its quoted cell opened on, the line it was
/// seen on, and whether the file ended inside the quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Broken {
    pub opened: usize,
    pub seen: usize,
    pub at_end: bool,
}

impl Broken {
    /// What went wrong, for a warning on the row's line.
    pub fn reason(&self) -> String {
        if self.at_end {
            format!(
                "a quote opened on line {} is never closed, so the rest of the file was read as \
one cell; the row is skipped (close the quote and mark it again)",
                self.opened
            )
        } else {
            format!(
                "a quoted cell opened on line {} has text after its closing quote on line {}: a \
quote is likely unclosed, so lines {}–{} were read as one row; skipped (close the quote and \
mark it again)",
                self.opened, self.seen, self.opened, self.seen
            )
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    Start,
    /// In a cell that did not open with a quote.
    Bare,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote in a quoted cell: an escaped quote or the end.
    QuoteSeen,
    /// After a quoted cell's closing quote (and any spaces).
    Closed,
}

/// The problems found so far, shared with the rows that read them.
pub type Found = Rc<RefCell<Vec<Broken>>>;

/// A reader that passes bytes through unchanged while watching their
/// quoting.
pub struct Watch<R> {
    inner: R,
    delimiter: u8,
    state: State,
    line: usize,
    opened: usize,
    found: Found,
}

impl<R: Read> Watch<R> {
    /// Watches `inner`, whose cells are split by `delimiter`, from line 1.
    pub fn new(inner: R, delimiter: u8) -> (Watch<R>, Found) {
        let found = Found::default();
        let watch = Watch {
            inner,
            delimiter,
            state: State::Start,
            line: 1,
            opened: 1,
            found: Rc::clone(&found),
        };
        (watch, found)
    }

    fn step(&mut self, b: u8) {
        let ends_cell = b == self.delimiter || b == b'\n' || b == b'\r';
        self.state = match self.state {
            State::Start if b == b'"' => {
                self.opened = self.line;
                State::Quoted
            }
            State::Start | State::Bare if ends_cell => State::Start,
            State::Start | State::Bare => State::Bare,
            State::Quoted if b == b'"' => State::QuoteSeen,
            State::Quoted => State::Quoted,
            State::QuoteSeen if b == b'"' => State::Quoted,
            State::QuoteSeen | State::Closed if ends_cell => State::Start,
            State::QuoteSeen | State::Closed if b == b' ' => State::Closed,
            State::QuoteSeen | State::Closed => {
                self.found.borrow_mut().push(Broken {
                    opened: self.opened,
                    seen: self.line,
                    at_end: false,
                });
                State::Bare
            }
        };
        if b == b'\n' {
            self.line += 1;
        }
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.state == State::Quoted {
            self.found.borrow_mut().push(Broken {
                opened: self.opened,
                seen: self.line,
                at_end: true,
            });
            self.state = State::Start;
        }
        for &b in &buf[..n] {
            self.step(b);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(text: &str) -> Vec<Broken> {
        let (mut watch, found) = Watch::new(text.as_bytes(), b',');
        let mut out = Vec::new();
        watch.read_to_end(&mut out).unwrap();
        assert_eq!(out, text.as_bytes(), "bytes pass through unchanged");
        found.borrow().clone()
    }

    #[test]
    fn well_quoted_cells_are_fine() {
        assert_eq!(broken("a,b\n\"x, y\",\"he said \"\"no\"\"\"\n"), vec![]);
        assert_eq!(broken("a,b\n\"two\nlines\",z\r\n\"q\" ,w"), vec![]);
        assert_eq!(broken("a,b\nit's 5\" tall,z\n"), vec![]);
    }

    #[test]
    fn text_after_a_closing_quote_is_found_where_its_cell_opened() {
        let text = "Name,Answer\nAl,\"unclosed\nBo,fine\nCy,\"Trotsky\"\n";
        assert_eq!(
            broken(text),
            vec![Broken {
                opened: 2,
                seen: 4,
                at_end: false
            }]
        );
    }

    #[test]
    fn a_quote_open_at_the_end_is_found() {
        let found = broken("Name,Answer\nAl,ok\nBo,\"never closed\nCy,more\n");
        assert_eq!(
            found,
            vec![Broken {
                opened: 3,
                seen: 5,
                at_end: true
            }]
        );
        assert!(found[0].reason().contains("line 3 is never closed"));
    }
}
