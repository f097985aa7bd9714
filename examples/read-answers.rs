//! The floor under `selfmark batch` from a folder: lists every file under
//! an answers folder (names sorted at each level) and reads each one on
//! THREADS threads, doing nothing else, and prints how long that took.
//! Whatever the marker costs, batch marking a folder can't be faster.
//!
//!     cargo run --release --example read-answers -- DIR [THREADS]
//!
//! THREADS defaults to the number of cores.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Every file under `dir`, in sorted order at each level.
fn list(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)?
        .map(|e| {
            let e = e?;
            Ok((e.path(), e.file_type()?.is_dir()))
        })
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            list(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads each file whole into one reused buffer; gives the bytes read.
fn read_all(files: &[PathBuf]) -> std::io::Result<u64> {
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut bytes = 0;
    for path in files {
        buf.clear();
        std::fs::File::open(path)?.read_to_end(&mut buf)?;
        bytes += buf.len() as u64;
    }
    Ok(bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: read-answers DIR [THREADS]");
        std::process::exit(2);
    };
    let threads = match args.get(1).map(|s| s.parse::<usize>()) {
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("read-answers: THREADS must be a whole number above 0");
            std::process::exit(2);
        }
    };
    let fail = |e: std::io::Error| -> ! {
        eprintln!("read-answers: {dir}: {e}");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut files = Vec::new();
    list(Path::new(dir), &mut files).unwrap_or_else(|e| fail(e));
    let listed = start.elapsed();
    let share = files.len().div_ceil(threads).max(1);
    let bytes: u64 = std::thread::scope(|scope| {
        let readers: Vec<_> = files
            .chunks(share)
            .map(|part| scope.spawn(move || read_all(part)))
            .collect();
        readers
            .into_iter()
            .map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .sum::<std::io::Result<u64>>()
    })
    .unwrap_or_else(|e| fail(e));
    let all = start.elapsed();
    let secs = all.as_secs_f64();
    println!(
        "{} files, {} MiB, {threads} thread{}: listed in {:.2} s, read in {:.2} s, {:.2} s in all ({:.0} files/s)",
        files.len(),
        bytes / (1024 * 1024),
        if threads == 1 { "" } else { "s" },
        listed.as_secs_f64(),
        (all - listed).as_secs_f64(),
        secs,
        files.len() as f64 / secs.max(f64::MIN_POSITIVE),
    );
}
