"""Choosing which gazetteer candidate a place mention means, given the article's geography.

An article about a war is about a few countries: the ones it names, whose regions it names, where
its dateline was filed. Those are its *home* countries, and a place name is read there first
('Pokrovsk' in a Ukraine story is not Engels, once called Pokrovsk; 'Omdurman' beside 'Port Sudan').
The sides it names as actors ('Russian drones', 'Moscow said') make their country plausible, but
only for big places; a town in a country the article never mentions is a same-name accident
('Hassan', 'Most', 'the Red Sea' governorate of Egypt) and is dropped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from streams.nlp.components.places import ACTOR, DATELINE, PlaceMention
from streams.nlp.gazetteer import Gazetteer, Place, Region, fold
from streams.nlp.lexicon import place_words

#: A town outside the article's home countries must be at least this big.
FOREIGN_MIN_POPULATION = 100_000
#: Evidence a country's name gives that the article is about it; a dateline says it louder.
COUNTRY_WEIGHT = 2
DATELINE_WEIGHT = 5
#: A home country holds at least this share of the article's place evidence.
HOME_SHARE = 0.25
#: A region the article names elsewhere makes its town this many orders of magnitude likelier.
ARTICLE_REGION_BONUS = 2
EARTH_KM = 6371.0
#: How much a country's share of the evidence outweighs population (orders of magnitude per share).
SHARE_SCALE = 4


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    country: str
    admin1: str | None
    admin1_name: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: str  # place | admin1 | country
    population: int | None = None  # of the town: the smaller of two neighbours is the more specific

    def km_to(self, other: ResolvedPlace) -> float:
        """Distance between two resolved points (equirectangular: fine at the scale of a city)."""
        if None in (self.lat, self.lon, other.lat, other.lon):
            return math.inf
        dx = math.radians(other.lon - self.lon) * math.cos(math.radians((self.lat + other.lat) / 2))
        return EARTH_KM * math.hypot(dx, math.radians(other.lat - self.lat))

    def as_dict(self) -> dict:
        return {"place": self.place, "country": self.country, "admin1_code": self.admin1, "admin1_name": self.admin1_name,
                "lat": self.lat, "lon": self.lon, "precision": self.precision}


class LocationResolver:
    """Resolves mentions against the countries and regions an article is about."""

    def __init__(self, gazetteer: Gazetteer, mentions: list[PlaceMention], actor_countries: Counter) -> None:
        self.gazetteer = gazetteer
        self.surrounding = place_words().surrounding_region
        evidence: Counter = Counter()
        demonyms: Counter = Counter()
        self.article_regions: set[str] = set()
        for mention in mentions:
            weight = DATELINE_WEIGHT if mention.role == DATELINE else COUNTRY_WEIGHT
            if mention.kind == "country" and mention.country:
                evidence[mention.country] += weight
            elif mention.kind == "demonym" and mention.country and not mention.side:
                evidence[mention.country] += 1
                demonyms[mention.country] += 1
            elif mention.kind == "region" and len({r.country for r in mention.regions}) == 1:
                evidence[mention.regions[0].country] += 1
                if len(mention.regions) == 1:
                    self.article_regions.add(mention.regions[0].code)
            elif mention.kind == "place" and mention.role == DATELINE and mention.places:
                evidence[max(mention.places, key=lambda p: p.population).country] += weight
        actors = Counter(actor_countries) + Counter(m.country for m in mentions if m.kind == "demonym" and m.side)
        for mention in mentions:  # 'Moscow said': the side is in the story, the place need not be
            if mention.role == ACTOR and mention.kind == "place" and mention.places:
                actors[max(mention.places, key=lambda p: p.population).country] += 1
        self.involved = set(evidence) | set(actors)
        # A town that can only be in one country says the article is about it (each name once: a family
        # name repeated through a narrative is no town). Unless its country is otherwise in the story, only
        # a big town or a region's namesake counts ('Kherson'), and a name that is also a word or a first
        # name never does ('Hassan' in a Gaza narrative is a man, not the Indian town).
        # A big town vouches for itself only in an article that names no country or region of its own: beside
        # 'the Belgorod region', a 'Borisov' or an 'Agro-' is a same-name accident abroad, not a second war.
        named_before = bool(evidence)
        for mention in {fold(m.text): m for m in mentions if m.kind == "place" and m.role != DATELINE}.values():
            countries = {p.country for p in mention.places}
            if len(countries) != 1 or fold(mention.text) in gazetteer.common_words:
                continue
            country = countries.pop()
            big = max(p.population for p in mention.places) >= FOREIGN_MIN_POPULATION
            if (country in self.involved or big and not named_before
                    or any(r.country == country for r in mention.regions)):
                evidence[country] += 1
        #: Only sides were named ('an Israeli strike on Rafah'): big places are trusted by their name.
        self.named = any(n > 0 for country, n in (evidence - demonyms).items())
        total = sum(evidence.values())
        self.share = {country: n / total for country, n in evidence.items()}
        self.home = {country for country, share in self.share.items() if share >= HOME_SHARE}

    def home_country(self) -> str | None:
        """The country whose places the article names most (the side struck, in a war story)."""
        return max(self.share, key=self.share.__getitem__) if self.share else None

    def resolve(self, mention: PlaceMention, sentence_regions: set[str], context_country: str | None = None) -> ResolvedPlace | None:
        if mention.kind == "country":
            return ResolvedPlace(mention.country, None, None, None, None, None, "country")
        if mention.kind == "capital":
            home = context_country or self.home_country()
            capital = self.gazetteer.capital(home) if home else None
            return self._vicinity(self._from_place(capital), mention) if capital else None
        if mention.kind == "region":
            region = self._best_region(mention.regions, sentence_regions)
            return self._vicinity(self._from_region(region), mention) if region else None
        if not mention.places and not mention.regions:
            # 'the village of Odradokamyanka': in the region its sentence names, else the one its article names
            inside = sentence_regions if len(sentence_regions) == 1 else self.article_regions
            return self._unlisted_place(mention.text, self.gazetteer.regions_by_code[next(iter(inside))]) if len(inside) == 1 else None
        place = self._best_place(mention.places, sentence_regions, {r.code for r in mention.regions})
        if place is None:
            region = self._best_region(mention.regions, sentence_regions)
            return self._from_region(region) if region else None
        if self._listed_elsewhere(place, sentence_regions):
            # 'Vesele in the Kherson region': a village the gazetteer only knows in other regions is one of its own.
            return self._unlisted_place(mention.text, self.gazetteer.regions_by_code[next(iter(sentence_regions))])
        elsewhere = None if sentence_regions else self._article_region_for(mention.places)
        if elsewhere is not None:
            return self._unlisted_place(mention.text, self.gazetteer.regions_by_code[elsewhere])
        return self._vicinity(self._from_place(place), mention)

    def _listed_elsewhere(self, place: Place, sentence_regions: set[str]) -> bool:
        return (len(sentence_regions) == 1 and place.admin1 not in sentence_regions and place.population < FOREIGN_MIN_POPULATION
                and self.gazetteer.regions_by_code[next(iter(sentence_regions))].country == place.country)

    def _article_region_for(self, places: list[Place]) -> str | None:
        """'Vesele' (dozens of villages share the name) in an article about one region of its country: that region's."""
        if len(self.article_regions) != 1:
            return None
        inside = next(iter(self.article_regions))
        # namesakes abroad ('Veselé' in Czechia) do not make the name less a village of the article's country
        places = [p for p in places if p.country == self.gazetteer.regions_by_code[inside].country]
        if len(places) < 2 or any(p.admin1 == inside for p in places):
            return None
        return inside if all(p.population < FOREIGN_MIN_POPULATION for p in places) else None

    def _best_place(self, places: list[Place], sentence_regions: set[str], namesakes: set[str]) -> Place | None:
        """The candidate in the region the sentence names, else in the region that bears its name ('Rafah',
        'Kherson'), else in a home country (in a region the article names, else the biggest), else a big
        town of a country in the story."""
        def rank(p: Place) -> tuple[int, float]:
            if p.admin1 in sentence_regions:
                tier = 4
            elif p.admin1 in namesakes and p.country in self.involved | self.home:
                tier = 3
            elif p.country in self.home:
                tier = 2
            elif p.country in self.involved and p.population >= FOREIGN_MIN_POPULATION:
                tier = 1
            elif not self.share or not self.named and p.population >= FOREIGN_MIN_POPULATION:
                tier = 0  # the article names no other place ('a Russian bomb hit Kupiansk'): trust a big town's name
            else:
                tier = -1
            named_region = ARTICLE_REGION_BONUS * (p.admin1 in self.article_regions)
            return tier, math.log10(p.population + 10) + SHARE_SCALE * self.share.get(p.country, 0) + named_region

        best = max(places, key=rank, default=None)
        return best if best is not None and rank(best)[0] >= 0 else None

    def _best_region(self, regions: list[Region], sentence_regions: set[str]) -> Region | None:
        plausible = [r for r in regions if r.code in sentence_regions or r.country in self.involved or not self.named]
        if not plausible:
            return None
        return max(plausible, key=lambda r: (r.code in sentence_regions, self.share.get(r.country, 0), r.kind != "city"))

    def _from_place(self, place: Place) -> ResolvedPlace:
        region = self.gazetteer.regions_by_code.get(place.admin1)
        return ResolvedPlace(place.country, place.admin1, region.name if region else None, place.name, place.lat, place.lon, "place",
                             place.population)

    @staticmethod
    def _unlisted_place(name: str, region: Region) -> ResolvedPlace:
        return ResolvedPlace(region.country, region.code, region.name, name, region.lat, region.lon, "admin1", 0)

    def region_of(self, location: ResolvedPlace) -> ResolvedPlace:
        region = self.gazetteer.regions_by_code.get(location.admin1 or "")
        return self._from_region(region) if region else location

    @staticmethod
    def _from_region(region: Region) -> ResolvedPlace:
        return ResolvedPlace(region.country, region.code, region.name, None, region.lat, region.lon, "admin1")

    def _vicinity(self, location: ResolvedPlace, mention: PlaceMention) -> ResolvedPlace:
        """'the outskirts of the capital': the region around a city that is a region of its own."""
        around = self.surrounding.get(location.admin1 or "")
        if not mention.vicinity or around is None:
            return location
        region = self.gazetteer.regions_by_code.get(around)
        return self._from_region(region) if region else location
