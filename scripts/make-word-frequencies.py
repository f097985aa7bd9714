#!/usr/bin/env python3
"""Writes src/text/word-frequencies.txt, the English word-frequency list
shipped inside the binary (src/text/english.rs): `selfmark rubric derive`
tells rare, informative words from common ones by it and finds a key word's
other forms on it, and the marker takes an answer's word that it lists at
Zipf 3 or more as a real word spelled as meant, never as a typo of another.

Source: the `wordfreq` package (Robyn Speer et al., data CC-BY-SA 4.0),
`pip install wordfreq==3.1.1`. Each line is a word and its Zipf frequency
times 100 (log10 of occurrences per billion words; "the" is about 773),
most frequent first; words of letters only, the 30,000 most frequent.
"""
import re
import sys
from pathlib import Path

import wordfreq

N = 30000
out = Path(__file__).resolve().parent.parent / "src/text/word-frequencies.txt"
words = []
for w in wordfreq.top_n_list("en", N * 2):
    if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", w) and len(words) < N:
        words.append((w, round(wordfreq.zipf_frequency(w, "en") * 100)))
with out.open("w") as f:
    f.write(f"# English word frequencies: wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'} "
            "(data CC-BY-SA 4.0), Zipf x 100, see scripts/make-word-frequencies.py\n")
    for w, z in words:
        f.write(f"{w} {z}\n")
print(f"{out}: {len(words)} words", file=sys.stderr)
