//! Counting the instructions a test spends in one function, with
//! callgrind: the test binary is run again as a child under `valgrind
//! --tool=callgrind`, running only the named test, with an environment
//! variable that tells the test it is the child and what to do; only the
//! instructions inside the named function are collected. Counting
//! instructions, not time, keeps a test of how work grows steady on a busy
//! machine. Shared by `tests/linear_marking.rs` and
//! `tests/derive_at_scale.rs`.

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Whether valgrind can be run. When it can't, a test says so and passes,
/// unless `SELFMARK_REQUIRE_VALGRIND=1` is set (as CI sets it).
pub fn available() -> bool {
    let have = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var("SELFMARK_REQUIRE_VALGRIND").as_deref() != Ok("1"),
            "valgrind is needed to count instructions and is not installed"
        );
        eprintln!("valgrind is not installed: instruction counts not checked");
    }
    have
}

/// Waits for `child` and returns what it printed, or fails the test if
/// it is still running after `limit`.
fn finish_within(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child
        .try_wait()
        .expect("the child can be waited on")
        .is_none()
    {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the child took over {limit:?} under callgrind: far from linear");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("the child's output")
}

/// The instructions spent inside functions matching `function` (a
/// callgrind `--toggle-collect` pattern) by this test binary run again as
/// a child, running test `test` alone with `var` set to `value`, in at
/// most `limit`.
pub fn instructions(
    test: &str,
    function: &str,
    (var, value): (&str, &str),
    limit: Duration,
) -> u64 {
    let exe = std::env::current_exe().expect("the test binary");
    let out_file = tempfile::NamedTempFile::new().expect("a temporary file");
    let child = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--toggle-collect={function}"))
        .arg(format!(
            "--callgrind-out-file={}",
            out_file.path().display()
        ))
        .arg(&exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(var, value)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("valgrind runs");
    let output = finish_within(child, limit);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the child ({var}={value}) failed:\n{stderr}"
    );
    let collected = stderr
        .lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no instruction count from callgrind:\n{stderr}"));
    collected.parse().expect("a count")
}
