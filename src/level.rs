//! Turning judged points into a level and a mark.
//!
//! The levels scheme is the Cambridge `(b) Why…? [6]` table from
//! MARKING.md, read from the bottom up: nothing relevant (0); a general
//! answer with no specific reason (1); reasons identified but not explained
//! (2 for one, 3 for two or more); one reason explained (4, or 5 when it is
//! well supported or others are identified too); two or more explained (6).
//! A maximum other than 6 scales the mark. The points scheme gives one mark
//! per point identified, up to the maximum, or what the card's
//! count-to-mark table gives for the points identified. In either scheme
//! the points a keyword list alone makes count as one: a bare list is one
//! identified reason, Level 2's lower mark.

use crate::rubric::{MarksTable, Scheme};

/// What the marker found, as the levels table needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Points identified or explained.
    pub identified: usize,
    /// Points explained.
    pub explained: usize,
    /// Whether an explained point is well supported (more than one
    /// sentence of evidence).
    pub well_supported: bool,
    /// Whether the answer is about the card's topic at all (an answer
    /// that identifies a point is).
    pub on_topic: bool,
    /// Of the points identified, those that only keyword lists make
    /// ([`crate::marker::lists`]): they count as one between them.
    pub listed: usize,
}

impl Tally {
    /// The points identified as the mark counts them: those made in
    /// sentences, and one for all those made only in keyword lists.
    pub fn counted(&self) -> usize {
        self.identified.saturating_sub(self.listed) + self.listed.min(1)
    }
}

/// The level descriptors of the Cambridge "(b)" table.
pub const DESCRIPTORS: [&str; 5] = [
    "nothing relevant, or does not address the question",
    "a general answer about the topic with no specific, supported reason",
    "identifies or describes valid reasons without explaining how they answer the question",
    "explains one reason, clearly linked to what the question asks about",
    "explains two or more reasons, each linked to what the question asks about",
];

/// A level and the mark within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub level: Option<u8>,
    pub mark: u32,
}

/// The level and mark on the six-mark table.
fn levels_out_of_six(t: Tally) -> (u8, u32) {
    match (t.explained, t.counted()) {
        (e, _) if e >= 2 => (4, 6),
        (1, i) if i >= 2 || t.well_supported => (3, 5),
        (1, _) => (3, 4),
        (_, i) if i >= 2 => (2, 3),
        (_, 1) => (2, 2),
        _ if t.on_topic => (1, 1),
        _ => (0, 0),
    }
}

/// Applies a scheme, with the card's count-to-mark table if it has one,
/// to a tally. The loader allows a table only with the points scheme.
pub fn award(scheme: Scheme, table: Option<&MarksTable>, max: u32, t: Tally) -> Outcome {
    match scheme {
        Scheme::Levels => {
            let (level, six) = levels_out_of_six(t);
            let mark = if max == 6 {
                six
            } else {
                (f64::from(six) * f64::from(max) / 6.0).round() as u32
            };
            Outcome {
                level: Some(level),
                mark: mark.min(max),
            }
        }
        Scheme::Points => Outcome {
            level: None,
            mark: table
                .map_or(t.counted() as u32, |table| table.mark(t.counted()))
                .min(max),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(identified: usize, explained: usize) -> Tally {
        Tally {
            identified,
            explained,
            well_supported: false,
            on_topic: true,
            listed: 0,
        }
    }

    #[test]
    fn points_only_keyword_lists_make_count_as_one() {
        let listed = |identified, listed| Tally {
            listed,
            ..t(identified, 0)
        };
        assert_eq!(award(Scheme::Points, None, 3, listed(3, 3)).mark, 1);
        assert_eq!(award(Scheme::Points, None, 3, listed(3, 1)).mark, 3);
        assert_eq!(award(Scheme::Points, None, 4, listed(4, 2)).mark, 3);
        assert_eq!(award(Scheme::Points, None, 3, listed(0, 0)).mark, 0);
    }

    #[test]
    fn levels_table_from_the_bottom_up() {
        let mark = |t: Tally| award(Scheme::Levels, None, 6, t);
        let off = Tally::default();
        assert_eq!(
            mark(off),
            Outcome {
                level: Some(0),
                mark: 0
            }
        );
        assert_eq!(
            mark(t(0, 0)),
            Outcome {
                level: Some(1),
                mark: 1
            }
        );
        assert_eq!(
            mark(t(1, 0)),
            Outcome {
                level: Some(2),
                mark: 2
            }
        );
        assert_eq!(
            mark(t(4, 0)),
            Outcome {
                level: Some(2),
                mark: 3
            }
        );
        assert_eq!(
            mark(t(1, 1)),
            Outcome {
                level: Some(3),
                mark: 4
            }
        );
        assert_eq!(
            mark(t(3, 1)),
            Outcome {
                level: Some(3),
                mark: 5
            }
        );
        let supported = Tally {
            well_supported: true,
            ..t(1, 1)
        };
        assert_eq!(
            mark(supported),
            Outcome {
                level: Some(3),
                mark: 5
            }
        );
        assert_eq!(
            mark(t(2, 2)),
            Outcome {
                level: Some(4),
                mark: 6
            }
        );
    }

    #[test]
    fn other_maxima_scale_and_points_sum() {
        assert_eq!(award(Scheme::Levels, None, 7, t(2, 2)).mark, 7);
        assert_eq!(award(Scheme::Levels, None, 7, t(1, 0)).mark, 2);
        assert_eq!(
            award(Scheme::Points, None, 3, t(5, 0)),
            Outcome {
                level: None,
                mark: 3
            }
        );
        assert_eq!(award(Scheme::Points, None, 5, t(2, 1)).mark, 2);
    }

    #[test]
    fn a_points_card_with_a_table_gets_the_tables_mark() {
        let table: MarksTable = serde_json::from_str(
            r#"[{"points": 4, "mark": 3}, {"points": 3, "mark": 2}, {"points": 1, "mark": 1}]"#,
        )
        .unwrap();
        let mark = |identified| award(Scheme::Points, Some(&table), 3, t(identified, 0));
        let marks: Vec<u32> = (0..6).map(|n| mark(n).mark).collect();
        assert_eq!(marks, [0, 1, 1, 2, 3, 3]);
        assert_eq!(mark(3).level, None);
    }
}
