#!/usr/bin/env bash
# Instructions to mark one warm 200-word answer (benches/mark.rs's answer,
# card 1 of the built-in six-card rubric), counted by callgrind: the bench
# binary marks it 1+N times with N = 10 and N = 110, and the difference
# over 100 is the cost of one answer (index, judge and result).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cargo bench --bench mark --no-run --message-format=json 2>/dev/null \
    | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "mark" and m.get("executable"):
        print(m["executable"])')
count() {
    local out
    out=$(mktemp)
    SELFMARK_MARK_ITERS=$1 valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    rm -f "$out"
}
a=$(count 10)
b=$(count 110)
echo "instructions per warm answer: $(( (b - a) / 100 ))"
