#!/usr/bin/env bash
# Checks that a change to the marker leaves every result byte-identical.
#
#   scripts/check-same-marks.sh record DIR   # before: save the outputs in DIR
#   scripts/check-same-marks.sh check DIR    # after: compare against DIR
#
# Marks, with the release binary: the dev and holdout sets; every example
# sentence of the built-in rubric against its own card and against every
# card; long multi-paragraph answers made of several set answers; every set
# answer against every card; a few edge cases; and `mark --explain` (JSON
# and human) on a sample of them. Needs python3 to build the inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: $0 record|check DIR}
dir=${2:?usage: $0 record|check DIR}
cargo build --release --quiet
bin=$PWD/target/release/selfmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"

python3 - "$work/in" <<'PY'
import json, random, sys
out_dir = sys.argv[1]
rub = json.load(open('rubrics/stalin-power.json'))
cards = [c['card'] for c in rub['cards']]
sets = [json.loads(l) for f in ('tests/data/dev-set.jsonl', 'tests/data/holdout-set.jsonl')
        for l in open(f) if l.strip()]
with open(f'{out_dir}/examples.jsonl', 'w') as own, open(f'{out_dir}/examples-all.jsonl', 'w') as every:
    n = 0
    for c in rub['cards']:
        for kind in ('points', 'misconceptions'):
            for p in c.get(kind, []):
                for k in ('match', 'no_match'):
                    for s in p.get('examples', {}).get(k, []):
                        n += 1
                        own.write(json.dumps({"id": f"ex{n}-{p['id']}-{k}", "question": c['card'], "answer": s}) + "\n")
                        for q in cards:
                            every.write(json.dumps({"id": f"ex{n}-{q}", "question": q, "answer": s}) + "\n")
random.seed(7)
with open(f'{out_dir}/long.jsonl', 'w') as out:
    for i in range(60):
        parts = random.sample(sets, random.randint(2, 6))
        sep = random.choice(["\n\n", " ", "\n- ", "\n• "])
        out.write(json.dumps({"id": f"long{i}", "question": random.choice(cards),
                              "answer": sep.join(p['answer'] for p in parts)}) + "\n")
    for j, d in enumerate(sets):
        for q in cards:
            out.write(json.dumps({"id": f"x{j}-{q}", "question": q, "answer": d['answer']}) + "\n")
    edges = ["", "   ", " ... !!! \n\n", "Stalin", "The N.K.V.D. arrested him. Then U.S.S.R troops came",
             "Zinóviev and Kámenev; Trotsky didn’t attend Lenin’s funeral — he wasnt told.",
             "Why did Trotsky lose the leadership struggle with Stalin? Trotsky lost the leadership struggle with Stalin."]
    for i, a in enumerate(edges):
        for q in cards:
            out.write(json.dumps({"id": f"edge{i}-{q}", "question": q, "answer": a}) + "\n")
# Single answers for `mark --explain`: card, then the answer text.
explain = [(d['question'], d['answer']) for d in sets]
explain += [(json.loads(l)['question'], json.loads(l)['answer'])
            for l in list(open(f'{out_dir}/long.jsonl'))[:20]]
explain += [(json.loads(l)['question'], json.loads(l)['answer'])
            for l in list(open(f'{out_dir}/examples.jsonl'))[::9]]
for i, (q, a) in enumerate(explain):
    with open(f'{out_dir}/explain-{i:03}-{q}.txt', 'w') as f:
        f.write(a)
PY

for f in tests/data/dev-set.jsonl tests/data/holdout-set.jsonl "$work"/in/*.jsonl; do
    "$bin" batch "$f" > "$work/out/batch-$(basename "$f")" || true
done
for f in "$work"/in/explain-*.txt; do
    name=$(basename "$f" .txt)
    card=${name##*-}
    # Run from the inputs folder: JSON output names the answer file.
    (cd "$work/in" && "$bin" mark -q "$card" --format json --explain "$name.txt") > "$work/out/$name.json" || true
    NO_COLOR=1 "$bin" mark -q "$card" --explain "$f" > "$work/out/$name.human" || true
done

case $mode in
record)
    rm -rf "$dir" && mkdir -p "$dir" && cp "$work"/out/* "$dir"/
    echo "recorded $(ls "$dir" | wc -l) outputs in $dir"
    ;;
check)
    if ! differ=$(diff -r -q "$dir" "$work/out"); then
        echo "$differ" | head -20 >&2
        echo "MARKS DIFFER from $dir ($(echo "$differ" | wc -l) outputs)" >&2
        exit 1
    else
        echo "same marks: $(ls "$dir" | wc -l) outputs identical"
    fi
    ;;
*) echo "usage: $0 record|check DIR" >&2; exit 2 ;;
esac
