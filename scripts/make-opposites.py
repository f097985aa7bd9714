#!/usr/bin/env python3
"""Writes src/text/opposites.txt, the table of words that say the opposite
of a word (src/text/opposites.rs). A point whose model-answer sentence
says "high" is reversed, not made, by an answer that says "low" in its
place (src/marker/reversed.rs): "the secret police protected honest
workers", "they have low melting points".

Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence,
reproduced in src/text/opposites-LICENCE.txt), from the Debian package
`wordnet-base` (`apt-get install wordnet-base`), read from its plain-text
files in /usr/share/wordnet. Only words of the shipped frequency list
(src/text/word-frequencies.txt), of three letters or more and rarer than
FUNCTION_FREQUENCY, are kept on either side.

For each such word, in each part of speech WordNet has it in (after
undoing inflection by WordNet's exception lists and suffix rules), the
antonyms WordNet gives its lemma in its first SENSES senses: the direct
antonym pointers ("high" - "low", "accept" - "reject"); and, for an
adjective sense that is a satellite of a head adjective ("terrified" of
"afraid"), the head's own antonyms. Then the pairs of ADDED, opposites of
history and science answers WordNet does not pair (each line of it is
read both ways). Each pair holds between the lemmas and their irregular
forms ("hidden", "hid" of "hide"), and an added pair between all their
kept forms; selfmark looks a word up as written, or failing that with a
regular ending taken off ("terrorised" as "terrorise"). A word is never its own opposite,
and the table is symmetric.

Each line is a word and its opposites, space-separated, sorted.
"""
import re
from pathlib import Path

WN = Path("/usr/share/wordnet")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/text/opposites.txt"
SENSES = 2
# Zipf x 100: words at least this frequent ("make", "get", "good") say
# too many things for an opposite to reverse them.
FUNCTION_FREQUENCY = 600
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# Opposites WordNet does not pair, each pair read both ways.
ADDED = """
protect terrorise
protect terrorize
protect persecute
hide publish
hide reveal
secret public
support oppose
supporter opponent
popular unpopular
loyal disloyal
trust mistrust
trust distrust
ally enemy
friend enemy
thick thin
absorb release
speed slow
increase reduce
exothermic endothermic
"""

freq = {}
for line in (ROOT / "src/text/word-frequencies.txt").read_text().splitlines():
    if line.startswith("#"):
        continue
    w, z = line.split()
    freq[w] = int(z)
vocab = {w for w, z in freq.items() if z < FUNCTION_FREQUENCY and len(w) > 2 and w.isalpha()}

# index: (lemma, pos) -> [synset offsets], most frequent sense first.
index = {}
for p, name in POS.items():
    for line in (WN / f"index.{name}").read_text(errors="replace").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, n_syn, n_ptr = f[0], int(f[2]), int(f[3])
        offs = f[4 + n_ptr + 2:]
        assert len(offs) == n_syn, line
        index[(lemma, p)] = [(o, p) for o in offs]

# synsets: (offset, pos) -> (lemmas, pointers); a pointer is (symbol,
# target synset, source word number, target word number).
synsets = {}
for p, name in POS.items():
    for line in (WN / f"data.{name}").read_text(errors="replace").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        off = f[0]
        n_w = int(f[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(n_w)]
        k = 4 + 2 * n_w
        n_p = int(f[k])
        ptrs = []
        for i in range(n_p):
            sym, toff, tpos, st = f[k + 1 + 4 * i : k + 5 + 4 * i]
            tpos = "a" if tpos == "s" else tpos
            ptrs.append((sym, (toff, tpos), int(st[:2], 16), int(st[2:], 16)))
        synsets[(off, p)] = (lemmas, ptrs)

exceptions = {}
for p, name in POS.items():
    for line in (WN / f"{name}.exc").read_text().splitlines():
        f = line.split()
        exceptions.setdefault((f[0], p), []).extend(f[1:])

SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


def lemmas_of(word, p):
    """WordNet's base forms of `word` as part of speech `p` (its morphy)."""
    found = [b for b in exceptions.get((word, p), []) if (b, p) in index]
    if (word, p) in index:
        found.append(word)
    for suffix, ending in SUFFIXES[p]:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)] + ending
            if (base, p) in index:
                found.append(base)
    return list(dict.fromkeys(found))


def direct(lemma, synset):
    """The antonyms WordNet gives `lemma` in `synset`."""
    lemmas, ptrs = synsets[synset]
    out = set()
    for sym, t, src, dst in ptrs:
        if sym == "!" and (src == 0 or lemmas[src - 1] == lemma):
            target = synsets[t][0]
            out.update(target if dst == 0 else [target[dst - 1]])
    return out


def heads(synset):
    """The head adjective synsets a satellite synset is similar to."""
    return [t for sym, t, _, _ in synsets[synset][1] if sym == "&" and t[1] == "a"]


def opposites(word):
    out = set()
    for p in POS:
        for lemma in lemmas_of(word, p):
            for s in index[(lemma, p)][:SENSES]:
                out |= direct(lemma, s)
                if p == "a" and not direct(lemma, s):
                    for h in heads(s):
                        for head_lemma in synsets[h][0]:
                            out |= direct(head_lemma, h)
    return {w for w in out if w in vocab and w != word}


# The irregular forms of each lemma among the kept words ("hidden", "hid"
# of "hide", from WordNet's exception lists), so that a pair holds in
# every form of either word: selfmark compares words by stem, which
# already joins the regular ones.
forms = {}
for (word, p), lemmas in exceptions.items():
    if word in vocab:
        for lemma in lemmas:
            forms.setdefault(lemma, {lemma} & vocab).add(word)


# Every kept word of each lemma, regular forms too ("protected",
# "protects" of "protect"), for the added pairs, whose words WordNet's
# antonyms do not reach.
inflected = {}
for word in vocab:
    for p in POS:
        for lemma in lemmas_of(word, p):
            inflected.setdefault(lemma, set()).add(word)


def pair(a, b, added=False):
    """Pairs every form of `a` with every form of `b`: the irregular ones,
    and for an added pair every inflected one, with its own words kept
    even if they are not among the kept words."""
    of = (lambda w: forms.get(w, set()) | inflected.get(w, set()) | {w}) if added else (
        lambda w: forms.get(w, set()) | ({w} & vocab))
    for x in of(a):
        for y in of(b):
            if x != y:
                table.setdefault(x, set()).add(y)
                table.setdefault(y, set()).add(x)


table = {}
for word in sorted(vocab):
    for other in opposites(word):
        pair(word, other)
for line in ADDED.strip().splitlines():
    pair(*line.split(), added=True)

with OUT.open("w") as f:
    f.write("# Opposites: WordNet 3.0 antonyms (WordNet 3.0 licence, src/text/opposites-LICENCE.txt)"
            " and the pairs of scripts/make-opposites.py, see that script\n")
    for word in sorted(table):
        f.write(word + " " + " ".join(sorted(table[word])) + "\n")
print(f"{OUT}: {len(table)} words")
