#!/usr/bin/env bash
# End-to-end batch marking speed on a generated class: writes COUNT
# answers (about 150 words, the six cards in turn, seed 42) as
# target/bench-batch/answers/<student>/<card>.txt, then measures with a
# warm page cache:
#   - `cat` over the same files (listing and reading them),
#   - examples/read-answers: listing them and reading them on every core,
#     as batch does, and nothing else (the floor under any batch run),
#   - `selfmark batch DIR --format table` (read + mark, almost no output),
#   - `selfmark batch DIR --format jsonl` (read + mark + every result
#     written),
#   - `selfmark batch DIR --format html -o FILE` (every answer's feedback
#     slip spooled to disk, then the page written),
# with wall time, answers per second and peak memory.
#
#   scripts/bench-batch.sh [COUNT]        (default 100000)
#
# Needs GNU time (/usr/bin/time; apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
work=target/bench-batch
answers="$work/answers"
[ -x /usr/bin/time ] || { echo "bench-batch: /usr/bin/time not found; apt-get install -y time" >&2; exit 2; }

cargo build --release --quiet --bin selfmark --example generate-answers --example read-answers
if [ "$(cat "$work/count" 2>/dev/null)" != "$count" ]; then
  rm -rf "$answers"
  ./target/release/examples/generate-answers "$answers" "$count" 42
  echo "$count" > "$work/count"
fi
bytes=$(du -sb "$answers" | cut -f1)
echo "answers: $count files, $((bytes / 1024 / 1024)) MiB on disk, $(nproc) cores"

# Warm the page cache so every run reads from memory.
find "$answers" -type f -print0 | xargs -0 cat > /dev/null

measure() { # label, command...: prints wall seconds and peak RSS (KiB)
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || {
    local code=$?
    # exit 3 (some inputs skipped) still measures a run
    [ "$code" -eq 3 ] || { cat "$work/stderr.txt" >&2; exit "$code"; }
  }
  read -r wall rss < "$work/time.txt"
  awk -v l="$label" -v w="$wall" -v r="$rss" -v n="$count" \
    'BEGIN { rate = (w > 0) ? n / w : 0; printf "%-34s %7.2f s  %9.0f answers/s  peak %6.1f MB\n", l, w, rate, r / 1024 }'
  echo "$wall" > "$work/last-wall"
}

measure "cat (find | xargs cat)" sh -c "find '$answers' -type f -print0 | xargs -0 cat"
cat_wall=$(cat "$work/last-wall")
measure "list + read on $(nproc) cores (floor)" ./target/release/examples/read-answers "$answers"
measure "selfmark batch --format table" ./target/release/selfmark batch "$answers" --format table
measure "selfmark batch --format jsonl" ./target/release/selfmark batch "$answers" --format jsonl
jsonl_wall=$(cat "$work/last-wall")
awk -v j="$jsonl_wall" -v c="$cat_wall" 'BEGIN { if (c > 0) printf "jsonl wall / cat wall: %.1fx\n", j / c }'
measure "selfmark batch --format html -o FILE" ./target/release/selfmark batch "$answers" --format html -o "$work/class.html"
rm -f "$work/class.html"
