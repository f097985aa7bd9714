//! Loading what a command works on: the deck and rubric (files or the
//! built-in seed) and answer text from a file or stdin, refusing binary and
//! non-UTF-8 input with a message that says what and where.
//!
//! Text is UTF-8, or UTF-16 with its byte-order mark (what Windows saves
//! as "Unicode text", and Excel as "Unicode Text"), which is decoded: a
//! whole file here ([`decode_utf16`]), a forms export or JSON Lines as it
//! is read ([`utf8_stream`]). UTF-16 with no byte-order mark is named as
//! such, not taken for a binary file.

use super::{Failure, Result, Sources};
use selfmark::builtin;
use selfmark::rubric::{self, CompiledRubric, check_against_deck};
use selfmark::{Card, Deck};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest answer or input file read, in bytes: the largest rubric,
/// which `rubric derive` keeps its drafts within.
pub const MAX_INPUT: u64 = selfmark::rubric::MAX_FILE_BYTES as u64;

/// What an input file is to be, for a message about one that can't be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Answer,
    Deck,
    Rubric,
    /// A teacher's marked answers (`rubric test`).
    MarkedSet,
}

impl Kind {
    /// Why a file over [`MAX_INPUT`] is refused.
    pub fn too_large(self) -> String {
        let mib = MAX_INPUT / (1024 * 1024);
        let why = match self {
            Kind::Answer => "an answer should be text of a few pages at most",
            Kind::Deck => "selfmark reads decks of up to that size; split it into several",
            Kind::Rubric => "selfmark reads rubrics of up to that size",
            Kind::MarkedSet => {
                "selfmark reads marked sets of up to that size; split it into several"
            }
        };
        format!("larger than {mib} MiB; {why}")
    }
}

/// The byte order of UTF-16 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf16 {
    Le,
    Be,
}

/// The byte order of text that starts with a UTF-16 byte-order mark.
pub fn utf16_bom(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xff, 0xfe, ..] => Some(Utf16::Le),
        [0xfe, 0xff, ..] => Some(Utf16::Be),
        _ => None,
    }
}

/// Decodes UTF-16 text after its byte-order mark (`bytes` include it);
/// `Err` gives the byte offset of the first unit that is not UTF-16 (an
/// unpaired surrogate, or a byte left over at the end).
pub fn decode_utf16(bytes: &[u8], order: Utf16) -> std::result::Result<String, usize> {
    let body = &bytes[2.min(bytes.len())..];
    let units = body.chunks_exact(2).map(|pair| match order {
        Utf16::Le => u16::from_le_bytes([pair[0], pair[1]]),
        Utf16::Be => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(body.len());
    let mut at = 2;
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| at)?;
        at += 2 * c.len_utf16();
        text.push(c);
    }
    if body.len() % 2 == 1 {
        return Err(at);
    }
    Ok(text)
}

/// What to say about UTF-16 text that could not be decoded at `offset`.
pub fn bad_utf16(offset: usize) -> String {
    format!("not valid UTF-16 text (at byte {offset}); save the file as UTF-8")
}

/// Whether bytes that hold NULs look like UTF-16 with no byte-order mark:
/// in their first pairs, one byte of each is NUL (the high byte of a Latin
/// letter) and the other not. Asked only of input already found to hold a
/// NUL.
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(256).collect();
    if pairs.len() < 4 {
        return false;
    }
    let share = |nul_first: bool| {
        let fit = pairs
            .iter()
            .filter(|p| (p[0] == 0) == nul_first && (p[1] == 0) != nul_first)
            .count();
        fit * 10 >= pairs.len() * 9
    };
    share(true) || share(false)
}

/// Why bytes with a NUL at `offset` are refused: as UTF-16 with no
/// byte-order mark when they look like it, else as binary, with `advice`.
pub fn nul_reason(bytes: &[u8], offset: usize, advice: &str) -> String {
    if looks_like_utf16(bytes) {
        "looks like UTF-16 text with no byte-order mark; save the file as UTF-8 (or as UTF-16 \
with one)"
            .to_string()
    } else {
        format!("looks like a binary file (a NUL byte at offset {offset}); {advice}")
    }
}

/// `reader`, with UTF-16 text (known by its byte-order mark) turned into
/// UTF-8 as it is read, and anything else passed on untouched: for inputs
/// read as a stream, a line or row at a time. In the UTF-16, what is not
/// valid UTF-16 (an unpaired surrogate) reads as U+FFFD.
pub fn utf8_stream(
    mut reader: Box<dyn BufRead + Send>,
) -> std::io::Result<Box<dyn BufRead + Send>> {
    if utf16_bom(reader.fill_buf()?).is_none() {
        return Ok(reader);
    }
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .strip_bom(true)
        .build(reader);
    Ok(Box::new(BufReader::with_capacity(64 * 1024, decoded)))
}

/// A deck and its compiled rubric, checked against each other.
pub struct Loaded {
    pub deck: Deck,
    pub rubric: CompiledRubric,
}

impl Loaded {
    /// Finds a card and its rubric by number, id or question text.
    pub fn card(&self, query: &str) -> Result<(&Card, usize)> {
        let card = self.deck.find(query).map_err(Failure::input)?;
        let rubric = self.rubric.card_for(card).ok_or_else(|| {
            Failure::input(format!(
                "card {} (\"{}\") has no rubric; write one with --rubric FILE",
                card.id, card.question
            ))
        })?;
        Ok((card, rubric))
    }

    /// [`Self::card`], with why not in one line for a message about one
    /// input among many: an unknown card with the deck's card ids rather
    /// than every question.
    pub fn card_in_line(&self, query: &str) -> std::result::Result<(&Card, usize), String> {
        self.card(query).map_err(|e| {
            if self.deck.find(query).is_err() {
                format!(
                    "no card matches `{query}` (the deck's cards are {})",
                    self.deck.card_ids()
                )
            } else {
                e.message.replace('\n', " ")
            }
        })
    }
}

/// The name an input argument is called by in messages: `<stdin>` for `-`.
pub fn display_name(arg: &str) -> &str {
    if arg == "-" { "<stdin>" } else { arg }
}

/// Reads a whole file, a `kind` of input, as text, or says why it can't be.
pub fn read_text_file(path: &Path, kind: Kind) -> Result<String> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure::input(format!(
            "{name}: is a directory, not a file"
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    read_text(file, &name, kind)
}

/// Reads a file, or stdin for `-`.
pub fn read_text_arg(arg: &str, kind: Kind) -> Result<String> {
    if arg == "-" {
        read_text(std::io::stdin().lock(), display_name(arg), kind)
    } else {
        read_text_file(Path::new(arg), kind)
    }
}

fn read_text(reader: impl Read, name: &str, kind: Kind) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Failure::input(format!("{name}: {}", kind.too_large())));
    }
    text_from_bytes(bytes, name)
}

/// Checks bytes are text (UTF-8, or UTF-16 with its byte-order mark, not
/// binary) and returns them as a string.
pub fn text_from_bytes(bytes: Vec<u8>, name: &str) -> Result<String> {
    if let Some(order) = utf16_bom(&bytes) {
        return decode_utf16(&bytes, order)
            .map_err(|at| Failure::input(format!("{name}: {}", bad_utf16(at))));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Failure::input(format!(
            "{name}: {}",
            nul_reason(&bytes, pos, "give a text file")
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = text.matches('\n').count() + 1;
        Failure::input(format!(
            "{name}:{line}: not UTF-8 text (invalid byte at offset {at}); save the file as UTF-8"
        ))
    })
}

/// Loads the deck and rubric named by `sources`, or the built-in seed.
pub fn load(sources: &Sources) -> Result<Loaded> {
    let deck = load_deck(sources.deck.as_deref())?;
    let (text, name) = match &sources.rubric {
        Some(path) => (
            read_text_file(path, Kind::Rubric)?,
            path.display().to_string(),
        ),
        None => (
            builtin::RUBRIC.to_string(),
            builtin::RUBRIC_NAME.to_string(),
        ),
    };
    let set = rubric::parse(&text, &name).map_err(Failure::input)?;
    let compiled = CompiledRubric::compile(&set, &name).map_err(Failure::input)?;
    let errors: Vec<String> = check_against_deck(&set, &deck)
        .into_iter()
        .filter(|p| p.error)
        .map(|p| format!("{name}: {}: {}", p.field, p.message))
        .collect();
    if !errors.is_empty() {
        let hint = match (&sources.rubric, &sources.deck) {
            (None, _) => {
                "\n(the built-in rubric is for the built-in deck: give --rubric FILE for this deck)"
            }
            (Some(_), None) => {
                "\n(without --deck the built-in deck is used: give the rubric's deck with --deck FILE)"
            }
            _ => "",
        };
        return Err(Failure::input(format!(
            "the rubric does not fit the deck:\n  {}{hint}",
            errors.join("\n  ")
        )));
    }
    Ok(Loaded {
        deck,
        rubric: compiled,
    })
}

/// Loads a deck file, or the built-in seed deck.
pub fn load_deck(path: Option<&Path>) -> Result<Deck> {
    match path {
        Some(path) => {
            let text = read_text_file(path, Kind::Deck)?;
            Deck::parse(&text, &path.display().to_string()).map_err(Failure::input)
        }
        None => Deck::parse(builtin::DECK, builtin::DECK_NAME).map_err(Failure::input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str, order: Utf16) -> Vec<u8> {
        std::iter::once(0xfeff_u16)
            .chain(text.encode_utf16())
            .flat_map(|u| match order {
                Utf16::Le => u.to_le_bytes(),
                Utf16::Be => u.to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn utf16_is_decoded_in_either_byte_order() {
        let text = "Trotsky — “grey blur” 🙂\n";
        for order in [Utf16::Le, Utf16::Be] {
            let bytes = units(text, order);
            assert_eq!(utf16_bom(&bytes), Some(order));
            assert_eq!(decode_utf16(&bytes, order).as_deref(), Ok(text));
        }
        assert_eq!(utf16_bom(b"\xef\xbb\xbfplain"), None);
    }

    #[test]
    fn broken_utf16_is_placed_by_byte() {
        let mut bytes = units("ab", Utf16::Le);
        bytes.extend([0x00, 0xdc, b'c', 0]);
        assert_eq!(decode_utf16(&bytes, Utf16::Le), Err(6));
        let mut odd = units("ab", Utf16::Le);
        odd.push(b'c');
        assert_eq!(decode_utf16(&odd, Utf16::Le), Err(6));
    }

    #[test]
    fn utf16_without_a_mark_is_told_from_binary() {
        let bare: Vec<u8> = "Stalin won"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_like_utf16(&bare));
        assert!(nul_reason(&bare, 1, "x").contains("UTF-16"));
        assert!(!looks_like_utf16(
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"
        ));
        assert!(nul_reason(b"Stalin\0\x01\x02", 6, "give a text file").contains("binary"));
    }
}
