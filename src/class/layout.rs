//! How a folder of answers is laid out, decided from names alone:
//! `answers/<student>/<card>.txt` or `answers/<card>/<student>.txt`, where
//! `<card>` is a card's id or number. Whichever level's names match the
//! deck's cards holds the cards. Any `.txt` or `.md` file may instead name
//! its card on a first `Question:` line. Hidden files and editor backups
//! are not answers.

use crate::deck::Deck;

/// Which level of an answers folder names the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `answers/<student>/<card>.txt`
    StudentCard,
    /// `answers/<card>/<student>.txt`
    CardStudent,
}

/// Whether a file or folder name is no answer at all: hidden (`.name`),
/// or an editor's backup, swap or lock file (`name~`, `.name.swp`,
/// `#name#`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".bak", ".tmp"]
            .iter()
            .any(|ext| ends_with_ignoring_case(name, ext))
}

/// Whether a file name has an answer's extension (`.txt` or `.md`).
pub fn is_answer_file(name: &str) -> bool {
    ends_with_ignoring_case(name, ".txt") || ends_with_ignoring_case(name, ".md")
}

/// Whether `name` ends with `ext` (lower-case ASCII), whatever the case
/// of its letters; compared in place, with no lower-case copy of the name
/// made for each file of a class.
fn ends_with_ignoring_case(name: &str, ext: &str) -> bool {
    let (name, ext) = (name.as_bytes(), ext.as_bytes());
    name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
}

/// A file name without its extension.
pub fn stem(name: &str) -> &str {
    name.rfind('.')
        .filter(|&i| i > 0)
        .map_or(name, |i| &name[..i])
}

/// The index in the deck of the card a name (a folder, or a file's stem)
/// stands for: the card's id, else its number.
pub fn card_named(name: &str, deck: &Deck) -> Option<usize> {
    let n = name.trim();
    deck.cards.iter().position(|c| c.id == n).or_else(|| {
        let number = n.parse::<usize>().ok()?;
        deck.cards.iter().position(|c| c.number == number)
    })
}

/// Chooses the layout from the first-level folder names and the stems of
/// the files inside them: the level with more names that are cards holds
/// the cards. `None` when neither level names a card (the files must then
/// say their card on a `Question:` line).
pub fn choose<'a>(
    folders: impl IntoIterator<Item = &'a str>,
    file_stems: impl IntoIterator<Item = &'a str>,
    deck: &Deck,
) -> Option<Layout> {
    let count = |names: &mut dyn Iterator<Item = &'a str>| {
        let (mut cards, mut all) = (0usize, 0usize);
        for n in names {
            all += 1;
            cards += usize::from(card_named(n, deck).is_some());
        }
        // Compare shares, so a few students named "1" don't flip it.
        (cards, all.max(1))
    };
    let (dir_cards, dirs) = count(&mut folders.into_iter());
    let (file_cards, files) = count(&mut file_stems.into_iter());
    if dir_cards == 0 && file_cards == 0 {
        return None;
    }
    if dir_cards * files > file_cards * dirs {
        Some(Layout::CardStudent)
    } else {
        Some(Layout::StudentCard)
    }
}

/// Splits an answer file that starts with a `Question:` line (blank lines
/// and a byte-order mark before it allowed) into the card it names and the
/// answer after it.
pub fn question_header(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    // The label is checked before the first line's end is looked for:
    // most answers have none, and their first line is a whole paragraph.
    // (A label that matches holds no line break, so it is in the first
    // line.)
    let label = body.get(..9)?;
    if !label.eq_ignore_ascii_case("question:") {
        return None;
    }
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    Some((first[9..].trim(), rest.trim_start_matches(['\r', '\n'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck() -> Deck {
        Deck::parse(crate::builtin::DECK, crate::builtin::DECK_NAME).unwrap()
    }

    #[test]
    fn hidden_files_and_editor_backups_are_ignored() {
        for name in [".DS_Store", "1.txt~", ".1.txt.swp", "#1.txt#", "1.txt.bak"] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["1.txt", "alice", "essay.md"] {
            assert!(!is_ignored(name), "{name}");
        }
        assert!(is_answer_file("A.TXT") && is_answer_file("b.md") && !is_answer_file("c.pdf"));
        assert!(is_ignored("NOTES.BAK") && is_ignored("a.Tmp") && !is_ignored("bak"));
        assert!(is_answer_file("É.Md") && !is_answer_file("md") && !is_answer_file("é"));
        assert_eq!(stem("1.txt"), "1");
        assert_eq!(stem(".hidden"), ".hidden");
    }

    #[test]
    fn the_level_that_names_cards_holds_the_cards() {
        let d = deck();
        assert_eq!(
            choose(["alice", "bob"], ["1", "2", "1"], &d),
            Some(Layout::StudentCard)
        );
        assert_eq!(
            choose(["1", "2"], ["alice", "bob", "alice"], &d),
            Some(Layout::CardStudent)
        );
        // One student is called "3": the files still name the cards.
        assert_eq!(
            choose(["alice", "3"], ["1", "2", "1", "2"], &d),
            Some(Layout::StudentCard)
        );
        assert_eq!(choose(["alice"], ["essay"], &d), None);
    }

    #[test]
    fn a_question_line_names_the_card() {
        assert_eq!(
            question_header("\u{feff}\nQuestion: 3\n\nThe NKVD arrested people."),
            Some(("3", "The NKVD arrested people."))
        );
        assert_eq!(
            question_header("question:   Why were the NKVD feared?\r\nBecause"),
            Some(("Why were the NKVD feared?", "Because"))
        );
        assert_eq!(question_header("The NKVD arrested people."), None);
        assert_eq!(question_header("Q"), None);
        assert_eq!(question_header("Questi\non: 3\nanswer"), None);
        assert_eq!(question_header("Question:"), Some(("", "")));
    }
}
