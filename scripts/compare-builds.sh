#!/usr/bin/env bash
# Two builds of selfmark batch-marking the same folder in turn, to compare
# them on a machine whose speed drifts from run to run and day to day:
# runs OLD and NEW alternately ROUNDS times over DIR (JSON Lines to
# /dev/null, warm page cache) and prints each run's wall, user and system
# seconds, then each build's mean and fastest run (the machine has quiet
# and busy spells, so a mean mixes them), and the instructions each takes
# for the first 500 students' answers under callgrind on one thread
# (steady whatever the machine is doing).
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [ROUNDS] [DIR]
#
# ROUNDS defaults to 5, DIR to target/bench-batch/answers (made by
# scripts/bench-batch.sh). An old build is made with, for example:
#   git worktree add /tmp/old COMMIT && (cd /tmp/old && cargo build --release)
# Needs GNU time (/usr/bin/time) and valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,16p "$0" >&2; exit 2; }
old=$1; new=$2; rounds=${3:-5}; dir=${4:-target/bench-batch/answers}
for bin in "$old" "$new"; do
  [ -x "$bin" ] || { echo "compare-builds: $bin is not an executable" >&2; exit 2; }
done
[ -d "$dir" ] || { echo "compare-builds: $dir is not a folder; run scripts/bench-batch.sh first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare-builds: /usr/bin/time not found; apt-get install -y time" >&2; exit 2; }
times=$(mktemp)
trap 'rm -f "$times"' EXIT
find "$dir" -type f -print0 | xargs -0 cat > /dev/null
for _ in $(seq "$rounds"); do
  for label in old new; do
    bin=$old; [ "$label" = new ] && bin=$new
    code=0
    /usr/bin/time -f "%e %U %S" -o "$times" "$bin" batch "$dir" --format jsonl > /dev/null 2>&1 || code=$?
    # exit 3 (some inputs skipped) still measures a run
    [ "$code" -eq 0 ] || [ "$code" -eq 3 ] || { echo "compare-builds: $bin failed ($code)" >&2; exit 1; }
    read -r wall user sys < "$times"
    echo "$label $wall $user $sys"
  done
done | awk '
  { printf "%-4s wall %6.2f s  user %6.2f s  sys %5.2f s\n", $1, $2, $3, $4
    n[$1]++; w[$1] += $2; u[$1] += $3; s[$1] += $4
    if (!($1 in best) || $2 < best[$1]) best[$1] = $2 }
  END { split("old new", order, " "); for (i = 1; i <= 2; i++) { k = order[i]; printf "mean %-4s wall %6.2f s  user %6.2f s  sys %5.2f s  (%d runs; fastest %.2f s)\n", k, w[k] / n[k], u[k] / n[k], s[k] / n[k], n[k], best[k] } }'
abs=$(cd "$dir" && pwd)
# Hard links beside the class, not symbolic ones: batch follows no link
# leading outside the folder it marks (and an old build knows no
# --follow-links).
sample=$(mktemp -d "$(dirname "$abs")/sample.XXXXXX")
trap 'rm -f "$times"; rm -rf "$sample"' EXIT
for s in $(ls "$abs" | head -500); do cp -al "$abs/$s" "$sample/"; done
for label in old new; do
  bin=$old; [ "$label" = new ] && bin=$new
  n=$( (RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$bin" batch "$sample" --format jsonl 2>&1 >/dev/null || true) \
    | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,)
  echo "instructions $label (first 500 students, one thread): $n"
done
