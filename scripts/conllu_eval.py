#!/usr/bin/env python3
"""Scores a parsed CoNLL-U file against gold: UPOS accuracy, UAS and LAS.

Usage: conllu_eval.py GOLD SYSTEM [--doc-prefix PREFIX] [--json]

Both files must have the same tokenization (the system file is `dyad tag --conllu GOLD`):
word lines are paired in order and their forms must agree. Scoring follows the CoNLL 2018
shared task's evaluation for gold tokenization: every syntactic word counts, punctuation
included; multiword-token ranges and empty nodes are skipped; LAS compares the universal part
of DEPREL (`nsubj:pass` counts as `nsubj`), and "LAS full" the whole label.
--doc-prefix scores only the sentences of documents whose `# newdoc id` starts with PREFIX
(e.g. GUM_news_ for GUM's news documents).
"""
import json
import sys


def read(path):
    """Sentences as (document id, [word rows]) in file order."""
    sentences, rows, document = [], [], ""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                if rows:
                    sentences.append((document, rows))
                rows = []
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc id") and "=" in line:
                    document = line.split("=", 1)[1].strip()
                continue
            columns = line.split("\t")
            if len(columns) != 10:
                sys.exit(f"{path}:{number}: expected 10 columns, found {len(columns)}")
            if not columns[0].isdigit():
                continue  # multiword range or empty node
            rows.append(columns)
    if rows:
        sentences.append((document, rows))
    return sentences


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    prefix = None
    if "--doc-prefix" in sys.argv:
        prefix = sys.argv[sys.argv.index("--doc-prefix") + 1]
        args.remove(prefix)
    if len(args) != 2:
        sys.exit(__doc__)
    gold, system = read(args[0]), read(args[1])
    if len(gold) != len(system):
        sys.exit(f"{len(gold)} gold sentences but {len(system)} system sentences")
    total = upos = uas = las = las_full = 0
    for (document, gold_rows), (_, system_rows) in zip(gold, system):
        if prefix is not None and not document.startswith(prefix):
            continue
        if len(gold_rows) != len(system_rows):
            sys.exit(f"sentence of document {document!r}: {len(gold_rows)} gold words, {len(system_rows)} system words")
        for g, s in zip(gold_rows, system_rows):
            if g[1] != s[1]:
                sys.exit(f"word forms differ: {g[1]!r} / {s[1]!r}")
            total += 1
            upos += g[3] == s[3]
            if g[6] == s[6]:
                uas += 1
                las += g[7].split(":")[0] == s[7].split(":")[0]
                las_full += g[7] == s[7]
    if total == 0:
        sys.exit("no words scored")
    result = {"words": total, "upos": upos / total, "uas": uas / total, "las": las / total, "las_full": las_full / total}
    if "--json" in sys.argv:
        print(json.dumps(result))
    else:
        print(f"words {total}  UPOS {result['upos']:.4f}  UAS {result['uas']:.4f}  LAS {result['las']:.4f}  "
              f"LAS full {result['las_full']:.4f}  (punctuation included)")


if __name__ == "__main__":
    main()
