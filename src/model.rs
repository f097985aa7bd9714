//! The model answer as feedback: where in a card's model answer each point
//! the student missed is made, found by marking the model answer with the
//! same rubric, so practice can show it with those parts highlighted.

use crate::report::Status;
use crate::rubric::CompiledRubric;

/// A stretch of the model answer that makes a missed point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in the model answer.
    pub start: usize,
    pub end: usize,
    /// Which missed point it makes (an index into the list given).
    pub point: usize,
}

/// The missed points located in a model answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelAnnotation {
    /// In order of position, never overlapping.
    pub highlights: Vec<Highlight>,
    /// Missed points the model answer doesn't make (indices into the list).
    pub absent: Vec<usize>,
}

/// Finds where `model` (card `card`'s model answer) makes each of the
/// points in `missed` (rubric point ids).
pub fn locate_missed(
    rubric: &CompiledRubric,
    card: usize,
    model: &str,
    missed: &[&str],
) -> ModelAnnotation {
    let marked = rubric.mark(card, model);
    let mut highlights = Vec::new();
    let mut absent = Vec::new();
    for (i, id) in missed.iter().enumerate() {
        let found = marked
            .points
            .iter()
            .find(|p| p.id == *id && p.status != Status::Missing);
        match found {
            Some(p) if !p.evidence.is_empty() => {
                highlights.extend(p.evidence.iter().map(|e| Highlight {
                    start: e.start,
                    end: e.end,
                    point: i,
                }));
            }
            _ => absent.push(i),
        }
    }
    highlights.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Highlight> = Vec::with_capacity(highlights.len());
    for h in highlights {
        let clear = kept.last().is_none_or(|k| h.start >= k.end);
        if clear && h.start < h.end && h.end <= model.len() {
            kept.push(h);
        }
    }
    // A point whose every stretch lay inside another point's is not shown.
    for i in 0..missed.len() {
        if !absent.contains(&i) && !kept.iter().any(|h| h.point == i) {
            absent.push(i);
        }
    }
    absent.sort_unstable();
    ModelAnnotation {
        highlights: kept,
        absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::rubric;

    fn rubric() -> CompiledRubric {
        let set = rubric::parse(builtin::RUBRIC, builtin::RUBRIC_NAME).unwrap();
        CompiledRubric::compile(&set, builtin::RUBRIC_NAME).unwrap()
    }

    #[test]
    fn missed_points_are_found_in_the_model_answer() {
        let r = rubric();
        let model = "Stalin was General Secretary, so he appointed his supporters to key jobs. \
                     Trotsky missed Lenin's funeral, which made him look arrogant.";
        let card = r.source.cards.iter().position(|c| c.card == "1").unwrap();
        let ids: Vec<String> = r.source.cards[card]
            .points
            .iter()
            .map(|p| p.id.clone())
            .collect();
        let all: Vec<&str> = ids.iter().map(String::as_str).collect();
        let a = locate_missed(&r, card, model, &all);
        assert!(!a.highlights.is_empty());
        let shown: Vec<&str> = a
            .highlights
            .iter()
            .map(|h| &model[h.start..h.end])
            .collect();
        assert!(
            shown.iter().any(|s| s.contains("funeral")),
            "highlighted: {shown:?}"
        );
        assert!(
            a.highlights.windows(2).all(|w| w[0].end <= w[1].start),
            "highlights overlap"
        );
        // Every point is either highlighted or absent, never both.
        for (i, id) in all.iter().enumerate() {
            let lit = a.highlights.iter().any(|h| h.point == i);
            assert_ne!(lit, a.absent.contains(&i), "point {id}");
        }
        assert!(a.absent.len() < all.len());
    }

    #[test]
    fn nothing_missed_highlights_nothing() {
        let r = rubric();
        let a = locate_missed(&r, 0, "Stalin was General Secretary.", &[]);
        assert_eq!(a, ModelAnnotation::default());
    }
}
