//! Spreadsheet safety for CSV cells. A cell that starts with `=`, `+`, `-`
//! or `@` is read as a formula by Excel, LibreOffice and Google Sheets
//! (and a leading tab or carriage return can hide one), so a student's
//! answer or name could run a formula in the teacher's spreadsheet. Such
//! cells get a leading apostrophe, which spreadsheets show as text.

use std::borrow::Cow;

/// Whether a spreadsheet could read a cell starting with `c` as a formula.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// The cell as a spreadsheet will show it as text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if is_trigger(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for cell in ["Stalin was General Secretary", "", "3", "a=b", "'quoted"] {
            assert!(matches!(neutralise(cell), Cow::Borrowed(_)), "{cell}");
        }
    }
}
