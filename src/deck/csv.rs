//! Reads a comma-separated deck, `question,answer` a row, as Quizlet and a
//! Google Sheets "Download → CSV" export it: RFC 4180 quoting (cells that
//! hold commas, quotes or line breaks), CRLF line ends and a UTF-8
//! byte-order mark, with or without a header row.
//!
//! The first row is a header when it names both a question column
//! (`Question`, `Term`, `Front`…) and an answer column (`Answer`,
//! `Definition`, `Back`…); it may name an `ID` column too, whose cells
//! become the cards' ids, and other columns it names (tags, notes) are
//! ignored. Without a header a row is a question and an answer and nothing
//! more but empty cells: a third cell is likelier a comma left unquoted in
//! the text than a column, so it is an error saying how to fix either,
//! never text silently dropped or joined.
//!
//! The csv crate reads the cells. It forgives a quote left unclosed by
//! reading on past the end of its row, which would merge several cards
//! into one, and the line it gives a row is off after CRLF line ends and
//! blank lines, so the text is first walked once ([`rows`]) to check the
//! quoting and find the line each row starts on.

use super::{Card, Deck, split_question, tidy_answer, title_from_file};
use crate::error::DeckError;
use crate::text::fold_question;

/// Header names of the question column, as [`fold_question`] folds them.
const QUESTION_NAMES: [&str; 6] = ["question", "questions", "term", "front", "prompt", "q"];
/// Header names of the answer column.
const ANSWER_NAMES: [&str; 7] = [
    "answer",
    "answers",
    "model answer",
    "definition",
    "meaning",
    "back",
    "a",
];
/// Header names of the id column.
const ID_NAMES: [&str; 3] = ["id", "card id", "card"];

/// Parses a comma-separated deck. `file` is used in error messages and for
/// the title.
pub(super) fn parse(text: &str, file: &str) -> Result<Deck, DeckError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let starts = rows(text, file)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut columns: Option<Columns> = None;
    let mut cards = Vec::new();
    // The csv crate places a row at or before its first byte (at the line
    // end before it, before blank lines), after the row before it.
    let line_at = |position: Option<&::csv::Position>| {
        let byte = position.map_or(0, |p| p.byte() as usize);
        let i = starts.partition_point(|&(start, _)| start < byte);
        starts.get(i).map_or(0, |&(_, line)| line)
    };
    for row in reader.records() {
        let row = row.map_err(|e| DeckError::at(file, line_at(e.position()), 0, e.to_string()))?;
        let line = line_at(row.position());
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let columns = match &columns {
            Some(columns) => columns,
            None => {
                let found = Columns::header(&row, line, file)?;
                let is_header = found.is_some();
                let columns = columns.insert(found.unwrap_or_default());
                if is_header {
                    continue;
                }
                columns
            }
        };
        let cells: Vec<&str> = row.iter().collect();
        cards.push(card(&cells, columns, cards.len() + 1, line, file)?);
    }
    Ok(Deck {
        title: title_from_file(file),
        cards,
    })
}

/// Whether text shows itself comma-separated: its first row is a header
/// naming a question and an answer column.
pub(super) fn shows_itself(text: &str) -> bool {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut row = ::csv::StringRecord::new();
    matches!(reader.read_record(&mut row), Ok(true))
        && matches!(Columns::header(&row, 1, ""), Ok(Some(_)))
}

/// Which cells of a row hold what.
#[derive(Debug)]
struct Columns {
    question: usize,
    answer: usize,
    id: Option<usize>,
    /// The header's cells, when there is one, to name columns in messages.
    header: Option<Vec<String>>,
}

impl Default for Columns {
    /// The columns of a file without a header: question, then answer.
    fn default() -> Self {
        Columns {
            question: 0,
            answer: 1,
            id: None,
            header: None,
        }
    }
}

impl Columns {
    /// The columns `row`, the first on `line`, names, if it is a header:
    /// `None` when it names no question column or no answer column.
    fn header(
        row: &::csv::StringRecord,
        line: usize,
        file: &str,
    ) -> Result<Option<Columns>, DeckError> {
        let names: Vec<String> = row.iter().map(fold_question).collect();
        let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
        let (Some(question), Some(answer)) = (find(&QUESTION_NAMES), find(&ANSWER_NAMES)) else {
            return Ok(None);
        };
        if question == answer {
            return Err(DeckError::at(
                file,
                line,
                0,
                "the header names one column for both the question and the answer",
            ));
        }
        Ok(Some(Columns {
            question,
            answer,
            id: find(&ID_NAMES),
            header: Some(row.iter().map(|c| c.trim().to_string()).collect()),
        }))
    }

    /// The columns a card is read from, for a message: "Question, Answer"
    /// or "question, answer".
    fn named(&self) -> String {
        match &self.header {
            Some(header) => {
                let mut used = vec![self.question, self.answer];
                used.extend(self.id);
                used.sort_unstable();
                let names: Vec<&str> = used.iter().map(|&i| header[i].as_str()).collect();
                names.join(", ")
            }
            None => "question, answer".to_string(),
        }
    }
}

/// Builds card `number`, the row on `line`, from its cells.
fn card(
    cells: &[&str],
    columns: &Columns,
    number: usize,
    line: usize,
    file: &str,
) -> Result<Card, DeckError> {
    let fail = |message: String| DeckError::at(file, line, 0, message);
    let needed = columns
        .question
        .max(columns.answer)
        .max(columns.id.unwrap_or(0))
        + 1;
    if cells.len() < needed {
        let raw_hint = if cells.len() == 1 {
            separator_hint(cells[0])
        } else {
            String::new()
        };
        return Err(fail(format!(
            "the row has {} where a card has {needed} ({}); is a comma missing?{raw_hint}",
            cell_count(cells.len()),
            columns.named()
        )));
    }
    let width = columns.header.as_ref().map_or(2, Vec::len);
    let used = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    if used > width {
        let has = cell_count(used);
        return Err(fail(match &columns.header {
            Some(_) => format!(
                "the row has {has} but the header names {width} columns; put a cell that holds \
                 a comma in quotes (\"…, …\")"
            ),
            None => format!(
                "the row has {has} where a card has 2 (question, answer); put a cell that holds \
                 a comma in quotes (\"…, …\"), or give the file a header row naming its \
                 columns (Question,Answer,…)"
            ),
        }));
    }
    let id = match columns.id {
        Some(i) => match cells[i].trim() {
            "" => return Err(fail(format!("card {number}: its id cell is empty"))),
            id => id.to_string(),
        },
        None => number.to_string(),
    };
    let question = cells[columns.question]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (part, question, max) = split_question(&question);
    if question.is_empty() {
        return Err(fail(format!("card {number}: the question is empty")));
    }
    let answer = tidy_answer(cells[columns.answer].lines());
    if answer.is_empty() {
        return Err(fail(format!("card {number}: the answer is empty")));
    }
    Ok(Card {
        number,
        id,
        part,
        question,
        max,
        answer,
        line,
    })
}

/// "1 cell", "3 cells".
fn cell_count(n: usize) -> String {
    if n == 1 {
        "1 cell".to_string()
    } else {
        format!("{n} cells")
    }
}

/// What to say of a row read as one cell that holds another separator.
fn separator_hint(cell: &str) -> String {
    if cell.contains('\t') {
        " (it holds a tab: a tab-separated file is read as one when named .tsv)".to_string()
    } else if cell.contains(';') {
        " (it holds a `;`: save the file with commas between cells)".to_string()
    } else {
        String::new()
    }
}

/// Where a cell stands while the quoting is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    Start,
    /// In a cell that did not open with a quote.
    Bare,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote in a quoted cell: a doubled quote or the end.
    QuoteSeen,
}

/// Walks the text as the csv crate reads it and returns where each row
/// starts, as (byte offset, line). Fails on quoting the crate would read
/// past silently: a quoted cell never closed (the rest of the file read as
/// one cell), or one that runs over lines and has text after its closing
/// quote (likely unclosed, its "closing" quote the opening one of a later
/// cell, and the rows between read into it). Text after the closing quote
/// of a cell on one line merges no rows and is kept, as the crate keeps it.
fn rows(text: &str, file: &str) -> Result<Vec<(usize, usize)>, DeckError> {
    let mut starts = Vec::new();
    let (mut line, mut line_start) = (1, 0);
    let mut opened = (1, 1);
    let mut state = State::Start;
    let mut in_row = false;
    for (i, c) in text.char_indices() {
        let ends_row = matches!(c, '\n' | '\r');
        let ends_cell = ends_row || c == ',';
        if !in_row && !ends_row {
            starts.push((i, line));
            in_row = true;
        }
        state = match (state, c) {
            (State::Start, '"') => {
                opened = (line, text[line_start..i].chars().count() + 1);
                State::Quoted
            }
            (State::Start | State::Bare, _) if ends_cell => State::Start,
            (State::Start | State::Bare, _) => State::Bare,
            (State::Quoted, '"') => State::QuoteSeen,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteSeen, '"') => State::Quoted,
            (State::QuoteSeen, _) if ends_cell => State::Start,
            (State::QuoteSeen, _) if line > opened.0 => {
                return Err(DeckError::at(
                    file,
                    opened.0,
                    opened.1,
                    format!(
                        "this quoted cell closes on line {line} with text after its closing \
                         quote, so a quote is likely unclosed and lines {}–{line} would be read \
                         as one cell; close it (a quote inside a quoted cell is written `\"\"`)",
                        opened.0
                    ),
                ));
            }
            (State::QuoteSeen, _) => State::Bare,
        };
        if ends_row && state == State::Start {
            in_row = false;
        }
        if c == '\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    if state == State::Quoted {
        return Err(DeckError::at(
            file,
            opened.0,
            opened.1,
            "this quoted cell is never closed, so the rest of the file would be read as one \
             cell; close it (a quote inside a quoted cell is written `\"\"`)",
        ));
    }
    Ok(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(text: &str) -> Deck {
        parse(text, "decks/history.csv").expect("the deck parses")
    }

    /// The error message for `text`, which must fail to parse.
    fn error(text: &str) -> String {
        match parse(text, "bad.csv") {
            Ok(deck) => panic!("expected an error, parsed {deck:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_rows_without_a_header() {
        let deck = deck(
            "(b) Why did the League of Nations fail? [6],The USA never joined.\n\
             What was the Treaty of Versailles?,The peace treaty of 1919.\n",
        );
        assert_eq!(deck.title, "history");
        assert_eq!(deck.cards.len(), 2);
        let first = &deck.cards[0];
        assert_eq!((first.number, first.id.as_str(), first.line), (1, "1", 1));
        assert_eq!(first.part.as_deref(), Some("b"));
        assert_eq!(first.question, "Why did the League of Nations fail?");
        assert_eq!(first.max, Some(6));
        assert_eq!(first.answer, "The USA never joined.");
        assert_eq!((deck.cards[1].id.as_str(), deck.cards[1].line), ("2", 2));
    }

    #[test]
    fn a_header_row_names_the_columns_in_any_order() {
        for header in [
            "Question,Answer",
            "Term,Definition",
            "front,back",
            "QUESTION , Model answer",
        ] {
            let deck = deck(&format!("{header}\nWhy?,Because.\n"));
            assert_eq!(deck.cards.len(), 1, "{header}");
            assert_eq!(deck.cards[0].line, 2, "{header}");
        }
        let deck = deck("Definition,Term\nBecause.,Why?\n");
        assert_eq!(deck.cards[0].question, "Why?");
        assert_eq!(deck.cards[0].answer, "Because.");
    }

    #[test]
    fn an_id_column_names_the_cards_and_other_named_columns_are_ignored() {
        let deck = deck(
            "ID,Question,Answer,Tags\n\
             league,Why did the League fail?,The USA never joined.,interwar\n\
             versailles,What was Versailles?,The 1919 treaty.,\n",
        );
        let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["league", "versailles"]);
        assert_eq!(deck.cards[0].answer, "The USA never joined.");
        assert_eq!(deck.find("versailles").unwrap().number, 2);
        assert_eq!(deck.find("2").unwrap().id, "versailles");
        assert_eq!(deck.find("why did the league fail").unwrap().number, 1);
    }

    #[test]
    fn quoted_cells_hold_commas_quotes_and_line_breaks() {
        let deck = deck(
            "\"Why, in 1923, was there \"\"hyperinflation\"\"?\",\"Germany printed money.\n\
             \n\
             Prices doubled, then doubled again.\"\n\
             Next?,Yes.\n",
        );
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(
            deck.cards[0].question,
            "Why, in 1923, was there \"hyperinflation\"?"
        );
        assert_eq!(
            deck.cards[0].answer,
            "Germany printed money.\n\nPrices doubled, then doubled again."
        );
        assert_eq!(deck.cards[1].line, 4);
    }

    #[test]
    fn crlf_and_a_byte_order_mark_read_as_plain_lf() {
        let lf = "Question,Answer\nOne?,\"Yes\nindeed\"\nTwo?,No.\n";
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        assert_eq!(deck(&crlf), deck(lf));
        assert_eq!(deck(lf).cards[0].answer, "Yes\nindeed");
        assert_eq!(deck(&crlf).cards[1].line, 4);
    }

    #[test]
    fn blank_rows_and_trailing_empty_cells_are_skipped() {
        let deck = deck("One?,Yes.,,\n,,\n\nTwo?,No.,\n");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[1].line, 4);
    }

    #[test]
    fn a_third_cell_without_a_header_is_an_error_saying_how_to_fix_it() {
        let e = error("One?,Yes.\nTwo?,No, never.\n");
        assert_eq!(
            e,
            "bad.csv:2: the row has 3 cells where a card has 2 (question, answer); put a cell \
             that holds a comma in quotes (\"…, …\"), or give the file a header row naming its \
             columns (Question,Answer,…)"
        );
    }

    #[test]
    fn a_cell_beyond_the_header_is_an_error() {
        let e = error("Question,Answer\nOne?,Yes.\nTwo?,No, never.\n");
        assert!(
            e.starts_with("bad.csv:3: the row has 3 cells but the header names 2 columns"),
            "{e}"
        );
    }

    #[test]
    fn a_row_without_a_comma_is_an_error() {
        let e = error("One?,Yes.\nTwo? No.\n");
        assert_eq!(
            e,
            "bad.csv:2: the row has 1 cell where a card has 2 (question, answer); is a comma \
             missing?"
        );
        let e = error("ID,Question,Answer\n1,Why?\n");
        assert!(
            e.starts_with(
                "bad.csv:2: the row has 2 cells where a card has 3 (ID, Question, Answer)"
            ),
            "{e}"
        );
        let e = error("One?\tYes.\n");
        assert!(
            e.ends_with("(it holds a tab: a tab-separated file is read as one when named .tsv)"),
            "{e}"
        );
        let e = error("One?;Yes.\n");
        assert!(e.contains("it holds a `;`"), "{e}");
    }

    #[test]
    fn empty_question_answer_or_id_is_an_error() {
        assert_eq!(
            error("One?,Yes.\n [4],No.\n"),
            "bad.csv:2: card 2: the question is empty"
        );
        assert_eq!(
            error("One?,Yes.\nTwo?, \n"),
            "bad.csv:2: card 2: the answer is empty"
        );
        assert_eq!(
            error("id,question,answer\na,One?,Yes.\n ,Two?,No.\n"),
            "bad.csv:3: card 2: its id cell is empty"
        );
    }

    #[test]
    fn an_unclosed_quote_is_placed_where_it_opens() {
        let e = error("One?,Yes.\nTwo?,\"No\nThree?,Maybe.\n");
        assert!(
            e.starts_with("bad.csv:2:6: this quoted cell is never closed"),
            "{e}"
        );
        let e = error("One?,\"Yes\nTwo?,\"No, never.\"\n");
        assert!(
            e.starts_with(
                "bad.csv:1:6: this quoted cell closes on line 2 with text after its closing quote"
            ),
            "{e}"
        );
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_text() {
        let deck = deck("Who said \"peace\"?,Chamberlain \"in our time\".\n");
        assert_eq!(deck.cards[0].question, "Who said \"peace\"?");
        assert_eq!(deck.cards[0].answer, "Chamberlain \"in our time\".");
    }

    #[test]
    fn a_header_shows_the_format_and_a_headerless_file_does_not() {
        assert!(shows_itself("Term,Definition\nWhy?,Because.\n"));
        assert!(shows_itself("\"Question\",\"Answer\"\r\n"));
        assert!(!shows_itself("Why?,Because.\n"));
        assert!(!shows_itself("Question\n"));
        assert!(!shows_itself(""));
    }

    proptest::proptest! {
        /// Whatever the cells hold, a deck written by the csv crate reads
        /// back as its cards.
        #[test]
        fn a_deck_written_by_the_csv_crate_reads_back(
            rows in proptest::collection::vec(("[a-zA-Z ,\"\n\r?]{0,20}", "[a-zA-Z ,\"\n.]{0,30}"), 1..6),
            header in proptest::bool::ANY,
        ) {
            let mut writer = ::csv::Writer::from_writer(Vec::new());
            if header {
                writer.write_record(["Question", "Answer"]).unwrap();
            }
            let mut expected = Vec::new();
            for (q, a) in &rows {
                let question = q.split_whitespace().collect::<Vec<_>>().join(" ");
                let answer = tidy_answer(a.lines());
                let looks_a_header = QUESTION_NAMES.contains(&fold_question(q).as_str())
                    && ANSWER_NAMES.contains(&fold_question(a).as_str());
                if question.is_empty() || answer.is_empty()
                    || (!header && expected.is_empty() && looks_a_header) {
                    continue;
                }
                writer.write_record([q, a]).unwrap();
                expected.push((split_question(&question).1, answer));
            }
            proptest::prop_assume!(!expected.is_empty());
            let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            let deck = parse(&text, "p.csv").unwrap();
            let read: Vec<(String, String)> =
                deck.cards.into_iter().map(|c| (c.question, c.answer)).collect();
            proptest::prop_assert_eq!(read, expected);
        }
    }
}
