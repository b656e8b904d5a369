"""Draft events of one article, and how reports of one incident within it become one.

An article tells one strike several times: at the region and at the town, as a camp and its
city, on the day it happened and on the day the toll was counted, for the country and for the
one place it names. Each figure joins its incident's `Count`; the merges here decide which
draft events are the same incident. `assembly` builds the drafts from the sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from streams.nlp.components.casualties import Casualty
from streams.nlp.dating import Strength, When, date_basis
from streams.nlp.locations import ResolvedPlace

#: A place reported this many days after its dated strike, on a day only of saying, is that strike.
FOLLOW_UP_DAYS = 3
#: Two places of one region and day this close are one incident told at two levels ('Jabalia camp', 'Jabalia').
SAME_INCIDENT_KM = 6


@dataclass(slots=True)
class Count:
    value: int | None = None
    lower_bound: bool = False
    vague: bool = False  # only 'others were hurt' so far: any stated figure replaces it
    named: list[frozenset[str]] = field(default_factory=list)  # the people named as victims, once each
    stated: bool = False  # a figure the text gives as a count ('three', 'a man'), not only names or 'others'
    # whether the first count is the writer's own ('a strike killed seven civilians'): then names listed and
    # sources quoted after it ('a relative posted eight names') tell who the victims were, not more of them
    own_lead: bool | None = None
    first_at: int | None = None  # where in the article the first count was told (characters)

    def add(self, figure: Casualty, at: int = 0) -> None:
        if figure.vague:
            if self.value is None or self.vague and figure.value > self.value:
                self.value, self.lower_bound, self.vague = figure.value, figure.lower_bound, True
            return
        if self.vague and figure.value < (self.value or 0) and not figure.update:
            self.stated = self.stated or not figure.listed  # 'others were hurt' and 'an injured man': still at least 2
            return
        if self.vague:
            self.value, self.lower_bound, self.vague = None, False, False
        self.stated = self.stated or not figure.listed
        second_hand = figure.listed or figure.attributed
        if self.own_lead is None:
            self.own_lead, self.first_at = not second_hand, at
        elif self.own_lead and second_hand and not figure.update and not figure.increment:
            return
        self._add_stated(figure)
        if figure.persons:
            self._name(figure.persons)

    def merge(self, other: Count) -> None:
        """Another incident's figure for the same strike (a region's, a follow-up's). Of two counts that each
        began with a figure, the one told first in the article leads."""
        if other.value is None:
            return
        first = other.own_lead is not None and (self.own_lead is None or (other.first_at or 0) < (self.first_at or 0))
        if first and other.own_lead and self.own_lead is False and not self.vague and not other.vague:
            # the writer's own toll came first: what this count holds, all second-hand, was told after it
            self.value, self.lower_bound, self.own_lead, self.first_at = other.value, other.lower_bound, True, other.first_at
            self.named = list(other.named)
        else:
            if first:
                self.own_lead, self.first_at = other.own_lead, other.first_at
            self.add(Casualty("", other.value, other.lower_bound, 0, vague=other.vague, persons=tuple(other.named),
                              listed=not other.stated, attributed=not first and other.own_lead is False), at=other.first_at or 0)
        self.stated = self.stated or other.stated

    def _name(self, persons: tuple[frozenset[str], ...]) -> None:
        """Relatives hurt in different sentences add up; 'Omar' after 'Omar Abu Salem' is the same man."""
        for person in persons:
            same = next((i for i, known in enumerate(self.named) if person <= known or known <= person), None)
            if same is None:
                self.named.append(person)
            else:
                self.named[same] = self.named[same] | person
        if self.value is None or len(self.named) > self.value:
            self.value, self.lower_bound = len(self.named), False

    def _add_stated(self, figure: Casualty) -> None:
        if self.value is None or figure.update:
            self.value, self.lower_bound = figure.value, figure.lower_bound
        elif figure.increment:
            self.value += figure.value
        elif figure.value > self.value:
            self.value, self.lower_bound = figure.value, figure.lower_bound
        elif figure.value == self.value:
            self.lower_bound = self.lower_bound or figure.lower_bound


@dataclass(slots=True)
class DraftEvent:
    location: ResolvedPlace
    occurred_on: date
    precision: str = "day"
    background: bool = False
    strength: int = Strength.DEFAULT  # how surely occurred_on is the strike's day (dating.Strength)
    killed: Count = field(default_factory=Count)
    wounded: Count = field(default_factory=Count)
    sentences: list[Span] = field(default_factory=list)
    anchors: list[Token] = field(default_factory=list)
    launched: int | None = None
    intercepted: int | None = None
    spread: bool = False  # a country's figure told 'across' it: a sum over strikes, not one strike's toll
    # every figure so far updates a toll ('had increased to 34') on a day only of its telling: a follow-up
    # of a strike told before, not its first report (None: no figure yet)
    toll_update: bool | None = None

    @property
    def date_basis(self) -> str:
        """How occurred_on was found (the event's `date_basis`)."""
        return date_basis(self.strength, bool(self.toll_update))

    def counted(self, figure: Casualty, when: When) -> None:
        """Note how a figure counted for this incident was told (see `toll_update`)."""
        self.toll_update = both(self.toll_update, figure.update and when.strength <= Strength.REPORTED)

    @property
    def key(self) -> tuple:
        return (self.location.country, self.location.admin1, self.location.place, self.occurred_on, self.precision)

    def cite(self, sentence: Span) -> None:
        if all(s.start_char != sentence.start_char or s.doc is not sentence.doc for s in self.sentences):
            self.sentences.append(sentence)


def follow_ups_merged(incidents: list[DraftEvent]) -> list[DraftEvent]:
    """A place reported a day or two after the day the article dates its strike ('Odesa mourned on
    Sunday', 'relatives reported his death on the 11th', 'hit overnight' against 'on Saturday') is
    the same incident, when the later day is only a day of saying, counting or the default."""
    kept: list[DraftEvent] = []
    for incident in sorted(incidents, key=lambda i: -i.strength):
        if incident.strength < Strength.STATED and incident.location.place:
            earlier = [k for k in kept if k.strength > incident.strength and k.location.place == incident.location.place
                       and k.location.admin1 == incident.location.admin1 and k.location.country == incident.location.country
                       and 0 < (incident.occurred_on - k.occurred_on).days <= FOLLOW_UP_DAYS]
            if earlier:
                # a later mention's figures only fill what the dated report left unsaid
                target = max(earlier, key=lambda k: k.occurred_on)
                for name in ("killed", "wounded"):
                    if getattr(target, name).value is None:
                        setattr(target, name, getattr(incident, name))
                for sentence in incident.sentences:
                    target.cite(sentence)
                target.anchors.extend(incident.anchors)
                continue
        kept.append(incident)
    return kept


def country_figures_merged(merged: dict[tuple, DraftEvent]) -> None:
    """'27 were killed in Gaza' over the one strike the article places: that strike's figure, told wider."""
    for key, incident in list(merged.items()):
        if incident.location.admin1 or incident.spread or incident.killed.value is None and incident.wounded.value is None:
            continue
        regional = [i for i in merged.values() if i.location.admin1 and i.location.country == incident.location.country
                    and i.occurred_on == incident.occurred_on and not i.background]
        if len(regional) == 1:
            merge_into(regional[0], incident)
            del merged[key]


def neighbours_merged(incidents: list[DraftEvent]) -> list[DraftEvent]:
    """A camp and its town, a neighbourhood and its city, on one day: one incident at the more specific place."""
    kept: list[DraftEvent] = []
    for incident in sorted(incidents, key=lambda i: i.location.population if i.location.population is not None else -1):
        loc = incident.location
        same = next((k for k in kept if loc.precision == "place" and k.location.precision == "place" and k.location.admin1 == loc.admin1
                     and k.occurred_on == incident.occurred_on and k.precision == incident.precision
                     and k.location.km_to(loc) <= SAME_INCIDENT_KM), None)
        if same is None:
            kept.append(incident)
        else:
            merge_into(same, incident)
    return kept


def weakly_counted(incident: DraftEvent) -> bool:
    counts = [c for c in (incident.killed, incident.wounded) if c.value is not None]
    return bool(counts) and not any(c.stated for c in counts)


def breakdowns_summed(placed: list[tuple[Casualty, ResolvedPlace | None, When]]) -> list[tuple[Casualty, ResolvedPlace | None, When]]:
    """'Fourteen were killed in one home and a separate raid killed another six': within one sentence, at one
    place and day, 'another' adds to the sentence's own figure, and the sum is a figure like any other (it
    does not add again to the article's 'at least 20')."""
    kept: list[tuple[Casualty, ResolvedPlace | None, When]] = []
    for figure, location, when in placed:
        base = next((i for i, (f, loc, w) in enumerate(kept) if f.kind == figure.kind and not f.increment and not f.update
                     and not f.vague and loc == location and w.day == when.day), None) if figure.increment and not figure.vague else None
        if base is None:
            kept.append((figure, location, when))
        else:
            f, loc, w = kept[base]
            kept[base] = (replace(f, value=f.value + figure.value, lower_bound=f.lower_bound or figure.lower_bound), loc, w)
    return kept


def merge_into(target: DraftEvent, other: DraftEvent) -> None:
    for count_name in ("killed", "wounded"):
        getattr(target, count_name).merge(getattr(other, count_name))
    for sentence in other.sentences:
        target.cite(sentence)
    target.anchors.extend(other.anchors)
    target.background = target.background and other.background
    target.toll_update = both(target.toll_update, other.toll_update)


def both(a: bool | None, b: bool | None) -> bool | None:
    """a and b, where None (nothing known yet) gives way to the other."""
    return b if a is None else a if b is None else a and b
