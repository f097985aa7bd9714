//! Spaced repetition for practice mode: when each card should come back.
//!
//! This is the FSRS-5 memory model (Free Spaced Repetition Scheduler),
//! implemented here from its published formulas rather than through the
//! `fsrs` crate, whose scheduler ships inside an optimiser crate (ndarray,
//! rayon, rand, …) that this offline marker does not need. Each card has a
//! *stability* S (days until recall probability falls to 90%) and a
//! *difficulty* D (1–10). Retrievability after `t` days is
//! `R = (1 + F·t/S)^C` with `C = -0.5` and `F = 19/81`, the FSRS-4.5/5
//! power curve: like FSRS-4's `(1 + t/(9·S))^-1` it gives R = 0.9 at t = S,
//! but it flattens more slowly. A review with grade G (1 Again, 2 Hard,
//! 3 Good, 4 Easy) updates S and D, and the card is due again when R would
//! reach the desired retention of 90%, i.e. after S days.
//!
//! The student rates each answer on Brainscape's "How well did you know
//! this?" scale, 1 (not at all) to 5 (perfectly); [`grade_for_rating`] maps
//! that to an FSRS grade, and [`default_rating`] proposes a rating from the
//! estimated mark. Time is always passed in: nothing here reads the clock.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// FSRS-5 default parameters w0–w18, as published with FSRS-5 (the
/// open-spaced-repetition "The Algorithm" wiki page, FSRS-5 section, and the
/// `DEFAULT_PARAMETERS` of py-fsrs 5 / fsrs-rs 1.x): fitted to the average
/// learner over a large corpus of Anki review logs.
const W: [f64; 19] = [
    0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925,
    1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
];

/// Exponent of the FSRS-4.5/5 forgetting curve.
const DECAY: f64 = -0.5;
/// Chosen so that R(S) = 0.9: 0.9^(1/DECAY) - 1 = 19/81.
const FACTOR: f64 = 19.0 / 81.0;
/// The probability of recall at which a card falls due.
pub const DESIRED_RETENTION: f64 = 0.9;
/// How soon a card answered "Again" comes back: one short relearning step,
/// so a missed card returns within the same practice session.
pub const RELEARN_STEP_MINUTES: i64 = 10;
/// The longest interval given, in days (about a hundred years).
pub const MAX_INTERVAL_DAYS: i64 = 36_500;

const MIN_STABILITY: f64 = 0.01;
const MIN_DIFFICULTY: f64 = 1.0;
const MAX_DIFFICULTY: f64 = 10.0;

/// An FSRS grade: how the recall went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Grade {
    fn value(self) -> f64 {
        f64::from(self as u8)
    }
}

/// Maps a "How well did you know this?" rating to an FSRS grade.
///
/// | rating | Brainscape says | grade | why |
/// |---|---|---|---|
/// | 1 | not at all | Again | forgotten: a lapse, back within minutes |
/// | 2 | not really | Hard | something recalled, with serious difficulty |
/// | 3 | kind of | Hard | half known (about half marks): kept, but its interval grows only a little, so it comes back soon |
/// | 4 | mostly | Good | known, with a slip or two |
/// | 5 | perfectly | Easy | known without effort |
///
/// Ratings 2 and 3 therefore schedule alike; the attempt log keeps the
/// student's own rating. A rating of 0 is read as 1 and one above 5 as 5.
pub fn grade_for_rating(rating: u8) -> Grade {
    match rating {
        0 | 1 => Grade::Again,
        2 | 3 => Grade::Hard,
        4 => Grade::Good,
        _ => Grade::Easy,
    }
}

/// The rating to offer by default for an answer given `mark` out of `max`.
///
/// Scaled from the six-mark question: 0–1 of 6 → 1, 2 → 2, 3 → 3, 4–5 → 4,
/// full marks → 5. In general, with f = mark/max: f ≤ 1/6 → 1, f ≤ 2/6 → 2,
/// f ≤ 3/6 → 3, f < 1 → 4, f = 1 → 5. A card worth no marks gives no
/// evidence either way and defaults to 3.
pub fn default_rating(mark: u32, max: u32) -> u8 {
    if max == 0 {
        return 3;
    }
    if mark >= max {
        return 5;
    }
    let (sixths, max) = (u64::from(mark) * 6, u64::from(max));
    if sixths <= max {
        1
    } else if sixths <= 2 * max {
        2
    } else if sixths <= 3 * max {
        3
    } else {
        4
    }
}

/// What the scheduler remembers about one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// Days until the probability of recall falls to 90%.
    pub stability: f64,
    /// How hard the card is for this student, 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// When the card was last reviewed.
    pub last_review: DateTime<Utc>,
    /// When the card should next be reviewed.
    pub due: DateTime<Utc>,
    /// How many times the card has been reviewed.
    pub reps: u32,
    /// How many times the card was forgotten (rated 1) after its first review.
    pub lapses: u32,
}

impl CardState {
    /// The estimated probability that the student recalls the card at `now`.
    pub fn retrievability(&self, now: DateTime<Utc>) -> f64 {
        retrievability(elapsed_days(self.last_review, now), self.stability)
    }

    /// Whether the card is due at `now`.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.due <= now
    }
}

/// Records a review of a card (`None` if it has never been reviewed) rated
/// `rating` (1–5, see [`grade_for_rating`]) at `now`, and returns its new state.
pub fn review(state: Option<&CardState>, rating: u8, now: DateTime<Utc>) -> CardState {
    let grade = grade_for_rating(rating);
    let (stability, difficulty) = memory_after(state, grade, now);
    let due = if grade == Grade::Again {
        now + Duration::minutes(RELEARN_STEP_MINUTES)
    } else {
        // Keep Hard < Good < Easy in days, as the parameters nearly always
        // do on their own, so a better rating never brings a card back sooner.
        let days = |g| interval_days(memory_after(state, g, now).0);
        let hard = days(Grade::Hard);
        let good = days(Grade::Good).max(hard + 1);
        let easy = days(Grade::Easy).max(good + 1);
        let chosen = match grade {
            Grade::Hard => hard,
            Grade::Good => good,
            _ => easy,
        };
        now + Duration::days(chosen.min(MAX_INTERVAL_DAYS))
    };
    let (reps, lapses) = match state {
        None => (1, 0),
        Some(s) => (
            s.reps.saturating_add(1),
            s.lapses + u32::from(grade == Grade::Again),
        ),
    };
    CardState {
        stability,
        difficulty,
        last_review: now,
        due,
        reps,
        lapses,
    }
}

/// Picks the card to practise next: the most overdue of the due cards;
/// else the first new card (no state) in deck order; else the card due
/// soonest. Ties keep deck order. `None` only for an empty slice.
pub fn next_card<K: Clone>(cards: &[(K, Option<&CardState>)], now: DateTime<Utc>) -> Option<K> {
    let due = cards
        .iter()
        .filter_map(|(k, s)| s.filter(|s| s.is_due(now)).map(|s| (k, s.due)))
        .min_by_key(|&(_, due)| due);
    if let Some((k, _)) = due {
        return Some(k.clone());
    }
    if let Some((k, _)) = cards.iter().find(|(_, s)| s.is_none()) {
        return Some(k.clone());
    }
    cards
        .iter()
        .filter_map(|(k, s)| s.map(|s| (k, s.due)))
        .min_by_key(|&(_, due)| due)
        .map(|(k, _)| k.clone())
}

/// Stability and difficulty after a review with `grade` at `now`.
fn memory_after(state: Option<&CardState>, grade: Grade, now: DateTime<Utc>) -> (f64, f64) {
    let Some(s) = state else {
        return (initial_stability(grade), initial_difficulty(grade));
    };
    let (last_s, last_d) = (s.stability.max(MIN_STABILITY), s.difficulty);
    let t = elapsed_days(s.last_review, now);
    let stability = if t < 1.0 {
        short_term_stability(last_s, grade)
    } else {
        let r = retrievability(t, last_s);
        if grade == Grade::Again {
            forget_stability(last_s, last_d, r)
        } else {
            recall_stability(last_s, last_d, r, grade)
        }
    };
    (
        stability.clamp(MIN_STABILITY, MAX_INTERVAL_DAYS as f64),
        next_difficulty(last_d, grade),
    )
}

fn elapsed_days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_seconds() as f64 / 86_400.0).max(0.0)
}

fn retrievability(t: f64, stability: f64) -> f64 {
    (1.0 + FACTOR * t / stability.max(MIN_STABILITY)).powf(DECAY)
}

/// Whole days until recall falls to [`DESIRED_RETENTION`]; at least one.
fn interval_days(stability: f64) -> i64 {
    let days = stability / FACTOR * (DESIRED_RETENTION.powf(1.0 / DECAY) - 1.0);
    (days.round() as i64).clamp(1, MAX_INTERVAL_DAYS)
}

/// S0(G) = w[G-1].
fn initial_stability(grade: Grade) -> f64 {
    W[grade as usize - 1].max(MIN_STABILITY)
}

/// D0(G) = w4 - e^(w5·(G-1)) + 1, unclamped (the mean-reversion target uses it).
fn raw_initial_difficulty(grade: Grade) -> f64 {
    W[4] - (W[5] * (grade.value() - 1.0)).exp() + 1.0
}

fn initial_difficulty(grade: Grade) -> f64 {
    raw_initial_difficulty(grade).clamp(MIN_DIFFICULTY, MAX_DIFFICULTY)
}

/// FSRS-5: ΔD = -w6·(G-3), damped linearly towards 10, then reverted by w7
/// towards D0(Easy).
fn next_difficulty(d: f64, grade: Grade) -> f64 {
    let delta = -W[6] * (grade.value() - 3.0);
    let damped = d + delta * (10.0 - d) / 9.0;
    let reverted = W[7] * raw_initial_difficulty(Grade::Easy) + (1.0 - W[7]) * damped;
    reverted.clamp(MIN_DIFFICULTY, MAX_DIFFICULTY)
}

/// S' = S·(e^w8·(11-D)·S^-w9·(e^(w10·(1-R)) - 1)·hard·easy + 1).
fn recall_stability(s: f64, d: f64, r: f64, grade: Grade) -> f64 {
    let hard_penalty = if grade == Grade::Hard { W[15] } else { 1.0 };
    let easy_bonus = if grade == Grade::Easy { W[16] } else { 1.0 };
    s * (W[8].exp()
        * (11.0 - d)
        * s.powf(-W[9])
        * ((W[10] * (1.0 - r)).exp() - 1.0)
        * hard_penalty
        * easy_bonus
        + 1.0)
}

/// S'f = w11·D^-w12·((S+1)^w13 - 1)·e^(w14·(1-R)), never above S/e^(w17·w18).
fn forget_stability(s: f64, d: f64, r: f64) -> f64 {
    let long_term =
        W[11] * d.powf(-W[12]) * ((s + 1.0).powf(W[13]) - 1.0) * (W[14] * (1.0 - r)).exp();
    long_term.min(s / (W[17] * W[18]).exp())
}

/// A review on the same day: S' = S·e^(w17·(G-3+w18)).
fn short_term_stability(s: f64, grade: Grade) -> f64 {
    s * (W[17] * (grade.value() - 3.0 + W[18])).exp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
    }

    #[test]
    fn lower_ratings_come_back_sooner_for_new_cards() {
        let dues: Vec<_> = (1..=5).map(|r| review(None, r, t0()).due).collect();
        assert!(dues[0] < dues[1], "again before hard");
        assert_eq!(dues[1], dues[2], "ratings 2 and 3 are both Hard");
        assert!(dues[2] < dues[3], "hard before good");
        assert!(dues[3] < dues[4], "good before easy");
        assert_eq!(dues[0], t0() + Duration::minutes(RELEARN_STEP_MINUTES));
    }

    #[test]
    fn lower_ratings_come_back_sooner_for_reviewed_cards() {
        let first = review(None, 4, t0());
        let at = first.due;
        let dues: Vec<_> = (1..=5).map(|r| review(Some(&first), r, at).due).collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
        assert!(dues[0] < dues[1] && dues[2] < dues[3] && dues[3] < dues[4]);
    }

    #[test]
    fn repeated_good_ratings_lengthen_the_interval() {
        let mut state = review(None, 4, t0());
        let mut last_interval = state.due - state.last_review;
        for _ in 0..6 {
            let now = state.due;
            state = review(Some(&state), 4, now);
            let interval = state.due - state.last_review;
            assert!(interval > last_interval, "{interval} !> {last_interval}");
            last_interval = interval;
        }
        assert_eq!(state.reps, 7);
        assert_eq!(state.lapses, 0);
    }

    #[test]
    fn forgetting_counts_a_lapse_and_shrinks_stability() {
        let learned = review(None, 4, t0());
        let forgot = review(Some(&learned), 1, learned.due);
        assert_eq!(forgot.lapses, 1);
        assert!(forgot.stability < learned.stability);
        assert!(forgot.difficulty > learned.difficulty);
        assert!(forgot.due < learned.due + Duration::days(1));
    }

    #[test]
    fn retrievability_is_ninety_percent_at_stability() {
        let state = review(None, 4, t0());
        let at = t0() + Duration::seconds((state.stability * 86_400.0) as i64);
        assert!((state.retrievability(at) - 0.9).abs() < 1e-3);
        assert!((state.retrievability(t0()) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn state_round_trips_through_json() {
        let state = review(None, 3, t0());
        let json = serde_json::to_string(&state).unwrap();
        let back: CardState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, state);
    }

    #[test]
    fn due_before_new_before_not_due() {
        let now = t0() + Duration::days(30);
        let a_bit_overdue = CardState {
            due: now - Duration::days(1),
            ..review(None, 4, t0())
        };
        let very_overdue = CardState {
            due: now - Duration::days(5),
            ..a_bit_overdue.clone()
        };
        let later = CardState {
            due: now + Duration::days(3),
            ..a_bit_overdue.clone()
        };
        let soon = CardState {
            due: now + Duration::days(1),
            ..a_bit_overdue.clone()
        };
        let all = [
            ("later", Some(&later)),
            ("new1", None),
            ("bit", Some(&a_bit_overdue)),
            ("very", Some(&very_overdue)),
            ("new2", None),
            ("soon", Some(&soon)),
        ];
        assert_eq!(next_card(&all, now), Some("very"));
        let no_very: Vec<_> = all.iter().filter(|c| c.0 != "very").cloned().collect();
        assert_eq!(next_card(&no_very, now), Some("bit"));
        let not_due: Vec<_> = no_very.iter().filter(|c| c.0 != "bit").cloned().collect();
        assert_eq!(next_card(&not_due, now), Some("new1"));
        let none_new: Vec<_> = not_due.iter().filter(|c| c.1.is_some()).cloned().collect();
        assert_eq!(next_card(&none_new, now), Some("soon"));
        assert_eq!(next_card::<&str>(&[], now), None);
    }

    #[test]
    fn default_rating_from_the_mark() {
        let six: Vec<u8> = (0..=6).map(|m| default_rating(m, 6)).collect();
        assert_eq!(six, [1, 1, 2, 3, 4, 4, 5]);
        let four: Vec<u8> = (0..=4).map(|m| default_rating(m, 4)).collect();
        assert_eq!(four, [1, 2, 3, 4, 5]);
        let twelve: Vec<u8> = (0..=12).map(|m| default_rating(m, 12)).collect();
        assert_eq!(twelve, [1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 5]);
        assert_eq!(default_rating(7, 6), 5);
        assert_eq!(default_rating(0, 0), 3);
    }

    #[test]
    fn ratings_map_to_grades() {
        let grades: Vec<Grade> = (0..=6).map(grade_for_rating).collect();
        use Grade::*;
        assert_eq!(grades, [Again, Again, Hard, Hard, Good, Easy, Easy]);
    }
}
