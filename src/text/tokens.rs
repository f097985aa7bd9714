//! Tokens that remember where they came from.
//!
//! An answer is split into word tokens, each folded for matching (case,
//! accents, possessive "'s" dropped, "didn't" read as "did not") and
//! stemmed with the English Snowball stemmer, while keeping its byte range
//! in the original text so that evidence can be quoted in the student's own
//! words. Tokens also carry their sentence and clause, which bound the reach
//! of a causal link and of a negation.

use super::normalize::fold_word_into;
use super::words::{Reading, SHORT, WORDS, Word, WordCache, is_apostrophe, short_key};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// One word of the text, where it stands and what it reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    word: Rc<Word>,
    /// Byte range of the word in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// Index of the clause holding the token, counted over the whole text.
    pub clause: usize,
}

impl Token {
    /// The word the token reads as, shared with the other tokens of the
    /// same written word, so its address names it while it lives.
    pub fn word(&self) -> &Rc<Word> {
        &self.word
    }

    /// The folded word ([`Word::norm`]).
    pub fn norm(&self) -> &str {
        self.word.norm()
    }

    /// Its stem ([`Word::stem`]).
    pub fn stem(&self) -> &str {
        self.word.stem()
    }

    /// [`crate::text::stem_key`] of the stem.
    pub fn key(&self) -> u64 {
        self.word.key()
    }

    /// Whether the word negates what follows it ([`crate::text::is_negator`]).
    pub fn negator(&self) -> bool {
        self.word.negator()
    }
}

/// A sentence: its byte range in the original text and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// A tokenised text.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Tokens {
    /// The text of sentence `i`, trimmed, from the original.
    pub fn sentence_text<'t>(&self, original: &'t str, i: usize) -> &'t str {
        let s = &self.sentences[i];
        original[s.start..s.end].trim()
    }

    /// Drops the tokens and sentences and keeps their vectors for the next
    /// text tokenised on this thread, which then needs no allocating.
    pub fn recycle(mut self) {
        self.tokens.clear();
        self.sentences.clear();
        // During thread teardown the spare may already be gone; the vectors
        // are then simply freed.
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut()
                && spare.tokens.capacity() < self.tokens.capacity()
            {
                *spare = self;
            }
        });
    }
}

thread_local! {
    /// Empty vectors given back by [`Tokens::recycle`], for [`tokenize`].
    static SPARE: RefCell<Tokens> = RefCell::new(Tokens::default());
}

struct Builder<'t, 'c> {
    text: &'t str,
    /// This thread's word cache, borrowed for the whole text.
    cache: &'c mut WordCache,
    /// Reused buffer for folding a word.
    buf: String,
    out: Tokens,
    sentence: usize,
    clause: usize,
    sentence_first: usize,
}

impl Builder<'_, '_> {
    /// Adds the word at `start..end`: `plain` when it is ASCII letters and
    /// digits only, `dotted` when it holds the dots of initials ("N.K.V.D").
    #[inline(always)]
    fn push_word(&mut self, start: usize, end: usize, plain: bool, dotted: bool) {
        let len = end - start;
        if plain && len <= SHORT {
            let key = self.short_key_at(start, end);
            self.push_short(start, end, key);
            return;
        }
        let reading = self.other_reading(start, end, dotted);
        push_reading(
            &mut self.out,
            (self.sentence, &mut self.clause),
            self.cache.words(reading),
            start,
            end,
        );
    }

    /// Adds the plain word at `start..end`, of at most [`SHORT`] bytes,
    /// whose [`short_key`] is `key`.
    #[inline(always)]
    fn push_short(&mut self, start: usize, end: usize, key: u128) {
        push_reading(
            &mut self.out,
            (self.sentence, &mut self.clause),
            self.cache.short_words(key, end - start),
            start,
            end,
        );
    }

    /// The [`short_key`] of the plain word at `start..end`, of at most
    /// [`SHORT`] bytes: its bytes read as one number, straight from the
    /// text when 16 bytes follow its start, else from a padded copy.
    #[inline(always)]
    fn short_key_at(&self, start: usize, end: usize) -> u128 {
        let bytes = self.text.as_bytes();
        let packed = match bytes.get(start..start + SHORT) {
            Some(b) => u128::from_le_bytes(b.try_into().unwrap_or([0; SHORT])),
            None => {
                let mut b = [0u8; SHORT];
                b[..end - start].copy_from_slice(&bytes[start..end]);
                u128::from_le_bytes(b)
            }
        };
        short_key(packed, end - start)
    }

    /// The reading of a word that is not plain and short: through the
    /// short table when it folds to at most [`SHORT`] ASCII bytes ("party’s"
    /// and "didn't" do), else by its folded form.
    #[inline(never)]
    fn other_reading(&mut self, start: usize, end: usize, dotted: bool) -> Reading {
        let raw = &self.text[start..end];
        if !dotted && let Some((key, len)) = quick_fold_key(raw) {
            return self.cache.short_reading(key, len);
        }
        if dotted {
            fold_word_into(&raw.replace('.', ""), &mut self.buf);
        } else {
            fold_word_into(raw, &mut self.buf);
        }
        self.cache.long_reading(&self.buf)
    }

    fn end_clause(&mut self) {
        self.clause += 1;
    }

    /// Closes the current sentence at byte `end` (exclusive).
    fn end_sentence(&mut self, end: usize) {
        let first = self.sentence_first;
        let last = self.out.tokens.len();
        if last > first {
            let start = self.out.tokens[first].start;
            let end = end.max(self.out.tokens[last - 1].end);
            self.out.sentences.push(Sentence {
                start,
                end,
                tokens: first..last,
            });
            self.sentence += 1;
            self.clause += 1;
        }
        self.sentence_first = last;
    }
}

/// The [`short_key`] of `raw` folded ([`fold_word_into`]) and the folded
/// length, when folding it is quick and gives at most [`SHORT`] bytes: its
/// characters are ASCII and curly apostrophes, which become `'` as a
/// backquote does, and its letters are lowered.
fn quick_fold_key(raw: &str) -> Option<(u128, usize)> {
    let mut out = [0u8; SHORT];
    let mut len = 0;
    let mut bytes = raw.bytes();
    while let Some(b) = bytes.next() {
        let folded = match b {
            b'`' => b'\'',
            0..=0x7F => b.to_ascii_lowercase(),
            // U+2018 and U+2019, the curly apostrophes.
            0xE2 if bytes.next() == Some(0x80) && matches!(bytes.next(), Some(0x98 | 0x99)) => {
                b'\''
            }
            _ => return None,
        };
        *out.get_mut(len)? = folded;
        len += 1;
    }
    (len > 0).then(|| (u128::from_le_bytes(out), len))
}

/// Adds a token at `start..end` for each word of a reading, in `sentence`
/// and the current `clause` (a new one for each word that opens one).
#[inline(always)]
fn push_reading(
    out: &mut Tokens,
    (sentence, clause): (usize, &mut usize),
    reading: &[Rc<Word>],
    start: usize,
    end: usize,
) {
    let mut token = |w: &Rc<Word>| {
        if w.opens_clause() {
            *clause += 1;
        }
        Token {
            word: Rc::clone(w),
            start,
            end,
            sentence,
            clause: *clause,
        }
    };
    // Nearly every written word is one word: pushed with no loop to set
    // up. Extending from a slice's iterator reserves room once and then
    // writes each token in place.
    if let [w] = reading {
        let t = token(w);
        out.tokens.push(t);
    } else {
        out.tokens.extend(reading.iter().map(token));
    }
}

/// True when the line starting at byte `at` is blank or begins with a
/// bullet, a number or a heading marker, so the newline before it ends a
/// sentence.
fn line_starts_item(text: &str, at: usize) -> bool {
    // Only the line's first characters matter: it is not read to its end.
    let mut chars = text[at..]
        .chars()
        .skip_while(|&c| c != '\n' && c.is_whitespace());
    let first = match chars.next() {
        None | Some('\n') => return true,
        Some(c) => c,
    };
    if matches!(first, '•' | '-' | '*' | '–' | '—' | '·' | '▪' | '◦' | '(') {
        return true;
    }
    if first.is_ascii_digit() {
        return matches!(chars.find(|c| !c.is_ascii_digit()), Some('.') | Some(')'));
    }
    false
}

/// [`BYTE_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`BYTE_CLASS`] of a space.
const SPACE: u8 = 2;

/// What each byte of a text is, as far as the tokenizer's fast paths care:
/// [`ALNUM`], [`SPACE`], or 0 for anything else.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t
};

/// Eight copies of byte `b`.
const fn lanes(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte of `x` that is an ASCII letter or digit (read
/// eight bytes at once: each byte's low seven bits are compared with the
/// ranges by adding to them, which never carries into the next byte).
fn alnum_lanes(x: u64) -> u64 {
    let high = lanes(0x80);
    let low = x & !high;
    // High bit set where a byte's low bits are at least `lo`.
    let at_least = |v: u64, lo: u8| v.wrapping_add(lanes(0x80 - lo)) & high;
    // High bit set where they are at most `hi`.
    let at_most = |v: u64, hi: u8| !v.wrapping_add(lanes(0x7F - hi)) & high;
    let digit = at_least(low, b'0') & at_most(low, b'9');
    let lowered = low | lanes(0x20);
    let letter = at_least(lowered, b'a') & at_most(lowered, b'z');
    (digit | letter) & !x
}

/// The [`SHORT`] bytes from `i` as one number, and the length of the run
/// of ASCII letters and digits they open when it ends within them; `None`
/// when fewer than [`SHORT`] bytes follow `i` or they are all letters and
/// digits.
#[inline(always)]
fn short_run_at(bytes: &[u8], i: usize) -> Option<(u128, usize)> {
    let chunk = bytes.get(i..i + SHORT)?;
    let raw = u128::from_le_bytes(chunk.try_into().unwrap_or([0; SHORT]));
    let others = |x: u64| !alnum_lanes(x) & lanes(0x80);
    let (low, high) = (others(raw as u64), others((raw >> 64) as u64));
    let len = if low != 0 {
        low.trailing_zeros() / 8
    } else if high != 0 {
        8 + high.trailing_zeros() / 8
    } else {
        return None;
    };
    Some((raw, len as usize))
}

/// The end of the run of ASCII letters and digits starting at `i`.
#[inline(always)]
fn alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let others = !alnum_lanes(x) & lanes(0x80);
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| BYTE_CLASS[usize::from(b)] != ALNUM)
        .unwrap_or(bytes.len() - i)
}

/// Tokenises `text`, keeping byte offsets into it.
pub fn tokenize(text: &str) -> Tokens {
    WORDS.with(|cache| tokenize_with(text, &mut cache.borrow_mut()))
}

/// [`tokenize`] with this thread's word cache in hand.
fn tokenize_with(text: &str, cache: &mut WordCache) -> Tokens {
    cache.start_text();
    let mut b = Builder {
        text,
        cache,
        buf: String::new(),
        out: SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut())),
        sentence: 0,
        clause: 0,
        sentence_first: 0,
    };
    b.out.tokens.reserve(text.len() / 5);
    let bytes = text.as_bytes();
    let char_at = |at: usize| -> Option<char> {
        match bytes.get(at) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => text[at..].chars().next(),
            None => None,
        }
    };
    let mut i = 0;
    let mut word_start: Option<usize> = None;
    // Whether the word at hand is ASCII letters and digits only, and
    // whether it holds the dots of initials.
    let mut plain = true;
    let mut dotted = false;
    while i < bytes.len() {
        // Most of a text is plain words each followed by one space: read
        // them in a loop of their own.
        if word_start.is_none() {
            loop {
                // Sixteen bytes read at once give the word's end, the byte
                // after it and its key together, for a word shorter than
                // that.
                if let Some((raw, len)) = short_run_at(bytes, i) {
                    if len == 0 {
                        break;
                    }
                    if (raw >> (8 * len)) as u8 != b' ' {
                        word_start = Some(i);
                        i += len;
                        break;
                    }
                    b.push_short(i, i + len, short_key(raw, len));
                    i += len + 1;
                    continue;
                }
                let end = alnum_run_end(bytes, i);
                if end == i {
                    break;
                }
                if bytes.get(end) != Some(&b' ') {
                    word_start = Some(i);
                    i = end;
                    break;
                }
                b.push_word(i, end, true, false);
                i = end + 1;
            }
            if i >= bytes.len() {
                break;
            }
        }
        let class = BYTE_CLASS[usize::from(bytes[i])];
        // Runs of ASCII letters and digits continue the word at hand.
        if class == ALNUM {
            word_start.get_or_insert(i);
            i = alnum_run_end(bytes, i);
            continue;
        }
        // A space only ends the word at hand.
        if class == SPACE {
            if let Some(s) = word_start.take() {
                b.push_word(s, i, plain, dotted);
                (plain, dotted) = (true, false);
            }
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let at = i;
        i += c.len_utf8();
        let next = char_at(i);
        if is_word_char(c) {
            word_start.get_or_insert(at);
            plain = false;
            continue;
        }
        if is_apostrophe(c) && word_start.is_some() && next.is_some_and(char::is_alphabetic) {
            plain = false;
            continue;
        }
        // Dotted initials: "N.K.V.D" is one word, NKVD.
        if c == '.'
            && let Some(s) = word_start
            && dot_joins_initials(text, s, at)
        {
            (plain, dotted) = (false, true);
            continue;
        }
        let initials = dotted;
        if let Some(s) = word_start.take() {
            b.push_word(s, at, plain, dotted);
            (plain, dotted) = (true, false);
        }
        match c {
            '.' | '!' | '?' => {
                let inside_word = c == '.' && next.is_some_and(char::is_alphanumeric);
                // "The N.K.V.D. arrested him": the dot closes the initials,
                // not the sentence, when a lower-case word follows.
                let after_initials = c == '.'
                    && initials
                    && text[at + 1..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                if !inside_word && !after_initials {
                    b.end_sentence(at + c.len_utf8());
                }
            }
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '/' => b.end_clause(),
            '–' | '—' => b.end_clause(),
            '-' if next.is_some_and(char::is_whitespace) => b.end_clause(),
            '•' | '▪' | '◦' => b.end_sentence(at),
            '\n' if line_starts_item(text, at + 1) => b.end_sentence(at),
            _ => {}
        }
    }
    if let Some(s) = word_start.take() {
        b.push_word(s, text.len(), plain, dotted);
    }
    b.end_sentence(text.len());
    b.out
}

/// How many words [`tokenize`] reads in `text`, counted up to one past
/// `most`: runs of letters and digits, whatever stands between them (a
/// comma separates words as a space does), with an apostrophe inside a
/// word ("didn't", read as two tokens, counts once) and the dots of
/// initials ("N.K.V.D") joining them as the tokenizer does. Counted
/// without making tokens, so a huge text is weighed in little memory.
pub fn count_words(text: &str, most: usize) -> usize {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut count = 0;
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let at = i;
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let Some(c) = char_at(i) else { break };
            i += c.len_utf8();
            c
        };
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(at);
                count += 1;
                if count > most {
                    break;
                }
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            word_start = None;
            continue;
        }
        let next = char_at(i);
        if is_apostrophe(c) && word_start.is_some() && next.is_some_and(char::is_alphabetic) {
            continue;
        }
        if c == '.'
            && let Some(s) = word_start
            && dot_joins_initials(text, s, at)
        {
            continue;
        }
        word_start = None;
    }
    count
}

/// Whether the dot at byte `at` joins the word begun at byte `start` to
/// the letter after it, as the dots of initials do ("N.K.V.D" is one
/// word): the word so far is single letters each followed by a dot, a
/// letter follows the dot, and no letter or digit follows that.
fn dot_joins_initials(text: &str, start: usize, at: usize) -> bool {
    let mut after = text[at + 1..].chars();
    is_initial(&text[start..at])
        && after.next().is_some_and(char::is_alphabetic)
        && after.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `s` is a run of single letters each followed by a dot, ending
/// in a letter: "N", "N.K", "U.S.S".
fn is_initial(s: &str) -> bool {
    let mut chars = s.chars();
    loop {
        if !chars.next().is_some_and(char::is_alphabetic) {
            return false;
        }
        match chars.next() {
            None => return true,
            Some('.') => {}
            Some(_) => return false,
        }
    }
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Whether `c` belongs to a word: a letter or digit, or a combining mark
/// outside ASCII. Typographic punctuation (curly quotes, dashes, the
/// General Punctuation block) is answered without the Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || is_combining(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stem;

    fn norms(t: &Tokens) -> Vec<&str> {
        t.tokens.iter().map(Token::norm).collect()
    }

    /// The words [`tokenize`] reads: its tokens, those of one written word
    /// (a contraction read as two) counted once.
    fn written_words(text: &str) -> usize {
        let mut starts: Vec<usize> = tokenize(text).tokens.iter().map(|t| t.start).collect();
        starts.dedup();
        starts.len()
    }

    #[test]
    fn words_are_counted_as_the_tokenizer_reads_them() {
        let texts = [
            "",
            "Stalin,General,Secretary,appointed",
            "Trotsky didn't attend; he wasn’t told.",
            "The N.K.V.D. arrested him. Then U.S.S.R troops came",
            "Zinóviev and Kámenev — café naïve 1,000 3.5%",
            "x's 'quoted' rock'n'roll a.b.c. A.B a..b - -- ... ,,, \t\n\r",
            "日本語 テキスト, and ﬁne ligatures",
        ];
        for text in texts {
            assert_eq!(
                count_words(text, usize::MAX),
                written_words(text),
                "{text:?}"
            );
        }
        // Every mix of a few awkward characters, three to five long.
        let parts = ["a", "B", "1", " ", ",", ".", "'", "’", "é", "-", "\n"];
        let mut mixes = vec![String::new()];
        for _ in 0..5 {
            mixes = mixes
                .iter()
                .flat_map(|m| parts.iter().map(move |p| format!("{m}{p}")))
                .collect();
            for text in &mixes {
                assert_eq!(
                    count_words(text, usize::MAX),
                    written_words(text),
                    "{text:?}"
                );
            }
        }
        assert_eq!(count_words("a,b,c,d,e", 2), 3, "counted one past the most");
    }

    #[test]
    fn keeps_offsets_into_the_original() {
        let text = "Stalin’s “grey blur” won.";
        let t = tokenize(text);
        assert_eq!(norms(&t), ["stalin", "grey", "blur", "won"]);
        assert_eq!(&text[t.tokens[0].start..t.tokens[0].end], "Stalin’s");
        assert_eq!(&text[t.tokens[2].start..t.tokens[2].end], "blur");
    }

    #[test]
    fn reads_contractions_as_not() {
        assert_eq!(norms(&tokenize("that's why")), ["that", "is", "why"]);
        let t = tokenize("Trotsky didn't attend; he wasnt there and can't have been");
        assert_eq!(
            norms(&t),
            [
                "trotsky", "did", "not", "attend", "he", "was", "not", "there", "and", "can",
                "not", "have", "been"
            ]
        );
    }

    #[test]
    fn splits_sentences_and_bullets() {
        let text = "He was General Secretary. So he\nappointed allies!\n• Lenin's funeral\n- the ban on factions";
        let t = tokenize(text);
        assert_eq!(t.sentences.len(), 4);
        assert_eq!(t.sentence_text(text, 1), "So he\nappointed allies!");
        assert_eq!(t.sentence_text(text, 2), "Lenin's funeral");
        assert_eq!(t.sentence_text(text, 3), "the ban on factions");
    }

    #[test]
    fn clauses_break_at_commas_and_conjunctions() {
        let t = tokenize("Trotsky was not popular, but Stalin was Secretary");
        let c = |w: &str| t.tokens.iter().find(|t| t.norm() == w).unwrap().clause;
        assert_ne!(c("not"), c("secretary"));
        assert_eq!(c("stalin"), c("secretary"));
    }

    #[test]
    fn stems_english_words() {
        assert_eq!(stem("appointed"), stem("appointing"));
        assert_eq!(stem("purges"), "purg");
        assert_eq!(stem("1924"), "1924");
    }

    #[test]
    fn dotted_initials_are_one_word() {
        let text = "The N.K.V.D. arrested him. Then U.S.S.R troops came";
        let t = tokenize(text);
        assert_eq!(t.sentences.len(), 2);
        assert_eq!(norms(&t)[1], "nkvd");
        assert_eq!(&text[t.tokens[1].start..t.tokens[1].end], "N.K.V.D");
        assert!(norms(&t).contains(&"ussr"));
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(
            tokenize("About 1.5 million died. Then more.")
                .sentences
                .len(),
            2
        );
    }

    #[test]
    fn empty_and_symbol_only_text_has_no_sentences() {
        assert!(tokenize("").sentences.is_empty());
        assert!(tokenize(" ... !!! \n\n").tokens.is_empty());
    }

    #[test]
    fn general_punctuation_is_never_part_of_a_word() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric() && !is_combining(c), "{c:?}");
        }
    }

    #[test]
    fn alnum_runs_end_where_a_byte_at_a_time_says() {
        let text = "Stalin’s 1924 zinóviev a-b_c Z@[`{/:9 internationalisation9Z. x";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let want = i + bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - i);
            assert_eq!(alnum_run_end(bytes, i), want, "at {i}");
        }
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'a', 0, b'Z', 0x80, b'9', b'@', b]);
            let want = [b, b'a', 0, b'Z', 0x80, b'9', b'@', b]
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphanumeric())
                .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
            assert_eq!(alnum_lanes(x), want, "{b:#x}");
        }
    }

    #[test]
    fn short_runs_agree_with_run_ends_and_keys() {
        let text = "Stalin’s 1924 zinóviev a-b_c Z@[`{/:9 internationalisation9Z. x \
                    Secretary, GENERAL secretary of the party";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let Some((raw, len)) = short_run_at(bytes, i) else {
                assert!(i + SHORT > bytes.len() || alnum_run_end(bytes, i) >= i + SHORT);
                continue;
            };
            assert_eq!(i + len, alnum_run_end(bytes, i), "at {i}");
            assert_eq!(raw.to_le_bytes()[..], bytes[i..i + SHORT], "at {i}");
            if len > 0 {
                let mut b = [0u8; SHORT];
                b[..len].copy_from_slice(&bytes[i..i + len]);
                assert_eq!(
                    short_key(raw, len),
                    short_key(u128::from_le_bytes(b), len),
                    "at {i}"
                );
            }
        }
    }

    #[test]
    fn quick_fold_keys_agree_with_folding() {
        for word in ["Stalin’s", "didn`t", "O‘Brien", "NKVD", "party's", "a"] {
            let (key, len) = quick_fold_key(word).unwrap();
            let folded = crate::text::fold_word(word);
            assert_eq!(&key.to_le_bytes()[..len], folded.as_bytes(), "{word}");
            assert_eq!(key, short_key(key, len), "{word}");
        }
        for word in ["Zinóviev", "ＮＫＶＤ", "internationalisation’s", "“quoted”"] {
            assert_eq!(quick_fold_key(word), None, "{word}");
        }
    }

    #[test]
    fn items_and_initials_are_told_from_their_first_characters() {
        assert!(line_starts_item("", 0));
        assert!(line_starts_item("  \nmore", 0));
        assert!(line_starts_item("  • point", 0));
        assert!(line_starts_item("12. point", 0));
        assert!(line_starts_item("3) point", 0));
        assert!(!line_starts_item("1924 was", 0));
        assert!(!line_starts_item("12\n. point", 0));
        assert!(!line_starts_item("Stalin", 0));
        assert!(is_initial("N") && is_initial("N.K") && is_initial("U.S.S"));
        assert!(!is_initial("") && !is_initial("N.") && !is_initial("NK") && !is_initial("N..K"));
    }

    #[test]
    fn short_and_long_words_read_alike_in_any_case_and_place() {
        let text = "Secretary SECRETARY secretary 1924 internationalisation \
                    INTERNATIONALISATION Secretary";
        let t = tokenize(text);
        assert_eq!(
            norms(&t),
            [
                "secretary",
                "secretary",
                "secretary",
                "1924",
                "internationalisation",
                "internationalisation",
                "secretary"
            ]
        );
        // One copy of each word, numbered once.
        let number = |i: usize| t.tokens[i].word().number();
        assert_eq!(number(0), number(6));
        assert_eq!(number(4), number(5));
        assert_ne!(number(0), number(3));
        assert!(Rc::ptr_eq(t.tokens[0].word(), t.tokens[2].word()));
    }
}
