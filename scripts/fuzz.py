#!/usr/bin/env python3
"""Mutation fuzzing of dyad's readers and pipeline.

Takes seed inputs (the bundled example, and texts from ../shared/corpora when it is there),
mutates them (byte flips, truncation, quotes and brackets, control characters, long tokens,
long lines, huge numbers, broken UTF-8, deep nesting) and runs `code`, `annotate`, `split`,
`tag` and `ingest` on each, as text, JSONL and CSV, with a timeout. A run that dies on a signal,
exits with a code dyad does not document (0-3), or times out is a finding: its input and the
command are saved as a reproducer under --out.

usage: fuzz.py --dyad PATH [--minutes M] [--seed S] [--timeout SECONDS] [--out DIR]
Exit status: 0 when nothing was found, 1 otherwise.
"""
import argparse
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
DOCUMENTED_EXITS = {0, 1, 2, 3}
MAX_SEED_BYTES = 20_000


def seed_texts(rng):
    """Short texts to mutate: the bundled example's stories, and some news from ../shared."""
    texts = []
    example = ROOT / "examples" / "news.txt"
    if example.exists():
        texts += [t for t in example.read_text(encoding="utf-8").split("\n\n") if t.strip()]
    if SHARED.is_dir():
        candidates = [p for p in SHARED.rglob("*") if p.is_file() and p.suffix in {".txt", ".csv", ".jsonl", ".json", ".tsv", ".conllu"}
                      and p.stat().st_size > 200]
        rng.shuffle(candidates)
        for path in candidates[:40]:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SEED_BYTES)
            texts.append(data.decode("utf-8", errors="replace"))
    if not texts:
        texts = ["Russia condemned the United States on Monday. Police arrested three journalists in Ankara."]
    return texts


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(12)
        position = rng.randrange(len(data) + 1) if data else 0
        if kind == 0 and data:  # flip bits
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif kind == 1:  # truncate
            data = data[:position]
        elif kind == 2:  # quotes and brackets
            data[position:position] = rng.choice([b'"', b"'", b"(", b")", b"[", b"]", b"{", b"}", b'""', b'"\n"', b"\\"]) * rng.randint(1, 50)
        elif kind == 3:  # control characters
            data[position:position] = bytes(rng.choice([0, 1, 7, 8, 11, 12, 13, 27, 127]) for _ in range(rng.randint(1, 20)))
        elif kind == 4:  # a long token
            data[position:position] = bytes([rng.choice(b"aZ9-._/")]) * rng.randint(1000, 200_000)
        elif kind == 5:  # a long line of words, no sentence end
            data[position:position] = b" ".join(rng.choice([b"rebels", b"attacked", b"Russia", b"the", b",", b"police", b"said"])
                                               for _ in range(rng.randint(1000, 40_000)))
        elif kind == 6:  # huge numbers
            data[position:position] = rng.choice([b"1e999999999", b"9" * rng.randint(20, 100_000), b"-0.0e-99999", b"NaN", b"Infinity"])
        elif kind == 7:  # broken UTF-8
            data[position:position] = rng.choice([b"\xff", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xc0\xaf"])
        elif kind == 8:  # deep nesting
            depth = rng.randint(100, 200_000)
            data[position:position] = b"[" * depth + b"]" * rng.choice([0, depth])
        elif kind == 9 and data:  # repeat a slice
            start = rng.randrange(len(data))
            piece = data[start:start + rng.randint(1, 200)]
            data[position:position] = piece * rng.randint(2, 500)
        elif kind == 10:  # line breaks and blank lines
            data[position:position] = rng.choice([b"\r\n", b"\r", b"\n\n\n", b"\n---\n", b"\x0c"]) * rng.randint(1, 100)
        elif kind == 11:  # a byte-order mark
            data[0:0] = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
    return bytes(data)


def as_format(text: str, form: str, rng: random.Random) -> bytes:
    """The text as an input file of one of dyad's formats (before mutation)."""
    if form == "txt":
        return text.encode("utf-8", errors="replace")
    if form == "jsonl":
        lines = []
        for index, piece in enumerate(text.split("\n\n")[:20] or [text]):
            record = {"id": f"f{index}", "date": rng.choice(["2024-03-04", "2024-13-45", "", None, 20240304]), "text": piece}
            lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
        return "\n".join(lines).encode("utf-8", errors="replace")
    rows = ["id,date,title,text"]
    for index, piece in enumerate(text.split("\n\n")[:20] or [text]):
        rows.append(f'c{index},2024-03-04,"A title","' + piece.replace('"', '""') + '"')
    return "\n".join(rows).encode("utf-8", errors="replace")


def commands(dyad, path, form, workdir):
    fmt = ["--input-format", {"txt": "text", "jsonl": "jsonl", "csv": "csv"}[form]]
    return [
        [dyad, "code", *fmt, path],
        [dyad, "annotate", *fmt, path],
        [dyad, "split", *fmt, path],
        [dyad, "tag", *fmt, path],
        [dyad, "ingest", *fmt, "--db", os.path.join(workdir, "fuzz.db"), path],
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dyad", required=True)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--out", default="fuzz-findings")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    texts = seed_texts(rng)
    out = pathlib.Path(args.out)
    deadline = time.monotonic() + args.minutes * 60
    tried = runs = findings = 0
    workdir = tempfile.mkdtemp(prefix="dyad-fuzz-")
    env = dict(os.environ, DYAD_CACHE_DIR=os.path.join(workdir, "cache"))
    try:
        while time.monotonic() < deadline:
            form = rng.choice(["txt", "jsonl", "csv"])
            data = mutate(as_format(rng.choice(texts), form, rng), rng)
            path = os.path.join(workdir, f"input.{form}")
            with open(path, "wb") as handle:
                handle.write(data)
            tried += 1
            for command in commands(args.dyad, path, form, workdir):
                if time.monotonic() >= deadline:
                    break
                runs += 1
                problem = None
                try:
                    result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.PIPE, timeout=args.timeout, env=env)
                    if result.returncode < 0:
                        problem = f"killed by signal {-result.returncode}"
                    elif result.returncode not in DOCUMENTED_EXITS:
                        problem = f"exit code {result.returncode}"
                    stderr = result.stderr.decode("utf-8", errors="replace")
                except subprocess.TimeoutExpired:
                    problem = f"timeout after {args.timeout:.0f} s"
                    stderr = ""
                if problem:
                    findings += 1
                    out.mkdir(parents=True, exist_ok=True)
                    name = f"finding-{findings:03d}.{form}"
                    shutil.copy(path, out / name)
                    shown = [c if c != path else str(out / name) for c in command]
                    (out / f"finding-{findings:03d}.txt").write_text(
                        f"{problem}\n{' '.join(shown)}\n{len(data)} bytes of input\n{stderr[-4000:]}\n", encoding="utf-8")
                    print(f"fuzz: {problem}: {' '.join(shown)}", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"fuzz: {tried} inputs, {runs} runs, {findings} findings (crashes or timeouts), seed {args.seed}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
