#!/usr/bin/env python3
"""Measures `selfmark rubric derive` + `selfmark batch` on public datasets of
real students' short answers with human marks (../shared/data, see its
README): Mohler (0-5, mean of two markers) and Powergrading (0/1, majority
of three). For each dataset it builds a deck from each question and its
reference answer, derives the rubric the same way for every question (never
looking at the human scores), marks every answer with `batch`, and writes
the figures per dataset and per question to tests/data/eval-results.md and
.json.

Mapping to the dataset's scale (stated, uses no scores): a derived rubric
gives each claim of the reference answer a mark, and a second mark for
making it in full where part of it can be made (see `rubric derive`), so
mark / max is the share of the reference made; Mohler's estimate is
5 x mark / max, and Powergrading's is 1 when the answer earns at least half
the marks (mark / max >= 1/2), else 0.

Dev and test halves: each dataset's questions, in file order, alternate
between a dev half (1st, 3rd, ...) and a test half (2nd, 4th, ...), and
the figures are given for each half as well as overall. A change to how
rubrics are derived is chosen by its dev figures alone; the test half says
whether it carried over to questions it was not chosen on.

Usage: scripts/eval-datasets.py [--data DIR] [--bin PATH]
Skips, with a message, any dataset that is absent.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import OrderedDict, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


def rmse(xs, ys):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(xs, ys)) / len(xs))


def kappa(xs, ys):
    n = len(xs)
    labels = sorted(set(xs) | set(ys))
    po = sum(1 for x, y in zip(xs, ys) if x == y) / n
    pe = sum((xs.count(l) / n) * (ys.count(l) / n) for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def accuracy(xs, ys):
    return sum(1 for x, y in zip(xs, ys) if x == y) / len(xs)


def paired(rows, marks, estimate, human_score):
    """Estimates and human scores of every marked answer, overall and per
    question: (estimates, human scores, {question: (estimates, scores)})."""
    est, human, per_q = [], [], defaultdict(lambda: ([], []))
    for r in rows:
        m = marks.get(str(r["answer_id"]))
        if m is None:
            continue
        e, h = estimate(m), human_score(r)
        est.append(e)
        human.append(h)
        per_q[str(r["question_id"])][0].append(e)
        per_q[str(r["question_id"])][1].append(h)
    return est, human, per_q


def halves(per_q):
    """The dev and test halves of per-question pairs: questions in file
    order alternate dev, test, dev, ..."""
    dev, test = ([], []), ([], [])
    for i, (e, h) in enumerate(per_q.values()):
        half = dev if i % 2 == 0 else test
        half[0].extend(e)
        half[1].extend(h)
    return {"dev": dev, "test": test}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode not in (0, 3):
        sys.exit(f"eval-datasets: {' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def mark_dataset(name, rows, selfmark, work):
    """Builds the deck, derives the rubric, batch-marks; returns {answer_id: (mark, max)}."""
    questions = OrderedDict()
    for r in rows:
        questions.setdefault(str(r["question_id"]), (r["question"], r["reference_answer"]))
    deck = {
        "title": f"{name} (from its reference answers)",
        "cards": [
            {"id": f"q{qid}", "question": q, "answer": ref}
            for qid, (q, ref) in questions.items()
        ],
    }
    deck_path = work / f"{name}-deck.json"
    deck_path.write_text(json.dumps(deck, ensure_ascii=False))
    rubric_path = work / f"{name}-rubric.json"
    run([selfmark, "rubric", "derive", str(deck_path), "-o", str(rubric_path)])
    answers_path = work / f"{name}-answers.jsonl"
    with answers_path.open("w") as f:
        for r in rows:
            f.write(json.dumps({"id": str(r["answer_id"]), "question": f"q{r['question_id']}",
                                "answer": r["answer"]}, ensure_ascii=False) + "\n")
    out = run([selfmark, "batch", str(answers_path), "--deck", str(deck_path),
               "--rubric", str(rubric_path), "--format", "jsonl"])
    marks = {}
    for line in out.splitlines():
        rec = json.loads(line)
        if "error" in rec:
            continue
        marks[rec["id"]] = (rec["mark"], rec["max"])
    return questions, marks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "selfmark"))
    ap.add_argument("--out", default=str(ROOT / "tests" / "data" / "eval-results"))
    ap.add_argument("--work", help="keep the decks, rubrics and answers here")
    args = ap.parse_args()
    data = Path(args.data)
    if not Path(args.bin).exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        mohler = data / "mohler" / "mohler.jsonl"
        if mohler.exists():
            rows = [json.loads(l) for l in mohler.open()]
            questions, marks = mark_dataset("mohler", rows, args.bin, work)
            est, human, per_q = paired(rows, marks,
                                       lambda m: 5.0 * m[0] / m[1] if m[1] else 0.0,
                                       lambda r: float(r["score"]))
            results["mohler"] = {
                "answers": len(est), "questions": len(questions),
                "pearson_r": pearson(est, human), "rmse": rmse(est, human),
                "mean_estimate": sum(est) / len(est), "mean_human": sum(human) / len(human),
                "halves": {
                    k: {"n": len(e), "pearson_r": pearson(e, h), "rmse": rmse(e, h)}
                    for k, (e, h) in halves(per_q).items()
                },
                "per_question": {
                    q: {"n": len(e), "pearson_r": pearson(e, h), "rmse": rmse(e, h)}
                    for q, (e, h) in per_q.items()
                },
            }
        else:
            print(f"eval-datasets: {mohler} is absent; skipping Mohler", file=sys.stderr)
        power = data / "powergrading" / "powergrading.jsonl"
        if power.exists():
            rows = [json.loads(l) for l in power.open()]
            questions, marks = mark_dataset("powergrading", rows, args.bin, work)
            est, human, per_q = paired(rows, marks,
                                       lambda m: 1 if 2 * m[0] >= m[1] > 0 else 0,
                                       lambda r: int(r["score_majority"]))
            results["powergrading"] = {
                "answers": len(est), "questions": len(questions),
                "accuracy": accuracy(est, human), "cohen_kappa": kappa(est, human),
                "halves": {
                    k: {"n": len(e), "accuracy": accuracy(e, h), "cohen_kappa": kappa(e, h)}
                    for k, (e, h) in halves(per_q).items()
                },
                "per_question": {
                    q: {"n": len(e), "accuracy": accuracy(e, h), "cohen_kappa": kappa(e, h)}
                    for q, (e, h) in per_q.items()
                },
            }
        else:
            print(f"eval-datasets: {power} is absent; skipping Powergrading", file=sys.stderr)
    if not results:
        print("eval-datasets: no datasets found; nothing measured", file=sys.stderr)
        return
    out = Path(args.out)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, out.with_suffix(".json"))
    lines = ["# Agreement with human markers on public datasets", "",
             "Written by `scripts/eval-datasets.py` (rubrics derived by `selfmark rubric derive` "
             "from each question's reference answer alone; answers marked by `selfmark batch`).", ""]
    if "mohler" in results:
        m = results["mohler"]
        lines += ["## Mohler (0-5, mean of two markers)", "",
                  f"{m['answers']} answers, {m['questions']} questions: **Pearson r {m['pearson_r']:.3f}**, "
                  f"**RMSE {m['rmse']:.3f}** (mean estimate {m['mean_estimate']:.2f}, mean human "
                  f"{m['mean_human']:.2f}). Estimate = 5 x mark / max.", "",
                  f"Dev half ({m['halves']['dev']['n']} answers): r {m['halves']['dev']['pearson_r']:.3f}, "
                  f"RMSE {m['halves']['dev']['rmse']:.3f}. Test half ({m['halves']['test']['n']} answers): "
                  f"r {m['halves']['test']['pearson_r']:.3f}, RMSE {m['halves']['test']['rmse']:.3f}.", "",
                  "| question | n | r | RMSE |", "|---|---|---|---|"]
        for q, v in m["per_question"].items():
            lines.append(f"| {q} | {v['n']} | {v['pearson_r']:.3f} | {v['rmse']:.3f} |")
        lines.append("")
    if "powergrading" in results:
        p = results["powergrading"]
        lines += ["## Powergrading (0/1, majority of three markers)", "",
                  f"{p['answers']} answers, {p['questions']} questions: **accuracy {p['accuracy']:.3f}**, "
                  f"**Cohen's kappa {p['cohen_kappa']:.3f}**. Estimate = 1 when mark / max >= 1/2.", "",
                  f"Dev half ({p['halves']['dev']['n']} answers): accuracy {p['halves']['dev']['accuracy']:.3f}, "
                  f"kappa {p['halves']['dev']['cohen_kappa']:.3f}. Test half ({p['halves']['test']['n']} answers): "
                  f"accuracy {p['halves']['test']['accuracy']:.3f}, kappa {p['halves']['test']['cohen_kappa']:.3f}.", "",
                  "| question | n | accuracy | kappa |", "|---|---|---|---|"]
        for q, v in p["per_question"].items():
            lines.append(f"| {q} | {v['n']} | {v['accuracy']:.3f} | {v['cohen_kappa']:.3f} |")
        lines.append("")
    md = out.with_suffix(".md")
    tmp = md.with_suffix(".md.tmp")
    tmp.write_text("\n".join(lines))
    os.replace(tmp, md)
    for name, v in results.items():
        keys = ("pearson_r", "rmse") if name == "mohler" else ("accuracy", "cohen_kappa")
        print(name + ": " + ", ".join(f"{k} {v[k]:.3f}" for k in keys) + "; "
              + "; ".join(f"{h} " + ", ".join(f"{k} {v['halves'][h][k]:.3f}" for k in keys)
                          for h in ("dev", "test")))


if __name__ == "__main__":
    main()
