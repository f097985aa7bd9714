//! The class summary, gathered one marked answer at a time: per card the
//! mark distribution, the mean and how often each rubric point was missed;
//! per student a mark per card. It holds no answer text, so its size
//! depends on the class and the deck, not on the length of the answers.

use super::Marked;
use crate::deck::Deck;
use crate::report::Status;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use smallvec::SmallVec;

/// How often one rubric point was missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointTally {
    pub id: String,
    pub label: String,
    pub missed: usize,
}

/// One card's marks across the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardSummary {
    /// The card's id in the deck.
    pub id: String,
    pub number: usize,
    /// The question as printed on the paper.
    pub question: String,
    pub max: u32,
    /// Answers marked.
    pub answered: usize,
    /// The class mean, when any answer was marked.
    pub mean: Option<f64>,
    /// How many answers got each mark, from 0 to `max`.
    pub distribution: Vec<usize>,
    /// The card's rubric points, in rubric order, with how many answers
    /// missed each.
    pub points: Vec<PointTally>,
    #[serde(skip)]
    total: u64,
}

/// One student's marks, one per card of the deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudentMarks {
    pub name: String,
    /// Indexed like the deck's cards; `None` where no answer was marked.
    pub marks: Vec<Option<u32>>,
    /// Indexed like `marks`: where in the card's point tallies the points
    /// the standing answer missed are, to take back if it is replaced.
    #[serde(skip)]
    missed: Vec<SmallVec<[u16; 12]>>,
}

impl StudentMarks {
    /// The sum of the student's marks.
    pub fn total(&self) -> u32 {
        self.marks.iter().flatten().sum()
    }
}

/// A rubric point the class missed, for the "most missed" chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedPoint {
    /// The card's index in the deck.
    pub card: usize,
    pub id: String,
    pub label: String,
    pub missed: usize,
    /// Answers to the card.
    pub answered: usize,
}

impl MissedPoint {
    /// The share of the card's answers that missed the point.
    pub fn share(&self) -> f64 {
        self.missed as f64 / self.answered.max(1) as f64
    }
}

/// The class's marks, per card and per student.
#[derive(Debug, Clone)]
pub struct ClassSummary {
    /// The deck's title.
    pub title: String,
    pub cards: Vec<CardSummary>,
    students: Vec<StudentMarks>,
    by_name: HashMap<String, usize>,
    /// Answers marked and then replaced by the same student's next.
    replaced: usize,
}

impl ClassSummary {
    /// An empty summary for the cards of `deck`.
    pub fn new(deck: &Deck) -> ClassSummary {
        let cards = deck
            .cards
            .iter()
            .map(|c| CardSummary {
                id: c.id.clone(),
                number: c.number,
                question: c.display_question(),
                max: c.max.unwrap_or(0),
                answered: 0,
                mean: None,
                distribution: Vec::new(),
                points: Vec::new(),
                total: 0,
            })
            .collect();
        ClassSummary {
            title: deck.title.clone(),
            cards,
            students: Vec::new(),
            by_name: HashMap::default(),
            replaced: 0,
        }
    }

    /// Adds one marked answer. Returns true when the student already had a
    /// mark for that card: the new one then stands (a resubmission
    /// replaces the first), in the student's row and in the card's figures
    /// alike, so the class mean is the mean of the marks shown.
    pub fn add(&mut self, m: &Marked) -> bool {
        let r = &m.result;
        let points = r
            .points
            .iter()
            .map(|p| (p.id.as_str(), p.label.as_str(), p.status));
        self.add_mark(&m.student, m.card, (r.mark, r.max), points)
    }

    /// Adds one marked answer given as all [`Self::add`] reads of it: the
    /// student, the card (its index in the deck), the (mark, max) and each
    /// point's id, label and status, in the card's order. Returns what
    /// [`Self::add`] does.
    pub fn add_mark<'p>(
        &mut self,
        student: &str,
        card: usize,
        (mark, max): (u32, u32),
        points: impl IntoIterator<Item = (&'p str, &'p str, Status)>,
    ) -> bool {
        let n = self.cards.len();
        let Some(tallies) = self.cards.get_mut(card) else {
            return false;
        };
        let i = match self.by_name.get(student) {
            Some(&i) => i,
            None => {
                self.by_name
                    .insert(student.to_string(), self.students.len());
                self.students.push(StudentMarks {
                    name: student.to_string(),
                    marks: vec![None; n],
                    missed: vec![SmallVec::new(); n],
                });
                self.students.len() - 1
            }
        };
        let standing = &mut self.students[i];
        let replaced = standing.marks[card].replace(mark);
        let mut missed = std::mem::take(&mut standing.missed[card]);
        if let Some(old) = replaced {
            self.replaced += 1;
            // Take the replaced answer out of the card's figures.
            tallies.distribution[old as usize] -= 1;
            tallies.answered -= 1;
            tallies.total -= u64::from(old);
            for &p in &missed {
                tallies.points[usize::from(p)].missed -= 1;
            }
            missed.clear();
        }
        tallies.max = tallies.max.max(max);
        let size = tallies.max.max(mark) as usize + 1;
        if tallies.distribution.len() < size {
            tallies.distribution.resize(size, 0);
        }
        tallies.distribution[mark as usize] += 1;
        tallies.answered += 1;
        tallies.total += u64::from(mark);
        tallies.mean = Some(tallies.total as f64 / tallies.answered as f64);
        let mut missed_at = |i: usize| {
            if let Ok(i) = u16::try_from(i) {
                missed.push(i);
            }
        };
        for (i, (id, label, status)) in points.into_iter().enumerate() {
            // A card's points come in rubric order, so the tally in the
            // same place is nearly always this point's (ids are unique).
            let at = match tallies.points.get(i) {
                Some(t) if t.id == id => Some(i),
                _ => tallies.points.iter().position(|t| t.id == id),
            };
            let at = at.unwrap_or_else(|| {
                tallies.points.push(PointTally {
                    id: id.to_string(),
                    label: label.to_string(),
                    missed: 0,
                });
                tallies.points.len() - 1
            });
            if status == Status::Missing {
                tallies.points[at].missed += 1;
                missed_at(at);
            }
        }
        self.students[i].missed[card] = missed;
        replaced.is_some()
    }

    /// Answers marked, over all cards, counting those a resubmission
    /// replaced.
    pub fn marked(&self) -> usize {
        self.cards.iter().map(|c| c.answered).sum::<usize>() + self.replaced
    }

    /// The students, sorted by name (ignoring case).
    pub fn students(&self) -> Vec<&StudentMarks> {
        let mut v: Vec<&StudentMarks> = self.students.iter().collect();
        v.sort_by(|a, b| (a.name.to_lowercase(), &a.name).cmp(&(b.name.to_lowercase(), &b.name)));
        v
    }

    /// Indexes of the cards anyone answered, in deck order: the columns of
    /// a class report.
    pub fn answered_cards(&self) -> Vec<usize> {
        (0..self.cards.len())
            .filter(|&i| self.cards[i].answered > 0)
            .collect()
    }

    /// The most a student could score on the cards anyone answered.
    pub fn max_total(&self) -> u32 {
        self.cards
            .iter()
            .filter(|c| c.answered > 0)
            .map(|c| c.max)
            .sum()
    }

    /// The rubric points missed by the largest share of the answers to
    /// their card, at most `n` of them; ties go to the larger count, then
    /// deck and rubric order.
    pub fn most_missed(&self, n: usize) -> Vec<MissedPoint> {
        let mut all: Vec<MissedPoint> = self
            .cards
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| {
                c.points
                    .iter()
                    .filter(|p| p.missed > 0)
                    .map(move |p| MissedPoint {
                        card: ci,
                        id: p.id.clone(),
                        label: p.label.clone(),
                        missed: p.missed,
                        answered: c.answered,
                    })
            })
            .collect();
        // Stable sort: equal points keep deck and rubric order.
        all.sort_by(|a, b| {
            b.share()
                .total_cmp(&a.share())
                .then(b.missed.cmp(&a.missed))
        });
        all.truncate(n);
        all
    }

    /// The summary as JSON: cards, students (with a total) and the most
    /// missed points.
    pub fn to_json(&self, skipped: usize) -> serde_json::Value {
        let students: Vec<serde_json::Value> = self
            .students()
            .into_iter()
            .map(|s| {
                let marks: serde_json::Map<String, serde_json::Value> = s
                    .marks
                    .iter()
                    .zip(&self.cards)
                    .filter_map(|(m, c)| m.map(|m| (c.id.clone(), m.into())))
                    .collect();
                serde_json::json!({ "name": s.name, "marks": marks, "total": s.total() })
            })
            .collect();
        serde_json::json!({
            "title": self.title,
            "marked": self.marked(),
            "skipped": skipped,
            "max_total": self.max_total(),
            "cards": self.cards,
            "students": students,
            "most_missed": self.most_missed(10),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{MarkResult, PointResult};

    fn deck() -> Deck {
        Deck::parse(
            "What is a stack?\tLast in, first out.\nWhat is a queue?\tFirst in, first out.\n",
            "d.tsv",
        )
        .unwrap()
    }

    fn marked(student: &str, card: usize, mark: u32, missed: &[&str]) -> Marked {
        let points = ["a", "b"]
            .iter()
            .map(|id| PointResult {
                id: id.to_string(),
                label: format!("point {id}"),
                status: if missed.contains(id) {
                    Status::Missing
                } else {
                    Status::Identified
                },
                evidence: Vec::new(),
                hint: None,
            })
            .collect();
        Marked {
            student: student.into(),
            card,
            result: MarkResult {
                id: None,
                question_id: (card + 1).to_string(),
                question: String::new(),
                mark,
                max: 2,
                level: None,
                descriptor: String::new(),
                points,
                misconceptions: Vec::new(),
                feedback: Vec::new(),
                note: None,
            },
            answer: None,
        }
    }

    #[test]
    fn gathers_distribution_mean_and_rows() {
        let mut s = ClassSummary::new(&deck());
        assert!(!s.add(&marked("bob", 0, 2, &[])));
        assert!(!s.add(&marked("Alice", 0, 0, &["a", "b"])));
        assert!(!s.add(&marked("alice", 1, 1, &["b"])));
        let c = &s.cards[0];
        assert_eq!(c.distribution, vec![1, 0, 1]);
        assert_eq!(c.mean, Some(1.0));
        let names: Vec<&str> = s.students().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Alice", "alice", "bob"]);
        assert_eq!(s.answered_cards(), [0, 1]);
        assert_eq!(s.max_total(), 4);
        let missed = s.most_missed(2);
        assert_eq!(
            (missed[0].card, missed[0].id.as_str(), missed[0].missed),
            (1, "b", 1)
        );
        assert_eq!((missed[1].card, missed[1].id.as_str()), (0, "a"));
    }

    #[test]
    fn a_resubmission_replaces_the_students_mark() {
        let mut s = ClassSummary::new(&deck());
        s.add(&marked("bob", 0, 0, &["a"]));
        s.add(&marked("amy", 0, 1, &["b"]));
        assert!(s.add(&marked("bob", 0, 2, &[])));
        assert_eq!(s.students()[1].marks[0], Some(2));
        // The card's figures are those of the marks that stand, so the
        // class mean is the mean of the rows.
        let c = &s.cards[0];
        assert_eq!(c.answered, 2);
        assert_eq!(c.distribution, vec![0, 1, 1]);
        assert_eq!(c.mean, Some(1.5));
        let missed: Vec<(&str, usize)> =
            c.points.iter().map(|p| (p.id.as_str(), p.missed)).collect();
        assert_eq!(missed, [("a", 0), ("b", 1)]);
        // Replaced again, by a mark that misses a point once more.
        assert!(s.add(&marked("bob", 0, 0, &["a", "b"])));
        let c = &s.cards[0];
        assert_eq!((c.answered, c.mean), (2, Some(0.5)));
        let missed: Vec<usize> = c.points.iter().map(|p| p.missed).collect();
        assert_eq!(missed, [1, 2]);
        assert_eq!(s.marked(), 4, "every answer marked is counted");
    }
}
