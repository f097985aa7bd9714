//! Splitting a model answer into the claims a rubric credits: one per
//! bullet or numbered line, per sentence, per clause joined by "and"/";"
//! when each clause says something of its own, and per item of a short
//! list ("Abstraction and reusability."). A model answer whose wordings
//! are separated by `|` ("speech | religion | the press") lists accepted
//! variants of one claim.

use crate::text::tokenize;

/// One thing the model answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The claim as written, without its bullet or number.
    pub text: String,
    /// Accepted wordings, when the model answer lists them with `|`
    /// (empty otherwise).
    pub variants: Vec<String>,
    /// The line of the model answer it comes from (1-based).
    pub line: usize,
}

/// Leading bullets and numbering: "•", "-", "*", "1.", "2)", "(a)", "b)".
fn strip_marker(line: &str) -> &str {
    let t = line.trim();
    for bullet in ["•", "-", "*", "–", "—", "·", "‣", "○", "▪"] {
        if let Some(rest) = t.strip_prefix(bullet)
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    let inner = t.strip_prefix('(').unwrap_or(t);
    let label_len = inner
        .chars()
        .take_while(char::is_ascii_digit)
        .map(char::len_utf8)
        .sum::<usize>();
    let label_len = if label_len == 0 {
        // A single letter label: "a)", "(b)", "c."
        inner
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map_or(0, char::len_utf8)
    } else {
        label_len
    };
    if label_len > 0 {
        let after = &inner[label_len..];
        if let Some(rest) = after.strip_prefix(['.', ')', ':'])
            && rest.starts_with(char::is_whitespace)
            && (label_len > 1
                || inner[..label_len].chars().all(|c| c.is_ascii_digit())
                || after.starts_with(')'))
        {
            return rest.trim_start();
        }
    }
    t
}

/// Words of `text` (folded), for counting.
fn words(text: &str) -> Vec<String> {
    tokenize(text)
        .tokens
        .iter()
        .map(|t| t.norm().to_string())
        .collect()
}

/// Splits `text` at `seps` (outside parentheses), trimming the pieces.
fn split_outside_parens<'t>(text: &'t str, seps: &[&str]) -> Vec<&'t str> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            _ => {}
        }
        if depth == 0
            && let Some(sep) = seps.iter().find(|s| text[i..].starts_with(**s))
        {
            pieces.push(text[start..i].trim());
            i += sep.len();
            start = i;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    pieces.push(text[start..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Splits a sentence into clauses or list items that each stand alone;
/// `key_count` counts a piece's key words.
fn split_sentence(sentence: &str, key_count: &dyn Fn(&str) -> usize) -> Vec<String> {
    let mut out = Vec::new();
    for part in split_outside_parens(sentence, &["; "]) {
        // A short list of items: "Abstraction and reusability."
        let items = split_outside_parens(part, &[", and ", ", or ", ", ", " and ", " or "]);
        let short_list = items.len() >= 2
            && items
                .iter()
                .all(|p| words(p).len() <= 5 && key_count(p) >= 1);
        // Clauses that each make a point of their own.
        let clauses = split_outside_parens(
            part,
            &[
                ", and ",
                ", but ",
                ", while ",
                ", whereas ",
                " and ",
                " but ",
            ],
        );
        let own_clauses = clauses.len() >= 2 && clauses.iter().all(|c| key_count(c) >= 2);
        if short_list {
            out.extend(items.iter().map(|s| tidy(s)));
        } else if own_clauses {
            out.extend(clauses.iter().map(|s| tidy(s)));
        } else {
            out.push(tidy(part));
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Trims a claim's trailing full stop and surrounding space.
fn tidy(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string()
}

/// The claims of a model answer. `key_count` says how many key words (not
/// function words, not the question's own words) a piece of text holds.
pub fn claims(answer: &str, key_count: &dyn Fn(&str) -> usize) -> Vec<Claim> {
    let flat = answer.trim();
    if flat.contains(" | ") || flat.contains('|') && !flat.contains('\n') {
        let variants: Vec<String> = flat
            .split('|')
            .map(tidy)
            .filter(|v| !v.is_empty())
            .collect();
        if let Some(first) = variants.first() {
            return vec![Claim {
                text: first.clone(),
                variants,
                line: 1,
            }];
        }
    }
    let mut out = Vec::new();
    for (n, raw) in answer.lines().enumerate() {
        let line = strip_marker(raw);
        if line.is_empty() || line.ends_with(':') && words(line).len() <= 8 {
            // A heading: its lines below make the claims.
            continue;
        }
        let toks = tokenize(line);
        for s in 0..toks.sentences.len() {
            let sentence = toks.sentence_text(line, s);
            for text in split_sentence(sentence, key_count) {
                if key_count(&text) > 0 || words(&text).len() >= 2 {
                    out.push(Claim {
                        text,
                        variants: Vec::new(),
                        line: n + 1,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::derive::words::is_stop_word;

    fn keys(text: &str) -> usize {
        words(text).iter().filter(|w| !is_stop_word(w)).count()
    }

    fn texts(answer: &str) -> Vec<String> {
        claims(answer, &keys).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn bullets_numbers_and_sentences() {
        assert_eq!(
            texts("• Stalin was General Secretary.\n2. Trotsky missed the funeral. He was ill."),
            vec![
                "Stalin was General Secretary",
                "Trotsky missed the funeral",
                "He was ill"
            ]
        );
        assert_eq!(texts("(a) Lenin died in 1924"), vec!["Lenin died in 1924"]);
        assert_eq!(texts("Causes:\n- famine"), vec!["famine"]);
    }

    #[test]
    fn short_lists_and_own_clauses_split() {
        assert_eq!(
            texts("Abstraction and reusability."),
            vec!["Abstraction", "reusability"]
        );
        assert_eq!(
            texts("Data members (attributes) and member functions."),
            vec!["Data members (attributes)", "member functions"]
        );
        assert_eq!(
            texts("The purges removed rivals and the show trials spread terror"),
            vec!["The purges removed rivals", "the show trials spread terror"]
        );
        // "and" inside one idea stays whole.
        assert_eq!(
            texts("A location in memory that can store a value."),
            vec!["A location in memory that can store a value"]
        );
    }

    #[test]
    fn bar_separated_wordings_are_one_claim() {
        let c = claims("speech | religion | petition the government", &keys);
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].variants,
            vec!["speech", "religion", "petition the government"]
        );
    }
}
