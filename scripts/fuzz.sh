#!/usr/bin/env bash
# Fuzzes selfmark with cargo-fuzz (libFuzzer): the deck parsers (and a
# rubric drafted from each deck that parses), the rubric loader and the
# marker on arbitrary answer text. Runs on the stable toolchain without a
# sanitizer (Rust's own checks still catch panics, overflows and bad
# slicing). New inputs that reach new code are added to fuzz/corpus/; a
# crash is saved in fuzz/artifacts/ and fails the run.
#
# Usage:
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   explore (default 300 s a target)
#   scripts/fuzz.sh --smoke                CI's smoke run: a fixed seed and
#                                          number of executions a target
#                                          (about ten seconds each), so it
#                                          does the same work on every run;
#                                          what it finds goes to
#                                          target/fuzz-smoke/, not the corpus
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
secs="${1:-300}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
mkdir -p target
for t in deck rubric mark; do
  if [ "$smoke" = 1 ]; then
    case "$t" in deck) runs=2000 ;; rubric) runs=20000 ;; *) runs=5000 ;; esac
    echo "fuzz: $t for $runs runs, seed 20261128"
    mkdir -p "target/fuzz-smoke/$t"
    args=("target/fuzz-smoke/$t" "fuzz/corpus/$t" -- "-runs=$runs" -seed=20261128)
  else
    echo "fuzz: $t for ${secs}s"
    args=(-- "-max_total_time=$secs")
  fi
  cargo fuzz run --sanitizer none "$t" "${args[@]}" \
    -max_len=65536 -timeout=10 -print_final_stats=1 \
    >"target/fuzz-$t.log" 2>&1 || {
      grep -A3 "panicked at" "target/fuzz-$t.log" || true
      tail -40 "target/fuzz-$t.log"
      exit 1
    }
  grep -E '^Done|stat::number_of_executed_units|stat::peak_rss_mb' "target/fuzz-$t.log" || true
done
