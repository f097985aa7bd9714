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

/// `mi_option_purge_delay`: its place in `mi_option_e` in the mimalloc v3
/// header that `libmimalloc-sys` builds (`c_src/mimalloc/v3/include/mimalloc.h`),
/// which the crate gives no name for.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps memory the program frees for its own reuse instead of handing it
/// back to the system. A batch frees each answer's results on one thread
/// after another thread made them; mimalloc hands such pages back a few
/// at a time (`madvise`), and the next answers fault them in and the
/// system zeroes them again: about a thousand faults in a 100,000-answer
/// batch, against under three hundred when they are kept. Peak memory is
/// the same, since the memory is reused rather than grown.
pub(crate) fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, which it reads each time it
    // would purge; it takes any value, and -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code.into(),
        Err(err) => {
            if err.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            // Its lines kept: a message may run over several.
            eprintln!("selfmark: {}", selfmark::text::visible(&err.message));
            ExitCode::from(err.code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    #[test]
    fn the_purge_delay_option_is_the_one_named() {
        // mimalloc v3 purges after 1000 ms unless told otherwise; no other
        // option near it in the list has that default.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
    }
}
