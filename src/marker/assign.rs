//! Which point each connective explains. Each point's standing matches
//! are gathered one entry per sentence, each with the connectives that
//! could explain it there; a connective explains one point at most, and so
//! does a sentence: its reasoning is one chain, however many connectives
//! it strings together ("feared because they could arrest anyone and
//! torture them, so people were terrified" explains one reason). The
//! points with fewest options choose first.
//!
//! The gathering lives in reusable buffers, so judging an answer against
//! several cards allocates them once. A point's options in one sentence
//! are kept up to [`ROOM`]: past that many, another can't change which
//! points are explained in any answer a student writes, and an answer of
//! one endless sentence can't make the gathering grow with its square.

/// The most options a point keeps in one sentence: far more than the
/// points of a card, each of which takes one connective at most.
pub const ROOM: usize = 32;

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
    /// The connective each point is explained by, if any.
    link_of: Vec<Option<usize>>,
    /// Scratch: the order points choose in, and the connectives taken.
    order: Vec<usize>,
    used: Vec<bool>,
    /// Whether some point's sentences came out of ascending order, so
    /// that its candidates may not be grouped in the order of its
    /// sentences.
    out_of_order: bool,
    /// The sentence last counted for the current point, and how many
    /// options it has been given there.
    run: (usize, usize),
}

impl Options {
    /// Forgets every point.
    pub fn clear(&mut self) {
        self.ends.clear();
        self.sentences.clear();
        self.candidates.clear();
        self.explained_at.clear();
        self.out_of_order = false;
    }

    /// Starts the next point (points are numbered from 0 in the order
    /// they start).
    pub fn start_point(&mut self) {
        self.ends
            .push((self.sentences.len(), self.candidates.len()));
        self.run = (usize::MAX, 0);
    }

    /// Counts a match of the current point in `sentence`. Matches come
    /// in text order, so a sentence is new unless it is the last one's.
    pub fn sentence(&mut self, sentence: usize) {
        let p = self.ends.len() - 1;
        if self.run.0 != sentence {
            self.run = (sentence, 0);
        }
        let from = starts(&self.ends, p).0;
        let known = &self.sentences[from..];
        match known.last() {
            Some(&last) if last == sentence => {}
            Some(&last) if last > sentence => {
                self.out_of_order = true;
                if !known.contains(&sentence) {
                    self.sentences.push(sentence);
                }
            }
            _ => self.sentences.push(sentence),
        }
        self.ends[p].0 = self.sentences.len();
    }

    /// Whether the current point has room for another option in the
    /// sentence last counted ([`ROOM`]).
    pub fn has_room(&self) -> bool {
        self.run.1 < ROOM
    }

    /// Adds connective `link` as a candidate to explain the current point's
    /// match in `sentence` (the one last counted with [`Self::sentence`]),
    /// if there is room; returns whether there is room for another.
    pub fn candidate(&mut self, sentence: usize, link: usize) -> bool {
        if !self.has_room() {
            return false;
        }
        self.candidates.push((sentence, link));
        if let Some(end) = self.ends.last_mut() {
            end.1 = self.candidates.len();
        }
        self.run.1 += 1;
        self.has_room()
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
    /// and explains no other point. A point left without one may take the
    /// sentence or connective of a point that can move to another of its
    /// own, so that the order sentences come in does not decide how many
    /// points are explained.
    pub fn assign(&mut self, links: usize) {
        let points = self.ends.len();
        if self.out_of_order {
            self.group_by_sentence();
        }
        self.order.clear();
        self.order.extend(0..points);
        let ends = &self.ends;
        let count = |p: usize| ends[p].1 - starts(ends, p).1;
        self.order.sort_by_key(|&p| count(p));
        self.used.clear();
        self.used.resize(links, false);
        self.explained_at.clear();
        self.explained_at.resize(points, None);
        self.link_of.clear();
        self.link_of.resize(points, None);
        for i in 0..points {
            let p = self.order[i];
            if let Some((s, l)) = self.free_option(p, None) {
                self.take(p, s, l);
                continue;
            }
            let options: Vec<(usize, usize)> = self.options(p).collect();
            for (s, l) in options {
                let mut holders = (0..points)
                    .filter(|&q| self.explained_at[q] == Some(s) || self.link_of[q] == Some(l));
                let (Some(q), None) = (holders.next(), holders.next()) else {
                    continue;
                };
                let (Some(qs), Some(ql)) = (self.explained_at[q], self.link_of[q]) else {
                    continue;
                };
                self.release(q);
                if let Some((s2, l2)) = self.free_option(q, Some((s, l))) {
                    self.take(q, s2, l2);
                    self.take(p, s, l);
                    break;
                }
                self.take(q, qs, ql);
            }
        }
    }

    fn candidates_of(&self, p: usize) -> &[(usize, usize)] {
        &self.candidates[starts(&self.ends, p).1..self.ends[p].1]
    }

    /// Point `p`'s options, (sentence, connective), in the order it
    /// prefers them: its sentences in order, each one's connectives.
    fn options(&self, p: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.candidates_of(p).iter().copied()
    }

    /// Puts each point's candidates in the order of its sentences (in
    /// the order first met), each sentence's in the order found, as
    /// [`Self::options`] reads them. They are already, unless a point's
    /// matches came out of text order.
    fn group_by_sentence(&mut self) {
        for p in 0..self.ends.len() {
            let (sentences, candidates) = starts(&self.ends, p);
            let order = &self.sentences[sentences..self.ends[p].0];
            let rank = |s: usize| order.iter().position(|&o| o == s);
            self.candidates[candidates..self.ends[p].1].sort_by_key(|c| rank(c.0));
        }
        self.out_of_order = false;
    }

    /// Point `p`'s first option whose sentence explains no point and whose
    /// connective is free, leaving out `(sentence, connective)` of `keep`.
    fn free_option(&self, p: usize, keep: Option<(usize, usize)>) -> Option<(usize, usize)> {
        self.options(p).find(|&(s, l)| {
            !self.explained_at.contains(&Some(s))
                && !self.used[l]
                && keep.is_none_or(|(ks, kl)| ks != s && kl != l)
        })
    }

    fn take(&mut self, p: usize, sentence: usize, link: usize) {
        self.used[link] = true;
        self.explained_at[p] = Some(sentence);
        self.link_of[p] = Some(link);
    }

    fn release(&mut self, p: usize) {
        if let Some(l) = self.link_of[p].take() {
            self.used[l] = false;
        }
        self.explained_at[p] = None;
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
    fn a_point_moves_to_let_another_be_explained() {
        let mut o = Options::default();
        // Point 0 in sentences 0 and 1, each with a connective; point 1 in
        // sentence 0 only, with two. Both have two candidates, so point 0
        // chooses first and takes sentence 0; point 1 is then explained
        // only if point 0 moves to sentence 1.
        o.start_point();
        o.sentence(0);
        o.candidate(0, 0);
        o.sentence(1);
        o.candidate(1, 1);
        o.start_point();
        o.sentence(0);
        o.candidate(0, 0);
        o.candidate(0, 2);
        o.assign(3);
        assert_eq!(o.explained_at(1), Some(0));
        assert_eq!(o.explained_at(0), Some(1));
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
