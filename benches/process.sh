#!/usr/bin/env bash
# Wall time of a whole `selfmark mark` process (start, load and compile the
# built-in deck and rubric, mark the sample answer, print): the median and
# range of RUNS runs of the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-50}
cargo build --release --quiet
bin=target/release/selfmark
times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$bin" mark --question 1 tests/data/sample-answer.txt >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
awk -v n="$n" -v med="${sorted[$((n / 2))]}" -v lo="${sorted[0]}" -v hi="${sorted[$((n - 1))]}" \
  'BEGIN { printf "selfmark mark, %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n", n, med / 1000, lo / 1000, hi / 1000 }'
