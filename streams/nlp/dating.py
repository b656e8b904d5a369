"""Which day a figure or a struck place belongs to, from the date resolver's mentions.

News conventions (shared/eval/LABELING.md, 'date'): the day a strike happened, not the day
it was said ('officials said on Saturday'), counted or updated ('the toll rose on Sunday'),
or the page was made. A sentence without a date of its own belongs to its paragraph's
dated incident, else to the article's attack day (the first day an attack is dated by),
else to the publication day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from streams.nlp.components.casualties import Casualty
from streams.nlp.components.dates import MONTHS, WEEKDAYS, DateMention
from streams.nlp.lexicon import data_file, lexicon

#: Extra tree edges for the day something was said against the day it happened.
REPORTING_PENALTY = 4


class Strength:
    """How surely a day is the strike's: a stated day beats 'overnight', which beats the day of saying."""

    DEFAULT = 0  # nothing in the text: the paragraph's, the article's or the publication day
    REPORTED = 1  # the day something was said or a toll was updated
    SAME_DAY = 2  # 'overnight', 'this morning' (or 'at night' in a story stating no day): the publication day by convention
    STATED = 3  # 'on Tuesday', 'Nov. 24', 'yesterday', 'over the past day' about the deed


#: The event's `date_basis` for each Strength: how its occurred_on was found.
BASIS = {Strength.STATED: "stated", Strength.SAME_DAY: "same_day", Strength.REPORTED: "reported",
         Strength.DEFAULT: "published"}


def date_basis(strength: int, toll_update: bool) -> str:
    """'toll_update' when the day is only that of a toll's telling ('on November 23 it became known that the
    toll had risen to 34'): the strike it counts may be days earlier (the aggregator joins them)."""
    return "toll_update" if toll_update and strength <= Strength.REPORTED else BASIS[strength]


@dataclass(frozen=True, slots=True)
class When:
    day: date
    precision: str = "day"
    background: bool = False
    explicit: bool = False  # the sentence states it (vs inherited)
    strength: int = Strength.DEFAULT


Dated = tuple[Token | None, When]


class Dater:
    """Dates the figures and struck places of one article (its Docs in order)."""

    def __init__(self, docs: list[Doc], published: date) -> None:
        self.published = published
        self.lex = lexicon()
        # words a date phrase is made of ('the morning of Sunday (Mar 3)'): climbed over to the verb
        self.time_words: set[str] = set(data_file("dates.json")["time_nouns"]) | set(WEEKDAYS) | set(MONTHS)
        self._reporting: set[int] = set()  # token indices of the current sentence's dates of saying
        self.attack_day = self._attack_day(docs)

    def _attack_day(self, docs: list[Doc]) -> When | None:
        """The first day the article dates an attack or a toll by ('Saturday's strike', 'killed on May 6')."""
        for doc in docs:
            for mention in doc._.dates:
                if mention.day is None or mention.background or mention.kind in ("same_day", "time_of_day"):
                    continue
                token = self._token(doc, mention)
                if token is None or self._is_reporting(token):
                    continue
                sentence = token.sent
                if any(t.lemma_.lower() in self.lex.attack_lemmas for t in sentence) or any(
                        sentence.start <= c.anchor < sentence.end for c in doc._.casualties):
                    return When(mention.day, mention.precision, False, True, Strength.STATED)
        return None

    @staticmethod
    def _token(doc: Doc, mention: DateMention) -> Token | None:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root if span is not None else None

    def sentence(self, doc: Doc, sentence: Span, last: date, paragraph: When | None) -> list[Dated]:
        """Every time expression of the sentence as (token, When), its own date first.

        The sentence's own date is a relative one, else the first that is not only when something
        was said ('officials said on Saturday that ... the July 31 attack'). A sentence without
        one inherits the paragraph's (else the publication day).
        'The day before' counts from the sentence's other date, else from the previous dated sentence.
        """
        found: list[Dated] = []
        mentions = [m for m in doc._.dates if sentence.start_char <= m.start < sentence.end_char]
        base = next((m.day for m in mentions if m.day is not None), last)
        relative: set[int] = set()
        for mention in mentions:
            token = self._token(doc, mention)
            if mention.kind == "time_of_day" and paragraph is not None and paragraph.strength == Strength.STATED:
                # 'the attack happened in the early morning': of the day the paragraph (or the article) states
                found.append((token, paragraph))
            elif mention.day is not None:
                strength = Strength.SAME_DAY if mention.kind == "same_day" else Strength.STATED
                found.append((token, When(mention.day, mention.precision, mention.background, True, strength)))
            elif mention.relative:
                if token is not None:
                    relative.add(token.i)
                shifted = base + timedelta(days=1 if mention.relative == "after" else -1)
                found.append((token, When(shifted, "day", False, True, Strength.STATED)))
            elif mention.background:
                found.append((token, When(self.published, mention.precision, True, False)))
        # 'The following day, relatives posted ...': a relative date hanging off a verb of saying is a day of saying too.
        self._reporting = {token.i for token, _ in found if self._is_reporting(token)}
        found = [(t, When(w.day, w.precision, w.background, w.explicit, Strength.REPORTED))
                 if t is not None and t.i in self._reporting else (t, w) for t, w in found]
        # 'said on Monday they had cleared a block hit the day before': the relative date is the deed.
        found.sort(key=lambda d: (d[0] is None or d[0].i not in relative, d[0] is not None and d[0].i in self._reporting))
        return found or [(None, paragraph or When(self.published))]

    def _is_reporting(self, token: Token | None) -> bool:
        """'said on Saturday', 'confirmed Wednesday', 'rose to 10 on Sunday': a day of saying or counting."""
        if token is None:
            return False
        governor = token.head
        while governor.head.i != governor.i and governor.pos_ not in ("VERB", "AUX") and (
                governor.dep_ == "prep" or governor.lower_.rstrip(".") in self.time_words or governor.pos_ in ("ADP", "ADV", "NUM")):
            governor = governor.head
        lemma = governor.lemma_.lower()
        if any(c.lemma_.lower() == "life" for c in governor.children):
            return False  # 'claimed the lives of three' is the deed
        if any(c.dep_ == "acomp" and c.lemma_.lower() in self.lex.disclosure_phrases.get(lemma, ()) for c in governor.children):
            return True  # 'on November 23 it became known that ...': the day it was told
        return lemma in self.lex.speech_lemmas or lemma in self.lex.update_verbs

    def figure(self, anchor: Token, figure: Casualty, dates: list[Dated]) -> When:
        """A toll update is dated by the attack it counts ('the toll from Monday's strike rose on Tuesday')."""
        if figure.update:
            own = [when for token, when in dates if token is not None and anchor.left_edge.i <= token.i <= anchor.right_edge.i]
            if own:
                return own[0]
            when = self.nearest(anchor, dates)
            if when.strength <= Strength.REPORTED and self.attack_day is not None and self.attack_day.day <= when.day:
                return self.attack_day  # 'the toll rose to 10 on Sunday' after 'the attack on Saturday'
            return when
        return self.nearest(anchor, dates)

    def nearest(self, anchor: Token, dates: list[Dated]) -> When:
        """The time expression closest in the tree to the figure ('..., which left 25 dead on Saturday')."""
        if len(dates) == 1 or any(token is None for token, _ in dates):
            return dates[0][1]
        return min(dates, key=lambda d: tree_distance(anchor, d[0]) + REPORTING_PENALTY * (d[0].i in self._reporting))[1]


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    ancestors_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(ancestors_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return depth[t.i] + n
    return 99
