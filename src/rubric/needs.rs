//! What each phrase needs of an answer's words before it can match: one
//! word from each of its required slots. Many slots list the same words
//! ("stalin", "trotsky", "party"…), so each distinct list is one shared
//! word set, and an answer's words mark the sets they fill once, however
//! many phrases use them.

use super::compile::{CPhrase, WordId};
use super::rows::Rows;

/// The required slots of a rubric's phrases, as shared word sets. Each
/// phrase names its sets itself ([`CPhrase::need`], [`CPhrase::more_needs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    /// The needed word sets of every phrase past its first
    /// ([`CPhrase::more_needs`]).
    pub more: Vec<u32>,
    /// Per vocabulary word, the word sets it is in, ascending.
    pub of_word: Rows<u32>,
    /// A [`Check`] for each phrase that needs at most [`CHECK_SETS`] sets,
    /// laid end to end: whether they could match is read off these in one
    /// pass, rather than off the phrases themselves.
    pub checks: Vec<Check>,
    /// The phrases (by [`CPhrase::id`]) that need more sets than a
    /// [`Check`] holds.
    pub long: Vec<u32>,
    /// How many word sets there are, counting [`Self::NONE`].
    pub sets: usize,
}

/// The most word sets a [`Check`] holds.
pub const CHECK_SETS: usize = 4;

/// How many terms, and how many word sets, a [`Check`] can name: it
/// holds them as 16-bit numbers, so that tables of this many entries can
/// be read at them with no check that they are in range. A phrase of a
/// term, or needing a set, numbered past them is checked through the
/// phrase ([`Needs::long`]).
pub const CHECK_IDS: usize = 1 << 16;

/// Whether a phrase could match, as its term and the word sets it needs,
/// [`Needs::NONE`] where it needs fewer: the phrase could match when some
/// sentence holds a word of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    pub term: u16,
    pub sets: [u16; CHECK_SETS],
}

impl Check {
    /// The check of a phrase of term `term` needing `sets` (rarest
    /// first), when it fits in one: at most [`CHECK_SETS`] sets, and the
    /// term and sets numbered below [`CHECK_IDS`].
    fn new(term: u32, sets: &[u32]) -> Option<Check> {
        if sets.len() > CHECK_SETS {
            return None;
        }
        let mut check = Check {
            term: u16::try_from(term).ok()?,
            sets: [Needs::NONE as u16; CHECK_SETS],
        };
        for (to, &set) in check.sets.iter_mut().zip(sets) {
            *to = u16::try_from(set).ok()?;
        }
        Some(check)
    }
}

impl Needs {
    /// The set that stands for no need: every answer fills it.
    pub const NONE: u32 = 0;

    /// The needs of `phrases`, whose slots' words are in `slots` (each
    /// slot's distinct list numbered in `lists`, [`Rows::distinct`]), over
    /// a vocabulary of `words` words; sets each phrase's own
    /// [`CPhrase::need`] and [`CPhrase::more_needs`]. A phrase needs its
    /// required slots ([`CPhrase::required`], the first 64), each distinct
    /// list of words once, the set the fewest phrases use first: most
    /// phrases asked about fail, and a rarely used set is the likelier one
    /// to fail on.
    pub fn new(
        phrases: &mut [CPhrase],
        slots: &Rows<WordId>,
        lists: &[u32],
        words: usize,
    ) -> Needs {
        // The set of each list a required slot has, numbered from 1 in
        // order of first use ([`Self::NONE`]: none yet); a list's number
        // is below the number of slots.
        let mut set_of: Vec<u32> = vec![Self::NONE; lists.len()];
        let mut count = 0;
        let mut of_word: Vec<Vec<u32>> = vec![Vec::new(); words];
        let mut per_phrase: Vec<Vec<u32>> = Vec::with_capacity(phrases.len());
        for p in phrases.iter() {
            let mut sets = Vec::new();
            let mut need = p.required;
            while need != 0 {
                let k = need.trailing_zeros();
                need &= need - 1;
                if k >= p.slot_count {
                    continue;
                }
                let slot = (p.first_slot + k) as usize;
                let Some(set) = lists.get(slot).and_then(|&l| set_of.get_mut(l as usize)) else {
                    continue;
                };
                if *set == Self::NONE {
                    count += 1;
                    *set = count;
                    for &w in slots.get(slot) {
                        if let Some(sets) = of_word.get_mut(w as usize)
                            && sets.last() != Some(&count)
                        {
                            sets.push(count);
                        }
                    }
                }
                let id = *set;
                if !sets.contains(&id) {
                    sets.push(id);
                }
            }
            per_phrase.push(sets);
        }
        let mut users = vec![0u32; count as usize + 1];
        for &s in per_phrase.iter().flatten() {
            users[s as usize] += 1;
        }
        let mut more = Vec::new();
        let (mut checks, mut long) = (Vec::new(), Vec::new());
        for (p, mut sets) in phrases.iter_mut().zip(per_phrase) {
            sets.sort_by_key(|&s| (users[s as usize], s));
            p.need = sets.first().copied().unwrap_or(Self::NONE);
            let from = more.len() as u32;
            more.extend(sets.iter().skip(1));
            p.more_needs = (from, more.len() as u32);
            match Check::new(p.term, &sets) {
                Some(check) => checks.push(check),
                None => long.push(p.id),
            }
        }
        Needs {
            more,
            of_word: of_word.into_iter().collect(),
            checks,
            long,
            sets: count as usize + 1,
        }
    }

    /// The word sets phrase `p` needs besides [`CPhrase::need`].
    pub fn more_of(&self, p: &CPhrase) -> &[u32] {
        self.more
            .get(p.more_needs.0 as usize..p.more_needs.1 as usize)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(id: u32, first_slot: u32, slot_count: u32, required: u64) -> CPhrase {
        CPhrase {
            first_slot,
            slot_count,
            id,
            required,
            need: Needs::NONE,
            more_needs: (0, 0),
            term: id + 10,
        }
    }

    fn needed(needs: &Needs, p: &CPhrase) -> Vec<u32> {
        let mut all = vec![p.need];
        all.extend(needs.more_of(p));
        all
    }

    #[test]
    fn slots_listing_the_same_words_share_a_set() {
        // Words: 0 stalin, 1 general, 2 secretary, 3 the, 4 trotsky.
        let slots: Rows<WordId> = [vec![0], vec![1], vec![3], vec![2], vec![4], vec![0]]
            .into_iter()
            .collect();
        let mut phrases = [
            // "stalin general the secretary", "the" optional.
            phrase(0, 0, 4, 0b1011),
            // "trotsky stalin".
            phrase(1, 4, 2, 0b11),
        ];
        let needs = Needs::new(&mut phrases, &slots, &slots.distinct().0, 5);
        assert_eq!(needs.sets, 5, "none, stalin, general, secretary, trotsky");
        let stalin = needs.of_word.get(0);
        assert_eq!(stalin.len(), 1);
        assert!(needed(&needs, &phrases[1]).contains(&stalin[0]));
        assert!(
            needs.of_word.get(3).is_empty(),
            "an optional word is needed by none"
        );
        for (p, check) in phrases.iter().zip(&needs.checks) {
            assert_eq!(u32::from(check.term), p.term);
            let sets = needed(&needs, p);
            let held: Vec<u32> = check.sets.iter().map(|&s| u32::from(s)).collect();
            assert_eq!(&held[..sets.len()], sets, "its sets, rarest first");
            assert!(held[sets.len()..].iter().all(|&s| s == Needs::NONE));
        }
        assert!(needs.long.is_empty());
        let first = needed(&needs, &phrases[0]);
        assert_eq!(first.len(), 3);
        assert_eq!(
            first.last(),
            Some(&stalin[0]),
            "the set most phrases use comes last"
        );
    }

    #[test]
    fn a_phrase_needing_one_list_twice_needs_its_set_once() {
        let slots: Rows<WordId> = [vec![0, 1], vec![0, 1]].into_iter().collect();
        let mut phrases = [phrase(0, 0, 2, 0b11)];
        let needs = Needs::new(&mut phrases, &slots, &slots.distinct().0, 2);
        assert_eq!(needs.sets, 2);
        assert_eq!(needed(&needs, &phrases[0]), [1]);
        assert_eq!(needs.of_word.get(0), &[1]);
        assert_eq!(needs.of_word.get(1), &[1]);
    }

    #[test]
    fn a_phrase_with_no_required_slot_needs_nothing() {
        let slots: Rows<WordId> = [vec![0]].into_iter().collect();
        let mut phrases = [phrase(0, 0, 1, 0)];
        let needs = Needs::new(&mut phrases, &slots, &slots.distinct().0, 1);
        assert_eq!(needed(&needs, &phrases[0]), [Needs::NONE]);
        assert!(needs.of_word.get(0).is_empty());
    }

    #[test]
    fn a_phrase_needing_more_sets_than_a_check_holds_is_listed_apart() {
        let words = CHECK_SETS as u32 + 1;
        let slots: Rows<WordId> = (0..words).map(|w| vec![w]).collect();
        let mut phrases = [
            phrase(0, 0, words, (1 << words) - 1),
            phrase(1, 0, words - 1, (1 << (words - 1)) - 1),
        ];
        let needs = Needs::new(&mut phrases, &slots, &slots.distinct().0, words as usize);
        assert_eq!(needs.long, [0]);
        assert_eq!(needs.checks.len(), 1);
        assert_eq!(u32::from(needs.checks[0].term), phrases[1].term);
        assert!(
            needs.checks[0]
                .sets
                .iter()
                .all(|&s| u32::from(s) != Needs::NONE)
        );
    }

    #[test]
    fn a_phrase_numbered_past_what_a_check_holds_is_listed_apart() {
        assert!(Check::new(CHECK_IDS as u32 - 1, &[1, CHECK_IDS as u32 - 1]).is_some());
        assert_eq!(Check::new(CHECK_IDS as u32, &[1]), None, "term");
        assert_eq!(Check::new(3, &[1, CHECK_IDS as u32]), None, "set");
        assert_eq!(Check::new(3, &[1; CHECK_SETS + 1]), None, "too many sets");
    }
}
