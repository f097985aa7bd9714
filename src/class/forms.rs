//! Reading the columns of a Google Forms or Microsoft Forms export: which
//! hold answers to the deck's cards (the header is the question, matched as
//! `mark` matches question text), which say who the student is (name,
//! e-mail, timestamp and the like), and which match nothing and are
//! skipped.

use crate::deck::Deck;
use crate::text::fold_question;

/// What one column of a forms export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Answers to the card at this index in the deck.
    Card(usize),
    /// The student's full name.
    Name,
    FirstName,
    LastName,
    /// An e-mail address or account name.
    Email,
    /// When the form was sent: read, not used to identify the student.
    Timestamp,
    /// The response's number (Microsoft Forms' `ID`): names a row whose
    /// student gave no name, as an anonymous form's rows are.
    Response,
    /// Matches no card and identifies nobody: reported and skipped.
    Unmatched,
}

/// What a column header holds: identity headers first, then a card by
/// number, id or question text.
pub fn classify(header: &str, deck: &Deck) -> Column {
    let folded = fold_question(header.trim_start_matches('\u{feff}'));
    match folded.as_str() {
        "name" | "full name" | "your name" | "student" | "student name" | "pupil"
        | "pupil name" | "name of student" | "candidate" | "candidate name" => Column::Name,
        "first name" | "given name" | "forename" => Column::FirstName,
        "last name" | "surname" | "family name" => Column::LastName,
        "email" | "email address" | "e mail" | "e mail address" | "username" | "user name" => {
            Column::Email
        }
        "timestamp" | "start time" | "completion time" | "last modified time" | "submitted"
        | "submitted at" | "date" => Column::Timestamp,
        "id" | "response id" | "response number" | "respondent id" => Column::Response,
        _ => match deck.find(header) {
            Ok(card) if !folded.is_empty() => Column::Card(card.number - 1),
            _ => Column::Unmatched,
        },
    }
}

/// Who wrote a row: the name (or first and last names), else the e-mail
/// address, else "response N" from the response's number, else `None`.
/// "anonymous", which an anonymous Microsoft Form puts for every e-mail and
/// name, names nobody.
pub fn student<'a>(columns: &[Column], cells: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let (mut name, mut first, mut last, mut email, mut response) = (None, None, None, None, None);
    for (col, cell) in columns.iter().zip(cells) {
        let cell = cell.trim();
        if cell.is_empty() || cell.eq_ignore_ascii_case("anonymous") {
            continue;
        }
        let slot = match col {
            Column::Name => &mut name,
            Column::FirstName => &mut first,
            Column::LastName => &mut last,
            Column::Email => &mut email,
            Column::Response => &mut response,
            _ => continue,
        };
        slot.get_or_insert(cell);
    }
    let joined = match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l).map(str::to_string),
    };
    name.map(str::to_string)
        .or(joined)
        .or(email.map(str::to_string))
        .or(response.map(|n| format!("response {n}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck() -> Deck {
        Deck::parse(crate::builtin::DECK, crate::builtin::DECK_NAME).unwrap()
    }

    #[test]
    fn headers_match_cards_like_mark_does() {
        let d = deck();
        assert_eq!(
            classify(
                "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]",
                &d
            ),
            Column::Card(0)
        );
        assert_eq!(
            classify(
                "WHY WERE SOME BOLSHEVIKS SUSPICIOUS OF TROTSKY\u{2019}S QUALITIES AS A POTENTIAL LEADER",
                &d
            ),
            Column::Card(3)
        );
        assert_eq!(classify("3", &d), Column::Card(2));
        assert_eq!(classify("Email Address", &d), Column::Email);
        assert_eq!(classify("\u{feff}Timestamp", &d), Column::Timestamp);
        assert_eq!(classify("Completion time", &d), Column::Timestamp);
        assert_eq!(classify("Full name", &d), Column::Name);
        assert_eq!(classify("Favourite colour", &d), Column::Unmatched);
        assert_eq!(classify("", &d), Column::Unmatched);
    }

    #[test]
    fn the_student_is_the_name_else_the_email() {
        use Column::*;
        let cols = [Timestamp, Email, FirstName, LastName, Card(0)];
        assert_eq!(
            student(&cols, ["t", "a@b.c", "Ann", "Lee", "x"]).as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            student(&cols, ["t", "a@b.c", " ", "", "x"]).as_deref(),
            Some("a@b.c")
        );
        assert_eq!(student(&cols, ["t", "", "", "", "x"]), None);
    }

    #[test]
    fn an_anonymous_forms_row_is_named_by_its_response_number() {
        let d = deck();
        let headers = ["ID", "Start time", "Email", "Name", "Why did Trotsky lose?"];
        let cols: Vec<Column> = headers.iter().map(|h| classify(h, &d)).collect();
        assert_eq!(cols[0], Column::Response);
        assert_eq!(
            student(&cols, ["7", "t", "anonymous", "", "x"]).as_deref(),
            Some("response 7")
        );
        assert_eq!(
            student(&cols, ["8", "t", "ann@school.org", "Anonymous", "x"]).as_deref(),
            Some("ann@school.org")
        );
    }
}
