//! Which point each connective explains. Each point's standing matches
//! are gathered one entry per sentence, each with the connectives that
//! could explain it there; a connective explains one point at most, and so
//! does a sentence: its reasoning is one chain, however many connectives
//! it strings together ("feared because they could arrest anyone and
//! torture them, so people were terrified" explains one reason). The
//! points with fewest options choose first.
//!
//! The gathering lives in reusable buffers, so judging an answer against
//! several cards allocates them once.

/// The options of every point of one card, and which point each
/// connective went to.
#[derive(Debug, Default)]
pub struct Options {
    /// Per point, where its sentences and candidates end in `sentences`
    /// and `candidates`.
    ends: Vec<(usize, usize)>,
    /// Each point's sentences with a counted match, in the order first met.
    sentences: Vec<usize>,
    /// Each point's candidates: (sentence, connective), in the order found.
    candidates: Vec<(usize, usize)>,
    /// The sentence whose match each point is explained at, if any.
    explained_at: Vec<Option<usize>>,
    /// Scratch: the order points choose in, and the connectives taken.
    order: Vec<usize>,
    used: Vec<bool>,
}

impl Options {
    /// Forgets every point.
    pub fn clear(&mut self) {
        self.ends.clear();
        self.sentences.clear();
        self.candidates.clear();
        self.explained_at.clear();
    }

    /// Starts the next point (points are numbered from 0 in the order
    /// they start).
    pub fn start_point(&mut self) {
        self.ends
            .push((self.sentences.len(), self.candidates.len()));
    }

    /// Counts a match of the current point in `sentence`.
    pub fn sentence(&mut self, sentence: usize) {
        let p = self.ends.len() - 1;
        let from = starts(&self.ends, p).0;
        if !self.sentences[from..].contains(&sentence) {
            self.sentences.push(sentence);
        }
        self.ends[p].0 = self.sentences.len();
    }

    /// Adds connective `link` as a candidate to explain the current point's
    /// match in `sentence` (already counted with [`Self::sentence`]).
    pub fn candidate(&mut self, sentence: usize, link: usize) {
        self.candidates.push((sentence, link));
        if let Some(end) = self.ends.last_mut() {
            end.1 = self.candidates.len();
        }
    }

    /// The sentences with a counted match of point `p`, in the order met.
    pub fn sentences(&self, p: usize) -> &[usize] {
        &self.sentences[starts(&self.ends, p).0..self.ends[p].0]
    }

    /// The sentence point `p` is explained at (after [`Self::assign`]).
    pub fn explained_at(&self, p: usize) -> Option<usize> {
        self.explained_at[p]
    }

    /// Gives each connective (of `links` in all), and each sentence, to one
    /// point at most: the points with fewest candidates choose first, each
    /// taking the first free candidate of its first sentence that has one
    /// and explains no other point.
    pub fn assign(&mut self, links: usize) {
        let points = self.ends.len();
        self.order.clear();
        self.order.extend(0..points);
        let ends = &self.ends;
        let count = |p: usize| ends[p].1 - starts(ends, p).1;
        self.order.sort_by_key(|&p| count(p));
        self.used.clear();
        self.used.resize(links, false);
        self.explained_at.clear();
        self.explained_at.resize(points, None);
        for &p in &self.order {
            let (s0, c0) = starts(ends, p);
            let (s1, c1) = ends[p];
            let candidates = &self.candidates[c0..c1];
            'pick: for &sentence in &self.sentences[s0..s1] {
                if self.explained_at.contains(&Some(sentence)) {
                    continue;
                }
                for &(_, l) in candidates.iter().filter(|c| c.0 == sentence) {
                    if !self.used[l] {
                        self.used[l] = true;
                        self.explained_at[p] = Some(sentence);
                        break 'pick;
                    }
                }
            }
        }
    }
}

/// Where point `p`'s sentences and candidates start, given where each
/// point's end ([`Options::ends`]).
fn starts(ends: &[(usize, usize)], p: usize) -> (usize, usize) {
    if p == 0 { (0, 0) } else { ends[p - 1] }
}

#[cfg(test)]
mod tests {
    use super::Options;

    #[test]
    fn the_point_with_fewest_options_chooses_first() {
        let mut o = Options::default();
        // Point 0: sentence 1 with connectives 0 and 1.
        o.start_point();
        o.sentence(1);
        o.candidate(1, 0);
        o.candidate(1, 1);
        // Point 1: sentence 2 with connective 0 only.
        o.start_point();
        o.sentence(2);
        o.candidate(2, 0);
        // Point 2: sentences 3 and 4, no connective.
        o.start_point();
        o.sentence(3);
        o.sentence(4);
        o.sentence(3);
        o.assign(2);
        assert_eq!(o.explained_at(1), Some(2));
        assert_eq!(o.explained_at(0), Some(1));
        assert_eq!(o.explained_at(2), None);
        assert_eq!(o.sentences(2), [3, 4]);
        assert_eq!(o.sentences(0), [1]);
    }

    #[test]
    fn a_sentence_explains_one_point() {
        let mut o = Options::default();
        // Points 0 and 1 in sentence 2, each with a connective of its own;
        // point 1 also in sentence 3 with a third.
        o.start_point();
        o.sentence(2);
        o.candidate(2, 0);
        o.start_point();
        o.sentence(2);
        o.candidate(2, 1);
        o.sentence(3);
        o.candidate(3, 2);
        o.assign(3);
        assert_eq!(o.explained_at(0), Some(2));
        assert_eq!(o.explained_at(1), Some(3));
    }

    #[test]
    fn a_connective_explains_one_point() {
        let mut o = Options::default();
        for s in [5, 6] {
            o.start_point();
            o.sentence(s);
            o.candidate(s, 0);
        }
        o.start_point();
        o.assign(1);
        assert_eq!(o.explained_at(0), Some(5));
        assert_eq!(o.explained_at(1), None);
        assert!(o.sentences(2).is_empty());
    }
}
