//! The result of marking one answer: the one type every output format
//! renders (human text, JSON, JSON Lines), so there is a single marking
//! path whatever the format. Its JSON is written by [`MarkResult::write_json`], the same
//! bytes `serde_json` writes for the derived impls, only sooner.

mod json;

use serde::{Deserialize, Serialize};

/// What the answer did with a rubric point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not present, negated, or contradicted by a misconception.
    Missing,
    /// Present and not negated.
    Identified,
    /// Present and linked by a causal connective to a consequence.
    Explained,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Identified => "identified",
            Status::Explained => "explained",
        }
    }
}

/// The student's own words that earned a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence, quoted from the answer.
    pub quote: String,
    /// The matched words, quoted from the answer.
    pub matched: String,
    /// Byte range of the matched words in the answer.
    pub start: usize,
    pub end: usize,
    /// Whether this sentence (with the next) explains the point.
    pub explained: bool,
}

/// One rubric point, as judged in this answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointResult {
    pub id: String,
    pub label: String,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    /// The hint, given when the point is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A misconception found in the answer, with its correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MisconceptionResult {
    pub id: String,
    /// The point it cancelled.
    pub point: String,
    pub correction: String,
    pub evidence: Evidence,
}

/// The estimated mark for one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkResult {
    /// The answer's id (from a batch line), if it has one.
    pub id: Option<String>,
    /// The card's id in the deck.
    pub question_id: String,
    /// The question, as printed on the paper.
    pub question: String,
    pub mark: u32,
    pub max: u32,
    /// The level of response (0–4); absent under the points scheme.
    pub level: Option<u8>,
    /// What answers at this level do.
    pub descriptor: String,
    pub points: Vec<PointResult>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<MisconceptionResult>,
    /// What would lift the answer to the next level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<String>,
    /// A note on the answer as a whole ("no answer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl MarkResult {
    pub fn count(&self, status: Status) -> usize {
        self.points.iter().filter(|p| p.status == status).count()
    }

    /// The points the answer made (identified or explained), in rubric order.
    pub fn made(&self) -> impl Iterator<Item = &PointResult> {
        self.points.iter().filter(|p| p.status != Status::Missing)
    }

    /// The points the answer missed, in rubric order.
    pub fn missed(&self) -> impl Iterator<Item = &PointResult> {
        self.points.iter().filter(|p| p.status == Status::Missing)
    }
}
