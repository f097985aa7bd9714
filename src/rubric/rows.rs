//! Lists of lists kept in one allocation: the compiled rubric's lookup
//! tables (the words of each phrase slot, the word sets each word is in).
//!
//! Marking an answer visits a few hundred of these short lists. Held as a
//! `Vec` of `Vec`s, each list is its own allocation somewhere on the heap
//! and every visit is a pointer to chase, often to memory that marking the
//! previous answer pushed out of the cache; held end to end in one array,
//! neighbouring lists share cache lines and the hardware can read ahead.

/// A list of rows, each a slice of `T`, stored end to end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows<T> {
    /// Where each row starts in `items`, and one past the last row's end.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// Appends a row.
    pub fn push(&mut self, row: impl IntoIterator<Item = T>) {
        self.items.extend(row);
        self.starts.push(self.items.len() as u32);
    }

    /// Row `i`, or an empty slice past the last row.
    pub fn get(&self, i: usize) -> &[T] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&lo), Some(&hi)) => &self.items[lo as usize..hi as usize],
            _ => &[],
        }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> + Clone {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }
}

impl<T: Eq + std::hash::Hash> Rows<T> {
    /// For each row, the number of its list of items among the distinct
    /// ones (numbered in order of first use), and how many there are: rows
    /// listing the same items share one.
    pub fn distinct(&self) -> (Vec<u32>, usize) {
        let mut ids: rustc_hash::FxHashMap<&[T], u32> = rustc_hash::FxHashMap::default();
        let numbers = self
            .iter()
            .map(|row| {
                let next = ids.len() as u32;
                *ids.entry(row).or_insert(next)
            })
            .collect();
        (numbers, ids.len())
    }
}

impl<T, R: IntoIterator<Item = T>> FromIterator<R> for Rows<T> {
    fn from_iter<I: IntoIterator<Item = R>>(rows: I) -> Self {
        let mut out = Rows::default();
        for row in rows {
            out.push(row);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Rows;

    #[test]
    fn rows_read_back_as_pushed() {
        let rows: Rows<u32> = [vec![1, 2], vec![], vec![3]].into_iter().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows.get(0), [1, 2]);
        assert!(rows.get(1).is_empty());
        assert_eq!(rows.get(2), [3]);
        assert!(rows.get(3).is_empty(), "past the end is empty");
        let all: Vec<&[u32]> = rows.iter().collect();
        assert_eq!(all, [&[1, 2][..], &[], &[3]]);
    }

    #[test]
    fn rows_listing_the_same_items_share_a_number() {
        let rows: Rows<u32> = [&[3, 7][..], &[5], &[3, 7], &[3], &[5]]
            .into_iter()
            .map(|r| r.iter().copied())
            .collect();
        let (numbers, count) = rows.distinct();
        assert_eq!(numbers, vec![0, 1, 0, 2, 1]);
        assert_eq!(count, 3);
    }

    #[test]
    fn no_rows_is_empty() {
        let rows: Rows<u8> = Rows::default();
        assert!(rows.is_empty());
        assert_eq!(rows.iter().count(), 0);
        assert!(rows.get(0).is_empty());
    }
}
