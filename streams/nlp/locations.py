"""Choosing which gazetteer candidate a place mention means, given the whole article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from streams.nlp.components.places import PlaceMention
from streams.nlp.gazetteer import Gazetteer, Place, Region
from streams.nlp.lexicon import lexicon

#: A town outside every country the article talks about must be at least this big.
FOREIGN_MIN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    country: str
    admin1: str | None
    admin1_name: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: str  # place | admin1 | country

    def as_dict(self) -> dict:
        return {"place": self.place, "country": self.country, "admin1_code": self.admin1, "admin1_name": self.admin1_name,
                "lat": self.lat, "lon": self.lon, "precision": self.precision}


class LocationResolver:
    """Resolves mentions against the countries an article is about ('Pokrovsk' in a Ukraine story)."""

    def __init__(self, gazetteer: Gazetteer, mentions: list[PlaceMention], actor_countries: Counter) -> None:
        self.gazetteer = gazetteer
        counts: Counter = Counter()
        for mention in mentions:
            if mention.kind == "country" and mention.country:
                counts[mention.country] += 2
            elif mention.kind == "region" and len({r.country for r in mention.regions}) == 1:
                counts[mention.regions[0].country] += 1
            elif mention.kind == "place" and mention.places:
                top = max(mention.places, key=lambda p: p.population)
                if top.population >= FOREIGN_MIN_POPULATION:
                    counts[top.country] += 1
        self.places_context = Counter(counts)
        counts.update({c: n for c, n in actor_countries.items()})
        self.context = counts
        self.surrounding = lexicon().surrounding_region

    def home_country(self) -> str | None:
        """The country whose places the article names most (the side struck, in a war story)."""
        return self.places_context.most_common(1)[0][0] if self.places_context else None

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
        place = self._best_place(mention.places, sentence_regions)
        if place is None:
            region = self._best_region(mention.regions, sentence_regions)
            return self._from_region(region) if region else None
        return self._vicinity(self._from_place(place), mention)

    def _best_place(self, places: list[Place], sentence_regions: set[str]) -> Place | None:
        in_region = [p for p in places if p.admin1 in sentence_regions]
        if in_region:
            return max(in_region, key=lambda p: p.population)
        in_context = [p for p in places if p.country in self.context]
        if in_context:
            return max(in_context, key=lambda p: (self.context[p.country] > 0, p.population))
        big = [p for p in places if p.population >= FOREIGN_MIN_POPULATION]
        if big or self.places_context:
            return max(big, key=lambda p: p.population, default=None)
        # The article names no other place ('a Russian bomb hit Kupiansk'): trust the name.
        return max(places, key=lambda p: p.population, default=None)

    def _best_region(self, regions: list[Region], sentence_regions: set[str]) -> Region | None:
        if not regions:
            return None
        return max(regions, key=lambda r: (r.code in sentence_regions, self.context[r.country], r.kind != "city"))

    def _from_place(self, place: Place) -> ResolvedPlace:
        region = self.gazetteer.regions_by_code.get(place.admin1)
        return ResolvedPlace(place.country, place.admin1, region.name if region else None, place.name, place.lat, place.lon, "place")

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
