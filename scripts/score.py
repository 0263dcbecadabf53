#!/usr/bin/env python3
"""Scores extraction event lines against gold annotations (the rules of eval/README.md).

    depeche extract DOCS... | python3 scripts/score.py GOLD.jsonl
    python3 scripts/score.py --self-test

Each input line is a JSON event with a `path` (matched to a gold `doc` by basename), the
metadata fields and an `entities` list. Per document and type, a prediction is a true
positive when it matches a gold entity no earlier prediction matched: PERSON/ORG/LOC by text
(gold text or alias; case- and accent-insensitive, white space folded), MONEY/PERCENT/QUANTITY
by value within 0.5% (and currency for MONEY), DATE by value. A prediction matching an
`ignore` entry (same type, or a MISC entry for a named type) is not counted; anything else
is a false positive; unmatched gold entities are false negatives. Counts are summed over
documents (micro-average). Metadata accuracy compares title, published, author, source and
lang per document (text fields folded like entity text; null must match null).

Exit status: 0 when scored, 1 when the input or gold cannot be read or no line matches a
gold document.
"""

import json
import sys
import unicodedata

TYPES = ["PERSON", "ORG", "LOC", "MONEY", "PERCENT", "DATE", "QUANTITY"]
NAMED = {"PERSON", "ORG", "LOC"}
NUMERIC = {"MONEY", "PERCENT", "QUANTITY"}
METADATA = ["title", "published", "author", "source", "lang"]
TOLERANCE = 0.005


def fold(text):
    """Case- and accent-insensitive form with white space folded."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def close(a, b):
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if a == b:
        return True
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def matches(pred, gold, check_type=True):
    """Whether a predicted entity matches a gold (or ignore) entry."""
    ptype, gtype = pred.get("type"), gold.get("type")
    if check_type and ptype != gtype:
        return False
    if ptype in NAMED:
        names = {fold(gold.get("text"))} | {fold(a) for a in gold.get("aliases", [])}
        return fold(pred.get("text")) in names
    if ptype == "DATE":
        return "value" in gold and str(pred.get("value")) == str(gold.get("value"))
    if ptype in NUMERIC:
        if "value" not in gold or not close(pred.get("value"), gold.get("value")):
            return False
        if ptype == "MONEY" and gold.get("currency") and pred.get("currency") != gold.get("currency"):
            return False
        return True
    return False


def ignored(pred, entries):
    for entry in entries:
        if entry.get("type") == pred.get("type") and matches(pred, entry):
            return True
        if entry.get("type") == "MISC" and pred.get("type") in NAMED and matches(pred, entry, check_type=False):
            return True
    return False


def score_document(predicted, gold):
    """Per-type [tp, fp, fn] for one document, and the false positives and negatives."""
    counts = {t: [0, 0, 0] for t in TYPES}
    gold_entities = gold.get("entities", [])
    matched = [False] * len(gold_entities)
    errors = []
    for pred in predicted:
        ptype = pred.get("type")
        if ptype not in counts:
            continue
        hit = next((i for i, g in enumerate(gold_entities) if not matched[i] and matches(pred, g)), None)
        if hit is not None:
            matched[hit] = True
            counts[ptype][0] += 1
        elif ignored(pred, gold.get("ignore", [])):
            continue
        else:
            counts[ptype][1] += 1
            errors.append(("FP", pred))
    for i, g in enumerate(gold_entities):
        if not matched[i] and g.get("type") in counts:
            counts[g["type"]][2] += 1
            errors.append(("FN", g))
    return counts, errors


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def describe(entity):
    extra = []
    for key in ("value", "currency", "unit"):
        if key in entity:
            extra.append(f"{key}={entity[key]}")
    return f"{entity.get('type')} {entity.get('text')!r} {' '.join(extra)}".rstrip()


def score(lines, gold_docs, out=sys.stdout, verbose=False):
    """Scores event lines; returns (totals per type, metadata hits, documents scored)."""
    totals = {t: [0, 0, 0] for t in TYPES}
    meta_hits = {m: 0 for m in METADATA}
    scored = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        event = json.loads(line)
        name = str(event.get("path", "")).rstrip("/").split("/")[-1]
        gold = gold_docs.get(name)
        if gold is None:
            continue
        scored += 1
        counts, errors = score_document(event.get("entities", []), gold)
        for t in TYPES:
            for k in range(3):
                totals[t][k] += counts[t][k]
        for m in METADATA:
            if fold(event.get(m)) == fold(gold.get(m)):
                meta_hits[m] += 1
            elif verbose:
                print(f"  {name}: {m} {event.get(m)!r} != gold {gold.get(m)!r}", file=out)
        if verbose:
            for kind, entity in errors:
                print(f"  {name}: {kind} {describe(entity)}", file=out)
    return totals, meta_hits, scored


def report(totals, meta_hits, scored, out=sys.stdout):
    print(f"{'type':<10}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}", file=out)
    all_counts = [0, 0, 0]
    for t in TYPES:
        tp, fp, fn = totals[t]
        all_counts = [a + b for a, b in zip(all_counts, totals[t])]
        p, r, f = prf(tp, fp, fn)
        print(f"{t:<10}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}", file=out)
    p, r, f = prf(*all_counts)
    print(f"{'overall':<10}{all_counts[0]:>5}{all_counts[1]:>5}{all_counts[2]:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}", file=out)
    print(f"\nmetadata accuracy over {scored} documents:", file=out)
    for m in METADATA:
        print(f"  {m:<10}{meta_hits[m]}/{scored}", file=out)


def load_gold(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                docs[doc["doc"]] = doc
    return docs


def self_test():
    gold = {
        "doc": "a.txt", "lang": "fr", "title": "Un Titre", "published": "2024-02-07", "author": None,
        "source": "L'Opinion",
        "entities": [
            {"type": "PERSON", "text": "Otmane Serraj", "aliases": ["Othmane Serraj"]},
            {"type": "ORG", "text": "AMRC", "aliases": ["Association marocaine de la relation client"]},
            {"type": "LOC", "text": "Fès"},
            {"type": "MONEY", "text": "10 milliards de DH", "value": 10000000000, "currency": "MAD"},
            {"type": "PERCENT", "text": "7%", "value": 7},
            {"type": "DATE", "text": "7 février 2024", "value": "2024-02-07"},
            {"type": "QUANTITY", "text": "69 900 emplois", "value": 69900, "unit": "emplois"},
        ],
        "ignore": [{"type": "MISC", "text": "RGPD"}, {"type": "DATE", "text": "2018", "value": "2018"}],
    }
    predicted = [
        {"type": "PERSON", "text": "othmane  serraj"},                       # alias, case and spaces folded
        {"type": "PERSON", "text": "Otmane Serraj"},                         # same entity again: FP
        {"type": "ORG", "text": "association marocaine de la relation client"},
        {"type": "LOC", "text": "Fes"},                                      # accent folded
        {"type": "MONEY", "text": "10 MMDH", "value": 10.04e9, "currency": "MAD"},  # within 0.5%
        {"type": "PERCENT", "text": "8%", "value": 8},                       # FP
        {"type": "DATE", "text": "2018", "value": "2018"},                   # ignored
        {"type": "ORG", "text": "RGPD"},                                     # ignored via MISC
        {"type": "QUANTITY", "text": "70 000 emplois", "value": 70000},      # 0.14% off: TP
    ]
    counts, _ = score_document(predicted, gold)
    expected = {"PERSON": [1, 1, 0], "ORG": [1, 0, 0], "LOC": [1, 0, 0], "MONEY": [1, 0, 0],
                "PERCENT": [0, 1, 1], "DATE": [0, 0, 1], "QUANTITY": [1, 0, 0]}
    assert counts == expected, counts
    assert not matches({"type": "MONEY", "value": 10e9, "currency": "EUR"}, gold["entities"][3])
    assert not matches({"type": "LOC", "text": "Fès"}, {"type": "ORG", "text": "Fès"})
    assert prf(1, 1, 0) == (0.5, 1.0, 2 / 3)
    line = json.dumps({"path": "/x/a.txt", "lang": "fr", "title": "un titre", "published": "2024-02-07",
                       "author": None, "source": "L'Opinion", "entities": predicted})
    totals, meta, scored = score([line, json.dumps({"path": "b.txt", "entities": []})], {"a.txt": gold},
                                 out=open("/dev/null", "w"))
    assert scored == 1 and meta == {m: 1 for m in METADATA}, meta
    assert totals["PERSON"] == [1, 1, 0]
    print("score.py self-test: 4 passed, 0 failed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    verbose = "-v" in argv
    args = [a for a in argv[1:] if a != "-v"]
    if len(args) != 1:
        print("usage: score.py [-v] GOLD.jsonl < events.jsonl | score.py --self-test", file=sys.stderr)
        return 1
    try:
        gold_docs = load_gold(args[0])
        totals, meta_hits, scored = score(sys.stdin, gold_docs, verbose=verbose)
    except (OSError, ValueError, KeyError) as error:
        print(f"score.py: {error}", file=sys.stderr)
        return 1
    if scored == 0:
        print("score.py: no input line matches a gold document (by the basename of `path`)", file=sys.stderr)
        return 1
    report(totals, meta_hits, scored)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
