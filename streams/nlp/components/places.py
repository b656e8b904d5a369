"""Place mentions: towns, admin1 regions, countries, 'the capital', 'the area around X'.

Sets ``doc._.places``: a list of PlaceMention with every gazetteer candidate; which
candidate is meant is decided per article (the article's geography) in ``streams.nlp.locations``.
Each mention also gets its role: a ``location``, a ``dateline`` ('KYIV, Ukraine (AP) —': where
the reporter sits), an ``actor`` ('Moscow said', 'Kyiv's allies': a government, not a place) or a
``part`` of a hyphenated word ('Moscow-installed', 'the Tyre-Naqura road': a name or an adjective).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import ORTH, POS, SPACY
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from streams.nlp.docdata import offset_of
from streams.nlp.gazetteer import MAX_NAME_TOKENS, Gazetteer, Place, Region, begins_any, fold, load_gazetteer
from streams.nlp.lexicon import lexicon, place_words

LOCATION, DATELINE, ACTOR, PART = "location", "dateline", "actor", "part"
#: The glue of a town named after its river ('Rostov-on-Don', 'Slavyansk-na-Kubani').
ON = ("on", "na")
#: Folding every word tried as a name: the same few thousand words over and over.
_fold = lru_cache(maxsize=1 << 16)(fold)
_CAPITAL, _NAME, _LONGER, _TITLE = 1, 2, 4, 8
_NAMES = _CAPITAL | _NAME | _LONGER
#: Words whose opener flags are kept (a worker's vocabulary only grows): past this the cache starts over.
_FLAGS_CACHE = 1 << 17


@dataclass(slots=True)
class PlaceMention:
    start: int  # token index in the doc
    end: int
    text: str
    kind: str  # place | region | country | capital | demonym ('Ukrainian', 'Houthi': whose story it is)
    places: list[Place] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    country: str | None = None
    vicinity: bool = False  # 'the outskirts of', 'the area around', 'north of'
    reference: bool = False  # 'north of Sanaa', '30 km south of Kyiv': a point to find another place by
    role: str = LOCATION
    side: bool = False  # a demonym of who struck ('Russian shelling'), not of where ('Ukrainian officials')


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, *, lowercase_min_population: int, common_word_min_population: int,
                 dateline_within_chars: int) -> None:
        self.gazetteer = gazetteer
        self.words = place_words()
        self.speech_lemmas = lexicon().speech_lemmas
        self.weapon_words = {phrase[0] for phrase in lexicon().weapon_phrases if len(phrase) == 1}
        lex = lexicon()
        self.side_words = lex.attack_lemmas | lex.munition_nouns | lex.troop_nouns | self.words.government_nouns
        #: A lower-case place name is only trusted for big cities ('kyiv' in sloppy copy).
        self.lowercase_min_population = lowercase_min_population
        #: A name that is also an everyday word ('Agency', 'May'), or a capitalised word the tagger
        #: does not call a proper noun, needs a big place or a cue ('the village of').
        self.common_word_min_population = common_word_min_population
        #: A dateline opens the article: only this far into its text.
        self.dateline_within_chars = dateline_within_chars
        self._named_until = 0
        self._opener_flags: dict[tuple[int, int], int] = {}
        #: The only names a lower-case first word can open (see _begins_a_name), sorted for bisection.
        self._lowercase_names = gazetteer.sorted_names(min_population=lowercase_min_population)
        self._lowercase_known = frozenset(self._lowercase_names)

    def __call__(self, doc: Doc) -> Doc:
        found: list[PlaceMention] = []
        self._named_until = 0  # end of the last mention: a name word after it that took no mention is part of a longer name
        i = 0
        for j, flags in self._openers(doc):
            if j < i:
                continue  # inside the last mention
            longest = MAX_NAME_TOKENS if flags & _LONGER else 1 if flags & _NAME else 0
            mention = (self._match_at(doc, j, longest) if flags & _NAMES else None) or self._unlisted_village_at(doc, j)
            if mention is None:
                continue
            mention.reference = self._is_reference(doc, mention.start)
            mention.vicinity = mention.reference or self._is_vicinity(doc, mention.start)
            found.append(mention)
            i = self._named_until = mention.end
        self._mark_dateline(doc, found)
        named = {i for m in found for i in range(m.start, m.end)}
        for mention in found:
            if mention.role == LOCATION and self._hyphenated(doc, mention, named):
                mention.role = PART
            elif mention.role == LOCATION and self._is_actor(doc, mention):
                mention.role = ACTOR
        doc._.places = self._without_city_districts(doc, found)
        return doc

    def _openers(self, doc: Doc) -> list[tuple[int, int]]:
        """(token index, flags) of the tokens a mention could begin at: at every other one both finders
        below return None. Read from the token arrays with the flags cached per word (issue 15 speed: the
        finders called at each of a paragraph's tokens were a sixth of the extractor)."""
        openers = []
        for k, (orth, spaced, pos) in enumerate(doc.to_array([ORTH, SPACY, POS]).tolist()):
            flags = self._opener_flags.get((orth, spaced))
            if flags is None:
                flags = self._opener_flags[(orth, spaced)] = self._flags(doc[k], bool(spaced))
            if flags & _NAMES or flags & _TITLE and pos == PROPN:
                openers.append((k, flags))
        if len(self._opener_flags) > _FLAGS_CACHE:
            self._opener_flags.clear()
        return openers

    def _flags(self, token: Token, spaced: bool) -> int:
        """_CAPITAL: 'the capital'; _NAME: a name by itself; _LONGER: some longer name could begin with it (followed
        by a space, a name going on after a space; glued to what follows, any name beginning with it);
        _TITLE: what _unlisted_village_at needs, with a PROPN tag."""
        text = token.text
        flags = _CAPITAL * (token.lower_ in self.words.capital_words) | _TITLE * token.is_title
        if (token.is_alpha or "-" in text or "'" in text) and not (token.is_stop and token.is_lower):
            word = _fold(text)
            known = word in self._lowercase_known if token.is_lower else self._known(word)
            flags |= _NAME * known | _LONGER * self._begins_a_name(token, word + " " if spaced else word)
        return flags

    def _begins_a_name(self, first: Token, prefix: str) -> bool:
        """Whether a name _match_at could take, beginning with ``first``, begins with ``prefix``: a lower-case
        word ('old', 'sources') only opens a side, a region ('northern Israel') or a big town."""
        if first.is_lower:
            return begins_any(self._lowercase_names, prefix)
        return self.gazetteer.starts_a_name(prefix)

    def _without_city_districts(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """'the Kyivskyi district' of a city the paragraph names is part of that city, not a town of its own.
        A camp or neighbourhood of the hand-kept list ('the Sheikh Radwan neighbourhood') is the place itself."""
        def is_district(m: PlaceMention) -> bool:
            last_or_next = {doc[m.end - 1].lower_, doc[m.end].lower_ if m.end < len(doc) else ""}
            return (m.kind == "place" and bool(last_or_next & self.words.sub_place_words)
                    and not any(p in self.gazetteer.localities for p in m.places))
        if not any(m.kind == "place" and not is_district(m) for m in found):
            return found
        return [m for m in found if not is_district(m)]

    def _match_at(self, doc: Doc, i: int, longest: int) -> PlaceMention | None:
        """The mention beginning at token i, trying names of up to ``longest`` tokens (0: only 'the capital')."""
        token = doc[i]
        if token.lower_ in self.words.capital_words and i > 0 and doc[i - 1].lower_ == "the" and not self._names_itself(doc, i + 1):
            return PlaceMention(i - 1, i + 1, doc[i - 1 : i + 1].text, "capital")
        if not longest:
            return None
        tokens, prefix = [token], token.text_with_ws
        # a longer name is only tried while some name begins with the words so far
        while len(tokens) < longest and i + len(tokens) < len(doc) and self._begins_a_name(token, _fold(prefix)):
            tokens.append(doc[i + len(tokens)])
            prefix += tokens[-1].text_with_ws
        for n in range(len(tokens), 0, -1):
            last = tokens[n - 1]
            if last.is_punct:
                continue
            # the span's text from its tokens: a Span made for each of the ~4 lengths at every token cost a fifth
            # of the extractor on real text (issue 15 speed); a span is only made for a name the gazetteer knows
            key = _fold("".join([t.text_with_ws for t in tokens[: n - 1]]) + last.text)
            if not self._known(key):
                continue
            span = doc[i : i + n]
            after = doc[i + n] if i + n < len(doc) else None
            regions = self.gazetteer.regions(key)
            if regions and after is not None and after.lower_ in self.words.region_keywords and not span[0].is_lower:
                return PlaceMention(i, i + n + 1, doc[i : i + n + 1].text, "region", regions=regions)
            country = self.gazetteer.country(key)
            # 'US', 'UK', 'DRC' are only countries in capitals ('Us' heads a sentence).
            if country and (span[0].is_title | span[0].is_upper) and (len(key) > 3 or span.text.isupper()):
                return PlaceMention(i, i + n, span.text, "country", country=country)
            actor = self._names_a_side(key)
            if actor is not None:
                head = span.root.head.lower_ if span.root.dep_ in ("amod", "compound", "nmod") else ""
                return PlaceMention(i, i + n, span.text, "demonym", country=actor, role=ACTOR, side=head in self.side_words)
            if key in self.weapon_words:
                continue  # 'Iskander' is also a town in Uzbekistan
            places = [p for p in self.gazetteer.places(key) if self._plausible(span, key, p)]
            if places and not self._is_person_name(doc, i, i + n):
                return PlaceMention(i, i + n, span.text, "place", places=places, regions=regions)
            # 'Kherson', and 'northern Israel', 'southern Lebanon' (a hand-kept name led by a direction).
            named = span[0].is_title or len(span) > 1 and span[-1].is_title
            if regions and named and key not in self.gazetteer.common_words and (span[0].is_lower or not self._is_person_name(doc, i, i + n)):
                return PlaceMention(i, i + n, span.text, "region", regions=regions)
        return None

    def _known(self, key: str) -> bool:
        """Whether any branch of _match_at could take this name (each needs one of these lookups)."""
        gazetteer = self.gazetteer
        return bool(gazetteer.places(key) or gazetteer.regions(key) or gazetteer.country(key) or key in gazetteer.actor_words)

    def _unlisted_village_at(self, doc: Doc, i: int) -> PlaceMention | None:
        """'the village of Odradokamyanka', 'Tudun Biri village': a place the gazetteer lacks, named as one.

        It has no candidates; the resolver puts it in the region its sentence or its article names.
        """
        end = i
        while end < len(doc) and end - i < MAX_NAME_TOKENS and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end == i:
            return None
        before = doc[max(0, i - 2) : i]
        cue_before = len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in self.words.village_words
        cue_after = end < len(doc) and doc[end].lower_ in self.words.village_words
        if not (cue_before or cue_after) or any(fold(t.text) in self.gazetteer.actor_words for t in doc[i:end]):
            return None
        return PlaceMention(i, end, doc[i:end].text, "place")

    def _names_a_side(self, key: str) -> str | None:
        """'Ukrainian', 'Houthis', 'Hamas' (also an alternate name of Hamm): a people or a side, not a place.

        'Moscow' and 'Washington' are sides too, but also places in their own country: they stay places.
        """
        actor = self.gazetteer.actor_words.get(key)
        if actor is None or any(p.country == actor for p in self.gazetteer.places(key)):
            return None
        return actor

    def _plausible(self, span: Span, key: str, place: Place) -> bool:
        first = span[0]
        if first.is_lower:
            return place.population >= self.lowercase_min_population and not first.is_stop
        if not (first.is_title or first.is_upper):
            return False
        big = place.population >= self.common_word_min_population
        if key in self.gazetteer.common_words:
            return big or self._settlement_cue(span)
        if len(span) > 1 and all(t.is_title or t.is_punct for t in span):
            return True  # 'Velyka Pysarivka': a multi-word capitalised name is no accident
        if first.pos_ != "PROPN" or (len(span) == 1 and first.is_sent_start):
            return big
        return True

    def _settlement_cue(self, span: Span) -> bool:
        """'the village of May', 'Line village': the text says it is a place."""
        doc = span.doc
        before = doc[span.start - 2 : span.start]
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in self.words.settlement_words:
            return True
        return span.end < len(doc) and doc[span.end].lower_ in self.words.settlement_words

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
        if after is not None and after.is_title and after.pos_ == "PROPN" and after.lower_ not in self.words.region_keywords:
            return not self.gazetteer.places(fold(after.text)) and not self.gazetteer.regions(fold(after.text))
        if before is not None and before.is_title and before.pos_ == "PROPN" and not before.is_sent_start:
            # 'Birkat Abu Rashid': 'Abu' took no mention of its own, so 'Rashid' ends a name no gazetteer has
            if fold(before.text) in ("in", "of") or before.lower_ in self.words.name_prefixes:
                return False  # 'Greater Khartoum', 'Northern Gaza', 'Al Maghazi': the same place
            return start - 1 >= self._named_until or not self.gazetteer.places(fold(before.text))
        return False

    def _mark_dateline(self, doc: Doc, found: list[PlaceMention]) -> None:
        """'KYIV, Ukraine (AP) —', 'Kyiv • UNN', 'SIMFEROPOL (Sputnik) -', 'Port Sudan, Sudan -': where it was filed.

        The place opens a paragraph near the top of the article and is followed, on the same line, by at
        most a country or date and an agency in brackets, then a dash or bullet.
        """
        if not found or found[0].start != 0 or offset_of(doc) > self.dateline_within_chars:
            return
        first = found[0]
        tail = self.words.dateline_tail.match(doc.text[doc[first.end - 1].idx + len(doc[first.end - 1]) :])
        if tail is None or (tail.group().rstrip().endswith(":") and not doc[first.start : first.end].text.isupper()):
            return
        cut = doc[first.end - 1].idx + len(doc[first.end - 1]) + tail.end()
        for mention in found:
            if doc[mention.start].idx < cut:
                mention.role = DATELINE

    def _is_actor(self, doc: Doc, mention: PlaceMention) -> bool:
        """'Moscow said', 'Washington warned', 'the Kiev regime', 'Russia claimed': a side, not a place."""
        root = doc[mention.start : mention.end].root
        if mention.kind == "country":
            # 'fire between Israel and Hezbollah', 'the war between Russia and Ukraine': the parties, not a place
            between = root.head.head if root.dep_ == "conj" else root.head
            return root.dep_ in ("poss", "compound", "amod", "nmod", "nsubj", "nsubjpass") or between.lower_ == "between"
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in self.speech_lemmas:
            return True
        if self._is_origin(root):
            return True
        if mention.kind != "place" or not self._is_capital(mention):
            return False
        if root.dep_ == "nsubj":
            return root.head.lemma_.lower() not in self.words.location_subject_lemmas
        if root.dep_ in ("poss", "compound", "nmod", "amod"):
            heads = {root.head.lower_, root.head.head.lower_ if root.head.dep_ in ("compound", "amod") else ""}
            return bool(heads & self.words.government_nouns)
        return False

    def _hyphenated(self, doc: Doc, mention: PlaceMention, named: set[int]) -> bool:
        """'Moscow-installed officials', 'Gaza-based', the 'Israel-Hamas war', a firm called 'Agro-Something': a
        name glued by a hyphen to a word that names no place is part of that word, not a place of its own
        ('al-' and 'Rostov-on-Don' excepted; 'the Tyre-Naqura road' runs between two places and stays)."""
        end, start = mention.end, mention.start
        if (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
                and doc[end + 1].is_alpha and doc[end + 1].lower_ not in ON and end + 1 not in named):
            return True
        before = doc[start - 2] if start >= 2 else None
        return (before is not None and doc[start - 1].text == "-" and not before.whitespace_ and not doc[start - 1].whitespace_
                and before.is_alpha and before.lower_ not in self.words.name_prefixes and before.lower_ not in ON
                and before.i not in named)

    def _is_origin(self, root) -> bool:
        """'rockets fired from southern Lebanon', 'drones launched out of Crimea': where the attack came from."""
        prep = root.head
        if root.dep_ != "pobj" or not (prep.lower_ == "from" or prep.lower_ == "of" and prep.head.lower_ == "out"):
            return False
        verb = prep.head.head if prep.lower_ == "of" else prep.head
        return verb.lemma_.lower() in self.words.origin_verbs

    def _is_capital(self, mention: PlaceMention) -> bool:
        if not mention.places:
            return False
        top = max(mention.places, key=lambda p: p.population)
        return self.gazetteer.capital(top.country) == top

    def _is_vicinity(self, doc: Doc, start: int) -> bool:
        """'the outskirts of Kyiv', 'the area around Kherson'."""
        window = doc[max(0, start - 4) : start]
        return any(t.lower_ in self.words.vicinity_words for t in window)

    def _is_reference(self, doc: Doc, start: int) -> bool:
        """'a village north of Beirut', '30 km south of the capital'."""
        before = doc[max(0, start - 3) : start]
        return len(before) >= 2 and before[-1].lower_ == "of" and any(t.lower_ in self.words.direction_words for t in before[:-1])


@Language.factory(
    "strikewatch_places_v1",
    default_config={"lowercase_min_population": 500_000, "common_word_min_population": 100_000, "dateline_within_chars": 600},
)
def make_place_finder(nlp: Language, name: str, lowercase_min_population: int, common_word_min_population: int,
                      dateline_within_chars: int) -> PlaceFinder:
    return PlaceFinder(load_gazetteer(), lowercase_min_population=lowercase_min_population,
                       common_word_min_population=common_word_min_population, dateline_within_chars=dateline_within_chars)
