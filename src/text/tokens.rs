//! Tokens that remember where they came from.
//!
//! An answer is split into word tokens, each folded for matching (case,
//! accents, possessive "'s" dropped, "didn't" read as "did not") and
//! stemmed with the English Snowball stemmer, while keeping its byte range
//! in the original text so that evidence can be quoted in the student's own
//! words. Tokens also carry their sentence and clause, which bound the reach
//! of a causal link and of a negation.

use super::normalize::fold_word;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

/// One word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded word ("lenin" for "Lenin’s", "not" for the "n't" of "didn't").
    pub norm: Rc<str>,
    /// Its English Snowball stem.
    pub stem: Rc<str>,
    /// [`stem_key`] of the stem.
    pub key: u64,
    /// Byte range of the word in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// Index of the clause holding the token, counted over the whole text.
    pub clause: usize,
    /// Whether the word negates what follows it ([`is_negator`]).
    pub negator: bool,
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

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// A 64-bit key for a stem, so stems can be compared without comparing
/// strings (distinct stems colliding is vanishingly unlikely).
pub fn stem_key(stem: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(stem)
}

/// The English Snowball stem of a folded word; numbers are their own stem.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        word.to_string()
    } else {
        stemmer().stem(word).into_owned()
    }
}

/// One word a written word stands for, as every token of it carries it.
#[derive(Debug)]
struct Word {
    norm: Rc<str>,
    stem: Rc<str>,
    /// [`stem_key`] of the stem.
    key: u64,
    /// Whether it opens a clause (see [`opens_clause`]).
    opens_clause: bool,
    /// Whether it negates (see [`is_negator`]).
    negator: bool,
}

/// The words a written word stands for.
type Reading = Rc<[Word]>;

/// Entries the per-thread word cache holds before it starts afresh.
const WORD_CACHE_LIMIT: usize = 100_000;

thread_local! {
    /// Written words already read on this thread: their folded forms and
    /// stems. Students' vocabulary is small and repetitive, and folding and
    /// Snowball stemming are the costliest steps of reading an answer, so
    /// marking many answers reuses them.
    static WORDS: RefCell<FxHashMap<Box<str>, Reading>> = RefCell::new(FxHashMap::default());
}

/// Reads a written word (already folded) into the words it stands for,
/// handing them to `each` in order while the cache is borrowed (so the
/// reading itself is never cloned).
fn read_word(folded: &str, mut each: impl FnMut(&Word)) {
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(r) = cache.get(folded) {
            r.iter().for_each(&mut each);
            return;
        }
        let reading: Reading = expand(folded)
            .into_iter()
            .filter(|w| !w.is_empty())
            .map(|w| {
                let s = stem(&w);
                let key = stem_key(&s);
                Word {
                    opens_clause: opens_clause(&w),
                    negator: is_negator(&w),
                    norm: Rc::from(w),
                    stem: Rc::from(s),
                    key,
                }
            })
            .collect();
        reading.iter().for_each(&mut each);
        if cache.len() >= WORD_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(folded.into(), reading);
    })
}

/// Empties this thread's word cache (for benchmarks of a cold start).
pub fn clear_word_cache() {
    WORDS.with(|cache| cache.borrow_mut().clear());
}

/// Words that negate what follows them in the same clause.
pub fn is_negator(norm: &str) -> bool {
    matches!(
        norm,
        "not" | "no" | "never" | "nor" | "neither" | "none" | "nobody" | "nothing" | "without"
    )
}

/// Words that open a new clause: a negation before them does not reach
/// past them.
fn opens_clause(norm: &str) -> bool {
    matches!(
        norm,
        "but"
            | "while"
            | "whilst"
            | "whereas"
            | "although"
            | "though"
            | "however"
            | "yet"
            | "because"
            | "so"
            | "which"
            | "who"
            | "therefore"
            | "meanwhile"
            | "instead"
    )
}

/// Contractions written without the apostrophe, read as word + "not".
fn bare_contraction(word: &str) -> Option<&'static str> {
    Some(match word {
        "didnt" => "did",
        "doesnt" => "does",
        "dont" => "do",
        "wasnt" => "was",
        "werent" => "were",
        "isnt" => "is",
        "arent" => "are",
        "couldnt" => "could",
        "wouldnt" => "would",
        "shouldnt" => "should",
        "hadnt" => "had",
        "hasnt" => "has",
        "havent" => "have",
        "wont" => "will",
        "cant" | "cannot" => "can",
        _ => return None,
    })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{2032}')
}

/// Splits a folded word into the words it stands for: "didn't" → did, not;
/// "lenin's" → lenin; "they're" → they.
pub fn expand(folded: &str) -> Vec<String> {
    if let Some(base) = folded.strip_suffix("n't") {
        let base = match base {
            "ca" | "can" => "can",
            "wo" => "will",
            "sha" => "shall",
            b => b,
        };
        return vec![base.to_string(), "not".to_string()];
    }
    if let Some(pos) = folded.find('\'') {
        let (head, tail) = (&folded[..pos], &folded[pos + 1..]);
        // "that's why", "it's", "he's": after a pronoun, 's is "is".
        if tail == "s"
            && matches!(
                head,
                "that" | "it" | "he" | "she" | "there" | "what" | "who" | "here" | "where" | "this"
            )
        {
            return vec![head.to_string(), "is".to_string()];
        }
        return if matches!(tail, "s" | "d" | "ll" | "re" | "ve" | "m") {
            vec![head.to_string()]
        } else {
            vec![folded.replace('\'', "")]
        };
    }
    if let Some(base) = bare_contraction(folded) {
        return vec![base.to_string(), "not".to_string()];
    }
    vec![folded.to_string()]
}

struct Builder<'t> {
    text: &'t str,
    /// Reused buffer for folding a word.
    buf: String,
    out: Tokens,
    sentence: usize,
    clause: usize,
    sentence_first: usize,
}

impl Builder<'_> {
    /// Adds the word at `start..end`; `dotted` when it holds the dots of
    /// initials ("N.K.V.D").
    fn push_word(&mut self, start: usize, end: usize, dotted: bool) {
        let raw = &self.text[start..end];
        let undotted;
        let word = if dotted {
            undotted = raw.replace('.', "");
            undotted.as_str()
        } else {
            raw
        };
        let folded_other;
        let folded = if word.is_ascii() {
            self.buf.clear();
            self.buf.push_str(word);
            self.buf.make_ascii_lowercase();
            if self.buf.contains('`') {
                self.buf = self.buf.replace('`', "'");
            }
            self.buf.as_str()
        } else {
            folded_other = fold_word(word);
            folded_other.as_str()
        };
        let (tokens, sentence, clause) = (&mut self.out.tokens, self.sentence, &mut self.clause);
        read_word(folded, |w| {
            if w.opens_clause {
                *clause += 1;
            }
            tokens.push(Token {
                norm: Rc::clone(&w.norm),
                stem: Rc::clone(&w.stem),
                key: w.key,
                negator: w.negator,
                start,
                end,
                sentence,
                clause: *clause,
            });
        });
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

/// Tokenises `text`, keeping byte offsets into it.
pub fn tokenize(text: &str) -> Tokens {
    let mut b = Builder {
        text,
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
    // Whether the word at hand holds the dots of initials.
    let mut dotted = false;
    while i < bytes.len() {
        // Most of a text is runs of ASCII letters and digits: step over
        // them a byte at a time.
        if bytes[i].is_ascii_alphanumeric() {
            word_start.get_or_insert(i);
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let at = i;
        i += c.len_utf8();
        let next = char_at(i);
        if c.is_alphanumeric() || (!c.is_ascii() && is_combining(c)) {
            word_start.get_or_insert(at);
            continue;
        }
        if is_apostrophe(c) && word_start.is_some() && next.is_some_and(char::is_alphabetic) {
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
            dotted = true;
            continue;
        }
        let initials = dotted;
        if let Some(s) = word_start.take() {
            b.push_word(s, at, dotted);
            dotted = false;
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
        b.push_word(s, text.len(), dotted);
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

    fn norms(t: &Tokens) -> Vec<&str> {
        t.tokens.iter().map(|t| &*t.norm).collect()
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
        let c = |w: &str| t.tokens.iter().find(|t| &*t.norm == w).unwrap().clause;
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
}
