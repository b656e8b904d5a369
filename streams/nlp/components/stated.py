"""Stated counts of people that the parse loses, found by token patterns instead.

The small parser often breaks a count phrase that leads a sentence or follows an adjective:

- ranges: 'between five and 13 civilians were killed' becomes a preposition 'between' with
  '13' a conjunct of 'five' (the casualty reader reads 5 + 13 = 18, or nothing); 'killing
  between 12 to 19 civilians' reads as '12 19'. A range counts its low end, a lower bound;
- a participle between the number and the noun: 'at least 39 identified civilians' hangs
  the 39 on 'identified', so that 'civilians' looks like a plural with no number;
- the count of a sentence that opens with a date ('On Monday, October 9, nine civilians,
  including ..., were killed'), parsed as part of the date, so that the verb has no subject.

:class:`StatedCounts` finds the first two with a Matcher (patterns in data/victims.json);
:func:`orphaned_count` gives a killing or wounding verb left without a counted subject the
count phrase of its clause that the parse hung elsewhere.
"""

from __future__ import annotations

import calendar

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from streams.nlp.numbers import in_date, is_lower_bound, number_at, read_number

#: Day and month names: a verb's subject only when the parse took the date for it ('On Monday, between ...').
_CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
#: Dependency labels by which a noun is a verb's own subject or object (no count lost there).
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


class StatedCounts:
    """Finds ranges and participle-split counts: head token index -> (value, lower_bound)."""

    def __init__(self, vocab: Vocab, *, patterns: dict[str, list[list[dict]]], people: set[str], not_after: set[str]) -> None:
        self.matcher = Matcher(vocab)
        for name, shapes in patterns.items():
            self.matcher.add(name, shapes)
        self.people = people
        self.not_after = not_after  # 'between 20 and 30 years', 'from 10 to 11 pm': no people

    def __call__(self, doc: Doc) -> dict[int, tuple[int, bool]]:
        found: dict[int, tuple[int, bool]] = {}
        for match_id, start, end in self.matcher(doc):
            kind = doc.vocab.strings[match_id]
            numbers = [t for t in doc[start:end] if t.like_num]
            if any(in_date(n) for n in numbers) or end < len(doc) and doc[end].lower_ in self.not_after:
                continue
            if kind == "range":
                self._range(doc, numbers[0], numbers[-1], end, found)
            elif numbers[0].head.i != end - 1 and self._people(doc[end - 1]):  # 'split': the parse lost this count
                value = number_at(numbers[0])
                if value is not None:
                    found[end - 1] = (value, is_lower_bound(numbers[0]))
        return found

    def _range(self, doc: Doc, low: Token, high: Token, end: int, found: dict[int, tuple[int, bool]]) -> None:
        values = read_number(low.text), read_number(high.text)
        if None in values or not values[0] < values[1]:
            return
        noun = self._noun_after(doc, end)
        if noun is not None:
            found[noun.i] = (values[0], True)
        elif end < len(doc) and doc[end].pos_ in ("AUX", "VERB", "ADJ"):  # 'between 12 and 20 were wounded'
            found[low.i] = found[high.i] = (values[0], True)

    def _noun_after(self, doc: Doc, end: int) -> Token | None:
        """'between 10 and 13 civilians', '... identified family members': the people the range counts."""
        for token in doc[end : end + 4]:
            if self._people(token):
                return token
            if token.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB") or token.tag_ not in ("JJ", "VBN", "NN", "NNP"):
                return None
        return None

    def _people(self, token: Token) -> bool:
        return token.tag_ == "NNS" and (token.lower_ in self.people or token.lemma_.lower() in self.people)


def orphaned_count(trigger: Token, heads: list[Token], victims: dict, people: set[str], intransitive: set[str]) -> list[Token]:
    """The victims of ``trigger``: ``heads`` as the reader found them, unless the clause's count phrase was
    hung on a date or a preposition ('On Monday, between 13 and 15 members ... were killed') while the verb
    got no counted subject, or only one from the breakdown after 'including'."""
    doc, sentence = trigger.doc, trigger.sent
    # a passive, a participle or 'died' has its victims before it; 'killing' and 'killed' (active) after it
    left = trigger.tag_ == "VBN" or trigger.pos_ == "ADJ" or trigger.lemma_.lower() in intransitive or any(
        c.dep_ == "auxpass" for c in trigger.children)
    span = range(sentence.start, trigger.i) if left else range(trigger.i + 1, sentence.end)
    stated = {i for i, v in victims.items() if v.stated}
    candidates = [doc[i] for i in span if _counted(doc[i], stated, people) and not _in_breakdown(doc[i], trigger)]
    candidates = [c for c in candidates if c.dep_ not in _ARGUMENTS and _governed_by(c, trigger) and not _verb_between(c, trigger)]
    if not candidates and left and trigger.dep_ == "acl":
        # 'an airstrike killed between 23 and 35 civilians', parsed as 'an airstrike (that was) killed'
        candidates = [doc[i] for i in range(trigger.i + 1, sentence.end) if doc[i].i in stated and _governed_by(doc[i], trigger)]
    if not candidates:
        return heads
    phrase = candidates[0]  # before the verb the total comes first; after it, the nearest
    if heads and not all(_weak(h, phrase, victims, people) for h in heads):
        return heads
    return [phrase]


def _counted(token: Token, stated: set[int], people: set[str]) -> bool:
    if token.i in stated:
        return True
    return token.tag_ == "NNS" and (token.lower_ in people or token.lemma_.lower() in people) and any(
        c.dep_ == "nummod" and c.like_num and not in_date(c) for c in token.children)


def _in_breakdown(token: Token, trigger: Token) -> bool:
    """'including two women and five children', 'among them a child': part of the count told before."""
    node = token
    while node.head.i != node.i and node.i != trigger.i:
        if node.lower_ in ("including", "among"):
            return True
        node = node.head
    return False


def _governed_by(token: Token, trigger: Token) -> bool:
    """The first verb above the phrase is the trigger (or the phrase stands right before the trigger's auxiliary)."""
    node = token.head
    while node.i != node.head.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    if node.i == trigger.i:
        return True
    after = token.doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(token.doc) else None
    return after is not None and after.head.i == trigger.i and after.dep_ in ("auxpass", "aux")


def _verb_between(token: Token, trigger: Token) -> bool:
    low, high = sorted((token.right_edge.i, trigger.i))
    return any(t.pos_ == "VERB" and t.tag_ != "VBN" and t.dep_ != "prep" for t in token.doc[low + 1 : high])  # not 'including'


def _weak(head: Token, phrase: Token, victims: dict, people: set[str]) -> bool:
    """A head that is no count of its own (a date word, a vague plural, 'an airstrike' that the reader took for the
    victim of 'killed'), or a part of the breakdown after the phrase."""
    if in_date(head) or head.lower_ in _CALENDAR_WORDS or head.i in victims and victims[head.i].vague:
        return True
    counted = head.i in victims or head.like_num or head.lower_ in people or head.lemma_.lower() in people or (
        head.tag_ == "NNS" and any(c.dep_ == "nummod" for c in head.children))  # '60 detainees', not '10 pm'
    if not counted:
        return True
    between = head.doc[min(phrase.i, head.i) : max(phrase.i, head.i)]
    return phrase.i < head.i and any(t.lower_ in ("including", "among") for t in between)
