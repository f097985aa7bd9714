//! Watches the bytes of a forms export for broken quoting that the CSV
//! reader forgives silently: a quoted cell that runs over lines and has
//! text after its closing quote, or a quote never closed before the end of
//! the file. Either means a quote is likely unclosed and the rows after it
//! were read into one cell, so the row holding it is reported and skipped
//! rather than marked as one student's answer made of several students'
//! rows. It also passes Windows line ends (CR LF) on as LF, so the CSV
//! reader counts lines the same in every export.

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

/// A reader that passes bytes through, a CR before an LF dropped, while
/// watching their quoting.
pub struct Watch<R> {
    inner: R,
    /// Bytes read from `inner` and not yet passed on: `raw[at..len]`.
    raw: Box<[u8]>,
    at: usize,
    len: usize,
    /// A CR held back until the next byte shows whether an LF follows.
    cr: bool,
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
            raw: vec![0; 64 * 1024].into_boxed_slice(),
            at: 0,
            len: 0,
            cr: false,
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
                // Stray text after a cell on one line merges no rows: the
                // reader keeps it in the cell.
                if self.line > self.opened {
                    self.found.borrow_mut().push(Broken {
                        opened: self.opened,
                        seen: self.line,
                        at_end: false,
                    });
                }
                State::Bare
            }
        };
        if b == b'\n' {
            self.line += 1;
        }
    }
}

impl<R: Read> Watch<R> {
    /// Passes `b` on into `out[w]`, watching it.
    fn emit(&mut self, out: &mut [u8], w: &mut usize, b: u8) {
        out[*w] = b;
        *w += 1;
        self.step(b);
    }

    /// At the end of the input: a quote still open is a problem.
    fn end(&mut self) {
        if self.state == State::Quoted {
            self.found.borrow_mut().push(Broken {
                opened: self.opened,
                seen: self.line,
                at_end: true,
            });
            self.state = State::Start;
        }
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut w = 0;
        while w < out.len() {
            if self.at == self.len {
                if w > 0 {
                    break;
                }
                self.len = self.inner.read(&mut self.raw)?;
                self.at = 0;
                if self.len == 0 {
                    if std::mem::take(&mut self.cr) {
                        self.emit(out, &mut w, b'\r');
                    }
                    if w == 0 {
                        self.end();
                    }
                    break;
                }
            }
            let b = self.raw[self.at];
            if std::mem::take(&mut self.cr) && b != b'\n' {
                // A CR on its own is passed on; the byte after it waits.
                self.emit(out, &mut w, b'\r');
                continue;
            }
            self.at += 1;
            if b == b'\r' {
                self.cr = true;
            } else {
                self.emit(out, &mut w, b);
            }
        }
        Ok(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(text: &str) -> Vec<Broken> {
        let (mut watch, found) = Watch::new(text.as_bytes(), b',');
        let mut out = Vec::new();
        watch.read_to_end(&mut out).unwrap();
        let lf = text.replace("\r\n", "\n");
        assert_eq!(out, lf.as_bytes(), "bytes pass through, CR LF as LF");
        found.borrow().clone()
    }

    /// Reads `text` through a watch a few bytes at a time.
    fn passed(text: &[u8], chunk: usize) -> Vec<u8> {
        let (mut watch, _) = Watch::new(text, b',');
        let mut out = Vec::new();
        let mut buf = vec![0; chunk];
        loop {
            let n = watch.read(&mut buf).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn windows_line_ends_are_passed_on_as_unix_ones() {
        for chunk in [1, 2, 3, 1024] {
            assert_eq!(
                passed(b"a,b\r\nc,\"d\r\ne\"\r\n", chunk),
                b"a,b\nc,\"d\ne\"\n"
            );
            assert_eq!(passed(b"a\rb\r", chunk), b"a\rb\r", "a CR alone stays");
        }
        let (mut watch, found) = Watch::new(&b"N,A\r\nAl,\"open\r\nBo,x\r\nCy,\"y\"\r\n"[..], b',');
        std::io::copy(&mut watch, &mut std::io::sink()).unwrap();
        assert_eq!(
            found.borrow()[..],
            [Broken {
                opened: 2,
                seen: 4,
                at_end: false
            }]
        );
    }

    #[test]
    fn stray_text_on_the_cells_own_line_merges_nothing() {
        assert_eq!(broken("a,b\nBo,\"Stalin was\" so he lost\nCy,x\n"), vec![]);
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
