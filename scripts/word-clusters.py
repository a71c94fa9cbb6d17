#!/usr/bin/env python3
"""Distributional word classes for Dyad's tagger and parser, by the exchange algorithm.

Words that stand in the same contexts get the same class, so a tagger or parser that learned
something about one word of a class knows it for the others, including words it never saw in
its treebank but met in raw news text (cluster features as in Koo, Carreras and Collins 2008).
The classes maximise the class-bigram likelihood of the corpus,
    LL = sum_{c,d} N(c,d) log N(c,d) - 2 sum_c N(c) log N(c) + sum_w N(w) log N(w),
by the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998; as in mkcls and
word2vec's classes): in each pass take every word, most frequent first, out of its class and put
it in the class that gains the most, all K classes evaluated at once with numpy; stop after
--iterations passes or when a pass moves fewer than 0.1% of the words.

Input: CoNLL-U forms (--conllu; --exclude-doc skips the documents whose `# newdoc id` starts
with a prefix), a text column of CSV files (--csv FILE [--column NAME], default "text"; the
column applies to the --csv before it) and plain text (--text). Raw text is split crudely into
sentences and PTB-style tokens. Words are folded as the Swift side
(Sources/DyadNLP/WordClusters.swift) looks them up: str.lower(), then every ASCII digit as 9.
Every sentence starts and ends with <s> (one stream, wrapped round, so every token has one
predecessor and one successor); words seen fewer than --min-count times share one <unk>.
<s> and <unk> are clustered like words but not written.

Output: '#' lines (options, input file names with token counts), then one line per word, sorted
by the word: word TAB class for each --classes K, in the order given. Classes are renumbered by
their most frequent written word (0 holds the most frequent word). Same inputs and options give
the same bytes. Example classes for each K are printed to stderr at the end.

  scripts/word-clusters.py --conllu en_ewt-ud-train.conllu --csv news.csv --column text \\
      --classes 32 --classes 128 --classes 512 --out clusters.tsv
"""
import argparse
import csv
import os
import re
import sys
import time
from array import array

import numpy as np

DIGITS = str.maketrans('0123456789', '9' * 10)
# Curly quotes made straight, zero-width characters dropped, cp1252 quotes and dashes that were
# decoded as Latin-1 (C1 controls) mapped to ASCII.
NORMALISE = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'",
                           '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"',
                           '\u200b': None, '\u200e': None, '\u200f': None, '\ufeff': None,
                           '\x91': "'", '\x92': "'", '\x93': '"', '\x94': '"', '\x96': '-', '\x97': '--'})
TOKEN = re.compile(r"""
    (?:[^\W\d_]\.){2,}                                     # U.S., e.g.
  | (?:mrs?|ms|dr|prof|st|jr|sr|inc|corp|ltd|co|vs|gen|gov|sen|rep)\.(?!\w)   # Mr.
  | \d+(?:[.,:]\d+)+                                       # 1,000.50  10:30
  | \w+(?=n't\b) | n't\b                                   # do n't, ca n't
  | '(?:s|re|ve|ll|d|m)\b                                  # 's 're 've 'll 'd 'm
  | [\w\ufffd]+(?:(?:[-.]|'(?!(?:s|re|ve|ll|d|m)\b))[\w\ufffd]+)*  # well-known, O'Brien, F\ufffd\ufffdil
  | \.{2,} | -{2,} | \S""", re.I | re.X)
SENTENCE_END = re.compile(r"""(?:(?<=[.!?])|(?<=[.!?]["']))(?<!\b[A-Z]\.)(?<!Mr\.)(?<!Mrs\.)(?<!Ms\.)
                              (?<!Dr\.)(?<!St\.)\s+(?=["'A-Z])""", re.X)  # not after J. or Mr.
# NewsArticles.csv mangled curly quotes: quote + space came out as "? and an apostrophe as "
MANGLED_QUOTE = re.compile(r'"\?(?=\w)')
MANGLED_APOSTROPHE = re.compile(r'(?<=\w)"(?=(?:s|t|re|ve|ll|d|m)\b)', re.I)
NEWDOC = re.compile(r'#\s*newdoc id\s*=\s*(.*\S)')


def raw_sentences(text):
    """Crude sentences of PTB-style tokens: a break at every newline and after . ! ? (maybe
    with a closing quote, not an initial or title) then space and an uppercase letter or quote."""
    text = MANGLED_QUOTE.sub('" ', MANGLED_APOSTROPHE.sub("'", text.translate(NORMALISE)))
    for line in text.splitlines():
        for sentence in SENTENCE_END.split(line):
            tokens = TOKEN.findall(sentence)
            if tokens:
                yield tokens


def read_conllu(path, exclude):
    doc, sentence = '', []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#'):
                m = NEWDOC.match(line)
                if m:
                    doc = m.group(1)
            elif not line.strip():
                if sentence and not doc.startswith(exclude):
                    yield sentence
                sentence = []
            else:
                cols = line.split('\t')
                if '-' not in cols[0] and '.' not in cols[0]:
                    sentence.append(cols[1])
    if sentence and not doc.startswith(exclude):
        yield sentence


def read_csv(path, column):
    with open(path, encoding='utf-8-sig', newline='') as f:
        reader = csv.DictReader(f)
        if column not in (reader.fieldnames or []):
            sys.exit(f'{path}: no column {column!r} (columns: {reader.fieldnames})')
        for row in reader:
            yield from raw_sentences(row[column] or '')


def read_text(path):
    with open(path, encoding='utf-8') as f:
        yield from raw_sentences(f.read())


def xlogx(x):
    return x * np.log(np.maximum(x, 1.0))  # counts are whole numbers: 0 log 0 = 0


def exchange(K, counts, bigrams, succ, pred, selfb, iterations, log):
    """Classes 0..K-1 of the V words (ids in frequency order) by the exchange algorithm."""
    V = len(counts)
    cls = np.arange(V) % K
    bp, bn, bc = bigrams
    M = np.bincount(cls[bp] * K + cls[bn], weights=bc, minlength=K * K).reshape(K, K)
    MT, F = M.T.copy(), xlogx(M)
    FT = F.T.copy()
    N = np.bincount(cls, weights=counts, minlength=K)
    fN = xlogx(N)
    const, T = xlogx(counts).sum(), counts.sum()

    def likelihood():
        return F.sum() - 2 * fN.sum() + const

    def add(c, sign, dS, Sd, cP, Pc, b, n):  # add (sign 1) or remove (-1) a word's counts
        M[c, dS] += sign * Sd
        M[cP, c] += sign * Pc
        M[c, c] += sign * b
        N[c] += sign * n
        fN[c] = xlogx(N[c])
        MT[:, c], MT[c] = M[c], M[:, c]
        F[c], F[:, c] = xlogx(M[c]), xlogx(M[:, c])
        FT[:, c], FT[c] = F[c], F[:, c]

    ll = likelihood()
    log(f'K={K}: start, log-likelihood {ll:.1f}, perplexity {np.exp(-ll / T):.2f}')
    passes = 0
    for it in range(iterations):
        start, moved = time.time(), 0
        for w in range(V):
            a, (sv, sc), (pv, pc), b, n = cls[w], succ[w], pred[w], selfb[w], counts[w]
            S = np.bincount(cls[sv], weights=sc, minlength=K)  # successors by class, w aside
            P = np.bincount(cls[pv], weights=pc, minlength=K)  # predecessors by class
            dS, cP = S.nonzero()[0], P.nonzero()[0]
            Sd, Pc = S[dS], P[cP]
            add(a, -1, dS, Sd, cP, Pc, b, n)
            # gain[t]: the change in LL when w joins class t. Row t gains S in columns dS,
            # column t gains P in rows cP, and cell (t,t) gains S[t] + P[t] + b (w w bigrams).
            X = MT[dS]
            X += Sd[:, None]
            X *= np.log(X)
            X -= FT[dS]
            gain = X.sum(0)
            Y = M[cP]
            Y += Pc[:, None]
            Y *= np.log(Y)
            Y -= F[cP]
            gain += Y.sum(0)
            Md = M.diagonal()
            MS, MP = Md + S, Md + P
            gain += xlogx(MS + P + b) - xlogx(MS) - xlogx(MP) + F.diagonal()
            gain -= 2 * (xlogx(N + n) - fN)
            t = int(gain.argmax())
            if gain[t] <= gain[a] + 1e-7:
                t = a
            add(t, 1, dS, Sd, cP, Pc, b, n)
            cls[w] = t
            moved += t != a
        passes += 1
        ll = likelihood()
        log(f'K={K}: pass {it + 1}, moved {moved} words, log-likelihood {ll:.1f}, '
            f'perplexity {np.exp(-ll / T):.2f}, {time.time() - start:.1f}s')
        if moved < 0.001 * V:
            break
    return cls, passes, ll, np.exp(-ll / T)


def canonical(cls, K, written):
    """Class ids renumbered by their most frequent written word; classes holding only <s> or
    <unk> come after, empty classes get no number."""
    rank = {}
    for w in list(written) + list(range(len(cls))):
        rank.setdefault(int(cls[w]), len(rank))
    return np.array([rank.get(c, -1) for c in range(K)])


def main():
    class Input(argparse.Action):
        def __call__(self, parser, ns, value, option=None):
            if self.dest == 'column':
                if not ns.inputs or ns.inputs[-1][0] != 'csv':
                    parser.error('--column must follow a --csv FILE')
                ns.inputs[-1][2] = value
            else:
                ns.inputs.append([self.dest, value, 'text'])

    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.set_defaults(inputs=[])
    for kind in ('conllu', 'csv', 'text'):
        ap.add_argument('--' + kind, action=Input, metavar='FILE', help=f'{kind} input (repeatable)')
    ap.add_argument('--column', action=Input, help='text column of the --csv before it (default text)')
    ap.add_argument('--exclude-doc', action='append', default=[], metavar='PREFIX',
                    help='skip CoNLL-U documents whose newdoc id starts with PREFIX')
    ap.add_argument('--classes', action='append', type=int, required=True, metavar='K')
    ap.add_argument('--min-count', type=int, default=3)
    ap.add_argument('--iterations', type=int, default=10)
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    if not args.inputs:
        ap.error('no input: give --conllu, --csv or --text')
    csv.field_size_limit(2**31 - 1)
    t0 = time.time()

    def log(msg):
        print(f'[{time.time() - t0:7.1f}s] {msg}', file=sys.stderr, flush=True)

    ids, folded, stream, inputs = {'<s>': 0}, {}, array('i'), []
    exclude = tuple(args.exclude_doc)
    for kind, path, column in args.inputs:
        reader = {'conllu': lambda: read_conllu(path, exclude), 'csv': lambda: read_csv(path, column),
                  'text': lambda: read_text(path)}[kind]()
        tokens = sentences = 0
        for sentence in reader:
            stream.append(0)
            for form in sentence:
                i = folded.get(form)
                if i is None:
                    i = folded[form] = ids.setdefault(form.lower().translate(DIGITS), len(ids))
                stream.append(i)
            tokens, sentences = tokens + len(sentence), sentences + 1
        name = os.path.basename(path) + (f' column={column}' if kind == 'csv' else '')
        inputs.append(f'{kind} {name} tokens={tokens} sentences={sentences}')
        log(f'read {inputs[-1]}')
    words = list(ids)
    stream = np.frombuffer(stream, dtype=np.int32).astype(np.int64)
    raw = np.bincount(stream, minlength=len(words))
    keep = [i for i in range(len(words)) if raw[i] >= args.min_count or i == 0]
    rare = len(words) - len(keep)
    vocab = sorted((-int(raw[i]), words[i], i) for i in keep)
    if rare:
        vocab = sorted(vocab + [(-int(raw.sum() - raw[keep].sum()), '<unk>', -1)])
    unk = next((j for j, v in enumerate(vocab) if v[2] < 0), 0)
    remap = np.full(len(words), unk, dtype=np.int64)  # rare forms -> <unk>
    for new, (_, _, old) in enumerate(vocab):
        if old >= 0:
            remap[old] = new
    stream, vocab = remap[stream], [v[1] for v in vocab]
    V = len(vocab)
    counts = np.bincount(stream, minlength=V).astype(float)
    written = [w for w in range(V) if vocab[w] not in ('<s>', '<unk>')]
    log(f'{len(stream)} tokens with <s>, {V} words ({len(written)} written, {rare} rare forms as <unk>)')
    for K in args.classes:
        if not 2 <= K <= V:
            sys.exit(f'--classes {K}: need 2 <= K <= vocabulary size {V}')

    keys, bc = np.unique(stream * V + np.roll(stream, -1), return_counts=True)
    bp, bn, bc = keys // V, keys % V, bc.astype(float)
    same = bp == bn
    selfb = np.zeros(V)
    selfb[bp[same]] = bc[same]
    up, un, uc = bp[~same], bn[~same], bc[~same]
    edges = np.searchsorted(up, np.arange(V + 1))
    succ = [(un[edges[w]:edges[w + 1]], uc[edges[w]:edges[w + 1]]) for w in range(V)]
    order = np.lexsort((up, un))
    pu, pn, pc = up[order], un[order], uc[order]
    edges = np.searchsorted(pn, np.arange(V + 1))
    pred = [(pu[edges[w]:edges[w + 1]], pc[edges[w]:edges[w + 1]]) for w in range(V)]
    log(f'{len(keys)} bigram types')

    columns, summary = [], []
    for K in args.classes:
        start = time.time()
        cls, passes, ll, ppl = exchange(K, counts, (bp, bn, bc), succ, pred, selfb,
                                        args.iterations, log)
        new = canonical(cls, K, written)
        columns.append(new[cls])
        summary.append(f'K={K}: passes={passes} log-likelihood={ll:.1f} perplexity={ppl:.2f}')
        log(f'K={K}: done in {time.time() - start:.1f}s')

    header = ['word-clusters.py: exchange-algorithm word classes (class-bigram likelihood)',
              'columns: word ' + ' '.join(f'K={K}' for K in args.classes),
              f'classes: {" ".join(map(str, args.classes))}  min-count: {args.min_count}  '
              f'iterations: {args.iterations}  init: frequency rank mod K',
              f'exclude-doc: {" ".join(exclude) or "-"}'] + [f'input: {i}' for i in inputs] + [
              f'tokens: {len(stream)} with <s>  vocabulary: {len(written)} words written, '
              f'{V} clustered (with <s>, <unk>)'] + summary
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.writelines(f'# {h}\n' for h in header)
        for w in sorted(written, key=lambda w: vocab[w]):
            f.write(vocab[w] + ''.join(f'\t{col[w]}' for col in columns) + '\n')
    log(f'wrote {len(written)} words to {args.out}')

    for K, col in zip(args.classes, columns):
        print(f'\nK={K}: <s> in class {col[vocab.index("<s>")]}'
              + (f', <unk> in class {col[vocab.index("<unk>")]}' if rare else ''), file=sys.stderr)
        top = int(max(col[w] for w in written))
        for c in dict.fromkeys([0, 1, K // 4, K // 2, K - 1]):
            if c > top:
                print(f'  class {c}: none (classes with written words: 0-{top})', file=sys.stderr)
                continue
            members = [vocab[w] for w in written if col[w] == c]
            print(f'  class {c} ({len(members)} words): {" ".join(members[:8])}', file=sys.stderr)


if __name__ == '__main__':
    main()
