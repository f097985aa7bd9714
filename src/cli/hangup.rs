//! SIGTERM and SIGHUP during an interactive practice session (the terminal
//! closed, a logout, a `kill`) end it the way Ctrl-C does: an answer that
//! is marked and waiting at the rating prompt is saved with the default
//! rating, and the session ends (exit 0; 2 when the save fails).
//!
//! The line editor holds the terminal in raw mode and reads again when a
//! signal interrupts a read, so the signals can't be turned into a key it
//! returns. They are taken instead on a thread of their own (signal-hook),
//! which saves the waiting attempt itself, puts the terminal back as it was
//! before the session and ends the process. One lock decides who saves a
//! rated answer: the prompt's thread once it has its rating, or the
//! signal's thread while it waits, never both and never neither.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Saves the attempt waiting at the rating prompt with the default rating,
/// giving what to tell the student, or why it could not be saved.
pub type Waiting = Box<dyn FnOnce() -> Result<String, String> + Send>;

/// The slot for the attempt waiting for its rating.
type Slot = std::sync::Arc<Mutex<Option<Waiting>>>;

fn lock(slot: &Mutex<Option<Waiting>>) -> MutexGuard<'_, Option<Waiting>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// SIGTERM and SIGHUP taken for a practice session, until dropped.
pub struct Hangup {
    waiting: Slot,
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    #[cfg(unix)]
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Hangup {
    /// Takes the signals, remembering the terminal's settings as they are
    /// now (before the line editor changes them) to put back at the end.
    #[cfg(unix)]
    pub fn install() -> std::io::Result<Hangup> {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let waiting = Slot::default();
        let terminal = nix::sys::termios::tcgetattr(std::io::stdin()).ok();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        let handle = signals.handle();
        let slot = Slot::clone(&waiting);
        let thread = std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let name = if signal == SIGHUP {
                    "SIGHUP"
                } else {
                    "SIGTERM"
                };
                end(name, &slot, terminal.as_ref());
            }
        });
        Ok(Hangup {
            waiting,
            handle,
            thread: Some(thread),
        })
    }

    /// Elsewhere the signals end the process as they always did.
    #[cfg(not(unix))]
    pub fn install() -> std::io::Result<Hangup> {
        Ok(Hangup {
            waiting: Slot::default(),
        })
    }

    /// The student is asked for a rating: a signal now saves with `save`.
    pub fn wait_with(&self, save: Waiting) {
        *lock(&self.waiting) = Some(save);
    }

    /// The prompt is over (rated, or failed): the waiting save is dropped,
    /// and a signal now waits until the guard returned is dropped, so hold
    /// it while saving the attempt here. When a signal's thread took the
    /// attempt first, this never returns: that thread saves it and ends
    /// the process.
    pub fn settle(&self) -> MutexGuard<'_, Option<Waiting>> {
        let mut slot = lock(&self.waiting);
        slot.take();
        slot
    }
}

#[cfg(unix)]
impl Drop for Hangup {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Ends the session on signal `name`: saves the attempt waiting for its
/// rating, if one is, puts the terminal back, says so on stderr and exits.
#[cfg(unix)]
fn end(name: &str, slot: &Mutex<Option<Waiting>>, terminal: Option<&nix::sys::termios::Termios>) {
    use std::io::Write;
    // Held until the process ends: the prompt's thread saves nothing now.
    let mut waiting = lock(slot);
    let saved = waiting.take().map(|save| save());
    if let Some(settings) = terminal {
        // After a hang-up there is no terminal to put back.
        let _ = nix::sys::termios::tcsetattr(
            std::io::stdin(),
            nix::sys::termios::SetArg::TCSANOW,
            settings,
        );
    }
    let (said, code) = match saved {
        None => ("answers already rated are saved".to_string(), 0),
        Some(Ok(said)) => (said, 0),
        Some(Err(why)) => (why, 2),
    };
    let line = format!("{name}: the session ended; {said}");
    // Nowhere to say it after a hang-up: the attempt is saved all the same.
    let _ = writeln!(
        std::io::stderr(),
        "\nselfmark: {}",
        selfmark::text::visible_line(&line)
    );
    std::process::exit(code);
}
