//! Tokens that remember where they came from.
//!
//! An answer is split into word tokens, each folded for matching (case,
//! accents, possessive "'s" dropped, "didn't" read as "did not") and
//! stemmed with the English Snowball stemmer, while keeping its byte range
//! in the original text so that evidence can be quoted in the student's own
//! words. Tokens also carry their sentence and clause, which bound the reach
//! of a causal link and of a negation.

use super::normalize::fold_word_into;
use super::words::{SHORT, WORDS, Word, WordCache, is_apostrophe, short_key};
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
        let short = (plain && end - start <= SHORT).then(|| self.short_key_at(start, end));
        if let Some(key) = short
            && let Some(reading) = self.cache.short.get(&key)
        {
            push_reading(
                &mut self.out,
                (self.sentence, &mut self.clause),
                reading,
                start,
                end,
            );
            return;
        }
        self.push_other_word(start, end, short, dotted);
    }

    /// The [`short_key`] of the plain word at `start..end`, of at most
    /// [`SHORT`] bytes: its bytes read as one number, straight from the
    /// text when 16 bytes follow its start, else from a padded copy.
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

    /// [`Builder::push_word`] for a word not yet in the cache, or not plain
    /// and short (`short` is the key of a plain, short word).
    #[inline(never)]
    fn push_other_word(&mut self, start: usize, end: usize, short: Option<u128>, dotted: bool) {
        let raw = &self.text[start..end];
        let reading = if let Some(key) = short {
            self.cache
                .read(&raw.to_ascii_lowercase(), key, |c| &mut c.short)
        } else {
            if dotted {
                fold_word_into(&raw.replace('.', ""), &mut self.buf);
            } else {
                fold_word_into(raw, &mut self.buf);
            }
            let folded = self.buf.as_str();
            if self.cache.long.contains_key(folded) {
                &self.cache.long[folded]
            } else {
                self.cache.read(folded, folded.into(), |c| &mut c.long)
            }
        };
        push_reading(
            &mut self.out,
            (self.sentence, &mut self.clause),
            reading,
            start,
            end,
        );
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

/// Adds a token at `start..end` for each word of a reading, in `sentence`
/// and the current `clause` (a new one for each word that opens one).
fn push_reading(
    out: &mut Tokens,
    (sentence, clause): (usize, &mut usize),
    reading: &[Rc<Word>],
    start: usize,
    end: usize,
) {
    for w in reading {
        if w.opens_clause() {
            *clause += 1;
        }
        out.tokens.push(Token {
            word: Rc::clone(w),
            start,
            end,
            sentence,
            clause: *clause,
        });
    }
}

/// True when the line starting at byte `at` is blank or begins with a
/// bullet, a number or a heading marker, so the newline before it ends a
/// sentence.
fn line_starts_item(text: &str, at: usize) -> bool {
    let line = text[at..].split('\n').next().unwrap_or("");
    let t = line.trim_start();
    if t.is_empty() {
        return true;
    }
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if matches!(first, '•' | '-' | '*' | '–' | '—' | '·' | '▪' | '◦' | '(') {
        return true;
    }
    if first.is_ascii_digit() {
        let rest: String = t
            .chars()
            .skip_while(|c| c.is_ascii_digit())
            .take(1)
            .collect();
        return rest == "." || rest == ")";
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

/// Tokenises `text`, keeping byte offsets into it.
pub fn tokenize(text: &str) -> Tokens {
    WORDS.with(|cache| tokenize_with(text, &mut cache.borrow_mut()))
}

/// [`tokenize`] with this thread's word cache in hand.
fn tokenize_with(text: &str, cache: &mut WordCache) -> Tokens {
    let mut b = Builder {
        text,
        cache,
        buf: String::new(),
        out: Tokens::default(),
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
        let class = BYTE_CLASS[usize::from(bytes[i])];
        // Most of a text is runs of ASCII letters and digits: step over
        // them a byte at a time.
        if class == ALNUM {
            word_start.get_or_insert(i);
            i += bytes[i..]
                .iter()
                .position(|&b| BYTE_CLASS[usize::from(b)] != ALNUM)
                .unwrap_or(bytes.len() - i);
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
        if c.is_alphanumeric() || (!c.is_ascii() && is_combining(c)) {
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
            && is_initial(&text[s..at])
            && next.is_some_and(char::is_alphabetic)
            && next
                .and_then(|n| char_at(i + n.len_utf8()))
                .is_none_or(|after| !after.is_alphanumeric())
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

/// Whether `s` is a run of single letters each followed by a dot, ending
/// in a letter: "N", "N.K", "U.S.S".
fn is_initial(s: &str) -> bool {
    s.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stem;

    fn norms(t: &Tokens) -> Vec<&str> {
        t.tokens.iter().map(Token::norm).collect()
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
