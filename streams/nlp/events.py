"""Assembling incidents from the components' annotations of one article.

Each casualty figure goes to the place closest to it in the dependency tree of its
sentence (or, in a sentence that names no place, to the place the paragraph is about).
Figures for one incident within one article are merged: the largest wins (a breakdown
'four wounded here, one there' never adds up twice), 'another'/'two more' adds, and a
toll update ('rose to 7') supersedes. A figure that only names a country, on a day the
article also reports regional incidents in that country, is their total, not an incident.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from streams.nlp.components.casualties import Casualty
from streams.nlp.gazetteer import Gazetteer
from streams.nlp.lexicon import lexicon
from streams.nlp.locations import Location, LocationResolver

#: A strike word this close (in tree edges) to a place makes a strike event without casualty figures.
STRIKE_PLACE_DISTANCE = 3


@dataclass(slots=True)
class Count:
    value: int | None = None
    lower_bound: bool = False

    def add(self, figure: Casualty) -> None:
        if self.value is None or figure.update:
            self.value, self.lower_bound = figure.value, figure.lower_bound
        elif figure.increment:
            self.value += figure.value
        elif figure.value > self.value:
            self.value, self.lower_bound = figure.value, figure.lower_bound
        elif figure.value == self.value:
            self.lower_bound = self.lower_bound or figure.lower_bound


@dataclass(slots=True)
class Incident:
    location: Location
    occurred_on: date
    precision: str = "day"
    background: bool = False
    killed: Count = field(default_factory=Count)
    wounded: Count = field(default_factory=Count)
    sentences: list[Span] = field(default_factory=list)
    anchors: list[Token] = field(default_factory=list)
    launched: int | None = None
    intercepted: int | None = None

    @property
    def key(self) -> tuple:
        return (self.location.country, self.location.admin1, self.location.place, self.occurred_on, self.precision)

    def cite(self, sentence: Span) -> None:
        if all(s.start_char != sentence.start_char or s.doc is not sentence.doc for s in self.sentences):
            self.sentences.append(sentence)


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    ancestors_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(ancestors_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return depth[t.i] + n
    return 99


class Assembler:
    def __init__(self, gazetteer: Gazetteer, docs: list[Doc], published: date) -> None:
        self.gazetteer = gazetteer
        self.docs = docs
        self.published = published
        self.lex = lexicon()
        actors = Counter(cue.country for doc in docs for cue in doc._.actors if cue.strong)
        self.resolver = LocationResolver(gazetteer, [m for doc in docs for m in doc._.places], actors)
        self.incidents: dict[tuple, Incident] = {}

    def run(self) -> list[Incident]:
        last_date = self.published
        for doc in self.docs:
            context: Location | None = None
            paragraph_date: date | None = None
            for sentence in doc.sents:
                dates = self._sentence_dates(doc, sentence, last_date, paragraph_date)
                day, precision, background, explicit = dates[0][1]
                if explicit:
                    paragraph_date = last_date = day
                located = self._locations(doc, sentence, context)
                figures = [c for c in doc._.casualties if sentence.start <= c.anchor < sentence.end]
                for figure in figures:
                    location = self._closest(doc[figure.anchor], located) or context
                    if location is None:
                        continue
                    day, precision, background, _ = self._nearest_date(doc[figure.anchor], dates)
                    incident = self._incident(location, day, precision, background)
                    (incident.killed if figure.kind == "killed" else incident.wounded).add(figure)
                    incident.cite(sentence)
                    incident.anchors.append(doc[figure.anchor])
                for token, location in self._struck_places(doc, sentence, located):
                    day, precision, background, _ = self._nearest_date(token, dates)
                    incident = self._incident(location, day, precision, background)
                    incident.cite(sentence)
                    incident.anchors.append(token)
                specific = [loc for _, loc in located if loc.precision != "country"]
                if specific:
                    context = specific[-1]
                elif not figures and located:
                    context = None
        return self._finish()

    def _sentence_dates(self, doc: Doc, sentence: Span, last: date, paragraph: date | None) -> list[tuple[Token | None, tuple]]:
        """Every time expression of the sentence as (token, (day, precision, background, explicit)).

        The first entry is the sentence's own date; a sentence without one inherits the
        paragraph's (or the publication day).
        """
        found: list[tuple[Token | None, tuple]] = []
        for mention in doc._.dates:
            if not sentence.start_char <= mention.start < sentence.end_char:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            token = span.root if span is not None else None
            if mention.day is not None:
                found.append((token, (mention.day, mention.precision, mention.background, True)))
            elif mention.relative:
                shifted = last + timedelta(days=1 if mention.relative == "after" else -1)
                found.append((token, (shifted, "day", False, True)))
            elif mention.background:
                found.append((token, (self.published, mention.precision, True, False)))
        return found or [(None, ((paragraph or self.published), "day", False, False))]

    @staticmethod
    def _nearest_date(anchor: Token, dates: list[tuple[Token | None, tuple]]) -> tuple:
        """The time expression closest in the tree to the figure ('..., which left 25 dead on Saturday')."""
        if len(dates) == 1 or any(token is None for token, _ in dates):
            return dates[0][1]
        return min(dates, key=lambda d: tree_distance(anchor, d[0]))[1]

    def _locations(self, doc: Doc, sentence: Span, context: Location | None) -> list[tuple[Token, Location]]:
        mentions = [m for m in doc._.places if sentence.start <= m.start < sentence.end]
        regions = {r.code for m in mentions if m.kind == "region" for r in m.regions}
        located = []
        for mention in mentions:
            root = doc[mention.start : mention.end].root
            if self._is_speaker(root, mention):
                continue
            location = self.resolver.resolve(mention, regions, context.country if context else None)
            if location is not None:
                located.append((root, location))
        return located

    def _is_speaker(self, root: Token, mention) -> bool:
        """'Moscow said', 'Russia claimed', 'Russia launched': a side that speaks or acts is no location."""
        if root.dep_ == "poss":
            return mention.kind == "country"
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        return mention.kind == "country" or root.head.lemma_.lower() in self.lex.speech_lemmas

    @staticmethod
    def _closest(anchor: Token, located: list[tuple[Token, Location]]) -> Location | None:
        if not located:
            return None
        # A country is the last resort: 'in Kharkiv, Ukraine', 'Ukraine's cities'.
        # ...unless it is the target itself ('a barrage against Ukraine, killing five').
        def cost(tl: tuple[Token, Location]) -> tuple[int, bool]:
            token, location = tl
            vague = location.precision == "country" and not (token.dep_ == "pobj" and token.head.lower_ in ("against", "across"))
            return tree_distance(anchor, token) + vague, vague

        token, location = min(located, key=cost)
        return location

    def _struck_places(self, doc: Doc, sentence: Span, located: list[tuple[Token, Location]]):
        """'a drone hit Odesa': a strike on a named place, even with no casualty figure."""
        specific = [(t, loc) for t, loc in located if loc.precision != "country"]
        if not specific or len(specific) > 2:
            return
        strikes = [t for t in sentence if t.lemma_.lower() in self.lex.attack_lemmas and t.pos_ in ("NOUN", "VERB")]
        for token, location in specific:
            near = [s for s in strikes if tree_distance(s, token) <= STRIKE_PLACE_DISTANCE]
            if near:
                yield near[0], location

    def _incident(self, location: Location, day: date, precision: str, background: bool) -> Incident:
        incident = Incident(location, day, precision, background)
        existing = self.incidents.get(incident.key)
        if existing is None:
            self.incidents[incident.key] = existing = incident
        existing.background = existing.background or background
        return existing

    def _finish(self) -> list[Incident]:
        incidents = list(self.incidents.values())
        merged: dict[tuple, Incident] = {}
        # A region-level incident joins the one placed incident of its region and day.
        for incident in sorted(incidents, key=lambda i: i.location.place is None):
            loc = incident.location
            if loc.place is None and loc.admin1:
                same = [m for m in merged.values() if m.location.admin1 == loc.admin1 and m.occurred_on == incident.occurred_on
                        and m.precision == incident.precision]
                if len(same) == 1:
                    _merge_into(same[0], incident)
                    continue
            merged[incident.key] = incident
        regional_days = {(i.location.country, i.occurred_on) for i in merged.values() if i.location.admin1}
        kept = [
            i for i in merged.values()
            if (i.location.admin1 or (i.location.country, i.occurred_on) not in regional_days)
            and (i.killed.value is not None or i.wounded.value is not None or i.location.admin1)
        ]
        if kept:
            main_day = min((i for i in kept if not i.background), key=self._first_position, default=kept[0]).occurred_on
            for incident in kept:
                incident.background = incident.background or incident.occurred_on < main_day
        return sorted(kept, key=self._first_position)

    @staticmethod
    def _first_position(incident: Incident) -> tuple[int, int]:
        first = min(incident.sentences, key=lambda s: (s.doc.user_data.get("offset", 0), s.start_char))
        return first.doc.user_data.get("offset", 0), first.start_char


def _merge_into(target: Incident, other: Incident) -> None:
    for count_name in ("killed", "wounded"):
        source: Count = getattr(other, count_name)
        if source.value is not None:
            getattr(target, count_name).add(Casualty(count_name, source.value, source.lower_bound, 0))
    for sentence in other.sentences:
        target.cite(sentence)
    target.anchors.extend(other.anchors)
    target.background = target.background and other.background
