"""Assembling incidents from the components' annotations of one article.

Each casualty figure goes to the place closest to it in the dependency tree of its
sentence (or, in a sentence that names no place, to the place the paragraph is about), and
a strike word near a place makes a strike event without figures. The drafts so built, and
the rules that merge an incident told several times, are in `drafts`: the largest figure
wins, 'another'/'two more' adds, a toll update ('rose to 7') supersedes, and a figure that
only names a country, beside the one strike the article places there, is that strike's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from streams.nlp.components.casualties import Casualty
from streams.nlp.components.places import LOCATION
from streams.nlp.dating import Dater, Strength, When, tree_distance
from streams.nlp.docdata import offset_of
from streams.nlp.drafts import (
    DraftEvent,
    breakdowns_summed,
    country_figures_merged,
    follow_ups_merged,
    merge_into,
    neighbours_merged,
    weakly_counted,
)
from streams.nlp.gazetteer import Gazetteer
from streams.nlp.lexicon import lexicon, place_words
from streams.nlp.locations import LocationResolver, ResolvedPlace

#: A strike word this close (in tree edges) to a place makes a strike event without casualty figures.
STRIKE_PLACE_DISTANCE = 3
#: ...and this close when the clause also tells of harm ('an air strike hit the family home near the mosque
#: in Jabalia camp, injuring a number of people'): the place is where the strike's clause happened.
STRIKE_CLAUSE_DISTANCE = 8
#: How many sentences figures with no place wait for the paragraph to name one.
PLACE_LOOKAHEAD = 2
#: Extra tree edges a bare country costs against a town or region of the same sentence.
COUNTRY_PENALTY = 3


class Assembler:
    def __init__(self, gazetteer: Gazetteer, docs: list[Doc], published: date) -> None:
        self.gazetteer = gazetteer
        self.docs = docs
        self.published = published
        self.lex = lexicon()
        self.place_words = place_words()
        actors = Counter(cue.country for doc in docs for cue in doc._.actors if cue.strong)
        self.resolver = LocationResolver(gazetteer, [m for doc in docs for m in doc._.places], actors)
        self.incidents: dict[tuple, DraftEvent] = {}
        self.dater = Dater(docs, published)
        self._references: set[int] = set()  # roots of the current sentence's reference places ('north of X')
        self._seen: list[tuple[ResolvedPlace, When]] = []  # every place the article names, with its sentence's day
        self._unplaced: list[tuple[Casualty, Span, When]] = []  # figures no place of their paragraph took
        lex = self.lex
        self.harm_lemmas = lex.harm_lemmas | lex.kill_verbs_passive | lex.kill_intransitive | lex.wound_verbs | lex.kill_adjectives \
            | lex.wound_adjectives | lex.injury_nouns

    def run(self) -> list[DraftEvent]:
        last_date = self.published
        lead: When | None = None
        carried: list[tuple[Casualty, Span, When, int]] = []
        for doc in self.docs:
            context: ResolvedPlace | None = None
            paragraph: When | None = None
            dated_regions: set[str | None] = set()  # the regions the paragraph's date was given for
            # figures of a sentence that names no place yet ('Six were killed when a bomb hit their
            # home. The house stood in Jabalia'): (figure, sentence, day, sentences left to wait)
            pending: list[tuple[Casualty, Span, When, int]] = carried
            for sentence in doc.sents:
                located = self._locations(doc, sentence, context)
                regions = {loc.admin1 for _, loc in located if loc.precision != "country"}
                if regions and not regions & dated_regions:
                    # 'Odesa was hit overnight. ... In Donetsk Oblast, two were killed': another incident,
                    # dated like the article's lead, not like the paragraph's last one
                    paragraph = None
                # A later paragraph with no date of its own ('21 were wounded in the strike') is
                # about the article's lead incident, not the day of publication.
                dates = self.dater.sentence(doc, sentence, last_date, paragraph or lead)
                own = dates[0][1]
                if own.explicit and (own.strength > Strength.REPORTED or paragraph is None or paragraph.strength <= Strength.REPORTED):
                    # a day of saying ('other outlets reported it on the 8th') never overrides the day of the deed
                    paragraph, last_date, dated_regions = own, own.day, regions or dated_regions
                    lead = lead or own
                self._seen += [(loc, dates[0][1]) for _, loc in located]
                figures = [c for c in doc._.casualties if sentence.start <= c.anchor < sentence.end]
                placed = [(f, self._closest(doc[f.anchor], located) or context, self.dater.figure(doc[f.anchor], f, dates))
                          for f in figures]
                for figure, location, when in breakdowns_summed(placed):
                    if location is None:
                        pending.append((figure, sentence, when, PLACE_LOOKAHEAD))
                        continue
                    self._count(location, when, figure, sentence)
                for token, location in self._struck_places(doc, sentence, located):
                    incident = self._incident(location, self.dater.nearest(token, dates))
                    incident.cite(sentence)
                    incident.anchors.append(token)
                specific = [loc for _, loc in located if loc.precision != "country"]
                if specific:
                    context = specific[-1]
                    for figure, said, when, _ in pending:
                        if when.day == dates[0][1].day:  # a sentence of another day is about another strike
                            self._count(specific[0], when, figure, said)
                    pending = []
                elif not figures and located:
                    context = None
                self._unplaced += [(f, said, when) for f, said, when, left in pending if left <= 0 and said is not sentence]
                pending = [(f, said, when, left - 1) for f, said, when, left in pending if left > 0 or said is sentence]
            # figures told of 'a village' with no name wait into the next paragraph, not further ('Two were
            # killed when a missile hit a village, the governor said.' / 'Missiles hit the village of X ...')
            carried = [waiting for waiting in pending if waiting[1].doc is doc and self._unnamed_settlement(waiting[1])]
            self._unplaced += [(f, said, when) for f, said, when, left in pending if (f, said, when, left) not in carried]
        self._unplaced += [(f, said, when) for f, said, when, _ in carried]
        self._count_unplaced()
        return self._finish()

    def _unnamed_settlement(self, sentence: Span) -> bool:
        """'a village', 'a Russian town': a place the sentence speaks of without naming it."""
        return any(t.lower_ in self.place_words.settlement_words and any(c.lower_ in ("a", "an") for c in t.children)
                   for t in sentence)

    def _count_unplaced(self) -> None:
        """Figures no place of their paragraph took ('We buried 85 people', a quote further down) belong to
        the article's one place, when every place it names lies in one region: the first town named there,
        else the region, on a day the article reports a strike there (or their own day, if none)."""
        located = [(loc, when) for loc, when in self._seen if loc.precision != "country"]
        if not self._unplaced or len({(loc.country, loc.admin1) for loc, _ in located}) != 1:
            return
        target, named_on = next(((loc, when) for loc, when in located if loc.place), located[0])
        days = {i.occurred_on for i in self.incidents.values() if i.location.admin1 == target.admin1 and not i.background}
        for figure, sentence, when in self._unplaced:
            # 'no casualties' said of nothing placed is the interception report's, not a strike's
            # ('another body was found' adds to a figure of a moment the paragraph does not say)
            if figure.value and not figure.increment and (when.day in days or not days):
                self._count(target, when if days else named_on, figure, sentence)

    def _count(self, location: ResolvedPlace, when: When, figure: Casualty, sentence: Span) -> None:
        incident = self._incident(location, when)
        (incident.killed if figure.kind == "killed" else incident.wounded).add(figure, offset_of(sentence.doc) + sentence.start_char)
        incident.counted(figure, when)
        if location.precision == "country" and any(t.lower_ in ("across", "throughout") and _tells_of(t.head, figure.anchor)
                                                   and any(c.pos_ == "PROPN" for c in t.children) for t in sentence):
            incident.spread = True  # 'strikes killed 15 across Gaza', '18 were killed in strikes across the Gaza Strip'
        incident.cite(sentence)
        incident.anchors.append(sentence.doc[figure.anchor])

    def _locations(self, doc: Doc, sentence: Span, context: ResolvedPlace | None) -> list[tuple[Token, ResolvedPlace]]:
        mentions = [m for m in doc._.places if sentence.start <= m.start < sentence.end]
        # Only a name that means one region can vouch for the others ('the Red Sea' is two governorates).
        regions = {m.regions[0].code for m in mentions if m.kind == "region" and m.role == LOCATION and len(m.regions) == 1}
        located, titles = [], []
        self._references = set()
        for mention in mentions:
            if mention.role != LOCATION:  # a dateline, or a side ('Moscow said')
                continue
            root = doc[mention.start : mention.end].root
            if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in self.place_words.settlement_words:
                root = root.head.head  # 'the southern city of Tyre' stands where 'city' stands in the tree
            location = self.resolver.resolve(mention, regions, context.country if context else None)
            if location is None:
                continue
            if (location.country not in self.resolver.home and root.dep_ in ("compound", "nmod")
                    and root.head.lower_ in self.place_words.name_head_nouns):
                continue  # 'al-Quds hospital', 'Quds News' in Gaza, 'the Hamad family': a name, not a foreign town
            if mention.vicinity and location.place is None and location.admin1:
                # 'a strike on Maaysra, a village north of Beirut': the village no gazetteer has, in the region
                location = replace(location, place=self._unlisted_target(doc, sentence, mention.start))
            if (location.place and root.dep_ in ("compound", "nmod", "amod") and root.head.lower_ in self.place_words.named_after_region_nouns
                    and location.admin1 in {r.code for r in mention.regions}):
                # 'the Zaporizhzhia nuclear plant' is named after the region, and is not in the city.
                location = self.resolver.region_of(location)
            if mention.reference:
                self._references.add(root.i)
            after = doc[mention.end] if mention.end < len(doc) else None
            if after is not None and after.lower_ in self.place_words.official_words and location.admin1:
                # 'Donetsk regional governor', 'Kharkiv mayor': the official's region, and
                # never the paragraph's place over a town the sentence names (listed first).
                titles.append((root, self.resolver.region_of(location)))
            else:
                located.append((root, location))
        return titles + located

    def _unlisted_target(self, doc: Doc, sentence: Span, before: int) -> str | None:
        """The proper name a strike was 'on' or 'in', before a reference place, that names no known place."""
        known = {i for m in doc._.places for i in range(m.start, m.end)}
        for token in reversed(doc[sentence.start : before]):
            if (token.pos_ == "PROPN" and token.dep_ == "pobj" and token.i not in known and token.head.lower_ in ("on", "in", "at")
                    and token.head.head.lemma_.lower() in self.lex.attack_lemmas):
                return " ".join(t.text for t in token.subtree if t.i == token.i or t.dep_ == "compound" and t.pos_ == "PROPN")
        return None

    @staticmethod
    def _closest(anchor: Token, located: list[tuple[Token, ResolvedPlace]]) -> ResolvedPlace | None:
        if not located:
            return None
        # A country is the last resort: 'in Kharkiv, Ukraine', 'Ukraine's cities'.
        # ...unless it is the target itself ('a barrage against Ukraine, killing five').
        def cost(tl: tuple[Token, ResolvedPlace]) -> tuple[int, bool]:
            token, location = tl
            vague = location.precision == "country" and not (token.dep_ == "pobj" and token.head.lower_ in ("against", "across"))
            return tree_distance(anchor, token) + COUNTRY_PENALTY * vague, vague

        token, location = min(located, key=cost)
        if location.precision == "admin1":
            # 'an attack on the Kyiv region killed a man in the town of Brovary': the town, when it is the only one
            inside = {loc for _, loc in located if loc.place is not None and loc.admin1 == location.admin1}
            if len(inside) == 1:
                return inside.pop()
        return location

    def _struck_places(self, doc: Doc, sentence: Span, located: list[tuple[Token, ResolvedPlace]]):
        """'a drone hit Odesa': a strike on a named place, even with no casualty figure."""
        specific = [(t, loc) for t, loc in located if loc.precision != "country"]
        if len(specific) > 1:
            # 'a strike on the Amran province north of Sanaa': Sanaa only says where Amran is
            specific = [(t, loc) for t, loc in specific if t.i not in self._references] or specific
        if not specific or len(specific) > 2 and not _one_list([t for t, _ in specific]):
            return
        attack = self.lex.attack_lemmas
        # 'an air raid alarm', 'a bomb shelter': a strike word naming something else is no strike
        strikes = [t for t in sentence if t.lemma_.lower() in attack and t.pos_ in ("NOUN", "VERB")
                   and not (t.dep_ == "compound" and t.head.lemma_.lower() not in attack) and not self._averted(t)]
        found = False
        for token, location in specific:
            near = [s for s in strikes if content_distance(s, token) <= STRIKE_PLACE_DISTANCE]
            if near:
                found = True
                yield near[0], location
        if found or not any(t.lemma_.lower() in self.harm_lemmas for t in sentence):
            return
        # one strike, one place: the place nearest a strike word of the same clause ('Omdurman', not the
        # 'greater Khartoum' it is part of)
        pairs = [(tree_distance(s, token), s.i, token.i, s, location) for token, location in specific for s in strikes
                 if self._one_clause(s, token)]
        best = min(pairs, default=None, key=lambda p: p[:3])
        if best is not None and best[0] <= STRIKE_CLAUSE_DISTANCE:
            yield best[3], best[4]

    def _one_clause(self, a: Token, b: Token) -> bool:
        """Whether two tokens meet below any verb of saying ('X said ..., while Y hit Z' are two reports)."""
        above_a = {t.i for t in [a, *a.ancestors]}
        meeting = next((t for t in [b, *b.ancestors] if t.i in above_a), None)
        return meeting is not None and meeting.lemma_.lower() not in self.lex.speech_lemmas

    def _averted(self, strike: Token) -> bool:
        """'the threat of missile attacks', 'to protect the town from shelling', 'warned of strikes': feared, not done;
        'has launched frequent attacks on Belgorod', 'is shelled daily': a habit, not one strike."""
        head = strike.head.head if strike.head.dep_ == "prep" else strike.head
        modifiers = [t for t in strike.subtree if t.i < strike.i] + [t for t in head.children if t.dep_ in ("advmod", "npadvmod")]
        if any(t.lower_ in self.lex.habitual_words for t in modifiers):
            return True
        return head.lemma_.lower() in self.lex.averted_strike_lemmas and head is not strike

    def _incident(self, location: ResolvedPlace, when: When) -> DraftEvent:
        incident = DraftEvent(location, when.day, when.precision, when.background, when.strength)
        existing = self.incidents.get(incident.key)
        if existing is None:
            self.incidents[incident.key] = existing = incident
        existing.background = existing.background or when.background
        existing.strength = max(existing.strength, when.strength)
        return existing

    def _finish(self) -> list[DraftEvent]:
        incidents = neighbours_merged(follow_ups_merged(list(self.incidents.values())))
        merged: dict[tuple, DraftEvent] = {}
        # A region-level incident joins the one placed incident of its region and day.
        for incident in sorted(incidents, key=lambda i: i.location.place is None):
            loc = incident.location
            if loc.place is None and loc.admin1:
                same = [m for m in merged.values() if m.location.admin1 == loc.admin1 and m.occurred_on == incident.occurred_on
                        and m.precision == incident.precision]
                if len(same) == 1:
                    merge_into(same[0], incident)
                    continue
                if same and incident.killed.value is None and incident.wounded.value is None:
                    continue  # 'an attack on the Kyiv region' over the towns it then names
                if incident.killed.value is None and incident.wounded.value is None and any(
                        self.place_words.surrounding_region.get(m.location.admin1 or "") == loc.admin1
                        and m.occurred_on == incident.occurred_on for m in merged.values()):
                    continue  # 'Crimea' around the strike the article places in Sevastopol
            merged[incident.key] = incident
        country_figures_merged(merged)
        regional_days = {(i.location.country, i.occurred_on) for i in merged.values() if i.location.admin1}
        kept = [
            i for i in merged.values()
            if (i.location.admin1 or (i.location.country, i.occurred_on) not in regional_days)
            # a country-level event needs a figure: 'no injuries' with no place says nothing to count
            and (i.killed.value or i.wounded.value or i.location.admin1 and self._impact(i))
        ]
        if any(i.killed.stated or i.wounded.stated for i in kept if not i.background):
            # figures known only from names or 'others were hurt', beside a strike the text counts, are most
            # often that strike told again (a victim's home town, a relative abroad, a later day of mourning)
            kept = [i for i in kept if not weakly_counted(i)]
        # a strike known only by names or 'others', dated only by when it was told, is too unsure to report
        kept = [i for i in kept if not (weakly_counted(i) and i.strength <= Strength.REPORTED)]
        if kept:
            main_day = min((i for i in kept if not i.background), key=self._first_position, default=kept[0]).occurred_on
            for incident in kept:
                incident.background = incident.background or incident.occurred_on < main_day
        return sorted(kept, key=self._first_position)

    def _impact(self, incident: DraftEvent) -> bool:
        """A strike with no victims is an event unless all it says is that it was tried or shot down:
        'a drone attempted to attack the region', 'drones were destroyed over Bryansk'; and a flood is none."""
        return any(self._struck(sentence) for sentence in incident.sentences)

    def _struck(self, sentence: Span) -> bool:
        lemmas = [t.lemma_.lower() for t in sentence]
        if any(w.lower_ in self.lex.non_strike_causes for w in sentence):
            return False  # 'the flood-hit province'
        tried = any(t.lemma_.lower() in self.lex.attempt_lemmas and any(c.lemma_.lower() in self.lex.attack_lemmas for c in t.subtree)
                    for t in sentence)
        stopped = any(lemma in self.lex.intercept_lemmas for lemma in lemmas)
        return not (tried or stopped) or any(lemma in self.lex.impact_lemmas for lemma in lemmas)

    @staticmethod
    def _first_position(incident: DraftEvent) -> tuple[int, int]:
        first = min(incident.sentences, key=lambda s: (offset_of(s.doc), s.start_char))
        return offset_of(first.doc), first.start_char


def _tells_of(word: Token, anchor: int) -> bool:
    """Whether a word is the figure's verb, or the strikes it was killed in ('killed in strikes across X')."""
    return word.i == anchor or word.dep_ == "pobj" and word.head.dep_ == "prep" and word.head.head.i == anchor


def content_distance(strike: Token, place: Token) -> int:
    """Tree edges from a strike word to a place, where the way down from the strike through prepositions and
    lists is free: 'a strike on a house in the Amal quarter of X' is as near as 'a strike on X's house', and
    'strikes targeted provinces of A, B and C' reaches C as near as A. The way up (from 'attacks' in 'the
    threat of attacks' to the verb the place hangs on) costs every edge, as in tree_distance."""
    up = {t.i: n for n, t in enumerate([strike, *strike.ancestors])}
    down = 0
    for t in [place, *place.ancestors]:
        if t.i in up:
            return up[t.i] + down
        down += t.dep_ not in ("prep", "conj", "cc")
    return 99


def _one_list(tokens: list[Token]) -> bool:
    """Whether the places are one list ('Damascus, Hama and Daraa'): all conjuncts of the first."""
    first = tokens[0]
    return all(t is first or t in first.conjuncts for t in tokens)


