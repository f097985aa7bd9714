//! Keyword lists. MARKING.md: "a bare list of names and terms is at most
//! identification". A sentence of [`LIST_WORDS`] words or more almost
//! without function words ("villi villi microvilli surface area diffusion
//! capillaries …"), or with a run of [`LIST_RUN`] content words one after
//! another with nothing between them ("Versailles anger Germany
//! reparations war guilt Article 231 diktat humiliation … because of
//! reparations"), or a bulleted line of [`BULLET_WORDS`] words or fewer
//! ("- war guilt clause"), names things; it says nothing of how one led to
//! another. So a connective inside such a sentence links nothing, and
//! the points that only such sentences make count as one between them.
//!
//! Prose, even terse notes, is about a third function words or more; the
//! keyword lists and stuffed answers of the marked sets have under a
//! tenth (measured on the new-topics and built-in development sets: the
//! lowest share in a sentence of ten words or more of any other kind of
//! answer was 0.11, of a note "1922 missed reparations payment ->
//! French/Belgians take Ruhr"). And no other answer of those sets has a
//! run of more than six content words unbroken by a function word or
//! punctuation, where all but one of the stuffed answers have seven or
//! more (the longest twenty-five).

use crate::text::Tokens;

/// The fewest words a sentence needs before it can read as a list: a
/// short one ("high melting point, high density") may be an answer.
pub const LIST_WORDS: usize = 10;

/// The largest share of function words a list has.
pub const LIST_SHARE: f64 = 0.08;

/// The shortest run of content words, with only spaces between them, that
/// makes a sentence a list.
pub const LIST_RUN: usize = 8;

/// The most words a bulleted line has to be a list item: "- reparations
/// £6.6bn", "- diktat, not allowed to negotiate".
pub const BULLET_WORDS: usize = 6;

/// Whether sentence `s` of `text` (tokenised as `tokens`) is a list of
/// key words: a sentence as above, or a short bulleted line.
pub fn is_list(text: &str, tokens: &Tokens, s: usize) -> bool {
    let Some(sentence) = tokens.sentences.get(s) else {
        return false;
    };
    let words = &tokens.tokens[sentence.tokens.clone()];
    if let Some(first) = words.first()
        && words.len() <= BULLET_WORDS
        && bulleted(text, first.start)
    {
        return true;
    }
    let mut function = 0;
    let mut run = 0;
    let mut end = None;
    for t in words {
        let spaced = end.is_some_and(|e: usize| {
            text.get(e..t.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace))
        });
        end = Some(t.end);
        if t.word().function() {
            function += 1;
            run = 0;
            continue;
        }
        run = if spaced { run + 1 } else { 1 };
        if run >= LIST_RUN {
            return true;
        }
    }
    words.len() >= LIST_WORDS && (function as f64) <= LIST_SHARE * words.len() as f64
}

/// Whether the line that byte `at` of `text` is on opens with a bullet
/// ("-", "*", "•", "–") before it, with only spaces around.
fn bulleted(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line = before.rsplit('\n').next().unwrap_or(before).trim();
    matches!(line, "-" | "*" | "•" | "–" | "·")
}

/// Remembers, per sentence, what [`is_list`] said: each sentence is read
/// once however many points or connectives ask about it.
#[derive(Debug, Default)]
pub struct ListSentences {
    known: Vec<Option<bool>>,
}

impl ListSentences {
    /// Whether sentence `s` of `text` (tokenised as `tokens`) is a list.
    pub fn is_list(&mut self, text: &str, tokens: &Tokens, s: usize) -> bool {
        if self.known.len() < tokens.sentences.len() {
            self.known.resize(tokens.sentences.len(), None);
        }
        match self.known.get(s).copied().flatten() {
            Some(known) => known,
            None => {
                let found = is_list(text, tokens, s);
                if let Some(slot) = self.known.get_mut(s) {
                    *slot = Some(found);
                }
                found
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn lists(text: &str) -> Vec<bool> {
        let t = tokenize(text);
        (0..t.sentences.len())
            .map(|s| is_list(text, &t, s))
            .collect()
    }

    #[test]
    fn short_bulleted_lines_are_a_list_and_explained_bullets_are_not() {
        assert_eq!(
            lists(
                "- war guilt clause\n- reparations £6.6bn\n- diktat, not allowed to negotiate\n\
                 * army of 100,000 men"
            ),
            vec![true, true, true, true]
        );
        assert_eq!(
            lists(
                "- the workers were paid to strike, so the government printed even more money\n\
                 The treaty - a diktat - was signed.\n1. reparations"
            ),
            vec![false, false, false]
        );
    }

    #[test]
    fn stuffed_words_are_a_list_and_prose_is_not() {
        assert_eq!(
            lists(
                "villi villi microvilli surface area diffusion diffusion capillaries \
                 concentration gradient lacteals villi increase surface area"
            ),
            vec![true]
        );
        assert_eq!(
            lists(
                "Hyperinflation because money printing printing money reparations Ruhr, Ruhr \
                 passive resistance strike printing money inflation hyperinflation 1923 the \
                 mark worthless so hyperinflation because printing money."
            ),
            vec![true]
        );
        assert_eq!(
            lists(
                "The villi increase the surface area. Stalin was General Secretary, so he \
                 could give jobs to his supporters in the party."
            ),
            vec![false, false]
        );
        // A run of key words with a few function words after it.
        assert_eq!(
            lists(
                "Versailles anger Germany reparations war guilt Article 231 diktat humiliation \
                 army 100,000 reparations anger because of reparations and because of war \
                 guilt and diktat, this made Germans angry because of the treaty."
            ),
            vec![true]
        );
        // Short answers and terse notes are not lists, nor is a run broken
        // by punctuation.
        assert_eq!(
            lists("Key people: Stalin, Trotsky, Zinoviev, Kamenev, Bukharin, Lenin."),
            vec![false]
        );
        assert_eq!(lists("high melting point, high density"), vec![false]);
        assert_eq!(
            lists(
                "1922 missed reparations payment -> French/Belgians take Ruhr Jan 1923 -> the \
                 workers go on strike and the government prints money"
            ),
            vec![false]
        );
    }

    #[test]
    fn each_sentence_is_read_once_and_remembered() {
        let text = "Trotsky, Zinoviev, Kamenev, Bukharin, Lenin, Testament, funeral, \
                    Secretary, Politburo, 1927, exile. He lost.";
        let t = tokenize(text);
        let mut known = ListSentences::default();
        assert!(known.is_list(text, &t, 0));
        assert!(!known.is_list(text, &t, 1));
        assert!(known.is_list(text, &t, 0));
        assert!(!known.is_list(text, &t, 7));
    }
}
