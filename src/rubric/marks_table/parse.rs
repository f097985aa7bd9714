//! Reading a count-to-mark rule from a question or model answer, the way
//! exam boards and teachers write it:
//!
//! - marks first: "3 marks for four key elements, 2 for three, 1 for one
//!   or two" (also "3 marks: four or more key elements; 2 marks: three");
//! - points first: "4 key elements = 3 marks, 3 = 2 marks, 1–2 = 1 mark"
//!   (also `:`, `→`, "earns", "scores");
//! - so much a point: "1 mark for each adaptation described, up to 3",
//!   "1 mark per point, max 3", "one mark each (maximum of three)"; with no
//!   cap in its sentence, up to the card's maximum.
//!
//! Numbers may be digits or words up to twenty; a count may be a range
//! ("one or two", "1–2", "3 to 5": its lowest) or open ("four or more",
//! "4+", "at least four"). A marks-first or points-first rule needs two
//! rows or more, so a lone "2 marks for three…" in prose is not read as a
//! table. The text is read as a few kinds of word and sign, not as
//! English: a rule is taken only when it makes a table valid for the card
//! ([`MarksTable::validate`]), and the first such rule in the text wins.

use super::{MarkRow, MarksTable};

/// What the rule reader sees of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(u32),
    Word(String),
    /// `,` (also a line break or bullet), `;`, `:`, `=`, `-` (any dash),
    /// `+`, `>` (an arrow).
    Sign(char),
    /// The end of a sentence.
    End,
}

/// Numbers written as words.
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// The text as tokens. A full stop ends a sentence unless what follows it
/// is lower case or a digit ("e.g. villi", "max. 3"); brackets, quotes
/// and other signs are dropped.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(Tok::Num(text[i..end].parse().unwrap_or(u32::MAX)));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_alphabetic()) {
                end = j + d.len_utf8();
                chars.next();
            }
            let word = text[i..end].to_lowercase();
            match NUMBER_WORDS.iter().position(|w| *w == word) {
                Some(n) => out.push(Tok::Num(n as u32)),
                None => out.push(Tok::Word(word)),
            }
        } else {
            let next = chars.peek().map(|&(_, d)| d);
            match c {
                '.' | '!' | '?' => {
                    let after = text[i + 1..].trim_start().chars().next();
                    if after.is_none_or(|a| !a.is_lowercase() && !a.is_ascii_digit()) {
                        out.push(Tok::End);
                    }
                }
                '-' | '=' if next == Some('>') => {
                    chars.next();
                    out.push(Tok::Sign('>'));
                }
                '→' | '⇒' => out.push(Tok::Sign('>')),
                '-' | '–' | '—' | '‐' | '‑' => out.push(Tok::Sign('-')),
                ',' | '\n' | '•' | '|' => out.push(Tok::Sign(',')),
                ';' | ':' | '=' | '+' => out.push(Tok::Sign(c)),
                _ => {}
            }
        }
    }
    out
}

/// A cursor over the tokens, for one attempt at reading a rule.
struct Reader<'a> {
    toks: &'a [Tok],
    at: usize,
    /// The card's maximum mark ("full marks").
    max: u32,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    /// Takes the next token if it is one of these words.
    fn word(&mut self, words: &[&str]) -> bool {
        match self.peek() {
            Some(Tok::Word(w)) if words.contains(&w.as_str()) => {
                self.at += 1;
                true
            }
            _ => false,
        }
    }

    fn sign(&mut self, signs: &[char]) -> bool {
        match self.peek() {
            Some(Tok::Sign(s)) if signs.contains(s) => {
                self.at += 1;
                true
            }
            _ => false,
        }
    }

    fn num(&mut self) -> Option<u32> {
        match self.peek() {
            Some(&Tok::Num(n)) => {
                self.at += 1;
                Some(n)
            }
            _ => None,
        }
    }

    /// "mark" or "marks".
    fn mark_word(&mut self) -> bool {
        self.word(&["mark", "marks"])
    }

    /// A number of marks: a number, "a mark", "full marks" (the maximum).
    fn amount(&mut self) -> Option<u32> {
        if let Some(n) = self.num() {
            return Some(n);
        }
        let start = self.at;
        let n = if self.word(&["a", "an"]) {
            1
        } else if self.word(&["full"]) {
            self.max
        } else {
            return None;
        };
        // Only before "mark(s)": "a" and "full" are marks nowhere else.
        match self.peek() {
            Some(Tok::Word(w)) if w == "mark" || w == "marks" => Some(n),
            _ => {
                self.at = start;
                None
            }
        }
    }

    /// A count of points, as the fewest it stands for: "four", "one or
    /// two", "1–2", "3 to 5", "four or more", "4+", "at least four", "any
    /// four".
    fn count(&mut self) -> Option<u32> {
        let start = self.at;
        if self.word(&["at"]) && !self.word(&["least"]) {
            self.at = start;
            return None;
        }
        self.word(&["any"]);
        let Some(low) = self.num() else {
            self.at = start;
            return None;
        };
        let before = self.at;
        if self.word(&["or"]) {
            if self.word(&["more"]) {
                return Some(low);
            }
            self.at = before;
        }
        if self.word(&["or", "to"]) || self.sign(&['-']) {
            match self.num() {
                Some(high) if high >= low => return Some(low),
                _ => self.at = before,
            }
        }
        self.sign(&['+']);
        Some(low)
    }

    /// Words naming what is counted ("key elements"), at most `most`.
    fn skip_words(&mut self, most: usize) {
        for _ in 0..most {
            match self.peek() {
                Some(Tok::Word(w)) if w != "and" => self.at += 1,
                _ => return,
            }
        }
    }

    /// Between two rows: a comma or semicolon, "and", or both.
    fn separator(&mut self) -> bool {
        let signed = self.sign(&[',', ';']);
        self.word(&["and"]) || signed
    }

    /// The rows of a rule, each read by `row` (told whether it is the
    /// first), as far as they go.
    fn rows(&mut self, mut row: impl FnMut(&mut Self, bool) -> Option<MarkRow>) -> Vec<MarkRow> {
        let mut rows = Vec::new();
        let Some(first) = row(self, true) else {
            return rows;
        };
        rows.push(first);
        loop {
            let before = self.at;
            if !self.separator() {
                break;
            }
            match row(self, false) {
                Some(r) => rows.push(r),
                None => {
                    self.at = before;
                    break;
                }
            }
        }
        rows
    }

    /// "3 marks for four key elements", then "2 for three": marks first.
    fn marks_first(&mut self, first: bool) -> Option<MarkRow> {
        let mark = self.amount()?;
        if !self.mark_word() && first {
            return None;
        }
        if !self.word(&["for"]) && !self.sign(&[':', '=']) {
            return None;
        }
        let points = self.count()?;
        self.skip_words(8);
        Some(MarkRow { points, mark })
    }

    /// "4 key elements = 3 marks", then "3 = 2 marks": points first.
    fn points_first(&mut self, first: bool) -> Option<MarkRow> {
        let points = self.count()?;
        self.skip_words(5);
        let linked = self.sign(&['=', ':', '>'])
            || self.word(&[
                "gets", "get", "earns", "earn", "scores", "score", "gains", "gain",
            ]);
        if !linked {
            return None;
        }
        let mark = self.amount()?;
        if !self.mark_word() && first {
            return None;
        }
        Some(MarkRow { points, mark })
    }

    /// "1 mark for each …", "1 mark per …", "1 mark each": the marks a
    /// point earns.
    fn per_point(&mut self) -> Option<u32> {
        let each = self.amount()?;
        if !self.mark_word() {
            return None;
        }
        let per =
            (self.word(&["for"]) && self.word(&["each", "every"])) || self.word(&["per", "each"]);
        per.then_some(each)
    }
}

/// The cap a sentence puts on the marks: "up to 3", "max 3", "max. 3",
/// "maximum of three", "to a maximum of 3 marks".
fn cap(sentence: &[Tok]) -> Option<u32> {
    let filler = |t: &Tok| {
        matches!(t, Tok::Word(w) if ["of", "a", "maximum", "total"].contains(&w.as_str()))
            || matches!(t, Tok::Sign(':'))
    };
    (0..sentence.len()).find_map(|i| {
        let after = match (&sentence[i], sentence.get(i + 1)) {
            (Tok::Word(w), Some(Tok::Word(to))) if w == "up" && to == "to" => i + 2,
            (Tok::Word(w), _) if w == "max" || w == "maximum" => i + 1,
            _ => return None,
        };
        let rest = &sentence[after..];
        let skip = rest.iter().take(3).take_while(|t| filler(t)).count();
        match rest.get(skip) {
            Some(&Tok::Num(n)) => Some(n),
            _ => None,
        }
    })
}

/// The table of `each` marks a point up to `cap`.
fn so_much_a_point(each: u32, cap: u32) -> Option<MarksTable> {
    if each == 0 || cap == 0 {
        return None;
    }
    let rows = (1..=cap.div_ceil(each))
        .map(|k| MarkRow {
            points: k,
            mark: (k * each).min(cap),
        })
        .collect();
    Some(MarksTable(rows))
}

/// Rows for no points: dropped when they give 0 (what no points earn
/// anyway); any other mark for nothing is no rule selfmark reads.
fn without_zero_rows(rows: Vec<MarkRow>) -> Option<MarksTable> {
    if rows.iter().any(|r| r.points == 0 && r.mark > 0) {
        return None;
    }
    Some(MarksTable(
        rows.into_iter().filter(|r| r.points > 0).collect(),
    ))
}

/// Reads the count-to-mark rule that `text` (a question or model answer)
/// states, for a card whose maximum mark is `max`: the first rule in it
/// that makes a valid table (see the module's documentation for the
/// phrasings read). `None` when it states none.
///
/// "1 mark per point, max 3" is read as rows 1→1, 2→2, 3→3, as marking
/// without a table would do; [`MarksTable::is_one_mark_per_point`] tells
/// such a table apart.
pub fn parse(text: &str, max: u32) -> Option<MarksTable> {
    let toks = tokens(text);
    let mut sentence = 0;
    for start in 0..toks.len() {
        if toks[start] == Tok::End {
            sentence = start + 1;
            continue;
        }
        let found =
            per_point_at(&toks, sentence, start, max).or_else(|| rows_at(&toks, start, max));
        if let Some(table) = found.filter(|t| t.validate(max).is_ok()) {
            return Some(table);
        }
    }
    None
}

/// A so-much-a-point rule starting at token `start`, in the sentence
/// starting at token `sentence`, with its cap or up to `max`.
fn per_point_at(toks: &[Tok], sentence: usize, start: usize, max: u32) -> Option<MarksTable> {
    let each = Reader {
        toks,
        at: start,
        max,
    }
    .per_point()?;
    let end = toks[start..]
        .iter()
        .position(|t| *t == Tok::End)
        .map_or(toks.len(), |e| start + e);
    so_much_a_point(each, cap(&toks[sentence..end]).unwrap_or(max))
}

/// A marks-first or points-first rule of two rows or more starting at
/// token `start`.
fn rows_at<'t>(toks: &'t [Tok], start: usize, max: u32) -> Option<MarksTable> {
    let kinds: [fn(&mut Reader<'t>, bool) -> Option<MarkRow>; 2] =
        [Reader::marks_first, Reader::points_first];
    kinds.into_iter().find_map(|row| {
        let rows = Reader {
            toks,
            at: start,
            max,
        }
        .rows(row);
        if rows.len() >= 2 {
            without_zero_rows(rows).filter(|t| t.validate(max).is_ok())
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::table;
    use super::*;

    #[test]
    fn marks_for_counts_in_words() {
        let t = parse(
            "3 marks for four key elements, 2 for three, 1 for one or two",
            3,
        );
        assert_eq!(t, Some(table(&[(4, 3), (3, 2), (1, 1)])));
    }

    #[test]
    fn marks_for_counts_with_each_row_saying_marks_and_or_more() {
        let t = parse(
            "Marking: 3 marks for four or more key elements, 2 marks for three, 1 mark for one or two.",
            3,
        );
        assert_eq!(t, Some(table(&[(4, 3), (3, 2), (1, 1)])));
    }

    #[test]
    fn one_mark_for_each_up_to_a_cap() {
        let t = parse("1 mark for each adaptation described, up to 3", 3);
        assert_eq!(t, Some(table(&[(1, 1), (2, 2), (3, 3)])));
        assert!(t.unwrap().is_one_mark_per_point());
    }

    #[test]
    fn one_mark_per_point_max_three() {
        let want = Some(table(&[(1, 1), (2, 2), (3, 3)]));
        assert_eq!(parse("1 mark per point, max 3", 4), want);
        assert_eq!(parse("One mark per point (max. three).", 4), want);
        assert_eq!(
            parse(
                "Award a mark for every valid point, to a maximum of 3 marks.",
                4
            ),
            want
        );
        assert_eq!(parse("Up to three marks: 1 mark each.", 4), want);
    }

    #[test]
    fn so_much_a_point_without_a_cap_goes_up_to_the_maximum() {
        assert_eq!(
            parse("Give 1 mark for each reason.", 2),
            Some(table(&[(1, 1), (2, 2)]))
        );
        assert_eq!(
            parse("2 marks per explained reason, up to 5.", 6),
            Some(table(&[(1, 2), (2, 4), (3, 5)]))
        );
    }

    #[test]
    fn points_equal_marks_with_a_range() {
        let want = Some(table(&[(4, 3), (3, 2), (1, 1)]));
        assert_eq!(
            parse("4 key elements = 3 marks, 3 = 2 marks, 1–2 = 1 mark", 3),
            want
        );
        assert_eq!(
            parse("four elements -> 3 marks; three -> 2; 1-2 -> 1", 3),
            want
        );
        assert_eq!(
            parse(
                "4+ key elements: 3 marks\n3 key elements: 2 marks\n1 or 2: 1 mark",
                3
            ),
            want
        );
    }

    #[test]
    fn marks_first_with_colons_and_full_marks() {
        assert_eq!(
            parse(
                "Full marks for four or more; 2 marks for three; 1 mark for at least one.",
                3
            ),
            Some(table(&[(4, 3), (3, 2), (1, 1)]))
        );
        assert_eq!(
            parse(
                "2 marks: both features with their effects; 1 mark: 1 feature",
                2
            ),
            None,
            "\"both\" is no count"
        );
    }

    #[test]
    fn a_table_as_displayed_reads_back() {
        // Displayed top row first, as written here.
        for t in [
            table(&[(4, 3), (3, 2), (1, 1)]),
            table(&[(6, 4), (3, 2), (1, 1)]),
            table(&[(5, 2), (2, 1)]),
        ] {
            assert_eq!(parse(&t.to_string(), 4), Some(t.clone()), "{t}");
        }
    }

    #[test]
    fn text_that_states_no_rule_gives_none() {
        for text in [
            "",
            "Stalin was General Secretary, so he could appoint his supporters.",
            "Level 4 (6 marks): explains two or more reasons.",
            "1 mark for the name of the gas and 1 mark for the test.",
            "The wall of each villus is only one cell thick - a short diffusion distance.",
            "Speed = 20 m/s, so 3 = 2 x 1.5 is wrong.",
            "An answer made only of named features scores max 1.",
            "2 marks for three key elements.",
        ] {
            assert_eq!(parse(text, 3), None, "{text}");
        }
    }

    #[test]
    fn a_rule_that_does_not_fit_the_maximum_is_not_taken() {
        assert_eq!(parse("1 mark for each key element, up to 4", 3), None);
        assert_eq!(
            parse("3 marks for two, 2 for three", 3),
            None,
            "fewer marks for more points"
        );
    }

    /// The model answers of the key-element decks state their rules; the
    /// question's "[N]" is the card's maximum.
    fn rules_of(deck: &str) -> Vec<Option<MarksTable>> {
        deck.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (question, answer) = line.split_once('\t').unwrap();
                let max: u32 = question
                    .rsplit_once('[')
                    .and_then(|(_, m)| m.trim_end_matches(']').parse().ok())
                    .unwrap();
                parse(answer, max)
            })
            .collect()
    }

    #[test]
    fn the_biology_key_element_decks_rules() {
        let deck = include_str!("../../../tests/data/new-topics/dev/biology-key-elements.tsv");
        assert_eq!(
            rules_of(deck),
            [
                Some(table(&[(1, 1), (2, 2), (3, 3)])),
                Some(table(&[(4, 3), (3, 2), (1, 1)])),
                Some(table(&[(1, 1), (2, 2), (3, 3), (4, 4)])),
            ]
        );
    }

    #[test]
    fn the_geography_key_element_decks_rules() {
        let deck = include_str!("../../../tests/data/new-topics/test/geography-key-elements.tsv");
        assert_eq!(
            rules_of(deck),
            [
                Some(table(&[(1, 1), (2, 2), (3, 3), (4, 4)])),
                Some(table(&[(1, 1), (2, 2), (3, 3)])),
                Some(table(&[(4, 3), (3, 2), (1, 1)])),
            ]
        );
    }
}
