//! selfmark: marks free-text exam answers against a keyword rubric.
//!
//! The core is a one-way pipeline: a [`deck::Deck`] of cards and a
//! [`rubric::RubricSet`] are loaded, the rubric is compiled once into a
//! [`rubric::CompiledRubric`], and each answer flows through
//! text normalisation ([`text`]) → point matching ([`marker`]) → level and
//! mark ([`level`]) → a [`report::MarkResult`] that every output format
//! renders. The core never prints, never reads the terminal, never exits;
//! that is the job of the binary in `src/main.rs` and `src/cli/`.

pub mod agreement;
pub mod atomic;
pub mod builtin;
pub mod class;
pub mod clobber;
pub mod deck;
pub mod error;
pub mod level;
pub mod marker;
pub mod model;
pub mod output;
pub mod progress;
pub mod report;
pub mod rubric;
pub mod schedule;
pub mod text;
pub mod trace;

pub use deck::{Card, Deck};
pub use error::{DeckError, RubricError};
pub use report::{Evidence, MarkResult, PointResult, Status};
pub use rubric::{CompiledRubric, RubricSet};
