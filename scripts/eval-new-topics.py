#!/usr/bin/env python3
"""Measures rubrics drafted by `selfmark rubric derive`, unedited, on the
new-topics marked set (tests/data/new-topics, see its README): decks on
topics outside the built-in deck, each card's answers written and marked by
hand by examiners blind to selfmark.

For each deck of the split it drafts a rubric from the deck alone (never
looking at the marks), marks the deck's answers with `selfmark batch`
against it, and compares the estimate with the examiner's mark: per deck,
per kind of answer and over the whole split, QWK (on the 0-6 scale the
marks share), exact agreement, agreement within one mark and mean signed
error, with the checks the issue sets (no bare list above 3 and no
irrelevant answer above 1 on a [6] card; strong answers within one mark).

The split is by deck and was fixed before any run: drafting is chosen on
`dev` alone, and `test` shows whether the choices carry over.

Usage: scripts/eval-new-topics.py [--split dev|test] [--bin PATH]
                                  [--keep DIR] [--json FILE] [--worst N]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from collections import OrderedDict, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = 7  # marks 0..6


def qwk(human, est):
    """Quadratic weighted kappa of two lists of integer marks in 0..6."""
    n = len(human)
    if n == 0:
        return float("nan")
    observed = [[0] * SCALE for _ in range(SCALE)]
    for h, e in zip(human, est):
        observed[h][e] += 1
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(SCALE)) for j in range(SCALE)]
    num = den = 0.0
    for i in range(SCALE):
        for j in range(SCALE):
            w = (i - j) ** 2 / (SCALE - 1) ** 2
            num += w * observed[i][j]
            den += w * rows[i] * cols[j] / n
    return 1.0 - num / den if den else float("nan")


def figures(pairs):
    human = [h for h, _ in pairs]
    est = [e for _, e in pairs]
    n = len(pairs)
    return {
        "n": n,
        "qwk": qwk(human, est),
        "exact": sum(h == e for h, e in pairs) / n if n else float("nan"),
        "within_one": sum(abs(h - e) <= 1 for h, e in pairs) / n if n else float("nan"),
        "mean_signed_error": sum(e - h for h, e in pairs) / n if n else float("nan"),
        "over_by_more_than_one": sum(e - h > 1 for h, e in pairs),
        "under_by_more_than_one": sum(h - e > 1 for h, e in pairs),
        "human_mean": sum(human) / n if n else float("nan"),
        "estimate_mean": sum(est) / n if n else float("nan"),
    }


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "selfmark"))
    ap.add_argument("--keep", help="keep the drafted rubrics in this folder")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst disagreements")
    ap.add_argument("--rows", help="write each answer's kind, examiner's mark and estimate to this JSON Lines file")
    args = ap.parse_args()

    folder = ROOT / "tests" / "data" / "new-topics" / args.split
    answers = [json.loads(l) for l in open(folder / "marked.jsonl", encoding="utf-8") if l.strip()]
    by_deck = OrderedDict()
    for a in answers:
        by_deck.setdefault(a["deck"], []).append(a)
    keep = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="selfmark-new-topics-"))
    keep.mkdir(parents=True, exist_ok=True)

    rows = []  # (deck, answer, estimate)
    for deck, items in by_deck.items():
        deck_path = folder / deck
        rubric = keep / (Path(deck).stem + ".rubric.json")
        p = run([args.bin, "rubric", "derive", str(deck_path), "-o", str(rubric)])
        if p.returncode != 0:
            sys.exit(f"rubric derive {deck_path} failed ({p.returncode}): {p.stderr.strip()}")
        lines = "".join(json.dumps({"id": a["id"], "question": a["question"], "answer": a["answer"]}) + "\n"
                        for a in items)
        p = run([args.bin, "batch", "-", "--format", "jsonl", "--deck", str(deck_path), "--rubric", str(rubric)],
                stdin=lines)
        if p.returncode not in (0, 3):
            sys.exit(f"batch on {deck} failed ({p.returncode}): {p.stderr.strip()}")
        results = {}
        for l in p.stdout.splitlines():
            r = json.loads(l)
            if "error" in r:
                sys.exit(f"{deck}: an answer was skipped: {r}")
            results[r["id"]] = r
        for a in items:
            rows.append((deck, a, results[a["id"]]))

    if args.rows:
        with open(args.rows, "w", encoding="utf-8") as f:
            for deck, a, r in rows:
                f.write(json.dumps({"id": a["id"], "deck": deck, "kind": a["kind"], "max": a["max"],
                                    "examiner": a["mark"], "selfmark": r["mark"], "level": r.get("level")}) + "\n")

    report = OrderedDict()
    report["split"] = args.split
    report["overall"] = figures([(a["mark"], r["mark"]) for _, a, r in rows])
    report["decks"] = OrderedDict(
        (d, figures([(a["mark"], r["mark"]) for dd, a, r in rows if dd == d])) for d in by_deck)
    kinds = defaultdict(list)
    for _, a, r in rows:
        kinds[a["kind"]].append((a["mark"], r["mark"]))
    report["kinds"] = OrderedDict((k, figures(v)) for k, v in sorted(kinds.items()))
    six = [(a, r) for _, a, r in rows if a.get("max") == 6]
    lists = [r["mark"] for a, r in six if a["kind"] == "list"]
    irrelevant = [r["mark"] for a, r in six if a["kind"] == "irrelevant"]
    strong = [(a["mark"], r["mark"]) for _, a, r in rows if a["kind"] == "strong"]
    report["checks"] = {
        "bare_lists_on_6_mark_cards_above_3": sum(m > 3 for m in lists),
        "bare_lists_on_6_mark_cards": len(lists),
        "irrelevant_on_6_mark_cards_above_1": sum(m > 1 for m in irrelevant),
        "irrelevant_on_6_mark_cards": len(irrelevant),
        "strong_within_one": sum(abs(h - e) <= 1 for h, e in strong) / len(strong) if strong else float("nan"),
    }

    def line(name, f):
        return (f"{name:<34} n={f['n']:>3}  QWK {f['qwk']:.3f}  exact {f['exact']:.1%}  "
                f"within one {f['within_one']:.1%}  bias {f['mean_signed_error']:+.2f}  "
                f"over>1 {f['over_by_more_than_one']:>2}  under>1 {f['under_by_more_than_one']:>2}")

    print(f"new-topics {args.split}: rubrics drafted by `rubric derive`, unedited (kept in {keep})")
    print(line("all answers", report["overall"]))
    for d, f in report["decks"].items():
        print(line(d, f))
    print("per kind:")
    for k, f in report["kinds"].items():
        print(line("  " + k, f) + f"  (examiner mean {f['human_mean']:.2f}, selfmark {f['estimate_mean']:.2f})")
    c = report["checks"]
    print(f"checks: bare lists on [6] cards above 3: {c['bare_lists_on_6_mark_cards_above_3']} of "
          f"{c['bare_lists_on_6_mark_cards']}; irrelevant above 1: {c['irrelevant_on_6_mark_cards_above_1']} of "
          f"{c['irrelevant_on_6_mark_cards']}; strong answers within one mark: {c['strong_within_one']:.1%}")
    if args.worst:
        print("worst disagreements:")
        worst = sorted(rows, key=lambda t: -abs(t[2]["mark"] - t[1]["mark"]))[: args.worst]
        for d, a, r in worst:
            print(f"  {a['id']} ({a['kind']}) examiner {a['mark']} selfmark {r['mark']}/{r['max']}: "
                  f"{a['answer'][:100]!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
