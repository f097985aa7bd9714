//! The `selfmark` binary: a thin edge over the library. It parses flags,
//! loads inputs, calls the core, prints, and maps failures to exit codes
//! (0 success, 1 a check failed, 2 usage/input/rubric error, 3 a batch
//! skipped some inputs). A closed pipe on stdout ends the run quietly.

mod cli;

use std::process::ExitCode;

/// The allocator: answers are marked on several threads at once, each
/// making many small short-lived allocations, which mimalloc serves with
/// less time and contention than the system allocator (see
/// `scripts/bench-batch.sh`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code.into(),
        Err(err) => {
            if err.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            eprintln!("selfmark: {err}");
            ExitCode::from(err.code)
        }
    }
}
