//! The seed deck and its rubric, built into the binary so that selfmark
//! works from any folder with no flags.

/// The Brainscape export of "How did Stalin gain and hold on to power?".
pub const DECK: &str = include_str!("../decks/stalin-power.txt");
/// Its file name, for messages.
pub const DECK_NAME: &str = "decks/stalin-power.txt (built in)";
/// The rubric for the seed deck.
pub const RUBRIC: &str = include_str!("../rubrics/stalin-power.json");
/// Its file name, for messages.
pub const RUBRIC_NAME: &str = "rubrics/stalin-power.json (built in)";
