"""Place mentions: towns, admin1 regions, countries, 'the capital', 'the area around X'.

Sets ``doc._.places``: a list of PlaceMention with every gazetteer candidate; which
candidate is meant is decided per article (context countries) in ``streams.nlp.assembly``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from streams.nlp.docdata import offset_of
from streams.nlp.gazetteer import MAX_NAME_TOKENS, Gazetteer, Place, Region, fold, load_gazetteer
from streams.nlp.lexicon import lexicon

#: A lower-case place name is only trusted for big cities ('kyiv' in sloppy copy).
LOWERCASE_MIN_POPULATION = 500_000
#: A capitalised word the tagger does not call a proper noun needs to be a big place.
COMMON_WORD_MIN_POPULATION = 100_000


@dataclass(slots=True)
class PlaceMention:
    start: int  # token index in the doc
    end: int
    text: str
    kind: str  # place | region | country | capital
    places: list[Place] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    country: str | None = None
    vicinity: bool = False  # 'the outskirts of', 'the area around'


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found: list[PlaceMention] = []
        i = 0
        while i < len(doc):
            mention = self._match_at(doc, i)
            if mention is None:
                i += 1
                continue
            mention.vicinity = self._is_vicinity(doc, mention.start)
            if not self._is_dateline(doc, mention):
                found.append(mention)
            i = mention.end
        doc._.places = self._without_city_districts(doc, found)
        return doc

    def _without_city_districts(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """'the Kyivskyi district' of a city the paragraph names is part of that city, not a town of its own."""
        def is_district(m: PlaceMention) -> bool:
            last_or_next = {doc[m.end - 1].lower_, doc[m.end].lower_ if m.end < len(doc) else ""}
            return m.kind == "place" and bool(last_or_next & self.lex.sub_place_words)
        if not any(m.kind == "place" and not is_district(m) for m in found):
            return found
        return [m for m in found if not is_district(m)]

    def _match_at(self, doc: Doc, i: int) -> PlaceMention | None:
        token = doc[i]
        if token.lower_ == "capital" and i > 0 and doc[i - 1].lower_ == "the" and not self._names_itself(doc, i + 1):
            return PlaceMention(i - 1, i + 1, "the capital", "capital")
        if not (token.is_alpha or "-" in token.text or "'" in token.text) or token.is_stop and token.is_lower:
            return None
        for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if span[-1].is_punct:
                continue
            key = fold(span.text)
            after = doc[i + n] if i + n < len(doc) else None
            regions = self.gazetteer.regions(key)
            if regions and after is not None and after.lower_ in self.lex.region_keywords and not span[0].is_lower:
                return PlaceMention(i, i + n + 1, doc[i : i + n + 1].text, "region", regions=regions)
            country = self.gazetteer.country(key)
            if country and span[0].is_title | span[0].is_upper:
                return PlaceMention(i, i + n, span.text, "country", country=country)
            places = [p for p in self.gazetteer.places(key) if self._plausible(span, p)]
            if places and not self._is_person_name(doc, i, i + n):
                return PlaceMention(i, i + n, span.text, "place", places=places, regions=regions)
            if regions and span[0].is_title and not self._is_person_name(doc, i, i + n):
                return PlaceMention(i, i + n, span.text, "region", regions=regions)
        return None

    def _plausible(self, span, place: Place) -> bool:
        first = span[0]
        if first.is_lower:
            return place.population >= LOWERCASE_MIN_POPULATION and not first.is_stop
        if not (first.is_title or first.is_upper):
            return False
        if len(span) > 1 and all(t.is_title or t.is_punct for t in span):
            return True  # 'Velyka Pysarivka': a multi-word capitalised name is no accident
        if first.pos_ != "PROPN" or (len(span) == 1 and first.is_sent_start):
            return place.population >= COMMON_WORD_MIN_POPULATION
        return True

    @staticmethod
    def _names_itself(doc: Doc, j: int) -> bool:
        """'the capital, Kyiv' / 'the capital of Kyiv' / 'the capital Kyiv': the name follows."""
        while j < len(doc) and doc[j].lower_ in (",", "of"):
            j += 1
        return j < len(doc) and (doc[j].is_title or doc[j].pos_ == "PROPN")

    def _is_person_name(self, doc: Doc, start: int, end: int) -> bool:
        """'Volodymyr Zelensky', 'Vitali Klitschko': a name beside another capitalised name."""
        after = doc[end] if end < len(doc) else None
        before = doc[start - 1] if start > 0 else None
        if after is not None and after.is_title and after.pos_ == "PROPN" and after.lower_ not in self.lex.region_keywords:
            return not self.gazetteer.places(fold(after.text)) and not self.gazetteer.regions(fold(after.text))
        if before is not None and before.is_title and before.pos_ == "PROPN" and not before.is_sent_start:
            return fold(before.text) not in ("in", "of") and not self.gazetteer.places(fold(before.text))
        return False

    @staticmethod
    def _is_dateline(doc: Doc, mention: PlaceMention) -> bool:
        """'KYIV, Feb 1 (Reuters) -' / 'Kyiv [Ukraine], February 1 :' opens wire copy: where it was filed."""
        if mention.start > 1 or offset_of(doc) > 5:
            return False
        following = doc[mention.end : mention.end + 8].text
        return bool(re.match(r"^\s*[\[(,—-]", following)) and bool(re.search(r"\d|\(|\]|Reuters|AFP|AP\b", following))

    def _is_vicinity(self, doc: Doc, start: int) -> bool:
        window = doc[max(0, start - 4) : start]
        return any(t.lower_ in self.lex.vicinity_words for t in window)


@Language.factory("strikewatch_places_v1")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(load_gazetteer())

