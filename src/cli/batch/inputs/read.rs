//! Reading one answer file as text (UTF-8, or UTF-16 with its byte-order
//! mark), or saying why it can't be used (unreadable, too large, binary,
//! not UTF-8, empty), and guessing what an input with no telling extension
//! holds.

use super::InputFormat;
use crate::cli::input::{self, Kind, MAX_INPUT};
use selfmark::class::Warning;
use std::io::Read;
use std::path::Path;

/// Where invalid UTF-8 starts in `bytes`: 1-based line and column
/// (in characters).
pub fn utf8_position(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let good = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = good.matches('\n').count() + 1;
    let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// How many bytes [`has_nul`] checks at once.
const BLOCK: usize = 32;

/// Whether `bytes` hold a NUL. Blocks of 32 bytes are checked whole, which
/// compiles to a few vector instructions each, a quarter of what the
/// word-at-a-time `contains` costs.
fn has_nul(bytes: &[u8]) -> bool {
    let (blocks, tail) = bytes.as_chunks::<BLOCK>();
    blocks
        .iter()
        .any(|block| block.iter().fold(false, |nul, &b| nul | (b == 0)))
        || tail.contains(&0)
}

/// Checks that bytes are text (UTF-8, or UTF-16 with its byte-order
/// mark, which is decoded), not binary; `name` gives the input's name for
/// a warning.
pub fn text(bytes: Vec<u8>, name: impl Fn() -> String) -> Result<String, Warning> {
    if let Some(order) = input::utf16_bom(&bytes) {
        return input::decode_utf16(&bytes, order)
            .map_err(|at| Warning::file(name(), input::bad_utf16(at)));
    }
    // The position is sought only in a file that has a NUL.
    if has_nul(&bytes)
        && let Some(pos) = bytes.iter().position(|&b| b == 0)
    {
        return Err(Warning::file(
            name(),
            input::nul_reason(&bytes, pos, "save the answer as plain text"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = utf8_position(e.as_bytes(), at);
        Warning::line(
            name(),
            line,
            format!("not UTF-8 text (invalid byte at offset {at}); save the file as UTF-8"),
        )
        .with_column(Some(column))
    })
}

/// Opens a file for reading; one found by listing a folder (`listed`)
/// without waiting: the listing said it was a regular file, which opens
/// at once either way, but a FIFO put in its place since would wait for a
/// writer. A file the teacher named may be a pipe (`<(…)`), and waits.
fn open(path: &Path, listed: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if listed {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = listed;
    options.open(path)
}

/// Reads an answer file (`-`: stdin), refusing what is not a usable
/// answer; `listed`: found by listing a folder. The file's name is
/// written out only for a warning, not for every answer read.
pub fn answer_file(path: &Path, listed: bool) -> Result<String, Warning> {
    let stdin = path == Path::new("-");
    let name = || super::display_name(&path.to_string_lossy()).to_string();
    let cannot = |e: std::io::Error| Warning::file(name(), format!("cannot read: {e}"));
    let file: Box<dyn std::io::Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        Box::new(open(path, listed).map_err(cannot)?)
    };
    // Room for a typical answer up front: reading into an empty buffer
    // starts with a 32-byte read and doubles, several system calls a file.
    let mut bytes = Vec::with_capacity(16 * 1024);
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Warning::file(name(), Kind::Answer.too_large()));
    }
    let text = text(bytes, name)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Warning::file(name(), "empty file; nothing to mark"));
    }
    Ok(text)
}

/// The first few kilobytes of a file as text, as far as they can be read
/// (UTF-16 decoded), and whether it was UTF-16.
fn head(path: &Path) -> (String, bool) {
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    match input::utf16_bom(head) {
        Some(order) => {
            // Whole units only: the last may be cut in half.
            let whole = &head[..n - n % 2];
            let text = input::decode_utf16(whole, order)
                .unwrap_or_else(|at| input::decode_utf16(&whole[..at], order).unwrap_or_default());
            (text, true)
        }
        None => (String::from_utf8_lossy(head).into_owned(), false),
    }
}

/// Whether a `.txt` file is a table rather than one answer: UTF-16 whose
/// first line has tabs and is no `Question:` line, as Excel saves a forms
/// export as "Unicode Text".
pub fn is_unicode_text_table(path: &Path) -> bool {
    let (head, utf16) = head(path);
    let first = head.lines().next().unwrap_or("");
    utf16 && first.contains('\t') && !first.to_ascii_lowercase().starts_with("question:")
}

/// Guesses the format of a file with no telling extension from its first
/// bytes: `{` starts JSON Lines, a first line with commas or semicolons is
/// a forms export; anything else is read as JSON Lines, as `batch` always
/// did.
pub fn sniff(path: &Path) -> InputFormat {
    let (head, _) = head(path);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let first = head.lines().next().unwrap_or("");
    if head.starts_with('{') {
        InputFormat::Jsonl
    } else if first.contains([',', ';', '\t']) {
        InputFormat::Csv
    } else if first.to_ascii_lowercase().starts_with("question:") {
        InputFormat::Text
    } else {
        InputFormat::Jsonl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_wherever_it_is() {
        for len in 0..100 {
            assert!(!has_nul(&vec![b'a'; len]));
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0;
                assert!(has_nul(&bytes), "NUL at {at} of {len}");
            }
        }
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_and_column() {
        let bytes = b"first line\nab\xffc".to_vec();
        let w = text(bytes, || "a.txt".into()).unwrap_err();
        assert_eq!(w.location(), "a.txt:2:3");
        let w = text(b"x\0y".to_vec(), || "b.txt".into()).unwrap_err();
        assert!(w.error.contains("binary"), "{w}");
    }
}
