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
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

import streams.nlp.docdata  # noqa: F401  (the Doc extensions this component fills)
from streams.nlp.components.stated import StatedCounts, orphaned_count
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
    spelled_out: bool = False  # 'seven civilians, A, B and C': the count the names spell out, not more
    stated: bool = False  # a stated count the parse split ('between 5 and 13 civilians'): it beats the reader's


class VictimCounter:
    def __init__(self, nlp: Language, *, plural_minimum: int, pronoun_minimum: int) -> None:
        words = data_file("victims.json")
        self.relations = set(words["relation_nouns"])
        self.plurals = set(words["plural_people"]) | {w for w in lexicon().person_nouns if w.endswith("s")} - set(words["not_people"])
        self.large = set(words["vague_large"])
        self.outcomes: dict[str, str] = words["vague_outcome_nouns"]
        self.he = set(words["singular_pronouns"])
        self.they = set(words["plural_pronouns"])
        self.name_stops = set(words["name_stop_words"])
        self.militant = set(words["militant_words"])
        self.companion_words = set(words["companion_prepositions"])
        self.group_nouns = set(words["group_nouns"])
        self.strike_nouns = set(words["strike_nouns"])
        self.lex = lexicon()
        self.persons = self.lex.person_nouns
        self.not_people = set(words["not_people"])
        self.plural_minimum = plural_minimum
        self.pronoun_minimum = pronoun_minimum
        self.stated_counts = StatedCounts(nlp.vocab, patterns=words["stated_count_patterns"], people=people_words(),
                                   not_after=set(words["not_after_range"]))

    def __call__(self, doc: Doc) -> Doc:
        places = {i for m in doc._.places or () if m.kind != "demonym" for i in range(m.start, m.end)}
        found: dict[int, Victims] = {}
        for sentence in doc.sents:
            # a vague plural is weak: in a sentence that names a flood or a crash, it is no strike's
            other_cause = any(t.lower_ in self.lex.non_strike_causes for t in sentence)
            for token in sentence:
                if (token.pos_ in _HEAD_POS and (token.i not in places or self._given_name(token, places))
                        and token.dep_ not in ("compound", "poss")):
                    victims = self.count(token, places)
                    if victims is not None and not (victims.vague and other_cause):
                        found[token.i] = victims
        for i, (value, lower_bound) in self.stated_counts(doc).items():
            found[i] = Victims(value, lower_bound, stated=True)
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
        if head.lower_ in ("who", "that") and head.head.dep_ == "relcl" and head.dep_ in ("nsubjpass", "nsubj"):
            # 'a couple who were killed with their two children': the couple, and the children with them
            antecedent = self._single(head.head.head, places) or self._pair(head.head.head)
            if antecedent is not None:
                companions = [v for v in (self._single(m, places) for m in self._companions(head)) if v is not None]
                if companions:
                    return Victims(antecedent.value + sum(v.value for v in companions), vague=antecedent.vague)
                if self._stated_number(head.head.head) and self._in_this_strike(head.head):
                    # 'the names of 18 family members who were killed in the strike': the antecedent's count
                    return Victims(antecedent.value, antecedent.lower_bound)
        members = self._members(head) + self._companions(head)
        if self._enumerates(members):
            # 'seven civilians, Ali (35), his wife Mona and ...': the names spell out the seven
            first = self._single(members[0], places)
            return None if first is None else Victims(first.value, spelled_out=True)
        if self._outcome_noun(head):
            # 'seven deaths and eight injuries', 'an unknown number of deaths and injuries': each noun its own kind
            return None if self._stated_number(head) else self._single(head, places)
        if len(members) == 1:
            # a lone number is the casualty reader's ('at least five'); only lists of numbers are ours
            return None if self._stated_number(head) else self._single(head, places)
        total, lower, vague, persons = 0, False, True, []
        numbered = any(self._stated_number(m) for m in members)
        for member in members:
            one = self._single(member, places)
            if one is None or one.kind or numbered and one.vague:
                continue  # 'more than 80 women and children': the number counts both
            total += one.value
            lower |= one.lower_bound
            vague &= one.vague
            persons.extend(one.persons)
        if total == 0 and not persons:
            return None
        return Victims(total, lower, vague, tuple(persons))

    def _in_this_strike(self, verb: Token) -> bool:
        """'who were killed in the strike': the article's own strike, told by a definite noun; not 'who had been
        killed on Monday' (other strikes, recalled) nor 'who were killed in a strike on a gathering' (another one)."""
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children):
            return False
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in self.strike_nouns
            and any(d.dep_ == "det" and d.lower_ in ("the", "this") for d in g.children) for g in c.children) for c in verb.children)

    def _outcome_noun(self, token: Token) -> bool:
        return token.lower_ in self.outcomes or token.lemma_.lower() in self.lex.counted_outcome_nouns

    def _members(self, head: Token) -> list[Token]:
        """The head and the people listed with it: conjuncts, and relatives in apposition ('Ali, his wife')."""
        found, todo = [head], [head]
        while todo:
            for child in todo.pop().children:
                if child.dep_ == "conj" or child.dep_ == "appos" and self._other_relative(child):
                    found.append(child)
                    todo.append(child)
        return sorted(found, key=lambda t: t.i)

    def _companions(self, head: Token) -> list[Token]:
        """'X was killed along with his three children', 'alongside his wife': the people killed with X."""
        if head.dep_ not in ("nsubjpass", "nsubj", "dobj"):
            return []
        found = []
        for owner in (head, head.head):
            for prep in owner.children:
                if prep.dep_ == "prep" and prep.lower_ in self.companion_words:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and self.outcome_kind(pobj) is None:  # not 'with shrapnel wounds'
                            found.extend(self._members(pobj))
        return found

    def _enumerates(self, members: list[Token]) -> bool:
        first = members[0]
        after = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
        return (len(members) > 1 and first.tag_ == "NNS" and self._stated_number(first) and after is not None
                and after.text in (",", ":", "–", "—", "-") and not any(self._stated_number(m) and m.tag_ == "NNS" for m in members[1:2]))

    def _other_relative(self, token: Token) -> bool:
        """'Ali, his wife' names the wife as well; 'Ali, a teacher' is Ali again, and so is 'a relative, Mona's
        father' (a named owner describes the same person)."""
        return token.lemma_.lower() in self.relations and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)

    def _single(self, token: Token, places: set[int]) -> Victims | None:
        lower, lemma = token.lower_, token.lemma_.lower()
        if token.i in places and not self._given_name(token, places) or self._large(token):
            return None
        if any(c.dep_ == "case" for c in token.children):
            return None  # "Samar's two daughters": Samar owns, the daughters are counted
        numbers = [c for c in token.children if c.dep_ in ("nummod", "quantmod") and is_number_word(c.text) and not self._age(c)]
        if token.like_num or is_number_word(lower):
            if token.dep_ != "pobj" and token.dep_ not in ("nsubj", "nsubjpass", "dobj") or self._age(token):
                return None  # 'Masa, aged two': an age in a list of names, not two more people
            value = read_number(token.text)
            return None if value is None else Victims(value)
        if numbers:
            value = read_number(numbers[0].text)
            return None if value is None else Victims(value)
        if lemma in self.group_nouns:  # 'a family of six'
            counted = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                       if g.dep_ == "pobj" and self._stated_number(g)]
            return self._single(counted[0], places) if counted else None
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
            owned = any(c.dep_ == "poss" and any(g.dep_ == "case" for g in c.children) for c in token.children)
            if not dets & _ONE and token.dep_ != "conj" and not owned:  # 'his mother and sister': the sister shares 'his'
                return None  # ('Ali's grandson' is one person)
            names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            # 'his wife Mona' is one named person; 'his wife' or 'a woman' one unnamed, whom another
            # sentence may call 'the mother' or 'an infant': only names are kept across sentences
            return Victims(1, persons=(frozenset(self._name_words(names[0])),) if names else ())
        if token.tag_ == "NN" and lemma not in self.not_people:
            # 'a renowned poet, Omar Abu Salem, was killed': whoever the noun says, the name makes one person
            named = [v for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" for v in [self._named(c)]
                     if v is not None and not v.vague]
            if named:
                return named[0]
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
    def _age(token: Token) -> bool:
        doc = token.doc
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        return before in ("aged", "age", "(") or after in ("years", "year", "-year", "months", ")")

    def _pair(self, token: Token) -> Victims | None:
        value = self.lex.pair_nouns.get(token.lower_, self.lex.pair_nouns.get(token.lemma_))
        return None if value is None else Victims(value)

    @staticmethod
    def _given_name(token: Token, places: set[int]) -> bool:
        """'Hamid Abu Salem': a family name that is also a town, after a given name that is none."""
        return token.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i and c.i not in places
                                             for c in token.children)

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
            if not of:
                return True  # 'an unknown number were wounded'
            return not any(self._large(g) for g in of) and (of[0].tag_ in ("NNS", "NNPS") or of[0].lower_ in self.plurals)
        return lower in self.plurals  # 'several missiles' are no people

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


def shared_vague_victims(trigger: Token) -> list[Token]:
    """'a number of civilians were killed and injured', 'injuring and killing several people': the second
    verb shares the first one's vague victims (a stated number shared by both is no count of either)."""
    found = (trigger.doc._.victims or {})
    shared = [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return [c for c in shared if c.i in found and found[c.i].vague]


@cache
def people_words() -> frozenset[str]:
    """Nouns that count people: the lexicon's person nouns and our plurals."""
    words = data_file("victims.json")
    return frozenset(lexicon().person_nouns | set(words["plural_people"])) - set(words["not_people"])


def lost_victims(trigger: Token, heads: list[Token]) -> list[Token]:
    """The reader's victim heads of a trigger, or the count phrase of its clause the parse hung elsewhere."""
    found = trigger.doc._.victims or {}
    if not heads:
        if trigger.i in found and found[trigger.i].kind:
            return [trigger]  # 'resulting in an unknown number of deaths': the outcome noun counts itself
        if trigger.tag_ == "VBN" and trigger.dep_ in ("pcomp", "advcl", "ccomp"):
            heads = [c for c in trigger.children if c.dep_ == "nsubj"]  # 'resulting in three people killed'
        else:
            # 'killing and wounding an unknown number of people': the first verb shares the second one's vague object
            heads = [o for c in trigger.children if c.dep_ == "conj" for o in c.children
                     if o.dep_ == "dobj" and o.i in found and found[o.i].vague]
    return orphaned_count(trigger, heads, trigger.doc._.victims or {}, people_words(), lexicon().kill_intransitive)


def combine(counted: tuple[int, bool, bool] | None, listed: Victims | None) -> tuple[tuple[int, bool, bool] | None, dict]:
    """The casualty reader's (value, lower_bound, increment) of a victim phrase, with our Victims of it:
    ours wins where the reader read nothing, where it counts more people ('his mother and sister'), or
    where names spell out a number the reader added to; a vague plural never beats a number. Also the
    Casualty fields that mark a figure known only by who the victims are (drafts.Count)."""
    if listed is not None and listed.stated:
        return (listed.value, listed.lower_bound, bool(counted and counted[2])), {}
    if listed is None or counted is not None and (listed.vague or listed.value < counted[0] and not listed.spelled_out):
        return counted, {}
    if counted is not None and listed.value == counted[0] and not listed.persons:
        return counted, {}  # 'a woman and her two daughters': the reader's own count
    merged = (listed.value, listed.lower_bound or bool(counted and counted[1]), bool(counted and counted[2]) and not listed.vague)
    return merged, {"vague": listed.vague, "persons": listed.persons, "listed": not listed.spelled_out}


@Language.factory("strikewatch_victims_v1", default_config={"plural_minimum": 2, "pronoun_minimum": 1})
def make_victim_counter(nlp: Language, name: str, plural_minimum: int, pronoun_minimum: int) -> VictimCounter:
    """plural_minimum: what a plural with no number counts as, at least ('others were hurt' = 2, Airwars'
    own rule and the least a plural can mean); pronoun_minimum: 'he was injured'."""
    return VictimCounter(nlp, plural_minimum=plural_minimum, pronoun_minimum=pronoun_minimum)
