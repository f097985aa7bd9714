//! A count-to-mark table: how many points identified earn how many marks,
//! as exam boards write key-element rules ("3 marks for four key elements,
//! 2 for three, 1 for one or two").
//!
//! In a rubric it is a card's `marks`, beside `"scheme": "points"`: rows of
//! `{"points": N, "mark": M}`, each read "N or more points earn M marks".
//! An answer earns the mark of the highest row it reaches, and 0 below the
//! lowest. Rows may be written in either order; more points must earn more
//! marks. The table is data a teacher writes and reads, so it is kept as
//! written (and serialized back the same) and only checked, never
//! normalised, when the rubric loads.
//!
//! [`parse`] reads such a rule from a question or model answer, for
//! `rubric derive`.

mod parse;

pub use parse::parse;

use serde::{Deserialize, Serialize};
use std::fmt;

/// One row of a [`MarksTable`]: `points` or more points identified earn
/// `mark` marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkRow {
    /// The fewest points identified that earn this mark (at least 1).
    pub points: u32,
    /// The mark (0 to the card's maximum).
    pub mark: u32,
}

impl MarkRow {
    /// Why this row, needing more points than a card of `points` points
    /// has, gives a mark no answer can earn.
    pub fn unreachable_why(&self, points: usize) -> String {
        format!(
            "this row's mark ({}) needs {} points identified, but the card has only {points}: \
             no answer can earn it",
            self.mark, self.points
        )
    }
}

/// A card's count-to-mark table: its rows, as written. In JSON, an array
/// of [`MarkRow`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MarksTable(pub Vec<MarkRow>);

/// What is wrong with a table: the field under the card's `marks` (`""`
/// for the table itself, `"[1].mark"` for a row's) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub field: String,
    pub message: String,
}

impl MarksTable {
    /// Checks the table of a card whose maximum mark is `max`: at least
    /// one row, each threshold at least 1 and each mark at most `max`, no
    /// two rows for the same number of points, and more points earning
    /// more marks. The top mark may be below `max` (a card marked in parts
    /// elsewhere, say); `rubric lint` warns about it.
    pub fn validate(&self, max: u32) -> Result<(), TableError> {
        let err = |field: String, message: String| Err(TableError { field, message });
        if self.0.is_empty() {
            return err(
                String::new(),
                "the table has no rows: give at least one {\"points\": N, \"mark\": M}, or \
                 leave `marks` out for one mark per point"
                    .to_string(),
            );
        }
        for (i, row) in self.0.iter().enumerate() {
            if row.points == 0 {
                return err(
                    format!("[{i}].points"),
                    "must be at least 1: an answer that identifies no point earns 0".to_string(),
                );
            }
            if row.mark > max {
                return err(
                    format!("[{i}].mark"),
                    format!("{} is above the card's maximum mark ({max})", row.mark),
                );
            }
        }
        let order = self.ascending();
        for w in order.windows(2) {
            let ((i, lo), (j, hi)) = (w[0], w[1]);
            // Of two rows out of order, the one written later is named.
            let (later, earlier) = if i < j { (j, i) } else { (i, j) };
            if lo.points == hi.points {
                return err(
                    format!("[{later}].points"),
                    format!(
                        "two rows are for {} points (marks[{earlier}] and marks[{later}]): keep one",
                        hi.points
                    ),
                );
            }
            if hi.mark <= lo.mark {
                return err(
                    format!("[{later}].mark"),
                    format!(
                        "{} points earn {} but {} points earn {} (marks[{}] and marks[{}]): more \
                         points must earn more marks",
                        lo.points,
                        marks(lo.mark),
                        hi.points,
                        marks(hi.mark),
                        i.min(j),
                        i.max(j)
                    ),
                );
            }
        }
        Ok(())
    }

    /// The rows with their indices, fewest points first.
    fn ascending(&self) -> Vec<(usize, MarkRow)> {
        let mut rows: Vec<(usize, MarkRow)> = self.0.iter().copied().enumerate().collect();
        rows.sort_by_key(|&(i, r)| (r.points, i));
        rows
    }

    /// The mark for `identified` points: the highest row reached, 0 below
    /// the lowest.
    pub fn mark(&self, identified: usize) -> u32 {
        let n = u32::try_from(identified).unwrap_or(u32::MAX);
        self.0
            .iter()
            .filter(|r| r.points <= n)
            .map(|r| r.mark)
            .max()
            .unwrap_or(0)
    }

    /// The row with the most points (the first such, should two tie).
    fn top(&self) -> Option<MarkRow> {
        self.0
            .iter()
            .copied()
            .reduce(|a, b| if b.points > a.points { b } else { a })
    }

    /// The highest mark the table gives.
    pub fn top_mark(&self) -> u32 {
        self.0.iter().map(|r| r.mark).max().unwrap_or(0)
    }

    /// Rows that need more points than a card of `points` points has, with
    /// their indices: no answer can earn their marks.
    pub fn unreachable(&self, points: usize) -> Vec<(usize, MarkRow)> {
        let n = u32::try_from(points).unwrap_or(u32::MAX);
        self.0
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, r)| r.points > n)
            .collect()
    }

    /// Whether the table is one mark per point up to its top mark, which
    /// is what a points-scheme card without a table gives.
    pub fn is_one_mark_per_point(&self) -> bool {
        let rows = self.ascending();
        rows.iter()
            .enumerate()
            .all(|(k, (_, r))| r.points as usize == k + 1 && r.mark as usize == k + 1)
    }

    /// The result's descriptor for an answer identifying `identified`
    /// points and earning `mark`: "3 of 4 points (2 marks)", where 4 is
    /// what the top row needs; "5 points (3 marks)" past it.
    pub fn describe(&self, identified: usize, mark: u32) -> String {
        let top = self.top().map_or(0, |r| r.points as usize);
        if identified <= top {
            format!("{identified} of {top} points ({})", marks(mark))
        } else {
            format!("{identified} points ({})", marks(mark))
        }
    }
}

/// "1 mark", "2 marks".
fn marks(n: u32) -> String {
    if n == 1 {
        "1 mark".to_string()
    } else {
        format!("{n} marks")
    }
}

/// As exam boards write it, top row first: "3 marks for 4 or more points,
/// 2 for 3, 1 for 1 or 2" ([`parse`] reads it back). Each row's points run
/// up to the next row's; the top row's have no end.
impl fmt::Display for MarksTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.ascending();
        for (k, &(_, r)) in rows.iter().enumerate().rev() {
            let next = rows.get(k + 1).map(|&(_, n)| n.points);
            let span = match next {
                None => format!("{} or more", r.points),
                Some(n) if n == r.points + 1 => r.points.to_string(),
                Some(n) if n == r.points + 2 => format!("{} or {}", r.points, r.points + 1),
                Some(n) => format!("{} to {}", r.points, n - 1),
            };
            if next.is_none() {
                write!(f, "{} for {span} points", marks(r.mark))?;
            } else {
                write!(f, ", {} for {span}", r.mark)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn table(rows: &[(u32, u32)]) -> MarksTable {
        MarksTable(
            rows.iter()
                .map(|&(points, mark)| MarkRow { points, mark })
                .collect(),
        )
    }

    #[test]
    fn three_for_four_two_for_three_one_for_one_or_two() {
        let t = table(&[(4, 3), (3, 2), (1, 1)]);
        assert_eq!(t.validate(3), Ok(()));
        let got: Vec<u32> = (0..7).map(|n| t.mark(n)).collect();
        assert_eq!(got, [0, 1, 1, 2, 3, 3, 3]);
        assert_eq!(
            t.to_string(),
            "3 marks for 4 or more points, 2 for 3, 1 for 1 or 2"
        );
        assert_eq!(t.describe(3, 2), "3 of 4 points (2 marks)");
        assert_eq!(t.describe(1, 1), "1 of 4 points (1 mark)");
        assert_eq!(t.describe(6, 3), "6 points (3 marks)");
    }

    #[test]
    fn rows_may_be_written_bottom_up() {
        let t = table(&[(1, 1), (3, 2), (6, 4)]);
        assert_eq!(t.validate(4), Ok(()));
        assert_eq!(t.mark(5), 2);
        assert_eq!(
            t.to_string(),
            "4 marks for 6 or more points, 2 for 3 to 5, 1 for 1 or 2"
        );
    }

    #[test]
    fn fewer_marks_for_more_points_is_an_error_at_the_later_row() {
        let e = table(&[(4, 3), (3, 2), (2, 3)]).validate(3).unwrap_err();
        assert_eq!(e.field, "[2].mark");
        assert!(
            e.message.contains("more points must earn more marks"),
            "{e:?}"
        );
        let e = table(&[(1, 1), (2, 1)]).validate(3).unwrap_err();
        assert_eq!(
            e.field, "[1].mark",
            "the same mark for more points adds nothing"
        );
    }

    #[test]
    fn a_table_is_non_empty_within_the_maximum_and_from_one_point() {
        assert_eq!(table(&[]).validate(3).unwrap_err().field, "");
        let e = table(&[(1, 1), (2, 4)]).validate(3).unwrap_err();
        assert_eq!(e.field, "[1].mark");
        assert!(
            e.message.contains("above the card's maximum mark (3)"),
            "{e:?}"
        );
        assert_eq!(
            table(&[(0, 1)]).validate(3).unwrap_err().field,
            "[0].points"
        );
        let e = table(&[(2, 1), (3, 2), (2, 2)]).validate(3).unwrap_err();
        assert_eq!(e.field, "[2].points");
        assert!(e.message.contains("two rows are for 2 points"), "{e:?}");
    }

    #[test]
    fn the_top_mark_may_be_below_the_maximum() {
        let t = table(&[(2, 1), (4, 2)]);
        assert_eq!(t.validate(3), Ok(()));
        assert_eq!(t.top_mark(), 2);
        assert_eq!(t.mark(9), 2);
    }

    #[test]
    fn rows_above_the_cards_points_are_unreachable() {
        let t = table(&[(4, 3), (3, 2), (1, 1)]);
        assert_eq!(t.unreachable(4), vec![]);
        assert_eq!(t.unreachable(3), vec![(0, MarkRow { points: 4, mark: 3 })]);
    }

    #[test]
    fn one_mark_per_point_is_recognised_in_any_order() {
        assert!(table(&[(2, 2), (1, 1), (3, 3)]).is_one_mark_per_point());
        assert!(!table(&[(1, 1), (2, 2), (4, 3)]).is_one_mark_per_point());
        assert!(!table(&[(1, 2)]).is_one_mark_per_point());
    }

    #[test]
    fn a_table_reads_and_writes_as_an_array_of_rows() {
        let t: MarksTable =
            serde_json::from_str(r#"[{"points": 4, "mark": 3}, {"points": 1, "mark": 1}]"#)
                .unwrap();
        assert_eq!(t, table(&[(4, 3), (1, 1)]));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"[{"points":4,"mark":3},{"points":1,"mark":1}]"#
        );
        let e = serde_json::from_str::<MarksTable>(r#"[{"points": 4, "marks": 3}]"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `marks`"), "{e}");
    }
}
