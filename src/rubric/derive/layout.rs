//! How a drafted rubric is written out: `serde_json`'s pretty JSON (fields
//! in the order the rubric types declare them, one a line), but with each
//! list of terms or sentences on one line, and so an `all` group of terms
//! a line, where the pretty printer gives each term a line of its own. A
//! draft holds thousands of short terms, so this makes it easier to read
//! and a good third smaller, which keeps more drafts within the size the
//! rubric loader reads (see [`super::derive_deck`]).
//!
//! Only line breaks and indentation change: the text reads back as the
//! same rubric (a test pins it).

use crate::rubric::{CardRubric, RubricSet};

/// The rubric as text, ending with a line break.
pub fn render(set: &RubricSet) -> String {
    let mut out = start(&set.deck);
    for (i, card) in set.cards.iter().enumerate() {
        out.push_str(&card_text(card, i == 0));
    }
    out.push_str(END);
    out
}

/// What comes before the cards: the deck's title and the opening of the
/// list of cards.
pub fn start(deck: &str) -> String {
    let title = serde_json::Value::from(deck).to_string();
    format!("{{\n  \"deck\": {title},\n  \"cards\": [")
}

/// A card as it stands in the list of cards: after a comma unless it is
/// the `first`, on lines of its own.
pub fn card_text(card: &CardRubric, first: bool) -> String {
    // A card always serializes: its fields are strings, numbers and lists
    // of them.
    let pretty = serde_json::to_string_pretty(card).unwrap_or_default();
    let mut out = String::with_capacity(pretty.len());
    if !first {
        out.push(',');
    }
    for line in collapse(&pretty).lines() {
        out.push_str("\n    ");
        out.push_str(line);
    }
    out
}

/// What closes the list of cards and the rubric.
pub const END: &str = "\n  ]\n}\n";

/// Puts each list of scalars in pretty JSON on one line.
///
/// In pretty JSON only the line that opens a list ends with `[` (a string
/// ends its line with its closing quote, or a comma after it, and its
/// line breaks are escaped), and only one that closes a list starts with
/// `]`; the lines between an opening and its closing are the list's
/// values, one a line, unless one opens a list or object of its own.
fn collapse(pretty: &str) -> String {
    let lines: Vec<&str> = pretty.lines().collect();
    let mut out = String::with_capacity(pretty.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.ends_with('[') {
            let values = lines[i..]
                .iter()
                .take_while(|l| !l.trim_start().starts_with(']') && !l.ends_with(['[', '{']))
                .count();
            if let Some(close) = lines.get(i + values)
                && close.trim_start().starts_with(']')
            {
                out.push_str(line);
                for (k, value) in lines[i..i + values].iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(value.trim().trim_end_matches(','));
                }
                out.push_str(close.trim_start());
                out.push('\n');
                i += values + 1;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_terms_take_a_line_and_the_text_reads_back_as_the_rubric() {
        let set: RubricSet = serde_json::from_value(serde_json::json!({
            "deck": "Bio \"1\"",
            "cards": [{"card": "1", "question": "Why [not]?", "max": 2, "scheme": "points",
                "points": [{"id": "a", "label": "ends [", "hint": "h",
                    "match": {"any": ["x/y", "z"], "all": [["p", "q"], ["r", "s"]]},
                    "examples": {"match": ["Some x [", "Two,\nlines ]"]}}]},
                {"card": "2", "question": "How?", "max": 1, "scheme": "points",
                "points": [{"id": "b", "label": "l", "hint": "h",
                    "match": [{"any": ["w"]}, {"any": ["v"], "exclude": ["u"]}]}]}]
        }))
        .unwrap();
        let text = render(&set);
        assert_eq!(crate::rubric::parse(&text, "draft.json").unwrap(), set);
        for line in [
            "            \"any\": [\"x/y\", \"z\"],",
            "            \"all\": [",
            "              [\"p\", \"q\"],",
            "              [\"r\", \"s\"]",
            "            \"match\": [\"Some x [\", \"Two,\\nlines ]\"]",
            "          \"label\": \"ends [\",",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "no line {line:?} in\n{text}"
            );
        }
        assert!(text.starts_with("{\n  \"deck\": \"Bio \\\"1\\\"\",\n  \"cards\": [\n    {\n"));
        assert!(text.ends_with("\n    }\n  ]\n}\n"), "{text}");
        // Fields in the order the types declare them, as the pretty printer
        // writes them.
        let at = |field: &str| text.find(field).unwrap();
        assert!(at("\"id\"") < at("\"label\"") && at("\"label\"") < at("\"match\""));
        // Nothing but line breaks and indentation changed.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let pretty = serde_json::to_string_pretty(&set).unwrap();
        assert_eq!(squeeze(&text), squeeze(&pretty));
    }
}
