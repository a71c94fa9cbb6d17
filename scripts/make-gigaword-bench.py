#!/usr/bin/env python3
"""Write the sentences of a PETRARCH validation XML file as JSON Lines, repeated.

Used to time issue 4's speed target: the GigaWord sample repeated to at least
50,000 sentences, coded from raw text. The text is read from ../shared at run
time and written to a scratch file; it is never copied into the repository.

    scripts/make-gigaword-bench.py ../shared/reference/petrarch/validation/GigaWord.sample.PETR.xml \
        --copies 800 > /tmp/gigaword-800.jsonl
"""
import argparse
import json
import re
import sys

SENTENCE = re.compile(r'<Sentence\b([^>]*)>(.*?)</Sentence>', re.S)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
TEXT = re.compile(r'<Text>(.*?)</Text>', re.S)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with open(args.xml, encoding="utf-8", errors="replace") as handle:
        source = handle.read()
    records = []
    for attributes, body in SENTENCE.findall(source):
        fields = dict(ATTRIBUTE.findall(attributes))
        text = TEXT.search(body)
        if not text:
            continue
        words = " ".join(text.group(1).split())
        date = fields.get("date", "")
        if len(date) == 8:
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        records.append({"id": fields.get("id", ""), "date": date, "text": words})
    out = sys.stdout
    for copy in range(args.copies):
        for record in records:
            out.write(json.dumps({**record, "id": f"{record['id']}#{copy}"}) + "\n")
    print(f"{len(records)} sentences x {args.copies} copies", file=sys.stderr)


if __name__ == "__main__":
    main()
