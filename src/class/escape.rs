//! HTML escaping: every piece of text that reaches a report page (student
//! names, answers, quotes, questions, hints) passes through [`html`], so an
//! answer holding `<script>` or `<img onerror=…>` shows as text and runs
//! nothing.

use std::borrow::Cow;

/// Escapes text for HTML element content and double- or single-quoted
/// attribute values.
pub fn html(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '>', '&', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            html("<img src=x onerror=\"alert(1)\"> & 'q'"),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;"
        );
        assert!(matches!(html("plain words"), Cow::Borrowed(_)));
    }
}
