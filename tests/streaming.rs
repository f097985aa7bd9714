//! `selfmark batch - --format jsonl` as a streaming filter under an engine
//! that pipes lines through it (Hadoop Streaming, Spark's `rdd.pipe`, GNU
//! parallel `--pipe`): a result line for every input line, in order, each
//! written as soon as it is ready, and memory that stays flat however
//! long the input. Each test drives the real binary through pipes.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a test waits for a result line before it fails: generous, for
/// a debug build on a busy machine; a hang would otherwise last forever.
const PATIENCE: Duration = Duration::from_secs(120);

const ANSWER: &str = "Stalin was General Secretary, so he could appoint his supporters to \
important jobs, which meant they voted for him.";

/// A running `selfmark batch - --format jsonl`, killed if a test fails
/// before it ends.
struct Filter {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Its stdout, a line at a time, read on a thread of its own.
    lines: Receiver<String>,
}

impl Filter {
    fn start() -> Filter {
        let mut child = Command::new(env!("CARGO_BIN_EXE_selfmark"))
            .args(["batch", "-", "--format", "jsonl"])
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("selfmark starts");
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines() {
                if tx.send(line.expect("stdout is UTF-8")).is_err() {
                    break;
                }
            }
        });
        Filter {
            child,
            stdin,
            lines,
        }
    }

    /// Writes `bytes` to its stdin (unbuffered: they reach the pipe now).
    fn write(&mut self, bytes: &[u8]) {
        self.stdin.as_mut().unwrap().write_all(bytes).unwrap();
    }

    /// The next result line, failing after [`PATIENCE`].
    fn next_line(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(PATIENCE)
            .expect("a result line within the time allowed");
        serde_json::from_str(&line).unwrap()
    }

    /// Closes its stdin and waits for it: its exit code.
    fn finish(mut self) -> Option<i32> {
        drop(self.stdin.take());
        self.child.wait().unwrap().code()
    }
}

impl Drop for Filter {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn record(id: &str, question: &str, answer: &str) -> String {
    serde_json::json!({"id": id, "question": question, "answer": answer}).to_string() + "\n"
}

#[test]
fn streaming_results_appear_before_input_ends() {
    // A writer that sends a line and waits for its result before sending
    // the next: with the input held open, each result must come on its
    // own (no waiting for a chunk's worth of lines, or for the end).
    let mut filter = Filter::start();
    filter.write(record("first", "1", ANSWER).as_bytes());
    let first = filter.next_line();
    assert_eq!(first["id"], "first");
    assert!(first["mark"].as_u64().unwrap() > 0, "{first}");
    filter.write(b"{not json\n");
    let second = filter.next_line();
    assert_eq!(second["line"], 2, "{second}");
    filter.write(record("third", "3", "The NKVD arrested people.").as_bytes());
    assert_eq!(filter.next_line()["id"], "third");
    assert_eq!(filter.finish(), Some(3));
}

#[test]
fn streaming_gives_one_line_per_input_line_in_order() {
    // What each input line is: a record to mark (its id), or a line to
    // skip, whose result is an error line naming it.
    enum Line {
        Marked(&'static str),
        Skipped,
    }
    use Line::{Marked, Skipped};
    let overlong = format!(
        "{{\"id\":\"long\",\"question\":\"1\",\"answer\":\"{}\"}}\n",
        "a".repeat(17 << 20)
    );
    let wordy = "word ".repeat(20_001);
    let lines: Vec<(Vec<u8>, Line)> = vec![
        (record("a", "1", ANSWER).into(), Marked("a")),
        (b"\n".to_vec(), Skipped),
        (b"{not json\n".to_vec(), Skipped),
        (record("b", "99", ANSWER).into(), Skipped),
        (b"   \t\r\n".to_vec(), Skipped),
        (
            b"{\"id\":\"c\",\"question\":\"1\",\"answer\":\"caf\xe9\"}\n".to_vec(),
            Skipped,
        ),
        (
            record("d", "2", "The purges removed rivals.")
                .replace('\n', "\r\n")
                .into(),
            Marked("d"),
        ),
        // The same student and card again: a line of its own too.
        (
            record("a", "1", "Trotsky was arrogant.").into(),
            Marked("a"),
        ),
        (overlong.into(), Skipped),
        (
            b"{\"id\":\"e\",\"question\":\"1\",\"answer\":\"a\0b\"}\n".to_vec(),
            Skipped,
        ),
        (record("f", "1", &wordy).into(), Skipped),
        (
            b"{\"id\":\"g\",\"question\":\"1\",\"answer\":\"x\",\"extra\":1}\n".to_vec(),
            Skipped,
        ),
        (b"\n".to_vec(), Skipped),
        // The last line, with no line end.
        (
            record("h", "3", "The NKVD arrested people.")
                .trim_end()
                .into(),
            Marked("h"),
        ),
    ];
    let input: Vec<u8> = lines.iter().flat_map(|(l, _)| l.clone()).collect();

    let out = assert_cmd::Command::cargo_bin("selfmark")
        .unwrap()
        .args(["batch", "-", "--format", "jsonl"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let results: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), lines.len(), "{stdout}");
    for (n, ((_, line), result)) in lines.iter().zip(&results).enumerate() {
        match line {
            Marked(id) => {
                assert_eq!(result["id"], *id, "line {}: {result}", n + 1);
                assert!(result["mark"].is_u64(), "line {}: {result}", n + 1);
            }
            Skipped => {
                assert_eq!(result["line"], n + 1, "{result}");
                assert!(result["error"].is_string(), "line {}: {result}", n + 1);
            }
        }
    }
    // Every skipped line is named on stderr too.
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (n, (_, line)) in lines.iter().enumerate() {
        if matches!(line, Skipped) {
            assert!(stderr.contains(&format!("<stdin>:{}:", n + 1)), "{stderr}");
        }
    }

    // The same lines from a file give the same results.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let from_file = assert_cmd::Command::cargo_bin("selfmark")
        .unwrap()
        .current_dir(dir.path())
        .args(["batch", "in.jsonl", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(from_file.status.code(), Some(3));
    assert_eq!(String::from_utf8(from_file.stdout).unwrap(), stdout);
}

/// The peak memory (VmHWM, KiB) of `batch - --format jsonl` over `count`
/// generated lines, some of them lines to skip, read from /proc while it
/// waits for more input once it has written a result for every line.
/// Each student's id is a kilobyte long, so that anything kept for every
/// line (a student's marks, a skipped line's warning) soon shows.
fn peak_kib(count: usize) -> u64 {
    let answers = [
        ANSWER,
        "The NKVD arrested and tortured people, so everyone was too scared to speak out.",
        "Trotsky missed Lenin's funeral.",
        "The purges removed anyone who could challenge Stalin.",
    ];
    let mut filter = Filter::start();
    let mut stdin = filter.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut out = std::io::BufWriter::new(&mut stdin);
        for i in 0..count {
            // Every student a new one, and every 8th line one to skip.
            let id = id(i);
            let line = match i % 16 {
                7 => "{not json\n".to_string(),
                15 => record(&id, "99", "x"),
                _ => record(&id, &(1 + i % 6).to_string(), answers[i % 4]),
            };
            out.write_all(line.as_bytes()).unwrap();
        }
        out.flush().unwrap();
        drop(out);
        // Kept open: the filter is measured while it waits for more.
        stdin
    });
    for i in 0..count {
        let result = filter.next_line();
        if i % 16 != 7 && i % 16 != 15 {
            assert_eq!(result["id"], id(i));
        }
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", filter.child.id())).unwrap();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    filter.stdin = Some(writer.join().unwrap());
    assert_eq!(filter.finish(), Some(3));
    peak
}

/// Student `i`'s id, 1,024 bytes long.
fn id(i: usize) -> String {
    format!("{i:s>1024}")
}

#[test]
fn streaming_memory_stays_flat() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("skipped: peak memory is read from /proc/PID/status, which this system lacks");
        return;
    }
    // A million lines in an optimised build (`cargo test --release`); a
    // debug build marks ten times slower or more, and is given 50,000,
    // still enough that keeping a little of every line would show.
    let long = if cfg!(debug_assertions) {
        50_000
    } else {
        1_000_000
    };
    let short = peak_kib(10_000);
    let peak = peak_kib(long);
    eprintln!("peak memory: {short} KiB for 10,000 lines, {peak} KiB for {long}");
    // Room for what is kept but not per line: the chunks in hand (up to
    // three of 2,048 results, 8-9 MB each here) and the memory the
    // allocator keeps for reuse, which depends on how the lines happened
    // to arrive and levels off slowly. In release builds 10,000 of these
    // lines peaked at 57-59 MB, a million at 78-94 MB and three million at
    // 84-94 MB; keeping each line's student and skipped line, as `batch`
    // once did, added 90 MB by 50,000 lines in a debug build.
    assert!(
        peak < short + 48 * 1024,
        "peak memory grew with the input: {short} KiB for 10,000 lines, {peak} KiB for {long}"
    );
}
