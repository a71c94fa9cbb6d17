#!/usr/bin/env python3
"""UPOS accuracy of a predicted CoNLL-U file against gold, over word lines.

Usage: conllu_accuracy.py GOLD PREDICTED
Prints "upos_accuracy A correct/total". Fails when the files' tokens differ, because a tagger
that keeps the gold tokens (as `dyad tag --conllu` promises) must produce the same forms.
"""
import sys


def words(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                sys.exit(f"{path}:{number}: expected 10 columns, found {len(cols)}")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword token ranges and empty nodes carry no UPOS
            yield number, cols[1], cols[3]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold = list(words(sys.argv[1]))
    pred = list(words(sys.argv[2]))
    if len(gold) != len(pred):
        sys.exit(f"token counts differ: gold {len(gold)}, predicted {len(pred)}")
    correct = 0
    for (gline, gform, gtag), (pline, pform, ptag) in zip(gold, pred):
        if gform != pform:
            sys.exit(f"form differs: gold line {gline} {gform!r}, predicted line {pline} {pform!r}")
        correct += gtag == ptag
    print(f"upos_accuracy {correct / len(gold):.4f} {correct}/{len(gold)}")


if __name__ == "__main__":
    main()
