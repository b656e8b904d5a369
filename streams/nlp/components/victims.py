"""Victims counted by who they are, not by a number.

Sets ``doc._.victims``: token index of a noun phrase's head -> Victims, for the phrases
that name people without one count the casualty reader can read:

- people listed by name or relation: 'Ali Nasser, his wife Mona and their two sons' = 4,
  'his mother and sister' = 2 (a name after a relation is that relative, not one more;
  a fighter named in the list is no civilian victim);
- plurals with no number ('others', 'several civilians', 'a number of residents',
  'injuries'): at least two, a lower bound, and *vague*: such a figure never overrides
  a stated one, it only stands when nothing else is said. 'Dozens' and 'hundreds' are no
  count at all (LABELING.md codes them null);
- 'he was injured': one person, vague in the same way (whom 'he' is, is not known).

The casualty reader (components/casualties.py) asks for a head's Victims when it counts a
victim phrase. Named people carry their names, so that the assembly can add relatives
hurt in different sentences of one incident without counting a person twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

import streams.nlp.docdata  # noqa: F401  (the Doc extensions this component fills)
from streams.nlp.lexicon import data_file, lexicon
from streams.nlp.numbers import is_number_word, read_number

#: Person-ish heads are looked at only in these roles (subjects, objects, list members).
_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ"})
#: Determiners/possessives that make a singular relation noun one person: 'his wife', 'a son'.
_ONE = frozenset({"a", "an", "one", "the", "his", "her", "their", "its", "another", "whose"})


@dataclass(frozen=True, slots=True)
class Victims:
    value: int
    lower_bound: bool = False
    vague: bool = False  # no stated count: stands only when nothing else is said
    persons: tuple[frozenset[str], ...] = ()  # each named person's name words ('rel:wife' for a relation)
    kind: str | None = None  # an outcome noun's own kind: 'injuries' -> wounded


class VictimCounter:
    def __init__(self, *, plural_minimum: int, pronoun_minimum: int) -> None:
        words = data_file("victims.json")
        self.relations = set(words["relation_nouns"])
        self.plurals = set(words["plural_people"]) | {w for w in lexicon().person_nouns if w.endswith("s")} - set(words["not_people"])
        self.quantifiers = set(words["vague_quantifiers"])
        self.large = set(words["vague_large"])
        self.outcomes: dict[str, str] = words["vague_outcome_nouns"]
        self.he = set(words["singular_pronouns"])
        self.they = set(words["plural_pronouns"])
        self.name_stops = set(words["name_stop_words"])
        self.militant = set(words["militant_words"])
        self.lex = lexicon()
        self.persons = self.lex.person_nouns
        self.not_people = set(words["not_people"])
        self.plural_minimum = plural_minimum
        self.pronoun_minimum = pronoun_minimum

    def __call__(self, doc: Doc) -> Doc:
        places = {i for m in doc._.places or () if m.kind != "demonym" for i in range(m.start, m.end)}
        found: dict[int, Victims] = {}
        for sentence in doc.sents:
            # a vague plural is weak: in a sentence that names a flood or a crash, it is no strike's
            other_cause = any(t.lower_ in self.lex.non_strike_causes for t in sentence)
            for token in sentence:
                if token.pos_ in _HEAD_POS and token.i not in places and token.dep_ not in ("compound", "poss"):
                    victims = self.count(token, places)
                    if victims is not None and not (victims.vague and other_cause):
                        found[token.i] = victims
        doc._.victims = found
        return doc

    def outcome_kind(self, token: Token) -> str | None:
        """'resulted in injuries', 'a number of deaths': the kind a plural outcome noun with no number speaks of."""
        if token.tag_ != "NNS" or token.lower_ not in self.outcomes:
            return None
        if any(c.dep_ in ("poss", "nummod") or c.lower_ in self.large for c in token.children):
            return None  # 'his injuries' are one man's; 'three injuries' the reader counts
        if token.dep_ == "pobj" and token.head.lower_ in ("from", "of", "despite", "to", "with") and not self._number_of(token):
            return None  # 'died from injuries', 'the toll of deaths', 'treated for wounds'
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.injury_verbs:
            return None  # 'five sustained injuries': the reader counts the five
        around = [*token.children, *(token.head.children if token.dep_ == "dobj" else ())]  # 'caused injuries to ...'
        sufferers = [t for c in around if c.dep_ == "prep" and c.lower_ in ("to", "among") for t in c.subtree]
        if any(t.lower_ in self.lex.troop_nouns or t.lower_ in self.not_people for t in sufferers):
            return None  # 'minor injuries to coalition forces'
        return self.outcomes[token.lower_]

    def count(self, head: Token, places: set[int] = frozenset()) -> Victims | None:
        if self._large(head):
            return None
        members = self._members(head)
        if len(members) == 1:
            # a lone number is the casualty reader's ('at least five'); only lists of numbers are ours
            return None if self._stated_number(head) else self._single(head, places)
        total, lower, vague, persons = 0, False, True, []
        numbered = any(self._stated_number(m) for m in members)
        for member in members:
            one = self._single(member, places)
            if one is None or numbered and one.vague:
                continue  # 'more than 80 women and children': the number counts both
            total += one.value
            lower |= one.lower_bound
            vague &= one.vague
            persons.extend(one.persons)
        if total == 0 and not persons:
            return None
        return Victims(total, lower, vague, tuple(persons))

    def _members(self, head: Token) -> list[Token]:
        """The head and the people listed with it: conjuncts, and relatives in apposition ('Ali, his wife')."""
        found, todo = [head], [head]
        while todo:
            for child in todo.pop().children:
                if child.dep_ == "conj" or child.dep_ == "appos" and self._other_relative(child):
                    found.append(child)
                    todo.append(child)
        return sorted(found, key=lambda t: t.i)

    def _other_relative(self, token: Token) -> bool:
        """'Ali, his wife' names the wife as well; 'Ali, a teacher' is Ali again."""
        return token.lemma_.lower() in self.relations and any(c.dep_ == "poss" for c in token.children)

    def _single(self, token: Token, places: set[int]) -> Victims | None:
        lower, lemma = token.lower_, token.lemma_.lower()
        if token.i in places or self._large(token):
            return None
        numbers = [c for c in token.children if c.dep_ in ("nummod", "quantmod") and is_number_word(c.text)]
        if token.like_num or is_number_word(lower):
            value = read_number(token.text)
            return None if value is None else Victims(value)
        if numbers:
            value = read_number(numbers[0].text)
            return None if value is None else Victims(value)
        if token.pos_ == "PRON":
            if lower in self.he:
                return Victims(self.pronoun_minimum, vague=True)
            if lower in self.they:
                return Victims(self.plural_minimum, True, vague=True)
            return None
        if token.pos_ == "PROPN" and token.tag_ != "NNPS":
            return self._named(token)
        if token.tag_ in ("NN",) and (lemma in self.relations or lower in self.persons):
            dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
            if not dets & _ONE and token.dep_ != "conj":  # 'his mother and sister': the sister shares 'his'
                return None
            names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            aliases = {f"rel:{lemma}"} | (set(self._name_words(names[0])) if names else set())
            # 'his wife Mona' is one named person; 'a woman' one unnamed
            return Victims(1, persons=(frozenset(aliases),) if lemma in self.relations or names else ())
        if self._vague_plural(token):
            return Victims(self.plural_minimum, True, vague=True)
        kind = self.outcome_kind(token)
        if kind is not None:
            return Victims(self.plural_minimum, True, vague=True, kind=kind)
        return None

    def _named(self, token: Token) -> Victims | None:
        words = self._name_words(token)
        if not all(t.text[:1].isupper() for t in self._name_tokens(token)):
            return None  # 'Muslim faithful' is no one's name
        if not words or words[-1] in self.name_stops or any(w in self.name_stops for w in words):
            return None
        described = {t.lower_ for t in token.subtree if t.dep_ in ("compound", "appos", "amod") or t.head.dep_ == "appos"}
        if described & self.militant:
            return None  # 'Hamas commander X': a fighter, not a civilian victim
        if len(words) == 1:
            # 'Omar was injured' is one man; 'faithful observing Maulud' a feast: a lone word is no sure name
            modified = any(c.dep_ == "amod" for c in token.children)
            return None if modified else Victims(self.pronoun_minimum, vague=True)
        return Victims(1, persons=(frozenset(words),))

    @staticmethod
    def _name_tokens(token: Token) -> list[Token]:
        parts = [t for t in token.children if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN" and t.i < token.i]
        return sorted([*parts, token], key=lambda t: t.i)

    def _name_words(self, token: Token) -> list[str]:
        return [t.lower_ for t in self._name_tokens(token)]

    def _vague_plural(self, token: Token) -> bool:
        """'others', 'several civilians', 'a number of residents', 'civilians were wounded'."""
        lower = token.lower_
        if lower in ("number", "amount") and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            return bool(of) and not any(self._large(g) for g in of) and (of[0].tag_ in ("NNS", "NNPS") or of[0].lower_ in self.plurals)
        if token.tag_ not in ("NNS", "NNPS") and lower not in self.plurals:
            return False
        return lower in self.plurals or any(c.lower_ in self.quantifiers for c in token.children)

    def _large(self, token: Token) -> bool:
        """'dozens', 'dozens of civilians', 'hundreds of wounded': vague and large, so no count (LABELING.md)."""
        if token.lower_ in self.large or any(c.lower_ in self.large for c in token.children if c.dep_ in ("amod", "nummod", "quantmod", "det")):
            return True
        return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in self.large

    @staticmethod
    def _stated_number(token: Token) -> bool:
        return token.like_num or is_number_word(token.lower_) or any(
            c.dep_ in ("nummod", "quantmod") and is_number_word(c.text) for c in token.children)

    def _number_of(self, token: Token) -> bool:
        return token.head.lower_ == "of" and token.head.head.lower_ in ("number", "amount") and not self._large(token)


@Language.factory("strikewatch_victims_v1", default_config={"plural_minimum": 2, "pronoun_minimum": 1})
def make_victim_counter(nlp: Language, name: str, plural_minimum: int, pronoun_minimum: int) -> VictimCounter:
    """plural_minimum: what a plural with no number counts as, at least ('others were hurt' = 2, Airwars'
    own rule and the least a plural can mean); pronoun_minimum: 'he was injured'."""
    return VictimCounter(plural_minimum=plural_minimum, pronoun_minimum=pronoun_minimum)
