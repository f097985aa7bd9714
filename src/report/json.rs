//! A marked answer as JSON, written directly: the object that batch JSON
//! Lines, batch JSON and `mark --format json` print for each answer.
//!
//! The bytes are exactly those `serde_json` writes for the derived
//! `Serialize` impls in [`super`]: the same field order, the same fields
//! left out when empty, the same escapes (`"`, `\` and control characters;
//! every other character as it is). Most of a result's text (labels,
//! hints, descriptors, feedback, the student's sentences) needs no escape at
//! all, so each string is scanned sixteen bytes at a time and its clean runs
//! are copied whole, where `serde_json` looks at every byte on its own; a
//! point's status, one of three words, is written as it stands. The tests
//! hold the two to the same bytes.

use super::{Evidence, MarkResult, MisconceptionResult, PointResult};

impl MarkResult {
    /// Appends this result to `out` as one compact JSON object (no newline),
    /// byte for byte what `serde_json::to_writer` writes for it.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Naming every field means a field added to the result cannot be
        // forgotten here.
        let MarkResult {
            id,
            question_id,
            question,
            mark,
            max,
            level,
            descriptor,
            points,
            misconceptions,
            feedback,
            note,
        } = self;
        out.extend_from_slice(b"{\"id\":");
        match id {
            Some(id) => string(out, id),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"question_id\":");
        string(out, question_id);
        out.extend_from_slice(b",\"question\":");
        string(out, question);
        out.extend_from_slice(b",\"mark\":");
        number(out, u64::from(*mark));
        out.extend_from_slice(b",\"max\":");
        number(out, u64::from(*max));
        out.extend_from_slice(b",\"level\":");
        match level {
            Some(level) => number(out, u64::from(*level)),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"descriptor\":");
        string(out, descriptor);
        out.extend_from_slice(b",\"points\":");
        list(out, points, PointResult::write_json);
        if !misconceptions.is_empty() {
            out.extend_from_slice(b",\"misconceptions\":");
            list(out, misconceptions, MisconceptionResult::write_json);
        }
        if !feedback.is_empty() {
            out.extend_from_slice(b",\"feedback\":");
            list(out, feedback, |f, out| string(out, f));
        }
        if let Some(note) = note {
            out.extend_from_slice(b",\"note\":");
            string(out, note);
        }
        out.push(b'}');
    }

    /// This result as one compact JSON object (no newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 * 1024);
        self.write_json(&mut out);
        out
    }
}

impl PointResult {
    /// Appends this point to `out` as a compact JSON object.
    fn write_json(&self, out: &mut Vec<u8>) {
        let PointResult {
            id,
            label,
            status,
            evidence,
            hint,
        } = self;
        out.extend_from_slice(b"{\"id\":");
        string(out, id);
        out.extend_from_slice(b",\"label\":");
        string(out, label);
        // One of three plain words: nothing in it to escape.
        out.extend_from_slice(b",\"status\":\"");
        out.extend_from_slice(status.as_str().as_bytes());
        out.push(b'"');
        out.extend_from_slice(b",\"evidence\":");
        list(out, evidence, Evidence::write_json);
        if let Some(hint) = hint {
            out.extend_from_slice(b",\"hint\":");
            string(out, hint);
        }
        out.push(b'}');
    }
}

impl MisconceptionResult {
    /// Appends this misconception to `out` as a compact JSON object.
    fn write_json(&self, out: &mut Vec<u8>) {
        let MisconceptionResult {
            id,
            point,
            correction,
            evidence,
        } = self;
        out.extend_from_slice(b"{\"id\":");
        string(out, id);
        out.extend_from_slice(b",\"point\":");
        string(out, point);
        out.extend_from_slice(b",\"correction\":");
        string(out, correction);
        out.extend_from_slice(b",\"evidence\":");
        evidence.write_json(out);
        out.push(b'}');
    }
}

impl Evidence {
    /// Appends this evidence to `out` as a compact JSON object.
    fn write_json(&self, out: &mut Vec<u8>) {
        let Evidence {
            quote,
            matched,
            start,
            end,
            explained,
        } = self;
        out.extend_from_slice(b"{\"quote\":");
        string(out, quote);
        out.extend_from_slice(b",\"matched\":");
        string(out, matched);
        out.extend_from_slice(b",\"start\":");
        number(out, *start as u64);
        out.extend_from_slice(b",\"end\":");
        number(out, *end as u64);
        out.extend_from_slice(if *explained {
            b",\"explained\":true}"
        } else {
            b",\"explained\":false}"
        });
    }
}

/// Appends `items` as a JSON array, each written by `write`.
fn list<T>(out: &mut Vec<u8>, items: &[T], write: impl Fn(&T, &mut Vec<u8>)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(item, out);
    }
    out.push(b']');
}

/// The two digits of each number below a hundred, in order.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The two digits of `n`, below a hundred.
fn pair(n: u64) -> [u8; 2] {
    let at = 2 * (n as usize % 100);
    [PAIRS[at], PAIRS[at + 1]]
}

/// Appends a whole number in decimal. Numbers below ten thousand (marks,
/// levels, an answer's byte offsets) are written with a fixed-size copy of
/// their digits, rather than a copy of a variable-length run.
fn number(out: &mut Vec<u8>, n: u64) {
    match n {
        0..10 => out.push(b'0' + n as u8),
        10..100 => out.extend_from_slice(&pair(n)),
        100..1000 => {
            let [a, b] = pair(n % 100);
            out.extend_from_slice(&[b'0' + (n / 100) as u8, a, b]);
        }
        1000..10_000 => {
            let [a, b] = pair(n / 100);
            let [c, d] = pair(n % 100);
            out.extend_from_slice(&[a, b, c, d]);
        }
        _ => {
            let mut digits = [0u8; 20];
            let mut first = digits.len();
            let mut n = n;
            while n > 0 {
                first -= 1;
                digits[first] = b'0' + (n % 10) as u8;
                n /= 10;
            }
            out.extend_from_slice(&digits[first..]);
        }
    }
}

/// Appends `s` as a quoted JSON string.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(at) = first_escape(rest) {
        out.extend_from_slice(&rest[..at]);
        escape(out, rest[at]);
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Whether a byte must be escaped in a JSON string: a quote, a backslash or
/// a control character. Bytes of other characters, DEL and U+2028 included,
/// stand as they are.
fn needs_escape(byte: u8) -> bool {
    // Zero exactly when the byte is a quote or a backslash (XOR with it) or
    // below 0x20 (0x1f taken from it, stopping at zero): three operations
    // that each have a vector instruction, so that [`any_escape`] compiles
    // to a handful of them per block.
    let key = (byte ^ b'"')
        .min(byte ^ b'\\')
        .min(byte.saturating_sub(0x1f));
    key == 0
}

/// How many bytes [`any_escape`] checks at once.
const BLOCK: usize = 16;

/// Whether any byte of a block of sixteen needs an escape; the check
/// compiles to a few vector instructions.
#[inline(always)]
fn any_escape(block: &[u8; BLOCK]) -> bool {
    block
        .iter()
        .fold(false, |any, &byte| any | needs_escape(byte))
}

/// Whether any byte of a string shorter than a block needs an escape,
/// checked eight bytes at a time in a machine word: the first and last
/// eight bytes (or four) cover every byte of it, some twice.
fn any_escape_in_short(short: &[u8]) -> bool {
    let n = short.len();
    if n >= 8 {
        let first = short
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
        let last = short
            .last_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
        any_escape_in_word(first) || any_escape_in_word(last)
    } else if n >= 4 {
        let first = short
            .first_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        let last = short
            .last_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        any_escape_in_word(u64::from(first) | u64::from(last) << 32)
    } else {
        short.iter().any(|&b| needs_escape(b))
    }
}

/// Whether any of the eight bytes in `word` needs an escape. A byte below
/// `k` (at most 0x80) borrows into its top bit when `k` is taken from it;
/// a quote or backslash is a byte that is zero once XORed with it. Borrows
/// can only mark bytes above a true find, so the answer is exact.
fn any_escape_in_word(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES << 7;
    let below = |w: u64, k: u8| w.wrapping_sub(ONES * u64::from(k)) & !w;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (below(word, 0x20) | below(quote, 1) | below(backslash, 1)) & TOPS != 0
}

/// Where the first byte of `bytes` that needs an escape is, if any. The
/// bytes are checked a block of sixteen at a time; only a block with an
/// escape in it is looked at byte by byte.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    // Byte by byte, from a place known to come before an escape.
    let scan_from = |from: usize| {
        let at = bytes[from..].iter().position(|&b| needs_escape(b));
        at.map(|at| from + at)
    };
    let (blocks, tail) = bytes.as_chunks::<BLOCK>();
    for (i, block) in blocks.iter().enumerate() {
        if any_escape(block) {
            return scan_from(i * BLOCK);
        }
    }
    let tail_from = bytes.len() - tail.len();
    let tail_clean = if tail.is_empty() {
        true
    } else if let Some(last) = bytes.last_chunk::<BLOCK>() {
        // The last sixteen bytes: those before the tail are known to be
        // clean, so an escape found is in the tail.
        !any_escape(last)
    } else {
        !any_escape_in_short(tail)
    };
    if tail_clean {
        None
    } else {
        scan_from(tail_from)
    }
}

/// Appends the escape for one byte that [`needs_escape`], as `serde_json`
/// writes it: a short escape where JSON has one, else `\u00XX` in lower-case
/// hex.
fn escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;
    use proptest::prelude::*;

    /// What serde_json writes for the derived impl: the reference.
    fn reference(r: &MarkResult) -> Vec<u8> {
        serde_json::to_vec(r).unwrap()
    }

    fn text(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        // Every ASCII character, control characters included, at every
        // place in strings of every length up to a few blocks, so that it
        // falls in a whole block, in the last block, or in a short string.
        for c in 0u8..=0x7f {
            for before in 0..36 {
                for after in 0..20 {
                    let s = format!("{}{}{}", "a".repeat(before), c as char, "b".repeat(after));
                    assert_eq!(
                        text(&s),
                        serde_json::to_vec(&s).unwrap(),
                        "byte {c:#04x} after {before} bytes, before {after}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_quotes_backslashes_and_control_characters_are_escaped() {
        for byte in 0..=u8::MAX {
            let expected = byte < 0x20 || byte == b'"' || byte == b'\\';
            assert_eq!(needs_escape(byte), expected, "byte {byte:#04x}");
            let word = u64::from_le_bytes([b'a', byte, b'a', b'a', b'a', b'a', b'a', byte]);
            assert_eq!(any_escape_in_word(word), expected, "byte {byte:#04x}");
            // Whatever its neighbour, a byte's borrow must neither hide an
            // escape nor invent one.
            for other in 0..=u8::MAX {
                let either = expected || needs_escape(other);
                let word = u64::from_le_bytes([b'a', b'a', other, byte, b'a', b'a', b'a', b'a']);
                assert_eq!(any_escape_in_word(word), either, "{other:#04x} {byte:#04x}");
                let word = u64::from_le_bytes([b'a', b'a', byte, other, b'a', b'a', b'a', b'a']);
                assert_eq!(any_escape_in_word(word), either, "{byte:#04x} {other:#04x}");
            }
        }
        for text in ["abc", "abcd", "abcdefg", "abcdefgh", "abcdefghijklmno"] {
            assert!(!any_escape_in_short(text.as_bytes()));
        }
    }

    #[test]
    fn non_ascii_text_is_copied_as_it_is() {
        for s in [
            "é",
            "Lenin’s “Testament” — 1922",
            "\u{7f}\u{80}\u{2028}\u{2029}\u{feff}",
            "😀😀😀😀😀",
        ] {
            assert_eq!(text(s), serde_json::to_vec(s).unwrap(), "{s}");
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let edges = [12_345, 99_999, 100_000, u64::from(u32::MAX), u64::MAX];
        for n in (0..20_000).chain(edges) {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    fn evidence(quote: &str, matched: &str, start: usize, explained: bool) -> Evidence {
        Evidence {
            quote: quote.into(),
            matched: matched.into(),
            start,
            end: start + matched.len(),
            explained,
        }
    }

    #[test]
    fn a_result_with_every_field_present_and_absent_matches_serde_json() {
        let full = MarkResult {
            id: Some("c1-01".into()),
            question_id: "q1".into(),
            question: "Why did \"Stalin\" win?".into(),
            mark: 4,
            max: 6,
            level: Some(2),
            descriptor: "Explains one reason.\n".into(),
            points: vec![
                PointResult {
                    id: "gen-sec".into(),
                    label: "General Secretary".into(),
                    status: Status::Explained,
                    evidence: vec![
                        evidence("He was\tGeneral Secretary.", "General", 7, true),
                        evidence("So he won.", "won", 6, false),
                    ],
                    hint: None,
                },
                PointResult {
                    id: "lenin".into(),
                    label: "Lenin's funeral".into(),
                    status: Status::Missing,
                    evidence: vec![],
                    hint: Some("What of the funeral?".into()),
                },
            ],
            misconceptions: vec![MisconceptionResult {
                id: "m1".into(),
                point: "gen-sec".into(),
                correction: "No \\ not so.".into(),
                evidence: evidence("Trotsky was \u{1} leader", "leader", 14, false),
            }],
            feedback: vec!["Explain more.".into(), "Say why.".into()],
            note: Some("short".into()),
        };
        assert_eq!(full.to_json(), reference(&full));
        let bare = MarkResult {
            id: None,
            level: None,
            points: vec![],
            misconceptions: vec![],
            feedback: vec![],
            note: None,
            ..full
        };
        assert_eq!(bare.to_json(), reference(&bare));
    }

    /// Strings full of what needs care: quotes, backslashes, every control
    /// character, DEL, line and paragraph separators, other non-ASCII.
    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            (0u8..0x20).prop_map(|b| (b as char).to_string()),
            Just("\u{7f}".to_string()),
            Just("\u{2028}\u{2029}".to_string()),
            Just("é–😀".to_string()),
            "[a-zA-Z ,.']{0,40}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
    }

    fn evidence_strategy() -> impl Strategy<Value = Evidence> {
        (
            tricky(),
            tricky(),
            any::<usize>(),
            any::<usize>(),
            any::<bool>(),
        )
            .prop_map(|(quote, matched, start, end, explained)| Evidence {
                quote,
                matched,
                start,
                end,
                explained,
            })
    }

    fn status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Missing),
            Just(Status::Identified),
            Just(Status::Explained)
        ]
    }

    fn point() -> impl Strategy<Value = PointResult> {
        (
            tricky(),
            tricky(),
            status(),
            prop::collection::vec(evidence_strategy(), 0..3),
            prop::option::of(tricky()),
        )
            .prop_map(|(id, label, status, evidence, hint)| PointResult {
                id,
                label,
                status,
                evidence,
                hint,
            })
    }

    fn misconception() -> impl Strategy<Value = MisconceptionResult> {
        (tricky(), tricky(), tricky(), evidence_strategy()).prop_map(
            |(id, point, correction, evidence)| MisconceptionResult {
                id,
                point,
                correction,
                evidence,
            },
        )
    }

    fn result() -> impl Strategy<Value = MarkResult> {
        (
            (
                prop::option::of(tricky()),
                tricky(),
                tricky(),
                any::<u32>(),
                any::<u32>(),
                prop::option::of(any::<u8>()),
            ),
            (
                tricky(),
                prop::collection::vec(point(), 0..4),
                prop::collection::vec(misconception(), 0..3),
                prop::collection::vec(tricky(), 0..3),
                prop::option::of(tricky()),
            ),
        )
            .prop_map(
                |(
                    (id, question_id, question, mark, max, level),
                    (descriptor, points, misconceptions, feedback, note),
                )| MarkResult {
                    id,
                    question_id,
                    question,
                    mark,
                    max,
                    level,
                    descriptor,
                    points,
                    misconceptions,
                    feedback,
                    note,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 500,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_260_501),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_string_is_written_as_serde_json_writes_it(s in any::<String>()) {
            prop_assert_eq!(text(&s), serde_json::to_vec(&s).unwrap());
        }

        #[test]
        fn any_result_is_written_as_serde_json_writes_it(r in result()) {
            prop_assert_eq!(r.to_json(), reference(&r));
        }
    }
}
