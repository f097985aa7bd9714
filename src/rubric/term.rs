//! The little language of rubric terms.
//!
//! A term is phrase alternatives separated by `|`; a phrase is words
//! separated by spaces; a word may list alternatives separated by `/`:
//! `"missed/skipped the funeral | wrong date"`. Words are folded and
//! expanded exactly as answer text is (so "didn't" in a term is "did not"),
//! which keeps rubric and answer comparable.

use crate::text::tokenize;

/// One phrase: a sequence of slots, each slot a set of alternative words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub slots: Vec<Vec<String>>,
}

/// Phrase alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub phrases: Vec<Phrase>,
}

fn fold_alternative(alt: &str) -> Vec<String> {
    if !alt.is_empty() && alt.bytes().all(|b| b.is_ascii_alphabetic()) {
        return crate::text::expand(&alt.to_ascii_lowercase());
    }
    tokenize(alt)
        .tokens
        .into_iter()
        .map(|t| t.norm().to_string())
        .collect()
}

/// Parses a term, or says what is wrong with it.
pub fn parse_term(source: &str) -> Result<Term, String> {
    let mut phrases = Vec::new();
    for phrase_src in source.split('|') {
        let mut slots: Vec<Vec<String>> = Vec::new();
        for word in phrase_src.split_whitespace() {
            let alternatives: Vec<&str> = word.split('/').collect();
            if alternatives.len() == 1 {
                let words = fold_alternative(word);
                slots.extend(words.into_iter().map(|w| vec![w]));
                continue;
            }
            let mut slot = Vec::new();
            for alt in alternatives {
                let folded = fold_alternative(alt);
                match folded.as_slice() {
                    [one] => slot.push(one.clone()),
                    [] => return Err(format!("empty alternative in `{word}`")),
                    _ => {
                        return Err(format!(
                            "alternative `{alt}` in `{word}` is more than one word; \
                             use `|` between whole phrases instead"
                        ));
                    }
                }
            }
            slots.push(slot);
        }
        if slots.is_empty() {
            return Err(if source.trim().is_empty() {
                "empty term".to_string()
            } else {
                format!("empty phrase in term `{source}`")
            });
        }
        phrases.push(Phrase { slots });
    }
    Ok(Term { phrases })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_alternatives_at_both_levels() {
        let t = parse_term("missed/skipped the funeral | wrong date").unwrap();
        assert_eq!(t.phrases.len(), 2);
        assert_eq!(t.phrases[0].slots[0], ["missed", "skipped"]);
        assert_eq!(t.phrases[0].slots[2], ["funeral"]);
        assert_eq!(t.phrases[1].slots, [vec!["wrong"], vec!["date"]]);
    }

    #[test]
    fn folds_words_like_answers() {
        let t = parse_term("Lenin’s funeral | didn't attend").unwrap();
        assert_eq!(t.phrases[0].slots, [vec!["lenin"], vec!["funeral"]]);
        assert_eq!(
            t.phrases[1].slots,
            [vec!["did"], vec!["not"], vec!["attend"]]
        );
    }

    #[test]
    fn rejects_empty_pieces() {
        assert!(parse_term("").is_err());
        assert!(parse_term("a | ").is_err());
        assert!(parse_term("a//b").is_err());
        assert!(parse_term("did/didn't go").is_err());
    }
}
