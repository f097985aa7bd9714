//! Reads a tab-separated deck, `question<TAB>answer` one card a line, as
//! Anki ("Notes in Plain Text") and Quizlet export it: Anki's `#key:value`
//! header lines, double-quoted fields that hold tabs or newlines, and the
//! HTML of Anki fields (`<br>`, `&nbsp;`…) are understood; columns after
//! the answer (Anki's tags) are ignored.

use super::{Card, Deck, split_question, tidy_answer, title_from_file};
use crate::error::DeckError;

/// Parses a tab-separated deck. `file` is used in error messages and, when
/// the file names no deck, for the title.
pub(super) fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        file,
        text,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    let mut header = Header::default();
    let mut cards = Vec::new();
    while let Some(line) = reader.peek_line() {
        if line.trim().is_empty() {
            reader.skip_line();
            continue;
        }
        // Anki's header lines come before the first card; later, a line
        // starting with '#' and holding no tab is a comment.
        if line.starts_with('#') && (cards.is_empty() || !line.contains('\t')) {
            if cards.is_empty() {
                header.read(line, reader.line, file)?;
            }
            reader.skip_line();
            continue;
        }
        let start = reader.line;
        let fields = reader.record()?;
        cards.push(card(fields, cards.len() + 1, start, &header, file)?);
    }
    let title = header.title.unwrap_or_else(|| title_from_file(file));
    Ok(Deck { title, cards })
}

/// What Anki's header lines say about the rows below them.
#[derive(Debug)]
struct Header {
    /// Whether fields hold HTML (`#html:false` turns it off).
    html: bool,
    /// The deck name from `#deck:`.
    title: Option<String>,
    /// 0-based columns that hold something other than the question and
    /// answer (`#guid column:1`, `#notetype column:2`…).
    skip: Vec<usize>,
}

impl Default for Header {
    fn default() -> Self {
        Header {
            html: true,
            title: None,
            skip: Vec::new(),
        }
    }
}

impl Header {
    /// Reads one `#key:value` line, found on `line`.
    fn read(&mut self, text: &str, line: usize, file: &str) -> Result<(), DeckError> {
        let Some((key, value)) = text[1..].split_once(':') else {
            return Ok(());
        };
        let key = key.trim().to_ascii_lowercase();
        let trimmed = value.trim();
        match key.as_str() {
            "separator" if value != "\t" && !trimmed.eq_ignore_ascii_case("tab") => {
                return Err(DeckError::at(
                    file,
                    line,
                    key.len() + 3,
                    format!(
                        "unsupported separator `{trimmed}`; selfmark reads tab-separated \
                         files only (export with the separator set to Tab)"
                    ),
                ));
            }
            "html" => self.html = !trimmed.eq_ignore_ascii_case("false"),
            "deck" if !trimmed.is_empty() => self.title = Some(trimmed.to_string()),
            "guid column" | "notetype column" | "deck column" | "tags column" => {
                match trimmed.parse::<usize>() {
                    Ok(n) if n >= 1 => self.skip.push(n - 1),
                    _ => {
                        return Err(DeckError::at(
                            file,
                            line,
                            0,
                            format!(
                                "expected a column number from 1 in `#{key}`, found `{trimmed}`"
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Whether text shows itself tab-separated: it opens with one of Anki's
/// `#separator:` or `#html:` header lines, or most of its non-blank lines
/// (`#` lines aside) hold a tab.
pub(super) fn shows_itself(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    if let Some(first) = lines.peek() {
        let first = first.to_ascii_lowercase();
        if first.starts_with("#separator:") || first.starts_with("#html:") {
            return true;
        }
    }
    let (mut all, mut tabbed) = (0, 0);
    for line in lines.filter(|l| !l.starts_with('#')) {
        all += 1;
        tabbed += usize::from(line.contains('\t'));
    }
    all > 0 && tabbed * 2 > all
}

/// Builds card `number`, which starts on `line`, from its fields.
fn card(
    fields: Vec<String>,
    number: usize,
    line: usize,
    header: &Header,
    file: &str,
) -> Result<Card, DeckError> {
    if fields.len() < 2 {
        return Err(DeckError::at(
            file,
            line,
            0,
            "expected `question<TAB>answer` but the line has no tab",
        ));
    }
    let mut wanted = fields
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !header.skip.contains(i))
        .map(|(_, field)| field);
    let (Some(question), Some(answer)) = (wanted.next(), wanted.next()) else {
        return Err(DeckError::at(
            file,
            line,
            0,
            "expected a question and an answer column besides the columns the header names",
        ));
    };
    let (question, answer) = if header.html {
        (html_to_text(&question), html_to_text(&answer))
    } else {
        (question, answer)
    };
    let question = question.split_whitespace().collect::<Vec<_>>().join(" ");
    let (part, question, max) = split_question(&question);
    if question.is_empty() {
        return Err(DeckError::at(
            file,
            line,
            0,
            format!("card {number}: the question is empty"),
        ));
    }
    let answer = tidy_answer(answer.lines());
    if answer.is_empty() {
        return Err(DeckError::at(
            file,
            line,
            0,
            format!("card {number}: the answer is empty"),
        ));
    }
    Ok(Card {
        number,
        id: number.to_string(),
        part,
        question,
        max,
        answer,
        line,
    })
}

/// How a field ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Tab,
    Line,
    File,
}

/// A cursor over the text that knows its line and column.
struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    /// Byte offset of the next character.
    pos: usize,
    /// 1-based line of `pos`.
    line: usize,
    /// Byte offset at which that line starts.
    line_start: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// The rest of the current line, without its line ending; `None` at the
    /// end of the text.
    fn peek_line(&self) -> Option<&'a str> {
        let rest = self.rest();
        let line = rest.split('\n').next()?;
        (!rest.is_empty()).then(|| line.strip_suffix('\r').unwrap_or(line))
    }

    fn skip_line(&mut self) {
        match self.rest().find('\n') {
            Some(i) => self.start_line(self.pos + i + 1),
            None => self.pos = self.text.len(),
        }
    }

    /// Moves to `pos`, the start of the next line.
    fn start_line(&mut self, pos: usize) {
        self.pos = pos;
        self.line += 1;
        self.line_start = pos;
    }

    /// Reads the fields of one record, which may span lines inside quotes.
    fn record(&mut self) -> Result<Vec<String>, DeckError> {
        let mut fields = Vec::new();
        loop {
            let (field, end) = self.field()?;
            fields.push(field);
            if end != End::Tab {
                return Ok(fields);
            }
        }
    }

    /// Reads one field. A field starting with `"` is quoted unless its
    /// closing quote is followed by more text, in which case the quote was
    /// part of the text (as in Quizlet's unquoted exports).
    fn field(&mut self) -> Result<(String, End), DeckError> {
        if self.rest().starts_with('"') {
            let saved = (self.pos, self.line, self.line_start);
            if let Some(field) = self.quoted()? {
                return Ok(field);
            }
            (self.pos, self.line, self.line_start) = saved;
        }
        Ok(self.unquoted())
    }

    fn unquoted(&mut self) -> (String, End) {
        let rest = self.rest();
        match rest.find(['\t', '\n']) {
            Some(i) if rest[i..].starts_with('\t') => {
                self.pos += i + 1;
                (rest[..i].to_string(), End::Tab)
            }
            Some(i) => {
                self.start_line(self.pos + i + 1);
                let field = &rest[..i];
                (
                    field.strip_suffix('\r').unwrap_or(field).to_string(),
                    End::Line,
                )
            }
            None => {
                self.pos = self.text.len();
                (
                    rest.strip_suffix('\r').unwrap_or(rest).to_string(),
                    End::File,
                )
            }
        }
    }

    /// Reads a quoted field, `pos` being at its opening quote. Returns
    /// `None` when text follows the closing quote.
    fn quoted(&mut self) -> Result<Option<(String, End)>, DeckError> {
        let (open_line, open_column) = (
            self.line,
            self.text[self.line_start..self.pos].chars().count() + 1,
        );
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let Some(i) = rest.find(['"', '\n']) else {
                return Err(DeckError::at(
                    self.file,
                    open_line,
                    open_column,
                    "this quoted field has no closing `\"` (inside quotes, write `\"\"` for a \
                     literal quote)",
                ));
            };
            if rest[i..].starts_with('\n') {
                let piece = &rest[..i];
                out.push_str(piece.strip_suffix('\r').unwrap_or(piece));
                out.push('\n');
                self.start_line(self.pos + i + 1);
                continue;
            }
            out.push_str(&rest[..i]);
            self.pos += i + 1;
            let after = self.rest();
            if after.starts_with('"') {
                out.push('"');
                self.pos += 1;
            } else if after.is_empty() {
                return Ok(Some((out, End::File)));
            } else if after.starts_with('\t') {
                self.pos += 1;
                return Ok(Some((out, End::Tab)));
            } else if let Some(n) = ["\n", "\r\n"]
                .iter()
                .find_map(|nl| after.starts_with(nl).then_some(nl.len()))
            {
                self.start_line(self.pos + n);
                return Ok(Some((out, End::Line)));
            } else {
                return Ok(None);
            }
        }
    }
}

/// Turns an Anki field's HTML into plain text: `<br>`, `<div>`, `<p>` and
/// `<li>` start a new line, other tags are dropped and the common entities
/// are decoded. A `<` or `&` that starts no tag or entity is kept.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = if tail.starts_with('<') {
            tag(tail).map(|(breaks, len)| {
                if breaks {
                    out.push('\n');
                }
                len
            })
        } else {
            entity(tail).map(|(c, len)| {
                out.push(c);
                len
            })
        };
        // '<' and '&' are one byte long.
        let len = decoded.unwrap_or_else(|| {
            out.push_str(&tail[..1]);
            1
        });
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// The tag at the start of `tail`: whether it breaks the line, and its
/// length in bytes.
fn tag(tail: &str) -> Option<(bool, usize)> {
    let end = tail.find('>')?;
    let inner = &tail[1..end];
    if inner.starts_with('!') {
        return Some((false, end + 1));
    }
    let closing = inner.starts_with('/');
    let name = inner.trim_start_matches('/');
    let len = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let breaks = match name.to_ascii_lowercase().as_str() {
        "br" => true,
        "div" | "p" | "li" => !closing,
        _ => false,
    };
    Some((breaks, end + 1))
}

/// The entity at the start of `tail`: its character and length in bytes.
fn entity(tail: &str) -> Option<(char, usize)> {
    let end = tail.char_indices().take(12).find(|&(_, c)| c == ';')?.0;
    let name = &tail[1..end];
    let c = match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "hellip" => '\u{2026}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(text: &str) -> Deck {
        parse(text, "decks/biology.tsv").expect("the deck parses")
    }

    /// The error message for `text`, which must fail to parse.
    fn error(text: &str) -> String {
        match parse(text, "bad.tsv") {
            Ok(deck) => panic!("expected an error, parsed {deck:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_questions_and_answers() {
        let deck = deck(
            "(b) Why do plants need light? [4]\tFor photosynthesis.\n\
             \n\
             What is osmosis?\tThe movement of water across a membrane.\n",
        );
        assert_eq!(deck.title, "biology");
        assert_eq!(deck.cards.len(), 2);
        let first = &deck.cards[0];
        assert_eq!((first.number, first.id.as_str(), first.line), (1, "1", 1));
        assert_eq!(first.part.as_deref(), Some("b"));
        assert_eq!(first.question, "Why do plants need light?");
        assert_eq!(first.max, Some(4));
        assert_eq!(first.answer, "For photosynthesis.");
        let second = &deck.cards[1];
        assert_eq!((second.id.as_str(), second.line), ("2", 3));
        assert_eq!((second.part.as_ref(), second.max), (None, None));
    }

    #[test]
    fn skips_anki_headers_and_extra_columns() {
        let deck = deck(
            "#separator:tab\n#html:true\n#tags column:3\n\
             What is ATP?\tThe cell's energy carrier.\tbiology cells\n",
        );
        assert_eq!(deck.cards.len(), 1);
        assert_eq!(deck.cards[0].answer, "The cell's energy carrier.");
        assert_eq!(deck.cards[0].line, 4);
    }

    #[test]
    fn honours_anki_column_and_deck_headers() {
        let deck = deck(
            "#separator:tab\n#guid column:1\n#deck:Biology::Cells\n\
             Ab3$x\tWhat is ATP?\tThe cell's energy carrier.\n",
        );
        assert_eq!(deck.title, "Biology::Cells");
        assert_eq!(deck.cards[0].question, "What is ATP?");
        assert_eq!(deck.cards[0].answer, "The cell's energy carrier.");
    }

    #[test]
    fn other_separators_are_an_error() {
        let e = error("#separator:Comma\nWhat?,That.\n");
        assert!(e.starts_with("bad.tsv:1:"), "{e}");
        assert!(e.contains("unsupported separator `Comma`"), "{e}");
    }

    #[test]
    fn line_without_a_tab_is_an_error() {
        let e = error("#html:false\n\nOne?\tYes.\n\nTwo? No.\n");
        assert_eq!(
            e,
            "bad.tsv:5: expected `question<TAB>answer` but the line has no tab"
        );
    }

    #[test]
    fn empty_question_or_answer_is_an_error() {
        let e = error("One?\tYes.\n [4]\tNo.\n");
        assert_eq!(e, "bad.tsv:2: card 2: the question is empty");
        let e = error("One?\tYes.\nTwo?\t<br>\n");
        assert_eq!(e, "bad.tsv:2: card 2: the answer is empty");
    }

    #[test]
    fn quoted_fields_hold_tabs_newlines_and_quotes() {
        let deck = deck(
            "\"Why is it called \"\"light\"\"?\"\t\"First line\n\tsecond\tline\"\ttag\n\
             Next?\tYes.\n",
        );
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[0].question, "Why is it called \"light\"?");
        assert_eq!(deck.cards[0].answer, "First line\nsecond\tline");
        assert_eq!(deck.cards[1].line, 3);
    }

    #[test]
    fn quote_followed_by_text_is_literal() {
        let deck = deck("\"Hello\" is a greeting?\tYes, \"hello\".\n");
        assert_eq!(deck.cards[0].question, "\"Hello\" is a greeting?");
        assert_eq!(deck.cards[0].answer, "Yes, \"hello\".");
    }

    #[test]
    fn unterminated_quote_is_an_error() {
        let e = error("One?\tYes.\nTwo?\t\"No\nmore\n");
        assert!(
            e.starts_with("bad.tsv:2:6: this quoted field has no closing"),
            "{e}"
        );
    }

    #[test]
    fn html_becomes_text() {
        let deck = deck(
            "What is <b>ATP</b>?\tAn energy&nbsp;store<br>made &amp; used<br/>in cells\
             <div>R&amp;D: &lt;b&gt; &#8217;&#x2019; &bogus; a < b</div>\n",
        );
        let card = &deck.cards[0];
        assert_eq!(card.question, "What is ATP?");
        assert_eq!(
            card.answer,
            "An energy store\nmade & used\nin cells\nR&D: <b> \u{2019}\u{2019} &bogus; a < b"
        );
    }

    #[test]
    fn html_false_keeps_markup() {
        let deck = deck("#html:false\nIs <b> bold?\tYes &amp; no.\n");
        assert_eq!(deck.cards[0].question, "Is <b> bold?");
        assert_eq!(deck.cards[0].answer, "Yes &amp; no.");
    }

    #[test]
    fn crlf_matches_lf() {
        let lf = "#separator:tab\nOne?\t\"Yes\nindeed\"\nTwo?\tNo.\n";
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(deck(&crlf), deck(lf));
        assert_eq!(deck(lf).cards[0].answer, "Yes\nindeed");
        assert_eq!(deck(&crlf).cards[1].line, 4);
    }

    #[test]
    fn hash_lines_after_cards_are_comments_or_cards() {
        let deck = deck("One?\tYes.\n# a comment\n#1 rule?\tBe kind.\n");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[1].question, "#1 rule?");
    }

    #[test]
    fn title_falls_back() {
        let deck = parse("One?\tYes.\n", "").expect("parses");
        assert_eq!(deck.title, "Untitled deck");
    }

    #[test]
    fn sample_deck_parses() {
        let deck = parse(
            include_str!("../../tests/data/decks/sample.tsv"),
            "tests/data/decks/sample.tsv",
        )
        .expect("the sample parses");
        assert_eq!(deck.title, "sample");
        assert_eq!(deck.cards.len(), 3);
        assert!(
            deck.cards
                .iter()
                .all(|c| c.max.is_some() && c.part.is_some())
        );
    }
}
