#!/usr/bin/env python3
"""Scores Dyad's toponym recognition and resolution on TR-News and LGL-style XML gold.

    python3 scripts/geo_eval.py ../shared/corpora/geoparsing_geowebnews_lgl_trnews/TR-News.xml
    python3 scripts/geo_eval.py GOLD.xml --annotations annotated.jsonl   # score existing output

Without --annotations it writes the articles as JSONL (id, text, date), runs
`dyad annotate --input-format jsonl -` (--dyad names the binary; default .build/release/dyad,
else .build/debug/dyad) and reads its places. Recognition: a predicted place matches a gold
toponym when their character spans overlap, one to one; precision, recall and F1 over all
places. Resolution: accuracy within 161 km (100 miles) over the matched gold toponyms that
have coordinates; a match without predicted coordinates counts as wrong. A second figure also
counts a place resolved to the gold's GeoNames id as right, whatever point each gazetteer gives it.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def read_gold(path):
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        date = (article.findtext("dltime") or "").strip()[:10]
        toponyms = []
        for toponym in article.iter("toponym"):
            start, end = toponym.findtext("start"), toponym.findtext("end")
            if start is None or end is None:
                continue
            lat = toponym.findtext("gaztag/lat")
            lon = toponym.findtext("gaztag/lon")
            toponyms.append({
                "start": int(start), "end": int(end), "phrase": toponym.findtext("phrase"),
                "lat": float(lat) if lat else None, "lon": float(lon) if lon else None,
                "id": toponym.find("gaztag").get("geonameid") if toponym.find("gaztag") is not None else None,
            })
        articles.append({"id": article.get("docid"), "text": text, "date": date or None, "toponyms": toponyms})
    return articles


def run_dyad(articles, binary):
    lines = "".join(json.dumps({"id": a["id"], "text": a["text"], "date": a["date"]}) + "\n" for a in articles)
    result = subprocess.run([binary, "annotate", "--input-format", "jsonl", "-"], input=lines.encode("utf-8"),
                            capture_output=True, check=False)
    if result.returncode not in (0, 2):
        sys.exit(f"dyad annotate failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score(articles, annotated):
    by_id = {doc["id"]: doc for doc in annotated}
    gold_total = predicted_total = matched = 0
    resolvable = correct = correct_or_same = 0
    misses, spurious, errors = {}, {}, {}
    for article in articles:
        gold = article["toponyms"]
        predicted = by_id.get(article["id"], {}).get("places", [])
        gold_total += len(gold)
        predicted_total += len(predicted)
        used = set()
        matched_predicted = set()
        for g in gold:
            for number, p in enumerate(predicted):
                if number in used or p["end"] <= g["start"] or p["start"] >= g["end"]:
                    continue
                used.add(number)
                matched_predicted.add(number)
                matched += 1
                if g["lat"] is not None:
                    resolvable += 1
                    same_entry = g["id"] is not None and str(p.get("id")) == g["id"]
                    near = p.get("lat") is not None and km(g["lat"], g["lon"], p["lat"], p["lon"]) <= 161
                    correct += near
                    correct_or_same += near or same_entry
                    if not near:
                        wrong = f"{g['phrase']} -> {p.get('name')} ({p.get('country')}, {p.get('type')})"
                        errors[wrong] = errors.get(wrong, 0) + 1
                break
            else:
                misses[g["phrase"]] = misses.get(g["phrase"], 0) + 1
        for number, p in enumerate(predicted):
            if number not in matched_predicted:
                spurious[p["text"]] = spurious.get(p["text"], 0) + 1
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(articles), "gold": gold_total, "predicted": predicted_total, "matched": matched,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "resolvable": resolvable, "accuracy_161km": round(correct / resolvable, 4) if resolvable else 0.0,
        # Countries and states sit at different points in different gazetteers (GeoNames puts
        # Canada at 60N 113W); the same GeoNames id is the same resolution.
        "accuracy_161km_or_same_id": round(correct_or_same / resolvable, 4) if resolvable else 0.0,
        "top_misses": sorted(misses.items(), key=lambda kv: -kv[1])[:15],
        "top_spurious": sorted(spurious.items(), key=lambda kv: -kv[1])[:15],
        "top_wrong": sorted(errors.items(), key=lambda kv: -kv[1])[:15],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", help="TR-News.xml or lgl.xml")
    parser.add_argument("--annotations", help="dyad annotate output to score instead of running dyad")
    parser.add_argument("--dyad", help="the dyad binary")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    articles = read_gold(args.gold)
    if args.annotations:
        annotated = [json.loads(line) for line in open(args.annotations, encoding="utf-8") if line.strip()]
    else:
        binary = args.dyad or next((b for b in (".build/release/dyad", ".build/debug/dyad") if os.path.exists(b)), None)
        if not binary:
            sys.exit("no dyad binary: build with `swift build -c release` or pass --dyad")
        annotated = run_dyad(articles, binary)
    figures = score(articles, annotated)
    if args.json:
        print(json.dumps(figures))
        return
    name = os.path.basename(args.gold)
    print(f"{name}: {figures['articles']} articles, {figures['gold']} gold toponyms, {figures['predicted']} predicted")
    print(f"recognition  P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}")
    print(f"resolution   accuracy@161km {figures['accuracy_161km']:.3f}, within 161 km or same GeoNames id "
          f"{figures['accuracy_161km_or_same_id']:.3f}, on {figures['resolvable']} matched toponyms")
    print("most missed:", ", ".join(f"{k} {v}" for k, v in figures["top_misses"]))
    print("most often resolved wrong:", ", ".join(f"{k} {v}" for k, v in figures["top_wrong"]))
    print("most spurious:", ", ".join(f"{k} {v}" for k, v in figures["top_spurious"]))


if __name__ == "__main__":
    main()
