//! Text made safe to show at a terminal. Student, deck and rubric text,
//! file and folder names and CSV headers reach human output and stderr;
//! a control character among them (an escape sequence in an answer, a
//! carriage return in a file name) would be obeyed by the terminal: retitle
//! the window, move the cursor, recolour or hide what follows. Every such
//! character is shown instead as its code point, `\u{1b}` (as Rust writes
//! it; JSON writes the same character `\u001b`), so the teacher sees that
//! it was there. Machine formats (JSON, JSON Lines, CSV) keep the text
//! exactly, escaped as their formats require, and never pass through here.

use std::borrow::Cow;

/// Whether `c` is shown by its code point: a C0 or C1 control character
/// or DEL, except a new line or tab when `layout` keeps them.
fn hidden(c: char, layout: bool) -> bool {
    c.is_control() && !(layout && matches!(c, '\n' | '\t'))
}

fn shown(text: &str, layout: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c, layout)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c, layout) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` fit for a terminal, its lines and tabs kept: for text laid out
/// over lines (an answer, a model answer, a multi-line message).
pub fn visible(text: &str) -> Cow<'_, str> {
    shown(text, true)
}

/// `text` fit for one line of a terminal: [`visible`], with new lines and
/// tabs shown by their code points too, so a name or a warning stays on
/// its line.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    shown(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_by_their_code_points() {
        assert_eq!(
            visible("Stalin\u{1b}]0;PWNED\u{7} was"),
            "Stalin\\u{1b}]0;PWNED\\u{7} was"
        );
        assert_eq!(visible("a\u{9b}31mb\u{7f}\r"), "a\\u{9b}31mb\\u{7f}\\u{d}");
        assert_eq!(visible("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(visible_line("two\nlines\tand"), "two\\u{a}lines\\u{9}and");
        assert!(matches!(visible("plain — “quoted” é"), Cow::Borrowed(_)));
    }
}
