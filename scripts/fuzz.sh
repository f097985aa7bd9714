#!/usr/bin/env bash
# Fuzzes selfmark with cargo-fuzz (libFuzzer): the deck parsers (and a
# rubric drafted from each deck that parses), the rubric loader and the
# marker on arbitrary answer text. Runs on the stable toolchain without a
# sanitizer (Rust's own checks still catch panics, overflows and bad
# slicing). New inputs that reach new code are added to fuzz/corpus/; a
# crash is saved in fuzz/artifacts/ and fails the run.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 300; CI uses 10)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-300}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
mkdir -p target
for t in deck rubric mark; do
  echo "fuzz: $t for ${secs}s"
  cargo fuzz run --sanitizer none "$t" -- \
    -max_total_time="$secs" -max_len=65536 -timeout=10 -print_final_stats=1 \
    >"target/fuzz-$t.log" 2>&1 || { tail -40 "target/fuzz-$t.log"; exit 1; }
  grep -E '^Done|stat::number_of_executed_units|stat::peak_rss_mb' "target/fuzz-$t.log" || true
done
